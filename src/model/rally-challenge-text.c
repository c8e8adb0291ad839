/* rally-challenge-text.c
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

/* Sentences about a challenge, in the user's language: the donation pledge
 * ("For every video, Acme gives $2, up to $50,000"), money amounts and date
 * ranges. The preview card, the challenge detail and the creator brief all show
 * the same words, so they are written once here. */

#define G_LOG_DOMAIN "RallyChallengeText"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rally-challenge.h"
#include "rally-challenge-text.h"
#include "rally-money.h"
#include "rally-format.h"

/* The currencies offered in the editor, most used by charities first; their minor digits
 * come from rally_money_currency_digits(). */
static const char *currencies[] = {
  "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK",
  "JPY", "INR", "KES", "NGN", "ZAR", "BRL", "MXN",
};

/**
 * rally_currency_get_common:
 *
 * Returns: (transfer none): the ISO 4217 codes offered in menus, NULL-terminated
 */
const char * const *
rally_currency_get_common (void)
{
  static const char *codes[G_N_ELEMENTS (currencies) + 1];

  if (codes[0] == NULL)
    memcpy (codes, currencies, sizeof currencies);

  return codes;
}

/**
 * rally_currency_get_decimals:
 * @currency: (nullable): an ISO 4217 code
 *
 * Returns: the digits after the decimal point in amounts of @currency: 0 for the yen,
 *   2 for most
 */
guint
rally_currency_get_decimals (const char *currency)
{
  return currency != NULL ? rally_money_currency_digits (currency) : 2;
}

/**
 * rally_money_format:
 * @minor: an amount in minor units (cents)
 * @currency: (nullable): an ISO 4217 code; USD when %NULL or empty
 *
 * Like rally_format_money(), but whole amounts drop their zero fraction, as people
 * write them in a sentence.
 *
 * Returns: (transfer full): "$2", "$2.50", "€50,000", "¥1,200" or "CHF 12.34"
 */
char *
rally_money_format (gint64      minor,
                    const char *currency)
{
  char *text = rally_format_money (minor, currency);
  char *point = strrchr (text, '.');

  if (point != NULL && point[1] != '\0' && strspn (point + 1, "0") == strlen (point + 1))
    *point = '\0';

  return text;
}

/**
 * rally_pledge_sentence_format:
 * @sponsor: (nullable): who gives the money
 * @pledge_per_video: minor units given for each video, 0 for no pledge
 * @pledge_cap: the most given in all, 0 for no cap
 * @currency: (nullable): ISO 4217 code of both amounts
 *
 * Returns: (transfer full) (nullable): "For every video, Acme gives $2, up to $50,000",
 *   or a variant without sponsor or cap; %NULL when there is no pledge
 */
char *
rally_pledge_sentence_format (const char *sponsor,
                              gint64      pledge_per_video,
                              gint64      pledge_cap,
                              const char *currency)
{
  g_autofree char *pledge = NULL;
  g_autofree char *cap = NULL;
  g_autofree char *name = NULL;

  if (pledge_per_video <= 0)
    return NULL;

  pledge = rally_money_format (pledge_per_video, currency);
  if (pledge_cap > 0)
    cap = rally_money_format (pledge_cap, currency);
  if (sponsor != NULL)
    name = g_strstrip (g_strdup (sponsor));

  if (name != NULL && *name != '\0')
    {
      if (cap != NULL)
        /* Translators: "For every video, Acme gives $2, up to $50,000" */
        return g_strdup_printf (_("For every video, %s gives %s, up to %s"), name, pledge, cap);
      /* Translators: "For every video, Acme gives $2" */
      return g_strdup_printf (_("For every video, %s gives %s"), name, pledge);
    }

  if (cap != NULL)
    /* Translators: "For every video, $2 goes to the cause, up to $50,000" */
    return g_strdup_printf (_("For every video, %s goes to the cause, up to %s"), pledge, cap);
  /* Translators: "For every video, $2 goes to the cause" */
  return g_strdup_printf (_("For every video, %s goes to the cause"), pledge);
}

/**
 * rally_challenge_pledge_sentence:
 * @challenge: a #RallyChallenge
 *
 * Returns: (transfer full) (nullable): "For every video, SPONSOR gives $2, up to $50,000",
 *   a variant without sponsor or cap, or %NULL when the challenge pledges nothing
 */
char *
rally_challenge_pledge_sentence (RallyChallenge *challenge)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (challenge), NULL);

  return rally_pledge_sentence_format (rally_challenge_get_sponsor (challenge),
                                       rally_challenge_get_pledge_per_video (challenge),
                                       rally_challenge_get_pledge_cap (challenge),
                                       rally_challenge_get_currency (challenge));
}

/**
 * rally_challenge_dates_text:
 * @challenge: a #RallyChallenge
 *
 * Returns: (transfer full) (nullable): its dates in words, or %NULL when it has none
 */
char *
rally_challenge_dates_text (RallyChallenge *challenge)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE (challenge), NULL);

  return rally_format_day_range (rally_challenge_get_start_date (challenge),
                                 rally_challenge_get_end_date (challenge));
}

/**
 * rally_audience_to_text:
 *
 * Returns: who may take part, in words: "All ages", "13 and over", "18 and over"
 */
const char *
rally_audience_to_text (RallyAudience audience)
{
  switch (audience)
    {
    case RALLY_AUDIENCE_ALL_AGES:
      return _("All ages");
    case RALLY_AUDIENCE_13_PLUS:
      return _("13 and over");
    case RALLY_AUDIENCE_18_PLUS:
      return _("18 and over");
    default:
      return _("Unknown");
    }
}

/**
 * rally_audience_includes_minors:
 *
 * Returns: %TRUE when people under 18 may take part, so safeguarding applies
 */
gboolean
rally_audience_includes_minors (RallyAudience audience)
{
  return audience != RALLY_AUDIENCE_18_PLUS;
}

/**
 * rally_challenge_status_to_text:
 *
 * Returns: the status as a badge shows it: "Draft", "Scheduled", "Live", "Ended"
 */
const char *
rally_challenge_status_to_text (RallyChallengeStatus status)
{
  switch (status)
    {
    case RALLY_CHALLENGE_STATUS_DRAFT:
      return C_("challenge status", "Draft");
    case RALLY_CHALLENGE_STATUS_SCHEDULED:
      return C_("challenge status", "Scheduled");
    case RALLY_CHALLENGE_STATUS_LIVE:
      return C_("challenge status", "Live");
    case RALLY_CHALLENGE_STATUS_ENDED:
      return C_("challenge status", "Ended");
    default:
      return C_("challenge status", "Unknown");
    }
}
