/* rally-window.h
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

#include "rally-application.h"

G_BEGIN_DECLS

#define RALLY_TYPE_WINDOW (rally_window_get_type ())

G_DECLARE_FINAL_TYPE (RallyWindow, rally_window, RALLY, WINDOW, AdwApplicationWindow)

RallyWindow *rally_window_new           (RallyApplication *application);
const char  *rally_window_get_page_name (RallyWindow      *self);
GtkWidget   *rally_window_get_page      (RallyWindow      *self,
                                         const char       *name);
void         rally_window_add_toast     (RallyWindow      *self,
                                         AdwToast         *toast);
const char  *rally_window_get_last_toast (RallyWindow     *self);

G_END_DECLS
