/* fp-sandbox-bedrock.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * FpSandboxBedrockConfig:
 * @address: the loopback address to listen on
 * @port: 0 for one the OS picks
 * @region: the region requests must be signed for
 * @access_key_id: the only key id accepted
 * @secret_access_key: its secret
 * @seed: seed of the fault draws
 * @throttle_rate: share of requests answered with ThrottlingException (429)
 * @stream_error_rate: share of streams cut by a modelStreamErrorException
 * @chunk_delay_ms: pause between the messages of a stream
 * @test_hooks: serve /_sandbox/bedrock/stats and /_sandbox/bedrock/faults
 *
 * The Bedrock Runtime stand-in's settings; fp_sandbox_bedrock_config_init()
 * gives the published sandbox credentials and no faults.
 */
typedef struct {
  const char *address;
  guint       port;
  const char *region;
  const char *access_key_id;
  const char *secret_access_key;
  guint32     seed;
  double      throttle_rate;
  double      stream_error_rate;
  guint       chunk_delay_ms;
  gboolean    test_hooks;
} FpSandboxBedrockConfig;

#define FP_TYPE_SANDBOX_BEDROCK (fp_sandbox_bedrock_get_type ())

G_DECLARE_FINAL_TYPE (FpSandboxBedrock, fp_sandbox_bedrock, FP, SANDBOX_BEDROCK, GObject)

void              fp_sandbox_bedrock_config_init (FpSandboxBedrockConfig       *config);
FpSandboxBedrock *fp_sandbox_bedrock_new         (const FpSandboxBedrockConfig *config);
gboolean          fp_sandbox_bedrock_listen      (FpSandboxBedrock             *self,
                                                  GError                      **error);
const char       *fp_sandbox_bedrock_get_url     (FpSandboxBedrock             *self);

G_END_DECLS
