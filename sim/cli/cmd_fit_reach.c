/* cmd_fit_reach.c — `portee fit reach POSTS.csv`: the reach model
 * calibrated to a page's own posts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <omp.h>

#include "models/reach.h"
#include "models/registry.h"
#include "sim/cli/cli.h"
#include "sim/fit/reach_fit.h"

static const char help[] =
    "usage: portee fit reach POSTS.csv [options]\n"
    "\n"
    "Calibrates the reach model to a page's own posts: fits reach_rate and\n"
    "post_variability (and share_rate, friend_reach, engagement_rate when the export\n"
    "has their columns) by maximum likelihood, with standard errors and 95 % intervals,\n"
    "tests a time trend of the rate, checks the fit against simulated posts, writes an\n"
    "HDF5 file (portee info, portee plot) and, if asked, a scenario for portee run.\n"
    "\n"
    "The CSV: one row per post, a header naming the columns (any order, any case):\n"
    "  date         ISO 8601 date or date-time (2024-03-05, 2024-03-05T14:05+01:00),\n"
    "               MM/DD/YYYY [HH:MM] as Meta and LinkedIn export it (--day-first for\n"
    "               DD/MM/YYYY), or a number: a time in years (2024.5)\n"
    "  followers    followers of the page when the post went out\n"
    "  reach        people the post reached, unpaid\n"
    "  optional:    viral (or reach_from_shares): the part of reach that came through\n"
    "               shares; shares; engagements (people who reacted, commented or\n"
    "               clicked); impressions\n"
    "Other columns are ignored.  Another header is mapped with --column KEY=HEADER,\n"
    "e.g. --column reach=\"Post reach\" --column date=\"Publish time\".  Cells may be quoted\n"
    "(RFC 4180: commas and quotes inside, \"\" for a quote); counts are whole numbers,\n"
    "with commas only as thousands separators in groups of three (\"1,234\"); lines\n"
    "starting with # are comments.  A bad row (reach above followers, a negative count,\n"
    "a date that does not read, the header again, an empty file) is an error naming\n"
    "FILE:LINE:COLUMN.  Rows may come in any order: the posts are sorted by date.\n"
    "\n"
    "What is fitted: the direct reach d (reach, or reach - viral) of a post with F\n"
    "followers is BetaBinomial(F, reach_rate, post_variability): each post has its own\n"
    "rate, Beta(r*k, (1-r)*k).  Maximum likelihood (GSL BFGS, analytic gradient) on\n"
    "logit r and ln k; standard errors from the observed information; intervals on that\n"
    "scale, back-transformed.  When posts differ no more than chance says, k is\n"
    "infinite (the binomial; post_variability 0 in a scenario) and its lower bound is\n"
    "given.  Trend: logit r = a + b*(t - mean t), t in years, tested against a constant\n"
    "rate (likelihood ratio).  Size law: + c*ln(F), the rate falling (c < 0) or\n"
    "rising with the page's size, fitted when the followers span a factor 2 or more\n"
    "(several pages in one file, or one page that grew), tested against the same\n"
    "model without it; the scenario's size_elasticity is its local value at the last\n"
    "post's followers, -c*(1 - r).  shares ~ Binomial(reach, share_rate); viral\n"
    "reach per share gives friend_reach at the platform's friend counts (the data\n"
    "cannot tell them apart); engagements ~ Binomial(reach, engagement_rate).\n"
    "Goodness of fit: --draws parameter sets from the estimates' uncertainty, each\n"
    "post simulated given its followers; observed vs simulated mean and sd of d/F, and\n"
    "a chi-square of each post's place in its own predictive distribution with its\n"
    "posterior-predictive p-value.\n"
    "\n";

static const char help_options[] =
    "options:\n"
    "  -o, --output FILE        HDF5 file (default: the CSV's name with .h5, here);\n"
    "                           written under a temporary name, renamed when complete\n"
    "  --column KEY=HEADER      read KEY (date, followers, reach, viral, shares,\n"
    "                           engagements, impressions) from column HEADER; repeatable\n"
    "  --day-first              dates are DD/MM/YYYY (default MM/DD/YYYY; ISO is never\n"
    "                           ambiguous)\n"
    "  --write-scenario FILE    a scenario (YAML) with the fitted values, their\n"
    "                           uncertainty as distributions, for portee run\n"
    "  --level last|average     the reach_rate the scenario takes: the trend's level at\n"
    "                           the last post, or the average over the period (default:\n"
    "                           last when the trend is significant at 5 %, else average)\n"
    "  --size-law               fit the size law and put it in the scenario, whatever\n"
    "                           the followers' span and the test (default: fitted when\n"
    "                           the followers span a factor 2, in the scenario when\n"
    "                           significant at 5 %)\n"
    "  --no-size-law            never fit it\n"
    "  --platform NAME          facebook, linkedin, twitter or custom: the friend counts\n"
    "                           (and share rate) the data cannot give, and the scenario's\n"
    "                           platform (default: portee's defaults, Facebook's values)\n"
    "  --draws N                parameter draws of the check (default 1000; 100 to 10000)\n"
    "  --seed S                 random seed (default 1); same seed, same file, whatever\n"
    "                           the thread count\n"
    "  --threads T              OpenMP threads (default: OMP_NUM_THREADS or all cores)\n"
    "  --format table|json      what is printed (default table)\n"
    "  -q, --quiet              print nothing but errors\n"
    "\n"
    "exit status: 0 done; 2 bad usage, a bad CSV or an output that cannot be written\n"
    "(checked before the fit); 1 the fit failed or writing failed midway.\n"
    "\n"
    "example (the shipped export, a Meta-style header):\n"
    "  portee fit reach scenarios/page_posts.csv --column date=\"Publish time\" \\\n"
    "      --column viral=\"Viral reach\" --column engagements=\"Engaged users\" \\\n"
    "      -o posts.h5 --write-scenario mypage.yaml\n"
    "  portee run mypage.yaml -o mypage.h5 && portee plot posts.h5 -o posts-charts\n";

#define MAX_MAP 16

typedef struct {
    const char *csv, *output, *scenario, *format, *level, *platform;
    const char *map[MAX_MAP];
    size_t n_map;
    bool day_first, quiet, size_law, no_size_law;
    uint64_t seed, draws;
    int threads;
} args_t;

static int option(args_t *a, const char *name, const char *v)
{
    uint64_t u;
    if (!strcmp(name, "--output")) a->output = v;
    else if (!strcmp(name, "--format")) a->format = v;
    else if (!strcmp(name, "--write-scenario")) a->scenario = v;
    else if (!strcmp(name, "--level")) a->level = v;
    else if (!strcmp(name, "--platform")) a->platform = v;
    else if (!strcmp(name, "--column")) {
        if (a->n_map == MAX_MAP) return portee_cli_usage("fit reach", "--column: at most %d mappings", MAX_MAP);
        a->map[a->n_map++] = v;
    } else if (!strcmp(name, "--draws")) {
        if (!portee_cli_count(v, 100, PORTEE_REACH_FIT_MAX_DRAWS, &u))
            return portee_cli_usage("fit reach", "--draws: expected a whole number from 100 to %u, got '%s'",
                                    PORTEE_REACH_FIT_MAX_DRAWS, v);
        a->draws = u;
    } else if (!strcmp(name, "--seed")) {
        if (!portee_cli_count(v, 0, (uint64_t)1 << 53, &a->seed))
            return portee_cli_usage("fit reach", "--seed: expected a whole number from 0 to 2^53, got '%s'", v);
    } else if (!strcmp(name, "--threads")) {
        if (!portee_cli_count(v, 1, 4096, &u))
            return portee_cli_usage("fit reach", "--threads: expected a whole number from 1 to 4096, got '%s'", v);
        a->threads = (int)u;
    }
    return 0;
}

static int parse_args(int argc, char **argv, args_t *a)
{
    static const char *const valued[][2] = {{"--output", "-o"}, {"--format", "-f"}, {"--write-scenario", NULL},
                                            {"--level", NULL},  {"--platform", NULL}, {"--column", NULL},
                                            {"--draws", "-n"},  {"--seed", NULL},     {"--threads", "-t"}};
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *v = NULL;
        bool missing = false, known = false;
        int rc = 0;
        if (portee_cli_is_help(arg)) {
            fputs(help, stdout);
            fputs(help_options, stdout);
            return -1;
        }
        for (size_t o = 0; o < sizeof valued / sizeof *valued && !known; o++)
            if (portee_cli_option(argc, argv, &i, valued[o][0], valued[o][1], &v, &missing)) {
                known = true;
                if (missing) return portee_cli_usage("fit reach", "option '%s' needs a value", arg);
                rc = option(a, valued[o][0], v);
            }
        if (rc) return rc;
        if (known) continue;
        if (!strcmp(arg, "--day-first")) a->day_first = true;
        else if (!strcmp(arg, "-q") || !strcmp(arg, "--quiet")) a->quiet = true;
        else if (!strcmp(arg, "--size-law")) a->size_law = true;
        else if (!strcmp(arg, "--no-size-law")) a->no_size_law = true;
        else if (arg[0] == '-' && arg[1]) return portee_cli_usage("fit reach", "unknown option '%s'", arg);
        else if (!a->csv) a->csv = arg;
        else return portee_cli_usage("fit reach", "one post export at a time (got '%s' and '%s')", a->csv, arg);
    }
    if (!a->csv) return portee_cli_usage("fit reach", "which posts? e.g. portee fit reach scenarios/page_posts.csv");
    if (strcmp(a->format, "table") && strcmp(a->format, "json"))
        return portee_cli_usage("fit reach", "unknown format '%s': use table or json", a->format);
    if (a->size_law && a->no_size_law)
        return portee_cli_usage("fit reach", "--size-law and --no-size-law exclude each other");
    if (a->level && strcmp(a->level, "last") && strcmp(a->level, "average"))
        return portee_cli_usage("fit reach", "--level: expected last or average, got '%s'", a->level);
    return 0;
}

/* A parameter's value in a preset, or the reach model's default. */
static double cascade_value(const portee_preset_t *pre, const char *name)
{
    char key[64];
    snprintf(key, sizeof key, "reach.%s", name);
    for (size_t i = 0; pre && i < PORTEE_PRESET_MAX && pre->param[i]; i++)
        if (!strcmp(pre->param[i], key)) return pre->value[i];
    return portee_model_reach.params[portee_model_param_index(&portee_model_reach, name)].def;
}

static int cascade_prior(const char *platform, portee_cascade_prior_t *c)
{
    const portee_preset_t *pre = NULL;
    if (platform) {
        char list[256] = "";
        for (size_t i = 0; i < portee_registry.n_presets; i++) {
            if (!strcmp(portee_registry.presets[i].name, platform)) pre = &portee_registry.presets[i];
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
                     portee_registry.presets[i].name);
        }
        if (!pre) return portee_cli_usage("fit reach", "--platform: no platform '%s' (platforms: %s)", platform, list);
    }
    c->platform = pre && pre->param[0] ? pre->name : NULL;
    c->share_rate = cascade_value(pre, "share_rate");
    c->friends_median = cascade_value(pre, "friends_median");
    c->friends_sigma = cascade_value(pre, "friends_sigma");
    c->max_friends = cascade_value(pre, "max_friends");
    c->population = cascade_value(pre, "reachable_population");
    c->friend_reach = cascade_value(pre, "friend_reach");
    return 0;
}

/* "data/posts.csv" -> "posts.h5" */
static char *default_output(const char *csv)
{
    const char *base = strrchr(csv, '/');
    base = base ? base + 1 : csv;
    size_t n = strlen(base);
    const char *dot = strrchr(base, '.');
    if (dot && dot != base) n = (size_t)(dot - base);
    char *out = malloc(n + 4);
    if (out) snprintf(out, n + 4, "%.*s.h5", (int)n, base);
    return out;
}

int portee_cmd_fit_reach(int argc, char **argv)
{
    args_t a = {.format = "table", .seed = 1, .draws = 1000};
    int rc = parse_args(argc, argv, &a);
    if (rc) return rc < 0 ? 0 : rc;
    portee_reach_fit_spec_t spec = {.level = !a.level                 ? PORTEE_LEVEL_AUTO
                                             : !strcmp(a.level, "last") ? PORTEE_LEVEL_LAST
                                                                        : PORTEE_LEVEL_AVERAGE,
                                    .size_law = a.size_law ? PORTEE_SIZE_ON : a.no_size_law ? PORTEE_SIZE_OFF
                                                                                            : PORTEE_SIZE_AUTO};
    if ((rc = cascade_prior(a.platform, &spec.cascade))) return rc;
    char *out = a.output ? strdup(a.output) : default_output(a.csv);
    if (!out) {
        fputs("portee: error: out of memory\n", stderr);
        return 1;
    }
    time_t now = time(NULL);
    char start[32];
    struct tm tm;
    strftime(start, sizeof start, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    portee_posts_t posts;
    portee_reach_fit_t f;
    portee_error_t err;
    memset(&posts, 0, sizeof posts);
    memset(&f, 0, sizeof f);
    /* every output is checked before anything is fitted */
    portee_status_t st = portee_reach_fit_check_path(out, a.csv, "-o", &err);
    if (!st && a.scenario) {
        st = portee_reach_fit_check_path(a.scenario, a.csv, "--write-scenario", &err);
        if (!st && !strcmp(a.scenario, out))
            st = portee_fail(&err, PORTEE_EINPUT, "%s: given as both -o and --write-scenario", out);
    }
    if (!st) st = portee_posts_read(a.csv, a.map, a.n_map, a.day_first ? PORTEE_DATE_DAY_FIRST : PORTEE_DATE_MONTH_FIRST,
                                    &posts, &err);
    if (!st) st = portee_reach_fit_estimate(a.csv, &posts, &spec, &f, &err);
    if (!st) st = portee_reach_fit_check(&f, a.seed, a.draws, a.threads, &err);
    if (!st) {
        char *notes = NULL;
        st = portee_reach_fit_write(out, &f, a.threads > 0 ? a.threads : omp_get_max_threads(), start, &notes, &err);
        if (notes) fprintf(stderr, "portee: %s\n", notes);
        free(notes);
    }
    if (!st && a.scenario) st = portee_reach_fit_write_scenario(a.scenario, &f, &err);
    if (st) {
        rc = portee_cli_error(&err);
    } else {
        fprintf(stderr, "portee: wrote %s (%zu posts, %llu draws)\n", out, f.posts.n, (unsigned long long)f.draws);
        if (a.scenario) fprintf(stderr, "portee: wrote %s: portee run %s\n", a.scenario, a.scenario);
        const portee_format_t format = strcmp(a.format, "json") ? PORTEE_FORMAT_TABLE : PORTEE_FORMAT_JSON;
        if (!a.quiet && (st = portee_reach_fit_print(stdout, &f, format, PORTEE_LANG_EN))) {
            portee_fail(&err, st, "out of memory building the fit's JSON (%s is complete)", out);
            rc = portee_cli_error(&err);
        }
    }
    portee_posts_free(&posts);
    portee_reach_fit_free(&f);
    free(out);
    return rc;
}
