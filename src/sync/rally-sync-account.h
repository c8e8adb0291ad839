/* rally-sync-account.h
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
#include "rally-sync-client.h"

G_BEGIN_DECLS

/* The Display API half of a sync, run by RallySyncEngine: the charity's own account
 * (profile figures and every public video), its videos that carry a challenge's
 * hashtag added to that challenge, and a Snapshot of the account. */

typedef void (*RallySyncAccountProgress) (guint    pages,
                                          guint    videos,
                                          gpointer user_data);

void      rally_sync_account_async   (RallyStore                *store,
                                      RallySyncClient           *client,
                                      GPtrArray                 *challenges,
                                      gint64                     now,
                                      RallySyncAccountProgress   progress,
                                      gpointer                   progress_data,
                                      GCancellable              *cancellable,
                                      GAsyncReadyCallback        callback,
                                      gpointer                   user_data);
gboolean  rally_sync_account_finish  (GAsyncResult              *result,
                                      guint                     *n_videos,
                                      GHashTable               **matched,
                                      GError                   **error);

GPtrArray *rally_sync_account_find_hashtags (const char          *text);

G_END_DECLS
