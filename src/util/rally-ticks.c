/* rally-ticks.c
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

/* Axis ticks. Values get "nice" steps of 1, 2 or 5 × 10^k so labels read 0, 20K, 40K;
 * times get calendar steps (days, weeks starting on Monday, months, quarters, years)
 * aligned to UTC boundaries, each with the label format that suits it. */

#define G_LOG_DOMAIN "RallyTicks"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rally-ticks.h"

#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)
/* 0001-01-01 and 9999-12-31: what GDateTime can represent. */
#define MIN_TIME G_GINT64_CONSTANT (-62135596800)
#define MAX_TIME G_GINT64_CONSTANT (253402214400)
#define MAX_DATE_TICKS 1000

static double
nice_step (double raw)
{
  double magnitude = pow (10.0, floor (log10 (raw)));
  double norm = raw / magnitude;

  if (norm <= 1.0)
    return magnitude;
  if (norm <= 2.0)
    return 2.0 * magnitude;
  if (norm <= 5.0)
    return 5.0 * magnitude;
  return 10.0 * magnitude;
}

/**
 * rally_ticks_linear:
 * @min: the smallest value to show
 * @max: the largest value to show
 * @target_count: about how many intervals fit (at least 1)
 * @out_min: (out): the first tick, ≤ @min
 * @out_max: (out): the last tick, ≥ @max
 * @step: (out): the distance between ticks, 1, 2 or 5 × 10^k
 *
 * Chooses ticks that cover [@min, @max]. When @min equals @max the range is widened
 * to include zero (or to [0, 1] for zero), as counts on a chart start from zero.
 */
void
rally_ticks_linear (double  min,
                    double  max,
                    guint   target_count,
                    double *out_min,
                    double *out_max,
                    double *step)
{
  double s;

  g_return_if_fail (out_min != NULL && out_max != NULL && step != NULL);

  if (!isfinite (min) || !isfinite (max))
    min = max = 0.0;
  if (min > max)
    {
      double tmp = min;
      min = max;
      max = tmp;
    }
  if (min == max)
    {
      if (min == 0.0)
        max = 1.0;
      else if (min > 0.0)
        min = 0.0;
      else
        max = 0.0;
    }

  target_count = MAX (target_count, 1);
  s = nice_step ((max - min) / target_count);
  /* Take the next step up when rounding outwards makes too many intervals. */
  while ((ceil (max / s - 1e-9) - floor (min / s + 1e-9)) > target_count + 1)
    s = nice_step (s * 1.5);

  *step = s;
  *out_min = floor (min / s + 1e-9) * s;
  *out_max = ceil (max / s - 1e-9) * s;
  if (*out_min == 0.0)
    *out_min = 0.0; /* no "-0" */
}

/**
 * rally_ticks_count:
 *
 * Returns: how many ticks rally_ticks_linear()'s result holds, both ends included.
 */
guint
rally_ticks_count (double min,
                   double max,
                   double step)
{
  g_return_val_if_fail (step > 0, 0);

  return (guint) MAX (0.0, round ((max - min) / step)) + 1;
}

typedef struct
{
  RallyDateStep unit;
  guint         n;       /* days for DAY, weeks for WEEK, months for MONTH/QUARTER, years */
  double        approx;  /* approximate length in days */
} StepChoice;

static const StepChoice steps[] = {
  { RALLY_DATE_STEP_DAY, 1, 1 },
  { RALLY_DATE_STEP_DAY, 2, 2 },
  { RALLY_DATE_STEP_WEEK, 1, 7 },
  { RALLY_DATE_STEP_WEEK, 2, 14 },
  { RALLY_DATE_STEP_MONTH, 1, 30.44 },
  { RALLY_DATE_STEP_QUARTER, 3, 91.31 },
  { RALLY_DATE_STEP_QUARTER, 6, 182.62 },
  { RALLY_DATE_STEP_YEAR, 1, 365.25 },
  { RALLY_DATE_STEP_YEAR, 2, 730.5 },
  { RALLY_DATE_STEP_YEAR, 5, 1826.25 },
  { RALLY_DATE_STEP_YEAR, 10, 3652.5 },
  { RALLY_DATE_STEP_YEAR, 25, 9131.25 },
  { RALLY_DATE_STEP_YEAR, 50, 18262.5 },
  { RALLY_DATE_STEP_YEAR, 100, 36525 },
  { RALLY_DATE_STEP_YEAR, 1000, 365250 },
  { RALLY_DATE_STEP_YEAR, 2000, 730500 },
  { RALLY_DATE_STEP_YEAR, 5000, 1826250 },
};

static const StepChoice *
choose_step (gint64 from,
             gint64 to,
             guint  target)
{
  double days = (double) (to - from) / SECONDS_PER_DAY;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (days / steps[i].approx <= target)
      return &steps[i];
  return &steps[G_N_ELEMENTS (steps) - 1];
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/* The first tick at or before @from, aligned to the step's calendar boundary. */
static GDateTime *
first_tick (gint64            from,
            const StepChoice *step)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (from);
  gint64 day = floor_div (from, SECONDS_PER_DAY);
  int year = g_date_time_get_year (dt);
  int month = g_date_time_get_month (dt);

  switch (step->unit)
    {
    case RALLY_DATE_STEP_DAY:
      day -= day - floor_div (day, step->n) * step->n;
      return g_date_time_new_from_unix_utc (day * SECONDS_PER_DAY);
    case RALLY_DATE_STEP_WEEK:
      /* 1970-01-01 was a Thursday: day 4 is the first Monday. */
      day = floor_div (day - 4, 7 * step->n) * 7 * step->n + 4;
      return g_date_time_new_from_unix_utc (day * SECONDS_PER_DAY);
    case RALLY_DATE_STEP_MONTH:
    case RALLY_DATE_STEP_QUARTER:
      month = (int) (((month - 1) / step->n) * step->n + 1);
      return g_date_time_new_utc (year, month, 1, 0, 0, 0);
    case RALLY_DATE_STEP_YEAR:
    default:
      year = MAX (1, (int) ((year / step->n) * step->n));
      return g_date_time_new_utc (year, 1, 1, 0, 0, 0);
    }
}

static GDateTime *
next_tick (GDateTime        *dt,
           const StepChoice *step)
{
  switch (step->unit)
    {
    case RALLY_DATE_STEP_DAY:
      return g_date_time_add_days (dt, (int) step->n);
    case RALLY_DATE_STEP_WEEK:
      return g_date_time_add_weeks (dt, (int) step->n);
    case RALLY_DATE_STEP_MONTH:
    case RALLY_DATE_STEP_QUARTER:
      return g_date_time_add_months (dt, (int) step->n);
    case RALLY_DATE_STEP_YEAR:
    default:
      return g_date_time_add_years (dt, (int) step->n);
    }
}

static const char *
label_format (RallyDateStep unit)
{
  switch (unit)
    {
    case RALLY_DATE_STEP_DAY:
    case RALLY_DATE_STEP_WEEK:
      /* Translators: a day on a chart axis ("25 Nov"), see g_date_time_format() */
      return _("%-d %b");
    case RALLY_DATE_STEP_MONTH:
    case RALLY_DATE_STEP_QUARTER:
      /* Translators: a month on a chart axis ("Nov 2026"), see g_date_time_format() */
      return _("%b %Y");
    case RALLY_DATE_STEP_YEAR:
    default:
      return "%Y";
    }
}

static void
clear_tick (gpointer data)
{
  RallyDateTick *tick = data;

  g_clear_pointer (&tick->label, g_free);
}

/**
 * rally_ticks_dates_full:
 * @from_utc: start of the axis (UTC seconds)
 * @to_utc: end of the axis
 * @target: about how many ticks fit
 * @out_step: (out) (optional): the unit chosen
 *
 * Returns: (transfer full) (element-type RallyDateTick): the ticks inside
 *   [@from_utc, @to_utc], at most about @target of them (at least one step of a
 *   day, so a range shorter than a day may have none).
 */
GArray *
rally_ticks_dates_full (gint64         from_utc,
                        gint64         to_utc,
                        guint          target,
                        RallyDateStep *out_step)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (RallyDateTick));
  const StepChoice *step;
  g_autoptr(GDateTime) dt = NULL;
  const char *format;

  g_array_set_clear_func (ticks, clear_tick);

  if (from_utc > to_utc)
    {
      gint64 tmp = from_utc;
      from_utc = to_utc;
      to_utc = tmp;
    }
  from_utc = CLAMP (from_utc, MIN_TIME, MAX_TIME);
  to_utc = CLAMP (to_utc, MIN_TIME, MAX_TIME);

  step = choose_step (from_utc, to_utc, MAX (target, 1));
  format = label_format (step->unit);
  if (out_step != NULL)
    *out_step = step->unit;

  dt = first_tick (from_utc, step);
  while (dt != NULL && g_date_time_to_unix (dt) <= to_utc && ticks->len < MAX_DATE_TICKS)
    {
      GDateTime *next;

      if (g_date_time_to_unix (dt) >= from_utc)
        {
          RallyDateTick tick = { g_date_time_to_unix (dt), g_date_time_format (dt, format) };
          g_array_append_val (ticks, tick);
        }
      next = next_tick (dt, step);
      g_date_time_unref (dt);
      dt = next;
    }

  return ticks;
}

/**
 * rally_ticks_dates:
 *
 * Same as rally_ticks_dates_full() without the unit.
 */
GArray *
rally_ticks_dates (gint64 from_utc,
                   gint64 to_utc,
                   guint  target)
{
  return rally_ticks_dates_full (from_utc, to_utc, target, NULL);
}
