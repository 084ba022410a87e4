/* fp-cli-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-cache-consent.h"
#include "fp-cli.h"
#include "fp-offers-data.h"
#include "fp-sync-engine.h"

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

/**
 * FpCliOption:
 * @name: the option with its dashes, "--cache-dir"
 * @value_name: (nullable): what its value is called ("DIR"), %NULL for a
 *   flag
 * @target: a `gboolean *` for a flag, a `char **` (owned) for a value
 *
 * One option of a command parsed by fp_cli_parse_args().
 */
typedef struct
{
  const char *name;
  const char *value_name;
  gpointer    target;
} FpCliOption;

gboolean fp_cli_parse_args (const char         *command,
                            int                 argc,
                            char              **argv,
                            const FpCliOption  *options,
                            guint               n_options,
                            guint               max_words,
                            const char        **words,
                            GError            **error);

/**
 * FpCliSyncResult:
 * @engine: the engine that ran (for its figures), or %NULL
 * @bank: "demo" or the bank's address, for the summary
 * @overridden: how many purposes the bank's consent records overrode
 *
 * What fp_cli_run_sync() did.
 */
typedef struct
{
  FpSyncEngine *engine;
  char         *bank;
  guint         overridden;
} FpCliSyncResult;

gboolean fp_cli_run_sync         (FpCache          *cache,
                                  FpConsentPolicy  *policy,
                                  FpConsentStore   *store,
                                  const char       *bank,
                                  gboolean          demo_sign_in,
                                  guint             page_size,
                                  FpCliSyncResult  *result,
                                  GError          **error);
void     fp_cli_sync_result_clear (FpCliSyncResult *result);
FpCache *fp_cli_open_cache        (const char       *cache_dir,
                                   GError          **error);

int fp_cli_sync (int argc, char **argv);
int fp_cli_consent (int argc, char **argv);
int fp_cli_erase (int argc, char **argv);
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
