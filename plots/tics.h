/* tics.h — tic marks whose labels can be read: on chosen values or at round
 * numbers (steps of 1, 2 or 5; on a log axis 1-2-5, 1-3 or the decades),
 * only every k-th labelled when labels would run into one another.
 * gnuplot's own tics collide in narrow panels and stop at the decades on a
 * log axis, which a sweep over 200..5000 meets only once.  Room is counted
 * in characters (or lines) of the smallest terminal, so that a tic set that
 * fits there fits everywhere. */
#ifndef PORTEE_PLOTS_TICS_H
#define PORTEE_PLOTS_TICS_H

#include <stdbool.h>
#include <stdio.h>

#include "sim/base/lang.h"

typedef struct {
    double lo, hi; /* the axis's displayed range */
    bool log;
    double room;   /* its length: characters across, or lines for a y axis */
    bool across;   /* labels side by side (x), or one above the other (y) */
    /* Labels are written in this language (1,000.5 / 1 000,5), of the value
     * times `scale` (100 for a share shown in %); 0 is English, 1. */
    portee_lang_t lang;
    double scale;
} portee_tics_axis_t;

/* A number as an English tic label: 1,000,000, not 1e+06. */
void portee_tics_label(char *buf, size_t len, double v);
/* A tic label in LANG: 3 significant digits at most, grouped (float noise
 * and grid values such as 2154.43 read 110 and 2,150). */
void portee_tics_label_in(char *buf, size_t len, double v, portee_lang_t lang);
/* `set AXIS (...)`: tics at AT labelled with T, every k-th labelled for the
 * smallest k that keeps the labels apart, the others bare. */
void portee_tics_at(FILE *b, const char *axis, const portee_tics_axis_t *ax, const double *t, const double *at,
                    size_t n);
/* Whether all n labels of T at AT keep apart. */
bool portee_tics_fit(const portee_tics_axis_t *ax, const double *t, const double *at, size_t n);
/* Tics at round numbers in [lo, hi], the finest steps whose labels all fit;
 * nothing (gnuplot's own) when there is no such range. */
void portee_tics_round(FILE *b, const char *axis, const portee_tics_axis_t *ax, double lo, double hi);

#endif
