/* rally-analytics-page-private.h
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

/* What the parts of the analytics page share: the page itself
 * (rally-analytics-page.c) and the series it charts, picked in its popover
 * (rally-analytics-page-series.c). */

#pragma once

#include <adwaita.h>

#include "rally-account-card.h"
#include "rally-analytics-page.h"
#include "rally-chart-export.h"
#include "rally-figures-reader.h"
#include "rally-overview.h"
#include "rally-store-analytics.h"

G_BEGIN_DECLS

#define ACCOUNT_KEY "account"

/* One series on the charts, with the table it was drawn from. */
typedef struct
{
  RallySeries     *series;
  GArray          *table;
  RallyReachSource source;
  gboolean         is_campaign;
  gint64           id;              /* of the campaign or challenge, 0 for the account */
  gboolean         money;           /* donations, in the currency of the chart's money */
  gint64           launch;          /* the day its times count from, when aligned */
  char            *provenance;      /* "From TikTok Research API, fetched …", or NULL */
} Shown;

/* A series' table as the reader read it. */
typedef struct
{
  GArray          *table;
  RallyReachSource source;
  char            *color;   /* a challenge's colour on charts */
  char            *provenance;  /* its latest snapshot's source and fetch day */
  gint64           launch;  /* its start date, 0 when unset */
  GArray          *origins; /* RallyOriginSplit per posting day, a challenge's */
  GArray          *events;  /* RallyChartEvent, titles owned */
} Table;

/* What the reader read for the page: series key → its table, and the account's. */
typedef struct
{
  GHashTable *tables;
  GArray     *account_table;
  gint64      account_imported_at;
  GArray     *overview_days;              /* RallyOverviewDay, every challenge's, merged */
  char       *overview_currency;          /* of the money counted, NULL when nothing raises any */
  guint       overview_other_currencies;  /* challenges raising money in another one */
} RallyAnalyticsFigures;

struct _RallyAnalyticsPage
{
  AdwBin          parent_instance;

  /* Template children */
  GtkStack       *stack;
  GtkLabel       *overview_title;
  GtkFlowBox     *overview_box;
  RallyAccountCard *account_card;
  AdwStatusPage  *empty_page;
  GtkFlowBox     *controls;
  GtkMenuButton  *series_button;
  GtkBox         *series_box;
  GtkDropDown    *metric_dropdown;
  GtkToggleButton *cumulative_button;
  GtkToggleButton *per_day_button;
  GtkToggleButton *align_button;
  GtkToggleButton *split_button;
  GtkToggleButton *compare_button;
  GtkDropDown    *range_dropdown;
  GtkMenuButton  *export_button;
  GtkRevealer    *custom_revealer;
  GtkMenuButton  *from_button;
  GtkMenuButton  *to_button;
  GtkCalendar    *from_calendar;
  GtkCalendar    *to_calendar;
  GtkLabel       *time_title;
  RallyTimeChart *time_chart;
  GtkLabel       *time_basis;
  GtkLabel       *bar_title;
  RallyBarChart  *bar_chart;

  /* Owned */
  RallyStore     *store;
  RallyFiguresReader *reader;     /* reads the figures off the main thread */
  GCancellable   *loading;        /* the newest read, until it arrives */
  RallyAnalyticsFigures *figures; /* the newest read's, NULL until the first arrives */
  guint           n_loads;
  GListModel     *campaigns;
  GListModel     *challenges;
  GHashTable     *selected;       /* "campaign:ID" / "challenge:ID" / ACCOUNT_KEY → itself */
  GArray         *account_table;  /* the account's running totals, RallyDayTotals */
  gint64          account_imported_at;  /* when the Studio overviews behind it were imported, else 0 */
  gboolean        chose_series;   /* FALSE until the user (or a caller) picks series */
  GArray         *shown;          /* Shown */
  gint64          custom_from;
  gint64          custom_to;
  RallyChartExport *export;
  guint           refresh_idle;
  gboolean        updating_controls;
  char           *money_currency; /* of the donations shown, NULL when none are */
  RallyOverview   overview;       /* of the range shown */
};

/* rally-analytics-page.c */

RallyMetric _rally_analytics_page_get_metric             (RallyAnalyticsPage *self);
gboolean    _rally_analytics_page_get_money_beside       (RallyAnalyticsPage *self);
const char *_rally_analytics_page_metric_name            (RallyMetric         metric);
gboolean    _rally_analytics_page_get_cumulative         (RallyAnalyticsPage *self);
gboolean    _rally_analytics_page_get_aligned            (RallyAnalyticsPage *self);
gboolean    _rally_analytics_page_get_split              (RallyAnalyticsPage *self);
void        _rally_analytics_page_queue_refresh          (RallyAnalyticsPage *self);

/* rally-analytics-page-series.c */

gpointer    _rally_analytics_figures_read                (RallyStore         *store,
                                                          gpointer            data,
                                                          GCancellable       *cancellable,
                                                          GError            **error);
void        _rally_analytics_figures_free                (RallyAnalyticsFigures *figures);
void        _rally_analytics_page_shown_clear            (gpointer            data);
void        _rally_analytics_page_select_key             (RallyAnalyticsPage *self,
                                                          char               *key,
                                                          gboolean            selected);
void        _rally_analytics_page_set_selected           (RallyAnalyticsPage *self,
                                                          gboolean            is_campaign,
                                                          gint64              id,
                                                          gboolean            selected);
void        _rally_analytics_page_select_default_series  (RallyAnalyticsPage *self);
void        _rally_analytics_page_rebuild_series_popover (RallyAnalyticsPage *self);
void        _rally_analytics_page_collect_series         (RallyAnalyticsPage *self);
const Table *_rally_analytics_page_lookup_table          (RallyAnalyticsPage *self,
                                                          gboolean            is_campaign,
                                                          gint64              id);

/* rally-analytics-page-overview.c */

void        _rally_analytics_overview_read               (RallyStore            *store,
                                                          RallyAnalyticsFigures *figures);
void        _rally_analytics_page_update_overview        (RallyAnalyticsPage *self,
                                                          gboolean            ranged,
                                                          gint64              from,
                                                          gint64              to);

/* rally-analytics-page-marks.c */

GArray     *_rally_analytics_page_donation_points        (RallyAnalyticsPage *self,
                                                          gboolean            is_campaign,
                                                          gint64              id,
                                                          gboolean            cumulative,
                                                          const char        **currency);
void        _rally_analytics_page_update_marks           (RallyAnalyticsPage *self);

G_END_DECLS
