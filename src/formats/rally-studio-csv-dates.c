/* rally-studio-csv-dates.c
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

/* The dates of a TikTok Studio export, read as tokens (numbers, words,
 * separators) matched against the forms TikTok Studio writes:
 * 2024-06-01, 2024/06/01, 06/01/2024 (month first, unless a value in
 * the same column has a first part above 12, then the whole column is read day
 * first), 01.06.2024 (day first), June 1 / Jun 1, 2024, 1 Jun 2024 / 1 June;
 * month names in English, full or abbreviated. An optional time follows the
 * date: 14:03, 14:03:59, 2:03 PM, or ISO "T14:03:59Z"; times are taken as UTC.
 * A date without a year gets the year that puts the latest such date in
 * @default_year (an export ends on the day it is made), stepping back a year
 * where consecutive rows cross a new year (the reader counts those steps). */

#define G_LOG_DOMAIN "RallyStudioCsv"

#include "config.h"

#include <string.h>

#include "rally-studio-csv-private.h"

typedef enum
{
  TOKEN_NUM,
  TOKEN_WORD,
  TOKEN_SEP,
} TokenType;

typedef struct
{
  TokenType type;
  int       value;    /* NUM: value (capped); SEP: the character */
  guint     length;   /* NUM: digits; WORD: letters */
  char      word[12]; /* WORD: lower case, truncated */
} Token;

#define MAX_TOKENS 16

static guint
split_tokens (const char *text,
              Token      *tokens)
{
  guint n = 0;

  for (const char *p = text; *p != '\0';)
    {
      Token *t = &tokens[n];

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (n == MAX_TOKENS)
        return MAX_TOKENS + 1;

      memset (t, 0, sizeof *t);
      if (g_ascii_isdigit (*p))
        {
          t->type = TOKEN_NUM;
          for (; g_ascii_isdigit (*p); p++, t->length++)
            t->value = t->value < 100000 ? t->value * 10 + (*p - '0') : t->value;
        }
      else if (g_ascii_isalpha (*p))
        {
          t->type = TOKEN_WORD;
          for (; g_ascii_isalpha (*p); p++, t->length++)
            {
              if (t->length < sizeof t->word - 1)
                t->word[t->length] = g_ascii_tolower (*p);
            }
        }
      else
        {
          t->type = TOKEN_SEP;
          t->value = (guchar) *p++;
        }
      n++;
    }

  return n;
}

static gboolean
is_num (const Token *t,
        guint        min_digits,
        guint        max_digits)
{
  return t->type == TOKEN_NUM && t->length >= min_digits && t->length <= max_digits;
}

static gboolean
is_sep (const Token *t,
        char         c)
{
  return t->type == TOKEN_SEP && t->value == c;
}

static gboolean
is_word (const Token *t,
         const char  *word)
{
  return t->type == TOKEN_WORD && t->length < sizeof t->word && g_str_equal (t->word, word);
}

static int
month_from_word (const Token *t)
{
  static const char * const names[] = {
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
  };

  if (t->type != TOKEN_WORD || t->length < 3 || t->length >= sizeof t->word)
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_str_equal (t->word, names[i]) ||
          (t->length == 3 && strncmp (t->word, names[i], 3) == 0) ||
          (i == 8 && g_str_equal (t->word, "sept")))
        return i + 1;
    }

  return 0;
}

/* Matches the date at the start of @t; returns how many tokens it used, or 0. */
static guint
match_date (const Token *t,
            guint        n,
            SlashOrder   order,
            DateParts   *parts)
{
  if (n >= 5 && is_num (&t[0], 4, 4) && (is_sep (&t[1], '-') || is_sep (&t[1], '/')) &&
      is_num (&t[2], 1, 2) && t[3].type == TOKEN_SEP && t[3].value == t[1].value && is_num (&t[4], 1, 2))
    {
      *parts = (DateParts) { t[0].value, t[2].value, t[4].value, 0, 0, 0 };
      return 5;
    }

  if (n >= 5 && is_num (&t[0], 1, 2) && t[1].type == TOKEN_SEP && is_num (&t[2], 1, 2) &&
      t[3].type == TOKEN_SEP && t[3].value == t[1].value && is_num (&t[4], 4, 4) &&
      (t[1].value == '/' || t[1].value == '-' || t[1].value == '.'))
    {
      gboolean day_first = t[1].value == '.' || order == ORDER_DAY_FIRST;

      *parts = (DateParts) { t[4].value, day_first ? t[2].value : t[0].value,
                             day_first ? t[0].value : t[2].value, 0, 0, 0 };
      return 5;
    }

  if (n >= 2 && month_from_word (&t[0]) > 0 && is_num (&t[1], 1, 2))
    {
      guint used = 2;

      *parts = (DateParts) { 0, month_from_word (&t[0]), t[1].value, 0, 0, 0 };
      if (used < n && is_sep (&t[used], ',') && used + 1 < n && is_num (&t[used + 1], 4, 4))
        used++;
      if (used < n && is_num (&t[used], 4, 4))
        parts->year = t[used++].value;
      return used;
    }

  if (n >= 2 && is_num (&t[0], 1, 2))
    {
      guint used = 1;

      if (used < n && is_sep (&t[used], '-'))
        used++;
      if (used >= n || month_from_word (&t[used]) == 0)
        return 0;
      *parts = (DateParts) { 0, month_from_word (&t[used]), t[0].value, 0, 0, 0 };
      used++;
      if (used + 1 < n && is_sep (&t[used], '-') && is_num (&t[used + 1], 4, 4))
        used++;
      if (used < n && is_num (&t[used], 4, 4))
        parts->year = t[used++].value;
      return used;
    }

  return 0;
}

/* Matches an optional time after the date: [,|T|at] H:MM[:SS[.frac]] [AM|PM] [Z|UTC]. */
static gboolean
match_time (const Token *t,
            guint        n,
            DateParts   *parts)
{
  guint i = 0;

  if (i < n && (is_sep (&t[i], ',') || is_word (&t[i], "t") || is_word (&t[i], "at")))
    i++;
  if (i == n)
    return i == 0;
  if (!(i + 2 < n && is_num (&t[i], 1, 2) && is_sep (&t[i + 1], ':') && is_num (&t[i + 2], 2, 2)))
    return FALSE;

  parts->hour = t[i].value;
  parts->minute = t[i + 2].value;
  i += 3;
  if (i + 1 < n && is_sep (&t[i], ':') && is_num (&t[i + 1], 2, 2))
    {
      parts->second = t[i + 1].value;
      i += 2;
      if (i + 1 < n && is_sep (&t[i], '.') && t[i + 1].type == TOKEN_NUM)
        i += 2;
    }
  if (i < n && (is_word (&t[i], "am") || is_word (&t[i], "pm")))
    {
      if (parts->hour < 1 || parts->hour > 12)
        return FALSE;
      parts->hour = parts->hour % 12 + (is_word (&t[i], "pm") ? 12 : 0);
      i++;
    }
  if (i < n && (is_word (&t[i], "z") || is_word (&t[i], "utc") || is_word (&t[i], "gmt")))
    i++;

  return i == n && parts->hour < 24 && parts->minute < 60 && parts->second < 60;
}

gboolean
_rally_studio_csv_parse_date (const char *text,
                              SlashOrder  order,
                              DateParts  *parts)
{
  Token tokens[MAX_TOKENS];
  guint n = split_tokens (text, tokens);
  guint used;

  if (n == 0 || n > MAX_TOKENS)
    return FALSE;

  used = match_date (tokens, n, order, parts);
  if (used == 0 || !match_time (tokens + used, n - used, parts))
    return FALSE;

  if (parts->year == 0)
    return parts->month >= 1 && parts->month <= 12 && parts->day >= 1 && parts->day <= 31;

  return parts->year >= 1970 && parts->year <= 2100 &&
         g_date_valid_dmy (parts->day, parts->month, parts->year);
}

/* Slash dates are month first unless some value of the column cannot be. */
gboolean
_rally_studio_csv_is_day_first (const char *text)
{
  Token t[MAX_TOKENS];
  guint n = split_tokens (text, t);

  return n >= 5 && n <= MAX_TOKENS && is_num (&t[0], 1, 2) &&
         (is_sep (&t[1], '/') || is_sep (&t[1], '-')) &&
         is_num (&t[2], 1, 2) && t[0].value > 12 && t[2].value <= 12;
}
