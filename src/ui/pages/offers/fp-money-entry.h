/* fp-money-entry.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FP_TYPE_MONEY_ENTRY (fp_money_entry_get_type ())

G_DECLARE_FINAL_TYPE (FpMoneyEntry, fp_money_entry, FP, MONEY_ENTRY, AdwBin)

GtkWidget  *fp_money_entry_new             (void);
gint64      fp_money_entry_get_value_minor (FpMoneyEntry *self);
void        fp_money_entry_set_value_minor (FpMoneyEntry *self,
                                            gint64        value_minor);
void        fp_money_entry_set_range       (FpMoneyEntry *self,
                                            gint64        min_minor,
                                            gint64        max_minor,
                                            gint64        step_minor);
void        fp_money_entry_set_currency    (FpMoneyEntry *self,
                                            const char   *currency);
GtkSpinButton *fp_money_entry_get_spin_button (FpMoneyEntry *self);

gboolean    fp_money_entry_parse           (const char   *text,
                                            const char   *currency,
                                            gint64       *out_minor,
                                            GError      **error);

G_END_DECLS
