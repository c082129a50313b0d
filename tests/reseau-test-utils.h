/* reseau-test-utils.h — small helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A new, empty folder under the temporary directory; aborts the test when
 * it cannot be made. */
char *reseau_test_make_temp_dir (void);
/* Deletes a folder and everything in it (the database, its WAL and copies). */
void  reseau_test_remove_tree   (const char *path);

/* A GAsyncReadyCallback that keeps a reference to the result in the
 * GAsyncResult * that user_data points to (which must start NULL). */
void          reseau_test_store_result (GObject       *object,
                                        GAsyncResult  *result,
                                        gpointer       user_data);
/* Runs the default main context until reseau_test_store_result() has
 * filled slot; returns it (still owned by the slot). */
GAsyncResult *reseau_test_await_result (GAsyncResult **slot);

/* Runs the default main context until condition (data) is TRUE; aborts the
 * test after 30 s, naming what (a guard against a hang, not a measure). */
typedef gboolean (*ReseauTestCondition) (gpointer data);

void          reseau_test_wait_until   (ReseauTestCondition  condition,
                                        gpointer             data,
                                        const char          *what);

G_END_DECLS
