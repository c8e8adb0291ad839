/* test-string-sort.c
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

/* rally_sort_strings() orders strings as strcmp() does, whatever they share. */

#include "config.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "rally-string-sort.h"

static int
compare_strcmp (gconstpointer a,
                gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Sorts a copy of @strings both ways and compares them string by string (equal
 * strings may come in any order). */
static void
check_sorted (const char **strings,
              gsize        n)
{
  g_autofree const char **ours = g_memdup2 (strings, MAX (n, 1) * sizeof (char *));
  g_autofree const char **theirs = g_memdup2 (strings, MAX (n, 1) * sizeof (char *));

  rally_sort_strings (ours, n);
  qsort (theirs, n, sizeof (char *), compare_strcmp);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpstr (ours[i], ==, theirs[i]);
}

static void
test_sort_small (void)
{
  const char *none[1] = { NULL };
  const char *one[] = { "creator" };
  /* a string before those it begins; bytes past 127 (UTF-8) after ASCII; the empty
   * string first; repeats */
  const char *mixed[] = { "creator10", "creator1", "", "créateur", "creator", "Creator", "creator1", "zoë",
                          "zo", "\xf0\x9f\x8e\x89party", "creator10a", "", "a", "creator1" };

  rally_sort_strings (none, 0);
  g_assert_null (none[0]);
  check_sorted (one, G_N_ELEMENTS (one));
  check_sorted (mixed, G_N_ELEMENTS (mixed));
}

/* Many names sharing most of their bytes, as the emulator's and many real ones do;
 * random bytes; and all the same: the three ways a byte-at-a-time sort partitions. */
static void
test_sort_many (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20241206);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autofree const char **strings = g_new (const char *, 50000);

  for (guint round = 0; round < 3; round++)
    {
      for (guint i = 0; i < 50000; i++)
        {
          char *s;

          if (round == 0)
            s = g_strdup_printf ("creator%u", g_rand_int_range (rand, 0, 30000));
          else if (round == 1)
            {
              guint length = g_rand_int_range (rand, 0, 12);

              s = g_malloc (length + 1);
              for (guint k = 0; k < length; k++)
                s[k] = (char) g_rand_int_range (rand, 1, 256);
              s[length] = '\0';
            }
          else
            s = g_strdup ("the same name");
          g_ptr_array_add (owned, s);
          strings[i] = s;
        }
      check_sorted (strings, 50000);
    }
}

/* Each name the start of the next ("a", "aa", …), shuffled: partitions on a byte
 * where the shortest ends (the pivot byte 0) at every depth. */
static void
test_sort_prefixes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autofree const char **strings = g_new (const char *, 2000);

  for (guint i = 0; i < 2000; i++)
    {
      /* two chains: "aaa…" and "aab…" */
      char *s = g_strnfill (i / 2 + 1, 'a');

      if (i % 2 == 1)
        s[i / 2] = 'b';
      g_ptr_array_add (owned, s);
      strings[i] = s;
    }
  for (guint i = 2000; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      const char *t = strings[i - 1];

      strings[i - 1] = strings[j];
      strings[j] = t;
    }
  check_sorted (strings, 2000);
}

/* Already sorted, and reversed: no quadratic time nor deep recursion. */
static void
test_sort_ordered (void)
{
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autofree const char **strings = g_new (const char *, 100000);

  for (guint i = 0; i < 100000; i++)
    {
      char *s = g_strdup_printf ("%08u", i);

      g_ptr_array_add (owned, s);
      strings[i] = s;
    }
  check_sorted (strings, 100000);
  for (guint i = 0; i < 100000; i++)
    strings[i] = g_ptr_array_index (owned, 99999 - i);
  check_sorted (strings, 100000);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/string-sort/small", test_sort_small);
  g_test_add_func ("/string-sort/many", test_sort_many);
  g_test_add_func ("/string-sort/prefixes", test_sort_prefixes);
  g_test_add_func ("/string-sort/ordered", test_sort_ordered);

  return g_test_run ();
}
