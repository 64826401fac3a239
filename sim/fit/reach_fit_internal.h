/* reach_fit_internal.h — shared by the reach fit's files: reach_fit.c (the
 * whole fit), reach_fit_ml.c (the likelihood), reach_fit_check.c,
 * reach_fit_print.c, reach_fit_io.c and reach_fit_scenario.c. */
#ifndef PORTEE_REACH_FIT_INTERNAL_H
#define PORTEE_REACH_FIT_INTERNAL_H

#include "sim/fit/reach_fit.h"

/* 97.5 % quantile of the standard normal. */
#define PORTEE_Z975 1.959963984540054

/* The one-sided 95 % lower bound of κ when the binomial (κ = ∞) is the
 * maximum: where the profile log-likelihood is χ²₁(0.90)/2 below it. */
double portee_bb_kappa_lower(const portee_bb_fit_t *binomial, const portee_bb_data_t *data);

/* "2023-06-30" for a post time (a date), or the year as written. */
void portee_rf_format_time(char *buf, size_t len, const portee_posts_t *p, size_t i);

#endif
