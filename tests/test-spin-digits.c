/* test-spin-digits.c
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

/* Spin buttons for large figures show grouped digits and read them back. */

#include "config.h"

#include <gtk/gtk.h>

#include "rally-spin-digits.h"
#include "rally-test-ui.h"

static GtkSpinButton *
make_spin (guint digits)
{
  GtkAdjustment *adjustment = gtk_adjustment_new (0, 0, 1e12, 1, 1000, 0);
  GtkSpinButton *spin = GTK_SPIN_BUTTON (gtk_spin_button_new (adjustment, 1, digits));

  g_object_ref_sink (spin);
  rally_spin_button_group_digits (spin);
  return spin;
}

static void
test_spin_digits_whole (void)
{
  g_autoptr(GtkSpinButton) spin = make_spin (0);

  gtk_spin_button_set_value (spin, 50000000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "50,000,000");

  /* What it shows, and what a person types with other separators, reads back. */
  gtk_editable_set_text (GTK_EDITABLE (spin), "1,250,000");
  gtk_spin_button_update (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 1250000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "1,250,000");

  gtk_editable_set_text (GTK_EDITABLE (spin), "2 000 000");
  gtk_spin_button_update (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 2000000);

  /* Nonsense keeps the value it had. */
  gtk_editable_set_text (GTK_EDITABLE (spin), "lots");
  gtk_spin_button_update (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 2000000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "2,000,000");
}

static void
test_spin_digits_money (void)
{
  g_autoptr(GtkSpinButton) spin = make_spin (2);

  gtk_spin_button_set_value (spin, 12500);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "12,500");

  gtk_spin_button_set_value (spin, 2.5);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "2.50");

  gtk_editable_set_text (GTK_EDITABLE (spin), "44,062.75");
  gtk_spin_button_update (spin);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spin), 44062.75, 1e-9);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "44,062.75");
}

/* A spin button marked numeric, as the editors' .ui files have them, would refuse
 * the separators and show nothing at all. */
static void
test_spin_digits_numeric (void)
{
  g_autoptr(GtkSpinButton) spin = GTK_SPIN_BUTTON (gtk_spin_button_new (gtk_adjustment_new (0, 0, 1e15, 1000, 100000, 0), 1, 0));

  g_object_ref_sink (spin);
  gtk_spin_button_set_numeric (spin, TRUE);
  rally_spin_button_group_digits (spin);
  gtk_spin_button_set_value (spin, 15000000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "15,000,000");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!rally_test_init_gtk ())
    {
      g_test_skip ("No display");
      return 77;
    }

  g_test_add_func ("/spin-digits/whole", test_spin_digits_whole);
  g_test_add_func ("/spin-digits/money", test_spin_digits_money);
  g_test_add_func ("/spin-digits/numeric", test_spin_digits_numeric);

  return g_test_run ();
}
