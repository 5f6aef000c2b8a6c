/* The machine line and the clocks shared by the benchmarks (machine.h). */
#define _POSIX_C_SOURCE 200809L
#include "machine.h"

#include <omp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mnsim/mnsim.h"

static void cpu_model(char *model, size_t size)
{
  snprintf(model, size, "unknown");
  FILE *f = fopen("/proc/cpuinfo", "r");
  if (f == NULL) return;
  char line[512];
  while (fgets(line, sizeof line, f) != NULL)
    if (strncmp(line, "model name", 10) == 0) {
      const char *c = strchr(line, ':');
      if (c != NULL) {
        snprintf(model, size, "%s", c + 2);
        model[strcspn(model, "\n")] = '\0';
      }
      break;
    }
  fclose(f);
}

void bench_print_machine(void)
{
  char model[256];
  cpu_model(model, sizeof model);
  long mem_kb = 0;
  FILE *f = fopen("/proc/meminfo", "r");
  if (f != NULL) {
    if (fscanf(f, "MemTotal: %ld kB", &mem_kb) != 1) mem_kb = 0;
    fclose(f);
  }
  double load = -1.0;
  f = fopen("/proc/loadavg", "r");
  if (f != NULL) {
    if (fscanf(f, "%lf", &load) != 1) load = -1.0;
    fclose(f);
  }
  printf("machine: %s, %ld cores online, %d OpenMP threads, %.1f GiB memory, load average "
         "%.2f, mnsim %s\n",
         model, sysconf(_SC_NPROCESSORS_ONLN), omp_get_max_threads(),
         (double)mem_kb / 1048576.0, load, mn_version());
}

double bench_clock_s(clockid_t id)
{
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

double bench_now_s(void) { return bench_clock_s(CLOCK_MONOTONIC); }
