/* fp-figure-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FP_TYPE_FIGURE_ROW (fp_figure_row_get_type ())

G_DECLARE_FINAL_TYPE (FpFigureRow, fp_figure_row, FP, FIGURE_ROW, GtkWidget)

GtkWidget  *fp_figure_row_new         (const char  *title,
                                       const char  *caption,
                                       GtkWidget   *figure);
const char *fp_figure_row_get_title   (FpFigureRow *self);
void        fp_figure_row_set_title   (FpFigureRow *self,
                                       const char  *title);
const char *fp_figure_row_get_caption (FpFigureRow *self);
void        fp_figure_row_set_caption (FpFigureRow *self,
                                       const char  *caption);
GtkWidget  *fp_figure_row_get_figure  (FpFigureRow *self);
void        fp_figure_row_set_figure  (FpFigureRow *self,
                                       GtkWidget   *figure);

G_END_DECLS
