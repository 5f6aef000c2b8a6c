/* LeakSanitizer (sanitizer builds only): fontconfig, under PLplot's cairo driver that draws the
 * figures of `mnsim run -o`, keeps its caches for the life of the process; glibc's setlocale
 * keeps the list of directories it built from LOCPATH (tests/cli/test_locale.sh sets LOCPATH
 * when the de_DE locale is not installed; the frames below __argz_add_sep do not unwind). Those
 * blocks are not leaks of ours; without this, every run with figures would fail the sanitizer
 * build. The function is a hook LeakSanitizer looks up; other builds never call it. */
__attribute__((visibility("default"))) const char *__lsan_default_suppressions(void);
__attribute__((visibility("default"))) const char *__lsan_default_suppressions(void)
{
  return "leak:libfontconfig.so\nleak:__argz_add_sep\n";
}
