/* fp-kiosk-sign-in.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The device grant on the kiosk's screen: the QR code of the verification
 * address with the code filled in, the code in large type for those who
 * type it, the countdown to its expiry, and Cancel; then what went wrong,
 * if anything (declined on the phone, expired, the bank not reachable),
 * with Try Again and Done. It shows an #FpKioskSession and changes nothing
 * in it: the buttons activate `kiosk.start` and `kiosk.cancel`.
 */

#define G_LOG_DOMAIN "fp-kiosk"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fp-kiosk-qr.h"
#include "fp-kiosk-sign-in.h"
#include "fp-ui-util.h"

struct _FpKioskSignIn
{
  AdwBin          parent_instance;

  GtkStack       *stack;
  GtkSpinner     *starting_spinner;
  GtkBox         *layout;
  FpKioskQr      *qr;
  GtkWidget      *info;
  GtkLabel       *manual_label;
  GtkLabel       *code_label;
  GtkLabel       *countdown_label;
  GtkSpinner     *waiting_spinner;
  GtkImage       *problem_icon;
  GtkLabel       *problem_title;
  GtkLabel       *problem_description;

  FpKioskSession *kiosk_session;
  guint           tick_id;
};

G_DEFINE_FINAL_TYPE (FpKioskSignIn, fp_kiosk_sign_in, ADW_TYPE_BIN)

static void
update_countdown (FpKioskSignIn *self)
{
  gint64 expires_at = self->kiosk_session != NULL ? fp_kiosk_session_get_expires_at (self->kiosk_session) : 0;
  gint64 left = expires_at > 0 ? (expires_at - g_get_monotonic_time () + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC : 0;
  g_autofree char *text = NULL;

  left = MAX (left, 0);
  /* Translators: the time a sign-in code has left, in minutes and seconds */
  text = g_strdup_printf (_("This code expires in %d:%02d"), (int) (left / 60), (int) (left % 60));
  gtk_label_set_label (self->countdown_label, text);
  if (left <= 60)
    gtk_widget_add_css_class (GTK_WIDGET (self->countdown_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->countdown_label), "warning");
}

static gboolean
tick_cb (gpointer user_data)
{
  update_countdown (user_data);
  return G_SOURCE_CONTINUE;
}

/* "bank.example/device" rather than "https://bank.example/device": what a
 * person types. */
static char *
address_to_type (const char *uri)
{
  const char *rest = strstr (uri, "://");

  return g_strdup (rest != NULL ? rest + 3 : uri);
}

static void
show_problem (FpKioskSignIn *self,
              const char    *icon,
              const char    *title,
              const char    *description)
{
  gtk_image_set_from_icon_name (self->problem_icon, icon);
  gtk_label_set_label (self->problem_title, title);
  gtk_label_set_label (self->problem_description, description);
  gtk_stack_set_visible_child_name (self->stack, "problem");
}

static void
update (FpKioskSignIn *self)
{
  FpKioskState state = self->kiosk_session != NULL ? fp_kiosk_session_get_state (self->kiosk_session)
                                                   : FP_KIOSK_STATE_IDLE;
  gboolean waiting;

  /* A code is shown only whole. */
  if (state == FP_KIOSK_STATE_WAITING
      && (fp_kiosk_session_get_user_code (self->kiosk_session) == NULL
          || fp_kiosk_session_get_verification_uri (self->kiosk_session) == NULL))
    state = FP_KIOSK_STATE_STARTING;
  waiting = state == FP_KIOSK_STATE_WAITING;

  gtk_spinner_set_spinning (self->starting_spinner, state == FP_KIOSK_STATE_STARTING);
  gtk_spinner_set_spinning (self->waiting_spinner, waiting);
  if (waiting && self->tick_id == 0)
    self->tick_id = g_timeout_add (250, tick_cb, self);
  else if (!waiting)
    g_clear_handle_id (&self->tick_id, g_source_remove);

  switch (state)
    {
    case FP_KIOSK_STATE_WAITING:
      {
        const char *complete = fp_kiosk_session_get_verification_uri_complete (self->kiosk_session);
        const char *uri = fp_kiosk_session_get_verification_uri (self->kiosk_session);
        g_autofree char *typed = address_to_type (uri);
        g_autofree char *manual = NULL;

        /* Without the code in the address, the phone opens the page and
         * the customer types the code. */
        fp_kiosk_qr_set_text (self->qr, complete != NULL ? complete : uri);
        /* Translators: %s is the bank's sign-in address, such as bank.example/device */
        manual = g_strdup_printf (_("No camera? Go to %s on any device and enter:"), typed);
        gtk_label_set_label (self->manual_label, manual);
        gtk_label_set_label (self->code_label, fp_kiosk_session_get_user_code (self->kiosk_session));
        update_countdown (self);
        gtk_stack_set_visible_child_name (self->stack, "waiting");
      }
      break;

    case FP_KIOSK_STATE_DENIED:
      show_problem (self, "action-unavailable-symbolic", _("Sign-In Declined"),
                    _("The sign-in was declined on the phone. Nothing was shared with this kiosk."));
      break;

    case FP_KIOSK_STATE_EXPIRED:
      show_problem (self, "alarm-symbolic", _("The Code Expired"),
                    _("A sign-in code lasts a few minutes. Try again for a new one."));
      break;

    case FP_KIOSK_STATE_FAILED:
      show_problem (self, "network-error-symbolic", _("Sign-In Is Not Available"),
                    fp_kiosk_session_get_error_message (self->kiosk_session) != NULL
                    ? fp_kiosk_session_get_error_message (self->kiosk_session)
                    : _("The bank could not be reached. Please ask at the counter."));
      break;

    case FP_KIOSK_STATE_STARTING:
    case FP_KIOSK_STATE_IDLE:
    case FP_KIOSK_STATE_SIGNED_IN:
    case FP_KIOSK_STATE_ENDING:
    default:
      /* Nothing of an old code stays on screen. */
      fp_kiosk_qr_set_text (self->qr, NULL);
      gtk_label_set_label (self->code_label, "");
      gtk_stack_set_visible_child_name (self->stack, "starting");
      break;
    }
}

static void
fp_kiosk_sign_in_dispose (GObject *object)
{
  FpKioskSignIn *self = FP_KIOSK_SIGN_IN (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->kiosk_session != NULL)
    g_signal_handlers_disconnect_by_data (self->kiosk_session, self);
  g_clear_object (&self->kiosk_session);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FP_TYPE_KIOSK_SIGN_IN);

  G_OBJECT_CLASS (fp_kiosk_sign_in_parent_class)->dispose (object);
}

static void
fp_kiosk_sign_in_class_init (FpKioskSignInClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_kiosk_sign_in_dispose;

  g_type_ensure (FP_TYPE_KIOSK_QR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/finpersona/FinPersona/ui/fp-kiosk-sign-in.ui");
  gtk_widget_class_bind_template_child (widget_class, FpKioskSignIn, stack);
  gtk_widget_class_bind_template_child (widget_class, FpKioskSignIn, starting_spinner);
  gtk_widget_class_bind_template_child (widget_class, FpKioskSignIn, layout);
  gtk_widget_class_bind_template_child (widget_class, FpKioskSignIn, qr);
  gtk_widget_class_bind_template_child (widget_class, FpKioskSignIn, info);
  gtk_widget_class_bind_template_child (widget_class, FpKioskSignIn, manual_label);
  gtk_widget_class_bind_template_child (widget_class, FpKioskSignIn, code_label);
  gtk_widget_class_bind_template_child (widget_class, FpKioskSignIn, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, FpKioskSignIn, waiting_spinner);
  gtk_widget_class_bind_template_child (widget_class, FpKioskSignIn, problem_icon);
  gtk_widget_class_bind_template_child (widget_class, FpKioskSignIn, problem_title);
  gtk_widget_class_bind_template_child (widget_class, FpKioskSignIn, problem_description);
}

static void
fp_kiosk_sign_in_init (FpKioskSignIn *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
fp_kiosk_sign_in_new (void)
{
  return g_object_new (FP_TYPE_KIOSK_SIGN_IN, NULL);
}

/**
 * fp_kiosk_sign_in_set_kiosk_session:
 * @self: a #FpKioskSignIn
 * @kiosk_session: (nullable): the kiosk to show
 */
void
fp_kiosk_sign_in_set_kiosk_session (FpKioskSignIn  *self,
                                    FpKioskSession *kiosk_session)
{
  g_return_if_fail (FP_IS_KIOSK_SIGN_IN (self));

  if (self->kiosk_session != NULL)
    g_signal_handlers_disconnect_by_data (self->kiosk_session, self);
  g_set_object (&self->kiosk_session, kiosk_session);
  if (kiosk_session != NULL)
    g_signal_connect_object (kiosk_session, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

/**
 * fp_kiosk_sign_in_set_portrait:
 * @self: a #FpKioskSignIn
 * @portrait: whether the screen is taller than wide
 *
 * Portrait puts the code under the QR code; landscape beside it.
 */
void
fp_kiosk_sign_in_set_portrait (FpKioskSignIn *self,
                               gboolean       portrait)
{
  g_return_if_fail (FP_IS_KIOSK_SIGN_IN (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->layout),
                                  portrait ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (self->layout, portrait ? 48 : 64);
}

/**
 * fp_kiosk_sign_in_get_page:
 * @self: a #FpKioskSignIn
 *
 * Returns: `starting`, `waiting` or `problem`
 */
const char *
fp_kiosk_sign_in_get_page (FpKioskSignIn *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_SIGN_IN (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * fp_kiosk_sign_in_get_qr_text:
 * @self: a #FpKioskSignIn
 *
 * Returns: (nullable): what the QR code shown encodes
 */
const char *
fp_kiosk_sign_in_get_qr_text (FpKioskSignIn *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_SIGN_IN (self), NULL);

  return fp_kiosk_qr_get_text (self->qr);
}

const char *
fp_kiosk_sign_in_get_countdown (FpKioskSignIn *self)
{
  g_return_val_if_fail (FP_IS_KIOSK_SIGN_IN (self), NULL);

  return gtk_label_get_label (self->countdown_label);
}
