/* The planner's catalogue: the tables of data/indications.yaml (indications, conditions,
 * limits, depth classes, end points, global rules), read once per context through the catalogue
 * helper (core/catalog_int.h), whose field parsers name the line of a malformed value. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog_int.h"
#include "plan/plan_int.h"

/* The file of the entry being read: the built-in data file or a user's catalogue. */
#define WHAT mni_ctx_parse_file(ctx)

static void release(mn_ctx *ctx, void *extra)
{
  mni_plan_catalog *cat = extra;
  mn_free(ctx, cat->indications, cat->cap_indications * sizeof *cat->indications);
  mn_free(ctx, cat->evidence, cat->cap_evidence * sizeof *cat->evidence);
  mn_free(ctx, cat->conditions, cat->cap_conditions * sizeof *cat->conditions);
  mn_free(ctx, cat->limits, cat->cap_limits * sizeof *cat->limits);
}

/* A [min, max] pair of numbers with min <= max. */
static mn_status pair(mn_ctx *ctx, const char *entry, struct fy_node *map, const char *key,
                      double out[2])
{
  struct fy_node *n = mni_yaml_child(map, key);
  if (n == NULL || !fy_node_is_sequence(n) || fy_node_sequence_item_count(n) != 2)
    return mni_fail(ctx, MN_E_CONFIG, "%s:%s: %s.%s: expected a [min, max] pair", WHAT,
                    MNI_AT(n ? n : map), entry, key);
  for (int i = 0; i < 2; i++) {
    const char *s = fy_node_get_scalar0(fy_node_sequence_get_by_index(n, i));
    char *end = NULL;
    out[i] = s ? strtod(s, &end) : (double)NAN;
    if (s == NULL || end == s || *end != '\0' || !isfinite(out[i]))
      return mni_fail(ctx, MN_E_CONFIG, "%s:%s: %s.%s[%d]: expected a number", WHAT, MNI_AT(n),
                      entry, key, i);
  }
  if (out[0] > out[1] || out[0] < 0.0)
    return mni_fail(ctx, MN_E_CONFIG, "%s:%s: %s.%s: [%g, %g] must have 0 <= min <= max", WHAT,
                    MNI_AT(n), entry, key, out[0], out[1]);
  return MN_OK;
}

static mn_status int_pair(mn_ctx *ctx, const char *entry, struct fy_node *map, const char *key,
                          int out[2])
{
  double v[2];
  MN_TRY(pair(ctx, entry, map, key, v));
  for (int i = 0; i < 2; i++) {
    if (v[i] != floor(v[i]) || v[i] > 1000.0)
      return mni_fail(ctx, MN_E_CONFIG, "%s: %s.%s: %g is not a whole number", WHAT, entry, key,
                      v[i]);
    out[i] = (int)v[i];
  }
  return MN_OK;
}

/* An optional list of names: a sequence of scalars. */
static mn_status names(mn_ctx *ctx, const char *entry, struct fy_node *map, const char *key,
                       const char **out, size_t max, size_t *n_out)
{
  struct fy_node *n = mni_yaml_child(map, key);
  *n_out = 0;
  if (n == NULL) return MN_OK;
  if (!fy_node_is_sequence(n) || (size_t)fy_node_sequence_item_count(n) > max)
    return mni_fail(ctx, MN_E_CONFIG, "%s:%s: %s.%s: expected a list of at most %zu names", WHAT,
                    MNI_AT(n), entry, key, max);
  void *it = NULL;
  struct fy_node *item;
  while ((item = fy_node_sequence_iterate(n, &it)) != NULL) {
    const char *s = fy_node_is_scalar(item) ? fy_node_get_scalar0(item) : NULL;
    if (s == NULL)
      return mni_fail(ctx, MN_E_CONFIG, "%s:%s: %s.%s: expected names", WHAT, MNI_AT(n), entry,
                      key);
    out[(*n_out)++] = s;
  }
  return MN_OK;
}

static mn_status parse_pressure(mn_ctx *ctx, const char *entry, const char *s, mn_pressure *out)
{
  static const char *const names_[] = {"light", "moderate", "firm"};
  for (int i = 0; i < 3; i++)
    if (strcmp(s, names_[i]) == 0) {
      *out = (mn_pressure)i;
      return MN_OK;
    }
  return mni_fail(ctx, MN_E_CONFIG, "%s: %s.pressure: '%s' is not light, moderate or firm", WHAT,
                  entry, s);
}

static mn_status parse_classes(mn_ctx *ctx, mni_plan_catalog *cat, struct fy_node *root)
{
  struct fy_node *seq = NULL;
  MN_TRY(mni_yaml_seq(ctx, WHAT, root, "depth_classes", &seq));
  void *it = NULL;
  struct fy_node *e;
  while ((e = fy_node_sequence_iterate(seq, &it)) != NULL) {
    MN_REQUIRE(ctx, cat->n_classes < MNI_PLAN_MAX_TABLE, MN_E_CONFIG, "%s: too many depth classes",
               WHAT);
    mni_depth_class *c = &cat->classes[cat->n_classes++];
    double lo, hi;
    MN_TRY(mni_yaml_string(ctx, WHAT, "depth_classes", e, "name", &c->name));
    MN_TRY(mni_yaml_double(ctx, WHAT, c->name, e, "min_mm", &lo));
    MN_TRY(mni_yaml_double(ctx, WHAT, c->name, e, "max_mm", &hi));
    c->min_m = mn_mm_to_m(lo);
    c->max_m = mn_mm_to_m(hi);
    MN_REQUIRE(ctx, lo > 0.0 && lo <= hi, MN_E_CONFIG, "%s: depth class %s: [%g, %g] mm", WHAT,
               c->name, lo, hi);
    MN_REQUIRE(ctx, cat->n_classes == 1 || c->min_m > cat->classes[cat->n_classes - 2].max_m,
               MN_E_CONFIG, "%s: depth class %s must start above the one before", WHAT, c->name);
  }
  return MN_OK;
}

static mn_status parse_endpoints(mn_ctx *ctx, mni_plan_catalog *cat, struct fy_node *root)
{
  struct fy_node *seq = NULL;
  MN_TRY(mni_yaml_seq(ctx, WHAT, root, "endpoints", &seq));
  void *it = NULL;
  struct fy_node *e;
  while ((e = fy_node_sequence_iterate(seq, &it)) != NULL) {
    MN_REQUIRE(ctx, cat->n_endpoints < MNI_PLAN_MAX_TABLE, MN_E_CONFIG, "%s: too many end points",
               WHAT);
    mni_endpoint *p = &cat->endpoints[cat->n_endpoints++];
    const char *pressure = NULL;
    MN_TRY(mni_yaml_string(ctx, WHAT, "endpoints", e, "name", &p->name));
    MN_TRY(mni_yaml_string(ctx, WHAT, p->name, e, "label", &p->label));
    MN_TRY(mni_yaml_string(ctx, WHAT, p->name, e, "source", &p->source));
    MN_TRY(mni_yaml_string(ctx, WHAT, p->name, e, "pressure", &pressure));
    MN_TRY(parse_pressure(ctx, p->name, pressure, &p->pressure));
    MN_TRY(int_pair(ctx, p->name, e, "passes_roller", p->passes_roller));
    MN_TRY(int_pair(ctx, p->name, e, "passes_pen", p->passes_pen));
    MN_REQUIRE(ctx, p->passes_roller[0] >= 1 && p->passes_pen[0] >= 1, MN_E_CONFIG,
               "%s: end point %s: passes must be >= 1", WHAT, p->name);
  }
  return MN_OK;
}

static mn_status parse_rules(mn_ctx *ctx, mni_plan_catalog *cat, struct fy_node *root)
{
  struct fy_node *r = mni_yaml_child(root, "rules");
  double v, sess[2];
  MN_REQUIRE(ctx, r != NULL, MN_E_CONFIG, "%s: missing 'rules'", WHAT);
  MN_TRY(mni_yaml_double(ctx, WHAT, "rules", r, "needle_step_mm", &v));
  MN_REQUIRE(ctx, v > 0.0, MN_E_CONFIG, "%s: rules.needle_step_mm = %g must be > 0", WHAT, v);
  cat->needle_step_m = mn_mm_to_m(v);
  MN_TRY(names(ctx, "rules", r, "home_devices", cat->devices[MN_SETTING_HOME], MNI_PLAN_MAX_NAMES,
               &cat->n_devices[MN_SETTING_HOME]));
  MN_TRY(names(ctx, "rules", r, "clinic_devices", cat->devices[MN_SETTING_CLINIC],
               MNI_PLAN_MAX_NAMES, &cat->n_devices[MN_SETTING_CLINIC]));
  MN_REQUIRE(ctx, cat->n_devices[0] > 0 && cat->n_devices[1] > 0, MN_E_CONFIG,
             "%s: rules.home_devices and rules.clinic_devices must name devices", WHAT);
  MN_TRY(mni_yaml_double(ctx, WHAT, "rules", r, "clinic_min_interval_weeks", &v));
  cat->clinic_min_interval_s = mn_weeks_to_s(v);
  MN_TRY(mni_yaml_string(ctx, WHAT, "rules", r, "clinic_min_interval_source",
                         &cat->clinic_min_interval_source));
  MN_TRY(pair(ctx, "rules", r, "body_sessions", sess));
  cat->body_sessions[0] = (int)sess[0];
  cat->body_sessions[1] = (int)sess[1];
  MN_TRY(
      mni_yaml_string(ctx, WHAT, "rules", r, "body_sessions_source", &cat->body_sessions_source));
  MN_TRY(mni_yaml_int(ctx, WHAT, "rules", r, "dark_skin_min_fitzpatrick",
                      &cat->dark_skin_min_fitzpatrick));
  MN_TRY(mni_yaml_string(ctx, WHAT, "rules", r, "dark_skin_reason", &cat->dark_skin_reason));
  MN_TRY(mni_yaml_string(ctx, WHAT, "rules", r, "dark_skin_source", &cat->dark_skin_source));
  MN_TRY(mni_yaml_string(ctx, WHAT, "rules", r, "topicals", &cat->topicals));
  MN_TRY(mni_yaml_string(ctx, WHAT, "rules", r, "retreat", &cat->retreat));
  MN_TRY(mni_yaml_string(ctx, WHAT, "rules", r, "assess", &cat->assess));
  MN_TRY(mni_yaml_string(ctx, WHAT, "rules", r, "sun", &cat->sun));
  return MN_OK;
}

static mn_status parse_limits(mn_ctx *ctx, mni_plan_catalog *cat, struct fy_node *root)
{
  struct fy_node *seq = NULL;
  MN_TRY(mni_yaml_seq(ctx, WHAT, root, "limits", &seq));
  size_t n = (size_t)fy_node_sequence_item_count(seq);
  cat->limits = mn_calloc(ctx, n, sizeof *cat->limits);
  if (cat->limits == NULL) return MN_E_NOMEM;
  cat->cap_limits = n;
  void *it = NULL;
  struct fy_node *e;
  while ((e = fy_node_sequence_iterate(seq, &it)) != NULL) {
    mni_limit *L = &cat->limits[cat->n_limits++];
    const char *setting = NULL;
    double max_mm, min_mm;
    MN_TRY(mni_yaml_string(ctx, WHAT, "limits", e, "name", &L->name));
    MN_TRY(mni_yaml_string(ctx, WHAT, L->name, e, "reason", &L->reason));
    MN_TRY(mni_yaml_string(ctx, WHAT, L->name, e, "source", &L->source));
    MN_TRY(mni_yaml_double(ctx, WHAT, L->name, e, "max_mm", &max_mm));
    min_mm = max_mm;
    MN_TRY(mni_yaml_double_opt(ctx, WHAT, L->name, e, "min_mm", &min_mm));
    MN_REQUIRE(ctx, min_mm > 0.0 && min_mm <= max_mm, MN_E_CONFIG,
               "%s: limit %s: min_mm %g and max_mm %g must have 0 < min <= max", WHAT, L->name,
               min_mm, max_mm);
    L->max_m = mn_mm_to_m(max_mm);
    L->min_m = mn_mm_to_m(min_mm);
    MN_TRY(names(ctx, L->name, e, "sites", L->sites, MNI_PLAN_MAX_NAMES, &L->n_sites));
    MN_TRY(names(ctx, L->name, e, "indications", L->indications, MNI_PLAN_MAX_NAMES,
                 &L->n_indications));
    L->region = NULL;
    MN_TRY(mni_yaml_string_opt(ctx, WHAT, L->name, e, "region", &L->region));
    L->over_bone = -1; /* either */
    if (mni_yaml_child(e, "over_bone") != NULL) {
      bool over_bone = false;
      MN_TRY(mni_yaml_bool(ctx, WHAT, L->name, e, "over_bone", &over_bone));
      L->over_bone = over_bone;
    }
    L->setting = -1;
    MN_TRY(mni_yaml_string_opt(ctx, WHAT, L->name, e, "setting", &setting));
    if (setting != NULL) {
      mn_setting s;
      MN_TRY(mn_setting_parse(ctx, setting, &s));
      L->setting = (int)s;
    }
  }
  return MN_OK;
}

static mn_status parse_conditions(mn_ctx *ctx, mni_plan_catalog *cat, struct fy_node *root)
{
  struct fy_node *seq = NULL;
  MN_TRY(mni_yaml_seq(ctx, WHAT, root, "conditions", &seq));
  size_t n = (size_t)fy_node_sequence_item_count(seq);
  cat->conditions = mn_calloc(ctx, n, sizeof *cat->conditions);
  if (cat->conditions == NULL) return MN_E_NOMEM;
  cat->cap_conditions = n;
  void *it = NULL;
  struct fy_node *e;
  while ((e = fy_node_sequence_iterate(seq, &it)) != NULL) {
    mn_condition *c = &cat->conditions[cat->n_conditions++];
    bool blocks = false;
    MN_TRY(mni_yaml_string(ctx, WHAT, "conditions", e, "name", &c->name));
    MN_TRY(mni_yaml_bool(ctx, WHAT, c->name, e, "blocks", &blocks));
    c->blocks = blocks;
    MN_TRY(mni_yaml_string(ctx, WHAT, c->name, e, "reason", &c->reason));
    MN_TRY(mni_yaml_string(ctx, WHAT, c->name, e, "source", &c->source));
  }
  return MN_OK;
}

static mn_status parse_indication(mn_ctx *ctx, mni_plan_catalog *cat, struct fy_node *e,
                                  mn_indication *ind)
{
  struct fy_node *needle, *ev = NULL;
  double v[2];
  bool ongoing = false;
  const char *nm = ind->name;
  MN_TRY(mni_yaml_string(ctx, WHAT, nm, e, "label", &ind->label));
  MN_TRY(mni_yaml_string(ctx, WHAT, nm, e, "endpoint", &ind->endpoint));
  MN_REQUIRE(ctx, mni_plan_endpoint_find(cat, ind->endpoint) != NULL, MN_E_CONFIG,
             "%s: %s.endpoint: '%s' is not an end point of the catalogue", WHAT, nm, ind->endpoint);
  MN_TRY(names(ctx, nm, e, "regions", ind->regions, 4, &ind->n_regions));
  MN_REQUIRE(ctx, ind->n_regions > 0, MN_E_CONFIG, "%s: %s.regions is empty", WHAT, nm);
  needle = mni_yaml_child(e, "needle_mm");
  MN_REQUIRE(ctx, needle != NULL, MN_E_CONFIG, "%s: %s: missing needle_mm", WHAT, nm);
  for (int s = 0; s < 2; s++) {
    MN_TRY(pair(ctx, nm, needle, mn_setting_name((mn_setting)s), v));
    MN_REQUIRE(ctx, v[0] > 0.0, MN_E_CONFIG, "%s: %s.needle_mm: lengths must be > 0", WHAT, nm);
    ind->needle_length_m[s][0] = mn_mm_to_m(v[0]);
    ind->needle_length_m[s][1] = mn_mm_to_m(v[1]);
  }
  MN_TRY(mni_yaml_string(ctx, WHAT, nm, e, "needle_source", &ind->needle_source));
  MN_TRY(int_pair(ctx, nm, e, "sessions", ind->sessions));
  MN_REQUIRE(ctx, ind->sessions[0] >= 1, MN_E_CONFIG, "%s: %s.sessions must be >= 1", WHAT, nm);
  MN_TRY(pair(ctx, nm, e, "interval_weeks", v));
  MN_REQUIRE(ctx, v[0] > 0.0, MN_E_CONFIG, "%s: %s.interval_weeks must be > 0", WHAT, nm);
  ind->interval_s[0] = mn_weeks_to_s(v[0]);
  ind->interval_s[1] = mn_weeks_to_s(v[1]);
  MN_TRY(mni_yaml_bool_opt(ctx, WHAT, nm, e, "ongoing", &ongoing));
  ind->is_ongoing = ongoing;
  MN_TRY(mni_yaml_string(ctx, WHAT, nm, e, "course_source", &ind->course_source));
  ind->maintenance = NULL;
  MN_TRY(mni_yaml_string_opt(ctx, WHAT, nm, e, "maintenance", &ind->maintenance));
  MN_TRY(mni_yaml_seq(ctx, WHAT, e, "evidence", &ev));
  ind->evidence = cat->evidence + cat->n_evidence;
  void *it = NULL;
  struct fy_node *item;
  while ((item = fy_node_sequence_iterate(ev, &it)) != NULL) {
    mn_plan_evidence *x = &cat->evidence[cat->n_evidence++];
    MN_TRY(mni_yaml_string(ctx, WHAT, nm, item, "citation", &x->citation));
    MN_TRY(mni_yaml_string(ctx, WHAT, nm, item, "result", &x->result));
    ind->n_evidence++;
  }
  MN_REQUIRE(ctx, ind->n_evidence > 0, MN_E_CONFIG, "%s: %s: no evidence", WHAT, nm);
  return MN_OK;
}

/* The named list of the file (the catalogue helper checked the names). */
static mn_status parse_indications(mn_ctx *ctx, mni_plan_catalog *cat, const mni_catalog *file)
{
  size_t n_ev = 0;
  for (size_t i = 0; i < file->n; i++) {
    struct fy_node *ev = mni_yaml_child(file->items[i], "evidence");
    if (ev != NULL && fy_node_is_sequence(ev)) n_ev += (size_t)fy_node_sequence_item_count(ev);
  }
  cat->indications = mn_calloc(ctx, file->n, sizeof *cat->indications);
  if (cat->indications == NULL) return MN_E_NOMEM;
  cat->cap_indications = file->n;
  cat->evidence = mn_calloc(ctx, n_ev > 0 ? n_ev : 1, sizeof *cat->evidence);
  if (cat->evidence == NULL) return MN_E_NOMEM;
  cat->cap_evidence = n_ev > 0 ? n_ev : 1;
  for (size_t i = 0; i < file->n; i++) {
    mn_indication *ind = &cat->indications[cat->n_indications++];
    ind->name = file->names[i];
    MN_TRY(parse_indication(ctx, cat, file->items[i], ind));
  }
  return MN_OK;
}

static mn_status parse_all(mn_ctx *ctx, const mni_catalog *file, void *extra)
{
  mni_plan_catalog *cat = extra;
  MN_TRY(parse_classes(ctx, cat, file->root));
  MN_TRY(parse_endpoints(ctx, cat, file->root));
  MN_TRY(parse_rules(ctx, cat, file->root));
  MN_TRY(parse_limits(ctx, cat, file->root));
  MN_TRY(parse_conditions(ctx, cat, file->root));
  MN_TRY(parse_indications(ctx, cat, file));
  return MN_OK;
}

static const mni_catalog_schema schema = {
    .extra_size = sizeof(mni_plan_catalog), .parse_extra = parse_all, .release_extra = release};

mn_status mni_plan_catalog_get(mn_ctx *ctx, const mni_plan_catalog **out)
{
  const mni_catalog *file = NULL;
  MN_TRY(mni_catalog_get(ctx, MNI_SLOT_INDICATIONS, &schema, &file));
  *out = file->extra;
  return MN_OK;
}

const mni_endpoint *mni_plan_endpoint_find(const mni_plan_catalog *cat, const char *name)
{
  for (size_t i = 0; i < cat->n_endpoints; i++)
    if (strcmp(cat->endpoints[i].name, name) == 0) return &cat->endpoints[i];
  return NULL;
}

/* ---- Public look-ups ---------------------------------------------------------------------- */

mn_status mn_indications_list(mn_ctx *ctx, const mn_indication **list, size_t *n)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, list != NULL && n != NULL, MN_E_ARG, "mn_indications_list: NULL argument");
  const mni_plan_catalog *cat;
  MN_TRY(mni_plan_catalog_get(ctx, &cat));
  *list = cat->indications;
  *n = cat->n_indications;
  return MN_OK;
}

mn_status mn_conditions_list(mn_ctx *ctx, const mn_condition **list, size_t *n)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, list != NULL && n != NULL, MN_E_ARG, "mn_conditions_list: NULL argument");
  const mni_plan_catalog *cat;
  MN_TRY(mni_plan_catalog_get(ctx, &cat));
  *list = cat->conditions;
  *n = cat->n_conditions;
  return MN_OK;
}

mn_status mn_indication_find(mn_ctx *ctx, const char *name, const mn_indication **out)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, out != NULL, MN_E_ARG, "mn_indication_find: NULL argument");
  const mni_plan_catalog *cat;
  size_t i = 0;
  MN_TRY(mni_plan_catalog_get(ctx, &cat));
  MN_TRY(mni_catalog_find_in(ctx, "indication", &cat->indications[0].name, cat->n_indications,
                             sizeof cat->indications[0], name, &i));
  *out = &cat->indications[i];
  return MN_OK;
}

mn_status mn_condition_find(mn_ctx *ctx, const char *name, const mn_condition **out)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, out != NULL, MN_E_ARG, "mn_condition_find: NULL argument");
  const mni_plan_catalog *cat;
  size_t i = 0;
  MN_TRY(mni_plan_catalog_get(ctx, &cat));
  MN_TRY(mni_catalog_find_in(ctx, "condition", &cat->conditions[0].name, cat->n_conditions,
                             sizeof cat->conditions[0], name, &i));
  *out = &cat->conditions[i];
  return MN_OK;
}

const char *mn_setting_name(mn_setting setting)
{
  return setting == MN_SETTING_CLINIC ? "clinic" : "home";
}

mn_status mn_setting_parse(mn_ctx *ctx, const char *name, mn_setting *out)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, out != NULL, MN_E_ARG, "mn_setting_parse: NULL argument");
  if (name != NULL && strcmp(name, "home") == 0)
    *out = MN_SETTING_HOME;
  else if (name != NULL && strcmp(name, "clinic") == 0)
    *out = MN_SETTING_CLINIC;
  else
    return mni_fail(ctx, MN_E_NOTFOUND, "unknown setting '%s'; valid names: home, clinic",
                    name ? name : "(none)");
  return MN_OK;
}
