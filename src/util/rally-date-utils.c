/* rally-date-utils.c
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

#define G_LOG_DOMAIN "RallyDateUtils"

#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "rally-date-utils.h"

/* Days from 1970-01-01 to the civil date, and back (proleptic Gregorian calendar; the
 * era-based algorithm keeps every step in integers and handles dates before 1970). */
static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 int    *year,
                 int    *month,
                 int    *mday)
{
  gint64 era, doe, yoe, y, doy, mp;
  int d, m;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  d = (int) (doy - (153 * mp + 2) / 5 + 1);
  m = (int) (mp < 10 ? mp + 3 : mp - 9);

  if (year)
    *year = (int) (y + (m <= 2));
  if (month)
    *month = m;
  if (mday)
    *mday = d;
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - (a % b != 0 && ((a < 0) != (b < 0)));
}

/**
 * rally_day_parse_iso:
 * @text: a day written "2020-05-31", or "" for none
 * @day: (out): its UTC midnight, 0 for ""
 *
 * Reads a day as the command line and the report dialog take it: exactly
 * YYYY-MM-DD, a real day of the calendar.
 *
 * Returns: %FALSE when @text is anything else
 */
gboolean
rally_day_parse_iso (const char *text,
                     gint64     *day)
{
  int y, m, d, n = 0;

  *day = 0;
  if (text == NULL || *text == '\0')
    return TRUE;
  if (strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  *day = rally_day_from_ymd (y, m, d);
  return TRUE;
}

/**
 * rally_day_format_iso:
 * @day: a day, or 0 or less for none
 *
 * Returns: (transfer full): "2020-05-31", or "" for none
 */
char *
rally_day_format_iso (gint64 day)
{
  int y, m, d;

  if (day <= 0)
    return g_strdup ("");
  rally_day_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

/**
 * rally_day_from_ymd:
 * @year: the year
 * @month: 1 to 12
 * @day: 1 to 31 (not checked against the month: 31 April is 1 May)
 *
 * Returns: the day, as unix seconds of its UTC midnight
 */
gint64
rally_day_from_ymd (int year,
                    int month,
                    int day)
{
  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  return days_from_civil (year, month, day) * RALLY_DAY_SECONDS;
}

/**
 * rally_day_to_ymd:
 * @day: a day (any time of it is accepted)
 * @year: (out) (optional): the year
 * @month: (out) (optional): 1 to 12
 * @mday: (out) (optional): 1 to 31
 */
void
rally_day_to_ymd (gint64  day,
                  int    *year,
                  int    *month,
                  int    *mday)
{
  civil_from_days (floor_div (day, RALLY_DAY_SECONDS), year, month, mday);
}

gint64
rally_day_add_days (gint64 day,
                    int    n_days)
{
  return day + (gint64) n_days * RALLY_DAY_SECONDS;
}

int
rally_days_in_month (int year,
                     int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  return month == 2 && leap ? 29 : days[month - 1];
}

/**
 * rally_day_add_months:
 * @day: a day
 * @n_months: months to add, may be negative
 *
 * Moves @day by whole months, keeping the day of the month where the target month has
 * it and clamping to its last day otherwise (31 January + 1 month = 28 or 29 February).
 *
 * Returns: the new day
 */
gint64
rally_day_add_months (gint64 day,
                      int    n_months)
{
  int y, m, d;
  gint64 index;

  rally_day_to_ymd (day, &y, &m, &d);
  index = (gint64) y * 12 + (m - 1) + n_months;
  y = (int) floor_div (index, 12);
  m = (int) (index - (gint64) y * 12) + 1;

  return rally_day_from_ymd (y, m, MIN (d, rally_days_in_month (y, m)));
}

/**
 * rally_day_get_weekday:
 *
 * Returns: the day of the week of @day, %G_DATE_MONDAY to %G_DATE_SUNDAY
 */
GDateWeekday
rally_day_get_weekday (gint64 day)
{
  /* 1970-01-01 was a Thursday (4) */
  gint64 n = floor_div (day, RALLY_DAY_SECONDS);

  return (GDateWeekday) ((((n + 3) % 7) + 7) % 7 + 1);
}

gint64
rally_day_month_start (gint64 day)
{
  int y, m;

  rally_day_to_ymd (day, &y, &m, NULL);
  return rally_day_from_ymd (y, m, 1);
}

/**
 * rally_day_month_end:
 *
 * Returns: the last day of the month of @day
 */
gint64
rally_day_month_end (gint64 day)
{
  int y, m;

  rally_day_to_ymd (day, &y, &m, NULL);
  return rally_day_from_ymd (y, m, rally_days_in_month (y, m));
}

/**
 * rally_day_of_time_local:
 * @time: a moment, unix seconds
 *
 * Returns: the civil day @time falls on in the local time zone
 */
gint64
rally_day_of_time_local (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (time);

  if (dt == NULL)
    return floor_div (time, RALLY_DAY_SECONDS) * RALLY_DAY_SECONDS;

  return rally_day_from_ymd (g_date_time_get_year (dt),
                             g_date_time_get_month (dt),
                             g_date_time_get_day_of_month (dt));
}

gint64
rally_day_today_local (void)
{
  return rally_day_of_time_local (g_get_real_time () / G_USEC_PER_SEC);
}

/**
 * rally_day_to_time_local:
 * @day: a civil day
 * @hour: 0 to 23
 * @minute: 0 to 59
 *
 * Returns: the moment, unix seconds, of @hour:@minute on @day in the local time zone
 */
gint64
rally_day_to_time_local (gint64 day,
                         int    hour,
                         int    minute)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  rally_day_to_ymd (day, &y, &m, &d);
  dt = g_date_time_new_local (y, m, d, CLAMP (hour, 0, 23), CLAMP (minute, 0, 59), 0);
  if (dt == NULL)
    return day + hour * 3600 + minute * 60;

  return g_date_time_to_unix (dt);
}

/**
 * rally_locale_first_weekday:
 *
 * Returns: the first day of the week in the current locale; Monday when it is unknown
 *   or the C locale
 */
GDateWeekday
rally_locale_first_weekday (void)
{
#ifdef __GLIBC__
  const char *time_locale = setlocale (LC_TIME, NULL);
  /* glibc gives a reference Sunday-based week plus the first day's index in it, 1-based. */
  union { unsigned int word; char *string; } week_origin, first;
  gint64 origin_day;
  int origin_weekday;

  /* The C locale says Sunday only by accident of history: no locale means ISO weeks */
  if (time_locale == NULL || g_str_equal (time_locale, "C") || g_str_equal (time_locale, "POSIX") ||
      g_str_has_prefix (time_locale, "C."))
    return G_DATE_MONDAY;

  week_origin.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  first.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  if (week_origin.word == 19971130)
    origin_day = rally_day_from_ymd (1997, 11, 30);   /* a Sunday */
  else if (week_origin.word == 19971201)
    origin_day = rally_day_from_ymd (1997, 12, 1);    /* a Monday */
  else
    return G_DATE_MONDAY;

  origin_weekday = rally_day_get_weekday (origin_day);
  return (GDateWeekday) ((origin_weekday - 1 + first.string[0] - 1) % 7 + 1);
#else
  return G_DATE_MONDAY;
#endif
}

/**
 * rally_month_grid_first_day:
 * @year: the year shown
 * @month: the month shown, 1 to 12
 * @first_weekday: the weekday of the grid's first column
 *
 * Returns: the day in the grid's first cell: the first of @month or the last
 *   @first_weekday before it
 */
gint64
rally_month_grid_first_day (int          year,
                            int          month,
                            GDateWeekday first_weekday)
{
  gint64 first = rally_day_from_ymd (year, month, 1);
  int lead;

  g_return_val_if_fail (first_weekday >= G_DATE_MONDAY && first_weekday <= G_DATE_SUNDAY, first);

  lead = ((int) rally_day_get_weekday (first) - (int) first_weekday + 7) % 7;
  return rally_day_add_days (first, -lead);
}

/**
 * rally_month_grid_n_weeks:
 *
 * Returns: the rows the month needs, 4 (a 28-day February starting on
 *   @first_weekday) to 6
 */
guint
rally_month_grid_n_weeks (int          year,
                          int          month,
                          GDateWeekday first_weekday)
{
  gint64 first = rally_month_grid_first_day (year, month, first_weekday);
  gint64 month_first = rally_day_from_ymd (year, month, 1);
  int lead = (int) ((month_first - first) / RALLY_DAY_SECONDS);

  return (guint) ((lead + rally_days_in_month (year, month) + 6) / 7);
}

/**
 * rally_month_grid_day_at:
 * @index: a cell, row by row from the top left, 0 to 7 × weeks − 1
 *
 * Returns: the day shown in cell @index
 */
gint64
rally_month_grid_day_at (int          year,
                         int          month,
                         GDateWeekday first_weekday,
                         guint        index)
{
  return rally_day_add_days (rally_month_grid_first_day (year, month, first_weekday), (int) index);
}

/**
 * rally_month_grid_index_of:
 * @day: a day
 *
 * Returns: the cell showing @day, or -1 when the grid does not show it
 */
int
rally_month_grid_index_of (int          year,
                           int          month,
                           GDateWeekday first_weekday,
                           gint64       day)
{
  gint64 first = rally_month_grid_first_day (year, month, first_weekday);
  gint64 offset = floor_div (day - first, RALLY_DAY_SECONDS);

  if (offset < 0 || offset >= 7 * (gint64) rally_month_grid_n_weeks (year, month, first_weekday))
    return -1;

  return (int) offset;
}
