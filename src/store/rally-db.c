/* rally-db.c
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

/* The driver's entry points: opening by workspace location, and the calls every
 * backend answers. A COMMIT that fails rolls back, on both engines. */

#define G_LOG_DOMAIN "RallyDb"

#include "config.h"

#include <string.h>

#include "rally-db.h"
#include "rally-db-private.h"
#include "rally-store.h"
#include "rally-wipe.h"
#include "rally-workspace-location.h"

#define WORKSPACE_FILE "rally.db"

/**
 * rally_db_open:
 * @location: a resolved workspace location: a folder (holding rally.db) or a libpq URI
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * Returns: (transfer full) (nullable): the connection, or %NULL with @error set
 */
RallyDb *
rally_db_open (const char  *location,
               GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (location != NULL, NULL);

  if (rally_workspace_location_is_server (location))
    return rally_db_open_postgresql (location, error);

  path = g_build_filename (location, WORKSPACE_FILE, NULL);
  return rally_db_open_sqlite (path, error);
}

/**
 * rally_db_open_sqlite:
 * @path: the database file; created if missing
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * Returns: (transfer full) (nullable): the connection, or %NULL with @error set
 */
RallyDb *
rally_db_open_sqlite (const char  *path,
                      GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return _rally_db_sqlite_open (path, error);
}

/**
 * rally_db_open_postgresql:
 * @uri: a libpq connection URI or string; .pgpass, PGPASSFILE, service files and the
 *   PG* environment variables apply as in libpq
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * A server that is not on this computer is reached over TLS with its certificate
 * checked (sslmode verify-full) unless @uri or PGSSLMODE chooses a mode; without a
 * certificate to check it against, it is refused before any connection is made.
 *
 * Returns: (transfer full) (nullable): the connection, or %NULL with @error set
 */
RallyDb *
rally_db_open_postgresql (const char  *uri,
                          GError     **error)
{
  char *password;
  RallyDb *db;

  g_return_val_if_fail (uri != NULL, NULL);

  /* a password the person gave this run (Preferences, the keyring), never in @uri */
  password = rally_team_server_dup_password (uri);
  db = _rally_db_pg_open (uri, password, NULL, error);
  rally_wipe_free (password);
  return db;
}

/**
 * rally_db_check_server_uri:
 * @uri: a libpq connection URI
 * @error: where to say why it would be refused
 *
 * Checks @uri as rally_db_open_postgresql() does before connecting, without connecting.
 *
 * Returns: %TRUE when @uri may be connected to
 */
gboolean
rally_db_check_server_uri (const char  *uri,
                           GError     **error)
{
  g_return_val_if_fail (uri != NULL, FALSE);

  return _rally_db_pg_check_uri (uri, error);
}

void
rally_db_close (RallyDb *db)
{
  if (db != NULL)
    db->backend->close (db);
}

RallyDbDialect
rally_db_get_dialect (RallyDb *db)
{
  return db->dialect;
}

/* Runs one or more statements that take no parameters; rows are ignored. */
gboolean
rally_db_exec (RallyDb     *db,
               const char  *sql,
               GError     **error)
{
  return db->backend->exec (db, sql, error);
}

/* One statement, with `?`/`?N` placeholders. */
RallyDbStmt *
rally_db_prepare (RallyDb     *db,
                  const char  *sql,
                  GError     **error)
{
  return db->backend->prepare (db, sql, error);
}

/* Rows changed by the last INSERT, UPDATE or DELETE (not counting triggers). */
gint64
rally_db_changes (RallyDb *db)
{
  return db->backend->changes (db);
}

/* The id given to the row of the last INSERT that let the engine number it. */
gint64
rally_db_last_insert_id (RallyDb *db)
{
  return db->backend->last_insert_id (db);
}

gboolean
rally_db_begin (RallyDb  *db,
                GError  **error)
{
  g_return_val_if_fail (!db->in_transaction, FALSE);

  if (!rally_db_exec (db, rally_db_dialect_begin (db->dialect), error))
    return FALSE;
  db->in_transaction = TRUE;
  return TRUE;
}

gboolean
rally_db_commit (RallyDb  *db,
                 GError  **error)
{
  g_return_val_if_fail (db->in_transaction, FALSE);

  if (!rally_db_exec (db, "COMMIT", error))
    {
      rally_db_rollback (db);
      return FALSE;
    }
  db->in_transaction = FALSE;
  return TRUE;
}

void
rally_db_rollback (RallyDb *db)
{
  g_autoptr(GError) error = NULL;

  if (!db->in_transaction)
    return;
  db->in_transaction = FALSE;
  if (!rally_db_exec (db, "ROLLBACK", &error))
    g_debug ("Rollback failed: %s", error->message);
}

static gboolean
is_server (RallyDb *db)
{
  return db->dialect == RALLY_DB_DIALECT_POSTGRESQL;
}

/* Asks to hear of rally_db_notify() on @channel by other connections. */
gboolean
rally_db_listen (RallyDb     *db,
                 const char  *channel,
                 GError     **error)
{
  g_return_val_if_fail (db != NULL && channel != NULL, FALSE);

  return !is_server (db) || _rally_db_pg_listen (db, channel, error);
}

/* Tells the listeners of @channel, when the transaction under way commits (at once
 * outside one). */
gboolean
rally_db_notify (RallyDb     *db,
                 const char  *channel,
                 const char  *payload,
                 GError     **error)
{
  g_return_val_if_fail (db != NULL && channel != NULL && payload != NULL, FALSE);

  return !is_server (db) || _rally_db_pg_notify (db, channel, payload, error);
}

/* The socket to watch for notifications (readable), or -1. */
int
rally_db_get_socket (RallyDb *db)
{
  g_return_val_if_fail (db != NULL, -1);

  return is_server (db) ? _rally_db_pg_get_socket (db) : -1;
}

/**
 * rally_db_take_notifications:
 * @db: a connection
 * @error: %RALLY_STORE_ERROR_OFFLINE when the connection is gone
 *
 * Reads what arrived without waiting, and hands over the payloads of the
 * notifications other connections sent since the last call, oldest first.
 *
 * Returns: (transfer container) (nullable): the payloads (char *), or %NULL when the
 *   connection is lost
 */
GPtrArray *
rally_db_take_notifications (RallyDb  *db,
                             GError  **error)
{
  g_return_val_if_fail (db != NULL, NULL);

  if (!is_server (db))
    return g_ptr_array_new_with_free_func (g_free);
  return _rally_db_pg_take_notifications (db, error);
}

/* Whether the connection still stands; a lost one is never used again. */
gboolean
rally_db_is_connected (RallyDb *db)
{
  g_return_val_if_fail (db != NULL, FALSE);

  return !is_server (db) || _rally_db_pg_is_connected (db);
}

/* @func hears of notifications that arrived during a statement and of the connection
 * being lost; %NULL stops it. */
void
rally_db_set_event_func (RallyDb          *db,
                         RallyDbEventFunc  func,
                         gpointer          user_data)
{
  g_return_if_fail (db != NULL);

  if (is_server (db))
    _rally_db_pg_set_event_func (db, func, user_data);
}

/* The first column of the first row of SQL as an integer (0 when NULL or no row). */
gboolean
rally_db_query_int64 (RallyDb     *db,
                      const char  *sql,
                      gint64      *out,
                      GError     **error)
{
  g_autoptr(RallyDbStmt) stmt = rally_db_prepare (db, sql, error);
  RallyDbStep rc;

  if (stmt == NULL)
    return FALSE;

  *out = 0;
  rc = rally_db_stmt_step (stmt, error);
  if (rc == RALLY_DB_ROW)
    *out = rally_db_stmt_column_int64 (stmt, 0);

  return rc != RALLY_DB_ERROR;
}

/**
 * rally_db_last_constraint:
 * @db: a connection
 * @detail: (out) (optional): the engine's own words for it, valid until the next statement
 *
 * Returns: the rule of the data that the last failed statement broke, if any
 */
RallyDbConstraint
rally_db_last_constraint (RallyDb     *db,
                          const char **detail)
{
  const char *unused;

  return db->backend->last_constraint (db, detail != NULL ? detail : &unused);
}

/**
 * rally_db_try_lock:
 * @db: a connection
 * @key: which lock: one number per purpose, the same in every Rally
 * @taken: (out): %FALSE when another connection (of any process) holds it
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * Takes a lock of the whole workspace without waiting, held until rally_db_unlock()
 * or until @db closes (also when the process dies): PostgreSQL's advisory lock, a
 * lock of a file beside the database on SQLite.
 *
 * Returns: %FALSE with @error set when asking failed
 */
gboolean
rally_db_try_lock (RallyDb   *db,
                   gint64     key,
                   gboolean  *taken,
                   GError   **error)
{
  *taken = FALSE;
  return db->backend->try_lock (db, key, taken, error);
}

void
rally_db_unlock (RallyDb *db,
                 gint64   key)
{
  db->backend->unlock (db, key);
}

/**
 * rally_db_pipeline_begin:
 *
 * From now until rally_db_pipeline_end(), the statements stepped are sent to a
 * server without waiting for their replies: a step gives RALLY_DB_DONE at once, and
 * a failure shows at the end. Only for statements whose rows, changes and ids
 * nobody reads, inside a transaction; rally_db_exec() may not be called meanwhile.
 *
 * Returns: whether statements are pipelined now (never on SQLite, where each step
 *   runs at once: a step's failure shows at once there)
 */
gboolean
rally_db_pipeline_begin (RallyDb *db)
{
  return db->backend->pipeline_begin != NULL && db->backend->pipeline_begin (db);
}

/**
 * rally_db_pipeline_end:
 *
 * Waits for the replies of the statements sent since rally_db_pipeline_begin() (one
 * round trip for all of them); nothing to do when none began.
 *
 * Returns: %FALSE with @error set when one of them failed (the transaction must then
 *   be rolled back)
 */
gboolean
rally_db_pipeline_end (RallyDb  *db,
                       GError  **error)
{
  return db->backend->pipeline_end == NULL || db->backend->pipeline_end (db, error);
}

void
rally_db_stmt_free (RallyDbStmt *stmt)
{
  if (stmt != NULL)
    stmt->db->backend->stmt_free (stmt);
}

/* Parameters count from 1, as in SQLite; the value is copied. */
void
rally_db_stmt_bind_int64 (RallyDbStmt *stmt,
                          int          index,
                          gint64       value)
{
  stmt->db->backend->bind_int64 (stmt, index, value);
}

void
rally_db_stmt_bind_double (RallyDbStmt *stmt,
                           int          index,
                           double       value)
{
  stmt->db->backend->bind_double (stmt, index, value);
}

static void
bind_text (RallyDbStmt *stmt,
           int          index,
           const char  *value,
           gssize       length,
           gboolean     kept)
{
  if (value == NULL)
    {
      rally_db_stmt_bind_null (stmt, index);
      return;
    }
  stmt->db->backend->bind_text (stmt, index, value, length < 0 ? strlen (value) : (gsize) length, kept);
}

/* LENGTH -1: up to the first NUL. Otherwise the bytes as given, NULs and all on SQLite;
 * PostgreSQL's text holds no NUL byte and refuses it when the statement runs. */
void
rally_db_stmt_bind_text (RallyDbStmt *stmt,
                         int          index,
                         const char  *value,
                         gssize       length)
{
  bind_text (stmt, index, value, length, FALSE);
}

/* Like rally_db_stmt_bind_text(), without copying @value where the engine can:
 * @value stays as it is until the statement's bindings are cleared or bound again
 * (rally_db_stmt_clear_bindings()), even after the statement ran. */
void
rally_db_stmt_bind_static_text (RallyDbStmt *stmt,
                                int          index,
                                const char  *value,
                                gssize       length)
{
  bind_text (stmt, index, value, length, TRUE);
}

void
rally_db_stmt_bind_null (RallyDbStmt *stmt,
                         int          index)
{
  stmt->db->backend->bind_null (stmt, index);
}

/* RALLY_DB_ROW while there is a row to read, then RALLY_DB_DONE; RALLY_DB_ERROR with
 * @error set. After DONE or ERROR, reset before stepping again. */
RallyDbStep
rally_db_stmt_step (RallyDbStmt  *stmt,
                    GError      **error)
{
  return stmt->db->backend->step (stmt, error);
}

/* Steps a statement whose rows are not wanted to its end, and resets it. */
gboolean
rally_db_stmt_step_done (RallyDbStmt  *stmt,
                         GError      **error)
{
  RallyDbStep rc;

  while ((rc = rally_db_stmt_step (stmt, error)) == RALLY_DB_ROW)
    ;
  rally_db_stmt_reset (stmt);

  return rc == RALLY_DB_DONE;
}

/* Back to before the first step; the bindings stay. */
void
rally_db_stmt_reset (RallyDbStmt *stmt)
{
  stmt->db->backend->reset (stmt);
}

void
rally_db_stmt_clear_bindings (RallyDbStmt *stmt)
{
  stmt->db->backend->clear_bindings (stmt);
}

int
rally_db_stmt_column_count (RallyDbStmt *stmt)
{
  return stmt->db->backend->column_count (stmt);
}

gboolean
rally_db_stmt_column_is_null (RallyDbStmt *stmt,
                              int          column)
{
  return stmt->db->backend->column_is_null (stmt, column);
}

/* Columns count from 0, as in SQLite; NULL reads as 0. */
gint64
rally_db_stmt_column_int64 (RallyDbStmt *stmt,
                            int          column)
{
  return stmt->db->backend->column_int64 (stmt, column);
}

double
rally_db_stmt_column_double (RallyDbStmt *stmt,
                             int          column)
{
  return stmt->db->backend->column_double (stmt, column);
}

/* NUL-terminated UTF-8, valid until the next step or reset; NULL for NULL. */
const char *
rally_db_stmt_column_text (RallyDbStmt *stmt,
                           int          column)
{
  return stmt->db->backend->column_text (stmt, column);
}

gsize
rally_db_stmt_column_bytes (RallyDbStmt *stmt,
                            int          column)
{
  return stmt->db->backend->column_bytes (stmt, column);
}

/* What the column of the current row holds: on SQLite the value's own storage
 * class, on PostgreSQL the column's type. */
RallyDbType
rally_db_stmt_column_type (RallyDbStmt *stmt,
                           int          column)
{
  return stmt->db->backend->column_type (stmt, column);
}
