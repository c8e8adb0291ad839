/* rally-role.h
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

#include "rally-store.h"

G_BEGIN_DECLS

/* What the views ask before they enable an editing action: the person's role on the
 * workspace (rally_store_get_role()). A view without its store yet refuses nothing:
 * it has nothing to change. The window turns its own actions off in one place,
 * rally-window.c's apply_role(). */

static inline gboolean
rally_role_may_edit (RallyStore *store)
{
  return store == NULL || rally_store_role_can_edit (rally_store_get_role (store));
}

static inline gboolean
rally_role_may_delete_campaigns (RallyStore *store)
{
  return store == NULL || rally_store_role_can_delete_campaigns (rally_store_get_role (store));
}

G_END_DECLS
