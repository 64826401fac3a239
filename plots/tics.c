#include "plots/tics.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plots/gp.h"

/* Round-number tics: never more than this many. */
#define MAX_TICS 64

void portee_tics_label_in(char *buf, size_t len, double v, portee_lang_t lang)
{
    portee_fmt_sig(buf, len, v, 3, lang);
}

void portee_tics_label(char *buf, size_t len, double v) { portee_tics_label_in(buf, len, v, PORTEE_LANG_EN); }

/* The label of tic value v on axis ax. */
static void axis_label(char *buf, size_t len, const portee_tics_axis_t *ax, double v)
{
    portee_tics_label_in(buf, len, v * (ax->scale > 0 ? ax->scale : 1), ax->lang);
}

/* Characters a label takes: UTF-8 continuation bytes take none. */
static double label_chars(const char *s)
{
    double n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Where x falls along the axis, in characters (or lines) from its start. */
static double position(const portee_tics_axis_t *ax, double x)
{
    const double f = ax->log ? log(x / ax->lo) / log(ax->hi / ax->lo) : (x - ax->lo) / (ax->hi - ax->lo);
    return f * ax->room;
}

/* Every k-th label keeps a character (or half a line) from the next. */
static bool fit_every(const portee_tics_axis_t *ax, const double *t, const double *at, size_t n, size_t k)
{
    double last = 0, last_half = 0;
    for (size_t i = 0; i < n; i += k) {
        char label[64];
        axis_label(label, sizeof label, ax, t[i]);
        const double pos = position(ax, at[i]), half = ax->across ? 0.5 * label_chars(label) : 0.5;
        if (i > 0 && fabs(pos - last) < last_half + half + (ax->across ? 1 : 0.5)) return false;
        last = pos;
        last_half = half;
    }
    return true;
}

bool portee_tics_fit(const portee_tics_axis_t *ax, const double *t, const double *at, size_t n)
{
    return fit_every(ax, t, at, n, 1);
}

void portee_tics_at(FILE *b, const char *axis, const portee_tics_axis_t *ax, const double *t, const double *at,
                    size_t n)
{
    size_t k = 1;
    while (k < n && !fit_every(ax, t, at, n, k)) k++;
    fprintf(b, "set %s (", axis);
    for (size_t i = 0; i < n; i++) {
        char label[64];
        axis_label(label, sizeof label, ax, t[i]);
        fputs(i ? ", " : "", b);
        portee_gp_quote(b, i % k == 0 ? label : "");
        fprintf(b, " %.17g", at[i]);
    }
    fputs(")\n", b);
}

/* Every multiple of STEP in [lo, hi] into t; how many, or MAX_TICS + 1. */
static size_t steps_of(double lo, double hi, double step, double *t)
{
    const double i0 = ceil(lo / step - 1e-9), i1 = floor(hi / step + 1e-9);
    if (i1 - i0 >= MAX_TICS) return MAX_TICS + 1;
    size_t n = 0;
    for (double i = i0; i <= i1; i++) t[n++] = i * step;
    return n;
}

/* Every m·10^d in [lo, hi], for the mantissas m of MS (0 ends them). */
static size_t decades_of(double lo, double hi, const int *ms, double *t)
{
    size_t n = 0;
    for (int d = (int)floor(log10(lo)); d <= (int)ceil(log10(hi)); d++)
        for (size_t m = 0; m < 3 && ms[m]; m++) {
            const double v = ms[m] * pow(10, d);
            if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) continue;
            if (n == MAX_TICS) return MAX_TICS + 1;
            t[n++] = v;
        }
    return n;
}

void portee_tics_round(FILE *b, const char *axis, const portee_tics_axis_t *ax, double lo, double hi)
{
    if (!(hi > lo) || !isfinite(lo) || !isfinite(hi) || (ax->log && !(lo > 0))) return;
    static const int mantissas[3][3] = {{1, 2, 5}, {1, 3, 0}, {1, 0, 0}};
    static const double steps[4] = {1, 2, 2.5, 5};
    double t[MAX_TICS], best[MAX_TICS];
    size_t nb = 0;
    bool best_fits = false;
    /* the candidate with the most tics whose labels all fit; when none
     * fits, the coarsest, thinned by portee_tics_at */
    const int e0 = (int)floor(log10(hi - lo)) - 2;
    for (int c = 0; c < (ax->log ? 3 : 16); c++) {
        const size_t n = ax->log ? decades_of(lo, hi, mantissas[c], t)
                                 : steps_of(lo, hi, steps[c % 4] * pow(10, e0 + c / 4), t);
        if (n == 0 || n > MAX_TICS) continue;
        const bool fits = fit_every(ax, t, t, n, 1);
        if (best_fits && (!fits || n <= nb)) continue;
        memcpy(best, t, n * sizeof *t);
        nb = n;
        best_fits = fits;
    }
    if (nb) portee_tics_at(b, axis, ax, best, best, nb);
}
