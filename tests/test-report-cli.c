/* test-report-cli.c
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

/* `rally report`: the PDF of a campaign or a challenge over a range, on a workspace
 * built by hand, and its errors. The text is read back with pdftotext when it is
 * installed. */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "rally-date-utils.h"
#include "rally-store-events.h"
#include "rally-store.h"
#include "rally-test-util.h"
#include "rally-test-workspace.h"

#define MARCH(d) (rally_day_from_ymd (2024, 3, (d)))

typedef struct
{
  char *dir;
  char *pdf;
} Fixture;

static void
save_event (RallyStore *store,
            gint64      campaign_id,
            const char *title,
            gint64      first_day,
            gint64      last_day)
{
  g_autoptr(RallyEvent) event = rally_event_new ();
  g_autoptr(GError) error = NULL;

  rally_event_set_campaign_id (event, campaign_id);
  rally_event_set_title (event, title);
  rally_event_set_first_day (event, first_day);
  rally_event_set_last_day (event, last_day);
  g_assert_true (rally_store_save_event (store, event, &error));
  g_assert_no_error (error);
}

/* "Clean Water Run" (goal 5K views, March 2024) with #waterwalk, whose roster names
 * ana: videos by ana (seeded) and ben (organic) in March, one by ben in January. */
static void
fill (RallyStore *store)
{
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autoptr(GError) error = NULL;
  const char * const roster[] = { "ana", NULL };
  RallyVideo *videos[3] = {
    rally_test_make_video (1, "ana", MARCH (5) + 3600, 1000),
    rally_test_make_video (2, "ben", MARCH (12) + 3600, 3000),
    rally_test_make_video (3, "ben", rally_day_from_ymd (2024, 1, 10), 900000),
  };

  rally_campaign_set_name (campaign, "Clean Water Run");
  rally_campaign_set_goal_views (campaign, 5000);
  rally_campaign_set_currency (campaign, "USD");
  rally_campaign_set_start_date (campaign, MARCH (1));
  rally_campaign_set_end_date (campaign, MARCH (31));
  g_assert_true (rally_store_save_campaign (store, campaign, &error));
  g_assert_no_error (error);

  rally_challenge_set_hashtag (challenge, "waterwalk");
  rally_challenge_set_campaign_id (challenge, rally_campaign_get_id (campaign));
  rally_challenge_set_partners (challenge, roster);
  rally_challenge_set_pledge_per_video (challenge, 250);
  rally_challenge_set_currency (challenge, "USD");
  g_assert_true (rally_store_save_challenge (store, challenge, &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_upsert_videos (store, rally_challenge_get_id (challenge), videos, 3, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (videos); i++)
    g_object_unref (videos[i]);

  save_event (store, rally_campaign_get_id (campaign), "Launch livestream", MARCH (8), MARCH (8));
  save_event (store, rally_campaign_get_id (campaign), "Old press day", rally_day_from_ymd (2023, 6, 1),
              rally_day_from_ymd (2023, 6, 1));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RallyStore *store;

  f->dir = g_dir_make_tmp ("rally-report-XXXXXX", &error);
  g_assert_no_error (error);
  f->pdf = g_build_filename (f->dir, "report.pdf", NULL);
  store = rally_store_open (f->dir, &error);
  g_assert_no_error (error);
  fill (store);
  g_object_unref (store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rally_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->pdf);
}

/* Runs rally with @args (NULL-terminated); returns its exit status, its stderr in @err. */
static int
run_rally (const char * const  *args,
           char               **err)
{
  return rally_test_run_rally (args, err);
}

static void
assert_is_pdf (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (data, "%PDF"));
}

/* The PDF's text, or NULL (the test skipped) without pdftotext. */
static char *
pdf_text (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  const char *argv[] = { program, "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (program == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return NULL;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_report_campaign (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  const char *args[] = {
    "report", "--campaign", "clean water run", "--from", "2024-03-01", "--to", "2024-03-31",
    "--organisation", "Water For All Trust", "-o", f->pdf, "--workspace", f->dir, NULL,
  };

  g_assert_cmpint (run_rally (args, &err), ==, 0);
  g_assert_nonnull (strstr (err, f->pdf));
  assert_is_pdf (f->pdf);

  text = pdf_text (f->pdf);
  if (text == NULL)
    return;
  g_assert_nonnull (strstr (text, "Water For All Trust"));
  g_assert_nonnull (strstr (text, "Clean Water Run"));
  g_assert_nonnull (strstr (text, "Fri 1 Mar 2024 – Sun 31 Mar 2024"));
  g_assert_nonnull (strstr (text, "Generated on"));
  g_assert_nonnull (strstr (text, "Goal 5K"));
  g_assert_nonnull (strstr (text, "Launch livestream"));
  /* an event out of the range is left out */
  g_assert_null (strstr (text, "Old press day"));
  /* the range's videos only: 2 videos, 4K views, 2 × $2.50 */
  g_assert_nonnull (strstr (text, "4K"));
  g_assert_nonnull (strstr (text, "Raised in the range: $5; in all, to date: $7.50"));
  g_assert_null (strstr (text, "904K"));
  /* the split: ana's seeded video has a quarter of the views */
  g_assert_nonnull (strstr (text, "Seeded"));
  g_assert_nonnull (strstr (text, "25"));
  g_assert_nonnull (strstr (text, "Where the numbers come from"));
}

static void
test_report_challenge (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *logo = g_build_filename (f->dir, "no-logo.png", NULL);
  const char *args[] = {
    "--workspace", f->dir, "report", "--challenge", "#waterwalk", "--from", "2024-01-01", "--to", "2024-03-31",
    "--logo", logo, "--output", f->pdf, NULL,
  };

  /* a logo that cannot be read is said, and the report made without it */
  g_assert_cmpint (run_rally (args, &err), ==, 0);
  g_assert_nonnull (strstr (err, "could not be read"));
  g_assert_nonnull (strstr (err, "no-logo.png"));
  assert_is_pdf (f->pdf);

  text = pdf_text (f->pdf);
  if (text == NULL)
    return;
  g_assert_nonnull (strstr (text, "Challenge report"));
  g_assert_nonnull (strstr (text, "#waterwalk"));
  g_assert_nonnull (strstr (text, "Mon 1 Jan 2024 – Sun 31 Mar 2024"));
  g_assert_nonnull (strstr (text, "904K"));
}

static void
assert_fails (const char * const *args,
              const char         *message)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (run_rally (args, &err), !=, 0);
  if (strstr (err, message) == NULL)
    g_error ("expected “%s” in: %s", message, err);
}

static void
test_report_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *missing_dir = g_build_filename (f->dir, "no-such-folder", "report.pdf", NULL);
  g_autofree char *kept = NULL;
  const char *bad_date[] = { "report", "-w", f->dir, "--campaign", "Clean Water Run", "--from", "2024-02-30",
                             "-o", f->pdf, NULL };
  const char *loose_date[] = { "report", "-w", f->dir, "--campaign", "Clean Water Run", "--to", "31/03/2024",
                               "-o", f->pdf, NULL };
  const char *backwards[] = { "report", "-w", f->dir, "--campaign", "Clean Water Run", "--from", "2024-03-31",
                              "--to", "2024-03-01", "-o", f->pdf, NULL };
  const char *no_campaign[] = { "report", "-w", f->dir, "--campaign", "Dry Run", "-o", f->pdf, NULL };
  const char *no_challenge[] = { "report", "-w", f->dir, "--challenge", "nope", "-o", f->pdf, NULL };
  const char *both[] = { "report", "-w", f->dir, "--challenge", "waterwalk", "--campaign", "Clean Water Run",
                         "-o", f->pdf, NULL };
  const char *no_output[] = { "report", "-w", f->dir, "--challenge", "waterwalk", NULL };
  const char *unwritable[] = { "report", "-w", f->dir, "--challenge", "waterwalk", "-o", missing_dir, NULL };

  g_assert_true (g_file_set_contents (f->pdf, "earlier", -1, NULL));

  assert_fails (bad_date, "“2024-02-30” is not a date");
  assert_fails (loose_date, "“31/03/2024” is not a date");
  assert_fails (backwards, "the range starts (2024-03-31) after it ends (2024-03-01)");
  assert_fails (no_campaign, "there is no campaign named “Dry Run”");
  assert_fails (no_challenge, "there is no challenge with the hashtag #nope");
  assert_fails (both, "name one campaign");
  assert_fails (no_output, "-o FILE.pdf");
  assert_fails (unwritable, "could not write");
  g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));

  /* nothing half-written: the earlier file is as it was */
  g_assert_true (g_file_get_contents (f->pdf, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "earlier");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report-cli/campaign", Fixture, NULL, fixture_set_up, test_report_campaign, fixture_tear_down);
  g_test_add ("/report-cli/challenge", Fixture, NULL, fixture_set_up, test_report_challenge, fixture_tear_down);
  g_test_add ("/report-cli/errors", Fixture, NULL, fixture_set_up, test_report_errors, fixture_tear_down);

  return g_test_run ();
}
