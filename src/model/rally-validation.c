/* rally-validation.c
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

/* Validation of records and fields. Every error names the field in a translated
 * message, so a form can show it as is. */

#define G_LOG_DOMAIN "RallyValidation"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rally-campaign.h"
#include "rally-challenge.h"
#include "rally-date-utils.h"
#include "rally-event.h"
#include "rally-planned-post.h"
#include "rally-validation.h"

G_DEFINE_QUARK (rally-model-error-quark, rally_model_error)

/* Returns TRUE when the character may appear in a hashtag: a letter or digit of any
 * script, an underscore, or a combining mark (vowel signs of Devanagari, Arabic…). */
static gboolean
is_hashtag_char (gunichar c)
{
  if (c == '_' || g_unichar_isalnum (c) || g_unichar_ismark (c))
    return TRUE;

  return FALSE;
}

static gboolean
is_digits_only (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isdigit (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/* Checks each character of a hashtag (without its leading '#'), in the order a user
 * most needs to hear about: spaces, then '#', then any other character. */
static gboolean
check_hashtag_chars (const char  *tag,
                     GError     **error)
{
  for (const char *p = tag; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isspace (g_utf8_get_char (p)))
        {
          g_set_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_HASHTAG_SPACE,
                       _("The hashtag “%s” has a space; a hashtag is one word"), tag);
          return FALSE;
        }
    }

  if (strchr (tag, '#') != NULL)
    {
      g_set_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_HASHTAG_HASH_INSIDE,
                   _("The hashtag “%s” has a “#” inside; only its first character may be “#”"), tag);
      return FALSE;
    }

  for (const char *p = tag; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char bad[8] = { 0 };

      if (is_hashtag_char (c))
        continue;

      g_unichar_to_utf8 (c, bad);
      g_set_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_HASHTAG_CHARACTER,
                   _("The hashtag “%s” has “%s”; use only letters, digits and underscores"), tag, bad);
      return FALSE;
    }

  return TRUE;
}

/**
 * rally_hashtag_validate:
 * @text: what the user typed, with or without one leading '#'
 * @normalized_out: (out) (optional): the hashtag without '#', in Unicode NFC
 * @error: return location for a %RALLY_MODEL_ERROR
 *
 * Checks a hashtag: not empty, one word, no '#' inside, only letters, digits, marks
 * and underscores of any script, not only digits, at most 100 characters.
 * Whether another challenge uses it is for rally_store_hashtag_is_taken().
 *
 * Returns: %TRUE when the hashtag is acceptable
 */
gboolean
rally_hashtag_validate (const char  *text,
                        char       **normalized_out,
                        GError     **error)
{
  g_autofree char *tag = NULL;
  glong n_chars;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (normalized_out != NULL)
    *normalized_out = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_HASHTAG_CHARACTER,
                           _("The hashtag is not valid text"));
      return FALSE;
    }

  tag = g_utf8_normalize (text[0] == '#' ? text + 1 : text, -1, G_NORMALIZE_NFC);
  if (tag == NULL || tag[0] == '\0')
    {
      g_set_error_literal (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_HASHTAG_EMPTY,
                           _("The hashtag is empty; type a word after “#”"));
      return FALSE;
    }

  if (!check_hashtag_chars (tag, error))
    return FALSE;

  n_chars = g_utf8_strlen (tag, -1);
  if (n_chars > RALLY_HASHTAG_MAX_CHARS)
    {
      g_set_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_HASHTAG_TOO_LONG,
                   _("The hashtag has %ld characters; the most is %d"),
                   n_chars, RALLY_HASHTAG_MAX_CHARS);
      return FALSE;
    }

  if (is_digits_only (tag))
    {
      g_set_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_HASHTAG_DIGITS_ONLY,
                   _("The hashtag “%s” has only digits; add a letter"), tag);
      return FALSE;
    }

  if (normalized_out != NULL)
    *normalized_out = g_steal_pointer (&tag);

  return TRUE;
}

/**
 * rally_hashtag_key:
 * @normalized: a hashtag as rally_hashtag_validate() normalized it
 *
 * Returns: (transfer full): the key under which hashtags are unique: case-folded NFC
 */
char *
rally_hashtag_key (const char *normalized)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (normalized != NULL, NULL);

  folded = g_utf8_casefold (normalized, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}

/**
 * rally_currency_validate:
 * @code: an ISO 4217 code such as "USD"
 * @error: return location for a %RALLY_MODEL_ERROR_CURRENCY
 *
 * Returns: %TRUE when @code is three upper-case ASCII letters
 */
gboolean
rally_currency_validate (const char  *code,
                         GError     **error)
{
  if (code != NULL && strlen (code) == 3 &&
      g_ascii_isupper (code[0]) && g_ascii_isupper (code[1]) && g_ascii_isupper (code[2]))
    return TRUE;

  g_set_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_CURRENCY,
               _("Currency “%s” is not a three-letter ISO 4217 code such as USD or EUR"),
               code != NULL && g_utf8_validate (code, -1, NULL) ? code : "");
  return FALSE;
}

/**
 * rally_region_validate:
 * @code: an ISO 3166-1 alpha-2 code such as "GB"
 * @error: return location for a %RALLY_MODEL_ERROR_REGION
 *
 * Returns: %TRUE when @code is two upper-case ASCII letters
 */
gboolean
rally_region_validate (const char  *code,
                       GError     **error)
{
  if (code != NULL && strlen (code) == 2 && g_ascii_isupper (code[0]) && g_ascii_isupper (code[1]))
    return TRUE;

  g_set_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_REGION,
               _("Region “%s” is not a two-letter country code such as GB or KE"),
               code != NULL && g_utf8_validate (code, -1, NULL) ? code : "");
  return FALSE;
}

/* @field is the translated field name, capitalized, as it starts the message. */
static gboolean
check_text (const char  *value,
            const char  *field,
            glong        max_chars,
            GError     **error)
{
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_INVALID_TEXT,
                   _("%s is not valid text"), field);
      return FALSE;
    }

  if (g_utf8_strlen (value, -1) > max_chars)
    {
      g_set_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_TOO_LONG,
                   _("%s is longer than %ld characters"), field, max_chars);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_required (const char  *value,
                const char  *field,
                GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value));

  if (stripped[0] != '\0')
    return TRUE;

  g_set_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_REQUIRED, _("%s is required"), field);
  return FALSE;
}

static gboolean
check_dates (gint64   start,
             gint64   end,
             GError **error)
{
  if (start == 0 || end == 0 || end >= start)
    return TRUE;

  g_set_error_literal (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_DATES_ORDER,
                       _("End date is before the start date"));
  return FALSE;
}

static gboolean
check_goal (gint64       value,
            const char  *message,
            GError     **error)
{
  if (value >= 0)
    return TRUE;

  g_set_error_literal (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_NEGATIVE_GOAL, message);
  return FALSE;
}

static gboolean
check_amount (gint64       value,
              const char  *message,
              GError     **error)
{
  if (value >= 0)
    return TRUE;

  g_set_error_literal (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_NEGATIVE_AMOUNT, message);
  return FALSE;
}

static gboolean
check_color (const char  *color,
             GError     **error)
{
  gboolean ok = strlen (color) == 7 && color[0] == '#';

  for (guint i = 1; ok && i < 7; i++)
    ok = g_ascii_isxdigit (color[i]);

  if (!ok)
    g_set_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_COLOR,
                 _("Colour “%s” is not a colour such as #3584e4"),
                 g_utf8_validate (color, -1, NULL) ? color : "");

  return ok;
}

/**
 * rally_campaign_validate:
 * @campaign: a #RallyCampaign
 * @error: return location for a %RALLY_MODEL_ERROR
 *
 * Returns: %TRUE when @campaign can be saved
 */
gboolean
rally_campaign_validate (RallyCampaign  *campaign,
                         GError        **error)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (campaign), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_text (rally_campaign_get_name (campaign), _("Name"), RALLY_NAME_MAX_CHARS, error) &&
         check_required (rally_campaign_get_name (campaign), _("Name"), error) &&
         check_text (rally_campaign_get_cause (campaign), _("Cause"), RALLY_NAME_MAX_CHARS, error) &&
         check_text (rally_campaign_get_description (campaign), _("Description"), RALLY_TEXT_MAX_CHARS, error) &&
         check_text (rally_campaign_get_notes (campaign), _("Notes"), RALLY_TEXT_MAX_CHARS, error) &&
         check_dates (rally_campaign_get_start_date (campaign), rally_campaign_get_end_date (campaign), error) &&
         check_goal (rally_campaign_get_goal_views (campaign), _("The views goal is negative"), error) &&
         check_goal (rally_campaign_get_goal_videos (campaign), _("The videos goal is negative"), error) &&
         check_goal (rally_campaign_get_goal_donations (campaign), _("The donations goal is negative"), error) &&
         check_amount (rally_campaign_get_budget (campaign), _("Budget is negative"), error) &&
         rally_currency_validate (rally_campaign_get_currency (campaign), error) &&
         check_color (rally_campaign_get_color (campaign), error);
}

static gboolean
check_pledge (RallyChallenge  *challenge,
              GError         **error)
{
  gint64 pledge = rally_challenge_get_pledge_per_video (challenge);
  gint64 cap = rally_challenge_get_pledge_cap (challenge);

  if (!check_amount (pledge, _("Pledge per video is negative"), error) ||
      !check_amount (cap, _("Pledge cap is negative"), error))
    return FALSE;

  if (cap > 0 && pledge == 0)
    {
      g_set_error_literal (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_PLEDGE_CAP,
                           _("Pledge cap is set but there is no pledge per video"));
      return FALSE;
    }

  if (cap > 0 && cap < pledge)
    {
      g_set_error_literal (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_PLEDGE_CAP,
                           _("Pledge cap is smaller than the pledge per video"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_regions (RallyChallenge  *challenge,
               GError         **error)
{
  const char * const *regions = rally_challenge_get_regions (challenge);

  for (guint i = 0; regions[i] != NULL; i++)
    {
      if (!rally_region_validate (regions[i], error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_safeguard_text (const char  *value,
                      const char  *message,
                      GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value));

  if (stripped[0] != '\0')
    return TRUE;

  g_set_error_literal (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_SAFEGUARDING, message);
  return FALSE;
}

/* Minors can take part unless the audience is 18+: a challenge that leaves draft then
 * needs the whole safeguarding checklist. Drafts may be incomplete. */
static gboolean
check_safeguarding (RallyChallenge  *challenge,
                    GError         **error)
{
  if (rally_challenge_get_status (challenge) == RALLY_CHALLENGE_STATUS_DRAFT ||
      rally_challenge_get_audience (challenge) == RALLY_AUDIENCE_18_PLUS)
    return TRUE;

  if (!check_safeguard_text (rally_challenge_get_consent_wording (challenge),
                             _("Safeguarding: consent wording is required when minors can take part"), error) ||
      !check_safeguard_text (rally_challenge_get_moderation_plan (challenge),
                             _("Safeguarding: a moderation plan is required when minors can take part"), error) ||
      !check_safeguard_text (rally_challenge_get_reporting_route (challenge),
                             _("Safeguarding: a reporting route is required when minors can take part"), error))
    return FALSE;

  if (!rally_challenge_get_no_personal_data (challenge))
    {
      g_set_error_literal (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_SAFEGUARDING,
                           _("Safeguarding: confirm that no personal data is asked when minors can take part"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_partners (RallyChallenge  *challenge,
                GError         **error)
{
  const char * const *partners = rally_challenge_get_partners (challenge);

  /* Blank entries are dropped when the store normalizes the roster */
  for (guint i = 0; partners[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (partners[i]));

      if (stripped[0] != '\0' && !rally_username_validate (stripped, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_challenge_texts (RallyChallenge  *challenge,
                       GError         **error)
{
  return check_text (rally_challenge_get_title (challenge), _("Title"), RALLY_NAME_MAX_CHARS, error) &&
         check_text (rally_challenge_get_brief (challenge), _("Brief"), RALLY_TEXT_MAX_CHARS, error) &&
         check_text (rally_challenge_get_call_to_action (challenge), _("Call to action"), RALLY_TEXT_MAX_CHARS, error) &&
         check_text (rally_challenge_get_rules (challenge), _("Rules"), RALLY_TEXT_MAX_CHARS, error) &&
         check_text (rally_challenge_get_sound_notes (challenge), _("Sound or effect notes"), RALLY_TEXT_MAX_CHARS, error) &&
         check_text (rally_challenge_get_sponsor (challenge), _("Sponsor"), RALLY_NAME_MAX_CHARS, error) &&
         check_text (rally_challenge_get_consent_wording (challenge), _("Consent wording"), RALLY_TEXT_MAX_CHARS, error) &&
         check_text (rally_challenge_get_moderation_plan (challenge), _("Moderation plan"), RALLY_TEXT_MAX_CHARS, error) &&
         check_text (rally_challenge_get_reporting_route (challenge), _("Reporting route"), RALLY_TEXT_MAX_CHARS, error);
}

/**
 * rally_challenge_validate:
 * @challenge: a #RallyChallenge
 * @error: return location for a %RALLY_MODEL_ERROR
 *
 * Checks everything but the uniqueness of the hashtag, which the store checks.
 *
 * Returns: %TRUE when @challenge can be saved
 */
gboolean
rally_challenge_validate (RallyChallenge  *challenge,
                          GError         **error)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (challenge), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return rally_hashtag_validate (rally_challenge_get_hashtag (challenge), NULL, error) &&
         check_challenge_texts (challenge, error) &&
         check_dates (rally_challenge_get_start_date (challenge), rally_challenge_get_end_date (challenge), error) &&
         check_goal (rally_challenge_get_goal_videos (challenge), _("The videos goal is negative"), error) &&
         check_goal (rally_challenge_get_goal_views (challenge), _("The views goal is negative"), error) &&
         check_pledge (challenge, error) &&
         rally_currency_validate (rally_challenge_get_currency (challenge), error) &&
         check_regions (challenge, error) &&
         check_partners (challenge, error) &&
         check_safeguarding (challenge, error);
}

/**
 * rally_planned_post_validate:
 * @post: a #RallyPlannedPost
 * @error: return location for a %RALLY_MODEL_ERROR
 *
 * Returns: %TRUE when @post can be saved
 */
gboolean
rally_planned_post_validate (RallyPlannedPost  *post,
                             GError           **error)
{
  g_return_val_if_fail (RALLY_IS_PLANNED_POST (post), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (rally_planned_post_get_scheduled_at (post) == 0)
    {
      g_set_error_literal (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_REQUIRED,
                           _("Date and time are required"));
      return FALSE;
    }

  return check_text (rally_planned_post_get_channel (post), _("Channel"), RALLY_NAME_MAX_CHARS, error) &&
         check_required (rally_planned_post_get_channel (post), _("Channel"), error) &&
         check_text (rally_planned_post_get_caption (post), _("Caption"), RALLY_CAPTION_MAX_CHARS, error);
}

static gboolean
is_username_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.';
}

/**
 * rally_username_validate:
 * @text: a TikTok username as typed, with or without its leading "@"
 * @normalized_out: (out) (optional): the username without "@", in lower case
 * @error: return location for %RALLY_MODEL_ERROR_USERNAME
 *
 * A TikTok username has 2 to 24 characters: letters, digits, "_" and ".", and does
 * not end with ".".
 *
 * Returns: %TRUE when @text is a username
 */
gboolean
rally_username_validate (const char  *text,
                         char       **normalized_out,
                         GError     **error)
{
  g_autofree char *name = NULL;
  gsize len;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_USERNAME,
                           _("The partner username is not valid text"));
      return FALSE;
    }

  name = g_strstrip (g_strdup (text[0] == '@' ? text + 1 : text));
  len = strlen (name);
  for (gsize i = 0; i < len; i++)
    {
      if (!is_username_char (name[i]))
        {
          g_set_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_USERNAME,
                       _("The partner username “%s” has a character TikTok does not allow;"
                         " use only letters, digits, “_” and “.”"), name);
          return FALSE;
        }
    }

  /* TikTok's own rule: a period may not end a username */
  if (len > 0 && name[len - 1] == '.')
    {
      g_set_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_USERNAME,
                   _("The partner username “%s” ends with “.”; TikTok does not allow a period at the end"), name);
      return FALSE;
    }

  if (len < RALLY_USERNAME_MIN_CHARS || len > RALLY_USERNAME_MAX_CHARS)
    {
      g_set_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_USERNAME,
                   /* Translators: the last two numbers are always 2 and 24 */
                   ngettext ("The partner username “%s” has %ld character; a TikTok username has %d to %d",
                             "The partner username “%s” has %ld characters; a TikTok username has %d to %d",
                             (unsigned long) len),
                   name, (long) len, RALLY_USERNAME_MIN_CHARS, RALLY_USERNAME_MAX_CHARS);
      return FALSE;
    }

  if (normalized_out != NULL)
    *normalized_out = g_ascii_strdown (name, -1);

  return TRUE;
}

/**
 * rally_partners_normalize:
 * @partners: TikTok usernames as typed (with or without "@", any case)
 * @error: return location for %RALLY_MODEL_ERROR_USERNAME
 *
 * Validates each username and returns the roster as stored: without "@", in lower
 * case, each once, in the order first given. Blank entries are skipped.
 *
 * Returns: (transfer full) (nullable): the normalized roster, or %NULL on error
 */
char **
rally_partners_normalize (const char * const  *partners,
                          GError             **error)
{
  g_autoptr(GStrvBuilder) roster = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; partners != NULL && partners[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (partners[i]));
      g_autofree char *name = NULL;

      if (stripped[0] == '\0')
        continue;
      if (!rally_username_validate (stripped, &name, error))
        return NULL;
      if (g_hash_table_add (seen, g_strdup (name)))
        g_strv_builder_add (roster, name);
    }

  return g_strv_builder_end (roster);
}

static gboolean
check_event_day (gint64       day,
                 gboolean     first,
                 GError     **error)
{
  if (day == 0)
    {
      g_set_error_literal (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_REQUIRED,
                           first ? _("The event needs a first day") : _("The event needs a last day"));
      return FALSE;
    }

  if (day < rally_day_from_ymd (RALLY_FIRST_YEAR, 1, 1) || day > rally_day_from_ymd (RALLY_LAST_YEAR, 12, 31))
    {
      g_set_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_DAY_RANGE,
                   first ? _("The first day of the event must fall between %d and %d")
                         : _("The last day of the event must fall between %d and %d"),
                   RALLY_FIRST_YEAR, RALLY_LAST_YEAR);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_event_owner (RallyEvent  *event,
                   GError     **error)
{
  gboolean on_challenge = rally_event_get_challenge_id (event) != 0;
  gboolean on_campaign = rally_event_get_campaign_id (event) != 0;

  if (on_challenge != on_campaign)
    return TRUE;

  g_set_error_literal (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_EVENT_OWNER,
                       on_challenge ? _("An event belongs to a challenge or to a campaign, not to both")
                                    : _("An event needs a challenge or a campaign to belong to"));
  return FALSE;
}

/**
 * rally_event_validate:
 * @event: a #RallyEvent
 * @error: return location for a %RALLY_MODEL_ERROR
 *
 * Checks the title (required, at most %RALLY_EVENT_TITLE_MAX_CHARS), the note, the
 * days (set, within %RALLY_FIRST_YEAR to %RALLY_LAST_YEAR, the last not before the
 * first) and that the event has exactly one owner. The store checks the owner exists.
 *
 * Returns: %TRUE when @event can be saved
 */
gboolean
rally_event_validate (RallyEvent  *event,
                      GError     **error)
{
  g_return_val_if_fail (RALLY_IS_EVENT (event), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_event_owner (event, error) ||
      !check_text (rally_event_get_title (event), _("Title"), RALLY_EVENT_TITLE_MAX_CHARS, error) ||
      !check_required (rally_event_get_title (event), _("Title"), error) ||
      !check_text (rally_event_get_note (event), _("Note"), RALLY_TEXT_MAX_CHARS, error) ||
      !check_event_day (rally_event_get_first_day (event), TRUE, error) ||
      !check_event_day (rally_event_get_last_day (event), FALSE, error))
    return FALSE;

  if (rally_event_get_last_day (event) < rally_event_get_first_day (event))
    {
      g_set_error_literal (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_DATES_ORDER,
                           _("The last day is before the first day"));
      return FALSE;
    }

  return TRUE;
}
