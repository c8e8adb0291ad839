/* rally-db-migrate.c
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

/* The schema steps of rally-store-migrations.c, run on either engine.
 *
 * SQLite keeps its version in PRAGMA user_version, as rally-store-open.c always has.
 * PostgreSQL keeps it in the table rally_schema_version, one row per step applied,
 * and runs the steps once per server: every Rally that opens the database takes the
 * same advisory lock first, so a second one waits, then finds nothing left to do. */

#define G_LOG_DOMAIN "RallyDb"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "rally-db-private.h"
#include "rally-store-private.h"

#define PG_LOCK_SQL "SELECT pg_advisory_lock (1382116473)"      /* RALLY_STORE_APPLICATION_ID */
#define PG_UNLOCK_SQL "SELECT pg_advisory_unlock (1382116473)"
G_STATIC_ASSERT (RALLY_STORE_APPLICATION_ID == 1382116473);

#define PG_VERSION_TABLE \
  "CREATE TABLE rally_schema_version (" \
  "  version    INTEGER PRIMARY KEY," \
  "  applied_at INTEGER NOT NULL" \
  ");"

static const char *
step_sql (RallyDbDialect dialect,
          guint          step)
{
  if (dialect == RALLY_DB_DIALECT_POSTGRESQL && rally_store_migrations_pg[step] != NULL)
    return rally_store_migrations_pg[step];
  return rally_store_migrations[step];
}

static gboolean
check_not_newer (gint64    version,
                 GError  **error)
{
  if (version <= rally_store_n_migrations)
    return TRUE;

  g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NEWER_SCHEMA,
               _("The workspace was written by a newer version of Rally (schema %" PRId64
                 ", this version knows %u); it was left untouched"),
               version, rally_store_n_migrations);
  return FALSE;
}

/* Runs step STEP and records it, in one transaction. FIRST_SQL goes before it. */
static gboolean
run_step (RallyDb     *db,
          guint        step,
          const char  *first_sql,
          GError     **error)
{
  RallyDbDialect dialect = rally_db_get_dialect (db);
  g_autofree char *sql = rally_db_dialect_translate_ddl (dialect, step_sql (dialect, step));
  g_autofree char *record = NULL;

  if (dialect == RALLY_DB_DIALECT_SQLITE)
    record = g_strdup_printf ("PRAGMA user_version = %u; PRAGMA application_id = %d;",
                              step + 1, RALLY_STORE_APPLICATION_ID);
  else
    record = g_strdup_printf ("INSERT INTO rally_schema_version (version, applied_at)"
                              " VALUES (%u, extract (epoch FROM now ())::bigint);", step + 1);

  g_debug ("Migrating to schema %u", step + 1);

  if (!rally_db_begin (db, error))
    return FALSE;

  if ((first_sql != NULL && !rally_db_exec (db, first_sql, error)) ||
      !rally_db_exec (db, sql, error) ||
      !rally_db_exec (db, record, error) ||
      !rally_db_commit (db, error))
    {
      g_prefix_error (error, _("Could not upgrade the workspace to schema %u: "), step + 1);
      rally_db_rollback (db);
      return FALSE;
    }

  return TRUE;
}

static gboolean
pg_has_version_table (RallyDb   *db,
                      gboolean  *exists,
                      GError   **error)
{
  gint64 found = 0;

  if (!rally_db_query_int64 (db, "SELECT to_regclass ('rally_schema_version') IS NOT NULL", &found, error))
    return FALSE;
  *exists = found != 0;
  return TRUE;
}

/* Refuses a database that holds tables of something else. */
static gboolean
pg_check_identity (RallyDb   *db,
                   GError   **error)
{
  gint64 n_tables = 0;

  if (!rally_db_query_int64 (db,
                             "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                             " WHERE n.nspname = current_schema () AND c.relkind IN ('r', 'p', 'v', 'm')",
                             &n_tables, error))
    return FALSE;

  if (n_tables == 0)
    return TRUE;

  g_set_error_literal (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_A_DATABASE,
                       _("The team database holds the tables of another application; it was left untouched"));
  return FALSE;
}

static gboolean
pg_migrate_locked (RallyDb  *db,
                   GError  **error)
{
  g_autofree char *first_sql = NULL;
  gboolean exists = FALSE;
  gint64 version = 0;

  if (!pg_has_version_table (db, &exists, error))
    return FALSE;

  if (!exists && !pg_check_identity (db, error))
    return FALSE;

  if (exists && !rally_db_query_int64 (db, "SELECT coalesce (max (version), 0) FROM rally_schema_version",
                                       &version, error))
    return FALSE;

  if (!check_not_newer (version, error))
    return FALSE;

  /* The functions the store's SQL expects, and the version table, go in with the
   * first step that is missing. */
  if (version < rally_store_n_migrations)
    {
      g_autofree char *table = rally_db_dialect_translate_ddl (RALLY_DB_DIALECT_POSTGRESQL, PG_VERSION_TABLE);

      first_sql = g_strconcat (rally_db_dialect_pg_prelude, exists ? "" : table, NULL);
    }

  for (guint step = version; step < rally_store_n_migrations; step++)
    {
      if (!run_step (db, step, step == version ? first_sql : NULL, error))
        return FALSE;
    }

  /* Still under the lock: the group roles, and their privileges on any new table */
  return _rally_db_pg_setup_roles (db, version < rally_store_n_migrations, error);
}

static gboolean
pg_migrate (RallyDb  *db,
            GError  **error)
{
  g_autoptr(GError) unlock_error = NULL;
  gboolean ok;

  if (!rally_db_exec (db, PG_LOCK_SQL, error))
    return FALSE;

  ok = pg_migrate_locked (db, error);

  /* (The lock is the session's: it would go with the connection anyway.) */
  if (!rally_db_exec (db, PG_UNLOCK_SQL, &unlock_error))
    g_debug ("Could not release the schema lock: %s", unlock_error->message);

  return ok;
}

static gboolean
sqlite_migrate (RallyDb  *db,
                GError  **error)
{
  gint64 version = 0;

  if (!rally_db_query_int64 (db, "PRAGMA user_version", &version, error) ||
      !check_not_newer (version, error))
    return FALSE;

  for (guint step = version; step < rally_store_n_migrations; step++)
    {
      if (!run_step (db, step, NULL, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * rally_db_migrate:
 * @db: a connection
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * Brings the schema of @db up to date, each step in its own transaction. A workspace
 * written by a newer Rally is refused and left untouched.
 *
 * Returns: %TRUE when the schema is current
 */
gboolean
rally_db_migrate (RallyDb  *db,
                  GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  if (rally_db_get_dialect (db) == RALLY_DB_DIALECT_POSTGRESQL)
    return pg_migrate (db, error);
  return sqlite_migrate (db, error);
}

/**
 * rally_db_schema_version:
 * @db: a connection
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * Returns: the number of schema steps applied (0 for an empty database), or -1 with
 *   @error set
 */
gint64
rally_db_schema_version (RallyDb  *db,
                         GError  **error)
{
  gboolean exists = FALSE;
  gint64 version = 0;

  if (rally_db_get_dialect (db) == RALLY_DB_DIALECT_SQLITE)
    return rally_db_query_int64 (db, "PRAGMA user_version", &version, error) ? version : -1;

  if (!pg_has_version_table (db, &exists, error))
    return -1;
  if (exists && !rally_db_query_int64 (db, "SELECT coalesce (max (version), 0) FROM rally_schema_version",
                                       &version, error))
    return -1;
  return version;
}
