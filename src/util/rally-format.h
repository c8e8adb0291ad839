/* rally-format.h
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

void  rally_format_get_marks (const char **group,
                              const char **decimal);
G_GNUC_WARN_UNUSED_RESULT
char *rally_format_abbrev  (double      value);
G_GNUC_WARN_UNUSED_RESULT
char *rally_format_integer (gint64      value);
G_GNUC_WARN_UNUSED_RESULT
char *rally_format_percent (double      fraction);
G_GNUC_WARN_UNUSED_RESULT
char *rally_format_money   (gint64      minor,
                            const char *currency);
G_GNUC_WARN_UNUSED_RESULT
char *rally_format_date    (gint64      utc_seconds);
G_GNUC_WARN_UNUSED_RESULT
char *rally_format_day_range (gint64    start,
                              gint64    end);
G_GNUC_WARN_UNUSED_RESULT
char *rally_format_event_days (gint64  first_day,
                               gint64  last_day);
G_GNUC_WARN_UNUSED_RESULT
char *rally_format_goal     (const char *owner,
                             const char *amount);
G_GNUC_WARN_UNUSED_RESULT
char *rally_format_unbroken (const char *text);
G_GNUC_WARN_UNUSED_RESULT
char *rally_format_progress (const char *value,
                             const char *goal,
                             double      fraction);

G_END_DECLS
