/* fp-cli-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-cli.h"
#include "fp-offers-data.h"

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
int fp_cli_offers (int argc, char **argv);
int fp_cli_loan (int argc, char **argv);
int fp_cli_portfolio (int argc, char **argv);
int fp_cli_wealth (int argc, char **argv);

/* fp-cli-offers.c: shared by the offers, loan, portfolio and wealth
 * commands. */
int      fp_cli_load_offers_data (const char     *cache_dir,
                                  FpOffersData  **out_data);
gboolean fp_cli_parse_amount     (const char     *text,
                                  gint64         *out_minor);

G_END_DECLS
