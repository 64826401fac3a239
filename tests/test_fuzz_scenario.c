/* test_fuzz_scenario.c — a deterministic mutation fuzzer for the scenario loader.
 *
 * Seeds: every *.yaml under $PORTEE_SCENARIOS (the embedded default scenario
 * if that is unset or holds none), plus a few built-in scenarios that use
 * sweeps (grid, Latin and Sobol), ranges, distributions and the output
 * section.  From a fixed seed it makes about 20,000 inputs by stacking
 * mutations (bit flips, insertions of YAML-significant characters and tokens,
 * deletions, truncations, duplicated slices, line edits, number swaps,
 * splices between seeds: fuzz_mutate.c) and feeds each to
 * portee_scenario_load_text(), some with `--set` overrides (also mutated).
 *
 * Every call must return PORTEE_OK or PORTEE_EINPUT.  A failure must leave a
 * non-empty message located at the source (it starts with the source name or
 * "--set").  A success must give n_points >= 1, replicates >= 2, and a
 * resolved text, small enough to be a scenario file, that loads again to the
 * same scenario (a sampled design's points bit for bit) and resolves to the
 * same text (a fixed point).  Inputs at the loader's limits (sweep steps, grid
 * size and samples, replicates, aliases, nesting, node count) are tried just
 * inside and just outside each limit.
 *
 * Environment: PORTEE_FUZZ_SEED (default 20240611), PORTEE_FUZZ_ITERS (20000),
 * PORTEE_FUZZ_SAVE=DIR saves failing inputs as DIR/fuzz-fail-N.yaml, and a
 * crash (signal or sanitizer report) saves the input being tried as
 * DIR/fuzz-crash-N.yaml (DIR defaults to the current folder).  Replay one
 * input: PORTEE_FUZZ_ONLY=N. */
#include <dirent.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "models/registry.h"
#include "sim/scenario/scenario.h"
#include "sim/base/yamltree.h"
#include "fuzz_mutate.h"
#include "testutil.h"

#define DEFAULT_ITERS 20000
#define DEFAULT_SEED 20240611u
#define MAX_SEEDS 64
#define MAX_SAVED 8               /* failing inputs written per run */
#define MAX_SETS 4

/* ---- seeds ---- */

static fuzz_seed_t seeds[MAX_SEEDS];
static size_t n_seeds;

static void add_seed(const char *name, const char *text, size_t len)
{
    if (n_seeds == MAX_SEEDS) return;
    fuzz_seed_t *s = &seeds[n_seeds++];
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
    "  friends_sigma: {dist: lognormal, median: 0.5, sigma: 0.3, max: 4}\n"
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

    "name: lhs\n"
    "seed: 99\n"
    "replicates: 50\n"
    "reach:\n"
    "  reachable_population: 1e7\n"
    "sweep:\n"
    "  design: latin\n"
    "  samples: 40\n"
    "  reach.followers: {from: 100, to: 100000, scale: log}\n"
    "  reach.reach_rate: {from: 0.02, to: 0.1}\n"
    "  reach.friends_sigma: {from: 2, to: 0.5, scale: linear}\n",

    "{reach: {followers: 10}, sweep: {design: sobol, samples: 16, "
    "reach.share_rate: {from: 0.001, to: 0.02, scale: log}}}\n",

    ("{name: flow, seed: 18446744073709551615, replicates: 2, reach: {followers: 0, "
     "reach_rate: 1, share_rate: 0}, output: {replicates: yes}}\n"),
};

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
        a->keep_replicates != b->keep_replicates || a->histogram_bins != b->histogram_bins ||
        a->design != b->design || !a->design_points != !b->design_points)
        return false;
    if (a->design_points &&
        memcmp(a->design_points, b->design_points, a->n_points * a->n_axes * sizeof(double)) != 0)
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
        portee_scenario_load_text(&portee_registry, src, copy, len, (const char *const *)sets, n_sets, &sc, &err);
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
                    portee_scenario_load_text(&portee_registry, src, sc->resolved, rl, NULL, 0, &again, &err2);
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


/* A list [1, 2, ... n] of whole numbers. */
static void append_list(fuzz_buf_t *b, size_t n)
{
    fuzz_buf_appendf(b, "[");
    for (size_t i = 1; i <= n; i++) fuzz_buf_appendf(b, i > 1 ? ", %zu" : "%zu", i);
    fuzz_buf_appendf(b, "]");
}

/* Each limit, just inside (must load) and just outside (must be rejected),
 * through the same property checks as the mutated inputs. */
static void boundary_inputs(void)
{
    static const char head[] = "name: limits\nreplicates: 2\nreach:\n  followers: &f 10\n";
    long id = 1000000;
    for (int outside = 0; outside <= 1; outside++) {
        const portee_status_t want = outside ? PORTEE_EINPUT : PORTEE_OK;
        fuzz_buf_t b = {0};

        /* The longest sweep range: 100,000 steps (and one more). */
        b.n = 0;
        fuzz_buf_appendf(&b, "%ssweep:\n  reach.reach_rate: {from: 0, to: 0.1, steps: %d}\n", head,
                100000 + outside);
        try_input(id++, "limits.yaml", b.p, b.n, NULL, 0);
        CHECK(last_status == want,
              "a sweep range of %d steps: expected status %d (%s)", 100000 + outside, (int)want,
              last_msg);

        /* The largest grid: 1000 x 1000 points (and 1000 x 1001). */
        b.n = 0;
        fuzz_buf_appendf(&b, "%s  reachable_population: 1e9\nsweep:\n  reach.followers: ", head);
        append_list(&b, 1000);
        fuzz_buf_appendf(&b, "\n  reach.friends_median: ");
        append_list(&b, 1000 + (size_t)outside);
        fuzz_buf_appendf(&b, "\n");
        try_input(id++, "limits.yaml", b.p, b.n, NULL, 0);
        CHECK(last_status == want,
              "a 1000 x %d sweep grid: expected status %d (%s)", 1000 + outside, (int)want,
              last_msg);

        /* The most points of a sampled design (and one more). */
        b.n = 0;
        fuzz_buf_appendf(&b, "%ssweep:\n  design: latin\n  samples: %llu\n"
                             "  reach.reach_rate: {from: 0, to: 0.1}\n",
                         head, (unsigned long long)PORTEE_MAX_POINTS + (unsigned)outside);
        try_input(id++, "limits.yaml", b.p, b.n, NULL, 0);
        CHECK(last_status == want, "a latin design of %llu samples: expected status %d (%s)",
              (unsigned long long)PORTEE_MAX_POINTS + (unsigned)outside, (int)want, last_msg);

        /* The most replicates. */
        b.n = 0;
        fuzz_buf_appendf(&b, "replicates: %llu\nreach:\n", (unsigned long long)PORTEE_MAX_REPLICATES + (unsigned)outside);
        try_input(id++, "limits.yaml", b.p, b.n, NULL, 0);
        CHECK(last_status == want,
              "replicates %llu: expected status %d (%s)",
              (unsigned long long)PORTEE_MAX_REPLICATES + (unsigned)outside, (int)want,
              last_msg);

        /* The most aliases: one axis anchors distinct values, the other
         * aliases them (sweep lists may not repeat a value). */
        b.n = 0;
        fuzz_buf_appendf(&b, "%ssweep:\n  reach.followers: [", head);
        for (int i = 0; i < PORTEE_YAML_MAX_ALIASES + outside; i++)
            fuzz_buf_appendf(&b, "%s&a%d %d", i ? ", " : "", i, 100 + i);
        fuzz_buf_appendf(&b, "]\n  reach.max_generations: [");
        for (int i = 0; i < PORTEE_YAML_MAX_ALIASES + outside; i++)
            fuzz_buf_appendf(&b, "%s*a%d", i ? ", " : "", i);
        fuzz_buf_appendf(&b, "]\n");
        try_input(id++, "limits.yaml", b.p, b.n, NULL, 0);
        CHECK(last_status == want,
              "%d aliases: expected status %d (%s)", PORTEE_YAML_MAX_ALIASES + outside, (int)want,
              last_msg);

        /* The deepest nesting: the root mapping, reach's mapping and
         * PORTEE_YAML_MAX_DEPTH - 2 lists in it (rejected either way, as
         * followers is a number, but only one more level is "nesting deeper"). */
        b.n = 0;
        fuzz_buf_appendf(&b, "reach:\n  followers: ");
        for (int i = 0; i < PORTEE_YAML_MAX_DEPTH - 2 + outside; i++) fuzz_buf_appendf(&b, "[");
        for (int i = 0; i < PORTEE_YAML_MAX_DEPTH - 2 + outside; i++) fuzz_buf_appendf(&b, "]");
        fuzz_buf_appendf(&b, "\n");
        try_input(id++, "limits.yaml", b.p, b.n, NULL, 0);
        CHECK(last_status == PORTEE_EINPUT &&
                  (strstr(last_msg, "nesting deeper") != NULL) == (outside == 1),
              "nesting %d deep: %s", PORTEE_YAML_MAX_DEPTH + outside, last_msg);

        /* The node budget: a document of exactly PORTEE_YAML_MAX_NODES values
         * gets past the parser (the loader may still refuse so long a list);
         * one more value is "document too large". */
        b.n = 0;
        fuzz_buf_appendf(&b, "reach:\nsweep:\n  reach.reach_rate: [");
        /* root, reach, its null value, sweep, its mapping, the key, the list: 7 nodes */
        const int list = PORTEE_YAML_MAX_NODES - 7 + outside;
        for (int i = 0; i < list; i++) fuzz_buf_appendf(&b, i ? ", 0" : "0");
        fuzz_buf_appendf(&b, "]\n");
        try_input(id++, "limits.yaml", b.p, b.n, NULL, 0);
        CHECK((strstr(last_msg, "document too large") != NULL) == (outside == 1),
              "a document of %d values: %s", PORTEE_YAML_MAX_NODES + outside, last_msg);

        /* A long list: its resolved text (spelled out) must load again too. */
        b.n = 0;
        fuzz_buf_appendf(&b, "reach:\n  reachable_population: 1e9\nsweep:\n  reach.followers: ");
        append_list(&b, outside ? 100 : 10000);
        fuzz_buf_appendf(&b, "\n  reach.friends_median: ");
        append_list(&b, outside ? 10000 : 100);
        fuzz_buf_appendf(&b, "\n");
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
                CHECK(portee_scenario_load_text(&portee_registry, paths[i], text, len, NULL, 0, &sc, &err) == PORTEE_OK,
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
        /* a seed that does not load would fuzz the loader's first refusal only */
        CHECK(portee_scenario_load_text(&portee_registry, name, builtin_seeds[i], strlen(builtin_seeds[i]), NULL, 0,
                                        &sc, &err) == PORTEE_OK,
              "built-in seed %zu does not load: %s", i, err.msg);
        portee_scenario_free(sc);
        add_seed(name, builtin_seeds[i], strlen(builtin_seeds[i]));
    }

    if (only < 0) boundary_inputs();

    /* The unmutated seeds, alone and with each --set of the pool (saved
     * inputs are numbered from 2000000 here, 1000000 for the limits). */
    long seed_id = 2000000;
    for (size_t i = 0; i < n_seeds && only < 0; i++) {
        try_input(seed_id++, "seed.yaml", seeds[i].text, seeds[i].len, NULL, 0);
        for (size_t k = 0; k < fuzz_set_pool_len; k++) {
            char *set = strdup(fuzz_set_pool[k]);
            if (!set) return 1;
            try_input(seed_id++, "seed.yaml", seeds[i].text, seeds[i].len, &set, 1);
            free(set);
        }
    }

    /* Each input has its own stream, so one can be replayed alone. */
    long failures = 0;
    fuzz_buf_t b = {0};
    for (long it = 0; it < iters; it++) {
        if (only >= 0 && it != only) continue;
        fuzz_prng_t r;
        fuzz_prng_seed(&r, seed ^ ((uint64_t)it * 0x9e3779b97f4a7c15u));
        const fuzz_seed_t *s = &seeds[fuzz_below(&r, n_seeds)];
        fuzz_buf_set(&b, s->text, s->len);
        /* Mostly one or two edits, sometimes a pile of them. */
        size_t roll = fuzz_below(&r, 10);
        size_t k = roll < 5 ? 1 : roll < 8 ? 2 + fuzz_below(&r, 3) : 5 + fuzz_below(&r, 12);
        for (size_t m = 0; m < k; m++) fuzz_mutate_once(&r, &b, seeds, n_seeds);

        char *sets[MAX_SETS];
        size_t n_sets = 0;
        if (fuzz_one_in(&r, 12)) {
            n_sets = 1 + fuzz_below(&r, MAX_SETS);
            for (size_t i = 0; i < n_sets; i++) sets[i] = fuzz_make_set(&r);
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
