/* sandbox-api-test-helper.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture of the bank API's two test programs (test-sandbox-api.c,
 * test-sandbox-api-writes.c): a sandbox with test hooks, a small body
 * limit and the rate limit given as the test's data, two customers signed
 * in; requests and the check of a problem+json reply.
 */

#pragma once

#include "sandbox-test-helper.h"

G_BEGIN_DECLS

typedef struct {
  TestSandbox *ts;
  TestTokens   a;
  TestTokens   b;
} Fixture;

void          fixture_setup    (Fixture       *f,
                                gconstpointer  data);
void          fixture_teardown (Fixture       *f,
                                gconstpointer  data);
TestResponse *get              (Fixture       *f,
                                const char    *token,
                                const char    *path);
TestResponse *post             (Fixture       *f,
                                const char    *token,
                                const char    *path,
                                const char    *key,
                                const char    *body);
JsonNode     *get_json         (Fixture       *f,
                                const char    *token,
                                const char    *path);
const char   *str              (JsonNode      *node,
                                const char    *name);
void          assert_problem   (TestResponse  *r,
                                guint          status,
                                const char    *pointer_kind,
                                const char    *pointer);

G_END_DECLS
