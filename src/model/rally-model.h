/* rally-model.h
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

/* Everything the model layer offers, for files that use several records. */

#include "rally-account.h"
#include "rally-campaign.h"
#include "rally-challenge.h"
#include "rally-donations.h"
#include "rally-enums.h"
#include "rally-event.h"
#include "rally-fetched-video.h"
#include "rally-metrics.h"
#include "rally-model-error.h"
#include "rally-planned-post.h"
#include "rally-snapshot.h"
#include "rally-types.h"
#include "rally-validation.h"
#include "rally-video.h"
