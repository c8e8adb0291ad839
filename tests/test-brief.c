/* test-brief.c
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

/* The creator brief and the sentences it is made of: money, the pledge sentence, dates,
 * regions; the Markdown export; the PDF export checked through pdftotext. */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "rally-brief.h"
#include "rally-format.h"
#include "rally-brief-pdf.h"
#include "rally-challenge-text.h"
#include "rally-regions.h"
#include "rally-test-util.h"

static char *tmp_dir;

static void
test_money (void)
{
  static const struct { gint64 minor; const char *currency; const char *expected; } cases[] = {
    { 200, "USD", "$2" },
    { 250, "USD", "$2.50" },
    { 205, "USD", "$2.05" },
    { 5000000, "USD", "$50,000" },
    { 10000000, "USD", "$100,000" },
    { 123456789, "EUR", "€1,234,567.89" },
    { 99, "GBP", "£0.99" },
    { 1200, "JPY", "¥1,200" },
    { 1234, "CHF", "CHF 12.34" },
    { 100, "xyz", "XYZ 1" },
    { 200, NULL, "$2" },
    { -150, "USD", "-$1.50" },
    { 0, "EUR", "€0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rally_money_format (cases[i].minor, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  g_assert_cmpuint (rally_currency_get_decimals ("JPY"), ==, 0);
  g_assert_cmpuint (rally_currency_get_decimals ("KRW"), ==, 0);
  g_assert_cmpuint (rally_currency_get_decimals ("USD"), ==, 2);
  g_assert_true (g_strv_contains (rally_currency_get_common (), "GBP"));
}

static void
test_pledge_sentence (void)
{
  static const struct {
    const char *sponsor; gint64 pledge, cap; const char *currency; const char *expected;
  } cases[] = {
    { "Acme", 200, 5000000, "USD", "For every video, Acme gives $2, up to $50,000" },
    { "TikTok", 200, 10000000, "USD", "For every video, TikTok gives $2, up to $100,000" },
    { "Acme", 150, 0, "EUR", "For every video, Acme gives €1.50" },
    { "  Acme  ", 200, 0, "USD", "For every video, Acme gives $2" },
    { NULL, 200, 5000000, "GBP", "For every video, £2 goes to the cause, up to £50,000" },
    { "", 100, 0, "USD", "For every video, $1 goes to the cause" },
    { "Ñandú Café", 100, 100000, "EUR", "For every video, Ñandú Café gives €1, up to €1,000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rally_pledge_sentence_format (cases[i].sponsor, cases[i].pledge,
                                                            cases[i].cap, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  /* No pledge, no sentence: a sponsor alone pledges nothing. */
  g_assert_null (rally_pledge_sentence_format ("Acme", 0, 5000000, "USD"));
}

static void
test_dates (void)
{
  gint64 start = 1796083200; /* 2026-12-01 00:00 UTC */
  gint64 end = 1798675200;   /* 2026-12-31 00:00 UTC */
  gint64 next_year = 1800057600; /* 2027-01-16 00:00 UTC */
  g_autofree char *both = rally_format_day_range (start, end);
  g_autofree char *from = rally_format_day_range (start, 0);
  g_autofree char *until = rally_format_day_range (0, end);
  g_autofree char *across = rally_format_day_range (start, next_year);

  /* One way of writing a range everywhere: the year once when both days share it. */
  g_assert_cmpstr (both, ==, "1 Dec – 31 Dec 2026");
  g_assert_cmpstr (from, ==, "From 1 Dec 2026");
  g_assert_cmpstr (until, ==, "Until 31 Dec 2026");
  g_assert_cmpstr (across, ==, "1 Dec 2026 – 16 Jan 2027");
  g_assert_null (rally_format_day_range (0, 0));
}

static void
test_regions (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) codes = NULL;
  g_auto(GStrv) empty = NULL;
  g_auto(GStrv) bad = NULL;
  g_autofree char *joined = NULL;

  g_assert_true (rally_region_is_known ("GB"));
  g_assert_true (rally_region_is_known ("ZW"));
  g_assert_true (rally_region_is_known ("AD"));
  g_assert_false (rally_region_is_known ("UK"));
  g_assert_false (rally_region_is_known ("gb"));
  g_assert_false (rally_region_is_known ("GBR"));

  codes = rally_regions_parse (" gb, ke;in  Gb\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (codes), ==, 3);
  g_assert_cmpstr (codes[0], ==, "GB");
  g_assert_cmpstr (codes[1], ==, "KE");
  g_assert_cmpstr (codes[2], ==, "IN");
  joined = rally_regions_join ((const char * const *) codes);
  g_assert_cmpstr (joined, ==, "GB, KE, IN");

  empty = rally_regions_parse (" , ", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (empty), ==, 0);

  bad = rally_regions_parse ("GB, UK, FR", &error);
  g_assert_null (bad);
  g_assert_error (error, RALLY_REGIONS_ERROR, RALLY_REGIONS_ERROR_UNKNOWN_CODE);
  g_assert_nonnull (strstr (error->message, "“UK”"));
}

static RallyBrief *
make_brief (void)
{
  RallyBrief *brief = rally_brief_new ();
  static const char *safeguarding[] = {
    "Consent: a parent or guardian agrees before anyone under 18 posts",
    "No personal data is asked of participants",
    NULL
  };

  brief->hashtag = g_strdup ("ActForClimate");
  brief->title = g_strdup ("Act for Climate");
  brief->dates = rally_format_day_range (1796083200, 1798675200);
  brief->brief = g_strdup ("Film one thing you changed at home to save energy.\nShow it in 15 seconds.");
  brief->call_to_action = g_strdup ("Tag three friends to join in");
  brief->rules = g_strdup ("Original footage only.");
  brief->sound_notes = g_strdup ("Use the “Wind Turbine” sound");
  brief->sponsor = g_strdup ("Acme Energy");
  brief->pledge_sentence = rally_pledge_sentence_format (brief->sponsor, 200, 5000000, "USD");
  brief->audience = g_strdup ("13 and over");
  brief->safeguarding = g_strdupv ((char **) safeguarding);

  return brief;
}

static void
test_markdown (void)
{
  g_autoptr(RallyBrief) brief = make_brief ();
  g_autoptr(RallyBrief) copy = rally_brief_copy (brief);
  g_autoptr(GError) error = NULL;
  g_autofree char *md = rally_brief_to_markdown (copy);
  g_autofree char *path = g_build_filename (tmp_dir, "brief.md", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *name = rally_brief_suggest_filename (brief, "md");

  g_assert_true (g_str_has_prefix (md, "# \\#ActForClimate\n\n**Act for Climate**\n"));
  g_assert_nonnull (strstr (md, "Film one thing you changed at home to save energy.  \nShow it in 15 seconds."));
  g_assert_nonnull (strstr (md, "## Donations\n\nFor every video, Acme Energy gives $2, up to $50,000\n"));
  g_assert_nonnull (strstr (md, "## Safeguarding\n\n- Consent:"));
  g_assert_nonnull (strstr (md, "1 Dec – 31 Dec 2026"));
  g_assert_true (g_str_has_suffix (md, "participants\n"));
  g_assert_cmpstr (name, ==, "ActForClimate-brief.md");

  g_assert_true (rally_brief_write_markdown (brief, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, md);
}

static void
test_markdown_escapes (void)
{
  g_autoptr(RallyBrief) brief = rally_brief_new ();
  g_autofree char *md = NULL;

  brief->hashtag = g_strdup ("dance_for_change");
  brief->brief = g_strdup ("# not a heading\n- not a list\nuse *stars*");
  md = rally_brief_to_markdown (brief);

  g_assert_true (g_str_has_prefix (md, "# \\#dance\\_for\\_change\n"));
  g_assert_nonnull (strstr (md, "\\# not a heading  \n\\- not a list  \nuse \\*stars\\*"));
  /* Empty sections are left out. */
  g_assert_null (strstr (md, "## Rules"));
  g_assert_null (strstr (md, "## Safeguarding"));
}

/* Like strstr(), but through the NUL bytes of a binary file. */
static gboolean
contains_bytes (const char *haystack,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    {
      if (memcmp (haystack + i, needle, n) == 0)
        return TRUE;
    }

  return FALSE;
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

/* pdftotext breaks lines where the PDF wraps them: compare with whitespace folded. */
static char *
fold_spaces (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n\f\t", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }

  return g_string_free (out, FALSE);
}

static void
test_pdf (void)
{
  g_autoptr(RallyBrief) brief = make_brief ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "brief.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *folded = NULL;
  gsize length = 0;

  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  g_assert_true (rally_brief_write_pdf (brief, path, RALLY_PAPER_A4, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_true (contains_bytes (contents, length, "/MediaBox [ 0 0 595.276 841.89 ]"));
  /* The file is complete: it ends with the end-of-file marker. */
  g_assert_true (strncmp (contents + length - 6, "%%EOF\n", 6) == 0 ||
                 strncmp (contents + length - 5, "%%EOF", 5) == 0);

  text = pdf_text (path);
  folded = fold_spaces (text);
  g_assert_nonnull (strstr (folded, "#ActForClimate"));
  g_assert_nonnull (strstr (folded, "Film one thing you changed at home to save energy. Show it in 15 seconds."));
  g_assert_nonnull (strstr (folded, "For every video, Acme Energy gives $2, up to $50,000"));
  g_assert_nonnull (strstr (folded, "No personal data is asked of participants"));
  g_assert_nonnull (strstr (folded, "Acme Energy"));
}

static void
test_pdf_long_and_scripts (void)
{
  g_autoptr(RallyBrief) brief = rally_brief_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "long.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *folded = NULL;
  GString *body = g_string_new (NULL);

  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (body, "Step %u: film, share and tag a friend.\n", i);
  g_string_append (body, "LAST-LINE-MARKER");
  brief->hashtag = g_strdup ("BailaPorElClimaÑ");
  brief->brief = g_string_free (body, FALSE);
  brief->rules = g_strdup ("Règles : pas de données personnelles.");

  g_assert_true (rally_brief_write_pdf (brief, path, RALLY_PAPER_LETTER, &error));
  g_assert_no_error (error);

  /* US Letter, as asked. */
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    g_assert_true (contains_bytes (contents, length, "/MediaBox [ 0 0 612 792 ]"));
  }

  text = pdf_text (path);
  folded = fold_spaces (text);
  /* Long text flows onto later pages and nothing is lost. */
  g_assert_nonnull (strchr (text, '\f'));
  g_assert_nonnull (strstr (folded, "Step 0: film"));
  g_assert_nonnull (strstr (folded, "Step 299: film, share and tag a friend."));
  g_assert_nonnull (strstr (folded, "LAST-LINE-MARKER"));
  g_assert_nonnull (strstr (folded, "#BailaPorElClimaÑ"));
  g_assert_nonnull (strstr (folded, "Règles : pas de données personnelles."));
}

static void
test_pdf_failure_keeps_file (void)
{
  g_autoptr(RallyBrief) brief = make_brief ();
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (tmp_dir, "no-such-folder", "brief.pdf", NULL);
  g_autofree char *dir = g_build_filename (tmp_dir, "keep", NULL);
  g_autofree char *target = g_build_filename (dir, "brief.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n_files = 0;

  /* A folder that does not exist: a clear error, nothing written. */
  g_assert_false (rally_brief_write_pdf (brief, missing, RALLY_PAPER_A4, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "brief.pdf"));
  g_clear_error (&error);

  /* Overwriting replaces the old file whole and leaves no temporary file. */
  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_true (rally_brief_write_pdf (brief, target, RALLY_PAPER_A4, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);
}

static void
test_paper (void)
{
  double w, h;

  g_assert_cmpint (rally_paper_for_width_mm (216), ==, RALLY_PAPER_LETTER);
  g_assert_cmpint (rally_paper_for_width_mm (210), ==, RALLY_PAPER_A4);
  g_assert_cmpint (rally_paper_for_locale_name ("en_US.UTF-8"), ==, RALLY_PAPER_LETTER);
  g_assert_cmpint (rally_paper_for_locale_name ("fr_CA.UTF-8"), ==, RALLY_PAPER_LETTER);
  g_assert_cmpint (rally_paper_for_locale_name ("en_GB.UTF-8"), ==, RALLY_PAPER_A4);
  g_assert_cmpint (rally_paper_for_locale_name ("C"), ==, RALLY_PAPER_A4);
  g_assert_cmpint (rally_paper_for_locale_name (NULL), ==, RALLY_PAPER_A4);

  rally_paper_get_size (RALLY_PAPER_LETTER, &w, &h);
  g_assert_cmpfloat (w, ==, 612.0);
  g_assert_cmpfloat (h, ==, 792.0);
  rally_paper_get_size (RALLY_PAPER_A4, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 595.276, 0.01);

  /* Whatever the locale, the answer is one of the two. */
  g_assert_true (rally_paper_for_locale () == RALLY_PAPER_A4 ||
                 rally_paper_for_locale () == RALLY_PAPER_LETTER);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmp_dir = rally_test_isolate_user_dirs ();
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/brief/money", test_money);
  g_test_add_func ("/brief/pledge-sentence", test_pledge_sentence);
  g_test_add_func ("/brief/dates", test_dates);
  g_test_add_func ("/brief/regions", test_regions);
  g_test_add_func ("/brief/markdown", test_markdown);
  g_test_add_func ("/brief/markdown-escapes", test_markdown_escapes);
  g_test_add_func ("/brief/pdf", test_pdf);
  g_test_add_func ("/brief/pdf-long-and-scripts", test_pdf_long_and_scripts);
  g_test_add_func ("/brief/pdf-failure-keeps-file", test_pdf_failure_keeps_file);
  g_test_add_func ("/brief/paper", test_paper);

  ret = g_test_run ();
  rally_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
