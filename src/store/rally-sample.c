/* rally-sample.c
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

/* The sample workspace: two campaigns and three challenges modelled on public figures
 * for charity hashtag challenges, with per-video rows whose views follow a heavy-tailed
 * (log-normal) distribution, a daily snapshot history and a few planned posts.
 * Everything comes from seeded GRands, so two runs give the same rows. */

#define G_LOG_DOMAIN "RallySample"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "rally-sample.h"
#include "rally-store-private.h"

#define SAMPLE_SEED       20190528
#define VIEWS_SIGMA       2.1   /* spread of log(views): a few videos get most views */
#define SETTLE_DAYS       10    /* Research API counts settle after up to 10 days */
#define MIN_VIEWS         25
#define SAMPLE_CACHE_KIB  (128 * 1024)
#define N_PARTNERS        6
#define N_BRIEFED         40

typedef struct
{
  const char *code;
  guint       weight;
} SampleRegion;

typedef struct
{
  const char         *name;
  const char         *cause;
  const char         *description;
  RallyCampaignStatus status;
  int                 start[3];
  int                 end[3];
  gint64              goal_views;
  gint64              goal_videos;
  gint64              goal_donations;
  gint64              budget;
  const char         *color;
} SampleCampaign;

typedef struct
{
  const char         *hashtag;
  int                 campaign;          /* index in sample_campaigns, -1 for none */
  const char         *title;
  const char         *brief;
  const char         *call_to_action;
  const char         *rules;
  const char         *sound_notes;
  const char         *sponsor;
  int                 start[3];
  int                 launch[3];         /* the day videos peak */
  int                 end[3];
  double              pre_launch_weight; /* daily weight before launch, the peak being 1 */
  double              decay_days;        /* how fast daily videos fall after the peak */
  guint               n_videos;          /* at scale 1 */
  gint64              n_views;           /* at scale 1 */
  gint64              goal_videos;
  gint64              goal_views;
  gint64              pledge_per_video;
  gint64              pledge_cap;
  const SampleRegion *regions;
  const char * const *partners;
  const char * const *captions;
} SampleChallenge;

static const SampleCampaign sample_campaigns[] = {
  {
    N_("Dance for Change"),
    N_("Rural development and smallholder farmers"),
    N_("Sample data. IFAD, the UN's International Fund for Agricultural Development, invited young people to "
       "dance for the farmers who grow much of the world's food. Publicly reported figures: about 33K videos "
       "and 81M views."),
    RALLY_CAMPAIGN_STATUS_COMPLETED, { 2019, 5, 1 }, { 2019, 8, 31 },
    50000000, 25000, 0, 1500000, "#26a269",
  },
  {
    N_("Red Nose Day 2020"),
    N_("Child poverty"),
    N_("Sample data. Comic Relief US ran Red Nose Day on TikTok in May 2020: TikTok gave $2 for each video "
       "made with the Red Nose Day effect, up to $100,000. Publicly reported figures: about 22K videos and "
       "20M views."),
    RALLY_CAMPAIGN_STATUS_COMPLETED, { 2020, 5, 1 }, { 2020, 5, 31 },
    15000000, 20000, 10000000, 800000, "#e01b24",
  },
};

static const SampleRegion dance_regions[] = {
  { "NG", 18 }, { "KE", 12 }, { "GH", 9 }, { "ZA", 7 }, { "US", 14 }, { "GB", 8 }, { "IT", 6 },
  { "FR", 5 }, { "IN", 7 }, { "BR", 6 }, { "PH", 4 }, { "ID", 4 }, { NULL, 0 },
};

static const SampleRegion red_nose_regions[] = {
  { "US", 78 }, { "CA", 8 }, { "GB", 7 }, { "AU", 3 }, { "MX", 4 }, { NULL, 0 },
};

static const SampleRegion real_regions[] = {
  { "FR", 14 }, { "DE", 14 }, { "IT", 12 }, { "ES", 12 }, { "PL", 9 }, { "NL", 7 }, { "BE", 6 },
  { "SE", 5 }, { "PT", 5 }, { "RO", 6 }, { "GR", 5 }, { "IE", 5 }, { NULL, 0 },
};

/* The partner rosters: every username here is invented for the sample (as are the
 * briefed creators format_creator() names after them); none is a real account. */
static const char * const dance_partners[] = {
  "fieldsandbeats", "ruralyouthcrew", "harvest_moves", "ifad_friends", "lagos_dance_lab", "nairobi_steps",
};
static const char * const red_nose_partners[] = {
  "rednose_crew", "comedy_for_kids", "goofy_goodness", "nose_on_nose", "laughs_that_help", "bigheart_studio",
};
static const char * const real_partners[] = {
  "realtalk_eu", "youth4rights", "speakup_collective", "kindness_lab", "unfiltered_voices", "moveforeurope",
};

static const char * const dance_captions[] = {
  "Dancing for the farmers who feed us 🌾 #DanceForChange",
  "My moves for smallholder farmers #DanceForChange",
  "Learnt the routine, now it's your turn 💃 #DanceForChange",
  "Rural youth, global dance floor #DanceForChange #IFAD",
};
static const char * const red_nose_captions[] = {
  "Nose on, $2 to help kids 🔴 #rednoseday",
  "Every video helps — try the effect! #rednoseday",
  "Silly for a good cause #rednoseday #RedNoseDay2020",
  "Red nose, big heart ❤️ #rednoseday",
};
static const char * const real_captions[] = {
  "What's real for me 💬 #TheRealChallenge",
  "No filters, just facts #TheRealChallenge",
  "Kindness is real #TheRealChallenge",
  "Speaking up for every child #TheRealChallenge",
};

#define SAFEGUARD_CONSENT N_("Under 18? Ask a parent or carer before you post, and keep your video public only if they agree.")
#define SAFEGUARD_MODERATION N_("Two moderators review entries daily; comments are filtered for abuse.")
#define SAFEGUARD_REPORTING N_("Report worries through TikTok's in-app reporting or to the charity's safeguarding lead.")

static const SampleChallenge sample_challenges[] = {
  {
    "DanceForChange", 0,
    N_("Dance for Change"),
    N_("Learn the routine by Sherrie Silver to Mr Eazi's song and dance for the farmers who feed the world."),
    N_("Post your dance with #DanceForChange and challenge three friends."),
    N_("Use the official sound. Keep it kind. No personal data in captions."),
    N_("Official sound: “Dance for Change” (Mr Eazi)."),
    "",
    { 2019, 5, 1 }, { 2019, 5, 28 }, { 2019, 8, 31 }, 0.09, 12.0,
    33214, 81000000, 30000, 60000000, 0, 0,
    dance_regions, dance_partners, dance_captions,
  },
  {
    "rednoseday", 1,
    N_("Red Nose Day"),
    N_("Put on the Red Nose Day effect and do something funny for money."),
    N_("Use the Red Nose Day effect: every video raises $2 for kids in need."),
    N_("Use the Red Nose Day effect. Keep it family friendly."),
    N_("Effect: Red Nose Day (TikTok). Any sound."),
    "TikTok",
    { 2020, 5, 12 }, { 2020, 5, 19 }, { 2020, 5, 31 }, 0.04, 3.0,
    22031, 20000000, 20000, 15000000, 200, 10000000,
    red_nose_regions, red_nose_partners, red_nose_captions,
  },
  {
    "TheRealChallenge", -1,
    N_("The Real Challenge"),
    N_("Sample data with invented figures: no public figures were found for this challenge by UNICEF and the "
       "European Union. Share something real about growing up, without filters."),
    N_("Post what is real for you with #TheRealChallenge."),
    N_("No filters. Be kind. Never show where you live or go to school."),
    N_("Any sound; text on screen encouraged."),
    "",
    { 2021, 3, 8 }, { 2021, 3, 8 }, { 2021, 4, 30 }, 0.0, 15.0,
    2400, 1900000, 3000, 2500000, 0, 0,
    real_regions, real_partners, real_captions,
  },
};

/* Auxiliary methods */

static gint64
utc_day (const int ymd[3])
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (ymd[0], ymd[1], ymd[2], 0, 0, 0);

  return g_date_time_to_unix (dt);
}

static guint
n_days_between (const int from[3],
                const int to[3])
{
  return (guint) ((utc_day (to) - utc_day (from)) / RALLY_SECONDS_PER_DAY) + 1;
}

/* A standard normal deviate (Box–Muller). */
static double
rand_normal (GRand *rand)
{
  double u = 1.0 - g_rand_double (rand);
  double v = g_rand_double (rand);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

static const char *
pick_region (GRand              *rand,
             const SampleRegion *regions)
{
  guint total = 0, r;

  for (const SampleRegion *region = regions; region->code != NULL; region++)
    total += region->weight;

  r = g_rand_int_range (rand, 0, total);
  for (const SampleRegion *region = regions; region->code != NULL; region++)
    {
      if (r < region->weight)
        return region->code;
      r -= region->weight;
    }

  return regions[0].code;
}

static void
format_creator (const SampleChallenge *spec,
                guint                  index,
                char                  *buf,
                gsize                  size)
{
  static const char * const first[] = {
    "ama", "kofi", "lena", "ravi", "zara", "tomi", "ines", "yusuf",
    "mia", "chidi", "sofia", "arjun", "nia", "mateo", "aisha", "leo",
  };
  static const char * const second[] = {
    "dances", "moves", "grooves", "beats", "steps", "vibes", "shines", "plays",
  };
  guint n = index - N_PARTNERS;

  if (index < N_PARTNERS)
    g_strlcpy (buf, spec->partners[index], size);
  else
    g_snprintf (buf, size, "%s%s%u", first[n % G_N_ELEMENTS (first)],
                second[(n / G_N_ELEMENTS (first)) % G_N_ELEMENTS (second)],
                (guint) (n / (G_N_ELEMENTS (first) * G_N_ELEMENTS (second))));
}

/* Daily weights: flat before launch, then a peak decaying exponentially. */
static double *
day_weights (const SampleChallenge *spec,
             guint                  n_days)
{
  double *weights = g_new (double, n_days);
  guint launch = n_days_between (spec->start, spec->launch) - 1;

  for (guint d = 0; d < n_days; d++)
    {
      if (d < launch)
        weights[d] = spec->pre_launch_weight;
      else
        weights[d] = exp (-(double) (d - launch) / spec->decay_days) + 0.01;
    }

  return weights;
}

/* How many videos are posted each day: n_videos draws from the daily weights. */
static guint *
day_counts (const SampleChallenge *spec,
            GRand                 *rand,
            guint                  n_videos,
            guint                  n_days)
{
  g_autofree double *weights = day_weights (spec, n_days);
  g_autofree double *cumulative = g_new (double, n_days);
  guint *counts = g_new0 (guint, n_days);
  double total = 0;

  for (guint d = 0; d < n_days; d++)
    cumulative[d] = (total += weights[d]);

  for (guint i = 0; i < n_videos; i++)
    {
      double r = g_rand_double (rand) * total;
      guint lo = 0, hi = n_days - 1;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (cumulative[mid] > r)
            hi = mid;
          else
            lo = mid + 1;
        }
      counts[lo]++;
    }

  return counts;
}

/* Views per video: log-normal weights scaled so they add up to @total_views. */
static gint64 *
video_views (GRand  *rand,
             guint   n_videos,
             gint64  total_views)
{
  g_autofree double *weights = g_new (double, n_videos);
  gint64 *views = g_new (gint64, n_videos);
  double sum = 0;

  for (guint i = 0; i < n_videos; i++)
    sum += (weights[i] = exp (VIEWS_SIGMA * rand_normal (rand)));

  /* Every video gets a few views from the creator's followers. */
  for (guint i = 0; i < n_videos; i++)
    views[i] = MIN_VIEWS + (gint64) (weights[i] / sum * (double) (total_views - MIN_VIEWS * n_videos));

  return views;
}

/* Generation state of one challenge */

typedef struct
{
  const SampleChallenge *spec;
  gint64                 challenge_id;
  gint64                 start;
  guint                  n_days;
  guint                  n_creators;
  gint                  *creator_first_day;  /* -1 until the creator's first video */
  gint64                *per_day;            /* per day: videos, views, likes, comments, shares */
  guint                 *new_creators;       /* creators whose first video is that day */
} SampleState;

static void
sample_state_clear (SampleState *state)
{
  g_free (state->creator_first_day);
  g_free (state->per_day);
  g_free (state->new_creators);
}

static gint64
fraction_of (GRand  *rand,
             gint64  views,
             double  low,
             double  high)
{
  return (gint64) ((double) views * g_rand_double_range (rand, low, high));
}

#define INSERT_VIDEO_SQL \
  "INSERT INTO videos (created_at, updated_at, challenge_id, tiktok_id, creator, region, posted_at," \
  " description, views, likes, comments, shares, origin)" \
  " VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"

static gboolean
insert_video (RallyStore   *store,
              SampleState  *state,
              GRand        *rand,
              guint         index,
              guint         day,
              gint64        views,
              GError      **error)
{
  RallyDbStmt *stmt = _rally_store_stmt (store, INSERT_VIDEO_SQL, error);
  guint creator = (guint) (state->n_creators * pow (g_rand_double (rand), 1.6));
  gint64 posted_at = state->start + day * RALLY_SECONDS_PER_DAY + g_rand_int_range (rand, 0, 86400);
  RallyVideoOrigin origin = RALLY_VIDEO_ORIGIN_ORGANIC;
  gint64 likes = fraction_of (rand, views, 0.06, 0.14);
  gint64 comments = fraction_of (rand, views, 0.003, 0.012);
  gint64 shares = fraction_of (rand, views, 0.002, 0.01);
  char name[64];

  if (stmt == NULL)
    return FALSE;

  if (creator < N_PARTNERS)
    origin = RALLY_VIDEO_ORIGIN_PARTNER;
  else if (creator < N_PARTNERS + N_BRIEFED)
    origin = RALLY_VIDEO_ORIGIN_CREATOR;
  format_creator (state->spec, creator, name, sizeof name);

  rally_db_stmt_bind_int64 (stmt, 1, _rally_store_now ());
  rally_db_stmt_bind_int64 (stmt, 2, state->challenge_id);
  /* Like TikTok's, the id starts with the posting time; the low half makes it unique. */
  rally_db_stmt_bind_int64 (stmt, 3, (posted_at << 32) | (gint64) (guint32) (index * 2654435761u));
  rally_db_stmt_bind_text (stmt, 4, name, -1);
  rally_db_stmt_bind_text (stmt, 5, pick_region (rand, state->spec->regions), -1);
  rally_db_stmt_bind_int64 (stmt, 6, posted_at);
  rally_db_stmt_bind_text (stmt, 7, state->spec->captions[g_rand_int_range (rand, 0, 4)], -1);
  rally_db_stmt_bind_int64 (stmt, 8, views);
  rally_db_stmt_bind_int64 (stmt, 9, likes);
  rally_db_stmt_bind_int64 (stmt, 10, comments);
  rally_db_stmt_bind_int64 (stmt, 11, shares);
  rally_db_stmt_bind_int64 (stmt, 12, origin);

  if (state->creator_first_day[creator] < 0)
    {
      state->creator_first_day[creator] = day;
      state->new_creators[day]++;
    }
  state->per_day[5 * day + 0] += 1;
  state->per_day[5 * day + 1] += views;
  state->per_day[5 * day + 2] += likes;
  state->per_day[5 * day + 3] += comments;
  state->per_day[5 * day + 4] += shares;

  return _rally_store_stmt_done (store, stmt, error);
}

#define VIDEOS_PIPED 1024

static gboolean
insert_videos (RallyStore   *store,
               SampleState  *state,
               guint         scale,
               GError      **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SAMPLE_SEED + state->spec->n_videos);
  guint n_videos = state->spec->n_videos * scale;
  g_autofree guint *counts = day_counts (state->spec, rand, n_videos, state->n_days);
  g_autofree gint64 *views = video_views (rand, n_videos, state->spec->n_views * scale);
  guint index = 0;

  state->n_creators = MAX (N_PARTNERS + N_BRIEFED + 1, n_videos * 10 / 27);
  state->creator_first_day = g_new (gint, state->n_creators);
  memset (state->creator_first_day, 0xff, sizeof (gint) * state->n_creators);
  state->per_day = g_new0 (gint64, 5 * state->n_days);
  state->new_creators = g_new0 (guint, state->n_days);

  /* on a server, VIDEOS_PIPED inserts at a time go without waiting for each reply:
   * the sample's 57,645 went up in 5.7 s, most of it waiting */
  rally_db_pipeline_begin (store->conn);
  for (guint day = 0; day < state->n_days; day++)
    {
      for (guint j = 0; j < counts[day]; j++, index++)
        {
          if (!insert_video (store, state, rand, index, day, views[index], error))
            {
              rally_db_pipeline_end (store->conn, NULL);
              return FALSE;
            }
          if ((index + 1) % VIDEOS_PIPED == 0)
            {
              if (!rally_db_pipeline_end (store->conn, error))
                return FALSE;
              rally_db_pipeline_begin (store->conn);
            }
        }
    }

  return rally_db_pipeline_end (store->conn, error);
}

/* Share of a day's final counts visible @age days later: counts settle over 10 days. */
static double
maturity (guint age)
{
  if (age >= SETTLE_DAYS)
    return 1.0;

  return 1.0 - exp (-((double) age + 1.0) / 2.5);
}

static gboolean
insert_snapshots (RallyStore   *store,
                  SampleState  *state,
                  GError      **error)
{
  guint n_snapshots = state->n_days + SETTLE_DAYS;
  gint64 creators = 0;

  for (guint s = 0; s < n_snapshots; s++)
    {
      g_autoptr(RallySnapshot) snapshot = rally_snapshot_new ();
      double sums[5] = { 0 };

      if (s < state->n_days)
        creators += state->new_creators[s];
      for (guint d = 0; d <= s && d < state->n_days; d++)
        {
          sums[0] += state->per_day[5 * d];
          for (guint m = 1; m < 5; m++)
            sums[m] += state->per_day[5 * d + m] * maturity (s - d);
        }

      rally_snapshot_set_challenge_id (snapshot, state->challenge_id);
      rally_snapshot_set_taken_at (snapshot, state->start + (s + 1) * RALLY_SECONDS_PER_DAY - 1);
      rally_snapshot_set_fetched_at (snapshot, rally_snapshot_get_taken_at (snapshot));
      rally_snapshot_set_videos (snapshot, (gint64) sums[0]);
      rally_snapshot_set_views (snapshot, (gint64) sums[1]);
      rally_snapshot_set_likes (snapshot, (gint64) sums[2]);
      rally_snapshot_set_comments (snapshot, (gint64) sums[3]);
      rally_snapshot_set_shares (snapshot, (gint64) sums[4]);
      rally_snapshot_set_creators (snapshot, creators);
      rally_snapshot_set_source (snapshot, RALLY_SOURCE_SAMPLE);
      if (!_rally_store_write_record (store, &rally_table_snapshots, G_OBJECT (snapshot), NULL, NULL, error))
        return FALSE;
    }

  return TRUE;
}

/* Records */

static RallyCampaign *
make_campaign (const SampleCampaign *spec)
{
  RallyCampaign *campaign = rally_campaign_new ();

  rally_campaign_set_name (campaign, _(spec->name));
  rally_campaign_set_cause (campaign, _(spec->cause));
  rally_campaign_set_description (campaign, _(spec->description));
  rally_campaign_set_status (campaign, spec->status);
  rally_campaign_set_start_date (campaign, utc_day (spec->start));
  rally_campaign_set_end_date (campaign, utc_day (spec->end));
  rally_campaign_set_goal_views (campaign, spec->goal_views);
  rally_campaign_set_goal_videos (campaign, spec->goal_videos);
  rally_campaign_set_goal_donations (campaign, spec->goal_donations);
  rally_campaign_set_budget (campaign, spec->budget);
  rally_campaign_set_currency (campaign, "USD");
  rally_campaign_set_color (campaign, spec->color);

  return campaign;
}

static RallyChallenge *
make_challenge (const SampleChallenge *spec,
                gint64                 campaign_id)
{
  RallyChallenge *challenge = rally_challenge_new ();
  g_autoptr(GPtrArray) regions = g_ptr_array_new ();

  g_autoptr(GPtrArray) partners = g_ptr_array_new_with_free_func (g_free);

  for (const SampleRegion *region = spec->regions; region->code != NULL; region++)
    g_ptr_array_add (regions, (gpointer) region->code);
  g_ptr_array_add (regions, NULL);

  /* The roster: the partners and the briefed creators, whose videos are seeded */
  for (guint i = 0; i < N_PARTNERS + N_BRIEFED; i++)
    {
      char name[64];

      format_creator (spec, i, name, sizeof name);
      g_ptr_array_add (partners, g_strdup (name));
    }
  g_ptr_array_add (partners, NULL);

  g_object_set (challenge,
                "campaign-id", campaign_id,
                "hashtag", spec->hashtag,
                "title", _(spec->title),
                "brief", _(spec->brief),
                "call-to-action", _(spec->call_to_action),
                "rules", _(spec->rules),
                "sound-notes", _(spec->sound_notes),
                "sponsor", spec->sponsor,
                "start-date", utc_day (spec->start),
                "end-date", utc_day (spec->end),
                "goal-videos", spec->goal_videos,
                "goal-views", spec->goal_views,
                "regions", regions->pdata,
                "partners", partners->pdata,
                "pledge-per-video", spec->pledge_per_video,
                "pledge-cap", spec->pledge_cap,
                "currency", "USD",
                "status", RALLY_CHALLENGE_STATUS_SCHEDULED,
                "audience", RALLY_AUDIENCE_13_PLUS,
                "consent-wording", _(SAFEGUARD_CONSENT),
                "no-personal-data", TRUE,
                "moderation-plan", _(SAFEGUARD_MODERATION),
                "reporting-route", _(SAFEGUARD_REPORTING),
                NULL);

  return challenge;
}

static gboolean
insert_challenge (RallyStore             *store,
                  const SampleChallenge  *spec,
                  gint64                  campaign_id,
                  guint                   scale,
                  gint64                 *challenge_id,
                  GError                **error)
{
  g_autoptr(RallyChallenge) challenge = make_challenge (spec, campaign_id);
  g_autofree char *key = rally_hashtag_key (spec->hashtag);
  SampleState state = { spec, 0, utc_day (spec->start), n_days_between (spec->start, spec->end) };
  gboolean ok;

  if (!rally_challenge_validate (challenge, error) ||
      !_rally_store_write_record (store, &rally_table_challenges, G_OBJECT (challenge), "hashtag_key", key, error))
    return FALSE;

  state.challenge_id = *challenge_id = rally_challenge_get_id (challenge);
  ok = insert_videos (store, &state, scale, error) && insert_snapshots (store, &state, error);
  sample_state_clear (&state);

  return ok;
}

static gboolean
insert_post (RallyStore    *store,
             gint64         scheduled_at,
             const char    *channel,
             const char    *caption,
             RallyPostStatus status,
             gint64         challenge_id,
             gint64         campaign_id,
             GError       **error)
{
  g_autoptr(RallyPlannedPost) post = rally_planned_post_new ();

  rally_planned_post_set_scheduled_at (post, scheduled_at);
  rally_planned_post_set_channel (post, channel);
  rally_planned_post_set_caption (post, caption);
  rally_planned_post_set_status (post, status);
  rally_planned_post_set_challenge_id (post, challenge_id);
  rally_planned_post_set_campaign_id (post, campaign_id);

  return _rally_store_write_record (store, &rally_table_planned_posts, G_OBJECT (post), NULL, NULL, error);
}

/* A few posts across the current month, so the content calendar has something to show. */
static gboolean
insert_posts (RallyStore    *store,
              const gint64  *campaign_ids,
              const gint64  *challenge_ids,
              GError       **error)
{
  static const struct {
    int             day;
    int             hour;
    const char     *channel;
    const char     *caption;
    RallyPostStatus status;
    int             challenge;
  } posts[] = {
    { 3, 17, "TikTok", N_("Throwback: the best #DanceForChange routines"), RALLY_POST_STATUS_PUBLISHED, 0 },
    { 7, 12, "Instagram", N_("Farmers behind the dance: a short film"), RALLY_POST_STATUS_PUBLISHED, 0 },
    { 11, 18, "TikTok", N_("Red noses are back: save the date"), RALLY_POST_STATUS_SCHEDULED, 1 },
    { 14, 9, "X", N_("Thank you: $44,062 raised for kids, video by video"), RALLY_POST_STATUS_SCHEDULED, 1 },
    { 18, 17, "TikTok", N_("Duet the top #TheRealChallenge video"), RALLY_POST_STATUS_DRAFT, 2 },
    { 22, 19, "TikTok", N_("Creator spotlight"), RALLY_POST_STATUS_DRAFT, 0 },
    { 25, 12, "Instagram", N_("What did your video change? Share your story"), RALLY_POST_STATUS_IDEA, 2 },
    { 28, 16, "TikTok", N_("Behind the scenes with our partners"), RALLY_POST_STATUS_IDEA, 1 },
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (guint i = 0; i < G_N_ELEMENTS (posts); i++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                                                       posts[i].day, posts[i].hour, 0, 0);
      int challenge = posts[i].challenge;
      int campaign = sample_challenges[challenge].campaign;

      if (!insert_post (store, g_date_time_to_unix (when), posts[i].channel, _(posts[i].caption),
                        posts[i].status, challenge_ids[challenge],
                        campaign >= 0 ? campaign_ids[campaign] : 0, error))
        return FALSE;
    }

  return TRUE;
}

/* Events on the timelines. Red Nose Day 2020 was on Thursday 21 May in the US; the
 * Joke-Ha-Thon and the effect are named in the seed, but their days here are
 * invented, and the notes say so, as the launches' notes do. */
static gboolean
insert_events (RallyStore    *store,
               const gint64  *challenge_ids,
               GError       **error)
{
  static const struct {
    int             challenge;
    RallyEventKind  kind;
    const char     *title;
    int             first[3];
    int             last[3];
    const char     *note;
  } events[] = {
    { 0, RALLY_EVENT_KIND_LAUNCH, N_("Launch"), { 2019, 5, 1 }, { 2019, 5, 1 },
      N_("IFAD posts the routine and the sound. Invented for the sample: the challenge's first day.") },
    { 1, RALLY_EVENT_KIND_AR_EFFECT_RELEASED, N_("Red nose AR filter"), { 2020, 5, 12 }, { 2020, 5, 12 },
      N_("The Red Nose Day effect goes live on TikTok: $2 for every video made with it. Invented date for the "
         "sample.") },
    { 1, RALLY_EVENT_KIND_OTHER, N_("Joke-Ha-Thon"), { 2020, 5, 18 }, { 2020, 5, 21 },
      N_("Creators tell jokes for kids in need, up to Red Nose Day. Invented dates for the sample.") },
    { 1, RALLY_EVENT_KIND_PRESS_COVERAGE, N_("Red Nose Day"), { 2020, 5, 21 }, { 2020, 5, 21 },
      N_("Red Nose Day in the US, with its TV special.") },
    { 2, RALLY_EVENT_KIND_LAUNCH, N_("Launch"), { 2021, 3, 8 }, { 2021, 3, 8 },
      N_("Invented for the sample, like this challenge's figures.") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autoptr(RallyEvent) event = rally_event_new ();

      rally_event_set_challenge_id (event, challenge_ids[events[i].challenge]);
      rally_event_set_kind (event, events[i].kind);
      rally_event_set_title (event, _(events[i].title));
      rally_event_set_note (event, _(events[i].note));
      rally_event_set_first_day (event, utc_day (events[i].first));
      rally_event_set_last_day (event, utc_day (events[i].last));
      if (!rally_event_validate (event, error) ||
          !_rally_store_write_record (store, &rally_table_events, G_OBJECT (event), NULL, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_all (RallyStore  *store,
            guint        scale,
            GError     **error)
{
  gint64 campaign_ids[G_N_ELEMENTS (sample_campaigns)];
  gint64 challenge_ids[G_N_ELEMENTS (sample_challenges)];

  for (guint i = 0; i < G_N_ELEMENTS (sample_campaigns); i++)
    {
      g_autoptr(RallyCampaign) campaign = make_campaign (&sample_campaigns[i]);

      if (!rally_campaign_validate (campaign, error) ||
          !_rally_store_write_record (store, &rally_table_campaigns, G_OBJECT (campaign), NULL, NULL, error))
        return FALSE;
      campaign_ids[i] = rally_campaign_get_id (campaign);
    }

  for (guint i = 0; i < G_N_ELEMENTS (sample_challenges); i++)
    {
      int campaign = sample_challenges[i].campaign;

      if (!insert_challenge (store, &sample_challenges[i], campaign >= 0 ? campaign_ids[campaign] : 0,
                             scale, &challenge_ids[i], error))
        return FALSE;
    }

  return insert_posts (store, campaign_ids, challenge_ids, error) &&
         insert_events (store, challenge_ids, error);
}

/**
 * rally_sample_create:
 * @store: an empty #RallyStore
 * @scale: multiplies the number of videos (1 gives about 57K; 30 about 1.7M)
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * Fills @store with the sample workspace in one transaction: either all of it is
 * written or nothing is. Refuses a store that is not empty.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_sample_create (RallyStore  *store,
                     guint        scale,
                     GError     **error)
{
  g_autoptr(GPtrArray) saved = NULL;
  gboolean ok;

  g_return_val_if_fail (RALLY_IS_STORE (store), FALSE);
  g_return_val_if_fail (scale >= 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rally_store_is_empty (store))
    {
      g_set_error_literal (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_CONSTRAINT,
                           _("The workspace already has campaigns, challenges or posts; the sample goes only "
                             "into an empty workspace"));
      return FALSE;
    }

  if (!_rally_store_begin (store, error))
    return FALSE;

  /* A large page cache keeps index pages in memory instead of spilling them. */
  _rally_store_set_cache_size (store, SAMPLE_CACHE_KIB);
  saved = _rally_store_bulk_begin (store, error);
  ok = saved != NULL && insert_all (store, scale, error) && _rally_store_bulk_end (store, saved, error);
  _rally_store_set_cache_size (store, 0);

  if (!ok)
    {
      _rally_store_rollback (store);
      return FALSE;
    }

  /* Every table changed: lists reload once, not once per row. */
  _rally_store_queue_change (store, NULL, 0);

  return _rally_store_commit (store, error);
}
