/* test-figures-ui.c
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

/* The campaign list shows the figures the reader read for every campaign at once:
 * scrolling through two hundred campaigns binds rows without a read of their own,
 * and the rows say each campaign's views and progress. */

#include "config.h"

#include <adwaita.h>

#include "rally-application.h"
#include "rally-campaigns-page.h"
#include "rally-store.h"
#include "rally-test-util.h"
#include "rally-window.h"
#include "rally-test-ui.h"

#define N_CAMPAIGNS 200

static RallyApplication *the_app;

static void
fill_workspace (const char *data_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) store = rally_store_open (data_dir, &error);

  g_assert_no_error (error);
  for (int i = 1; i <= N_CAMPAIGNS; i++)
    {
      g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
      g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
      g_autoptr(RallySnapshot) snapshot = rally_snapshot_new ();
      g_autofree char *name = g_strdup_printf ("Campaign %03d", i);
      g_autofree char *tag = g_strdup_printf ("tag%03d", i);

      rally_campaign_set_name (campaign, name);
      /* twice the views the snapshot counts: every row says 50% */
      rally_campaign_set_goal_views (campaign, 2 * 1000 * i);
      g_assert_true (rally_store_save_campaign (store, campaign, &error));
      rally_challenge_set_hashtag (challenge, tag);
      rally_challenge_set_campaign_id (challenge, rally_campaign_get_id (campaign));
      g_assert_true (rally_store_save_challenge (store, challenge, &error));
      rally_snapshot_set_challenge_id (snapshot, rally_challenge_get_id (challenge));
      rally_snapshot_set_taken_at (snapshot, 1760000000);
      rally_snapshot_set_views (snapshot, 1000 * i);
      g_assert_true (rally_store_add_snapshot (store, snapshot, &error));
      g_assert_no_error (error);
    }
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (g_object_get_data (G_OBJECT (widget), "progress") != NULL && gtk_widget_get_mapped (widget))
    g_ptr_array_add (rows, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* The rows on show: each says its campaign's views, at 50% of its goal. */
static guint
assert_rows (GtkWidget  *list,
             GHashTable *seen)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (list, rows);
  g_assert_cmpuint (rows->len, >, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      const char *name = gtk_label_get_label (g_object_get_data (G_OBJECT (row), "name"));
      const char *progress = gtk_label_get_label (g_object_get_data (G_OBJECT (row), "progress"));

      g_assert_true (g_str_has_prefix (name, "Campaign "));
      g_assert_true (g_str_has_suffix (progress, " views · 50% of goal"));
      g_assert_false (g_str_has_prefix (progress, "0 views"));
      g_hash_table_add (seen, g_strdup (name));
    }

  return rows->len;
}

static void
test_list_binds_without_reading (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (the_app));
  RallyFiguresReader *reader = rally_context_get_reader (rally_application_get_context (the_app));
  GtkWidget *page = rally_window_get_page (RALLY_WINDOW (window), "campaigns");
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (page, RALLY_TYPE_CAMPAIGNS_PAGE, "campaign_list"));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint reloads, reads;

  while (!rally_figures_reader_is_loaded (reader) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (rally_figures_reader_is_loaded (reader));
  rally_test_wait_ms (100);  /* the list lays out and binds its rows in the next frames */
  reloads = rally_figures_reader_get_n_reloads (reader);
  reads = rally_figures_reader_get_n_reads (reader);
  assert_rows (list, seen);

  /* scroll to the end, a page at a time: new rows bind, nothing is read */
  while (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) <
         gtk_adjustment_get_upper (adjustment))
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                            gtk_adjustment_get_page_size (adjustment));
      rally_test_wait_ms (100);
      assert_rows (list, seen);
    }
  /* and to the last row, where the list's estimate of its height may not reach */
  g_assert_true (gtk_widget_activate_action (list, "list.scroll-to-item", "u", N_CAMPAIGNS - 1));
  rally_test_wait_ms (100);
  assert_rows (list, seen);
  g_test_message ("%u rows seen", g_hash_table_size (seen));
  g_assert_true (g_hash_table_contains (seen, "Campaign 001"));
  g_assert_true (g_hash_table_contains (seen, "Campaign 200"));
  g_assert_cmpuint (rally_figures_reader_get_n_reloads (reader), ==, reloads);
  g_assert_cmpuint (rally_figures_reader_get_n_reads (reader), ==, reads);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = rally_test_isolate_user_dirs ();
  g_autofree char *data_dir = g_build_filename (tmp, "workspace", NULL);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!rally_test_init_gtk ())
    {
      g_test_skip ("No display");
      return 77;
    }
  adw_init ();

  fill_workspace (data_dir);
  the_app = rally_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
  rally_application_set_data_dir (the_app, data_dir);
  g_application_register (G_APPLICATION (the_app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (the_app));
  rally_test_iterate ();
  window = gtk_application_get_active_window (GTK_APPLICATION (the_app));
  g_assert_nonnull (window);
  gtk_window_set_default_size (window, 1200, 800);
  rally_test_iterate ();

  g_test_add_func ("/figures-ui/list-binds-without-reading", test_list_binds_without_reading);
  ret = g_test_run ();

  gtk_window_destroy (window);
  rally_test_iterate ();
  g_clear_object (&the_app);
  rally_test_remove_tree (tmp);

  return ret;
}
