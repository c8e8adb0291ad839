/* rally-db-libpq.h
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
#include <libpq-fe.h>

G_BEGIN_DECLS

/* The libpq functions the PostgreSQL backend calls (rally-db-pg.c) */
#define RALLY_LIBPQ_FUNCTIONS(F) \
  F (PQbackendPID) \
  F (PQclear) \
  F (PQcmdStatus) \
  F (PQcmdTuples) \
  F (PQconnectdbParams) \
  F (PQconnectionNeedsPassword) \
  F (PQconnectionUsedPassword) \
  F (PQconninfoFree) \
  F (PQconninfoParse) \
  F (PQconsumeInput) \
  F (PQdb) \
  F (PQenterPipelineMode) \
  F (PQerrorMessage) \
  F (PQescapeIdentifier) \
  F (PQexec) \
  F (PQexecParams) \
  F (PQexecPrepared) \
  F (PQexitPipelineMode) \
  F (PQfinish) \
  F (PQfreemem) \
  F (PQftype) \
  F (PQgetResult) \
  F (PQgetisnull) \
  F (PQgetlength) \
  F (PQgetvalue) \
  F (PQhost) \
  F (PQnfields) \
  F (PQnotifies) \
  F (PQntuples) \
  F (PQpipelineSync) \
  F (PQport) \
  F (PQprepare) \
  F (PQresultErrorField) \
  F (PQresultStatus) \
  F (PQsendPrepare) \
  F (PQsendQueryPrepared) \
  F (PQsetNoticeProcessor) \
  F (PQsocket) \
  F (PQsslInUse) \
  F (PQstatus) \
  F (PQuser)

typedef struct
{
#define RALLY_LIBPQ_POINTER(name) __typeof__ (name) *name;
  RALLY_LIBPQ_FUNCTIONS (RALLY_LIBPQ_POINTER)
#undef RALLY_LIBPQ_POINTER
} RallyLibpq;

/* Filled in by the first successful _rally_libpq_load(); read only after one */
extern RallyLibpq _rally_libpq;

gboolean _rally_libpq_load (GError **error);

G_END_DECLS
