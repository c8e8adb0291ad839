/* rally-forecast.c
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

/* When will a challenge reach its goal? A running total (views, videos) per day, from
 * snapshots or from the videos' posting days, is a time series; a least-squares line
 * through the last two weeks of it gives the current pace, and the goal date follows
 * from the latest value and that pace. Two weeks, because a challenge's pace changes:
 * the first days' burst should not promise a date the current pace will not keep.
 * A pace needs history: points on at least three distinct days (so spread over two
 * days or more); two snapshots seconds apart say nothing about a pace. */

#define G_LOG_DOMAIN "RallyForecast"

#include "config.h"

#include <math.h>

#include "rally-forecast.h"

#define SECONDS_PER_DAY 86400.0

/* Least-squares slope of value against time in days, over points[start..n). */
static gboolean
fit_slope (const RallyPoint *points,
           gsize             start,
           gsize             n,
           double           *slope)
{
  double t0 = (double) points[start].t;
  double sum_t = 0, sum_v = 0, sum_tt = 0, sum_tv = 0;
  double count = (double) (n - start);
  double denominator;

  for (gsize i = start; i < n; i++)
    {
      double t = ((double) points[i].t - t0) / SECONDS_PER_DAY;

      sum_t += t;
      sum_v += points[i].v;
      sum_tt += t * t;
      sum_tv += t * points[i].v;
    }

  denominator = count * sum_tt - sum_t * sum_t;
  if (count < 2 || fabs (denominator) < 1e-12)
    return FALSE;

  *slope = (count * sum_tv - sum_t * sum_v) / denominator;
  return isfinite (*slope);
}

static gint64
day_of (gint64 t)
{
  return t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
}

/* The last two weeks of points, widened back until they hold points on at least
 * RALLY_FORECAST_MIN_DAYS distinct days; FALSE when the whole series has fewer. */
static gboolean
window_start (const RallyPoint *points,
              gsize             n,
              gsize            *out)
{
  gint64 since = points[n - 1].t - (gint64) RALLY_FORECAST_WINDOW_DAYS * 86400;
  gsize start = n - 1;
  guint days = 1;

  while (start > 0 && (points[start - 1].t >= since || days < RALLY_FORECAST_MIN_DAYS))
    {
      if (day_of (points[start - 1].t) != day_of (points[start].t))
        days++;
      start--;
    }
  *out = start;
  return days >= RALLY_FORECAST_MIN_DAYS;
}

/* The first point that meets @goal, or -1. */
static gssize
first_reaching (const RallyPoint *points,
                gsize             n,
                double            goal)
{
  for (gsize i = 0; i < n; i++)
    if (points[i].v >= goal)
      return (gssize) i;
  return -1;
}

static void
forecast_pace (const RallyPoint *points,
               gsize             n,
               double            goal,
               gint64            now,
               RallyForecast    *result)
{
  double slope = 0, days;
  gsize start;

  if (!window_start (points, n, &start))
    {
      result->state = RALLY_FORECAST_TOO_LITTLE_HISTORY;
      return;
    }

  result->state = RALLY_FORECAST_NOT_AT_PACE;
  if (!fit_slope (points, start, n, &slope))
    return;
  result->per_day = slope;
  if (slope <= 0)
    return;
  days = (goal - points[n - 1].v) / slope;
  if (days <= RALLY_FORECAST_HORIZON_DAYS)
    {
      result->state = RALLY_FORECAST_ON_TRACK;
      /* A stale series may predict a day already past: it is due now. */
      result->date = MAX (now, points[n - 1].t + (gint64) ceil (days * SECONDS_PER_DAY));
    }
}

/**
 * rally_forecast_goal:
 * @points: (array length=n): a cumulative series sorted by time
 * @goal: the value to reach, > 0
 * @now: the current time; points after it are ignored
 * @out: (out caller-allocates) (optional): the forecast
 *
 * Returns: %RALLY_FORECAST_REACHED when some point already meets @goal (with the
 *   date of the first that does: the day the series crossed it),
 *   %RALLY_FORECAST_TOO_LITTLE_HISTORY when the points fall on fewer than
 *   %RALLY_FORECAST_MIN_DAYS distinct days, %RALLY_FORECAST_ON_TRACK with the
 *   predicted date when the pace over the last %RALLY_FORECAST_WINDOW_DAYS days of
 *   points (more, to hold %RALLY_FORECAST_MIN_DAYS days) reaches it within
 *   %RALLY_FORECAST_HORIZON_DAYS, %RALLY_FORECAST_NOT_AT_PACE when the series is
 *   flat, falling or too slow, and %RALLY_FORECAST_NO_DATA without points.
 */
RallyForecastState
rally_forecast_goal (const RallyPoint *points,
                     gsize             n,
                     double            goal,
                     gint64            now,
                     RallyForecast    *out)
{
  RallyForecast result = { RALLY_FORECAST_NO_DATA, 0, 0, FALSE };
  gssize reached;

  g_return_val_if_fail (n == 0 || points != NULL, RALLY_FORECAST_NO_DATA);

  while (n > 0 && points[n - 1].t > now)
    n--;

  reached = first_reaching (points, n, goal);
  if (reached >= 0)
    {
      result.state = RALLY_FORECAST_REACHED;
      result.date = points[reached].t;
      result.at_first_point = reached == 0;
    }
  else if (n > 0)
    forecast_pace (points, n, goal, now, &result);

  if (out != NULL)
    *out = result;
  return result.state;
}
