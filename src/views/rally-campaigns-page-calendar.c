/* rally-campaigns-page-calendar.c
 *
 * Copyright 2026 The Rally authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "RallyCampaignsPage"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-campaigns-page-private.h"
#include "rally-date-utils.h"
#include "rally-post-editor.h"
#include "rally-role.h"

/* The content calendar of the Campaigns page: fills the month view with the planned
 * posts of the days it shows, filtered by channel, and turns its signals into
 * post editors, moves and deletions with Undo. */

static const char *
post_status_name (RallyPostStatus status)
{
  switch (status)
    {
    case RALLY_POST_STATUS_IDEA: return C_("post status", "Idea");
    case RALLY_POST_STATUS_DRAFT: return C_("post status", "Draft");
    case RALLY_POST_STATUS_SCHEDULED: return C_("post status", "Scheduled");
    case RALLY_POST_STATUS_PUBLISHED: return C_("post status", "Published");
    default: return "";
    }
}

static const char *
post_status_class (RallyPostStatus status)
{
  static const char *classes[] = { "post-idea", "post-draft", "post-scheduled", "post-published" };

  return status < G_N_ELEMENTS (classes) ? classes[status] : "post-idea";
}

static const char *
get_channel_filter (RallyCampaignsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->channel_filter);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->channels, selected);
}

static void
add_post (RallyCampaignsPage *self,
          RallyPlannedPost   *post)
{
  gint64 at = rally_planned_post_get_scheduled_at (post);
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (at);
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  const char *caption = rally_planned_post_get_caption (post);
  const char *channel = rally_planned_post_get_channel (post);
  RallyPostStatus status = rally_planned_post_get_status (post);
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;

  label = g_strdup_printf ("%s %s", time, caption[0] != '\0' ? caption : channel);
  /* Translators: a planned post: status, channel, time, then its caption */
  tooltip = g_strdup_printf (_("%s · %s · %s\n%s"), post_status_name (status), channel, time,
                             caption[0] != '\0' ? caption : _("No caption yet"));

  rally_month_view_add_item (self->month_view, rally_day_of_time_local (at), rally_planned_post_get_id (post),
                             label, tooltip, post_status_class (status));
}

static void
remember_channel (RallyCampaignsPage *self,
                  const char         *channel)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->channels));

  for (guint i = 1; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->channels, i), channel) == 0)
      return;

  if (channel[0] != '\0')
    gtk_string_list_append (self->channels, channel);
}

static void
update_month_label (RallyCampaignsPage *self)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (rally_month_view_get_year (self->month_view),
                                                 rally_month_view_get_month (self->month_view), 1, 0, 0, 0);
  /* Translators: the month the calendar shows, see the strftime manual */
  g_autofree char *text = g_date_time_format (dt, _("%B %Y"));

  gtk_label_set_label (self->month_label, text);
}

/**
 * _rally_campaigns_page_reload_calendar:
 *
 * Refills the month view from the store, when the calendar is shown: showing it
 * reloads it (rally_campaigns_page_show_calendar()), so a hidden calendar builds
 * no cells and runs no query.
 */
void
_rally_campaigns_page_reload_calendar (RallyCampaignsPage *self)
{
  g_autoptr(GListModel) posts = NULL;
  const char *channel = get_channel_filter (self);
  gint64 first, last;

  update_month_label (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "calendar") != 0)
    return;

  rally_month_view_clear_items (self->month_view);
  if (self->store == NULL)
    return;
  /* a viewer opens a post but does not drag it to another day */
  rally_month_view_set_items_movable (self->month_view, rally_role_may_edit (self->store));

  rally_month_view_get_range (self->month_view, &first, &last);
  posts = rally_store_list_posts (self->store, rally_day_to_time_local (first, 0, 0),
                                  rally_day_to_time_local (rally_day_add_days (last, 1), 0, 0));

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(RallyPlannedPost) post = g_list_model_get_item (posts, i);

      remember_channel (self, rally_planned_post_get_channel (post));
      if (channel == NULL || g_strcmp0 (channel, rally_planned_post_get_channel (post)) == 0)
        add_post (self, post);
    }
}

/* Deleting a post, with Undo */

static void
post_undo_cb (AdwToast           *toast,
              RallyCampaignsPage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (toast), "rally-post-id");
  g_autoptr(GError) error = NULL;

  if (g_object_get_data (G_OBJECT (toast), "rally-purged") != NULL)
    return;

  g_object_set_data (G_OBJECT (toast), "rally-undone", GINT_TO_POINTER (TRUE));
  if (!rally_store_undelete_planned_post (self->store, id, &error))
    _rally_campaigns_page_show_error (self, _("Could not restore the post"), error);
}

static void
post_delete_requested_cb (RallyPostEditor    *editor,
                          RallyPlannedPost   *post,
                          RallyCampaignsPage *self)
{
  gint64 id = rally_planned_post_get_id (post);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!rally_store_delete_planned_post (self->store, id, &error))
    {
      _rally_campaigns_page_show_error (self, _("Could not delete the post"), error);
      return;
    }

  /* Undo brings the post back; once the toast goes, the deletion is final */
  toast = adw_toast_new (_("Post deleted"));
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_timeout (toast, self->undo_timeout);
  g_object_set_data_full (G_OBJECT (toast), "rally-post-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (post_undo_cb), self, 0);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (_rally_campaigns_page_toast_dismissed_cb),
                         g_object_ref (self->store), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_set_object (&self->undo_toast, toast);
  _rally_campaigns_page_add_toast (self, toast);
}

static void
open_post_editor (RallyCampaignsPage *self,
                  RallyPlannedPost   *post,
                  gint64              day)
{
  RallyPostEditor *editor;
  gint64 campaign_id = rally_campaigns_page_get_selected_id (self);

  editor = rally_post_editor_new (self->store, post, day, campaign_id);
  g_signal_connect_object (editor, "delete-requested", G_CALLBACK (post_delete_requested_cb), self, 0);
  _rally_campaigns_page_present (self, GTK_WINDOW (editor));
}

void
_rally_campaigns_page_new_post (RallyCampaignsPage *self,
                                gint64              day)
{
  open_post_editor (self, NULL, day);
}

/* Month view signals */

static void
activate_day_cb (RallyCampaignsPage *self,
                 gint64              day)
{
  if (self->store != NULL)
    open_post_editor (self, NULL, day);
}

static void
activate_item_cb (RallyCampaignsPage *self,
                  gint64              id)
{
  g_autoptr(RallyPlannedPost) post = NULL;

  if (self->store == NULL || (post = rally_store_get_planned_post (self->store, id)) == NULL)
    return;

  open_post_editor (self, post, 0);
}

static void
move_item_cb (RallyCampaignsPage *self,
              gint64              id,
              gint64              day)
{
  rally_campaigns_page_move_post (self, id, day);
}

static void
month_changed_cb (RallyCampaignsPage *self)
{
  _rally_campaigns_page_reload_calendar (self);
}

/* Actions */

static void
show_month (RallyCampaignsPage *self,
            int                 delta)
{
  gint64 day = rally_day_from_ymd (rally_month_view_get_year (self->month_view),
                                   rally_month_view_get_month (self->month_view), 1);
  int y, m;

  rally_day_to_ymd (rally_day_add_months (day, delta), &y, &m, NULL);
  rally_month_view_set_month (self->month_view, y, m);
}

static void
previous_month_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  show_month (RALLY_CAMPAIGNS_PAGE (widget), -1);
}

static void
next_month_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  show_month (RALLY_CAMPAIGNS_PAGE (widget), 1);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  RallyCampaignsPage *self = RALLY_CAMPAIGNS_PAGE (widget);

  rally_month_view_set_focus_day (self->month_view, rally_day_today_local ());
}

/* A chip's whole caption, status, channel and time while it has the keyboard
 * focus, where a mouse user has its tooltip. */
static void
focus_item_cb (RallyCampaignsPage *self,
               const char         *text)
{
  gtk_label_set_text (self->calendar_focus_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->calendar_focus_label), text != NULL);
}

/* Under the month: what each chip colour means. */
static void
fill_legend (RallyCampaignsPage *self)
{
  for (RallyPostStatus status = RALLY_POST_STATUS_IDEA; status <= RALLY_POST_STATUS_PUBLISHED; status++)
    {
      GtkWidget *chip = gtk_label_new (post_status_name (status));

      gtk_widget_add_css_class (chip, "legend-chip");
      gtk_widget_add_css_class (chip, post_status_class (status));
      gtk_box_append (self->calendar_legend, chip);
    }
}

void
_rally_campaigns_page_init_calendar (RallyCampaignsPage *self)
{
  static gboolean actions_installed;
  GtkWidgetClass *widget_class = GTK_WIDGET_GET_CLASS (self);

  if (!actions_installed)
    {
      gtk_widget_class_install_action (widget_class, "campaigns.previous-month", NULL, previous_month_action);
      gtk_widget_class_install_action (widget_class, "campaigns.next-month", NULL, next_month_action);
      gtk_widget_class_install_action (widget_class, "campaigns.today", NULL, today_action);
      actions_installed = TRUE;
    }

  self->channels = gtk_string_list_new ((const char * const []) { _("All Channels"), NULL });
  for (const char * const *c = rally_post_channels (); *c != NULL; c++)
    gtk_string_list_append (self->channels, *c);
  gtk_drop_down_set_model (self->channel_filter, G_LIST_MODEL (self->channels));

  g_signal_connect_swapped (self->channel_filter, "notify::selected", G_CALLBACK (month_changed_cb), self);
  g_signal_connect_swapped (self->month_view, "activate-day", G_CALLBACK (activate_day_cb), self);
  g_signal_connect_swapped (self->month_view, "activate-item", G_CALLBACK (activate_item_cb), self);
  g_signal_connect_swapped (self->month_view, "move-item", G_CALLBACK (move_item_cb), self);
  g_signal_connect_swapped (self->month_view, "range-changed", G_CALLBACK (month_changed_cb), self);
  g_signal_connect_swapped (self->month_view, "focus-item", G_CALLBACK (focus_item_cb), self);
  fill_legend (self);
  update_month_label (self);
}

/**
 * rally_campaigns_page_move_post:
 * @post_id: a planned post
 * @day: the day to move it to; it keeps its time of day
 *
 * What dropping a post's chip on another day does.
 */
void
rally_campaigns_page_move_post (RallyCampaignsPage *self,
                                gint64              post_id,
                                gint64              day)
{
  g_autoptr(RallyPlannedPost) post = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RALLY_IS_CAMPAIGNS_PAGE (self));

  if (self->store == NULL || (post = rally_store_get_planned_post (self->store, post_id)) == NULL)
    return;

  local = g_date_time_new_from_unix_local (rally_planned_post_get_scheduled_at (post));
  rally_planned_post_set_scheduled_at (post, rally_day_to_time_local (day, g_date_time_get_hour (local),
                                                                      g_date_time_get_minute (local)));
  if (!rally_store_save_planned_post (self->store, post, &error))
    _rally_campaigns_page_show_error (self, _("Could not move the post"), error);
}
