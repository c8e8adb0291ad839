/* rally-overview.h
 *
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

G_BEGIN_DECLS

/**
 * RallyOverviewFigure:
 * @RALLY_OVERVIEW_VIDEOS: videos posted
 * @RALLY_OVERVIEW_VIEWS: views of those videos
 * @RALLY_OVERVIEW_ENGAGEMENT: their likes, comments and shares
 * @RALLY_OVERVIEW_RAISED: money raised, in minor units
 * @RALLY_OVERVIEW_NEW_CREATORS: creators whose first video was posted then
 *
 * The key figures of the Analytics overview, across every challenge.
 */
typedef enum
{
  RALLY_OVERVIEW_VIDEOS,
  RALLY_OVERVIEW_VIEWS,
  RALLY_OVERVIEW_ENGAGEMENT,
  RALLY_OVERVIEW_RAISED,
  RALLY_OVERVIEW_NEW_CREATORS,
  RALLY_OVERVIEW_N_FIGURES,
} RallyOverviewFigure;

/**
 * RallyOverviewDay:
 * @day: UTC midnight, unix seconds
 * @figures: what that day added, by #RallyOverviewFigure
 *
 * One day of the overview's series; several elements may share a day.
 */
typedef struct
{
  gint64 day;
  gint64 figures[RALLY_OVERVIEW_N_FIGURES];
} RallyOverviewDay;

/**
 * RallyOverview:
 * @from: the first day of the period
 * @to: the last day of the period
 * @previous_from: the first day of the period of the same length before it
 * @current: the figures of the period
 * @previous: the figures of the previous period
 * @has_previous: whether any day of the series falls in the previous period
 */
typedef struct
{
  gint64   from;
  gint64   to;
  gint64   previous_from;
  gint64   current[RALLY_OVERVIEW_N_FIGURES];
  gint64   previous[RALLY_OVERVIEW_N_FIGURES];
  gboolean has_previous;
} RallyOverview;

GArray   *rally_overview_merge_days (GArray              *days);
void      rally_overview_compute    (GArray              *days,
                                     gint64               from,
                                     gint64               to,
                                     RallyOverview       *out);
guint     rally_overview_n_days     (const RallyOverview *self);
gboolean  rally_overview_change     (const RallyOverview *self,
                                     RallyOverviewFigure  figure,
                                     double              *fraction);

G_END_DECLS
