/* mnsim: a simulator of microneedling (collagen induction therapy).
 * This header includes the whole public API. */
#ifndef MNSIM_H
#define MNSIM_H

#include "mnsim/core.h"
#include "mnsim/scenario.h"
#include "mnsim/skin.h"
#include "mnsim/device.h"
#include "mnsim/puncture.h"
#include "mnsim/transport.h"
#include "mnsim/absorption.h"
#include "mnsim/healing.h"
#include "mnsim/outcome.h"
#include "mnsim/run.h"
#include "mnsim/output.h"
#include "mnsim/plan.h"
#include "mnsim/validate.h"
#include "mnsim/compare.h"
#include "mnsim/study.h"

#endif /* MNSIM_H */
