/* cmd_run.c — `portee run` and `portee validate`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "models/registry.h"
#include "sim/base/signals.h"
#include "sim/base/textutil.h"
#include "sim/cli/cli.h"
#include "sim/engine/work.h"
#include "sim/run/run.h"
#include "sim/run/size.h"
#include "sim/scenario/scenario.h"

#define MAX_SETS 256

static const char run_help[] =
    "usage: portee run [SCENARIO.yaml] [options]\n"
    "\n"
    "Simulates every model of the scenario at every sweep point and writes an HDF5\n"
    "results file, then prints its summary table (a sweep: one row per point; every\n"
    "output: portee info FILE --all; every step: portee export FILE -o OUT.csv).\n"
    "A sweep longer than 2 s shows its progress on the terminal as its points finish\n"
    "(points done, replicates per second, time left); not with -q nor when standard\n"
    "error is a file.\n"
    "Without SCENARIO, runs the built-in default: a 1,000-follower page reaching about\n"
    "60 people per post unpaid (scenarios/default.yaml).  SCENARIO - reads it from\n"
    "standard input.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE     results file (default: SCENARIO's name with .h5, in the\n"
    "                        current folder; default.h5 for the built-in scenario).\n"
    "                        Written under a temporary name and renamed when complete:\n"
    "                        a failed run leaves an existing FILE untouched.\n"
    "  --replicates N        replicates per sweep point (same as --set replicates=N)\n"
    "  --seed S              random seed (same as --set seed=S); same seed, same results,\n"
    "                        whatever the thread count\n"
    "  --threads T           OpenMP threads (default: OMP_NUM_THREADS or all cores)\n"
    "  --set KEY.PATH=VALUE  override any scenario key; VALUE is YAML, so a distribution\n"
    "                        works too. Repeatable; a set of the page or a model is\n"
    "                        added to the run's name (its titles). Examples:\n"
    "                          --set page.followers=5000\n"
    "                          --set 'reach.share_rate={dist: beta, mean: 0.01, sd: 0.005}'\n"
    "                          --set 'sweep.page.followers=[500, 1000, 5000]'\n"
    "                          --set sweep.design=latin --set sweep.samples=64\n"
    "                            (latin or sobol: 64 points over the {from:, to:} ranges)\n"
    "                          --set output.replicates=false   (summaries only)\n"
    "  -q, --quiet           do not print the summary table nor the progress line\n"
    "  --shard I/N           run only sweep points p with p % N == I (I from 0 to N-1, as\n"
    "                        SLURM_ARRAY_TASK_ID with sbatch --array=0-N-1) into a part\n"
    "                        file (default -o: STEM-part-I.h5); join the N parts with\n"
    "                        portee merge\n"
    "  --resume              finish FILE: keep the points an interrupted run (or shard)\n"
    "                        stored there and compute only the missing ones; the final\n"
    "                        file is the one an uninterrupted run writes.  FILE must hold\n"
    "                        the same scenario, seed and replicates (and --shard);\n"
    "                        without FILE it starts from scratch, on a complete FILE it\n"
    "                        does nothing\n"
    "  --force               replace FILE even when it is not a portee results file\n"
    "                        (without it such a file, a scenario given as -o say, is\n"
    "                        refused and left as it is)\n";

/* after the options (a second string: C17 promises literals of 4,095 bytes) */
static const char run_help_notes[] =
    "\n"
    "Interrupting (Ctrl-C, SIGTERM as Slurm sends at walltime, or SIGUSR1) stops the\n"
    "run within seconds: the points finished so far are kept in FILE marked incomplete\n"
    "(in STEM.incomplete.h5 when FILE held a result already, which stays untouched); a\n"
    "second signal quits at once.  Exit status 1; finish with the same command and\n"
    "--resume.  A disk that fills up during the run is handled the same way: room\n"
    "to close the file is set aside at the start, so the points written are kept.\n"
    "\n"
    "MPI (when portee --version says \"with MPI\"): mpirun -np N portee run SWEEP.yaml -o\n"
    "FILE spreads the sweep points over N ranks, each with --threads (or OMP_NUM_THREADS)\n"
    "threads; rank 0 writes FILE.  The numbers are those of a run on one thread, bit for\n"
    "bit; --shard and --resume work under mpirun too.  For a clean stop send mpirun\n"
    "SIGUSR1, which it passes to every rank at once (on SIGTERM it kills the ranks a\n"
    "second after passing it on).  scenarios/slurm/ has sbatch examples.\n"
    "--writers K (a prototype for hundreds of ranks, where one writer cannot keep up;\n"
    "docs/performance.md): K groups of consecutive ranks (a node's, say) each write\n"
    "the shard I/K of the sweep to FILE-part-I.h5 (--writers node: a group per node,\n"
    "by processor name, whatever the placement); once every group has finished, rank 0\n"
    "joins the parts into FILE and removes them.  If a group fails or is stopped, the\n"
    "parts stay as they are: the same command with --resume finishes and joins them.\n"
    "\n"
    "Before anything is written, the results file's size is estimated: a run whose file\n"
    "could pass output.max_size (GB, default 20; --set output.max_size=0 for no limit),\n"
    "or whose summaries alone would not fit in the free space there, is refused (exit 2).\n"
    "\n"
    "Parameters and their ranges: portee params.  Check a file first: portee validate.\n";

static const char validate_help[] =
    "usage: portee validate SCENARIO.yaml [--set KEY.PATH=VALUE]...\n"
    "\n"
    "Checks a scenario without running it: YAML syntax, unknown keys (with a suggestion\n"
    "for typos), value types, ranges, distributions and sweeps.  Problems are reported as\n"
    "FILE:LINE:COLUMN: message.  Prints how large the results file can get and the\n"
    "memory a run needs; a scenario whose file could pass output.max_size (GB, default\n"
    "20; 0: no limit) is refused as a run would refuse it.  Exit status 0 if valid, 2\n"
    "if not.\n";

typedef struct {
    const char *scenario, *output;
    const char *sets[MAX_SETS];
    char *owned[2];
    size_t n_sets;
    int threads;
    bool quiet, resume, force;
    uint64_t shard_index, shard_count;
    int writers;
    portee_lang_t lang;   /* the scenario's output.language, once loaded */
    void *progress;       /* the progress line's state (progress_t) */
} run_args_t;

static int add_set(run_args_t *a, const char *cmd, const char *set)
{
    if (a->n_sets == MAX_SETS) return portee_cli_usage(cmd, "too many --set options (max %d)", MAX_SETS);
    a->sets[a->n_sets++] = set;
    return 0;
}

/* --replicates N and --seed S are spelled as --set overrides of the same keys. */
static int add_key_set(run_args_t *a, const char *key, const char *value, int slot)
{
    char *s = portee_cli_key_set(key, value);
    if (!s) return 1;
    free(a->owned[slot]);
    a->owned[slot] = s;
    return add_set(a, "run", s);
}

static int parse_args(int argc, char **argv, const char *cmd, bool is_run, run_args_t *a)
{
    for (int i = 1; i < argc; i++) {
        bool missing = false;
        const char *v = NULL;
        const char *arg = argv[i];
        int rc = 0;
        if (portee_cli_is_help(arg)) {
            fputs(is_run ? run_help : validate_help, stdout);
            if (is_run) fputs(run_help_notes, stdout);
            return -1;
        } else if (portee_cli_option(argc, argv, &i, "--set", NULL, &v, &missing)) {
            if (!missing) rc = add_set(a, cmd, v);
        } else if (is_run && portee_cli_option(argc, argv, &i, "--output", "-o", &v, &missing)) {
            a->output = v;
        } else if (is_run && portee_cli_option(argc, argv, &i, "--replicates", "-n", &v, &missing)) {
            if (!missing) rc = add_key_set(a, "replicates", v, 0);
        } else if (is_run && portee_cli_option(argc, argv, &i, "--seed", NULL, &v, &missing)) {
            if (!missing) rc = add_key_set(a, "seed", v, 1);
        } else if (is_run && portee_cli_option(argc, argv, &i, "--threads", "-t", &v, &missing)) {
            uint64_t t;
            if (!missing && !portee_cli_count(v, 1, 4096, &t))
                return portee_cli_usage(cmd, "--threads: expected a whole number from 1 to 4096, got '%s'", v);
            if (!missing) a->threads = (int)t;
        } else if (is_run && portee_cli_option(argc, argv, &i, "--writers", NULL, &v, &missing)) {
            uint64_t k;
            if (!missing && !strcmp(v, "node"))
                a->writers = PORTEE_WRITERS_NODE;
            else if (!missing && !portee_cli_count(v, 1, 1000000, &k))
                return portee_cli_usage(cmd, "--writers: expected node or a whole number from 1 to 1000000, got '%s'",
                                        v);
            else if (!missing)
                a->writers = (int)k;
        } else if (is_run && portee_cli_option(argc, argv, &i, "--shard", NULL, &v, &missing)) {
            char why[256];
            if (!missing && !portee_work_parse_shard(v, &a->shard_index, &a->shard_count, why, sizeof why))
                return portee_cli_usage(cmd, "--shard: %s", why);
        } else if (is_run && (!strcmp(arg, "-q") || !strcmp(arg, "--quiet"))) {
            a->quiet = true;
        } else if (is_run && !strcmp(arg, "--resume")) {
            a->resume = true;
        } else if (is_run && !strcmp(arg, "--force")) {
            a->force = true;
        } else if (arg[0] == '-' && arg[1]) {
            return portee_cli_usage(cmd, "unknown option '%s'", arg);
        } else if (a->scenario) {
            return portee_cli_usage(cmd, "one scenario at a time (got '%s' and '%s')", a->scenario, arg);
        } else {
            a->scenario = arg;
        }
        if (missing) return portee_cli_usage(cmd, "option '%s' needs a value", arg);
        if (rc) return rc;
    }
    if (portee_mpi_grouped(a->writers) && a->shard_count)
        return portee_cli_usage(cmd, "--writers and --shard do not go together: the writer groups are the shards");
    if (portee_mpi_grouped(a->writers) && a->scenario && !strcmp(a->scenario, "-"))
        return portee_cli_usage(cmd, "--writers: the scenario must be a file (mpirun gives standard input to "
                                     "one rank only, and each group reads the scenario)");
    return 0;
}

static void free_args(run_args_t *a)
{
    free(a->owned[0]);
    free(a->owned[1]);
}

static void loaded_note(void *ctx, const portee_scenario_t *sc, bool first)
{
    ((run_args_t *)ctx)->lang = sc->language;
    if (first) portee_cli_warnings(sc); /* once, not once per writer group */
}

/* "results file up to 2.1 GB (...), memory about 310 MB" */
static void size_line(FILE *f, const portee_run_size_t *sz)
{
    char total[32], reps[32], mem[32];
    portee_run_size_format(total, sizeof total, sz->fixed + sz->replicates);
    portee_run_size_format(reps, sizeof reps, sz->replicates);
    portee_run_size_format(mem, sizeof mem, sz->memory);
    fprintf(f, "results file up to %s (%s of it replicates, stored compressed), memory about %s", total, reps,
            mem);
}

static void start_note(void *ctx, const portee_run_result_t *res)
{
    const run_args_t *a = ctx;
    for (const char *n = res->notes; n && *n;) { /* what was cleaned up is said, even with -q */
        const char *end = strchr(n, '\n');
        const int len = end ? (int)(end - n) : (int)strlen(n);
        fprintf(stderr, "portee: %.*s\n", len, n);
        n = end ? end + 1 : n + len;
    }
    /* a large run says what it will take; a small one stays quiet */
    if (!a->quiet && (res->size.fixed + res->size.replicates > 1000000000u || res->size.memory > 1000000000u)) {
        fputs("portee: ", stderr);
        size_line(stderr, &res->size);
        fputc('\n', stderr);
    }
    if (!res->resuming) return;
    fprintf(stderr, "portee: resuming %s: %llu point%s already there, %llu (model, point) run%s to go\n",
            res->output, (unsigned long long)res->points_resumed, res->points_resumed == 1 ? "" : "s",
            (unsigned long long)res->runs_to_go, res->runs_to_go == 1 ? "" : "s");
}

/* The progress line: on a terminal only, from 2 s into the run, rewritten
 * at most twice a second and cleared at the end. */
typedef struct {
    run_args_t *a;
    double t0, last, after;
    bool shown;
} progress_t;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void progress(void *ctx, uint64_t done, uint64_t total, uint64_t replicates)
{
    progress_t *p = ((run_args_t *)ctx)->progress;
    const double t = now_s(), elapsed = t - p->t0;
    if (elapsed < p->after || t - p->last < 0.5 || done >= total) return;
    p->last = t;
    p->shown = true;
    const portee_lang_t L = p->a->lang;
    char d[48], n[48], rate[48], left[48];
    portee_fmt_fixed(d, sizeof d, (double)done, 0, L);
    portee_fmt_fixed(n, sizeof n, (double)total, 0, L);
    portee_fmt_num(rate, sizeof rate, (double)replicates / elapsed, L);
    const double eta = elapsed * (double)(total - done) / (double)done;
    if (eta < 90) snprintf(left, sizeof left, portee_tr(L, "%.0f s"), eta);
    else if (eta < 5400) snprintf(left, sizeof left, portee_tr(L, "%.0f min"), eta / 60);
    else snprintf(left, sizeof left, portee_tr(L, "%.1f h"), eta / 3600);
    fprintf(stderr, portee_tr(L, "\rportee: %s of %s points, %s replicates/s, about %s left \033[K"), d, n, rate,
            left);
    fflush(stderr);
}

static void progress_clear(const progress_t *p)
{
    if (!p->shown) return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
}

/* A run cut short (WHY: "interrupted by a signal", or the write error of a
 * full disk): where the points finished are, and how to finish. */
static void kept_note(const portee_run_result_t *res, const char *why)
{
    const char *out = res->output, *kept = res->kept;
    const uint64_t of = res->points_wanted;
    if (!kept) {
        fprintf(stderr, "portee: error: %s before any point finished: %s was not written%s\n", why, out,
                res->output_exists ? " (the existing file is untouched)" : "");
        return;
    }
    fprintf(stderr, "portee: error: %s: the %llu of %llu point%s finished are kept in %s, marked incomplete", why,
            (unsigned long long)res->points_kept, (unsigned long long)of, of == 1 ? "" : "s", kept);
    if (strcmp(kept, out)) fprintf(stderr, " (%s already held results and is untouched)", out);
    fprintf(stderr, "; %sfinish with the same command and ", res->out_of_space ? "free some space, then " : "");
    if (strcmp(kept, out)) fprintf(stderr, "-o %s ", kept);
    fputs("--resume\n", stderr);
}

/* "wrote part-1.h5 (4 of 12 points (shard 1/3) x 2000 replicates in 0.20 s
 * on 2 ranks x 2 threads)" */
static void report_written(const portee_run_result_t *res)
{
    const uint64_t P = res->points;
    char points[96], where[64];
    if (res->shard_count)
        snprintf(points, sizeof points, "%llu of %llu points (shard %llu/%llu)",
                 (unsigned long long)res->points_wanted, (unsigned long long)P,
                 (unsigned long long)res->shard_index, (unsigned long long)res->shard_count);
    else
        snprintf(points, sizeof points, "%llu point%s", (unsigned long long)P, P == 1 ? "" : "s");
    if (res->ranks > 1)
        snprintf(where, sizeof where, "%d ranks x %d thread%s", res->ranks, res->threads,
                 res->threads == 1 ? "" : "s");
    else
        snprintf(where, sizeof where, "%d thread%s", res->threads, res->threads == 1 ? "" : "s");
    fprintf(stderr, "portee: wrote %s (%s x %llu replicates in %.2f s on %s)\n", res->output, points,
            (unsigned long long)res->replicates, res->wall_time, where);
}

/* --writers: a group's failure told at once, not after the other groups'
 * runs (portee_run's on_group_failed). */
static void group_failed(void *ctx, const portee_error_t *err)
{
    const run_args_t *a = ctx;
    if (a->progress) progress_clear(a->progress); /* a group of one rank may show the line */
    portee_cli_error(err); /* stderr is unbuffered: out at once */
}

int portee_cmd_run(int argc, char **argv)
{
    run_args_t a = {0};
    int rc = parse_args(argc, argv, "run", true, &a);
    if (rc) {
        free_args(&a);
        return rc < 0 ? 0 : rc;
    }
    portee_signals_catch(false); /* before the temporary file exists: it is always cleaned up */
    const portee_run_opts_t opts = {
        .registry = &portee_registry, .scenario = a.scenario, .sets = a.sets, .n_sets = a.n_sets,
        .output = a.output, .threads = a.threads, .resume = a.resume, .force = a.force, .shard_index = a.shard_index,
        .shard_count = a.shard_count, .writers = a.writers, .stop = &portee_stop, .on_loaded = loaded_note, .on_start = start_note,
        .on_group_failed = group_failed,
        .ctx = &a};
    portee_run_opts_t ro = opts;
    /* PORTEE_PROGRESS_AFTER (seconds, default 2): when the line appears; 0 in the tests */
    const char *after = getenv("PORTEE_PROGRESS_AFTER");
    progress_t prog = {.a = &a, .t0 = now_s(), .after = after ? atof(after) : 2};
    a.progress = &prog;
    /* a line rewritten in place is for a person watching: not with -q, not into a file */
    if (!a.quiet && isatty(STDERR_FILENO)) ro.on_progress = progress;
    portee_run_result_t res;
    portee_error_t err;
    const portee_status_t st = portee_run(&ro, &res, &err);
    progress_clear(&prog);
    if (res.rank != 0 || res.told_by_first) /* rank 0 reports for every rank */
        rc = portee_status_exit_code(st);
    else if (res.interrupted || res.out_of_space) {
        kept_note(&res, res.interrupted ? "interrupted by a signal" : err.msg);
        if (res.interrupted && res.groups_unfinished > 1) /* the others' parts wait too (each said where);
                                                             out of space, err.msg says it */
            fprintf(stderr, "portee: %d of the %d writer groups did not finish: the parts are kept, not joined; "
                            "run the same command with --resume to finish them\n",
                    res.groups_unfinished, res.mpi.groups);
        rc = 1;
    } else if (st) {
        rc = res.failure_told ? portee_status_exit_code(st) : portee_cli_error(&err);
    } else {
        if (res.nothing_to_do)
            fprintf(stderr, "portee: %s already holds every point of this run: nothing to resume\n", res.output);
        else
            report_written(&res);
        if (res.merged) {
            fprintf(stderr, "portee: joined the %d writer groups' parts into %s\n", res.parts_merged, res.merged);
            if (!a.quiet) rc = portee_cli_print_table(res.merged);
        } else if (!a.quiet && res.mpi.groups == 1 && !res.nothing_to_do) {
            rc = portee_cli_print_table(res.output);
        }
    }
    portee_run_result_free(&res);
    free_args(&a);
    return rc;
}

int portee_cmd_validate(int argc, char **argv)
{
    run_args_t a = {0};
    int rc = parse_args(argc, argv, "validate", false, &a);
    if (rc) return rc < 0 ? 0 : rc;
    if (!a.scenario) return portee_cli_usage("validate", "which scenario? e.g. portee validate scenarios/default.yaml");
    portee_error_t err;
    portee_scenario_t *sc;
    if (portee_scenario_load(&portee_registry, a.scenario, a.sets, a.n_sets, &sc, &err)) return portee_cli_error(&err);
    portee_cli_warnings(sc);
    const bool sampled = sc->design != PORTEE_DESIGN_GRID;
    printf("%s: valid: \"%s\", %llu replicates x %llu point%s%s%s%s, models:", a.scenario, sc->name,
           (unsigned long long)sc->replicates, (unsigned long long)sc->n_points,
           sc->n_points == 1 ? "" : "s", sampled ? " (" : "",
           sampled ? portee_design_name(sc->design) : "", sampled ? " design)" : "");
    for (size_t i = 0; i < sc->n_models; i++) printf(" %s", sc->models[i].model->name);
    putchar('\n');
    portee_run_size_t sz;
    portee_run_size(sc, a.threads, NULL, &sz);
    fputs("  ", stdout);
    size_line(stdout, &sz);
    putchar('\n');
    rc = 0;
    if (portee_run_size_check(sc, &sz, &err)) {
        /* valid, but a run would refuse it: say so, and fail like the run would */
        rc = portee_cli_error(&err);
    }
    portee_scenario_free(sc);
    return rc;
}
