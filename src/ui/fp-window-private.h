/* fp-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is split by concern: fp-window.c (navigation, size, pages)
 * and fp-window-session.c (the session: first run, opening, failure, the
 * sync bar, handing the cache to the pages). They share the struct here.
 */

#pragma once

#include "fp-session.h"
#include "fp-window.h"

G_BEGIN_DECLS

/* Below this width the pages stack their panes vertically (kiosk portrait,
 * phones, tiled half-screens). */
#define NARROW_WIDTH 720

struct _FpWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  GtkOverlay           *overlay;
  GtkMenuButton        *menu_button;
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkStack             *main_stack;
  AdwViewStack         *stack;
  AdwStatusPage        *welcome_page;
  GtkButton            *welcome_button;
  GtkLabel             *welcome_hint;
  AdwStatusPage        *failed_page;
  AdwStatusPage        *opening_page;
  GtkRevealer          *sync_revealer;
  GtkImage             *sync_icon;
  GtkLabel             *sync_label;
  GtkProgressBar       *sync_progress;
  GtkButton            *sync_button;

  /* Owned references */
  GSettings            *settings;
  GCancellable         *cancellable;
  FpSession            *session;
  FpSyncEngine         *engine;
  GPtrArray            *cache_bindings;
  GCancellable         *narrate_cancellable;
  FpConsentPolicy      *watched_policy;

  char                 *last_error;
  guint                 narrow_idle_id;
  guint                 clock_id;
  gboolean              remember_size;
  gboolean              narrow;
  gboolean              kiosk;
  gboolean              hide_balances;
};

void        _fp_window_update_main_stack  (FpWindow       *self);

void        _fp_window_session_class_init (GtkWidgetClass *widget_class);
void        _fp_window_session_init       (FpWindow       *self);
void        _fp_window_session_dispose    (FpWindow       *self);
const char *_fp_window_session_stack_name (FpWindow       *self);

G_END_DECLS
