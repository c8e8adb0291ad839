/* rally-analytics-page.h
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

#include <adwaita.h>

#include "rally-bar-chart.h"
#include "rally-figures-reader.h"
#include "rally-model.h"
#include "rally-time-chart.h"

G_BEGIN_DECLS

/**
 * RallyAnalyticsRange:
 *
 * The time span of the charts; the fixed spans end at the latest day with data.
 */
typedef enum
{
  RALLY_ANALYTICS_RANGE_7_DAYS,
  RALLY_ANALYTICS_RANGE_30_DAYS,
  RALLY_ANALYTICS_RANGE_90_DAYS,
  RALLY_ANALYTICS_RANGE_ALL,
  RALLY_ANALYTICS_RANGE_CUSTOM,
} RallyAnalyticsRange;

/* For rally_analytics_page_set_metric(): views on the left axis, donations on the right. */
#define RALLY_ANALYTICS_VIEWS_AND_DONATIONS ((RallyMetric) (RALLY_METRIC_DONATIONS + 1))

#define RALLY_TYPE_ANALYTICS_PAGE (rally_analytics_page_get_type ())

G_DECLARE_FINAL_TYPE (RallyAnalyticsPage, rally_analytics_page, RALLY, ANALYTICS_PAGE, AdwBin)

void            rally_analytics_page_set_reader         (RallyAnalyticsPage  *self,
                                                         RallyFiguresReader  *reader);
gboolean        rally_analytics_page_is_loaded          (RallyAnalyticsPage  *self);
guint           rally_analytics_page_get_n_loads        (RallyAnalyticsPage  *self);
void            rally_analytics_page_set_store          (RallyAnalyticsPage  *self,
                                                         RallyStore          *store);
void            rally_analytics_page_show_account       (RallyAnalyticsPage  *self);
void            rally_analytics_page_select_challenge   (RallyAnalyticsPage  *self,
                                                         gint64               challenge_id,
                                                         gboolean             selected);
void            rally_analytics_page_select_campaign    (RallyAnalyticsPage  *self,
                                                         gint64               campaign_id,
                                                         gboolean             selected);
void            rally_analytics_page_set_metric         (RallyAnalyticsPage  *self,
                                                         RallyMetric          metric);
void            rally_analytics_page_set_cumulative     (RallyAnalyticsPage  *self,
                                                         gboolean             cumulative);
void            rally_analytics_page_set_aligned        (RallyAnalyticsPage  *self,
                                                         gboolean             aligned);
void            rally_analytics_page_set_split          (RallyAnalyticsPage  *self,
                                                         gboolean             split);
void            rally_analytics_page_set_range          (RallyAnalyticsPage  *self,
                                                         RallyAnalyticsRange  range,
                                                         gint64               custom_from,
                                                         gint64               custom_to);
RallyTimeChart *rally_analytics_page_get_time_chart     (RallyAnalyticsPage  *self);
RallyBarChart  *rally_analytics_page_get_bar_chart      (RallyAnalyticsPage  *self);
gboolean        rally_analytics_page_export_csv         (RallyAnalyticsPage  *self,
                                                         const char          *path,
                                                         GError             **error);

G_END_DECLS
