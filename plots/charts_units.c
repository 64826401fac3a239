#include "plots/charts_units.h"

#include <math.h>
#include <string.h>

#include "plots/chart_common.h"
#include "plots/gp.h"
#include "sim/results/labels.h"

/* Never more tics than this, whatever a caller asks. */
#define MAX_TICS 64

double portee_chart_units_step(double lo, double hi, int max_tics)
{
    static const double mantissas[4] = {1, 2, 2.5, 5};
    const double span = hi - lo;
    if (!(span > 0) || !isfinite(span)) return 1;
    if (max_tics < 2) max_tics = 2;
    if (max_tics > MAX_TICS) max_tics = MAX_TICS;
    for (int e = (int)floor(log10(span)) - 2;; e++)
        for (int m = 0; m < 4; m++) {
            const double step = mantissas[m] * pow(10, e);
            if (floor(hi / step + 1e-9) - ceil(lo / step - 1e-9) + 1 <= max_tics) return step;
        }
}

/* Decimals a multiple of STEP needs: 0 for 5 or 100, 1 for 2.5 or 0.5. */
static int decimals_of(double step)
{
    int d = 0;
    while (d < 9 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-6 * step * pow(10, d)) d++;
    return d;
}

void portee_chart_units_p(char *buf, size_t len, double p, portee_lang_t lang)
{
    if (p < 0.001) {
        char n[32];
        portee_fmt_sig(n, sizeof n, 0.001, 1, lang);
        snprintf(buf, len, "< %s", n);
    } else portee_fmt_sig(buf, len, p, 2, lang);
}

void portee_chart_units_money(char *buf, size_t len, double v, const char *currency, portee_lang_t lang)
{
    /* cents only where they matter: $2.50, but $20 */
    portee_fmt_money(buf, len, v, fabs(v - round(v)) > 0.005 ? 2 : 0, currency, lang);
}

void portee_chart_units_tics(FILE *b, const char *axis, double lo, double hi, int max_tics, bool money,
                             const char *currency, portee_lang_t lang)
{
    if (!(hi > lo) || !isfinite(lo) || !isfinite(hi)) return;
    const double step = portee_chart_units_step(lo, hi, max_tics);
    const int decimals = decimals_of(step);
    const double i0 = ceil(lo / step - 1e-9), i1 = floor(hi / step + 1e-9);
    fprintf(b, "set %s (", axis);
    for (double i = i0; i <= i1; i++) {
        const double v = i == 0 ? 0 : i * step; /* no "-0" */
        char label[64];
        if (money) portee_fmt_money(label, sizeof label, v, step < 1 ? 2 : 0, currency, lang);
        else portee_fmt_fixed(label, sizeof label, v, decimals, lang);
        if (i > i0) fputs(", ", b);
        portee_gp_quote(b, label);
        fprintf(b, " %.17g", v);
    }
    fputs(")\n", b);
}

void portee_chart_units_years(FILE *b, const char *axis, double lo, double hi, int max_tics, bool labelled)
{
    if (!(hi > lo) || !isfinite(lo) || !isfinite(hi)) return;
    fprintf(b, "set %s (", axis);
    if (hi - lo >= 2) {
        double step = portee_chart_units_step(lo, hi, max_tics);
        step = step < 1 ? 1 : step == 2.5 ? 5 : step; /* whole years: 25 is fine, 2.5 is not */
        const double i0 = ceil(lo / step - 1e-9), i1 = floor(hi / step + 1e-9);
        for (double i = i0; i <= i1; i++) {
            if (labelled) fprintf(b, "%s'%.0f' %.17g", i > i0 ? ", " : "", i * step, i * step);
            else fprintf(b, "%s'' %.17g", i > i0 ? ", " : "", i * step);
        }
    } else {
        /* months: every 1, 2, 3 or 6 of them */
        static const int every[4] = {1, 2, 3, 6};
        int k = 0;
        while (k < 3 && (hi - lo) * 12 / every[k] + 1 > max_tics) k++;
        const double m0 = ceil(lo * 12 - 1e-6), m1 = floor(hi * 12 + 1e-6);
        bool first = true;
        for (double m = m0; m <= m1; m++) {
            const double month = m - 12 * floor(m / 12);
            if ((int)month % every[k]) continue;
            if (labelled) fprintf(b, "%s'%.0f-%02.0f' %.17g", first ? "" : ", ", floor(m / 12), month + 1, m / 12);
            else fprintf(b, "%s'' %.17g", first ? "" : ", ", m / 12);
            first = false;
        }
    }
    fputs(")\n", b);
}

void portee_chart_units_year(char *buf, size_t len, double t, bool dated, portee_lang_t lang)
{
    if (dated) {
        const double m = floor(t * 12 + 1e-6);
        snprintf(buf, len, "%.0f-%02.0f", floor(m / 12), m - 12 * floor(m / 12) + 1);
        return;
    }
    if (t == floor(t)) {
        snprintf(buf, len, "%.0f", t);
        return;
    }
    snprintf(buf, len, "%.1f", t);
    char *dot = strchr(buf, '.');
    if (dot && lang == PORTEE_LANG_FR) *dot = ',';
}

const char *portee_chart_units_axis(const portee_chart_ctx_t *c, size_t a)
{
    const char *axis = c->results->axes[a], *dot = strrchr(axis, '.');
    const char *param = dot ? dot + 1 : axis;
    for (size_t j = 0; c->model && j < c->model->n_params; j++)
        if (!strcmp(c->model->params[j].name, param)) return c->model->params[j].unit;
    return NULL;
}

void portee_chart_units_point(const portee_chart_ctx_t *c, uint64_t p, char *buf, size_t len)
{
    const portee_results_t *r = c->results;
    size_t used = 0;
    buf[0] = '\0';
    for (size_t a = 0; a < r->n_axes && used < len; a++) {
        char one[256];
        const double v = r->axis_values[p * r->n_axes + a];
        const char *unit = portee_chart_units_axis(c, a);
        if (r->n_axes == 1) portee_unit_value(one, sizeof one, v, unit, c->currency, c->lang);
        else portee_label_value(one, sizeof one, r->axes[a], unit, v, c->currency, c->lang);
        used += (size_t)snprintf(buf + used, len - used, "%s%s", a ? ", " : "", one);
    }
}

void portee_chart_units_point_note(const portee_chart_ctx_t *c, uint64_t p, char *buf, size_t len)
{
    const portee_results_t *r = c->results;
    buf[0] = '\0';
    if (!r || r->n_points < 2) return;
    char values[512];
    size_t used = 0;
    values[0] = '\0';
    for (size_t a = 0; a < r->n_axes && used < sizeof values; a++) {
        char one[256];
        portee_label_value(one, sizeof one, r->axes[a], portee_chart_units_axis(c, a),
                           r->axis_values[p * r->n_axes + a], c->currency, c->lang);
        used += (size_t)snprintf(values + used, sizeof values - used, "%s%s", a ? ", " : "", one);
    }
    snprintf(buf, len, portee_tr(c->lang, "sweep point %llu of %llu: %s"), (unsigned long long)p + 1,
             (unsigned long long)r->n_points, values);
}

void portee_chart_units_subtitle(FILE *b, const char *text)
{
    if (!text[0]) return;
    fputs("set label 91 ", b);
    portee_gp_quote(b, text);
    fputs(" at graph 0.5, graph 1 center offset 0,0.9 font ',11' tc rgb '" GP_GREY "'\n"
          "set tmargin 5\nset title offset 0,0.9\n",
          b);
}

void portee_chart_units_start(const portee_chart_ctx_t *c, const char *title, uint64_t point)
{
    char note[640];
    portee_chart_start(c, title);
    if (c->lang == PORTEE_LANG_FR) fputs("set decimalsign ','\n", c->body);
    portee_chart_units_point_note(c, point, note, sizeof note);
    portee_chart_units_subtitle(c->body, note);
}
