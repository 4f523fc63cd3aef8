// Q15 FIR filter: the same work as fir.clef.
#include <stdio.h>
#include <stdint.h>

static const int16_t taps[32] = {12, -35, -71, -58, 43, 211, 349, 318, 23, -491, -965, -1039, -356, 1238, 3385, 5325,
                                 6384, 6161, 4726, 2620, 684, -534, -905, -692, -259, 92, 236, 208, 96, -2, -42, -37};
static int16_t signal_[1048576];
static int16_t output[1048576];

static void makeSignal(uint32_t seed) {
    uint32_t s = seed;
    int64_t phase = 0;
    for (int64_t i = 0; i < 1048576; i++) {
        s = s * 1103515245u + 12345u;
        phase = (phase + 1237) & 65535;
        int64_t tri = phase < 32768 ? phase - 16384 : 49151 - phase;
        int64_t noise = (int64_t)(s >> 20) - 2048;
        signal_[i] = (int16_t)(tri + noise);
    }
}

static int64_t fir(int64_t n) {
    int64_t check = 0;
    for (int64_t i = 31; i < n; i++) {
        int64_t acc = 0;
        for (int k = 0; k <= 31; k++) acc += (int64_t)signal_[i - k] * (int64_t)taps[k];
        int64_t y = (acc + 16384) >> 15;
        if (y > 32767) y = 32767;
        if (y < -32768) y = -32768;
        output[i] = (int16_t)y;
        check += y;
    }
    return check;
}

int main(int argc, char **argv) {
    (void)argv;
    makeSignal((uint32_t)(7 + (argc - 1)));
    uint64_t total = 0; /* wraps like Clef's int at run time */
    for (int r = 0; r <= 39; r++) total = total * 31u + (uint64_t)fir(1048576 - r);
    printf("fir %lld\n", (long long)total);
    return 0;
}
