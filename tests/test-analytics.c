/* test-analytics.c
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

/* Tracking and analytics on the scale-1 sample workspace, with real widgets: the
 * tracking figures against the store's SQL aggregates, donations, sorting the video
 * table, the analytics page's series, its exports and the campaign report. */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "rally-account-card.h"
#include "rally-import-dialog.h"
#include "rally-import.h"
#include "rally-analytics-page.h"
#include "rally-challenge-tracking.h"
#include "rally-chart-export.h"
#include "rally-tooltip.h"
#include "rally-emulator.h"
#include "rally-format.h"
#include "rally-metrics.h"
#include "rally-report.h"
#include "rally-sample.h"
#include "rally-store-account.h"
#include "rally-store-analytics.h"
#include "rally-store-events.h"
#include "rally-store.h"
#include "rally-sync-engine.h"
#include "rally-test-util.h"
#include "rally-time-chart.h"
#include "rally-test-ui.h"

static RallyStore *store;
static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static RallyChallenge *
find_challenge (const char *hashtag)
{
  RallyChallenge *challenge = rally_store_find_challenge (store, hashtag);

  g_assert_nonnull (challenge);
  return challenge;
}

/* The figures are read in a worker thread: wait for them, as a person would. */
static void
wait_for_figures (RallyChallengeTracking *tracking)
{
  rally_test_iterate ();
  while (rally_challenge_tracking_is_loading (tracking))
    g_main_context_iteration (NULL, TRUE);
}

static RallyChallengeTracking *
new_tracking (RallyChallenge *challenge)
{
  RallyChallengeTracking *tracking = g_object_ref_sink (RALLY_CHALLENGE_TRACKING (rally_challenge_tracking_new ()));

  g_object_set (tracking, "store", store, "challenge", challenge, NULL);
  g_assert_true (rally_challenge_tracking_is_loading (tracking));
  wait_for_figures (tracking);
  return tracking;
}

static void
assert_figure (RallyChallengeTracking *tracking,
               RallyTrackingFigure     figure,
               gint64                  expected)
{
  g_autofree char *text = rally_format_integer (expected);

  g_assert_cmpstr (rally_challenge_tracking_get_figure_text (tracking, figure), ==, text);
}

static void
test_tracking_totals (void)
{
  g_autoptr(RallyChallenge) challenge = find_challenge ("rednoseday");
  g_autoptr(RallyChallengeTracking) tracking = new_tracking (challenge);
  g_autofree char *engagement = NULL;
  RallyTotals totals;

  g_assert_true (rally_store_get_challenge_totals (store, rally_challenge_get_id (challenge), &totals));
  g_assert_cmpint (totals.videos, >, 20000);

  assert_figure (tracking, RALLY_TRACKING_FIGURE_VIDEOS, totals.videos);
  assert_figure (tracking, RALLY_TRACKING_FIGURE_VIEWS, totals.views);
  assert_figure (tracking, RALLY_TRACKING_FIGURE_LIKES, totals.likes);
  assert_figure (tracking, RALLY_TRACKING_FIGURE_COMMENTS, totals.comments);
  assert_figure (tracking, RALLY_TRACKING_FIGURE_SHARES, totals.shares);
  assert_figure (tracking, RALLY_TRACKING_FIGURE_CREATORS, totals.creators);

  engagement = rally_format_percent (rally_engagement_rate (totals.likes, totals.comments, totals.shares, totals.views));
  g_assert_cmpstr (rally_challenge_tracking_get_figure_text (tracking, RALLY_TRACKING_FIGURE_ENGAGEMENT), ==, engagement);

  /* Without a challenge, nothing of the old one is left on show. */
  rally_challenge_tracking_set_challenge (tracking, NULL);
  g_assert_null (rally_challenge_tracking_get_challenge (tracking));
}

/* The median in SQL against one computed here from every video. */
static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
test_median_engagement (void)
{
  g_autoptr(RallyChallenge) challenge = find_challenge ("TheRealChallenge");
  g_autoptr(GListModel) videos = rally_store_list_videos (store, rally_challenge_get_id (challenge),
                                                          RALLY_VIDEO_SORT_VIEWS, 0);
  g_autoptr(GArray) rates = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(RallyChallengeTracking) tracking = new_tracking (challenge);
  g_autofree char *expected_text = NULL;
  double median, expected;
  guint n;

  for (guint i = 0; i < g_list_model_get_n_items (videos); i++)
    {
      g_autoptr(RallyVideo) video = g_list_model_get_item (videos, i);
      double rate;

      if (rally_video_get_views (video) == 0)
        continue;
      rate = rally_engagement_rate (rally_video_get_likes (video), rally_video_get_comments (video),
                                    rally_video_get_shares (video), rally_video_get_views (video));
      g_array_append_val (rates, rate);
    }
  g_array_sort (rates, compare_doubles);
  n = rates->len;
  g_assert_cmpuint (n, >, 100);
  expected = n % 2 == 1 ? g_array_index (rates, double, n / 2)
                        : (g_array_index (rates, double, n / 2 - 1) + g_array_index (rates, double, n / 2)) / 2;

  g_assert_true (rally_store_get_median_engagement (store, rally_challenge_get_id (challenge), &median));
  g_assert_cmpfloat_with_epsilon (median, expected, 1e-12);
  g_assert_false (rally_store_get_median_engagement (store, 999999, &median));

  expected_text = rally_format_percent (expected);
  g_assert_cmpstr (rally_challenge_tracking_get_figure_text (tracking, RALLY_TRACKING_FIGURE_MEDIAN_ENGAGEMENT),
                   ==, expected_text);
}

static void
test_tracking_donations (void)
{
  g_autoptr(RallyChallenge) challenge = find_challenge ("rednoseday");
  g_autoptr(RallyChallengeTracking) tracking = new_tracking (challenge);
  g_autoptr(RallyChallenge) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  RallyTotals totals;

  /* The sample's pledge: $2 a video, capped at $100,000, in US dollars. */
  g_assert_cmpint (rally_challenge_get_pledge_per_video (challenge), ==, 200);
  g_assert_cmpint (rally_challenge_get_pledge_cap (challenge), ==, 10000000);
  g_assert_true (rally_store_get_challenge_totals (store, rally_challenge_get_id (challenge), &totals));
  expected = rally_format_money (MIN (totals.videos * 200, 10000000), "USD");
  g_assert_cmpstr (rally_challenge_tracking_get_figure_text (tracking, RALLY_TRACKING_FIGURE_DONATIONS), ==, expected);
  g_assert_true (g_str_has_prefix (expected, "$"));

  /* $10 a video would pass the cap: the cap is what is shown, right after the save. */
  edited = rally_store_get_challenge (store, rally_challenge_get_id (challenge));
  g_object_set (edited, "pledge-per-video", (gint64) 1000, NULL);
  g_assert_true (rally_store_save_challenge (store, edited, &error));
  g_assert_no_error (error);
  wait_for_figures (tracking);
  g_assert_cmpstr (rally_challenge_tracking_get_figure_text (tracking, RALLY_TRACKING_FIGURE_DONATIONS), ==,
                   "$100,000");

  g_object_set (edited, "pledge-per-video", (gint64) 200, NULL);
  g_assert_true (rally_store_save_challenge (store, edited, &error));
  g_assert_no_error (error);
  wait_for_figures (tracking);
  g_assert_cmpstr (rally_challenge_tracking_get_figure_text (tracking, RALLY_TRACKING_FIGURE_DONATIONS), ==, expected);
}

static GtkColumnViewColumn *
find_column (GtkColumnView *view,
             const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_assert_not_reached ();
}

static RallyVideo *
first_video (GtkColumnView *view)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));

  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  return g_list_model_get_item (model, 0);
}

static GtkWidget *find_widget (GtkWidget *root,
                               gboolean (*match) (GtkWidget *widget, gconstpointer data),
                               gconstpointer data);

static gboolean
is_drop_down (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_DROP_DOWN (widget);
}

static void
test_tracking_sort (void)
{
  g_autoptr(RallyChallenge) challenge = find_challenge ("rednoseday");
  g_autoptr(RallyChallengeTracking) tracking = new_tracking (challenge);
  GtkColumnView *view = rally_challenge_tracking_get_video_view (tracking);
  g_autoptr(GListModel) by_likes = rally_store_list_videos (store, rally_challenge_get_id (challenge),
                                                            RALLY_VIDEO_SORT_LIKES, 1);
  g_autoptr(RallyVideo) most_liked = g_list_model_get_item (by_likes, 0);
  g_autoptr(RallyVideo) first = NULL;
  g_autoptr(RallyVideo) last = NULL;
  GListModel *model;
  RallyTotals totals;

  rally_store_get_challenge_totals (store, rally_challenge_get_id (challenge), &totals);
  model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, totals.videos);

  /* Default: most views first. */
  first = first_video (view);
  {
    g_autoptr(GListModel) by_views = rally_store_list_videos (store, rally_challenge_get_id (challenge),
                                                              RALLY_VIDEO_SORT_VIEWS, 1);
    g_autoptr(RallyVideo) most_viewed = g_list_model_get_item (by_views, 0);

    g_assert_cmpint (rally_video_get_id (first), ==, rally_video_get_id (most_viewed));
  }
  g_clear_object (&first);

  /* A first click on Likes (ascending, as GTK asks) shows the most liked first. */
  gtk_column_view_sort_by_column (view, find_column (view, "Likes"), GTK_SORT_ASCENDING);
  wait_for_figures (tracking);
  first = first_video (view);
  g_assert_cmpint (rally_video_get_id (first), ==, rally_video_get_id (most_liked));
  g_assert_cmpint (rally_video_get_likes (first), ==, rally_video_get_likes (most_liked));
  g_clear_object (&first);

  /* A second click reverses it: the least liked first. */
  gtk_column_view_sort_by_column (view, find_column (view, "Likes"), GTK_SORT_ASCENDING);
  wait_for_figures (tracking);
  model = G_LIST_MODEL (gtk_column_view_get_model (view));
  first = first_video (view);
  last = g_list_model_get_item (model, g_list_model_get_n_items (model) - 1);
  g_assert_cmpint (rally_video_get_likes (first), <=, rally_video_get_likes (last));
  g_assert_cmpint (rally_video_get_likes (last), ==, rally_video_get_likes (most_liked));
  g_clear_object (&first);

  /* The narrow list's drop-down names the order, and choosing Views in it sorts by
   * views, most first, as the table does. */
  {
    GtkDropDown *order = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (tracking), RALLY_TYPE_CHALLENGE_TRACKING,
                                                                        "sort_dropdown"));
    GListModel *titles = gtk_drop_down_get_model (order);
    g_autoptr(GListModel) by_views = rally_store_list_videos (store, rally_challenge_get_id (challenge),
                                                              RALLY_VIDEO_SORT_VIEWS, 1);
    g_autoptr(RallyVideo) most_viewed = g_list_model_get_item (by_views, 0);

    g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (order)), ==, "Likes");
    for (guint i = 0; i < g_list_model_get_n_items (titles); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (titles), i), "Views") == 0)
        gtk_drop_down_set_selected (order, i);
    wait_for_figures (tracking);
    first = first_video (view);
    g_assert_cmpint (rally_video_get_id (first), ==, rally_video_get_id (most_viewed));
    g_clear_object (&first);
  }

  /* A newly synced video with the most likes comes first, and counts in the totals. */
  gtk_column_view_sort_by_column (view, find_column (view, "Likes"), GTK_SORT_DESCENDING);
  wait_for_figures (tracking);
  {
    g_autoptr(RallyVideo) video = rally_video_new ();
    g_autoptr(GError) error = NULL;
    RallyVideo *videos[] = { video };
    g_autofree char *count = rally_format_integer (totals.videos + 1);

    rally_video_set_tiktok_id (video, G_GINT64_CONSTANT (7000000000000000001));
    rally_video_set_creator (video, "newcomer");
    rally_video_set_posted_at (video, rally_challenge_get_end_date (challenge));
    rally_video_set_views (video, 10000000);
    rally_video_set_likes (video, rally_video_get_likes (most_liked) + 1);
    g_assert_true (rally_store_upsert_videos (store, rally_challenge_get_id (challenge), videos, 1, &error));
    g_assert_no_error (error);
    wait_for_figures (tracking);

    first = first_video (view);
    g_assert_cmpstr (rally_video_get_creator (first), ==, "newcomer");
    g_clear_object (&first);
    g_assert_cmpstr (rally_challenge_tracking_get_figure_text (tracking, RALLY_TRACKING_FIGURE_VIDEOS), ==, count);
  }

  /* Creators sort A to Z on the first click. */
  gtk_column_view_sort_by_column (view, find_column (view, "Creator"), GTK_SORT_ASCENDING);
  wait_for_figures (tracking);
  first = first_video (view);
  g_clear_object (&last);
  last = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), 1);
  g_assert_cmpint (g_ascii_strcasecmp (rally_video_get_creator (first), rally_video_get_creator (last)), <=, 0);
}

static RallySeries *
chart_series (RallyAnalyticsPage *page,
              guint               index)
{
  GPtrArray *series = rally_time_chart_get_series (rally_analytics_page_get_time_chart (page));

  g_assert_cmpuint (series->len, >, index);
  return g_ptr_array_index (series, index);
}

static double
last_value (RallySeries *series)
{
  guint n;
  const RallyPoint *points = rally_series_get_points (series, &n);

  g_assert_cmpuint (n, >, 0);
  return points[n - 1].v;
}

static double
sum_values (RallySeries *series)
{
  guint n;
  const RallyPoint *points = rally_series_get_points (series, &n);
  double sum = 0;

  for (guint i = 0; i < n; i++)
    sum += points[i].v;
  return sum;
}

/* Spins the main loop until @page shows the figures of its newest read, a read
 * asked for after its @n_loads-th. */
static void
wait_for_page (RallyAnalyticsPage *page,
               guint               n_loads)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while ((rally_analytics_page_get_n_loads (page) <= n_loads || !rally_analytics_page_is_loaded (page)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (rally_analytics_page_get_n_loads (page), >, n_loads);
  g_assert_true (rally_analytics_page_is_loaded (page));
  rally_test_iterate ();
}

static RallyAnalyticsPage *
new_page_with_two_challenges (void)
{
  RallyAnalyticsPage *page = g_object_ref_sink (g_object_new (RALLY_TYPE_ANALYTICS_PAGE, NULL));
  g_autoptr(RallyChallenge) red = find_challenge ("rednoseday");
  g_autoptr(RallyChallenge) dance = find_challenge ("DanceForChange");

  rally_analytics_page_set_store (page, store);
  wait_for_page (page, 0);
  /* Every challenge is a series until some are picked. */
  g_assert_cmpuint (rally_time_chart_get_series (rally_analytics_page_get_time_chart (page))->len, ==, 3);

  rally_analytics_page_select_challenge (page, rally_challenge_get_id (dance), TRUE);
  rally_analytics_page_select_challenge (page, rally_challenge_get_id (red), TRUE);
  return page;
}

static void
test_page_series (void)
{
  g_autoptr(RallyAnalyticsPage) page = new_page_with_two_challenges ();
  g_autoptr(RallyChallenge) red = find_challenge ("rednoseday");
  g_autoptr(RallySnapshot) latest = rally_store_get_latest_snapshot (store, rally_challenge_get_id (red));
  double views, likes, per_day_sum;

  g_assert_cmpuint (rally_time_chart_get_series (rally_analytics_page_get_time_chart (page))->len, ==, 2);
  g_assert_cmpuint (rally_bar_chart_get_n_items (rally_analytics_page_get_bar_chart (page)), ==, 2);
  g_assert_cmpstr (rally_series_get_name (chart_series (page, 1)), ==, "#rednoseday");
  /* Distinct colours, the campaign's for its first challenge. */
  g_assert_cmpstr (rally_series_get_color (chart_series (page, 1)), ==, "#e01b24");
  g_assert_cmpstr (rally_series_get_color (chart_series (page, 0)), !=, rally_series_get_color (chart_series (page, 1)));

  views = last_value (chart_series (page, 1));
  g_assert_cmpfloat (views, ==, (double) rally_snapshot_get_views (latest));

  rally_analytics_page_set_metric (page, RALLY_METRIC_LIKES);
  likes = last_value (chart_series (page, 1));
  g_assert_cmpfloat (likes, ==, (double) rally_snapshot_get_likes (latest));
  g_assert_cmpfloat (likes, !=, views);

  /* Per day, the days add up to the running total. */
  rally_analytics_page_set_cumulative (page, FALSE);
  per_day_sum = sum_values (chart_series (page, 1));
  g_assert_cmpfloat (per_day_sum, ==, likes);
  g_assert_cmpfloat (last_value (chart_series (page, 1)), <, likes);

  /* Engagement is a rate, in percent. */
  rally_analytics_page_set_metric (page, RALLY_METRIC_ENGAGEMENT);
  rally_analytics_page_set_cumulative (page, TRUE);
  g_assert_cmpint (rally_time_chart_get_value_format (rally_analytics_page_get_time_chart (page)), ==,
                   RALLY_CHART_VALUE_PERCENT);
  g_assert_cmpfloat (last_value (chart_series (page, 1)), <, 1.0);
  g_assert_cmpfloat (last_value (chart_series (page, 1)), >, 0.0);
}

static void
test_page_campaign_series (void)
{
  g_autoptr(RallyAnalyticsPage) page = g_object_ref_sink (g_object_new (RALLY_TYPE_ANALYTICS_PAGE, NULL));
  g_autoptr(RallyChallenge) red = find_challenge ("rednoseday");
  g_autoptr(RallySnapshot) latest = rally_store_get_latest_snapshot (store, rally_challenge_get_id (red));
  g_autoptr(RallyCampaign) campaign = rally_store_get_campaign (store, rally_challenge_get_campaign_id (red));

  rally_analytics_page_set_store (page, store);
  wait_for_page (page, 0);
  rally_analytics_page_select_campaign (page, rally_campaign_get_id (campaign), TRUE);
  g_assert_cmpuint (rally_time_chart_get_series (rally_analytics_page_get_time_chart (page))->len, ==, 1);
  g_assert_cmpstr (rally_series_get_name (chart_series (page, 0)), ==, rally_campaign_get_name (campaign));
  g_assert_cmpfloat (last_value (chart_series (page, 0)), ==, (double) rally_snapshot_get_views (latest));

  /* With its challenge too, each line has its own colour. */
  rally_analytics_page_select_challenge (page, rally_challenge_get_id (red), TRUE);
  g_assert_cmpuint (rally_time_chart_get_series (rally_analytics_page_get_time_chart (page))->len, ==, 2);
  g_assert_cmpstr (rally_series_get_color (chart_series (page, 0)), ==, rally_campaign_get_color (campaign));
  g_assert_cmpstr (rally_series_get_color (chart_series (page, 1)), !=, rally_campaign_get_color (campaign));

  /* The last 7 days of data. */
  rally_analytics_page_set_range (page, RALLY_ANALYTICS_RANGE_7_DAYS, 0, 0);
  g_assert_cmpuint (rally_bar_chart_get_n_items (rally_analytics_page_get_bar_chart (page)), ==, 2);
}

static void
test_page_csv (void)
{
  g_autoptr(RallyAnalyticsPage) page = new_page_with_two_challenges ();
  g_autofree char *path = tmp_path ("reach.csv");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n_points = rally_series_get_n_points (chart_series (page, 0)) + rally_series_get_n_points (chart_series (page, 1));
  g_autofree char *last_row = NULL;
  g_autofree char *last_date = NULL;
  guint n_lines;
  gint64 range_from, range_to;
  guint n;
  const RallyPoint *points;

  g_assert_true (rally_analytics_page_export_csv (page, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  lines = g_strsplit (g_strchomp (contents), "\n", -1);
  n_lines = g_strv_length (lines);
  g_assert_cmpuint (n_lines, ==, n_points + 1);
  g_assert_true (g_str_has_prefix (lines[0], "\"date\",\"series\",\"value\"") || g_str_has_prefix (lines[0], "date,series,value"));

  /* The rednoseday rows come back as the chart's numbers. */
  points = rally_series_get_points (chart_series (page, 1), &n);
  {
    g_autoptr(GDateTime) day = g_date_time_new_from_unix_utc (points[n - 1].t);

    last_date = g_date_time_format (day, "%Y-%m-%d");
  }
  last_row = g_strdup_printf ("\"%s\",\"#rednoseday\",\"%.0f\"", last_date, points[n - 1].v);
  g_assert_nonnull (g_strstr_len (contents, -1, last_row));

  /* Only the range shown: three days of rednoseday, the last three. */
  range_from = points[n - 3].t;
  range_to = points[n - 1].t;
  {
    g_autoptr(RallyChallenge) dance = find_challenge ("DanceForChange");

    rally_analytics_page_select_challenge (page, rally_challenge_get_id (dance), FALSE);
  }
  rally_analytics_page_set_range (page, RALLY_ANALYTICS_RANGE_CUSTOM, range_from, range_to);
  g_assert_true (rally_analytics_page_export_csv (page, path, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&lines, g_strfreev);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  lines = g_strsplit (g_strchomp (contents), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_nonnull (g_strstr_len (contents, -1, last_row));
}

static void
test_page_png (void)
{
  g_autoptr(RallyAnalyticsPage) page = new_page_with_two_challenges ();
  g_autofree char *path = tmp_path ("reach.png");
  g_autoptr(GError) error = NULL;
  cairo_surface_t *png;

  g_assert_true (rally_time_chart_export (rally_analytics_page_get_time_chart (page), path, RALLY_CHART_FORMAT_PNG,
                                          900, 420, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 900);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 420);
  cairo_surface_destroy (png);
}

static gboolean
page_csv (gpointer     user_data,
          const char  *path,
          GError     **error)
{
  return rally_analytics_page_export_csv (user_data, path, error);
}

static void
assert_file_starts_with (const char *path,
                         const char *prefix)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, prefix));
}

/* The exporter behind the page's Export menu writes each kind the menu offers. */
static void
test_chart_export (void)
{
  g_autoptr(RallyAnalyticsPage) page = new_page_with_two_challenges ();
  RallyTimeChart *chart = rally_analytics_page_get_time_chart (page);
  g_autoptr(RallyChartExport) export = rally_chart_export_new (GTK_WIDGET (page), chart, page_csv);
  g_autoptr(RallyChallenge) red = find_challenge ("rednoseday");
  g_autoptr(GListModel) campaigns = rally_store_list_campaigns (store);
  g_autoptr(GMenuModel) menu = rally_chart_export_menu_new (campaigns, "analytics");
  g_autoptr(GMenuModel) chart_items = NULL;
  g_autofree char *png = tmp_path ("export.png");
  g_autofree char *svg = tmp_path ("export.svg");
  g_autofree char *csv = tmp_path ("export.csv");
  g_autofree char *page_csv_path = tmp_path ("page.csv");
  g_autofree char *pdf = tmp_path ("export.pdf");
  g_autofree char *csv_text = NULL;
  g_autofree char *page_text = NULL;
  g_autofree char *action = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;

  rally_chart_export_set_store (export, store);

  g_assert_true (rally_chart_export_write (export, RALLY_CHART_EXPORT_PNG, 0, png, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 600);
  cairo_surface_destroy (image);

  g_assert_true (rally_chart_export_write (export, RALLY_CHART_EXPORT_SVG, 0, svg, &error));
  g_assert_no_error (error);
  assert_file_starts_with (svg, "<?xml");

  /* The data is the page's own CSV. */
  g_assert_true (rally_chart_export_write (export, RALLY_CHART_EXPORT_CSV, 0, csv, &error));
  g_assert_no_error (error);
  g_assert_true (rally_analytics_page_export_csv (page, page_csv_path, &error));
  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, NULL));
  g_assert_true (g_file_get_contents (page_csv_path, &page_text, NULL, NULL));
  g_assert_cmpstr (csv_text, ==, page_text);

  g_assert_true (rally_chart_export_write (export, RALLY_CHART_EXPORT_REPORT,
                                          rally_challenge_get_campaign_id (red), pdf, &error));
  g_assert_no_error (error);
  assert_file_starts_with (pdf, "%PDF");
  g_assert_false (rally_chart_export_write (export, RALLY_CHART_EXPORT_REPORT, 987654, pdf, &error));
  g_assert_nonnull (error);

  /* The menu: the chart's three formats, then a report per campaign. */
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  chart_items = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (chart_items), ==, 3);
  g_assert_true (g_menu_model_get_item_attribute (chart_items, 1, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "analytics.export-chart");
  target = g_menu_model_get_item_attribute_value (chart_items, 1, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "svg");
  {
    g_autoptr(GMenuModel) reports = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);

    g_assert_cmpint (g_menu_model_get_n_items (reports), ==, g_list_model_get_n_items (campaigns));
  }
}

static void
test_report_pdf (void)
{
  g_autoptr(RallyChallenge) red = find_challenge ("rednoseday");
  g_autoptr(RallyCampaign) campaign = rally_store_get_campaign (store, rally_challenge_get_campaign_id (red));
  g_autofree char *path = tmp_path ("Red Nose Day report.pdf");
  g_autofree char *missing = tmp_path ("missing.pdf");
  g_autofree char *text = NULL;
  g_autofree char *raised = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  RallyTotals totals;
  int status;

  g_assert_true (rally_report_write_campaign_pdf (store, rally_campaign_get_id (campaign), path, &error));
  g_assert_no_error (error);

  if (g_find_program_in_path ("pdftotext") == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  rally_store_get_challenge_totals (store, rally_challenge_get_id (red), &totals);
  raised = rally_format_money (rally_challenge_donations_for (red, totals.videos), "USD");
  g_assert_nonnull (strstr (text, "Red Nose Day 2020"));
  g_assert_nonnull (strstr (text, raised));
  g_assert_nonnull (strstr (text, "#rednoseday"));
  /* the reach chart draws the campaign's views goal as a labelled line */
  g_assert_nonnull (strstr (text, "Goal 15M"));

  /* An unknown campaign: a clear error and no file. */
  g_assert_false (rally_report_write_campaign_pdf (store, 987654, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_page_empty (void)
{
  g_autofree char *dir = tmp_path ("empty-workspace");
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) empty = rally_store_open (dir, &error);
  g_autoptr(RallyAnalyticsPage) page = g_object_ref_sink (g_object_new (RALLY_TYPE_ANALYTICS_PAGE, NULL));
  GtkWidget *stack;

  g_assert_no_error (error);
  rally_analytics_page_set_store (page, empty);
  wait_for_page (page, 0);
  stack = adw_bin_get_child (ADW_BIN (page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
}

/* Depth-first search below @root for a widget @match accepts. */
static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *widget, gconstpointer data),
             gconstpointer data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (match (child, data))
        return child;
      if ((found = find_widget (child, match, data)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
label_is (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
label_contains (GtkWidget     *widget,
                gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
is_account_card (GtkWidget     *widget,
                 gconstpointer  data)
{
  return RALLY_IS_ACCOUNT_CARD (widget);
}

static gboolean
has_long_tooltip (GtkWidget     *widget,
                  gconstpointer  data)
{
  const char *text = gtk_widget_get_tooltip_text (widget);

  return text != NULL && strlen (text) > GPOINTER_TO_SIZE (data);
}

/* A figure's provenance (formula and source) is long: its tooltip wraps at a
 * readable width instead of running ~1,100 pixels across the window. */
static void
test_tracking_tooltip_wraps (void)
{
  g_autoptr(RallyChallenge) challenge = find_challenge ("rednoseday");
  g_autoptr(RallyChallengeTracking) tracking = new_tracking (challenge);
  GtkWidget *tile = find_widget (GTK_WIDGET (tracking), has_long_tooltip, GSIZE_TO_POINTER (100));
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  g_autoptr(PangoLayout) one_line = NULL;
  gboolean shown = FALSE;
  GtkWidget *label;
  int natural, one_line_width;

  g_assert_nonnull (tile);
  g_signal_emit_by_name (tile, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  g_assert_true (shown);
  label = rally_tooltip_get_label (tile);
  g_assert_true (GTK_IS_LABEL (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, gtk_widget_get_tooltip_text (tile));

  one_line = gtk_widget_create_pango_layout (label, gtk_widget_get_tooltip_text (tile));
  pango_layout_get_pixel_size (one_line, &one_line_width, NULL);
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_test_message ("tooltip: %d px wrapped, %d px on one line", natural, one_line_width);
  g_assert_cmpint (natural, <, one_line_width);
  g_assert_cmpint (natural, <=, 520);
}

static gboolean
is_column_title_box (GtkWidget     *widget,
                     gconstpointer  data)
{
  GtkWidget *button = gtk_widget_get_parent (widget);

  return g_str_equal (gtk_widget_get_css_name (widget), "box")
         && g_str_equal (gtk_widget_get_css_name (button), "button")
         && g_str_equal (gtk_widget_get_css_name (gtk_widget_get_parent (button)), "header");
}

static double
srgb_luminance (double channel)
{
  return channel <= 0.03928 ? channel / 12.92 : pow ((channel + 0.055) / 1.055, 2.4);
}

/* The titles of Top Videos sort the table: in the light style they read at 4.5:1 or
 * more against the white view, not as disabled (libadwaita's #ADADAD, ~2.2:1). */
static void
test_tracking_header_contrast (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  g_autoptr(RallyChallenge) challenge = find_challenge ("rednoseday");
  g_autoptr(RallyChallengeTracking) tracking = new_tracking (challenge);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box;
  GdkRGBA color;
  double grey, contrast;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_css_provider_load_from_resource (provider, "/io/github/rallyapp/Rally/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (tracking));
  gtk_window_present (GTK_WINDOW (window));
  rally_test_iterate ();

  box = find_widget (GTK_WIDGET (rally_challenge_tracking_get_video_view (tracking)), is_column_title_box, NULL);
  g_assert_nonnull (box);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (box), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  /* dark text blended over white */
  grey = color.red * color.alpha + (1 - color.alpha);
  contrast = 1.05 / (srgb_luminance (grey) + 0.05);
  g_test_message ("column title: alpha %.2f, %.1f:1", color.alpha, contrast);
  g_assert_cmpfloat (contrast, >=, 4.5);

  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider));
  gtk_window_destroy (GTK_WINDOW (window));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  rally_test_iterate ();
}

/* Research API figures fetched within ten days of the end (or while the challenge
 * runs) are said to be still settling; later ones are not. */
static void
test_tracking_settling (void)
{
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autoptr(GError) save_error = NULL;
  gint64 end = 1717200000;
  const struct { gint64 fetched; gboolean settling; } cases[] = {
    { end + 3 * 86400, TRUE },
    { end + 30 * 86400, FALSE },
  };

  rally_challenge_set_hashtag (challenge, "SettlingFigures");
  rally_challenge_set_start_date (challenge, end - 20 * 86400);
  rally_challenge_set_end_date (challenge, end);
  rally_challenge_set_status (challenge, RALLY_CHALLENGE_STATUS_SCHEDULED);
  rally_challenge_set_audience (challenge, RALLY_AUDIENCE_18_PLUS);
  g_assert_true (rally_store_save_challenge (store, challenge, &save_error));
  g_assert_no_error (save_error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RallySnapshot) snapshot = rally_snapshot_new ();
      g_autoptr(RallyChallengeTracking) tracking = NULL;
      g_autoptr(GError) error = NULL;

      rally_snapshot_set_challenge_id (snapshot, rally_challenge_get_id (challenge));
      rally_snapshot_set_taken_at (snapshot, cases[i].fetched);
      rally_snapshot_set_fetched_at (snapshot, cases[i].fetched);
      rally_snapshot_set_source (snapshot, RALLY_SOURCE_RESEARCH_API);
      rally_snapshot_set_videos (snapshot, 22000);
      g_assert_true (rally_store_add_snapshot (store, snapshot, &error));
      g_assert_no_error (error);

      tracking = new_tracking (challenge);
      g_assert_cmpint (find_widget (GTK_WIDGET (tracking), label_contains, "still settling") != NULL, ==, cases[i].settling);
    }
  /* the other tests count the sample's challenges */
  g_assert_true (rally_store_delete_challenge (store, rally_challenge_get_id (challenge), &save_error));
}

/* The charity's own account appears on the Analytics page once synced, even in a
 * workspace without challenges, and follows the store. */
static void
test_page_account (void)
{
  g_autofree char *dir = tmp_path ("account-workspace");
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) workspace = rally_store_open (dir, &error);
  g_autoptr(RallyAnalyticsPage) page = g_object_ref_sink (g_object_new (RALLY_TYPE_ANALYTICS_PAGE, NULL));
  g_autoptr(GPtrArray) videos = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_fetched_video_free);
  RallyAccount user = { .open_id = (char *) "open-1", .username = (char *) "harbourlights_charity",
                        .display_name = (char *) "Harbour Lights", .followers = 25310, .following = -1,
                        .likes = 412998, .videos = 2 };
  GtkWidget *stack;
  GtkWidget *card;

  g_assert_no_error (error);
  rally_analytics_page_set_store (page, workspace);
  wait_for_page (page, 0);
  stack = adw_bin_get_child (ADW_BIN (page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");

  for (guint i = 0; i < 2; i++)
    {
      RallyFetchedVideo *video = rally_fetched_video_new (G_GINT64_CONSTANT (7375510000000000001) + i);

      video->create_time = 1717243200 - i * 3600;
      video->title = g_strdup (i == 0 ? "Day 1 of #walkforwater" : "Why we walk");
      video->views = i == 0 ? 48211 : 1200;
      g_ptr_array_add (videos, video);
    }
  g_assert_true (rally_store_save_account (workspace, &user, 1717250000, &error));
  g_assert_true (rally_store_save_account_page (workspace, "open-1", videos, NULL, 0, TRUE, &error));
  g_assert_no_error (error);
  wait_for_page (page, 1);

  card = find_widget (GTK_WIDGET (page), is_account_card, NULL);
  g_assert_nonnull (card);
  g_assert_true (rally_account_card_get_has_account (RALLY_ACCOUNT_CARD (card)));
  g_assert_true (gtk_widget_get_visible (card));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "charts");
  /* no challenge: nothing to chart, the account alone is shown */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (rally_analytics_page_get_time_chart (page))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (rally_analytics_page_get_bar_chart (page))));
  g_assert_nonnull (find_widget (card, label_is, "25K"));
  g_assert_nonnull (find_widget (card, label_is, "413K"));
  /* 48,211 + 1,200 views of the synced videos */
  g_assert_nonnull (find_widget (card, label_is, "49K"));
  g_assert_nonnull (find_widget (GTK_WIDGET (page), label_is, "48,211 views"));
}

/* GTK 4.8 cannot read an accessible label back: a card figure's tooltip starts with
 * the same "caption: value" line. */
static gboolean
figure_is (GtkWidget     *widget,
           gconstpointer  text)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  return tooltip != NULL && g_str_has_prefix (tooltip, text) && tooltip[strlen (text)] == '\n';
}

/* A TikTok Studio overview imported through the preview dialog, in a workspace with
 * no challenge and no Display API account: Analytics charts the account's own series
 * and its card sums the views at once. */
static void
test_page_studio_account (void)
{
  g_autofree char *dir = tmp_path ("studio-workspace");
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", "overview-studio-export.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) workspace = rally_store_open (dir, &error);
  g_autoptr(RallyAnalyticsPage) page = g_object_ref_sink (g_object_new (RALLY_TYPE_ANALYTICS_PAGE, NULL));
  g_autofree char *data = NULL;
  g_autofree char *abbrev = rally_format_abbrev (26780);
  gsize length = 0;
  GtkWidget *dialog;
  GtkWidget *stack;
  GtkWidget *card;
  RallySeries *account;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  rally_analytics_page_set_store (page, workspace);
  wait_for_page (page, 0);
  stack = adw_bin_get_child (ADW_BIN (page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");

  dialog = GTK_WIDGET (rally_import_dialog_new (NULL, workspace, "Overview.csv",
                                                rally_studio_csv_parse ((const guint8 *) data, length, 2024, &error)));
  g_assert_no_error (error);
  g_object_ref_sink (dialog);
  g_assert_true (gtk_widget_activate_action (dialog, "import.confirm", NULL));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  wait_for_page (page, 1);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "charts");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (rally_analytics_page_get_time_chart (page))));
  account = chart_series (page, 0);
  g_assert_cmpstr (rally_series_get_name (account), ==, "Your account");
  g_assert_cmpfloat (last_value (account), ==, 26780);  /* "1,234" + "2,480" + … */
  /* the chart says its figures are TikTok Studio's, not snapshots Rally took */
  {
    g_autofree char *today = rally_format_date (g_get_real_time () / G_USEC_PER_SEC);
    g_autofree char *basis = g_strdup_printf ("From your TikTok Studio exports, day by day as TikTok reported them;"
                                              " imported %s.", today);
    g_autofree char *description = rally_time_chart_dup_description (rally_analytics_page_get_time_chart (page));

    g_assert_true (g_str_has_suffix (description, basis));
  }

  rally_analytics_page_set_cumulative (page, FALSE);
  g_assert_cmpfloat (sum_values (chart_series (page, 0)), ==, 26780);
  /* the overview counts no videos: no line of zeros for them */
  rally_analytics_page_set_metric (page, RALLY_METRIC_VIDEOS);
  g_assert_cmpuint (rally_time_chart_get_series (rally_analytics_page_get_time_chart (page))->len, ==, 0);
  rally_analytics_page_set_metric (page, RALLY_METRIC_VIEWS);

  card = find_widget (GTK_WIDGET (page), is_account_card, NULL);
  g_assert_true (gtk_widget_get_visible (card));
  g_assert_nonnull (find_widget (card, label_is, abbrev));
  g_assert_nonnull (find_widget (card, figure_is, "Views: 26,780"));
  g_assert_nonnull (find_widget (card, figure_is, "Profile views: 731"));
  g_assert_nonnull (find_widget (card, figure_is, "Followers: 1,740"));
  g_assert_nonnull (find_widget (card, label_contains, "(7 days)"));

  /* Videos kept as the account's own, with no account ever synced, are listed too. */
  {
    g_autofree char *content_path = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", "content-hashtags.csv", NULL);
    g_autofree char *content_data = NULL;
    g_autoptr(RallyStudioCsvResult) content = NULL;

    g_assert_true (g_file_get_contents (content_path, &content_data, &length, NULL));
    content = rally_studio_csv_parse ((const guint8 *) content_data, length, 2024, &error);
    g_assert_true (rally_import_studio_csv (workspace, content, 0, 0, RALLY_IMPORT_OWN_VIDEOS, NULL, &error));
    g_assert_no_error (error);
    wait_for_page (page, rally_analytics_page_get_n_loads (page));
    g_assert_nonnull (find_widget (card, label_is, "48,211 views"));
    g_assert_nonnull (find_widget (card, figure_is, "Views: 26,780"));
  }
}

/* Reach history by posting day, and honest forecasts, after a first sync. */

#define MARCH_1_2024 G_GINT64_CONSTANT (1709251200)
#define MAY_14_2024  (MARCH_1_2024 + 74 * 86400)

static gboolean
is_time_chart (GtkWidget     *widget,
               gconstpointer  data)
{
  return RALLY_IS_TIME_CHART (widget);
}

static RallyStore *
open_workspace (const char *name)
{
  g_autofree char *dir = tmp_path (name);
  g_autoptr(GError) error = NULL;
  RallyStore *workspace = rally_store_open (dir, &error);

  g_assert_no_error (error);
  return workspace;
}

#define HAND_DAY G_GINT64_CONSTANT (1772323200) /* 1 Mar 2026 */

/* A challenge of £2.50 a video capped at £10, a views goal, three videos on its
 * first day and two on its third, a promoted week and a one-day event. */
static gint64
hand_built_challenge (RallyStore *workspace)
{
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autoptr(GPtrArray) videos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RallyEvent) week = rally_event_new ();
  g_autoptr(RallyEvent) launch = rally_event_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  rally_challenge_set_hashtag (challenge, "handbuilt");
  rally_challenge_set_pledge_per_video (challenge, 250);
  rally_challenge_set_pledge_cap (challenge, 1000);
  rally_challenge_set_currency (challenge, "GBP");
  rally_challenge_set_goal_views (challenge, 60000000);
  g_assert_true (rally_store_save_challenge (workspace, challenge, &error));
  g_assert_no_error (error);
  id = rally_challenge_get_id (challenge);

  for (guint i = 0; i < 5; i++)
    {
      RallyVideo *video = rally_video_new ();

      rally_video_set_tiktok_id (video, 7300000000000000000 + i);
      rally_video_set_creator (video, "someone");
      rally_video_set_posted_at (video, HAND_DAY + (i < 3 ? 3600 : 2 * 86400 + 3600) + i);
      rally_video_set_views (video, 1000 * (i + 1));
      g_ptr_array_add (videos, video);
    }
  g_assert_true (rally_store_upsert_videos (workspace, id, (RallyVideo **) videos->pdata, videos->len, &error));
  g_assert_no_error (error);

  rally_event_set_challenge_id (week, id);
  rally_event_set_kind (week, RALLY_EVENT_KIND_PROMOTED_HASHTAG);
  rally_event_set_title (week, "Joke-Ha-Thon");
  rally_event_set_first_day (week, HAND_DAY);
  rally_event_set_last_day (week, HAND_DAY + 2 * 86400);
  g_assert_true (rally_store_save_event (workspace, week, &error));
  g_assert_no_error (error);
  rally_event_set_challenge_id (launch, id);
  rally_event_set_kind (launch, RALLY_EVENT_KIND_AR_EFFECT_RELEASED);
  rally_event_set_title (launch, "Red nose AR filter");
  rally_event_set_first_day (launch, HAND_DAY + 86400);
  rally_event_set_last_day (launch, HAND_DAY + 86400);
  g_assert_true (rally_store_save_event (workspace, launch, &error));
  g_assert_no_error (error);
  return id;
}

static gboolean
metric_list_has (RallyAnalyticsPage *page,
                 const char         *name)
{
  GtkWidget *drop_down = find_widget (GTK_WIDGET (page), is_drop_down, NULL);
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), name) == 0)
      return TRUE;
  return FALSE;
}

/* The tracking chart draws the challenge's views goal, and its events once read. */
static void
test_tracking_goal_and_events (void)
{
  g_autoptr(RallyStore) workspace = open_workspace ("tracking-marks-workspace");
  gint64 id = hand_built_challenge (workspace);
  g_autoptr(RallyChallenge) challenge = rally_store_get_challenge (workspace, id);
  g_autoptr(RallyFiguresReader) reader = rally_figures_reader_new (workspace);
  RallyChallengeTracking *tracking = g_object_ref_sink (RALLY_CHALLENGE_TRACKING (rally_challenge_tracking_new ()));
  g_autofree char *description = NULL;
  GtkWidget *chart;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  rally_challenge_tracking_set_reader (tracking, reader);
  rally_challenge_tracking_set_challenge (tracking, challenge);
  wait_for_figures (tracking);
  chart = find_widget (GTK_WIDGET (tracking), is_time_chart, NULL);
  g_assert_nonnull (chart);
  do
    {
      g_clear_pointer (&description, g_free);
      g_main_context_iteration (NULL, FALSE);
      description = rally_time_chart_dup_description (RALLY_TIME_CHART (chart));
    }
  while (strstr (description, "Joke-Ha-Thon") == NULL && g_get_monotonic_time () < deadline);
  g_assert_nonnull (strstr (description, "Goals: Goal 60M."));
  g_assert_nonnull (strstr (description, "Events: Joke-Ha-Thon 1 Mar – 3 Mar 2026; Red nose AR filter 2 Mar 2026."));
  g_object_unref (tracking);
}

static void
test_page_donations (void)
{
  g_autoptr(RallyStore) workspace = open_workspace ("donations-workspace");
  g_autoptr(RallyAnalyticsPage) page = g_object_ref_sink (g_object_new (RALLY_TYPE_ANALYTICS_PAGE, NULL));
  RallyTimeChart *chart = rally_analytics_page_get_time_chart (page);
  gint64 id = hand_built_challenge (workspace);
  g_autofree char *description = NULL;
  const RallyPoint *points;
  guint n;

  rally_analytics_page_set_store (page, workspace);
  wait_for_page (page, 0);
  rally_analytics_page_select_challenge (page, id, TRUE);
  g_assert_true (metric_list_has (page, "Donations"));

  /* Views, running total: the views goal as a goal line, the events named */
  rally_analytics_page_set_cumulative (page, TRUE);
  rally_analytics_page_set_metric (page, RALLY_METRIC_VIEWS);
  description = rally_time_chart_dup_description (chart);
  g_assert_nonnull (strstr (description, "Goals: Goal 60M."));
  g_assert_nonnull (strstr (description, "Events: Joke-Ha-Thon 1 Mar – 3 Mar 2026; Red nose AR filter 2 Mar 2026."));

  /* Donations so far: £7.50 on the first day (3 × £2.50), then the £10 cap */
  rally_analytics_page_set_metric (page, RALLY_METRIC_DONATIONS);
  g_assert_cmpuint (rally_time_chart_get_series (chart)->len, ==, 1);
  points = rally_series_get_points (chart_series (page, 0), &n);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpint (points[0].t, ==, HAND_DAY);
  g_assert_cmpfloat (points[0].v, ==, 7.5);
  g_assert_cmpfloat (points[n - 1].v, ==, 10.0);
  g_clear_pointer (&description, g_free);
  description = rally_time_chart_dup_description (chart);
  g_assert_nonnull (strstr (description, "Goals: Goal £10."));
  g_assert_cmpuint (rally_bar_chart_get_n_items (rally_analytics_page_get_bar_chart (page)), ==, 1);

  /* per day: what each day added */
  rally_analytics_page_set_cumulative (page, FALSE);
  g_assert_cmpfloat (sum_values (chart_series (page, 0)), ==, 10.0);
  g_assert_cmpfloat (rally_series_get_points (chart_series (page, 0), NULL)[0].v, ==, 7.5);

  /* reach and money together: the money on a right-hand axis named with its currency */
  rally_analytics_page_set_cumulative (page, TRUE);
  rally_analytics_page_set_metric (page, RALLY_ANALYTICS_VIEWS_AND_DONATIONS);
  g_assert_cmpuint (rally_time_chart_get_series (chart)->len, ==, 2);
  g_assert_cmpstr (rally_series_get_name (chart_series (page, 1)), ==, "#handbuilt donations");
  g_clear_pointer (&description, g_free);
  description = rally_time_chart_dup_description (chart);
  g_assert_nonnull (strstr (description, "Right axis: Donations (GBP)."));
  g_assert_nonnull (strstr (description, "Goals: Goal 60M; Goal £10."));
}

static RallyChallenge *
add_challenge (RallyStore *workspace,
               const char *hashtag,
               gint64      start,
               gint64      end,
               gint64      goal_videos,
               gint64      goal_views)
{
  RallyChallenge *challenge = rally_challenge_new ();
  g_autoptr(GError) error = NULL;

  rally_challenge_set_hashtag (challenge, hashtag);
  rally_challenge_set_start_date (challenge, start);
  rally_challenge_set_end_date (challenge, end);
  rally_challenge_set_goal_videos (challenge, goal_videos);
  rally_challenge_set_goal_views (challenge, goal_views);
  rally_challenge_set_status (challenge, RALLY_CHALLENGE_STATUS_SCHEDULED);
  rally_challenge_set_audience (challenge, RALLY_AUDIENCE_18_PLUS);
  g_assert_true (rally_store_save_challenge (workspace, challenge, &error));
  g_assert_no_error (error);
  return challenge;
}

/* One video a day for @n days from @first, 1,000 views each. */
static void
add_daily_videos (RallyStore     *workspace,
                  RallyChallenge *challenge,
                  gint64          first,
                  guint           n)
{
  g_autoptr(GPtrArray) videos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      RallyVideo *video = rally_video_new ();

      rally_video_set_tiktok_id (video, G_GINT64_CONSTANT (7300000000000000000) + i);
      rally_video_set_creator (video, "walker");
      rally_video_set_posted_at (video, first + i * 86400);
      rally_video_set_views (video, 1000);
      rally_video_set_likes (video, 100);
      g_ptr_array_add (videos, video);
    }
  g_assert_true (rally_store_upsert_videos (workspace, rally_challenge_get_id (challenge),
                                            (RallyVideo **) videos->pdata, videos->len, &error));
  g_assert_no_error (error);
}

/* What a first sync writes: two snapshots of the totals, seconds apart. */
static void
add_first_sync (RallyStore     *workspace,
                RallyChallenge *challenge,
                gint64          views)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(RallySnapshot) snapshot = rally_snapshot_new ();
      g_autoptr(GError) error = NULL;
      RallyTotals totals;

      rally_store_get_challenge_totals (workspace, rally_challenge_get_id (challenge), &totals);
      rally_snapshot_set_challenge_id (snapshot, rally_challenge_get_id (challenge));
      rally_snapshot_set_taken_at (snapshot, now - 10 + i * 5);
      rally_snapshot_set_fetched_at (snapshot, now - 10 + i * 5);
      rally_snapshot_set_source (snapshot, RALLY_SOURCE_RESEARCH_API);
      rally_snapshot_set_videos (snapshot, totals.videos);
      rally_snapshot_set_views (snapshot, totals.views > 0 ? totals.views : views);
      g_assert_true (rally_store_add_snapshot (workspace, snapshot, &error));
      g_assert_no_error (error);
    }
}

static RallyChallengeTracking *
track_in (RallyStore     *workspace,
          RallyChallenge *challenge)
{
  RallyChallengeTracking *tracking = g_object_ref_sink (RALLY_CHALLENGE_TRACKING (rally_challenge_tracking_new ()));

  g_object_set (tracking, "store", workspace, "challenge", challenge, NULL);
  wait_for_figures (tracking);
  return tracking;
}

/* The chart's accessible description starts on the first posting day, ends on the
 * last, and names the posting-day basis; the same words are shown under the chart. */
static void
assert_posting_day_chart (GtkWidget *root,
                          guint      n_days)
{
  GtkWidget *chart = find_widget (root, is_time_chart, NULL);
  g_autofree char *description = NULL;
  g_autofree char *first = rally_format_date (MARCH_1_2024);
  g_autofree char *last = rally_format_date (MAY_14_2024);
  g_autofree char *today = rally_format_date (g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *range = g_strdup_printf ("Chart from %s to %s.", first, last);
  g_autofree char *basis = g_strdup_printf ("By posting day, counts as of %s.", today);
  GPtrArray *series;

  g_assert_nonnull (chart);
  description = rally_time_chart_dup_description (RALLY_TIME_CHART (chart));
  g_test_message ("description: %s", description);
  g_assert_true (g_str_has_prefix (description, range));
  g_assert_true (g_str_has_suffix (description, basis));
  series = rally_time_chart_get_series (RALLY_TIME_CHART (chart));
  g_assert_cmpuint (series->len, ==, 1);
  g_assert_cmpuint (rally_series_get_n_points (g_ptr_array_index (series, 0)), ==, n_days);
  g_assert_nonnull (find_widget (root, label_is, basis));
}

/* A campaign sums its challenges' histories: one by posting day, one from snapshots
 * on three days of September 2024. */
static void
assert_campaign_sum (RallyAnalyticsPage *page,
                     RallyStore         *workspace,
                     RallyChallenge     *spring)
{
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
  g_autoptr(RallyChallenge) autumn = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *first = rally_format_date (MARCH_1_2024);
  g_autofree char *today = rally_format_date (g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *basis = g_strdup_printf ("Partly by posting day, counts as of %s; partly from snapshots.", today);
  g_autofree char *range = g_strdup_printf ("Chart from %s to ", first);
  const gint64 september_1 = MARCH_1_2024 + 184 * 86400;
  guint n_loads = rally_analytics_page_get_n_loads (page);

  rally_campaign_set_name (campaign, "Walks for Water");
  g_assert_true (rally_store_save_campaign (workspace, campaign, &error));
  g_assert_no_error (error);
  rally_challenge_set_campaign_id (spring, rally_campaign_get_id (campaign));
  g_assert_true (rally_store_save_challenge (workspace, spring, &error));
  g_assert_no_error (error);
  autumn = add_challenge (workspace, "AutumnWalk", september_1, september_1 + 30 * 86400, 0, 0);
  rally_challenge_set_campaign_id (autumn, rally_campaign_get_id (campaign));
  g_assert_true (rally_store_save_challenge (workspace, autumn, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RallySnapshot) snapshot = rally_snapshot_new ();

      rally_snapshot_set_challenge_id (snapshot, rally_challenge_get_id (autumn));
      rally_snapshot_set_taken_at (snapshot, september_1 + i * 86400 + 3600);
      rally_snapshot_set_source (snapshot, RALLY_SOURCE_TYPED);
      rally_snapshot_set_views (snapshot, 10000 * (i + 1));
      g_assert_true (rally_store_add_snapshot (workspace, snapshot, &error));
      g_assert_no_error (error);
    }

  rally_analytics_page_select_challenge (page, rally_challenge_get_id (spring), FALSE);
  rally_analytics_page_select_challenge (page, rally_challenge_get_id (autumn), FALSE);
  rally_analytics_page_select_campaign (page, rally_campaign_get_id (campaign), TRUE);
  wait_for_page (page, n_loads);
  g_assert_cmpuint (rally_time_chart_get_series (rally_analytics_page_get_time_chart (page))->len, ==, 1);
  description = rally_time_chart_dup_description (rally_analytics_page_get_time_chart (page));
  g_test_message ("campaign: %s", description);
  g_assert_true (g_str_has_prefix (description, range));
  g_assert_true (g_str_has_suffix (description, basis));
  /* 75,000 views by posting day, then the autumn's 30,000 on top */
  g_assert_cmpfloat (last_value (chart_series (page, 0)), ==, 75000 + 30000);
  g_assert_nonnull (find_widget (GTK_WIDGET (page), label_is, basis));
}

static void
test_tracking_posting_days (void)
{
  g_autoptr(RallyStore) workspace = open_workspace ("posting-days");
  g_autoptr(RallyChallenge) spring = add_challenge (workspace, "SpringWalk", MARCH_1_2024, MAY_14_2024, 800, 30000);
  g_autoptr(RallyChallengeTracking) tracking = NULL;
  g_autoptr(RallyAnalyticsPage) page = g_object_ref_sink (g_object_new (RALLY_TYPE_ANALYTICS_PAGE, NULL));
  g_autofree char *crossed = rally_format_date (MARCH_1_2024 + 29 * 86400);
  g_autofree char *reached = g_strdup_printf ("Reached on %s", crossed);

  add_daily_videos (workspace, spring, MARCH_1_2024 + 3600, 75);
  add_first_sync (workspace, spring, 0);

  tracking = track_in (workspace, spring);
  assert_posting_day_chart (GTK_WIDGET (tracking), 75);
  /* 30,000 views: the 30th posting day, 30 March 2024, not the day of the sync */
  g_assert_nonnull (find_widget (GTK_WIDGET (tracking), label_is, reached));

  /* The videos goal: the challenge ended in 2024 with 75 videos and nothing has been
   * posted since, so the posting pace of May 2024 is not today's pace. */
  g_assert_nonnull (find_widget (GTK_WIDGET (tracking), label_is, "Not reached at the current pace"));

  rally_analytics_page_set_store (page, workspace);
  wait_for_page (page, 0);
  assert_posting_day_chart (GTK_WIDGET (page), 75);

  assert_campaign_sum (page, workspace, spring);
}

/* Right after a first sync, the posting pace decides; without videos, two
 * snapshots seconds apart are not enough history for any verdict. */
static void
test_tracking_first_sync_forecast (void)
{
  g_autoptr(RallyStore) workspace = open_workspace ("first-sync-forecast");
  gint64 today = rally_day_start (g_get_real_time () / G_USEC_PER_SEC);
  g_autoptr(RallyChallenge) live = add_challenge (workspace, "LiveWalk", today - 19 * 86400, today + 40 * 86400,
                                                  40, 0);
  g_autoptr(RallyChallenge) bare = add_challenge (workspace, "OnlySynced", today - 5 * 86400, today + 40 * 86400,
                                                  0, 1000000);
  g_autoptr(RallyChallengeTracking) tracking = NULL;
  g_autofree char *expected_day = rally_format_date (today + 20 * 86400);
  g_autofree char *expected = g_strdup_printf ("Expected around %s at the current pace", expected_day);

  add_daily_videos (workspace, live, today - 19 * 86400, 20);
  add_first_sync (workspace, live, 0);
  add_first_sync (workspace, bare, 5000);

  /* 20 videos in 20 days, one a day: 40 in 20 days more */
  tracking = track_in (workspace, live);
  g_assert_null (find_widget (GTK_WIDGET (tracking), label_is, "Not reached at the current pace"));
  g_assert_nonnull (find_widget (GTK_WIDGET (tracking), label_is, expected));

  rally_challenge_tracking_set_challenge (tracking, bare);
  wait_for_figures (tracking);
  g_assert_null (find_widget (GTK_WIDGET (tracking), label_is, "Not reached at the current pace"));
  g_assert_nonnull (find_widget (GTK_WIDGET (tracking), label_is, "Not enough history yet"));
}

/* The first sync against the emulator of a challenge whose 500 videos span 75 days
 * charts those 75 days: the description starts on the first posting day. */
static void
test_tracking_first_sync (void)
{
  g_autoptr(RallyStore) workspace = open_workspace ("first-sync");
  g_autoptr(RallyChallenge) spring = add_challenge (workspace, "SpringWalk", MARCH_1_2024, MAY_14_2024, 0, 0);
  g_autoptr(RallyEmulator) emu = rally_emulator_new ();
  g_autoptr(RallySyncClient) client = NULL;
  g_autoptr(RallySyncEngine) engine = NULL;
  g_autoptr(RallyChallengeTracking) tracking = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  rally_emulator_add_hashtag (emu, "SpringWalk", 500, MARCH_1_2024, MAY_14_2024 + 86400 - 1);
  g_assert_true (rally_emulator_start (emu, &error));
  g_assert_no_error (error);
  client = rally_sync_client_new (rally_emulator_get_url (emu), rally_emulator_get_url (emu), &error);
  g_assert_no_error (error);
  rally_sync_client_set_credentials (client, "rally-test-key", "rally-test-secret");
  engine = rally_sync_engine_new (workspace, client);
  rally_sync_engine_run_async (engine, NULL, NULL, rally_test_store_result_cb, &result);
  g_assert_true (rally_sync_engine_run_finish (engine, rally_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rally_sync_engine_get_n_videos (engine), ==, 500);

  tracking = track_in (workspace, spring);
  assert_posting_day_chart (GTK_WIDGET (tracking), 75);
}

/* The page fits a 360 px phone-sized window. */
/* A burst of the store's changes, as a sync writes them between main loop turns,
 * makes one read of the page's figures per reload of the reader, not one per change. */
static void
test_page_reloads_once_per_burst (void)
{
  g_autoptr(RallyStore) workspace = open_workspace ("burst");
  g_autoptr(RallyChallenge) walk = add_challenge (workspace, "BurstWalk", MARCH_1_2024, MAY_14_2024, 0, 0);
  g_autoptr(RallyFiguresReader) reader = rally_figures_reader_new (workspace);
  g_autoptr(RallyAnalyticsPage) page = g_object_ref_sink (g_object_new (RALLY_TYPE_ANALYTICS_PAGE, NULL));
  const guint n_changes = 20;
  guint loads, reloads;
  gint64 quiet;

  rally_analytics_page_set_reader (page, reader);
  wait_for_page (page, 0);
  loads = rally_analytics_page_get_n_loads (page);
  reloads = rally_figures_reader_get_n_reloads (reader);

  for (guint i = 0; i < n_changes; i++)
    {
      g_autoptr(RallySnapshot) snapshot = rally_snapshot_new ();
      g_autoptr(GError) error = NULL;

      rally_snapshot_set_challenge_id (snapshot, rally_challenge_get_id (walk));
      rally_snapshot_set_taken_at (snapshot, MARCH_1_2024 + i * 86400 + 3600);
      rally_snapshot_set_source (snapshot, RALLY_SOURCE_TYPED);
      rally_snapshot_set_views (snapshot, 100 * (i + 1));
      g_assert_true (rally_store_add_snapshot (workspace, snapshot, &error));
      g_assert_no_error (error);
      rally_test_iterate ();
    }
  wait_for_page (page, loads);
  /* and a while longer, for any read still to come */
  quiet = g_get_monotonic_time () + G_USEC_PER_SEC / 4;
  while (g_get_monotonic_time () < quiet)
    {
      rally_test_iterate ();
      g_usleep (1000);
    }
  wait_for_page (page, loads);

  g_test_message ("%u changes: %u reloads of the reader, %u reads of the page", n_changes,
                  rally_figures_reader_get_n_reloads (reader) - reloads, rally_analytics_page_get_n_loads (page) - loads);
  g_assert_cmpuint (rally_figures_reader_get_n_reloads (reader) - reloads, <, n_changes / 2);
  g_assert_cmpuint (rally_analytics_page_get_n_loads (page) - loads, ==, rally_figures_reader_get_n_reloads (reader) - reloads);
  g_assert_cmpfloat (last_value (chart_series (page, 0)), ==, 100 * n_changes);
}

static void
test_page_narrow (void)
{
  g_autoptr(RallyAnalyticsPage) page = g_object_ref_sink (g_object_new (RALLY_TYPE_ANALYTICS_PAGE, NULL));
  int min = 0, nat = 0;

  rally_analytics_page_set_store (page, store);
  wait_for_page (page, 0);
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, <=, 360);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = rally_test_isolate_user_dirs ();
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (!rally_test_init_gtk ())
    {
      g_test_skip ("No display");
      return 77;
    }
  adw_init ();

  tmp_dir = g_build_filename (tmp, "analytics", NULL);
  g_mkdir_with_parents (tmp_dir, 0700);
  {
    g_autofree char *data_dir = g_build_filename (tmp, "sample", NULL);

    store = rally_store_open (data_dir, &error);
    g_assert_no_error (error);
    g_assert_true (rally_sample_create (store, 1, &error));
    g_assert_no_error (error);
  }

  g_test_add_func ("/analytics/tracking/totals", test_tracking_totals);
  g_test_add_func ("/analytics/tracking/tooltip-wraps", test_tracking_tooltip_wraps);
  g_test_add_func ("/analytics/tracking/header-contrast", test_tracking_header_contrast);
  g_test_add_func ("/analytics/tracking/median-engagement", test_median_engagement);
  g_test_add_func ("/analytics/tracking/donations", test_tracking_donations);
  g_test_add_func ("/analytics/tracking/sort", test_tracking_sort);
  g_test_add_func ("/analytics/page/series", test_page_series);
  g_test_add_func ("/analytics/page/campaign-series", test_page_campaign_series);
  g_test_add_func ("/analytics/page/csv", test_page_csv);
  g_test_add_func ("/analytics/page/png", test_page_png);
  g_test_add_func ("/analytics/page/chart-export", test_chart_export);
  g_test_add_func ("/analytics/page/empty", test_page_empty);
  g_test_add_func ("/analytics/page/donations", test_page_donations);
  g_test_add_func ("/analytics/tracking/goal-and-events", test_tracking_goal_and_events);
  g_test_add_func ("/analytics/page/account", test_page_account);
  g_test_add_func ("/analytics/page/studio-account", test_page_studio_account);
  g_test_add_func ("/analytics/tracking/settling", test_tracking_settling);
  g_test_add_func ("/analytics/page/narrow", test_page_narrow);
  g_test_add_func ("/analytics/page/reloads-once-per-burst", test_page_reloads_once_per_burst);
  g_test_add_func ("/analytics/tracking/posting-days", test_tracking_posting_days);
  g_test_add_func ("/analytics/tracking/first-sync-forecast", test_tracking_first_sync_forecast);
  g_test_add_func ("/analytics/tracking/first-sync", test_tracking_first_sync);
  g_test_add_func ("/analytics/report/pdf", test_report_pdf);

  ret = g_test_run ();
  g_clear_object (&store);
  rally_test_remove_tree (tmp);
  g_free (tmp_dir);

  return ret;
}
