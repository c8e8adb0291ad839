/* test-window.c
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

/* The real RallyApplication, headless: three pages, switched through the
 * window's win.show-page action, the window size saved on close, and the first-run
 * page's ways in, each clicked. */

#include "config.h"

#include <adwaita.h>

#include "rally-application.h"
#include "rally-campaign-editor.h"
#include "rally-campaigns-page.h"
#include "rally-challenge-editor.h"
#include "rally-post-editor.h"
#include "rally-import-dialog.h"
#include "rally-preferences-window.h"
#include "rally-store.h"
#include "rally-test-util.h"
#include "rally-test-ui.h"
#include "rally-window.h"

/* One application for the whole run, as in a real session; each test opens a window. */
static RallyApplication *the_app;

static RallyApplication *
start_app (void)
{
  g_autoptr(GError) error = NULL;

  if (the_app == NULL)
    {
      the_app = rally_application_new ();
      g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (the_app), NULL, &error);
      g_assert_no_error (error);
    }

  g_application_activate (G_APPLICATION (the_app));
  rally_test_iterate ();

  return the_app;
}

static RallyWindow *
get_window (RallyApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (RALLY_IS_WINDOW (window));
  return RALLY_WINDOW (window);
}

static void
test_window_pages (void)
{
  RallyApplication *app = start_app ();
  RallyWindow *window = get_window (app);
  static const char *pages[] = { "challenges", "analytics", "campaigns" };
  GtkWidget *stack;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Rally");
  g_assert_cmpstr (rally_window_get_page_name (window), ==, "campaigns");

  stack = gtk_widget_get_first_child (GTK_WIDGET (window));
  g_assert_nonnull (stack);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i]));
      rally_test_iterate ();
      g_assert_cmpstr (rally_window_get_page_name (window), ==, pages[i]);
      /* pages not yet shown are built when shown */
      g_assert_true (gtk_widget_get_mapped (rally_window_get_page (window, pages[i])));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  rally_test_iterate ();
}

static void
test_window_switcher_pages (void)
{
  RallyApplication *app = start_app ();
  RallyWindow *window = get_window (app);
  g_autoptr(GtkSelectionModel) pages = NULL;
  AdwViewStack *stack = NULL;
  GtkWidget *child;
  static const char *titles[] = { "Campaigns", "Challenges", "Analytics" };

  /* Find the view stack the switchers show, as a person sees it. */
  for (child = GTK_WIDGET (window); child != NULL && stack == NULL;)
    {
      if (ADW_IS_VIEW_STACK (child))
        stack = ADW_VIEW_STACK (child);
      else if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != NULL && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          if (child != NULL)
            child = gtk_widget_get_next_sibling (child);
        }
    }
  g_assert_nonnull (stack);

  pages = adw_view_stack_get_pages (stack);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, titles[i]);
      g_assert_nonnull (adw_view_stack_page_get_icon_name (page));

      /* Selecting a page in the model is what clicking a switcher button does. */
      gtk_selection_model_select_item (pages, i, TRUE);
      rally_test_iterate ();
      g_assert_true (adw_view_stack_get_visible_child (stack) == adw_view_stack_page_get_child (page));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  rally_test_iterate ();
}

/* The keyboard shortcuts window is not built with every window (as GTK does with
 * <base>/gtk/help-overlay.ui) but by win.show-help-overlay, on first use. It is our
 * own window of rows (GTK 4.8's GtkShortcutsWindow cannot fit 360 px); test-narrow
 * shows it. */
/* Depth-first walk of @root's widgets. */
static GtkWidget *
next_widget (GtkWidget *root,
             GtkWidget *widget)
{
  if (gtk_widget_get_first_child (widget) != NULL)
    return gtk_widget_get_first_child (widget);
  for (; widget != NULL && widget != root; widget = gtk_widget_get_parent (widget))
    if (gtk_widget_get_next_sibling (widget) != NULL)
      return gtk_widget_get_next_sibling (widget);
  return NULL;
}

static void
test_window_help_overlay (void)
{
  RallyApplication *app = start_app ();
  RallyWindow *window = get_window (app);
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/rallyapp/Rally/ui/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_cmpstr (accels[0], ==, "<Control>question");
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_false (g_resources_get_info ("/io/github/rallyapp/Rally/gtk/help-overlay.ui", 0, NULL, NULL, NULL));
  g_assert_true (GTK_IS_WINDOW (overlay));
  /* Built by hand, the overlay learns no keys from action names: every shortcut
   * names its keys itself, or the window lists titles with no keys beside them. */
  {
    guint n_shortcuts = 0;

    for (GtkWidget *w = GTK_WIDGET (overlay); w != NULL; w = next_widget (GTK_WIDGET (overlay), w))
      if (ADW_IS_ACTION_ROW (w))
        {
          GtkWidget *keys = w;
          const char *accelerator;

          while ((keys = next_widget (w, keys)) != NULL && !GTK_IS_SHORTCUT_LABEL (keys))
            ;
          accelerator = keys != NULL ? gtk_shortcut_label_get_accelerator (GTK_SHORTCUT_LABEL (keys)) : NULL;
          if (accelerator == NULL || *accelerator == '\0')
            g_error ("The shortcuts window shows no keys for “%s”",
                     adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)));
          n_shortcuts++;
        }
    g_assert_cmpuint (n_shortcuts, >, 10);
  }
  gtk_window_destroy (GTK_WINDOW (overlay));

  gtk_window_destroy (GTK_WINDOW (window));
  rally_test_iterate ();
}

/* Closes the open toplevel of @type, asserting there is one. */
static void
close_toplevel_of_type (GType type)
{
  GtkWindow *found = rally_test_find_window (type);


  g_assert_nonnull (found);
  gtk_window_destroy (found);
  rally_test_iterate ();
  g_assert_null (rally_test_find_window (type));
}

/* Ctrl+N makes the thing of the page in view; Analytics drafts a challenge. */
static void
test_window_new_item (void)
{
  RallyApplication *app = start_app ();
  RallyWindow *window = get_window (app);
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.new-item");
  g_autoptr(GBytes) overlay = g_resources_lookup_data ("/io/github/rallyapp/Rally/ui/help-overlay.ui", 0, NULL);

  g_assert_nonnull (accels);
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>n"));
  /* the shortcuts window lists it, so the two stay in sync */
  g_assert_nonnull (overlay);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (overlay, NULL), g_bytes_get_size (overlay),
                                  "<property name=\"accelerator\">&lt;Control&gt;n</property>"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "campaigns"));
  rally_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-item", NULL));
  rally_test_iterate ();
  close_toplevel_of_type (RALLY_TYPE_CAMPAIGN_EDITOR);

  rally_campaigns_page_show_calendar (RALLY_CAMPAIGNS_PAGE (rally_window_get_page (window, "campaigns")));
  rally_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-item", NULL));
  rally_test_iterate ();
  close_toplevel_of_type (RALLY_TYPE_POST_EDITOR);

  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                                 i == 0 ? "challenges" : "analytics"));
      rally_test_iterate ();
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-item", NULL));
      rally_test_iterate ();
      close_toplevel_of_type (RALLY_TYPE_CHALLENGE_EDITOR);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  rally_test_iterate ();
}

static void
test_window_size_saved (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
  RallyApplication *app;
  RallyWindow *window;
  int width = 0, height = 0;

  app = start_app ();
  window = get_window (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "analytics");
  rally_test_iterate ();
  gtk_window_close (GTK_WINDOW (window));
  rally_test_iterate ();

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* A new window comes back at the saved size, on the saved page. */
  app = start_app ();
  window = get_window (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  g_assert_cmpstr (rally_window_get_page_name (window), ==, "analytics");
  gtk_window_destroy (GTK_WINDOW (window));
  rally_test_iterate ();
}

/* Depth-first: a button labelled @label under @root. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWindow *
wait_for_toplevel (GType type)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GtkWindow *window;

  while ((window = rally_test_find_window (type)) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; window == NULL && i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (gtk_window_get_toplevels (), i);

      g_test_message ("no %s, but %s", g_type_name (type), G_OBJECT_TYPE_NAME (other));
    }
  g_assert_nonnull (window);
  return window;
}

static gboolean
file_chosen (GtkFileChooser *chooser,
             GFile          *file)
{
  g_autoptr(GFile) chosen = gtk_file_chooser_get_file (chooser);

  return chosen != NULL && g_file_equal (chosen, file);
}

/* Clicks the first-run button @label; returns the file chooser it opens, showing
 * only @filter_name. */
static GtkFileChooser *
click_import (GtkWidget  *welcome,
              const char *label,
              const char *filter_name)
{
  GtkFileChooser *chooser;

  g_assert_null (rally_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG));
  gtk_widget_activate (find_button (welcome, label));
  chooser = GTK_FILE_CHOOSER (wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_nonnull (gtk_file_chooser_get_filter (chooser));
  g_assert_cmpstr (gtk_file_filter_get_name (gtk_file_chooser_get_filter (chooser)), ==, filter_name);
  return chooser;
}

/* A fresh workspace shows the welcome page with every way in as a button (one
 * suggested pill, the rest plain pills), and each does its thing. */
static void
test_window_welcome (void)
{
  static const struct {
    const char *label;
    const char *action;
  } ways[] = {
    { "Import a TikTok Studio Export…", "win.import-studio" },
    { "Import a Backup…", "win.import-backup" },
    { "Connect TikTok Account…", "win.connect-account" },
    { "Explore Sample Data", "win.explore-sample" },
    { "New Campaign", "win.new-campaign" },
  };
  RallyApplication *app = start_app ();
  RallyWindow *window = get_window (app);
  RallyStore *store = rally_application_get_store (app);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", "overview-basic.csv", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  GtkWidget *welcome, *button;
  GtkFileChooser *chooser;
  GtkWindow *dialog;
  guint suggested = 0;
  gint64 deadline;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "campaigns");
  rally_test_iterate ();
  g_assert_true (rally_store_is_empty (store));
  welcome = gtk_widget_get_ancestor (find_button (rally_window_get_page (window, "campaigns"), ways[0].label),
                                     ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (welcome);
  g_assert_true (gtk_widget_get_mapped (welcome));

  for (guint i = 0; i < G_N_ELEMENTS (ways); i++)
    {
      button = find_button (welcome, ways[i].label);
      g_assert_nonnull (button);
      g_assert_true (gtk_widget_get_mapped (button));
      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, ways[i].action);
      g_assert_true (gtk_widget_get_sensitive (button));
      g_assert_nonnull (gtk_widget_get_tooltip_text (button));
      g_assert_true (gtk_widget_has_css_class (button, "pill"));
      suggested += gtk_widget_has_css_class (button, "suggested-action");
    }
  g_assert_cmpuint (suggested, ==, 1);

  /* a Studio export: a chooser for CSV files, then the import preview */
  chooser = click_import (welcome, ways[0].label, "TikTok Studio exports (CSV)");
  g_assert_true (gtk_file_chooser_set_file (chooser, csv_file, NULL));
  /* the chooser selects the file once its folder is loaded */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!file_chosen (chooser, csv_file) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (file_chosen (chooser, csv_file));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  dialog = wait_for_toplevel (RALLY_TYPE_IMPORT_DIALOG);
  gtk_window_destroy (dialog);
  rally_test_iterate ();

  /* a backup: a chooser for JSON files */
  chooser = click_import (welcome, ways[1].label, "Rally backups (JSON)");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  rally_test_iterate ();
  g_assert_null (rally_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG));

  /* the account: Preferences, where signing in is */
  gtk_widget_activate (find_button (welcome, ways[2].label));
  dialog = wait_for_toplevel (RALLY_TYPE_PREFERENCES_WINDOW);
  gtk_window_destroy (dialog);
  rally_test_iterate ();

  /* a campaign from scratch: the campaign editor */
  gtk_widget_activate (find_button (welcome, ways[4].label));
  dialog = wait_for_toplevel (RALLY_TYPE_CAMPAIGN_EDITOR);
  gtk_window_destroy (dialog);
  rally_test_iterate ();
  g_assert_true (rally_store_is_empty (store));

  /* the sample: the workspace fills and the welcome page gives way to the campaigns */
  gtk_widget_activate (find_button (welcome, ways[3].label));
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while ((rally_store_is_empty (store) || gtk_widget_get_mapped (welcome)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (rally_store_is_empty (store));
  g_assert_false (gtk_widget_get_mapped (welcome));

  gtk_window_destroy (GTK_WINDOW (window));
  rally_test_iterate ();
}

/* A shown label whose text is @text, or NULL. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A long toast, as after a restore, reads whole at 360 px: its title wraps. */
static void
test_window_long_toast (void)
{
  RallyWindow *window = get_window (start_app ());
  const char *text = "Backup restored: 3 campaigns, 3 challenges, 24 planned posts, 12 events, 33,214 videos, 90 snapshots";
  GtkLabel *label;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  for (int i = 0; i < 50 && gtk_widget_get_width (GTK_WIDGET (window)) > 400; i++)
    {
      g_usleep (20000);
      rally_test_iterate ();
    }
  rally_window_add_toast (window, adw_toast_new (text));
  for (int i = 0; i < 10; i++)
    {
      g_usleep (20000);
      rally_test_iterate ();
    }

  g_assert_cmpstr (rally_window_get_last_toast (window), ==, text);
  label = find_label (GTK_WIDGET (window), text);
  g_assert_nonnull (label);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (label)), >, 1);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (label)), <, 360);

  gtk_window_destroy (GTK_WINDOW (window));
  rally_test_iterate ();
}

/* A toast quoting a name with '&' or '<' shows it as written: libadwaita 1.2 reads a
 * toast's title as markup, and "Fish & Chips" showed nothing. */
static void
test_window_plain_toast (void)
{
  RallyWindow *window = get_window (start_app ());
  const char *text = "Saved “Fish & Chips <2>”";
  GtkLabel *label;

  rally_window_add_toast (window, adw_toast_new (text));
  for (int i = 0; i < 10; i++)
    {
      g_usleep (20000);
      rally_test_iterate ();
    }

  label = find_label (GTK_WIDGET (window), text);
  g_assert_nonnull (label);
  g_assert_false (gtk_label_get_use_markup (label));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));

  gtk_window_destroy (GTK_WINDOW (window));
  rally_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = rally_test_isolate_user_dirs ();
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (!rally_test_init_gtk ())
    {
      g_test_skip ("No display");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/window/pages", test_window_pages);
  g_test_add_func ("/window/switcher-pages", test_window_switcher_pages);
  g_test_add_func ("/window/help-overlay", test_window_help_overlay);
  g_test_add_func ("/window/long-toast", test_window_long_toast);
  g_test_add_func ("/window/plain-toast", test_window_plain_toast);
  g_test_add_func ("/window/size-saved", test_window_size_saved);
  g_test_add_func ("/window/welcome", test_window_welcome);
  /* after the welcome test, which fills the workspace with the sample: the
   * content calendar shows only beside campaigns */
  g_test_add_func ("/window/new-item", test_window_new_item);

  ret = g_test_run ();
  g_clear_object (&the_app);
  rally_test_remove_tree (tmp);

  return ret;
}
