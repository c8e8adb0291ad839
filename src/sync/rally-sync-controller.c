/* rally-sync-controller.c
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

/* RallySyncController: one per workspace; runs RallySyncEngine in the background for the
 * app and exposes its state as properties a window binds to (running, progress-text,
 * fraction, last-error, offline). It reads the client key from the environment or the
 * settings and the secret from the environment or the keyring (asynchronously), runs the
 * periodic sync set by the `sync-interval` key, and stays quiet while GNetworkMonitor
 * says there is no network: the stored figures are shown as they are. Every page the
 * engine wrote stays in the store whatever happens later, so a failure loses nothing. */

#define G_LOG_DOMAIN "RallySyncController"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rally-credentials.h"
#include "rally-format.h"
#include "rally-store-sync.h"
#include "rally-sync-controller.h"
#include "rally-sync-engine.h"
#include "rally-sync-error.h"
#include "rally-wipe.h"

#define DEFAULT_API_URL "https://open.tiktokapis.com"

struct _RallySyncController
{
  GObject          parent_instance;

  RallyStore      *store;
  GSettings       *settings;
  GNetworkMonitor *monitor;

  /* the current run */
  GCancellable    *cancellable;
  RallySyncClient *client;
  RallySyncEngine *engine;
  char            *key;
  char            *secret;         /* wiped when the run starts */
  GError          *secret_error;   /* why there is no secret, if none */
  char            *refresh_token;  /* as loaded: a new one is saved after the run */
  guint            n_planned;
  guint            n_started;

  char            *progress_text;
  char            *last_error;
  double           fraction;
  gboolean         running;
  gboolean         offline;
  guint            n_challenges;
  guint            n_videos;
  guint            timer_id;
  gboolean         locked;           /* holds the workspace's sync lock */

  guint            max_attempts;   /* 0: the client's own policy */
  guint            base_delay_ms;
  guint            max_total_ms;
};

G_DEFINE_FINAL_TYPE (RallySyncController, rally_sync_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_NETWORK_MONITOR,
  PROP_RUNNING,
  PROP_OFFLINE,
  PROP_PROGRESS_TEXT,
  PROP_FRACTION,
  PROP_LAST_ERROR,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Auxiliary                                                           */

static void
set_string (RallySyncController *self,
            char               **field,
            const char          *value,
            guint                prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_fraction (RallySyncController *self,
              double               fraction)
{
  if (self->fraction == fraction)
    return;
  self->fraction = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static void
set_running (RallySyncController *self,
             gboolean             running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static char *
get_url (RallySyncController *self,
         const char          *key)
{
  g_autofree char *url = g_settings_get_string (self->settings, key);

  return g_strdup (url != NULL && *url != '\0' ? url : DEFAULT_API_URL);
}

static gboolean
is_loopback_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  return host != NULL && (g_str_equal (host, "127.0.0.1") || g_str_equal (host, "localhost") ||
                          g_str_equal (host, "::1") || g_str_equal (host, "[::1]"));
}

static void
update_offline (RallySyncController *self)
{
  g_autofree char *url = get_url (self, "research-api-url");
  gboolean offline;

  /* a server on this computer needs no network */
  offline = !g_network_monitor_get_network_available (self->monitor) && !is_loopback_url (url);
  if (offline == self->offline)
    return;
  self->offline = offline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

/* How many challenges the engine will go through: used only for the progress fraction. */
static guint
count_planned (RallySyncController *self)
{
  g_autoptr(GListModel) list = rally_store_list_challenges (self->store, 0);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (list, i);

      if (rally_challenge_get_status (challenge) != RALLY_CHALLENGE_STATUS_DRAFT &&
          rally_challenge_get_start_date (challenge) > 0 &&
          rally_challenge_get_start_date (challenge) <= now)
        n++;
    }
  return n;
}

static void
tokens_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not keep the new TikTok sign-in in the keyring: %s", error->message);
}

static void
token_pair_free (gpointer data)
{
  char **tokens = data;

  rally_wipe_free (tokens[0]);
  rally_wipe_free (tokens[1]);
  g_free (tokens);
}

static void
save_tokens_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  char **tokens = task_data;
  GError *error = NULL;

  if (rally_credentials_save_user_tokens (tokens[0], tokens[1], NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Refresh tokens rotate: when the client refreshed the access token during the run,
 * the keyring must get the new pair, or the next sync cannot sign in. */
static void
save_rotated_tokens (RallySyncController *self)
{
  g_autoptr(GTask) task = NULL;
  char **tokens = g_new0 (char *, 2);

  if (!rally_sync_client_dup_rotated_tokens (self->client, self->refresh_token, &tokens[0], &tokens[1]))
    {
      g_free (tokens);
      return;
    }
  task = g_task_new (NULL, NULL, tokens_saved_cb, NULL);
  g_task_set_task_data (task, tokens, token_pair_free);
  g_task_run_in_thread (task, save_tokens_thread);
}

static void
end_run (RallySyncController *self,
         GError              *error)
{
  g_autoptr(GError) owned = error;

  if (self->client != NULL)
    save_rotated_tokens (self);
  g_clear_pointer (&self->secret, rally_wipe_free);
  g_clear_pointer (&self->refresh_token, rally_wipe_free);
  g_clear_error (&self->secret_error);
  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      self->n_challenges = rally_sync_engine_get_n_challenges (self->engine);
      self->n_videos = rally_sync_engine_get_n_videos (self->engine);
    }
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->key, g_free);
  if (self->locked)
    rally_store_unlock_sync (self->store);
  self->locked = FALSE;

  /* not connected yet is no failure: the window offers to connect instead */
  if (error == NULL || g_error_matches (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NOT_CONNECTED))
    set_string (self, &self->last_error, NULL, PROP_LAST_ERROR);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_string (self, &self->last_error, error->message, PROP_LAST_ERROR);
  set_string (self, &self->progress_text, NULL, PROP_PROGRESS_TEXT);
  set_fraction (self, error == NULL ? 1.0 : 0.0);
  set_running (self, FALSE);

  g_signal_emit (self, signals[FINISHED], 0, error);
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                           */

static void
account_progress_cb (RallySyncEngine     *engine,
                     guint                page,
                     guint                videos,
                     RallySyncController *self)
{
  g_autofree char *n = rally_format_integer (videos);
  g_autofree char *text = NULL;

  if (page == 0)
    text = g_strdup (_("Syncing your TikTok account…"));
  else
    /* Translators: "Syncing your TikTok account — page 3, 60 videos" */
    text = g_strdup_printf (ngettext ("Syncing your TikTok account — page %u, %s video",
                                      "Syncing your TikTok account — page %u, %s videos", videos),
                            page, n);
  set_string (self, &self->progress_text, text, PROP_PROGRESS_TEXT);
}

/* "Syncing #tag — about 54 requests, 5 % of today's quota": what it will cost, before
 * it starts. */
static char *
plan_text (RallySyncEngine *engine,
           const char      *tag)
{
  guint planned, used, limit;
  gboolean minimum;
  guint percent;

  rally_sync_engine_get_plan (engine, &planned, &minimum, &used, &limit);
  if (planned == 0 || limit == 0)
    /* Translators: %s is a hashtag without its '#' */
    return g_strdup_printf (_("Syncing #%s…"), tag);
  percent = (guint) ((planned * 100.0) / limit + 0.5);
  if (minimum)
    /* Translators: "Syncing #rednoseday — at least 3 requests, 0 % of today’s quota (120 used)" */
    return g_strdup_printf (ngettext ("Syncing #%s — at least %u request, %u %% of today’s quota (%u used)",
                                      "Syncing #%s — at least %u requests, %u %% of today’s quota (%u used)",
                                      planned),
                            tag, planned, percent, used);
  /* Translators: "Syncing #rednoseday — about 230 requests, 23 % of today’s quota (120 used)" */
  return g_strdup_printf (ngettext ("Syncing #%s — about %u request, %u %% of today’s quota (%u used)",
                                    "Syncing #%s — about %u requests, %u %% of today’s quota (%u used)",
                                    planned),
                          tag, planned, percent, used);
}

static void
progress_cb (RallySyncEngine     *engine,
             RallyChallenge      *challenge,
             guint                page,
             guint                videos,
             RallySyncController *self)
{
  const char *tag = rally_challenge_get_hashtag (challenge);
  g_autofree char *text = NULL;
  g_autofree char *n = NULL;

  if (page == 0)
    {
      self->n_started++;
      text = plan_text (engine, tag);
    }
  else
    {
      n = rally_format_integer (videos);
      /* Translators: "Syncing #rednoseday — page 3, 240 videos" */
      text = g_strdup_printf (ngettext ("Syncing #%s — page %u, %s video",
                                        "Syncing #%s — page %u, %s videos", videos),
                              tag, page, n);
    }
  set_string (self, &self->progress_text, text, PROP_PROGRESS_TEXT);
  if (self->n_planned > 0)
    set_fraction (self, MIN (1.0, (self->n_started - 1 + (page > 0 ? 0.5 : 0.0)) / self->n_planned));
}

static void
retrying_cb (RallySyncClient     *client,
             const char          *message,
             guint                delay_ms,
             RallySyncController *self)
{
  g_autofree char *text = NULL;

  /* Translators: %s is why a request failed, e.g. "The TikTok server had an error" */
  text = g_strdup_printf (ngettext ("%s; trying again in %u second", "%s; trying again in %u seconds",
                                    (delay_ms + 999) / 1000),
                          message, (delay_ms + 999) / 1000);
  set_string (self, &self->progress_text, text, PROP_PROGRESS_TEXT);
}

static void
engine_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RallySyncController) self = user_data;
  GError *error = NULL;

  rally_sync_engine_run_finish (RALLY_SYNC_ENGINE (object), result, &error);
  end_run (self, error);
}

static void
run_engine (RallySyncController *self,
            const char          *key,
            const char          *secret,
            const char          *access_token,
            const char          *refresh_token)
{
  g_autofree char *research_url = get_url (self, "research-api-url");
  g_autofree char *display_url = get_url (self, "display-api-url");
  GError *error = NULL;

  /* `rally sync` from cron, or another window of this workspace, may be syncing it:
   * both would fetch everything and spend the quota twice */
  if (!rally_store_try_lock_sync (self->store, &error))
    {
      end_run (self, error);
      return;
    }
  self->locked = TRUE;
  self->client = rally_sync_client_new (research_url, display_url, &error);
  if (self->client == NULL)
    {
      end_run (self, error);
      return;
    }
  rally_sync_client_set_credentials (self->client, key, secret);
  if (access_token != NULL || refresh_token != NULL)
    rally_sync_client_set_user_token (self->client, access_token,
                                      /* the expiry is not kept: a rejected token is refreshed */
                                      access_token != NULL ? G_MAXINT64 / G_USEC_PER_SEC : 0, refresh_token);
  if (self->max_attempts > 0)
    rally_sync_client_set_retry_policy (self->client, self->max_attempts, self->base_delay_ms,
                                        self->base_delay_ms * 8, self->max_total_ms);
  self->engine = rally_sync_engine_new (self->store, self->client);
  rally_sync_engine_set_use_research (self->engine, g_settings_get_boolean (self->settings, "research-api"));
  self->n_planned = count_planned (self);
  self->n_started = 0;
  g_signal_connect (self->engine, "progress", G_CALLBACK (progress_cb), self);
  g_signal_connect (self->engine, "account-progress", G_CALLBACK (account_progress_cb), self);
  g_signal_connect (self->client, "retrying", G_CALLBACK (retrying_cb), self);
  rally_sync_engine_run_async (self->engine, NULL, self->cancellable, engine_done_cb, g_object_ref (self));
}

static gboolean
check_cancelled (RallySyncController *self)
{
  if (!g_cancellable_is_cancelled (self->cancellable))
    return FALSE;
  end_run (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The sync was cancelled")));
  return TRUE;
}

/* No Research API secret and no Display API sign-in: nothing is set up yet, unless the
 * keyring could not be asked (a failure worth showing). */
static GError *
no_credentials_error (RallySyncController *self)
{
  if (self->secret_error != NULL)
    return g_error_new (RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS,
                        _("Could not read the TikTok client secret from the keyring: %s"),
                        self->secret_error->message);
  return g_error_new_literal (RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NOT_CONNECTED,
                              _("Rally is not connected to TikTok yet: sign in to your organisation’s "
                                "account in Preferences"));
}

static void
tokens_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RallySyncController) self = user_data;
  g_autoptr(GError) error = NULL;
  char *access = NULL;

  if (!rally_credentials_get_user_tokens_finish (result, &access, &self->refresh_token, &error))
    g_debug ("No Display API sign-in from the keyring: %s", error->message);
  if (check_cancelled (self))
    {
      g_clear_pointer (&access, rally_wipe_free);
      return;
    }
  if (self->secret == NULL && access == NULL && self->refresh_token == NULL)
    end_run (self, no_credentials_error (self));
  else
    run_engine (self, self->key, self->secret, access, self->refresh_token);
  g_clear_pointer (&access, rally_wipe_free);
  g_clear_pointer (&self->secret, rally_wipe_free);
}

static void
secret_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RallySyncController) self = user_data;

  self->secret = rally_credentials_lookup_secret_finish (result, &self->secret_error);
  if (self->secret == NULL && self->secret_error == NULL)
    self->secret = g_strdup (rally_credentials_get_builtin_secret (self->key));
  if (check_cancelled (self))
    return;
  rally_credentials_get_user_tokens_async (self->cancellable, tokens_cb, g_object_ref (self));
}

static gboolean
periodic_cb (gpointer user_data)
{
  RallySyncController *self = user_data;

  if (!self->running && !self->offline)
    rally_sync_controller_start (self);
  return G_SOURCE_CONTINUE;
}

static void
schedule (RallySyncController *self)
{
  guint minutes = g_settings_get_uint (self->settings, "sync-interval");

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (minutes > 0)
    self->timer_id = g_timeout_add_seconds (minutes * 60, periodic_cb, self);
}

static void
settings_changed_cb (GSettings           *settings,
                     const char          *key,
                     RallySyncController *self)
{
  if (g_str_equal (key, "sync-interval"))
    schedule (self);
  else if (g_str_equal (key, "research-api-url"))
    update_offline (self);
}

static void
network_changed_cb (RallySyncController *self)
{
  update_offline (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
rally_sync_controller_constructed (GObject *object)
{
  RallySyncController *self = RALLY_SYNC_CONTROLLER (object);

  G_OBJECT_CLASS (rally_sync_controller_parent_class)->constructed (object);

  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->monitor, "notify::network-available",
                           G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self, 0);
  update_offline (self);
  schedule (self);
}

static void
rally_sync_controller_dispose (GObject *object)
{
  RallySyncController *self = RALLY_SYNC_CONTROLLER (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (rally_sync_controller_parent_class)->dispose (object);
}

static void
rally_sync_controller_finalize (GObject *object)
{
  RallySyncController *self = RALLY_SYNC_CONTROLLER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_free (self->progress_text);
  g_free (self->last_error);

  G_OBJECT_CLASS (rally_sync_controller_parent_class)->finalize (object);
}

static void
rally_sync_controller_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RallySyncController *self = RALLY_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_SETTINGS: g_value_set_object (value, self->settings); break;
    case PROP_NETWORK_MONITOR: g_value_set_object (value, self->monitor); break;
    case PROP_RUNNING: g_value_set_boolean (value, self->running); break;
    case PROP_OFFLINE: g_value_set_boolean (value, self->offline); break;
    case PROP_PROGRESS_TEXT: g_value_set_string (value, self->progress_text); break;
    case PROP_FRACTION: g_value_set_double (value, self->fraction); break;
    case PROP_LAST_ERROR: g_value_set_string (value, self->last_error); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_sync_controller_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RallySyncController *self = RALLY_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STORE: self->store = g_value_dup_object (value); break;
    case PROP_SETTINGS: self->settings = g_value_dup_object (value); break;
    case PROP_NETWORK_MONITOR: self->monitor = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_sync_controller_class_init (RallySyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = rally_sync_controller_constructed;
  object_class->dispose = rally_sync_controller_dispose;
  object_class->finalize = rally_sync_controller_finalize;
  object_class->get_property = rally_sync_controller_get_property;
  object_class->set_property = rally_sync_controller_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, RALLY_TYPE_STORE, co);
  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS, co);
  properties[PROP_NETWORK_MONITOR] = g_param_spec_object ("network-monitor", NULL, NULL,
                                                          G_TYPE_NETWORK_MONITOR, co);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  properties[PROP_OFFLINE] = g_param_spec_boolean ("offline", NULL, NULL, FALSE, ro);
  properties[PROP_PROGRESS_TEXT] = g_param_spec_string ("progress-text", NULL, NULL, NULL, ro);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0, ro);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RallySyncController::finished:
   * @error: (nullable): %NULL on success, G_IO_ERROR_CANCELLED when cancelled, else why
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
rally_sync_controller_init (RallySyncController *self)
{
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

/**
 * rally_sync_controller_new:
 * @monitor: (nullable): the network monitor, %NULL for the default one
 */
RallySyncController *
rally_sync_controller_new (RallyStore      *store,
                           GSettings       *settings,
                           GNetworkMonitor *monitor)
{
  g_return_val_if_fail (RALLY_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor), NULL);

  return g_object_new (RALLY_TYPE_SYNC_CONTROLLER,
                       "store", store,
                       "settings", settings,
                       "network-monitor", monitor,
                       NULL);
}

/**
 * rally_sync_controller_start:
 *
 * Starts a sync in the background; ::finished tells how it ended.
 *
 * Returns: %FALSE when nothing started: a sync is already running, or there is no network
 */
gboolean
rally_sync_controller_start (RallySyncController *self)
{
  const char *env_secret = g_getenv ("RALLY_CLIENT_SECRET");
  g_autofree char *settings_key = NULL;
  char *key;

  g_return_val_if_fail (RALLY_IS_SYNC_CONTROLLER (self), FALSE);

  update_offline (self);
  if (self->running || self->offline)
    return FALSE;

  self->cancellable = g_cancellable_new ();
  set_string (self, &self->progress_text, _("Starting sync…"), PROP_PROGRESS_TEXT);
  set_fraction (self, 0.0);
  set_running (self, TRUE);

  settings_key = g_settings_get_string (self->settings, "client-key");
  self->key = key = rally_credentials_resolve_key (settings_key);
  /* the Research API secret, then the Display API sign-in: either is enough */
  if (*key != '\0' && env_secret != NULL && *env_secret != '\0')
    {
      self->secret = g_strdup (env_secret);
      rally_credentials_get_user_tokens_async (self->cancellable, tokens_cb, g_object_ref (self));
    }
  else if (*key != '\0')
    rally_credentials_lookup_secret_async (key, self->cancellable, secret_cb, g_object_ref (self));
  else
    rally_credentials_get_user_tokens_async (self->cancellable, tokens_cb, g_object_ref (self));
  return TRUE;
}

void
rally_sync_controller_cancel (RallySyncController *self)
{
  g_return_if_fail (RALLY_IS_SYNC_CONTROLLER (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
rally_sync_controller_get_running (RallySyncController *self)
{
  g_return_val_if_fail (RALLY_IS_SYNC_CONTROLLER (self), FALSE);

  return self->running;
}

gboolean
rally_sync_controller_get_offline (RallySyncController *self)
{
  g_return_val_if_fail (RALLY_IS_SYNC_CONTROLLER (self), FALSE);

  return self->offline;
}

/* Returns: (nullable): what the running sync is doing, %NULL when none runs */
const char *
rally_sync_controller_get_progress_text (RallySyncController *self)
{
  g_return_val_if_fail (RALLY_IS_SYNC_CONTROLLER (self), NULL);

  return self->progress_text;
}

double
rally_sync_controller_get_fraction (RallySyncController *self)
{
  g_return_val_if_fail (RALLY_IS_SYNC_CONTROLLER (self), 0.0);

  return self->fraction;
}

/* Returns: (nullable): why the last sync failed, %NULL after a success */
const char *
rally_sync_controller_get_last_error (RallySyncController *self)
{
  g_return_val_if_fail (RALLY_IS_SYNC_CONTROLLER (self), NULL);

  return self->last_error;
}

/* Challenges completed by the last sync. */
guint
rally_sync_controller_get_n_challenges (RallySyncController *self)
{
  g_return_val_if_fail (RALLY_IS_SYNC_CONTROLLER (self), 0);

  return self->n_challenges;
}

/* Videos written by the last sync. */
guint
rally_sync_controller_get_n_videos (RallySyncController *self)
{
  g_return_val_if_fail (RALLY_IS_SYNC_CONTROLLER (self), 0);

  return self->n_videos;
}

/* For tests and impatient proxies: how the next syncs retry failed requests. */
void
rally_sync_controller_set_retry_policy (RallySyncController *self,
                                        guint                max_attempts,
                                        guint                base_delay_ms,
                                        guint                max_total_ms)
{
  g_return_if_fail (RALLY_IS_SYNC_CONTROLLER (self));

  self->max_attempts = max_attempts;
  self->base_delay_ms = base_delay_ms;
  self->max_total_ms = max_total_ms;
}
