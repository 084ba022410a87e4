/* fp-redact-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the files of the redaction (fp-redact*.c) only:
 *
 * - fp-redact-scan.c     folding, units, tokens, helpers, substring search
 * - fp-redact-words.c    names, known values, e-mails, addresses, birth dates
 * - fp-redact-numbers.c  digit runs, cards, account numbers, phones, IBANs
 * - fp-redact.c          resolving the spans, output, the public API
 */

#pragma once

#include <glib.h>

#include "fp-redact.h"

G_BEGIN_DECLS

typedef struct {
  gsize    start;   /* byte offsets in the clean text */
  gsize    end;
  gunichar f;       /* the folded character */
} Unit;

typedef enum {
  TOK_WORD,
  TOK_NUMBER,
  TOK_PUNCT,
} TokType;

typedef struct {
  TokType  type;
  guint    start;   /* unit indices, end exclusive */
  guint    end;
  gboolean space_before;
} Token;

typedef struct {
  guint      start; /* unit indices, end exclusive */
  guint      end;
  FpPiiKind  kind;
  char      *replacement;  /* owned; NULL for the kind's placeholder */
} Span;

typedef struct {
  GString               *clean;
  GArray                *units;      /* Unit */
  GArray                *tokens;     /* Token */
  GArray                *alnum;      /* gunichar: letters and digits only */
  GArray                *alnum_map;  /* guint: unit index of each alnum */
  GArray                *spans;      /* Span */
  guint                 *word_start; /* per unit: its word of letters and */
  guint                 *word_end;   /* digits, or the unit alone */
  const FpRedactContext *ctx;
  gboolean               dates_are_birth;
} Scan;

static inline gboolean
is_digit (gunichar f)
{
  return f >= '0' && f <= '9';
}

static inline gboolean
is_ascii_letter (gunichar f)
{
  return f >= 'a' && f <= 'z';
}

static inline gboolean
is_letter (gunichar f)
{
  return is_ascii_letter (f) || (f >= 0x80 && g_unichar_isalpha (f));
}

static inline gboolean
is_space (gunichar f)
{
  return f == ' ' || f == '\t' || f == '\n' || f == '\r' ||
         (f >= 0x80 && g_unichar_isspace (f));
}

static inline gunichar
unit_f (Scan  *s,
        guint  i)
{
  return g_array_index (s->units, Unit, i).f;
}

static inline guint
n_units (Scan *s)
{
  return s->units->len;
}

static inline Token *
tok_at (Scan  *s,
        guint  t)
{
  return &g_array_index (s->tokens, Token, t);
}

static inline guint
tok_len (Scan  *s,
         guint  t)
{
  Token *tok = tok_at (s, t);

  return tok->end - tok->start;
}

GArray   *fp_redact_fold_string          (const char            *text);
GArray   *fp_redact_alnum_only           (GArray                *folded);

void      fp_redact_scan_begin           (Scan                  *s,
                                          const char            *text,
                                          const FpRedactContext *ctx);
void      fp_redact_scan_clear           (Scan                  *s);
void      fp_redact_add_span             (Scan                  *s,
                                          guint                  start,
                                          guint                  end,
                                          FpPiiKind              kind,
                                          char                  *replacement);

gboolean  fp_redact_is_number_tok        (Scan                  *s,
                                          guint                  t,
                                          guint                  min_len,
                                          guint                  max_len);
gboolean  fp_redact_units_equal          (Scan                  *s,
                                          guint                  start,
                                          guint                  end,
                                          const char            *word);
gboolean  fp_redact_tok_is               (Scan                  *s,
                                          guint                  t,
                                          const char            *word);
gboolean  fp_redact_tok_is_punct         (Scan                  *s,
                                          guint                  t,
                                          gunichar               c);
gboolean  fp_redact_tok_in               (Scan                  *s,
                                          guint                  t,
                                          const char * const    *list);
gboolean  fp_redact_currency_before      (Scan                  *s,
                                          guint                  unit);
gboolean  fp_redact_percent_after        (Scan                  *s,
                                          guint                  unit);
gboolean  fp_redact_is_placeholder       (Scan                  *s,
                                          guint                  start,
                                          guint                  end);
void      fp_redact_find_in              (Scan                  *s,
                                          GArray                *haystack,
                                          GArray                *needle,
                                          FpPiiKind              kind);
void      fp_redact_find_in_alnum        (Scan                  *s,
                                          GArray                *needle,
                                          FpPiiKind              kind);

/* The detectors: each adds the spans it finds. */
void      fp_redact_detect_names         (Scan                  *s);
void      fp_redact_detect_known_lines   (Scan                  *s,
                                          const char * const    *values,
                                          gboolean               split_lines,
                                          FpPiiKind              kind);
void      fp_redact_detect_emails        (Scan                  *s);
void      fp_redact_detect_spelled_emails (Scan                 *s);
void      fp_redact_detect_addresses     (Scan                  *s);
void      fp_redact_detect_birth_dates   (Scan                  *s);
void      fp_redact_detect_numbers       (Scan                  *s);
void      fp_redact_detect_card_windows  (Scan                  *s);
void      fp_redact_detect_ibans         (Scan                  *s);

G_END_DECLS
