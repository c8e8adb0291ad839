/* rally-wipe.c
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

/* Secrets (client secret, tokens, PKCE verifier) are zeroed before their memory is
 * given back, so they do not linger in freed heap. */

#include "config.h"

#include <string.h>

#include "rally-wipe.h"

/**
 * rally_wipe_free:
 * @text: (nullable): a string allocated with g_malloc()
 *
 * Zeroes @text's bytes, then frees it. A #GDestroyNotify, so
 * `g_clear_pointer (&secret, rally_wipe_free)` clears a secret held in a variable.
 */
void
rally_wipe_free (gpointer text)
{
  if (text == NULL)
    return;
  memset (text, 0, strlen (text));
  g_free (text);
}
