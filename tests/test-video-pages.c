/* test-video-pages.c
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

/* The pages of All Videos (rally_store_read_video_page()), laid end to end whichever
 * way they are read (forwards from each page's last row, backwards from each page's
 * first, or by offset from either end), are the whole ordered id list exactly, for
 * every sort, both directions and every origin filter, ties included; and the count
 * is the list's length; the ids a list reads where pages cannot seek are the same list.
 * On SQLite and on a real PostgreSQL. */

#define G_LOG_DOMAIN "test-video-pages"

#include "config.h"

#include "rally-store-analytics.h"
#include "rally-store.h"
#include "rally-test-pg.h"
#include "rally-test-util.h"

#define N_VIDEOS 600
#define PAGE 37

typedef struct
{
  char              *dir;
  RallyStore        *store;
  RallyTestPgFixture pg;
  gint64             challenge_id;
  GHashTable        *seeded;   /* ids of the seeded videos */
} Fixture;

static const char * const creators[] = { "Ana", "ana", "bo", "Émile", "", "zed_9", "Bo" };
static const char * const regions[] = { "US", "GB", "", "FR" };

static void
fill (Fixture *f)
{
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autoptr(GPtrArray) videos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  rally_challenge_set_hashtag (challenge, "pages");
  rally_challenge_set_title (challenge, "Pages");
  g_assert_true (rally_store_save_challenge (f->store, challenge, &error));
  g_assert_no_error (error);
  f->challenge_id = rally_challenge_get_id (challenge);

  /* few distinct values per column: long runs of ties, broken by id */
  for (guint i = 0; i < N_VIDEOS; i++)
    {
      RallyVideo *video = rally_video_new ();

      rally_video_set_tiktok_id (video, 7000000000000000000 + (gint64) i * 7919 % N_VIDEOS);
      rally_video_set_creator (video, creators[i % G_N_ELEMENTS (creators)]);
      rally_video_set_region (video, regions[i % G_N_ELEMENTS (regions)]);
      rally_video_set_posted_at (video, 1750032000 + (i % 5) * 86400);
      rally_video_set_views (video, (i * 31) % 11);
      rally_video_set_likes (video, i % 3);
      rally_video_set_comments (video, (i * 17) % 13);
      rally_video_set_shares (video, 0);
      g_ptr_array_add (videos, video);
    }
  g_assert_true (rally_store_upsert_videos (f->store, f->challenge_id, (RallyVideo **) videos->pdata, videos->len,
                                            &error));
  g_assert_no_error (error);
}

/* One video in nine marked seeded by hand */
static void
mark_seeded (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rally_store_query_video_ids (f->store, f->challenge_id, RALLY_VIDEO_COLUMN_POSTED, FALSE,
                                                       0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, N_VIDEOS);
  f->seeded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < ids->len; i += 9)
    {
      gint64 id = g_array_index (ids, gint64, i);

      g_assert_true (rally_store_set_video_origin (f->store, id, RALLY_VIDEO_ORIGIN_CREATOR, &error));
      g_assert_no_error (error);
      g_hash_table_add (f->seeded, g_memdup2 (&id, sizeof id));
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (GPOINTER_TO_INT (data))
    {
      rally_test_pg_fixture_setup (&f->pg, GINT_TO_POINTER (RALLY_TEST_PG_SOCKET_ONLY));
      if (f->pg.pg == NULL)
        return;
      f->store = rally_store_open (f->pg.uri, &error);
    }
  else
    {
      f->dir = g_dir_make_tmp ("rally-pages-XXXXXX", &error);
      g_assert_no_error (error);
      f->store = rally_store_open (f->dir, &error);
    }
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
  fill (f);
  mark_seeded (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->seeded, g_hash_table_unref);
  if (f->store != NULL)
    g_assert_finalize_object (f->store);
  if (GPOINTER_TO_INT (data))
    {
      rally_test_pg_fixture_teardown (&f->pg, NULL);
      return;
    }
  rally_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* The whole ordered list, of the videos @shown */
static GArray *
expected_ids (Fixture          *f,
              RallyVideoColumn  column,
              gboolean          descending,
              RallyVideoShown   shown)
{
  g_autoptr(GError) error = NULL;
  GArray *all = rally_store_query_video_ids (f->store, f->challenge_id, column, descending, 0, &error);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      gint64 id = g_array_index (all, gint64, i);
      gboolean seeded = g_hash_table_contains (f->seeded, &id);

      if (shown == RALLY_VIDEO_SHOWN_ALL || seeded == (shown == RALLY_VIDEO_SHOWN_SEEDED))
        g_array_append_val (ids, id);
    }
  g_array_unref (all);

  return ids;
}

typedef struct
{
  RallyVideoColumn column;
  gboolean         descending;
  RallyVideoShown  shown;
} Order;

static GPtrArray *
read_page (Fixture     *f,
           const Order *order,
           RallyVideo  *anchor,
           gboolean     backwards,
           guint        offset)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *page = rally_store_read_video_page (f->store, f->challenge_id, order->column, order->descending,
                                                 order->shown, anchor, backwards, offset, PAGE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpuint (page->len, <=, PAGE);

  return page;
}

static void
assert_slice (GArray      *expected,
              guint        first,
              GPtrArray   *page,
              const Order *order)
{
  for (guint i = 0; i < page->len; i++)
    {
      gint64 id = rally_video_get_id (g_ptr_array_index (page, i));

      if (first + i >= expected->len || g_array_index (expected, gint64, first + i) != id)
        g_error ("column %d%s, shown %d: row %u is video %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT,
                 order->column, order->descending ? " descending" : "", order->shown, first + i, id,
                 first + i < expected->len ? g_array_index (expected, gint64, first + i) : -1);
    }
}

/* Forwards from the start, each page after the last one's last row */
static void
check_forwards (Fixture *f, const Order *order, GArray *expected)
{
  g_autoptr(RallyVideo) anchor = NULL;
  guint first = 0;

  for (;;)
    {
      g_autoptr(GPtrArray) page = read_page (f, order, anchor, FALSE, 0);

      assert_slice (expected, first, page, order);
      first += page->len;
      if (page->len < PAGE)
        break;
      g_set_object (&anchor, g_ptr_array_index (page, page->len - 1));
    }
  g_assert_cmpuint (first, ==, expected->len);
}

/* Backwards from the end, each page before the last one's first row */
static void
check_backwards (Fixture *f, const Order *order, GArray *expected)
{
  g_autoptr(RallyVideo) anchor = NULL;
  guint end = expected->len;

  for (;;)
    {
      g_autoptr(GPtrArray) page = read_page (f, order, anchor, TRUE, 0);

      g_assert_cmpuint (page->len, <=, end);
      assert_slice (expected, end - page->len, page, order);
      end -= page->len;
      if (page->len < PAGE)
        break;
      g_set_object (&anchor, g_ptr_array_index (page, 0));
    }
  g_assert_cmpuint (end, ==, 0);
}

/* A jump: by offset from the start, and the same rows by offset from the end */
static void
check_offsets (Fixture *f, const Order *order, GArray *expected)
{
  guint offsets[] = { 0, 1, MIN (PAGE * 3, expected->len - 1), expected->len / 2, expected->len - PAGE };

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      g_autoptr(GPtrArray) page = read_page (f, order, NULL, FALSE, offsets[i]);
      guint after = expected->len - offsets[i] - page->len;
      g_autoptr(GPtrArray) again = NULL;

      if (page->len != MIN (PAGE, expected->len - offsets[i]))
        g_error ("offset %u of %u: %u rows, shown %d", offsets[i], expected->len, page->len, order->shown);
      assert_slice (expected, offsets[i], page, order);
      again = rally_store_read_video_page (f->store, f->challenge_id, order->column, order->descending, order->shown,
                                           NULL, TRUE, after, page->len, NULL);
      g_assert_nonnull (again);
      g_assert_cmpuint (again->len, ==, page->len);
      assert_slice (expected, offsets[i], again, order);
    }
}

static void
test_pages_order (Fixture       *f,
                  gconstpointer  data)
{
  RALLY_TEST_PG_SKIP_IF_MISSING (&f->pg);

  for (RallyVideoShown shown = RALLY_VIDEO_SHOWN_ALL; shown <= RALLY_VIDEO_SHOWN_SEEDED; shown++)
    for (RallyVideoColumn column = 0; column <= RALLY_VIDEO_COLUMN_LAST; column++)
      for (int descending = 0; descending < 2; descending++)
        {
          Order order = { column, descending, shown };
          g_autoptr(GArray) expected = expected_ids (f, column, descending, shown);
          g_autoptr(GError) error = NULL;
          guint count = 0;

          g_assert_true (rally_store_count_videos_shown (f->store, f->challenge_id, shown, &count, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (count, ==, expected->len);
          g_assert_cmpuint (count, >, PAGE);
          check_forwards (f, &order, expected);
          check_backwards (f, &order, expected);
          check_offsets (f, &order, expected);

          /* where pages cannot seek, the list reads these ids instead */
          {
            g_autoptr(GArray) ids = rally_store_query_video_ids_shown (f->store, f->challenge_id, column, descending,
                                                                       shown, &error);

            g_assert_no_error (error);
            g_assert_cmpmem (ids->data, ids->len * sizeof (gint64), expected->data, expected->len * sizeof (gint64));
          }
        }
  g_assert_true (rally_store_seeks_video_pages (f->store) == (GPOINTER_TO_INT (data) != 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/video-pages/sqlite/order", Fixture, GINT_TO_POINTER (0), fixture_setup, test_pages_order,
              fixture_teardown);
  g_test_add ("/video-pages/pg/order", Fixture, GINT_TO_POINTER (1), fixture_setup, test_pages_order,
              fixture_teardown);

  return g_test_run ();
}
