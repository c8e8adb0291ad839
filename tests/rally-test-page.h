/* rally-test-page.h
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

#pragma once

/* Header only: the fuzz targets are built from a few sources, without the test
 * library. */

#include <glib.h>

#include "rally-tiktok-json.h"

G_BEGIN_DECLS

static inline void
rally_test_assert_same_video (const RallyFetchedVideo *a,
                              const RallyFetchedVideo *b)
{
  g_assert_cmpint (a->id, ==, b->id);
  g_assert_cmpint (a->create_time, ==, b->create_time);
  g_assert_cmpstr (a->username, ==, b->username);
  g_assert_cmpstr (a->region, ==, b->region);
  g_assert_cmpstr (a->description, ==, b->description);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->share_url, ==, b->share_url);
  g_assert_true ((a->hashtags == NULL) == (b->hashtags == NULL));
  g_assert_true (a->hashtags == NULL ||
                 g_strv_equal ((const char * const *) a->hashtags, (const char * const *) b->hashtags));
  g_assert_cmpint (a->views, ==, b->views);
  g_assert_cmpint (a->likes, ==, b->likes);
  g_assert_cmpint (a->comments, ==, b->comments);
  g_assert_cmpint (a->shares, ==, b->shares);
  g_assert_cmpint (a->favorites, ==, b->favorites);
}

/* Two readings of one reply (the one-pass reader's and json-glib's) are the same. */
static inline void
rally_test_assert_same_page (const RallyTiktokPage *a,
                             const RallyTiktokPage *b)
{
  g_assert_nonnull (b);
  g_assert_cmpuint (a->videos->len, ==, b->videos->len);
  for (guint i = 0; i < a->videos->len; i++)
    rally_test_assert_same_video (g_ptr_array_index (a->videos, i), g_ptr_array_index (b->videos, i));
  g_assert_cmpint (a->cursor, ==, b->cursor);
  g_assert_cmpint (a->has_cursor, ==, b->has_cursor);
  g_assert_cmpint (a->has_more, ==, b->has_more);
  g_assert_cmpstr (a->search_id, ==, b->search_id);
  g_assert_cmpstr (a->log_id, ==, b->log_id);
  g_assert_cmpuint (a->n_duplicates, ==, b->n_duplicates);
  g_assert_cmpuint (a->n_invalid, ==, b->n_invalid);
}

G_END_DECLS
