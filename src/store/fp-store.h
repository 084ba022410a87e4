/* fp-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fp-cache.h"
#include "fp-cache-integrity.h"
#include "fp-cache-key.h"
#include "fp-keyring.h"
#include "fp-store-error.h"
