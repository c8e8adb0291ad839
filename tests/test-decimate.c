/* test-decimate.c
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

/* Min/max decimation keeps every spike. */

#include "config.h"

#include <glib.h>
#include <math.h>

#include "rally-decimate.h"

static void
check_columns (const double *x, const double *y, gsize n, double x_min, double x_max, guint columns)
{
  g_autofree RallyDecimateColumn *out = g_new0 (RallyDecimateColumn, columns);
  g_autofree double *mins = g_new (double, columns);
  g_autofree double *maxs = g_new (double, columns);
  g_autofree gboolean *seen = g_new0 (gboolean, columns);
  guint n_out, total = 0;

  /* The reference: the min and max of each column, computed the slow obvious way. */
  for (gsize i = 0; i < n; i++)
    {
      guint c;

      if (x[i] < x_min || x[i] > x_max)
        continue;
      c = (guint) MIN ((x[i] - x_min) * (columns / (x_max - x_min)), columns - 1.0);
      mins[c] = seen[c] ? MIN (mins[c], y[i]) : y[i];
      maxs[c] = seen[c] ? MAX (maxs[c], y[i]) : y[i];
      seen[c] = TRUE;
    }

  n_out = rally_decimate (x, y, n, x_min, x_max, columns, out);
  for (guint c = 0; c < columns; c++)
    total += seen[c];
  g_assert_cmpuint (n_out, ==, total);

  for (guint k = 0; k < n_out; k++)
    {
      RallyDecimateColumn *col = &out[k];

      g_assert_true (seen[col->column]);
      g_assert_cmpfloat (col->min, ==, mins[col->column]);
      g_assert_cmpfloat (col->max, ==, maxs[col->column]);
      g_assert_cmpfloat (col->first, ==, y[col->first_index]);
      g_assert_cmpfloat (col->last, ==, y[col->last_index]);
      g_assert_cmpfloat (col->x_first, ==, x[col->first_index]);
      g_assert_cmpfloat (col->x_last, ==, x[col->last_index]);
      g_assert_cmpuint (col->first_index, <=, col->last_index);
      if (k > 0)
        {
          g_assert_cmpuint (col->column, >, out[k - 1].column);
          g_assert_cmpuint (col->first_index, ==, out[k - 1].last_index + 1);
        }
    }
}

static void
test_decimate_spikes (void)
{
  const gsize n = 100000;
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (gsize i = 0; i < n; i++)
    {
      x[i] = i;
      y[i] = sin (i / 500.0) * 100 + g_rand_double_range (rand, -5, 5);
    }
  /* Single-sample spikes, which a stride would miss. */
  y[12345] = 10000;
  y[67891] = -10000;

  check_columns (x, y, n, 0, n - 1, 1000);
  check_columns (x, y, n, 0, n - 1, 7);
  check_columns (x, y, n, 1000, 2000, 300);
  check_columns (x, y, n, 0, n - 1, 1);
}

static void
test_decimate_sparse (void)
{
  double x[] = { 0, 10, 50, 51, 99 };
  double y[] = { 1, 2, 3, 4, 5 };
  RallyDecimateColumn out[100];
  guint n_out;

  check_columns (x, y, G_N_ELEMENTS (x), 0, 99, 100);
  n_out = rally_decimate (x, y, G_N_ELEMENTS (x), 0, 99, 100, out);
  /* Fewer points than columns: each point keeps its exact x. */
  g_assert_cmpuint (n_out, ==, 5);
  g_assert_cmpfloat (out[4].x_first, ==, 99);
  g_assert_cmpuint (out[4].column, ==, 99);
}

static void
test_decimate_edges (void)
{
  double x[] = { 5, 5, 5 };
  double y[] = { 1, NAN, 3 };
  RallyDecimateColumn out[10];

  g_assert_cmpuint (rally_decimate (NULL, NULL, 0, 0, 1, 10, out), ==, 0);
  /* Zero-width range: everything lands in column 0; NaN is skipped. */
  g_assert_cmpuint (rally_decimate (x, y, 3, 5, 5, 10, out), ==, 1);
  g_assert_cmpfloat (out[0].min, ==, 1);
  g_assert_cmpfloat (out[0].max, ==, 3);
  g_assert_cmpfloat (out[0].last, ==, 3);
  /* A range that misses all points. */
  g_assert_cmpuint (rally_decimate (x, y, 3, 6, 9, 10, out), ==, 0);
}

static void
test_decimate_points (void)
{
  RallyPoint points[1000];
  RallyDecimateColumn out[10];
  guint n_out;

  for (guint i = 0; i < 1000; i++)
    {
      points[i].t = 1795564800 + (gint64) i * 60;
      points[i].v = i == 500 ? 1e9 : i;
    }
  n_out = rally_decimate_points (points, 1000, points[0].t, points[999].t, 10, out);
  g_assert_cmpuint (n_out, ==, 10);
  g_assert_cmpfloat (out[5].max, ==, 1e9);
  g_assert_cmpfloat (out[0].min, ==, 0);
  g_assert_cmpfloat (out[9].last, ==, 999);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/decimate/spikes", test_decimate_spikes);
  g_test_add_func ("/decimate/sparse", test_decimate_sparse);
  g_test_add_func ("/decimate/edges", test_decimate_edges);
  g_test_add_func ("/decimate/points", test_decimate_points);

  return g_test_run ();
}
