/* charts_reach.c — the reach model's charts: the distribution of one post's
 * reach, its hourly curve, the posting plan's weekly fans, its cumulative
 * reach and posts-seen table, the sweep and the tornado of uncertain inputs. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

#include "models/reach.h"
#include "plots/chart_common.h"
#include "plots/charts_sweep.h"
#include "plots/gp.h"

/* ---- reach of one post: histogram with its CDF, the mean and the reference ---- */

/* Histogram of the displayed range [0, xmax] from the replicates themselves
 * (integer bins, about 40 of them), or the stored histogram when the file
 * keeps no replicates.  Rows: left, right, share %, cumulative % at right. */
static int write_distribution(FILE *d, const portee_chart_ctx_t *c, size_t output, double xmax)
{
    double *x = NULL, *edges = NULL, *counts = NULL;
    size_t n, ne, nc;
    char pe[256], pc[256];
    fputs("# left_edge right_edge share_of_posts_pct cumulative_pct_at_right_edge\n", d);
    if (portee_chart_replicates(c, output, 0, &x, &n) && n > 0) {
        const double width = fmax(1, ceil((xmax + 1) / 40));
        const size_t bins = (size_t)ceil((xmax + 1) / width);
        double *h = calloc(bins, sizeof *h);
        if (!h) {
            free(x);
            return -1;
        }
        for (size_t i = 0; i < n; i++) {
            const double b = floor((x[i] + 0.5) / width);
            if (b >= 0 && b < bins) h[(size_t)b]++;
        }
        double cum = 0;
        for (size_t i = 0; i < n; i++) cum += x[i] < -0.5;
        fprintf(d, "%.17g %.17g 0 %.17g\n", -0.5, -0.5, 100 * cum / n); /* the CDF starts at 0 */
        for (size_t b = 0; b < bins; b++) {
            cum += h[b];
            fprintf(d, "%.17g %.17g %.17g %.17g\n", b * width - 0.5, (b + 1) * width - 0.5,
                    100 * h[b] / n, 100 * cum / n);
        }
        free(h);
        free(x);
        return 0;
    }
    free(x);
    if (!portee_chart_path(pe, sizeof pe, c->model, output, PORTEE_CHART_EDGES) ||
        !portee_chart_path(pc, sizeof pc, c->model, output, PORTEE_CHART_COUNTS) ||
        !portee_h5file_row(c->file, pe, 0, &edges, &ne) || !portee_h5file_row(c->file, pc, 0, &counts, &nc) ||
        ne != nc + 1) {
        free(edges);
        free(counts);
        return 1;
    }
    double n_all = 0, cum = 0;
    for (size_t b = 0; b < nc; b++) n_all += counts[b];
    fprintf(d, "%.17g %.17g 0 0\n", edges[0], edges[0]);
    for (size_t b = 0; b < nc; b++) {
        cum += counts[b];
        fprintf(d, "%.17g %.17g %.17g %.17g\n", edges[b], edges[b + 1], 100 * counts[b] / n_all,
                100 * cum / n_all);
    }
    free(edges);
    free(counts);
    return 0;
}

static int distribution(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const char *name = ch->name;
    size_t ns;
    portee_summary_t *s = NULL;
    if (!portee_chart_summaries(c, portee_chart_ref(ch, 0), 0, &s, &ns)) {
        free(s);
        return 0;
    }
    const double followers = portee_chart_parameter(c, REACH_FOLLOWERS, 0);
    /* the bulk of the distribution: long share cascades would squash it */
    const double ref = 0.06 * followers, mean = s[0].mean, p05 = s[0].p05, p95 = s[0].p95;
    free(s);
    if (!isfinite(mean) || !isfinite(p05) || !isfinite(p95)) return 0; /* a damaged file */
    double xmax = ceil(p95 * 1.8);
    if (isfinite(ref) && ref * 1.4 > xmax) xmax = ceil(ref * 1.4);
    if (xmax < 10) xmax = 10;
    FILE *d = portee_chart_dat_open(c, name);
    if (!d) return -1;
    const int w = write_distribution(d, c, portee_chart_ref(ch, 0), xmax);
    if (portee_chart_dat_close(d) || w < 0) return -1;
    if (w > 0) return 0;

    FILE *b = c->body;
    portee_chart_start_point0(c, "reach of one post");
    portee_chart_set_text(b, "xlabel", "people reached by one post (followers reached directly + people reached through shares)");
    portee_chart_set_text(b, "ylabel", "share of posts (%)");
    portee_chart_set_text(b, "y2label", "posts reaching at most this many (%)");
    fputs("set y2range [0:100]\nset y2tics 0,20,100 nomirror\nset format y '%g'\n"
          "set key right center\nset rmargin 12\n"
          "set style fill solid 0.9 border lc rgb '#ffffff'\nset style textbox opaque noborder margins 2,2\n", b);
    fprintf(b, "set xrange [0:%.17g]\n", xmax);
    fprintf(b, "set arrow 1 from %.17g, graph 0 to %.17g, graph 1 nohead lc rgb '%s' lw 2.5 dt 2 front\n",
            mean, mean, GP_VERMILLION);
    char label[256];
    snprintf(label, sizeof label, "mean %.1f people (90 %% of posts: %.0f to %.0f)", mean, p05, p95);
    fprintf(b, "set label 1 ");
    portee_gp_quote(b, label);
    fprintf(b, " at %.17g, graph 0.72 left offset 1,0 tc rgb '%s' boxed front\n", mean, GP_VERMILLION);
    if (isfinite(ref) && ref > 0) {
        fprintf(b, "set arrow 2 from %.17g, graph 0 to %.17g, graph 1 nohead lc rgb '%s' lw 2.5 dt 3 front\n",
                ref, ref, GP_GREEN);
        snprintf(label, sizeof label, "6 %% of %.0f followers = %.0f: unpaid Facebook page reach, Feb 2014",
                 followers, ref);
        fprintf(b, "set label 2 ");
        portee_gp_quote(b, label);
        fprintf(b, " at %.17g, graph 0.64 left offset 1,0 tc rgb '%s' boxed front\n", ref, GP_GREEN);
    }
    fprintf(b, "plot '%s.dat' using (($1+$2)/2):3:($2-$1) with boxes lc rgb '%s' title 'share of posts', \\\n"
               "     '' using 2:4 axes x1y2 with lines lc rgb '%s' lw 3 title 'cumulative (right axis)'\n",
            name, GP_SKY, GP_BLUE);
    return 1;
}

/* ---- a series over steps with its 50 % and 90 % bands ---- */

/* A series over steps with its 50 % and 90 % bands: the chart's first output;
 * a dotted horizontal line at `ceiling` (titled so) when it is finite, with
 * room above it so that it does not merge into the frame. */
static int fan(const portee_chart_ctx_t *c, const portee_chart_t *ch, const char *title, const char *xlabel,
               const char *ylabel, const char *of, bool from_zero, double ceiling, const char *ceiling_title)
{
    const char *name = ch->name;
    portee_summary_t *s = NULL;
    size_t n;
    char dataset[256];
    if (!portee_chart_path(dataset, sizeof dataset, c->model, portee_chart_ref(ch, 0), PORTEE_CHART_SUMMARY) ||
        !portee_h5file_summaries(c->file, dataset, 0, &s, &n) || n < 2) {
        free(s);
        return 0;
    }
    uint64_t first_step = 0; /* hours count from 0, weeks from 1 */
    portee_h5file_attr_u64(c->file, dataset, "first_step", &first_step);
    const double first = (double)first_step;
    FILE *d = portee_chart_dat_open(c, name);
    if (!d) {
        free(s);
        return -1;
    }
    fputs("# step mean p05 p25 p50 p75 p95\n", d);
    double top = ceiling;
    for (size_t t = 0; t < n; t++) {
        fprintf(d, "%.17g %.17g %.17g %.17g %.17g %.17g %.17g\n", first + t, s[t].mean, s[t].p05,
                s[t].p25, s[t].p50, s[t].p75, s[t].p95);
        if (s[t].p95 > top) top = s[t].p95;
    }
    free(s);
    if (portee_chart_dat_close(d)) return -1;
    FILE *b = c->body;
    portee_chart_start_point0(c, title);
    portee_chart_set_text(b, "xlabel", xlabel);
    portee_chart_set_text(b, "ylabel", ylabel);
    fputs("set key below horizontal noopaque nobox\n", b); /* never over the bands */
    fprintf(b, "set xrange [%g:%g]\n", first, first + (double)n - 1);
    if (from_zero && isfinite(ceiling) && top > 0) fprintf(b, "set yrange [0:%.17g]\n", 1.08 * top);
    else fputs(from_zero ? "set yrange [0:*]\n" : "set offsets 0, 0, graph 0.1, graph 0.1\n", b);
    if (n <= 80) fprintf(b, "set xtics %g, %d\n", first, n <= 30 ? (first ? 1 : 3) * (n > 14 ? 2 : 1) : 6);
    portee_chart_plot_bands(b, name, of);
    fprintf(b, "     '' using 1:2 with lines lc rgb '%s' lw 3 title 'mean', \\\n"
               "     '' using 1:5 with lines lc rgb '%s' lw 1.5 dt 2 title 'median'",
            GP_BLUE, "#1a1a1a");
    if (isfinite(ceiling)) {
        fprintf(b, ", \\\n     %.17g with lines lc rgb '%s' lw 2 dt 3 title ", ceiling, GP_GREEN);
        portee_gp_quote(b, ceiling_title);
    }
    fputc('\n', b);
    return 1;
}

static int hourly(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    return fan(c, ch, "reach of one post, hour by hour",
                     "hours since the post went out", "people reached so far", "posts", true, NAN, NULL);
}

static int weekly_followers(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    return fan(c, ch, "followers week by week",
                     "week of the posting plan", "followers at the end of the week (people)",
                     "simulated futures", false, NAN, NULL);
}

static int weekly_reach(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    return fan(c, ch, "followers reached each week",
                     "week of the posting plan", "followers reached by at least one post (people)",
                     "simulated weeks", true, NAN, NULL);
}

/* Followers of the plan's start reached at least once so far: it can only
 * climb towards the followers the plan started with, drawn as its ceiling. */
static int cumulative(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const double followers = portee_chart_parameter(c, REACH_FOLLOWERS, 0);
    char ceiling[128];
    snprintf(ceiling, sizeof ceiling, "followers at the start of the plan (%s%.0f)",
             portee_chart_has_inputs(c, REACH_FOLLOWERS) ? "mean " : "", followers);
    return fan(c, ch, "followers reached at least once since the plan began",
               "week of the posting plan", "followers of the plan's start reached at least once (people)",
               "simulated futures", true, followers, ceiling);
}

/* ---- posts seen: followers by how many of the plan's posts they saw ---- */

static int posts_seen(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const char *name = ch->name;
    portee_summary_t *s = NULL;
    size_t n;
    if (!portee_chart_summaries(c, portee_chart_ref(ch, 0), 0, &s, &n) || n < 2) {
        free(s);
        return 0;
    }
    /* every replicate's table holds the followers of the plan's start, so
     * the means add up to their mean: the base of the shares */
    double all = 0, top = 0;
    for (size_t j = 0; j < n; j++) {
        all += s[j].mean;
        if (s[j].p95 > top) top = s[j].p95;
    }
    if (!(all > 0) || !isfinite(top)) {
        free(s);
        return 0;
    }
    FILE *d = portee_chart_dat_open(c, name);
    if (!d) {
        free(s);
        return -1;
    }
    fputs("# posts_seen followers(mean p05 p25 p50 p75 p95) share_of_followers_pct(mean); "
          "the last row: that many posts or more\n", d);
    for (size_t j = 0; j < n; j++)
        fprintf(d, "%zu %.17g %.17g %.17g %.17g %.17g %.17g %.17g\n", j, s[j].mean, s[j].p05, s[j].p25,
                s[j].p50, s[j].p75, s[j].p95, 100 * s[j].mean / all);
    free(s);
    if (portee_chart_dat_close(d)) return -1;

    const double weeks = portee_chart_parameter(c, REACH_HORIZON_WEEKS, 0);
    FILE *b = c->body;
    const bool plan = weeks >= 1; /* else one post: seen or not */
    portee_chart_start_point0(c, plan ? "how many of the plan's posts each follower saw"
                                      : "followers who saw the post");
    char text[256];
    if (plan)
        snprintf(text, sizeof text, "posts of the %.0f-week plan seen directly (the last bar: %zu or more)", weeks,
                 n - 1);
    else
        snprintf(text, sizeof text, "posts seen directly (one post: 0 or 1)");
    portee_chart_set_text(b, "xlabel", text);
    portee_chart_set_text(b, "ylabel", plan ? "followers at the start of the plan (people)" : "followers (people)");
    portee_chart_set_text(b, "y2label", "share of them (%, mean)");
    /* both axes over the same range: the right one in % of the followers */
    const double ymax = 1.12 * top;
    fprintf(b, "set xrange [-0.6:%g]\nset yrange [0:%.17g]\nset y2range [0:%.17g]\nset ytics nomirror\n"
               "set y2tics nomirror\nset rmargin 12\nset boxwidth 0.7\nset style fill solid 0.85 noborder\n"
               "set key top right noopaque nobox\nset xtics (",
            n - 0.4, ymax, 100 * ymax / all);
    for (size_t j = 0; j < n; j++) fprintf(b, "%s'%zu%s' %zu", j ? ", " : "", j, j + 1 == n ? "+" : "", j);
    fputs(")\n", b);
    fprintf(b, "plot '%s.dat' using 1:2 with boxes lc rgb '%s' title 'mean over replicates', \\\n"
               "     '' using 1:3:(0):($7-$3) with vectors nohead lc rgb '#1a1a1a' lw 1.5 "
               "title '90 %% of replicates (5-95 %%)', \\\n"
               "     '' using 1:7:(sprintf($8 < 9.95 ? '%%.1f %%%%' : '%%.0f %%%%', $8)) with labels offset 0,0.8 "
               "tc rgb '#333333' notitle\n",
            name, GP_BLUE);
    return 1;
}

static int sweep(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    return portee_chart_sweep_of(c, ch->name, portee_chart_ref(ch, 0), "reach of one post");
}

/* ---- tornado: which uncertain inputs move reach most ---- */

typedef struct {
    const char *name;
    double rho;
} driver_t;

static int by_abs_rho(const void *a, const void *b)
{
    double x = fabs(((const driver_t *)a)->rho), y = fabs(((const driver_t *)b)->rho);
    return (x > y) - (x < y);
}

static int tornado(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const char *name = ch->name;
    const portee_model_t *m = c->model;
    double *out = NULL, *work = NULL;
    size_t n;
    driver_t drivers[PORTEE_MAX_PARAMS];
    size_t nd = 0;
    int made = 0;
    if (!portee_chart_replicates(c, portee_chart_ref(ch, 0), 0, &out, &n) || n < 10) goto done;
    if (!(work = malloc(2 * n * sizeof *work))) {
        made = -1;
        goto done;
    }
    for (size_t j = 0; j < m->n_params; j++) {
        double *in;
        size_t k;
        if (!portee_chart_inputs(c, j, 0, &in, &k)) continue;
        if (k == n) {
            drivers[nd].name = m->params[j].name;
            drivers[nd].rho = gsl_stats_spearman(in, 1, out, 1, n, work);
            if (!isfinite(drivers[nd].rho)) drivers[nd].rho = 0; /* a constant input */
            nd++;
        }
        free(in);
    }
    if (nd == 0) goto done;
    qsort(drivers, nd, sizeof *drivers, by_abs_rho); /* largest last: drawn at the top */
    FILE *d = portee_chart_dat_open(c, name);
    if (!d) {
        made = -1;
        goto done;
    }
    fputs("# row spearman_rho input\n", d);
    for (size_t i = 0; i < nd; i++) fprintf(d, "%zu %.17g %s\n", i, drivers[i].rho, drivers[i].name);
    if (portee_chart_dat_close(d)) {
        made = -1;
        goto done;
    }
    FILE *b = c->body;
    portee_chart_start_point0(c, "what drives the reach of one post");
    portee_chart_set_text(b, "xlabel", "Spearman rank correlation of the uncertain input with people reached, over replicates");
    fputs("set xrange [-1:1]\nset xtics -1,0.25,1\nset format x '%g'\n"
          "set grid noytics\nset key bottom right\nset lmargin 26\nset ytics (", b);
    for (size_t i = 0; i < nd; i++) {
        fputs(i ? ", " : "", b);
        portee_gp_quote(b, drivers[i].name);
        fprintf(b, " %zu", i);
    }
    fprintf(b, ")\nset yrange [-0.6:%g]\n", nd - 0.4);
    bool rising = false, falling = false;
    for (size_t i = 0; i < nd; i++) {
        rising |= drivers[i].rho >= 0;
        falling |= drivers[i].rho < 0;
    }
    fprintf(b, "plot '%s.dat' using ($2 >= 0 ? $2/2 : 1/0):1:(abs($2)/2):(0.3) with boxxyerror "
               "lc rgb '%s' title 'higher input, more reach', \\\n"
               "     '' using ($2 < 0 ? $2/2 : 1/0):1:(abs($2)/2):(0.3) with boxxyerror "
               "lc rgb '%s' title 'higher input, less reach'",
            name, GP_BLUE, GP_VERMILLION);
    /* gnuplot 5.4 crashes on labels none of whose points is defined: each
     * side's labels only when some input is on that side */
    if (rising)
        fputs(", \\\n     '' using ($2 >= 0 ? $2 + 0.02 : 1/0):1:(sprintf('%+.2f', $2)) with labels left "
              "tc rgb '#333333' notitle", b);
    if (falling)
        fputs(", \\\n     '' using ($2 < 0 ? $2 - 0.02 : 1/0):1:(sprintf('%+.2f', $2)) with labels right "
              "tc rgb '#333333' notitle", b);
    fputc('\n', b);
    made = 1;
done:
    free(out);
    free(work);
    return made;
}

static const portee_chart_t charts[] = {
    {"reach_distribution", "reach of one post: histogram, cumulative share, mean, the 60-of-1,000 reference",
     NULL, distribution, {PORTEE_CHART_VALUE(REACH_OUT_TOTAL)}},
    {"hourly_reach", "reach of one post hour by hour: mean, median, 50 % and 90 % bands", "reach.hours > 0",
     hourly, {PORTEE_CHART_SERIES(REACH_OUT_HOURLY)}},
    {"weekly_followers", "followers week by week over the posting plan: fan chart", "reach.horizon_weeks > 0",
     weekly_followers, {PORTEE_CHART_SERIES(REACH_OUT_WEEK_FOLLOWERS)}},
    {"weekly_reach", "followers reached each week over the posting plan: fan chart", "reach.horizon_weeks > 0",
     weekly_reach, {PORTEE_CHART_SERIES(REACH_OUT_WEEK_UNIQUE)}},
    {"cumulative_reach", "followers of the plan's start reached at least once so far, week by week: fan chart",
     "reach.horizon_weeks > 0", cumulative, {PORTEE_CHART_SERIES(REACH_OUT_WEEK_CUMULATIVE)}},
    {"posts_seen", "followers of the plan's start by how many of its posts they saw: mean bars, 90 % bands",
     "reach.max_posts_seen > 0", posts_seen, {PORTEE_CHART_SERIES(REACH_OUT_POSTS_SEEN)}},
    {"sweep", "reach of one post across the sweep: line with bands (one input), heatmaps of the mean "
              "and the 90 % band width (two), a panel per input (more, or a sampled design)",
     "a sweep", sweep, {PORTEE_CHART_VALUE(REACH_OUT_TOTAL)}},
    {"tornado", "which uncertain inputs move the reach of one post most (rank correlation)",
     "inputs given as distributions and output.replicates: true", tornado,
     {PORTEE_CHART_VALUE(REACH_OUT_TOTAL)}},
};

const portee_chart_set_t portee_charts_reach = {&portee_model_reach, charts, sizeof charts / sizeof *charts};
