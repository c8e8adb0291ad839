/* test-narrow.c
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

/* Every page, editor, dialog and Preferences at 360 × 640 (issue 19): each
 * window set to 360 px must not ask to be wider, nothing may need scrolling
 * sideways, and no view may put a vertical scroller inside another one. All offenders are listed at once. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "rally-application.h"
#include "rally-campaign-editor.h"
#include "rally-campaigns-page.h"
#include "rally-challenge-editor.h"
#include "rally-challenge-tracking.h"
#include "rally-challenges-page.h"
#include "rally-date-utils.h"
#include "rally-import-dialog.h"
#include "rally-model.h"
#include "rally-post-editor.h"
#include "rally-preferences-window.h"
#include "rally-sample.h"
#include "rally-store.h"
#include "rally-studio-csv.h"
#include "rally-test-util.h"
#include "rally-test-ui.h"
#include "rally-window.h"

#define NARROW_WIDTH 360

static RallyApplication *the_app;
static char *tmp_dir;

static gboolean
scrolls_vertically (GtkWidget *widget)
{
  GtkPolicyType vpolicy;

  if (!GTK_IS_SCROLLED_WINDOW (widget))
    return FALSE;
  gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (widget), NULL, &vpolicy);
  return vpolicy != GTK_POLICY_NEVER && vpolicy != GTK_POLICY_EXTERNAL;
}

static gboolean
scrolls_sideways (GtkWidget *widget)
{
  GtkPolicyType hpolicy;

  if (!GTK_IS_SCROLLED_WINDOW (widget))
    return FALSE;
  gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (widget), &hpolicy, NULL);
  return hpolicy != GTK_POLICY_NEVER && hpolicy != GTK_POLICY_EXTERNAL;
}

static char *
widget_path (GtkWidget *widget)
{
  GString *path = g_string_new (NULL);

  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      const char *name = gtk_widget_get_name (widget);

      g_string_prepend (path, name != NULL && g_strcmp0 (name, G_OBJECT_TYPE_NAME (widget)) != 0
                              ? name : G_OBJECT_TYPE_NAME (widget));
      g_string_prepend (path, "/");
    }
  return g_string_free (path, FALSE);
}

/* Appends to @problems each shown vertical scroller that sits inside another,
 * and each window title or table cut short. */
static void
find_problems (GtkWidget *widget,
                       gboolean   inside,
                       GString   *problems,
                       const char *view)
{
  if (!gtk_widget_get_mapped (widget) || GTK_IS_POPOVER (widget))
    return;

  /* A title's text must show whole. */
  if (GTK_IS_LABEL (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_WINDOW_TITLE) != NULL
      && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    {
      g_autofree char *path = widget_path (widget);

      g_string_append_printf (problems, "  %s: title “%s” cut at %s\n", view, gtk_label_get_text (GTK_LABEL (widget)), path);
    }

  /* A field's text shown whole: a one-line field cuts what does not fit, and a
   * person cannot read the rest without scrolling through it letter by letter. */
  if (GTK_IS_TEXT (widget))
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (widget));
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      int text_width = 0;

      pango_layout_get_pixel_size (layout, &text_width, NULL);
      if (text_width > gtk_widget_get_width (widget))
        {
          g_autofree char *path = widget_path (widget);

          g_string_append_printf (problems, "  %s: field text “%s” cut to %d of %d px at %s\n", view, text,
                                  gtk_widget_get_width (widget), text_width, path);
        }
    }

  /* A table cut short, unless it scrolls sideways in a scroller of its own. */
  if (GTK_IS_COLUMN_VIEW (widget) && !scrolls_sideways (gtk_widget_get_parent (widget)))
    {
      int natural = 0;

      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      if (gtk_widget_get_width (widget) < natural)
        {
          g_autofree char *path = widget_path (widget);

          g_string_append_printf (problems, "  %s: table cut to %d of %d px at %s\n", view,
                                  gtk_widget_get_width (widget), natural, path);
        }
    }

  /* Nothing to scroll sideways: a person at 360 px reads a view top to bottom. */
  if (scrolls_sideways (widget) && gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget)) != NULL)
    {
      int content = 0;

      gtk_widget_measure (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget)), GTK_ORIENTATION_HORIZONTAL, -1,
                          &content, NULL, NULL, NULL);
      if (content > gtk_widget_get_width (widget))
        {
          g_autofree char *path = widget_path (widget);

          g_string_append_printf (problems, "  %s: %d px wide content scrolls sideways in %d px at %s\n", view,
                                  content, gtk_widget_get_width (widget), path);
        }
    }

  if (scrolls_vertically (widget))
    {
      if (inside)
        {
          g_autofree char *path = widget_path (widget);

          g_string_append_printf (problems, "  %s: scroller inside a scroller at %s\n", view, path);
        }
      inside = TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    find_problems (child, inside, problems, view);
}

/* The deepest shown widget that asks for more than @limit pixels: the culprit. */
static GtkWidget *
find_widest (GtkWidget *widget,
             int        limit)
{
  int minimum = 0;

  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget) || GTK_IS_POPOVER (widget))
    return NULL;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum <= limit)
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widest (child, limit);

      if (found != NULL)
        return found;
    }
  return widget;
}

/* With RALLY_NARROW_SHOTS=DIR, each view is saved as DIR/VIEW.png to look at. */
static void
save_shot (GtkWindow  *window,
           const char *view)
{
  const char *dir = g_getenv ("RALLY_NARROW_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;

  if (dir == NULL)
    return;
  for (int i = 0; i < 30; i++)   /* let animations end and a frame be drawn */
    {
      g_usleep (20000);
      rally_test_iterate ();
    }
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (window)),
                          gtk_widget_get_height (GTK_WIDGET (window)));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  if (node == NULL || renderer == NULL)
    return;
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  name = g_strdelimit (g_strdup_printf ("%s.png", view), " ()", '-');
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
check_window (GtkWindow  *window,
              const char *view,
              GString    *problems)
{
  int minimum = 0, natural = 0;

  gtk_window_set_default_size (window, NARROW_WIDTH, 640);
  gtk_window_present (window);
  rally_test_iterate ();
  rally_test_iterate ();

  /* The window's content: without a compositor (Xvfb) GTK draws a solid frame
   * around it that a phone's maximised window does not have. */
  gtk_widget_measure (gtk_widget_get_first_child (GTK_WIDGET (window)), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, &natural, NULL, NULL);
  if (minimum > NARROW_WIDTH)
    {
      g_autofree char *path = widget_path (find_widest (GTK_WIDGET (window), NARROW_WIDTH - 24));

      g_string_append_printf (problems, "  %s: needs %d px, more than %d, for %s\n", view, minimum, NARROW_WIDTH, path);
    }
  find_problems (GTK_WIDGET (window), FALSE, problems, view);
  save_shot (window, view);
}

static RallyApplication *
start_app (void)
{
  g_autoptr(GError) error = NULL;

  if (the_app == NULL)
    {
      g_autofree char *data_dir = g_build_filename (tmp_dir, "workspace", NULL);
      g_autoptr(RallyStore) store = rally_store_open (data_dir, &error);

      g_assert_no_error (error);
      g_assert_true (rally_sample_create (store, 1, &error));
      g_assert_no_error (error);
      g_clear_object (&store);

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

static RallyWindow *
get_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (start_app ()));

  g_assert_true (RALLY_IS_WINDOW (window));
  return RALLY_WINDOW (window);
}

static gpointer
first_item (GListModel *model)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  return g_list_model_get_item (model, 0);
}

/* On a folded page, shows the detail side, as activating a row does. */
static void
show_detail (GtkWidget *page)
{
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (page); child != NULL && !ADW_IS_LEAFLET (child);)
    {
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != NULL && child != page && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          child = child == page || child == NULL ? NULL : gtk_widget_get_next_sibling (child);
        }
    }

  /* The window was just set to 360 px: on a slow run (AddressSanitizer) the leaflet
   * folds only once that size is allocated, and showing the detail before then
   * leaves the list in front when it does. */
  if (child != NULL)
    {
      gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

      while (!adw_leaflet_get_folded (ADW_LEAFLET (child)) && g_get_monotonic_time () < deadline)
        {
          g_usleep (20000);
          rally_test_iterate ();
        }
    }
  if (child != NULL && adw_leaflet_get_folded (ADW_LEAFLET (child)))
    adw_leaflet_navigate (ADW_LEAFLET (child), ADW_NAVIGATION_DIRECTION_FORWARD);
  rally_test_iterate ();
}

/* Depth-first: a shown button whose label starts with @prefix. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *prefix)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root)
      && g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (root)) ?: "", prefix))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The labels of every button under @root, shown or not, to say what was there instead. */
static void
list_buttons (GtkWidget *root,
              GString   *out)
{
  if (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    g_string_append_printf (out, " “%s”%s", gtk_button_get_label (GTK_BUTTON (root)),
                            gtk_widget_get_mapped (root) ? "" : " (not shown)");
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    list_buttons (child, out);
}

static void
check_pages (RallyWindow *window,
             GString     *problems)
{
  RallyStore *store = rally_application_get_store (the_app);
  g_autoptr(GListModel) campaigns = rally_store_list_campaigns (store);
  g_autoptr(GListModel) challenges = rally_store_list_challenges (store, 0);
  g_autoptr(RallyCampaign) campaign = first_item (campaigns);
  g_autoptr(RallyChallenge) challenge = first_item (challenges);
  GtkWidget *page;

  gtk_window_set_default_size (GTK_WINDOW (window), NARROW_WIDTH, 640);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "campaigns");
  rally_test_iterate ();
  page = rally_window_get_page (window, "campaigns");
  rally_campaigns_page_select_campaign (RALLY_CAMPAIGNS_PAGE (page), rally_campaign_get_id (campaign));
  show_detail (page);
  check_window (GTK_WINDOW (window), "Campaigns", problems);
  rally_campaigns_page_show_calendar (RALLY_CAMPAIGNS_PAGE (page));
  check_window (GTK_WINDOW (window), "Content calendar", problems);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "challenges");
  rally_test_iterate ();
  page = rally_window_get_page (window, "challenges");
  g_assert_true (rally_challenges_page_select_challenge (RALLY_CHALLENGES_PAGE (page), rally_challenge_get_id (challenge)));
  show_detail (page);
  {
    /* Only a safety net against a hang: the loop ends when the tracking
     * view says it has read everything, which under AddressSanitizer can
     * take far longer than in a plain build. */
    gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
    GtkWidget *tracking = rally_test_find_descendant (page, RALLY_TYPE_CHALLENGE_TRACKING, NULL);
    /* The button's label, in the language under test, up to the count. */
    g_autofree char *show_all_label = g_strdup (g_dngettext (GETTEXT_PACKAGE, "Show All %s Video", "Show All %s Videos", 2));
    GtkWidget *show_all;
    GtkWindow *table;

    *strstr (show_all_label, "%s") = '\0';

    /* The figures and the videos are read in a thread. */
    g_assert_nonnull (tracking);
    while (((show_all = find_button (page, show_all_label)) == NULL ||
            rally_challenge_tracking_is_loading (RALLY_CHALLENGE_TRACKING (tracking))) &&
           g_get_monotonic_time () < deadline)
      {
        g_usleep (20000);
        rally_test_iterate ();
      }
    check_window (GTK_WINDOW (window), "Challenges (tracking)", problems);

    if (show_all == NULL)
      {
        g_string_append_printf (problems, "  Challenges (tracking): no button starting “%s”%s; the buttons:",
                                show_all_label, rally_challenge_tracking_is_loading (RALLY_CHALLENGE_TRACKING (tracking))
                                                ? " (still loading)" : "");
        list_buttons (page, problems);
        g_string_append_c (problems, '\n');
      }
    else
      {
        g_signal_emit_by_name (show_all, "clicked");
        rally_test_iterate ();
        table = rally_test_find_window (ADW_TYPE_WINDOW);
        g_assert_nonnull (table);
        check_window (table, "All videos", problems);
        gtk_window_close (table);
        rally_test_iterate ();
      }
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "analytics");
  rally_test_iterate ();
  check_window (GTK_WINDOW (window), "Analytics", problems);
}

static void
check_dialog (GtkWindow  *dialog,
              const char *view,
              GString    *problems)
{
  check_window (dialog, view, problems);
  gtk_window_destroy (dialog);
  rally_test_iterate ();
}

static RallyStudioCsvResult *
parse_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", name, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  RallyStudioCsvResult *result;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  result = rally_studio_csv_parse ((const guint8 *) data, length, 2024, &error);
  g_assert_no_error (error);
  return result;
}

static void
check_dialogs (RallyWindow *window,
               GString     *problems)
{
  RallyStore *store = rally_application_get_store (the_app);
  g_autoptr(GListModel) campaigns = rally_store_list_campaigns (store);
  g_autoptr(GListModel) challenges = rally_store_list_challenges (store, 0);
  g_autoptr(RallyCampaign) campaign = first_item (campaigns);
  g_autoptr(RallyChallenge) challenge = first_item (challenges);
  gint64 campaign_id = rally_campaign_get_id (campaign);

  check_dialog (GTK_WINDOW (rally_campaign_editor_new (store, NULL)), "New campaign editor", problems);
  /* every sample campaign: one has a long cause */
  for (guint i = 0; i < g_list_model_get_n_items (campaigns); i++)
    {
      g_autoptr(RallyCampaign) each = g_list_model_get_item (campaigns, i);

      check_dialog (GTK_WINDOW (rally_campaign_editor_new (store, each)), "Campaign editor", problems);
    }
  check_dialog (GTK_WINDOW (rally_challenge_editor_new (store, NULL, campaign_id)), "New challenge editor", problems);
  check_dialog (GTK_WINDOW (rally_challenge_editor_new (store, challenge, campaign_id)), "Challenge editor", problems);
  check_dialog (GTK_WINDOW (rally_post_editor_new (store, NULL, rally_day_of_time_local (g_get_real_time () / G_USEC_PER_SEC), campaign_id)),
                "Post editor", problems);
  check_dialog (GTK_WINDOW (rally_import_dialog_new (GTK_WINDOW (window), store, "content.csv",
                                                     parse_fixture ("content-quoted.csv"))),
                "Import dialog", problems);
  check_dialog (GTK_WINDOW (rally_preferences_window_new (the_app)), "Preferences", problems);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  rally_test_iterate ();
  {
    GtkWindow *shortcuts = rally_test_find_window (ADW_TYPE_PREFERENCES_WINDOW);

    g_assert_nonnull (shortcuts);
    check_dialog (shortcuts, "Keyboard shortcuts", problems);
  }
}

static void
test_narrow_everything (void)
{
  RallyWindow *window = get_window ();
  g_autoptr(GString) problems = g_string_new (NULL);

  check_pages (window, problems);
  check_dialogs (window, problems);

  if (problems->len > 0)
    g_error ("Not usable at %d px:\n%s", NARROW_WIDTH, problems->str);

  gtk_window_destroy (GTK_WINDOW (window));
  rally_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = rally_test_isolate_user_dirs ();
  const char *locale_dir = g_getenv ("RALLY_TEST_LOCALE_DIR");
  const char *locale = g_getenv ("RALLY_TEST_LOCALE");
  g_autofree char *locale_path = NULL;
  int ret;

  /* With RALLY_TEST_LOCALE_DIR (the build's po/) and LANGUAGE set, the windows
   * are checked in that language: Spanish runs about a quarter longer than English.
   * With RALLY_TEST_LOCALE ("es_ES") too, its dates and figures are written that
   * locale's way, as on a Spanish desktop (GTK's own setlocale reads LC_ALL). */
  if (locale_dir != NULL)
    {
      if (locale != NULL && (locale_path = rally_test_compile_locale (locale)) != NULL)
        {
          g_autofree char *name = g_strconcat (locale, ".UTF-8", NULL);

          g_setenv ("LOCPATH", locale_path, TRUE);
          g_setenv ("LC_ALL", name, TRUE);
        }
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, locale_dir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  g_test_init (&argc, &argv, NULL);

  if (!rally_test_init_gtk ())
    {
      g_test_skip ("No display");
      return 77;
    }
  adw_init ();
  tmp_dir = tmp;

  g_test_add_func ("/narrow/everything", test_narrow_everything);

  ret = g_test_run ();
  g_clear_object (&the_app);
  rally_test_remove_tree (tmp);
  if (locale_path != NULL)
    rally_test_remove_tree (locale_path);

  return ret;
}
