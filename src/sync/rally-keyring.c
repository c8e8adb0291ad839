/* rally-keyring.c
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

#define G_LOG_DOMAIN "RallyKeyring"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "rally-credentials.h"
#include "rally-keyring.h"

#define KIND_CLIENT_SECRET "client-secret"
#define KIND_USER_TOKEN    "display-user-token"
/* the schema requires both attributes; the user token belongs to no client key */
#define NO_CLIENT_KEY      ""

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* libsecret's memory is non-pageable: hand out plain memory */
  g_task_return_pointer (task, g_strdup (secret), g_free);
  if (secret != NULL)
    secret_password_free (secret);
}

void
rally_keyring_lookup_user_token_async (GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, rally_keyring_lookup_user_token_async);
  secret_password_lookup (rally_credentials_get_schema (), cancellable, lookup_cb, task,
                          "kind", KIND_USER_TOKEN, "client-key", NO_CLIENT_KEY, NULL);
}

/* Returns: (transfer full) (nullable): the token, or %NULL when none is stored */
char *
rally_keyring_lookup_user_token_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
stored_cb (GObject      *object,
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

static void
cleared_cb (GObject      *object,
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

/* Stores @token, or removes the stored one when @token is %NULL or empty. */
void
rally_keyring_store_user_token_async (const char          *token,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, rally_keyring_store_user_token_async);
  if (token == NULL || *token == '\0')
    secret_password_clear (rally_credentials_get_schema (), cancellable, cleared_cb, task,
                           "kind", KIND_USER_TOKEN, "client-key", NO_CLIENT_KEY, NULL);
  else
    secret_password_store (rally_credentials_get_schema (), SECRET_COLLECTION_DEFAULT,
                           _("Rally: TikTok Display API access token"), token,
                           cancellable, stored_cb, task,
                           "kind", KIND_USER_TOKEN, "client-key", NO_CLIENT_KEY, NULL);
}

gboolean
rally_keyring_store_user_token_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
rally_keyring_clear_client_secret_async (const char          *client_key,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (client_key != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rally_keyring_clear_client_secret_async);
  secret_password_clear (rally_credentials_get_schema (), cancellable, cleared_cb, task,
                         "kind", KIND_CLIENT_SECRET, "client-key", client_key, NULL);
}

gboolean
rally_keyring_clear_client_secret_finish (GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
