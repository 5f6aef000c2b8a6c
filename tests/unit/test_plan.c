/* Planner: the catalogue, the rules of issue 7 for every indication x setting x site, every
 * blocking and warning condition, Fitzpatrick IV-VI, the JSON document and the scenario. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, rmdir */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mn_test.h"
#include "mnsim/scenario.h"
#include "plan/plan_int.h"

#define MM(x) ((x)*1e-3)
#define TOL   1e-12

/* A site that is not in the table, for rules no table site triggers (breast). */
static mn_site mk_site(const char *name, const char *region, double sc_um, double ve_um,
                       double dermis_mm, int over_bone)
{
  mn_site s;
  memset(&s, 0, sizeof s);
  s.name = name;
  s.label = name;
  s.region = region;
  s.thickness_m[MN_LAYER_STRATUM_CORNEUM] = sc_um * 1e-6;
  s.thickness_m[MN_LAYER_VIABLE_EPIDERMIS] = ve_um * 1e-6;
  s.thickness_m[MN_LAYER_DERMIS] = MM(dermis_mm);
  s.thickness_m[MN_LAYER_SUBCUTIS] = MM(5.0);
  s.is_over_bone = over_bone;
  return s;
}

static mn_ctx *g_ctx; /* the context whose site table site_named() borrows from */

static const mn_site *site_named(const char *name)
{
  const mn_site *s = NULL;
  if (mn_site_find(g_ctx, name, &s) != MN_OK) fail_msg("%s", mn_ctx_errmsg(g_ctx));
  return s;
}

static int setup(void **state)
{
  (void)state;
  return mn_ctx_create(NULL, NULL, &g_ctx) == MN_OK ? 0 : -1;
}

static int teardown(void **state)
{
  (void)state;
  mn_ctx_destroy(&g_ctx);
  return 0;
}

static mn_plan *plan_at(mn_ctx *ctx, const char *indication, const mn_site *site,
                        mn_setting setting, int fitzpatrick)
{
  mn_plan_request rq = mn_plan_request_default();
  rq.indication = indication;
  rq.setting = setting;
  rq.fitzpatrick = fitzpatrick;
  mn_plan *p = NULL;
  mn_status st = mni_plan_make_at(ctx, &rq, site, &p);
  if (st != MN_OK) fail_msg("%s at %s: %s", indication, site->name, mn_ctx_errmsg(ctx));
  return p;
}

static bool has_warning(const mn_plan *p, const char *needle)
{
  for (size_t i = 0; i < mn_plan_n_warnings(p); i++)
    if (strstr(mn_plan_warning(p, i), needle) != NULL) return true;
  return false;
}

static double top_m(const mn_site *s)
{
  return s->thickness_m[0] + s->thickness_m[1] + s->thickness_m[2];
}

static bool is_body(const mn_site *s)
{
  return strcmp(s->region, "trunk") == 0 || strcmp(s->region, "limb") == 0;
}

/* The rules of issue 7 and clinical.md (b) that must hold for a plan at a site. Also used
 * over the real site table in test_plan_sites.c. */
static void check_rules(const mn_plan *p, const mn_site *site)
{
  const mn_plan_protocol *pr = mn_plan_protocol_get(p);
  const mn_indication *ind = mn_plan_indication(p);
  const char *nm = ind->name;
  double lo = pr->needle_length_m[0], hi = pr->needle_length_m[1];
  mn_setting setting = mn_plan_setting(p);

  /* Well-formed ranges. */
  assert_true(lo > 0.0 && lo <= hi);
  assert_true(pr->first_session_needle_length_m[0] <= pr->first_session_needle_length_m[1]);
  assert_true(pr->first_session_needle_length_m[1] <= hi + TOL);
  assert_true(pr->passes[0] >= 1 && pr->passes[0] <= pr->passes[1]);
  assert_true(pr->sessions[0] >= 1 && pr->sessions[0] <= pr->sessions[1]);
  assert_true(pr->interval_s[0] > 0.0 && pr->interval_s[0] <= pr->interval_s[1]);

  /* Never into the subcutis with most channels: the depth 95 % of the channels stay above is
   * reached, within the needle. */
  assert_true(pr->max_depth_reached_m > 0.0 && pr->max_depth_reached_m <= hi);
  MN_EXPECT_NEAR(pr->insertion_fraction * hi, pr->max_depth_reached_m, 1e-12, 0);
  MN_EXPECT_NEAR(pr->subcutis_top_m, top_m(site), 1e-12, 0);
  /* Site and setting limits. */
  if (site->is_over_bone) assert_true(hi <= MM(1.0) + TOL);
  if (strcmp(site->region, "neck") == 0) assert_true(hi <= MM(1.0) + TOL);
  if (strcmp(site->name, "periorbital") == 0 || strstr(site->name, "eyelid") != NULL)
    assert_true(hi <= MM(0.5) + TOL);
  if (strcmp(site->name, "breast") == 0) assert_true(hi <= MM(1.5) + TOL);
  /* The device: home roller at home, clinic devices in a clinic, made in the needle length. */
  const mn_device *dev = NULL;
  assert_int_equal(mn_device_find(g_ctx, pr->device_model, &dev), MN_OK);
  assert_int_equal(dev->type, pr->device);
  assert_string_equal(dev->setting, mn_setting_name(setting));
  assert_true(hi >= dev->length_min_m - TOL && hi <= dev->length_max_m + TOL);
  if (setting == MN_SETTING_HOME) {
    assert_true(hi <= MM(1.5) + TOL);
    assert_int_equal(pr->device, MN_DEVICE_ROLLER);
  } else {
    assert_true(pr->interval_s[0] >= mn_days_to_s(14.0) - 1e-6); /* never sooner than 14 days */
  }
  /* Indication rules of issue 7. */
  if (strcmp(nm, "fine_lines") == 0) assert_true(hi <= MM(1.5) + TOL);
  if (strcmp(nm, "melasma") == 0 || strcmp(nm, "photoageing") == 0)
    assert_true(hi <= MM(1.5) + TOL);
  if (strcmp(nm, "acne_scars_severe") == 0) assert_true(hi <= MM(3.0) + TOL);
  if (strcmp(nm, "product_delivery") == 0) assert_true(hi <= MM(0.3) + TOL);
  /* Any body area: four to six sessions. */
  if (is_body(site) && !ind->is_ongoing) {
    assert_int_equal(pr->sessions[0], 4);
    assert_int_equal(pr->sessions[1], 6);
  }
  /* A limit that binds says why. */
  for (size_t i = 0; i < mn_plan_n_limits(p); i++) {
    const mn_plan_limit *L = mn_plan_limit_get(p, i);
    assert_true(strlen(L->reason) > 10 && strlen(L->source) > 5);
    assert_true(hi <= L->max_m + TOL);
  }
  assert_true(mn_plan_n_evidence(p) >= 1);
}

static void test_catalogue(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mn_indication *ind;
  size_t n;
  assert_int_equal(mn_indications_list(ctx, &ind, &n), MN_OK);
  static const char *const want[] = {
      "fine_lines", "acne_scars_moderate", "acne_scars_severe", "melasma", "photoageing",
      "laxity",     "enlarged_pores",      "stretch_marks",     "scars",   "product_delivery"};
  assert_int_equal(n, sizeof want / sizeof want[0]);
  for (size_t i = 0; i < n; i++) {
    const mn_indication *x = NULL;
    assert_int_equal(mn_indication_find(ctx, want[i], &x), MN_OK);
    assert_true(strspn(x->name, "abcdefghijklmnopqrstuvwxyz_") == strlen(x->name));
    assert_true(x->n_evidence >= 1 && strlen(x->needle_source) > 10);
    for (size_t e = 0; e < x->n_evidence; e++)
      assert_true(strlen(x->evidence[e].citation) > 5 && strlen(x->evidence[e].result) > 5);
  }
  /* Issue 7's pigmentation and sun damage: 1.0 to 1.5 mm before site limits. */
  assert_int_equal(mn_indication_find(ctx, "melasma", &ind), MN_OK);
  MN_EXPECT_NEAR(ind->needle_length_m[MN_SETTING_CLINIC][0], MM(1.0), 1e-12, 0);
  MN_EXPECT_NEAR(ind->needle_length_m[MN_SETTING_CLINIC][1], MM(1.5), 1e-12, 0);
  assert_int_equal(mn_indication_find(ctx, "wrinkles", &ind), MN_E_NOTFOUND);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "'wrinkles'"));
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "acne_scars_moderate"));
  mn_ctx_destroy(&ctx);
}

static const char *const blocking[] = {"pregnancy",        "breastfeeding",    "keloid_history",
                                       "active_infection", "active_acne",      "bleeding_disorder",
                                       "anticoagulants",   "immunosuppression"};
static const char *const warning_only[] = {"herpes_history", "isotretinoin", "eczema",
                                           "recent_sun_exposure", "antiplatelets"};

static void test_conditions(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mn_site *cheek = site_named("cheek");
  const mn_condition *c;
  size_t n;
  assert_int_equal(mn_conditions_list(ctx, &c, &n), MN_OK);
  for (size_t i = 0; i < n; i++)
    assert_true(strlen(c[i].reason) > 5 && strlen(c[i].source) > 5);

  for (int blocks = 1; blocks >= 0; blocks--) {
    const char *const *list = blocks ? blocking : warning_only;
    size_t n_list =
        blocks ? sizeof blocking / sizeof *blocking : sizeof warning_only / sizeof *warning_only;
    for (size_t i = 0; i < n_list; i++) {
      mn_plan_request rq = mn_plan_request_default();
      rq.indication = "acne_scars_moderate";
      rq.conditions[0] = list[i];
      rq.conditions[1] = list[i]; /* a repeated name counts once */
      rq.n_conditions = 2;
      mn_plan *p = NULL;
      assert_int_equal(mni_plan_make_at(ctx, &rq, cheek, &p), MN_OK);
      assert_int_equal(mn_plan_is_blocked(p), blocks);
      assert_int_equal(mn_plan_n_contraindications(p), 1);
      const mn_condition *got = mn_plan_contraindication(p, 0);
      assert_string_equal(got->name, list[i]);
      assert_int_equal(got->blocks, blocks);
      assert_true(has_warning(p, blocks ? "do not treat" : list[i]));
      mn_plan_destroy(&p);
      assert_null(p);
    }
  }
  /* Isotretinoin warns and asks for a physician's sign-off (ASDS consensus). */
  assert_int_equal(mn_condition_find(ctx, "isotretinoin", &c), MN_OK);
  assert_false(c->blocks);
  assert_non_null(strstr(c->reason, "sign-off"));
  assert_non_null(strstr(c->source, "Spring"));
  /* Without conditions nothing blocks. */
  mn_plan *p = plan_at(ctx, "acne_scars_moderate", cheek, MN_SETTING_HOME, 3);
  assert_false(mn_plan_is_blocked(p));
  assert_int_equal(mn_plan_n_contraindications(p), 0);
  mn_plan_destroy(&p);
  /* An unknown condition names itself and the valid ones. */
  mn_plan_request rq = mn_plan_request_default();
  rq.indication = "fine_lines";
  rq.conditions[0] = "diabetes";
  rq.n_conditions = 1;
  assert_int_equal(mni_plan_make_at(ctx, &rq, cheek, &p), MN_E_NOTFOUND);
  assert_null(p);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "'diabetes'"));
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "pregnancy"));
  mn_ctx_destroy(&ctx);
}

static void test_bad_requests(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mn_site *cheek = site_named("cheek");
  mn_plan *p = NULL;
  mn_plan_request rq = mn_plan_request_default();
  rq.indication = "fine_lines";
  rq.fitzpatrick = 7;
  assert_int_equal(mni_plan_make_at(ctx, &rq, cheek, &p), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "fitzpatrick = 7"));
  rq.fitzpatrick = 0;
  assert_int_equal(mni_plan_make_at(ctx, &rq, cheek, &p), MN_E_ARG);
  rq.fitzpatrick = 2;
  rq.indication = "tattoo_removal";
  assert_int_equal(mni_plan_make_at(ctx, &rq, cheek, &p), MN_E_NOTFOUND);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "fine_lines"));
  assert_int_equal(mni_plan_make_at(ctx, NULL, cheek, &p), MN_E_ARG);
  mn_setting s;
  assert_int_equal(mn_setting_parse(ctx, "clinic", &s), MN_OK);
  assert_int_equal(s, MN_SETTING_CLINIC);
  assert_int_equal(mn_setting_parse(ctx, "salon", &s), MN_E_NOTFOUND);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "home, clinic"));
  /* The public entry looks the site up: an unknown one lists the table. */
  rq.indication = "fine_lines";
  rq.site = "elbow";
  assert_int_equal(mn_plan_make(ctx, &rq, &p), MN_E_NOTFOUND);
  assert_null(p);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "elbow"));
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "forehead"));
  rq.site = NULL;
  assert_int_equal(mn_plan_make(ctx, &rq, &p), MN_E_ARG);
  mn_plan_destroy(NULL);
  mn_ctx_destroy(&ctx);
}

/* Every number of a scenario lies in its key's range (the loader would refuse it otherwise). */
static void check_scenario_in_range(const mn_scenario *sc, const char *where)
{
  size_t n_keys;
  const mn_scenario_key *keys = mn_scenario_keys(&n_keys);
  for (size_t i = 0; i < n_keys; i++) {
    const mn_scenario_key *k = &keys[i];
    const char *field = (const char *)sc + k->offset;
    double v;
    if (k->type == MN_KEY_DOUBLE) {
      double si;
      memcpy(&si, field, sizeof si);
      if (k->is_optional && isnan(si)) continue;
      v = si / k->to_si;
    } else if (k->type == MN_KEY_INT) {
      int iv;
      memcpy(&iv, field, sizeof iv);
      if (k->is_optional && iv == -1) continue;
      v = iv;
    } else if (k->type == MN_KEY_DOUBLE_LIST) { /* each element of the list */
      int n;
      memcpy(&n, (const char *)sc + k->count_offset, sizeof n);
      for (int e = 0; e < n; e++) {
        double si;
        memcpy(&si, field + (size_t)e * sizeof si, sizeof si);
        if (!(si / k->to_si >= k->min * (1 - 1e-12) && si / k->to_si <= k->max * (1 + 1e-12)))
          fail_msg("%s: %s[%d] = %g outside [%g, %g]", where, k->path, e, si / k->to_si, k->min,
                   k->max);
      }
      continue;
    } else {
      continue;
    }
    if (!(v >= k->min * (1 - 1e-12) && v <= k->max * (1 + 1e-12)))
      fail_msg("%s: %s = %g outside [%g, %g]", where, k->path, v, k->min, k->max);
  }
}

/* Every indication x setting x site of the table x Fitzpatrick type, through the public
 * mn_plan_make (which looks the site up). */
static void test_rules_every_combination(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mn_indication *ind;
  const mn_site *sites;
  size_t n, n_sites, n_plans = 0;
  assert_int_equal(mn_indications_list(ctx, &ind, &n), MN_OK);
  assert_int_equal(mn_sites_list(ctx, &sites, &n_sites), MN_OK);
  assert_true(n_sites >= 10);
  for (size_t i = 0; i < n; i++)
    for (int s = 0; s < 2; s++)
      for (size_t k = 0; k < n_sites; k++)
        for (int fitz = 1; fitz <= 6; fitz++) {
          mn_plan_request rq = mn_plan_request_default();
          rq.indication = ind[i].name;
          rq.site = sites[k].name;
          rq.setting = (mn_setting)s;
          rq.fitzpatrick = fitz;
          mn_plan *p = NULL;
          if (mn_plan_make(ctx, &rq, &p) != MN_OK)
            fail_msg("%s at %s: %s", ind[i].name, sites[k].name, mn_ctx_errmsg(ctx));
          check_rules(p, &sites[k]);
          mn_scenario sc;
          assert_int_equal(mn_plan_to_scenario(ctx, p, &sc), MN_OK);
          check_scenario_in_range(&sc, sites[k].name);
          assert_string_equal(sc.skin.site, sites[k].name);
          n_plans++;
          mn_plan_destroy(&p);
        }
  assert_int_equal(n_plans, n * 2 * n_sites * 6);
  mn_ctx_destroy(&ctx);
}

static void expect_needle(mn_ctx *ctx, const char *ind, const char *site, mn_setting s,
                          double lo_mm, double hi_mm)
{
  mn_plan *p = plan_at(ctx, ind, site_named(site), s, 2);
  const mn_plan_protocol *pr = mn_plan_protocol_get(p);
  if (fabs(pr->needle_length_m[0] - MM(lo_mm)) > 1e-12 ||
      fabs(pr->needle_length_m[1] - MM(hi_mm)) > 1e-12)
    fail_msg("%s at %s (%s): needle %g-%g mm, want %g-%g", ind, site, mn_setting_name(s),
             mn_m_to_mm(pr->needle_length_m[0]), mn_m_to_mm(pr->needle_length_m[1]), lo_mm, hi_mm);
  mn_plan_destroy(&p);
}

static bool has_limit(const mn_plan *p, const char *name)
{
  for (size_t i = 0; i < mn_plan_n_limits(p); i++)
    if (strcmp(mn_plan_limit_get(p, i)->name, name) == 0) return true;
  return false;
}

/* The rules users check first, site by site (sites from the table; their thickness decides
 * the subcutis cap, so these expectations follow data/sites.yaml). */
static void test_issue_rules(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mn_setting H = MN_SETTING_HOME, C = MN_SETTING_CLINIC;
  /* A 1.5 mm home roller is long enough for acne scars, on the face and the body; at the temple
   * (0.99 mm to the subcutis, Meng 2022) a firm 1.5 mm roller puts most channels into the fat
   * (insertion model, docs/model.md section 2), so the planner stops at 1.25 mm. */
  expect_needle(ctx, "acne_scars_moderate", "temple", H, 1.25, 1.25);
  expect_needle(ctx, "acne_scars_moderate", "chest", H, 1.5, 1.5);
  expect_needle(ctx, "acne_scars_moderate", "upper_back", C, 1.5, 2.0);
  /* Severe scars need clinic devices up to 3 mm where the skin is thick enough... */
  expect_needle(ctx, "acne_scars_severe", "upper_back", C, 2.0, 3.0);
  expect_needle(ctx, "acne_scars_severe", "upper_back", H, 1.5, 1.5);
  mn_plan *p = plan_at(ctx, "acne_scars_severe", site_named("upper_back"), H, 2);
  assert_true(has_warning(p, "clinic device (clinic_roller, up to 3.00 mm) goes deeper"));
  mn_plan_destroy(&p);
  /* ...beyond a pen's 2.5 mm with a clinic roller... */
  p = plan_at(ctx, "acne_scars_severe", site_named("upper_back"), C, 2);
  assert_string_equal(mn_plan_protocol_get(p)->device_model, "clinic_roller");
  assert_int_equal(mn_plan_protocol_get(p)->passes[0], 15);
  mn_plan_destroy(&p);
  /* ...and at the temple (0.99 mm to the subcutis) the subcutis rule shortens the needle until
   * most channels of the puncture model stay above it, saying why. */
  p = plan_at(ctx, "acne_scars_severe", site_named("temple"), C, 2);
  assert_true(has_limit(p, "subcutis"));
  assert_true(mn_plan_protocol_get(p)->needle_length_m[1] < MM(2.0));
  assert_true(has_warning(p, "subcutis"));
  mn_plan_destroy(&p);
  /* Thin skin over bone (forehead, zygoma, chin): 1.0 mm at most, with the reason. */
  expect_needle(ctx, "acne_scars_moderate", "zygoma", C, 1.0, 1.0);
  p = plan_at(ctx, "acne_scars_moderate", site_named("zygoma"), H, 2);
  assert_true(has_limit(p, "over_bone"));
  assert_true(has_warning(p, "tram-track"));
  mn_plan_destroy(&p);
  /* The cheek off the bone is where acne scars are needled: the 1.5 mm home roller holds. */
  expect_needle(ctx, "acne_scars_moderate", "cheek", H, 1.5, 1.5);
  /* Wrinkles: never longer than 1.5 mm; lighter around the eyes and on the upper lip. */
  expect_needle(ctx, "fine_lines", "temple", H, 1.0, 1.5);
  /* A clinic pen drives to its setting: on the chest (1.47 mm to the subcutis) 1.25 mm. */
  expect_needle(ctx, "fine_lines", "chest", C, 1.0, 1.25);
  expect_needle(ctx, "fine_lines", "periorbital", C, 0.25, 0.5);
  expect_needle(ctx, "fine_lines", "upper_lip", C, 0.25, 0.5);
  expect_needle(ctx, "acne_scars_moderate", "upper_lip", H, 1.25, 1.25);
  /* Pigmentation and sun damage: 1.0-1.5 mm; 1.0 over bone and on the neck. */
  expect_needle(ctx, "melasma", "chest", C, 1.0, 1.25);
  expect_needle(ctx, "melasma", "temple", H, 1.0, 1.5);
  expect_needle(ctx, "photoageing", "chest", H, 1.0, 1.5);
  expect_needle(ctx, "melasma", "forehead", C, 1.0, 1.0);
  expect_needle(ctx, "photoageing", "neck", C, 1.0, 1.0);
  expect_needle(ctx, "laxity", "neck", H, 1.0, 1.0);
  /* Body: stretch marks and scars to 2.5 mm in a clinic where the skin takes it (a pen
   * reaches its setting: 2.25 mm on the buttock, 2.39 mm to the subcutis; 1.75 mm on the
   * abdomen, 1.89 mm); 4-6 sessions. */
  expect_needle(ctx, "stretch_marks", "buttock", C, 1.5, 2.25);
  expect_needle(ctx, "scars", "abdomen", C, 1.5, 1.75);
  /* Severe acne scars on the cheek (2.22 mm to the subcutis, 50 MHz ultrasound): a 2.0 mm
   * clinic pen, the subcutis rule saying why not 2.5-3.0 mm. */
  expect_needle(ctx, "acne_scars_severe", "cheek", C, 2.0, 2.0);
  p = plan_at(ctx, "stretch_marks", site_named("buttock"), C, 2);
  assert_int_equal(mn_plan_protocol_get(p)->sessions[0], 4);
  assert_int_equal(mn_plan_protocol_get(p)->sessions[1], 6);
  assert_true(has_warning(p, "body site: 4-6 sessions"));
  mn_plan_destroy(&p);
  /* Breast: 1.5 mm at most (a site the table does not have yet). */
  mn_site breast = mk_site("breast", "trunk", 11, 60, 1.6, 0); /* thick enough for 1.5 mm */
  p = plan_at(ctx, "stretch_marks", &breast, C, 2);
  MN_EXPECT_NEAR(mn_plan_protocol_get(p)->needle_length_m[1], MM(1.5), 1e-12, 0);
  assert_true(has_limit(p, "breast"));
  check_rules(p, &breast);
  mn_plan_destroy(&p);
  /* Skin too thin for any needle step: refused naming the site, or (as the insertion model
   * has it, a 65 um skin dimples millimetres before a needle pierces it) no channel reaches
   * the subcutis. */
  mn_site thin = mk_site("thin_test_site", "face", 5, 10, 0.05, 0);
  mn_plan_request rq = mn_plan_request_default();
  rq.indication = "product_delivery";
  mn_status st = mni_plan_make_at(ctx, &rq, &thin, &p);
  if (st == MN_OK) {
    assert_true(mn_plan_protocol_get(p)->max_depth_reached_m < top_m(&thin));
    mn_plan_destroy(&p);
  } else {
    assert_int_equal(st, MN_E_CONFIG);
    assert_non_null(strstr(mn_ctx_errmsg(ctx), "thin_test_site"));
  }
  /* Face: the indication's own course. */
  p = plan_at(ctx, "acne_scars_moderate", site_named("temple"), C, 2);
  assert_int_equal(mn_plan_protocol_get(p)->sessions[0], 3);
  assert_int_equal(mn_plan_protocol_get(p)->sessions[1], 6);
  MN_EXPECT_NEAR(mn_plan_protocol_get(p)->interval_s[0], mn_weeks_to_s(4), 1e-12, 0);
  assert_int_equal(mn_plan_protocol_get(p)->passes[0], 3); /* pen to pinpoint bleeding */
  assert_false(mn_plan_protocol_get(p)->is_extrapolated);
  mn_plan_destroy(&p);
  /* Home roller passes to pinpoint bleeding: 15-20 (about 250 holes/cm2). */
  p = plan_at(ctx, "acne_scars_moderate", site_named("temple"), H, 2);
  assert_int_equal(mn_plan_protocol_get(p)->passes[0], 15);
  assert_int_equal(mn_plan_protocol_get(p)->passes[1], 20);
  assert_int_equal(mn_plan_protocol_get(p)->pressure, MN_PRESSURE_FIRM);
  mn_plan_destroy(&p);
  /* Melasma on the thigh is outside the evidence: said so. */
  p = plan_at(ctx, "melasma", site_named("thigh"), C, 2);
  assert_true(mn_plan_protocol_get(p)->is_extrapolated);
  assert_true(has_warning(p, "extrapolated"));
  mn_plan_destroy(&p);
  /* Product delivery in a clinic: never sooner than 14 days. */
  p = plan_at(ctx, "product_delivery", site_named("cheek"), C, 2);
  MN_EXPECT_NEAR(mn_plan_protocol_get(p)->interval_s[0], mn_days_to_s(14), 1e-12, 0);
  assert_true(has_warning(p, "sterile"));
  mn_plan_destroy(&p);
  mn_ctx_destroy(&ctx);
}

/* Every site a limit names is in the site table (except breast, which it does not have). */
static void test_limit_sites_exist(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mni_plan_catalog *cat;
  assert_int_equal(mni_plan_catalog_get(ctx, &cat), MN_OK);
  for (size_t i = 0; i < cat->n_limits; i++)
    for (size_t j = 0; j < cat->limits[i].n_sites; j++) {
      const mn_site *s;
      if (strcmp(cat->limits[i].sites[j], "breast") != 0 &&
          mn_site_find(ctx, cat->limits[i].sites[j], &s) != MN_OK)
        fail_msg("limit %s: %s", cat->limits[i].name, mn_ctx_errmsg(ctx));
    }
  mn_ctx_destroy(&ctx);
}

static void test_dark_skin(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  for (int fitz = 1; fitz <= 6; fitz++) {
    mn_plan *p =
        plan_at(ctx, "acne_scars_moderate", site_named("upper_back"), MN_SETTING_CLINIC, fitz);
    const mn_plan_protocol *pr = mn_plan_protocol_get(p);
    if (fitz >= 4) {
      /* Moderate 1.5-2.0 mm (its top is deep) starts one class lower: 1.0-1.5 mm. */
      MN_EXPECT_NEAR(pr->first_session_needle_length_m[0], MM(1.0), 1e-12, 0);
      MN_EXPECT_NEAR(pr->first_session_needle_length_m[1], MM(1.5), 1e-12, 0);
      assert_true(has_warning(p, "SPF 50"));
      assert_int_equal(mn_plan_n_contraindications(p), 1);
      assert_false(mn_plan_contraindication(p, 0)->blocks);
      assert_false(mn_plan_is_blocked(p));
    } else {
      MN_EXPECT_NEAR(pr->first_session_needle_length_m[1], pr->needle_length_m[1], 1e-12, 0);
      assert_false(has_warning(p, "SPF 50"));
      assert_int_equal(mn_plan_n_contraindications(p), 0);
    }
    mn_plan_destroy(&p);
  }
  /* 1.0-1.5 mm (moderate) starts at 0.5 mm (light). */
  mn_plan *p = plan_at(ctx, "melasma", site_named("temple"), MN_SETTING_CLINIC, 5);
  MN_EXPECT_NEAR(mn_plan_protocol_get(p)->first_session_needle_length_m[0], MM(0.5), 1e-12, 0);
  MN_EXPECT_NEAR(mn_plan_protocol_get(p)->first_session_needle_length_m[1], MM(0.5), 1e-12, 0);
  mn_plan_destroy(&p);
  mn_ctx_destroy(&ctx);
}

static void test_json_and_scenario(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_plan_request rq = mn_plan_request_default();
  rq.indication = "acne_scars_moderate";
  rq.setting = MN_SETTING_CLINIC;
  rq.fitzpatrick = 5;
  rq.conditions[0] = "isotretinoin";
  rq.conditions[1] = "pregnancy";
  rq.n_conditions = 2;
  mn_plan *p = NULL;
  assert_int_equal(mni_plan_make_at(ctx, &rq, site_named("upper_back"), &p), MN_OK);
  char *json = NULL;
  assert_int_equal(mn_plan_json(ctx, p, &json), MN_OK);
  cJSON *root = cJSON_Parse(json);
  assert_non_null(root);
  cJSON *pr = cJSON_GetObjectItem(root, "protocol");
  static const char *const pairs[] = {"needle_length_mm", "passes", "sessions", "interval_weeks"};
  for (size_t i = 0; i < 4; i++) {
    cJSON *a = cJSON_GetObjectItem(pr, pairs[i]);
    assert_true(cJSON_IsArray(a) && cJSON_GetArraySize(a) == 2);
    assert_true(cJSON_GetArrayItem(a, 0)->valuedouble <= cJSON_GetArrayItem(a, 1)->valuedouble);
  }
  MN_EXPECT_NEAR(cJSON_GetArrayItem(cJSON_GetObjectItem(pr, "needle_length_mm"), 1)->valuedouble,
                 2.0, 1e-12, 0);
  MN_EXPECT_NEAR(cJSON_GetArrayItem(cJSON_GetObjectItem(pr, "interval_weeks"), 0)->valuedouble, 4.0,
                 1e-12, 0);
  assert_true(cJSON_IsTrue(cJSON_GetObjectItem(root, "blocked")));
  cJSON *ci = cJSON_GetObjectItem(root, "contraindications");
  assert_int_equal(cJSON_GetArraySize(ci), 3); /* isotretinoin, pregnancy, dark skin */
  int n_blocking = 0;
  cJSON *c;
  cJSON_ArrayForEach(c, ci)
  {
    assert_true(cJSON_IsString(cJSON_GetObjectItem(c, "name")));
    assert_true(cJSON_IsString(cJSON_GetObjectItem(c, "reason")));
    n_blocking += cJSON_IsTrue(cJSON_GetObjectItem(c, "blocks"));
  }
  assert_int_equal(n_blocking, 1);
  assert_true(cJSON_GetArraySize(cJSON_GetObjectItem(root, "warnings")) >= 2);
  assert_true(cJSON_GetArraySize(cJSON_GetObjectItem(root, "evidence")) >= 3);
  assert_true(cJSON_IsString(cJSON_GetObjectItem(
      cJSON_GetArrayItem(cJSON_GetObjectItem(root, "evidence"), 0), "citation")));
  cJSON_Delete(root);
  mn_string_free(ctx, json);

  /* The scenario: middle of each range. */
  mn_scenario s;
  assert_int_equal(mn_plan_to_scenario(ctx, p, &s), MN_OK);
  assert_string_equal(s.skin.site, "upper_back");
  assert_int_equal(s.skin.fitzpatrick, 5);
  assert_int_equal(s.device.type, MN_DEVICE_PEN);
  MN_EXPECT_NEAR(s.device.needle_length_m, MM(1.75), 1e-12, 0);
  assert_int_equal(s.treatment.passes, 4); /* pen 3-4, half up */
  assert_int_equal(s.treatment.pressure, MN_PRESSURE_FIRM);
  assert_int_equal(s.course.sessions, 5); /* body: 4-6 */
  MN_EXPECT_NEAR(s.course.interval_s, mn_weeks_to_s(4.0), 1e-12, 0);
  mn_plan_destroy(&p);
  mn_ctx_destroy(&ctx);
}

/* Out of memory at every allocation in turn: MN_E_NOMEM until it succeeds, nothing leaked. */
static void test_out_of_memory(void **state)
{
  (void)state;
  mn_site site = mk_site("test_site", "trunk", 15, 70, 1.8, 0);
  for (int k = 1; k < 200; k++) {
    mn_test_alloc fa = {.allocs_left = k};
    mn_ctx *ctx = NULL;
    if (mn_ctx_create(mn_test_fail_alloc, &fa, &ctx) != MN_OK) continue;
    mn_plan_request rq = mn_plan_request_default();
    rq.indication = "stretch_marks";
    rq.conditions[0] = "eczema";
    rq.n_conditions = 1;
    mn_plan *p = NULL;
    mn_status st = mni_plan_make_at(ctx, &rq, &site, &p);
    char *json = NULL;
    if (st == MN_OK) st = mn_plan_json(ctx, p, &json);
    mn_string_free(ctx, json);
    mn_plan_destroy(&p);
    mn_ctx_destroy(&ctx);
    assert_int_equal(fa.live_bytes, 0);
    if (st == MN_OK) return;
    assert_int_equal(st, MN_E_NOMEM);
  }
  fail_msg("never succeeded");
}

/* Every plan's scenario, written as YAML, loads back to the same scenario and validates; bad
 * paths fail cleanly and leave no file. */
static void test_write_scenario(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const char *tmp = getenv("TMPDIR");
  char dir[512], path[600];
  snprintf(dir, sizeof dir, "%s/mnsim_plan_XXXXXX", tmp != NULL ? tmp : "/tmp");
  assert_non_null(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/plan.yaml", dir);
  const mn_indication *ind;
  const mn_site *sites;
  size_t n, n_sites;
  assert_int_equal(mn_indications_list(ctx, &ind, &n), MN_OK);
  assert_int_equal(mn_sites_list(ctx, &sites, &n_sites), MN_OK);
  for (size_t i = 0; i < n; i++)
    for (int s = 0; s < 2; s++)
      for (size_t k = 0; k < n_sites; k++) {
        mn_plan *p = plan_at(ctx, ind[i].name, &sites[k], (mn_setting)s, 1 + (int)(k % 6));
        mn_scenario want, got;
        char *yaml_want = NULL, *yaml_got = NULL;
        assert_int_equal(mn_plan_to_scenario(ctx, p, &want), MN_OK);
        if (mn_plan_write_scenario(ctx, p, path) != MN_OK ||
            mn_scenario_load_file(ctx, path, &got) != MN_OK ||
            mn_scenario_validate(ctx, &got) != MN_OK)
          fail_msg("%s at %s: %s", ind[i].name, sites[k].name, mn_ctx_errmsg(ctx));
        assert_int_equal(mn_scenario_to_yaml(ctx, &want, &yaml_want), MN_OK);
        assert_int_equal(mn_scenario_to_yaml(ctx, &got, &yaml_got), MN_OK);
        assert_string_equal(yaml_got, yaml_want);
        mn_string_free(ctx, yaml_want);
        mn_string_free(ctx, yaml_got);
        mn_plan_destroy(&p);
      }
  assert_int_equal(remove(path), 0);

  mn_plan *p = plan_at(ctx, "fine_lines", site_named("temple"), MN_SETTING_HOME, 2);
  assert_int_equal(mn_plan_write_scenario(ctx, p, ""), MN_E_ARG);
  snprintf(path, sizeof path, "%s/", dir);
  assert_int_equal(mn_plan_write_scenario(ctx, p, path), MN_E_ARG);
  snprintf(path, sizeof path, "%s/missing/plan.yaml", dir);
  assert_int_equal(mn_plan_write_scenario(ctx, p, path), MN_E_IO);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "missing/plan.yaml"));
  mn_plan_destroy(&p);
  assert_int_equal(rmdir(dir), 0); /* empty: no temporary left behind */
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_catalogue),     cmocka_unit_test(test_conditions),
      cmocka_unit_test(test_bad_requests),  cmocka_unit_test(test_rules_every_combination),
      cmocka_unit_test(test_issue_rules),   cmocka_unit_test(test_limit_sites_exist),
      cmocka_unit_test(test_dark_skin),     cmocka_unit_test(test_json_and_scenario),
      cmocka_unit_test(test_out_of_memory), cmocka_unit_test(test_write_scenario),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
