/* rally-post-editor.c
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

#define G_LOG_DOMAIN "RallyPostEditor"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-a11y.h"
#include "rally-conflict-banner.h"
#include "rally-conflict-dialog.h"
#include "rally-date-utils.h"
#include "rally-model.h"
#include "rally-narrow-bar.h"
#include "rally-post-editor.h"
#include "rally-role.h"

/* The form that plans or edits a post of the content calendar: day, time, channel,
 * status, caption, and links to a campaign and a challenge. It edits a copy and
 * saves it to the store; Delete emits ::delete-requested so the page can offer Undo. */

struct _RallyPostEditor
{
  AdwWindow         parent_instance;

  /* Template children */
  AdwWindowTitle   *window_title;
  RallyConflictBanner *conflict_banner;
  GtkMenuButton    *date_button;
  GtkCalendar      *calendar;
  GtkSpinButton    *hour_spin;
  GtkSpinButton    *minute_spin;
  AdwComboRow      *channel_row;
  AdwComboRow      *status_row;
  GtkTextView      *caption_view;
  GtkLabel         *error_label;
  AdwComboRow      *campaign_row;
  AdwComboRow      *challenge_row;
  GtkWidget        *delete_button;
  GtkWidget        *save_button;
  AdwSqueezer      *save_squeezer;
  GtkActionBar     *narrow_bar;

  /* Owned */
  RallyStore       *store;
  RallyPlannedPost *post;
  GtkStringList    *channels;
  GtkStringList    *campaign_names;
  GArray           *campaign_ids;    /* gint64, parallel to campaign_names */
  GtkStringList    *challenge_names;
  GArray           *challenge_ids;
  GError           *error;
  gint64            day;
  gboolean          loading;
};

G_DEFINE_FINAL_TYPE (RallyPostEditor, rally_post_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  DELETE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const channels[] = {
  "TikTok", "Instagram", "YouTube", "Facebook", "X", "LinkedIn", "Mastodon", "Bluesky",
  "Threads", NULL
};

/* Auxiliary methods */

static guint
find_id (GArray *ids,
         gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;

  return 0;
}

static void
fill_links (RallyPostEditor *self)
{
  g_autoptr(GListModel) campaigns = rally_store_list_campaigns (self->store);
  g_autoptr(GListModel) challenges = rally_store_list_challenges (self->store, 0);
  gint64 none = 0;

  g_array_append_val (self->campaign_ids, none);
  gtk_string_list_append (self->campaign_names, C_("campaign", "None"));
  for (guint i = 0; i < g_list_model_get_n_items (campaigns); i++)
    {
      g_autoptr(RallyCampaign) c = g_list_model_get_item (campaigns, i);
      gint64 id = rally_campaign_get_id (c);

      g_array_append_val (self->campaign_ids, id);
      gtk_string_list_append (self->campaign_names, rally_campaign_get_name (c));
    }

  g_array_append_val (self->challenge_ids, none);
  gtk_string_list_append (self->challenge_names, C_("challenge", "None"));
  for (guint i = 0; i < g_list_model_get_n_items (challenges); i++)
    {
      g_autoptr(RallyChallenge) c = g_list_model_get_item (challenges, i);
      gint64 id = rally_challenge_get_id (c);
      g_autofree char *tag = g_strdup_printf ("#%s", rally_challenge_get_hashtag (c));

      g_array_append_val (self->challenge_ids, id);
      gtk_string_list_append (self->challenge_names, tag);
    }

  adw_combo_row_set_model (self->campaign_row, G_LIST_MODEL (self->campaign_names));
  adw_combo_row_set_model (self->challenge_row, G_LIST_MODEL (self->challenge_names));
}

static void
update_date_button (RallyPostEditor *self)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (self->day);
  /* Translators: the day of a post in its form, see the strftime manual */
  g_autofree char *label = g_date_time_format (dt, _("%a %-d %b %Y"));
  int y, m, d;
  g_autoptr(GDateTime) local = NULL;

  gtk_menu_button_set_label (self->date_button, label);

  rally_day_to_ymd (self->day, &y, &m, &d);
  local = g_date_time_new_local (y, m, d, 0, 0, 0);
  self->loading = TRUE;
  gtk_calendar_select_day (self->calendar, local);
  self->loading = FALSE;
}

static char *
get_caption (RallyPostEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->caption_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
read_form (RallyPostEditor *self)
{
  RallyPlannedPost *p = self->post;
  g_autofree char *caption = get_caption (self);
  guint channel = adw_combo_row_get_selected (self->channel_row);
  guint status = adw_combo_row_get_selected (self->status_row);
  guint campaign = adw_combo_row_get_selected (self->campaign_row);
  guint challenge = adw_combo_row_get_selected (self->challenge_row);

  rally_planned_post_set_scheduled_at (p, rally_day_to_time_local (self->day,
                                                                   gtk_spin_button_get_value_as_int (self->hour_spin),
                                                                   gtk_spin_button_get_value_as_int (self->minute_spin)));
  rally_planned_post_set_channel (p, channel == GTK_INVALID_LIST_POSITION ? ""
                                     : gtk_string_list_get_string (self->channels, channel));
  rally_planned_post_set_status (p, status == GTK_INVALID_LIST_POSITION ? RALLY_POST_STATUS_IDEA : status);
  rally_planned_post_set_caption (p, caption);
  rally_planned_post_set_campaign_id (p, campaign < self->campaign_ids->len
                                         ? g_array_index (self->campaign_ids, gint64, campaign) : 0);
  rally_planned_post_set_challenge_id (p, challenge < self->challenge_ids->len
                                          ? g_array_index (self->challenge_ids, gint64, challenge) : 0);
}

static void
validate (RallyPostEditor *self)
{
  g_clear_error (&self->error);
  read_form (self);
  rally_planned_post_validate (self->post, &self->error);

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->error != NULL);
  if (self->error != NULL)
    gtk_label_set_label (self->error_label, self->error->message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->error == NULL && rally_role_may_edit (self->store));
}

static void
load_post (RallyPostEditor *self)
{
  RallyPlannedPost *p = self->post;
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (rally_planned_post_get_scheduled_at (p));
  const char *channel = rally_planned_post_get_channel (p);
  guint position = 0;

  self->loading = TRUE;
  self->day = rally_day_of_time_local (rally_planned_post_get_scheduled_at (p));
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (local));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (local));

  while (position < g_list_model_get_n_items (G_LIST_MODEL (self->channels)) &&
         g_strcmp0 (gtk_string_list_get_string (self->channels, position), channel) != 0)
    position++;
  if (position == g_list_model_get_n_items (G_LIST_MODEL (self->channels)) && channel[0] != '\0')
    gtk_string_list_append (self->channels, channel);
  adw_combo_row_set_selected (self->channel_row, position);

  adw_combo_row_set_selected (self->status_row, rally_planned_post_get_status (p));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->caption_view), rally_planned_post_get_caption (p), -1);
  adw_combo_row_set_selected (self->campaign_row, find_id (self->campaign_ids, rally_planned_post_get_campaign_id (p)));
  adw_combo_row_set_selected (self->challenge_row, find_id (self->challenge_ids, rally_planned_post_get_challenge_id (p)));
  self->loading = FALSE;

  update_date_button (self);
}

/* Signal callbacks */

static void
field_changed_cb (RallyPostEditor *self)
{
  if (!self->loading && self->post != NULL)
    validate (self);
}

static void
day_selected_cb (RallyPostEditor *self)
{
  g_autoptr(GDateTime) dt = NULL;

  if (self->loading)
    return;

  dt = gtk_calendar_get_date (self->calendar);
  rally_post_editor_set_day (self, rally_day_from_ymd (g_date_time_get_year (dt), g_date_time_get_month (dt),
                                                       g_date_time_get_day_of_month (dt)));
  gtk_menu_button_popdown (self->date_button);
}

static gboolean
two_digits_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RallyPostEditor *self = RALLY_POST_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  validate (self);
  if (self->error != NULL)
    return;

  /* Deleted meanwhile: what was typed comes back as a new post, as the banner says. */
  if (rally_conflict_banner_get_state (self->conflict_banner) == RALLY_RECORD_DELETED)
    rally_record_set_id (RALLY_RECORD (self->post), 0);

  if (!rally_store_save_planned_post (self->store, self->post, &error))
    {
      if (rally_conflict_dialog_offer (GTK_WINDOW (self), self->store, RALLY_RECORD (self->post),
                                       RALLY_RECORD (self->post), "editor.save", error))
        return;

      g_autofree char *message = g_strdup_printf (_("Could not save the post: %s"), error->message);

      gtk_label_set_label (self->error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, self->post);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RallyPostEditor *self = RALLY_POST_EDITOR (widget);

  g_signal_emit (self, signals[DELETE_REQUESTED], 0, self->post);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject overrides */

static void
rally_post_editor_dispose (GObject *object)
{
  RallyPostEditor *self = RALLY_POST_EDITOR (object);

  g_clear_object (&self->post);
  gtk_widget_dispose_template (GTK_WIDGET (object), RALLY_TYPE_POST_EDITOR);

  G_OBJECT_CLASS (rally_post_editor_parent_class)->dispose (object);
}

static void
rally_post_editor_finalize (GObject *object)
{
  RallyPostEditor *self = RALLY_POST_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->post);
  g_clear_object (&self->channels);
  g_clear_object (&self->campaign_names);
  g_clear_object (&self->challenge_names);
  g_clear_pointer (&self->campaign_ids, g_array_unref);
  g_clear_pointer (&self->challenge_ids, g_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (rally_post_editor_parent_class)->finalize (object);
}

static void
rally_post_editor_class_init (RallyPostEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_post_editor_dispose;
  object_class->finalize = rally_post_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, RALLY_TYPE_PLANNED_POST);
  signals[DELETE_REQUESTED] = g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, RALLY_TYPE_PLANNED_POST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/rally-post-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RallyPostEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, RallyPostEditor, campaign_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPostEditor, caption_view);
  gtk_widget_class_bind_template_child (widget_class, RallyPostEditor, challenge_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPostEditor, conflict_banner);
  gtk_widget_class_bind_template_child (widget_class, RallyPostEditor, channel_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPostEditor, date_button);
  gtk_widget_class_bind_template_child (widget_class, RallyPostEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, RallyPostEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, RallyPostEditor, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, RallyPostEditor, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, RallyPostEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, RallyPostEditor, save_squeezer);
  gtk_widget_class_bind_template_child (widget_class, RallyPostEditor, narrow_bar);
  gtk_widget_class_bind_template_child (widget_class, RallyPostEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPostEditor, window_title);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);

  g_type_ensure (RALLY_TYPE_CONFLICT_BANNER);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rally_post_editor_init (RallyPostEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rally_a11y_tidy_names (GTK_WIDGET (self));
  rally_narrow_bar_follow (self->save_squeezer, self->save_button, self->narrow_bar);

  self->channels = gtk_string_list_new ((const char * const *) channels);
  self->campaign_names = gtk_string_list_new (NULL);
  self->challenge_names = gtk_string_list_new (NULL);
  self->campaign_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->challenge_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (self->channels));

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->caption_view), "changed",
                            G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);
  g_signal_connect (self->hour_spin, "output", G_CALLBACK (two_digits_output_cb), NULL);
  g_signal_connect (self->minute_spin, "output", G_CALLBACK (two_digits_output_cb), NULL);
  g_signal_connect_swapped (self->hour_spin, "value-changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->minute_spin, "value-changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->channel_row, "notify::selected", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->campaign_row, "notify::selected", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->challenge_row, "notify::selected", G_CALLBACK (field_changed_cb), self);
}

/* Public API */

/**
 * rally_post_channels:
 *
 * Returns: (transfer none): the channels the form offers, %NULL-terminated
 */
const char * const *
rally_post_channels (void)
{
  return channels;
}

/**
 * rally_post_editor_new:
 * @store: where to save
 * @post: (nullable): the post to edit, or %NULL to plan a new one
 * @day: the day of a new post (ignored when editing)
 * @campaign_id: the campaign a new post belongs to, or 0
 *
 * Returns: (transfer full): the form
 */
RallyPostEditor *
rally_post_editor_new (RallyStore       *store,
                       RallyPlannedPost *post,
                       gint64            day,
                       gint64            campaign_id)
{
  RallyPostEditor *self;

  g_return_val_if_fail (RALLY_IS_STORE (store), NULL);
  g_return_val_if_fail (post == NULL || RALLY_IS_PLANNED_POST (post), NULL);

  self = g_object_new (RALLY_TYPE_POST_EDITOR, NULL);
  self->store = g_object_ref (store);
  fill_links (self);

  if (post != NULL)
    {
      self->post = rally_record_copy (RALLY_RECORD (post));
      rally_conflict_banner_watch (self->conflict_banner, store, G_OBJECT (post),
                                   _("This post was changed elsewhere since you opened it. Saving lets you "
                                     "keep theirs or yours, or compare the two."),
                                   _("This post was deleted elsewhere since you opened it. Saving adds "
                                     "what you see here as a new post."));
      adw_window_title_set_title (self->window_title, _("Edit Post"));
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Post"));
      gtk_widget_set_visible (self->delete_button, rally_role_may_edit (self->store));
    }
  else
    {
      self->post = rally_planned_post_new ();
      rally_planned_post_set_scheduled_at (self->post, rally_day_to_time_local (day, 12, 0));
      rally_planned_post_set_channel (self->post, channels[0]);
      rally_planned_post_set_campaign_id (self->post, campaign_id);
    }

  load_post (self);
  validate (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->caption_view));

  return self;
}

/**
 * rally_post_editor_get_post:
 *
 * Returns: (transfer none): the post as the form reads now
 */
RallyPlannedPost *
rally_post_editor_get_post (RallyPostEditor *self)
{
  g_return_val_if_fail (RALLY_IS_POST_EDITOR (self), NULL);

  return self->post;
}

/**
 * rally_post_editor_set_day:
 *
 * Moves the post to @day, keeping its time; what picking a day in the calendar does.
 */
void
rally_post_editor_set_day (RallyPostEditor *self,
                           gint64           day)
{
  g_return_if_fail (RALLY_IS_POST_EDITOR (self));

  self->day = day;
  update_date_button (self);
  validate (self);
}

gboolean
rally_post_editor_is_valid (RallyPostEditor *self)
{
  g_return_val_if_fail (RALLY_IS_POST_EDITOR (self), FALSE);

  return self->error == NULL;
}
