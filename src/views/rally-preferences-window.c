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

/* Preferences, for people first: the organisation's TikTok account (Sign In with TikTok
 * runs the Login Kit flow, RallyOAuthLoopback, in the browser and files the tokens in the
 * keyring; Sign Out removes them), the Research API switch (off until TikTok approved the
 * organisation) and the sync interval. Under Advanced: the client key (GSettings; empty
 * means the key this build was registered with), the client secret and a pasted Display
 * API user token (the keyring, asynchronously, never a file), the TikTok servers (checked
 * as you type: https, or plain http only to this computer; an invalid address is never
 * saved), and a Test Connection that asks the server for a token with what is typed and
 * says exactly what went wrong. The account group is rally-preferences-window-account.c. */

#define G_LOG_DOMAIN "RallyPreferencesWindow"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rally-a11y.h"
#include "rally-context.h"
#include "rally-credentials.h"
#include "rally-preferences-window-private.h"
#include "rally-sync-error.h"
#include "rally-wipe.h"

G_DEFINE_FINAL_TYPE (RallyPreferencesWindow, rally_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* ------------------------------------------------------------------ */
/* Auxiliary                                                           */

char *
_rally_preferences_window_dup_row_text (gpointer row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

void
_rally_preferences_window_toast (RallyPreferencesWindow *self,
                                 const char             *title)
{
  AdwToast *t = adw_toast_new (title);

  adw_toast_set_timeout (t, 8);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), t);
}

/* Shows why @row's address is refused under it; returns whether it is fine. */
static gboolean
check_url_row (AdwEntryRow  *row,
               AdwActionRow *error_row)
{
  g_autofree char *url = _rally_preferences_window_dup_row_text (row);
  g_autoptr(GError) error = NULL;
  gboolean ok = rally_sync_client_check_url (url, &error);

  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (error_row), error->message);
    }
  gtk_widget_set_visible (GTK_WIDGET (error_row), !ok);
  return ok;
}

/* A Test Connection row's answer: its icon says whether it worked, its subtitle how. */
void
_rally_preferences_window_show_result (AdwActionRow *row,
                                       GtkImage     *icon,
                                       GtkSpinner   *spinner,
                                       GtkWidget    *button,
                                       gboolean      ok,
                                       const char   *text)
{
  gtk_spinner_set_spinning (spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (spinner), FALSE);
  gtk_widget_set_sensitive (button, TRUE);
  gtk_image_set_from_icon_name (icon, ok ? "emblem-ok-symbolic" : "dialog-error-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (icon), ok ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (icon), ok ? "success" : "error");
  gtk_widget_set_visible (GTK_WIDGET (icon), TRUE);
  adw_action_row_set_subtitle (row, text);
}

/* A Test Connection row while it waits: a spinner instead of the icon, the button off. */
void
_rally_preferences_window_show_busy (AdwActionRow *row,
                                     GtkImage     *icon,
                                     GtkSpinner   *spinner,
                                     GtkWidget    *button)
{
  gtk_widget_set_visible (GTK_WIDGET (icon), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (spinner), TRUE);
  gtk_spinner_set_spinning (spinner, TRUE);
  gtk_widget_set_sensitive (button, FALSE);
  adw_action_row_set_subtitle (row, _("Connecting…"));
}

static void
set_test_result (RallyPreferencesWindow *self,
                 gboolean                ok,
                 const char             *text)
{
  _rally_preferences_window_show_result (self->connection_row, self->test_icon, self->test_spinner,
                                         GTK_WIDGET (self->test_connection_button), ok, text);
  g_clear_object (&self->test_client);
}

/* The specific reason a Test Connection failed, in words a person can act on. */
char *
_rally_preferences_window_describe_test_error (const GError *error)
{
  if (g_error_matches (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_UNAUTHORIZED))
    return g_strdup_printf (_("Wrong key or secret: the server refused them (%s)"), error->message);
  if (g_error_matches (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NETWORK) &&
      (strstr (error->message, "TLS") != NULL || strstr (error->message, "certificate") != NULL))
    return g_strdup_printf (_("TLS error: the server’s secure connection could not be trusted (%s)"),
                            error->message);
  if (g_error_matches (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NETWORK))
    return g_strdup_printf (_("Unreachable: %s"), error->message);
  if (g_error_matches (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_INSECURE_URL))
    return g_strdup_printf (_("Insecure or invalid address: %s"), error->message);
  return g_strdup (error->message);
}

/* ------------------------------------------------------------------ */
/* Test Connection                                                     */

static void
user_info_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RallyPreferencesWindow) self = user_data;
  g_autoptr(RallyAccount) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  user = rally_sync_client_user_info_finish (RALLY_SYNC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (user == NULL && (g_error_matches (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS) ||
                       g_error_matches (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_TOKEN_EXPIRED) ||
                       g_error_matches (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_UNAUTHORIZED)))
    {
      /* a refused token ends as "no account connected": there is no refresh token to try */
      set_test_result (self, FALSE, _("The key and secret work, but the server refused the user access token: "
                                      "it is wrong, expired or revoked"));
      return;
    }
  if (user == NULL)
    {
      g_autofree char *reason = _rally_preferences_window_describe_test_error (error);

      /* Translators: %s is why the Display API could not be asked about the user */
      text = g_strdup_printf (_("The key and secret work, but the user access token could not be checked: %s"),
                              reason);
      set_test_result (self, FALSE, text);
      return;
    }
  /* Translators: %s is a TikTok display name */
  text = g_strdup_printf (_("Connected: the key and secret work, signed in as %s"),
                          user->display_name != NULL ? user->display_name : user->username);
  set_test_result (self, TRUE, text);
}

static void
test_connection_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RallyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  if (!rally_sync_client_test_connection_finish (RALLY_SYNC_CLIENT (object), result, &error))
    {
      g_autofree char *reason = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      reason = _rally_preferences_window_describe_test_error (error);
      set_test_result (self, FALSE, reason);
      return;
    }

  token = _rally_preferences_window_dup_row_text (self->user_token_row);
  if (*token == '\0')
    {
      set_test_result (self, TRUE, _("Connected: the server accepted the client key and secret"));
      return;
    }
  rally_sync_client_set_user_token (self->test_client, token,
                                    g_get_real_time () / G_USEC_PER_SEC + 3600, NULL);
  memset (token, 0, strlen (token));
  rally_sync_client_user_info_async (self->test_client, self->test_cancellable, user_info_cb,
                                     g_object_ref (self));
}

/* What is typed wins; the environment fills what is not (the secret row shows the
 * keyring's secret once it is read). */
char *
_rally_preferences_window_dup_credential (gpointer    row,
                                          const char *env_name)
{
  char *text = _rally_preferences_window_dup_row_text (row);
  const char *env = g_getenv (env_name);

  if (*text == '\0' && env != NULL)
    {
      g_free (text);
      text = g_strdup (env);
    }
  return text;
}

/* The secret typed, else the environment's, else the one built in for @key. */
char *
_rally_preferences_window_dup_secret (RallyPreferencesWindow *self,
                                      const char             *key)
{
  char *secret = _rally_preferences_window_dup_credential (self->client_secret_row, "RALLY_CLIENT_SECRET");

  if (*secret == '\0' && rally_credentials_get_builtin_secret (key) != NULL)
    {
      g_free (secret);
      secret = g_strdup (rally_credentials_get_builtin_secret (key));
    }
  return secret;
}

static void
test_clicked_cb (RallyPreferencesWindow *self)
{
  g_autofree char *research = _rally_preferences_window_dup_row_text (self->research_url_row);
  g_autofree char *display = _rally_preferences_window_dup_row_text (self->display_url_row);
  g_autofree char *key = _rally_preferences_window_dup_credential (self->client_key_row, "RALLY_CLIENT_KEY");
  g_autofree char *secret = _rally_preferences_window_dup_secret (self, key);
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->test_cancellable);
  g_clear_object (&self->test_client);

  if (*key == '\0' || *secret == '\0')
    {
      set_test_result (self, FALSE, *key == '\0' ? _("Enter the client key first")
                                                 : _("Enter the client secret first"));
      return;
    }
  self->test_client = rally_sync_client_new (research, display, &error);
  if (self->test_client == NULL)
    {
      g_autofree char *reason = _rally_preferences_window_describe_test_error (error);

      set_test_result (self, FALSE, reason);
      return;
    }
  rally_sync_client_set_credentials (self->test_client, key, secret);
  memset (secret, 0, strlen (secret));
  /* a test answers now: one attempt, no backoff */
  rally_sync_client_set_retry_policy (self->test_client, 1, 100, 100, 15000);

  self->test_cancellable = g_cancellable_new ();
  _rally_preferences_window_show_busy (self->connection_row, self->test_icon, self->test_spinner,
                                       GTK_WIDGET (self->test_connection_button));
  rally_sync_client_test_connection_async (self->test_client, self->test_cancellable, test_connection_cb,
                                           g_object_ref (self));
}

/* ------------------------------------------------------------------ */
/* Server addresses                                                    */

/* The settings key an address row edits, and the row that says what is wrong with it. */
static const char *
url_row_key (RallyPreferencesWindow  *self,
             AdwEntryRow             *row,
             AdwActionRow           **error_row)
{
  if (row == self->research_url_row)
    {
      *error_row = self->research_url_error;
      return "research-api-url";
    }
  if (row == self->display_url_row)
    {
      *error_row = self->display_url_error;
      return "display-api-url";
    }
  g_assert (row == self->auth_url_row);
  *error_row = self->auth_url_error;
  return "auth-url";
}

static void
url_changed_cb (RallyPreferencesWindow *self,
                AdwEntryRow            *row)
{
  AdwActionRow *error_row;
  const char *key = url_row_key (self, row, &error_row);
  g_autofree char *url = NULL;

  if (self->loading)
    return;
  if (!check_url_row (row, error_row))
    return;
  url = _rally_preferences_window_dup_row_text (row);
  g_settings_set_string (self->settings, key, url);
}

static void
load_url (RallyPreferencesWindow *self,
          AdwEntryRow            *row)
{
  AdwActionRow *error_row;
  const char *key = url_row_key (self, row, &error_row);
  g_autofree char *url = g_settings_get_string (self->settings, key);

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), url);
  self->loading = FALSE;
  check_url_row (row, error_row);
}

/* Another window or a script changed an address: show it, unless it is what is typed. */
static void
url_setting_changed_cb (RallyPreferencesWindow *self,
                        const char             *key)
{
  AdwEntryRow *row = g_str_equal (key, "research-api-url") ? self->research_url_row
                     : g_str_equal (key, "display-api-url") ? self->display_url_row
                     : self->auth_url_row;
  g_autofree char *url = g_settings_get_string (self->settings, key);
  g_autofree char *text = _rally_preferences_window_dup_row_text (row);

  if (g_strcmp0 (url, text) != 0)
    load_url (self, row);
}

/* ------------------------------------------------------------------ */
/* Keyring                                                             */

static void
set_secret_text (RallyPreferencesWindow *self,
                 AdwPasswordEntryRow    *row,
                 char                   *secret)
{
  if (secret == NULL)
    return;
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), secret);
  self->loading = FALSE;
  rally_wipe_free (secret);
}

static void
secret_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RallyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = rally_credentials_lookup_secret_finish (result, &error);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not read the client secret from the keyring: %s", error->message);
      return;
    }
  set_secret_text (self, self->client_secret_row, secret);
}

static void
token_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RallyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  char *token = rally_credentials_lookup_user_token_finish (result, &error);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not read the user token from the keyring: %s", error->message);
      return;
    }
  if (self->sign_in == NULL)
    self->signed_in = token != NULL && *token != '\0';
  set_secret_text (self, self->user_token_row, token);
  _rally_preferences_window_update_sign_in_row (self);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RallyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* every keyring write here is a GTask: one finish covers store and clear */
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      _rally_preferences_window_toast (self, _("Saved in the keyring"));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Translators: %s is the keyring's error message */
  text = g_strdup_printf (_("Could not save in the keyring: %s"), error->message);
  _rally_preferences_window_toast (self, text);
}

static void
client_secret_apply_cb (RallyPreferencesWindow *self)
{
  g_autofree char *key = _rally_preferences_window_dup_row_text (self->client_key_row);
  g_autofree char *secret = _rally_preferences_window_dup_row_text (self->client_secret_row);

  if (*key == '\0')
    {
      _rally_preferences_window_toast (self, _("Enter the client key first: the secret is stored for that key"));
      return;
    }
  if (*secret == '\0')
    rally_credentials_clear_client_secret_async (key, self->cancellable, saved_cb, g_object_ref (self));
  else
    rally_credentials_store_secret_async (key, secret, self->cancellable, saved_cb, g_object_ref (self));
  memset (secret, 0, strlen (secret));
}

static void
user_token_apply_cb (RallyPreferencesWindow *self)
{
  g_autofree char *token = _rally_preferences_window_dup_row_text (self->user_token_row);

  /* a pasted token signs in as much as a sign-in does (its name is not known) */
  self->signed_in = *token != '\0';
  g_clear_pointer (&self->account_name, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_icon), FALSE);
  _rally_preferences_window_update_sign_in_row (self);
  rally_credentials_store_user_token_async (token, self->cancellable, saved_cb, g_object_ref (self));
  memset (token, 0, strlen (token));
}

/* The client-key setting is empty when the key built in (-Dtiktok_client_key) is used:
 * the row shows that key, and typing it back stores "" again. */
static gboolean
key_from_setting (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char *key = g_variant_get_string (variant, NULL);

  g_value_set_string (value, *key != '\0' ? key : rally_credentials_get_builtin_key ());
  return TRUE;
}

static GVariant *
key_to_setting (const GValue       *value,
                const GVariantType *expected_type,
                gpointer            user_data)
{
  g_autofree char *key = g_strstrip (g_strdup (g_value_get_string (value)));

  if (g_strcmp0 (key, rally_credentials_get_builtin_key ()) == 0)
    return g_variant_new_string ("");
  return g_variant_new_string (key);
}

/* What the Advanced group says above its rows: how to get a key, when none is built in. */
static void
describe_advanced (RallyPreferencesWindow *self)
{
  if (*rally_credentials_get_builtin_key () != '\0')
    {
      adw_preferences_group_set_description (self->advanced_group,
                                             _("Rally signs in through the TikTok app it was built with. "
                                               "Change these only for your own app or a test server."));
      return;
    }
  adw_preferences_group_set_description (self->advanced_group,
                                         _("To sign in, Rally needs a TikTok app of your own: register one at "
                                           "TikTok for Developers (developers.tiktok.com) with Login Kit and "
                                           "the redirect address http://127.0.0.1:*/callback/, then paste its "
                                           "client key and secret under Advanced."));
}

/* A hidden prefix icon still leaves AdwActionRow's prefix box and its margin: the box
 * shows only with the icon, so the row's title lines up with the others. */
static void
prefix_visible_cb (GtkWidget *icon)
{
  gtk_widget_set_visible (gtk_widget_get_parent (icon), gtk_widget_get_visible (icon));
}

static void
track_prefix (GtkImage *icon)
{
  g_signal_connect (icon, "notify::visible", G_CALLBACK (prefix_visible_cb), NULL);
  prefix_visible_cb (GTK_WIDGET (icon));
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
rally_preferences_window_dispose (GObject *object)
{
  RallyPreferencesWindow *self = RALLY_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->test_cancellable);
  g_cancellable_cancel (self->sign_in_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->test_cancellable);
  g_clear_object (&self->sign_in_cancellable);
  g_clear_object (&self->test_client);
  g_clear_object (&self->sign_in);
  g_clear_object (&self->sign_in_client);
  /* The settings binding keeps the key row alive after the window: neither it nor the
   * row's handlers may call back into a window that is gone. */
  if (self->client_key_row != NULL && self->settings != NULL)
    {
      g_settings_unbind (self->client_key_row, "text");
      g_signal_handlers_disconnect_by_data (self->client_key_row, self);
    }
  _rally_preferences_window_dispose_report (self);
  _rally_preferences_window_dispose_workspace (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_pointer (&self->account_name, g_free);

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
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, advanced_group);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, auth_url_error);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, auth_url_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, client_key_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, client_secret_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, display_url_error);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, display_url_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, research_url_error);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, research_switch);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, research_url_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, logo_choose_button);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, logo_clear_button);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, logo_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, organisation_name_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, sign_in_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, sign_out_button);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, sign_in_icon);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, sign_in_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, sign_in_spinner);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, sync_interval_spin);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, test_connection_button);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, test_icon);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, connection_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, user_token_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, server_group);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, server_password_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, server_test_button);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, server_test_icon);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, server_test_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, server_test_spinner);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, server_uri_error);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, server_uri_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, workspace_current_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, workspace_local_check);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, workspace_local_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, workspace_open_button);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, workspace_server_check);
}

static void
load_secrets (RallyPreferencesWindow *self)
{
  g_autofree char *setting = g_settings_get_string (self->settings, "client-key");
  g_autofree char *key = rally_credentials_resolve_key (setting);

  if (*key != '\0')
    rally_credentials_lookup_secret_async (key, self->cancellable, secret_loaded_cb, g_object_ref (self));
  rally_credentials_lookup_user_token_async (self->cancellable, token_loaded_cb, g_object_ref (self));
}

static void
rally_preferences_window_init (RallyPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rally_a11y_tidy_names (GTK_WIDGET (self));
  rally_a11y_keep_own_label (GTK_WIDGET (self->sign_in_cancel_button), _("Cancel Sign-In"));
  rally_a11y_keep_own_label (GTK_WIDGET (self->test_connection_button), _("Test Connection"));
  rally_a11y_keep_own_label (GTK_WIDGET (self->server_test_button), _("Test Team Server Connection"));
  rally_a11y_keep_own_label (GTK_WIDGET (self->workspace_open_button), _("Open the Chosen Workspace"));

  track_prefix (self->sign_in_icon);
  track_prefix (self->test_icon);
  track_prefix (self->server_test_icon);
  self->settings = g_settings_new (BASE_APPLICATION_ID);
  g_settings_bind (self->settings, "research-api", self->research_switch, "active", G_SETTINGS_BIND_DEFAULT);
  self->cancellable = g_cancellable_new ();

  /* connected here, not in the template, so gtk4-builder-tool can validate the .ui */
  g_signal_connect_swapped (self->research_url_row, "changed", G_CALLBACK (url_changed_cb), self);
  g_signal_connect_swapped (self->display_url_row, "changed", G_CALLBACK (url_changed_cb), self);
  g_signal_connect_swapped (self->client_secret_row, "apply", G_CALLBACK (client_secret_apply_cb), self);
  g_signal_connect_swapped (self->user_token_row, "apply", G_CALLBACK (user_token_apply_cb), self);
  g_signal_connect_swapped (self->test_connection_button, "clicked", G_CALLBACK (test_clicked_cb), self);

  g_signal_connect_swapped (self->auth_url_row, "changed", G_CALLBACK (url_changed_cb), self);
  _rally_preferences_window_connect_account (self);
  _rally_preferences_window_connect_report (self);
  _rally_preferences_window_connect_workspace (self);

  load_url (self, self->research_url_row);
  load_url (self, self->display_url_row);
  load_url (self, self->auth_url_row);
  g_signal_connect_object (self->settings, "changed::research-api-url", G_CALLBACK (url_setting_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::display-api-url", G_CALLBACK (url_setting_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::auth-url", G_CALLBACK (url_setting_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_settings_bind_with_mapping (self->settings, "client-key", self->client_key_row, "text",
                                G_SETTINGS_BIND_DEFAULT, key_from_setting, key_to_setting, NULL, NULL);
  describe_advanced (self);
  _rally_preferences_window_update_sign_in_row (self);
  g_settings_bind (self->settings, "sync-interval", self->sync_interval_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  load_secrets (self);
}

/**
 * rally_preferences_window_new:
 * @application: (type Gtk.Application) (nullable): the application
 */
RallyPreferencesWindow *
rally_preferences_window_new (gpointer application)
{
  return g_object_new (RALLY_TYPE_PREFERENCES_WINDOW,
                       "application", application,
                       NULL);
}

/* The workspace whose account the Account group names. */
void
rally_preferences_window_set_context (RallyPreferencesWindow *self,
                                      RallyContext           *context)
{
  g_return_if_fail (RALLY_IS_PREFERENCES_WINDOW (self));

  if (g_set_object (&self->context, context))
    {
      _rally_preferences_window_update_sign_in_row (self);
      _rally_preferences_window_update_workspace (self);
    }
}

/* Shows why the preferences were opened, e.g. what a sync is missing. */
void
rally_preferences_window_show_message (RallyPreferencesWindow *self,
                                       const char             *message)
{
  g_return_if_fail (RALLY_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (message != NULL);

  _rally_preferences_window_toast (self, message);
}
