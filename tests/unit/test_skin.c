/* Skin: the compiled-in site table (complete, cited, physically ordered, plausible), lookups,
 * the layer stack with overrides, depth -> layer, and sampling of virtual populations. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mn_test.h"
#include "skin/skin_int.h"

static const char *const required_sites[] = {
    "forehead", "temple", "periorbital", "cheek",      "nose",     "upper_lip",
    "chin",     "neck",   "chest",       "upper_back", "abdomen",  "upper_arm",
    "forearm",  "hand",   "buttock",     "thigh",      "lower_leg"};
#define N_REQUIRED (sizeof required_sites / sizeof required_sites[0])

static void test_layer_names(void **state)
{
  (void)state;
  assert_string_equal(mn_layer_name(MN_LAYER_STRATUM_CORNEUM), "stratum_corneum");
  assert_string_equal(mn_layer_name(MN_LAYER_VIABLE_EPIDERMIS), "viable_epidermis");
  assert_string_equal(mn_layer_name(MN_LAYER_DERMIS), "dermis");
  assert_string_equal(mn_layer_name(MN_LAYER_SUBCUTIS), "subcutis");
  assert_string_equal(mn_layer_name(MN_N_LAYERS), "unknown");
}

static void test_every_site_present_and_complete(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mn_site *sites = NULL;
  size_t n = 0;
  assert_int_equal(mn_sites_list(ctx, &sites, &n), MN_OK);
  assert_true(n >= N_REQUIRED);
  for (size_t i = 0; i < N_REQUIRED; i++) {
    const mn_site *s = NULL;
    assert_int_equal(mn_site_find(ctx, required_sites[i], &s), MN_OK);
    assert_string_equal(s->name, required_sites[i]);
  }
  for (size_t i = 0; i < n; i++) {
    const mn_site *s = &sites[i];
    assert_true(strlen(s->label) > 0);
    assert_true(strcmp(s->region, "face") == 0 || strcmp(s->region, "neck") == 0 ||
                strcmp(s->region, "trunk") == 0 || strcmp(s->region, "limb") == 0);
    for (int k = 0; k < MN_N_LAYERS; k++) {
      assert_true(isfinite(s->thickness_m[k]) && s->thickness_m[k] > 0.0);
      /* between-person spread: the reference gives 20-27 % (SC, VE) and 30-50 % (subcutis) */
      assert_true(s->cv[k] >= 0.1 && s->cv[k] <= 0.5);
      assert_non_null(s->source[k]);
      /* a citation names a year; derived values say so */
      assert_true(strlen(s->source[k]) > 20);
      assert_true(strstr(s->source[k], "measured:") == s->source[k] ||
                  strstr(s->source[k], "derived") == s->source[k]);
      assert_non_null(strpbrk(s->source[k], "0123456789"));
    }
  }
  /* the table is parsed once per context: a second list gives the same storage */
  const mn_site *again = NULL;
  size_t n_again = 0;
  assert_int_equal(mn_sites_list(ctx, &again, &n_again), MN_OK);
  assert_ptr_equal(again, sites);
  assert_int_equal(n_again, n);
  mn_ctx_destroy(&ctx);
}

static void test_sites_ordered_and_plausible(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mn_site *sites = NULL;
  size_t n = 0;
  assert_int_equal(mn_sites_list(ctx, &sites, &n), MN_OK);
  for (size_t i = 0; i < n; i++) {
    const double *h = sites[i].thickness_m;
    const double sc_um = mn_m_to_um(h[MN_LAYER_STRATUM_CORNEUM]);
    const double ve_um = mn_m_to_um(h[MN_LAYER_VIABLE_EPIDERMIS]);
    const double de_um = mn_m_to_um(h[MN_LAYER_DERMIS]);
    const double sub_mm = mn_m_to_mm(h[MN_LAYER_SUBCUTIS]);
    if (!(sc_um < ve_um && ve_um < de_um) || sc_um < 5 || sc_um > 50 || ve_um < 20 || ve_um > 200 ||
        de_um < 400 || de_um > 3000 || sub_mm < 0.3 || sub_mm > 30)
      fail_msg("site %s: SC %g µm, VE %g µm, dermis %g µm, subcutis %g mm out of order or range",
               sites[i].name, sc_um, ve_um, de_um, sub_mm);
  }
  mn_ctx_destroy(&ctx);
}

/* physics reference 1a: eyelid dermis is the thinnest of the face (Meng 2022, Chopra 2015);
 * the back is the thickest of the body (Lee & Hwang 2002, Laurent 2007). */
static void test_site_extremes(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mn_site *sites = NULL, *periorbital = NULL, *upper_back = NULL;
  size_t n = 0;
  assert_int_equal(mn_sites_list(ctx, &sites, &n), MN_OK);
  assert_int_equal(mn_site_find(ctx, "periorbital", &periorbital), MN_OK);
  assert_int_equal(mn_site_find(ctx, "upper_back", &upper_back), MN_OK);
  for (size_t i = 0; i < n; i++) {
    const mn_site *s = &sites[i];
    if (strcmp(s->region, "face") == 0 && s != periorbital)
      assert_true(periorbital->thickness_m[MN_LAYER_DERMIS] < s->thickness_m[MN_LAYER_DERMIS]);
    if (s != upper_back)
      assert_true(upper_back->thickness_m[MN_LAYER_DERMIS] > s->thickness_m[MN_LAYER_DERMIS]);
  }
  mn_ctx_destroy(&ctx);
}

/* clinical reference (b): "Cap depth at <=1.0 mm over bony prominences (forehead, zygoma,
 * mandible)". */
static void test_over_bone(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const char *bony[] = {"forehead", "zygoma", "chin"};
  const char *soft[] = {"cheek", "neck", "abdomen", "buttock", "thigh", "upper_arm"};
  const mn_site *s = NULL;
  for (size_t i = 0; i < sizeof bony / sizeof bony[0]; i++) {
    assert_int_equal(mn_site_find(ctx, bony[i], &s), MN_OK);
    assert_true(s->is_over_bone);
  }
  for (size_t i = 0; i < sizeof soft / sizeof soft[0]; i++) {
    assert_int_equal(mn_site_find(ctx, soft[i], &s), MN_OK);
    assert_false(s->is_over_bone);
  }
  mn_ctx_destroy(&ctx);
}

static void test_unknown_site_lists_names(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mn_site *s = (const mn_site *)0x1;
  assert_int_equal(mn_site_find(ctx, "elbow", &s), MN_E_NOTFOUND);
  assert_null(s);
  const char *msg = mn_ctx_errmsg(ctx);
  assert_non_null(strstr(msg, "'elbow'"));
  for (size_t i = 0; i < N_REQUIRED; i++)
    if (strstr(msg, required_sites[i]) == NULL)
      fail_msg("message '%s' does not list '%s'", msg, required_sites[i]);
  assert_int_equal(mn_site_find(ctx, "Cheek", &s), MN_E_NOTFOUND); /* names are exact */
  assert_int_equal(mn_site_find(ctx, NULL, &s), MN_E_ARG);
  assert_int_equal(mn_site_find(NULL, "cheek", &s), MN_E_ARG);

  mn_scenario_skin skin = mn_scenario_default().skin;
  strcpy(skin.site, "elbow");
  mn_layer_stack stack;
  assert_int_equal(mn_skin_build(ctx, &skin, &stack), MN_E_NOTFOUND);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "upper_back"));
  memset(skin.site, 'a', sizeof skin.site); /* not terminated */
  assert_int_equal(mn_skin_build(ctx, &skin, &stack), MN_E_CONFIG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "skin.site"));
  mn_ctx_destroy(&ctx);
}

static void test_build_site_values(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario_skin skin = mn_scenario_default().skin;
  strcpy(skin.site, "forehead");
  mn_layer_stack st;
  assert_int_equal(mn_skin_build(ctx, &skin, &st), MN_OK);
  assert_string_equal(st.site, "forehead");
  /* physics reference 1b/6: forehead SC 13 µm, VE 50 µm, dermis 1.0 mm, subcutis 2 mm */
  MN_EXPECT_NEAR(st.thickness_m[MN_LAYER_STRATUM_CORNEUM], 13e-6, 1e-12, 0);
  MN_EXPECT_NEAR(st.thickness_m[MN_LAYER_VIABLE_EPIDERMIS], 50e-6, 1e-12, 0);
  MN_EXPECT_NEAR(st.thickness_m[MN_LAYER_DERMIS], 1.0e-3, 1e-12, 0);
  MN_EXPECT_NEAR(st.thickness_m[MN_LAYER_SUBCUTIS], 2e-3, 1e-12, 0);
  MN_EXPECT_NEAR(st.top_m[MN_LAYER_STRATUM_CORNEUM], 0.0, 0, 0);
  MN_EXPECT_NEAR(st.top_m[MN_LAYER_VIABLE_EPIDERMIS], 13e-6, 1e-12, 0);
  MN_EXPECT_NEAR(st.top_m[MN_LAYER_DERMIS], 63e-6, 1e-12, 0);
  MN_EXPECT_NEAR(st.top_m[MN_LAYER_SUBCUTIS], 1063e-6, 1e-12, 0);
  for (int k = 0; k < MN_N_LAYERS; k++)
    assert_int_equal(st.is_overridden[k], 0);
  mn_ctx_destroy(&ctx);
}

static void test_build_overrides(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario_skin skin = mn_scenario_default().skin;
  strcpy(skin.site, "cheek");
  skin.viable_epidermis_m = 80e-6;
  skin.subcutis_m = 3e-3;
  mn_layer_stack st;
  assert_int_equal(mn_skin_build(ctx, &skin, &st), MN_OK);
  const mn_site *cheek = NULL;
  assert_int_equal(mn_site_find(ctx, "cheek", &cheek), MN_OK);
  assert_true(st.thickness_m[MN_LAYER_STRATUM_CORNEUM] == cheek->thickness_m[0]);
  assert_true(st.thickness_m[MN_LAYER_VIABLE_EPIDERMIS] == 80e-6);
  assert_true(st.thickness_m[MN_LAYER_DERMIS] == cheek->thickness_m[2]);
  assert_true(st.thickness_m[MN_LAYER_SUBCUTIS] == 3e-3);
  assert_int_equal(st.is_overridden[MN_LAYER_STRATUM_CORNEUM], 0);
  assert_int_equal(st.is_overridden[MN_LAYER_VIABLE_EPIDERMIS], 1);
  assert_int_equal(st.is_overridden[MN_LAYER_DERMIS], 0);
  assert_int_equal(st.is_overridden[MN_LAYER_SUBCUTIS], 1);
  /* the tops follow the overridden thicknesses */
  MN_EXPECT_NEAR(st.top_m[MN_LAYER_DERMIS], cheek->thickness_m[0] + 80e-6, 1e-12, 0);
  MN_EXPECT_NEAR(st.top_m[MN_LAYER_SUBCUTIS], cheek->thickness_m[0] + 80e-6 + cheek->thickness_m[2],
                 1e-12, 0);
  mn_ctx_destroy(&ctx);
}

static void test_build_rejects_bad_overrides(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const struct {
    int layer;
    double value_m;
    const char *key, *shown;
  } bad[] = {
      {MN_LAYER_STRATUM_CORNEUM, -5e-6, "skin.stratum_corneum_um", "-5 µm"},
      {MN_LAYER_VIABLE_EPIDERMIS, 0.0, "skin.viable_epidermis_um", "0 µm"},
      {MN_LAYER_DERMIS, INFINITY, "skin.dermis_um", "inf µm"},
      {MN_LAYER_SUBCUTIS, -2e-3, "skin.subcutis_mm", "-2 mm"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    mn_scenario_skin skin = mn_scenario_default().skin;
    double *field[MN_N_LAYERS] = {&skin.stratum_corneum_m, &skin.viable_epidermis_m, &skin.dermis_m,
                                  &skin.subcutis_m};
    *field[bad[i].layer] = bad[i].value_m;
    mn_layer_stack st;
    memset(&st, 0x5a, sizeof st);
    mn_layer_stack before = st;
    assert_int_equal(mn_skin_build(ctx, &skin, &st), MN_E_CONFIG);
    const char *msg = mn_ctx_errmsg(ctx);
    if (strstr(msg, bad[i].key) == NULL || strstr(msg, bad[i].shown) == NULL)
      fail_msg("message '%s' should name %s and %s", msg, bad[i].key, bad[i].shown);
    assert_memory_equal(&st, &before, sizeof st); /* output untouched on failure */
  }
  mn_layer_stack st;
  assert_int_equal(mn_skin_build(ctx, NULL, &st), MN_E_ARG);
  mn_scenario_skin skin = mn_scenario_default().skin;
  assert_int_equal(mn_skin_build(ctx, &skin, NULL), MN_E_ARG);
  assert_int_equal(mn_skin_build(NULL, &skin, &st), MN_E_ARG);
  mn_ctx_destroy(&ctx);
}

static void test_layer_at_depth(void **state)
{
  (void)state;
  mn_layer_stack st;
  memset(&st, 0, sizeof st);
  const double h[MN_N_LAYERS] = {10e-6, 50e-6, 1000e-6, 5e-3};
  double z = 0.0;
  for (int k = 0; k < MN_N_LAYERS; k++) {
    st.thickness_m[k] = h[k];
    st.top_m[k] = z;
    z += h[k];
  }
  assert_int_equal(mn_layer_at_depth(&st, 0.0), MN_LAYER_STRATUM_CORNEUM);
  assert_int_equal(mn_layer_at_depth(&st, 5e-6), MN_LAYER_STRATUM_CORNEUM);
  assert_int_equal(mn_layer_at_depth(&st, nextafter(10e-6, 0.0)), MN_LAYER_STRATUM_CORNEUM);
  /* a boundary belongs to the layer below */
  assert_int_equal(mn_layer_at_depth(&st, st.top_m[1]), MN_LAYER_VIABLE_EPIDERMIS);
  assert_int_equal(mn_layer_at_depth(&st, nextafter(st.top_m[2], 0.0)), MN_LAYER_VIABLE_EPIDERMIS);
  assert_int_equal(mn_layer_at_depth(&st, st.top_m[2]), MN_LAYER_DERMIS);
  assert_int_equal(mn_layer_at_depth(&st, 500e-6), MN_LAYER_DERMIS);
  assert_int_equal(mn_layer_at_depth(&st, nextafter(st.top_m[3], 0.0)), MN_LAYER_DERMIS);
  assert_int_equal(mn_layer_at_depth(&st, st.top_m[3]), MN_LAYER_SUBCUTIS);
  assert_int_equal(mn_layer_at_depth(&st, 1.0), MN_LAYER_SUBCUTIS); /* below the stack */
  assert_int_equal(mn_layer_at_depth(&st, -1e-6), MN_LAYER_STRATUM_CORNEUM);
  assert_int_equal(mn_layer_at_depth(&st, NAN), MN_LAYER_STRATUM_CORNEUM);
  assert_int_equal(mn_layer_at_depth(NULL, 1e-3), MN_LAYER_STRATUM_CORNEUM);
}

static void test_sample_reproducible(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mn_site *cheek = NULL;
  assert_int_equal(mn_site_find(ctx, "cheek", &cheek), MN_OK);
  mn_rng a, b;
  mn_rng_seed(&a, 42, 7);
  mn_rng_seed(&b, 42, 7);
  mn_layer_stack sa, sb;
  for (int i = 0; i < 100; i++) {
    assert_int_equal(mn_skin_sample(ctx, cheek, &a, &sa), MN_OK);
    assert_int_equal(mn_skin_sample(ctx, cheek, &b, &sb), MN_OK);
    assert_memory_equal(sa.thickness_m, sb.thickness_m, sizeof sa.thickness_m);
    assert_memory_equal(sa.top_m, sb.top_m, sizeof sa.top_m);
    assert_string_equal(sa.site, "cheek");
    for (int k = 0; k < MN_N_LAYERS; k++) {
      assert_true(sa.thickness_m[k] > 0.0);
      assert_int_equal(sa.is_overridden[k], 0);
    }
    MN_EXPECT_NEAR(sa.top_m[MN_LAYER_SUBCUTIS],
                   sa.thickness_m[0] + sa.thickness_m[1] + sa.thickness_m[2], 1e-15, 0);
  }
  /* another seed gives other people */
  mn_rng c;
  mn_rng_seed(&c, 43, 7);
  mn_layer_stack sc;
  assert_int_equal(mn_skin_sample(ctx, cheek, &c, &sc), MN_OK);
  assert_true(sc.thickness_m[MN_LAYER_DERMIS] != sa.thickness_m[MN_LAYER_DERMIS]);
  mn_ctx_destroy(&ctx);
}

/* Over many draws the sample mean and CV of each layer approach the site's (log-normal with
 * E = mean, SD/E = cv). 40000 draws: the standard error of the mean is cv/200, so 1.5 % on the
 * mean is > 7 standard errors for cv <= 0.2 and about 4 for the subcutis' 0.4. */
static void test_sample_moments(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mn_site *site = NULL;
  assert_int_equal(mn_site_find(ctx, "abdomen", &site), MN_OK);
  mn_rng rng;
  mn_rng_seed(&rng, 2024, 1);
  const int n = 40000;
  double sum[MN_N_LAYERS] = {0}, sum2[MN_N_LAYERS] = {0}, min_m[MN_N_LAYERS];
  for (int k = 0; k < MN_N_LAYERS; k++)
    min_m[k] = INFINITY;
  mn_layer_stack st;
  for (int i = 0; i < n; i++) {
    assert_int_equal(mn_skin_sample(ctx, site, &rng, &st), MN_OK);
    for (int k = 0; k < MN_N_LAYERS; k++) {
      const double x = st.thickness_m[k] / site->thickness_m[k]; /* scaled to mean 1 */
      sum[k] += x;
      sum2[k] += x * x;
      min_m[k] = fmin(min_m[k], st.thickness_m[k]);
    }
  }
  for (int k = 0; k < MN_N_LAYERS; k++) {
    const double mean = sum[k] / n;
    const double var = (sum2[k] - n * mean * mean) / (n - 1);
    MN_EXPECT_NEAR(mean, 1.0, 0.015, 0);
    MN_EXPECT_NEAR(sqrt(var) / mean, site->cv[k], 0.05, 0);
    assert_true(min_m[k] > 0.0);
  }
  mn_ctx_destroy(&ctx);
}

static void test_sample_bad_input(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_rng rng;
  mn_rng_seed(&rng, 1, 0);
  mn_layer_stack st;
  const mn_site *cheek = NULL;
  assert_int_equal(mn_site_find(ctx, "cheek", &cheek), MN_OK);
  mn_site s = *cheek;
  s.cv[MN_LAYER_DERMIS] = -0.1;
  assert_int_equal(mn_skin_sample(ctx, &s, &rng, &st), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "dermis cv = -0.1"));
  s = *cheek;
  s.thickness_m[MN_LAYER_SUBCUTIS] = 0.0;
  assert_int_equal(mn_skin_sample(ctx, &s, &rng, &st), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "subcutis"));
  assert_int_equal(mn_skin_sample(ctx, NULL, &rng, &st), MN_E_ARG);
  assert_int_equal(mn_skin_sample(ctx, cheek, NULL, &st), MN_E_ARG);
  assert_int_equal(mn_skin_sample(ctx, cheek, &rng, NULL), MN_E_ARG);
  /* cv = 0: everyone is the mean */
  s = *cheek;
  for (int k = 0; k < MN_N_LAYERS; k++)
    s.cv[k] = 0.0;
  assert_int_equal(mn_skin_sample(ctx, &s, &rng, &st), MN_OK);
  for (int k = 0; k < MN_N_LAYERS; k++)
    MN_EXPECT_NEAR(st.thickness_m[k], s.thickness_m[k], 1e-14, 0);
  mn_ctx_destroy(&ctx);
}

/* ---- malformed tables: every check of the parser ------------------------------------------- */

static const char good_site[] =
    "sites:\n"
    "  - name: test_site\n"
    "    label: test site\n"
    "    region: face\n"
    "    over_bone: false\n"
    "    over_bone_source: why\n"
    "    stratum_corneum_um: {mean: 15, cv: 0.2, source: s, cv_source: c}\n"
    "    viable_epidermis_um: {mean: 50, cv: 0.2, source: s, cv_source: c}\n"
    "    dermis_um: {mean: 1000, cv: 0.2, source: s, cv_source: c}\n"
    "    subcutis_mm: {mean: 5, cv: 0.4, source: s, cv_source: c}\n";

/* good_site with the first occurrence of `from` replaced by `to`. */
static void check_bad(mn_ctx *ctx, const char *from, const char *to, const char *expect_in_msg)
{
  char text[2048];
  const char *at = strstr(good_site, from);
  assert_non_null(at);
  int n = snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good_site), good_site, to,
                   at + strlen(from));
  assert_true(n > 0 && (size_t)n < sizeof text);
  assert_int_equal(mni_sites_check_text(ctx, text, strlen(text), NULL), MN_E_CONFIG);
  if (strstr(mn_ctx_errmsg(ctx), expect_in_msg) == NULL)
    fail_msg("replacing '%s' by '%s': message '%s' lacks '%s'", from, to, mn_ctx_errmsg(ctx),
             expect_in_msg);
}

static void test_malformed_tables(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  size_t n = 0;
  assert_int_equal(mni_sites_check_text(ctx, good_site, strlen(good_site), &n), MN_OK);
  assert_int_equal(n, 1);
  check_bad(ctx, "name: test_site", "name: Test Site", "lowercase");
  check_bad(ctx, "region: face", "region: arm", "region = 'arm'");
  check_bad(ctx, "over_bone: false", "over_bone: maybe", "true or false");
  check_bad(ctx, "    over_bone_source: why\n", "", "over_bone_source");
  check_bad(ctx, "mean: 15", "mean: -15", "stratum_corneum_um.mean = -15");
  check_bad(ctx, "mean: 1000", "mean: thick", "dermis_um.mean");
  check_bad(ctx, "cv: 0.4", "cv: -0.4", "subcutis_mm.cv = -0.4");
  check_bad(ctx, "source: s, cv_source: c}\n    dermis", "source: '', cv_source: c}\n    dermis",
            "must not be empty");
  check_bad(ctx, "    dermis_um:", "    dermis_thickness:", "missing mapping 'dermis_um'");
  check_bad(ctx, "sites:", "places:", "'sites'");
  check_bad(ctx, "label: test site\n", "label: [a\n", "not valid YAML");
  /* a name listed twice */
  char twice[2048];
  snprintf(twice, sizeof twice, "%s%s", good_site, strstr(good_site, "  - name"));
  assert_int_equal(mni_sites_check_text(ctx, twice, strlen(twice), NULL), MN_E_CONFIG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "listed twice"));
  mn_ctx_destroy(&ctx);
}

/* ---- out of memory: the k-th allocation fails ---------------------------------------------- */

static void test_out_of_memory(void **state)
{
  (void)state;
  int k = 1;
  for (;; k++) {
    mn_test_alloc fa = {.allocs_left = k};
    mn_ctx *ctx = NULL;
    if (mn_ctx_create(mn_test_fail_alloc, &fa, &ctx) != MN_OK) continue;
    const mn_site *sites = NULL;
    size_t n = 0;
    mn_status st = mn_sites_list(ctx, &sites, &n);
    mn_ctx_destroy(&ctx);
    assert_int_equal(fa.live_bytes, 0);
    if (st == MN_OK) {
      assert_true(n >= N_REQUIRED);
      break;
    }
    assert_int_equal(st, MN_E_NOMEM);
    assert_true(k < 100);
  }
  assert_true(k > 1); /* the table itself allocates */
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_layer_names),
      cmocka_unit_test(test_every_site_present_and_complete),
      cmocka_unit_test(test_sites_ordered_and_plausible),
      cmocka_unit_test(test_site_extremes),
      cmocka_unit_test(test_over_bone),
      cmocka_unit_test(test_unknown_site_lists_names),
      cmocka_unit_test(test_build_site_values),
      cmocka_unit_test(test_build_overrides),
      cmocka_unit_test(test_build_rejects_bad_overrides),
      cmocka_unit_test(test_layer_at_depth),
      cmocka_unit_test(test_sample_reproducible),
      cmocka_unit_test(test_sample_moments),
      cmocka_unit_test(test_sample_bad_input),
      cmocka_unit_test(test_malformed_tables),
      cmocka_unit_test(test_out_of_memory),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
