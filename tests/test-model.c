/* test-model.c
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

/* The model: one test per validation rule (error code, and a message naming the
 * field), hashtags in several scripts, derived figures, copies and notifications. */

#include "config.h"

#include <string.h>

#include "rally-model.h"

/* Asserts @error has @code and that its message contains @needle (the field). */
static void
assert_model_error (GError     **error,
                    int          code,
                    const char  *needle)
{
  g_assert_error (*error, RALLY_MODEL_ERROR, code);
  if (strstr ((*error)->message, needle) == NULL)
    g_error ("“%s” does not name “%s”", (*error)->message, needle);
  g_clear_error (error);
}

static void
assert_hashtag_ok (const char *text,
                   const char *expected)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rally_hashtag_validate (text, &normalized, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, expected);
}

static void
assert_hashtag_bad (const char *text,
                    int         code,
                    const char *needle)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (rally_hashtag_validate (text, &normalized, &error));
  g_assert_null (normalized);
  assert_model_error (&error, code, needle);
}

static void
test_hashtag_accepted (void)
{
  assert_hashtag_ok ("#ActForClimate", "ActForClimate");
  assert_hashtag_ok ("ActForClimate", "ActForClimate");
  assert_hashtag_ok ("café", "café");
  assert_hashtag_ok ("#नमस्ते", "नमस्ते");
  assert_hashtag_ok ("العربية", "العربية");
  assert_hashtag_ok ("a_1", "a_1");
  assert_hashtag_ok ("niño2024", "niño2024");
  /* Decomposed "é" (e + combining acute) is stored composed, so it matches "café". */
  assert_hashtag_ok ("cafe\xcc\x81", "café");
}

static void
test_hashtag_empty (void)
{
  assert_hashtag_bad ("", RALLY_MODEL_ERROR_HASHTAG_EMPTY, "hashtag");
  assert_hashtag_bad ("#", RALLY_MODEL_ERROR_HASHTAG_EMPTY, "hashtag");
}

static void
test_hashtag_space (void)
{
  assert_hashtag_bad ("#x y", RALLY_MODEL_ERROR_HASHTAG_SPACE, "“x y”");
  assert_hashtag_bad ("tab\there", RALLY_MODEL_ERROR_HASHTAG_SPACE, "hashtag");
  assert_hashtag_bad ("nbsp\xc2\xa0here", RALLY_MODEL_ERROR_HASHTAG_SPACE, "hashtag");
}

static void
test_hashtag_hash_inside (void)
{
  assert_hashtag_bad ("##double", RALLY_MODEL_ERROR_HASHTAG_HASH_INSIDE, "hashtag");
  assert_hashtag_bad ("one#two", RALLY_MODEL_ERROR_HASHTAG_HASH_INSIDE, "“one#two”");
}

static void
test_hashtag_character (void)
{
  assert_hashtag_bad ("save-the-bees", RALLY_MODEL_ERROR_HASHTAG_CHARACTER, "“-”");
  assert_hashtag_bad ("hello!", RALLY_MODEL_ERROR_HASHTAG_CHARACTER, "hashtag");
  assert_hashtag_bad ("smile😀", RALLY_MODEL_ERROR_HASHTAG_CHARACTER, "hashtag");
  assert_hashtag_bad ("bad\xff", RALLY_MODEL_ERROR_HASHTAG_CHARACTER, "hashtag");
}

static void
test_hashtag_digits_only (void)
{
  assert_hashtag_bad ("#2024", RALLY_MODEL_ERROR_HASHTAG_DIGITS_ONLY, "“2024”");
  /* Arabic-Indic digits are digits too. */
  assert_hashtag_bad ("٢٠٢٤", RALLY_MODEL_ERROR_HASHTAG_DIGITS_ONLY, "hashtag");
}

static void
test_hashtag_too_long (void)
{
  g_autofree char *ok = g_strnfill (100, 'a');
  g_autofree char *bad = g_strnfill (101, 'a');
  GString *accented = g_string_new (NULL);

  assert_hashtag_ok (ok, ok);
  assert_hashtag_bad (bad, RALLY_MODEL_ERROR_HASHTAG_TOO_LONG, "hashtag");

  /* The limit counts characters, not bytes: 100 "é" (200 bytes) are fine. */
  for (guint i = 0; i < 100; i++)
    g_string_append (accented, "é");
  assert_hashtag_ok (accented->str, accented->str);
  g_string_free (accented, TRUE);
}

static void
test_hashtag_key (void)
{
  g_autofree char *a = rally_hashtag_key ("DanceForChange");
  g_autofree char *b = rally_hashtag_key ("danceforCHANGE");
  g_autofree char *c = rally_hashtag_key ("Straße");
  g_autofree char *d = rally_hashtag_key ("STRASSE");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, d);
}

static RallyCampaign *
valid_campaign (void)
{
  RallyCampaign *campaign = rally_campaign_new ();

  rally_campaign_set_name (campaign, "Clean Water");
  return campaign;
}

static void
test_campaign_valid (void)
{
  g_autoptr(RallyCampaign) campaign = valid_campaign ();
  g_autoptr(GError) error = NULL;

  g_assert_true (rally_campaign_validate (campaign, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rally_campaign_get_currency (campaign), ==, "USD");
  g_assert_cmpint (rally_campaign_get_status (campaign), ==, RALLY_CAMPAIGN_STATUS_PLANNED);
}

static void
test_campaign_name_required (void)
{
  g_autoptr(RallyCampaign) campaign = valid_campaign ();
  g_autoptr(GError) error = NULL;

  rally_campaign_set_name (campaign, " \t ");
  g_assert_false (rally_campaign_validate (campaign, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_REQUIRED, "Name");

  rally_campaign_set_name (campaign, NULL);
  g_assert_cmpstr (rally_campaign_get_name (campaign), ==, "");
  g_assert_false (rally_campaign_validate (campaign, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_REQUIRED, "Name");
}

static void
test_campaign_name_too_long (void)
{
  g_autoptr(RallyCampaign) campaign = valid_campaign ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strnfill (RALLY_NAME_MAX_CHARS + 1, 'n');

  rally_campaign_set_name (campaign, name);
  g_assert_false (rally_campaign_validate (campaign, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_TOO_LONG, "Name");
}

static void
test_campaign_dates_order (void)
{
  g_autoptr(RallyCampaign) campaign = valid_campaign ();
  g_autoptr(GError) error = NULL;

  rally_campaign_set_start_date (campaign, 1700000000);
  rally_campaign_set_end_date (campaign, 1600000000);
  g_assert_false (rally_campaign_validate (campaign, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_DATES_ORDER, "End date is before the start date");

  /* The same day is fine, and so is an unset end. */
  rally_campaign_set_end_date (campaign, 1700000000);
  g_assert_true (rally_campaign_validate (campaign, NULL));
  rally_campaign_set_end_date (campaign, 0);
  g_assert_true (rally_campaign_validate (campaign, NULL));
}

static void
test_campaign_negative_goal (void)
{
  g_autoptr(RallyCampaign) campaign = valid_campaign ();
  g_autoptr(GError) error = NULL;

  rally_campaign_set_goal_views (campaign, -1);
  g_assert_false (rally_campaign_validate (campaign, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_NEGATIVE_GOAL, "views goal");
  rally_campaign_set_goal_views (campaign, 0);

  rally_campaign_set_goal_donations (campaign, -500);
  g_assert_false (rally_campaign_validate (campaign, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_NEGATIVE_GOAL, "donations goal");
}

static void
test_campaign_negative_budget (void)
{
  g_autoptr(RallyCampaign) campaign = valid_campaign ();
  g_autoptr(GError) error = NULL;

  rally_campaign_set_budget (campaign, -1);
  g_assert_false (rally_campaign_validate (campaign, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_NEGATIVE_AMOUNT, "Budget");
}

static void
test_campaign_currency (void)
{
  g_autoptr(RallyCampaign) campaign = valid_campaign ();
  g_autoptr(GError) error = NULL;
  const char *bad[] = { "usd", "US", "EURO", "", "U$D" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      rally_campaign_set_currency (campaign, bad[i]);
      g_assert_false (rally_campaign_validate (campaign, &error));
      assert_model_error (&error, RALLY_MODEL_ERROR_CURRENCY, "Currency");
    }

  rally_campaign_set_currency (campaign, "KES");
  g_assert_true (rally_campaign_validate (campaign, NULL));
}

static void
test_campaign_color (void)
{
  g_autoptr(RallyCampaign) campaign = valid_campaign ();
  g_autoptr(GError) error = NULL;

  rally_campaign_set_color (campaign, "blue");
  g_assert_false (rally_campaign_validate (campaign, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_COLOR, "Colour");
}

static void
test_campaign_invalid_text (void)
{
  g_autoptr(RallyCampaign) campaign = valid_campaign ();
  g_autoptr(GError) error = NULL;

  rally_campaign_set_notes (campaign, "broken \xc3\x28 text");
  g_assert_false (rally_campaign_validate (campaign, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_INVALID_TEXT, "Notes");
}

static RallyChallenge *
valid_challenge (void)
{
  RallyChallenge *challenge = rally_challenge_new ();

  rally_challenge_set_hashtag (challenge, "DanceForChange");
  return challenge;
}

static void
test_challenge_valid (void)
{
  g_autoptr(RallyChallenge) challenge = valid_challenge ();
  g_autoptr(GError) error = NULL;

  g_assert_true (rally_challenge_validate (challenge, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rally_challenge_get_status (challenge), ==, RALLY_CHALLENGE_STATUS_DRAFT);
  g_assert_cmpuint (g_strv_length ((char **) rally_challenge_get_regions (challenge)), ==, 0);
}

static void
test_challenge_hashtag (void)
{
  g_autoptr(RallyChallenge) challenge = valid_challenge ();
  g_autoptr(GError) error = NULL;

  rally_challenge_set_hashtag (challenge, "x y");
  g_assert_false (rally_challenge_validate (challenge, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_HASHTAG_SPACE, "The hashtag “x y” has a space");
}

static void
test_challenge_title_too_long (void)
{
  g_autoptr(RallyChallenge) challenge = valid_challenge ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strnfill (RALLY_NAME_MAX_CHARS + 1, 't');

  rally_challenge_set_title (challenge, title);
  g_assert_false (rally_challenge_validate (challenge, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_TOO_LONG, "Title");
}

static void
test_challenge_dates_order (void)
{
  g_autoptr(RallyChallenge) challenge = valid_challenge ();
  g_autoptr(GError) error = NULL;

  rally_challenge_set_start_date (challenge, 1590000000);
  rally_challenge_set_end_date (challenge, 1580000000);
  g_assert_false (rally_challenge_validate (challenge, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_DATES_ORDER, "End date is before the start date");
}

static void
test_challenge_negative_goal (void)
{
  g_autoptr(RallyChallenge) challenge = valid_challenge ();
  g_autoptr(GError) error = NULL;

  rally_challenge_set_goal_videos (challenge, -3);
  g_assert_false (rally_challenge_validate (challenge, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_NEGATIVE_GOAL, "videos goal");
}

static void
test_challenge_negative_pledge (void)
{
  g_autoptr(RallyChallenge) challenge = valid_challenge ();
  g_autoptr(GError) error = NULL;

  rally_challenge_set_pledge_per_video (challenge, -200);
  g_assert_false (rally_challenge_validate (challenge, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_NEGATIVE_AMOUNT, "Pledge per video");
}

static void
test_challenge_pledge_cap (void)
{
  g_autoptr(RallyChallenge) challenge = valid_challenge ();
  g_autoptr(GError) error = NULL;

  rally_challenge_set_pledge_per_video (challenge, 200);
  rally_challenge_set_pledge_cap (challenge, 100);
  g_assert_false (rally_challenge_validate (challenge, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_PLEDGE_CAP, "Pledge cap");

  rally_challenge_set_pledge_per_video (challenge, 0);
  g_assert_false (rally_challenge_validate (challenge, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_PLEDGE_CAP, "Pledge cap");

  rally_challenge_set_pledge_per_video (challenge, 200);
  rally_challenge_set_pledge_cap (challenge, 10000000);
  g_assert_true (rally_challenge_validate (challenge, NULL));
}

static void
test_challenge_currency (void)
{
  g_autoptr(RallyChallenge) challenge = valid_challenge ();
  g_autoptr(GError) error = NULL;

  rally_challenge_set_currency (challenge, "dollars");
  g_assert_false (rally_challenge_validate (challenge, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_CURRENCY, "Currency “dollars”");
}

static void
test_challenge_region (void)
{
  g_autoptr(RallyChallenge) challenge = valid_challenge ();
  g_autoptr(GError) error = NULL;
  const char *regions[] = { "GB", "Kenya", NULL };

  rally_challenge_set_regions (challenge, regions);
  g_assert_false (rally_challenge_validate (challenge, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_REGION, "Region “Kenya”");
}

static void
test_challenge_safeguarding (void)
{
  g_autoptr(RallyChallenge) challenge = valid_challenge ();
  g_autoptr(GError) error = NULL;

  /* A draft may be incomplete; a scheduled all-ages challenge needs the checklist. */
  rally_challenge_set_audience (challenge, RALLY_AUDIENCE_ALL_AGES);
  g_assert_true (rally_challenge_validate (challenge, NULL));
  rally_challenge_set_status (challenge, RALLY_CHALLENGE_STATUS_SCHEDULED);
  g_assert_false (rally_challenge_validate (challenge, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_SAFEGUARDING, "consent wording");

  rally_challenge_set_consent_wording (challenge, "Ask a parent first.");
  rally_challenge_set_moderation_plan (challenge, "Two moderators review every entry.");
  g_assert_false (rally_challenge_validate (challenge, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_SAFEGUARDING, "reporting route");

  rally_challenge_set_reporting_route (challenge, "safeguarding@example.org");
  g_assert_false (rally_challenge_validate (challenge, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_SAFEGUARDING, "personal data");

  rally_challenge_set_no_personal_data (challenge, TRUE);
  g_assert_true (rally_challenge_validate (challenge, NULL));

  /* 18+ needs none of it. */
  g_clear_object (&challenge);
  challenge = valid_challenge ();
  rally_challenge_set_status (challenge, RALLY_CHALLENGE_STATUS_SCHEDULED);
  rally_challenge_set_audience (challenge, RALLY_AUDIENCE_18_PLUS);
  g_assert_true (rally_challenge_validate (challenge, NULL));
}

static RallyPlannedPost *
valid_post (void)
{
  RallyPlannedPost *post = rally_planned_post_new ();

  rally_planned_post_set_scheduled_at (post, 1750000000);
  rally_planned_post_set_channel (post, "TikTok");
  return post;
}

static void
test_post_time_required (void)
{
  g_autoptr(RallyPlannedPost) post = valid_post ();
  g_autoptr(GError) error = NULL;

  g_assert_true (rally_planned_post_validate (post, NULL));
  rally_planned_post_set_scheduled_at (post, 0);
  g_assert_false (rally_planned_post_validate (post, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_REQUIRED, "Date and time");
}

static void
test_post_channel_required (void)
{
  g_autoptr(RallyPlannedPost) post = valid_post ();
  g_autoptr(GError) error = NULL;

  rally_planned_post_set_channel (post, "");
  g_assert_false (rally_planned_post_validate (post, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_REQUIRED, "Channel");
}

static void
test_post_caption_too_long (void)
{
  g_autoptr(RallyPlannedPost) post = valid_post ();
  g_autoptr(GError) error = NULL;
  g_autofree char *caption = g_strnfill (RALLY_CAPTION_MAX_CHARS + 1, 'c');

  rally_planned_post_set_caption (post, caption);
  g_assert_false (rally_planned_post_validate (post, &error));
  assert_model_error (&error, RALLY_MODEL_ERROR_TOO_LONG, "Caption");
}

static void
test_status_at (void)
{
  g_autoptr(RallyChallenge) challenge = valid_challenge ();
  const gint64 start = 1588291200; /* 2020-05-01 */
  const gint64 end = 1590883200;   /* 2020-05-31, the last day */

  rally_challenge_set_start_date (challenge, start);
  rally_challenge_set_end_date (challenge, end);
  g_assert_cmpint (rally_challenge_get_status_at (challenge, start + 10), ==, RALLY_CHALLENGE_STATUS_DRAFT);

  rally_challenge_set_status (challenge, RALLY_CHALLENGE_STATUS_SCHEDULED);
  g_assert_cmpint (rally_challenge_get_status_at (challenge, start - 1), ==, RALLY_CHALLENGE_STATUS_SCHEDULED);
  g_assert_cmpint (rally_challenge_get_status_at (challenge, start), ==, RALLY_CHALLENGE_STATUS_LIVE);
  g_assert_cmpint (rally_challenge_get_status_at (challenge, end + 86399), ==, RALLY_CHALLENGE_STATUS_LIVE);
  g_assert_cmpint (rally_challenge_get_status_at (challenge, end + 86400), ==, RALLY_CHALLENGE_STATUS_ENDED);

  rally_challenge_set_end_date (challenge, 0);
  g_assert_cmpint (rally_challenge_get_status_at (challenge, end * 2), ==, RALLY_CHALLENGE_STATUS_LIVE);
}

static void
test_donations (void)
{
  g_autoptr(RallyChallenge) challenge = valid_challenge ();

  g_assert_cmpint (rally_challenge_donations_for (challenge, 1000), ==, 0);

  /* #rednoseday: $2 a video, capped at $100,000. */
  rally_challenge_set_pledge_per_video (challenge, 200);
  rally_challenge_set_pledge_cap (challenge, 10000000);
  g_assert_cmpint (rally_challenge_donations_for (challenge, 0), ==, 0);
  g_assert_cmpint (rally_challenge_donations_for (challenge, 1234), ==, 246800);
  g_assert_cmpint (rally_challenge_donations_for (challenge, 50000), ==, 10000000);
  g_assert_cmpint (rally_challenge_donations_for (challenge, 22000), ==, 4400000);

  rally_challenge_set_pledge_cap (challenge, 0);
  g_assert_cmpint (rally_challenge_donations_for (challenge, G_MAXINT64 / 2), ==, G_MAXINT64);
}

static void
test_engagement_rate (void)
{
  g_assert_cmpfloat (rally_engagement_rate (10, 5, 5, 0), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (rally_engagement_rate (80, 15, 5, 1000), 0.1, 1e-12);
  g_assert_cmpint (rally_day_start (86400 + 5), ==, 86400);
  g_assert_cmpint (rally_day_start (-5), ==, -86400);
  g_assert_cmpint (rally_day_start (0), ==, 0);
  g_assert_cmpint (rally_day_start (G_MININT64), ==, G_MININT64);
  g_assert_cmpint (rally_day_start (G_MAXINT64), ==, G_MAXINT64 - G_MAXINT64 % 86400);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_copy_and_notify (void)
{
  g_autoptr(RallyChallenge) challenge = valid_challenge ();
  g_autoptr(RallyChallenge) copy = NULL;
  const char *regions[] = { "FR", "SN", NULL };
  guint count = 0;

  rally_challenge_set_regions (challenge, regions);
  rally_record_set_id (RALLY_RECORD (challenge), 12);
  rally_challenge_set_pledge_cap (challenge, G_GINT64_CONSTANT (9007199254740993));

  copy = rally_record_copy (RALLY_RECORD (challenge));
  g_assert_true (copy != challenge);
  g_assert_cmpint (rally_challenge_get_id (copy), ==, 12);
  g_assert_cmpstr (rally_challenge_get_hashtag (copy), ==, "DanceForChange");
  g_assert_cmpstrv (rally_challenge_get_regions (copy), regions);
  g_assert_true (rally_challenge_get_regions (copy) != rally_challenge_get_regions (challenge));
  g_assert_cmpint (rally_challenge_get_pledge_cap (copy), ==, G_GINT64_CONSTANT (9007199254740993));

  /* Editing the copy leaves the original alone, and notifies only on change. */
  g_signal_connect (copy, "notify", G_CALLBACK (notify_cb), &count);
  rally_challenge_set_title (copy, "Dance");
  rally_challenge_set_title (copy, "Dance");
  rally_challenge_set_regions (copy, regions);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (rally_challenge_get_title (challenge), ==, "");
}

static GType
record_type (guint i)
{
  const GType types[] = {
    RALLY_TYPE_CAMPAIGN, RALLY_TYPE_CHALLENGE, RALLY_TYPE_VIDEO, RALLY_TYPE_SNAPSHOT, RALLY_TYPE_PLANNED_POST,
  };

  return i < G_N_ELEMENTS (types) ? types[i] : G_TYPE_INVALID;
}

/* Gives @value a value of its type that differs from the default and depends on @n. */
static void
distinct_value (GParamSpec *pspec,
                guint       n,
                GValue     *value)
{
  g_autofree char *text = g_strdup_printf ("value %u", n);
  const char *strv[] = { text, "SN", NULL };

  g_value_init (value, pspec->value_type);
  if (pspec->value_type == G_TYPE_INT64)
    g_value_set_int64 (value, G_GINT64_CONSTANT (9007199254740993) + n);
  else if (pspec->value_type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, TRUE);
  else if (pspec->value_type == G_TYPE_STRING)
    g_value_set_string (value, text);
  else if (pspec->value_type == G_TYPE_STRV)
    g_value_set_boxed (value, strv);
  else if (G_TYPE_IS_ENUM (pspec->value_type))
    {
      GEnumClass *enum_class = G_PARAM_SPEC_ENUM (pspec)->enum_class;

      g_value_set_enum (value, enum_class->values[enum_class->n_values - 1].value);
    }
  else
    g_assert_not_reached ();

  g_assert_false (g_param_value_defaults (pspec, value));
}

static void
assert_property_equals (GObject    *object,
                        GParamSpec *pspec,
                        GValue     *expected)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, pspec->name, &value);
  if (pspec->value_type == G_TYPE_STRV
      ? !g_strv_equal (g_value_get_boxed (&value), g_value_get_boxed (expected))
      : g_param_values_cmp (pspec, &value, expected) != 0)
    g_error ("%s:%s was not kept", G_OBJECT_TYPE_NAME (object), pspec->name);
}

/* A new record holds each property's default; strings and string arrays are never NULL. */
static void
assert_default (GObject    *record,
                GParamSpec *pspec)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (record, pspec->name, &value);
  if (pspec->value_type == G_TYPE_STRV)
    g_assert_cmpuint (g_strv_length (g_value_get_boxed (&value)), ==, 0);
  else if (!g_param_value_defaults (pspec, &value))
    g_error ("%s:%s does not start at its default", G_OBJECT_TYPE_NAME (record), pspec->name);
  if (pspec->value_type == G_TYPE_STRING)
    g_assert_nonnull (g_value_get_string (&value));
}

/* Every property of every record, the base's and the subclass's, is stored apart from the
 * others and survives a copy. */
static void
test_record_fields_and_copy (void)
{
  for (guint t = 0; record_type (t) != G_TYPE_INVALID; t++)
    {
      g_autoptr(GObject) record = g_object_new (record_type (t), NULL);
      g_autoptr(GObject) copy = NULL;
      g_autofree GParamSpec **pspecs = NULL;
      guint n_pspecs = 0;

      g_assert_true (RALLY_IS_RECORD (record));
      pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (record), &n_pspecs);
      g_assert_cmpuint (n_pspecs, >, 3);
      for (guint i = 0; i < n_pspecs; i++)
        {
          g_auto(GValue) value = G_VALUE_INIT;

          assert_default (record, pspecs[i]);
          distinct_value (pspecs[i], i, &value);
          g_object_set_property (record, pspecs[i]->name, &value);
        }

      copy = rally_record_copy (RALLY_RECORD (record));
      g_assert_true (copy != record);
      g_assert_true (G_OBJECT_TYPE (copy) == G_OBJECT_TYPE (record));
      g_assert_cmpint (rally_record_get_id (RALLY_RECORD (copy)), ==, rally_record_get_id (RALLY_RECORD (record)));
      for (guint i = 0; i < n_pspecs; i++)
        {
          g_auto(GValue) expected = G_VALUE_INIT;

          distinct_value (pspecs[i], i, &expected);
          assert_property_equals (record, pspecs[i], &expected);
          assert_property_equals (copy, pspecs[i], &expected);
        }
    }
}

static void
test_record_base (void)
{
  g_autoptr(RallyVideo) video = rally_video_new ();
  RallyRecord *record = RALLY_RECORD (video);
  gint64 id = 0, created_at = 0, updated_at = 0;
  guint count = 0;

  rally_record_set_id (record, 7);
  rally_record_set_created_at (record, 1700000000);
  g_object_set (video, "updated-at", (gint64) 1700000100, NULL);
  g_object_get (video, "id", &id, "created-at", &created_at, NULL);
  g_assert_cmpint (id, ==, 7);
  g_assert_cmpint (rally_video_get_id (video), ==, 7);
  g_assert_cmpint (created_at, ==, 1700000000);
  g_assert_cmpint (rally_record_get_updated_at (record), ==, 1700000100);

  /* "notify::updated-at" fires once per change, and not for the same value. */
  g_signal_connect (video, "notify::updated-at", G_CALLBACK (notify_cb), &count);
  rally_record_set_updated_at (record, 1700000200);
  rally_record_set_updated_at (record, 1700000200);
  g_object_set (video, "updated-at", (gint64) 1700000200, NULL);
  g_assert_cmpuint (count, ==, 1);
  g_object_get (video, "updated-at", &updated_at, NULL);
  g_assert_cmpint (updated_at, ==, 1700000200);
  rally_record_set_created_at (record, 1);
  rally_record_set_id (record, 8);
  g_assert_cmpuint (count, ==, 1);

  /* A subclass setter that changes nothing does not notify either. */
  g_signal_connect (video, "notify", G_CALLBACK (notify_cb), &count);
  rally_video_set_creator (video, NULL);
  rally_video_set_creator (video, "");
  g_assert_cmpuint (count, ==, 1);
  rally_video_set_creator (video, "ana");
  g_assert_cmpuint (count, ==, 2);
}

static void
test_video_tiktok_id (void)
{
  g_autoptr(RallyVideo) video = rally_video_new ();
  GValue value = G_VALUE_INIT;
  const gint64 id = G_GINT64_CONSTANT (7234567890123456789);

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, id);
  g_object_set_property (G_OBJECT (video), "tiktok-id", &value);
  g_assert_cmpint (rally_video_get_tiktok_id (video), ==, id);
  g_value_unset (&value);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/hashtag/accepted", test_hashtag_accepted);
  g_test_add_func ("/model/hashtag/empty", test_hashtag_empty);
  g_test_add_func ("/model/hashtag/space", test_hashtag_space);
  g_test_add_func ("/model/hashtag/hash-inside", test_hashtag_hash_inside);
  g_test_add_func ("/model/hashtag/character", test_hashtag_character);
  g_test_add_func ("/model/hashtag/digits-only", test_hashtag_digits_only);
  g_test_add_func ("/model/hashtag/too-long", test_hashtag_too_long);
  g_test_add_func ("/model/hashtag/key", test_hashtag_key);
  g_test_add_func ("/model/campaign/valid", test_campaign_valid);
  g_test_add_func ("/model/campaign/name-required", test_campaign_name_required);
  g_test_add_func ("/model/campaign/name-too-long", test_campaign_name_too_long);
  g_test_add_func ("/model/campaign/dates-order", test_campaign_dates_order);
  g_test_add_func ("/model/campaign/negative-goal", test_campaign_negative_goal);
  g_test_add_func ("/model/campaign/negative-budget", test_campaign_negative_budget);
  g_test_add_func ("/model/campaign/currency", test_campaign_currency);
  g_test_add_func ("/model/campaign/color", test_campaign_color);
  g_test_add_func ("/model/campaign/invalid-text", test_campaign_invalid_text);
  g_test_add_func ("/model/challenge/valid", test_challenge_valid);
  g_test_add_func ("/model/challenge/hashtag", test_challenge_hashtag);
  g_test_add_func ("/model/challenge/title-too-long", test_challenge_title_too_long);
  g_test_add_func ("/model/challenge/dates-order", test_challenge_dates_order);
  g_test_add_func ("/model/challenge/negative-goal", test_challenge_negative_goal);
  g_test_add_func ("/model/challenge/negative-pledge", test_challenge_negative_pledge);
  g_test_add_func ("/model/challenge/pledge-cap", test_challenge_pledge_cap);
  g_test_add_func ("/model/challenge/currency", test_challenge_currency);
  g_test_add_func ("/model/challenge/region", test_challenge_region);
  g_test_add_func ("/model/challenge/safeguarding", test_challenge_safeguarding);
  g_test_add_func ("/model/post/time-required", test_post_time_required);
  g_test_add_func ("/model/post/channel-required", test_post_channel_required);
  g_test_add_func ("/model/post/caption-too-long", test_post_caption_too_long);
  g_test_add_func ("/model/derived/status-at", test_status_at);
  g_test_add_func ("/model/derived/donations", test_donations);
  g_test_add_func ("/model/derived/engagement-rate", test_engagement_rate);
  g_test_add_func ("/model/record/copy-and-notify", test_copy_and_notify);
  g_test_add_func ("/model/record/tiktok-id", test_video_tiktok_id);
  g_test_add_func ("/model/record/base", test_record_base);
  g_test_add_func ("/model/record/fields-and-copy", test_record_fields_and_copy);

  return g_test_run ();
}
