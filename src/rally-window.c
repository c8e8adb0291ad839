/* rally-window.c
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

#define G_LOG_DOMAIN "RallyWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-a11y.h"
#include "rally-analytics-page.h"
#include "rally-campaigns-page.h"
#include "rally-challenge-tracking.h"
#include "rally-challenges-page.h"
#include "rally-format.h"
#include "rally-import-dialog.h"
#include "rally-move-dialog.h"
#include "rally-offline-banner.h"
#include "rally-sample.h"
#include "rally-store.h"
#include "rally-sync-bar.h"
#include "rally-sync-error.h"
#include "rally-toast.h"
#include "rally-window.h"
#include "rally-workspace-location.h"

struct _RallyWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwBin               *analytics_slot;
  RallyCampaignsPage   *campaigns_page;
  GtkWidget            *cancel_sync_button;
  GtkWidget            *role_label;
  AdwBin               *challenges_slot;
  AdwViewStack         *stack;
  RallyOfflineBanner   *offline_banner;
  RallySyncBar         *sync_bar;
  AdwViewSwitcherTitle *switcher_title;
  AdwToastOverlay      *toast_overlay;

  /* Built on first show, in their slots */
  RallyAnalyticsPage   *analytics_page;
  RallyChallengesPage  *challenges_page;

  /* Owned */
  GSettings            *settings;
  GCancellable         *cancellable;
  GtkWindow            *help_overlay;    /* built on first use */
  guint                 pages_idle_id;
  gulong                page_changed_id;
  char                 *last_toast;

  gboolean              sync_requested;  /* this window's win.sync started the running sync */
};

G_DEFINE_FINAL_TYPE (RallyWindow, rally_window, ADW_TYPE_APPLICATION_WINDOW)

static RallyStore *get_store (RallyWindow *self);
static void sync_running_cb (RallyWindow *self);
static RallyContext *get_context (RallyWindow *self);

/* The Challenges and Analytics pages are built when first shown (or first asked for):
 * start-up pays only for the page a person sees. A page built later gets the store
 * at once (setting the same store again does nothing). */
static RallyChallengesPage *
ensure_challenges_page (RallyWindow *self)
{
  RallyStore *store = get_store (self);

  if (self->challenges_page == NULL)
    {
      self->challenges_page = g_object_new (RALLY_TYPE_CHALLENGES_PAGE, "context", get_context (self), NULL);
      adw_bin_set_child (self->challenges_slot, GTK_WIDGET (self->challenges_page));
    }
  if (store != NULL)
    {
      g_object_set (self->challenges_page, "context", get_context (self), NULL);
      rally_challenges_page_set_store (self->challenges_page, store);
    }

  return self->challenges_page;
}

/* The context's reader of the store's figures, or else one of the page's own. */
static void
give_store_to_analytics_page (RallyWindow *self,
                              RallyStore  *store)
{
  RallyContext *context = get_context (self);
  RallyFiguresReader *reader = context != NULL ? rally_context_get_reader (context) : NULL;

  if (reader != NULL && rally_figures_reader_get_store (reader) == store)
    rally_analytics_page_set_reader (self->analytics_page, reader);
  else
    rally_analytics_page_set_store (self->analytics_page, store);
}

static RallyAnalyticsPage *
ensure_analytics_page (RallyWindow *self)
{
  RallyStore *store = get_store (self);

  if (self->analytics_page == NULL)
    {
      self->analytics_page = g_object_new (RALLY_TYPE_ANALYTICS_PAGE, NULL);
      adw_bin_set_child (self->analytics_slot, GTK_WIDGET (self->analytics_page));
    }
  if (store != NULL)
    give_store_to_analytics_page (self, store);

  return self->analytics_page;
}

/* Builds the page in the stack's visible slot, if it is one. */
static void
ensure_visible_page (RallyWindow *self)
{
  GtkWidget *visible = adw_view_stack_get_visible_child (self->stack);

  if (visible == GTK_WIDGET (self->challenges_slot))
    ensure_challenges_page (self);
  else if (visible == GTK_WIDGET (self->analytics_slot))
    ensure_analytics_page (self);
}

static void
save_window_state (RallyWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_string (self->settings, "last-page", rally_window_get_page_name (self));
  g_settings_apply (self->settings);
}

static void
restore_window_state (RallyWindow *self)
{
  g_autofree char *page = NULL;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  page = g_settings_get_string (self->settings, "last-page");
  if (adw_view_stack_get_child_by_name (self->stack, page) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, page);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RallyWindow *self = RALLY_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_warning ("No page called “%s”", name);
      return;
    }

  adw_view_stack_set_visible_child_name (self->stack, name);
}

/* The "Show" of an import's toast: the account's own figures, on Analytics. */
static void
show_account_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  RallyWindow *self = RALLY_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->stack, "analytics");
  rally_analytics_page_show_account (ensure_analytics_page (self));
}

/* GtkApplication builds a help overlay found at <base>/gtk/help-overlay.ui with every
 * window it adds, some 25 million instructions before the first frame; ours is built
 * when first asked for. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  RallyWindow *self = RALLY_WINDOW (widget);

  if (self->help_overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/help-overlay.ui");

      self->help_overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_window_set_transient_for (self->help_overlay, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->help_overlay, TRUE);
      gtk_window_set_destroy_with_parent (self->help_overlay, TRUE);
      g_object_add_weak_pointer (G_OBJECT (self->help_overlay), (gpointer *) &self->help_overlay);
      rally_a11y_tidy_names (GTK_WIDGET (self->help_overlay));
    }

  gtk_window_present (self->help_overlay);
}

static void
new_challenge_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  RallyWindow *self = RALLY_WINDOW (widget);
  gint64 campaign_id = param != NULL ? g_variant_get_int64 (param) : 0;

  adw_view_stack_set_visible_child_name (self->stack, "challenges");
  rally_challenges_page_new_challenge (ensure_challenges_page (self), campaign_id);
}

/* Ctrl+N: the thing of the page in view. Analytics has nothing of its own to
 * make, so there it drafts a challenge, as the shortcuts window says. */
static void
new_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  RallyWindow *self = RALLY_WINDOW (widget);

  if (adw_view_stack_get_visible_child (self->stack) == GTK_WIDGET (self->campaigns_page))
    rally_campaigns_page_new_item (self->campaigns_page);
  else
    new_challenge_action (widget, "win.new-challenge", NULL);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  GtkWidget *found = NULL;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL && found == NULL;
       child = gtk_widget_get_next_sibling (child))
    found = find_descendant (child, type);

  return found;
}

/* The first challenge's All Videos, once its figures are read */
static gboolean
debug_open_all_videos (gpointer user_data)
{
  GtkWidget *tracking = find_descendant (GTK_WIDGET (user_data), RALLY_TYPE_CHALLENGE_TRACKING);

  if (tracking != NULL)
    g_signal_emit_by_name (gtk_widget_get_template_child (tracking, RALLY_TYPE_CHALLENGE_TRACKING,
                                                          "all_videos_button"), "clicked");
  return G_SOURCE_REMOVE;
}

/* RALLY_DEBUG_OPEN=new-challenge (or edit-challenge, challenges, all-videos, calendar, account, analytics,
 * analytics-aligned) opens the editor on a new challenge (or the first one, the Challenges
 * page, the first challenge's All Videos, the account's figures on Analytics, Analytics, Analytics aligned by launch day) at
 * start, for screenshots. */
static gboolean
debug_open (gpointer user_data)
{
  RallyWindow *self = user_data;
  const char *what = g_getenv ("RALLY_DEBUG_OPEN");

  if (g_strcmp0 (what, "new-challenge") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.new-challenge", NULL);
  else if (g_strcmp0 (what, "edit-challenge") == 0)
    gtk_widget_activate_action (GTK_WIDGET (ensure_challenges_page (self)), "challenges.edit", NULL);
  else if (g_strcmp0 (what, "challenges") == 0 || g_strcmp0 (what, "all-videos") == 0)
    {
      adw_view_stack_set_visible_child_name (self->stack, "challenges");
      if (g_str_equal (what, "all-videos"))
        g_timeout_add_full (G_PRIORITY_DEFAULT, 2000, debug_open_all_videos, g_object_ref (self), g_object_unref);
    }
  else if (g_strcmp0 (what, "calendar") == 0)
    rally_campaigns_page_show_calendar (self->campaigns_page);
  else if (g_strcmp0 (what, "account") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-account", NULL);
  else if (g_strcmp0 (what, "analytics") == 0 || g_strcmp0 (what, "analytics-aligned") == 0)
    {
      adw_view_stack_set_visible_child_name (self->stack, "analytics");
      rally_analytics_page_set_aligned (ensure_analytics_page (self), g_str_equal (what, "analytics-aligned"));
    }
  else if (g_strcmp0 (what, "preferences") == 0)
    g_action_group_activate_action (G_ACTION_GROUP (gtk_window_get_application (GTK_WINDOW (self))),
                                    "preferences", NULL);
  else if (g_strcmp0 (what, "connect") == 0 || g_strcmp0 (what, "sync") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), g_str_equal (what, "sync") ? "win.sync" : "win.connect-account",
                                NULL);

  return G_SOURCE_REMOVE;
}

/* RALLY_REPORT_FIRST_FRAME=1 makes the window print the monotonic time of its first painted
 * frame and quit: tests/bench-startup.c compares that with a blank libadwaita window. */
static void
first_frame_painted_cb (GdkFrameClock *clock,
                        RallyWindow   *self)
{
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted_cb, self);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

/* Another Rally, `rally import` or a cron `rally sync` may write to the workspace too:
 * the store watches for them from the first painted frame on, which does not need it. */
static void
first_frame_watch_cb (GdkFrameClock *clock,
                      RallyWindow   *self)
{
  RallyStore *store = get_store (self);

  g_signal_handlers_disconnect_by_func (clock, first_frame_watch_cb, self);
  if (store != NULL)
    rally_store_watch_other_writers (store);
  rally_offline_banner_set_store (self->offline_banner, store);
}

static void
watch_after_first_frame_cb (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (widget, watch_after_first_frame_cb, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (first_frame_watch_cb), widget, 0);
}

static void
report_first_frame_cb (GtkWidget *widget)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (first_frame_painted_cb), widget);
}

static RallyStore *
get_store (RallyWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return RALLY_IS_APPLICATION (app) ? rally_application_get_store (RALLY_APPLICATION (app)) : NULL;
}

static RallyContext *
get_context (RallyWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return RALLY_IS_APPLICATION (app) ? rally_application_get_context (RALLY_APPLICATION (app)) : NULL;
}

/* Runs in a worker thread, on its own connection to the workspace database, so the
 * window stays responsive while some 57 thousand rows are written. */
static void
create_sample_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  const char *data_dir = task_data;
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = rally_store_open (data_dir, &error);
  if (store == NULL || !rally_sample_create (store, 1, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
create_sample_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RallyWindow *self = RALLY_WINDOW (object);
  g_autoptr(GError) error = NULL;
  RallyStore *store = get_store (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.explore-sample", TRUE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rally_window_add_toast (self, adw_toast_new_format (_("The sample workspace could not be created: %s"),
                                                            error->message));
      return;
    }

  /* Another connection wrote the rows: every live list reloads. */
  if (store != NULL)
    rally_store_emit_changed (store, NULL, 0);
  rally_window_add_toast (self, adw_toast_new (_("Sample workspace created")));
}

static void
explore_sample_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  RallyWindow *self = RALLY_WINDOW (widget);
  RallyStore *store = get_store (self);
  g_autoptr(GTask) task = NULL;

  if (store == NULL)
    return;

  if (!rally_store_is_empty (store))
    {
      rally_window_add_toast (self, adw_toast_new (_("The sample workspace goes only into an empty workspace")));
      return;
    }

  gtk_widget_action_set_enabled (widget, "win.explore-sample", FALSE);

  task = g_task_new (self, self->cancellable, create_sample_cb, NULL);
  g_task_set_source_tag (task, explore_sample_action);
  g_task_set_task_data (task, g_strdup (rally_store_get_data_dir (store)), g_free);
  g_task_run_in_thread (task, create_sample_thread);
}

/* ------------------------------------------------------------------ */
/* The first run's ways in                                             */

static void
import_chosen_cb (GtkNativeDialog *native,
                  int              response,
                  RallyWindow     *self)
{
  RallyContext *context = get_context (self);

  if (response == GTK_RESPONSE_ACCEPT && context != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        rally_import_open_file_in_context (GTK_WINDOW (self), context, file);
    }
  g_object_unref (native);
}

/* A file chooser that shows only files ending in @suffix, then the import flow a
 * dropped file takes (a Studio CSV is previewed, a backup asks before restoring). */
static void
choose_import (RallyWindow *self,
               const char  *title,
               const char  *filter_name,
               const char  *suffix)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (get_store (self) == NULL)
    return;
  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (import_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
import_studio_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  choose_import (RALLY_WINDOW (widget), _("Import a TikTok Studio Export"), _("TikTok Studio exports (CSV)"),
                 "csv");
}

/* "Move to Team Server…": copies this local workspace to a PostgreSQL server. */
static void
move_to_server_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  RallyWindow *self = RALLY_WINDOW (widget);
  RallyStore *store = get_store (self);

  if (store == NULL)
    return;
  if (rally_workspace_location_is_server (rally_store_get_data_dir (store)))
    {
      rally_window_add_toast (self, adw_toast_new (_("This workspace is on a team server already")));
      return;
    }
  gtk_window_present (GTK_WINDOW (rally_move_dialog_new (GTK_WINDOW (self), store)));
}

static void
import_backup_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  choose_import (RALLY_WINDOW (widget), _("Import a Backup"), _("Rally backups (JSON)"), "json");
}

static void
connect_account_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));

  if (RALLY_IS_APPLICATION (app))
    rally_application_connect_account (RALLY_APPLICATION (app));
}

static void
connect_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     RallyWindow      *self)
{
  if (g_str_equal (response, "connect"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.connect-account", NULL);
  else if (g_str_equal (response, "import"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.import-studio", NULL);
}

/* Sync Now before anything is set up: not a failure, but the ways to get figures. */
static void
offer_to_connect (RallyWindow *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Connect Rally to TikTok"),
                                              _("Rally syncs your organisation’s own TikTok account once you "
                                                "sign in to it. Without a connection, import the CSV files "
                                                "TikTok Studio exports: Rally works fully offline."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Not Now"),
                                    "import", _("_Import an Export…"),
                                    "connect", _("_Connect Account…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "connect",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "connect");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (connect_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static RallySyncController *
get_sync_controller (RallyWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return RALLY_IS_APPLICATION (app) ? rally_application_get_sync_controller (RALLY_APPLICATION (app)) : NULL;
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RallyWindow *self = RALLY_WINDOW (widget);
  RallySyncController *controller = get_sync_controller (self);

  if (controller == NULL)
    return;
  self->sync_requested = TRUE;
  if (!rally_sync_controller_start (controller))
    {
      self->sync_requested = FALSE;
      if (rally_sync_controller_get_offline (controller))
        rally_window_add_toast (self, adw_toast_new (_("No network: sync again once you are online")));
    }
}

static void
cancel_sync_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RallySyncController *controller = get_sync_controller (RALLY_WINDOW (widget));

  if (controller != NULL)
    rally_sync_controller_cancel (controller);
}

/* Whether the person's role lets them change the workspace (a sync writes to it too). */
static gboolean
may_edit (RallyWindow *self)
{
  RallyStore *store = get_store (self);

  return store == NULL || rally_store_role_can_edit (rally_store_get_role (store));
}

/* The window's actions that change the workspace follow the person's role, all here;
 * the pages gate their own (rally-role.h). A viewer sees "Read Only" in the header. */
static void
apply_role (RallyWindow *self)
{
  static const char * const widget_actions[] = {
    "win.new-challenge", "win.new-item", "win.new-challenge-for-campaign", "win.explore-sample",
    "win.import-studio", "win.import-backup",
  };
  static const char * const map_actions[] = { "new-campaign", "new-post" };
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  gboolean editable = may_edit (self);
  GAction *action;

  for (guint i = 0; i < G_N_ELEMENTS (widget_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), widget_actions[i], editable);
  for (guint i = 0; i < G_N_ELEMENTS (map_actions); i++)
    if ((action = g_action_map_lookup_action (G_ACTION_MAP (self), map_actions[i])) != NULL)
      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), editable);
  if (app != NULL && (action = g_action_map_lookup_action (G_ACTION_MAP (app), "import")) != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), editable);

  gtk_widget_set_visible (self->role_label, !editable);
  sync_running_cb (self);
}

static void
sync_running_cb (RallyWindow *self)
{
  RallySyncController *controller = get_sync_controller (self);
  gboolean running = controller != NULL && rally_sync_controller_get_running (controller);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", !running && may_edit (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", running);
  gtk_widget_set_visible (self->cancel_sync_button, running);
}

static AdwToast *
new_synced_toast (RallySyncController *controller)
{
  guint challenges = rally_sync_controller_get_n_challenges (controller);
  guint videos = rally_sync_controller_get_n_videos (controller);
  g_autofree char *n_videos = rally_format_integer (videos);
  g_autofree char *videos_text = NULL;

  /* Translators: the end of "Synced 3 challenges, 1,240 videos" */
  videos_text = g_strdup_printf (ngettext ("%s video", "%s videos", videos), n_videos);
  /* Translators: %u is a number of challenges, %s the number of videos, e.g. "1,240 videos" */
  return adw_toast_new_format (ngettext ("Synced %u challenge, %s", "Synced %u challenges, %s", challenges),
                               challenges, videos_text);
}

static void
sync_finished_cb (RallySyncController *controller,
                  const GError        *error,
                  RallyWindow         *self)
{
  gboolean requested = self->sync_requested;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  self->sync_requested = FALSE;
  /* a periodic sync that went well just updates the figures: no toast every interval */
  if (error == NULL && requested)
    rally_window_add_toast (self, new_synced_toast (controller));
  else if (error == NULL)
    return;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    rally_window_add_toast (self, adw_toast_new (_("Sync cancelled")));
  else if (g_error_matches (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NOT_CONNECTED) && requested)
    offer_to_connect (self);
  else if (g_error_matches (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS) && requested &&
           RALLY_IS_APPLICATION (app))
    rally_application_show_preferences (RALLY_APPLICATION (app), error->message);
  /* any other failure stays in the sync bar, with the stored figures untouched */
}

static void
bind_sync_controller (RallyWindow *self)
{
  RallySyncController *controller = get_sync_controller (self);

  rally_sync_bar_set_controller (self->sync_bar, controller);
  if (controller == NULL)
    return;
  g_signal_connect_object (controller, "notify::running", G_CALLBACK (sync_running_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "finished", G_CALLBACK (sync_finished_cb), self, 0);
  sync_running_cb (self);
}

/* A TikTok Studio CSV or a backup dropped on the window is imported like a chosen one. */
static gboolean
file_dropped_cb (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 RallyWindow   *self)
{
  RallyContext *context = get_context (self);

  if (context == NULL || !G_VALUE_HOLDS (value, G_TYPE_FILE))
    return FALSE;

  rally_import_open_file_in_context (GTK_WINDOW (self), context, g_value_get_object (value));
  return TRUE;
}

/* The application (and so its store) arrives after init, as a property. */
/* Gives the store to every page built so far that lacks it. */
static void
give_store_to_pages (RallyWindow *self)
{
  RallyStore *store = get_store (self);

  g_clear_handle_id (&self->pages_idle_id, g_source_remove);
  if (store == NULL)
    return;

  rally_campaigns_page_set_store (self->campaigns_page, store);
  if (self->challenges_page != NULL)
    rally_challenges_page_set_store (self->challenges_page, store);
  if (self->analytics_page != NULL)
    give_store_to_analytics_page (self, store);
}

static gboolean
give_store_to_pages_idle_cb (gpointer user_data)
{
  RallyWindow *self = user_data;

  self->pages_idle_id = 0;
  give_store_to_pages (self);

  return G_SOURCE_REMOVE;
}

/* The visible page gets the store at once; the Campaigns page, when hidden, after the
 * first frame (at low priority, behind drawing), so start-up pays only for what a
 * person sees first. A page that becomes visible before then gets it at that moment. */
static void
application_changed_cb (RallyWindow *self)
{
  RallyStore *store = get_store (self);
  GtkWidget *visible = adw_view_stack_get_visible_child (self->stack);

  bind_sync_controller (self);

  if (store == NULL)
    return;

  /* the context is only held: the page reads the store when it gets it below */
  g_object_set (self->campaigns_page, "context", get_context (self), NULL);
  if (visible == GTK_WIDGET (self->campaigns_page))
    rally_campaigns_page_set_store (self->campaigns_page, store);
  else
    ensure_visible_page (self);
  apply_role (self);

  if (self->pages_idle_id == 0)
    self->pages_idle_id = g_idle_add_full (G_PRIORITY_LOW, give_store_to_pages_idle_cb, self, NULL);
}

static void
visible_page_changed_cb (RallyWindow *self)
{
  if (self->pages_idle_id != 0)
    give_store_to_pages (self);
  ensure_visible_page (self);
}

/* The view switcher moved to the bottom bar (or back): the window is narrow. */
static void
narrow_changed_cb (RallyWindow *self)
{
  rally_campaigns_page_set_narrow (self->campaigns_page, adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static gboolean
rally_window_close_request (GtkWindow *window)
{
  save_window_state (RALLY_WINDOW (window));

  return GTK_WINDOW_CLASS (rally_window_parent_class)->close_request (window);
}

static void
rally_window_dispose (GObject *object)
{
  RallyWindow *self = RALLY_WINDOW (object);

  /* the stack's pages go next: building one as it becomes visible would be a waste */
  g_clear_signal_handler (&self->page_changed_id, self->stack);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pages_idle_id, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->last_toast, g_free);
  if (self->help_overlay != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->help_overlay), (gpointer *) &self->help_overlay);
      gtk_window_destroy (g_steal_pointer (&self->help_overlay));
    }

  G_OBJECT_CLASS (rally_window_parent_class)->dispose (object);
}

static void
rally_window_class_init (RallyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rally_window_dispose;
  window_class->close_request = rally_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/rally-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RallyWindow, analytics_slot);
  gtk_widget_class_bind_template_child (widget_class, RallyWindow, campaigns_page);
  gtk_widget_class_bind_template_child (widget_class, RallyWindow, cancel_sync_button);
  gtk_widget_class_bind_template_child (widget_class, RallyWindow, challenges_slot);
  gtk_widget_class_bind_template_child (widget_class, RallyWindow, role_label);
  gtk_widget_class_bind_template_child (widget_class, RallyWindow, offline_banner);
  gtk_widget_class_bind_template_child (widget_class, RallyWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RallyWindow, sync_bar);
  gtk_widget_class_bind_template_child (widget_class, RallyWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RallyWindow, toast_overlay);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-account", NULL, show_account_action);
  gtk_widget_class_install_action (widget_class, "win.new-challenge", NULL, new_challenge_action);
  gtk_widget_class_install_action (widget_class, "win.new-item", NULL, new_item_action);
  gtk_widget_class_install_action (widget_class, "win.new-challenge-for-campaign", "x", new_challenge_action);
  gtk_widget_class_install_action (widget_class, "win.explore-sample", NULL, explore_sample_action);
  gtk_widget_class_install_action (widget_class, "win.import-studio", NULL, import_studio_action);
  gtk_widget_class_install_action (widget_class, "win.import-backup", NULL, import_backup_action);
  gtk_widget_class_install_action (widget_class, "win.move-to-server", NULL, move_to_server_action);
  gtk_widget_class_install_action (widget_class, "win.connect-account", NULL, connect_account_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-sync", NULL, cancel_sync_action);
  /* only while a sync runs: a disabled action lets Escape go on to other handlers */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-sync", NULL);

  g_type_ensure (RALLY_TYPE_CAMPAIGNS_PAGE);
  g_type_ensure (RALLY_TYPE_SYNC_BAR);
  g_type_ensure (RALLY_TYPE_OFFLINE_BANNER);
}

static void
rally_window_init (RallyWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  rally_a11y_tidy_names (GTK_WIDGET (self));
  rally_a11y_keep_own_label (self->cancel_sync_button, _("Cancel Sync"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", FALSE);

  self->settings = g_settings_new (BASE_APPLICATION_ID);
  self->cancellable = g_cancellable_new ();
  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);
  self->page_changed_id = g_signal_connect_swapped (self->stack, "notify::visible-child",
                                                    G_CALLBACK (visible_page_changed_cb), self);
  g_signal_connect_object (self->switcher_title, "notify::title-visible", G_CALLBACK (narrow_changed_cb), self,
                           G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (file_dropped_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  restore_window_state (self);

  g_signal_connect (self, "map", G_CALLBACK (watch_after_first_frame_cb), NULL);
  if (g_getenv ("RALLY_REPORT_FIRST_FRAME") != NULL)
    g_signal_connect (self, "map", G_CALLBACK (report_first_frame_cb), NULL);
}

RallyWindow *
rally_window_new (RallyApplication *application)
{
  RallyWindow *self = g_object_new (RALLY_TYPE_WINDOW,
                                    "application", application,
                                    NULL);

  if (g_getenv ("RALLY_DEBUG_OPEN") != NULL)
    g_idle_add_full (G_PRIORITY_LOW, debug_open, g_object_ref (self), g_object_unref);

  return self;
}

/**
 * rally_window_get_page_name:
 *
 * Returns: the name of the visible page: "campaigns", "challenges" or "analytics".
 */
const char *
rally_window_get_page_name (RallyWindow *self)
{
  g_return_val_if_fail (RALLY_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

/**
 * rally_window_get_page:
 * @name: "campaigns", "challenges" or "analytics"
 *
 * The page called @name, built now if it was not yet shown.
 *
 * Returns: (transfer none) (nullable): the page, %NULL for an unknown name
 */
GtkWidget *
rally_window_get_page (RallyWindow *self,
                       const char  *name)
{
  g_return_val_if_fail (RALLY_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "campaigns"))
    return GTK_WIDGET (self->campaigns_page);
  if (g_str_equal (name, "challenges"))
    return GTK_WIDGET (ensure_challenges_page (self));
  if (g_str_equal (name, "analytics"))
    return GTK_WIDGET (ensure_analytics_page (self));

  return NULL;
}

/* libadwaita 1.2 cuts a toast's title to one line ("Backup restored: 3 campaign…" at
 * 360 px): a long one wraps in a label of our own instead, narrow enough in a narrow
 * window for the toast's buttons to stay in view. */
#define TOAST_SHORT_CHARS 28

static void
wrap_toast_title (RallyWindow *self,
                  AdwToast    *toast)
{
  const char *title = adw_toast_get_title (toast);
  gboolean narrow = gtk_widget_get_width (GTK_WIDGET (self)) < 600;
  GtkLabel *label;

  if (title == NULL || g_utf8_strlen (title, -1) <= TOAST_SHORT_CHARS || adw_toast_get_custom_title (toast) != NULL)
    return;

  label = rally_toast_set_title_label (toast);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (label, 0);
  gtk_label_set_max_width_chars (label, !narrow ? 2 * TOAST_SHORT_CHARS
                                        : adw_toast_get_button_label (toast) != NULL ? TOAST_SHORT_CHARS - 8
                                        : TOAST_SHORT_CHARS);
}

void
rally_window_add_toast (RallyWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (RALLY_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_free (self->last_toast);
  self->last_toast = g_strdup (adw_toast_get_title (toast));
  wrap_toast_title (self, toast);
  rally_toast_plain_title (toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Returns: (nullable): the title of the last toast shown, for tests */
const char *
rally_window_get_last_toast (RallyWindow *self)
{
  g_return_val_if_fail (RALLY_IS_WINDOW (self), NULL);

  return self->last_toast;
}
