#define _DEFAULT_SOURCE /* madvise */
#include "sim/engine/engine.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <omp.h>

#include "sim/engine/engine_internal.h"
#include "sim/numeric/rng.h"

/* Points are run in groups so that small replicate counts still give every
 * thread enough work, while memory stays bounded by one group's values. */
#define GROUP_TARGET_REPLICATES STREAM_MIN_REPLICATES
#define GROUP_MAX_BYTES ((size_t)256 << 20)

int portee_engine_threads(int t) { return t > 0 ? t : omp_get_max_threads(); }

#define LINE 64
static size_t line_up(size_t n) { return (n + LINE - 1) / LINE * LINE; }

bool portee_lane_init(lane_t *l, size_t columns)
{
    const size_t head = line_up(sizeof(gsl_rng)), state = line_up(portee_rng_philox->size);
    char *block = aligned_alloc(LINE, head + state + line_up(columns * sizeof(double) + 1));
    *l = (lane_t){0};
    if (!block) return false;
    l->r = (gsl_rng *)block;
    l->r->type = portee_rng_philox;
    l->r->state = block + head;
    portee_rng_philox->set(l->r->state, 0);
    l->row = (double *)(block + head + state);
    return true;
}

void portee_lane_free(lane_t *l)
{
    free(l->r); /* the block starts with the generator */
    l->r = NULL;
    l->row = NULL;
}

size_t portee_engine_output_of(const plan_t *pl, size_t col)
{
    size_t o = 0;
    while (o + 1 < pl->m->n_outputs && pl->offset[o + 1] <= col) o++;
    return o;
}

/* Copies n replicates (from position k0 of the thread's column buffer) of
 * group point gp, replicate i0 on, to the group's values and inputs: one
 * contiguous run per column, not a value per page. */
static void store_run(const plan_t *pl, const group_t *g, const double *cols, uint64_t gp, uint64_t i0,
                      size_t k0, size_t n)
{
    const size_t C = pl->n_columns, n_in = pl->n_inputs;
    const uint64_t R = pl->R;
    double *dst = g->values + gp * C * R + i0;
    for (size_t c = 0; c < C; c++) memcpy(dst + c * R, cols + c * COL_STRIDE + k0, n * sizeof *dst);
    if (!pl->keep_values) return;
    double *din = g->inputs + gp * n_in * R + i0;
    for (size_t d = 0; d < n_in; d++) memcpy(din + d * R, cols + (C + d) * COL_STRIDE + k0, n * sizeof *din);
}

/* The hot loop: one replicate per iteration, no allocation, no locks. */
static int simulate_group(const plan_t *pl, const group_t *g, int threads,
                          const volatile sig_atomic_t *stop)
{
    const portee_model_t *m = pl->m;
    const size_t C = pl->n_columns, n_in = pl->keep_values ? pl->n_inputs : 0;
    const uint64_t R = pl->R, total = g->count * R, seed = pl->sc->seed;
    const uint64_t chunks = (total + CHUNK - 1) / CHUNK;
    int failed = 0;

#pragma omp parallel num_threads(threads) reduction(| : failed)
    {
        lane_t lane;
        const bool have_lane = portee_lane_init(&lane, C);
        gsl_rng *r = lane.r;
        double *row = lane.row;
        double *cols = malloc((C + n_in) * COL_STRIDE * sizeof *cols);
        double p[PORTEE_MAX_PARAMS], *out[PORTEE_MAX_OUTPUTS];
        if (!have_lane || !cols) failed = 1;
        for (size_t o = 0; row && o < m->n_outputs; o++) out[o] = row + pl->offset[o];
#pragma omp for schedule(dynamic, 1)
        for (uint64_t c = 0; c < chunks; c++) {
            if (failed || (stop && *stop)) continue; /* a plain read: no lock */
            const uint64_t end = (c + 1) * CHUNK < total ? (c + 1) * CHUNK : total;
            uint64_t gp = c * CHUNK / R, i = c * CHUNK % R, i0 = i;
            size_t k = 0, k0 = 0;
            /* the stop flag every replicate too: one replicate can take
             * seconds (a huge boost audience), a chunk of them hours */
            for (uint64_t idx = c * CHUNK; idx < end && !(stop && *stop); idx++, k++) {
                const double *pv = portee_sim_replicate(&g->pt[gp], r, seed, (uint16_t)pl->model,
                                                        portee_scenario_stream_point(pl->sc, g->point[gp]),
                                                        (uint32_t)i, p, out);
                for (size_t col = 0; col < C; col++) cols[col * COL_STRIDE + k] = row[col];
                for (size_t d = 0; d < n_in; d++) cols[(C + d) * COL_STRIDE + k] = pv[pl->input_param[d]];
                if (++i == R) { /* a point ends inside the chunk */
                    store_run(pl, g, cols, gp, i0, k0, k + 1 - k0);
                    i = i0 = 0;
                    k0 = k + 1;
                    gp++;
                }
            }
            if (k > k0) store_run(pl, g, cols, gp, i0, k0, k - k0);
        }
        free(cols);
        portee_lane_free(&lane);
    }
    return failed;
}

/* Summaries of every column; histograms of single-value outputs. */
static int summarise_group(const plan_t *pl, const group_t *g, int threads, unsigned bins,
                           portee_summary_t *sum, double *edges, uint64_t *counts, double *quant)
{
    const size_t K = pl->sc->n_quantiles;
    const portee_model_t *m = pl->m;
    const size_t C = pl->n_columns;
    const uint64_t R = pl->R, jobs = g->count * C;
    int failed = 0;
#pragma omp parallel num_threads(threads) reduction(| : failed)
    {
        double *scratch = malloc(R * sizeof *scratch);
        if (!scratch) failed = 1;
#pragma omp for schedule(dynamic, 1)
        for (uint64_t j = 0; j < jobs; j++) {
            if (!scratch) continue;
            const uint64_t gp = j / C;
            const size_t col = j % C;
            const size_t o = portee_engine_output_of(pl, col);
            const bool hist = !portee_output_is_series(&m->outputs[o]);
            const size_t h = gp * m->n_outputs + o;
            portee_stats_describe(g->values + j * R, R, m->outputs[o].integer, hist ? bins : 0,
                                  scratch, &sum[j], edges + h * (bins + 1), counts + h * bins);
            if (K) portee_stats_quantiles(g->values + j * R, R, pl->sc->quantiles, K, scratch, quant + j * K);
        }
        free(scratch);
    }
    return failed;
}

/* One model's plan and group buffers: what a run of any of its points needs. */
typedef struct {
    plan_t pl;
    uint64_t G; /* most points in one group */
    group_t g;
    portee_summary_t *sum;
    double *edges;
    uint64_t *counts;
    double *quant; /* [points][columns][output.quantiles] */
    stream_t stream; /* plan.stream: the point's tallies */
} runner_t;

/* Everything a group holds per point, not only its replicate values (kept
 * or, when not streamed, summarised from). */
static size_t point_bytes(const plan_t *pl, unsigned bins)
{
    const size_t values = (pl->keep_values || !pl->stream ? pl->n_columns : 0) + (pl->keep_values ? pl->n_inputs : 0);
    return values * pl->R * sizeof(double) +
           sizeof(portee_sim_point_t) +
           sizeof(uint64_t) + pl->n_columns * (sizeof(portee_summary_t) + pl->sc->n_quantiles * sizeof(double)) +
           pl->m->n_outputs * (2 * (size_t)bins + 1) * sizeof(double);
}

size_t portee_engine_inputs(const portee_scenario_t *sc, size_t model, size_t *input_param)
{
    const portee_model_cfg_t *cfg = &sc->models[model];
    size_t n = 0;
    for (size_t j = 0; j < cfg->model->n_params; j++)
        if (cfg->params[j].kind != PORTEE_DIST_CONST) input_param[n++] = j;
    return n;
}

static void make_plan(const portee_scenario_t *sc, size_t mi, bool keep_values, plan_t *pl)
{
    *pl = (plan_t){.sc = sc, .model = mi, .m = sc->models[mi].model, .R = sc->replicates,
                   .keep_values = keep_values || sc->keep_replicates,
                   .stream = sc->replicates > STREAM_MIN_REPLICATES};
    pl->n_columns = portee_scenario_layout(sc, mi, pl->length, pl->offset);
    pl->n_inputs = portee_engine_inputs(sc, mi, pl->input_param);
}

uint64_t portee_engine_group_points(const portee_scenario_t *sc, size_t model)
{
    plan_t pl;
    make_plan(sc, model, false, &pl);
    const uint64_t R = pl.R, bytes = point_bytes(&pl, sc->histogram_bins);
    uint64_t G = (GROUP_TARGET_REPLICATES + R - 1) / R;
    if (G > sc->n_points) G = sc->n_points;
    if (G > GROUP_MAX_BYTES / bytes) G = GROUP_MAX_BYTES / bytes;
    return G < 1 ? 1 : G;
}

uint64_t portee_engine_group_table(const portee_scenario_t *sc, uint64_t *max)
{
    uint64_t most = 1;
    for (size_t mi = 0; mi < sc->n_models; mi++) {
        max[mi] = portee_engine_group_points(sc, mi);
        if (max[mi] > most) most = max[mi];
    }
    return most;
}

uint64_t portee_engine_memory(const portee_scenario_t *sc, int threads)
{
    uint64_t most = 0;
    for (size_t mi = 0; mi < sc->n_models; mi++) {
        plan_t pl;
        make_plan(sc, mi, false, &pl);
        const uint64_t group = portee_engine_group_points(sc, mi) * point_bytes(&pl, sc->histogram_bins);
        const uint64_t scratch = pl.stream ? portee_stream_bytes(&pl, threads)
                                           : (uint64_t)threads * (pl.R + (pl.n_columns + pl.n_inputs) * COL_STRIDE) * sizeof(double);
        if (group + scratch > most) most = group + scratch;
    }
    return most;
}

/* A group's values: written once, replicate chunk by chunk, so the
 * kernel's first-touch faults are a large part of their cost; huge pages
 * (where the kernel offers them on request) take 512 times fewer. */
static double *alloc_values(size_t n)
{
    double *v = malloc(n * sizeof *v);
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = (uintptr_t)2 << 20;
    if (v) {
        const uintptr_t a = ((uintptr_t)v + huge - 1) & ~(huge - 1), e = (uintptr_t)(v + n) & ~(huge - 1);
        if (e > a) madvise((void *)a, e - a, MADV_HUGEPAGE); /* advice: a refusal changes nothing */
    }
#endif
    return v;
}

static void runner_free(runner_t *rn)
{
    free(rn->g.pt);
    free(rn->g.values);
    free(rn->g.inputs);
    free(rn->sum);
    free(rn->edges);
    free(rn->counts);
    free(rn->quant);
    portee_stream_free(&rn->stream);
    memset(rn, 0, sizeof *rn);
}

static portee_status_t runner_init(runner_t *rn, const portee_scenario_t *sc, size_t mi, bool keep_values,
                                   int threads, portee_error_t *err)
{
    memset(rn, 0, sizeof *rn);
    make_plan(sc, mi, keep_values, &rn->pl);
    const uint64_t G = rn->G = portee_engine_group_points(sc, mi), R = rn->pl.R;
    const size_t C = rn->pl.n_columns, n_in = rn->pl.n_inputs, n_out = rn->pl.m->n_outputs;
    const unsigned bins = sc->histogram_bins;
    group_t *g = &rn->g;
    g->pt = calloc(G, sizeof *g->pt);
    const bool values = rn->pl.keep_values || !rn->pl.stream, inputs = rn->pl.keep_values;
    g->values = alloc_values(values ? G * C * R : 1);
    g->inputs = alloc_values(inputs ? G * n_in * R + 1 : 1);
    rn->sum = malloc(G * C * sizeof *rn->sum);
    rn->edges = malloc(G * n_out * (bins + 1) * sizeof *rn->edges);
    rn->counts = malloc(G * n_out * bins * sizeof *rn->counts);
    rn->quant = malloc((G * C * sc->n_quantiles + 1) * sizeof *rn->quant);
    if (g->pt && g->values && g->inputs && rn->sum && rn->edges && rn->counts && rn->quant) {
        if (!rn->pl.stream) return PORTEE_OK;
        portee_status_t st = portee_stream_init(&rn->stream, &rn->pl, threads, err);
        if (st) runner_free(rn);
        return st;
    }
    const double gb = (double)(G * point_bytes(&rn->pl, bins)) / 1e9;
    runner_free(rn);
    return portee_fail(err, PORTEE_ENOMEM,
                       "out of memory: %llu sweep point%s at a time x %llu replicates x %zu values "
                       "need %.2f GB; lower replicates",
                       (unsigned long long)G, G == 1 ? "" : "s", (unsigned long long)R,
                       (values ? C : 0) + (inputs ? n_in : 0), gb);
}

static portee_status_t interrupted(portee_error_t *err)
{
    return portee_fail(err, PORTEE_EINTR, "interrupted by a signal");
}

/* Simulates and summarises the group's points, then hands each to on_point. */
static portee_status_t run_group(runner_t *rn, const portee_engine_opts_t *opts, int threads,
                                 portee_error_t *err)
{
    const plan_t *pl = &rn->pl;
    const portee_model_t *m = pl->m;
    group_t *g = &rn->g;
    const uint64_t R = pl->R;
    const unsigned bins = pl->sc->histogram_bins;
    const size_t C = pl->n_columns, n_in = pl->n_inputs, n_out = m->n_outputs;
    bool failed = false;
    for (uint64_t k = 0; k < g->count; k++) {
        portee_scenario_point_params(pl->sc, pl->model, g->point[k], g->pt[k].params);
        failed |= portee_sim_point_prepare(&g->pt[k], m, g->pt[k].params, R, NULL) != PORTEE_OK;
    }
    if (pl->stream) {
        failed = failed || portee_stream_point(pl, g, &rn->stream, opts->stop, rn->sum, rn->edges, rn->counts,
                                               rn->quant);
    } else {
        failed = failed || simulate_group(pl, g, threads, opts->stop);
        /* a stop during the simulation skipped replicates: the group is
         * lost (below); a later one leaves it whole, and all of it is
         * handed on */
        failed = failed || (!(opts->stop && *opts->stop) &&
                            summarise_group(pl, g, threads, bins, rn->sum, rn->edges, rn->counts, rn->quant));
    }
    for (uint64_t k = 0; k < g->count; k++) portee_sim_point_release(&g->pt[k]);
    if (!failed && opts->stop && *opts->stop) return interrupted(err);
    if (failed)
        return portee_fail(err, PORTEE_ENOMEM, "out of memory at point %llu",
                           (unsigned long long)g->point[0]);
    for (uint64_t k = 0; k < g->count; k++) {
        if (!opts->on_point) continue;
        /* a group of small points can take a minute to write (a long series,
         * many bins): a stop must not wait for all of it.  The points
         * written so far are kept, the others are run again by --resume */
        if (opts->stop && *opts->stop) return interrupted(err);
        portee_point_result_t res = {
            .model = pl->model, .point = g->point[k], .replicates = R, .n_columns = C,
            .length = pl->length, .offset = pl->offset, .values = pl->keep_values ? g->values + k * C * R : NULL,
            .summary = rn->sum + k * C, .bins = bins, .hist_edges = rn->edges + k * n_out * (bins + 1),
            .hist_counts = rn->counts + k * n_out * bins, .n_inputs = n_in,
            .input_param = pl->input_param, .inputs = pl->keep_values ? g->inputs + k * n_in * R : NULL,
            .n_quantiles = pl->sc->n_quantiles, .quantiles = rn->quant + k * C * pl->sc->n_quantiles,
        };
        portee_status_t st = opts->on_point(opts->ctx, &res, err);
        if (st) return st;
    }
    return PORTEE_OK;
}

/* The batches of a run without a batch function: every point of every
 * model, in order. */
typedef struct {
    const portee_scenario_t *sc;
    size_t model;
    uint64_t next;
} all_points_t;

static uint64_t next_of_all(void *ctx, const uint64_t *max, size_t *model, uint64_t *points)
{
    all_points_t *a = ctx;
    if (a->next == a->sc->n_points) {
        a->model++;
        a->next = 0;
    }
    if (a->model >= a->sc->n_models) return 0;
    uint64_t n = 0;
    while (n < max[a->model] && a->next < a->sc->n_points) points[n++] = a->next++;
    *model = a->model;
    return n;
}

portee_status_t portee_engine_run(const portee_scenario_t *sc, const portee_engine_opts_t *opts,
                                  portee_error_t *err)
{
    const int threads = portee_engine_threads(opts->threads);
    all_points_t all = {.sc = sc};
    portee_batch_fn next = opts->next_batch ? opts->next_batch : next_of_all;
    void *ctx = opts->next_batch ? opts->batch_ctx : &all;
    uint64_t max[PORTEE_MAX_MODELS];
    const uint64_t most = portee_engine_group_table(sc, max);
    uint64_t *batch = malloc(most * sizeof *batch);
    if (!batch) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    runner_t rn = {0};
    size_t current = SIZE_MAX, model = 0;
    portee_status_t st = PORTEE_OK;
    uint64_t n;
    while (!st && !(opts->stop && *opts->stop) && (n = next(ctx, max, &model, batch)) > 0) {
        if (model != current) { /* batches come model by model: rarely a change */
            runner_free(&rn);
            if ((st = runner_init(&rn, sc, model, opts->keep_values, threads, err))) break;
            current = model;
        }
        rn.g.point = batch;
        rn.g.count = n;
        st = run_group(&rn, opts, threads, err);
    }
    if (!st && opts->stop && *opts->stop) st = interrupted(err);
    runner_free(&rn);
    free(batch);
    return st;
}
