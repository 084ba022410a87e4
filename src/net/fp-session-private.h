/* fp-session-private.h: the session's instance, shared by its files (not API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FpSession is one object in several files, each a part of its life:
 * fp-session.c (the object, its state, the sync engine and what each sync
 * ends with), fp-session-open.c (the demo bank, its GenAI proxy, the cache
 * and the browser sign-in), fp-session-lock.c (lock and unlock),
 * fp-session-sign-out.c (sign-out and forgetting an erased cache),
 * fp-session-genai.c (narratives and answers) and fp-session-actions.c
 * (what the window asks of it).
 */

#pragma once

#include "fp-cache-consent.h"
#include "fp-consent.h"
#include "fp-sandbox-launcher.h"
#include "fp-session.h"

G_BEGIN_DECLS

struct _FpSession
{
  GObject            parent_instance;

  char              *bank_url;
  char              *genai_url;
  char              *cache_dir;
  FpSessionFlags     flags;

  FpSessionState     state;
  FpSyncState        engine_state;
  gboolean           needs_onboarding;
  gboolean           cache_existed;
  gboolean           locked;
  gboolean           consent_resync;
  char              *status;
  char              *error_message;
  char              *error_hint;

  /* Owned references */
  FpSandboxLauncher *launcher;
  FpCache           *cache;
  FpSyncEngine      *engine;
  FpConsentPolicy   *policy;
  FpConsentStore    *consent_store;
  GCancellable      *cancellable;

  /* A kiosk's sign-in, handed to the sync engine when it starts. */
  char              *access_token;
  char              *refresh_token;
  gint64             expires_at;
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_CACHE,
  PROP_SYNC_ENGINE,
  PROP_IS_DEMO,
  PROP_CONSENT_POLICY,
  PROP_NEEDS_ONBOARDING,
  PROP_STATUS,
  PROP_ERROR_MESSAGE,
  PROP_ERROR_HINT,
  PROP_LOCKED,
  N_PROPS
};

/* The session's properties (fp-session.c). */
extern GParamSpec *_fp_session_properties[N_PROPS];

void _fp_session_set_state          (FpSession      *self,
                                     FpSessionState  state);
void _fp_session_drop_consent_store (FpSession      *self);
void _fp_session_new_policy         (FpSession      *self);
void _fp_session_start_engine       (FpSession      *self,
                                     const char     *base_url);

G_END_DECLS
