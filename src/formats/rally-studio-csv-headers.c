/* rally-studio-csv-headers.c
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

/* The header row of a TikTok Studio export: its column names (the aliases
 * TikTok Studio has used), compared trimmed and ignoring case and spacing,
 * never by position. The headers tell an account overview from a content
 * export; columns we do not know are listed and ignored. */

#define G_LOG_DOMAIN "RallyStudioCsv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rally-studio-csv-private.h"

typedef struct
{
  const char *header;  /* normalized: lower case, single spaces */
  Col         col;
} Alias;

static const Alias overview_aliases[] = {
  { "date", COL_DATE },
  { "day", COL_DATE },
  { "video views", COL_VIEWS },
  { "views", COL_VIEWS },
  { "profile views", COL_PROFILE_VIEWS },
  { "likes", COL_LIKES },
  { "comments", COL_COMMENTS },
  { "shares", COL_SHARES },
  { "followers", COL_FOLLOWERS },
};

static const Alias content_aliases[] = {
  { "video id", COL_VIDEO_ID },
  { "id", COL_VIDEO_ID },
  { "video link", COL_LINK },
  { "link", COL_LINK },
  { "video url", COL_LINK },
  { "video title", COL_TITLE },
  { "title", COL_TITLE },
  { "post time", COL_POST_TIME },
  { "posted", COL_POST_TIME },
  { "post date", COL_POST_TIME },
  { "create time", COL_POST_TIME },
  { "total views", COL_VIEWS },
  { "video views", COL_VIEWS },
  { "views", COL_VIEWS },
  { "total likes", COL_LIKES },
  { "likes", COL_LIKES },
  { "total comments", COL_COMMENTS },
  { "comments", COL_COMMENTS },
  { "total shares", COL_SHARES },
  { "shares", COL_SHARES },
};

/* The headers that make a file a content export rather than an overview. */
static const char * const content_markers[] = {
  "video id", "video link", "video url", "video title", "post time", "total views",
};

/* Headers */

static char *
normalize_header (const char *text)
{
  GString *str = g_string_new (NULL);
  /* the bytes are checked as a whole later (the file is refused then): a header
   * read before that is made valid first, to be walked character by character */
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *lower = g_utf8_casefold (valid, -1);
  gboolean space = FALSE;

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0xA0 || c == 0x202F || c == '_')
        {
          space = str->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (str, ' ');
      space = FALSE;
      g_string_append_unichar (str, c);
    }

  return g_string_free (str, FALSE);
}

static gboolean
is_space_at (const char *p,
             gsize      *length)
{
  if (g_ascii_isspace (*p))
    *length = 1;
  else if (g_str_has_prefix (p, "\xC2\xA0"))
    *length = 2;
  else if (g_str_has_prefix (p, "\xE2\x80\xAF"))
    *length = 3;
  else
    return FALSE;

  return TRUE;
}

/* A copy without the spaces around, no-break spaces included. */
char *
_rally_studio_csv_trim (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);
  gsize n;

  while (is_space_at (start, &n))
    start += n;

  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || !is_space_at (prev, &n) || prev + n != end)
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

gboolean
_rally_studio_csv_is_content_export (const Record *header)
{
  for (guint i = 0; i < header->fields->len; i++)
    {
      g_autofree char *name = normalize_header (g_ptr_array_index (header->fields, i));

      for (guint j = 0; j < G_N_ELEMENTS (content_markers); j++)
        {
          if (g_str_equal (name, content_markers[j]))
            return TRUE;
        }
    }

  return FALSE;
}

static Col
lookup_alias (RallyStudioCsvKind  kind,
              const char         *name)
{
  const Alias *aliases = kind == RALLY_STUDIO_CSV_KIND_CONTENT ? content_aliases : overview_aliases;
  guint n = kind == RALLY_STUDIO_CSV_KIND_CONTENT ? G_N_ELEMENTS (content_aliases)
                                                  : G_N_ELEMENTS (overview_aliases);

  for (guint i = 0; i < n; i++)
    {
      if (g_str_equal (aliases[i].header, name))
        return aliases[i].col;
    }

  return COL_NONE;
}

static const char *
column_title (Col col)
{
  switch (col)
    {
    case COL_DATE:          return _("Date");
    case COL_VIDEO_ID:      return _("Video ID");
    case COL_LINK:          return _("Video link");
    case COL_TITLE:         return _("Video title");
    case COL_POST_TIME:     return _("Post time");
    case COL_VIEWS:         return _("Video views");
    case COL_LIKES:         return _("Likes");
    case COL_COMMENTS:      return _("Comments");
    case COL_SHARES:        return _("Shares");
    case COL_PROFILE_VIEWS: return _("Profile views");
    case COL_FOLLOWERS:     return _("Followers");
    case COL_NONE:
    case N_COLS:
    default:
      g_assert_not_reached ();
    }
}

gboolean
_rally_studio_csv_map_header (Interpreter  *in,
                              GError      **error)
{
  const Record *header = in->header;

  if (header->n_fields > MAX_COLUMNS)
    {
      g_set_error (error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_HEADER,
                   _("Line %u, column %u: the header has more than %u columns"),
                   header->line, MAX_COLUMNS + 1, MAX_COLUMNS);
      return FALSE;
    }

  for (guint i = 0; i < N_COLS; i++)
    in->columns[i] = -1;

  for (guint i = 0; i < header->fields->len; i++)
    {
      const char *raw = g_ptr_array_index (header->fields, i);
      g_autofree char *name = normalize_header (raw);
      Col col = lookup_alias (in->out->kind, name);

      if (col == COL_NONE)
        {
          g_ptr_array_add (in->out->unknown_columns, _rally_studio_csv_trim (raw));
          continue;
        }

      if (in->columns[col] >= 0)
        {
          g_set_error (error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_HEADER,
                       _("Line %u, column %u: “%s” has the same meaning as column %u"),
                       header->line, i + 1, raw, in->columns[col] + 1);
          return FALSE;
        }
      in->columns[col] = i;
    }

  return TRUE;
}

gboolean
_rally_studio_csv_check_required (Interpreter  *in,
                                  GError      **error)
{
  Col missing = COL_NONE;

  if (in->out->kind == RALLY_STUDIO_CSV_KIND_OVERVIEW && in->columns[COL_DATE] < 0)
    missing = COL_DATE;
  else if (in->out->kind == RALLY_STUDIO_CSV_KIND_CONTENT &&
           in->columns[COL_VIDEO_ID] < 0 && in->columns[COL_LINK] < 0)
    missing = COL_LINK;
  else if (in->columns[COL_VIEWS] < 0)
    missing = COL_VIEWS;

  if (missing == COL_NONE)
    return TRUE;

  /* a spreadsheet set to a European language saves its CSV with semicolons */
  if (in->header->n_fields == 1 && in->header->fields->len == 1 &&
      strchr (g_ptr_array_index (in->header->fields, 0), ';') != NULL)
    g_set_error (error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_MISSING_COLUMN,
                 _("Line %u: the columns are separated by semicolons. Rally reads CSV files whose "
                   "columns are separated by commas, as TikTok Studio exports them: export the file "
                   "again from TikTok Studio, or save it from the spreadsheet with commas"),
                 in->header->line);
  else
    g_set_error (error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_MISSING_COLUMN,
                 ngettext ("Line %u: the required column “%s” is missing (the header has %u column)",
                           "Line %u: the required column “%s” is missing (the header has %u columns)",
                           in->header->n_fields),
                 in->header->line, column_title (missing), in->header->n_fields);
  return FALSE;
}
