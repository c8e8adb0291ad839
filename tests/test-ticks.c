/* test-ticks.c
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

/* Nice value ticks and calendar date ticks. */

#include "config.h"

#include <glib.h>
#include <locale.h>
#include <math.h>

#include "rally-ticks.h"

#define DAY 86400

static gboolean
is_nice (double step)
{
  double mantissa = step / pow (10.0, floor (log10 (step)));

  return fabs (mantissa - 1) < 1e-9 || fabs (mantissa - 2) < 1e-9 || fabs (mantissa - 5) < 1e-9;
}

static void
check_linear (double min, double max, guint target)
{
  double lo, hi, step;
  guint count;

  rally_ticks_linear (min, max, target, &lo, &hi, &step);
  count = rally_ticks_count (lo, hi, step);

  g_assert_true (step > 0);
  g_assert_true (is_nice (step));
  g_assert_cmpfloat (lo, <=, MIN (min, max));
  g_assert_cmpfloat (hi, >=, MAX (min, max));
  g_assert_cmpuint (count, >=, 2);
  g_assert_cmpuint (count, <=, target + 2);
  /* No more than one step of slack on either side. */
  g_assert_cmpfloat (MIN (min, max) - lo, <, step + 1e-9 * step);
  g_assert_cmpfloat (hi - MAX (min, max), <, step + 1e-9 * step);
  /* Ticks sit on multiples of the step. */
  g_assert_cmpfloat (fabs (lo / step - round (lo / step)), <, 1e-6);
}

static void
test_ticks_linear_ranges (void)
{
  for (int k = 0; k <= 12; k++)
    for (guint target = 2; target <= 10; target += 2)
      {
        check_linear (0, pow (10, k), target);
        check_linear (0, 3.7 * pow (10, k), target);
        check_linear (0, 9.99 * pow (10, k), target);
      }
  check_linear (0, 0.37, 5);
  check_linear (-350, 1200, 5);
  check_linear (-5e6, -1e6, 4);
  check_linear (81e6, 81.5e6, 5);
}

static void
test_ticks_linear_examples (void)
{
  double lo, hi, step;

  rally_ticks_linear (0, 81e6, 5, &lo, &hi, &step);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (step, ==, 20e6);
  g_assert_cmpfloat (hi, ==, 100e6);

  rally_ticks_linear (0, 1, 5, &lo, &hi, &step);
  g_assert_cmpfloat (step, ==, 0.2);
  g_assert_cmpfloat (hi, ==, 1);
}

static void
test_ticks_linear_degenerate (void)
{
  double lo, hi, step;

  rally_ticks_linear (0, 0, 5, &lo, &hi, &step);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 1);

  rally_ticks_linear (500, 500, 5, &lo, &hi, &step);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, >=, 500);

  rally_ticks_linear (-42, -42, 5, &lo, &hi, &step);
  g_assert_cmpfloat (lo, <=, -42);
  g_assert_cmpfloat (hi, ==, 0);

  rally_ticks_linear (NAN, INFINITY, 5, &lo, &hi, &step);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 1);

  /* Reversed bounds and a zero target still give a usable axis. */
  rally_ticks_linear (100, 0, 0, &lo, &hi, &step);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, >=, 100);
  g_assert_true (step > 0);
}

static gint64
utc (int y, int m, int d)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  return g_date_time_to_unix (dt);
}

static void
check_dates (GArray *ticks, gint64 from, gint64 to, guint target)
{
  g_assert_cmpuint (ticks->len, >=, 1);
  g_assert_cmpuint (ticks->len, <=, target + 1);
  for (guint i = 0; i < ticks->len; i++)
    {
      RallyDateTick *tick = &g_array_index (ticks, RallyDateTick, i);

      g_assert_cmpint (tick->time, >=, from);
      g_assert_cmpint (tick->time, <=, to);
      g_assert_cmpint (tick->time % DAY, ==, 0);
      g_assert_nonnull (tick->label);
      if (i > 0)
        g_assert_cmpint (tick->time, >, g_array_index (ticks, RallyDateTick, i - 1).time);
    }
}

static void
test_ticks_dates_days (void)
{
  gint64 from = utc (2026, 11, 20), to = utc (2026, 11, 27);
  g_autoptr(GArray) ticks = NULL;
  RallyDateStep step;

  ticks = rally_ticks_dates_full (from + 3600, to, 10, &step);
  check_dates (ticks, from, to, 10);
  g_assert_cmpint (step, ==, RALLY_DATE_STEP_DAY);
  g_assert_cmpuint (ticks->len, ==, 7);
  g_assert_cmpstr (g_array_index (ticks, RallyDateTick, 0).label, ==, "21 Nov");
  g_assert_cmpstr (g_array_index (ticks, RallyDateTick, 4).label, ==, "25 Nov");
}

static void
test_ticks_dates_weeks_across_months (void)
{
  gint64 from = utc (2026, 10, 20), to = utc (2026, 12, 10);
  g_autoptr(GArray) ticks = NULL;
  RallyDateStep step;

  ticks = rally_ticks_dates_full (from, to, 8, &step);
  check_dates (ticks, from, to, 8);
  g_assert_cmpint (step, ==, RALLY_DATE_STEP_WEEK);
  for (guint i = 0; i < ticks->len; i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (g_array_index (ticks, RallyDateTick, i).time);
      g_assert_cmpint (g_date_time_get_day_of_week (dt), ==, 1); /* Monday */
    }
  g_assert_cmpstr (g_array_index (ticks, RallyDateTick, 0).label, ==, "26 Oct");
}

static void
test_ticks_dates_months_across_years (void)
{
  gint64 from = utc (2025, 9, 15), to = utc (2026, 3, 2);
  g_autoptr(GArray) ticks = NULL;
  RallyDateStep step;

  ticks = rally_ticks_dates_full (from, to, 8, &step);
  check_dates (ticks, from, to, 8);
  g_assert_cmpint (step, ==, RALLY_DATE_STEP_MONTH);
  g_assert_cmpuint (ticks->len, ==, 6);
  g_assert_cmpstr (g_array_index (ticks, RallyDateTick, 0).label, ==, "Oct 2025");
  g_assert_cmpstr (g_array_index (ticks, RallyDateTick, 3).label, ==, "Jan 2026");
  g_assert_cmpint (g_array_index (ticks, RallyDateTick, 3).time, ==, utc (2026, 1, 1));
}

static void
test_ticks_dates_quarters_and_years (void)
{
  g_autoptr(GArray) quarters = NULL;
  g_autoptr(GArray) years = NULL;
  RallyDateStep step;

  quarters = rally_ticks_dates_full (utc (2024, 2, 1), utc (2026, 1, 1), 8, &step);
  check_dates (quarters, utc (2024, 2, 1), utc (2026, 1, 1), 8);
  g_assert_cmpint (step, ==, RALLY_DATE_STEP_QUARTER);
  g_assert_cmpstr (g_array_index (quarters, RallyDateTick, 0).label, ==, "Apr 2024");

  years = rally_ticks_dates_full (utc (2015, 6, 1), utc (2026, 11, 25), 6, &step);
  check_dates (years, utc (2015, 6, 1), utc (2026, 11, 25), 6);
  g_assert_cmpint (step, ==, RALLY_DATE_STEP_YEAR);
  g_assert_cmpstr (g_array_index (years, RallyDateTick, 0).label, ==, "2016");
}

static void
test_ticks_dates_degenerate (void)
{
  g_autoptr(GArray) same = rally_ticks_dates (utc (2026, 11, 25), utc (2026, 11, 25), 5);
  g_autoptr(GArray) huge = rally_ticks_dates (G_MININT64, G_MAXINT64, 5);
  g_autoptr(GArray) reversed = rally_ticks_dates (utc (2026, 12, 1), utc (2026, 11, 1), 5);

  g_assert_cmpuint (same->len, ==, 1);
  g_assert_cmpuint (huge->len, >=, 1);
  g_assert_cmpuint (huge->len, <=, 6);
  g_assert_cmpuint (reversed->len, >=, 2);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ticks/linear/ranges", test_ticks_linear_ranges);
  g_test_add_func ("/ticks/linear/examples", test_ticks_linear_examples);
  g_test_add_func ("/ticks/linear/degenerate", test_ticks_linear_degenerate);
  g_test_add_func ("/ticks/dates/days", test_ticks_dates_days);
  g_test_add_func ("/ticks/dates/weeks-across-months", test_ticks_dates_weeks_across_months);
  g_test_add_func ("/ticks/dates/months-across-years", test_ticks_dates_months_across_years);
  g_test_add_func ("/ticks/dates/quarters-and-years", test_ticks_dates_quarters_and_years);
  g_test_add_func ("/ticks/dates/degenerate", test_ticks_dates_degenerate);

  return g_test_run ();
}
