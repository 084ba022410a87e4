/* fp-device.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *fp_device_get_display_name  (void);

/* For tests: the same from these files (either may be missing). */
char *_fp_device_name_from_files  (const char *machine_info,
                                   const char *chassis_type);

G_END_DECLS
