/* test-bank-names.c: what accounts, cards and this computer are called.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "fp-bank-names.h"
#include "fp-device.h"

static void
test_account_label (void)
{
  const struct {
    const char *account;
    const char *card;
    const char *expected;
  } cases[] = {
    /* The mask once, from the card's lastFour. */
    { "{\"nickname\":\"Amex Credit Card\",\"maskedIdentification\":\"****3985\",\"accountSubType\":\"CreditCard\"}",
      "{\"lastFour\":\"3985\"}", "Amex Credit Card ··3985" },
    /* A nickname that carries the digits already (older data). */
    { "{\"nickname\":\"Amex Credit ...3985\",\"maskedIdentification\":\"****3985\"}",
      "{\"lastFour\":\"3985\"}", "Amex Credit ··3985" },
    { "{\"nickname\":\"Visa ··3985\"}", "{\"lastFour\":\"3985\"}", "Visa ··3985" },
    /* Other accounts: the end of the masked number. */
    { "{\"nickname\":\"Everyday\",\"maskedIdentification\":\"****1234\"}", NULL, "Everyday ··1234" },
    { "{\"accountSubType\":\"Savings\",\"maskedIdentification\":\"****0042\"}", NULL, "Savings ··0042" },
    { "{\"nickname\":\"\"}", NULL, "Account" },
    { NULL, NULL, "Account" },
    { "not json", "[]", "Account" },
    /* Digits that are not four digits are not a mask. */
    { "{\"nickname\":\"Joint\",\"maskedIdentification\":\"**\"}", "{\"lastFour\":\"12a4\"}", "Joint" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = fp_bank_account_label (cases[i].account, cases[i].card);

      g_assert_cmpstr (label, ==, cases[i].expected);
    }
}

static void
test_card (void)
{
  g_autofree char *visa = fp_bank_card_label ("{\"brand\":\"Visa\",\"lastFour\":\"1234\",\"frozen\":false}");
  g_autofree char *plain = fp_bank_card_label ("{\"lastFour\":\"9\"}");

  g_assert_cmpstr (visa, ==, "Visa ··1234");
  g_assert_cmpstr (plain, ==, "Card");
  g_assert_true (fp_bank_card_is_frozen ("{\"cardId\":\"crd_1\",\"frozen\":true}"));
  g_assert_false (fp_bank_card_is_frozen ("{\"cardId\":\"crd_1\",\"frozen\":false}"));
  g_assert_false (fp_bank_card_is_frozen ("{\"cardId\":\"crd_1\"}"));
  g_assert_false (fp_bank_card_is_frozen ("{\"frozen\":\"true\"}"));
  g_assert_false (fp_bank_card_is_frozen (NULL));
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
test_device_name (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-device-XXXXXX", NULL);
  g_autofree char *pretty = write_file (dir, "pretty", "PRETTY_HOSTNAME=\"Anna's laptop\"\nCHASSIS=laptop\n");
  g_autofree char *quoted = write_file (dir, "quoted", "# comment\nPRETTY_HOSTNAME='Küche'\n");
  g_autofree char *chassis = write_file (dir, "chassis", "CHASSIS=laptop\nDEPLOYMENT=production\n");
  g_autofree char *bad = write_file (dir, "bad", "PRETTY_HOSTNAME=\"a\001b\"\nCHASSIS=tablet\n");
  g_autofree char *dmi_laptop = write_file (dir, "dmi-laptop", "10\n");
  g_autofree char *dmi_desktop = write_file (dir, "dmi-desktop", "3\n");
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autofree char *name = NULL;

#define CHECK(info, dmi, expected) \
  G_STMT_START { \
    g_autofree char *n = _fp_device_name_from_files (info, dmi); \
    g_assert_cmpstr (n, ==, expected); \
  } G_STMT_END

  CHECK (pretty, dmi_desktop, "Anna's laptop");
  CHECK (quoted, NULL, "Küche");
  CHECK (chassis, dmi_desktop, "Linux laptop");
  CHECK (bad, NULL, "Linux tablet");
  CHECK (missing, dmi_laptop, "Linux laptop");
  CHECK (missing, dmi_desktop, "Linux computer");
  CHECK (missing, missing, "Linux computer");
  CHECK (NULL, NULL, "Linux computer");
#undef CHECK

  /* On this machine: never the raw host name (unless someone chose it as
   * the pretty name). */
  name = fp_device_get_display_name ();
  g_assert_true (g_utf8_validate (name, -1, NULL) && *name != '\0');
  if (!g_file_test ("/etc/machine-info", G_FILE_TEST_EXISTS))
    g_assert_cmpstr (name, !=, g_get_host_name ());

  for (const char *const *f = (const char *const[]) { pretty, quoted, chassis, bad, dmi_laptop, dmi_desktop, NULL }; *f; f++)
    g_unlink (*f);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/net/names/account", test_account_label);
  g_test_add_func ("/net/names/card", test_card);
  g_test_add_func ("/net/names/device", test_device_name);

  return g_test_run ();
}
