/* fp-tabformer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads and writes IBM TabFormer's credit-card dataset: sd254_users.csv,
 * sd254_cards.csv and the card transactions (credit_card_transactions.csv,
 * or the dataset's own credit_card_transactions-ibm_v2.csv,
 * card_transaction.v1.csv or User<N>_credit_card_transactions.csv files).
 *
 * Import then export of files in the dataset's exact format is
 * byte-identical. A row that is not in that format (invalid UTF-8, a
 * line over FP_TABFORMER_MAX_LINE bytes, a field written otherwise) is an
 * error naming the file and line, and nothing of the import is kept;
 * nothing is dropped silently.
 */

#pragma once

#include <glib.h>

#include "fp-bank-data.h"

G_BEGIN_DECLS

#define FP_TABFORMER_USERS_FILE        "sd254_users.csv"
#define FP_TABFORMER_CARDS_FILE        "sd254_cards.csv"
#define FP_TABFORMER_TRANSACTIONS_FILE "credit_card_transactions.csv"

/* The longest line read, in bytes without its ending: a row of the
 * dataset is about 150. */
#define FP_TABFORMER_MAX_LINE 4096

/* Imports the three files of @dir. Each customer gets a current account
 * (debit cards book there) and a credit-card account per credit card. */
FpBankData  *fp_tabformer_import   (const char   *dir,
                                    GError      **error);

/* Writes the three files into @dir (created if needed): the card
 * transactions that are not deleted, in id order, into the file names they
 * were imported from (credit_card_transactions.csv for generated data). */
gboolean     fp_tabformer_export   (FpBankData   *data,
                                    const char   *dir,
                                    GError      **error);

G_END_DECLS
