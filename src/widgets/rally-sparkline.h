/* rally-sparkline.h
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

#define RALLY_TYPE_SPARKLINE (rally_sparkline_get_type ())

G_DECLARE_FINAL_TYPE (RallySparkline, rally_sparkline, RALLY, SPARKLINE, GtkWidget)

GtkWidget    *rally_sparkline_new        (void);
void          rally_sparkline_set_values (RallySparkline *self,
                                          const double   *values,
                                          guint           n_values);
guint         rally_sparkline_get_n_values (RallySparkline *self);
void          rally_sparkline_set_color  (RallySparkline *self,
                                          const GdkRGBA  *color);

G_END_DECLS
