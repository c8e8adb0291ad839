/* test-roles-pg.c
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

/* Roles on a team workspace, against a real PostgreSQL (rally-test-pg.c): the group
 * roles made on first set-up, a viewer refused every write (by the store and by the
 * server, for a hand-written client too), an editor who edits but cannot delete a
 * campaign, and the command line as a viewer. */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "rally-db-private.h"
#include "rally-store.h"
#include "rally-test-pg.h"
#include "rally-test-util.h"

#define VIEWER_SENTENCE "Your role on this team workspace is Viewer: you can read everything but not change it. " \
                        "Ask its owner to grant you the editor role."

typedef struct
{
  RallyTestPgFixture pg;
  RallyStore        *store;      /* the first, owning connection (the superuser) */
  gint64             campaign_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
  g_autoptr(GError) error = NULL;

  rally_test_pg_fixture_setup (&f->pg, GINT_TO_POINTER (RALLY_TEST_PG_SOCKET_ONLY));
  if (f->pg.pg == NULL)
    return;
  f->store = rally_store_open (f->pg.uri, &error);
  g_assert_no_error (error);

  rally_campaign_set_name (campaign, "Clean Water");
  g_assert_true (rally_store_save_campaign (f->store, campaign, &error));
  g_assert_no_error (error);
  f->campaign_id = rally_campaign_get_id (campaign);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  rally_test_pg_fixture_teardown (&f->pg, NULL);
}

/* The store of a new login granted the workspace's group role GROUP ("viewer"…). */
static RallyStore *
open_as (Fixture    *f,
         const char *user,
         const char *group)
{
  g_autofree char *role = g_strdup_printf ("rally_rally_%s", group);
  g_autofree char *uri = rally_test_pg_add_login (f->pg.uri, user, role, NULL);
  g_autoptr(GError) error = NULL;
  RallyStore *store;

  g_assert_nonnull (uri);
  store = rally_store_open (uri, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static gint64
query (Fixture    *f,
       const char *sql)
{
  g_autoptr(RallyDb) db = rally_db_open_postgresql (f->pg.uri, NULL);
  gint64 value = -1;

  g_assert_nonnull (db);
  g_assert_true (rally_db_query_int64 (db, sql, &value, NULL));
  return value;
}

/* A hand-written client: the statement on a connection of @user, refused or not. */
static void
assert_refused_sql (const char *uri,
                    const char *user,
                    const char *sql)
{
  g_autofree char *as_user = g_strdup_printf ("%s&user=%s", uri, user);
  g_autoptr(RallyDb) db = rally_db_open_postgresql (as_user, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (db);
  g_assert_false (rally_db_exec (db, sql, &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_ALLOWED);
}

static void
test_roles_created (Fixture       *f,
                    gconstpointer  data)
{
  RALLY_TEST_PG_SKIP_IF_MISSING (&f->pg);

  g_assert_cmpint (query (f, "SELECT count(*) FROM pg_roles WHERE NOT rolcanlogin AND rolname IN"
                             " ('rally_rally_owner', 'rally_rally_editor', 'rally_rally_viewer')"), ==, 3);
  g_assert_cmpint (query (f, "SELECT has_table_privilege ('rally_rally_viewer', 'videos', 'SELECT')::int"
                             " + has_table_privilege ('rally_rally_viewer', 'videos', 'INSERT')::int * 10"), ==, 1);
  g_assert_cmpint (query (f, "SELECT has_table_privilege ('rally_rally_editor', 'campaigns', 'DELETE')::int"
                             " + has_column_privilege ('rally_rally_editor', 'campaigns', 'deleted_at', 'UPDATE')::int"
                             " + has_table_privilege ('rally_rally_editor', 'meta', 'UPDATE')::int"), ==, 0);
  g_assert_cmpint (query (f, "SELECT has_column_privilege ('rally_rally_editor', 'campaigns', 'name', 'UPDATE')::int"
                             " + has_table_privilege ('rally_rally_owner', 'campaigns', 'DELETE')::int"), ==, 2);
  g_assert_cmpint (rally_store_get_role (f->store), ==, RALLY_STORE_ROLE_OWNER);
  /* the names are the database's: plain when they can be, else its hash */
  {
    g_autofree char *plain = _rally_db_pg_role_name ("rally", "owner");
    g_autofree char *odd = _rally_db_pg_role_name ("Team \"A\"; DROP", "viewer");
    g_assert_cmpstr (plain, ==, "rally_rally_owner");
    g_assert_true (g_str_has_prefix (odd, "rally_"));
    g_assert_null (strpbrk (odd, " \";A"));
  }
}

/* A table a later migration adds gets the privileges when the steps run. */
static void
test_roles_new_table (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RallyDb) db = NULL;
  g_autoptr(GError) error = NULL;

  RALLY_TEST_PG_SKIP_IF_MISSING (&f->pg);

  db = rally_db_open_postgresql (f->pg.uri, &error);
  g_assert_no_error (error);
  g_assert_true (rally_db_exec (db, "CREATE TABLE later_step (id BIGINT PRIMARY KEY)", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (f, "SELECT has_table_privilege ('rally_rally_editor', 'later_step', 'INSERT')::int"), ==, 0);
  g_assert_true (_rally_db_pg_setup_roles (db, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (f, "SELECT has_table_privilege ('rally_rally_editor', 'later_step', 'INSERT')::int"
                             " + has_table_privilege ('rally_rally_viewer', 'later_step', 'SELECT')::int"), ==, 2);
}

static void
test_roles_viewer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(RallyCampaign) campaign = NULL;
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autoptr(GListModel) campaigns = NULL;
  g_autoptr(GError) error = NULL;

  RALLY_TEST_PG_SKIP_IF_MISSING (&f->pg);

  store = open_as (f, "vera", "viewer");
  g_assert_cmpint (rally_store_get_role (store), ==, RALLY_STORE_ROLE_VIEWER);

  /* reads everything */
  campaigns = rally_store_list_campaigns (store);
  g_assert_cmpuint (g_list_model_get_n_items (campaigns), ==, 1);
  campaign = rally_store_get_campaign (store, f->campaign_id);
  g_assert_nonnull (campaign);

  /* changes nothing, and is told why */
  g_assert_false (rally_store_check_can_edit (store, &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==, VIEWER_SENTENCE);
  g_clear_error (&error);

  rally_campaign_set_name (campaign, "Dirty Water");
  g_assert_false (rally_store_save_campaign (store, campaign, &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==, VIEWER_SENTENCE);
  g_clear_error (&error);

  rally_challenge_set_hashtag (challenge, "WaterWeek");
  g_assert_false (rally_store_save_challenge (store, challenge, &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  g_assert_false (rally_store_delete_campaign (store, f->campaign_id, &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  g_assert_cmpint (query (f, "SELECT count(*) FROM campaigns WHERE name = 'Clean Water' AND deleted_at IS NULL"), ==, 1);
  g_assert_cmpint (query (f, "SELECT count(*) FROM challenges"), ==, 0);

  /* the server refuses a client that is not Rally as well */
  assert_refused_sql (f->pg.uri, "vera", "DELETE FROM videos");
  assert_refused_sql (f->pg.uri, "vera", "INSERT INTO quota (day) VALUES (1)");
}

static void
test_roles_editor (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(RallyCampaign) campaign = NULL;
  g_autoptr(RallyCampaign) other = rally_campaign_new ();
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autoptr(GError) error = NULL;

  RALLY_TEST_PG_SKIP_IF_MISSING (&f->pg);

  store = open_as (f, "ed", "editor");
  g_assert_cmpint (rally_store_get_role (store), ==, RALLY_STORE_ROLE_EDITOR);
  g_assert_true (rally_store_check_can_edit (store, &error));
  g_assert_no_error (error);

  /* edits campaigns, adds and deletes challenges */
  campaign = rally_store_get_campaign (store, f->campaign_id);
  rally_campaign_set_name (campaign, "Clean Water for All");
  g_assert_true (rally_store_save_campaign (store, campaign, &error));
  g_assert_no_error (error);
  rally_campaign_set_name (other, "Second");
  g_assert_true (rally_store_save_campaign (store, other, &error));
  g_assert_no_error (error);
  rally_challenge_set_hashtag (challenge, "WaterWeek");
  rally_challenge_set_campaign_id (challenge, f->campaign_id);
  g_assert_true (rally_store_save_challenge (store, challenge, &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_delete_challenge (store, rally_challenge_get_id (challenge), &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_purge_deleted (store, G_MAXINT64, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (f, "SELECT count(*) FROM challenges"), ==, 0);

  /* but deletes no campaign */
  g_assert_false (rally_store_delete_campaign (store, f->campaign_id, &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_ALLOWED);
  g_assert_true (strstr (error->message, "Editor") != NULL);
  g_clear_error (&error);
  g_assert_cmpint (query (f, "SELECT count(*) FROM campaigns WHERE deleted_at IS NULL"), ==, 2);
  g_assert_cmpint (query (f, "SELECT count(*) FROM campaigns WHERE name = 'Clean Water for All'"), ==, 1);

  assert_refused_sql (f->pg.uri, "ed", "UPDATE campaigns SET deleted_at = 1");
  assert_refused_sql (f->pg.uri, "ed", "DELETE FROM campaigns");
  assert_refused_sql (f->pg.uri, "ed", "UPDATE meta SET value = value + 1");

  /* an owner's deletion */
  g_assert_true (rally_store_delete_campaign (f->store, f->campaign_id, &error));
  g_assert_no_error (error);
}

static void
test_roles_owner_member (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GError) error = NULL;

  RALLY_TEST_PG_SKIP_IF_MISSING (&f->pg);

  store = open_as (f, "olga", "owner");
  g_assert_cmpint (rally_store_get_role (store), ==, RALLY_STORE_ROLE_OWNER);
  g_assert_true (rally_store_delete_campaign (store, f->campaign_id, &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_purge_deleted (store, G_MAXINT64, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (f, "SELECT count(*) FROM campaigns"), ==, 0);
}

static void
test_roles_cli_viewer (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *uri = NULL;
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", "overview-basic.csv", NULL);
  g_autofree char *err = NULL;
  int status;

  RALLY_TEST_PG_SKIP_IF_MISSING (&f->pg);

  uri = rally_test_pg_add_login (f->pg.uri, "vic", "rally_rally_viewer", NULL);
  g_assert_nonnull (uri);

  g_assert_cmpint (rally_test_run_rally ((const char *[]) { "import", csv, "--workspace", uri, NULL }, &err), !=, 0);
  g_assert_nonnull (strstr (err, VIEWER_SENTENCE));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (query (f, "SELECT count(*) FROM snapshots"), ==, 0);

  g_assert_cmpint (rally_test_run_rally ((const char *[]) { "sample", "--workspace", uri, NULL }, &err), !=, 0);
  g_assert_nonnull (strstr (err, VIEWER_SENTENCE));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (query (f, "SELECT count(*) FROM challenges"), ==, 0);

  g_assert_cmpint (rally_test_run_rally ((const char *[]) { "sync", "--workspace", uri, NULL }, &err), !=, 0);
  g_assert_nonnull (strstr (err, VIEWER_SENTENCE));
  g_clear_pointer (&err, g_free);

  /* export reads only: no role refuses it. (Until the formats read a team workspace,
   * an export of one fails for every role, with that message and not the role's.) */
  status = rally_test_run_rally ((const char *[]) { "export", "--format", "json", "--workspace", uri, NULL }, &err);
  g_assert_null (strstr (err, VIEWER_SENTENCE));
  if (status != 0)
    g_assert_nonnull (strstr (err, "This needs a workspace on this computer"));
}

/* Schema 19's creator_days_settle () runs as the owner of the tables (it writes the
 * new creators for a viewer's read), also when a superuser ran the migration. */
static void
test_roles_settle_owner (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(RallyDb) admin = NULL;
  g_autofree char *tom_uri = NULL;
  g_autofree char *admin_uri = NULL;
  g_autofree char *sql = NULL;
  gint64 owned = 0;

  RALLY_TEST_PG_SKIP_IF_MISSING (&f->pg);

  /* a workspace whose tables belong to the login tom, in a database of his */
  g_free (rally_test_pg_add_login (f->pg.uri, "tom", NULL, &error));
  g_assert_no_error (error);
  admin_uri = rally_test_pg_create_database (f->pg.pg, "tomdb", &error);
  g_assert_no_error (error);
  admin = rally_db_open_postgresql (f->pg.uri, &error);
  g_assert_no_error (error);
  g_assert_true (rally_db_exec (admin, "ALTER DATABASE tomdb OWNER TO tom", &error));
  g_assert_no_error (error);
  g_clear_pointer (&admin, rally_db_close);
  tom_uri = g_strdup_printf ("%s&user=tom", admin_uri);
  store = rally_store_open (tom_uri, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* step 19 run again by the superuser */
  admin = rally_db_open_postgresql (admin_uri, &error);
  g_assert_no_error (error);
  g_assert_true (rally_db_exec (admin, "DROP TABLE creator_days_pending; DROP FUNCTION creator_days_settle ();"
                                       "DELETE FROM rally_schema_version WHERE version = 19", &error));
  g_assert_no_error (error);
  store = rally_store_open (admin_uri, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  sql = g_strdup ("SELECT count(*) FROM pg_proc WHERE proname = 'creator_days_settle' AND prosecdef"
                  " AND pg_get_userbyid (proowner) = 'tom'");
  g_assert_true (rally_db_query_int64 (admin, sql, &owned, &error));
  g_assert_no_error (error);
  g_assert_cmpint (owned, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/roles-pg" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/created", test_roles_created);
  ADD ("/new-table", test_roles_new_table);
  ADD ("/viewer", test_roles_viewer);
  ADD ("/editor", test_roles_editor);
  ADD ("/owner-member", test_roles_owner_member);
  ADD ("/cli-viewer", test_roles_cli_viewer);
  ADD ("/settle-owner", test_roles_settle_owner);
#undef ADD

  return g_test_run ();
}
