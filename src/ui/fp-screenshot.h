/* fp-screenshot.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-window.h"

G_BEGIN_DECLS

void     fp_screenshot_pages_async  (FpWindow             *window,
                                     const char           *directory,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean fp_screenshot_pages_finish (FpWindow             *window,
                                     GAsyncResult         *result,
                                     GError              **error);

gboolean fp_screenshot_parse_consents (const char          *text,
                                       guint               *out_mask,
                                       GError             **error);
gboolean fp_screenshot_answer_consent_step (FpWindow       *window,
                                            guint           granted);

G_END_DECLS
