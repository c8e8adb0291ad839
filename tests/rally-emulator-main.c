/* rally-emulator-main.c
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

/* rally-emulator: run the loopback TikTok API emulator by hand.
 * Prints "http://127.0.0.1:PORT" on stdout, then serves until killed. */

#define G_LOG_DOMAIN "RallyEmulator"

#include "config.h"

#include <glib-unix.h>
#include <stdio.h>
#include <stdlib.h>

#include "rally-emulator.h"

static char **hashtags;
static int n_videos = 1000;
static char *start_day = NULL;
static int n_days = 60;
static char *fault_args[RALLY_EMULATOR_N_FAULTS];
static int retry_after = -1;
static int delay_ms;
static int quota;
static int token_lifetime = 7200;
static gboolean user_denies;
static int lag_hours;
static char *display_hashtag;
static gboolean display_faults;
static gboolean q_dups, q_nul, q_strings, q_video_id, q_unknown, q_exclusive, q_rotate, q_gaps;

static GOptionEntry entries[] = {
  { "hashtag", 't', 0, G_OPTION_ARG_STRING_ARRAY, &hashtags, "Hashtag to serve (repeatable; default walkforwater)", "TAG" },
  { "videos", 'n', 0, G_OPTION_ARG_INT, &n_videos, "Videos per hashtag (default 1000)", "N" },
  { "start", 's', 0, G_OPTION_ARG_STRING, &start_day, "Day of the oldest video, YYYYMMDD (default 60 days ago)", "DAY" },
  { "days", 'd', 0, G_OPTION_ARG_INT, &n_days, "Days the videos are spread over (default 60)", "N" },
  { "fail-5xx", 0, 0, G_OPTION_ARG_STRING, &fault_args[RALLY_EMULATOR_FAULT_SERVER_ERROR], "500 on the Nth query request (N[:TIMES])", "N" },
  { "html-504", 0, 0, G_OPTION_ARG_STRING, &fault_args[RALLY_EMULATOR_FAULT_GATEWAY_HTML], "504 with an HTML body", "N" },
  { "rate-limit", 0, 0, G_OPTION_ARG_STRING, &fault_args[RALLY_EMULATOR_FAULT_RATE_LIMIT], "429 rate_limit_exceeded", "N" },
  { "cut-body", 0, 0, G_OPTION_ARG_STRING, &fault_args[RALLY_EMULATOR_FAULT_CUT_BODY], "Reply cut in the middle of the body", "N" },
  { "malformed", 0, 0, G_OPTION_ARG_STRING, &fault_args[RALLY_EMULATOR_FAULT_MALFORMED_JSON], "Malformed JSON", "N" },
  { "token-expiry", 0, 0, G_OPTION_ARG_STRING, &fault_args[RALLY_EMULATOR_FAULT_TOKEN_EXPIRED], "Revoke tokens, 401 access_token_invalid", "N" },
  { "search-id-expiry", 0, 0, G_OPTION_ARG_STRING, &fault_args[RALLY_EMULATOR_FAULT_SEARCH_ID_EXPIRED], "Expire every search_id", "N" },
  { "invalid-cursor", 0, 0, G_OPTION_ARG_STRING, &fault_args[RALLY_EMULATOR_FAULT_INVALID_CURSOR], "400 Invalid count or cursor", "N" },
  { "retry-after", 0, 0, G_OPTION_ARG_INT, &retry_after, "Retry-After seconds sent with 429 (default none)", "S" },
  { "delay", 0, 0, G_OPTION_ARG_INT, &delay_ms, "Delay every reply", "MS" },
  { "quota", 0, 0, G_OPTION_ARG_INT, &quota, "Research requests before daily_quota_limit_exceeded (0: none)", "N" },
  { "user-denies", 0, 0, G_OPTION_ARG_NONE, &user_denies, "The sign-in page answers error=access_denied", NULL },
  { "token-lifetime", 0, 0, G_OPTION_ARG_INT, &token_lifetime, "expires_in of issued tokens (default 7200)", "S" },
  { "index-lag", 0, 0, G_OPTION_ARG_INT, &lag_hours, "Hours before a new video is searchable; counts settle over 10 days (TikTok: up to 48)", "H" },
  { "display-hashtag", 0, 0, G_OPTION_ARG_STRING, &display_hashtag, "Put #TAG in every third own video's title (Display API)", "TAG" },
  { "display-faults", 0, 0, G_OPTION_ARG_NONE, &display_faults, "Faults count Display video list requests instead of Research queries", NULL },
  { "duplicates", 0, 0, G_OPTION_ARG_NONE, &q_dups, "Duplicate videos within and across pages", NULL },
  { "nul", 0, 0, G_OPTION_ARG_NONE, &q_nul, "NUL characters in strings", NULL },
  { "counts-as-strings", 0, 0, G_OPTION_ARG_NONE, &q_strings, "Counts as JSON strings", NULL },
  { "video-id-key", 0, 0, G_OPTION_ARG_NONE, &q_video_id, "\"video_id\" instead of \"id\"", NULL },
  { "unknown-fields", 0, 0, G_OPTION_ARG_NONE, &q_unknown, "Unknown members in replies", NULL },
  { "end-exclusive", 0, 0, G_OPTION_ARG_NONE, &q_exclusive, "end_date not included", NULL },
  { "rotate-search-id", 0, 0, G_OPTION_ARG_NONE, &q_rotate, "A new search_id on every page", NULL },
  { "gaps", 0, 0, G_OPTION_ARG_NONE, &q_gaps, "Deleted videos consume cursor positions", NULL },
  { NULL }
};

static gboolean
parse_fault (RallyEmulator       *emu,
             RallyEmulatorFault   fault,
             const char          *arg,
             GError             **error)
{
  guint64 nth = 0, times = 1;
  g_auto(GStrv) parts = g_strsplit (arg, ":", 2);

  if (!g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXUINT, &nth, error))
    return FALSE;
  if (parts[1] != NULL && !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT, &times, error))
    return FALSE;
  rally_emulator_add_fault (emu, fault, (guint) nth, (guint) times);
  return TRUE;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gint64
first_time (GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) day = NULL;
  int y, m, d;

  if (start_day == NULL)
    {
      day = g_date_time_add_days (now, -n_days);
      return g_date_time_to_unix (day);
    }
  if (sscanf (start_day, "%4d%2d%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "invalid --start %s", start_day);
      return -1;
    }
  day = g_date_time_new_utc (y, m, d, 0, 0, 0);
  return g_date_time_to_unix (day);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- loopback TikTok API emulator");
  g_autoptr(RallyEmulator) emu = rally_emulator_new ();
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  RallyEmulatorQuirks quirks = 0;
  gint64 first;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || (first = first_time (&error)) < 0)
    goto fail;

  for (guint f = 0; f < RALLY_EMULATOR_N_FAULTS; f++)
    if (fault_args[f] != NULL && !parse_fault (emu, f, fault_args[f], &error))
      goto fail;

  quirks |= q_dups ? RALLY_EMULATOR_QUIRK_DUPLICATES : 0;
  quirks |= q_nul ? RALLY_EMULATOR_QUIRK_NUL_CHARS : 0;
  quirks |= q_strings ? RALLY_EMULATOR_QUIRK_COUNTS_AS_STRINGS : 0;
  quirks |= q_video_id ? RALLY_EMULATOR_QUIRK_VIDEO_ID_KEY : 0;
  quirks |= q_unknown ? RALLY_EMULATOR_QUIRK_UNKNOWN_FIELDS : 0;
  quirks |= q_exclusive ? RALLY_EMULATOR_QUIRK_END_EXCLUSIVE : 0;
  quirks |= q_rotate ? RALLY_EMULATOR_QUIRK_ROTATE_SEARCH_ID : 0;
  quirks |= q_gaps ? RALLY_EMULATOR_QUIRK_GAPS : 0;
  rally_emulator_set_quirks (emu, quirks);
  rally_emulator_set_retry_after (emu, retry_after);
  rally_emulator_set_delay (emu, (guint) MAX (delay_ms, 0));
  rally_emulator_set_daily_quota (emu, (guint) MAX (quota, 0));
  rally_emulator_set_index_lag (emu, (guint) CLAMP (lag_hours, 0, 24 * 30) * 3600);
  rally_emulator_set_display_hashtag (emu, display_hashtag);
  rally_emulator_set_faults_on_display (emu, display_faults);
  rally_emulator_set_token_lifetime (emu, (guint) MAX (token_lifetime, 1));
  rally_emulator_set_user_denies (emu, user_denies);

  if (hashtags == NULL)
    rally_emulator_add_hashtag (emu, "walkforwater", (guint) MAX (n_videos, 0), first, first + (gint64) n_days * 86400 - 1);
  for (guint i = 0; hashtags != NULL && hashtags[i] != NULL; i++)
    rally_emulator_add_hashtag (emu, hashtags[i], (guint) MAX (n_videos, 0), first, first + (gint64) n_days * 86400 - 1);

  if (!rally_emulator_start (emu, &error))
    goto fail;

  printf ("%s\n", rally_emulator_get_url (emu));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);
  g_strfreev (hashtags);
  return EXIT_SUCCESS;

fail:
  g_printerr ("rally-emulator: %s\n", error->message);
  return EXIT_FAILURE;
}
