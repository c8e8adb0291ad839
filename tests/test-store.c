/* test-store.c
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

/* The store: CRUD round trips, live lists, videos, aggregates, refusing foreign or
 * newer files, and upgrading a version 1 file. The sample is in test-sample.c. */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rally-store.h"
#include "rally-store-analytics.h"
#include "rally-store-private.h"
#include "rally-store-sync.h"
#include "rally-test-util.h"
#include "rally-test-workspace.h"
#ifdef RALLY_TEST_STORE_PG
#include "rally-test-pg.h"
#endif

typedef struct
{
  char       *dir;
  RallyStore *store;
#ifdef RALLY_TEST_STORE_PG
  RallyTestPgFixture pg;
#endif
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

#ifdef RALLY_TEST_STORE_PG
  /* test-store-pg.c: the same cases on a team workspace of a real PostgreSQL */
  rally_test_pg_fixture_setup (&f->pg, GINT_TO_POINTER (RALLY_TEST_PG_SOCKET_ONLY));
  if (f->pg.pg == NULL)
    return;
  f->store = rally_store_open (f->pg.uri, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
  return;
#endif

  f->dir = g_dir_make_tmp ("rally-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = rally_store_open (f->dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
#ifdef RALLY_TEST_STORE_PG
  if (f->store != NULL)
    g_assert_finalize_object (f->store);
  rally_test_pg_fixture_teardown (&f->pg, NULL);
  return;
#endif
  g_assert_finalize_object (f->store);
  rally_test_remove_tree (f->dir);
  g_free (f->dir);
}

static RallyCampaign *
make_campaign (const char *name)
{
  RallyCampaign *campaign = rally_campaign_new ();

  rally_campaign_set_name (campaign, name);
  return campaign;
}

static RallyChallenge *
make_challenge (const char *hashtag,
                gint64      campaign_id)
{
  RallyChallenge *challenge = rally_challenge_new ();

  rally_challenge_set_hashtag (challenge, hashtag);
  rally_challenge_set_campaign_id (challenge, campaign_id);
  return challenge;
}

static RallyCampaign *
save_new_campaign (Fixture    *f,
                   const char *name)
{
  g_autoptr(GError) error = NULL;
  RallyCampaign *campaign = make_campaign (name);

  rally_store_save_campaign (f->store, campaign, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rally_campaign_get_id (campaign), >, 0);
  return campaign;
}

static void
test_store_campaign_round_trip (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(RallyCampaign) campaign = make_campaign ("Clean Rivers — نظيف");
  g_autoptr(RallyCampaign) loaded = NULL;
  g_autoptr(RallyCampaign) updated = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rally_store_is_empty (f->store));
  rally_campaign_set_cause (campaign, "Water");
  rally_campaign_set_status (campaign, RALLY_CAMPAIGN_STATUS_ACTIVE);
  rally_campaign_set_start_date (campaign, 1700000000);
  rally_campaign_set_end_date (campaign, 1710000000);
  rally_campaign_set_goal_donations (campaign, G_GINT64_CONSTANT (9007199254740993));
  rally_campaign_set_currency (campaign, "EUR");
  rally_campaign_set_color (campaign, "#26a269");

  g_assert_true (rally_store_save_campaign (f->store, campaign, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rally_campaign_get_id (campaign), >, 0);
  g_assert_cmpint (rally_record_get_created_at (RALLY_RECORD (campaign)), >, 0);
  g_assert_false (rally_store_is_empty (f->store));

  loaded = rally_store_get_campaign (f->store, rally_campaign_get_id (campaign));
  g_assert_nonnull (loaded);
  g_assert_cmpstr (rally_campaign_get_name (loaded), ==, "Clean Rivers — نظيف");
  g_assert_cmpstr (rally_campaign_get_cause (loaded), ==, "Water");
  g_assert_cmpint (rally_campaign_get_status (loaded), ==, RALLY_CAMPAIGN_STATUS_ACTIVE);
  g_assert_cmpint (rally_campaign_get_start_date (loaded), ==, 1700000000);
  g_assert_cmpint (rally_campaign_get_end_date (loaded), ==, 1710000000);
  g_assert_cmpint (rally_campaign_get_goal_donations (loaded), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpstr (rally_campaign_get_currency (loaded), ==, "EUR");
  g_assert_cmpstr (rally_campaign_get_color (loaded), ==, "#26a269");

  rally_campaign_set_name (loaded, "Clean Rivers 2");
  g_assert_true (rally_store_save_campaign (f->store, loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rally_campaign_get_id (loaded), ==, rally_campaign_get_id (campaign));
  updated = rally_store_get_campaign (f->store, rally_campaign_get_id (campaign));
  g_assert_cmpstr (rally_campaign_get_name (updated), ==, "Clean Rivers 2");

  /* An invalid record is refused and nothing is written. */
  rally_campaign_set_name (updated, "  ");
  g_assert_false (rally_store_save_campaign (f->store, updated, &error));
  g_assert_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_REQUIRED);
  g_clear_error (&error);
  g_clear_object (&loaded);
  loaded = rally_store_get_campaign (f->store, rally_campaign_get_id (campaign));
  g_assert_cmpstr (rally_campaign_get_name (loaded), ==, "Clean Rivers 2");

  g_assert_true (rally_store_delete_campaign (f->store, rally_campaign_get_id (campaign), &error));
  g_assert_no_error (error);
  g_assert_null (rally_store_get_campaign (f->store, rally_campaign_get_id (campaign)));
  g_assert_true (rally_store_is_empty (f->store));
}

static void
test_store_challenge_round_trip (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RallyCampaign) campaign = save_new_campaign (f, "Climate");
  g_autoptr(RallyChallenge) challenge = make_challenge ("#ActForClimate", rally_campaign_get_id (campaign));
  g_autoptr(RallyChallenge) loaded = NULL;
  g_autoptr(RallyChallenge) found = NULL;
  g_autoptr(RallyChallenge) other = make_challenge ("actforclimate", 0);
  g_autoptr(GError) error = NULL;
  const char *regions[] = { "GB", "KE", NULL };

  rally_challenge_set_regions (challenge, regions);
  rally_challenge_set_pledge_per_video (challenge, 200);
  rally_challenge_set_pledge_cap (challenge, 10000000);
  rally_challenge_set_no_personal_data (challenge, TRUE);
  g_assert_true (rally_store_save_challenge (f->store, challenge, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rally_challenge_get_hashtag (challenge), ==, "ActForClimate");

  loaded = rally_store_get_challenge (f->store, rally_challenge_get_id (challenge));
  g_assert_cmpstr (rally_challenge_get_hashtag (loaded), ==, "ActForClimate");
  g_assert_cmpint (rally_challenge_get_campaign_id (loaded), ==, rally_campaign_get_id (campaign));
  g_assert_cmpstrv (rally_challenge_get_regions (loaded), regions);
  g_assert_cmpint (rally_challenge_get_pledge_cap (loaded), ==, 10000000);
  g_assert_true (rally_challenge_get_no_personal_data (loaded));

  /* Hashtags are unique ignoring case, but a challenge may keep its own. */
  g_assert_true (rally_store_hashtag_is_taken (f->store, "#ACTFORCLIMATE", 0));
  g_assert_false (rally_store_hashtag_is_taken (f->store, "ActForClimate", rally_challenge_get_id (challenge)));
  g_assert_false (rally_store_hashtag_is_taken (f->store, "ActForRivers", 0));
  g_assert_false (rally_store_save_challenge (f->store, other, &error));
  g_assert_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_HASHTAG_TAKEN);
  g_assert_nonnull (strstr (error->message, "actforclimate"));
  g_assert_cmpint (rally_challenge_get_id (other), ==, 0);
  g_clear_error (&error);

  found = rally_store_find_challenge (f->store, "#actForClimate");
  g_assert_nonnull (found);
  g_assert_cmpint (rally_challenge_get_id (found), ==, rally_challenge_get_id (challenge));

  /* A deleted challenge frees its hashtag; undoing fails if it was reused meanwhile. */
  g_assert_true (rally_store_delete_challenge (f->store, rally_challenge_get_id (challenge), &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_save_challenge (f->store, other, &error));
  g_assert_no_error (error);
  g_assert_false (rally_store_undelete_challenge (f->store, rally_challenge_get_id (challenge), &error));
  g_assert_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_HASHTAG_TAKEN);
  g_clear_error (&error);
  g_assert_null (rally_store_get_challenge (f->store, rally_challenge_get_id (challenge)));
}

static void
test_store_challenge_unknown_campaign (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(RallyChallenge) challenge = make_challenge ("Orphan", 4242);
  g_autoptr(GError) error = NULL;

  g_assert_false (rally_store_save_challenge (f->store, challenge, &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (rally_challenge_get_id (challenge), ==, 0);
}

static void
test_store_planned_post_round_trip (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(RallyPlannedPost) post = rally_planned_post_new ();
  g_autoptr(RallyPlannedPost) loaded = NULL;
  g_autoptr(GError) error = NULL;

  rally_planned_post_set_scheduled_at (post, 1750000000);
  rally_planned_post_set_channel (post, "TikTok");
  rally_planned_post_set_caption (post, "Dance with us 💃 #DanceForChange");
  rally_planned_post_set_status (post, RALLY_POST_STATUS_SCHEDULED);
  g_assert_true (rally_store_save_planned_post (f->store, post, &error));
  g_assert_no_error (error);

  loaded = rally_store_get_planned_post (f->store, rally_planned_post_get_id (post));
  g_assert_cmpint (rally_planned_post_get_scheduled_at (loaded), ==, 1750000000);
  g_assert_cmpstr (rally_planned_post_get_caption (loaded), ==, "Dance with us 💃 #DanceForChange");
  g_assert_cmpint (rally_planned_post_get_status (loaded), ==, RALLY_POST_STATUS_SCHEDULED);
  g_assert_cmpint (rally_planned_post_get_campaign_id (loaded), ==, 0);

  g_assert_true (rally_store_delete_planned_post (f->store, rally_planned_post_get_id (post), &error));
  g_assert_null (rally_store_get_planned_post (f->store, rally_planned_post_get_id (post)));
  g_assert_true (rally_store_undelete_planned_post (f->store, rally_planned_post_get_id (post), &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = rally_store_get_planned_post (f->store, rally_planned_post_get_id (post));
  g_assert_nonnull (loaded);
}

typedef struct
{
  guint position, removed, added, count;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *last)
{
  last->position = position;
  last->removed = removed;
  last->added = added;
  last->count++;
}

static void
assert_items_changed (ItemsChanged *last,
                      guint         position,
                      guint         removed,
                      guint         added)
{
  g_assert_cmpuint (last->count, ==, 1);
  g_assert_cmpuint (last->position, ==, position);
  g_assert_cmpuint (last->removed, ==, removed);
  g_assert_cmpuint (last->added, ==, added);
  memset (last, 0, sizeof *last);
}

static void
test_store_list_items_changed (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GListModel) list = rally_store_list_campaigns (f->store);
  g_autoptr(RallyCampaign) a = NULL, b = NULL, c = NULL;
  g_autoptr(RallyCampaign) item = NULL;
  g_autoptr(GError) error = NULL;
  ItemsChanged last = { 0 };

  g_assert_true (g_list_model_get_item_type (list) == RALLY_TYPE_CAMPAIGN);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &last);

  a = save_new_campaign (f, "A");
  assert_items_changed (&last, 0, 0, 1);
  b = save_new_campaign (f, "B");
  assert_items_changed (&last, 1, 0, 1);
  c = save_new_campaign (f, "C");
  assert_items_changed (&last, 2, 0, 1);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);

  rally_campaign_set_name (b, "B2");
  g_assert_true (rally_store_save_campaign (f->store, b, &error));
  assert_items_changed (&last, 1, 1, 1);
  item = g_list_model_get_item (list, 1);
  g_assert_cmpstr (rally_campaign_get_name (item), ==, "B2");
  g_clear_object (&item);

  g_assert_true (rally_store_delete_campaign (f->store, rally_campaign_get_id (b), &error));
  assert_items_changed (&last, 1, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  item = g_list_model_get_item (list, 1);
  g_assert_cmpstr (rally_campaign_get_name (item), ==, "C");
  g_clear_object (&item);

  g_assert_true (rally_store_undelete_campaign (f->store, rally_campaign_get_id (b), &error));
  g_assert_no_error (error);
  assert_items_changed (&last, 1, 0, 1);
  g_assert_null (g_list_model_get_item (list, 3));
}

static RallyPlannedPost *
save_post (Fixture    *f,
           gint64      when,
           const char *caption)
{
  g_autoptr(GError) error = NULL;
  RallyPlannedPost *post = rally_planned_post_new ();

  rally_planned_post_set_scheduled_at (post, when);
  rally_planned_post_set_channel (post, "TikTok");
  rally_planned_post_set_caption (post, caption);
  g_assert_true (rally_store_save_planned_post (f->store, post, &error));
  g_assert_no_error (error);
  return post;
}

static void
assert_captions (GListModel  *list,
                 const char **expected)
{
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    {
      g_autoptr(RallyPlannedPost) post = g_list_model_get_item (list, i);

      g_assert_cmpstr (rally_planned_post_get_caption (post), ==, expected[i]);
    }
}

/* A copy of a list kept only through items-changed: if the signal ever says less than
 * what changed, the copy and the list part. */
static void
mirror_items_changed_cb (GListModel *list,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GArray     *mirror)
{
  g_array_remove_range (mirror, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, position + i);
      gint64 id = 0;

      g_object_get (item, "id", &id, NULL);
      g_array_insert_val (mirror, position + i, id);
    }
}

static void
assert_mirror (GListModel *list,
               GArray     *mirror)
{
  g_assert_cmpuint (mirror->len, ==, g_list_model_get_n_items (list));
  for (guint i = 0; i < mirror->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);
      gint64 id = 0;

      g_object_get (item, "id", &id, NULL);
      g_assert_cmpint (g_array_index (mirror, gint64, i), ==, id);
    }
}

/* Posts are listed by time in a range: moving one in time moves it in the list, and
 * moving it out of the range removes it. */
static void
test_store_list_posts_move (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GListModel) list = rally_store_list_posts (f->store, 1000, 5000);
  g_autoptr(RallyPlannedPost) a = save_post (f, 1000, "a");
  g_autoptr(RallyPlannedPost) b = save_post (f, 2000, "b");
  g_autoptr(RallyPlannedPost) c = save_post (f, 3000, "c");
  g_autoptr(RallyPlannedPost) outside = save_post (f, 9000, "outside");
  g_autoptr(GError) error = NULL;
  const char *abc[] = { "a", "b", "c", NULL };
  const char *bca[] = { "b", "c", "a", NULL };
  const char *bc[] = { "b", "c", NULL };
  g_autoptr(GArray) mirror = g_array_new (FALSE, FALSE, sizeof (gint64));

  assert_captions (list, abc);
  mirror_items_changed_cb (list, 0, 0, g_list_model_get_n_items (list), mirror);
  g_signal_connect (list, "items-changed", G_CALLBACK (mirror_items_changed_cb), mirror);

  rally_planned_post_set_scheduled_at (a, 4000);
  g_assert_true (rally_store_save_planned_post (f->store, a, &error));
  assert_captions (list, bca);
  assert_mirror (list, mirror);

  rally_planned_post_set_scheduled_at (a, 6000);
  g_assert_true (rally_store_save_planned_post (f->store, a, &error));
  g_assert_no_error (error);
  assert_captions (list, bc);
  assert_mirror (list, mirror);

  /* Into the range again, then deleted, then undeleted. */
  rally_planned_post_set_scheduled_at (outside, 1500);
  g_assert_true (rally_store_save_planned_post (f->store, outside, &error));
  assert_mirror (list, mirror);
  g_assert_true (rally_store_delete_planned_post (f->store, rally_planned_post_get_id (b), &error));
  assert_mirror (list, mirror);
  g_assert_true (rally_store_undelete_planned_post (f->store, rally_planned_post_get_id (b), &error));
  g_assert_no_error (error);
  assert_mirror (list, mirror);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
}

static void
test_store_delete_campaign_undo (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RallyCampaign) campaign = save_new_campaign (f, "Tree");
  g_autoptr(RallyChallenge) kept = make_challenge ("Kept", rally_campaign_get_id (campaign));
  g_autoptr(RallyChallenge) earlier = make_challenge ("DeletedEarlier", rally_campaign_get_id (campaign));
  g_autoptr(RallyPlannedPost) post = rally_planned_post_new ();
  g_autoptr(GListModel) challenges = rally_store_list_challenges (f->store, 0);
  g_autoptr(GListModel) posts = rally_store_list_posts (f->store, 0, 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (rally_store_save_challenge (f->store, kept, &error));
  g_assert_true (rally_store_save_challenge (f->store, earlier, &error));
  rally_planned_post_set_scheduled_at (post, 1750000000);
  rally_planned_post_set_channel (post, "TikTok");
  rally_planned_post_set_campaign_id (post, rally_campaign_get_id (campaign));
  g_assert_true (rally_store_save_planned_post (f->store, post, &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_delete_challenge (f->store, rally_challenge_get_id (earlier), &error));
  g_assert_cmpuint (g_list_model_get_n_items (challenges), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (posts), ==, 1);

  g_assert_true (rally_store_delete_campaign (f->store, rally_campaign_get_id (campaign), &error));
  g_assert_cmpuint (g_list_model_get_n_items (challenges), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (posts), ==, 0);
  g_assert_true (rally_store_is_empty (f->store));

  /* Undo brings back what was deleted with the campaign, not what was deleted before. */
  g_assert_true (rally_store_undelete_campaign (f->store, rally_campaign_get_id (campaign), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (challenges), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (posts), ==, 1);
  g_assert_nonnull (rally_store_get_challenge (f->store, rally_challenge_get_id (kept)));
  g_assert_null (rally_store_get_challenge (f->store, rally_challenge_get_id (earlier)));

  /* Purging removes for good. */
  g_assert_true (rally_store_purge_deleted (f->store, G_MAXINT64, &error));
  g_assert_no_error (error);
  g_assert_false (rally_store_undelete_challenge (f->store, rally_challenge_get_id (earlier), &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_FOUND);
}

static void
test_store_videos_upsert (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RallyChallenge) challenge = make_challenge ("Videos", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) top = NULL;
  g_autoptr(RallyVideo) first = NULL;
  g_autoptr(GArray) days = NULL;
  /* Above 2^53: a double would round it. */
  const gint64 big_id = G_GINT64_CONSTANT (7234567890123456789);
  const gint64 day = 1750032000;
  g_autoptr(GArray) mirror = g_array_new (FALSE, FALSE, sizeof (gint64));
  RallyVideo *videos[3];
  RallyTotals totals;
  gint64 challenge_id;

  g_assert_true (rally_store_save_challenge (f->store, challenge, &error));
  challenge_id = rally_challenge_get_id (challenge);
  videos[0] = rally_test_make_video (big_id, "ana", day + 100, 1000);
  videos[1] = rally_test_make_video (big_id + 1, "ben", day + 200, 5000);
  videos[2] = rally_test_make_video (big_id + 2, "ana", day + 86400 + 5, 300);
  rally_video_set_origin (videos[0], RALLY_VIDEO_ORIGIN_PARTNER);

  top = rally_store_list_videos (f->store, challenge_id, RALLY_VIDEO_SORT_VIEWS, 2);
  g_signal_connect (top, "items-changed", G_CALLBACK (mirror_items_changed_cb), mirror);
  g_assert_true (rally_store_upsert_videos (f->store, challenge_id, videos, 3, &error));
  assert_mirror (top, mirror);
  g_assert_no_error (error);
  g_assert_cmpint (rally_video_get_id (videos[0]), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (top), ==, 2);
  first = g_list_model_get_item (top, 0);
  g_assert_cmpint (rally_video_get_tiktok_id (first), ==, big_id + 1);

  /* The same videos again, with new counts and an organic origin: still three rows. */
  rally_video_set_views (videos[0], 9000);
  rally_video_set_origin (videos[0], RALLY_VIDEO_ORIGIN_ORGANIC);
  g_assert_true (rally_store_upsert_videos (f->store, challenge_id, videos, 3, &error));
  g_assert_no_error (error);
  assert_mirror (top, mirror);

  g_assert_true (rally_store_get_challenge_totals (f->store, challenge_id, &totals));
  g_assert_cmpint (totals.videos, ==, 3);
  g_assert_cmpint (totals.views, ==, 9000 + 5000 + 300);
  g_assert_cmpint (totals.likes, ==, 100 + 500 + 30);
  g_assert_cmpint (totals.creators, ==, 2);
  g_assert_cmpint (totals.last_synced, >, 0);

  /* The list follows: the first video now has the most views, and kept its origin. */
  g_clear_object (&first);
  first = g_list_model_get_item (top, 0);
  g_assert_cmpint (rally_video_get_tiktok_id (first), ==, big_id);
  g_assert_cmpint (rally_video_get_views (first), ==, 9000);
  g_assert_cmpint (rally_video_get_origin (first), ==, RALLY_VIDEO_ORIGIN_PARTNER);

  days = rally_store_query_daily_videos (f->store, challenge_id, day, day + 7 * 86400);
  g_assert_cmpuint (days->len, ==, 2);
  g_assert_cmpint (g_array_index (days, RallyDayTotals, 0).day, ==, day);
  g_assert_cmpint (g_array_index (days, RallyDayTotals, 0).videos, ==, 2);
  g_assert_cmpint (g_array_index (days, RallyDayTotals, 0).views, ==, 14000);
  g_assert_cmpint (g_array_index (days, RallyDayTotals, 1).day, ==, day + 86400);
  g_assert_cmpint (g_array_index (days, RallyDayTotals, 1).views, ==, 300);

  for (guint i = 0; i < G_N_ELEMENTS (videos); i++)
    g_object_unref (videos[i]);
}

/* A sync's run of page transactions under rally_store_begin_sync_writes(): every
 * page is there, counted once, the roll-ups agree, and after the end everything is
 * in the database file itself (checkpointed), with the log bounded meanwhile. */
/* Sync pages leave a challenge's creators to be counted once at the end; a sync
 * that never got there (killed) has them counted when the store opens next. */
static void
test_store_sync_creators_settle (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RallyChallenge) challenge = make_challenge ("SettleLater", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) reopened = NULL;
  RallyFetchedVideo videos[10] = { { 0 } };
  char names[10][16];
  RallyTotals totals;
  gint64 id;

  g_assert_true (rally_store_save_challenge (f->store, challenge, &error));
  id = rally_challenge_get_id (challenge);
  g_assert_true (rally_store_begin_sync_writes (f->store, &error));
  for (guint page = 0; page < 2; page++)
    {
      g_autoptr(GPtrArray) list = g_ptr_array_new ();
      RallySyncPosition position = { id, 1750032000, 1750032000 + 29 * 86400, page + 1, NULL, FALSE };

      for (guint i = 0; i < G_N_ELEMENTS (videos); i++)
        {
          g_snprintf (names[i], sizeof names[i], "creator%u", (page * 10 + i) % 7);
          videos[i].id = 7100000000000000000 + page * 10 + i;
          videos[i].username = names[i];
          videos[i].create_time = 1750032000 + i * 3600;
          videos[i].views = videos[i].likes = videos[i].comments = videos[i].shares = 1;
          g_ptr_array_add (list, &videos[i]);
        }
      g_assert_true (rally_store_save_sync_page (f->store, &position, list, 1750032000, 1, 10, &error));
      g_assert_no_error (error);
    }
  /* the days are counted row by row, the creators not yet */
  g_assert_true (rally_store_get_challenge_totals (f->store, id, &totals));
  g_assert_cmpint (totals.videos, ==, 20);
  g_assert_cmpint (totals.creators, ==, 0);
  g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store), "SELECT COUNT(*) FROM rollup_pending"), ==, 1);

  /* killed here: no end_sync_writes; the next open counts them */
  reopened = rally_store_open (f->dir, &error);
  g_assert_no_error (error);
  g_assert_true (rally_store_get_challenge_totals (reopened, id, &totals));
  g_assert_cmpint (totals.videos, ==, 20);
  g_assert_cmpint (totals.creators, ==, 7);
  g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store), "SELECT COUNT(*) FROM rollup_pending"), ==, 0);
  g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store),
                                       "SELECT SUM(videos) FROM video_creators"), ==, 20);

  /* the sync ends: nothing left to count */
  g_clear_object (&reopened);
  g_assert_true (rally_store_end_sync_writes (f->store, &error));
  g_assert_no_error (error);
}

/* How many rows of video_creators differ from a count of the videos by SQL, either way */
#define CREATORS_DIFFER_SQL \
  "SELECT COUNT(*) FROM (SELECT * FROM (SELECT challenge_id, creator, COUNT(*) FROM videos WHERE creator <> ''" \
  " GROUP BY 1, 2 EXCEPT SELECT challenge_id, creator, videos FROM video_creators) UNION ALL" \
  " SELECT * FROM (SELECT challenge_id, creator, videos FROM video_creators EXCEPT" \
  " SELECT challenge_id, creator, COUNT(*) FROM videos WHERE creator <> '' GROUP BY 1, 2))"

/* Writes @n videos numbered from @first as one page of @challenge_id, the creator
 * of video i named by @names[(i + @shift) % @n_names], and adds them to @tally if
 * not %NULL. */
static void
write_tallied_page (Fixture            *f,
                    RallyCreatorTally  *tally,
                    gint64              challenge_id,
                    guint               first,
                    guint               n,
                    const char * const *names,
                    guint               n_names,
                    guint               shift)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_fetched_video_free);
  g_autoptr(GError) error = NULL;
  RallySyncPosition position = { challenge_id, 1750032000, 1750032000 + 29 * 86400, first + n, NULL, FALSE };

  for (guint i = first; i < first + n; i++)
    {
      RallyFetchedVideo *video = rally_fetched_video_new (7200000000000000000 + i);

      video->username = g_strdup (names[(i + shift) % n_names]);
      video->create_time = 1750032000 + i * 60;
      video->views = video->likes = video->comments = video->shares = 1;
      g_ptr_array_add (list, video);
    }
  g_assert_true (rally_store_save_sync_page (f->store, &position, list, 1750032000, 1, n, &error));
  g_assert_no_error (error);
  if (tally != NULL)
    rally_creator_tally_add (tally, list);
}

/* The settled creators are those of a count by SQL: repeats, a video whose creator
 * changed after an earlier settle, names that differ only in case or accents, no
 * creator (not counted), two challenges. */
static void
test_store_sync_creators_counted (Fixture       *f,
                                  gconstpointer  data)
{
  const char *names[] = { "ann", "Ann", "zoë", "zoe", "", "creator_1", "b", "ann", "b", "émile" };
  g_autoptr(RallyChallenge) one = make_challenge ("CountedOne", 0);
  g_autoptr(RallyChallenge) two = make_challenge ("CountedTwo", 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *ann = NULL;

  g_assert_true (rally_store_save_challenge (f->store, one, &error));
  g_assert_true (rally_store_save_challenge (f->store, two, &error));
  g_assert_no_error (error);
  write_tallied_page (f, NULL, rally_challenge_get_id (one), 0, 100, names, G_N_ELEMENTS (names), 0);
  write_tallied_page (f, NULL, rally_challenge_get_id (two), 50, 60, names, G_N_ELEMENTS (names), 3);
  g_assert_true (rally_store_settle_rollups (f->store, &error));
  g_assert_no_error (error);
  if (f->dir != NULL)
    g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store), CREATORS_DIFFER_SQL), ==, 0);

  /* the same videos again, each under another name: the old counts go */
  write_tallied_page (f, NULL, rally_challenge_get_id (one), 0, 100, names, G_N_ELEMENTS (names), 1);
  g_assert_true (rally_store_settle_rollups (f->store, &error));
  g_assert_no_error (error);
  if (f->dir == NULL)
    return;
  g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store), CREATORS_DIFFER_SQL), ==, 0);
  g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store), "SELECT COUNT(*) FROM rollup_pending"), ==, 0);
  /* "ann" is twice in the ten names: 20 of the 100 videos */
  ann = g_strdup_printf ("SELECT videos FROM video_creators WHERE creator = 'ann' AND challenge_id = %" G_GINT64_FORMAT,
                         rally_challenge_get_id (one));
  g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store), ann), ==, 20);
}

/* A first sync's creators, counted from its pages as they are written, are those
 * of a count by SQL: repeats, repeats under another name or none (which keeps the
 * name), no creator, long names that share their beginning. */
static void
test_store_sync_creators_tallied (Fixture       *f,
                                  gconstpointer  data)
{
  const char *names[] = { "ann", "creator_with_a_long_name_1", "", "creator_with_a_long_name_2",
                          "creator_with_a_", "creator_with_a_l", "creator_with_a_lo", "ann", "zoë", "b" };
  const char *renamed[] = { "creator_with_a_long_name_2", "", "dora", "creator_with_a_l" };
  g_autoptr(RallyChallenge) challenge = make_challenge ("Tallied", 0);
  g_autoptr(RallyCreatorTally) tally = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (rally_store_save_challenge (f->store, challenge, &error));
  g_assert_no_error (error);
  id = rally_challenge_get_id (challenge);
  tally = rally_store_start_creator_tally (f->store, id, &error);
  g_assert_no_error (error);
  if (f->dir == NULL)
    {
      /* a team server counts them itself */
      g_assert_null (tally);
      return;
    }
  g_assert_nonnull (tally);
  g_assert_true (rally_store_begin_sync_writes (f->store, &error));
  write_tallied_page (f, tally, id, 0, 100, names, G_N_ELEMENTS (names), 0);
  write_tallied_page (f, tally, id, 100, 50, names, G_N_ELEMENTS (names), 3);
  /* repeats: the same names, then others, none (the name stays) and the same again */
  write_tallied_page (f, tally, id, 40, 20, names, G_N_ELEMENTS (names), 0);
  write_tallied_page (f, tally, id, 60, 30, renamed, G_N_ELEMENTS (renamed), 0);
  write_tallied_page (f, tally, id, 60, 30, renamed, G_N_ELEMENTS (renamed), 2);
  g_assert_true (rally_store_settle_tallied (f->store, tally, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store), "SELECT COUNT(*) FROM rollup_pending"), ==, 0);
  g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store), CREATORS_DIFFER_SQL), ==, 0);
  g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store), "SELECT COUNT(*) FROM video_creators"), ==,
                   rally_test_sql_int (rally_store_get_path (f->store),
                                       "SELECT COUNT(DISTINCT creator) FROM videos WHERE creator <> ''"));

  /* the settle took them from the tally, not from a count of the rows (which would
   * agree): a tally that disagrees with the rows shows which one is read */
  {
    const char *written[] = { "written" };
    g_autoptr(RallyChallenge) probe = make_challenge ("TallyProbe", 0);
    g_autoptr(RallyCreatorTally) probe_tally = NULL;
    g_autoptr(GPtrArray) tallied = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_fetched_video_free);
    g_autofree char *counted = NULL;

    g_assert_true (rally_store_save_challenge (f->store, probe, &error));
    probe_tally = rally_store_start_creator_tally (f->store, rally_challenge_get_id (probe), &error);
    g_assert_no_error (error);
    g_assert_nonnull (probe_tally);
    write_tallied_page (f, NULL, rally_challenge_get_id (probe), 1000, 10, written, 1, 0);
    for (guint i = 1000; i < 1010; i++)
      {
        RallyFetchedVideo *video = rally_fetched_video_new (7200000000000000000 + i);

        video->username = g_strdup ("tallied");
        g_ptr_array_add (tallied, video);
      }
    rally_creator_tally_add (probe_tally, tallied);
    g_assert_true (rally_store_settle_tallied (f->store, probe_tally, &error));
    g_assert_no_error (error);
    counted = g_strdup_printf ("SELECT COUNT(*) * 1000 + SUM (videos * (creator = 'tallied')) FROM video_creators"
                               " WHERE challenge_id = %" G_GINT64_FORMAT, rally_challenge_get_id (probe));
    /* one creator, "tallied", of the 10 videos */
    g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store), counted), ==, 1 * 1000 + 10);
  }
  g_assert_true (rally_store_end_sync_writes (f->store, &error));
  g_assert_no_error (error);
}

/* The videos of test_store_sync_day_rollups, as the test expects them stored. */
typedef struct
{
  gint64 id;
  gint64 day;
  gint64 views;
  gint64 likes;
} ModelVideo;

/* Writes @n videos as one sync page (the model is updated alike) and compares the
 * store's per-day roll-up with the model's days. */
static void
write_day_page (Fixture    *f,
                gint64      challenge_id,
                ModelVideo *model,
                guint       n_model,
                const gint64 *ids,
                const gint64 *times,
                gint64      views,
                guint       n)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_fetched_video_free);
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  RallySyncPosition position = { challenge_id, 1750032000, 1750032000 + 29 * 86400, 1, NULL, FALSE };

  for (guint i = 0; i < n; i++)
    {
      RallyFetchedVideo *video = rally_fetched_video_new (ids[i]);
      ModelVideo *m = &model[ids[i] - 1];

      video->create_time = times[i];
      video->username = g_strdup_printf ("creator%u", (guint) (ids[i] % 7));
      video->views = views;
      video->likes = ids[i];
      video->comments = video->shares = 0;
      g_ptr_array_add (list, video);
      m->id = ids[i];
      /* a video without a time keeps the stored one */
      if (times[i] > 0)
        m->day = times[i] - times[i] % 86400;
      m->views = views;
      m->likes = ids[i];
    }
  g_assert_true (rally_store_save_sync_page (f->store, &position, list, 1750032000, 1, n, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n_model; i++)
    {
      RallyDayTotals *day;

      if (model[i].id == 0)
        continue;
      day = g_hash_table_lookup (days, &model[i].day);
      if (day == NULL)
        {
          day = g_new0 (RallyDayTotals, 1);
          day->day = model[i].day;
          g_hash_table_insert (days, g_memdup2 (&day->day, sizeof day->day), day);
        }
      day->videos++;
      day->views += model[i].views;
      day->likes += model[i].likes;
    }
  stored = rally_store_query_daily_videos (f->store, challenge_id, 0, 0);
  g_assert_cmpuint (stored->len, ==, g_hash_table_size (days));
  for (guint i = 0; i < stored->len; i++)
    {
      RallyDayTotals *got = &g_array_index (stored, RallyDayTotals, i);
      RallyDayTotals *want = g_hash_table_lookup (days, &got->day);

      g_assert_nonnull (want);
      g_assert_cmpint (got->videos, ==, want->videos);
      g_assert_cmpint (got->views, ==, want->views);
      g_assert_cmpint (got->likes, ==, want->likes);
    }
}

/* A sync page adds up its days once (set-based) when it spans a few, and leaves
 * the per-row triggers to it otherwise; the per-day figures match either way:
 * new rows, changed counts, a video moved to another day, one without a time. */
static void
test_store_sync_day_rollups (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(RallyChallenge) challenge = make_challenge ("DayRollups", 0);
  g_autoptr(GError) error = NULL;
  ModelVideo model[64] = { { 0 } };
  const gint64 d0 = 1750032000, d1 = d0 + 86400, d2 = d0 + 2 * 86400;
  gint64 ids[40], times[40];
  RallyTotals totals;
  gint64 id;

  g_assert_true (rally_store_save_challenge (f->store, challenge, &error));
  id = rally_challenge_get_id (challenge);

  /* 40 new videos over two days */
  for (guint i = 0; i < 40; i++)
    {
      ids[i] = i + 1;
      times[i] = (i < 25 ? d0 : d1) + i * 60;
    }
  write_day_page (f, id, model, G_N_ELEMENTS (model), ids, times, 10, 40);
  /* 20 of them again with more views, one moved to a third day */
  times[7] = d2 + 5;
  write_day_page (f, id, model, G_N_ELEMENTS (model), ids, times, 30, 20);
  /* a page over six days: row by row */
  for (guint i = 0; i < 6; i++)
    {
      ids[i] = 41 + i;
      times[i] = d0 + i * 86400 + 1;
    }
  write_day_page (f, id, model, G_N_ELEMENTS (model), ids, times, 5, 6);
  /* a video without a time (it keeps its day) beside a new one: row by row too */
  ids[0] = 3;
  times[0] = -1;
  ids[1] = 50;
  times[1] = d1 + 7;
  write_day_page (f, id, model, G_N_ELEMENTS (model), ids, times, 50, 2);
  /* and two pages of one day each after that */
  ids[0] = 3;
  times[0] = d1 + 9;
  write_day_page (f, id, model, G_N_ELEMENTS (model), ids, times, 70, 1);
  ids[0] = 51;
  times[0] = d2 + 11;
  write_day_page (f, id, model, G_N_ELEMENTS (model), ids, times, 1, 1);

  g_assert_true (rally_store_settle_rollups (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_get_challenge_totals (f->store, id, &totals));
  g_assert_cmpint (totals.videos, ==, 48);
  g_assert_cmpint (totals.creators, ==, 7);
  if (f->dir == NULL)
    return;
  g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store), "SELECT COUNT(*) FROM rollup_paused"), ==, 0);

  /* SQLite: sum() stops at the largest integer where the triggers add on; so does the page */
  {
    g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_fetched_video_free);
    g_autoptr(GArray) stored = NULL;
    RallySyncPosition position = { id, d0, d0 + 29 * 86400, 2, NULL, FALSE };
    const gint64 d9 = d0 + 9 * 86400;

    for (guint i = 0; i < 2; i++)
      {
        RallyFetchedVideo *video = rally_fetched_video_new (60 + i);

        video->create_time = d9 + i;
        video->views = G_MAXINT64;
        video->likes = video->comments = video->shares = 1;
        g_ptr_array_add (list, video);
      }
    g_assert_true (rally_store_save_sync_page (f->store, &position, list, d0, 1, 2, &error));
    g_assert_no_error (error);
    stored = rally_store_query_daily_videos (f->store, id, d9, d9 + 86400);
    g_assert_cmpuint (stored->len, ==, 1);
    g_assert_cmpint (g_array_index (stored, RallyDayTotals, 0).videos, ==, 2);
    g_assert_cmpint (g_array_index (stored, RallyDayTotals, 0).views, ==, G_MAXINT64);
    g_assert_cmpint (g_array_index (stored, RallyDayTotals, 0).likes, ==, 2);
  }
}

static void
test_store_sync_writes (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RallyChallenge) challenge = make_challenge ("SyncWrites", 0);
  g_autoptr(GError) error = NULL;
  /* the files' checks are SQLite's (f->dir is NULL in test-store-pg) */
  g_autofree char *db_path = f->dir != NULL ? g_build_filename (f->dir, "rally.db", NULL) : NULL;
  g_autofree char *wal_path = f->dir != NULL ? g_build_filename (f->dir, "rally.db-wal", NULL) : NULL;
  const char *location = f->dir != NULL ? f->dir : rally_store_get_data_dir (f->store);
  g_autoptr(RallyStore) reopened = NULL;
  const guint n_pages = 80, per_page = 100;
  RallyFetchedVideo videos[100] = { { 0 } };
  char names[100][16];
  RallyTotals totals;
  guint requests, records;
  GStatBuf st;
  gint64 id;

  g_assert_true (rally_store_save_challenge (f->store, challenge, &error));
  id = rally_challenge_get_id (challenge);
  g_assert_true (rally_store_begin_sync_writes (f->store, &error));
  g_assert_true (rally_store_begin_sync_writes (f->store, &error));  /* nests */
  g_assert_no_error (error);
  for (guint page = 0; page < n_pages; page++)
    {
      g_autoptr(GPtrArray) list = g_ptr_array_new ();
      RallySyncPosition position = { id, 1750032000, 1750032000 + 29 * 86400, page + 1, NULL, page + 1 == n_pages };

      for (guint i = 0; i < per_page; i++)
        {
          /* pages 40 and up repeat pages 0–39 with more views: upserts, not new rows */
          guint n = (page % 40) * per_page + i;

          g_snprintf (names[i], sizeof names[i], "creator%u", n % 1000);
          videos[i].id = 7000000000000000000 + (gint64) n * 7919;
          /* the repeats leave some creators out: the stored one stays */
          videos[i].username = page >= 40 && i % 10 == 0 ? (char *) "" : names[i];
          videos[i].create_time = 1750032000 + (gint64) (n % 30) * 86400 + n;
          videos[i].views = page >= 40 ? 20 : 10;
          /* the first pass lacks the other counters (one row a statement), the
           * repeats carry them all except every seventh row (several a statement) */
          videos[i].likes = page >= 40 && i % 7 != 3 ? 5 : -1;
          videos[i].comments = page >= 40 && i % 7 != 3 ? 1 : -1;
          videos[i].shares = page >= 40 && i % 7 != 3 ? 2 : -1;
          g_ptr_array_add (list, &videos[i]);
        }
      g_assert_true (rally_store_save_sync_page (f->store, &position, list, 1750032000, 1, per_page, &error));
      g_assert_no_error (error);
      /* the log is checkpointed and starts over as it goes: it never holds the whole sync */
      if (wal_path != NULL && g_stat (wal_path, &st) == 0)
        g_assert_cmpint (st.st_size, <, 64 * 1024 * 1024);
    }
  g_assert_true (rally_store_end_sync_writes (f->store, &error));
  g_assert_true (rally_store_end_sync_writes (f->store, &error));
  g_assert_no_error (error);

  /* the database file itself holds the rows now */
  if (db_path != NULL)
    {
      g_assert_cmpint (g_stat (db_path, &st), ==, 0);
      g_assert_cmpint (st.st_size, >, 4000 * 100);
    }

  g_assert_true (rally_store_get_challenge_totals (f->store, id, &totals));
  g_assert_cmpint (totals.videos, ==, 40 * per_page);
  g_assert_cmpint (totals.views, ==, 40 * per_page * 20);
  g_assert_cmpint (totals.likes, ==, 40 * (per_page - per_page / 7) * 5);
  g_assert_cmpint (totals.comments, ==, 40 * (per_page - per_page / 7));
  g_assert_cmpint (totals.creators, ==, 1000);
  /* the roll-ups kept by the triggers match the videos, day by day */
  if (db_path != NULL)
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (rally_store_get_path (f->store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db,
                                         "SELECT COUNT(*) FROM (SELECT challenge_id, day, videos, views, likes, comments, shares"
                                         " FROM video_days EXCEPT SELECT challenge_id, posted_at - posted_at % 86400, COUNT(*),"
                                         " SUM(views), SUM(likes), SUM(comments), SUM(shares) FROM videos GROUP BY 1, 2)",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  g_assert_true (rally_store_get_quota (f->store, 1750032000, &requests, &records, &error));
  g_assert_cmpuint (requests, ==, n_pages);
  g_assert_cmpuint (records, ==, n_pages * per_page);

  /* and a plain write after the sync is back to one fsync per commit: still fine */
  g_assert_true (rally_store_add_quota (f->store, 1750032000, 1, 0, &error));
  g_assert_no_error (error);
  /* the log, checkpointed at the end, started over and was cut back */
  if (wal_path != NULL)
    {
      g_assert_cmpint (g_stat (wal_path, &st), ==, 0);
      g_assert_cmpint (st.st_size, <=, 4 * 1024 * 1024);
    }
  reopened = rally_store_open (location, &error);
  g_assert_no_error (error);
  g_assert_true (rally_store_get_challenge_totals (reopened, id, &totals));
  g_assert_cmpint (totals.videos, ==, 40 * per_page);
  g_assert_true (rally_store_get_quota (reopened, 1750032000, &requests, &records, &error));
  g_assert_cmpuint (requests, ==, n_pages + 1);
}

static void
test_store_snapshots (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RallyChallenge) challenge = make_challenge ("Snaps", 0);
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(RallySnapshot) latest = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rally_store_save_challenge (f->store, challenge, &error));
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(RallySnapshot) snapshot = rally_snapshot_new ();

      rally_snapshot_set_challenge_id (snapshot, rally_challenge_get_id (challenge));
      rally_snapshot_set_taken_at (snapshot, 1000 + i * 100);
      rally_snapshot_set_views (snapshot, i * 10);
      rally_snapshot_set_source (snapshot, RALLY_SOURCE_RESEARCH_API);
      g_assert_true (rally_store_add_snapshot (f->store, snapshot, &error));
      g_assert_no_error (error);
    }

  snapshots = rally_store_query_snapshots (f->store, rally_challenge_get_id (challenge), 1100, 1300);
  g_assert_cmpuint (snapshots->len, ==, 2);
  g_assert_cmpint (rally_snapshot_get_taken_at (g_ptr_array_index (snapshots, 0)), ==, 1100);
  g_assert_cmpint (rally_snapshot_get_views (g_ptr_array_index (snapshots, 1)), ==, 20);
  g_assert_cmpint (rally_snapshot_get_source (g_ptr_array_index (snapshots, 1)), ==, RALLY_SOURCE_RESEARCH_API);

  latest = rally_store_get_latest_snapshot (f->store, rally_challenge_get_id (challenge));
  g_assert_cmpint (rally_snapshot_get_taken_at (latest), ==, 1400);
  g_assert_null (rally_store_get_latest_snapshot (f->store, 0));
}

/* Reach history: the videos' posting days where snapshots do not reach. */

#define MARCH_1_2024 G_GINT64_CONSTANT (1709251200)
#define REACH_DAYS   75

static void
add_reach_snapshot (Fixture *f,
                    gint64   challenge_id,
                    gint64   taken_at)
{
  g_autoptr(RallySnapshot) snapshot = rally_snapshot_new ();
  g_autoptr(GError) error = NULL;
  RallyTotals totals;

  /* as the sync engine writes it: the stored videos' totals */
  g_assert_true (rally_store_get_challenge_totals (f->store, challenge_id, &totals));
  rally_snapshot_set_challenge_id (snapshot, challenge_id);
  rally_snapshot_set_taken_at (snapshot, taken_at);
  rally_snapshot_set_fetched_at (snapshot, taken_at);
  rally_snapshot_set_source (snapshot, RALLY_SOURCE_RESEARCH_API);
  rally_snapshot_set_videos (snapshot, totals.videos);
  rally_snapshot_set_views (snapshot, totals.views);
  rally_snapshot_set_likes (snapshot, totals.likes);
  g_assert_true (rally_store_add_snapshot (f->store, snapshot, &error));
  g_assert_no_error (error);
}

/* One video a day from 1 March 2024 for 75 days, each with @views. */
static void
add_reach_videos (Fixture *f,
                  gint64   challenge_id,
                  gint64   views)
{
  RallyVideo *videos[REACH_DAYS];
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < REACH_DAYS; i++)
    videos[i] = rally_test_make_video (7300000000000000000 + i, "creator", MARCH_1_2024 + i * 86400 + 3600, views);
  g_assert_true (rally_store_upsert_videos (f->store, challenge_id, videos, REACH_DAYS, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < REACH_DAYS; i++)
    g_object_unref (videos[i]);
}

static const RallyDayTotals *
reach_day (GArray *days,
           guint   i)
{
  return &g_array_index (days, RallyDayTotals, i);
}

/* Running totals never fall, whatever the join. */
static void
assert_never_falls (GArray *days)
{
  for (guint i = 1; i < days->len; i++)
    {
      g_assert_cmpint (reach_day (days, i)->day, >, reach_day (days, i - 1)->day);
      g_assert_cmpint (reach_day (days, i)->videos, >=, reach_day (days, i - 1)->videos);
      g_assert_cmpint (reach_day (days, i)->views, >=, reach_day (days, i - 1)->views);
      g_assert_cmpint (reach_day (days, i)->likes, >=, reach_day (days, i - 1)->likes);
    }
}

static void
test_store_reach_join (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RallyChallenge) challenge = make_challenge ("PostedOverSpring", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) days = NULL;
  g_autofree char *basis = NULL;
  /* the first sync, two and a half years after the last video */
  gint64 sync = MARCH_1_2024 + 1000 * 86400 + 7200;
  gint64 sync_day = MARCH_1_2024 + 1000 * 86400;
  RallyReachSource source;
  gint64 id;
  RallyVideo *late;

  g_assert_true (rally_store_save_challenge (f->store, challenge, &error));
  id = rally_challenge_get_id (challenge);
  add_reach_videos (f, id, 1000);

  /* A first sync writes two snapshots seconds apart: one day of snapshots shows no
   * growth, so the videos' posting days are the history, all 75 of them. */
  add_reach_snapshot (f, id, sync);
  add_reach_snapshot (f, id, sync + 4);
  days = rally_store_query_reach_source (f->store, id, &source);
  g_assert_cmpuint (days->len, ==, REACH_DAYS);
  g_assert_cmpint (reach_day (days, 0)->day, ==, MARCH_1_2024);
  g_assert_cmpint (reach_day (days, 0)->views, ==, 1000);
  g_assert_cmpint (reach_day (days, REACH_DAYS - 1)->day, ==, MARCH_1_2024 + (REACH_DAYS - 1) * 86400);
  g_assert_cmpint (reach_day (days, REACH_DAYS - 1)->videos, ==, REACH_DAYS);
  g_assert_cmpint (reach_day (days, REACH_DAYS - 1)->views, ==, REACH_DAYS * 1000);
  g_assert_cmpint (source.basis, ==, RALLY_REACH_FROM_POSTING_DAYS);
  g_assert_cmpint (source.counts_as_of, >, sync_day);
  basis = rally_reach_source_describe (&source);
  g_assert_true (g_str_has_prefix (basis, "By posting day, counts as of "));
  assert_never_falls (days);

  /* The views double, and a sync the next day: snapshots cover those two days. The
   * posting days before them now count 150K views, more than the first snapshot's
   * 75K: scaled down to it, the line never falls, and no video counts twice. */
  add_reach_videos (f, id, 2000);
  add_reach_snapshot (f, id, sync + 86400);
  g_clear_pointer (&days, g_array_unref);
  days = rally_store_query_reach_source (f->store, id, &source);
  g_assert_cmpuint (days->len, ==, REACH_DAYS + 2);
  g_assert_cmpint (source.basis, ==, RALLY_REACH_FROM_BOTH);
  g_assert_true (source.scaled);
  g_assert_cmpint (source.posted_until, ==, MARCH_1_2024 + (REACH_DAYS - 1) * 86400);
  g_assert_cmpint (source.snapshots_from, ==, sync_day);
  g_assert_cmpint (reach_day (days, 0)->day, ==, MARCH_1_2024);
  g_assert_cmpint (reach_day (days, 0)->views, ==, 1000);
  g_assert_cmpint (reach_day (days, REACH_DAYS - 1)->views, ==, REACH_DAYS * 1000);
  g_assert_cmpint (reach_day (days, REACH_DAYS - 1)->videos, ==, REACH_DAYS);
  g_assert_cmpint (reach_day (days, REACH_DAYS)->day, ==, sync_day);
  g_assert_cmpint (reach_day (days, REACH_DAYS)->views, ==, REACH_DAYS * 1000);
  g_assert_cmpint (reach_day (days, REACH_DAYS + 1)->views, ==, REACH_DAYS * 2000);
  assert_never_falls (days);

  /* A video posted after the last snapshot (imported, say) is in no snapshot: it adds
   * to the last one on its own posting day. */
  late = rally_test_make_video (7400000000000000000, "latecomer", sync + 3 * 86400, 500);
  g_assert_true (rally_store_upsert_videos (f->store, id, &late, 1, &error));
  g_assert_no_error (error);
  g_object_unref (late);
  g_clear_pointer (&days, g_array_unref);
  days = rally_store_query_reach_source (f->store, id, &source);
  g_assert_cmpuint (days->len, ==, REACH_DAYS + 3);
  g_assert_cmpint (source.posted_after, ==, sync_day + 86400);
  g_assert_cmpint (reach_day (days, REACH_DAYS + 2)->day, ==, sync_day + 3 * 86400);
  g_assert_cmpint (reach_day (days, REACH_DAYS + 2)->videos, ==, REACH_DAYS + 1);
  g_assert_cmpint (reach_day (days, REACH_DAYS + 2)->views, ==, REACH_DAYS * 2000 + 500);
  assert_never_falls (days);
  g_clear_pointer (&basis, g_free);
  basis = rally_reach_source_describe (&source);
  g_assert_nonnull (strstr (basis, "By posting day until "));
}

/* Without videos, snapshots are the history, even one. */
static void
test_store_reach_snapshots_only (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RallyChallenge) challenge = make_challenge ("TypedIn", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) days = NULL;
  RallyReachSource source;

  g_assert_true (rally_store_save_challenge (f->store, challenge, &error));
  days = rally_store_query_reach_source (f->store, rally_challenge_get_id (challenge), &source);
  g_assert_cmpuint (days->len, ==, 0);
  g_assert_cmpint (source.basis, ==, RALLY_REACH_FROM_NOTHING);
  g_assert_null (rally_reach_source_describe (&source));

  add_reach_snapshot (f, rally_challenge_get_id (challenge), MARCH_1_2024);
  g_clear_pointer (&days, g_array_unref);
  days = rally_store_query_reach_source (f->store, rally_challenge_get_id (challenge), &source);
  g_assert_cmpuint (days->len, ==, 1);
  g_assert_cmpint (source.basis, ==, RALLY_REACH_FROM_SNAPSHOTS);
  g_assert_cmpint (source.counts_as_of, ==, 0);
}

/* Files that must be refused and left byte for byte as they were. */

static void
assert_refused (const char *contents,
                gsize       length,
                int         code)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rally.db", NULL);
  g_autofree char *after = NULL;
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gsize after_length = 0;

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  store = rally_store_open (dir, &error);
  g_assert_null (store);
  g_assert_error (error, RALLY_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));

  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (after, after_length, contents, length);
  rally_test_remove_tree (dir);
}

static void
test_store_refuses_text_file (void)
{
  const char *text = "These are my notes, not a database.\n";

  assert_refused (text, strlen (text), RALLY_STORE_ERROR_NOT_A_DATABASE);
}

static void
test_store_refuses_random_bytes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint8 bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);

  assert_refused ((const char *) bytes, sizeof bytes, RALLY_STORE_ERROR_NOT_A_DATABASE);
}

/* Builds a database file with SQLite directly and returns its bytes. */
static char *
make_db_file (const char *dir,
              const char *sql,
              gsize      *length)
{
  g_autofree char *path = g_build_filename (dir, "rally.db", NULL);
  sqlite3 *db = NULL;
  char *contents = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_true (g_file_get_contents (path, &contents, length, NULL));

  return contents;
}

static void
assert_db_refused (const char *sql,
                   int         code)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rally.db", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gsize before_length = 0, after_length = 0;

  before = make_db_file (dir, sql, &before_length);
  store = rally_store_open (dir, &error);
  g_assert_null (store);
  g_assert_error (error, RALLY_STORE_ERROR, code);

  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (after, after_length, before, before_length);
  rally_test_remove_tree (dir);
}

static void
test_store_move_aside (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rally.db", NULL);
  g_autofree char *moved = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = "not a database";

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  store = rally_store_open (dir, &error);
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);

  g_assert_true (rally_store_move_aside (dir, &moved, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (moved, path));
  g_assert_nonnull (strstr (moved, ".broken-"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (moved, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, text);

  /* A fresh workspace starts; the old file stays. */
  store = rally_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_true (rally_store_is_empty (store));
  g_assert_true (g_file_test (moved, G_FILE_TEST_EXISTS));
  g_clear_object (&store);
  rally_test_remove_tree (dir);
}

/* A Rally database whose schema page is overwritten is reported as damaged and left
 * as it is, so that it can still be recovered. */
static void
test_store_refuses_corrupt (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rally.db", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *after = NULL;
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0, after_length = 0;

  store = rally_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&store));

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096);
  memset (contents + 100, 0x5a, 1000);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  store = rally_store_open (dir, &error);
  g_assert_null (store);
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (after, after_length, contents, length);
  rally_test_remove_tree (dir);
}

static void
test_store_refuses_newer_schema (void)
{
  assert_db_refused ("PRAGMA application_id = 1382116473;"
                     "CREATE TABLE campaigns (id INTEGER PRIMARY KEY, future TEXT);"
                     "PRAGMA user_version = 999;",
                     RALLY_STORE_ERROR_NEWER_SCHEMA);
}

static void
test_store_refuses_other_database (void)
{
  assert_db_refused ("CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT);"
                     "INSERT INTO songs (title) VALUES ('Not Rally');",
                     RALLY_STORE_ERROR_NOT_A_DATABASE);
}

/* Version 1 of the schema, written out by hand as a released Rally 1 would have left it. */
static const char v1_schema[] =
  "PRAGMA application_id = 1382116473;"
  "CREATE TABLE campaigns (id INTEGER PRIMARY KEY, created_at INTEGER NOT NULL,"
  " updated_at INTEGER NOT NULL, name TEXT NOT NULL, cause TEXT NOT NULL DEFAULT '',"
  " description TEXT NOT NULL DEFAULT '', status INTEGER NOT NULL DEFAULT 0,"
  " start_date INTEGER NOT NULL DEFAULT 0, end_date INTEGER NOT NULL DEFAULT 0,"
  " goal_views INTEGER NOT NULL DEFAULT 0, goal_videos INTEGER NOT NULL DEFAULT 0,"
  " goal_donations INTEGER NOT NULL DEFAULT 0, budget INTEGER NOT NULL DEFAULT 0,"
  " currency TEXT NOT NULL DEFAULT 'USD', color TEXT NOT NULL DEFAULT '#3584e4',"
  " notes TEXT NOT NULL DEFAULT '');"
  "CREATE TABLE challenges (id INTEGER PRIMARY KEY, created_at INTEGER NOT NULL,"
  " updated_at INTEGER NOT NULL, campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,"
  " hashtag TEXT NOT NULL, hashtag_key TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',"
  " brief TEXT NOT NULL DEFAULT '', call_to_action TEXT NOT NULL DEFAULT '',"
  " rules TEXT NOT NULL DEFAULT '', sound_notes TEXT NOT NULL DEFAULT '',"
  " start_date INTEGER NOT NULL DEFAULT 0, end_date INTEGER NOT NULL DEFAULT 0,"
  " goal_videos INTEGER NOT NULL DEFAULT 0, goal_views INTEGER NOT NULL DEFAULT 0,"
  " regions TEXT NOT NULL DEFAULT '', pledge_per_video INTEGER NOT NULL DEFAULT 0,"
  " pledge_cap INTEGER NOT NULL DEFAULT 0, currency TEXT NOT NULL DEFAULT 'USD',"
  " sponsor TEXT NOT NULL DEFAULT '', status INTEGER NOT NULL DEFAULT 0,"
  " audience INTEGER NOT NULL DEFAULT 1, consent_wording TEXT NOT NULL DEFAULT '',"
  " no_personal_data INTEGER NOT NULL DEFAULT 0, moderation_plan TEXT NOT NULL DEFAULT '',"
  " reporting_route TEXT NOT NULL DEFAULT '');"
  "CREATE UNIQUE INDEX challenges_hashtag_key ON challenges (hashtag_key);"
  "CREATE INDEX challenges_campaign ON challenges (campaign_id);"
  "CREATE TABLE planned_posts (id INTEGER PRIMARY KEY, created_at INTEGER NOT NULL,"
  " updated_at INTEGER NOT NULL, scheduled_at INTEGER NOT NULL, channel TEXT NOT NULL DEFAULT '',"
  " caption TEXT NOT NULL DEFAULT '', status INTEGER NOT NULL DEFAULT 0,"
  " challenge_id INTEGER REFERENCES challenges (id) ON DELETE SET NULL,"
  " campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL);"
  "CREATE INDEX planned_posts_time ON planned_posts (scheduled_at);"
  "CREATE TABLE videos (id INTEGER PRIMARY KEY, created_at INTEGER NOT NULL,"
  " updated_at INTEGER NOT NULL, challenge_id INTEGER NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,"
  " tiktok_id INTEGER NOT NULL, creator TEXT NOT NULL DEFAULT '', region TEXT NOT NULL DEFAULT '',"
  " posted_at INTEGER NOT NULL DEFAULT 0, description TEXT NOT NULL DEFAULT '',"
  " views INTEGER NOT NULL DEFAULT 0, likes INTEGER NOT NULL DEFAULT 0,"
  " comments INTEGER NOT NULL DEFAULT 0, shares INTEGER NOT NULL DEFAULT 0,"
  " origin INTEGER NOT NULL DEFAULT 0, UNIQUE (challenge_id, tiktok_id));"
  "CREATE INDEX videos_views ON videos (challenge_id, views DESC);"
  "CREATE INDEX videos_likes ON videos (challenge_id, likes DESC);"
  "CREATE INDEX videos_posted ON videos (challenge_id, posted_at, views, likes, comments, shares);"
  "CREATE TABLE snapshots (id INTEGER PRIMARY KEY, created_at INTEGER NOT NULL,"
  " updated_at INTEGER NOT NULL, challenge_id INTEGER REFERENCES challenges (id) ON DELETE CASCADE,"
  " taken_at INTEGER NOT NULL, videos INTEGER NOT NULL DEFAULT 0, views INTEGER NOT NULL DEFAULT 0,"
  " likes INTEGER NOT NULL DEFAULT 0, comments INTEGER NOT NULL DEFAULT 0,"
  " shares INTEGER NOT NULL DEFAULT 0, creators INTEGER NOT NULL DEFAULT 0,"
  " source INTEGER NOT NULL DEFAULT 3, fetched_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX snapshots_time ON snapshots (challenge_id, taken_at);"
  "INSERT INTO campaigns (id, created_at, updated_at, name) VALUES (7, 1, 2, 'From version 1');"
  "INSERT INTO challenges (id, created_at, updated_at, campaign_id, hashtag, hashtag_key)"
  " VALUES (3, 1, 2, 7, 'OldTag', 'oldtag');"
  "INSERT INTO videos (created_at, updated_at, challenge_id, tiktok_id, views)"
  " VALUES (1, 2, 3, 9007199254740993, 77);"
  "PRAGMA user_version = 1;";

static void
test_store_upgrade_v1 (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rally.db", NULL);
  g_autofree char *before = NULL;
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(RallyCampaign) campaign = NULL;
  g_autoptr(RallyChallenge) challenge = NULL;
  g_autoptr(RallyChallenge) reuse = make_challenge ("oldTAG", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) videos = NULL;
  g_autoptr(RallyVideo) video = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  RallyTotals totals;
  gsize length;

  before = make_db_file (dir, v1_schema, &length);
  store = rally_store_open (dir, &error);
  g_assert_no_error (error);

  campaign = rally_store_get_campaign (store, 7);
  g_assert_cmpstr (rally_campaign_get_name (campaign), ==, "From version 1");
  challenge = rally_store_get_challenge (store, 3);
  g_assert_cmpstr (rally_challenge_get_hashtag (challenge), ==, "OldTag");
  videos = rally_store_list_videos (store, 3, RALLY_VIDEO_SORT_VIEWS, 0);
  g_assert_cmpuint (g_list_model_get_n_items (videos), ==, 1);
  video = g_list_model_get_item (videos, 0);
  g_assert_cmpint (rally_video_get_tiktok_id (video), ==, G_GINT64_CONSTANT (9007199254740993));

  /* Version 3 built the roll-ups from the videos already there. */
  g_assert_true (rally_store_get_challenge_totals (store, 3, &totals));
  g_assert_cmpint (totals.videos, ==, 1);
  g_assert_cmpint (totals.views, ==, 77);

  /* Version 2 features work: soft delete frees the hashtag, undo restores it. */
  g_assert_true (rally_store_delete_campaign (store, 7, &error));
  g_assert_no_error (error);
  g_assert_null (rally_store_get_challenge (store, 3));
  g_assert_false (rally_store_hashtag_is_taken (store, "OldTag", 0));
  g_assert_true (rally_store_undelete_campaign (store, 7, &error));
  g_assert_no_error (error);
  g_assert_false (rally_store_save_challenge (store, reuse, &error));
  g_assert_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_HASHTAG_TAKEN);
  g_clear_object (&video);
  g_clear_object (&videos);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, (int) rally_store_n_migrations);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  rally_test_remove_tree (dir);
}

static void
test_store_reopen (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-store-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  RallyStore *store;
  g_autoptr(RallyCampaign) campaign = make_campaign ("Persisted");
  g_autoptr(RallyCampaign) loaded = NULL;

  store = rally_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_true (rally_store_save_campaign (store, campaign, &error));
  g_assert_finalize_object (store);

  store = rally_store_open (dir, &error);
  g_assert_no_error (error);
  loaded = rally_store_get_campaign (store, rally_campaign_get_id (campaign));
  g_assert_cmpstr (rally_campaign_get_name (loaded), ==, "Persisted");
  g_assert_finalize_object (store);
  rally_test_remove_tree (dir);
}

#ifndef RALLY_TEST_STORE_PG
/* Whether another process would find the database file locked for reading, as each
 * open SQLite connection of the workspace keeps it (in WAL mode, its SHARED lock:
 * the bytes after SQLite's PENDING_BYTE, 0x40000000). */
#define SQLITE_SHARED_FIRST (0x40000000 + 2)
#define SQLITE_SHARED_SIZE  510

static gboolean
others_see_readers (const char *path)
{
  GPid pid = fork ();
  int status;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      struct flock probe = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
                             .l_start = SQLITE_SHARED_FIRST, .l_len = SQLITE_SHARED_SIZE };
      int fd = g_open (path, O_RDWR, 0);

      _exit (fd >= 0 && fcntl (fd, F_GETLK, &probe) == 0 && probe.l_type == F_RDLCK ? 0 : 1);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status) == 0;
}

/* Another store opened on the workspace and closed again, as a restore's or a
 * purge's thread does, leaves this one's locks as they were: the file's header is
 * read through SQLite, which keeps its descriptors open while a lock needs them. */
static void
test_store_open_keeps_file_locks (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      RallyStore *other = rally_store_open (f->dir, &error);

      g_assert_no_error (error);
      g_assert_true (others_see_readers (rally_store_get_path (f->store)));
      g_assert_finalize_object (other);
      g_assert_true (others_see_readers (rally_store_get_path (f->store)));
    }
}

typedef struct
{
  guint everything;  /* "changed" with no table */
  guint quota;       /* "changed" for the quota */
} Announcements;

static void
announcement_cb (RallyStore    *store,
                 const char    *table,
                 gint64         id,
                 Announcements *seen)
{
  if (table == NULL)
    seen->everything++;
  else if (g_str_equal (table, "quota"))
    seen->quota++;
}

/* A sync writer's commits are marked on its thread and announced later, while it
 * may already be in its next transaction: announcing the earlier mark leaves that
 * transaction unannounced (the store's watch waits for it rather than taking it for
 * another program's), and its own mark announces it; so does a writer going away
 * while the next one has written. */
static void
test_store_sync_writer_marks (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RallyStore) writer = rally_store_open_sync_writer (f->store, NULL);
  g_autoptr(RallyStore) next = NULL;
  g_autoptr(RallyStore) other = NULL;
  g_autoptr(GError) error = NULL;
  Announcements seen = { 0, 0 };
  RallySyncWritesMark first, second;
  gulong handler;

  g_assert_nonnull (writer);
  handler = g_signal_connect (f->store, "changed", G_CALLBACK (announcement_cb), &seen);
  g_assert_false (_rally_store_has_unannounced (f->store));
  g_assert_true (rally_store_add_quota (writer, 1750032000, 1, 100, &error));
  rally_store_mark_sync_writes (writer, &first);
  g_assert_true (rally_store_add_quota (writer, 1750032000, 1, 100, &error));
  rally_store_mark_sync_writes (writer, &second);
  g_assert_no_error (error);
  g_assert_cmpuint (second.transaction, >, first.transaction);

  rally_store_announce_sync_writes (f->store, writer, "quota", &first);
  g_assert_true (_rally_store_has_unannounced (f->store));
  rally_store_announce_sync_writes (f->store, writer, "quota", &second);
  g_assert_false (_rally_store_has_unannounced (f->store));
  g_assert_cmpuint (seen.quota, ==, 2);
  g_assert_cmpuint (seen.everything, ==, 0);

  /* another connection's commit in between: everything is announced */
  other = rally_store_open (f->dir, &error);
  g_assert_no_error (error);
  g_assert_true (rally_store_add_quota (other, 1750032000, 1, 0, &error));
  g_assert_true (rally_store_add_quota (writer, 1750032000, 1, 100, &error));
  g_assert_no_error (error);
  rally_store_announce_sync_writes (f->store, writer, "quota", NULL);
  g_assert_false (_rally_store_has_unannounced (f->store));
  g_assert_cmpuint (seen.everything, ==, 1);

  /* a writer going away leaves the next sync's writer's commit unannounced */
  g_assert_true (rally_store_add_quota (writer, 1750032000, 1, 100, &error));
  next = rally_store_open_sync_writer (f->store, &error);
  g_assert_nonnull (next);
  g_assert_true (rally_store_add_quota (next, 1750032000, 1, 100, &error));
  g_assert_no_error (error);
  g_clear_object (&writer);
  g_assert_true (_rally_store_has_unannounced (f->store));
  rally_store_announce_sync_writes (f->store, next, "quota", NULL);
  g_assert_false (_rally_store_has_unannounced (f->store));
  g_signal_handler_disconnect (f->store, handler);
}

/* rally_store_open_another(): a connection for a thread's long write (a purge) that
 * counts nothing a sync left pending (the sync may still be writing it) and leaves
 * this store's locks alone */
static void
test_store_open_another (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RallyChallenge) syncing = make_challenge ("StillSyncing", 0);
  g_autoptr(RallyChallenge) deleted = make_challenge ("DeletedForGood", 0);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autoptr(RallyStore) other = NULL;
  g_autoptr(GError) error = NULL;
  RallyFetchedVideo video = { .id = 7200000000000000001, .username = (char *) "ana", .create_time = 1750032000,
                              .views = 5 };
  RallySyncPosition position = { 0, 1750032000, 1750032000 + 29 * 86400, 1, NULL, FALSE };

  g_assert_true (rally_store_save_challenge (f->store, syncing, &error));
  g_assert_true (rally_store_save_challenge (f->store, deleted, &error));
  g_assert_no_error (error);
  position.challenge_id = rally_challenge_get_id (syncing);
  g_ptr_array_add (list, &video);
  g_assert_true (rally_store_begin_sync_writes (f->store, &error));
  g_assert_true (rally_store_save_sync_page (f->store, &position, list, 1750032000, 1, 1, &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_delete_challenge (f->store, rally_challenge_get_id (deleted), &error));
  g_assert_no_error (error);

  /* a workspace that is not there is not made */
  {
    g_autofree char *gone = g_build_filename (f->dir, "moved-away", NULL);
    g_autofree char *gone_db = g_build_filename (gone, "rally.db", NULL);

    g_assert_true (g_mkdir (gone, 0700) == 0);
    g_assert_null (rally_store_open_another (gone, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_false (g_file_test (gone_db, G_FILE_TEST_EXISTS));
  }

  other = rally_store_open_another (rally_store_get_data_dir (f->store), &error);
  g_assert_no_error (error);
  g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store), "SELECT COUNT(*) FROM rollup_pending"), ==, 1);
  g_assert_true (rally_store_purge_deleted (other, G_MAXINT64, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&other));
  g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store),
                                       "SELECT COUNT(*) FROM challenges WHERE hashtag = 'DeletedForGood'"), ==, 0);
  g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store), "SELECT COUNT(*) FROM rollup_pending"), ==, 1);
  g_assert_true (others_see_readers (rally_store_get_path (f->store)));
  g_assert_true (rally_store_end_sync_writes (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store), "SELECT COUNT(*) FROM rollup_pending"), ==, 0);
}

/* A sync's writes (their checkpointer's thread and its own descriptor of the file
 * included) leave the store's locks on the file as they found them: a descriptor
 * closed would drop them all, and another process closing the workspace would then
 * delete the log this one still writes to. */
static void
test_store_sync_keeps_file_locks (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (others_see_readers (rally_store_get_path (f->store)));
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (rally_store_begin_sync_writes (f->store, &error));
      g_assert_no_error (error);
      g_assert_true (rally_store_end_sync_writes (f->store, &error));
      g_assert_no_error (error);
      g_assert_true (others_see_readers (rally_store_get_path (f->store)));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/campaign/round-trip", test_store_campaign_round_trip);
  ADD ("/store/challenge/round-trip", test_store_challenge_round_trip);
  ADD ("/store/challenge/unknown-campaign", test_store_challenge_unknown_campaign);
  ADD ("/store/planned-post/round-trip", test_store_planned_post_round_trip);
  ADD ("/store/list/items-changed", test_store_list_items_changed);
  ADD ("/store/campaign/delete-undo", test_store_delete_campaign_undo);
  ADD ("/store/list/posts-move", test_store_list_posts_move);
  ADD ("/store/videos/upsert", test_store_videos_upsert);
  ADD ("/store/snapshots", test_store_snapshots);
  ADD ("/store/reach/join", test_store_reach_join);
  ADD ("/store/reach/snapshots-only", test_store_reach_snapshots_only);
  ADD ("/store/sync/writes", test_store_sync_writes);
  ADD ("/store/sync/day-rollups", test_store_sync_day_rollups);
  ADD ("/store/sync/creators-settle", test_store_sync_creators_settle);
  ADD ("/store/sync/creators-counted", test_store_sync_creators_counted);
  ADD ("/store/sync/creators-tallied", test_store_sync_creators_tallied);
  ADD ("/store/sync/keeps-file-locks", test_store_sync_keeps_file_locks);
  ADD ("/store/open/keeps-file-locks", test_store_open_keeps_file_locks);
  ADD ("/store/open/another", test_store_open_another);
  ADD ("/store/sync/writer-marks", test_store_sync_writer_marks);
#undef ADD
  g_test_add_func ("/store/open/reopen", test_store_reopen);
  g_test_add_func ("/store/open/text-file", test_store_refuses_text_file);
  g_test_add_func ("/store/open/random-bytes", test_store_refuses_random_bytes);
  g_test_add_func ("/store/open/other-database", test_store_refuses_other_database);
  g_test_add_func ("/store/open/newer-schema", test_store_refuses_newer_schema);
  g_test_add_func ("/store/open/upgrade-v1", test_store_upgrade_v1);
  g_test_add_func ("/store/open/move-aside", test_store_move_aside);
  g_test_add_func ("/store/open/corrupt", test_store_refuses_corrupt);

  return g_test_run ();
}
#endif /* RALLY_TEST_STORE_PG */
