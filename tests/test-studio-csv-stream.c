/* test-studio-csv-stream.c
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

/* The streaming CSV reader: pieces cut anywhere (inside a UTF-8 character,
 * between CR and LF, inside a BOM or a quoted value) read exactly as the whole
 * file does, and a stream or a file reads as the same bytes in memory. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rally-studio-csv.h"

/* BOM, CR LF, a title over two lines, multi-byte characters (2, 3 and 4 bytes),
 * quoted thousands, dates without a year across New Year, one bad row. */
static const char content_csv[] =
  "\xEF\xBB\xBFVideo title,Video link,Post time,Total views,Total likes\r\n"
  "\"Caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80 #Dance4Change\",https://www.tiktok.com/@ana/video/7001,Dec 30 10:00,\"1,234\",\"12 345\"\r\n"
  "\"two\r\nlines \xC3\xA9\",https://www.tiktok.com/@bo/video/7002,Jan 2 11:30,5,\"1,000,000\"\r\n"
  "\xE2\x80\xAF\xC3\xA9t\xC3\xA9,https://www.tiktok.com/@cy/video/7003,Jan 3,-4,1\r\n"
  "last,https://www.tiktok.com/@di/video/7004,2024-06-01,7,8";

static char *
dump (const RallyStudioCsvResult *result,
      const GError               *error)
{
  GString *str = g_string_new (NULL);

  if (result == NULL)
    {
      g_string_append_printf (str, "error %d: %s\n", error->code, error->message);
      return g_string_free (str, FALSE);
    }

  for (guint i = 0; i < result->content_rows->len; i++)
    {
      const RallyStudioContentRow *row = g_ptr_array_index (result->content_rows, i);

      g_string_append_printf (str, "row %u %" G_GINT64_FORMAT " %s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                              row->line, row->video_id, row->title, row->username, row->posted_at,
                              row->figures[RALLY_STUDIO_CSV_VIEWS], row->figures[RALLY_STUDIO_CSV_LIKES]);
    }
  for (guint i = 0; i < result->overview_rows->len; i++)
    {
      const RallyStudioOverviewRow *row = &g_array_index (result->overview_rows, RallyStudioOverviewRow, i);

      g_string_append_printf (str, "day %u %u %" G_GINT64_FORMAT "\n", row->line,
                              g_date_get_julian (&row->date), row->figures[RALLY_STUDIO_CSV_VIEWS]);
    }
  for (guint i = 0; i < result->rejections->len; i++)
    g_string_append_printf (str, "rejected %s\n",
                            ((RallyStudioCsvRejection *) g_ptr_array_index (result->rejections, i))->message);

  return g_string_free (str, FALSE);
}

static char *
parse_in_pieces (const char *data,
                 gsize       length,
                 gsize       piece)
{
  g_autoptr(RallyStudioCsvResult) result = NULL;
  g_autoptr(GError) error = NULL;

  rally_studio_csv_set_chunk_size (piece);
  result = rally_studio_csv_parse ((const guint8 *) data, length, 2025, &error);
  rally_studio_csv_set_chunk_size (0);
  g_assert_true ((result == NULL) != (error == NULL));

  return dump (result, error);
}

/* Every piece size from 1 byte up reads as the whole file at once. */
static void
assert_same_in_pieces (const char *data,
                       gsize       length,
                       const char *expected)
{
  g_autofree char *whole = parse_in_pieces (data, length, length + 1);

  g_assert_cmpstr (whole, ==, expected);
  for (gsize piece = 1; piece <= 9; piece++)
    {
      g_autofree char *cut = parse_in_pieces (data, length, piece);

      g_assert_cmpstr (cut, ==, expected);
    }
}

static void
test_content_in_pieces (void)
{
  const char *expected =
    "row 2 7001 Caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80 #Dance4Change ana 1735552800 1234 12345\n"
    "row 3 7002 two\r\nlines \xC3\xA9 bo 1735817400 5 1000000\n"
    "row 6 7004 last di 1717200000 7 8\n"
    "rejected Line 5, column 4 (Total views): \xE2\x80\x9C-4\xE2\x80\x9D is negative; a count cannot be below zero\n";

  /* The latest date without a year (Jan 3) gets the default year, 2025: Dec 30
   * is then 2024-12-30 10:00 UTC, Jan 2 2025-01-02 11:30 UTC. */
  assert_same_in_pieces (content_csv, strlen (content_csv), expected);
}

/* A broken character is found and placed the same wherever the cut falls,
 * also when the cut leaves a lead byte at the end of a piece. */
static void
test_bad_bytes_in_pieces (void)
{
  static const char broken[] =
    "Date,Video views\r\n"
    "2024-06-01,\"1,000\"\r\n"
    "2024-06-02,\xE2\n"            /* a 3-byte character cut short by LF */
    "2024-06-03,\xC3\xA9\r\n";
  static const char binary[] =
    "Date,Video views\n"
    "2024-06-01,\"1\"x\n"          /* a quotation mark out of place… */
    "2024-06-02,\xC3\n"            /* …an invalid byte… */
    "\"a\r\nb\",\x00\n";          /* …and a NUL after a quoted line end: binary wins */

  assert_same_in_pieces (broken, strlen (broken),
                         "error 2: Line 3, column 2: the text is not valid UTF-8; save the file as UTF-8 CSV and try again\n");
  assert_same_in_pieces (binary, sizeof binary - 1,
                         "error 1: Line 5, column 2: the file contains a NUL byte: it is a binary file, not a CSV export\n");
}

/* A 5-byte lead (0xFA) that UTF-8 does not have, before continuation bytes at the end
 * of a piece, is broken at once: it never waits in the 4-byte tail (found by
 * fuzz-studio-csv, which overran the tail). */
static void
test_long_lead_in_pieces (void)
{
  static const char data[] =
    "@\x08\xFA\x86\x86\x86\x86\x86\x86\x86\x86\x86\x86\x86\x86\x86\x86\x86\x86\x86\x86\x86\x86"
    "\x86\x86\x86\x86\x86\x86\x86\x86\x86\x86\x86\x86\x86\x86\xF6" "a";
  g_autofree char *whole = parse_in_pieces (data, sizeof data - 1, sizeof data);

  g_assert_true (g_str_has_prefix (whole, "error "));
  g_assert_nonnull (strstr (whole, "not valid UTF-8"));
  for (gsize piece = 1; piece <= 9; piece++)
    {
      g_autofree char *cut = parse_in_pieces (data, sizeof data - 1, piece);

      g_assert_cmpstr (cut, ==, whole);
    }
  /* the piece that ends right after the lead and four continuation bytes */
  {
    g_autofree char *cut = parse_in_pieces (data, 7, 7 + 1);

    g_assert_nonnull (strstr (cut, "not valid UTF-8"));
  }
}

/* CR LF cut between pieces counts as one line end; a lone CR as one too. */
static void
test_line_ends_in_pieces (void)
{
  static const char mixed[] =
    "Date,Video views\r\n2024-06-01,1\r2024-06-02,x\r\n\r\n2024-06-03,3\n2024-06-03,4\r";

  assert_same_in_pieces (mixed, strlen (mixed),
                         "day 2 739038 1\nday 5 739040 3\n"
                         "rejected Line 3, column 2 (Video views): \xE2\x80\x9Cx\xE2\x80\x9D is not a whole number\n"
                         "rejected Line 6, column 1 (Date): the day 2024-06-03 is already on line 5\n");
}

/* A stream and a file read as the same bytes in memory, in pieces of any size. */
static void
test_stream_and_file (void)
{
  g_autofree char *expected = parse_in_pieces (content_csv, strlen (content_csv), 1 << 20);
  g_autofree char *dir = g_dir_make_tmp ("rally-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "export.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, content_csv, -1, NULL));

  for (gsize piece = 1; piece <= 4096; piece *= 4)
    {
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (content_csv, strlen (content_csv), NULL);
      g_autoptr(RallyStudioCsvResult) from_stream = NULL;
      g_autoptr(RallyStudioCsvResult) from_file = NULL;
      g_autofree char *stream_dump = NULL;
      g_autofree char *file_dump = NULL;

      rally_studio_csv_set_chunk_size (piece);
      from_stream = rally_studio_csv_parse_stream (stream, 2025, NULL, NULL);
      from_file = rally_studio_csv_parse_file (file, 2025, NULL, NULL);
      rally_studio_csv_set_chunk_size (0);
      stream_dump = dump (from_stream, NULL);
      file_dump = dump (from_file, NULL);
      g_assert_cmpstr (stream_dump, ==, expected);
      g_assert_cmpstr (file_dump, ==, expected);
    }

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A file that cannot be opened is a GIO error, not a CSV one. */
static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/rally/export.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStudioCsvResult) result = rally_studio_csv_parse_file (file, 2025, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/studio-csv-stream/content-in-pieces", test_content_in_pieces);
  g_test_add_func ("/studio-csv-stream/bad-bytes-in-pieces", test_bad_bytes_in_pieces);
  g_test_add_func ("/studio-csv-stream/long-lead-in-pieces", test_long_lead_in_pieces);
  g_test_add_func ("/studio-csv-stream/line-ends-in-pieces", test_line_ends_in_pieces);
  g_test_add_func ("/studio-csv-stream/stream-and-file", test_stream_and_file);
  g_test_add_func ("/studio-csv-stream/missing-file", test_missing_file);

  return g_test_run ();
}
