/* rally-db-pg.c
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

/* The driver's PostgreSQL backend, through libpq (loaded when a server is first
 * asked for, see rally-db-libpq.c).
 *
 * - Connecting: the URI goes to PQconnectdbParams with expand_dbname, so .pgpass,
 *   PGPASSFILE, service files and the PG* variables hold as in psql. A server not on
 *   this computer is spoken to over TLS with its certificate checked (verify-full)
 *   unless the URI or PGSSLMODE chooses a mode; without a root certificate to check
 *   it against, it is refused before any connection is made.
 * - Statements: `?`/`?N` become `$N` (rally-db-dialect.c); each step of a fresh
 *   execution runs it (integers bound as int8, doubles as float8, text as text of
 *   unknown type, as SQLite's affinity would take it) and fetches the whole result,
 *   so that steps walk its rows and other statements may run in between, as the
 *   store's SQLite code does. A statement is prepared on the server once for each set
 *   of parameter types it is run with (PQprepare), then only its name and values
 *   travel (PQexecPrepared): the store keeps its statements for its whole life, so the
 *   server parses and analyses each text once, not on every execution. A freed
 *   statement's server-side copies are deallocated before the next prepare.
 * - Pipelines (rally_db_pipeline_begin()): the statements of a sync page are sent
 *   one after the other without waiting for each reply (libpq's pipeline mode), and
 *   their replies read together at the end, one round trip for all of them. Only
 *   statements whose results nobody reads go in one (no rows, no last insert id).
 * - An INSERT into a table with an id column returns it, for rally_db_last_insert_id();
 *   one that gives the id itself moves the identity's sequence past it.
 * - Errors: the server's message, with the password (if the URI had one) masked. A
 *   connection found lost (the server stopped, the network gone) is
 *   RALLY_STORE_ERROR_OFFLINE, and told to the event function.
 * - Live changes: NOTIFY/LISTEN. Notifications that arrive while a statement runs are
 *   read by libpq with its results: after every exchange they are taken from libpq's
 *   queue into ours (those of this very connection dropped), and the event function
 *   hears of them, since the socket will not wake anyone for them again. */

#define G_LOG_DOMAIN "RallyDb"

#include "config.h"

#include <glib/gi18n.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "rally-db-libpq.h"
#include "rally-db-private.h"
#include "rally-store.h"

/* libpq's functions: loaded by parse_uri(), which every way to a connection
 * takes first (rally-db-libpq.c) */
#define pq _rally_libpq

#define INT8OID 20
#define FLOAT8OID 701
#define DEFAULT_CONNECT_TIMEOUT "10"
#define MASK "••••••"

typedef struct
{
  RallyDb     parent;
  PGconn     *conn;
  char       *password;     /* to mask in messages; wiped on close */
  GHashTable *has_id;       /* table name → GINT_TO_POINTER (1 + has an id column) */
  guint       n_prepared;   /* for the names of server-side statements */
  GPtrArray  *unused;       /* names of server-side statements to deallocate */
  gint64      changes;
  gint64      last_insert_id;
  char        sqlstate[6];  /* of the last failure */
  char       *message;      /* its primary message, password masked */
  GPtrArray  *notifications; /* payloads from other connections, not yet taken */
  RallyDbEventFunc event_func;
  gpointer    event_data;
  gboolean    lost;          /* told to the event function already */
  GArray     *piped;         /* of Piped, sent but not read yet; NULL outside a pipeline */
  GHashTable *piped_ids;     /* tables the pipeline inserted ids of their own into */
  gboolean    tables_known;  /* has_id holds every table (cache_tables_with_id()) */
} PgDb;

typedef struct
{
  RallyDbStmt  parent;
  char        *sql;          /* with $N */
  gboolean     returns_id;   /* RETURNING id added for last_insert_id */
  char        *id_table;     /* the table, when the INSERT gives the id itself */
  int          n_params;
  char       **values;
  Oid         *types;
  gboolean    *has_nul;      /* text bound with a NUL inside, refused when run */
  GPtrArray   *plans;        /* of PgPlan: server-side copies, one per set of types */
  PGresult    *result;
  int          row;          /* the current row; -1 before the first step */
  gboolean     done;
} PgStmt;

/* A statement prepared on the server for one set of parameter types. */
typedef struct
{
  char *name;
  Oid  *types;
} PgPlan;

/* What a pipeline sent: a prepare (@plan, of @stmt) or an execution (@plan NULL). */
typedef struct
{
  PgStmt *stmt;
  PgPlan *plan;
} Piped;

static void
pg_plan_free (gpointer data)
{
  PgPlan *plan = data;

  g_free (plan->name);
  g_free (plan->types);
  g_free (plan);
}

#define DB(db) ((PgDb *) (db))
#define STMT(stmt) ((PgStmt *) (stmt))

/* Replaces every copy of PASSWORD in MESSAGE. Passwords of one or two characters
 * are left: masking them would garble every message that holds those letters. */
static char *
mask_password (const char *message,
               const char *password)
{
  g_auto(GStrv) parts = NULL;

  if (password == NULL || strlen (password) < 3 || strstr (message, password) == NULL)
    return g_strdup (message);

  parts = g_strsplit (message, password, -1);
  return g_strjoinv (MASK, parts);
}

/* libpq's messages end with a newline and may span lines; one line reads better. */
static char *
clean_message (const char *message,
               const char *password)
{
  g_autofree char *masked = mask_password (message != NULL ? message : "", password);
  g_autoptr(GString) out = g_string_new (g_strstrip (masked));

  g_string_replace (out, "\n", " ", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static RallyStoreError
code_for_sqlstate (const char *state)
{
  if (state == NULL)
    return RALLY_STORE_ERROR_IO;       /* no answer from the server */
  if (g_str_has_prefix (state, "23"))
    return RALLY_STORE_ERROR_CONSTRAINT;
  if (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "53") || g_str_has_prefix (state, "58"))
    return RALLY_STORE_ERROR_IO;
  if (g_str_equal (state, "40001") || g_str_equal (state, "40P01") || g_str_equal (state, "55P03"))
    return RALLY_STORE_ERROR_BUSY;
  if (g_str_equal (state, "XX001") || g_str_equal (state, "XX002"))
    return RALLY_STORE_ERROR_CORRUPT;
  return RALLY_STORE_ERROR_FAILED;
}

static void
set_offline_error (GError **error)
{
  g_set_error_literal (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_OFFLINE,
                       _("The team server cannot be reached, so nothing was saved. Try again once it is back."));
}

/* The connection is gone (PQstatus bad), or the server is shutting down (57P01…). */
static gboolean
is_offline (PgDb       *self,
            const char *state)
{
  return pq.PQstatus (self->conn) != CONNECTION_OK || (state != NULL && g_str_has_prefix (state, "57P0"));
}

static void
set_result_error (PgDb            *self,
                  const PGresult  *result,
                  GError         **error)
{
  const char *message = result != NULL ? pq.PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  const char *state = result != NULL ? pq.PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  g_autofree char *clean = NULL;

  if (is_offline (self, state))
    {
      set_offline_error (error);
      return;
    }

  if (message == NULL)
    message = pq.PQerrorMessage (self->conn);
  clean = clean_message (message, self->password);
  g_strlcpy (self->sqlstate, state != NULL ? state : "", sizeof self->sqlstate);
  g_free (self->message);
  self->message = g_strdup (clean);

  /* insufficient_privilege: what the person's role may not do, said in their terms */
  if (state != NULL && g_str_equal (state, "42501"))
    {
      g_debug ("Refused by the server: %s", clean);
      g_set_error_literal (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_ALLOWED,
                           rally_store_role_refusal (self->parent.role));
      return;
    }

  g_set_error (error, RALLY_STORE_ERROR, code_for_sqlstate (state),
               _("The team database failed (%s)"), clean);
}

/* Takes RESULT (freed); TRUE when it is a success. */
static gboolean
check_result (PgDb      *self,
              PGresult  *result,
              GError   **error)
{
  ExecStatusType status = pq.PQresultStatus (result);

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY)
    return TRUE;

  set_result_error (self, result, error);
  return FALSE;
}

static void
note_changes (PgDb           *self,
              const PGresult *result)
{
  const char *status = pq.PQcmdStatus ((PGresult *) result);

  if (g_str_has_prefix (status, "INSERT") || g_str_has_prefix (status, "UPDATE") ||
      g_str_has_prefix (status, "DELETE") || g_str_has_prefix (status, "MERGE"))
    self->changes = g_ascii_strtoll (pq.PQcmdTuples ((PGresult *) result), NULL, 10);
}

/* Moves what libpq received for LISTEN into our queue, and tells the event function
 * of it and of a lost connection. Called after every exchange with the server. */
static gboolean
drain_notifications (PgDb *self)
{
  gboolean notified = FALSE;
  PGnotify *notify;

  while ((notify = pq.PQnotifies (self->conn)) != NULL)
    {
      if (notify->be_pid != pq.PQbackendPID (self->conn))
        {
          g_ptr_array_add (self->notifications, g_strdup (notify->extra));
          notified = TRUE;
        }
      pq.PQfreemem (notify);
    }

  return notified;
}

static void
after_exchange (PgDb *self)
{
  gboolean notified = drain_notifications (self);

  if (self->event_func == NULL)
    return;
  if (notified)
    self->event_func (&self->parent, RALLY_DB_EVENT_NOTIFIED, self->event_data);
  if (pq.PQstatus (self->conn) != CONNECTION_OK && !self->lost)
    {
      self->lost = TRUE;
      self->event_func (&self->parent, RALLY_DB_EVENT_LOST, self->event_data);
    }
}

static PGresult *
exec_params (PgDb              *self,
             const char        *sql,
             int                n_params,
             const Oid         *types,
             const char *const *values)
{
  PGresult *result = pq.PQexecParams (self->conn, sql, n_params, types, values, NULL, NULL, 0);

  after_exchange (self);
  return result;
}

static void
pg_close (RallyDb *db)
{
  PgDb *self = DB (db);

  if (self->conn != NULL)
    pq.PQfinish (self->conn);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_clear_pointer (&self->has_id, g_hash_table_unref);
  g_clear_pointer (&self->unused, g_ptr_array_unref);
  g_free (self->message);
  g_clear_pointer (&self->notifications, g_ptr_array_unref);
  g_clear_pointer (&self->piped, g_array_unref);
  g_clear_pointer (&self->piped_ids, g_hash_table_unref);
  g_free (self);
}

/* PostgreSQL answers the COMMIT of a transaction that an error ended with ROLLBACK,
 * and no error: SQLite's code would take it for saved. */
static gboolean
check_committed (PgDb            *self,
                 const char      *sql,
                 const PGresult  *result,
                 GError         **error)
{
  if (g_ascii_strcasecmp (sql, "COMMIT") != 0 || !g_str_equal (pq.PQcmdStatus ((PGresult *) result), "ROLLBACK"))
    return TRUE;

  g_set_error_literal (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_FAILED,
                       _("The team database undid the change: a statement in it had failed"));
  return FALSE;
}

static gboolean
pg_exec (RallyDb     *db,
         const char  *sql,
         GError     **error)
{
  PGresult *result = pq.PQexec (DB (db)->conn, sql);
  gboolean ok;

  after_exchange (DB (db));
  ok = check_result (DB (db), result, error) && check_committed (DB (db), sql, result, error);

  if (ok)
    note_changes (DB (db), result);
  pq.PQclear (result);
  return ok;
}

/* Whether TABLE has a column named id, asked of the server once per table. */
static gboolean
table_has_id (PgDb       *self,
              const char *table)
{
  const char *values[1] = { table };
  gpointer known = g_hash_table_lookup (self->has_id, table);
  PGresult *result;
  gboolean has_id;

  if (known != NULL)
    return GPOINTER_TO_INT (known) - 1;
  /* nothing can be asked inside a pipeline: cache_tables_with_id() answered before */
  if (self->piped != NULL)
    return FALSE;

  result = exec_params (self,
                        "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass ($1)"
                        " AND attname = 'id' AND NOT attisdropped",
                        1, NULL, values);
  has_id = pq.PQresultStatus (result) == PGRES_TUPLES_OK && pq.PQntuples (result) > 0;
  if (pq.PQresultStatus (result) == PGRES_TUPLES_OK)
    g_hash_table_insert (self->has_id, g_strdup (table), GINT_TO_POINTER (1 + has_id));
  pq.PQclear (result);

  return has_id;
}

/* Asks once which tables have an id column, for table_has_id() inside a pipeline:
 * all of them, whatever was asked one by one before, so that a statement in a
 * pipeline is the same whatever the connection did first. */
static void
cache_tables_with_id (PgDb *self)
{
  PGresult *result;

  if (self->tables_known)
    return;
  result = exec_params (self,
                        "SELECT c.relname, EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid"
                        " AND a.attname = 'id' AND NOT a.attisdropped)"
                        " FROM pg_class c WHERE c.relkind IN ('r', 'p') AND c.relnamespace = current_schema ()::regnamespace",
                        0, NULL, NULL);
  self->tables_known = pq.PQresultStatus (result) == PGRES_TUPLES_OK;
  if (self->tables_known)
    for (int row = 0; row < pq.PQntuples (result); row++)
      g_hash_table_insert (self->has_id, g_strdup (pq.PQgetvalue (result, row, 0)),
                           GINT_TO_POINTER (1 + g_str_equal (pq.PQgetvalue (result, row, 1), "t")));
  pq.PQclear (result);
}

/* The table of an INSERT that says nothing of RETURNING, or NULL; whether it gives the
 * id column itself. */
static char *
insert_table (const char *sql,
              gboolean   *gives_id)
{
  g_autoptr(GRegex) insert = g_regex_new ("^\\s*INSERT\\s+INTO\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*(\\(\\s*\"?id\"?\\s*[,)])?",
                                          G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GRegex) returning = g_regex_new ("\\bRETURNING\\b", G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *id = NULL;

  if (!g_regex_match (insert, sql, 0, &match) || g_regex_match (returning, sql, 0, NULL))
    return NULL;

  id = g_match_info_fetch (match, 2);
  *gives_id = id != NULL && *id != '\0';
  return g_match_info_fetch (match, 1);
}

/* After an INSERT that gave its own id (a restore), the identity column must not hand
 * it out again: its sequence moves past it (past @id, and past the largest id in
 * @table, which is all a pipeline knows: it does not read the ids it inserted), as
 * SQLite's rowid would. */
static gboolean
advance_identity (PgDb        *self,
                  const char  *table,
                  gint64       id,
                  GError     **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *values[2] = { table, id_text };
  char *quoted = pq.PQescapeIdentifier (self->conn, table, strlen (table));
  g_autofree char *sql = NULL;
  PGresult *result;
  gboolean ok;

  if (quoted == NULL)
    {
      set_result_error (self, NULL, error);
      return FALSE;
    }
  sql = g_strdup_printf ("SELECT setval (pg_get_serial_sequence ($1, 'id'), greatest ($2::bigint,"
                         " (SELECT max (id) FROM %s), nextval (pg_get_serial_sequence ($1, 'id'))))", quoted);
  pq.PQfreemem (quoted);
  result = exec_params (self, sql, 2, NULL, values);
  ok = check_result (self, result, error);
  pq.PQclear (result);
  return ok;
}

static RallyDbStmt *
pg_prepare (RallyDb     *db,
            const char  *sql,
            GError     **error)
{
  PgStmt *stmt = g_new0 (PgStmt, 1);
  gboolean gives_id = FALSE;
  g_autofree char *table = insert_table (sql, &gives_id);
  g_autofree char *translated = rally_db_dialect_translate_placeholders (sql, &stmt->n_params);

  stmt->parent.db = db;
  stmt->row = -1;
  stmt->values = g_new0 (char *, stmt->n_params + 1);
  stmt->types = g_new0 (Oid, stmt->n_params + 1);
  stmt->has_nul = g_new0 (gboolean, stmt->n_params + 1);
  stmt->plans = g_ptr_array_new_with_free_func (pg_plan_free);

  /* "…;" would put RETURNING after the end of the statement. */
  g_strchomp (translated);
  if (table != NULL && !g_str_has_suffix (translated, ";") && table_has_id (DB (db), table))
    {
      stmt->sql = g_strconcat (translated, " RETURNING id", NULL);
      stmt->returns_id = TRUE;
      if (gives_id)
        stmt->id_table = g_steal_pointer (&table);
    }
  else
    stmt->sql = g_steal_pointer (&translated);

  return &stmt->parent;
}

static gint64
pg_changes (RallyDb *db)
{
  return DB (db)->changes;
}

static gint64
pg_last_insert_id (RallyDb *db)
{
  return DB (db)->last_insert_id;
}

static void
pg_reset (RallyDbStmt *stmt)
{
  g_clear_pointer (&STMT (stmt)->result, pq.PQclear);
  STMT (stmt)->row = -1;
  STMT (stmt)->done = FALSE;
}

static void
pg_clear_bindings (RallyDbStmt *stmt)
{
  for (int i = 0; i < STMT (stmt)->n_params; i++)
    {
      g_clear_pointer (&STMT (stmt)->values[i], g_free);
      STMT (stmt)->types[i] = 0;
      STMT (stmt)->has_nul[i] = FALSE;
    }
}

static void
pg_stmt_free (RallyDbStmt *stmt)
{
  PgDb *db = DB (stmt->db);

  /* the server's copies go with the next prepare (or with the connection) */
  for (guint i = 0; i < STMT (stmt)->plans->len; i++)
    {
      PgPlan *plan = g_ptr_array_index (STMT (stmt)->plans, i);

      g_ptr_array_add (db->unused, g_steal_pointer (&plan->name));
    }
  g_ptr_array_unref (STMT (stmt)->plans);
  pg_reset (stmt);
  pg_clear_bindings (stmt);
  g_free (STMT (stmt)->values);
  g_free (STMT (stmt)->types);
  g_free (STMT (stmt)->has_nul);
  g_free (STMT (stmt)->sql);
  g_free (STMT (stmt)->id_table);
  g_free (stmt);
}

static void
set_param (RallyDbStmt *stmt,
           int          index,
           char        *value,
           Oid          type)
{
  g_return_if_fail (index >= 1 && index <= STMT (stmt)->n_params);

  g_free (STMT (stmt)->values[index - 1]);
  STMT (stmt)->values[index - 1] = value;
  STMT (stmt)->types[index - 1] = type;
  STMT (stmt)->has_nul[index - 1] = FALSE;
}

static void
pg_bind_int64 (RallyDbStmt *stmt,
               int          index,
               gint64       value)
{
  set_param (stmt, index, g_strdup_printf ("%" G_GINT64_FORMAT, value), INT8OID);
}

static void
pg_bind_double (RallyDbStmt *stmt,
                int          index,
                double       value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  set_param (stmt, index, g_strdup (g_ascii_dtostr (buf, sizeof buf, value)), FLOAT8OID);
}

/* always a copy: the parameters are sent when the statement runs */
static void
pg_bind_text (RallyDbStmt *stmt,
              int          index,
              const char  *value,
              gsize        length,
              gboolean     kept)
{
  set_param (stmt, index, g_strndup (value, length), 0);
  if (index >= 1 && index <= STMT (stmt)->n_params)
    STMT (stmt)->has_nul[index - 1] = memchr (value, '\0', length) != NULL;
}

static void
pg_bind_null (RallyDbStmt *stmt,
              int          index)
{
  set_param (stmt, index, NULL, 0);
}

/* Deallocates the server-side copies of freed statements, in one round trip. */
static void
deallocate_unused (PgDb *self)
{
  g_autoptr(GString) sql = NULL;
  PGresult *result;

  if (self->unused->len == 0)
    return;

  sql = g_string_new (NULL);
  for (guint i = 0; i < self->unused->len; i++)
    g_string_append_printf (sql, "DEALLOCATE %s;", (const char *) g_ptr_array_index (self->unused, i));
  result = pq.PQexec (self->conn, sql->str);
  after_exchange (self);
  /* refused in a failed transaction: tried again with the next prepare */
  if (pq.PQresultStatus (result) == PGRES_COMMAND_OK)
    g_ptr_array_set_size (self->unused, 0);
  pq.PQclear (result);
}

/* Inside a pipeline: sends the prepare of PLAN (taken) without waiting for it. */
static const char *
send_prepare (PgStmt  *stmt,
              PgPlan  *plan,
              GError **error)
{
  PgDb *db = DB (stmt->parent.db);
  Piped piped = { stmt, plan };

  if (!pq.PQsendPrepare (db->conn, plan->name, stmt->sql, stmt->n_params, stmt->types))
    {
      set_result_error (db, NULL, error);
      pg_plan_free (plan);
      return NULL;
    }
  g_ptr_array_add (stmt->plans, plan);
  g_array_append_val (db->piped, piped);
  return plan->name;
}

/* The name of STMT's server-side copy for the types bound now, prepared if need be. */
static const char *
plan_for (PgStmt  *stmt,
          GError **error)
{
  PgDb *db = DB (stmt->parent.db);
  gsize types_size = sizeof (Oid) * stmt->n_params;
  PGresult *result;
  PgPlan *plan;

  for (guint i = 0; i < stmt->plans->len; i++)
    {
      plan = g_ptr_array_index (stmt->plans, i);
      if (memcmp (plan->types, stmt->types, types_size) == 0)
        return plan->name;
    }

  plan = g_new0 (PgPlan, 1);
  plan->name = g_strdup_printf ("rally_%u", ++db->n_prepared);
  plan->types = g_memdup2 (stmt->types, types_size + sizeof (Oid));
  if (db->piped != NULL)
    return send_prepare (stmt, plan, error);
  deallocate_unused (db);
  result = pq.PQprepare (db->conn, plan->name, stmt->sql, stmt->n_params, stmt->types);
  after_exchange (db);
  if (!check_result (db, result, error))
    {
      pq.PQclear (result);
      pg_plan_free (plan);
      return NULL;
    }
  pq.PQclear (result);
  g_ptr_array_add (stmt->plans, plan);
  return plan->name;
}

/* Inside a pipeline: sends the execution of STMT without waiting for its result. */
static gboolean
send_execute (PgStmt      *stmt,
              const char  *name,
              GError     **error)
{
  PgDb *db = DB (stmt->parent.db);
  Piped piped = { stmt, NULL };

  /* its identity moves past the ids the pipeline gave, at its end */
  if (stmt->id_table != NULL)
    g_hash_table_add (db->piped_ids, g_strdup (stmt->id_table));
  if (!pq.PQsendQueryPrepared (db->conn, name, stmt->n_params, (const char * const *) stmt->values, NULL, NULL, 0))
    {
      set_result_error (db, NULL, error);
      return FALSE;
    }
  g_array_append_val (db->piped, piped);
  return TRUE;
}

static gboolean
run (PgStmt  *stmt,
     GError **error)
{
  const char *name;
  PgDb *db = DB (stmt->parent.db);
  PGresult *result;

  for (int i = 0; i < stmt->n_params; i++)
    if (stmt->has_nul[i])
      {
        g_set_error_literal (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_FAILED,
                             _("The team database cannot store text that holds a NUL character"));
        return FALSE;
      }

  name = plan_for (stmt, error);
  if (name == NULL)
    return FALSE;
  if (db->piped != NULL)
    return send_execute (stmt, name, error);
  result = pq.PQexecPrepared (db->conn, name, stmt->n_params, (const char * const *) stmt->values, NULL, NULL, 0);
  after_exchange (db);
  if (!check_result (db, result, error))
    {
      pq.PQclear (result);
      return FALSE;
    }

  note_changes (db, result);
  if (stmt->returns_id)
    {
      gint64 highest = 0;

      for (int row = 0; row < pq.PQntuples (result); row++)
        {
          db->last_insert_id = g_ascii_strtoll (pq.PQgetvalue (result, row, 0), NULL, 10);
          highest = MAX (highest, db->last_insert_id);
        }
      pq.PQclear (result);
      result = NULL;
      if (stmt->id_table != NULL && highest > 0 && !advance_identity (db, stmt->id_table, highest, error))
        return FALSE;
    }
  stmt->result = result;
  return TRUE;
}

static RallyDbStep
pg_step (RallyDbStmt  *stmt,
         GError      **error)
{
  PgStmt *self = STMT (stmt);

  if (self->row == -1 && !run (self, error))
    {
      self->done = TRUE;
      self->row = 0;
      return RALLY_DB_ERROR;
    }

  if (self->done)
    return RALLY_DB_DONE;

  if (self->result != NULL && self->row + 1 < pq.PQntuples (self->result))
    {
      self->row++;
      return RALLY_DB_ROW;
    }

  self->row = MAX (self->row, 0);
  self->done = TRUE;
  return RALLY_DB_DONE;
}

static int
pg_column_count (RallyDbStmt *stmt)
{
  return STMT (stmt)->result != NULL ? pq.PQnfields (STMT (stmt)->result) : 0;
}

static gboolean
has_value (RallyDbStmt *stmt,
           int          column)
{
  PgStmt *self = STMT (stmt);

  return self->result != NULL && !self->done && self->row >= 0 && self->row < pq.PQntuples (self->result) &&
         column >= 0 && column < pq.PQnfields (self->result) && !pq.PQgetisnull (self->result, self->row, column);
}

static gboolean
pg_column_is_null (RallyDbStmt *stmt,
                   int          column)
{
  return !has_value (stmt, column);
}

/* Booleans come as "t"/"f"; numerics ("12.0" from sum()) are read as SQLite would. */
static gint64
pg_column_int64 (RallyDbStmt *stmt,
                 int          column)
{
  const char *text;

  if (!has_value (stmt, column))
    return 0;
  text = pq.PQgetvalue (STMT (stmt)->result, STMT (stmt)->row, column);
  if (g_str_equal (text, "t"))
    return 1;
  if (strpbrk (text, ".eE") != NULL)
    return (gint64) g_ascii_strtod (text, NULL);
  return g_ascii_strtoll (text, NULL, 10);
}

static double
pg_column_double (RallyDbStmt *stmt,
                  int          column)
{
  if (!has_value (stmt, column))
    return 0;
  return g_ascii_strtod (pq.PQgetvalue (STMT (stmt)->result, STMT (stmt)->row, column), NULL);
}

static const char *
pg_column_text (RallyDbStmt *stmt,
                int          column)
{
  if (!has_value (stmt, column))
    return NULL;
  return pq.PQgetvalue (STMT (stmt)->result, STMT (stmt)->row, column);
}

static gsize
pg_column_bytes (RallyDbStmt *stmt,
                 int          column)
{
  if (!has_value (stmt, column))
    return 0;
  return pq.PQgetlength (STMT (stmt)->result, STMT (stmt)->row, column);
}

#define INT2OID 21
#define INT4OID 23
#define BOOLOID 16
#define FLOAT4OID 700
#define NUMERICOID 1700

static RallyDbType
pg_column_type (RallyDbStmt *stmt,
                int          column)
{
  if (!has_value (stmt, column))
    return RALLY_DB_TYPE_NULL;
  switch (pq.PQftype (STMT (stmt)->result, column))
    {
    case INT8OID:
    case INT4OID:
    case INT2OID:
    case BOOLOID:
      return RALLY_DB_TYPE_INTEGER;
    case FLOAT8OID:
    case FLOAT4OID:
    case NUMERICOID:
      return RALLY_DB_TYPE_FLOAT;
    default:
      return RALLY_DB_TYPE_TEXT;
    }
}

static RallyDbConstraint
pg_last_constraint (RallyDb     *db,
                    const char **detail)
{
  const char *state = DB (db)->sqlstate;

  *detail = DB (db)->message != NULL ? DB (db)->message : "";
  if (g_str_equal (state, "23503"))
    return RALLY_DB_CONSTRAINT_FOREIGN_KEY;
  if (g_str_equal (state, "23505"))
    return RALLY_DB_CONSTRAINT_UNIQUE;
  if (g_str_equal (state, "23502") || g_str_equal (state, "23514"))
    return RALLY_DB_CONSTRAINT_CHECK;
  return g_str_has_prefix (state, "23") ? RALLY_DB_CONSTRAINT_OTHER : RALLY_DB_CONSTRAINT_NONE;
}

/* Session advisory locks: the server lets them go when the connection ends. */
static gboolean
pg_try_lock (RallyDb   *db,
             gint64     key,
             gboolean  *taken,
             GError   **error)
{
  g_autofree char *key_text = g_strdup_printf ("%" G_GINT64_FORMAT, key);
  const char *values[1] = { key_text };
  PGresult *result = pq.PQexecParams (DB (db)->conn, "SELECT pg_try_advisory_lock ($1::bigint)",
                                   1, NULL, values, NULL, NULL, 0);
  gboolean ok = pq.PQresultStatus (result) == PGRES_TUPLES_OK && pq.PQntuples (result) == 1;

  if (ok)
    *taken = g_str_equal (pq.PQgetvalue (result, 0, 0), "t");
  else
    set_result_error (DB (db), result, error);
  pq.PQclear (result);
  return ok;
}

static void
pg_unlock (RallyDb *db,
           gint64   key)
{
  g_autofree char *key_text = g_strdup_printf ("%" G_GINT64_FORMAT, key);
  const char *values[1] = { key_text };

  pq.PQclear (pq.PQexecParams (DB (db)->conn, "SELECT pg_advisory_unlock ($1::bigint)", 1, NULL, values, NULL, NULL, 0));
}

static gboolean
pg_pipeline_begin (RallyDb *db)
{
  PgDb *self = DB (db);

  if (self->piped != NULL)
    return FALSE;
  cache_tables_with_id (self);
  if (!pq.PQenterPipelineMode (self->conn))
    return FALSE;
  self->piped = g_array_new (FALSE, FALSE, sizeof (Piped));
  self->piped_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return TRUE;
}

/* Reads the results of one statement the pipeline sent; the first failure goes to
 * FIRST. A prepare that failed (or was skipped after a failure) is forgotten. */
static void
take_piped (PgDb    *self,
            Piped   *piped,
            GError **first)
{
  gboolean ok = FALSE;
  PGresult *result;

  while ((result = pq.PQgetResult (self->conn)) != NULL)
    {
      ExecStatusType status = pq.PQresultStatus (result);

      if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
        {
          ok = TRUE;
          if (piped->plan == NULL)
            note_changes (self, result);
        }
      else if (status != PGRES_PIPELINE_ABORTED && *first == NULL)
        set_result_error (self, result, first);
      pq.PQclear (result);
    }
  if (!ok && *first == NULL)
    set_result_error (self, NULL, first);
  if (!ok && piped->plan != NULL)
    g_ptr_array_remove (piped->stmt->plans, piped->plan);
}

/* Ends the pipeline: one round trip for the results of all it sent. */
static gboolean
pg_pipeline_end (RallyDb  *db,
                 GError  **error)
{
  PgDb *self = DB (db);
  g_autoptr(GArray) piped = g_steal_pointer (&self->piped);
  g_autoptr(GHashTable) piped_ids = g_steal_pointer (&self->piped_ids);
  g_autoptr(GError) first = NULL;
  GHashTableIter iter;
  const char *table;
  PGresult *result;

  if (piped == NULL)
    return TRUE;
  if (pq.PQpipelineSync (self->conn))
    {
      for (guint i = 0; i < piped->len; i++)
        take_piped (self, &g_array_index (piped, Piped, i), &first);
      while ((result = pq.PQgetResult (self->conn)) != NULL)
        {
          gboolean synced = pq.PQresultStatus (result) == PGRES_PIPELINE_SYNC;

          pq.PQclear (result);
          if (synced)
            break;
        }
    }
  else
    {
      /* nothing sent can be told to have been prepared: each is prepared again */
      set_result_error (self, NULL, &first);
      for (guint i = 0; i < piped->len; i++)
        {
          Piped *p = &g_array_index (piped, Piped, i);

          if (p->plan != NULL)
            g_ptr_array_remove (p->stmt->plans, p->plan);
        }
    }
  if (!pq.PQexitPipelineMode (self->conn) && first == NULL)
    set_result_error (self, NULL, &first);
  after_exchange (self);
  g_hash_table_iter_init (&iter, piped_ids);
  while (first == NULL && g_hash_table_iter_next (&iter, (gpointer *) &table, NULL))
    advance_identity (self, table, 0, &first);
  if (first == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&first));
  return FALSE;
}

static const RallyDbBackend pg_backend = {
  .close = pg_close,
  .exec = pg_exec,
  .prepare = pg_prepare,
  .changes = pg_changes,
  .last_insert_id = pg_last_insert_id,
  .stmt_free = pg_stmt_free,
  .bind_int64 = pg_bind_int64,
  .bind_double = pg_bind_double,
  .bind_text = pg_bind_text,
  .bind_null = pg_bind_null,
  .step = pg_step,
  .reset = pg_reset,
  .clear_bindings = pg_clear_bindings,
  .column_count = pg_column_count,
  .column_is_null = pg_column_is_null,
  .column_int64 = pg_column_int64,
  .column_double = pg_column_double,
  .column_text = pg_column_text,
  .column_bytes = pg_column_bytes,
  .column_type = pg_column_type,
  .last_constraint = pg_last_constraint,
  .try_lock = pg_try_lock,
  .unlock = pg_unlock,
  .pipeline_begin = pg_pipeline_begin,
  .pipeline_end = pg_pipeline_end,
};

/* ---- Connecting safely ---- */

typedef struct
{
  char     *password;
  char     *hosts;          /* as given, comma-separated; NULL when none is known */
  gboolean  sslmode_chosen; /* by the URI or PGSSLMODE */
  gboolean  has_root_cert;
} Target;

static void
target_clear (Target *target)
{
  if (target->password != NULL)
    memset (target->password, 0, strlen (target->password));
  g_free (target->password);
  g_free (target->hosts);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Target, target_clear)

static gboolean
is_loopback (const char *host)
{
  g_autofree char *bare = NULL;

  if (host == NULL || *host == '\0' || *host == '/' || *host == '@')
    return TRUE;    /* a Unix socket */

  bare = g_ascii_strdown (host, -1);
  if (bare[0] == '[' && g_str_has_suffix (bare, "]"))
    {
      bare[strlen (bare) - 1] = '\0';
      memmove (bare, bare + 1, strlen (bare));
    }

  return g_str_equal (bare, "localhost") || g_str_equal (bare, "::1") ||
         g_str_has_prefix (bare, "127.");
}

static gboolean
all_loopback (const char *hosts)
{
  g_auto(GStrv) list = NULL;

  if (hosts == NULL)
    return TRUE;
  list = g_strsplit (hosts, ",", -1);
  for (guint i = 0; list[i] != NULL; i++)
    if (!is_loopback (g_strstrip (list[i])))
      return FALSE;
  return TRUE;
}

static const char *
nonempty (const char *s)
{
  return s != NULL && *s != '\0' ? s : NULL;
}

/* The password written in a URI (user:password@), to mask it even when libpq could
 * not parse the rest. */
static char *
uri_password (const char *uri)
{
  g_autoptr(GRegex) regex = g_regex_new ("^[a-z]+://[^/@:]*:([^/@]*)@", G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (regex, uri, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

static gboolean
root_cert_exists (const char *given)
{
  g_autofree char *path = NULL;
  struct passwd *user;

  if (nonempty (given) != NULL)
    return TRUE;     /* libpq says so itself if it cannot be read */
  if (nonempty (g_getenv ("PGSSLROOTCERT")) != NULL)
    return TRUE;
  /* (libpq 15 looks in the password database's home, newer ones in $HOME) */
  path = g_build_filename (g_get_home_dir (), ".postgresql", "root.crt", NULL);
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  user = getpwuid (geteuid ());
  g_free (path);
  path = user != NULL ? g_build_filename (user->pw_dir, ".postgresql", "root.crt", NULL) : NULL;
  return path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* libpq's reading of @uri, or NULL with @error set (the password masked). */
static PQconninfoOption *
parse_uri (const char  *uri,
           GError     **error)
{
  char *parse_error = NULL;
  PQconninfoOption *options;

  if (!_rally_libpq_load (error))
    return NULL;
  options = pq.PQconninfoParse (uri, &parse_error);
  if (options == NULL)
    {
      g_autofree char *password = uri_password (uri);
      g_autofree char *clean = clean_message (parse_error != NULL ? parse_error : "", password);

      g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_FAILED,
                   _("The team server address is not valid: %s"), clean);
      pq.PQfreemem (parse_error);
    }
  return options;
}

/* What URI asks for, read without connecting. */
static gboolean
read_target (const char  *uri,
             Target      *target,
             GError     **error)
{
  PQconninfoOption *options = parse_uri (uri, error);
  const char *sslrootcert = NULL;

  if (options == NULL)
    return FALSE;

  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      const char *value = nonempty (o->val);

      if (value == NULL)
        continue;
      if (g_str_equal (o->keyword, "password"))
        target->password = g_strdup (value);
      else if (g_str_equal (o->keyword, "host") || (g_str_equal (o->keyword, "hostaddr") && target->hosts == NULL))
        {
          g_free (target->hosts);
          target->hosts = g_strdup (value);
        }
      else if (g_str_equal (o->keyword, "sslmode"))
        target->sslmode_chosen = TRUE;
      else if (g_str_equal (o->keyword, "sslrootcert"))
        sslrootcert = value;
    }

  if (target->hosts == NULL)
    target->hosts = g_strdup (nonempty (g_getenv ("PGHOST")));
  if (target->hosts == NULL)
    target->hosts = g_strdup (nonempty (g_getenv ("PGHOSTADDR")));
  target->sslmode_chosen = target->sslmode_chosen || nonempty (g_getenv ("PGSSLMODE")) != NULL;
  target->has_root_cert = root_cert_exists (sslrootcert);

  pq.PQconninfoFree (options);
  return TRUE;
}

/* Whether Rally must ask for verify-full itself, or refuse. */
static gboolean
needs_verified_tls (const Target *target)
{
  return !target->sslmode_chosen && !all_loopback (target->hosts);
}

gboolean
_rally_db_pg_check_uri (const char  *uri,
                        GError     **error)
{
  g_auto(Target) target = { 0 };

  if (!read_target (uri, &target, error))
    return FALSE;

  if (needs_verified_tls (&target) && !target.has_root_cert)
    {
      g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_FAILED,
                   _("Rally did not connect to the team server “%s”: it is not on this computer, and "
                     "without a certificate to check it against (~/.postgresql/root.crt) nothing "
                     "proves the connection is private. Install the server's certificate, or add "
                     "“sslmode=…” to the address to choose otherwise."),
                   target.hosts);
      return FALSE;
    }

  return TRUE;
}

static void
log_notice (void       *data,
            const char *message)
{
  g_autofree char *clean = clean_message (message, data);

  g_debug ("Server notice: %s", clean);
}

/* A connection to a server not on this computer without TLS that the address did
 * not ask for is closed at once. The host can come from a service file, which is not
 * read before connecting: this is the check for that case. */
static gboolean
check_connection (PgDb          *self,
                  const Target  *target,
                  GError       **error)
{
  if (target->sslmode_chosen || pq.PQsslInUse (self->conn) || is_loopback (pq.PQhost (self->conn)))
    return TRUE;

  g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_FAILED,
               _("Rally closed the connection to the team server “%s”: it is not on this computer "
                 "and the connection is not encrypted. Add “sslmode=…” to the address to choose otherwise."),
               pq.PQhost (self->conn));
  return FALSE;
}

/* Whether a failed connection would go better with a password: the server asked for
 * one and libpq had none, or the one libpq found (.pgpass, PGPASSFILE) was refused. */
static gboolean
wants_password (PGconn *conn)
{
  return conn != NULL && (pq.PQconnectionNeedsPassword (conn) || pq.PQconnectionUsedPassword (conn));
}

/* @password, when given, goes to libpq as the `password` parameter (never into the
 * URI, which may be shown); a password written in the URI itself still wins. */
RallyDb *
_rally_db_pg_open (const char  *uri,
                   const char  *password,
                   gboolean    *needs_password,
                   GError     **error)
{
  g_auto(Target) target = { 0 };
  g_autoptr(RallyDb) db = NULL;
  PgDb *self;
  /* Later keywords win over the URI's; earlier ones are defaults it may override.
   * The keepalives (TCP only) notice a server gone from the network in about 20 s
   * even while nothing is asked of it, so an open window can say so. */
  const char *keywords[11] = { "connect_timeout", "fallback_application_name", "keepalives_idle",
                               "keepalives_interval", "keepalives_count", "tcp_user_timeout" };
  const char *values[11] = { DEFAULT_CONNECT_TIMEOUT, "rally", "10", "5", "2", "20000" };
  int n = 6;

  if (needs_password != NULL)
    *needs_password = FALSE;
  if (!_rally_db_pg_check_uri (uri, error) || !read_target (uri, &target, error))
    return NULL;
  if (nonempty (password) != NULL)
    {
      keywords[n] = "password";
      values[n++] = password;
    }
  keywords[n] = "dbname";
  values[n++] = uri;
  keywords[n] = "client_encoding";
  values[n++] = "UTF8";
  if (needs_verified_tls (&target))
    {
      keywords[n] = "sslmode";
      values[n++] = "verify-full";
    }
  keywords[n] = values[n] = NULL;

  self = g_new0 (PgDb, 1);
  self->parent.backend = &pg_backend;
  self->parent.dialect = RALLY_DB_DIALECT_POSTGRESQL;
  self->password = target.password != NULL ? g_steal_pointer (&target.password) : g_strdup (nonempty (password));
  self->has_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->unused = g_ptr_array_new_with_free_func (g_free);
  self->notifications = g_ptr_array_new_with_free_func (g_free);
  db = &self->parent;

  self->conn = pq.PQconnectdbParams (keywords, values, TRUE);
  if (self->conn == NULL || pq.PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *clean = clean_message (self->conn != NULL ? pq.PQerrorMessage (self->conn)
                                                                 : "out of memory", self->password);

      if (needs_password != NULL)
        *needs_password = wants_password (self->conn);
      g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_IO,
                   _("Could not connect to the team server: %s"), clean);
      return NULL;
    }

  pq.PQsetNoticeProcessor (self->conn, log_notice, self->password);
  if (!check_connection (self, &target, error))
    return NULL;

  return g_steal_pointer (&db);
}

/* Who and where an open connection is, for a sentence such as "connected as …". */
void
_rally_db_pg_describe (RallyDb             *db,
                       RallyTeamServerInfo *info)
{
  PGconn *conn = DB (db)->conn;

  g_return_if_fail (rally_db_get_dialect (db) == RALLY_DB_DIALECT_POSTGRESQL);

  rally_team_server_info_clear (info);
  info->user = g_strdup (pq.PQuser (conn));
  info->database = g_strdup (pq.PQdb (conn));
  info->host = g_strdup (pq.PQhost (conn));
  info->port = g_strdup (pq.PQport (conn));
  info->password_needed = pq.PQconnectionUsedPassword (conn);
}

/* The value @keyword takes for @uri: the URI's, else the environment's, else libpq's
 * default (the login name for user, the user for dbname). */
static char *
target_value (PQconninfoOption *options,
              const char       *keyword)
{
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, keyword) && nonempty (o->val) != NULL)
      return g_strdup (o->val);
  if (g_str_equal (keyword, "host"))
    return g_strdup (nonempty (g_getenv ("PGHOST")) != NULL ? g_getenv ("PGHOST") : "localhost");
  if (g_str_equal (keyword, "port"))
    return g_strdup (nonempty (g_getenv ("PGPORT")) != NULL ? g_getenv ("PGPORT") : "5432");
  if (g_str_equal (keyword, "user"))
    return g_strdup (nonempty (g_getenv ("PGUSER")) != NULL ? g_getenv ("PGUSER") : g_get_user_name ());
  if (nonempty (g_getenv ("PGDATABASE")) != NULL)
    return g_strdup (g_getenv ("PGDATABASE"));
  return target_value (options, "user");
}

/* Who and where @uri points, read without connecting (the keyring's key for its
 * password); FALSE with @error set when it is not a valid address. */
gboolean
_rally_db_pg_identify (const char           *uri,
                       RallyTeamServerInfo  *info,
                       GError              **error)
{
  PQconninfoOption *options = parse_uri (uri, error);

  if (options == NULL)
    return FALSE;

  rally_team_server_info_clear (info);
  info->uri_has_password = FALSE;
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "password") && nonempty (o->val) != NULL)
      info->uri_has_password = TRUE;
  info->host = target_value (options, "host");
  info->port = target_value (options, "port");
  info->user = target_value (options, "user");
  info->database = target_value (options, "dbname");
  pq.PQconninfoFree (options);
  return TRUE;
}

/* ---- Live changes ---- */

gboolean
_rally_db_pg_listen (RallyDb     *db,
                     const char  *channel,
                     GError     **error)
{
  char *quoted = pq.PQescapeIdentifier (DB (db)->conn, channel, strlen (channel));
  g_autofree char *sql = NULL;

  if (quoted == NULL)
    {
      set_result_error (DB (db), NULL, error);
      return FALSE;
    }
  sql = g_strconcat ("LISTEN ", quoted, NULL);
  pq.PQfreemem (quoted);

  return pg_exec (db, sql, error);
}

gboolean
_rally_db_pg_notify (RallyDb     *db,
                     const char  *channel,
                     const char  *payload,
                     GError     **error)
{
  const char *values[2] = { channel, payload };
  PGresult *result = exec_params (DB (db), "SELECT pg_notify ($1, $2)", 2, NULL, values);
  gboolean ok = check_result (DB (db), result, error);

  pq.PQclear (result);
  return ok;
}

int
_rally_db_pg_get_socket (RallyDb *db)
{
  return pq.PQsocket (DB (db)->conn);
}

gboolean
_rally_db_pg_is_connected (RallyDb *db)
{
  return pq.PQstatus (DB (db)->conn) == CONNECTION_OK;
}

/* Reads what the socket holds without waiting (libpq keeps it non-blocking). */
GPtrArray *
_rally_db_pg_take_notifications (RallyDb  *db,
                                 GError  **error)
{
  PgDb *self = DB (db);
  GPtrArray *taken;

  if (!pq.PQconsumeInput (self->conn) || pq.PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *clean = clean_message (pq.PQerrorMessage (self->conn), self->password);

      g_debug ("The team server is gone: %s", clean);
      self->lost = TRUE;
      set_offline_error (error);
      return NULL;
    }

  drain_notifications (self);
  taken = g_steal_pointer (&self->notifications);
  self->notifications = g_ptr_array_new_with_free_func (g_free);
  return taken;
}

void
_rally_db_pg_set_event_func (RallyDb          *db,
                             RallyDbEventFunc  func,
                             gpointer          user_data)
{
  DB (db)->event_func = func;
  DB (db)->event_data = user_data;
}
