/* test-challenge-editor.c
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

/* The challenge editor with real widgets, headless: the hashtag's message for each rule,
 * Save enabled only when it can save, other field errors, scheduling's requirements,
 * editing a copy, and a draft saved through the window reaching the store and the
 * Challenges list. */

#include "config.h"

#include <adwaita.h>

#include "rally-application.h"
#include "rally-challenge-editor.h"
#include "rally-challenge-preview.h"
#include "rally-challenges-page.h"
#include "rally-reflow-box.h"
#include "rally-model.h"
#include "rally-test-util.h"
#include "rally-window.h"
#include "rally-test-ui.h"

static RallyApplication *the_app;
static char *tmp_dir;

static RallyApplication *
start_app (void)
{
  g_autoptr(GError) error = NULL;

  if (the_app == NULL)
    {
      g_autofree char *data_dir = g_build_filename (tmp_dir, "workspace", NULL);

      the_app = rally_application_new ();
      rally_application_set_data_dir (the_app, data_dir);
      g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (the_app), NULL, &error);
      g_assert_no_error (error);
    }

  g_application_activate (G_APPLICATION (the_app));
  rally_test_iterate ();

  return the_app;
}

static RallyStore *
get_store (void)
{
  RallyStore *store = rally_application_get_store (start_app ());

  g_assert_nonnull (store);
  return store;
}

static GtkWidget *
child (gpointer    editor,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (editor), RALLY_TYPE_CHALLENGE_EDITOR, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static void
type_text (gpointer    editor,
           const char *row,
           const char *text)
{
  GtkWidget *field = child (editor, row);

  if (GTK_IS_TEXT_VIEW (field))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (field), text);
  rally_test_iterate ();
}

static const char *
message (gpointer    editor,
         const char *label)
{
  GtkWidget *widget = child (editor, label);

  return gtk_widget_get_visible (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : "";
}

static gboolean
can_click (gpointer    editor,
           const char *button)
{
  return gtk_widget_get_sensitive (child (editor, button));
}

/* What a click does; gtk_widget_activate() would wait for the press animation. */
static void
click (gpointer    editor,
       const char *button)
{
  g_signal_emit_by_name (child (editor, button), "clicked");
  rally_test_iterate ();
}

static RallyChallenge *
save_challenge (const char *hashtag)
{
  g_autoptr(GError) error = NULL;
  RallyChallenge *challenge = rally_challenge_new ();

  rally_challenge_set_hashtag (challenge, hashtag);
  g_assert_true (rally_store_save_challenge (get_store (), challenge, &error));
  g_assert_no_error (error);

  return challenge;
}

static RallyChallengeEditor *
new_editor (void)
{
  RallyChallengeEditor *editor = rally_challenge_editor_new (get_store (), NULL, 0);

  gtk_window_present (GTK_WINDOW (editor));
  rally_test_iterate ();
  return editor;
}

static void
test_hashtag_messages (void)
{
  g_autoptr(RallyChallenge) taken = save_challenge ("TakenTag");
  RallyChallengeEditor *editor = new_editor ();
  g_autofree char *too_long = g_strnfill (101, 'a');
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  static const struct { const char *text; const char *says; } invalid[] = {
    { "Act ForClimate", "space" },
    { "Act#Climate", "“#” inside" },
    { "Act-Climate", "“-”" },
    { NULL, "101 characters" },
    { "2024", "only digits" },
    { "takentag", "already used" },
    { "#TAKENTAG", "already used" },
  };
  static const char *valid[] = {
    "ActForClimate", "#ActForClimate", "Act_For_Climate_2026", "ÉcoDéfi", "ñandú",
    "تحدي_المناخ", "जलवायु", "2024Climate",
  };

  /* Empty: a hint, not an error; nothing to save yet. */
  g_assert_false (can_click (editor, "draft_button"));
  g_assert_false (can_click (editor, "schedule_button"));
  g_assert_false (gtk_widget_has_css_class (child (editor, "hashtag_message"), "error"));

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      const char *text = invalid[i].text != NULL ? invalid[i].text : too_long;

      type_text (editor, "hashtag_row", text);
      g_test_message ("%s → %s", text, message (editor, "hashtag_message"));
      g_assert_nonnull (strstr (message (editor, "hashtag_message"), invalid[i].says));
      g_assert_true (gtk_widget_has_css_class (child (editor, "hashtag_message"), "error"));
      g_assert_false (can_click (editor, "draft_button"));
      g_assert_false (can_click (editor, "schedule_button"));
      g_assert_false (rally_challenge_editor_get_can_save (editor));
      g_hash_table_add (seen, (gpointer) g_intern_string (message (editor, "hashtag_message")));

      /* Fixing it enables saving again. */
      type_text (editor, "hashtag_row", "ActForClimate");
      g_assert_cmpstr (message (editor, "hashtag_message"), ==, "");
      g_assert_true (can_click (editor, "draft_button"));
    }
  /* Each rule has its own message (the two taken cases name different tags). */
  g_assert_cmpuint (g_hash_table_size (seen), ==, G_N_ELEMENTS (invalid));

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      type_text (editor, "hashtag_row", valid[i]);
      g_assert_cmpstr (message (editor, "hashtag_message"), ==, "");
      g_assert_true (can_click (editor, "draft_button"));
      g_assert_true (can_click (editor, "schedule_button"));
      /* A leading '#' is accepted and stripped. */
      g_assert_cmpstr (rally_challenge_get_hashtag (rally_challenge_editor_get_challenge (editor)), ==,
                       valid[i][0] == '#' ? valid[i] + 1 : valid[i]);
    }

  gtk_window_destroy (GTK_WINDOW (editor));
  rally_test_iterate ();
}

static void
select_day (gpointer    editor,
            const char *calendar,
            int         year,
            int         month,
            int         day)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (year, month, day, 12, 0, 0);

  gtk_calendar_select_day (GTK_CALENDAR (child (editor, calendar)), date);
  rally_test_iterate ();
}

static void
test_field_errors (void)
{
  RallyChallengeEditor *editor = new_editor ();
  RallyChallenge *copy = rally_challenge_editor_get_challenge (editor);

  type_text (editor, "hashtag_row", "FieldErrors");
  g_assert_true (can_click (editor, "draft_button"));

  /* End before start. */
  select_day (editor, "start_calendar", 2026, 12, 10);
  select_day (editor, "end_calendar", 2026, 12, 1);
  g_assert_cmpint (rally_challenge_get_start_date (copy), ==, 1796860800);
  g_assert_cmpstr (message (editor, "dates_message"), ==, "The end date is before the start date");
  g_assert_false (can_click (editor, "draft_button"));
  select_day (editor, "end_calendar", 2026, 12, 31);
  g_assert_cmpstr (message (editor, "dates_message"), ==, "Runs for 22 days");
  g_assert_true (can_click (editor, "draft_button"));

  /* Cap below the pledge. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (editor, "pledge_spin")), 2.0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (editor, "cap_spin")), 1.5);
  rally_test_iterate ();
  g_assert_nonnull (strstr (message (editor, "pledge_message"), "below the pledge"));
  g_assert_false (can_click (editor, "draft_button"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (editor, "cap_spin")), 50000);
  rally_test_iterate ();
  g_assert_cmpstr (message (editor, "pledge_message"), ==, "");
  g_assert_cmpint (rally_challenge_get_pledge_per_video (copy), ==, 200);
  g_assert_cmpint (rally_challenge_get_pledge_cap (copy), ==, 5000000);
  g_assert_true (can_click (editor, "draft_button"));

  /* A region that is not a country code. */
  type_text (editor, "regions_view", "gb, UK");
  g_assert_nonnull (strstr (message (editor, "regions_message"), "“UK” is not a country code"));
  g_assert_false (can_click (editor, "draft_button"));
  type_text (editor, "regions_view", "gb, ke");
  g_assert_true (can_click (editor, "draft_button"));
  g_assert_cmpstr (rally_challenge_get_regions (copy)[1], ==, "KE");

  gtk_window_destroy (GTK_WINDOW (editor));
  rally_test_iterate ();
}

/* The label below @root showing @text, depth first. */
static GtkLabel *
find_label_with_text (GtkWidget  *root,
                      const char *text)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (w) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), text) == 0)
        return GTK_LABEL (w);
      if ((found = find_label_with_text (w, text)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
hyphens_off (PangoAttribute *attr,
             gpointer        data)
{
  return attr->klass->type == PANGO_ATTR_INSERT_HYPHENS && !((PangoAttrInt *) attr)->value;
}

/* A hashtag that wraps breaks between characters without a hyphen:
 * "#ActForClimat-e" would read as another tag. */
static void
test_preview_hashtag_no_hyphen (void)
{
  RallyChallengeEditor *editor = new_editor ();
  RallyChallengePreview *preview = RALLY_CHALLENGE_PREVIEW (child (editor, "preview"));
  GtkLabel *label;
  PangoAttrList *attrs;
  g_autoptr(PangoAttrList) off = NULL;

  type_text (editor, "hashtag_row", "ActForClimate");
  label = find_label_with_text (GTK_WIDGET (preview), "#ActForClimate");
  g_assert_nonnull (label);
  attrs = gtk_label_get_attributes (label);
  g_assert_nonnull (attrs);
  off = pango_attr_list_filter (attrs, hyphens_off, NULL);
  g_assert_nonnull (off);

  gtk_window_destroy (GTK_WINDOW (editor));
  rally_test_iterate ();
}

static void
test_preview (void)
{
  RallyChallengeEditor *editor = new_editor ();
  RallyChallengePreview *preview = RALLY_CHALLENGE_PREVIEW (child (editor, "preview"));

  g_assert_cmpstr (rally_challenge_preview_get_hashtag_text (preview), ==, "#YourHashtag");
  type_text (editor, "hashtag_row", "#PreviewTag");
  g_assert_cmpstr (rally_challenge_preview_get_hashtag_text (preview), ==, "#PreviewTag");

  type_text (editor, "sponsor_row", "Acme");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (editor, "pledge_spin")), 2.0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (editor, "cap_spin")), 50000);
  rally_test_iterate ();
  g_assert_cmpstr (rally_challenge_preview_get_pledge_text (preview), ==,
                   "For every video, Acme gives $2, up to $50,000");
  /* Large figures read with grouped digits, as in the campaign editor. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "cap_spin"))), ==, "50,000");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (editor, "goal_views_spin")), 3000000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "goal_views_spin"))), ==, "3,000,000");

  /* Switching to the yen: no decimals, and the amounts keep their numbers. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, "currency_row")), 10);
  rally_test_iterate ();
  g_assert_cmpstr (rally_challenge_get_currency (rally_challenge_editor_get_challenge (editor)), ==, "JPY");
  g_assert_cmpuint (gtk_spin_button_get_digits (GTK_SPIN_BUTTON (child (editor, "pledge_spin"))), ==, 0);
  g_assert_cmpstr (rally_challenge_preview_get_pledge_text (preview), ==,
                   "For every video, Acme gives ¥2, up to ¥50,000");

  /* Minors can take part (13+ by default): the checklist shows; 18+ hides it. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (editor, "audience_row"))), ==, RALLY_AUDIENCE_13_PLUS);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (editor, "safeguarding_revealer"))));
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, "audience_row")), RALLY_AUDIENCE_18_PLUS);
  rally_test_iterate ();
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (child (editor, "safeguarding_revealer"))));

  gtk_window_destroy (GTK_WINDOW (editor));
  rally_test_iterate ();
}

/* The editor fits a 360 px phone: the preview moves below the form. */
static void
test_narrow (void)
{
  RallyChallengeEditor *editor = rally_challenge_editor_new (get_store (), NULL, 0);
  RallyReflowBox *reflow = RALLY_REFLOW_BOX (child (editor, "reflow_box"));
  int minimum = 0, natural = 0;

  gtk_widget_measure (GTK_WIDGET (editor), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  gtk_window_set_default_size (GTK_WINDOW (editor), 360, 720);
  gtk_window_present (GTK_WINDOW (editor));
  rally_test_iterate ();
  g_assert_true (rally_reflow_box_get_folded (reflow));
  g_assert_cmpint (gtk_widget_get_width (child (editor, "preview")), <=, 360);

  gtk_window_set_default_size (GTK_WINDOW (editor), 1100, 720);
  /* The X server answers the resize asynchronously. */
  for (guint i = 0; i < 100 && gtk_widget_get_width (GTK_WIDGET (editor)) < 1000; i++)
    {
      g_usleep (G_USEC_PER_SEC / 50);
      rally_test_iterate ();
    }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (editor)), >=, 1000);
  g_assert_false (rally_reflow_box_get_folded (reflow));

  gtk_window_destroy (GTK_WINDOW (editor));
  rally_test_iterate ();
}

static void
set_text_view (gpointer    editor,
               const char *view,
               const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (editor, view))), text, -1);
  rally_test_iterate ();
}

static void
saved_cb (RallyChallengeEditor *editor,
          RallyChallenge       *challenge,
          gpointer              user_data)
{
  RallyChallenge **out = user_data;

  g_set_object (out, challenge);
}

static void
test_schedule (void)
{
  RallyChallengeEditor *editor = new_editor ();
  g_autoptr(RallyChallenge) saved = NULL;
  g_autoptr(RallyChallenge) stored = NULL;
  GtkWidget *banner;

  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved);
  type_text (editor, "hashtag_row", "ScheduleMe");

  /* Nothing but a hashtag: scheduling says what is missing and saves nothing. */
  click (editor, "schedule_button");
  rally_test_iterate ();
  banner = child (editor, "banner_label");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (editor, "banner_revealer"))));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (banner)), "To schedule, add a start date, an end date and a brief."));
  g_assert_null (saved);
  g_assert_null (rally_store_find_challenge (get_store (), "ScheduleMe"));

  select_day (editor, "start_calendar", 2030, 1, 1);
  select_day (editor, "end_calendar", 2030, 1, 31);
  click (editor, "schedule_button");
  rally_test_iterate ();
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (banner)), "To schedule, add a brief."));

  /* Minors can take part: the store wants the safeguarding checklist. */
  set_text_view (editor, "brief_view", "Plant a tree and film it.");
  click (editor, "schedule_button");
  rally_test_iterate ();
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (banner)), "Safeguarding"));
  g_assert_null (saved);

  type_text (editor, "consent_view", "A parent agrees before anyone under 18 posts");
  gtk_switch_set_active (GTK_SWITCH (child (editor, "no_personal_data_switch")), TRUE);
  type_text (editor, "moderation_view", "Two moderators check every video daily");
  type_text (editor, "reporting_view", "report@example.org");
  g_object_ref (editor);
  click (editor, "schedule_button");
  rally_test_iterate ();

  g_assert_nonnull (saved);
  g_assert_cmpint (rally_challenge_get_status (saved), ==, RALLY_CHALLENGE_STATUS_SCHEDULED);
  stored = rally_store_find_challenge (get_store (), "scheduleme");
  g_assert_nonnull (stored);
  g_assert_cmpint (rally_challenge_get_status (stored), ==, RALLY_CHALLENGE_STATUS_SCHEDULED);
  g_assert_cmpstr (rally_challenge_get_brief (stored), ==, "Plant a tree and film it.");
  /* Saving closes the window. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_object_unref (editor);
}

static RallyWindow *
get_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (start_app ()));

  g_assert_true (RALLY_IS_WINDOW (window));
  return RALLY_WINDOW (window);
}

static RallyChallengesPage *
get_page (RallyWindow *window)
{
  GtkWidget *page = rally_window_get_page (window, "challenges");

  g_assert_true (RALLY_IS_CHALLENGES_PAGE (page));
  return RALLY_CHALLENGES_PAGE (page);
}

static RallyChallengeEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (RALLY_IS_CHALLENGE_EDITOR (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return RALLY_CHALLENGE_EDITOR (window);
    }

  return NULL;
}

static gboolean
list_has (RallyChallengesPage *page,
          const char          *hashtag)
{
  GtkListView *list = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (page), RALLY_TYPE_CHALLENGES_PAGE, "list_view"));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (model, i);

      if (g_strcmp0 (rally_challenge_get_hashtag (challenge), hashtag) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_draft_through_window (void)
{
  RallyWindow *window = get_window ();
  RallyChallengesPage *page = get_page (window);
  RallyChallengeEditor *editor;
  g_autoptr(RallyChallenge) stored = NULL;
  RallyChallenge *selected;

  /* win.new-challenge is what Ctrl+N and the New Challenge buttons do. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-challenge", NULL));
  rally_test_iterate ();
  g_assert_cmpstr (rally_window_get_page_name (window), ==, "challenges");
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (window));

  type_text (editor, "hashtag_row", "#ActForClimate");
  type_text (editor, "title_row", "Act for Climate");
  /* Typed, not yet committed with Enter: saving still takes it. */
  gtk_editable_set_text (GTK_EDITABLE (child (editor, "goal_videos_spin")), "5000");
  click (editor, "draft_button");
  rally_test_iterate ();

  g_assert_null (find_editor ());
  stored = rally_store_find_challenge (get_store (), "ActForClimate");
  g_assert_nonnull (stored);
  g_assert_cmpstr (rally_challenge_get_hashtag (stored), ==, "ActForClimate");
  g_assert_cmpstr (rally_challenge_get_title (stored), ==, "Act for Climate");
  g_assert_cmpint (rally_challenge_get_status (stored), ==, RALLY_CHALLENGE_STATUS_DRAFT);
  g_assert_cmpint (rally_challenge_get_goal_videos (stored), ==, 5000);

  /* It is in the Challenges list, selected, with its header shown. */
  g_assert_true (list_has (page, "ActForClimate"));
  selected = rally_challenges_page_get_selected_challenge (page);
  g_assert_nonnull (selected);
  g_assert_cmpint (rally_challenge_get_id (selected), ==, rally_challenge_get_id (stored));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (page), RALLY_TYPE_CHALLENGES_PAGE, "hashtag_label"))),
                   ==, "#ActForClimate");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (page), RALLY_TYPE_CHALLENGES_PAGE, "status_label"))),
                   ==, "Draft");
  g_assert_true (GTK_IS_BOX (rally_challenges_page_get_tracking_box (page)));
}

static void
test_new_for_campaign (void)
{
  RallyWindow *window = get_window ();
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyChallenge) stored = NULL;
  RallyChallengeEditor *editor;
  AdwComboRow *row;
  g_autoptr(GObject) item = NULL;

  rally_campaign_set_name (campaign, "Climate Week");
  g_assert_true (rally_store_save_campaign (get_store (), campaign, &error));
  g_assert_no_error (error);

  /* What a campaign's detail does to start a challenge inside it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-challenge-for-campaign",
                                             "x", rally_campaign_get_id (campaign)));
  rally_test_iterate ();
  editor = find_editor ();
  g_assert_nonnull (editor);
  row = ADW_COMBO_ROW (child (editor, "campaign_row"));
  item = g_list_model_get_item (adw_combo_row_get_model (row), adw_combo_row_get_selected (row));
  g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), ==, "Climate Week");

  type_text (editor, "hashtag_row", "WeekTag");
  click (editor, "draft_button");
  stored = rally_store_find_challenge (get_store (), "WeekTag");
  g_assert_nonnull (stored);
  g_assert_cmpint (rally_challenge_get_campaign_id (stored), ==, rally_campaign_get_id (campaign));
}

/* The quickest draft: type the hashtag, press Enter. */
static void
test_enter_saves (void)
{
  RallyChallengeEditor *editor = new_editor ();
  g_autoptr(RallyChallenge) saved = NULL;

  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved);
  g_object_ref (editor);

  /* Enter with an invalid hashtag does nothing. */
  type_text (editor, "hashtag_row", "Enter Key");
  g_signal_emit_by_name (child (editor, "hashtag_row"), "entry-activated");
  rally_test_iterate ();
  g_assert_null (saved);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  type_text (editor, "hashtag_row", "#EnterKey");
  g_signal_emit_by_name (child (editor, "hashtag_row"), "entry-activated");
  rally_test_iterate ();
  g_assert_nonnull (saved);
  g_assert_cmpstr (rally_challenge_get_hashtag (saved), ==, "EnterKey");
  g_assert_cmpint (rally_challenge_get_status (saved), ==, RALLY_CHALLENGE_STATUS_DRAFT);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_object_unref (editor);
}

/* Opening a full challenge and saving it at once changes nothing. */
static void
test_round_trip (void)
{
  g_autoptr(RallyChallenge) full = rally_challenge_new ();
  g_autoptr(RallyChallenge) saved = NULL;
  g_autoptr(GError) error = NULL;
  static const char *regions[] = { "KE", "GB", NULL };
  RallyChallengeEditor *editor;
  static const char *fields[] = {
    "hashtag", "title", "brief", "call-to-action", "rules", "sound-notes", "start-date", "end-date",
    "goal-videos", "goal-views", "pledge-per-video", "pledge-cap", "currency", "sponsor", "status",
    "audience", "consent-wording", "no-personal-data", "moderation-plan", "reporting-route",
  };

  rally_challenge_set_hashtag (full, "RoundTrip");
  rally_challenge_set_title (full, "Round trip");
  rally_challenge_set_brief (full, "Line one\nLine two");
  rally_challenge_set_call_to_action (full, "Donate");
  rally_challenge_set_rules (full, "Be kind");
  rally_challenge_set_sound_notes (full, "Any sound");
  rally_challenge_set_start_date (full, 1893456000);   /* 2030-01-01 */
  rally_challenge_set_end_date (full, 1896048000);     /* 2030-01-31 */
  rally_challenge_set_goal_videos (full, 12000);
  rally_challenge_set_goal_views (full, 3000000);
  rally_challenge_set_regions (full, regions);
  rally_challenge_set_currency (full, "EUR");
  rally_challenge_set_pledge_per_video (full, 150);
  rally_challenge_set_pledge_cap (full, 2500000);
  rally_challenge_set_sponsor (full, "Acme");
  rally_challenge_set_audience (full, RALLY_AUDIENCE_ALL_AGES);
  rally_challenge_set_consent_wording (full, "Parents agree");
  rally_challenge_set_no_personal_data (full, TRUE);
  rally_challenge_set_moderation_plan (full, "Daily checks");
  rally_challenge_set_reporting_route (full, "report@example.org");
  rally_challenge_set_status (full, RALLY_CHALLENGE_STATUS_SCHEDULED);
  g_assert_true (rally_store_save_challenge (get_store (), full, &error));
  g_assert_no_error (error);

  editor = rally_challenge_editor_new (get_store (), full, 0);
  gtk_window_present (GTK_WINDOW (editor));
  rally_test_iterate ();
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved);
  /* A scheduled challenge: the main button keeps it scheduled. */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (editor, "schedule_button"))), ==, "_Save");
  click (editor, "schedule_button");
  g_assert_nonnull (saved);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GValue a = G_VALUE_INIT, b = G_VALUE_INIT;
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (full), fields[i]);

      g_assert_nonnull (pspec);
      g_value_init (&a, pspec->value_type);
      g_value_init (&b, pspec->value_type);
      g_object_get_property (G_OBJECT (full), fields[i], &a);
      g_object_get_property (G_OBJECT (saved), fields[i], &b);
      g_test_message ("%s", fields[i]);
      g_assert_cmpint (g_param_values_cmp (pspec, &a, &b), ==, 0);
      g_value_unset (&a);
      g_value_unset (&b);
    }
  g_assert_cmpstrv (rally_challenge_get_regions (saved), regions);
}

static void
test_edit_is_a_copy (void)
{
  RallyWindow *window = get_window ();
  RallyChallengesPage *page = get_page (window);
  g_autoptr(RallyChallenge) before = NULL;
  g_autoptr(RallyChallenge) after = NULL;
  g_autoptr(RallyChallenge) renamed = NULL;
  RallyChallengeEditor *editor;

  g_assert_true (rally_challenges_page_select_challenge (page, rally_challenge_get_id (
                 before = rally_store_find_challenge (get_store (), "ActForClimate"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "challenges.edit", NULL));
  rally_test_iterate ();
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "hashtag_row"))), ==, "ActForClimate");
  g_assert_true (rally_challenge_editor_get_challenge (editor) != rally_challenges_page_get_selected_challenge (page));

  /* Its own hashtag is not "taken". */
  g_assert_cmpstr (message (editor, "hashtag_message"), ==, "");
  g_assert_true (can_click (editor, "draft_button"));

  /* Cancel: the stored record and the page keep the old title. */
  type_text (editor, "title_row", "Changed and cancelled");
  click (editor, "cancel_button");
  rally_test_iterate ();
  g_assert_null (find_editor ());
  after = rally_store_find_challenge (get_store (), "ActForClimate");
  g_assert_cmpstr (rally_challenge_get_title (after), ==, rally_challenge_get_title (before));
  g_assert_cmpstr (rally_challenge_get_title (rally_challenges_page_get_selected_challenge (page)), ==, "Act for Climate");

  /* Save: the change lands and the page shows the new object. */
  gtk_widget_activate_action (GTK_WIDGET (page), "challenges.edit", NULL);
  rally_test_iterate ();
  editor = find_editor ();
  type_text (editor, "title_row", "Act for the Climate");
  click (editor, "draft_button");
  rally_test_iterate ();
  renamed = rally_store_find_challenge (get_store (), "ActForClimate");
  g_assert_cmpstr (rally_challenge_get_title (renamed), ==, "Act for the Climate");
  g_assert_cmpstr (rally_challenge_get_title (rally_challenges_page_get_selected_challenge (page)), ==, "Act for the Climate");
}

static void
test_delete_and_undo (void)
{
  RallyWindow *window = get_window ();
  RallyChallengesPage *page = get_page (window);
  g_autoptr(RallyChallenge) challenge = save_challenge ("DeleteMe");
  g_autoptr(RallyChallenge) back = NULL;
  gint64 id = rally_challenge_get_id (challenge);
  g_autoptr(GError) error = NULL;

  rally_test_iterate ();
  g_assert_true (rally_challenges_page_select_challenge (page, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "challenges.delete", NULL));
  rally_test_iterate ();
  g_assert_false (list_has (page, "DeleteMe"));
  g_assert_null (rally_store_get_challenge (get_store (), id));

  /* What the toast's Undo does. */
  g_assert_true (rally_store_undelete_challenge (get_store (), id, &error));
  g_assert_no_error (error);
  rally_test_iterate ();
  g_assert_true (list_has (page, "DeleteMe"));
  back = rally_store_get_challenge (get_store (), id);
  g_assert_nonnull (back);
}

static void
test_export_from_page (void)
{
  RallyWindow *window = get_window ();
  RallyChallengesPage *page = get_page (window);
  g_autoptr(RallyChallenge) stored = rally_store_find_challenge (get_store (), "ActForClimate");
  g_autofree char *md_path = g_build_filename (tmp_dir, "page-brief.md", NULL);
  g_autofree char *pdf_path = g_build_filename (tmp_dir, "page-brief.pdf", NULL);
  g_autofree char *md = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rally_challenges_page_select_challenge (page, rally_challenge_get_id (stored)));
  g_assert_true (rally_challenges_page_export_brief_to (page, "md", md_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (md_path, &md, NULL, NULL));
  g_assert_true (g_str_has_prefix (md, "# \\#ActForClimate\n"));

  g_assert_true (rally_challenges_page_export_brief_to (page, "pdf", pdf_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf_path, &pdf, NULL, NULL));
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmp_dir = rally_test_isolate_user_dirs ();
  /* Software GL under Xvfb makes every frame of a large window slow; cairo is quick. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_test_init (&argc, &argv, NULL);

  if (!rally_test_init_gtk ())
    {
      g_test_skip ("No display");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/challenge-editor/hashtag-messages", test_hashtag_messages);
  g_test_add_func ("/challenge-editor/field-errors", test_field_errors);
  g_test_add_func ("/challenge-editor/preview", test_preview);
  g_test_add_func ("/challenge-editor/preview-hashtag-no-hyphen", test_preview_hashtag_no_hyphen);
  g_test_add_func ("/challenge-editor/narrow", test_narrow);
  g_test_add_func ("/challenge-editor/schedule", test_schedule);
  g_test_add_func ("/challenge-editor/draft-through-window", test_draft_through_window);
  g_test_add_func ("/challenge-editor/new-for-campaign", test_new_for_campaign);
  g_test_add_func ("/challenge-editor/enter-saves", test_enter_saves);
  g_test_add_func ("/challenge-editor/round-trip", test_round_trip);
  g_test_add_func ("/challenge-editor/edit-is-a-copy", test_edit_is_a_copy);
  g_test_add_func ("/challenges-page/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/challenges-page/export", test_export_from_page);

  ret = g_test_run ();

  /* Close every window before the application goes, as quitting does, and let
   * every background read finish before the workspace folder is removed. */
  {
    RallyStore *store = the_app != NULL ? rally_application_get_store (the_app) : NULL;

    if (!rally_test_close_app ((GtkApplication **) &the_app, (GObject *) store))
      g_test_message ("the store outlived the application");
  }
  rally_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
