/* test-sync-ui.c
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

/* Sync in the app against the loopback emulator: win.sync with progress and a toast,
 * a failing server shown in the sync bar with the stored figures untouched, Cancel,
 * Sync Now with nothing set up offering to connect (no failure banner), the offline
 * state, and the Preferences checks (server addresses as you type, Test Connection).
 * The keyring is gnome-keyring-daemon on the test's private D-Bus bus: Sign In files
 * the tokens there and Sign Out removes them. */

#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "rally-application.h"
#include "rally-credentials.h"
#include "rally-emulator.h"
#include "rally-preferences-window.h"
#include "rally-store-sync.h"
#include "rally-sync-bar.h"
#include "rally-sync-controller.h"
#include "rally-test-util.h"
#include "rally-test-ui.h"
#include "rally-window.h"

#define TAG     "rednoseday"
#define KEY     "ui-test-key"
#define SECRET  "ui-test-secret"
#define N_VIDEOS 240
#define DAY     86400

static RallyApplication *the_app;
static RallyEmulator *emu;
static GSettings *settings;
static GSubprocess *keyring_daemon;  /* NULL when gnome-keyring-daemon could not run */

/* ------------------------------------------------------------------ */
/* A network monitor that says what the test wants                     */

#define FAKE_TYPE_MONITOR (fake_monitor_get_type ())
G_DECLARE_FINAL_TYPE (FakeMonitor, fake_monitor, FAKE, MONITOR, GObject)

struct _FakeMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum { PROP_0, PROP_AVAILABLE, PROP_METERED, PROP_CONNECTIVITY };

static void fake_monitor_iface_init (GNetworkMonitorInterface *iface) { }

static gboolean
fake_monitor_initable_init (GInitable     *initable,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return TRUE;
}

static void
fake_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = fake_monitor_initable_init;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (FakeMonitor, fake_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, fake_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, fake_monitor_iface_init))

static void
fake_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FakeMonitor *self = FAKE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE: g_value_set_boolean (value, self->available); break;
    case PROP_METERED: g_value_set_boolean (value, FALSE); break;
    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fake_monitor_class_init (FakeMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fake_monitor_get_property;
  g_object_class_override_property (object_class, PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
fake_monitor_init (FakeMonitor *self)
{
}

static void
fake_monitor_set_available (FakeMonitor *self,
                            gboolean     available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done says so, for 30 s at most. */
static void
wait_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (30, timed_out_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static gboolean
sync_stopped (gpointer data)
{
  return !rally_sync_controller_get_running (data);
}

static gboolean
widget_sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (data);
}

static RallyApplication *
start_app (void)
{
  g_autoptr(GError) error = NULL;

  if (the_app == NULL)
    {
      the_app = rally_application_new ();
      g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (the_app), NULL, &error);
      g_assert_no_error (error);
    }
  g_application_activate (G_APPLICATION (the_app));
  rally_test_iterate ();
  return the_app;
}

static RallyWindow *
get_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (start_app ()));

  g_assert_true (RALLY_IS_WINDOW (window));
  return RALLY_WINDOW (window);
}

static RallySyncController *
get_controller (void)
{
  RallySyncController *controller = rally_application_get_sync_controller (start_app ());

  g_assert_nonnull (controller);
  /* a server that keeps failing gives up within a second, not minutes */
  rally_sync_controller_set_retry_policy (controller, 2, 10, 1000);
  return controller;
}

/* Depth-first search for a widget of @type, and with @title when it is a row. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (title == NULL ||
       (ADW_IS_PREFERENCES_ROW (root) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0) ||
       (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), title) == 0)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static RallyPreferencesWindow *
find_preferences (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (the_app)); l != NULL; l = l->next)
    if (RALLY_IS_PREFERENCES_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
close_preferences (void)
{
  RallyPreferencesWindow *prefs;

  while ((prefs = find_preferences ()) != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (prefs));
      rally_test_iterate ();
    }
}

static gint64
challenge_id (void)
{
  RallyStore *store = rally_application_get_store (start_app ());
  g_autoptr(RallyChallenge) challenge = rally_store_find_challenge (store, TAG);
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (challenge != NULL)
    return rally_challenge_get_id (challenge);
  challenge = rally_challenge_new ();
  rally_challenge_set_hashtag (challenge, TAG);
  rally_challenge_set_title (challenge, "Red Nose Day");
  rally_challenge_set_start_date (challenge, now - 20 * DAY);
  rally_challenge_set_end_date (challenge, now + 10 * DAY);
  rally_challenge_set_status (challenge, RALLY_CHALLENGE_STATUS_SCHEDULED);
  rally_challenge_set_audience (challenge, RALLY_AUDIENCE_18_PLUS);
  rally_store_save_challenge (store, challenge, &error);
  g_assert_no_error (error);
  return rally_challenge_get_id (challenge);
}

static RallyTotals
get_totals (void)
{
  RallyTotals totals = { 0 };

  g_assert_true (rally_store_get_challenge_totals (rally_application_get_store (start_app ()),
                                                   challenge_id (), &totals));
  return totals;
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void
test_sync_now (void)
{
  RallyWindow *window = get_window ();
  RallySyncController *controller = get_controller ();
  g_autofree char *expected = NULL;
  RallyTotals totals;

  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (the_app), "win.sync");

  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>r"));
  challenge_id ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  g_assert_true (rally_sync_controller_get_running (controller));
  g_assert_nonnull (rally_sync_controller_get_progress_text (controller));
  /* a second Sync Now while one runs starts nothing */
  g_assert_false (rally_sync_controller_start (controller));

  wait_until (sync_stopped, controller);
  g_assert_null (rally_sync_controller_get_last_error (controller));
  totals = get_totals ();
  g_assert_cmpint (totals.videos, ==, N_VIDEOS);
  g_assert_cmpuint (rally_sync_controller_get_n_challenges (controller), ==, 1);
  g_assert_cmpfloat (rally_sync_controller_get_fraction (controller), ==, 1.0);
  expected = g_strdup_printf ("Synced 1 challenge, %u videos", rally_sync_controller_get_n_videos (controller));
  g_assert_cmpstr (rally_window_get_last_toast (window), ==, expected);
}

/* Another process syncing the workspace (`rally sync` from cron) holds its sync lock:
 * Sync Now says so and asks the server for nothing; once it has finished, Sync Now
 * works again. */
static void
test_another_sync (void)
{
  RallySyncController *controller = get_controller ();
  RallyStore *store = rally_application_get_store (start_app ());
  g_autoptr(RallyStore) holder = NULL;
  g_autoptr(GError) error = NULL;
  guint requests;

  challenge_id ();
  holder = rally_store_open (rally_store_get_data_dir (store), &error);
  g_assert_no_error (error);
  g_assert_true (rally_store_try_lock_sync (holder, &error));
  g_assert_no_error (error);

  requests = rally_emulator_get_request_count (emu, "/v2/research/video/query/");
  g_assert_true (rally_sync_controller_start (controller));
  wait_until (sync_stopped, controller);
  g_assert_nonnull (rally_sync_controller_get_last_error (controller));
  g_assert_nonnull (strstr (rally_sync_controller_get_last_error (controller), "Another sync of this workspace"));
  g_assert_cmpuint (rally_emulator_get_request_count (emu, "/v2/research/video/query/"), ==, requests);

  rally_store_unlock_sync (holder);
  g_assert_true (rally_sync_controller_start (controller));
  wait_until (sync_stopped, controller);
  g_assert_null (rally_sync_controller_get_last_error (controller));
  g_assert_cmpuint (rally_emulator_get_request_count (emu, "/v2/research/video/query/"), >, requests);
  /* the window's sync let go of the lock when it ended */
  g_assert_true (rally_store_try_lock_sync (holder, &error));
  g_assert_no_error (error);
  rally_store_unlock_sync (holder);
}

typedef struct
{
  gboolean paged;
  gboolean planned;
} ProgressSeen;

/* Every progress text as it is set: pages written in one go may come and go within
 * one main loop iteration. */
static void
progress_text_cb (RallySyncController *controller,
                  GParamSpec          *pspec,
                  ProgressSeen        *seen)
{
  const char *text = rally_sync_controller_get_progress_text (controller);

  if (text != NULL && g_str_has_prefix (text, "Syncing #" TAG " — page "))
    seen->paged = TRUE;
  /* before the first page: what it will cost */
  if (text != NULL && g_str_has_prefix (text, "Syncing #" TAG " — ") && strstr (text, "of today’s quota (") != NULL)
    seen->planned = TRUE;
}

static void
test_progress_text (void)
{
  RallyWindow *window = get_window ();
  RallySyncController *controller = get_controller ();
  ProgressSeen seen = { FALSE, FALSE };
  gulong id = g_signal_connect (controller, "notify::progress-text", G_CALLBACK (progress_text_cb), &seen);
  gboolean paged, planned;

  challenge_id ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  while (rally_sync_controller_get_running (controller))
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (controller, id);
  paged = seen.paged;
  planned = seen.planned;
  g_assert_true (paged);
  g_assert_true (planned);
}

/* A sync the window did not ask for (the periodic one) updates the figures quietly. */
static void
test_background_quiet (void)
{
  RallyWindow *window = get_window ();
  RallySyncController *controller = get_controller ();

  challenge_id ();
  rally_window_add_toast (window, adw_toast_new ("marker"));
  g_assert_true (rally_sync_controller_start (controller));
  wait_until (sync_stopped, controller);
  g_assert_null (rally_sync_controller_get_last_error (controller));
  g_assert_cmpstr (rally_window_get_last_toast (window), ==, "marker");
}

static void
test_server_error (void)
{
  RallyWindow *window = get_window ();
  RallySyncController *controller = get_controller ();
  RallySyncBar *bar = RALLY_SYNC_BAR (find_widget (GTK_WIDGET (window), RALLY_TYPE_SYNC_BAR, NULL));
  RallyTotals before, after;
  const char *message;

  challenge_id ();
  before = get_totals ();
  g_assert_cmpint (before.videos, >, 0);
  rally_emulator_add_fault (emu, RALLY_EMULATOR_FAULT_SERVER_ERROR, 1, 1000000);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  wait_until (sync_stopped, controller);
  rally_emulator_clear_faults (emu);

  g_assert_nonnull (rally_sync_controller_get_last_error (controller));
  message = rally_sync_bar_get_message (bar);
  g_test_message ("bar: %s", message);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "Sync failed: "));
  g_assert_nonnull (strstr (message, rally_sync_controller_get_last_error (controller)));
  after = get_totals ();
  g_assert_cmpint (after.videos, ==, before.videos);
  g_assert_cmpint (after.views, ==, before.views);
  /* Sync Now is back, for a Retry */
  g_assert_true (gtk_widget_get_sensitive (find_action_button (GTK_WIDGET (window), "win.sync")));
}

static void
test_cancel (void)
{
  RallyWindow *window = get_window ();
  RallySyncController *controller = get_controller ();

  challenge_id ();
  rally_emulator_set_delay (emu, 400);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  g_assert_true (rally_sync_controller_get_running (controller));
  /* Sync Now is off and Cancel shows while it runs */
  g_assert_false (gtk_widget_get_sensitive (find_action_button (GTK_WIDGET (window), "win.sync")));
  g_assert_true (gtk_widget_get_visible (find_action_button (GTK_WIDGET (window), "win.cancel-sync")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-sync", NULL));
  wait_until (sync_stopped, controller);
  rally_emulator_set_delay (emu, 0);
  g_assert_cmpstr (rally_window_get_last_toast (window), ==, "Sync cancelled");
  rally_test_iterate ();
  g_assert_true (gtk_widget_get_sensitive (find_action_button (GTK_WIDGET (window), "win.sync")));
  g_assert_false (gtk_widget_get_visible (find_action_button (GTK_WIDGET (window), "win.cancel-sync")));
}

/* The dialog that offers to connect, if one is shown over @window. */
static AdwMessageDialog *
find_connect_dialog (RallyWindow *window)
{
  GtkWindow *dialog = rally_test_find_window (ADW_TYPE_MESSAGE_DIALOG);

  if (dialog == NULL || gtk_window_get_transient_for (dialog) != GTK_WINDOW (window))
    return NULL;
  return ADW_MESSAGE_DIALOG (dialog);
}

/* Sync Now before any key, secret or sign-in: no red "Sync failed" banner, but a
 * dialog offering to connect, whose Connect Account opens Preferences. */
static void
test_missing_credentials (void)
{
  RallyWindow *window = get_window ();
  RallySyncController *controller = get_controller ();
  RallySyncBar *bar = RALLY_SYNC_BAR (find_widget (GTK_WIDGET (window), RALLY_TYPE_SYNC_BAR, NULL));
  AdwMessageDialog *dialog;

  close_preferences ();
  g_unsetenv ("RALLY_CLIENT_KEY");
  g_unsetenv ("RALLY_CLIENT_SECRET");
  g_settings_set_string (settings, "client-key", "");
  g_assert_null (find_connect_dialog (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  wait_until (sync_stopped, controller);
  rally_test_iterate ();
  g_assert_null (rally_sync_controller_get_last_error (controller));
  g_assert_null (rally_sync_bar_get_message (bar));
  g_assert_null (find_preferences ());
  dialog = find_connect_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Connect Rally to TikTok");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "connect");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "connect"), ==, ADW_RESPONSE_SUGGESTED);
  g_assert_true (adw_message_dialog_has_response (dialog, "import"));

  /* its buttons as a person clicks them */
  g_signal_emit_by_name (find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Connect Account…"), "clicked");
  rally_test_iterate ();
  g_assert_nonnull (find_preferences ());
  g_assert_null (find_connect_dialog (window));

  g_setenv ("RALLY_CLIENT_KEY", KEY, TRUE);
  g_setenv ("RALLY_CLIENT_SECRET", SECRET, TRUE);
  close_preferences ();
}

static void
test_offline (void)
{
  g_autoptr(FakeMonitor) monitor = g_object_new (FAKE_TYPE_MONITOR, NULL);
  g_autoptr(RallySyncController) controller = NULL;
  g_autofree char *url = g_settings_get_string (settings, "research-api-url");
  RallySyncBar *bar = g_object_ref_sink (g_object_new (RALLY_TYPE_SYNC_BAR, NULL));

  monitor->available = FALSE;
  controller = rally_sync_controller_new (rally_application_get_store (start_app ()), settings,
                                          G_NETWORK_MONITOR (monitor));
  /* a server on this computer needs no network */
  g_assert_false (rally_sync_controller_get_offline (controller));

  g_settings_set_string (settings, "research-api-url", "https://open.tiktokapis.com");
  g_assert_true (rally_sync_controller_get_offline (controller));
  rally_sync_bar_set_controller (bar, controller);
  g_assert_cmpstr (rally_sync_bar_get_message (bar), ==, "Offline — showing stored figures");
  g_assert_false (rally_sync_controller_start (controller));
  g_assert_false (rally_sync_controller_get_running (controller));
  g_assert_null (rally_sync_controller_get_last_error (controller));

  fake_monitor_set_available (monitor, TRUE);
  g_assert_false (rally_sync_controller_get_offline (controller));
  g_assert_null (rally_sync_bar_get_message (bar));

  rally_sync_bar_set_controller (bar, NULL);
  g_object_unref (bar);
  g_settings_set_string (settings, "research-api-url", url);
}

static RallyPreferencesWindow *
open_preferences (void)
{
  RallyPreferencesWindow *prefs;

  close_preferences ();
  rally_application_show_preferences (start_app (), NULL);
  rally_test_iterate ();
  prefs = find_preferences ();
  g_assert_nonnull (prefs);
  return prefs;
}

static void
test_bad_url (void)
{
  RallyPreferencesWindow *prefs = open_preferences ();
  GtkWidget *rows[2], *errors[2];
  const char *keys[2] = { "research-api-url", "display-api-url" };
  g_autofree char *saved = g_settings_get_string (settings, "research-api-url");

  rows[0] = find_widget (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, "Research API Server");
  g_assert_nonnull (rows[0]);
  errors[0] = gtk_widget_get_next_sibling (rows[0]);
  g_assert_false (gtk_widget_get_visible (errors[0]));

  gtk_editable_set_text (GTK_EDITABLE (rows[0]), "http://example.org");
  g_assert_true (gtk_widget_get_visible (errors[0]));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (errors[0])), "https://"));
  g_assert_true (gtk_widget_has_css_class (rows[0], "error"));
  {
    g_autofree char *still = g_settings_get_string (settings, keys[0]);
    g_assert_cmpstr (still, ==, saved);
  }

  gtk_editable_set_text (GTK_EDITABLE (rows[0]), "not an address");
  g_assert_true (gtk_widget_get_visible (errors[0]));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (errors[0])), "not a valid"));

  gtk_editable_set_text (GTK_EDITABLE (rows[0]), "https://proxy.example.org");
  g_assert_false (gtk_widget_get_visible (errors[0]));
  g_assert_false (gtk_widget_has_css_class (rows[0], "error"));
  {
    g_autofree char *now = g_settings_get_string (settings, keys[0]);
    g_assert_cmpstr (now, ==, "https://proxy.example.org");
  }
  gtk_editable_set_text (GTK_EDITABLE (rows[0]), saved);
  close_preferences ();
}

static const char *
test_connection (RallyPreferencesWindow *prefs,
                 const char             *secret)
{
  GtkWidget *secret_row = find_widget (GTK_WIDGET (prefs), ADW_TYPE_PASSWORD_ENTRY_ROW, "Client Secret");
  GtkWidget *test_row = find_widget (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, "Test Connection");
  GtkWidget *button = find_widget (test_row, GTK_TYPE_BUTTON, "_Test");

  g_assert_nonnull (secret_row);
  g_assert_nonnull (button);
  gtk_editable_set_text (GTK_EDITABLE (secret_row), secret);
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (gtk_widget_get_sensitive (button));
  wait_until (widget_sensitive, button);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (test_row));
}

/* A Display API user token from the emulator, as TikTok's OAuth flow would give one. */
static char *
fetch_user_token (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (rally_emulator_get_url (emu), "/v2/oauth/token/", NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  msg = soup_message_new_from_encoded_form ("POST", url,
                                            soup_form_encode ("client_key", KEY, "client_secret", SECRET,
                                                              "grant_type", "authorization_code",
                                                              "code", "rally-test-code", NULL));
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error));
  return g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                  "access_token"));
}

static void
test_test_connection (void)
{
  RallyPreferencesWindow *prefs = open_preferences ();
  const char *result;

  g_settings_set_string (settings, "client-key", KEY);
  result = test_connection (prefs, SECRET);
  g_test_message ("right secret: %s", result);
  g_assert_true (g_str_has_prefix (result, "Connected"));

  result = test_connection (prefs, "not-the-secret");
  g_test_message ("wrong secret: %s", result);
  g_assert_true (g_str_has_prefix (result, "Wrong key or secret"));

  /* with a user access token, the Display API is asked who it belongs to */
  {
    GtkWidget *token_row = find_widget (GTK_WIDGET (prefs), ADW_TYPE_PASSWORD_ENTRY_ROW, "User Access Token");
    g_autofree char *token = fetch_user_token ();

    gtk_editable_set_text (GTK_EDITABLE (token_row), token);
    result = test_connection (prefs, SECRET);
    g_test_message ("user token: %s", result);
    g_assert_true (g_str_has_prefix (result, "Connected: the key and secret work, signed in as "));
    gtk_editable_set_text (GTK_EDITABLE (token_row), "act.not-a-token");
    result = test_connection (prefs, SECRET);
    g_test_message ("bad user token: %s", result);
    g_assert_nonnull (strstr (result, "refused the user access token"));
    gtk_editable_set_text (GTK_EDITABLE (token_row), "");
  }

  /* nothing listens on port 1 */
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, "Research API Server")),
                         "http://127.0.0.1:1");
  result = test_connection (prefs, SECRET);
  g_test_message ("unreachable: %s", result);
  g_assert_true (g_str_has_prefix (result, "Unreachable: "));
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, "Research API Server")),
                         rally_emulator_get_url (emu));
  close_preferences ();
}

/* ------------------------------------------------------------------ */
/* The keyring: gnome-keyring-daemon on the test's private bus          */

static gboolean
secrets_on_bus (void)
{
  g_autoptr(GDBusConnection) connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  for (guint i = 0; connection != NULL && i < 100; i++)
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean has_owner = FALSE;

      reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner",
                                           g_variant_new ("(s)", "org.freedesktop.secrets"),
                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &has_owner);
      if (has_owner)
        return TRUE;
      g_usleep (100 * 1000);
    }
  return FALSE;
}

static void
start_keyring (GTestDBus *bus)
{
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *runtime = g_build_filename (g_get_user_data_dir (), "keyring-runtime", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;

  if (daemon == NULL)
    return;
  g_mkdir_with_parents (runtime, 0700);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", g_test_dbus_get_bus_address (bus), TRUE);
  g_subprocess_launcher_setenv (launcher, "RALLY_KEYRING_DAEMON", daemon, TRUE);
  /* --unlock reads the new login keyring's password on stdin */
  keyring_daemon = g_subprocess_launcher_spawn (launcher, NULL, "sh", "-c",
                                                "echo rally-test | exec \"$RALLY_KEYRING_DAEMON\" --foreground"
                                                " --unlock --components=secrets", NULL);
  if (keyring_daemon != NULL && !secrets_on_bus ())
    {
      g_subprocess_force_exit (keyring_daemon);
      g_clear_object (&keyring_daemon);
    }
}

static gboolean
secret_stored (gpointer data)
{
  g_autofree char *secret = rally_credentials_lookup_secret_sync (KEY, NULL, NULL);

  return g_strcmp0 (secret, data) == 0;
}

static gboolean
row_filled (gpointer data)
{
  return *gtk_editable_get_text (GTK_EDITABLE (data)) != '\0';
}

/* The token as rally-keyring.c files it: kind=display-user-token, no client key. */
static gboolean
token_stored (gpointer data)
{
  char *token = secret_password_lookup_sync (rally_credentials_get_schema (), NULL, NULL,
                                             "kind", "display-user-token", "client-key", "", NULL);
  gboolean same = g_strcmp0 (token, data) == 0;

  secret_password_free (token);
  return same;
}

/* The secret and the user token typed in Preferences go to the keyring, come back when
 * Preferences open again, and a sync without RALLY_CLIENT_* uses the stored secret. */
static void
test_keyring (void)
{
  RallyPreferencesWindow *prefs;
  RallySyncController *controller;
  GtkWidget *secret_row, *token_row;

  if (keyring_daemon == NULL)
    {
      g_test_skip ("gnome-keyring-daemon could not run on the test bus");
      return;
    }
  g_unsetenv ("RALLY_CLIENT_KEY");
  g_unsetenv ("RALLY_CLIENT_SECRET");
  g_settings_set_string (settings, "client-key", KEY);

  prefs = open_preferences ();
  secret_row = find_widget (GTK_WIDGET (prefs), ADW_TYPE_PASSWORD_ENTRY_ROW, "Client Secret");
  token_row = find_widget (GTK_WIDGET (prefs), ADW_TYPE_PASSWORD_ENTRY_ROW, "User Access Token");
  gtk_editable_set_text (GTK_EDITABLE (secret_row), SECRET);
  g_signal_emit_by_name (secret_row, "apply");
  wait_until (secret_stored, (gpointer) SECRET);
  gtk_editable_set_text (GTK_EDITABLE (token_row), "act.ui-test");
  g_signal_emit_by_name (token_row, "apply");
  wait_until (token_stored, (gpointer) "act.ui-test");

  /* opened again, Preferences show what the keyring holds */
  prefs = open_preferences ();
  secret_row = find_widget (GTK_WIDGET (prefs), ADW_TYPE_PASSWORD_ENTRY_ROW, "Client Secret");
  wait_until (row_filled, secret_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (secret_row)), ==, SECRET);
  close_preferences ();

  /* the sync uses both: the challenges come through with the stored secret, and the
   * made-up user token is refused by the Display API, which the error says */
  controller = get_controller ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_window ()), "win.sync", NULL));
  wait_until (sync_stopped, controller);
  g_assert_nonnull (rally_sync_controller_get_last_error (controller));
  g_assert_nonnull (strstr (rally_sync_controller_get_last_error (controller), "not your TikTok account"));
  g_assert_cmpint (rally_sync_controller_get_n_challenges (controller), >, 0);

  g_setenv ("RALLY_CLIENT_KEY", KEY, TRUE);
  g_setenv ("RALLY_CLIENT_SECRET", SECRET, TRUE);
}

/* ------------------------------------------------------------------ */
/* Sign In with TikTok, the test as the browser                        */

static SoupSession *browser;
static gboolean browser_ignores;  /* the person never signs in */

static void
browsed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);
}

/* Follows the authorize page's redirect into the app's loopback server. */
static void
open_uri_cb (const char *uri,
             gpointer    user_data)
{
  g_autoptr(SoupMessage) msg = NULL;

  *(guint *) user_data += 1;
  if (browser_ignores)
    return;
  msg = soup_message_new ("GET", uri);
  g_assert_nonnull (msg);
  soup_session_send_and_read_async (browser, msg, G_PRIORITY_DEFAULT, NULL, browsed_cb, NULL);
}

/* Sign In is back, or Sign Out shows once signed in. */
static gboolean
sign_in_ended (gpointer data)
{
  return gtk_widget_get_visible (find_widget (data, GTK_TYPE_BUTTON, "_Sign In with TikTok…")) ||
         gtk_widget_get_visible (find_widget (data, GTK_TYPE_BUTTON, "Sign _Out"));
}

static char *
lookup_keyring (const char *kind)
{
  char *token = secret_password_lookup_sync (rally_credentials_get_schema (), NULL, NULL,
                                             "kind", kind, "client-key", "", NULL);
  char *copy = g_strdup (token);

  secret_password_free (token);
  return copy;
}

/* The stored refresh token is no longer @data. */
static gboolean
keyring_changed (gpointer data)
{
  g_autofree char *refresh = lookup_keyring ("display-refresh-token");

  return refresh != NULL && g_strcmp0 (refresh, data) != 0;
}

/* Clicks Sign In and waits for the row's result; returns its subtitle. */
static const char *
sign_in (RallyPreferencesWindow *prefs)
{
  GtkWidget *row = find_widget (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, "TikTok Account");
  GtkWidget *button = find_widget (row, GTK_TYPE_BUTTON, "_Sign In with TikTok…");
  GtkWidget *cancel = find_widget (row, GTK_TYPE_BUTTON, "_Cancel");

  g_assert_nonnull (button);
  g_assert_nonnull (cancel);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (gtk_widget_get_visible (cancel));
  g_assert_false (gtk_widget_get_visible (button));
  if (browser_ignores)
    g_signal_emit_by_name (cancel, "clicked");
  /* a button comes back once the sign-in is over */
  wait_until (sign_in_ended, row);
  g_assert_false (gtk_widget_get_visible (cancel));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static void
test_sign_in (void)
{
  g_autofree char *auth_url = g_strconcat (rally_emulator_get_url (emu), "/v2/auth/authorize/", NULL);
  RallyPreferencesWindow *prefs;
  GtkWidget *row, *button, *token_row;
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *new_access = NULL;
  RallySyncController *controller;
  const char *result;
  guint opened = 0;

  if (keyring_daemon == NULL)
    {
      g_test_skip ("gnome-keyring-daemon could not run on the test bus");
      return;
    }
  browser = soup_session_new ();
  soup_session_set_proxy_resolver (browser, NULL);
  rally_preferences_window_set_open_uri_func (open_uri_cb, &opened);
  g_settings_set_string (settings, "auth-url", auth_url);

  /* without a client key the button says why it is off (the made-up token the last
   * test pasted is taken out first, or the row would say it is signed in) */
  g_unsetenv ("RALLY_CLIENT_KEY");
  g_settings_set_string (settings, "client-key", "");
  secret_password_clear_sync (rally_credentials_get_schema (), NULL, NULL,
                              "kind", "display-user-token", "client-key", "", NULL);
  prefs = open_preferences ();
  row = find_widget (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, "TikTok Account");
  button = find_widget (row, GTK_TYPE_BUTTON, "_Sign In with TikTok…");
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Enter the client key first");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "client key"));
  g_settings_set_string (settings, "client-key", KEY);
  g_assert_true (gtk_widget_get_sensitive (button));

  /* the person declines in the browser */
  rally_emulator_set_user_denies (emu, TRUE);
  result = sign_in (prefs);
  g_test_message ("declined: %s", result);
  g_assert_true (g_str_has_prefix (result, "You declined"));
  rally_emulator_set_user_denies (emu, FALSE);

  /* the person never comes back: Cancel */
  browser_ignores = TRUE;
  result = sign_in (prefs);
  g_assert_cmpstr (result, ==, "Sign-in cancelled");
  browser_ignores = FALSE;
  g_assert_cmpuint (opened, ==, 2);

  /* signed in: the token is in the row and the keyring, with its refresh token */
  result = sign_in (prefs);
  g_test_message ("signed in: %s", result);
  g_assert_true (g_str_has_prefix (result, "Signed in as "));
  g_assert_cmpuint (opened, ==, 3);
  token_row = find_widget (GTK_WIDGET (prefs), ADW_TYPE_PASSWORD_ENTRY_ROW, "User Access Token");
  g_assert_true (g_str_has_prefix (gtk_editable_get_text (GTK_EDITABLE (token_row)), "act."));
  wait_until (token_stored, (gpointer) gtk_editable_get_text (GTK_EDITABLE (token_row)));
  access = lookup_keyring ("display-user-token");
  refresh = lookup_keyring ("display-refresh-token");
  g_assert_true (g_str_has_prefix (access, "act."));
  g_assert_true (g_str_has_prefix (refresh, "rft."));
  close_preferences ();

  /* a sync with that sign-in: the user token is revoked on the first page of the
   * video list, the refresh token gets a new pair, and the keyring keeps the new pair
   * (refresh tokens rotate: the old one no longer works) */
  rally_emulator_set_faults_on_display (emu, TRUE);
  rally_emulator_add_fault (emu, RALLY_EMULATOR_FAULT_TOKEN_EXPIRED,
                            rally_emulator_get_request_count (emu, "/v2/video/list/") + 1, 1);
  controller = get_controller ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_window ()), "win.sync", NULL));
  wait_until (sync_stopped, controller);
  rally_emulator_clear_faults (emu);
  rally_emulator_set_faults_on_display (emu, FALSE);
  g_assert_null (rally_sync_controller_get_last_error (controller));
  wait_until (keyring_changed, refresh);
  new_access = lookup_keyring ("display-user-token");
  g_assert_true (g_str_has_prefix (new_access, "act."));
  g_assert_cmpstr (new_access, !=, access);

  rally_preferences_window_set_open_uri_func (NULL, NULL);
  g_clear_object (&browser);
  g_setenv ("RALLY_CLIENT_KEY", KEY, TRUE);
}

static gboolean
signed_out (gpointer data)
{
  g_autofree char *access = lookup_keyring ("display-user-token");
  g_autofree char *refresh = lookup_keyring ("display-refresh-token");

  return access == NULL && refresh == NULL;
}

static gboolean
subtitle_has_prefix (gpointer data)
{
  AdwActionRow *row = ADW_ACTION_ROW (find_widget (GTK_WIDGET (find_preferences ()), ADW_TYPE_ACTION_ROW,
                                                   "TikTok Account"));

  return g_str_has_prefix (adw_action_row_get_subtitle (row), data);
}

/* Signed in by the last test (whose sync stored the account): Preferences say as whom,
 * from the stored account, and Sign Out removes both tokens from the keyring. */
static void
test_sign_out (void)
{
  RallyPreferencesWindow *prefs;
  GtkWidget *row, *sign_in_button, *sign_out_button, *token_row;
  g_autofree char *access = lookup_keyring ("display-user-token");

  if (keyring_daemon == NULL)
    {
      g_test_skip ("gnome-keyring-daemon could not run on the test bus");
      return;
    }
  g_assert_nonnull (access);
  prefs = open_preferences ();
  row = find_widget (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, "TikTok Account");
  sign_in_button = find_widget (row, GTK_TYPE_BUTTON, "_Sign In with TikTok…");
  sign_out_button = find_widget (row, GTK_TYPE_BUTTON, "Sign _Out");
  g_assert_nonnull (sign_out_button);
  wait_until (subtitle_has_prefix, (gpointer) "Signed in as @");
  g_test_message ("signed in: %s", adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  g_assert_true (gtk_widget_get_visible (sign_out_button));
  g_assert_false (gtk_widget_get_visible (sign_in_button));

  g_signal_emit_by_name (sign_out_button, "clicked");
  wait_until (signed_out, NULL);
  wait_until (subtitle_has_prefix, (gpointer) "Not signed in");
  g_assert_true (gtk_widget_get_visible (sign_in_button));
  g_assert_false (gtk_widget_get_visible (sign_out_button));
  token_row = find_widget (GTK_WIDGET (prefs), ADW_TYPE_PASSWORD_ENTRY_ROW, "User Access Token");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (token_row)), ==, "");

  /* opened again: still signed out */
  prefs = open_preferences ();
  rally_test_iterate ();
  row = find_widget (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, "TikTok Account");
  g_assert_true (gtk_widget_get_visible (find_widget (row, GTK_TYPE_BUTTON, "_Sign In with TikTok…")));
  close_preferences ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = rally_test_isolate_user_dirs ();
  GTestDBus *bus;
  g_autofree char *display = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* a private bus: no keyring daemon gets started by the preferences' lookups */
  display = g_strdup (g_getenv ("DISPLAY"));
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  /* GTestDBus hides the X display; the widgets need it */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  start_keyring (bus);

  if (!rally_test_init_gtk ())
    {
      if (keyring_daemon != NULL)
        g_subprocess_force_exit (keyring_daemon);
      g_test_dbus_stop (bus);
      g_test_skip ("No display");
      return 77;
    }
  adw_init ();

  emu = rally_emulator_new ();
  rally_emulator_set_credentials (emu, KEY, SECRET);
  rally_emulator_add_hashtag (emu, TAG, N_VIDEOS, now - 15 * DAY, now - 3 * DAY);
  g_assert_true (rally_emulator_start (emu, &error));
  g_assert_no_error (error);

  settings = g_settings_new (BASE_APPLICATION_ID);
  g_settings_set_string (settings, "research-api-url", rally_emulator_get_url (emu));
  g_settings_set_string (settings, "display-api-url", rally_emulator_get_url (emu));
  g_setenv ("RALLY_CLIENT_KEY", KEY, TRUE);
  g_setenv ("RALLY_CLIENT_SECRET", SECRET, TRUE);
  /* these tests sync challenges through the Research API: an approved organisation
   * turns it on (it is off by default) */
  g_settings_set_boolean (settings, "research-api", TRUE);

  g_test_add_func ("/sync-ui/sync-now", test_sync_now);
  g_test_add_func ("/sync-ui/another-sync", test_another_sync);
  g_test_add_func ("/sync-ui/progress-text", test_progress_text);
  g_test_add_func ("/sync-ui/background-quiet", test_background_quiet);
  g_test_add_func ("/sync-ui/server-error", test_server_error);
  g_test_add_func ("/sync-ui/cancel", test_cancel);
  g_test_add_func ("/sync-ui/missing-credentials", test_missing_credentials);
  g_test_add_func ("/sync-ui/offline", test_offline);
  g_test_add_func ("/sync-ui/bad-url", test_bad_url);
  g_test_add_func ("/sync-ui/test-connection", test_test_connection);
  g_test_add_func ("/sync-ui/keyring", test_keyring);
  g_test_add_func ("/sync-ui/sign-in", test_sign_in);
  g_test_add_func ("/sync-ui/sign-out", test_sign_out);

  ret = g_test_run ();
  close_preferences ();
  g_clear_object (&the_app);
  g_clear_object (&settings);
  g_clear_pointer (&emu, rally_emulator_free);
  if (keyring_daemon != NULL)
    {
      g_subprocess_force_exit (keyring_daemon);
      g_subprocess_wait (keyring_daemon, NULL, NULL);
      g_clear_object (&keyring_daemon);
    }
  /* stopped, not unreffed: GTestDBus would wait for every bus connection to go away */
  g_test_dbus_stop (bus);
  rally_test_remove_tree (tmp);

  return ret;
}
