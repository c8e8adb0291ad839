/* rally-store-watch.c
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

/* RallyStoreWatch: noticing what other connections write to the workspace.
 *
 * Any commit, ours or another program's, writes the database's -wal file (or, with
 * the log checkpointed, the database file), and a rename over rally.db is an event
 * in its folder: a file monitor on the folder wakes the watch, which then asks
 * SQLite two cheap questions, neither of which reads the database itself:
 * - PRAGMA data_version, which changes only when another connection committed, so
 *   the store's own commits (a sync's many small ones included) never cost a reload;
 * - SQLITE_FCNTL_HAS_MOVED, true once the open file is no longer the one at the
 *   path (a workspace swapped by rename): the store then opens the new file.
 * Either is announced as RallyStore::changed with a NULL table, which every live
 * list and page already follows. The first event of a burst is looked at after
 * CHECK_DELAY_MS, and never sooner than MIN_INTERVAL_MS after the last reload, so
 * a cron sync writing page after page costs one reload a second at most. Nothing
 * polls: without events the watch sleeps. */

#define G_LOG_DOMAIN "RallyStore"

#include "config.h"

#include "rally-store-private.h"

#define CHECK_DELAY_MS  200
#define MIN_INTERVAL_MS 1000

struct _RallyStoreWatch
{
  RallyStore   *store;         /* borrowed: the store owns the watch */
  GFileMonitor *monitor;
  gint64        data_version;  /* as of the last reload */
  gint64        last_reload;   /* monotonic µs */
  guint         check_id;
};

static void schedule_check (RallyStoreWatch *self,
                            guint            delay_ms);

static void
reopen (RallyStoreWatch *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_test (rally_store_get_path (self->store), G_FILE_TEST_EXISTS) ||
      _rally_store_is_writing (self->store))
    {
      /* Half-way through a swap, or our own writes under way: look again soon. */
      schedule_check (self, MIN_INTERVAL_MS);
      return;
    }

  if (!_rally_store_reopen (self->store, &error))
    {
      /* Not a workspace we can open (yet): keep showing the old one. */
      g_debug ("Could not open the replaced workspace: %s", error->message);
      return;
    }

  g_debug ("The workspace file was replaced; opened the new one");
  self->last_reload = g_get_monotonic_time ();
  rally_store_emit_changed (self->store, NULL, 0);
}

static void
check (RallyStoreWatch *self)
{
  gint64 version;

  if (_rally_store_has_moved (self->store))
    {
      reopen (self);
      return;
    }

  version = _rally_store_get_data_version (self->store);
  if (version == self->data_version)
    return;

  g_debug ("Another program changed the workspace; reloading");
  self->last_reload = g_get_monotonic_time ();
  rally_store_emit_changed (self->store, NULL, 0);
}

static gboolean
check_cb (gpointer user_data)
{
  RallyStoreWatch *self = user_data;

  self->check_id = 0;
  check (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_check (RallyStoreWatch *self,
                guint            delay_ms)
{
  gint64 since_last = (g_get_monotonic_time () - self->last_reload) / 1000;

  if (self->check_id != 0)
    return;

  if (since_last < MIN_INTERVAL_MS)
    delay_ms = MAX (delay_ms, MIN_INTERVAL_MS - since_last);
  self->check_id = g_timeout_add (delay_ms, check_cb, self);
}

static gboolean
is_database_file (GFile *file)
{
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

  /* rally.db, rally.db-wal; a rename brings a temporary name to rally.db */
  return name != NULL && g_str_has_prefix (name, "rally.db") && !g_str_has_suffix (name, "-shm");
}

static void
folder_changed_cb (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other,
                   GFileMonitorEvent  event,
                   RallyStoreWatch   *self)
{
  if (is_database_file (file) || is_database_file (other))
    schedule_check (self, CHECK_DELAY_MS);
}

RallyStoreWatch *
_rally_store_watch_new (RallyStore *store)
{
  RallyStoreWatch *self = g_new0 (RallyStoreWatch, 1);
  g_autoptr(GFile) folder = g_file_new_for_path (rally_store_get_data_dir (store));
  g_autoptr(GError) error = NULL;

  self->store = store;
  self->data_version = _rally_store_get_data_version (store);
  self->monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Cannot watch %s for other writers: %s", rally_store_get_data_dir (store), error->message);
      return self;
    }

  g_signal_connect (self->monitor, "changed", G_CALLBACK (folder_changed_cb), self);

  return self;
}

/* The store is about to announce that everything changed: what other connections
 * committed until now is covered by that. */
void
_rally_store_watch_rebase (RallyStoreWatch *self)
{
  self->data_version = _rally_store_get_data_version (self->store);
}

void
_rally_store_watch_free (RallyStoreWatch *self)
{
  if (self == NULL)
    return;

  g_clear_handle_id (&self->check_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_free (self);
}
