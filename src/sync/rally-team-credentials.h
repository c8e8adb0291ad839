/* rally-team-credentials.h
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

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* A team server's password, when libpq finds none itself (.pgpass, PGPASSFILE), lives
 * in the desktop keyring under the schema io.github.rallyapp.Rally.TeamServer, keyed
 * by the host, port, database and user the address names; never in a file or a log. */

#define RALLY_TEAM_CREDENTIALS_SCHEMA_NAME "io.github.rallyapp.Rally.TeamServer"

const SecretSchema *rally_team_credentials_get_schema   (void);
gboolean            rally_team_credentials_remember     (const char           *uri,
                                                         GCancellable         *cancellable,
                                                         GError              **error);
void                rally_team_credentials_lookup_async (const char           *uri,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
char               *rally_team_credentials_lookup_finish (GAsyncResult        *result,
                                                          GError             **error);
void                rally_team_credentials_store_async  (const char           *uri,
                                                         const char           *password,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            rally_team_credentials_store_finish (GAsyncResult         *result,
                                                         GError              **error);
char               *rally_team_credentials_pgpass_line  (const char           *uri);

G_END_DECLS
