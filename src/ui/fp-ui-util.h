/* fp-ui-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char *fp_ui_format_day                   (gint32      day,
                                          const char *format);
void  fp_ui_compute_expand_from_children (GtkWidget  *widget,
                                          gboolean   *hexpand,
                                          gboolean   *vexpand);
gboolean fp_ui_is_kiosk                  (GtkWidget  *widget);

char *fp_ui_parse_number_text           (const char    *text);
void  fp_ui_spin_button_use_locale       (GtkSpinButton *spin);
void  fp_ui_spin_buttons_use_locale      (GtkWidget     *widget);

char *fp_ui_strip_mnemonic              (const char    *text);
void  fp_ui_set_accessible_name          (GtkWidget     *widget,
                                          const char    *name,
                                          const char    *description);
void  fp_ui_fix_accessible_names         (GtkWidget     *root);
void  fp_ui_name_row_controls            (GtkWidget     *root);
void  fp_ui_name_dialog                  (GtkWidget     *dialog,
                                          const char    *version);
void  fp_ui_install_accessibility_fixes  (void);

G_END_DECLS
