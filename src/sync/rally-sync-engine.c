/* rally-sync-engine.c
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

/* RallySyncEngine: fetches every scheduled, live or ended challenge's videos from the
 * Research API into the store, and the charity's own account from the Display API.
 *
 * With a Display API user token, the account goes first (rally-sync-account.c): its
 * profile, its videos, and those of its videos that carry a challenge's hashtag
 * counted for that challenge. With no Research API credentials, that is the whole
 * sync, and each challenge that got own videos ends with a Snapshot (source: Display
 * API).
 *
 * A challenge's dates are cut into a fixed grid of 30-day windows (UTC days,
 * end inclusive); each window is queried by hashtag (and regions) 100 videos a page.
 * The store keeps a position per window (cursor, search_id, done), written in the
 * same transaction as the page's videos and the quota it cost: a sync killed at any
 * moment resumes from the last page written, and videos are upserted by TikTok id so
 * nothing is counted twice. Research data lags: the last 10 days and the day before
 * (the settling tail) are windows of their own, fetched again on every sync; older
 * days are fetched once. When a window keeps failing with 5xx it is
 * halved; an expired search_id or a rejected cursor restarts the window. Requests
 * and records are counted per UTC day against the daily quota. Each challenge ends
 * with a Snapshot of its totals (source: Research API).
 *
 * Windows are independent, so several are fetched at once (the pages of one window
 * stay in order: each needs the cursor and search_id of the one before). A challenge
 * with fewer windows than that, and enough videos expected (stored ones, or its
 * goal), is cut into max_windows windows before it starts. All of them are in
 * flight from the first request; any retry or failure narrows the run to one window
 * at a time until RAMP_PAGES pages in a row came without one, so a struggling API is
 * never pushed harder and halving and restarts happen one window at a time.
 *
 * Replies are parsed on worker threads (the client's). When a page arrives, its
 * window's next request leaves at once, and the page waits in a queue written from
 * an idle, in arrival order: the network works while the store writes. A window
 * has at most one request in flight and a few pages waiting (WINDOW_WAITING), and a
 * page is written only right after the one before it, so the position written with
 * each page is never ahead of the rows. The pages that waited together are written
 * in one transaction, each still with its own position: when the store is what
 * holds the sync back, its transactions grow, and each rewrites the index pages
 * the rows share once for several pages.
 *
 * In a local workspace those transactions go over a connection of their own
 * (rally_store_open_sync_writer()) on a thread, one at a time, while the main loop
 * reads replies and sends requests. The pages that arrive meanwhile make up the
 * next one, the feed, which the writer's thread takes as soon as it is done
 * (without waiting for the main loop to hear of it); while more pages are on the
 * way it waits for FEED_MIN of them. The run's other sync writes (windows, quota,
 * a page written alone, creators, snapshots) go over that connection too, never
 * while pages are being written, and each is announced on the store
 * (announce_pages(); a batch's with what the thread marked when it committed it).
 * A team workspace's server does the writing, so there everything goes through the
 * store.
 *
 * After an error nothing more is asked for and no failed request is tried again,
 * but the replies already asked for are still read and written: the run ends only
 * once every page it fetched is in the store, so a resume asks for none twice.
 *
 * This file pages and writes; the window planning is in rally-sync-engine-windows.c. */

#define G_LOG_DOMAIN "RallySyncEngine"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "rally-sync-account.h"
#include "rally-sync-engine-private.h"

G_DEFINE_FINAL_TYPE (RallySyncEngine, rally_sync_engine, G_TYPE_OBJECT)

enum {
  PROGRESS,
  ACCOUNT_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void next_challenge (GTask *task);
static void pump           (GTask *task);
static void send_query     (GTask      *task,
                            Window     *window,
                            gint64      cursor,
                            const char *search_id);

/* ------------------------------------------------------------------ */
/* Auxiliary                                                           */

static void
run_free (gpointer data)
{
  Run *run = data;

  g_clear_pointer (&run->challenges, g_ptr_array_unref);
  g_clear_pointer (&run->windows, g_ptr_array_unref);
  /* the run ends only once every arrival is written */
  g_assert (run->write_id == 0 && run->writing == 0 && run->feed == NULL && g_queue_is_empty (&run->written));
  g_assert (run->arrivals == NULL || g_queue_is_empty (run->arrivals));
  g_mutex_clear (&run->feed_lock);
  g_clear_object (&run->writer);
  g_clear_pointer (&run->tally, rally_creator_tally_free);
  g_clear_pointer (&run->arrivals, g_queue_free);
  g_clear_error (&run->error);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->stop);
  g_free (run->hashtag);
  g_strfreev (run->regions);
  g_clear_error (&run->account_error);
  g_free (run);
}

static char *
format_day (gint64 day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (day);

  return g_date_time_format (dt, "%Y%m%d");
}

static char *
normalize_tag (const char *tag)
{
  while (*tag == '#')
    tag++;
  return g_utf8_casefold (tag, -1);
}

/* Guards the sync's writes, on the store and on the pages' own connection (see
 * rally_store_guard_sync()). */
static void
guard_writes (RallySyncEngine *self,
              Run             *run,
              gint64           generation,
              gint64           challenge_id,
              const char      *hashtag)
{
  rally_store_guard_sync (self->store, generation, challenge_id, hashtag);
  if (run->writer != NULL)
    rally_store_guard_sync (run->writer, generation, challenge_id, hashtag);
}

/* Announces on the store what the run wrote over the pages' own connection, if
 * it has one. */
static void
announce_pages (RallySyncEngine           *self,
                const char                *table,
                const RallySyncWritesMark *mark)
{
  if (self->pages != NULL && self->pages != self->store)
    rally_store_announce_sync_writes (self->store, self->pages, table, mark);
}

/* Ends the store's sync writes, syncing everything written to disk, and lets go of
 * the client and the caller's cancellable. */
static gboolean
end_sync_writes (GTask   *task,
                 GError **error)
{
  RallySyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  g_clear_signal_handler (&run->retrying_id, self->client);
  g_clear_signal_handler (&run->sent_id, self->client);
  if (run->cancel_source != NULL)
    {
      g_source_destroy (run->cancel_source);
      g_clear_pointer (&run->cancel_source, g_source_unref);
    }
  if (!run->sync_writes)
    return TRUE;
  run->sync_writes = FALSE;
  guard_writes (self, run, 0, 0, NULL);
  self->pages = NULL;
  /* the pages' connection first; the store's last checkpoint then finds all of it */
  if (run->writer != NULL && !rally_store_end_sync_writes (run->writer, error))
    {
      rally_store_end_sync_writes (self->store, NULL);
      return FALSE;
    }
  /* what it wrote last (and whether anyone else wrote since its last batch, which
   * a failed run announces nothing after) */
  if (run->writer != NULL)
    rally_store_announce_sync_writes (self->store, run->writer, "videos", NULL);
  return rally_store_end_sync_writes (self->store, error);
}

static void
finish_error (GTask  *task,
              GError *error)
{
  g_autoptr(GError) end_error = NULL;

  if (!end_sync_writes (task, &end_error))
    g_warning ("Could not sync the workspace to disk: %s", end_error->message);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
finish_success (GTask *task)
{
  GError *error = NULL;

  if (!end_sync_writes (task, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* Keeps the first error of the run: nothing more is asked for, and no failed
 * request is tried again, but the replies already asked for are still read and
 * written (the quota paid for them, and a resume would ask again). */
static void
fail (Run    *run,
      GError *error)
{
  if (run->error != NULL)
    {
      g_error_free (error);
      return;
    }
  run->error = error;
  g_cancellable_cancel (run->stop);
}

/* How many windows may be in flight now. */
static guint
window_limit (RallySyncEngine *self,
              Run             *run)
{
  return run->clean_pages >= RAMP_PAGES ? self->max_windows : 1;
}

/* Counts the requests the client sent since the last call into the day's quota. */
static guint
take_requests (RallySyncEngine *self,
               Run             *run)
{
  guint total = rally_sync_client_get_research_requests (self->client);
  guint spent = total - run->requests_mark;

  run->requests_mark = total;
  return spent;
}

/* Whether one more request may leave now; FALSE with @error set when the day's quota
 * is used up, FALSE alone to wait for the requests in flight and the pages waiting
 * to be written first. Requests sent and not yet counted (those in flight or
 * waiting) count too, so the limit is never passed; records are known only when a
 * page is written, so while some are in flight or waiting one more request leaves
 * only if a full page of each would still fit. */
static gboolean
may_start (RallySyncEngine  *self,
           Run              *run,
           GError          **error)
{
  gint64 day = day_of (engine_now (self));
  guint requests, records;
  /* requests sent and not yet counted, and those counted by pages still being written */
  guint pending = rally_sync_client_get_research_requests (self->client) - run->requests_mark +
                  run->writing_requests;
  guint unwritten = run->in_flight + g_queue_get_length (run->arrivals) + run->writing_pages;

  /* the store's count moves only when this run writes (one sync at a time): read
   * again after each write, not for each of a window's requests */
  if (!run->quota_read || run->quota_day != day)
    {
      if (!rally_store_get_quota (self->store, day, &run->quota_requests, &run->quota_records, error))
        return FALSE;
      run->quota_read = TRUE;
      run->quota_day = day;
    }
  requests = run->quota_requests;
  records = run->quota_records;
  if (requests + pending >= self->max_requests || records >= self->max_records ||
      (guint64) records + (guint64) unwritten * PAGE_SIZE >= self->max_records)
    {
      if (unwritten > 0)
        return FALSE;
    }
  if (requests >= self->max_requests)
    {
      g_set_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_QUOTA_EXCEEDED,
                   _("The daily Research API quota is used up (%u of %u requests today, UTC); "
                     "sync can continue after midnight UTC"), requests, self->max_requests);
      return FALSE;
    }
  if (records >= self->max_records)
    {
      g_set_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_QUOTA_EXCEEDED,
                   _("The daily Research API quota is used up (%u of %u videos today, UTC); "
                     "sync can continue after midnight UTC"), records, self->max_records);
      return FALSE;
    }
  return TRUE;
}

/* A page was written with @requests and @records of @day's quota: the count
 * may_start() read moves with it (the store's moves only when this run writes, one
 * sync at a time), so it is not read again after each write. */
static void
quota_written (Run     *run,
               gint64   day,
               guint    requests,
               guint    records)
{
  if (run->quota_read && run->quota_day == day)
    {
      run->quota_requests += requests;
      run->quota_records += records;
    }
  else
    run->quota_read = FALSE;
}

/* ------------------------------------------------------------------ */
/* Pages                                                               */

static gboolean
has_hashtag (const RallyFetchedVideo *video,
             const char              *tag)
{
  /* the search is fuzzy: keep exact tags only, when the reply lists them */
  if (video->hashtags == NULL || video->hashtags[0] == NULL)
    return TRUE;
  for (guint i = 0; video->hashtags[i] != NULL; i++)
    {
      const char *name = video->hashtags[i];
      g_autofree char *candidate = NULL;

      while (*name == '#')
        name++;
      /* ASCII folds to its lower case: no need to casefold a copy */
      if (g_str_is_ascii (name))
        {
          if (g_ascii_strcasecmp (name, tag) == 0)
            return TRUE;
          continue;
        }
      candidate = normalize_tag (name);
      if (g_str_equal (candidate, tag))
        return TRUE;
    }
  return FALSE;
}

/* A page ready to be written: the position it reaches and the videos it keeps. */
struct _PageWrite
{
  RallySyncPosition  next;      /* its search_id a copy: the page or position it came
                                 * from may go before it is written (another batch) */
  GPtrArray         *videos;    /* RallyFetchedVideo, borrowed from the page */
  guint              records;
  guint              n_videos;  /* in videos, which a written batch lets go of early */
  gboolean           finished;  /* the window is complete after it */
};

static void
page_write_clear (PageWrite *write)
{
  g_clear_pointer (&write->next.search_id, g_free);
  g_clear_pointer (&write->videos, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PageWrite, page_write_clear)

/* Checks @page, which goes on from @position (its window's written one, or the one
 * the page of its window handed to be written before it reaches), and works out
 * what writing it means. */
static gboolean
prepare_page (RallySyncEngine          *self,
              Run                      *run,
              const RallySyncPosition  *position,
              RallyTiktokPage          *page,
              PageWrite                *write,
              GError                  **error)
{
  RallySyncPosition *next = &write->next;

  if (page->has_more && (!page->has_cursor || page->cursor <= position->cursor))
    {
      g_set_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_MALFORMED,
                   _("TikTok said more videos follow but did not move the cursor"));
      return FALSE;
    }
  write->videos = g_ptr_array_sized_new (page->videos->len);
  for (guint i = 0; i < page->videos->len; i++)
    {
      RallyFetchedVideo *video = g_ptr_array_index (page->videos, i);

      if (has_hashtag (video, run->hashtag))
        g_ptr_array_add (write->videos, video);
    }
  write->n_videos = write->videos->len;

  *next = *position;
  next->cursor = page->has_cursor ? page->cursor : position->cursor;
  next->search_id = g_strdup (page->search_id != NULL ? page->search_id : position->search_id);
  next->done = !page->has_more;
  next->fetched_at = engine_now (self);
  if (next->done && position->window_end > day_of (engine_now (self)))
    {
      /* a window reaching into the future was only queried up to today: the next
       * sync queries it again from the start */
      next->done = FALSE;
      next->cursor = 0;
      g_clear_pointer (&next->search_id, g_free);
      write->finished = TRUE;
    }
  else
    write->finished = next->done;
  /* the quota counts every record delivered, repeats and unusable ones too */
  write->records = page->videos->len + page->n_duplicates + page->n_invalid;
  return TRUE;
}

/* The page of @write was written: @window moves on. */
static void
apply_page (RallySyncEngine *self,
            Run             *run,
            Window          *window,
            const PageWrite *write)
{
  RallySyncPosition *position = window->position;

  position->cursor = write->next.cursor;
  if (g_strcmp0 (write->next.search_id, position->search_id) != 0)
    {
      g_free (position->search_id);
      position->search_id = g_strdup (write->next.search_id);
    }
  position->done = write->next.done;
  run->pages++;
  run->videos += write->n_videos;
  self->n_videos += write->n_videos;
}

/* Writes @page of @window; *finished tells whether the window is complete. */
static gboolean
save_page (RallySyncEngine  *self,
           Run              *run,
           Window           *window,
           RallyTiktokPage  *page,
           gboolean         *finished,
           GError          **error)
{
  g_auto(PageWrite) write = { 0 };
  gint64 day = day_of (engine_now (self));
  guint requests;

  if (!prepare_page (self, run, window->position, page, &write, error))
    return FALSE;
  requests = take_requests (self, run);
  if (!rally_store_save_sync_page (self->pages, &write.next, write.videos, day, requests, write.records, error))
    {
      run->quota_read = FALSE;
      return FALSE;
    }
  quota_written (run, day, requests, write.records);
  /* counted once written, as a batch's pages are (tally_batch()) */
  if (run->tally != NULL)
    rally_creator_tally_add (run->tally, write.videos);
  apply_page (self, run, window, &write);
  *finished = write.finished;
  return TRUE;
}

/* Decides what a failed page of @window means: FALSE when the sync must stop;
 * otherwise @window was requeued, restarted or halved. */
static gboolean
recover (RallySyncEngine  *self,
         Run              *run,
         Window           *window,
         GError          **error)
{
  RallySyncPosition *position = window->position;

  /* a window fetched again may bring other videos than its pages written so far:
   * the creators are counted from the store */
  g_clear_pointer (&run->tally, rally_creator_tally_free);
  if (g_error_matches (*error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_SEARCH_ID_EXPIRED) ||
      g_error_matches (*error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_INVALID_CURSOR))
    {
      if (window->restarts >= MAX_RESTARTS)
        return FALSE;
      g_debug ("restarting window: %s", (*error)->message);
      window->restarts++;
      g_clear_error (error);
      if (!_rally_sync_restart_window (self, position, error))
        return FALSE;
      g_ptr_array_insert (run->windows, 0, window);
      return TRUE;
    }
  if (g_error_matches (*error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_SERVER) &&
      position->window_end > position->window_start && run->splits < MAX_SPLITS)
    {
      g_debug ("halving window after server errors: %s", (*error)->message);
      run->splits++;
      g_clear_error (error);
      return _rally_sync_split_window (self, run, window, error);
    }
  return FALSE;
}

/* A reply of a window waiting to be written, in the order replies came: a window's
 * pages are written in order, each with its position, in one transaction. */
typedef struct
{
  Window          *window;
  gint64           cursor;  /* the request's */
  RallyTiktokPage *page;    /* NULL: the request failed with @error */
  GError          *error;
  gboolean         ahead;   /* the window's next request left before this was written */
  gboolean         counted; /* the run's and its window's counters hold it: it may be taken */
} Arrival;

static void
arrival_free (Arrival *arrival)
{
  g_clear_pointer (&arrival->page, rally_tiktok_page_free);
  g_clear_error (&arrival->error);
  g_free (arrival);
}

/* A page of @arrival was written: says so, and its window goes on (at @index in
 * the windows to start), or ends. */
static void
page_written (GTask   *task,
              Arrival *arrival,
              gboolean finished,
              guint    index)
{
  RallySyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  Window *window = arrival->window;

  run->clean_pages++;
  g_signal_emit (self, signals[PROGRESS], 0, g_ptr_array_index (run->challenges, run->ci), run->pages, run->videos);

  if (arrival->ahead)
    ;  /* its next page is on the way: that reply decides what follows */
  else if (finished || run->error != NULL)
    _rally_sync_window_free (window);
  else
    g_ptr_array_insert (run->windows, MIN (index, run->windows->len), window);  /* next pages first */
}

/* Writes a page (or handles a failed request) of a window. */
static void
write_arrival (GTask   *task,
               Arrival *arrival)
{
  RallySyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  Window *window = arrival->window;
  GError *error = g_steal_pointer (&arrival->error);
  gboolean finished = FALSE;

  if (arrival->page == NULL)
    {
      g_autoptr(GError) quota_error = NULL;

      run->clean_pages = 0;
      run->quota_read = FALSE;
      /* failed requests count against the quota too */
      rally_store_add_quota (self->pages, day_of (engine_now (self)), take_requests (self, run), 0, &quota_error);
      if (quota_error != NULL)
        g_warning ("Could not count the requests spent: %s", quota_error->message);
      if (run->error != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          !recover (self, run, window, &error))
        {
          fail (run, error);
          _rally_sync_window_free (window);
        }
      pump (task);
      return;
    }

  if (arrival->cursor != window->position->cursor)
    {
      /* sent ahead of a page that could not be written (the run is failing): never
       * written past it */
      g_assert (run->error != NULL);
      if (!arrival->ahead)
        _rally_sync_window_free (window);
      pump (task);
      return;
    }
  if (!save_page (self, run, window, arrival->page, &finished, &error))
    {
      fail (run, error);
      if (!arrival->ahead)
        _rally_sync_window_free (window);
      pump (task);
      return;
    }
  announce_pages (self, "videos", NULL);
  page_written (task, arrival, finished, 0);
  pump (task);
}

static gboolean write_next_cb (gpointer user_data);
static void     feed_writer   (GTask   *task);

/* Writes what arrived: while the writer's thread has batches, the pages join its
 * feed at once (feed_writer()); else from an idle, once the requests sent ahead are
 * out (the client's "sent"), so that the server works on them while the store
 * writes. */
static void
schedule_write (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (run->writing > 0)
    feed_writer (task);
  else if (run->write_id == 0 && run->unsent == 0 && !g_queue_is_empty (run->arrivals))
    run->write_id = g_idle_add (write_next_cb, task);
}

static Arrival *
pop_arrival (Run *run)
{
  Arrival *arrival = g_queue_pop_head (run->arrivals);

  arrival->window->waiting--;
  if (!arrival->ahead)
    run->parked--;
  return arrival;
}

static void
unpop_arrival (Run     *run,
               Arrival *arrival)
{
  g_queue_push_head (run->arrivals, arrival);
  arrival->window->waiting++;
  if (!arrival->ahead)
    run->parked++;
}

/* Pages that waited together, prepared to be written in one transaction, each with
 * its window's position. A batch takes its pages' requests from the run, and
 * counts them and its pages as being written until its end is handled. */
struct _Batch
{
  GTask     *task;      /* the run */
  GPtrArray *batch;     /* Arrival */
  GPtrArray *writes;    /* PageWrite, one for each arrival */
  GArray    *pages;     /* RallySyncPageWrite, pointing into writes */
  guint      mark;      /* the run's requests_mark before the pages took their requests */
  guint      requests;  /* the requests its pages took */
  guint      parked;    /* its pages whose window sent nothing ahead: it waits for them */
  gboolean   any_videos;
  GError    *error;     /* set when the writer's thread could not write it */
  RallySyncWritesMark committed;  /* what the writer's thread had committed once it wrote it */
};

static void
page_write_free (PageWrite *write)
{
  page_write_clear (write);
  g_free (write);
}

static Batch *
batch_new (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  Batch *batch = g_new0 (Batch, 1);

  batch->task = g_object_ref (task);
  batch->batch = g_ptr_array_new_with_free_func ((GDestroyNotify) arrival_free);
  batch->writes = g_ptr_array_new_with_free_func ((GDestroyNotify) page_write_free);
  batch->pages = g_array_new (FALSE, TRUE, sizeof (RallySyncPageWrite));
  batch->mark = run->requests_mark;
  return batch;
}

static void
batch_free (Batch *batch)
{
  g_clear_pointer (&batch->pages, g_array_unref);
  g_clear_pointer (&batch->writes, g_ptr_array_unref);
  g_clear_pointer (&batch->batch, g_ptr_array_unref);
  g_clear_error (&batch->error);
  g_clear_object (&batch->task);
  g_free (batch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Batch, batch_free)

/* Whether the arrival at the head of the queue can join @batch (NULL: a new one): a
 * page that goes on from the last page of its window handed to be written (in
 * @batch or one before it), or else from its window's written position. */
static gboolean
joins_batch (Run   *run,
             Batch *batch)
{
  Arrival *arrival = g_queue_peek_head (run->arrivals);
  const PageWrite *before;

  if (arrival == NULL || !arrival->counted || arrival->page == NULL ||
      (batch != NULL && batch->batch->len >= BATCH_PAGES))
    return FALSE;
  before = arrival->window->handed;
  if (before == NULL)
    return arrival->cursor == arrival->window->position->cursor;
  /* a window goes on after a page that said more videos follow, from its cursor */
  return !before->finished && arrival->cursor == before->next.cursor;
}

/* Adds @arrival to @batch, prepared to be written after the pages handed before it;
 * FALSE when it cannot be written (then @batch is as it was). */
static gboolean
batch_add (Batch   *batch,
           Arrival *arrival)
{
  RallySyncEngine *self = g_task_get_source_object (batch->task);
  Run *run = g_task_get_task_data (batch->task);
  Window *window = arrival->window;
  PageWrite *write = g_new0 (PageWrite, 1);
  RallySyncPageWrite page = { 0 };

  if (!prepare_page (self, run, window->handed != NULL ? &window->handed->next : window->position, arrival->page,
                     write, NULL))
    {
      page_write_free (write);
      return FALSE;
    }
  page.position = &write->next;
  page.videos = write->videos;
  page.day = day_of (engine_now (self));
  page.records = write->records;
  page.requests = take_requests (self, run);
  g_ptr_array_add (batch->batch, arrival);
  g_ptr_array_add (batch->writes, write);
  g_array_append_val (batch->pages, page);
  batch->requests += page.requests;
  batch->parked += !arrival->ahead;
  batch->any_videos |= write->videos->len > 0;
  window->handed = write;
  run->writing_pages++;
  run->writing_requests += page.requests;
  return TRUE;
}

/* Takes into @batch the arrivals at the head of the queue that can join it. */
static void
fill_batch (Run   *run,
            Batch *batch)
{
  while (joins_batch (run, batch))
    {
      Arrival *arrival = pop_arrival (run);

      if (!batch_add (batch, arrival))
        {
          unpop_arrival (run, arrival);
          return;
        }
    }
}

/* The end of @batch is handled: its pages no longer count as being written. */
static void
batch_release (Run   *run,
               Batch *batch)
{
  run->writing_pages -= batch->batch->len;
  run->writing_requests -= batch->requests;
}

/* @batch is not written: its arrivals go back in front of the queue, in order, and
 * its requests are to be counted again. */
static void
batch_dissolve (Run   *run,
                Batch *batch)
{
  batch_release (run, batch);
  run->requests_mark = batch->mark;
  for (guint i = batch->batch->len; i > 0; i--)
    {
      Arrival *arrival = g_ptr_array_steal_index (batch->batch, i - 1);

      arrival->window->handed = NULL;
      unpop_arrival (run, arrival);
    }
}

/* Counts the creators of @batch, written: on the writer's thread when it wrote
 * them (the main thread leaves the tally alone while a batch is being written). */
static void
tally_batch (Run   *run,
             Batch *batch)
{
  if (run->tally == NULL)
    return;
  for (guint i = 0; i < batch->writes->len; i++)
    rally_creator_tally_add (run->tally, ((PageWrite *) g_ptr_array_index (batch->writes, i))->videos);
}

/* @batch was written: its windows move on. */
static void
batch_done (Batch *batch)
{
  RallySyncEngine *self = g_task_get_source_object (batch->task);
  Run *run = g_task_get_task_data (batch->task);

  batch_release (run, batch);
  for (guint i = 0; i < batch->batch->len; i++)
    {
      Arrival *arrival = g_ptr_array_index (batch->batch, i);
      PageWrite *write = g_ptr_array_index (batch->writes, i);
      const RallySyncPageWrite *page = &g_array_index (batch->pages, RallySyncPageWrite, i);

      quota_written (run, page->day, page->requests, page->records);
      apply_page (self, run, arrival->window, write);
      if (arrival->window->handed == write)
        arrival->window->handed = NULL;
      page_written (batch->task, arrival, write->finished, i);
    }
}

/* @batch could not be written (or was not tried): it and what the writer's thread
 * was to take after it go back in front of the queue, and the next arrival is
 * written on its own. */
static void
write_first (GTask *task,
             Batch *batch)
{
  Run *run = g_task_get_task_data (task);
  /* the writer's thread is idle: what it shares is the main thread's */
  g_autoptr(Batch) feed = g_steal_pointer (&run->feed);
  Arrival *first;

  g_assert (!run->writer_busy);
  if (batch->error != NULL)
    g_debug ("writing %u pages at once failed, one by one now: %s", batch->batch->len, batch->error->message);
  run->writer_failed = FALSE;
  if (feed != NULL)
    {
      run->writing--;
      batch_dissolve (run, feed);
    }
  batch_dissolve (run, batch);
  first = pop_arrival (run);
  /* the run cannot end while arrivals wait, so this is safe before the write */
  schedule_write (task);
  write_arrival (task, first);
  arrival_free (first);
}

static gboolean written_cb (gpointer user_data);

/* The writer's thread: a run's batches, each in one transaction, one after the
 * other. Once one is written it takes the feed, the pages that arrived meanwhile,
 * without waiting for the main loop; the main loop hears of each batch from
 * written_cb(). It stops at the first batch it could not write (the feed goes on
 * from that one's pages, so it is not written), or when the feed is empty or
 * smaller than feed_min. */
static void
write_thread (gpointer data,
              gpointer user_data)
{
  Batch *batch = data;
  GTask *task = batch->task;
  Run *run = g_task_get_task_data (task);

  while (batch != NULL)
    {
      Batch *next = NULL;
      gboolean posted;

      if (rally_store_save_sync_pages (run->writer, (RallySyncPageWrite *) batch->pages->data, batch->pages->len,
                                       &batch->error))
        {
          rally_store_mark_sync_writes (run->writer, &batch->committed);
          tally_batch (run, batch);
          /* written: the videos are let go of here, not on the main thread, which has
           * the next replies to read (it touches none of a batch being written) */
          for (guint i = 0; i < batch->batch->len; i++)
            {
              g_ptr_array_set_size (((PageWrite *) g_ptr_array_index (batch->writes, i))->videos, 0);
              rally_tiktok_page_drop_videos (((Arrival *) g_ptr_array_index (batch->batch, i))->page);
            }
        }
      g_mutex_lock (&run->feed_lock);
      if (batch->error == NULL && run->feed != NULL && run->feed->batch->len >= run->feed_min)
        next = g_steal_pointer (&run->feed);
      else
        run->writer_busy = FALSE;
      run->writer_failed = batch->error != NULL;
      /* one idle for the batches written before the main loop gets to them */
      posted = !g_queue_is_empty (&run->written);
      if (!posted)
        g_object_ref (task);
      g_queue_push_tail (&run->written, batch);
      g_mutex_unlock (&run->feed_lock);
      if (!posted)
        {
          GSource *source = g_idle_source_new ();

          g_source_set_priority (source, G_PRIORITY_DEFAULT);
          g_source_set_callback (source, written_cb, task, g_object_unref);
          g_source_attach (source, g_task_get_context (task));
          g_source_unref (source);
        }
      batch = next;
    }
}

static GThreadPool *
write_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (write_thread, NULL, -1, FALSE, NULL));
  return pool;
}

/* The writer's thread is done with @batch: its windows move on, or when it could
 * not be written, its pages are written one by one. */
static void
batch_written (GTask *task,
               Batch *batch)
{
  RallySyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  run->writing--;
  if (batch->error != NULL)
    {
      write_first (task, batch);
      return;
    }
  batch_done (batch);
  /* written over another connection: the store's windows hear of it from here */
  if (batch->any_videos)
    announce_pages (self, "videos", &batch->committed);
  schedule_write (task);
  pump (task);
}

static gboolean
written_cb (gpointer user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);

  for (;;)
    {
      g_autoptr(Batch) batch = NULL;

      g_mutex_lock (&run->feed_lock);
      batch = g_queue_pop_head (&run->written);
      g_mutex_unlock (&run->feed_lock);
      if (batch == NULL)
        return G_SOURCE_REMOVE;
      batch_written (task, batch);
    }
}

/* Hands @batch to the writer's thread, idle with nothing handed to it; the pages
 * that arrive meanwhile make up the feed, which it writes next. */
static void
write_batch_async (GTask *task,
                   Batch *batch)
{
  Run *run = g_task_get_task_data (task);

  /* nothing is handed to the writer's thread: it is idle, and what it shares is
   * the main thread's */
  g_assert (run->writing == 0 && !run->writer_busy && run->feed == NULL);
  run->writing++;
  run->writer_busy = TRUE;
  g_thread_pool_push (write_pool (), batch, NULL);
}

/* While the writer's thread has batches, the arrivals that go on from its pages
 * join its feed, which it takes once done with its batch, or which starts it again
 * once it is idle. While more pages are on the way at full speed, and no window
 * waits for its page to be written to go on, it waits for FEED_MIN of them: each
 * transaction rewrites the index pages its rows share, and the fewer
 * transactions, the fewer times. */
static void
feed_writer (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  Batch *start = NULL;

  g_mutex_lock (&run->feed_lock);
  if (run->feed != NULL)
    fill_batch (run, run->feed);
  else if (joins_batch (run, NULL))  /* most calls (a request sent, a batch written) bring none */
    {
      g_autoptr(Batch) feed = batch_new (task);

      fill_batch (run, feed);
      if (feed->batch->len > 0)
        {
          run->feed = g_steal_pointer (&feed);
          run->writing++;
        }
    }
  run->feed_min = run->in_flight > 0 && run->parked == 0 && (run->feed == NULL || run->feed->parked == 0) &&
                  run->clean_pages >= RAMP_PAGES ? FEED_MIN : 1;
  if (!run->writer_busy && !run->writer_failed && run->feed != NULL && run->feed->batch->len >= run->feed_min)
    {
      start = g_steal_pointer (&run->feed);
      run->writer_busy = TRUE;
    }
  g_mutex_unlock (&run->feed_lock);
  if (start != NULL)
    g_thread_pool_push (write_pool (), start, NULL);
}

/* Writes @batch through the store, here and now. */
static gboolean
write_batch (GTask *task,
             Batch *batch)
{
  RallySyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  if (!rally_store_save_sync_pages (self->pages, (RallySyncPageWrite *) batch->pages->data, batch->pages->len,
                                    &batch->error))
    return FALSE;
  tally_batch (run, batch);
  batch_done (batch);
  return TRUE;
}

static gboolean
write_next_cb (gpointer user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(Batch) batch = NULL;

  run->write_id = 0;
  /* added only while the writer's thread has no batch, and none is handed to it
   * before this runs (schedule_write()) */
  g_assert (run->writing == 0);
  /* the pages that waited together, written in one transaction: on the writer's
   * thread even one page, through the store from two (one alone is prepared by
   * write_arrival(), so not here too) */
  batch = batch_new (task);
  if (run->writer != NULL || g_queue_get_length (run->arrivals) > 1)
    fill_batch (run, batch);
  if (run->writer != NULL && batch->batch->len > 0)
    {
      write_batch_async (task, g_steal_pointer (&batch));
      return G_SOURCE_REMOVE;
    }
  if (batch->batch->len > 1 && write_batch (task, batch))
    {
      schedule_write (task);
      pump (task);
      return G_SOURCE_REMOVE;
    }
  write_first (task, batch);
  return G_SOURCE_REMOVE;
}

/* Sends the query for the page after @page while @page waits to be written, if the
 * window goes on, has fewer than WINDOW_WAITING older pages waiting, and the window
 * limit and the quota allow; otherwise the window's next request leaves once @page
 * is written. */
static gboolean
send_ahead (GTask           *task,
            Window          *window,
            RallyTiktokPage *page)
{
  RallySyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!page->has_more || !page->has_cursor || page->cursor <= window->cursor ||
      run->error != NULL || window->waiting >= WINDOW_WAITING ||
      run->in_flight + run->parked >= window_limit (self, run) ||
      g_cancellable_is_cancelled (run->cancellable) || !may_start (self, run, &error))
    return FALSE;
  send_query (task, window, page->cursor, page->search_id != NULL ? page->search_id : window->search_id);
  return TRUE;
}

/* A reply came (parsed on a worker thread): the window's next request leaves at
 * once, and the page is written from an idle, after the request is on its way. */
static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Window *window = user_data;
  GTask *task = window->task;
  Run *run = g_task_get_task_data (task);
  Arrival *arrival = g_new0 (Arrival, 1);

  run->in_flight--;
  arrival->window = window;
  arrival->cursor = window->cursor;
  arrival->page = rally_sync_client_query_videos_finish (RALLY_SYNC_CLIENT (object), result, &arrival->error);
  if (window->unsent)
    {
      window->unsent = FALSE;
      run->unsent -= run->unsent > 0;
    }
  /* queued first: its records count against the quota before anything else leaves */
  g_queue_push_tail (run->arrivals, arrival);
  arrival->ahead = arrival->page != NULL && send_ahead (task, window, arrival->page);
  if (arrival->ahead)
    {
      window->unsent = TRUE;
      run->unsent++;
    }
  else
    run->parked++;
  window->waiting++;
  arrival->counted = TRUE;
  schedule_write (task);
}

/* Adds up @challenge's videos into a snapshot, both through @writer (the store, or
 * the connection that wrote the pages). */
static gboolean
write_snapshot (RallySyncEngine  *self,
                RallyStore       *writer,
                RallyChallenge   *challenge,
                RallySource       source,
                GError          **error)
{
  g_autoptr(RallySnapshot) snapshot = rally_snapshot_new ();
  gint64 id = rally_challenge_get_id (challenge);
  gint64 now = engine_now (self);
  RallyTotals totals;

  if (!rally_store_get_challenge_totals (writer, id, &totals))
    {
      g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_FAILED,
                   _("Could not add up the videos of #%s"), rally_challenge_get_hashtag (challenge));
      return FALSE;
    }
  rally_snapshot_set_challenge_id (snapshot, id);
  rally_snapshot_set_taken_at (snapshot, now);
  rally_snapshot_set_fetched_at (snapshot, now);
  rally_snapshot_set_source (snapshot, source);
  rally_snapshot_set_videos (snapshot, totals.videos);
  rally_snapshot_set_views (snapshot, totals.views);
  rally_snapshot_set_likes (snapshot, totals.likes);
  rally_snapshot_set_comments (snapshot, totals.comments);
  rally_snapshot_set_shares (snapshot, totals.shares);
  rally_snapshot_set_creators (snapshot, totals.creators);
  rally_store_guard_sync (writer, self->generation, id, rally_challenge_get_hashtag (challenge));
  if (!rally_store_add_sync_snapshot (writer, snapshot, error))
    return FALSE;
  if (writer != self->store)
    announce_pages (self, "snapshots", NULL);
  return TRUE;
}

/* Sends the query for the page of @window at @cursor. */
static void
send_query (GTask      *task,
            Window     *window,
            gint64      cursor,
            const char *search_id)
{
  RallySyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  RallySyncPosition *position = window->position;
  g_autofree char *start = format_day (position->window_start);
  g_autofree char *end = format_day (MIN (position->window_end, day_of (engine_now (self))));
  RallyTiktokQuery query = { 0 };

  if (search_id != window->search_id)
    {
      char *copy = g_strdup (search_id);

      g_free (window->search_id);
      window->search_id = copy;
    }
  window->cursor = cursor;
  query.hashtag = run->hashtag;
  query.regions = (const char * const *) run->regions;
  query.start_date = start;
  query.end_date = end;
  query.max_count = PAGE_SIZE;
  query.cursor = cursor;
  query.search_id = window->search_id;
  query.stop_retries = run->stop;
  window->task = task;
  run->in_flight++;
  rally_sync_client_query_videos_async (self->client, &query, run->cancellable, page_cb, window);
}

/* Sends the query for the next page of @window, from its written position. */
static void
start_window (GTask  *task,
              Window *window)
{
  send_query (task, window, window->position->cursor, window->position->search_id);
}

/* Starts windows while the limit and the quota allow; ends the challenge when all
 * are done, or the run after an error once nothing is in flight. */
static void
pump (GTask *task)
{
  RallySyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  RallyStore *pages;
  GError *error = NULL;

  if (run->error == NULL && g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    fail (run, error);
  if (run->error != NULL)
    {
      if (run->in_flight == 0 && g_queue_is_empty (run->arrivals) && run->writing == 0)
        finish_error (task, g_steal_pointer (&run->error));
      return;
    }

  /* a window whose page waits to be written still counts: it goes on after the write */
  while (run->windows->len > 0 && run->in_flight + run->parked < window_limit (self, run))
    {
      if (!may_start (self, run, &error))
        {
          if (error == NULL)
            return;  /* waits for the pages in flight */
          fail (run, error);
          pump (task);
          return;
        }
      start_window (task, g_ptr_array_steal_index (run->windows, 0));
    }
  if (run->in_flight > 0 || run->windows->len > 0 || !g_queue_is_empty (run->arrivals) || run->writing > 0)
    return;

  /* challenge done: its creators counted, then its totals, over the connection that
   * wrote the pages (it has them at hand, and commits without syncing each time) */
  pages = self->pages;
  if (!rally_store_settle_tallied (pages, run->tally, &error) ||
      !write_snapshot (self, pages, g_ptr_array_index (run->challenges, run->ci), RALLY_SOURCE_RESEARCH_API,
                       &error))
    {
      finish_error (task, error);
      return;
    }
  announce_pages (self, "videos", NULL);
  self->n_challenges++;
  run->ci++;
  next_challenge (task);
}

static void
next_challenge (GTask *task)
{
  RallySyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  RallyChallenge *challenge;
  GError *error = NULL;
  guint records;

  if (run->ci >= run->challenges->len)
    {
      if (run->account_error != NULL)
        finish_error (task, g_error_new (run->account_error->domain, run->account_error->code,
                                         _("The challenges were synced, but not your TikTok account: %s"),
                                         run->account_error->message));
      else
        finish_success (task);
      return;
    }
  challenge = g_ptr_array_index (run->challenges, run->ci);
  g_free (run->hashtag);
  run->hashtag = normalize_tag (rally_challenge_get_hashtag (challenge));
  g_strfreev (run->regions);
  run->regions = g_strdupv ((char **) rally_challenge_get_regions (challenge));
  run->pages = run->videos = run->splits = 0;
  /* every write for this challenge checks that it is still the one with this hashtag */
  guard_writes (self, run, self->generation, rally_challenge_get_id (challenge),
                rally_challenge_get_hashtag (challenge));
  /* a challenge without videos yet has its creators counted as its pages are written */
  g_clear_pointer (&run->tally, rally_creator_tally_free);
  run->tally = rally_store_start_creator_tally (self->pages, rally_challenge_get_id (challenge), &error);
  if (error != NULL)
    {
      finish_error (task, error);
      return;
    }

  if (!_rally_sync_plan_windows (self, run, challenge, &error))
    {
      finish_error (task, error);
      return;
    }
  if (!_rally_sync_widen_plan (self, run, challenge, &error))
    {
      finish_error (task, error);
      return;
    }
  self->planned_requests = _rally_sync_estimate_requests (self, run, challenge);
  if (!rally_store_get_quota (self->store, day_of (engine_now (self)), &self->quota_used, &records, &error))
    {
      finish_error (task, error);
      return;
    }
  g_signal_emit (self, signals[PROGRESS], 0, challenge, 0u, 0u);
  pump (task);
}

static gboolean
should_sync (RallySyncEngine *self,
             RallyChallenge  *challenge)
{
  return rally_challenge_get_status (challenge) != RALLY_CHALLENGE_STATUS_DRAFT &&
         rally_challenge_get_start_date (challenge) > 0 &&
         day_of (rally_challenge_get_start_date (challenge)) <= day_of (engine_now (self));
}

static GPtrArray *
collect_challenges (RallySyncEngine  *self,
                    const char       *hashtag,
                    GError          **error)
{
  g_autoptr(GPtrArray) challenges = g_ptr_array_new_with_free_func (g_object_unref);

  if (hashtag != NULL)
    {
      RallyChallenge *challenge = rally_store_find_challenge (self->store, hashtag);

      if (challenge == NULL)
        {
          g_set_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_INVALID_PARAMS,
                       _("No challenge uses the hashtag “%s”"), hashtag);
          return NULL;
        }
      if (!should_sync (self, challenge))
        {
          g_set_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_INVALID_PARAMS,
                       _("#%s is a draft or has not started yet: nothing to sync"),
                       rally_challenge_get_hashtag (challenge));
          g_object_unref (challenge);
          return NULL;
        }
      g_ptr_array_add (challenges, challenge);
    }
  else
    {
      g_autoptr(GListModel) list = rally_store_list_challenges (self->store, 0);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(RallyChallenge) challenge = g_list_model_get_item (list, i);

          if (should_sync (self, challenge))
            g_ptr_array_add (challenges, g_steal_pointer (&challenge));
        }
    }
  return g_steal_pointer (&challenges);
}

/* ------------------------------------------------------------------ */
/* The account (Display API)                                           */

static void
account_progress_cb (guint    pages,
                     guint    videos,
                     gpointer user_data)
{
  g_signal_emit (user_data, signals[ACCOUNT_PROGRESS], 0, pages, videos);
}

/* Without Research API credentials, the challenges that got own videos get their
 * snapshot from those. */
static gboolean
write_display_snapshots (RallySyncEngine  *self,
                         Run              *run,
                         GHashTable       *matched,
                         GError          **error)
{
  for (guint i = 0; i < run->challenges->len; i++)
    {
      RallyChallenge *challenge = g_ptr_array_index (run->challenges, i);
      gint64 id = rally_challenge_get_id (challenge);

      if (!g_hash_table_contains (matched, &id))
        continue;
      if (!write_snapshot (self, self->store, challenge, RALLY_SOURCE_DISPLAY_API, error))
        return FALSE;
      self->n_challenges++;
    }
  return TRUE;
}

static void
account_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  RallySyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GHashTable) matched = NULL;
  GError *error = NULL;

  if (!rally_sync_account_finish (result, &self->n_account_videos, &matched, &error))
    {
      if (!run->research || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          finish_error (task, error);
          return;
        }
      /* the challenges still sync; the account's failure is reported at the end */
      run->account_error = error;
      next_challenge (task);
    }
  else if (run->research)
    next_challenge (task);
  else if (!write_display_snapshots (self, run, matched, &error))
    finish_error (task, error);
  else
    finish_success (task);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
rally_sync_engine_finalize (GObject *object)
{
  RallySyncEngine *self = (RallySyncEngine *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (rally_sync_engine_parent_class)->finalize (object);
}

static void
rally_sync_engine_class_init (RallySyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rally_sync_engine_finalize;

#ifdef __GLIBC__
  /* A sync allocates and frees a page's worth of memory for every reply; glibc's
   * thresholds gave it back to the kernel and took it again each time, which on a
   * virtual machine flushes the TLB of every CPU (about a tenth of a sync's CPU). */
  mallopt (M_TRIM_THRESHOLD, 64 * 1024 * 1024);
  mallopt (M_MMAP_THRESHOLD, 4 * 1024 * 1024);
#endif

  /**
   * RallySyncEngine::progress:
   * @challenge: the challenge being synced
   * @page: pages written for it so far in this sync (0 when it starts)
   * @videos: videos written for it so far in this sync
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                    RALLY_TYPE_CHALLENGE, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * RallySyncEngine::account-progress:
   * @page: pages of the account's video list written so far (0 when it starts)
   * @videos: own videos written so far
   */
  signals[ACCOUNT_PROGRESS] = g_signal_new ("account-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
rally_sync_engine_init (RallySyncEngine *self)
{
  self->max_requests = RALLY_SYNC_DEFAULT_DAILY_REQUESTS;
  self->max_records = RALLY_SYNC_DEFAULT_DAILY_RECORDS;
  self->refetch_days = RALLY_SYNC_DEFAULT_REFETCH_DAYS;
  self->use_research = TRUE;
  self->max_windows = RALLY_SYNC_DEFAULT_MAX_WINDOWS;
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

RallySyncEngine *
rally_sync_engine_new (RallyStore      *store,
                       RallySyncClient *client)
{
  RallySyncEngine *self;

  g_return_val_if_fail (RALLY_IS_STORE (store), NULL);
  g_return_val_if_fail (RALLY_IS_SYNC_CLIENT (client), NULL);

  self = g_object_new (RALLY_TYPE_SYNC_ENGINE, NULL);
  self->store = g_object_ref (store);
  self->client = g_object_ref (client);
  return self;
}

void
rally_sync_engine_set_quota_limits (RallySyncEngine *self,
                                    guint            requests_per_day,
                                    guint            records_per_day)
{
  g_return_if_fail (RALLY_IS_SYNC_ENGINE (self));

  self->max_requests = requests_per_day;
  self->max_records = records_per_day;
}

void
rally_sync_engine_set_refetch_days (RallySyncEngine *self,
                                    guint            days)
{
  g_return_if_fail (RALLY_IS_SYNC_ENGINE (self));

  self->refetch_days = days;
}

/**
 * rally_sync_engine_set_use_research:
 * @use_research: %FALSE when the organisation has no Research API access: only the
 *   account is synced (Display API), even with a client key and secret set
 */
void
rally_sync_engine_set_use_research (RallySyncEngine *self,
                                    gboolean         use_research)
{
  g_return_if_fail (RALLY_IS_SYNC_ENGINE (self));

  self->use_research = !!use_research;
}

/* How many query windows are fetched at once once the API proved healthy (at least 1). */
void
rally_sync_engine_set_max_windows (RallySyncEngine *self,
                                   guint            max_windows)
{
  g_return_if_fail (RALLY_IS_SYNC_ENGINE (self));
  g_return_if_fail (max_windows >= 1);

  self->max_windows = max_windows;
}

/* For tests: the clock the engine uses for "today" (Unix seconds), 0 for the real one. */
void
rally_sync_engine_set_now (RallySyncEngine *self,
                           gint64           now)
{
  g_return_if_fail (RALLY_IS_SYNC_ENGINE (self));

  self->now = now;
}

/* Videos written by the last run (a video written twice counts twice). */
guint
rally_sync_engine_get_n_videos (RallySyncEngine *self)
{
  g_return_val_if_fail (RALLY_IS_SYNC_ENGINE (self), 0);

  return self->n_videos;
}

/* The charity's own videos written by the last run (Display API). */
guint
rally_sync_engine_get_n_account_videos (RallySyncEngine *self)
{
  g_return_val_if_fail (RALLY_IS_SYNC_ENGINE (self), 0);

  return self->n_account_videos;
}

/**
 * rally_sync_engine_get_plan:
 * @planned: (out): about how many research requests the challenge being synced takes
 * @minimum: (out): whether @planned is only the least it takes (nothing to go by yet)
 * @used: (out): the requests counted today (UTC) before it started
 * @limit: (out): the day's limit
 *
 * For the challenge a #RallySyncEngine::progress of page 0 announces.
 */
void
rally_sync_engine_get_plan (RallySyncEngine *self,
                            guint           *planned,
                            gboolean        *minimum,
                            guint           *used,
                            guint           *limit)
{
  g_return_if_fail (RALLY_IS_SYNC_ENGINE (self));

  *planned = self->planned_requests;
  *minimum = self->planned_minimum;
  *used = self->quota_used;
  *limit = self->max_requests;
}

/* Challenges completed by the last run. */
guint
rally_sync_engine_get_n_challenges (RallySyncEngine *self)
{
  g_return_val_if_fail (RALLY_IS_SYNC_ENGINE (self), 0);

  return self->n_challenges;
}

/* Runs from the main loop, never inside the caller's g_cancellable_cancel(). */
static gboolean
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  Run *run = user_data;

  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_REMOVE;
}

/* A research request was written out: the pages waiting may be written now. */
static void
sent_cb (RallySyncClient *client,
         gpointer         user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);

  run->unsent -= run->unsent > 0;
  schedule_write (task);
}

/* A retry anywhere: back to one window at a time, and the pages waiting for more
 * to join them are written now (the retry may wait long). */
static void
retrying_cb (RallySyncClient *client,
             const char      *reason,
             guint            delay_ms,
             gpointer         user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);

  run->clean_pages = 0;
  schedule_write (task);
}

/**
 * rally_sync_engine_run_async:
 * @hashtag: (nullable): sync only the challenge with this hashtag
 *
 * Syncs every scheduled, live or ended challenge (or just @hashtag's).
 */
void
rally_sync_engine_run_async (RallySyncEngine     *self,
                             const char          *hashtag,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Run *run;
  GError *error = NULL;

  g_return_if_fail (RALLY_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rally_sync_engine_run_async);
  run = g_new0 (Run, 1);
  g_mutex_init (&run->feed_lock);
  g_queue_init (&run->written);
  run->cancellable = g_cancellable_new ();
  run->stop = g_cancellable_new ();
  if (cancellable != NULL)
    {
      run->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (run->cancel_source, G_SOURCE_FUNC (caller_cancelled_cb), run, NULL);
      g_source_attach (run->cancel_source, g_main_context_get_thread_default ());
    }
  run->retrying_id = g_signal_connect (self->client, "retrying", G_CALLBACK (retrying_cb), task);
  run->sent_id = g_signal_connect (self->client, "sent", G_CALLBACK (sent_cb), task);
  run->windows = g_ptr_array_new_with_free_func ((GDestroyNotify) _rally_sync_window_free);
  run->arrivals = g_queue_new ();
  /* all windows at once from the first request; a retry narrows to one */
  run->clean_pages = RAMP_PAGES;
  run->requests_mark = rally_sync_client_get_research_requests (self->client);
  g_task_set_task_data (task, run, run_free);
  self->n_videos = 0;
  self->n_challenges = 0;
  self->n_account_videos = 0;
  /* read before the challenges: their ids belong to this generation */
  self->generation = rally_store_get_generation (self->store);

  run->challenges = collect_challenges (self, hashtag, &error);
  if (run->challenges == NULL)
    {
      finish_error (task, error);
      return;
    }
  /* the store too: it stays where it is (a workspace swapped in waits for the end of
   * the sync) and checkpoints in the background what it writes meanwhile */
  if (!rally_store_begin_sync_writes (self->store, &error))
    {
      finish_error (task, error);
      return;
    }
  run->sync_writes = TRUE;
  /* in a local workspace the pages go on a thread, over a connection of their own,
   * which makes the long run of small transactions (a team server needs none) */
  run->writer = rally_store_open_sync_writer (self->store, &error);
  if (error != NULL || (run->writer != NULL && !rally_store_begin_sync_writes (run->writer, &error)))
    {
      g_clear_object (&run->writer);
      finish_error (task, error);
      return;
    }
  /* every sync write of the run goes there, so that the store commits nothing of the
   * sync while its pages are written elsewhere */
  self->pages = run->writer != NULL ? run->writer : self->store;
  guard_writes (self, run, self->generation, 0, NULL);
  run->research = self->use_research && rally_sync_client_has_client_credentials (self->client);
  if (rally_sync_client_has_user_token (self->client))
    rally_sync_account_async (self->store, self->client, run->challenges, engine_now (self),
                              account_progress_cb, self, run->cancellable, account_done_cb, task);
  else if (run->research)
    next_challenge (task);
  else
    finish_error (task, g_error_new (RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NOT_CONNECTED,
                                     _("Nothing to sync with: sign in to your TikTok account, or turn on the "
                                       "Research API with a client key and secret")));
}

gboolean
rally_sync_engine_run_finish (RallySyncEngine  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (RALLY_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
