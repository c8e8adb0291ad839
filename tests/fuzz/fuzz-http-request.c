/* fuzz-http-request.c
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


/* libFuzzer target for the sign-in listener's request parsing: any bytes, fed whole
 * and in every prefix a slow client could send, must give a status the listener can
 * answer, never read beyond the limits, and a complete request only when the head
 * is whole. */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "rally-http-request.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static guint
parse (const char *text,
       gsize       length)
{
  RallyHttpRequest *request = NULL;
  guint status = rally_http_request_parse (text, length, &request);

  g_assert_true (status == 0 || status == 200 || status == 400 || status == 413 || status == 414 ||
                 status == 431);
  if (status == 200)
    {
      g_assert_nonnull (request);
      g_assert_nonnull (request->method);
      g_assert_true (request->path != NULL && request->path[0] == '/');
      if (request->query != NULL)
        g_assert_true (g_hash_table_size (request->query) < length);
    }
  else
    g_assert_null (request);
  /* the listener never holds more than this before answering */
  if (status == 0)
    g_assert_cmpuint (length, <=, RALLY_HTTP_MAX_REQUEST);
  rally_http_request_free (request);
  return status;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* a copy exactly as long as the input, so ASan catches any read past the end */
  g_autofree char *text = g_memdup2 (data, size);
  gsize length = MIN (size, RALLY_HTTP_MAX_REQUEST);
  guint whole = parse (text, length);

  /* a head that is complete stays the same request whatever follows */
  if (whole != 0)
    {
      for (gsize cut = length / 2; cut < length; cut += 1 + (length - cut) / 2)
        {
          guint part = parse (text, cut);

          g_assert_true (part == 0 || part == whole || whole == 400 || part == 400 || part == 414 || part == 431 ||
                         part == 413);
        }
    }
  return 0;
}
