/* chart-demo.c
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

/* A window with the charts on synthetic data, for looking at them and taking
 * screenshots: /work/shared/tools/screenshots OUTDIR _build/tests/chart-demo
 * Not a test and not installed. */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "rally-bar-chart.h"
#include "rally-time-chart.h"

#define DAY G_GINT64_CONSTANT (86400)
#define START G_GINT64_CONSTANT (1787875200) /* 2026-08-28 */

/* Cumulative views of a challenge: an S-curve to @total with a little noise. */
static RallySeries *
make_series (const char *name,
             const char *color,
             double      total,
             double      midpoint,
             guint       seed)
{
  RallySeries *series = rally_series_new (name, color);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  double last = 0;

  for (guint day = 0; day <= 90; day++)
    {
      double v = total / (1 + exp (-(day - midpoint) / 8.0));

      v = MAX (last, v * (1 + g_rand_double_range (rand, -0.01, 0.01)));
      rally_series_append (series, START + day * DAY, round (v));
      last = v;
    }
  return series;
}

static GtkWidget *
make_time_chart (void)
{
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_series_unref);
  GtkWidget *time_chart;

  g_ptr_array_add (series, make_series ("#ForClimate", "#2ec27e", 384e6, 40, 1));
  g_ptr_array_add (series, make_series ("#DanceForChange", "#1a237e", 81e6, 30, 2));
  g_ptr_array_add (series, make_series ("#rednoseday", "#e01b24", 20e6, 55, 3));

  time_chart = rally_time_chart_new ();
  rally_time_chart_set_title (RALLY_TIME_CHART (time_chart), "Views over time");
  rally_time_chart_set_series (RALLY_TIME_CHART (time_chart), series);
  return time_chart;
}

static GtkWidget *
make_bar_chart (void)
{
  GtkWidget *bar_chart = rally_bar_chart_new ();

  rally_bar_chart_set_title (RALLY_BAR_CHART (bar_chart), "Views by challenge");
  rally_bar_chart_append (RALLY_BAR_CHART (bar_chart), "#ForClimate", 384e6, "#2ec27e");
  rally_bar_chart_append (RALLY_BAR_CHART (bar_chart), "#DanceForChange", 81e6, "#1a237e");
  rally_bar_chart_append (RALLY_BAR_CHART (bar_chart), "#rednoseday", 20e6, "#e01b24");
  rally_bar_chart_append (RALLY_BAR_CHART (bar_chart), "#TheRealChallenge (sample figures)", 4.2e6, "#f6d32d");
  return bar_chart;
}

/* chart-demo --export DIR writes the charts as PNG, SVG and CSV into DIR. */
static int
export_all (const char *dir)
{
  GtkWidget *time_chart = g_object_ref_sink (make_time_chart ());
  GtkWidget *bar_chart = g_object_ref_sink (make_bar_chart ());
  g_autofree char *png = g_build_filename (dir, "time-chart.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "time-chart.svg", NULL);
  g_autofree char *csv = g_build_filename (dir, "time-chart.csv", NULL);
  g_autofree char *bars = g_build_filename (dir, "bar-chart.png", NULL);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = rally_time_chart_export (RALLY_TIME_CHART (time_chart), png, RALLY_CHART_FORMAT_PNG, 1200, 600, &error)
    && rally_time_chart_export (RALLY_TIME_CHART (time_chart), svg, RALLY_CHART_FORMAT_SVG, 1200, 600, &error)
    && rally_series_write_csv (rally_time_chart_get_series (RALLY_TIME_CHART (time_chart)), csv, &error)
    && rally_bar_chart_export (RALLY_BAR_CHART (bar_chart), bars, RALLY_CHART_FORMAT_PNG, 800, 200, &error);
  if (!ok)
    g_printerr ("%s\n", error->message);

  g_object_unref (time_chart);
  g_object_unref (bar_chart);
  return ok ? 0 : 1;
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window, *box, *header, *scroller, *content, *time_chart, *bar_chart, *label;

  time_chart = make_time_chart ();
  gtk_widget_set_vexpand (time_chart, TRUE);
  gtk_widget_set_size_request (time_chart, -1, 320);
  rally_time_chart_set_cursor_index (RALLY_TIME_CHART (time_chart), 62);
  bar_chart = make_bar_chart ();

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_box_append (GTK_BOX (content), time_chart);
  label = gtk_label_new ("Views by challenge");
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (content), label);
  gtk_box_append (GTK_BOX (content), bar_chart);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), content);
  gtk_widget_set_vexpand (scroller, TRUE);

  header = adw_header_bar_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scroller);

  window = adw_application_window_new (GTK_APPLICATION (app));
  gtk_window_set_title (GTK_WINDOW (window), "Rally chart demo");
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  gtk_widget_set_size_request (window, 360, 300);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  if (argc == 3 && g_str_equal (argv[1], "--export"))
    {
      if (!gtk_init_check ())
        return 1;
      return export_all (argv[2]);
    }

  app = adw_application_new ("io.github.rallyapp.Rally.ChartDemo",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
