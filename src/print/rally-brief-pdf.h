/* rally-brief-pdf.h
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

#include "rally-brief.h"

G_BEGIN_DECLS

typedef enum
{
  RALLY_PAPER_A4,
  RALLY_PAPER_LETTER,
} RallyPaper;

RallyPaper rally_paper_for_locale       (void);
RallyPaper rally_paper_for_width_mm     (int                 width_mm);
RallyPaper rally_paper_for_locale_name  (const char         *locale_name);
void       rally_paper_get_size         (RallyPaper          paper,
                                         double             *width_pt,
                                         double             *height_pt);
gboolean   rally_brief_write_pdf        (const RallyBrief   *brief,
                                         const char         *path,
                                         RallyPaper          paper,
                                         GError            **error);

G_END_DECLS
