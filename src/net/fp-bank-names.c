/* fp-bank-names.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the customer calls their accounts and cards, from the catalogue
 * entries the cache keeps as the bank sent them: the nickname and the
 * last four digits, the digits once ("Amex Credit Card ··3985", never
 * "Amex Credit ...3985 ··3985"). A credit card account shows its card's
 * `lastFour`; other accounts the end of `maskedIdentification`.
 */

#define G_LOG_DOMAIN "fp-bank-names"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "fp-bank-names.h"
#include "fp-http-client.h"

static JsonObject *
parse_object (const char *json,
              JsonNode  **out_node)
{
  *out_node = json != NULL ? fp_json_parse_guarded (json, strlen (json), FP_HTTP_MAX_PROBLEM_BYTES, NULL)
                           : NULL;
  if (*out_node == NULL || !JSON_NODE_HOLDS_OBJECT (*out_node))
    return NULL;
  return json_node_get_object (*out_node);
}

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

/* The last four characters of @text if they are digits. */
static char *
last_four_digits (const char *text)
{
  gsize len = text != NULL ? strlen (text) : 0;

  if (len < 4)
    return NULL;
  for (gsize i = len - 4; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return NULL;
  return g_strdup (text + len - 4);
}

static const char *
account_kind_name (const char *sub_type)
{
  static const struct {
    const char *sub_type;
    const char *name;
  } kinds[] = {
    { "CurrentAccount", N_("Current account") },
    { "Savings", N_("Savings") },
    { "CreditCard", N_("Credit card") },
    { "Loan", N_("Loan") },
    { "Investment", N_("Investment") },
  };

  for (guint i = 0; sub_type != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].sub_type, sub_type))
      return _(kinds[i].name);
  return NULL;
}

/* @name without a trailing mask of @digits ("Amex Credit ...3985",
 * "Visa ··3985", "Card ****3985"), so that the digits appear once. */
static char *
strip_mask (const char *name,
            const char *digits)
{
  g_autofree char *copy = g_strstrip (g_strdup (name));
  gsize len = strlen (copy);
  char *end;

  if (digits == NULL || len < 4 || strcmp (copy + len - 4, digits) != 0)
    return g_steal_pointer (&copy);

  end = copy + len - 4;
  /* Dots, middle dots, ellipses, asterisks, x and spaces before it. */
  while (end > copy)
    {
      const char *prev = g_utf8_find_prev_char (copy, end);
      gunichar c = g_utf8_get_char (prev);

      if (c != '.' && c != '*' && c != 'x' && c != 'X' && c != ' ' && c != 0x00b7 && c != 0x2026 &&
          c != 0x2022)
        break;
      end = (char *) prev;
    }
  if (end == copy)
    return g_steal_pointer (&copy);
  *end = '\0';
  return g_strstrip (g_steal_pointer (&copy));
}

/**
 * fp_bank_account_label:
 * @account_json: (nullable): the account's catalogue entry
 * @card_json: (nullable): its card's entry (credit cards)
 *
 * Returns: (transfer full): the account's name with its last four digits
 *   once, such as "Amex Credit Card ··3985"
 */
char *
fp_bank_account_label (const char *account_json,
                       const char *card_json)
{
  g_autoptr(JsonNode) account_node = NULL;
  g_autoptr(JsonNode) card_node = NULL;
  JsonObject *account = parse_object (account_json, &account_node);
  JsonObject *card = parse_object (card_json, &card_node);
  const char *nickname = member_string (account, "nickname");
  g_autofree char *digits = NULL;
  g_autofree char *name = NULL;

  if (card != NULL)
    digits = last_four_digits (member_string (card, "lastFour"));
  if (digits == NULL)
    digits = last_four_digits (member_string (account, "maskedIdentification"));

  if (nickname == NULL || !g_utf8_validate (nickname, -1, NULL) || *nickname == '\0')
    nickname = account_kind_name (member_string (account, "accountSubType"));
  if (nickname == NULL)
    nickname = _("Account");

  name = strip_mask (nickname, digits);
  if (digits != NULL)
    /* TRANSLATORS: an account's name and the last four digits of its number */
    return g_strdup_printf (_("%s ··%s"), name, digits);
  return g_steal_pointer (&name);
}

/**
 * fp_bank_card_label:
 * @card_json: (nullable): a card's catalogue entry
 *
 * Returns: (transfer full): the card's brand and last four digits, such as
 *   "Visa ··1234"
 */
char *
fp_bank_card_label (const char *card_json)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *card = parse_object (card_json, &node);
  const char *brand = member_string (card, "brand");
  g_autofree char *digits = last_four_digits (member_string (card, "lastFour"));

  if (brand == NULL || *brand == '\0' || !g_utf8_validate (brand, -1, NULL))
    brand = _("Card");
  if (digits != NULL)
    return g_strdup_printf (_("%s ··%s"), brand, digits);
  return g_strdup (brand);
}

/**
 * fp_bank_card_is_frozen:
 * @card_json: (nullable): a card's catalogue entry
 *
 * Returns: whether the bank says the card is frozen (`frozen`; absent in
 *   entries synced before the bank had card controls: not frozen)
 */
gboolean
fp_bank_card_is_frozen (const char *card_json)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *card = parse_object (card_json, &node);
  JsonNode *frozen = card != NULL ? json_object_get_member (card, "frozen") : NULL;

  return frozen != NULL && JSON_NODE_HOLDS_VALUE (frozen) &&
         json_node_get_value_type (frozen) == G_TYPE_BOOLEAN && json_node_get_boolean (frozen);
}
