/* rally-cli.h
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

typedef int (*RallyCliFunc) (int    argc,
                             char **argv);

int       rally_cli_run               (int          argc,
                                       char       **argv);
char     *rally_cli_describe_commands (void);
int       rally_cli_find_command      (int          argc,
                                       char       **argv);
gboolean  rally_cli_command_draws     (const char   *name);

void      rally_cli_init_program      (void);
void      rally_cli_set_report_func   (RallyCliFunc  func);

G_END_DECLS
