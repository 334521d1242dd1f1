/* How fast this machine faults in fresh memory, by size.
 *
 *   gcc -O2 -o /tmp/pagefault benches/pagefault.c
 *   for n in 450000000 4500000000; do for i in 1 2 3; do /tmp/pagefault $n; done; done
 *   for n in 450000000 4500000000; do for i in 1 2 3; do /tmp/pagefault $n huge; done; done
 *
 * Maps N bytes and writes one byte per 4 KB page (each write faults a fresh
 * zeroed page in), and prints the time and the rate. With a second argument
 * `huge`, the mapping is advised MADV_HUGEPAGE first, so that it is faulted
 * in 2 MB at a time. Nothing else runs: the program's work is exactly
 * linear in N, so any growth of the time per byte with N is the machine's.
 * Used in the README's Pathological inputs section to show that touching
 * 10x the memory costs about 20x the time on this VM. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: pagefault BYTES [huge]\n");
        return 2;
    }
    size_t n = strtoull(argv[1], NULL, 10);
    int huge = argc > 2 && strcmp(argv[2], "huge") == 0;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    char *m = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return 1;
    if (huge) madvise(m, n, MADV_HUGEPAGE);
    volatile char *p = m;
    for (size_t i = 0; i < n; i += 4096) p[i] = 1;
    clock_gettime(CLOCK_MONOTONIC, &b);
    double t = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
    printf("%zu MB%s: %.4f s, %.2f GB/s\n", n >> 20, huge ? " (huge pages)" : "", t, n / t / 1e9);
    return 0;
}
