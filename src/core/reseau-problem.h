/* reseau-problem.h — one thing wrong in what was read, said so a user can act
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A card or row that was skipped or repaired while reading a file. */
typedef struct
{
  char  *file;     /* the file's display name, or NULL */
  guint  line;     /* 1-based line where the card or row begins; 0 when unknown */
  char  *subject;  /* the contact concerned (a name or UID), or NULL */
  char  *message;  /* translated: what is wrong and what was done about it */
} ReseauProblem;

ReseauProblem *reseau_problem_new    (const char          *file,
                                      guint                line,
                                      const char          *subject,
                                      const char          *message);
ReseauProblem *reseau_problem_copy   (const ReseauProblem *problem);
void           reseau_problem_free   (ReseauProblem       *problem);
/* "file:line: subject: message", leaving out what is unknown. */
char          *reseau_problem_format (const ReseauProblem *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauProblem, reseau_problem_free)

G_END_DECLS
