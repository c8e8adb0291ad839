/* rally-preferences-window-account.c
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

/* The preferences' first group: the organisation's TikTok account. Sign In with
 * TikTok runs the Login Kit flow (RallyOAuthLoopback) in the browser, files the
 * tokens in the keyring where a pasted token goes and reads the account's name;
 * Sign Out removes the tokens. The row says who is signed in, or why Sign In is off. */

#define G_LOG_DOMAIN "RallyPreferencesWindow"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rally-credentials.h"
#include "rally-oauth-loopback.h"
#include "rally-preferences-window-private.h"
#include "rally-store-account.h"
#include "rally-sync-client.h"
#include "rally-sync-error.h"

/* Tests stand in for the browser (see rally_preferences_window_set_open_uri_func) */
static RallyOpenUriFunc open_uri_func;
static gpointer         open_uri_data;

/* Whether a client key is typed or in the environment: TikTok asks which app signs in. */
static gboolean
has_client_key (RallyPreferencesWindow *self)
{
  g_autofree char *key = _rally_preferences_window_dup_credential (self->client_key_row, "RALLY_CLIENT_KEY");

  return *key != '\0';
}

static void
set_sign_in_busy (RallyPreferencesWindow *self,
                  gboolean                busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_spinner), busy);
  gtk_spinner_set_spinning (self->sign_in_spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_cancel_button), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_button), !busy && !self->signed_in);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_out_button), !busy && self->signed_in);
  if (busy)
    gtk_widget_set_visible (GTK_WIDGET (self->sign_in_icon), FALSE);
}

/* "@name" of the account the store last synced, or NULL. */
static char *
dup_stored_account_name (RallyPreferencesWindow *self)
{
  RallyStore *store = self->context != NULL ? rally_context_get_store (self->context) : NULL;
  g_autoptr(RallyAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return NULL;
  account = rally_store_get_account (store, &error);
  if (account == NULL)
    {
      if (error != NULL)
        g_debug ("Could not read the stored account: %s", error->message);
      return NULL;
    }
  if (account->username != NULL && *account->username != '\0')
    return g_strconcat ("@", account->username, NULL);
  return g_strdup (account->display_name != NULL && *account->display_name != '\0' ? account->display_name
                                                                                     : NULL);
}

/* "Signed in as @name", or "Signed in" when the name is not known. */
static char *
describe_signed_in (RallyPreferencesWindow *self)
{
  g_autofree char *stored = self->account_name == NULL ? dup_stored_account_name (self) : NULL;
  const char *name = self->account_name != NULL ? self->account_name : stored;

  /* Translators: %s is a TikTok username such as @rednoseday, or the profile's name */
  return name != NULL ? g_strdup_printf (_("Signed in as %s"), name) : g_strdup (_("Signed in"));
}

/* The account row when no sign-in runs: who is signed in (and Sign Out), or why
 * Sign In is off, or what it does. */
void
_rally_preferences_window_update_sign_in_row (RallyPreferencesWindow *self)
{
  g_autofree char *signed_in = NULL;
  gboolean ready;

  /* the settings binding outlives dispose and may still change the key row */
  if (self->sign_in != NULL || self->settings == NULL)
    return;
  ready = has_client_key (self);
  set_sign_in_busy (self, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), ready);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sign_in_button),
                               ready ? _("Open TikTok in your browser to sign in to the organisation’s account")
                                     : _("Enter the client key first"));
  if (gtk_widget_get_visible (GTK_WIDGET (self->sign_in_icon)))
    return;  /* keep the last sign-in's result on show */
  if (self->signed_in)
    {
      signed_in = describe_signed_in (self);
      adw_action_row_set_subtitle (self->sign_in_row, signed_in);
      return;
    }
  /* short: the button beside it leaves little room in a narrow window; the tooltip and
   * the Advanced group say more */
  adw_action_row_set_subtitle (self->sign_in_row, ready ? _("Not signed in") : _("Not signed in: needs a client key"));
}

static void
end_sign_in (RallyPreferencesWindow *self,
             gboolean                ok,
             const char             *text)
{
  set_sign_in_busy (self, FALSE);
  g_clear_object (&self->sign_in);
  g_clear_object (&self->sign_in_cancellable);
  gtk_image_set_from_icon_name (self->sign_in_icon, ok ? "emblem-ok-symbolic" : "dialog-error-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->sign_in_icon), ok ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->sign_in_icon), ok ? "success" : "error");
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_icon), TRUE);
  adw_action_row_set_subtitle (self->sign_in_row, text);
  _rally_preferences_window_update_sign_in_row (self);
}

static void
signed_in_user_cb (GObject      *object,
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
  g_clear_object (&self->sign_in_client);
  g_clear_pointer (&self->account_name, g_free);
  if (user != NULL && user->username != NULL && *user->username != '\0')
    self->account_name = g_strconcat ("@", user->username, NULL);
  else if (user != NULL && user->display_name != NULL && *user->display_name != '\0')
    self->account_name = g_strdup (user->display_name);
  else if (error != NULL)
    g_debug ("Signed in, but the account's name could not be read: %s", error->message);
  self->signed_in = TRUE;
  text = describe_signed_in (self);
  end_sign_in (self, TRUE, text);
  _rally_preferences_window_toast (self, text);
}

static void
token_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RallyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Translators: %s is the keyring's error message */
  text = g_strdup_printf (_("Signed in, but the token could not be saved in the keyring: %s"), error->message);
  _rally_preferences_window_toast (self, text);
}

/* The tokens go where a pasted token goes (plus the refresh token), then the account's
 * name is asked for. */
static void
save_tokens (RallyPreferencesWindow *self)
{
  g_autofree char *access = rally_sync_client_dup_user_token (self->sign_in_client, NULL);
  g_autofree char *refresh = rally_sync_client_dup_refresh_token (self->sign_in_client);

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->user_token_row), access);
  self->loading = FALSE;
  rally_credentials_store_user_token_async (access, self->cancellable, token_saved_cb, g_object_ref (self));
  rally_credentials_store_refresh_token_async (refresh, self->cancellable, token_saved_cb, g_object_ref (self));
  memset (access, 0, strlen (access));
  if (refresh != NULL)
    memset (refresh, 0, strlen (refresh));
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RallyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rally_oauth_loopback_sign_in_finish (RALLY_OAUTH_LOOPBACK (object), result, &error))
    {
      if (self->sign_in != RALLY_OAUTH_LOOPBACK (object))
        return;  /* the window went away */
      g_clear_object (&self->sign_in_client);
      end_sign_in (self, FALSE, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                ? _("Sign-in cancelled") : error->message);
      return;
    }
  save_tokens (self);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_cancel_button), FALSE);  /* nothing left to cancel */
  adw_action_row_set_subtitle (self->sign_in_row, _("Signed in; reading the account’s name…"));
  rally_sync_client_user_info_async (self->sign_in_client, self->cancellable, signed_in_user_cb,
                                     g_object_ref (self));
}

static void
uri_launched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RallyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->sign_in == NULL)
    return;
  /* no browser: the person can still paste the address into one */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          rally_oauth_loopback_get_authorize_url (self->sign_in));
  /* Translators: %s is why no browser could be opened */
  text = g_strdup_printf (_("Could not open your browser (%s). The sign-in address is copied: paste it into a "
                            "browser to go on"), error->message);
  adw_action_row_set_subtitle (self->sign_in_row, text);
}

static void
open_uri (RallyPreferencesWindow *self,
          const char             *uri)
{
  g_autoptr(GdkAppLaunchContext) context = NULL;

  if (open_uri_func != NULL)
    {
      open_uri_func (uri, open_uri_data);
      return;
    }
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), self->sign_in_cancellable,
                                           uri_launched_cb, g_object_ref (self));
}

/* A client for the token exchange, from what is typed (the environment fills gaps). */
static RallySyncClient *
new_sign_in_client (RallyPreferencesWindow  *self,
                    GError                 **error)
{
  g_autofree char *display = _rally_preferences_window_dup_row_text (self->display_url_row);
  g_autofree char *key = _rally_preferences_window_dup_credential (self->client_key_row, "RALLY_CLIENT_KEY");
  g_autofree char *secret = _rally_preferences_window_dup_secret (self, key);
  RallySyncClient *client;

  /* TikTok's token exchange asks for the secret even with PKCE */
  if (*secret == '\0')
    {
      adw_expander_row_set_expanded (self->advanced_row, TRUE);
      g_set_error_literal (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS,
                           _("Enter your TikTok app’s client secret under Advanced first: TikTok asks for it to "
                             "hand over the token"));
      return NULL;
    }
  client = rally_sync_client_new (display, display, error);
  if (client == NULL)
    return NULL;
  rally_sync_client_set_credentials (client, key, secret);
  memset (secret, 0, strlen (secret));
  rally_sync_client_set_retry_policy (client, 3, 500, 4000, 20000);
  return client;
}

static void
sign_in_clicked_cb (RallyPreferencesWindow *self)
{
  g_autofree char *key = _rally_preferences_window_dup_credential (self->client_key_row, "RALLY_CLIENT_KEY");
  g_autofree char *auth_url = _rally_preferences_window_dup_row_text (self->auth_url_row);
  g_autoptr(GError) error = NULL;

  if (self->sign_in != NULL)
    return;
  self->sign_in_client = new_sign_in_client (self, &error);
  if (self->sign_in_client != NULL)
    self->sign_in = rally_oauth_loopback_new (self->sign_in_client, auth_url, key, &error);
  if (self->sign_in == NULL)
    {
      g_autofree char *reason = _rally_preferences_window_describe_test_error (error);

      g_clear_object (&self->sign_in_client);
      end_sign_in (self, FALSE, reason);
      return;
    }
  self->sign_in_cancellable = g_cancellable_new ();
  rally_oauth_loopback_sign_in_async (self->sign_in, self->sign_in_cancellable, sign_in_cb, g_object_ref (self));
  if (rally_oauth_loopback_get_authorize_url (self->sign_in) == NULL)
    return;  /* could not start: sign_in_cb says why */
  set_sign_in_busy (self, TRUE);
  adw_action_row_set_subtitle (self->sign_in_row, _("Waiting for you to sign in to TikTok in your browser…"));
  open_uri (self, rally_oauth_loopback_get_authorize_url (self->sign_in));
}

static void
sign_in_cancel_cb (RallyPreferencesWindow *self)
{
  g_cancellable_cancel (self->sign_in_cancellable);
}

static void
signed_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RallyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!rally_credentials_sign_out_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* the window went away */
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_out_button), TRUE);
  if (error != NULL)
    {
      /* Translators: %s is the keyring's error message */
      text = g_strdup_printf (_("Could not sign out: the keyring said %s"), error->message);
      _rally_preferences_window_toast (self, text);
      return;
    }
  self->signed_in = FALSE;
  g_clear_pointer (&self->account_name, g_free);
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->user_token_row), "");
  self->loading = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_icon), FALSE);
  _rally_preferences_window_update_sign_in_row (self);
  _rally_preferences_window_toast (self, _("Signed out: the TikTok tokens are gone from the keyring"));
}

static void
sign_out_clicked_cb (RallyPreferencesWindow *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_out_button), FALSE);
  rally_credentials_sign_out_async (self->cancellable, signed_out_cb, g_object_ref (self));
}

/* The account group's buttons, and the client key its Sign In needs. */
void
_rally_preferences_window_connect_account (RallyPreferencesWindow *self)
{
  g_signal_connect_swapped (self->sign_in_button, "clicked", G_CALLBACK (sign_in_clicked_cb), self);
  g_signal_connect_swapped (self->sign_in_cancel_button, "clicked", G_CALLBACK (sign_in_cancel_cb), self);
  g_signal_connect_swapped (self->sign_out_button, "clicked", G_CALLBACK (sign_out_clicked_cb), self);
  g_signal_connect_swapped (self->client_key_row, "changed",
                            G_CALLBACK (_rally_preferences_window_update_sign_in_row), self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

/**
 * rally_preferences_window_focus_account:
 *
 * Puts the keyboard focus where connecting the organisation's account goes on: Sign
 * In, or the client key under Advanced when there is none yet.
 */
void
rally_preferences_window_focus_account (RallyPreferencesWindow *self)
{
  g_return_if_fail (RALLY_IS_PREFERENCES_WINDOW (self));

  if (self->signed_in)
    gtk_widget_grab_focus (GTK_WIDGET (self->sign_out_button));
  else if (has_client_key (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->sign_in_button));
  else
    {
      adw_expander_row_set_expanded (self->advanced_row, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->client_key_row));
    }
}

/**
 * rally_preferences_window_set_open_uri_func:
 * @func: (nullable): called with the sign-in page instead of opening the browser, or
 *   %NULL for the browser
 *
 * For tests, which act as the browser.
 */
void
rally_preferences_window_set_open_uri_func (RallyOpenUriFunc func,
                                            gpointer         user_data)
{
  open_uri_func = func;
  open_uri_data = user_data;
}
