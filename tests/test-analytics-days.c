/* test-analytics-days.c
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

/* The analytics page on a hand-built workspace, with real widgets: challenges of
 * different years aligned by days since launch, where each figure of the hover
 * comes from, and the overview of the range against the period before it. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rally-analytics-page.h"
#include "rally-format.h"
#include "rally-store.h"
#include "rally-test-ui.h"
#include "rally-test-util.h"
#include "rally-time-chart.h"

#define DAY        ((gint64) 86400)
#define LAUNCH2019 ((gint64) 1551398400)  /* 1 Mar 2019 */
#define LAUNCH2020 ((gint64) 1588291200)  /* 1 May 2020 */

static RallyStore *store;
static gint64 walk2019, walk2020;

static gint64
save_challenge (const char         *hashtag,
                gint64              start,
                const char * const *partners)
{
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autoptr(GError) error = NULL;

  rally_challenge_set_hashtag (challenge, hashtag);
  rally_challenge_set_partners (challenge, partners);
  rally_challenge_set_start_date (challenge, start);
  g_assert_true (rally_store_save_challenge (store, challenge, &error));
  g_assert_no_error (error);
  return rally_challenge_get_id (challenge);
}

static void
add_video (gint64      challenge_id,
           gint64      tiktok_id,
           gint64      posted_at,
           const char *creator,
           gint64      views)
{
  g_autoptr(RallyVideo) video = rally_video_new ();
  g_autoptr(GError) error = NULL;

  rally_video_set_tiktok_id (video, tiktok_id);
  rally_video_set_creator (video, creator);
  rally_video_set_posted_at (video, posted_at + 3600);
  rally_video_set_views (video, views);
  g_assert_true (rally_store_upsert_videos (store, challenge_id, &video, 1, &error));
  g_assert_no_error (error);
}

/* #walk2019 synced from the Research API (a snapshot); #walk2020 imported, by posting
 * day, with eve on its partner roster. */
static void
fill_store (void)
{
  static const char * const partners[] = { "eve", NULL };
  g_autoptr(RallySnapshot) snapshot = rally_snapshot_new ();
  g_autoptr(GError) error = NULL;

  walk2019 = save_challenge ("walk2019", LAUNCH2019, NULL);
  add_video (walk2019, 1, LAUNCH2019, "ana", 1000);
  add_video (walk2019, 2, LAUNCH2019 + 3 * DAY, "ben", 2000);
  add_video (walk2019, 3, LAUNCH2019 + 10 * DAY, "cleo", 3000);
  rally_snapshot_set_challenge_id (snapshot, walk2019);
  rally_snapshot_set_taken_at (snapshot, LAUNCH2019 + 40 * DAY);
  rally_snapshot_set_fetched_at (snapshot, LAUNCH2019 + 40 * DAY + 50000);
  rally_snapshot_set_source (snapshot, RALLY_SOURCE_RESEARCH_API);
  rally_snapshot_set_videos (snapshot, 3);
  rally_snapshot_set_views (snapshot, 6000);
  g_assert_true (rally_store_add_snapshot (store, snapshot, &error));
  g_assert_no_error (error);

  walk2020 = save_challenge ("walk2020", LAUNCH2020, partners);
  add_video (walk2020, 4, LAUNCH2020, "dan", 500);
  add_video (walk2020, 5, LAUNCH2020 + 12 * DAY, "eve", 700);
  add_video (walk2020, 6, LAUNCH2020 + 20 * DAY, "fay", 900);
}

static void
wait_for_page (RallyAnalyticsPage *page)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!rally_analytics_page_is_loaded (page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (rally_analytics_page_is_loaded (page));
  rally_test_iterate ();
}

/* The page in a window, both challenges picked, the chart drawn once. */
static GtkWidget *
show_page (RallyAnalyticsPage **out)
{
  GtkWidget *window = gtk_window_new ();
  RallyAnalyticsPage *page = g_object_new (RALLY_TYPE_ANALYTICS_PAGE, NULL);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 1400);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  rally_analytics_page_set_store (page, store);
  wait_for_page (page);
  rally_analytics_page_select_challenge (page, walk2019, TRUE);
  rally_analytics_page_select_challenge (page, walk2020, TRUE);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (GTK_WIDGET (rally_analytics_page_get_time_chart (page))) == 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  *out = page;
  return window;
}

static void
draw_chart (RallyTimeChart *chart)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (chart)), >, 0);
  GTK_WIDGET_GET_CLASS (chart)->snapshot (GTK_WIDGET (chart), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_clear_pointer (&node, gsk_render_node_unref);
}

/* Moves the crosshair to the stop at @t (as the arrow keys would). */
static void
move_cursor_to (RallyTimeChart *chart,
                gint64          t)
{
  for (gint i = 0; i < 1000; i++)
    {
      rally_time_chart_set_cursor_index (chart, i);
      if (rally_time_chart_get_cursor_time (chart) == t)
        return;
    }
  g_assert_not_reached ();
}

static void
test_aligned (void)
{
  RallyAnalyticsPage *page;
  GtkWidget *window = show_page (&page);
  RallyTimeChart *chart = rally_analytics_page_get_time_chart (page);
  GPtrArray *series;
  g_auto(GStrv) labels = NULL;
  g_autofree char *description = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *date2020 = rally_format_date (LAUNCH2020 + 12 * DAY);
  g_autofree char *date2019 = rally_format_date (LAUNCH2019 + 12 * DAY);

  /* on dates, the two years lie far apart */
  series = rally_time_chart_get_series (chart);
  g_assert_cmpuint (series->len, ==, 2);
  g_assert_cmpint (rally_series_get_points (g_ptr_array_index (series, 0), NULL)[0].t, ==, LAUNCH2019);

  rally_analytics_page_set_aligned (page, TRUE);
  series = rally_time_chart_get_series (chart);
  g_assert_cmpuint (series->len, ==, 2);
  for (guint i = 0; i < series->len; i++)
    g_assert_cmpint (rally_series_get_points (g_ptr_array_index (series, i), NULL)[0].t, ==, 0);

  draw_chart (chart);
  labels = rally_time_chart_dup_axis_labels (chart);
  g_assert_cmpuint (g_strv_length (labels), >=, 2);
  g_assert_cmpstr (labels[0], ==, "Day 0");
  for (guint i = 0; labels[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (labels[i], "Day "));

  description = rally_time_chart_dup_description (chart);
  g_assert_nonnull (strstr (description, "days since each series’ launch"));

  /* the hover names the day and each series' own date */
  move_cursor_to (chart, 12 * DAY);
  markup = rally_time_chart_dup_tooltip_markup (chart);
  g_assert_true (g_str_has_prefix (markup, "<b>Day 12</b>"));
  g_assert_nonnull (strstr (markup, date2020));
  g_assert_nonnull (strstr (markup, date2019));

  /* the data exported: each series on its own dates */
  {
    g_autofree char *dir = g_dir_make_tmp ("rally-days-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "aligned.csv", NULL);
    g_autofree char *csv = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (rally_analytics_page_export_csv (page, path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
    g_assert_nonnull (strstr (csv, "2020-05-13"));
    g_assert_nonnull (strstr (csv, "2019-03-01"));
    g_assert_null (strstr (csv, "1970-"));
    rally_test_remove_tree (dir);
  }

  /* and back to dates */
  rally_analytics_page_set_aligned (page, FALSE);
  draw_chart (chart);
  g_strfreev (labels);
  labels = rally_time_chart_dup_axis_labels (chart);
  g_assert_false (g_str_has_prefix (labels[0], "Day "));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_hover_provenance (void)
{
  RallyAnalyticsPage *page;
  GtkWidget *window = show_page (&page);
  RallyTimeChart *chart = rally_analytics_page_get_time_chart (page);
  g_autofree char *markup = NULL;
  g_autofree char *fetched = rally_format_date (LAUNCH2019 + 40 * DAY + 50000);
  g_autofree char *expected = g_strdup_printf ("From TikTok Research API, fetched %s", fetched);

  draw_chart (chart);
  move_cursor_to (chart, LAUNCH2020 + 12 * DAY);
  markup = rally_time_chart_dup_tooltip_markup (chart);
  g_assert_nonnull (strstr (markup, expected));
  /* the imported challenge's days are its videos' posting days */
  g_assert_nonnull (strstr (markup, "By posting day"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static const RallyPoint *
last_point (RallySeries *series)
{
  guint n;
  const RallyPoint *points = rally_series_get_points (series, &n);

  g_assert_cmpuint (n, >, 0);
  return &points[n - 1];
}

/* Each challenge as its organic and its seeded videos: eve's is #walk2020's seeded one. */
static void
test_split (void)
{
  RallyAnalyticsPage *page;
  GtkWidget *window = show_page (&page);
  RallyTimeChart *chart = rally_analytics_page_get_time_chart (page);
  GPtrArray *series;

  rally_analytics_page_set_split (page, TRUE);
  series = rally_time_chart_get_series (chart);
  g_assert_cmpuint (series->len, ==, 4);
  g_assert_cmpstr (rally_series_get_name (g_ptr_array_index (series, 2)), ==, "#walk2020, organic");
  g_assert_cmpstr (rally_series_get_name (g_ptr_array_index (series, 3)), ==, "#walk2020, seeded");
  g_assert_cmpstr (rally_series_get_color (g_ptr_array_index (series, 2)), !=,
                   rally_series_get_color (g_ptr_array_index (series, 3)));
  g_assert_cmpfloat (last_point (g_ptr_array_index (series, 2))->v, ==, 500 + 900);
  g_assert_cmpfloat (last_point (g_ptr_array_index (series, 3))->v, ==, 700);
  g_assert_cmpfloat (last_point (g_ptr_array_index (series, 0))->v, ==, 1000 + 2000 + 3000);
  g_assert_cmpfloat (last_point (g_ptr_array_index (series, 1))->v, ==, 0);

  /* videos, per day: the seeded day is eve's */
  rally_analytics_page_set_metric (page, RALLY_METRIC_VIDEOS);
  rally_analytics_page_set_cumulative (page, FALSE);
  series = rally_time_chart_get_series (chart);
  {
    RallySeries *seeded = g_ptr_array_index (series, 3);
    gint at = rally_series_find_at_or_before (seeded, LAUNCH2020 + 12 * DAY);

    g_assert_cmpint (at, >=, 0);
    g_assert_cmpint (rally_series_get_points (seeded, NULL)[at].t, ==, LAUNCH2020 + 12 * DAY);
    g_assert_cmpfloat (rally_series_get_points (seeded, NULL)[at].v, ==, 1);
    g_assert_cmpfloat (last_point (seeded)->v, ==, 0);
  }

  rally_analytics_page_set_split (page, FALSE);
  g_assert_cmpuint (rally_time_chart_get_series (chart)->len, ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text))
      return TRUE;
  return FALSE;
}

/* Until @text is shown (or no longer, with @shown FALSE), or five seconds. */
static gboolean
wait_label (RallyAnalyticsPage *page,
            const char         *text,
            gboolean            shown)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  rally_test_iterate ();
  while (find_label (GTK_WIDGET (page), text) != shown && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return find_label (GTK_WIDGET (page), text) == shown;
}

static void
test_overview (void)
{
  RallyAnalyticsPage *page;
  GtkWidget *window = show_page (&page);
  g_autofree char *views = rally_format_integer (700 + 900);

  /* 8–21 May 2020 against 24 April – 7 May: 2 videos against 1, 1,600 views against 500 */
  rally_analytics_page_set_range (page, RALLY_ANALYTICS_RANGE_CUSTOM, LAUNCH2020 + 7 * DAY, LAUNCH2020 + 20 * DAY);
  rally_test_iterate ();
  g_assert_true (find_label (GTK_WIDGET (page), "Overview, 8 – 21 May 2020") ||
                 find_label (GTK_WIDGET (page), "Overview, 8 May – 21 May 2020"));
  g_assert_true (find_label (GTK_WIDGET (page), views));
  g_assert_true (find_label (GTK_WIDGET (page), "+100% vs previous 14 days"));
  g_assert_true (find_label (GTK_WIDGET (page), "+220% vs previous 14 days"));

  /* Without the comparison the tiles keep their figures and leave the change out */
  {
    GtkToggleButton *compare = GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                                 RALLY_TYPE_ANALYTICS_PAGE,
                                                                                 "compare_button"));

    g_assert_true (gtk_toggle_button_get_active (compare));
    gtk_toggle_button_set_active (compare, FALSE);
    g_assert_true (wait_label (page, "+100% vs previous 14 days", FALSE));
    g_assert_true (find_label (GTK_WIDGET (page), views));
    gtk_toggle_button_set_active (compare, TRUE);
    g_assert_true (wait_label (page, "+100% vs previous 14 days", TRUE));
  }

  /* all time has nothing before it: no percentage of nothing */
  rally_analytics_page_set_range (page, RALLY_ANALYTICS_RANGE_ALL, 0, 0);
  rally_test_iterate ();
  g_assert_true (find_label (GTK_WIDGET (page), "No data for the previous period"));
  g_assert_false (find_label (GTK_WIDGET (page), "+100% vs previous 14 days"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = rally_test_isolate_user_dirs ();
  g_autofree char *data_dir = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!rally_test_init_gtk ())
    {
      g_test_skip ("No display");
      return 77;
    }
  adw_init ();

  data_dir = g_build_filename (tmp, "days", NULL);
  store = rally_store_open (data_dir, &error);
  g_assert_no_error (error);
  fill_store ();

  g_test_add_func ("/analytics-days/aligned", test_aligned);
  g_test_add_func ("/analytics-days/hover-provenance", test_hover_provenance);
  g_test_add_func ("/analytics-days/overview", test_overview);
  g_test_add_func ("/analytics-days/split", test_split);

  ret = g_test_run ();
  g_clear_object (&store);
  rally_test_remove_tree (tmp);
  return ret;
}
