// Integer matrix product: the same work as matmul.clef.
#include <stdio.h>
#include <stdint.h>

static int32_t a[25600], b[25600], c[25600];

static void fill(uint32_t seed) {
    uint32_t s = seed;
    for (int i = 0; i < 25600; i++) {
        s = s * 1664525u + 1013904223u;
        a[i] = (int32_t)(s >> 24) - 128;
        s = s * 1664525u + 1013904223u;
        b[i] = (int32_t)(s >> 24) - 128;
    }
}

static void multiply(int64_t n) {
    for (int64_t i = 0; i < n; i++) {
        for (int64_t j = 0; j < n; j++) c[i * n + j] = 0;
        for (int64_t k = 0; k < n; k++) {
            int32_t aik = a[i * n + k];
            /* int32 arithmetic wraps in Clef: unsigned here for the same bits */
            for (int64_t j = 0; j < n; j++) c[i * n + j] = (int32_t)((uint32_t)c[i * n + j] + (uint32_t)aik * (uint32_t)b[k * n + j]);
        }
    }
}

static int64_t checksum(int64_t n) {
    uint64_t s = 0;
    for (int64_t i = 0; i < n * n; i++) s = s * 31u + (uint64_t)(int64_t)c[i];
    return (int64_t)s;
}

int main(int argc, char **argv) {
    (void)argv;
    int64_t n = 160 - (argc - 1);
    fill(99u);
    int64_t total = 0;
    for (int r = 0; r <= 499; r++) {
        a[r] = a[r] + 1;
        multiply(n);
        total ^= checksum(n);
    }
    printf("matmul %lld\n", (long long)total);
    return 0;
}
