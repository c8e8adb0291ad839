/* rally-atomic-file.h
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

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _RallyAtomicFile RallyAtomicFile;

RallyAtomicFile *rally_atomic_file_open             (const char       *path,
                                                     GError          **error);
GOutputStream   *rally_atomic_file_get_stream       (RallyAtomicFile  *self);
const char      *rally_atomic_file_get_temp_path    (RallyAtomicFile  *self);
gboolean         rally_atomic_file_commit           (RallyAtomicFile  *self,
                                                     GError          **error);
void             rally_atomic_file_remove_on_signal (RallyAtomicFile  *self);
void             rally_atomic_file_free             (RallyAtomicFile  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyAtomicFile, rally_atomic_file_free)

G_END_DECLS
