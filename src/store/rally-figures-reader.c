/* rally-figures-reader.c
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

#define G_LOG_DOMAIN "RallyFiguresReader"

#include "config.h"

#include "rally-figures-reader.h"
#include "rally-store-analytics.h"
#include "rally-store-private.h"

/* The one reader of figures: a worker thread with its own read-only connection to the
 * workspace (open while there is something to read), so a median over a hundred
 * thousand videos never stalls the window. It keeps the figures of every campaign and
 * challenge, read together in a few queries, and reads them again once per burst of
 * the store's RallyStore::changed (a sync writes hundreds of pages in a row): then it
 * says RallyFiguresReader::changed. Detailed figures of one challenge (median, reach)
 * and other reads run on the same thread, in order, and come back on the main context
 * through GTask. */

/* How long the store must stay quiet before the figures are read again. */
#define RELOAD_DELAY_MS 40

struct _RallyFiguresReader
{
  GObject       parent_instance;

  RallyStore   *store;        /* the main connection, only watched for changes */
  char         *data_dir;
  GThreadPool  *pool;         /* one thread: the jobs run in order, on one connection */
  RallyStore   *connection;   /* the worker's own; touched only by the worker */
  GCancellable *cancellable;  /* cancelled when the reader goes */

  GHashTable   *campaigns;    /* id → RallyCampaignFigures */
  GHashTable   *challenges;   /* id → RallyChallengeFigures */
  guint         reload_id;
  gboolean      reloading;    /* a reload is on the worker */
  gboolean      again;        /* the store changed while it was */
  gboolean      loaded;
  guint         n_reloads;
  guint         n_reads;
  gulong        changed_id;
};

G_DEFINE_FINAL_TYPE (RallyFiguresReader, rally_figures_reader, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef struct
{
  RallyFiguresReadFunc func;
  gpointer             data;
  GDestroyNotify       data_free;
  GDestroyNotify       result_free;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

/* ------------------------------------------------------------------ */
/* Reading, on any connection                                           */

static gboolean
run_sql (RallyStore  *store,
         const char  *sql,
         GError     **error)
{
  RallyDbStmt *stmt = _rally_store_stmt (store, sql, error);

  return stmt != NULL && _rally_store_stmt_done (store, stmt, error);
}

/* The end of a read: an error (another program replacing the file, say) fails it. */
static gboolean
finish (RallyStore    *store,
        RallyDbStmt   *stmt,
        int            rc,
        GError       **error)
{
  rally_db_stmt_reset (stmt);
  if (rc == RALLY_DB_DONE)
    return TRUE;

  return FALSE;
}

static RallySnapshot *
snapshot_from_row (RallyDbStmt *stmt)
{
  return g_object_new (RALLY_TYPE_SNAPSHOT,
                       "id", rally_db_stmt_column_int64 (stmt, 1),
                       "challenge-id", rally_db_stmt_column_int64 (stmt, 0),
                       "taken-at", rally_db_stmt_column_int64 (stmt, 2),
                       "videos", rally_db_stmt_column_int64 (stmt, 3),
                       "views", rally_db_stmt_column_int64 (stmt, 4),
                       "likes", rally_db_stmt_column_int64 (stmt, 5),
                       "comments", rally_db_stmt_column_int64 (stmt, 6),
                       "shares", rally_db_stmt_column_int64 (stmt, 7),
                       "creators", rally_db_stmt_column_int64 (stmt, 8),
                       "source", (int) rally_db_stmt_column_int64 (stmt, 9),
                       "fetched-at", rally_db_stmt_column_int64 (stmt, 10),
                       "created-at", rally_db_stmt_column_int64 (stmt, 11),
                       "updated-at", rally_db_stmt_column_int64 (stmt, 12),
                       NULL);
}

/* The totals of every challenge, from the roll-ups the triggers keep: one query. */
static gboolean
read_all_totals (RallyStore  *store,
                 GHashTable  *figures,
                 GError     **error)
{
  RallyDbStmt *stmt;
  RallyDbStep rc;

#define ALL_TOTALS(creators) \
  "SELECT c.id, total(d.videos), total(d.views), total(d.likes), total(d.comments), total(d.shares)," \
  " (SELECT max(updated_at) FROM videos WHERE challenge_id = c.id), " creators \
  " FROM challenges c LEFT JOIN video_days d ON d.challenge_id = c.id WHERE c.deleted_at IS NULL GROUP BY c.id"

  stmt = _rally_store_stmt (store, RALLY_STORE_CREATORS_SQL (store, ALL_TOTALS (RALLY_STORE_CREATORS_SQLITE ("c.id")),
                                                             ALL_TOTALS (RALLY_STORE_CREATORS_PG ("c.id"))), error);
#undef ALL_TOTALS
  if (stmt == NULL)
    return FALSE;

  while ((rc = rally_db_stmt_step (stmt, error)) == RALLY_DB_ROW)
    {
      RallyChallengeFigures *f = rally_challenge_figures_new (rally_db_stmt_column_int64 (stmt, 0));

      f->totals.videos = _rally_store_stmt_total (stmt, 1);
      f->totals.views = _rally_store_stmt_total (stmt, 2);
      f->totals.likes = _rally_store_stmt_total (stmt, 3);
      f->totals.comments = _rally_store_stmt_total (stmt, 4);
      f->totals.shares = _rally_store_stmt_total (stmt, 5);
      f->totals.last_synced = rally_db_stmt_column_int64 (stmt, 6);
      f->totals.creators = rally_db_stmt_column_int64 (stmt, 7);
      g_hash_table_insert (figures, &f->challenge_id, f);
    }

  return finish (store, stmt, rc, error);
}

/* The latest snapshot of every challenge: one query. */
static gboolean
read_all_latest (RallyStore  *store,
                 GHashTable  *figures,
                 GError     **error)
{
  RallyDbStmt *stmt;
  RallyDbStep rc;

  stmt = _rally_store_stmt (store,
                            "SELECT s.challenge_id, s.id, s.taken_at, s.videos, s.views, s.likes, s.comments,"
                            " s.shares, s.creators, s.source, s.fetched_at, s.created_at, s.updated_at"
                            " FROM snapshots s WHERE s.campaign_id IS NULL AND s.challenge_id IS NOT NULL"
                            " AND s.id = (SELECT l.id FROM snapshots l WHERE l.challenge_id = s.challenge_id"
                            " AND l.campaign_id IS NULL ORDER BY l.taken_at DESC, l.id DESC LIMIT 1)", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = rally_db_stmt_step (stmt, error)) == RALLY_DB_ROW)
    {
      gint64 id = rally_db_stmt_column_int64 (stmt, 0);
      RallyChallengeFigures *f = g_hash_table_lookup (figures, &id);

      if (f != NULL)
        {
          g_clear_object (&f->latest);
          f->latest = snapshot_from_row (stmt);
        }
    }

  return finish (store, stmt, rc, error);
}

/* What a campaign's figures need of its challenges: the pledges, caps and currencies. */
static gboolean
read_all_challenges (RallyStore  *store,
                     GPtrArray   *challenges,
                     GError     **error)
{
  RallyDbStmt *stmt;
  RallyDbStep rc;

  stmt = _rally_store_stmt (store,
                            "SELECT id, ifnull (campaign_id, 0), hashtag, currency, pledge_per_video, pledge_cap"
                            " FROM challenges WHERE deleted_at IS NULL ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = rally_db_stmt_step (stmt, error)) == RALLY_DB_ROW)
    g_ptr_array_add (challenges, g_object_new (RALLY_TYPE_CHALLENGE,
                                               "id", rally_db_stmt_column_int64 (stmt, 0),
                                               "campaign-id", rally_db_stmt_column_int64 (stmt, 1),
                                               "hashtag", rally_db_stmt_column_text (stmt, 2),
                                               "currency", rally_db_stmt_column_text (stmt, 3),
                                               "pledge-per-video", rally_db_stmt_column_int64 (stmt, 4),
                                               "pledge-cap", rally_db_stmt_column_int64 (stmt, 5),
                                               NULL));

  return finish (store, stmt, rc, error);
}

static gboolean
read_all_campaigns (RallyStore  *store,
                    GPtrArray   *campaigns,
                    GError     **error)
{
  RallyDbStmt *stmt;
  RallyDbStep rc;

  stmt = _rally_store_stmt (store, "SELECT id, name, currency FROM campaigns WHERE deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = rally_db_stmt_step (stmt, error)) == RALLY_DB_ROW)
    g_ptr_array_add (campaigns, g_object_new (RALLY_TYPE_CAMPAIGN,
                                              "id", rally_db_stmt_column_int64 (stmt, 0),
                                              "name", rally_db_stmt_column_text (stmt, 1),
                                              "currency", rally_db_stmt_column_text (stmt, 2),
                                              NULL));

  return finish (store, stmt, rc, error);
}

static RallyCampaignFigures *
campaign_figures (RallyCampaign *campaign,
                  GPtrArray     *all_challenges,
                  GHashTable    *figures)
{
  g_autoptr(GPtrArray) challenges = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_challenge_figures_unref);
  gint64 campaign_id = rally_campaign_get_id (campaign);

  for (guint i = 0; i < all_challenges->len; i++)
    {
      RallyChallenge *challenge = g_ptr_array_index (all_challenges, i);
      gint64 id = rally_challenge_get_id (challenge);
      RallyChallengeFigures *f;

      if (rally_challenge_get_campaign_id (challenge) != campaign_id)
        continue;
      f = g_hash_table_lookup (figures, &id);
      g_ptr_array_add (challenges, g_object_ref (challenge));
      g_ptr_array_add (found, f != NULL ? rally_challenge_figures_ref (f) : rally_challenge_figures_new (id));
    }

  return rally_campaign_figures_new (campaign, challenges, found);
}

typedef struct
{
  GHashTable *campaigns;   /* id → RallyCampaignFigures */
  GHashTable *challenges;  /* id → RallyChallengeFigures */
} Snapshot;

static void
snapshot_free (gpointer data)
{
  Snapshot *snapshot = data;

  g_clear_pointer (&snapshot->campaigns, g_hash_table_unref);
  g_clear_pointer (&snapshot->challenges, g_hash_table_unref);
  g_free (snapshot);
}

static GHashTable *
new_table (GDestroyNotify free_value)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, free_value);
}

/* Every campaign's figures: four queries, however many campaigns and challenges, in
 * one read transaction so they agree with each other. */
static gpointer
read_everything (RallyStore    *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);
  g_autoptr(GPtrArray) campaigns = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) challenges = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean ok;

  snapshot->challenges = new_table ((GDestroyNotify) rally_challenge_figures_unref);
  snapshot->campaigns = new_table ((GDestroyNotify) rally_campaign_figures_unref);
  ok = run_sql (store, "BEGIN", error);
  ok = ok && read_all_campaigns (store, campaigns, error) && read_all_challenges (store, challenges, error) &&
       read_all_totals (store, snapshot->challenges, error) && read_all_latest (store, snapshot->challenges, error);
  /* a read transaction: ending it commits nothing */
  if (!run_sql (store, "COMMIT", ok ? error : NULL))
    ok = FALSE;
  if (!ok)
    {
      snapshot_free (snapshot);
      return NULL;
    }

  for (guint i = 0; i < campaigns->len; i++)
    {
      RallyCampaignFigures *f = campaign_figures (g_ptr_array_index (campaigns, i), challenges, snapshot->challenges);

      g_hash_table_insert (snapshot->campaigns, &f->campaign_id, f);
    }

  return snapshot;
}

/**
 * rally_figures_read_challenge:
 * @store: a connection to the workspace
 * @challenge_id: a challenge
 * @detail: what to read besides the totals and the latest snapshot
 * @cancellable: (nullable): skips the median once cancelled
 *
 * Reads a challenge's figures on @store, on the calling thread.
 *
 * Returns: (transfer full): the figures
 */
RallyChallengeFigures *
rally_figures_read_challenge (RallyStore         *store,
                              gint64              challenge_id,
                              RallyFiguresDetail  detail,
                              GCancellable       *cancellable)
{
  RallyChallengeFigures *f = rally_challenge_figures_new (challenge_id);

  g_return_val_if_fail (RALLY_IS_STORE (store), f);

  rally_store_get_challenge_totals (store, challenge_id, &f->totals);
  f->latest = rally_store_get_latest_snapshot (store, challenge_id);
  if ((detail & RALLY_FIGURES_MEDIAN) && !g_cancellable_is_cancelled (cancellable))
    f->has_median = rally_store_get_median_engagement (store, challenge_id, &f->median_engagement);
  if (detail & RALLY_FIGURES_REACH)
    f->reach = rally_store_query_reach_source (store, challenge_id, &f->source);

  return f;
}

/**
 * rally_figures_read_campaign:
 * @store: a connection to the workspace
 * @campaign: a campaign
 * @detail: what to read of each challenge besides its totals and latest snapshot
 *
 * Reads a campaign's figures on @store, on the calling thread.
 *
 * Returns: (transfer full): the figures
 */
RallyCampaignFigures *
rally_figures_read_campaign (RallyStore         *store,
                             RallyCampaign      *campaign,
                             RallyFiguresDetail  detail)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) challenges = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_challenge_figures_unref);

  g_return_val_if_fail (RALLY_IS_STORE (store), NULL);
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (campaign), NULL);

  list = rally_store_list_challenges (store, rally_campaign_get_id (campaign));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      RallyChallenge *challenge = g_list_model_get_item (list, i);

      g_ptr_array_add (challenges, challenge);
      g_ptr_array_add (figures, rally_figures_read_challenge (store, rally_challenge_get_id (challenge), detail, NULL));
    }

  return rally_campaign_figures_new (campaign, challenges, figures);
}

/* ------------------------------------------------------------------ */
/* The worker                                                           */

static gboolean
open_connection (RallyFiguresReader  *self,
                 GError             **error)
{
  if (self->connection != NULL)
    return TRUE;

  self->connection = _rally_store_open_reader (self->data_dir, error);
  if (self->connection == NULL)
    return FALSE;

  /* Closing it checkpoints nothing and deletes no file by name, which may belong to
   * a workspace renamed over this one by then. */
  if (self->connection->db != NULL)
    sqlite3_db_config (self->connection->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  return TRUE;
}

static gboolean
nothing_cb (gpointer data)
{
  return G_SOURCE_REMOVE;
}

/* The worker lets go of its task on the task's own context: the last reference to the
 * reader may go with it, and the reader must not be finalized on its own worker. */
static void
release_on_context (GTask *task)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_callback (source, nothing_cb, task, g_object_unref);
  g_source_attach (source, g_task_get_context (task));
}

static void
run_task (RallyFiguresReader *self,
          GTask              *task)
{
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!open_connection (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_atomic_int_inc (&self->n_reads);
  result = job->func (self->connection, job->data, g_task_get_cancellable (task), &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, job->result_free);
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  RallyFiguresReader *self = user_data;
  GTask *task = data;

  run_task (self, task);
  /* With nothing more to read, the connection closes: another program may replace
   * the workspace file meanwhile (a restore does), and a connection left open on the
   * old one would share its lock files with the new one. */
  if (g_thread_pool_unprocessed (self->pool) == 0)
    g_clear_object (&self->connection);
  release_on_context (task);
}

/**
 * rally_figures_reader_run_async:
 * @func: what to read, on the reader's thread and connection
 * @data: (nullable): given to @func
 * @data_free: (nullable): frees @data
 * @result_free: (nullable): frees what @func returns, when nobody takes it
 *
 * Runs @func after the reads queued before it, then @callback on the calling
 * thread's main context. What rally_figures_reader_run_finish() returns is the
 * caller's to free.
 */
void
rally_figures_reader_run_async (RallyFiguresReader   *self,
                                RallyFiguresReadFunc  func,
                                gpointer              data,
                                GDestroyNotify        data_free,
                                GDestroyNotify        result_free,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (RALLY_IS_FIGURES_READER (self));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rally_figures_reader_run_async);
  g_task_set_task_data (task, job, job_free);
  g_thread_pool_push (self->pool, task, NULL);
}

gpointer
rally_figures_reader_run_finish (RallyFiguresReader  *self,
                                 GAsyncResult        *result,
                                 GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Reloading once per burst of changes                                  */

static void start_reload (RallyFiguresReader *self);

static void
reload_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RallyFiguresReader *self = RALLY_FIGURES_READER (object);
  g_autoptr(GError) error = NULL;
  Snapshot *snapshot = rally_figures_reader_run_finish (self, result, &error);

  self->reloading = FALSE;
  if (snapshot == NULL)
    {
      /* another program replacing the workspace, say: its change comes next */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not read the figures: %s", error->message);
      if (self->again)
        start_reload (self);
      return;
    }

  g_clear_pointer (&self->campaigns, g_hash_table_unref);
  g_clear_pointer (&self->challenges, g_hash_table_unref);
  self->campaigns = g_steal_pointer (&snapshot->campaigns);
  self->challenges = g_steal_pointer (&snapshot->challenges);
  snapshot_free (snapshot);
  self->loaded = TRUE;
  self->n_reloads++;

  if (self->again)
    start_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
start_reload (RallyFiguresReader *self)
{
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->reloading)
    {
      self->again = TRUE;
      return;
    }

  self->reloading = TRUE;
  self->again = FALSE;
  rally_figures_reader_run_async (self, read_everything, NULL, NULL, snapshot_free, self->cancellable,
                                  reload_done_cb, NULL);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  RallyFiguresReader *self = user_data;

  self->reload_id = 0;
  start_reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (RallyFiguresReader *self,
                  const char         *table,
                  gint64              id)
{
  /* planned posts hold no figures */
  if (g_strcmp0 (table, "planned_posts") == 0)
    return;

  rally_figures_reader_reload (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */

static void
rally_figures_reader_dispose (GObject *object)
{
  RallyFiguresReader *self = RALLY_FIGURES_READER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);

  G_OBJECT_CLASS (rally_figures_reader_parent_class)->dispose (object);
}

static void
rally_figures_reader_finalize (GObject *object)
{
  RallyFiguresReader *self = RALLY_FIGURES_READER (object);

  /* every task holds the reader: none is left by now */
  g_thread_pool_free (self->pool, TRUE, TRUE);
  g_clear_object (&self->connection);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->campaigns, g_hash_table_unref);
  g_clear_pointer (&self->challenges, g_hash_table_unref);
  g_free (self->data_dir);

  G_OBJECT_CLASS (rally_figures_reader_parent_class)->finalize (object);
}

static void
rally_figures_reader_class_init (RallyFiguresReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rally_figures_reader_dispose;
  object_class->finalize = rally_figures_reader_finalize;

  /**
   * RallyFiguresReader::changed:
   *
   * The figures of every campaign and challenge were read again, once after a burst
   * of changes to the store.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rally_figures_reader_init (RallyFiguresReader *self)
{
  self->cancellable = g_cancellable_new ();
  self->pool = g_thread_pool_new (run_job, self, 1, FALSE, NULL);
  self->campaigns = new_table ((GDestroyNotify) rally_campaign_figures_unref);
  self->challenges = new_table ((GDestroyNotify) rally_challenge_figures_unref);
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */

/**
 * rally_figures_reader_new:
 * @store: the workspace
 *
 * A reader of @store's figures, on its own thread and connection. It reads every
 * campaign's figures at once when first asked, and again after each burst of
 * @store's changes.
 *
 * Returns: (transfer full): a new reader
 */
RallyFiguresReader *
rally_figures_reader_new (RallyStore *store)
{
  RallyFiguresReader *self;

  g_return_val_if_fail (RALLY_IS_STORE (store), NULL);

  self = g_object_new (RALLY_TYPE_FIGURES_READER, NULL);
  self->store = g_object_ref (store);
  self->data_dir = g_strdup (rally_store_get_data_dir (store));
  self->changed_id = g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);

  return self;
}

/**
 * rally_figures_reader_get_store:
 *
 * Returns: (transfer none): the workspace whose figures the reader reads
 */
RallyStore *
rally_figures_reader_get_store (RallyFiguresReader *self)
{
  g_return_val_if_fail (RALLY_IS_FIGURES_READER (self), NULL);

  return self->store;
}

/**
 * rally_figures_reader_is_loaded:
 *
 * Returns: whether the figures were read at least once
 */
gboolean
rally_figures_reader_is_loaded (RallyFiguresReader *self)
{
  g_return_val_if_fail (RALLY_IS_FIGURES_READER (self), FALSE);

  return self->loaded;
}

/* The first look starts the first read: start-up pays nothing for a page not shown. */
static void
ensure_loading (RallyFiguresReader *self)
{
  if (!self->loaded && !self->reloading)
    start_reload (self);
}

/**
 * rally_figures_reader_lookup_campaign:
 *
 * Returns: (transfer none) (nullable): the campaign's figures as last read, or %NULL
 *   before they were (the first call starts reading them)
 */
RallyCampaignFigures *
rally_figures_reader_lookup_campaign (RallyFiguresReader *self,
                                      gint64              campaign_id)
{
  g_return_val_if_fail (RALLY_IS_FIGURES_READER (self), NULL);

  ensure_loading (self);
  return g_hash_table_lookup (self->campaigns, &campaign_id);
}

/**
 * rally_figures_reader_lookup_challenge:
 *
 * Returns: (transfer none) (nullable): the challenge's totals and latest snapshot as
 *   last read, or %NULL before they were
 */
RallyChallengeFigures *
rally_figures_reader_lookup_challenge (RallyFiguresReader *self,
                                       gint64              challenge_id)
{
  g_return_val_if_fail (RALLY_IS_FIGURES_READER (self), NULL);

  ensure_loading (self);
  return g_hash_table_lookup (self->challenges, &challenge_id);
}

/**
 * rally_figures_reader_reload:
 *
 * Reads the figures again once the store has been quiet for a moment: any number of
 * calls in a burst make one reload.
 */
void
rally_figures_reader_reload (RallyFiguresReader *self)
{
  g_return_if_fail (RALLY_IS_FIGURES_READER (self));

  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

/**
 * rally_figures_reader_get_n_reloads:
 *
 * Returns: how many times every campaign's figures were read, for tests
 */
guint
rally_figures_reader_get_n_reloads (RallyFiguresReader *self)
{
  g_return_val_if_fail (RALLY_IS_FIGURES_READER (self), 0);

  return self->n_reloads;
}

/**
 * rally_figures_reader_get_n_reads:
 *
 * Returns: how many reads of any kind ran on the worker, for tests
 */
guint
rally_figures_reader_get_n_reads (RallyFiguresReader *self)
{
  g_return_val_if_fail (RALLY_IS_FIGURES_READER (self), 0);

  return (guint) g_atomic_int_get (&self->n_reads);
}

static gpointer
read_challenge (RallyStore    *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return rally_figures_read_challenge (store, *(gint64 *) data, RALLY_FIGURES_MEDIAN | RALLY_FIGURES_REACH,
                                       cancellable);
}

/**
 * rally_figures_reader_read_challenge_async:
 * @challenge_id: a challenge
 *
 * Reads the figures of one challenge in full: totals, latest snapshot, median
 * engagement and reach over time.
 */
void
rally_figures_reader_read_challenge_async (RallyFiguresReader  *self,
                                           gint64               challenge_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (RALLY_IS_FIGURES_READER (self));

  rally_figures_reader_run_async (self, read_challenge, g_memdup2 (&challenge_id, sizeof challenge_id), g_free,
                                  (GDestroyNotify) rally_challenge_figures_unref, cancellable, callback, user_data);
}

/**
 * rally_figures_reader_read_challenge_finish:
 *
 * Returns: (transfer full) (nullable): the figures, or %NULL with @error set
 */
RallyChallengeFigures *
rally_figures_reader_read_challenge_finish (RallyFiguresReader  *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  return rally_figures_reader_run_finish (self, result, error);
}
