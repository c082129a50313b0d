/* reseau-problem.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reseau-problem.h"

ReseauProblem *
reseau_problem_new (const char *file,
                    guint       line,
                    const char *subject,
                    const char *message)
{
  ReseauProblem *problem;

  g_return_val_if_fail (message != NULL, NULL);

  problem = g_new0 (ReseauProblem, 1);
  problem->file = g_strdup (file);
  problem->line = line;
  problem->subject = g_strdup (subject);
  problem->message = g_strdup (message);

  return problem;
}

ReseauProblem *
reseau_problem_copy (const ReseauProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  return reseau_problem_new (problem->file, problem->line, problem->subject, problem->message);
}

void
reseau_problem_free (ReseauProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->file);
  g_free (problem->subject);
  g_free (problem->message);
  g_free (problem);
}

char *
reseau_problem_format (const ReseauProblem *problem)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (problem != NULL, NULL);

  if (problem->file != NULL)
    g_string_append_printf (text, "%s:", problem->file);
  if (problem->line > 0)
    g_string_append_printf (text, "%u:", problem->line);
  if (text->len > 0)
    g_string_append_c (text, ' ');
  if (problem->subject != NULL)
    g_string_append_printf (text, "%s: ", problem->subject);
  g_string_append (text, problem->message);

  return g_string_free (text, FALSE);
}
