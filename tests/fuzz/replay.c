/* Replays a fuzz corpus through LLVMFuzzerTestOneInput so that ordinary builds (gcc, ctest,
 * sanitizers) check every input the fuzzer ever kept (SQLite's fuzzcheck idea).
 * Usage: replay DIR_OR_FILE...  A crash or a sanitizer report fails the test. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    fprintf(stderr, "replay: cannot open %s\n", path);
    return 1;
  }
  size_t cap = 1 << 16, len = 0;
  unsigned char *buf = malloc(cap);
  size_t got;
  while (buf != NULL && (got = fread(buf + len, 1, cap - len, f)) > 0) {
    len += got;
    if (len == cap) {
      unsigned char *p = realloc(buf, cap *= 2);
      if (p == NULL) free(buf);
      buf = p;
    }
  }
  fclose(f);
  if (buf == NULL) {
    fprintf(stderr, "replay: out of memory reading %s\n", path);
    return 1;
  }
  LLVMFuzzerTestOneInput(buf, len);
  free(buf);
  return 0;
}

static int by_name(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
  int passed = 0, failed = 0;
  for (int i = 1; i < argc; i++) {
    struct stat sb;
    if (stat(argv[i], &sb) != 0) {
      fprintf(stderr, "replay: no such file or directory: %s\n", argv[i]);
      failed++;
      continue;
    }
    if (!S_ISDIR(sb.st_mode)) {
      replay_file(argv[i]) == 0 ? passed++ : failed++;
      continue;
    }
    DIR *d = opendir(argv[i]);
    if (d == NULL) {
      failed++;
      continue;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
      if (e->d_name[0] == '.') continue;
      char sub[4096];
      snprintf(sub, sizeof sub, "%s/%s", argv[i], e->d_name);
      if (stat(sub, &sb) == 0 && S_ISDIR(sb.st_mode)) continue; /* another target's corpus */
      char **p = realloc(names, (n + 1) * sizeof *names);
      if (p == NULL) break;
      names = p;
      size_t len = strlen(argv[i]) + strlen(e->d_name) + 2;
      names[n] = malloc(len);
      if (names[n] == NULL) break;
      snprintf(names[n], len, "%s/%s", argv[i], e->d_name);
      n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name); /* same order on every machine */
    for (size_t k = 0; k < n; k++) {
      replay_file(names[k]) == 0 ? passed++ : failed++;
      free(names[k]);
    }
    free(names);
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 && passed > 0 ? 0 : 1;
}
