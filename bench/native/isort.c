// Insertion sort on a stack array: the same work as isort.clef.
#include <stdio.h>
#include <stdint.h>

static int64_t sortOnce(int32_t *p, int64_t n, uint32_t seed) {
    uint32_t s = seed;
    for (int64_t i = 0; i < n; i++) {
        s = s * 1664525u + 1013904223u;
        p[i] = (int32_t)(s >> 8) - 8388608;
    }
    for (int64_t i = 1; i < n; i++) {
        int32_t key = p[i];
        int64_t j = i - 1;
        while (j >= 0 && p[j] > key) {
            p[j + 1] = p[j];
            j--;
        }
        p[j + 1] = key;
    }
    int64_t sum = 0;
    for (int64_t i = 0; i < n; i++) sum += (int64_t)p[i] * (i + 1);
    return sum;
}

int main(int argc, char **argv) {
    (void)argv;
    int64_t n = 3000 - (argc - 1);
    int32_t p[3000];
    int64_t total = 0;
    for (int r = 1; r <= 600; r++) total ^= sortOnce(p, n, (uint32_t)r);
    printf("isort %lld\n", (long long)total);
    return 0;
}
