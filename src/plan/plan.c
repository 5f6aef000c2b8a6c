/* The plan object: defaults, accessors, destruction, and the scenario that simulates it. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plan/plan_int.h"

mn_plan_request mn_plan_request_default(void)
{
  mn_plan_request rq;
  memset(&rq, 0, sizeof rq);
  rq.setting = MN_SETTING_HOME;
  rq.fitzpatrick = 3;
  return rq;
}

void mn_plan_destroy(mn_plan **pp)
{
  if (pp == NULL || *pp == NULL) return;
  mn_free((*pp)->ctx, *pp, sizeof **pp);
  *pp = NULL;
}

const mn_indication *mn_plan_indication(const mn_plan *p)
{
  return p->indication;
}
const char *mn_plan_site(const mn_plan *p)
{
  return p->site;
}
mn_setting mn_plan_setting(const mn_plan *p)
{
  return p->setting;
}
int mn_plan_fitzpatrick(const mn_plan *p)
{
  return p->fitzpatrick;
}
const mn_plan_protocol *mn_plan_protocol_get(const mn_plan *p)
{
  return &p->protocol;
}
bool mn_plan_is_blocked(const mn_plan *p)
{
  return p->is_blocked;
}
size_t mn_plan_n_limits(const mn_plan *p)
{
  return p->n_limits;
}
size_t mn_plan_n_warnings(const mn_plan *p)
{
  return p->n_warnings;
}
size_t mn_plan_n_advice(const mn_plan *p)
{
  return p->n_advice;
}
size_t mn_plan_n_contraindications(const mn_plan *p)
{
  return p->n_contraindications;
}
size_t mn_plan_n_evidence(const mn_plan *p)
{
  return p->indication->n_evidence;
}

const mn_plan_limit *mn_plan_limit_get(const mn_plan *p, size_t i)
{
  return i < p->n_limits ? &p->limits[i] : NULL;
}

const char *mn_plan_warning(const mn_plan *p, size_t i)
{
  return i < p->n_warnings ? p->warnings[i] : NULL;
}

const char *mn_plan_advice(const mn_plan *p, size_t i)
{
  return i < p->n_advice ? p->advice[i] : NULL;
}

const mn_condition *mn_plan_contraindication(const mn_plan *p, size_t i)
{
  return i < p->n_contraindications ? &p->contraindications[i] : NULL;
}

const mn_plan_evidence *mn_plan_evidence_get(const mn_plan *p, size_t i)
{
  return i < p->indication->n_evidence ? &p->indication->evidence[i] : NULL;
}

/* Middle of an integer range, half up: [3, 6] -> 5. */
static int mid_int(const int r[2])
{
  return (r[0] + r[1] + 1) / 2;
}

mn_status mn_plan_to_scn(mn_ctx *ctx, const mn_plan *p, mn_scn **out)
{
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, p != NULL && out != NULL, MN_E_ARG, "mn_plan_to_scn: NULL argument");
  *out = NULL;
  mn_scenario s;
  MN_TRY(mn_plan_to_scenario(ctx, p, &s));
  MN_TRY(mn_scn_create(ctx, out));
  mn_status st = mn_scn_assign(*out, &s);
  if (st != MN_OK) mn_scn_destroy(out);
  return st;
}

mn_status mn_plan_to_scenario(mn_ctx *ctx, const mn_plan *p, mn_scenario *out)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, p != NULL && out != NULL, MN_E_ARG, "mn_plan_to_scenario: NULL argument");
  const mn_plan_protocol *pr = &p->protocol;
  mn_scenario s = mn_scenario_default();
  snprintf(s.name, sizeof s.name, "plan: %s at %s (%s)", p->indication->name, p->site,
           mn_setting_name(p->setting));
  snprintf(s.skin.site, sizeof s.skin.site, "%s", p->site);
  snprintf(s.indication, sizeof s.indication, "%s", p->indication->name);
  s.skin.fitzpatrick = p->fitzpatrick;
  snprintf(s.device.model, sizeof s.device.model, "%s", pr->device_model);
  s.device.type = pr->device;
  /* The middle, down to a setting step of the device (pens) but not below the range. */
  double lo = pr->needle_length_m[0], mid = 0.5 * (lo + pr->needle_length_m[1]);
  if (p->device_step_m > 0.0)
    mid = fmax(lo, p->device_step_m * floor(mid / p->device_step_m + 1e-9));
  s.device.needle_length_m = mid;
  s.treatment.passes = mid_int(pr->passes);
  s.treatment.pattern = MN_PATTERN_CROSSHATCH;
  s.treatment.pressure = pr->pressure;
  s.course.sessions = mid_int(pr->sessions);
  s.course.interval_s = 0.5 * (pr->interval_s[0] + pr->interval_s[1]);
  *out = s;
  return MN_OK;
}
