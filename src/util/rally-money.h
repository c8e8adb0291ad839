/* rally-money.h
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

#include <glib.h>

G_BEGIN_DECLS

/* Amounts are integer minor units of an ISO 4217 currency; these convert them for forms. */

const char * const *rally_money_common_currencies (void);
guint               rally_money_currency_digits   (const char *code);
gint64              rally_money_to_minor          (double      major,
                                                   const char *code);
double              rally_money_to_major          (gint64      minor,
                                                   const char *code);

G_END_DECLS
