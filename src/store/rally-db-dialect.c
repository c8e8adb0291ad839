/* rally-db-dialect.c
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

/* Where SQLite and PostgreSQL differ, in one place. The store writes SQLite's SQL;
 * what PostgreSQL needs instead is made here:
 *
 * - placeholders: `?` and `?N` become `$N` (outside literals, quoted names and comments);
 * - schema text: INTEGER (64 bits in SQLite) is BIGINT, REAL is DOUBLE PRECISION, an
 *   `id INTEGER PRIMARY KEY` (SQLite's rowid, numbered by the engine) is an identity
 *   column, WITHOUT ROWID goes;
 * - INSERT OR IGNORE is ON CONFLICT DO NOTHING (which SQLite ≥ 3.24 also speaks, so new
 *   SQL can use that spelling on both);
 * - upserts: "ON CONFLICT (columns) DO UPDATE SET c = excluded.c" is the same on both;
 * - SQLite's functions the store calls, instr(), ifnull() and total(), are created on
 *   the server as small SQL functions (rally_db_dialect_pg_prelude), so queries stay one text;
 * - triggers: PostgreSQL runs a PL/pgSQL function and allows no subquery in WHEN; those
 *   few statements have a PostgreSQL text beside the SQLite one in rally-store-migrations.c.
 *
 * - a write transaction: SQLite takes its lock at BEGIN IMMEDIATE (a reader that later
 *   writes could otherwise fail with "busy"); PostgreSQL locks rows as it goes, so BEGIN.
 *
 * Dates are kept as integer seconds in both, so no date function differs. */

#define G_LOG_DOMAIN "RallyDb"

#include "config.h"

#include <string.h>

#include "rally-db.h"
#include "rally-db-private.h"

/* Functions of SQLite the store's queries use, for PostgreSQL. Idempotent. */
const char rally_db_dialect_pg_prelude[] =
  "CREATE OR REPLACE FUNCTION instr (haystack text, needle text) RETURNS integer"
  "  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT strpos (haystack, needle)';"
  "CREATE OR REPLACE FUNCTION ifnull (a anycompatible, b anycompatible) RETURNS anycompatible"
  "  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT coalesce (a, b)';"
  "CREATE OR REPLACE FUNCTION max (a bigint, b bigint) RETURNS bigint"
  "  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT greatest (a, b)';"
  "CREATE OR REPLACE FUNCTION min (a bigint, b bigint) RETURNS bigint"
  "  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT least (a, b)';"
  "CREATE OR REPLACE FUNCTION rally_total_step (sum double precision, value double precision)"
  "  RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT sum + coalesce (value, 0)';"
  "CREATE OR REPLACE AGGREGATE total (double precision)"
  "  (SFUNC = rally_total_step, STYPE = double precision, INITCOND = '0');";

/* Skips the literal, quoted name, comment or dollar-quoted body that starts at P, if
 * any; returns where the copy may go on looking for placeholders. */
static const char *
skip_quoted (const char *p)
{
  if (*p == '\'' || *p == '"')
    {
      char quote = *p++;

      while (*p != '\0' && !(*p == quote && p[1] != quote))
        p += (*p == quote) ? 2 : 1;
      return *p != '\0' ? p + 1 : p;
    }

  if (p[0] == '-' && p[1] == '-')
    {
      const char *end = strchr (p, '\n');
      return end != NULL ? end : p + strlen (p);
    }

  if (p[0] == '/' && p[1] == '*')
    {
      const char *end = strstr (p + 2, "*/");
      return end != NULL ? end + 2 : p + strlen (p);
    }

  if (p[0] == '$' && (p[1] == '$' || g_ascii_isalpha (p[1]) || p[1] == '_'))
    {
      const char *tag_end = p + 1;
      g_autofree char *tag = NULL;
      const char *end;

      while (g_ascii_isalnum (*tag_end) || *tag_end == '_')
        tag_end++;
      if (*tag_end != '$')
        return p;
      tag = g_strndup (p, tag_end - p + 1);
      end = strstr (tag_end + 1, tag);
      return end != NULL ? end + strlen (tag) : p + strlen (p);
    }

  return p;
}

/**
 * rally_db_dialect_translate_placeholders:
 * @sql: SQL with SQLite's placeholders, `?` and `?N`
 * @n_params: (out) (optional): the highest parameter number used
 *
 * Returns: (transfer full): @sql with PostgreSQL's `$N` instead; a bare `?` takes the
 *   number after the highest one so far, as in SQLite.
 */
char *
rally_db_dialect_translate_placeholders (const char *sql,
                                         int        *n_params)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int highest = 0;
  const char *p = sql;

  while (*p != '\0')
    {
      const char *after = skip_quoted (p);

      if (after != p)
        {
          g_string_append_len (out, p, after - p);
          p = after;
        }
      else if (*p == '?')
        {
          int number;

          p++;
          if (g_ascii_isdigit (*p))
            {
              number = 0;
              while (g_ascii_isdigit (*p))
                number = number * 10 + (*p++ - '0');
            }
          else
            number = highest + 1;

          highest = MAX (highest, number);
          g_string_append_printf (out, "$%d", number);
        }
      else
        g_string_append_c (out, *p++);
    }

  if (n_params != NULL)
    *n_params = highest;

  return g_string_free (out, FALSE);
}

/**
 * rally_db_dialect_translate_ddl:
 * @dialect: the engine that will run @sql
 * @sql: schema statements written for SQLite (or PostgreSQL text that may say INTEGER)
 *
 * Returns: (transfer full): @sql as @dialect needs it (unchanged for SQLite).
 */
char *
rally_db_dialect_translate_ddl (RallyDbDialect  dialect,
                                const char     *sql)
{
  static const struct { const char *pattern; const char *replacement; } rules[] = {
    { "\\bid(\\s+)INTEGER\\s+PRIMARY\\s+KEY\\b", "id\\1BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" },
    { "\\bINTEGER\\b", "BIGINT" },
    { "\\bREAL\\b", "DOUBLE PRECISION" },
    { "\\)\\s*WITHOUT\\s+ROWID", ")" },
  };
  g_autofree char *text = g_strdup (sql);

  if (dialect == RALLY_DB_DIALECT_SQLITE)
    return g_steal_pointer (&text);

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(GRegex) regex = g_regex_new (rules[i].pattern, G_REGEX_OPTIMIZE, 0, NULL);
      char *next = g_regex_replace (regex, text, -1, 0, rules[i].replacement, 0, NULL);

      g_assert (next != NULL);
      g_free (text);
      text = next;
    }

  return g_steal_pointer (&text);
}

/**
 * rally_db_dialect_insert_or_ignore:
 * @dialect: an engine
 *
 * Returns: what follows "INSERT" in an insert that skips rows already there: " OR
 *   IGNORE" for SQLite, "" for PostgreSQL, whose statement ends with
 *   rally_db_dialect_on_conflict_ignore() instead.
 */
const char *
rally_db_dialect_insert_or_ignore (RallyDbDialect dialect)
{
  return dialect == RALLY_DB_DIALECT_SQLITE ? " OR IGNORE" : "";
}

/**
 * rally_db_dialect_on_conflict_ignore:
 * @dialect: an engine
 *
 * Returns: the end of an insert that skips rows already there ("" for SQLite).
 */
const char *
rally_db_dialect_on_conflict_ignore (RallyDbDialect dialect)
{
  return dialect == RALLY_DB_DIALECT_SQLITE ? "" : " ON CONFLICT DO NOTHING";
}

/**
 * rally_db_dialect_begin:
 * @dialect: an engine
 *
 * Returns: the statement that starts a transaction that will write
 */
const char *
rally_db_dialect_begin (RallyDbDialect dialect)
{
  return dialect == RALLY_DB_DIALECT_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN";
}

/**
 * rally_db_dialect_write_order:
 *
 * Returns: an expression that orders a table's rows by when they were last written
 *   (to break ties between rows of the same second): SQLite's rowid (an INSERT OR
 *   REPLACE takes a new one), PostgreSQL's transaction id of the row's version
 */
const char *
rally_db_dialect_write_order (RallyDbDialect dialect)
{
  return dialect == RALLY_DB_DIALECT_SQLITE ? "rowid" : "xmin::text::bigint";
}

/**
 * rally_db_dialect_table_columns:
 *
 * Returns: a query of the columns of the table named by ?1, in their order: name,
 *   declared type ("TEXT", "text", "INTEGER", "bigint"…), whether NOT NULL, whether
 *   it has a default (an identity counts as one)
 */
const char *
rally_db_dialect_table_columns (RallyDbDialect dialect)
{
  if (dialect == RALLY_DB_DIALECT_SQLITE)
    return "SELECT name, type, \"notnull\", dflt_value IS NOT NULL FROM pragma_table_info (?1) ORDER BY cid";

  return "SELECT column_name, data_type, is_nullable = 'NO', column_default IS NOT NULL OR is_identity = 'YES'"
         " FROM information_schema.columns WHERE table_schema = current_schema () AND table_name = ?1"
         " ORDER BY ordinal_position";
}

/**
 * rally_db_dialect_binary_collation:
 *
 * Returns: what follows a text column in ORDER BY to sort by bytes, as SQLite does
 *   by default ("" for SQLite); a server's default collation follows its locale
 */
const char *
rally_db_dialect_binary_collation (RallyDbDialect dialect)
{
  return dialect == RALLY_DB_DIALECT_SQLITE ? "" : " COLLATE \"C\"";
}

/**
 * rally_db_dialect_snapshot:
 *
 * Returns: (nullable): the statement that makes the transaction just begun read one
 *   snapshot of the whole database, or %NULL where every transaction does (SQLite)
 */
const char *
rally_db_dialect_snapshot (RallyDbDialect dialect)
{
  return dialect == RALLY_DB_DIALECT_SQLITE ? NULL : "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ";
}

/**
 * rally_db_dialect_exclusive_write:
 *
 * Returns: (nullable): the statement that, run first in a write transaction that reads
 *   what it then writes (an import merging days, a restore checking the workspace is
 *   empty), makes any other such transaction wait until this one ends, as SQLite's
 *   BEGIN IMMEDIATE does for every writer (%NULL there); PostgreSQL's transaction
 *   advisory lock, let go at COMMIT or ROLLBACK
 */
const char *
rally_db_dialect_exclusive_write (RallyDbDialect dialect)
{
  return dialect == RALLY_DB_DIALECT_SQLITE ? NULL : "SELECT pg_advisory_xact_lock (1382116474)";
}
