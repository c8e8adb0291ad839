/* rally-brief.c
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

/* A creator brief: the one page a charity sends partners and creators before a
 * challenge starts. RallyBrief holds its text; this file renders it as Markdown.
 * The PDF renderer (widgets/rally-brief-pdf.c) walks the same sections, so both
 * exports always say the same thing. */

#define G_LOG_DOMAIN "RallyBrief"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rally-brief.h"
#include "rally-challenge.h"
#include "rally-challenge-text.h"
#include "rally-regions.h"

G_DEFINE_BOXED_TYPE (RallyBrief, rally_brief, rally_brief_copy, rally_brief_free)

RallyBrief *
rally_brief_new (void)
{
  return g_new0 (RallyBrief, 1);
}

static gboolean
has_text (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

static void
add_line (GStrvBuilder *lines,
          char         *line)
{
  g_strv_builder_add (lines, line);
  g_free (line);
}

static char **
safeguarding_lines (RallyChallenge *challenge)
{
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  const char *consent = rally_challenge_get_consent_wording (challenge);
  const char *moderation = rally_challenge_get_moderation_plan (challenge);
  const char *reporting = rally_challenge_get_reporting_route (challenge);

  if (has_text (consent))
    add_line (lines, g_strdup_printf (_("Consent: %s"), consent));
  if (rally_challenge_get_no_personal_data (challenge))
    g_strv_builder_add (lines, _("No personal data is asked of participants: no names, ages, schools or addresses"));
  if (has_text (moderation))
    add_line (lines, g_strdup_printf (_("Moderation: %s"), moderation));
  if (has_text (reporting))
    add_line (lines, g_strdup_printf (_("Reporting a concern: %s"), reporting));

  return g_strv_builder_end (lines);
}

/**
 * rally_brief_new_for_challenge:
 * @challenge: a #RallyChallenge
 *
 * Returns: (transfer full): the creator brief of @challenge; safeguarding points
 *   appear when people under 18 can take part
 */
RallyBrief *
rally_brief_new_for_challenge (RallyChallenge *challenge)
{
  RallyBrief *self;

  g_return_val_if_fail (RALLY_IS_CHALLENGE (challenge), NULL);

  self = rally_brief_new ();
  self->hashtag = g_strdup (rally_challenge_get_hashtag (challenge));
  self->title = g_strdup (rally_challenge_get_title (challenge));
  self->dates = rally_challenge_dates_text (challenge);
  self->brief = g_strdup (rally_challenge_get_brief (challenge));
  self->call_to_action = g_strdup (rally_challenge_get_call_to_action (challenge));
  self->rules = g_strdup (rally_challenge_get_rules (challenge));
  self->sound_notes = g_strdup (rally_challenge_get_sound_notes (challenge));
  self->pledge_sentence = rally_challenge_pledge_sentence (challenge);
  self->sponsor = g_strdup (rally_challenge_get_sponsor (challenge));
  self->audience = g_strdup (rally_audience_to_text (rally_challenge_get_audience (challenge)));
  self->regions = rally_regions_join (rally_challenge_get_regions (challenge));
  if (rally_audience_includes_minors (rally_challenge_get_audience (challenge)))
    self->safeguarding = safeguarding_lines (challenge);

  return self;
}

RallyBrief *
rally_brief_copy (const RallyBrief *self)
{
  RallyBrief *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = rally_brief_new ();
  copy->hashtag = g_strdup (self->hashtag);
  copy->title = g_strdup (self->title);
  copy->dates = g_strdup (self->dates);
  copy->brief = g_strdup (self->brief);
  copy->call_to_action = g_strdup (self->call_to_action);
  copy->rules = g_strdup (self->rules);
  copy->sound_notes = g_strdup (self->sound_notes);
  copy->pledge_sentence = g_strdup (self->pledge_sentence);
  copy->sponsor = g_strdup (self->sponsor);
  copy->audience = g_strdup (self->audience);
  copy->regions = g_strdup (self->regions);
  copy->safeguarding = g_strdupv (self->safeguarding);

  return copy;
}

void
rally_brief_free (RallyBrief *self)
{
  if (self == NULL)
    return;

  g_free (self->hashtag);
  g_free (self->title);
  g_free (self->dates);
  g_free (self->brief);
  g_free (self->call_to_action);
  g_free (self->rules);
  g_free (self->sound_notes);
  g_free (self->pledge_sentence);
  g_free (self->sponsor);
  g_free (self->audience);
  g_free (self->regions);
  g_strfreev (self->safeguarding);
  g_free (self);
}

static void
add_section (GArray     *sections,
             const char *heading,
             const char *body)
{
  RallyBriefSection section = { heading, body };

  if (has_text (body))
    g_array_append_val (sections, section);
}

/**
 * rally_brief_get_safeguarding_text:
 *
 * Returns: (transfer full) (nullable): the safeguarding points, one per line, or
 *   %NULL when there are none
 */
char *
rally_brief_get_safeguarding_text (const RallyBrief *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->safeguarding == NULL || self->safeguarding[0] == NULL)
    return NULL;

  return g_strjoinv ("\n", self->safeguarding);
}

/**
 * rally_brief_get_sections:
 *
 * The sections after the title block, in order; sections without text are left out.
 * Their strings belong to the brief. Safeguarding is not among them: it is a list,
 * see #RallyBrief:safeguarding.
 *
 * Returns: (transfer full) (element-type RallyBriefSection): the sections
 */
GArray *
rally_brief_get_sections (const RallyBrief *self)
{
  GArray *sections = g_array_new (FALSE, FALSE, sizeof (RallyBriefSection));

  g_return_val_if_fail (self != NULL, sections);

  add_section (sections, _("What to do"), self->brief);
  add_section (sections, _("Call to action"), self->call_to_action);
  add_section (sections, _("Rules"), self->rules);
  add_section (sections, _("Sound or effect"), self->sound_notes);
  add_section (sections, _("Donations"), self->pledge_sentence);
  add_section (sections, _("Sponsor"), self->sponsor);
  add_section (sections, _("Who can take part"), self->audience);
  add_section (sections, _("Regions"), self->regions);

  return sections;
}

/* Markdown treats some characters at the start of a line, and some inline, as markup;
 * a creator's text should print as typed. */
static void
append_escaped (GString    *out,
                const char *text)
{
  gboolean line_start = TRUE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (strchr ("\\`*_[]<>|", *p) != NULL || (line_start && strchr ("#+-=>", *p) != NULL))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
      line_start = (*p == '\n');
    }
}

static void
append_paragraphs (GString    *out,
                   const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_auto(GStrv) lines = g_strsplit (stripped, "\n", -1);

  /* A single newline would join lines in Markdown: end each with a hard break. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      append_escaped (out, lines[i]);
      if (lines[i + 1] != NULL)
        g_string_append (out, lines[i][0] != '\0' && lines[i + 1][0] != '\0' ? "  \n" : "\n");
    }
  g_string_append (out, "\n\n");
}

/**
 * rally_brief_to_markdown:
 *
 * Returns: (transfer full): the brief as a CommonMark document
 */
char *
rally_brief_to_markdown (const RallyBrief *self)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GArray) sections = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  g_string_append (out, "# \\#");
  append_escaped (out, self->hashtag != NULL ? self->hashtag : "");
  g_string_append (out, "\n\n");
  if (has_text (self->title))
    {
      g_autofree char *title = g_strstrip (g_strdup (self->title));

      g_string_append (out, "**");
      append_escaped (out, title);
      g_string_append (out, "**\n\n");
    }
  if (has_text (self->dates))
    append_paragraphs (out, self->dates);

  sections = rally_brief_get_sections (self);
  for (guint i = 0; i < sections->len; i++)
    {
      const RallyBriefSection *section = &g_array_index (sections, RallyBriefSection, i);

      g_string_append_printf (out, "## %s\n\n", section->heading);
      append_paragraphs (out, section->body);
    }

  if (self->safeguarding != NULL && self->safeguarding[0] != NULL)
    {
      g_string_append_printf (out, "## %s\n\n", _("Safeguarding"));
      for (guint i = 0; self->safeguarding[i] != NULL; i++)
        {
          g_string_append (out, "- ");
          append_escaped (out, self->safeguarding[i]);
          g_string_append_c (out, '\n');
        }
      g_string_append_c (out, '\n');
    }

  /* One final newline, not two. */
  if (out->len >= 2 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/**
 * rally_brief_write_markdown:
 * @path: where to save it
 *
 * Writes to a temporary file beside @path and renames it over @path, so a failure
 * leaves any earlier file untouched and never a half-written one.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_brief_write_markdown (const RallyBrief  *self,
                            const char        *path,
                            GError           **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = rally_brief_to_markdown (self);

  /* g_file_set_contents() writes a temporary file and renames it into place. */
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

/**
 * rally_brief_suggest_filename:
 * @extension: "pdf" or "md"
 *
 * Returns: (transfer full): "ActForClimate-brief.pdf"
 */
char *
rally_brief_suggest_filename (const RallyBrief *self,
                              const char       *extension)
{
  const char *tag;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (extension != NULL, NULL);

  tag = has_text (self->hashtag) ? self->hashtag : "challenge";

  /* Translators: a file name; %s is the hashtag, then the extension */
  return g_strdup_printf (_("%s-brief.%s"), tag, extension);
}
