/* rally-sync-client.c
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

/* RallySyncClient: the HTTP side of sync, over one SoupSession.
 *
 * Every call is a Request run as a GTask chain on the caller's thread-default
 * main context:
 *
 *   step ─► (token missing or expired?) fetch a token ─► send ─► parse
 *                                                         ▲        │
 *              invalid token (once): drop it and re-step ─┤        │
 *              429 / 5xx / network / garbled: wait, resend ┘        ▼
 *                                                               result or error
 *
 * Waits honour Retry-After, else grow exponentially with jitter; both the number
 * of attempts and the total time are bounded. TLS is never relaxed: plain http://
 * is refused unless the host is loopback (tests, the emulator). Tokens and the
 * client secret are never logged.
 *
 * This file is the transport; the endpoints that build the requests are in
 * rally-sync-client-endpoints.c. */

#define G_LOG_DOMAIN "RallySyncClient"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

#include "rally-sync-client-private.h"
#include "rally-wipe.h"

G_DEFINE_FINAL_TYPE (RallySyncClient, rally_sync_client, G_TYPE_OBJECT)

enum {
  RETRYING,
  SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void request_step (GTask *task);

/* ------------------------------------------------------------------ */
/* Auxiliary                                                           */

static void
request_free (gpointer data)
{
  Request *req = data;

  g_assert (req->timeout_source == NULL && req->cancel_source == NULL && req->stop_source == NULL);
  g_assert (req->in_flight == NULL && req->deadline == NULL);
  g_clear_object (&req->stop_retries);
  g_clear_error (&req->retry_error);
  g_free (req->url);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_object (&req->msg);
  g_free (req);
}

static gboolean
is_loopback (const char *host)
{
  return g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "localhost") == 0 ||
         g_strcmp0 (host, "::1") == 0 || g_strcmp0 (host, "[::1]") == 0;
}

static gboolean
url_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && is_loopback (g_uri_get_host (uri));
}

static gboolean
error_is_retryable (const GError *error)
{
  return error->domain == RALLY_SYNC_ERROR &&
         (error->code == RALLY_SYNC_ERROR_RATE_LIMITED || error->code == RALLY_SYNC_ERROR_SERVER ||
          error->code == RALLY_SYNC_ERROR_NETWORK || error->code == RALLY_SYNC_ERROR_MALFORMED ||
          error->code == RALLY_SYNC_ERROR_INVALID_CURSOR);
}

/* Milliseconds from a Retry-After header, or -1. */
static gint64
parse_retry_after (SoupMessage *msg)
{
  const char *value;
  guint64 seconds;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (msg == NULL)
    return -1;
  value = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
  if (value == NULL)
    return -1;
  if (g_ascii_string_to_unsigned (value, 10, 0, 86400, &seconds, NULL))
    return (gint64) seconds * 1000;
  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return MAX (0, g_date_time_difference (date, now) / 1000);
}

static guint
backoff_delay (RallySyncClient *self,
               guint            attempt)
{
  guint64 delay = self->base_delay_ms;

  for (guint i = 1; i < attempt && delay < self->max_delay_ms; i++)
    delay *= 2;
  delay = MIN (delay, self->max_delay_ms);
  /* full jitter on the upper half: spreads clients that failed together */
  return (guint) (delay / 2 + g_random_int_range (0, (gint32) MAX (delay / 2, 1)));
}

/* A request's GTask reference belongs to the chain of callbacks in flight and
 * is dropped when the task returns. */
void
_rally_sync_chain_return_error (GTask  *task,
                                GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

void
_rally_sync_chain_return_new_error (GTask      *task,
                                    GQuark      domain,
                                    int         code,
                                    const char *format,
                                    ...)
{
  va_list args;
  GError *error;

  va_start (args, format);
  error = g_error_new_valist (domain, code, format, args);
  va_end (args);
  _rally_sync_chain_return_error (task, error);
}

/* ------------------------------------------------------------------ */
/* Waiting between attempts                                            */

static void
stop_waiting (Request *req)
{
  if (req->timeout_source != NULL)
    {
      g_source_destroy (req->timeout_source);
      g_clear_pointer (&req->timeout_source, g_source_unref);
    }
  if (req->cancel_source != NULL)
    {
      g_source_destroy (req->cancel_source);
      g_clear_pointer (&req->cancel_source, g_source_unref);
    }
  if (req->stop_source != NULL)
    {
      g_source_destroy (req->stop_source);
      g_clear_pointer (&req->stop_source, g_source_unref);
    }
}

static gboolean
wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);

  stop_waiting (req);
  g_clear_error (&req->retry_error);
  _rally_sync_request_send (task);
  return G_SOURCE_REMOVE;
}

static gboolean
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;

  stop_waiting (g_task_get_task_data (task));
  _rally_sync_chain_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The sync was cancelled"));
  return G_SOURCE_REMOVE;
}

/* The caller wants no more attempts: the failure waited on is the answer. */
static gboolean
wait_stopped_cb (GCancellable *cancellable,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);

  stop_waiting (req);
  _rally_sync_chain_return_error (task, g_steal_pointer (&req->retry_error));
  return G_SOURCE_REMOVE;
}

static GSource *
watch_cancellable (GCancellable *cancellable,
                   GTask        *task,
                   GSourceFunc   callback)
{
  GSource *source = g_cancellable_source_new (cancellable);

  g_source_set_callback (source, callback, task, NULL);
  g_source_attach (source, g_task_get_context (task));
  return source;
}

static void
wait_then_resend (GTask  *task,
                  guint   delay_ms,
                  GError *error)
{
  Request *req = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  req->retry_error = error;
  req->timeout_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (req->timeout_source, wait_done_cb, task, NULL);
  g_source_attach (req->timeout_source, g_task_get_context (task));
  if (cancellable != NULL)
    req->cancel_source = watch_cancellable (cancellable, task, G_SOURCE_FUNC (wait_cancelled_cb));
  if (req->stop_retries != NULL)
    req->stop_source = watch_cancellable (req->stop_retries, task, G_SOURCE_FUNC (wait_stopped_cb));
}

/* ------------------------------------------------------------------ */
/* An attempt's deadline                                               */

/* The session's timeout bounds each wait for a byte; a server that sends one a
 * minute would still hold an attempt for days. */

static void
cancel_attempt_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Request *req = user_data;

  req->timed_out = TRUE;
  g_clear_pointer (&req->deadline, g_source_unref);
  g_cancellable_cancel (req->in_flight);
  return G_SOURCE_REMOVE;
}

/* The cancellable of a new attempt of @task, which its deadline cancels too. */
static GCancellable *
begin_attempt (GTask *task)
{
  RallySyncClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_assert (req->in_flight == NULL);
  req->in_flight = g_cancellable_new ();
  req->timed_out = FALSE;
  if (cancellable != NULL)
    req->attempt_link = g_cancellable_connect (cancellable, G_CALLBACK (cancel_attempt_cb),
                                               g_object_ref (req->in_flight), g_object_unref);
  req->deadline = g_timeout_source_new (self->attempt_timeout_ms);
  g_source_set_callback (req->deadline, deadline_cb, req, NULL);
  g_source_attach (req->deadline, g_task_get_context (task));
  self->attempts++;
  return req->in_flight;
}

/* Closes the kept-alive connections once the client has had no request on the wire
 * for idle_close_ms (60 to 120 s unless set); during a sync they stay open. libsoup's
 * own idle timeout is off: it re-arms a timer of each connection twice a request,
 * each time waking the main loop (an eventfd written and read, one more poll). */
static gboolean
idle_close_cb (gpointer user_data)
{
  RallySyncClient *self = user_data;

  if (self->attempts == 0 && g_get_monotonic_time () - self->idle_since < self->idle_close_ms * (gint64) 1000)
    return G_SOURCE_CONTINUE;  /* used since it was armed: once more */
  if (self->attempts == 0)
    soup_session_abort (self->session);  /* only idle connections: nothing is on the wire */
  g_clear_pointer (&self->idle_close, g_source_unref);
  return G_SOURCE_REMOVE;  /* armed again when the requests on the wire end */
}

/* On the context the client was made on, as libsoup's timers were: a blocking
 * call's private context ends with the call. */
static void
arm_idle_close (RallySyncClient *self)
{
  self->idle_since = g_get_monotonic_time ();
  if (self->idle_close != NULL)
    return;
  self->idle_close = g_timeout_source_new (self->idle_close_ms);
  g_source_set_callback (self->idle_close, idle_close_cb, self, NULL);
  g_source_attach (self->idle_close, self->context);
}

/* The attempt of @task has its reply, or failed. */
static void
end_attempt (GTask *task)
{
  RallySyncClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);

  if (req->deadline != NULL)
    {
      g_source_destroy (req->deadline);
      g_clear_pointer (&req->deadline, g_source_unref);
    }
  if (req->attempt_link != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), req->attempt_link);
  req->attempt_link = 0;
  if (req->in_flight != NULL && --self->attempts == 0)
    arm_idle_close (self);
  g_clear_object (&req->in_flight);
}

/* ------------------------------------------------------------------ */
/* Failures                                                            */

static void
handle_failure (GTask  *task,
                GError *error)
{
  RallySyncClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  gint64 elapsed_ms, retry_after;
  guint delay;

  end_attempt (task);

  if (g_error_matches (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_TOKEN_EXPIRED) &&
      req->auth != AUTH_NONE && !req->reauthed)
    {
      /* the token was revoked or expired early: get a new one once, replay */
      req->reauthed = TRUE;
      /* unless another request got a new token since this one left */
      if (req->token_serial != self->token_serial[req->auth])
        ;
      else if (req->auth == AUTH_CLIENT)
        g_clear_pointer (&self->client_token, rally_wipe_free);
      else
        g_clear_pointer (&self->user_token, rally_wipe_free);
      g_error_free (error);
      request_step (task);
      return;
    }

  if (g_error_matches (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_TOKEN_EXPIRED) && req->auth == AUTH_CLIENT)
    {
      /* a new client token was refused too: nobody signs in for the Research API */
      g_clear_error (&error);
      _rally_sync_chain_return_new_error (task, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_TOKEN_EXPIRED,
                                          _("TikTok refused the Research API token Rally had just been given: "
                                            "check the client key and secret in Preferences"));
      return;
    }
  if (!error_is_retryable (error) || g_cancellable_is_cancelled (req->stop_retries))
    {
      _rally_sync_chain_return_error (task, error);
      return;
    }

  retry_after = g_error_matches (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_RATE_LIMITED)
                  ? parse_retry_after (req->msg) : -1;
  delay = retry_after >= 0 ? (guint) MIN (retry_after, G_MAXUINT) : backoff_delay (self, req->attempt);
  elapsed_ms = (g_get_monotonic_time () - req->started) / 1000;

  if (retry_after >= 0 && delay > self->max_total_ms)
    {
      /* longer than a sync waits: say how long, rather than "a few minutes" */
      guint minutes = (guint) MAX (1, (retry_after + 59999) / 60000);

      g_clear_error (&error);
      _rally_sync_chain_return_new_error (task, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_RATE_LIMITED,
                                          ngettext ("TikTok asks Rally to wait %u minute before its next request: "
                                                    "sync again then",
                                                    "TikTok asks Rally to wait %u minutes before its next request: "
                                                    "sync again then", minutes),
                                          minutes);
      return;
    }
  if (req->attempt >= self->max_attempts || elapsed_ms + delay > self->max_total_ms)
    {
      g_prefix_error (&error, ngettext ("Gave up after %u attempt: ", "Gave up after %u attempts: ",
                                        req->attempt), req->attempt);
      _rally_sync_chain_return_error (task, error);
      return;
    }

  g_debug ("attempt %u failed (%s); retrying in %u ms", req->attempt, error->message, delay);
  g_signal_emit (self, signals[RETRYING], 0, error->message, delay);
  wait_then_resend (task, delay, error);
}

/* ------------------------------------------------------------------ */
/* Sending                                                             */

/* A reply shorter than its Content-Length: the connection was cut. A compressed
 * reply's Content-Length counts the bytes sent, not those libsoup decodes. */
static gboolean
body_was_cut (SoupMessage  *msg,
              gsize         received,
              GError      **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  const char *coding = soup_message_headers_get_one (headers, "Content-Encoding");
  goffset expected;

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH ||
      (coding != NULL && g_ascii_strcasecmp (coding, "identity") != 0))
    return FALSE;
  expected = soup_message_headers_get_content_length (headers);
  if (expected <= (goffset) received)
    return FALSE;
  g_set_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NETWORK,
               _("The connection to TikTok was cut after %zu of %" PRId64 " bytes"),
               received, expected);
  return TRUE;
}

/* A reply to parse on a worker thread: a page of 100 videos takes a while, and the
 * caller's thread meanwhile writes the previous page. */
typedef struct
{
  ParseFunc       parse;
  GDestroyNotify  free_result;
  guint           http_status;
  GBytes         *bytes;
} ParseJob;

static void
parse_job_free (gpointer data)
{
  ParseJob *job = data;

  g_bytes_unref (job->bytes);
  g_free (job);
}

/* Runs on a parse worker; the task returns to the thread that sent the request. */
static void
parse_thread (gpointer data,
              gpointer user_data)
{
  g_autoptr(GTask) parse_task = data;
  ParseJob *job = g_task_get_task_data (parse_task);
  GError *error = NULL;
  gpointer parsed;
  gsize len;
  const char *bytes = g_bytes_get_data (job->bytes, &len);

  parsed = job->parse (job->http_status, bytes, len, &error);
  if (parsed != NULL)
    g_task_return_pointer (parse_task, parsed, job->free_result);
  else
    g_task_return_error (parse_task, error);
}

/* The parse workers every client shares: as many as the machine has cores, so
 * replies are parsed side by side without more threads than can run at once. */
static GThreadPool *
parse_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (parse_thread, NULL, MAX (1, (int) g_get_num_processors ()),
                                                 FALSE, NULL));
  return pool;
}

static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer parsed;

  parsed = g_task_propagate_pointer (G_TASK (result), &error);
  if (parsed != NULL)
    {
      g_task_return_pointer (task, parsed, req->free_result);
      g_object_unref (task);
    }
  else
    handle_failure (task, error);
}

/* A reply is read in pieces of up to this (a page of 100 videos, about 30 KB,
 * comes in one), and refused past MAX_REPLY_BYTES: a server gone wrong cannot
 * fill the memory. */
#define READ_PIECE      (64 * 1024)
#define MAX_REPLY_BYTES (64 * 1024 * 1024)

typedef struct
{
  GTask        *task;    /* the request's */
  GInputStream *stream;
  GByteArray   *body;
} Reading;

static void
reading_free (Reading *reading)
{
  g_clear_object (&reading->stream);
  g_clear_pointer (&reading->body, g_byte_array_unref);
  g_free (reading);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reading, reading_free)

/* The request could not be sent (@sending), or its reply not read: @error says
 * why. A TLS error while sending is the certificate (the handshake); while reading,
 * a connection cut like any other. */
static void
send_failed (GTask    *task,
             GError   *error,
             gboolean  sending)
{
  RallySyncClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  /* the deadline's cancel, whatever error it made (one in a TLS handshake), unless
   * the caller cancelled too */
  gboolean timed_out = req->timed_out && (cancellable == NULL || !g_cancellable_is_cancelled (cancellable));

  end_attempt (task);
  if (timed_out)
    {
      /* the deadline's, not the caller's: tried again like a connection cut */
      guint seconds = MAX (1, (self->attempt_timeout_ms + 999) / 1000);

      g_error_free (error);
      handle_failure (task, g_error_new (RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NETWORK,
                                         ngettext ("TikTok took more than %u second to answer",
                                                   "TikTok took more than %u seconds to answer", seconds),
                                         seconds));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _rally_sync_chain_return_error (task, error);
  else if (sending && error->domain == G_TLS_ERROR)
    {
      /* an untrusted certificate stays untrusted: say so at once, never retry */
      _rally_sync_chain_return_new_error (task, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_TLS,
                                          _("The server’s certificate is not trusted (%s), so Rally sent nothing to it. "
                                          "Check the server address; trying again will not help"), error->message);
      g_error_free (error);
    }
  else
    {
      handle_failure (task, g_error_new (RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NETWORK,
                                         _("Could not reach TikTok: %s"), error->message));
      g_error_free (error);
    }
}

/* The whole reply of the request of @task was read: it goes to a worker to parse. */
static void
replied (GTask  *task,
         GBytes *bytes)
{
  Request *req = g_task_get_task_data (task);
  g_autoptr(GTask) parse_task = NULL;
  GError *error = NULL;
  ParseJob *job;

  end_attempt (task);
  if (g_object_get_data (G_OBJECT (req->msg), "rally-refused-redirect") != NULL)
    {
      const char *host = g_uri_get_host (soup_message_get_uri (req->msg));

      _rally_sync_chain_return_new_error (task, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_INSECURE_URL,
                                          _("The server %s sent the request on to “%s”: Rally does not follow a redirect to another "
                                          "server or to plain http://, where the sign-in token could be read"),
                                          host, (const char *) g_object_get_data (G_OBJECT (req->msg), "rally-refused-redirect"));
      g_bytes_unref (bytes);
      return;
    }
  if (body_was_cut (req->msg, g_bytes_get_size (bytes), &error))
    {
      handle_failure (task, error);
      g_bytes_unref (bytes);
      return;
    }
  job = g_new0 (ParseJob, 1);
  job->parse = req->parse;
  job->free_result = req->free_result;
  job->http_status = soup_message_get_status (req->msg);
  job->bytes = bytes;
  parse_task = g_task_new (g_task_get_source_object (task), NULL, parsed_cb, task);
  g_task_set_source_tag (parse_task, parse_thread);
  g_task_set_task_data (parse_task, job, parse_job_free);
  g_thread_pool_push (parse_pool (), g_steal_pointer (&parse_task), NULL);
}

static void read_piece (Reading *reading);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Reading) reading = user_data;
  GError *error = NULL;
  gsize had = reading->body->len - READ_PIECE;
  gsize n = 0;

  if (!g_input_stream_read_all_finish (G_INPUT_STREAM (object), result, &n, &error))
    {
      send_failed (reading->task, error, FALSE);
      return;
    }
  g_byte_array_set_size (reading->body, had + n);
  if (n < READ_PIECE)
    {
      /* the end of the reply */
      replied (reading->task, g_byte_array_free_to_bytes (g_steal_pointer (&reading->body)));
      return;
    }
  if (reading->body->len > MAX_REPLY_BYTES)
    {
      handle_failure (reading->task, g_error_new (RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_MALFORMED,
                                                  _("TikTok’s reply was longer than %d MiB: Rally stopped reading it"),
                                                  MAX_REPLY_BYTES / (1024 * 1024)));
      return;
    }
  read_piece (g_steal_pointer (&reading));
}

/* Reads the next READ_PIECE bytes of the reply, or what is left of it: a shorter
 * piece is its end. */
static void
read_piece (Reading *reading)
{
  gsize had = reading->body->len;

  g_byte_array_set_size (reading->body, had + READ_PIECE);
  g_input_stream_read_all_async (reading->stream, reading->body->data + had, READ_PIECE, G_PRIORITY_DEFAULT,
                                 ((Request *) g_task_get_task_data (reading->task))->in_flight, read_cb, reading);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  GInputStream *stream;
  Reading *reading;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      send_failed (task, error, TRUE);
      return;
    }
  reading = g_new0 (Reading, 1);
  reading->task = task;
  reading->stream = stream;
  reading->body = g_byte_array_sized_new (READ_PIECE);
  read_piece (reading);
}

static const char *
current_token (RallySyncClient *self,
               AuthKind         auth)
{
  return auth == AUTH_CLIENT ? self->client_token : self->user_token;
}

/* Requests are small and latency-bound: send the body with the headers rather than
 * waiting for the server's (delayed) ACK. */
static void
network_event_cb (SoupMessage        *msg,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            user_data)
{
  GSocket *socket;

  if (event != G_SOCKET_CLIENT_CONNECTED || !G_IS_SOCKET_CONNECTION (connection))
    return;
  socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (connection));
  if (g_socket_get_family (socket) != G_SOCKET_FAMILY_UNIX)
    g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
}

/* A redirect is followed only to the same host and port, over https (or plain http
 * to this computer): the request carries a token, and the reply becomes data. */
static gboolean
redirect_allowed (SoupMessage *msg,
                  const char  *location)
{
  GUri *from = soup_message_get_uri (msg);
  g_autoptr(GUri) to = g_uri_parse_relative (from, location, SOUP_HTTP_URI_FLAGS, NULL);
  g_autofree char *target = to != NULL ? g_uri_to_string (to) : NULL;

  return to != NULL && g_uri_get_host (to) != NULL &&
         g_ascii_strcasecmp (g_uri_get_host (to), g_uri_get_host (from)) == 0 &&
         g_uri_get_port (to) == g_uri_get_port (from) &&
         rally_sync_client_check_url (target, NULL);
}

/* Refuses a redirect that redirect_allowed() does not allow before libsoup follows
 * it; sent_cb() then fails the request with the address it was sent to. */
static void
got_headers_cb (SoupMessage *msg,
                gpointer     user_data)
{
  const char *location;

  if (!SOUP_STATUS_IS_REDIRECTION (soup_message_get_status (msg)))
    return;
  location = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
  if (location == NULL || redirect_allowed (msg, location))
    return;
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  g_object_set_data_full (G_OBJECT (msg), "rally-refused-redirect", g_strdup (location), g_free);
}

static void
wrote_body_cb (RallySyncClient *self)
{
  g_signal_emit (self, signals[SENT], 0);
}

void
_rally_sync_request_send (GTask *task)
{
  RallySyncClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_clear_object (&req->msg);
  req->msg = soup_message_new (req->method, req->url);
  if (req->msg == NULL)
    {
      _rally_sync_chain_return_new_error (task, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_INVALID_PARAMS,
                                          _("“%s” is not a valid address"), req->url);
      return;
    }
  /* Every call is safe to repeat (queries and token requests; retries repeat them
   * anyway): let libsoup reuse a kept-alive connection instead of a new TCP+TLS
   * handshake per POST. */
  soup_message_add_flags (req->msg, SOUP_MESSAGE_IDEMPOTENT);
  g_signal_connect (req->msg, "network-event", G_CALLBACK (network_event_cb), NULL);
  g_signal_connect (req->msg, "got-headers", G_CALLBACK (got_headers_cb), NULL);
  headers = soup_message_get_request_headers (req->msg);
  if (req->auth != AUTH_NONE)
    {
      g_autofree char *value = g_strconcat ("Bearer ", current_token (self, req->auth), NULL);

      req->token_serial = self->token_serial[req->auth];
      soup_message_headers_replace (headers, "Authorization", value);
      memset (value, 0, strlen (value));
    }
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->msg, req->content_type, req->body);

  req->attempt++;
  if (req->research)
    {
      self->research_requests++;
      g_signal_connect_swapped (req->msg, "wrote-body", G_CALLBACK (wrote_body_cb), self);
    }

  soup_session_send_async (self->session, req->msg, G_PRIORITY_DEFAULT, begin_attempt (task), sent_cb, task);
}

void
_rally_sync_request_start (RallySyncClient     *self,
                           Request             *req,
                           gpointer             source_tag,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, req, request_free);
  /* a reply read before a cancellation is still returned: the caller may keep it */
  g_task_set_check_cancellable (task, FALSE);
  request_step (task);
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

static gboolean
token_valid (RallySyncClient *self,
             AuthKind         auth)
{
  if (auth == AUTH_CLIENT)
    return self->client_token != NULL && g_get_monotonic_time () < self->client_token_expiry;
  return self->user_token != NULL && g_get_real_time () < self->user_token_expiry;
}

static void
request_step (GTask *task)
{
  RallySyncClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (g_cancellable_is_cancelled (req->stop_retries))
    {
      _rally_sync_chain_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The sync was cancelled"));
      return;
    }
  if (req->auth == AUTH_NONE || token_valid (self, req->auth))
    _rally_sync_request_send (task);
  else if (self->token_waiters[req->auth] != NULL)
    /* one token request at a time: the others wait for it */
    g_ptr_array_add (self->token_waiters[req->auth], task);
  else
    {
      self->token_waiters[req->auth] = g_ptr_array_new ();
      _rally_sync_client_fetch_token (task);
    }
}

/* The token request for @auth ended: the requests that waited for it go on (with
 * the new token, or each asks again when there is still none). */
void
_rally_sync_client_token_done (RallySyncClient *self,
                               AuthKind         auth)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->token_waiters[auth]);

  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    request_step (g_ptr_array_index (waiters, i));
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
rally_sync_client_finalize (GObject *object)
{
  RallySyncClient *self = (RallySyncClient *) object;

  if (self->idle_close != NULL)
    g_source_destroy (self->idle_close);
  g_clear_pointer (&self->idle_close, g_source_unref);
  g_clear_object (&self->session);
  g_main_context_unref (self->context);
  g_free (self->research_url);
  g_free (self->display_url);
  g_free (self->client_key);
  g_clear_pointer (&self->client_secret, rally_wipe_free);
  g_clear_pointer (&self->client_token, rally_wipe_free);
  g_clear_pointer (&self->user_token, rally_wipe_free);
  g_clear_pointer (&self->refresh_token, rally_wipe_free);

  G_OBJECT_CLASS (rally_sync_client_parent_class)->finalize (object);
}

static void
rally_sync_client_class_init (RallySyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rally_sync_client_finalize;

  /**
   * RallySyncClient::retrying:
   * @message: why the last attempt failed
   * @delay_ms: the wait before the next attempt
   */
  signals[RETRYING] = g_signal_new ("retrying", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  /**
   * RallySyncClient::sent:
   *
   * A Research API request was written out whole: the server has it.
   */
  signals[SENT] = g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rally_sync_client_init (RallySyncClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Rally/%s", PACKAGE_VERSION);

  /* the engine fetches a few query windows at once, each on its own kept-alive connection */
  self->session = soup_session_new_with_options ("user-agent", user_agent, "timeout", 60,
                                                 "idle-timeout", 0, "max-conns-per-host", 8, NULL);
  self->max_attempts = 5;
  self->base_delay_ms = 2000;
  self->max_delay_ms = 60000;
  self->max_total_ms = 5 * 60 * 1000;
  self->attempt_timeout_ms = 2 * 60 * 1000;
  self->idle_close_ms = 60 * 1000;
  self->context = g_main_context_ref_thread_default ();
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

/**
 * rally_sync_client_check_url:
 *
 * Accepts https:// URLs, and http:// only to a loopback host.
 */
gboolean
rally_sync_client_check_url (const char  *url,
                             GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_INSECURE_URL,
                   _("“%s” is not a valid web address"), url);
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 && is_loopback (g_uri_get_host (uri)))
    return TRUE;
  g_set_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_INSECURE_URL,
               _("“%s” is not a secure address: use https:// (plain http:// is only allowed to this computer)"),
               url);
  return FALSE;
}

/**
 * rally_sync_client_new:
 * @research_url: base URL of the Research API, e.g. https://open.tiktokapis.com
 * @display_url: base URL of the Display API
 *
 * Returns: (transfer full): a client, or %NULL with RALLY_SYNC_ERROR_INSECURE_URL.
 */
RallySyncClient *
rally_sync_client_new (const char  *research_url,
                       const char  *display_url,
                       GError     **error)
{
  RallySyncClient *self;

  g_return_val_if_fail (research_url != NULL, NULL);
  g_return_val_if_fail (display_url != NULL, NULL);

  if (!rally_sync_client_check_url (research_url, error) || !rally_sync_client_check_url (display_url, error))
    return NULL;

  self = g_object_new (RALLY_TYPE_SYNC_CLIENT, NULL);
  self->research_url = g_strdup (research_url);
  self->display_url = g_strdup (display_url);
  /* "https://host/" + "/v2/…" would double the slash */
  while (g_str_has_suffix (self->research_url, "/"))
    self->research_url[strlen (self->research_url) - 1] = '\0';
  while (g_str_has_suffix (self->display_url, "/"))
    self->display_url[strlen (self->display_url) - 1] = '\0';
  /* loopback (tests, the emulator) never goes through a proxy */
  if (url_is_loopback (self->research_url) && url_is_loopback (self->display_url))
    soup_session_set_proxy_resolver (self->session, NULL);
  return self;
}

void
rally_sync_client_set_credentials (RallySyncClient *self,
                                   const char      *client_key,
                                   const char      *client_secret)
{
  g_return_if_fail (RALLY_IS_SYNC_CLIENT (self));

  g_free (self->client_key);
  self->client_key = g_strdup (client_key);
  g_clear_pointer (&self->client_secret, rally_wipe_free);
  self->client_secret = g_strdup (client_secret);
  g_clear_pointer (&self->client_token, rally_wipe_free);
}

/**
 * rally_sync_client_set_user_token:
 * @access_token: (nullable): a Display API user token (act.…)
 * @expires_at: its expiry, Unix seconds
 * @refresh_token: (nullable): the refresh token (rft.…)
 */
void
rally_sync_client_set_user_token (RallySyncClient *self,
                                  const char      *access_token,
                                  gint64           expires_at,
                                  const char      *refresh_token)
{
  g_return_if_fail (RALLY_IS_SYNC_CLIENT (self));

  g_clear_pointer (&self->user_token, rally_wipe_free);
  g_clear_pointer (&self->refresh_token, rally_wipe_free);
  self->user_token = g_strdup (access_token);
  self->user_token_expiry = expires_at * G_USEC_PER_SEC;
  self->refresh_token = g_strdup (refresh_token);
}

/**
 * rally_sync_client_dup_user_token:
 * @expires_at: (out) (optional): the token's expiry, Unix seconds
 *
 * Returns: (transfer full) (nullable): the Display API user token, e.g. after
 *   rally_sync_client_exchange_code_async(), to be saved
 */
char *
rally_sync_client_dup_user_token (RallySyncClient *self,
                                  gint64          *expires_at)
{
  g_return_val_if_fail (RALLY_IS_SYNC_CLIENT (self), NULL);

  if (expires_at != NULL)
    *expires_at = self->user_token_expiry / G_USEC_PER_SEC;
  return g_strdup (self->user_token);
}

/**
 * rally_sync_client_dup_rotated_tokens:
 * @loaded_refresh: (nullable): the refresh token the client was given
 * @access_token: (out): the current access token
 * @refresh_token: (out): the current refresh token
 *
 * Refresh tokens rotate: once the client refreshed its user token, the one it was
 * given no longer works, and the new pair must be kept.
 *
 * Returns: %TRUE, with both set, when the client holds a new pair; %FALSE, with
 *   both %NULL, when its refresh token is still @loaded_refresh (or there is none)
 */
gboolean
rally_sync_client_dup_rotated_tokens (RallySyncClient  *self,
                                      const char       *loaded_refresh,
                                      char            **access_token,
                                      char            **refresh_token)
{
  g_return_val_if_fail (RALLY_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (access_token != NULL && refresh_token != NULL, FALSE);

  *access_token = *refresh_token = NULL;
  if (self->user_token == NULL || self->refresh_token == NULL ||
      g_strcmp0 (self->refresh_token, loaded_refresh) == 0)
    return FALSE;
  *access_token = g_strdup (self->user_token);
  *refresh_token = g_strdup (self->refresh_token);
  return TRUE;
}

/* Whether the client key and secret for the Research API are set. */
gboolean
rally_sync_client_has_client_credentials (RallySyncClient *self)
{
  g_return_val_if_fail (RALLY_IS_SYNC_CLIENT (self), FALSE);

  return self->client_key != NULL && *self->client_key != '\0' &&
         self->client_secret != NULL && *self->client_secret != '\0';
}

/* Whether a Display API user token (or a refresh token to get one) is set. */
gboolean
rally_sync_client_has_user_token (RallySyncClient *self)
{
  g_return_val_if_fail (RALLY_IS_SYNC_CLIENT (self), FALSE);

  return (self->user_token != NULL && *self->user_token != '\0') ||
         (self->refresh_token != NULL && *self->refresh_token != '\0');
}

/* Returns: (transfer full) (nullable): the newest refresh token, to be saved. */
char *
rally_sync_client_dup_refresh_token (RallySyncClient *self)
{
  g_return_val_if_fail (RALLY_IS_SYNC_CLIENT (self), NULL);

  return g_strdup (self->refresh_token);
}

/**
 * rally_sync_client_set_retry_policy:
 * @max_attempts: attempts per request, at least 1
 * @base_delay_ms: first back-off wait
 * @max_delay_ms: longest single wait
 * @max_total_ms: no retry is scheduled past this time since the request started
 */
void
rally_sync_client_set_retry_policy (RallySyncClient *self,
                                    guint            max_attempts,
                                    guint            base_delay_ms,
                                    guint            max_delay_ms,
                                    guint            max_total_ms)
{
  g_return_if_fail (RALLY_IS_SYNC_CLIENT (self));
  g_return_if_fail (max_attempts >= 1);

  self->max_attempts = max_attempts;
  self->base_delay_ms = MAX (base_delay_ms, 1);
  self->max_delay_ms = MAX (max_delay_ms, self->base_delay_ms);
  self->max_total_ms = max_total_ms;
}

/**
 * rally_sync_client_set_attempt_timeout:
 * @timeout_ms: how long one attempt may take, from sending the request to the
 *   last byte of the reply (2 minutes unless set)
 *
 * An attempt that takes longer is given up and tried again like a cut
 * connection.
 */
void
rally_sync_client_set_attempt_timeout (RallySyncClient *self,
                                       guint            timeout_ms)
{
  g_return_if_fail (RALLY_IS_SYNC_CLIENT (self));
  g_return_if_fail (timeout_ms > 0);

  self->attempt_timeout_ms = timeout_ms;
}

/**
 * rally_sync_client_set_idle_timeout:
 * @timeout_ms: how long a kept-alive connection stays open unused (a minute
 *   unless set; it may stay up to twice as long)
 */
void
rally_sync_client_set_idle_timeout (RallySyncClient *self,
                                    guint            timeout_ms)
{
  g_return_if_fail (RALLY_IS_SYNC_CLIENT (self));
  g_return_if_fail (timeout_ms > 0);

  self->idle_close_ms = timeout_ms;
}

/* The number of HTTP requests sent to Research API endpoints (every attempt
 * counts against the daily quota). */
guint
rally_sync_client_get_research_requests (RallySyncClient *self)
{
  g_return_val_if_fail (RALLY_IS_SYNC_CLIENT (self), 0);

  return self->research_requests;
}

