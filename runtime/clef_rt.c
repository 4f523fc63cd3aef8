// The Clef runtime library for native binaries: console I/O, Format.*, string comparison,
// the command line, region bookkeeping, zeroing fresh memory, traps, and the C `main` that calls the program.
//
// Calling convention: the MLIR code declares these as `func.func private @clef_*` and
// convert-func-to-llvm expands every `memref<?xi8>` argument into its descriptor, in this
// order: allocated pointer, aligned pointer, offset, size, stride. MEMREF(x) spells that
// expansion; the bytes of the string or buffer are x[x_off .. x_off + x_len).
// Integers cross the boundary as int64_t (never i1/i8: LLVM does not extend those the
// way a C callee expects), floats as double/float.
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MEMREF(x) uint8_t *x##_alloc, uint8_t *x, int64_t x##_off, int64_t x##_len, int64_t x##_stride
#define UNUSED_MEMREF(x) ((void)x##_alloc, (void)x##_stride)

// ---- Output: our own buffer, so a trap or a fatal signal can still flush it with write(2).

static char out_buf[1 << 16];
static size_t out_len;

static void write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return;
    }
    p += w;
    n -= (size_t)w;
  }
}

static void flush_out(void) {
  write_all(1, out_buf, out_len);
  out_len = 0;
}

static void out_bytes(const uint8_t *p, size_t n) {
  if (n > sizeof out_buf - out_len) {
    flush_out();
    if (n > sizeof out_buf) {
      write_all(1, (const char *)p, n);
      return;
    }
  }
  memcpy(out_buf + out_len, p, n);
  out_len += n;
}

void clef_write(MEMREF(s)) {
  UNUSED_MEMREF(s);
  out_bytes(s + s_off, (size_t)s_len);
}

void clef_writeln(MEMREF(s)) {
  UNUSED_MEMREF(s);
  out_bytes(s + s_off, (size_t)s_len);
  out_bytes((const uint8_t *)"\n", 1);
}

// ---- Input: Console.readln is two calls — the length of the next line (read and kept
// here), then a copy into a buffer of that length that the MLIR code allocated.

static char *line_buf;
static size_t line_cap;
static int64_t line_len;

/** Reads the next line without "\n" or "\r\n"; at end of input the line is "". */
int64_t clef_readln_len(void) {
  flush_out(); // a prompt written before reading must be visible
  ssize_t n = getline(&line_buf, &line_cap, stdin);
  if (n <= 0) {
    line_len = 0;
    return 0;
  }
  if (line_buf[n - 1] == '\n') n--;
  if (n > 0 && line_buf[n - 1] == '\r') n--;
  line_len = n;
  return n;
}

void clef_readln_copy(MEMREF(buf)) {
  UNUSED_MEMREF(buf);
  int64_t n = line_len < buf_len ? line_len : buf_len;
  if (n > 0) memcpy(buf + buf_off, line_buf, (size_t)n);
}

// ---- Format.*: each writes into a caller buffer (at least 32 bytes) and returns the length.

static int64_t put(MEMREF(buf), const char *text, size_t n) {
  UNUSED_MEMREF(buf);
  if ((int64_t)n > buf_len) n = (size_t)buf_len;
  memcpy(buf + buf_off, text, n);
  return (int64_t)n;
}

int64_t clef_fmt_i64(int64_t v, MEMREF(buf)) {
  char t[32];
  int n = snprintf(t, sizeof t, "%lld", (long long)v);
  return put(buf_alloc, buf, buf_off, buf_len, buf_stride, t, (size_t)n);
}

int64_t clef_fmt_u64(int64_t v, MEMREF(buf)) {
  char t[32];
  int n = snprintf(t, sizeof t, "%llu", (unsigned long long)(uint64_t)v);
  return put(buf_alloc, buf, buf_off, buf_len, buf_stride, t, (size_t)n);
}

/** UTF-8 of a code point; one that is not a Unicode scalar prints as U+FFFD. */
int64_t clef_fmt_char(int64_t c, MEMREF(buf)) {
  char t[4];
  size_t n;
  uint32_t u = (c < 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) ? 0xfffd : (uint32_t)c;
  if (u < 0x80) {
    t[0] = (char)u;
    n = 1;
  } else if (u < 0x800) {
    t[0] = (char)(0xc0 | (u >> 6));
    t[1] = (char)(0x80 | (u & 0x3f));
    n = 2;
  } else if (u < 0x10000) {
    t[0] = (char)(0xe0 | (u >> 12));
    t[1] = (char)(0x80 | ((u >> 6) & 0x3f));
    t[2] = (char)(0x80 | (u & 0x3f));
    n = 3;
  } else {
    t[0] = (char)(0xf0 | (u >> 18));
    t[1] = (char)(0x80 | ((u >> 12) & 0x3f));
    t[2] = (char)(0x80 | ((u >> 6) & 0x3f));
    t[3] = (char)(0x80 | (u & 0x3f));
    n = 4;
  }
  return put(buf_alloc, buf, buf_off, buf_len, buf_stride, t, n);
}

/** The p-digit neighbour (m + d) of the p-digit text t = "%.*e" of x, as "digits e exp"
 *  in t, when it reads back to x (1), else 0. */
static int neighbour_reads_back(double x, char *t, size_t size, int p, int d) {
  unsigned long long m = 0;
  const char *s = t;
  for (; *s && *s != 'e'; s++)
    if (*s != '.') m = m * 10 + (unsigned long long)(*s - '0');
  int e = atoi(s + 1);
  unsigned long long lo = 1, n = m + (unsigned long long)(long long)d;
  for (int i = 1; i < p; i++) lo *= 10;
  if (n < lo || n >= lo * 10) return 0; // another length: a shorter precision had it
  char r[40];
  snprintf(r, sizeof r, "%llue%d", n, e - (p - 1));
  if (strtod(r, NULL) != x) return 0;
  snprintf(t, size, "%llue%d", n, e);
  return 1;
}

/** The shortest decimal digits of a finite x > 0 that read back to x, and the exponent of
 *  the first digit: x ~ 0.d1d2...dk * 10^point. %.*e rounds correctly (glibc): the p-digit
 *  text closest to x. At a power of two the interval that reads back to x is narrower below
 *  x than above, so where the closest text lies below and outside it, its neighbour above
 *  may still read back: that one has p digits too and is what ECMAScript's Number::toString
 *  asks for (the shortest, then the closest; 2^896 is "5.282945311356653e+269", not
 *  17 digits). The neighbour on the same side is farther out and never reads back. */
static int shortest_digits(double x, char *digits, int *point) {
  char t[40];
  for (int p = 1; p <= 17; p++) {
    snprintf(t, sizeof t, "%.*e", p - 1, x);
    if (strtod(t, NULL) == x || p == 17) break;
    if (neighbour_reads_back(x, t, sizeof t, p, 1) || neighbour_reads_back(x, t, sizeof t, p, -1)) break;
  }
  // t is "d[.ddd]e[+-]XX"
  int k = 0;
  const char *s = t;
  for (; *s && *s != 'e'; s++)
    if (*s != '.') digits[k++] = *s;
  int e = atoi(s + 1);
  while (k > 1 && digits[k - 1] == '0') k--;
  digits[k] = 0;
  *point = e + 1;
  return k;
}

/** ECMAScript Number::toString(x) for a finite x > 0. */
static size_t js_positive(double x, char *o) {
  char d[20];
  int n;
  int k = shortest_digits(x, d, &n);
  size_t m = 0;
  if (k <= n && n <= 21) {
    memcpy(o, d, (size_t)k);
    m = (size_t)k;
    for (int i = k; i < n; i++) o[m++] = '0';
  } else if (0 < n && n <= 21) {
    memcpy(o, d, (size_t)n);
    m = (size_t)n;
    o[m++] = '.';
    memcpy(o + m, d + n, (size_t)(k - n));
    m += (size_t)(k - n);
  } else if (-6 < n && n <= 0) {
    o[m++] = '0';
    o[m++] = '.';
    for (int i = 0; i < -n; i++) o[m++] = '0';
    memcpy(o + m, d, (size_t)k);
    m += (size_t)k;
  } else {
    o[m++] = d[0];
    if (k > 1) {
      o[m++] = '.';
      memcpy(o + m, d + 1, (size_t)(k - 1));
      m += (size_t)(k - 1);
    }
    m += (size_t)sprintf(o + m, "e%c%d", n - 1 >= 0 ? '+' : '-', abs(n - 1));
  }
  return m;
}

/** Format.float: JavaScript's String(x) for finite values, except that -0 prints "-0" (so
 *  the text reads back to the same value, as the reference interpreter prints it);
 *  "Infinity", "-Infinity", "NaN" otherwise. */
static size_t format_double(double x, char *o) {
  if (isnan(x)) return (size_t)sprintf(o, "NaN");
  if (isinf(x)) return (size_t)sprintf(o, x > 0 ? "Infinity" : "-Infinity");
  if (x == 0) return (size_t)sprintf(o, signbit(x) ? "-0" : "0");
  if (x < 0) {
    o[0] = '-';
    return 1 + js_positive(-x, o + 1);
  }
  return js_positive(x, o);
}

int64_t clef_fmt_f64(double x, MEMREF(buf)) {
  char t[40];
  size_t n = format_double(x, t);
  return put(buf_alloc, buf, buf_off, buf_len, buf_stride, t, n);
}

/** A float32 prints its own shortest digits (0.1f prints "0.1"): the first precision p
 *  whose p-digit text of x, read as a double, rounds back to x; that double is printed. */
int64_t clef_fmt_f32(float x, MEMREF(buf)) {
  char t[40];
  double v = x;
  if (isfinite(x) && x != 0) {
    for (int p = 1; p <= 9; p++) {
      snprintf(t, sizeof t, "%.*e", p - 1, (double)x);
      double r = strtod(t, NULL);
      if ((float)r == x) {
        v = r;
        break;
      }
    }
  }
  size_t n = format_double(v, t);
  return put(buf_alloc, buf, buf_off, buf_len, buf_stride, t, n);
}

// ---- Strings

/** Bytewise order: <0, 0, >0. */
int64_t clef_str_compare(MEMREF(a), MEMREF(b)) {
  UNUSED_MEMREF(a);
  UNUSED_MEMREF(b);
  int64_t n = a_len < b_len ? a_len : b_len;
  int c = n > 0 ? memcmp(a + a_off, b + b_off, (size_t)n) : 0;
  if (c != 0) return c < 0 ? -1 : 1;
  return a_len < b_len ? -1 : a_len > b_len ? 1 : 0;
}

// ---- The command line: argv of `main` is the arguments after the program name.

static int g_argc;
static char **g_argv;

int64_t clef_argc(void) {
  return g_argc > 1 ? g_argc - 1 : 0;
}

int64_t clef_arg_len(int64_t i) {
  if (i < 0 || i >= clef_argc()) return 0;
  return (int64_t)strlen(g_argv[i + 1]);
}

void clef_arg_copy(int64_t i, MEMREF(buf)) {
  UNUSED_MEMREF(buf);
  int64_t n = clef_arg_len(i);
  if (n > buf_len) n = buf_len;
  if (n > 0) memcpy(buf + buf_off, g_argv[i + 1], (size_t)n);
}

// ---- Regions: the MLIR code allocates each region buffer with memref.alloc (malloc) and
// registers it here; Region release frees them all.

typedef struct {
  void **blocks;
  size_t n, cap;
} Region;

int64_t clef_region_create(void) {
  Region *r = calloc(1, sizeof *r);
  if (!r) abort();
  return (int64_t)(intptr_t)r;
}

void clef_region_track(int64_t h, MEMREF(buf)) {
  (void)buf;
  (void)buf_off;
  (void)buf_len;
  (void)buf_stride;
  Region *r = (Region *)(intptr_t)h;
  if (r->n == r->cap) {
    r->cap = r->cap ? 2 * r->cap : 8;
    r->blocks = realloc(r->blocks, r->cap * sizeof *r->blocks);
    if (!r->blocks) abort();
  }
  r->blocks[r->n++] = buf_alloc;
}

void clef_region_release(int64_t h) {
  Region *r = (Region *)(intptr_t)h;
  for (size_t i = 0; i < r->n; i++) free(r->blocks[i]);
  free(r->blocks);
  free(r);
}

// ---- Fresh memory: Clef reads memory nobody wrote as zero (stack, arena and region
// allocations alike). The MLIR code calls clef_zero_S(m) on each view right after the
// allocation; m has unit stride, its elements are m[m_off .. m_off + m_len). The contract
// the verifier relies on (verifier/semantics/mlir/ops.ts models it as a zero fill): sets
// every element of m to 0, touches nothing else, returns.

#define ZERO_FN(name, T)                                                   \
  void name(T *m_alloc, T *m, int64_t m_off, int64_t m_len, int64_t m_stride) { \
    (void)m_alloc;                                                         \
    (void)m_stride;                                                        \
    if (m_len > 0) memset(m + m_off, 0, (size_t)m_len * sizeof(T));        \
  }

ZERO_FN(clef_zero_i1, uint8_t)
ZERO_FN(clef_zero_i8, uint8_t)
ZERO_FN(clef_zero_i16, uint16_t)
ZERO_FN(clef_zero_i32, uint32_t)
ZERO_FN(clef_zero_i64, uint64_t)
ZERO_FN(clef_zero_f32, float)
ZERO_FN(clef_zero_f64, double)

// ---- Traps: a failed match (and a zero divisor) stops the program as the interpreter
// does: the message on stderr, exit code 70.

void clef_trap(MEMREF(msg)) {
  UNUSED_MEMREF(msg);
  flush_out();
  write_all(2, (const char *)msg + msg_off, (size_t)msg_len);
  write_all(2, "\n", 1);
  _exit(70);
}

/** Flushes the program's output, then dies of the same signal (SA_RESETHAND restored the
 *  default action), so the exit status still says what happened. */
static void on_fatal_signal(int sig) {
  flush_out();
  raise(sig);
}

// ---- Entry: the MLIR module defines `clef_entry`, which calls the program's main.

extern int64_t clef_entry(void);

int main(int argc, char **argv) {
  g_argc = argc;
  g_argv = argv;
  // Its own stack, so a stack overflow (deep recursion) still gets its output flushed.
  static char alt[1 << 16];
  stack_t ss = {.ss_sp = alt, .ss_size = sizeof alt, .ss_flags = 0};
  sigaltstack(&ss, NULL);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_fatal_signal;
  sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
  int sigs[] = {SIGFPE, SIGSEGV, SIGBUS, SIGILL, SIGABRT};
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, NULL);
  int64_t code = clef_entry();
  flush_out();
  return (int)(code & 255);
}
