/* rally-model-error.h
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

#include <glib.h>

G_BEGIN_DECLS

#define RALLY_MODEL_ERROR (rally_model_error_quark ())

/**
 * RallyModelError:
 *
 * Why a record or a field is invalid. Every error carries a translated message that
 * names the field, ready to show under it.
 */
typedef enum
{
  RALLY_MODEL_ERROR_REQUIRED,
  RALLY_MODEL_ERROR_TOO_LONG,
  RALLY_MODEL_ERROR_DATES_ORDER,
  RALLY_MODEL_ERROR_NEGATIVE_GOAL,
  RALLY_MODEL_ERROR_NEGATIVE_AMOUNT,
  RALLY_MODEL_ERROR_PLEDGE_CAP,
  RALLY_MODEL_ERROR_CURRENCY,
  RALLY_MODEL_ERROR_COLOR,
  RALLY_MODEL_ERROR_REGION,
  RALLY_MODEL_ERROR_SAFEGUARDING,
  RALLY_MODEL_ERROR_INVALID_TEXT,
  RALLY_MODEL_ERROR_HASHTAG_EMPTY,
  RALLY_MODEL_ERROR_HASHTAG_SPACE,
  RALLY_MODEL_ERROR_HASHTAG_HASH_INSIDE,
  RALLY_MODEL_ERROR_HASHTAG_CHARACTER,
  RALLY_MODEL_ERROR_HASHTAG_DIGITS_ONLY,
  RALLY_MODEL_ERROR_HASHTAG_TOO_LONG,
  RALLY_MODEL_ERROR_HASHTAG_TAKEN,
  RALLY_MODEL_ERROR_DAY_RANGE,
  RALLY_MODEL_ERROR_EVENT_OWNER,
  RALLY_MODEL_ERROR_USERNAME,
} RallyModelError;

GQuark rally_model_error_quark (void);

G_END_DECLS
