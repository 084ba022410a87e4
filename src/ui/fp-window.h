/* fp-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-session.h"

G_BEGIN_DECLS

#define FP_TYPE_WINDOW (fp_window_get_type ())

G_DECLARE_FINAL_TYPE (FpWindow, fp_window, FP, WINDOW, AdwApplicationWindow)

FpWindow   *fp_window_new             (AdwApplication *application,
                                       gboolean        remember_size);
gboolean    fp_window_get_narrow      (FpWindow       *self);
char      **fp_window_list_pages      (FpWindow       *self);
gboolean    fp_window_show_page       (FpWindow       *self,
                                       const char     *name);
void        fp_window_set_session     (FpWindow       *self,
                                       FpSession      *session);
FpSession  *fp_window_get_session     (FpWindow       *self);
void        fp_window_add_toast       (FpWindow       *self,
                                       const char     *message);

gboolean    fp_window_get_kiosk       (FpWindow       *self);
gboolean    fp_window_get_hide_balances (FpWindow     *self);
void        fp_window_set_hide_balances (FpWindow     *self,
                                       gboolean        hide_balances);
void        fp_window_add_overlay     (FpWindow       *self,
                                       GtkWidget      *overlay);
void        fp_window_set_covered     (FpWindow       *self,
                                       gboolean        covered);
void        fp_window_add_header_widget (FpWindow     *self,
                                       GtkWidget      *widget);

G_END_DECLS
