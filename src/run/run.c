/* The pipeline: scenario -> skin -> puncture -> absorption -> healing (shared/DESIGN.md).
 * Data flows one way; each stage reads only what the stages before it produced.
 * The scenario is validated here, once, before any stage runs: a struct filled through the API
 * gets the loader's range checks and messages, and the stages check only what validation
 * cannot see (values against the catalogues and the other stages' results). */
#include <stdio.h>
#include <string.h>

#include "core/core_int.h"
#include "run/result_int.h"
#include "scenario/scenario_int.h"

/* The product as people name it: the compound and how it is carried. */
static void product_name(const mn_scenario_formulation *f, char *buf, size_t n)
{
  const char *active = f->compound[0] != '\0' ? f->compound : "own compound";
  switch (f->vehicle) {
  case MN_VEHICLE_ETHANOL:
    snprintf(buf, n, "%s in ethanol", active);
    break;
  case MN_VEHICLE_ACETONE:
    snprintf(buf, n, "%s in acetone", active);
    break;
  case MN_VEHICLE_DEPOSIT:
    snprintf(buf, n, "%s as a dry deposit", active);
    break;
  case MN_VEHICLE_NONVOLATILE:
    snprintf(buf, n, "%s in a non-volatile film", active);
    break;
  case MN_VEHICLE_WATER:
  default:
    snprintf(buf, n, "%s serum", active);
    break;
  }
}

/* A scenario whose name the user did not write (empty) is named after what runs: the site, the
 * device as resolved (needle length and type, or a laser's line; a named model in brackets) and
 * the product, e.g. "cheek, 1.5 mm roller, caffeine serum". So a --set changes the title of the
 * terminal report, summary.json and report.html; a name the user gave is kept as written. */
static void name_after_scenario(mn_scenario *s, const mn_device *d)
{
  if (s->name[0] != '\0') return;
  char model[MN_NAME_MAX + 3] = "", device[sizeof model + 48], product[MN_NAME_MAX + 32];
  char full[sizeof s->skin.site + sizeof device + sizeof product + 4];
  if (s->device.model[0] != '\0') snprintf(model, sizeof model, " (%s)", s->device.model);
  if (d->type == MN_DEVICE_FRACTIONAL_LASER)
    snprintf(device, sizeof device, "%s fractional laser%s", mn_laser_name(d->laser), model);
  else
    snprintf(device, sizeof device, "%.4g mm %s%s", mn_m_to_mm(d->needle_length_m),
             mn_device_type_name(d->type), model);
  product_name(&s->formulation, product, sizeof product);
  snprintf(full, sizeof full, "%s, %s, %s", s->skin.site, device, product);
  /* Cut to the field's size: the names and numbers in it are ASCII, so anywhere is whole. */
  snprintf(s->name, sizeof s->name, "%.*s", (int)sizeof s->name - 1, full);
}

/* A named model is a device of one type (and a laser of one line): docs/scenario.md says
 * device.type and device.laser choose the generic device when no model is named, and a model's
 * own line wins. So the model's type and line replace the scenario's, the resolved scenario says
 * what ran, and a type that disagreed is reported (a roller with model pen_12 ran as a pen). */
static mn_status type_from_model(mn_ctx *ctx, mn_scenario *s)
{
  mn_scenario_device *sd = &s->device;
  if (sd->model[0] == '\0') return MN_OK;
  const mn_device *d = NULL;
  MN_TRY(mn_device_find(ctx, sd->model, &d));
  /* A warning when the user wrote the type (in the file, at its place) or chose another than
   * the default; the default roller of a scenario that names only a pen model is no news. */
  char where[MNI_WHERE_MAX];
  mni_scenario_where(ctx, s, "device.type", where, sizeof where);
  bool is_written = strcmp(where, "scenario: ") != 0;
  if (d->type != sd->type)
    mni_log(ctx,
            is_written || sd->type != mn_scenario_default().device.type ? MN_LOG_WARN : MN_LOG_INFO,
            "%sdevice.type = %s does not match device.model = %s, a %s: the model's type is used",
            is_written ? where : "", mn_device_type_name(sd->type), sd->model,
            mn_device_type_name(d->type));
  sd->type = d->type;
  if (d->type == MN_DEVICE_FRACTIONAL_LASER) sd->laser = d->laser;
  return MN_OK;
}

mn_status mn_run(mn_ctx *ctx, const mn_scenario *scenario, mn_result **out)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, out != NULL && scenario != NULL, MN_E_ARG, "mn_run: NULL argument");
  *out = NULL;
  MN_TRY(mn_scenario_validate(ctx, scenario));
  mn_status st = MN_OK;
  mn_result *r = mn_calloc(ctx, 1, sizeof *r);
  if (r == NULL)
    return MN_E_NOMEM;
  r->ctx = ctx;
  r->scenario = *scenario;
  MN_CHECK_GOTO(type_from_model(ctx, &r->scenario));

  MN_CHECK_GOTO(mn_skin_build(ctx, &r->scenario.skin, &r->layers));
  MN_CHECK_GOTO(mn_puncture_run(ctx, &r->scenario, &r->layers, &r->channels));
  name_after_scenario(&r->scenario, mn_channel_set_device(r->channels));
  /* Absorption through the session's channels, and through the same skin left intact: the 3d
   * model on the channels' own positions, 1d and axisymmetric on their statistics. */
  MN_CHECK_GOTO(mn_absorption_run_set(ctx, &r->scenario, &r->layers, r->channels, &r->absorption));
  /* Healing: every session of the course makes the channels of the puncture stage. */
  if (r->scenario.course.sessions > 0)
    MN_CHECK_GOTO(mn_healing_run(ctx, &r->scenario, &r->layers, mn_channel_set_stats(r->channels),
                                 &r->healing));
  /* Outcome: the indication's endpoints read from the healing stage's new collagen. */
  if (r->scenario.indication[0] != '\0') {
    if (r->healing != NULL)
      MN_CHECK_GOTO(mn_outcome_run(ctx, r->scenario.indication, r->healing, &r->outcome));
    else
      mni_log(ctx, MN_LOG_WARN,
              "outcome: indication = %s but course.sessions = 0: no healing, so no outcome",
              r->scenario.indication);
  }
  /* Safety: the planner's rules on what the needles reached and the course (plan/safety.c). */
  const mn_puncture_stats *ps = mn_channel_set_stats(r->channels);
  mn_safety_facts facts = mn_safety_facts_default();
  facts.layers = &r->layers;
  facts.mean_depth_m = ps->mean_depth_m;
  facts.max_depth_m = ps->max_depth_m;
  if (r->healing != NULL) facts.downtime_days = mn_healing_downtime_days(r->healing);
  if (r->scenario.indication[0] != '\0') facts.indication = r->scenario.indication;
  MN_CHECK_GOTO(mn_safety_check(ctx, &r->scenario, &facts, &r->safety));

  *out = r;
  return MN_OK;
fail:
  mn_result_destroy(&r);
  return st;
}

void mn_result_destroy(mn_result **pr)
{
  if (pr == NULL || *pr == NULL)
    return;
  mn_ctx *ctx = (*pr)->ctx;
  if ((*pr)->fields_free != NULL) (*pr)->fields_free(*pr);
  mn_channel_set_destroy(&(*pr)->channels);
  mn_absorption_destroy(&(*pr)->absorption);
  mn_healing_destroy(&(*pr)->healing);
  mn_outcome_destroy(&(*pr)->outcome);
  mn_free(ctx, *pr, sizeof **pr);
  *pr = NULL;
}

const mn_scenario *mn_result_scenario(const mn_result *r) { return r ? &r->scenario : NULL; }

const mn_layer_stack *mn_result_layers(const mn_result *r) { return r ? &r->layers : NULL; }

const mn_channel_set *mn_result_channels(const mn_result *r) { return r ? r->channels : NULL; }

const mn_absorption *mn_result_absorption(const mn_result *r)
{
  return r ? r->absorption : NULL;
}

const mn_healing *mn_result_healing(const mn_result *r) { return r ? r->healing : NULL; }

const mn_outcome *mn_result_outcome(const mn_result *r) { return r ? r->outcome : NULL; }

const mn_safety_list *mn_result_safety(const mn_result *r) { return r ? &r->safety : NULL; }
