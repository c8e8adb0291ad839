/* rally-format.c
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

/* Numbers as people read them on a chart or a card: "81M" views, "4.2%" engagement,
 * "$2.50" per video. The group and decimal marks are the user's (LC_NUMERIC): "33,214"
 * and "11.4%" in English, "33.214" and "11,4 %" in Spanish — one convention on every
 * screen and in the report; a locale without a group mark (C) groups with ",".
 * Machine-read exports (CSV, JSON) never go through here. */

#define G_LOG_DOMAIN "RallyFormat"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "rally-date-utils.h"
#include "rally-format.h"
#include "rally-money.h"

typedef struct
{
  const char *code;
  const char *symbol;
  guint       decimals;
} Currency;

/* Common currencies of charities and sponsors; anything else prints its ISO code. */
static const Currency currencies[] = {
  { "AUD", "A$", 2 },
  { "BRL", "R$", 2 },
  { "CAD", "CA$", 2 },
  { "CNY", "CN¥", 2 },
  { "EUR", "€", 2 },
  { "GBP", "£", 2 },
  { "GHS", "GH₵", 2 },
  { "INR", "₹", 2 },
  { "JPY", "¥", 0 },
  { "KES", "KSh ", 2 },
  { "KRW", "₩", 0 },
  { "MXN", "MX$", 2 },
  { "NGN", "₦", 2 },
  { "NZD", "NZ$", 2 },
  { "PHP", "₱", 2 },
  { "USD", "$", 2 },
  { "ZAR", "R ", 2 },
};

static const char *suffixes[] = { "", "K", "M", "B", "T" };

/**
 * rally_format_get_marks:
 * @group: (out) (transfer none): the mark between groups of three digits
 * @decimal: (out) (transfer none): the decimal mark
 *
 * The marks of the user's numbers, from LC_NUMERIC; "," and "." where the locale
 * has no group mark, and never the same mark for both.
 */
void
rally_format_get_marks (const char **group,
                        const char **decimal)
{
  const struct lconv *lc = localeconv ();
  const char *d = lc->decimal_point != NULL && *lc->decimal_point != '\0' ? lc->decimal_point : ".";
  const char *g = lc->thousands_sep;

  if (g == NULL || *g == '\0' || strcmp (g, d) == 0)
    g = strcmp (d, ",") == 0 ? "." : ",";

  *group = g;
  *decimal = d;
}

static void
append_grouped (GString *out,
                guint64  value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  gsize len = strlen (digits);
  const char *group, *decimal;

  rally_format_get_marks (&group, &decimal);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, group);
      g_string_append_c (out, digits[i]);
    }
}

/* "4.2" with the user's decimal mark. */
static char *
with_decimal_mark (const char *ascii)
{
  const char *group, *decimal;
  const char *dot = strchr (ascii, '.');

  rally_format_get_marks (&group, &decimal);
  if (dot == NULL || strcmp (decimal, ".") == 0)
    return g_strdup (ascii);

  return g_strdup_printf ("%.*s%s%s", (int) (dot - ascii), ascii, decimal, dot + 1);
}

/* |value| as an unsigned number, safe for G_MININT64. */
static guint64
magnitude (gint64 value)
{
  return value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;
}

static char *
format_one_decimal (double value)
{
  double rounded = round (value * 10.0) / 10.0;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (fabs (rounded - round (rounded)) < 0.05)
    return g_strdup_printf ("%.0f", round (rounded) == 0 ? 0.0 : round (rounded));
  return with_decimal_mark (g_ascii_formatd (buffer, sizeof buffer, "%.1f", rounded));
}

/**
 * rally_format_abbrev:
 * @value: any finite number
 *
 * Returns: "950", "1.2K", "81M", "3.4B", "1T": one decimal below 10 of a unit,
 *   none above, so a label has at most four characters plus the sign.
 */
char *
rally_format_abbrev (double value)
{
  double abs_value = fabs (value);
  const char *sign = value < 0 ? "-" : "";
  guint unit = 0;
  double scaled;
  g_autofree char *digits = NULL;

  if (!isfinite (value))
    return g_strdup ("–");

  scaled = abs_value;
  while (scaled >= 999.5 && unit + 1 < G_N_ELEMENTS (suffixes))
    {
      scaled /= 1000.0;
      unit++;
    }

  /* 9.96K rounds to "10K", and 999.6K would round to "1000K": step up a unit. */
  if (unit > 0 && scaled < 10.0 && round (scaled * 10.0) >= 100.0)
    scaled = 10.0;
  if (unit + 1 < G_N_ELEMENTS (suffixes) && round (scaled) >= 1000.0)
    {
      scaled /= 1000.0;
      unit++;
    }

  if (scaled < 10.0)
    digits = format_one_decimal (scaled);
  else
    digits = g_strdup_printf ("%.0f", round (scaled));

  if (g_strcmp0 (digits, "0") == 0)
    sign = "";

  return g_strdup_printf ("%s%s%s", sign, digits, suffixes[unit]);
}

/**
 * rally_format_integer:
 * @value: a count
 *
 * Returns: the exact count with grouped digits: "1,234,567".
 */
char *
rally_format_integer (gint64 value)
{
  GString *out = g_string_new (value < 0 ? "-" : "");

  append_grouped (out, magnitude (value));
  return g_string_free (out, FALSE);
}

/**
 * rally_format_percent:
 * @fraction: 0.042 for 4.2 %
 *
 * Returns: "4.2%", "100%", "0%": one decimal, dropped when it is zero.
 */
char *
rally_format_percent (double fraction)
{
  g_autofree char *digits = NULL;

  if (!isfinite (fraction))
    return g_strdup ("–");

  digits = format_one_decimal (fraction * 100.0);
  /* Translators: a percentage, %s is the number ("4.2"); use "%s %%" for a space */
  return g_strdup_printf (_("%s%%"), digits);
}

static const Currency *
find_currency (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_ascii_strcasecmp (currencies[i].code, code) == 0)
      return &currencies[i];
  return NULL;
}

/**
 * rally_format_money:
 * @minor: the amount in minor units (cents)
 * @currency: (nullable): an ISO 4217 code
 *
 * Returns: "$2", "€1,234.50", "¥1,200", or "CHF 12.34" for a code without a
 *   known symbol; whole amounts have no cents.
 */
char *
rally_format_money (gint64      minor,
                    const char *currency)
{
  const Currency *known;
  GString *out = g_string_new (minor < 0 ? "-" : "");
  guint decimals = 2;
  guint64 abs_minor = magnitude (minor);
  guint64 scale = 1;

  if (currency == NULL || *currency == '\0')
    currency = "USD";

  known = find_currency (currency);
  if (known != NULL)
    {
      decimals = known->decimals;
      g_string_append (out, known->symbol);
    }
  else
    {
      g_autofree char *upper = g_ascii_strup (currency, -1);
      decimals = rally_money_currency_digits (currency);
      g_string_append_printf (out, "%s ", upper);
    }

  for (guint i = 0; i < decimals; i++)
    scale *= 10;

  append_grouped (out, abs_minor / scale);
  /* Whole amounts read without cents: "$44,062", "$2.50". */
  if (decimals > 0 && abs_minor % scale != 0)
    {
      const char *group, *decimal;

      rally_format_get_marks (&group, &decimal);
      g_string_append_printf (out, "%s%0*" G_GUINT64_FORMAT, decimal, (int) decimals, abs_minor % scale);
    }

  return g_string_free (out, FALSE);
}

/**
 * rally_format_date:
 * @utc_seconds: a UTC time
 *
 * Returns: the day in the user's language, "Wed 25 Nov 2026", for tooltips.
 */
char *
rally_format_date (gint64 utc_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (utc_seconds);

  if (dt == NULL)
    return g_strdup ("–");
  /* Translators: a day in a chart tooltip, see g_date_time_format() */
  return g_date_time_format (dt, _("%a %-d %b %Y"));
}

static char *
format_day (gint64   utc_seconds,
            gboolean with_year)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (utc_seconds);

  if (dt == NULL)
    return g_strdup ("–");
  if (with_year)
    /* Translators: a day in a date range, see g_date_time_format(); "1 Dec 2026" */
    return g_date_time_format (dt, _("%-d %b %Y"));
  /* Translators: the first day of a range within one year, see g_date_time_format(); "1 Dec" */
  return g_date_time_format (dt, _("%-d %b"));
}

static int
year_of (gint64 day)
{
  int year, month, mday;

  rally_day_to_ymd (day, &year, &month, &mday);
  return year;
}

/**
 * rally_format_day_range:
 * @start: UTC midnight of the first day, 0 when unset
 * @end: UTC midnight of the last day, 0 when unset
 *
 * The one way Rally writes a span of days, in headers, lists and documents alike.
 *
 * Returns: (nullable): "1 May – 31 Aug 2019" (the year once when both days share it),
 *   "1 Dec 2026 – 5 Jan 2027", "From 1 May 2019", "Until 31 Aug 2019", or %NULL when
 *   neither day is set.
 */
char *
rally_format_day_range (gint64 start,
                        gint64 end)
{
  g_autofree char *first = NULL;
  g_autofree char *last = end != 0 ? format_day (end, TRUE) : NULL;

  if (start != 0)
    first = format_day (start, end == 0 || year_of (start) != year_of (end));

  if (first != NULL && last != NULL)
    /* Translators: a range of days, first and last */
    return g_strdup_printf (_("%s – %s"), first, last);
  if (first != NULL)
    /* Translators: a span with a first day and no last day */
    return g_strdup_printf (_("From %s"), first);
  if (last != NULL)
    /* Translators: a span with a last day and no first day */
    return g_strdup_printf (_("Until %s"), last);

  return NULL;
}

/**
 * rally_format_event_days:
 * @first_day: UTC midnight of an event's first day
 * @last_day: UTC midnight of its last day, the same for a one-day event
 *
 * Returns: "12 Mar 2021" for a day, "12 Mar – 19 Mar 2021" for a period
 */
char *
rally_format_event_days (gint64 first_day,
                         gint64 last_day)
{
  if (last_day <= first_day)
    return format_day (first_day, TRUE);
  return rally_format_day_range (first_day, last_day);
}

/**
 * rally_format_goal:
 * @owner: (nullable): whose goal, "#rednoseday", when a chart shows several
 * @amount: the goal, already formatted ("60M", "$10,000")
 *
 * The label of a goal line on a chart.
 *
 * Returns: "Goal 60M", or "#rednoseday goal 60M"
 */
char *
rally_format_goal (const char *owner,
                   const char *amount)
{
  if (owner == NULL || *owner == '\0')
    /* Translators: the label of a goal line on a chart; %s is the goal, "60M" */
    return g_strdup_printf (_("Goal %s"), amount);
  /* Translators: the label of a goal line on a chart: whose goal, then the goal */
  return g_strdup_printf (_("%s goal %s"), owner, amount);
}

/**
 * rally_format_unbroken:
 * @text: a date or a range of days, as formatted above
 *
 * A label that wraps moves @text to the next line whole rather than splitting a
 * date: its spaces become no-break spaces. A leading figure space (GLib's %e pads
 * a one-digit day with one, for table columns) is dropped.
 *
 * Returns: "1\u00a0May\u00a0–\u00a031\u00a0Aug\u00a02019"
 */
char *
rally_format_unbroken (const char *text)
{
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (g_str_has_prefix (text, "\u2007"))
    text += strlen ("\u2007");
  words = g_strsplit (text, " ", -1);
  return g_strjoinv ("\u00a0", words);
}

/**
 * rally_format_progress:
 * @value: the figure reached, already formatted ("20M", "$44,062")
 * @goal: the goal, formatted the same way
 * @fraction: @value / @goal
 *
 * The one way Rally writes a figure against its goal.
 *
 * Returns: "20M of 15M (133%)"
 */
char *
rally_format_progress (const char *value,
                       const char *goal,
                       double      fraction)
{
  g_autofree char *percent = NULL;

  g_return_val_if_fail (value != NULL && goal != NULL, NULL);

  percent = isfinite (fraction) ? g_strdup_printf ("%.0f", round (fraction * 100.0)) : g_strdup ("–");
  /* Translators: a figure against its goal: "20M of 15M (133%)"; the last %s is the
   * whole percentage ("133"); use %% for the percent sign */
  return g_strdup_printf (_("%s of %s (%s%%)"), value, goal, percent);
}
