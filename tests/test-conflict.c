/* test-conflict.c
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

/* Record versions (issue 18, no lost edits): two connections to one workspace, a
 * folder's SQLite opened twice or a real PostgreSQL server (rally-test-pg.c) with the
 * second connection logged in as another role, "ann". A save over a version that is
 * no longer the stored one fails with RALLY_STORE_ERROR_CONFLICT, names who saved it
 * and changes nothing; a save at the stored version goes through and raises it. */

#include "config.h"

#include "rally-store.h"
#include "rally-store-events.h"
#include "rally-test-pg.h"
#include "rally-test-util.h"

typedef struct
{
  char               *dir;
  RallyTestPgFixture  pg;
  RallyStore         *mine;
  RallyStore         *theirs;
  char               *their_name;    /* who the second connection saves as */
  gint64              campaign_id;   /* an owner for challenges, posts and events */
} Fixture;

static void
add_owner (Fixture *f)
{
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
  g_autoptr(GError) error = NULL;

  rally_campaign_set_name (campaign, "Owner");
  g_assert_true (rally_store_save_campaign (f->mine, campaign, &error));
  g_assert_no_error (error);
  f->campaign_id = rally_campaign_get_id (campaign);
}

static void
sqlite_setup (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("rally-conflict-XXXXXX", &error);
  g_assert_no_error (error);
  f->mine = rally_store_open (f->dir, &error);
  g_assert_no_error (error);
  f->theirs = rally_store_open (f->dir, &error);
  g_assert_no_error (error);
  f->their_name = rally_test_computer_user_name ();
  add_owner (f);
}

static void
pg_setup (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ann_uri = NULL;

  rally_test_pg_fixture_setup (&f->pg, GINT_TO_POINTER (RALLY_TEST_PG_SOCKET_ONLY));
  if (f->pg.pg == NULL)
    return;

  f->mine = rally_store_open (f->pg.uri, &error);
  g_assert_no_error (error);

  /* Ann: another login role on the same server */
  ann_uri = rally_test_pg_add_superuser (f->pg.pg, "ann", "rally", &error);
  g_assert_no_error (error);
  f->theirs = rally_store_open (ann_uri, &error);
  g_assert_no_error (error);
  f->their_name = g_strdup ("ann");
  add_owner (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->theirs != NULL)
    g_assert_finalize_object (f->theirs);
  if (f->mine != NULL)
    g_assert_finalize_object (f->mine);
  g_free (f->their_name);
  if (f->dir != NULL)
    {
      rally_test_remove_tree (f->dir);
      g_free (f->dir);
    }
  else
    rally_test_pg_fixture_teardown (&f->pg, NULL);
}

/* The four kinds of record an editor saves, through one set of functions */
typedef struct
{
  const char   *name;
  RallyRecord *(*make) (Fixture *f);
  void         (*set_text) (RallyRecord *record, const char *text);
  const char  *(*get_text) (RallyRecord *record);
  gboolean     (*save) (RallyStore *store, RallyRecord *record, GError **error);
  RallyRecord *(*get) (RallyStore *store, gint64 id);
} Kind;

static RallyRecord *
make_campaign (Fixture *f)
{
  RallyCampaign *campaign = rally_campaign_new ();

  rally_campaign_set_name (campaign, "First");
  return RALLY_RECORD (campaign);
}

static RallyRecord *
make_challenge (Fixture *f)
{
  RallyChallenge *challenge = rally_challenge_new ();

  rally_challenge_set_hashtag (challenge, "NoLostEdits");
  rally_challenge_set_campaign_id (challenge, f->campaign_id);
  rally_challenge_set_title (challenge, "First");
  return RALLY_RECORD (challenge);
}

static RallyRecord *
make_post (Fixture *f)
{
  RallyPlannedPost *post = rally_planned_post_new ();

  rally_planned_post_set_scheduled_at (post, 1717250000);
  rally_planned_post_set_channel (post, "TikTok");
  rally_planned_post_set_caption (post, "First");
  rally_planned_post_set_campaign_id (post, f->campaign_id);
  return RALLY_RECORD (post);
}

static RallyRecord *
make_event (Fixture *f)
{
  RallyEvent *event = rally_event_new ();

  rally_event_set_campaign_id (event, f->campaign_id);
  rally_event_set_title (event, "First");
  rally_event_set_first_day (event, 1717200000);
  rally_event_set_last_day (event, 1717200000);
  return RALLY_RECORD (event);
}

#define TEXT_FUNCS(type, field) \
  static void set_##type (RallyRecord *r, const char *t) { rally_##type##_set_##field ((gpointer) r, t); } \
  static const char *get_##type (RallyRecord *r) { return rally_##type##_get_##field ((gpointer) r); } \
  static gboolean save_##type (RallyStore *s, RallyRecord *r, GError **e) { return rally_store_save_##type (s, (gpointer) r, e); } \
  static RallyRecord *load_##type (RallyStore *s, gint64 id) { return (RallyRecord *) rally_store_get_##type (s, id); }

TEXT_FUNCS (campaign, name)
TEXT_FUNCS (challenge, title)
TEXT_FUNCS (planned_post, caption)
TEXT_FUNCS (event, title)

static const Kind kinds[] = {
  { "campaign", make_campaign, set_campaign, get_campaign, save_campaign, load_campaign },
  { "challenge", make_challenge, set_challenge, get_challenge, save_challenge, load_challenge },
  { "post", make_post, set_planned_post, get_planned_post, save_planned_post, load_planned_post },
  { "event", make_event, set_event, get_event, save_event, load_event },
};

static void
test_stale_save (Fixture       *f,
                 gconstpointer  data)
{
  const Kind *kind = data;
  g_autoptr(RallyRecord) created = NULL;
  g_autoptr(RallyRecord) mine = NULL;
  g_autoptr(RallyRecord) theirs = NULL;
  g_autoptr(RallyRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *change = NULL;
  gint64 id;

  if (f->mine == NULL)
    return;   /* no PostgreSQL here */

  created = kind->make (f);
  g_assert_true (kind->save (f->mine, created, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rally_record_get_version (created), ==, 1);
  id = rally_record_get_id (created);

  /* both open it at version 1 */
  mine = kind->get (f->mine, id);
  theirs = kind->get (f->theirs, id);
  g_assert_cmpint (rally_record_get_version (mine), ==, 1);
  g_assert_cmpint (rally_record_get_version (theirs), ==, 1);

  /* a fresh save goes through and raises the version, saying who saved it */
  kind->set_text (theirs, "Theirs");
  g_assert_true (kind->save (f->theirs, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rally_record_get_version (theirs), ==, 2);
  g_assert_cmpstr (rally_record_get_changed_by (theirs), ==, f->their_name);

  /* a stale one fails, names who and when, and changes nothing */
  kind->set_text (mine, "Mine");
  g_assert_false (kind->save (f->mine, mine, &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, f->their_name));
  g_assert_cmpint (rally_record_get_version (mine), ==, 1);
  g_assert_cmpint (rally_record_get_id (mine), ==, id);
  g_clear_error (&error);

  stored = kind->get (f->mine, id);
  g_assert_cmpstr (kind->get_text (stored), ==, "Theirs");
  g_assert_cmpint (rally_record_get_version (stored), ==, 2);
  g_assert_cmpstr (rally_record_get_changed_by (stored), ==, f->their_name);
  g_assert_cmpint (rally_record_get_updated_at (stored), ==, rally_record_get_updated_at (theirs));
  change = rally_store_describe_change (stored);
  g_assert_true (g_str_has_prefix (change, f->their_name));
  g_assert_nonnull (strstr (change, kind->name));

  /* saved at the stored version (Keep Mine), it goes through */
  rally_record_set_version (mine, rally_record_get_version (stored));
  g_assert_true (kind->save (f->mine, mine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rally_record_get_version (mine), ==, 3);
  g_clear_object (&stored);
  stored = kind->get (f->theirs, id);
  g_assert_cmpstr (kind->get_text (stored), ==, "Mine");
  g_assert_cmpint (rally_record_get_version (stored), ==, 3);

  /* and theirs, now stale in turn, is refused */
  kind->set_text (theirs, "Theirs again");
  g_assert_false (kind->save (f->theirs, theirs, &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_CONFLICT);
}

/* A record deleted meanwhile is not a conflict: it is gone */
static void
test_deleted (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RallyCampaign) mine = NULL;
  g_autoptr(GError) error = NULL;

  if (f->mine == NULL)
    return;

  mine = rally_store_get_campaign (f->mine, f->campaign_id);
  g_assert_true (rally_store_delete_campaign (f->theirs, f->campaign_id, &error));
  g_assert_no_error (error);
  rally_campaign_set_name (mine, "Mine");
  g_assert_false (rally_store_save_campaign (f->mine, mine, &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *why = NULL;
  gboolean have_pg;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  have_pg = rally_test_pg_available (&why);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *sqlite_path = g_strdup_printf ("/conflict/sqlite/%s", kinds[i].name);
      g_autofree char *pg_path = g_strdup_printf ("/conflict/pg/%s", kinds[i].name);

      g_test_add (sqlite_path, Fixture, &kinds[i], sqlite_setup, test_stale_save, fixture_teardown);
      if (have_pg)
        g_test_add (pg_path, Fixture, &kinds[i], pg_setup, test_stale_save, fixture_teardown);
    }
  g_test_add ("/conflict/sqlite/deleted", Fixture, NULL, sqlite_setup, test_deleted, fixture_teardown);
  if (have_pg)
    g_test_add ("/conflict/pg/deleted", Fixture, NULL, pg_setup, test_deleted, fixture_teardown);
  else
    g_test_message ("PostgreSQL cases skipped: %s", why);

  return g_test_run ();
}
