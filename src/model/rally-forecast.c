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

/* When will a challenge reach its goal? The snapshots of a running total (views,
 * videos) are a time series; a least-squares line through the last two weeks of it
 * gives the current pace, and the goal date follows from the latest value and that
 * pace. Two weeks, because a challenge's pace changes: the first days' burst should
 * not promise a date the current pace will not keep. */

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

static gsize
window_start (const RallyPoint *points,
              gsize             n)
{
  gint64 since = points[n - 1].t - (gint64) RALLY_FORECAST_WINDOW_DAYS * 86400;
  gsize start = n - 1;

  while (start > 0 && points[start - 1].t >= since)
    start--;
  return start;
}

/**
 * rally_forecast_goal:
 * @points: (array length=n): a cumulative series sorted by time
 * @goal: the value to reach, > 0
 * @now: the current time; points after it are ignored
 * @out: (out caller-allocates) (optional): the forecast
 *
 * Returns: %RALLY_FORECAST_REACHED when some point already meets @goal (with its
 *   date), %RALLY_FORECAST_ON_TRACK with the predicted date when the pace over the
 *   last %RALLY_FORECAST_WINDOW_DAYS days of points reaches it within
 *   %RALLY_FORECAST_HORIZON_DAYS, %RALLY_FORECAST_NOT_AT_PACE when the series is
 *   flat, falling or too slow (or has a single point), and
 *   %RALLY_FORECAST_NO_DATA without points.
 */
RallyForecastState
rally_forecast_goal (const RallyPoint *points,
                     gsize             n,
                     double            goal,
                     gint64            now,
                     RallyForecast    *out)
{
  RallyForecast result = { RALLY_FORECAST_NO_DATA, 0, 0 };
  double slope = 0, days;

  g_return_val_if_fail (n == 0 || points != NULL, RALLY_FORECAST_NO_DATA);

  while (n > 0 && points[n - 1].t > now)
    n--;

  for (gsize i = 0; i < n && result.state == RALLY_FORECAST_NO_DATA; i++)
    if (points[i].v >= goal)
      {
        result.state = RALLY_FORECAST_REACHED;
        result.date = points[i].t;
      }

  if (n > 0 && result.state == RALLY_FORECAST_NO_DATA)
    {
      result.state = RALLY_FORECAST_NOT_AT_PACE;
      if (fit_slope (points, window_start (points, n), n, &slope) && slope > 0)
        {
          result.per_day = slope;
          days = (goal - points[n - 1].v) / slope;
          if (days <= RALLY_FORECAST_HORIZON_DAYS)
            {
              result.state = RALLY_FORECAST_ON_TRACK;
              /* A stale series may predict a day already past: it is due now. */
              result.date = MAX (now, points[n - 1].t + (gint64) ceil (days * SECONDS_PER_DAY));
            }
        }
      else if (fit_slope (points, window_start (points, n), n, &slope))
        result.per_day = slope;
    }

  if (out != NULL)
    *out = result;
  return result.state;
}
