/* fp-human-review.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *fp_human_review_present (GtkWidget  *parent,
                                    const char *subject);

G_END_DECLS
