/* charts_units.h — numbers on the boost, adoption and fit charts written as
 * the chart's reader writes them: tic labels with thousands separators and
 * the language's decimal sign (1,000 / 1 000; 2.5 / 2,5), money in the
 * scenario's currency ($20 / 20 $), whole years on a time axis, never float
 * noise.  gnuplot's own tic labels know neither the language nor the
 * currency, so these charts write their tics out: `set ytics ('1,000' 1000,
 * ...)`, with the range set to match (an explicit tic list does not stretch
 * an autoscaled range). */
#ifndef PORTEE_PLOTS_CHARTS_UNITS_H
#define PORTEE_PLOTS_CHARTS_UNITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "plots/charts.h"
#include "sim/base/lang.h"

/* The tic step for [lo, hi]: 1, 2, 2.5 or 5 times a power of ten, the
 * smallest that gives at most max_tics tics. */
double portee_chart_units_step(double lo, double hi, int max_tics);
/* `set AXIS (...)`: tics at the multiples of the step in [lo, hi], labelled
 * as numbers in LANG, or as money in CURRENCY when MONEY. */
void portee_chart_units_tics(FILE *b, const char *axis, double lo, double hi, int max_tics, bool money,
                             const char *currency, portee_lang_t lang);
/* `set AXIS (...)` for a time axis in (decimal) years: whole years, every
 * 1, 2, 5, 10... of them, when [lo, hi] spans two years or more; else the
 * starts of months, labelled 2023-04; the same tics unlabelled when not
 * LABELLED (a panel above another). */
void portee_chart_units_years(FILE *b, const char *axis, double lo, double hi, int max_tics, bool labelled);
/* A decimal year as a reader reads it: a date's month "2019-10" when
 * DATED, else one decimal in LANG without grouping ("2019.8", "2019,8";
 * a whole year without: "2007"). */
void portee_chart_units_year(char *buf, size_t len, double t, bool dated, portee_lang_t lang);
/* A p-value: 2 significant digits, "< 0.001" below that (never "0"). */
void portee_chart_units_p(char *buf, size_t len, double p, portee_lang_t lang);
/* A budget (or any amount) as a tic or legend label: "$20", "20 $", "$2.50". */
void portee_chart_units_money(char *buf, size_t len, double v, const char *currency, portee_lang_t lang);

/* The unit text of sweep axis a in c->model's tables ("boost.budget" ->
 * "currency"); NULL when the model has no such parameter. */
const char *portee_chart_units_axis(const portee_chart_ctx_t *c, size_t a);
/* Point p's swept values as a reader reads them: "$20" for a one-input
 * sweep, else "budget $20, CPM $5". */
void portee_chart_units_point(const portee_chart_ctx_t *c, uint64_t p, char *buf, size_t len);
/* "sweep point 3 of 12: followers 5,000" in c->lang, "" without a sweep. */
void portee_chart_units_point_note(const portee_chart_ctx_t *c, uint64_t p, char *buf, size_t len);
/* TEXT in small grey letters between the title and the plot ("" : nothing). */
void portee_chart_units_subtitle(FILE *b, const char *text);
/* portee_chart_start(), the language's decimal sign for gprintf, and under
 * the title which sweep point is drawn: titles stay short enough to fit. */
void portee_chart_units_start(const portee_chart_ctx_t *c, const char *title, uint64_t point);

#endif
