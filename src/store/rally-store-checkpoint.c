/* rally-store-checkpoint.c
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

/* RallyCheckpointer: WAL checkpoints on a thread of their own, for the long runs of
 * small transactions that sync writes (one per page of videos).
 *
 * SQLite's automatic checkpoint runs inside the COMMIT that crossed the threshold,
 * copying the log into the database and syncing both files while the writer waits.
 * Here the writer's connection only reports the log's length after each commit
 * (sqlite3_wal_hook); past WAL_FRAMES frames a second connection, on its own
 * thread, runs a passive checkpoint, which never blocks the writer. The log is
 * synced to disk before each checkpoint, so at most one checkpoint interval of
 * commits (WAL_FRAMES) waits in the page cache. Past WAL_RESTART_FRAMES the writer runs a
 * (short) checkpoint itself, after which the log is reused from its start.
 *
 * The database file itself is synced only by the last checkpoint, at the end of the
 * sync, which waits for it: after each checkpoint the thread has the kernel start
 * writing the pages it copied (sync_file_range, without waiting), so that little is
 * left to write then. */

#define G_LOG_DOMAIN "RallyStore"
#define _GNU_SOURCE  /* sync_file_range() */

#include "config.h"

#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rally-store-private.h"

/* About 4 MiB of log (4 KiB pages) between background checkpoints: a page of
 * videos dirties a few hundred index pages, and the same ones again on the next
 * pages, so a longer log copies each page once for several commits; but what the
 * last checkpoint left unsynced is written to disk at the end of a sync, while it
 * waits, and 16 MiB of it took 40 to 60 ms of a 90,000-video sync's 800. */
#define WAL_FRAMES 1000
/* Past this (about 64 MiB), the writer completes the checkpoint itself so the log
 * can start over. */
#define WAL_RESTART_FRAMES 16384

struct _RallyCheckpointer
{
  sqlite3  *writer;      /* the store's connection; not ours */
  sqlite3  *db;          /* ours, used on the thread only */
  GThread  *thread;
  GMutex    lock;
  GCond     cond;
  gboolean  wanted;
  gboolean  stopping;
  int       asked_at;    /* frames in the log when the thread was last asked; writer only */
  gint      failed;      /* (atomic) our connection could not read the file: the writer checkpoints */
  int       fd;          /* the database file, to start its writeback; or -1 */
};

/* A descriptor of the database file at @path, opened once and never closed: closing
 * any descriptor of a file drops every POSIX lock this process holds on it, among
 * them the locks of the store's own SQLite connections (SQLite keeps its own
 * descriptors open for that reason). -1 when it cannot be opened, or where there is
 * no writeback to start. */
static int
database_fd (const char *path)
{
#ifdef SYNC_FILE_RANGE_WRITE
  static GHashTable *fds;  /* path → fd + 1 */
  G_LOCK_DEFINE_STATIC (fds);
  gpointer value;
  int fd;

  G_LOCK (fds);
  if (fds == NULL)
    fds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_lookup_extended (fds, path, NULL, &value))
    fd = GPOINTER_TO_INT (value) - 1;
  else
    {
      fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
      g_hash_table_insert (fds, g_strdup (path), GINT_TO_POINTER (fd + 1));
    }
  G_UNLOCK (fds);
  return fd;
#else
  return -1;
#endif
}

/* Starts writing the database file's dirty pages to disk, without waiting for them:
 * the final checkpoint's sync then has only the last ones to wait for. Only a hint:
 * where the system cannot, that sync writes them all, as before. */
static void
start_writeback (RallyCheckpointer *self)
{
#ifdef SYNC_FILE_RANGE_WRITE
  if (self->fd >= 0)
    sync_file_range (self->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
}

static gpointer
checkpoint_thread (gpointer data)
{
  RallyCheckpointer *self = data;

  /* a connection only finds out the file is in WAL mode once it has read it (and
   * its schema): here, not while the sync waits to start; one that cannot read it
   * would checkpoint nothing, so the writer does, as often as this thread would */
  if (sqlite3_exec (self->db, "PRAGMA journal_mode", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_debug ("Background checkpoints are off, the writer checkpoints: %s", sqlite3_errmsg (self->db));
      g_atomic_int_set (&self->failed, TRUE);
    }

  g_mutex_lock (&self->lock);
  for (;;)
    {
      int rc;

      while (!self->wanted && !self->stopping)
        g_cond_wait (&self->cond, &self->lock);
      if (self->stopping)
        break;
      self->wanted = FALSE;
      g_mutex_unlock (&self->lock);

      /* PASSIVE copies what no reader still needs; what it leaves, the next one
       * (or the final checkpoint) copies */
      rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        g_debug ("Background checkpoint failed: %s", sqlite3_errmsg (self->db));
      start_writeback (self);

      g_mutex_lock (&self->lock);
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

static int
wal_hook_cb (gpointer    data,
             sqlite3    *db,
             const char *name,
             int         n_frames)
{
  RallyCheckpointer *self = data;

  if (n_frames < self->asked_at)
    self->asked_at = 0;  /* the log started over */
  if (n_frames >= WAL_RESTART_FRAMES ||
      (n_frames >= self->asked_at + WAL_FRAMES && g_atomic_int_get (&self->failed)))
    {
      /* The log starts over only when a transaction begins with all of it copied,
       * which the thread, always a commit behind, never sees. The writer finishes
       * the copy itself now and then: the thread did most of it already (or, when
       * its connection failed, every WAL_FRAMES, in its place). */
      int rc;

      self->asked_at = n_frames;
      rc = sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);

      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        g_debug ("Checkpoint failed: %s", sqlite3_errmsg (db));
    }
  else if (n_frames >= self->asked_at + WAL_FRAMES)
    {
      /* once per WAL_FRAMES of new log, not at every commit past the first: each
       * checkpoint copies the pages written since the last, so asking at every
       * commit copied the same hot index pages once a commit */
      self->asked_at = n_frames;
      _rally_checkpointer_ask (self);
    }
  return SQLITE_OK;
}

/* Has the thread copy the log now, whatever its length (the writer is about to
 * pause, or to do something long). */
void
_rally_checkpointer_ask (RallyCheckpointer *self)
{
  g_mutex_lock (&self->lock);
  self->wanted = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

/* Starts checkpointing @writer's database (at @path) in the background, in place of
 * its automatic checkpoints. */
RallyCheckpointer *
_rally_checkpointer_start (sqlite3     *writer,
                           const char  *path,
                           GError     **error)
{
  RallyCheckpointer *self = g_new0 (RallyCheckpointer, 1);
  int rc;

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_IO,
                   _("Could not read or write the workspace database “%s” (%s)"), path,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      sqlite3_close (self->db);
      g_free (self);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 1000);
  /* no automatic checkpoint when this connection closes: the writer does the last */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  self->fd = database_fd (path);
  self->writer = writer;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("rally-checkpoint", checkpoint_thread, self);
  sqlite3_wal_hook (writer, wal_hook_cb, self);
  return self;
}

/* Stops the thread (after the checkpoint under way, if any) and gives the writer its
 * automatic checkpoints back. */
void
_rally_checkpointer_stop (RallyCheckpointer *self)
{
  if (self == NULL)
    return;

  sqlite3_wal_autocheckpoint (self->writer, 1000);  /* SQLite's default */
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);
  sqlite3_close (self->db);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}
