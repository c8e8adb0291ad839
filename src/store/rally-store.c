/* rally-store.c
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

/* The workspace database's statements, transactions and change notification.
 * Opening and migrating it is in rally-store-open.c; records, videos and aggregates
 * are in rally-store-records.c. */

#define G_LOG_DOMAIN "RallyStore"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rally-db-private.h"
#include "rally-store-private.h"
#include "rally-store-sync.h"
#include "rally-string-sort.h"

typedef struct
{
  char   *table;
  gint64  id;
} PendingChange;

G_DEFINE_FINAL_TYPE (RallyStore, rally_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (rally-store-error-quark, rally_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

enum {
  PROP_0,
  PROP_ONLINE,
  N_PROPS
};

static guint signals [N_SIGNALS];
static GParamSpec *properties [N_PROPS];

/* More changes than this in one commit are announced to other windows as one "*". */
#define MAX_ANNOUNCED 16

static void
pending_change_clear (gpointer data)
{
  PendingChange *change = data;

  g_free (change->table);
}

gint64
_rally_store_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* A total() column as a gint64: huge sums are held at the largest gint64 instead of
 * wrapping (a cast of a double beyond the range is undefined and gives the most
 * negative number on x86). */
static gint64
saturate_total (double total)
{
  if (!(total < 9223372036854775807.0))
    return total > 0 ? G_MAXINT64 : 0;
  if (total <= -9223372036854775807.0)
    return G_MININT64;
  return (gint64) total;
}

gint64
_rally_store_stmt_total (RallyDbStmt *stmt,
                         int          column)
{
  return saturate_total (rally_db_stmt_column_double (stmt, column));
}

/* @a + @b, held at the ends of the gint64 range instead of wrapping. */
gint64
_rally_add_saturating (gint64 a,
                       gint64 b)
{
  if (b > 0 && a > G_MAXINT64 - b)
    return G_MAXINT64;
  if (b < 0 && a < G_MININT64 - b)
    return G_MININT64;
  return a + b;
}

/* A read that failed is a warning, except while the team server cannot be reached:
 * the window says so itself, and reads again once it is back. */
void
_rally_store_read_failed (const char   *what,
                          const char   *table,
                          const GError *error)
{
  if (g_error_matches (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_OFFLINE))
    g_debug ("Could not %s %s while offline", what, table);
  else
    g_warning ("Could not %s %s: %s", what, table, error->message);
}

void
_rally_store_set_error (RallyStore  *self,
                        int          rc,
                        GError     **error)
{
  _rally_db_sqlite_set_error (self->db, self->path, rc, error);
}

/* Statements are prepared once and kept: callers get them reset with no bindings,
 * and must not hold one across another call that could hand out the same SQL. */
RallyDbStmt *
_rally_store_stmt (RallyStore  *self,
                   const char  *sql,
                   GError     **error)
{
  RallyDbStmt *stmt = g_hash_table_lookup (self->queries, sql);

  if (stmt != NULL)
    {
      rally_db_stmt_reset (stmt);
      rally_db_stmt_clear_bindings (stmt);
      return stmt;
    }

  stmt = rally_db_prepare (self->conn, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (self->queries, g_strdup (sql), stmt);

  return stmt;
}

/* Steps a statement that returns no rows (or whose rows are ignored) to the end. */
gboolean
_rally_store_stmt_done (RallyStore   *self,
                        RallyDbStmt  *stmt,
                        GError      **error)
{
  return rally_db_stmt_step_done (stmt, error);
}

RallyDbDialect
_rally_store_get_dialect (RallyStore *self)
{
  return rally_db_get_dialect (self->conn);
}

gboolean
_rally_store_exec (RallyStore  *self,
                   const char  *sql,
                   GError     **error)
{
  return rally_db_exec (self->conn, sql, error);
}

/* Bulk loading of videos, inside a transaction: the indexes and the insert trigger of
 * the videos table are dropped (their SQL saved from sqlite_master, so this follows
 * any migration), rows go in, then _rally_store_bulk_end() builds each index in one
 * sorted pass, rebuilds the roll-ups and puts the trigger back. Several times faster
 * than keeping every index current row by row. Bulk rows (the sample, a restore)
 * carry their own origin, so the roster's insert trigger is left out too. */
GPtrArray *
_rally_store_bulk_begin (RallyStore  *self,
                         GError     **error)
{
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) drops = g_ptr_array_new_with_free_func (g_free);
  RallyDbStmt *stmt;
  RallyDbStep rc;

  g_assert (self->in_transaction);

  /* SQLite's schema table; PostgreSQL keeps its indexes current row by row, and
   * its triggers leave the roll-ups to the end */
  if (self->db == NULL)
    {
      if (!_rally_store_exec (self, "SET LOCAL " RALLY_STORE_BULK_LOAD_SETTING " = 'on'", error))
        return NULL;
      return g_steal_pointer (&saved);
    }

  stmt = _rally_store_stmt (self,
                               "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'videos'"
                               " AND sql IS NOT NULL AND (type = 'index' OR name IN ('videos_rollup_insert',"
                               " 'videos_creators_insert', 'videos_origin_insert'))",
                               error);
  if (stmt == NULL)
    return NULL;

  while ((rc = rally_db_stmt_step (stmt, error)) == RALLY_DB_ROW)
    {
      g_ptr_array_add (saved, g_strdup (rally_db_stmt_column_text (stmt, 2)));
      g_ptr_array_add (drops, g_strdup_printf ("DROP %s %s", rally_db_stmt_column_text (stmt, 0),
                                               rally_db_stmt_column_text (stmt, 1)));
    }
  rally_db_stmt_reset (stmt);
  if (rc != RALLY_DB_DONE)
    return NULL;

  for (guint i = 0; i < drops->len; i++)
    {
      if (!_rally_store_exec (self, g_ptr_array_index (drops, i), error))
        return NULL;
    }

  return g_steal_pointer (&saved);
}

gboolean
_rally_store_bulk_end (RallyStore  *self,
                       GPtrArray   *saved,
                       GError     **error)
{
  g_assert (self->in_transaction);

  for (guint i = 0; i < saved->len; i++)
    {
      if (!_rally_store_exec (self, g_ptr_array_index (saved, i), error))
        return FALSE;
    }

  if (self->db == NULL)
    /* every challenge's creators' first days and rate buckets too (the settle of
     * rally_store_rebuild_rollups_sql_pg counts those of rollup_pending's) */
    return _rally_store_exec (self,
                              "SET LOCAL " RALLY_STORE_BULK_LOAD_SETTING " = 'off';"
                              "INSERT INTO rollup_pending (challenge_id) SELECT id FROM challenges"
                              " ON CONFLICT (challenge_id) DO NOTHING;", error) &&
           _rally_store_exec (self, rally_store_rebuild_rollups_sql_pg, error);

  return _rally_store_exec (self, rally_store_rebuild_rollups_sql, error);
}

gboolean
_rally_store_begin (RallyStore  *self,
                    GError     **error)
{
  g_assert (!self->in_transaction);

  if (!rally_db_begin (self->conn, error))
    return FALSE;

  self->in_transaction = TRUE;
  /* a sync writer's commit is not its owner's watch's to see before it is
   * announced (rally_store_announce_sync_writes()); numbered across the owner's
   * writers (never 0), so that announcing an earlier one, or another writer going
   * away, leaves it unannounced */
  if (self->owner != NULL)
    {
      do
        self->begun = (guint) g_atomic_int_add (&self->owner->transactions, 1) + 1;
      while (self->begun == 0);
      g_atomic_int_set (&self->owner->unannounced, (gint) self->begun);
    }

  return TRUE;
}

/* A write transaction that reads what it then writes (an import merging days, a
 * restore): no other such transaction runs at the same time, on either engine. */
gboolean
_rally_store_begin_exclusive (RallyStore  *self,
                              GError     **error)
{
  const char *lock = rally_db_dialect_exclusive_write (_rally_store_get_dialect (self));

  if (!_rally_store_begin (self, error))
    return FALSE;
  if (lock != NULL && !_rally_store_exec (self, lock, error))
    {
      _rally_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
_rally_store_rollback (RallyStore *self)
{
  if (!self->in_transaction)
    return;

  /* Fails only when SQLite already rolled back by itself (e.g. after SQLITE_FULL). */
  rally_db_rollback (self->conn);
  self->in_transaction = FALSE;
  g_array_set_size (self->pending, 0);
}

static void
emit_pending (RallyStore *self)
{
  g_autoptr(GArray) pending = self->pending;

  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingChange));
  g_array_set_clear_func (self->pending, pending_change_clear);

  for (guint i = 0; i < pending->len; i++)
    {
      PendingChange *change = &g_array_index (pending, PendingChange, i);

      rally_store_emit_changed (self, change->table, change->id);
    }
}

/* On a team server, what the transaction changed is announced to the other windows
 * (rally-store-watch.c) as part of it: they hear of it when, and only if, it commits. */
static gboolean
announce_pending (RallyStore  *self,
                  GError     **error)
{
  if (self->pending->len > MAX_ANNOUNCED)
    return _rally_store_announce (self, NULL, 0, error);

  for (guint i = 0; i < self->pending->len; i++)
    {
      PendingChange *change = &g_array_index (self->pending, PendingChange, i);

      if (!_rally_store_announce (self, change->table, change->id, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_rally_store_commit (RallyStore  *self,
                     GError     **error)
{
  g_assert (self->in_transaction);

  if (!announce_pending (self, error) || !rally_db_commit (self->conn, error))
    {
      _rally_store_rollback (self);
      return FALSE;
    }

  self->in_transaction = FALSE;
  emit_pending (self);

  return TRUE;
}

/* SQLite keeps no index on creators: its GROUP BY sorts every video of the
 * challenge, where counting them in a hash table takes a fraction of the time
 * (the sort was a tenth of a first sync's CPU). A challenge of more videos than
 * this (its day roll-ups say how many) is left to SQLite's sort, which keeps the
 * memory in bounds. */
#define SETTLE_MAX_VIDEOS 500000
/* creators a statement */
#define SETTLE_ROWS 64

/* A creator counted in memory: its name follows its count in one block, so the
 * names, sorted, give their counts without a lookup each. */
typedef struct
{
  gsize videos;
  char  name[];
} Creator;

#define CREATOR_OF(str) ((Creator *) ((char *) (str) - G_STRUCT_OFFSET (Creator, name)))

/* Creators by name: each name is its Creator's, which the table frees. */
static GHashTable *
creators_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

/* @name's Creator in @creators, a new one with no videos if it has none. */
static Creator *
creator_get (GHashTable *creators,
             const char *name)
{
  Creator *creator = g_hash_table_lookup (creators, name);
  gsize len;

  if (creator != NULL)
    return creator;
  len = strlen (name);
  creator = g_malloc (sizeof (Creator) + len + 1);
  creator->videos = 0;
  memcpy (creator->name, name, len + 1);
  g_hash_table_insert (creators, creator->name, creator);
  return creator;
}

/* Counts @challenge_id's videos per creator into @counts (creators_new()). */
static gboolean
count_creators (RallyStore    *self,
                gint64         challenge_id,
                GHashTable    *counts,
                GError       **error)
{
  RallyDbStmt *stmt = _rally_store_stmt (self, "SELECT creator FROM videos WHERE challenge_id = ?1"
                                               " AND creator <> ''", error);
  RallyDbStep rc;

  if (stmt == NULL)
    return FALSE;
  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  while ((rc = rally_db_stmt_step (stmt, error)) == RALLY_DB_ROW)
    {
      creator_get (counts, rally_db_stmt_column_text (stmt, 0))->videos++;
    }
  rally_db_stmt_reset (stmt);
  return rc == RALLY_DB_DONE;
}

/* The insert of @n_rows creators (1 or SETTLE_ROWS). */
static RallyDbStmt *
prepare_creators (RallyStore  *self,
                  guint        n_rows,
                  GError     **error)
{
  static gsize sql[2];  /* const char *, built once */
  guint i = n_rows > 1;

  if (g_once_init_enter (&sql[i]))
    {
      GString *text = g_string_new ("INSERT INTO video_creators (challenge_id, creator, videos) VALUES (?, ?, ?)");

      for (guint row = 1; row < n_rows; row++)
        g_string_append (text, ", (?, ?, ?)");
      g_once_init_leave (&sql[i], (gsize) g_string_free (text, FALSE));
    }
  return _rally_store_stmt (self, (const char *) sql[i], error);
}

/* Writes @counts (creators_new()) as @challenge_id's creators, in name order,
 * SETTLE_ROWS a statement; the empty name and creators with no videos left are not
 * written. */
static gboolean
write_creators (RallyStore  *self,
                gint64       challenge_id,
                GHashTable  *counts,
                GError     **error)
{
  guint all = 0, n = 0;
  g_autofree gpointer *creators = g_hash_table_get_keys_as_array (counts, &all);

  for (guint i = 0; i < all; i++)
    if (*(const char *) creators[i] != '\0' && CREATOR_OF (creators[i])->videos > 0)
      creators[n++] = creators[i];
  /* SQLite's BINARY order: byte by byte, as strcmp() on UTF-8 without NUL */
  rally_sort_strings ((const char **) creators, n);
  for (guint i = 0; i < n;)
    {
      guint n_rows = n - i >= SETTLE_ROWS ? SETTLE_ROWS : 1;
      RallyDbStmt *stmt = prepare_creators (self, n_rows, error);

      if (stmt == NULL)
        return FALSE;
      for (guint row = 0; row < n_rows; row++, i++)
        {
          rally_db_stmt_bind_int64 (stmt, 3 * row + 1, challenge_id);
          rally_db_stmt_bind_text (stmt, 3 * row + 2, creators[i], -1);
          rally_db_stmt_bind_int64 (stmt, 3 * row + 3, CREATOR_OF (creators[i])->videos);
        }
      if (!_rally_store_stmt_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The number of @challenge_id's videos, as its day roll-ups count them. */
static gboolean
count_videos (RallyStore  *self,
              gint64       challenge_id,
              gint64      *videos,
              GError     **error)
{
  RallyDbStmt *stmt = _rally_store_stmt (self, "SELECT COALESCE (SUM (videos), 0) FROM video_days"
                                               " WHERE challenge_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  if (rally_db_stmt_step (stmt, error) != RALLY_DB_ROW)
    {
      rally_db_stmt_reset (stmt);
      return FALSE;
    }
  *videos = rally_db_stmt_column_int64 (stmt, 0);
  rally_db_stmt_reset (stmt);
  return TRUE;
}

/* Makes @counts (creator → videos) @challenge_id's creators, and takes it out of
 * rollup_pending. */
static gboolean
replace_creators (RallyStore  *self,
                  gint64       challenge_id,
                  GHashTable  *counts,
                  GError     **error)
{
  RallyDbStmt *stmt = _rally_store_stmt (self, "DELETE FROM video_creators WHERE challenge_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  if (!_rally_store_stmt_done (self, stmt, error) || !write_creators (self, challenge_id, counts, error))
    return FALSE;
  stmt = _rally_store_stmt (self, "DELETE FROM rollup_pending WHERE challenge_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  return _rally_store_stmt_done (self, stmt, error);
}

/* rally_store_settle_rollups_sql for one challenge of rollup_pending, counted in a
 * hash table (SQLite, inside the transaction); FALSE with @error unset when it has
 * too many videos for that. */
static gboolean
settle_creators_hashed (RallyStore  *self,
                        gint64       challenge_id,
                        GError     **error)
{
  g_autoptr(GHashTable) counts = creators_new ();
  gint64 videos;

  if (!count_videos (self, challenge_id, &videos, error) || videos > SETTLE_MAX_VIDEOS ||
      !count_creators (self, challenge_id, counts, error))
    return FALSE;
  return replace_creators (self, challenge_id, counts, error);
}

/* The creators of a challenge's videos as a sync writes them (see
 * rally_store_start_creator_tally()) */
struct _RallyCreatorTally
{
  gint64        challenge_id;
  gint64        data_version;  /* the writer's, when the challenge had no videos */
  GHashTable   *creators;      /* TikTok id (gint64 *, in ids) → Creator (in counts) */
  GHashTable   *counts;        /* creators_new(), "" among them */
  GPtrArray    *ids;           /* blocks of TALLY_BLOCK ids */
  guint         n_in_block;
};

#define TALLY_BLOCK 4096

/**
 * rally_store_start_creator_tally:
 * @self: a sync writer (rally_store_open_sync_writer())
 * @challenge_id: a challenge about to be synced
 *
 * Counting a challenge's creators again once its sync is done reads every one of its
 * videos, in the order of their TikTok ids, most of a second after a first sync of
 * 90,000 videos. A challenge with no videos yet is counted instead from the pages
 * as they are written (rally_creator_tally_add()), if the store can tell that
 * nothing else wrote to it meanwhile (rally_store_settle_tallied()).
 *
 * Returns: (transfer full) (nullable): a tally, or %NULL when the challenge has
 *   videos already, on a team server, or with @error set
 */
RallyCreatorTally *
rally_store_start_creator_tally (RallyStore  *self,
                                 gint64       challenge_id,
                                 GError     **error)
{
  RallyCreatorTally *tally;
  RallyDbStmt *stmt;
  gint64 version;
  gboolean empty;

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  if (self->db == NULL)
    return NULL;
  /* the version first: a commit of another connection after it, before the
   * challenge is found empty, is then seen by rally_store_settle_tallied() */
  version = _rally_store_get_data_version (self);
  if (version < 0)
    return NULL;
  stmt = _rally_store_stmt (self, "SELECT NOT EXISTS (SELECT 1 FROM videos WHERE challenge_id = ?1)", error);
  if (stmt == NULL)
    return NULL;
  rally_db_stmt_bind_int64 (stmt, 1, challenge_id);
  if (rally_db_stmt_step (stmt, error) != RALLY_DB_ROW)
    {
      rally_db_stmt_reset (stmt);
      return NULL;
    }
  empty = rally_db_stmt_column_int64 (stmt, 0) != 0;
  rally_db_stmt_reset (stmt);
  if (!empty)
    return NULL;

  tally = g_new0 (RallyCreatorTally, 1);
  tally->challenge_id = challenge_id;
  tally->data_version = version;
  tally->creators = g_hash_table_new (g_int64_hash, g_int64_equal);
  tally->counts = creators_new ();
  tally->ids = g_ptr_array_new_with_free_func (g_free);
  tally->n_in_block = TALLY_BLOCK;
  return tally;
}

/**
 * rally_creator_tally_add:
 * @videos: (element-type RallyFetchedVideo): a page's videos, in the order they are
 *   written; a page written again may be added again
 *
 * Keeps each video's creator as the upsert leaves it: an empty one keeps the last.
 */
void
rally_creator_tally_add (RallyCreatorTally *tally,
                         GPtrArray         *videos)
{
  g_return_if_fail (tally != NULL);

  for (guint i = 0; i < videos->len; i++)
    {
      const RallyFetchedVideo *video = g_ptr_array_index (videos, i);
      const char *name = video->username != NULL ? video->username : "";
      gpointer key, value;
      Creator *creator;
      gint64 *id;

      if (g_hash_table_lookup_extended (tally->creators, &video->id, &key, &value))
        {
          Creator *was = value;

          if (*name != '\0' && strcmp (was->name, name) != 0)
            {
              creator = creator_get (tally->counts, name);
              was->videos--;
              creator->videos++;
              g_hash_table_insert (tally->creators, key, creator);
            }
          continue;
        }
      if (tally->n_in_block == TALLY_BLOCK)
        {
          g_ptr_array_add (tally->ids, g_new (gint64, TALLY_BLOCK));
          tally->n_in_block = 0;
        }
      id = (gint64 *) g_ptr_array_index (tally->ids, tally->ids->len - 1) + tally->n_in_block++;
      *id = video->id;
      creator = creator_get (tally->counts, name);
      creator->videos++;
      g_hash_table_insert (tally->creators, id, creator);
    }
}

void
rally_creator_tally_free (RallyCreatorTally *tally)
{
  if (tally == NULL)
    return;
  g_hash_table_unref (tally->creators);
  g_hash_table_unref (tally->counts);
  g_ptr_array_unref (tally->ids);
  g_free (tally);
}

/* Settles @tally's challenge from it, inside the transaction; FALSE with @error
 * unset when it cannot tell: another connection committed since it started, or the
 * challenge holds other videos than the tally's. */
static gboolean
settle_tally (RallyStore         *self,
              RallyCreatorTally  *tally,
              GError            **error)
{
  gint64 videos;

  if (tally->data_version < 0 || _rally_store_get_data_version (self) != tally->data_version ||
      !count_videos (self, tally->challenge_id, &videos, error) || videos != g_hash_table_size (tally->creators))
    return FALSE;
  /* counted as the pages were added, while the sync waited for the network */
  return replace_creators (self, tally->challenge_id, tally->counts, error);
}

/* Settles what it can of rollup_pending with settle_creators_hashed(); the rest is
 * left to rally_store_settle_rollups_sql. */
static gboolean
settle_creators_sqlite (RallyStore  *self,
                        GError     **error)
{
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (gint64));
  RallyDbStmt *stmt = _rally_store_stmt (self, "SELECT challenge_id FROM rollup_pending", error);
  RallyDbStep rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = rally_db_stmt_step (stmt, error)) == RALLY_DB_ROW)
    {
      gint64 id = rally_db_stmt_column_int64 (stmt, 0);

      g_array_append_val (pending, id);
    }
  rally_db_stmt_reset (stmt);
  if (rc != RALLY_DB_DONE)
    return FALSE;
  for (guint i = 0; i < pending->len; i++)
    {
      GError *local_error = NULL;

      if (!settle_creators_hashed (self, g_array_index (pending, gint64, i), &local_error) &&
          local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
settle_rollups (RallyStore         *self,
                RallyCreatorTally  *tally,
                GError            **error)
{
  GError *tally_error = NULL;
  RallyDbStmt *stmt;
  gboolean pending;

  stmt = _rally_store_stmt (self, "SELECT EXISTS (SELECT 1 FROM rollup_pending)", error);
  if (stmt == NULL)
    return FALSE;
  pending = rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW && rally_db_stmt_column_int64 (stmt, 0) != 0;
  rally_db_stmt_reset (stmt);
  if (!pending)
    return TRUE;
  /* a sync's pages are all written: the checkpointer's thread copies the log while
   * this counts, rather than the last checkpoint after it */
  if (self->checkpointer != NULL)
    _rally_checkpointer_ask (self->checkpointer);
  if (!_rally_store_begin (self, error))
    return FALSE;
  if (tally != NULL && self->db != NULL && !settle_tally (self, tally, &tally_error) && tally_error != NULL)
    {
      g_propagate_error (error, tally_error);
      _rally_store_rollback (self);
      return FALSE;
    }
  if ((self->db != NULL && !settle_creators_sqlite (self, error)) ||
      (self->db == NULL && !_rally_store_exec (self, rally_store_settle_scale_sql_pg, error)) ||
      !_rally_store_exec (self, rally_store_settle_rollups_sql, error))
    {
      _rally_store_rollback (self);
      return FALSE;
    }
  _rally_store_queue_change (self, "videos", 0);
  return _rally_store_commit (self, error);
}

/**
 * rally_store_settle_rollups:
 *
 * Counts the creators of the challenges whose sync pages left them uncounted (see
 * rally_store_save_sync_page()), in one transaction. Sync calls it when a
 * challenge is done and when it ends; opening the store does it after a sync was
 * killed.
 */
gboolean
rally_store_settle_rollups (RallyStore  *self,
                            GError     **error)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);

  return settle_rollups (self, NULL, error);
}

/**
 * rally_store_settle_tallied:
 * @tally: (nullable): the tally of a challenge whose pages are all written
 *
 * rally_store_settle_rollups(), taking @tally's challenge's creators from @tally
 * when it can tell they are right, and counting them from its videos otherwise.
 */
gboolean
rally_store_settle_tallied (RallyStore         *self,
                            RallyCreatorTally  *tally,
                            GError            **error)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);

  return settle_rollups (self, tally, error);
}

/**
 * rally_store_begin_sync_writes:
 *
 * Prepares the store for a long run of small transactions (a sync writes one per
 * page): until rally_store_end_sync_writes(), commits are synced to disk in
 * batches, by WAL checkpoints run on a thread of their own, instead of one fsync
 * per commit (synchronous = NORMAL). Every commit stays atomic and survives the
 * program being killed; a power cut can only take back whole transactions made
 * since the last checkpoint (about 4 MiB of log), never part of one: their
 * positions go back with their videos and quota, so the next sync fetches those
 * pages again. Calls nest.
 */
gboolean
rally_store_begin_sync_writes (RallyStore  *self,
                               GError     **error)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (self->sync_writes > 0)
    {
      self->sync_writes++;
      return TRUE;
    }
  /* WAL and its checkpoints are SQLite's; a server syncs its own log */
  if (self->db == NULL)
    {
      self->sync_writes = 1;
      return TRUE;
    }
  self->checkpointer = _rally_checkpointer_start (self->db, self->path, error);
  if (self->checkpointer == NULL)
    return FALSE;
  if (!_rally_store_exec (self, "PRAGMA synchronous = NORMAL", error))
    {
      g_clear_pointer (&self->checkpointer, _rally_checkpointer_stop);
      return FALSE;
    }
  self->sync_writes = 1;
  return TRUE;
}

/**
 * rally_store_end_sync_writes:
 *
 * Ends rally_store_begin_sync_writes(): checkpoints the log (syncing everything
 * written since the beginning to disk) and goes back to one fsync per commit.
 */
gboolean
rally_store_end_sync_writes (RallyStore  *self,
                             GError     **error)
{
  int rc;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->sync_writes > 0, FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (--self->sync_writes > 0)
    return TRUE;
  if (!rally_store_settle_rollups (self, error))
    {
      self->sync_writes++;
      return FALSE;
    }
  g_clear_pointer (&self->checkpointer, _rally_checkpointer_stop);
  if (self->db == NULL)
    return TRUE;
  /* the log grew to tens of MiB: cut it back when it next starts over */
  if (!_rally_store_exec (self, "PRAGMA synchronous = FULL", error) ||
      !_rally_store_exec (self, "PRAGMA journal_size_limit = 4194304", error))
    return FALSE;
  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  /* another connection's checkpoint under way may have begun before the last commits:
   * this one waits for it (the busy timeout) and syncs the log itself; past the
   * timeout the commits stay as synchronous = NORMAL left them (whole, or undone) */
  if (rc == SQLITE_BUSY)
    rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_FULL, NULL, NULL);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    {
      _rally_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Whether a queued change already announces @table/@id: a NULL table covers every
 * table, and id 0 every row of its table. */
static gboolean
change_covers (const PendingChange *change,
               const char          *table,
               gint64               id)
{
  if (change->table == NULL)
    return TRUE;

  return g_strcmp0 (change->table, table) == 0 && (change->id == 0 || change->id == id);
}

/* Records that @table changed, to be announced once the transaction commits.
 * Changes are coalesced, so a bulk write announces itself once. */
void
_rally_store_queue_change (RallyStore *self,
                           const char *table,
                           gint64      id)
{
  PendingChange change = { g_strdup (table), id };

  g_assert (self->in_transaction);

  for (guint i = 0; i < self->pending->len; i++)
    {
      if (change_covers (&g_array_index (self->pending, PendingChange, i), table, id))
        {
          g_free (change.table);
          return;
        }
    }

  /* Drop what the new change covers. */
  for (guint i = self->pending->len; i > 0; i--)
    {
      PendingChange *other = &g_array_index (self->pending, PendingChange, i - 1);

      if (change_covers (&change, other->table, other->id))
        g_array_remove_index (self->pending, i - 1);
    }

  g_array_append_val (self->pending, change);
}

static void
free_query (gpointer stmt)
{
  rally_db_stmt_free (stmt);
}

static void
rally_store_dispose (GObject *object)
{
  RallyStore *self = RALLY_STORE (object);

  /* a sync writer gone announces nothing more */
  if (self->owner != NULL)
    {
      g_atomic_int_compare_and_exchange (&self->owner->unannounced, (gint) self->begun, 0);
      g_object_remove_weak_pointer (G_OBJECT (self->owner), (gpointer *) &self->owner);
      self->owner = NULL;
    }
  /* Statements must be finalized before the connection closes. */
  g_clear_pointer (&self->queries, g_hash_table_unref);
  g_clear_pointer (&self->checkpointer, _rally_checkpointer_stop);
  g_clear_pointer (&self->watch, _rally_store_watch_free);

  G_OBJECT_CLASS (rally_store_parent_class)->dispose (object);
}

static void
rally_store_finalize (GObject *object)
{
  RallyStore *self = RALLY_STORE (object);

  if (self->in_transaction)
    _rally_store_rollback (self);

  /* The file was renamed away (a workspace swapped in): closing must neither
   * checkpoint it nor delete its log by name, since the names belong to the new one. */
  if (_rally_store_has_moved (self))
    sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  self->db = NULL;
  g_clear_pointer (&self->conn, rally_db_close);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (rally_store_parent_class)->finalize (object);
}

static void
rally_store_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ONLINE:
      g_value_set_boolean (value, rally_store_get_online (RALLY_STORE (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* rally-store-watch.c says when the team server went or came back. */
void
_rally_store_notify_online (RallyStore *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ONLINE]);
}

static void
rally_store_class_init (RallyStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rally_store_dispose;
  object_class->finalize = rally_store_finalize;
  object_class->get_property = rally_store_get_property;

  /**
   * RallyStore:online:
   *
   * Whether the workspace can be reached: always on this computer; on a team server,
   * FALSE from when the connection is found lost until it is made again (notified
   * while the store watches other writers, see rally_store_watch_other_writers()).
   */
  properties [PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RallyStore::changed:
   * @self: the store
   * @table: (nullable): the table that changed ("campaigns", "challenges",
   *   "planned_posts", "videos", "snapshots"), or %NULL for everything
   * @id: the row that changed, or 0 for several rows
   *
   * Emitted after each commit, with the table name as detail.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
}

/* The hash of a statement's text from its length and its two ends: g_str_hash()
 * reads every byte, and a sync's upsert of 64 rows is 20 KiB of text looked up for
 * every statement it runs. Texts that share both ends and their length are told
 * apart by g_str_equal(). */
static guint
query_hash (gconstpointer key)
{
  const char *sql = key;
  size_t length = strlen (sql);
  size_t ends = MIN (length, 64);
  guint32 hash = (guint32) length;

  for (size_t i = 0; i < ends; i++)
    hash = (hash << 5) + hash + (guchar) sql[i];
  for (size_t i = length - ends; i < length; i++)
    hash = (hash << 5) + hash + (guchar) sql[i];
  return hash;
}

static void
rally_store_init (RallyStore *self)
{
  self->queries = g_hash_table_new_full (query_hash, g_str_equal, g_free, free_query);
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingChange));
  g_array_set_clear_func (self->pending, pending_change_clear);
}

/* Where sorts larger than the page cache spill: to temporary files while @on_disk,
 * otherwise to memory (the store's default, set in rally-store-open.c). A bulk load
 * (a restore) builds indexes of millions of rows: in memory, their sorts alone would
 * take some 70 MB per million videos. Outside a transaction only. */
void
_rally_store_set_temp_on_disk (RallyStore *self,
                               gboolean    on_disk)
{
  g_assert (!self->in_transaction);

  if (self->db != NULL)
    sqlite3_exec (self->db, on_disk ? "PRAGMA temp_store = FILE" : "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
}

/* Sets the page cache to @kib KiB, or back to SQLite's default with 0. */
void
_rally_store_set_cache_size (RallyStore *self,
                             guint       kib)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = -%u", kib > 0 ? kib : 2000);

  if (self->db != NULL)
    sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}

/* Other writers: see rally-store-watch.c */

/* The database's counter of commits by other connections (PRAGMA data_version),
 * or -1 when it cannot be read. */
gint64
_rally_store_get_data_version (RallyStore *self)
{
  RallyDbStmt *stmt;
  gint64 version = -1;

  if (self->db == NULL)
    return -1;
  stmt = _rally_store_stmt (self, "PRAGMA data_version", NULL);
  if (stmt != NULL && rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    version = rally_db_stmt_column_int64 (stmt, 0);
  if (stmt != NULL)
    rally_db_stmt_reset (stmt);

  return version;
}

/* Whether the file the connection has open is no longer the one at its path:
 * another program swapped the workspace by renaming a file over it, or moved it. */
gboolean
_rally_store_has_moved (RallyStore *self)
{
  int moved = 0;

  if (self->db == NULL)
    return FALSE;
  if (sqlite3_file_control (self->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK)
    return FALSE;

  return moved != 0;
}

/* Whether a sync writer of the store committed what it has not announced yet (its
 * watch then waits for the announcement, which says whether anyone else wrote). */
gboolean
_rally_store_has_unannounced (RallyStore *self)
{
  return g_atomic_int_get (&self->unannounced);
}

/* Whether a transaction or a sync's run of writes is under way on this connection. */
gboolean
_rally_store_is_writing (RallyStore *self)
{
  return self->in_transaction || self->sync_writes > 0;
}

/**
 * rally_store_watch_other_writers:
 * @self: a #RallyStore
 *
 * Makes the store notice what other connections commit to its workspace (another
 * Rally window or process, `rally import`, `rally sync` from cron), and a workspace
 * swapped by renaming another database over it, which it then opens instead. Either
 * is announced as #RallyStore::changed with a %NULL table, within about a second;
 * a burst of commits is announced once. On a team server, other people's commits
 * come as #RallyStore::changed with their table and id (or %NULL for many) within
 * half a second, and a lost connection turns #RallyStore:online FALSE until the
 * store has connected again by itself (then everything is announced as changed).
 * The store's own commits announce themselves as before. Call it from the thread
 * that uses the store; a store used by a worker thread should not watch.
 */
void
rally_store_watch_other_writers (RallyStore *self)
{
  g_return_if_fail (RALLY_IS_STORE (self));

  if (self->watch == NULL)
    self->watch = _rally_store_watch_new (self);
}

/**
 * rally_store_get_path:
 *
 * Returns: the path of the database file
 */
const char *
rally_store_get_path (RallyStore *self)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  return self->path;
}

/**
 * rally_store_get_data_dir:
 *
 * Returns: the workspace folder the store was opened in
 */
const char *
rally_store_get_data_dir (RallyStore *self)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  return self->data_dir;
}

/**
 * rally_store_emit_changed:
 * @self: a #RallyStore
 * @table: (nullable): a table name, or %NULL when anything may have changed
 * @id: the changed row, or 0 for several
 *
 * Emits #RallyStore::changed. The store does so itself after each commit; call it
 * with %NULL after another connection (e.g. a worker thread's store) wrote to the
 * same database, so that every live list reloads.
 */
void
rally_store_emit_changed (RallyStore *self,
                          const char *table,
                          gint64      id)
{
  g_return_if_fail (RALLY_IS_STORE (self));

  /* Everything is read again now: what other writers did so far needs no second reload. */
  if (table == NULL && self->watch != NULL)
    _rally_store_watch_rebase (self->watch);

  g_signal_emit (self, signals [CHANGED], table != NULL ? g_quark_from_string (table) : 0, table, id);
}

/**
 * rally_store_mark_sync_writes:
 * @writer: a sync writer (rally_store_open_sync_writer()), not writing now
 * @mark: (out): what it committed so far
 *
 * On the thread that uses @writer, right after its commits: what
 * rally_store_announce_sync_writes() is to announce of them.
 */
void
rally_store_mark_sync_writes (RallyStore          *writer,
                              RallySyncWritesMark *mark)
{
  g_return_if_fail (RALLY_IS_STORE (writer));
  g_return_if_fail (mark != NULL);

  mark->version = _rally_store_get_data_version (writer);
  mark->transaction = writer->begun;
}

/**
 * rally_store_announce_sync_writes:
 * @self: a #RallyStore
 * @writer: its sync writer (rally_store_open_sync_writer())
 * @table: the table the writer's commits changed
 * @mark: (nullable): what @writer had committed when its thread marked it
 *   (rally_store_mark_sync_writes()), which it may be writing after since; %NULL
 *   when it is not writing now, for all it committed
 *
 * Emits #RallyStore::changed for @table on @self, for what @writer committed. When
 * no other connection committed since the last call (@writer's data version says so),
 * the watch of @self takes those commits as the store's own: a sync in the window
 * costs no reload of everything. Otherwise everything is announced (%NULL), since
 * what another program committed may not have been seen yet. A transaction @writer
 * began after @mark stays unannounced.
 */
void
rally_store_announce_sync_writes (RallyStore                *self,
                                  RallyStore                *writer,
                                  const char                *table,
                                  const RallySyncWritesMark *mark)
{
  RallySyncWritesMark now;

  g_return_if_fail (RALLY_IS_STORE (self));
  g_return_if_fail (RALLY_IS_STORE (writer));
  g_return_if_fail (table != NULL);

  if (mark == NULL)
    {
      rally_store_mark_sync_writes (writer, &now);
      mark = &now;
    }
  g_atomic_int_compare_and_exchange (&self->unannounced, (gint) mark->transaction, 0);
  if (mark->version != writer->others_version)
    {
      /* someone else committed too, perhaps unseen by the watch yet: everything */
      writer->others_version = mark->version;
      rally_store_emit_changed (self, NULL, 0);
      return;
    }
  if (self->watch != NULL)
    _rally_store_watch_rebase (self->watch);
  rally_store_emit_changed (self, table, 0);
}

/**
 * rally_store_is_empty:
 *
 * Returns: %TRUE when the workspace has no campaign, challenge or planned post
 *   (deleted ones waiting for undo do not count)
 */
gboolean
rally_store_is_empty (RallyStore *self)
{
  RallyDbStmt *stmt;
  gboolean empty = TRUE;

  g_return_val_if_fail (RALLY_IS_STORE (self), TRUE);

  stmt = _rally_store_stmt (self,
                               "SELECT NOT (EXISTS (SELECT 1 FROM campaigns WHERE deleted_at IS NULL)"
                               " OR EXISTS (SELECT 1 FROM challenges WHERE deleted_at IS NULL)"
                               " OR EXISTS (SELECT 1 FROM planned_posts WHERE deleted_at IS NULL))",
                               NULL);
  if (stmt != NULL && rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    empty = rally_db_stmt_column_int64 (stmt, 0) != 0;
  if (stmt != NULL)
    rally_db_stmt_reset (stmt);

  return empty;
}

/**
 * rally_store_get_role:
 * @self: a #RallyStore
 *
 * What the person who opened the workspace may do: always
 * %RALLY_STORE_ROLE_OWNER on this computer; on a team server, what their PostgreSQL
 * role was granted, read when the store opened.
 *
 * Returns: the role
 */
RallyStoreRole
rally_store_get_role (RallyStore *self)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), RALLY_STORE_ROLE_VIEWER);

  return self->conn != NULL ? (RallyStoreRole) self->conn->role : RALLY_STORE_ROLE_OWNER;
}

/**
 * rally_store_check_can_edit:
 * @self: a #RallyStore
 * @error: return location for %RALLY_STORE_ERROR_NOT_ALLOWED
 *
 * For a command that is about to write: refuses a viewer before anything is done.
 *
 * Returns: %TRUE when the role may change records
 */
gboolean
rally_store_check_can_edit (RallyStore  *self,
                            GError     **error)
{
  RallyStoreRole role = rally_store_get_role (self);

  if (rally_store_role_can_edit (role))
    return TRUE;

  g_set_error_literal (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_ALLOWED, rally_store_role_refusal (role));
  return FALSE;
}
