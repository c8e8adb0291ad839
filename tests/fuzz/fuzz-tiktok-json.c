/* fuzz-tiktok-json.c
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

/* libFuzzer target for the TikTok reply parser. Every parse function gets the
 * same bytes under a few HTTP statuses; none may crash, leak or read out of
 * bounds, and every failure must come with a RALLY_SYNC_ERROR. */

#include "config.h"

#include <glib.h>

#include "rally-tiktok-json.h"
#include "rally-tiktok-scan.h"
#include "../rally-test-page.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static void
check_error (gboolean  ok,
             GError   *error)
{
  if (ok)
    g_assert_null (error);
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == RALLY_SYNC_ERROR);
      g_assert_nonnull (error->message);
      g_error_free (error);
    }
}

/* What the one-pass reader accepts, json-glib's path reads alike. */
static void
check_fast_path (guint       status,
                 const char *text,
                 gsize       size)
{
  RallyTiktokPage *fast = rally_tiktok_scan_video_page (status, text, size);
  RallyTiktokPage *tree;

  if (fast == NULL)
    return;
  tree = rally_tiktok_read_video_page_tree (status, text, size, NULL);
  rally_test_assert_same_page (fast, tree);
  rally_tiktok_page_free (fast);
  rally_tiktok_page_free (tree);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const guint statuses[] = { 200, 400, 401, 429, 500, 504 };
  const char *text = (const char *) data;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      GError *error = NULL;
      RallyTiktokPage *page;
      RallyTiktokToken *token;
      RallyAccount *user;
      gboolean ok;

      check_fast_path (statuses[i], text, size);
      page = rally_tiktok_parse_video_page (statuses[i], text, size, &error);
      if (page != NULL)
        {
          for (guint j = 0; j < page->videos->len; j++)
            g_assert_cmpint (((RallyFetchedVideo *) g_ptr_array_index (page->videos, j))->id, >, 0);
        }
      check_error (page != NULL, error);
      rally_tiktok_page_free (page);

      error = NULL;
      token = rally_tiktok_parse_token (statuses[i], text, size, &error);
      check_error (token != NULL, error);
      rally_tiktok_token_free (token);

      error = NULL;
      user = rally_tiktok_parse_user_info (statuses[i], text, size, &error);
      check_error (user != NULL, error);
      rally_account_free (user);

      error = NULL;
      ok = rally_tiktok_parse_status (statuses[i], text, size, &error);
      check_error (ok, error);

      /* one status is enough for inputs that are not JSON-ish */
      if (size == 0 || (data[0] != '{' && data[0] != ' '))
        break;
    }
  return 0;
}
