/* rally-backup-numbers.h
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

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

void  rally_backup_number_range    (const char *table,
                                    const char *name,
                                    gint64     *min,
                                    gint64     *max);
char *rally_backup_check_number    (const char *table,
                                    const char *column,
                                    JsonNode   *value);
char *rally_backup_check_number_in (JsonNode   *value,
                                    gint64      min,
                                    gint64      max);

G_END_DECLS
