/* test-conflict-ui.c
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

/* The conflict dialog through the real widgets (issue 18, no lost edits): an editor is
 * open on a record, another connection to the same workspace saves it (on PostgreSQL
 * as another login role, "ann"), the editor's Save then brings up the dialog naming
 * who and when, and each of its choices leaves the stored record as it says: Keep
 * Theirs keeps theirs and closes the editor, Keep Mine saves over it, Compare shows the
 * two side by side first. Run on a real PostgreSQL (rally-test-pg.c) and on SQLite.
 *
 * With RALLY_CONFLICT_SHOW set it only opens the dialog, compared, and waits: for
 * /work/shared/tools/screenshots. */

#include "config.h"

#include <adwaita.h>

#include "rally-campaign-editor.h"
#include "rally-challenge-editor.h"
#include "rally-conflict-dialog.h"
#include "rally-model.h"
#include "rally-store.h"
#include "rally-test-pg.h"
#include "rally-test-ui.h"
#include "rally-test-util.h"

typedef enum
{
  CHOOSE_THEIRS,
  CHOOSE_MINE,
  COMPARE_THEN_MINE,
} Choice;

typedef struct
{
  gboolean on_pg;
  Choice   choice;
  gboolean challenge;
} Case;

typedef struct
{
  char               *dir;
  RallyTestPgFixture  pg;
  RallyStore         *mine;
  RallyStore         *theirs;
  char               *their_name;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *ann_uri = NULL;

  if (!c->on_pg)
    {
      f->dir = g_dir_make_tmp ("rally-conflict-ui-XXXXXX", &error);
      g_assert_no_error (error);
      f->mine = rally_store_open (f->dir, &error);
      g_assert_no_error (error);
      f->theirs = rally_store_open (f->dir, &error);
      g_assert_no_error (error);
      f->their_name = rally_test_computer_user_name ();
      return;
    }

  rally_test_pg_fixture_setup (&f->pg, GINT_TO_POINTER (RALLY_TEST_PG_SOCKET_ONLY));
  if (f->pg.pg == NULL)
    return;
  f->mine = rally_store_open (f->pg.uri, &error);
  g_assert_no_error (error);
  ann_uri = rally_test_pg_add_superuser (f->pg.pg, "ann", "rally", &error);
  g_assert_no_error (error);
  f->theirs = rally_store_open (ann_uri, &error);
  g_assert_no_error (error);
  f->their_name = g_strdup ("ann");
}

static void
close_windows (void)
{
  GtkWindow *window;

  while ((window = rally_test_find_window (RALLY_TYPE_CONFLICT_DIALOG)) != NULL ||
         (window = rally_test_find_window (RALLY_TYPE_CAMPAIGN_EDITOR)) != NULL ||
         (window = rally_test_find_window (RALLY_TYPE_CHALLENGE_EDITOR)) != NULL)
    gtk_window_destroy (window);
  rally_test_iterate ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_windows ();
  g_clear_object (&f->theirs);
  g_clear_object (&f->mine);
  g_free (f->their_name);
  if (f->dir != NULL)
    {
      rally_test_remove_tree (f->dir);
      g_free (f->dir);
    }
  else
    rally_test_pg_fixture_teardown (&f->pg, NULL);
}

/* The button of the dialog that runs @action, as a person would press it */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;

  return FALSE;
}

static void
wait_for_label (GtkWidget  *widget,
                const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!has_label (widget, text) && g_get_monotonic_time () < deadline)
    rally_test_iterate ();
  g_assert_true (has_label (widget, text));
}

static void
press (GtkWidget  *dialog,
       const char *action)
{
  GtkWidget *button = find_button (dialog, action);
  const char *name;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  /* a button with a name a screen reader says */
  name = gtk_button_get_label (GTK_BUTTON (button));
  g_assert_nonnull (name);
  g_assert_cmpstr (name, !=, "");
  g_signal_emit_by_name (button, "clicked");
  rally_test_iterate ();
}

static void
wait_for_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < deadline)
    rally_test_iterate ();
  g_assert_true (gtk_widget_get_mapped (widget));
}

/* Opens an editor on @record in the first connection, lets the second save the record
 * with @their_text, types @my_text into @field and saves: the dialog comes up. */
static RallyConflictDialog *
edit_against (Fixture     *f,
              GtkWindow   *editor,
              GType        editor_type,
              const char  *field,
              const char  *my_text,
              const char  *save_action)
{
  GtkEditable *entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (editor), editor_type, field));
  RallyConflictDialog *dialog;

  gtk_window_present (editor);
  wait_for_mapped (GTK_WIDGET (editor));

  gtk_editable_set_text (entry, my_text);
  rally_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), save_action, NULL));
  rally_test_iterate ();

  dialog = RALLY_CONFLICT_DIALOG (rally_test_find_window (RALLY_TYPE_CONFLICT_DIALOG));
  g_assert_nonnull (dialog);
  wait_for_mapped (GTK_WIDGET (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == editor);

  return dialog;
}

/* The heading names who saved it and at what time, as the stored record says */
static void
assert_heading (Fixture             *f,
                RallyConflictDialog *dialog,
                RallyRecord         *theirs)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (rally_record_get_updated_at (theirs));
  g_autofree char *time = g_date_time_format (when, "%H:%M");
  const char *heading = rally_conflict_dialog_get_heading (dialog);

  g_test_message ("heading: %s", heading);
  g_assert_true (g_str_has_prefix (heading, f->their_name));
  g_assert_nonnull (strstr (heading, time));
  g_assert_nonnull (strstr (heading, "while you were editing"));
  g_assert_true (has_label (GTK_WIDGET (dialog), heading));
  g_assert_cmpstr (rally_record_get_changed_by (rally_conflict_dialog_get_stored (dialog)), ==, f->their_name);
}

static void
choose (RallyConflictDialog *dialog,
        Choice               choice)
{
  if (choice == COMPARE_THEN_MINE)
    {
      press (GTK_WIDGET (dialog), "conflict.compare");
      /* theirs beside mine, per field that differs */
      g_assert_cmpuint (rally_conflict_dialog_get_n_differing (dialog), ==, 1);
      wait_for_label (GTK_WIDGET (dialog), "Theirs");
      wait_for_label (GTK_WIDGET (dialog), "Yours");
      g_assert_false (gtk_widget_get_mapped (find_button (GTK_WIDGET (dialog), "conflict.compare")));
    }
  press (GTK_WIDGET (dialog), choice == CHOOSE_THEIRS ? "conflict.keep-theirs" : "conflict.keep-mine");
}

/* A campaign's name or a challenge's title, as the editor of each shows it */
static void
set_text (RallyRecord *record,
          const char  *text)
{
  if (RALLY_IS_CAMPAIGN (record))
    rally_campaign_set_name (RALLY_CAMPAIGN (record), text);
  else
    rally_challenge_set_title (RALLY_CHALLENGE (record), text);
}

static const char *
get_text (RallyRecord *record)
{
  return RALLY_IS_CAMPAIGN (record) ? rally_campaign_get_name (RALLY_CAMPAIGN (record))
                                    : rally_challenge_get_title (RALLY_CHALLENGE (record));
}

static gboolean
save (RallyStore  *store,
      RallyRecord *record)
{
  g_autoptr(GError) error = NULL;
  gboolean saved = RALLY_IS_CAMPAIGN (record) ? rally_store_save_campaign (store, RALLY_CAMPAIGN (record), &error)
                                              : rally_store_save_challenge (store, RALLY_CHALLENGE (record), &error);

  g_assert_no_error (error);
  return saved;
}

static RallyRecord *
load (RallyStore  *store,
      RallyRecord *like,
      gint64       id)
{
  return RALLY_IS_CAMPAIGN (like) ? RALLY_RECORD (rally_store_get_campaign (store, id))
                                  : RALLY_RECORD (rally_store_get_challenge (store, id));
}

static void
test_editor (Fixture       *f,
             gconstpointer  data)
{
  const Case *c = data;
  g_autoptr(RallyRecord) created = NULL;
  g_autoptr(RallyRecord) theirs = NULL;
  g_autoptr(RallyRecord) stored = NULL;
  RallyConflictDialog *dialog;
  GtkWindow *editor;
  GType editor_type;
  gint64 id;

  if (f->mine == NULL)
    return;

  if (c->challenge)
    {
      created = RALLY_RECORD (rally_challenge_new ());
      rally_challenge_set_hashtag (RALLY_CHALLENGE (created), "NoLostEdits");
    }
  else
    created = RALLY_RECORD (rally_campaign_new ());
  set_text (created, "As Loaded");
  g_assert_true (save (f->mine, created));
  id = rally_record_get_id (created);

  editor = c->challenge ? GTK_WINDOW (rally_challenge_editor_new (f->mine, RALLY_CHALLENGE (created), 0))
                        : GTK_WINDOW (rally_campaign_editor_new (f->mine, RALLY_CAMPAIGN (created)));
  /* someone else saves it while the editor is open */
  theirs = load (f->theirs, created, id);
  set_text (theirs, "Theirs");
  g_assert_true (save (f->theirs, theirs));

  dialog = c->challenge
    ? edit_against (f, editor, RALLY_TYPE_CHALLENGE_EDITOR, "title_row", "Mine", "editor.save-draft")
    : edit_against (f, editor, RALLY_TYPE_CAMPAIGN_EDITOR, "name_row", "Mine", "editor.save");
  assert_heading (f, dialog, theirs);
  g_assert_nonnull (strstr (rally_conflict_dialog_get_heading (dialog), c->challenge ? "challenge" : "campaign"));
  /* nothing written yet */
  stored = load (f->mine, created, id);
  g_assert_cmpstr (get_text (stored), ==, "Theirs");
  g_clear_object (&stored);

  editor_type = G_OBJECT_TYPE (editor);
  choose (dialog, c->choice);

  g_assert_null (rally_test_find_window (RALLY_TYPE_CONFLICT_DIALOG));
  g_assert_null (rally_test_find_window (editor_type));
  stored = load (f->theirs, created, id);
  g_assert_cmpstr (get_text (stored), ==, c->choice == CHOOSE_THEIRS ? "Theirs" : "Mine");
  g_assert_cmpint (rally_record_get_version (stored), ==, c->choice == CHOOSE_THEIRS ? 2 : 3);
}

/* RALLY_CONFLICT_SHOW: the dialog of a campaign, compared, until killed */
static int
show (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rally-conflict-show-XXXXXX", &error);
  g_autoptr(RallyStore) mine = rally_store_open (dir, &error);
  g_autoptr(RallyStore) theirs = rally_store_open (dir, &error);
  g_autoptr(RallyCampaign) created = rally_campaign_new ();
  g_autoptr(RallyCampaign) other = NULL;
  RallyCampaignEditor *editor;
  GtkWidget *dialog;

  g_assert_no_error (error);
  rally_campaign_set_name (created, "Clean Rivers");
  rally_campaign_set_cause (created, "Clean water for every village");
  rally_campaign_set_goal_views (created, 1000000);
  g_assert_true (rally_store_save_campaign (mine, created, &error));
  editor = rally_campaign_editor_new (mine, created);
  other = rally_store_get_campaign (theirs, rally_campaign_get_id (created));
  rally_campaign_set_name (other, "Clean Rivers 2026");
  rally_campaign_set_goal_views (other, 2500000);
  rally_campaign_set_notes (other, "Budget agreed with the board on Monday; the launch moves a week.");
  g_assert_true (rally_store_save_campaign (theirs, other, &error));
  gtk_window_present (GTK_WINDOW (editor));
  rally_campaign_editor_set_color (editor, "#2ec27e");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  dialog = GTK_WIDGET (rally_test_find_window (RALLY_TYPE_CONFLICT_DIALOG));
  g_assert_nonnull (dialog);
  if (g_strcmp0 (g_getenv ("RALLY_CONFLICT_SHOW"), "compare") == 0)
    gtk_widget_activate_action (dialog, "conflict.compare", NULL);
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}

static const Case cases[] = {
  { TRUE, CHOOSE_THEIRS, FALSE },
  { TRUE, CHOOSE_MINE, FALSE },
  { TRUE, COMPARE_THEN_MINE, FALSE },
  { TRUE, CHOOSE_THEIRS, TRUE },
  { TRUE, COMPARE_THEN_MINE, TRUE },
  { FALSE, CHOOSE_THEIRS, FALSE },
  { FALSE, COMPARE_THEN_MINE, FALSE },
  { FALSE, CHOOSE_MINE, TRUE },
};

int
main (int   argc,
      char *argv[])
{
  static const char * const choice_names[] = { "keep-theirs", "keep-mine", "compare-keep-mine" };
  g_autofree char *why = NULL;
  g_autofree char *tmp_dir = rally_test_isolate_user_dirs ();
  gboolean have_pg;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_test_init (&argc, &argv, NULL);
  if (!rally_test_init_gtk ())
    {
      g_test_skip ("No display");
      return 77;
    }
  adw_init ();

  if (g_getenv ("RALLY_CONFLICT_SHOW") != NULL)
    return show ();

  have_pg = rally_test_pg_available (&why);
  if (!have_pg)
    g_test_message ("PostgreSQL cases skipped: %s", why);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/conflict-ui/%s/%s/%s", cases[i].on_pg ? "pg" : "sqlite",
                                               cases[i].challenge ? "challenge" : "campaign",
                                               choice_names[cases[i].choice]);

      if (cases[i].on_pg && !have_pg)
        continue;
      g_test_add (path, Fixture, &cases[i], fixture_setup, test_editor, fixture_teardown);
    }

  return g_test_run ();
}
