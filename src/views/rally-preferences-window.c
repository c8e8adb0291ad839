/* rally-preferences-window.c
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

#define G_LOG_DOMAIN "RallyPreferencesWindow"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rally-credentials.h"
#include "rally-preferences-window.h"
#include "rally-sync-client.h"

struct _RallyPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template children */
  AdwEntryRow          *client_key_row;
  AdwPasswordEntryRow  *client_secret_row;
  AdwActionRow         *connection_row;
  AdwEntryRow          *display_url_row;
  AdwEntryRow          *research_url_row;
  GtkSpinButton        *sync_interval_spin;
  GtkButton            *test_connection_button;

  /* Owned */
  GSettings            *settings;
  GCancellable         *cancellable;   /* keyring and connection test, cancelled on dispose */
  RallySyncClient      *client;        /* the client being tested */
};

G_DEFINE_FINAL_TYPE (RallyPreferencesWindow, rally_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Secret and connection test: the secret goes to the keyring as soon as it is
 * applied and leaves the entry; the test asks the Research API for a client token. */

static void
set_connection_status (RallyPreferencesWindow *self,
                       const char             *status)
{
  adw_action_row_set_subtitle (self->connection_row, status);
}

/* TRUE once the window is closed: results arriving later are dropped. */
static gboolean
is_closed (RallyPreferencesWindow *self)
{
  return self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable);
}

static void
secret_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RallyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  gboolean stored = rally_credentials_store_secret_finish (result, &error);

  if (is_closed (self))
    return;
  if (stored)
    set_connection_status (self, _("The client secret is saved in the keyring"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *status = g_strdup_printf (_("The secret could not be saved in the keyring: %s"),
                                                 error->message);
      set_connection_status (self, status);
    }
}

static void
client_secret_applied_cb (RallyPreferencesWindow *self)
{
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->client_key_row));
  g_autofree char *secret = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->client_secret_row)));

  if (key == NULL || *key == '\0')
    {
      set_connection_status (self, _("Enter the client key first"));
      return;
    }
  /* the secret does not stay in the widget */
  gtk_editable_set_text (GTK_EDITABLE (self->client_secret_row), "");
  rally_credentials_store_secret_async (key, secret, self->cancellable, secret_stored_cb, g_object_ref (self));
}

static void
connection_tested_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(RallyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  gboolean connected = rally_sync_client_test_connection_finish (RALLY_SYNC_CLIENT (object), result, &error);

  if (is_closed (self))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_connection_button), TRUE);
  if (connected)
    set_connection_status (self, _("Connected: the Research API accepted the key and secret"));
  else
    set_connection_status (self, error->message);
}

static void
start_test (RallyPreferencesWindow *self,
            const char             *secret)
{
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->client_key_row));

  rally_sync_client_set_credentials (self->client, key, secret);
  rally_sync_client_set_retry_policy (self->client, 1, 1000, 1000, 30000);
  rally_sync_client_test_connection_async (self->client, self->cancellable, connection_tested_cb, g_object_ref (self));
}

static void
secret_found_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RallyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = rally_credentials_lookup_secret_finish (result, &error);

  if (is_closed (self))
    return;
  if (secret == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->test_connection_button), TRUE);
      set_connection_status (self, error != NULL ? error->message
                                                 : _("No client secret is saved for this key: enter it above"));
      return;
    }
  start_test (self, secret);
  memset (secret, 0, strlen (secret));
}

static void
test_connection_clicked_cb (RallyPreferencesWindow *self)
{
  g_autofree char *research_url = g_settings_get_string (self->settings, "research-api-url");
  g_autofree char *display_url = g_settings_get_string (self->settings, "display-api-url");
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->client_key_row));
  const char *env_secret = g_getenv ("RALLY_CLIENT_SECRET");
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->client);
  self->client = rally_sync_client_new (research_url, display_url, &error);
  if (self->client == NULL)
    {
      set_connection_status (self, error->message);
      return;
    }
  if (key == NULL || *key == '\0')
    {
      set_connection_status (self, _("Enter the client key first"));
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_connection_button), FALSE);
  set_connection_status (self, _("Testing…"));
  /* as for `rally sync`, RALLY_CLIENT_SECRET wins over the keyring */
  if (env_secret != NULL && *env_secret != '\0')
    start_test (self, env_secret);
  else
    rally_credentials_lookup_secret_async (key, self->cancellable, secret_found_cb, g_object_ref (self));
}

static void
rally_preferences_window_dispose (GObject *object)
{
  RallyPreferencesWindow *self = RALLY_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rally_preferences_window_parent_class)->dispose (object);
}

static void
rally_preferences_window_class_init (RallyPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/rally-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, client_key_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, client_secret_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, connection_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, display_url_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, research_url_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, sync_interval_spin);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, test_connection_button);
}

static void
rally_preferences_window_init (RallyPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (BASE_APPLICATION_ID);
  self->cancellable = g_cancellable_new ();
  /* connected here rather than in the .ui, which gtk4-builder-tool validates alone */
  g_signal_connect_swapped (self->client_secret_row, "apply", G_CALLBACK (client_secret_applied_cb), self);
  g_signal_connect_swapped (self->test_connection_button, "clicked", G_CALLBACK (test_connection_clicked_cb), self);

  g_settings_bind (self->settings, "research-api-url", self->research_url_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "display-api-url", self->display_url_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "client-key", self->client_key_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sync-interval", self->sync_interval_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

RallyPreferencesWindow *
rally_preferences_window_new (RallyApplication *application)
{
  return g_object_new (RALLY_TYPE_PREFERENCES_WINDOW,
                       "application", application,
                       NULL);
}
