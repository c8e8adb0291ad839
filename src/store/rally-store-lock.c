/* rally-store-lock.c
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

/* One sync of a workspace at a time: `rally sync` from cron on an office machine and
 * another one started by hand must not both fetch (and spend the quota twice). The
 * lock is the driver's (rally_db_try_lock()): PostgreSQL's advisory lock for a team
 * workspace, a file lock beside rally.db for a local one; the server or the kernel
 * lets it go when the process ends, however it ends. */

#define G_LOG_DOMAIN "RallyStore"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-store-private.h"
#include "rally-store-sync.h"
#include "rally-workspace-location.h"

/* "Raly" and "sync": not the migrations' lock (RALLY_STORE_APPLICATION_ID) */
#define SYNC_LOCK_KEY ((G_GINT64_CONSTANT (0x52616C79) << 32) | 0x73796E63)

/**
 * rally_store_try_lock_sync:
 * @self: a #RallyStore
 * @error: return location for an error
 *
 * Takes the workspace's sync lock without waiting; held until
 * rally_store_unlock_sync() or until the store closes.
 *
 * Returns: %FALSE with %RALLY_STORE_ERROR_BUSY when another sync of the workspace
 *   (in any process, on any computer for a team workspace) holds it
 */
gboolean
rally_store_try_lock_sync (RallyStore  *self,
                           GError     **error)
{
  gboolean taken = FALSE;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);

  if (!rally_db_try_lock (self->conn, SYNC_LOCK_KEY, &taken, error))
    return FALSE;
  if (taken)
    return TRUE;

  g_set_error_literal (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_BUSY,
                       _rally_store_get_dialect (self) == RALLY_DB_DIALECT_POSTGRESQL
                       ? _("Another sync of this team workspace is running (here or on another computer), "
                           "so this one did nothing; try again when it has finished")
                       : _("Another sync of this workspace is running, so this one did nothing; "
                           "try again when it has finished"));
  return FALSE;
}

/**
 * rally_store_unlock_sync:
 * @self: a #RallyStore
 *
 * Lets go of the lock of rally_store_try_lock_sync().
 */
void
rally_store_unlock_sync (RallyStore *self)
{
  g_return_if_fail (RALLY_IS_STORE (self));

  rally_db_unlock (self->conn, SYNC_LOCK_KEY);
}
