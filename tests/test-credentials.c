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
#include "rally-test-keyring.h"
#include "rally-test-util.h"

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
  RallyTestKeyring keyring = { NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *key = NULL;
  g_autofree char *from_keyring = NULL;

  g_unsetenv ("RALLY_CLIENT_KEY");
  g_unsetenv ("RALLY_CLIENT_SECRET");
  if (!rally_test_keyring_up (&keyring))
    {
      rally_test_keyring_down (&keyring);
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
  rally_test_keyring_down (&keyring);
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
