/* rally-store-private.h
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

#include <sqlite3.h>

#include "rally-db.h"
#include "rally-store.h"
#include "rally-fetched-video.h"

G_BEGIN_DECLS

/* Internals shared by the store's files (lists, sample); not for other layers. */

#define RALLY_STORE_APPLICATION_ID 0x52616C79 /* "Raly" */

/* A column of a record table, mapped to the record's property of the same name
 * (column start_date ↔ property start-date). Ids flagged NULL_IF_ZERO store 0 as NULL
 * (optional foreign keys). */
typedef enum
{
  RALLY_COLUMN_PLAIN        = 0,
  RALLY_COLUMN_NULL_IF_ZERO = 1 << 0,
} RallyColumnFlags;

typedef struct
{
  const char       *name;
  RallyColumnFlags  flags;
} RallyColumn;

typedef struct
{
  const char        *name;           /* table name, also the detail of RallyStore::changed */
  GType            (*get_type) (void);
  const RallyColumn *columns;        /* NULL-terminated; without id, created_at, updated_at */
  gboolean           soft_delete;    /* has deleted_at */
  gboolean           versioned;      /* has row_version and changed_by (migration 12) */
} RallyTable;

extern const RallyTable rally_table_campaigns;
extern const RallyTable rally_table_challenges;
extern const RallyTable rally_table_planned_posts;
extern const RallyTable rally_table_videos;
extern const RallyTable rally_table_snapshots;
extern const RallyTable rally_table_events;

/* Migrations: rally-store-migrations.c. Step i brings the schema to user_version i + 1. */
extern const char * const rally_store_migrations[];
extern const guint        rally_store_n_migrations;
extern const char         rally_store_rebuild_rollups_sql[];
extern const char         rally_store_settle_rollups_sql[];
extern const char         rally_store_settle_scale_sql_pg[];
extern const char         rally_store_apply_roster_sql[];
extern const char         rally_store_reset_origin_sql[];

/* Whether a video's creator is one of a challenge's partners (its roster, the
 * partners joined by ","), and the origin that gives it */
#define RALLY_STORE_IN_ROSTER(creator, roster) \
  "instr (',' || " roster " || ',', ',' || lower (ltrim (" creator ", '@')) || ',') > 0"
#define RALLY_STORE_ROSTER_ORIGIN(creator, roster) \
  "CASE WHEN " creator " <> '' AND " RALLY_STORE_IN_ROSTER (creator, roster) " THEN 1 ELSE 0 END"
/* …with no partner at all in an empty roster (where a creator "@" would be found, as
 * "" between two commas), as the origin triggers have it */
#define RALLY_STORE_PARTNER_ORIGIN(creator, roster) \
  "CASE WHEN " roster " <> '' THEN " RALLY_STORE_ROSTER_ORIGIN (creator, roster) " ELSE 0 END"

/* A sync writer's (rally_store_open_sync_writer()) note of the days its upserts took
 * videos from, for rally-store-sync.c to count again: the schema's triggers are off
 * on that connection, a TEMP one is not */
#define RALLY_STORE_SYNC_DAYS_SQL \
  "CREATE TEMP TABLE sync_days (challenge_id INTEGER NOT NULL, day INTEGER NOT NULL," \
  "  PRIMARY KEY (challenge_id, day)) WITHOUT ROWID;" \
  "CREATE TEMP TRIGGER sync_days_updated AFTER UPDATE ON main.videos BEGIN" \
  " INSERT INTO sync_days (challenge_id, day)" \
  " VALUES (OLD.challenge_id, OLD.posted_at - ((OLD.posted_at % 86400) + 86400) % 86400)" \
  " ON CONFLICT DO NOTHING; END;"

/* A video's engagement rate, as the median reads it and PostgreSQL's index holds it */
#define RALLY_STORE_VIDEO_RATE "CAST (likes + comments + shares AS DOUBLE PRECISION) / views"
/* …and its bucket in video_rate_buckets (schema 15, PostgreSQL): rates in steps of
 * 1/RALLY_STORE_RATE_STEPS, in the order of the rates (floor() of a product by a
 * positive constant never puts a smaller rate in a later bucket) */
#define RALLY_STORE_RATE_STEPS 10000
#define RALLY_STORE_VIDEO_RATE_BUCKET "floor ((" RALLY_STORE_VIDEO_RATE ") * " G_STRINGIFY (RALLY_STORE_RATE_STEPS) ")"
/* PostgreSQL: set to 'on' for the rest of a transaction, the insert triggers of the
 * videos leave the roll-ups to _rally_store_bulk_end() */
#define RALLY_STORE_BULK_LOAD_SETTING "rally.bulk_load"

/* The sort key of each column of All Videos, as its index (challenge_id, key, id)
 * holds it: rally-store-analytics.c sorts by them, rally-store-video-pages.c pages
 * through them. (lower(), not COLLATE NOCASE: PostgreSQL has no such collation.) */
#define RALLY_STORE_VIDEO_KEY_VIEWS    "views"
#define RALLY_STORE_VIDEO_KEY_LIKES    "likes"
#define RALLY_STORE_VIDEO_KEY_COMMENTS "comments"
#define RALLY_STORE_VIDEO_KEY_SHARES   "shares"
#define RALLY_STORE_VIDEO_KEY_POSTED   "posted_at"
#define RALLY_STORE_VIDEO_KEY_CREATOR  "lower (creator)"
#define RALLY_STORE_VIDEO_KEY_REGION   "region"

/* rally-store-analytics.c: the video ids SQL selects (?1 a challenge, ?2 a limit) */
GArray       *_rally_store_query_ids    (RallyStore        *self,
                                         const char        *sql,
                                         gint64             challenge_id,
                                         gint64             limit,
                                         GError           **error);

/* The number of creators of the challenge whose id is the SQL expression ID: counted
 * on SQLite, kept in video_creator_counts on PostgreSQL (schema 12), where counting
 * the millions of rows of a large challenge would take seconds */
#define RALLY_STORE_CREATORS_SQLITE(id) "(SELECT count(*) FROM video_creators WHERE challenge_id = " id ")"
#define RALLY_STORE_CREATORS_PG(id) \
  "(SELECT coalesce (max (creators), 0) FROM video_creator_counts WHERE challenge_id = " id ")"
#define RALLY_STORE_CREATORS_SQL(store, sqlite_sql, pg_sql) ((store)->db != NULL ? (sqlite_sql) : (pg_sql))

/* The store's statements, through the driver (rally-db.h): prepared once and cached. */
RallyDbStmt  *_rally_store_stmt         (RallyStore        *self,
                                         const char        *sql,
                                         GError           **error);
gboolean      _rally_store_stmt_done    (RallyStore        *self,
                                         RallyDbStmt       *stmt,
                                         GError           **error);
gint64        _rally_store_stmt_total   (RallyDbStmt       *stmt,
                                         int                column);
RallyDbDialect _rally_store_get_dialect (RallyStore        *self);

gboolean      _rally_store_begin        (RallyStore        *self,
                                         GError           **error);
gboolean      _rally_store_begin_exclusive (RallyStore     *self,
                                         GError           **error);
gboolean      _rally_store_commit       (RallyStore        *self,
                                         GError           **error);
void          _rally_store_rollback     (RallyStore        *self);
void          _rally_store_queue_change (RallyStore        *self,
                                         const char        *table,
                                         gint64             id);
void          _rally_store_read_failed  (const char        *what,
                                         const char        *table,
                                         const GError      *error);
void          _rally_store_set_error    (RallyStore        *self,
                                         int                rc,
                                         GError           **error);
gpointer      _rally_store_load_record  (RallyStore        *self,
                                         const RallyTable  *table,
                                         gint64             id);
gboolean      _rally_store_reload_record (RallyStore       *self,
                                         const RallyTable  *table,
                                         gpointer           record);
gboolean      _rally_store_write_record (RallyStore       *self,
                                         const RallyTable  *table,
                                         GObject           *record,
                                         const char        *extra_column,
                                         const char        *extra_value,
                                         GError           **error);
gboolean      _rally_store_change_one_row (RallyStore      *self,
                                         const char        *table,
                                         const char        *sql,
                                         gint64             id,
                                         const char        *not_found,
                                         GError           **error);
GPtrArray    *_rally_store_bulk_begin   (RallyStore        *self,
                                         GError           **error);
gboolean      _rally_store_bulk_end     (RallyStore        *self,
                                         GPtrArray         *saved,
                                         GError           **error);
void          _rally_store_set_cache_size (RallyStore      *self,
                                         guint              kib);
void          _rally_store_set_temp_on_disk (RallyStore    *self,
                                         gboolean           on_disk);
gint64        _rally_store_now          (void);
gint64        _rally_add_saturating     (gint64             a,
                                         gint64             b);

/* rally-store-sync.c */
gboolean      _rally_store_write_synced_video (RallyStore               *self,
                                               gint64                    challenge_id,
                                               const RallyFetchedVideo  *video,
                                               gint64                    now,
                                               GError                  **error);

/* rally-store-origins.c */
gboolean      _rally_store_apply_roster     (RallyStore        *self,
                                             RallyChallenge    *challenge,
                                             GError           **error);

/* rally-store-generation.c */
gboolean      _rally_store_bump_generation  (RallyStore        *self,
                                             GError           **error);
gboolean      _rally_store_check_sync_guard (RallyStore        *self,
                                             GError           **error);
gboolean      _rally_store_begin_sync       (RallyStore        *self,
                                             GError           **error);

/* rally-store-checkpoint.c */
typedef struct _RallyCheckpointer RallyCheckpointer;

RallyCheckpointer *_rally_checkpointer_start (sqlite3           *writer,
                                              const char        *path,
                                              GError           **error);
void               _rally_checkpointer_stop  (RallyCheckpointer *self);
void               _rally_checkpointer_ask   (RallyCheckpointer *self);

/* rally-store-open.c, for rally-figures-reader.c */
RallyStore   *_rally_store_open_reader      (const char    *data_dir,
                                             GError       **error);

/* rally-store.c, for rally-store-watch.c */
gint64        _rally_store_get_data_version (RallyStore    *self);
gboolean      _rally_store_has_moved        (RallyStore    *self);
gboolean      _rally_store_is_writing       (RallyStore    *self);
gboolean      _rally_store_has_unannounced  (RallyStore    *self);

/* rally-store-watch.c */
typedef struct _RallyStoreWatch RallyStoreWatch;

RallyStoreWatch *_rally_store_watch_new    (RallyStore      *store);
void             _rally_store_watch_free   (RallyStoreWatch *self);
void             _rally_store_watch_rebase (RallyStoreWatch *self);
gboolean         _rally_store_announce     (RallyStore      *store,
                                            const char      *table,
                                            gint64           id,
                                            GError         **error);

/* rally-store.c, for rally-store-watch.c */
void             _rally_store_notify_online (RallyStore     *self);
/* rally-store-open.c: a team server's new connection in place of a lost one */
void             _rally_store_use_connection (RallyStore    *self,
                                              RallyDb       *conn);

/* rally-store.c: the instance, shared with rally-store-open.c */
struct _RallyStore
{
  GObject     parent_instance;

  RallyDb    *conn;        /* the workspace's connection, SQLite or PostgreSQL */
  sqlite3    *db;          /* conn's SQLite handle for the SQLite-only parts, or NULL */
  char       *data_dir;
  char       *path;
  GHashTable *queries;     /* SQL text → RallyDbStmt, freed on dispose */
  GArray     *pending;     /* PendingChange, emitted after COMMIT */
  gboolean    in_transaction;
  guint       sync_writes;   /* rally_store_begin_sync_writes() nesting */
  RallyCheckpointer *checkpointer;
  RallyStoreWatch   *watch;    /* rally_store_watch_other_writers(), or NULL */
  gint64      others_version;  /* a sync writer's: its data version when last announced */
  RallyStore *owner;           /* a sync writer's: the store it writes for (weak) */
  gint        unannounced;     /* atomic: 0, or the number of the transaction its sync writer
                                * began last, not announced yet */
  guint       begun;           /* a sync writer's: the number of the last transaction it began */
  gint        transactions;    /* atomic: its sync writers' transactions so far, which numbers them */
  gboolean    triggers_off;    /* a sync writer's: the schema's triggers do not run (rally-store-sync.c) */
};

gboolean      _rally_store_exec             (RallyStore    *self,
                                             const char    *sql,
                                             GError       **error);

/* rally-store-open.c */
gboolean      _rally_store_reopen           (RallyStore    *self,
                                             GError       **error);

/* rally-store-list.c */
GListModel   *_rally_store_list_new     (RallyStore        *store,
                                         const RallyTable  *table,
                                         const char        *ids_sql,
                                         const gint64      *params,
                                         guint              n_params);

gboolean      _rally_store_write_account_video (RallyStore    *self,
                                                const char    *open_id,
                                                gint64         tiktok_id,
                                                gint64         posted_at,
                                                const char    *title,
                                                const char    *share_url,
                                                const gint64   figures[4],
                                                gint64         now,
                                                GError       **error);

/* The row mapping and checks rally-store-records.c shares with rally-store-videos.c. */
void      _rally_store_bind_column            (RallyDbStmt        *stmt,
                                               int                 param,
                                               GObject            *record,
                                               const RallyColumn  *column);
const char *_rally_store_user_name           (void);
char     *_rally_store_select_sql             (const RallyTable   *table,
                                               const char         *where);
void      _rally_store_read_row               (GObject            *record,
                                               const RallyTable   *table,
                                               RallyDbStmt        *stmt);
gboolean  _rally_store_save_record            (RallyStore         *self,
                                               const RallyTable   *table,
                                               GObject            *record,
                                               const char         *extra_column,
                                               const char         *extra_value,
                                               GError            **error);
void      _rally_store_set_not_found          (GError            **error,
                                               const char         *message);
gboolean  _rally_store_update_one_row         (RallyStore         *self,
                                               const char         *table,
                                               const char         *sql,
                                               gint64              id,
                                               gint64              value,
                                               const char         *not_found,
                                               GError            **error);
gboolean  _rally_store_check_challenge_exists (RallyStore         *self,
                                               gint64              challenge_id,
                                               GError            **error);

G_END_DECLS
