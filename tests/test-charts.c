/* test-charts.c
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

/* The chart widgets: export to PNG and SVG, CSV round trip, hover and keyboard
 * crosshair, accessible descriptions, bar chart layout. */

#include "config.h"

#include <adwaita.h>
#include <csv.h>
#include <math.h>
#include <string.h>

#include "rally-bar-chart.h"
#include "rally-test-util.h"
#include "rally-time-chart.h"
#include "rally-time-plot.h"
#include "rally-test-ui.h"

#define DAY G_GINT64_CONSTANT (86400)
#define START G_GINT64_CONSTANT (1795564800) /* 2026-11-25 */
#define N_DAYS 91

static char *tmp_dir;

static GPtrArray *
make_series (void)
{
  GPtrArray *series = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_series_unref);
  const char *names[] = { "#ForClimate", "#DanceForChange", "#rednoseday" };
  const char *colors[] = { "#1c71d8", "#1a237e", "#e01b24" };
  const double totals[] = { 384e6, 81e6, 20e6 };

  for (guint s = 0; s < 3; s++)
    {
      RallySeries *one = rally_series_new (names[s], colors[s]);

      for (guint day = 0; day < N_DAYS; day++)
        rally_series_append (one, START + day * DAY, totals[s] * (day + 1) / N_DAYS);
      g_ptr_array_add (series, one);
    }
  return series;
}

static GtkWidget *
make_time_chart (void)
{
  g_autoptr(GPtrArray) series = make_series ();
  GtkWidget *chart = rally_time_chart_new ();

  g_object_ref_sink (chart);
  rally_time_chart_set_series (RALLY_TIME_CHART (chart), series);
  return chart;
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

/* Pixels that are not the white background. */
static guint
count_ink (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  guint ink = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = data + y * stride + x * 4;

        if (p[0] < 240 || p[1] < 240 || p[2] < 240)
          ink++;
      }
  return ink;
}

/* Pixels close to a colour (ARGB32 is B, G, R, A in memory on little endian). */
static guint
count_color (cairo_surface_t *surface,
             guchar           r,
             guchar           g,
             guchar           b)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  guint count = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = data + y * stride + x * 4;

        if (ABS (p[2] - r) < 24 && ABS (p[1] - g) < 24 && ABS (p[0] - b) < 24)
          count++;
      }
  return count;
}

static void
test_time_chart_export_png (void)
{
  g_autoptr(GtkWidget) chart = make_time_chart ();
  g_autofree char *path = tmp_path ("chart.png");
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  g_assert_true (rally_time_chart_export (RALLY_TIME_CHART (chart), path, RALLY_CHART_FORMAT_PNG, 800, 400, &error));
  g_assert_no_error (error);

  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 400);
  /* Lines, fills, labels: far more than a blank page, far less than a full one. */
  g_assert_cmpuint (count_ink (surface), >, 800 * 400 / 20);
  g_assert_cmpuint (count_ink (surface), <, 800 * 400);
  /* Each series' line is drawn in its own colour. */
  g_assert_cmpuint (count_color (surface, 0x1c, 0x71, 0xd8), >, 200);
  g_assert_cmpuint (count_color (surface, 0xe0, 0x1b, 0x24), >, 200);
  g_assert_cmpuint (count_color (surface, 0x1a, 0x23, 0x7e), >, 200);
  cairo_surface_destroy (surface);
}

typedef struct
{
  guint n_elements;
  guint n_paths;
  char *root;
} SvgCount;

static void
svg_start (GMarkupParseContext *context,
           const char          *element,
           const char         **names,
           const char         **values,
           gpointer             user_data,
           GError             **error)
{
  SvgCount *count = user_data;

  if (count->n_elements++ == 0)
    count->root = g_strdup (element);
  if (g_str_equal (element, "path"))
    count->n_paths++;
}

static void
test_time_chart_export_svg (void)
{
  g_autoptr(GtkWidget) chart = make_time_chart ();
  g_autofree char *path = tmp_path ("chart.svg");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GMarkupParser parser = { svg_start, NULL, NULL, NULL, NULL };
  GMarkupParseContext *context;
  SvgCount count = { 0 };
  gsize len;

  g_assert_true (rally_time_chart_export (RALLY_TIME_CHART (chart), path, RALLY_CHART_FORMAT_SVG, 640, 360, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));

  context = g_markup_parse_context_new (&parser, 0, &count, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, len, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);

  g_assert_cmpstr (count.root, ==, "svg");
  g_assert_cmpuint (count.n_paths, >, 10);
  g_assert_nonnull (strstr (contents, "width=\"640"));
  /* Vector all the way: no raster image embedded. */
  g_assert_null (strstr (contents, "<image"));
  g_free (count.root);
}

static void
test_chart_export_errors (void)
{
  g_autoptr(GtkWidget) chart = make_time_chart ();
  g_autoptr(GtkWidget) bars = g_object_ref_sink (rally_bar_chart_new ());
  g_autofree char *missing = g_build_filename (tmp_dir, "no-such-dir", "chart.png", NULL);
  g_autofree char *path = tmp_path ("too-small.png");
  g_autoptr(GError) error = NULL;

  g_assert_false (rally_time_chart_export (RALLY_TIME_CHART (chart), missing, RALLY_CHART_FORMAT_PNG, 800, 400, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Could not export the chart"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (rally_time_chart_export (RALLY_TIME_CHART (chart), path, RALLY_CHART_FORMAT_PNG, 0, 400, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (rally_bar_chart_export (RALLY_BAR_CHART (bars), missing, RALLY_CHART_FORMAT_SVG, 400, 300, &error));
  g_assert_nonnull (error);
}

typedef struct
{
  GPtrArray *row;
  GPtrArray *rows;
} CsvRead;

static void
field_cb (void *data, size_t len, void *user_data)
{
  CsvRead *read = user_data;

  if (read->row == NULL)
    read->row = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (read->row, g_strndup (data, len));
}

static void
row_cb (int c, void *user_data)
{
  CsvRead *read = user_data;

  g_ptr_array_add (read->rows, g_steal_pointer (&read->row));
}

static void
test_time_chart_csv_round_trip (void)
{
  g_autoptr(GtkWidget) chart = make_time_chart ();
  GPtrArray *series = rally_time_chart_get_series (RALLY_TIME_CHART (chart));
  g_autofree char *path = tmp_path ("chart.csv");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  CsvRead read = { NULL, g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref) };
  struct csv_parser parser;
  guint row = 1;
  gsize len;

  g_assert_true (rally_series_write_csv (series, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpint (csv_init (&parser, CSV_STRICT), ==, 0);
  g_assert_cmpuint (csv_parse (&parser, contents, len, field_cb, row_cb, &read), ==, len);
  csv_fini (&parser, field_cb, row_cb, &read);
  csv_free (&parser);

  g_assert_cmpuint (read.rows->len, ==, 1 + 3 * N_DAYS);
  for (guint s = 0; s < series->len; s++)
    {
      RallySeries *one = g_ptr_array_index (series, s);
      const RallyPoint *points;
      guint n;

      points = rally_series_get_points (one, &n);
      for (guint i = 0; i < n; i++, row++)
        {
          GPtrArray *fields = g_ptr_array_index (read.rows, row);
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (points[i].t);
          g_autofree char *date = g_date_time_format (dt, "%Y-%m-%d");

          g_assert_cmpuint (fields->len, ==, 3);
          g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, date);
          g_assert_cmpstr (g_ptr_array_index (fields, 1), ==, rally_series_get_name (one));
          g_assert_cmpfloat_with_epsilon (g_ascii_strtod (g_ptr_array_index (fields, 2), NULL), points[i].v, 0.5);
        }
    }
  g_ptr_array_unref (read.rows);
}

/* Shows the chart in a window and draws it once, so it has a layout to hit test. */
static GtkWidget *
show_in_window (GtkWidget *chart,
                int        width,
                int        height)
{
  GtkWidget *window = gtk_window_new ();
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (chart) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gtk_widget_get_width (chart), >, 0);

  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (chart)->snapshot (chart, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_render_node_unref (node);
  return window;
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  g_assert_not_reached ();
}

static gboolean
press_key (GtkWidget *chart,
           guint      keyval)
{
  GtkEventController *keys = find_controller (chart, GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, 0, &handled);
  return handled;
}

static void
test_time_chart_keyboard (void)
{
  GtkWidget *chart = make_time_chart ();
  RallyTimeChart *tc = RALLY_TIME_CHART (chart);
  GtkWidget *window = show_in_window (chart, 600, 400);

  g_assert_true (gtk_widget_get_focusable (chart));
  g_assert_cmpint (rally_time_chart_get_cursor_index (tc), ==, -1);
  g_assert_true (press_key (chart, GDK_KEY_Right));
  g_assert_cmpint (rally_time_chart_get_cursor_index (tc), ==, 0);
  g_assert_cmpint (rally_time_chart_get_cursor_time (tc), ==, START);
  g_assert_true (press_key (chart, GDK_KEY_Right));
  g_assert_cmpint (rally_time_chart_get_cursor_index (tc), ==, 1);
  g_assert_cmpint (rally_time_chart_get_cursor_time (tc), ==, START + DAY);
  g_assert_true (press_key (chart, GDK_KEY_End));
  g_assert_cmpint (rally_time_chart_get_cursor_index (tc), ==, N_DAYS - 1);
  g_assert_true (press_key (chart, GDK_KEY_Right));
  g_assert_cmpint (rally_time_chart_get_cursor_index (tc), ==, N_DAYS - 1);
  g_assert_true (press_key (chart, GDK_KEY_Left));
  g_assert_cmpint (rally_time_chart_get_cursor_index (tc), ==, N_DAYS - 2);
  g_assert_true (press_key (chart, GDK_KEY_Home));
  g_assert_cmpint (rally_time_chart_get_cursor_index (tc), ==, 0);
  g_assert_true (press_key (chart, GDK_KEY_Escape));
  g_assert_cmpint (rally_time_chart_get_cursor_index (tc), ==, -1);
  g_assert_false (press_key (chart, GDK_KEY_a));

  /* New data hides the crosshair. */
  g_assert_true (press_key (chart, GDK_KEY_Left));
  g_assert_cmpint (rally_time_chart_get_cursor_index (tc), ==, N_DAYS - 1);
  rally_time_chart_set_series (tc, NULL);
  g_assert_cmpint (rally_time_chart_get_cursor_index (tc), ==, -1);
  g_assert_false (press_key (chart, GDK_KEY_Right));

  gtk_window_destroy (GTK_WINDOW (window));
  rally_test_iterate ();
}

static void
test_time_chart_hover (void)
{
  GtkWidget *chart = make_time_chart ();
  RallyTimeChart *tc = RALLY_TIME_CHART (chart);
  GtkWidget *window = show_in_window (chart, 600, 400);
  GtkEventController *motion = find_controller (chart, GTK_TYPE_EVENT_CONTROLLER_MOTION);
  int width = gtk_widget_get_width (chart);
  int height = gtk_widget_get_height (chart);
  gint left, middle, right;

  g_signal_emit_by_name (motion, "motion", width * 0.2, height / 2.0);
  left = rally_time_chart_get_cursor_index (tc);
  g_signal_emit_by_name (motion, "motion", width * 0.55, height / 2.0);
  middle = rally_time_chart_get_cursor_index (tc);
  g_signal_emit_by_name (motion, "motion", width - 10.0, height / 2.0);
  right = rally_time_chart_get_cursor_index (tc);

  g_assert_cmpint (left, >, 0);
  g_assert_cmpint (middle, >, left);
  g_assert_cmpint (right, >, middle);
  g_assert_cmpint (right, ==, N_DAYS - 1);

  /* Drawing with the crosshair on adds its layer over the cached picture. */
  {
    GtkSnapshot *snapshot = gtk_snapshot_new ();
    GskRenderNode *node;

    GTK_WIDGET_GET_CLASS (chart)->snapshot (chart, snapshot);
    node = gtk_snapshot_free_to_node (snapshot);
    g_assert_nonnull (node);
    g_assert_cmpint (gsk_render_node_get_node_type (node), ==, GSK_CONTAINER_NODE);
    gsk_render_node_unref (node);
  }

  /* Above the plot (the legend), the crosshair goes away. */
  g_signal_emit_by_name (motion, "motion", width * 0.55, 2.0);
  g_assert_cmpint (rally_time_chart_get_cursor_index (tc), ==, -1);

  gtk_window_destroy (GTK_WINDOW (window));
  rally_test_iterate ();
}

static void
test_time_chart_description (void)
{
  g_autoptr(GtkWidget) chart = make_time_chart ();
  g_autofree char *description = rally_time_chart_dup_description (RALLY_TIME_CHART (chart));
  g_autofree char *percent = NULL;
  g_autofree char *empty = NULL;

  g_assert_nonnull (strstr (description, "Wed 25 Nov 2026"));
  g_assert_nonnull (strstr (description, "#DanceForChange: latest 81M, peak 81M"));
  g_assert_nonnull (strstr (description, "#ForClimate: latest 384M"));

  rally_time_chart_set_value_format (RALLY_TIME_CHART (chart), RALLY_CHART_VALUE_PERCENT);
  percent = rally_time_chart_dup_description (RALLY_TIME_CHART (chart));
  g_assert_nonnull (strstr (percent, "%"));

  rally_time_chart_set_series (RALLY_TIME_CHART (chart), NULL);
  rally_time_chart_set_empty_text (RALLY_TIME_CHART (chart), "Nothing synced yet");
  empty = rally_time_chart_dup_description (RALLY_TIME_CHART (chart));
  g_assert_cmpstr (empty, ==, "Nothing synced yet");

  /* Data, but none in the range asked for, is empty too. */
  {
    g_autoptr(GPtrArray) series = make_series ();
    g_autofree char *outside = NULL;

    rally_time_chart_set_series (RALLY_TIME_CHART (chart), series);
    rally_time_chart_set_range (RALLY_TIME_CHART (chart), START - 30 * DAY, START - DAY);
    outside = rally_time_chart_dup_description (RALLY_TIME_CHART (chart));
    g_assert_cmpstr (outside, ==, "Nothing synced yet");
  }
}

/* A goal above the data, a day and a period inside the range, one event outside. */
static void
add_goals_and_events (RallyTimeChart *chart)
{
  const RallyChartGoal goals[] = { { 400e6, "Goal 400M", FALSE } };
  const RallyChartEvent events[] = {
    { START + 10 * DAY, START + 17 * DAY, "Joke-Ha-Thon" },
    { START + 40 * DAY, START + 40 * DAY, "Red nose AR filter" },
    { START + 200 * DAY, START + 200 * DAY, "Later" },
  };

  rally_time_chart_set_goals (chart, goals, G_N_ELEMENTS (goals));
  rally_time_chart_set_events (chart, events, G_N_ELEMENTS (events));
}

static void
test_time_chart_goals_events_description (void)
{
  g_autoptr(GtkWidget) chart = make_time_chart ();
  g_autofree char *description = NULL;
  g_autofree char *mismatch = NULL;

  add_goals_and_events (RALLY_TIME_CHART (chart));
  description = rally_time_chart_dup_description (RALLY_TIME_CHART (chart));
  g_assert_nonnull (strstr (description, "Goals: Goal 400M."));
  g_assert_nonnull (strstr (description, "Events: Joke-Ha-Thon 5 Dec – 12 Dec 2026; Red nose AR filter 4 Jan 2027."));
  /* an event outside the range shown is not read out */
  g_assert_null (strstr (description, "Later"));

  /* what a screen reader gets is that description */
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                 description);
  g_assert_null (mismatch);

  rally_time_chart_set_goals (RALLY_TIME_CHART (chart), NULL, 0);
  rally_time_chart_set_events (RALLY_TIME_CHART (chart), NULL, 0);
  g_clear_pointer (&description, g_free);
  description = rally_time_chart_dup_description (RALLY_TIME_CHART (chart));
  g_assert_null (strstr (description, "Goal"));
  g_assert_null (strstr (description, "Events"));
}

static void
test_time_chart_goals_events_export (void)
{
  g_autoptr(GtkWidget) chart = make_time_chart ();
  g_autofree char *svg_path = tmp_path ("goals.svg");
  g_autofree char *plain_path = tmp_path ("plain.png");
  g_autofree char *marked_path = tmp_path ("marked.png");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *plain, *marked;

  g_assert_true (rally_time_chart_export (RALLY_TIME_CHART (chart), plain_path, RALLY_CHART_FORMAT_PNG, 800, 400, &error));
  add_goals_and_events (RALLY_TIME_CHART (chart));
  g_assert_true (rally_time_chart_export (RALLY_TIME_CHART (chart), marked_path, RALLY_CHART_FORMAT_PNG, 800, 400, &error));
  g_assert_true (rally_time_chart_export (RALLY_TIME_CHART (chart), svg_path, RALLY_CHART_FORMAT_SVG, 800, 400, &error));
  g_assert_no_error (error);

  /* the SVG says in words what it draws: the goal and the events */
  g_assert_true (g_file_get_contents (svg_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<desc>"));
  g_assert_nonnull (strstr (contents, "Goal 400M"));
  g_assert_nonnull (strstr (contents, "Joke-Ha-Thon"));
  /* the band is drawn in the accent colour (#1c71d8 at 14 % on white) */
  plain = cairo_image_surface_create_from_png (plain_path);
  marked = cairo_image_surface_create_from_png (marked_path);
  g_assert_cmpuint (count_color (marked, 0xdf, 0xeb, 0xf9), >, count_color (plain, 0xdf, 0xeb, 0xf9) + 20 * 100);
  /* the goal line and the labels add ink */
  g_assert_cmpuint (count_ink (marked), >, count_ink (plain) + 500);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (marked);
}

static void
test_time_plot_event_tooltip (void)
{
  g_autoptr(GPtrArray) series = make_series ();
  RallyTimePlot *plot = rally_time_plot_new ();
  const RallyChartEvent events[] = { { START + 10 * DAY, START + 17 * DAY, "Joke-Ha-Thon" } };
  RallyChartStyle style;
  g_autofree char *inside = NULL;
  g_autofree char *outside = NULL;

  rally_chart_style_init_light (&style, NULL);
  rally_time_plot_set_series (plot, series);
  rally_time_plot_set_events (plot, events, 1);
  inside = rally_time_plot_tooltip_markup (plot, &style, START + 12 * DAY);
  outside = rally_time_plot_tooltip_markup (plot, &style, START + 30 * DAY);
  g_assert_nonnull (strstr (inside, "Joke-Ha-Thon"));
  g_assert_null (strstr (outside, "Joke-Ha-Thon"));
  rally_chart_style_clear (&style);
  rally_time_plot_free (plot);
}

static void
test_time_chart_range (void)
{
  g_autoptr(GtkWidget) chart = make_time_chart ();
  g_autofree char *description = NULL;
  g_autofree char *path = tmp_path ("range.png");
  g_autoptr(GError) error = NULL;

  /* The first ten days only: the peak shown is the peak in range. */
  rally_time_chart_set_range (RALLY_TIME_CHART (chart), START, START + 9 * DAY);
  description = rally_time_chart_dup_description (RALLY_TIME_CHART (chart));
  g_assert_nonnull (strstr (description, "#DanceForChange: latest 8.9M"));
  g_assert_true (rally_time_chart_export (RALLY_TIME_CHART (chart), path, RALLY_CHART_FORMAT_PNG, 400, 300, &error));
  g_assert_no_error (error);
}

static void
test_time_chart_empty_export (void)
{
  g_autoptr(GtkWidget) chart = g_object_ref_sink (rally_time_chart_new ());
  g_autofree char *path = tmp_path ("empty.png");
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  g_assert_true (rally_time_chart_export (RALLY_TIME_CHART (chart), path, RALLY_CHART_FORMAT_PNG, 400, 300, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (path);
  /* The empty-state text, and nothing else. */
  g_assert_cmpuint (count_ink (surface), >, 50);
  g_assert_cmpuint (count_ink (surface), <, 400 * 300 / 20);
  cairo_surface_destroy (surface);
}

static GtkWidget *
make_bar_chart (void)
{
  GtkWidget *bars = rally_bar_chart_new ();

  rally_bar_chart_set_title (RALLY_BAR_CHART (bars), "Views by challenge");
  rally_bar_chart_append (RALLY_BAR_CHART (bars), "#ForClimate", 384e6, "#1c71d8");
  rally_bar_chart_append (RALLY_BAR_CHART (bars), "#DanceForChange", 81e6, "#1a237e");
  rally_bar_chart_append (RALLY_BAR_CHART (bars), "#rednoseday", 20e6, "#e01b24");
  return bars;
}

static void
test_bar_chart (void)
{
  GtkWidget *bars = make_bar_chart ();
  GtkWidget *window = show_in_window (bars, 600, 300);
  g_autofree char *description = rally_bar_chart_dup_description (RALLY_BAR_CHART (bars));
  g_autofree char *path = tmp_path ("bars.png");
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  int min3, nat, min4, min_narrow;

  g_assert_cmpstr (description, ==, "#ForClimate: 384M; #DanceForChange: 81M; #rednoseday: 20M.");
  g_assert_cmpuint (rally_bar_chart_get_n_items (RALLY_BAR_CHART (bars)), ==, 3);

  /* Rows from the top, in order; below the last row there is none. */
  g_assert_cmpint (rally_bar_chart_get_item_at (RALLY_BAR_CHART (bars), 100, 12), ==, 0);
  g_assert_cmpint (rally_bar_chart_get_item_at (RALLY_BAR_CHART (bars), 100, 1000), ==, -1);

  /* The height follows the items, and a narrow width stacks label over bar. */
  gtk_widget_measure (bars, GTK_ORIENTATION_VERTICAL, 600, &min3, &nat, NULL, NULL);
  rally_bar_chart_append (RALLY_BAR_CHART (bars), "#TheRealChallenge", 4.2e6, NULL);
  gtk_widget_measure (bars, GTK_ORIENTATION_VERTICAL, 600, &min4, &nat, NULL, NULL);
  gtk_widget_measure (bars, GTK_ORIENTATION_VERTICAL, 300, &min_narrow, &nat, NULL, NULL);
  g_assert_cmpint (min4, >, min3);
  g_assert_cmpint (min_narrow, >, min4);

  g_assert_true (rally_bar_chart_export (RALLY_BAR_CHART (bars), path, RALLY_CHART_FORMAT_PNG, 600, 200, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 600);
  g_assert_cmpuint (count_color (surface, 0x1c, 0x71, 0xd8), >, 1000);
  g_assert_cmpuint (count_color (surface, 0xe0, 0x1b, 0x24), >, 50);
  cairo_surface_destroy (surface);

  rally_bar_chart_clear (RALLY_BAR_CHART (bars));
  g_clear_pointer (&description, g_free);
  description = rally_bar_chart_dup_description (RALLY_BAR_CHART (bars));
  g_assert_cmpstr (description, ==, "Nothing to compare yet");

  gtk_window_destroy (GTK_WINDOW (window));
  rally_test_iterate ();
}

static double
relative_luminance (const RallyChartColor *c)
{
  double ch[3] = { c->red, c->green, c->blue };

  for (guint i = 0; i < 3; i++)
    ch[i] = ch[i] <= 0.03928 ? ch[i] / 12.92 : pow ((ch[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

static void
test_chart_dark_contrast (void)
{
  RallyChartStyle dark;
  RallyChartColor navy = { 0x1a / 255.0, 0x23 / 255.0, 0x7e / 255.0, 1 };
  RallyChartColor red = { 0xe0 / 255.0, 0x1b / 255.0, 0x24 / 255.0, 1 };
  RallyChartColor red_before = red;
  double bg, fg;

  rally_chart_style_init_light (&dark, NULL);
  dark.foreground = (RallyChartColor) { 1, 1, 1, 1 };
  dark.background = (RallyChartColor) { 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0, 1 };
  bg = relative_luminance (&dark.background);

  /* Navy on a dark window is lightened until it reads (3:1). */
  rally_chart_style_adjust_color (&dark, &navy);
  fg = relative_luminance (&navy);
  g_assert_cmpfloat ((fg + 0.05) / (bg + 0.05), >=, 3.0);
  /* A colour that already reads is left as the campaign chose it. */
  rally_chart_style_adjust_color (&dark, &red);
  g_assert_cmpfloat (red.red, ==, red_before.red);
  g_assert_cmpfloat (red.green, ==, red_before.green);
  rally_chart_style_clear (&dark);
}

/* The series colours the analytics page and the campaign report share, pinned to
 * the values they had before they moved to rally-chart-common. */
static void
test_series_colors (void)
{
  g_autofree char *first = rally_chart_challenge_color ("#e01b24", 0, 0);
  g_autofree char *second = rally_chart_challenge_color ("#e01b24", 1, 0);
  g_autofree char *third = rally_chart_challenge_color ("#e01b24", 2, 0);
  g_autofree char *loose = rally_chart_challenge_color (NULL, 0, 7);
  g_autofree char *unparsable = rally_chart_challenge_color ("red", 3, 2);
  g_autofree char *distinct = rally_chart_distinct_color ("#3584e4", 1);

  g_assert_cmpstr (first, ==, "#e01b24");
  g_assert_cmpstr (second, ==, "#e07c1b");
  g_assert_cmpstr (third, ==, "#e01b8e");
  g_assert_cmpstr (loose, ==, "#9141ac");
  g_assert_cmpstr (unparsable, ==, "#c64600");
  g_assert_cmpstr (distinct, ==, "#2a37b6");
  g_assert_null (rally_chart_distinct_color ("not a colour", 1));

  /* A campaign with many challenges: each still gets a colour, "#rrggbb", from the
   * 23rd on too (the turn used to pass a whole circle backwards there). */
  for (guint k = 0; k < 60; k++)
    {
      g_autofree char *color = rally_chart_challenge_color ("#e01b24", k, 0);
      GdkRGBA rgba;

      g_assert_cmpuint (strlen (color), ==, 7);
      g_assert_true (gdk_rgba_parse (&rgba, color));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = rally_test_isolate_user_dirs ();
  int ret;

  g_test_init (&argc, &argv, NULL);
  /* GTK's test backend keeps accessible properties where a test can read them */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!rally_test_init_gtk ())
    {
      g_test_skip ("No display");
      return 77;
    }
  adw_init ();
  tmp_dir = g_build_filename (tmp, "exports", NULL);
  g_mkdir_with_parents (tmp_dir, 0700);

  g_test_add_func ("/charts/time/export-png", test_time_chart_export_png);
  g_test_add_func ("/charts/time/export-svg", test_time_chart_export_svg);
  g_test_add_func ("/charts/export-errors", test_chart_export_errors);
  g_test_add_func ("/charts/time/csv-round-trip", test_time_chart_csv_round_trip);
  g_test_add_func ("/charts/time/keyboard", test_time_chart_keyboard);
  g_test_add_func ("/charts/time/hover", test_time_chart_hover);
  g_test_add_func ("/charts/time/description", test_time_chart_description);
  g_test_add_func ("/charts/time/range", test_time_chart_range);
  g_test_add_func ("/charts/time/goals-events-description", test_time_chart_goals_events_description);
  g_test_add_func ("/charts/time/goals-events-export", test_time_chart_goals_events_export);
  g_test_add_func ("/charts/time/event-tooltip", test_time_plot_event_tooltip);
  g_test_add_func ("/charts/time/empty-export", test_time_chart_empty_export);
  g_test_add_func ("/charts/bar", test_bar_chart);
  g_test_add_func ("/charts/dark-contrast", test_chart_dark_contrast);
  g_test_add_func ("/charts/series-colors", test_series_colors);

  ret = g_test_run ();
  g_free (tmp_dir);
  rally_test_remove_tree (tmp);

  return ret;
}
