/* test-live-pg.c
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

/* The real application on a team workspace in a real PostgreSQL server
 * (rally-test-pg.c), as test-live-reload.c does for a folder:
 * - live update within 1 s between two app instances: another process
 *   (rally-test-writer, a Rally of its own) saves a campaign, and the window's
 *   Campaigns page shows it within 1 s of the commit;
 * - offline: with the server stopped, the banner says so at the top of the window,
 *   which keeps what it loaded; an editor's save is refused with the reason and keeps
 *   what was typed; once the server is back the banner goes and the save works. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rally-application.h"
#include "rally-campaign-editor.h"
#include "rally-offline-banner.h"
#include "rally-test-pg.h"
#include "rally-test-app.h"
#include "rally-test-ui.h"
#include "rally-test-util.h"
#include "rally-window.h"

#define LIVE_WITHIN_US   (1 * G_USEC_PER_SEC)
#define SHOWN_WITHIN_US  (3 * G_USEC_PER_SEC)
#define BACK_WITHIN_US   (12 * G_USEC_PER_SEC)
#define BANNER_TEXT      "The team server cannot be reached. Rally shows what it last loaded and will try again."

static RallyApplication *the_app;
static RallyTestPg *pg;
static char *uri;

static RallyWindow *
open_window (void)
{
  return rally_test_app_window (&the_app, uri);
}

/* A campaign saved through the window's store, once the window shows it. */
static RallyCampaign *
save_shown_campaign (RallyWindow *window,
                     const char  *name)
{
  RallyStore *store = rally_application_get_store (the_app);
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "campaigns"));
  rally_campaign_set_name (campaign, name);
  rally_store_save_campaign (store, campaign, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rally_test_wait_for_label (rally_window_get_page (window, "campaigns"), name, SHOWN_WITHIN_US),
                   <, SHOWN_WITHIN_US);

  return g_steal_pointer (&campaign);
}

static void
writer_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (G_SUBPROCESS (object)));
  if (*out == NULL)
    *out = g_strdup ("");
}

static void
test_other_process (void)
{
  RallyWindow *window = open_window ();
  GtkWidget *page = rally_window_get_page (window, "campaigns");
  g_autoptr(RallyCampaign) before = save_shown_campaign (window, "Before the Other Rally");
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 seen = 0, committed, deadline;

  g_assert_nonnull (g_getenv ("RALLY_TEST_WRITER"));
  writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("RALLY_TEST_WRITER"), uri,
                             "Saved by Another Rally", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (writer, NULL, NULL, writer_done_cb, &out);

  /* the window's main loop runs meanwhile, as it would */
  for (deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       (seen == 0 || out == NULL) && g_get_monotonic_time () < deadline;)
    {
      g_usleep (2000);
      rally_test_iterate ();
      if (seen == 0 && rally_test_shows_label (page, "Saved by Another Rally"))
        seen = g_get_monotonic_time ();
    }

  g_assert_nonnull (out);
  g_assert_cmpint (seen, >, 0);
  committed = g_ascii_strtoll (out, NULL, 10);
  g_assert_cmpint (committed, >, 0);
  g_test_message ("the other Rally's campaign showed %" G_GINT64_FORMAT " ms after its commit",
                  (seen - committed) / 1000);
  g_assert_cmpint (seen - committed, <, LIVE_WITHIN_US);
  g_assert_true (rally_test_shows_label (page, "Before the Other Rally"));
}

static void
set_server_running (gboolean running)
{
  g_autoptr(GError) error = NULL;

  if (running)
    rally_test_pg_start_server (pg, &error);
  else
    rally_test_pg_stop_server (pg, &error);
  g_assert_no_error (error);
}

static void
test_offline (void)
{
  RallyWindow *window = open_window ();
  GtkWidget *page = rally_window_get_page (window, "campaigns");
  RallyOfflineBanner *banner = RALLY_OFFLINE_BANNER (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                   RALLY_TYPE_WINDOW,
                                                                                   "offline_banner"));
  g_autoptr(RallyCampaign) campaign = save_shown_campaign (window, "Loaded Before");
  RallyCampaignEditor *editor;
  AdwEntryRow *name_row;
  GtkLabel *save_error;
  gint64 start;

  g_assert_null (rally_offline_banner_get_message (banner));
  editor = rally_campaign_editor_new (rally_application_get_store (the_app), campaign);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (editor));
  rally_test_iterate ();
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  name_row = ADW_ENTRY_ROW (gtk_widget_get_template_child (GTK_WIDGET (editor), RALLY_TYPE_CAMPAIGN_EDITOR,
                                                           "name_row"));
  save_error = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (editor), RALLY_TYPE_CAMPAIGN_EDITOR,
                                                         "save_error_label"));
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Typed While Offline");
  /* what the window reads in the background after a save is read before the server goes */
  for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC; g_get_monotonic_time () < end;)
    {
      g_usleep (10000);
      rally_test_iterate ();
    }

  /* The server stops: the banner says so, the window keeps what it loaded. */
  set_server_running (FALSE);
  g_assert_cmpint (rally_test_wait_for_label (GTK_WIDGET (window), BANNER_TEXT, SHOWN_WITHIN_US), <, SHOWN_WITHIN_US);
  g_assert_cmpstr (rally_offline_banner_get_message (banner), ==, BANNER_TEXT);
  g_assert_true (rally_test_shows_label (page, "Loaded Before"));

  /* Saving is refused with the reason; what was typed stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  rally_test_iterate ();
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (save_error)));
  g_assert_nonnull (strstr (gtk_label_get_label (save_error), "The team server cannot be reached"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Typed While Offline");

  /* It comes back: the banner goes by itself, and the same save works. */
  set_server_running (TRUE);
  start = g_get_monotonic_time ();
  while (rally_offline_banner_get_message (banner) != NULL && g_get_monotonic_time () - start < BACK_WITHIN_US)
    {
      g_usleep (10000);
      rally_test_iterate ();
    }
  g_assert_null (rally_offline_banner_get_message (banner));
  g_test_message ("the banner went %" G_GINT64_FORMAT " ms after the server started again",
                  (g_get_monotonic_time () - start) / 1000);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  rally_test_iterate ();
  g_assert_null (editor);
  g_assert_cmpint (rally_test_wait_for_label (page, "Typed While Offline", SHOWN_WITHIN_US), <, SHOWN_WITHIN_US);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp_dir = rally_test_isolate_user_dirs ();
  g_autofree char *why = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (!rally_test_init_gtk ())
    {
      g_test_skip ("No display");
      return 77;
    }
  adw_init ();

  if (!rally_test_pg_available (&why))
    {
      g_test_skip (why);
      return g_test_run ();
    }
  pg = rally_test_pg_start (RALLY_TEST_PG_SOCKET_ONLY, &error);
  g_assert_no_error (error);
  uri = rally_test_pg_create_database (pg, "rally", &error);
  g_assert_no_error (error);

  g_test_add_func ("/live-pg/other-process", test_other_process);
  g_test_add_func ("/live-pg/offline", test_offline);

  ret = g_test_run ();
  /* the store goes before its server */
  if (the_app != NULL)
    rally_test_close_app ((GtkApplication **) &the_app, G_OBJECT (rally_application_get_store (the_app)));
  g_clear_pointer (&pg, rally_test_pg_stop);
  g_free (uri);
  rally_test_remove_tree (tmp_dir);

  return ret;
}
