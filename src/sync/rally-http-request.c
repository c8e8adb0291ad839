/* rally-http-request.c
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

/* The head of an HTTP/1.x request, read by the sign-in listener from untrusted
 * bytes (anything on this computer can connect). Nothing is unbounded: the request
 * line, the header section and the announced body each have a limit of a few KiB,
 * checked before anything is kept, so a huge request costs no memory: it gets its
 * status (414, 431, 413) as soon as a limit is passed. A body is never read. */

#define G_LOG_DOMAIN "RallyOAuthLoopback"

#include "config.h"

#include <string.h>

#include "rally-http-request.h"

void
rally_http_request_free (RallyHttpRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->method);
  g_free (request->path);
  g_clear_pointer (&request->query, g_hash_table_unref);
  g_free (request);
}

/* The end of the line starting at @from (the offset of its '\n'), or -1. */
static gssize
find_newline (const char *data,
              gsize       from,
              gsize       length)
{
  const char *nl = memchr (data + from, '\n', length - from);

  return nl != NULL ? nl - data : -1;
}

static gboolean
is_token_char (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-.^_`|~", c) != NULL);
}

/* "GET /callback/?code=… HTTP/1.1" */
static guint
parse_request_line (const char        *line,
                    gsize              length,
                    RallyHttpRequest  *request)
{
  g_autofree char *text = g_strndup (line, length);
  g_auto(GStrv) parts = NULL;
  const char *query;
  g_autofree char *raw_path = NULL;

  if (strlen (text) != length)
    return 400;  /* a NUL inside */
  parts = g_strsplit (text, " ", -1);
  if (g_strv_length (parts) != 3 || parts[0][0] == '\0' || strlen (parts[0]) > 16 ||
      parts[1][0] != '/' || !(g_str_equal (parts[2], "HTTP/1.1") || g_str_equal (parts[2], "HTTP/1.0")))
    return 400;
  for (const char *p = parts[0]; *p != '\0'; p++)
    {
      if (!is_token_char (*p))
        return 400;
    }
  for (const char *p = parts[1]; *p != '\0'; p++)
    {
      if ((guchar) *p <= 0x20 || *p == 0x7f)
        return 400;
    }

  query = strchr (parts[1], '?');
  raw_path = query != NULL ? g_strndup (parts[1], query - parts[1]) : g_strdup (parts[1]);
  request->path = g_uri_unescape_string (raw_path, "/");
  if (request->path == NULL)
    return 400;
  if (query != NULL)
    {
      request->query = g_uri_parse_params (query + 1, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
      if (request->query == NULL)
        return 400;
    }
  request->method = g_strdup (parts[0]);
  return 200;
}

static guint
parse_content_length (char *value)
{
  guint64 n;

  value = g_strstrip (value);
  if (!g_ascii_isdigit (*value) || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &n, NULL))
    return 400;
  return n > RALLY_HTTP_MAX_BODY ? 413 : 200;
}

/* One "Name: value" line (without its line end). */
static guint
parse_header (char *line)
{
  char *colon = strchr (line, ':');

  if (colon == NULL || colon == line)
    return 400;
  for (const char *p = line; p < colon; p++)
    {
      if (!is_token_char (*p))
        return 400;
    }
  *colon = '\0';
  if (g_ascii_strcasecmp (line, "Content-Length") == 0)
    return parse_content_length (colon + 1);
  /* a body of unknown length is never accepted */
  if (g_ascii_strcasecmp (line, "Transfer-Encoding") == 0)
    return 413;
  return 200;
}

static guint
parse_headers (const char *data,
               gsize       start,
               gsize       end)
{
  gsize pos = start;

  while (pos < end)
    {
      gssize nl = find_newline (data, pos, end);
      gsize line_end = nl < 0 ? end : (gsize) nl;
      g_autofree char *line = NULL;
      guint status;

      if (line_end > pos && data[line_end - 1] == '\r')
        line_end--;
      if (line_end == pos)
        break;  /* the blank line that ends the head */
      line = g_strndup (data + pos, line_end - pos);
      if (strlen (line) != line_end - pos)
        return 400;
      if ((status = parse_header (line)) != 200)
        return status;
      pos = nl < 0 ? end : (gsize) nl + 1;
    }
  return 200;
}

/* Where the header section ends (just past its blank line), or 0 when not yet. */
static gsize
find_head_end (const char *data,
               gsize       start,
               gsize       length)
{
  gsize pos = start;

  for (;;)
    {
      gssize nl = find_newline (data, pos, length);

      if (nl < 0)
        return 0;
      if ((gsize) nl == pos || ((gsize) nl == pos + 1 && data[pos] == '\r'))
        return nl + 1;
      pos = nl + 1;
    }
}

/**
 * rally_http_request_parse:
 * @data: the bytes received so far
 * @length: how many
 * @request: (out) (transfer full): the request, when the status is 200
 *
 * Returns: 0 when more bytes are needed; 200 when the head is complete and valid;
 *   otherwise the status to answer with before closing the connection: 400 (not
 *   HTTP), 413 (a body over the limit, or of unknown length), 414 (the request line
 *   is too long) or 431 (the header section is too large)
 */
guint
rally_http_request_parse (const char        *data,
                          gsize              length,
                          RallyHttpRequest **request)
{
  g_autoptr(RallyHttpRequest) parsed = NULL;
  gssize line_end;
  gsize head_start, head_end, text_end;
  guint status;

  g_return_val_if_fail (data != NULL || length == 0, 400);
  g_return_val_if_fail (request != NULL, 400);

  *request = NULL;
  if (length == 0)
    return 0;
  line_end = find_newline (data, 0, MIN (length, RALLY_HTTP_MAX_REQUEST_LINE + 2));
  if (line_end < 0)
    return length > RALLY_HTTP_MAX_REQUEST_LINE + 1 ? 414 : 0;

  head_start = (gsize) line_end + 1;
  head_end = find_head_end (data, head_start, MIN (length, head_start + RALLY_HTTP_MAX_HEADERS + 2));
  if (head_end == 0)
    return length - head_start > RALLY_HTTP_MAX_HEADERS + 1 ? 431 : 0;

  parsed = g_new0 (RallyHttpRequest, 1);
  text_end = line_end > 0 && data[line_end - 1] == '\r' ? line_end - 1 : line_end;
  if ((status = parse_request_line (data, text_end, parsed)) != 200)
    return status;
  if ((status = parse_headers (data, head_start, head_end)) != 200)
    return status;
  *request = g_steal_pointer (&parsed);
  return 200;
}
