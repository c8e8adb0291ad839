/* test-store-crash.c
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

/* Crash safety: a child process writes in a loop and reports each write on a pipe only
 * after its commit returned; the parent kills it with SIGKILL at random moments. After
 * every kill the database must pass PRAGMA integrity_check and hold every acknowledged
 * write exactly once. */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rally-store.h"
#include "rally-test-util.h"

#define N_KILLS          50
#define VIDEOS_PER_WRITE 40

static const char *self_path;

/* The child */

static RallyVideo **
make_videos (gint64 run,
             gint64 seq)
{
  RallyVideo **videos = g_new0 (RallyVideo *, VIDEOS_PER_WRITE);

  for (guint j = 0; j < VIDEOS_PER_WRITE; j++)
    {
      videos[j] = rally_video_new ();
      rally_video_set_tiktok_id (videos[j], (run << 40) | (seq * VIDEOS_PER_WRITE + j));
      rally_video_set_creator (videos[j], "crash_test");
      rally_video_set_views (videos[j], seq);
    }

  return videos;
}

static gint64
child_challenge (RallyStore *store)
{
  g_autoptr(RallyChallenge) challenge = rally_store_find_challenge (store, "CrashTest");
  g_autoptr(GError) error = NULL;

  if (challenge != NULL)
    return rally_challenge_get_id (challenge);

  challenge = rally_challenge_new ();
  rally_challenge_set_hashtag (challenge, "CrashTest");
  if (!rally_store_save_challenge (store, challenge, &error))
    g_error ("%s", error->message);

  return rally_challenge_get_id (challenge);
}

/* One acknowledged write: a campaign, then a batch of videos that a later write of the
 * same batch would update, not duplicate. */
static void
child_write (RallyStore *store,
             gint64      challenge_id,
             gint64      run,
             gint64      seq)
{
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
  g_autofree char *name = g_strdup_printf ("run%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, run, seq);
  g_autoptr(GError) error = NULL;
  RallyVideo **videos = make_videos (run, seq);
  char line[64];
  int len;

  rally_campaign_set_name (campaign, name);
  if (!rally_store_save_campaign (store, campaign, &error) ||
      !rally_store_upsert_videos (store, challenge_id, videos, VIDEOS_PER_WRITE, &error) ||
      !rally_store_upsert_videos (store, challenge_id, videos, VIDEOS_PER_WRITE / 2, &error))
    g_error ("%s", error->message);

  /* One write() of a short line is atomic on a pipe. */
  len = g_snprintf (line, sizeof line, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                    rally_campaign_get_id (campaign), seq);
  if (write (STDOUT_FILENO, line, len) != len)
    exit (2);

  for (guint j = 0; j < VIDEOS_PER_WRITE; j++)
    g_object_unref (videos[j]);
  g_free (videos);
}

static int
child_main (const char *dir,
            const char *run_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) store = rally_store_open (dir, &error);
  gint64 run = g_ascii_strtoll (run_text, NULL, 10);
  gint64 challenge_id;

  if (store == NULL)
    g_error ("%s", error->message);

  challenge_id = child_challenge (store);
  for (gint64 seq = 0; ; seq++)
    child_write (store, challenge_id, run, seq);

  return 0;
}

/* The parent */

typedef struct
{
  gint64 campaign_id;
  gint64 seq;
} Ack;

static void
read_acks (int      fd,
           GString *buffer)
{
  char chunk[4096];
  ssize_t n;

  while ((n = read (fd, chunk, sizeof chunk)) > 0)
    g_string_append_len (buffer, chunk, n);
}

/* Blocks until the child has acknowledged its first write (or died), so that every kill
 * lands while the child is writing, however loaded the machine is. */
static void
wait_first_ack (int      fd,
                GString *buffer)
{
  char chunk[256];
  ssize_t n;

  while (strchr (buffer->str, '\n') == NULL && (n = read (fd, chunk, sizeof chunk)) > 0)
    g_string_append_len (buffer, chunk, n);
}

static GArray *
parse_acks (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GArray *acks = g_array_new (FALSE, FALSE, sizeof (Ack));

  /* Every complete line was written after its commit; a torn last line is not an ack. */
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      Ack ack;

      g_assert_cmpint (sscanf (lines[i], "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &ack.campaign_id, &ack.seq), ==, 2);
      g_array_append_val (acks, ack);
    }

  return acks;
}

static gint64
query_count (sqlite3    *db,
             const char *sql,
             gint64      a,
             const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, a);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return count;
}

static void
check_database (const char *dir,
                gint64      run,
                GArray     *acks)
{
  g_autofree char *path = g_build_filename (dir, "rally.db", NULL);
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  /* The store opens (recovering the WAL), then SQLite checks every page. */
  store = rally_store_open (dir, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  for (guint i = 0; i < acks->len; i++)
    {
      Ack *ack = &g_array_index (acks, Ack, i);
      g_autofree char *name = g_strdup_printf ("run%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, run, ack->seq);
      gint64 first = (run << 40) | (ack->seq * VIDEOS_PER_WRITE);

      g_assert_cmpint (query_count (db, "SELECT count(*) FROM campaigns WHERE id = ?1 AND name = ?2",
                                    ack->campaign_id, name), ==, 1);
      g_assert_cmpint (query_count (db, "SELECT count(*) FROM campaigns WHERE name = ?2", 0, name), ==, 1);
      g_assert_cmpint (query_count (db, "SELECT count(*) FROM videos WHERE tiktok_id >= ?1 AND tiktok_id < ?1 + "
                                        G_STRINGIFY (VIDEOS_PER_WRITE), first, NULL), ==, VIDEOS_PER_WRITE);
    }

  sqlite3_close (db);
}

static guint
run_and_kill (const char *dir,
              gint64      run,
              guint       delay_ms)
{
  g_autofree char *run_text = g_strdup_printf ("%" G_GINT64_FORMAT, run);
  const char *argv[] = { self_path, "--crash-child", dir, run_text, NULL };
  g_autoptr(GString) output = g_string_new (NULL);
  g_autoptr(GArray) acks = NULL;
  g_auto(GStrv) envp = NULL;
  g_autoptr(GError) error = NULL;
  GPid pid;
  int out_fd, status;

  /* The child dies by SIGKILL, so sanitizer leak checks and slow unwinding buy nothing. */
  envp = g_environ_setenv (g_get_environ (), "ASAN_OPTIONS", "detect_leaks=0:abort_on_error=1", TRUE);
  g_spawn_async_with_pipes (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  wait_first_ack (out_fd, output);
  g_usleep (delay_ms * 1000);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);

  /* The child must have died from our signal, not from an error of its own. */
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  read_acks (out_fd, output);
  close (out_fd);
  acks = parse_acks (output->str);
  check_database (dir, run, acks);

  return acks->len;
}

static void
test_crash_kill_loop (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-crash-XXXXXX", NULL);
  guint total_acks = 0;

  for (gint64 run = 1; run <= N_KILLS; run++)
    total_acks += run_and_kill (dir, run, g_test_rand_int_range (0, 100));

  g_test_message ("%u acknowledged writes survived %d kills", total_acks, N_KILLS);
  /* Every kill came after at least one acknowledged write. */
  g_assert_cmpuint (total_acks, >=, N_KILLS);
  rally_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_strcmp0 (argv[1], "--crash-child") == 0)
    return child_main (argv[2], argv[3]);

  self_path = argv[0];
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/crash/kill-loop", test_crash_kill_loop);

  return g_test_run ();
}
