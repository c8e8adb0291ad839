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
 * The parts: the byte checks and the tokenizer (rally-studio-csv-tokenizer.c),
 * the header aliases (rally-studio-csv-headers.c), the date grammar
 * (rally-studio-csv-dates.c) and, here, the reader that turns records into rows.
 *
 * Counts: digits, optionally grouped by threes with ',', ' ', a no-break space
 * or '\''. An empty cell means "not reported" (-1). Negative, fractional or
 * other text is rejected.
 */

#define G_LOG_DOMAIN "RallyStudioCsv"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "rally-csv-field.h"
#include "rally-studio-csv-private.h"

G_DEFINE_QUARK (rally-studio-csv-error-quark, rally_studio_csv_error)

static gsize chunk_size = DEFAULT_CHUNK_SIZE;

/* Auxiliary methods */

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
  g_autofree char *trimmed = _rally_studio_csv_trim (text);
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

  if (text == NULL || !_rally_studio_csv_parse_date (text, ORDER_MONTH_FIRST, &parts) || parts.year != 0)
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
    rejection->column_name = _rally_studio_csv_trim (field_at (in->header, column));

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
  g_autofree char *trimmed = _rally_studio_csv_trim (text);

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
  if (!_rally_studio_csv_parse_date (text, order, parts))
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
  g_autofree char *trimmed = _rally_studio_csv_trim (text);
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
  g_autofree char *trimmed_link = link != NULL ? _rally_studio_csv_trim (link) : NULL;

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
  /* Rally's own video export keeps a spreadsheet from reading "@friend…" as a
   * formula with an apostrophe first, which is not part of the title */
  if (pending->rejection == NULL && title != NULL)
    row->title = _rally_studio_csv_trim (reader->rally_export ? rally_csv_unneutralized (title) : title);
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

/* Lets go of what @pending holds: a row of either kind, a rejection. */
static void
pending_clear (Pending  *pending,
               gboolean  content)
{
  g_clear_pointer (&pending->rejection, rejection_free);
  if (content)
    g_clear_pointer (&pending->row, content_row_free);
  else
    g_clear_pointer (&pending->row, g_free);
}

static void
stage_record (RallyStudioCsvReader *reader,
              const Record         *record)
{
  Interpreter *in = &reader->in;
  gboolean content = in->out->kind == RALLY_STUDIO_CSV_KIND_CONTENT;
  const char *date = field_at (record, in->columns[content ? COL_POST_TIME : COL_DATE]);
  Pending pending = { NULL, NULL, NO_DATE, 0 };
  guint dates_len = reader->dates->len;

  /* Every record counts for the dates, even one that is rejected. */
  if (date != NULL && !reader->day_first)
    reader->day_first = _rally_studio_csv_is_day_first (date);
  track_year (reader, date);
  pending.year_offset = reader->year_offset;

  if (is_blank (record))
    return;

  pending.rejection = check_shape (in, record);
  if (pending.rejection == NULL && content)
    stage_content (reader, record, &pending);
  else if (pending.rejection == NULL)
    stage_overview (reader, record, &pending);

  /* A row with a rejection is rejected whatever its date. Past the rejections a
   * result keeps, it is only counted: every one before it in the file is kept
   * first. */
  if (pending.rejection != NULL && reader->n_staged_rejections >= RALLY_STUDIO_CSV_MAX_REJECTIONS)
    {
      pending_clear (&pending, content);
      g_byte_array_set_size (reader->dates, dates_len);
      reader->n_dropped++;
      return;
    }
  if (pending.rejection != NULL)
    reader->n_staged_rejections++;

  g_array_append_val (reader->pending, pending);
}

/* Rally's video export adds these columns to TikTok Studio's, which does not have
 * them: together they tell its files apart. */
static gboolean
is_rally_export (const RallyStudioCsvResult *result)
{
  static const char * const added[] = { "Challenge", "Creator", "Region", "Origin" };
  guint found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (added); i++)
    for (guint j = 0; j < result->unknown_columns->len; j++)
      if (g_str_equal (g_ptr_array_index (result->unknown_columns, j), added[i]))
        {
          found++;
          break;
        }
  return found == G_N_ELEMENTS (added);
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
  result->kind = _rally_studio_csv_is_content_export (reader->header) ? RALLY_STUDIO_CSV_KIND_CONTENT
                                                    : RALLY_STUDIO_CSV_KIND_OVERVIEW;

  in->out = result;
  in->header = reader->header;

  if (_rally_studio_csv_map_header (in, &reader->header_error))
    _rally_studio_csv_check_required (in, &reader->header_error);
  reader->rally_export = is_rally_export (result);
}

void
_rally_studio_csv_handle_record (RallyStudioCsvReader *reader,
                                 Record               *record)
{
  if (reader->header == NULL && is_blank (record))
    _rally_studio_csv_record_free (record);
  else if (reader->header == NULL)
    {
      reader->header = record;
      start_result (reader);
    }
  else
    {
      if (reader->header_error == NULL)
        stage_record (reader, record);
      _rally_studio_csv_record_free (record);
    }
}

/* Deciding the rows, in file order, once the dates can be read */

static void
add_rejection (Interpreter             *in,
               RallyStudioCsvRejection *rejection)
{
  in->out->n_rejected++;
  if (in->out->rejections->len < RALLY_STUDIO_CSV_MAX_REJECTIONS)
    g_ptr_array_add (in->out->rejections, rejection);
  else
    rejection_free (rejection);
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
    pending_clear (&g_array_index (reader->pending, Pending, i), content);
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
      _rally_studio_csv_start_bytes (reader);
    }

  _rally_studio_csv_process_bytes (reader, (const char *) data, length);
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

  _rally_studio_csv_finish_bytes (reader);
  if (!_rally_studio_csv_check_bytes (reader, error))
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
  reader->in.out->n_rejected += reader->n_dropped;

  return g_steal_pointer (&reader->in.out);
}

void
rally_studio_csv_reader_free (RallyStudioCsvReader *reader)
{
  if (reader == NULL)
    return;

  clear_pending (reader);
  csv_free (&reader->parser);
  g_clear_pointer (&reader->tok.current, _rally_studio_csv_record_free);
  g_clear_pointer (&reader->header, _rally_studio_csv_record_free);
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
