/* fp-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FP_TYPE_PREFERENCES_WINDOW (fp_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (FpPreferencesWindow, fp_preferences_window, FP, PREFERENCES_WINDOW, AdwPreferencesWindow)

FpPreferencesWindow *fp_preferences_window_new (GtkWindow *parent,
                                                GSettings *settings);

G_END_DECLS
