/* rally-team-server.c
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

/* Team servers for Preferences and the application: Test Connection, the sentence
 * naming a server, and the passwords given this run. libpq looks in .pgpass and
 * PGPASSFILE itself; a password the person typed, or that the keyring kept because
 * libpq had none, lives here in memory (keyed by the exact address) and reaches every
 * connection rally_db_open_postgresql() makes, the figures reader's too. */

#define G_LOG_DOMAIN "RallyTeamServer"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-db-libpq.h"
#include "rally-db-private.h"
#include "rally-team-server.h"
#include "rally-wipe.h"

static GMutex passwords_lock;
static GHashTable *passwords;   /* address → password */

void
rally_team_server_info_clear (RallyTeamServerInfo *info)
{
  g_clear_pointer (&info->user, g_free);
  g_clear_pointer (&info->database, g_free);
  g_clear_pointer (&info->host, g_free);
  g_clear_pointer (&info->port, g_free);
}

/**
 * rally_team_server_identify:
 * @uri: a libpq connection URI
 * @info: (out caller-allocates): its user, database, host and port
 *
 * Reads @uri without connecting; what it leaves out is filled as libpq would (the
 * PG* variables, then the login name, port 5432).
 *
 * Returns: %FALSE with @error set when @uri is not a valid address
 */
gboolean
rally_team_server_identify (const char           *uri,
                            RallyTeamServerInfo  *info,
                            GError              **error)
{
  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  return _rally_db_pg_identify (uri, info, error);
}

/**
 * rally_team_server_describe:
 *
 * Returns: (transfer full): where @uri points, for a person ("“team” on db.example.org:5432
 *   as alice"), never with a password
 */
char *
rally_team_server_describe (const char *uri)
{
  g_auto(RallyTeamServerInfo) info = { 0 };

  g_return_val_if_fail (uri != NULL, NULL);

  if (!_rally_libpq_load (NULL))
    return g_strdup (_("a team server, which Rally cannot reach without PostgreSQL’s client library"));
  if (!_rally_db_pg_identify (uri, &info, NULL))
    return g_strdup (_("a team server whose address is not valid"));
  /* Translators: “database” on host:port as user */
  return g_strdup_printf (_("“%s” on %s:%s as %s"), info.database, info.host, info.port, info.user);
}

/**
 * rally_team_server_probe:
 * @uri: a libpq connection URI, checked as rally_db_open_postgresql() checks it
 * @password: (nullable): the password typed, tried only when libpq has none that
 *   works (.pgpass, PGPASSFILE)
 * @info: (out caller-allocates): who and where the connection is; on failure only
 *   whether the server asked for a password that libpq did not have
 *
 * Connects and disconnects. Blocking: run it in a thread.
 *
 * Returns: %TRUE when the server accepted the connection
 */
gboolean
rally_team_server_probe (const char           *uri,
                         const char           *password,
                         RallyTeamServerInfo  *info,
                         GError              **error)
{
  g_autoptr(GError) own_error = NULL;
  g_autoptr(RallyDb) db = NULL;
  gboolean needs_password = FALSE;
  gboolean given = FALSE;

  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  db = _rally_db_pg_open (uri, NULL, &needs_password, &own_error);
  if (db == NULL && needs_password && password != NULL && *password != '\0')
    {
      db = _rally_db_pg_open (uri, password, NULL, error);
      given = TRUE;
    }
  else if (db == NULL)
    {
      /* the server asked for a password that libpq did not have */
      info->password_needed = needs_password;
      g_propagate_error (error, g_steal_pointer (&own_error));
    }
  if (db == NULL)
    return FALSE;

  _rally_db_pg_describe (db, info);
  info->password_given = given;
  return TRUE;
}

/**
 * rally_team_server_set_password:
 * @uri: the address, exactly as it will be opened
 * @password: (nullable): the password, or %NULL to forget it
 *
 * Keeps @password in memory for every later connection to @uri this run.
 */
void
rally_team_server_set_password (const char *uri,
                                const char *password)
{
  g_return_if_fail (uri != NULL);

  g_mutex_lock (&passwords_lock);
  if (passwords == NULL)
    passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, rally_wipe_free);
  if (password != NULL && *password != '\0')
    g_hash_table_insert (passwords, g_strdup (uri), g_strdup (password));
  else
    g_hash_table_remove (passwords, uri);
  g_mutex_unlock (&passwords_lock);
}

/**
 * rally_team_server_dup_password:
 *
 * Returns: (transfer full) (nullable): the password given for @uri this run; wipe it
 *   with rally_wipe_free()
 */
char *
rally_team_server_dup_password (const char *uri)
{
  char *password = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  g_mutex_lock (&passwords_lock);
  if (passwords != NULL)
    password = g_strdup (g_hash_table_lookup (passwords, uri));
  g_mutex_unlock (&passwords_lock);
  return password;
}
