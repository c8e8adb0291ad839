/* rally-application.c
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

#define G_LOG_DOMAIN "RallyApplication"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-a11y.h"
#include "rally-application.h"
#include "rally-cli.h"
#include "rally-context.h"
#include "rally-import-dialog.h"
#include "rally-preferences-window.h"
#include "rally-store-error-dialog.h"
#include "rally-store.h"
#include "rally-window.h"
#include "rally-workspace-location.h"

struct _RallyApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *data_dir;
  RallyStore     *store;
  RallySyncController *sync_controller;
  RallyContext   *context;
};

G_DEFINE_FINAL_TYPE (RallyApplication, rally_application, ADW_TYPE_APPLICATION)

static RallyWindow *
get_active_window (RallyApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return RALLY_IS_WINDOW (window) ? RALLY_WINDOW (window) : NULL;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  RallyApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Close windows first so each saves its state; the application then exits by itself. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  RallyApplication *self = user_data;
  static const char *developers[] = { "The Rally authors", NULL };
  g_autofree char *debug_info = NULL;
  GtkWidget *about;

  debug_info = g_strdup_printf ("Rally %s (%s)\nGTK %u.%u.%u\nlibadwaita %u.%u.%u\nGLib %u.%u.%u\n",
                                PACKAGE_VERSION, PROFILE,
                                gtk_get_major_version (), gtk_get_minor_version (),
                                gtk_get_micro_version (),
                                adw_get_major_version (), adw_get_minor_version (),
                                adw_get_micro_version (),
                                glib_major_version, glib_minor_version, glib_micro_version);

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", get_active_window (self),
                        "application-name", _("Rally"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Rally authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Plan, launch and track hashtag challenges for good causes"),
                        "website", "https://github.com/rallyapp/rally",
                        "issue-url", "https://github.com/rallyapp/rally/issues",
                        "developers", developers,
                        /* Translators: replace with your names, one per line */
                        "translator-credits", _("translator-credits"),
                        "copyright", "© 2026 The Rally authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "debug-info", debug_info,
                        NULL);
  rally_a11y_tidy_names (about);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  rally_application_show_preferences (RALLY_APPLICATION (user_data), NULL);
}

/* For the desktop file, scripts (gapplication action … sync) and D-Bus: the window's Sync Now. */
static void
sync_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  RallyWindow *window = get_active_window (RALLY_APPLICATION (user_data));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
}

static void
import_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  RallyApplication *self = user_data;
  RallyWindow *window = get_active_window (self);

  if (window != NULL && self->store != NULL)
    rally_import_choose_file (GTK_WINDOW (window), self->context);
}

static void
export_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  RallyApplication *self = user_data;
  RallyWindow *window = get_active_window (self);

  if (window != NULL && self->store != NULL)
    rally_export_choose_file (GTK_WINDOW (window), self->context);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "sync", sync_action },
  { "import", import_action },
  { "export", export_action },
};

static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.sync", { "<Control>r", NULL } },
  { "win.show-page::campaigns", { "<Alt>1", NULL } },
  { "win.show-page::challenges", { "<Alt>2", NULL } },
  { "win.show-page::analytics", { "<Alt>3", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.new-item", { "<Control>n", NULL } },
  { "win.new-campaign", { "<Control><Shift>n", NULL } },
  { "win.new-post", { "<Control><Shift>p", NULL } },
  { "win.search-campaigns", { "<Control>f", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
};

static void
rally_application_startup (GApplication *app)
{
  RallyApplication *self = RALLY_APPLICATION (app);

  G_APPLICATION_CLASS (rally_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           app_accels[i].action, app_accels[i].accels);
}

static void show_store_error (RallyApplication *self,
                              const GError     *error);

static void
store_error_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         RallyApplication *self)
{
  g_autofree char *moved_to = NULL;
  g_autoptr(GError) error = NULL;
  RallyWindow *window;

  if (g_strcmp0 (response, RALLY_STORE_ERROR_RESPONSE_MOVE_ASIDE) != 0)
    {
      g_application_quit (G_APPLICATION (self));
      return;
    }

  if (!rally_store_move_aside (rally_application_get_data_dir (self), &moved_to, &error))
    {
      show_store_error (self, error);
      return;
    }

  g_application_activate (G_APPLICATION (self));

  window = get_active_window (self);
  if (window != NULL && moved_to != NULL)
    {
      g_autofree char *basename = g_path_get_basename (moved_to);

      /* Translators: %s is a file name such as rally.db.broken-20260101-120000 */
      rally_window_add_toast (window, adw_toast_new_format (_("The old workspace was kept as %s"), basename));
    }
}

static void
show_store_error (RallyApplication *self,
                  const GError     *error)
{
  GtkWidget *dialog = rally_store_error_dialog_new (NULL, error);

  g_debug ("Could not open the workspace: %s", error->message);

  /* The dialog keeps the application running while it is shown. */
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_object (dialog, "response", G_CALLBACK (store_error_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The context's toasts go to the window in front. */
static void
add_toast_to_active_window (AdwToast *toast,
                            gpointer  user_data)
{
  RallyWindow *window = get_active_window (user_data);

  if (window != NULL)
    rally_window_add_toast (window, toast);
  else
    g_object_unref (toast);
}

/* Opens the workspace once; on failure explains why and returns FALSE. */
static gboolean
ensure_store (RallyApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store != NULL)
    return TRUE;

  if (rally_workspace_location_check (rally_application_get_data_dir (self), &error))
    self->store = rally_store_open (rally_application_get_data_dir (self), &error);
  if (self->store != NULL)
    {
      g_clear_object (&self->sync_controller);
      self->sync_controller = rally_sync_controller_new (self->store, rally_application_get_settings (self), NULL);
      g_clear_object (&self->context);
      self->context = rally_context_new (self->store, NULL, self->sync_controller, rally_application_get_settings (self));
      rally_context_set_toast_func (self->context, add_toast_to_active_window, self, NULL);
      return TRUE;
    }

  show_store_error (self, error);
  return FALSE;
}

static void
rally_application_activate (GApplication *app)
{
  RallyApplication *self = RALLY_APPLICATION (app);
  RallyWindow *window = get_active_window (self);

  if (!ensure_store (self))
    return;

  if (window == NULL)
    window = rally_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
}

static int
rally_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  RallyApplication *self = RALLY_APPLICATION (app);
  const char *data_dir = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("rally %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "workspace", "^&ay", &data_dir) ||
      g_variant_dict_lookup (options, "data-dir", "^&ay", &data_dir))
    rally_application_set_data_dir (self, data_dir);

  return G_APPLICATION_CLASS (rally_application_parent_class)->handle_local_options (app, options);
}

static void
rally_application_finalize (GObject *object)
{
  RallyApplication *self = RALLY_APPLICATION (object);

  g_clear_object (&self->context);
  g_clear_object (&self->sync_controller);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (rally_application_parent_class)->finalize (object);
}

static void
rally_application_class_init (RallyApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rally_application_finalize;

  app_class->startup = rally_application_startup;
  app_class->activate = rally_application_activate;
  app_class->handle_local_options = rally_application_handle_local_options;
}

static void
rally_application_init (RallyApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the workspace in the folder LOCATION (default: $RALLY_WORKSPACE, else the user data folder)"),
      N_("LOCATION") },
    { "data-dir", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, NULL, NULL, NULL },
    { NULL }
  };
  g_autofree char *summary = rally_cli_describe_commands ();

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[COMMAND …]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Plan, launch and track hashtag challenges for good causes."));
  g_application_set_option_context_description (G_APPLICATION (self), summary);
}

RallyApplication *
rally_application_new (void)
{
  return g_object_new (RALLY_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

GSettings *
rally_application_get_settings (RallyApplication *self)
{
  g_return_val_if_fail (RALLY_IS_APPLICATION (self), NULL);

  /* Created on first use, so `rally --help` and `--version` work without the schema. */
  if (self->settings == NULL)
    self->settings = g_settings_new (BASE_APPLICATION_ID);

  return self->settings;
}

/**
 * rally_application_get_data_dir:
 *
 * Returns: the folder holding the workspace: `--workspace` (or `--data-dir`) when
 *   given, else `$RALLY_WORKSPACE`, else `$XDG_DATA_HOME/rally`.
 */
const char *
rally_application_get_data_dir (RallyApplication *self)
{
  g_return_val_if_fail (RALLY_IS_APPLICATION (self), NULL);

  if (self->data_dir == NULL)
    self->data_dir = rally_workspace_location_resolve (NULL);

  return self->data_dir;
}

void
rally_application_set_data_dir (RallyApplication *self,
                                const char       *data_dir)
{
  g_return_if_fail (RALLY_IS_APPLICATION (self));

  g_free (self->data_dir);
  self->data_dir = g_strdup (data_dir);
}

/**
 * rally_application_get_store:
 * @self: a #RallyApplication
 *
 * The workspace store, opened when the application is activated. Every window of the
 * application exists only once the store is open.
 *
 * Returns: (transfer none) (nullable): the store, or %NULL before it could be opened
 */
RallyStore *
rally_application_get_store (RallyApplication *self)
{
  g_return_val_if_fail (RALLY_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * rally_application_get_context:
 *
 * What the pages, editors and dialogs of the application's windows are handed.
 *
 * Returns: (transfer none) (nullable): the context, or %NULL before the store is open
 */
RallyContext *
rally_application_get_context (RallyApplication *self)
{
  g_return_val_if_fail (RALLY_IS_APPLICATION (self), NULL);

  return self->context;
}

/**
 * rally_application_get_sync_controller:
 *
 * Returns: (transfer none) (nullable): the workspace's sync, or %NULL before the store is open
 */
RallySyncController *
rally_application_get_sync_controller (RallyApplication *self)
{
  g_return_val_if_fail (RALLY_IS_APPLICATION (self), NULL);

  return self->sync_controller;
}

/* The open Preferences window, or a new one, in front of the active window. */
static RallyPreferencesWindow *
present_preferences (RallyApplication *self)
{
  RallyPreferencesWindow *prefs = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL && prefs == NULL; l = l->next)
    if (RALLY_IS_PREFERENCES_WINDOW (l->data))
      prefs = l->data;
  if (prefs == NULL)
    {
      prefs = rally_preferences_window_new (GTK_APPLICATION (self));
      if (self->context != NULL)
        rally_preferences_window_set_context (prefs, self->context);
      gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (get_active_window (self)));
    }
  gtk_window_present (GTK_WINDOW (prefs));
  return prefs;
}

/**
 * rally_application_show_preferences:
 * @message: (nullable): why the preferences open, e.g. what is missing for a sync
 */
void
rally_application_show_preferences (RallyApplication *self,
                                    const char       *message)
{
  RallyPreferencesWindow *prefs;

  g_return_if_fail (RALLY_IS_APPLICATION (self));

  prefs = present_preferences (self);
  if (message != NULL)
    rally_preferences_window_show_message (prefs, message);
}

/**
 * rally_application_connect_account:
 *
 * Opens Preferences at the organisation's TikTok account, ready to sign in.
 */
void
rally_application_connect_account (RallyApplication *self)
{
  g_return_if_fail (RALLY_IS_APPLICATION (self));

  rally_preferences_window_focus_account (present_preferences (self));
}
