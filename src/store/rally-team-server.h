/* rally-team-server.h
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

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A team server as a person sees it: who and where an address points, whether it
 * answers (Test Connection), and the password given for it this run, kept in memory
 * only and handed to libpq as its `password` parameter, never put into the address. */

typedef struct
{
  char     *user;
  char     *database;
  char     *host;
  char     *port;
  gboolean  uri_has_password;  /* the address itself carries one (user:password@) */
  gboolean  password_needed;   /* the server asked for a password */
  gboolean  password_given;    /* and took the one given: libpq found none (.pgpass) */
} RallyTeamServerInfo;

void      rally_team_server_info_clear   (RallyTeamServerInfo  *info);
gboolean  rally_team_server_identify     (const char           *uri,
                                          RallyTeamServerInfo  *info,
                                          GError              **error);
char     *rally_team_server_describe     (const char           *uri);
gboolean  rally_team_server_probe        (const char           *uri,
                                          const char           *password,
                                          RallyTeamServerInfo  *info,
                                          GError              **error);
void      rally_team_server_set_password (const char           *uri,
                                          const char           *password);
char     *rally_team_server_dup_password (const char           *uri);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RallyTeamServerInfo, rally_team_server_info_clear)

G_END_DECLS
