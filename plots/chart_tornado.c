/* chart_tornado.c — the tornado chart of any model's output (chart_tornado.h). */
#include "plots/chart_tornado.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

#include "plots/chart_common.h"
#include "plots/gp.h"
#include "sim/results/labels.h"

typedef struct {
    size_t param;
    double rho;
} driver_t;

static int by_abs_rho(const void *a, const void *b)
{
    double x = fabs(((const driver_t *)a)->rho), y = fabs(((const driver_t *)b)->rho);
    return (x > y) - (x < y);
}

/* Under independence, rho's standard deviation is 1/sqrt(n-1): three of
 * them leave out an unrelated input but one time in 370. */
double portee_chart_tornado_noise(size_t n) { return n > 1 ? 3 / sqrt((double)n - 1) : 1; }

/* "budget" from "boost.budget" style: the input's reader label */
static const char *input_label(const portee_chart_ctx_t *c, size_t j)
{
    char path[256];
    snprintf(path, sizeof path, "%s.%s", c->model->name, c->model->params[j].name);
    return portee_label(path, c->lang);
}

int portee_chart_tornado(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const char *name = ch->name;
    const portee_model_t *m = c->model;
    const size_t output = portee_chart_ref(ch, 0);
    double *out = NULL, *work = NULL;
    size_t n;
    driver_t drivers[PORTEE_MAX_PARAMS];
    size_t nd = 0, n_inputs = 0;
    int made = 0;
    if (!m || !portee_chart_replicates(c, output, 0, &out, &n) || n < 10) goto done;
    if (!(work = malloc(2 * n * sizeof *work))) {
        made = -1;
        goto done;
    }
    const double noise = portee_chart_tornado_noise(n);
    for (size_t j = 0; j < m->n_params; j++) {
        double *in;
        size_t k;
        if (!portee_chart_inputs(c, j, 0, &in, &k)) continue;
        if (k == n) {
            n_inputs++;
            double rho = gsl_stats_spearman(in, 1, out, 1, n, work);
            if (!isfinite(rho)) rho = 0; /* a constant input */
            if (fabs(rho) >= noise) drivers[nd++] = (driver_t){j, rho};
        }
        free(in);
    }
    if (n_inputs == 0) goto done;
    qsort(drivers, nd, sizeof *drivers, by_abs_rho); /* largest last: drawn at the top */
    FILE *d = portee_chart_dat_open(c, name);
    if (!d) {
        made = -1;
        goto done;
    }
    fputs("# row spearman_rho input  (inputs with |rho| below the noise threshold left out)\n", d);
    for (size_t i = 0; i < nd; i++)
        fprintf(d, "%zu %.17g %s\n", i, drivers[i].rho, m->params[drivers[i].param].name);
    if (portee_chart_dat_close(d)) {
        made = -1;
        goto done;
    }
    FILE *b = c->body;
    const char *what = portee_chart_output_label(c, output);
    char text[512], num[64], thr[64];
    snprintf(text, sizeof text, portee_tr(c->lang, "what drives %s"), what);
    portee_chart_start_point0(c, text);
    snprintf(text, sizeof text,
             portee_tr(c->lang, "Spearman rank correlation of each uncertain input with %s, over replicates"), what);
    portee_chart_set_text(b, "xlabel", text);
    size_t widest = 10;
    for (size_t i = 0; i < nd; i++) {
        const char *l = input_label(c, drivers[i].param);
        size_t w = 0;
        for (; *l; l++) w += ((unsigned char)*l & 0xC0) != 0x80;
        if (w > widest) widest = w;
    }
    /* room for the longest input's name */
    fprintf(b, "set xrange [-1:1]\nset grid noytics\nset key bottom right\nset lmargin %zu\nset bmargin 6\n",
            widest + 4);
    portee_chart_round_tics(c, "xtics", -1, 1, false, 1);
    if (nd > 0) {
        fputs("set ytics (", b);
        for (size_t i = 0; i < nd; i++) {
            fputs(i ? ", " : "", b);
            portee_gp_quote(b, input_label(c, drivers[i].param));
            fprintf(b, " %zu", i);
        }
        fprintf(b, ")\nset yrange [-0.6:%g]\n", nd - 0.4);
    } else {
        fputs("unset ytics\nset yrange [-0.6:0.6]\n", b);
    }
    /* what was left out, and why: under the x label */
    portee_fmt_fixed(num, sizeof num, (double)n, 0, c->lang);
    portee_fmt_fixed(thr, sizeof thr, noise, 3, c->lang);
    if (n_inputs > nd)
        snprintf(text, sizeof text,
                 portee_tr(c->lang, "%zu of %zu uncertain inputs left out: |rho| below %s, what chance alone "
                                    "gives over %s replicates"),
                 n_inputs - nd, n_inputs, thr, num);
    else
        snprintf(text, sizeof text, portee_tr(c->lang, "every uncertain input moves it beyond chance (|rho| of %s "
                                                       "or more over %s replicates)"),
                 thr, num);
    fputs("set label 10 ", b);
    portee_gp_quote(b, text);
    fprintf(b, " at screen 0.5, screen 0.03 center tc rgb '%s'\n", GP_GREY);
    bool rising = false, falling = false;
    for (size_t i = 0; i < nd; i++) {
        rising |= drivers[i].rho >= 0;
        falling |= drivers[i].rho < 0;
    }
    if (nd == 0) {
        fputs("plot NaN notitle\n", b);
        made = 1;
        goto done;
    }
    fprintf(b, "plot '%s.dat' using ($2 >= 0 ? $2/2 : 1/0):1:(abs($2)/2):(0.3) with boxxyerror lc rgb '%s' ",
            name, GP_BLUE);
    if (rising) {
        fputs("title ", b);
        portee_gp_quote(b, portee_tr(c->lang, "higher input, higher output"));
    } else {
        fputs("notitle", b);
    }
    fprintf(b, ", \\\n     '' using ($2 < 0 ? $2/2 : 1/0):1:(abs($2)/2):(0.3) with boxxyerror lc rgb '%s' ",
            GP_VERMILLION);
    if (falling) { /* a legend entry only for a side that is drawn */
        fputs("title ", b);
        portee_gp_quote(b, portee_tr(c->lang, "higher input, lower output"));
    } else {
        fputs("notitle", b);
    }
    /* gnuplot 5.4 crashes on labels none of whose points is defined: each
     * side's labels only when some input is on that side; gprintf writes
     * the decimal sign of the chart's language */
    if (rising)
        fputs(", \\\n     '' using ($2 >= 0 ? $2 + 0.02 : 1/0):1:('+'.gprintf('%.2f', $2)) with labels left "
              "tc rgb '#333333' notitle", b);
    if (falling)
        fputs(", \\\n     '' using ($2 < 0 ? $2 - 0.02 : 1/0):1:(gprintf('%.2f', $2)) with labels right "
              "tc rgb '#333333' notitle", b);
    fputc('\n', b);
    made = 1;
done:
    free(out);
    free(work);
    return made;
}
