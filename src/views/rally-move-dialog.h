/* rally-move-dialog.h
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

#include <adwaita.h>

#include "rally-store.h"

G_BEGIN_DECLS

#define RALLY_TYPE_MOVE_DIALOG (rally_move_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RallyMoveDialog, rally_move_dialog, RALLY, MOVE_DIALOG, AdwWindow)

GtkWidget  *rally_move_dialog_new       (GtkWindow  *parent,
                                         RallyStore *store);
void        rally_move_dialog_set_uri   (RallyMoveDialog *self,
                                         const char      *uri);
void        rally_move_dialog_start     (RallyMoveDialog *self);

G_END_DECLS
