/* test-import-dialog.c
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

/* The import preview: it lists rejected rows with line and column and the ignored
 * columns, offers the right targets, and "Import" stores the readable rows. */

#include "config.h"

#include <adwaita.h>

#include "rally-backup.h"
#include "rally-import-dialog.h"
#include "rally-store-account.h"
#include "rally-test-util.h"
#include "rally-test-workspace.h"
#include "rally-test-ui.h"

static RallyStudioCsvResult *
parse_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", name, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  RallyStudioCsvResult *result;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  result = rally_studio_csv_parse ((const guint8 *) data, length, 2024, &error);
  g_assert_no_error (error);

  return result;
}

static RallyStore *
open_store (char **dir)
{
  g_autoptr(GError) error = NULL;
  RallyStore *store;

  *dir = g_dir_make_tmp ("rally-import-dialog-XXXXXX", NULL);
  store = rally_store_open (*dir, &error);
  g_assert_no_error (error);

  return store;
}

/* Calls @func on @widget and every descendant. */
static void
walk (GtkWidget *widget,
      void     (*func) (GtkWidget *widget, gpointer data),
      gpointer   data)
{
  func (widget, data);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (child, func, data);
}

static void
collect_row_titles (GtkWidget *widget,
                    gpointer   data)
{
  if (ADW_IS_ACTION_ROW (widget))
    g_ptr_array_add (data, (gpointer) adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
}

static gboolean
has_row_starting_with (GtkWidget  *dialog,
                       const char *prefix)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();

  walk (dialog, collect_row_titles, titles);
  for (guint i = 0; i < titles->len; i++)
    {
      if (g_str_has_prefix (g_ptr_array_index (titles, i), prefix))
        return TRUE;
    }

  return FALSE;
}

static void
find_visible_label (GtkWidget *widget,
                    gpointer   data)
{
  const char **text = data;

  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), *text) == 0 &&
      gtk_widget_get_visible (gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP)))
    *text = NULL;
}

static gboolean
shows_label (GtkWidget  *dialog,
             const char *text)
{
  walk (dialog, find_visible_label, &text);
  return text == NULL;
}

static void
test_content_preview (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RallyStore) store = open_store (&dir);
  g_autoptr(GListModel) videos = NULL;
  g_autoptr(RallyChallenge) dance = NULL;
  GtkWidget *dialog;

  rally_test_fill_workspace (store, 0);
  dance = rally_store_find_challenge (store, "DanceForChange");
  dialog = GTK_WIDGET (rally_import_dialog_new (NULL, store, "content.csv", parse_fixture ("content-quoted.csv")));
  g_object_ref_sink (dialog);

  g_assert_true (has_row_starting_with (dialog, "Line 5, column 2 (Video link)"));
  /* without a window, the toast's text goes to the log */
  g_test_expect_message ("RallyImportDialog", G_LOG_LEVEL_MESSAGE, "Imported: 2 new rows");
  g_assert_true (gtk_widget_activate_action (dialog, "import.confirm", NULL));
  g_test_assert_expected_messages ();

  /* The first challenge was offered first. */
  videos = rally_store_list_videos (store, rally_challenge_get_id (dance), RALLY_VIDEO_SORT_VIEWS, 10);
  g_assert_cmpuint (g_list_model_get_n_items (videos), ==, 2);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  g_clear_object (&store);
  rally_test_remove_tree (dir);
}

static void
test_overview_preview (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RallyStore) store = open_store (&dir);
  g_autoptr(GPtrArray) snapshots = NULL;
  GtkWidget *dialog;

  dialog = GTK_WIDGET (rally_import_dialog_new (NULL, store, "overview.csv", parse_fixture ("overview-unknown-columns.csv")));
  g_object_ref_sink (dialog);

  g_assert_true (shows_label (dialog, "Engagement rate, Notes"));
  g_assert_false (has_row_starting_with (dialog, "Line "));
  g_assert_true (gtk_widget_activate_action (dialog, "import.confirm", NULL));

  snapshots = rally_store_query_snapshots (store, 0, 0, 0);
  g_assert_cmpuint (snapshots->len, ==, 2);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  g_clear_object (&store);
  rally_test_remove_tree (dir);
}

static void
find_reason (GtkWidget *widget,
             gpointer   data)
{
  const char **text = data;

  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") && gtk_widget_get_visible (widget))
    *text = gtk_label_get_text (GTK_LABEL (widget));
}

/* The line that says why Import cannot be pressed, or NULL. */
static const char *
reason_shown (GtkWidget *dialog)
{
  const char *text = NULL;

  walk (dialog, find_reason, &text);
  return text;
}

static GtkWidget *
new_dialog (RallyStore *store,
            const char *fixture)
{
  GtkWidget *dialog = GTK_WIDGET (rally_import_dialog_new (NULL, store, fixture, parse_fixture (fixture)));

  return g_object_ref_sink (dialog);
}

static void
close_dialog (GtkWidget *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
find_import_button (GtkWidget *widget,
                    gpointer   data)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Import") == 0)
    *(GtkWidget **) data = widget;
}

static gboolean
can_import (GtkWidget *dialog)
{
  GtkWidget *button = NULL;

  walk (dialog, find_import_button, &button);
  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

static void
find_combo (GtkWidget *widget,
            gpointer   data)
{
  if (ADW_IS_COMBO_ROW (widget))
    *(AdwComboRow **) data = ADW_COMBO_ROW (widget);
}

static void
find_entry_row (GtkWidget *widget,
                gpointer   data)
{
  if (ADW_IS_ENTRY_ROW (widget))
    *(AdwEntryRow **) data = ADW_ENTRY_ROW (widget);
}

static const char *
selected_target_name (GtkWidget *dialog)
{
  AdwComboRow *combo = NULL;
  g_autoptr(GtkStringObject) item = NULL;

  walk (dialog, find_combo, &combo);
  item = g_list_model_get_item (adw_combo_row_get_model (combo), adw_combo_row_get_selected (combo));
  return g_intern_string (gtk_string_object_get_string (item));
}

static void
find_subtitle (GtkWidget *widget,
               gpointer   data)
{
  const char **text = data;

  if (ADW_IS_ACTION_ROW (widget) && g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), *text) == 0)
    *text = NULL;
  /* the meaning of the chosen target is its group's description */
  if (ADW_IS_PREFERENCES_GROUP (widget) &&
      g_strcmp0 (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)), *text) == 0)
    *text = NULL;
}

static gboolean
has_subtitle (GtkWidget  *dialog,
              const char *text)
{
  walk (dialog, find_subtitle, &text);
  return text == NULL;
}

/* Videos and no challenge yet: Import is not greyed out. Without a hashtag in the
 * titles the videos are kept as the account's own; asking for a new challenge then
 * says that its hashtag must be typed. */
static void
test_no_challenge (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RallyStore) store = open_store (&dir);
  g_autoptr(RallyAccount) account = NULL;
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog = new_dialog (store, "content-quoted.csv");
  AdwComboRow *combo = NULL;

  g_assert_cmpstr (selected_target_name (dialog), ==, "Your account");
  g_assert_true (can_import (dialog));
  g_assert_null (reason_shown (dialog));

  walk (dialog, find_combo, &combo);
  adw_combo_row_set_selected (combo, 0);
  g_assert_cmpstr (selected_target_name (dialog), ==, "New challenge");
  g_assert_cmpstr (reason_shown (dialog), ==, "Type the new challenge’s hashtag: none of the videos’ titles has one.");
  g_assert_false (can_import (dialog));
  gtk_widget_activate_action (dialog, "import.confirm", NULL);
  g_assert_true (rally_backup_store_is_blank (store));

  adw_combo_row_set_selected (combo, 1);
  g_assert_null (reason_shown (dialog));
  g_assert_true (gtk_widget_activate_action (dialog, "import.confirm", NULL));
  close_dialog (dialog);

  account = rally_store_get_account (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  own = rally_store_query_account_videos (store, account->open_id, 0, &error);
  g_assert_cmpuint (own->len, ==, 2);
  g_assert_cmpint (((RallyFetchedVideo *) g_ptr_array_index (own, 0))->views, ==, 81000);
  g_assert_cmpstr (((RallyFetchedVideo *) g_ptr_array_index (own, 0))->share_url, ==,
                   "https://www.tiktok.com/@ifad/video/7234567890123456789");

  g_clear_object (&store);
  rally_test_remove_tree (dir);
}

/* Videos whose titles carry a hashtag, and no challenge yet: the new challenge is
 * offered first, its hashtag the titles' most common one and its dates the first and
 * last posting days; Import creates it (a draft) with the videos. */
static void
test_new_challenge (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RallyStore) store = open_store (&dir);
  g_autoptr(RallyChallenge) challenge = NULL;
  g_autoptr(GListModel) videos = NULL;
  GtkWidget *dialog = new_dialog (store, "content-hashtags.csv");
  AdwEntryRow *hashtag = NULL;

  g_assert_cmpstr (selected_target_name (dialog), ==, "New challenge");
  g_assert_true (has_subtitle (dialog, "A draft challenge from Sat 1 Jun 2024 to Sun 9 Jun 2024, when the videos were posted"));
  walk (dialog, find_entry_row, &hashtag);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (hashtag)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hashtag)), ==, "WalkForWater");
  g_assert_null (reason_shown (dialog));
  /* the column Rally does not keep is listed */
  g_assert_true (shows_label (dialog, "Average watch time"));

  g_assert_true (can_import (dialog));
  gtk_editable_set_text (GTK_EDITABLE (hashtag), "Walk For Water");
  g_assert_nonnull (reason_shown (dialog));
  g_assert_false (can_import (dialog));
  gtk_editable_set_text (GTK_EDITABLE (hashtag), "WalkForWater");
  g_assert_true (gtk_widget_activate_action (dialog, "import.confirm", NULL));
  close_dialog (dialog);

  challenge = rally_store_find_challenge (store, "walkforwater");
  g_assert_nonnull (challenge);
  g_assert_cmpstr (rally_challenge_get_hashtag (challenge), ==, "WalkForWater");
  g_assert_cmpint (rally_challenge_get_status (challenge), ==, RALLY_CHALLENGE_STATUS_DRAFT);
  g_assert_cmpint (rally_challenge_get_start_date (challenge), ==, 1717200000);
  g_assert_cmpint (rally_challenge_get_end_date (challenge), ==, 1717891200);
  videos = rally_store_list_videos (store, rally_challenge_get_id (challenge), RALLY_VIDEO_SORT_VIEWS, 10);
  g_assert_cmpuint (g_list_model_get_n_items (videos), ==, 4);

  /* The same file again: the challenge of its hashtag is now offered first. */
  rally_test_fill_workspace (store, 0);
  dialog = new_dialog (store, "content-hashtags.csv");
  g_assert_cmpstr (selected_target_name (dialog), ==, "#WalkForWater");
  close_dialog (dialog);

  g_clear_object (&store);
  rally_test_remove_tree (dir);
}

/* The toast after a restore names every kind of record restored, each with its
 * own plural, and leaves out the kinds the backup did not hold. */
static void
test_restore_message (void)
{
  RallyBackupCounts one = { .campaigns = 1, .challenges = 1, .posts = 1, .videos = 1, .snapshots = 1,
                            .accounts = 1, .account_videos = 1, .events = 1 };
  RallyBackupCounts several = { .campaigns = 2, .challenges = 3, .posts = 4, .videos = 250, .snapshots = 6,
                                .events = 7 };
  RallyBackupCounts none = { 0 };
  g_autofree char *one_text = rally_import_describe_restore (&one);
  g_autofree char *several_text = rally_import_describe_restore (&several);
  g_autofree char *none_text = rally_import_describe_restore (&none);

  g_assert_cmpstr (one_text, ==, "Backup restored: 1 campaign, 1 challenge, 1 planned post, 1 event, 1 video, "
                                 "1 snapshot, 1 own TikTok account, 1 own video");
  g_assert_cmpstr (several_text, ==, "Backup restored: 2 campaigns, 3 challenges, 4 planned posts, 7 events, "
                                     "250 videos, 6 snapshots");
  g_assert_cmpstr (none_text, ==, "Backup restored; it held nothing to restore");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = rally_test_isolate_user_dirs ();
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (!rally_test_init_gtk ())
    {
      g_test_skip ("No display");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/import-dialog/content", test_content_preview);
  g_test_add_func ("/import-dialog/overview", test_overview_preview);
  g_test_add_func ("/import-dialog/no-challenge", test_no_challenge);
  g_test_add_func ("/import-dialog/new-challenge", test_new_challenge);
  g_test_add_func ("/import-dialog/restore-message", test_restore_message);

  ret = g_test_run ();
  rally_test_remove_tree (tmp);

  return ret;
}
