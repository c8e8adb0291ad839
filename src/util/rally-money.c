/* rally-money.c
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

#define G_LOG_DOMAIN "RallyMoney"

#include "config.h"

#include <math.h>
#include <string.h>

#include "rally-money.h"

/* Currencies offered in forms; any other valid code is still accepted from files. */
static const char * const common_currencies[] = {
  "EUR", "USD", "GBP", "CHF", "CAD", "AUD", "NZD", "JPY", "SEK", "NOK", "DKK", "PLN",
  "CZK", "INR", "BRL", "MXN", "ZAR", "KES", "NGN", "KRW", "SGD", "HKD", NULL
};

/* ISO 4217 currencies with other than two minor digits */
static const struct { const char *code; guint digits; } exceptions[] = {
  { "BIF", 0 }, { "CLP", 0 }, { "DJF", 0 }, { "GNF", 0 }, { "ISK", 0 }, { "JPY", 0 },
  { "KMF", 0 }, { "KRW", 0 }, { "PYG", 0 }, { "RWF", 0 }, { "UGX", 0 }, { "UYI", 0 },
  { "VND", 0 }, { "VUV", 0 }, { "XAF", 0 }, { "XOF", 0 }, { "XPF", 0 },
  { "BHD", 3 }, { "IQD", 3 }, { "JOD", 3 }, { "KWD", 3 }, { "LYD", 3 }, { "OMR", 3 },
  { "TND", 3 },
};

/**
 * rally_money_common_currencies:
 *
 * Returns: (transfer none): the currency codes forms offer, %NULL-terminated
 */
const char * const *
rally_money_common_currencies (void)
{
  return common_currencies;
}

/**
 * rally_money_currency_digits:
 *
 * Returns: the number of minor-unit digits of @code (2 for most currencies)
 */
guint
rally_money_currency_digits (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (exceptions); i++)
    if (g_ascii_strcasecmp (code, exceptions[i].code) == 0)
      return exceptions[i].digits;

  return 2;
}

static double
scale_of (const char *code)
{
  return pow (10.0, rally_money_currency_digits (code));
}

gint64
rally_money_to_minor (double      major,
                      const char *code)
{
  return (gint64) llround (major * scale_of (code));
}

double
rally_money_to_major (gint64      minor,
                      const char *code)
{
  return (double) minor / scale_of (code);
}

