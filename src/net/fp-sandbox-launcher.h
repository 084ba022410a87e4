/* fp-sandbox-launcher.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FP_TYPE_SANDBOX_LAUNCHER (fp_sandbox_launcher_get_type ())

G_DECLARE_FINAL_TYPE (FpSandboxLauncher, fp_sandbox_launcher, FP, SANDBOX_LAUNCHER, GObject)

char              *fp_sandbox_launcher_find_executable (void);

FpSandboxLauncher *fp_sandbox_launcher_new     (void);
gboolean           fp_sandbox_launcher_spawn   (FpSandboxLauncher  *self,
                                                const char *const  *extra_args,
                                                GError            **error);
gboolean           fp_sandbox_launcher_wait    (FpSandboxLauncher  *self,
                                                GCancellable       *cancellable,
                                                GError            **error);
gboolean           fp_sandbox_launcher_start   (FpSandboxLauncher  *self,
                                                const char *const  *extra_args,
                                                GCancellable       *cancellable,
                                                GError            **error);
const char        *fp_sandbox_launcher_get_url (FpSandboxLauncher  *self);
gboolean           fp_sandbox_launcher_spawn_proxy (FpSandboxLauncher  *self,
                                                    GError            **error);
const char        *fp_sandbox_launcher_wait_proxy  (FpSandboxLauncher  *self,
                                                    GCancellable       *cancellable,
                                                    GError            **error);
const char        *fp_sandbox_launcher_get_proxy_url (FpSandboxLauncher *self);
GPid               fp_sandbox_launcher_get_pid (FpSandboxLauncher  *self);
void               fp_sandbox_launcher_stop    (FpSandboxLauncher  *self);

G_END_DECLS
