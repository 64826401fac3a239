#include "sim/numeric/dist.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

static const char *const kind_names[PORTEE_DIST_NKINDS] = {
    "constant", "beta", "lognormal", "normal", "uniform", "triangular", "pert",
};

static const char *const fields_const[] = {"value", NULL};
static const char *const fields_beta[] = {"mean", "sd", NULL};
static const char *const fields_lognormal[] = {"median", "sigma", "min", "max", NULL};
static const char *const fields_normal[] = {"mean", "sd", "min", "max", NULL};
static const char *const fields_range[] = {"min", "max", NULL};
static const char *const fields_mode[] = {"min", "mode", "max", NULL};

static const struct {
    const char *const *fields;
    size_t n_required;
} kinds[PORTEE_DIST_NKINDS] = {
    {fields_const, 1}, {fields_beta, 2},  {fields_lognormal, 2}, {fields_normal, 2},
    {fields_range, 2}, {fields_mode, 3}, {fields_mode, 3},
};

portee_dist_t portee_dist_const(double value)
{
    portee_dist_t d = {.kind = PORTEE_DIST_CONST, .lo = value, .hi = value};
    d.field[0] = value;
    d.present[0] = true;
    return d;
}

int portee_dist_kind_lookup(const char *name)
{
    for (int k = 1; k < PORTEE_DIST_NKINDS; k++)
        if (strcmp(name, kind_names[k]) == 0) return k;
    return -1;
}

const char *portee_dist_kind_name(portee_dist_kind_t kind) { return kind_names[kind]; }

const char *const *portee_dist_fields(portee_dist_kind_t kind, size_t *n_required)
{
    if (n_required) *n_required = kinds[kind].n_required;
    return kinds[kind].fields;
}

#define WHY(...) (snprintf(why, why_len, __VA_ARGS__), false)

bool portee_dist_make(portee_dist_t *d, portee_dist_kind_t kind,
                      const double f[PORTEE_DIST_MAXFIELDS],
                      const bool present[PORTEE_DIST_MAXFIELDS], char *why, size_t why_len)
{
    memset(d, 0, sizeof *d);
    d->kind = kind;
    for (int i = 0; i < PORTEE_DIST_MAXFIELDS; i++) {
        d->field[i] = present[i] ? f[i] : 0;
        d->present[i] = present[i];
        if (present[i] && !isfinite(f[i])) return WHY("field values must be finite numbers");
    }
    switch (kind) {
    case PORTEE_DIST_CONST:
        d->lo = d->hi = f[0];
        return true;
    case PORTEE_DIST_BETA: {
        double m = f[0], s = f[1];
        if (!(m > 0 && m < 1)) return WHY("beta needs 0 < mean < 1 (got mean %g)", m);
        if (!(s > 0)) return WHY("beta needs sd > 0 (got sd %g)", s);
        double vmax = m * (1 - m);
        if (!(s * s < vmax))
            return WHY("beta with mean %g needs sd < %.4g = sqrt(mean*(1-mean)) (got sd %g)", m,
                       sqrt(vmax), s);
        double nu = vmax / (s * s) - 1; /* alpha + beta */
        d->a = m * nu;
        d->b = (1 - m) * nu;
        d->lo = 0;
        d->hi = 1;
        return true;
    }
    case PORTEE_DIST_LOGNORMAL: {
        if (!(f[0] > 0)) return WHY("lognormal needs median > 0 (got %g)", f[0]);
        if (!(f[1] > 0 && f[1] <= 10)) return WHY("lognormal needs 0 < sigma <= 10 (got %g)", f[1]);
        double lo = present[2] ? f[2] : 0, hi = present[3] ? f[3] : INFINITY;
        if (!(lo >= 0 && lo < hi)) return WHY("lognormal needs 0 <= min < max (got min %g, max %g)", lo, hi);
        /* truncated like the normal, on the log scale */
        double zl = lo > 0 ? (log(lo) - log(f[0])) / f[1] : -INFINITY, zh = (log(hi) - log(f[0])) / f[1];
        if (!(gsl_cdf_ugaussian_P(zh) - gsl_cdf_ugaussian_P(zl) > 1e-9))
            return WHY("lognormal(median %g, sigma %g) has almost no probability in [%g, %g]", f[0],
                       f[1], lo, hi);
        d->a = log(f[0]);
        d->b = f[1];
        d->lo = lo;
        d->hi = hi;
        return true;
    }
    case PORTEE_DIST_NORMAL: {
        double lo = present[2] ? f[2] : -INFINITY, hi = present[3] ? f[3] : INFINITY;
        if (!(f[1] > 0)) return WHY("normal needs sd > 0 (got %g)", f[1]);
        if (!(lo < hi)) return WHY("normal needs min < max (got min %g, max %g)", lo, hi);
        /* Truncation is sampled by inverse CDF, which only works when the
         * interval has non-negligible probability under the untruncated law. */
        double mass = gsl_cdf_gaussian_P(hi - f[0], f[1]) - gsl_cdf_gaussian_P(lo - f[0], f[1]);
        if (!(mass > 1e-9))
            return WHY("normal(mean %g, sd %g) has almost no probability in [%g, %g]", f[0], f[1],
                       lo, hi);
        d->lo = lo;
        d->hi = hi;
        return true;
    }
    case PORTEE_DIST_UNIFORM:
        if (!(f[0] < f[1])) return WHY("uniform needs min < max (got min %g, max %g)", f[0], f[1]);
        d->lo = f[0];
        d->hi = f[1];
        return true;
    case PORTEE_DIST_TRIANGULAR:
    case PORTEE_DIST_PERT:
        if (!(f[0] < f[2]))
            return WHY("%s needs min < max (got min %g, max %g)", kind_names[kind], f[0], f[2]);
        if (!(f[1] >= f[0] && f[1] <= f[2]))
            return WHY("%s needs min <= mode <= max (got %g, %g, %g)", kind_names[kind], f[0], f[1],
                       f[2]);
        d->lo = f[0];
        d->hi = f[2];
        if (kind == PORTEE_DIST_PERT) { /* the usual PERT weights, 4 on the mode */
            d->a = 1 + 4 * (f[1] - f[0]) / (f[2] - f[0]);
            d->b = 1 + 4 * (f[2] - f[1]) / (f[2] - f[0]);
        }
        return true;
    case PORTEE_DIST_NKINDS:
        break;
    }
    return WHY("unknown distribution");
}

/* Normal(mu, sd) truncated to [lo, hi] by inverse CDF: one uniform, never
 * loops.  The interval is mirrored into the lower tail first, where Pinv
 * keeps its precision. */
static double truncnorm(double mu, double sd, double lo, double hi, gsl_rng *r)
{
    double a = (lo - mu) / sd, b = (hi - mu) / sd, sign = 1;
    if (a > 0) {
        double t = a;
        a = -b;
        b = -t;
        sign = -1;
    }
    double pa = gsl_cdf_ugaussian_P(a), pb = gsl_cdf_ugaussian_P(b);
    double z = gsl_cdf_ugaussian_Pinv(pa + (pb - pa) * gsl_rng_uniform_pos(r));
    double x = mu + sign * sd * z;
    return x < lo ? lo : (x > hi ? hi : x);
}

double portee_dist_draw(const portee_dist_t *d, gsl_rng *r)
{
    switch (d->kind) {
    case PORTEE_DIST_CONST: return d->field[0];
    case PORTEE_DIST_BETA: return gsl_ran_beta(r, d->a, d->b);
    case PORTEE_DIST_LOGNORMAL:
        if (d->lo == 0 && isinf(d->hi)) return gsl_ran_lognormal(r, d->a, d->b);
        {
            double x = exp(truncnorm(d->a, d->b, d->lo > 0 ? log(d->lo) : -INFINITY, log(d->hi), r));
            return x < d->lo ? d->lo : (x > d->hi ? d->hi : x);
        }
    case PORTEE_DIST_NORMAL: return truncnorm(d->field[0], d->field[1], d->lo, d->hi, r);
    case PORTEE_DIST_UNIFORM: return gsl_ran_flat(r, d->lo, d->hi);
    case PORTEE_DIST_TRIANGULAR: {
        double lo = d->lo, c = d->field[1], hi = d->hi, u = gsl_rng_uniform(r);
        double fc = (c - lo) / (hi - lo);
        return u < fc ? lo + sqrt(u * (hi - lo) * (c - lo))
                      : hi - sqrt((1 - u) * (hi - lo) * (hi - c));
    }
    case PORTEE_DIST_PERT: return d->lo + (d->hi - d->lo) * gsl_ran_beta(r, d->a, d->b);
    case PORTEE_DIST_NKINDS: break;
    }
    return NAN;
}

double portee_dist_mean(const portee_dist_t *d)
{
    const double *f = d->field;
    switch (d->kind) {
    case PORTEE_DIST_CONST: return f[0];
    case PORTEE_DIST_BETA: return f[0];
    case PORTEE_DIST_LOGNORMAL: {
        /* E[X; a < log X < b] for log X ~ N(mu, s): the truncated lognormal mean */
        const double mu = d->a, s = d->b;
        const double za = d->lo > 0 ? (log(d->lo) - mu) / s : -INFINITY, zb = (log(d->hi) - mu) / s;
        const double mass = gsl_cdf_ugaussian_P(zb) - gsl_cdf_ugaussian_P(za);
        return exp(mu + 0.5 * s * s) * (gsl_cdf_ugaussian_P(zb - s) - gsl_cdf_ugaussian_P(za - s)) / mass;
    }
    case PORTEE_DIST_NORMAL: {
        double a = (d->lo - f[0]) / f[1], b = (d->hi - f[0]) / f[1];
        double z = gsl_cdf_ugaussian_P(b) - gsl_cdf_ugaussian_P(a);
        return f[0] + f[1] * (gsl_ran_ugaussian_pdf(a) - gsl_ran_ugaussian_pdf(b)) / z;
    }
    case PORTEE_DIST_UNIFORM: return 0.5 * (f[0] + f[1]);
    case PORTEE_DIST_TRIANGULAR: return (f[0] + f[1] + f[2]) / 3;
    case PORTEE_DIST_PERT: return (f[0] + 4 * f[1] + f[2]) / 6;
    case PORTEE_DIST_NKINDS: break;
    }
    return NAN;
}
