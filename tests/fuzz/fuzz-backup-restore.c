/* fuzz-backup-restore.c
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

/* libFuzzer target for restoring a JSON backup into a real store. Each input is
 * restored with "replace" into one workspace; whatever happens, the call either
 * succeeds or fails with a message, and a failure leaves the workspace as it was
 * (checked by counting rows before and after). */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "rally-backup.h"
#include "rally-store-private.h"

#define CHECK(cond) do { if (!(cond)) __builtin_trap (); } while (0)

static RallyStore *store;
static char *store_dir;

/* Through the store's own connection: opening another per input is slow. */
static gint64
count_rows (void)
{
  RallyDbStmt *stmt = _rally_store_stmt (store,
                                         "SELECT (SELECT count(*) FROM campaigns) + (SELECT count(*) FROM challenges)"
                                         " + (SELECT count(*) FROM planned_posts) + (SELECT count(*) FROM videos)"
                                         " + (SELECT count(*) FROM snapshots)",
                                         NULL);
  gint64 n = -1;

  CHECK (stmt != NULL);
  if (rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    n = rally_db_stmt_column_int64 (stmt, 0);
  rally_db_stmt_reset (stmt);

  return n;
}

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

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  /* In memory when possible: every restore commits. */
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR))
    g_setenv ("TMPDIR", "/dev/shm", TRUE);
  store_dir = g_dir_make_tmp ("fuzz-backup-XXXXXX", NULL);

  store = rally_store_open (store_dir, &error);
  CHECK (store != NULL);
  atexit (remove_store);

  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  gint64 before = count_rows ();
  gboolean ok;

  ok = rally_backup_restore (store, (const char *) data, size, RALLY_BACKUP_RESTORE_REPLACE, NULL, NULL, &error);

  CHECK (ok == (error == NULL));
  if (!ok)
    {
      CHECK (error->message != NULL && g_utf8_validate (error->message, -1, NULL));
      CHECK (count_rows () == before);
    }

  return 0;
}
