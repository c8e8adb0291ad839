/* rally-chart-export.c
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

/* RallyChartExport: the reach chart leaving the screen. It asks for a file and
 * writes the chart as PNG or SVG, its data as CSV (written by its owner, which
 * knows the series and range shown) or a campaign's report as PDF, then says how
 * it went in a toast. The owner is a page; it installs the actions the menu names. */

#define G_LOG_DOMAIN "RallyChartExport"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rally-chart-export.h"
#include "rally-report.h"
#include "rally-store.h"
#include "rally-toast.h"

#define EXPORT_WIDTH  1200
#define EXPORT_HEIGHT 600

struct _RallyChartExport
{
  GObject                  parent_instance;

  /* Owned */
  RallyStore              *store;
  GtkNativeDialog         *chooser;
  RallyChartExportKind     chooser_kind;
  gint64                   chooser_campaign_id;

  /* Borrowed: the owner outlives its exporter, and the chart is its child */
  GtkWidget               *owner;
  RallyTimeChart          *chart;
  RallyChartExportCsvFunc  csv_func;
};

G_DEFINE_FINAL_TYPE (RallyChartExport, rally_chart_export, G_TYPE_OBJECT)

/* Auxiliary methods */

static void
show_toast (RallyChartExport *self,
            const char       *text)
{
  if (!rally_toast_show_near (self->owner, adw_toast_new (text)))
    g_message ("%s", text);
}

static void
report_export (RallyChartExport *self,
               gboolean          ok,
               const char       *path,
               GError           *error)
{
  g_autofree char *text = NULL;
  g_autofree char *name = g_filename_display_basename (path);

  if (ok)
    text = g_strdup_printf (_("Exported “%s”"), name);
  else
    text = g_strdup_printf (_("Could not export “%s”: %s"), name,
                            error != NULL ? error->message : _("the export failed"));
  show_toast (self, text);
}

static void
close_chooser (RallyChartExport *self)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
}

static void
chooser_response_cb (GtkNativeDialog  *chooser,
                     int               response,
                     RallyChartExport *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean ok;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);

  if (path != NULL)
    {
      ok = rally_chart_export_write (self, self->chooser_kind, self->chooser_campaign_id, path, &error);
      report_export (self, ok, path, error);
    }
  else if (file != NULL)
    show_toast (self, _("Could not export: pick a folder on this computer"));

  g_clear_object (&self->chooser);
}

static void
ask_for_file (RallyChartExport     *self,
              RallyChartExportKind  kind,
              gint64                campaign_id,
              const char           *title,
              const char           *suggested_name)
{
  GtkRoot *root = gtk_widget_get_root (self->owner);
  GtkFileChooserNative *chooser;

  close_chooser (self);

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  self->chooser_kind = kind;
  self->chooser_campaign_id = campaign_id;
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
ask_for_report (RallyChartExport *self,
                gint64            campaign_id)
{
  g_autoptr(RallyCampaign) campaign = self->store != NULL ? rally_store_get_campaign (self->store, campaign_id) : NULL;
  g_autofree char *name = NULL;

  if (campaign == NULL)
    {
      show_toast (self, _("Could not export the report: the campaign was deleted"));
      return;
    }

  /* Translators: a file name, "Red Nose Day 2020 report.pdf" */
  name = g_strdup_printf (_("%s report.pdf"), rally_campaign_get_name (campaign));
  g_strdelimit (name, "/\\", '-');
  ask_for_file (self, RALLY_CHART_EXPORT_REPORT, campaign_id, _("Export Campaign Report"), name);
}

/* GObject */

static void
rally_chart_export_dispose (GObject *object)
{
  RallyChartExport *self = RALLY_CHART_EXPORT (object);

  close_chooser (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rally_chart_export_parent_class)->dispose (object);
}

static void
rally_chart_export_class_init (RallyChartExportClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rally_chart_export_dispose;
}

static void
rally_chart_export_init (RallyChartExport *self)
{
}

/* Public API */

/**
 * rally_chart_export_new:
 * @owner: the page that exports: its window parents the file chooser, its toast
 *   overlay shows the outcome; it must outlive the exporter
 * @chart: the chart written as PNG or SVG
 * @csv_func: writes the chart's data as CSV, called with @owner
 *
 * Returns: (transfer full): a new exporter
 */
RallyChartExport *
rally_chart_export_new (GtkWidget               *owner,
                        RallyTimeChart          *chart,
                        RallyChartExportCsvFunc  csv_func)
{
  RallyChartExport *self;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);
  g_return_val_if_fail (RALLY_IS_TIME_CHART (chart), NULL);
  g_return_val_if_fail (csv_func != NULL, NULL);

  self = g_object_new (RALLY_TYPE_CHART_EXPORT, NULL);
  self->owner = owner;
  self->chart = chart;
  self->csv_func = csv_func;
  return self;
}

/**
 * rally_chart_export_set_store:
 * @self: a #RallyChartExport
 * @store: (nullable): the workspace campaign reports are drawn from
 */
void
rally_chart_export_set_store (RallyChartExport *self,
                              RallyStore       *store)
{
  g_return_if_fail (RALLY_IS_CHART_EXPORT (self));
  g_return_if_fail (store == NULL || RALLY_IS_STORE (store));

  g_set_object (&self->store, store);
}

/**
 * rally_chart_export_ask:
 * @self: a #RallyChartExport
 * @kind: what to write
 * @campaign_id: for %RALLY_CHART_EXPORT_REPORT, the campaign
 *
 * Asks where to save, then writes and says how it went.
 */
void
rally_chart_export_ask (RallyChartExport     *self,
                        RallyChartExportKind  kind,
                        gint64                campaign_id)
{
  g_return_if_fail (RALLY_IS_CHART_EXPORT (self));

  switch (kind)
    {
    case RALLY_CHART_EXPORT_PNG:
      ask_for_file (self, kind, 0, _("Export Chart as PNG"), _("reach.png"));
      break;
    case RALLY_CHART_EXPORT_SVG:
      ask_for_file (self, kind, 0, _("Export Chart as SVG"), _("reach.svg"));
      break;
    case RALLY_CHART_EXPORT_CSV:
      ask_for_file (self, kind, 0, _("Export Chart Data as CSV"), _("reach.csv"));
      break;
    case RALLY_CHART_EXPORT_REPORT:
    default:
      ask_for_report (self, campaign_id);
      break;
    }
}

/**
 * rally_chart_export_write:
 * @self: a #RallyChartExport
 * @kind: what to write
 * @campaign_id: for %RALLY_CHART_EXPORT_REPORT, the campaign
 * @path: the file to write, replaced atomically
 * @error: where to put a failure
 *
 * Returns: %TRUE on success
 */
gboolean
rally_chart_export_write (RallyChartExport      *self,
                          RallyChartExportKind   kind,
                          gint64                 campaign_id,
                          const char            *path,
                          GError               **error)
{
  g_return_val_if_fail (RALLY_IS_CHART_EXPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  switch (kind)
    {
    case RALLY_CHART_EXPORT_PNG:
      return rally_time_chart_export (self->chart, path, RALLY_CHART_FORMAT_PNG, EXPORT_WIDTH, EXPORT_HEIGHT, error);
    case RALLY_CHART_EXPORT_SVG:
      return rally_time_chart_export (self->chart, path, RALLY_CHART_FORMAT_SVG, EXPORT_WIDTH, EXPORT_HEIGHT, error);
    case RALLY_CHART_EXPORT_CSV:
      return self->csv_func (self->owner, path, error);
    case RALLY_CHART_EXPORT_REPORT:
    default:
      return rally_report_write_campaign_pdf (self->store, campaign_id, path, error);
    }
}

/**
 * rally_chart_export_menu_new:
 * @campaigns: (nullable): the campaigns a report can be made on
 * @group: the action group of the owner's "export-chart" (s) and "export-report" (x)
 *
 * The Export menu: the chart as PNG or SVG, its data as CSV, and a report on
 * each campaign.
 *
 * Returns: (transfer full): the menu
 */
GMenuModel *
rally_chart_export_menu_new (GListModel *campaigns,
                             const char *group)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) chart = g_menu_new ();
  g_autoptr(GMenu) reports = g_menu_new ();
  g_autofree char *png = g_strconcat (group, ".export-chart::png", NULL);
  g_autofree char *svg = g_strconcat (group, ".export-chart::svg", NULL);
  g_autofree char *csv = g_strconcat (group, ".export-chart::csv", NULL);
  g_autofree char *report_action = g_strconcat (group, ".export-report", NULL);
  guint n = campaigns != NULL ? g_list_model_get_n_items (campaigns) : 0;

  g_menu_append (chart, _("Chart as _PNG…"), png);
  g_menu_append (chart, _("Chart as _SVG…"), svg);
  g_menu_append (chart, _("Data as _CSV…"), csv);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (chart));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RallyCampaign) campaign = g_list_model_get_item (campaigns, i);
      g_autofree char *label = g_strdup_printf (_("Report on “%s” (PDF)…"), rally_campaign_get_name (campaign));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, report_action,
                                               g_variant_new_int64 (rally_campaign_get_id (campaign)));
      g_menu_append_item (reports, item);
    }
  if (n > 0)
    g_menu_append_section (menu, _("Campaign Reports"), G_MENU_MODEL (reports));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

/**
 * rally_chart_export_write_csv:
 * @series: (element-type RallySeries): the charted series
 * @from: the first time written (UTC seconds), or %G_MININT64
 * @to: the last time written, or %G_MAXINT64
 * @path: the file to write, replaced atomically
 * @error: where to put a failure
 *
 * Writes @series ("date,series,value"), every point of them within [@from, @to].
 *
 * Returns: %TRUE on success
 */
gboolean
rally_chart_export_write_csv (GPtrArray   *series,
                              gint64       from,
                              gint64       to,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(GPtrArray) in_range = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_series_unref);

  g_return_val_if_fail (series != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < series->len; i++)
    {
      RallySeries *shown = g_ptr_array_index (series, i);
      RallySeries *clipped = rally_series_new (rally_series_get_name (shown), rally_series_get_color (shown));
      guint n;
      const RallyPoint *points = rally_series_get_points (shown, &n);

      for (guint j = 0; j < n; j++)
        {
          if (points[j].t >= from && points[j].t <= to)
            rally_series_append (clipped, points[j].t, points[j].v);
        }
      g_ptr_array_add (in_range, clipped);
    }

  return rally_series_write_csv (in_range, path, error);
}
