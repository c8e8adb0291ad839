/* rally-sync-engine-private.h
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

#pragma once

#include "rally-store-sync.h"
#include "rally-sync-engine.h"

G_BEGIN_DECLS

/* Internals shared by the engine's paging and writing (rally-sync-engine.c) and its
 * window planning (rally-sync-engine-windows.c). */

#define DAY              86400
#define WINDOW_DAYS      30
#define PAGE_SIZE        100
#define MAX_RESTARTS     3
#define MAX_SPLITS       4
#define RAMP_PAGES       4   /* clean pages after a retry before widening again */
#define SPLIT_PAGES      4
#define BALANCE_PAGES    100
#define BATCH_PAGES      32  /* pages that waited together, written in one transaction */
#define WINDOW_WAITING   8   /* a window's pages waiting to be written past which it sends no more ahead */
#define FEED_MIN         16  /* pages a busy run's writer waits for before its next transaction */

struct _RallySyncEngine
{
  GObject          parent_instance;

  RallyStore      *store;
  RallyStore      *pages;        /* what a run's sync writes go through: its writer, or store */
  RallySyncClient *client;
  guint            max_requests;
  guint            max_records;
  guint            refetch_days;
  gint64           now;          /* 0: the real clock */
  gboolean         use_research;
  guint            max_windows;  /* windows fetched at once */
  guint            n_videos;
  guint            n_challenges;
  guint            n_account_videos;
  guint            planned_requests;  /* for the current challenge, before it starts */
  gboolean         planned_minimum;   /* nothing to go by: one request a window */
  guint            quota_used;        /* requests counted today when it started */
  gint64           generation;   /* the workspace's when the run started */
};

typedef struct _PageWrite PageWrite;
typedef struct _Batch Batch;

/* A window to fetch, queued or in flight. */
typedef struct
{
  RallySyncPosition *position;
  GTask             *task;      /* the run; not a reference: it lasts while anything is in flight */
  guint              restarts;
  gint64             cursor;    /* the last request's, which may be ahead of the position */
  char              *search_id; /* the last request's */
  guint              waiting;   /* pages of it waiting to be written */
  gboolean           unsent;    /* its request left ahead and may not be written out yet */
  const PageWrite   *handed;    /* its last page handed to the writer's thread, not yet
                                 * known written (its next page goes on from there) */
} Window;

typedef struct
{
  GPtrArray    *challenges;      /* RallyChallenge to sync */
  guint         ci;
  gboolean      research;        /* Research API credentials are set and used */
  GError       *account_error;   /* the account could not be synced; challenges go on */
  GPtrArray    *windows;         /* Window still to start, current challenge, in order */
  guint         in_flight;       /* windows with a request under way */
  GQueue       *arrivals;        /* pages (or failures) to write, in the order they came */
  guint         write_id;        /* the idle that writes the next arrival */
  guint         unsent;          /* requests sent ahead and maybe not written out yet */
  guint         parked;          /* windows whose last page waits to be written, nothing sent ahead */
  gulong        sent_id;
  guint         clean_pages;     /* pages in a row without a retry or a failure */
  GError       *error;           /* the first error: the run ends once nothing is in flight */
  GCancellable *cancellable;     /* every request's; cancelled by the caller's */
  GCancellable *stop;            /* every query's stop_retries; cancelled after an error */
  GSource      *cancel_source;   /* the caller's cancellable, watched from the main loop */
  gulong        retrying_id;
  guint         splits;
  guint         pages;
  guint         videos;
  guint         requests_mark;   /* client research requests already counted */
  char         *hashtag;         /* current challenge's tag, lower case, without '#' */
  char        **regions;
  gboolean      sync_writes;     /* rally_store_begin_sync_writes() was called */
  RallyStore   *writer;          /* the pages' own connection, written on a thread; NULL: the store's */
  RallyCreatorTally *tally;      /* the challenge's creators as its pages are written, or NULL */
  guint         writing;         /* batches for the writer's thread (its feed too), their end not yet handled */
  guint         writing_pages;   /* the pages of those batches… */
  guint         writing_requests; /* …and the quota they count, not yet in the store */
  GMutex        feed_lock;       /* guards the five below, shared with the writer's thread */
  gboolean      writer_busy;     /* the writer's thread is writing, and looks at the feed next */
  gboolean      writer_failed;   /* it stopped at a batch it could not write */
  Batch        *feed;            /* pages for the writer's thread to take next, or NULL */
  guint         feed_min;        /* pages the feed needs to be taken */
  GQueue        written;         /* batches it is done with, for the main loop, in order */
  gboolean      quota_read;      /* the day's quota below is the store's since the last write */
  gint64        quota_day;
  guint         quota_requests;
  guint         quota_records;
} Run;

static inline gint64
engine_now (RallySyncEngine *self)
{
  return self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

static inline gint64
day_of (gint64 t)
{
  return t - (((t % DAY) + DAY) % DAY);
}

/* rally-sync-engine-windows.c */
Window   *_rally_sync_window_new        (RallySyncPosition  *position);
void      _rally_sync_window_free       (Window             *window);
gboolean  _rally_sync_plan_windows      (RallySyncEngine    *self,
                                         Run                *run,
                                         RallyChallenge     *challenge,
                                         GError            **error);
gboolean  _rally_sync_widen_plan        (RallySyncEngine    *self,
                                         Run                *run,
                                         RallyChallenge     *challenge,
                                         GError            **error);
guint     _rally_sync_estimate_requests (RallySyncEngine    *self,
                                         Run                *run,
                                         RallyChallenge     *challenge);
gboolean  _rally_sync_restart_window    (RallySyncEngine    *self,
                                         RallySyncPosition  *window,
                                         GError            **error);
gboolean  _rally_sync_split_window      (RallySyncEngine    *self,
                                         Run                *run,
                                         Window             *window,
                                         GError            **error);

G_END_DECLS
