/* rally-store-migrations.c
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

/* The schema, as an ordered list of steps. Step i (counting from 0) brings a database
 * from PRAGMA user_version i to i + 1; rally_store_open() runs each missing step in
 * its own transaction. Append new steps at the end; never edit a released one. */

#define G_LOG_DOMAIN "RallyStore"

#include "config.h"

#include "rally-db-private.h"
#include "rally-store-private.h"

/* UTC midnight of a time in seconds, also before 1970 */
#define DAY_OF(t) "(" t " - ((" t " % 86400) + 86400) % 86400)"

/* Trigger statements that count video ROW (NEW or OLD) in, or out of, the roll-ups.
 * PostgreSQL finds "videos" in an upsert's SET ambiguous (the table's or excluded's):
 * its texts name the table (T is "video_days." or "video_creators."; "" for SQLite). */
#define ADD_DAY_IN(row, t) \
  "INSERT INTO video_days (challenge_id, day, videos, views, likes, comments, shares)" \
  " VALUES (" row ".challenge_id, " DAY_OF (row ".posted_at") ", 1, " row ".views, " row ".likes, " \
  row ".comments, " row ".shares)" \
  " ON CONFLICT (challenge_id, day) DO UPDATE SET videos = " t "videos + 1, views = " t "views + excluded.views," \
  " likes = " t "likes + excluded.likes, comments = " t "comments + excluded.comments," \
  " shares = " t "shares + excluded.shares;"
#define ADD_CREATOR_IN(row, t) \
  "INSERT INTO video_creators (challenge_id, creator, videos)" \
  " SELECT " row ".challenge_id, " row ".creator, 1 WHERE " row ".creator <> ''" \
  " ON CONFLICT (challenge_id, creator) DO UPDATE SET videos = " t "videos + 1;"
#define ADD_DAY(row) ADD_DAY_IN (row, "")
#define ADD_CREATOR(row) ADD_CREATOR_IN (row, "")
#define ADD_VIDEO(row) ADD_DAY (row) ADD_CREATOR (row)
#define PG_ADD_DAY(row) ADD_DAY_IN (row, "video_days.")
#define PG_ADD_CREATOR(row) ADD_CREATOR_IN (row, "video_creators.")
#define PG_ADD_VIDEO(row) PG_ADD_DAY (row) PG_ADD_CREATOR (row)

#define REMOVE_DAY(row) \
  "UPDATE video_days SET videos = videos - 1, views = views - " row ".views, likes = likes - " row ".likes," \
  " comments = comments - " row ".comments, shares = shares - " row ".shares" \
  " WHERE challenge_id = " row ".challenge_id AND day = " DAY_OF (row ".posted_at") ";" \
  "DELETE FROM video_days WHERE challenge_id = " row ".challenge_id AND day = " DAY_OF (row ".posted_at") \
  " AND videos <= 0;"
#define REMOVE_CREATOR(row) \
  "UPDATE video_creators SET videos = videos - 1" \
  " WHERE challenge_id = " row ".challenge_id AND creator = " row ".creator;" \
  "DELETE FROM video_creators WHERE challenge_id = " row ".challenge_id AND creator = " row ".creator" \
  " AND videos <= 0;"
#define REMOVE_VIDEO(row) REMOVE_DAY (row) REMOVE_CREATOR (row)

#define FILL_ROLLUPS \
  "INSERT INTO video_days (challenge_id, day, videos, views, likes, comments, shares)" \
  "  SELECT challenge_id, " DAY_OF ("posted_at") ", count(*), sum(views), sum(likes), sum(comments), sum(shares)" \
  "  FROM videos GROUP BY 1, 2;" \
  "INSERT INTO video_creators (challenge_id, creator, videos)" \
  "  SELECT challenge_id, creator, count(*) FROM videos WHERE creator <> '' GROUP BY 1, 2;"

/* Whether CREATOR (a column) is on ROSTER (a challenge's partners joined by ","), and the
 * origin this gives a video whose origin was not set by hand: partner or organic. */
#define IN_ROSTER(creator, roster) RALLY_STORE_IN_ROSTER (creator, roster)
#define ROSTER_ORIGIN(creator, roster) RALLY_STORE_ROSTER_ORIGIN (creator, roster)

/* Statements that steps 3, 9 and 11 share with their PostgreSQL text below. */
#define ROLLUP_TABLES \
  "CREATE INDEX videos_updated ON videos (challenge_id, updated_at);" \
  "DROP INDEX videos_creator;" \
  "CREATE TABLE video_days (" \
  "  challenge_id INTEGER NOT NULL REFERENCES challenges (id) ON DELETE CASCADE," \
  "  day          INTEGER NOT NULL," \
  "  videos       INTEGER NOT NULL DEFAULT 0," \
  "  views        INTEGER NOT NULL DEFAULT 0," \
  "  likes        INTEGER NOT NULL DEFAULT 0," \
  "  comments     INTEGER NOT NULL DEFAULT 0," \
  "  shares       INTEGER NOT NULL DEFAULT 0," \
  "  PRIMARY KEY (challenge_id, day)" \
  ") WITHOUT ROWID;" \
  "CREATE TABLE video_creators (" \
  "  challenge_id INTEGER NOT NULL REFERENCES challenges (id) ON DELETE CASCADE," \
  "  creator      TEXT    NOT NULL," \
  "  videos       INTEGER NOT NULL DEFAULT 0," \
  "  PRIMARY KEY (challenge_id, creator)" \
  ") WITHOUT ROWID;" \
  FILL_ROLLUPS

#define ROLLUP_PENDING_TABLE \
  "CREATE TABLE rollup_pending (" \
  "  challenge_id INTEGER PRIMARY KEY" \
  ");"

/* Step 12: a sync's challenge is in rollup_paused only inside the transaction that
 * writes its pages, which counts their days itself (set-based) before it commits. */
#define ROLLUP_PAUSED_TABLE \
  "CREATE TABLE rollup_paused (" \
  "  challenge_id INTEGER PRIMARY KEY" \
  ");"
#define NOT_PAUSED(id) "NOT EXISTS (SELECT 1 FROM rollup_paused WHERE challenge_id = " id ")"
#define NOT_PAUSED_OR_MOVED \
  "(NOT EXISTS (SELECT 1 FROM rollup_paused WHERE challenge_id IN (OLD.challenge_id, NEW.challenge_id))" \
  " OR OLD.challenge_id <> NEW.challenge_id OR " DAY_OF ("OLD.posted_at") " <> " DAY_OF ("NEW.posted_at") ")"
#define ROLLUP_DAY_UPDATE_OF "AFTER UPDATE OF challenge_id, posted_at, views, likes, comments, shares"

#define EVENTS_AND_ROSTER \
  "CREATE TABLE events (" \
  "  id           INTEGER PRIMARY KEY," \
  "  created_at   INTEGER NOT NULL," \
  "  updated_at   INTEGER NOT NULL," \
  "  challenge_id INTEGER REFERENCES challenges (id) ON DELETE CASCADE," \
  "  campaign_id  INTEGER REFERENCES campaigns (id) ON DELETE CASCADE," \
  "  kind         INTEGER NOT NULL DEFAULT 6," \
  "  title        TEXT    NOT NULL," \
  "  note         TEXT    NOT NULL DEFAULT ''," \
  "  first_day    INTEGER NOT NULL," \
  "  last_day     INTEGER NOT NULL," \
  "  CHECK ((challenge_id IS NULL) <> (campaign_id IS NULL))," \
  "  CHECK (last_day >= first_day)" \
  ");" \
  "CREATE INDEX events_challenge ON events (challenge_id, first_day);" \
  "CREATE INDEX events_campaign ON events (campaign_id, first_day);" \
  "ALTER TABLE challenges ADD COLUMN partners TEXT NOT NULL DEFAULT '';" \
  "ALTER TABLE videos ADD COLUMN origin_manual INTEGER NOT NULL DEFAULT 0;" \
  "UPDATE videos SET origin_manual = 1 WHERE origin <> 0;" \
  "CREATE INDEX videos_seeded ON videos (challenge_id, posted_at) WHERE origin <> 0;"

#define VERSIONED(table) \
  "ALTER TABLE " table " ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;" \
  "ALTER TABLE " table " ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';"
#define RECORD_VERSIONS \
  VERSIONED ("campaigns") VERSIONED ("challenges") VERSIONED ("planned_posts") VERSIONED ("events")

#define CREATE_INSERT_TRIGGER \
  "CREATE TRIGGER videos_rollup_insert AFTER INSERT ON videos BEGIN " \
  ADD_VIDEO ("NEW") \
  "END;"

/* Bulk inserts (the sample, a restore) suspend the insert triggers inside their
 * transaction and rebuild the roll-ups once at the end (see _rally_store_bulk_begin()).
 * A step that changes the roll-ups or their insert trigger must update this as well.
 * The days are added up as the insert trigger adds them, not with sum(), which fails
 * with "integer overflow" where the trigger's addition goes on (a restored backup may
 * hold the largest counts). */
const char rally_store_rebuild_rollups_sql[] =
  "DELETE FROM video_days;"
  "DELETE FROM video_creators;"
  "INSERT INTO video_days (challenge_id, day, videos, views, likes, comments, shares)"
  "  SELECT challenge_id, " DAY_OF ("posted_at") ", 1, views, likes, comments, shares FROM videos WHERE TRUE"
  "  ON CONFLICT (challenge_id, day) DO UPDATE SET videos = videos + 1, views = views + excluded.views,"
  "  likes = likes + excluded.likes, comments = comments + excluded.comments, shares = shares + excluded.shares;"
  "INSERT INTO video_creators (challenge_id, creator, videos)"
  "  SELECT challenge_id, creator, count(*) FROM videos WHERE creator <> '' GROUP BY 1, 2;"
  "DELETE FROM rollup_pending;";

/* (rally_store_rebuild_rollups_sql_pg, the same for PostgreSQL, is at the end: it
 * settles what step 17 left pending, with the text of that step) */

const char * const rally_store_migrations[] = {
  /* 1: records, videos and snapshots */
  "CREATE TABLE campaigns ("
  "  id             INTEGER PRIMARY KEY,"
  "  created_at     INTEGER NOT NULL,"
  "  updated_at     INTEGER NOT NULL,"
  "  name           TEXT    NOT NULL,"
  "  cause          TEXT    NOT NULL DEFAULT '',"
  "  description    TEXT    NOT NULL DEFAULT '',"
  "  status         INTEGER NOT NULL DEFAULT 0,"
  "  start_date     INTEGER NOT NULL DEFAULT 0,"
  "  end_date       INTEGER NOT NULL DEFAULT 0,"
  "  goal_views     INTEGER NOT NULL DEFAULT 0,"
  "  goal_videos    INTEGER NOT NULL DEFAULT 0,"
  "  goal_donations INTEGER NOT NULL DEFAULT 0,"
  "  budget         INTEGER NOT NULL DEFAULT 0,"
  "  currency       TEXT    NOT NULL DEFAULT 'USD',"
  "  color          TEXT    NOT NULL DEFAULT '#3584e4',"
  "  notes          TEXT    NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE challenges ("
  "  id               INTEGER PRIMARY KEY,"
  "  created_at       INTEGER NOT NULL,"
  "  updated_at       INTEGER NOT NULL,"
  "  campaign_id      INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,"
  "  hashtag          TEXT    NOT NULL,"
  "  hashtag_key      TEXT    NOT NULL,"
  "  title            TEXT    NOT NULL DEFAULT '',"
  "  brief            TEXT    NOT NULL DEFAULT '',"
  "  call_to_action   TEXT    NOT NULL DEFAULT '',"
  "  rules            TEXT    NOT NULL DEFAULT '',"
  "  sound_notes      TEXT    NOT NULL DEFAULT '',"
  "  start_date       INTEGER NOT NULL DEFAULT 0,"
  "  end_date         INTEGER NOT NULL DEFAULT 0,"
  "  goal_videos      INTEGER NOT NULL DEFAULT 0,"
  "  goal_views       INTEGER NOT NULL DEFAULT 0,"
  "  regions          TEXT    NOT NULL DEFAULT '',"
  "  pledge_per_video INTEGER NOT NULL DEFAULT 0,"
  "  pledge_cap       INTEGER NOT NULL DEFAULT 0,"
  "  currency         TEXT    NOT NULL DEFAULT 'USD',"
  "  sponsor          TEXT    NOT NULL DEFAULT '',"
  "  status           INTEGER NOT NULL DEFAULT 0,"
  "  audience         INTEGER NOT NULL DEFAULT 1,"
  "  consent_wording  TEXT    NOT NULL DEFAULT '',"
  "  no_personal_data INTEGER NOT NULL DEFAULT 0,"
  "  moderation_plan  TEXT    NOT NULL DEFAULT '',"
  "  reporting_route  TEXT    NOT NULL DEFAULT ''"
  ");"
  "CREATE UNIQUE INDEX challenges_hashtag_key ON challenges (hashtag_key);"
  "CREATE INDEX challenges_campaign ON challenges (campaign_id);"
  "CREATE TABLE planned_posts ("
  "  id           INTEGER PRIMARY KEY,"
  "  created_at   INTEGER NOT NULL,"
  "  updated_at   INTEGER NOT NULL,"
  "  scheduled_at INTEGER NOT NULL,"
  "  channel      TEXT    NOT NULL DEFAULT '',"
  "  caption      TEXT    NOT NULL DEFAULT '',"
  "  status       INTEGER NOT NULL DEFAULT 0,"
  "  challenge_id INTEGER REFERENCES challenges (id) ON DELETE SET NULL,"
  "  campaign_id  INTEGER REFERENCES campaigns (id) ON DELETE SET NULL"
  ");"
  "CREATE INDEX planned_posts_time ON planned_posts (scheduled_at);"
  "CREATE TABLE videos ("
  "  id           INTEGER PRIMARY KEY,"
  "  created_at   INTEGER NOT NULL,"
  "  updated_at   INTEGER NOT NULL,"
  "  challenge_id INTEGER NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,"
  "  tiktok_id    INTEGER NOT NULL,"
  "  creator      TEXT    NOT NULL DEFAULT '',"
  "  region       TEXT    NOT NULL DEFAULT '',"
  "  posted_at    INTEGER NOT NULL DEFAULT 0,"
  "  description  TEXT    NOT NULL DEFAULT '',"
  "  views        INTEGER NOT NULL DEFAULT 0,"
  "  likes        INTEGER NOT NULL DEFAULT 0,"
  "  comments     INTEGER NOT NULL DEFAULT 0,"
  "  shares       INTEGER NOT NULL DEFAULT 0,"
  "  origin       INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (challenge_id, tiktok_id)"
  ");"
  "CREATE INDEX videos_views ON videos (challenge_id, views DESC);"
  "CREATE INDEX videos_likes ON videos (challenge_id, likes DESC);"
  "CREATE INDEX videos_posted ON videos (challenge_id, posted_at, views, likes, comments, shares);"
  "CREATE TABLE snapshots ("
  "  id           INTEGER PRIMARY KEY,"
  "  created_at   INTEGER NOT NULL,"
  "  updated_at   INTEGER NOT NULL,"
  "  challenge_id INTEGER REFERENCES challenges (id) ON DELETE CASCADE,"
  "  taken_at     INTEGER NOT NULL,"
  "  videos       INTEGER NOT NULL DEFAULT 0,"
  "  views        INTEGER NOT NULL DEFAULT 0,"
  "  likes        INTEGER NOT NULL DEFAULT 0,"
  "  comments     INTEGER NOT NULL DEFAULT 0,"
  "  shares       INTEGER NOT NULL DEFAULT 0,"
  "  creators     INTEGER NOT NULL DEFAULT 0,"
  "  source       INTEGER NOT NULL DEFAULT 3,"
  "  fetched_at   INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX snapshots_time ON snapshots (challenge_id, taken_at);",

  /* 2: soft delete (undo), hashtags unique among live challenges only, creators and
   *    shares indexed for totals and sorting */
  "ALTER TABLE campaigns ADD COLUMN deleted_at INTEGER;"
  "ALTER TABLE challenges ADD COLUMN deleted_at INTEGER;"
  "ALTER TABLE challenges ADD COLUMN deleted_with INTEGER;"
  "ALTER TABLE planned_posts ADD COLUMN deleted_at INTEGER;"
  "ALTER TABLE planned_posts ADD COLUMN deleted_with INTEGER;"
  "DROP INDEX challenges_hashtag_key;"
  "CREATE UNIQUE INDEX challenges_hashtag_key ON challenges (hashtag_key) WHERE deleted_at IS NULL;"
  "CREATE INDEX videos_creator ON videos (challenge_id, creator);"
  "CREATE INDEX videos_shares ON videos (challenge_id, shares DESC);",

  /* 3: per-day and per-creator roll-ups of the videos, kept by triggers, so that totals
   *    and daily series read a few hundred rows instead of every video */
  ROLLUP_TABLES
  CREATE_INSERT_TRIGGER
  "CREATE TRIGGER videos_rollup_delete AFTER DELETE ON videos BEGIN "
  REMOVE_VIDEO ("OLD")
  "END;"
  "CREATE TRIGGER videos_rollup_update"
  "  AFTER UPDATE OF challenge_id, creator, posted_at, views, likes, comments, shares ON videos BEGIN "
  REMOVE_VIDEO ("OLD")
  ADD_VIDEO ("NEW")
  "END;",

  /* 4: sync bookkeeping: how far each query window got (resume after a crash), and the
   *    Research API requests and records spent per UTC day */
  "CREATE TABLE sync_position ("
  "  challenge_id INTEGER NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,"
  "  window_start INTEGER NOT NULL,"
  "  window_end   INTEGER NOT NULL,"
  "  cursor       INTEGER NOT NULL DEFAULT 0,"
  "  search_id    TEXT,"
  "  done         INTEGER NOT NULL DEFAULT 0,"
  "  updated_at   INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (challenge_id, window_start, window_end)"
  ");"
  "CREATE TABLE quota ("
  "  day      INTEGER PRIMARY KEY,"
  "  requests INTEGER NOT NULL DEFAULT 0,"
  "  records  INTEGER NOT NULL DEFAULT 0"
  ");",

  /* 5: snapshots of a campaign (TikTok Studio overview imports): campaign_id set and
   *    challenge_id NULL; the account's own snapshots have both NULL */
  "ALTER TABLE snapshots ADD COLUMN campaign_id INTEGER REFERENCES campaigns (id) ON DELETE CASCADE;"
  "CREATE INDEX snapshots_campaign ON snapshots (campaign_id, taken_at);",

  /* 6: the charity's own TikTok account (Display API): its profile figures, its public
   *    videos, and how far the video list got (a killed sync resumes from the cursor) */
  "CREATE TABLE account ("
  "  open_id      TEXT    PRIMARY KEY,"
  "  username     TEXT    NOT NULL DEFAULT '',"
  "  display_name TEXT    NOT NULL DEFAULT '',"
  "  followers    INTEGER NOT NULL DEFAULT -1,"
  "  following    INTEGER NOT NULL DEFAULT -1,"
  "  likes        INTEGER NOT NULL DEFAULT -1,"
  "  videos       INTEGER NOT NULL DEFAULT -1,"
  "  list_cursor  INTEGER NOT NULL DEFAULT 0,"
  "  list_done    INTEGER NOT NULL DEFAULT 1,"
  "  fetched_at   INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE account_videos ("
  "  open_id      TEXT    NOT NULL REFERENCES account (open_id) ON DELETE CASCADE,"
  "  tiktok_id    INTEGER NOT NULL,"
  "  posted_at    INTEGER NOT NULL DEFAULT 0,"
  "  title        TEXT    NOT NULL DEFAULT '',"
  "  share_url    TEXT    NOT NULL DEFAULT '',"
  "  views        INTEGER NOT NULL DEFAULT 0,"
  "  likes        INTEGER NOT NULL DEFAULT 0,"
  "  comments     INTEGER NOT NULL DEFAULT 0,"
  "  shares       INTEGER NOT NULL DEFAULT 0,"
  "  first_seen   INTEGER NOT NULL,"
  "  updated_at   INTEGER NOT NULL,"
  "  PRIMARY KEY (open_id, tiktok_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX account_videos_posted ON account_videos (open_id, posted_at DESC);",

  /* 7: the TikTok Studio overview's other figures: profile views (a running total,
   *    like views) and followers (the count on the snapshot's day; -1 when unknown) */
  "ALTER TABLE snapshots ADD COLUMN profile_views INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE snapshots ADD COLUMN followers INTEGER NOT NULL DEFAULT -1;",

  /* 8: no index per counter: videos arrive in no order of views, likes or shares, so
   *    each of these indexes made every page of a sync rewrite pages all over it. One
   *    challenge's videos sort by a counter from videos_posted, which holds all four
   *    (a scan of the challenge's entries and a top-N sort, as comments always did) */
  "DROP INDEX videos_views;"
  "DROP INDEX videos_likes;"
  "DROP INDEX videos_shares;",

  /* 9: the per-creator roll-up of a challenge being synced is rebuilt once when its
   *    sync ends (rally_store_settle_rollups()), not row by row: creators come in no
   *    order, so every page of a sync rewrote pages all over video_creators. A
   *    challenge in rollup_pending has its creators counted later; the per-day
   *    roll-up (a few pages) stays row by row */
  ROLLUP_PENDING_TABLE
  "DROP TRIGGER videos_rollup_insert;"
  "DROP TRIGGER videos_rollup_update;"
  "CREATE TRIGGER videos_rollup_insert AFTER INSERT ON videos BEGIN "
  ADD_DAY ("NEW")
  "END;"
  "CREATE TRIGGER videos_creators_insert AFTER INSERT ON videos"
  "  WHEN NEW.creator <> '' AND NOT EXISTS (SELECT 1 FROM rollup_pending WHERE challenge_id = NEW.challenge_id)"
  "  BEGIN "
  ADD_CREATOR ("NEW")
  "END;"
  "CREATE TRIGGER videos_rollup_update"
  "  AFTER UPDATE OF challenge_id, posted_at, views, likes, comments, shares ON videos BEGIN "
  REMOVE_DAY ("OLD")
  ADD_DAY ("NEW")
  "END;"
  "CREATE TRIGGER videos_creators_update AFTER UPDATE OF challenge_id, creator ON videos"
  "  WHEN (OLD.creator IS NOT NEW.creator OR OLD.challenge_id IS NOT NEW.challenge_id)"
  "   AND NOT EXISTS (SELECT 1 FROM rollup_pending WHERE challenge_id IN (OLD.challenge_id, NEW.challenge_id))"
  "  BEGIN "
  REMOVE_CREATOR ("OLD")
  ADD_CREATOR ("NEW")
  "END;",

  /* 10: facts about the workspace itself: its generation, raised whenever the whole
   *     workspace is replaced, so that a sync (or a window) can tell its ids are gone */
  "CREATE TABLE meta ("
  "  name  TEXT    PRIMARY KEY,"
  "  value INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "INSERT INTO meta (name, value) VALUES ('generation', 1);",

  /* 11: events on the timeline of a challenge or a campaign (one owner each, gone with
   *     it); a challenge's partner roster (usernames joined by ","), whose videos are
   *     seeded (origin partner) unless someone set their origin by hand (origin_manual,
   *     which every origin set before this step was); seeded videos indexed apart, so
   *     the organic/seeded split reads only them besides the roll-ups */
  EVENTS_AND_ROSTER
  "CREATE TRIGGER videos_origin_insert AFTER INSERT ON videos"
  "  WHEN NEW.origin = 0 AND NEW.origin_manual = 0 AND NEW.creator <> ''"
  "   AND EXISTS (SELECT 1 FROM challenges WHERE id = NEW.challenge_id AND partners <> ''"
  "               AND " IN_ROSTER ("NEW.creator", "partners") ")"
  "  BEGIN UPDATE videos SET origin = 1 WHERE id = NEW.id; END;"
  "CREATE TRIGGER videos_origin_creator AFTER UPDATE OF creator ON videos"
  "  WHEN NEW.origin_manual = 0 AND OLD.creator IS NOT NEW.creator"
  "  BEGIN UPDATE videos SET origin = "
  ROSTER_ORIGIN ("NEW.creator", "(SELECT partners FROM challenges WHERE id = NEW.challenge_id)")
  " WHERE id = NEW.id; END;",

  /* 12: a sync adds up the days of each page it writes in one statement a day, after
   *     the page's rows (rally-store-sync.c), instead of a trigger run per row, which
   *     was over a third of the CPU of a sync of 90,000 videos. While a write has its
   *     challenge in rollup_paused the day triggers leave it alone, unless a row moves
   *     to another day or challenge (the write counts only the days of its rows) */
  ROLLUP_PAUSED_TABLE
  "DROP TRIGGER videos_rollup_insert;"
  "DROP TRIGGER videos_rollup_update;"
  "CREATE TRIGGER videos_rollup_insert AFTER INSERT ON videos"
  "  WHEN " NOT_PAUSED ("NEW.challenge_id") " BEGIN "
  ADD_DAY ("NEW")
  "END;"
  "CREATE TRIGGER videos_rollup_update " ROLLUP_DAY_UPDATE_OF " ON videos"
  "  WHEN " NOT_PAUSED_OR_MOVED " BEGIN "
  REMOVE_DAY ("OLD")
  ADD_DAY ("NEW")
  "END;",

  /* 13: record versions: every save of a campaign, challenge, planned post or event
   *     raises row_version and says who saved it (changed_by; updated_at says when); a
   *     save names the version it was loaded at, so one over a newer version is refused
   *     instead of overwriting it (rally_store_save_campaign() and the others) */
  RECORD_VERSIONS,

  /* 14: on PostgreSQL only (see rally_store_migrations_pg): SQLite keeps the sync's
   *     write speed of step 8 */
  "",

  /* 15: on PostgreSQL only, as step 14: SQLite reads the videos as before (row
   *     triggers keeping each creator's first day would bring back the writes all over
   *     the file that step 9 took out of its sync) */
  "",

  /* 16: on PostgreSQL only, as step 14 (the insert trigger it makes cheaper) */
  "",

  /* 17: on PostgreSQL only, as step 15 (the roll-ups it leaves to a sync's settle) */
  "",

  /* 18: on PostgreSQL only, as step 14 (its delete trigger, per statement) and 15 (an
   *     index of its creator_firsts) */
  "",

  /* 19: on PostgreSQL only, as step 15 (when its creators' first days are counted
   *     again after a challenge is deleted or brought back) */
  "",
};

/* The same steps on PostgreSQL, where they differ; NULL where SQLite's text serves.
 * Every step's text goes through rally_db_dialect_translate_ddl() (INTEGER is BIGINT,
 * an id is an identity column). What differs is the triggers: PostgreSQL's run a
 * PL/pgSQL function, their WHEN may hold no subquery (it moves into the function), IS
 * NOT is IS DISTINCT FROM, and DROP TRIGGER names the table. The triggers must do what
 * SQLite's beside them do. */
#define PG_TRIGGER(name, event, when, body) \
  "CREATE OR REPLACE FUNCTION " name " () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " \
  body " RETURN NULL; END $$;" \
  "CREATE TRIGGER " name " " event " ON videos FOR EACH ROW " when " EXECUTE FUNCTION " name " ();"

#define PG_CHANGED_BY(table) \
  "CREATE TRIGGER " table "_changed_by BEFORE INSERT OR UPDATE ON " table \
  " FOR EACH ROW EXECUTE FUNCTION rally_changed_by ();"

/* Step 15. A creator is known by lower (creator), as the overview counts them; a
 * video counts from its posting day when it has one (posted_at > 0).
 * - creator_firsts: each challenge's creators and the day of their first video there
 *   (a video deleted or moved on that day has it counted again from the videos, by
 *   videos_creator_key);
 * - creator_first_days: each creator's first day over the challenges not deleted,
 *   and new_creator_days the number of creators first seen on each day, both kept by
 *   the statement triggers of creator_firsts and by a challenge's deletion or undo
 *   (since schema 19, at the next read: CREATOR_DAYS_SETTLED_ON_READ);
 * - video_rate_buckets: the number of a challenge's videos with views in each bucket
 *   of engagement rate (RALLY_STORE_VIDEO_RATE_BUCKET), so that the median is read
 *   from the one bucket that holds it. */
#define CREATOR_KEY(row) "lower (" row "creator)"
#define HAS_FIRST(row) "(" row "creator <> '' AND " row "posted_at > 0)"
#define FIRST_DAY(row) DAY_OF (row "posted_at")

#define CREATOR_FIRSTS_TABLES \
  "CREATE TABLE creator_firsts (" \
  "  challenge_id INTEGER NOT NULL REFERENCES challenges (id) ON DELETE CASCADE," \
  "  creator_key  TEXT    NOT NULL," \
  "  first_day    INTEGER NOT NULL," \
  "  PRIMARY KEY (challenge_id, creator_key)" \
  ");" \
  "CREATE TABLE creator_first_days (" \
  "  creator_key  TEXT    PRIMARY KEY," \
  "  day          INTEGER NOT NULL" \
  ");" \
  "CREATE TABLE new_creator_days (" \
  "  day          INTEGER PRIMARY KEY," \
  "  creators     INTEGER NOT NULL" \
  ");"

#define RATE_BUCKETS_TABLE \
  "CREATE TABLE video_rate_buckets (" \
  "  challenge_id INTEGER NOT NULL REFERENCES challenges (id) ON DELETE CASCADE," \
  "  bucket       DOUBLE PRECISION NOT NULL," \
  "  videos       INTEGER NOT NULL," \
  "  PRIMARY KEY (challenge_id, bucket)" \
  ");"

#define FILL_CREATOR_FIRSTS \
  "INSERT INTO creator_firsts (challenge_id, creator_key, first_day)" \
  "  SELECT challenge_id, " CREATOR_KEY ("") ", min (" FIRST_DAY ("") ") FROM videos" \
  "  WHERE " HAS_FIRST ("") " GROUP BY 1, 2;" \
  "INSERT INTO creator_first_days (creator_key, day)" \
  "  SELECT f.creator_key, min (f.first_day) FROM creator_firsts f JOIN challenges c ON c.id = f.challenge_id" \
  "  WHERE c.deleted_at IS NULL GROUP BY 1;" \
  "INSERT INTO new_creator_days (day, creators) SELECT day, count(*) FROM creator_first_days GROUP BY 1;"
#define FILL_RATE_BUCKETS \
  "INSERT INTO video_rate_buckets (challenge_id, bucket, videos)" \
  "  SELECT challenge_id, " RALLY_STORE_VIDEO_RATE_BUCKET ", count(*) FROM videos WHERE views > 0 GROUP BY 1, 2;"
/* scale_rollups_fill () counts them all again from the videos, with the triggers of
 * creator_firsts off (this step, a bench's copy) */
#define FILL_SCALE_ROLLUPS \
  "CREATE FUNCTION scale_rollups_fill () RETURNS void LANGUAGE sql AS $$" \
  " DELETE FROM new_creator_days; DELETE FROM creator_first_days; DELETE FROM creator_firsts;" \
  " DELETE FROM video_rate_buckets;" \
  FILL_CREATOR_FIRSTS FILL_RATE_BUCKETS \
  " $$;" \
  "SELECT scale_rollups_fill ();"

/* creator_first_days and new_creator_days follow creator_firsts: each creator of KEYS
 * gets the first day of DAYS beside it (NULL: none), and each day's count moves with
 * it. Rows added to creator_firsts can only bring a creator's first day earlier;
 * others have it looked up again over the challenges not deleted (a few, each by
 * its primary key). */
/* The first days of creator_firsts' rows TOUCHED that are earlier than their
 * creator's first day (rows added, or moved earlier: a row moved later can only make
 * it later, which is looked up again) */
#define EARLIER_FIRSTS \
  "PERFORM creator_first_days_set (array_agg (k), array_agg (d)) FROM (SELECT t.creator_key AS k, min (t.first_day) AS d" \
  " FROM touched t WHERE EXISTS (SELECT 1 FROM challenges c WHERE c.id = t.challenge_id AND c.deleted_at IS NULL)" \
  " GROUP BY t.creator_key) AS x" \
  " WHERE x.d < coalesce ((SELECT w.day FROM creator_first_days w WHERE w.creator_key = x.k), 9223372036854775807)" \
  " HAVING count(*) > 0;"
/* creator_first_days_set ()'s statement after its GIVEN (each creator's day before and
 * after): the days that moved, kept or deleted, and new_creator_days counted again */
#define FIRST_DAYS_MOVED \
  " moved AS (SELECT * FROM given WHERE old_day IS DISTINCT FROM new_day)," \
  " kept AS (INSERT INTO creator_first_days (creator_key, day)" \
  "   SELECT creator_key, new_day FROM moved WHERE new_day IS NOT NULL" \
  "   ON CONFLICT (creator_key) DO UPDATE SET day = excluded.day)," \
  " gone AS (DELETE FROM creator_first_days d USING moved m" \
  "   WHERE d.creator_key = m.creator_key AND m.new_day IS NULL)" \
  " INSERT INTO new_creator_days (day, creators)" \
  "   SELECT day, sum (n) FROM (SELECT old_day AS day, -1 AS n FROM moved WHERE old_day IS NOT NULL" \
  "                             UNION ALL SELECT new_day, 1 FROM moved WHERE new_day IS NOT NULL) AS deltas" \
  "   GROUP BY day HAVING sum (n) <> 0" \
  "   ON CONFLICT (day) DO UPDATE SET creators = new_creator_days.creators + excluded.creators;" \
  " END $$;"
#define CREATOR_FIRSTS_TRIGGERS \
  "CREATE FUNCTION creator_first_days_set (keys TEXT[], days BIGINT[]) RETURNS void LANGUAGE plpgsql AS $$ BEGIN" \
  " WITH given AS (" \
  "   SELECT g.creator_key, (SELECT d.day FROM creator_first_days d WHERE d.creator_key = g.creator_key) AS old_day," \
  "   g.new_day FROM unnest (keys, days) AS g (creator_key, new_day))," \
  FIRST_DAYS_MOVED \
  "CREATE FUNCTION creator_first_days_recount (keys TEXT[]) RETURNS void LANGUAGE plpgsql AS $$ BEGIN" \
  " PERFORM creator_first_days_set (array_agg (k), array_agg (d)) FROM (SELECT u.k, (SELECT min (f.first_day)" \
  "   FROM challenges c JOIN creator_firsts f ON f.challenge_id = c.id AND f.creator_key = u.k" \
  "   WHERE c.deleted_at IS NULL) AS d FROM (SELECT DISTINCT unnest (keys) AS k) u) AS x HAVING count(*) > 0;" \
  " END $$;" \
  "CREATE FUNCTION creator_firsts_added () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " \
  EARLIER_FIRSTS \
  " RETURN NULL; END $$;" \
  "CREATE TRIGGER creator_firsts_added AFTER INSERT ON creator_firsts REFERENCING NEW TABLE AS touched" \
  "  FOR EACH STATEMENT EXECUTE FUNCTION creator_firsts_added ();" \
  "CREATE FUNCTION creator_firsts_changed () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " \
  EARLIER_FIRSTS \
  "IF EXISTS (SELECT 1 FROM touched t JOIN before_rows b ON b.challenge_id = t.challenge_id" \
  "           AND b.creator_key = t.creator_key WHERE t.first_day > b.first_day) THEN" \
  " PERFORM creator_first_days_recount (ARRAY (SELECT t.creator_key FROM touched t JOIN before_rows b" \
  " ON b.challenge_id = t.challenge_id AND b.creator_key = t.creator_key WHERE t.first_day > b.first_day));" \
  " END IF;" \
  " RETURN NULL; END $$;" \
  "CREATE TRIGGER creator_firsts_changed AFTER UPDATE ON creator_firsts" \
  "  REFERENCING OLD TABLE AS before_rows NEW TABLE AS touched" \
  "  FOR EACH STATEMENT EXECUTE FUNCTION creator_firsts_changed ();" \
  CREATOR_FIRSTS_TRIGGER ("removed", "DELETE", "OLD") \
  "CREATE FUNCTION challenges_creator_firsts () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " \
  "PERFORM creator_first_days_recount (ARRAY (SELECT creator_key FROM creator_firsts WHERE challenge_id = NEW.id));" \
  " RETURN NULL; END $$;" \
  "CREATE TRIGGER challenges_creator_firsts AFTER UPDATE OF deleted_at ON challenges FOR EACH ROW" \
  "  WHEN ((OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)) EXECUTE FUNCTION challenges_creator_firsts ();"
#define CREATOR_FIRSTS_TRIGGER(what, event, table) \
  "CREATE FUNCTION creator_firsts_" what " () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " \
  "IF EXISTS (SELECT 1 FROM touched) THEN" \
  " PERFORM creator_first_days_recount (ARRAY (SELECT creator_key FROM touched)); END IF;" \
  " RETURN NULL; END $$;" \
  "CREATE TRIGGER creator_firsts_" what " AFTER " event " ON creator_firsts REFERENCING " table " TABLE AS touched" \
  "  FOR EACH STATEMENT EXECUTE FUNCTION creator_firsts_" what " ();"

/* The buckets of the videos with views among ROWS (a transition table), counted N
 * (1 or -1) each */
#define RATE_BUCKETS_OF(rows, n) \
  "SELECT challenge_id, " RALLY_STORE_VIDEO_RATE_BUCKET " AS bucket, " n " AS n FROM " rows " WHERE views > 0"
/* The triggers of the videos: statement triggers for inserts (a sync's pages) and
 * deletes (a challenge's cascade; the buckets and firsts of a challenge gone go with
 * it); the update trigger compares the rows before and after by id. A creator's first
 * day in a challenge is counted again only when a video on that day leaves it. */
#define RECOUNT_FIRSTS(gone) \
  "PERFORM creator_firsts_recount (g.challenge_id, g.creator_key) FROM (SELECT DISTINCT r.challenge_id," \
  " " CREATOR_KEY ("r.") " AS creator_key FROM " gone " r WHERE " HAS_FIRST ("r.") \
  " AND EXISTS (SELECT 1 FROM challenges c WHERE c.id = r.challenge_id)" \
  " AND (SELECT f.first_day FROM creator_firsts f WHERE f.challenge_id = r.challenge_id" \
  "      AND f.creator_key = " CREATOR_KEY ("r.") ") = " FIRST_DAY ("r.") ") g;"
#define ADD_FIRSTS(rows) \
  "INSERT INTO creator_firsts (challenge_id, creator_key, first_day)" \
  " SELECT challenge_id, " CREATOR_KEY ("") ", min (" FIRST_DAY ("") ") FROM " rows " WHERE " HAS_FIRST ("") \
  " GROUP BY 1, 2 ON CONFLICT (challenge_id, creator_key) DO UPDATE SET first_day = excluded.first_day" \
  " WHERE excluded.first_day < creator_firsts.first_day;"
#define ADD_RATE_BUCKETS(deltas) \
  "INSERT INTO video_rate_buckets (challenge_id, bucket, videos)" \
  " SELECT challenge_id, bucket, sum (n) FROM (" deltas ") AS b GROUP BY 1, 2 HAVING sum (n) <> 0" \
  " ON CONFLICT (challenge_id, bucket) DO UPDATE SET videos = video_rate_buckets.videos + excluded.videos;"
/* the rows of an update whose creator, challenge or posting time changed */
#define MOVED(side) \
  "(SELECT " side ".* FROM old_rows o JOIN new_rows n ON n.id = o.id" \
  " WHERE o.challenge_id <> n.challenge_id OR o.creator <> n.creator OR o.posted_at <> n.posted_at)"
#define VIDEOS_SCALE_TRIGGERS \
  "CREATE FUNCTION creator_firsts_recount (ch BIGINT, k TEXT) RETURNS void LANGUAGE plpgsql AS $$" \
  " DECLARE d BIGINT; BEGIN" \
  " SELECT min (" FIRST_DAY ("") ") INTO d FROM videos" \
  "  WHERE challenge_id = ch AND " CREATOR_KEY ("") " = k AND " HAS_FIRST ("") ";" \
  " IF d IS NULL THEN DELETE FROM creator_firsts WHERE challenge_id = ch AND creator_key = k;" \
  " ELSE UPDATE creator_firsts SET first_day = d WHERE challenge_id = ch AND creator_key = k AND first_day <> d;" \
  " END IF; END $$;" \
  "CREATE FUNCTION videos_scale_added () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " \
  ADD_FIRSTS ("added") \
  ADD_RATE_BUCKETS (RATE_BUCKETS_OF ("added", "1")) \
  " RETURN NULL; END $$;" \
  "CREATE TRIGGER videos_scale_added AFTER INSERT ON videos REFERENCING NEW TABLE AS added" \
  "  FOR EACH STATEMENT EXECUTE FUNCTION videos_scale_added ();" \
  "CREATE FUNCTION videos_scale_removed () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " \
  "UPDATE video_rate_buckets b SET videos = b.videos - r.n FROM (SELECT challenge_id, bucket, count(*) AS n" \
  " FROM (" RATE_BUCKETS_OF ("removed", "1") ") AS o GROUP BY 1, 2) r" \
  " WHERE b.challenge_id = r.challenge_id AND b.bucket = r.bucket;" \
  RECOUNT_FIRSTS ("removed") \
  " RETURN NULL; END $$;" \
  "CREATE TRIGGER videos_scale_removed AFTER DELETE ON videos REFERENCING OLD TABLE AS removed" \
  "  FOR EACH STATEMENT EXECUTE FUNCTION videos_scale_removed ();" \
  "CREATE FUNCTION videos_scale_changed () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " \
  "IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;" \
  ADD_RATE_BUCKETS (RATE_BUCKETS_OF ("old_rows", "-1") " UNION ALL " RATE_BUCKETS_OF ("new_rows", "1")) \
  "IF EXISTS " MOVED ("n") " THEN " \
  ADD_FIRSTS (MOVED ("n") " AS moved") \
  RECOUNT_FIRSTS (MOVED ("o")) \
  " END IF;" \
  " RETURN NULL; END $$;" \
  "CREATE TRIGGER videos_scale_changed AFTER UPDATE ON videos REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows" \
  "  FOR EACH STATEMENT EXECUTE FUNCTION videos_scale_changed ();"

/* Step 14's insert trigger: the days of the rows ADDED (not paused), their creators
 * (not pending) and their origin (on the roster of their challenge) */
#define ADDED_DAYS \
  "INSERT INTO video_days (challenge_id, day, videos, views, likes, comments, shares)" \
  " SELECT challenge_id, " DAY_OF ("posted_at") ", count(*), sum(views), sum(likes), sum(comments), sum(shares)" \
  " FROM added WHERE " NOT_PAUSED ("added.challenge_id") " GROUP BY 1, 2" \
  " ON CONFLICT (challenge_id, day) DO UPDATE SET videos = video_days.videos + excluded.videos," \
  " views = video_days.views + excluded.views, likes = video_days.likes + excluded.likes," \
  " comments = video_days.comments + excluded.comments, shares = video_days.shares + excluded.shares;"
#define ADDED_CREATORS \
  "INSERT INTO video_creators (challenge_id, creator, videos)" \
  " SELECT challenge_id, creator, count(*) FROM added a WHERE creator <> ''" \
  " AND NOT EXISTS (SELECT 1 FROM rollup_pending p WHERE p.challenge_id = a.challenge_id) GROUP BY 1, 2" \
  " ON CONFLICT (challenge_id, creator) DO UPDATE SET videos = video_creators.videos + excluded.videos;"
#define ADDED_ORIGINS \
  "UPDATE videos SET origin = 1 FROM added a JOIN challenges c ON c.id = a.challenge_id" \
  " WHERE videos.id = a.id AND a.origin = 0 AND a.origin_manual = 0 AND a.creator <> '' AND c.partners <> ''" \
  " AND " IN_ROSTER ("a.creator", "c.partners") ";"

/* Step 16: the same, each statement left out when the rows are all of one challenge
 * (as a sync's are) for which it would do nothing: paused, pending, without a
 * roster. Each test is one lookup a statement instead of one a row (a sync's
 * upserts of 128 rows ran 384 of them: in a sync of 20,000 videos the trigger's
 * time fell from 80–140 ms to about 25 ms of the server's 1.3–1.9 s). */
#define ADDED_ONE_CHALLENGE(test, statement) \
  "IF ch IS NULL OR NOT EXISTS (" test ") THEN " statement " END IF;"
#define VIDEOS_ADDED_BY_STATEMENT VIDEOS_ADDED_BY_STATEMENT_AFTER ("")
#define VIDEOS_ADDED_BY_STATEMENT_AFTER(prologue) \
  "CREATE OR REPLACE FUNCTION videos_added () RETURNS trigger LANGUAGE plpgsql AS $$" \
  " DECLARE lo BIGINT; hi BIGINT; ch BIGINT; BEGIN" \
  prologue \
  " SELECT min (challenge_id), max (challenge_id) INTO lo, hi FROM added;" \
  " IF lo IS NULL THEN RETURN NULL; END IF;" \
  " IF lo = hi THEN ch := lo; END IF;" \
  ADDED_ONE_CHALLENGE ("SELECT 1 FROM rollup_paused WHERE challenge_id = ch", ADDED_DAYS) \
  ADDED_ONE_CHALLENGE ("SELECT 1 FROM rollup_pending WHERE challenge_id = ch", ADDED_CREATORS) \
  ADDED_ONE_CHALLENGE ("SELECT 1 FROM challenges WHERE id = ch AND partners = ''", ADDED_ORIGINS) \
  " RETURN NULL; END $$;"

/* Step 17: the rows of ADDED whose challenge is not in rollup_pending */
#define ADDED_NOT_PENDING \
  "(SELECT * FROM added a WHERE NOT EXISTS (SELECT 1 FROM rollup_pending p WHERE p.challenge_id = a.challenge_id))" \
  " AS kept"
/* Step 17: step 15's insert trigger leaves the videos of a challenge in rollup_pending
 * (a sync's, until it settles) to rally_store_settle_scale_sql_pg, which counts each
 * creator's first day and the rate buckets of the challenge once, from its videos,
 * instead of at every statement of the sync: in a first sync of 60,000 videos the
 * trigger took about 1 s of the server's 3.5 s. A statement of one challenge (a
 * sync's) looks it up once. */
#define VIDEOS_SCALE_ADDED_UNLESS_PENDING VIDEOS_SCALE_ADDED_UNLESS_PENDING_AFTER ("")
#define VIDEOS_SCALE_ADDED_UNLESS_PENDING_AFTER(prologue) \
  "CREATE OR REPLACE FUNCTION videos_scale_added () RETURNS trigger LANGUAGE plpgsql AS $$" \
  " DECLARE lo BIGINT; hi BIGINT; BEGIN" \
  prologue \
  " SELECT min (challenge_id), max (challenge_id) INTO lo, hi FROM added;" \
  " IF lo IS NULL THEN RETURN NULL; END IF;" \
  " IF lo = hi THEN" \
  "  IF EXISTS (SELECT 1 FROM rollup_pending WHERE challenge_id = lo) THEN RETURN NULL; END IF;" \
  ADD_FIRSTS ("added") \
  ADD_RATE_BUCKETS (RATE_BUCKETS_OF ("added", "1")) \
  " ELSE " \
  ADD_FIRSTS (ADDED_NOT_PENDING) \
  ADD_RATE_BUCKETS (RATE_BUCKETS_OF (ADDED_NOT_PENDING, "1")) \
  " END IF;" \
  " RETURN NULL; END $$;"

/* Step 18: the rows a statement deleted leave the roll-ups by group, as step 14 made
 * inserts add them, instead of four statements of PL/pgSQL per video; and a
 * statement whose rows all belonged to a challenge gone (a purge, whose cascade
 * deletes all its videos: their roll-ups go with it by ON DELETE CASCADE) leaves them
 * alone. Purging a challenge of 60,000 videos took 2.7 s, 1.8 s of it in the row
 * trigger. A day's or a creator's row is deleted when its count falls to zero or
 * below, as the row trigger deleted it at the video that took it there. */
#define UNLESS_ALL_GONE \
  "IF NOT EXISTS (SELECT 1 FROM removed r JOIN challenges c ON c.id = r.challenge_id) THEN RETURN NULL; END IF;"
#define VIDEOS_REMOVED_BY_STATEMENT \
  "DROP TRIGGER IF EXISTS videos_rollup_delete ON videos;" \
  "DROP FUNCTION IF EXISTS videos_rollup_delete ();" \
  "CREATE OR REPLACE FUNCTION videos_removed () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " \
  UNLESS_ALL_GONE \
  "UPDATE video_days d SET videos = d.videos - g.videos, views = d.views - g.views, likes = d.likes - g.likes," \
  " comments = d.comments - g.comments, shares = d.shares - g.shares" \
  " FROM (SELECT challenge_id, " DAY_OF ("posted_at") " AS day, count(*) AS videos, sum (views) AS views," \
  " sum (likes) AS likes, sum (comments) AS comments, sum (shares) AS shares FROM removed GROUP BY 1, 2) g" \
  " WHERE d.challenge_id = g.challenge_id AND d.day = g.day;" \
  "DELETE FROM video_days d USING (SELECT DISTINCT challenge_id, " DAY_OF ("posted_at") " AS day FROM removed) g" \
  " WHERE d.challenge_id = g.challenge_id AND d.day = g.day AND d.videos <= 0;" \
  "UPDATE video_creators v SET videos = v.videos - g.videos" \
  " FROM (SELECT challenge_id, creator, count(*) AS videos FROM removed GROUP BY 1, 2) g" \
  " WHERE v.challenge_id = g.challenge_id AND v.creator = g.creator;" \
  "DELETE FROM video_creators v USING (SELECT DISTINCT challenge_id, creator FROM removed) g" \
  " WHERE v.challenge_id = g.challenge_id AND v.creator = g.creator AND v.videos <= 0;" \
  " RETURN NULL; END $$;" \
  "DROP TRIGGER IF EXISTS videos_removed ON videos;" \
  "CREATE TRIGGER videos_removed AFTER DELETE ON videos REFERENCING OLD TABLE AS removed" \
  "  FOR EACH STATEMENT EXECUTE FUNCTION videos_removed ();"
/* …the same for step 15's rate buckets and first days (whose recount looked up
 * every video's creator before finding its challenge gone: 0.29 s of the purge);
 * and a row of creator_firsts deleted has its creator's first day looked up again
 * only when it was that day (a later one never was; nor, until schema 19, one of a
 * deleted challenge, whose days now wait for the next read: comparing the days is
 * still right then) */
#define SCALE_REMOVED_UNLESS_GONE \
  "CREATE OR REPLACE FUNCTION videos_scale_removed () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " \
  UNLESS_ALL_GONE \
  "UPDATE video_rate_buckets b SET videos = b.videos - r.n FROM (SELECT challenge_id, bucket, count(*) AS n" \
  " FROM (" RATE_BUCKETS_OF ("removed", "1") ") AS o GROUP BY 1, 2) r" \
  " WHERE b.challenge_id = r.challenge_id AND b.bucket = r.bucket;" \
  RECOUNT_FIRSTS ("removed") \
  " RETURN NULL; END $$;" \
  "CREATE OR REPLACE FUNCTION creator_firsts_removed () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " \
  "PERFORM creator_first_days_recount (ARRAY (SELECT DISTINCT t.creator_key FROM touched t" \
  " JOIN creator_first_days d ON d.creator_key = t.creator_key AND d.day = t.first_day));" \
  " RETURN NULL; END $$;"
/* …and creator_firsts gets an index by creator: the first day of a creator over the
 * challenges not deleted (creator_first_days_recount) read the whole table for every
 * creator once the server had more than a few challenges. Deleting (with Undo) a
 * challenge of 60,000 videos and 19,000 creators in a workspace of 203 challenges took
 * 53 s on the server, then 0.5 s. */
#define CREATOR_FIRSTS_BY_KEY \
  "CREATE INDEX IF NOT EXISTS creator_firsts_key ON creator_firsts (creator_key, first_day);"
/* …and step 15's two functions that move creators' first days find the days by
 * joins, which the server can hash, instead of a subquery per creator: deleting and
 * bringing back the largest challenge of a million-video workspace (597,852 videos,
 * 198,665 creators) took 10.7 s, then 5.4 s. They do what step 15's did. */
#define CREATOR_FIRST_DAYS_BY_JOIN \
  "CREATE OR REPLACE FUNCTION creator_first_days_set (keys TEXT[], days BIGINT[]) RETURNS void LANGUAGE plpgsql AS $$ BEGIN" \
  " WITH given AS (" \
  "   SELECT g.creator_key, d.day AS old_day, g.new_day FROM unnest (keys, days) AS g (creator_key, new_day)" \
  "   LEFT JOIN creator_first_days d ON d.creator_key = g.creator_key)," \
  FIRST_DAYS_MOVED \
  "CREATE OR REPLACE FUNCTION creator_first_days_recount (keys TEXT[]) RETURNS void LANGUAGE plpgsql AS $$ BEGIN" \
  " PERFORM creator_first_days_set (array_agg (u.k), array_agg (m.d)) FROM (SELECT DISTINCT unnest (keys) AS k) u" \
  "   LEFT JOIN (SELECT f.creator_key, min (f.first_day) AS d FROM creator_firsts f JOIN challenges c" \
  "              ON c.id = f.challenge_id WHERE c.deleted_at IS NULL AND f.creator_key = ANY (keys) GROUP BY 1) m" \
  "   ON m.creator_key = u.k HAVING count(*) > 0;" \
  " END $$;"

/* …and a challenge deleted or brought back (with Undo) only marks itself in
 * creator_days_pending: its creators' first days are counted again when the new
 * creators are next read (creator_days_settle (), on the figures reader's thread),
 * not in the window's own statement. Deleting the largest challenge of a
 * million-video workspace (198,665 creators) and bringing it back took 6.5 s there,
 * with the window waiting; the two now cost one count, when they are read.
 * - Until then creator_first_days may hold the days of the challenges marked. The
 *   triggers of creator_firsts stay right meanwhile (a row added only brings a day
 *   earlier; one removed or moved later has its creator counted again), and the
 *   settle counts every creator of each marked challenge over the challenges not
 *   deleted, whatever happened in between.
 * - A mark counts its marks: the settle deletes only the rows it read, unchanged
 *   and not locked (a deletion or Undo under way, a purge), which stay for the next
 *   settle; it waits for none of them, and they wait for it only while it deletes.
 *   Two settles take turns (an advisory lock). The triggers of creator_firsts do
 *   not take it: taken after their statement's row locks, it would make writers of
 *   creator_firsts wait for each other in a circle; a settle and a sync's settle
 *   that meet on a creator are as they were before this step.
 * - It runs as the owner of the tables (a viewer's window reads the new creators
 *   too) with the search path fixed, so a session's temporary tables of the same
 *   names are not used. */
#define CREATOR_DAYS_SETTLED_ON_READ \
  "CREATE TABLE creator_days_pending (" \
  "  challenge_id INTEGER PRIMARY KEY REFERENCES challenges (id) ON DELETE CASCADE," \
  "  marks        INTEGER NOT NULL DEFAULT 1" \
  ");" \
  "CREATE OR REPLACE FUNCTION challenges_creator_firsts () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " \
  "INSERT INTO creator_days_pending (challenge_id) VALUES (NEW.id)" \
  " ON CONFLICT (challenge_id) DO UPDATE SET marks = creator_days_pending.marks + 1;" \
  " RETURN NULL; END $$;" \
  "CREATE FUNCTION creator_days_settle () RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$" \
  " DECLARE seen_ids BIGINT[]; seen_marks BIGINT[]; BEGIN" \
  " IF NOT EXISTS (SELECT 1 FROM creator_days_pending) THEN RETURN; END IF;" \
  " PERFORM pg_advisory_xact_lock (1382116475);" \
  " SELECT array_agg (challenge_id), array_agg (marks) INTO seen_ids, seen_marks FROM creator_days_pending;" \
  " IF seen_ids IS NULL THEN RETURN; END IF;" \
  " PERFORM creator_first_days_recount (ARRAY (SELECT f.creator_key FROM creator_firsts f" \
  "   WHERE f.challenge_id = ANY (seen_ids)));" \
  " DELETE FROM creator_days_pending WHERE challenge_id IN (SELECT p.challenge_id FROM creator_days_pending p" \
  "   JOIN unnest (seen_ids, seen_marks) AS s (id, n) ON s.id = p.challenge_id AND s.n = p.marks" \
  "   FOR UPDATE OF p SKIP LOCKED);" \
  " END $$;" \
  "DO $rally_settle$ BEGIN" \
  " EXECUTE format ('ALTER FUNCTION creator_days_settle () SET search_path = %I, pg_temp', current_schema ());" \
  " EXECUTE format ('ALTER FUNCTION creator_days_settle () OWNER TO %I'," \
  "                 (SELECT pg_get_userbyid (relowner) FROM pg_class WHERE oid = 'challenges'::regclass));" \
  " END $rally_settle$;"

/* …and a bulk load (a restore, the sample: _rally_store_bulk_begin()) has the two
 * insert triggers of the videos do nothing while its transaction sets
 * rally.bulk_load, a setting any role may set for itself: its end counts every
 * roll-up once from the videos. Restoring the sample's 57,645 videos on a server,
 * which ran both for each video, took 52.5 s, then 11.0 s. */
#define UNLESS_BULK_LOAD \
  " IF current_setting ('" RALLY_STORE_BULK_LOAD_SETTING "', true) = 'on' THEN RETURN NULL; END IF;"

const char * const rally_store_migrations_pg[] = {
  NULL,
  NULL,

  /* 3 */
  ROLLUP_TABLES
  PG_TRIGGER ("videos_rollup_insert", "AFTER INSERT", "", PG_ADD_VIDEO ("NEW"))
  PG_TRIGGER ("videos_rollup_delete", "AFTER DELETE", "", REMOVE_VIDEO ("OLD"))
  PG_TRIGGER ("videos_rollup_update",
              "AFTER UPDATE OF challenge_id, creator, posted_at, views, likes, comments, shares", "",
              REMOVE_VIDEO ("OLD") PG_ADD_VIDEO ("NEW")),

  NULL,
  NULL,
  NULL,
  NULL,
  NULL,

  /* 9 */
  ROLLUP_PENDING_TABLE
  "DROP TRIGGER videos_rollup_insert ON videos;"
  "DROP TRIGGER videos_rollup_update ON videos;"
  PG_TRIGGER ("videos_rollup_insert", "AFTER INSERT", "", PG_ADD_DAY ("NEW"))
  PG_TRIGGER ("videos_creators_insert", "AFTER INSERT", "WHEN (NEW.creator <> '')",
              "IF NOT EXISTS (SELECT 1 FROM rollup_pending WHERE challenge_id = NEW.challenge_id) THEN "
              PG_ADD_CREATOR ("NEW")
              " END IF;")
  PG_TRIGGER ("videos_rollup_update", "AFTER UPDATE OF challenge_id, posted_at, views, likes, comments, shares", "",
              REMOVE_DAY ("OLD") PG_ADD_DAY ("NEW"))
  PG_TRIGGER ("videos_creators_update", "AFTER UPDATE OF challenge_id, creator",
              "WHEN (OLD.creator IS DISTINCT FROM NEW.creator OR OLD.challenge_id IS DISTINCT FROM NEW.challenge_id)",
              "IF NOT EXISTS (SELECT 1 FROM rollup_pending"
              "               WHERE challenge_id IN (OLD.challenge_id, NEW.challenge_id)) THEN "
              REMOVE_CREATOR ("OLD") PG_ADD_CREATOR ("NEW")
              " END IF;"),

  NULL,

  /* 11 (instr() is SQLite's; rally_db_dialect_pg_prelude makes it on the server) */
  EVENTS_AND_ROSTER
  PG_TRIGGER ("videos_origin_insert", "AFTER INSERT",
              "WHEN (NEW.origin = 0 AND NEW.origin_manual = 0 AND NEW.creator <> '')",
              "IF EXISTS (SELECT 1 FROM challenges WHERE id = NEW.challenge_id AND partners <> ''"
              "           AND " IN_ROSTER ("NEW.creator", "partners") ") THEN "
              "UPDATE videos SET origin = 1 WHERE id = NEW.id; END IF;")
  PG_TRIGGER ("videos_origin_creator", "AFTER UPDATE OF creator",
              "WHEN (NEW.origin_manual = 0 AND OLD.creator IS DISTINCT FROM NEW.creator)",
              "UPDATE videos SET origin = "
              ROSTER_ORIGIN ("NEW.creator", "(SELECT partners FROM challenges WHERE id = NEW.challenge_id)")
              " WHERE id = NEW.id;"),

  /* 12 */
  ROLLUP_PAUSED_TABLE
  "DROP TRIGGER videos_rollup_insert ON videos;"
  "DROP TRIGGER videos_rollup_update ON videos;"
  PG_TRIGGER ("videos_rollup_insert", "AFTER INSERT", "",
              "IF " NOT_PAUSED ("NEW.challenge_id") " THEN " PG_ADD_DAY ("NEW") " END IF;")
  PG_TRIGGER ("videos_rollup_update", ROLLUP_DAY_UPDATE_OF, "",
              "IF " NOT_PAUSED_OR_MOVED " THEN " REMOVE_DAY ("OLD") PG_ADD_DAY ("NEW") " END IF;"),

  /* 13: on a server the one who saves is the login role, which a client cannot pretend
   *     to be otherwise (the app binds the computer's user name, which this replaces) */
  RECORD_VERSIONS
  "CREATE OR REPLACE FUNCTION rally_changed_by () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
  "NEW.changed_by := session_user; RETURN NEW; END $$;"
  PG_CHANGED_BY ("campaigns")
  PG_CHANGED_BY ("challenges")
  PG_CHANGED_BY ("planned_posts")
  PG_CHANGED_BY ("events"),

  /* 14: a team workspace of millions of videos sorts a challenge's videos by any
   *     column (All Videos, the top videos) and finds their median engagement from an
   *     index, each read a few pages instead of every video of the challenge. The rate
   *     index holds the counters too, so the median is read from it alone. */
  "CREATE INDEX videos_views ON videos (challenge_id, views, id);"
  "CREATE INDEX videos_likes ON videos (challenge_id, likes, id);"
  "CREATE INDEX videos_comments ON videos (challenge_id, comments, id);"
  "CREATE INDEX videos_shares ON videos (challenge_id, shares, id);"
  "CREATE INDEX videos_creator_key ON videos (challenge_id, lower (creator), id);"
  "CREATE INDEX videos_region ON videos (challenge_id, region, id);"
  "CREATE INDEX videos_rate ON videos (challenge_id, (" RALLY_STORE_VIDEO_RATE "), likes, comments, shares, views)"
  "  WHERE views > 0;"
  /* …and the three insert triggers of steps 9, 11 and 12 become one trigger per
   * statement over the rows it added (a transition table), doing what they did: a
   * sync's statement of 64 videos updates each day's and creator's roll-up once, not
   * once per video, and runs no PL/pgSQL per row; the days of a challenge a sync has
   * paused (step 12) are left to the sync's own count */
  "DROP TRIGGER videos_rollup_insert ON videos;"
  "DROP TRIGGER videos_creators_insert ON videos;"
  "DROP TRIGGER videos_origin_insert ON videos;"
  "DROP FUNCTION videos_rollup_insert ();"
  "DROP FUNCTION videos_creators_insert ();"
  "DROP FUNCTION videos_origin_insert ();"
  "CREATE FUNCTION videos_added () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
  ADDED_DAYS
  ADDED_CREATORS
  ADDED_ORIGINS
  " RETURN NULL; END $$;"
  "CREATE TRIGGER videos_added AFTER INSERT ON videos REFERENCING NEW TABLE AS added"
  "  FOR EACH STATEMENT EXECUTE FUNCTION videos_added ();"
  /* …and each challenge's number of creators is kept, not counted on every read
   * (RALLY_STORE_CREATORS_PG): the rows of video_creators added and removed by each
   * statement, whichever wrote them (the triggers, a settle, a rebuild, a cascade) */
  "CREATE TABLE video_creator_counts ("
  "  challenge_id INTEGER PRIMARY KEY REFERENCES challenges (id) ON DELETE CASCADE,"
  "  creators     INTEGER NOT NULL DEFAULT 0"
  ");"
  "INSERT INTO video_creator_counts (challenge_id, creators)"
  "  SELECT challenge_id, count(*) FROM video_creators GROUP BY 1;"
  "CREATE FUNCTION video_creators_added () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
  "INSERT INTO video_creator_counts (challenge_id, creators)"
  " SELECT a.challenge_id, count(*) FROM added a JOIN challenges c ON c.id = a.challenge_id GROUP BY 1"
  " ON CONFLICT (challenge_id) DO UPDATE SET creators = video_creator_counts.creators + excluded.creators;"
  " RETURN NULL; END $$;"
  "CREATE TRIGGER video_creators_added AFTER INSERT ON video_creators REFERENCING NEW TABLE AS added"
  "  FOR EACH STATEMENT EXECUTE FUNCTION video_creators_added ();"
  "CREATE FUNCTION video_creators_removed () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
  "UPDATE video_creator_counts n SET creators = n.creators - r.creators"
  " FROM (SELECT challenge_id, count(*) AS creators FROM removed GROUP BY 1) r WHERE n.challenge_id = r.challenge_id;"
  " RETURN NULL; END $$;"
  "CREATE TRIGGER video_creators_removed AFTER DELETE ON video_creators REFERENCING OLD TABLE AS removed"
  "  FOR EACH STATEMENT EXECUTE FUNCTION video_creators_removed ();",

  /* 15: the Analytics overview's new creators per day and a challenge's median
   *     engagement read a few hundred rows kept by triggers instead of millions of
   *     videos (rally_store_query_daily_new_creators(), rally_store_get_median_engagement()) */
  CREATOR_FIRSTS_TABLES
  RATE_BUCKETS_TABLE
  FILL_SCALE_ROLLUPS
  CREATOR_FIRSTS_TRIGGERS
  VIDEOS_SCALE_TRIGGERS,

  /* 16: a sync's statements skip what the insert trigger of step 14 would do for
   *     nothing (VIDEOS_ADDED_BY_STATEMENT) */
  VIDEOS_ADDED_BY_STATEMENT,

  /* 17: a sync's new videos have their creators' first days and rate buckets counted
   *     when it settles (VIDEOS_SCALE_ADDED_UNLESS_PENDING) */
  VIDEOS_SCALE_ADDED_UNLESS_PENDING,

  /* 18: deleting many videos at once (a challenge purged) costs a few statements, not
   *     a few per video (VIDEOS_REMOVED_BY_STATEMENT, SCALE_REMOVED_UNLESS_GONE); a
   *     challenge deleted or brought back looks its creators up by index and by
   *     joins (CREATOR_FIRSTS_BY_KEY, CREATOR_FIRST_DAYS_BY_JOIN); a bulk load's
   *     videos are counted at its end only (UNLESS_BULK_LOAD) */
  VIDEOS_REMOVED_BY_STATEMENT
  SCALE_REMOVED_UNLESS_GONE
  CREATOR_FIRSTS_BY_KEY
  CREATOR_FIRST_DAYS_BY_JOIN
  VIDEOS_ADDED_BY_STATEMENT_AFTER (UNLESS_BULK_LOAD)
  VIDEOS_SCALE_ADDED_UNLESS_PENDING_AFTER (UNLESS_BULK_LOAD),

  /* 19: deleting a challenge, or bringing it back, leaves its creators' first days to
   *     the next read of the new creators (CREATOR_DAYS_SETTLED_ON_READ) */
  CREATOR_DAYS_SETTLED_ON_READ,
};

G_STATIC_ASSERT (G_N_ELEMENTS (rally_store_migrations_pg) == G_N_ELEMENTS (rally_store_migrations));

/* Counts the creators of every challenge in rollup_pending again, and clears it. */
const char rally_store_settle_rollups_sql[] =
  "DELETE FROM video_creators WHERE challenge_id IN (SELECT challenge_id FROM rollup_pending);"
  "INSERT INTO video_creators (challenge_id, creator, videos)"
  "  SELECT challenge_id, creator, count(*) FROM videos"
  "  WHERE challenge_id IN (SELECT challenge_id FROM rollup_pending) AND creator <> '' GROUP BY 1, 2;"
  "DELETE FROM rollup_pending;";

/* On PostgreSQL, before rally_store_settle_rollups_sql: the rate buckets and each
 * creator's first day (step 15) of every challenge in rollup_pending, counted again
 * from its videos (step 17 left its new videos to this). Rows of creator_firsts are
 * changed only where they differ, so that its triggers move only the first days that
 * moved. */
#define IN_PENDING "challenge_id IN (SELECT challenge_id FROM rollup_pending)"
#define SETTLE_SCALE_PG \
  "DELETE FROM video_rate_buckets WHERE " IN_PENDING ";" \
  "INSERT INTO video_rate_buckets (challenge_id, bucket, videos)" \
  "  SELECT challenge_id, " RALLY_STORE_VIDEO_RATE_BUCKET ", count(*) FROM videos" \
  "  WHERE " IN_PENDING " AND views > 0 GROUP BY 1, 2;" \
  "DELETE FROM creator_firsts f WHERE f." IN_PENDING \
  "  AND NOT EXISTS (SELECT 1 FROM videos v WHERE v.challenge_id = f.challenge_id" \
  "                  AND " CREATOR_KEY ("v.") " = f.creator_key AND " HAS_FIRST ("v.") ");" \
  "INSERT INTO creator_firsts (challenge_id, creator_key, first_day)" \
  "  SELECT challenge_id, " CREATOR_KEY ("") ", min (" FIRST_DAY ("") ") FROM videos" \
  "  WHERE " IN_PENDING " AND " HAS_FIRST ("") " GROUP BY 1, 2" \
  "  ON CONFLICT (challenge_id, creator_key) DO UPDATE SET first_day = excluded.first_day" \
  "  WHERE creator_firsts.first_day <> excluded.first_day;"
const char rally_store_settle_scale_sql_pg[] = SETTLE_SCALE_PG;

/* rally_store_rebuild_rollups_sql for PostgreSQL, which refuses an upsert that meets
 * one row twice in a statement: it adds up by group (there sum() and the triggers'
 * addition both stop at the largest bigint with an error); what step 17 left
 * pending is settled first. */
const char rally_store_rebuild_rollups_sql_pg[] =
  "DELETE FROM video_days;"
  "DELETE FROM video_creators;"
  FILL_ROLLUPS
  SETTLE_SCALE_PG
  "DELETE FROM rollup_pending;";
#undef SETTLE_SCALE_PG
#undef IN_PENDING

/* Gives the videos of challenge ?1 whose origin was not set by hand the origin of
 * roster ?2 (its partners joined by ","); only rows whose origin changes are written. */
const char rally_store_apply_roster_sql[] =
  "UPDATE videos SET origin = " RALLY_STORE_PARTNER_ORIGIN ("creator", "?2")
  " WHERE challenge_id = ?1 AND origin_manual = 0 AND origin <> " RALLY_STORE_PARTNER_ORIGIN ("creator", "?2");

/* Lifts the mark of video ?1 set by hand: its challenge's roster decides its origin again. */
const char rally_store_reset_origin_sql[] =
  "UPDATE videos SET origin_manual = 0, origin = "
  RALLY_STORE_PARTNER_ORIGIN ("creator", "(SELECT partners FROM challenges WHERE id = videos.challenge_id)")
  " WHERE id = ?1";

const guint rally_store_n_migrations = G_N_ELEMENTS (rally_store_migrations);
