/* charts.c — the list of charts, and the reach model's (distribution, hourly
 * curve, weekly fans, tornado).  The sweep charts any model's main output
 * uses (line, heatmaps, scatter panels) are in charts_sweep.c.  One report
 * style: plots/gp.c. */
#include "plots/charts_internal.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

#include "models/reach.h"
#include "plots/gp.h"

FILE *chart_dat_open(const chart_ctx_t *c, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.dat", c->dir, name);
    return fopen(path, "w");
}

/* fclose that reports a write error (disk full) as -1 */
int chart_dat_close(FILE *f) { return ferror(f) | fclose(f) ? -1 : 0; }

/* `reset`, the style, then PREFIX 'SCENARIO: title' in the title font */
static void start_titled(const chart_ctx_t *c, const char *prefix, const char *title)
{
    FILE *b = c->body;
    fputs("reset\n", b);
    portee_gp_style(b);
    char full[1024];
    snprintf(full, sizeof full, "%s: %s",
             c->results->scenario_name ? c->results->scenario_name : "portee", title);
    fputs(prefix, b);
    portee_gp_quote(b, full);
    fputs(" font ',16'\n", b);
}

void chart_start(const chart_ctx_t *c, const char *title) { start_titled(c, "set title ", title); }

void chart_start_panels(const chart_ctx_t *c, const char *title, const char *layout)
{
    char prefix[256];
    snprintf(prefix, sizeof prefix, "set multiplot layout %s title ", layout);
    start_titled(c, prefix, title);
}

/* chart_start() for a chart of one sweep point's replicates: the title says which point. */
void chart_start_point0(const chart_ctx_t *c, const char *title)
{
    char note[512], full[640];
    chart_point_note(c, 0, note, sizeof note);
    snprintf(full, sizeof full, "%s%s", title, note);
    chart_start(c, full);
}

void chart_set_text(FILE *b, const char *what, const char *text)
{
    fprintf(b, "set %s ", what);
    portee_gp_quote(b, text);
    fputc('\n', b);
}

/* "(point 3 of 12: reach.followers = 5000)" when the file holds a sweep */
void chart_point_note(const chart_ctx_t *c, uint64_t p, char *buf, size_t len)
{
    const portee_results_t *r = c->results;
    buf[0] = '\0';
    if (r->n_points < 2) return;
    size_t used = (size_t)snprintf(buf, len, " (sweep point %llu of %llu:", (unsigned long long)p + 1,
                                   (unsigned long long)r->n_points);
    for (size_t a = 0; a < r->n_axes && used < len; a++)
        used += (size_t)snprintf(buf + used, len - used, "%s %s = %g", a ? "," : "", r->axes[a],
                                 r->axis_values[p * r->n_axes + a]);
    if (used < len) snprintf(buf + used, len - used, ")");
}

/* ---- reach of one post: histogram with its CDF, the mean and the reference ---- */

/* Histogram of the displayed range [0, xmax] from the replicates themselves
 * (integer bins, about 40 of them), or the stored histogram when the file
 * keeps no replicates.  Rows: left, right, share %, cumulative % at right. */
static int write_distribution(FILE *d, const chart_ctx_t *c, double xmax)
{
    double *x = NULL, *edges = NULL, *counts = NULL;
    size_t n, ne, nc;
    fputs("# left_edge right_edge share_of_posts_pct cumulative_pct_at_right_edge\n", d);
    if (portee_h5file_row(c->file, "reach/replicates/total", 0, &x, &n) && n > 0) {
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
    if (!portee_h5file_row(c->file, "reach/histogram/total/edges", 0, &edges, &ne) ||
        !portee_h5file_row(c->file, "reach/histogram/total/counts", 0, &counts, &nc) || ne != nc + 1) {
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

static int chart_distribution(chart_ctx_t *c, const char *name)
{
    size_t ns;
    portee_summary_t *s = NULL;
    double followers = NAN;
    if (!portee_h5file_summaries(c->file, "reach/summary/total", 0, &s, &ns)) return 0;
    portee_h5file_field(c->file, "reach/parameters", "followers", 0, &followers);
    /* the bulk of the distribution: long share cascades would squash it */
    const double ref = 0.06 * followers, mean = s[0].mean, p05 = s[0].p05, p95 = s[0].p95;
    free(s);
    if (!isfinite(mean) || !isfinite(p05) || !isfinite(p95)) return 0; /* a damaged file */
    double xmax = ceil(p95 * 1.8);
    if (isfinite(ref) && ref * 1.4 > xmax) xmax = ceil(ref * 1.4);
    if (xmax < 10) xmax = 10;
    FILE *d = chart_dat_open(c, name);
    if (!d) return -1;
    const int w = write_distribution(d, c, xmax);
    if (chart_dat_close(d) || w < 0) return -1;
    if (w > 0) return 0;

    FILE *b = c->body;
    chart_start_point0(c, "reach of one post");
    chart_set_text(b, "xlabel", "people reached by one post (followers reached directly + people reached through shares)");
    chart_set_text(b, "ylabel", "share of posts (%)");
    chart_set_text(b, "y2label", "posts reaching at most this many (%)");
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

/* The start of a plot command: the 90 % and 50 % bands of NAME.dat, whose
 * columns are x mean p05 p25 p50 p75 p95; the caller adds the lines. */
void chart_plot_bands(FILE *b, const char *name, const char *of)
{
    fprintf(b, "plot '%s.dat' using 1:3:7 with filledcurves lc rgb '%s' fs transparent solid 0.30 "
               "title '90 %% of %s (5-95 %%)', \\\n"
               "     '' using 1:4:6 with filledcurves lc rgb '%s' fs transparent solid 0.35 "
               "title '50 %% of %s (25-75 %%)', \\\n",
            name, GP_SKY, of, GP_BLUE, of);
}

static int chart_fan(chart_ctx_t *c, const char *name, const char *dataset, const char *title,
                     const char *xlabel, const char *ylabel, const char *of, bool from_zero)
{
    portee_summary_t *s = NULL;
    size_t n;
    if (!portee_h5file_summaries(c->file, dataset, 0, &s, &n) || n < 2) {
        free(s);
        return 0;
    }
    uint64_t first_step = 0; /* hours count from 0, weeks from 1 */
    portee_h5file_attr_u64(c->file, dataset, "first_step", &first_step);
    const double first = (double)first_step;
    FILE *d = chart_dat_open(c, name);
    if (!d) {
        free(s);
        return -1;
    }
    fputs("# step mean p05 p25 p50 p75 p95\n", d);
    for (size_t t = 0; t < n; t++)
        fprintf(d, "%.17g %.17g %.17g %.17g %.17g %.17g %.17g\n", first + t, s[t].mean, s[t].p05,
                s[t].p25, s[t].p50, s[t].p75, s[t].p95);
    free(s);
    if (chart_dat_close(d)) return -1;
    FILE *b = c->body;
    chart_start_point0(c, title);
    chart_set_text(b, "xlabel", xlabel);
    chart_set_text(b, "ylabel", ylabel);
    fputs("set key below horizontal noopaque nobox\n", b); /* never over the bands */
    fprintf(b, "set xrange [%g:%g]\n%s\n", first, first + (double)n - 1,
            from_zero ? "set yrange [0:*]" : "set offsets 0, 0, graph 0.1, graph 0.1");
    if (n <= 80) fprintf(b, "set xtics %g, %d\n", first, n <= 30 ? (first ? 1 : 3) * (n > 14 ? 2 : 1) : 6);
    chart_plot_bands(b, name, of);
    fprintf(b, "     '' using 1:2 with lines lc rgb '%s' lw 3 title 'mean', \\\n"
               "     '' using 1:5 with lines lc rgb '%s' lw 1.5 dt 2 title 'median'\n",
            GP_BLUE, "#1a1a1a");
    return 1;
}

static int chart_hourly(chart_ctx_t *c, const char *name)
{
    return chart_fan(c, name, "reach/series/hourly_reach", "reach of one post, hour by hour",
                     "hours since the post went out", "people reached so far", "posts", true);
}

static int chart_weekly_followers(chart_ctx_t *c, const char *name)
{
    return chart_fan(c, name, "reach/series/weekly_followers", "followers week by week",
                     "week of the posting plan", "followers at the end of the week (people)",
                     "simulated futures", false);
}

static int chart_weekly_reach(chart_ctx_t *c, const char *name)
{
    return chart_fan(c, name, "reach/series/weekly_unique_reach", "followers reached each week",
                     "week of the posting plan", "followers reached by at least one post (people)",
                     "simulated weeks", true);
}

static int chart_sweep(chart_ctx_t *c, const char *name)
{
    return chart_sweep_of(c, name, "reach", "total", "reach of one post");
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

static int chart_tornado(chart_ctx_t *c, const char *name)
{
    double *out = NULL, *work = NULL;
    size_t n;
    driver_t drivers[PORTEE_MAX_PARAMS];
    size_t nd = 0;
    int made = 0;
    if (!portee_h5file_row(c->file, "reach/replicates/total", 0, &out, &n) || n < 10) goto done;
    if (!(work = malloc(2 * n * sizeof *work))) {
        made = -1;
        goto done;
    }
    for (size_t j = 0; j < portee_model_reach.n_params; j++) {
        char path[128];
        double *in;
        size_t m;
        snprintf(path, sizeof path, "reach/inputs/%s", portee_model_reach.params[j].name);
        if (!portee_h5file_row(c->file, path, 0, &in, &m)) continue;
        if (m == n) {
            drivers[nd].name = portee_model_reach.params[j].name;
            drivers[nd].rho = gsl_stats_spearman(in, 1, out, 1, n, work);
            if (!isfinite(drivers[nd].rho)) drivers[nd].rho = 0; /* a constant input */
            nd++;
        }
        free(in);
    }
    if (nd == 0) goto done;
    qsort(drivers, nd, sizeof *drivers, by_abs_rho); /* largest last: drawn at the top */
    FILE *d = chart_dat_open(c, name);
    if (!d) {
        made = -1;
        goto done;
    }
    fputs("# row spearman_rho input\n", d);
    for (size_t i = 0; i < nd; i++) fprintf(d, "%zu %.17g %s\n", i, drivers[i].rho, drivers[i].name);
    if (chart_dat_close(d)) {
        made = -1;
        goto done;
    }
    FILE *b = c->body;
    chart_start_point0(c, "what drives the reach of one post");
    chart_set_text(b, "xlabel", "Spearman rank correlation of the uncertain input with people reached, over replicates");
    fputs("set xrange [-1:1]\nset xtics -1,0.25,1\nset format x '%g'\n"
          "set grid noytics\nset key bottom right\nset lmargin 26\nset ytics (", b);
    for (size_t i = 0; i < nd; i++) {
        fputs(i ? ", " : "", b);
        portee_gp_quote(b, drivers[i].name);
        fprintf(b, " %zu", i);
    }
    fprintf(b, ")\nset yrange [-0.6:%g]\n", nd - 0.4);
    fprintf(b, "plot '%s.dat' using ($2 >= 0 ? $2/2 : 1/0):1:(abs($2)/2):(0.3) with boxxyerror "
               "lc rgb '%s' title 'higher input, more reach', \\\n"
               "     '' using ($2 < 0 ? $2/2 : 1/0):1:(abs($2)/2):(0.3) with boxxyerror "
               "lc rgb '%s' title 'higher input, less reach', \\\n"
               "     '' using ($2 >= 0 ? $2 + 0.02 : 1/0):1:(sprintf('%%+.2f', $2)) with labels left "
               "tc rgb '#333333' notitle, \\\n"
               "     '' using ($2 < 0 ? $2 - 0.02 : 1/0):1:(sprintf('%%+.2f', $2)) with labels right "
               "tc rgb '#333333' notitle\n",
            name, GP_BLUE, GP_VERMILLION);
    made = 1;
done:
    free(out);
    free(work);
    return made;
}

const chart_t portee_charts[] = {
    {"reach_distribution", "reach of one post: histogram, cumulative share, mean, the 60-of-1,000 reference",
     chart_distribution, false},
    {"hourly_reach", "reach of one post hour by hour: mean, median, 50 % and 90 % bands", chart_hourly, false},
    {"weekly_followers", "followers week by week over the posting plan: fan chart", chart_weekly_followers, false},
    {"weekly_reach", "followers reached each week over the posting plan: fan chart", chart_weekly_reach, false},
    {"sweep", "reach of one post across the sweep: line with bands (one input), heatmaps of the mean "
              "and the 90 % band width (two), a panel per input (more, or a sampled design)", chart_sweep, false},
    {"tornado", "which uncertain inputs move the reach of one post most (rank correlation)", chart_tornado, false},
    {"adoption_curves", "share of the audience and of organisations on the platform, year by year, "
                        "with bands and the lag between them", chart_adoption_curves, false},
    {"adoption_times", "when organisations adopt: share of them joining each year", chart_adoption_times, false},
    {"cost_of_delay", "followers and organic reach by the horizon of an organisation joining in year 0, 1, ...",
     chart_cost_of_delay, false},
    {"adoption_sweep", "lag between the audience's and organisations' 50 % dates across the sweep",
     chart_adoption_sweep, false},
    {"budget_response", "organic only vs organic + boosted reach, incremental reach, by budget, with "
                        "the marginal cost of 1,000 more people", chart_budget_response, false},
    {"boost_frequency", "people reached by the boost, by how many times they saw it", chart_boost_frequency,
     false},
    {"boost_cost", "cost per 1,000 incremental people by budget: average and marginal", chart_boost_cost, false},
    {"boost_sweep", "incremental reach of the boost across a sweep of other inputs", chart_boost_sweep, false},
    {"fit", "observed series, fitted Bass curve, 50 % and 90 % prediction bands, dates of the shares",
     chart_fit, true},
};
const size_t portee_n_charts = sizeof portee_charts / sizeof *portee_charts;
