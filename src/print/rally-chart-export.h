/* rally-chart-export.h
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

#pragma once

#include <gtk/gtk.h>

#include "rally-model.h"
#include "rally-time-chart.h"

G_BEGIN_DECLS

/**
 * RallyChartExportKind:
 *
 * What an export writes: the reach chart as an image, its data, or a campaign report.
 */
typedef enum
{
  RALLY_CHART_EXPORT_PNG,
  RALLY_CHART_EXPORT_SVG,
  RALLY_CHART_EXPORT_CSV,
  RALLY_CHART_EXPORT_REPORT,
} RallyChartExportKind;

/* Writes the charted data to @path as CSV; @user_data is the exporter's owner. */
typedef gboolean (*RallyChartExportCsvFunc) (gpointer     user_data,
                                             const char  *path,
                                             GError     **error);

#define RALLY_TYPE_CHART_EXPORT (rally_chart_export_get_type ())

G_DECLARE_FINAL_TYPE (RallyChartExport, rally_chart_export, RALLY, CHART_EXPORT, GObject)

RallyChartExport *rally_chart_export_new          (GtkWidget                *owner,
                                                   RallyTimeChart           *chart,
                                                   RallyChartExportCsvFunc   csv_func);
void              rally_chart_export_set_store    (RallyChartExport         *self,
                                                   RallyStore               *store);
void              rally_chart_export_ask          (RallyChartExport         *self,
                                                   RallyChartExportKind      kind,
                                                   gint64                    campaign_id);
gboolean          rally_chart_export_write        (RallyChartExport         *self,
                                                   RallyChartExportKind      kind,
                                                   gint64                    campaign_id,
                                                   const char               *path,
                                                   GError                  **error);
GMenuModel       *rally_chart_export_menu_new     (GListModel               *campaigns,
                                                   const char               *group);
gboolean          rally_chart_export_write_csv    (GPtrArray                *series,
                                                   gint64                    from,
                                                   gint64                    to,
                                                   const char               *path,
                                                   GError                  **error);

G_END_DECLS
