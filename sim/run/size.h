/* size.h — what a run will need, known before it starts: the size of its
 * results file and its peak memory, checked against output.max_size and the
 * free space where the file goes, so that a short scenario cannot fill a disk
 * hours into a run. */
#ifndef PORTEE_RUN_SIZE_H
#define PORTEE_RUN_SIZE_H

#include <stdint.h>

#include "sim/base/status.h"
#include "sim/scenario/scenario.h"

typedef struct {
    uint64_t fixed;      /* summaries, histograms, tables: stored as they are */
    uint64_t replicates; /* per-replicate datasets before compression (the file holds less) */
    uint64_t memory;     /* the engine's peak: the points in flight and each thread's scratch */
    uint64_t free;       /* free space where the results go; UINT64_MAX if unknown */
} portee_run_size_t;

/* Estimates for sc run on `threads` threads (0: OpenMP's default) into output. */
void portee_run_size(const portee_scenario_t *sc, int threads, const char *output, portee_run_size_t *sz);

/* PORTEE_EINPUT, naming the figures and the way out, when the file may pass
 * output.max_size (fixed + replicates, the upper bound) or when what is
 * certain to be written (fixed) passes the free space. */
portee_status_t portee_run_size_check(const portee_scenario_t *sc, const portee_run_size_t *sz,
                                      portee_error_t *err);

/* "1.2 GB", "850 MB", "12 kB": decimal units, three significant digits. */
void portee_run_size_format(char *buf, size_t len, uint64_t bytes);

#endif
