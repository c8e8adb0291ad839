/* rally-studio-csv-private.h
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

/* The internals the parts of the TikTok Studio CSV reader share: the byte
 * checks and the tokenizer (rally-studio-csv-tokenizer.c), the header aliases
 * (rally-studio-csv-headers.c), the date grammar (rally-studio-csv-dates.c) and
 * the reader that turns records into rows (rally-studio-csv.c). */

#pragma once

#include <csv.h>

#include "rally-studio-csv.h"

G_BEGIN_DECLS

#define MAX_COLUMNS 256
#define MAX_BYTES (256 * 1024 * 1024)

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
  guint     quote_line;    /* where the quoted text now open began */
  guint     quote_column;
  gboolean  closed;        /* the last byte closed a quote ("" inside one) */
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

  /* Rally's own video export (rally-video-csv.c), whose titles it neutralized */
  gboolean              rally_export;

  /* Rows sure to be rejected, staged; those dropped past the rejections kept */
  guint                 n_staged_rejections;
  guint                 n_dropped;

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

/* Byte checks and tokenizing (rally-studio-csv-tokenizer.c) */

void      _rally_studio_csv_record_free      (gpointer              data);
void      _rally_studio_csv_start_bytes      (RallyStudioCsvReader *reader);
void      _rally_studio_csv_process_bytes    (RallyStudioCsvReader *reader,
                                              const char           *data,
                                              gsize                 length);
void      _rally_studio_csv_finish_bytes     (RallyStudioCsvReader *reader);
gboolean  _rally_studio_csv_check_bytes      (RallyStudioCsvReader  *reader,
                                              GError               **error);

/* Called by the tokenizer for each record it completes; takes @record. */
void      _rally_studio_csv_handle_record    (RallyStudioCsvReader *reader,
                                              Record               *record);

/* Header aliases (rally-studio-csv-headers.c) */

char     *_rally_studio_csv_trim             (const char           *text);
gboolean  _rally_studio_csv_is_content_export (const Record        *header);
gboolean  _rally_studio_csv_map_header       (Interpreter          *in,
                                              GError              **error);
gboolean  _rally_studio_csv_check_required   (Interpreter          *in,
                                              GError              **error);

/* The date grammar (rally-studio-csv-dates.c) */

gboolean  _rally_studio_csv_parse_date       (const char           *text,
                                              SlashOrder            order,
                                              DateParts            *parts);
gboolean  _rally_studio_csv_is_day_first     (const char           *text);

G_END_DECLS
