/* rally-context.h
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

#include <adwaita.h>

#include "rally-figures-reader.h"
#include "rally-store.h"
#include "rally-sync-controller.h"

G_BEGIN_DECLS

#define RALLY_TYPE_CONTEXT (rally_context_get_type ())

G_DECLARE_FINAL_TYPE (RallyContext, rally_context, RALLY, CONTEXT, GObject)

/**
 * RallyToastFunc:
 * @toast: (transfer full): a floating toast to show
 *
 * Where a context's toasts go: the window sets it.
 */
typedef void (*RallyToastFunc) (AdwToast *toast,
                                gpointer  user_data);

RallyContext        *rally_context_new                 (RallyStore          *store,
                                                        RallyFiguresReader  *reader,
                                                        RallySyncController *sync_controller,
                                                        GSettings           *settings);
RallyStore          *rally_context_get_store           (RallyContext        *self);
RallyFiguresReader  *rally_context_get_reader          (RallyContext        *self);
RallySyncController *rally_context_get_sync_controller (RallyContext        *self);
GSettings           *rally_context_get_settings        (RallyContext        *self);
void                 rally_context_set_toast_func      (RallyContext        *self,
                                                        RallyToastFunc       func,
                                                        gpointer             user_data,
                                                        GDestroyNotify       destroy);
void                 rally_context_add_toast           (RallyContext        *self,
                                                        AdwToast            *toast);

G_END_DECLS
