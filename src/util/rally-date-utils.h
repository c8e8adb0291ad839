/* rally-date-utils.h
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

/*
 * A "day" is a civil date stored as the unix seconds of its UTC midnight, the form the
 * store uses for campaign and challenge dates. Day arithmetic never depends on the time
 * zone; only the rally_day_*_local() conversions of a moment do.
 */

#define RALLY_DAY_SECONDS G_GINT64_CONSTANT (86400)

gint64       rally_day_from_ymd             (int           year,
                                             int           month,
                                             int           day);
void         rally_day_to_ymd               (gint64        day,
                                             int          *year,
                                             int          *month,
                                             int          *mday);
gboolean     rally_day_parse_iso            (const char   *text,
                                             gint64       *day);
char        *rally_day_format_iso           (gint64        day);
gint64       rally_day_add_days             (gint64        day,
                                             int           n_days);
gint64       rally_day_add_months           (gint64        day,
                                             int           n_months);
GDateWeekday rally_day_get_weekday          (gint64        day);
int          rally_days_in_month            (int           year,
                                             int           month);
gint64       rally_day_month_start          (gint64        day);
gint64       rally_day_month_end            (gint64        day);
gint64       rally_day_today_local          (void);
gint64       rally_day_of_time_local        (gint64        time);
gint64       rally_day_to_time_local        (gint64        day,
                                             int           hour,
                                             int           minute);
GDateWeekday rally_locale_first_weekday     (void);

gint64       rally_month_grid_first_day     (int           year,
                                             int           month,
                                             GDateWeekday  first_weekday);
guint        rally_month_grid_n_weeks       (int           year,
                                             int           month,
                                             GDateWeekday  first_weekday);
gint64       rally_month_grid_day_at        (int           year,
                                             int           month,
                                             GDateWeekday  first_weekday,
                                             guint         index);
int          rally_month_grid_index_of      (int           year,
                                             int           month,
                                             GDateWeekday  first_weekday,
                                             gint64        day);

G_END_DECLS
