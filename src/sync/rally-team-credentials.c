/* rally-team-credentials.c
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

/* A team server's password in the keyring. Looking it up hands it to the driver's
 * memory (rally_team_server_set_password), from where libpq gets it as its `password`
 * parameter; the address itself never holds it. */

#define G_LOG_DOMAIN "RallyTeamCredentials"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-credentials-private.h"
#include "rally-team-credentials.h"
#include "rally-team-server.h"

const SecretSchema *
rally_team_credentials_get_schema (void)
{
  static const SecretSchema schema = {
    RALLY_TEAM_CREDENTIALS_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* The keyring's attributes for @uri, or NULL (with @error set) for an invalid address. */
static GHashTable *
attributes_for (const char  *uri,
                GError     **error)
{
  g_auto(RallyTeamServerInfo) info = { 0 };

  if (!rally_team_server_identify (uri, &info, error))
    return NULL;
  return secret_attributes_build (rally_team_credentials_get_schema (),
                                  "host", info.host, "port", info.port,
                                  "database", info.database, "user", info.user, NULL);
}

/**
 * rally_team_credentials_remember:
 * @uri: a team server's address
 *
 * Looks up the password the keyring keeps for @uri and, when there is one, gives it
 * to every later connection to @uri this run. Blocking (a D-Bus call).
 *
 * Returns: %FALSE with @error set only when the keyring could not be asked
 */
gboolean
rally_team_credentials_remember (const char    *uri,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(GHashTable) attributes = attributes_for (uri, NULL);
  char *password;
  GError *local_error = NULL;

  g_return_val_if_fail (uri != NULL, FALSE);

  if (attributes == NULL)
    return TRUE;   /* opening it will say what is wrong with it */
  password = secret_password_lookupv_sync (rally_team_credentials_get_schema (), attributes, cancellable,
                                           &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (password != NULL)
    rally_team_server_set_password (uri, password);
  secret_password_free (password);
  return TRUE;
}

void
rally_team_credentials_lookup_async (const char          *uri,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, rally_team_credentials_lookup_async);
  attributes = attributes_for (uri, &error);
  if (attributes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  secret_password_lookupv (rally_team_credentials_get_schema (), attributes, cancellable,
                           _rally_credentials_lookup_cb, g_steal_pointer (&task));
}

/* Returns: (transfer full) (nullable): the password (wipe it with rally_wipe_free()),
 *   or %NULL when none is kept */
char *
rally_team_credentials_lookup_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rally_team_credentials_store_async:
 * @password: (nullable): the password, or %NULL or "" to remove the kept one
 *
 * Keeps @password in the keyring for @uri's host, port, database and user.
 */
void
rally_team_credentials_store_async (const char          *uri,
                                    const char          *password,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  g_autofree char *where = NULL;
  GError *error = NULL;

  g_return_if_fail (uri != NULL);

  g_task_set_source_tag (task, rally_team_credentials_store_async);
  attributes = attributes_for (uri, &error);
  if (attributes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (password == NULL || *password == '\0')
    {
      secret_password_clearv (rally_team_credentials_get_schema (), attributes, cancellable,
                              _rally_credentials_cleared_cb, g_steal_pointer (&task));
      return;
    }
  where = rally_team_server_describe (uri);
  /* Translators: %s is “database” on host:port as user */
  label = g_strdup_printf (_("Rally: team server password for %s"), where);
  secret_password_storev (rally_team_credentials_get_schema (), attributes, SECRET_COLLECTION_DEFAULT, label,
                          password, cancellable, _rally_credentials_store_cb, g_steal_pointer (&task));
}

gboolean
rally_team_credentials_store_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rally_team_credentials_pgpass_line:
 *
 * Returns: (transfer full): the line that ~/.pgpass needs for @uri, with PASSWORD
 *   standing in for the password
 */
char *
rally_team_credentials_pgpass_line (const char *uri)
{
  g_auto(RallyTeamServerInfo) info = { 0 };

  g_return_val_if_fail (uri != NULL, NULL);

  if (!rally_team_server_identify (uri, &info, NULL))
    return g_strdup ("HOST:PORT:DATABASE:USER:PASSWORD");
  return g_strdup_printf ("%s:%s:%s:%s:PASSWORD", info.host, info.port, info.database, info.user);
}
