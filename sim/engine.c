#include "sim/engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "sim/rng.h"

/* Points are run in groups so that small replicate counts still give every
 * thread enough work, while memory stays bounded by one group's values. */
#define GROUP_TARGET_REPLICATES (1 << 18)
#define GROUP_MAX_BYTES ((size_t)256 << 20)

int portee_engine_threads(int t) { return t > 0 ? t : omp_get_max_threads(); }

typedef struct {
    const portee_scenario_t *sc;
    size_t model;
    const portee_model_t *m;
    uint64_t first, count;       /* points in this group */
    uint64_t R;
    portee_dist_t (*params)[PORTEE_MAX_PARAMS];
    void **ws;                   /* per point: the model's prepared workspace */
    double *values;              /* [count][n_out][R] */
} group_t;

/* A point's parameters as the hot loop wants them: constants already in
 * place (rounded where whole numbers are due), and the few that are
 * distributions listed for a draw per replicate. */
typedef struct {
    double base[PORTEE_MAX_PARAMS];
    unsigned char drawn[PORTEE_MAX_PARAMS];
    size_t n_drawn;
} point_params_t;

static void point_params(const portee_model_t *m, const portee_dist_t *pd, point_params_t *pp)
{
    pp->n_drawn = 0;
    for (size_t j = 0; j < m->n_params; j++) {
        double x = pd[j].field[0];
        pp->base[j] = m->params[j].type == PORTEE_PARAM_INT ? floor(x + 0.5) : x;
        if (pd[j].kind != PORTEE_DIST_CONST) pp->drawn[pp->n_drawn++] = (unsigned char)j;
    }
}

#define CHUNK 512 /* replicates handed to a thread at a time */

/* The hot loop: one replicate per iteration, no allocation, no locks. */
static int simulate_group(const group_t *g, int threads, const volatile sig_atomic_t *stop)
{
    const portee_model_t *m = g->m;
    const size_t n_out = m->n_outputs;
    const uint64_t R = g->R, total = g->count * R, seed = g->sc->seed;
    const uint64_t chunks = (total + CHUNK - 1) / CHUNK;
    point_params_t *pp = malloc(g->count * sizeof *pp);
    if (!pp) return 1;
    for (uint64_t k = 0; k < g->count; k++) point_params(m, g->params[k], &pp[k]);
    int failed = 0;

#pragma omp parallel num_threads(threads) reduction(| : failed)
    {
        gsl_rng *r = gsl_rng_alloc(portee_rng_philox);
        double p[PORTEE_MAX_PARAMS], out[PORTEE_MAX_OUTPUTS];
        if (!r) failed = 1;
#pragma omp for schedule(dynamic, 1)
        for (uint64_t c = 0; c < chunks; c++) {
            if (!r || (stop && *stop)) continue; /* a plain read: no lock */
            const uint64_t end = (c + 1) * CHUNK < total ? (c + 1) * CHUNK : total;
            uint64_t gp = c * CHUNK / R, i = c * CHUNK % R;
            for (uint64_t idx = c * CHUNK; idx < end; idx++) {
                const point_params_t *q = &pp[gp];
                const portee_dist_t *pd = g->params[gp];
                portee_rng_stream(r, seed, (uint16_t)g->model, g->first + gp, (uint32_t)i);
                memcpy(p, q->base, m->n_params * sizeof *p);
                for (size_t d = 0; d < q->n_drawn; d++) {
                    const size_t j = q->drawn[d];
                    const double x = portee_dist_draw(&pd[j], r);
                    p[j] = m->params[j].type == PORTEE_PARAM_INT ? floor(x + 0.5) : x;
                }
                m->simulate(p, g->ws[gp], r, out);
                double *dst = g->values + gp * n_out * R + i;
                for (size_t o = 0; o < n_out; o++) dst[o * R] = out[o];
                if (++i == R) {
                    i = 0;
                    gp++;
                }
            }
        }
        gsl_rng_free(r);
    }
    free(pp);
    return failed;
}

static portee_status_t summarise_group(const group_t *g, int threads, unsigned bins,
                                       portee_summary_t *sum, double *edges, uint64_t *counts)
{
    const size_t n_out = g->m->n_outputs;
    const uint64_t R = g->R, jobs = g->count * n_out;
    int failed = 0;
#pragma omp parallel num_threads(threads) reduction(| : failed)
    {
        double *sorted = malloc(R * sizeof *sorted);
        if (!sorted) failed = 1;
#pragma omp for schedule(dynamic, 1)
        for (uint64_t j = 0; j < jobs; j++) {
            if (!sorted) continue;
            const size_t o = j % n_out;
            portee_stats_describe(g->values + j * R, R, g->m->outputs[o].integer, bins, sorted,
                                  &sum[j], edges + j * (bins + 1), counts + j * bins);
        }
        free(sorted);
    }
    return failed ? PORTEE_ENOMEM : PORTEE_OK;
}

static portee_status_t run_model(const portee_scenario_t *sc, size_t mi,
                                 const portee_engine_opts_t *opts, int threads, portee_error_t *err)
{
    const portee_model_t *m = sc->models[mi].model;
    const uint64_t R = sc->replicates, P = sc->n_points;
    const size_t n_out = m->n_outputs;
    const unsigned bins = sc->histogram_bins;
    const size_t point_bytes = n_out * R * sizeof(double);

    uint64_t G = (GROUP_TARGET_REPLICATES + R - 1) / R;
    if (G > P) G = P;
    if (G > GROUP_MAX_BYTES / point_bytes) G = GROUP_MAX_BYTES / point_bytes;
    if (G < 1) G = 1;

    group_t g = {.sc = sc, .model = mi, .m = m, .R = R};
    g.params = malloc(G * sizeof *g.params);
    g.ws = calloc(G, sizeof *g.ws);
    g.values = malloc(G * point_bytes);
    portee_summary_t *sum = malloc(G * n_out * sizeof *sum);
    double *edges = malloc(G * n_out * (bins + 1) * sizeof *edges);
    uint64_t *counts = malloc(G * n_out * bins * sizeof *counts);
    portee_status_t st = PORTEE_OK;
    if (!g.params || !g.ws || !g.values || !sum || !edges || !counts) {
        st = portee_fail(err, PORTEE_ENOMEM,
                         "out of memory: %llu replicates x %zu outputs need %.1f GB per sweep point; "
                         "lower replicates",
                         (unsigned long long)R, n_out, (double)point_bytes / 1e9);
        goto done;
    }
    for (g.first = 0; g.first < P && !st; g.first += g.count) {
        g.count = P - g.first < G ? P - g.first : G;
        bool failed = false;
        for (uint64_t k = 0; k < g.count; k++) {
            portee_scenario_point_params(sc, mi, g.first + k, g.params[k]);
            bool f = false;
            g.ws[k] = m->prepare ? m->prepare(g.params[k], R, &f) : NULL;
            failed |= f;
        }
        failed = failed || simulate_group(&g, threads, opts->stop);
        for (uint64_t k = 0; k < g.count; k++) {
            if (m->release) m->release(g.ws[k]);
            g.ws[k] = NULL;
        }
        if (failed) {
            st = portee_fail(err, PORTEE_ENOMEM, "out of memory preparing point %llu",
                             (unsigned long long)g.first);
            break;
        }
        if (opts->stop && *opts->stop) {
            st = portee_fail(err, PORTEE_EINTR, "interrupted by a signal");
            break;
        }
        if (summarise_group(&g, threads, bins, sum, edges, counts)) {
            st = portee_fail(err, PORTEE_ENOMEM, "out of memory sorting %llu replicates",
                             (unsigned long long)R);
            break;
        }
        for (uint64_t k = 0; k < g.count && opts->on_point && !st; k++) {
            portee_point_result_t res = {
                .model = mi, .point = g.first + k, .n_outputs = n_out, .replicates = R,
                .values = g.values + k * n_out * R, .summary = sum + k * n_out, .bins = bins,
                .hist_edges = edges + k * n_out * (bins + 1), .hist_counts = counts + k * n_out * bins,
            };
            st = opts->on_point(opts->ctx, &res, err);
        }
    }
done:
    free(g.params);
    free(g.ws);
    free(g.values);
    free(sum);
    free(edges);
    free(counts);
    return st;
}

portee_status_t portee_engine_run(const portee_scenario_t *sc, const portee_engine_opts_t *opts,
                                  portee_error_t *err)
{
    const int threads = portee_engine_threads(opts->threads);
    for (size_t mi = 0; mi < sc->n_models; mi++) {
        portee_status_t st = run_model(sc, mi, opts, threads, err);
        if (st) return st;
    }
    return PORTEE_OK;
}
