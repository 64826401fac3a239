/* reach_fit_print.c — a reach fit for people (table) and scripts (JSON). */
#include "sim/fit/reach_fit_internal.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "sim/results/json.h"

/* A number for the table: 4 significant digits, ∞, or "-" for none. */
static void num(char *buf, size_t len, double x)
{
    if (isnan(x)) snprintf(buf, len, "-");
    else if (isinf(x)) snprintf(buf, len, "%s", x > 0 ? "∞" : "-∞");
    else if (fabs(x) >= 1e5) snprintf(buf, len, "%.0f", x);
    else snprintf(buf, len, "%.4g", x);
}

static void pvalue(char *buf, size_t len, double p)
{
    if (isnan(p)) snprintf(buf, len, "-");
    else if (p < 1e-16) snprintf(buf, len, "< 1e-16");
    else snprintf(buf, len, "%.2g", p);
}

static const char *const column_keys[PORTEE_POSTS_NCOLUMNS] = {
    "date", "followers", "reach", "viral", "shares", "engagements", "impressions"};

static const char *model_name(const portee_reach_fit_t *f)
{
    if (f->size_used) return f->level == PORTEE_LEVEL_LAST ? "trend and size law" : "size law";
    return f->level == PORTEE_LEVEL_LAST ? "trend" : "constant rate";
}

/* Characters (not UTF-8 bytes) of s[0..n). */
static size_t width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

/* text wrapped at 86 columns: the first line after `first` columns already
 * printed, the next ones indented by `indent`. */
static void wrapped(FILE *o, size_t first, size_t indent, const char *text)
{
    const size_t cols = 86;
    size_t at = first;
    const char *s = text;
    while (*s) {
        const size_t room = cols > at ? cols - at : 1;
        size_t cut = strlen(s);
        if (width(s, cut) > room) {
            size_t last = 0;
            for (size_t i = 0; s[i] && width(s, i) <= room; i++)
                if (s[i] == ' ') last = i;
            cut = last ? last : strcspn(s, " ");
        }
        fprintf(o, "%.*s\n", (int)cut, s);
        s += cut;
        while (*s == ' ') s++;
        if (*s) fprintf(o, "%*s", (int)indent, "");
        at = indent;
    }
}

/* printf into a buffer, then wrapped */
static void say(FILE *o, size_t first, size_t indent, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void say(FILE *o, size_t first, size_t indent, const char *fmt, ...)
{
    char text[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    wrapped(o, first, indent, text);
}

static void group_heading(FILE *o, const portee_reach_fit_t *f, const char *model)
{
    if (!strcmp(model, "constant")) fputs("  constant rate\n", o);
    else if (!strcmp(model, "trend"))
        fprintf(o, "  time trend: logit(reach_rate) = a + b·(t − %.2f), t in years\n", f->t_ref);
    else if (!strcmp(model, "size"))
        fprintf(o, "  size law: logit(reach_rate) = a%s + c·ln(F/%.0f), F the post's followers\n",
                f->sized.trend ? " + b·t" : "", exp(f->x_ref));
    else if (!strcmp(model, "shares")) fputs("  shares: shares ~ Binomial(reach, share_rate)\n", o);
    else if (!strcmp(model, "viral")) fputs("  viral reach\n", o);
    else if (!strcmp(model, "engagements"))
        fputs("  engagements: engagements ~ Binomial(reach, engagement_rate)\n", o);
    else if (!strcmp(model, "posting")) fputs("  posting\n", o);
    else fprintf(o, "  %s\n", model);
}

static void print_rows(FILE *o, const portee_reach_fit_t *f)
{
    fprintf(o, "    %-22s %9s %8s  %s\n", "parameter", "estimate", "se", "95 % interval");
    for (size_t i = 0; i < f->n_rows; i++) {
        const portee_rf_row_t *r = &f->row[i];
        if (i == 0 || strcmp(r->model, f->row[i - 1].model)) group_heading(o, f, r->model);
        char v[32], se[32], lo[32], hi[32], range[80];
        num(v, sizeof v, r->value);
        if (isfinite(r->se)) snprintf(se, sizeof se, "%.2g", r->se);
        else num(se, sizeof se, r->se);
        num(lo, sizeof lo, r->lo95);
        num(hi, sizeof hi, r->hi95);
        snprintf(range, sizeof range, "%s to %s", lo, hi);
        /* ∞ is three bytes for one column */
        const int vpad = 9 + 2 * (strstr(v, "∞") != NULL), rpad = 21 + 2 * (strstr(range, "∞") != NULL);
        /* a scenario's parameter by its key (page.reach_rate, as --set and sweeps name it) */
        char key[48];
        snprintf(key, sizeof key, "%s%s%s", r->section, *r->section ? "." : "", r->name);
        if (*r->note) fprintf(o, "    %-22s %*s %8s  %-*s %s\n", key, vpad, v, se, rpad, range, r->note);
        else fprintf(o, "    %-22s %*s %8s  %s\n", key, vpad, v, se, range);
    }
}

/* The size law's test, or why it was not fitted; and whether the trend and
 * the size law can be told apart (one page growing over time: hardly). */
static void print_size(FILE *o, const portee_reach_fit_t *f)
{
    const double *F = f->posts.count[PORTEE_POSTS_FOLLOWERS];
    double lo = F[0], hi = F[0];
    for (size_t i = 0; i < f->posts.n; i++) {
        lo = fmin(lo, F[i]);
        hi = fmax(hi, F[i]);
    }
    if (!f->has_size) {
        if (f->size_chosen) fputs("  size law: not fitted (--no-size-law)\n", o);
        else
            say(o, 0, 4, "  size law: not fitted: the followers span a factor %.3g, under %g (--size-law to fit "
                         "it anyway)", hi / lo, PORTEE_REACH_FIT_SIZE_SPAN);
        return;
    }
    char a[32];
    pvalue(a, sizeof a, f->size_p);
    say(o, 0, 4, "  size law: likelihood ratio against the same model without it χ² %.4g (1 df), p %s: %s%s",
        f->size_lrt, a, f->size_p < 0.05 ? "the rate depends on the page's size (5 % level)"
                                          : "no size effect shown at 5 %",
        f->size_rising ? "; but the rate rises with the page's size (a negative elasticity), which the "
                         "model's size law (0 to 2) does not describe: not in the scenario"
        : f->size_used ? (f->size_chosen ? "; in the scenario (--size-law)" : "; in the scenario")
                       : "; not in the scenario (--size-law to put it there)");
    const portee_bb_fit_t *m = &f->sized;
    if (m->trend) {
        const size_t k = m->k;
        const double corr = m->cov[1 * k + 2] / sqrt(m->cov[1 * k + 1] * m->cov[2 * k + 2]);
        if (fabs(corr) > 0.8)
            say(o, 0, 4, "    the trend and the size law are confounded (correlation %.2f): the followers grew "
                         "with time, so the data hardly tell a rate falling over time from one falling with size; "
                         "posts of pages of other sizes would", corr);
    }
}

static void print_tests(FILE *o, const portee_reach_fit_t *f)
{
    const portee_posts_t *p = &f->posts;
    char a[32], b[32], c[32];
    num(a, sizeof a, f->constant.loglik);
    fprintf(o, "\n  log-likelihood: constant rate %s", a);
    if (f->has_trend) {
        num(b, sizeof b, f->trend.loglik);
        fprintf(o, ", trend %s", b);
    }
    num(a, sizeof a, f->constant_binomial.loglik);
    fprintf(o, " (binomial: %s", a);
    if (f->has_trend) {
        num(b, sizeof b, f->trend_binomial.loglik);
        fprintf(o, ", %s", b);
    }
    fputs(")\n", o);
    pvalue(a, sizeof a, f->overdispersion_p);
    if (f->constant.binomial && isfinite(f->kappa_lower))
        say(o, 0, 4, "  overdispersion: none found: the likelihood is highest for the binomial (post_variability "
                     "∞, written 0 in a scenario); post_variability is at least %.4g (one-sided 95 %%, profile "
                     "likelihood)", f->kappa_lower);
    else if (f->constant.binomial)
        fputs("  overdispersion: not fitted (binomial asked for)\n", o);
    else
        say(o, 0, 4, "  overdispersion: beta-binomial against binomial χ² %.4g, p %s (half χ²₁, κ = ∞ being a "
                     "boundary): %s", f->overdispersion_lrt, a,
            f->overdispersion_p < 0.05 ? "posts differ beyond chance" : "no more than chance");
    if (!f->has_trend) {
        fputs("  trend: not fitted (every post has the same date)\n", o);
    } else {
        const portee_rf_row_t *ch = portee_rf_row(f, "change", NULL);
        pvalue(a, sizeof a, f->trend_p);
        say(o, 0, 4, "  trend: likelihood ratio against a constant rate χ² %.4g (1 df), p %s: %s", f->trend_lrt, a,
            f->trend_p < 0.05 ? "the rate drifts (5 % level)" : "no drift shown at 5 %");
        if (ch) {
            const bool fell = ch->value < 1;
            num(a, sizeof a, fell ? 1 / ch->value : ch->value);
            num(b, sizeof b, fell ? 1 / ch->hi95 : ch->lo95);
            num(c, sizeof c, fell ? 1 / ch->lo95 : ch->hi95);
            say(o, 0, 4, "    reach_rate %s by a factor %s (95 %%: %s to %s) from the first post to the last "
                         "(%.3g years)", fell ? "fell" : "rose", a, b, c, p->year[p->n - 1] - p->year[0]);
        }
    }
    print_size(o, f);
    say(o, 0, 4, "  cascade: %s", f->cascade_note ? f->cascade_note : "-");
    if (isfinite(f->impressions_per_reach))
        say(o, 0, 4, "  impressions: %.4g per person reached (the model has no parameter for it)",
            f->impressions_per_reach);
}

static void print_check(FILE *o, const portee_reach_fit_t *f)
{
    char a[32], b[32], c[32], d[32];
    fprintf(o, "\n  goodness of fit of the %s model (%llu draws of the parameters, seed %llu)\n", model_name(f),
            (unsigned long long)f->draws, (unsigned long long)f->seed);
    fprintf(o, "  %-26s %10s %10s   %s\n", "direct reach / followers", "observed", "simulated", "90 % of draws");
    const portee_summary_t *s[2] = {&f->sim_mean, &f->sim_sd};
    const double obs[2] = {f->obs_mean, f->obs_sd};
    for (int i = 0; i < 2; i++) {
        num(a, sizeof a, obs[i]);
        num(b, sizeof b, s[i]->p50);
        num(c, sizeof c, s[i]->p05);
        num(d, sizeof d, s[i]->p95);
        fprintf(o, "  %-26s %10s %10s   %s to %s\n", i ? "sd over the posts" : "mean over the posts", a, b, c, d);
    }
    pvalue(a, sizeof a, f->chi2_p);
    fprintf(o, "  each post's place in its own predictive distribution (mid-PIT), posts in %zu\n"
               "  equal bins:", f->bins);
    for (size_t i = 0; i < f->bins; i++) fprintf(o, " %llu", (unsigned long long)f->pit_observed[i]);
    fputc('\n', o);
    say(o, 0, 4, "  chi-square %.4g, posterior-predictive p %s%s", f->chi2, a,
        f->chi2_p < 0.05 ? ": the model misses how the posts spread (see the charts)" : "");
}

static void print_table(FILE *o, const portee_reach_fit_t *f)
{
    const portee_posts_t *p = &f->posts;
    char a[32], b[32];
    portee_rf_format_time(a, sizeof a, p, 0);
    portee_rf_format_time(b, sizeof b, p, p->n - 1);
    const double *F = p->count[PORTEE_POSTS_FOLLOWERS];
    double fmin_ = F[0], fmax_ = F[0];
    for (size_t i = 0; i < p->n; i++) {
        fmin_ = fmin(fmin_, F[i]);
        fmax_ = fmax(fmax_, F[i]);
    }
    say(o, 0, 2, "reach fit of %s: %zu posts, %s to %s, followers %.0f to %.0f", f->source, p->n, a, b, fmin_,
        fmax_);
    char cols[1024] = "";
    for (size_t c = 0; c < PORTEE_POSTS_NCOLUMNS; c++)
        if (p->column[c])
            snprintf(cols + strlen(cols), sizeof cols - strlen(cols), "%s%s '%s'", *cols ? ", " : "",
                     column_keys[c], p->column[c]);
    say(o, 0, 4, "  columns: %s", cols);
    say(o, 0, 2, "  direct reach (%s) given followers: beta-binomial, maximum likelihood (GSL BFGS, analytic "
                 "gradient); 95 %% intervals on the logit or log scale, back-transformed",
        p->count[PORTEE_POSTS_VIRAL] ? "reach − viral" : "reach");
    fputc('\n', o);
    print_rows(o, f);
    print_tests(o, f);
    if (f->draws) print_check(o, f);
    fprintf(o, "  posts used: %zu\n", p->n);
    const bool last = f->level == PORTEE_LEVEL_LAST;
    fputc('\n', o);
    say(o, 0, 2, "  a scenario (--write-scenario) takes reach_rate %s%s%s", last ? "at the last post" : "as the average",
        f->level_chosen ? " (--level)"
        : !f->has_trend ? " (no trend fitted)"
        : last          ? ": the trend is significant at 5 % (--level average for the average)"
                        : ": no significant trend (--level last for the level at the last post)",
        f->size_used ? "; with size_elasticity, at size_reference the last post's followers" : "");
}

/* ---- JSON ---- */

static json_t *json_row(const portee_rf_row_t *r)
{
    json_t *o = json_object();
    bool ok = portee_json_put(o, "name", portee_json_string(r->name)) &&
              portee_json_put(o, "section", portee_json_string(r->section)) &&
              portee_json_put(o, "model", portee_json_string(r->model)) &&
              portee_json_put(o, "note", portee_json_string(r->note)) &&
              portee_json_put(o, "value", portee_json_number(r->value)) &&
              portee_json_put(o, "se", portee_json_number(r->se)) &&
              portee_json_put(o, "lo95", portee_json_number(r->lo95)) &&
              portee_json_put(o, "hi95", portee_json_number(r->hi95));
    return portee_json_done(o, ok);
}

static json_t *json_fit(const portee_bb_fit_t *b)
{
    json_t *o = json_object(), *th = json_array(), *cov = json_array();
    bool ok = portee_json_put(o, "binomial", json_boolean(b->binomial)) &&
              portee_json_put(o, "trend", json_boolean(b->trend)) && portee_json_put(o, "size", json_boolean(b->size)) &&
              portee_json_put(o, "loglik", portee_json_number(b->loglik)) &&
              portee_json_put(o, "theta", json_incref(th)) && portee_json_put(o, "covariance", json_incref(cov));
    for (size_t i = 0; i < b->k && ok; i++) ok = portee_json_add(th, portee_json_number(b->theta[i]));
    for (size_t i = 0; i < b->k * b->k && ok; i++) ok = portee_json_add(cov, portee_json_number(b->cov[i]));
    json_decref(th);
    json_decref(cov);
    return portee_json_done(o, ok);
}

static json_t *json_value(const portee_rf_value_t *v, const char *spread)
{
    if (!v->given) return json_null();
    json_t *o = json_object();
    bool ok = portee_json_put(o, "value", portee_json_number(v->value)) &&
              portee_json_put(o, spread, portee_json_number(v->spread));
    return portee_json_done(o, ok);
}

static json_t *json_check(const portee_reach_fit_t *f)
{
    json_t *o = json_object(), *pit = json_array(), *hist = json_array();
    bool ok = portee_json_put(o, "seed", portee_json_count(f->seed)) &&
              portee_json_put(o, "draws", portee_json_count(f->draws)) &&
              portee_json_put(o, "chi2", portee_json_number(f->chi2)) &&
              portee_json_put(o, "p", portee_json_number(f->chi2_p)) &&
              portee_json_put(o, "observed_mean", portee_json_number(f->obs_mean)) &&
              portee_json_put(o, "observed_sd", portee_json_number(f->obs_sd)) &&
              portee_json_put(o, "simulated_mean", portee_json_summary(&f->sim_mean)) &&
              portee_json_put(o, "simulated_sd", portee_json_summary(&f->sim_sd)) &&
              portee_json_put(o, "pit_observed", json_incref(pit)) && portee_json_put(o, "histogram", json_incref(hist));
    for (size_t b = 0; b < f->bins && ok; b++) ok = portee_json_add(pit, portee_json_count(f->pit_observed[b]));
    for (size_t b = 0; b < f->hist_bins && ok; b++) {
        json_t *row = json_object();
        ok = portee_json_add(hist, json_incref(row)) &&
             portee_json_put(row, "from", portee_json_number(f->hist_edges[b])) &&
             portee_json_put(row, "to", portee_json_number(b + 1 < f->hist_bins ? f->hist_edges[b + 1] : INFINITY)) &&
             portee_json_put(row, "observed", portee_json_number(f->hist_observed[b])) &&
             portee_json_put(row, "simulated", portee_json_summary(&f->hist_sim[b]));
        json_decref(row);
    }
    json_decref(pit);
    json_decref(hist);
    return portee_json_done(o, ok);
}

static json_t *json_posts(const portee_reach_fit_t *f)
{
    const portee_posts_t *p = &f->posts;
    json_t *a = json_array();
    bool ok = a != NULL;
    for (size_t i = 0; i < p->n && ok; i++) {
        json_t *row = json_object();
        char t[32];
        portee_rf_format_time(t, sizeof t, p, i);
        ok = portee_json_add(a, json_incref(row)) && portee_json_put(row, "date", portee_json_string(t)) &&
             portee_json_put(row, "year", portee_json_number(p->year[i]));
        for (size_t c = PORTEE_POSTS_FOLLOWERS; c < PORTEE_POSTS_NCOLUMNS && ok; c++)
            if (p->count[c]) ok = portee_json_put(row, column_keys[c], portee_json_number(p->count[c][i]));
        if (ok && f->rate) ok = portee_json_put(row, "fitted_rate", portee_json_number(f->rate[i]));
        if (ok && f->band) ok = portee_json_put(row, "predicted", portee_json_summary(&f->band[i]));
        json_decref(row);
    }
    return portee_json_done(a, ok);
}

static json_t *json_document(const portee_reach_fit_t *f)
{
    json_t *o = json_object(), *rows = json_array(), *cols = json_object(), *sc = json_object();
    bool ok = portee_json_put(o, "kind", portee_json_string("fit")) &&
              portee_json_put(o, "model", portee_json_string("reach")) &&
              portee_json_put(o, "source", portee_json_string(f->source)) &&
              portee_json_put(o, "posts_used", portee_json_count(f->posts.n)) &&
              portee_json_put(o, "columns", json_incref(cols)) && portee_json_put(o, "estimates", json_incref(rows)) &&
              portee_json_put(o, "constant", json_fit(&f->constant)) &&
              portee_json_put(o, "constant_binomial", json_fit(&f->constant_binomial)) &&
              portee_json_put(o, "t_ref", portee_json_number(f->t_ref)) &&
              portee_json_put(o, "x_ref", portee_json_number(f->x_ref)) &&
              portee_json_put(o, "overdispersion_lrt", portee_json_number(f->overdispersion_lrt)) &&
              portee_json_put(o, "overdispersion_p", portee_json_number(f->overdispersion_p)) &&
              portee_json_put(o, "kappa_lower", portee_json_number(f->kappa_lower)) &&
              portee_json_put(o, "cascade", portee_json_string(f->cascade_note)) &&
              portee_json_put(o, "impressions_per_reach", portee_json_number(f->impressions_per_reach)) &&
              portee_json_put(o, "level", portee_json_string(f->level == PORTEE_LEVEL_LAST ? "last" : "average")) &&
              portee_json_put(o, "level_chosen", json_boolean(f->level_chosen)) &&
              portee_json_put(o, "scenario", json_incref(sc));
    if (ok && f->has_size)
        ok = portee_json_put(o, "sized", json_fit(&f->sized)) &&
             portee_json_put(o, "sized_binomial", json_fit(&f->sized_binomial)) &&
             portee_json_put(o, "size_lrt", portee_json_number(f->size_lrt)) &&
             portee_json_put(o, "size_p", portee_json_number(f->size_p)) &&
             portee_json_put(o, "size_used", json_boolean(f->size_used));
    if (ok && f->has_trend)
        ok = portee_json_put(o, "trend", json_fit(&f->trend)) &&
             portee_json_put(o, "trend_binomial", json_fit(&f->trend_binomial)) &&
             portee_json_put(o, "trend_lrt", portee_json_number(f->trend_lrt)) &&
             portee_json_put(o, "trend_p", portee_json_number(f->trend_p));
    for (size_t c = 0; c < PORTEE_POSTS_NCOLUMNS && ok; c++)
        if (f->posts.column[c]) ok = portee_json_put(cols, column_keys[c], portee_json_string(f->posts.column[c]));
    for (size_t i = 0; i < f->n_rows && ok; i++) ok = portee_json_add(rows, json_row(&f->row[i]));
    ok = ok && portee_json_put(sc, "followers", portee_json_number(f->followers_last)) &&
         portee_json_put(sc, "reach_rate", json_value(&f->reach_rate, "sd")) &&
         portee_json_put(sc, "post_variability", json_value(&f->post_variability, "sigma_log")) &&
         portee_json_put(sc, "share_rate", json_value(&f->share_rate, "sd")) &&
         portee_json_put(sc, "friend_reach", json_value(&f->friend_reach, "sd")) &&
         portee_json_put(sc, "engagement_rate", json_value(&f->engagement_rate, "sd")) &&
         portee_json_put(sc, "size_elasticity", json_value(&f->size_elasticity, "sd")) &&
         portee_json_put(sc, "size_reference", f->size_elasticity.given ? portee_json_number(f->followers_last)
                                                                         : json_null()) &&
         portee_json_put(sc, "posts_per_week", portee_json_number(f->posts_per_week));
    if (ok && f->draws) ok = portee_json_put(o, "check", json_check(f));
    ok = ok && portee_json_put(o, "posts", json_posts(f));
    json_decref(rows);
    json_decref(cols);
    json_decref(sc);
    return portee_json_done(o, ok);
}

portee_status_t portee_reach_fit_print(FILE *out, const portee_reach_fit_t *f, portee_format_t format)
{
    if (format == PORTEE_FORMAT_JSON) return portee_json_print(out, json_document(f));
    print_table(out, f);
    return PORTEE_OK;
}
