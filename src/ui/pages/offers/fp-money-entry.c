/* fp-money-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An amount of money the customer types, in their locale: a spin button
 * (arrows and Page Up/Down step it) that shows fp_format_money()'s text
 * and reads what is typed with fp_money_entry_parse(): the locale's
 * decimal mark and digit groups ("15,000.50" in English, "15.000,50" in
 * German), a currency symbol or code and spaces are fine, and a plain
 * "15000.50" is understood everywhere. Anything ambiguous or inexact
 * ("1.234" in English: three decimals) is refused, and the entry keeps its
 * value. The value is exact minor units.
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include <langinfo.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "fp-error.h"
#include "fp-format.h"
#include "fp-money.h"
#include "fp-money-entry.h"

#define MAX_TEXT 64

struct _FpMoneyEntry
{
  AdwBin         parent_instance;

  GtkSpinButton *spin;
  char          *currency;
};

G_DEFINE_FINAL_TYPE (FpMoneyEntry, fp_money_entry, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VALUE_MINOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
refuse (GError **error)
{
  g_set_error_literal (error, FP_CORE_ERROR, FP_CORE_ERROR_INVALID,
                       _("Type an amount such as 15,000 or 15,000.50."));
  return FALSE;
}

/* The decimal mark and digit-group separator fp_format_money() writes in
 * the calling thread's locale (LC_MONETARY, else LC_NUMERIC; a locale
 * without groups, such as C, groups as English does). */
static void
locale_marks (char *decimal,
              char *group)
{
  const char *d = nl_langinfo (__MON_DECIMAL_POINT);
  const char *g = nl_langinfo (__MON_THOUSANDS_SEP);

  if (d == NULL || *d == '\0')
    {
      d = nl_langinfo (__DECIMAL_POINT);
      g = nl_langinfo (__THOUSANDS_SEP);
    }
  *decimal = d != NULL && strlen (d) == 1 ? d[0] : '.';
  if (g == NULL || *g == '\0' || (strlen (g) == 1 && g[0] == *decimal))
    *group = *decimal == ',' ? '.' : ',';
  else
    /* A multi-byte separator is a kind of space, removed with the others. */
    *group = strlen (g) == 1 ? g[0] : '\0';
}

/* "12,345,678": after the first group of one to three digits, groups of
 * three, each after one separator (any non-digit). */
static gboolean
grouping_ok (const char *digits)
{
  gsize run = 0;
  gboolean first = TRUE;

  for (const char *p = digits; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          run++;
          continue;
        }
      if (run == 0 || (first ? run > 3 : run != 3))
        return FALSE;
      first = FALSE;
      run = 0;
    }
  return first || run == 3;
}

/* Digits with at most one decimal mark, two decimals, into "d.dd". */
static gboolean
to_decimal (const char *text,
            char        decimal,
            char        group,
            GString    *out)
{
  const char *mark = strrchr (text, decimal);
  g_autofree char *integer = g_strndup (text, mark != NULL ? (gsize) (mark - text) : strlen (text));
  const char *fraction = mark != NULL ? mark + 1 : "";

  if (*integer == '\0' || strlen (fraction) > 2 || (mark != NULL && *fraction == '\0'))
    return FALSE;
  for (const char *p = fraction; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  /* Digit groups by the locale's separator or by spaces. */
  for (const char *p = integer; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(group != '\0' && *p == group) && *p != ' ')
      return FALSE;
  if (!grouping_ok (integer))
    return FALSE;

  g_string_truncate (out, 0);
  for (const char *p = integer; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (out, *p);
  g_string_append_printf (out, ".%s%s", fraction, strlen (fraction) == 0 ? "00" : strlen (fraction) == 1 ? "0" : "");
  return TRUE;
}

/* Drops a currency symbol (Unicode's Sc) or the ISO code @currency at
 * either end, with the spaces around it. */
static const char *
strip_currency (const char *text,
                const char *currency,
                gsize      *len)
{
  const char *start = text, *end = text + strlen (text);
  gsize code = currency != NULL ? strlen (currency) : 0;
  gboolean changed = TRUE;

  while (changed)
    {
      changed = FALSE;
      while (start < end && g_unichar_isspace (g_utf8_get_char (start)))
        start = g_utf8_next_char (start);
      while (end > start && g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (end))))
        end = g_utf8_prev_char (end);
      if (start < end && g_unichar_type (g_utf8_get_char (start)) == G_UNICODE_CURRENCY_SYMBOL)
        start = g_utf8_next_char (start), changed = TRUE;
      else if (end > start && g_unichar_type (g_utf8_get_char (g_utf8_prev_char (end))) == G_UNICODE_CURRENCY_SYMBOL)
        end = g_utf8_prev_char (end), changed = TRUE;
      else if (code > 0 && (gsize) (end - start) > code && g_ascii_strncasecmp (start, currency, code) == 0)
        start += code, changed = TRUE;
      else if (code > 0 && (gsize) (end - start) > code && g_ascii_strncasecmp (end - code, currency, code) == 0)
        end -= code, changed = TRUE;
    }
  *len = (gsize) (end - start);
  return start;
}

/**
 * fp_money_entry_parse:
 * @text: what the customer typed
 * @currency: (nullable): the ISO 4217 code the customer may type with it
 * @out_minor: (out): the amount in minor units, never negative
 * @error: a #GError
 *
 * Reads an amount in the locale of the calling thread (LC_MONETARY's
 * decimal mark and digit groups), with a currency symbol or @currency at
 * either end and spaces between digit groups; "15000.50" is read in every
 * locale. Refuses a sign, letters, more than two decimals, groups that are
 * not of three digits, and anything else.
 *
 * Returns: whether @text is an amount
 */
gboolean
fp_money_entry_parse (const char  *text,
                      const char  *currency,
                      gint64      *out_minor,
                      GError     **error)
{
  g_autoptr(GString) kept = g_string_new (NULL);
  g_autoptr(GString) decimal_text = g_string_new (NULL);
  const char *number;
  gsize len;
  char decimal, group;

  g_return_val_if_fail (out_minor != NULL, FALSE);

  if (text == NULL || strlen (text) > MAX_TEXT || !g_utf8_validate (text, -1, NULL))
    return refuse (error);

  /* Digits and marks only, between the currency and spaces. */
  number = strip_currency (text, currency, &len);
  for (const char *p = number; p < number + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && (g_ascii_isdigit ((char) c) || c == '.' || c == ',' || c == '\''))
        g_string_append_c (kept, (char) c);
      else if (g_unichar_isspace (c) || c == 0x202f || c == 0xa0)
        g_string_append_c (kept, ' ');
      else
        return refuse (error);
    }

  locale_marks (&decimal, &group);
  if (!to_decimal (kept->str, decimal, group, decimal_text) &&
      !(g_regex_match_simple ("^[0-9]+(\\.[0-9]{1,2})?$", kept->str, 0, 0) &&
        to_decimal (kept->str, '.', '\0', decimal_text)))
    return refuse (error);

  return fp_money_parse (decimal_text->str, out_minor, NULL) || refuse (error);
}

static int
input_cb (GtkSpinButton *spin,
          double        *new_value,
          FpMoneyEntry  *self)
{
  gint64 minor;

  if (!fp_money_entry_parse (gtk_editable_get_text (GTK_EDITABLE (spin)), self->currency, &minor, NULL))
    {
      gtk_widget_error_bell (GTK_WIDGET (spin));
      return GTK_INPUT_ERROR;
    }
  *new_value = (double) minor / 100.0;
  return TRUE;
}

static gboolean
output_cb (GtkSpinButton *spin,
           FpMoneyEntry  *self)
{
  gint64 minor = (gint64) llround (gtk_spin_button_get_value (spin) * 100.0);
  g_autofree char *text = fp_format_money (minor, self->currency, FP_FORMAT_NONE);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
value_changed_cb (GtkSpinButton *spin,
                  FpMoneyEntry  *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE_MINOR]);
}

static void
fp_money_entry_finalize (GObject *object)
{
  FpMoneyEntry *self = FP_MONEY_ENTRY (object);

  g_free (self->currency);

  G_OBJECT_CLASS (fp_money_entry_parent_class)->finalize (object);
}

static void
fp_money_entry_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FpMoneyEntry *self = FP_MONEY_ENTRY (object);

  switch (prop_id)
    {
    case PROP_VALUE_MINOR:
      g_value_set_int64 (value, fp_money_entry_get_value_minor (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_money_entry_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FpMoneyEntry *self = FP_MONEY_ENTRY (object);

  switch (prop_id)
    {
    case PROP_VALUE_MINOR:
      fp_money_entry_set_value_minor (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_money_entry_class_init (FpMoneyEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fp_money_entry_finalize;
  object_class->get_property = fp_money_entry_get_property;
  object_class->set_property = fp_money_entry_set_property;

  /**
   * FpMoneyEntry:value-minor:
   *
   * The amount, in minor units.
   */
  properties[PROP_VALUE_MINOR] =
    g_param_spec_int64 ("value-minor", NULL, NULL, 0, G_MAXINT64 / 2, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fp_money_entry_init (FpMoneyEntry *self)
{
  GtkAdjustment *adjustment = gtk_adjustment_new (0, 0, 1e9, 100, 1000, 0);

  self->currency = g_strdup ("USD");
  self->spin = GTK_SPIN_BUTTON (gtk_spin_button_new (adjustment, 1, 2));
  gtk_spin_button_set_numeric (self->spin, FALSE);
  gtk_spin_button_set_update_policy (self->spin, GTK_UPDATE_IF_VALID);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->spin), 12);
  gtk_widget_set_valign (GTK_WIDGET (self->spin), GTK_ALIGN_CENTER);
  g_signal_connect (self->spin, "input", G_CALLBACK (input_cb), self);
  g_signal_connect (self->spin, "output", G_CALLBACK (output_cb), self);
  g_signal_connect (self->spin, "value-changed", G_CALLBACK (value_changed_cb), self);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->spin));
}

GtkWidget *
fp_money_entry_new (void)
{
  return g_object_new (FP_TYPE_MONEY_ENTRY, NULL);
}

gint64
fp_money_entry_get_value_minor (FpMoneyEntry *self)
{
  g_return_val_if_fail (FP_IS_MONEY_ENTRY (self), 0);

  return (gint64) llround (gtk_spin_button_get_value (self->spin) * 100.0);
}

void
fp_money_entry_set_value_minor (FpMoneyEntry *self,
                                gint64        value_minor)
{
  g_return_if_fail (FP_IS_MONEY_ENTRY (self));

  gtk_spin_button_set_value (self->spin, (double) value_minor / 100.0);
}

/**
 * fp_money_entry_set_range:
 * @self: a #FpMoneyEntry
 * @min_minor: the smallest amount
 * @max_minor: the largest
 * @step_minor: what the arrows add or take away
 */
void
fp_money_entry_set_range (FpMoneyEntry *self,
                          gint64        min_minor,
                          gint64        max_minor,
                          gint64        step_minor)
{
  g_return_if_fail (FP_IS_MONEY_ENTRY (self));
  g_return_if_fail (min_minor <= max_minor);

  gtk_spin_button_set_range (self->spin, (double) min_minor / 100.0, (double) max_minor / 100.0);
  gtk_spin_button_set_increments (self->spin, (double) step_minor / 100.0, (double) step_minor * 10 / 100.0);
}

void
fp_money_entry_set_currency (FpMoneyEntry *self,
                             const char   *currency)
{
  g_return_if_fail (FP_IS_MONEY_ENTRY (self));

  g_free (self->currency);
  self->currency = g_strdup (currency != NULL ? currency : "USD");
  gtk_spin_button_update (self->spin);
  output_cb (self->spin, self);
}

/**
 * fp_money_entry_get_spin_button:
 * @self: a #FpMoneyEntry
 *
 * Returns: (transfer none): the spin button (to name it, or in tests)
 */
GtkSpinButton *
fp_money_entry_get_spin_button (FpMoneyEntry *self)
{
  g_return_val_if_fail (FP_IS_MONEY_ENTRY (self), NULL);

  return self->spin;
}
