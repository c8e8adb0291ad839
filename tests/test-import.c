/* test-import.c
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

/* Storing a TikTok Studio export: the same file twice changes nothing, a bad
 * file stores nothing, and each kind of row lands where it belongs. */

#include "config.h"

#include <csv.h>
#include <string.h>

#include "rally-import.h"
#include "rally-store-account.h"
#include "rally-video-csv.h"
#include "rally-test-util.h"
#include "rally-test-workspace.h"

typedef struct
{
  char       *dir;
  RallyStore *store;
  gint64      campaign_id;
  gint64      challenge_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyChallenge) challenge = NULL;

  f->dir = g_dir_make_tmp ("rally-import-XXXXXX", NULL);
  f->store = rally_store_open (f->dir, &error);
  g_assert_no_error (error);

  rally_test_fill_workspace (f->store, 2);
  f->campaign_id = rally_import_find_campaign (f->store, "  clean RIVERS ");
  g_assert_cmpint (f->campaign_id, >, 0);
  g_assert_cmpint (rally_import_find_campaign (f->store, "Deleted campaign"), ==, 0);
  challenge = rally_store_find_challenge (f->store, "#RedNoseDay");
  f->challenge_id = rally_challenge_get_id (challenge);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  rally_test_remove_tree (f->dir);
  g_free (f->dir);
}

static RallyStudioCsvResult *
parse_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  RallyStudioCsvResult *result = rally_studio_csv_parse ((const guint8 *) text, strlen (text), 2024, &error);

  g_assert_no_error (error);
  return result;
}

static RallyStudioCsvResult *
parse_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", name, NULL);
  g_autofree char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  return parse_text (data);
}

static void
import_ok (Fixture                    *f,
           const RallyStudioCsvResult *result,
           gint64                      campaign_id,
           gint64                      challenge_id,
           RallyImportFlags            flags,
           guint                       inserted,
           guint                       updated,
           guint                       unchanged)
{
  g_autoptr(GError) error = NULL;
  RallyImportCounts counts = { 99, 99, 99 };

  g_assert_true (rally_import_studio_csv (f->store, result, campaign_id, challenge_id, flags, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.inserted, ==, inserted);
  g_assert_cmpuint (counts.updated, ==, updated);
  g_assert_cmpuint (counts.unchanged, ==, unchanged);
}

static void
test_overview_account (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RallyStudioCsvResult) result = parse_fixture ("overview-basic.csv");
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  RallySnapshot *last;

  import_ok (f, result, 0, 0, RALLY_IMPORT_DEFAULT, 3, 0, 0);
  first = rally_test_dump_store (f->store);

  /* The account had one typed-in snapshot already; three days join it. */
  snapshots = rally_store_query_snapshots (f->store, 0, 1717200000, 1717459200);
  g_assert_cmpuint (snapshots->len, ==, 4);
  last = g_ptr_array_index (snapshots, 3);
  g_assert_cmpint (rally_snapshot_get_taken_at (last), ==, 1717372800); /* 2024-06-03 UTC */
  g_assert_cmpint (rally_snapshot_get_views (last), ==, 1200 + 980 + 15000);
  g_assert_cmpint (rally_snapshot_get_likes (last), ==, 300 + 210 + 2100);
  g_assert_cmpint (rally_snapshot_get_shares (last), ==, 8 + 4 + 95);
  g_assert_cmpint (rally_snapshot_get_source (last), ==, RALLY_SOURCE_STUDIO_CSV);
  g_assert_cmpint (rally_snapshot_get_fetched_at (last), >, 0);

  /* Twice: nothing changes, not even a time stamp. */
  import_ok (f, result, 0, 0, RALLY_IMPORT_DEFAULT, 0, 0, 3);
  second = rally_test_dump_store (f->store);
  g_assert_cmpstr (second, ==, first);
}

static void
test_overview_continues (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RallyStudioCsvResult) early = parse_text ("Date,Video views\n2024-06-01,10\n2024-06-02,20\n");
  g_autoptr(RallyStudioCsvResult) later = parse_text ("Date,Video views\n2024-06-03,5\n2024-06-02,25\n");
  g_autoptr(RallySnapshot) latest = NULL;
  g_autoptr(GPtrArray) campaign = NULL;

  import_ok (f, early, f->campaign_id, 0, RALLY_IMPORT_DEFAULT, 2, 0, 0);
  /* Overlapping export: June 2 was revised, June 3 is new. */
  import_ok (f, later, f->campaign_id, 0, RALLY_IMPORT_DEFAULT, 1, 1, 0);
  import_ok (f, later, f->campaign_id, 0, RALLY_IMPORT_DEFAULT, 0, 0, 2);

  /* Running totals: 10, then 10 + 25, then 35 + 5. */
  campaign = rally_import_query_campaign_snapshots (f->store, f->campaign_id, 0, 0);
  g_assert_cmpuint (campaign->len, ==, 3);
  g_assert_cmpint (rally_snapshot_get_views (g_ptr_array_index (campaign, 0)), ==, 10);
  g_assert_cmpint (rally_snapshot_get_views (g_ptr_array_index (campaign, 1)), ==, 35);
  g_assert_cmpint (rally_snapshot_get_views (g_ptr_array_index (campaign, 2)), ==, 40);
  g_assert_cmpint (rally_snapshot_get_taken_at (g_ptr_array_index (campaign, 2)), ==, 1717372800);
  g_assert_cmpint (rally_snapshot_get_source (g_ptr_array_index (campaign, 2)), ==, RALLY_SOURCE_STUDIO_CSV);

  /* Campaign snapshots are not the account's. */
  latest = rally_store_get_latest_snapshot (f->store, 0);
  g_assert_nonnull (latest);
  g_assert_cmpint (rally_snapshot_get_source (latest), ==, RALLY_SOURCE_TYPED);
  g_clear_object (&latest);

  import_ok (f, later, 0, 0, RALLY_IMPORT_DEFAULT, 2, 0, 0);
  latest = rally_store_get_latest_snapshot (f->store, 0);
  g_assert_cmpint (rally_snapshot_get_views (latest), ==, 30);
}

static void
test_content (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RallyStudioCsvResult) result = parse_fixture ("content-quoted.csv");
  g_autoptr(RallyStudioCsvResult) revised =
    parse_text ("Video link,Total views,Total likes\n"
                "https://www.tiktok.com/@ifad/video/7234567890123456789,90000,\n");
  g_autoptr(GListModel) videos = NULL;
  g_autoptr(RallyVideo) top = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  import_ok (f, result, 0, f->challenge_id, RALLY_IMPORT_SKIP_REJECTED, 2, 0, 0);
  videos = rally_store_list_videos (f->store, f->challenge_id, RALLY_VIDEO_SORT_VIEWS, 10);
  g_assert_cmpuint (g_list_model_get_n_items (videos), ==, 2);
  top = g_list_model_get_item (videos, 0);
  g_assert_cmpint (rally_video_get_tiktok_id (top), ==, G_GINT64_CONSTANT (7234567890123456789));
  g_assert_cmpstr (rally_video_get_creator (top), ==, "ifad");
  g_assert_cmpstr (rally_video_get_description (top), ==, "Dance, for change!");
  g_assert_cmpint (rally_video_get_posted_at (top), ==, 1717250580);
  g_assert_cmpint (rally_video_get_views (top), ==, 81000);
  g_assert_cmpint (rally_video_get_likes (top), ==, 5000);

  first = rally_test_dump_store (f->store);
  import_ok (f, result, 0, f->challenge_id, RALLY_IMPORT_SKIP_REJECTED, 0, 0, 2);
  second = rally_test_dump_store (f->store);
  g_assert_cmpstr (second, ==, first);

  /* New figures update; what the file lacks (likes here) and the origin stay. */
  id = rally_video_get_id (top);
  g_assert_true (rally_store_set_video_origin (f->store, id, RALLY_VIDEO_ORIGIN_PARTNER, &error));
  g_assert_no_error (error);
  import_ok (f, revised, 0, f->challenge_id, RALLY_IMPORT_DEFAULT, 0, 1, 0);
  g_clear_object (&top);
  top = rally_store_get_video (f->store, id);
  g_assert_cmpint (rally_video_get_views (top), ==, 90000);
  g_assert_cmpint (rally_video_get_likes (top), ==, 5000);
  g_assert_cmpint (rally_video_get_origin (top), ==, RALLY_VIDEO_ORIGIN_PARTNER);
  g_assert_cmpstr (rally_video_get_description (top), ==, "Dance, for change!");
}

static void
test_bad_files_store_nothing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RallyStudioCsvResult) rejected = parse_fixture ("overview-bad-dates.csv");
  g_autoptr(RallyStudioCsvResult) content = parse_fixture ("content-quoted.csv");
  g_autoptr(RallyStudioCsvResult) empty = parse_text ("Date,Video views\n");
  g_autoptr(RallyStudioCsvResult) overview = parse_fixture ("overview-basic.csv");
  g_autofree char *before = rally_test_dump_store (f->store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (rally_import_studio_csv (f->store, rejected, 0, 0, RALLY_IMPORT_DEFAULT, NULL, &error));
  g_assert_error (error, RALLY_IMPORT_ERROR, RALLY_IMPORT_ERROR_REJECTED_ROWS);
  g_assert_nonnull (strstr (error->message, "Line 3, column 1"));
  g_clear_error (&error);

  g_assert_false (rally_import_studio_csv (f->store, content, 0, 0, RALLY_IMPORT_SKIP_REJECTED, NULL, &error));
  g_assert_error (error, RALLY_IMPORT_ERROR, RALLY_IMPORT_ERROR_NO_CHALLENGE);
  g_clear_error (&error);

  g_assert_false (rally_import_studio_csv (f->store, empty, 0, 0, RALLY_IMPORT_DEFAULT, NULL, &error));
  g_assert_error (error, RALLY_IMPORT_ERROR, RALLY_IMPORT_ERROR_NOTHING);
  g_clear_error (&error);

  g_assert_false (rally_import_studio_csv (f->store, overview, 9999, 0, RALLY_IMPORT_DEFAULT, NULL, &error));
  g_assert_error (error, RALLY_IMPORT_ERROR, RALLY_IMPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (rally_import_studio_csv (f->store, content, 0, 9999, RALLY_IMPORT_SKIP_REJECTED, NULL, &error));
  g_assert_error (error, RALLY_IMPORT_ERROR, RALLY_IMPORT_ERROR_NOT_FOUND);

  after = rally_test_dump_store (f->store);
  g_assert_cmpstr (after, ==, before);
}

/* "day:views" of a campaign's imported days, oldest first; the running totals never go down. */
static char *
campaign_views (Fixture *f)
{
  g_autoptr(GPtrArray) snapshots = rally_import_query_campaign_snapshots (f->store, f->campaign_id, 0, 0);
  GString *text = g_string_new (NULL);
  gint64 previous = 0;

  for (guint i = 0; i < snapshots->len; i++)
    {
      RallySnapshot *snapshot = g_ptr_array_index (snapshots, i);

      g_assert_cmpint (rally_snapshot_get_views (snapshot), >=, previous);
      previous = rally_snapshot_get_views (snapshot);
      g_string_append_printf (text, "%s%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, i > 0 ? " " : "",
                              (rally_snapshot_get_taken_at (snapshot) - 1717200000) / 86400 + 1, previous);
    }
  return g_string_free (text, FALSE);
}

/* An older export imported after a newer one merges by day: the totals of the later
 * days are recomputed, and end as if the files had come in order. */
static void
test_overview_out_of_order (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RallyStudioCsvResult) older = parse_text ("Date,Video views\n2024-06-01,10\n2024-06-02,20\n");
  g_autoptr(RallyStudioCsvResult) newer = parse_text ("Date,Video views\n2024-06-03,5\n2024-06-04,7\n");
  g_autoptr(RallyStudioCsvResult) revised = parse_text ("Date,Video views\n2024-06-02,40\n2024-06-03,5\n");
  g_autofree char *backwards = NULL;
  g_autofree char *in_order = NULL;
  g_autofree char *after_revision = NULL;

  import_ok (f, newer, f->campaign_id, 0, RALLY_IMPORT_DEFAULT, 2, 0, 0);
  import_ok (f, older, f->campaign_id, 0, RALLY_IMPORT_DEFAULT, 2, 0, 0);
  backwards = campaign_views (f);
  g_assert_cmpstr (backwards, ==, "1:10 2:30 3:35 4:42");

  /* The same files in order, into the account: the same totals. */
  import_ok (f, older, 0, 0, RALLY_IMPORT_DEFAULT, 2, 0, 0);
  import_ok (f, newer, 0, 0, RALLY_IMPORT_DEFAULT, 2, 0, 0);
  {
    g_autoptr(GPtrArray) account = rally_store_query_snapshots (f->store, 0, 1717200000, 0);
    GString *text = g_string_new (NULL);

    for (guint i = 0; i < account->len; i++)
      {
        RallySnapshot *snapshot = g_ptr_array_index (account, i);

        if (rally_snapshot_get_source (snapshot) == RALLY_SOURCE_STUDIO_CSV)
          g_string_append_printf (text, "%s%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, text->len > 0 ? " " : "",
                                  (rally_snapshot_get_taken_at (snapshot) - 1717200000) / 86400 + 1,
                                  rally_snapshot_get_views (snapshot));
      }
    in_order = g_string_free (text, FALSE);
  }
  g_assert_cmpstr (in_order, ==, backwards);

  /* A day given again takes the figures of the file imported last; later days follow. */
  import_ok (f, revised, f->campaign_id, 0, RALLY_IMPORT_DEFAULT, 0, 1, 1);
  after_revision = campaign_views (f);
  g_assert_cmpstr (after_revision, ==, "1:10 2:50 3:55 4:62");
  import_ok (f, older, f->campaign_id, 0, RALLY_IMPORT_DEFAULT, 0, 1, 1);
  g_clear_pointer (&after_revision, g_free);
  after_revision = campaign_views (f);
  g_assert_cmpstr (after_revision, ==, backwards);
}

/* Profile views and followers are kept too, and summed up for the account card. */
static void
test_overview_summary (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RallyStudioCsvResult) result = parse_fixture ("overview-basic.csv");
  g_autoptr(RallyStudioCsvResult) no_followers = parse_text ("Date,Video views\n2024-06-04,100\n");
  g_autoptr(GArray) reach = NULL;
  g_autoptr(GError) error = NULL;
  RallyStudioSummary summary;
  gboolean ok;

  ok = rally_store_get_studio_summary (f->store, 0, &summary, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (summary.days, ==, 0);

  import_ok (f, result, 0, 0, RALLY_IMPORT_DEFAULT, 3, 0, 0);
  import_ok (f, no_followers, 0, 0, RALLY_IMPORT_DEFAULT, 1, 0, 0);
  ok = rally_store_get_studio_summary (f->store, 0, &summary, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (summary.days, ==, 4);
  g_assert_cmpint (summary.first_day, ==, 1717200000);
  g_assert_cmpint (summary.last_day, ==, 1717459200);
  g_assert_cmpint (summary.views, ==, 1200 + 980 + 15000 + 100);
  g_assert_cmpint (summary.likes, ==, 300 + 210 + 2100);
  g_assert_cmpint (summary.comments, ==, 12 + 9 + 130);
  g_assert_cmpint (summary.profile_views, ==, 45 + 30 + 410);
  g_assert_cmpint (summary.followers, ==, 1620);
  g_assert_cmpint (summary.fetched_at, >, 0);

  /* the campaign has none */
  g_assert_true (rally_store_get_studio_summary (f->store, f->campaign_id, &summary, &error));
  g_assert_cmpuint (summary.days, ==, 0);

  /* The account's series comes from the Studio days, not the typed-in snapshot. */
  reach = rally_store_query_account_reach (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reach->len, ==, 4);
  g_assert_cmpint (g_array_index (reach, RallyDayTotals, 3).views, ==, 17280);
}

/* The videos exported as CSV read back as a TikTok Studio content export. */
static void
test_video_csv_round_trip (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RallyChallenge) dance = rally_store_find_challenge (f->store, "DanceForChange");
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(RallyStudioCsvResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyVideo) video = rally_video_new ();
  g_autofree char *text = NULL;
  gint64 ids[1];
  guint64 n = 0;
  const RallyStudioContentRow *row;

  /* A description that a spreadsheet would run as a formula. */
  rally_video_set_tiktok_id (video, 42);
  rally_video_set_description (video, "=HYPERLINK(\"x\")");
  rally_video_set_views (video, G_GINT64_CONSTANT (9007199254741000));
  ids[0] = rally_challenge_get_id (dance);
  g_assert_true (rally_store_upsert_videos (f->store, ids[0], &video, 1, &error));

  g_assert_true (rally_video_csv_export (f->store, ids, 1, stream, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
  g_assert_true (g_str_has_prefix (text, "Video ID,Video link,Video title,Post time,Total views"));
  g_assert_nonnull (strstr (text, "\"'=HYPERLINK(\"\"x\"\")\""));

  result = parse_text (text);
  g_assert_cmpint (result->kind, ==, RALLY_STUDIO_CSV_KIND_CONTENT);
  g_assert_cmpuint (result->rejections->len, ==, 0);
  g_assert_cmpuint (rally_studio_csv_n_rows (result), ==, 3);
  g_assert_cmpuint (result->unknown_columns->len, ==, 4);  /* Challenge, Creator, Region, Origin */

  /* Sorted by views: the big one first, its 64-bit figures intact. */
  row = g_ptr_array_index (result->content_rows, 0);
  g_assert_cmpint (row->video_id, ==, 42);
  g_assert_cmpint (row->figures[RALLY_STUDIO_CSV_VIEWS], ==, G_GINT64_CONSTANT (9007199254741000));
  row = g_ptr_array_index (result->content_rows, 1);
  g_assert_cmpint (row->video_id, ==, G_GINT64_CONSTANT (7234567890123456791));
  g_assert_cmpstr (row->title, ==, "Video \"quoted\", with a comma");
  g_assert_cmpint (row->posted_at, ==, 1717200000 + 3600);
}

typedef struct
{
  guint  rows;
  guint  fields;
  guint  bad_rows;
  guint  dangerous;
} CsvCheck;

static void
csv_field_cb (void   *text,
              size_t  len,
              void   *user_data)
{
  CsvCheck *check = user_data;

  check->fields++;
  if (len > 0 && strchr ("=+-@\t\r", ((const char *) text)[0]) != NULL)
    check->dangerous++;
}

static void
csv_row_cb (int   c,
            void *user_data)
{
  CsvCheck *check = user_data;

  check->rows++;
  check->bad_rows += check->fields != 12;
  check->fields = 0;
}

/* Text from outside cannot start a row or run as a formula in the exported CSV. */
static void
test_video_csv_injection (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RallyChallenge) dance = rally_store_find_challenge (f->store, "DanceForChange");
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  const char *creators[] = { "evil\r\n=1+1", "tab", "cr", "plus" };
  const char *titles[] = { "fine", "\t=cmd|' /C calc'!A0", "\r=2+3", "+SUM(A1)" };
  struct csv_parser parser;
  CsvCheck check = { 0 };
  gint64 id = rally_challenge_get_id (dance);
  guint64 n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (creators); i++)
    {
      g_autoptr(RallyVideo) video = rally_video_new ();

      rally_video_set_tiktok_id (video, 100 + i);
      rally_video_set_creator (video, creators[i]);
      rally_video_set_description (video, titles[i]);
      g_assert_true (rally_store_upsert_videos (f->store, id, &video, 1, &error));
      g_assert_no_error (error);
    }
  g_assert_true (rally_video_csv_export (f->store, &id, 1, stream, &n, NULL, &error));
  g_assert_true (g_output_stream_close (stream, NULL, NULL));

  g_assert_cmpint (csv_init (&parser, CSV_APPEND_NULL), ==, 0);
  csv_parse (&parser, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
             g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)), csv_field_cb, csv_row_cb, &check);
  csv_fini (&parser, csv_field_cb, csv_row_cb, &check);
  csv_free (&parser);

  g_assert_cmpuint (check.rows, ==, n + 1);
  g_assert_cmpuint (check.bad_rows, ==, 0);
  g_assert_cmpuint (check.dangerous, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/import/overview/account", Fixture, NULL, fixture_setup, test_overview_account, fixture_teardown);
  g_test_add ("/import/overview/continues", Fixture, NULL, fixture_setup, test_overview_continues, fixture_teardown);
  g_test_add ("/import/overview/out-of-order", Fixture, NULL, fixture_setup, test_overview_out_of_order, fixture_teardown);
  g_test_add ("/import/overview/summary", Fixture, NULL, fixture_setup, test_overview_summary, fixture_teardown);
  g_test_add ("/import/content", Fixture, NULL, fixture_setup, test_content, fixture_teardown);
  g_test_add ("/import/video-csv-round-trip", Fixture, NULL, fixture_setup, test_video_csv_round_trip, fixture_teardown);
  g_test_add ("/import/video-csv-injection", Fixture, NULL, fixture_setup, test_video_csv_injection, fixture_teardown);
  g_test_add ("/import/bad-files-store-nothing", Fixture, NULL, fixture_setup, test_bad_files_store_nothing, fixture_teardown);

  return g_test_run ();
}
