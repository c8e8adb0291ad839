/* rally-series.c
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

/* RallySeries: the plain data a chart draws. A name, a colour ("#rrggbb", the campaign
 * colour) and points sorted by time. It knows nothing of GTK, so the analytics page
 * turns store results into series and the charts, the CSV export and the tests all
 * share them. Charts treat a series as immutable once given to them. */

#define G_LOG_DOMAIN "RallySeries"

#include "config.h"

#include <csv.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <gio/gio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rally-csv-field.h"
#include "rally-series.h"

#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)
#define DEFAULT_COLOR "#3584e4"

struct _RallySeries
{
  gatomicrefcount  ref_count;
  char            *name;
  char            *color;
  double           rgb[3];
  GArray          *points;
  gboolean         sorted;
};

G_DEFINE_BOXED_TYPE (RallySeries, rally_series, rally_series_ref, rally_series_unref)

static int
hex_value (char c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

/**
 * rally_color_parse:
 * @text: "#rrggbb" or "#rgb"
 *
 * Returns: %TRUE and the channels in [0, 1] when @text is a colour.
 */
gboolean
rally_color_parse (const char *text,
                   double     *red,
                   double     *green,
                   double     *blue)
{
  double *out[3] = { red, green, blue };
  gsize len;

  if (text == NULL || text[0] != '#')
    return FALSE;
  len = strlen (text + 1);
  if (len != 6 && len != 3)
    return FALSE;
  for (gsize i = 1; i <= len; i++)
    if (hex_value (text[i]) < 0)
      return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      int value = len == 6
        ? hex_value (text[1 + 2 * i]) * 16 + hex_value (text[2 + 2 * i])
        : hex_value (text[1 + i]) * 17;
      if (out[i] != NULL)
        *out[i] = value / 255.0;
    }
  return TRUE;
}

/**
 * rally_series_new:
 * @name: what the legend shows
 * @color: (nullable): "#rrggbb"; blue when %NULL or not a colour
 *
 * Returns: (transfer full): an empty series
 */
RallySeries *
rally_series_new (const char *name,
                  const char *color)
{
  RallySeries *self = g_new0 (RallySeries, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name != NULL ? name : "");
  if (!rally_color_parse (color, &self->rgb[0], &self->rgb[1], &self->rgb[2]))
    {
      color = DEFAULT_COLOR;
      rally_color_parse (color, &self->rgb[0], &self->rgb[1], &self->rgb[2]);
    }
  self->color = g_strdup_printf ("#%02x%02x%02x",
                                 (int) round (self->rgb[0] * 255),
                                 (int) round (self->rgb[1] * 255),
                                 (int) round (self->rgb[2] * 255));
  self->points = g_array_new (FALSE, FALSE, sizeof (RallyPoint));
  self->sorted = TRUE;

  return self;
}

/**
 * rally_series_new_from_points:
 * @name: what the legend shows
 * @color: (nullable): "#rrggbb"; blue when %NULL or not a colour
 * @points: (element-type RallyPoint): the points, e.g. from rally_reach_points()
 *
 * Returns: (transfer full): a series holding a copy of @points
 */
RallySeries *
rally_series_new_from_points (const char *name,
                              const char *color,
                              GArray     *points)
{
  RallySeries *self = rally_series_new (name, color);

  g_return_val_if_fail (points != NULL, self);

  for (guint i = 0; i < points->len; i++)
    {
      const RallyPoint *point = &g_array_index (points, RallyPoint, i);

      rally_series_append (self, point->t, point->v);
    }
  return self;
}

RallySeries *
rally_series_ref (RallySeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
rally_series_unref (RallySeries *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->name);
      g_free (self->color);
      g_array_unref (self->points);
      g_free (self);
    }
}

const char *
rally_series_get_name (RallySeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

/**
 * rally_series_get_color:
 *
 * Returns: the colour as "#rrggbb" in lower case
 */
const char *
rally_series_get_color (RallySeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->color;
}

void
rally_series_get_rgb (RallySeries *self,
                      double      *red,
                      double      *green,
                      double      *blue)
{
  g_return_if_fail (self != NULL);

  if (red != NULL)
    *red = self->rgb[0];
  if (green != NULL)
    *green = self->rgb[1];
  if (blue != NULL)
    *blue = self->rgb[2];
}

/**
 * rally_series_append:
 *
 * Adds a point. Points that are not finite are ignored; appending out of order is
 * allowed but then rally_series_sort() must run before the series is read.
 */
void
rally_series_append (RallySeries *self,
                     gint64       t,
                     double       v)
{
  RallyPoint point = { t, v };

  g_return_if_fail (self != NULL);

  if (!isfinite (v))
    return;
  if (self->points->len > 0 && g_array_index (self->points, RallyPoint, self->points->len - 1).t > t)
    self->sorted = FALSE;
  g_array_append_val (self->points, point);
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const RallyPoint *pa = a, *pb = b;

  return (pa->t > pb->t) - (pa->t < pb->t);
}

/**
 * rally_series_sort:
 *
 * Sorts the points by time, keeping the order of points with the same time.
 */
void
rally_series_sort (RallySeries *self)
{
  g_return_if_fail (self != NULL);

  if (!self->sorted)
    {
      /* g_array_sort is a stable merge sort in GLib 2.74 (g_qsort_with_data). */
      g_array_sort (self->points, compare_points);
      self->sorted = TRUE;
    }
}

guint
rally_series_get_n_points (RallySeries *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->points->len;
}

/**
 * rally_series_get_points:
 * @n_points: (out) (optional): how many points
 *
 * Returns: (transfer none): the points, sorted by time
 */
const RallyPoint *
rally_series_get_points (RallySeries *self,
                         guint       *n_points)
{
  g_return_val_if_fail (self != NULL, NULL);

  rally_series_sort (self);
  if (n_points != NULL)
    *n_points = self->points->len;
  return (const RallyPoint *) (gpointer) self->points->data;
}

/**
 * rally_series_get_bounds:
 *
 * Returns: %FALSE for an empty series, otherwise %TRUE and the time and value ranges.
 */
gboolean
rally_series_get_bounds (RallySeries *self,
                         gint64      *t_min,
                         gint64      *t_max,
                         double      *v_min,
                         double      *v_max)
{
  const RallyPoint *points;
  guint n;
  double lo = INFINITY, hi = -INFINITY;

  g_return_val_if_fail (self != NULL, FALSE);

  points = rally_series_get_points (self, &n);
  if (n == 0)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      lo = MIN (lo, points[i].v);
      hi = MAX (hi, points[i].v);
    }
  if (t_min != NULL)
    *t_min = points[0].t;
  if (t_max != NULL)
    *t_max = points[n - 1].t;
  if (v_min != NULL)
    *v_min = lo;
  if (v_max != NULL)
    *v_max = hi;
  return TRUE;
}

/**
 * rally_series_find_at_or_before:
 *
 * Returns: the index of the last point with a time ≤ @t, or -1 when there is none.
 */
gint
rally_series_find_at_or_before (RallySeries *self,
                                gint64       t)
{
  const RallyPoint *points;
  guint n, lo = 0, hi;

  g_return_val_if_fail (self != NULL, -1);

  points = rally_series_get_points (self, &n);
  hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (points[mid].t <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return (gint) lo - 1;
}

static RallySeries *
new_like (RallySeries *other)
{
  return rally_series_new (other->name, other->color);
}

/**
 * rally_series_to_cumulative:
 * @daily: values per day (or per any period)
 *
 * Returns: (transfer full): the running total of @daily at the same times
 */
RallySeries *
rally_series_to_cumulative (RallySeries *daily)
{
  RallySeries *out;
  const RallyPoint *points;
  guint n;
  double total = 0;

  g_return_val_if_fail (daily != NULL, NULL);

  out = new_like (daily);
  points = rally_series_get_points (daily, &n);
  for (guint i = 0; i < n; i++)
    {
      total += points[i].v;
      rally_series_append (out, points[i].t, total);
    }
  return out;
}

/**
 * rally_series_to_per_day:
 * @cumulative: running totals, such as the snapshots of a challenge's views
 *
 * Takes the last value of each UTC day and subtracts the previous day's last value.
 * The first day counts from its first value, so a series that starts at 81M does not
 * show 81M gained on its first day. Days without a snapshot are skipped, and a day
 * after a gap carries the growth since the previous snapshot.
 *
 * Returns: (transfer full): the gain per day, at midnight UTC of each day
 */
RallySeries *
rally_series_to_per_day (RallySeries *cumulative)
{
  RallySeries *out;
  const RallyPoint *points;
  guint n;
  double previous;

  g_return_val_if_fail (cumulative != NULL, NULL);

  out = new_like (cumulative);
  points = rally_series_get_points (cumulative, &n);
  if (n == 0)
    return out;

  previous = points[0].v;
  for (guint i = 0; i < n; i++)
    {
      gint64 day = points[i].t - (((points[i].t % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY);
      gboolean last_of_day = i + 1 == n || points[i + 1].t >= day + SECONDS_PER_DAY;

      if (!last_of_day)
        continue;
      rally_series_append (out, day, points[i].v - previous);
      previous = points[i].v;
    }
  return out;
}

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  if (dt == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT, t);
  if (t % SECONDS_PER_DAY == 0)
    return g_date_time_format (dt, "%Y-%m-%d");
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static void
write_field (FILE       *fp,
             const char *text,
             gboolean    last)
{
  csv_fwrite (fp, text, strlen (text));
  fputc (last ? '\n' : ',', fp);
}

static void
write_series (FILE        *fp,
              RallySeries *series)
{
  g_autofree char *name = rally_csv_neutralize (series->name);
  const RallyPoint *points;
  guint n;

  points = rally_series_get_points (series, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *date = format_time (points[i].t);
      char value[G_ASCII_DTOSTR_BUF_SIZE];

      if (points[i].v == floor (points[i].v) && fabs (points[i].v) < 1e15)
        g_snprintf (value, sizeof value, "%.0f", points[i].v);
      else
        g_ascii_dtostr (value, sizeof value, points[i].v);

      write_field (fp, date, FALSE);
      write_field (fp, name, FALSE);
      write_field (fp, value, TRUE);
    }
}

/**
 * rally_series_write_csv:
 * @series: (element-type RallySeries): the series to export
 * @path: the file to write
 *
 * Writes a tidy CSV with the header "date,series,value" and one row per point:
 * dates as 2026-11-25 (or 2026-11-25T10:00:00Z when not at midnight UTC), values
 * with a "." decimal mark. Names that a spreadsheet would run as a formula get a
 * leading apostrophe. The file is replaced atomically, so a failed export
 * leaves any earlier file as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_series_write_csv (GPtrArray   *series,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *buffer = NULL;
  gsize size = 0;
  FILE *fp;
  gboolean ok;

  g_return_val_if_fail (series != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fp = open_memstream (&buffer, &size);
  if (fp == NULL)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not export the chart data: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  /* The column names stay in English, as scripts read them. */
  write_field (fp, "date", FALSE);
  write_field (fp, "series", FALSE);
  write_field (fp, "value", TRUE);
  for (guint i = 0; i < series->len; i++)
    write_series (fp, g_ptr_array_index (series, i));
  ok = ferror (fp) == 0;
  if (fclose (fp) != 0 || !ok)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not export the chart data: out of memory"));
      return FALSE;
    }

  if (!g_file_set_contents_full (path, buffer, size, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    {
      g_prefix_error (error, "%s", _("Could not export the chart data: "));
      return FALSE;
    }
  return TRUE;
}
