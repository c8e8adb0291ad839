/* rally-workspace-location.c
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

/* Where a workspace lives. The app and every command take `--workspace LOCATION` (its
 * alias `--data-dir DIR` names a folder), else $RALLY_WORKSPACE, else the one chosen in
 * Preferences (the app passes its setting in), else the user data folder. A folder holds a SQLite workspace; a libpq connection URI names a team
 * workspace on a PostgreSQL server, checked before any connection (a server that is
 * not on this computer must be reached over verified TLS). */

#define G_LOG_DOMAIN "RallyWorkspaceLocation"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-db.h"
#include "rally-store.h"
#include "rally-team-server.h"
#include "rally-workspace-location.h"

/**
 * rally_workspace_location_resolve:
 * @given: (nullable): the location given on the command line
 *
 * Returns: (transfer full): @given when set, else a non-empty $RALLY_WORKSPACE, else
 *   the folder "rally" in the user data folder.
 */
char *
rally_workspace_location_resolve (const char *given)
{
  return rally_workspace_location_resolve_with_setting (given, NULL);
}

/**
 * rally_workspace_location_resolve_with_setting:
 * @given: (nullable): the location given on the command line
 * @setting: (nullable): the location chosen in Preferences (the `workspace` setting);
 *   empty means this computer's default folder
 *
 * Returns: (transfer full): @given when set, else a non-empty $RALLY_WORKSPACE, else
 *   a non-empty @setting, else rally_workspace_location_get_default().
 */
char *
rally_workspace_location_resolve_with_setting (const char *given,
                                               const char *setting)
{
  const char *env = g_getenv ("RALLY_WORKSPACE");

  if (given != NULL && *given != '\0')
    return g_strdup (given);
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (setting != NULL && *setting != '\0')
    return g_strdup (setting);

  return rally_workspace_location_get_default ();
}

/**
 * rally_workspace_location_get_default:
 *
 * Returns: (transfer full): this computer's workspace folder, "rally" in the user
 *   data folder
 */
char *
rally_workspace_location_get_default (void)
{
  return g_build_filename (g_get_user_data_dir (), "rally", NULL);
}

/**
 * rally_workspace_location_describe:
 * @location: a resolved location
 *
 * Returns: (transfer full): where @location is, for a person: the folder, or the
 *   team server's database, host and user (never a password)
 */
char *
rally_workspace_location_describe (const char *location)
{
  g_autofree char *server = NULL;

  g_return_val_if_fail (location != NULL, NULL);

  if (!rally_workspace_location_is_server (location))
    /* Translators: %s is a folder */
    return g_strdup_printf (_("This computer, in %s"), location);
  server = rally_team_server_describe (location);
  /* Translators: %s is “database” on host:port as user */
  return g_strdup_printf (_("Team server: %s"), server);
}

/**
 * rally_workspace_location_is_server:
 * @location: a resolved location
 *
 * Returns: %TRUE when @location is a libpq connection URI (postgresql:// or
 *   postgres://) rather than a folder.
 */
gboolean
rally_workspace_location_is_server (const char *location)
{
  g_return_val_if_fail (location != NULL, FALSE);

  return g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://");
}

/**
 * rally_workspace_location_check:
 * @location: a resolved location
 * @error: where to say why it cannot be opened
 *
 * Returns: %TRUE when a workspace at @location may be opened: any folder, or a
 *   team server address that passes rally_db_check_server_uri()
 */
gboolean
rally_workspace_location_check (const char  *location,
                                GError     **error)
{
  g_return_val_if_fail (location != NULL, FALSE);

  if (rally_workspace_location_is_server (location))
    return rally_db_check_server_uri (location, error);

  return TRUE;
}
