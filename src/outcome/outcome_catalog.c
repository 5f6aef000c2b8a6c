/* data/outcomes.yaml: the endpoints of each indication and their anchor studies. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog_int.h"
#include "outcome/outcome_int.h"

#define WHAT "data/outcomes.yaml"

static mn_status parse_protocol(mn_ctx *ctx, const char *entry, struct fy_node *map,
                                mni_out_protocol *p)
{
  struct fy_node *n = mni_yaml_child(map, "protocol");
  MN_REQUIRE(ctx, n != NULL && fy_node_is_mapping(n), MN_E_CONFIG,
             WHAT ":%d: %s: missing mapping 'protocol'", mni_yaml_line(map), entry);
  const char *device = NULL;
  double needle_mm = 0, interval_weeks = 0, follow_up_months = 0;
  MN_TRY(mni_yaml_text(ctx, WHAT, entry, n, "site", &p->site));
  MN_TRY(mni_yaml_text(ctx, WHAT, entry, n, "device", &device));
  MN_TRY(mni_yaml_double(ctx, WHAT, entry, n, "needle_mm", &needle_mm));
  MN_TRY(mni_yaml_int(ctx, WHAT, entry, n, "passes", &p->passes));
  MN_TRY(mni_yaml_int(ctx, WHAT, entry, n, "sessions", &p->sessions));
  MN_TRY(mni_yaml_double(ctx, WHAT, entry, n, "interval_weeks", &interval_weeks));
  MN_TRY(mni_yaml_double(ctx, WHAT, entry, n, "follow_up_months", &follow_up_months));
  if (strcmp(device, "roller") == 0)
    p->device = MN_DEVICE_ROLLER;
  else if (strcmp(device, "pen") == 0)
    p->device = MN_DEVICE_PEN;
  else if (strcmp(device, "stamp") == 0)
    p->device = MN_DEVICE_STAMP;
  else
    return mni_fail(ctx, MN_E_CONFIG, WHAT ":%d: %s.device = '%s': expected roller, pen or stamp",
                    mni_yaml_line(n), entry, device);
  MN_REQUIRE(ctx,
             needle_mm > 0 && p->passes >= 1 && p->sessions >= 1 && interval_weeks > 0 &&
                 follow_up_months >= 0,
             MN_E_CONFIG,
             WHAT ":%d: %s: the protocol needs needle_mm > 0, passes >= 1, "
                  "sessions >= 1, interval_weeks > 0, follow_up_months >= 0",
             mni_yaml_line(n), entry);
  p->needle_m = mn_mm_to_m(needle_mm);
  p->interval_s = mn_days_to_s(7.0 * interval_weeks);
  p->follow_up_s = mn_months_to_s(follow_up_months);
  return MN_OK;
}

static mn_status parse_anchor(mn_ctx *ctx, const char *entry, struct fy_node *map,
                              const mni_out_endpoint *e, mni_out_anchor *a)
{
  MN_TRY(mni_yaml_text(ctx, WHAT, entry, map, "source", &a->source));
  a->protocol_note = "";
  MN_TRY(mni_yaml_string_opt(ctx, WHAT, entry, map, "protocol_note", &a->protocol_note));
  MN_TRY(parse_protocol(ctx, entry, map, &a->protocol));
  MN_TRY(mni_yaml_double(ctx, WHAT, entry, map, "change", &a->change));
  MN_REQUIRE(
      ctx, a->change != 0.0 && (a->change < 0) == e->lower_is_better && fabs(a->change) < e->limit,
      MN_E_CONFIG, WHAT ":%d: %s.change = %g: expected %s than 0 and within the limit %g",
      mni_yaml_line(map), entry, a->change, e->lower_is_better ? "lower" : "higher", e->limit);
  a->lo = a->hi = (double)NAN;
  a->range_source = "";
  struct fy_node *r = mni_yaml_child(map, "range");
  if (r != NULL) {
    MN_REQUIRE(ctx, fy_node_is_sequence(r) && fy_node_sequence_item_count(r) == 2, MN_E_CONFIG,
               WHAT ":%d: %s.range: expected [lo, hi]", mni_yaml_line(r), entry);
    double v[2];
    for (int i = 0; i < 2; i++) {
      const char *s = fy_node_get_scalar0(fy_node_sequence_get_by_index(r, i));
      char *end = NULL;
      v[i] = s ? strtod(s, &end) : (double)NAN;
      MN_REQUIRE(ctx, s != NULL && end != s && *end == '\0' && isfinite(v[i]), MN_E_CONFIG,
                 WHAT ":%d: %s.range[%d]: expected a number", mni_yaml_line(r), entry, i);
    }
    MN_REQUIRE(ctx,
               v[0] <= a->change && a->change <= v[1] && fabs(v[0]) <= e->limit &&
                   fabs(v[1]) <= e->limit,
               MN_E_CONFIG,
               WHAT ":%d: %s.range = [%g, %g]: must hold the change %g and stay "
                    "within the limit %g",
               mni_yaml_line(r), entry, v[0], v[1], a->change, e->limit);
    a->lo = v[0];
    a->hi = v[1];
    MN_TRY(mni_yaml_text(ctx, WHAT, entry, map, "range_source", &a->range_source));
  }
  return MN_OK;
}

static mn_status parse_endpoint(mn_ctx *ctx, const char *entry, struct fy_node *map,
                                mni_out_endpoint *e)
{
  const char *better = NULL, *measure = "collagen";
  MN_TRY(mni_yaml_text(ctx, WHAT, entry, map, "name", &e->name));
  MN_TRY(mni_yaml_text(ctx, WHAT, entry, map, "label", &e->label));
  MN_TRY(mni_yaml_text(ctx, WHAT, entry, map, "unit", &e->unit));
  MN_TRY(mni_yaml_text(ctx, WHAT, entry, map, "better", &better));
  MN_REQUIRE(ctx, strcmp(better, "lower") == 0 || strcmp(better, "higher") == 0, MN_E_CONFIG,
             WHAT ":%d: %s.better = '%s': expected lower or higher", mni_yaml_line(map), entry,
             better);
  e->lower_is_better = strcmp(better, "lower") == 0;
  MN_TRY(mni_yaml_double(ctx, WHAT, entry, map, "limit", &e->limit));
  MN_REQUIRE(ctx, isfinite(e->limit) && e->limit > 0, MN_E_CONFIG,
             WHAT ":%d: %s.limit = %g: expected > 0", mni_yaml_line(map), entry, e->limit);
  MN_TRY(mni_yaml_text(ctx, WHAT, entry, map, "limit_source", &e->limit_source));
  MN_TRY(mni_yaml_string_opt(ctx, WHAT, entry, map, "measure", &measure));
  if (strcmp(measure, "collagen") == 0)
    e->measure = MNI_OUT_COLLAGEN;
  else if (strcmp(measure, "collagen1") == 0)
    e->measure = MNI_OUT_COLLAGEN1;
  else if (strcmp(measure, "mature_collagen") == 0)
    e->measure = MNI_OUT_MATURE;
  else
    return mni_fail(ctx, MN_E_CONFIG,
                    WHAT ":%d: %s.measure = '%s': expected collagen, collagen1 or "
                         "mature_collagen",
                    mni_yaml_line(map), entry, measure);
  struct fy_node *a = mni_yaml_child(map, "anchor");
  MN_REQUIRE(ctx, a != NULL && fy_node_is_mapping(a), MN_E_CONFIG,
             WHAT ":%d: %s: missing mapping 'anchor'", mni_yaml_line(map), entry);
  char sub[128];
  snprintf(sub, sizeof sub, "%s.anchor", entry);
  MN_TRY(parse_anchor(ctx, sub, a, e, &e->anchor));
  struct fy_node *checks = mni_yaml_child(map, "checks");
  if (checks != NULL) {
    MN_REQUIRE(ctx,
               fy_node_is_sequence(checks) &&
                   fy_node_sequence_item_count(checks) <= MNI_OUT_MAX_CHECKS,
               MN_E_CONFIG, WHAT ":%d: %s.checks: expected a sequence of at most %d",
               mni_yaml_line(checks), entry, MNI_OUT_MAX_CHECKS);
    void *it = NULL;
    struct fy_node *c;
    while ((c = fy_node_sequence_iterate(checks, &it)) != NULL) {
      snprintf(sub, sizeof sub, "%s.checks[%zu]", entry, e->n_checks);
      MN_REQUIRE(ctx, fy_node_is_mapping(c), MN_E_CONFIG, WHAT ":%d: %s: expected a mapping",
                 mni_yaml_line(c), sub);
      mni_out_anchor *k = &e->checks[e->n_checks++];
      MN_TRY(parse_anchor(ctx, sub, c, e, k));
      MN_REQUIRE(ctx, isfinite(k->lo), MN_E_CONFIG, WHAT ":%d: %s: a check needs a range",
                 mni_yaml_line(c), sub);
    }
  }
  struct fy_node *context = mni_yaml_child(map, "context");
  if (context != NULL) {
    MN_REQUIRE(ctx,
               fy_node_is_sequence(context) &&
                   fy_node_sequence_item_count(context) <= MNI_OUT_MAX_CONTEXT,
               MN_E_CONFIG, WHAT ":%d: %s.context: expected a sequence of at most %d texts",
               mni_yaml_line(context), entry, MNI_OUT_MAX_CONTEXT);
    void *it = NULL;
    struct fy_node *c;
    while ((c = fy_node_sequence_iterate(context, &it)) != NULL) {
      const char *s = fy_node_get_scalar0(c);
      MN_REQUIRE(ctx, s != NULL && s[0] != '\0', MN_E_CONFIG,
                 WHAT ":%d: %s.context: expected texts", mni_yaml_line(c), entry);
      e->context[e->n_context++] = s;
    }
  }
  return MN_OK;
}

static mn_status parse_entry(mn_ctx *ctx, const mni_catalog *cat, size_t index, void *entry)
{
  mni_out_entry *o = entry;
  struct fy_node *map = cat->items[index];
  o->name = cat->names[index];
  MN_TRY(mni_yaml_text(ctx, WHAT, o->name, map, "weakness", &o->weakness));
  struct fy_node *list = NULL;
  MN_TRY(mni_yaml_seq(ctx, WHAT, map, "endpoints", &list));
  MN_REQUIRE(ctx, fy_node_sequence_item_count(list) <= MNI_OUT_MAX_ENDPOINTS, MN_E_CONFIG,
             WHAT ":%d: %s.endpoints: at most %d", mni_yaml_line(list), o->name,
             MNI_OUT_MAX_ENDPOINTS);
  void *it = NULL;
  struct fy_node *n;
  while ((n = fy_node_sequence_iterate(list, &it)) != NULL) {
    char sub[96];
    snprintf(sub, sizeof sub, "%s.endpoints[%zu]", o->name, o->n_endpoints);
    MN_REQUIRE(ctx, fy_node_is_mapping(n), MN_E_CONFIG, WHAT ":%d: %s: expected a mapping",
               mni_yaml_line(n), sub);
    mni_out_endpoint *e = &o->endpoints[o->n_endpoints];
    const char *ref = NULL;
    MN_TRY(mni_yaml_string_opt(ctx, WHAT, sub, n, "ref", &ref));
    if (ref != NULL) {
      /* The endpoint of that name in an entry above (filled before this one). */
      const mni_out_entry *all = cat->entries;
      const mni_out_endpoint *found = NULL;
      for (size_t i = 0; i < index && found == NULL; i++)
        for (size_t j = 0; j < all[i].n_endpoints && found == NULL; j++)
          if (strcmp(all[i].endpoints[j].name, ref) == 0) found = &all[i].endpoints[j];
      MN_REQUIRE(ctx, found != NULL, MN_E_CONFIG,
                 WHAT ":%d: %s.ref = '%s': no endpoint of that name above", mni_yaml_line(n), sub,
                 ref);
      *e = *found;
    } else {
      MN_TRY(parse_endpoint(ctx, sub, n, e));
    }
    o->n_endpoints++;
  }
  return MN_OK;
}

static const mni_catalog_schema schema = {.entry_size = sizeof(mni_out_entry),
                                          .parse_entry = parse_entry};

mn_status mni_out_check_text(mn_ctx *ctx, const char *text, size_t len)
{
  mni_catalog *cat = NULL;
  MN_TRY(mni_catalog_parse_text(ctx, MNI_SLOT_OUTCOMES, &schema, text, len, &cat));
  mni_catalog_destroy(ctx, cat);
  return MN_OK;
}

mn_status mni_out_list(mn_ctx *ctx, const mni_out_entry **list, size_t *n)
{
  const mni_catalog *cat = NULL;
  MN_TRY(mni_catalog_get(ctx, MNI_SLOT_OUTCOMES, &schema, &cat));
  *list = cat->entries;
  *n = cat->n;
  return MN_OK;
}

mn_status mni_out_find(mn_ctx *ctx, const char *indication, const mni_out_entry **out)
{
  const mni_catalog *cat = NULL;
  MN_TRY(mni_catalog_get(ctx, MNI_SLOT_OUTCOMES, &schema, &cat));
  size_t i = 0;
  MN_TRY(mni_catalog_find(ctx, cat, indication, &i));
  *out = mni_catalog_entry(cat, i);
  return MN_OK;
}
