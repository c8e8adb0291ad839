/* test-preferences-workspace.c
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

/* Preferences' Workspace page against a real PostgreSQL listening on 127.0.0.1 with a
 * password: Test Connection's sentences (connected as whom, a wrong or missing
 * password, the TLS refusal of a server not on this computer before any connection,
 * the password libpq finds in PGPASSFILE), the address refused while it carries a
 * password, and Open…: the setting saved in a real settings file, the password in a
 * private keyring and given to the driver, and in no file under HOME or the XDG
 * folders. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rally-application.h"
#include "rally-preferences-window.h"
#include "rally-store.h"
#include "rally-window.h"
#include "rally-team-credentials.h"
#include "rally-team-server.h"
#include "rally-test-keyring.h"
#include "rally-test-pg.h"
#include "rally-test-ui.h"
#include "rally-test-util.h"

static char *tmp_root;
static gboolean keyring_is_up;

static GtkWidget *
child (GtkWidget  *window,
       const char *name)
{
  GtkWidget *widget = GTK_WIDGET (gtk_widget_get_template_child (window, RALLY_TYPE_PREFERENCES_WINDOW, name));

  g_assert_nonnull (widget);
  return widget;
}

static void
wait_until_sensitive (GtkWidget *button)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!gtk_widget_get_sensitive (button) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_sensitive (button));
}

/* Presses Test and waits, the window answering meanwhile; returns the sentence. */
static const char *
test_connection (GtkWidget *window)
{
  GtkWidget *button = child (window, "server_test_button");

  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  /* the connection runs in a thread: the button waits, the window does not */
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_true (gtk_widget_get_visible (child (window, "server_test_spinner")));
  wait_until_sensitive (button);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (child (window, "server_test_row")));
}

static void
type (GtkWidget  *window,
      const char *row,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (window, row)), text);
  rally_test_iterate ();
}

/* Whether @needle is anywhere in @data, text or binary. */
static gboolean
holds (const char *data,
       gsize       length,
       const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* The first file under @dir holding @needle, or NULL. */
static char *
find_in_files (const char *dir,
               const char *needle)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          char *found = find_in_files (path, needle);

          if (found != NULL)
            return found;
        }
      else if (g_file_get_contents (path, &contents, &length, NULL) &&
               holds (contents, length, needle))
        return g_steal_pointer (&path);
    }
  return NULL;
}

static void
open_workspace_cb (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  char **opened = user_data;

  g_free (*opened);
  *opened = g_variant_dup_string (param, NULL);
}

/* Open… as a person does it: the button, then Open in the confirmation. */
static char *
open_chosen (GtkWidget *window)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("open-workspace", G_VARIANT_TYPE_STRING);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  char *opened = NULL;
  GtkWindow *dialog;

  g_signal_connect (action, "activate", G_CALLBACK (open_workspace_cb), &opened);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (window, "app", G_ACTION_GROUP (group));

  g_assert_true (gtk_widget_get_sensitive (child (window, "workspace_open_button")));
  g_signal_emit_by_name (child (window, "workspace_open_button"), "clicked");
  rally_test_iterate ();
  dialog = rally_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Nothing is moved"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "open");
  while (opened == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  gtk_widget_insert_action_group (window, "app", NULL);
  return opened;
}

static void
test_workspace_team_server (void)
{
  g_autoptr(RallyTestPg) pg = NULL;
  g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  g_autofree char *db = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *far = NULL;
  g_autofree char *with_password = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *in_memory = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *found = NULL;
  g_autofree char *pgpass = NULL;
  g_autofree char *pgpass_line = NULL;
  const char *password;
  const char *sentence;
  GtkWidget *window;
  gint64 start;

  if (!rally_test_pg_available (&why))
    {
      g_test_skip (why);
      return;
    }
  if (!keyring_is_up)
    {
      g_test_skip (g_getenv ("RALLY_TEST_NO_KEYRING") != NULL ? "Runs as test-preferences-workspace"
                                                               : "No private keyring");
      return;
    }
  pg = rally_test_pg_start (RALLY_TEST_PG_TCP, &error);
  g_assert_no_error (error);
  db = rally_test_pg_create_database (pg, "team", &error);
  g_assert_no_error (error);
  password = rally_test_pg_get_password (pg);
  uri = g_strdup_printf ("postgresql://%s@127.0.0.1:%u/team", rally_test_pg_get_user (pg),
                         rally_test_pg_get_tcp_port (pg));

  window = GTK_WIDGET (rally_preferences_window_new (NULL));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "workspace");
  gtk_window_present (GTK_WINDOW (window));
  rally_test_iterate ();

  /* this computer first: the team server's rows wait until it is chosen */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (child (window, "workspace_local_check"))));
  g_assert_false (gtk_widget_get_visible (child (window, "server_group")));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (window, "workspace_current_row"))),
                            "This computer"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (window, "workspace_server_check")), TRUE);
  g_assert_true (gtk_widget_get_visible (child (window, "server_group")));
  type (window, "server_uri_row", uri);
  g_assert_false (gtk_widget_get_visible (child (window, "server_uri_error")));
  {
    int minimum = 0;

    /* the page fits a phone, as every window does (tests/test-narrow.c measures the
     * content too: Xvfb adds a frame that a phone's window does not have) */
    gtk_widget_measure (gtk_widget_get_first_child (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum,
                        NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 360);
  }

  /* no password anywhere: the server's refusal, and where a password may come from */
  sentence = test_connection (window);
  g_test_message ("no password: %s", sentence);
  g_assert_nonnull (strstr (sentence, "The server asks for a password"));

  type (window, "server_password_row", "not-the-password");
  sentence = test_connection (window);
  g_test_message ("wrong password: %s", sentence);
  g_assert_nonnull (strstr (sentence, "password authentication failed"));
  g_assert_null (strstr (sentence, "not-the-password"));

  type (window, "server_password_row", password);
  sentence = test_connection (window);
  g_test_message ("right password: %s", sentence);
  expected = g_strdup_printf ("Connected as %s to “team” on 127.0.0.1", rally_test_pg_get_user (pg));
  g_assert_true (g_str_has_prefix (sentence, expected));
  g_assert_nonnull (strstr (sentence, "kept in the keyring"));
  g_assert_null (strstr (sentence, password));

  /* libpq's own password file: the password typed is not needed, nor kept */
  pgpass = g_build_filename (tmp_root, "pgpass", NULL);
  pgpass_line = g_strdup_printf ("127.0.0.1:%u:team:%s:%s\n", rally_test_pg_get_tcp_port (pg),
                                 rally_test_pg_get_user (pg), password);
  g_assert_true (g_file_set_contents (pgpass, pgpass_line, -1, NULL));
  g_chmod (pgpass, 0600);
  g_setenv ("PGPASSFILE", pgpass, TRUE);
  sentence = test_connection (window);
  g_test_message ("PGPASSFILE: %s", sentence);
  g_assert_nonnull (strstr (sentence, "with the password libpq found in its password file"));
  g_unsetenv ("PGPASSFILE");
  g_unlink (pgpass);

  /* a server not on this computer, without a certificate: refused before connecting
   * (192.0.2.1 is a documentation address that would take the 10 s timeout) */
  far = g_strdup_printf ("postgresql://%s@192.0.2.1/team", rally_test_pg_get_user (pg));
  type (window, "server_uri_row", far);
  start = g_get_monotonic_time ();
  sentence = test_connection (window);
  g_test_message ("not on this computer: %s", sentence);
  g_assert_nonnull (strstr (sentence, "Rally did not connect"));
  g_assert_nonnull (strstr (sentence, "not on this computer"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);

  /* a password inside the address would be saved in the settings: refused */
  with_password = g_strdup_printf ("postgresql://%s:%s@127.0.0.1:%u/team", rally_test_pg_get_user (pg), password,
                                   rally_test_pg_get_tcp_port (pg));
  type (window, "server_uri_row", with_password);
  g_assert_true (gtk_widget_get_visible (child (window, "server_uri_error")));
  g_assert_false (gtk_widget_get_sensitive (child (window, "server_test_button")));
  g_assert_false (gtk_widget_get_sensitive (child (window, "workspace_open_button")));

  /* Open…: confirmed, connected, then the setting, the keyring and the driver */
  type (window, "server_uri_row", uri);
  opened = open_chosen (window);
  g_assert_cmpstr (opened, ==, uri);
  g_settings_sync ();
  in_memory = g_settings_get_string (settings, "workspace");
  g_assert_cmpstr (in_memory, ==, uri);
  g_clear_pointer (&in_memory, g_free);
  keyfile = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", "keyfile", NULL);
  found = find_in_files (g_get_user_config_dir (), uri);
  g_assert_cmpstr (found, ==, keyfile);
  g_clear_pointer (&found, g_free);
  in_memory = rally_team_server_dup_password (uri);
  g_assert_cmpstr (in_memory, ==, password);
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    /* the keyring is written asynchronously */
    while (kept == NULL && g_get_monotonic_time () < deadline)
      {
        g_main_context_iteration (NULL, FALSE);
        kept = secret_password_lookup_sync (rally_team_credentials_get_schema (), NULL, &error,
                                            "host", "127.0.0.1", "database", "team",
                                            "user", rally_test_pg_get_user (pg), NULL);
        g_assert_no_error (error);
      }
  }
  g_assert_cmpstr (kept, ==, password);

  /* the password is in no file under HOME or the XDG folders */
  found = find_in_files (tmp_root, password);
  g_assert_null (found);

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "workspace");
  g_clear_pointer (&pg, rally_test_pg_stop);
}

/* Without a keyring (RALLY_TEST_NO_KEYRING: no session bus at all), Open… still opens
 * the workspace, with the password in memory for this run, and says how .pgpass keeps it. */
static void
test_workspace_no_keyring (void)
{
  g_autoptr(RallyTestPg) pg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  g_autofree char *db = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *line = NULL;
  g_autofree char *in_memory = NULL;
  GtkWidget *window;
  AdwActionRow *row;
  gint64 deadline;

  if (g_getenv ("RALLY_TEST_NO_KEYRING") == NULL)
    {
      g_test_skip ("Runs as test-preferences-workspace-no-keyring");
      return;
    }
  if (!rally_test_pg_available (&why))
    {
      g_test_skip (why);
      return;
    }
  pg = rally_test_pg_start (RALLY_TEST_PG_TCP, &error);
  g_assert_no_error (error);
  db = rally_test_pg_create_database (pg, "team", &error);
  g_assert_no_error (error);
  uri = g_strdup_printf ("postgresql://%s@127.0.0.1:%u/team", rally_test_pg_get_user (pg),
                         rally_test_pg_get_tcp_port (pg));

  window = GTK_WIDGET (rally_preferences_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  rally_test_iterate ();
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (window, "workspace_server_check")), TRUE);
  type (window, "server_uri_row", uri);
  type (window, "server_password_row", rally_test_pg_get_password (pg));
  opened = open_chosen (window);
  g_assert_cmpstr (opened, ==, uri);
  in_memory = rally_team_server_dup_password (uri);
  g_assert_cmpstr (in_memory, ==, rally_test_pg_get_password (pg));

  row = ADW_ACTION_ROW (child (window, "server_test_row"));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (strstr (adw_action_row_get_subtitle (row), "could not be kept in the keyring") == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_test_message ("no keyring: %s", adw_action_row_get_subtitle (row));
  line = g_strdup_printf ("127.0.0.1:%u:team:%s:PASSWORD", rally_test_pg_get_tcp_port (pg),
                          rally_test_pg_get_user (pg));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), line));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "chmod 600 ~/.pgpass"));
  g_assert_null (strstr (adw_action_row_get_subtitle (row), rally_test_pg_get_password (pg)));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_pointer (&pg, rally_test_pg_stop);
}

static const char *
current_row_text (GtkWidget *prefs)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (child (prefs, "workspace_current_row")));
}

/* The application's side of Open…: the windows show the chosen workspace, or nothing
 * changes and Preferences says why. */
static void
test_workspace_reopen (void)
{
  g_autofree char *first = g_build_filename (tmp_root, "first", NULL);
  g_autofree char *second = g_build_filename (tmp_root, "second", NULL);
  g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
  g_autofree char *setting = NULL;
  g_autoptr(GError) error = NULL;
  RallyApplication *app = rally_application_new ();
  GtkWindow *before;
  GtkWindow *after;
  GtkWidget *prefs;

  rally_application_set_data_dir (app, first);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  rally_test_iterate ();
  before = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (RALLY_IS_WINDOW (before));
  rally_application_show_preferences (app, NULL);
  rally_test_iterate ();
  prefs = GTK_WIDGET (rally_test_find_window (RALLY_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (prefs);
  g_assert_nonnull (strstr (current_row_text (prefs), first));

  g_action_group_activate_action (G_ACTION_GROUP (app), "open-workspace", g_variant_new_string (second));
  rally_test_iterate ();
  rally_test_iterate ();
  g_assert_cmpstr (rally_store_get_data_dir (rally_application_get_store (app)), ==, second);
  g_assert_cmpstr (rally_application_get_data_dir (app), ==, second);
  /* the old window is closed, a new one shows the new workspace */
  g_assert_null (g_list_find (gtk_application_get_windows (GTK_APPLICATION (app)), before));
  after = rally_test_find_window (RALLY_TYPE_WINDOW);
  g_assert_true (RALLY_IS_WINDOW (after));
  g_assert_true (after != before);
  g_assert_nonnull (strstr (current_row_text (prefs), second));

  /* a server refused before connecting: the workspace stays, and stays the choice */
  g_settings_set_string (settings, "workspace", "postgresql://alice@192.0.2.1/team");
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-workspace",
                                  g_variant_new_string ("postgresql://alice@192.0.2.1/team"));
  rally_test_iterate ();
  g_assert_cmpstr (rally_store_get_data_dir (rally_application_get_store (app)), ==, second);
  g_assert_true (rally_test_find_window (RALLY_TYPE_WINDOW) == after);
  setting = g_settings_get_string (settings, "workspace");
  g_assert_cmpstr (setting, ==, "");

  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (after);
  rally_test_iterate ();
  g_object_unref (app);
}

int
main (int   argc,
      char *argv[])
{
  RallyTestKeyring keyring = { NULL, NULL };
  g_autofree char *home = NULL;
  g_autofree char *display = NULL;
  int ret;

  tmp_root = rally_test_isolate_user_dirs ();
  home = g_build_filename (tmp_root, "home", NULL);
  g_mkdir_with_parents (home, 0700);
  g_setenv ("HOME", home, TRUE);
  /* a real settings file, to look for the password in */
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_unsetenv ("RALLY_WORKSPACE");
  g_unsetenv ("PGPASSFILE");

  g_test_init (&argc, &argv, NULL);

  /* Before GTK, which would otherwise open the outer session bus, that libsecret would
   * then use too; before the servers, whose watchdogs' pipes the daemon must not hold. */
  display = g_strdup (g_getenv ("DISPLAY"));
  if (g_getenv ("RALLY_TEST_NO_KEYRING") != NULL)
    /* no session bus, so no secret service either */
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/rally-test-bus", TRUE);
  else
    keyring_is_up = rally_test_keyring_up (&keyring);
  /* (GTestDBus hides the display) */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  if (!rally_test_init_gtk ())
    {
      rally_test_keyring_down (&keyring);
      g_test_skip ("No display");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/preferences/workspace/team-server", test_workspace_team_server);
  g_test_add_func ("/preferences/workspace/reopen", test_workspace_reopen);
  g_test_add_func ("/preferences/workspace/no-keyring", test_workspace_no_keyring);

  ret = g_test_run ();
  rally_test_keyring_down (&keyring);
  rally_test_remove_tree (tmp_root);
  g_free (tmp_root);
  return ret;
}
