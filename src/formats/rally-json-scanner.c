/* rally-json-scanner.c
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

#define G_LOG_DOMAIN "RallyJson"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rally-json-scanner.h"

#define CHUNK (256 * 1024)
#define MAX_DEPTH 64

void
rally_json_scanner_init (RallyJsonScanner *s,
                         GInputStream     *stream,
                         GCancellable     *cancellable)
{
  *s = (RallyJsonScanner) { stream, cancellable, NULL, NULL, 0, 0, 0, 0, -1, 1, 1, 0, FALSE, NULL };
}

void
rally_json_scanner_clear (RallyJsonScanner *s)
{
  g_clear_error (&s->io_error);
  g_clear_pointer (&s->buf, g_free);
}

/* Moves the line and column of buf[0] past @n bytes. */
static void
advance_position (const char *text,
                  gsize       n,
                  guint      *line,
                  guint      *column)
{
  const char *end = text + n;
  const char *last = NULL;

  for (const char *p = text; p < end && (p = memchr (p, '\n', end - p)) != NULL; p++)
    {
      (*line)++;
      last = p;
    }
  if (last != NULL)
    *column = 1 + (guint) (end - last - 1);
  else
    *column += (guint) n;
}

/* Reads more of the stream once every byte held was looked at, first dropping what
 * nobody holds. Returns %FALSE at the end of the stream or on an error. */
static gboolean
fill (RallyJsonScanner *s)
{
  gsize drop = s->hold < 0 ? s->pos : (gsize) (s->hold - s->base);
  gssize n;

  if (s->eof || s->io_error != NULL)
    return FALSE;

  if (drop > 0)
    {
      advance_position (s->buf, drop, &s->line, &s->column);
      memmove (s->buf, s->buf + drop, s->len - drop);
      s->len -= drop;
      s->pos -= drop;
      s->base += drop;
    }
  if (s->size - s->len < CHUNK)
    {
      s->size = MAX (s->size * 2, s->len + CHUNK);
      s->buf = g_realloc (s->buf, s->size);
    }

  n = g_input_stream_read (s->stream, s->buf + s->len, s->size - s->len, s->cancellable, &s->io_error);
  if (n <= 0)
    {
      s->eof = n == 0;
      return FALSE;
    }
  s->len += n;

  return TRUE;
}

/**
 * rally_json_scanner_seek:
 * @offset: where to go, in bytes from the start of the stream
 * @line: the line of @offset in the document, for messages
 * @column: its column
 *
 * Goes to @offset of the stream, which must be seekable; nothing is held.
 */
gboolean
rally_json_scanner_seek (RallyJsonScanner  *s,
                         goffset            offset,
                         guint              line,
                         guint              column,
                         GError           **error)
{
  if (!g_seekable_seek (G_SEEKABLE (s->stream), offset, G_SEEK_SET, s->cancellable, error))
    return FALSE;

  s->len = s->pos = 0;
  s->base = offset;
  s->hold = -1;
  s->line = line;
  s->column = column;
  s->depth = 0;
  s->eof = FALSE;
  s->problem = NULL;
  g_clear_error (&s->io_error);

  return TRUE;
}

/* Skips a byte order mark at the start, as some editors write: not part of the JSON
 * text, nor counted in the columns of the first line. */
void
rally_json_scanner_skip_bom (RallyJsonScanner *s)
{
  g_assert (s->base == 0 && s->pos == 0);

  while (s->len < 3 && fill (s))
    ;
  if (s->len >= 3 && memcmp (s->buf, "\xEF\xBB\xBF", 3) == 0)
    {
      memmove (s->buf, s->buf + 3, s->len - 3);
      s->len -= 3;
      s->base = 3;
    }
}

/* The line and column of the next byte. */
void
rally_json_scanner_position (RallyJsonScanner *s,
                             guint            *line,
                             guint            *column)
{
  *line = s->line;
  *column = s->column;
  advance_position (s->buf, s->pos, line, column);
}

/* Returns: the next byte, or -1 at the end of the stream */
int
rally_json_scanner_peek (RallyJsonScanner *s)
{
  if (s->pos < s->len || fill (s))
    return (guchar) s->buf[s->pos];

  return -1;
}

/* The text from @from (held) to the next byte; valid until the scanner reads on. */
const char *
rally_json_scanner_text (RallyJsonScanner *s,
                         goffset           from)
{
  g_assert (from >= s->base && from <= rally_json_scanner_tell (s));

  return s->buf + (from - s->base);
}

gboolean
rally_json_scanner_fail (RallyJsonScanner *s,
                         const char       *problem)
{
  s->problem = problem;
  return FALSE;
}

void
rally_json_scanner_skip_space (RallyJsonScanner *s)
{
  for (;;)
    {
      while (s->pos < s->len)
        {
          char c = s->buf[s->pos];

          if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            return;
          s->pos++;
        }
      if (!fill (s))
        return;
    }
}

gboolean
rally_json_scanner_expect (RallyJsonScanner *s,
                           char              c)
{
  rally_json_scanner_skip_space (s);
  if (rally_json_scanner_peek (s) != (guchar) c)
    return rally_json_scanner_fail (s, N_("unexpected character or end of file"));
  s->pos++;
  return TRUE;
}

gboolean
rally_json_scanner_string (RallyJsonScanner *s)
{
  if (rally_json_scanner_peek (s) != '"')
    return rally_json_scanner_fail (s, N_("expected a string"));

  for (s->pos++;;)
    {
      const char *p, *end;

      if (s->pos >= s->len && !fill (s))
        return rally_json_scanner_fail (s, N_("unfinished string"));

      for (p = s->buf + s->pos, end = s->buf + s->len; p < end; p++)
        {
          if (*p == '"' || *p == '\\' || (guchar) *p < 0x20)
            break;
        }
      s->pos = p - s->buf;
      if (p == end)
        continue;
      if (*p == '"')
        {
          s->pos++;
          return TRUE;
        }
      if (*p != '\\')
        return rally_json_scanner_fail (s, N_("control character in a string"));
      /* the escaped character, whatever it is, does not end the string */
      s->pos++;
      if (rally_json_scanner_peek (s) < 0)
        return rally_json_scanner_fail (s, N_("unfinished string"));
      s->pos++;
    }
}

/* Numbers, true, false, null: checked by the JsonParser that reads them later. */
static gboolean
scan_scalar (RallyJsonScanner *s)
{
  goffset start = rally_json_scanner_tell (s);
  int c;

  while ((c = rally_json_scanner_peek (s)) >= 0 && (g_ascii_isalnum (c) || c == '+' || c == '-' || c == '.'))
    s->pos++;

  return rally_json_scanner_tell (s) > start || rally_json_scanner_fail (s, N_("unexpected character"));
}

static gboolean
scan_container (RallyJsonScanner *s,
                gboolean          object)
{
  char close = object ? '}' : ']';

  if (++s->depth > MAX_DEPTH)
    return rally_json_scanner_fail (s, N_("nested too deeply"));

  s->pos++;
  rally_json_scanner_skip_space (s);
  if (rally_json_scanner_peek (s) == (guchar) close)
    {
      s->pos++;
      s->depth--;
      return TRUE;
    }

  for (;;)
    {
      rally_json_scanner_skip_space (s);
      if (object && (!rally_json_scanner_string (s) || !rally_json_scanner_expect (s, ':')))
        return FALSE;
      rally_json_scanner_skip_space (s);
      if (!rally_json_scanner_value (s))
        return FALSE;
      rally_json_scanner_skip_space (s);
      if (rally_json_scanner_peek (s) == ',')
        {
          s->pos++;
          continue;
        }
      if (!rally_json_scanner_expect (s, close))
        return FALSE;
      s->depth--;
      return TRUE;
    }
}

/* Moves past one value: a string, an object, an array or anything else up to the
 * next delimiter. */
gboolean
rally_json_scanner_value (RallyJsonScanner *s)
{
  switch (rally_json_scanner_peek (s))
    {
    case -1:
      return rally_json_scanner_fail (s, N_("unexpected end of file"));
    case '"':
      return rally_json_scanner_string (s);
    case '{':
      return scan_container (s, TRUE);
    case '[':
      return scan_container (s, FALSE);
    default:
      return scan_scalar (s);
    }
}

/* Reports why scanning stopped: the read error, or where and why the text is not JSON. */
gboolean
rally_json_scanner_report (RallyJsonScanner  *s,
                           GQuark             domain,
                           int                code,
                           GError           **error)
{
  guint line, column;

  if (s->io_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&s->io_error));
      return FALSE;
    }

  rally_json_scanner_position (s, &line, &column);
  g_set_error (error, domain, code, _("The file is not valid JSON: line %u, column %u: %s"),
               line, column, _(s->problem != NULL ? s->problem : N_("unexpected end of file")));
  return FALSE;
}
