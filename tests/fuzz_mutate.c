/* fuzz_mutate.c — the fuzzer's PRNG, byte buffers, mutation material and
 * mutators (see fuzz_mutate.h). */
#include "fuzz_mutate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INPUT (256u * 1024u)  /* mutated inputs are capped at this size */

/* ---- PRNG: splitmix64 to seed xoshiro256** ---- */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t next_u64(fuzz_prng_t *r)
{
    uint64_t *s = r->s;
    const uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

void fuzz_prng_seed(fuzz_prng_t *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&seed);
}

size_t fuzz_below(fuzz_prng_t *r, size_t n) { return (size_t)(next_u64(r) % (uint64_t)n); }
bool fuzz_one_in(fuzz_prng_t *r, size_t n) { return fuzz_below(r, n) == 0; }

/* ---- byte buffers ---- */

void fuzz_buf_reserve(fuzz_buf_t *b, size_t n)
{
    if (n <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < n) cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        fputs("test_fuzz_scenario: out of memory\n", stderr);
        exit(1);
    }
    b->p = p;
    b->cap = cap;
}

void fuzz_buf_set(fuzz_buf_t *b, const char *s, size_t n)
{
    fuzz_buf_reserve(b, n + 1);
    if (n) memcpy(b->p, s, n);
    b->n = n;
}

void fuzz_buf_insert(fuzz_buf_t *b, size_t at, const char *s, size_t n)
{
    if (at > b->n) at = b->n;
    if (b->n + n > MAX_INPUT) return;
    fuzz_buf_reserve(b, b->n + n + 1);
    memmove(b->p + at + n, b->p + at, b->n - at);
    memcpy(b->p + at, s, n);
    b->n += n;
}

void fuzz_buf_erase(fuzz_buf_t *b, size_t at, size_t n)
{
    if (at >= b->n) return;
    if (n > b->n - at) n = b->n - at;
    memmove(b->p + at, b->p + at + n, b->n - at - n);
    b->n -= n;
}

void fuzz_buf_appendf(fuzz_buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    fuzz_buf_reserve(b, b->n + (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
}

/* ---- mutation material ---- */

static const char yaml_chars[] = ":[]{}&*!|>-#'\"\t\n ,?%@`\\.~0<=\r";

static const char *const tokens[] = {
    "reach:", "followers", "reach_rate", "share_rate", "friends_median", "friends_sigma",
    "friend_reach", "reachable_population", "engagement_rate", "max_generations",
    "post_variability", "sweep:", "output:", "replicates: ", "seed: ", "name: ", "description: ",
    "histogram_bins: ", "dist: ", "{dist: beta, mean: 0.5, sd: 0.1}",
    "{dist: normal, mean: 5, sd: 1, min: 0, max: 10}", "{dist: lognormal, median: 2, sigma: 11}",
    "{dist: uniform, min: 0, max: 1}", "{dist: pert, min: 0, mode: 0.2, max: 1}",
    "{dist: triangular, min: 1, mode: 0, max: 2}", "{from: 1, to: 1000, steps: 7, scale: log}",
    "{from: 0, to: 1, steps: 0}", "\nsweep:\n  reach.followers: [1, 2, 3]\n",
    "\nsweep:\n  reach.share_rate: {from: 0, to: 1, steps: 1000}\n",
    "\nsweep:\n  reach.followers: [1]\n  reach.friends_median: [1, 2]\n  reach.share_rate: [0]\n",
    "reach.followers: ", "reach.", "page.followers: ", "page:\n  ", "page.", "&a ", "*a", "&b ", "*b", "<<: *a", "<<: ", "!!str ",
    "!!int ", "!!binary ", "!custom ", "? ", "- ", "--- ", "\n---\n", "\n...\n", "%YAML 1.1\n",
    "%TAG ! tag:x,2024:\n", "|-\n  x\n", ">\n  y\n", "~", "null", "true", "no", "\"\\x00\"",
    "\"\\u2028\"", "'it''s'", "\xef\xbb\xbf", "\xe2\x80\xa8", "\xc2\x85", "\xff", "\xc3",
    "\x01", "\x7f", "# comment\n", "[[[[[[[[", "]]]]", "{{{{", "}}}}", "{a: [b, {c: d}]}",
    "[1, [2, [3]]]", "\"unterminated", "'unterminated", ": : :", "\n  \n\t\n",
    "design: latin", "design: sobol", "design: ", "samples: ", "{from: 1, to: 1000, scale: log}",
    "\nsweep:\n  design: latin\n  samples: 50\n  reach.followers: {from: 10, to: 1000, scale: log}\n",
};

static const char *const numbers[] = {
    "0", "1", "2", "-1", "-0", "0.5", "1.5", "1e12", "1e400", "-1e400", "1e-320",
    "4294967295", "4294967296", "18446744073709551615", "18446744073709551616",
    "99999999999999999999999", "100000000", "100000001", "1000000", "1e6", "20000.0",
    ".inf", "-.inf", ".nan", "nan", "inf", "0x1F", "0o17", "1_000", "+5", "1e", "1.", ".5",
    "0.9999999999999999", "1.0000000000000002", "5e-324", "1e9", "1e9.5", "",
    "99999", "100000", "100001", "1000", "4096", "4097", "64", "65", "32", "33",
};

const char *const fuzz_set_pool[] = {
    "reach.followers=5000",
    "replicates=1e12",
    "replicates=3",
    "seed=abc",
    "seed=18446744073709551615",
    "sweep.reach.followers=[500, 1000, 5000]",
    "sweep.page.followers=[500, 1000, 5000]",
    "page.platform=linkedin",
    "page.posts_per_week=0.5",
    "sweep.reach.reach_rate={from: 0.01, to: 0.2, steps: 5}",
    "sweep.reach.friends_sigma=[]",
    "reach.share_rate={dist: beta, mean: 0.01, sd: 0.005}",
    "reach.share_rate={dist: betta, mean: 0.01}",
    "reach.reach_rate={dist: normal, mean: 0.5, sd: 0.1}",
    "output.replicates=false",
    "output.histogram_bins=1",
    "output=~",
    "reach=~",
    "reach=[1, 2]",
    "name.x=1",
    "name=[a]",
    "description={a: b}",
    "reach.followers=&a 1",
    "reach.followers=*a",
    "reach.followers=[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "reach.followers=",
    "reach.followers=1\n---\n2",
    "reach..followers=1",
    ".reach=1",
    "reach.=1",
    "=5",
    "reach.followers",
    "sweep.=1",
    "sweep.reach=1",
    "sweep=~",
    "sweep.reach.followers.extra=[1]",
    "a.b.c.d.e.f.g.h=1",
    "newmodel.x=1",
    "reach.followers=\xff",
    "reach.followers=\"\\0\"",
    "sweep.design=latin",
    "sweep.design=sobol",
    "sweep.design=latn",
    "sweep.samples=50",
    "sweep.samples=1",
    "sweep.samples=1000001",
};
const size_t fuzz_set_pool_len = sizeof fuzz_set_pool / sizeof *fuzz_set_pool;

static void random_bytes_token(fuzz_prng_t *r, fuzz_buf_t *b, size_t at)
{
    const char *t = tokens[fuzz_below(r, sizeof tokens / sizeof *tokens)];
    fuzz_buf_insert(b, at, t, strlen(t));
}

/* Start of the line holding position at. */
static size_t line_start(const fuzz_buf_t *b, size_t at)
{
    while (at > 0 && b->p[at - 1] != '\n') at--;
    return at;
}

/* One past the end of the line holding position at (after its '\n'). */
static size_t line_end(const fuzz_buf_t *b, size_t at)
{
    while (at < b->n && b->p[at] != '\n') at++;
    return at < b->n ? at + 1 : at;
}

/* Values for "key: value" lines. */
static const char *const values[] = {
    "1000", "0.05", "-3", "1000.5", "lots", "\"1000\"", "'0.5'", "[1, 2]", "[]", "{}", "~", "",
    "true", "{dist: beta, mean: 0.05, sd: 0.01}", "{dist: beta, mean: 0.05, sd: 0.3}",
    "{dist: betta, mean: 0.05, sd: 0.01}", "{dist: beta, mean: 0.05}", "{dist: normal, mean: 0.05, sd: 0.01}",
    "{dist: normal, mean: 100, sd: 10, min: 1, max: 1000}", "{dist: normal, mean: 0, sd: 1, min: 50, max: 60}",
    "{dist: lognormal, median: 200, sigma: 0}", "{dist: uniform, min: 2, max: 1}",
    "{dist: uniform, min: 0.1, max: 0.2, extra: 1}", "{dist: pert, min: 0, mode: 0.1, max: 0.5}",
    "{dist: triangular, min: 10, mode: 20, max: 30}", "{dist: [beta]}", "{dist: ~}",
    "[100, 1000, 10000]", "[0.01, 0.5, 1.5]", "{from: 1, to: 1000, steps: 10}",
    "{from: 1, to: 1000, steps: 4, scale: log}", "{from: 0, to: 1, steps: 3, scale: log}",
    "{from: 0.01, to: 0.1, steps: 1000}", "{from: 1, to: 2, steps: 0}", "{from: 1, steps: 2}",
    "{from: 1, to: 2, steps: 2, scale: cubic}", "&v 5", "*v", "!!str 5", "|\n  5", ">-\n  5",
    "1e12", "100000000", "100000001", "1e400", ".nan", "yes", "Off", "1001",
};

void fuzz_mutate_once(fuzz_prng_t *r, fuzz_buf_t *b, const fuzz_seed_t *seeds, size_t n_seeds)
{
    /* Weights favour edits that keep the text YAML, so the checks past the
     * parser see many inputs too. */
    static const unsigned char weight[] = {2, 1, 3, 3, 2, 2, 1, 2, 2, 2, 2, 4, 2, 6, 2};
    enum { N_KINDS = sizeof weight };
    unsigned total = 0, pick;
    for (int i = 0; i < N_KINDS; i++) total += weight[i];
    pick = (unsigned)fuzz_below(r, total);
    int kind = 0;
    while (pick >= weight[kind]) pick -= weight[kind++];

    size_t n = b->n;
    size_t at = fuzz_below(r, n + 1);
    switch (kind) {
    case 0: /* bit flip, mostly keeping ASCII ASCII */
        if (n) b->p[fuzz_below(r, n)] ^= (char)(1u << fuzz_below(r, fuzz_one_in(r, 8) ? 8 : 7));
        break;
    case 1: /* random byte */
        if (n) b->p[fuzz_below(r, n)] = (char)fuzz_below(r, 256);
        break;
    case 13: { /* replace the value of a `key: value` line */
        if (!n) break;
        size_t ls = line_start(b, fuzz_below(r, n)), le = line_end(b, ls), colon = ls;
        while (colon < le && !(b->p[colon] == ':' && (colon + 1 == le || b->p[colon + 1] == ' ' ||
                                                       b->p[colon + 1] == '\n')))
            colon++;
        if (colon >= le) break;
        size_t vs = colon + 1, ve = le > ls && b->p[le - 1] == '\n' ? le - 1 : le;
        fuzz_buf_erase(b, vs, ve - vs);
        const char *v = values[fuzz_below(r, sizeof values / sizeof *values)];
        fuzz_buf_insert(b, vs, " ", 1);
        fuzz_buf_insert(b, vs + 1, v, strlen(v));
        break;
    }
    case 2:
    case 3: { /* YAML-significant character(s) */
        size_t k = 1 + (fuzz_one_in(r, 4) ? fuzz_below(r, 8) : 0);
        for (size_t i = 0; i < k; i++) {
            char c = yaml_chars[fuzz_below(r, sizeof yaml_chars - 1)];
            fuzz_buf_insert(b, at, &c, 1);
        }
        break;
    }
    case 4: /* token */
        random_bytes_token(r, b, at);
        break;
    case 5: /* deletion */
        if (n) fuzz_buf_erase(b, fuzz_below(r, n), 1 + fuzz_below(r, fuzz_one_in(r, 4) ? n / 4 + 1 : 16));
        break;
    case 6: /* truncation */
        if (n) b->n = fuzz_below(r, n);
        break;
    case 7: { /* duplicated slice */
        if (!n) break;
        size_t from = fuzz_below(r, n), len = 1 + fuzz_below(r, n - from < 256 ? n - from : 256);
        char tmp[256];
        memcpy(tmp, b->p + from, len);
        fuzz_buf_insert(b, at, tmp, len);
        break;
    }
    case 8: { /* duplicate or delete a whole line */
        if (!n) break;
        size_t ls = line_start(b, fuzz_below(r, n)), le = line_end(b, ls);
        if (fuzz_one_in(r, 2)) {
            fuzz_buf_erase(b, ls, le - ls);
        } else if (le - ls <= 4096) {
            char *tmp = malloc(le - ls + 1);
            if (!tmp) break;
            memcpy(tmp, b->p + ls, le - ls);
            fuzz_buf_insert(b, le, tmp, le - ls);
            free(tmp);
        }
        break;
    }
    case 9: { /* change a line's indentation */
        if (!n) break;
        size_t ls = line_start(b, fuzz_below(r, n));
        if (fuzz_one_in(r, 3)) {
            size_t sp = 0;
            while (ls + sp < b->n && b->p[ls + sp] == ' ') sp++;
            fuzz_buf_erase(b, ls, sp ? 1 + fuzz_below(r, sp) : 0);
        } else {
            static const char *const ind[] = {" ", "  ", "    ", "\t", " \t", "        "};
            const char *s = ind[fuzz_below(r, sizeof ind / sizeof *ind)];
            fuzz_buf_insert(b, ls, s, strlen(s));
        }
        break;
    }
    case 10: { /* swap two lines */
        if (!n) break;
        size_t a0 = line_start(b, fuzz_below(r, n)), a1 = line_end(b, a0);
        size_t c0 = line_start(b, fuzz_below(r, n)), c1 = line_end(b, c0);
        if (a0 > c0) {
            size_t t0 = a0, t1 = a1;
            a0 = c0, a1 = c1, c0 = t0, c1 = t1;
        }
        if (a1 > c0 || a1 - a0 > 4096 || c1 - c0 > 4096) break;
        char *la = malloc(a1 - a0 + 1), *lc = malloc(c1 - c0 + 1);
        if (la && lc) {
            size_t na = a1 - a0, nc = c1 - c0;
            memcpy(la, b->p + a0, na);
            memcpy(lc, b->p + c0, nc);
            fuzz_buf_erase(b, c0, nc);
            fuzz_buf_insert(b, c0, la, na);
            fuzz_buf_erase(b, a0, na);
            fuzz_buf_insert(b, a0, lc, nc);
        }
        free(la);
        free(lc);
        break;
    }
    case 11: { /* replace a number (or any word) with an interesting one */
        if (!n) break;
        size_t i = fuzz_below(r, n), tries = 0;
        while (i < b->n && !(b->p[i] >= '0' && b->p[i] <= '9') && tries++ < 64) i++;
        if (i >= b->n) i = fuzz_below(r, n);
        size_t s = i, e = i;
        while (s > 0 && (b->p[s - 1] == '.' || b->p[s - 1] == '-' || b->p[s - 1] == 'e' ||
                         (b->p[s - 1] >= '0' && b->p[s - 1] <= '9')))
            s--;
        while (e < b->n && (b->p[e] == '.' || b->p[e] == '-' || b->p[e] == 'e' ||
                            (b->p[e] >= '0' && b->p[e] <= '9')))
            e++;
        const char *num = numbers[fuzz_below(r, sizeof numbers / sizeof *numbers)];
        fuzz_buf_erase(b, s, e - s);
        fuzz_buf_insert(b, s, num, strlen(num));
        break;
    }
    case 12: { /* splice with another seed: our head, its tail */
        const fuzz_seed_t *o = &seeds[fuzz_below(r, n_seeds)];
        size_t cut = fuzz_below(r, n + 1), from = fuzz_below(r, o->len + 1);
        if (fuzz_one_in(r, 2)) { /* line-aligned cuts keep the YAML plausible */
            cut = line_start(b, cut);
            while (from > 0 && o->text[from - 1] != '\n') from--;
        }
        b->n = cut;
        fuzz_buf_insert(b, cut, o->text + from, o->len - from);
        break;
    }
    default: { /* insert a slice of another seed */
        const fuzz_seed_t *o = &seeds[fuzz_below(r, n_seeds)];
        if (!o->len) break;
        size_t from = fuzz_below(r, o->len), len = 1 + fuzz_below(r, o->len - from);
        fuzz_buf_insert(b, at, o->text + from, len);
        break;
    }
    }
}

/* A --set string: from the pool, sometimes mutated. */
char *fuzz_make_set(fuzz_prng_t *r)
{
    fuzz_buf_t b = {0};
    const char *s = fuzz_set_pool[fuzz_below(r, sizeof fuzz_set_pool / sizeof *fuzz_set_pool)];
    fuzz_buf_set(&b, s, strlen(s));
    if (fuzz_one_in(r, 3)) {
        size_t k = 1 + fuzz_below(r, 3);
        for (size_t i = 0; i < k; i++) {
            size_t n = b.n, at = fuzz_below(r, n + 1);
            switch (fuzz_below(r, 5)) {
            case 0:
                if (n) b.p[fuzz_below(r, n)] ^= (char)(1u << fuzz_below(r, 8));
                break;
            case 1: {
                char c = yaml_chars[fuzz_below(r, sizeof yaml_chars - 1)];
                fuzz_buf_insert(&b, at, &c, 1);
                break;
            }
            case 2:
                if (n) fuzz_buf_erase(&b, fuzz_below(r, n), 1 + fuzz_below(r, 4));
                break;
            case 3:
                random_bytes_token(r, &b, at);
                break;
            default: {
                const char *num = numbers[fuzz_below(r, sizeof numbers / sizeof *numbers)];
                const char *eq = memchr(b.p, '=', b.n);
                size_t pos = eq ? (size_t)(eq - b.p) + 1 : b.n;
                b.n = pos;
                fuzz_buf_insert(&b, pos, num, strlen(num));
                break;
            }
            }
        }
    }
    if (fuzz_one_in(r, 50)) { /* key paths at and past the 255-character limit */
        size_t len = 250 + fuzz_below(r, 12);
        fuzz_buf_t k = {0};
        fuzz_buf_reserve(&k, len + 8);
        memset(k.p, 'k', len);
        k.p[3] = '.';
        memcpy(k.p + len, "=1", 2);
        k.n = len + 2;
        free(b.p);
        b = k;
    }
    fuzz_buf_reserve(&b, b.n + 1);
    b.p[b.n] = '\0'; /* an inserted NUL just ends the string early */
    return b.p;
}
