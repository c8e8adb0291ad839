/* rally-workspace-location.h
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

char     *rally_workspace_location_resolve   (const char  *given);
char     *rally_workspace_location_resolve_with_setting (const char *given,
                                                         const char *setting);
char     *rally_workspace_location_get_default (void);
char     *rally_workspace_location_describe  (const char  *location);
gboolean  rally_workspace_location_is_server (const char  *location);
gboolean  rally_workspace_location_check     (const char  *location,
                                              GError     **error);

G_END_DECLS
