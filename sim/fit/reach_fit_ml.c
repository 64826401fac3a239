/* reach_fit_ml.c — maximum likelihood of the beta-binomial reach of posts
 * (constant rate or logit-linear trend, with or without the size law), its
 * covariance, and the profile likelihood of κ at the binomial boundary. */
#include "sim/fit/reach_fit_internal.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_sf_gamma.h>

/* ln Γ(a + y) − ln Γ(a) and its derivative ψ(a + y) − ψ(a), y a whole
 * number.  GSL's gsl_sf_lnpoch loses digits for large a (1e-9 relative at
 * a = 1e9), which is where the beta-binomial meets the binomial, and the
 * two digammas would cancel there: Stirling's series is differenced
 * instead.  Below a = 10 the first terms are taken exactly (Γ(a + 1) =
 * a·Γ(a)) until a reaches 10 or y is spent: no special function is called,
 * which is most of the fit's time otherwise. */
#define SERIES_FROM 10.0

static double lnpoch_series(double a, double y)
{
    const double x = a + y;
    /* (x − ½)ln x − (a − ½)ln a − y = (a − ½)·ln(x/a) + y·ln x − y */
    double s = (a - 0.5) * log1p(y / a) + y * log(x) - y;
    const double ia = 1 / a, ix = 1 / x, ia2 = ia * ia, ix2 = ix * ix;
    s += (ix - ia) / 12 - (ix * ix2 - ia * ia2) / 360 + (ix * ix2 * ix2 - ia * ia2 * ia2) / 1260 -
         (ix * ix2 * ix2 * ix2 - ia * ia2 * ia2 * ia2) / 1680;
    return s;
}

static double psidiff_series(double a, double y)
{
    const double x = a + y, ia = 1 / a, ix = 1 / x, ia2 = ia * ia, ix2 = ix * ix;
    return log1p(y / a) - (ix - ia) / 2 - (ix2 - ia2) / 12 + (ix2 * ix2 - ia2 * ia2) / 120 -
           (ix2 * ix2 * ix2 - ia2 * ia2 * ia2) / 252;
}

/* Both at once: *psi = ψ(a + y) − ψ(a) (when psi is not NULL); returns
 * ln Γ(a + y) − ln Γ(a). */
static double lnpoch(double a, double y, double *psi)
{
    double prod = 1, inv = 0;
    while (y > 0 && a < SERIES_FROM) {
        prod *= a;
        inv += 1 / a;
        a += 1;
        y -= 1;
    }
    double l = log(prod);
    if (y > 0) {
        l += lnpoch_series(a, y);
        inv += psi ? psidiff_series(a, y) : 0;
    }
    if (psi) *psi = inv;
    return l;
}

size_t portee_bb_count(const portee_bb_fit_t *f) { return 1 + f->trend + f->size + !f->binomial; }

double portee_bb_eta(const portee_bb_fit_t *shape, const double *theta, double t, double x)
{
    return theta[0] + (shape->trend ? theta[1] * t : 0) + (shape->size ? theta[1 + shape->trend] * x : 0);
}

/* ℓ without Σ ln C(F, d), which no parameter moves: the optimiser's. */
static double kernel(const portee_bb_fit_t *shape, const double *theta, const portee_bb_data_t *data, double *grad)
{
    const size_t k = shape->k, js = 1 + shape->trend;
    const bool trend = shape->trend, size = shape->size, binomial = shape->binomial;
    const double kappa = binomial ? INFINITY : exp(theta[k - 1]);
    double ll = 0, g[PORTEE_BB_MAX_K] = {0};
    for (size_t i = 0; i < data->n; i++) {
        const double eta = portee_bb_eta(shape, theta, trend ? data->t[i] : 0, size ? data->x[i] : 0);
        const double r = 1 / (1 + exp(-eta)), Fi = data->F[i], di = data->d[i];
        double d_eta = 0, d_phi = 0;
        if (binomial) {
            /* ln r = −ln(1 + e^−η), ln(1 − r) = −ln(1 + e^η) */
            ll -= di * log1p(exp(-eta)) + (Fi - di) * log1p(exp(eta));
            d_eta = di - Fi * r;
        } else {
            const double a = kappa * r, b = kappa * (1 - r);
            double A, B, C;
            ll += lnpoch(a, di, grad ? &A : NULL) + lnpoch(b, Fi - di, grad ? &B : NULL) -
                  lnpoch(kappa, Fi, grad ? &C : NULL);
            if (grad) {
                d_eta = kappa * r * (1 - r) * (A - B);
                d_phi = a * A + b * B - kappa * C;
            }
        }
        g[0] += d_eta;
        if (trend) g[1] += d_eta * data->t[i];
        if (size) g[js] += d_eta * data->x[i];
        if (!binomial) g[k - 1] += d_phi;
    }
    if (grad)
        for (size_t j = 0; j < k; j++) grad[j] = g[j];
    return ll;
}

static double log_choose(const portee_bb_data_t *data)
{
    double c = 0;
    for (size_t i = 0; i < data->n; i++) c += gsl_sf_lnchoose((unsigned int)data->F[i], (unsigned int)data->d[i]);
    return c;
}

double portee_bb_loglik(const portee_bb_fit_t *shape, const double *theta, const portee_bb_data_t *data,
                        double *grad)
{
    return kernel(shape, theta, data, grad) + log_choose(data);
}

/* ---- maximisation ---- */

/* The problem gsl_multimin sees: −ℓ/n over the free parameters; a fixed
 * ln κ (the profile) is appended to them. */
typedef struct {
    const portee_bb_fit_t *shape;
    const portee_bb_data_t *data;
    bool fixed_phi;
    double phi;
    double choose; /* Σ ln C(F, d) */
} problem_t;

static void full_theta(const problem_t *p, const gsl_vector *x, double *theta)
{
    for (size_t j = 0; j < x->size; j++) theta[j] = gsl_vector_get(x, j);
    if (p->fixed_phi) theta[x->size] = p->phi;
}

static double objective(const gsl_vector *x, void *data)
{
    const problem_t *p = data;
    double theta[PORTEE_BB_MAX_K];
    full_theta(p, x, theta);
    const double ll = kernel(p->shape, theta, p->data, NULL) + p->choose;
    return isfinite(ll) ? -ll / (double)p->data->n : GSL_POSINF;
}

static void objective_df(const gsl_vector *x, void *data, double *f, gsl_vector *g)
{
    const problem_t *p = data;
    double theta[PORTEE_BB_MAX_K], grad[PORTEE_BB_MAX_K];
    full_theta(p, x, theta);
    const double ll = kernel(p->shape, theta, p->data, grad) + p->choose;
    *f = isfinite(ll) ? -ll / (double)p->data->n : GSL_POSINF;
    for (size_t j = 0; j < x->size; j++) gsl_vector_set(g, j, -grad[j] / (double)p->data->n);
}

static void gradient(const gsl_vector *x, void *data, gsl_vector *g)
{
    double f;
    objective_df(x, data, &f, g);
}

/* BFGS from theta (k free parameters), improved in place; the iterations
 * taken, or 0 when it could not start. */
static uint64_t bfgs(problem_t *p, size_t k, double *theta, double *value)
{
    gsl_multimin_function_fdf fn = {objective, gradient, objective_df, k, p};
    gsl_multimin_fdfminimizer *m = gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2, k);
    gsl_vector *x = gsl_vector_alloc(k);
    uint64_t it = 0;
    if (!m || !x) goto done;
    for (size_t j = 0; j < k; j++) gsl_vector_set(x, j, theta[j]);
    if (!isfinite(objective(x, p)) || gsl_multimin_fdfminimizer_set(m, &fn, x, 0.1, 0.1)) goto done;
    for (it = 1; it <= 2000; it++) {
        if (gsl_multimin_fdfminimizer_iterate(m)) break; /* no progress: at the optimum to precision */
        if (gsl_multimin_test_gradient(m->gradient, 1e-10) == GSL_SUCCESS) break;
        /* ln κ running off to the binomial: stop where the likelihood is flat */
        if (!p->shape->binomial && !p->fixed_phi && gsl_vector_get(m->x, k - 1) > 40) break;
    }
    if (m->f <= *value || !isfinite(*value)) {
        *value = m->f;
        for (size_t j = 0; j < k; j++) theta[j] = gsl_vector_get(m->x, j);
    }
done:
    gsl_vector_free(x);
    if (m) gsl_multimin_fdfminimizer_free(m);
    return it;
}

/* Hessian of ℓ at theta by central differences of the analytic gradient. */
static void hessian(const portee_bb_fit_t *shape, const double *theta, const portee_bb_data_t *data, double *H)
{
    const size_t k = shape->k;
    for (size_t j = 0; j < k; j++) {
        double tp[PORTEE_BB_MAX_K], tm[PORTEE_BB_MAX_K], gp[PORTEE_BB_MAX_K], gm[PORTEE_BB_MAX_K];
        const double h = 1e-5 * fmax(1, fabs(theta[j]));
        memcpy(tp, theta, k * sizeof *tp);
        memcpy(tm, theta, k * sizeof *tm);
        tp[j] += h;
        tm[j] -= h;
        kernel(shape, tp, data, gp);
        kernel(shape, tm, data, gm);
        for (size_t i = 0; i < k; i++) H[i * k + j] = (gp[i] - gm[i]) / (2 * h);
    }
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < i; j++) H[i * k + j] = H[j * k + i] = 0.5 * (H[i * k + j] + H[j * k + i]);
}

/* cov = (−H)⁻¹ by Cholesky; false when −H is not positive definite. */
static bool invert_information(const double *H, size_t k, double *cov)
{
    double a[PORTEE_BB_MAX_K * PORTEE_BB_MAX_K];
    for (size_t i = 0; i < k * k; i++) a[i] = -H[i];
    gsl_matrix_view m = gsl_matrix_view_array(a, k, k);
    if (gsl_linalg_cholesky_decomp1(&m.matrix) || gsl_linalg_cholesky_invert(&m.matrix)) return false;
    for (size_t i = 0; i < k * k; i++) cov[i] = a[i];
    for (size_t i = 0; i < k; i++)
        if (!(cov[i * k + i] > 0) || !isfinite(cov[i * k + i])) return false;
    return true;
}

/* Newton steps from theta while they raise ℓ: the last digits BFGS's line
 * searches leave. */
static void polish(const portee_bb_fit_t *shape, double *theta, const portee_bb_data_t *data)
{
    const size_t k = shape->k;
    double ll = kernel(shape, theta, data, NULL);
    for (int step = 0; step < 8; step++) {
        double H[PORTEE_BB_MAX_K * PORTEE_BB_MAX_K], cov[PORTEE_BB_MAX_K * PORTEE_BB_MAX_K];
        double g[PORTEE_BB_MAX_K], next[PORTEE_BB_MAX_K];
        kernel(shape, theta, data, g);
        hessian(shape, theta, data, H);
        if (!invert_information(H, k, cov)) return;
        double move = 0;
        for (size_t i = 0; i < k; i++) {
            next[i] = theta[i];
            for (size_t j = 0; j < k; j++) next[i] += cov[i * k + j] * g[j];
            move = fmax(move, fabs(next[i] - theta[i]));
        }
        const double lnext = kernel(shape, next, data, NULL);
        if (!(lnext >= ll)) return;
        memcpy(theta, next, k * sizeof *theta);
        ll = lnext;
        if (move < 1e-12) return;
    }
}

/* ln κ from the moments of d/F about the pooled rate: Var d = F·r(1 − r)·
 * (1 + (F − 1)ρ), ρ = 1/(κ + 1). */
static double moment_phi(const portee_bb_data_t *data)
{
    const double *F = data->F, *d = data->d;
    double sd = 0, sf = 0, num = 0, den = 0;
    for (size_t i = 0; i < data->n; i++) {
        sd += d[i];
        sf += F[i];
    }
    const double r = sd / sf, v = r * (1 - r);
    for (size_t i = 0; i < data->n; i++) {
        const double e = d[i] - F[i] * r;
        num += e * e - F[i] * v;
        den += F[i] * (F[i] - 1) * v;
    }
    double rho = den > 0 ? num / den : 1e-3;
    rho = fmin(fmax(rho, 1e-5), 0.9);
    return log(1 / rho - 1);
}

static double logit(double r) { return log(r / (1 - r)); }

portee_status_t portee_bb_estimate(const portee_bb_data_t *data, portee_bb_fit_t *f, portee_error_t *err)
{
    f->k = portee_bb_count(f);
    double sd = 0, sf = 0;
    for (size_t i = 0; i < data->n; i++) {
        sd += data->d[i];
        sf += data->F[i];
    }
    if (!(sd > 0) || !(sd < sf))
        return portee_fail(err, PORTEE_EINPUT, "%s: the rate cannot be estimated (maximum likelihood is "
                                               "at r = %s)",
                           sd > 0 ? "every post reached all its followers" : "no post reached anyone",
                           sd > 0 ? "1" : "0");
    problem_t p = {f, data, false, 0, log_choose(data)};
    const double a0 = logit(sd / sf), phi0 = moment_phi(data);
    /* starts: the pooled rate, no trend or size effect, ln κ by moments and
     * a decade either side */
    double best[PORTEE_BB_MAX_K] = {0}, value = GSL_POSINF;
    uint64_t it = 0;
    for (int s = 0; s < (f->binomial ? 1 : 3); s++) {
        double th[PORTEE_BB_MAX_K] = {a0, 0, 0, 0};
        if (!f->binomial) th[f->k - 1] = phi0 + (s == 1 ? 2.3 : s == 2 ? -2.3 : 0);
        double v = GSL_POSINF;
        it += bfgs(&p, f->k, th, &v);
        if (v < value) {
            value = v;
            memcpy(best, th, sizeof best);
        }
    }
    if (!isfinite(value))
        return portee_fail(err, PORTEE_ERUNTIME, "the likelihood could not be evaluated at any start");
    polish(f, best, data);
    memcpy(f->theta, best, sizeof best);
    f->loglik = kernel(f, best, data, NULL) + p.choose;
    f->iterations = it;
    double H[PORTEE_BB_MAX_K * PORTEE_BB_MAX_K];
    hessian(f, best, data, H);
    if (!invert_information(H, f->k, f->cov)) {
        /* a ln κ run off to +∞ has no curvature: the caller takes the binomial */
        if (!f->binomial && best[f->k - 1] > 30) {
            memset(f->cov, 0, sizeof f->cov);
            f->cov[f->k * f->k - 1] = INFINITY;
            return PORTEE_OK;
        }
        return portee_fail(err, PORTEE_ERUNTIME, "the observed information is not positive definite at the "
                                                 "maximum: the data do not determine the %s",
                           f->size ? "size law (are the posts' follower counts all alike?)"
                           : f->trend ? "trend (are the posts' dates all alike?)"
                                      : "parameters");
    }
    return PORTEE_OK;
}

double portee_bb_rate(const portee_bb_fit_t *f, double t, double x, double *var_logit)
{
    /* the logit is linear in θ: its gradient is (1, t, x) over α, β, c */
    double g[PORTEE_BB_MAX_K] = {1};
    size_t m = 1;
    if (f->trend) g[m++] = t;
    if (f->size) g[m++] = x;
    if (var_logit) {
        double v = 0;
        for (size_t i = 0; i < m; i++)
            for (size_t j = 0; j < m; j++) v += g[i] * f->cov[i * f->k + j] * g[j];
        *var_logit = v;
    }
    return 1 / (1 + exp(-portee_bb_eta(f, f->theta, t, x)));
}

double portee_bb_kappa_lower(const portee_bb_fit_t *binomial, const portee_bb_data_t *data)
{
    /* the profile ℓ(κ) rises to the binomial's ℓ as κ → ∞: the bound is
     * where it is 2.706/2 below (one-sided 95 %, χ²₁ at 0.90) */
    portee_bb_fit_t shape = {.trend = binomial->trend, .size = binomial->size, .binomial = false};
    shape.k = portee_bb_count(&shape);
    const double target = binomial->loglik - 2.705543454095404 / 2;
    problem_t p = {&shape, data, true, 0, log_choose(data)};
    double lo = log(1e-3), hi = 40, th[PORTEE_BB_MAX_K];
    for (int i = 0; i < 60 && hi - lo > 1e-4; i++) {
        const double mid = 0.5 * (lo + hi);
        memcpy(th, binomial->theta, sizeof th);
        p.phi = mid;
        double v = GSL_POSINF;
        bfgs(&p, shape.k - 1, th, &v);
        if (-v * (double)data->n < target) lo = mid;
        else hi = mid;
    }
    return exp(hi);
}
