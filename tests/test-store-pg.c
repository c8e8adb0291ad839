/* test-store-pg.c
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

/* A representative part of test-store.c's cases, run on a team workspace in a real
 * PostgreSQL server started for each test (rally-test-pg.c): the same store code, the
 * same assertions, the other driver. */

#define RALLY_TEST_STORE_PG 1
/* the cases of files and SQLite alone stay unregistered here */
#pragma GCC diagnostic ignored "-Wunused-function"
#include "test-store.c"

int
main (int   argc,
      char *argv[])
{
  g_autofree char *why = NULL;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!rally_test_pg_available (&why))
    {
      g_test_skip (why);
      return g_test_run ();
    }

#define ADD(path, func) g_test_add ("/store-pg" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/campaign/round-trip", test_store_campaign_round_trip);
  ADD ("/challenge/round-trip", test_store_challenge_round_trip);
  ADD ("/challenge/unknown-campaign", test_store_challenge_unknown_campaign);
  ADD ("/planned-post/round-trip", test_store_planned_post_round_trip);
  ADD ("/campaign/delete-undo", test_store_delete_campaign_undo);
  ADD ("/videos/upsert", test_store_videos_upsert);
  ADD ("/snapshots", test_store_snapshots);
  ADD ("/reach/join", test_store_reach_join);
  ADD ("/sync/writes", test_store_sync_writes);
  ADD ("/list/items-changed", test_store_list_items_changed);
  ADD ("/list/posts-move", test_store_list_posts_move);
  ADD ("/reach/snapshots-only", test_store_reach_snapshots_only);
#undef ADD

  return g_test_run ();
}
