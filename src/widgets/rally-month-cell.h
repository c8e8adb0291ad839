/* rally-month-cell.h
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

G_BEGIN_DECLS

#define RALLY_TYPE_MONTH_CELL (rally_month_cell_get_type ())

G_DECLARE_FINAL_TYPE (RallyMonthCell, rally_month_cell, RALLY, MONTH_CELL, GtkWidget)

/* How many chips a cell shows before summing up the rest as "+N more" */
#define RALLY_MONTH_CELL_MAX_CHIPS 3

GtkWidget *rally_month_cell_new         (void);
gint64     rally_month_cell_get_day     (RallyMonthCell *self);
void       rally_month_cell_set_day     (RallyMonthCell *self,
                                         gint64          day,
                                         gboolean        in_month,
                                         gboolean        is_today);
void       rally_month_cell_add_chip    (RallyMonthCell *self,
                                         GtkWidget      *chip);
void       rally_month_cell_clear_chips (RallyMonthCell *self);
guint      rally_month_cell_get_n_chips (RallyMonthCell *self);
GtkWidget *rally_month_cell_get_chip    (RallyMonthCell *self,
                                         guint           index);

G_END_DECLS
