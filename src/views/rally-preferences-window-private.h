/* rally-preferences-window-private.h
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

/* What the parts of the preferences window share: the window, its Advanced rows and
 * Test Connection (rally-preferences-window.c), and the organisation's account group
 * (rally-preferences-window-account.c), the organisation's name and logo for reports
 * (rally-preferences-window-report.c), and where the workspace lives
 * (rally-preferences-window-workspace.c). */

#pragma once

#include <adwaita.h>

#include "rally-context.h"
#include "rally-oauth-loopback.h"
#include "rally-preferences-window.h"
#include "rally-sync-client.h"

G_BEGIN_DECLS

struct _RallyPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template children */
  AdwPreferencesGroup  *advanced_group;
  AdwExpanderRow       *advanced_row;
  AdwActionRow         *auth_url_error;
  AdwEntryRow          *auth_url_row;
  AdwEntryRow          *client_key_row;
  AdwPasswordEntryRow  *client_secret_row;
  AdwActionRow         *display_url_error;
  AdwEntryRow          *display_url_row;
  AdwActionRow         *research_url_error;
  AdwEntryRow          *research_url_row;
  GtkButton            *logo_choose_button;
  GtkButton            *logo_clear_button;
  AdwActionRow         *logo_row;
  AdwEntryRow          *organisation_name_row;
  GtkButton            *sign_in_button;
  GtkButton            *sign_in_cancel_button;
  GtkButton            *sign_out_button;
  GtkImage             *sign_in_icon;
  AdwActionRow         *sign_in_row;
  GtkSpinner           *sign_in_spinner;
  GtkSpinButton        *sync_interval_spin;
  GtkSwitch            *research_switch;
  AdwActionRow         *connection_row;
  GtkButton            *test_connection_button;
  GtkImage             *test_icon;
  GtkSpinner           *test_spinner;
  AdwPasswordEntryRow  *user_token_row;
  AdwPreferencesGroup  *server_group;
  AdwPasswordEntryRow  *server_password_row;
  GtkButton            *server_test_button;
  GtkImage             *server_test_icon;
  AdwActionRow         *server_test_row;
  GtkSpinner           *server_test_spinner;
  AdwActionRow         *server_uri_error;
  AdwEntryRow          *server_uri_row;
  AdwActionRow         *workspace_current_row;
  GtkCheckButton       *workspace_local_check;
  AdwActionRow         *workspace_local_row;
  GtkButton            *workspace_open_button;
  GtkCheckButton       *workspace_server_check;

  /* Owned */
  RallyContext         *context;           /* the workspace, once the application gave it */
  GSettings            *settings;
  GCancellable         *cancellable;       /* keyring calls, cancelled on dispose */
  GCancellable         *test_cancellable;  /* the running Test Connection */
  RallySyncClient      *test_client;
  GCancellable         *sign_in_cancellable;  /* the running sign-in */
  RallyOAuthLoopback   *sign_in;
  RallySyncClient      *sign_in_client;
  gboolean              loading;           /* rows being filled from settings or keyring */
  gboolean              signed_in;         /* the keyring holds an access token */
  char                 *account_name;      /* "@name" from the last sign-in, or NULL */
  GtkFileChooserNative *logo_chooser;      /* open while a logo is chosen */
  GCancellable         *server_cancellable;  /* the running team server test or open */
};

/* rally-preferences-window.c */

char *_rally_preferences_window_dup_row_text        (gpointer                row);
void  _rally_preferences_window_toast               (RallyPreferencesWindow *self,
                                                     const char             *title);
char *_rally_preferences_window_dup_credential      (gpointer                row,
                                                     const char             *env_name);
char *_rally_preferences_window_dup_secret          (RallyPreferencesWindow *self,
                                                     const char             *key);
char *_rally_preferences_window_describe_test_error (const GError           *error);
void  _rally_preferences_window_show_result         (AdwActionRow           *row,
                                                     GtkImage               *icon,
                                                     GtkSpinner             *spinner,
                                                     GtkWidget              *button,
                                                     gboolean                ok,
                                                     const char             *text);
void  _rally_preferences_window_show_busy           (AdwActionRow           *row,
                                                     GtkImage               *icon,
                                                     GtkSpinner             *spinner,
                                                     GtkWidget              *button);

/* rally-preferences-window-account.c */

void  _rally_preferences_window_update_sign_in_row  (RallyPreferencesWindow *self);
void  _rally_preferences_window_connect_account     (RallyPreferencesWindow *self);

/* rally-preferences-window-workspace.c */

void  _rally_preferences_window_connect_workspace   (RallyPreferencesWindow *self);
void  _rally_preferences_window_dispose_workspace   (RallyPreferencesWindow *self);
void  _rally_preferences_window_update_workspace    (RallyPreferencesWindow *self);

/* rally-preferences-window-report.c */

void  _rally_preferences_window_connect_report      (RallyPreferencesWindow *self);
void  _rally_preferences_window_dispose_report      (RallyPreferencesWindow *self);

G_END_DECLS
