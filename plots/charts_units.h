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
#include <stdio.h>

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

#endif
