/* test-db.c
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

/* The driver under the store (src/store/rally-db*.c): the same cases on SQLite and on a
 * real PostgreSQL 15 that the test starts itself (rally-test-pg.c), the schema's
 * migrations on both, and the rules for connecting to a server safely. */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rally-db.h"
#include "rally-db-private.h"
#include "rally-store.h"
#include "rally-store-private.h"
#include "rally-test-pg.h"
#include "rally-test-util.h"

#define SECRET "Zebra4242secret"

typedef struct
{
  RallyTestPgFixture pg;
  char              *dir;    /* SQLite cases: a temporary folder */
  RallyDb           *db;
} Fixture;

typedef enum
{
  ENGINE_SQLITE,
  ENGINE_POSTGRESQL,
} Engine;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (GPOINTER_TO_INT (data) == ENGINE_SQLITE)
    {
      g_autofree char *path = NULL;

      f->dir = g_dir_make_tmp ("rally-db-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (f->dir, "test.db", NULL);
      f->db = rally_db_open_sqlite (path, &error);
    }
  else
    {
      rally_test_pg_fixture_setup (&f->pg, GINT_TO_POINTER (RALLY_TEST_PG_SOCKET_ONLY));
      if (f->pg.pg == NULL)
        return;
      f->db = rally_db_open_postgresql (f->pg.uri, &error);
    }

  g_assert_no_error (error);
  g_assert_nonnull (f->db);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->db, rally_db_close);
  rally_test_pg_fixture_teardown (&f->pg, NULL);
  if (f->dir != NULL)
    rally_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

#define SKIP_WITHOUT_DB(f) G_STMT_START { if ((f)->db == NULL) return; } G_STMT_END

static void
exec_ok (RallyDb    *db,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *translated = rally_db_dialect_translate_ddl (rally_db_get_dialect (db), sql);

  gboolean ok = rally_db_exec (db, translated, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static gint64
query_int (RallyDb    *db,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  gboolean ok = rally_db_query_int64 (db, sql, &value, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  return value;
}

static gint64
insert_item (RallyDb    *db,
             const char *name,
             gint64      amount,
             double      ratio)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyDbStmt) stmt = rally_db_prepare (db, "INSERT INTO items (name, amount, ratio) VALUES (?, ?, ?)",
                                                  &error);

  g_assert_no_error (error);
  rally_db_stmt_bind_text (stmt, 1, name, -1);
  rally_db_stmt_bind_int64 (stmt, 2, amount);
  rally_db_stmt_bind_double (stmt, 3, ratio);
  g_assert_cmpint (rally_db_stmt_step (stmt, &error), ==, RALLY_DB_DONE);
  g_assert_no_error (error);
  g_assert_cmpint (rally_db_changes (db), ==, 1);

  return rally_db_last_insert_id (db);
}

static void
create_items (RallyDb *db)
{
  exec_ok (db, "CREATE TABLE items ("
               "  id     INTEGER PRIMARY KEY,"
               "  name   TEXT    NOT NULL UNIQUE,"
               "  amount INTEGER NOT NULL DEFAULT 0,"
               "  ratio  REAL,"
               "  note   TEXT"
               ")");
}

/* Insert, read back (64-bit integers, doubles, any text, NULL), update, delete. */
static void
test_crud (Fixture       *f,
           gconstpointer  data)
{
  const char *text = "Quote ' \" back\\slash ? $1 -- not a comment, ماء نظيف 💃\nline two";
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyDbStmt) select = NULL;
  g_autoptr(RallyDbStmt) update = NULL;
  gint64 first, second, third;

  SKIP_WITHOUT_DB (f);
  create_items (f->db);

  first = insert_item (f->db, text, G_MAXINT64 - 1, 0.1);
  second = insert_item (f->db, "small", G_MININT64 + 1, -2.5e-300);
  third = insert_item (f->db, "zero", 0, 1.0 / 3.0);
  g_assert_cmpint (first, ==, 1);
  g_assert_cmpint (second, ==, 2);
  g_assert_cmpint (third, ==, 3);

  /* ?1 twice, and a `?` inside a literal that is not a parameter */
  select = rally_db_prepare (f->db, "SELECT id, name, amount, ratio, note, '?' FROM items"
                                    " WHERE amount > ?1 OR id = ?1 ORDER BY id", &error);
  g_assert_no_error (error);
  rally_db_stmt_bind_int64 (select, 1, 2);

  g_assert_cmpint (rally_db_stmt_step (select, &error), ==, RALLY_DB_ROW);
  g_assert_cmpint (rally_db_stmt_column_count (select), ==, 6);
  g_assert_cmpint (rally_db_stmt_column_int64 (select, 0), ==, first);
  g_assert_cmpstr (rally_db_stmt_column_text (select, 1), ==, text);
  g_assert_cmpuint (rally_db_stmt_column_bytes (select, 1), ==, strlen (text));
  g_assert_cmpint (rally_db_stmt_column_int64 (select, 2), ==, G_MAXINT64 - 1);
  g_assert_cmpfloat (rally_db_stmt_column_double (select, 3), ==, 0.1);
  g_assert_true (rally_db_stmt_column_is_null (select, 4));
  g_assert_null (rally_db_stmt_column_text (select, 4));
  g_assert_cmpstr (rally_db_stmt_column_text (select, 5), ==, "?");
  g_assert_cmpint (rally_db_stmt_step (select, &error), ==, RALLY_DB_ROW);
  g_assert_cmpint (rally_db_stmt_column_int64 (select, 0), ==, second);
  g_assert_cmpint (rally_db_stmt_column_int64 (select, 2), ==, G_MININT64 + 1);
  g_assert_cmpfloat (rally_db_stmt_column_double (select, 3), ==, -2.5e-300);
  g_assert_cmpint (rally_db_stmt_step (select, &error), ==, RALLY_DB_DONE);
  g_assert_no_error (error);

  /* the same statement again, bound anew */
  rally_db_stmt_reset (select);
  rally_db_stmt_clear_bindings (select);
  rally_db_stmt_bind_int64 (select, 1, G_MAXINT64 - 2);
  g_assert_cmpint (rally_db_stmt_step (select, &error), ==, RALLY_DB_ROW);
  g_assert_cmpint (rally_db_stmt_column_int64 (select, 0), ==, first);
  g_assert_cmpint (rally_db_stmt_step (select, &error), ==, RALLY_DB_DONE);

  update = rally_db_prepare (f->db, "UPDATE items SET note = ?2, amount = amount + 1 WHERE amount <= ?1", &error);
  g_assert_no_error (error);
  rally_db_stmt_bind_int64 (update, 1, 0);
  rally_db_stmt_bind_null (update, 2);
  g_assert_true (rally_db_stmt_step_done (update, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rally_db_changes (f->db), ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT amount FROM items WHERE name = 'zero'"), ==, 1);

  exec_ok (f->db, "DELETE FROM items WHERE id <> 1");
  g_assert_cmpint (rally_db_changes (f->db), ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM items"), ==, 1);

  /* ids given by the caller (a restore): the engine's next one comes after them */
  {
    g_autoptr(RallyDbStmt) restore = rally_db_prepare (f->db, "INSERT INTO items (id, name) VALUES (?1, ?2)", &error);

    g_assert_no_error (error);
    rally_db_stmt_bind_int64 (restore, 1, 10);
    rally_db_stmt_bind_text (restore, 2, "ten", -1);
    g_assert_true (rally_db_stmt_step_done (restore, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rally_db_last_insert_id (f->db), ==, 10);
  }
  g_assert_cmpint (insert_item (f->db, "eleven", 0, 0), ==, 11);
}

/* Skipping and replacing rows already there, in each engine's words or the shared ones. */
static void
test_conflicts (Fixture       *f,
                gconstpointer  data)
{
  RallyDbDialect dialect;
  g_autofree char *ignore = NULL;

  SKIP_WITHOUT_DB (f);
  dialect = rally_db_get_dialect (f->db);
  create_items (f->db);
  insert_item (f->db, "one", 1, 0);

  ignore = g_strdup_printf ("INSERT%s INTO items (name, amount) VALUES ('one', 5)%s",
                            rally_db_dialect_insert_or_ignore (dialect),
                            rally_db_dialect_on_conflict_ignore (dialect));
  exec_ok (f->db, ignore);
  g_assert_cmpint (rally_db_changes (f->db), ==, 0);
  exec_ok (f->db, "INSERT INTO items (name, amount) VALUES ('one', 7) ON CONFLICT DO NOTHING");
  g_assert_cmpint (query_int (f->db, "SELECT amount FROM items WHERE name = 'one'"), ==, 1);

  exec_ok (f->db, "INSERT INTO items (name, amount) VALUES ('one', 9)"
                  " ON CONFLICT (name) DO UPDATE SET amount = items.amount + excluded.amount");
  g_assert_cmpint (query_int (f->db, "SELECT amount FROM items WHERE name = 'one'"), ==, 10);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM items"), ==, 1);
}

static void
test_transactions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  SKIP_WITHOUT_DB (f);
  create_items (f->db);

  g_assert_true (rally_db_begin (f->db, &error));
  insert_item (f->db, "gone", 1, 0);
  rally_db_rollback (f->db);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM items"), ==, 0);

  g_assert_true (rally_db_begin (f->db, &error));
  insert_item (f->db, "kept", 1, 0);
  g_assert_true (rally_db_commit (f->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM items"), ==, 1);

  /* a failed statement inside a transaction: rolled back, the connection goes on */
  g_assert_true (rally_db_begin (f->db, &error));
  insert_item (f->db, "also gone", 1, 0);
  g_assert_false (rally_db_exec (f->db, "INSERT INTO items (name) VALUES ('kept')", &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  rally_db_rollback (f->db);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM items"), ==, 1);
  insert_item (f->db, "after", 1, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM items"), ==, 2);

  /* committing after a failure the caller let pass: SQLite keeps the rows that were
   * written; PostgreSQL has undone them all, and the commit must say so */
  g_assert_true (rally_db_begin (f->db, &error));
  insert_item (f->db, "maybe", 1, 0);
  g_assert_false (rally_db_exec (f->db, "INSERT INTO items (name) VALUES ('kept')", &error));
  g_clear_error (&error);
  if (rally_db_get_dialect (f->db) == RALLY_DB_DIALECT_SQLITE)
    {
      g_assert_true (rally_db_commit (f->db, &error));
      g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM items"), ==, 3);
    }
  else
    {
      g_assert_false (rally_db_commit (f->db, &error));
      g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_FAILED);
      g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM items"), ==, 2);
    }
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyDbStmt) stmt = NULL;
  g_autoptr(RallyDbStmt) bad = NULL;

  SKIP_WITHOUT_DB (f);
  create_items (f->db);
  insert_item (f->db, "one", 1, 0);

  /* a constraint, from a prepared statement */
  stmt = rally_db_prepare (f->db, "INSERT INTO items (name) VALUES (?1)", &error);
  g_assert_no_error (error);
  rally_db_stmt_bind_text (stmt, 1, "one", -1);
  g_assert_cmpint (rally_db_stmt_step (stmt, &error), ==, RALLY_DB_ERROR);
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* bad SQL fails when prepared (SQLite) or when run (PostgreSQL), never silently */
  bad = rally_db_prepare (f->db, "SELECT nosuchcolumn FROM items", &error);
  if (bad != NULL)
    g_assert_cmpint (rally_db_stmt_step (bad, &error), ==, RALLY_DB_ERROR);
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "nosuchcolumn"));
  g_clear_error (&error);

  g_assert_false (rally_db_exec (f->db, "SELEC 1", &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_FAILED);
  g_clear_error (&error);

  /* text with a NUL inside: SQLite keeps every byte; PostgreSQL's text cannot hold it,
   * and says so rather than cutting it short */
  {
    g_autoptr(RallyDbStmt) nul = rally_db_prepare (f->db, "INSERT INTO items (name) VALUES (?1)", &error);

    g_assert_no_error (error);
    rally_db_stmt_bind_text (nul, 1, "a\0b", 3);
    if (rally_db_get_dialect (f->db) == RALLY_DB_DIALECT_SQLITE)
      {
        g_assert_true (rally_db_stmt_step_done (nul, &error));
        g_assert_no_error (error);
        g_assert_cmpint (query_int (f->db, "SELECT length (CAST (name AS BLOB)) FROM items WHERE id = 2"), ==, 3);
        exec_ok (f->db, "DELETE FROM items WHERE id = 2");
      }
    else
      {
        g_assert_cmpint (rally_db_stmt_step (nul, &error), ==, RALLY_DB_ERROR);
        g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_FAILED);
        g_assert_nonnull (strstr (error->message, "NUL"));
        g_clear_error (&error);
      }
  }

  /* the connection still works */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM items"), ==, 1);
}

/* Runs the schema, then the rows that fire each trigger, and the store's own roll-up
 * and roster SQL; returns what the roll-ups and origins hold, to compare engines. */
static char *
exercise_schema (RallyDb *db)
{
  static const char * const fill =
    "INSERT INTO campaigns (id, created_at, updated_at, name) VALUES (1, 0, 0, 'Water');"
    "INSERT INTO challenges (id, created_at, updated_at, campaign_id, hashtag, hashtag_key, partners)"
    "  VALUES (1, 0, 0, 1, '#Dance', 'dance', 'ana,bob');"
    "INSERT INTO challenges (id, created_at, updated_at, hashtag, hashtag_key) VALUES (2, 0, 0, '#Sing', 'sing');"
    "INSERT INTO videos (created_at, updated_at, challenge_id, tiktok_id, creator, posted_at, views, likes)"
    "  VALUES (0, 0, 1, 7234567890123456789, '@Ana', 1717200000, 9007199254740993, 5),"
    "         (0, 0, 1, 2, 'carl', 1717200100, 10, 1),"
    "         (0, 0, 1, 3, 'carl', 1717300000, 20, 2),"
    "         (0, 0, 2, 4, 'dee', -86399, 30, 3);"
    "UPDATE videos SET views = views + 100 WHERE tiktok_id = 2;"
    "UPDATE videos SET creator = 'bob' WHERE tiktok_id = 3;"
    "UPDATE videos SET challenge_id = 2 WHERE tiktok_id = 2;"
    "DELETE FROM videos WHERE tiktok_id = 4;"
    "INSERT INTO rollup_pending (challenge_id) VALUES (2);"
    "INSERT INTO videos (created_at, updated_at, challenge_id, tiktok_id, creator, posted_at)"
    "  VALUES (0, 0, 2, 5, 'erin', 0);";
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyDbStmt) roster = NULL;
  g_autoptr(RallyDbStmt) dump = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  rally_db_migrate (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rally_db_schema_version (db, &error), ==, rally_store_n_migrations);

  exec_ok (db, fill);
  g_string_append_printf (out, "creators before settling: %" G_GINT64_FORMAT "\n",
                          query_int (db, "SELECT count(*) FROM video_creators WHERE challenge_id = 2"));
  exec_ok (db, rally_store_settle_rollups_sql);

  roster = rally_db_prepare (db, rally_store_apply_roster_sql, &error);
  g_assert_no_error (error);
  rally_db_stmt_bind_int64 (roster, 1, 2);
  rally_db_stmt_bind_text (roster, 2, "erin", -1);
  g_assert_true (rally_db_stmt_step_done (roster, &error));
  g_assert_no_error (error);
  g_string_append_printf (out, "roster changed %" G_GINT64_FORMAT "\n", rally_db_changes (db));

  dump = rally_db_prepare (db,
                           "SELECT 'day', challenge_id, day, videos, views, likes FROM video_days"
                           " UNION ALL SELECT 'creator ' || creator, challenge_id, 0, videos, 0, 0 FROM video_creators"
                           " UNION ALL SELECT 'origin ' || creator, challenge_id, tiktok_id, origin, origin_manual, 0"
                           "   FROM videos"
                           " ORDER BY 1, 2, 3", &error);
  g_assert_no_error (error);
  while (rally_db_stmt_step (dump, &error) == RALLY_DB_ROW)
    {
      g_string_append_printf (out, "%s", rally_db_stmt_column_text (dump, 0));
      for (int i = 1; i < 6; i++)
        g_string_append_printf (out, " %" G_GINT64_FORMAT, rally_db_stmt_column_int64 (dump, i));
      g_string_append_c (out, '\n');
    }
  g_assert_no_error (error);

  /* the whole roll-up again, as a restore does: the same figures */
  exec_ok (db, rally_db_get_dialect (db) == RALLY_DB_DIALECT_SQLITE ? rally_store_rebuild_rollups_sql
                                                                    : rally_store_rebuild_rollups_sql_pg);
  g_string_append_printf (out, "days after rebuild: %" G_GINT64_FORMAT "\n",
                          query_int (db, "SELECT sum(videos) FROM video_days"));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The PostgreSQL schema's triggers do what SQLite's do. */
static void
test_migrations_same_on_both (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(RallyDb) lite = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;

  SKIP_WITHOUT_DB (f);
  dir = g_dir_make_tmp ("rally-db-XXXXXX", &error);
  path = g_build_filename (dir, "rally.db", NULL);
  lite = rally_db_open_sqlite (path, &error);
  g_assert_no_error (error);

  expected = exercise_schema (lite);
  got = exercise_schema (f->db);
  g_test_message ("%s", expected);
  g_assert_nonnull (strstr (expected, "origin bob 1 3 1 0"));     /* a partner, by the update trigger */
  g_assert_nonnull (strstr (expected, "creators before settling: 1"));  /* erin waits */
  g_assert_nonnull (strstr (expected, "creator erin 2 0 1 0 0"));       /* until settled */
  g_assert_nonnull (strstr (expected, "day 2 1717200000 1 110 1"));     /* moved, then updated */
  g_assert_cmpstr (got, ==, expected);

  /* nothing left to do the second time */
  g_assert_true (rally_db_migrate (f->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM rally_schema_version"), ==, rally_store_n_migrations);

  g_clear_pointer (&lite, rally_db_close);
  rally_test_remove_tree (dir);
}

typedef struct
{
  const char *uri;
  GError     *error;
} MigrateJob;

static gpointer
migrate_thread (gpointer data)
{
  MigrateJob *job = data;
  g_autoptr(RallyDb) db = rally_db_open_postgresql (job->uri, &job->error);

  if (db != NULL)
    rally_db_migrate (db, &job->error);
  return NULL;
}

/* Two Rallys opening a fresh team database at once: both succeed, the schema is made once. */
static void
test_migrations_concurrent (Fixture       *f,
                            gconstpointer  data)
{
  MigrateJob jobs[2] = { { f->pg.uri, NULL }, { f->pg.uri, NULL } };
  GThread *threads[2];

  SKIP_WITHOUT_DB (f);

  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("migrate", migrate_thread, &jobs[i]);
  for (guint i = 0; i < 2; i++)
    {
      g_thread_join (threads[i]);
      g_assert_no_error (jobs[i].error);
    }

  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM rally_schema_version"), ==, rally_store_n_migrations);
  g_assert_cmpint (query_int (f->db, "SELECT count(DISTINCT version) FROM rally_schema_version"),
                   ==, rally_store_n_migrations);
  /* the videos' 7 (schema 14 made their three insert triggers one per statement and
   * counts creators with two more), and the 4 that record who saved a campaign,
   * challenge, post or event; schema 15's 3 more of the videos, 3 of creator_firsts
   * and 1 of a challenge's deletion */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal"), ==, 18);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM meta"), ==, 1);
}

/* A database of something else, or of a newer Rally, is left alone. */
static void
test_migrations_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *newer = NULL;

  SKIP_WITHOUT_DB (f);

  exec_ok (f->db, "CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
  g_assert_false (rally_db_migrate (f->db, &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM pg_tables WHERE tablename = 'campaigns'"), ==, 0);

  exec_ok (f->db, "DROP TABLE invoices");
  g_assert_true (rally_db_migrate (f->db, &error));
  newer = g_strdup_printf ("INSERT INTO rally_schema_version VALUES (%u, 0)", rally_store_n_migrations + 1);
  exec_ok (f->db, newer);
  g_assert_false (rally_db_migrate (f->db, &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NEWER_SCHEMA);
}

/* ---- Connecting safely (no fixture server needed) ---- */

static void
assert_refused_at_once (const char *uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyDb) db = NULL;
  gint64 start = g_get_monotonic_time ();

  db = rally_db_open_postgresql (uri, &error);

  /* 192.0.2.0/24 is reserved for examples: connecting would hang until the timeout. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 2);
  g_assert_null (db);
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "not on this computer"));
  g_assert_nonnull (strstr (error->message, "192.0.2.1"));
  g_assert_null (strstr (error->message, SECRET));
}

static void
test_remote_without_tls_refused (void)
{
  g_autofree char *certs = g_build_filename (g_get_home_dir (), ".postgresql", NULL);
  g_autofree char *root_crt = g_build_filename (certs, "root.crt", NULL);
  g_autoptr(GError) error = NULL;

  g_unsetenv ("PGSSLMODE");
  g_unsetenv ("PGSSLROOTCERT");
  g_unsetenv ("PGHOST");
  g_assert_false (g_file_test (root_crt, G_FILE_TEST_EXISTS));

  assert_refused_at_once ("postgresql://u@192.0.2.1/db");
  assert_refused_at_once ("postgresql://u:" SECRET "@192.0.2.1:5432/db?application_name=x");
  assert_refused_at_once ("host=192.0.2.1 user=u password=" SECRET " dbname=db");
  assert_refused_at_once ("postgresql://u@localhost,192.0.2.1/db");

  /* choosing a mode, or having a certificate to check the server against, is allowed */
  g_assert_true (rally_db_check_server_uri ("postgresql://u@192.0.2.1/db?sslmode=disable", &error));
  g_assert_true (rally_db_check_server_uri ("postgresql://u@192.0.2.1/db?sslmode=verify-full&sslrootcert=/x.crt",
                                            &error));
  g_setenv ("PGSSLMODE", "require", TRUE);
  g_assert_true (rally_db_check_server_uri ("postgresql://u@192.0.2.1/db", &error));
  g_unsetenv ("PGSSLMODE");
  g_assert_cmpint (g_mkdir_with_parents (certs, 0700), ==, 0);
  g_assert_true (g_file_set_contents (root_crt, "", 0, NULL));
  g_assert_true (rally_db_check_server_uri ("postgresql://u@192.0.2.1/db", &error));
  g_assert_no_error (error);
  g_remove (root_crt);

  /* this computer: a socket, localhost, 127.0.0.1, ::1 */
  g_assert_true (rally_db_check_server_uri ("postgresql:///db?host=/run/postgresql", &error));
  g_assert_true (rally_db_check_server_uri ("postgresql://u@localhost/db", &error));
  g_assert_true (rally_db_check_server_uri ("postgresql://u@127.0.0.1:5433/db", &error));
  g_assert_true (rally_db_check_server_uri ("postgresql://u@[::1]/db", &error));
  g_assert_no_error (error);
}

static void
test_bad_uri_hides_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyDb) db = rally_db_open_postgresql ("postgresql://u:" SECRET "@localhost/db?nosuchoption=" SECRET,
                                                    &error);

  g_assert_null (db);
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_FAILED);
  g_assert_null (strstr (error->message, SECRET));
}

static RallyDb *
open_ok (const char *uri)
{
  g_autoptr(GError) error = NULL;
  RallyDb *db = rally_db_open_postgresql (uri, &error);

  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT 40 + 2"), ==, 42);
  return db;
}

/* Fails with EXPECTED in the message, and the password of URI (if any) nowhere in it. */
static void
assert_open_fails (const char *uri,
                   const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyDb) db = rally_db_open_postgresql (uri, &error);
  gboolean has_password = strstr (uri, ":" SECRET "@") != NULL || strstr (uri, "password=" SECRET) != NULL;

  g_assert_null (db);
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_IO);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
  if (has_password)
    g_assert_null (strstr (error->message, SECRET));
}

/* Over TCP on 127.0.0.1, where the server asks for a password. */
static void
test_loopback_tcp (RallyTestPgFixture *f,
                   gconstpointer       data)
{
  g_autofree char *pgpass = NULL;
  g_autofree char *services = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *lines = NULL;
  const char *password;
  guint16 port;

  RALLY_TEST_PG_SKIP_IF_MISSING (f);
  port = rally_test_pg_get_tcp_port (f->pg);
  password = rally_test_pg_get_password (f->pg);
  g_assert_cmpuint (port, >, 0);
  g_unsetenv ("PGSSLMODE");

  /* 127.0.0.1 with sslmode=disable said explicitly: allowed */
  uri = g_strdup_printf ("postgresql://rally_test:%s@127.0.0.1:%u/rally?sslmode=disable", password, port);
  rally_db_close (open_ok (uri));
  g_free (uri);

  /* no password in the address: libpq's password file gives it; no mode: loopback is allowed */
  g_assert_cmpint (g_mkdir_with_parents (g_get_home_dir (), 0700), ==, 0);
  pgpass = g_build_filename (g_get_home_dir (), "pgpass", NULL);
  lines = g_strdup_printf ("127.0.0.1:%u:*:rally_test:%s\n", port, password);
  g_assert_true (g_file_set_contents (pgpass, lines, -1, NULL));
  g_assert_cmpint (g_chmod (pgpass, 0600), ==, 0);
  g_setenv ("PGPASSFILE", pgpass, TRUE);
  uri = g_strdup_printf ("postgresql://rally_test@127.0.0.1:%u/rally", port);
  rally_db_close (open_ok (uri));
  g_free (uri);

  /* and a service file */
  services = g_build_filename (g_get_home_dir (), "pg_service.conf", NULL);
  g_free (lines);
  lines = g_strdup_printf ("[team]\nhost=127.0.0.1\nport=%u\nuser=rally_test\ndbname=rally\n", port);
  g_assert_true (g_file_set_contents (services, lines, -1, NULL));
  g_setenv ("PGSERVICEFILE", services, TRUE);
  rally_db_close (open_ok ("postgresql:///?service=team"));

  /* TLS asked for, which this server does not speak: refused, without the password */
  uri = g_strdup_printf ("postgresql://rally_test:" SECRET "@127.0.0.1:%u/rally?sslmode=require", port);
  assert_open_fails (uri, "SSL");
  g_free (uri);

  /* a wrong password, and one the server's own message would hold (a database named
   * like it): neither appears in the error */
  uri = g_strdup_printf ("postgresql://rally_test:" SECRET "@127.0.0.1:%u/rally?sslmode=disable", port);
  assert_open_fails (uri, "password authentication failed");
  g_free (uri);
  uri = g_strdup_printf ("postgresql://rally_test@/" SECRET "?host=127.0.0.1&port=%u&password=" SECRET
                         "&sslmode=disable", port);
  assert_open_fails (uri, "password authentication failed");
  g_free (uri);
  /* (the same name, not a password: the message says it) */
  uri = g_strdup_printf ("postgresql:///" SECRET "?host=127.0.0.1&port=%u&user=rally_test", port);
  assert_open_fails (uri, "database \"" SECRET "\" does not exist");
  g_free (uri);
  uri = g_strdup_printf ("postgresql://rally_test:%s@127.0.0.1:%u/%s", password, port, password);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RallyDb) db = rally_db_open_postgresql (uri, &error);

    g_assert_null (db);
    g_assert_nonnull (strstr (error->message, "does not exist"));
    g_assert_null (strstr (error->message, password));
  }

  g_unsetenv ("PGPASSFILE");
  g_unsetenv ("PGSERVICEFILE");
}

static void
test_placeholders (void)
{
  int n = 0;
  g_autofree char *a = rally_db_dialect_translate_placeholders (
    "SELECT '?', \"a?\", 'it''s ?', ?, ?5, ?, $$ ? $$ -- ?\n/* ? */ ?2", &n);

  g_assert_cmpstr (a, ==, "SELECT '?', \"a?\", 'it''s ?', $1, $5, $6, $$ ? $$ -- ?\n/* ? */ $2");
  g_assert_cmpint (n, ==, 6);
}

static void
test_ddl (void)
{
  g_autofree char *pg = rally_db_dialect_translate_ddl (RALLY_DB_DIALECT_POSTGRESQL,
    "CREATE TABLE t (id   INTEGER PRIMARY KEY, challenge_id INTEGER PRIMARY KEY, r REAL, n INTEGER) WITHOUT ROWID;");
  g_autofree char *lite = rally_db_dialect_translate_ddl (RALLY_DB_DIALECT_SQLITE, "x INTEGER) WITHOUT ROWID");

  g_assert_cmpstr (pg, ==, "CREATE TABLE t (id   BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                           " challenge_id BIGINT PRIMARY KEY, r DOUBLE PRECISION, n BIGINT);");
  g_assert_cmpstr (lite, ==, "x INTEGER) WITHOUT ROWID");
}

/* Opening by workspace location: a folder is SQLite's rally.db. */
static void
test_open_location (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rally-db-XXXXXX", &error);
  g_autofree char *file = g_build_filename (dir, "rally.db", NULL);
  g_autoptr(RallyDb) db = rally_db_open (dir, &error);

  g_assert_no_error (error);
  g_assert_cmpint (rally_db_get_dialect (db), ==, RALLY_DB_DIALECT_SQLITE);
  g_assert_true (rally_db_migrate (db, &error));
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (rally_test_sql_int (file, "PRAGMA application_id"), ==, RALLY_STORE_APPLICATION_ID);
  g_assert_cmpint (rally_test_sql_int (file, "PRAGMA user_version"), ==, rally_store_n_migrations);
  g_clear_pointer (&db, rally_db_close);
  rally_test_remove_tree (dir);
}

static sqlite3 *
open_raw (const char *file,
          const char *vfs)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (file, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs), ==, SQLITE_OK);
  return db;
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The rows of the database @file with its log as they are on disk now, read by SQLite's
 * recovery (a copy of both files, without the WAL index): what a process killed now
 * would leave. */
static gint64
rows_after_crash (const char *file,
                  const char *copy_dir)
{
  g_autofree char *wal = g_strconcat (file, "-wal", NULL);
  g_autofree char *copy = g_build_filename (copy_dir, "copy.db", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *copy_shm = g_strconcat (copy, "-shm", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  sqlite3 *db;
  gint64 rows;

  g_remove (copy_shm);
  g_assert_true (g_file_get_contents (file, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (wal, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy_wal, contents, length, NULL));
  db = open_raw (copy, NULL);
  rows = raw_int (db, "SELECT count(*) FROM t");
  sqlite3_close (db);
  return rows;
}

/* Counts the times the log started again: its length after a commit fell. */
static int
count_restarts (gpointer    data,
                sqlite3    *db,
                const char *name,
                int         n_frames)
{
  gint64 *last = data;

  if (n_frames < last[0])
    last[1]++;
  last[0] = n_frames;
  return SQLITE_OK;
}

/* rally-db-sqlite-wal.c: the sync writer's log writes wait in a buffer until their
 * transaction's commit frame is whole, so every committed frame must be in the file
 * as soon as the commit returns: transactions of one row to several hundred (past
 * the buffer, and past the page cache, which makes SQLite write frames before the
 * commit, rewrite them in place and then rewrite the checksums of the frames after
 * them, the commit frame's last), each read back at once by a connection of the
 * default VFS and by recovery from a copy of the files; now and then a checkpoint by
 * the reader, so that the log starts again from its header. */
static void
test_wal_gathered (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rally-db-XXXXXX", &error);
  g_autofree char *copy_dir = g_build_filename (dir, "copy", NULL);
  g_autofree char *file = g_build_filename (dir, "wal.db", NULL);
  sqlite3 *writer = open_raw (file, _rally_db_sqlite_wal_vfs ());
  sqlite3 *reader;
  gint64 rows = 0;
  gint64 frames_restarts[2] = { 0, 0 };

  g_assert_cmpint (g_mkdir (copy_dir, 0700), ==, 0);
  raw_exec (writer, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0;"
                    "PRAGMA cache_size = 20;"
                    "CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB); CREATE INDEX t_body ON t (body)");
  sqlite3_wal_hook (writer, count_restarts, frames_restarts);
  reader = open_raw (file, NULL);
  for (guint round = 0; round < 40; round++)
    {
      /* 1 to about 400 rows of 1 KB: up to 200 pages of table and index */
      guint n = 1 + (round * round * 7) % 400;
      g_autofree char *insert = g_strdup_printf ("WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                                                 " WHERE i < %u) INSERT INTO t (body) SELECT randomblob (1000) FROM n",
                                                 n);

      raw_exec (writer, "BEGIN");
      raw_exec (writer, insert);
      /* pages written before the commit, then changed again */
      raw_exec (writer, "UPDATE t SET body = randomblob (1000) WHERE id % 7 = 0");
      raw_exec (writer, "COMMIT");
      rows += n;
      g_assert_cmpint (raw_int (reader, "SELECT count(*) FROM t"), ==, rows);
      g_assert_cmpint (raw_int (reader, "SELECT sum (length (body)) FROM t"), ==, rows * 1000);
      g_assert_cmpint (rows_after_crash (file, copy_dir), ==, rows);
      if (round % 10 == 9)
        raw_exec (reader, "PRAGMA wal_checkpoint(PASSIVE)");
    }
  g_assert_cmpint (frames_restarts[1], >=, 3);
  g_assert_cmpint (raw_int (reader, "SELECT count(*) FROM t WHERE body >= x''"), ==, rows);
  sqlite3_close (reader);
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (writer, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (writer);

  reader = open_raw (file, NULL);
  g_assert_cmpint (raw_int (reader, "SELECT count(*) FROM t"), ==, rows);
  g_assert_cmpint (raw_int (reader, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), ==, 0);
  sqlite3_close (reader);
  rally_test_remove_tree (dir);
}

static void
add_both (const char *name,
          void      (*func) (Fixture *, gconstpointer))
{
  g_autofree char *lite = g_strdup_printf ("/db/sqlite/%s", name);
  g_autofree char *pg = g_strdup_printf ("/db/pg/%s", name);

  g_test_add (lite, Fixture, GINT_TO_POINTER (ENGINE_SQLITE), fixture_setup, func, fixture_teardown);
  g_test_add (pg, Fixture, GINT_TO_POINTER (ENGINE_POSTGRESQL), fixture_setup, func, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *why = NULL;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!rally_test_pg_available (&why))
    g_test_message ("The PostgreSQL cases will be skipped: %s", why);

  g_test_add_func ("/db/dialect/placeholders", test_placeholders);
  g_test_add_func ("/db/dialect/ddl", test_ddl);
  g_test_add_func ("/db/sqlite/open-location", test_open_location);
  g_test_add_func ("/db/sqlite/wal-writes-gathered", test_wal_gathered);
  add_both ("crud", test_crud);
  add_both ("conflicts", test_conflicts);
  add_both ("transactions", test_transactions);
  add_both ("errors", test_errors);
  g_test_add ("/db/pg/migrations/same-as-sqlite", Fixture, GINT_TO_POINTER (ENGINE_POSTGRESQL),
              fixture_setup, test_migrations_same_on_both, fixture_teardown);
  g_test_add ("/db/pg/migrations/concurrent", Fixture, GINT_TO_POINTER (ENGINE_POSTGRESQL),
              fixture_setup, test_migrations_concurrent, fixture_teardown);
  g_test_add ("/db/pg/migrations/refused", Fixture, GINT_TO_POINTER (ENGINE_POSTGRESQL),
              fixture_setup, test_migrations_refused, fixture_teardown);
  g_test_add_func ("/db/pg/connect/remote-without-tls-refused", test_remote_without_tls_refused);
  g_test_add_func ("/db/pg/connect/bad-uri-hides-password", test_bad_uri_hides_password);
  g_test_add ("/db/pg/connect/loopback-tcp", RallyTestPgFixture, GINT_TO_POINTER (RALLY_TEST_PG_TCP),
              rally_test_pg_fixture_setup, test_loopback_tcp, rally_test_pg_fixture_teardown);

  return g_test_run ();
}
