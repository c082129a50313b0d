/* reseau-export.h — contacts out to one .vcf file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reseau-vcard.h"

G_BEGIN_DECLS

/* Writes contacts (ReseauContact*) as one vCard file, each card being the
 * contact's stored card patched with its fields plus the X-RESEAU-*
 * properties, in version 3.0 or 4.0. Written to a temporary file then
 * renamed over file, so a failure leaves any earlier file whole. */
gboolean reseau_export_contacts (GPtrArray           *contacts,
                                 ReseauVCardVersion   version,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GError             **error);

G_END_DECLS
