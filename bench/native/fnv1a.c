// 64-bit FNV-1a: the same work as fnv1a.clef.
#include <stdio.h>
#include <stdint.h>

static uint8_t data[1048576];

static uint64_t fnv(int64_t len) {
    uint64_t h = 14695981039346656037ull;
    for (int64_t i = 0; i < len; i++) h = (h ^ data[i]) * 1099511628211ull;
    return h;
}

int main(int argc, char **argv) {
    (void)argv;
    uint32_t s = (uint32_t)(1 + (argc - 1));
    for (int64_t i = 0; i < (int64_t)sizeof data; i++) {
        s = s * 1664525u + 1013904223u;
        data[i] = (uint8_t)(s >> 24);
    }
    uint64_t x = 0;
    for (int r = 0; r <= 299; r++) {
        data[r] = (uint8_t)(data[r] + 1);
        x ^= fnv((int64_t)sizeof data);
    }
    printf("fnv1a %llu\n", (unsigned long long)x);
    return 0;
}
