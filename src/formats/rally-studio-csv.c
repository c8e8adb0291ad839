/* rally-studio-csv.c
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

/* Reading a TikTok Studio analytics export.
 *
 * TikTok Studio offers two CSV files: the account overview (one row per day:
 * Date, Video views, Profile views, Likes, Comments, Shares, Followers…) and the
 * content list (one row per video: Video title, Video link, Post time, Total
 * views…). Columns are found by their header, compared trimmed and ignoring
 * case, never by position; columns we do not know are listed and ignored.
 *
 * The file is read in pieces (a RallyStudioCsvReader), with no store access, so
 * that a large export never has to be in memory whole. As the bytes come:
 *  1. check them (UTF-16, NUL bytes, invalid UTF-8, also cut between pieces),
 *  2. split them into records with libcsv (strict quoting), remembering the
 *     physical line each record starts on,
 *  3. map the header, then turn each record into a compact pending row at once.
 * At the end, once the slash order and the years of the whole date column are
 * known, the pending rows are decided in file order: rows or rejections. A
 * problem with the bytes anywhere takes precedence over any other, as before.
 *
 * Dates: 2024-06-01, 2024/06/01, 06/01/2024 (month first, unless a value in
 * the same column has a first part above 12, then the whole column is read day
 * first), 01.06.2024 (day first), June 1 / Jun 1, 2024, 1 Jun 2024 / 1 June;
 * month names in English, full or abbreviated. An optional time follows the
 * date: 14:03, 14:03:59, 2:03 PM, or ISO "T14:03:59Z"; times are taken as UTC.
 * A date without a year gets the year that puts the latest such date in
 * @default_year (an export ends on the day it is made), stepping back a year
 * where consecutive rows cross a new year.
 *
 * Counts: digits, optionally grouped by threes with ',', ' ', a no-break space
 * or '\''. An empty cell means "not reported" (-1). Negative, fractional or
 * other text is rejected.
 */

#define G_LOG_DOMAIN "RallyStudioCsv"

#include "config.h"

#include <inttypes.h>

#include <csv.h>
#include <glib/gi18n.h>
#include <string.h>

#include "rally-studio-csv.h"

#define MAX_COLUMNS 256
#define MAX_BYTES (256 * 1024 * 1024)

G_DEFINE_QUARK (rally-studio-csv-error-quark, rally_studio_csv_error)

typedef enum
{
  COL_NONE = -1,
  COL_DATE,
  COL_VIDEO_ID,
  COL_LINK,
  COL_TITLE,
  COL_POST_TIME,
  COL_VIEWS,
  COL_LIKES,
  COL_COMMENTS,
  COL_SHARES,
  COL_PROFILE_VIEWS,
  COL_FOLLOWERS,
  N_COLS
} Col;

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

typedef struct
{
  guint      line;
  guint      n_fields;  /* may exceed fields->len: extra fields are counted, not kept */
  GPtrArray *fields;
} Record;

typedef struct
{
  Record    *current;
  guint      line;
} Tokenizer;

typedef struct
{
  int  year;  /* 0 when the text had none */
  int  month;
  int  day;
  int  hour;
  int  minute;
  int  second;
} DateParts;

typedef enum
{
  ORDER_MONTH_FIRST,
  ORDER_DAY_FIRST,
} SlashOrder;

typedef struct
{
  RallyStudioCsvResult       *out;
  const Record               *header;
  int                         columns[N_COLS];  /* 0-based index, or -1 */
} Interpreter;

/* Where the byte checks stand: the line and CSV column of the next byte, as
 * locate_offset() would count them; a CR is counted once the next byte shows
 * whether it starts a CR LF pair. */
typedef struct
{
  guint     line;
  guint     column;
  gboolean  quoted;
  gboolean  cr;
} Cursor;

/* A data row read but not yet final: its date waits for the slash order and
 * the years, which need every row. Rows are decided in file order at the end,
 * so rejections and duplicates come out as if the file were read at once. */
typedef struct
{
  gpointer                 row;          /* RallyStudioContentRow* or RallyStudioOverviewRow*,
                                          * NULL for a row rejected already */
  RallyStudioCsvRejection *rejection;    /* without a row: shape or identity; with one:
                                          * the figures, applying if the date passes */
  guint32                  date;         /* offset in the dates arena, or NO_DATE */
  int                      year_offset;  /* for a date without a year */
} Pending;

#define NO_DATE G_MAXUINT32
#define DEFAULT_CHUNK_SIZE (64 * 1024)
#define HEAD_SIZE 5  /* a BOM and the two bytes that would say UTF-16 */

struct _RallyStudioCsvReader
{
  int                   default_year;

  /* The first bytes, held until the BOM and UTF-16 checks can see them */
  guint8                head[HEAD_SIZE];
  guint                 head_len;
  gboolean              started;

  /* Byte checks */
  gsize                 n_bytes;  /* after the BOM */
  gboolean              utf16;
  Cursor                cursor;
  char                  tail[4];  /* a UTF-8 sequence cut by the end of a chunk */
  guint                 tail_len;
  gboolean              bad_found;
  guint                 bad_line, bad_column;
  gboolean              nul_found;
  guint                 nul_line, nul_column;

  /* Tokenizing */
  struct csv_parser     parser;
  Tokenizer             tok;
  gboolean              tok_cr;  /* the last chunk ended with a CR */
  GError               *syntax_error;

  /* Interpreting */
  Record               *header;
  GError               *header_error;
  Interpreter           in;
  GArray               *pending;  /* of Pending */
  GByteArray           *dates;    /* the date cells of the pending rows, NUL-terminated */
  gboolean              day_first;
  int                   year_offset;
  int                   max_offset;
  int                   prev_month;
};

static gsize chunk_size = DEFAULT_CHUNK_SIZE;

/* Auxiliary methods */

static void
record_free (gpointer data)
{
  Record *record = data;

  g_ptr_array_unref (record->fields);
  g_free (record);
}

static void
rejection_free (gpointer data)
{
  RallyStudioCsvRejection *rejection = data;

  g_free (rejection->column_name);
  g_free (rejection->message);
  g_free (rejection);
}

static void
content_row_free (gpointer data)
{
  RallyStudioContentRow *row = data;

  g_free (row->title);
  g_free (row->link);
  g_free (row->username);
  g_free (row);
}

static guint
count_newlines (const char *text,
                gsize       length)
{
  guint n = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == length || text[i + 1] != '\n')))
        n++;
    }

  return n;
}

/* Byte checks, chunk by chunk */

static void
cursor_newline (Cursor *c)
{
  c->line++;
  if (!c->quoted)
    c->column = 1;
}

/* Settles a CR seen last, now that @next follows it. */
static void
cursor_settle (Cursor *c,
               char    next)
{
  if (c->cr && next != '\n')
    cursor_newline (c);
  c->cr = FALSE;
}

static void
cursor_advance (Cursor     *c,
                const char *data,
                gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      char b = data[i];

      cursor_settle (c, b);
      if (b == '"')
        c->quoted = !c->quoted;
      else if (b == '\r')
        c->cr = TRUE;
      else if (b == '\n')
        cursor_newline (c);
      else if (b == ',' && !c->quoted)
        c->column++;
    }
}

/* The first byte of @data that is not valid UTF-8: its offset, -1 for one that
 * began in the previous chunk, or G_MAXSSIZE. A sequence cut by the end of a
 * chunk waits in reader->tail for the next one. */
static gssize
find_invalid_utf8 (RallyStudioCsvReader *reader,
                   const char           *data,
                   gsize                 length,
                   gboolean              final)
{
  gsize used = 0, rest;
  const char *end;

  if (reader->tail_len > 0)
    {
      guint need = g_utf8_skip[(guchar) reader->tail[0]];

      while (reader->tail_len < need && used < length)
        {
          /* Not a continuation byte: the sequence is broken where it began. */
          if (((guchar) data[used] & 0xC0) != 0x80)
            return -1;
          reader->tail[reader->tail_len++] = data[used++];
        }
      if (reader->tail_len < need && !final)
        return G_MAXSSIZE;
      if (!g_utf8_validate_len (reader->tail, reader->tail_len, NULL))
        return -1;
      reader->tail_len = 0;
    }

  if (g_utf8_validate_len (data + used, length - used, &end))
    return G_MAXSSIZE;

  rest = data + length - end;
  /* GLib calls a 5- or 6-byte lead (0xF8–0xFD) an incomplete sequence; UTF-8 has no
   * such sequences, so only a lead of at most 4 bytes waits for the next chunk */
  if (!final && rest < sizeof reader->tail && memchr (end, '\0', rest) == NULL &&
      (gsize) g_utf8_skip[(guchar) end[0]] <= sizeof reader->tail &&
      g_utf8_get_char_validated (end, rest) == (gunichar) -2)
    {
      memcpy (reader->tail, end, rest);
      reader->tail_len = rest;
      return G_MAXSSIZE;
    }

  return end - data;
}

/* Looks for the first invalid byte and the first NUL, and where they are. */
static void
check_chunk (RallyStudioCsvReader *reader,
             const char           *data,
             gsize                 length,
             gboolean              final)
{
  const char *nul;
  gsize done = 0;

  if (reader->nul_found)
    return;

  if (!reader->bad_found)
    {
      gssize bad = find_invalid_utf8 (reader, data, length, final);

      if (bad != G_MAXSSIZE)
        {
          done = MAX (bad, 0);
          cursor_advance (&reader->cursor, data, done);
          if (done < length)
            cursor_settle (&reader->cursor, data[done]);
          reader->bad_found = TRUE;
          reader->bad_line = reader->cursor.line;
          reader->bad_column = reader->cursor.column;
        }
    }

  nul = memchr (data + done, '\0', length - done);
  if (nul != NULL)
    {
      cursor_advance (&reader->cursor, data + done, nul - data - done);
      cursor_settle (&reader->cursor, '\0');
      reader->nul_found = TRUE;
      reader->nul_line = reader->cursor.line;
      reader->nul_column = reader->cursor.column;
      return;
    }

  cursor_advance (&reader->cursor, data + done, length - done);
}

static gboolean
check_bytes (RallyStudioCsvReader  *reader,
             GError               **error)
{
  if (reader->n_bytes > MAX_BYTES)
    {
      g_set_error (error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_TOO_BIG,
                   _("The file is too big for a TikTok Studio export (%zu MB)"),
                   reader->n_bytes / (1024 * 1024));
      return FALSE;
    }

  if (reader->utf16)
    {
      g_set_error_literal (error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_ENCODING,
                           _("Line 1, column 1: the file is saved as UTF-16; save it as UTF-8 CSV and try again"));
      return FALSE;
    }

  if (reader->nul_found)
    {
      g_set_error (error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_BINARY,
                   _("Line %u, column %u: the file contains a NUL byte: it is a binary file, not a CSV export"),
                   reader->nul_line, reader->nul_column);
      return FALSE;
    }

  if (reader->bad_found)
    {
      g_set_error (error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_ENCODING,
                   _("Line %u, column %u: the text is not valid UTF-8; save the file as UTF-8 CSV and try again"),
                   reader->bad_line, reader->bad_column);
      return FALSE;
    }

  return TRUE;
}

/* Tokenizing with libcsv */

static void handle_record (RallyStudioCsvReader *reader,
                           Record               *record);

static void
field_cb (void   *field,
          size_t  length,
          void   *user_data)
{
  RallyStudioCsvReader *reader = user_data;
  Tokenizer *tok = &reader->tok;

  if (tok->current == NULL)
    {
      tok->current = g_new0 (Record, 1);
      tok->current->fields = g_ptr_array_new_with_free_func (g_free);
      /* A quoted first field may span lines: the record began where it began. */
      tok->current->line = tok->line - count_newlines (field, length);
    }

  tok->current->n_fields++;
  if (tok->current->fields->len < MAX_COLUMNS + 1)
    g_ptr_array_add (tok->current->fields, g_strndup (field, length));
}

static void
record_cb (int   terminator,
           void *user_data)
{
  RallyStudioCsvReader *reader = user_data;

  if (reader->tok.current == NULL)
    return;

  handle_record (reader, g_steal_pointer (&reader->tok.current));
}

/* The length of the text before the first CR or LF. */
static gsize
strcspn_len (const char *text,
             gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\r' || text[i] == '\n')
        return i;
    }

  return length;
}

static gboolean
feed_parser (RallyStudioCsvReader *reader,
             const char           *data,
             gsize                 length)
{
  Tokenizer *tok = &reader->tok;
  guint column;

  if (csv_parse (&reader->parser, data, length, field_cb, record_cb, reader) == length)
    return TRUE;

  column = tok->current != NULL ? tok->current->n_fields + 1 : 1;
  g_set_error (&reader->syntax_error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_SYNTAX,
               _("Line %u, column %u: a quotation mark is out of place"), tok->line, column);
  return FALSE;
}

/* Feeds one physical line at a time so that callbacks know their line. Lines
 * end with LF, CR LF or a lone CR (old Mac exports); a CR that ends a chunk is
 * counted when the next chunk shows whether an LF follows. */
static void
tokenize_chunk (RallyStudioCsvReader *reader,
                const char           *data,
                gsize                 length)
{
  gsize pos = 0;

  if (reader->syntax_error != NULL || length == 0)
    return;

  if (reader->tok_cr)
    {
      reader->tok_cr = FALSE;
      if (data[0] == '\n' && !feed_parser (reader, data, 1))
        return;
      pos = data[0] == '\n' ? 1 : 0;
      reader->tok.line++;
    }

  while (pos < length)
    {
      gsize end = pos + strcspn_len (data + pos, length - pos);
      gboolean nl = end < length;
      gboolean cut = FALSE;
      gsize chunk;

      if (nl && data[end] == '\r' && end + 1 == length)
        cut = TRUE;
      else if (nl && data[end] == '\r' && data[end + 1] == '\n')
        end++;
      chunk = nl ? end + 1 - pos : length - pos;

      if (!feed_parser (reader, data + pos, chunk))
        return;
      pos += chunk;
      if (cut)
        reader->tok_cr = TRUE;
      else if (nl)
        reader->tok.line++;
    }
}

static void
finish_tokenizing (RallyStudioCsvReader *reader)
{
  Tokenizer *tok = &reader->tok;

  if (reader->syntax_error != NULL)
    return;

  if (reader->tok_cr)
    tok->line++;
  reader->tok_cr = FALSE;

  if (csv_fini (&reader->parser, field_cb, record_cb, reader) != 0)
    {
      guint column = tok->current != NULL ? tok->current->n_fields + 1 : 1;
      guint line = tok->current != NULL ? tok->current->line : tok->line;

      g_set_error (&reader->syntax_error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_SYNTAX,
                   _("Line %u, column %u: a quoted value is never closed"), line, column);
    }
}

/* Headers */

static char *
normalize_header (const char *text)
{
  GString *str = g_string_new (NULL);
  g_autofree char *lower = g_utf8_casefold (text, -1);
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
static char *
trim_copy (const char *text)
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

static gboolean
is_content_export (const Record *header)
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

static gboolean
map_header (Interpreter  *in,
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
          g_ptr_array_add (in->out->unknown_columns, trim_copy (raw));
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

static gboolean
check_required (Interpreter  *in,
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

  g_set_error (error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_MISSING_COLUMN,
               _("Line %u: the required column “%s” is missing (the header has %u columns)"),
               in->header->line, column_title (missing), in->header->n_fields);
  return FALSE;
}

/* Values: counts */

typedef enum
{
  COUNT_OK,
  COUNT_EMPTY,
  COUNT_NEGATIVE,
  COUNT_NOT_A_NUMBER,
  COUNT_TOO_LARGE,
} CountStatus;

/* Skips a group separator at @p: ',', ' ', '\'', U+00A0 or U+202F. */
static const char *
skip_group_separator (const char *p)
{
  if (*p == ',' || *p == ' ' || *p == '\'')
    return p + 1;
  if (g_str_has_prefix (p, "\xC2\xA0"))
    return p + 2;
  if (g_str_has_prefix (p, "\xE2\x80\xAF"))
    return p + 3;
  return NULL;
}

static gboolean
add_digit (gint64 *value,
           char    digit)
{
  if (*value > (G_MAXINT64 - (digit - '0')) / 10)
    return FALSE;
  *value = *value * 10 + (digit - '0');
  return TRUE;
}

static CountStatus
parse_count (const char *text,
             gint64     *value)
{
  g_autofree char *trimmed = trim_copy (text);
  const char *p = trimmed;
  guint group = 0;
  gboolean grouped = FALSE;

  *value = 0;
  if (*p == '\0')
    return COUNT_EMPTY;
  if (*p == '-' && g_ascii_isdigit (p[1]))
    return COUNT_NEGATIVE;

  while (*p != '\0')
    {
      const char *next;

      if (g_ascii_isdigit (*p))
        {
          if (!add_digit (value, *p++))
            return COUNT_TOO_LARGE;
          group++;
          continue;
        }

      next = skip_group_separator (p);
      /* Groups: the first has 1–3 digits, every later one exactly 3. */
      if (next == NULL || group == 0 || group > 3 || (grouped && group != 3))
        return COUNT_NOT_A_NUMBER;
      grouped = TRUE;
      group = 0;
      p = next;
    }

  if (grouped && group != 3)
    return COUNT_NOT_A_NUMBER;

  return COUNT_OK;
}

/* Values: dates */

typedef enum
{
  TOKEN_NUM,
  TOKEN_WORD,
  TOKEN_SEP,
} TokenType;

typedef struct
{
  TokenType type;
  int       value;    /* NUM: value (capped); SEP: the character */
  guint     length;   /* NUM: digits; WORD: letters */
  char      word[12]; /* WORD: lower case, truncated */
} Token;

#define MAX_TOKENS 16

static guint
split_tokens (const char *text,
              Token      *tokens)
{
  guint n = 0;

  for (const char *p = text; *p != '\0';)
    {
      Token *t = &tokens[n];

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (n == MAX_TOKENS)
        return MAX_TOKENS + 1;

      memset (t, 0, sizeof *t);
      if (g_ascii_isdigit (*p))
        {
          t->type = TOKEN_NUM;
          for (; g_ascii_isdigit (*p); p++, t->length++)
            t->value = t->value < 100000 ? t->value * 10 + (*p - '0') : t->value;
        }
      else if (g_ascii_isalpha (*p))
        {
          t->type = TOKEN_WORD;
          for (; g_ascii_isalpha (*p); p++, t->length++)
            {
              if (t->length < sizeof t->word - 1)
                t->word[t->length] = g_ascii_tolower (*p);
            }
        }
      else
        {
          t->type = TOKEN_SEP;
          t->value = (guchar) *p++;
        }
      n++;
    }

  return n;
}

static gboolean
is_num (const Token *t,
        guint        min_digits,
        guint        max_digits)
{
  return t->type == TOKEN_NUM && t->length >= min_digits && t->length <= max_digits;
}

static gboolean
is_sep (const Token *t,
        char         c)
{
  return t->type == TOKEN_SEP && t->value == c;
}

static gboolean
is_word (const Token *t,
         const char  *word)
{
  return t->type == TOKEN_WORD && t->length < sizeof t->word && g_str_equal (t->word, word);
}

static int
month_from_word (const Token *t)
{
  static const char * const names[] = {
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
  };

  if (t->type != TOKEN_WORD || t->length < 3 || t->length >= sizeof t->word)
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_str_equal (t->word, names[i]) ||
          (t->length == 3 && strncmp (t->word, names[i], 3) == 0) ||
          (i == 8 && g_str_equal (t->word, "sept")))
        return i + 1;
    }

  return 0;
}

/* Matches the date at the start of @t; returns how many tokens it used, or 0. */
static guint
match_date (const Token *t,
            guint        n,
            SlashOrder   order,
            DateParts   *parts)
{
  if (n >= 5 && is_num (&t[0], 4, 4) && (is_sep (&t[1], '-') || is_sep (&t[1], '/')) &&
      is_num (&t[2], 1, 2) && t[3].type == TOKEN_SEP && t[3].value == t[1].value && is_num (&t[4], 1, 2))
    {
      *parts = (DateParts) { t[0].value, t[2].value, t[4].value, 0, 0, 0 };
      return 5;
    }

  if (n >= 5 && is_num (&t[0], 1, 2) && t[1].type == TOKEN_SEP && is_num (&t[2], 1, 2) &&
      t[3].type == TOKEN_SEP && t[3].value == t[1].value && is_num (&t[4], 4, 4) &&
      (t[1].value == '/' || t[1].value == '-' || t[1].value == '.'))
    {
      gboolean day_first = t[1].value == '.' || order == ORDER_DAY_FIRST;

      *parts = (DateParts) { t[4].value, day_first ? t[2].value : t[0].value,
                             day_first ? t[0].value : t[2].value, 0, 0, 0 };
      return 5;
    }

  if (n >= 2 && month_from_word (&t[0]) > 0 && is_num (&t[1], 1, 2))
    {
      guint used = 2;

      *parts = (DateParts) { 0, month_from_word (&t[0]), t[1].value, 0, 0, 0 };
      if (used < n && is_sep (&t[used], ',') && used + 1 < n && is_num (&t[used + 1], 4, 4))
        used++;
      if (used < n && is_num (&t[used], 4, 4))
        parts->year = t[used++].value;
      return used;
    }

  if (n >= 2 && is_num (&t[0], 1, 2))
    {
      guint used = 1;

      if (used < n && is_sep (&t[used], '-'))
        used++;
      if (used >= n || month_from_word (&t[used]) == 0)
        return 0;
      *parts = (DateParts) { 0, month_from_word (&t[used]), t[0].value, 0, 0, 0 };
      used++;
      if (used + 1 < n && is_sep (&t[used], '-') && is_num (&t[used + 1], 4, 4))
        used++;
      if (used < n && is_num (&t[used], 4, 4))
        parts->year = t[used++].value;
      return used;
    }

  return 0;
}

/* Matches an optional time after the date: [,|T|at] H:MM[:SS[.frac]] [AM|PM] [Z|UTC]. */
static gboolean
match_time (const Token *t,
            guint        n,
            DateParts   *parts)
{
  guint i = 0;

  if (i < n && (is_sep (&t[i], ',') || is_word (&t[i], "t") || is_word (&t[i], "at")))
    i++;
  if (i == n)
    return i == 0;
  if (!(i + 2 < n && is_num (&t[i], 1, 2) && is_sep (&t[i + 1], ':') && is_num (&t[i + 2], 2, 2)))
    return FALSE;

  parts->hour = t[i].value;
  parts->minute = t[i + 2].value;
  i += 3;
  if (i + 1 < n && is_sep (&t[i], ':') && is_num (&t[i + 1], 2, 2))
    {
      parts->second = t[i + 1].value;
      i += 2;
      if (i + 1 < n && is_sep (&t[i], '.') && t[i + 1].type == TOKEN_NUM)
        i += 2;
    }
  if (i < n && (is_word (&t[i], "am") || is_word (&t[i], "pm")))
    {
      if (parts->hour < 1 || parts->hour > 12)
        return FALSE;
      parts->hour = parts->hour % 12 + (is_word (&t[i], "pm") ? 12 : 0);
      i++;
    }
  if (i < n && (is_word (&t[i], "z") || is_word (&t[i], "utc") || is_word (&t[i], "gmt")))
    i++;

  return i == n && parts->hour < 24 && parts->minute < 60 && parts->second < 60;
}

static gboolean
parse_date (const char *text,
            SlashOrder  order,
            DateParts  *parts)
{
  Token tokens[MAX_TOKENS];
  guint n = split_tokens (text, tokens);
  guint used;

  if (n == 0 || n > MAX_TOKENS)
    return FALSE;

  used = match_date (tokens, n, order, parts);
  if (used == 0 || !match_time (tokens + used, n - used, parts))
    return FALSE;

  if (parts->year == 0)
    return parts->month >= 1 && parts->month <= 12 && parts->day >= 1 && parts->day <= 31;

  return parts->year >= 1970 && parts->year <= 2100 &&
         g_date_valid_dmy (parts->day, parts->month, parts->year);
}

/* Slash dates are month first unless some value of the column cannot be. */
static gboolean
is_day_first (const char *text)
{
  Token t[MAX_TOKENS];
  guint n = split_tokens (text, t);

  return n >= 5 && n <= MAX_TOKENS && is_num (&t[0], 1, 2) &&
         (is_sep (&t[1], '/') || is_sep (&t[1], '-')) &&
         is_num (&t[2], 1, 2) && t[0].value > 12 && t[2].value <= 12;
}

/* Dates without a year: TikTok Studio writes "June 1" for the last 60 days.
 * A date without a year gets the year that puts the latest such date in the
 * default year, stepping back where consecutive rows cross a new year; this
 * counts the steps row by row, the year is settled at the end. Only the word
 * forms lack a year, so the slash order does not matter here. */
static void
track_year (RallyStudioCsvReader *reader,
            const char           *text)
{
  DateParts parts = { 0 };

  if (text == NULL || !parse_date (text, ORDER_MONTH_FIRST, &parts) || parts.year != 0)
    return;

  if (reader->prev_month == 12 && parts.month == 1)
    reader->year_offset++;
  else if (reader->prev_month == 1 && parts.month == 12)
    reader->year_offset--;
  reader->prev_month = parts.month;
  reader->max_offset = MAX (reader->max_offset, reader->year_offset);
}

/* Rows */

static const char *
field_at (const Record *record,
          int           column)
{
  if (column < 0 || (guint) column >= record->fields->len)
    return NULL;

  return g_ptr_array_index (record->fields, column);
}

static RallyStudioCsvRejection *reject (Interpreter *in,
                                        guint        line,
                                        int          column,
                                        const char  *format,
                                        ...) G_GNUC_PRINTF (4, 5);

static RallyStudioCsvRejection *
reject (Interpreter *in,
        guint        line,
        int          column,
        const char  *format,
        ...)
{
  RallyStudioCsvRejection *rejection = g_new0 (RallyStudioCsvRejection, 1);
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  rejection->line = line;
  rejection->column = column + 1;
  if (field_at (in->header, column) != NULL)
    rejection->column_name = trim_copy (field_at (in->header, column));

  if (rejection->column_name != NULL)
    /* Translators: "Line 4, column 2 (Date): “31/02/2024” is not a date…" */
    rejection->message = g_strdup_printf (_("Line %u, column %u (%s): %s"), rejection->line,
                                          rejection->column, rejection->column_name, reason);
  else
    rejection->message = g_strdup_printf (_("Line %u, column %u: %s"), rejection->line,
                                          rejection->column, reason);

  return rejection;
}

static RallyStudioCsvRejection *
check_shape (Interpreter  *in,
             const Record *record)
{
  guint expected = in->header->n_fields;

  if (record->n_fields > expected)
    return reject (in, record->line, expected,
                   ngettext ("the row has %u column more than the header",
                             "the row has %u columns more than the header",
                             record->n_fields - expected),
                   record->n_fields - expected);
  if (record->n_fields < expected)
    return reject (in, record->line, record->n_fields,
                   ngettext ("the row has %u column fewer than the header",
                             "the row has %u columns fewer than the header",
                             expected - record->n_fields),
                   expected - record->n_fields);

  return NULL;
}

static gboolean
is_blank_text (const char *text)
{
  g_autofree char *trimmed = trim_copy (text);

  return trimmed[0] == '\0';
}

static gboolean
is_blank (const Record *record)
{
  for (guint i = 0; i < record->fields->len; i++)
    {
      if (!is_blank_text (g_ptr_array_index (record->fields, i)))
        return FALSE;
    }

  return TRUE;
}

/* Returns the rejection of the first figure that is not a count, or NULL. */
static RallyStudioCsvRejection *
read_figures (Interpreter  *in,
              const Record *record,
              gint64       *figures)
{
  static const struct { Col col; RallyStudioCsvFigure figure; } map[] = {
    { COL_VIEWS, RALLY_STUDIO_CSV_VIEWS },
    { COL_LIKES, RALLY_STUDIO_CSV_LIKES },
    { COL_COMMENTS, RALLY_STUDIO_CSV_COMMENTS },
    { COL_SHARES, RALLY_STUDIO_CSV_SHARES },
    { COL_PROFILE_VIEWS, RALLY_STUDIO_CSV_PROFILE_VIEWS },
    { COL_FOLLOWERS, RALLY_STUDIO_CSV_FOLLOWERS },
  };

  for (guint i = 0; i < RALLY_STUDIO_CSV_N_FIGURES; i++)
    figures[i] = -1;

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    {
      int column = in->columns[map[i].col];
      const char *text = field_at (record, column);
      gint64 value = -1;

      if (text == NULL)
        continue;

      switch (parse_count (text, &value))
        {
        case COUNT_OK:
          break;
        case COUNT_EMPTY:
          value = -1;
          break;
        case COUNT_NEGATIVE:
          return reject (in, record->line, column, _("“%s” is negative; a count cannot be below zero"), text);
        case COUNT_TOO_LARGE:
          return reject (in, record->line, column, _("“%s” is too large"), text);
        case COUNT_NOT_A_NUMBER:
        default:
          return reject (in, record->line, column, _("“%s” is not a whole number"), text);
        }
      figures[map[i].figure] = value;
    }

  return NULL;
}

static RallyStudioCsvRejection *
read_date (Interpreter *in,
           guint        line,
           int          column,
           const char  *text,
           SlashOrder   order,
           int          year,
           DateParts   *parts)
{
  if (!parse_date (text, order, parts))
    return reject (in, line, column, _("“%s” is not a date Rally can read (use for example 2024-06-01)"), text);

  if (parts->year == 0)
    {
      if (year <= 0)
        return reject (in, line, column, _("“%s” has no year"), text);
      parts->year = year;
      if (!g_date_valid_dmy (parts->day, parts->month, parts->year))
        return reject (in, line, column, _("“%s” does not exist in %d"), text, year);
    }

  return NULL;
}

static gboolean
parse_video_id (const char *text,
                gint64     *id)
{
  g_autofree char *trimmed = trim_copy (text);
  gsize len = strlen (trimmed);
  guint64 value = 0;

  if (len == 0 || len > 19 || strspn (trimmed, "0123456789") != len)
    return FALSE;
  if (!g_ascii_string_to_unsigned (trimmed, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;

  *id = (gint64) value;
  return TRUE;
}

/* https://www.tiktok.com/@user/video/7234567890123456789?lang=en */
static void
parse_link (const char  *link,
            gint64      *id,
            char       **username)
{
  const char *video = strstr (link, "/video/");
  const char *at = strstr (link, "/@");

  if (video != NULL)
    {
      g_autofree char *digits = g_strndup (video + 7, strspn (video + 7, "0123456789"));

      if (!parse_video_id (digits, id))
        *id = 0;
    }

  if (at != NULL && (video == NULL || at < video))
    {
      gsize len = strcspn (at + 2, "/?#");

      if (len > 0 && len < 64)
        *username = g_strndup (at + 2, len);
    }
}

static RallyStudioCsvRejection *
read_video_identity (Interpreter           *in,
                     const Record          *record,
                     RallyStudioContentRow *row)
{
  const char *id_text = field_at (record, in->columns[COL_VIDEO_ID]);
  const char *link = field_at (record, in->columns[COL_LINK]);
  g_autofree char *trimmed_link = link != NULL ? trim_copy (link) : NULL;

  if (trimmed_link != NULL && trimmed_link[0] != '\0')
    {
      row->link = g_strdup (trimmed_link);
      parse_link (trimmed_link, &row->video_id, &row->username);
    }

  if (id_text != NULL && !is_blank_text (id_text) && !parse_video_id (id_text, &row->video_id))
    return reject (in, record->line, in->columns[COL_VIDEO_ID], _("“%s” is not a TikTok video ID"), id_text);

  if (row->video_id > 0)
    return NULL;

  if (row->link != NULL)
    return reject (in, record->line, in->columns[COL_LINK],
                   _("“%s” is not a TikTok video link (…/video/1234…)"), row->link);

  return reject (in, record->line, in->columns[COL_LINK] >= 0 ? in->columns[COL_LINK] : in->columns[COL_VIDEO_ID],
                 _("the row has no video ID or link"));
}

/* Staging: each record becomes a Pending as it completes */

static void
keep_date (RallyStudioCsvReader *reader,
           Pending              *pending,
           const char           *text)
{
  pending->date = reader->dates->len;  /* below MAX_BYTES */
  g_byte_array_append (reader->dates, (const guint8 *) text, strlen (text) + 1);
}

static void
stage_content (RallyStudioCsvReader *reader,
               const Record         *record,
               Pending              *pending)
{
  Interpreter *in = &reader->in;
  RallyStudioContentRow *row = g_new0 (RallyStudioContentRow, 1);
  const char *posted = field_at (record, in->columns[COL_POST_TIME]);
  const char *title = field_at (record, in->columns[COL_TITLE]);

  row->line = record->line;
  row->posted_at = -1;
  pending->row = row;

  pending->rejection = read_video_identity (in, record, row);
  if (pending->rejection != NULL)
    {
      content_row_free (g_steal_pointer (&pending->row));
      return;
    }

  if (posted != NULL && !is_blank_text (posted))
    keep_date (reader, pending, posted);
  pending->rejection = read_figures (in, record, row->figures);
  if (pending->rejection == NULL && title != NULL)
    row->title = trim_copy (title);
}

static void
stage_overview (RallyStudioCsvReader *reader,
                const Record         *record,
                Pending              *pending)
{
  RallyStudioOverviewRow *row = g_new0 (RallyStudioOverviewRow, 1);

  row->line = record->line;
  pending->row = row;
  keep_date (reader, pending, field_at (record, reader->in.columns[COL_DATE]));
  pending->rejection = read_figures (&reader->in, record, row->figures);
}

static void
stage_record (RallyStudioCsvReader *reader,
              const Record         *record)
{
  Interpreter *in = &reader->in;
  gboolean content = in->out->kind == RALLY_STUDIO_CSV_KIND_CONTENT;
  const char *date = field_at (record, in->columns[content ? COL_POST_TIME : COL_DATE]);
  Pending pending = { NULL, NULL, NO_DATE, 0 };

  /* Every record counts for the dates, even one that is rejected. */
  if (date != NULL && !reader->day_first)
    reader->day_first = is_day_first (date);
  track_year (reader, date);
  pending.year_offset = reader->year_offset;

  if (is_blank (record))
    return;

  pending.rejection = check_shape (in, record);
  if (pending.rejection == NULL && content)
    stage_content (reader, record, &pending);
  else if (pending.rejection == NULL)
    stage_overview (reader, record, &pending);

  g_array_append_val (reader->pending, pending);
}

static void
start_result (RallyStudioCsvReader *reader)
{
  RallyStudioCsvResult *result = g_new0 (RallyStudioCsvResult, 1);
  Interpreter *in = &reader->in;

  result->overview_rows = g_array_new (FALSE, TRUE, sizeof (RallyStudioOverviewRow));
  result->content_rows = g_ptr_array_new_with_free_func (content_row_free);
  result->rejections = g_ptr_array_new_with_free_func (rejection_free);
  result->unknown_columns = g_ptr_array_new_with_free_func (g_free);
  result->kind = is_content_export (reader->header) ? RALLY_STUDIO_CSV_KIND_CONTENT
                                                    : RALLY_STUDIO_CSV_KIND_OVERVIEW;

  in->out = result;
  in->header = reader->header;

  if (map_header (in, &reader->header_error))
    check_required (in, &reader->header_error);
}

static void
handle_record (RallyStudioCsvReader *reader,
               Record               *record)
{
  if (reader->header == NULL && is_blank (record))
    record_free (record);
  else if (reader->header == NULL)
    {
      reader->header = record;
      start_result (reader);
    }
  else
    {
      if (reader->header_error == NULL)
        stage_record (reader, record);
      record_free (record);
    }
}

/* Deciding the rows, in file order, once the dates can be read */

static void
add_rejection (Interpreter             *in,
               RallyStudioCsvRejection *rejection)
{
  g_ptr_array_add (in->out->rejections, rejection);
}

static void
decide_content (RallyStudioCsvReader *reader,
                Pending              *pending,
                SlashOrder            order,
                int                   year,
                GHashTable           *seen)
{
  Interpreter *in = &reader->in;
  g_autofree RallyStudioContentRow *row = g_steal_pointer (&pending->row);
  g_autoptr(GDateTime) dt = NULL;
  RallyStudioCsvRejection *rejection = NULL;
  DateParts parts = { 0 };
  gpointer previous = g_hash_table_lookup (seen, &row->video_id);

  if (previous != NULL)
    rejection = reject (in, row->line,
                        in->columns[COL_VIDEO_ID] >= 0 ? in->columns[COL_VIDEO_ID] : in->columns[COL_LINK],
                        _("the video %" PRId64 " is already on line %u"),
                        row->video_id, GPOINTER_TO_UINT (previous));
  else if (pending->date != NO_DATE)
    rejection = read_date (in, row->line, in->columns[COL_POST_TIME],
                           (const char *) reader->dates->data + pending->date, order, year, &parts);
  if (rejection == NULL && pending->date != NO_DATE)
    {
      dt = g_date_time_new_utc (parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second);
      row->posted_at = g_date_time_to_unix (dt);
    }

  if (rejection == NULL)
    rejection = g_steal_pointer (&pending->rejection);
  if (rejection != NULL)
    {
      add_rejection (in, rejection);
      content_row_free (g_steal_pointer (&row));
      return;
    }

  g_hash_table_insert (seen, &row->video_id, GUINT_TO_POINTER (row->line));
  g_ptr_array_add (in->out->content_rows, g_steal_pointer (&row));
}

static void
decide_overview (RallyStudioCsvReader *reader,
                 Pending              *pending,
                 SlashOrder            order,
                 int                   year,
                 GHashTable           *seen)
{
  Interpreter *in = &reader->in;
  g_autofree RallyStudioOverviewRow *row = g_steal_pointer (&pending->row);
  int column = in->columns[COL_DATE];
  DateParts parts = { 0 };
  RallyStudioCsvRejection *rejection;
  gpointer previous;

  rejection = read_date (in, row->line, column, (const char *) reader->dates->data + pending->date,
                         order, year, &parts);
  if (rejection == NULL)
    {
      g_date_clear (&row->date, 1);
      g_date_set_dmy (&row->date, parts.day, parts.month, parts.year);
      previous = g_hash_table_lookup (seen, GUINT_TO_POINTER (g_date_get_julian (&row->date)));
      if (previous != NULL)
        rejection = reject (in, row->line, column, _("the day %04d-%02d-%02d is already on line %u"),
                            parts.year, parts.month, parts.day, GPOINTER_TO_UINT (previous));
    }

  if (rejection == NULL)
    rejection = g_steal_pointer (&pending->rejection);
  if (rejection != NULL)
    {
      add_rejection (in, rejection);
      return;
    }

  g_hash_table_insert (seen, GUINT_TO_POINTER (g_date_get_julian (&row->date)),
                       GUINT_TO_POINTER (row->line));
  g_array_append_val (in->out->overview_rows, *row);
}

static void
decide_rows (RallyStudioCsvReader *reader)
{
  gboolean content = reader->in.out->kind == RALLY_STUDIO_CSV_KIND_CONTENT;
  SlashOrder order = reader->day_first ? ORDER_DAY_FIRST : ORDER_MONTH_FIRST;
  int default_year = reader->default_year;
  /* Content keys point at the rows' own video ids: the rows outlive the table. */
  g_autoptr(GHashTable) seen = content ? g_hash_table_new (g_int64_hash, g_int64_equal)
                                       : g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < reader->pending->len; i++)
    {
      Pending *pending = &g_array_index (reader->pending, Pending, i);
      int year = 0;

      if (default_year > 0 && reader->max_offset != G_MININT)
        year = default_year + pending->year_offset - reader->max_offset;

      if (pending->row == NULL)
        add_rejection (&reader->in, g_steal_pointer (&pending->rejection));
      else if (content)
        decide_content (reader, pending, order, year, seen);
      else
        decide_overview (reader, pending, order, year, seen);
    }
}

/* The rows of a reader that never finished. */
static void
clear_pending (RallyStudioCsvReader *reader)
{
  gboolean content = reader->in.out != NULL && reader->in.out->kind == RALLY_STUDIO_CSV_KIND_CONTENT;

  for (guint i = 0; i < reader->pending->len; i++)
    {
      Pending *pending = &g_array_index (reader->pending, Pending, i);

      g_clear_pointer (&pending->rejection, rejection_free);
      if (content)
        g_clear_pointer (&pending->row, content_row_free);
      else
        g_clear_pointer (&pending->row, g_free);
    }
}

/* Feeding bytes */

static void
process_bytes (RallyStudioCsvReader *reader,
               const char           *data,
               gsize                 length)
{
  reader->n_bytes += length;
  if (reader->n_bytes > MAX_BYTES || reader->utf16 || length == 0)
    return;

  check_chunk (reader, data, length, FALSE);
  tokenize_chunk (reader, data, length);
}

/* The first bytes: a UTF-8 BOM is dropped; a UTF-16 one stops everything. */
static void
start_bytes (RallyStudioCsvReader *reader)
{
  const char *head = (const char *) reader->head;
  guint length = reader->head_len;

  reader->started = TRUE;
  if (length >= 3 && memcmp (head, "\xEF\xBB\xBF", 3) == 0)
    head += 3, length -= 3;

  if (length >= 2 && (((guchar) head[0] == 0xFF && (guchar) head[1] == 0xFE) ||
                      ((guchar) head[0] == 0xFE && (guchar) head[1] == 0xFF)))
    reader->utf16 = TRUE;

  process_bytes (reader, head, length);
}

/* Public API */

/**
 * rally_studio_csv_reader_new:
 * @default_year: the year of the latest date written without a year
 *   (usually the current year), or 0 to reject such dates
 *
 * A reader that takes a TikTok Studio export in pieces of any size, so that a
 * large file never has to be in memory at once: each record becomes a compact
 * row as soon as it is complete; the dates are settled at the end, when the
 * slash order and the years of the whole column are known.
 *
 * Returns: (transfer full): a new reader
 */
RallyStudioCsvReader *
rally_studio_csv_reader_new (int default_year)
{
  RallyStudioCsvReader *reader = g_new0 (RallyStudioCsvReader, 1);

  reader->default_year = default_year;
  reader->cursor = (Cursor) { 1, 1, FALSE, FALSE };
  reader->tok.line = 1;
  reader->pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  reader->dates = g_byte_array_new ();
  reader->max_offset = G_MININT;

  if (csv_init (&reader->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    g_error ("Out of memory");

  return reader;
}

/**
 * rally_studio_csv_reader_feed:
 * @reader: a reader
 * @data: the next bytes of the file
 * @length: their number
 *
 * Reads the next piece of the file. A character or a line end may be cut
 * anywhere between two pieces. Problems are reported by
 * rally_studio_csv_reader_finish(): one found later in the file may take
 * precedence (a NUL byte anywhere makes the file binary).
 */
void
rally_studio_csv_reader_feed (RallyStudioCsvReader *reader,
                              const guint8         *data,
                              gsize                 length)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (data != NULL || length == 0);

  if (!reader->started)
    {
      gsize n = MIN (length, HEAD_SIZE - reader->head_len);

      memcpy (reader->head + reader->head_len, data, n);
      reader->head_len += n;
      data += n, length -= n;
      if (reader->head_len < HEAD_SIZE)
        return;
      start_bytes (reader);
    }

  process_bytes (reader, (const char *) data, length);
}

/**
 * rally_studio_csv_reader_finish:
 * @reader: a reader fed the whole file
 * @error: where to put a problem that makes the whole file unreadable
 *
 * Returns: (transfer full) (nullable): the rows, or %NULL with @error set.
 */
RallyStudioCsvResult *
rally_studio_csv_reader_finish (RallyStudioCsvReader  *reader,
                                GError               **error)
{
  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!reader->started)
    start_bytes (reader);
  if (reader->n_bytes <= MAX_BYTES && !reader->utf16)
    {
      check_chunk (reader, "", 0, TRUE);
      finish_tokenizing (reader);
    }

  if (!check_bytes (reader, error))
    return NULL;

  if (reader->syntax_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&reader->syntax_error));
      return NULL;
    }

  if (reader->header == NULL)
    {
      g_set_error_literal (error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_EMPTY,
                           _("Line 1, column 1: the file is empty"));
      return NULL;
    }

  if (reader->header_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&reader->header_error));
      return NULL;
    }

  decide_rows (reader);

  return g_steal_pointer (&reader->in.out);
}

void
rally_studio_csv_reader_free (RallyStudioCsvReader *reader)
{
  if (reader == NULL)
    return;

  clear_pending (reader);
  csv_free (&reader->parser);
  g_clear_pointer (&reader->tok.current, record_free);
  g_clear_pointer (&reader->header, record_free);
  g_clear_error (&reader->syntax_error);
  g_clear_error (&reader->header_error);
  g_clear_pointer (&reader->in.out, rally_studio_csv_result_free);
  g_clear_pointer (&reader->pending, g_array_unref);
  g_clear_pointer (&reader->dates, g_byte_array_unref);
  g_free (reader);
}

/**
 * rally_studio_csv_set_chunk_size:
 * @size: bytes, or 0 for the default (64 KiB)
 *
 * For tests: the size of the pieces rally_studio_csv_parse() and
 * rally_studio_csv_parse_stream() feed the reader, so that cuts inside a
 * character or a CR LF can be tried.
 */
void
rally_studio_csv_set_chunk_size (gsize size)
{
  chunk_size = size > 0 ? size : DEFAULT_CHUNK_SIZE;
}

gsize
_rally_studio_csv_get_chunk_size (void)
{
  return chunk_size;
}

/**
 * rally_studio_csv_parse:
 * @data: the bytes of the file
 * @length: the number of bytes
 * @default_year: the year of the latest date written without a year
 *   (usually the current year), or 0 to reject such dates
 * @error: where to put a problem that makes the whole file unreadable
 *
 * Reads a TikTok Studio analytics export held in memory, through a
 * #RallyStudioCsvReader. Rows that cannot be understood are listed in the
 * result's rejections; the others are returned as rows.
 *
 * Returns: (transfer full) (nullable): the rows, or %NULL with @error set.
 */
RallyStudioCsvResult *
rally_studio_csv_parse (const guint8  *data,
                        gsize          length,
                        int            default_year,
                        GError       **error)
{
  g_autoptr(RallyStudioCsvReader) reader = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader = rally_studio_csv_reader_new (default_year);
  for (gsize pos = 0; pos < length; pos += chunk_size)
    rally_studio_csv_reader_feed (reader, data + pos, MIN (chunk_size, length - pos));

  return rally_studio_csv_reader_finish (reader, error);
}

/**
 * rally_studio_csv_n_rows:
 *
 * Returns: the number of rows understood, of either kind.
 */
guint
rally_studio_csv_n_rows (const RallyStudioCsvResult *result)
{
  g_return_val_if_fail (result != NULL, 0);

  return result->overview_rows->len + result->content_rows->len;
}

void
rally_studio_csv_result_free (RallyStudioCsvResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->overview_rows, g_array_unref);
  g_clear_pointer (&result->content_rows, g_ptr_array_unref);
  g_clear_pointer (&result->rejections, g_ptr_array_unref);
  g_clear_pointer (&result->unknown_columns, g_ptr_array_unref);
  g_free (result);
}

/* The hashtags of @text ("#Dance4Change", letters, digits and '_'), in order. */
static void
collect_hashtags (const char *text,
                  GHashTable *counts,
                  GPtrArray  *order)
{
  for (const char *p = text != NULL ? strchr (text, '#') : NULL; p != NULL; p = strchr (p, '#'))
    {
      const char *end = ++p;
      guint count;
      g_autofree char *tag = NULL;
      g_autofree char *key = NULL;

      while (*end != '\0' && (g_unichar_isalnum (g_utf8_get_char (end)) || *end == '_'))
        end = g_utf8_next_char (end);
      if (end == p)
        continue;

      tag = g_strndup (p, end - p);
      key = g_utf8_casefold (tag, -1);
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));
      if (count == 0)
        g_ptr_array_add (order, g_strdup (tag));
      g_hash_table_insert (counts, g_steal_pointer (&key), GUINT_TO_POINTER (count + 1));
      p = end;
    }
}

/**
 * rally_studio_csv_guess_hashtag:
 * @result: a content export
 *
 * The hashtag used most often in the videos' titles (ignoring case; the first one
 * seen wins a tie), spelt as it first appears, without '#'.
 *
 * Returns: (transfer full) (nullable): the hashtag, or %NULL when no title has one
 */
char *
rally_studio_csv_guess_hashtag (const RallyStudioCsvResult *result)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  const char *best = NULL;
  guint best_count = 0;

  g_return_val_if_fail (result != NULL, NULL);

  for (guint i = 0; i < result->content_rows->len; i++)
    collect_hashtags (((RallyStudioContentRow *) g_ptr_array_index (result->content_rows, i))->title, counts, order);

  for (guint i = 0; i < order->len; i++)
    {
      g_autofree char *key = g_utf8_casefold (g_ptr_array_index (order, i), -1);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      if (count > best_count)
        best = g_ptr_array_index (order, i), best_count = count;
    }

  return g_strdup (best);
}

/**
 * rally_studio_csv_posting_span:
 * @result: a content export
 * @first_day: (out): UTC midnight of the first day a video was posted
 * @last_day: (out): UTC midnight of the last one
 *
 * Returns: %FALSE when no row has a post time
 */
gboolean
rally_studio_csv_posting_span (const RallyStudioCsvResult *result,
                               gint64                     *first_day,
                               gint64                     *last_day)
{
  gint64 first = G_MAXINT64, last = G_MININT64;

  g_return_val_if_fail (result != NULL && first_day != NULL && last_day != NULL, FALSE);

  for (guint i = 0; i < result->content_rows->len; i++)
    {
      const RallyStudioContentRow *row = g_ptr_array_index (result->content_rows, i);

      if (row->posted_at < 0)
        continue;
      first = MIN (first, row->posted_at);
      last = MAX (last, row->posted_at);
    }
  if (first > last)
    return FALSE;

  *first_day = first - first % 86400;
  *last_day = last - last % 86400;
  return TRUE;
}
