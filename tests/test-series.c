/* test-series.c
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

/* RallySeries: colours, sorting, cumulative and per-day views, CSV export. */

#include "config.h"

#include <csv.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rally-series.h"
#include "rally-test-util.h"

#define DAY G_GINT64_CONSTANT (86400)
#define START G_GINT64_CONSTANT (1795564800) /* 2026-11-25 */

static void
test_series_color (void)
{
  g_autoptr(RallySeries) a = rally_series_new ("A", "#FF8000");
  g_autoptr(RallySeries) b = rally_series_new ("B", "#0f0");
  g_autoptr(RallySeries) c = rally_series_new ("C", "not a colour");
  double r, g, bl;

  g_assert_cmpstr (rally_series_get_color (a), ==, "#ff8000");
  rally_series_get_rgb (a, &r, &g, &bl);
  g_assert_cmpfloat (r, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (g, 128 / 255.0, 1e-9);
  g_assert_cmpfloat (bl, ==, 0.0);
  g_assert_cmpstr (rally_series_get_color (b), ==, "#00ff00");
  g_assert_cmpstr (rally_series_get_color (c), ==, "#3584e4");
  g_assert_false (rally_color_parse ("#12345", NULL, NULL, NULL));
  g_assert_false (rally_color_parse ("#gggggg", NULL, NULL, NULL));
}

/* The store hands out points; the caller names and colours the series. */
static void
test_series_from_points (void)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (RallyPoint));
  g_autoptr(RallySeries) series = NULL;
  const RallyPoint *copied;
  guint n = 0;

  for (guint i = 0; i < 3; i++)
    {
      RallyPoint point = { 86400 * (gint64) i, 10.0 * (i + 1) };

      g_array_append_val (points, point);
    }
  series = rally_series_new_from_points ("#SpringWalk", "#e01b24", points);
  g_array_set_size (points, 0);
  g_assert_cmpstr (rally_series_get_name (series), ==, "#SpringWalk");
  g_assert_cmpstr (rally_series_get_color (series), ==, "#e01b24");
  copied = rally_series_get_points (series, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (copied[2].t, ==, 2 * 86400);
  g_assert_cmpfloat (copied[2].v, ==, 30.0);
}

static void
test_series_sort_and_find (void)
{
  g_autoptr(RallySeries) s = rally_series_new ("S", NULL);
  const RallyPoint *points;
  gint64 t_min, t_max;
  double v_min, v_max;
  guint n;

  rally_series_append (s, START + 2 * DAY, 30);
  rally_series_append (s, START, 10);
  rally_series_append (s, START + DAY, 20);
  rally_series_append (s, START + 3 * DAY, 0.0 / 0.0); /* NaN is ignored */

  points = rally_series_get_points (s, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (points[0].t, ==, START);
  g_assert_cmpint (points[2].t, ==, START + 2 * DAY);

  g_assert_true (rally_series_get_bounds (s, &t_min, &t_max, &v_min, &v_max));
  g_assert_cmpfloat (v_min, ==, 10);
  g_assert_cmpfloat (v_max, ==, 30);

  g_assert_cmpint (rally_series_find_at_or_before (s, START - 1), ==, -1);
  g_assert_cmpint (rally_series_find_at_or_before (s, START), ==, 0);
  g_assert_cmpint (rally_series_find_at_or_before (s, START + DAY + 5), ==, 1);
  g_assert_cmpint (rally_series_find_at_or_before (s, START + 99 * DAY), ==, 2);
}

static void
test_series_cumulative_per_day (void)
{
  g_autoptr(RallySeries) snapshots = rally_series_new ("Views", "#e01b24");
  g_autoptr(RallySeries) daily = NULL;
  g_autoptr(RallySeries) total = NULL;
  const RallyPoint *p;
  guint n;

  /* Two snapshots on the first day, one on the second, a gap, one on the fourth. */
  rally_series_append (snapshots, START + 3600, 1000);
  rally_series_append (snapshots, START + 20 * 3600, 1500);
  rally_series_append (snapshots, START + DAY + 60, 1800);
  rally_series_append (snapshots, START + 3 * DAY + 60, 2400);

  daily = rally_series_to_per_day (snapshots);
  p = rally_series_get_points (daily, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (p[0].t, ==, START);
  g_assert_cmpfloat (p[0].v, ==, 500);
  g_assert_cmpint (p[1].t, ==, START + DAY);
  g_assert_cmpfloat (p[1].v, ==, 300);
  g_assert_cmpint (p[2].t, ==, START + 3 * DAY);
  g_assert_cmpfloat (p[2].v, ==, 600);
  g_assert_cmpstr (rally_series_get_name (daily), ==, "Views");
  g_assert_cmpstr (rally_series_get_color (daily), ==, "#e01b24");

  total = rally_series_to_cumulative (daily);
  p = rally_series_get_points (total, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (p[0].v, ==, 500);
  g_assert_cmpfloat (p[2].v, ==, 1400);
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

static GPtrArray *
read_csv (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;
  struct csv_parser parser;
  CsvRead read = { NULL, g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref) };

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpint (csv_init (&parser, CSV_STRICT), ==, 0);
  g_assert_cmpuint (csv_parse (&parser, contents, len, field_cb, row_cb, &read), ==, len);
  csv_fini (&parser, field_cb, row_cb, &read);
  csv_free (&parser);
  return read.rows;
}

static const char *
cell (GPtrArray *rows, guint r, guint c)
{
  GPtrArray *row = g_ptr_array_index (rows, r);
  return g_ptr_array_index (row, c);
}

static void
test_series_csv (void)
{
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_series_unref);
  g_autofree char *dir = g_dir_make_tmp ("rally-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing", "chart.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  RallySeries *a = rally_series_new ("#DanceForChange", "#3584e4");
  RallySeries *b = rally_series_new ("Comma, \"quoted\"\nand newline — ünïcode", "#e01b24");
  RallySeries *c = rally_series_new ("=HYPERLINK(\"http://example.com\")", NULL);

  rally_series_append (a, START, 81000000);
  rally_series_append (a, START + DAY, 81500000);
  rally_series_append (b, START + 3600, 0.125);
  g_ptr_array_add (series, a);
  g_ptr_array_add (series, b);
  g_ptr_array_add (series, c);
  rally_series_append (c, START, -5);

  g_assert_true (rally_series_write_csv (series, path, &error));
  g_assert_no_error (error);

  rows = read_csv (path);
  g_assert_cmpuint (rows->len, ==, 5);
  g_assert_cmpstr (cell (rows, 0, 0), ==, "date");
  g_assert_cmpstr (cell (rows, 0, 1), ==, "series");
  g_assert_cmpstr (cell (rows, 0, 2), ==, "value");
  g_assert_cmpstr (cell (rows, 1, 0), ==, "2026-11-25");
  g_assert_cmpstr (cell (rows, 1, 1), ==, "#DanceForChange");
  g_assert_cmpstr (cell (rows, 1, 2), ==, "81000000");
  g_assert_cmpstr (cell (rows, 2, 2), ==, "81500000");
  g_assert_cmpstr (cell (rows, 3, 0), ==, "2026-11-25T01:00:00Z");
  g_assert_cmpstr (cell (rows, 3, 1), ==, rally_series_get_name (b));
  g_assert_cmpfloat (g_ascii_strtod (cell (rows, 3, 2), NULL), ==, 0.125);
  g_assert_cmpstr (cell (rows, 4, 1), ==, "'=HYPERLINK(\"http://example.com\")");
  g_assert_cmpstr (cell (rows, 4, 2), ==, "-5");

  /* A directory that does not exist: a clear error and no file. */
  g_assert_false (rally_series_write_csv (series, bad, &error));
  g_assert_nonnull (error);
  g_assert_true (strstr (error->message, "Could not export") != NULL);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  rally_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series/color", test_series_color);
  g_test_add_func ("/series/from-points", test_series_from_points);
  g_test_add_func ("/series/sort-and-find", test_series_sort_and_find);
  g_test_add_func ("/series/cumulative-per-day", test_series_cumulative_per_day);
  g_test_add_func ("/series/csv", test_series_csv);

  return g_test_run ();
}
