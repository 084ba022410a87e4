/* fp-aws-sandbox.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixed credentials of the sandbox's Bedrock stand-in. They are NOT
 * secrets: they open nothing but the stand-in on a loopback port, they are
 * published here on purpose (like the sandbox bank's password "sandbox"),
 * and the demo launcher hands them to the GenAI proxy it starts so that
 * `build-aux/dev.sh run` needs no configuration. A real deployment takes
 * its credentials from the standard AWS sources (fp-aws-credentials.h).
 */

#pragma once

#define FP_AWS_SANDBOX_ACCESS_KEY_ID     "AKIDFINPERSONASANDBOX"
#define FP_AWS_SANDBOX_SECRET_ACCESS_KEY "finpersona-sandbox-bedrock-not-a-secret"
#define FP_AWS_SANDBOX_REGION            "us-east-1"
#define FP_AWS_SANDBOX_MODEL_ID          "anthropic.claude-3-haiku-20240307-v1:0"

/* The GenAI proxy's client credentials at the sandbox bank, for token
 * introspection (RFC 7662, client_secret_basic). Not a secret either. */
#define FP_SANDBOX_PROXY_CLIENT_ID       "finpersona-genai-proxy"
#define FP_SANDBOX_PROXY_CLIENT_SECRET   "finpersona-sandbox-proxy-not-a-secret"
