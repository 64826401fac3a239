/* reach_fit_check.c — the posterior-predictive check of a reach fit: each
 * post's direct reach simulated under parameter draws, per-post bands, the
 * histogram of d/F and the chi-square of the posts' mid-PITs. */
#include "sim/fit/reach_fit_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <omp.h>

#include "sim/numeric/rng.h"
#include "sim/numeric/sample.h"

/* κ above which a draw is the binomial: Beta(rκ, (1 − r)κ) is then a point
 * to double precision for any page the model allows. */
#define KAPPA_BINOMIAL 1e15

/* The model's own direct-reach draw (models/reach.h, portee_reach_direct):
 * the post's rate from the beta, then the binomial; κ = ∞ the binomial alone. */
static unsigned int direct_draw(gsl_rng *r, double rate, double kappa, unsigned int followers)
{
    if (kappa < KAPPA_BINOMIAL && rate > 0 && rate < 1)
        rate = portee_sample_beta(r, rate * kappa, (1 - rate) * kappa);
    return portee_sample_binomial(r, rate, followers);
}

static int by_value(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Mid-PIT of y against a sorted sample: P(Y < y) + P(Y = y)/2. */
static double mid_pit(const double *sorted, size_t n, double y)
{
    size_t lo = 0, hi = n;
    while (lo < hi) { /* first >= y */
        const size_t mid = (lo + hi) / 2;
        if (sorted[mid] < y) lo = mid + 1;
        else hi = mid;
    }
    size_t eq = lo;
    while (eq < n && sorted[eq] == y) eq++; /* ties of a count are few per value */
    return ((double)lo + 0.5 * (double)(eq - lo)) / (double)n;
}

static size_t pit_bin(double u, size_t bins)
{
    const size_t b = (size_t)(u * (double)bins);
    return b < bins ? b : bins - 1;
}

static size_t hist_bin(const portee_reach_fit_t *f, double x)
{
    const double w = f->hist_edges[1] - f->hist_edges[0];
    const double b = floor(x / w);
    return b < (double)f->hist_bins - 1 ? (size_t)b : f->hist_bins - 1;
}

/* The histogram's bins: equal, from 0 past the largest d/F, the last one
 * open. */
static void hist_setup(portee_reach_fit_t *f, const double *d)
{
    const portee_posts_t *p = &f->posts;
    const double *F = p->count[PORTEE_POSTS_FOLLOWERS];
    double xmax = 0;
    for (size_t i = 0; i < p->n; i++) xmax = fmax(xmax, d[i] / F[i]);
    if (!(xmax > 0)) xmax = 0.01;
    /* about 2√n bins (8 to 30) of a round width over [0, 1.2·max], and the open one */
    size_t nb = (size_t)lround(2 * sqrt((double)p->n));
    nb = nb < 8 ? 8 : nb > 30 ? 30 : nb;
    const double raw = 1.2 * xmax / (double)(nb - 1), mag = pow(10, floor(log10(raw)));
    const double w = raw <= mag ? mag : raw <= 2 * mag ? 2 * mag : raw <= 5 * mag ? 5 * mag : 10 * mag;
    nb = (size_t)ceil(1.2 * xmax / w) + 1;
    nb = nb < 3 ? 3 : nb > PORTEE_REACH_FIT_MAX_BINS ? PORTEE_REACH_FIT_MAX_BINS : nb;
    f->hist_bins = nb;
    for (size_t b = 0; b <= nb; b++) f->hist_edges[b] = (double)b * w;
    for (size_t b = 0; b < nb; b++) f->hist_observed[b] = 0;
    for (size_t i = 0; i < p->n; i++) f->hist_observed[hist_bin(f, d[i] / F[i])]++;
}

portee_status_t portee_reach_fit_check(portee_reach_fit_t *f, uint64_t seed, uint64_t draws, int threads,
                                       portee_error_t *err)
{
    const portee_posts_t *p = &f->posts;
    const portee_bb_fit_t *m = portee_reach_fit_model(f);
    const size_t n = p->n, D = draws, k = m->k;
    const double *F = p->count[PORTEE_POSTS_FOLLOWERS];
    if (draws < 100 || draws > PORTEE_REACH_FIT_MAX_DRAWS)
        return portee_fail(err, PORTEE_EINPUT, "draws: expected 100 to %u, got %llu", PORTEE_REACH_FIT_MAX_DRAWS,
                           (unsigned long long)draws);
    f->seed = seed;
    f->draws = draws;
    f->bins = n / 5 < 3 ? 3 : n / 5 > 10 ? 10 : n / 5;
    const size_t B = f->bins;
    /* chunks of posts, fixed by n alone: each chunk's sums are added in post
     * order, the chunks in chunk order, whatever thread ran them */
    const size_t chunk = n / 64 + 1 > 256 ? n / 64 + 1 : 256, n_chunks = (n + chunk - 1) / chunk;
    double *d = malloc(n * sizeof *d), *theta = malloc(D * PORTEE_BB_MAX_K * sizeof *theta);
    double *t = malloc(n * sizeof *t), *x = malloc(n * sizeof *x);
    double *s1 = calloc(n_chunks * D, sizeof *s1), *s2 = calloc(n_chunks * D, sizeof *s2);
    uint64_t *pit = calloc(D * B, sizeof *pit), *hist = NULL;
    free(f->rate);
    free(f->band);
    f->rate = malloc(n * sizeof *f->rate);
    f->band = malloc(n * sizeof *f->band);
    portee_status_t st = PORTEE_OK;
    if (!d || !theta || !t || !x || !s1 || !s2 || !pit || !f->rate || !f->band) {
        st = portee_fail(err, PORTEE_ENOMEM, "out of memory for the check's %llu draws", (unsigned long long)D);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        d[i] = portee_posts_direct(p, i);
        t[i] = p->year[i] - f->t_ref;
        x[i] = log(F[i]) - f->x_ref;
        f->rate[i] = portee_bb_rate(m, t[i], x[i], NULL);
    }
    hist_setup(f, d);
    if (!(hist = calloc(D * f->hist_bins, sizeof *hist))) {
        st = portee_fail(err, PORTEE_ENOMEM, "out of memory for the check's %llu draws", (unsigned long long)D);
        goto done;
    }

    /* θ_d = θ̂ + L·z, L·Lᵀ the covariance */
    double L[PORTEE_BB_MAX_K * PORTEE_BB_MAX_K];
    memcpy(L, m->cov, k * k * sizeof *L);
    gsl_matrix_view lv = gsl_matrix_view_array(L, k, k);
    if (gsl_linalg_cholesky_decomp1(&lv.matrix)) {
        st = portee_fail(err, PORTEE_ERUNTIME, "the fit's covariance is not positive definite");
        goto done;
    }
    gsl_rng *r = gsl_rng_alloc(portee_rng_philox);
    if (!r) {
        st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t j = 0; j < D; j++) {
        double z[PORTEE_BB_MAX_K];
        portee_rng_stream(r, seed, PORTEE_REACH_FIT_RNG_MODEL, 0, (uint32_t)j);
        for (size_t a = 0; a < k; a++) z[a] = gsl_ran_gaussian_ziggurat(r, 1.0);
        for (size_t a = 0; a < k; a++) {
            double v = m->theta[a];
            for (size_t b = 0; b <= a; b++) v += L[a * k + b] * z[b];
            theta[j * PORTEE_BB_MAX_K + a] = v;
        }
    }
    gsl_rng_free(r);

    uint64_t pit_obs[PORTEE_REACH_FIT_MAX_BINS] = {0};
    int failed = 0;
#pragma omp parallel num_threads(threads > 0 ? threads : omp_get_max_threads())
    {
        gsl_rng *g = gsl_rng_alloc(portee_rng_philox);
        double *y = malloc(D * sizeof *y), *sorted = malloc(D * sizeof *sorted), *scratch = malloc(D * sizeof *scratch);
        if (!g || !y || !sorted || !scratch) {
#pragma omp atomic write
            failed = 1;
        }
#pragma omp for schedule(dynamic)
        for (size_t c = 0; c < n_chunks; c++) {
            if (!g || !y || !sorted || !scratch) continue;
            for (size_t i = c * chunk; i < n && i < (c + 1) * chunk; i++) {
                for (size_t j = 0; j < D; j++) {
                    const double *th = theta + j * PORTEE_BB_MAX_K;
                    const double rate = 1 / (1 + exp(-portee_bb_eta(m, th, t[i], x[i])));
                    const double kappa = m->binomial ? INFINITY : exp(th[k - 1]);
                    portee_rng_stream(g, seed, PORTEE_REACH_FIT_RNG_MODEL, i + 1, (uint32_t)j);
                    y[j] = direct_draw(g, rate, kappa, (unsigned int)F[i]);
                }
                portee_stats_describe(y, D, 1, 0, scratch, &f->band[i], NULL, NULL);
                memcpy(sorted, y, D * sizeof *y);
                qsort(sorted, D, sizeof *sorted, by_value);
                const size_t ob = pit_bin(mid_pit(sorted, D, d[i]), B);
#pragma omp atomic
                pit_obs[ob]++;
                for (size_t j = 0; j < D; j++) {
                    const double share = y[j] / F[i];
                    const size_t pb = pit_bin(mid_pit(sorted, D, y[j]), B), hb = hist_bin(f, share);
#pragma omp atomic
                    pit[j * B + pb]++;
#pragma omp atomic
                    hist[j * f->hist_bins + hb]++;
                    s1[c * D + j] += share;
                    s2[c * D + j] += share * share;
                }
            }
        }
        free(y);
        free(sorted);
        free(scratch);
        if (g) gsl_rng_free(g);
    }
    if (failed) {
        st = portee_fail(err, PORTEE_ENOMEM, "out of memory for the check's %llu draws", (unsigned long long)D);
        goto done;
    }

    /* the chi-square of the observed PITs against that of each draw's replicated data */
    const double e = (double)n / (double)B;
    f->chi2 = 0;
    for (size_t b = 0; b < B; b++) {
        f->pit_observed[b] = pit_obs[b];
        f->chi2 += ((double)pit_obs[b] - e) * ((double)pit_obs[b] - e) / e;
    }
    uint64_t above = 0;
    for (size_t j = 0; j < D; j++) {
        double c2 = 0;
        for (size_t b = 0; b < B; b++) c2 += ((double)pit[j * B + b] - e) * ((double)pit[j * B + b] - e) / e;
        above += c2 >= f->chi2 - 1e-9;
    }
    f->chi2_p = (double)above / (double)D;

    /* mean and sd of d/F: observed, and over the draws */
    double o1 = 0, o2 = 0;
    for (size_t i = 0; i < n; i++) o1 += d[i] / F[i];
    f->obs_mean = o1 / (double)n;
    for (size_t i = 0; i < n; i++) o2 += (d[i] / F[i] - f->obs_mean) * (d[i] / F[i] - f->obs_mean);
    f->obs_sd = sqrt(o2 / (double)(n - 1));
    double *mean = theta, *sd = theta + D, *scratch = theta + 2 * D; /* θ is no longer needed */
    for (size_t j = 0; j < D; j++) {
        double a = 0, b = 0;
        for (size_t c = 0; c < n_chunks; c++) {
            a += s1[c * D + j];
            b += s2[c * D + j];
        }
        mean[j] = a / (double)n;
        sd[j] = sqrt(fmax(0, (b - a * a / (double)n) / (double)(n - 1)));
    }
    portee_stats_describe(mean, D, 0, 0, scratch, &f->sim_mean, NULL, NULL);
    portee_stats_describe(sd, D, 0, 0, scratch, &f->sim_sd, NULL, NULL);
    for (size_t b = 0; b < f->hist_bins; b++) {
        for (size_t j = 0; j < D; j++) mean[j] = (double)hist[j * f->hist_bins + b];
        portee_stats_describe(mean, D, 1, 0, scratch, &f->hist_sim[b], NULL, NULL);
    }
done:
    free(d);
    free(t);
    free(x);
    free(theta);
    free(s1);
    free(s2);
    free(pit);
    free(hist);
    return st;
}
