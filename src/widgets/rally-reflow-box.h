/* rally-reflow-box.h
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

#define RALLY_TYPE_REFLOW_BOX (rally_reflow_box_get_type ())

G_DECLARE_FINAL_TYPE (RallyReflowBox, rally_reflow_box, RALLY, REFLOW_BOX, GtkWidget)

GtkWidget *rally_reflow_box_new           (void);
GtkWidget *rally_reflow_box_get_start_child (RallyReflowBox *self);
void       rally_reflow_box_set_start_child (RallyReflowBox *self,
                                             GtkWidget      *child);
GtkWidget *rally_reflow_box_get_end_child (RallyReflowBox *self);
void       rally_reflow_box_set_end_child (RallyReflowBox *self,
                                           GtkWidget      *child);
gboolean   rally_reflow_box_get_folded    (RallyReflowBox *self);
void       rally_reflow_box_set_end_offset (RallyReflowBox *self,
                                            int             offset);

G_END_DECLS
