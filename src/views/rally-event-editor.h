/* rally-event-editor.h
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

#include "rally-model.h"
#include "rally-store.h"

G_BEGIN_DECLS

#define RALLY_TYPE_EVENT_EDITOR (rally_event_editor_get_type ())

G_DECLARE_FINAL_TYPE (RallyEventEditor, rally_event_editor, RALLY, EVENT_EDITOR, AdwWindow)

RallyEventEditor *rally_event_editor_new         (RallyStore       *store,
                                                  RallyEvent       *event);
RallyEvent       *rally_event_editor_get_event   (RallyEventEditor *self);
const char       *rally_event_editor_get_message (RallyEventEditor *self);
const char       *rally_event_kind_to_text       (RallyEventKind    kind);
char             *rally_event_describe_when      (RallyEvent       *event);

G_END_DECLS
