/* rally-store.h
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

#include <gio/gio.h>

#include "rally-figures.h"
#include "rally-model.h"

G_BEGIN_DECLS

/*
 * RallyStore keeps the workspace in DATA_DIR/rally.db (SQLite, WAL, foreign keys on).
 *
 * - Use a store from the thread that opened it (its main context). Another thread may
 *   open its own store on the same directory (e.g. for a long import) and, when done,
 *   call rally_store_emit_changed (main_store, NULL, 0) from the main thread so every
 *   live list reloads.
 * - Saving: id 0 inserts and sets the record's id, created-at and updated-at; any other
 *   id updates that row (NOT_FOUND if it does not exist). Records are validated first
 *   (RALLY_MODEL_ERROR…); a challenge's hashtag is normalized, and a hashtag used by
 *   another challenge (ignoring case) fails with RALLY_MODEL_ERROR_HASHTAG_TAKEN.
 * - Deleting is a soft delete: the row gets a deleted_at stamp and leaves every list
 *   and getter. Deleting a campaign also deletes its challenges and planned posts with
 *   the same stamp; rally_store_undelete_campaign() brings back exactly those rows.
 *   Undelete fails with HASHTAG_TAKEN if the hashtag was reused meanwhile.
 *   rally_store_purge_deleted() removes for good (with their videos and snapshots).
 * - After each commit the store emits "changed" (detailed by table name: "campaigns",
 *   "challenges", "planned_posts", "videos", "snapshots"; id 0 means several rows; a
 *   NULL table means everything). Live lists re-query on it and emit minimal
 *   items-changed: an insert, an update or a delete of one row is one items-changed of
 *   that position.
 * - rally_store_watch_other_writers() makes the store notice commits by other
 *   connections and processes, and a database renamed over its file (then opened in
 *   its place): it emits "changed" with a NULL table within about a second. On a team
 *   server every commit is announced (NOTIFY) with its table and id, and the watching
 *   stores emit "changed" for them within half a second; a watching store whose
 *   server cannot be reached turns "online" FALSE, refuses writes with
 *   RALLY_STORE_ERROR_OFFLINE and connects again by itself.
 * - Dates are UTC unix seconds; date-only fields hold UTC midnight; 0 means unset.
 */

#define RALLY_STORE_ERROR (rally_store_error_quark ())

/**
 * RallyStoreError:
 * @RALLY_STORE_ERROR_NOT_A_DATABASE: the file is not a Rally database (left untouched)
 * @RALLY_STORE_ERROR_CORRUPT: the database is damaged
 * @RALLY_STORE_ERROR_NEWER_SCHEMA: written by a newer Rally (left untouched)
 * @RALLY_STORE_ERROR_IO: reading or writing the disk failed, or the disk is full
 * @RALLY_STORE_ERROR_BUSY: another program holds the database locked
 * @RALLY_STORE_ERROR_CONSTRAINT: the change breaks a rule of the data (e.g. unknown campaign)
 * @RALLY_STORE_ERROR_NOT_FOUND: no such record
 * @RALLY_STORE_ERROR_FAILED: any other failure
 * @RALLY_STORE_ERROR_REPLACED: the workspace was replaced, or the challenge changed,
 *   while a sync wrote into it (nothing more was written)
 * @RALLY_STORE_ERROR_NOT_ALLOWED: the person's role on a team workspace does not allow
 *   the change (see rally_store_get_role()); nothing was written
 * @RALLY_STORE_ERROR_CONFLICT: the record was saved by someone else since it was
 *   loaded (its version is no longer the stored one); nothing was written. The message
 *   says who and when; the stored record says the same (rally_store_describe_change())
 * @RALLY_STORE_ERROR_OFFLINE: the team server cannot be reached (nothing was written)
 */
typedef enum
{
  RALLY_STORE_ERROR_NOT_A_DATABASE,
  RALLY_STORE_ERROR_CORRUPT,
  RALLY_STORE_ERROR_NEWER_SCHEMA,
  RALLY_STORE_ERROR_IO,
  RALLY_STORE_ERROR_BUSY,
  RALLY_STORE_ERROR_CONSTRAINT,
  RALLY_STORE_ERROR_NOT_FOUND,
  RALLY_STORE_ERROR_FAILED,
  RALLY_STORE_ERROR_REPLACED,
  RALLY_STORE_ERROR_NOT_ALLOWED,
  RALLY_STORE_ERROR_CONFLICT,
  RALLY_STORE_ERROR_OFFLINE,
} RallyStoreError;

/**
 * RallyStoreRole:
 * @RALLY_STORE_ROLE_OWNER: may change everything (always, in a workspace on this computer)
 * @RALLY_STORE_ROLE_EDITOR: may change everything but the workspace as a whole (restoring
 *   a backup over it) and may not delete campaigns
 * @RALLY_STORE_ROLE_VIEWER: may read everything and change nothing
 *
 * What the PostgreSQL role of the person who opened a team workspace lets them do;
 * the server enforces it (rally-db-roles.c), the store only reports it.
 */
typedef enum
{
  RALLY_STORE_ROLE_OWNER,
  RALLY_STORE_ROLE_EDITOR,
  RALLY_STORE_ROLE_VIEWER,
} RallyStoreRole;

/**
 * RallyVideoSort:
 *
 * Orders of rally_store_list_videos(): most views, likes or shares first (ties: lower
 * id first), or newest first (@RALLY_VIDEO_SORT_POSTED; ties: higher id first).
 */
typedef enum
{
  RALLY_VIDEO_SORT_VIEWS,
  RALLY_VIDEO_SORT_LIKES,
  RALLY_VIDEO_SORT_SHARES,
  RALLY_VIDEO_SORT_POSTED,
} RallyVideoSort;

/**
 * RallySyncWritesMark:
 * @version: the sync writer's data version after its commit
 * @transaction: the number of the writer's last transaction then
 *
 * What a sync writer committed so far, taken on the writer's thread
 * (rally_store_mark_sync_writes()) for rally_store_announce_sync_writes() to
 * announce later, while the writer may be writing again.
 */
typedef struct
{
  gint64 version;
  guint  transaction;
} RallySyncWritesMark;


#define RALLY_TYPE_STORE (rally_store_get_type ())

G_DECLARE_FINAL_TYPE (RallyStore, rally_store, RALLY, STORE, GObject)

GQuark          rally_store_error_quark             (void);

/* Opening */
RallyStore     *rally_store_open                    (const char        *data_dir,
                                                     GError           **error);
RallyStore     *rally_store_open_another            (const char        *data_dir,
                                                     GError           **error);
RallyStore     *rally_store_open_sync_writer        (RallyStore        *self,
                                                     GError           **error);
gboolean        rally_store_move_aside              (const char        *data_dir,
                                                     char             **moved_to,
                                                     GError           **error);
const char     *rally_store_get_path                (RallyStore        *self);
const char     *rally_store_get_data_dir            (RallyStore        *self);
gboolean        rally_store_is_empty                (RallyStore        *self);
gint64          rally_store_get_generation          (RallyStore        *self);
void            rally_store_emit_changed            (RallyStore        *self,
                                                     const char        *table,
                                                     gint64             id);
void            rally_store_mark_sync_writes        (RallyStore        *writer,
                                                     RallySyncWritesMark *mark);
void            rally_store_announce_sync_writes    (RallyStore        *self,
                                                     RallyStore        *writer,
                                                     const char        *table,
                                                     const RallySyncWritesMark *mark);
void            rally_store_watch_other_writers     (RallyStore        *self);
gboolean        rally_store_get_online              (RallyStore        *self);
void            rally_store_retry_connection        (RallyStore        *self);

/* Roles (team workspaces) */
RallyStoreRole  rally_store_get_role                (RallyStore        *self);
gboolean        rally_store_role_can_edit           (RallyStoreRole     role);
gboolean        rally_store_role_can_delete_campaigns (RallyStoreRole   role);
const char     *rally_store_role_refusal            (RallyStoreRole     role);
gboolean        rally_store_check_can_edit          (RallyStore        *self,
                                                     GError           **error);

/* Campaigns */
gboolean        rally_store_save_campaign           (RallyStore        *self,
                                                     RallyCampaign     *campaign,
                                                     GError           **error);
gboolean        rally_store_delete_campaign         (RallyStore        *self,
                                                     gint64             id,
                                                     GError           **error);
gboolean        rally_store_undelete_campaign       (RallyStore        *self,
                                                     gint64             id,
                                                     GError           **error);
char           *rally_store_describe_change         (RallyRecord       *record);
RallyCampaign  *rally_store_get_campaign            (RallyStore        *self,
                                                     gint64             id);

/* Challenges */
gboolean        rally_store_save_challenge          (RallyStore        *self,
                                                     RallyChallenge    *challenge,
                                                     GError           **error);
gboolean        rally_store_delete_challenge        (RallyStore        *self,
                                                     gint64             id,
                                                     GError           **error);
gboolean        rally_store_undelete_challenge      (RallyStore        *self,
                                                     gint64             id,
                                                     GError           **error);
RallyChallenge *rally_store_get_challenge           (RallyStore        *self,
                                                     gint64             id);
RallyChallenge *rally_store_find_challenge          (RallyStore        *self,
                                                     const char        *hashtag);
gboolean        rally_store_hashtag_is_taken        (RallyStore        *self,
                                                     const char        *hashtag,
                                                     gint64             except_challenge_id);

/* Planned posts */
gboolean        rally_store_save_planned_post       (RallyStore        *self,
                                                     RallyPlannedPost  *post,
                                                     GError           **error);
gboolean        rally_store_delete_planned_post     (RallyStore        *self,
                                                     gint64             id,
                                                     GError           **error);
gboolean        rally_store_undelete_planned_post   (RallyStore        *self,
                                                     gint64             id,
                                                     GError           **error);
RallyPlannedPost *rally_store_get_planned_post      (RallyStore        *self,
                                                     gint64             id);

/* Deleted records are kept until purged, so deleting can be undone */
gboolean        rally_store_purge_deleted           (RallyStore        *self,
                                                     gint64             deleted_before,
                                                     GError           **error);

/* Videos and snapshots */
gboolean        rally_store_upsert_videos           (RallyStore        *self,
                                                     gint64             challenge_id,
                                                     RallyVideo       **videos,
                                                     guint              n_videos,
                                                     GError           **error);
RallyVideo     *rally_store_get_video               (RallyStore        *self,
                                                     gint64             id);
gboolean        rally_store_set_video_origin        (RallyStore        *self,
                                                     gint64             id,
                                                     RallyVideoOrigin   origin,
                                                     GError           **error);
gboolean        rally_store_add_snapshot            (RallyStore        *self,
                                                     RallySnapshot     *snapshot,
                                                     GError           **error);
RallySnapshot  *rally_store_get_latest_snapshot     (RallyStore        *self,
                                                     gint64             challenge_id);

/* Live lists: each is a GListModel of records that follows the store */
GListModel     *rally_store_list_campaigns          (RallyStore        *self);
GListModel     *rally_store_list_challenges         (RallyStore        *self,
                                                     gint64             campaign_id);
GListModel     *rally_store_list_posts              (RallyStore        *self,
                                                     gint64             from,
                                                     gint64             to);
GListModel     *rally_store_list_videos             (RallyStore        *self,
                                                     gint64             challenge_id,
                                                     RallyVideoSort     sort,
                                                     guint              limit);

/* Aggregates */
gboolean        rally_store_get_challenge_totals    (RallyStore        *self,
                                                     gint64             challenge_id,
                                                     RallyTotals       *out);
GPtrArray      *rally_store_query_snapshots         (RallyStore        *self,
                                                     gint64             challenge_id,
                                                     gint64             from,
                                                     gint64             to);
GArray         *rally_store_query_daily_videos      (RallyStore        *self,
                                                     gint64             challenge_id,
                                                     gint64             from,
                                                     gint64             to);

G_END_DECLS
