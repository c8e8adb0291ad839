/* rally-test-workspace.c
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

/* A workspace with a bit of everything, and a dump of every row and column of a
 * store, so two workspaces can be compared field by field. */

#include "config.h"

#include <sqlite3.h>

#include "rally-store-account.h"
#include "rally-test-workspace.h"

/* The records, then the roll-ups the store derives from them (when it has them). */
static const char * const tables[] = {
  "campaigns", "challenges", "planned_posts", "videos", "snapshots", "video_days", "video_creators",
  "account", "account_videos", "events",
};

static gint64
add_campaign (RallyStore *store,
              const char *name,
              gint64      goal)
{
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
  g_autoptr(GError) error = NULL;

  rally_campaign_set_name (campaign, name);
  rally_campaign_set_cause (campaign, "Clean water — ماء نظيف");
  rally_campaign_set_status (campaign, RALLY_CAMPAIGN_STATUS_ACTIVE);
  rally_campaign_set_goal_donations (campaign, goal);
  rally_campaign_set_notes (campaign, "Line one\nLine \"two\"\ttabbed \\ backslash");
  g_assert_true (rally_store_save_campaign (store, campaign, &error));
  g_assert_no_error (error);

  return rally_campaign_get_id (campaign);
}

static gint64
add_challenge (RallyStore *store,
               const char *hashtag,
               gint64      campaign_id)
{
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autoptr(GError) error = NULL;

  rally_challenge_set_hashtag (challenge, hashtag);
  rally_challenge_set_campaign_id (challenge, campaign_id);
  rally_challenge_set_title (challenge, "Dance for change 💃");
  rally_challenge_set_pledge_per_video (challenge, 200);
  rally_challenge_set_pledge_cap (challenge, 10000000);
  rally_challenge_set_start_date (challenge, 1717200000);
  g_assert_true (rally_store_save_challenge (store, challenge, &error));
  g_assert_no_error (error);

  return rally_challenge_get_id (challenge);
}

static void
add_post (RallyStore *store,
          gint64      challenge_id,
          gint64      campaign_id)
{
  g_autoptr(RallyPlannedPost) post = rally_planned_post_new ();
  g_autoptr(GError) error = NULL;

  rally_planned_post_set_scheduled_at (post, 1717250000);
  rally_planned_post_set_channel (post, "TikTok");
  rally_planned_post_set_caption (post, "Launch day! #DanceForChange");
  rally_planned_post_set_status (post, RALLY_POST_STATUS_SCHEDULED);
  rally_planned_post_set_challenge_id (post, challenge_id);
  rally_planned_post_set_campaign_id (post, campaign_id);
  g_assert_true (rally_store_save_planned_post (store, post, &error));
  g_assert_no_error (error);
}

static void
add_videos (RallyStore *store,
            gint64      challenge_id,
            guint       n_videos)
{
  g_autoptr(GPtrArray) videos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_videos; i++)
    {
      RallyVideo *video = rally_video_new ();

      /* Above 2^53, so a trip through a double would change them. */
      rally_video_set_tiktok_id (video, G_GINT64_CONSTANT (7234567890123456789) + 2 * i);
      rally_video_set_creator (video, i % 3 == 0 ? "créatrice" : "ifad");
      rally_video_set_region (video, i % 2 ? "KE" : "FR");
      rally_video_set_posted_at (video, 1717200000 + 3600 * i);
      rally_video_set_description (video, "Video \"quoted\", with a comma");
      rally_video_set_views (video, G_GINT64_CONSTANT (9007199254740993) + i);
      rally_video_set_likes (video, 10 * i);
      rally_video_set_comments (video, i);
      rally_video_set_shares (video, i / 2);
      rally_video_set_origin (video, i % 3);
      g_ptr_array_add (videos, video);
    }

  g_assert_true (rally_store_upsert_videos (store, challenge_id, (RallyVideo **) videos->pdata,
                                            videos->len, &error));
  g_assert_no_error (error);
}

static void
add_snapshot (RallyStore  *store,
              gint64       challenge_id,
              gint64       taken_at,
              RallySource  source)
{
  g_autoptr(RallySnapshot) snapshot = rally_snapshot_new ();
  g_autoptr(GError) error = NULL;

  rally_snapshot_set_challenge_id (snapshot, challenge_id);
  rally_snapshot_set_taken_at (snapshot, taken_at);
  rally_snapshot_set_views (snapshot, G_GINT64_CONSTANT (81000000));
  rally_snapshot_set_videos (snapshot, 33000);
  rally_snapshot_set_source (snapshot, source);
  rally_snapshot_set_fetched_at (snapshot, taken_at + 60);
  g_assert_true (rally_store_add_snapshot (store, snapshot, &error));
  g_assert_no_error (error);
}

/* The organisation's own account (Display API) with two videos, one beyond 2^53. */
static void
add_account (RallyStore *store)
{
  g_autoptr(GPtrArray) videos = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_fetched_video_free);
  g_autoptr(GError) error = NULL;
  RallyAccount user = { .open_id = (char *) "5f1c2a9e-0000-4b7d-9a11-0c0ffee00001",
                        .username = (char *) "harbourlights_charity", .display_name = (char *) "Harbour Lights ⚓",
                        .followers = 25310, .following = -1, .likes = -1, .videos = 214 };

  for (guint i = 0; i < 2; i++)
    {
      RallyFetchedVideo *video = rally_fetched_video_new (G_GINT64_CONSTANT (7375510000000000001) + i);

      video->create_time = 1717243200 - i * 86400;
      video->title = g_strdup (i == 0 ? "Day 1 of #walkforwater" : "Pourquoi nous marchons");
      video->views = 48211 / (i + 1);
      g_ptr_array_add (videos, video);
    }
  g_assert_true (rally_store_save_account (store, &user, 1717250000, &error));
  g_assert_true (rally_store_save_account_page (store, user.open_id, videos, NULL, 0, TRUE, &error));
  g_assert_no_error (error);
}

/**
 * rally_test_fill_workspace:
 *
 * Two live campaigns and a deleted one, three challenges (one without campaign),
 * planned posts, @n_videos videos on the first challenge and a few on another,
 * snapshots of challenges and of the account, and the account with two videos.
 */
void
rally_test_fill_workspace (RallyStore *store,
                           guint       n_videos)
{
  g_autoptr(GError) error = NULL;
  gint64 water = add_campaign (store, "Clean Rivers", G_GINT64_CONSTANT (9007199254740993));
  gint64 climate = add_campaign (store, "For Climate", 0);
  gint64 gone = add_campaign (store, "Deleted campaign", 5);
  gint64 dance = add_challenge (store, "DanceForChange", water);
  gint64 forclimate = add_challenge (store, "ForClimate", climate);
  gint64 lonely = add_challenge (store, "RedNoseDay", 0);

  add_challenge (store, "GoneChallenge", gone);
  add_post (store, dance, water);
  add_post (store, 0, climate);
  add_post (store, lonely, 0);
  add_videos (store, dance, n_videos);
  add_videos (store, forclimate, 3);
  add_snapshot (store, dance, 1717286400, RALLY_SOURCE_RESEARCH_API);
  add_snapshot (store, dance, 1717372800, RALLY_SOURCE_RESEARCH_API);
  add_snapshot (store, 0, 1717286400, RALLY_SOURCE_TYPED);
  add_account (store);

  g_assert_true (rally_store_delete_campaign (store, gone, &error));
  g_assert_no_error (error);
}

static void
dump_value (GString      *out,
            sqlite3_stmt *stmt,
            int           i)
{
  switch (sqlite3_column_type (stmt, i))
    {
    case SQLITE_INTEGER:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, i));
      break;
    case SQLITE_NULL:
      g_string_append (out, "NULL");
      break;
    case SQLITE_TEXT:
      g_string_append_printf (out, "'%s'", (const char *) sqlite3_column_text (stmt, i));
      break;
    default:
      g_string_append_printf (out, "<type %d>", sqlite3_column_type (stmt, i));
      break;
    }
}

/**
 * rally_test_dump_store:
 *
 * Returns: every row of every table, one line per row ("table: column=value …"),
 *   with its type visible (text is quoted), ordered by id (roll-ups by their key);
 *   without the records' version and author, which a backup does not carry.
 */
char *
rally_test_dump_store (RallyStore *store)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (rally_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", tables[t]);
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          g_assert_cmpint (t, >=, 5);  /* only a roll-up may be missing */
          continue;
        }
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_string_append_printf (out, "%s:", tables[t]);
          for (int i = 0; i < sqlite3_column_count (stmt); i++)
            {
              const char *name = sqlite3_column_name (stmt, i);

              /* a record's version and author belong to the workspace, not to its data:
               * a backup leaves them out, and a restore starts them anew */
              if (g_str_equal (name, "row_version") || g_str_equal (name, "changed_by"))
                continue;
              g_string_append_printf (out, " %s=", name);
              dump_value (out, stmt, i);
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);

  return g_string_free (out, FALSE);
}

/* A video with views and counts in the proportions the tests expect (likes a tenth,
 * comments a hundredth, shares a fiftieth of the views). */
RallyVideo *
rally_test_make_video (gint64      tiktok_id,
                       const char *creator,
                       gint64      posted_at,
                       gint64      views)
{
  RallyVideo *video = rally_video_new ();

  rally_video_set_tiktok_id (video, tiktok_id);
  rally_video_set_creator (video, creator);
  rally_video_set_posted_at (video, posted_at);
  rally_video_set_views (video, views);
  rally_video_set_likes (video, views / 10);
  rally_video_set_comments (video, views / 100);
  rally_video_set_shares (video, views / 50);
  return video;
}
