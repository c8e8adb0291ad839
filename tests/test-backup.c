/* test-backup.c
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

/* JSON backup and restore: an exact round trip, refusal to mix workspaces, and
 * errors that name the JSON path and change nothing. */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "rally-backup.h"
#include "rally-date-utils.h"
#include "rally-store-events.h"
#include "rally-sample.h"
#include "rally-test-util.h"
#include "rally-test-workspace.h"

typedef struct
{
  char       *dir;
  RallyStore *source;
  RallyStore *target;
} Fixture;

static RallyStore *
open_store (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  RallyStore *store = rally_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("rally-backup-XXXXXX", NULL);
  f->source = open_store (f->dir, "source");
  f->target = open_store (f->dir, "target");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->source);
  g_assert_finalize_object (f->target);
  rally_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
export_to_string (RallyStore        *store,
                  RallyBackupCounts *counts)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (rally_backup_export (store, stream, counts, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (stream, NULL, NULL));

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

/* The document without its "exported_at" stamp. */
static char *
without_stamp (const char *json)
{
  g_autoptr(GRegex) regex = g_regex_new ("\"exported_at\":\"[^\"]*\"", 0, 0, NULL);

  return g_regex_replace_literal (regex, json, -1, 0, "", 0, NULL);
}

static void
restore (RallyStore              *store,
         const char              *json,
         RallyBackupRestoreFlags  flags,
         RallyBackupCounts       *counts)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rally_backup_restore (store, json, strlen (json), flags, counts, NULL, &error));
  g_assert_no_error (error);
}

/* One text value read straight from the database, each column of the first row
 * joined by " ". */
static char *
query (RallyStore *store,
       const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (rally_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", (const char *) sqlite3_column_text (stmt, i));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (out, FALSE);
}

/* Exports the source, restores it into the blank target: the same counts, every
 * row and column equal, and the target's export the same, byte for byte. Returns
 * the export. */
static char *
round_trip (Fixture           *f,
            RallyBackupCounts *exported)
{
  RallyBackupCounts restored = { 0 };
  g_autofree char *json = export_to_string (f->source, exported);
  g_autofree char *again = NULL;
  g_autofree char *source_dump = NULL;
  g_autofree char *target_dump = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_true (rally_backup_store_is_blank (f->target));
  restore (f->target, json, RALLY_BACKUP_RESTORE_DEFAULT, &restored);
  g_assert_cmpmem (&restored, sizeof restored, exported, sizeof *exported);

  /* Every row, every column, with its type. */
  source_dump = rally_test_dump_store (f->source);
  target_dump = rally_test_dump_store (f->target);
  g_assert_cmpstr (target_dump, ==, source_dump);

  again = export_to_string (f->target, NULL);
  a = without_stamp (json);
  b = without_stamp (again);
  g_assert_cmpstr (a, ==, b);

  return g_steal_pointer (&json);
}

static void
add_event (RallyStore *store,
           gint64      challenge_id,
           gint64      campaign_id,
           const char *title,
           int         first,
           int         last)
{
  g_autoptr(RallyEvent) event = rally_event_new ();
  g_autoptr(GError) error = NULL;

  rally_event_set_challenge_id (event, challenge_id);
  rally_event_set_campaign_id (event, campaign_id);
  rally_event_set_kind (event, challenge_id != 0 ? RALLY_EVENT_KIND_PRESS_COVERAGE : RALLY_EVENT_KIND_LAUNCH);
  rally_event_set_title (event, title);
  rally_event_set_note (event, "Note, \"quoted\"");
  rally_event_set_first_day (event, rally_day_from_ymd (2024, 6, first));
  rally_event_set_last_day (event, rally_day_from_ymd (2024, 6, last));
  g_assert_true (rally_store_save_event (store, event, &error));
  g_assert_no_error (error);
}

/* Events on a challenge and on a campaign, a partner roster and an origin set by
 * hand, as a workspace of migration 11 holds them. */
static void
add_timeline_and_roster (RallyStore *store)
{
  const char * const partners[] = { "@Ifad", NULL };
  g_autoptr(RallyChallenge) challenge = rally_store_find_challenge (store, "danceforchange");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (challenge);
  add_event (store, rally_challenge_get_id (challenge), 0, "Radio interview", 3, 3);
  add_event (store, 0, rally_challenge_get_campaign_id (challenge), "Launch week", 1, 7);

  rally_challenge_set_partners (challenge, partners);
  g_assert_true (rally_store_save_challenge (store, challenge, &error));
  g_assert_no_error (error);
  /* the first video is by "créatrice": marked as briefed by hand */
  g_assert_true (rally_store_set_video_origin (store, 1, RALLY_VIDEO_ORIGIN_CREATOR, &error));
  g_assert_no_error (error);
}

static void
test_events_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  RallyBackupCounts exported = { 0 };
  g_autofree char *json = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *manual = NULL;

  rally_test_fill_workspace (f->source, 9);
  add_timeline_and_roster (f->source);
  json = round_trip (f, &exported);
  g_assert_cmpuint (exported.events, ==, 2);
  g_assert_nonnull (strstr (json, "\"title\":\"Radio interview\""));
  g_assert_nonnull (strstr (json, "\"partners\":\"ifad\""));
  g_assert_nonnull (strstr (json, "\"origin_manual\":1"));

  dump = rally_test_dump_store (f->target);
  g_assert_nonnull (strstr (dump, "events: id=2"));
  manual = query (f->target, "SELECT origin, origin_manual FROM videos WHERE id = 1");
  g_assert_cmpstr (manual, ==, "2 1");
}

#define DAY_1 "1717200000"  /* 2024-06-01 */
#define DAY_3 "1717372800"  /* 2024-06-03 */

/* A backup written before events and rosters: the origins it holds were all set by
 * hand, as migration 11 marks them, so a roster given later leaves them alone. */
static void
test_old_format (Fixture       *f,
                 gconstpointer  data)
{
  const char *json = "{\"format\":\"rally-backup\",\"version\":1,\"schema\":10,"
    "\"campaigns\":[{\"id\":1,\"created_at\":1,\"updated_at\":1,\"name\":\"A\"}],"
    "\"challenges\":[{\"id\":1,\"created_at\":1,\"updated_at\":1,\"hashtag\":\"A\",\"hashtag_key\":\"a\"}],"
    "\"posts\":[],\"videos\":["
    "{\"id\":1,\"created_at\":1,\"updated_at\":1,\"challenge_id\":1,\"tiktok_id\":5,\"creator\":\"ana\",\"origin\":0},"
    "{\"id\":2,\"created_at\":1,\"updated_at\":1,\"challenge_id\":1,\"tiktok_id\":6,\"creator\":\"ana\",\"origin\":1},"
    "{\"id\":3,\"created_at\":1,\"updated_at\":1,\"challenge_id\":1,\"tiktok_id\":7,\"creator\":\"bo\",\"origin\":2},"
    "{\"id\":4,\"created_at\":1,\"updated_at\":1,\"challenge_id\":1,\"tiktok_id\":8,\"creator\":\"bo\"}],"
    "\"snapshots\":[]}";
  g_autoptr(RallyChallenge) challenge = NULL;
  g_autoptr(GError) error = NULL;
  const char * const nobody[] = { "zed", NULL };
  RallyBackupCounts counts = { 0 };
  g_autofree char *marks = NULL;
  g_autofree char *origins = NULL;

  restore (f->source, json, RALLY_BACKUP_RESTORE_DEFAULT, &counts);
  g_assert_cmpuint (counts.videos, ==, 4);
  g_assert_cmpuint (counts.events, ==, 0);
  marks = query (f->source, "SELECT origin_manual FROM videos ORDER BY id");
  g_assert_cmpstr (marks, ==, "0 1 1 0");

  /* a roster without their creators leaves the origins set by hand */
  challenge = rally_store_get_challenge (f->source, 1);
  rally_challenge_set_partners (challenge, nobody);
  g_assert_true (rally_store_save_challenge (f->source, challenge, &error));
  g_assert_no_error (error);
  origins = query (f->source, "SELECT origin FROM videos ORDER BY id");
  g_assert_cmpstr (origins, ==, "0 1 2 0");
}

/* A roster written by hand ("@Ana") is stored as the app stores it, so the
 * partner's next videos are seeded. (Restored videos keep the origin they carry.) */
static void
test_roster_normalized (Fixture       *f,
                        gconstpointer  data)
{
  const char *json = "{\"format\":\"rally-backup\",\"version\":1,"
    "\"campaigns\":[],"
    "\"challenges\":[{\"id\":1,\"created_at\":1,\"updated_at\":1,\"hashtag\":\"A\",\"hashtag_key\":\"a\","
    "\"partners\":\"@Ana, ana,BOB\"}],"
    "\"posts\":[],\"videos\":["
    "{\"id\":1,\"created_at\":1,\"updated_at\":1,\"challenge_id\":1,\"tiktok_id\":5,\"creator\":\"ana\",\"origin\":0,\"origin_manual\":0},"
    "{\"id\":2,\"created_at\":1,\"updated_at\":1,\"challenge_id\":1,\"tiktok_id\":6,\"creator\":\"cy\",\"origin\":0,\"origin_manual\":0}],"
    "\"snapshots\":[]}";
  g_autoptr(RallyVideo) video = rally_video_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *roster = NULL;
  g_autofree char *origins = NULL;

  restore (f->source, json, RALLY_BACKUP_RESTORE_DEFAULT, NULL);
  roster = query (f->source, "SELECT partners FROM challenges");
  g_assert_cmpstr (roster, ==, "ana,bob");

  rally_video_set_tiktok_id (video, 9);
  rally_video_set_creator (video, "ana");
  g_assert_true (rally_store_upsert_videos (f->source, 1, &video, 1, &error));
  g_assert_no_error (error);
  origins = query (f->source, "SELECT origin FROM videos ORDER BY id");
  g_assert_cmpstr (origins, ==, "0 0 1");
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  RallyBackupCounts exported = { 0 };
  g_autofree char *json = NULL;
  g_autofree char *source_dump = NULL;
  g_autoptr(RallyChallenge) challenge = NULL;

  rally_test_fill_workspace (f->source, 50);
  json = round_trip (f, &exported);
  g_assert_cmpuint (exported.campaigns, ==, 3);
  g_assert_cmpuint (exported.challenges, ==, 4);
  g_assert_cmpuint (exported.posts, ==, 3);
  g_assert_cmpuint (exported.videos, ==, 53);
  g_assert_cmpuint (exported.snapshots, ==, 3);
  g_assert_cmpuint (exported.accounts, ==, 1);
  g_assert_cmpuint (exported.account_videos, ==, 2);
  g_assert_true (g_str_has_prefix (json, "{\"format\":\"rally-backup\",\"version\":1,\"exported_at\":\""));
  /* 64-bit values are written as JSON integers, digit for digit. */
  g_assert_nonnull (strstr (json, "\"tiktok_id\":7234567890123456789,"));
  g_assert_nonnull (strstr (json, "\"goal_donations\":9007199254740993,"));
  g_assert_nonnull (strstr (json, "\"tiktok_id\":7375510000000000002,"));
  source_dump = rally_test_dump_store (f->source);
  g_assert_cmpuint (strlen (source_dump), >, 1000);

  /* Through the store's API as well. */
  challenge = rally_store_find_challenge (f->target, "danceforchange");
  g_assert_nonnull (challenge);
  g_assert_cmpstr (rally_challenge_get_title (challenge), ==, "Dance for change 💃");
  g_assert_null (rally_store_find_challenge (f->target, "GoneChallenge"));
}

/* The scale-1 sample workspace (about 57 thousand videos), every field of every record. */
static void
test_sample_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *source_dump = NULL;
  g_autofree char *target_dump = NULL;
  RallyBackupCounts exported = { 0 }, restored = { 0 };

#if defined(__SANITIZE_ADDRESS__)
  /* Some 3 million allocations take minutes under AddressSanitizer; /backup/round-trip
   * runs the same code on a smaller workspace. */
  g_test_skip ("Too slow under AddressSanitizer");
  return;
#endif

  g_assert_true (rally_sample_create (f->source, 1, &error));
  g_assert_no_error (error);

  json = export_to_string (f->source, &exported);
  g_assert_cmpuint (exported.videos, >, 50000);
  restore (f->target, json, RALLY_BACKUP_RESTORE_DEFAULT, &restored);
  g_assert_cmpmem (&restored, sizeof restored, &exported, sizeof exported);

  source_dump = rally_test_dump_store (f->source);
  target_dump = rally_test_dump_store (f->target);
  g_assert_cmpstr (target_dump, ==, source_dump);
}

static void
test_refuse_non_empty (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *json = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();

  rally_test_fill_workspace (f->source, 5);
  json = export_to_string (f->source, NULL);

  rally_campaign_set_name (campaign, "Already here");
  g_assert_true (rally_store_save_campaign (f->target, campaign, &error));
  before = rally_test_dump_store (f->target);

  g_assert_false (rally_backup_restore (f->target, json, strlen (json), RALLY_BACKUP_RESTORE_DEFAULT,
                                        NULL, NULL, &error));
  g_assert_error (error, RALLY_BACKUP_ERROR, RALLY_BACKUP_ERROR_NOT_EMPTY);
  after = rally_test_dump_store (f->target);
  g_assert_cmpstr (after, ==, before);
}

static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *json = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *after = NULL;

  rally_test_fill_workspace (f->source, 7);
  rally_test_fill_workspace (f->target, 2);
  json = export_to_string (f->source, NULL);
  restore (f->target, json, RALLY_BACKUP_RESTORE_REPLACE, NULL);

  expected = rally_test_dump_store (f->source);
  after = rally_test_dump_store (f->target);
  g_assert_cmpstr (after, ==, expected);
}

typedef struct
{
  const char *json;
  int         code;
  const char *message;
} BadBackup;

#define HEAD "{\"format\":\"rally-backup\",\"version\":1,"
#define CAMPAIGN "{\"id\":1,\"created_at\":1,\"updated_at\":1,\"name\":\"A\"}"
#define CHALLENGE "{\"id\":1,\"created_at\":1,\"updated_at\":1,\"hashtag\":\"A\",\"hashtag_key\":\"a\"}"
#define VIDEO(views) "{\"id\":1,\"created_at\":1,\"updated_at\":1,\"challenge_id\":1,\"tiktok_id\":5,\"views\":" views "}"
#define REST "\"posts\":[],\"snapshots\":[]}"
#define EVENT(owner, first, last) "{\"id\":1,\"created_at\":1,\"updated_at\":1," owner ",\"title\":\"T\"," \
  "\"first_day\":" first ",\"last_day\":" last "}"

static const BadBackup bad_backups[] = {
  { "", RALLY_BACKUP_ERROR_INVALID, "$: expected an object" },
  { "{", RALLY_BACKUP_ERROR_INVALID, "The file is not valid JSON: line 1, column 2" },
  { "{\"format\":\"rally-backup\",\n\"version\":1,\n\"campaigns\":[{\"id\":1,]}", RALLY_BACKUP_ERROR_INVALID,
    "The file is not valid JSON: line 3" },
  { "{\"format\":\"rally-backup\",\"version\":1} trailing", RALLY_BACKUP_ERROR_INVALID, "The file is not valid JSON" },
  { "{\"format\":\"rally-backup\",\"version\":1,\"x\":\"unfinished}", RALLY_BACKUP_ERROR_INVALID, "The file is not valid JSON" },
  { "{\"format\":\"rally-backup\",\"version\":1,\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
    RALLY_BACKUP_ERROR_INVALID, "The file is not valid JSON" },
  { HEAD "\"campaigns\":[{\"id\":1,\"created_at\":tru}],\"challenges\":[],\"videos\":[]," REST,
    RALLY_BACKUP_ERROR_INVALID, "campaigns[0]: " },
  { "[]", RALLY_BACKUP_ERROR_INVALID, "$: expected an object" },
  { "{\"format\":\"other\",\"version\":1}", RALLY_BACKUP_ERROR_INVALID, "format: " },
  { "{\"format\":\"rally-backup\",\"version\":\"1\"}", RALLY_BACKUP_ERROR_INVALID, "version: expected a number" },
  { "{\"format\":\"rally-backup\",\"version\":2}", RALLY_BACKUP_ERROR_NEWER_VERSION, "The backup was written by a newer Rally" },
  { HEAD "\"campaigns\":[" CAMPAIGN "],\"challenges\":[" CHALLENGE "],\"videos\":[" VIDEO ("1") "," VIDEO ("\"many\"") "]," REST,
    RALLY_BACKUP_ERROR_INVALID, "videos[1].views: expected a number" },
  { HEAD "\"campaigns\":[{\"id\":1,\"created_at\":1,\"updated_at\":1,\"name\":\"A\",\"color\":5}],\"challenges\":[],\"videos\":[]," REST,
    RALLY_BACKUP_ERROR_INVALID, "campaigns[0].color: expected a string" },
  { HEAD "\"campaigns\":[{\"id\":1,\"created_at\":1,\"updated_at\":1,\"name\":\"A\",\"colour\":\"red\"}],\"challenges\":[],\"videos\":[]," REST,
    RALLY_BACKUP_ERROR_INVALID, "campaigns[0].colour: unknown field" },
  { HEAD "\"campaigns\":[{\"id\":1,\"created_at\":1,\"updated_at\":1,\"name\":\"A\",\"status\":9}],\"challenges\":[],\"videos\":[]," REST,
    RALLY_BACKUP_ERROR_INVALID, "campaigns[0].status: 9 is not one of the allowed values" },
  { HEAD "\"campaigns\":[{\"id\":1,\"created_at\":1,\"updated_at\":1}],\"challenges\":[],\"videos\":[]," REST,
    RALLY_BACKUP_ERROR_INVALID, "campaigns[0].name: missing" },
  { HEAD "\"campaigns\":[{\"id\":1,\"created_at\":1,\"updated_at\":1,\"name\":null}],\"challenges\":[],\"videos\":[]," REST,
    RALLY_BACKUP_ERROR_INVALID, "campaigns[0].name: must not be null" },
  { HEAD "\"campaigns\":[" CAMPAIGN "," CAMPAIGN "],\"challenges\":[],\"videos\":[]," REST,
    RALLY_BACKUP_ERROR_INVALID, "campaigns[1]: repeats a record" },
  { HEAD "\"campaigns\":[" CAMPAIGN "],\"challenges\":[],\"videos\":[" VIDEO ("1") "]," REST,
    RALLY_BACKUP_ERROR_INVALID, "videos[0]: refers to a record that is not in the backup" },
  { HEAD "\"campaigns\":[" CAMPAIGN "],\"challenges\":[" CHALLENGE "],\"videos\":[" VIDEO ("1") "],\"posts\":[]}",
    RALLY_BACKUP_ERROR_INVALID, "snapshots: missing" },
  { HEAD "\"campaigns\":[" CAMPAIGN "],\"challenges\":{},\"videos\":[]," REST,
    RALLY_BACKUP_ERROR_INVALID, "challenges: expected a list" },
  { HEAD "\"campaigns\":[" CAMPAIGN ",3]," REST, RALLY_BACKUP_ERROR_INVALID, "campaigns[1]: expected an object" },
  /* The app's own rules, checked on each restored campaign, challenge and post. */
  { HEAD "\"campaigns\":[" CAMPAIGN "],\"challenges\":[{\"id\":1,\"created_at\":1,\"updated_at\":1,\"hashtag\":\"A\",\"hashtag_key\":\"b\"}],\"videos\":[]," REST,
    RALLY_BACKUP_ERROR_INVALID, "challenges[0].hashtag_key: “b” does not match the hashtag" },
  { HEAD "\"campaigns\":[" CAMPAIGN "],\"challenges\":[{\"id\":1,\"created_at\":1,\"updated_at\":1,\"hashtag\":\"no spaces allowed\",\"hashtag_key\":\"x\"}],\"videos\":[]," REST,
    RALLY_BACKUP_ERROR_INVALID, "challenges[0]: " },
  { HEAD "\"campaigns\":[{\"id\":1,\"created_at\":1,\"updated_at\":1,\"name\":\"\"}],\"challenges\":[],\"videos\":[]," REST,
    RALLY_BACKUP_ERROR_INVALID, "campaigns[0]: " },
  { HEAD "\"campaigns\":[" CAMPAIGN "],\"challenges\":[],\"events\":[" EVENT ("\"campaign_id\":1", DAY_3, DAY_1) "],"
    "\"videos\":[]," REST, RALLY_BACKUP_ERROR_INVALID, "events[0]: The last day is before the first day" },
  { HEAD "\"campaigns\":[" CAMPAIGN "],\"challenges\":[" CHALLENGE "],\"events\":[" EVENT ("\"campaign_id\":1", DAY_1, DAY_3) ","
    EVENT ("\"campaign_id\":1,\"challenge_id\":1", DAY_1, DAY_3) "],\"videos\":[]," REST,
    RALLY_BACKUP_ERROR_INVALID, "events[1]: An event belongs to a challenge or to a campaign, not to both" },
  { HEAD "\"campaigns\":[" CAMPAIGN "],\"challenges\":[],\"events\":[" EVENT ("\"campaign_id\":1,\"kind\":99", DAY_1, DAY_3) "],"
    "\"videos\":[]," REST, RALLY_BACKUP_ERROR_INVALID, "events[0].kind: 99 is not one of the allowed values" },
  { HEAD "\"campaigns\":[" CAMPAIGN "],\"challenges\":[],\"events\":[" EVENT ("\"campaign_id\":2", DAY_1, DAY_3) "],"
    "\"videos\":[]," REST, RALLY_BACKUP_ERROR_INVALID, "events[0]: refers to a record that is not in the backup" },
  { HEAD "\"campaigns\":[" CAMPAIGN "],\"challenges\":[" CHALLENGE "],\"videos\":[],\"posts\":[],\"snapshots\":[],"
    "\"events\":{}}", RALLY_BACKUP_ERROR_INVALID, "events: expected a list" },
  { HEAD "\"campaigns\":[" CAMPAIGN "],\"challenges\":[{\"id\":1,\"created_at\":1,\"updated_at\":1,\"hashtag\":\"A\","
    "\"hashtag_key\":\"a\",\"partners\":\"ana,no spaces\"}],\"videos\":[]," REST, RALLY_BACKUP_ERROR_INVALID, "challenges[0]: " },
};

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *before = NULL;

  rally_test_fill_workspace (f->target, 3);
  before = rally_test_dump_store (f->target);

  for (guint i = 0; i < G_N_ELEMENTS (bad_backups); i++)
    {
      const BadBackup *bad = &bad_backups[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_test_message ("bad backup %u: %s", i, bad->json);

      /* Into a blank store: nothing may stay behind. */
      g_assert_false (rally_backup_restore (f->source, bad->json, strlen (bad->json),
                                            RALLY_BACKUP_RESTORE_DEFAULT, NULL, NULL, &error));
      g_assert_error (error, RALLY_BACKUP_ERROR, bad->code);
      if (!g_str_has_prefix (error->message, bad->message))
        g_error ("expected “%s…”, got “%s”", bad->message, error->message);
      g_assert_true (rally_backup_store_is_blank (f->source));
      g_clear_error (&error);

      /* Replacing: the old workspace survives untouched. */
      g_assert_false (rally_backup_restore (f->target, bad->json, strlen (bad->json),
                                            RALLY_BACKUP_RESTORE_REPLACE, NULL, NULL, &error));
      g_assert_error (error, RALLY_BACKUP_ERROR, bad->code);
      after = rally_test_dump_store (f->target);
      g_assert_cmpstr (after, ==, before);
    }
}

#define ONE_VIDEO(views) HEAD "\"campaigns\":[" CAMPAIGN "],\"challenges\":[" CHALLENGE "],\"videos\":[" VIDEO (views) "]," REST

/* Numbers out of their range or sign are refused by record and field, as the sync
 * parser refuses them, instead of being wrapped into other numbers. */
static const BadBackup bad_numbers[] = {
  { ONE_VIDEO ("9223372036854775808"), RALLY_BACKUP_ERROR_INVALID, "videos[0].views: 9223372036854775808 is out of range" },
  { ONE_VIDEO ("1000000000000000000000000000000"), RALLY_BACKUP_ERROR_INVALID,
    "videos[0].views: 1000000000000000000000000000000 is out of range" },
  { ONE_VIDEO ("-9223372036854775809"), RALLY_BACKUP_ERROR_INVALID, "videos[0].views: -9223372036854775809 is out of range" },
  { ONE_VIDEO ("1e30"), RALLY_BACKUP_ERROR_INVALID, "videos[0].views: 1e+30 is not a whole number" },
  { ONE_VIDEO ("-5"), RALLY_BACKUP_ERROR_INVALID, "videos[0].views: -5 must not be negative" },
  /* json-glib alone reads these as octal 16 and hex 31 */
  { ONE_VIDEO ("020"), RALLY_BACKUP_ERROR_INVALID, "videos[0].views: 020 is not written as a JSON number" },
  { ONE_VIDEO ("0x1F"), RALLY_BACKUP_ERROR_INVALID, "videos[0].views: expected a number" },
  { HEAD "\"campaigns\":[" CAMPAIGN "],\"challenges\":[" CHALLENGE "],\"videos\":[{\"id\":1,\"created_at\":1,"
    "\"updated_at\":1,\"challenge_id\":1,\"tiktok_id\":-7}]," REST, RALLY_BACKUP_ERROR_INVALID,
    "videos[0].tiktok_id: -7 is not a valid id" },
  { HEAD "\"campaigns\":[{\"id\":1,\"created_at\":1,\"updated_at\":1,\"name\":\"A\",\"budget\":-100}],\"challenges\":[],"
    "\"videos\":[]," REST, RALLY_BACKUP_ERROR_INVALID, "campaigns[0].budget: -100 must not be negative" },
  { HEAD "\"campaigns\":[],\"challenges\":[],\"videos\":[],\"posts\":[],\"snapshots\":[{\"id\":1,\"created_at\":1,"
    "\"updated_at\":1,\"taken_at\":99999999999999,\"views\":1}]}", RALLY_BACKUP_ERROR_INVALID,
    "snapshots[0].taken_at: 99999999999999 is out of range" },
  { HEAD "\"campaigns\":[],\"challenges\":[],\"videos\":[],\"posts\":[],\"snapshots\":[],\"account\":[{\"open_id\":\"o\","
    "\"followers\":-2}]}", RALLY_BACKUP_ERROR_INVALID, "account[0].followers: -2 is out of range" },
};

static void
test_numbers (Fixture       *f,
              gconstpointer  data)
{
  RallyTotals totals;
  const char *big = HEAD "\"campaigns\":[" CAMPAIGN "],\"challenges\":[" CHALLENGE "],\"videos\":["
    "{\"id\":1,\"created_at\":1,\"updated_at\":1,\"challenge_id\":1,\"tiktok_id\":5,\"views\":9223372036854775807},"
    "{\"id\":2,\"created_at\":1,\"updated_at\":1,\"challenge_id\":1,\"tiktok_id\":6,\"views\":9223372036854775807}],"
    REST;

  for (guint i = 0; i < G_N_ELEMENTS (bad_numbers); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("bad number %u: %s", i, bad_numbers[i].json);
      g_assert_false (rally_backup_restore (f->source, bad_numbers[i].json, strlen (bad_numbers[i].json),
                                            RALLY_BACKUP_RESTORE_DEFAULT, NULL, NULL, &error));
      g_assert_error (error, RALLY_BACKUP_ERROR, bad_numbers[i].code);
      if (!g_str_has_prefix (error->message, bad_numbers[i].message))
        g_error ("expected “%s…”, got “%s”", bad_numbers[i].message, error->message);
      g_assert_true (rally_backup_store_is_blank (f->source));
    }

  /* The largest counts are valid; their sum is held at the largest number, never negative. */
  restore (f->source, big, RALLY_BACKUP_RESTORE_DEFAULT, NULL);
  g_assert_true (rally_store_get_challenge_totals (f->source, 1, &totals));
  g_assert_cmpint (totals.views, ==, G_MAXINT64);
  g_assert_cmpint (totals.videos, ==, 2);
}

/* A byte order mark before the document is accepted; a NUL inside a string is
 * dropped, as the sync parser drops it, instead of cutting the text short. */
static void
test_bom_and_nul (Fixture       *f,
                  gconstpointer  data)
{
  const char *json = "\xEF\xBB\xBF" HEAD "\"campaigns\":[{\"id\":1,\"created_at\":1,\"updated_at\":1,"
                     "\"name\":\"Clean\\u0000 Rivers\"}],\"challenges\":[],\"videos\":[]," REST;
  g_autoptr(RallyCampaign) campaign = NULL;
  RallyBackupCounts counts = { 0 };

  restore (f->source, json, RALLY_BACKUP_RESTORE_DEFAULT, &counts);
  g_assert_cmpuint (counts.campaigns, ==, 1);
  campaign = rally_store_get_campaign (f->source, 1);
  g_assert_nonnull (campaign);
  g_assert_cmpstr (rally_campaign_get_name (campaign), ==, "Clean Rivers");
}

static void
test_files (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "backup.json", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no", "such", "dir.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (missing);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *after = NULL;
  RallyBackupCounts counts = { 0 };

  rally_test_fill_workspace (f->source, 4);
  g_assert_true (rally_backup_export_file (f->source, file, &counts, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.videos, ==, 7);

  g_assert_false (rally_backup_export_file (f->source, bad, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_true (rally_backup_restore_file (f->target, file, RALLY_BACKUP_RESTORE_DEFAULT, NULL, NULL, &error));
  g_assert_no_error (error);
  expected = rally_test_dump_store (f->source);
  after = rally_test_dump_store (f->target);
  g_assert_cmpstr (after, ==, expected);
}

/* Through a file several times the size of the restore's read buffer, so records,
 * strings and numbers straddle its chunks: the same workspace comes back, and its
 * export is the same file, byte for byte. */
static void
test_streamed_file (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "backup.json", NULL);
  g_autofree char *again_path = g_build_filename (f->dir, "again.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) again_file = g_file_new_for_path (again_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *source_dump = NULL;
  g_autofree char *target_dump = NULL;
  RallyBackupCounts exported = { 0 }, restored = { 0 };
  gsize length;

  rally_test_fill_workspace (f->source, 6000);
  g_assert_true (rally_backup_export_file (f->source, file, &exported, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &json, &length, NULL));
  g_assert_cmpuint (length, >, 4 * 256 * 1024);

  g_assert_true (rally_backup_restore_file (f->target, file, RALLY_BACKUP_RESTORE_DEFAULT, &restored, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (&restored, sizeof restored, &exported, sizeof exported);
  source_dump = rally_test_dump_store (f->source);
  target_dump = rally_test_dump_store (f->target);
  g_assert_cmpstr (target_dump, ==, source_dump);

  g_assert_true (rally_backup_export_file (f->target, again_file, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (again_path, &again, NULL, NULL));
  a = without_stamp (json);
  b = without_stamp (again);
  g_assert_cmpstr (a, ==, b);
}

/* A mistake deep in a large file is named by the line and column where it is, and
 * a bad record by its index, however many chunks were read before. */
static void
test_streamed_errors (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *expected = NULL;
  char *bad, *record;
  guint line = 1;

  rally_test_fill_workspace (f->source, 6000);
  json = export_to_string (f->source, NULL);

  /* a record of the videos four fifths down: its first member name loses its quote */
  record = strstr (json + strlen (json) * 4 / 5, "\n{\"id\":");
  g_assert_nonnull (record);
  for (const char *p = json; p <= record; p++)
    line += *p == '\n';
  record[2] = 'x';
  g_assert_false (rally_backup_restore (f->target, json, strlen (json), RALLY_BACKUP_RESTORE_DEFAULT,
                                        NULL, NULL, &error));
  expected = g_strdup_printf ("The file is not valid JSON: line %u, column 2: ", line);
  g_assert_error (error, RALLY_BACKUP_ERROR, RALLY_BACKUP_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, expected))
    g_error ("expected “%s…”, got “%s”", expected, error->message);
  g_assert_true (rally_backup_store_is_blank (f->target));
  g_clear_error (&error);
  record[2] = '"';

  /* a field of video 5000, in the tenth batch of records, misspelt */
  bad = json;
  for (guint i = 0; i <= 5000; i++)
    bad = strstr (bad + 1, "\"views\":");
  memcpy (bad, "\"viewz\"", strlen ("\"viewz\""));
  g_assert_false (rally_backup_restore (f->target, json, strlen (json), RALLY_BACKUP_RESTORE_DEFAULT,
                                        NULL, NULL, &error));
  g_assert_error (error, RALLY_BACKUP_ERROR, RALLY_BACKUP_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "videos[5000].viewz: unknown field");
  g_assert_true (rally_backup_store_is_blank (f->target));
}

/* Every backup kept as a fixture (written by older versions, one by hand) restores;
 * exporting what it restored, restoring that and exporting again gives the same
 * file, byte for byte. */
static void
test_fixtures (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fixtures", "backup", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      RallyBackupCounts counts = { 0 };

      g_test_message ("fixture %s", name);
      g_assert_true (rally_backup_restore_file (f->source, file, RALLY_BACKUP_RESTORE_REPLACE, &counts, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (counts.campaigns + counts.challenges + counts.posts + counts.videos + counts.snapshots, >, 0);
      first = export_to_string (f->source, NULL);
      if (g_str_equal (name, "events.json"))
        {
          g_assert_cmpuint (counts.events, ==, 2);
          g_assert_nonnull (strstr (first, "\"partners\":\"ifad,water_aid\""));
          g_assert_nonnull (strstr (first, "\"title\":\"Launch week\""));
        }

      restore (f->target, first, RALLY_BACKUP_RESTORE_REPLACE, NULL);
      second = export_to_string (f->target, NULL);
      a = without_stamp (first);
      b = without_stamp (second);
      g_assert_cmpstr (a, ==, b);
      n++;
    }
  g_assert_cmpuint (n, >=, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/backup/round-trip", Fixture, NULL, fixture_setup, test_round_trip, fixture_teardown);
  g_test_add ("/backup/events-round-trip", Fixture, NULL, fixture_setup, test_events_round_trip, fixture_teardown);
  g_test_add ("/backup/old-format", Fixture, NULL, fixture_setup, test_old_format, fixture_teardown);
  g_test_add ("/backup/roster-normalized", Fixture, NULL, fixture_setup, test_roster_normalized, fixture_teardown);
  g_test_add ("/backup/sample-round-trip", Fixture, NULL, fixture_setup, test_sample_round_trip, fixture_teardown);
  g_test_add ("/backup/refuse-non-empty", Fixture, NULL, fixture_setup, test_refuse_non_empty, fixture_teardown);
  g_test_add ("/backup/replace", Fixture, NULL, fixture_setup, test_replace, fixture_teardown);
  g_test_add ("/backup/invalid", Fixture, NULL, fixture_setup, test_invalid, fixture_teardown);
  g_test_add ("/backup/numbers", Fixture, NULL, fixture_setup, test_numbers, fixture_teardown);
  g_test_add ("/backup/bom-and-nul", Fixture, NULL, fixture_setup, test_bom_and_nul, fixture_teardown);
  g_test_add ("/backup/files", Fixture, NULL, fixture_setup, test_files, fixture_teardown);
  g_test_add ("/backup/streamed-file", Fixture, NULL, fixture_setup, test_streamed_file, fixture_teardown);
  g_test_add ("/backup/streamed-errors", Fixture, NULL, fixture_setup, test_streamed_errors, fixture_teardown);
  g_test_add ("/backup/fixtures", Fixture, NULL, fixture_setup, test_fixtures, fixture_teardown);

  return g_test_run ();
}
