/* charts_reach.c — the reach model's charts: the distribution of one post's
 * reach, its hourly curve, the posting plan's weekly fans, its cumulative
 * reach and posts-seen table, the sweep and the tornado of uncertain inputs. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "models/reach.h"
#include "plots/chart_common.h"
#include "plots/charts_sweep.h"
#include "models/page.h"
#include "models/registry.h"
#include "plots/gp.h"
#include "sim/results/h5part.h"
#include "sim/results/labels.h"

/* ---- reach of one post: histogram with its CDF, the mean and the reference ---- */

/* Histogram of the displayed range [0, xmax] from the replicates themselves
 * (bins of a whole number of people, 30 to 60 of them when the range
 * allows, one person wide for small pages), or the stored histogram when
 * the file keeps no replicates.  Rows: left, right, share %, cumulative %
 * at right.  *bin gets the bars' width (the first, for a stored one). */
static int write_distribution(FILE *d, const portee_chart_ctx_t *c, size_t output, double xmax, double *bin,
                              bool *stored)
{
    double *x = NULL, *edges = NULL, *counts = NULL;
    size_t n, ne, nc;
    char pe[256], pc[256];
    fputs("# left_edge right_edge share_of_posts_pct cumulative_pct_at_right_edge\n", d);
    if (portee_chart_replicates(c, output, 0, &x, &n) && n > 0) {
        const double width = fmax(1, floor((xmax + 1) / 30));
        *bin = width;
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
    *bin = edges[1] - edges[0];
    *stored = true;
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

/* The Facebook reference (6 % of followers reached, unpaid, in February
 * 2014) describes Facebook pages at Facebook's reach rate: it is drawn when
 * the scenario named no platform or Facebook, and the page's reach rate
 * (its mean, at sweep point 0) is within a tenth of the Facebook preset's. */
static bool facebook_page(const portee_chart_ctx_t *c)
{
    const double rate = portee_chart_parameter(c, REACH_RATE, 0);
    double preset_rate = NAN;
    for (size_t i = 0; i < PORTEE_PAGE_NPRESETS; i++)
        if (!strcmp(portee_page_presets[i].name, "facebook"))
            for (size_t j = 0; j < PORTEE_PRESET_MAX && portee_page_presets[i].param[j]; j++)
                if (!strcmp(portee_page_presets[i].param[j], "reach_rate")) preset_rate = portee_page_presets[i].value[j];
    if (!(fabs(rate - preset_rate) <= 0.1 * preset_rate)) return false;
    const char *platform = NULL;
    portee_part_t *part = NULL;
    portee_error_t err = {0};
    if (c->results->path && portee_part_open(c->results->path, &portee_registry, &part, &err) == PORTEE_OK)
        platform = part->sc->page.preset;
    const bool yes = !platform || !strcmp(platform, "facebook");
    portee_part_close(part);
    return yes;
}

/* `set arrow N` of a vertical line at x */
static void vline(FILE *b, int n, double x, const char *colour, const char *dash)
{
    fprintf(b, "set arrow %d from %.17g, graph 0 to %.17g, graph 1 nohead lc rgb '%s' lw 2.5 dt %s front\n", n, x,
            x, colour, dash);
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
    const double mean = s[0].mean, p05 = s[0].p05, p95 = s[0].p95;
    free(s);
    if (!isfinite(mean) || !isfinite(p05) || !isfinite(p95)) return 0; /* a damaged file */
    const double ref = isfinite(followers) && followers > 0 && facebook_page(c) ? 0.06 * followers : NAN;
    /* the bulk of the distribution: long share cascades would squash it */
    double xmax = ceil(p95 * 1.8);
    if (isfinite(ref) && ref * 1.4 > xmax) xmax = ceil(ref * 1.4);
    if (xmax < 10) xmax = 10;
    FILE *d = portee_chart_dat_open(c, name);
    if (!d) return -1;
    double bin = 0;
    bool stored = false;
    const int w = write_distribution(d, c, portee_chart_ref(ch, 0), xmax, &bin, &stored);
    if (portee_chart_dat_close(d) || w < 0) return -1;
    if (w > 0) return 0;

    FILE *b = c->body;
    const portee_lang_t L = c->lang;
    char text[512], n1[64], n2[64], n3[64], n4[64];
    portee_chart_start_point0(c, portee_tr(L, "reach of one post"));
    portee_chart_num(c, bin, n1, sizeof n1);
    snprintf(text, sizeof text,
             portee_tr(L, stored ? "people reached by one post (directly + through shares; bars %s wide, the file's: "
                                   "it keeps no replicates)"
                                 : "people reached by one post (directly + through shares; bars %s wide)"),
             n1);
    portee_chart_set_text(b, "xlabel", text);
    portee_chart_set_tr(c, "ylabel", "share of posts (%)");
    portee_chart_set_tr(c, "y2label", "posts reaching at most this many (%)");
    fputs("set y2range [0:100]\nset ytics nomirror\nset rmargin 12\n"
          "set style fill solid 0.9 border lc rgb '#ffffff'\n", b);
    portee_chart_round_tics(c, "y2tics", 0, 100, false, 1);
    portee_chart_round_tics(c, "xtics", 0, xmax, false, 1);
    fputs("set format y '%g'\n", b);
    /* the key, with the mean and the reference as its entries, below the
     * plot: inside, some page's bars or cumulative curve would be under it */
    fputs("set key below vertical maxcols 1 Left reverse noopaque nobox samplen 3 spacing 1.2 height 1\n", b);
    fprintf(b, "set xrange [0:%.17g]\n", xmax);
    portee_chart_num(c, mean, n1, sizeof n1);
    portee_chart_num(c, p05, n2, sizeof n2);
    portee_chart_num(c, p95, n3, sizeof n3);
    char mean_title[256], ref_title[300] = "";
    snprintf(mean_title, sizeof mean_title, portee_tr(L, "mean %s people (90 %% of posts: %s to %s)"), n1, n2, n3);
    vline(b, 1, mean, GP_VERMILLION, "2");
    /* a reference within 2 % of the axis of the mean would merge with it
     * into one line: then one line, and the key says both */
    const bool merged = isfinite(ref) && fabs(ref - mean) < 0.02 * xmax;
    if (isfinite(ref)) {
        portee_chart_num(c, followers, n2, sizeof n2);
        portee_chart_num(c, ref, n4, sizeof n4);
        snprintf(ref_title, sizeof ref_title,
                 portee_tr(L, merged ? "the mean is about the reference: 6 %% of %s followers = %s (Facebook, Feb 2014)"
                                     : "6 %% of %s followers = %s: unpaid Facebook page reach, Feb 2014"),
                 n2, n4);
        if (!merged) vline(b, 2, ref, GP_GREEN, "3");
    }
    /* the bars and the curve are named by their axes: the key holds the lines */
    fprintf(b, "plot '%s.dat' using (($1+$2)/2):3:($2-$1) with boxes lc rgb '%s' notitle, \\\n"
               "     '' using 2:4 axes x1y2 with lines lc rgb '%s' lw 3 notitle",
            name, GP_SKY, GP_BLUE);
    fprintf(b, ", \\\n     NaN with lines lc rgb '%s' lw 2.5 dt 2 title ", GP_VERMILLION);
    portee_gp_quote(b, mean_title);
    if (isfinite(ref)) {
        fprintf(b, ", \\\n     NaN with lines lc rgb '%s' lw 2.5 dt %s title ", merged ? "#ffffff" : GP_GREEN,
                merged ? "1" : "3");
        portee_gp_quote(b, ref_title);
    }
    fputc('\n', b);
    return 1;
}

/* ---- a series over steps with its 50 % and 90 % bands ---- */

/* The fan's legend: below the plot, under the x label with a line of its
 * own (a wider bottom margin), its samples long enough to show a line's
 * dashes whole. */
static void fan_key(FILE *b) { fputs("set key below horizontal noopaque nobox samplen 4 spacing 1.3 height 1.5\n", b); }

/* A series over steps with its 50 % and 90 % bands: the chart's first output;
 * a dotted horizontal line at `ceiling` (titled so) when it is finite, with
 * room above it so that it does not merge into the frame.  The y axis
 * starts at zero: a fan that moves by a few per cent must not look like a
 * crash. */
static int fan(const portee_chart_ctx_t *c, const portee_chart_t *ch, const char *title, const char *xlabel,
               const char *ylabel, const char *of, double ceiling, const char *ceiling_title)
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
    double top = isfinite(ceiling) ? ceiling : 0;
    for (size_t t = 0; t < n; t++) {
        fprintf(d, "%.17g %.17g %.17g %.17g %.17g %.17g %.17g\n", first + t, s[t].mean, s[t].p05,
                s[t].p25, s[t].p50, s[t].p75, s[t].p95);
        if (s[t].p95 > top) top = s[t].p95;
    }
    free(s);
    if (portee_chart_dat_close(d)) return -1;
    FILE *b = c->body;
    const portee_lang_t L = c->lang;
    portee_chart_start_point0(c, portee_tr(L, title));
    portee_chart_set_tr(c, "xlabel", xlabel);
    portee_chart_set_tr(c, "ylabel", ylabel);
    fan_key(b);
    fprintf(b, "set xrange [%g:%g]\n", first, first + (double)n - 1);
    const double y1 = top > 0 && isfinite(top) ? 1.08 * top : 1;
    fprintf(b, "set yrange [0:%.17g]\n", y1);
    portee_chart_round_tics(c, "ytics", 0, y1, false, 1);
    if (n <= 80) fprintf(b, "set xtics %g, %d\n", first, n <= 30 ? (first ? 1 : 3) * (n > 14 ? 2 : 1) : 6);
    portee_chart_plot_bands_tr(c, name, of, NAN);
    /* the median solid and thin: a dashed sample reads as another symbol */
    fprintf(b, "     '' using 1:2 with lines lc rgb '%s' lw 3 title ", GP_BLUE);
    portee_gp_quote(b, portee_tr(L, "mean"));
    fprintf(b, ", \\\n     '' using 1:5 with lines lc rgb '%s' lw 1.5 title ", "#1a1a1a");
    portee_gp_quote(b, portee_tr(L, "median"));
    if (isfinite(ceiling)) {
        fprintf(b, ", \\\n     %.17g with lines lc rgb '%s' lw 2 dt 3 title ", ceiling, GP_GREEN);
        portee_gp_quote(b, ceiling_title);
    }
    fputc('\n', b);
    return 1;
}

static int hourly(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    return fan(c, ch, "reach of one post, hour by hour", "hours since the post went out",
               "people reached so far", "posts", NAN, NULL);
}

static int weekly_followers(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    return fan(c, ch, "followers week by week", "week of the posting plan",
               "followers at the end of the week (people; the axis starts at 0)", "simulated futures", NAN, NULL);
}

static int weekly_reach(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    return fan(c, ch, "followers reached each week", "week of the posting plan",
               "followers reached by at least one post (people)", "simulated weeks", NAN, NULL);
}

/* Followers of the plan's start reached at least once so far: it can only
 * climb towards the followers the plan started with, drawn as its ceiling. */
static int cumulative(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const double followers = portee_chart_parameter(c, REACH_FOLLOWERS, 0);
    char ceiling[256], num[64];
    portee_chart_num(c, followers, num, sizeof num);
    snprintf(ceiling, sizeof ceiling,
             portee_tr(c->lang, portee_chart_has_inputs(c, REACH_FOLLOWERS)
                                    ? "followers at the start of the plan (mean %s)"
                                    : "followers at the start of the plan (%s)"),
             num);
    return fan(c, ch, "followers reached at least once since the plan began", "week of the posting plan",
               "followers of the plan's start reached at least once (people)", "simulated futures", followers,
               ceiling);
}

/* ---- a weekly output across sweep points: one line per point ---- */

/* More lines than this cannot be told apart by colour and dash. */
#define MAX_POINT_LINES 12
/* Up to this many points, each line has its 90 % band. */
#define MAX_POINT_BANDS 4

/* Followers reached each week at every sweep point: the per-point charts
 * show point 0 only, and a posting plan swept over posts per week (or any
 * input) is read by comparing the points' weeks. */
static int weekly_by_point(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const char *name = ch->name;
    const portee_results_t *r = c->results;
    const portee_results_series_t *sr = portee_chart_series(c, portee_chart_ref(ch, 0));
    if (!r || r->n_points < 2 || r->n_points > MAX_POINT_LINES || !sr || sr->n_steps < 2 || !sr->rows) return 0;
    const uint64_t P = r->n_points, T = sr->n_steps;
    const double first = (double)sr->first_step;
    FILE *d = portee_chart_dat_open(c, name);
    if (!d) return -1;
    fputs("# step mean p05 p95  (a block per sweep point, in point order)\n", d);
    double top = 0;
    for (uint64_t p = 0; p < P; p++) {
        for (uint64_t t = 0; t < T; t++) {
            const portee_summary_t *s = &sr->rows[p * T + t];
            fprintf(d, "%.17g %.17g %.17g %.17g\n", first + (double)t, s->mean, s->p05, s->p95);
            if (isfinite(s->p95) && s->p95 > top) top = s->p95;
        }
        fputs("\n\n", d);
    }
    if (portee_chart_dat_close(d)) return -1;
    FILE *b = c->body;
    const portee_lang_t L = c->lang;
    char text[512];
    portee_chart_start(c, portee_tr(L, "followers reached each week, at each sweep point"));
    portee_chart_set_tr(c, "xlabel", P <= MAX_POINT_BANDS ? "week of the posting plan (lines: mean; dotted: 5 % and 95 % of replicates)"
                                                          : "week of the posting plan (lines: mean over replicates)");
    portee_chart_set_tr(c, "ylabel", "followers reached by at least one post (people)");
    fan_key(b);
    fprintf(b, "set xrange [%g:%g]\n", first, first + (double)T - 1);
    const double y1 = top > 0 ? 1.08 * top : 1;
    fprintf(b, "set yrange [0:%.17g]\n", y1);
    portee_chart_round_tics(c, "ytics", 0, y1, false, 1);
    if (T <= 80) fprintf(b, "set xtics %g, %d\n", first, T <= 30 ? (T > 14 ? 2 : 1) : 6);
    static const char *const colours[6] = {GP_BLUE, GP_ORANGE, GP_GREEN, GP_VERMILLION, GP_PURPLE, GP_SKY};
    fputs("plot ", b);
    for (uint64_t p = 0; p < P; p++) {
        const char *col = colours[p % 6];
        /* the band as its two edges, thin and dotted: filled bands of
         * several points would cover one another */
        if (P <= MAX_POINT_BANDS)
            fprintf(b, "'%s.dat' index %llu using 1:3 with lines lc rgb '%s' lw 1 dt 3 notitle, \\\n"
                       "     '' index %llu using 1:4 with lines lc rgb '%s' lw 1 dt 3 notitle, \\\n     ",
                    name, (unsigned long long)p, col, (unsigned long long)p, col);
        /* the line's title: the swept values of its point */
        size_t used = 0;
        text[0] = '\0';
        for (size_t a = 0; a < r->n_axes && used < sizeof text; a++) {
            char v[256];
            portee_chart_param_value(c, r->axes[a] ? r->axes[a] : "?", r->axis_values[p * r->n_axes + a], v,
                                     sizeof v);
            used += (size_t)snprintf(text + used, sizeof text - used, "%s%s", a ? ", " : "", v);
        }
        fprintf(b, "'%s.dat' index %llu using 1:2 with lines lc rgb '%s' lw 2.5 dt %d title ", name,
                (unsigned long long)p, col, (int)(p / 6) + 1);
        portee_gp_quote(b, text);
        fputs(p + 1 < P ? ", \\\n     " : "\n", b);
    }
    return 1;
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
    const portee_lang_t L = c->lang;
    const bool plan = weeks >= 1; /* else one post: seen or not */
    portee_chart_start_point0(c, portee_tr(L, plan ? "how many of the plan's posts each follower saw"
                                                   : "followers who saw the post"));
    char text[256], w[32];
    portee_chart_num(c, weeks, w, sizeof w);
    if (plan)
        snprintf(text, sizeof text, portee_tr(L, "posts of the %s-week plan seen directly (the last bar: %zu or more)"),
                 w, n - 1);
    else
        snprintf(text, sizeof text, "%s", portee_tr(L, "posts seen directly (one post: 0 or 1)"));
    portee_chart_set_text(b, "xlabel", text);
    portee_chart_set_tr(c, "ylabel", plan ? "followers at the start of the plan (people)" : "followers (people)");
    portee_chart_set_tr(c, "y2label", "share of them (%, mean)");
    /* both axes over the same range: the right one in % of the followers */
    const double ymax = 1.12 * top;
    fprintf(b, "set xrange [-0.6:%g]\nset yrange [0:%.17g]\nset y2range [0:%.17g]\nset ytics nomirror\n"
               "set rmargin 12\nset boxwidth 0.7\nset style fill solid 0.85 noborder\n"
               "set key top right noopaque nobox\nset xtics (",
            n - 0.4, ymax, 100 * ymax / all);
    for (size_t j = 0; j < n; j++) fprintf(b, "%s'%zu%s' %zu", j ? ", " : "", j, j + 1 == n ? "+" : "", j);
    fputs(")\n", b);
    portee_chart_round_tics(c, "ytics", 0, ymax, false, 1);
    portee_chart_round_tics(c, "y2tics", 0, 100 * ymax / all, false, 1);
    fprintf(b, "plot '%s.dat' using 1:2 with boxes lc rgb '%s' title ", name, GP_BLUE);
    portee_gp_quote(b, portee_tr(L, "mean over replicates"));
    fputs(", \\\n     '' using 1:3:(0):($7-$3) with vectors nohead lc rgb '#1a1a1a' lw 1.5 title ", b);
    portee_gp_quote(b, portee_tr(L, "90 % of replicates (p05 to p95)"));
    /* gprintf: the decimal sign of the chart's language */
    fputs(", \\\n     '' using 1:7:(gprintf($8 < 9.95 ? '%.1f' : '%.0f', $8).' %') with labels offset 0,0.8 "
          "tc rgb '#333333' notitle\n", b);
    return 1;
}

static int sweep(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    return portee_chart_sweep_of(c, ch->name, portee_chart_ref(ch, 0), "reach of one post");
}

static const portee_chart_t charts[] = {
    {"reach_distribution", "reach of one post: histogram, cumulative share, mean, and for a Facebook page the "
                           "60-of-1,000 reference",
     NULL, distribution, {PORTEE_CHART_VALUE(REACH_OUT_TOTAL)}},
    {"hourly_reach", "reach of one post hour by hour: mean, median, 50 % and 90 % bands", "reach.hours > 0",
     hourly, {PORTEE_CHART_SERIES(REACH_OUT_HOURLY)}},
    {"weekly_followers", "followers week by week over the posting plan: fan chart", "reach.horizon_weeks > 0",
     weekly_followers, {PORTEE_CHART_SERIES(REACH_OUT_WEEK_FOLLOWERS)}},
    {"weekly_reach", "followers reached each week over the posting plan: fan chart", "reach.horizon_weeks > 0",
     weekly_reach, {PORTEE_CHART_SERIES(REACH_OUT_WEEK_UNIQUE)}},
    {"weekly_by_point", "followers reached each week at every sweep point: a line (and band) per point",
     "reach.horizon_weeks > 0 and a sweep of 2 to 12 points", weekly_by_point,
     {PORTEE_CHART_SERIES(REACH_OUT_WEEK_UNIQUE)}},
    {"cumulative_reach", "followers of the plan's start reached at least once so far, week by week: fan chart",
     "reach.horizon_weeks > 0", cumulative, {PORTEE_CHART_SERIES(REACH_OUT_WEEK_CUMULATIVE)}},
    {"posts_seen", "followers of the plan's start by how many of its posts they saw: mean bars, 90 % bands",
     "reach.max_posts_seen > 0", posts_seen, {PORTEE_CHART_SERIES(REACH_OUT_POSTS_SEEN)}},
    {"sweep", "reach of one post across the sweep: line with bands (one input), heatmaps of the mean "
              "and the 90 % band width (two), a panel per input (more, or a sampled design)",
     "a sweep", sweep, {PORTEE_CHART_VALUE(REACH_OUT_TOTAL)}},
    {"tornado", "which uncertain inputs move the reach of one post most (rank correlation; inputs within "
                "chance left out)",
     "inputs given as distributions and output.replicates: true", portee_chart_tornado,
     {PORTEE_CHART_VALUE(REACH_OUT_TOTAL)}},
};

const portee_chart_set_t portee_charts_reach = {&portee_model_reach, charts, sizeof charts / sizeof *charts};
