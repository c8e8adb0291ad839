/* rally-credentials.c
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

#define G_LOG_DOMAIN "RallyCredentials"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-credentials.h"
#include "rally-credentials-private.h"
#include "rally-sync-error.h"
#include "rally-wipe.h"

#define KIND_CLIENT_SECRET "client-secret"
#define KIND_USER_TOKEN    "display-user-token"
#define KIND_REFRESH_TOKEN "display-refresh-token"
#define LABEL_USER_TOKEN    N_("Rally: TikTok Display API access token")
#define LABEL_REFRESH_TOKEN N_("Rally: TikTok Display API refresh token")
#define NO_CLIENT_KEY      ""  /* the user token belongs to no client key */

const SecretSchema *
rally_credentials_get_schema (void)
{
  static const SecretSchema schema = {
    RALLY_CREDENTIALS_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "client-key", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* The secret stored under @kind and @client_key, in plain memory the caller wipes
 * (libsecret hands out non-pageable memory, given back here with
 * secret_password_free()), or %NULL with @error set only when the keyring could
 * not be asked. */
static char *
lookup_sync (const char    *kind,
             const char    *client_key,
             GCancellable  *cancellable,
             GError       **error)
{
  char *secret = secret_password_lookup_sync (rally_credentials_get_schema (), cancellable, error,
                                              "kind", kind, "client-key", client_key, NULL);
  char *copy = g_strdup (secret);

  secret_password_free (secret);
  return copy;
}

/**
 * rally_credentials_lookup_secret_sync:
 *
 * Returns: (transfer full) (nullable): the client secret stored for @client_key,
 *   or %NULL (with @error set only when the keyring could not be asked)
 */
char *
rally_credentials_lookup_secret_sync (const char    *client_key,
                                      GCancellable  *cancellable,
                                      GError       **error)
{
  g_return_val_if_fail (client_key != NULL, NULL);

  return lookup_sync (KIND_CLIENT_SECRET, client_key, cancellable, error);
}

gboolean
rally_credentials_store_secret_sync (const char    *client_key,
                                     const char    *client_secret,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (client_key != NULL && *client_key != '\0', FALSE);
  g_return_val_if_fail (client_secret != NULL, FALSE);

  label = g_strdup_printf (_("Rally: TikTok client secret for %s"), client_key);
  return secret_password_store_sync (rally_credentials_get_schema (), SECRET_COLLECTION_DEFAULT, label,
                                     client_secret, cancellable, error,
                                     "kind", KIND_CLIENT_SECRET, "client-key", client_key, NULL);
}

void
_rally_credentials_lookup_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    {
      char *copy = g_strdup (secret);

      secret_password_free (secret);
      g_task_return_pointer (task, copy, g_free);
    }
}

void
rally_credentials_lookup_secret_async (const char          *client_key,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (client_key != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rally_credentials_lookup_secret_async);
  secret_password_lookup (rally_credentials_get_schema (), cancellable, _rally_credentials_lookup_cb, task,
                          "kind", KIND_CLIENT_SECRET, "client-key", client_key, NULL);
}

/* Returns: (transfer full) (nullable): the secret, or %NULL when none is stored. */
char *
rally_credentials_lookup_secret_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_rally_credentials_store_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
rally_credentials_store_secret_async (const char          *client_key,
                                      const char          *client_secret,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (client_key != NULL && *client_key != '\0');
  g_return_if_fail (client_secret != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rally_credentials_store_secret_async);
  label = g_strdup_printf (_("Rally: TikTok client secret for %s"), client_key);
  secret_password_store (rally_credentials_get_schema (), SECRET_COLLECTION_DEFAULT, label, client_secret,
                         cancellable, _rally_credentials_store_cb, task,
                         "kind", KIND_CLIENT_SECRET, "client-key", client_key, NULL);
}

gboolean
rally_credentials_store_secret_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The TikTok app this build was registered with (-Dtiktok_client_key and
 * -Dtiktok_client_secret): a distributor's key lets a person just press Sign In. */

/**
 * rally_credentials_get_builtin_key:
 *
 * Returns: the client key built in with -Dtiktok_client_key, "" when there is none
 */
const char *
rally_credentials_get_builtin_key (void)
{
  return TIKTOK_CLIENT_KEY;
}

/**
 * rally_credentials_get_builtin_secret:
 * @client_key: (nullable): the client key in use
 *
 * Returns: (nullable): the built-in secret when @client_key is the built-in key and the
 *   build has a secret, else %NULL
 */
const char *
rally_credentials_get_builtin_secret (const char *client_key)
{
  if (client_key == NULL || *client_key == '\0' || *TIKTOK_CLIENT_SECRET == '\0' ||
      g_strcmp0 (client_key, TIKTOK_CLIENT_KEY) != 0)
    return NULL;
  return TIKTOK_CLIENT_SECRET;
}

/**
 * rally_credentials_resolve_key:
 * @settings_key: (nullable): the client-key setting
 *
 * Returns: (transfer full): RALLY_CLIENT_KEY when set, else @settings_key when not
 *   empty, else the built-in key ("" when there is none), without surrounding spaces
 */
char *
rally_credentials_resolve_key (const char *settings_key)
{
  const char *env_key = g_getenv ("RALLY_CLIENT_KEY");
  g_autofree char *key = g_strstrip (g_strdup (settings_key != NULL ? settings_key : ""));

  if (env_key != NULL && *env_key != '\0')
    return g_strdup (env_key);
  if (*key != '\0')
    return g_steal_pointer (&key);
  return g_strdup (TIKTOK_CLIENT_KEY);
}

/**
 * rally_credentials_get_client:
 * @settings_key: (nullable): the client key from the settings
 * @client_key: (out): the client key to use
 * @client_secret: (out): its secret
 *
 * RALLY_CLIENT_KEY and RALLY_CLIENT_SECRET win; otherwise the key comes from the
 * settings (or the build, see rally_credentials_resolve_key()) and the secret from the
 * keyring (or the build, for the built-in key).
 *
 * Returns: %TRUE with both set, else %FALSE with RALLY_SYNC_ERROR_NO_CREDENTIALS or
 *   the keyring's error
 */
gboolean
rally_credentials_get_client (const char    *settings_key,
                              char         **client_key,
                              char         **client_secret,
                              GCancellable  *cancellable,
                              GError       **error)
{
  const char *env_secret = g_getenv ("RALLY_CLIENT_SECRET");
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (client_key != NULL && client_secret != NULL, FALSE);

  key = rally_credentials_resolve_key (settings_key);
  if (*key == '\0')
    {
      g_set_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS,
                   _("No TikTok client key: add it in Preferences or set RALLY_CLIENT_KEY"));
      return FALSE;
    }
  if (env_secret != NULL && *env_secret != '\0')
    secret = g_strdup (env_secret);
  else
    secret = rally_credentials_lookup_secret_sync (key, cancellable, &local_error);
  if (secret == NULL && local_error == NULL)
    secret = g_strdup (rally_credentials_get_builtin_secret (key));

  if (secret == NULL)
    {
      if (local_error != NULL)
        g_set_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS,
                     _("Could not read the TikTok client secret from the keyring: %s"), local_error->message);
      else
        g_set_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS,
                     _("No TikTok client secret in the keyring: add it in Preferences or set RALLY_CLIENT_SECRET"));
      return FALSE;
    }
  *client_key = g_steal_pointer (&key);
  *client_secret = g_steal_pointer (&secret);
  return TRUE;
}

/* The Display API user and refresh tokens, and removing a client secret */

static void
lookup_token_async (const char          *kind,
                    gpointer             source_tag,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  secret_password_lookup (rally_credentials_get_schema (), cancellable, _rally_credentials_lookup_cb, task,
                          "kind", kind, "client-key", NO_CLIENT_KEY, NULL);
}

void
rally_credentials_lookup_user_token_async (GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  lookup_token_async (KIND_USER_TOKEN, rally_credentials_lookup_user_token_async, cancellable, callback, user_data);
}

/* Returns: (transfer full) (nullable): the token, or %NULL when none is stored */
char *
rally_credentials_lookup_user_token_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_rally_credentials_cleared_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to remove, which is fine */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Stores @token under @kind, or removes the stored one when @token is %NULL or empty. */
static void
store_token_async (const char          *kind,
                   const char          *label,
                   const char          *token,
                   gpointer             source_tag,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  if (token == NULL || *token == '\0')
    secret_password_clear (rally_credentials_get_schema (), cancellable, _rally_credentials_cleared_cb, task,
                           "kind", kind, "client-key", NO_CLIENT_KEY, NULL);
  else
    secret_password_store (rally_credentials_get_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                           cancellable, _rally_credentials_store_cb, task,
                           "kind", kind, "client-key", NO_CLIENT_KEY, NULL);
}

/* Stores @token, or removes the stored one when @token is %NULL or empty. */
void
rally_credentials_store_user_token_async (const char          *token,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  store_token_async (KIND_USER_TOKEN, _(LABEL_USER_TOKEN), token,
                     rally_credentials_store_user_token_async, cancellable, callback, user_data);
}

gboolean
rally_credentials_store_user_token_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
rally_credentials_clear_client_secret_async (const char          *client_key,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (client_key != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rally_credentials_clear_client_secret_async);
  secret_password_clear (rally_credentials_get_schema (), cancellable, _rally_credentials_cleared_cb, task,
                         "kind", KIND_CLIENT_SECRET, "client-key", client_key, NULL);
}

gboolean
rally_credentials_clear_client_secret_finish (GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The Display API refresh token (rotates: store the newest after every refresh) */

void
rally_credentials_lookup_refresh_token_async (GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  lookup_token_async (KIND_REFRESH_TOKEN, rally_credentials_lookup_refresh_token_async, cancellable, callback,
                      user_data);
}

/* Returns: (transfer full) (nullable): the refresh token, or %NULL when none is stored */
char *
rally_credentials_lookup_refresh_token_finish (GAsyncResult  *result,
                                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Stores @token, or removes the stored one when @token is %NULL or empty. */
void
rally_credentials_store_refresh_token_async (const char          *token,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  store_token_async (KIND_REFRESH_TOKEN, _(LABEL_REFRESH_TOKEN), token,
                     rally_credentials_store_refresh_token_async, cancellable, callback, user_data);
}

gboolean
rally_credentials_store_refresh_token_finish (GAsyncResult  *result,
                                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Signing out */

static void
refresh_cleared_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The access token is gone: now its refresh token. */
static void
access_cleared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  store_token_async (KIND_REFRESH_TOKEN, NULL, NULL, rally_credentials_sign_out_async,
                     cancellable, refresh_cleared_cb, g_steal_pointer (&task));
}

/**
 * rally_credentials_sign_out_async:
 *
 * Removes the Display API access and refresh tokens from the keyring: the
 * organisation's account is no longer signed in. The client secret stays.
 */
void
rally_credentials_sign_out_async (GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, rally_credentials_sign_out_async);
  store_token_async (KIND_USER_TOKEN, NULL, NULL, rally_credentials_sign_out_async, cancellable,
                     access_cleared_cb, task);
}

gboolean
rally_credentials_sign_out_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Both Display API tokens at once, for a sync (the command line, or a worker thread) */

/**
 * rally_credentials_get_user_tokens:
 * @access_token: (out) (nullable): the stored access token, %NULL when none
 * @refresh_token: (out) (nullable): the stored refresh token, %NULL when none
 *
 * Returns: %FALSE only when the keyring could not be asked
 */
gboolean
rally_credentials_get_user_tokens (char         **access_token,
                                   char         **refresh_token,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_return_val_if_fail (access_token != NULL && refresh_token != NULL, FALSE);

  *access_token = *refresh_token = NULL;
  *access_token = lookup_sync (KIND_USER_TOKEN, NO_CLIENT_KEY, cancellable, error);
  if (*access_token == NULL && error != NULL && *error != NULL)
    return FALSE;
  *refresh_token = lookup_sync (KIND_REFRESH_TOKEN, NO_CLIENT_KEY, cancellable, error);
  return *refresh_token != NULL || error == NULL || *error == NULL;
}

/**
 * rally_credentials_save_user_tokens:
 *
 * Stores a new access token and its refresh token (refresh tokens rotate: the one
 * used to get them is no longer valid).
 */
gboolean
rally_credentials_save_user_tokens (const char    *access_token,
                                    const char    *refresh_token,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  g_return_val_if_fail (access_token != NULL && refresh_token != NULL, FALSE);

  return secret_password_store_sync (rally_credentials_get_schema (), SECRET_COLLECTION_DEFAULT,
                                     _(LABEL_USER_TOKEN), access_token,
                                     cancellable, error,
                                     "kind", KIND_USER_TOKEN, "client-key", NO_CLIENT_KEY, NULL) &&
         secret_password_store_sync (rally_credentials_get_schema (), SECRET_COLLECTION_DEFAULT,
                                     _(LABEL_REFRESH_TOKEN), refresh_token,
                                     cancellable, error,
                                     "kind", KIND_REFRESH_TOKEN, "client-key", NO_CLIENT_KEY, NULL);
}

static void
get_user_tokens_thread (GTask        *task,
                        gpointer      source,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GError *error = NULL;
  char *tokens[2] = { NULL, NULL };

  if (!rally_credentials_get_user_tokens (&tokens[0], &tokens[1], cancellable, &error))
    g_task_return_error (task, error);
  else
    {
      g_task_set_task_data (task, tokens[1], rally_wipe_free);
      g_task_return_pointer (task, tokens[0], rally_wipe_free);
    }
}

/* rally_credentials_get_user_tokens() on a worker thread */
void
rally_credentials_get_user_tokens_async (GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, rally_credentials_get_user_tokens_async);
  g_task_run_in_thread (task, get_user_tokens_thread);
}

gboolean
rally_credentials_get_user_tokens_finish (GAsyncResult  *result,
                                          char         **access_token,
                                          char         **refresh_token,
                                          GError       **error)
{
  GTask *task = G_TASK (result);

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  *refresh_token = NULL;
  *access_token = g_task_propagate_pointer (task, error);
  if (*access_token == NULL && error != NULL && *error != NULL)
    return FALSE;
  *refresh_token = g_strdup (g_task_get_task_data (task));
  return TRUE;
}
