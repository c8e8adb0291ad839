/* fuzz-workspace.h
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

/* The workspace of the fuzz targets that restore into a real store: one per run, in
 * /dev/shm when there is one (every restore commits), removed at exit. */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "rally-store-private.h"

#define CHECK(cond) do { if (!(cond)) __builtin_trap (); } while (0)

static RallyStore *store;
static char *store_dir;

static void
remove_store (void)
{
  static const char * const names[] = { "rally.db", "rally.db-wal", "rally.db-shm", NULL };

  g_clear_object (&store);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (store_dir, names[i], NULL);

      g_remove (path);
    }
  g_rmdir (store_dir);
}

static void
open_fuzz_store (const char *dir_template)
{
  g_autoptr(GError) error = NULL;

  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR))
    g_setenv ("TMPDIR", "/dev/shm", TRUE);
  store_dir = g_dir_make_tmp (dir_template, NULL);
  store = rally_store_open (store_dir, &error);
  CHECK (store != NULL);
  atexit (remove_store);
}
