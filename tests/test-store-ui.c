/* test-store-ui.c
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

/* The application with its workspace: a file that is not a Rally database brings up
 * the explanation dialog, "Move Aside" keeps the file and starts fresh; then "Explore
 * Sample Data" fills the workspace in the background and the campaigns page leaves its
 * welcome page for a list of the campaigns. */

#include "config.h"

#include <adwaita.h>

#include "rally-application.h"
#include "rally-campaigns-page.h"
#include "rally-store.h"
#include "rally-test-util.h"
#include "rally-window.h"
#include "rally-test-ui.h"

static RallyApplication *the_app;

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done returns TRUE; fails after 60 s. */
static void
wait_until (gboolean (*done) (void))
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, timeout_cb, &timed_out);

  while (!done () && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}


static AdwMessageDialog *
find_message_dialog (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (the_app)); l != NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        return l->data;
    }

  return NULL;
}

static void
test_broken_file_moved_aside (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "rally", NULL);
  g_autofree char *path = g_build_filename (dir, "rally.db", NULL);
  g_autoptr(GError) error = NULL;
  const char *text = "my notes, not a database";
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean kept = FALSE;
  AdwMessageDialog *dialog;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  g_application_activate (G_APPLICATION (the_app));
  rally_test_iterate ();

  /* No window yet: the dialog explains. */
  g_assert_null (rally_application_get_store (the_app));
  g_assert_false (RALLY_IS_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (the_app))));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Workspace File Is Not a Rally Database");
  g_assert_true (adw_message_dialog_has_response (dialog, "move-aside"));
  g_assert_true (adw_message_dialog_has_response (dialog, "quit"));

  adw_message_dialog_response (dialog, "move-aside");
  rally_test_iterate ();

  g_assert_nonnull (rally_application_get_store (the_app));
  g_assert_true (RALLY_IS_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (the_app))));

  /* The old file is kept, byte for byte, under a new name. */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *full = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;

      if (g_str_has_prefix (name, "rally.db.broken-") &&
          g_file_get_contents (full, &contents, NULL, NULL) && g_strcmp0 (contents, text) == 0)
        kept = TRUE;
    }
  g_assert_true (kept);
}

static GtkWidget *
campaigns_stack (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (the_app));
  GtkWidget *page = rally_test_find_descendant (GTK_WIDGET (window), g_type_from_name ("RallyCampaignsPage"), NULL);

  g_assert_nonnull (page);
  return rally_test_find_descendant (page, GTK_TYPE_STACK, NULL);
}

static gboolean
campaigns_listed (void)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (campaigns_stack ())), "main") == 0;
}

static void
test_explore_sample (void)
{
  GtkWindow *window;
  GtkWidget *page;
  GListModel *model;
  RallyStore *store;

  g_application_activate (G_APPLICATION (the_app));
  rally_test_iterate ();
  window = gtk_application_get_active_window (GTK_APPLICATION (the_app));
  store = rally_application_get_store (the_app);
  g_assert_true (rally_store_is_empty (store));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (campaigns_stack ())), ==, "empty");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.explore-sample", NULL));
  wait_until (campaigns_listed);

  g_assert_false (rally_store_is_empty (store));
  page = rally_test_find_descendant (GTK_WIDGET (window), RALLY_TYPE_CAMPAIGNS_PAGE, NULL);
  model = rally_campaigns_page_get_visible_model (RALLY_CAMPAIGNS_PAGE (page));
  /* Every campaign of the sample but the archived ones, which the list hides by default */
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  {
    g_autoptr(GListModel) all = rally_store_list_campaigns (store);
    guint current = 0;

    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(RallyCampaign) campaign = g_list_model_get_item (all, i);

        current += rally_campaign_get_status (campaign) != RALLY_CAMPAIGN_STATUS_ARCHIVED;
      }
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, current);
  }
  rally_test_iterate ();
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

  the_app = rally_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (the_app), NULL, &error);
  g_assert_no_error (error);

  /* In this order: the first test leaves a fresh, empty workspace for the second. */
  g_test_add_func ("/store-ui/broken-file-moved-aside", test_broken_file_moved_aside);
  g_test_add_func ("/store-ui/explore-sample", test_explore_sample);

  ret = g_test_run ();
  g_clear_object (&the_app);
  rally_test_remove_tree (tmp);

  return ret;
}
