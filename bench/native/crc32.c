// Table-driven CRC-32: the same work as crc32.clef.
#include <stdio.h>
#include <stdint.h>

static uint32_t table[256];
static uint8_t data[4194304];

static void buildTable(void) {
    for (int n = 0; n <= 255; n++) {
        uint32_t c = (uint32_t)n;
        for (int bit = 0; bit <= 7; bit++) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
}

static void fill(uint32_t seed) {
    uint32_t s = seed;
    for (int64_t i = 0; i < (int64_t)sizeof data; i++) {
        s = s * 1664525u + 1013904223u;
        data[i] = (uint8_t)(s >> 24);
    }
}

static uint32_t crc(int64_t len) {
    uint32_t c = 0xFFFFFFFFu;
    for (int64_t i = 0; i < len; i++) c = table[(c ^ data[i]) & 0xFFu] ^ (c >> 8);
    return ~c;
}

int main(int argc, char **argv) {
    (void)argv;
    buildTable();
    fill((uint32_t)(12345 + (argc - 1)));
    uint32_t x = 0;
    for (int r = 0; r <= 39; r++) x ^= crc((int64_t)sizeof data - r * 1000);
    printf("crc32 %llu\n", (unsigned long long)x);
    return 0;
}
