/* fp-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of headless commands, as in sysexits.h. */
#define FP_CLI_EXIT_OK       0
#define FP_CLI_EXIT_FAILURE  1
#define FP_CLI_EXIT_USAGE    2

gboolean fp_cli_wants (int    argc,
                       char **argv);
int      fp_cli_main  (int    argc,
                       char **argv);

G_END_DECLS
