/* rally-report.h
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

G_BEGIN_DECLS

/**
 * RallyReportRequest:
 * @campaign_id: the campaign to report on, or 0
 * @challenge_id: the challenge to report on, or 0 (exactly one of the two is set)
 * @from: the first day (UTC midnight), or 0 for the owner's start date
 * @to: the last day, included, or 0 for its end date or today, whichever is first
 * @organisation: (nullable): the organisation named at the top
 * @logo_path: (nullable): its logo, a PNG, JPEG or SVG file
 *
 * What a report covers, and whose it is.
 */
typedef struct
{
  gint64      campaign_id;
  gint64      challenge_id;
  gint64      from;
  gint64      to;
  const char *organisation;
  const char *logo_path;
} RallyReportRequest;

gboolean  rally_report_write_pdf          (RallyStore                *store,
                                           const RallyReportRequest  *request,
                                           const char                *path,
                                           char                     **notice,
                                           GError                   **error);
gboolean  rally_report_write_campaign_pdf (RallyStore      *store,
                                           gint64           campaign_id,
                                           const char      *path,
                                           GError         **error);
char     *rally_challenge_series_color    (RallyStore      *store,
                                           RallyChallenge  *challenge,
                                           guint            loose_index);

G_END_DECLS
