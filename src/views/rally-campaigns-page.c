/* rally-campaigns-page.c
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
#include <string.h>

#include "rally-campaign-editor.h"
#include "rally-campaigns-page-private.h"
#include "rally-date-utils.h"
#include "rally-month-view.h"
#include "rally-report-dialog.h"
#include "rally-store-account.h"

/* The Campaigns page: a leaflet with the campaign list (search, status filter, sort)
 * beside a detail pane that shows either the selected campaign (goals, money,
 * challenges with sparklines, notes) or the content calendar
 * (rally-campaigns-page-calendar.c). With no campaign at all it welcomes the person
 * instead. Deleting offers Undo; the store purges the campaign once the toast goes. */

G_DEFINE_FINAL_TYPE (RallyCampaignsPage, rally_campaigns_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];


void
_rally_campaigns_page_add_toast (RallyCampaignsPage *self,
                                 AdwToast           *toast)
{
  rally_context_add_toast (self->context, toast);
}

/**
 * _rally_campaigns_page_show_error:
 * @what: what failed, translated: "Could not delete the campaign"
 */
void
_rally_campaigns_page_show_error (RallyCampaignsPage *self,
                                  const char         *what,
                                  const GError       *error)
{
  /* Translators: what failed, then why */
  g_autofree char *message = g_strdup_printf (_("%s: %s"), what, error->message);
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  _rally_campaigns_page_add_toast (self, toast);
}

void
_rally_campaigns_page_present (RallyCampaignsPage *self,
                               GtkWindow          *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (dialog, GTK_WINDOW (root));
  gtk_window_present (dialog);
}

/* Whether the workspace holds the charity's own account figures (a TikTok Studio
 * overview import, or a synced account). */
static gboolean
has_account_figures (RallyCampaignsPage *self)
{
  g_autoptr(RallyAccount) account = NULL;
  RallyStudioSummary summary = { 0 };

  if (self->store == NULL)
    return FALSE;
  account = rally_store_get_account (self->store, NULL);
  return account != NULL || (rally_store_get_studio_summary (self->store, 0, &summary, NULL) && summary.days > 0);
}

/* The welcome page is for a workspace with nothing in it: once the account's figures
 * are in, the (empty) list says where they are instead. */
static void
update_empty_state (RallyCampaignsPage *self)
{
  gboolean no_campaigns = self->campaigns == NULL || g_list_model_get_n_items (self->campaigns) == 0;
  gboolean empty = no_campaigns && !has_account_figures (self);
  gboolean no_results = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "main");
  gtk_stack_set_visible_child_name (self->list_stack, no_results ? "no-results" : "list");
  adw_status_page_set_icon_name (self->no_results_page, no_campaigns ? "rally-analytics-symbolic" : "edit-find-symbolic");
  adw_status_page_set_title (self->no_results_page, no_campaigns ? _("No Campaigns Yet") : _("No Results Found"));
  adw_status_page_set_description (self->no_results_page,
                                   no_campaigns ? _("Your TikTok account’s figures are on the Analytics page. "
                                                    "Plan a campaign to follow it here.")
                                                : _("Try a different search or status filter"));
}

static void
navigate_to_detail (RallyCampaignsPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

static void
filter_changed_cb (RallyCampaignsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_empty_state (self);
}

static void
sort_changed_cb (RallyCampaignsPage *self)
{
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* Signal callbacks */

static void
selection_changed_cb (RallyCampaignsPage *self)
{
  g_autoptr(RallyCampaign) campaign = gtk_single_selection_get_selected_item (self->selection)
                                      ? g_object_ref (gtk_single_selection_get_selected_item (self->selection))
                                      : NULL;

  if (campaign == NULL)
    return;

  gtk_list_box_unselect_all (self->nav_list);
  _rally_campaigns_page_show_campaign (self, campaign);
}

static void
list_activated_cb (RallyCampaignsPage *self,
                   guint               position)
{
  gtk_single_selection_set_selected (self->selection, position);
  selection_changed_cb (self);
  navigate_to_detail (self);
}

static void
nav_row_activated_cb (RallyCampaignsPage *self)
{
  rally_campaigns_page_show_calendar (self);
  navigate_to_detail (self);
}

/* A wide page shows the first campaign rather than an empty detail pane */
static void
maybe_select_first (RallyCampaignsPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || adw_leaflet_get_folded (self->leaflet) ||
      self->campaign != NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "none") != 0 ||
      g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) == 0)
    return;

  gtk_single_selection_set_selected (self->selection, 0);
  selection_changed_cb (self);
}

static void
items_changed_cb (RallyCampaignsPage *self)
{
  update_empty_state (self);
  maybe_select_first (self);
}

static void
store_changed_cb (RallyCampaignsPage *self,
                  const char         *table,
                  gint64              id)
{
  if (table == NULL || g_strcmp0 (table, "planned_posts") == 0)
    _rally_campaigns_page_reload_calendar (self);
  /* the campaign itself at once; its figures when the reader has them */
  if (table == NULL || g_strcmp0 (table, "campaigns") == 0)
    _rally_campaigns_page_refresh_detail (self);
  update_empty_state (self);
}

static void
figures_changed_cb (RallyCampaignsPage *self)
{
  _rally_campaigns_page_rebind_rows (self);
  _rally_campaigns_page_refresh_detail (self);
}

static void
folded_changed_cb (RallyCampaignsPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  /* Folded on the list, no row is "open": a highlighted row would look selected for nothing */
  if (folded && adw_leaflet_get_visible_child (self->leaflet) == self->list_pane)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

/* Undo of a deletion */

static void
undo_clicked_cb (AdwToast           *toast,
                 RallyCampaignsPage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (toast), "rally-campaign-id");
  g_autoptr(GError) error = NULL;

  if (g_object_get_data (G_OBJECT (toast), "rally-purged") != NULL)
    return;

  g_object_set_data (G_OBJECT (toast), "rally-undone", GINT_TO_POINTER (TRUE));
  if (!rally_store_undelete_campaign (self->store, id, &error))
    {
      _rally_campaigns_page_show_error (self, _("Could not restore the campaign"), error);
      return;
    }

  rally_campaigns_page_select_campaign (self, id);
}

/* A purge removes the deleted challenges' videos, in their hundreds of thousands
 * maybe (seconds of work): on a connection of its own, on a thread, so the window
 * never waits for it; the application stays up until it is done. */
typedef struct
{
  char   *location;  /* the workspace, opened again on the thread */
  gint64  before;
} PurgeJob;

static void
purge_job_free (gpointer data)
{
  PurgeJob *job = data;

  g_free (job->location);
  g_free (job);
}

static void
purge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PurgeJob *job = task_data;
  g_autoptr(RallyStore) store = NULL;
  GError *error = NULL;

  store = rally_store_open_another (job->location, &error);
  if (store != NULL && rally_store_purge_deleted (store, job->before, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
purged_cb (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GApplication *app = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not purge deleted records: %s", error->message);
  else
    /* another connection removed the rows: the lists read again */
    rally_store_emit_changed (RALLY_STORE (source_object), NULL, 0);
  if (app != NULL)
    {
      g_application_release (app);
      g_object_unref (app);
    }
}

static void
purge_deleted (RallyStore *store)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(GTask) task = NULL;
  PurgeJob *job = g_new0 (PurgeJob, 1);

  job->location = g_strdup (rally_store_get_data_dir (store));
  /* everything deleted up to now; later deletions keep their own Undo */
  job->before = g_get_real_time () / G_USEC_PER_SEC + 1;
  if (app != NULL)
    g_application_hold (g_object_ref (app));
  task = g_task_new (store, NULL, purged_cb, app);
  g_task_set_source_tag (task, purge_deleted);
  g_task_set_task_data (task, job, purge_job_free);
  g_task_run_in_thread (task, purge_thread);
}

void
_rally_campaigns_page_toast_dismissed_cb (AdwToast   *toast,
                                          RallyStore *store)
{
  if (g_object_get_data (G_OBJECT (toast), "rally-undone") != NULL)
    return;

  /* Also when the window closes with the toast still up: the deletion is final then */
  g_object_set_data (G_OBJECT (toast), "rally-purged", GINT_TO_POINTER (TRUE));
  purge_deleted (store);
}

/* Actions */

/* The store arrives through rally_campaigns_page_set_store(), after the first frame
 * when the page is hidden; asked for earlier, the page reads its context's store. */
static RallyStore *
ensure_store (RallyCampaignsPage *self)
{
  if (self->store == NULL && self->context != NULL)
    rally_campaigns_page_set_store (self, rally_context_get_store (self->context));

  return self->store;
}

static void
campaign_saved_cb (RallyCampaignEditor *editor,
                   RallyCampaign       *campaign,
                   RallyCampaignsPage  *self)
{
  rally_campaigns_page_select_campaign (self, rally_campaign_get_id (campaign));
}

static void
open_editor (RallyCampaignsPage *self,
             RallyCampaign      *campaign)
{
  RallyCampaignEditor *editor;

  if (ensure_store (self) == NULL)
    return;

  editor = rally_campaign_editor_new (self->store, campaign);
  g_signal_connect_object (editor, "saved", G_CALLBACK (campaign_saved_cb), self, 0);
  _rally_campaigns_page_present (self, GTK_WINDOW (editor));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RallyCampaignsPage *self = RALLY_CAMPAIGNS_PAGE (widget);

  if (self->campaign != NULL)
    open_editor (self, self->campaign);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  RallyCampaignsPage *self = RALLY_CAMPAIGNS_PAGE (widget);

  if (self->campaign != NULL && self->context != NULL)
    rally_report_dialog_present (widget, self->context, TRUE, rally_campaign_get_id (self->campaign),
                                 g_variant_get_string (param, NULL));
}

static RallyCampaignStatus
status_when_unarchived (RallyCampaign *campaign)
{
  gint64 today = rally_day_today_local ();
  gint64 start = rally_campaign_get_start_date (campaign);
  gint64 end = rally_campaign_get_end_date (campaign);

  if (end != 0 && end < today)
    return RALLY_CAMPAIGN_STATUS_COMPLETED;
  if (start != 0 && start <= today)
    return RALLY_CAMPAIGN_STATUS_ACTIVE;
  return RALLY_CAMPAIGN_STATUS_PLANNED;
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  RallyCampaignsPage *self = RALLY_CAMPAIGNS_PAGE (widget);
  g_autoptr(RallyCampaign) copy = NULL;
  g_autoptr(GError) error = NULL;

  if (self->campaign == NULL)
    return;

  copy = rally_record_copy (RALLY_RECORD (self->campaign));
  rally_campaign_set_status (copy, rally_campaign_get_status (copy) != RALLY_CAMPAIGN_STATUS_ARCHIVED
                                   ? RALLY_CAMPAIGN_STATUS_ARCHIVED : status_when_unarchived (copy));
  if (!rally_store_save_campaign (self->store, copy, &error))
    {
      _rally_campaigns_page_show_error (self, _("Could not archive the campaign"), error);
      return;
    }

  /* No toast: the detail pane shows the new status and the Unarchive button, and a
   * second toast would only queue behind a pending Undo. */
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RallyCampaignsPage *self = RALLY_CAMPAIGNS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;
  gint64 id;

  if (self->campaign == NULL)
    return;

  id = rally_campaign_get_id (self->campaign);
  if (!rally_store_delete_campaign (self->store, id, &error))
    {
      _rally_campaigns_page_show_error (self, _("Could not delete the campaign"), error);
      return;
    }

  _rally_campaigns_page_show_campaign (self, NULL);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);

  toast = adw_toast_new (_("Campaign deleted"));
  adw_toast_set_button_label (toast, _("Undo"));
  g_object_set_data_full (G_OBJECT (toast), "rally-campaign-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (_rally_campaigns_page_toast_dismissed_cb),
                         g_object_ref (self->store), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  adw_toast_set_timeout (toast, self->undo_timeout);
  /* Kept until the next deletion, so Undo can still reach it (and tests can) */
  g_set_object (&self->undo_toast, toast);
  _rally_campaigns_page_add_toast (self, toast);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RallyCampaignsPage *self = RALLY_CAMPAIGNS_PAGE (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* win.* actions, added to the window so its accelerators reach them */

static void
new_campaign_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  open_editor (RALLY_CAMPAIGNS_PAGE (user_data), NULL);
}

static void
new_post_activated (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  RallyCampaignsPage *self = user_data;

  if (ensure_store (self) != NULL)
    _rally_campaigns_page_new_post (self, rally_month_view_get_focus_day (self->month_view));
}

static void
search_activated (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  RallyCampaignsPage *self = user_data;

  if (gtk_stack_get_visible_child (self->stack) != GTK_WIDGET (self->leaflet))
    return;

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static const GActionEntry window_actions[] = {
  { "new-campaign", new_campaign_activated },
  { "new-post", new_post_activated },
  { "search-campaigns", search_activated },
};

static void
remove_window_actions (RallyCampaignsPage *self)
{
  if (self->window_actions == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (window_actions); i++)
    g_action_map_remove_action (G_ACTION_MAP (self->window_actions), window_actions[i].name);
  g_clear_object (&self->window_actions);
}

/* Ctrl+F belongs to whichever page is on screen */
static void
update_search_enabled (RallyCampaignsPage *self)
{
  GAction *action;

  if (self->window_actions == NULL)
    return;

  action = g_action_map_lookup_action (G_ACTION_MAP (self->window_actions), "search-campaigns");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), gtk_widget_get_mapped (GTK_WIDGET (self)));
}

/* GtkWidget overrides */

static void
rally_campaigns_page_root (GtkWidget *widget)
{
  RallyCampaignsPage *self = RALLY_CAMPAIGNS_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (rally_campaigns_page_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (G_IS_ACTION_MAP (root))
    {
      self->window_actions = G_ACTION_GROUP (g_object_ref (root));
      g_action_map_add_action_entries (G_ACTION_MAP (root), window_actions, G_N_ELEMENTS (window_actions), self);
      update_search_enabled (self);
    }
}

static void
rally_campaigns_page_unroot (GtkWidget *widget)
{
  remove_window_actions (RALLY_CAMPAIGNS_PAGE (widget));

  GTK_WIDGET_CLASS (rally_campaigns_page_parent_class)->unroot (widget);
}

static void
rally_campaigns_page_map (GtkWidget *widget)
{
  RallyCampaignsPage *self = RALLY_CAMPAIGNS_PAGE (widget);

  GTK_WIDGET_CLASS (rally_campaigns_page_parent_class)->map (widget);

  update_search_enabled (self);
  ensure_store (self);
  maybe_select_first (self);
}

static void
rally_campaigns_page_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rally_campaigns_page_parent_class)->unmap (widget);

  update_search_enabled (RALLY_CAMPAIGNS_PAGE (widget));
}

static void
rally_campaigns_page_dispose (GObject *object)
{
  RallyCampaignsPage *self = RALLY_CAMPAIGNS_PAGE (object);

  remove_window_actions (self);
  g_clear_object (&self->undo_toast);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  if (self->reader != NULL)
    g_clear_signal_handler (&self->figures_changed_id, self->reader);
  if (self->reach_cancellable != NULL)
    g_cancellable_cancel (self->reach_cancellable);
  g_clear_object (&self->reach_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), RALLY_TYPE_CAMPAIGNS_PAGE);

  g_clear_object (&self->campaign);
  g_clear_object (&self->selection);
  g_clear_object (&self->campaigns);
  g_clear_object (&self->channels);
  g_clear_object (&self->store);
  g_clear_object (&self->reader);
  g_clear_object (&self->context);
  g_clear_pointer (&self->bound_rows, g_hash_table_unref);
  g_clear_pointer (&self->reach, g_hash_table_unref);

  G_OBJECT_CLASS (rally_campaigns_page_parent_class)->dispose (object);
}

static void
rally_campaigns_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RallyCampaignsPage *self = RALLY_CAMPAIGNS_PAGE (object);

  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, self->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
rally_campaigns_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RallyCampaignsPage *self = RALLY_CAMPAIGNS_PAGE (object);

  if (prop_id == PROP_CONTEXT)
    g_set_object (&self->context, g_value_get_object (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
bind_children (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, archive_button);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, budget_label);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, calendar_row);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, campaign_list);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, challenges_list);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, channel_filter);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, color_swatch);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, description_group);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, import_studio_button);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, goals_list);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, meta_label);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, month_label);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, month_view);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, calendar_legend);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, calendar_focus_label);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, nav_list);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, notes_group);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, notes_label);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, raised_label);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, raised_row);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, status_label);
}

static void
rally_campaigns_page_class_init (RallyCampaignsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_campaigns_page_dispose;
  object_class->get_property = rally_campaigns_page_get_property;
  object_class->set_property = rally_campaigns_page_set_property;
  widget_class->root = rally_campaigns_page_root;
  widget_class->unroot = rally_campaigns_page_unroot;
  widget_class->map = rally_campaigns_page_map;
  widget_class->unmap = rally_campaigns_page_unmap;

  /* The store (once given), the toasts' window and, with the store, the figures. */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RALLY_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/rally-campaigns-page.ui");
  bind_children (widget_class);

  gtk_widget_class_install_action (widget_class, "campaigns.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "campaigns.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "campaigns.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "campaigns.export-report", "s", export_report_action);
  gtk_widget_class_install_action (widget_class, "campaigns.back", NULL, back_action);

  g_type_ensure (RALLY_TYPE_COLOR_SWATCH);
  g_type_ensure (RALLY_TYPE_MONTH_VIEW);
}

static void
setup_list (RallyCampaignsPage *self)
{
  GtkListItemFactory *factory = _rally_campaigns_page_new_row_factory (self);

  self->filter = gtk_custom_filter_new (_rally_campaigns_page_filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->sorter = gtk_custom_sorter_new (_rally_campaigns_page_sort_func, self, NULL);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model), GTK_SORTER (self->sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  gtk_list_view_set_factory (self->campaign_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->campaign_list, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->sort_model, "items-changed", G_CALLBACK (items_changed_cb), self);
  g_signal_connect_swapped (self->campaign_list, "activate", G_CALLBACK (list_activated_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->status_filter, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->sort_dropdown, "notify::selected", G_CALLBACK (sort_changed_cb), self);
  g_signal_connect_swapped (self->nav_list, "row-activated", G_CALLBACK (nav_row_activated_cb), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (folded_changed_cb), self);
}

/* GTK 4.8 names a drop-down's inner button by its type; give it the drop-down's name */
static void
name_drop_down_button (GtkDropDown *drop_down,
                       const char  *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
rally_campaigns_page_init (RallyCampaignsPage *self)
{
  self->bound_rows = g_hash_table_new (NULL, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  /* a build that ships its TikTok app key makes signing in the easiest way in */
  if (*TIKTOK_CLIENT_KEY != '\0')
    {
      gtk_widget_remove_css_class (self->import_studio_button, "suggested-action");
      gtk_widget_add_css_class (self->connect_button, "suggested-action");
      gtk_box_reorder_child_after (GTK_BOX (gtk_widget_get_parent (self->connect_button)), self->connect_button,
                                   NULL);
    }

  name_drop_down_button (self->status_filter, _("Status filter"));
  name_drop_down_button (self->sort_dropdown, _("Sort order"));
  name_drop_down_button (self->channel_filter, _("Channel filter"));

  self->undo_timeout = 10;
  setup_list (self);
  _rally_campaigns_page_init_calendar (self);
  _rally_campaigns_page_show_campaign (self, NULL);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->campaign_list));
}

/* The context's reader of the store's figures, or one of the page's own for a store
 * given without a context. */
static void
set_reader (RallyCampaignsPage *self)
{
  g_autoptr(RallyFiguresReader) reader = NULL;

  if (self->context != NULL && rally_context_get_store (self->context) == self->store)
    reader = g_object_ref (rally_context_get_reader (self->context));
  else
    reader = rally_figures_reader_new (self->store);

  if (self->reader != NULL)
    g_clear_signal_handler (&self->figures_changed_id, self->reader);
  g_set_object (&self->reader, reader);
  self->figures_changed_id = g_signal_connect_swapped (reader, "changed", G_CALLBACK (figures_changed_cb), self);
}

/* Public API */

/**
 * rally_campaigns_page_set_store:
 * @store: the workspace
 *
 * Shows the campaigns and planned posts of @store, and the welcome page while
 * there is no campaign.
 */
void
rally_campaigns_page_set_store (RallyCampaignsPage *self,
                                RallyStore         *store)
{
  g_return_if_fail (RALLY_IS_CAMPAIGNS_PAGE (self));
  g_return_if_fail (RALLY_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_set_object (&self->store, store);
  self->store_changed_id = g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
  set_reader (self);

  g_clear_object (&self->campaigns);
  self->campaigns = rally_store_list_campaigns (store);
  gtk_filter_list_model_set_model (self->filter_model, self->campaigns);
  _rally_campaigns_page_show_campaign (self, NULL);
  update_empty_state (self);
  _rally_campaigns_page_reload_calendar (self);
}

/**
 * rally_campaigns_page_get_store:
 *
 * Returns: (transfer none) (nullable): the workspace the page shows
 */
RallyStore *
rally_campaigns_page_get_store (RallyCampaignsPage *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGNS_PAGE (self), NULL);

  return ensure_store (self);
}

/**
 * rally_campaigns_page_select_campaign:
 *
 * Selects and shows the campaign @campaign_id, clearing a search or filter that
 * hides it.
 */
void
rally_campaigns_page_select_campaign (RallyCampaignsPage *self,
                                      gint64              campaign_id)
{
  GListModel *model;

  g_return_if_fail (RALLY_IS_CAMPAIGNS_PAGE (self));

  if (ensure_store (self) == NULL)
    return;

  for (int attempt = 0; attempt < 2; attempt++)
    {
      model = G_LIST_MODEL (self->sort_model);
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(RallyCampaign) c = g_list_model_get_item (model, i);

          if (rally_campaign_get_id (c) == campaign_id)
            {
              list_activated_cb (self, i);
              return;
            }
        }

      /* Not visible: show every campaign and look again */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_drop_down_set_selected (self->status_filter, FILTER_ALL);
      filter_changed_cb (self);
    }
}

/**
 * rally_campaigns_page_get_selected_id:
 *
 * Returns: the id of the campaign shown in the detail pane, or 0
 */
gint64
rally_campaigns_page_get_selected_id (RallyCampaignsPage *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGNS_PAGE (self), 0);

  if (self->campaign == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "campaign") != 0)
    return 0;
  return rally_campaign_get_id (self->campaign);
}

/**
 * rally_campaigns_page_get_visible_model:
 *
 * Returns: (transfer none): the campaigns as listed: filtered and sorted
 */
GListModel *
rally_campaigns_page_get_visible_model (RallyCampaignsPage *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGNS_PAGE (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

/**
 * rally_campaigns_page_get_undo_toast:
 *
 * Returns: (transfer none) (nullable): the toast of the last deletion of a campaign or a
 *   post (it may be gone from the screen already)
 */
AdwToast *
rally_campaigns_page_get_undo_toast (RallyCampaignsPage *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGNS_PAGE (self), NULL);

  return self->undo_toast;
}

/**
 * rally_campaigns_page_set_undo_timeout:
 * @seconds: how long "Campaign deleted" offers Undo, 0 for until closed
 */
void
rally_campaigns_page_set_undo_timeout (RallyCampaignsPage *self,
                                       guint               seconds)
{
  g_return_if_fail (RALLY_IS_CAMPAIGNS_PAGE (self));

  self->undo_timeout = seconds;
}

/**
 * rally_campaigns_page_set_narrow:
 * @narrow: whether the window is narrow (the view switcher sits at the bottom)
 *
 * A narrow window gets the welcome page's compact style, so every way in fits above
 * the view switcher bar.
 */
void
rally_campaigns_page_set_narrow (RallyCampaignsPage *self,
                                 gboolean            narrow)
{
  g_return_if_fail (RALLY_IS_CAMPAIGNS_PAGE (self));

  if (narrow)
    gtk_widget_add_css_class (GTK_WIDGET (self->empty_page), "compact");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->empty_page), "compact");
}

/**
 * rally_campaigns_page_new_item:
 *
 * Makes the thing of the pane in view, as Ctrl+N does: a planned post on the
 * content calendar, a campaign anywhere else.
 */
void
rally_campaigns_page_new_item (RallyCampaignsPage *self)
{
  g_return_if_fail (RALLY_IS_CAMPAIGNS_PAGE (self));

  if (gtk_stack_get_visible_child (self->stack) == GTK_WIDGET (self->leaflet)
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "calendar") == 0)
    new_post_activated (NULL, NULL, self);
  else
    open_editor (self, NULL);
}

/**
 * rally_campaigns_page_show_calendar:
 *
 * Shows the content calendar in the detail pane.
 */
void
rally_campaigns_page_show_calendar (RallyCampaignsPage *self)
{
  g_return_if_fail (RALLY_IS_CAMPAIGNS_PAGE (self));

  ensure_store (self);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_list_box_select_row (self->nav_list, self->calendar_row);
  gtk_label_set_label (self->detail_title, _("Content Calendar"));
  gtk_stack_set_visible_child_name (self->detail_stack, "calendar");
  _rally_campaigns_page_reload_calendar (self);
}

/**
 * rally_campaigns_page_get_month_view:
 *
 * Returns: (transfer none): the content calendar's month view
 */
RallyMonthView *
rally_campaigns_page_get_month_view (RallyCampaignsPage *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGNS_PAGE (self), NULL);

  return self->month_view;
}
