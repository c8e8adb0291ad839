/* rally-sync-engine.h
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

#include "rally-model.h"
#include "rally-store.h"
#include "rally-sync-client.h"

G_BEGIN_DECLS

#define RALLY_SYNC_DEFAULT_DAILY_REQUESTS 1000
#define RALLY_SYNC_DEFAULT_DAILY_RECORDS  100000
#define RALLY_SYNC_DEFAULT_REFETCH_DAYS   10
#define RALLY_SYNC_DEFAULT_MAX_WINDOWS    4

#define RALLY_TYPE_SYNC_ENGINE (rally_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (RallySyncEngine, rally_sync_engine, RALLY, SYNC_ENGINE, GObject)

RallySyncEngine *rally_sync_engine_new                (RallyStore           *store,
                                                       RallySyncClient      *client);
void             rally_sync_engine_set_quota_limits   (RallySyncEngine      *self,
                                                       guint                 requests_per_day,
                                                       guint                 records_per_day);
void             rally_sync_engine_set_refetch_days   (RallySyncEngine      *self,
                                                       guint                 days);
void             rally_sync_engine_set_use_research   (RallySyncEngine      *self,
                                                       gboolean              use_research);
void             rally_sync_engine_set_max_windows    (RallySyncEngine      *self,
                                                       guint                 max_windows);
void             rally_sync_engine_set_now            (RallySyncEngine      *self,
                                                       gint64                now);
guint            rally_sync_engine_get_n_videos       (RallySyncEngine      *self);
guint            rally_sync_engine_get_n_challenges   (RallySyncEngine      *self);
guint            rally_sync_engine_get_n_account_videos (RallySyncEngine    *self);
void             rally_sync_engine_get_plan           (RallySyncEngine      *self,
                                                       guint                *planned,
                                                       gboolean             *minimum,
                                                       guint                *used,
                                                       guint                *limit);

void             rally_sync_engine_run_async          (RallySyncEngine      *self,
                                                       const char           *hashtag,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean         rally_sync_engine_run_finish         (RallySyncEngine      *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

G_END_DECLS
