/* rally-color-swatch.h
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

#define RALLY_TYPE_COLOR_SWATCH (rally_color_swatch_get_type ())

G_DECLARE_FINAL_TYPE (RallyColorSwatch, rally_color_swatch, RALLY, COLOR_SWATCH, GtkWidget)

GtkWidget  *rally_color_swatch_new       (const char       *color);
void        rally_color_swatch_set_color (RallyColorSwatch *self,
                                          const char       *color);
const char *rally_color_swatch_get_color (RallyColorSwatch *self);

G_END_DECLS
