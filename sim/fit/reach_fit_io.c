/* reach_fit_io.c — the HDF5 file of `portee fit reach` (layout in
 * docs/calibration.md, "The fit file"), written under a temporary name and
 * renamed when complete, and read back for portee info and portee plot. */
#include "sim/fit/reach_fit_internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hdf5.h>

#include "sim/fit/fit_file.h"
#include "sim/results/h5common.h"

typedef struct {
    double year, day, followers, reach, viral, shares, engagements, impressions, fitted_rate;
    uint64_t line;
} post_row_t;

typedef struct {
    char name[16];
    uint64_t given;
    double value, spread;
} value_row_t;

static const char *const model_names[6] = {"constant", "trend", "constant_binomial", "trend_binomial", "sized",
                                           "sized_binomial"};
#define N_VALUES 6
static const char *const value_names[N_VALUES] = {"reach_rate", "post_variability", "share_rate", "friend_reach",
                                                  "engagement_rate", "size_elasticity"};

static hid_t string_type(size_t size)
{
    hid_t s = H5Tcopy(H5T_C_S1);
    H5Tset_size(s, size);
    H5Tset_strpad(s, H5T_STR_NULLTERM);
    return s;
}

static hid_t post_type(void)
{
    hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(post_row_t));
#define D(f) H5Tinsert(t, #f, HOFFSET(post_row_t, f), H5T_NATIVE_DOUBLE)
    D(year); D(day); D(followers); D(reach); D(viral); D(shares); D(engagements); D(impressions); D(fitted_rate);
#undef D
    H5Tinsert(t, "line", HOFFSET(post_row_t, line), H5T_NATIVE_UINT64);
    return t;
}

static hid_t row_type(void)
{
    hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(portee_rf_row_t));
    const portee_rf_row_t *r = NULL;
    hid_t s1 = string_type(sizeof r->name), s2 = string_type(sizeof r->section), s3 = string_type(sizeof r->model),
          s4 = string_type(sizeof r->note);
    H5Tinsert(t, "name", HOFFSET(portee_rf_row_t, name), s1);
    H5Tinsert(t, "section", HOFFSET(portee_rf_row_t, section), s2);
    H5Tinsert(t, "model", HOFFSET(portee_rf_row_t, model), s3);
    H5Tinsert(t, "note", HOFFSET(portee_rf_row_t, note), s4);
    H5Tinsert(t, "value", HOFFSET(portee_rf_row_t, value), H5T_NATIVE_DOUBLE);
    H5Tinsert(t, "se", HOFFSET(portee_rf_row_t, se), H5T_NATIVE_DOUBLE);
    H5Tinsert(t, "lo95", HOFFSET(portee_rf_row_t, lo95), H5T_NATIVE_DOUBLE);
    H5Tinsert(t, "hi95", HOFFSET(portee_rf_row_t, hi95), H5T_NATIVE_DOUBLE);
    H5Tclose(s1);
    H5Tclose(s2);
    H5Tclose(s3);
    H5Tclose(s4);
    return t;
}

static hid_t value_type(void)
{
    hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(value_row_t)), s = string_type(sizeof ((value_row_t *)0)->name);
    H5Tinsert(t, "name", HOFFSET(value_row_t, name), s);
    H5Tinsert(t, "given", HOFFSET(value_row_t, given), H5T_NATIVE_UINT64);
    H5Tinsert(t, "value", HOFFSET(value_row_t, value), H5T_NATIVE_DOUBLE);
    H5Tinsert(t, "spread", HOFFSET(value_row_t, spread), H5T_NATIVE_DOUBLE);
    H5Tclose(s);
    return t;
}

static portee_rf_value_t *value_of(portee_reach_fit_t *f, size_t i)
{
    portee_rf_value_t *const v[N_VALUES] = {&f->reach_rate, &f->post_variability, &f->share_rate,
                                            &f->friend_reach, &f->engagement_rate, &f->size_elasticity};
    return v[i];
}

/* ---- writing ---- */

/* One whole dataset (rank 1 or 2) with its units and description; < 0 on failure. */
static int put(hid_t loc, const char *name, hid_t type, int rank, hsize_t d0, hsize_t d1, const void *buf,
               const char *units, const char *description)
{
    const hsize_t dims[2] = {d0, d1};
    hid_t space = H5Screate_simple(rank, dims, NULL);
    hid_t d = H5Dcreate2(loc, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    int e = d < 0 || (d0 > 0 && H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0) ||
            portee_h5_attr_string(d, "units", units) < 0 || portee_h5_attr_string(d, "description", description) < 0;
    if (d >= 0) H5Dclose(d);
    H5Sclose(space);
    return e ? -1 : 0;
}

static int put_model(hid_t g, const char *name, const portee_bb_fit_t *b)
{
    hid_t m = H5Gcreate2(g, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    if (m < 0) return -1;
    int e = portee_h5_attr_u64(m, "binomial", b->binomial) < 0 || portee_h5_attr_u64(m, "trend", b->trend) < 0 ||
            portee_h5_attr_u64(m, "size", b->size) < 0 ||
            portee_h5_attr_double(m, "loglik", b->loglik) < 0 ||
            portee_h5_attr_u64(m, "iterations", b->iterations) < 0 ||
            put(m, "theta", H5T_NATIVE_DOUBLE, 1, b->k, 0, b->theta, "logit, logit per year, logit per ln "
                "follower, log", "the fitted parameters: alpha (logit of the rate at t_ref and x_ref), beta (per "
                "year, with the trend), c (per unit of ln followers, with the size law), ln kappa (without the "
                "binomial)") < 0 ||
            put(m, "covariance", H5T_NATIVE_DOUBLE, 2, b->k, b->k, b->cov, "as theta",
                "inverse of the observed information at theta (Hessian by central differences of the "
                "analytic gradient)") < 0;
    H5Gclose(m);
    return e ? -1 : 0;
}

static int write_check(hid_t g, const portee_reach_fit_t *f)
{
    hid_t c = H5Gcreate2(g, "check", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    if (c < 0) return -1;
    hid_t st = portee_h5_summary_type();
    int e = portee_h5_attr_u64(c, "seed", f->seed) < 0 || portee_h5_attr_u64(c, "draws", f->draws) < 0 ||
            portee_h5_attr_double(c, "chi2", f->chi2) < 0 || portee_h5_attr_double(c, "p", f->chi2_p) < 0 ||
            portee_h5_attr_double(c, "observed_mean", f->obs_mean) < 0 ||
            portee_h5_attr_double(c, "observed_sd", f->obs_sd) < 0 ||
            put(c, "pit_observed", H5T_NATIVE_UINT64, 1, f->bins, 0, f->pit_observed, "posts",
                "posts whose mid-PIT against their own predictive sample falls in each of the equal bins") < 0 ||
            put(c, "simulated_mean", st, 1, 1, 0, &f->sim_mean, "share of followers",
                "mean of direct reach/followers over the posts, over the draws' replicated data") < 0 ||
            put(c, "simulated_sd", st, 1, 1, 0, &f->sim_sd, "share of followers",
                "sd of direct reach/followers over the posts, over the draws' replicated data") < 0 ||
            put(c, "histogram_edges", H5T_NATIVE_DOUBLE, 1, f->hist_bins + 1, 0, f->hist_edges, "share of followers",
                "equal bins of direct reach/followers; the last bin also holds everything above its right "
                "edge") < 0 ||
            put(c, "histogram_observed", H5T_NATIVE_DOUBLE, 1, f->hist_bins, 0, f->hist_observed, "posts",
                "posts per bin") < 0 ||
            put(c, "histogram_simulated", st, 1, f->hist_bins, 0, f->hist_sim, "posts",
                "posts per bin in the draws' replicated data") < 0;
    H5Tclose(st);
    H5Gclose(c);
    return e ? -1 : 0;
}

static int write_fit(hid_t file, const portee_reach_fit_t *f)
{
    const portee_posts_t *p = &f->posts;
    const size_t n = p->n;
    hid_t g = H5Gcreate2(file, "fit", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    if (g < 0) return -1;
    int e = 0;
    e |= portee_h5_attr_string(g, "description", "direct reach of a page's posts given followers, beta-binomial "
                                                 "fitted by maximum likelihood (constant rate and logit-linear "
                                                 "trend), the cascade and engagement rates, and a "
                                                 "posterior-predictive check") < 0;
    static const char *const keys[PORTEE_POSTS_NCOLUMNS] = {"date", "followers", "reach", "viral", "shares",
                                                            "engagements", "impressions"};
    for (size_t c = 0; c < PORTEE_POSTS_NCOLUMNS; c++) {
        char name[32];
        snprintf(name, sizeof name, "column_%s", keys[c]);
        e |= portee_h5_attr_string(g, name, p->column[c] ? p->column[c] : "") < 0;
    }
    e |= portee_h5_attr_u64(g, "dates", p->dates) < 0;
    e |= portee_h5_attr_double(g, "t_ref", f->t_ref) < 0;
    e |= portee_h5_attr_double(g, "x_ref", f->x_ref) < 0;
    e |= portee_h5_attr_u64(g, "has_size", f->has_size) < 0;
    e |= portee_h5_attr_u64(g, "size_used", f->size_used) < 0;
    e |= portee_h5_attr_u64(g, "size_chosen", f->size_chosen) < 0;
    e |= portee_h5_attr_double(g, "size_lrt", f->size_lrt) < 0;
    e |= portee_h5_attr_double(g, "size_p", f->size_p) < 0;
    e |= portee_h5_attr_u64(g, "has_trend", f->has_trend) < 0;
    e |= portee_h5_attr_double(g, "trend_lrt", f->trend_lrt) < 0;
    e |= portee_h5_attr_double(g, "trend_p", f->trend_p) < 0;
    e |= portee_h5_attr_double(g, "overdispersion_lrt", f->overdispersion_lrt) < 0;
    e |= portee_h5_attr_double(g, "overdispersion_p", f->overdispersion_p) < 0;
    e |= portee_h5_attr_double(g, "kappa_lower", f->kappa_lower) < 0;
    e |= portee_h5_attr_string(g, "level", f->level == PORTEE_LEVEL_LAST ? "last" : "average") < 0;
    e |= portee_h5_attr_u64(g, "level_chosen", f->level_chosen) < 0;
    e |= portee_h5_attr_string(g, "cascade", f->cascade_note ? f->cascade_note : "") < 0;
    e |= portee_h5_attr_string(g, "platform", f->cascade.platform ? f->cascade.platform : "") < 0;
    e |= portee_h5_attr_double(g, "platform_share_rate", f->cascade.share_rate) < 0;
    e |= portee_h5_attr_double(g, "platform_friends_median", f->cascade.friends_median) < 0;
    e |= portee_h5_attr_double(g, "platform_friends_sigma", f->cascade.friends_sigma) < 0;
    e |= portee_h5_attr_double(g, "platform_max_friends", f->cascade.max_friends) < 0;
    e |= portee_h5_attr_double(g, "platform_population", f->cascade.population) < 0;
    e |= portee_h5_attr_double(g, "platform_friend_reach", f->cascade.friend_reach) < 0;
    e |= portee_h5_attr_double(g, "impressions_per_reach", f->impressions_per_reach) < 0;
    e |= portee_h5_attr_double(g, "followers_last", f->followers_last) < 0;
    e |= portee_h5_attr_double(g, "posts_per_week", f->posts_per_week) < 0;

    post_row_t *rows = malloc((n + 1) * sizeof *rows);
    if (!rows) e = 1;
    for (size_t i = 0; i < n && !e; i++) {
        const double *const *c = (const double *const *)p->count;
#define COL(k) (c[k] ? c[k][i] : NAN)
        rows[i] = (post_row_t){p->year[i], p->day[i], COL(PORTEE_POSTS_FOLLOWERS), COL(PORTEE_POSTS_REACH),
                               COL(PORTEE_POSTS_VIRAL), COL(PORTEE_POSTS_SHARES), COL(PORTEE_POSTS_ENGAGEMENTS),
                               COL(PORTEE_POSTS_IMPRESSIONS), f->rate ? f->rate[i] : NAN, p->line[i]};
#undef COL
    }
    hid_t pt = post_type(), rt = row_type(), vt = value_type(), st = portee_h5_summary_type();
    value_row_t values[N_VALUES];
    for (size_t i = 0; i < N_VALUES; i++) {
        const portee_rf_value_t *v = value_of((portee_reach_fit_t *)f, i);
        values[i] = (value_row_t){.given = v->given, .value = v->value, .spread = v->spread};
        snprintf(values[i].name, sizeof values[i].name, "%s", value_names[i]);
    }
    if (!e) {
        e |= put(g, "posts", pt, 1, n, 0, rows, "year: years; day: days since 1970; counts: people",
                 "the posts in time order as read (NaN for a column the file lacks), the fitted rate of "
                 "the scenario's model, and each post's line in the CSV") < 0;
        e |= put(g, "estimates", rt, 1, f->n_rows, 0, f->row, "as the parameter (see note)",
                 "estimate, standard error and 95 % interval per row; name as portee params names it "
                 "(section page or reach), or a quantity of the fit (section empty)") < 0;
        e |= put(g, "scenario", vt, 1, N_VALUES, 0, values, "as the parameter",
                 "what --write-scenario writes: beta mean and sd, lognormal median and sigma of the log "
                 "(post_variability), mean and sd (size_elasticity, written as the lognormal of that mean and sd, at size_reference = the last "
                 "post's followers); given 0 when the data do not say") < 0;
        if (f->band)
            e |= put(g, "predicted", st, 1, n, 0, f->band, "people",
                     "each post's predicted direct reach over the check's draws (n, mean, sd, se, p05..p95)") < 0;
        e |= put_model(g, model_names[0], &f->constant) < 0;
        e |= put_model(g, model_names[2], &f->constant_binomial) < 0;
        if (f->has_trend) {
            e |= put_model(g, model_names[1], &f->trend) < 0;
            e |= put_model(g, model_names[3], &f->trend_binomial) < 0;
        }
        if (f->has_size) {
            e |= put_model(g, model_names[4], &f->sized) < 0;
            e |= put_model(g, model_names[5], &f->sized_binomial) < 0;
        }
        if (f->draws) e |= write_check(g, f) < 0;
    }
    H5Tclose(pt);
    H5Tclose(rt);
    H5Tclose(vt);
    H5Tclose(st);
    free(rows);
    H5Gclose(g);
    return e ? -1 : 0;
}

static int write_body(hid_t file, const void *f) { return write_fit(file, f); }

portee_status_t portee_reach_fit_write(const char *path, const portee_reach_fit_t *f, int threads,
                                       const char *start_time, char **notes, portee_error_t *err)
{
    const portee_fit_provenance_t prov = {
        .model = "reach", .source = f->source, .seed = f->seed, .draws = f->draws, .threads = threads,
        .start_time = start_time,
        .rng = "philox4x32-10 (Random123): draw d takes its parameters from the stream (seed, model 65533, "
               "point 0, replicate d), post i's simulated reach under it from (seed, 65533, i + 1, d)"};
    return portee_fit_file_write(path, &prov, write_body, f, notes, err);
}

/* ---- reading ---- */

bool portee_reach_fit_file_is(const char *path) { return portee_fit_file_of(path, "reach"); }



static int read_model(hid_t g, const char *name, portee_bb_fit_t *b)
{
    if (H5Lexists(g, name, H5P_DEFAULT) <= 0) return -1;
    hid_t m = H5Gopen2(g, name, H5P_DEFAULT);
    if (m < 0) return -1;
    uint64_t bin = 0, trend = 0, size = 0;
    int e = portee_h5_read_attr_u64(m, "binomial", &bin) < 0 || portee_h5_read_attr_u64(m, "trend", &trend) < 0 ||
            portee_h5_read_attr_u64(m, "size", &size) < 0 ||
            portee_h5_read_attr_double(m, "loglik", &b->loglik) < 0 ||
            portee_h5_read_attr_u64(m, "iterations", &b->iterations) < 0;
    b->binomial = bin;
    b->trend = trend;
    b->size = size;
    b->k = portee_bb_count(b);
    double *th = e ? NULL : portee_fit_file_get(m, "theta", H5T_NATIVE_DOUBLE, sizeof *th, b->k, 0);
    double *cov = e ? NULL : portee_fit_file_get(m, "covariance", H5T_NATIVE_DOUBLE, sizeof *cov, b->k, b->k);
    if (th && cov) {
        memcpy(b->theta, th, b->k * sizeof *th);
        memcpy(b->cov, cov, b->k * b->k * sizeof *cov);
    } else {
        e = 1;
    }
    free(th);
    free(cov);
    H5Gclose(m);
    return e ? -1 : 0;
}

static int read_check(hid_t g, portee_reach_fit_t *f)
{
    if (H5Lexists(g, "check", H5P_DEFAULT) <= 0) return 0; /* written without the check */
    hid_t c = H5Gopen2(g, "check", H5P_DEFAULT);
    if (c < 0) return -1;
    hid_t st = portee_h5_summary_type();
    f->bins = portee_fit_file_length(c, "pit_observed");
    f->hist_bins = portee_fit_file_length(c, "histogram_observed");
    int e = portee_h5_read_attr_u64(c, "seed", &f->seed) < 0 || portee_h5_read_attr_u64(c, "draws", &f->draws) < 0 ||
            portee_h5_read_attr_double(c, "chi2", &f->chi2) < 0 || portee_h5_read_attr_double(c, "p", &f->chi2_p) < 0 ||
            portee_h5_read_attr_double(c, "observed_mean", &f->obs_mean) < 0 ||
            portee_h5_read_attr_double(c, "observed_sd", &f->obs_sd) < 0 || f->bins == 0 ||
            f->bins > PORTEE_REACH_FIT_MAX_BINS || f->hist_bins == 0 || f->hist_bins > PORTEE_REACH_FIT_MAX_BINS;
    uint64_t *pit = e ? NULL : portee_fit_file_get(c, "pit_observed", H5T_NATIVE_UINT64, sizeof *pit, f->bins, 0);
    portee_summary_t *m = e ? NULL : portee_fit_file_get(c, "simulated_mean", st, sizeof *m, 1, 0);
    portee_summary_t *s = e ? NULL : portee_fit_file_get(c, "simulated_sd", st, sizeof *s, 1, 0);
    double *edges = e ? NULL : portee_fit_file_get(c, "histogram_edges", H5T_NATIVE_DOUBLE, sizeof *edges, f->hist_bins + 1, 0);
    double *obs = e ? NULL : portee_fit_file_get(c, "histogram_observed", H5T_NATIVE_DOUBLE, sizeof *obs, f->hist_bins, 0);
    portee_summary_t *sim = e ? NULL : portee_fit_file_get(c, "histogram_simulated", st, sizeof *sim, f->hist_bins, 0);
    if (pit && m && s && edges && obs && sim) {
        memcpy(f->pit_observed, pit, f->bins * sizeof *pit);
        f->sim_mean = *m;
        f->sim_sd = *s;
        memcpy(f->hist_edges, edges, (f->hist_bins + 1) * sizeof *edges);
        memcpy(f->hist_observed, obs, f->hist_bins * sizeof *obs);
        memcpy(f->hist_sim, sim, f->hist_bins * sizeof *sim);
    } else {
        e = 1;
    }
    free(pit);
    free(m);
    free(s);
    free(edges);
    free(obs);
    free(sim);
    H5Tclose(st);
    H5Gclose(c);
    return e ? -1 : 0;
}

static int read_attrs(hid_t file, hid_t g, portee_reach_fit_t *f)
{
    static const char *const keys[PORTEE_POSTS_NCOLUMNS] = {"date", "followers", "reach", "viral", "shares",
                                                            "engagements", "impressions"};
    uint64_t dates = 0, has_trend = 0, chosen = 0, has_size = 0, size_used = 0, size_chosen = 0;
    char *level = NULL, *platform = NULL;
    int e = portee_h5_read_attr_string(file, "source", &f->source) < 0 ||
            portee_h5_read_attr_string(file, "portee_version", &f->version) < 0 ||
            portee_h5_read_attr_u64(g, "dates", &dates) < 0 || portee_h5_read_attr_double(g, "t_ref", &f->t_ref) < 0 ||
            portee_h5_read_attr_u64(g, "has_trend", &has_trend) < 0 ||
            portee_h5_read_attr_double(g, "x_ref", &f->x_ref) < 0 ||
            portee_h5_read_attr_u64(g, "has_size", &has_size) < 0 ||
            portee_h5_read_attr_u64(g, "size_used", &size_used) < 0 ||
            portee_h5_read_attr_u64(g, "size_chosen", &size_chosen) < 0 ||
            portee_h5_read_attr_double(g, "size_lrt", &f->size_lrt) < 0 ||
            portee_h5_read_attr_double(g, "size_p", &f->size_p) < 0 ||
            portee_h5_read_attr_double(g, "trend_lrt", &f->trend_lrt) < 0 ||
            portee_h5_read_attr_double(g, "trend_p", &f->trend_p) < 0 ||
            portee_h5_read_attr_double(g, "overdispersion_lrt", &f->overdispersion_lrt) < 0 ||
            portee_h5_read_attr_double(g, "overdispersion_p", &f->overdispersion_p) < 0 ||
            portee_h5_read_attr_double(g, "kappa_lower", &f->kappa_lower) < 0 ||
            portee_h5_read_attr_string(g, "level", &level) < 0 ||
            portee_h5_read_attr_u64(g, "level_chosen", &chosen) < 0 ||
            portee_h5_read_attr_string(g, "cascade", &f->cascade_note) < 0 ||
            portee_h5_read_attr_string(g, "platform", &platform) < 0 ||
            portee_h5_read_attr_double(g, "platform_share_rate", &f->cascade.share_rate) < 0 ||
            portee_h5_read_attr_double(g, "platform_friends_median", &f->cascade.friends_median) < 0 ||
            portee_h5_read_attr_double(g, "platform_friends_sigma", &f->cascade.friends_sigma) < 0 ||
            portee_h5_read_attr_double(g, "platform_max_friends", &f->cascade.max_friends) < 0 ||
            portee_h5_read_attr_double(g, "platform_population", &f->cascade.population) < 0 ||
            portee_h5_read_attr_double(g, "platform_friend_reach", &f->cascade.friend_reach) < 0 ||
            portee_h5_read_attr_double(g, "impressions_per_reach", &f->impressions_per_reach) < 0 ||
            portee_h5_read_attr_double(g, "followers_last", &f->followers_last) < 0 ||
            portee_h5_read_attr_double(g, "posts_per_week", &f->posts_per_week) < 0;
    for (size_t c = 0; c < PORTEE_POSTS_NCOLUMNS && !e; c++) {
        char name[32], *col = NULL;
        snprintf(name, sizeof name, "column_%s", keys[c]);
        e = portee_h5_read_attr_string(g, name, &col) < 0;
        if (!e && *col) f->posts.column[c] = col;
        else free(col);
    }
    f->posts.dates = dates;
    f->has_trend = has_trend;
    f->has_size = has_size;
    f->size_used = size_used && has_size;
    f->size_chosen = size_chosen;
    f->level_chosen = chosen;
    e = e || !level || (strcmp(level, "last") && strcmp(level, "average"));
    if (!e) f->level = strcmp(level, "last") ? PORTEE_LEVEL_AVERAGE : PORTEE_LEVEL_LAST;
    if (platform && *platform) f->cascade.platform = platform;
    else free(platform);
    free(level);
    return e ? -1 : 0;
}

static int read_posts(hid_t g, portee_reach_fit_t *f)
{
    portee_posts_t *p = &f->posts;
    const size_t n = portee_fit_file_length(g, "posts");
    if (n < PORTEE_REACH_FIT_MIN_POSTS || n > PORTEE_TABLE_MAX_ROWS) return -1;
    hid_t pt = post_type(), st = portee_h5_summary_type();
    post_row_t *rows = portee_fit_file_get(g, "posts", pt, sizeof *rows, n, 0);
    f->band = H5Lexists(g, "predicted", H5P_DEFAULT) > 0 ? portee_fit_file_get(g, "predicted", st, sizeof *f->band, n, 0) : NULL;
    H5Tclose(pt);
    H5Tclose(st);
    p->n = n;
    p->day = malloc(n * sizeof *p->day);
    p->year = malloc(n * sizeof *p->year);
    p->line = malloc(n * sizeof *p->line);
    f->rate = malloc(n * sizeof *f->rate);
    int e = !rows || !p->day || !p->year || !p->line || !f->rate;
    /* a column is present when the header named it */
    for (size_t c = PORTEE_POSTS_FOLLOWERS; c < PORTEE_POSTS_NCOLUMNS && !e; c++)
        if (p->column[c] && !(p->count[c] = malloc(n * sizeof *p->count[c]))) e = 1;
    e = e || !p->count[PORTEE_POSTS_FOLLOWERS] || !p->count[PORTEE_POSTS_REACH];
    for (size_t i = 0; i < n && !e; i++) {
        const post_row_t *r = &rows[i];
        const double v[PORTEE_POSTS_NCOLUMNS] = {0, r->followers, r->reach, r->viral, r->shares, r->engagements,
                                                 r->impressions};
        p->day[i] = r->day;
        p->year[i] = r->year;
        p->line[i] = (size_t)r->line;
        f->rate[i] = r->fitted_rate;
        for (size_t c = PORTEE_POSTS_FOLLOWERS; c < PORTEE_POSTS_NCOLUMNS; c++)
            if (p->count[c]) p->count[c][i] = v[c];
        e = !(r->followers >= 1) || !(r->reach >= 0) || !(portee_posts_direct(p, i) <= r->followers);
    }
    free(rows);
    return e ? -1 : 0;
}

portee_status_t portee_reach_fit_read(const char *path, portee_reach_fit_t *f, portee_error_t *err)
{
    memset(f, 0, sizeof *f);
    if (!portee_reach_fit_file_is(path))
        return portee_fail(err, PORTEE_EINPUT, "%s: not a file written by portee fit reach", path);
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (file < 0) return portee_fail(err, PORTEE_EINPUT, "%s: HDF5 could not open it", path);
    hid_t g = H5Lexists(file, "fit", H5P_DEFAULT) > 0 ? H5Gopen2(file, "fit", H5P_DEFAULT) : -1;
    int e = g < 0 || read_attrs(file, g, f) || read_posts(g, f) || read_model(g, model_names[0], &f->constant) ||
            read_model(g, model_names[2], &f->constant_binomial) ||
            (f->has_trend && (read_model(g, model_names[1], &f->trend) ||
                              read_model(g, model_names[3], &f->trend_binomial))) ||
            (f->has_size && (read_model(g, model_names[4], &f->sized) ||
                             read_model(g, model_names[5], &f->sized_binomial))) ||
            read_check(g, f);
    if (!e) {
        hid_t rt = row_type(), vt = value_type();
        f->n_rows = portee_fit_file_length(g, "estimates");
        portee_rf_row_t *rows = f->n_rows <= PORTEE_REACH_FIT_MAX_ROWS && f->n_rows
                                    ? portee_fit_file_get(g, "estimates", rt, sizeof *rows, f->n_rows, 0) : NULL;
        value_row_t *values = portee_fit_file_get(g, "scenario", vt, sizeof *values, N_VALUES, 0);
        if (rows && values) {
            memcpy(f->row, rows, f->n_rows * sizeof *rows);
            for (size_t i = 0; i < N_VALUES; i++)
                *value_of(f, i) = (portee_rf_value_t){values[i].given != 0, values[i].value, values[i].spread};
        } else {
            e = 1;
        }
        free(rows);
        free(values);
        H5Tclose(rt);
        H5Tclose(vt);
    }
    if (g >= 0) H5Gclose(g);
    H5Fclose(file);
    if (e)
        return portee_fail(err, PORTEE_EINPUT, "%s: a damaged reach fit file (the /fit group or one of its "
                                               "datasets or attributes is missing or malformed)", path);
    return PORTEE_OK;
}
