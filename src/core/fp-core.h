/* fp-core.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-booking.h"
#include "fp-clock.h"
#include "fp-endpoint.h"
#include "fp-error.h"
#include "fp-format.h"
#include "fp-money.h"
