/* rally-sync-bar.h
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

#include "rally-sync-controller.h"

G_BEGIN_DECLS

#define RALLY_TYPE_SYNC_BAR (rally_sync_bar_get_type ())

G_DECLARE_FINAL_TYPE (RallySyncBar, rally_sync_bar, RALLY, SYNC_BAR, GtkWidget)

void         rally_sync_bar_set_controller (RallySyncBar        *self,
                                            RallySyncController *controller);
const char  *rally_sync_bar_get_message    (RallySyncBar        *self);

G_END_DECLS
