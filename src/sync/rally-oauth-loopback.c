/* rally-oauth-loopback.c
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

/* One sign-in: PKCE verifier and state from the kernel's CSPRNG (getrandom), a listener
 * on 127.0.0.1 with a port the system picks, the authorize URL for the browser, then the
 * redirect to /callback. The redirect is answered only after the code exchange, so the
 * page in the browser says truthfully whether the sign-in worked; the listener stops once
 * that page is sent, on cancel and on timeout.
 *
 * Anything on this computer can connect, so the listener is a small GSocketService that
 * reads at most RALLY_HTTP_MAX_REQUEST bytes of a request (rally-http-request.c), never a
 * body, answers 414, 431 or 413 past a limit and closes. A redirect whose state is not
 * this sign-in's is turned away without ending the sign-in. */

#define G_LOG_DOMAIN "RallyOAuthLoopback"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <sys/random.h>

#include "rally-http-request.h"
#include "rally-oauth-loopback.h"
#include "rally-sync-error.h"
#include "rally-wipe.h"

#define VERIFIER_BYTES   48  /* 64 characters, within RFC 7636's 43…128 */
#define STATE_BYTES      32
#define CALLBACK_PATH    "/callback/"
#define FLUSH_GRACE_SECS 5   /* longest wait for the browser to read the last page */
#define MAX_SHOWN_CHARS  200  /* of an error code or description from the redirect */

/* One connection to the listener. */
typedef struct
{
  RallyOAuthLoopback *self;        /* a reference */
  GSocketConnection  *connection;
  char               *buffer;      /* RALLY_HTTP_MAX_REQUEST bytes */
  gsize               length;
  gboolean            last;        /* its page ends the sign-in */
} Client;

struct _RallyOAuthLoopback
{
  GObject            parent_instance;

  RallySyncClient   *client;
  char              *auth_url;
  char              *client_key;
  guint              timeout_secs;

  /* one sign-in */
  GTask             *task;
  GSocketService    *service;
  GCancellable      *server_cancellable;  /* every connection's reads and writes */
  guint16            port;
  char              *verifier;
  char              *state;
  char              *redirect_uri;
  char              *authorize_url;
  GSource           *timeout_source;
  GSource           *cancel_source;
  GCancellable      *exchange_cancellable;
  Client            *pending;       /* the redirect, waiting for the code exchange */
  gboolean           answered;      /* a redirect was taken: later ones are turned away */
  GError            *error;         /* what the sign-in returns, NULL for success */
};

G_DEFINE_FINAL_TYPE (RallyOAuthLoopback, rally_oauth_loopback, G_TYPE_OBJECT)

/* ------------------------------------------------------------------ */
/* PKCE                                                                */

static char *
base64url (const guchar *data,
           gsize         len)
{
  char *text = g_base64_encode (data, len);
  char *end = strchr (text, '=');

  if (end != NULL)
    *end = '\0';
  for (char *c = text; *c != '\0'; c++)
    {
      if (*c == '+')
        *c = '-';
      else if (*c == '/')
        *c = '_';
    }
  return text;
}

/**
 * rally_oauth_random_string:
 * @n_bytes: how many random bytes to encode
 *
 * Returns: (transfer full) (nullable): @n_bytes from getrandom(2), base64url without
 *   padding (only unreserved characters), or %NULL if the kernel gave none
 */
char *
rally_oauth_random_string (gsize    n_bytes,
                           GError **error)
{
  g_autofree guchar *bytes = g_malloc (n_bytes);
  gsize got = 0;
  char *text;

  g_return_val_if_fail (n_bytes > 0, NULL);

  while (got < n_bytes)
    {
      ssize_t n = getrandom (bytes + got, n_bytes - got, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not get random numbers for a safe sign-in: %s"), g_strerror (saved));
          return NULL;
        }
      got += n;
    }
  text = base64url (bytes, n_bytes);
  memset (bytes, 0, n_bytes);
  return text;
}

/* Returns: (transfer full): BASE64URL(SHA-256(@verifier)), the S256 code challenge */
char *
rally_oauth_s256_challenge (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guchar digest[32];
  gsize len = sizeof digest;

  g_return_val_if_fail (verifier != NULL, NULL);

  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &len);
  return base64url (digest, len);
}

/* ------------------------------------------------------------------ */
/* Auxiliary                                                           */

static void
drop_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
stop_server (RallyOAuthLoopback *self)
{
  if (self->service == NULL)
    return;
  g_cancellable_cancel (self->server_cancellable);
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_clear_object (&self->service);
  g_clear_object (&self->server_cancellable);
}

/* Keeps the first reason the sign-in ended. */
static void
set_error (RallyOAuthLoopback *self,
           GError             *error)
{
  if (self->error == NULL)
    self->error = error;
  else
    g_error_free (error);
}

static void
complete (RallyOAuthLoopback *self)
{
  GTask *task = g_steal_pointer (&self->task);

  if (task == NULL)
    return;
  drop_source (&self->timeout_source);
  drop_source (&self->cancel_source);
  g_clear_object (&self->exchange_cancellable);
  stop_server (self);
  g_clear_pointer (&self->verifier, rally_wipe_free);
  g_clear_pointer (&self->state, rally_wipe_free);
  if (self->error != NULL)
    g_task_return_error (task, g_steal_pointer (&self->error));
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static gboolean
complete_cb (gpointer user_data)
{
  complete (user_data);
  return G_SOURCE_REMOVE;
}

static GSource *
attach_timeout (RallyOAuthLoopback *self,
                guint               seconds)
{
  GSource *source = g_timeout_source_new_seconds (seconds);

  g_source_set_callback (source, complete_cb, self, NULL);
  g_source_attach (source, g_task_get_context (self->task));
  return source;
}

/* Cancel and timeout: stop now, or as soon as the code exchange under way gives up. */
static void
abort_sign_in (RallyOAuthLoopback *self,
               GError             *error)
{
  set_error (self, error);
  if (self->pending != NULL)
    g_cancellable_cancel (self->exchange_cancellable);
  else
    complete (self);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  RallyOAuthLoopback *self = user_data;

  g_clear_pointer (&self->timeout_source, g_source_unref);
  abort_sign_in (self, g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                    ngettext ("Nobody signed in to TikTok within %u minute: try again",
                                              "Nobody signed in to TikTok within %u minutes: try again",
                                              MAX (self->timeout_secs / 60, 1)),
                                    MAX (self->timeout_secs / 60, 1)));
  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  RallyOAuthLoopback *self = user_data;

  drop_source (&self->cancel_source);
  abort_sign_in (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Sign-in cancelled")));
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------ */
/* The page the browser shows                                          */

static GBytes *
build_page (gboolean    ok,
            const char *text)
{
  g_autofree char *title = g_markup_escape_text (ok ? _("Signed in to Rally") : _("Rally could not sign you in"), -1);
  g_autofree char *body = g_markup_escape_text (text, -1);
  g_autofree char *close = g_markup_escape_text (_("You can close this tab and go back to Rally."), -1);
  char *page;

  page = g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width\">"
                          "<title>%s</title><style>"
                          "body{font-family:sans-serif;max-width:36em;margin:4em auto;padding:0 1em;"
                          "color:#241f31;background:#fafafa}h1{font-size:1.5em;color:%s}"
                          "@media (prefers-color-scheme:dark){body{color:#fff;background:#242424}}"
                          "</style></head><body><h1>%s</h1><p>%s</p><p>%s</p></body></html>\n",
                          title, ok ? "#26a269" : "#c01c28", title, body, close);
  return g_bytes_new_take (page, strlen (page));
}

static void
client_free (Client *client)
{
  g_io_stream_close (G_IO_STREAM (client->connection), NULL, NULL);
  g_object_unref (client->connection);
  g_object_unref (client->self);
  g_free (client->buffer);
  g_free (client);
}

static const char *
reason_phrase (guint status)
{
  switch (status)
    {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    default: return "Error";
    }
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Client *client = user_data;
  RallyOAuthLoopback *self = client->self;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  /* the page that ends the sign-in was sent (or the browser went away); completing
   * from an idle keeps the caller's callback out of this one */
  if (client->last && self->task != NULL)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, complete_cb, g_object_ref (self), g_object_unref);
      g_source_attach (source, g_task_get_context (self->task));
      g_source_unref (source);
    }
  client_free (client);
}

/* Sends the page and closes the connection. */
static void
answer (RallyOAuthLoopback *self,
        Client             *client,
        guint               status,
        gboolean            ok,
        const char         *text)
{
  g_autoptr(GBytes) page = build_page (ok, text);
  g_autofree char *head = NULL;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (client->connection));
  GByteArray *response;

  head = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                          "Server: Rally\r\n"
                          "Content-Type: text/html; charset=utf-8\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Cache-Control: no-store\r\n"
                          "Referrer-Policy: no-referrer\r\n"
                          "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\n"
                          "Connection: close\r\n\r\n",
                          status, reason_phrase (status), g_bytes_get_size (page));
  response = g_byte_array_new ();
  g_byte_array_append (response, (const guint8 *) head, strlen (head));
  g_byte_array_append (response, g_bytes_get_data (page, NULL), g_bytes_get_size (page));
  /* the client's buffer is free now: it keeps the response while it is written */
  g_free (client->buffer);
  client->length = response->len;
  client->buffer = (char *) g_byte_array_free (response, FALSE);
  g_output_stream_write_all_async (out, client->buffer, client->length, G_PRIORITY_DEFAULT,
                                   self->server_cancellable, written_cb, client);
}

/* Answers the redirect and ends the sign-in once the page is sent. */
static void
answer_and_complete (RallyOAuthLoopback *self,
                     Client             *client)
{
  const char *text = self->error != NULL ? self->error->message : _("Rally can now read your TikTok account.");

  client->last = TRUE;
  drop_source (&self->timeout_source);
  self->timeout_source = attach_timeout (self, FLUSH_GRACE_SECS);
  answer (self, client, self->error != NULL ? 400 : 200, self->error == NULL, text);
}

/* ------------------------------------------------------------------ */
/* The redirect                                                        */

static void
exchanged_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RallyOAuthLoopback) self = user_data;
  Client *client = g_steal_pointer (&self->pending);
  GError *error = NULL;

  if (!rally_sync_client_exchange_code_finish (RALLY_SYNC_CLIENT (object), result, &error))
    set_error (self, error);
  if (self->task == NULL || self->service == NULL)
    {
      client_free (client);
      return;
    }
  answer_and_complete (self, client);
}

/* The same length and the same bytes, in a time that does not depend on where they differ. */
static gboolean
state_matches (const char *expected,
               const char *got)
{
  gsize len = strlen (expected);
  guchar diff = 0;

  if (got == NULL || strlen (got) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    diff |= (guchar) expected[i] ^ (guchar) got[i];
  return diff == 0;
}

static GError *
redirect_error (GHashTable *query)
{
  const char *code = g_hash_table_lookup (query, "error");
  const char *description = g_hash_table_lookup (query, "error_description");
  g_autofree char *code_text = NULL;
  g_autofree char *description_text = NULL;

  if (g_strcmp0 (code, "access_denied") == 0)
    return g_error_new_literal (RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_SIGN_IN_DECLINED,
                                _("You declined to let Rally read your TikTok account, so nothing was changed"));
  /* Translators: the first %s is an OAuth error code such as invalid_scope, the second TikTok's explanation */
  /* anyone can type a redirect: keep what is shown valid and short */
  code_text = g_utf8_make_valid (code, -1);
  description_text = g_utf8_make_valid (description != NULL && *description != '\0' ? description
                                                                                      : _("no reason given"), -1);
  if (g_utf8_strlen (code_text, -1) > MAX_SHOWN_CHARS)
    *g_utf8_offset_to_pointer (code_text, MAX_SHOWN_CHARS) = '\0';
  if (g_utf8_strlen (description_text, -1) > MAX_SHOWN_CHARS)
    *g_utf8_offset_to_pointer (description_text, MAX_SHOWN_CHARS) = '\0';
  return g_error_new (RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_SIGN_IN_FAILED, _("TikTok could not sign you in (%s): %s"),
                      code_text, description_text);
}

static void
handle_redirect (RallyOAuthLoopback *self,
                 Client             *client,
                 GHashTable         *query)
{
  const char *code = query != NULL ? g_hash_table_lookup (query, "code") : NULL;

  /* Not this sign-in's redirect (a page from elsewhere, a forged link): turned away,
   * and the sign-in goes on waiting for the real one. */
  if (query == NULL || !state_matches (self->state, g_hash_table_lookup (query, "state")))
    {
      answer (self, client, 400, FALSE,
              _("This sign-in reply did not come from the sign-in Rally started (its state does not match), "
                "so it was refused. Rally is still waiting for the sign-in it started."));
      return;
    }

  self->answered = TRUE;
  if (g_hash_table_contains (query, "error"))
    set_error (self, redirect_error (query));
  else if (code == NULL || *code == '\0')
    set_error (self, g_error_new_literal (RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_SIGN_IN_FAILED,
                                          _("TikTok’s sign-in reply held no authorization code: try again")));
  if (self->error != NULL)
    {
      answer_and_complete (self, client);
      return;
    }

  self->pending = client;
  rally_sync_client_exchange_code_async (self->client, code, self->redirect_uri, self->verifier,
                                         self->exchange_cancellable, exchanged_cb, g_object_ref (self));
}

static void
handle_request (RallyOAuthLoopback *self,
                Client             *client,
                RallyHttpRequest   *request)
{
  if (!g_str_equal (request->path, CALLBACK_PATH))
    answer (self, client, 404, FALSE, _("This address is not part of the sign-in."));
  else if (!g_str_equal (request->method, "GET"))
    answer (self, client, 405, FALSE, _("This address is not part of the sign-in."));
  else if (self->answered || self->task == NULL)
    answer (self, client, 409, FALSE, _("This sign-in has already finished."));
  else
    handle_redirect (self, client, request->query);
}

static void read_more (Client *client);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Client *client = user_data;
  RallyOAuthLoopback *self = client->self;
  g_autoptr(RallyHttpRequest) request = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);
  guint status;

  if (n <= 0 || self->service == NULL)
    {
      client_free (client);
      return;
    }
  client->length += n;
  status = rally_http_request_parse (client->buffer, client->length, &request);
  if (status == 0 && client->length < RALLY_HTTP_MAX_REQUEST)
    {
      read_more (client);
      return;
    }
  if (status == 0)
    status = 431;
  if (status == 200)
    handle_request (self, client, request);
  else
    answer (self, client, status, FALSE, status == 400 ? _("This is not a request Rally understands.")
                                                       : _("This request is too large for the sign-in."));
}

static void
read_more (Client *client)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (client->connection));

  g_input_stream_read_async (in, client->buffer + client->length, RALLY_HTTP_MAX_REQUEST - client->length,
                             G_PRIORITY_DEFAULT, client->self->server_cancellable, read_cb, client);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  Client *client = g_new0 (Client, 1);

  client->self = g_object_ref (user_data);
  client->connection = g_object_ref (connection);
  client->buffer = g_malloc (RALLY_HTTP_MAX_REQUEST);
  read_more (client);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Starting                                                            */

static void
append_param (GString    *url,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_printf (url, "%c%s=%s", strchr (url->str, '?') != NULL ? '&' : '?', name, escaped);
}

static char *
build_authorize_url (RallyOAuthLoopback *self)
{
  GString *url = g_string_new (self->auth_url);
  g_autofree char *challenge = rally_oauth_s256_challenge (self->verifier);

  append_param (url, "client_key", self->client_key);
  append_param (url, "scope", RALLY_OAUTH_SCOPES);
  append_param (url, "response_type", "code");
  append_param (url, "redirect_uri", self->redirect_uri);
  append_param (url, "state", self->state);
  append_param (url, "code_challenge", challenge);
  append_param (url, "code_challenge_method", "S256");
  return g_string_free (url, FALSE);
}

/* RFC 8252 §7.3: the IP literal, not "localhost", and any free port. */
static gboolean
listen_loopback (RallyOAuthLoopback  *self,
                 GError             **error)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (address, 0);
  g_autoptr(GSocketAddress) effective = NULL;

  self->service = g_socket_service_new ();
  self->server_cancellable = g_cancellable_new ();
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), socket_address, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL, &effective, error))
    {
      g_clear_object (&self->service);
      g_clear_object (&self->server_cancellable);
      return FALSE;
    }
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
  g_socket_service_start (self->service);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  self->redirect_uri = g_strdup_printf ("http://127.0.0.1:%u" CALLBACK_PATH, self->port);
  return TRUE;
}

static gboolean
start (RallyOAuthLoopback  *self,
       GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  self->verifier = rally_oauth_random_string (VERIFIER_BYTES, error);
  if (self->verifier == NULL)
    return FALSE;
  self->state = rally_oauth_random_string (STATE_BYTES, error);
  if (self->state == NULL)
    return FALSE;
  if (!listen_loopback (self, &local_error))
    {
      g_set_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NETWORK,
                   _("Could not wait for TikTok’s sign-in reply on this computer: %s"), local_error->message);
      return FALSE;
    }
  self->authorize_url = build_authorize_url (self);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
rally_oauth_loopback_finalize (GObject *object)
{
  RallyOAuthLoopback *self = (RallyOAuthLoopback *) object;

  g_assert (self->task == NULL);
  stop_server (self);
  g_clear_object (&self->client);
  g_free (self->auth_url);
  g_free (self->client_key);
  g_clear_pointer (&self->verifier, rally_wipe_free);
  g_clear_pointer (&self->state, rally_wipe_free);
  g_free (self->redirect_uri);
  g_free (self->authorize_url);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (rally_oauth_loopback_parent_class)->finalize (object);
}

static void
rally_oauth_loopback_class_init (RallyOAuthLoopbackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rally_oauth_loopback_finalize;
}

static void
rally_oauth_loopback_init (RallyOAuthLoopback *self)
{
  self->timeout_secs = RALLY_OAUTH_DEFAULT_TIMEOUT;
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

/**
 * rally_oauth_loopback_new:
 * @client: a client with the client key and secret set; it receives the user token
 * @auth_url: the authorize page, e.g. %RALLY_OAUTH_DEFAULT_AUTH_URL (https, or
 *   http to this computer only)
 * @client_key: the app's client key
 *
 * Returns: (transfer full) (nullable): a sign-in, or %NULL with
 *   RALLY_SYNC_ERROR_INSECURE_URL or RALLY_SYNC_ERROR_NO_CREDENTIALS
 */
RallyOAuthLoopback *
rally_oauth_loopback_new (RallySyncClient  *client,
                          const char       *auth_url,
                          const char       *client_key,
                          GError          **error)
{
  RallyOAuthLoopback *self;

  g_return_val_if_fail (RALLY_IS_SYNC_CLIENT (client), NULL);
  g_return_val_if_fail (auth_url != NULL, NULL);

  if (!rally_sync_client_check_url (auth_url, error))
    return NULL;
  if (client_key == NULL || *client_key == '\0')
    {
      g_set_error_literal (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS,
                           _("Enter the client key first: TikTok asks which app you sign in to"));
      return NULL;
    }
  self = g_object_new (RALLY_TYPE_OAUTH_LOOPBACK, NULL);
  self->client = g_object_ref (client);
  self->auth_url = g_strdup (auth_url);
  self->client_key = g_strdup (client_key);
  return self;
}

/* How long to wait for the browser's redirect; %RALLY_OAUTH_DEFAULT_TIMEOUT by default. */
void
rally_oauth_loopback_set_timeout (RallyOAuthLoopback *self,
                                  guint               seconds)
{
  g_return_if_fail (RALLY_IS_OAUTH_LOOPBACK (self));
  g_return_if_fail (seconds > 0);

  self->timeout_secs = seconds;
}

/* Returns: (nullable): the page to open in the browser, once the sign-in started */
const char *
rally_oauth_loopback_get_authorize_url (RallyOAuthLoopback *self)
{
  g_return_val_if_fail (RALLY_IS_OAUTH_LOOPBACK (self), NULL);

  return self->authorize_url;
}

/* Returns: (nullable): http://127.0.0.1:PORT/callback, once the sign-in started */
const char *
rally_oauth_loopback_get_redirect_uri (RallyOAuthLoopback *self)
{
  g_return_val_if_fail (RALLY_IS_OAUTH_LOOPBACK (self), NULL);

  return self->redirect_uri;
}

/* Returns: the loopback server's port, 0 before the sign-in started */
guint16
rally_oauth_loopback_get_port (RallyOAuthLoopback *self)
{
  g_return_val_if_fail (RALLY_IS_OAUTH_LOOPBACK (self), 0);

  return self->port;
}

/**
 * rally_oauth_loopback_sign_in_async:
 *
 * Starts the loopback server; when this returns, the authorize URL is known (open it in
 * the browser). Completes after the browser's redirect and the code exchange, or on
 * @cancellable (G_IO_ERROR_CANCELLED) or the timeout (G_IO_ERROR_TIMED_OUT). One sign-in
 * per object.
 */
void
rally_oauth_loopback_sign_in_async (RallyOAuthLoopback  *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (RALLY_IS_OAUTH_LOOPBACK (self));
  g_return_if_fail (self->task == NULL && self->authorize_url == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rally_oauth_loopback_sign_in_async);
  if (!start (self, &error))
    {
      stop_server (self);
      g_task_return_error (task, error);
      return;
    }
  self->task = g_steal_pointer (&task);
  self->exchange_cancellable = g_cancellable_new ();
  self->timeout_source = g_timeout_source_new_seconds (self->timeout_secs);
  g_source_set_callback (self->timeout_source, timed_out_cb, self, NULL);
  g_source_attach (self->timeout_source, g_task_get_context (self->task));
  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (cancelled_cb), self, NULL);
      g_source_attach (self->cancel_source, g_task_get_context (self->task));
    }
}

gboolean
rally_oauth_loopback_sign_in_finish (RallyOAuthLoopback  *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_return_val_if_fail (RALLY_IS_OAUTH_LOOPBACK (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rally_oauth_loopback_sign_in_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
