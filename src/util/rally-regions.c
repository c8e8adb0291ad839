/* rally-regions.c
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

/* Regions to track are ISO 3166-1 alpha-2 country codes. People type them as a list
 * ("gb, ke in"); this file checks each against the assigned codes, so a typo such as
 * "UK" is caught while typing rather than silently tracking nothing. */

#define G_LOG_DOMAIN "RallyRegions"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rally-regions.h"

G_DEFINE_QUARK (rally-regions-error-quark, rally_regions_error)

/* Every officially assigned ISO 3166-1 alpha-2 code, plus XK (Kosovo), which TikTok
 * reports as a region. Sorted, two letters each. */
static const char known_codes[] =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO "
  "BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ "
  "DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP "
  "GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG "
  "KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML "
  "MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE "
  "PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL "
  "SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM "
  "US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

/**
 * rally_region_is_known:
 * @code: two upper-case letters
 *
 * Returns: %TRUE when @code is an assigned ISO 3166-1 alpha-2 country code
 */
gboolean
rally_region_is_known (const char *code)
{
  g_return_val_if_fail (code != NULL, FALSE);

  if (strlen (code) != 2 || !g_ascii_isupper (code[0]) || !g_ascii_isupper (code[1]))
    return FALSE;

  for (const char *p = known_codes; *p != '\0'; p += 3)
    {
      if (p[0] == code[0] && p[1] == code[1])
        return TRUE;
      if (p[2] == '\0')
        break;
    }

  return FALSE;
}

static gboolean
is_separator (gunichar c)
{
  return c == ',' || c == ';' || g_unichar_isspace (c);
}

/**
 * rally_regions_parse:
 * @text: codes separated by commas, semicolons or spaces, in any case
 * @error: return location for a %RALLY_REGIONS_ERROR_UNKNOWN_CODE naming the first bad code
 *
 * Returns: (transfer full) (nullable): the codes upper-cased, without repeats, in the
 *   order typed (empty when @text is blank), or %NULL with @error set
 */
char **
rally_regions_parse (const char  *text,
                     GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *p = text != NULL ? text : "";

  while (*p != '\0')
    {
      const char *start;
      g_autofree char *word = NULL;
      g_autofree char *upper = NULL;

      while (*p != '\0' && is_separator (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      start = p;
      while (*p != '\0' && !is_separator (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      word = g_strndup (start, p - start);
      upper = g_utf8_strup (word, -1);
      if (!rally_region_is_known (upper))
        {
          g_set_error (error, RALLY_REGIONS_ERROR, RALLY_REGIONS_ERROR_UNKNOWN_CODE,
                       /* Translators: %s is what the user typed, e.g. "UK" */
                       _("“%s” is not a country code; use two letters such as GB, KE or IN"), word);
          return NULL;
        }

      if (g_hash_table_add (seen, g_strdup (upper)))
        g_strv_builder_add (builder, upper);
    }

  return g_strv_builder_end (builder);
}

/**
 * rally_regions_join:
 * @codes: (nullable): region codes
 *
 * Returns: (transfer full): "GB, KE, IN", or an empty string
 */
char *
rally_regions_join (const char * const *codes)
{
  if (codes == NULL)
    return g_strdup ("");

  return g_strjoinv (", ", (char **) codes);
}
