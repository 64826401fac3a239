/* Parameter distributions: validation, support, and means against closed forms. */
#include <math.h>
#include <stdio.h>

#include "sim/numeric/dist.h"
#include "sim/numeric/rng.h"
#include "testutil.h"

static portee_dist_t make(portee_dist_kind_t kind, double a, double b, double c, double d, int n)
{
    double f[4] = {a, b, c, d};
    bool present[4] = {n > 0, n > 1, n > 2, n > 3};
    portee_dist_t dist;
    char why[256];
    bool ok = portee_dist_make(&dist, kind, f, present, why, sizeof why);
    CHECK(ok, "make %s: %s", portee_dist_kind_name(kind), why);
    return dist;
}

static bool rejects(portee_dist_kind_t kind, double a, double b, double c, double d, int n)
{
    double f[4] = {a, b, c, d};
    bool present[4] = {n > 0, n > 1, n > 2, n > 3};
    portee_dist_t dist;
    char why[256] = "";
    bool ok = portee_dist_make(&dist, kind, f, present, why, sizeof why);
    return !ok && why[0];
}

/* Sample mean within 5 SE of the closed-form mean, every draw inside the support;
 * returns the sample variance. */
static double check_sample(const char *what, const portee_dist_t *d, gsl_rng *r)
{
    const int n = 200000;
    double s = 0, ss = 0;
    int outside = 0;
    for (int i = 0; i < n; i++) {
        double x = portee_dist_draw(d, r);
        if (!(x >= d->lo && x <= d->hi)) outside++;
        s += x;
        ss += x * x;
    }
    double mean = s / n, var = (ss - n * mean * mean) / (n - 1);
    CHECK(outside == 0, "%s: %d draws outside [%g, %g]", what, outside, d->lo, d->hi);
    CHECK_SE(mean, portee_dist_mean(d), sqrt(var / n), 5, what);
    return var;
}

int main(void)
{
    gsl_rng *r = gsl_rng_alloc(portee_rng_philox);
    portee_rng_stream(r, 42, 0, 0, 0);

    portee_dist_t beta = make(PORTEE_DIST_BETA, 0.04, 0.01, 0, 0, 2);
    double v = check_sample("beta", &beta, r);
    CHECK(fabs(sqrt(v) - 0.01) < 0.0003, "beta sd %g", sqrt(v));

    portee_dist_t tln = make(PORTEE_DIST_LOGNORMAL, 200, 1.0, 50, 1000, 4);
    check_sample("truncated lognormal", &tln, r);
    CHECK(fabs(portee_dist_mean(&tln) - 200 * exp(0.5)) > 10, "truncation moves the lognormal mean");
    CHECK(rejects(PORTEE_DIST_LOGNORMAL, 1, 0.1, 100, 200, 4), "lognormal with no mass in bounds");
    portee_dist_t ln = make(PORTEE_DIST_LOGNORMAL, 200, 1.0, 0, 0, 2);
    check_sample("lognormal mean", &ln, r);
    int below = 0;
    for (int i = 0; i < 100000; i++) below += portee_dist_draw(&ln, r) < 200;
    CHECK_SE(below / 1e5, 0.5, sqrt(0.25 / 1e5), 5, "lognormal median");

    portee_dist_t tn = make(PORTEE_DIST_NORMAL, 0.05, 0.03, 0.0, 0.2, 4);
    check_sample("truncated normal", &tn, r);
    portee_dist_t tail = make(PORTEE_DIST_NORMAL, 0, 1, 4, 6, 4);
    check_sample("normal truncated to the far upper tail", &tail, r);
    portee_dist_t ltail = make(PORTEE_DIST_NORMAL, 0, 1, -6, -4, 4);
    check_sample("normal truncated to the far lower tail", &ltail, r);
    portee_dist_t open = make(PORTEE_DIST_NORMAL, 10, 2, 0, 0, 2);
    CHECK(isinf(open.lo) && isinf(open.hi), "untruncated normal has unbounded support");
    check_sample("normal", &open, r);

    portee_dist_t uni = make(PORTEE_DIST_UNIFORM, 2, 5, 0, 0, 2);
    check_sample("uniform", &uni, r);
    portee_dist_t tri = make(PORTEE_DIST_TRIANGULAR, 0, 1, 4, 0, 3);
    check_sample("triangular", &tri, r);
    portee_dist_t pert = make(PORTEE_DIST_PERT, 0, 1, 4, 0, 3);
    check_sample("pert", &pert, r);
    /* The two share parameters but not means: the checks above tell them apart. */
    CHECK(fabs(portee_dist_mean(&tri) - portee_dist_mean(&pert)) > 0.1, "pert vs triangular means differ");

    portee_dist_t c = portee_dist_const(3.5);
    CHECK(portee_dist_draw(&c, r) == 3.5 && c.lo == 3.5 && c.hi == 3.5, "constant");

    CHECK(rejects(PORTEE_DIST_BETA, 0.5, 0.6, 0, 0, 2), "beta sd too large");
    CHECK(rejects(PORTEE_DIST_BETA, 1.0, 0.1, 0, 0, 2), "beta mean 1");
    CHECK(rejects(PORTEE_DIST_LOGNORMAL, -1, 1, 0, 0, 2), "lognormal median <= 0");
    CHECK(rejects(PORTEE_DIST_NORMAL, 0, 0, 0, 0, 2), "normal sd 0");
    CHECK(rejects(PORTEE_DIST_NORMAL, 0, 1, 50, 60, 4), "normal with no mass in bounds");
    CHECK(rejects(PORTEE_DIST_UNIFORM, 3, 3, 0, 0, 2), "uniform min == max");
    CHECK(rejects(PORTEE_DIST_TRIANGULAR, 0, 5, 4, 0, 3), "triangular mode > max");
    CHECK(rejects(PORTEE_DIST_PERT, 4, 1, 0, 0, 3), "pert min > max");
    CHECK(rejects(PORTEE_DIST_UNIFORM, 0, INFINITY, 0, 0, 2), "infinite field");
    CHECK(portee_dist_kind_lookup("beta") == PORTEE_DIST_BETA && portee_dist_kind_lookup("betta") < 0,
          "kind lookup");

    gsl_rng_free(r);
    return portee_test_summary("test_dist");
}
