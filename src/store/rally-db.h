/* rally-db.h
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

#include <glib.h>

G_BEGIN_DECLS

/* A thin driver under the store: one connection to a workspace database, SQLite (a
 * folder) or PostgreSQL (a libpq URI), with statements that step through rows as
 * sqlite3_stmt does, so that the store's code converts call by call:
 *
 *   sqlite3_prepare_v2      → rally_db_prepare        sqlite3_bind_int64  → rally_db_stmt_bind_int64
 *   sqlite3_step            → rally_db_stmt_step      sqlite3_column_int64 → rally_db_stmt_column_int64
 *   sqlite3_reset           → rally_db_stmt_reset     sqlite3_changes     → rally_db_changes
 *   sqlite3_finalize        → rally_db_stmt_free      sqlite3_last_insert_rowid → rally_db_last_insert_id
 *
 * Placeholders are SQLite's `?` and `?N` on both engines. Errors are RALLY_STORE_ERROR;
 * no message ever carries a password. Not thread-safe: one thread per RallyDb. */

typedef struct _RallyDb     RallyDb;
typedef struct _RallyDbStmt RallyDbStmt;

typedef enum
{
  RALLY_DB_DIALECT_SQLITE,
  RALLY_DB_DIALECT_POSTGRESQL,
} RallyDbDialect;

/* What a column of the current row holds, as SQLite's storage classes. */
typedef enum
{
  RALLY_DB_TYPE_NULL,
  RALLY_DB_TYPE_INTEGER,
  RALLY_DB_TYPE_FLOAT,
  RALLY_DB_TYPE_TEXT,
} RallyDbType;

/* Which rule of the data the last failed statement broke. */
typedef enum
{
  RALLY_DB_CONSTRAINT_NONE,
  RALLY_DB_CONSTRAINT_FOREIGN_KEY,
  RALLY_DB_CONSTRAINT_UNIQUE,
  RALLY_DB_CONSTRAINT_CHECK,     /* NOT NULL or CHECK */
  RALLY_DB_CONSTRAINT_OTHER,
} RallyDbConstraint;

typedef enum
{
  RALLY_DB_ERROR = -1,
  RALLY_DB_DONE  = 0,
  RALLY_DB_ROW   = 1,
} RallyDbStep;

RallyDb        *rally_db_open                 (const char   *location,
                                               GError      **error);
RallyDb        *rally_db_open_sqlite          (const char   *path,
                                               GError      **error);
RallyDb        *rally_db_open_postgresql      (const char   *uri,
                                               GError      **error);
gboolean        rally_db_check_server_uri     (const char   *uri,
                                               GError      **error);
void            rally_db_close                (RallyDb      *db);
RallyDbDialect  rally_db_get_dialect          (RallyDb      *db);
gboolean        rally_db_exec                 (RallyDb      *db,
                                               const char   *sql,
                                               GError      **error);
RallyDbStmt    *rally_db_prepare              (RallyDb      *db,
                                               const char   *sql,
                                               GError      **error);
gint64          rally_db_changes              (RallyDb      *db);
gint64          rally_db_last_insert_id       (RallyDb      *db);
gboolean        rally_db_begin                (RallyDb      *db,
                                               GError      **error);
gboolean        rally_db_commit               (RallyDb      *db,
                                               GError      **error);
void            rally_db_rollback             (RallyDb      *db);
gboolean        rally_db_query_int64          (RallyDb      *db,
                                               const char   *sql,
                                               gint64       *out,
                                               GError      **error);
RallyDbConstraint rally_db_last_constraint    (RallyDb      *db,
                                               const char  **detail);
gboolean        rally_db_try_lock             (RallyDb      *db,
                                               gint64        key,
                                               gboolean     *taken,
                                               GError      **error);
void            rally_db_unlock               (RallyDb      *db,
                                               gint64        key);
gboolean        rally_db_pipeline_begin       (RallyDb      *db);
gboolean        rally_db_pipeline_end         (RallyDb      *db,
                                               GError      **error);

void            rally_db_stmt_free            (RallyDbStmt  *stmt);
void            rally_db_stmt_bind_int64      (RallyDbStmt  *stmt,
                                               int           index,
                                               gint64        value);
void            rally_db_stmt_bind_double     (RallyDbStmt  *stmt,
                                               int           index,
                                               double        value);
void            rally_db_stmt_bind_text       (RallyDbStmt  *stmt,
                                               int           index,
                                               const char   *value,
                                               gssize        length);
void            rally_db_stmt_bind_static_text (RallyDbStmt *stmt,
                                               int           index,
                                               const char   *value,
                                               gssize        length);
void            rally_db_stmt_bind_null       (RallyDbStmt  *stmt,
                                               int           index);
RallyDbStep     rally_db_stmt_step            (RallyDbStmt  *stmt,
                                               GError      **error);
gboolean        rally_db_stmt_step_done       (RallyDbStmt  *stmt,
                                               GError      **error);
void            rally_db_stmt_reset           (RallyDbStmt  *stmt);
void            rally_db_stmt_clear_bindings  (RallyDbStmt  *stmt);
int             rally_db_stmt_column_count    (RallyDbStmt  *stmt);
gboolean        rally_db_stmt_column_is_null  (RallyDbStmt  *stmt,
                                               int           column);
gint64          rally_db_stmt_column_int64    (RallyDbStmt  *stmt,
                                               int           column);
double          rally_db_stmt_column_double   (RallyDbStmt  *stmt,
                                               int           column);
const char     *rally_db_stmt_column_text     (RallyDbStmt  *stmt,
                                               int           column);
gsize           rally_db_stmt_column_bytes    (RallyDbStmt  *stmt,
                                               int           column);
RallyDbType     rally_db_stmt_column_type     (RallyDbStmt  *stmt,
                                               int           column);

/* Live changes between connections, for RallyStoreWatch. On PostgreSQL, NOTIFY and
 * LISTEN: a notification sent inside a transaction reaches the listeners when it
 * commits, and a connection never hears its own. On SQLite they do nothing (the store
 * watches the file instead): no socket, nothing to take, always connected. */
typedef enum
{
  RALLY_DB_EVENT_NOTIFIED,   /* notifications wait in rally_db_take_notifications() */
  RALLY_DB_EVENT_LOST,       /* the connection is gone: every statement fails OFFLINE */
} RallyDbEvent;

/* Called in the middle of whatever statement noticed it: only schedule work from it. */
typedef void (*RallyDbEventFunc) (RallyDb      *db,
                                  RallyDbEvent  event,
                                  gpointer      user_data);

gboolean        rally_db_listen               (RallyDb      *db,
                                               const char   *channel,
                                               GError      **error);
gboolean        rally_db_notify               (RallyDb      *db,
                                               const char   *channel,
                                               const char   *payload,
                                               GError      **error);
int             rally_db_get_socket           (RallyDb      *db);
GPtrArray      *rally_db_take_notifications   (RallyDb      *db,
                                               GError      **error);
gboolean        rally_db_is_connected         (RallyDb      *db);
void            rally_db_set_event_func       (RallyDb      *db,
                                               RallyDbEventFunc func,
                                               gpointer      user_data);

/* rally-db-dialect.c: the differences between the engines, in one place */
char           *rally_db_dialect_translate_placeholders (const char *sql,
                                                         int        *n_params);
char           *rally_db_dialect_translate_ddl          (RallyDbDialect dialect,
                                                         const char    *sql);
const char     *rally_db_dialect_insert_or_ignore       (RallyDbDialect dialect);
const char     *rally_db_dialect_on_conflict_ignore     (RallyDbDialect dialect);
const char     *rally_db_dialect_begin                  (RallyDbDialect dialect);
const char     *rally_db_dialect_write_order            (RallyDbDialect dialect);
const char     *rally_db_dialect_table_columns          (RallyDbDialect dialect);
const char     *rally_db_dialect_binary_collation       (RallyDbDialect dialect);
const char     *rally_db_dialect_snapshot               (RallyDbDialect dialect);
const char     *rally_db_dialect_exclusive_write        (RallyDbDialect dialect);

/* rally-db-migrate.c */
gboolean        rally_db_migrate              (RallyDb      *db,
                                               GError      **error);
gint64          rally_db_schema_version       (RallyDb      *db,
                                               GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyDb, rally_db_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyDbStmt, rally_db_stmt_free)

G_END_DECLS
