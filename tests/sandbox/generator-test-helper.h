/* generator-test-helper.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the generator's two test programs share (test-generator.c,
 * test-generator-invariants.c).
 */

#pragma once

#include "fp-bank-data-private.h"

G_BEGIN_DECLS

/* Generated data; the test fails when it cannot be made. */
FpBankData *generate     (guint       customers,
                          guint       years,
                          guint64     seed);
/* A new temporary directory, and removing it with its files. */
char       *make_tmp_dir (void);
void        remove_dir   (const char *dir);

G_END_DECLS
