/* rally-chart-marks.h
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

#include "rally-store.h"
#include "rally-time-chart.h"

G_BEGIN_DECLS

/* The events of a challenge, or of a campaign and its challenges, as a chart
 * draws them (RallyChartEvent, titles owned); for a figures reader's thread. */
GArray *rally_chart_marks_read_events (RallyStore *store,
                                       gboolean    is_campaign,
                                       gint64      id);

G_END_DECLS
