/* rally-decimate.h
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

#include "rally-series.h"

G_BEGIN_DECLS

/* What one pixel column of a chart holds: the x of its first and last point, the
 * first, last, smallest and largest value, and the index range of its points. */
typedef struct
{
  guint  column;
  double x_first;
  double x_last;
  double first;
  double last;
  double min;
  double max;
  gsize  first_index;
  gsize  last_index;
} RallyDecimateColumn;

guint rally_decimate        (const double        *x,
                             const double        *y,
                             gsize                n,
                             double               x_min,
                             double               x_max,
                             guint                columns,
                             RallyDecimateColumn *out);
guint rally_decimate_points (const RallyPoint    *points,
                             gsize                n,
                             gint64               t_min,
                             gint64               t_max,
                             guint                columns,
                             RallyDecimateColumn *out);

G_END_DECLS
