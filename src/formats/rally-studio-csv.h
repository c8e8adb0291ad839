/* rally-studio-csv.h
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

#include <gio/gio.h>

G_BEGIN_DECLS

#define RALLY_STUDIO_CSV_ERROR (rally_studio_csv_error_quark ())

/* Problems that make a whole file unreadable. A single bad row is not an error:
 * it becomes a RallyStudioCsvRejection and the other rows are still understood. */
typedef enum
{
  RALLY_STUDIO_CSV_ERROR_EMPTY,
  RALLY_STUDIO_CSV_ERROR_BINARY,
  RALLY_STUDIO_CSV_ERROR_ENCODING,
  RALLY_STUDIO_CSV_ERROR_SYNTAX,
  RALLY_STUDIO_CSV_ERROR_HEADER,
  RALLY_STUDIO_CSV_ERROR_MISSING_COLUMN,
  RALLY_STUDIO_CSV_ERROR_TOO_BIG,
} RallyStudioCsvError;

typedef enum
{
  RALLY_STUDIO_CSV_KIND_OVERVIEW,
  RALLY_STUDIO_CSV_KIND_CONTENT,
} RallyStudioCsvKind;

/* The figures of one row; a figure whose column the file lacks is -1. */
typedef enum
{
  RALLY_STUDIO_CSV_VIEWS,
  RALLY_STUDIO_CSV_LIKES,
  RALLY_STUDIO_CSV_COMMENTS,
  RALLY_STUDIO_CSV_SHARES,
  RALLY_STUDIO_CSV_PROFILE_VIEWS,
  RALLY_STUDIO_CSV_FOLLOWERS,
  RALLY_STUDIO_CSV_N_FIGURES
} RallyStudioCsvFigure;

/* One day of the account overview. */
typedef struct
{
  guint   line;
  GDate   date;
  gint64  figures[RALLY_STUDIO_CSV_N_FIGURES];
} RallyStudioOverviewRow;

/* One video of the content export. */
typedef struct
{
  guint   line;
  gint64  video_id;
  char   *title;      /* may be NULL */
  char   *link;       /* may be NULL */
  char   *username;   /* from the link, without '@'; may be NULL */
  gint64  posted_at;  /* Unix time (UTC), or -1 when the file has no post time */
  gint64  figures[RALLY_STUDIO_CSV_N_FIGURES];
} RallyStudioContentRow;

/* A row left out, and why. @message is translated and names the line and column. */
typedef struct
{
  guint  line;
  guint  column;       /* 1-based; 0 when the whole row is at fault */
  char  *column_name;  /* the header of @column, or NULL */
  char  *message;
} RallyStudioCsvRejection;

/* The rejections a result keeps: a file of millions of bad rows must not take
 * hundreds of bytes of memory for each of its bytes */
#define RALLY_STUDIO_CSV_MAX_REJECTIONS 1000

typedef struct
{
  RallyStudioCsvKind  kind;
  GArray             *overview_rows;    /* of RallyStudioOverviewRow */
  GPtrArray          *content_rows;     /* of RallyStudioContentRow* */
  GPtrArray          *rejections;       /* of RallyStudioCsvRejection*: the first
                                         * RALLY_STUDIO_CSV_MAX_REJECTIONS, in file order */
  guint               n_rejected;       /* all the rows rejected */
  GPtrArray          *unknown_columns;  /* of char*, as spelt in the file */
} RallyStudioCsvResult;

/* Reads an export piece by piece (see rally_studio_csv_reader_new()). */
typedef struct _RallyStudioCsvReader RallyStudioCsvReader;

GQuark                rally_studio_csv_error_quark (void);
RallyStudioCsvReader *rally_studio_csv_reader_new    (int                    default_year);
void                  rally_studio_csv_reader_feed   (RallyStudioCsvReader  *reader,
                                                      const guint8          *data,
                                                      gsize                  length);
RallyStudioCsvResult *rally_studio_csv_reader_finish (RallyStudioCsvReader  *reader,
                                                      GError               **error);
void                  rally_studio_csv_reader_free   (RallyStudioCsvReader  *reader);
RallyStudioCsvResult *rally_studio_csv_parse       (const guint8          *data,
                                                    gsize                  length,
                                                    int                    default_year,
                                                    GError               **error);
RallyStudioCsvResult *rally_studio_csv_parse_stream (GInputStream         *stream,
                                                     int                   default_year,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
RallyStudioCsvResult *rally_studio_csv_parse_file   (GFile                *file,
                                                     int                   default_year,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
void                  rally_studio_csv_set_chunk_size (gsize               size);
gsize                 _rally_studio_csv_get_chunk_size (void);
guint                 rally_studio_csv_n_rows      (const RallyStudioCsvResult *result);
char                 *rally_studio_csv_guess_hashtag (const RallyStudioCsvResult *result);
gboolean              rally_studio_csv_posting_span  (const RallyStudioCsvResult *result,
                                                      gint64                     *first_day,
                                                      gint64                     *last_day);
void                  rally_studio_csv_result_free (RallyStudioCsvResult  *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyStudioCsvResult, rally_studio_csv_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyStudioCsvReader, rally_studio_csv_reader_free)

G_END_DECLS
