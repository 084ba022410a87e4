/* fp-aws-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FP_AWS_ERROR (fp_aws_error_quark ())

/**
 * FpAwsError:
 * @FP_AWS_ERROR_INVALID: an argument is malformed (a date, a path, a header)
 * @FP_AWS_ERROR_CREDENTIALS: no usable credentials were found
 * @FP_AWS_ERROR_SIGNATURE: an Authorization header is malformed or does not
 *   match the request
 * @FP_AWS_ERROR_PRELUDE_CRC: an event-stream prelude failed its CRC32
 * @FP_AWS_ERROR_MESSAGE_CRC: an event-stream message failed its CRC32
 * @FP_AWS_ERROR_LENGTH: an event-stream length is out of range
 * @FP_AWS_ERROR_HEADER: an event-stream header is malformed
 * @FP_AWS_ERROR_TRUNCATED: an event stream ended inside a message
 *
 * Errors of src/aws. Messages are for operators and logs, in English; they
 * never contain a secret.
 */
typedef enum {
  FP_AWS_ERROR_INVALID,
  FP_AWS_ERROR_CREDENTIALS,
  FP_AWS_ERROR_SIGNATURE,
  FP_AWS_ERROR_PRELUDE_CRC,
  FP_AWS_ERROR_MESSAGE_CRC,
  FP_AWS_ERROR_LENGTH,
  FP_AWS_ERROR_HEADER,
  FP_AWS_ERROR_TRUNCATED,
} FpAwsError;

GQuark fp_aws_error_quark (void);

G_END_DECLS
