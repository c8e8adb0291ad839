/* rally-db-sqlite.c
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

/* The driver's SQLite backend: a thin wrapper of sqlite3 and sqlite3_stmt, which the
 * driver's calls mirror one for one. */

#define G_LOG_DOMAIN "RallyDb"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include "rally-db-private.h"
#include "rally-store.h"

#define BUSY_TIMEOUT_MS 5000

typedef struct
{
  RallyDb  parent;
  sqlite3    *handle;
  char       *path;
  GHashTable *locks;    /* key (gint64 *) → GINT_TO_POINTER (fd) of rally_db_try_lock() */
} SqliteDb;

typedef struct
{
  RallyDbStmt   parent;
  sqlite3_stmt *handle;
} SqliteStmt;

#define DB(db) ((SqliteDb *) (db))
#define STMT(stmt) (((SqliteStmt *) (stmt))->handle)

/* The store's error code for a SQLite result code */
static RallyStoreError
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      return RALLY_STORE_ERROR_NOT_A_DATABASE;
    case SQLITE_CORRUPT:
      return RALLY_STORE_ERROR_CORRUPT;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_NOLFS:
      return RALLY_STORE_ERROR_IO;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return RALLY_STORE_ERROR_BUSY;
    case SQLITE_CONSTRAINT:
      return RALLY_STORE_ERROR_CONSTRAINT;
    default:
      return RALLY_STORE_ERROR_FAILED;
    }
}

/* The store's message for a SQLite failure: the same on every connection, the
 * driver's and the SQLite-only parts of the store alike. */
void
_rally_db_sqlite_set_error (sqlite3     *handle,
                            const char  *path,
                            int          rc,
                            GError     **error)
{
  const char *detail = handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc);
  RallyStoreError code = error_code_for (rc);

  switch (code)
    {
    case RALLY_STORE_ERROR_NOT_A_DATABASE:
      g_set_error (error, RALLY_STORE_ERROR, code,
                   _("“%s” is not a Rally workspace database"), path);
      break;
    case RALLY_STORE_ERROR_CORRUPT:
      g_set_error (error, RALLY_STORE_ERROR, code,
                   _("The workspace database “%s” is damaged (%s)"), path, detail);
      break;
    case RALLY_STORE_ERROR_IO:
      g_set_error (error, RALLY_STORE_ERROR, code,
                   _("Could not read or write the workspace database “%s” (%s)"), path, detail);
      break;
    case RALLY_STORE_ERROR_BUSY:
      g_set_error (error, RALLY_STORE_ERROR, code,
                   _("The workspace database “%s” is in use by another program"), path);
      break;
    case RALLY_STORE_ERROR_CONSTRAINT:
      g_set_error (error, RALLY_STORE_ERROR, code,
                   _("The change breaks a rule of the workspace data (%s)"), detail);
      break;
    default:
      g_set_error (error, RALLY_STORE_ERROR, code,
                   _("The workspace database “%s” failed (%s)"), path, detail);
      break;
    }
}

static void
set_error (SqliteDb  *self,
           int        rc,
           GError   **error)
{
  _rally_db_sqlite_set_error (self->handle, self->path, rc, error);
}

static void
sqlite_close (RallyDb *db)
{
  sqlite3_close_v2 (DB (db)->handle);
  g_clear_pointer (&DB (db)->locks, g_hash_table_unref);
  g_free (DB (db)->path);
  g_free (db);
}

static gboolean
sqlite_exec (RallyDb     *db,
             const char  *sql,
             GError     **error)
{
  int rc = sqlite3_exec (DB (db)->handle, sql, NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    return TRUE;
  set_error (DB (db), rc, error);
  return FALSE;
}

static RallyDbStmt *
sqlite_prepare (RallyDb     *db,
                const char  *sql,
                GError     **error)
{
  SqliteStmt *stmt;
  sqlite3_stmt *handle = NULL;
  /* persistent: the store keeps its statements for the connection's lifetime */
  int rc = sqlite3_prepare_v3 (DB (db)->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &handle, NULL);

  if (rc != SQLITE_OK)
    {
      set_error (DB (db), rc, error);
      return NULL;
    }

  stmt = g_new0 (SqliteStmt, 1);
  stmt->parent.db = db;
  stmt->handle = handle;
  return &stmt->parent;
}

static gint64
sqlite_changes (RallyDb *db)
{
  return sqlite3_changes64 (DB (db)->handle);
}

static gint64
sqlite_last_insert_id (RallyDb *db)
{
  return sqlite3_last_insert_rowid (DB (db)->handle);
}

static void
sqlite_stmt_free (RallyDbStmt *stmt)
{
  sqlite3_finalize (STMT (stmt));
  g_free (stmt);
}

static void
sqlite_bind_int64 (RallyDbStmt *stmt,
                   int          index,
                   gint64       value)
{
  sqlite3_bind_int64 (STMT (stmt), index, value);
}

static void
sqlite_bind_double (RallyDbStmt *stmt,
                    int          index,
                    double       value)
{
  sqlite3_bind_double (STMT (stmt), index, value);
}

static void
sqlite_bind_text (RallyDbStmt *stmt,
                  int          index,
                  const char  *value,
                  gsize        length,
                  gboolean     kept)
{
  sqlite3_bind_text64 (STMT (stmt), index, value, length, kept ? SQLITE_STATIC : SQLITE_TRANSIENT, SQLITE_UTF8);
}

static void
sqlite_bind_null (RallyDbStmt *stmt,
                  int          index)
{
  sqlite3_bind_null (STMT (stmt), index);
}

static RallyDbStep
sqlite_step (RallyDbStmt  *stmt,
             GError      **error)
{
  int rc = sqlite3_step (STMT (stmt));

  if (rc == SQLITE_ROW)
    return RALLY_DB_ROW;
  if (rc == SQLITE_DONE)
    return RALLY_DB_DONE;

  set_error (DB (stmt->db), rc, error);
  return RALLY_DB_ERROR;
}

static void
sqlite_reset (RallyDbStmt *stmt)
{
  sqlite3_reset (STMT (stmt));
}

static void
sqlite_clear_bindings (RallyDbStmt *stmt)
{
  sqlite3_clear_bindings (STMT (stmt));
}

static int
sqlite_column_count (RallyDbStmt *stmt)
{
  return sqlite3_column_count (STMT (stmt));
}

static gboolean
sqlite_column_is_null (RallyDbStmt *stmt,
                       int          column)
{
  return sqlite3_column_type (STMT (stmt), column) == SQLITE_NULL;
}

static gint64
sqlite_column_int64 (RallyDbStmt *stmt,
                     int          column)
{
  return sqlite3_column_int64 (STMT (stmt), column);
}

static double
sqlite_column_double (RallyDbStmt *stmt,
                      int          column)
{
  return sqlite3_column_double (STMT (stmt), column);
}

static const char *
sqlite_column_text (RallyDbStmt *stmt,
                    int          column)
{
  return (const char *) sqlite3_column_text (STMT (stmt), column);
}

static gsize
sqlite_column_bytes (RallyDbStmt *stmt,
                     int          column)
{
  return sqlite3_column_bytes (STMT (stmt), column);
}

static RallyDbType
sqlite_column_type (RallyDbStmt *stmt,
                    int          column)
{
  switch (sqlite3_column_type (STMT (stmt), column))
    {
    case SQLITE_NULL:
      return RALLY_DB_TYPE_NULL;
    case SQLITE_INTEGER:
      return RALLY_DB_TYPE_INTEGER;
    case SQLITE_FLOAT:
      return RALLY_DB_TYPE_FLOAT;
    default:
      return RALLY_DB_TYPE_TEXT;
    }
}

static RallyDbConstraint
sqlite_last_constraint (RallyDb     *db,
                        const char **detail)
{
  *detail = sqlite3_errmsg (DB (db)->handle);
  switch (sqlite3_extended_errcode (DB (db)->handle))
    {
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return RALLY_DB_CONSTRAINT_FOREIGN_KEY;
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_UNIQUE:
      return RALLY_DB_CONSTRAINT_UNIQUE;
    case SQLITE_CONSTRAINT_NOTNULL:
    case SQLITE_CONSTRAINT_CHECK:
      return RALLY_DB_CONSTRAINT_CHECK;
    default:
      return (sqlite3_errcode (DB (db)->handle) & 0xff) == SQLITE_CONSTRAINT ? RALLY_DB_CONSTRAINT_OTHER
                                                                          : RALLY_DB_CONSTRAINT_NONE;
    }
}

static void
close_lock (gpointer fd)
{
  close (GPOINTER_TO_INT (fd));
}

/* A lock of the file "rally.db-lockKEY" beside the database (never of the database
 * file itself: closing any descriptor of it would drop SQLite's own locks). */
static gboolean
sqlite_try_lock (RallyDb   *db,
                 gint64     key,
                 gboolean  *taken,
                 GError   **error)
{
  SqliteDb *self = DB (db);
  g_autofree char *path = g_strdup_printf ("%s-lock%" G_GINT64_FORMAT, self->path, key);
  int fd;

  if (self->locks != NULL && g_hash_table_contains (self->locks, &key))
    {
      *taken = TRUE;
      return TRUE;
    }
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_IO,
                   _("Could not read or write the workspace database “%s” (%s)"), path, g_strerror (saved));
      return FALSE;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      *taken = FALSE;
      return TRUE;
    }
  if (self->locks == NULL)
    self->locks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, close_lock);
  g_hash_table_insert (self->locks, g_memdup2 (&key, sizeof key), GINT_TO_POINTER (fd));
  *taken = TRUE;
  return TRUE;
}

static void
sqlite_unlock (RallyDb *db,
               gint64   key)
{
  if (DB (db)->locks != NULL)
    g_hash_table_remove (DB (db)->locks, &key);
}

static const RallyDbBackend sqlite_backend = {
  .close = sqlite_close,
  .exec = sqlite_exec,
  .prepare = sqlite_prepare,
  .changes = sqlite_changes,
  .last_insert_id = sqlite_last_insert_id,
  .stmt_free = sqlite_stmt_free,
  .bind_int64 = sqlite_bind_int64,
  .bind_double = sqlite_bind_double,
  .bind_text = sqlite_bind_text,
  .bind_null = sqlite_bind_null,
  .step = sqlite_step,
  .reset = sqlite_reset,
  .clear_bindings = sqlite_clear_bindings,
  .column_count = sqlite_column_count,
  .column_is_null = sqlite_column_is_null,
  .column_int64 = sqlite_column_int64,
  .column_double = sqlite_column_double,
  .column_text = sqlite_column_text,
  .column_bytes = sqlite_column_bytes,
  .column_type = sqlite_column_type,
  .last_constraint = sqlite_last_constraint,
  .try_lock = sqlite_try_lock,
  .unlock = sqlite_unlock,
};

static RallyDb *
open_flags (const char  *path,
            int          flags,
            const char  *vfs,
            GError     **error)
{
  g_autoptr(RallyDb) db = NULL;
  static gsize configured;
  SqliteDb *self = g_new0 (SqliteDb, 1);
  int rc;

  /* SQLite's memory statistics, which Rally never reads, cost a global mutex on every
   * allocation of every connection; they can only be turned off before SQLite's
   * first use (later it says SQLITE_MISUSE, and they stay on) */
  if (g_once_init_enter (&configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&configured, 1);
    }
  self->parent.backend = &sqlite_backend;
  self->parent.dialect = RALLY_DB_DIALECT_SQLITE;
  self->path = g_strdup (path);
  db = &self->parent;

  rc = sqlite3_open_v2 (path, &self->handle, flags, vfs);
  if (rc != SQLITE_OK)
    {
      set_error (self, rc, error);
      return NULL;
    }

  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->handle, TRUE);
  if (!sqlite_exec (db, "PRAGMA foreign_keys = ON", error))
    return NULL;

  return g_steal_pointer (&db);
}

/* Opens PATH with what the store sets up on every connection: a busy timeout,
 * extended result codes, foreign keys. (WAL and the rest stay rally-store-open.c's.) */
RallyDb *
_rally_db_sqlite_open (const char  *path,
                       GError     **error)
{
  return open_flags (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL, error);
}

/* The same for a workspace another store opened already: never creates the file
 * (one moved aside meanwhile is not made again, empty) */
RallyDb *
_rally_db_sqlite_open_existing (const char  *path,
                                GError     **error)
{
  return open_flags (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL, error);
}

/* The same for a connection that its owner hands from thread to thread, never used
 * by two at once (a sync writer's): without the connection's mutex, which every
 * call of SQLite's takes (twelve binds a row), and with its log's writes gathered
 * a transaction at a time (rally-db-sqlite-wal.c). */
RallyDb *
_rally_db_sqlite_open_unshared (const char  *path,
                                GError     **error)
{
  return open_flags (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, _rally_db_sqlite_wal_vfs (), error);
}

/* A read-only connection to an existing database (the figures reader's). */
RallyDb *
_rally_db_sqlite_open_reader (const char  *path,
                              GError     **error)
{
  return open_flags (path, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, NULL, error);
}

sqlite3 *
_rally_db_sqlite_handle (RallyDb *db)
{
  if (db == NULL || db->dialect != RALLY_DB_DIALECT_SQLITE)
    return NULL;
  return DB (db)->handle;
}
