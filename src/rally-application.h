/* rally-application.h
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

#include "rally-context.h"
#include "rally-sync-controller.h"
#include "rally-types.h"

G_BEGIN_DECLS

#define RALLY_TYPE_APPLICATION (rally_application_get_type ())

G_DECLARE_FINAL_TYPE (RallyApplication, rally_application, RALLY, APPLICATION, AdwApplication)

RallyApplication *rally_application_new          (void);
GSettings        *rally_application_get_settings (RallyApplication *self);
RallyStore       *rally_application_get_store    (RallyApplication *self);
RallyContext     *rally_application_get_context  (RallyApplication *self);
const char       *rally_application_get_data_dir (RallyApplication *self);
void              rally_application_set_data_dir (RallyApplication *self,
                                                  const char       *data_dir);
RallySyncController *rally_application_get_sync_controller (RallyApplication *self);
void                 rally_application_show_preferences    (RallyApplication *self,
                                                            const char       *message);
void                 rally_application_connect_account     (RallyApplication *self);

G_END_DECLS
