/* solve.h — goal seeking: the smallest value of one input (a budget, posts a
 * week, followers) in [lo, hi] at which a target is met, either with a
 * probability (P(output >= x) >= p over the replicates) or on the mean.
 *
 * The search runs the scenario as a sweep over the input with common random
 * numbers (sweep.common_random_numbers), so replicate i sees the same random
 * numbers at every value tried: the estimated curve is a fixed function of
 * the input, monotone wherever the model is, and bisection on it is sound.
 * Each round tries 7 values inside the bracket (9 over [lo, hi] at first)
 * until the bracket is no wider than the tolerance.  The Monte Carlo
 * uncertainty of the answer comes from resampling the replicates (a
 * bootstrap over the curve tried: 400 resamples, each drawing from its own
 * stream (seed, PORTEE_SOLVE_RNG_MODEL, 0, b), so it is the same for any
 * thread count). */
#ifndef PORTEE_SOLVE_H
#define PORTEE_SOLVE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "sim/base/status.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/target.h"

/* the bootstrap's streams: a model index no scenario model has (rng.h) */
#define PORTEE_SOLVE_RNG_MODEL 0xFFFCu

typedef struct {
    const portee_registry_t *registry;
    const char *scenario;     /* path; NULL = the embedded default */
    const char *const *sets;  /* "key.path=value" overrides */
    size_t n_sets;
    const char *vary;         /* the input, as a sweep names it: "boost.budget" */
    double lo, hi;
    portee_target_t target;
    bool on_mean;             /* the target is on the mean, not a probability */
    double probability;       /* wanted P(target), when !on_mean */
    double tolerance;         /* bracket width to stop at; <= 0: (hi - lo) / 1000 (at least 1
                                 for a whole-number input) */
    int threads;
    const volatile sig_atomic_t *stop; /* may be NULL */
} portee_solve_opts_t;

typedef struct {
    double x;
    double value; /* P(target) or the mean, at x */
    double se;    /* its standard error */
} portee_solve_point_t;

typedef enum {
    PORTEE_SOLVE_FOUND,       /* met inside (lo, hi] */
    PORTEE_SOLVE_MET_AT_LO,   /* already met at lo */
    PORTEE_SOLVE_NOT_MET      /* not met even at hi */
} portee_solve_outcome_t;

typedef struct {
    portee_solve_outcome_t outcome;
    double answer;         /* the smallest value tried that meets the target */
    double below;          /* the largest value tried below it that does not (FOUND) */
    double achieved, achieved_se; /* P(target) or the mean at answer (at hi when NOT_MET) */
    /* the crossing over bootstrap resamples of the replicates: standard
     * deviation and 5 % / 95 % quantiles; met_share: resamples that meet
     * the target inside [lo, hi] */
    double boot_sd, boot_p05, boot_p95, met_share;
    bool monotone;         /* no value tried meets the target below one that does not */
    bool integer;          /* the input is a whole number */
    double tolerance;
    uint64_t replicates, seed;
    size_t rounds;
    portee_solve_point_t *curve; /* every value tried, by x */
    size_t n_curve;
    char *name;            /* the scenario's name */
    char *input_unit;      /* the input's unit ("currency", "posts/week") */
    char currency[4];      /* the scenario's output.currency, for a budget */
} portee_solve_result_t;

/* Fills *res whatever happens (free with portee_solve_result_free).
 * PORTEE_EINPUT for a bad scenario, input or range (with the scenario's
 * file:line:column), a scenario with a sweep of its own, or a target model
 * the scenario does not run. */
portee_status_t portee_solve(const portee_solve_opts_t *opts, portee_solve_result_t *res, portee_error_t *err);
void portee_solve_result_free(portee_solve_result_t *res);

/* Two levers: the cheapest combination.  For each of up to 11 values a of
 * the first lever (every whole number when the range holds at most 21), the
 * smallest value b of the second (opts->vary, [opts->lo, opts->hi]) meeting
 * the target, by portee_solve with the first set to a; the cost of a pair
 * is a x price_a + b x price_b. */
typedef struct {
    double a, b, sd; /* sd: b's Monte Carlo uncertainty */
    double cost;     /* NaN when not met */
    portee_solve_outcome_t outcome;
} portee_frontier_point_t;

typedef struct {
    portee_frontier_point_t *pts;
    size_t n;
    size_t cheapest; /* n when no value of the first lever meets the target */
    portee_solve_result_t last; /* the last solve's result: units, replicates */
    char *name;      /* the scenario's name, which last's also gives the first lever's value */
    bool integer_a;
    char *unit_a;
} portee_frontier_t;

portee_status_t portee_solve_frontier(const portee_solve_opts_t *opts, const char *vary_a, double lo_a, double hi_a,
                                      double price_a, double price_b, portee_frontier_t *f, portee_error_t *err);
void portee_frontier_free(portee_frontier_t *f);

/* The sweep setting that runs the values tried ("sweep.boost.budget=[...]"),
 * malloc'd: with common random numbers a run of it has, at each value, the
 * numbers the search saw. */
char *portee_solve_curve_set(const portee_solve_opts_t *opts, const portee_solve_result_t *res);

#endif
