/* test-roles-ui.c
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

/* The real window on a team workspace of a real PostgreSQL (rally-test-pg.c), opened
 * by a viewer: no control that would change the workspace is enabled, and the header
 * says "Read Only"; opened by an editor: everything is, but deleting a campaign, whose
 * button says why not. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rally-application.h"
#include "rally-campaigns-page.h"
#include "rally-challenges-page.h"
#include "rally-month-view.h"
#include "rally-store.h"
#include "rally-test-pg.h"
#include "rally-test-ui.h"
#include "rally-test-util.h"
#include "rally-window.h"

static const char * const editing_actions[] = {
  "win.new-campaign", "win.new-post", "win.new-challenge", "win.new-item", "win.import-studio",
  "win.import-backup", "win.explore-sample", "win.sync", "campaigns.edit", "campaigns.archive",
  "campaigns.delete", "challenges.edit", "challenges.delete", "events.add",
};

/* A server and a workspace for the test's process: its application, as in a real
 * session, keeps its store (and its connection) until the process ends. */
typedef struct
{
  RallyTestPg *pg;
  char        *uri;
  gint64       campaign_id;
  gint64       challenge_id;
} Workspace;

static Workspace the_workspace;

/* NULL (the test skipped) without PostgreSQL */
static Workspace *
ensure_workspace (void)
{
  Workspace *w = &the_workspace;
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;

  if (w->pg != NULL)
    return w;
  if (!rally_test_pg_available (&why))
    {
      g_test_skip (why);
      return NULL;
    }

  w->pg = rally_test_pg_start (RALLY_TEST_PG_SOCKET_ONLY, &error);
  g_assert_no_error (error);
  w->uri = rally_test_pg_create_database (w->pg, "rally", &error);
  g_assert_no_error (error);

  /* the first, owning connection sets the workspace up */
  store = rally_store_open (w->uri, &error);
  g_assert_no_error (error);
  rally_campaign_set_name (campaign, "Clean Water");
  g_assert_true (rally_store_save_campaign (store, campaign, &error));
  g_assert_no_error (error);
  w->campaign_id = rally_campaign_get_id (campaign);
  rally_challenge_set_hashtag (challenge, "WaterWeek");
  rally_challenge_set_campaign_id (challenge, w->campaign_id);
  g_assert_true (rally_store_save_challenge (store, challenge, &error));
  g_assert_no_error (error);
  w->challenge_id = rally_challenge_get_id (challenge);

  return w;
}

static gboolean
is_editing_action (const char *name)
{
  return name != NULL && g_strv_contains ((const char * const *) editing_actions, name);
}

/* Every actionable widget under @widget whose action changes the workspace. */
static void
collect_editing (GtkWidget *widget,
                 GPtrArray *found)
{
  if (GTK_IS_ACTIONABLE (widget) && is_editing_action (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget))))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_editing (child, found);
}

static GtkWidget *
find_by_action (GPtrArray  *found,
                const char *action)
{
  for (guint i = 0; i < found->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (found->pdata[i]), action) == 0)
      return found->pdata[i];
  return NULL;
}

/* The window of a new application on @uri, with the campaign and the challenge shown. */
static RallyWindow *
open_window (Workspace  *f,
             const char *uri)
{
  RallyApplication *app = rally_application_new ();
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  rally_application_set_data_dir (app, uri);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  rally_test_iterate ();

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (RALLY_IS_WINDOW (window));
  /* (the application stays, with its connection, until the process ends) */

  /* every page built, each with something selected */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "challenges"));
  rally_test_iterate ();
  g_assert_true (rally_challenges_page_select_challenge (RALLY_CHALLENGES_PAGE (rally_window_get_page (RALLY_WINDOW (window), "challenges")),
                                                         f->challenge_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "campaigns"));
  rally_test_iterate ();
  rally_campaigns_page_select_campaign (RALLY_CAMPAIGNS_PAGE (rally_window_get_page (RALLY_WINDOW (window), "campaigns")),
                                        f->campaign_id);
  rally_test_iterate ();

  return RALLY_WINDOW (window);
}

static void
close_window (RallyWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  rally_test_iterate ();
}

/* The first label under @widget whose text is @text, or starts with it when @prefix. */
static GtkWidget *
find_label_full (GtkWidget  *widget,
                 const char *text,
                 gboolean    prefix)
{
  if (GTK_IS_LABEL (widget) &&
      (prefix ? g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), text)
              : g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_full (child, text, prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  return find_label_full (widget, text, FALSE);
}

static GtkWidget *
find_label_prefix (GtkWidget  *widget,
                   const char *text)
{
  return find_label_full (widget, text, TRUE);
}

/* A viewer cannot drag the calendar's posts to another day, and a video's origin
 * menu does nothing (before, the server refused and a toast said so). */
static void
check_viewer_cannot_move (RallyWindow *window)
{
  RallyCampaignsPage *campaigns = RALLY_CAMPAIGNS_PAGE (rally_window_get_page (window, "campaigns"));
  RallyChallengesPage *challenges = RALLY_CHALLENGES_PAGE (rally_window_get_page (window, "challenges"));
  GtkWidget *tracking = gtk_widget_get_first_child (GTK_WIDGET (rally_challenges_page_get_tracking_box (challenges)));

  rally_campaigns_page_show_calendar (campaigns);
  rally_test_iterate ();
  g_assert_false (rally_month_view_get_items_movable (rally_campaigns_page_get_month_view (campaigns)));

  g_assert_nonnull (tracking);
  g_assert_true (gtk_widget_activate_action (tracking, "origin.set", "(xs)", G_GINT64_CONSTANT (1), "seeded"));
  rally_test_iterate ();
  /* no toast saying the server refused it */
  g_assert_null (find_label_prefix (GTK_WIDGET (window), "The origin could not be changed"));
}

static void
run_roles_ui_viewer (void)
{
  Workspace *f = ensure_workspace ();
  g_autofree char *uri = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  RallyWindow *window;

  if (f == NULL)
    return;

  uri = rally_test_pg_add_login (f->uri, "vera", "rally_rally_viewer", NULL);
  window = open_window (f, uri);

  g_assert_true (gtk_widget_get_visible (find_label (GTK_WIDGET (window), "Read Only")));

  collect_editing (GTK_WIDGET (window), found);
  /* the detail panes' buttons and the header's Sync at least */
  g_assert_nonnull (find_by_action (found, "campaigns.edit"));
  g_assert_nonnull (find_by_action (found, "campaigns.delete"));
  g_assert_nonnull (find_by_action (found, "challenges.edit"));
  g_assert_nonnull (find_by_action (found, "win.sync"));
  for (guint i = 0; i < found->len; i++)
    {
      GtkWidget *widget = found->pdata[i];

      if (gtk_widget_get_sensitive (widget))
        g_error ("%s (%s) is enabled for a viewer", G_OBJECT_TYPE_NAME (widget),
                 gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)));
    }
  check_viewer_cannot_move (window);

  close_window (window);
}

/* In a process of its own: one application (and its D-Bus name) each */
static void
test_roles_ui_viewer (void)
{
  if (g_test_subprocess ())
    {
      run_roles_ui_viewer ();
      return;
    }
  g_test_trap_subprocess (NULL, 150 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
run_roles_ui_editor (void)
{
  Workspace *f = ensure_workspace ();
  g_autofree char *uri = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  RallyWindow *window;
  GtkWidget *delete_button;

  if (f == NULL)
    return;

  uri = rally_test_pg_add_login (f->uri, "ed", "rally_rally_editor", NULL);
  window = open_window (f, uri);

  g_assert_false (gtk_widget_get_visible (find_label (GTK_WIDGET (window), "Read Only")));

  collect_editing (GTK_WIDGET (window), found);
  g_assert_true (gtk_widget_get_sensitive (find_by_action (found, "campaigns.edit")));
  g_assert_true (gtk_widget_get_sensitive (find_by_action (found, "challenges.delete")));
  g_assert_true (gtk_widget_get_sensitive (find_by_action (found, "win.sync")));
  delete_button = find_by_action (found, "campaigns.delete");
  g_assert_false (gtk_widget_get_sensitive (delete_button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (delete_button), ==, "Only the workspace’s owner can delete campaigns");
  rally_campaigns_page_show_calendar (RALLY_CAMPAIGNS_PAGE (rally_window_get_page (window, "campaigns")));
  rally_test_iterate ();
  g_assert_true (rally_month_view_get_items_movable (rally_campaigns_page_get_month_view (RALLY_CAMPAIGNS_PAGE (rally_window_get_page (window, "campaigns")))));

  close_window (window);
}

/* In a process of its own: one application (and its D-Bus name) each */
static void
test_roles_ui_editor (void)
{
  if (g_test_subprocess ())
    {
      run_roles_ui_editor ();
      return;
    }
  g_test_trap_subprocess (NULL, 150 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = rally_test_isolate_user_dirs ();

  g_test_init (&argc, &argv, NULL);

  if (!rally_test_init_gtk ())
    {
      g_test_skip ("No display");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/roles-ui/viewer", test_roles_ui_viewer);
  g_test_add_func ("/roles-ui/editor", test_roles_ui_editor);

  return g_test_run ();
}
