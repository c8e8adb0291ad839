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
 * A workspace on this computer (SQLite). Any commit, ours or another program's,
 * writes the database's -wal file (or, with the log checkpointed, the database file),
 * and a rename over rally.db is an event in its folder: a file monitor on the folder
 * wakes the watch, which then asks SQLite two cheap questions, neither of which reads
 * the database itself:
 * - PRAGMA data_version, which changes only when another connection committed, so
 *   the store's own commits (a sync's many small ones included) never cost a reload;
 * - SQLITE_FCNTL_HAS_MOVED, true once the open file is no longer the one at the
 *   path (a workspace swapped by rename): the store then opens the new file.
 * Either is announced as RallyStore::changed with a NULL table, which every live
 * list and page already follows. The first event of a burst is looked at after
 * CHECK_DELAY_MS, and never sooner than MIN_INTERVAL_MS after the last reload, so
 * a cron sync writing page after page costs one reload a second at most. Nothing
 * polls: without events the watch sleeps.
 *
 * A team workspace (PostgreSQL). Every commit sends, inside its transaction, a
 * NOTIFY on CHANNEL for each change it queued ("table:id", or "*" for everything;
 * _rally_store_announce()), and the watching store LISTENs: the driver's socket
 * wakes the watch (g_unix_fd_add), or the driver tells it of notifications that came
 * with the results of a statement. Those of its own connection are dropped by the
 * driver, since its commits announce themselves. They are emitted as RallyStore::changed
 * with their table and id, SERVER_DELAY_MS after the first of a burst and never
 * sooner than SERVER_MIN_INTERVAL_MS after the last, coalesced.
 *
 * Losing the server (its socket closes, keepalives fail, a statement finds the
 * connection gone) turns the store's "online" FALSE: the window keeps what it loaded,
 * every write fails with RALLY_STORE_ERROR_OFFLINE, and the watch connects again on
 * a worker thread after 1, 2, 4, then every 8 s (or at once on
 * rally_store_retry_connection()). The new connection takes the lost one's place and
 * everything is announced as changed, since what others wrote meanwhile was not heard. */

#define G_LOG_DOMAIN "RallyStore"

#include "config.h"

#include <glib-unix.h>
#include <string.h>

#include "rally-db-private.h"
#include "rally-store-private.h"

#define CHECK_DELAY_MS  200
#define MIN_INTERVAL_MS 1000

#define CHANNEL                "rally_changes"
#define SERVER_DELAY_MS        20
#define SERVER_MIN_INTERVAL_MS 300
#define MAX_REMOTE_CHANGES     32
#define FIRST_RETRY_MS         1000
#define MAX_RETRY_MS           8000

typedef struct
{
  const char *table;   /* interned; NULL for everything */
  gint64      id;
} RemoteChange;

struct _RallyStoreWatch
{
  RallyStore   *store;         /* borrowed: the store owns the watch */
  gint64        last_reload;   /* monotonic µs */

  /* a workspace on this computer */
  GFileMonitor *monitor;
  gint64        data_version;  /* as of the last reload */
  guint         check_id;

  /* a team workspace */
  gboolean      server;
  gboolean      online;
  guint         socket_id;     /* the connection's socket, while online */
  guint         poke_id;       /* the driver told of something */
  guint         flush_id;
  GArray       *remote;        /* RemoteChange, not emitted yet */
  guint         retry_id;
  guint         retry_ms;      /* the wait before the next attempt */
  GCancellable *reconnecting;  /* an attempt under way on a worker thread; cancelled
                                * when the watch goes */
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

  /* the sync writer's latest commits are the store's own once announced, and the
   * announcement tells whether anyone else wrote meanwhile */
  if (_rally_store_has_unannounced (self->store))
    {
      schedule_check (self, CHECK_DELAY_MS);
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

static void
watch_folder (RallyStoreWatch *self)
{
  g_autoptr(GFile) folder = g_file_new_for_path (rally_store_get_data_dir (self->store));
  g_autoptr(GError) error = NULL;

  self->data_version = _rally_store_get_data_version (self->store);
  self->monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Cannot watch %s for other writers: %s", rally_store_get_data_dir (self->store), error->message);
      return;
    }

  g_signal_connect (self->monitor, "changed", G_CALLBACK (folder_changed_cb), self);
}

/* ------------------------------------------------------------------ */
/* A team workspace                                                     */

static void go_offline     (RallyStoreWatch *self);
static void schedule_retry (RallyStoreWatch *self);

/* "table:id", or "*" for everything. */
static char *
payload_for (const char *table,
             gint64      id)
{
  if (table == NULL)
    return g_strdup ("*");
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, table, id);
}

/* The tables whose changes the store announces. */
static const char *
known_table (const char *name,
             gsize       length)
{
  static const char * const tables[] = { "account", "campaigns", "challenges", "events",
                                         "planned_posts", "snapshots", "videos" };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (strlen (tables[i]) == length && strncmp (tables[i], name, length) == 0)
      return g_intern_static_string (tables[i]);
  return NULL;
}

/* The other way round; anything else (a stranger on the server may send anything)
 * means everything. */
static RemoteChange
parse_payload (const char *payload)
{
  RemoteChange change = { NULL, 0 };
  const char *colon = strchr (payload, ':');
  char *end = NULL;

  if (colon == NULL)
    return change;
  change.table = known_table (payload, colon - payload);
  change.id = g_ascii_strtoll (colon + 1, &end, 10);
  if (change.table == NULL || end == colon + 1 || *end != '\0' || change.id < 0)
    return (RemoteChange) { NULL, 0 };

  return change;
}

static gboolean
covers (const RemoteChange *change,
        const RemoteChange *other)
{
  if (change->table == NULL)
    return TRUE;
  return change->table == other->table && (change->id == 0 || change->id == other->id);
}

static void
queue_remote (RallyStoreWatch *self,
              RemoteChange     change)
{
  for (guint i = 0; i < self->remote->len; i++)
    if (covers (&g_array_index (self->remote, RemoteChange, i), &change))
      return;

  for (guint i = self->remote->len; i > 0; i--)
    if (covers (&change, &g_array_index (self->remote, RemoteChange, i - 1)))
      g_array_remove_index (self->remote, i - 1);

  if (self->remote->len >= MAX_REMOTE_CHANGES)
    {
      g_array_set_size (self->remote, 0);
      change = (RemoteChange) { NULL, 0 };
    }
  g_array_append_val (self->remote, change);
}

static gboolean
flush_cb (gpointer user_data)
{
  RallyStoreWatch *self = user_data;
  g_autoptr(GArray) remote = g_steal_pointer (&self->remote);

  self->flush_id = 0;
  self->remote = g_array_new (FALSE, FALSE, sizeof (RemoteChange));
  self->last_reload = g_get_monotonic_time ();
  for (guint i = 0; i < remote->len; i++)
    {
      RemoteChange *change = &g_array_index (remote, RemoteChange, i);

      g_debug ("Another Rally changed %s %" G_GINT64_FORMAT, change->table != NULL ? change->table : "everything",
               change->id);
      rally_store_emit_changed (self->store, change->table, change->id);
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_flush (RallyStoreWatch *self)
{
  gint64 since_last = (g_get_monotonic_time () - self->last_reload) / 1000;
  guint delay_ms = SERVER_DELAY_MS;

  if (self->flush_id != 0 || self->remote->len == 0)
    return;
  if (since_last < SERVER_MIN_INTERVAL_MS)
    delay_ms = MAX (delay_ms, SERVER_MIN_INTERVAL_MS - since_last);
  self->flush_id = g_timeout_add (delay_ms, flush_cb, self);
}

/* Takes what the connection heard; FALSE when it is lost. */
static gboolean
take_notifications (RallyStoreWatch *self)
{
  g_autoptr(GPtrArray) payloads = NULL;
  g_autoptr(GError) error = NULL;

  payloads = rally_db_take_notifications (self->store->conn, &error);
  if (payloads == NULL)
    return FALSE;

  for (guint i = 0; i < payloads->len; i++)
    queue_remote (self, parse_payload (g_ptr_array_index (payloads, i)));
  schedule_flush (self);

  return TRUE;
}

static gboolean
socket_cb (int          fd,
           GIOCondition condition,
           gpointer     user_data)
{
  RallyStoreWatch *self = user_data;

  if (take_notifications (self))
    return G_SOURCE_CONTINUE;

  self->socket_id = 0;
  go_offline (self);
  return G_SOURCE_REMOVE;
}

static gboolean
poke_cb (gpointer user_data)
{
  RallyStoreWatch *self = user_data;

  self->poke_id = 0;
  if (self->online && !take_notifications (self))
    go_offline (self);

  return G_SOURCE_REMOVE;
}

/* From the driver, in the middle of a statement: look once it is over. */
static void
db_event_cb (RallyDb      *db,
             RallyDbEvent  event,
             gpointer      user_data)
{
  RallyStoreWatch *self = user_data;

  if (self->poke_id == 0)
    self->poke_id = g_idle_add (poke_cb, self);
}

/* Listens on the store's connection; FALSE when it is not there to listen on. */
static gboolean
listen_to_server (RallyStoreWatch *self)
{
  RallyDb *conn = self->store->conn;
  int fd = rally_db_get_socket (conn);

  if (!rally_db_is_connected (conn) || fd < 0)
    return FALSE;

  rally_db_set_event_func (conn, db_event_cb, self);
  self->socket_id = g_unix_fd_add (fd, G_IO_IN | G_IO_ERR | G_IO_HUP, socket_cb, self);
  self->online = TRUE;
  return TRUE;
}

static void
go_offline (RallyStoreWatch *self)
{
  if (!self->online)
    return;

  g_debug ("The team server cannot be reached; trying again");
  self->online = FALSE;
  g_clear_handle_id (&self->socket_id, g_source_remove);
  rally_db_set_event_func (self->store->conn, NULL, NULL);
  self->retry_ms = FIRST_RETRY_MS;
  schedule_retry (self);
  _rally_store_notify_online (self->store);
}

static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(RallyDb) db = NULL;
  GError *error = NULL;

  /* the role as the store read it when it opened, read again */
  db = rally_db_open_postgresql (task_data, &error);
  if (db == NULL || !_rally_db_pg_read_role (db, &error) || !rally_db_listen (db, CHANNEL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&db), (GDestroyNotify) rally_db_close);
}

static void
connected_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  RallyStoreWatch *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyDb) db = g_task_propagate_pointer (G_TASK (result), &error);

  /* the watch is gone when its cancellable is: touch nothing of it */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->reconnecting);
  /* (a sync's run of writes may go on: its next page goes to the new connection) */
  if (db == NULL || self->store->in_transaction)
    {
      g_debug ("Still no team server: %s", error != NULL ? error->message : "a transaction is under way");
      schedule_retry (self);
      return;
    }

  _rally_store_use_connection (self->store, g_steal_pointer (&db));
  if (!listen_to_server (self))
    {
      schedule_retry (self);
      return;
    }

  g_debug ("Connected to the team server again");
  _rally_store_notify_online (self->store);
  /* nothing said what others wrote meanwhile: everything is read again */
  self->last_reload = g_get_monotonic_time ();
  rally_store_emit_changed (self->store, NULL, 0);
}

static void
reconnect (RallyStoreWatch *self)
{
  g_autoptr(GTask) task = NULL;

  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (self->online || self->reconnecting != NULL)
    return;

  self->reconnecting = g_cancellable_new ();
  task = g_task_new (NULL, self->reconnecting, connected_cb, self);
  g_task_set_source_tag (task, reconnect);
  g_task_set_task_data (task, g_strdup (rally_store_get_data_dir (self->store)), g_free);
  g_task_run_in_thread (task, connect_thread);
}

static gboolean
retry_cb (gpointer user_data)
{
  RallyStoreWatch *self = user_data;

  self->retry_id = 0;
  reconnect (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (RallyStoreWatch *self)
{
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->retry_id = g_timeout_add (self->retry_ms, retry_cb, self);
  self->retry_ms = MIN (self->retry_ms * 2, MAX_RETRY_MS);
}

static void
watch_server (RallyStoreWatch *self)
{
  g_autoptr(GError) error = NULL;

  self->server = TRUE;
  self->online = TRUE;
  self->remote = g_array_new (FALSE, FALSE, sizeof (RemoteChange));

  if (!rally_db_listen (self->store->conn, CHANNEL, &error))
    g_debug ("Cannot hear of other windows' changes: %s", error->message);
  if (error != NULL || !listen_to_server (self))
    go_offline (self);
}

/**
 * _rally_store_announce:
 * @store: a store in a transaction
 * @table: (nullable): the table changed, %NULL for everything
 * @id: the row changed, 0 for several
 *
 * Tells the other windows on a team server of a change, when the transaction commits.
 * Nothing to do on SQLite, whose file the watch follows instead.
 */
gboolean
_rally_store_announce (RallyStore  *store,
                       const char  *table,
                       gint64       id,
                       GError     **error)
{
  g_autofree char *payload = NULL;

  if (_rally_store_get_dialect (store) != RALLY_DB_DIALECT_POSTGRESQL)
    return TRUE;

  payload = payload_for (table, id);
  return rally_db_notify (store->conn, CHANNEL, payload, error);
}

/* ------------------------------------------------------------------ */
/* The watch                                                            */

RallyStoreWatch *
_rally_store_watch_new (RallyStore *store)
{
  RallyStoreWatch *self = g_new0 (RallyStoreWatch, 1);

  self->store = store;
  if (_rally_store_get_dialect (store) == RALLY_DB_DIALECT_POSTGRESQL)
    watch_server (self);
  else
    watch_folder (self);

  return self;
}

/* The store is about to announce that everything changed: what other connections
 * committed until now is covered by that. */
void
_rally_store_watch_rebase (RallyStoreWatch *self)
{
  if (self->server)
    {
      g_array_set_size (self->remote, 0);
      g_clear_handle_id (&self->flush_id, g_source_remove);
      return;
    }

  self->data_version = _rally_store_get_data_version (self->store);
}

static void
free_server (RallyStoreWatch *self)
{
  if (self->reconnecting != NULL)
    g_cancellable_cancel (self->reconnecting);
  g_clear_object (&self->reconnecting);
  g_clear_handle_id (&self->socket_id, g_source_remove);
  g_clear_handle_id (&self->poke_id, g_source_remove);
  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_pointer (&self->remote, g_array_unref);
  if (self->store->conn != NULL)
    rally_db_set_event_func (self->store->conn, NULL, NULL);
}

void
_rally_store_watch_free (RallyStoreWatch *self)
{
  if (self == NULL)
    return;

  if (self->server)
    free_server (self);

  g_clear_handle_id (&self->check_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_free (self);
}

/**
 * rally_store_get_online:
 * @self: a #RallyStore
 *
 * Returns: whether the workspace can be reached (see #RallyStore:online)
 */
gboolean
rally_store_get_online (RallyStore *self)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);

  if (self->watch != NULL && self->watch->server)
    return self->watch->online;
  return rally_db_is_connected (self->conn);
}

/**
 * rally_store_retry_connection:
 * @self: a #RallyStore
 *
 * While #RallyStore:online is %FALSE, tries to connect to the team server now
 * instead of at the next attempt the watch planned. Returns at once; the property
 * says whether it worked.
 */
void
rally_store_retry_connection (RallyStore *self)
{
  g_return_if_fail (RALLY_IS_STORE (self));

  if (self->watch == NULL || !self->watch->server || self->watch->online)
    return;

  self->watch->retry_ms = FIRST_RETRY_MS;
  reconnect (self->watch);
}
