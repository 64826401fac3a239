/* test_fuzz_scenario.c — a deterministic mutation fuzzer for the scenario loader.
 *
 * Seeds: every *.yaml under $PORTEE_SCENARIOS (the embedded default scenario
 * if that is unset or holds none), plus a few built-in scenarios that use
 * sweeps, ranges, distributions and the output section.  From a fixed seed it
 * makes about 20,000 inputs by stacking mutations (bit flips, insertions of
 * YAML-significant characters and tokens, deletions, truncations, duplicated
 * slices, line edits, number swaps, splices between seeds) and feeds each to
 * portee_scenario_load_text(), some with `--set` overrides (also mutated).
 *
 * Every call must return PORTEE_OK or PORTEE_EINPUT.  A failure must leave a
 * non-empty message located at the source (it starts with the source name or
 * "--set").  A success must give n_points >= 1, replicates >= 2, and a
 * resolved text, small enough to be a scenario file, that loads again to the
 * same scenario and resolves to the same text (a fixed point).  Inputs at the
 * loader's limits (sweep steps and grid size, replicates, aliases, nesting,
 * node count) are tried just inside and just outside each limit.
 *
 * Environment: PORTEE_FUZZ_SEED (default 20240611), PORTEE_FUZZ_ITERS (20000),
 * PORTEE_FUZZ_SAVE=DIR saves failing inputs as DIR/fuzz-fail-N.yaml, and a
 * crash (signal or sanitizer report) saves the input being tried as
 * DIR/fuzz-crash-N.yaml (DIR defaults to the current folder).  Replay one
 * input: PORTEE_FUZZ_ONLY=N. */
#include <dirent.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "sim/scenario.h"
#include "sim/yamltree.h"
#include "testutil.h"

#define DEFAULT_ITERS 20000
#define DEFAULT_SEED 20240611u
#define MAX_INPUT (256u * 1024u)  /* mutated inputs are capped at this size */
#define MAX_SEEDS 64
#define MAX_SAVED 8               /* failing inputs written per run */
#define MAX_SETS 4

/* ---- PRNG: splitmix64 to seed xoshiro256** ---- */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

typedef struct {
    uint64_t s[4];
} prng_t;

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t next_u64(prng_t *r)
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

static void prng_seed(prng_t *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&seed);
}

/* Uniform in [0, n); n > 0. */
static size_t below(prng_t *r, size_t n) { return (size_t)(next_u64(r) % (uint64_t)n); }
static bool one_in(prng_t *r, size_t n) { return below(r, n) == 0; }

/* ---- byte buffers ---- */

typedef struct {
    char *p;
    size_t n, cap;
} buf_t;

static void buf_reserve(buf_t *b, size_t n)
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

static void buf_set(buf_t *b, const char *s, size_t n)
{
    buf_reserve(b, n + 1);
    if (n) memcpy(b->p, s, n);
    b->n = n;
}

static void buf_insert(buf_t *b, size_t at, const char *s, size_t n)
{
    if (at > b->n) at = b->n;
    if (b->n + n > MAX_INPUT) return;
    buf_reserve(b, b->n + n + 1);
    memmove(b->p + at + n, b->p + at, b->n - at);
    memcpy(b->p + at, s, n);
    b->n += n;
}

static void buf_erase(buf_t *b, size_t at, size_t n)
{
    if (at >= b->n) return;
    if (n > b->n - at) n = b->n - at;
    memmove(b->p + at, b->p + at + n, b->n - at - n);
    b->n -= n;
}

/* ---- seeds ---- */

typedef struct {
    char *name;
    char *text;
    size_t len;
} seed_t;

static seed_t seeds[MAX_SEEDS];
static size_t n_seeds;

static void add_seed(const char *name, const char *text, size_t len)
{
    if (n_seeds == MAX_SEEDS) return;
    seed_t *s = &seeds[n_seeds++];
    s->name = strdup(name);
    s->text = malloc(len + 1);
    if (!s->name || !s->text) {
        fputs("test_fuzz_scenario: out of memory\n", stderr);
        exit(1);
    }
    memcpy(s->text, text, len);
    s->text[len] = '\0';
    s->len = len;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collects *.yaml paths under dir (a few levels deep), for sorting. */
static void find_yaml(const char *dir, int depth, char ***paths, size_t *n, size_t *cap)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *path = malloc(len);
        if (!path) break;
        snprintf(path, len, "%s/%s", dir, e->d_name);
        struct stat st;
        size_t nl = strlen(e->d_name);
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode) && depth < 4) {
            find_yaml(path, depth + 1, paths, n, cap);
            free(path);
        } else if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && nl > 5 &&
                   strcmp(e->d_name + nl - 5, ".yaml") == 0) {
            if (*n == *cap) {
                *cap = *cap ? 2 * *cap : 16;
                char **p = realloc(*paths, *cap * sizeof *p);
                if (!p) {
                    free(path);
                    break;
                }
                *paths = p;
            }
            (*paths)[(*n)++] = path;
        } else {
            free(path);
        }
    }
    closedir(d);
}

static bool read_whole(const char *path, char **text, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char *buf = malloc(PORTEE_SCENARIO_MAX_BYTES + 1);
    size_t n = buf ? fread(buf, 1, PORTEE_SCENARIO_MAX_BYTES + 1, f) : 0;
    fclose(f);
    if (!buf || n > PORTEE_SCENARIO_MAX_BYTES) {
        free(buf);
        return false;
    }
    *text = buf;
    *len = n;
    return true;
}

/* Valid scenarios that reach the parts of the format the shipped files may not. */
static const char *const builtin_seeds[] = {
    "name: sweep\n"
    "seed: 7\n"
    "replicates: 200\n"
    "reach:\n"
    "  followers: 500\n"
    "  share_rate: {dist: beta, mean: 0.01, sd: 0.005}\n"
    "  friends_median: {dist: triangular, min: 50, mode: 200, max: 2000}\n"
    "  friends_sigma: {dist: lognormal, median: 0.5, sigma: 0}\n"
    "  friend_reach: {dist: uniform, min: 0.01, max: 0.1}\n"
    "sweep:\n"
    "  reach.followers: [100, 1000, 10000]\n"
    "  reach.reach_rate: {from: 0.01, to: 0.1, steps: 4, scale: log}\n"
    "output:\n"
    "  replicates: false\n"
    "  histogram_bins: 20\n",

    "# block style, anchors, and every other distribution\n"
    "name: 'dists'\n"
    "description: |\n"
    "  several lines\n"
    "  of text\n"
    "replicates: 1000\n"
    "reach:\n"
    "  post_variability: &pv {dist: triangular, min: 10, mode: 50, max: 100}\n"
    "  engagement_rate:\n"
    "    dist: pert\n"
    "    min: 0.01\n"
    "    mode: 0.04\n"
    "    max: 0.2\n"
    "  reach_rate: {dist: normal, mean: 0.05, sd: 0.02, min: 0, max: 0.2}\n"
    "  reachable_population: 1e6\n"
    "  max_generations: 10\n"
    "sweep:\n"
    "  reach.friends_sigma:\n"
    "    - 0\n"
    "    - 0.5\n"
    "    - 1.5\n"
    "  reach.followers: {from: 10, to: 100000, steps: 5, scale: log}\n",

    "reach:\n",

    ("{name: flow, seed: 18446744073709551615, replicates: 2, reach: {followers: 0, "
     "reach_rate: 1, share_rate: 0}, output: {replicates: yes}}\n"),
};

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
    "reach.followers: ", "reach.", "&a ", "*a", "&b ", "*b", "<<: *a", "<<: ", "!!str ",
    "!!int ", "!!binary ", "!custom ", "? ", "- ", "--- ", "\n---\n", "\n...\n", "%YAML 1.1\n",
    "%TAG ! tag:x,2024:\n", "|-\n  x\n", ">\n  y\n", "~", "null", "true", "no", "\"\\x00\"",
    "\"\\u2028\"", "'it''s'", "\xef\xbb\xbf", "\xe2\x80\xa8", "\xc2\x85", "\xff", "\xc3",
    "\x01", "\x7f", "# comment\n", "[[[[[[[[", "]]]]", "{{{{", "}}}}", "{a: [b, {c: d}]}",
    "[1, [2, [3]]]", "\"unterminated", "'unterminated", ": : :", "\n  \n\t\n",
};

static const char *const numbers[] = {
    "0", "1", "2", "-1", "-0", "0.5", "1.5", "1e12", "1e400", "-1e400", "1e-320",
    "4294967295", "4294967296", "18446744073709551615", "18446744073709551616",
    "99999999999999999999999", "100000000", "100000001", "1000000", "1e6", "20000.0",
    ".inf", "-.inf", ".nan", "nan", "inf", "0x1F", "0o17", "1_000", "+5", "1e", "1.", ".5",
    "0.9999999999999999", "1.0000000000000002", "5e-324", "1e9", "1e9.5", "",
    "99999", "100000", "100001", "1000", "4096", "4097", "64", "65", "32", "33",
};

static const char *const set_pool[] = {
    "reach.followers=5000",
    "replicates=1e12",
    "replicates=3",
    "seed=abc",
    "seed=18446744073709551615",
    "sweep.reach.followers=[500, 1000, 5000]",
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
};

static void random_bytes_token(prng_t *r, buf_t *b, size_t at)
{
    const char *t = tokens[below(r, sizeof tokens / sizeof *tokens)];
    buf_insert(b, at, t, strlen(t));
}

/* Start of the line holding position at. */
static size_t line_start(const buf_t *b, size_t at)
{
    while (at > 0 && b->p[at - 1] != '\n') at--;
    return at;
}

/* One past the end of the line holding position at (after its '\n'). */
static size_t line_end(const buf_t *b, size_t at)
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

static void mutate_once(prng_t *r, buf_t *b)
{
    /* Weights favour edits that keep the text YAML, so the checks past the
     * parser see many inputs too. */
    static const unsigned char weight[] = {2, 1, 3, 3, 2, 2, 1, 2, 2, 2, 2, 4, 2, 6, 2};
    enum { N_KINDS = sizeof weight };
    unsigned total = 0, pick;
    for (int i = 0; i < N_KINDS; i++) total += weight[i];
    pick = (unsigned)below(r, total);
    int kind = 0;
    while (pick >= weight[kind]) pick -= weight[kind++];

    size_t n = b->n;
    size_t at = below(r, n + 1);
    switch (kind) {
    case 0: /* bit flip, mostly keeping ASCII ASCII */
        if (n) b->p[below(r, n)] ^= (char)(1u << below(r, one_in(r, 8) ? 8 : 7));
        break;
    case 1: /* random byte */
        if (n) b->p[below(r, n)] = (char)below(r, 256);
        break;
    case 13: { /* replace the value of a `key: value` line */
        if (!n) break;
        size_t ls = line_start(b, below(r, n)), le = line_end(b, ls), colon = ls;
        while (colon < le && !(b->p[colon] == ':' && (colon + 1 == le || b->p[colon + 1] == ' ' ||
                                                       b->p[colon + 1] == '\n')))
            colon++;
        if (colon >= le) break;
        size_t vs = colon + 1, ve = le > ls && b->p[le - 1] == '\n' ? le - 1 : le;
        buf_erase(b, vs, ve - vs);
        const char *v = values[below(r, sizeof values / sizeof *values)];
        buf_insert(b, vs, " ", 1);
        buf_insert(b, vs + 1, v, strlen(v));
        break;
    }
    case 2:
    case 3: { /* YAML-significant character(s) */
        size_t k = 1 + (one_in(r, 4) ? below(r, 8) : 0);
        for (size_t i = 0; i < k; i++) {
            char c = yaml_chars[below(r, sizeof yaml_chars - 1)];
            buf_insert(b, at, &c, 1);
        }
        break;
    }
    case 4: /* token */
        random_bytes_token(r, b, at);
        break;
    case 5: /* deletion */
        if (n) buf_erase(b, below(r, n), 1 + below(r, one_in(r, 4) ? n / 4 + 1 : 16));
        break;
    case 6: /* truncation */
        if (n) b->n = below(r, n);
        break;
    case 7: { /* duplicated slice */
        if (!n) break;
        size_t from = below(r, n), len = 1 + below(r, n - from < 256 ? n - from : 256);
        char tmp[256];
        memcpy(tmp, b->p + from, len);
        buf_insert(b, at, tmp, len);
        break;
    }
    case 8: { /* duplicate or delete a whole line */
        if (!n) break;
        size_t ls = line_start(b, below(r, n)), le = line_end(b, ls);
        if (one_in(r, 2)) {
            buf_erase(b, ls, le - ls);
        } else if (le - ls <= 4096) {
            char *tmp = malloc(le - ls + 1);
            if (!tmp) break;
            memcpy(tmp, b->p + ls, le - ls);
            buf_insert(b, le, tmp, le - ls);
            free(tmp);
        }
        break;
    }
    case 9: { /* change a line's indentation */
        if (!n) break;
        size_t ls = line_start(b, below(r, n));
        if (one_in(r, 3)) {
            size_t sp = 0;
            while (ls + sp < b->n && b->p[ls + sp] == ' ') sp++;
            buf_erase(b, ls, sp ? 1 + below(r, sp) : 0);
        } else {
            static const char *const ind[] = {" ", "  ", "    ", "\t", " \t", "        "};
            const char *s = ind[below(r, sizeof ind / sizeof *ind)];
            buf_insert(b, ls, s, strlen(s));
        }
        break;
    }
    case 10: { /* swap two lines */
        if (!n) break;
        size_t a0 = line_start(b, below(r, n)), a1 = line_end(b, a0);
        size_t c0 = line_start(b, below(r, n)), c1 = line_end(b, c0);
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
            buf_erase(b, c0, nc);
            buf_insert(b, c0, la, na);
            buf_erase(b, a0, na);
            buf_insert(b, a0, lc, nc);
        }
        free(la);
        free(lc);
        break;
    }
    case 11: { /* replace a number (or any word) with an interesting one */
        if (!n) break;
        size_t i = below(r, n), tries = 0;
        while (i < b->n && !(b->p[i] >= '0' && b->p[i] <= '9') && tries++ < 64) i++;
        if (i >= b->n) i = below(r, n);
        size_t s = i, e = i;
        while (s > 0 && (b->p[s - 1] == '.' || b->p[s - 1] == '-' || b->p[s - 1] == 'e' ||
                         (b->p[s - 1] >= '0' && b->p[s - 1] <= '9')))
            s--;
        while (e < b->n && (b->p[e] == '.' || b->p[e] == '-' || b->p[e] == 'e' ||
                            (b->p[e] >= '0' && b->p[e] <= '9')))
            e++;
        const char *num = numbers[below(r, sizeof numbers / sizeof *numbers)];
        buf_erase(b, s, e - s);
        buf_insert(b, s, num, strlen(num));
        break;
    }
    case 12: { /* splice with another seed: our head, its tail */
        const seed_t *o = &seeds[below(r, n_seeds)];
        size_t cut = below(r, n + 1), from = below(r, o->len + 1);
        if (one_in(r, 2)) { /* line-aligned cuts keep the YAML plausible */
            cut = line_start(b, cut);
            while (from > 0 && o->text[from - 1] != '\n') from--;
        }
        b->n = cut;
        buf_insert(b, cut, o->text + from, o->len - from);
        break;
    }
    default: { /* insert a slice of another seed */
        const seed_t *o = &seeds[below(r, n_seeds)];
        if (!o->len) break;
        size_t from = below(r, o->len), len = 1 + below(r, o->len - from);
        buf_insert(b, at, o->text + from, len);
        break;
    }
    }
}

/* A --set string: from the pool, sometimes mutated. */
static char *make_set(prng_t *r)
{
    buf_t b = {0};
    const char *s = set_pool[below(r, sizeof set_pool / sizeof *set_pool)];
    buf_set(&b, s, strlen(s));
    if (one_in(r, 3)) {
        size_t k = 1 + below(r, 3);
        for (size_t i = 0; i < k; i++) {
            size_t n = b.n, at = below(r, n + 1);
            switch (below(r, 5)) {
            case 0:
                if (n) b.p[below(r, n)] ^= (char)(1u << below(r, 8));
                break;
            case 1: {
                char c = yaml_chars[below(r, sizeof yaml_chars - 1)];
                buf_insert(&b, at, &c, 1);
                break;
            }
            case 2:
                if (n) buf_erase(&b, below(r, n), 1 + below(r, 4));
                break;
            case 3:
                random_bytes_token(r, &b, at);
                break;
            default: {
                const char *num = numbers[below(r, sizeof numbers / sizeof *numbers)];
                const char *eq = memchr(b.p, '=', b.n);
                size_t pos = eq ? (size_t)(eq - b.p) + 1 : b.n;
                b.n = pos;
                buf_insert(&b, pos, num, strlen(num));
                break;
            }
            }
        }
    }
    if (one_in(r, 50)) { /* key paths at and past the 255-character limit */
        size_t len = 250 + below(r, 12);
        buf_t k = {0};
        buf_reserve(&k, len + 8);
        memset(k.p, 'k', len);
        k.p[3] = '.';
        memcpy(k.p + len, "=1", 2);
        k.n = len + 2;
        free(b.p);
        b = k;
    }
    buf_reserve(&b, b.n + 1);
    b.p[b.n] = '\0'; /* an inserted NUL just ends the string early */
    return b.p;
}

/* ---- crash capture ---- */

static const char *cur_text;
static size_t cur_len;
static long cur_iter = -1;
static const char *save_dir = ".";

static void write_input(const char *kind, long iter, const char *text, size_t len,
                        char *const *sets, size_t n_sets)
{
    /* Only async-signal-safe calls: this also runs from a signal handler. */
    char path[1024];
    size_t dl = strlen(save_dir), kl = strlen(kind);
    if (dl + kl + 48 > sizeof path) return;
    memcpy(path, save_dir, dl);
    path[dl] = '/';
    memcpy(path + dl + 1, kind, kl);
    char num[24];
    int nd = 0;
    unsigned long v = (unsigned long)(iter < 0 ? 0 : iter);
    do num[nd++] = (char)('0' + v % 10); while ((v /= 10) && nd < 20);
    size_t p = dl + 1 + kl;
    path[p++] = '-';
    while (nd) path[p++] = num[--nd];
    memcpy(path + p, ".yaml", 6);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return;
    if (len && write(fd, text, len) < 0) { /* best effort */ }
    for (size_t i = 0; i < n_sets; i++) {
        /* the --set strings of the case, as comments after the text */
        static const char hdr[] = "\n# --set ";
        if (write(fd, hdr, sizeof hdr - 1) < 0 || write(fd, sets[i], strlen(sets[i])) < 0) break;
    }
    close(fd);
    static const char msg[] = "test_fuzz_scenario: input saved as ";
    if (write(2, msg, sizeof msg - 1) < 0 || write(2, path, strlen(path)) < 0 || write(2, "\n", 1) < 0) {
        /* nothing more to do */
    }
}

static char *const *cur_sets;
static size_t cur_n_sets;

static void on_death(void)
{
    if (cur_iter < 0) return;
    static const char msg[] = "test_fuzz_scenario: died on the input below (PORTEE_FUZZ_ONLY to replay)\n";
    if (write(2, msg, sizeof msg - 1) < 0) { /* ignore */ }
    write_input("fuzz-crash", cur_iter, cur_text, cur_len, cur_sets, cur_n_sets);
}

static void on_signal(int sig)
{
    on_death();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Sanitizers call this before exiting on a report; absent without them. */
extern void __sanitizer_set_death_callback(void (*)(void)) __attribute__((weak));

/* ---- the properties ---- */

static int saved;

static void save_failure(long iter, const char *text, size_t len, char *const *sets, size_t n_sets)
{
    if (saved >= MAX_SAVED || !getenv("PORTEE_FUZZ_SAVE")) return;
    saved++;
    write_input("fuzz-fail", iter, text, len, sets, n_sets);
}

static bool same_scenario(const portee_scenario_t *a, const portee_scenario_t *b)
{
    if (a->n_points != b->n_points || a->replicates != b->replicates || a->seed != b->seed ||
        a->n_models != b->n_models || a->n_axes != b->n_axes ||
        a->keep_replicates != b->keep_replicates || a->histogram_bins != b->histogram_bins)
        return false;
    for (size_t i = 0; i < a->n_axes; i++)
        if (a->axes[i].n != b->axes[i].n ||
            memcmp(a->axes[i].values, b->axes[i].values, a->axes[i].n * sizeof(double)) != 0)
            return false;
    return strcmp(a->name, b->name) == 0;
}

static long n_ok, n_einput;
static portee_status_t last_status; /* of the last try_input() */
static char last_msg[sizeof ((portee_error_t *)0)->msg];
static bool verbose; /* PORTEE_FUZZ_VERBOSE: print every outcome */

/* Loads one input and checks every property; returns false if any failed. */
static bool try_input(long iter, const char *src, const char *text, size_t len, char *const *sets,
                      size_t n_sets)
{
    /* An exact-size copy without a terminating NUL: reading past len is a bug. */
    char *copy = malloc(len ? len : 1);
    if (!copy) exit(1);
    if (len) memcpy(copy, text, len);
    cur_text = copy;
    cur_len = len;
    cur_sets = sets;
    cur_n_sets = n_sets;
    cur_iter = iter;

    portee_error_t err;
    memset(&err, 0, sizeof err);
    portee_scenario_t *sc = (portee_scenario_t *)(uintptr_t)1; /* must be overwritten */
    portee_status_t st =
        portee_scenario_load_text(src, copy, len, (const char *const *)sets, n_sets, &sc, &err);
    bool good = true;
    last_status = st;
    snprintf(last_msg, sizeof last_msg, "%s", st == PORTEE_OK ? "loaded" : err.msg);

    good &= CHECK(st == PORTEE_OK || st == PORTEE_EINPUT,
                  "input %ld: status %d, expected PORTEE_OK or PORTEE_EINPUT (%s)", iter, (int)st,
                  err.msg);
    if (st != PORTEE_OK) {
        good &= CHECK(sc == NULL, "input %ld: a failed load left a scenario", iter);
        good &= CHECK(err.msg[0] != '\0', "input %ld: a failed load left no message", iter);
        good &= CHECK(err.status == st, "input %ld: err.status %d but returned %d", iter,
                      (int)err.status, (int)st);
        bool located = strncmp(err.msg, src, strlen(src)) == 0 || strncmp(err.msg, "--set", 5) == 0;
        good &= CHECK(located, "input %ld: message does not start with '%s' or '--set': %s", iter,
                      src, err.msg);
        if (st == PORTEE_EINPUT) n_einput++;
    } else {
        n_ok++;
        good &= CHECK(sc != NULL, "input %ld: PORTEE_OK without a scenario", iter);
        if (sc) {
            good &= CHECK(sc->n_points >= 1, "input %ld: n_points %" PRIu64, iter, sc->n_points);
            good &= CHECK(sc->replicates >= 2, "input %ld: replicates %" PRIu64, iter, sc->replicates);
            good &= CHECK(sc->n_models >= 1, "input %ld: no model", iter);
            good &= CHECK(sc->resolved != NULL && sc->resolved[0] != '\0', "input %ld: no resolved text",
                          iter);
            if (sc->resolved) {
                /* `portee run` reads scenario files up to this size. */
                good &= CHECK(strlen(sc->resolved) <= PORTEE_SCENARIO_MAX_BYTES,
                              "input %ld: resolved text of %zu bytes is too large to run again",
                              iter, strlen(sc->resolved));
                portee_scenario_t *again = NULL;
                portee_error_t err2;
                memset(&err2, 0, sizeof err2);
                size_t rl = strlen(sc->resolved);
                portee_status_t st2 =
                    portee_scenario_load_text(src, sc->resolved, rl, NULL, 0, &again, &err2);
                good &= CHECK(st2 == PORTEE_OK, "input %ld: resolved text does not load again: %s",
                              iter, err2.msg);
                if (st2 == PORTEE_OK && again) {
                    good &= CHECK(same_scenario(sc, again),
                                  "input %ld: the resolved text loads to a different scenario", iter);
                    good &= CHECK(strcmp(sc->resolved, again->resolved) == 0,
                                  "input %ld: resolving the resolved text changes it", iter);
                }
                portee_scenario_free(again);
            }
        }
        portee_scenario_free(sc);
    }
    if (verbose) printf("input %ld: %s\n", iter, st == PORTEE_OK ? "loaded" : err.msg);
    if (!good) save_failure(iter, copy, len, sets, n_sets);
    cur_iter = -1;
    free(copy);
    return good;
}

/* ---- inputs at the loader's limits ---- */

static void appendf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void appendf(buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    buf_reserve(b, b->n + (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
}

/* A list [1, 2, ... n] of whole numbers. */
static void append_list(buf_t *b, size_t n)
{
    appendf(b, "[");
    for (size_t i = 1; i <= n; i++) appendf(b, i > 1 ? ", %zu" : "%zu", i);
    appendf(b, "]");
}

/* Each limit, just inside (must load) and just outside (must be rejected),
 * through the same property checks as the mutated inputs. */
static void boundary_inputs(void)
{
    static const char head[] = "name: limits\nreplicates: 2\nreach:\n  followers: &f 10\n";
    long id = 1000000;
    for (int outside = 0; outside <= 1; outside++) {
        const portee_status_t want = outside ? PORTEE_EINPUT : PORTEE_OK;
        buf_t b = {0};

        /* The longest sweep range: 100,000 steps (and one more). */
        b.n = 0;
        appendf(&b, "%ssweep:\n  reach.reach_rate: {from: 0, to: 0.1, steps: %d}\n", head,
                100000 + outside);
        try_input(id++, "limits.yaml", b.p, b.n, NULL, 0);
        CHECK(last_status == want,
              "a sweep range of %d steps: expected status %d (%s)", 100000 + outside, (int)want,
              last_msg);

        /* The largest grid: 1000 x 1000 points (and 1000 x 1001). */
        b.n = 0;
        appendf(&b, "%s  reachable_population: 1e9\nsweep:\n  reach.followers: ", head);
        append_list(&b, 1000);
        appendf(&b, "\n  reach.friends_median: ");
        append_list(&b, 1000 + (size_t)outside);
        appendf(&b, "\n");
        try_input(id++, "limits.yaml", b.p, b.n, NULL, 0);
        CHECK(last_status == want,
              "a 1000 x %d sweep grid: expected status %d (%s)", 1000 + outside, (int)want,
              last_msg);

        /* The most replicates. */
        b.n = 0;
        appendf(&b, "replicates: %llu\nreach:\n", (unsigned long long)PORTEE_MAX_REPLICATES + (unsigned)outside);
        try_input(id++, "limits.yaml", b.p, b.n, NULL, 0);
        CHECK(last_status == want,
              "replicates %llu: expected status %d (%s)",
              (unsigned long long)PORTEE_MAX_REPLICATES + (unsigned)outside, (int)want,
              last_msg);

        /* The most aliases: *f as sweep values. */
        b.n = 0;
        appendf(&b, "%ssweep:\n  reach.followers: [", head);
        for (int i = 0; i < PORTEE_YAML_MAX_ALIASES + outside; i++) appendf(&b, i ? ", *f" : "*f");
        appendf(&b, "]\n");
        try_input(id++, "limits.yaml", b.p, b.n, NULL, 0);
        CHECK(last_status == want,
              "%d aliases: expected status %d (%s)", PORTEE_YAML_MAX_ALIASES + outside, (int)want,
              last_msg);

        /* The deepest nesting: the root mapping, reach's mapping and
         * PORTEE_YAML_MAX_DEPTH - 2 lists in it (rejected either way, as
         * followers is a number, but only one more level is "nesting deeper"). */
        b.n = 0;
        appendf(&b, "reach:\n  followers: ");
        for (int i = 0; i < PORTEE_YAML_MAX_DEPTH - 2 + outside; i++) appendf(&b, "[");
        for (int i = 0; i < PORTEE_YAML_MAX_DEPTH - 2 + outside; i++) appendf(&b, "]");
        appendf(&b, "\n");
        try_input(id++, "limits.yaml", b.p, b.n, NULL, 0);
        CHECK(last_status == PORTEE_EINPUT &&
                  (strstr(last_msg, "nesting deeper") != NULL) == (outside == 1),
              "nesting %d deep: %s", PORTEE_YAML_MAX_DEPTH + outside, last_msg);

        /* The node budget: a document of exactly PORTEE_YAML_MAX_NODES values
         * gets past the parser (the loader may still refuse so long a list);
         * one more value is "document too large". */
        b.n = 0;
        appendf(&b, "reach:\nsweep:\n  reach.reach_rate: [");
        /* root, reach, its null value, sweep, its mapping, the key, the list: 7 nodes */
        const int list = PORTEE_YAML_MAX_NODES - 7 + outside;
        for (int i = 0; i < list; i++) appendf(&b, i ? ", 0" : "0");
        appendf(&b, "]\n");
        try_input(id++, "limits.yaml", b.p, b.n, NULL, 0);
        CHECK((strstr(last_msg, "document too large") != NULL) == (outside == 1),
              "a document of %d values: %s", PORTEE_YAML_MAX_NODES + outside, last_msg);

        /* A long list: its resolved text (spelled out) must load again too. */
        b.n = 0;
        appendf(&b, "reach:\n  reachable_population: 1e9\nsweep:\n  reach.followers: ");
        append_list(&b, outside ? 100 : 10000);
        appendf(&b, "\n  reach.friends_median: ");
        append_list(&b, outside ? 10000 : 100);
        appendf(&b, "\n");
        try_input(id++, "limits.yaml", b.p, b.n, NULL, 0);
        free(b.p);
    }
}

static long env_long(const char *name, long def)
{
    const char *s = getenv(name);
    if (!s || !*s) return def;
    char *end;
    long v = strtol(s, &end, 10);
    return *end ? def : v;
}

int main(void)
{
    const long iters = env_long("PORTEE_FUZZ_ITERS", DEFAULT_ITERS);
    const uint64_t seed = (uint64_t)env_long("PORTEE_FUZZ_SEED", DEFAULT_SEED);
    const long only = env_long("PORTEE_FUZZ_ONLY", -1);
    if (getenv("PORTEE_FUZZ_SAVE") && *getenv("PORTEE_FUZZ_SAVE")) save_dir = getenv("PORTEE_FUZZ_SAVE");
    verbose = getenv("PORTEE_FUZZ_VERBOSE") != NULL;

    if (__sanitizer_set_death_callback) __sanitizer_set_death_callback(on_death);
    signal(SIGSEGV, on_signal);
    signal(SIGBUS, on_signal);
    signal(SIGABRT, on_signal);
    signal(SIGFPE, on_signal);
    signal(SIGILL, on_signal);

    /* Seeds: the scenario files, then the built-in ones. */
    const char *dir = getenv("PORTEE_SCENARIOS");
    size_t n_files = 0;
    if (dir && *dir) {
        char **paths = NULL;
        size_t n = 0, cap = 0;
        find_yaml(dir, 0, &paths, &n, &cap);
        if (n) qsort(paths, n, sizeof *paths, cmp_str);
        for (size_t i = 0; i < n; i++) {
            char *text;
            size_t len;
            if (read_whole(paths[i], &text, &len)) {
                /* Shipped scenarios must load as they are. */
                portee_scenario_t *sc = NULL;
                portee_error_t err;
                memset(&err, 0, sizeof err);
                CHECK(portee_scenario_load_text(paths[i], text, len, NULL, 0, &sc, &err) == PORTEE_OK,
                      "seed %s does not load: %s", paths[i], err.msg);
                portee_scenario_free(sc);
                add_seed(paths[i], text, len);
                n_files++;
                free(text);
            }
            free(paths[i]);
        }
        free(paths);
        if (!n_files) fprintf(stderr, "test_fuzz_scenario: no *.yaml under %s; using the default\n", dir);
    }
    if (!n_files) add_seed("<default scenario>", portee_default_scenario, portee_default_scenario_len);
    for (size_t i = 0; i < sizeof builtin_seeds / sizeof *builtin_seeds; i++) {
        char name[32];
        snprintf(name, sizeof name, "builtin-%zu.yaml", i);
        portee_scenario_t *sc = NULL;
        portee_error_t err;
        memset(&err, 0, sizeof err);
        if (portee_scenario_load_text(name, builtin_seeds[i], strlen(builtin_seeds[i]), NULL, 0, &sc,
                                      &err) != PORTEE_OK)
            fprintf(stderr, "test_fuzz_scenario: note: built-in seed %zu does not load: %s\n", i, err.msg);
        portee_scenario_free(sc);
        add_seed(name, builtin_seeds[i], strlen(builtin_seeds[i]));
    }

    if (only < 0) boundary_inputs();

    /* The unmutated seeds, alone and with each --set of the pool (saved
     * inputs are numbered from 2000000 here, 1000000 for the limits). */
    long seed_id = 2000000;
    for (size_t i = 0; i < n_seeds && only < 0; i++) {
        try_input(seed_id++, "seed.yaml", seeds[i].text, seeds[i].len, NULL, 0);
        for (size_t k = 0; k < sizeof set_pool / sizeof *set_pool; k++) {
            char *set = strdup(set_pool[k]);
            if (!set) return 1;
            try_input(seed_id++, "seed.yaml", seeds[i].text, seeds[i].len, &set, 1);
            free(set);
        }
    }

    /* Each input has its own stream, so one can be replayed alone. */
    long failures = 0;
    buf_t b = {0};
    for (long it = 0; it < iters; it++) {
        if (only >= 0 && it != only) continue;
        prng_t r;
        prng_seed(&r, seed ^ ((uint64_t)it * 0x9e3779b97f4a7c15u));
        const seed_t *s = &seeds[below(&r, n_seeds)];
        buf_set(&b, s->text, s->len);
        /* Mostly one or two edits, sometimes a pile of them. */
        size_t roll = below(&r, 10);
        size_t k = roll < 5 ? 1 : roll < 8 ? 2 + below(&r, 3) : 5 + below(&r, 12);
        for (size_t m = 0; m < k; m++) mutate_once(&r, &b);

        char *sets[MAX_SETS];
        size_t n_sets = 0;
        if (one_in(&r, 12)) {
            n_sets = 1 + below(&r, MAX_SETS);
            for (size_t i = 0; i < n_sets; i++) sets[i] = make_set(&r);
        }
        if (only >= 0) write_input("fuzz-replay", it, b.p, b.n, sets, n_sets);
        if (!try_input(it, "fuzz.yaml", b.p, b.n, sets, n_sets) && ++failures >= 50) {
            fprintf(stderr, "test_fuzz_scenario: stopping after %ld failing inputs\n", failures);
            it = iters;
        }
        for (size_t i = 0; i < n_sets; i++) free(sets[i]);
    }
    free(b.p);
    for (size_t i = 0; i < n_seeds; i++) {
        free(seeds[i].name);
        free(seeds[i].text);
    }
    printf("test_fuzz_scenario: %zu seed(s), %ld inputs (seed %" PRIu64 "): %ld loaded, %ld rejected\n",
           n_seeds, only >= 0 ? 1 : iters, seed, n_ok, n_einput);
    return portee_test_summary("test_fuzz_scenario");
}
