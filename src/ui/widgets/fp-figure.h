/* fp-figure.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FP_TYPE_FIGURE (fp_figure_get_type ())

G_DECLARE_FINAL_TYPE (FpFigure, fp_figure, FP, FIGURE, GtkWidget)

GtkWidget  *fp_figure_new             (const char *text,
                                       const char *label_class,
                                       const char *explanation);
GtkWidget  *fp_figure_new_balance     (const char *text,
                                       const char *label_class,
                                       const char *explanation);
gboolean    fp_figure_get_concealed   (FpFigure   *self);
const char *fp_figure_get_text        (FpFigure   *self);
void        fp_figure_set_text        (FpFigure   *self,
                                       const char *text);
const char *fp_figure_get_explanation (FpFigure   *self);
void        fp_figure_set_explanation (FpFigure   *self,
                                       const char *explanation);

void        fp_figure_set_context     (FpFigure   *self,
                                       const char *context);
const char *fp_figure_get_context     (FpFigure   *self);

G_END_DECLS
