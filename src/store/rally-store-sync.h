/* rally-store-sync.h
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

#include "rally-store.h"
#include "rally-fetched-video.h"

G_BEGIN_DECLS

/* What sync keeps in the store besides videos and snapshots: how far each query
 * window got (so a killed sync resumes), and the requests and records spent per UTC
 * day (the Research API quota). A page of videos, the position it reached and the
 * quota it cost are written in one transaction. */

typedef struct
{
  gint64  challenge_id;
  gint64  window_start;  /* UTC midnight of the first day */
  gint64  window_end;    /* UTC midnight of the last day (inclusive) */
  gint64  cursor;
  char   *search_id;     /* nullable */
  gboolean done;
  gint64  fetched_at;    /* when the last page was written, by the sync's clock; 0: now */
} RallySyncPosition;

gboolean           rally_store_try_lock_sync         (RallyStore               *self,
                                                      GError                  **error);
void               rally_store_unlock_sync           (RallyStore               *self);

gboolean           rally_store_begin_sync_writes     (RallyStore               *self,
                                                      GError                  **error);
gboolean           rally_store_end_sync_writes       (RallyStore               *self,
                                                      GError                  **error);

void               rally_store_guard_sync            (RallyStore               *self,
                                                      gint64                    generation,
                                                      gint64                    challenge_id,
                                                      const char               *hashtag);
gboolean           rally_store_add_sync_snapshot     (RallyStore               *self,
                                                      RallySnapshot            *snapshot,
                                                      GError                  **error);

void               rally_sync_position_free          (RallySyncPosition        *position);

GPtrArray         *rally_store_list_sync_positions   (RallyStore               *self,
                                                      gint64                    challenge_id,
                                                      gint64                    from,
                                                      gint64                    to,
                                                      GError                  **error);
gboolean           rally_store_save_sync_position    (RallyStore               *self,
                                                      const RallySyncPosition  *position,
                                                      GError                  **error);
gboolean           rally_store_split_sync_position   (RallyStore               *self,
                                                      const RallySyncPosition  *position,
                                                      gint64                    first_end,
                                                      GError                  **error);
gboolean           rally_store_cut_sync_position     (RallyStore               *self,
                                                      const RallySyncPosition  *position,
                                                      gint64                    first_end,
                                                      gboolean                  first_done,
                                                      GError                  **error);
/* One page for rally_store_save_sync_pages(). */
typedef struct
{
  const RallySyncPosition *position;  /* reached after the page */
  GPtrArray               *videos;    /* RallyFetchedVideo: the page's videos for the challenge */
  gint64                   day;       /* the UTC day the quota is counted on */
  guint                    requests;  /* requests spent on it (retries included) */
  guint                    records;   /* records it delivered (repeats and unusable ones included) */
} RallySyncPageWrite;

gboolean           rally_store_save_sync_pages       (RallyStore               *self,
                                                      const RallySyncPageWrite *pages,
                                                      guint                     n_pages,
                                                      GError                  **error);
gboolean           rally_store_save_sync_page        (RallyStore               *self,
                                                      const RallySyncPosition  *position,
                                                      GPtrArray                *videos,
                                                      gint64                    day,
                                                      guint                     requests,
                                                      guint                     records,
                                                      GError                  **error);
gboolean           rally_store_settle_rollups        (RallyStore               *self,
                                                      GError                  **error);

typedef struct _RallyCreatorTally RallyCreatorTally;

RallyCreatorTally *rally_store_start_creator_tally   (RallyStore               *self,
                                                      gint64                    challenge_id,
                                                      GError                  **error);
void               rally_creator_tally_add           (RallyCreatorTally        *tally,
                                                      GPtrArray                *videos);
void               rally_creator_tally_free          (RallyCreatorTally        *tally);
gboolean           rally_store_settle_tallied        (RallyStore               *self,
                                                      RallyCreatorTally        *tally,
                                                      GError                  **error);
gboolean           rally_store_add_quota             (RallyStore               *self,
                                                      gint64                    day,
                                                      guint                     requests,
                                                      guint                     records,
                                                      GError                  **error);
gboolean           rally_store_get_quota             (RallyStore               *self,
                                                      gint64                    day,
                                                      guint                    *requests,
                                                      guint                    *records,
                                                      GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallySyncPosition, rally_sync_position_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyCreatorTally, rally_creator_tally_free)

G_END_DECLS
