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

#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

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
 * rally_test_compile_locale:
 * @name: a locale of Debian's "locales" data, "es_ES"
 *
 * Compiles @name in UTF-8 into a fresh temporary folder, as test machines seldom
 * have it generated. Point LOCPATH at the folder before setlocale() to use it.
 *
 * Returns: (transfer full) (nullable): the folder (remove it with
 *   rally_test_remove_tree()), or %NULL when localedef or the data is missing
 */
char *
rally_test_compile_locale (const char *name)
{
  g_autofree char *data = g_build_filename ("/usr/share/i18n/locales", name, NULL);
  g_autofree char *dir = NULL;
  g_autofree char *target_name = g_strconcat (name, ".UTF-8", NULL);
  g_autofree char *target = NULL;
  const char *argv[] = { "localedef", "-i", name, "-f", "UTF-8", NULL, NULL };
  int status = -1;

  if (!g_file_test (data, G_FILE_TEST_EXISTS))
    return NULL;
  dir = g_dir_make_tmp ("rally-locale-XXXXXX", NULL);
  if (dir == NULL)
    return NULL;
  target = g_build_filename (dir, target_name, NULL);
  argv[5] = target;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_file_test (target, G_FILE_TEST_IS_DIR))
    {
      rally_test_remove_tree (dir);
      return NULL;
    }

  return g_steal_pointer (&dir);
}

/**
 * rally_test_computer_user_name:
 *
 * Returns: (transfer full): the name a save on this computer records as its author
 *   (the user's real name, else the login name), as the store picks it
 */
char *
rally_test_computer_user_name (void)
{
  const char *name = g_get_real_name ();

  if (name == NULL || name[0] == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();

  return g_strdup (name);
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

static gboolean
set_true_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * rally_test_wait_ms:
 * @ms: how long
 *
 * Runs the main context for @ms milliseconds, then what is pending.
 */
void
rally_test_wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_true_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  rally_test_iterate ();
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

/* The first column of the first row of @sql, run read-only on the database at @db_path. */
gint64
rally_test_sql_int (const char *db_path,
                    const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* PRAGMA integrity_check says ok and no foreign key is dangling. */
void
rally_test_assert_db_ok (const char *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* A GAsyncReadyCallback that keeps the result in the GAsyncResult * at @user_data. */
void
rally_test_store_result_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Iterates the main context until rally_test_store_result_cb() filled @slot. */
GAsyncResult *
rally_test_wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/**
 * rally_test_run_measured:
 * @argv: the program and its arguments
 * @flags: more #GSpawnFlags (where its output goes)
 * @max_rss_kb: (out) (optional): its peak resident size in KiB
 * @cpu_s: (out) (optional): the processor time it used (user and system, its
 *   children's included), in seconds
 *
 * Runs a program to its end, asserting that it succeeds. wait4's figures are the
 * program's own, whatever ran before it in this process.
 *
 * Returns: how long it ran, in seconds
 */
double
rally_test_run_measured (const char * const *argv,
                         GSpawnFlags         flags,
                         long               *max_rss_kb,
                         double             *cpu_s)
{
  g_autoptr(GError) error = NULL;
  struct rusage usage = { 0 };
  gint64 start = g_get_monotonic_time ();
  GPid pid;
  int status;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, flags | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  if (max_rss_kb != NULL)
    *max_rss_kb = usage.ru_maxrss;
  if (cpu_s != NULL)
    *cpu_s = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;

  return (g_get_monotonic_time () - start) / 1e6;
}

/**
 * rally_test_run_rally:
 * @args: the arguments after the program (NULL-terminated)
 * @err: (out) (optional): its stderr
 *
 * Runs $RALLY_BIN with @args, its stdout to /dev/null.
 *
 * Returns: its exit status
 */
int
rally_test_run_rally (const char * const  *args,
                      char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) g_getenv ("RALLY_BIN"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/**
 * rally_test_kill_after_page:
 * @process: a `rally sync` spawned with its stderr piped
 *
 * Waits until @process says it wrote a page (": page " on stderr), lets it go on for
 * a random 0–100 ms and kills it (SIGKILL), as a crash or a power cut would.
 *
 * Returns: whether it was killed before it ended
 */
gboolean
rally_test_kill_after_page (GSubprocess *process)
{
  g_autoptr(GDataInputStream) err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  char *line;

  while ((line = g_data_input_stream_read_line (err, NULL, NULL, NULL)) != NULL)
    {
      gboolean page = strstr (line, ": page ") != NULL;

      g_free (line);
      if (page)
        break;
    }
  g_usleep (g_test_rand_int_range (0, 100) * 1000);
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
  return g_subprocess_get_if_signaled (process);
}
