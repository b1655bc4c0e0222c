/*
 * Native baseline for compute.c: the same kernels compiled for the host CPU, timed the same way
 * (warm-up, then the median of N runs). Not part of the wasm comparison; it shows how far both
 * wasm engines are from native code and cross-checks the checksums a third way.
 *
 *   clang -O2 -Wno-unknown-attributes -o /tmp/compute-native native_main.c compute.c -lm && /tmp/compute-native
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

unsigned fnv1a(int), sha256(int), mandelbrot(int), fib(int), qsort_bench(int);
int nbody(int), matmul(int);

static const struct {
    const char *name;
    unsigned (*run)(int);
    int arg; /* keep in sync with compute.json */
} kernels[] = {
    {"fnv1a", fnv1a, 64},
    {"sha256", sha256, 16},
    {"nbody", (unsigned (*)(int))nbody, 1000000},
    {"matmul", (unsigned (*)(int))matmul, 80},
    {"mandelbrot", mandelbrot, 600},
    {"fib", fib, 37},
    {"qsort", qsort_bench, 250000},
};

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int compare_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    int runs = argc > 1 ? atoi(argv[1]) : 10;
    if (runs < 1 || runs > 1000) runs = 10;
    double times[1000];
    for (size_t k = 0; k < sizeof kernels / sizeof kernels[0]; k++) {
        unsigned checksum = kernels[k].run(kernels[k].arg);
        kernels[k].run(kernels[k].arg);
        kernels[k].run(kernels[k].arg);
        for (int i = 0; i < runs; i++) {
            double start = now_ms();
            unsigned result = kernels[k].run(kernels[k].arg);
            times[i] = now_ms() - start;
            if (result != checksum) {
                fprintf(stderr, "%s: checksum changed\n", kernels[k].name);
                return 1;
            }
        }
        qsort(times, runs, sizeof times[0], compare_double);
        double median = runs % 2 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
        printf("{\"engine\":\"native\",\"kernel\":\"%s\",\"arg\":%d,\"median_ms\":%.3f,\"checksum\":%u}\n",
               kernels[k].name, kernels[k].arg, median, checksum);
    }
    return 0;
}
