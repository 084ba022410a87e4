/* fp-dashboard-notices.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-cli-insights.h"

G_BEGIN_DECLS

GPtrArray *fp_dashboard_collect_notices (FpCache               *cache,
                                         const FpDashboardData *data);
void       fp_dashboard_send_notices    (GApplication          *app,
                                         GPtrArray             *notices);

G_END_DECLS
