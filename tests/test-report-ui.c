/* test-report-ui.c
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

/* "Export Report…" on a campaign and on a challenge: the action exists, its dialog
 * asks for the range and refuses a bad day, and the PDF is written with the
 * organisation's name from the settings and the range chosen. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rally-application.h"
#include "rally-campaigns-page.h"
#include "rally-challenges-page.h"
#include "rally-date-utils.h"
#include "rally-model.h"
#include "rally-store-events.h"
#include "rally-store.h"
#include "rally-test-util.h"
#include "rally-test-ui.h"
#include "rally-test-workspace.h"
#include "rally-window.h"

#define MARCH(d) (rally_day_from_ymd (2024, 3, (d)))

static RallyApplication *the_app;
static RallyWindow *the_window;
static char *the_dir;
static gint64 campaign_id;
static gint64 challenge_id;


static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GListModel) windows = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (windows, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
fill (RallyStore *store)
{
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autoptr(RallyEvent) event = rally_event_new ();
  g_autoptr(GError) error = NULL;
  RallyVideo *video = rally_test_make_video (1, "ana", MARCH (5) + 3600, 1000);

  rally_campaign_set_name (campaign, "Clean Water Run");
  rally_campaign_set_goal_views (campaign, 5000);
  rally_campaign_set_start_date (campaign, MARCH (1));
  rally_campaign_set_end_date (campaign, MARCH (31));
  g_assert_true (rally_store_save_campaign (store, campaign, &error));
  g_assert_no_error (error);
  campaign_id = rally_campaign_get_id (campaign);

  rally_challenge_set_hashtag (challenge, "waterwalk");
  rally_challenge_set_campaign_id (challenge, campaign_id);
  rally_challenge_set_start_date (challenge, MARCH (4));
  rally_challenge_set_end_date (challenge, MARCH (20));
  g_assert_true (rally_store_save_challenge (store, challenge, &error));
  g_assert_no_error (error);
  challenge_id = rally_challenge_get_id (challenge);
  g_assert_true (rally_store_upsert_videos (store, challenge_id, &video, 1, &error));
  g_assert_no_error (error);
  g_object_unref (video);

  rally_event_set_challenge_id (event, challenge_id);
  rally_event_set_title (event, "Launch livestream");
  rally_event_set_first_day (event, MARCH (8));
  rally_event_set_last_day (event, MARCH (8));
  g_assert_true (rally_store_save_event (store, event, &error));
  g_assert_no_error (error);
}

static char *
pdf_text (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  const char *argv[] = { program, "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  if (program == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, NULL, &error);
  g_assert_no_error (error);
  return out;
}

/* Activates @action on @page with @path, fills the range and exports; returns the
 * PDF's text (or "" without pdftotext). */
static char *
export_through (GtkWidget  *page,
                const char *action,
                const char *path,
                const char *from_default,
                const char *to_default)
{
  AdwMessageDialog *dialog;
  GtkWidget *from, *to;
  g_autofree char *data = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *saved = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  char *text;

  g_assert_true (gtk_widget_activate_action (page, action, "s", path));
  rally_test_iterate ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  from = rally_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "report-from");
  to = rally_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "report-to");
  g_assert_nonnull (from);
  g_assert_nonnull (to);
  /* the owner's dates, filled in */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (from)), ==, from_default);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (to)), ==, to_default);

  /* a day that is no day, or a range that ends before it starts, cannot be exported */
  gtk_editable_set_text (GTK_EDITABLE (from), "2024-02-30");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "export"));
  g_assert_true (gtk_widget_has_css_class (from, "error"));
  gtk_editable_set_text (GTK_EDITABLE (from), "2024-04-25");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "export"));
  gtk_editable_set_text (GTK_EDITABLE (from), "2024-03-02");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "export"));
  g_assert_false (gtk_widget_has_css_class (from, "error"));

  adw_message_dialog_response (dialog, "export");
  /* as its button does: the response, then the dialog closes */
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (!g_file_test (path, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  /* the toast says where it went, with an Open button; its show animation ends
   * before the next toast comes */
  basename = g_path_get_basename (path);
  saved = g_strdup_printf ("Report saved as “%s”", basename);
  while (g_strcmp0 (rally_window_get_last_toast (the_window), saved) != 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (rally_window_get_last_toast (the_window), ==, saved);
  rally_test_wait_ms (600);

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  g_assert_true (g_str_has_prefix (data, "%PDF"));
  text = pdf_text (path);
  return text != NULL ? text : g_strdup ("");
}

static void
test_campaign_report (void)
{
  GtkWidget *page = rally_test_find_descendant (GTK_WIDGET (the_window), RALLY_TYPE_CAMPAIGNS_PAGE, NULL);
  g_autofree char *path = g_build_filename (the_dir, "campaign.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_nonnull (page);
  rally_campaigns_page_select_campaign (RALLY_CAMPAIGNS_PAGE (page), campaign_id);
  rally_test_iterate ();
  text = export_through (page, "campaigns.export-report", path, "2024-03-01", "2024-03-31");
  if (*text == '\0')
    return;
  g_assert_nonnull (strstr (text, "Tested Trust"));
  g_assert_nonnull (strstr (text, "Clean Water Run"));
  g_assert_nonnull (strstr (text, "Sat 2 Mar 2024 – Sun 31 Mar 2024"));
  g_assert_nonnull (strstr (text, "Launch livestream"));
  g_assert_nonnull (strstr (text, "Goal 5K"));
}

static void
test_challenge_report (void)
{
  GtkWidget *page;
  g_autofree char *path = g_build_filename (the_dir, "challenge.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (the_window), "win.show-page", "s", "challenges"));
  rally_test_iterate ();
  page = rally_test_find_descendant (GTK_WIDGET (the_window), RALLY_TYPE_CHALLENGES_PAGE, NULL);
  g_assert_nonnull (page);
  g_assert_true (rally_challenges_page_select_challenge (RALLY_CHALLENGES_PAGE (page), challenge_id));
  rally_test_iterate ();
  text = export_through (page, "challenges.export-report", path, "2024-03-04", "2024-03-20");
  if (*text == '\0')
    return;
  g_assert_nonnull (strstr (text, "Challenge report"));
  g_assert_nonnull (strstr (text, "#waterwalk"));
  g_assert_nonnull (strstr (text, "Sat 2 Mar 2024 – Wed 20 Mar 2024"));
  g_assert_nonnull (strstr (text, "Tested Trust"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = rally_test_isolate_user_dirs ();
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!rally_test_init_gtk ())
    {
      g_test_skip ("No display");
      return 77;
    }
  adw_init ();

  the_dir = g_build_filename (tmp, "workspace", NULL);
  the_app = rally_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
  rally_application_set_data_dir (the_app, the_dir);
  g_application_register (G_APPLICATION (the_app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (the_app));
  rally_test_iterate ();
  the_window = RALLY_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (the_app)));
  g_assert_nonnull (the_window);
  gtk_window_set_default_size (GTK_WINDOW (the_window), 1200, 800);
  g_settings_set_string (rally_application_get_settings (the_app), "organisation-name", "Tested Trust");
  fill (rally_application_get_store (the_app));
  rally_test_iterate ();

  g_test_add_func ("/report-ui/campaign", test_campaign_report);
  g_test_add_func ("/report-ui/challenge", test_challenge_report);
  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (the_window));
  rally_test_iterate ();
  g_clear_object (&the_app);
  g_free (the_dir);
  return ret;
}
