/* charts_fit.c — the chart of a `portee fit` file: observed points, the
 * fitted curve, the forecast's 50 % and 90 % prediction bands, and each
 * share's level with the median date it is reached and its 90 % interval; a
 * dashed line where the observations end and the forecast goes on alone. */
#include "plots/chart_common.h"

#include <math.h>
#include <string.h>

#include "plots/charts_units.h"
#include "plots/gp.h"

/* Four blocks (gnuplot `index`): observations, the fitted curve, the
 * forecast bands, and per share its level, median date and 90 % interval.
 * Shares are drawn in percent. */
static int write_data(const portee_chart_ctx_t *c, const char *name, double scale)
{
    const portee_fit_t *f = c->fit;
    FILE *d = portee_chart_dat_open(c, name);
    if (!d) return -1;
    fprintf(d, "# index 0: observed (%s, value)\n", f->time_name);
    for (size_t i = 0; i < f->n; i++) fprintf(d, "%.17g %.17g\n", f->t[i], scale * f->y[i]);
    fputs("\n\n# index 1: fitted curve (time, value)\n", d);
    for (size_t i = 0; i < f->n_curve; i++) fprintf(d, "%.17g %.17g\n", f->curve_t[i], scale * f->curve_y[i]);
    fputs("\n\n# index 2: prediction bands (time, mean, p05, p25, p50, p75, p95)\n", d);
    for (size_t j = 0; j < f->n_steps; j++) {
        const portee_summary_t *q = &f->pred[j];
        fprintf(d, "%.17g %.17g %.17g %.17g %.17g %.17g %.17g\n", f->step_t[j], scale * q->mean,
                scale * q->p05, scale * q->p25, scale * q->p50, scale * q->p75, scale * q->p95);
    }
    fputs("\n\n# index 3: share dates (level, median, p05, p95, share)\n", d);
    for (size_t s = 0; s < f->n_shares; s++) {
        const portee_summary_t *q = &f->share_date[s];
        fprintf(d, "%.17g %.17g %.17g %.17g %.17g\n", scale * f->share[s] * f->market_size, q->p50, q->p05,
                q->p95, f->share[s]);
    }
    return portee_chart_dat_close(d);
}

/* A column name of the user's CSV as a reader reads it: spaces for '_'. */
static void readable(char *buf, size_t len, const char *name)
{
    snprintf(buf, len, "%s", name);
    for (char *p = buf; *p; p++)
        if (*p == '_') *p = ' ';
}

/* "origin (launch) %s, " and how it was chosen, in a word: the fit's own
 * rule is written for the command line (--origin, --fit-origin). */
static const char *origin_how(const portee_fit_t *f, portee_lang_t lang)
{
    if (f->fit_origin || f->origin_implied) return portee_tr(lang, "origin (launch) %s, fitted");
    if (f->origin_rule && !strncmp(f->origin_rule, "given", 5)) return portee_tr(lang, "origin (launch) %s, given");
    return portee_tr(lang, "origin (launch) %s, by default");
}

static int fit(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const char *name = ch->name;
    const portee_fit_t *f = c->fit;
    if (!f || f->n_steps == 0) return 0;
    const bool share = !strcmp(f->value_units, "share");
    const double scale = share ? 100 : 1;
    if (write_data(c, name, scale)) return -1;

    FILE *b = c->body;
    const char *base = strrchr(f->source, '/');
    char text[1024], value[256], a[64], lo[64], hi[64];
    readable(value, sizeof value, f->value_name);
    fputs("reset\n", b);
    portee_gp_style(b);
    snprintf(text, sizeof text, portee_tr(c->lang, "%s: Bass fit and forecast (%s)"), value,
             base ? base + 1 : f->source);
    fputs("set title ", b);
    portee_gp_quote(b, text);
    fputs(" font ',16'\n", b);
    if (f->dated) portee_chart_set_text(b, "xlabel", portee_tr(c->lang, "date of the observation"));
    else {
        readable(text, sizeof text, f->time_name);
        portee_chart_set_text(b, "xlabel", text);
    }
    if (share || !strcmp(f->value_units, "%")) snprintf(text, sizeof text, "%s (%%)", value);
    else snprintf(text, sizeof text, "%s", value);
    portee_chart_set_text(b, "ylabel", text);
    double top = f->fit_market ? NAN : scale * f->market_size;
    if (!isfinite(top)) { /* a fitted market: as high as the data and the bands go */
        top = 0;
        for (size_t i = 0; i < f->n; i++) top = fmax(top, scale * f->y[i]);
        for (size_t j = 0; j < f->n_steps; j++) top = fmax(top, scale * f->pred[j].p95);
        for (size_t i = 0; i < f->n_curve; i++) top = fmax(top, scale * f->curve_y[i]);
        if (!(top > 0)) top = 1;
    }
    top *= 1.02;
    const double x0 = fmin(f->origin, f->t[0]), x1 = f->horizon, t_last = f->t[f->n - 1];
    /* whole years in a column of years read as calendar years: dates are
     * then written as months (2019-10), never 2019.8 */
    bool calendar = f->dated;
    if (!calendar) {
        calendar = true;
        for (size_t i = 0; i < f->n; i++) calendar = calendar && f->t[i] == floor(f->t[i]) && f->t[i] > 1000 && f->t[i] < 3000;
    }
    fprintf(b, "set xrange [%.17g:%.17g]\nset yrange [0:%.17g]\n", x0, x1, top);
    portee_chart_units_years(b, "xtics", x0, x1, 12, true);
    portee_chart_units_tics(b, "ytics", 0, top, 8, false, c->currency, c->lang);
    /* the notes' boxes hide the line where the observations end */
    fputs("set key below horizontal noopaque nobox\nset style textbox opaque noborder margins 1,0.5\n", b);
    /* where the observations end and the forecast alone goes on */
    if (t_last < x1) {
        fprintf(b, "set arrow 50 from first %.17g, graph 0 to first %.17g, graph 1 nohead lc rgb '%s' lw 1.5 dt 2 back\n",
                t_last, t_last, GP_GREY);
        fputs("set label 50 ", b);
        portee_gp_quote(b, portee_tr(c->lang, "forecast →"));
        /* above the plot, at the top of the line: the shares' labels take the inside */
        fprintf(b, " at first %.17g, graph 1 left offset 0.5,0.8 font ',11' tc rgb '%s' front\n", t_last, GP_GREY);
    }
    /* each share: its level across the chart and, at its median date, a label */
    for (size_t s = 0; s < f->n_shares; s++) {
        const double level = scale * f->share[s] * f->market_size;
        const portee_summary_t *q = &f->share_date[s];
        fprintf(b, "set arrow %zu from graph 0, first %.17g to graph 1, first %.17g nohead lc rgb '%s' lw 1 dt 3 back\n",
                s + 1, level, level, GP_GREY);
        char pct[32];
        portee_fmt_sig(pct, sizeof pct, 100 * f->share[s], 3, c->lang);
        portee_chart_units_year(a, sizeof a, q->p50, calendar, c->lang);
        portee_chart_units_year(lo, sizeof lo, q->p05, calendar, c->lang);
        portee_chart_units_year(hi, sizeof hi, q->p95, calendar, c->lang);
        snprintf(text, sizeof text,
                 f->fit_market ? portee_tr(c->lang, "%s %% of the market reached: median %s (90 %% of draws: %s to %s)")
                               : portee_tr(c->lang, "%s %% reached: median %s (90 %% of draws: %s to %s)"),
                 pct, a, lo, hi);
        fprintf(b, "set label %zu ", s + 1);
        portee_gp_quote(b, text);
        /* where the rising curve is not: below the level after the date,
         * above it before the date; on the side of the marker with room */
        const bool left_half = (q->p50 - x0) < 0.5 * (x1 - x0);
        fprintf(b, " at %.17g, first %.17g %s tc rgb '%s' front\n", q->p50, level,
                left_half ? "left offset 1.5,-1.2" : "right offset -1.5,1", GP_GREEN);
    }
    char draws[64], n1[64], n2[64];
    portee_fmt_num(draws, sizeof draws, (double)f->draws, c->lang);
    if (f->errors == PORTEE_ERRORS_INCREMENTS) { /* resid_sd is sqrt of a dispersion, not in the values' unit */
        portee_fmt_sig(n1, sizeof n1, f->resid_sd * f->resid_sd, 3, c->lang);
        portee_fmt_num(n2, sizeof n2, round(1 / (f->resid_sd * f->resid_sd)), c->lang);
        snprintf(text, sizeof text, portee_tr(c->lang, "prediction bands over %s parameter draws, with the "
                                                       "process's noise (dispersion %s: the scatter of %s "
                                                       "independent adopters)"),
                 draws, n1, n2);
    } else {
        portee_fmt_sig(n1, sizeof n1, scale * f->resid_sd, 3, c->lang);
        snprintf(text, sizeof text, portee_tr(c->lang, "prediction bands over %s parameter draws, with the "
                                                       "observation noise (residual sd %s %s)"),
                 draws, n1, share ? portee_tr(c->lang, "percentage points") : "");
    }
    /* notes bottom right, where a rising curve leaves room */
    fputs("set label 100 ", b);
    portee_gp_quote(b, text);
    fprintf(b, " at graph 0.99, graph 0.09 right font ',10' tc rgb '%s' boxed front\n", GP_GREY);
    portee_chart_units_year(a, sizeof a, f->origin, calendar, c->lang);
    snprintf(text, sizeof text, origin_how(f, c->lang), a);
    fputs("set label 101 ", b);
    portee_gp_quote(b, text);
    fprintf(b, " at graph 0.99, graph 0.05 right font ',10' tc rgb '%s' boxed front\n", GP_GREY);
    fprintf(b, "plot '%s.dat' index 2 using 1:3:7 with filledcurves lc rgb '%s' fs transparent solid 0.30 title ", name,
            GP_SKY);
    portee_gp_quote(b, portee_tr(c->lang, "90 % prediction band (5-95 %)"));
    fprintf(b, ", \\\n     '' index 2 using 1:4:6 with filledcurves lc rgb '%s' fs transparent solid 0.35 title ",
            GP_BLUE);
    portee_gp_quote(b, portee_tr(c->lang, "50 % prediction band (25-75 %)"));
    fprintf(b, ", \\\n     '' index 1 using 1:2 with lines lc rgb '%s' lw 3 title ", GP_BLUE);
    portee_gp_quote(b, portee_tr(c->lang, "fitted Bass curve"));
    fprintf(b, ", \\\n     '' index 0 using 1:2 with points pt 7 ps 1.4 lc rgb '%s' title ", GP_VERMILLION);
    portee_gp_quote(b, portee_tr(c->lang, "observed values"));
    fprintf(b, ", \\\n     '' index 3 using 2:1:3:4 with xerrorbars pt 9 ps 1.8 lc rgb '%s' lw 2 title ", GP_GREEN);
    portee_gp_quote(b, portee_tr(c->lang, "date a share is reached: median and 90 % of draws"));
    fputc('\n', b);
    return 1;
}

static const portee_chart_t charts[] = {
    {.name = "fit",
     .what = "observed series, fitted Bass curve, 50 % and 90 % prediction bands, dates of the shares",
     .make = fit},
};

const portee_chart_set_t portee_charts_fit = {NULL, charts, sizeof charts / sizeof *charts};
