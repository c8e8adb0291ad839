/* rally-preferences-window.h
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

#include "rally-context.h"

G_BEGIN_DECLS

#define RALLY_TYPE_PREFERENCES_WINDOW (rally_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (RallyPreferencesWindow, rally_preferences_window, RALLY, PREFERENCES_WINDOW, AdwPreferencesWindow)

RallyPreferencesWindow *rally_preferences_window_new          (gpointer                application);
void                    rally_preferences_window_set_context  (RallyPreferencesWindow *self,
                                                               RallyContext           *context);
void                    rally_preferences_window_show_message (RallyPreferencesWindow *self,
                                                               const char             *message);
void                    rally_preferences_window_focus_account (RallyPreferencesWindow *self);

/* Tests: stand in for the browser that Sign In with TikTok opens */
typedef void (*RallyOpenUriFunc) (const char *uri,
                                  gpointer    user_data);
void                    rally_preferences_window_set_open_uri_func (RallyOpenUriFunc  func,
                                                                    gpointer          user_data);

G_END_DECLS
