/* fp-explanation-popover.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FP_TYPE_EXPLANATION_POPOVER (fp_explanation_popover_get_type ())

G_DECLARE_FINAL_TYPE (FpExplanationPopover, fp_explanation_popover, FP, EXPLANATION_POPOVER, GtkPopover)

GtkWidget  *fp_explanation_popover_new             (const char           *explanation);
const char *fp_explanation_popover_get_explanation (FpExplanationPopover *self);
void        fp_explanation_popover_set_explanation (FpExplanationPopover *self,
                                                    const char           *explanation);

const char *fp_explanation_popover_get_heading     (FpExplanationPopover *self);
void        fp_explanation_popover_set_heading     (FpExplanationPopover *self,
                                                    const char           *heading);

G_END_DECLS
