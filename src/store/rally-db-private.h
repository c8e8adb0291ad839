/* rally-db-private.h
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

#include "rally-db.h"
#include "rally-team-server.h"

G_BEGIN_DECLS

/* What a backend (rally-db-sqlite.c, rally-db-pg.c) provides; rally-db.c dispatches. */
typedef struct
{
  void          (*close)            (RallyDb     *db);
  gboolean      (*exec)             (RallyDb     *db,
                                     const char  *sql,
                                     GError     **error);
  RallyDbStmt  *(*prepare)          (RallyDb     *db,
                                     const char  *sql,
                                     GError     **error);
  gint64        (*changes)          (RallyDb     *db);
  gint64        (*last_insert_id)   (RallyDb     *db);

  void          (*stmt_free)        (RallyDbStmt *stmt);
  void          (*bind_int64)       (RallyDbStmt *stmt,
                                     int          index,
                                     gint64       value);
  void          (*bind_double)      (RallyDbStmt *stmt,
                                     int          index,
                                     double       value);
  /* kept: the caller keeps @value until the bindings are cleared or bound again,
   * so the engine may bind it without a copy */
  void          (*bind_text)        (RallyDbStmt *stmt,
                                     int          index,
                                     const char  *value,
                                     gsize        length,
                                     gboolean     kept);
  void          (*bind_null)        (RallyDbStmt *stmt,
                                     int          index);
  RallyDbStep   (*step)             (RallyDbStmt *stmt,
                                     GError     **error);
  void          (*reset)            (RallyDbStmt *stmt);
  void          (*clear_bindings)   (RallyDbStmt *stmt);
  int           (*column_count)     (RallyDbStmt *stmt);
  gboolean      (*column_is_null)   (RallyDbStmt *stmt,
                                     int          column);
  gint64        (*column_int64)     (RallyDbStmt *stmt,
                                     int          column);
  double        (*column_double)    (RallyDbStmt *stmt,
                                     int          column);
  const char   *(*column_text)      (RallyDbStmt *stmt,
                                     int          column);
  gsize         (*column_bytes)     (RallyDbStmt *stmt,
                                     int          column);
  RallyDbType   (*column_type)      (RallyDbStmt *stmt,
                                     int          column);
  RallyDbConstraint (*last_constraint) (RallyDb  *db,
                                     const char **detail);
  gboolean      (*try_lock)         (RallyDb     *db,
                                     gint64       key,
                                     gboolean    *taken,
                                     GError     **error);
  void          (*unlock)           (RallyDb     *db,
                                     gint64       key);
  /* NULL where statements cannot be pipelined (SQLite, in the process) */
  gboolean      (*pipeline_begin)   (RallyDb     *db);
  gboolean      (*pipeline_end)     (RallyDb     *db,
                                     GError     **error);
} RallyDbBackend;

struct _RallyDb
{
  const RallyDbBackend *backend;
  RallyDbDialect        dialect;
  gboolean              in_transaction;
  int                   role;    /* a RallyStoreRole, read at open (rally-db-roles.c) */
};

struct _RallyDbStmt
{
  RallyDb *db;
};

extern const char rally_db_dialect_pg_prelude[];

/* rally-store-migrations.c: the PostgreSQL text of each step, or NULL where SQLite's serves */
extern const char * const rally_store_migrations_pg[];
extern const char         rally_store_rebuild_rollups_sql_pg[];

RallyDb *_rally_db_sqlite_open (const char  *path,
                                GError     **error);
RallyDb *_rally_db_sqlite_open_existing (const char  *path,
                                         GError     **error);
RallyDb *_rally_db_sqlite_open_unshared (const char  *path,
                                         GError     **error);
/* rally-db-sqlite-wal.c */
const char *_rally_db_sqlite_wal_vfs (void);
RallyDb *_rally_db_pg_open     (const char  *uri,
                                const char  *password,
                                gboolean    *needs_password,
                                GError     **error);
void     _rally_db_pg_describe (RallyDb             *db,
                                RallyTeamServerInfo *info);
gboolean _rally_db_pg_identify (const char           *uri,
                                RallyTeamServerInfo  *info,
                                GError              **error);
gboolean _rally_db_pg_check_uri (const char *uri,
                                 GError    **error);

/* rally-db-roles.c: the group roles of a team workspace and their privileges */
gboolean _rally_db_pg_setup_roles (RallyDb   *db,
                                   gboolean   migrated,
                                   GError   **error);
gboolean _rally_db_pg_read_role   (RallyDb   *db,
                                   GError   **error);
char    *_rally_db_pg_role_name   (const char *database,
                                   const char *kind);

/* rally-db-pg.c: live changes (see rally_db_listen()) */
gboolean   _rally_db_pg_listen             (RallyDb           *db,
                                            const char        *channel,
                                            GError           **error);
gboolean   _rally_db_pg_notify             (RallyDb           *db,
                                            const char        *channel,
                                            const char        *payload,
                                            GError           **error);
int        _rally_db_pg_get_socket         (RallyDb           *db);
gboolean   _rally_db_pg_is_connected       (RallyDb           *db);
GPtrArray *_rally_db_pg_take_notifications (RallyDb           *db,
                                            GError           **error);
void       _rally_db_pg_set_event_func     (RallyDb           *db,
                                            RallyDbEventFunc   func,
                                            gpointer           user_data);

struct sqlite3;

void     _rally_db_sqlite_set_error  (struct sqlite3  *handle,
                                      const char      *path,
                                      int              rc,
                                      GError         **error);
RallyDb *_rally_db_sqlite_open_reader (const char  *path,
                                       GError     **error);
/* The SQLite connection under @db, for the few SQLite-only parts (WAL checkpoints,
 * data_version, file control); NULL on PostgreSQL. */
struct sqlite3 *_rally_db_sqlite_handle (RallyDb *db);

G_END_DECLS
