/* rally-brief.h
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

#include "rally-types.h"

G_BEGIN_DECLS

/**
 * RallyBrief:
 * @hashtag: the hashtag without '#'
 * @title: (nullable): the challenge's title
 * @dates: (nullable): the date range in words
 * @brief: (nullable): what participants do
 * @call_to_action: (nullable): what viewers are asked to do
 * @rules: (nullable): rules for entries
 * @sound_notes: (nullable): the sound or effect to use
 * @pledge_sentence: (nullable): "For every video, Acme gives $2, up to $50,000"
 * @sponsor: (nullable): the sponsor's name
 * @audience: (nullable): who may take part, in words ("All ages")
 * @regions: (nullable): the regions tracked, in words ("GB, KE")
 * @safeguarding: (nullable): one line per safeguarding point; %NULL when minors
 *   cannot take part
 *
 * The text of a creator brief, ready to render as Markdown or PDF. Every field
 * is plain UTF-8 text; empty or %NULL fields leave their section out.
 */
typedef struct
{
  char  *hashtag;
  char  *title;
  char  *dates;
  char  *brief;
  char  *call_to_action;
  char  *rules;
  char  *sound_notes;
  char  *pledge_sentence;
  char  *sponsor;
  char  *audience;
  char  *regions;
  char **safeguarding;
} RallyBrief;

/**
 * RallyBriefSection:
 * @heading: the section's heading, translated
 * @body: its text
 *
 * One section of a brief, in the order renderers show them.
 */
typedef struct
{
  const char *heading;
  const char *body;
} RallyBriefSection;

#define RALLY_TYPE_BRIEF (rally_brief_get_type ())

GType       rally_brief_get_type        (void) G_GNUC_CONST;
RallyBrief *rally_brief_new             (void);
RallyBrief *rally_brief_new_for_challenge (RallyChallenge   *challenge);
RallyBrief *rally_brief_copy            (const RallyBrief   *self);
void        rally_brief_free            (RallyBrief         *self);
GArray     *rally_brief_get_sections    (const RallyBrief   *self);
char       *rally_brief_get_safeguarding_text (const RallyBrief *self);
G_GNUC_WARN_UNUSED_RESULT
char       *rally_brief_to_markdown     (const RallyBrief   *self);
gboolean    rally_brief_write_markdown  (const RallyBrief   *self,
                                         const char         *path,
                                         GError            **error);
char       *rally_brief_suggest_filename (const RallyBrief  *self,
                                          const char        *extension);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyBrief, rally_brief_free)

G_END_DECLS
