/* rally-analytics-page.c
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

/* RallyAnalyticsPage: reach over time for the challenges and campaigns picked as
 * series (a campaign is the sum of its challenges) and for the charity's own account
 * (its TikTok Studio overview imports, or else its synced snapshots), one metric,
 * cumulative or per day, over a range; a bar chart compares the series; Export writes the chart, its
 * data or a campaign report. Figures come from SQL aggregates (snapshots, or videos
 * grouped by day), never from every video. The series are picked and gathered in
 * rally-analytics-page-series.c; Export is print/rally-chart-export.c. */

#define G_LOG_DOMAIN "RallyAnalyticsPage"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-analytics-page-private.h"
#include "rally-format.h"
#include "rally-metrics.h"
#include "rally-store-account.h"
#include "rally-store.h"

G_DEFINE_FINAL_TYPE (RallyAnalyticsPage, rally_analytics_page, ADW_TYPE_BIN)

/* What the series show, as the controls say */

/* The metric of the left axis: views when donations are beside them. */
RallyMetric
_rally_analytics_page_get_metric (RallyAnalyticsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->metric_dropdown);

  if (selected == (guint) RALLY_ANALYTICS_VIEWS_AND_DONATIONS)
    return RALLY_METRIC_VIEWS;
  return (RallyMetric) MIN (selected, RALLY_METRIC_DONATIONS);
}

/* Whether donations are charted on a right-hand axis beside the views. */
gboolean
_rally_analytics_page_get_money_beside (RallyAnalyticsPage *self)
{
  return gtk_drop_down_get_selected (self->metric_dropdown) == (guint) RALLY_ANALYTICS_VIEWS_AND_DONATIONS;
}

gboolean
_rally_analytics_page_get_cumulative (RallyAnalyticsPage *self)
{
  return gtk_toggle_button_get_active (self->cumulative_button);
}

/* Whether the series count days since each one's launch. */
gboolean
_rally_analytics_page_get_aligned (RallyAnalyticsPage *self)
{
  return gtk_toggle_button_get_active (self->align_button);
}

/* Whether each challenge is two series, its organic and its seeded videos. */
gboolean
_rally_analytics_page_get_split (RallyAnalyticsPage *self)
{
  return gtk_toggle_button_get_active (self->split_button);
}

/* Range */

static void
data_bounds (RallyAnalyticsPage *self,
             gint64             *first,
             gint64             *last)
{
  *first = G_MAXINT64;
  *last = G_MININT64;

  for (guint i = 0; i < self->shown->len; i++)
    {
      GArray *table = g_array_index (self->shown, Shown, i).table;

      if (table->len == 0)
        continue;
      *first = MIN (*first, g_array_index (table, RallyDayTotals, 0).day);
      *last = MAX (*last, g_array_index (table, RallyDayTotals, table->len - 1).day);
    }
}

/* The days shown, [from, to] as UTC midnights; FALSE for all of the data. */
static gboolean
get_range (RallyAnalyticsPage *self,
           gint64             *from,
           gint64             *to)
{
  static const int days[] = { 7, 30, 90 };
  guint range = gtk_drop_down_get_selected (self->range_dropdown);
  gint64 first, last;

  if (range == RALLY_ANALYTICS_RANGE_CUSTOM)
    {
      *from = MIN (self->custom_from, self->custom_to);
      *to = MAX (self->custom_from, self->custom_to);
      return TRUE;
    }

  data_bounds (self, &first, &last);
  if (range >= G_N_ELEMENTS (days) || first > last)
    return FALSE;

  *to = last;
  *from = last - (days[range] - 1) * RALLY_SECONDS_PER_DAY;
  return TRUE;
}

static void
update_date_button (GtkMenuButton *button,
                    gint64         day)
{
  g_autofree char *text = rally_format_date (day);

  gtk_menu_button_set_label (button, text);
}

static void
select_calendar_day (GtkCalendar *calendar,
                     gint64       day)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (day);

  if (date != NULL)
    gtk_calendar_select_day (calendar, date);
}

static gint64
calendar_day (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);

  return rally_day_start (g_date_time_to_unix (date) + g_date_time_get_utc_offset (date) / G_USEC_PER_SEC);
}

static void
show_custom_range (RallyAnalyticsPage *self)
{
  self->updating_controls = TRUE;
  select_calendar_day (self->from_calendar, self->custom_from);
  select_calendar_day (self->to_calendar, self->custom_to);
  self->updating_controls = FALSE;
  update_date_button (self->from_button, self->custom_from);
  update_date_button (self->to_button, self->custom_to);
}

/* Bar chart: each series over the range, from its running totals. */

static const RallyDayTotals *
totals_before (GArray *table,
               gint64  t)
{
  const RallyDayTotals *found = NULL;

  for (guint i = 0; i < table->len && g_array_index (table, RallyDayTotals, i).day < t; i++)
    found = &g_array_index (table, RallyDayTotals, i);

  return found;
}

static double
value_over_range (GArray      *table,
                  RallyMetric  metric,
                  gboolean     cumulative,
                  gboolean     ranged,
                  gint64       from,
                  gint64       to)
{
  static const RallyDayTotals zero = { 0 };
  const RallyDayTotals *end = totals_before (table, ranged ? to + 1 : G_MAXINT64);
  const RallyDayTotals *start = ranged && !cumulative ? totals_before (table, from) : NULL;
  RallyDayTotals diff;

  if (end == NULL)
    end = &zero;
  if (start == NULL)
    start = &zero;

  diff.views = end->views - start->views;
  diff.videos = end->videos - start->videos;
  diff.likes = end->likes - start->likes;
  diff.comments = end->comments - start->comments;
  diff.shares = end->shares - start->shares;

  return rally_reach_value (&diff, metric);
}

/* A money series over the range: its last running total, or the sum of its days. */
static double
series_over_range (RallySeries *series,
                   gboolean     cumulative,
                   gboolean     ranged,
                   gint64       from,
                   gint64       to)
{
  guint n;
  const RallyPoint *points = rally_series_get_points (series, &n);
  double sum = 0;

  if (cumulative)
    {
      gint last = rally_series_find_at_or_before (series, ranged ? to : G_MAXINT64);

      return last >= 0 ? points[last].v : 0;
    }
  for (guint i = 0; i < n; i++)
    if (!ranged || (points[i].t >= from && points[i].t <= to))
      sum += points[i].v;
  return sum;
}

const char *
_rally_analytics_page_metric_name (RallyMetric metric)
{
  static const char * const names[] = {
    N_("Views"), N_("Videos"), N_("Likes"), N_("Comments"), N_("Shares"), N_("Engagement rate"), N_("Donations"),
    N_("Views and donations"),
  };

  return _(names[MIN (metric, G_N_ELEMENTS (names) - 1)]);
}


static void
update_bar_chart (RallyAnalyticsPage *self,
                  gboolean            ranged,
                  gint64              from,
                  gint64              to)
{
  RallyMetric metric = _rally_analytics_page_get_metric (self);
  gboolean cumulative = _rally_analytics_page_get_cumulative (self);
  g_autofree char *title = NULL;

  rally_bar_chart_clear (self->bar_chart);
  for (guint i = 0; i < self->shown->len; i++)
    {
      Shown *shown = &g_array_index (self->shown, Shown, i);
      double value = shown->money ? series_over_range (shown->series, cumulative, ranged, from, to)
                                  : value_over_range (shown->table, metric, cumulative, ranged, from, to);

      /* money and counts on one bar scale would mislead: the bars compare reach */
      if (shown->money && metric != RALLY_METRIC_DONATIONS)
        continue;
      rally_bar_chart_append (self->bar_chart, rally_series_get_name (shown->series), isnan (value) ? 0 : value,
                              rally_series_get_color (shown->series));
    }

  if (cumulative)
    /* Translators: "Views at the end of the range" */
    title = g_strdup_printf (_("%s at the end of the range"), _rally_analytics_page_metric_name (metric));
  else
    title = g_strdup_printf (_("%s over the range"), _rally_analytics_page_metric_name (metric));
  rally_bar_chart_set_title (self->bar_chart, title);
  gtk_label_set_text (self->bar_title, title);
  rally_bar_chart_set_value_format (self->bar_chart, metric == RALLY_METRIC_ENGAGEMENT
                                    ? RALLY_CHART_VALUE_PERCENT : RALLY_CHART_VALUE_COUNT);
  gtk_widget_set_size_request (GTK_WIDGET (self->bar_chart), -1, 72 + 40 * MAX (1, (int) self->shown->len));
}

/* Where the charted figures come from: one sentence when every series has the same
 * basis, else one per series, "#rednoseday: By posting day, counts as of …". */
static char *
describe_sources (RallyAnalyticsPage *self)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  gboolean same = TRUE;
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < self->shown->len; i++)
    {
      char *note = rally_reach_source_describe (&g_array_index (self->shown, Shown, i).source);

      g_ptr_array_add (notes, note);
      same = same && g_strcmp0 (note, g_ptr_array_index (notes, 0)) == 0;
    }

  for (guint i = 0; i < notes->len; i++)
    {
      const char *note = g_ptr_array_index (notes, i);

      if (note == NULL || (same && i > 0))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (same)
        g_string_append (out, note);
      else
        /* Translators: a series' name, then where its figures come from */
        g_string_append_printf (out, _("%s: %s"), rally_series_get_name (g_array_index (self->shown, Shown, i).series),
                                note);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* Each series' launch when aligned, and where its figures come from for the hover:
 * the fetch of its latest snapshot and the basis of its days, the challenge tiles' words. */
static void
update_launches_and_notes (RallyAnalyticsPage *self)
{
  g_autoptr(GArray) launches = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->shown->len; i++)
    {
      const Shown *shown = &g_array_index (self->shown, Shown, i);
      g_autofree char *basis = rally_reach_source_describe (&shown->source);

      g_array_append_val (launches, shown->launch);
      if (shown->provenance != NULL && basis != NULL)
        /* Translators: a chart series' provenance: its fetch, then the basis of its days */
        g_ptr_array_add (notes, g_strdup_printf (_("%s. %s"), shown->provenance, basis));
      else
        g_ptr_array_add (notes, g_strdup (shown->provenance != NULL ? shown->provenance : basis));
    }
  rally_time_chart_set_launches (self->time_chart,
                                 _rally_analytics_page_get_aligned (self) ? (const gint64 *) (gpointer) launches->data
                                                                          : NULL,
                                 launches->len);
  rally_time_chart_set_notes (self->time_chart, notes);
}

/* Aligned, a fixed range is the first days since launch; else all of them. */
static void
set_aligned_range (RallyAnalyticsPage *self)
{
  static const int days[] = { 7, 30, 90 };
  guint range = gtk_drop_down_get_selected (self->range_dropdown);

  if (range < G_N_ELEMENTS (days))
    rally_time_chart_set_range (self->time_chart, 0, days[range] * RALLY_SECONDS_PER_DAY - 1);
  else
    rally_time_chart_set_range (self->time_chart, 0, 0);
}

static void
update_time_chart (RallyAnalyticsPage *self,
                   gboolean            ranged,
                   gint64              from,
                   gint64              to)
{
  RallyMetric metric = _rally_analytics_page_get_metric (self);
  RallyMetric named = _rally_analytics_page_get_money_beside (self) ? RALLY_ANALYTICS_VIEWS_AND_DONATIONS : metric;
  g_autoptr(GPtrArray) series = g_ptr_array_new ();
  g_autofree char *named_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *basis = describe_sources (self);

  for (guint i = 0; i < self->shown->len; i++)
    g_ptr_array_add (series, g_array_index (self->shown, Shown, i).series);

  if (metric == RALLY_METRIC_DONATIONS && self->money_currency != NULL)
    /* Translators: the name of the money metric with its currency, "Donations (GBP)" */
    named_text = g_strdup_printf (_("Donations (%s)"), self->money_currency);
  else
    named_text = g_strdup (_rally_analytics_page_metric_name (named));
  if (_rally_analytics_page_get_cumulative (self))
    /* Translators: "Views, running total" */
    title = g_strdup_printf (_("%s, running total"), named_text);
  else
    title = g_strdup_printf (_("%s per day"), named_text);

  rally_time_chart_set_title (self->time_chart, title);
  gtk_label_set_text (self->time_title, title);
  rally_time_chart_set_value_format (self->time_chart, metric == RALLY_METRIC_ENGAGEMENT
                                     ? RALLY_CHART_VALUE_PERCENT : RALLY_CHART_VALUE_COUNT);
  rally_time_chart_set_fill (self->time_chart, series->len == 1 && metric != RALLY_METRIC_ENGAGEMENT);
  rally_time_chart_set_note (self->time_chart, basis);
  gtk_label_set_text (self->time_basis, basis != NULL ? basis : "");
  gtk_widget_set_visible (GTK_WIDGET (self->time_basis), basis != NULL);
  rally_time_chart_set_series (self->time_chart, series);
  update_launches_and_notes (self);
  _rally_analytics_page_update_marks (self);
  if (_rally_analytics_page_get_aligned (self))
    set_aligned_range (self);
  else if (ranged)
    rally_time_chart_set_range (self->time_chart, from, to + RALLY_SECONDS_PER_DAY - 1);
  else
    rally_time_chart_set_range (self->time_chart, 0, 0);
}

static void
update_series_button (RallyAnalyticsPage *self)
{
  g_autofree char *label = NULL;

  if (self->shown->len == 0)
    label = g_strdup (_("Pick Series"));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Series", "%u Series", self->shown->len),
                             self->shown->len);
  gtk_menu_button_set_label (self->series_button, label);
}

/* Without challenges, and without the account's figures over time, there is nothing
 * to chart: a workspace that holds only the organisation's synced profile shows the
 * account card alone, not two empty charts. */
static void
show_charts (RallyAnalyticsPage *self,
             gboolean            visible)
{
  GtkWidget *widgets[] = {
    GTK_WIDGET (self->controls), GTK_WIDGET (self->custom_revealer), GTK_WIDGET (self->time_title),
    GTK_WIDGET (self->time_chart), GTK_WIDGET (self->bar_title), GTK_WIDGET (self->bar_chart),
  };

  if (!visible)
    gtk_widget_set_visible (GTK_WIDGET (self->time_basis), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    gtk_widget_set_visible (widgets[i], visible);
}

static void
refresh (RallyAnalyticsPage *self)
{
  gint64 from = 0, to = 0;
  gboolean ranged, has_series;

  g_clear_handle_id (&self->refresh_idle, g_source_remove);

  /* what is shown stays until the reader's figures arrive: at first, nothing */
  if (self->figures == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->stack), TRUE);
  has_series = self->store != NULL &&
               (g_list_model_get_n_items (self->challenges) > 0 || self->account_table->len > 0);
  if (!has_series)
    g_array_set_size (self->shown, 0);
  show_charts (self, has_series);
  if (!has_series && !rally_account_card_get_has_account (self->account_card))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  if (!has_series)
    {
      gtk_stack_set_visible_child_name (self->stack, "charts");
      return;
    }

  /* until series are picked, every challenge is one, and the account */
  if (!self->chose_series)
    _rally_analytics_page_select_default_series (self);

  _rally_analytics_page_collect_series (self);
  ranged = get_range (self, &from, &to);
  update_time_chart (self, ranged, from, to);
  update_bar_chart (self, ranged, from, to);
  _rally_analytics_page_update_overview (self, ranged, from, to);
  update_series_button (self);
  gtk_stack_set_visible_child_name (self->stack, "charts");
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  refresh (user_data);
  return G_SOURCE_REMOVE;
}

void
_rally_analytics_page_queue_refresh (RallyAnalyticsPage *self)
{
  if (self->refresh_idle == 0)
    self->refresh_idle = g_idle_add (refresh_idle_cb, self);
}

/* Controls */

static void
metric_changed_cb (RallyAnalyticsPage *self)
{
  refresh (self);
}

static void
cumulative_toggled_cb (RallyAnalyticsPage *self)
{
  refresh (self);
}

/* Aligned by launch, or split by origin: the series are gathered anew. */
static void
align_toggled_cb (RallyAnalyticsPage *self)
{
  refresh (self);
}

static void
range_changed_cb (RallyAnalyticsPage *self)
{
  gboolean custom = gtk_drop_down_get_selected (self->range_dropdown) == RALLY_ANALYTICS_RANGE_CUSTOM;

  if (custom && self->custom_from == 0 && self->custom_to == 0)
    {
      gint64 first, last;

      data_bounds (self, &first, &last);
      self->custom_from = first <= last ? first : rally_day_start (g_get_real_time () / G_USEC_PER_SEC);
      self->custom_to = first <= last ? last : self->custom_from;
      show_custom_range (self);
    }
  gtk_revealer_set_reveal_child (self->custom_revealer, custom);
  refresh (self);
}

static void
calendar_day_selected_cb (RallyAnalyticsPage *self)
{
  if (self->updating_controls)
    return;

  self->custom_from = calendar_day (self->from_calendar);
  self->custom_to = calendar_day (self->to_calendar);
  update_date_button (self->from_button, self->custom_from);
  update_date_button (self->to_button, self->custom_to);
  refresh (self);
}

/* Export: the exporter asks for a file and writes; the page only names the action */

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RallyAnalyticsPage *self = RALLY_ANALYTICS_PAGE (widget);
  const char *format = g_variant_get_string (parameter, NULL);

  if (g_str_equal (format, "png"))
    rally_chart_export_ask (self->export, RALLY_CHART_EXPORT_PNG, 0);
  else if (g_str_equal (format, "svg"))
    rally_chart_export_ask (self->export, RALLY_CHART_EXPORT_SVG, 0);
  else
    rally_chart_export_ask (self->export, RALLY_CHART_EXPORT_CSV, 0);
}

static gboolean
export_csv (gpointer     user_data,
            const char  *path,
            GError     **error)
{
  return rally_analytics_page_export_csv (user_data, path, error);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RallyAnalyticsPage *self = RALLY_ANALYTICS_PAGE (widget);

  rally_chart_export_ask (self->export, RALLY_CHART_EXPORT_REPORT, g_variant_get_int64 (parameter));
}

static void
rebuild_export_menu (RallyAnalyticsPage *self)
{
  g_autoptr(GMenuModel) menu = rally_chart_export_menu_new (self->campaigns, "analytics");

  gtk_menu_button_set_menu_model (self->export_button, menu);
}

/* Store */

static void
lists_changed_cb (RallyAnalyticsPage *self)
{
  _rally_analytics_page_rebuild_series_popover (self);
  rebuild_export_menu (self);
  _rally_analytics_page_queue_refresh (self);
}

static void
figures_read_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RallyAnalyticsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  RallyAnalyticsFigures *figures;
  gboolean current = g_task_get_cancellable (G_TASK (result)) == self->loading;
  gboolean had_account;

  figures = rally_figures_reader_run_finish (RALLY_FIGURES_READER (source_object), result, &error);
  if (!current)
    {
      /* a newer read started meanwhile: it shows its figures */
      g_clear_pointer (&figures, _rally_analytics_figures_free);
      return;
    }
  g_clear_object (&self->loading);
  if (figures == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the figures to chart: %s", error->message);
      return;
    }

  had_account = self->account_table != NULL && self->account_table->len > 0;
  g_clear_pointer (&self->figures, _rally_analytics_figures_free);
  self->figures = figures;
  g_clear_pointer (&self->account_table, g_array_unref);
  self->account_table = g_array_ref (figures->account_table);
  self->account_imported_at = figures->account_imported_at;
  if (had_account != (self->account_table->len > 0))
    _rally_analytics_page_rebuild_series_popover (self);
  refresh (self);
}

/* Reads every series' figures on the reader's thread; a newer read drops an older one's. */
static void
load_figures (RallyAnalyticsPage *self)
{
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->reader == NULL)
    return;

  self->loading = g_cancellable_new ();
  self->n_loads++;
  rally_figures_reader_run_async (self->reader, _rally_analytics_figures_read, NULL, NULL,
                                  (GDestroyNotify) _rally_analytics_figures_free, self->loading,
                                  figures_read_cb, g_object_ref (self));
}

static void
drop_store (RallyAnalyticsPage *self)
{
  if (self->campaigns != NULL)
    g_signal_handlers_disconnect_by_data (self->campaigns, self);
  if (self->challenges != NULL)
    g_signal_handlers_disconnect_by_data (self->challenges, self);
  if (self->reader != NULL)
    g_signal_handlers_disconnect_by_data (self->reader, self);
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_object (&self->reader);
  g_clear_object (&self->campaigns);
  g_clear_object (&self->challenges);
  g_clear_object (&self->store);
}

/* GObject */

static void
rally_analytics_page_dispose (GObject *object)
{
  RallyAnalyticsPage *self = RALLY_ANALYTICS_PAGE (object);

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  g_clear_object (&self->export);
  drop_store (self);

  G_OBJECT_CLASS (rally_analytics_page_parent_class)->dispose (object);
}

static void
rally_analytics_page_finalize (GObject *object)
{
  RallyAnalyticsPage *self = RALLY_ANALYTICS_PAGE (object);

  g_clear_pointer (&self->selected, g_hash_table_unref);
  g_clear_pointer (&self->shown, g_array_unref);
  g_clear_pointer (&self->account_table, g_array_unref);
  g_clear_pointer (&self->figures, _rally_analytics_figures_free);
  g_clear_pointer (&self->money_currency, g_free);

  G_OBJECT_CLASS (rally_analytics_page_parent_class)->finalize (object);
}

/* GTK 4.8 names a drop-down's inner button after its type: give it the drop-down's name. */
static void
name_drop_down_button (GtkDropDown *drop_down,
                       const char  *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}

static void
rally_analytics_page_class_init (RallyAnalyticsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_analytics_page_dispose;
  object_class->finalize = rally_analytics_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/rally-analytics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, account_card);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, align_button);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, compare_button);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, bar_chart);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, bar_title);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, controls);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, cumulative_button);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, custom_revealer);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, from_button);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, metric_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, overview_box);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, overview_title);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, per_day_button);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, series_box);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, series_button);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, split_button);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, time_basis);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, time_chart);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, time_title);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, to_button);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, to_calendar);

  gtk_widget_class_install_action (widget_class, "analytics.export-chart", "s", export_chart_action);
  gtk_widget_class_install_action (widget_class, "analytics.export-report", "x", export_report_action);

  g_type_ensure (RALLY_TYPE_ACCOUNT_CARD);
  g_type_ensure (RALLY_TYPE_BAR_CHART);
  g_type_ensure (RALLY_TYPE_TIME_CHART);
}

static void
rally_analytics_page_init (RallyAnalyticsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->selected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->shown = g_array_new (FALSE, TRUE, sizeof (Shown));
  g_array_set_clear_func (self->shown, _rally_analytics_page_shown_clear);
  self->account_table = g_array_new (FALSE, TRUE, sizeof (RallyDayTotals));
  gtk_widget_set_visible (GTK_WIDGET (self->stack), FALSE);

  rally_time_chart_set_empty_text (self->time_chart, _("Nothing to chart: pick series, or a range with data"));
  rally_bar_chart_set_empty_text (self->bar_chart, _("Pick challenges or campaigns to compare"));
  self->export = rally_chart_export_new (GTK_WIDGET (self), self->time_chart, export_csv);
  rebuild_export_menu (self);
  gtk_drop_down_set_selected (self->range_dropdown, RALLY_ANALYTICS_RANGE_ALL);
  name_drop_down_button (self->metric_dropdown, _("Metric"));
  name_drop_down_button (self->range_dropdown, _("Time range"));

  g_signal_connect_swapped (self->metric_dropdown, "notify::selected", G_CALLBACK (metric_changed_cb), self);
  /* the card follows the account itself; the page only cares whether there is one */
  g_signal_connect_swapped (self->account_card, "notify::has-account", G_CALLBACK (_rally_analytics_page_queue_refresh), self);
  g_signal_connect_swapped (self->cumulative_button, "toggled", G_CALLBACK (cumulative_toggled_cb), self);
  g_signal_connect_swapped (self->align_button, "toggled", G_CALLBACK (align_toggled_cb), self);
  g_signal_connect_swapped (self->split_button, "toggled", G_CALLBACK (align_toggled_cb), self);
  g_signal_connect_swapped (self->compare_button, "toggled", G_CALLBACK (cumulative_toggled_cb), self);
  g_signal_connect_swapped (self->range_dropdown, "notify::selected", G_CALLBACK (range_changed_cb), self);
  g_signal_connect_swapped (self->from_calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb), self);
  g_signal_connect_swapped (self->to_calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb), self);
}

/* Public API */

/**
 * rally_analytics_page_set_reader:
 * @self: a #RallyAnalyticsPage
 * @reader: the reader of the workspace's figures
 *
 * Charts the challenges and campaigns of @reader's store, as read on its thread,
 * and reads them again after each burst of the store's changes. Until series are
 * picked, every challenge is one.
 */
void
rally_analytics_page_set_reader (RallyAnalyticsPage *self,
                                 RallyFiguresReader *reader)
{
  RallyStore *store;

  g_return_if_fail (RALLY_IS_ANALYTICS_PAGE (self));
  g_return_if_fail (RALLY_IS_FIGURES_READER (reader));

  if (self->reader == reader)
    return;

  store = rally_figures_reader_get_store (reader);
  drop_store (self);
  self->store = g_object_ref (store);
  self->reader = g_object_ref (reader);
  self->campaigns = rally_store_list_campaigns (store);
  self->challenges = rally_store_list_challenges (store, 0);
  g_signal_connect_swapped (self->campaigns, "items-changed", G_CALLBACK (lists_changed_cb), self);
  g_signal_connect_swapped (self->challenges, "items-changed", G_CALLBACK (lists_changed_cb), self);
  g_signal_connect_object (reader, "changed", G_CALLBACK (load_figures), self, G_CONNECT_SWAPPED);
  rally_account_card_set_reader (self->account_card, reader);
  rally_chart_export_set_store (self->export, store);

  if (!self->chose_series)
    _rally_analytics_page_select_default_series (self);
  _rally_analytics_page_rebuild_series_popover (self);
  rebuild_export_menu (self);
  load_figures (self);
}

/**
 * rally_analytics_page_set_store:
 * @self: a #RallyAnalyticsPage
 * @store: the workspace
 *
 * Charts @store's challenges and campaigns with a reader of the page's own.
 */
void
rally_analytics_page_set_store (RallyAnalyticsPage *self,
                                RallyStore         *store)
{
  g_autoptr(RallyFiguresReader) reader = NULL;

  g_return_if_fail (RALLY_IS_ANALYTICS_PAGE (self));
  g_return_if_fail (RALLY_IS_STORE (store));

  if (self->store == store)
    return;

  reader = rally_figures_reader_new (store);
  rally_analytics_page_set_reader (self, reader);
}

/**
 * rally_analytics_page_is_loaded:
 * @self: a #RallyAnalyticsPage
 *
 * Returns: whether the page, and its account card, show the newest figures they
 *   asked their reader for
 */
gboolean
rally_analytics_page_is_loaded (RallyAnalyticsPage *self)
{
  g_return_val_if_fail (RALLY_IS_ANALYTICS_PAGE (self), FALSE);

  return self->figures != NULL && self->loading == NULL && rally_account_card_is_loaded (self->account_card);
}

/**
 * rally_analytics_page_get_n_loads:
 * @self: a #RallyAnalyticsPage
 *
 * Returns: how many times the page asked its reader for its figures, for tests
 */
guint
rally_analytics_page_get_n_loads (RallyAnalyticsPage *self)
{
  g_return_val_if_fail (RALLY_IS_ANALYTICS_PAGE (self), 0);

  return self->n_loads;
}

/**
 * rally_analytics_page_show_account:
 * @self: a #RallyAnalyticsPage
 *
 * Adds the account's own series to the charts (it is there already until series
 * are picked by hand).
 */
void
rally_analytics_page_show_account (RallyAnalyticsPage *self)
{
  g_return_if_fail (RALLY_IS_ANALYTICS_PAGE (self));

  if (self->chose_series)
    _rally_analytics_page_select_key (self, g_strdup (ACCOUNT_KEY), TRUE);
  if (self->store != NULL)
    _rally_analytics_page_rebuild_series_popover (self);
  refresh (self);
}

/**
 * rally_analytics_page_select_challenge:
 * @self: a #RallyAnalyticsPage
 * @challenge_id: a challenge
 * @selected: whether the charts show it
 */
void
rally_analytics_page_select_challenge (RallyAnalyticsPage *self,
                                       gint64              challenge_id,
                                       gboolean            selected)
{
  g_return_if_fail (RALLY_IS_ANALYTICS_PAGE (self));

  if (!self->chose_series)
    g_hash_table_remove_all (self->selected);
  _rally_analytics_page_set_selected (self, FALSE, challenge_id, selected);
  if (self->store != NULL)
    _rally_analytics_page_rebuild_series_popover (self);
  refresh (self);
}

/**
 * rally_analytics_page_select_campaign:
 * @self: a #RallyAnalyticsPage
 * @campaign_id: a campaign
 * @selected: whether the charts show the sum of its challenges
 */
void
rally_analytics_page_select_campaign (RallyAnalyticsPage *self,
                                      gint64              campaign_id,
                                      gboolean            selected)
{
  g_return_if_fail (RALLY_IS_ANALYTICS_PAGE (self));

  if (!self->chose_series)
    g_hash_table_remove_all (self->selected);
  _rally_analytics_page_set_selected (self, TRUE, campaign_id, selected);
  if (self->store != NULL)
    _rally_analytics_page_rebuild_series_popover (self);
  refresh (self);
}

void
rally_analytics_page_set_metric (RallyAnalyticsPage *self,
                                 RallyMetric         metric)
{
  g_return_if_fail (RALLY_IS_ANALYTICS_PAGE (self));
  g_return_if_fail (metric <= RALLY_ANALYTICS_VIEWS_AND_DONATIONS);

  gtk_drop_down_set_selected (self->metric_dropdown, metric);
}

/**
 * rally_analytics_page_set_aligned:
 * @aligned: whether the series count days since each one's launch (its start date)
 */
void
rally_analytics_page_set_aligned (RallyAnalyticsPage *self,
                                  gboolean            aligned)
{
  g_return_if_fail (RALLY_IS_ANALYTICS_PAGE (self));

  gtk_toggle_button_set_active (self->align_button, aligned);
}

/**
 * rally_analytics_page_set_split:
 * @split: whether each challenge is charted as its organic and its seeded videos
 */
void
rally_analytics_page_set_split (RallyAnalyticsPage *self,
                                gboolean            split)
{
  g_return_if_fail (RALLY_IS_ANALYTICS_PAGE (self));

  gtk_toggle_button_set_active (self->split_button, split);
}

void
rally_analytics_page_set_cumulative (RallyAnalyticsPage *self,
                                     gboolean            cumulative)
{
  g_return_if_fail (RALLY_IS_ANALYTICS_PAGE (self));

  gtk_toggle_button_set_active (cumulative ? self->cumulative_button : self->per_day_button, TRUE);
}

/**
 * rally_analytics_page_set_range:
 * @self: a #RallyAnalyticsPage
 * @range: the span
 * @custom_from: for %RALLY_ANALYTICS_RANGE_CUSTOM, the first day (UTC seconds)
 * @custom_to: for %RALLY_ANALYTICS_RANGE_CUSTOM, the last day
 */
void
rally_analytics_page_set_range (RallyAnalyticsPage  *self,
                                RallyAnalyticsRange  range,
                                gint64               custom_from,
                                gint64               custom_to)
{
  g_return_if_fail (RALLY_IS_ANALYTICS_PAGE (self));
  g_return_if_fail (range <= RALLY_ANALYTICS_RANGE_CUSTOM);

  if (range == RALLY_ANALYTICS_RANGE_CUSTOM)
    {
      self->custom_from = rally_day_start (custom_from);
      self->custom_to = rally_day_start (custom_to);
      show_custom_range (self);
    }
  gtk_drop_down_set_selected (self->range_dropdown, range);
  refresh (self);
}

RallyTimeChart *
rally_analytics_page_get_time_chart (RallyAnalyticsPage *self)
{
  g_return_val_if_fail (RALLY_IS_ANALYTICS_PAGE (self), NULL);

  return self->time_chart;
}

RallyBarChart *
rally_analytics_page_get_bar_chart (RallyAnalyticsPage *self)
{
  g_return_val_if_fail (RALLY_IS_ANALYTICS_PAGE (self), NULL);

  return self->bar_chart;
}

/* An aligned series back on its own dates. */
static RallySeries *
dated_series (const Shown *shown)
{
  guint n;
  const RallyPoint *points = rally_series_get_points (shown->series, &n);
  g_autoptr(GArray) dated = g_array_sized_new (FALSE, FALSE, sizeof (RallyPoint), n);

  for (guint i = 0; i < n; i++)
    {
      RallyPoint point = { .t = points[i].t + shown->launch, .v = points[i].v };

      g_array_append_val (dated, point);
    }
  return rally_series_new_from_points (rally_series_get_name (shown->series), rally_series_get_color (shown->series),
                                       dated);
}

/**
 * rally_analytics_page_export_csv:
 * @self: a #RallyAnalyticsPage
 * @path: the file to write, replaced atomically
 *
 * Writes the charted series ("date,series,value"), every day of them within the
 * range shown.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_analytics_page_export_csv (RallyAnalyticsPage  *self,
                                 const char          *path,
                                 GError             **error)
{
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_series_unref);
  gint64 from = G_MININT64, to = G_MAXINT64;
  gboolean aligned;

  g_return_val_if_fail (RALLY_IS_ANALYTICS_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  aligned = _rally_analytics_page_get_aligned (self);
  if (aligned || !get_range (self, &from, &to))
    from = G_MININT64, to = G_MAXINT64;

  for (guint i = 0; i < self->shown->len; i++)
    {
      const Shown *shown = &g_array_index (self->shown, Shown, i);

      /* aligned, each series' days are written as its own dates */
      g_ptr_array_add (series, aligned ? dated_series (shown) : rally_series_ref (shown->series));
    }

  return rally_chart_export_write_csv (series, from, to, path, error);
}
