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

/* Preferences → Test Connection against the loopback emulator. */

#include "config.h"

#include <adwaita.h>

#include "rally-emulator.h"
#include "rally-preferences-window.h"
#include "rally-test-util.h"

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

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = rally_test_isolate_user_dirs ();
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("No display");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/preferences/test-connection", test_preferences_test_connection);

  ret = g_test_run ();
  rally_test_remove_tree (tmp);
  return ret;
}
