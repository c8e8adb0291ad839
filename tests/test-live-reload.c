/* test-live-reload.c
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

/* The real application, with its window open, while `rally import` runs as another
 * process on the same workspace: what it wrote shows in the lists within 2 s, and
 * an editor open at the time keeps what was typed and says what happened. */

#include "config.h"

#include <adwaita.h>

#include "rally-application.h"
#include "rally-backup.h"
#include "rally-campaign-editor.h"
#include "rally-conflict-banner.h"
#include "rally-test-util.h"
#include "rally-window.h"
#include "rally-test-app.h"
#include "rally-test-ui.h"

#define NOTICE_WITHIN_US (2 * G_USEC_PER_SEC)

static RallyApplication *the_app;
static char *tmp_dir;

static RallyWindow *
open_window (void)
{
  return rally_test_app_window (&the_app, NULL);
}

/* A backup holding one campaign and one challenge, written by a store of its own. */
static char *
make_backup (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "elsewhere", NULL);
  char *path = g_build_filename (tmp_dir, "backup.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RallyStore) store = rally_store_open (dir, NULL);
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (store);
  rally_campaign_set_name (campaign, "Clean Water Week");
  rally_store_save_campaign (store, campaign, &error);
  g_assert_no_error (error);
  rally_challenge_set_hashtag (challenge, "WaterForAll");
  rally_challenge_set_title (challenge, "Water for All");
  rally_store_save_challenge (store, challenge, &error);
  g_assert_no_error (error);
  rally_backup_export_file (store, file, NULL, NULL, &error);
  g_assert_no_error (error);

  return path;
}

/* Runs `rally import ARGS… --data-dir <the app's workspace>` as another process,
 * keeping the window's main loop running meanwhile, as it would be. */
static void
run_rally_import (const char *file,
                  const char *option)
{
  RallyStore *store = rally_application_get_store (the_app);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  g_assert_nonnull (g_getenv ("RALLY_BIN"));
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              g_getenv ("RALLY_BIN"), "import", file, "--data-dir",
                              rally_store_get_data_dir (store), option, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, rally_test_store_result_cb, &result);
  rally_test_wait_result (&result);
  g_subprocess_wait_check_finish (process, result, &error);
  g_assert_no_error (error);
  g_object_unref (result);
}

/* Opens the campaign editor on @campaign over @window and types @text as its name. */
static RallyCampaignEditor *
open_editor (RallyWindow          *window,
             RallyCampaign        *campaign,
             const char           *text,
             AdwEntryRow         **name_row,
             RallyConflictBanner **banner)
{
  RallyCampaignEditor *editor = rally_campaign_editor_new (rally_application_get_store (the_app), campaign);

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (editor));
  rally_test_iterate ();
  *name_row = ADW_ENTRY_ROW (gtk_widget_get_template_child (GTK_WIDGET (editor), RALLY_TYPE_CAMPAIGN_EDITOR,
                                                            "name_row"));
  *banner = RALLY_CONFLICT_BANNER (gtk_widget_get_template_child (GTK_WIDGET (editor), RALLY_TYPE_CAMPAIGN_EDITOR,
                                                                  "conflict_banner"));
  gtk_editable_set_text (GTK_EDITABLE (*name_row), text);

  return editor;
}

static void
test_import_shows_up (void)
{
  RallyWindow *window = open_window ();
  RallyStore *store = rally_application_get_store (the_app);
  g_autofree char *backup = make_backup ();
  g_autoptr(RallyCampaign) edited = rally_campaign_new ();
  g_autoptr(GError) error = NULL;
  RallyCampaignEditor *editor;
  AdwEntryRow *name_row;
  RallyConflictBanner *banner;
  gint64 took;

  /* The workspace holds a campaign being edited, with typed text not saved yet. */
  rally_campaign_set_name (edited, "Old Campaign");
  rally_store_save_campaign (store, edited, &error);
  g_assert_no_error (error);
  rally_test_iterate ();
  g_assert_true (rally_test_wait_for_label (GTK_WIDGET (window), "Old Campaign", NOTICE_WITHIN_US) < NOTICE_WITHIN_US);

  editor = open_editor (window, edited, "Typed but not saved", &name_row, &banner);
  g_assert_cmpint (rally_conflict_banner_get_state (banner), ==, RALLY_RECORD_UNCHANGED);

  /* Another process swaps the workspace for the backup. */
  run_rally_import (backup, "--replace");

  took = rally_test_wait_for_label (rally_window_get_page (window, "campaigns"), "Clean Water Week", NOTICE_WITHIN_US);
  g_test_message ("the imported campaign showed after %" G_GINT64_FORMAT " ms", took / 1000);
  g_assert_cmpint (took, <, NOTICE_WITHIN_US);
  g_assert_false (rally_test_shows_label (rally_window_get_page (window, "campaigns"), "Old Campaign"));

  /* The editor kept the typed text, and says the campaign is no longer as loaded. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Typed but not saved");
  g_assert_cmpint (rally_conflict_banner_get_state (banner), !=, RALLY_RECORD_UNCHANGED);
  g_assert_cmpint (rally_test_wait_for_label (GTK_WIDGET (banner), rally_conflict_banner_get_text (banner),
                                              NOTICE_WITHIN_US), <, NOTICE_WITHIN_US);
  g_assert_cmpstr (rally_conflict_banner_get_text (banner), !=, "");
  gtk_window_destroy (GTK_WINDOW (editor));

  /* The Challenges page shows the imported challenge too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "challenges"));
  took = rally_test_wait_for_label (rally_window_get_page (window, "challenges"), "Water for All", NOTICE_WITHIN_US);
  g_assert_cmpint (took, <, NOTICE_WITHIN_US);
}

/* An editor whose record another process deleted says so, and saving keeps what was
 * typed as a new record instead of failing or writing over nothing. */
static void
test_deleted_underneath (void)
{
  RallyWindow *window = open_window ();
  RallyStore *store = rally_application_get_store (the_app);
  g_autoptr(RallyCampaign) edited = rally_campaign_new ();
  g_autoptr(RallyStore) other = NULL;
  g_autoptr(GError) error = NULL;
  RallyCampaignEditor *editor;
  RallyConflictBanner *banner;
  AdwEntryRow *name_row;
  gint64 start;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "campaigns"));
  rally_campaign_set_name (edited, "Going Away");
  rally_store_save_campaign (store, edited, &error);
  g_assert_no_error (error);
  editor = open_editor (window, edited, "Kept After All", &name_row, &banner);

  /* Another connection (as another Rally process would) deletes it. */
  other = rally_store_open (rally_store_get_data_dir (store), &error);
  g_assert_no_error (error);
  rally_store_delete_campaign (other, rally_campaign_get_id (edited), &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  while (rally_conflict_banner_get_state (banner) != RALLY_RECORD_DELETED &&
         g_get_monotonic_time () - start < NOTICE_WITHIN_US)
    {
      g_usleep (10000);
      rally_test_iterate ();
    }
  g_assert_cmpint (rally_conflict_banner_get_state (banner), ==, RALLY_RECORD_DELETED);
  g_assert_cmpint (rally_test_wait_for_label (GTK_WIDGET (editor), rally_conflict_banner_get_text (banner),
                                              NOTICE_WITHIN_US), <, NOTICE_WITHIN_US);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Kept After All");

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  rally_test_iterate ();
  g_assert_null (editor);
  g_assert_cmpint (rally_test_wait_for_label (rally_window_get_page (window, "campaigns"), "Kept After All",
                                              NOTICE_WITHIN_US), <, NOTICE_WITHIN_US);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmp_dir = rally_test_isolate_user_dirs ();
  g_test_init (&argc, &argv, NULL);

  if (!rally_test_init_gtk ())
    {
      g_test_skip ("No display");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/live-reload/import-shows-up", test_import_shows_up);
  g_test_add_func ("/live-reload/deleted-underneath", test_deleted_underneath);

  ret = g_test_run ();
  g_clear_object (&the_app);
  rally_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
