/* fuzz_mutate.h — the input generator of the scenario fuzzer: a deterministic
 * PRNG, a growable byte buffer, and mutators that edit scenario text with
 * YAML-significant characters, tokens, numbers, line edits and splices
 * between seeds, or make (sometimes mutated) `--set` strings.
 *
 * Everything is a pure function of the PRNG state and its arguments: the same
 * seed gives the same inputs, so a failing input can be replayed alone.
 * A buffer that cannot grow prints a message and exits the program. */
#ifndef PORTEE_FUZZ_MUTATE_H
#define PORTEE_FUZZ_MUTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- PRNG: xoshiro256**, seeded through splitmix64 ---- */

typedef struct {
    uint64_t s[4];
} fuzz_prng_t;

void fuzz_prng_seed(fuzz_prng_t *r, uint64_t seed);
/* Uniform in [0, n); n > 0. */
size_t fuzz_below(fuzz_prng_t *r, size_t n);
/* True with probability 1/n; n > 0. */
bool fuzz_one_in(fuzz_prng_t *r, size_t n);

/* ---- byte buffers (not NUL-terminated; zero-initialise, free(p) when done) ---- */

typedef struct {
    char *p;
    size_t n, cap;
} fuzz_buf_t;

/* Makes room for n bytes in all. */
void fuzz_buf_reserve(fuzz_buf_t *b, size_t n);
/* Replaces the contents with s[0..n). */
void fuzz_buf_set(fuzz_buf_t *b, const char *s, size_t n);
/* Inserts s[0..n) at `at` (clamped to the end); does nothing if the result
 * would pass the 256 KiB cap on mutated inputs. */
void fuzz_buf_insert(fuzz_buf_t *b, size_t at, const char *s, size_t n);
/* Removes up to n bytes from `at`; does nothing if at is past the end. */
void fuzz_buf_erase(fuzz_buf_t *b, size_t at, size_t n);
/* Appends printf-style text (not subject to the cap). */
void fuzz_buf_appendf(fuzz_buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- seeds and mutators ---- */

typedef struct {
    char *name;
    char *text; /* len bytes, then a NUL */
    size_t len;
} fuzz_seed_t;

/* The `--set` strings the mutators start from (some valid, most not). */
extern const char *const fuzz_set_pool[];
extern const size_t fuzz_set_pool_len;

/* Applies one randomly chosen mutation to b.  Splices and inserted slices
 * come from seeds[0..n_seeds) (n_seeds >= 1). */
void fuzz_mutate_once(fuzz_prng_t *r, fuzz_buf_t *b, const fuzz_seed_t *seeds, size_t n_seeds);

/* A NUL-terminated `--set` string from the pool, sometimes mutated (an
 * inserted NUL just ends it early); the caller frees it. */
char *fuzz_make_set(fuzz_prng_t *r);

#endif
