/* rally-backup.h
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

#define RALLY_BACKUP_ERROR (rally_backup_error_quark ())

/**
 * RallyBackupError:
 * @RALLY_BACKUP_ERROR_INVALID: the document is not a valid Rally backup; the
 *   message names the JSON path at fault ("videos[12].views: expected a number")
 * @RALLY_BACKUP_ERROR_NEWER_VERSION: written by a newer Rally
 * @RALLY_BACKUP_ERROR_NOT_EMPTY: the workspace holds data and replacing was not asked
 */
typedef enum
{
  RALLY_BACKUP_ERROR_INVALID,
  RALLY_BACKUP_ERROR_NEWER_VERSION,
  RALLY_BACKUP_ERROR_NOT_EMPTY,
} RallyBackupError;

typedef enum
{
  RALLY_BACKUP_RESTORE_DEFAULT = 0,
  RALLY_BACKUP_RESTORE_REPLACE = 1 << 0,
} RallyBackupRestoreFlags;

/* How many records of each kind a backup held. */
typedef struct
{
  guint64 campaigns;
  guint64 challenges;
  guint64 posts;
  guint64 videos;
  guint64 snapshots;
  guint64 accounts;        /* the organisation's own TikTok account(s) */
  guint64 account_videos;
  guint64 events;          /* on the timeline of a challenge or a campaign */
} RallyBackupCounts;

#define RALLY_BACKUP_FORMAT  "rally-backup"
#define RALLY_BACKUP_VERSION 1

GQuark   rally_backup_error_quark (void);
gboolean rally_backup_export      (RallyStore               *store,
                                   GOutputStream            *stream,
                                   RallyBackupCounts        *counts,
                                   GCancellable             *cancellable,
                                   GError                  **error);
gboolean rally_backup_export_file (RallyStore               *store,
                                   GFile                    *file,
                                   RallyBackupCounts        *counts,
                                   GCancellable             *cancellable,
                                   GError                  **error);
gboolean rally_backup_restore     (RallyStore               *store,
                                   const char               *data,
                                   gsize                     length,
                                   RallyBackupRestoreFlags   flags,
                                   RallyBackupCounts        *counts,
                                   GCancellable             *cancellable,
                                   GError                  **error);
gboolean rally_backup_restore_stream (RallyStore            *store,
                                      GInputStream          *stream,
                                      RallyBackupRestoreFlags flags,
                                      RallyBackupCounts     *counts,
                                      GCancellable          *cancellable,
                                      GError               **error);
gboolean rally_backup_restore_file (RallyStore              *store,
                                    GFile                   *file,
                                    RallyBackupRestoreFlags  flags,
                                    RallyBackupCounts       *counts,
                                    GCancellable            *cancellable,
                                    GError                 **error);
gboolean rally_backup_store_is_blank (RallyStore             *store);

G_END_DECLS
