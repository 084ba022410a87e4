/* fp-goal-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FP_TYPE_GOAL_CARD (fp_goal_card_get_type ())

G_DECLARE_FINAL_TYPE (FpGoalCard, fp_goal_card, FP, GOAL_CARD, GtkWidget)

GtkWidget  *fp_goal_card_new             (const char *title);
const char *fp_goal_card_get_title       (FpGoalCard *self);
void        fp_goal_card_set_title       (FpGoalCard *self,
                                          const char *title);
const char *fp_goal_card_get_probability (FpGoalCard *self);
void        fp_goal_card_set_probability (FpGoalCard *self,
                                          const char *probability);
const char *fp_goal_card_get_caption     (FpGoalCard *self);
void        fp_goal_card_set_caption     (FpGoalCard *self,
                                          const char *caption);

G_END_DECLS
