/* test-move-dialog.c
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

/* "Move to Team Server…" through its real widgets against a real PostgreSQL
 * (rally-test-pg.c): a wrong address says so, a move copies the workspace and
 * offers to open it, and a second move asks before replacing.
 * With RALLY_MOVE_DIALOG_SHOW set, shows the dialog and waits (for screenshots). */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rally-move-dialog.h"
#include "rally-store.h"
#include "rally-test-pg.h"
#include "rally-test-ui.h"
#include "rally-test-util.h"

typedef struct
{
  RallyTestPgFixture pg;
  char              *dir;
  RallyStore        *local;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  rally_test_pg_fixture_setup (&f->pg, data);
  f->dir = g_dir_make_tmp ("rally-move-XXXXXX", NULL);
  f->local = rally_store_open (f->dir, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
      g_autofree char *name = g_strdup_printf ("Local %u", i);

      rally_campaign_set_name (campaign, name);
      g_assert_true (rally_store_save_campaign (f->local, campaign, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->local);
  rally_test_pg_fixture_teardown (&f->pg, data);
  rally_test_remove_tree (f->dir);
  g_free (f->dir);
}

static const char *
visible_page (GtkWidget *dialog)
{
  GtkStack *stack = GTK_STACK (rally_test_find_descendant (dialog, GTK_TYPE_STACK, NULL));

  return gtk_stack_get_visible_child_name (stack);
}

static void
wait_for_page (GtkWidget  *dialog,
               const char *page)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_strcmp0 (visible_page (dialog), page) != 0 && rally_test_find_window (ADW_TYPE_MESSAGE_DIALOG) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Whether a visible label with the "error" style under @widget says @part. */
static gboolean
error_shown (GtkWidget  *widget,
             const char *part)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") && gtk_widget_get_visible (widget))
    return strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (error_shown (child, part))
      return TRUE;
  return FALSE;
}

static gint64
campaigns_on (const char *location)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) store = rally_store_open (location, &error);
  g_autoptr(GListModel) list = NULL;

  g_assert_no_error (error);
  list = rally_store_list_campaigns (store);
  return g_list_model_get_n_items (list);
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *dialog;
  GtkWindow *ask;

  RALLY_TEST_PG_SKIP_IF_MISSING (&f->pg);

  dialog = rally_move_dialog_new (NULL, f->local);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (visible_page (dialog), ==, "form");

  /* not a server address: said at once, nothing runs */
  rally_move_dialog_set_uri (RALLY_MOVE_DIALOG (dialog), "/home/maria/rally");
  rally_move_dialog_start (RALLY_MOVE_DIALOG (dialog));
  g_assert_cmpstr (visible_page (dialog), ==, "form");
  g_assert_true (error_shown (dialog, "postgresql://"));

  rally_move_dialog_set_uri (RALLY_MOVE_DIALOG (dialog), f->pg.uri);
  rally_move_dialog_start (RALLY_MOVE_DIALOG (dialog));
  g_assert_cmpstr (visible_page (dialog), ==, "progress");
  wait_for_page (dialog, "done");
  g_assert_cmpstr (visible_page (dialog), ==, "done");
  g_assert_cmpint (campaigns_on (f->pg.uri), ==, 3);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* the team workspace holds data now: a second move asks first */
  dialog = rally_move_dialog_new (NULL, f->local);
  gtk_window_present (GTK_WINDOW (dialog));
  rally_move_dialog_set_uri (RALLY_MOVE_DIALOG (dialog), f->pg.uri);
  rally_move_dialog_start (RALLY_MOVE_DIALOG (dialog));
  wait_for_page (dialog, "done");
  ask = rally_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (ask);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (ask), "cancel");
  g_assert_cmpstr (visible_page (dialog), ==, "form");
  g_assert_true (error_shown (dialog, "Nothing was moved"));
  gtk_window_destroy (GTK_WINDOW (ask));

  rally_move_dialog_start (RALLY_MOVE_DIALOG (dialog));
  wait_for_page (dialog, "done");
  ask = rally_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (ask);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (ask), "replace");
  gtk_window_destroy (GTK_WINDOW (ask));
  wait_for_page (dialog, "done");
  g_assert_cmpstr (visible_page (dialog), ==, "done");
  g_assert_cmpint (campaigns_on (f->pg.uri), ==, 3);
  gtk_window_destroy (GTK_WINDOW (dialog));
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

  if (g_getenv ("RALLY_MOVE_DIALOG_SHOW") != NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("rally-move-XXXXXX", NULL);
      g_autoptr(RallyStore) store = rally_store_open (dir, NULL);
      GtkWidget *dialog = rally_move_dialog_new (NULL, store);

      gtk_window_present (GTK_WINDOW (dialog));
      if (g_str_equal (g_getenv ("RALLY_MOVE_DIALOG_SHOW"), "error"))
        {
          rally_move_dialog_set_uri (RALLY_MOVE_DIALOG (dialog), "postgresql://maria@db.example.org/rally");
          rally_move_dialog_start (RALLY_MOVE_DIALOG (dialog));
        }
      while (TRUE)
        g_main_context_iteration (NULL, TRUE);
    }

  g_test_add ("/move-dialog/move", Fixture, NULL, fixture_set_up, test_move, fixture_tear_down);

  return g_test_run ();
}
