/* How fast this machine faults in fresh memory, by size.
 *
 *   gcc -O2 -o /tmp/pagefault benches/pagefault.c
 *   for n in 6400000 64000000 640000000; do /tmp/pagefault $n; done
 *
 * mallocs N bytes and writes one byte per 4 KB page (each write faults a
 * fresh zeroed page in), and prints the time and the rate. Used to show
 * that page-fault cost per byte grows with the amount on this machine (see
 * the README's Pathological inputs section). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: pagefault BYTES\n");
        return 2;
    }
    size_t n = strtoull(argv[1], NULL, 10);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    volatile char *p = malloc(n);
    if (!p) return 1;
    for (size_t i = 0; i < n; i += 4096) p[i] = 1;
    clock_gettime(CLOCK_MONOTONIC, &b);
    double t = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
    printf("%zu MB: %.4f s, %.2f GB/s\n", n >> 20, t, n / t / 1e9);
    return 0;
}
