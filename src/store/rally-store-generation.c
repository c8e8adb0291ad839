/* rally-store-generation.c
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

/* The workspace's generation: a number in the meta table, raised in the transaction
 * that replaces the whole workspace (a backup restored, with or without --replace).
 * Whoever keeps ids across transactions — a sync, a window — compares it to the one
 * it started with to tell that its records are gone, even when another process did
 * the replacing.
 *
 * A sync guards its writes with it: rally_store_guard_sync() names the generation and
 * the challenge (by id and hashtag) it writes for, and every sync write checks both
 * inside its own transaction, so that not one page lands in a workspace or a
 * challenge that is no longer the one the sync started with. */

#define G_LOG_DOMAIN "RallyStore"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-store-private.h"
#include "rally-store-sync.h"
#include "rally-validation.h"

typedef struct
{
  gint64  generation;    /* 0: no guard */
  gint64  challenge_id;  /* 0: the workspace only */
  char   *hashtag;       /* as the challenge had it when the sync started */
  char   *hashtag_key;
} SyncGuard;

static void
sync_guard_free (gpointer data)
{
  SyncGuard *guard = data;

  g_free (guard->hashtag);
  g_free (guard->hashtag_key);
  g_free (guard);
}

static GQuark
guard_quark (void)
{
  return g_quark_from_static_string ("rally-store-sync-guard");
}

/**
 * rally_store_get_generation:
 * @self: a #RallyStore
 *
 * Returns: the workspace's generation, raised each time the whole workspace is
 *   replaced (by this or any other process); 0 when it cannot be read
 */
gint64
rally_store_get_generation (RallyStore *self)
{
  RallyDbStmt *stmt;
  gint64 generation = 0;

  g_return_val_if_fail (RALLY_IS_STORE (self), 0);

  stmt = _rally_store_stmt (self, "SELECT value FROM meta WHERE name = 'generation'", NULL);
  if (stmt == NULL)
    return 0;
  if (rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    generation = rally_db_stmt_column_int64 (stmt, 0);
  rally_db_stmt_reset (stmt);
  return generation;
}

/* Inside the transaction that replaces the workspace. */
gboolean
_rally_store_bump_generation (RallyStore  *self,
                              GError     **error)
{
  RallyDbStmt *stmt = _rally_store_stmt (self, "UPDATE meta SET value = value + 1 WHERE name = 'generation'",
                                          error);

  return stmt != NULL && _rally_store_stmt_done (self, stmt, error);
}

/**
 * rally_store_guard_sync:
 * @self: a #RallyStore
 * @generation: the generation the sync started with, 0 to end the guard
 * @challenge_id: the challenge being written, 0 for the workspace only
 * @hashtag: (nullable): the challenge's hashtag when the sync started
 *
 * From now on, the sync writes of @self (pages, positions, snapshots, the account)
 * fail with %RALLY_STORE_ERROR_REPLACED, writing nothing, once the workspace is no
 * longer @generation or the challenge no longer has @hashtag.
 */
void
rally_store_guard_sync (RallyStore *self,
                        gint64      generation,
                        gint64      challenge_id,
                        const char *hashtag)
{
  SyncGuard *guard;

  g_return_if_fail (RALLY_IS_STORE (self));

  if (generation == 0)
    {
      g_object_set_qdata (G_OBJECT (self), guard_quark (), NULL);
      return;
    }
  guard = g_new0 (SyncGuard, 1);
  guard->generation = generation;
  guard->challenge_id = challenge_id;
  guard->hashtag = g_strdup (hashtag);
  guard->hashtag_key = hashtag != NULL ? rally_hashtag_key (hashtag) : NULL;
  g_object_set_qdata_full (G_OBJECT (self), guard_quark (), guard, sync_guard_free);
}

/* The challenge's hashtag key now, or NULL when it is gone or deleted. */
static char *
current_hashtag_key (RallyStore *self,
                     gint64      challenge_id)
{
  RallyDbStmt *stmt = _rally_store_stmt (self, "SELECT hashtag_key FROM challenges"
                                                   " WHERE id = ?1 AND deleted_at IS NULL", NULL);
  char *key = NULL;

  if (stmt == NULL)
    return NULL;
  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  if (rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    key = g_strdup (rally_db_stmt_column_text (stmt, 0));
  rally_db_stmt_reset (stmt);
  return key;
}

/* Called inside each sync write's transaction, before it writes anything. */
gboolean
_rally_store_check_sync_guard (RallyStore  *self,
                               GError     **error)
{
  SyncGuard *guard = g_object_get_qdata (G_OBJECT (self), guard_quark ());
  g_autofree char *key = NULL;

  if (guard == NULL)
    return TRUE;
  /* a workspace renamed over this connection's file: what it writes would be lost */
  if (_rally_store_has_moved (self) || rally_store_get_generation (self) != guard->generation)
    {
      g_set_error_literal (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_REPLACED,
                           _("The workspace was replaced while syncing (a backup was restored), so the "
                             "sync stopped and wrote nothing more: sync again"));
      return FALSE;
    }
  if (guard->challenge_id == 0)
    return TRUE;
  key = current_hashtag_key (self, guard->challenge_id);
  if (g_strcmp0 (key, guard->hashtag_key) != 0)
    {
      g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_REPLACED,
                   key == NULL ? _("The challenge #%s was deleted while syncing, so the sync stopped and wrote "
                                   "nothing more for it")
                               : _("The hashtag of #%s changed while syncing, so the sync stopped and wrote "
                                   "nothing more for it: sync again"),
                   guard->hashtag);
      return FALSE;
    }
  return TRUE;
}

/* Begins a sync write's transaction: fails, with nothing begun, when the guard
 * does not hold. */
gboolean
_rally_store_begin_sync (RallyStore  *self,
                         GError     **error)
{
  if (!_rally_store_begin (self, error))
    return FALSE;
  if (_rally_store_check_sync_guard (self, error))
    return TRUE;
  _rally_store_rollback (self);
  return FALSE;
}

/**
 * rally_store_add_sync_snapshot:
 *
 * Like rally_store_add_snapshot(), for a sync: checked against the guard set by
 * rally_store_guard_sync() in the same transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_store_add_sync_snapshot (RallyStore     *self,
                               RallySnapshot  *snapshot,
                               GError        **error)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (snapshot), FALSE);
  g_return_val_if_fail (rally_snapshot_get_id (snapshot) == 0, FALSE);

  if (!_rally_store_begin_sync (self, error))
    return FALSE;
  if (!_rally_store_write_record (self, &rally_table_snapshots, G_OBJECT (snapshot), NULL, NULL, error) ||
      !_rally_store_commit (self, error))
    {
      _rally_store_rollback (self);
      rally_record_set_id (RALLY_RECORD (snapshot), 0);
      return FALSE;
    }
  return TRUE;
}
