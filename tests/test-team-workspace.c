/* test-team-workspace.c
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

/* A team workspace on a real PostgreSQL server (rally-test-pg.c) against a local one:
 * the same backup from both, a local workspace moved up with `rally import BACKUP
 * --workspace URI`, one sync at a time, and two processes importing while a third
 * edits, with nothing lost. */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rally-backup.h"
#include "rally-db-private.h"
#include "rally-emulator.h"
#include "rally-event.h"
#include "rally-sample.h"
#include "rally-store-analytics.h"
#include "rally-store-events.h"
#include "rally-store-overview.h"
#include "rally-store-private.h"
#include "rally-store-sync.h"
#include "rally-test-pg.h"
#include "rally-test-util.h"
#include "rally-test-workspace.h"

#define TAG "teamsync"
#define JUNE_1 1748736000

typedef struct
{
  RallyTestPgFixture pg;
  char              *dir;   /* scratch folder: local workspaces, files */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  rally_test_pg_fixture_setup (&f->pg, data);
  f->dir = g_dir_make_tmp ("rally-team-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rally_test_pg_fixture_teardown (&f->pg, data);
  rally_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
scratch (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static RallyStore *
open_store (const char *location)
{
  g_autoptr(GError) error = NULL;
  RallyStore *store = rally_store_open (location, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static gint64
count (RallyStore *store,
       const char *sql)
{
  RallyDbStmt *stmt = _rally_store_stmt (store, sql, NULL);
  gint64 n = -1;

  g_assert_nonnull (stmt);
  if (rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    n = rally_db_stmt_column_int64 (stmt, 0);
  rally_db_stmt_reset (stmt);
  return n;
}

/* The backup's text with its one moment-of-writing stamp blanked: everything else
 * must be equal byte for byte. */
static char *
export_text (RallyStore *store)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) stamp = g_regex_new ("\"exported_at\":\"[^\"]*\"", 0, 0, NULL);
  char *text;

  g_assert_true (rally_backup_export (store, out, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  text = g_regex_replace_literal (stamp, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)), -1, 0,
                                  "\"exported_at\":\"-\"", G_REGEX_MATCH_DEFAULT, NULL);
  return text;
}

static void
assert_same_text (const char *a,
                  const char *b)
{
  gsize i = 0;

  while (a[i] != '\0' && a[i] == b[i])
    i++;
  if (a[i] != b[i])
    g_error ("the backups differ at byte %" G_GSIZE_FORMAT ": “%.120s” against “%.120s”", i,
             a + (i > 60 ? i - 60 : 0), b + (i > 60 ? i - 60 : 0));
}

static int
run_rally (const char * const  *args,
           char               **err)
{
  int status = rally_test_run_rally (args, err);

  g_test_message ("rally %s: %s", args[0], *err);
  return status;
}

/* ---- A backup of a team workspace equals one of a local workspace ---- */

/* The new creators by day, and each challenge's creators, videos and median
 * engagement, the same in both workspaces */
static void
assert_same_figures (RallyStore *local,
                     RallyStore *team)
{
  g_autoptr(GArray) local_days = rally_store_query_daily_new_creators (local);
  g_autoptr(GArray) team_days = rally_store_query_daily_new_creators (team);
  g_autoptr(GListModel) challenges = rally_store_list_challenges (team, 0);

  g_assert_cmpuint (local_days->len, >, 0);
  g_assert_cmpuint (local_days->len, ==, team_days->len);
  g_assert_cmpmem (local_days->data, local_days->len * sizeof (RallyDayCount),
                   team_days->data, team_days->len * sizeof (RallyDayCount));
  g_assert_cmpuint (g_list_model_get_n_items (challenges), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (challenges); i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (challenges, i);
      gint64 id = rally_challenge_get_id (challenge);
      double local_median = -1, team_median = -2;
      RallyTotals local_totals, team_totals;

      g_assert_true (rally_store_get_challenge_totals (local, id, &local_totals));
      g_assert_true (rally_store_get_challenge_totals (team, id, &team_totals));
      g_assert_cmpint (local_totals.videos, ==, team_totals.videos);
      g_assert_cmpint (local_totals.creators, ==, team_totals.creators);
      g_assert_cmpint (local_totals.views, ==, team_totals.views);
      g_assert_cmpint (rally_store_get_median_engagement (local, id, &local_median), ==,
                       rally_store_get_median_engagement (team, id, &team_median));
      g_assert_cmpmem (&local_median, sizeof local_median, &team_median, sizeof team_median);
    }
}

/* The sample (campaigns, challenges, events, posts, some 57 000 videos, snapshots,
 * the account) made in a local workspace, moved up with `rally import BACKUP
 * --workspace URI`, and restored into a second local workspace: the three backups
 * are the same. */
static void
test_backup_equal (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *local_dir = scratch (f, "local");
  g_autofree char *again_dir = scratch (f, "again");
  g_autofree char *backup = scratch (f, "local.json");
  g_autoptr(RallyStore) local = NULL;
  g_autoptr(RallyStore) again = NULL;
  g_autoptr(RallyStore) team = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (backup);
  g_autoptr(GError) error = NULL;
  g_autofree char *local_text = NULL;
  g_autofree char *team_text = NULL;
  g_autofree char *again_text = NULL;
  g_autofree char *err = NULL;
  gint64 start;

  RALLY_TEST_PG_SKIP_IF_MISSING (&f->pg);

  local = open_store (local_dir);
  g_assert_true (rally_sample_create (local, 1, &error));
  g_assert_no_error (error);
  g_assert_true (rally_backup_export_file (local, file, NULL, NULL, &error));
  g_assert_no_error (error);
  local_text = export_text (local);

  start = g_get_monotonic_time ();
  g_assert_cmpint (run_rally ((const char *[]) { "import", backup, "--workspace", f->pg.uri, NULL }, &err), ==, 0);
  g_test_message ("rally import BACKUP --workspace URI: %.1f s; %s",
                  (g_get_monotonic_time () - start) / 1e6, err);
  team = open_store (f->pg.uri);
  g_assert_cmpint (count (team, "SELECT count(*) FROM videos"), >, 50000);
  team_text = export_text (team);
  assert_same_text (local_text, team_text);
  /* …and what it counts from the videos once the restore's rows are in (its insert
   * triggers leave that to the end of the bulk load): the same figures */
  assert_same_figures (local, team);

  again = open_store (again_dir);
  g_assert_true (rally_backup_restore_file (again, file, RALLY_BACKUP_RESTORE_DEFAULT, NULL, NULL, &error));
  g_assert_no_error (error);
  again_text = export_text (again);
  assert_same_text (again_text, team_text);

  /* the team workspace goes on numbering after the restored ids, as SQLite does */
  {
    g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
    g_autoptr(RallyCampaign) twin = rally_campaign_new ();

    rally_campaign_set_name (campaign, "After the move");
    rally_campaign_set_name (twin, "After the move");
    g_assert_true (rally_store_save_campaign (team, campaign, &error));
    g_assert_no_error (error);
    g_assert_true (rally_store_save_campaign (again, twin, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rally_campaign_get_id (campaign), ==, rally_campaign_get_id (twin));
  }
  /* …events too, whose rows went up in pipelines that never read their ids */
  {
    g_autoptr(RallyEvent) event = rally_event_new ();
    g_autoptr(RallyEvent) twin = rally_event_new ();
    gint64 campaign_id = count (team, "SELECT min (id) FROM campaigns");

    for (RallyEvent **e = (RallyEvent *[]) { event, twin, NULL }; *e != NULL; e++)
      {
        rally_event_set_campaign_id (*e, campaign_id);
        rally_event_set_title (*e, "After the move");
        rally_event_set_first_day (*e, 1717200000);
        rally_event_set_last_day (*e, 1717200000);
      }
    g_assert_cmpint (count (team, "SELECT count (*) FROM events"), >, 0);
    g_assert_true (rally_store_save_event (team, event, &error));
    g_assert_no_error (error);
    g_assert_true (rally_store_save_event (again, twin, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rally_event_get_id (event), ==, rally_event_get_id (twin));
    g_assert_cmpint (rally_event_get_id (event), >, count (team, "SELECT max (id) FROM events WHERE title <> 'After the move'"));
  }

  /* a workspace that holds campaigns is not replaced without being asked to */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rally ((const char *[]) { "import", backup, "--workspace", f->pg.uri, NULL }, &err), ==, 1);
  g_assert_nonnull (strstr (err, "--replace"));
}

/* ---- Studio CSV and video CSV on a team workspace ---- */

/* ---- The sample made on a server ---- */

/* Its videos go up in pipelines of 1,024: the same rows and figures as locally */
static void
test_sample (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *local_dir = scratch (f, "local");
  g_autoptr(RallyStore) local = NULL;
  g_autoptr(RallyStore) team = NULL;
  g_autoptr(GError) error = NULL;
  const char *sql = "SELECT count (*) + sum (views) + sum (tiktok_id % 1000003) + sum (origin) FROM videos";

  RALLY_TEST_PG_SKIP_IF_MISSING (&f->pg);

  local = open_store (local_dir);
  team = open_store (f->pg.uri);
  g_assert_true (rally_sample_create (local, 1, &error));
  g_assert_no_error (error);
  g_assert_true (rally_sample_create (team, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (team, "SELECT count (*) FROM videos"), ==, count (local, "SELECT count (*) FROM videos"));
  g_assert_cmpint (count (team, sql), ==, count (local, sql));
  assert_same_figures (local, team);
}

/* ---- A refused record is named as a local restore names it ---- */

/* @backup with its videos cut to the first 1,100 (three batches, pipelined on a
 * server) and @edit applied to them */
static char *
edited_backup (const char  *backup,
               void       (*edit) (JsonArray *videos))
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *videos;

  g_assert_true (json_parser_load_from_file (parser, backup, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  videos = json_object_get_array_member (root, "videos");
  g_assert_cmpuint (json_array_get_length (videos), >, 1100);
  while (json_array_get_length (videos) > 1100)
    json_array_remove_element (videos, json_array_get_length (videos) - 1);
  edit (videos);
  return json_to_string (json_parser_get_root (parser), FALSE);
}

static JsonObject *
video (JsonArray *videos,
       guint      i)
{
  return json_array_get_object_element (videos, i);
}

static void
edit_foreign_key (JsonArray *videos)
{
  json_object_set_int_member (video (videos, 1000), "challenge_id", 999999);
}

static void
edit_repeat (JsonArray *videos)
{
  json_object_set_int_member (video (videos, 700), "id", json_object_get_int_member (video (videos, 699), "id"));
}

/* in one batch, a row the server refuses before one Rally refuses itself: the first
 * is named, as when each record is inserted alone */
static void
edit_server_then_value (JsonArray *videos)
{
  json_object_set_int_member (video (videos, 600), "challenge_id", 999999);
  json_object_set_int_member (video (videos, 900), "views", -5);
}

static void
edit_value_then_server (JsonArray *videos)
{
  json_object_set_int_member (video (videos, 600), "views", -5);
  json_object_set_int_member (video (videos, 900), "challenge_id", 999999);
}

/* in the first batch, on a connection that never prepared the insert: the rows
 * after the refused one, and the insert of another shape (a backup without
 * origin_manual, as older versions wrote), were never run */
static void
edit_first_batch (JsonArray *videos)
{
  json_object_set_int_member (video (videos, 10), "challenge_id", 999999);
  json_object_remove_member (video (videos, 20), "origin_manual");
}

/* no fault, but the same two shapes of insert as edit_first_batch() */
static void
edit_shape (JsonArray *videos)
{
  json_object_remove_member (video (videos, 20), "origin_manual");
}

static void
test_restore_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *local_dir = scratch (f, "local");
  g_autofree char *backup = scratch (f, "local.json");
  g_autoptr(RallyStore) local = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (backup);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func (g_free);
  const struct { void (*edit) (JsonArray *); const char *message; } cases[] = {
    { edit_first_batch, "videos[10]: refers to a record that is not in the backup" },
    { edit_foreign_key, "videos[1000]: refers to a record that is not in the backup" },
    { edit_repeat, "videos[700]: repeats a record already in the backup" },
    { edit_server_then_value, "videos[600]: refers to a record that is not in the backup" },
    { edit_value_then_server, "videos[600].views: -5 must not be negative" },
  };

  RALLY_TEST_PG_SKIP_IF_MISSING (&f->pg);

  local = open_store (local_dir);
  rally_test_fill_workspace (local, 1100);
  g_assert_true (rally_backup_export_file (local, file, NULL, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char *json = edited_backup (backup, cases[i].edit);
      g_autofree char *blank_dir = g_strdup_printf ("%s/blank-%u", f->dir, i);
      g_autoptr(RallyStore) blank = open_store (blank_dir);
      g_autoptr(RallyStore) team = open_store (f->pg.uri);
      g_autoptr(GError) local_error = NULL;

      g_ptr_array_add (bad, json);  /* again below */
      g_test_message ("case %u: %s", i, cases[i].message);
      g_assert_false (rally_backup_restore (team, json, strlen (json), RALLY_BACKUP_RESTORE_DEFAULT, NULL, NULL,
                                            &error));
      g_assert_error (error, RALLY_BACKUP_ERROR, RALLY_BACKUP_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("expected “%s…”, got “%s”", cases[i].message, error->message);
      g_assert_true (rally_backup_store_is_blank (team));
      g_assert_cmpint (count (team, "SELECT count (*) FROM videos"), ==, 0);

      /* a local workspace says the same */
      g_assert_false (rally_backup_restore (blank, json, strlen (json), RALLY_BACKUP_RESTORE_DEFAULT, NULL, NULL,
                                            &local_error));
      g_assert_nonnull (local_error);
      g_assert_true (g_str_has_prefix (local_error->message, cases[i].message));
      g_clear_error (&error);
    }

  /* and the same document without the fault goes up whole, on a connection that
   * saw them all fail (the insert of the second shape was sent after a refused row
   * there, and never prepared), and equal to a local restore of it */
  {
    g_autofree char *json = edited_backup (backup, edit_shape);
    g_autofree char *again_dir = scratch (f, "again");
    g_autoptr(RallyStore) again = open_store (again_dir);
    g_autoptr(RallyStore) team = open_store (f->pg.uri);
    g_autofree char *team_text = NULL;
    g_autofree char *again_text = NULL;

    for (guint i = 0; i < bad->len; i++)
      {
        const char *text = g_ptr_array_index (bad, i);

        g_assert_false (rally_backup_restore (team, text, strlen (text), RALLY_BACKUP_RESTORE_DEFAULT, NULL, NULL, NULL));
      }
    g_assert_true (rally_backup_restore (team, json, strlen (json), RALLY_BACKUP_RESTORE_DEFAULT, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (rally_backup_restore (again, json, strlen (json), RALLY_BACKUP_RESTORE_DEFAULT, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count (team, "SELECT count (*) FROM videos"), ==, 1100);
    team_text = export_text (team);
    again_text = export_text (again);
    assert_same_text (again_text, team_text);
  }
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *overview = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", "overview-basic.csv", NULL);
  g_autofree char *content = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", "content-quoted.csv", NULL);
  g_autofree char *local_dir = scratch (f, "local");
  g_autofree char *csv_team = scratch (f, "team.csv");
  g_autofree char *csv_local = scratch (f, "local.csv");
  g_autofree char *err = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  const char *locations[] = { f->pg.uri, local_dir };
  const char *outputs[] = { csv_team, csv_local };

  RALLY_TEST_PG_SKIP_IF_MISSING (&f->pg);

  for (guint i = 0; i < G_N_ELEMENTS (locations); i++)
    {
      g_autoptr(RallyStore) store = open_store (locations[i]);
      g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
      g_autoptr(GError) error = NULL;

      rally_challenge_set_hashtag (challenge, "#Dance");
      g_assert_true (rally_store_save_challenge (store, challenge, &error));
      g_assert_no_error (error);
      g_clear_object (&store);

      g_assert_cmpint (run_rally ((const char *[]) { "import", overview, "--workspace", locations[i], NULL }, &err), ==, 0);
      g_assert_nonnull (strstr (err, "3 new"));
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_rally ((const char *[]) { "import", overview, "--workspace", locations[i], NULL }, &err), ==, 0);
      g_assert_nonnull (strstr (err, "3 already up to date"));
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_rally ((const char *[]) { "import", content, "--skip-bad-rows", "--challenge", "dance",
                                                     "--workspace", locations[i], NULL }, &err), ==, 0);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_rally ((const char *[]) { "export", "--format", "csv", "--output", outputs[i],
                                                     "--workspace", locations[i], NULL }, &err), ==, 0);
      g_clear_pointer (&err, g_free);
    }

  g_assert_true (g_file_get_contents (csv_team, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (csv_local, &b, NULL, NULL));
  g_assert_nonnull (strstr (a, "Dance, for change!"));
  g_assert_cmpstr (a, ==, b);
}

/* ---- One sync at a time ---- */

static GSubprocess *
spawn_sync (Fixture       *f,
            RallyEmulator *emu)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  GSubprocess *process;
  g_autoptr(GError) error = NULL;
  g_autofree char *config = scratch (f, "config");
  g_autofree char *keyfile_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (keyfile_dir, "keyfile", NULL);

  g_assert_cmpint (g_mkdir_with_parents (keyfile_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, "[io/github/rallyapp/Rally]\nresearch-api=true\n", -1, NULL));
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "RALLY_CLIENT_KEY", "rally-test-key", TRUE);
  g_subprocess_launcher_setenv (launcher, "RALLY_CLIENT_SECRET", "rally-test-secret", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("RALLY_BIN"), "sync",
                                         "--workspace", f->pg.uri,
                                         "--api-url", rally_emulator_get_url (emu), NULL);
  g_assert_no_error (error);
  return process;
}

static int
run_sync (Fixture       *f,
          RallyEmulator *emu,
          char         **err)
{
  g_autoptr(GSubprocess) process = spawn_sync (f, emu);
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
test_sync_lock (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RallyEmulator) emu = rally_emulator_new ();
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(RallyStore) holder = NULL;
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  RALLY_TEST_PG_SKIP_IF_MISSING (&f->pg);

  rally_emulator_add_hashtag (emu, TAG, 250, JUNE_1, JUNE_1 + 20 * 86400 - 1);
  g_assert_true (rally_emulator_start (emu, &error));
  g_assert_no_error (error);

  store = open_store (f->pg.uri);
  rally_challenge_set_hashtag (challenge, "#" TAG);
  rally_challenge_set_start_date (challenge, JUNE_1);
  rally_challenge_set_end_date (challenge, JUNE_1 + 19 * 86400);
  rally_challenge_set_status (challenge, RALLY_CHALLENGE_STATUS_SCHEDULED);
  rally_challenge_set_audience (challenge, RALLY_AUDIENCE_18_PLUS);
  g_assert_true (rally_store_save_challenge (store, challenge, &error));
  g_assert_no_error (error);

  /* another sync (here: another connection of this process) holds the lock */
  holder = open_store (f->pg.uri);
  g_assert_true (rally_store_try_lock_sync (holder, &error));
  g_assert_no_error (error);
  g_assert_false (rally_store_try_lock_sync (store, &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_BUSY);
  g_clear_error (&error);

  g_assert_cmpint (run_sync (f, emu, &err), ==, 1);
  g_test_message ("%s", err);
  g_assert_true (g_str_has_prefix (err, "rally sync: Another sync of this team workspace is running"));
  g_assert_cmpint (count (store, "SELECT count(*) FROM videos"), ==, 0);
  g_clear_pointer (&err, g_free);

  /* let go: the next sync runs, and its positions and quota are in the team database */
  rally_store_unlock_sync (holder);
  g_assert_cmpint (run_sync (f, emu, &err), ==, 0);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "Synced 1 challenge"));
  g_assert_cmpint (count (store, "SELECT count(*) FROM videos"), ==, 250);
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_position WHERE done <> 0"), >, 0);
  g_assert_cmpint (count (store, "SELECT sum(requests) FROM quota"), >, 0);

  /* a process that holds the lock and dies lets it go with its connection */
  g_clear_object (&holder);
  holder = open_store (f->pg.uri);
  g_assert_true (rally_store_try_lock_sync (holder, &error));
  g_assert_no_error (error);
  g_clear_object (&holder);
  /* (the server ends the closed connection's session a moment later) */
  for (guint tries = 0; !rally_store_try_lock_sync (store, &error) && tries < 100; tries++)
    {
      g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_BUSY);
      g_clear_error (&error);
      g_usleep (50000);
    }
  g_assert_no_error (error);
}

/* ---- A sync's roll-ups equal those counted from scratch ---- */

/* Every roll-up of the videos (days, creators and their count, the new creators' days,
 * the rate buckets) and every video's origin, as one text. */
static char *
rollups_text (RallyStore *store)
{
  const char *queries[] = {
    "SELECT challenge_id, day, videos, views, likes, comments, shares FROM video_days ORDER BY 1, 2",
    "SELECT challenge_id, creator, videos FROM video_creators ORDER BY 1, 2",
    "SELECT challenge_id, creators FROM video_creator_counts WHERE creators <> 0 ORDER BY 1",
    "SELECT challenge_id, creator_key, first_day FROM creator_firsts ORDER BY 1, 2",
    "SELECT creator_key, day FROM creator_first_days ORDER BY 1",
    "SELECT day, creators FROM new_creator_days WHERE creators <> 0 ORDER BY 1",
    "SELECT challenge_id, bucket, videos FROM video_rate_buckets WHERE videos <> 0 ORDER BY 1, 2",
    "SELECT challenge_id, tiktok_id, origin FROM videos ORDER BY 1, 2",
  };
  GString *out = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      RallyDbStmt *stmt = _rally_store_stmt (store, queries[q], NULL);

      g_assert_nonnull (stmt);
      g_string_append_printf (out, "%s\n", queries[q]);
      while (rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
        {
          for (int c = 0; c < rally_db_stmt_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", rally_db_stmt_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      rally_db_stmt_reset (stmt);
    }
  return g_string_free (out, FALSE);
}

/* Spawns `rally sync` and kills it a moment after it wrote a page. Returns TRUE when
 * it was killed before it ended. */
static gboolean
kill_mid_sync (Fixture       *f,
               RallyEmulator *emu)
{
  g_autoptr(GSubprocess) process = spawn_sync (f, emu);

  return rally_test_kill_after_page (process);
}

/* `rally sync --workspace URI` killed at random moments, then run to the end, into two
 * challenges (one with a roster, whose creators' videos are seeded): every video is
 * there once, and every roll-up the triggers and the sync's own counts kept equals
 * the one counted again from the videos (as a restore counts them). */
static void
test_sync_killed_rollups (Fixture       *f,
                          gconstpointer  data)
{
  const char *partners[] = { "creator1", "creator2", "creator5", NULL };
  g_autoptr(RallyEmulator) emu = rally_emulator_new ();
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *counted = NULL;
  guint killed = 0;

  RALLY_TEST_PG_SKIP_IF_MISSING (&f->pg);

  rally_emulator_add_hashtag (emu, TAG, 3000, JUNE_1, JUNE_1 + 30 * 86400 - 1);
  rally_emulator_add_hashtag (emu, "teamroster", 1500, JUNE_1, JUNE_1 + 30 * 86400 - 1);
  g_assert_true (rally_emulator_start (emu, &error));
  g_assert_no_error (error);

  store = open_store (f->pg.uri);
  for (guint c = 0; c < 2; c++)
    {
      g_autoptr(RallyChallenge) challenge = rally_challenge_new ();

      rally_challenge_set_hashtag (challenge, c == 0 ? "#" TAG : "#teamroster");
      rally_challenge_set_start_date (challenge, JUNE_1);
      rally_challenge_set_end_date (challenge, JUNE_1 + 29 * 86400);
      rally_challenge_set_status (challenge, RALLY_CHALLENGE_STATUS_SCHEDULED);
      rally_challenge_set_audience (challenge, RALLY_AUDIENCE_18_PLUS);
      if (c == 1)
        g_object_set (challenge, "partners", partners, NULL);
      g_assert_true (rally_store_save_challenge (store, challenge, &error));
      g_assert_no_error (error);
    }
  g_clear_object (&store);

  rally_emulator_set_delay (emu, 30);
  for (guint i = 0; i < 3; i++)
    killed += kill_mid_sync (f, emu);
  g_test_message ("%u of 3 runs killed before they finished", killed);
  g_assert_cmpuint (killed, ==, 3);
  rally_emulator_set_delay (emu, 0);
  g_assert_cmpint (run_sync (f, emu, &err), ==, 0);
  g_assert_nonnull (strstr (err, "Synced 2 challenges"));

  store = open_store (f->pg.uri);
  g_assert_cmpint (count (store, "SELECT count(*) FROM videos"), ==, 4500);
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_position WHERE done = 0"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM videos WHERE origin <> 0"), >, 0);
  kept = rollups_text (store);

  /* everything counted again from the videos, in a transaction of its own */
  _rally_store_exec (store, "BEGIN", &error);
  g_assert_no_error (error);
  _rally_store_exec (store, rally_store_rebuild_rollups_sql_pg, &error);
  g_assert_no_error (error);
  /* (the fill counts creator_first_days itself: the triggers of creator_firsts off) */
  _rally_store_exec (store, "ALTER TABLE creator_firsts DISABLE TRIGGER USER;"
                            "SELECT scale_rollups_fill ();"
                            "ALTER TABLE creator_firsts ENABLE TRIGGER USER;"
                            "UPDATE videos SET origin = 0 WHERE origin_manual = 0;"
                            "UPDATE videos SET origin = 1 FROM challenges c WHERE c.id = videos.challenge_id"
                            " AND videos.origin_manual = 0 AND videos.creator <> ''"
                            " AND instr (',' || c.partners || ',', ',' || lower (ltrim (videos.creator, '@')) || ',') > 0;"
                            "COMMIT", &error);
  g_assert_no_error (error);
  counted = rollups_text (store);
  g_assert_cmpstr (kept, ==, counted);
}

/* ---- Two processes importing while a third edits: nothing lost ---- */

#define N_VIDEOS 400
#define N_DAYS 60
#define N_CAMPAIGNS 40

static char *
write_content_csv (Fixture *f,
                   guint    which)
{
  g_autofree char *name = g_strdup_printf ("content-%u.csv", which);
  char *path = scratch (f, name);
  g_autoptr(GString) text = g_string_new ("Video title,Video link,Post time,Total views,Total likes,"
                                          "Total comments,Total shares\n");

  for (guint i = 0; i < N_VIDEOS; i++)
    g_string_append_printf (text, "Video %u of file %u,https://www.tiktok.com/@maker%u/video/%u,"
                            "2025-06-%02u 12:00:00,%u,%u,1,0\n",
                            i, which, which, 7000000 + which * 100000 + i, 1 + i % 28, 100 + i, i);
  g_assert_true (g_file_set_contents (path, text->str, -1, NULL));
  return path;
}

/* N_DAYS days of the account's overview from @first_day (days since June 1, 2025),
 * 10 views each. */
static char *
write_overview_csv (Fixture *f,
                    guint    which,
                    guint    first_day)
{
  g_autofree char *name = g_strdup_printf ("overview-%u.csv", which);
  char *path = scratch (f, name);
  g_autoptr(GString) text = g_string_new ("Date,Video Views,Profile Views,Likes,Comments,Shares,Followers\n");

  for (guint i = 0; i < N_DAYS; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_new_from_unix_utc (JUNE_1 + 365 * 86400 + (gint64) (first_day + i) * 86400);
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");

      g_string_append_printf (text, "%s,10,1,1,0,0,%u\n", date, 100 + first_day + i);
    }
  g_assert_true (g_file_set_contents (path, text->str, -1, NULL));
  return path;
}

static GSubprocess *
spawn_rally (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, (gpointer) g_getenv ("RALLY_BIN"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  return process;
}

static void
assert_succeeded (GSubprocess *process)
{
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GPtrArray) processes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  /* (not g_autofree: on an array it frees only the first) */
  char *content[2] = { NULL, NULL };
  char *overview[2] = { NULL, NULL };
  const char *tags[] = { "one", "two" };

  RALLY_TEST_PG_SKIP_IF_MISSING (&f->pg);

  store = open_store (f->pg.uri);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
      g_autofree char *hashtag = g_strconcat ("#", tags[i], NULL);

      rally_challenge_set_hashtag (challenge, hashtag);
      g_assert_true (rally_store_save_challenge (store, challenge, &error));
      g_assert_no_error (error);
      content[i] = write_content_csv (f, i);
      /* the two overviews overlap by ten days, and are read, merged and written at once */
      overview[i] = write_overview_csv (f, i, i * (N_DAYS - 10));
    }

  for (guint i = 0; i < 2; i++)
    {
      g_ptr_array_add (processes, spawn_rally ((const char *[]) { "import", content[i], "--challenge", tags[i],
                                                                  "--workspace", f->pg.uri, NULL }));
      g_ptr_array_add (processes, spawn_rally ((const char *[]) { "import", overview[i],
                                                                  "--workspace", f->pg.uri, NULL }));
    }

  /* meanwhile, someone edits */
  for (guint i = 0; i < N_CAMPAIGNS; i++)
    {
      g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
      g_autofree char *name = g_strdup_printf ("Edited %u", i);

      rally_campaign_set_name (campaign, name);
      g_assert_true (rally_store_save_campaign (store, campaign, &error));
      g_assert_no_error (error);
      rally_campaign_set_description (campaign, "changed while importing");
      g_assert_true (rally_store_save_campaign (store, campaign, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < processes->len; i++)
    assert_succeeded (g_ptr_array_index (processes, i));

  g_assert_cmpint (count (store, "SELECT count(*) FROM campaigns WHERE description = 'changed while importing'"),
                   ==, N_CAMPAIGNS);
  g_assert_cmpint (count (store, "SELECT count(*) FROM videos v JOIN challenges c ON c.id = v.challenge_id"
                                 " WHERE c.hashtag_key = 'one'"), ==, N_VIDEOS);
  g_assert_cmpint (count (store, "SELECT count(*) FROM videos v JOIN challenges c ON c.id = v.challenge_id"
                                 " WHERE c.hashtag_key = 'two'"), ==, N_VIDEOS);
  g_assert_cmpint (count (store, "SELECT sum(views) FROM videos"), ==, 2 * (N_VIDEOS * 100 + N_VIDEOS * (N_VIDEOS - 1) / 2));
  /* every day of both files, each once, and running totals that saw both */
  g_assert_cmpint (count (store, "SELECT count(*) FROM snapshots WHERE source = 2 AND campaign_id IS NULL"),
                   ==, 2 * N_DAYS - 10);
  g_assert_cmpint (count (store, "SELECT max(views) FROM snapshots WHERE source = 2 AND campaign_id IS NULL"),
                   ==, 10 * (2 * N_DAYS - 10));

  for (guint i = 0; i < 2; i++)
    {
      g_free (content[i]);
      g_free (overview[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/team/backup-equal", Fixture, NULL, fixture_set_up, test_backup_equal, fixture_tear_down);
  g_test_add ("/team/sample", Fixture, NULL, fixture_set_up, test_sample, fixture_tear_down);
  g_test_add ("/team/restore-refused", Fixture, NULL, fixture_set_up, test_restore_refused, fixture_tear_down);
  g_test_add ("/team/csv", Fixture, NULL, fixture_set_up, test_csv, fixture_tear_down);
  g_test_add ("/team/sync-lock", Fixture, NULL, fixture_set_up, test_sync_lock, fixture_tear_down);
  g_test_add ("/team/sync-killed-rollups", Fixture, NULL, fixture_set_up, test_sync_killed_rollups, fixture_tear_down);
  g_test_add ("/team/concurrent", Fixture, NULL, fixture_set_up, test_concurrent, fixture_tear_down);

  return g_test_run ();
}
