/* test-events.c
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

/* Events on the timeline, the partner roster (organic and seeded videos, their split)
 * and donations as a series: the model and the store, without a display. */

#include "config.h"

#include <string.h>

#include "rally-date-utils.h"
#include "rally-donations.h"
#include "rally-sample.h"
#include "rally-store.h"
#include "rally-store-events.h"
#include "rally-store-origins.h"
#include "rally-store-private.h"
#include "rally-store-sync.h"
#include "rally-test-util.h"
#include "rally-test-workspace.h"

#define DAY(n) ((gint64) 1750032000 + (gint64) (n) * 86400) /* 2025-06-16 UTC + n days */

typedef struct
{
  char       *dir;
  RallyStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("rally-events-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = rally_store_open (f->dir, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  rally_test_remove_tree (f->dir);
  g_free (f->dir);
}

static RallyEvent *
make_event (gint64      challenge_id,
            gint64      campaign_id,
            const char *title,
            gint64      first_day,
            gint64      last_day)
{
  RallyEvent *event = rally_event_new ();

  rally_event_set_challenge_id (event, challenge_id);
  rally_event_set_campaign_id (event, campaign_id);
  rally_event_set_title (event, title);
  rally_event_set_first_day (event, first_day);
  rally_event_set_last_day (event, last_day);
  return event;
}

static void
assert_event_invalid (RallyEvent *event,
                      int         code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rally_event_validate (event, &error));
  g_assert_error (error, RALLY_MODEL_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_event_validation (void)
{
  g_autoptr(RallyEvent) event = make_event (1, 0, "Joke-Ha-Thon launch", DAY (0), DAY (0));
  g_autoptr(GError) error = NULL;
  g_autofree char *long_title = g_strnfill (RALLY_EVENT_TITLE_MAX_CHARS + 1, 'x');
  g_autofree char *longest_title = g_strnfill (RALLY_EVENT_TITLE_MAX_CHARS, 'x');

  g_assert_true (rally_event_validate (event, &error));
  g_assert_no_error (error);
  g_assert_false (rally_event_is_period (event));
  g_assert_cmpint (rally_event_get_kind (event), ==, RALLY_EVENT_KIND_OTHER);

  /* a promoted hashtag for a week is a period */
  rally_event_set_kind (event, RALLY_EVENT_KIND_PROMOTED_HASHTAG);
  rally_event_set_last_day (event, DAY (6));
  g_assert_true (rally_event_validate (event, NULL));
  g_assert_true (rally_event_is_period (event));

  rally_event_set_last_day (event, DAY (-1));
  assert_event_invalid (event, RALLY_MODEL_ERROR_DATES_ORDER);
  rally_event_set_last_day (event, DAY (0));

  rally_event_set_title (event, "   ");
  assert_event_invalid (event, RALLY_MODEL_ERROR_REQUIRED);
  rally_event_set_title (event, long_title);
  assert_event_invalid (event, RALLY_MODEL_ERROR_TOO_LONG);
  rally_event_set_title (event, longest_title);
  g_assert_true (rally_event_validate (event, NULL));

  rally_event_set_first_day (event, 0);
  assert_event_invalid (event, RALLY_MODEL_ERROR_REQUIRED);
  rally_event_set_first_day (event, rally_day_from_ymd (1970, 1, 2));
  assert_event_invalid (event, RALLY_MODEL_ERROR_DAY_RANGE);
  rally_event_set_first_day (event, DAY (0));
  rally_event_set_last_day (event, rally_day_from_ymd (2200, 1, 1));
  assert_event_invalid (event, RALLY_MODEL_ERROR_DAY_RANGE);
  rally_event_set_last_day (event, DAY (0));

  /* exactly one owner */
  rally_event_set_campaign_id (event, 2);
  assert_event_invalid (event, RALLY_MODEL_ERROR_EVENT_OWNER);
  rally_event_set_challenge_id (event, 0);
  g_assert_true (rally_event_validate (event, NULL));
  rally_event_set_campaign_id (event, 0);
  assert_event_invalid (event, RALLY_MODEL_ERROR_EVENT_OWNER);
}

static gint64
save_challenge (Fixture            *f,
                const char         *hashtag,
                gint64              campaign_id,
                const char * const *partners)
{
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autoptr(GError) error = NULL;

  rally_challenge_set_hashtag (challenge, hashtag);
  rally_challenge_set_campaign_id (challenge, campaign_id);
  rally_challenge_set_partners (challenge, partners);
  rally_store_save_challenge (f->store, challenge, &error);
  g_assert_no_error (error);
  return rally_challenge_get_id (challenge);
}

static void
save_event (Fixture    *f,
            RallyEvent *event)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rally_store_save_event (f->store, event, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rally_event_get_id (event), >, 0);
}

static const char *
title_at (GListModel *list,
          guint       position)
{
  g_autoptr(RallyEvent) event = g_list_model_get_item (list, position);

  /* the list holds the object, so the string outlives this reference */
  return rally_event_get_title (event);
}

static void
count_changed_cb (RallyStore *store,
                  const char *table,
                  gint64      id,
                  guint      *count)
{
  (*count)++;
}

static void
test_event_crud_cascade (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
  g_autoptr(RallyEvent) launch = NULL;
  g_autoptr(RallyEvent) promoted = NULL;
  g_autoptr(RallyEvent) press = NULL;
  g_autoptr(RallyEvent) campaign_event = NULL;
  g_autoptr(RallyEvent) orphan = NULL;
  g_autoptr(RallyEvent) loaded = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GListModel) campaign_events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 challenge_id, campaign_id;
  guint changes = 0;

  rally_campaign_set_name (campaign, "Red Nose Day");
  g_assert_true (rally_store_save_campaign (f->store, campaign, &error));
  campaign_id = rally_campaign_get_id (campaign);
  challenge_id = save_challenge (f, "rednoseday", campaign_id, NULL);
  events = rally_store_list_challenge_events (f->store, challenge_id);
  campaign_events = rally_store_list_campaign_events (f->store, campaign_id);
  g_signal_connect (f->store, "changed::events", G_CALLBACK (count_changed_cb), &changes);

  /* saved out of order, listed by first day */
  promoted = make_event (challenge_id, 0, "Promoted hashtag", DAY (3), DAY (9));
  rally_event_set_kind (promoted, RALLY_EVENT_KIND_PROMOTED_HASHTAG);
  rally_event_set_note (promoted, "Invented for the test");
  save_event (f, promoted);
  launch = make_event (challenge_id, 0, "Launch", DAY (0), DAY (0));
  rally_event_set_kind (launch, RALLY_EVENT_KIND_LAUNCH);
  save_event (f, launch);
  press = make_event (challenge_id, 0, "Press", DAY (5), DAY (5));
  save_event (f, press);
  campaign_event = make_event (0, campaign_id, "Campaign kick-off", DAY (-2), DAY (-2));
  save_event (f, campaign_event);
  g_assert_cmpuint (changes, ==, 4);

  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 3);
  g_assert_cmpstr (title_at (events, 0), ==, "Launch");
  g_assert_cmpstr (title_at (events, 1), ==, "Promoted hashtag");
  g_assert_cmpstr (title_at (events, 2), ==, "Press");
  g_assert_cmpuint (g_list_model_get_n_items (campaign_events), ==, 1);

  loaded = rally_store_get_event (f->store, rally_event_get_id (promoted));
  g_assert_nonnull (loaded);
  g_assert_cmpint (rally_event_get_kind (loaded), ==, RALLY_EVENT_KIND_PROMOTED_HASHTAG);
  g_assert_cmpstr (rally_event_get_note (loaded), ==, "Invented for the test");
  g_assert_cmpint (rally_event_get_first_day (loaded), ==, DAY (3));
  g_assert_cmpint (rally_event_get_last_day (loaded), ==, DAY (9));
  g_assert_cmpint (rally_event_get_campaign_id (loaded), ==, 0);

  /* an update moves it in the list */
  rally_event_set_first_day (promoted, DAY (6));
  save_event (f, promoted);
  g_assert_cmpstr (title_at (events, 2), ==, "Promoted hashtag");

  /* an invalid event or an unknown owner is refused, and nothing is written */
  orphan = make_event (challenge_id + 100, 0, "Nowhere", DAY (1), DAY (1));
  g_assert_false (rally_store_save_event (f->store, orphan, &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (rally_event_get_id (orphan), ==, 0);
  rally_event_set_challenge_id (orphan, challenge_id);
  rally_event_set_last_day (orphan, DAY (0));
  g_assert_false (rally_store_save_event (f->store, orphan, &error));
  g_assert_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_DATES_ORDER);
  g_clear_error (&error);

  g_assert_true (rally_store_delete_event (f->store, rally_event_get_id (press), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 2);
  g_assert_null (rally_store_get_event (f->store, rally_event_get_id (press)));
  g_assert_false (rally_store_delete_event (f->store, rally_event_get_id (press), &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* deleting the campaign (with its challenge) and purging it takes every event along */
  g_assert_true (rally_store_delete_campaign (f->store, campaign_id, &error));
  g_assert_true (rally_store_purge_deleted (f->store, G_MAXINT64, &error));
  g_assert_no_error (error);
  g_assert_null (rally_store_get_event (f->store, rally_event_get_id (launch)));
  g_assert_null (rally_store_get_event (f->store, rally_event_get_id (campaign_event)));
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (campaign_events), ==, 0);
}

static void
test_roster_normalize (Fixture       *f,
                       gconstpointer  data)
{
  const char * const typed[] = { "@Ana_B", "ana_b", "  ben.c ", "", "@CARA99", NULL };
  const char * const expected[] = { "ana_b", "ben.c", "cara99", NULL };
  const char * const bad[] = { "a", "@x", "abcdefghijklmnopqrstuvwxy", "two words", "émile", "ana,ben", "#tag" };
  g_autoptr(RallyChallenge) stored = NULL;
  g_auto(GStrv) roster = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  roster = rally_partners_normalize (typed, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_equal ((const char * const *) roster, expected));
  g_assert_true (rally_username_validate ("abcdefghijklmnopqrstuvwx", NULL, NULL));  /* 24 */
  g_assert_true (rally_username_validate ("@ab", NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char * const one[] = { "fine", bad[i], NULL };
      g_auto(GStrv) none = rally_partners_normalize (one, &error);

      g_assert_null (none);
      g_assert_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_USERNAME);
      g_clear_error (&error);
    }

  /* the store saves the roster normalized, and refuses a bad one */
  id = save_challenge (f, "roster", 0, typed);
  stored = rally_store_get_challenge (f->store, id);
  g_assert_true (g_strv_equal (rally_challenge_get_partners (stored), expected));
  {
    const char * const one[] = { "two words", NULL };

    rally_challenge_set_partners (stored, one);
    g_assert_false (rally_store_save_challenge (f->store, stored, &error));
    g_assert_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_USERNAME);
    g_assert_nonnull (strstr (error->message, "two words"));
  }
}

static RallyVideoOrigin
origin_of (Fixture *f,
           gint64   video_id)
{
  g_autoptr(RallyVideo) video = rally_store_get_video (f->store, video_id);

  g_assert_nonnull (video);
  return rally_video_get_origin (video);
}

static void
set_roster (Fixture            *f,
            gint64              challenge_id,
            const char * const *partners)
{
  g_autoptr(RallyChallenge) challenge = rally_store_get_challenge (f->store, challenge_id);
  g_autoptr(GError) error = NULL;

  rally_challenge_set_partners (challenge, partners);
  g_assert_true (rally_store_save_challenge (f->store, challenge, &error));
  g_assert_no_error (error);
}

/* ana, ben (twice) and cara; cara's video marked partner by hand, ben's second organic. */
static gint64
save_roster_videos (Fixture *f,
                    gint64   ids[4])
{
  gint64 challenge_id = save_challenge (f, "seeded", 0, NULL);
  g_autoptr(GError) error = NULL;
  RallyVideo *videos[4] = {
    rally_test_make_video (101, "ana", DAY (0) + 60, 1000),
    rally_test_make_video (102, "ben", DAY (0) + 120, 2000),
    rally_test_make_video (103, "ben", DAY (1) + 60, 4000),
    rally_test_make_video (104, "cara", DAY (1) + 120, 8000),
  };

  g_assert_true (rally_store_upsert_videos (f->store, challenge_id, videos, 4, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      ids[i] = rally_video_get_id (videos[i]);
      g_object_unref (videos[i]);
    }
  g_assert_true (rally_store_set_video_origin (f->store, ids[3], RALLY_VIDEO_ORIGIN_PARTNER, &error));
  g_assert_true (rally_store_set_video_origin (f->store, ids[2], RALLY_VIDEO_ORIGIN_ORGANIC, &error));
  g_assert_no_error (error);
  return challenge_id;
}

static void
test_roster_recompute (Fixture       *f,
                       gconstpointer  data)
{
  const char * const ana_ben[] = { "ANA", "@ben", NULL };
  const char * const cara[] = { "cara", NULL };
  g_autoptr(RallyVideo) marked = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[4], challenge_id;
  guint changes = 0;

  challenge_id = save_roster_videos (f, ids);
  g_signal_connect (f->store, "changed::videos", G_CALLBACK (count_changed_cb), &changes);

  set_roster (f, challenge_id, ana_ben);
  g_assert_cmpint (changes, ==, 1);
  g_assert_cmpint (origin_of (f, ids[0]), ==, RALLY_VIDEO_ORIGIN_PARTNER);
  g_assert_cmpint (origin_of (f, ids[1]), ==, RALLY_VIDEO_ORIGIN_PARTNER);
  /* set by hand: the roster leaves them alone */
  g_assert_cmpint (origin_of (f, ids[2]), ==, RALLY_VIDEO_ORIGIN_ORGANIC);
  g_assert_cmpint (origin_of (f, ids[3]), ==, RALLY_VIDEO_ORIGIN_PARTNER);
  marked = rally_store_get_video (f->store, ids[3]);
  g_assert_true (rally_video_get_origin_manual (marked));

  /* saving the same roster again writes no video */
  set_roster (f, challenge_id, ana_ben);
  g_assert_cmpint (changes, ==, 1);

  set_roster (f, challenge_id, cara);
  g_assert_cmpint (origin_of (f, ids[0]), ==, RALLY_VIDEO_ORIGIN_ORGANIC);
  g_assert_cmpint (origin_of (f, ids[1]), ==, RALLY_VIDEO_ORIGIN_ORGANIC);
  g_assert_cmpint (origin_of (f, ids[2]), ==, RALLY_VIDEO_ORIGIN_ORGANIC);

  /* an upsert of the same videos keeps the marks */
  {
    RallyVideo *again = rally_test_make_video (104, "cara", DAY (1) + 120, 9000);

    rally_video_set_origin (again, RALLY_VIDEO_ORIGIN_ORGANIC);
    g_assert_true (rally_store_upsert_videos (f->store, challenge_id, &again, 1, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rally_video_get_origin (again), ==, RALLY_VIDEO_ORIGIN_PARTNER);
    g_object_unref (again);
  }

  /* lifting ben's mark gives his video the roster's origin: cara's roster, so organic;
   * lifting it on ana's roster makes it seeded */
  set_roster (f, challenge_id, ana_ben);
  g_assert_cmpint (origin_of (f, ids[2]), ==, RALLY_VIDEO_ORIGIN_ORGANIC);
  g_assert_true (rally_store_reset_video_origin (f->store, ids[2], &error));
  g_assert_no_error (error);
  g_assert_cmpint (origin_of (f, ids[2]), ==, RALLY_VIDEO_ORIGIN_PARTNER);
  g_assert_false (rally_store_reset_video_origin (f->store, ids[3] + 1000, &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_FOUND);
}

static void
sync_page (Fixture          *f,
           gint64            challenge_id,
           RallyFetchedVideo *videos,
           guint             n)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  RallySyncPosition position = { challenge_id, DAY (0), DAY (29), 1, NULL, TRUE, 0 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (list, &videos[i]);
  g_assert_true (rally_store_save_sync_page (f->store, &position, list, DAY (0), 1, n, &error));
  g_assert_no_error (error);
}

static RallyVideoOrigin
synced_origin (Fixture *f,
               gint64   challenge_id,
               gint64   tiktok_id)
{
  g_autoptr(GListModel) videos = rally_store_list_videos (f->store, challenge_id, RALLY_VIDEO_SORT_VIEWS, 100);

  for (guint i = 0; i < g_list_model_get_n_items (videos); i++)
    {
      g_autoptr(RallyVideo) video = g_list_model_get_item (videos, i);

      if (rally_video_get_tiktok_id (video) == tiktok_id)
        return rally_video_get_origin (video);
    }
  g_assert_not_reached ();
}

static void
test_sync_partner_seeded (Fixture       *f,
                          gconstpointer  data)
{
  const char * const roster[] = { "ana_b", NULL };
  gint64 challenge_id = save_challenge (f, "synced", 0, roster);
  RallyFetchedVideo page[3] = {
    { .id = 1, .username = (char *) "ana_b", .create_time = DAY (0), .views = 10, .likes = -1, .comments = -1, .shares = -1, .favorites = -1 },
    { .id = 2, .username = (char *) "zed", .create_time = DAY (0), .views = 20, .likes = -1, .comments = -1, .shares = -1, .favorites = -1 },
    /* the creator is not known yet */
    { .id = 3, .username = (char *) "", .create_time = DAY (1), .views = 30, .likes = -1, .comments = -1, .shares = -1, .favorites = -1 },
  };
  /* every counter: several rows a statement */
  RallyFetchedVideo complete[2] = {
    { .id = 4, .username = (char *) "Ana_B", .create_time = DAY (1),
      .views = 40, .likes = 4, .comments = 1, .shares = 1, .favorites = -1 },
    { .id = 5, .username = (char *) "zed", .create_time = DAY (1),
      .views = 50, .likes = 5, .comments = 1, .shares = 1, .favorites = -1 },
  };

  sync_page (f, challenge_id, page, 3);
  sync_page (f, challenge_id, complete, 2);
  g_assert_cmpint (synced_origin (f, challenge_id, 1), ==, RALLY_VIDEO_ORIGIN_PARTNER);
  g_assert_cmpint (synced_origin (f, challenge_id, 2), ==, RALLY_VIDEO_ORIGIN_ORGANIC);
  g_assert_cmpint (synced_origin (f, challenge_id, 3), ==, RALLY_VIDEO_ORIGIN_ORGANIC);
  g_assert_cmpint (synced_origin (f, challenge_id, 4), ==, RALLY_VIDEO_ORIGIN_PARTNER);
  g_assert_cmpint (synced_origin (f, challenge_id, 5), ==, RALLY_VIDEO_ORIGIN_ORGANIC);

  /* a later page names the creator of video 3: a partner */
  page[2].username = (char *) "ana_b";
  sync_page (f, challenge_id, &page[2], 1);
  g_assert_cmpint (synced_origin (f, challenge_id, 3), ==, RALLY_VIDEO_ORIGIN_PARTNER);
}

static void
test_origin_split (Fixture       *f,
                   gconstpointer  data)
{
  const char * const roster[] = { "ana", NULL };
  g_autoptr(GArray) days = NULL;
  RallyOriginSplit split;
  RallyOriginSplit *day;
  gint64 ids[4], challenge_id;

  challenge_id = save_roster_videos (f, ids);
  set_roster (f, challenge_id, roster);

  /* seeded: ana (1000 views, day 0) and cara by hand (8000, day 1); organic: ben's two */
  g_assert_true (rally_store_get_origin_split (f->store, challenge_id, &split));
  g_assert_cmpint (split.seeded.videos, ==, 2);
  g_assert_cmpint (split.seeded.views, ==, 9000);
  g_assert_cmpint (split.seeded.likes, ==, 900);
  g_assert_cmpint (split.seeded.comments, ==, 90);
  g_assert_cmpint (split.seeded.shares, ==, 180);
  g_assert_cmpint (split.organic.videos, ==, 2);
  g_assert_cmpint (split.organic.views, ==, 6000);
  g_assert_cmpint (split.organic.likes, ==, 600);
  g_assert_cmpint (split.organic.shares, ==, 120);

  days = rally_store_query_daily_origin (f->store, challenge_id, DAY (0), 0);
  g_assert_cmpuint (days->len, ==, 2);
  day = &g_array_index (days, RallyOriginSplit, 0);
  g_assert_cmpint (day->organic.day, ==, DAY (0));
  g_assert_cmpint (day->seeded.day, ==, DAY (0));
  g_assert_cmpint (day->seeded.videos, ==, 1);
  g_assert_cmpint (day->seeded.views, ==, 1000);
  g_assert_cmpint (day->organic.videos, ==, 1);
  g_assert_cmpint (day->organic.views, ==, 2000);
  day = &g_array_index (days, RallyOriginSplit, 1);
  g_assert_cmpint (day->organic.day, ==, DAY (1));
  g_assert_cmpint (day->seeded.views, ==, 8000);
  g_assert_cmpint (day->organic.views, ==, 4000);
  g_clear_pointer (&days, g_array_unref);

  /* the range limits the days */
  days = rally_store_query_daily_origin (f->store, challenge_id, DAY (1), DAY (2));
  g_assert_cmpuint (days->len, ==, 1);
  g_assert_cmpint (g_array_index (days, RallyOriginSplit, 0).seeded.videos, ==, 1);
}

static void
assert_points (RallySeries  *series,
               const double *expected,
               guint         n)
{
  guint n_points = 0;
  const RallyPoint *points = rally_series_get_points (series, &n_points);

  g_assert_cmpuint (n_points, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (points[i].t, ==, DAY (i));
      g_assert_cmpfloat (points[i].v, ==, expected[i]);
    }
}

static void
test_donations_cap (void)
{
  g_autoptr(RallySeries) videos = rally_series_new ("Videos", "#e01b24");
  g_autoptr(RallyDonations) capped = NULL;
  g_autoptr(RallyDonations) uncapped = NULL;
  g_autoptr(RallyDonations) nothing = NULL;
  /* 10, 30, 50 then 20 new videos at £1 each, capped at £50 (minor units) */
  const double counts[] = { 10, 30, 50, 20 };
  const double daily[] = { 1000, 3000, 1000, 0 };
  const double cumulative[] = { 1000, 4000, 5000, 5000 };
  const double uncapped_cumulative[] = { 1000, 4000, 9000, 11000 };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    rally_series_append (videos, DAY (i), counts[i]);

  capped = rally_donations_compute (videos, 100, 5000, "GBP");
  assert_points (capped->daily, daily, 4);
  assert_points (capped->cumulative, cumulative, 4);
  g_assert_cmpint (capped->total, ==, 5000);
  g_assert_cmpint (capped->cap, ==, 5000);
  g_assert_cmpint (capped->cap_reached_day, ==, DAY (2));
  g_assert_cmpstr (capped->currency, ==, "GBP");
  g_assert_nonnull (strstr (rally_series_get_name (capped->cumulative), "GBP"));

  uncapped = rally_donations_compute (videos, 100, 0, "GBP");
  assert_points (uncapped->cumulative, uncapped_cumulative, 4);
  g_assert_cmpint (uncapped->cap_reached_day, ==, 0);

  /* no pledge raises nothing; a huge pledge saturates at the cap instead of overflowing */
  nothing = rally_donations_compute (videos, 0, 5000, "GBP");
  g_assert_cmpint (nothing->total, ==, 0);
  g_assert_cmpint (nothing->cap_reached_day, ==, 0);
  g_clear_pointer (&nothing, rally_donations_free);
  nothing = rally_donations_compute (videos, G_MAXINT64 / 4, G_MAXINT64 - 1, "GBP");
  g_assert_cmpint (nothing->total, ==, G_MAXINT64 - 1);
  g_assert_cmpint (nothing->cap_reached_day, ==, DAY (0));
}

/* A workspace of schema 10 whose videos had origins set: they were set by hand, so
 * step 11 marks them and a roster saved later leaves them alone. */
static void
test_migration_marks_origins (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rally-events-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "rally.db", NULL);
  g_autofree char *set_app_id = g_strdup_printf ("PRAGMA application_id = %d", RALLY_STORE_APPLICATION_ID);
  g_autoptr(RallyVideo) organic = NULL;
  g_autoptr(RallyVideo) marked = NULL;
  g_autoptr(RallyChallenge) challenge = NULL;
  const char * const roster[] = { "ana", NULL };
  RallyStore *store;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint step = 0; step < 10; step++)
    g_assert_cmpint (sqlite3_exec (db, rally_store_migrations[step], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO challenges (id, created_at, updated_at, hashtag, hashtag_key)"
                                 " VALUES (1, 1, 1, 'old', 'old');"
                                 "INSERT INTO videos (id, created_at, updated_at, challenge_id, tiktok_id, creator, origin)"
                                 " VALUES (1, 1, 1, 1, 10, 'ana', 0), (2, 1, 1, 1, 11, 'ana', 2);"
                                 "PRAGMA user_version = 10;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, set_app_id, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = rally_store_open (dir, &error);
  g_assert_no_error (error);
  challenge = rally_store_get_challenge (store, 1);
  g_assert_cmpuint (g_strv_length ((char **) rally_challenge_get_partners (challenge)), ==, 0);
  rally_challenge_set_partners (challenge, roster);
  g_assert_true (rally_store_save_challenge (store, challenge, &error));
  g_assert_no_error (error);

  organic = rally_store_get_video (store, 1);
  marked = rally_store_get_video (store, 2);
  g_assert_false (rally_video_get_origin_manual (organic));
  g_assert_cmpint (rally_video_get_origin (organic), ==, RALLY_VIDEO_ORIGIN_PARTNER);
  g_assert_true (rally_video_get_origin_manual (marked));
  g_assert_cmpint (rally_video_get_origin (marked), ==, RALLY_VIDEO_ORIGIN_CREATOR);

  g_clear_object (&challenge);
  g_assert_finalize_object (store);
  rally_test_remove_tree (dir);
}

/* The sample's challenges carry the roster their seeded videos come from, so a roster
 * edited later keeps them seeded. */
static void
test_sample_roster (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GListModel) challenges = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rally_sample_create (f->store, 1, &error));
  g_assert_no_error (error);
  challenges = rally_store_list_challenges (f->store, 0);
  g_assert_cmpuint (g_list_model_get_n_items (challenges), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (challenges); i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (challenges, i);
      g_autoptr(RallyChallenge) edited = rally_record_copy (RALLY_RECORD (challenge));
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) roster = NULL;
      RallyOriginSplit before, after;

      g_assert_true (rally_store_get_origin_split (f->store, rally_challenge_get_id (challenge), &before));
      g_assert_cmpint (before.seeded.videos, >, 0);
      g_assert_cmpint (before.organic.videos, >, before.seeded.videos);

      g_strv_builder_addv (builder, (const char **) rally_challenge_get_partners (challenge));
      g_strv_builder_add (builder, "new_partner");
      roster = g_strv_builder_end (builder);
      rally_challenge_set_partners (edited, (const char * const *) roster);
      g_assert_true (rally_store_save_challenge (f->store, edited, &error));
      g_assert_no_error (error);
      g_assert_true (rally_store_get_origin_split (f->store, rally_challenge_get_id (challenge), &after));
      g_assert_cmpint (after.seeded.videos, ==, before.seeded.videos);
      g_assert_cmpint (after.seeded.views, ==, before.seeded.views);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/events/validation", test_event_validation);
  g_test_add ("/events/crud-cascade", Fixture, NULL, fixture_setup, test_event_crud_cascade, fixture_teardown);
  g_test_add ("/roster/normalize", Fixture, NULL, fixture_setup, test_roster_normalize, fixture_teardown);
  g_test_add ("/roster/recompute", Fixture, NULL, fixture_setup, test_roster_recompute, fixture_teardown);
  g_test_add ("/roster/sync-seeded", Fixture, NULL, fixture_setup, test_sync_partner_seeded, fixture_teardown);
  g_test_add ("/roster/split", Fixture, NULL, fixture_setup, test_origin_split, fixture_teardown);
  g_test_add_func ("/roster/migration", test_migration_marks_origins);
  g_test_add ("/roster/sample", Fixture, NULL, fixture_setup, test_sample_roster, fixture_teardown);
  g_test_add_func ("/donations/cap", test_donations_cap);

  return g_test_run ();
}
