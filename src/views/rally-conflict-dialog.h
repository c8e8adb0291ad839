/* rally-conflict-dialog.h
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

#define RALLY_TYPE_CONFLICT_DIALOG (rally_conflict_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RallyConflictDialog, rally_conflict_dialog, RALLY, CONFLICT_DIALOG, AdwWindow)

gboolean     rally_conflict_dialog_offer         (GtkWindow           *editor,
                                                  RallyStore          *store,
                                                  RallyRecord         *mine,
                                                  RallyRecord         *editing,
                                                  const char          *save_action,
                                                  const GError        *error);
const char  *rally_conflict_dialog_get_heading   (RallyConflictDialog *self);
RallyRecord *rally_conflict_dialog_get_stored    (RallyConflictDialog *self);
guint        rally_conflict_dialog_get_n_differing (RallyConflictDialog *self);

G_END_DECLS
