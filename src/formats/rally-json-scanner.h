/* rally-json-scanner.h
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

/* Finds where the values of a JSON document begin and end as it reads the document
 * from a stream, a chunk at a time, without building anything: json-glib has no
 * incremental parser, so the restore of a backup uses this to cut the document into
 * records that JsonParser then reads a few hundred at a time. Only the bytes from
 * the held offset on stay in memory. Numbers, true, false and null are only
 * delimited here; JsonParser checks them. */
typedef struct
{
  GInputStream *stream;
  GCancellable *cancellable;
  GError       *io_error;  /* a read failed: reported instead of a syntax error */
  char         *buf;
  gsize         len;       /* bytes held */
  gsize         size;      /* bytes allocated */
  gsize         pos;       /* the next byte, in buf */
  goffset       base;      /* the stream's offset of buf[0] */
  goffset       hold;      /* bytes from here on stay in buf; -1: none */
  guint         line;      /* the line and column of buf[0], for messages */
  guint         column;
  guint         depth;
  gboolean      eof;
  const char   *problem;   /* why the text is not JSON, untranslated until reported */
} RallyJsonScanner;

void         rally_json_scanner_init       (RallyJsonScanner  *s,
                                            GInputStream      *stream,
                                            GCancellable      *cancellable);
void         rally_json_scanner_clear      (RallyJsonScanner  *s);
gboolean     rally_json_scanner_seek       (RallyJsonScanner  *s,
                                            goffset            offset,
                                            guint              line,
                                            guint              column,
                                            GError           **error);
void         rally_json_scanner_skip_bom   (RallyJsonScanner  *s);
void         rally_json_scanner_position   (RallyJsonScanner  *s,
                                            guint             *line,
                                            guint             *column);
int          rally_json_scanner_peek       (RallyJsonScanner  *s);
void         rally_json_scanner_skip_space (RallyJsonScanner  *s);
gboolean     rally_json_scanner_expect     (RallyJsonScanner  *s,
                                            char               c);
gboolean     rally_json_scanner_string     (RallyJsonScanner  *s);
gboolean     rally_json_scanner_value      (RallyJsonScanner  *s);
gboolean     rally_json_scanner_fail       (RallyJsonScanner  *s,
                                            const char        *problem);
gboolean     rally_json_scanner_report     (RallyJsonScanner  *s,
                                            GQuark             domain,
                                            int                code,
                                            GError           **error);
const char  *rally_json_scanner_text       (RallyJsonScanner  *s,
                                            goffset            from);

/* The stream's offset of the next byte. */
static inline goffset
rally_json_scanner_tell (RallyJsonScanner *s)
{
  return s->base + (goffset) s->pos;
}

G_END_DECLS
