/* Ionisation (transport/ionisation.c): the Henderson-Hasselbalch un-ionised fraction of acids and
 * bases, the zwitterion fraction, and the catalogue's ionisation of its compounds. */
#include <math.h>
#include <string.h>

#include "mn_test.h"
#include "transport/transport_int.h"

static void test_half_at_pka_and_limits(void **state)
{
  (void)state;
  for (double pka = -1; pka <= 14; pka += 0.5) {
    MN_EXPECT_NEAR(mni_unionised_fraction(MN_ION_ACID, pka, pka), 0.5, 0, 1e-15);
    MN_EXPECT_NEAR(mni_unionised_fraction(MN_ION_BASE, pka, pka), 0.5, 0, 1e-15);
  }
  /* An acid is un-ionised far below its pKa, ionised far above; a base the other way round. */
  MN_EXPECT_NEAR(mni_unionised_fraction(MN_ION_ACID, 4.2, -10), 1.0, 0, 1e-14);
  MN_EXPECT_NEAR(mni_unionised_fraction(MN_ION_ACID, 4.2, 18), 0.0, 0, 1e-13);
  MN_EXPECT_NEAR(mni_unionised_fraction(MN_ION_BASE, 10.1, 24), 1.0, 0, 1e-13);
  MN_EXPECT_NEAR(mni_unionised_fraction(MN_ION_BASE, 10.1, 0), 0.0, 0, 1e-10);
  /* No overflow or NaN however far from the pKa. */
  assert_true(mni_unionised_fraction(MN_ION_ACID, 4.2, 400) == 0.0);
  assert_true(mni_unionised_fraction(MN_ION_BASE, 4.2, 400) == 1.0);
  /* One pH unit = a factor 10 in the ratio of the two forms: 1/11 and 10/11. */
  MN_EXPECT_NEAR(mni_unionised_fraction(MN_ION_ACID, 4.0, 5.0), 1.0 / 11.0, 0, 1e-15);
  MN_EXPECT_NEAR(mni_unionised_fraction(MN_ION_BASE, 4.0, 5.0), 10.0 / 11.0, 0, 1e-15);
  /* Neutral: 1 at every pH, whatever pKa is passed; acid or base without a pKa: NaN. */
  assert_true(mni_unionised_fraction(MN_ION_NEUTRAL, (double)NAN, 3.0) == 1.0);
  assert_true(mni_unionised_fraction(MN_ION_NEUTRAL, 4.0, 9.0) == 1.0);
  assert_true(isnan(mni_unionised_fraction(MN_ION_ACID, (double)NAN, 5.0)));
}

/* An acid at pKa + d is as un-ionised as a base at pKa - d; monotone in pH both ways. */
static void test_acid_base_symmetry(void **state)
{
  (void)state;
  const double pka = 7.0;
  double prev_acid = 2, prev_base = -1;
  for (double d = -6; d <= 6; d += 0.25) {
    double acid = mni_unionised_fraction(MN_ION_ACID, pka, pka + d);
    double base = mni_unionised_fraction(MN_ION_BASE, pka, pka - d);
    MN_EXPECT_NEAR(acid, base, 0, 1e-15);
    MN_EXPECT_NEAR(acid + mni_unionised_fraction(MN_ION_BASE, pka, pka + d), 1.0, 0, 1e-15);
    assert_true(acid < prev_acid); /* falls with pH */
    double b_up = mni_unionised_fraction(MN_ION_BASE, pka, pka + d);
    assert_true(b_up > prev_base); /* rises with pH */
    prev_acid = acid;
    prev_base = b_up;
  }
}

/* The catalogue's compounds at the SC's pH 5 and the body's 7.4 (values in data/compounds.yaml). */
static void test_catalogue_values(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mn_compound *c = NULL;
  struct {
    const char *name;
    double ph, f_u;
  } want[] = {
      {"benzoic_acid", 5.0, 1.0 / (1.0 + pow(10.0, 0.8))}, /* pKa 4.20: 13.7 % */
      {"benzoic_acid", 7.4, 6.3e-4},
      {"lidocaine", 7.4, 0.2575},   /* pKa 7.86 */
      {"amantadine", 7.4, 1.99e-3}, /* pKa 10.1 */
      {"niacinamide", 5.0, 0.978},  /* pKa 3.35 */
      {"caffeine", 5.0, 1.0},
      {"tranexamic_acid", 7.4, 1.0}, /* a zwitterion, listed neutral */
  };
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    assert_int_equal(mn_compound_find(ctx, want[i].name, &c), MN_OK);
    double f = mni_compound_unionised_fraction(c, want[i].ph);
    if (fabs(f / want[i].f_u - 1) > 2e-3)
      fail_msg("%s at pH %g: f_u %g, want %g", want[i].name, want[i].ph, f, want[i].f_u);
  }
  mn_ctx_destroy(&ctx);
}

/* Tranexamic acid (carboxyl pKa 4.3, ammonium 10.6): the zwitterion is 83 % of it at pH 5 and
 * 99.9 % at 7.4, which is why the catalogue lists it neutral with the zwitterion's log Kow. The
 * three species sum to 1 and the zwitterion peaks at the isoelectric point (pKa1 + pKa2) / 2. */
static void test_zwitterion(void **state)
{
  (void)state;
  const double pk1 = 4.3, pk2 = 10.6;
  MN_EXPECT_NEAR(mni_zwitterion_fraction(pk1, pk2, 5.0), 0.83367, 0, 1e-5);
  MN_EXPECT_NEAR(mni_zwitterion_fraction(pk1, pk2, 7.4), 0.99858, 0, 1e-5);
  double pi = 0.5 * (pk1 + pk2), at_pi = mni_zwitterion_fraction(pk1, pk2, pi);
  assert_true(at_pi > mni_zwitterion_fraction(pk1, pk2, pi - 0.1));
  assert_true(at_pi > mni_zwitterion_fraction(pk1, pk2, pi + 0.1));
  for (double ph = 0; ph <= 14; ph += 0.5) {
    double cation = 1.0 / (1.0 + pow(10.0, ph - pk1) + pow(10.0, 2 * ph - pk1 - pk2));
    double anion = 1.0 / (1.0 + pow(10.0, pk2 - ph) + pow(10.0, pk1 + pk2 - 2 * ph));
    MN_EXPECT_NEAR(cation + mni_zwitterion_fraction(pk1, pk2, ph) + anion, 1.0, 0, 1e-12);
  }
  /* Far from both pKas: mostly the cation below, the anion above. */
  assert_true(mni_zwitterion_fraction(pk1, pk2, 1.0) < 1e-3);
  assert_true(mni_zwitterion_fraction(pk1, pk2, 14.0) < 1e-3);
}

static void test_names(void **state)
{
  (void)state;
  assert_string_equal(mn_ion_type_name(MN_ION_NEUTRAL), "neutral");
  assert_string_equal(mn_ion_type_name(MN_ION_ACID), "acid");
  assert_string_equal(mn_ion_type_name(MN_ION_BASE), "base");
  assert_string_equal(mn_ion_type_name((mn_ion_type)7), "?");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_half_at_pka_and_limits),
      cmocka_unit_test(test_acid_base_symmetry),
      cmocka_unit_test(test_catalogue_values),
      cmocka_unit_test(test_zwitterion),
      cmocka_unit_test(test_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
