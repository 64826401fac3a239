/* charts_fit_reach.c — the charts of a `portee fit reach` file: each post's
 * reach over time against the fitted model's 50 % and 90 % bands, the
 * histogram of reach/followers, observed against simulated, and with the
 * size law the rate against the page's size. */
#include "plots/chart_common.h"

#include <math.h>
#include <string.h>

#include "plots/charts_units.h"
#include "plots/gp.h"
#include "sim/results/labels.h"

static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

static void title(FILE *b, const portee_chart_ctx_t *c, const portee_reach_fit_t *f, const char *what)
{
    char text[1024];
    fputs("reset\n", b);
    portee_gp_style(b);
    if (c->lang == PORTEE_LANG_FR) fputs("set decimalsign ','\n", b);
    snprintf(text, sizeof text, "%s: %s", base_name(f->source), what);
    fputs("set title ", b);
    portee_gp_quote(b, text);
    fputs(" font ',16'\n", b);
}

static void note(FILE *b, int id, const char *text, double y)
{
    fprintf(b, "set label %d ", id);
    portee_gp_quote(b, text);
    fprintf(b, " at graph 0.99, graph %.3f right font ',10' tc rgb '%s' front\n", y, GP_GREY);
}

/* ---- reach per post over time ---- */

/* One panel's x axis: dates (seconds since 1970 on gnuplot's time axis,
 * labelled by month) or years (whole years, or months when they span less
 * than two: never 2023.1). */
static void time_axis(const portee_chart_ctx_t *c, const portee_posts_t *p, bool labelled)
{
    FILE *b = c->body;
    if (p->dates) fputs("set xdata time\nset timefmt '%s'\n", b);
    else {
        double lo = p->year[0], hi = p->year[0];
        for (size_t i = 1; i < p->n; i++) {
            lo = fmin(lo, p->year[i]);
            hi = fmax(hi, p->year[i]);
        }
        const double pad = fmax(0.02 * (hi - lo), 1.0 / 365);
        fprintf(b, "set xrange [%.17g:%.17g]\n", lo - pad, hi + pad);
        portee_chart_units_years(b, "xtics", lo - pad, hi + pad, 12, labelled);
    }
    if (!labelled) {
        fputs("set format x ''\nunset xlabel\n", b);
        return;
    }
    if (p->dates) {
        fputs("set format x '%Y-%m'\nset xtics rotate by -30\n", b);
        portee_chart_set_text(b, "xlabel", portee_tr(c->lang, "date of the post"));
    } else portee_chart_set_text(b, "xlabel", portee_tr(c->lang, "time of the post"));
}

static int posts(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const portee_reach_fit_t *f = c->reach_fit;
    if (!f || !f->band || !f->rate) return 0;
    const portee_posts_t *p = &f->posts;
    const bool viral = p->count[PORTEE_POSTS_VIRAL] != NULL;
    FILE *d = portee_chart_dat_open(c, ch->name);
    if (!d) return -1;
    /* per post: people, then the same in % of its followers */
    fputs("# x direct fitted_mean p05 p25 p50 p75 p95 | pct: direct fitted p05 p25 p75 p95\n", d);
    double ymax = 0, pmax = 0;
    for (size_t i = 0; i < p->n; i++) {
        const portee_summary_t *q = &f->band[i];
        const double F = p->count[PORTEE_POSTS_FOLLOWERS][i], x = p->dates ? p->day[i] * 86400 : p->year[i];
        const double y = portee_posts_direct(p, i), pc = 100 / F;
        ymax = fmax(ymax, fmax(y, q->p95));
        pmax = fmax(pmax, pc * fmax(y, q->p95));
        fprintf(d, "%.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g\n", x, y,
                F * f->rate[i], q->p05, q->p25, q->p50, q->p75, q->p95, pc * y, 100 * f->rate[i], pc * q->p05,
                pc * q->p25, pc * q->p75, pc * q->p95);
    }
    if (portee_chart_dat_close(d)) return -1;

    FILE *b = c->body;
    char text[1024], n1[32], n2[32], draws[32];
    fputs("reset\n", b);
    portee_gp_style(b);
    if (c->lang == PORTEE_LANG_FR) fputs("set decimalsign ','\n", b);
    snprintf(text, sizeof text, portee_tr(c->lang, "%s: reach of each post against the fitted model"),
             base_name(f->source));
    fputs("set multiplot title ", b);
    portee_gp_quote(b, text);
    fputs(" font ',16'\n", b);
    const portee_rf_row_t *ch_row = portee_rf_row(f, "change", NULL);
    const char *rate = portee_label("reach_rate", c->lang);
    portee_fmt_num(draws, sizeof draws, (double)f->draws, c->lang);
    portee_chart_units_p(n2, sizeof n2, f->trend_p, c->lang);
    if (f->level == PORTEE_LEVEL_LAST && ch_row) {
        portee_fmt_sig(n1, sizeof n1, ch_row->value < 1 ? 1 / ch_row->value : ch_row->value, 3, c->lang);
        snprintf(text, sizeof text,
                 ch_row->value < 1 ? portee_tr(c->lang, "time trend: %s fell by a factor %s from the first post to the "
                                                        "last (p %s); bands: each post simulated given its followers, "
                                                        "%s parameter draws")
                                   : portee_tr(c->lang, "time trend: %s rose by a factor %s from the first post to the "
                                                        "last (p %s); bands: each post simulated given its followers, "
                                                        "%s parameter draws"),
                 rate, n1, n2, draws);
    } else
        snprintf(text, sizeof text, portee_tr(c->lang, "constant %s%s; bands: each post simulated given its followers, "
                                                       "%s parameter draws"),
                 rate, f->has_trend ? (f->trend_p < 0.05 ? portee_tr(c->lang, " (although a trend is significant)")
                                                         : portee_tr(c->lang, " (no significant trend)"))
                                    : "",
                 draws);
    if (f->size_used)
        snprintf(text + strlen(text), sizeof text - strlen(text), "%s",
                 portee_tr(c->lang, "; size law: each post at its page's followers"));
    fputs("set label 90 ", b);
    portee_gp_quote(b, text);
    fprintf(b, " at screen 0.5, screen 0.915 center font ',10' tc rgb '%s'\n", GP_GREY);
    /* the top panel: people */
    fputs("set lmargin 12\nset rmargin 6\nset tmargin 0\nset bmargin 0.5\nset origin 0, 0.50\n"
          "set size 1, 0.39\nset key top center horizontal maxrows 1 opaque box\n", b);
    time_axis(c, p, false);
    portee_chart_set_text(b, "ylabel", viral ? portee_tr(c->lang, "followers reached directly")
                                             : portee_tr(c->lang, "people reached (unpaid)"));
    /* room above the posts for the key's one row */
    if (!(ymax > 0)) ymax = 1;
    fprintf(b, "set yrange [0:%.17g]\n", ymax * 1.25);
    portee_chart_units_tics(b, "ytics", 0, ymax * 1.25, 6, false, c->currency, c->lang);
    fprintf(b, "plot '%s.dat' using 1:4:8 with filledcurves lc rgb '%s' fs transparent solid 0.30 title ", ch->name,
            GP_SKY);
    portee_gp_quote(b, portee_tr(c->lang, "90 % of simulated posts"));
    fprintf(b, ", \\\n     '' using 1:5:7 with filledcurves lc rgb '%s' fs transparent solid 0.35 title '50 %%', \\\n"
               "     '' using 1:3 with lines lc rgb '%s' lw 2.5 title ",
            GP_BLUE, GP_BLUE);
    portee_gp_quote(b, portee_tr(c->lang, "mean of the fitted model"));
    fprintf(b, ", \\\n     '' using 1:2 with points pt 7 ps 0.7 lc rgb '%s' title ", GP_VERMILLION);
    portee_gp_quote(b, portee_tr(c->lang, "observed post"));
    fputc('\n', b);
    /* the bottom panel: % of followers, where the trend shows */
    fputs("unset label 90\nset tmargin 0.5\nset bmargin 5\nset origin 0, 0.0\nset size 1, 0.50\nunset key\n", b);
    time_axis(c, p, true);
    portee_chart_set_text(b, "ylabel", portee_tr(c->lang, "% of followers"));
    if (!(pmax > 0)) pmax = 1;
    fprintf(b, "set yrange [0:%.17g]\n", pmax * 1.05);
    portee_chart_units_tics(b, "ytics", 0, pmax * 1.05, 6, false, c->currency, c->lang);
    fprintf(b, "plot '%s.dat' using 1:11:14 with filledcurves lc rgb '%s' fs transparent solid 0.30 notitle, \\\n"
               "     '' using 1:12:13 with filledcurves lc rgb '%s' fs transparent solid 0.35 notitle, \\\n"
               "     '' using 1:10 with lines lc rgb '%s' lw 2.5 notitle, \\\n"
               "     '' using 1:9 with points pt 7 ps 0.7 lc rgb '%s' notitle\n"
               "unset multiplot\n",
            ch->name, GP_SKY, GP_BLUE, GP_BLUE, GP_VERMILLION);
    return 1;
}

/* ---- reach/followers: observed against simulated ---- */

static int ratio(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const portee_reach_fit_t *f = c->reach_fit;
    if (!f || f->hist_bins == 0) return 0;
    FILE *d = portee_chart_dat_open(c, ch->name);
    if (!d) return -1;
    /* in % of followers; the last bin is open, drawn as wide as the others */
    const double w = 100 * (f->hist_edges[1] - f->hist_edges[0]);
    fputs("# left_pct centre_pct observed simulated_mean simulated_p05 simulated_p95\n", d);
    double ymax = 0;
    for (size_t k = 0; k < f->hist_bins; k++) {
        const portee_summary_t *q = &f->hist_sim[k];
        const double left = 100 * f->hist_edges[k];
        ymax = fmax(ymax, fmax(f->hist_observed[k], q->p95));
        fprintf(d, "%.17g %.17g %.17g %.17g %.17g %.17g\n", left, left + w / 2, f->hist_observed[k], q->mean, q->p05,
                q->p95);
    }
    if (portee_chart_dat_close(d)) return -1;

    FILE *b = c->body;
    const bool viral = f->posts.count[PORTEE_POSTS_VIRAL] != NULL;
    title(b, c, f, portee_tr(c->lang, "reach / followers, observed and simulated"));
    portee_chart_set_text(b, "xlabel",
                          viral ? portee_tr(c->lang, "followers reached directly, % of followers (last bin: this and more)")
                                : portee_tr(c->lang, "people reached, % of followers (last bin: this and more)"));
    portee_chart_set_text(b, "ylabel", portee_tr(c->lang, "posts"));
    const double xmax = 100 * f->hist_edges[f->hist_bins];
    fprintf(b, "set xrange [0:%.17g]\nset yrange [0:%.17g]\nset boxwidth %.17g absolute\n"
               "set style fill solid 0.55 border lc rgb '#ffffff'\nset key top right opaque box\n",
            xmax, ymax * 1.15 + 1, w * 0.92);
    portee_chart_units_tics(b, "xtics", 0, xmax, 12, false, c->currency, c->lang);
    portee_chart_units_tics(b, "ytics", 0, ymax * 1.15 + 1, 8, false, c->currency, c->lang);
    /* the open bin's edge, stopping below the notes */
    fprintf(b, "set arrow 1 from %.17g, graph 0 to %.17g, graph 0.78 nohead lc rgb '%s' dt 3 back\n", xmax - w,
            xmax - w, GP_GREY);
    char text[512], m1[32], s1[32], m2[32], s2[32], draws[32];
    portee_fmt_pct(m1, sizeof m1, f->obs_mean, c->lang);
    portee_fmt_pct(s1, sizeof s1, f->obs_sd, c->lang);
    portee_fmt_pct(m2, sizeof m2, f->sim_mean.p50, c->lang);
    portee_fmt_pct(s2, sizeof s2, f->sim_sd.p50, c->lang);
    portee_fmt_num(draws, sizeof draws, (double)f->draws, c->lang);
    snprintf(text, sizeof text, portee_tr(c->lang, "observed: mean %s, sd %s; simulated: mean %s, sd %s (medians over "
                                                   "%s draws)"),
             m1, s1, m2, s2, draws);
    note(b, 1, text, 0.90);
    portee_fmt_sig(m1, sizeof m1, f->chi2, 3, c->lang);
    portee_chart_units_p(s1, sizeof s1, f->chi2_p, c->lang);
    snprintf(text, sizeof text, portee_tr(c->lang, "each post against its own predictive distribution: chi-square %s, "
                                                   "posterior-predictive p %s"),
             m1, s1);
    note(b, 2, text, 0.85);
    fprintf(b, "plot '%s.dat' using 2:3 with boxes lc rgb '%s' title ", ch->name, GP_SKY);
    portee_gp_quote(b, portee_tr(c->lang, "observed posts"));
    fprintf(b, ", \\\n     '' using 2:4:5:6 with yerrorbars pt 7 ps 1.0 lc rgb '%s' lw 2 title ", GP_VERMILLION);
    portee_gp_quote(b, portee_tr(c->lang, "simulated by the fitted model: mean and 90 % of draws"));
    fputc('\n', b);
    return 1;
}

/* ---- the size law: reach/followers against followers ---- */

static int size(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const portee_reach_fit_t *f = c->reach_fit;
    if (!f || !f->size_used || !f->band) return 0;
    const portee_posts_t *p = &f->posts;
    const double *F = p->count[PORTEE_POSTS_FOLLOWERS];
    FILE *d = portee_chart_dat_open(c, ch->name);
    if (!d) return -1;
    /* block 0, per post: followers, % reached directly, the predictive
     * p05 p25 p75 p95 in %; block 1: the fitted rate at the scenario's
     * time over the followers' range */
    fputs("# followers direct_pct p05_pct p25_pct p75_pct p95_pct\n", d);
    double lo = F[0], hi = F[0], ymax = 0;
    for (size_t i = 0; i < p->n; i++) {
        const portee_summary_t *q = &f->band[i];
        const double pc = 100 / F[i], y = pc * portee_posts_direct(p, i);
        lo = fmin(lo, F[i]);
        hi = fmax(hi, F[i]);
        ymax = fmax(ymax, fmax(y, pc * q->p95));
        fprintf(d, "%.17g %.17g %.17g %.17g %.17g %.17g\n", F[i], y, pc * q->p05, pc * q->p25, pc * q->p75,
                pc * q->p95);
    }
    fputs("\n\n# followers fitted_rate_pct\n", d);
    const portee_bb_fit_t *m = &f->sized;
    const double tL = p->year[p->n - 1] - f->t_ref;
    for (int k = 0; k <= 100; k++) {
        const double x = log(lo) + (log(hi) - log(lo)) * k / 100.0;
        fprintf(d, "%.17g %.17g\n", exp(x), 100 * portee_bb_rate(m, tL, x - f->x_ref, NULL));
    }
    if (portee_chart_dat_close(d)) return -1;

    FILE *b = c->body;
    const portee_rf_row_t *e = portee_rf_row(f, "size_elasticity", NULL);
    title(b, c, f, portee_tr(c->lang, "reach rate against the page's size"));
    portee_chart_set_text(b, "xlabel", portee_tr(c->lang, "followers of the page when the post went out (log scale)"));
    portee_chart_set_text(b, "ylabel", p->count[PORTEE_POSTS_VIRAL]
                                           ? portee_tr(c->lang, "followers reached directly, %")
                                           : portee_tr(c->lang, "people reached (unpaid), % of followers"));
    if (!(ymax > 0)) ymax = 1;
    fprintf(b, "set logscale x\nset xrange [%.17g:%.17g]\nset yrange [0:%.17g]\n"
               "set key top right opaque box\n",
            lo / 1.15, hi * 1.15, ymax * 1.3);
    portee_chart_units_tics(b, "ytics", 0, ymax * 1.3, 8, false, c->currency, c->lang);
    /* tics at 1, 2 and 5 of each decade, bars without caps (a cap per post
     * would crowd the chart) */
    fputs("set bars 0\nset xtics (", b);
    bool first = true;
    for (double dec = pow(10, floor(log10(lo / 1.15))); dec <= hi * 1.15; dec *= 10)
        for (int m = 0; m < 3; m++) {
            const double v = dec * (m == 0 ? 1 : m == 1 ? 2 : 5);
            if (v < lo / 1.15 || v > hi * 1.15) continue;
            char label[32];
            portee_fmt_num(label, sizeof label, v, c->lang);
            fputs(first ? "" : ", ", b);
            portee_gp_quote(b, label);
            fprintf(b, " %.17g", v);
            first = false;
        }
    fputs(")\n", b);
    char text[512], v[32], l95[32], h95[32], fl[32], pv[32];
    if (e) {
        portee_fmt_sig(v, sizeof v, e->value, 3, c->lang);
        portee_fmt_sig(l95, sizeof l95, e->lo95, 3, c->lang);
        portee_fmt_sig(h95, sizeof h95, e->hi95, 3, c->lang);
        portee_fmt_num(fl, sizeof fl, round(f->followers_last), c->lang);
        portee_chart_units_p(pv, sizeof pv, f->size_p, c->lang);
        snprintf(text, sizeof text, portee_tr(c->lang, "size law: %s %s (95 %%: %s to %s) at %s followers, size test "
                                                       "p %s; bars: each post's 50 %% and 90 %% predictive range"),
                 portee_label("size_elasticity", c->lang), v, l95, h95, fl, pv);
    } else
        snprintf(text, sizeof text, "%s", portee_tr(c->lang, "size law; bars: each post's 50 % and 90 % predictive range"));
    note(b, 1, text, 0.80);
    fprintf(b, "plot '%s.dat' index 0 using 1:2:3:6 with yerrorbars pt -1 lc rgb '%s' lw 1 title ", ch->name, GP_SKY);
    portee_gp_quote(b, portee_tr(c->lang, "90 % of simulated posts"));
    fprintf(b, ", \\\n     '' index 0 using 1:2:4:5 with yerrorbars pt -1 lc rgb '%s' lw 3 title '50 %%', \\\n"
               "     '' index 1 using 1:2 with lines lc rgb '%s' lw 2.5 title ",
            GP_BLUE, GP_BLUE);
    snprintf(text, sizeof text, portee_tr(c->lang, "fitted %s"), portee_label("reach_rate", c->lang));
    portee_gp_quote(b, text);
    fprintf(b, ", \\\n     '' index 0 using 1:2 with points pt 7 ps 0.7 lc rgb '%s' title ", GP_VERMILLION);
    portee_gp_quote(b, portee_tr(c->lang, "observed post"));
    fputc('\n', b);
    return 1;
}

static const portee_chart_t charts[] = {
    {.name = "fit_reach_posts",
     .what = "reach of each post over time, observed, against the fitted model's mean and 50 % and 90 % bands",
     .needs = "a file of portee fit reach",
     .make = posts},
    {.name = "fit_reach_ratio",
     .what = "histogram of reach/followers over the posts, observed against simulated (mean and 90 % of draws)",
     .needs = "a file of portee fit reach",
     .make = ratio},
    {.name = "fit_reach_size",
     .what = "reach/followers of each post against its page's followers, with the fitted size law",
     .needs = "a file of portee fit reach whose scenario uses the size law",
     .make = size},
};

const portee_chart_set_t portee_charts_fit_reach = {NULL, charts, sizeof charts / sizeof *charts};
