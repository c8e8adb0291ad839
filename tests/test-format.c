/* test-format.c
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

/* Figures as a chart or card shows them. */

#include "config.h"

#include <glib.h>
#include <locale.h>
#include <math.h>

#include "rally-format.h"
#include "rally-test-util.h"

static void
check_abbrev (double value, const char *expected)
{
  g_autofree char *text = rally_format_abbrev (value);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_abbrev (void)
{
  check_abbrev (0, "0");
  check_abbrev (7, "7");
  check_abbrev (0.5, "0.5");
  check_abbrev (950, "950");
  check_abbrev (999, "999");
  check_abbrev (1000, "1K");
  check_abbrev (1234, "1.2K");
  check_abbrev (9960, "10K");
  check_abbrev (12345, "12K");
  check_abbrev (999400, "999K");
  check_abbrev (999600, "1M");
  check_abbrev (81e6, "81M");
  check_abbrev (384123456, "384M");
  check_abbrev (3.4e9, "3.4B");
  check_abbrev (1e12, "1T");
  check_abbrev (2.5e15, "2500T");
  check_abbrev (-1234, "-1.2K");
  check_abbrev (-0.01, "0");
  check_abbrev (-81e6, "-81M");
}

static void
test_format_integer (void)
{
  struct { gint64 value; const char *text; } cases[] = {
    { 0, "0" }, { 999, "999" }, { 1000, "1,000" }, { 1234567, "1,234,567" },
    { -20000, "-20,000" }, { G_MININT64, "-9,223,372,036,854,775,808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rally_format_integer (cases[i].value);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_format_percent (void)
{
  struct { double value; const char *text; } cases[] = {
    { 0, "0%" }, { 0.042, "4.2%" }, { 1, "100%" }, { 0.12345, "12.3%" }, { -0.05, "-5%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rally_format_percent (cases[i].value);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_format_money (void)
{
  struct { gint64 minor; const char *code; const char *text; } cases[] = {
    { 200, "USD", "$2" },
    { 123450, "EUR", "€1,234.50" },
    { 10000000, "usd", "$100,000" },
    { 5, "GBP", "£0.05" },
    { 4406200, "USD", "$44,062" },
    { 250, "USD", "$2.50" },
    { 1200, "JPY", "¥1,200" },
    { 250000, "KES", "KSh 2,500" },
    { 99, "NGN", "₦0.99" },
    { 100000, "INR", "₹1,000" },
    { 1234, "CHF", "CHF 12.34" },
    { 1234, "xyz", "XYZ 12.34" },
    { -200, "USD", "-$2" },
    { 0, NULL, "$0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rally_format_money (cases[i].minor, cases[i].code);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_format_date (void)
{
  g_autofree char *text = rally_format_date (1795564800); /* 2026-11-25 */
  g_assert_cmpstr (text, ==, "Wed 25 Nov 2026");
}

static void
test_format_progress (void)
{
  g_autofree char *over = rally_format_progress ("20M", "15M", 20.0 / 15.0);
  g_autofree char *under = rally_format_progress ("$44,062", "$50,000", 0.88124);
  g_autofree char *none = rally_format_progress ("0", "0", NAN);

  g_assert_cmpstr (over, ==, "20M of 15M (133%)");
  g_assert_cmpstr (under, ==, "$44,062 of $50,000 (88%)");
  g_assert_cmpstr (none, ==, "0 of 0 (–%)");
}

/* In a locale with its own marks, every figure uses them: never "33,214" beside "11,4%".
 * The locale is compiled into a temporary folder (Debian's "locales" data). */
static void
test_format_locale_marks (void)
{
  g_autofree char *dir = rally_test_compile_locale ("es_ES");

  if (dir == NULL)
    {
      g_test_skip ("localedef or the es_ES locale data (Debian package locales) is missing");
      return;
    }

  g_setenv ("LOCPATH", dir, TRUE);
  g_assert_nonnull (setlocale (LC_NUMERIC, "es_ES.UTF-8"));

  {
    g_autofree char *count = rally_format_integer (33214);
    g_autofree char *percent = rally_format_percent (0.114);
    g_autofree char *money = rally_format_money (4406275, "EUR");
    g_autofree char *whole = rally_format_money (4406200, "EUR");
    g_autofree char *abbrev = rally_format_abbrev (1234);
    const char *group, *decimal;

    g_autofree char *count_expected = NULL;
    g_autofree char *money_expected = NULL;
    g_autofree char *whole_expected = NULL;

    rally_format_get_marks (&group, &decimal);
    g_assert_cmpstr (decimal, ==, ",");
    g_assert_cmpstr (group, !=, ",");
    count_expected = g_strconcat ("33", group, "214", NULL);
    money_expected = g_strconcat ("€44", group, "062,75", NULL);
    whole_expected = g_strconcat ("€44", group, "062", NULL);
    g_assert_cmpstr (count, ==, count_expected);
    g_assert_cmpstr (percent, ==, "11,4%");
    g_assert_cmpstr (money, ==, money_expected);
    g_assert_cmpstr (whole, ==, whole_expected);
    g_assert_cmpstr (abbrev, ==, "1,2K");
  }

  setlocale (LC_NUMERIC, "C");
  g_unsetenv ("LOCPATH");
  rally_test_remove_tree (dir);
}

/* A date or a range of days wraps as one: no breakable space is left in it. */
static void
test_format_unbroken (void)
{
  g_autofree char *range = rally_format_unbroken ("1 May – 31 Aug 2019");
  g_autofree char *padded = rally_format_unbroken ("\u2007" "1 Jun 2019");

  g_assert_cmpstr (range, ==, "1\u00a0May\u00a0–\u00a031\u00a0Aug\u00a02019");
  g_assert_cmpstr (padded, ==, "1\u00a0Jun\u00a02019");
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/abbrev", test_format_abbrev);
  g_test_add_func ("/format/progress", test_format_progress);
  g_test_add_func ("/format/locale-marks", test_format_locale_marks);
  g_test_add_func ("/format/integer", test_format_integer);
  g_test_add_func ("/format/percent", test_format_percent);
  g_test_add_func ("/format/money", test_format_money);
  g_test_add_func ("/format/date", test_format_date);
  g_test_add_func ("/format/unbroken", test_format_unbroken);

  return g_test_run ();
}
