/* rally-db-roles.c
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

/* Who may do what in a team workspace: the server decides, through three group
 * roles (NOLOGIN) that a person's login role is granted one of:
 *
 *   rally_DB_owner   every privilege on every Rally table
 *   rally_DB_editor  read and write, except: the meta table (the workspace's generation,
 *                    raised by restoring a backup over it) and rally_schema_version are
 *                    read-only, and a campaign cannot be deleted: no DELETE on campaigns
 *                    and UPDATE on every column of it but deleted_at (a deletion is a
 *                    soft delete, an UPDATE of deleted_at)
 *   rally_DB_viewer  SELECT only
 *
 * Roles are the server's, not the database's, so their names carry the database's:
 * DB is its name when that is short and plain (lowercase letters, digits, _), else the
 * start of its MD5. COMMENT ON ROLE says which database each is for.
 *
 * The first connection (the one that creates the tables) makes them, under the
 * schema lock; every run of migration steps grants again, so new tables get the same
 * privileges. The role a connection has is read from what it may do, not from
 * membership: a superuser or the tables' owner is an owner too. */

#define G_LOG_DOMAIN "RallyDb"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rally-db-private.h"
#include "rally-store.h"

#define MAX_PLAIN_NAME 40

static const char * const kinds[] = { "owner", "editor", "viewer" };

/**
 * _rally_db_pg_role_name:
 * @database: the database's name
 * @kind: "owner", "editor" or "viewer"
 *
 * Returns: (transfer full): the group role's name, a plain identifier (no quoting needed)
 */
char *
_rally_db_pg_role_name (const char *database,
                        const char *kind)
{
  gboolean plain = *database != '\0' && strlen (database) <= MAX_PLAIN_NAME;
  g_autofree char *digest = NULL;

  for (const char *c = database; plain && *c != '\0'; c++)
    plain = g_ascii_islower (*c) || g_ascii_isdigit (*c) || *c == '_';

  if (plain)
    return g_strdup_printf ("rally_%s_%s", database, kind);

  digest = g_compute_checksum_for_string (G_CHECKSUM_MD5, database, -1);
  digest[12] = '\0';
  return g_strdup_printf ("rally_%s_%s", digest, kind);
}

static char *
query_text (RallyDb     *db,
            const char  *sql,
            GError     **error)
{
  g_autoptr(RallyDbStmt) stmt = rally_db_prepare (db, sql, error);

  if (stmt == NULL || rally_db_stmt_step (stmt, error) != RALLY_DB_ROW)
    {
      if (stmt != NULL && error != NULL && *error == NULL)
        g_set_error_literal (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_FAILED, _("The team server gave no answer"));
      return NULL;
    }
  return g_strdup (rally_db_stmt_column_text (stmt, 0));
}

/* The PL/pgSQL that makes the missing roles and grants their privileges, for the
 * role names O, E and V (plain identifiers). */
static char *
setup_sql (const char *o,
           const char *e,
           const char *v)
{
  g_autoptr(GString) sql = g_string_new ("DO $rally_roles$ DECLARE s text := quote_ident (current_schema ()); cols text; BEGIN ");
  const char *names[] = { o, e, v };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_string_append_printf (sql,
                            "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%s') THEN"
                            " CREATE ROLE %s NOLOGIN;"
                            " EXECUTE format ('COMMENT ON ROLE %s IS %%L',"
                            "  'Rally: %s of the team workspace in database ' || current_database ());"
                            " END IF;",
                            names[i], names[i], names[i], kinds[i]);

  g_string_append_printf (sql,
    "EXECUTE format ('GRANT USAGE ON SCHEMA %%s TO %1$s, %2$s, %3$s', s);"
    "EXECUTE format ('GRANT ALL ON ALL TABLES IN SCHEMA %%s TO %1$s', s);"
    "EXECUTE format ('GRANT ALL ON ALL SEQUENCES IN SCHEMA %%s TO %1$s', s);"
    "EXECUTE format ('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %%s TO %2$s', s);"
    "EXECUTE format ('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %%s TO %2$s', s);"
    "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON meta, rally_schema_version FROM %2$s;"
    "REVOKE UPDATE, DELETE ON campaigns FROM %2$s;"
    "SELECT string_agg (quote_ident (attname), ', ') INTO cols FROM pg_attribute"
    " WHERE attrelid = 'campaigns'::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'deleted_at';"
    "EXECUTE format ('GRANT UPDATE (%%s) ON campaigns TO %2$s', cols);"
    "EXECUTE format ('GRANT SELECT ON ALL TABLES IN SCHEMA %%s TO %3$s', s);"
    "EXECUTE format ('GRANT SELECT ON ALL SEQUENCES IN SCHEMA %%s TO %3$s', s);"
    "END $rally_roles$;",
    o, e, v);

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/**
 * _rally_db_pg_setup_roles:
 * @db: a PostgreSQL connection holding the schema lock, its schema current
 * @migrated: whether migration steps just ran (their new tables need the grants)
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * Makes the group roles if they are missing and grants their privileges, when this
 * connection may: it owns the tables, and can create roles where some are missing.
 * Otherwise it leaves them to the owner's next open (nothing is refused for that).
 *
 * Returns: %FALSE with @error set if making or granting failed
 */
gboolean
_rally_db_pg_setup_roles (RallyDb   *db,
                          gboolean   migrated,
                          GError   **error)
{
  g_autofree char *database = query_text (db, "SELECT current_database ()", error);
  g_autofree char *o = NULL, *e = NULL, *v = NULL;
  g_autofree char *count_sql = NULL;
  g_autofree char *may_sql = NULL;
  g_autofree char *sql = NULL;
  gint64 present = 0, may = 0;

  if (database == NULL)
    return FALSE;

  o = _rally_db_pg_role_name (database, kinds[0]);
  e = _rally_db_pg_role_name (database, kinds[1]);
  v = _rally_db_pg_role_name (database, kinds[2]);

  count_sql = g_strdup_printf ("SELECT count(*) FROM pg_roles WHERE rolname IN ('%s', '%s', '%s')", o, e, v);
  if (!rally_db_query_int64 (db, count_sql, &present, error))
    return FALSE;
  if (present == G_N_ELEMENTS (kinds) && !migrated)
    return TRUE;

  may_sql = g_strdup_printf ("SELECT pg_has_role ((SELECT relowner FROM pg_class WHERE oid = 'campaigns'::regclass), 'USAGE')"
                             " AND (%s OR (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user))",
                             present == G_N_ELEMENTS (kinds) ? "TRUE" : "FALSE");
  if (!rally_db_query_int64 (db, may_sql, &may, error))
    return FALSE;
  if (!may)
    {
      g_debug ("Leaving the group roles %s, %s and %s to a role that owns the tables and may create roles", o, e, v);
      return TRUE;
    }

  g_debug ("Granting the group roles %s, %s and %s", o, e, v);
  sql = setup_sql (o, e, v);
  if (!rally_db_begin (db, error))
    return FALSE;
  if (!rally_db_exec (db, sql, error) || !rally_db_commit (db, error))
    {
      g_prefix_error (error, _("Could not set up the roles of the team workspace: "));
      rally_db_rollback (db);
      return FALSE;
    }

  return TRUE;
}

/**
 * _rally_db_pg_read_role:
 * @db: a PostgreSQL connection to a current schema
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * Reads what this connection may do into @db's role: owner when it may delete
 * campaigns and replace the workspace, editor when it may add challenges, else viewer.
 *
 * Returns: %TRUE on success
 */
gboolean
_rally_db_pg_read_role (RallyDb  *db,
                        GError  **error)
{
  gint64 role = RALLY_STORE_ROLE_VIEWER;

  G_STATIC_ASSERT (RALLY_STORE_ROLE_OWNER == 0 && RALLY_STORE_ROLE_EDITOR == 1 && RALLY_STORE_ROLE_VIEWER == 2);

  if (!rally_db_query_int64 (db,
                             "SELECT CASE WHEN has_table_privilege ('campaigns', 'DELETE')"
                             "             AND has_table_privilege ('meta', 'UPDATE') THEN 0"
                             "            WHEN has_table_privilege ('challenges', 'INSERT') THEN 1"
                             "            ELSE 2 END",
                             &role, error))
    return FALSE;

  db->role = (int) role;
  return TRUE;
}

/**
 * rally_store_role_can_edit:
 *
 * Returns: whether @role may change records (create, edit, delete, import, sync)
 */
gboolean
rally_store_role_can_edit (RallyStoreRole role)
{
  return role != RALLY_STORE_ROLE_VIEWER;
}

/**
 * rally_store_role_can_delete_campaigns:
 *
 * Returns: whether @role may delete campaigns and replace the whole workspace
 */
gboolean
rally_store_role_can_delete_campaigns (RallyStoreRole role)
{
  return role == RALLY_STORE_ROLE_OWNER;
}

/**
 * rally_store_role_refusal:
 * @role: the role that was refused a change
 *
 * Returns: (transfer none): the sentence that says why, and what to ask for
 */
const char *
rally_store_role_refusal (RallyStoreRole role)
{
  switch (role)
    {
    case RALLY_STORE_ROLE_VIEWER:
      return _("Your role on this team workspace is Viewer: you can read everything but not change it. "
               "Ask its owner to grant you the editor role.");
    case RALLY_STORE_ROLE_EDITOR:
      return _("Your role on this team workspace is Editor: you can change everything but delete campaigns "
               "or replace the whole workspace. Ask its owner to do it, or to grant you the owner role.");
    case RALLY_STORE_ROLE_OWNER:
    default:
      return _("The team server refused the change: your database role lacks a privilege it needs. "
               "Ask the server’s administrator to grant you the workspace’s owner role.");
    }
}
