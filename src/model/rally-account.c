/* rally-account.c
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

#define G_LOG_DOMAIN "RallyModel"

#include "config.h"

#include "rally-account.h"

G_DEFINE_BOXED_TYPE (RallyAccount, rally_account, rally_account_copy, rally_account_free)

/**
 * rally_account_new:
 *
 * Returns: (transfer full): an account with empty texts and every figure unknown (-1)
 */
RallyAccount *
rally_account_new (void)
{
  RallyAccount *account = g_new0 (RallyAccount, 1);

  account->open_id = g_strdup ("");
  account->username = g_strdup ("");
  account->display_name = g_strdup ("");
  account->followers = account->following = account->likes = account->videos = -1;
  return account;
}

RallyAccount *
rally_account_copy (const RallyAccount *account)
{
  RallyAccount *copy;

  g_return_val_if_fail (account != NULL, NULL);

  copy = g_memdup2 (account, sizeof *account);
  copy->open_id = g_strdup (account->open_id);
  copy->username = g_strdup (account->username);
  copy->display_name = g_strdup (account->display_name);
  return copy;
}

void
rally_account_free (RallyAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->open_id);
  g_free (account->username);
  g_free (account->display_name);
  g_free (account);
}
