/* stream.c — a point with many replicates, summarised as they are made.
 *
 * The point's replicates are cut into at most MAX_BLOCKS blocks (the cut
 * depends on the replicate count only).  A block is simulated by one thread,
 * CHUNK replicates at a time into that thread's column buffer; each chunk's
 * moments join the block's in replicate order, and its values are counted
 * into the thread's tallies.  Then the threads' tallies are added up (counts:
 * any order gives the same bytes) and the blocks' moments combined in block
 * order, so the summaries do not depend on the thread count. */
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "sim/engine/engine_internal.h"
#include "sim/numeric/rng.h"

#define MAX_BLOCKS 1024

void portee_stream_free(stream_t *s)
{
    if (!s) return;
    if (s->tally)
        for (size_t i = 0; i < s->n_tallies; i++) portee_tally_free(&s->tally[i]);
    free(s->tally);
    free(s->moments);
    free(s->cols);
    memset(s, 0, sizeof *s);
}

static void cut_blocks(const plan_t *pl, uint64_t *block, uint64_t *n_blocks)
{
    const uint64_t per = (pl->R + (uint64_t)MAX_BLOCKS * CHUNK - 1) / ((uint64_t)MAX_BLOCKS * CHUNK);
    *block = per * CHUNK;
    *n_blocks = (pl->R + *block - 1) / *block;
}

uint64_t portee_stream_bytes(const plan_t *pl, int threads)
{
    uint64_t block, n_blocks;
    cut_blocks(pl, &block, &n_blocks);
    const uint64_t C = pl->n_columns;
    /* a tally's windows at their largest: whole numbers counted exactly, or
     * both signs' buckets */
    const uint64_t tally = PORTEE_TALLY_EXACT_SPAN * sizeof(uint32_t);
    return n_blocks * C * sizeof(portee_moments_t) +
           (uint64_t)threads * (C * (sizeof(portee_tally_t) + tally) + (C + pl->n_inputs) * COL_STRIDE * sizeof(double));
}

portee_status_t portee_stream_init(stream_t *s, const plan_t *pl, int threads, portee_error_t *err)
{
    memset(s, 0, sizeof *s);
    const size_t C = pl->n_columns;
    s->threads = threads;
    cut_blocks(pl, &s->block, &s->n_blocks);
    s->n_tallies = (size_t)threads * C;
    s->moments = malloc(s->n_blocks * C * sizeof *s->moments);
    s->tally = malloc(s->n_tallies * sizeof *s->tally);
    s->cols = malloc((size_t)threads * (C + pl->n_inputs) * COL_STRIDE * sizeof *s->cols);
    if (!s->moments || !s->tally || !s->cols) {
        free(s->tally);
        s->tally = NULL;
        portee_stream_free(s);
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < s->n_tallies; i++)
        portee_tally_init(&s->tally[i], pl->m->outputs[portee_engine_output_of(pl, i % C)].integer);
    return PORTEE_OK;
}

/* One chunk of n replicates from `first` in the thread's column buffer:
 * into the block's moments and the thread's tallies, and to the point's
 * values when they are kept.  False when a tally ran out of memory. */
static bool take_chunk(const plan_t *pl, const group_t *g, const double *cols, uint64_t first, size_t n,
                       portee_moments_t *bm, portee_tally_t *tally)
{
    const size_t C = pl->n_columns;
    bool ok = true;
    for (size_t c = 0; c < C; c++) {
        portee_moments_t m;
        ok = portee_tally_add_block(&tally[c], cols + c * COL_STRIDE, n, &m) && ok;
        portee_moments_merge(&bm[c], &m);
    }
    if (pl->keep_values) {
        for (size_t c = 0; c < C; c++) memcpy(g->values + c * pl->R + first, cols + c * COL_STRIDE, n * sizeof *cols);
        for (size_t d = 0; d < pl->n_inputs; d++)
            memcpy(g->inputs + d * pl->R + first, cols + (C + d) * COL_STRIDE, n * sizeof *cols);
    }
    return ok;
}

/* The hot loop: one replicate per iteration, no locks; allocation only
 * when a tally's window has to widen (a few times per point). */
static int simulate(const plan_t *pl, const group_t *g, stream_t *s, const volatile sig_atomic_t *stop)
{
    const portee_model_t *m = pl->m;
    const size_t C = pl->n_columns, n_in = pl->n_inputs;
    const uint64_t R = pl->R, seed = pl->sc->seed, stream_point = portee_scenario_stream_point(pl->sc, g->point[0]);
    int failed = 0;
    for (size_t i = 0; i < s->n_tallies; i++) portee_tally_reset(&s->tally[i]);
    memset(s->moments, 0, s->n_blocks * C * sizeof *s->moments);

#pragma omp parallel num_threads(s->threads) reduction(| : failed)
    {
        const int t = omp_get_thread_num();
        lane_t lane;
        const bool have_lane = portee_lane_init(&lane, C);
        gsl_rng *r = lane.r;
        double *row = lane.row;
        double p[PORTEE_MAX_PARAMS], *out[PORTEE_MAX_OUTPUTS];
        double *cols = s->cols + (size_t)t * (C + n_in) * COL_STRIDE;
        portee_tally_t *tally = s->tally + (size_t)t * C;
        if (!have_lane) failed = 1;
        for (size_t o = 0; row && o < m->n_outputs; o++) out[o] = row + pl->offset[o];
#pragma omp for schedule(dynamic, 1)
        for (uint64_t b = 0; b < s->n_blocks; b++) {
            if (failed || (stop && *stop)) continue; /* a plain read: no lock */
            const uint64_t end = (b + 1) * s->block < R ? (b + 1) * s->block : R;
            for (uint64_t first = b * s->block; first < end && !(stop && *stop); first += CHUNK) {
                const size_t n = end - first < CHUNK ? (size_t)(end - first) : CHUNK;
                size_t k = 0;
                for (; k < n && !(stop && *stop); k++) {
                    const double *pv = portee_sim_replicate(&g->pt[0], r, seed, (uint16_t)pl->model, stream_point,
                                                            (uint32_t)(first + k), p, out);
                    for (size_t c = 0; c < C; c++) cols[c * COL_STRIDE + k] = row[c];
                    for (size_t d = 0; d < n_in; d++) cols[(C + d) * COL_STRIDE + k] = pv[pl->input_param[d]];
                }
                if (k == n && !take_chunk(pl, g, cols, first, n, s->moments + b * C, tally)) failed = 1;
            }
        }
        portee_lane_free(&lane);
    }
    return failed;
}

int portee_stream_point(const plan_t *pl, const group_t *g, stream_t *s, const volatile sig_atomic_t *stop,
                        portee_summary_t *sum, double *edges, uint64_t *counts, double *quant)
{
    if (simulate(pl, g, s, stop)) return 1;
    if (stop && *stop) return 0; /* the point is dropped: no summaries */
    const portee_model_t *m = pl->m;
    const size_t C = pl->n_columns, K = pl->sc->n_quantiles;
    const unsigned bins = pl->sc->histogram_bins;
    int failed = 0;
    /* column by column: the threads' tallies added up, the blocks' moments
     * combined in block order, then read back */
#pragma omp parallel for num_threads(s->threads) schedule(dynamic, 1) reduction(| : failed)
    for (size_t c = 0; c < C; c++) {
        for (int t = 1; t < s->threads; t++)
            if (!portee_tally_merge(&s->tally[c], &s->tally[(size_t)t * C + c])) failed = 1;
        portee_moments_t mom = {0};
        for (uint64_t b = 0; b < s->n_blocks; b++) portee_moments_merge(&mom, &s->moments[b * C + c]);
        const size_t o = portee_engine_output_of(pl, c);
        const bool hist = !portee_output_is_series(&m->outputs[o]);
        portee_tally_summarise(&s->tally[c], &mom, hist ? bins : 0, &sum[c], edges + o * (bins + 1),
                               counts + o * bins);
        if (K) portee_tally_quantiles(&s->tally[c], pl->sc->quantiles, K, quant + c * K);
    }
    return failed;
}
