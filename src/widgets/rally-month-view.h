/* rally-month-view.h
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

#include "rally-month-cell.h"

G_BEGIN_DECLS

#define RALLY_TYPE_MONTH_VIEW (rally_month_view_get_type ())

G_DECLARE_FINAL_TYPE (RallyMonthView, rally_month_view, RALLY, MONTH_VIEW, GtkWidget)

/* Below this width the view lists the days that have items instead of drawing a grid */
#define RALLY_MONTH_VIEW_NARROW_WIDTH 600

GtkWidget      *rally_month_view_new               (void);
void            rally_month_view_set_month         (RallyMonthView *self,
                                                    int             year,
                                                    int             month);
int             rally_month_view_get_year          (RallyMonthView *self);
int             rally_month_view_get_month         (RallyMonthView *self);
void            rally_month_view_set_first_weekday (RallyMonthView *self,
                                                    GDateWeekday    first_weekday);
void            rally_month_view_set_today         (RallyMonthView *self,
                                                    gint64          today);
void            rally_month_view_get_range         (RallyMonthView *self,
                                                    gint64         *first_day,
                                                    gint64         *last_day);
guint           rally_month_view_get_n_weeks       (RallyMonthView *self);
RallyMonthCell *rally_month_view_get_cell          (RallyMonthView *self,
                                                    gint64          day);
RallyMonthCell *rally_month_view_get_cell_at       (RallyMonthView *self,
                                                    guint           index);
gint64          rally_month_view_get_focus_day     (RallyMonthView *self);
void            rally_month_view_set_focus_day     (RallyMonthView *self,
                                                    gint64          day);
gboolean        rally_month_view_get_narrow        (RallyMonthView *self);
GtkListBox     *rally_month_view_get_list          (RallyMonthView *self);
void            rally_month_view_set_items_movable (RallyMonthView *self,
                                                    gboolean        movable);
gboolean        rally_month_view_get_items_movable (RallyMonthView *self);
void            rally_month_view_clear_items       (RallyMonthView *self);
void            rally_month_view_add_item          (RallyMonthView *self,
                                                    gint64          day,
                                                    gint64          id,
                                                    const char     *label,
                                                    const char     *tooltip,
                                                    const char     *css_class);

G_END_DECLS
