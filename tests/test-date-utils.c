/* test-date-utils.c
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

/* Month grid and day arithmetic of rally-date-utils, run with TZ=UTC. */

#include "config.h"

#include <glib.h>

#include "rally-date-utils.h"
#include "rally-format.h"
#include "rally-money.h"

static void
assert_day (gint64 day,
            int    year,
            int    month,
            int    mday)
{
  int y = 0, m = 0, d = 0;

  rally_day_to_ymd (day, &y, &m, &d);
  g_assert_cmpint (y, ==, year);
  g_assert_cmpint (m, ==, month);
  g_assert_cmpint (d, ==, mday);
}

static void
test_ymd_round_trip (void)
{
  g_assert_cmpint (rally_day_from_ymd (1970, 1, 1), ==, 0);
  g_assert_cmpint (rally_day_from_ymd (2026, 11, 25), ==, G_GINT64_CONSTANT (1795564800));
  g_assert_cmpint (rally_day_from_ymd (1969, 12, 31), ==, -86400);
  assert_day (-86400, 1969, 12, 31);
  assert_day (G_GINT64_CONSTANT (1795564800) + 86399, 2026, 11, 25);
  assert_day (rally_day_from_ymd (2000, 2, 29), 2000, 2, 29);
  /* 31 April overflows into May, as documented */
  assert_day (rally_day_from_ymd (2026, 4, 31), 2026, 5, 1);

  for (gint64 day = rally_day_from_ymd (1999, 12, 1); day < rally_day_from_ymd (2001, 3, 1); day += 86400)
    {
      int y, m, d;

      rally_day_to_ymd (day, &y, &m, &d);
      g_assert_cmpint (rally_day_from_ymd (y, m, d), ==, day);
    }
}

static void
test_weekday (void)
{
  g_assert_cmpint (rally_day_get_weekday (0), ==, G_DATE_THURSDAY);
  g_assert_cmpint (rally_day_get_weekday (rally_day_from_ymd (2026, 11, 25)), ==, G_DATE_WEDNESDAY);
  g_assert_cmpint (rally_day_get_weekday (rally_day_from_ymd (2026, 2, 1)), ==, G_DATE_SUNDAY);
  g_assert_cmpint (rally_day_get_weekday (rally_day_from_ymd (1969, 12, 29)), ==, G_DATE_MONDAY);
}

static void
test_days_in_month (void)
{
  g_assert_cmpint (rally_days_in_month (2024, 2), ==, 29);
  g_assert_cmpint (rally_days_in_month (2026, 2), ==, 28);
  g_assert_cmpint (rally_days_in_month (1900, 2), ==, 28);
  g_assert_cmpint (rally_days_in_month (2000, 2), ==, 29);
  g_assert_cmpint (rally_days_in_month (2026, 4), ==, 30);
  g_assert_cmpint (rally_days_in_month (2026, 12), ==, 31);
}

static void
test_month_bounds (void)
{
  gint64 day = rally_day_from_ymd (2024, 2, 14);

  assert_day (rally_day_month_start (day), 2024, 2, 1);
  assert_day (rally_day_month_end (day), 2024, 2, 29);
  assert_day (rally_day_month_end (rally_day_from_ymd (2026, 12, 31) + 3600), 2026, 12, 31);
}

/* March 2026 starts on a Sunday: with Monday first it needs six rows, with Sunday first five. */
static void
test_grid_sunday_start (void)
{
  gint64 first = rally_month_grid_first_day (2026, 3, G_DATE_MONDAY);

  assert_day (first, 2026, 2, 23);
  g_assert_cmpuint (rally_month_grid_n_weeks (2026, 3, G_DATE_MONDAY), ==, 6);
  g_assert_cmpint (rally_month_grid_index_of (2026, 3, G_DATE_MONDAY, rally_day_from_ymd (2026, 3, 1)), ==, 6);
  assert_day (rally_month_grid_day_at (2026, 3, G_DATE_MONDAY, 6), 2026, 3, 1);
  assert_day (rally_month_grid_day_at (2026, 3, G_DATE_MONDAY, 41), 2026, 4, 5);

  assert_day (rally_month_grid_first_day (2026, 3, G_DATE_SUNDAY), 2026, 3, 1);
  g_assert_cmpuint (rally_month_grid_n_weeks (2026, 3, G_DATE_SUNDAY), ==, 5);
  g_assert_cmpint (rally_month_grid_index_of (2026, 3, G_DATE_SUNDAY, rally_day_from_ymd (2026, 3, 1)), ==, 0);
}

static void
test_grid_weeks (void)
{
  /* February 2021 starts on a Monday and has 28 days: exactly four weeks */
  g_assert_cmpuint (rally_month_grid_n_weeks (2021, 2, G_DATE_MONDAY), ==, 4);
  g_assert_cmpuint (rally_month_grid_n_weeks (2021, 2, G_DATE_SUNDAY), ==, 5);
  /* November 2026 starts on a Sunday, 30 days: six rows with Monday first */
  g_assert_cmpuint (rally_month_grid_n_weeks (2026, 11, G_DATE_MONDAY), ==, 6);
  /* June 2026 starts on a Monday, 30 days: five rows */
  g_assert_cmpuint (rally_month_grid_n_weeks (2026, 6, G_DATE_MONDAY), ==, 5);
  assert_day (rally_month_grid_first_day (2026, 6, G_DATE_MONDAY), 2026, 6, 1);
  /* A Saturday-first locale */
  assert_day (rally_month_grid_first_day (2026, 6, G_DATE_SATURDAY), 2026, 5, 30);
}

static void
test_grid_leap_february (void)
{
  /* February 2024 starts on a Thursday and has 29 days */
  assert_day (rally_month_grid_first_day (2024, 2, G_DATE_MONDAY), 2024, 1, 29);
  g_assert_cmpuint (rally_month_grid_n_weeks (2024, 2, G_DATE_MONDAY), ==, 5);
  g_assert_cmpint (rally_month_grid_index_of (2024, 2, G_DATE_MONDAY, rally_day_from_ymd (2024, 2, 29)), ==, 31);
  assert_day (rally_month_grid_day_at (2024, 2, G_DATE_MONDAY, 34), 2024, 3, 3);
  g_assert_cmpint (rally_month_grid_index_of (2024, 2, G_DATE_MONDAY, rally_day_from_ymd (2024, 3, 4)), ==, -1);
  g_assert_cmpint (rally_month_grid_index_of (2024, 2, G_DATE_MONDAY, rally_day_from_ymd (2024, 1, 28)), ==, -1);
}

static void
test_add_months (void)
{
  assert_day (rally_day_add_months (rally_day_from_ymd (2026, 12, 15), 1), 2027, 1, 15);
  assert_day (rally_day_add_months (rally_day_from_ymd (2027, 1, 15), -1), 2026, 12, 15);
  assert_day (rally_day_add_months (rally_day_from_ymd (2024, 1, 31), 1), 2024, 2, 29);
  assert_day (rally_day_add_months (rally_day_from_ymd (2026, 1, 31), 1), 2026, 2, 28);
  assert_day (rally_day_add_months (rally_day_from_ymd (2026, 3, 31), -1), 2026, 2, 28);
  assert_day (rally_day_add_months (rally_day_from_ymd (2026, 5, 31), 13), 2027, 6, 30);
  assert_day (rally_day_add_months (rally_day_from_ymd (2026, 5, 31), -24), 2024, 5, 31);
  assert_day (rally_day_add_days (rally_day_from_ymd (2026, 12, 31), 1), 2027, 1, 1);
}

static void
test_local_time (void)
{
  /* Tests run with TZ=UTC, so the local day of a moment is its UTC day. */
  gint64 day = rally_day_from_ymd (2026, 11, 25);

  g_assert_cmpint (rally_day_to_time_local (day, 18, 30), ==, day + 18 * 3600 + 30 * 60);
  g_assert_cmpint (rally_day_of_time_local (day + 18 * 3600), ==, day);
  g_assert_cmpint (rally_day_of_time_local (day - 1), ==, day - 86400);
  g_assert_cmpint (rally_day_today_local () % 86400, ==, 0);
}

static void
test_first_weekday_valid (void)
{
  GDateWeekday first = rally_locale_first_weekday ();

  g_assert_cmpint (first, >=, G_DATE_MONDAY);
  g_assert_cmpint (first, <=, G_DATE_SUNDAY);

  /* Tests run in the C locale, which counts as "unknown": Monday */
  g_assert_cmpint (first, ==, G_DATE_MONDAY);
}

static void
test_money (void)
{
  g_autofree char *a = rally_format_money (1250000, "USD");
  g_autofree char *b = rally_format_money (-5, "EUR");
  g_autofree char *c = rally_format_money (100000, "JPY");
  g_autofree char *d = rally_format_money (1234, "KWD");

  g_assert_cmpstr (a, ==, "$12,500");
  g_assert_cmpstr (b, ==, "-€0.05");
  g_assert_cmpstr (c, ==, "¥100,000");
  g_assert_cmpstr (d, ==, "KWD 1.234");
  g_assert_cmpint (rally_money_to_minor (19.99, "EUR"), ==, 1999);
  g_assert_cmpint (rally_money_to_minor (500, "JPY"), ==, 500);
  g_assert_cmpfloat (rally_money_to_major (1999, "EUR"), ==, 19.99);
  g_assert_cmpuint (rally_money_currency_digits ("usd"), ==, 2);
  g_assert_true (g_strv_contains (rally_money_common_currencies (), "EUR"));
}

/* The days the command line and the report dialog take: YYYY-MM-DD, real days only. */
static void
test_parse_iso (void)
{
  const char *bad[] = { "2024-02-30", "2023-02-29", "31/03/2024", "2024-3-1", "2024-03-01x", "2024-13-01", "" };
  g_autofree char *text = NULL;
  gint64 day = -1;

  g_assert_true (rally_day_parse_iso ("2024-02-29", &day));
  g_assert_cmpint (day, ==, rally_day_from_ymd (2024, 2, 29));
  text = rally_day_format_iso (day);
  g_assert_cmpstr (text, ==, "2024-02-29");
  for (guint i = 0; i < G_N_ELEMENTS (bad) - 1; i++)
    g_assert_false (rally_day_parse_iso (bad[i], &day));
  /* empty is no day, not an error */
  g_assert_true (rally_day_parse_iso (bad[G_N_ELEMENTS (bad) - 1], &day));
  g_assert_cmpint (day, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date-utils/ymd-round-trip", test_ymd_round_trip);
  g_test_add_func ("/date-utils/weekday", test_weekday);
  g_test_add_func ("/date-utils/days-in-month", test_days_in_month);
  g_test_add_func ("/date-utils/month-bounds", test_month_bounds);
  g_test_add_func ("/date-utils/grid-sunday-start", test_grid_sunday_start);
  g_test_add_func ("/date-utils/grid-weeks", test_grid_weeks);
  g_test_add_func ("/date-utils/grid-leap-february", test_grid_leap_february);
  g_test_add_func ("/date-utils/add-months", test_add_months);
  g_test_add_func ("/date-utils/local-time", test_local_time);
  g_test_add_func ("/date-utils/first-weekday", test_first_weekday_valid);
  g_test_add_func ("/date-utils/parse-iso", test_parse_iso);

  g_test_add_func ("/money/format", test_money);

  return g_test_run ();
}
