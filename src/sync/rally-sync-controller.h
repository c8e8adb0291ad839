/* rally-sync-controller.h
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

#include <gio/gio.h>

#include "rally-store.h"

G_BEGIN_DECLS

#define RALLY_TYPE_SYNC_CONTROLLER (rally_sync_controller_get_type ())

G_DECLARE_FINAL_TYPE (RallySyncController, rally_sync_controller, RALLY, SYNC_CONTROLLER, GObject)

RallySyncController *rally_sync_controller_new               (RallyStore           *store,
                                                              GSettings            *settings,
                                                              GNetworkMonitor      *monitor);
gboolean             rally_sync_controller_start             (RallySyncController  *self);
void                 rally_sync_controller_cancel            (RallySyncController  *self);
gboolean             rally_sync_controller_get_running       (RallySyncController  *self);
gboolean             rally_sync_controller_get_offline       (RallySyncController  *self);
const char          *rally_sync_controller_get_progress_text (RallySyncController  *self);
double               rally_sync_controller_get_fraction      (RallySyncController  *self);
const char          *rally_sync_controller_get_last_error    (RallySyncController  *self);
guint                rally_sync_controller_get_n_challenges  (RallySyncController  *self);
guint                rally_sync_controller_get_n_videos      (RallySyncController  *self);
void                 rally_sync_controller_set_retry_policy  (RallySyncController  *self,
                                                              guint                 max_attempts,
                                                              guint                 base_delay_ms,
                                                              guint                 max_total_ms);

G_END_DECLS
