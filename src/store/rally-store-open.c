/* rally-store-open.c
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

/* Opening the workspace database: the file is checked to be a Rally database of a
 * schema this version knows before anything is written, then configured (WAL, full
 * sync, foreign keys) and migrated step by step, each step in its own transaction.
 * Also moving a broken database aside, and reopening a workspace swapped on disk. */

#define G_LOG_DOMAIN "RallyStore"

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rally-db-private.h"
#include "rally-store-private.h"
#include "rally-store-sync.h"
#include "rally-workspace-location.h"

#define SQLITE_HEADER "SQLite format 3"

/* A file that exists must start with the SQLite header before SQLite touches it,
 * so that no other kind of file is ever written to. An empty file is a new database.
 * The header is read through @db, opened but not yet used (it has read and written
 * nothing), rather than a descriptor of our own: closing that would drop the locks
 * this process's other connections to the file hold (SQLite defers closing its own). */
static gboolean
check_file_header (const char  *path,
                   sqlite3     *db,
                   GError     **error)
{
  char header[sizeof SQLITE_HEADER] = { 0 };
  sqlite3_file *file = NULL;
  GStatBuf st;
  int rc;

  /* (the size from the system: SQLite reports a file of one byte as empty) */
  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_IO,
                   _("Could not read the workspace database “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  if (st.st_size == 0)
    return TRUE;
  if (st.st_size < (goffset) sizeof header)
    goto not_a_database;

  rc = sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file);
  if (rc == SQLITE_OK && (file == NULL || file->pMethods == NULL))
    rc = SQLITE_CANTOPEN;
  if (rc == SQLITE_OK)
    rc = file->pMethods->xRead (file, header, sizeof header, 0);
  if (rc != SQLITE_OK)
    {
      int saved_errno = sqlite3_system_errno (db);

      g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_IO,
                   _("Could not read the workspace database “%s”: %s"), path,
                   saved_errno != 0 ? g_strerror (saved_errno) : sqlite3_errstr (rc));
      return FALSE;
    }
  if (memcmp (header, SQLITE_HEADER, sizeof header) == 0)
    return TRUE;

not_a_database:
  g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_A_DATABASE,
               _("“%s” is not a Rally workspace database; it was left untouched"), path);
  return FALSE;
}

static gboolean
query_int (RallyStore  *self,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  return rally_db_query_int64 (self->conn, sql, out, error);
}

/* Reads the file's identity without writing anything, and refuses files that belong
 * to another application or to a newer Rally. */
static gboolean
check_identity (RallyStore  *self,
                gint64      *version,
                GError     **error)
{
  gint64 app_id = 0, n_objects = 0;

  if (!query_int (self, "PRAGMA application_id", &app_id, error) ||
      !query_int (self, "PRAGMA user_version", version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_master", &n_objects, error))
    return FALSE;

  if ((app_id != 0 && app_id != RALLY_STORE_APPLICATION_ID) || (app_id == 0 && n_objects > 0))
    {
      g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is a database of another application; it was left untouched"), self->path);
      return FALSE;
    }

  if (*version > rally_store_n_migrations)
    {
      g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Rally (schema %" PRId64
                     ", this version knows %u); it was left untouched"),
                   self->path, *version, rally_store_n_migrations);
      return FALSE;
    }

  return TRUE;
}

static gboolean
configure (RallyStore  *self,
           GError     **error)
{
  g_autofree char *journal = NULL;
  g_autoptr(RallyDbStmt) stmt = NULL;
  RallyDbStep rc;

  stmt = rally_db_prepare (self->conn, "PRAGMA journal_mode = WAL", error);
  if (stmt == NULL || (rc = rally_db_stmt_step (stmt, error)) == RALLY_DB_ERROR)
    return FALSE;
  if (rc == RALLY_DB_ROW)
    journal = g_strdup (rally_db_stmt_column_text (stmt, 0));
  g_clear_pointer (&stmt, rally_db_stmt_free);

  if (g_strcmp0 (journal, "wal") != 0)
    {
      g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_IO,
                   _("The workspace database “%s” cannot use write-ahead logging on this file system"),
                   self->path);
      return FALSE;
    }

  /* FULL: a commit survives a power cut, not only a crash. */
  /* temp_store: statement journals (one per write that fires the roll-up triggers)
   * stay in memory instead of costing a temporary file write each. */
  return _rally_store_exec (self, "PRAGMA synchronous = FULL", error) &&
         _rally_store_exec (self, "PRAGMA foreign_keys = ON", error) &&
         _rally_store_exec (self, "PRAGMA temp_store = MEMORY", error);
}

static gboolean
open_database (RallyStore  *self,
               GError     **error)
{
  gint64 version = 0;

  /* with a busy timeout before the first read: another connection may hold the file a moment */
  self->conn = _rally_db_sqlite_open (self->path, error);
  if (self->conn == NULL)
    return FALSE;
  self->db = _rally_db_sqlite_handle (self->conn);
  if (!check_file_header (self->path, self->db, error))
    return FALSE;

  /* a sync killed mid-challenge left its creators to count */
  return check_identity (self, &version, error) &&
         configure (self, error) &&
         rally_db_migrate (self->conn, error) &&
         rally_store_settle_rollups (self, error);
}

/* A store not yet connected to the workspace at @location: a folder's database file,
 * or a server, named in messages as "the team server", never by its URI, which may
 * carry a password */
static RallyStore *
store_at (const char *location)
{
  RallyStore *self = g_object_new (RALLY_TYPE_STORE, NULL);

  self->data_dir = g_strdup (location);
  if (rally_workspace_location_is_server (location))
    self->path = g_strdup (_("the team server"));
  else
    self->path = g_build_filename (location, "rally.db", NULL);
  return self;
}

/* A team workspace: the schema is migrated once per server, under an advisory lock. */
static RallyStore *
open_server (const char  *uri,
             GError     **error)
{
  g_autoptr(RallyStore) self = store_at (uri);

  self->conn = rally_db_open_postgresql (uri, error);
  if (self->conn == NULL ||
      !rally_db_migrate (self->conn, error) ||
      !_rally_db_pg_read_role (self->conn, error))
    return NULL;

  /* (a viewer may not write the roll-ups: an editor's or owner's open settles them,
   * unless a sync is running, on this computer or another: its pages go on being
   * written, each with its challenge pending, and it settles them when it ends. A
   * settle beside it could count a challenge before its last page and then take it
   * out of rollup_pending after that page's commit.) */
  if (rally_store_role_can_edit (rally_store_get_role (self)) && rally_store_try_lock_sync (self, NULL))
    {
      gboolean settled = rally_store_settle_rollups (self, error);

      rally_store_unlock_sync (self);
      if (!settled)
        return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * rally_store_open:
 * @data_dir: the workspace folder; created if missing
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * Opens (or creates) DATA_DIR/rally.db and brings its schema up to date. A file that
 * is not a Rally database, or is from a newer Rally, is refused and left untouched.
 * A libpq URI (postgresql://…) opens a team workspace on a PostgreSQL server.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
RallyStore *
rally_store_open (const char  *data_dir,
                  GError     **error)
{
  g_autoptr(RallyStore) self = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (rally_workspace_location_is_server (data_dir))
    return open_server (data_dir, error);

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_IO,
                   _("Could not create the workspace folder “%s”: %s"), data_dir, g_strerror (saved_errno));
      return NULL;
    }

  self = store_at (data_dir);
  if (!open_database (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * _rally_store_open_reader:
 * @data_dir: an existing workspace folder
 *
 * A read-only connection to the workspace, for the figures reader's thread. It does
 * not read the file's header itself: closing a file this process opened outside
 * SQLite would drop the locks of its other connections to the workspace.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
RallyStore *
_rally_store_open_reader (const char  *data_dir,
                          GError     **error)
{
  g_autoptr(RallyStore) self = store_at (data_dir);

  if (rally_workspace_location_is_server (data_dir))
    {
      self->conn = rally_db_open_postgresql (data_dir, error);
      return self->conn != NULL ? g_steal_pointer (&self) : NULL;
    }
  self->conn = _rally_db_sqlite_open_reader (self->path, error);
  if (self->conn == NULL)
    return NULL;
  self->db = _rally_db_sqlite_handle (self->conn);

  return g_steal_pointer (&self);
}

/**
 * rally_store_open_another:
 * @data_dir: the location of a workspace another store has open
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * Another connection to a workspace that a store of this process opened (and so
 * brought up to date), for a long write on a thread of its own that the window should
 * not wait for (a purge); call it on that thread, since a server may be slow to
 * answer. Unlike rally_store_open() it neither migrates nor settles: a sync may be
 * writing meanwhile, whose challenges it would count before their last page. It never
 * creates a workspace. Use the store from one thread at a time; when its writes are
 * done, call rally_store_emit_changed() on the window's store.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
RallyStore *
rally_store_open_another (const char  *data_dir,
                          GError     **error)
{
  g_autoptr(RallyStore) other = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  other = store_at (data_dir);
  if (rally_workspace_location_is_server (data_dir))
    {
      other->conn = rally_db_open_postgresql (data_dir, error);
      if (other->conn == NULL || !_rally_db_pg_read_role (other->conn, error))
        return NULL;
      return g_steal_pointer (&other);
    }
  other->conn = _rally_db_sqlite_open_existing (other->path, error);
  if (other->conn == NULL)
    return NULL;
  other->db = _rally_db_sqlite_handle (other->conn);
  if (!configure (other, error))
    return NULL;

  return g_steal_pointer (&other);
}

/* The videos' triggers cost a sync more than its rows (each fires three times a
 * row, to find the challenge paused), so the writer's connection runs without the
 * schema's triggers and its statements do their work (rally-store-sync.c): the
 * origin is in the upsert, the days and creators are counted again as when paused.
 * A TEMP trigger, still on, notes the day a row had before an upsert changed it. */
static gboolean
write_without_triggers (RallyStore  *self,
                        GError     **error)
{
  int rc = sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);

  if (rc != SQLITE_OK)
    {
      _rally_db_sqlite_set_error (self->db, self->path, rc, error);
      return FALSE;
    }
  self->triggers_off = TRUE;
  return _rally_store_exec (self, RALLY_STORE_SYNC_DAYS_SQL, error);
}

/**
 * rally_store_open_sync_writer:
 * @self: the store a sync reads from
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * A second connection to the local workspace of @self, for a sync to write its
 * pages on a thread of its own while @self goes on serving the window (a connection
 * is used by one thread at a time). It writes what rally_store_save_sync_pages()
 * writes, under its own rally_store_begin_sync_writes() and rally_store_guard_sync();
 * its commits are announced on @self by the caller (rally_store_announce_sync_writes()).
 * The caller may use it from any thread, but from one at a time.
 *
 * A team workspace needs none: its server does the writing, so the pages go
 * through @self. Then this returns %NULL without setting @error.
 *
 * Returns: (transfer full) (nullable): the connection's store, or %NULL
 */
RallyStore *
rally_store_open_sync_writer (RallyStore  *self,
                              GError     **error)
{
  g_autoptr(RallyStore) writer = NULL;

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->db == NULL)
    return NULL;
  writer = g_object_new (RALLY_TYPE_STORE, NULL);
  writer->data_dir = g_strdup (self->data_dir);
  writer->path = g_strdup (self->path);
  writer->conn = _rally_db_sqlite_open_unshared (writer->path, error);
  if (writer->conn == NULL)
    return NULL;
  writer->db = _rally_db_sqlite_handle (writer->conn);
  /* the schema is the one @self brought up to date */
  if (!configure (writer, error) || !write_without_triggers (writer, error))
    return NULL;
  /* what others commit from now on moves it (rally_store_announce_sync_writes()) */
  writer->others_version = _rally_store_get_data_version (writer);
  writer->owner = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &writer->owner);

  return g_steal_pointer (&writer);
}

static char *
broken_name (const char *path,
             GDateTime  *now,
             guint       attempt)
{
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  if (attempt == 0)
    return g_strdup_printf ("%s.broken-%s", path, stamp);

  return g_strdup_printf ("%s.broken-%s-%u", path, stamp, attempt);
}

static gboolean
rename_file (const char  *from,
             const char  *to,
             GError     **error)
{
  int saved_errno;

  if (g_rename (from, to) == 0)
    return TRUE;

  saved_errno = errno;
  if (saved_errno == ENOENT)
    return TRUE;

  g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_IO,
               _("Could not rename “%s” to “%s”: %s"), from, to, g_strerror (saved_errno));
  return FALSE;
}

/**
 * rally_store_move_aside:
 * @data_dir: a workspace folder
 * @moved_to: (out) (optional): where rally.db went
 * @error: return location for a %RALLY_STORE_ERROR_IO
 *
 * Renames DATA_DIR/rally.db (and its -wal and -shm files, which belong to it) to
 * rally.db.broken-YYYYMMDD-HHMMSS, so that a fresh workspace can start without losing
 * the old file. Nothing is deleted. Succeeds when there is no rally.db.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_store_move_aside (const char  *data_dir,
                        char       **moved_to,
                        GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  static const char * const companions[] = { "-wal", "-shm" };

  g_return_val_if_fail (data_dir != NULL, FALSE);

  path = g_build_filename (data_dir, "rally.db", NULL);
  for (guint attempt = 0; target == NULL || g_file_test (target, G_FILE_TEST_EXISTS); attempt++)
    {
      g_free (target);
      target = broken_name (path, now, attempt);
    }

  /* The database last: if a companion cannot move, the workspace stays as it was. */
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (path, companions[i], NULL);
      g_autofree char *to = g_strconcat (target, companions[i], NULL);

      if (!rename_file (from, to, error))
        return FALSE;
    }

  if (!rename_file (path, target, error))
    return FALSE;

  if (moved_to != NULL)
    *moved_to = g_steal_pointer (&target);

  return TRUE;
}

/* Opens the file now at the store's path in place of the one the connection has
 * open. On failure the store keeps its old connection. */
gboolean
_rally_store_reopen (RallyStore  *self,
                     GError     **error)
{
  RallyDb *old = self->conn;
  sqlite3 *old_handle = self->db;

  g_assert (!_rally_store_is_writing (self));

  g_hash_table_remove_all (self->queries);
  self->conn = NULL;
  self->db = NULL;
  if (!open_database (self, error))
    {
      g_hash_table_remove_all (self->queries);
      g_clear_pointer (&self->conn, rally_db_close);
      self->conn = old;
      self->db = old_handle;
      return FALSE;
    }

  /* The old file left its path: nothing of it may be checkpointed or deleted by name,
   * since the names now belong to the new file. */
  sqlite3_db_config (old_handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  rally_db_close (old);

  return TRUE;
}

/* Takes @conn, a new connection to the same team server, in place of the store's
 * (lost) one; the statements prepared on the old one go with it. */
void
_rally_store_use_connection (RallyStore *self,
                             RallyDb    *conn)
{
  g_assert (!self->in_transaction);
  g_assert (self->db == NULL);

  g_hash_table_remove_all (self->queries);
  g_clear_pointer (&self->conn, rally_db_close);
  self->conn = conn;
}
