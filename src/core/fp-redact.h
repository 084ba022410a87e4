/* fp-redact.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PII redaction: the one gate every text bound for the GenAI proxy passes
 * through.
 *
 * Who calls what:
 *
 * - The GenAI client (src/net) builds its aggregated facts, then calls
 *   fp_redact_facts() (or fp_redact_text() for a free-text question) and
 *   sends only what comes back. It never sends the input.
 * - The sandbox bank calls fp_redact_scan() on every GenAI request body it
 *   receives and answers 422 when anything is found, so a test from the
 *   outside proves that nothing personal crossed the boundary.
 * - The caller fills an #FpRedactContext from the customer's profile (the
 *   store's profile table): known names, addresses, account numbers and the
 *   date of birth. Detection also works without it, but only the context lets
 *   a name like "Rose" or a short account number be recognized.
 *
 * What is removed or generalized (the placeholders are ASCII, not
 * translated, and go to the model as they are):
 *
 * | Kind                    | Becomes                              |
 * |-------------------------|--------------------------------------|
 * | known personal names    | `[NAME]` (also inside merchant names) |
 * | card numbers            | `[CARD]` (13–19 digits, Luhn valid)   |
 * | account numbers, IBANs, other long digit runs | `[ACCOUNT]`     |
 * | e-mail addresses, also "name at domain dot com" | `[EMAIL]`     |
 * | street addresses        | `[ADDRESS]`                          |
 * | phone numbers           | `[PHONE]`                            |
 * | exact dates of birth    | the year alone, e.g. `1984`          |
 *
 * Hostile input is expected: the text is first made valid UTF-8 (invalid
 * bytes become U+FFFD), normalized to NFKC (fullwidth digits and letters
 * become ASCII), stripped of invisible format characters (zero-width space,
 * joiners, soft hyphen, BOM…), and matched through a fold that lowercases,
 * removes diacritics, maps any decimal digit (Arabic-Indic, Devanagari…) to
 * ASCII and Cyrillic/Greek look-alikes to the Latin letters they imitate.
 * Digit runs are joined across spaces, dashes, dots, slashes and the like.
 * The output is that normalized text with the PII replaced, so it is always
 * valid UTF-8 and contains no zero-width characters. A replacement always
 * takes whole words of letters and digits ("x.com4111…" becomes "x.[CARD]").
 *
 * The guarantee the GenAI client and the sandbox rely on: the output of
 * fp_redact_text() and fp_redact_facts() makes fp_redact_scan() report
 * %FP_PII_NONE, with the same context or none. (The output is scanned again
 * and redacted again until that holds; text that never settles, which only
 * constructed garbage does, is replaced whole by `[REDACTED]`.) Lines are
 * scanned one by one for numbers, so values joined with newlines do not form
 * new numbers either. Everything runs in time linear in the length of the
 * input (times the size of the context).
 *
 * Known limits: an e-mail address spelled with spaces between all its
 * letters, digits standing in for letters outside names ("4lll" for 4111),
 * and a card number whose digit groups are separated by more than three
 * characters are not recognized. Four-digit codes listed with only spaces
 * between them ("5411 5812 5999 4121") are taken for a card number when
 * they start with 3 to 6 and happen to pass the Luhn check (one list in
 * ten): separate such lists with commas.
 *
 * Deliberately kept: amounts (`$1,234.56`, `1.234,56`), percentages, years,
 * 4-digit codes such as MCCs, dates that are not a date of birth, cities and
 * postal codes on their own.
 *
 * Every function here is pure and thread-safe.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FpPiiKind:
 * @FP_PII_NONE: nothing found
 * @FP_PII_NAME: a known personal name
 * @FP_PII_CARD_NUMBER: a payment card number (Luhn valid)
 * @FP_PII_ACCOUNT_NUMBER: an IBAN, a known account number or another long
 *   digit run
 * @FP_PII_EMAIL: an e-mail address, also spelled out ("at", "dot")
 * @FP_PII_ADDRESS: a street address
 * @FP_PII_PHONE: a phone number
 * @FP_PII_BIRTH_DATE: an exact date of birth
 *
 * Flags: the kinds of personal data found in a text.
 */
typedef enum {
  FP_PII_NONE           = 0,
  FP_PII_NAME           = 1 << 0,
  FP_PII_CARD_NUMBER    = 1 << 1,
  FP_PII_ACCOUNT_NUMBER = 1 << 2,
  FP_PII_EMAIL          = 1 << 3,
  FP_PII_ADDRESS        = 1 << 4,
  FP_PII_PHONE          = 1 << 5,
  FP_PII_BIRTH_DATE     = 1 << 6,
} FpPiiKind;

/**
 * FpRedactContext:
 * @names: (nullable) (array zero-terminated=1): the customer's names as in
 *   the profile ("John Smith", "Jöhn O'Neil"); every part of two or more
 *   letters is matched as a word, parts of five or more and the whole name
 *   (both orders) also inside longer words and across spaced-out letters;
 *   digits written for letters ("J0HN 5M1TH") match too. A part that is also
 *   a common word ("Mark", "Bill") is redacted wherever it appears: over-
 *   redaction is the safe side of this boundary
 * @addresses: (nullable) (array zero-terminated=1): postal addresses; each
 *   line (split at commas, semicolons and newlines) that has both digits and
 *   letters, six or more in all, is matched whatever the spacing and
 *   punctuation; a line without a number (a city) is not personal alone
 * @account_numbers: (nullable) (array zero-terminated=1): account numbers,
 *   IBANs and card numbers of the customer; matched whatever separates their
 *   characters, when six or more letters and digits long
 * @birth_date: (nullable): the date of birth as `YYYY-MM-DD`; any date in
 *   the text equal to it, in any common format, is generalized to the year
 *
 * What the customer's profile says about them. Filled by the caller, usually
 * on the stack; the strings are not copied and not kept.
 */
typedef struct {
  const char * const *names;
  const char * const *addresses;
  const char * const *account_numbers;
  const char         *birth_date;
} FpRedactContext;

char       *fp_redact_text       (const char             *text,
                                  const FpRedactContext  *ctx,
                                  FpPiiKind              *out_found);
FpPiiKind   fp_redact_scan       (const char             *text,
                                  const FpRedactContext  *ctx);
char      **fp_redact_facts      (const char * const     *facts,
                                  const FpRedactContext  *ctx,
                                  FpPiiKind              *out_found);
char       *fp_pii_kind_to_string (FpPiiKind              kinds);

G_END_DECLS
