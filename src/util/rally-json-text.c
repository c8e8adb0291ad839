/* rally-json-text.c
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

/* Text from outside (API replies, backups) made safe: JSON text for json-glib before
 * it is parsed (json-glib keeps `\u0000` inside strings, which cuts C strings short,
 * silently wraps integer literals beyond the range of a gint64, refuses a whole
 * document for one string cut inside a character, and recurses as deep as arrays
 * nest), and strings
 * before they are printed or shown (no control characters, which could clear a
 * terminal, set its title or fake a line of output). */

#define G_LOG_DOMAIN "RallyJson"

#include "config.h"

#include <string.h>

#include "rally-json-text.h"

static gboolean
integer_overflows (const char *start,
                   gsize       len)
{
  const char *limit = "9223372036854775807";
  gsize digits = len;

  if (*start == '-')
    {
      start++;
      digits--;
      limit = "9223372036854775808";
    }
  while (digits > 1 && *start == '0')
    {
      start++;
      digits--;
    }
  if (digits != 19)
    return digits > 19;
  return strncmp (start, limit, 19) > 0;
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, the only numbers JSON has */
static gboolean
is_json_number (const char *p,
                const char *end,
                gboolean   *integer)
{
  const char *start;

  *integer = TRUE;
  if (p < end && *p == '-')
    p++;
  if (p >= end || !g_ascii_isdigit (*p) || (*p == '0' && p + 1 < end && g_ascii_isdigit (p[1])))
    return FALSE;
  while (p < end && g_ascii_isdigit (*p))
    p++;
  if (p < end && *p == '.')
    {
      *integer = FALSE;
      for (start = ++p; p < end && g_ascii_isdigit (*p); p++)
        ;
      if (p == start)
        return FALSE;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      *integer = FALSE;
      if (++p < end && (*p == '+' || *p == '-'))
        p++;
      for (start = p; p < end && g_ascii_isdigit (*p); p++)
        ;
      if (p == start)
        return FALSE;
    }
  return p == end;
}

/* A number outside strings. json-glib reads more than JSON's numbers (020 as octal
 * 16, 0x1F and $1F as hex 31) and wraps integers beyond a gint64: anything but a
 * JSON number that fits is quoted, so that it is read as the text it is. */
static gsize
copy_number (GString    *out,
             const char *p,
             const char *end)
{
  const char *q = p;
  gboolean integer;

  while (q < end && (g_ascii_isalnum (*q) || *q == '+' || *q == '-' || *q == '.' || *q == '$'))
    q++;
  if (!is_json_number (p, q, &integer) || (integer && integer_overflows (p, (gsize) (q - p))))
    {
      g_string_append_c (out, '"');
      g_string_append_len (out, p, q - p);
      g_string_append_c (out, '"');
    }
  else
    g_string_append_len (out, p, q - p);
  return (gsize) (q - p);
}

/**
 * rally_json_hex4:
 * @p: four bytes (of a "\u" escape)
 *
 * Returns: the value of the four hex digits at @p, or -1
 */
int
rally_json_hex4 (const char *p)
{
  int value = 0;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* The value of the four hex digits after "\u" at @p, or -1. */
static int
escape_value (const char *p,
              const char *end)
{
  if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return -1;
  return rally_json_hex4 (p + 2);
}

/* A "\u" escape inside a string: copied, but for a surrogate that is not half of a
 * pair (a caption cut inside an emoji), which json-glib refuses with the whole
 * document: it becomes U+FFFD. Returns the bytes read. */
static gsize
copy_unicode_escape (GString    *out,
                     const char *p,
                     const char *end)
{
  int value = escape_value (p, end);
  int next;

  if (value < 0xD800 || value > 0xDFFF)
    {
      /* not a surrogate, or not four hex digits: json-glib judges */
      g_string_append_len (out, p, 2);
      return 2;
    }
  next = escape_value (p + 6, end);
  if (value <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF)
    {
      g_string_append_len (out, p, 12);
      return 12;
    }
  g_string_append (out, "\\ufffd");
  return 6;
}

/* Copies a run of a string's bytes, any byte that is not valid UTF-8 as U+FFFD. */
static void
copy_string_run (GString    *out,
                 const char *run,
                 gsize       length)
{
  g_autofree char *valid = NULL;

  if (g_utf8_validate_len (run, length, NULL))
    {
      g_string_append_len (out, run, length);
      return;
    }
  valid = g_utf8_make_valid (run, length);
  g_string_append (out, valid);
}

/**
 * rally_json_sanitize:
 * @data: JSON text, not necessarily nul-terminated
 * @length: its length in bytes
 * @out_length: (out): the length of the result
 *
 * Drops raw NUL bytes and `\u0000` escapes inside strings; turns bytes that are not
 * UTF-8 and lone surrogate escapes inside strings into U+FFFD; quotes integer
 * literals that do not fit a gint64 so json-glib cannot wrap them silently, and
 * anything else outside strings that json-glib would take for a number but JSON
 * does not (020, 0x1F, $1F).
 *
 * Returns: (transfer full) (nullable): the cleaned text, nul-terminated; %NULL
 *   when it is not JSON that can be read safely: arrays and objects nested more
 *   than %RALLY_JSON_MAX_DEPTH deep, a comment or a single-quoted string (which
 *   json-glib reads, and JSON does not have)
 */
char *
rally_json_sanitize (const char *data,
                     gsize       length,
                     gsize      *out_length)
{
  GString *out = g_string_sized_new (length + 16);
  const char *p = data;
  const char *end = data + length;
  gboolean in_string = FALSE;
  guint depth = 0;

  while (p < end)
    {
      const char *run = p;
      char c;

      /* up to the next byte that may need more than a copy */
      if (in_string)
        {
          while (p < end && *p != '"' && *p != '\\' && *p != '\0')
            p++;
          copy_string_run (out, run, p - run);
        }
      else
        {
          while (p < end && *p != '"' && *p != '\0' && !g_ascii_isdigit (*p) && *p != '-' && *p != '$' &&
                 *p != '[' && *p != '{' && *p != ']' && *p != '}' && *p != '/' && *p != '\'')
            p++;
          g_string_append_len (out, run, p - run);
        }
      if (p >= end)
        break;

      c = *p;
      if (c == '\0')
        p++;
      else if (in_string && c == '\\')
        {
          if (end - p >= 6 && memcmp (p, "\\u0000", 6) == 0)
            p += 6;
          else if (p + 1 < end && p[1] == 'u')
            p += copy_unicode_escape (out, p, end);
          else if (p + 1 < end && (guchar) p[1] >= 0x80)
            p++;  /* "\é" is "é" to json-glib: the character stays whole */
          else if (p + 1 < end && p[1] != '\0')
            {
              g_string_append_len (out, p, 2);
              p += 2;
            }
          else
            p++;
        }
      else if (c == '"')
        {
          in_string = !in_string;
          g_string_append_c (out, c);
          p++;
        }
      else if (!in_string && (g_ascii_isdigit (c) || c == '-' || c == '$'))
        p += copy_number (out, p, end);
      else if (!in_string && (((c == '[' || c == '{') && ++depth > RALLY_JSON_MAX_DEPTH) || c == '/' || c == '\''))
        {
          /* json-glib reads comments and single-quoted strings, where a '"' would
           * hide from here what follows: JSON has neither */
          g_string_free (out, TRUE);
          return NULL;
        }
      else if (!in_string && (c == ']' || c == '}'))
        {
          depth = depth > 0 ? depth - 1 : 0;
          g_string_append_c (out, c);
          p++;
        }
      else
        {
          g_string_append_c (out, c);
          p++;
        }
    }

  if (out_length != NULL)
    *out_length = out->len;
  return g_string_free (out, FALSE);
}

/**
 * rally_text_strip_controls:
 * @text: (nullable): text from outside, any bytes
 * @keep_newlines: keep line feeds and tabs (a video's description)
 *
 * Returns: (transfer full) (nullable): @text as valid UTF-8 with every control
 *   character (C0, DEL, C1: escape sequences, carriage returns, bells) turned into a
 *   space; %NULL when @text is %NULL
 */
char *
rally_text_strip_controls (const char *text,
                           gboolean    keep_newlines)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (keep_newlines && (c == '\n' || c == '\t'))
        g_string_append_c (out, (char) c);
      else if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        g_string_append_c (out, ' ');
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

/**
 * rally_json_append_string:
 * @out: JSON text being written
 * @text: UTF-8 (what is not becomes U+FFFD)
 *
 * Appends @text to @out as a JSON string, in quotes: `"` and `\` escaped,
 * control characters as `\u00XX`, the rest as it is.
 */
void
rally_json_append_string (GString    *out,
                          const char *text)
{
  g_autofree char *valid = g_utf8_validate (text, -1, NULL) ? NULL : g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) (valid != NULL ? valid : text); *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if (*p < 0x20)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
