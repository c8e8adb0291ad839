/* rally-test-util.c
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

/* Helpers shared by the tests. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "rally-test-util.h"

/**
 * rally_test_isolate_user_dirs:
 *
 * Points the user's data, config, cache and state folders at a fresh temporary folder.
 * UI tests use this instead of G_TEST_OPTION_ISOLATE_DIRS, which also empties
 * XDG_DATA_DIRS and so hides the MIME database that image loading needs.
 * Call it before gtk_init().
 *
 * Returns: (transfer full): the temporary folder
 */
char *
rally_test_isolate_user_dirs (void)
{
  g_autoptr(GError) error = NULL;
  char *tmp = g_dir_make_tmp ("rally-test-XXXXXX", &error);
  static const char *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = g_build_filename (tmp, vars[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i], dir, TRUE);
    }

  return tmp;
}

/**
 * rally_test_iterate:
 *
 * Runs the default main context until nothing is pending: idles, redraws, signals.
 */
void
rally_test_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/**
 * rally_test_remove_tree:
 * @path: a folder the test made
 *
 * Removes @path and everything below it.
 */
void
rally_test_remove_tree (const char *path)
{

  if (path == NULL)
    return;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          rally_test_remove_tree (child);
        }
    }

  g_remove (path);
}
