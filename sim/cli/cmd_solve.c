/* cmd_solve.c — `portee solve`: the smallest value of one input that meets
 * a target with a stated probability (or on the mean), and the curve it
 * searched as a results file. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/base/lang.h"
#include "sim/base/signals.h"
#include "sim/cli/cli.h"
#include "sim/run/run.h"
#include "sim/run/solve.h"
#include "plots/chart_solve.h"
#include "models/registry.h"

#define MAX_SETS 64

static const char solve_help[] =
    "usage: portee solve [SCENARIO] --vary KEY --in LO:HI --target 'MODEL.OUTPUT >= X'\n"
    "                    (--probability P | --mean) [options]\n"
    "\n"
    "Finds the smallest value of one input in [LO, HI] at which the target is met:\n"
    "with --probability P, P(OUTPUT >= X) >= P over the replicates (\"at least 5,000\n"
    "people with 80 % confidence\"); with --mean, the mean meets it.  <= targets work\n"
    "the same way ('boost.cost_per_1000_incremental <= 15').  Prints\n"
    "  KEY = VALUE ± SD\n"
    "where SD is the Monte Carlo uncertainty of the answer (from 400 bootstrap resamples\n"
    "of the replicates), then the curve searched; writes that curve as a results file.\n"
    "\n"
    "Every value tried runs with common random numbers (replicate i sees the same random\n"
    "numbers at every value), so the curve is a fixed, smooth function of the input and\n"
    "a bisection on it is sound: 9 values over [LO, HI], then 7 inside the bracket each\n"
    "round, until the bracket is no wider than the tolerance.  The answer is the smallest\n"
    "value tried that meets the target (so at most the tolerance above the crossing).\n"
    "More replicates narrow the uncertainty (about as 1/sqrt(N)).\n"
    "\n"
    "options:\n"
    "  --vary KEY            the input, as a sweep names it: boost.budget,\n"
    "                        page.posts_per_week, page.followers (portee params)\n"
    "  --in LO:HI            the range searched, e.g. 0:500\n"
    "  --target 'M.O >= X'   a single-value output of a model the scenario runs\n"
    "  --probability P       the confidence wanted, 0 < P < 1 (0.8 or 80%)\n"
    "  --mean                the target is on the mean instead\n"
    "  --tolerance T         stop when the bracket is this narrow (default (HI-LO)/1000;\n"
    "                        at least 1 for a whole-number input)\n"
    "  --replicates N, --seed S, --set KEY.PATH=VALUE, --threads T: as for portee run\n"
    "  -o, --output FILE     the curve searched (default: SCENARIO's name with\n"
    "                        -solve.h5): a sweep over the values tried, the numbers the\n"
    "                        search saw; portee info FILE --prob 'M.O>=X' reads the\n"
    "                        probability at each, portee plot FILE charts it (one\n"
    "                        lever; two write no file)\n"
    "  --chart DIR           draw the curve searched (solve_curve.png) or, for two\n"
    "                        levers, the frontier (solve_frontier.png) into DIR\n"
    "  -q, --quiet           print the answer line only\n"
    "\n"
    "Two levers: --vary A --in LO:HI --vary B --in LO:HI --cost A=PRICE --cost B=PRICE\n"
    "gives the cheapest combination: for each of 11 values of A over its range (every\n"
    "whole number when there are at most 21), the smallest B meeting the target, and\n"
    "the cost A x PRICE_A + B x PRICE_B of each pair (the frontier), cheapest first\n"
    "line.  Costs are per unit of each lever, e.g. --cost page.posts_per_week=40 (what\n"
    "a weekly post costs to make) --cost boost.budget=1.\n"
    "\n"
    "exit status: 0 found (or met already at LO, which is said), 1 not met even at HI\n"
    "(the message gives what HI reaches), 2 bad usage or input.\n"
    "example: portee solve scenarios/boost_post.yaml --vary boost.budget --in 0:300 \\\n"
    "           --target 'boost.incremental_reach >= 5000' --probability 0.8\n";

typedef struct {
    portee_solve_opts_t o;
    const char *sets[MAX_SETS];
    char *owned[2];
    const char *output, *target, *chart;
    const char *vary[2], *range[2]; /* two levers: the first is varied over a grid */
    double lo[2], hi[2];
    int n_vary, n_in;
    const char *cost_key[2];
    double price[2];
    int n_cost;
    bool quiet, have_probability;
} args_t;

static int add_set(args_t *a, const char *set)
{
    if (a->o.n_sets == MAX_SETS) return portee_cli_usage("solve", "too many --set options (max %d)", MAX_SETS);
    a->sets[a->o.n_sets++] = set;
    return 0;
}

static int add_key_set(args_t *a, const char *key, const char *value, int slot)
{
    char *s = portee_cli_key_set(key, value);
    if (!s) return 1;
    free(a->owned[slot]);
    a->owned[slot] = s;
    return add_set(a, s);
}

static bool parse_number(const char *s, double *x)
{
    char *end;
    errno = 0;
    *x = strtod(s, &end);
    return end != s && !*end && !errno && isfinite(*x);
}

static int parse_probability(args_t *a, const char *v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s", v);
    const size_t n = strlen(buf);
    const bool percent = n && buf[n - 1] == '%';
    if (percent) buf[n - 1] = '\0';
    double p = NAN;
    if (parse_number(buf, &p) && percent) p /= 100;
    if (!(p > 0 && p < 1))
        return portee_cli_usage("solve", "--probability: expected a number between 0 and 1 (0.8) or a percentage "
                                         "(80%%), got '%s'",
                                v);
    a->o.probability = p;
    a->have_probability = true;
    return 0;
}

static int parse_range(args_t *a, const char *v)
{
    if (a->n_in == 2) return portee_cli_usage("solve", "at most two --in (one per --vary)");
    const char *colon = strchr(v, ':');
    char lo[64];
    if (!colon || (size_t)(colon - v) >= sizeof lo)
        return portee_cli_usage("solve", "--in: expected LO:HI, e.g. 0:500, got '%s'", v);
    memcpy(lo, v, (size_t)(colon - v));
    lo[colon - v] = '\0';
    const int k = a->n_in;
    if (!parse_number(lo, &a->lo[k]) || !parse_number(colon + 1, &a->hi[k]))
        return portee_cli_usage("solve", "--in: expected two numbers LO:HI, got '%s'", v);
    if (!(a->lo[k] < a->hi[k])) return portee_cli_usage("solve", "--in %s: LO must be below HI", v);
    a->range[a->n_in++] = v;
    return 0;
}

/* --cost KEY=PRICE: what one unit of a lever costs */
static int parse_cost(args_t *a, const char *v)
{
    if (a->n_cost == 2) return portee_cli_usage("solve", "at most two --cost (one per --vary)");
    const char *eq = strrchr(v, '=');
    if (!eq || eq == v || !parse_number(eq + 1, &a->price[a->n_cost]) || a->price[a->n_cost] < 0)
        return portee_cli_usage("solve", "--cost: expected KEY=PRICE with PRICE >= 0, e.g. boost.budget=1, got '%s'",
                                v);
    a->cost_key[a->n_cost++] = v;
    return 0;
}

/* the price of lever KEY from --cost, or -1 */
static double price_of(const args_t *a, const char *key)
{
    for (int i = 0; i < a->n_cost; i++) {
        const size_t n = (size_t)(strrchr(a->cost_key[i], '=') - a->cost_key[i]);
        if (strlen(key) == n && !strncmp(key, a->cost_key[i], n)) return a->price[i];
    }
    return -1;
}

static int parse_args(int argc, char **argv, args_t *a)
{
    for (int i = 1; i < argc; i++) {
        bool missing = false;
        const char *v = NULL, *arg = argv[i];
        int rc = 0;
        if (portee_cli_is_help(arg)) {
            fputs(solve_help, stdout);
            return -1;
        } else if (portee_cli_option(argc, argv, &i, "--vary", NULL, &v, &missing)) {
            if (!missing && a->n_vary == 2) return portee_cli_usage("solve", "at most two --vary (two levers)");
            if (!missing) a->vary[a->n_vary++] = v;
        } else if (portee_cli_option(argc, argv, &i, "--in", NULL, &v, &missing)) {
            if (!missing) rc = parse_range(a, v);
        } else if (portee_cli_option(argc, argv, &i, "--cost", NULL, &v, &missing)) {
            if (!missing) rc = parse_cost(a, v);
        } else if (portee_cli_option(argc, argv, &i, "--chart", NULL, &v, &missing)) {
            a->chart = v;
        } else if (portee_cli_option(argc, argv, &i, "--target", NULL, &v, &missing)) {
            a->target = v;
        } else if (portee_cli_option(argc, argv, &i, "--probability", "-p", &v, &missing)) {
            if (!missing) rc = parse_probability(a, v);
        } else if (!strcmp(arg, "--mean")) {
            a->o.on_mean = true;
        } else if (portee_cli_option(argc, argv, &i, "--tolerance", NULL, &v, &missing)) {
            if (!missing && (!parse_number(v, &a->o.tolerance) || a->o.tolerance <= 0))
                return portee_cli_usage("solve", "--tolerance: expected a positive number, got '%s'", v);
        } else if (portee_cli_option(argc, argv, &i, "--set", NULL, &v, &missing)) {
            if (!missing) rc = add_set(a, v);
        } else if (portee_cli_option(argc, argv, &i, "--replicates", "-n", &v, &missing)) {
            if (!missing) rc = add_key_set(a, "replicates", v, 0);
        } else if (portee_cli_option(argc, argv, &i, "--seed", NULL, &v, &missing)) {
            if (!missing) rc = add_key_set(a, "seed", v, 1);
        } else if (portee_cli_option(argc, argv, &i, "--threads", "-t", &v, &missing)) {
            double t;
            if (!missing && (!parse_number(v, &t) || t != floor(t) || t < 1 || t > 4096))
                return portee_cli_usage("solve", "--threads: expected a whole number from 1 to 4096, got '%s'", v);
            if (!missing) a->o.threads = (int)t;
        } else if (portee_cli_option(argc, argv, &i, "--output", "-o", &v, &missing)) {
            a->output = v;
        } else if (!strcmp(arg, "-q") || !strcmp(arg, "--quiet")) {
            a->quiet = true;
        } else if (arg[0] == '-' && arg[1]) {
            return portee_cli_usage("solve", "unknown option '%s'", arg);
        } else if (a->o.scenario) {
            return portee_cli_usage("solve", "one scenario at a time (got '%s' and '%s')", a->o.scenario, arg);
        } else {
            a->o.scenario = arg;
        }
        if (missing) return portee_cli_usage("solve", "option '%s' needs a value", arg);
        if (rc) return rc;
    }
    if (!a->n_vary) return portee_cli_usage("solve", "--vary KEY is needed: the input to search, e.g. boost.budget");
    if (a->n_in != a->n_vary)
        return portee_cli_usage("solve", "--in LO:HI is needed for each --vary, in the same order, e.g. --vary "
                                         "boost.budget --in 0:500");
    /* the lever searched is the last one; with two, the first runs over a grid */
    a->o.vary = a->vary[a->n_vary - 1];
    a->o.lo = a->lo[a->n_in - 1];
    a->o.hi = a->hi[a->n_in - 1];
    if (a->n_vary == 2 && (price_of(a, a->vary[0]) < 0 || price_of(a, a->vary[1]) < 0))
        return portee_cli_usage("solve", "two levers: give the price of a unit of each, e.g. --cost %s=25 --cost %s=1",
                                a->vary[0], a->vary[1]);
    if (a->n_vary == 2 && a->output)
        return portee_cli_usage("solve", "-o writes the curve searched for one lever; two levers give a frontier, "
                                         "printed, and drawn with --chart DIR");
    if (!a->target)
        return portee_cli_usage("solve", "--target is needed, e.g. --target 'boost.incremental_reach >= 5000'");
    if (a->o.on_mean == a->have_probability)
        return portee_cli_usage("solve", a->o.on_mean ? "--mean and --probability: one or the other"
                                                      : "say how sure: --probability P (e.g. 0.8), or --mean");
    return 0;
}

/* the input's value to one digit past the tolerance's (money: to the cent
 * at least), in the input's unit */
static void format_input(char *buf, size_t len, double x, const portee_solve_result_t *r)
{
    if (!isfinite(x)) {
        snprintf(buf, len, "%s", x > 0 ? "beyond the range" : "-");
        return;
    }
    const bool money = r->input_unit && !strcmp(r->input_unit, "currency");
    int digits = r->integer ? 0 : (int)fmax(0, 1 - floor(log10(r->tolerance)));
    if (money && !r->integer && digits < 2) digits = 2;
    if (digits > 10) digits = 10;
    if (money) portee_fmt_money(buf, len, x, digits, r->currency, PORTEE_LANG_EN);
    else portee_fmt_fixed(buf, len, x, digits, PORTEE_LANG_EN);
}

/* a probability to 0.01 %, near the wanted one what matters is the second
 * decimal; a mean to 4 significant digits */
static void format_value(char *buf, size_t len, const args_t *a, double v)
{
    if (a->o.on_mean) {
        portee_fmt_sig(buf, len, v, 4, PORTEE_LANG_EN);
        return;
    }
    portee_fmt_fixed(buf, len, 100 * v, 2, PORTEE_LANG_EN);
    const size_t n = strlen(buf);
    snprintf(buf + n, len - n, " %%");
}

static void print_answer(const args_t *a, const portee_solve_result_t *r, const char *what)
{
    char x[64], sd[64], lo[64], hi[64], v[64], vse[64];
    format_input(x, sizeof x, r->answer, r);
    format_input(lo, sizeof lo, r->boot_p05, r);
    format_input(hi, sizeof hi, r->boot_p95, r);
    format_value(v, sizeof v, a, r->achieved);
    format_value(vse, sizeof vse, a, r->achieved_se);
    if (isfinite(r->boot_sd)) format_input(sd, sizeof sd, r->boot_sd, r);
    else snprintf(sd, sizeof sd, "?");
    if (r->outcome == PORTEE_SOLVE_MET_AT_LO) snprintf(sd, sizeof sd, "0");
    const bool money = r->input_unit && !strcmp(r->input_unit, "currency");
    const char *unit = r->input_unit && *r->input_unit && !money ? r->input_unit : "";
    printf("%s = %s ± %s%s%s%s (90 %% interval %s to %s; %s = %s ± %s there)\n", a->o.vary, x, sd, *unit ? " " : "",
           unit, "", lo, hi, what, v, vse);
}

static void print_curve(const args_t *a, const portee_solve_result_t *r, const char *what)
{
    printf("\n  %-14s  %-22s  %s\n", a->o.vary, what, "standard error");
    for (size_t k = 0; k < r->n_curve; k++) {
        char x[64], v[64], se[64];
        format_input(x, sizeof x, r->curve[k].x, r);
        format_value(v, sizeof v, a, r->curve[k].value);
        format_value(se, sizeof se, a, r->curve[k].se);
        const bool is_answer = r->outcome != PORTEE_SOLVE_NOT_MET && r->curve[k].x == r->answer;
        printf("  %14s  %22s  %s%s\n", x, v, se, is_answer ? "   <- the answer" : "");
    }
}

/* The values tried, run again as one sweep with the same streams. */
static int write_curve(const args_t *a, const portee_solve_result_t *r, const char **out)
{
    char *set = portee_solve_curve_set(&a->o, r);
    const char **sets = malloc((a->o.n_sets + 2) * sizeof *sets);
    if (!set || !sets) {
        free(set);
        free(sets);
        fputs("portee: error: out of memory\n", stderr);
        return 1;
    }
    for (size_t i = 0; i < a->o.n_sets; i++) sets[i] = a->o.sets[i];
    sets[a->o.n_sets] = set;
    sets[a->o.n_sets + 1] = "sweep.common_random_numbers=true";
    char stem[4096];
    const char *base = a->o.scenario ? strrchr(a->o.scenario, '/') : NULL;
    base = base ? base + 1 : a->o.scenario ? a->o.scenario : "default";
    const char *dot = strrchr(base, '.');
    snprintf(stem, sizeof stem, "%.*s-solve.h5", (int)(dot && dot != base ? dot - base : (long)strlen(base)), base);
    const portee_run_opts_t ro = {.registry = &portee_registry, .scenario = a->o.scenario, .sets = sets,
                                  .n_sets = a->o.n_sets + 2, .output = a->output ? a->output : stem,
                                  .threads = a->o.threads, .stop = &portee_stop};
    portee_run_result_t res;
    portee_error_t err;
    const portee_status_t st = portee_run(&ro, &res, &err);
    int rc = 0;
    if (st) rc = portee_cli_error(&err);
    else *out = strdup(res.output);
    portee_run_result_free(&res);
    free(set);
    free(sets);
    return rc;
}

static int chart(const args_t *a, const char *name, const portee_solve_chart_t *c)
{
    const portee_plot_opts_t po = {.dir = a->chart, .format = PORTEE_GP_PNG, .gnuplot = "gnuplot", .lang = "en"};
    portee_error_t err;
    if (portee_chart_solve(&po, name, c, &err)) return portee_cli_error(&err);
    if (!a->quiet) fprintf(stderr, "portee: wrote %s/%s.png\n", a->chart, name);
    return 0;
}

static int curve_chart(const args_t *a, const portee_solve_result_t *r, const char *what)
{
    double *x = malloc((r->n_curve + 1) * sizeof *x), *y = malloc((r->n_curve + 1) * sizeof *y),
           *e = malloc((r->n_curve + 1) * sizeof *e);
    int rc = 1;
    if (x && y && e) {
        for (size_t k = 0; k < r->n_curve; k++) {
            x[k] = r->curve[k].x;
            y[k] = r->curve[k].value;
            e[k] = r->curve[k].se;
        }
        char title[400], wanted[120], answer[160], xv[64];
        snprintf(title, sizeof title, "%s: the smallest %s meeting the target", r->name, a->o.vary);
        if (a->o.on_mean) snprintf(wanted, sizeof wanted, "target %g", a->o.target.threshold);
        else snprintf(wanted, sizeof wanted, "wanted: %g %%", 100 * a->o.probability);
        format_input(xv, sizeof xv, r->answer, r);
        snprintf(answer, sizeof answer, "answer: %s", xv);
        const bool met = r->outcome != PORTEE_SOLVE_NOT_MET;
        const portee_solve_chart_t c = {.title = title, .x_label = a->o.vary, .y_label = what, .x = x, .y = y,
                                        .err = e, .n = r->n_curve, .y_percent = !a->o.on_mean,
                                        .target = a->o.on_mean ? a->o.target.threshold : a->o.probability,
                                        .target_label = wanted, .answer_x = met ? r->answer : NAN,
                                        .answer_y = r->achieved, .answer_label = answer};
        rc = chart(a, "solve_curve", &c);
    } else {
        fputs("portee: error: out of memory\n", stderr);
    }
    free(x);
    free(y);
    free(e);
    return rc;
}

/* Two levers: the frontier and its cheapest pair. */
static int solve_two(args_t *a, const char *what)
{
    portee_frontier_t f;
    portee_error_t err;
    const double pa = price_of(a, a->vary[0]), pb = price_of(a, a->vary[1]);
    if (portee_solve_frontier(&a->o, a->vary[0], a->lo[0], a->hi[0], pa, pb, &f, &err)) {
        portee_frontier_free(&f);
        return portee_cli_error(&err);
    }
    const portee_solve_result_t *r = &f.last;
    portee_solve_result_t ra = {.integer = f.integer_a, .input_unit = f.unit_a, .tolerance = 1};
    memcpy(ra.currency, r->currency, sizeof ra.currency);
    int rc = 0;
    if (f.cheapest == f.n) {
        fprintf(stderr, "portee: error: the target is not met for any %s in [%g, %g] with %s in [%g, %g]; widen "
                        "--in\n", a->vary[0], a->lo[0], a->hi[0], a->vary[1], a->lo[1], a->hi[1]);
        rc = 1;
    } else {
        const portee_frontier_point_t *c = &f.pts[f.cheapest];
        char va[64], vb[64], sd[64];
        format_input(va, sizeof va, c->a, &ra);
        format_input(vb, sizeof vb, c->b, r);
        format_input(sd, sizeof sd, c->sd, r);
        char cost[64];
        portee_fmt_fixed(cost, sizeof cost, c->cost, 2, PORTEE_LANG_EN);
        printf("%s = %s, %s = %s ± %s (cost %s, the cheapest of %zu pairs meeting the target)\n", a->vary[0], va,
               a->vary[1], vb, sd, cost, f.n);
    }
    if (!a->quiet) {
        printf("\n  %-18s  %-18s  %-10s  %s\n", a->vary[0], a->vary[1], "± sd", "cost");
        for (size_t i = 0; i < f.n; i++) {
            const portee_frontier_point_t *p = &f.pts[i];
            char va[64], vb[64], sd[64];
            format_input(va, sizeof va, p->a, &ra);
            if (p->outcome == PORTEE_SOLVE_NOT_MET) snprintf(vb, sizeof vb, "not met");
            else format_input(vb, sizeof vb, p->b, r);
            format_input(sd, sizeof sd, p->sd, r);
            char cost[64];
            portee_fmt_fixed(cost, sizeof cost, p->cost, 2, PORTEE_LANG_EN);
            printf("  %18s  %18s  %10s  %12s%s\n", va, vb, sd, cost, i == f.cheapest ? "   <- the cheapest" : "");
        }
    }
    if (!rc && a->chart) {
        double x[21], y[21], e[21], cost[21];
        size_t n = 0;
        for (size_t i = 0; i < f.n; i++)
            if (isfinite(f.pts[i].b)) {
                x[n] = f.pts[i].a;
                y[n] = f.pts[i].b;
                e[n] = f.pts[i].sd;
                cost[n++] = f.pts[i].cost;
            }
        char title[400], yl[200], answer[96];
        char target[256];
        portee_target_format(&a->o.target, target, sizeof target);
        if (a->o.on_mean)
            snprintf(title, sizeof title, "%s: %s needed at each %s for %s on the mean", f.name ? f.name : "", a->vary[1],
                     a->vary[0], target);
        else
            snprintf(title, sizeof title, "%s: %s needed at each %s for %s >= %g %%", f.name ? f.name : "", a->vary[1], a->vary[0],
                     what, 100 * a->o.probability);
        snprintf(yl, sizeof yl, "%s needed", a->vary[1]);
        char least[48];
        portee_fmt_fixed(least, sizeof least, f.pts[f.cheapest].cost, 2, PORTEE_LANG_EN);
        snprintf(answer, sizeof answer, "the cheapest: cost %s", least);
        const portee_solve_chart_t c = {.title = title, .x_label = a->vary[0], .y_label = yl, .x = x, .y = y, .err = e,
                                        .n = n, .target = NAN, .answer_x = f.pts[f.cheapest].a,
                                        .answer_y = f.pts[f.cheapest].b, .answer_label = answer, .cost = cost,
                                        .cost_label = "cost of the pair"};
        rc = chart(a, "solve_frontier", &c);
    }
    ra.input_unit = NULL; /* f's */
    portee_frontier_free(&f);
    return rc;
}

int portee_cmd_solve(int argc, char **argv)
{
    args_t a = {.o = {.registry = &portee_registry}};
    a.o.sets = a.sets;
    int rc = parse_args(argc, argv, &a);
    portee_error_t err;
    if (!rc && portee_target_parse(&portee_registry, a.target, &a.o.target, &err))
        rc = portee_cli_usage("solve", "%s", err.msg);
    if (rc) {
        free(a.owned[0]);
        free(a.owned[1]);
        return rc < 0 ? 0 : rc;
    }
    portee_signals_catch(false);
    a.o.stop = &portee_stop;
    char target[256], what[300];
    portee_target_format(&a.o.target, target, sizeof target);
    if (a.o.on_mean) snprintf(what, sizeof what, "mean of %s.%s", a.o.target.model->name,
                              a.o.target.model->outputs[a.o.target.output].name);
    else snprintf(what, sizeof what, "P(%s)", target);
    if (a.n_vary == 2) {
        rc = solve_two(&a, what);
        free(a.owned[0]);
        free(a.owned[1]);
        return rc;
    }
    portee_solve_result_t r;
    portee_status_t st = portee_solve(&a.o, &r, &err);
    if (st) {
        rc = portee_cli_error(&err);
    } else {
        char p[48];
        snprintf(p, sizeof p, ">= %.10g %%", 100 * a.o.probability);
        if (!a.quiet)
            fprintf(stderr, "portee: %s: smallest %s in [%g, %g] with %s %s; %zu values tried in %zu rounds, "
                            "%llu replicates each, common random numbers\n",
                    r.name, a.o.vary, a.o.lo, a.o.hi, a.o.on_mean ? target : what,
                    a.o.on_mean ? "on the mean" : p, r.n_curve, r.rounds, (unsigned long long)r.replicates);
        if (r.outcome == PORTEE_SOLVE_NOT_MET) {
            char v[64];
            format_value(v, sizeof v, &a, r.achieved);
            fprintf(stderr, "portee: error: the target is not met in [%g, %g]: at %g, %s = %s; widen --in\n", a.o.lo,
                    a.o.hi, a.o.hi, what, v);
            rc = 1;
        } else {
            print_answer(&a, &r, what);
            if (r.outcome == PORTEE_SOLVE_MET_AT_LO)
                fprintf(stderr, "portee: note: the target is met already at the low end, %g: lower it to find "
                                "where it starts\n", a.o.lo);
            if (!r.monotone)
                fprintf(stderr, "portee: warning: the curve is not monotone: a value above the answer misses "
                                "the target (see the curve); the answer is the smallest value tried that meets "
                                "it\n");
            if (r.outcome == PORTEE_SOLVE_FOUND && r.boot_sd > r.tolerance) {
                char sd[64], tol[64];
                format_input(sd, sizeof sd, r.boot_sd, &r);
                format_input(tol, sizeof tol, r.tolerance, &r);
                fprintf(stderr, "portee: note: the Monte Carlo uncertainty of the answer (± %s) is wider than the "
                                "tolerance (%s): 4 times the replicates halve it\n", sd, tol);
            }
            if (r.met_share < 0.95)
                fprintf(stderr, "portee: warning: in %.0f %% of the resamples the target is not met in the range: "
                                "the answer is uncertain; more replicates (--replicates) narrow it\n",
                        100 * (1 - r.met_share));
        }
        if (!a.quiet) print_curve(&a, &r, what);
        if (a.chart) {
            const int crc = curve_chart(&a, &r, what);
            rc = rc ? rc : crc;
        }
        const char *out = NULL;
        const int wrc = write_curve(&a, &r, &out);
        if (wrc) rc = rc ? rc : wrc;
        else if (!a.quiet)
            fprintf(stderr, "portee: wrote %s (the %zu values tried, with the numbers the search saw): portee info "
                            "%s --prob '%s'\n",
                    out, r.n_curve, out, target);
        free((char *)out);
    }
    portee_solve_result_free(&r);
    free(a.owned[0]);
    free(a.owned[1]);
    return rc;
}
