/* test-forecast.c
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

/* Goal forecasts from cumulative snapshots. */

#include "config.h"

#include <glib.h>
#include <math.h>

#include "rally-forecast.h"

#define DAY G_GINT64_CONSTANT (86400)
#define START G_GINT64_CONSTANT (1795564800) /* 2026-11-25 */

static GArray *
linear (guint days, double start, double per_day, double noise)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (RallyPoint));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < days; i++)
    {
      RallyPoint p = { START + i * DAY, start + per_day * i + g_rand_double_range (rand, -noise, noise) };
      g_array_append_val (points, p);
    }
  return points;
}

static void
test_forecast_linear (void)
{
  g_autoptr(GArray) points = linear (10, 1000, 100, 0);
  RallyForecast f;
  gint64 now = START + 9 * DAY;

  /* 1900 on day 9, +100/day: 5000 needs 31 more days. */
  g_assert_cmpint (rally_forecast_goal ((RallyPoint *) (gpointer) points->data, points->len, 5000, now, &f),
                   ==, RALLY_FORECAST_ON_TRACK);
  g_assert_cmpint (f.date, ==, START + 40 * DAY);
  g_assert_cmpfloat_with_epsilon (f.per_day, 100, 1e-6);
}

static void
test_forecast_reached (void)
{
  g_autoptr(GArray) points = linear (10, 1000, 100, 0);
  RallyForecast f;

  g_assert_cmpint (rally_forecast_goal ((RallyPoint *) (gpointer) points->data, points->len, 1500, START + 30 * DAY, &f),
                   ==, RALLY_FORECAST_REACHED);
  g_assert_cmpint (f.date, ==, START + 5 * DAY);
  /* Points after "now" do not count. */
  g_assert_cmpint (rally_forecast_goal ((RallyPoint *) (gpointer) points->data, points->len, 1500, START + 2 * DAY, &f),
                   ==, RALLY_FORECAST_ON_TRACK);
}

static void
test_forecast_flat (void)
{
  g_autoptr(GArray) flat = linear (20, 5000, 0, 0);
  g_autoptr(GArray) falling = linear (20, 5000, -10, 0);
  g_autoptr(GArray) slow = linear (20, 0, 0.001, 0);
  RallyPoint single = { START, 10 };
  RallyForecast f;
  gint64 now = START + 20 * DAY;

  g_assert_cmpint (rally_forecast_goal ((RallyPoint *) (gpointer) flat->data, flat->len, 10000, now, &f), ==, RALLY_FORECAST_NOT_AT_PACE);
  g_assert_cmpint (rally_forecast_goal ((RallyPoint *) (gpointer) falling->data, falling->len, 10000, now, &f), ==, RALLY_FORECAST_NOT_AT_PACE);
  g_assert_cmpfloat (f.per_day, <, 0);
  /* Would take far longer than the five-year horizon. */
  g_assert_cmpint (rally_forecast_goal ((RallyPoint *) (gpointer) slow->data, slow->len, 1e6, now, &f), ==, RALLY_FORECAST_NOT_AT_PACE);
  /* One point is no pace at all. */
  g_assert_cmpint (rally_forecast_goal (&single, 1, 100, now, &f), ==, RALLY_FORECAST_TOO_LITTLE_HISTORY);
  g_assert_cmpint (rally_forecast_goal (NULL, 0, 100, now, &f), ==, RALLY_FORECAST_NO_DATA);
}

static void
test_forecast_noisy (void)
{
  g_autoptr(GArray) points = linear (60, 0, 1000, 300);
  RallyForecast f;
  gint64 now = START + 59 * DAY;
  gint64 expected = START + 100 * DAY;

  g_assert_cmpint (rally_forecast_goal ((RallyPoint *) (gpointer) points->data, points->len, 100000, now, &f),
                   ==, RALLY_FORECAST_ON_TRACK);
  /* Within two days of the true line's answer. */
  g_assert_cmpint (ABS (f.date - expected), <, 2 * DAY);
  g_assert_cmpfloat (fabs (f.per_day - 1000), <, 60);
}

static void
test_forecast_recent_pace (void)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (RallyPoint));
  RallyForecast f;
  double v = 0;

  /* A fast launch (10K/day for 30 days), then a steady 1K/day for 20 days: the
   * forecast follows the last two weeks, not the launch. */
  for (guint i = 0; i < 50; i++)
    {
      RallyPoint p = { START + i * DAY, v };
      g_array_append_val (points, p);
      v += i < 30 ? 10000 : 1000;
    }
  g_assert_cmpint (rally_forecast_goal ((RallyPoint *) (gpointer) points->data, points->len, 1e6, START + 49 * DAY, &f),
                   ==, RALLY_FORECAST_ON_TRACK);
  g_assert_cmpfloat_with_epsilon (f.per_day, 1000, 1e-6);
  g_array_unref (points);
}

/* Right after a first sync: two snapshots seconds apart, then two days of them. A
 * pace needs points on three distinct days; until then, no verdict on the goal. */
static void
test_forecast_little_history (void)
{
  RallyPoint first_sync[] = { { START + 3600, 5000 }, { START + 3605, 5000 } };
  RallyPoint two_days[] = { { START, 5000 }, { START + 3600, 5200 }, { START + DAY, 9000 } };
  RallyPoint three_days[] = { { START, 5000 }, { START + DAY, 7000 }, { START + 2 * DAY, 9000 } };
  RallyForecast f;
  gint64 now = START + 2 * DAY + 60;

  g_assert_cmpint (rally_forecast_goal (first_sync, G_N_ELEMENTS (first_sync), 100000, now, &f),
                   ==, RALLY_FORECAST_TOO_LITTLE_HISTORY);
  g_assert_cmpint (rally_forecast_goal (two_days, G_N_ELEMENTS (two_days), 100000, now, &f),
                   ==, RALLY_FORECAST_TOO_LITTLE_HISTORY);
  /* A goal already met needs no pace. */
  g_assert_cmpint (rally_forecast_goal (first_sync, G_N_ELEMENTS (first_sync), 4000, now, &f),
                   ==, RALLY_FORECAST_REACHED);
  /* Three days, 2,000 a day: 100,000 is 45.5 days past the last. */
  g_assert_cmpint (rally_forecast_goal (three_days, G_N_ELEMENTS (three_days), 100000, now, &f),
                   ==, RALLY_FORECAST_ON_TRACK);
  g_assert_cmpfloat_with_epsilon (f.per_day, 2000, 1e-6);
  g_assert_cmpint (f.date, ==, START + 2 * DAY + 45 * DAY + DAY / 2);
}

/* The two weeks before the last point hold too few days (a challenge posted long ago,
 * then synced twice): the window reaches back to three days and sees it has stalled. */
static void
test_forecast_widened_window (void)
{
  RallyPoint points[] = {
    { START, 1000 }, { START + DAY, 2000 }, { START + 2 * DAY, 3000 },
    { START + 400 * DAY, 3000 }, { START + 401 * DAY, 3000 },
  };
  RallyForecast f;

  g_assert_cmpint (rally_forecast_goal (points, G_N_ELEMENTS (points), 10000, START + 401 * DAY, &f),
                   ==, RALLY_FORECAST_NOT_AT_PACE);
  g_assert_cmpfloat (f.per_day, <, 1);
}

/* "Reached on" is the first day the series met the goal, however long ago, and
 * whether the goal was met at the series' very first point. */
static void
test_forecast_first_crossing (void)
{
  g_autoptr(GArray) points = linear (75, 0, 1000, 0);
  RallyForecast f;
  gint64 synced = START + 1000 * DAY;

  /* the posting-day history crosses 30,000 on day 30; the sync was long after */
  g_assert_cmpint (rally_forecast_goal ((RallyPoint *) (gpointer) points->data, points->len, 30000, synced, &f),
                   ==, RALLY_FORECAST_REACHED);
  g_assert_cmpint (f.date, ==, START + 30 * DAY);
  g_assert_false (f.at_first_point);
  g_assert_cmpint (rally_forecast_goal ((RallyPoint *) (gpointer) points->data, points->len, 29999.5, synced, &f),
                   ==, RALLY_FORECAST_REACHED);
  g_assert_cmpint (f.date, ==, START + 30 * DAY);

  g_assert_cmpint (rally_forecast_goal ((RallyPoint *) (gpointer) points->data, points->len, 0, synced, &f),
                   ==, RALLY_FORECAST_REACHED);
  g_assert_true (f.at_first_point);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/forecast/linear", test_forecast_linear);
  g_test_add_func ("/forecast/reached", test_forecast_reached);
  g_test_add_func ("/forecast/flat", test_forecast_flat);
  g_test_add_func ("/forecast/noisy", test_forecast_noisy);
  g_test_add_func ("/forecast/recent-pace", test_forecast_recent_pace);
  g_test_add_func ("/forecast/little-history", test_forecast_little_history);
  g_test_add_func ("/forecast/widened-window", test_forecast_widened_window);
  g_test_add_func ("/forecast/first-crossing", test_forecast_first_crossing);

  return g_test_run ();
}
