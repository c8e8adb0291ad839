/* test-preferences-sync.c
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

/* Preferences as a person finds them (the account first, the Research API off, the
 * developer settings folded under Advanced), and Test Connection against the loopback
 * emulator. */

#include "config.h"

#include <adwaita.h>

#include <string.h>

#include "rally-emulator.h"
#include "rally-preferences-window.h"
#include "rally-test-util.h"
#include "rally-test-ui.h"

static const char *
wait_for_status (GtkWidget *window)
{
  AdwActionRow *row = ADW_ACTION_ROW (gtk_widget_get_template_child (window, RALLY_TYPE_PREFERENCES_WINDOW,
                                                                     "connection_row"));
  GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (window, RALLY_TYPE_PREFERENCES_WINDOW,
                                                                 "test_connection_button"));
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_signal_emit_by_name (button, "clicked");
  g_assert_false (gtk_widget_get_sensitive (button));
  /* the button comes back when the answer is in */
  while (!gtk_widget_get_sensitive (button) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_sensitive (button));
  return adw_action_row_get_subtitle (row);
}

static void
test_preferences_test_connection (void)
{
  g_autoptr(RallyEmulator) emu = rally_emulator_new ();
  g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkEditable *key_row;

  g_assert_true (rally_emulator_start (emu, &error));
  g_settings_set_string (settings, "research-api-url", rally_emulator_get_url (emu));
  g_settings_set_string (settings, "display-api-url", rally_emulator_get_url (emu));
  g_settings_set_string (settings, "client-key", "rally-test-key");
  g_setenv ("RALLY_CLIENT_SECRET", "rally-test-secret", TRUE);

  window = GTK_WIDGET (rally_preferences_window_new (NULL));
  key_row = GTK_EDITABLE (gtk_widget_get_template_child (window, RALLY_TYPE_PREFERENCES_WINDOW, "client_key_row"));
  g_assert_cmpstr (gtk_editable_get_text (key_row), ==, "rally-test-key");

  g_assert_true (g_str_has_prefix (wait_for_status (window), "Connected"));
  g_assert_cmpuint (rally_emulator_get_request_count (emu, "/v2/oauth/token/"), ==, 1);

  gtk_editable_set_text (key_row, "wrong-key");
  g_assert_nonnull (strstr (wait_for_status (window), "invalid_client"));

  /* plain http to another host is refused before any request */
  g_settings_set_string (settings, "research-api-url", "http://example.com");
  g_signal_emit_by_name (gtk_widget_get_template_child (window, RALLY_TYPE_PREFERENCES_WINDOW,
                                                        "test_connection_button"), "clicked");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_widget_get_template_child (
                      window, RALLY_TYPE_PREFERENCES_WINDOW, "connection_row"))), "not a secure address"));
  g_assert_cmpuint (rally_emulator_get_request_count (emu, "/v2/oauth/token/"), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Depth-first: the first widget of @type under @root. */
static GtkWidget *
find_first (GtkWidget *root,
            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_ancestor (GtkWidget *widget,
             GtkWidget *ancestor)
{
  return widget != NULL && gtk_widget_is_ancestor (widget, ancestor);
}

static GtkWidget *
child (GtkWidget  *window,
       const char *name)
{
  GtkWidget *widget = GTK_WIDGET (gtk_widget_get_template_child (window, RALLY_TYPE_PREFERENCES_WINDOW, name));

  g_assert_nonnull (widget);
  return widget;
}

static void
test_preferences_layout (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
  GtkWidget *window, *first_group, *advanced, *research;

  g_settings_reset (settings, "research-api");
  g_settings_reset (settings, "client-key");
  g_unsetenv ("RALLY_CLIENT_KEY");
  window = GTK_WIDGET (rally_preferences_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  rally_test_iterate ();

  /* the first group a person sees is the organisation's account, with Sign In */
  first_group = find_first (window, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_nonnull (first_group);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (first_group)), ==,
                   "Your Organisation’s TikTok Account");
  g_assert_true (is_ancestor (child (window, "sign_in_button"), first_group));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (window, "sign_in_button"))), ==,
                   "_Sign In with TikTok…");

  /* the Research API is off until the organisation turns it on, and says who gets it */
  g_assert_false (g_settings_get_boolean (settings, "research-api"));
  research = child (window, "research_switch");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (research)));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (
                              gtk_widget_get_ancestor (research, ADW_TYPE_PREFERENCES_GROUP))),
                            "not-for-profit research organisations"));

  /* servers, key, secret, token and sign-in page sit folded under Advanced */
  advanced = child (window, "advanced_row");
  g_assert_true (ADW_IS_EXPANDER_ROW (advanced));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (advanced)), ==, "_Advanced");
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (advanced)));
  for (guint i = 0; i < 6; i++)
    {
      static const char *rows[] = { "research_url_row", "display_url_row", "auth_url_row", "client_key_row",
                                    "client_secret_row", "user_token_row" };

      g_assert_true (is_ancestor (child (window, rows[i]), advanced));
      g_assert_false (gtk_widget_is_drawable (child (window, rows[i])));
    }
  g_assert_false (is_ancestor (child (window, "sign_in_button"), advanced));
  g_assert_false (is_ancestor (research, advanced));

  /* with no key built in, the group says how to get one; Sign In says why it is off */
  if (*TIKTOK_CLIENT_KEY == '\0')
    {
      g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (
                                  gtk_widget_get_ancestor (advanced, ADW_TYPE_PREFERENCES_GROUP))),
                                "TikTok for Developers"));
      g_assert_false (gtk_widget_get_sensitive (child (window, "sign_in_button")));
    }

  /* Connect TikTok Account with no key: Advanced opens on the client key */
  rally_preferences_window_focus_account (RALLY_PREFERENCES_WINDOW (window));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (advanced)) == (*TIKTOK_CLIENT_KEY == '\0'));

  /* a typed key makes Sign In ready, and is what the setting keeps */
  gtk_editable_set_text (GTK_EDITABLE (child (window, "client_key_row")), "my-app-key");
  g_assert_true (gtk_widget_get_sensitive (child (window, "sign_in_button")));
  {
    g_autofree char *key = g_settings_get_string (settings, "client-key");
    g_assert_cmpstr (key, ==, "my-app-key");
  }
  g_settings_reset (settings, "client-key");

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

  g_test_add_func ("/preferences/layout", test_preferences_layout);
  g_test_add_func ("/preferences/test-connection", test_preferences_test_connection);

  ret = g_test_run ();
  rally_test_remove_tree (tmp);
  return ret;
}
