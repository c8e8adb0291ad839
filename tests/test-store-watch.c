/* test-store-watch.c
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

/* A watching store notices other writers: another connection, a `rally` process,
 * `rally import --replace` of a backup, a database renamed over the workspace; and
 * its own commits cost no second reload. No display needed. */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/wait.h>

#include "rally-backup.h"
#include "rally-store.h"
#include "rally-test-util.h"

#define NOTICE_WITHIN_US (2 * G_USEC_PER_SEC)

typedef struct
{
  char       *dir;
  RallyStore *store;     /* the watching one, as the app's */
  GListModel *campaigns; /* its live list */
  guint       n_changed; /* ::changed with a NULL table */
  guint       n_rows_changed;  /* rows the live list announced */
} Fixture;

static void
items_changed_cb (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  fixture->n_rows_changed += MAX (removed, added);
}

static void
changed_cb (RallyStore *store,
            const char *table,
            gint64      id,
            Fixture    *fixture)
{
  if (table == NULL)
    fixture->n_changed++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("rally-watch-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = rally_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  rally_store_watch_other_writers (fixture->store);
  fixture->campaigns = rally_store_list_campaigns (fixture->store);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->campaigns);
  g_clear_object (&fixture->store);
  rally_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Runs the main context until the store announced a reload, for at most 2 s from now;
 * returns how long it took in µs (G_MAXINT64 when it did not come). */
static gint64
wait_for_reload (Fixture *fixture)
{
  gint64 start = g_get_monotonic_time ();
  guint before = fixture->n_changed;

  while (fixture->n_changed == before && g_get_monotonic_time () - start < NOTICE_WITHIN_US)
    {
      g_usleep (10000);
      rally_test_iterate ();
    }

  return fixture->n_changed == before ? G_MAXINT64 : g_get_monotonic_time () - start;
}

/* Iterates the main context for @ms milliseconds. */
static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_usleep (10000);
      rally_test_iterate ();
    }
}

static void
save_campaign (RallyStore *store,
               const char *name)
{
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
  g_autoptr(GError) error = NULL;

  rally_campaign_set_name (campaign, name);
  rally_store_save_campaign (store, campaign, &error);
  g_assert_no_error (error);
}

static char *
campaign_name (GListModel *list,
               guint       position)
{
  g_autoptr(RallyCampaign) campaign = g_list_model_get_item (list, position);

  g_assert_nonnull (campaign);
  return g_strdup (rally_campaign_get_name (campaign));
}

static int
run_rally (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_nonnull (g_getenv ("RALLY_BIN"));
  g_ptr_array_add (argv, (gpointer) g_getenv ("RALLY_BIN"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));

  return WEXITSTATUS (status);
}

/* A backup of a workspace holding one campaign called @name, in @dir. */
static char *
make_backup (const char *dir,
             const char *name)
{
  g_autofree char *other_dir = g_build_filename (dir, "other", NULL);
  char *path = g_build_filename (dir, "backup.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RallyStore) other = NULL;
  g_autoptr(GError) error = NULL;

  other = rally_store_open (other_dir, &error);
  g_assert_no_error (error);
  save_campaign (other, name);
  rally_backup_export_file (other, file, NULL, NULL, &error);
  g_assert_no_error (error);

  return path;
}

static void
test_watch_other_connection (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(RallyStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 took;

  other = rally_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  save_campaign (other, "Written elsewhere");

  took = wait_for_reload (fixture);
  g_test_message ("noticed in %" G_GINT64_FORMAT " ms", took / 1000);
  g_assert_cmpint (took, <, NOTICE_WITHIN_US);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->campaigns), ==, 1);
  name = campaign_name (fixture->campaigns, 0);
  g_assert_cmpstr (name, ==, "Written elsewhere");

  /* Nothing more happened: no second reload. */
  run_for (1500);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
}

static void
test_watch_cli_process (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", "overview-basic.csv", NULL);
  gint64 took;

  /* A separate `rally` process writes to the workspace the store has open. */
  g_assert_cmpint (run_rally ((const char *[]) { "import", csv, "--data-dir", fixture->dir, NULL }), ==, 0);

  took = wait_for_reload (fixture);
  g_test_message ("noticed in %" G_GINT64_FORMAT " ms", took / 1000);
  g_assert_cmpint (took, <, NOTICE_WITHIN_US);
}

static void
test_watch_import_replace (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *backup = make_backup (fixture->dir, "From the backup");
  g_autofree char *name = NULL;
  gint64 took;

  save_campaign (fixture->store, "Before the restore");
  rally_test_iterate ();
  fixture->n_changed = 0;
  g_signal_connect (fixture->campaigns, "items-changed", G_CALLBACK (items_changed_cb), fixture);
  name = campaign_name (fixture->campaigns, 0);  /* handed out, as to a list view */
  g_assert_cmpstr (name, ==, "Before the restore");
  g_clear_pointer (&name, g_free);

  g_assert_cmpint (run_rally ((const char *[]) { "import", backup, "--replace", "--data-dir", fixture->dir, NULL }),
                   ==, 0);

  took = wait_for_reload (fixture);
  g_test_message ("noticed in %" G_GINT64_FORMAT " ms", took / 1000);
  g_assert_cmpint (took, <, NOTICE_WITHIN_US);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->campaigns), ==, 1);
  name = campaign_name (fixture->campaigns, 0);
  g_assert_cmpstr (name, ==, "From the backup");
  /* The restored campaign took the old one's id: its row is announced all the same,
   * so a list view draws the new name. */
  g_assert_cmpuint (fixture->n_rows_changed, ==, 1);
}

/* Another workspace renamed over rally.db: the open connection still has the old
 * file; the store opens the new one and reads it, and writes go there. */
static void
test_watch_file_swapped (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *new_dir = g_build_filename (fixture->dir, "new", NULL);
  g_autofree char *new_db = g_build_filename (new_dir, "rally.db", NULL);
  g_autofree char *new_wal = g_strconcat (new_db, "-wal", NULL);
  g_autofree char *db = g_build_filename (fixture->dir, "rally.db", NULL);
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  gint64 took;

  save_campaign (fixture->store, "Old workspace");
  rally_test_iterate ();
  fixture->n_changed = 0;

  {
    g_autoptr(RallyStore) other = rally_store_open (new_dir, &error);

    g_assert_no_error (error);
    save_campaign (other, "New workspace");
    save_campaign (other, "Another new one");
  }  /* closing checkpoints it: one self-contained file */
  g_assert_false (g_file_test (new_wal, G_FILE_TEST_EXISTS));

  rally_store_move_aside (fixture->dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_rename (new_db, db), ==, 0);

  took = wait_for_reload (fixture);
  g_test_message ("noticed in %" G_GINT64_FORMAT " ms", took / 1000);
  g_assert_cmpint (took, <, NOTICE_WITHIN_US);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->campaigns), ==, 2);
  name = campaign_name (fixture->campaigns, 0);
  g_assert_true (g_str_equal (name, "New workspace") || g_str_equal (name, "Another new one"));

  /* Writes go to the new file, not to the one moved aside. */
  save_campaign (fixture->store, "Written after the swap");
  g_assert_cmpint (rally_test_sql_int (db, "SELECT count(*) FROM campaigns"), ==, 3);
}

/* The store's own commits announce themselves once each, and cause no reload. */
static void
test_watch_own_commits (Fixture       *fixture,
                        gconstpointer  data)
{
  guint n_saved = 0;
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC;

  /* A second of commits, as a sync makes */
  while (g_get_monotonic_time () < end)
    {
      g_autofree char *name = g_strdup_printf ("Campaign %u", n_saved++);

      save_campaign (fixture->store, name);
      g_usleep (20000);
      rally_test_iterate ();
    }

  run_for (1500);
  g_test_message ("%u commits", n_saved);
  g_assert_cmpuint (n_saved, >, 10);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->campaigns), ==, n_saved);
}

/* A burst of commits by another connection is announced at most once a second. */
static void
test_watch_burst_coalesced (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(RallyStore) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  other = rally_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("Campaign %u", i);

      save_campaign (other, name);
      g_usleep (50000);
      rally_test_iterate ();
    }
  run_for (1500);

  g_test_message ("%u reloads in %" G_GINT64_FORMAT " ms", fixture->n_changed,
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_cmpuint (fixture->n_changed, >=, 1);
  g_assert_cmpuint (fixture->n_changed, <=, (g_get_monotonic_time () - start) / G_USEC_PER_SEC + 1);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->campaigns), ==, 40);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/watch/other-connection", test_watch_other_connection);
  ADD ("/store/watch/cli-process", test_watch_cli_process);
  ADD ("/store/watch/import-replace", test_watch_import_replace);
  ADD ("/store/watch/file-swapped", test_watch_file_swapped);
  ADD ("/store/watch/own-commits", test_watch_own_commits);
  ADD ("/store/watch/burst-coalesced", test_watch_burst_coalesced);
#undef ADD

  return g_test_run ();
}
