/* rally-challenge-editor-form.c
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

/* The challenge editor's form: read into the working copy, then checked field by
 * field, each with its message under it (a dim hint, or red when it stops saving). */

#define G_LOG_DOMAIN "RallyChallengeEditor"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rally-challenge-editor-private.h"
#include "rally-challenge-text.h"
#include "rally-field-message.h"
#include "rally-regions.h"

/* ---------------------------------------------------------------- field messages */

static void
set_message (GtkLabel   *label,
             const char *text,
             gboolean    is_error)
{
  rally_field_message_set (label, text, is_error);
}

static void
set_row_error (GtkWidget *row,
               gboolean   is_error)
{
  if (is_error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

void
_rally_challenge_editor_show_banner (RallyChallengeEditor *self,
                                     const char           *text)
{
  if (text != NULL)
    gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner_revealer, text != NULL);
}

/* Shows a failed save's message next to the field it is about. */
void
_rally_challenge_editor_show_save_error (RallyChallengeEditor *self,
                                         const GError         *error)
{
  if (g_error_matches (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_HASHTAG_TAKEN))
    {
      set_message (self->hashtag_message, error->message, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->hashtag_row));
    }
  else if (g_error_matches (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_SAFEGUARDING))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->consent_view));
    }

  _rally_challenge_editor_show_banner (self, error->message);
}

/* ---------------------------------------------------------------- reading the form */

static char *
text_view_get_text (GtkTextView *view)
{
  return rally_text_view_dup_text (view);
}

static char *
entry_text_stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* A one-line answer typed in a wrapping field: line breaks read as spaces. */
static char *
text_view_get_line (GtkTextView *view)
{
  char *text = text_view_get_text (view);

  return g_strstrip (g_strdelimit (text, "\r\n\t", ' '));
}

double
_rally_challenge_editor_money_scale (const char *currency)
{
  double scale = 1;

  for (guint i = rally_currency_get_decimals (currency); i > 0; i--)
    scale *= 10;

  return scale;
}

const char *
_rally_challenge_editor_selected_currency (RallyChallengeEditor *self)
{
  guint position = adw_combo_row_get_selected (self->currency_row);

  if (position == GTK_INVALID_LIST_POSITION)
    return "USD";

  return gtk_string_list_get_string (self->currencies, position);
}

static void
read_texts (RallyChallengeEditor *self)
{
  g_autofree char *title = entry_text_stripped (self->title_row);
  g_autofree char *brief = text_view_get_text (self->brief_view);
  g_autofree char *cta = text_view_get_text (self->cta_view);
  g_autofree char *rules = text_view_get_text (self->rules_view);
  g_autofree char *sound = text_view_get_text (self->sound_view);
  g_autofree char *sponsor = entry_text_stripped (self->sponsor_row);

  rally_challenge_set_title (self->challenge, title);
  rally_challenge_set_brief (self->challenge, brief);
  rally_challenge_set_call_to_action (self->challenge, cta);
  rally_challenge_set_rules (self->challenge, rules);
  rally_challenge_set_sound_notes (self->challenge, sound);
  rally_challenge_set_sponsor (self->challenge, sponsor);
}

static void
read_numbers (RallyChallengeEditor *self)
{
  const char *currency = _rally_challenge_editor_selected_currency (self);
  double scale = _rally_challenge_editor_money_scale (currency);
  guint campaign = adw_combo_row_get_selected (self->campaign_row);

  rally_challenge_set_currency (self->challenge, currency);
  rally_challenge_set_pledge_per_video (self->challenge,
                                        llround (gtk_spin_button_get_value (self->pledge_spin) * scale));
  rally_challenge_set_pledge_cap (self->challenge,
                                  llround (gtk_spin_button_get_value (self->cap_spin) * scale));
  rally_challenge_set_goal_videos (self->challenge, llround (gtk_spin_button_get_value (self->goal_videos_spin)));
  rally_challenge_set_goal_views (self->challenge, llround (gtk_spin_button_get_value (self->goal_views_spin)));
  if (campaign != GTK_INVALID_LIST_POSITION && campaign < self->campaign_ids->len)
    rally_challenge_set_campaign_id (self->challenge, g_array_index (self->campaign_ids, gint64, campaign));
}

static void
read_safeguarding (RallyChallengeEditor *self)
{
  g_autofree char *consent = text_view_get_line (self->consent_view);
  g_autofree char *moderation = text_view_get_line (self->moderation_view);
  g_autofree char *reporting = text_view_get_line (self->reporting_view);
  guint audience = adw_combo_row_get_selected (self->audience_row);

  if (audience <= RALLY_AUDIENCE_18_PLUS)
    rally_challenge_set_audience (self->challenge, (RallyAudience) audience);
  rally_challenge_set_consent_wording (self->challenge, consent);
  rally_challenge_set_no_personal_data (self->challenge, gtk_switch_get_active (self->no_personal_data_switch));
  rally_challenge_set_moderation_plan (self->challenge, moderation);
  rally_challenge_set_reporting_route (self->challenge, reporting);
}

/* ---------------------------------------------------------------- checks */

/* Returns TRUE when the hashtag can be saved; shows why not under the field. */
static gboolean
check_hashtag (RallyChallengeEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->hashtag_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *message = NULL;

  if (!rally_hashtag_validate (text, &normalized, &error))
    {
      /* An empty field is not yet an error: say what to type. */
      gboolean empty = g_error_matches (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_HASHTAG_EMPTY);

      set_message (self->hashtag_message,
                   empty ? _("Letters, digits and underscores, such as ActForClimate; a leading “#” is fine")
                         : error->message,
                   !empty);
      set_row_error (GTK_WIDGET (self->hashtag_row), !empty);
      rally_challenge_set_hashtag (self->challenge, "");
      return FALSE;
    }

  rally_challenge_set_hashtag (self->challenge, normalized);

  if (self->store != NULL &&
      rally_store_hashtag_is_taken (self->store, normalized, rally_challenge_get_id (self->challenge)))
    {
      /* Translators: %s is a hashtag without its '#' */
      message = g_strdup_printf (_("#%s is already used by another challenge; hashtags are compared ignoring case"),
                                 normalized);
      set_message (self->hashtag_message, message, TRUE);
      set_row_error (GTK_WIDGET (self->hashtag_row), TRUE);
      return FALSE;
    }

  set_message (self->hashtag_message, NULL, FALSE);
  set_row_error (GTK_WIDGET (self->hashtag_row), FALSE);
  return TRUE;
}

static gboolean
check_dates (RallyChallengeEditor *self)
{
  gint64 start = rally_challenge_get_start_date (self->challenge);
  gint64 end = rally_challenge_get_end_date (self->challenge);
  g_autofree char *message = NULL;

  if (start != 0 && end != 0 && end < start)
    {
      set_message (self->dates_message, _("The end date is before the start date"), TRUE);
      return FALSE;
    }

  if (start != 0 && end != 0)
    {
      /* Translators: %d is a number of days, always 2 or more */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Runs for %d day", "Runs for %d days",
                                              (gulong) ((end - start) / RALLY_SECONDS_PER_DAY + 1)),
                                 (int) ((end - start) / RALLY_SECONDS_PER_DAY + 1));
    }
  set_message (self->dates_message, message, FALSE);
  return TRUE;
}

static gboolean
check_regions (RallyChallengeEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = text_view_get_text (self->regions_view);
  g_auto(GStrv) codes = rally_regions_parse (text, &error);

  if (codes == NULL)
    {
      set_message (self->regions_message, error->message, TRUE);
      set_row_error (GTK_WIDGET (self->regions_row), TRUE);
      return FALSE;
    }

  set_message (self->regions_message, NULL, FALSE);
  set_row_error (GTK_WIDGET (self->regions_row), FALSE);
  rally_challenge_set_regions (self->challenge, (const char * const *) codes);
  return TRUE;
}

static gboolean
check_pledge (RallyChallengeEditor *self)
{
  gint64 pledge = rally_challenge_get_pledge_per_video (self->challenge);
  gint64 cap = rally_challenge_get_pledge_cap (self->challenge);
  g_autofree char *sentence = NULL;

  if (cap > 0 && pledge == 0)
    {
      set_message (self->pledge_message, _("A cap needs a pledge per video; set the pledge or make the cap 0"), TRUE);
      return FALSE;
    }
  if (cap > 0 && cap < pledge)
    {
      set_message (self->pledge_message, _("The cap is below the pledge per video; raise it, or make it 0 for no cap"), TRUE);
      return FALSE;
    }

  sentence = rally_challenge_pledge_sentence (self->challenge);
  set_message (self->pledge_message,
               sentence != NULL ? NULL : _("No pledge: the challenge raises awareness only"),
               FALSE);
  return TRUE;
}

/* The roster as typed: usernames separated by commas, semicolons, spaces or lines,
 * each with or without "@". */
static gboolean
check_partners (RallyChallengeEditor *self)
{
  g_autofree char *text = text_view_get_text (self->partners_view);
  g_auto(GStrv) typed = g_strsplit_set (text, ",; \t\r\n", -1);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) roster = rally_partners_normalize ((const char * const *) typed, &error);
  g_autofree char *count = NULL;
  guint n;

  if (roster == NULL)
    {
      set_message (self->partners_message, error->message, TRUE);
      return FALSE;
    }

  rally_challenge_set_partners (self->challenge, (const char * const *) roster);
  n = g_strv_length (roster);
  if (n > 0)
    /* Translators: %u is a number of TikTok usernames */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u partner on the roster: their videos count as seeded",
                                          "%u partners on the roster: their videos count as seeded", n), n);
  set_message (self->partners_message, count, FALSE);
  return TRUE;
}

/**
 * _rally_challenge_editor_join_partners:
 *
 * Returns: the roster as the form shows it, "@rednose_crew, @comedy_for_kids"
 */
char *
_rally_challenge_editor_join_partners (const char * const *partners)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; partners != NULL && partners[i] != NULL; i++)
    g_string_append_printf (text, "%s@%s", i > 0 ? ", " : "", partners[i]);

  return g_string_free (text, FALSE);
}

/* ---------------------------------------------------------------- the whole form */

/* Copies what the form says into the working copy. */
void
_rally_challenge_editor_read_form (RallyChallengeEditor *self)
{
  read_texts (self);
  read_numbers (self);
  read_safeguarding (self);
}

/* Checks every field, showing each one's message; TRUE when all can be saved. */
gboolean
_rally_challenge_editor_check_form (RallyChallengeEditor *self)
{
  gboolean hashtag_ok, dates_ok, regions_ok, pledge_ok, partners_ok;

  hashtag_ok = check_hashtag (self);
  dates_ok = check_dates (self);
  regions_ok = check_regions (self);
  pledge_ok = check_pledge (self);
  partners_ok = check_partners (self);

  return hashtag_ok && dates_ok && regions_ok && pledge_ok && partners_ok;
}
