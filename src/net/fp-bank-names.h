/* fp-bank-names.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *fp_bank_account_label    (const char *account_json,
                                    const char *card_json);
char     *fp_bank_card_label       (const char *card_json);
gboolean  fp_bank_card_is_frozen   (const char *card_json);

G_END_DECLS
