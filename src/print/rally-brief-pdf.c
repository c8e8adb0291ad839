/* rally-brief-pdf.c
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

/* The creator brief as a PDF, drawn with Pango on a cairo PDF surface.
 *
 * Text is laid out one block at a time (the hashtag, the title, each section) and
 * drawn line by line, so a long brief flows onto as many pages as it needs and a
 * heading never sits alone at the foot of a page. The file is written to a
 * temporary file beside the target and renamed into place only once complete. */

#define G_LOG_DOMAIN "RallyBriefPdf"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <langinfo.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <unistd.h>

#include "rally-brief-pdf.h"

#define MARGIN_PT        56.0   /* about 2 cm */
#define BODY_SIZE        11
#define HEADING_SIZE     12
#define TITLE_SIZE       17
#define HASHTAG_SIZE     30
#define PARAGRAPH_GAP    10.0
#define SECTION_GAP      12.0

typedef struct
{
  cairo_t      *cr;
  PangoContext *context;
  double        width;
  double        height;
  double        y;
  guint         page;
  const char   *hashtag;
} Pen;

/* ---------------------------------------------------------------- paper sizes */

void
rally_paper_get_size (RallyPaper  paper,
                      double     *width_pt,
                      double     *height_pt)
{
  if (paper == RALLY_PAPER_LETTER)
    {
      *width_pt = 612.0;
      *height_pt = 792.0;
    }
  else
    {
      *width_pt = 595.276;
      *height_pt = 841.89;
    }
}

/**
 * rally_paper_for_width_mm:
 * @width_mm: the paper width a locale uses, as LC_PAPER gives it
 *
 * Returns: Letter for 216 mm wide paper, A4 otherwise
 */
RallyPaper
rally_paper_for_width_mm (int width_mm)
{
  return width_mm == 216 ? RALLY_PAPER_LETTER : RALLY_PAPER_A4;
}

/**
 * rally_paper_for_locale_name:
 * @locale_name: (nullable): a POSIX locale name such as "en_US.UTF-8"
 *
 * Returns: Letter for United States and Canadian locales, A4 otherwise
 */
RallyPaper
rally_paper_for_locale_name (const char *locale_name)
{
  const char *underscore;

  if (locale_name == NULL)
    return RALLY_PAPER_A4;

  underscore = strchr (locale_name, '_');
  if (underscore != NULL &&
      (g_str_has_prefix (underscore + 1, "US") || g_str_has_prefix (underscore + 1, "CA")))
    return RALLY_PAPER_LETTER;

  return RALLY_PAPER_A4;
}

static const char *
paper_locale_name (void)
{
  static const char *vars[] = { "LC_ALL", "LC_PAPER", "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      const char *value = g_getenv (vars[i]);

      if (value != NULL && *value != '\0')
        return value;
    }

  return NULL;
}

/**
 * rally_paper_for_locale:
 *
 * Returns: the paper of the user's LC_PAPER locale when the C library tells it,
 *   otherwise a guess from the locale's country
 */
RallyPaper
rally_paper_for_locale (void)
{
#ifdef _NL_PAPER_WIDTH
  /* glibc returns the width as an integer in the pointer's place. */
  union { unsigned int word; char *string; } width;

  width.string = nl_langinfo (_NL_PAPER_WIDTH);
  if (width.word > 0 && width.word < 10000)
    return rally_paper_for_width_mm ((int) width.word);
#endif

  return rally_paper_for_locale_name (paper_locale_name ());
}

/* ---------------------------------------------------------------- drawing */

static PangoLayout *
make_layout (Pen        *pen,
             const char *text,
             int         size,
             PangoWeight weight)
{
  PangoLayout *layout = pango_layout_new (pen->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) ((pen->width - 2 * MARGIN_PT) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static void
draw_footer (Pen *pen)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  /* Translators: the foot of each page of a creator brief: the hashtag, the page number */
  text = g_strdup_printf (_("#%s creator brief · page %u"), pen->hashtag, pen->page);
  layout = make_layout (pen, text, 8, PANGO_WEIGHT_NORMAL);
  cairo_set_source_rgb (pen->cr, 0.45, 0.45, 0.45);
  cairo_move_to (pen->cr, MARGIN_PT, pen->height - MARGIN_PT * 0.6);
  pango_cairo_show_layout (pen->cr, layout);
}

static void
next_page (Pen *pen)
{
  draw_footer (pen);
  cairo_show_page (pen->cr);
  pen->page++;
  pen->y = MARGIN_PT;
}

static double
bottom (Pen *pen)
{
  return pen->height - MARGIN_PT;
}

static double
first_line_height (PangoLayout *layout)
{
  PangoLayoutLine *line = pango_layout_get_line_readonly (layout, 0);
  PangoRectangle logical;

  if (line == NULL)
    return 0;

  pango_layout_line_get_extents (line, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

/* Draws @layout line by line from the pen's position, starting a new page whenever
 * the next line would cross the bottom margin. */
static void
draw_layout (Pen         *pen,
             PangoLayout *layout,
             double       r,
             double       g,
             double       b)
{
  g_autoptr(PangoLayoutIter) iter = pango_layout_get_iter (layout);
  double top = pen->y;
  double shift = 0;

  do
    {
      PangoRectangle logical;
      double line_top, line_bottom, baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_top = top + (double) logical.y / PANGO_SCALE - shift;
      line_bottom = line_top + (double) logical.height / PANGO_SCALE;
      if (line_bottom > bottom (pen) && line_top > MARGIN_PT)
        {
          next_page (pen);
          shift += line_top - MARGIN_PT;
          line_top = MARGIN_PT;
          line_bottom = line_top + (double) logical.height / PANGO_SCALE;
        }

      baseline = top + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE - shift;
      cairo_set_source_rgb (pen->cr, r, g, b);
      /* logical.x carries the line's indent (a hanging indent for list items). */
      cairo_move_to (pen->cr, MARGIN_PT + (double) logical.x / PANGO_SCALE, baseline);
      pango_cairo_show_layout_line (pen->cr, pango_layout_iter_get_line_readonly (iter));
      pen->y = line_bottom;
    }
  while (pango_layout_iter_next_line (iter));
}

static void
draw_text (Pen        *pen,
           const char *text,
           int         size,
           PangoWeight weight,
           double      grey)
{
  g_autoptr(PangoLayout) layout = make_layout (pen, text, size, weight);

  draw_layout (pen, layout, grey, grey, grey);
}

static void
draw_section (Pen        *pen,
              const char *heading,
              const char *body)
{
  g_autoptr(PangoLayout) heading_layout = make_layout (pen, heading, HEADING_SIZE, PANGO_WEIGHT_BOLD);
  g_autoptr(PangoLayout) body_layout = make_layout (pen, body, BODY_SIZE, PANGO_WEIGHT_NORMAL);
  double needed;

  pen->y += SECTION_GAP;

  /* Keep a heading with at least the first line of its text. */
  needed = first_line_height (heading_layout) + 4 + first_line_height (body_layout);
  if (pen->y + needed > bottom (pen))
    next_page (pen);

  draw_layout (pen, heading_layout, 0.1, 0.1, 0.1);
  pen->y += 4;
  draw_layout (pen, body_layout, 0.15, 0.15, 0.15);
}

/* A heading and a bulleted list; wrapped lines hang under the text, not the bullet. */
static void
draw_list (Pen                *pen,
           const char         *heading,
           const char * const *items)
{
  g_autoptr(PangoLayout) heading_layout = make_layout (pen, heading, HEADING_SIZE, PANGO_WEIGHT_BOLD);
  g_autoptr(PangoLayout) bullet = make_layout (pen, "•\u2002", BODY_SIZE, PANGO_WEIGHT_NORMAL);
  int bullet_width;

  pango_layout_get_size (bullet, &bullet_width, NULL);

  pen->y += SECTION_GAP;
  if (pen->y + first_line_height (heading_layout) * 3 > bottom (pen))
    next_page (pen);
  draw_layout (pen, heading_layout, 0.1, 0.1, 0.1);
  pen->y += 4;

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *text = g_strconcat ("•\u2002", items[i], NULL);
      g_autoptr(PangoLayout) item = make_layout (pen, text, BODY_SIZE, PANGO_WEIGHT_NORMAL);

      pango_layout_set_indent (item, -bullet_width);
      draw_layout (pen, item, 0.15, 0.15, 0.15);
      pen->y += 3;
    }
}

static void
draw_title_block (Pen              *pen,
                  const RallyBrief *brief)
{
  g_autofree char *tag = g_strconcat ("#", pen->hashtag, NULL);
  g_autoptr(PangoLayout) layout = make_layout (pen, tag, HASHTAG_SIZE, PANGO_WEIGHT_HEAVY);

  /* The hashtag in the GNOME blue, the rest in near-black: the tag is what creators copy. */
  draw_layout (pen, layout, 0.11, 0.44, 0.85);

  if (brief->title != NULL && *brief->title != '\0')
    {
      pen->y += 4;
      draw_text (pen, brief->title, TITLE_SIZE, PANGO_WEIGHT_BOLD, 0.1);
    }
  if (brief->dates != NULL && *brief->dates != '\0')
    {
      pen->y += 4;
      draw_text (pen, brief->dates, BODY_SIZE, PANGO_WEIGHT_NORMAL, 0.4);
    }

  pen->y += PARAGRAPH_GAP;
  cairo_set_source_rgb (pen->cr, 0.8, 0.8, 0.8);
  cairo_set_line_width (pen->cr, 0.75);
  cairo_move_to (pen->cr, MARGIN_PT, pen->y);
  cairo_line_to (pen->cr, pen->width - MARGIN_PT, pen->y);
  cairo_stroke (pen->cr);
}

static void
draw_brief (Pen              *pen,
            const RallyBrief *brief)
{
  g_autoptr(GArray) sections = rally_brief_get_sections (brief);

  draw_title_block (pen, brief);

  for (guint i = 0; i < sections->len; i++)
    {
      const RallyBriefSection *section = &g_array_index (sections, RallyBriefSection, i);

      draw_section (pen, section->heading, section->body);
    }

  if (brief->safeguarding != NULL && brief->safeguarding[0] != NULL)
    draw_list (pen, _("Safeguarding"), (const char * const *) brief->safeguarding);

  draw_footer (pen);
}

/* ---------------------------------------------------------------- writing */

typedef struct
{
  int fd;
  int saved_errno;
} Sink;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  Sink *sink = closure;

  while (length > 0)
    {
      ssize_t written = write (sink->fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          sink->saved_errno = written < 0 ? errno : ENOSPC;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += written;
      length -= (unsigned int) written;
    }

  return CAIRO_STATUS_SUCCESS;
}

static gboolean
render (const RallyBrief  *brief,
        RallyPaper         paper,
        Sink              *sink)
{
  Pen pen = { 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  g_autofree char *title = NULL;

  rally_paper_get_size (paper, &pen.width, &pen.height);
  surface = cairo_pdf_surface_create_for_stream (write_cb, sink, pen.width, pen.height);
  /* Translators: the title of a creator brief PDF; %s is the hashtag */
  title = g_strdup_printf (_("#%s creator brief"), brief->hashtag);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Rally");

  pen.cr = cairo_create (surface);
  pen.context = pango_cairo_create_context (pen.cr);
  pen.y = MARGIN_PT;
  pen.page = 1;
  pen.hashtag = brief->hashtag != NULL ? brief->hashtag : "";

  draw_brief (&pen, brief);

  /* an error of the context (out of memory) does not reach the surface */
  status = cairo_status (pen.cr);
  g_object_unref (pen.context);
  cairo_destroy (pen.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS && sink->saved_errno == 0)
    sink->saved_errno = EIO;

  return status == CAIRO_STATUS_SUCCESS;
}

static void
set_io_error (GError     **error,
              int          saved_errno,
              const char  *path)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: the first %s is a file, the second why writing failed */
               _("Could not write “%s”: %s"), name, g_strerror (saved_errno));
}

/**
 * rally_brief_write_pdf:
 * @brief: the brief
 * @path: where to save it
 * @paper: A4 or US Letter
 * @error: return location for a #G_IO_ERROR
 *
 * Writes to a temporary file beside @path and renames it over @path, so a failure
 * leaves any earlier file untouched and never a half-written one.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_brief_write_pdf (const RallyBrief  *brief,
                       const char        *path,
                       RallyPaper         paper,
                       GError           **error)
{
  g_autofree char *tmp_path = NULL;
  Sink sink = { -1, 0 };
  gboolean ok;

  g_return_val_if_fail (brief != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  sink.fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0644);
  if (sink.fd < 0)
    {
      set_io_error (error, errno, path);
      return FALSE;
    }

  ok = render (brief, paper, &sink);
  if (ok && fsync (sink.fd) != 0)
    {
      sink.saved_errno = errno;
      ok = FALSE;
    }
  if (close (sink.fd) != 0 && ok)
    {
      sink.saved_errno = errno;
      ok = FALSE;
    }
  if (ok && g_rename (tmp_path, path) != 0)
    {
      sink.saved_errno = errno;
      ok = FALSE;
    }

  if (!ok)
    {
      g_unlink (tmp_path);
      set_io_error (error, sink.saved_errno, path);
    }

  return ok;
}
