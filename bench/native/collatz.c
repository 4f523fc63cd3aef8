// Longest Collatz chain: the same work as collatz.clef.
#include <stdio.h>
#include <stdint.h>

static int64_t chain(uint64_t start) {
    uint64_t x = start;
    int64_t n = 1;
    while (x != 1) {
        if ((x & 1) == 0) x = x >> 1;
        else x = 3 * x + 1;
        n++;
    }
    return n;
}

int main(int argc, char **argv) {
    (void)argv;
    uint64_t limit = 3000000u - (uint64_t)(argc - 1);
    int64_t best = 0;
    uint64_t bestStart = 0;
    for (uint64_t s = 1; s < limit; s++) {
        int64_t n = chain(s);
        if (n > best) {
            best = n;
            bestStart = s;
        }
    }
    printf("collatz %llu %lld\n", (unsigned long long)bestStart, (long long)best);
    return 0;
}
