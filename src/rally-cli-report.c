/* rally-cli-report.c
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

/* `rally report --campaign NAME|--challenge TAG [--from DAY --to DAY] -o FILE.pdf`:
 * the PDF report of src/print/rally-report.c, headless. It sits above the core
 * command line since it draws with the print layer; main() hands it to rally-cli.c. */

#define G_LOG_DOMAIN "RallyCli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "rally-cli.h"
#include "rally-cli-private.h"
#include "rally-cli-report.h"
#include "rally-date-utils.h"
#include "rally-report.h"
#include "rally-store.h"

typedef struct
{
  char *campaign;
  char *challenge;
  char *from;
  char *to;
  char *output;
  char *organisation;
  char *logo;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->campaign);
  g_free (options->challenge);
  g_free (options->from);
  g_free (options->to);
  g_free (options->output);
  g_free (options->organisation);
  g_free (options->logo);
}

static gint64
find_campaign (RallyStore *store,
               const char *name)
{
  g_autoptr(GListModel) campaigns = rally_store_list_campaigns (store);

  for (guint i = 0; i < g_list_model_get_n_items (campaigns); i++)
    {
      g_autoptr(RallyCampaign) campaign = g_list_model_get_item (campaigns, i);
      g_autofree char *a = g_utf8_casefold (rally_campaign_get_name (campaign), -1);
      g_autofree char *b = g_utf8_casefold (name, -1);

      if (g_strcmp0 (a, b) == 0)
        return rally_campaign_get_id (campaign);
    }
  return 0;
}

/* The organisation's name and logo from the settings, when the option is not given
 * and the settings are installed. */
static void
read_settings (Options *options)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source != NULL
    ? g_settings_schema_source_lookup (source, BASE_APPLICATION_ID, TRUE) : NULL;
  g_autoptr(GSettings) settings = NULL;

  if (schema == NULL || !g_settings_schema_has_key (schema, "organisation-name"))
    return;
  settings = g_settings_new (BASE_APPLICATION_ID);
  if (options->organisation == NULL)
    options->organisation = g_settings_get_string (settings, "organisation-name");
  if (options->logo == NULL)
    options->logo = g_settings_get_string (settings, "organisation-logo");
}

static gboolean
check_options (Options            *options,
               RallyReportRequest *request)
{
  if ((options->campaign == NULL) == (options->challenge == NULL))
    {
      g_printerr (_("rally report: name one campaign (--campaign NAME) or one challenge (--challenge TAG)\n"));
      return FALSE;
    }
  if (options->output == NULL)
    {
      g_printerr (_("rally report: say where to write the report, with -o FILE.pdf\n"));
      return FALSE;
    }
  if (!rally_day_parse_iso (options->from, &request->from) || !rally_day_parse_iso (options->to, &request->to))
    {
      g_printerr (_("rally report: “%s” is not a date; write it as YYYY-MM-DD, e.g. 2020-05-31\n"),
                  !rally_day_parse_iso (options->from, &request->from) ? options->from : options->to);
      return FALSE;
    }
  if (request->from > 0 && request->to > 0 && request->from > request->to)
    {
      g_printerr (_("rally report: the range starts (%s) after it ends (%s)\n"), options->from, options->to);
      return FALSE;
    }
  return TRUE;
}

static gboolean
find_subject (RallyStore         *store,
              Options            *options,
              RallyReportRequest *request)
{
  if (options->campaign != NULL)
    {
      request->campaign_id = find_campaign (store, options->campaign);
      if (request->campaign_id == 0)
        g_printerr (_("rally report: there is no campaign named “%s”\n"), options->campaign);
      return request->campaign_id != 0;
    }
  else
    {
      const char *tag = options->challenge[0] == '#' ? options->challenge + 1 : options->challenge;
      g_autoptr(RallyChallenge) challenge = rally_store_find_challenge (store, tag);

      if (challenge == NULL)
        g_printerr (_("rally report: there is no challenge with the hashtag #%s\n"), tag);
      else
        request->challenge_id = rally_challenge_get_id (challenge);
      return challenge != NULL;
    }
}

/**
 * rally_cli_report:
 * @argc: the count of @argv
 * @argv: "report" and its options
 *
 * Returns: the exit status
 */
int
rally_cli_report (int    argc,
                  char **argv)
{
  Options options = { 0 };
  RallyReportRequest request = { 0 };
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  int status = EXIT_FAILURE;
  GOptionEntry entries[] = {
    { "campaign", 0, 0, G_OPTION_ARG_STRING, &options.campaign, N_("Report on the campaign named NAME"), N_("NAME") },
    { "challenge", 0, 0, G_OPTION_ARG_STRING, &options.challenge, N_("Report on the challenge with the hashtag TAG"),
      N_("TAG") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &options.from, N_("The first day of the report (default: the start date)"),
      N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &options.to, N_("The last day of the report (default: the end date or today)"),
      N_("YYYY-MM-DD") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output, N_("Write the PDF to FILE"), N_("FILE") },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &options.organisation,
      N_("The organisation named at the top (default: the one set in Preferences)"), N_("NAME") },
    { "logo", 0, 0, G_OPTION_ARG_FILENAME, &options.logo,
      N_("Its logo, a PNG, JPEG or SVG file (default: the one set in Preferences)"), N_("FILE") },
    { NULL }
  };

  if (!_rally_cli_parse_command_options (&argc, &argv, entries, NULL,
                                         _("Write a PDF report on a campaign or a challenge over a range of days.")))
    goto out;
  if (argc > 1)
    {
      g_printerr (_("rally report: unexpected argument “%s”\n"), argv[1]);
      goto out;
    }
  if (!check_options (&options, &request))
    goto out;
  read_settings (&options);

  store = _rally_cli_open_workspace ("report", TRUE, NULL);
  if (store == NULL || !find_subject (store, &options, &request))
    goto out;

  request.organisation = options.organisation;
  request.logo_path = options.logo;
  if (!rally_report_write_pdf (store, &request, options.output, &notice, &error))
    {
      g_printerr (_("rally report: could not write “%s”: %s\n"), options.output, error->message);
      goto out;
    }
  if (notice != NULL)
    g_printerr ("rally report: %s\n", notice);
  g_printerr (_("Report written to %s\n"), options.output);
  status = EXIT_SUCCESS;

out:
  options_clear (&options);
  return status;
}
