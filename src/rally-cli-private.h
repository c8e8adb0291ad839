/* rally-cli-private.h
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

#include "rally-store.h"

G_BEGIN_DECLS

/* Exit statuses of every command besides EXIT_SUCCESS and EXIT_FAILURE. */
#define EXIT_USAGE 2

gboolean    _rally_cli_parse_options         (const char           *command,
                                              const char           *summary,
                                              const GOptionEntry   *entries,
                                              int                  *argc,
                                              char               ***argv);
gboolean    _rally_cli_parse_command_options (int                  *argc,
                                              char               ***argv,
                                              GOptionEntry         *entries,
                                              const char           *parameters,
                                              const char           *summary);
RallyStore *_rally_cli_open_workspace        (const char           *command,
                                              gboolean              must_exist,
                                              char                **location_out);
RallyStore *_rally_cli_open_workspace_to_write (const char         *command,
                                              gboolean              must_exist,
                                              char                **location_out);

int         _rally_cli_sync                  (int                   argc,
                                              char                **argv);
int         _rally_cli_export                (int                   argc,
                                              char                **argv);
int         _rally_cli_import                (int                   argc,
                                              char                **argv);

G_END_DECLS
