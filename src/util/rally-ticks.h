/* rally-ticks.h
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

typedef enum
{
  RALLY_DATE_STEP_DAY,
  RALLY_DATE_STEP_WEEK,
  RALLY_DATE_STEP_MONTH,
  RALLY_DATE_STEP_QUARTER,
  RALLY_DATE_STEP_YEAR,
} RallyDateStep;

/* One tick on a time axis; rally_ticks_dates() frees the labels with the array. */
typedef struct
{
  gint64  time;
  char   *label;
} RallyDateTick;

void    rally_ticks_linear      (double         min,
                                 double         max,
                                 guint          target_count,
                                 double        *out_min,
                                 double        *out_max,
                                 double        *step);
guint   rally_ticks_count       (double         min,
                                 double         max,
                                 double         step);
G_GNUC_WARN_UNUSED_RESULT
GArray *rally_ticks_dates       (gint64         from_utc,
                                 gint64         to_utc,
                                 guint          target);
G_GNUC_WARN_UNUSED_RESULT
GArray *rally_ticks_dates_full  (gint64         from_utc,
                                 gint64         to_utc,
                                 guint          target,
                                 RallyDateStep *out_step);

G_END_DECLS
