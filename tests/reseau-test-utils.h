/* reseau-test-utils.h — small helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A new, empty folder under the temporary directory; aborts the test when
 * it cannot be made. */
char *reseau_test_make_temp_dir (void);
/* Deletes a folder and everything in it (the database, its WAL and copies). */
void  reseau_test_remove_tree   (const char *path);

G_END_DECLS
