/* rally-forecast.h
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

#pragma once

#include <glib.h>

#include "rally-series.h"

G_BEGIN_DECLS

typedef enum
{
  RALLY_FORECAST_NO_DATA,
  RALLY_FORECAST_REACHED,
  RALLY_FORECAST_ON_TRACK,
  RALLY_FORECAST_NOT_AT_PACE,
  RALLY_FORECAST_TOO_LITTLE_HISTORY,
} RallyForecastState;

typedef struct
{
  RallyForecastState state;
  /* REACHED: when the goal was first met; ON_TRACK: the predicted day (UTC seconds). */
  gint64             date;
  /* The fitted growth per day over the recent window (0 when unknown). */
  double             per_day;
  /* REACHED: the series' first point already met the goal, so it may have been met
   * before the series begins. */
  gboolean           at_first_point;
} RallyForecast;

#define RALLY_FORECAST_WINDOW_DAYS  14
/* A pace needs points on at least this many distinct UTC days. */
#define RALLY_FORECAST_MIN_DAYS     3
#define RALLY_FORECAST_HORIZON_DAYS (5 * 365)

RallyForecastState rally_forecast_goal (const RallyPoint *points,
                                        gsize             n,
                                        double            goal,
                                        gint64            now,
                                        RallyForecast    *out);

G_END_DECLS
