/* rally-spin-digits.c
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

/* Spin buttons for large figures (goals, budgets, pledges) show their digits grouped,
 * "50,000,000" rather than "50000000", and accept what they show back: the separators
 * and spaces a person types or pastes are ignored. Whole amounts show no decimals. */

#define G_LOG_DOMAIN "RallySpinDigits"

#include "config.h"

#include <math.h>
#include <string.h>

#include "rally-format.h"
#include "rally-spin-digits.h"

static char *
format_value (double value,
              guint  digits)
{
  g_autofree char *whole = rally_format_integer ((gint64) trunc (value));
  double fraction = fabs (value - trunc (value));
  g_autofree char *decimals = NULL;
  const char *group, *decimal;

  if (digits == 0 || fraction < 0.5 * pow (10.0, -(double) digits))
    return g_steal_pointer (&whole);

  /* "0.50" → "50": the decimals of the fraction, rounded to the spin's digits. */
  decimals = g_strdup_printf ("%.*f", (int) digits, fraction);
  if (decimals[0] == '1')  /* 0.999 rounded up: show the next whole number */
    return rally_format_integer ((gint64) trunc (value) + (value < 0 ? -1 : 1));

  rally_format_get_marks (&group, &decimal);
  return g_strconcat (value < 0 && trunc (value) == 0 ? "-" : "", whole, decimal, decimals + 2, NULL);
}

static gboolean
output_cb (GtkSpinButton *spin,
           gpointer       user_data)
{
  g_autofree char *text = format_value (gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)),
                                        gtk_spin_button_get_digits (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static int
input_cb (GtkSpinButton *spin,
          double        *new_value,
          gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_autoptr(GString) plain = g_string_new (NULL);
  char *end = NULL;
  double value;
  const char *group, *decimal;

  /* On an error GTK still takes *new_value under its default update policy: keep the
   * value the spin button had. */
  *new_value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));

  rally_format_get_marks (&group, &decimal);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* The user's decimal mark is the one strtod reads; group marks and spaces of
       * any width are only for reading. */
      if (g_str_has_prefix (p, decimal))
        {
          g_string_append_c (plain, '.');
          p += strlen (decimal) - 1;
          continue;
        }
      if (g_str_has_prefix (p, group) || c == '\'' || g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F ||
          (c == ',' && strcmp (decimal, ",") != 0))
        continue;
      g_string_append_unichar (plain, c);
    }

  if (plain->len == 0)
    return GTK_INPUT_ERROR;

  value = g_ascii_strtod (plain->str, &end);
  if (end == NULL || *end != '\0' || !isfinite (value))
    return GTK_INPUT_ERROR;

  *new_value = value;
  return TRUE;
}

/**
 * rally_spin_button_group_digits:
 * @spin: a spin button for a large figure
 *
 * Shows @spin's value with grouped digits and reads grouped input back.
 */
void
rally_spin_button_group_digits (GtkSpinButton *spin)
{
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  /* A numeric spin button refuses any text with a separator in it, and would
   * show nothing at all for a large figure: input_cb does the checking. */
  gtk_spin_button_set_numeric (spin, FALSE);
  g_signal_connect (spin, "output", G_CALLBACK (output_cb), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (input_cb), NULL);
  output_cb (spin, NULL);
}
