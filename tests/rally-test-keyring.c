/* rally-test-keyring.c
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

/* A gnome-keyring-daemon on a private D-Bus session bus (GTestDBus), for tests of what
 * Rally keeps in the keyring; it skips the test when the daemon is not installed or
 * does not come up. Its login keyring is a file encrypted with a test password. */

#include "config.h"

#include <libsecret/secret.h>

#include "rally-test-keyring.h"

static gboolean
wait_for_secrets (GDBusConnection *connection)
{
  /* up to 30 s: a loaded test machine starts it slowly */
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean has_owner = FALSE;

      reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner",
                                           g_variant_new ("(s)", "org.freedesktop.secrets"),
                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &has_owner);
      if (has_owner)
        return TRUE;
      g_usleep (100 * 1000);
    }
  return FALSE;
}

gboolean
rally_test_keyring_up (RallyTestKeyring *keyring)
{
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *runtime = NULL;
  g_autofree char *keyrings = NULL;

  if (daemon == NULL)
    {
      g_test_skip ("gnome-keyring-daemon is not installed");
      return FALSE;
    }

  keyring->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (keyring->bus);

  /* GTestDBus points XDG_RUNTIME_DIR at /dev/null: give the daemon a real one */
  runtime = g_build_filename (g_get_user_data_dir (), "keyring-runtime", NULL);
  g_mkdir_with_parents (runtime, 0700);
  keyrings = g_build_filename (g_get_user_data_dir (), "keyrings", NULL);
  g_mkdir_with_parents (keyrings, 0700);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  /* GTestDBus also points HOME and the XDG folders at /dev/null: use the test's own */
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  /* the daemon warns on replacing an item: not a reason for it to abort */
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", g_test_dbus_get_bus_address (keyring->bus), TRUE);
  /* --unlock reads the login keyring's password on stdin and creates it */
  g_subprocess_launcher_setenv (launcher, "RALLY_KEYRING_DAEMON", daemon, TRUE);
  keyring->daemon = g_subprocess_launcher_spawn (launcher, &error, "sh", "-c",
                                                 "echo rally-test | exec \"$RALLY_KEYRING_DAEMON\" --foreground"
                                                 " --unlock --components=secrets", NULL);
  g_assert_no_error (error);

  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  if (!wait_for_secrets (connection))
    {
      g_test_skip ("gnome-keyring-daemon did not start on the test bus");
      return FALSE;
    }
  return TRUE;
}

void
rally_test_keyring_down (RallyTestKeyring *keyring)
{
  if (keyring->daemon != NULL)
    {
      g_subprocess_force_exit (keyring->daemon);
      g_subprocess_wait (keyring->daemon, NULL, NULL);
      g_clear_object (&keyring->daemon);
    }
  /* libsecret keeps the session bus connection for the life of the process, so
   * g_test_dbus_down() (and the object's dispose) would wait for it in vain: stop
   * the bus daemon and let the object go with the process. */
  secret_service_disconnect ();
  if (keyring->bus != NULL)
    g_test_dbus_stop (keyring->bus);
}

