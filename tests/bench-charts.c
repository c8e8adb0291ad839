/* bench-charts.c
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

/* How long the time chart takes to draw 10K, 100K and 1M points at 1200 × 600:
 * the first draw after new data (decimation and layout) and a repeat draw (the
 * cached layout only), into an offscreen image surface; then 1M points again with
 * 3 goal lines and 5 events (2 periods, 3 days), and what they add to each figure.
 * A redraw without the raster cache (as an SVG export draws) is timed too, since
 * the cache would hide what the marks cost. Prints figures only. */

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "rally-time-plot.h"

#define WIDTH   1200
#define HEIGHT  600
#define REPEATS 50
#define RELAYOUTS 9

static GPtrArray *
make_series (guint n_total)
{
  GPtrArray *series = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_series_unref);
  const char *colors[] = { "#1c71d8", "#e01b24", "#2ec27e" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);

  for (guint s = 0; s < 3; s++)
    {
      g_autofree char *name = g_strdup_printf ("Series %u", s + 1);
      RallySeries *one = rally_series_new (name, colors[s]);
      double v = 0;

      /* One point a minute, a noisy random walk upwards. */
      for (guint i = 0; i < n_total / 3; i++)
        {
          v += g_rand_double_range (rand, -50, 100 * (s + 1));
          rally_series_append (one, 1787875200 + (gint64) i * 60, MAX (0, v));
        }
      g_ptr_array_add (series, one);
    }
  return series;
}

static double
draw_ms (RallyTimePlot         *plot,
         cairo_surface_t       *surface,
         const RallyChartStyle *style,
         gboolean               cursor)
{
  cairo_t *cr = cairo_create (surface);
  gint64 start = g_get_monotonic_time ();

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  rally_time_plot_draw (plot, cr, WIDTH, HEIGHT, 1, style);
  if (cursor)
    rally_time_plot_draw_cursor (plot, cr, style, 1787875200 + 3600);
  cairo_surface_flush (surface);
  cairo_destroy (cr);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

static void
add_marks (RallyTimePlot *plot)
{
  /* inside the data's range, so the value axis, and so the series' pixels, stay the same */
  const RallyChartGoal goals[] = {
    { 1e7, "Goal 10M", FALSE }, { 2e7, "Goal 20M", FALSE }, { 3e7, "Goal 30M", FALSE },
  };
  const RallyChartEvent events[] = {
    { 1787875200 + 20 * 86400, 1787875200 + 27 * 86400, "Joke-Ha-Thon" },
    { 1787875200 + 60 * 86400, 1787875200 + 60 * 86400, "Launch" },
    { 1787875200 + 100 * 86400, 1787875200 + 100 * 86400, "Red nose AR filter" },
    { 1787875200 + 140 * 86400, 1787875200 + 150 * 86400, "Promoted hashtag" },
    { 1787875200 + 200 * 86400, 1787875200 + 200 * 86400, "Press coverage" },
  };

  rally_time_plot_set_goals (plot, goals, G_N_ELEMENTS (goals));
  rally_time_plot_set_events (plot, events, G_N_ELEMENTS (events));
}

typedef struct
{
  double first, relayout, repeat, repeat_max, cursor, uncached;
} Figures;

static void
bench (guint    n,
       gboolean marks,
       Figures *out)
{
  g_autoptr(GPtrArray) series = make_series (n);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  RallyTimePlot *plot = rally_time_plot_new ();
  RallyChartStyle style;
  double first, repeats[REPEATS], relayouts[RELAYOUTS], cursor, repeats_uncached[REPEATS];

  rally_chart_style_init_light (&style, NULL);
  rally_time_plot_set_series (plot, series);
  if (marks)
    add_marks (plot);
  rally_time_plot_set_raster_cache (plot, TRUE);

  first = draw_ms (plot, surface, &style, FALSE);
  for (guint i = 0; i < REPEATS; i++)
    repeats[i] = draw_ms (plot, surface, &style, FALSE);
  qsort (repeats, REPEATS, sizeof (double), compare_double);
  cursor = draw_ms (plot, surface, &style, TRUE);
  /* What a resize costs: decimation, layout and rendering again, data unchanged. */
  for (guint i = 0; i < RELAYOUTS; i++)
    {
      rally_time_plot_invalidate (plot);
      relayouts[i] = draw_ms (plot, surface, &style, FALSE);
    }
  qsort (relayouts, RELAYOUTS, sizeof (double), compare_double);
  /* Without the cache every redraw strokes the paths, the marks and the labels. */
  rally_time_plot_set_raster_cache (plot, FALSE);
  for (guint i = 0; i < REPEATS; i++)
    repeats_uncached[i] = draw_ms (plot, surface, &style, FALSE);
  qsort (repeats_uncached, REPEATS, sizeof (double), compare_double);

  printf ("%8u points%s: first draw %6.2f ms, relayout median %6.2f ms, "
          "repeat draw median %5.2f ms (max %5.2f), with crosshair %5.2f ms, uncached redraw median %5.2f ms\n",
          n, marks ? " + 3 goals, 5 events" : "", first, relayouts[RELAYOUTS / 2], repeats[REPEATS / 2],
          repeats[REPEATS - 1], cursor, repeats_uncached[REPEATS / 2]);
  if (out != NULL)
    *out = (Figures) { first, relayouts[RELAYOUTS / 2], repeats[REPEATS / 2], repeats[REPEATS - 1], cursor,
                       repeats_uncached[REPEATS / 2] };

  rally_chart_style_clear (&style);
  rally_time_plot_free (plot);
  cairo_surface_destroy (surface);
}

/* Loads the fonts once, so the first figure is not the font cache's start-up. */
static void
warm_up (void)
{
  g_autoptr(GPtrArray) series = make_series (300);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  RallyTimePlot *plot = rally_time_plot_new ();
  RallyChartStyle style;

  rally_chart_style_init_light (&style, NULL);
  rally_time_plot_set_series (plot, series);
  draw_ms (plot, surface, &style, FALSE);
  rally_chart_style_clear (&style);
  rally_time_plot_free (plot);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  Figures plain, marked;

  warm_up ();
  printf ("Time chart at %d × %d, 3 series, image surface\n", WIDTH, HEIGHT);
  bench (10000, FALSE, NULL);
  bench (100000, FALSE, NULL);
  /* plain and marked twice, in turn, so warming caches favour neither */
  for (guint round = 0; round < 2; round++)
    {
      bench (1000000, FALSE, &plain);
      bench (1000000, TRUE, &marked);
      printf ("Round %u: goal lines and events at 1M points add %+.2f ms per redraw (cached), "
              "%+.2f ms per uncached redraw, %+.2f ms per relayout\n", round + 1,
              marked.repeat - plain.repeat, marked.uncached - plain.uncached, marked.relayout - plain.relayout);
    }
  return 0;
}
