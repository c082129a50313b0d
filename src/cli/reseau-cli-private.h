/* reseau-cli-private.h — shared by the files of reseau-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-core.h"

G_BEGIN_DECLS

/* What scripts can rely on. */
typedef enum
{
  RESEAU_CLI_EXIT_OK = 0,
  RESEAU_CLI_EXIT_FAILURE = 1, /* no such contact, or the database failed */
  RESEAU_CLI_EXIT_USAGE = 2,   /* the command line itself is wrong */
} ReseauCliExit;

/* Prints "reseau-cli: MESSAGE" and the hint to read --help on stderr;
 * returns RESEAU_CLI_EXIT_USAGE. */
int             reseau_cli_usage_error     (const char        *format,
                                            ...) G_GNUC_PRINTF (1, 2);
/* Prints the missing-contact message; returns RESEAU_CLI_EXIT_FAILURE. */
int             reseau_cli_missing_contact (const char        *uid);
/* Prints a database error with what the user can do about it; returns the
 * exit code it calls for. uid names the contact the command was about. */
int             reseau_cli_report_error    (const GError      *error,
                                            const char        *uid);

/* Parses a command's options (argv[0] is the command name). Returns the
 * arguments left over, or NULL after printing a usage error. */
GStrv           reseau_cli_parse_options   (const char        *command,
                                            const char        *parameter_string,
                                            const char        *summary,
                                            const GOptionEntry *entries,
                                            int                argc,
                                            char             **argv);
/* Opens the default database, or returns NULL after printing why. */
ReseauDatabase *reseau_cli_open_database   (int               *exit_code);

/* Writes UTF-8 text to stdout as it is, whatever the locale's charset:
 * the output is data for scripts, not a message. */
void            reseau_cli_write           (const char        *text);

/* One "  left   right" line of the help, right in a column of its own. */
void            reseau_cli_append_help_row (GString       *out,
                                            const char    *left,
                                            const char    *right);
/* The options of add and edit, for the help of the whole program. */
void            reseau_cli_print_field_options (GString       *out);

int             reseau_cli_list            (int                argc,
                                            char             **argv);
int             reseau_cli_show            (int                argc,
                                            char             **argv);
int             reseau_cli_add             (int                argc,
                                            char             **argv);
int             reseau_cli_edit            (int                argc,
                                            char             **argv);
int             reseau_cli_delete          (int                argc,
                                            char             **argv);
int             reseau_cli_import          (int                argc,
                                            char             **argv);
int             reseau_cli_export          (int                argc,
                                            char             **argv);
int             reseau_cli_account         (int                argc,
                                            char             **argv);
int             reseau_cli_sync            (int                argc,
                                            char             **argv);
int             reseau_cli_log             (int                argc,
                                            char             **argv);
int             reseau_cli_due             (int                argc,
                                            char             **argv);
int             reseau_cli_timeline        (int                argc,
                                            char             **argv);
int             reseau_cli_referral        (int                argc,
                                            char             **argv);
int             reseau_cli_event           (int                argc,
                                            char             **argv);
int             reseau_cli_backup          (int                argc,
                                            char             **argv);
int             reseau_cli_restore         (int                argc,
                                            char             **argv);

/* Adds "conflicts" to each contact object of root (one object, or an array
 * of them) that has any (reseau-cli-sync.c). */
gboolean        reseau_cli_add_conflicts_json (ReseauDatabase  *database,
                                               JsonNode        *root,
                                               GError         **error);

G_END_DECLS
