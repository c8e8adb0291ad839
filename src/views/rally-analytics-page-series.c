/* rally-analytics-page-series.c
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

/* The analytics page's series: which challenges, campaigns and the account are
 * picked (the popover of checks, or every challenge and the account until the
 * user picks), and for each its table of running totals, its source and its
 * colour, ready to chart. */

#define G_LOG_DOMAIN "RallyAnalyticsPage"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rally-analytics-page-private.h"
#include "rally-chart-marks.h"
#include "rally-report.h"
#include "rally-metrics.h"
#include "rally-store-account.h"
#include "rally-store-origins.h"
#include "rally-store.h"

/* Selection */

static char *
series_key (gboolean is_campaign,
            gint64   id)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, is_campaign ? "campaign" : "challenge", id);
}

static gboolean
is_selected (RallyAnalyticsPage *self,
             gboolean            is_campaign,
             gint64              id)
{
  g_autofree char *key = series_key (is_campaign, id);

  return g_hash_table_contains (self->selected, key);
}

void
_rally_analytics_page_select_key (RallyAnalyticsPage *self,
                                  char               *key,
                                  gboolean            selected)
{
  self->chose_series = TRUE;
  if (selected)
    g_hash_table_add (self->selected, key);
  else
    {
      g_hash_table_remove (self->selected, key);
      g_free (key);
    }
}

void
_rally_analytics_page_set_selected (RallyAnalyticsPage *self,
                                    gboolean            is_campaign,
                                    gint64              id,
                                    gboolean            selected)
{
  _rally_analytics_page_select_key (self, series_key (is_campaign, id), selected);
}

static void
check_toggled_cb (GtkCheckButton     *check,
                  RallyAnalyticsPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (check), "key");

  if (self->updating_controls)
    return;

  _rally_analytics_page_select_key (self, g_strdup (key), gtk_check_button_get_active (check));
  _rally_analytics_page_queue_refresh (self);
}

static void
append_heading (GtkBox     *box,
                const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_start (label, 6);
  gtk_box_append (box, label);
}

/* @key: (transfer full) */
static void
append_check (RallyAnalyticsPage *self,
              const char         *label,
              char               *key)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (self->selected, key));
  g_object_set_data_full (G_OBJECT (check), "key", key, g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
  gtk_box_append (self->series_box, check);
}

void
_rally_analytics_page_rebuild_series_popover (RallyAnalyticsPage *self)
{
  GtkWidget *child;
  guint n_campaigns = g_list_model_get_n_items (self->campaigns);
  guint n_challenges = g_list_model_get_n_items (self->challenges);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->series_box))) != NULL)
    gtk_box_remove (self->series_box, child);

  self->updating_controls = TRUE;
  if (n_campaigns > 0)
    append_heading (self->series_box, _("Campaigns"));
  for (guint i = 0; i < n_campaigns; i++)
    {
      g_autoptr(RallyCampaign) campaign = g_list_model_get_item (self->campaigns, i);

      append_check (self, rally_campaign_get_name (campaign), series_key (TRUE, rally_campaign_get_id (campaign)));
    }
  append_heading (self->series_box, _("Challenges"));
  for (guint i = 0; i < n_challenges; i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (self->challenges, i);
      g_autofree char *label = g_strconcat ("#", rally_challenge_get_hashtag (challenge), NULL);

      append_check (self, label, series_key (FALSE, rally_challenge_get_id (challenge)));
    }
  if (self->account_table != NULL && self->account_table->len > 0)
    {
      append_heading (self->series_box, _("Account"));
      append_check (self, _("Your account"), g_strdup (ACCOUNT_KEY));
    }
  self->updating_controls = FALSE;
}

/* Series data */

void
_rally_analytics_page_shown_clear (gpointer data)
{
  Shown *shown = data;

  g_clear_pointer (&shown->series, rally_series_unref);
  g_clear_pointer (&shown->table, g_array_unref);
  g_clear_pointer (&shown->provenance, g_free);
}

/* Figures, read on the reader's thread */

static void
table_free (gpointer data)
{
  Table *table = data;

  g_clear_pointer (&table->table, g_array_unref);
  g_clear_pointer (&table->events, g_array_unref);
  g_clear_pointer (&table->origins, g_array_unref);
  g_free (table->color);
  g_free (table->provenance);
  g_free (table);
}

void
_rally_analytics_figures_free (RallyAnalyticsFigures *figures)
{
  g_clear_pointer (&figures->tables, g_hash_table_unref);
  g_clear_pointer (&figures->account_table, g_array_unref);
  g_clear_pointer (&figures->overview_days, g_array_unref);
  g_free (figures->overview_currency);
  g_free (figures);
}

static GArray *
campaign_table (RallyStore       *store,
                gint64            campaign_id,
                RallyReachSource *source)
{
  g_autoptr(GListModel) challenges = rally_store_list_challenges (store, campaign_id);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  *source = (RallyReachSource) { 0 };
  for (guint i = 0; i < g_list_model_get_n_items (challenges); i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (challenges, i);
      RallyReachSource one;

      g_ptr_array_add (tables, rally_store_query_reach_source (store, rally_challenge_get_id (challenge), &one));
      rally_reach_source_merge (source, &one);
    }

  return rally_reach_sum (tables);
}

static void
read_series_tables (RallyStore *store,
                    GHashTable *tables)
{
  g_autoptr(GListModel) campaigns = rally_store_list_campaigns (store);
  g_autoptr(GListModel) challenges = rally_store_list_challenges (store, 0);
  guint n_loose = 0;

  for (guint i = 0; i < g_list_model_get_n_items (campaigns); i++)
    {
      g_autoptr(RallyCampaign) campaign = g_list_model_get_item (campaigns, i);
      Table *table = g_new0 (Table, 1);

      table->table = campaign_table (store, rally_campaign_get_id (campaign), &table->source);
      table->events = rally_chart_marks_read_events (store, TRUE, rally_campaign_get_id (campaign));
      table->launch = rally_campaign_get_start_date (campaign);
      g_hash_table_insert (tables, series_key (TRUE, rally_campaign_get_id (campaign)), table);
    }
  for (guint i = 0; i < g_list_model_get_n_items (challenges); i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (challenges, i);
      gint64 id = rally_challenge_get_id (challenge);
      Table *table = g_new0 (Table, 1);
      g_autoptr(RallySnapshot) latest = rally_store_get_latest_snapshot (store, id);

      table->color = rally_challenge_series_color (store, challenge, n_loose);
      n_loose += rally_challenge_get_campaign_id (challenge) == 0 ? 1 : 0;
      table->table = rally_store_query_reach_source (store, id, &table->source);
      table->events = rally_chart_marks_read_events (store, FALSE, id);
      table->provenance = rally_snapshot_describe_fetch (latest);
      table->origins = rally_store_query_daily_origin (store, id, G_MININT64, 0);
      table->launch = rally_challenge_get_start_date (challenge);
      g_hash_table_insert (tables, series_key (FALSE, id), table);
    }
}

static void
read_account_table (RallyStore            *store,
                    RallyAnalyticsFigures *figures)
{
  g_autoptr(GError) error = NULL;

  figures->account_table = rally_store_query_account_reach (store, &error);
  if (figures->account_table != NULL && figures->account_table->len > 0)
    {
      RallyStudioSummary summary;

      /* the account's series is its Studio overviews whenever there are any */
      if (rally_store_get_studio_summary (store, 0, &summary, NULL) && summary.days > 0)
        figures->account_imported_at = summary.fetched_at;
    }
  if (error != NULL)
    g_warning ("Could not read the account's figures: %s", error->message);
  if (figures->account_table == NULL)
    figures->account_table = g_array_new (FALSE, TRUE, sizeof (RallyDayTotals));
}

/* Runs on the reader's thread: every series' running totals, and the account's. */
gpointer
_rally_analytics_figures_read (RallyStore    *store,
                               gpointer       data,
                               GCancellable  *cancellable,
                               GError       **error)
{
  RallyAnalyticsFigures *figures = g_new0 (RallyAnalyticsFigures, 1);

  figures->tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, table_free);
  read_series_tables (store, figures->tables);
  read_account_table (store, figures);
  _rally_analytics_overview_read (store, figures);
  return figures;
}

const Table *
_rally_analytics_page_lookup_table (RallyAnalyticsPage *self,
                                   gboolean            is_campaign,
                                   gint64              id)
{
  g_autofree char *key = series_key (is_campaign, id);

  return self->figures != NULL ? g_hash_table_lookup (self->figures->tables, key) : NULL;
}

static gboolean
color_is_shown (RallyAnalyticsPage *self,
                const char         *color)
{
  for (guint i = 0; i < self->shown->len; i++)
    {
      if (g_ascii_strcasecmp (rally_series_get_color (g_array_index (self->shown, Shown, i).series), color) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A campaign and its first challenge share the campaign's colour: when both are on
 * the chart, the later one turns a step around the colour wheel. */
static char *
distinct_color (RallyAnalyticsPage *self,
                const char         *color)
{
  char *result = g_strdup (color);

  for (guint step = 1; step < 12 && color_is_shown (self, result); step++)
    {
      char *turned = rally_chart_distinct_color (color, step);

      if (turned == NULL)
        break;
      g_free (result);
      result = turned;
    }
  return result;
}

/* Days since @launch: the points' times count from it, and the days before it are
 * left out (a running total starts at its value on the launch day). */
static void
align_points (GArray  *points,
              gint64   launch,
              gboolean cumulative)
{
  guint kept = 0;
  double before = NAN;

  for (guint i = 0; i < points->len; i++)
    {
      RallyPoint point = g_array_index (points, RallyPoint, i);

      if (point.t < launch)
        {
          before = point.v;
          continue;
        }
      if (kept == 0 && cumulative && point.t > launch)
        {
          RallyPoint start = { .t = 0, .v = isnan (before) ? 0 : before };

          g_array_index (points, RallyPoint, kept++) = start;
        }
      point.t -= launch;
      g_array_index (points, RallyPoint, kept++) = point;
    }
  g_array_set_size (points, kept);
}

/* One series of the chart: @points (transfer full) of @table's campaign or
 * challenge (@id, 0 for the account), its reach or (@money) its donations. */
static void
add_shown (RallyAnalyticsPage     *self,
           const Table            *table,
           const RallyReachSource *source,
           gboolean                is_campaign,
           gint64                  id,
           gboolean                money,
           const char             *name,
           const char             *color,
           GArray                 *points)
{
  g_autofree char *own_color = distinct_color (self, color);
  g_autoptr(GArray) owned = points;
  gint64 launch = table->launch;
  Shown shown = {
    .table = g_array_ref (table->table),
    .source = *source,
    .is_campaign = is_campaign,
    .id = id,
    .money = money,
    .provenance = g_strdup (table->provenance),
  };

  if (_rally_analytics_page_get_aligned (self))
    {
      /* without a start date, a series starts on its first day */
      if (launch <= 0 && owned->len > 0)
        launch = g_array_index (owned, RallyPoint, 0).t;
      shown.launch = rally_day_start (launch);
      align_points (owned, shown.launch, _rally_analytics_page_get_cumulative (self));
    }
  shown.series = rally_series_new_from_points (name, own_color, owned);
  g_array_append_val (self->shown, shown);
}

/* TikTok Studio overviews count no videos: the account is no line of zeros then. */
static gboolean
account_lacks_videos (RallyAnalyticsPage *self)
{
  for (guint i = 0; i < self->account_table->len; i++)
    {
      if (g_array_index (self->account_table, RallyDayTotals, i).videos > 0)
        return FALSE;
    }
  return TRUE;
}

/* A campaign's or a challenge's series: its reach in the metric chosen, or its
 * donations (@money); the first currency of money shown is the chart's. */
static void
add_item (RallyAnalyticsPage *self,
          const Table        *table,
          gboolean            is_campaign,
          gint64              id,
          gboolean            money,
          const char         *name,
          const char         *color)
{
  gboolean cumulative = _rally_analytics_page_get_cumulative (self);
  g_autofree char *money_name = NULL;
  const char *currency = NULL;
  GArray *points;

  if (!money)
    {
      points = rally_reach_points (table->table, _rally_analytics_page_get_metric (self), cumulative);
      add_shown (self, table, &table->source, is_campaign, id, FALSE, name, color, points);
      return;
    }

  points = _rally_analytics_page_donation_points (self, is_campaign, id, cumulative, &currency);
  if (self->money_currency == NULL)
    self->money_currency = g_strdup (currency);
  if (_rally_analytics_page_get_money_beside (self))
    {
      /* Translators: a chart series beside the same challenge's views, "#rednoseday donations" */
      money_name = g_strdup_printf (_("%s donations"), name);
      name = money_name;
    }
  add_shown (self, table, &table->source, is_campaign, id, TRUE, name, color, points);
}

/* A challenge's organic or seeded videos as a table of running totals by posting day. */
static GArray *
origin_table (GArray   *origins,
              gboolean  seeded)
{
  GArray *table = g_array_sized_new (FALSE, TRUE, sizeof (RallyDayTotals), origins->len);
  RallyDayTotals sum = { 0 };

  for (guint i = 0; i < origins->len; i++)
    {
      const RallyOriginSplit *split = &g_array_index (origins, RallyOriginSplit, i);
      const RallyDayTotals *day = seeded ? &split->seeded : &split->organic;

      sum.day = day->day;
      sum.videos += day->videos;
      sum.views += day->views;
      sum.likes += day->likes;
      sum.comments += day->comments;
      sum.shares += day->shares;
      g_array_append_val (table, sum);
    }
  return table;
}

/* A challenge as two series, its organic and its seeded videos, by posting day. */
static void
add_split (RallyAnalyticsPage *self,
           const Table        *table,
           gint64              id,
           const char         *name,
           const char         *color)
{
  RallyReachSource source = { .basis = RALLY_REACH_FROM_POSTING_DAYS, .counts_as_of = table->source.counts_as_of };

  for (guint seeded = 0; seeded < 2; seeded++)
    {
      g_autoptr(GArray) totals = origin_table (table->origins, seeded);
      Table part = *table;
      g_autofree char *part_name = NULL;
      g_autofree char *part_color = seeded ? rally_chart_distinct_color (color, 6) : g_strdup (color);

      part.table = totals;
      /* Translators: a chart series of a challenge's videos by people nobody briefed, "#rednoseday, organic" */
      part_name = g_strdup_printf (seeded ? _("%s, seeded") : _("%s, organic"), name);
      add_shown (self, &part, &source, FALSE, id, FALSE, part_name, part_color != NULL ? part_color : color,
                 rally_reach_points (totals, _rally_analytics_page_get_metric (self),
                                     _rally_analytics_page_get_cumulative (self)));
    }
}

static void
collect_items (RallyAnalyticsPage *self,
               gboolean            money)
{
  for (guint i = 0; i < g_list_model_get_n_items (self->campaigns); i++)
    {
      g_autoptr(RallyCampaign) campaign = g_list_model_get_item (self->campaigns, i);
      gint64 id = rally_campaign_get_id (campaign);
      const Table *table = _rally_analytics_page_lookup_table (self, TRUE, id);

      if (table != NULL && is_selected (self, TRUE, id))
        add_item (self, table, TRUE, id, money, rally_campaign_get_name (campaign), rally_campaign_get_color (campaign));
    }

  for (guint i = 0; i < g_list_model_get_n_items (self->challenges); i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (self->challenges, i);
      gint64 id = rally_challenge_get_id (challenge);
      const Table *table = _rally_analytics_page_lookup_table (self, FALSE, id);
      g_autofree char *name = NULL;

      if (table == NULL || !is_selected (self, FALSE, id))
        continue;
      name = g_strconcat ("#", rally_challenge_get_hashtag (challenge), NULL);
      if (!money && table->origins != NULL && _rally_analytics_page_get_split (self))
        add_split (self, table, id, name, table->color);
      else
        add_item (self, table, FALSE, id, money, name, table->color);
    }
}

static void
collect_account (RallyAnalyticsPage *self)
{
  /* the account's days are its imported Studio overviews, or else its synced snapshots */
  RallyReachSource source = {
    .basis = self->account_imported_at != 0 ? RALLY_REACH_FROM_STUDIO : RALLY_REACH_FROM_SNAPSHOTS,
    .counts_as_of = self->account_imported_at,
    .snapshots_from = g_array_index (self->account_table, RallyDayTotals, 0).day,
    .snapshots_to = g_array_index (self->account_table, RallyDayTotals, self->account_table->len - 1).day,
  };
  Table table = { .table = self->account_table };
  GArray *points = rally_reach_points (self->account_table, _rally_analytics_page_get_metric (self),
                                       _rally_analytics_page_get_cumulative (self));

  add_shown (self, &table, &source, FALSE, 0, FALSE, _("Your account"), RALLY_CHART_ACCOUNT_COLOR, points);
}

/* Reach first, then donations: the series on a right-hand axis come last. The
 * account raises no money of its own. */
void
_rally_analytics_page_collect_series (RallyAnalyticsPage *self)
{
  RallyMetric metric = _rally_analytics_page_get_metric (self);
  gboolean money_only = metric == RALLY_METRIC_DONATIONS;

  g_array_set_size (self->shown, 0);
  g_clear_pointer (&self->money_currency, g_free);

  collect_items (self, money_only);
  if (!money_only && self->account_table->len > 0 && g_hash_table_contains (self->selected, ACCOUNT_KEY) &&
      !(metric == RALLY_METRIC_VIDEOS && account_lacks_videos (self)))
    collect_account (self);
  if (_rally_analytics_page_get_money_beside (self))
    collect_items (self, TRUE);
}

void
_rally_analytics_page_select_default_series (RallyAnalyticsPage *self)
{
  g_hash_table_remove_all (self->selected);
  if (self->account_table != NULL && self->account_table->len > 0)
    g_hash_table_add (self->selected, g_strdup (ACCOUNT_KEY));
  for (guint i = 0; i < g_list_model_get_n_items (self->challenges); i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (self->challenges, i);

      g_hash_table_add (self->selected, series_key (FALSE, rally_challenge_get_id (challenge)));
    }
}
