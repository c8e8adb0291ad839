/* rally-studio-csv-tokenizer.c
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

/* The bytes of a TikTok Studio export, piece by piece: the checks (UTF-16, NUL
 * bytes, invalid UTF-8, also cut between pieces), then libcsv (strict quoting)
 * splitting them into records, each knowing the physical line it starts on.
 * Each record goes to _rally_studio_csv_handle_record() as it completes. */

#define G_LOG_DOMAIN "RallyStudioCsv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rally-studio-csv-private.h"

/* Auxiliary methods */

void
_rally_studio_csv_record_free (gpointer data)
{
  Record *record = data;

  g_ptr_array_unref (record->fields);
  g_free (record);
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
      if (b == '"' && !c->quoted)
        {
          /* a quote reopened at once is a doubled one, inside the same text */
          if (!c->closed)
            {
              c->quote_line = c->line;
              c->quote_column = c->column;
            }
          c->quoted = TRUE;
        }
      else if (b == '"')
        c->quoted = FALSE;
      else if (b == '\r')
        c->cr = TRUE;
      else if (b == '\n')
        cursor_newline (c);
      else if (b == ',' && !c->quoted)
        c->column++;
      c->closed = b == '"' && !c->quoted;
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

gboolean
_rally_studio_csv_check_bytes (RallyStudioCsvReader  *reader,
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

  _rally_studio_csv_handle_record (reader, g_steal_pointer (&reader->tok.current));
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

      /* where the quote opened, as the byte checks saw it (a record's first field
       * is not one of its fields yet) */
      if (reader->cursor.quoted)
        {
          line = reader->cursor.quote_line;
          column = reader->cursor.quote_column;
        }

      g_set_error (&reader->syntax_error, RALLY_STUDIO_CSV_ERROR, RALLY_STUDIO_CSV_ERROR_SYNTAX,
                   _("Line %u, column %u: a quoted value is never closed"), line, column);
    }
}

/* Feeding bytes */

void
_rally_studio_csv_process_bytes (RallyStudioCsvReader *reader,
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
void
_rally_studio_csv_start_bytes (RallyStudioCsvReader *reader)
{
  const char *head = (const char *) reader->head;
  guint length = reader->head_len;

  reader->started = TRUE;
  if (length >= 3 && memcmp (head, "\xEF\xBB\xBF", 3) == 0)
    head += 3, length -= 3;

  if (length >= 2 && (((guchar) head[0] == 0xFF && (guchar) head[1] == 0xFE) ||
                      ((guchar) head[0] == 0xFE && (guchar) head[1] == 0xFF)))
    reader->utf16 = TRUE;

  _rally_studio_csv_process_bytes (reader, head, length);
}

/* The last bytes: a character or a CR cut at the end, a quoted value never closed. */
void
_rally_studio_csv_finish_bytes (RallyStudioCsvReader *reader)
{
  if (!reader->started)
    _rally_studio_csv_start_bytes (reader);
  if (reader->n_bytes <= MAX_BYTES && !reader->utf16)
    {
      check_chunk (reader, "", 0, TRUE);
      finish_tokenizing (reader);
    }
}
