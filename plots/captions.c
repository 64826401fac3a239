/* captions.c — a caption per chart, written from the numbers the chart
 * shows (captions.h).  Each reads the summaries the chart draws from, at
 * the point the chart draws (the first point for a chart of one point). */
#include "plots/captions.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/adoption.h"
#include "models/boost.h"
#include "models/reach.h"
#include "plots/chart_common.h"
#include "sim/results/labels.h"

typedef struct {
    const portee_chart_ctx_t *c;
    char *buf;
    size_t len;
} cap_t;

/* V in output O's unit ("49", "$5", "4.8 %"). */
static void val(const cap_t *k, size_t o, double v, char *out, size_t len)
{
    portee_unit_value(out, len, v, k->c->model->outputs[o].unit, k->c->currency, k->c->lang);
}

/* ", at the first of the N sweep points" for charts of one point. */
static void point0(const cap_t *k)
{
    const portee_results_t *r = k->c->results;
    if (!r || r->n_points < 2) return;
    size_t n = strlen(k->buf);
    char pts[32];
    portee_fmt_fixed(pts, sizeof pts, (double)r->n_points, 0, k->c->lang);
    snprintf(k->buf + n, k->len - n, portee_tr(k->c->lang, " (sweep point 1 of %s)"), pts);
}

static const portee_summary_t *row(const cap_t *k, size_t o, uint64_t p)
{
    const portee_results_output_t *out = portee_chart_output(k->c, o);
    return out && k->c->results && p < k->c->results->n_points ? &out->rows[p] : NULL;
}

/* Step `step` (negative: from the end) of series o at point 0. */
static const portee_summary_t *step(const cap_t *k, size_t o, long step, uint64_t *label)
{
    const portee_results_series_t *s = portee_chart_series(k->c, o);
    if (!s || !s->n_steps) return NULL;
    uint64_t i = step < 0 ? s->n_steps - (uint64_t)(-step) : (uint64_t)step;
    if (i >= s->n_steps) return NULL;
    if (label) *label = s->first_step + i;
    return &s->rows[i];
}

static bool reach_distribution(const cap_t *k)
{
    const portee_summary_t *s = row(k, REACH_OUT_TOTAL, 0);
    if (!s) return false;
    char a[64], b[64];
    val(k, REACH_OUT_TOTAL, s->p50, a, sizeof a);
    val(k, REACH_OUT_TOTAL, s->p95, b, sizeof b);
    snprintf(k->buf, k->len,
             portee_tr(k->c->lang, "Half of the posts reach %s people or fewer; one in twenty reaches %s or more."), a,
             b);
    point0(k);
    return true;
}

static bool hourly_reach(const cap_t *k)
{
    const portee_results_series_t *s = portee_chart_series(k->c, REACH_OUT_HOURLY);
    if (!s || s->n_steps < 2) return false;
    const double end = s->rows[s->n_steps - 1].mean;
    uint64_t h = s->n_steps - 1;
    for (uint64_t i = 0; i < s->n_steps; i++)
        if (s->rows[i].mean >= end / 2) {
            h = i;
            break;
        }
    char a[64], b[64];
    val(k, REACH_OUT_HOURLY, end, a, sizeof a);
    portee_fmt_fixed(b, sizeof b, (double)(s->first_step + h), 0, k->c->lang);
    snprintf(k->buf, k->len,
             portee_tr(k->c->lang, "A post reaches %s people on average in the end, half of them within %s hours; "
                                   "the bands hold half and 90 %% of the posts."),
             a, b);
    point0(k);
    return true;
}

static bool weekly(const cap_t *k, size_t o, const char *fmt)
{
    uint64_t w0, w1;
    const portee_summary_t *f = step(k, o, 0, &w0), *l = step(k, o, -1, &w1);
    if (!f || !l) return false;
    char a[64], b[64], c[64], d[64], e[32];
    val(k, o, f->mean, a, sizeof a);
    val(k, o, l->mean, b, sizeof b);
    val(k, o, l->p05, c, sizeof c);
    val(k, o, l->p95, d, sizeof d);
    portee_fmt_fixed(e, sizeof e, (double)w1, 0, k->c->lang);
    snprintf(k->buf, k->len, portee_tr(k->c->lang, fmt), a, b, e, c, d);
    point0(k);
    return true;
}

static bool weekly_followers(const cap_t *k)
{
    return weekly(k, REACH_OUT_WEEK_FOLLOWERS,
                  "The page has %s followers in week 1 and %s in week %s on average; 90 %% of the runs end "
                  "between %s and %s.");
}

static bool weekly_reach(const cap_t *k)
{
    return weekly(k, REACH_OUT_WEEK_UNIQUE,
                  "The posts reach %s followers in week 1 and %s in week %s on average; in that week 90 %% of "
                  "the runs lie between %s and %s.");
}

static bool cumulative_reach(const cap_t *k)
{
    return weekly(k, REACH_OUT_WEEK_CUMULATIVE,
                  "%s followers have seen at least one post after week 1, %s after week %s on average (90 %% of "
                  "the runs: %s to %s).");
}

/* Share of series o's total in its first step, and the mean step (its
 * label; the last bin counts as its label, a lower bound), at point p. */
static bool shares_of(const cap_t *k, size_t o, uint64_t p, double *first, double *mean_step)
{
    const portee_results_series_t *s = portee_chart_series(k->c, o);
    if (!s || !s->n_steps || !k->c->results || p >= k->c->results->n_points) return false;
    const portee_summary_t *rows = &s->rows[p * s->n_steps];
    double total = 0, weighted = 0;
    for (uint64_t i = 0; i < s->n_steps; i++) {
        total += rows[i].mean;
        weighted += rows[i].mean * (double)(s->first_step + i);
    }
    if (!(total > 0)) return false;
    *first = rows[0].mean / total;
    *mean_step = weighted / total;
    return true;
}

static bool posts_seen(const cap_t *k)
{
    double none, mean;
    if (!shares_of(k, REACH_OUT_POSTS_SEEN, 0, &none, &mean)) return false;
    char a[64], b[64];
    portee_fmt_pct(a, sizeof a, none, k->c->lang);
    portee_fmt_pct(b, sizeof b, 1 - none, k->c->lang);
    snprintf(k->buf, k->len,
             portee_tr(k->c->lang, "Over the plan, %s of the followers of its start saw none of its posts and %s saw "
                                   "at least one (means of the runs)."),
             a, b);
    point0(k);
    return true;
}

/* Across the points: where the mean of output o is lowest and highest. */
static bool across(const cap_t *k, size_t o)
{
    const portee_results_t *r = k->c->results;
    if (!r || r->n_points < 2 || !row(k, o, 0)) return false;
    uint64_t lo = 0, hi = 0;
    for (uint64_t p = 1; p < r->n_points; p++) {
        if (row(k, o, p)->mean < row(k, o, lo)->mean) lo = p;
        if (row(k, o, p)->mean > row(k, o, hi)->mean) hi = p;
    }
    char path[128], a[64], b[64], n[32], pl[32], ph[32];
    snprintf(path, sizeof path, "%s.%s", k->c->model->name, k->c->model->outputs[o].name);
    val(k, o, row(k, o, lo)->mean, a, sizeof a);
    val(k, o, row(k, o, hi)->mean, b, sizeof b);
    portee_fmt_fixed(n, sizeof n, (double)r->n_points, 0, k->c->lang);
    portee_fmt_fixed(pl, sizeof pl, (double)lo + 1, 0, k->c->lang);
    portee_fmt_fixed(ph, sizeof ph, (double)hi + 1, 0, k->c->lang);
    snprintf(k->buf, k->len,
             portee_tr(k->c->lang, "Across the %s sweep points, the mean %s goes from %s (point %s) to %s (point %s)."),
             n, portee_label(path, k->c->lang), a, pl, b, ph);
    return true;
}

static bool sweep(const cap_t *k) { return across(k, REACH_OUT_TOTAL); }
static bool boost_sweep(const cap_t *k) { return across(k, BOOST_OUT_INCREMENTAL); }
static bool adoption_sweep(const cap_t *k) { return across(k, ADOPT_OUT_LAG_T50); }

static bool adoption_curves(const cap_t *k)
{
    const portee_summary_t *a = row(k, ADOPT_OUT_AUDIENCE_T50, 0), *o = row(k, ADOPT_OUT_ORG_T50, 0);
    if (!a || !o) return false;
    char x[64], y[64];
    val(k, ADOPT_OUT_AUDIENCE_T50, a->p50, x, sizeof x);
    val(k, ADOPT_OUT_ORG_T50, o->p50, y, sizeof y);
    snprintf(k->buf, k->len,
             portee_tr(k->c->lang, "Half of the audience is on the platform after %s years, half of the "
                                   "organisations after %s years (medians of the runs)."),
             x, y);
    point0(k);
    return true;
}

static bool adoption_times(const cap_t *k)
{
    const portee_summary_t *a = row(k, ADOPT_OUT_ORG_T10, 0), *b = row(k, ADOPT_OUT_ORG_T50, 0),
                           *c = row(k, ADOPT_OUT_ORG_T90, 0);
    if (!a || !b || !c) return false;
    char x[64], y[64], z[64];
    val(k, ADOPT_OUT_ORG_T10, a->p50, x, sizeof x);
    val(k, ADOPT_OUT_ORG_T50, b->p50, y, sizeof y);
    val(k, ADOPT_OUT_ORG_T90, c->p50, z, sizeof z);
    snprintf(k->buf, k->len,
             portee_tr(k->c->lang, "One organisation in ten has joined after %s years, half after %s years and "
                                   "nine in ten after %s years (medians of the runs)."),
             x, y, z);
    point0(k);
    return true;
}

static bool cost_of_delay(const cap_t *k)
{
    uint64_t years;
    const portee_summary_t *s = step(k, ADOPT_OUT_DELAY_REACH_LOST, -1, &years);
    if (!s || years == 0) return false;
    char a[32], b[64];
    portee_fmt_fixed(a, sizeof a, (double)years, 0, k->c->lang);
    portee_fmt_pct(b, sizeof b, s->mean, k->c->lang);
    snprintf(k->buf, k->len,
             portee_tr(k->c->lang, "An organisation joining %s years late keeps reaching fewer people: on average "
                                   "%s less than joining in year 0."),
             a, b);
    point0(k);
    return true;
}

/* The budget of point p (the model's parameter table names it). */
static double budget(const cap_t *k, uint64_t p)
{
    for (size_t j = 0; j < k->c->model->n_params; j++)
        if (!strcmp(k->c->model->params[j].name, "budget")) return portee_chart_parameter(k->c, j, p);
    return NAN;
}

/* Output o at the smallest and the largest budget of the sweep. */
static bool by_budget(const cap_t *k, size_t o, const char *fmt)
{
    const portee_results_t *r = k->c->results;
    if (!r || r->n_points < 2 || !row(k, o, 0)) return false;
    /* the smallest budget above zero: nothing bought nothing */
    uint64_t lo = UINT64_MAX, hi = 0;
    for (uint64_t p = 0; p < r->n_points; p++) {
        const double b = budget(k, p);
        if (b > 0 && (lo == UINT64_MAX || b < budget(k, lo))) lo = p;
        if (b > budget(k, hi)) hi = p;
    }
    if (lo == UINT64_MAX || lo == hi) return false;
    char a[64], b[64], x[64], y[64];
    portee_fmt_money(a, sizeof a, budget(k, lo), 0, k->c->currency, k->c->lang);
    portee_fmt_money(b, sizeof b, budget(k, hi), 0, k->c->currency, k->c->lang);
    val(k, o, row(k, o, lo)->mean, x, sizeof x);
    val(k, o, row(k, o, hi)->mean, y, sizeof y);
    snprintf(k->buf, k->len, portee_tr(k->c->lang, fmt), a, x, b, y);
    return true;
}

static bool budget_response(const cap_t *k)
{
    return by_budget(k, BOOST_OUT_INCREMENTAL,
                     "A budget of %s adds %s people to the organic reach on average; %s adds %s. Where the "
                     "curve flattens, more money buys few more people.");
}

static bool boost_cost(const cap_t *k)
{
    return by_budget(k, BOOST_OUT_COST_PER_1000,
                     "At %s, 1,000 more people reached cost %s on average; at %s they cost %s.");
}

static bool boost_frequency(const cap_t *k)
{
    const portee_results_t *r = k->c->results;
    if (!r) return false;
    uint64_t p = 0; /* the largest budget */
    for (uint64_t i = 1; i < r->n_points; i++)
        if (budget(k, i) > budget(k, p)) p = i;
    double once, mean;
    if (!shares_of(k, BOOST_OUT_FREQUENCY, p, &once, &mean)) return false;
    char a[64], b[64], c[64];
    portee_fmt_money(a, sizeof a, budget(k, p), 0, k->c->currency, k->c->lang);
    portee_fmt_pct(b, sizeof b, once, k->c->lang);
    portee_fmt_sig(c, sizeof c, mean, 2, k->c->lang);
    snprintf(k->buf, k->len,
             portee_tr(k->c->lang, "At %s, %s of the people the boost reached saw it once; on average they saw it "
                                   "%s times."),
             a, b, c);
    return true;
}

static bool fit(const cap_t *k)
{
    const portee_fit_t *f = k->c->fit;
    if (!f) return false;
    char n[32], m[64];
    portee_fmt_fixed(n, sizeof n, (double)f->n, 0, k->c->lang);
    portee_fmt_num(m, sizeof m, f->market_size, k->c->lang);
    snprintf(k->buf, k->len,
             portee_tr(k->c->lang, "The dots are the %s observations; the line is the fitted Bass curve, which "
                                   "levels off at %s, and the bands hold half and 90 %% of the forecasts."),
             n, m);
    return true;
}

static bool fit_reach(const cap_t *k)
{
    const portee_reach_fit_t *f = k->c->reach_fit;
    if (!f) return false;
    char n[32];
    portee_fmt_fixed(n, sizeof n, (double)f->posts.n, 0, k->c->lang);
    snprintf(k->buf, k->len,
             portee_tr(k->c->lang, "The page's %s posts against the calibrated model: where the observed points "
                                   "stay inside the bands (half and 90 %% of the simulated posts), the model "
                                   "fits."),
             n);
    return true;
}

/* True of any model chart: the main output's mean and 90 % range. */
static bool generic(const cap_t *k)
{
    const portee_model_t *m = k->c->model;
    if (!m) return false;
    const portee_summary_t *s = row(k, m->main_output, 0);
    if (!s) return false;
    char path[128], a[64], b[64], c[64];
    snprintf(path, sizeof path, "%s.%s", m->name, m->outputs[m->main_output].name);
    val(k, m->main_output, s->mean, a, sizeof a);
    val(k, m->main_output, s->p05, b, sizeof b);
    val(k, m->main_output, s->p95, c, sizeof c);
    snprintf(k->buf, k->len,
             portee_tr(k->c->lang, "For reference, %s: %s on average, 90 %% of the runs between %s and %s."),
             portee_label(path, k->c->lang), a, b, c);
    point0(k);
    return true;
}

static const struct {
    const char *chart;
    bool (*write)(const cap_t *k);
} captions[] = {
    {"reach_distribution", reach_distribution},
    {"hourly_reach", hourly_reach},
    {"weekly_followers", weekly_followers},
    {"weekly_reach", weekly_reach},
    {"cumulative_reach", cumulative_reach},
    {"sweep", sweep},
    {"adoption_curves", adoption_curves},
    {"adoption_times", adoption_times},
    {"cost_of_delay", cost_of_delay},
    {"adoption_sweep", adoption_sweep},
    {"budget_response", budget_response},
    {"boost_cost", boost_cost},
    {"boost_frequency", boost_frequency},
    {"posts_seen", posts_seen},
    {"boost_sweep", boost_sweep},
    {"fit", fit},
    {"fit_reach_posts", fit_reach},
    {"fit_reach_ratio", fit_reach},
    {"fit_reach_size", fit_reach},
};

void portee_caption(const portee_chart_t *ch, const portee_chart_ctx_t *c, char *buf, size_t len)
{
    const cap_t k = {c, buf, len};
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof captions / sizeof *captions; i++)
        if (!strcmp(captions[i].chart, ch->name) && captions[i].write(&k)) return;
    if (!generic(&k)) snprintf(buf, len, "%s", portee_tr(c->lang, "The summary table at the start of the report gives this chart's numbers."));
}
