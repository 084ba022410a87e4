/* fp-human-review.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How to ask the bank for a person to review what was decided
 * automatically (GDPR Article 22(3); credit decisions are high-risk under
 * the EU AI Act, Annex III 5(b)): a dialog that says what is automated on
 * this computer and what the bank decides, the customer's rights, and the
 * way to the bank. The contract has no customer-service address yet, so
 * the way is the bank's customer service, named with the subject to quote;
 * the one step the app can take at once, switching off the consent to
 * personalization (no automated ranking on the customer's data), is a
 * button to the Privacy page.
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "fp-human-review.h"

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GtkWidget        *parent)
{
  if (g_str_equal (response, "privacy"))
    gtk_widget_activate_action (parent, "win.show-page", "s", "privacy");
}

/**
 * fp_human_review_present:
 * @parent: the widget the customer asked from (its window is the parent)
 * @subject: what to quote to the bank, such as "the offer “Personal Loan”
 *   shown on 31 October 2026"
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWidget *
fp_human_review_present (GtkWidget  *parent,
                         const char *subject)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (subject != NULL, NULL);

  body = g_strdup_printf (_("Which offers you see first, and why, is worked out automatically on this computer from your accounts’ figures and your feedback. It refuses and grants nothing: a loan application is always decided by your bank.\n\n"
                            "You have the right to have a person at your bank review any automated decision about you, to give your point of view and to contest it (GDPR Article 22). Credit decisions are treated as high-risk under the EU AI Act, so your bank must offer this review.\n\n"
                            "To ask for it, contact your bank’s customer service by phone, at a branch or by secure message, and mention %s.\n\n"
                            "You can also stop the automated ranking now: without your consent to personalization the offers are shown in the bank’s order and none of your data is used."),
                          subject);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Ask for a Human Review"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "privacy", _("Open _Privacy Settings"),
                                    "close", _("_Close"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), parent, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
