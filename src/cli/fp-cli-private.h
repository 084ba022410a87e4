/* fp-cli-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-cli.h"

G_BEGIN_DECLS

/**
 * FpCliCommand:
 * @name: the word that selects the command
 * @usage: its arguments, for help
 * @summary: one translatable line for help
 * @run: runs the command with argv[0] = @name; returns an exit status
 *
 * One headless command. Each lives in its own `fp-cli-NAME.c`.
 */
typedef struct
{
  const char *name;
  const char *usage;
  const char *summary;
  int (*run) (int argc, char **argv);
} FpCliCommand;

int fp_cli_sync (int argc, char **argv);
int fp_cli_export (int argc, char **argv);
int fp_cli_simulate (int argc, char **argv);
int fp_cli_insights (int argc, char **argv);

G_END_DECLS
