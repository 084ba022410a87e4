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

G_END_DECLS
