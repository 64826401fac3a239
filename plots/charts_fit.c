/* charts_fit.c — the chart of a `portee fit` file: observed points, the
 * fitted curve, the forecast's 50 % and 90 % prediction bands, and each
 * share's level with the median date it is reached and its 90 % interval. */
#include "plots/chart_common.h"

#include <math.h>
#include <string.h>

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
    char text[1024];
    fputs("reset\n", b);
    portee_gp_style(b);
    snprintf(text, sizeof text, "%s: Bass fit and forecast (%s)", f->value_name, base ? base + 1 : f->source);
    fputs("set title ", b);
    portee_gp_quote(b, text);
    fputs(" font ',16'\n", b);
    portee_chart_set_text(b, "xlabel", f->time_name);
    snprintf(text, sizeof text, "%s (%s)", f->value_name, share ? "%" : f->value_units);
    portee_chart_set_text(b, "ylabel", text);
    const double top = f->fit_market ? NAN : scale * f->market_size;
    const double x0 = fmin(f->origin, f->t[0]), x1 = f->horizon;
    fprintf(b, "set xrange [%.17g:%.17g]\n", x0, x1);
    if (isfinite(top)) fprintf(b, "set yrange [0:%.17g]\n", top * 1.02);
    else fputs("set yrange [0:*]\n", b);
    fputs("set format x '%g'\nset format y '%g'\nset key below horizontal noopaque nobox\n", b);
    /* each share: its level across the chart and, at its median date, a label */
    for (size_t s = 0; s < f->n_shares; s++) {
        const double level = scale * f->share[s] * f->market_size;
        const portee_summary_t *q = &f->share_date[s];
        fprintf(b, "set arrow %zu from graph 0, first %.17g to graph 1, first %.17g nohead lc rgb '%s' lw 1 dt 3 back\n",
                s + 1, level, level, GP_GREY);
        snprintf(text, sizeof text, "%g %%%s reached: median %.1f (90 %% of draws: %.1f to %.1f)",
                 100 * f->share[s], f->fit_market ? " of M" : "", q->p50, q->p05, q->p95);
        fprintf(b, "set label %zu ", s + 1);
        portee_gp_quote(b, text);
        /* where the rising curve is not: below the level after the date,
         * above it before the date; on the side of the marker with room */
        const bool left_half = (q->p50 - x0) < 0.5 * (x1 - x0);
        fprintf(b, " at %.17g, first %.17g %s tc rgb '%s' front\n", q->p50, level,
                left_half ? "left offset 1.5,-1.2" : "right offset -1.5,1", GP_GREEN);
    }
    if (f->errors == PORTEE_ERRORS_INCREMENTS) /* resid_sd is sqrt of a dispersion, not in the values' unit */
        snprintf(text, sizeof text, "prediction bands over %llu parameter draws, with the process's noise "
                 "(dispersion %.3g: the scatter of %.4g independent adopters)", (unsigned long long)f->draws,
                 f->resid_sd * f->resid_sd, 1 / (f->resid_sd * f->resid_sd));
    else
        snprintf(text, sizeof text, "prediction bands over %llu parameter draws, with the observation noise "
                 "(residual sd %.3g %s)", (unsigned long long)f->draws, scale * f->resid_sd,
                 share ? "percentage points" : f->value_units);
    /* notes bottom right, where a rising curve leaves room */
    fputs("set label 100 ", b);
    portee_gp_quote(b, text);
    fprintf(b, " at graph 0.99, graph 0.09 right font ',10' tc rgb '%s' front\n", GP_GREY);
    snprintf(text, sizeof text, "origin (launch) %g, %s", f->origin, f->origin_rule);
    fputs("set label 101 ", b);
    portee_gp_quote(b, text);
    fprintf(b, " at graph 0.99, graph 0.05 right font ',10' tc rgb '%s' front\n", GP_GREY);
    fprintf(b, "plot '%s.dat' index 2 using 1:3:7 with filledcurves lc rgb '%s' fs transparent solid 0.30 "
               "title '90 %% prediction band (5-95 %%)', \\\n"
               "     '' index 2 using 1:4:6 with filledcurves lc rgb '%s' fs transparent solid 0.35 "
               "title '50 %% prediction band (25-75 %%)', \\\n"
               "     '' index 1 using 1:2 with lines lc rgb '%s' lw 3 title 'fitted Bass curve', \\\n"
               "     '' index 0 using 1:2 with points pt 7 ps 1.4 lc rgb '%s' title 'observed', \\\n"
               "     '' index 3 using 2:1:3:4 with xerrorbars pt 9 ps 1.8 lc rgb '%s' lw 2 "
               "title 'date a share is reached: median and 90 %% of draws'\n",
            name, GP_SKY, GP_BLUE, GP_BLUE, GP_VERMILLION, GP_GREEN);
    return 1;
}

static const portee_chart_t charts[] = {
    {.name = "fit",
     .what = "observed series, fitted Bass curve, 50 % and 90 % prediction bands, dates of the shares",
     .make = fit},
};

const portee_chart_set_t portee_charts_fit = {NULL, charts, sizeof charts / sizeof *charts};
