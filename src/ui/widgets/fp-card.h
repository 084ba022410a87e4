/* fp-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FP_TYPE_CARD (fp_card_get_type ())

G_DECLARE_DERIVABLE_TYPE (FpCard, fp_card, FP, CARD, GtkWidget)

/**
 * FpCardClass:
 * @parent_class: the parent class
 *
 * Cards of the dashboard derive from #FpCard and add their content to its
 * body, in their own template or with fp_card_append().
 */
struct _FpCardClass
{
  GtkWidgetClass parent_class;

  /*< private >*/
  gpointer padding[4];
};

GtkWidget  *fp_card_new              (const char *title,
                                      const char *explanation);
const char *fp_card_get_title        (FpCard     *self);
void        fp_card_set_title        (FpCard     *self,
                                      const char *title);
const char *fp_card_get_explanation  (FpCard     *self);
void        fp_card_set_explanation  (FpCard     *self,
                                      const char *explanation);
GtkBox     *fp_card_get_body         (FpCard     *self);
void        fp_card_append           (FpCard     *self,
                                      GtkWidget  *child);
void        fp_card_insert_after     (FpCard     *self,
                                      GtkWidget  *child,
                                      GtkWidget  *sibling);
void        fp_card_clear            (FpCard     *self);
GtkWidget  *fp_card_append_text      (FpCard     *self,
                                      const char *text,
                                      const char *css_class);
GtkWidget  *fp_card_append_row       (FpCard     *self,
                                      const char *title,
                                      const char *caption,
                                      GtkWidget  *figure);
GtkWidget  *fp_card_text_new         (const char *text,
                                      const char *css_class);

G_END_DECLS
