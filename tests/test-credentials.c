/* test-credentials.c
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

/* Credentials: environment first, then the keyring. The keyring tests run a
 * gnome-keyring-daemon on a private D-Bus session bus (GTestDBus) and skip when
 * the daemon is not installed or does not come up. */

#include "config.h"

#include <gio/gio.h>

#include "rally-credentials.h"
#include "rally-sync-error.h"
#include "rally-test-util.h"

typedef struct
{
  GTestDBus   *bus;
  GSubprocess *daemon;
} Keyring;

static gboolean
wait_for_secrets (GDBusConnection *connection)
{
  for (guint i = 0; i < 100; i++)
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

static gboolean
keyring_up (Keyring *keyring)
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

static void
keyring_down (Keyring *keyring)
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

static void
test_credentials_environment (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;

  g_setenv ("RALLY_CLIENT_KEY", "env-key", TRUE);
  g_setenv ("RALLY_CLIENT_SECRET", "env-secret", TRUE);
  g_assert_true (rally_credentials_get_client ("settings-key", &key, &secret, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "env-key");
  g_assert_cmpstr (secret, ==, "env-secret");

  g_unsetenv ("RALLY_CLIENT_KEY");
  g_unsetenv ("RALLY_CLIENT_SECRET");
  g_clear_pointer (&key, g_free);
  g_assert_false (rally_credentials_get_client ("", &key, &secret, NULL, &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS);
  g_assert_null (key);
}

/* The key in use: RALLY_CLIENT_KEY, else the setting, else the one built in with
 * -Dtiktok_client_key (empty in this build unless a distributor set it); the built-in
 * secret goes only with the built-in key. */
static void
test_credentials_builtin_key (void)
{
  g_autofree char *from_setting = NULL;
  g_autofree char *from_env = NULL;
  g_autofree char *from_build = NULL;

  g_unsetenv ("RALLY_CLIENT_KEY");
  from_setting = rally_credentials_resolve_key ("  my-app-key ");
  g_assert_cmpstr (from_setting, ==, "my-app-key");
  from_build = rally_credentials_resolve_key ("");
  g_assert_cmpstr (from_build, ==, TIKTOK_CLIENT_KEY);
  g_assert_cmpstr (rally_credentials_get_builtin_key (), ==, TIKTOK_CLIENT_KEY);
  g_setenv ("RALLY_CLIENT_KEY", "env-key", TRUE);
  from_env = rally_credentials_resolve_key ("my-app-key");
  g_assert_cmpstr (from_env, ==, "env-key");
  g_unsetenv ("RALLY_CLIENT_KEY");

  g_assert_null (rally_credentials_get_builtin_secret ("my-app-key"));
  g_assert_null (rally_credentials_get_builtin_secret (""));
  g_assert_null (rally_credentials_get_builtin_secret (NULL));
  if (*TIKTOK_CLIENT_KEY != '\0' && *TIKTOK_CLIENT_SECRET != '\0')
    g_assert_cmpstr (rally_credentials_get_builtin_secret (TIKTOK_CLIENT_KEY), ==, TIKTOK_CLIENT_SECRET);
}

static char *
lookup_token (gboolean refresh)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  if (refresh)
    rally_credentials_lookup_refresh_token_async (NULL, rally_test_store_result_cb, &result);
  else
    rally_credentials_lookup_user_token_async (NULL, rally_test_store_result_cb, &result);
  token = refresh ? rally_credentials_lookup_refresh_token_finish (rally_test_wait_result (&result), &error)
                  : rally_credentials_lookup_user_token_finish (rally_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return token;
}

static void
store_token (gboolean    refresh,
             const char *token)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (refresh)
    {
      rally_credentials_store_refresh_token_async (token, NULL, rally_test_store_result_cb, &result);
      g_assert_true (rally_credentials_store_refresh_token_finish (rally_test_wait_result (&result), &error));
    }
  else
    {
      rally_credentials_store_user_token_async (token, NULL, rally_test_store_result_cb, &result);
      g_assert_true (rally_credentials_store_user_token_finish (rally_test_wait_result (&result), &error));
    }
  g_assert_no_error (error);
}

/* The user token and the refresh token are two items; storing "" removes one. */
static void
sign_out (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  rally_credentials_sign_out_async (NULL, rally_test_store_result_cb, &result);
  g_assert_true (rally_credentials_sign_out_finish (rally_test_wait_result (&result), &error));
  g_assert_no_error (error);
}

static void
check_tokens (void)
{
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *rotated = NULL;
  g_autofree char *signed_out_access = NULL;
  g_autofree char *signed_out_refresh = NULL;
  g_autofree char *secret = NULL;

  store_token (FALSE, "act.example");
  store_token (TRUE, "rft.example");
  access = lookup_token (FALSE);
  refresh = lookup_token (TRUE);
  g_assert_cmpstr (access, ==, "act.example");
  g_assert_cmpstr (refresh, ==, "rft.example");

  store_token (TRUE, "rft.rotated");
  rotated = lookup_token (TRUE);
  g_assert_cmpstr (rotated, ==, "rft.rotated");

  store_token (TRUE, "");
  gone = lookup_token (TRUE);
  g_assert_null (gone);
  g_free (access);
  access = lookup_token (FALSE);
  g_assert_cmpstr (access, ==, "act.example");

  /* Sign Out takes both tokens away and leaves the client secret */
  store_token (TRUE, "rft.example");
  sign_out ();
  g_assert_null (signed_out_access = lookup_token (FALSE));
  g_assert_null (signed_out_refresh = lookup_token (TRUE));
  g_assert_nonnull (secret = rally_credentials_lookup_secret_sync ("awhl4x7example", NULL, NULL));
}

static void
test_credentials_keyring (void)
{
  Keyring keyring = { NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *key = NULL;
  g_autofree char *from_keyring = NULL;

  g_unsetenv ("RALLY_CLIENT_KEY");
  g_unsetenv ("RALLY_CLIENT_SECRET");
  if (!keyring_up (&keyring))
    {
      keyring_down (&keyring);
      return;
    }

  g_assert_true (rally_credentials_store_secret_sync ("awhl4x7example", "s3cr3tExample", NULL, &error));
  g_assert_no_error (error);
  secret = rally_credentials_lookup_secret_sync ("awhl4x7example", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "s3cr3tExample");

  missing = rally_credentials_lookup_secret_sync ("other-key", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  /* replacing the secret keeps one item */
  g_assert_true (rally_credentials_store_secret_sync ("awhl4x7example", "rotated", NULL, &error));
  g_assert_true (rally_credentials_get_client ("awhl4x7example", &key, &from_keyring, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (from_keyring, ==, "rotated");

  g_clear_pointer (&key, g_free);
  g_clear_pointer (&from_keyring, g_free);
  g_assert_false (rally_credentials_get_client ("other-key", &key, &from_keyring, NULL, &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS);
  g_clear_error (&error);

  check_tokens ();
  keyring_down (&keyring);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/credentials/environment", test_credentials_environment);
  g_test_add_func ("/credentials/builtin-key", test_credentials_builtin_key);
  g_test_add_func ("/credentials/keyring", test_credentials_keyring);

  return g_test_run ();
}
