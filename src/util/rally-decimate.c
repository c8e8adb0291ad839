/* rally-decimate.c
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

/* Min/max decimation. A chart one thousand pixels wide cannot show a million points,
 * but it must not lose a spike either: sampling every nth point (what a stride does)
 * would. So each pixel column keeps its first, last, smallest and largest value, and
 * the line drawn through first → min/max → last looks exactly like the full data at
 * that width. One pass over the points, which must be sorted by x. */

#define G_LOG_DOMAIN "RallyDecimate"

#include "config.h"

#include <math.h>

#include "rally-decimate.h"

/* The x of a point and its value; generated twice below, for double and gint64 x. */
#define DEFINE_DECIMATE(func, XTYPE, X_AT, Y_AT, ARGS)                                    \
static guint                                                                            \
func ARGS                                                                               \
{                                                                                       \
  RallyDecimateColumn *col = NULL;                                                      \
  guint n_out = 0;                                                                      \
  double span = (double) x_max - (double) x_min;                                        \
  double per_x = span > 0 ? columns / span : 0;                                         \
  gsize i = 0, lo = 0, hi = n;                                                          \
                                                                                        \
  /* Binary search for the first point at or after x_min. */                            \
  while (lo < hi)                                                                       \
    {                                                                                   \
      gsize mid = lo + (hi - lo) / 2;                                                   \
      if (X_AT (mid) < x_min)                                                           \
        lo = mid + 1;                                                                   \
      else                                                                              \
        hi = mid;                                                                       \
    }                                                                                   \
                                                                                        \
  for (i = lo; i < n && X_AT (i) <= x_max; i++)                                         \
    {                                                                                   \
      double xv = (double) X_AT (i);                                                    \
      double yv = Y_AT (i);                                                             \
      guint c;                                                                          \
                                                                                        \
      if (!isfinite (yv))                                                               \
        continue;                                                                       \
      c = (guint) MIN ((xv - (double) x_min) * per_x, (double) (columns - 1));          \
      if (col == NULL || col->column != c)                                              \
        {                                                                               \
          col = &out[n_out++];                                                          \
          col->column = c;                                                              \
          col->x_first = xv;                                                            \
          col->first = col->min = col->max = yv;                                        \
          col->first_index = i;                                                         \
        }                                                                               \
      col->x_last = xv;                                                                 \
      col->last = yv;                                                                   \
      col->last_index = i;                                                              \
      if (yv < col->min)                                                                \
        col->min = yv;                                                                  \
      if (yv > col->max)                                                                \
        col->max = yv;                                                                  \
    }                                                                                   \
                                                                                        \
  return n_out;                                                                         \
}

#define ARRAY_X(i) (x[(i)])
#define ARRAY_Y(i) (y[(i)])
#define POINT_X(i) (points[(i)].t)
#define POINT_Y(i) (points[(i)].v)

DEFINE_DECIMATE (decimate_arrays, double, ARRAY_X, ARRAY_Y,
                 (const double *x, const double *y, gsize n, double x_min, double x_max,
                  guint columns, RallyDecimateColumn *out))

DEFINE_DECIMATE (decimate_points, gint64, POINT_X, POINT_Y,
                 (const RallyPoint *points, gsize n, gint64 x_min, gint64 x_max,
                  guint columns, RallyDecimateColumn *out))

/**
 * rally_decimate:
 * @x: x values, sorted ascending
 * @y: y values; points whose y is not finite are skipped
 * @n: number of points
 * @x_min: x at the left edge of column 0
 * @x_max: x at the right edge of the last column (included)
 * @columns: number of columns, at least 1
 * @out: (out caller-allocates) (array length=columns): room for @columns columns
 *
 * Splits [@x_min, @x_max] into @columns equal columns and summarises the points in
 * each: a point at x goes to column ⌊(x − @x_min) × @columns / (@x_max − @x_min)⌋,
 * the last column also taking x = @x_max. Points outside the range are ignored;
 * empty columns are left out.
 *
 * Returns: the number of columns written to @out, in order of x
 */
guint
rally_decimate (const double        *x,
                const double        *y,
                gsize                n,
                double               x_min,
                double               x_max,
                guint                columns,
                RallyDecimateColumn *out)
{
  g_return_val_if_fail (n == 0 || (x != NULL && y != NULL), 0);
  g_return_val_if_fail (columns > 0, 0);
  g_return_val_if_fail (out != NULL, 0);

  return decimate_arrays (x, y, n, x_min, x_max, columns, out);
}

/**
 * rally_decimate_points:
 * @points: (array length=n): points sorted by time
 *
 * rally_decimate() for a series' points; x values in the output are UTC seconds.
 */
guint
rally_decimate_points (const RallyPoint    *points,
                       gsize                n,
                       gint64               t_min,
                       gint64               t_max,
                       guint                columns,
                       RallyDecimateColumn *out)
{
  g_return_val_if_fail (n == 0 || points != NULL, 0);
  g_return_val_if_fail (columns > 0, 0);
  g_return_val_if_fail (out != NULL, 0);

  return decimate_points (points, n, t_min, t_max, columns, out);
}
