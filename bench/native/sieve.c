// Sieve of Eratosthenes: the same work as sieve.clef.
#include <stdio.h>
#include <stdint.h>

static uint8_t flags[2000001];

static int64_t sieve(int64_t n) {
    for (int64_t i = 0; i <= n; i++) flags[i] = 1;
    flags[0] = 0;
    flags[1] = 0;
    for (int64_t i = 2; i * i <= n; i++) {
        if (flags[i] != 0) {
            for (int64_t j = i * i; j <= n; j += i) flags[j] = 0;
        }
    }
    int64_t count = 0;
    for (int64_t k = 0; k <= n; k++)
        if (flags[k] != 0) count++;
    return count;
}

int main(int argc, char **argv) {
    (void)argv;
    int64_t n = 2000000 - (argc - 1);
    int64_t total = 0;
    for (int r = 1; r <= 120; r++) total += sieve(n);
    printf("sieve %lld\n", (long long)total);
    return 0;
}
