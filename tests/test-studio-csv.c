/* test-studio-csv.c
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

/* The TikTok Studio CSV reader, fixture by fixture: what is understood, what is
 * rejected, and that every message names its line and column. */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "rally-csv-field.h"
#include "rally-studio-csv.h"

static RallyStudioCsvResult *
parse_fixture (const char  *name,
               GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", name, NULL);
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));

  return rally_studio_csv_parse ((const guint8 *) data, length, 2025, error);
}

static RallyStudioCsvResult *
parse_string (const char *text)
{
  g_autoptr(GError) error = NULL;
  RallyStudioCsvResult *result = rally_studio_csv_parse ((const guint8 *) text, strlen (text), 2025, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

static const RallyStudioOverviewRow *
overview_row (const RallyStudioCsvResult *result,
              guint                       i)
{
  g_assert_cmpuint (i, <, result->overview_rows->len);
  return &g_array_index (result->overview_rows, RallyStudioOverviewRow, i);
}

static void
assert_date (const GDate *date,
             int          year,
             int          month,
             int          day)
{
  g_assert_cmpint (g_date_get_year (date), ==, year);
  g_assert_cmpint (g_date_get_month (date), ==, month);
  g_assert_cmpint (g_date_get_day (date), ==, day);
}

static void
assert_rejection (const RallyStudioCsvResult *result,
                  guint                       i,
                  guint                       line,
                  guint                       column,
                  const char                 *fragment)
{
  const RallyStudioCsvRejection *rejection;
  g_autofree char *where = g_strdup_printf ("Line %u, column %u", line, column);

  g_assert_cmpuint (i, <, result->rejections->len);
  rejection = g_ptr_array_index (result->rejections, i);
  g_assert_cmpuint (rejection->line, ==, line);
  g_assert_cmpuint (rejection->column, ==, column);
  g_assert_true (g_str_has_prefix (rejection->message, where));
  g_assert_nonnull (strstr (rejection->message, fragment));
}

static void
assert_fails (const char *name,
              int         code,
              const char *where)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStudioCsvResult) result = parse_fixture (name, &error);

  g_assert_null (result);
  g_assert_error (error, RALLY_STUDIO_CSV_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, where));
}

static void
test_overview_basic (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStudioCsvResult) result = parse_fixture ("overview-basic.csv", &error);
  const RallyStudioOverviewRow *row;

  g_assert_no_error (error);
  g_assert_cmpint (result->kind, ==, RALLY_STUDIO_CSV_KIND_OVERVIEW);
  g_assert_cmpuint (rally_studio_csv_n_rows (result), ==, 3);
  g_assert_cmpuint (result->rejections->len, ==, 0);
  g_assert_cmpuint (result->unknown_columns->len, ==, 0);

  row = overview_row (result, 2);
  g_assert_cmpuint (row->line, ==, 4);
  assert_date (&row->date, 2024, 6, 3);
  g_assert_cmpint (row->figures[RALLY_STUDIO_CSV_VIEWS], ==, 15000);
  g_assert_cmpint (row->figures[RALLY_STUDIO_CSV_PROFILE_VIEWS], ==, 410);
  g_assert_cmpint (row->figures[RALLY_STUDIO_CSV_LIKES], ==, 2100);
  g_assert_cmpint (row->figures[RALLY_STUDIO_CSV_COMMENTS], ==, 130);
  g_assert_cmpint (row->figures[RALLY_STUDIO_CSV_SHARES], ==, 95);
  g_assert_cmpint (row->figures[RALLY_STUDIO_CSV_FOLLOWERS], ==, 1620);
}

static void
test_bom_crlf_yearless (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStudioCsvResult) result = parse_fixture ("overview-bom-crlf.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rally_studio_csv_n_rows (result), ==, 3);
  g_assert_cmpuint (result->rejections->len, ==, 0);
  g_assert_cmpuint (overview_row (result, 0)->line, ==, 2);
  assert_date (&overview_row (result, 0)->date, 2025, 5, 30);
  assert_date (&overview_row (result, 2)->date, 2025, 6, 1);
  g_assert_cmpint (overview_row (result, 2)->figures[RALLY_STUDIO_CSV_VIEWS], ==, 300);
  g_assert_cmpint (overview_row (result, 2)->figures[RALLY_STUDIO_CSV_FOLLOWERS], ==, -1);
}

static void
test_year_rollover (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStudioCsvResult) result = parse_fixture ("year-rollover.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rally_studio_csv_n_rows (result), ==, 4);
  assert_date (&overview_row (result, 0)->date, 2024, 12, 30);
  assert_date (&overview_row (result, 1)->date, 2024, 12, 31);
  assert_date (&overview_row (result, 2)->date, 2025, 1, 1);
  assert_date (&overview_row (result, 3)->date, 2025, 1, 2);
}

static void
test_yearless_without_default (void)
{
  const char *text = "Date,Video views\nJune 1,3\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStudioCsvResult) result = rally_studio_csv_parse ((const guint8 *) text, strlen (text), 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rally_studio_csv_n_rows (result), ==, 0);
  assert_rejection (result, 0, 2, 1, "has no year");
}

static void
test_thousands (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStudioCsvResult) result = parse_fixture ("overview-thousands.csv", &error);
  const RallyStudioOverviewRow *row;

  g_assert_no_error (error);
  g_assert_cmpuint (result->rejections->len, ==, 0);
  row = overview_row (result, 0);
  assert_date (&row->date, 2024, 6, 1);
  g_assert_cmpint (row->figures[RALLY_STUDIO_CSV_VIEWS], ==, 1234);
  g_assert_cmpint (row->figures[RALLY_STUDIO_CSV_LIKES], ==, 12345678);
  g_assert_cmpint (row->figures[RALLY_STUDIO_CSV_SHARES], ==, 1234);
}

static void
test_nbsp (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStudioCsvResult) result = parse_fixture ("overview-nbsp.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rally_studio_csv_n_rows (result), ==, 3);
  assert_date (&overview_row (result, 0)->date, 2024, 6, 1);
  g_assert_cmpint (overview_row (result, 1)->figures[RALLY_STUDIO_CSV_LIKES], ==, -1);
  g_assert_cmpint (overview_row (result, 2)->figures[RALLY_STUDIO_CSV_VIEWS], ==, 3000);
}

static void
test_slash_day_first (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStudioCsvResult) result = parse_fixture ("slash-day-first.csv", &error);

  g_assert_no_error (error);
  assert_date (&overview_row (result, 0)->date, 2024, 6, 12);
  assert_date (&overview_row (result, 1)->date, 2024, 6, 13);
}

static void
test_unknown_columns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStudioCsvResult) result = parse_fixture ("overview-unknown-columns.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rally_studio_csv_n_rows (result), ==, 2);
  g_assert_cmpuint (result->unknown_columns->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (result->unknown_columns, 0), ==, "Engagement rate");
  g_assert_cmpstr (g_ptr_array_index (result->unknown_columns, 1), ==, "Notes");
  g_assert_cmpint (overview_row (result, 1)->figures[RALLY_STUDIO_CSV_LIKES], ==, 6);
}

static void
test_bad_dates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStudioCsvResult) result = parse_fixture ("overview-bad-dates.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rally_studio_csv_n_rows (result), ==, 2);
  g_assert_cmpuint (result->rejections->len, ==, 3);
  assert_rejection (result, 0, 3, 1, "2024-02-30");
  assert_rejection (result, 1, 4, 1, "yesterday");
  assert_rejection (result, 2, 6, 1, "already on line 2");
}

static void
test_negative (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStudioCsvResult) result = parse_fixture ("overview-negative.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rally_studio_csv_n_rows (result), ==, 1);
  assert_rejection (result, 0, 3, 2, "negative");
  assert_rejection (result, 1, 4, 4, "negative");
}

static void
test_non_numeric (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStudioCsvResult) result = parse_fixture ("overview-non-numeric.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rally_studio_csv_n_rows (result), ==, 1);
  g_assert_cmpuint (result->rejections->len, ==, 5);
  assert_rejection (result, 0, 3, 2, "“lots” is not a whole number");
  assert_rejection (result, 1, 4, 2, "1.5K");
  assert_rejection (result, 2, 5, 4, "more than the header");
  assert_rejection (result, 3, 6, 2, "too large");
  assert_rejection (result, 4, 7, 2, "fewer than the header");
}

static void
test_content (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStudioCsvResult) result = parse_fixture ("content-quoted.csv", &error);
  const RallyStudioContentRow *row;

  g_assert_no_error (error);
  g_assert_cmpint (result->kind, ==, RALLY_STUDIO_CSV_KIND_CONTENT);
  g_assert_cmpuint (rally_studio_csv_n_rows (result), ==, 2);

  row = g_ptr_array_index (result->content_rows, 0);
  g_assert_cmpuint (row->line, ==, 2);
  g_assert_cmpint (row->video_id, ==, G_GINT64_CONSTANT (7234567890123456789));
  g_assert_cmpstr (row->title, ==, "Dance, for change!");
  g_assert_cmpstr (row->username, ==, "ifad");
  g_assert_cmpint (row->posted_at, ==, 1717250580); /* 2024-06-01 14:03:00 UTC */
  g_assert_cmpint (row->figures[RALLY_STUDIO_CSV_VIEWS], ==, 81000);
  g_assert_cmpint (row->figures[RALLY_STUDIO_CSV_SHARES], ==, 44);

  row = g_ptr_array_index (result->content_rows, 1);
  g_assert_cmpuint (row->line, ==, 3);
  g_assert_cmpstr (row->title, ==, "She said \"go\"\nand we went");
  g_assert_cmpstr (row->username, ==, "redcross");
  g_assert_cmpint (row->posted_at, ==, 1717362900); /* 2024-06-02 21:15 UTC */

  /* The quoted title spans lines 3–4, so the link-less row is on line 5. */
  assert_rejection (result, 0, 5, 2, "no video ID or link");
}

static void
test_content_ids (void)
{
  g_autoptr(RallyStudioCsvResult) result =
    parse_string ("Video ID,Total views,Post time\n"
                  "42,1,\n"
                  "abc,1,\n"
                  "42,2,\n"
                  "9223372036854775808,1,\n"
                  "7,1,31 Feb 2024\n");

  g_assert_cmpuint (rally_studio_csv_n_rows (result), ==, 1);
  g_assert_cmpint (((RallyStudioContentRow *) g_ptr_array_index (result->content_rows, 0))->posted_at, ==, -1);
  assert_rejection (result, 0, 3, 1, "not a TikTok video ID");
  assert_rejection (result, 1, 4, 1, "already on line 2");
  assert_rejection (result, 2, 5, 1, "not a TikTok video ID");
  assert_rejection (result, 3, 6, 3, "31 Feb 2024");
}

static void
test_date_formats (void)
{
  g_autoptr(RallyStudioCsvResult) result =
    parse_string ("date,VIDEO VIEWS\n"
                  "2024-06-01,1\n"
                  "2024/06/02,1\n"
                  "06/03/2024,1\n"
                  "\"June 4, 2024\",1\n"
                  "Jun 5 2024,1\n"
                  "6 Jun 2024,1\n"
                  "7-Jun-2024,1\n"
                  "08.06.2024,1\n"
                  "2024-06-09T10:00:00Z,1\n"
                  "2024-06-10 23:59,1\n");
  guint n = rally_studio_csv_n_rows (result);

  g_assert_cmpuint (result->rejections->len, ==, 0);
  g_assert_cmpuint (n, ==, 10);
  for (guint i = 0; i < n; i++)
    assert_date (&overview_row (result, i)->date, 2024, 6, i + 1);
}

static void
test_bad_counts (void)
{
  g_autoptr(RallyStudioCsvResult) result =
    parse_string ("Date,Video views\n"
                  "2024-06-01,\"12,34\"\n"
                  "2024-06-02,\"1234,567\"\n"
                  "2024-06-03,1.5\n"
                  "2024-06-04,+3\n"
                  "2024-06-05,\"1,234,\"\n");

  g_assert_cmpuint (rally_studio_csv_n_rows (result), ==, 0);
  g_assert_cmpuint (result->rejections->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    assert_rejection (result, i, i + 2, 2, "not a whole number");
}

/* Found by the fuzzer: a lone CR ends a line too, so lines stay numbered. */
static void
test_cr_line_endings (void)
{
  g_autoptr(RallyStudioCsvResult) result =
    parse_string ("Date,Video views\r2024-06-01,5\r2024-06-02,-1\r\n2024-06-03,x\n");

  g_assert_cmpuint (rally_studio_csv_n_rows (result), ==, 1);
  g_assert_cmpuint (overview_row (result, 0)->line, ==, 2);
  assert_rejection (result, 0, 3, 2, "negative");
  assert_rejection (result, 1, 4, 2, "not a whole number");
}

static void
test_whole_file_errors (void)
{
  assert_fails ("empty.csv", RALLY_STUDIO_CSV_ERROR_EMPTY, "Line 1, column 1:");
  assert_fails ("blank-lines.csv", RALLY_STUDIO_CSV_ERROR_EMPTY, "Line 1, column 1:");
  assert_fails ("binary.csv", RALLY_STUDIO_CSV_ERROR_BINARY, "Line 2, column 2:");
  assert_fails ("latin1.csv", RALLY_STUDIO_CSV_ERROR_ENCODING, "Line 3, column 1:");
  assert_fails ("missing-column.csv", RALLY_STUDIO_CSV_ERROR_MISSING_COLUMN, "Line 1:");
  assert_fails ("bad-quote.csv", RALLY_STUDIO_CSV_ERROR_SYNTAX, "Line 2, column 2:");
}

static void
test_header_errors (void)
{
  const char *dup = "Date,Views,Video views\n2024-06-01,1,2\n";
  const char *utf16 = "\xFF\xFE" "D\0a\0";
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) wide = g_string_new ("Date,Video views");
  RallyStudioCsvResult *result;

  result = rally_studio_csv_parse ((const guint8 *) dup, strlen (dup), 2025, &error);
  g_assert_null (result);
  g_assert_error (error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_HEADER);
  g_assert_true (g_str_has_prefix (error->message, "Line 1, column 3:"));
  g_clear_error (&error);

  result = rally_studio_csv_parse ((const guint8 *) utf16, 6, 2025, &error);
  g_assert_null (result);
  g_assert_error (error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_ENCODING);
  g_clear_error (&error);

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (wide, ",extra %u", i);
  result = rally_studio_csv_parse ((const guint8 *) wide->str, wide->len, 2025, &error);
  g_assert_null (result);
  g_assert_error (error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_HEADER);
}

/* A header cut in the middle of a character, a quote opened in a record's first
 * field and never closed, a file separated by semicolons: each is refused with a
 * message that says where and why. */
static void
test_malformed_files (void)
{
  const char *cut_header = "Date,Views\xC3\n2024-06-01,5\n";
  const char *open_quote = "Date,Views\n\"2024-06-01,5\n2024-06-02,6\n";
  const char *doubled = "Date,Views\n2024-06-01,\"5\n\"\"6\n";
  const char *semicolons = "Date;Views\n2024-06-01;5\n";
  g_autoptr(GError) error = NULL;
  RallyStudioCsvResult *result;

  result = rally_studio_csv_parse ((const guint8 *) cut_header, strlen (cut_header), 2025, &error);
  g_assert_null (result);
  g_assert_error (error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (error->message, "Line 1, column 2:"));
  g_clear_error (&error);

  result = rally_studio_csv_parse ((const guint8 *) open_quote, strlen (open_quote), 2025, &error);
  g_assert_null (result);
  g_assert_error (error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "Line 2, column 1:"));
  g_clear_error (&error);

  /* a doubled quote inside the open one does not move where it began */
  result = rally_studio_csv_parse ((const guint8 *) doubled, strlen (doubled), 2025, &error);
  g_assert_null (result);
  g_assert_error (error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "Line 2, column 2:"));
  g_clear_error (&error);

  result = rally_studio_csv_parse ((const guint8 *) semicolons, strlen (semicolons), 2025, &error);
  g_assert_null (result);
  g_assert_error (error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_MISSING_COLUMN);
  g_assert_nonnull (strstr (error->message, "semicolons"));
}

/* Millions of bad rows are counted, not kept: the result holds the first ones, in
 * file order, and the rows that can be read. */
static void
test_many_rejections (void)
{
  g_autoptr(GString) text = g_string_new ("Date,Views\n");
  g_autoptr(RallyStudioCsvResult) result = NULL;
  guint bad = 3 * RALLY_STUDIO_CSV_MAX_REJECTIONS + 7;

  g_string_append (text, "2024-06-01,-1\n");
  for (guint i = 0; i < bad - 1; i++)
    g_string_append (text, "x\n");
  g_string_append (text, "2024-06-02,5\n");
  result = parse_string (text->str);

  g_assert_cmpuint (rally_studio_csv_n_rows (result), ==, 1);
  g_assert_cmpuint (overview_row (result, 0)->line, ==, bad + 2);
  g_assert_cmpuint (result->n_rejected, ==, bad);
  g_assert_cmpuint (result->rejections->len, ==, RALLY_STUDIO_CSV_MAX_REJECTIONS);
  assert_rejection (result, 0, 2, 2, "negative");
  g_assert_cmpuint (((RallyStudioCsvRejection *) g_ptr_array_index (result->rejections,
                                                                     RALLY_STUDIO_CSV_MAX_REJECTIONS - 1))->line,
                    ==, RALLY_STUDIO_CSV_MAX_REJECTIONS + 1);
}

/* Rally's video export puts an apostrophe before a title a spreadsheet would take
 * for a formula, or whose own apostrophe it would hide; read back, the title is the
 * video's again. A TikTok Studio file's titles are its own. */
static void
test_neutralized_titles (void)
{
  static const char * const titles[] = { "@friend look", "=1+1", "'tis the season", "''", "plain" };
  g_autoptr(GString) text = g_string_new ("Video ID,Video link,Video title,Post time,Total views,Total likes,"
                                          "Total comments,Total shares,Challenge,Creator,Region,Origin\r\n");
  g_autoptr(RallyStudioCsvResult) result = NULL;
  g_autoptr(RallyStudioCsvResult) studio = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_string_append_printf (text, "%u,,", i + 1);
      rally_csv_append_field (text, titles[i]);
      g_string_append (text, ",2024-06-01 10:00:00,5,1,0,0,walkforwater,ana,GB,organic\r\n");
    }
  result = parse_string (text->str);
  g_assert_cmpuint (result->content_rows->len, ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_assert_cmpstr (((RallyStudioContentRow *) g_ptr_array_index (result->content_rows, i))->title, ==, titles[i]);

  studio = parse_string ("Video ID,Video title,Post time,Total views\n"
                         "1,'@friend look,2024-06-01 10:00:00,5\n");
  g_assert_cmpstr (((RallyStudioContentRow *) g_ptr_array_index (studio->content_rows, 0))->title, ==, "'@friend look");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/studio-csv/overview/basic", test_overview_basic);
  g_test_add_func ("/studio-csv/overview/bom-crlf-yearless", test_bom_crlf_yearless);
  g_test_add_func ("/studio-csv/overview/year-rollover", test_year_rollover);
  g_test_add_func ("/studio-csv/overview/yearless-without-default", test_yearless_without_default);
  g_test_add_func ("/studio-csv/overview/thousands", test_thousands);
  g_test_add_func ("/studio-csv/overview/nbsp", test_nbsp);
  g_test_add_func ("/studio-csv/overview/slash-day-first", test_slash_day_first);
  g_test_add_func ("/studio-csv/overview/unknown-columns", test_unknown_columns);
  g_test_add_func ("/studio-csv/overview/date-formats", test_date_formats);
  g_test_add_func ("/studio-csv/reject/bad-dates", test_bad_dates);
  g_test_add_func ("/studio-csv/reject/negative", test_negative);
  g_test_add_func ("/studio-csv/reject/non-numeric", test_non_numeric);
  g_test_add_func ("/studio-csv/reject/bad-counts", test_bad_counts);
  g_test_add_func ("/studio-csv/content/quoted", test_content);
  g_test_add_func ("/studio-csv/content/ids", test_content_ids);
  g_test_add_func ("/studio-csv/file/cr-line-endings", test_cr_line_endings);
  g_test_add_func ("/studio-csv/file/errors", test_whole_file_errors);
  g_test_add_func ("/studio-csv/file/header", test_header_errors);
  g_test_add_func ("/studio-csv/file/malformed", test_malformed_files);
  g_test_add_func ("/studio-csv/reject/many", test_many_rejections);
  g_test_add_func ("/studio-csv/content/neutralized-titles", test_neutralized_titles);

  return g_test_run ();
}
