/* rally-preferences-window-workspace.c
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

/* The Workspace page: This Computer or a Team Server (a libpq address, an optional
 * password, Test Connection in a worker thread), and Open…, which after a confirmation
 * saves the choice (the `workspace` setting) and asks the application to reopen
 * (app.open-workspace). The address is checked as it is typed and may not carry a
 * password: the setting is a file. A password that libpq did not find itself (.pgpass,
 * PGPASSFILE) goes to the keyring and to the driver's memory, never to a file. */

#define G_LOG_DOMAIN "RallyPreferencesWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-preferences-window-private.h"
#include "rally-store.h"
#include "rally-team-credentials.h"
#include "rally-team-server.h"
#include "rally-wipe.h"
#include "rally-workspace-location.h"

typedef struct
{
  char                *uri;
  char                *password;
  RallyTeamServerInfo  info;
} Probe;

static void
probe_free (Probe *probe)
{
  g_free (probe->uri);
  rally_wipe_free (probe->password);
  rally_team_server_info_clear (&probe->info);
  g_free (probe);
}

static gboolean
server_chosen (RallyPreferencesWindow *self)
{
  return gtk_check_button_get_active (self->workspace_server_check);
}

/* The workspace the windows show: the application's, else what a start would open. */
static char *
dup_current_location (RallyPreferencesWindow *self)
{
  g_autofree char *setting = NULL;

  if (self->context != NULL)
    return g_strdup (rally_store_get_data_dir (rally_context_get_store (self->context)));
  setting = g_settings_get_string (self->settings, "workspace");
  return rally_workspace_location_resolve_with_setting (NULL, setting);
}

/* What is wrong with the typed address, or NULL; @ok says whether it can be used. */
static char *
check_uri (const char *uri,
           gboolean   *ok)
{
  g_auto(RallyTeamServerInfo) info = { 0 };
  g_autoptr(GError) error = NULL;

  *ok = FALSE;
  if (*uri == '\0')
    return NULL;
  if (!rally_workspace_location_is_server (uri))
    return g_strdup (_("A team server’s address starts with postgresql://"));
  if (!rally_team_server_identify (uri, &info, &error))
    return g_strdup (error->message);
  if (info.uri_has_password)
    return g_strdup (_("Leave the password out of the address, which is saved in the settings: "
                       "type it under Password instead"));
  *ok = TRUE;
  return NULL;
}

/* Shows what is wrong with the typed address; returns it when it can be used. */
static char *
dup_checked_uri (RallyPreferencesWindow *self)
{
  g_autofree char *uri = _rally_preferences_window_dup_row_text (self->server_uri_row);
  g_autofree char *problem = NULL;
  gboolean ok;

  problem = check_uri (uri, &ok);
  if (problem != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->server_uri_error), problem);
  gtk_widget_set_visible (GTK_WIDGET (self->server_uri_error), problem != NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->server_uri_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->server_uri_row), "error");
  return ok ? g_steal_pointer (&uri) : NULL;
}

void
_rally_preferences_window_update_workspace (RallyPreferencesWindow *self)
{
  g_autofree char *current = dup_current_location (self);
  g_autofree char *described = rally_workspace_location_describe (current);
  g_autofree char *folder = rally_workspace_location_get_default ();
  g_autofree char *local = NULL;
  g_autofree char *uri = dup_checked_uri (self);
  gboolean can_open;

  adw_action_row_set_subtitle (self->workspace_current_row, described);
  /* Translators: %s is a folder */
  local = g_strdup_printf (_("Only you, in %s"), folder);
  adw_action_row_set_subtitle (self->workspace_local_row, local);
  gtk_widget_set_visible (GTK_WIDGET (self->server_group), server_chosen (self));

  if (server_chosen (self))
    can_open = uri != NULL && g_strcmp0 (uri, current) != 0;
  else
    can_open = g_strcmp0 (folder, current) != 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->workspace_open_button), can_open);
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_test_button),
                            uri != NULL && !gtk_widget_get_visible (GTK_WIDGET (self->server_test_spinner)));
}

/* ------------------------------------------------------------------ */
/* Test Connection                                                     */

static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Probe *probe = task_data;
  GError *error = NULL;

  if (rally_team_server_probe (probe->uri, probe->password, &probe->info, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Connects to the typed server in a worker thread; @callback gets the Probe. */
static void
start_probe (RallyPreferencesWindow *self,
             const char             *uri,
             GAsyncReadyCallback     callback)
{
  g_autoptr(GTask) task = NULL;
  Probe *probe = g_new0 (Probe, 1);

  g_cancellable_cancel (self->server_cancellable);
  g_clear_object (&self->server_cancellable);
  self->server_cancellable = g_cancellable_new ();

  probe->uri = g_strdup (uri);
  probe->password = _rally_preferences_window_dup_row_text (self->server_password_row);
  task = g_task_new (NULL, self->server_cancellable, callback, g_object_ref (self));
  g_task_set_source_tag (task, start_probe);
  g_task_set_task_data (task, probe, (GDestroyNotify) probe_free);
  /* a window closed meanwhile does not wait for the connection to time out */
  g_task_set_return_on_cancel (task, TRUE);
  _rally_preferences_window_show_busy (self->server_test_row, self->server_test_icon, self->server_test_spinner,
                                       GTK_WIDGET (self->server_test_button));
  g_task_run_in_thread (task, probe_thread);
}

/* The sentence a probe ends with: who, where, and where the password came from. */
static char *
describe_probe (const Probe  *probe,
                const GError *error)
{
  const RallyTeamServerInfo *info = &probe->info;
  g_autofree char *connected = NULL;

  if (error != NULL && info->password_needed)
    /* Translators: %s is why the connection failed */
    return g_strdup_printf (_("%s. The server asks for a password: type it under Password, or put it in "
                              "~/.pgpass"), error->message);
  if (error != NULL)
    return g_strdup (error->message);

  /* Translators: Connected as ROLE to “DATABASE” on HOST */
  connected = g_strdup_printf (_("Connected as %s to “%s” on %s"), info->user, info->database, info->host);
  if (info->password_given)
    /* Translators: %s is “Connected as … on …” */
    return g_strdup_printf (_("%s. The password typed here is kept in the keyring when you open this "
                              "workspace."), connected);
  if (info->password_needed)
    /* Translators: %s is “Connected as … on …” */
    return g_strdup_printf (_("%s, with the password libpq found in its password file (~/.pgpass or PGPASSFILE)"), connected);
  return g_steal_pointer (&connected);
}

/* Takes the probe's answer into the Test Connection row; returns the probe when it
 * connected, NULL when it failed or was cancelled. */
static Probe *
finish_probe (RallyPreferencesWindow *self,
              GAsyncResult           *result)
{
  g_autoptr(GError) error = NULL;
  Probe *probe = g_task_get_task_data (G_TASK (result));
  g_autofree char *text = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;
  text = describe_probe (probe, error);
  _rally_preferences_window_show_result (self->server_test_row, self->server_test_icon, self->server_test_spinner,
                                         GTK_WIDGET (self->server_test_button), ok, text);
  _rally_preferences_window_update_workspace (self);
  return ok ? probe : NULL;
}

static void
tested_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RallyPreferencesWindow) self = user_data;

  finish_probe (self, result);
}

static void
test_clicked_cb (RallyPreferencesWindow *self)
{
  g_autofree char *uri = dup_checked_uri (self);

  if (uri != NULL)
    start_probe (self, uri, tested_cb);
}

/* ------------------------------------------------------------------ */
/* Opening                                                             */

typedef struct
{
  RallyPreferencesWindow *self;
  char                   *uri;
} Keep;

static void
keep_free (Keep *keep)
{
  g_object_unref (keep->self);
  g_free (keep->uri);
  g_free (keep);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Keep, keep_free)

static void
kept_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Keep) keep = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;

  if (rally_team_credentials_store_finish (result, &error))
    {
      _rally_preferences_window_toast (keep->self, _("The team server’s password is kept in the keyring"));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  line = rally_team_credentials_pgpass_line (keep->uri);
  /* Translators: the first %s is the keyring's error, the second a line for ~/.pgpass */
  text = g_strdup_printf (_("Connected, but the password could not be kept in the keyring (%s), so Rally "
                            "forgets it when it quits. Without a keyring, libpq reads it from ~/.pgpass: "
                            "add the line “%s” there, with the password, and make the file readable only "
                            "by you (chmod 600 ~/.pgpass)."), error->message, line);
  _rally_preferences_window_show_result (keep->self->server_test_row, keep->self->server_test_icon,
                                         keep->self->server_test_spinner,
                                         GTK_WIDGET (keep->self->server_test_button), FALSE, text);
}

static void
open_location (RallyPreferencesWindow *self,
               const char             *location)
{
  g_settings_set_string (self->settings, "workspace", location);
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "app.open-workspace", "s", location))
    g_debug ("No application to open the workspace");
  _rally_preferences_window_update_workspace (self);
}

static void
open_probed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RallyPreferencesWindow) self = user_data;
  Probe *probe = finish_probe (self, result);

  if (probe == NULL)
    return;
  if (probe->info.password_given)
    {
      Keep *keep = g_new0 (Keep, 1);

      keep->self = g_object_ref (self);
      keep->uri = g_strdup (probe->uri);
      rally_team_server_set_password (probe->uri, probe->password);
      rally_team_credentials_store_async (probe->uri, probe->password, self->cancellable, kept_cb, keep);
    }
  open_location (self, probe->uri);
}

static void
open_response_cb (RallyPreferencesWindow *self,
                  const char             *response)
{
  g_autofree char *uri = NULL;

  if (g_strcmp0 (response, "open") != 0)
    return;
  if (!server_chosen (self))
    {
      open_location (self, "");
      return;
    }
  uri = dup_checked_uri (self);
  if (uri != NULL)
    start_probe (self, uri, open_probed_cb);
}

static void
open_clicked_cb (RallyPreferencesWindow *self)
{
  g_autofree char *uri = server_chosen (self) ? dup_checked_uri (self) : NULL;
  g_autofree char *target = uri != NULL ? g_strdup (uri) : rally_workspace_location_get_default ();
  g_autofree char *current = dup_current_location (self);
  g_autofree char *to = rally_workspace_location_describe (target);
  g_autofree char *from = rally_workspace_location_describe (current);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (server_chosen (self) && uri == NULL)
    return;
  /* Translators: both are places, e.g. “Team server: “team” on db.example.org:5432 as alice” */
  body = g_strdup_printf (_("The window will show the workspace at\n%s\ninstead of\n%s\n\n"
                            "Nothing is moved, copied or deleted: the current workspace stays where it is."),
                          to, from);
  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   uri != NULL ? _("Open the Team Workspace?")
                                               : _("Open This Computer’s Workspace?"),
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (open_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */

static void
password_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RallyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  char *password = rally_team_credentials_lookup_finish (result, &error);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not read the team server's password from the keyring: %s", error->message);
      return;
    }
  /* only into an empty row: what is typed meanwhile wins */
  if (password != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->server_password_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->server_password_row), password);
  rally_wipe_free (password);
}

static void
load_workspace (RallyPreferencesWindow *self)
{
  g_autofree char *setting = g_settings_get_string (self->settings, "workspace");
  gboolean server = rally_workspace_location_is_server (setting);

  gtk_check_button_set_active (server ? self->workspace_server_check : self->workspace_local_check, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->server_uri_row), server ? setting : "");
  if (server)
    rally_team_credentials_lookup_async (setting, self->cancellable, password_loaded_cb, g_object_ref (self));
}

void
_rally_preferences_window_connect_workspace (RallyPreferencesWindow *self)
{
  load_workspace (self);
  g_signal_connect_swapped (self->workspace_server_check, "toggled",
                            G_CALLBACK (_rally_preferences_window_update_workspace), self);
  g_signal_connect_swapped (self->server_uri_row, "changed",
                            G_CALLBACK (_rally_preferences_window_update_workspace), self);
  g_signal_connect_swapped (self->server_test_button, "clicked", G_CALLBACK (test_clicked_cb), self);
  g_signal_connect_swapped (self->workspace_open_button, "clicked", G_CALLBACK (open_clicked_cb), self);
  _rally_preferences_window_update_workspace (self);
  /* for screenshots: RALLY_DEBUG_OPEN=preferences RALLY_DEBUG_PREFERENCES_PAGE=workspace */
  if (g_getenv ("RALLY_DEBUG_PREFERENCES_PAGE") != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self),
                                                  g_getenv ("RALLY_DEBUG_PREFERENCES_PAGE"));
}

void
_rally_preferences_window_dispose_workspace (RallyPreferencesWindow *self)
{
  g_cancellable_cancel (self->server_cancellable);
  g_clear_object (&self->server_cancellable);
}
