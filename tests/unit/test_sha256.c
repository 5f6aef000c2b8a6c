/* SHA-256 of the output manifest (src/core/sha256.c) against the FIPS 180-4 / NIST test vectors,
 * fed whole and in odd pieces (the block boundary is where a digest goes wrong). */
#include <string.h>

#include "mn_test.h"

#include "core/sha256_int.h"

static void digest(const char *msg, size_t n, size_t piece, char hex[65])
{
  mni_sha256 s;
  mni_sha256_init(&s);
  for (size_t i = 0; i < n; i += piece)
    mni_sha256_update(&s, msg + i, n - i < piece ? n - i : piece);
  mni_sha256_hex(&s, hex);
}

static void test_vectors(void **state)
{
  (void)state;
  static const struct {
    const char *msg, *want;
  } v[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqr"
       "lmnopqrsmnopqrstnopqrstu",
       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
  };
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
    for (size_t piece = 1; piece <= 65; piece += 7) {
      char hex[65];
      digest(v[i].msg, strlen(v[i].msg), piece, hex);
      assert_string_equal(hex, v[i].want);
    }
}

static void test_million_a(void **state)
{
  (void)state;
  static char a[1000];
  memset(a, 'a', sizeof a);
  mni_sha256 s;
  mni_sha256_init(&s);
  for (int i = 0; i < 1000; i++)
    mni_sha256_update(&s, a, sizeof a);
  char hex[65];
  mni_sha256_hex(&s, hex);
  assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Lengths either side of the padding boundary (55, 56, 63, 64 bytes) against digests that
 * sha256sum gives for as many 'x'. */
static void test_padding_boundary(void **state)
{
  (void)state;
  static const struct {
    size_t n;
    const char *want;
  } v[] = {
      {55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"},
      {56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"},
      {63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2"},
      {64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"},
  };
  char x[64];
  memset(x, 'x', sizeof x);
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
    char hex[65];
    digest(x, v[i].n, 64, hex);
    assert_string_equal(hex, v[i].want);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_vectors),
      cmocka_unit_test(test_million_a),
      cmocka_unit_test(test_padding_boundary),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
