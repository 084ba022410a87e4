/* fp-assistant-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fp-genai-answer.h"

G_BEGIN_DECLS

#define FP_TYPE_ASSISTANT_PAGE (fp_assistant_page_get_type ())

G_DECLARE_FINAL_TYPE (FpAssistantPage, fp_assistant_page, FP, ASSISTANT_PAGE, AdwBin)

GtkWidget     *fp_assistant_page_new           (void);
void           fp_assistant_page_ask           (FpAssistantPage *self,
                                                const char      *question);
gboolean       fp_assistant_page_get_busy      (FpAssistantPage *self);
FpGenaiAnswer *fp_assistant_page_get_answer    (FpAssistantPage *self);
GtkWidget     *fp_assistant_page_get_last_message (FpAssistantPage *self);
guint          fp_assistant_page_get_n_messages (FpAssistantPage *self);
gpointer       fp_assistant_page_find_child    (FpAssistantPage *self,
                                                const char      *name);

G_END_DECLS
