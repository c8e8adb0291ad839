/* test-cli.c
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

/* The command line: rally --version and rally --help answer and exit 0. */

#include "config.h"

#include <glib.h>
#include <string.h>

static void
run_rally (const char  *arg,
           char       **out,
           int         *status)
{
  const char *bin = g_getenv ("RALLY_BIN");
  const char *argv[] = { bin, arg, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (bin);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, NULL, status, &error);
  g_assert_no_error (error);
}

static void
test_cli_version (void)
{
  g_autofree char *out = NULL;
  int status = -1;

  run_rally ("--version", &out, &status);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, "rally " PACKAGE_VERSION "\n");
}

static void
test_cli_help (void)
{
  g_autofree char *out = NULL;
  int status = -1;

  run_rally ("--help", &out, &status);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "Usage:"));
  g_assert_nonnull (strstr (out, "--data-dir"));
  g_assert_nonnull (strstr (out, "--version"));
  g_assert_nonnull (strstr (out, "Commands:"));
}

static void
test_cli_unknown_option (void)
{
  g_autofree char *out = NULL;
  int status = -1;

  run_rally ("--no-such-option", &out, &status);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/version", test_cli_version);
  g_test_add_func ("/cli/help", test_cli_help);
  g_test_add_func ("/cli/unknown-option", test_cli_unknown_option);

  return g_test_run ();
}
