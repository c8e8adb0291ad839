/* test-import-open.c
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

/* Opening a file from the window: the file is read in a worker thread; a
 * Studio CSV gets its preview, a broken one says why with its line, a backup
 * asks before restoring, and a file that cannot be read says so. */

#include "config.h"

#include <adwaita.h>

#include "rally-import-dialog.h"
#include "rally-test-util.h"
#include "rally-test-ui.h"

/* Opens @path and waits for the window it brings up. */
static GtkWindow *
open_and_wait (GtkWindow  *parent,
               RallyStore *store,
               const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  rally_import_open_file (parent, store, file);
  while (g_get_monotonic_time () < deadline)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

          if (window != parent && gtk_window_get_transient_for (window) == parent)
            return window;
        }
      g_main_context_iteration (NULL, TRUE);
    }

  g_assert_not_reached ();
}

static void
assert_message (GtkWindow  *window,
                const char *heading,
                const char *body_start)
{
  g_assert_true (ADW_IS_MESSAGE_DIALOG (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), ==, heading);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (window)), body_start));
}

static void
test_open (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-import-open-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) store = rally_store_open (dir, &error);
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", "content-quoted.csv", NULL);
  g_autofree char *broken = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", "bad-quote.csv", NULL);
  g_autofree char *backup = g_test_build_filename (G_TEST_DIST, "fixtures", "backup", "small.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.csv", NULL);
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  GtkWindow *window;

  g_assert_no_error (error);
  gtk_window_present (parent);

  window = open_and_wait (parent, store, good);
  g_assert_true (RALLY_IS_IMPORT_DIALOG (window));
  gtk_window_destroy (window);

  window = open_and_wait (parent, store, broken);
  assert_message (window, "“bad-quote.csv” Cannot Be Imported", "Line 2, column 2: a quoted value is never closed");
  gtk_window_destroy (window);

  window = open_and_wait (parent, store, missing);
  assert_message (window, "“missing.csv” Cannot Be Read", "Error opening file");
  gtk_window_destroy (window);

  window = open_and_wait (parent, store, backup);
  assert_message (window, "Restore Backup?", "The workspace will be filled from the backup");
  gtk_window_destroy (window);

  gtk_window_destroy (parent);
  rally_test_iterate ();
  g_clear_object (&store);
  rally_test_remove_tree (dir);
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

  g_test_add_func ("/import-open/flows", test_open);

  ret = g_test_run ();
  rally_test_remove_tree (tmp);

  return ret;
}
