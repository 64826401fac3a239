#include "plots/charts_units.h"

#include <math.h>
#include <string.h>

#include "plots/gp.h"

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
