/* reach_fit_print.c — a reach fit for people (table, in English or French)
 * and scripts (JSON, never translated). */
#include "sim/fit/reach_fit_internal.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "sim/base/lang.h"
#include "sim/results/json.h"

/* X to SIG significant digits (English as %g writes it, French grouped
 * with a decimal comma). */
static void sig(char *buf, size_t len, double x, int digits, portee_lang_t L)
{
    if (L == PORTEE_LANG_EN) snprintf(buf, len, "%.*g", digits, x);
    else portee_fmt_sig(buf, len, x, digits, L);
}

/* A number for the table: 4 significant digits, ∞, or "-" for none. */
static void num(char *buf, size_t len, double x, portee_lang_t L)
{
    if (isnan(x)) snprintf(buf, len, "-");
    else if (isinf(x)) snprintf(buf, len, "%s", x > 0 ? "∞" : "-∞");
    else if (fabs(x) >= 1e5 && L == PORTEE_LANG_EN) snprintf(buf, len, "%.0f", x);
    else if (fabs(x) >= 1e5) portee_fmt_fixed(buf, len, x, 0, L);
    else sig(buf, len, x, 4, L);
}

static void pvalue(char *buf, size_t len, double p, portee_lang_t L)
{
    if (isnan(p)) snprintf(buf, len, "-");
    else if (p < 1e-16) snprintf(buf, len, L == PORTEE_LANG_EN ? "< 1e-16" : "< 10⁻¹⁶");
    else sig(buf, len, p, 2, L);
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

/* printf into a buffer, then wrapped; the format is passed through
 * portee_tr (the attribute checks the English). */
static void say(FILE *o, portee_lang_t L, size_t first, size_t indent, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void say(FILE *o, portee_lang_t L, size_t first, size_t indent, const char *fmt, ...)
{
    char text[2048];
    va_list ap;
    va_start(ap, fmt);
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
    vsnprintf(text, sizeof text, portee_tr(L, fmt), ap);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
    va_end(ap);
    wrapped(o, first, indent, text);
}

static void group_heading(FILE *o, const portee_reach_fit_t *f, const char *model, portee_lang_t L)
{
    char a[32];
    if (!strcmp(model, "constant")) fputs(portee_tr(L, "  constant rate\n"), o);
    else if (!strcmp(model, "trend")) {
        snprintf(a, sizeof a, "%.2f", f->t_ref);
        if (L == PORTEE_LANG_FR) *strchr(a, '.') = ',';
        fprintf(o, portee_tr(L, "  time trend: logit(reach_rate) = a + b·(t − %s), t in years\n"), a);
    } else if (!strcmp(model, "size")) {
        if (L == PORTEE_LANG_EN) snprintf(a, sizeof a, "%.0f", exp(f->x_ref));
        else portee_fmt_fixed(a, sizeof a, exp(f->x_ref), 0, L);
        fprintf(o, portee_tr(L, "  size law: logit(reach_rate) = a%s + c·ln(F/%s), F the post's followers\n"),
                f->sized.trend ? " + b·t" : "", a);
    } else if (!strcmp(model, "shares")) fputs(portee_tr(L, "  shares: shares ~ Binomial(reach, share_rate)\n"), o);
    else if (!strcmp(model, "viral")) fputs(portee_tr(L, "  viral reach\n"), o);
    else if (!strcmp(model, "engagements"))
        fputs(portee_tr(L, "  engagements: engagements ~ Binomial(reach, engagement_rate)\n"), o);
    else if (!strcmp(model, "posting")) fputs(portee_tr(L, "  posting\n"), o);
    else fprintf(o, "  %s\n", model);
}

/* Columns S takes on a terminal beyond its bytes' count (UTF-8: é, ∞, the
 * narrow no-break space), for printf's widths. */
static int extra(const char *s)
{
    return (int)(strlen(s) - width(s, strlen(s)));
}

static void print_rows(FILE *o, const portee_reach_fit_t *f, portee_lang_t L)
{
    const char *h[4] = {portee_tr(L, "parameter"), portee_tr(L, "estimate"), portee_tr(L, "se"),
                        portee_tr(L, "95 % interval")};
    fprintf(o, "    %-*s %*s %*s  %s\n", 22 + extra(h[0]), h[0], 9 + extra(h[1]), h[1], 8 + extra(h[2]), h[2], h[3]);
    for (size_t i = 0; i < f->n_rows; i++) {
        const portee_rf_row_t *r = &f->row[i];
        if (i == 0 || strcmp(r->model, f->row[i - 1].model)) group_heading(o, f, r->model, L);
        char v[32], se[32], lo[32], hi[32], range[80];
        num(v, sizeof v, r->value, L);
        if (isfinite(r->se)) sig(se, sizeof se, r->se, 2, L);
        else num(se, sizeof se, r->se, L);
        num(lo, sizeof lo, r->lo95, L);
        num(hi, sizeof hi, r->hi95, L);
        snprintf(range, sizeof range, portee_tr(L, "%s to %s"), lo, hi);
        /* ∞ is three bytes for one column */
        const int vpad = 9 + extra(v), rpad = 21 + extra(range), spad = 8 + extra(se);
        /* a scenario's parameter by its key (page.reach_rate, as --set and sweeps name it) */
        char key[48];
        snprintf(key, sizeof key, "%s%s%s", r->section, *r->section ? "." : "", r->name);
        if (*r->note) fprintf(o, "    %-22s %*s %*s  %-*s %s\n", key, vpad, v, spad, se, rpad, range, r->note);
        else fprintf(o, "    %-22s %*s %*s  %s\n", key, vpad, v, spad, se, range);
    }
}

/* The size law's test, or why it was not fitted; and whether the trend and
 * the size law can be told apart (one page growing over time: hardly). */
static void print_size(FILE *o, const portee_reach_fit_t *f, portee_lang_t L)
{
    const double *F = f->posts.count[PORTEE_POSTS_FOLLOWERS];
    double lo = F[0], hi = F[0];
    for (size_t i = 0; i < f->posts.n; i++) {
        lo = fmin(lo, F[i]);
        hi = fmax(hi, F[i]);
    }
    char a[32], b[32];
    if (!f->has_size) {
        if (f->size_chosen) fputs(portee_tr(L, "  size law: not fitted (--no-size-law)\n"), o);
        else {
            sig(a, sizeof a, hi / lo, 3, L);
            sig(b, sizeof b, PORTEE_REACH_FIT_SIZE_SPAN, 6, L);
            say(o, L, 0, 4, "  size law: not fitted: the followers span a factor %s, under %s (--size-law to fit "
                            "it anyway)", a, b);
        }
        return;
    }
    pvalue(a, sizeof a, f->size_p, L);
    sig(b, sizeof b, f->size_lrt, 4, L);
    say(o, L, 0, 4, "  size law: likelihood ratio against the same model without it χ² %s (1 df), p %s: %s%s", b, a,
        portee_tr(L, f->size_p < 0.05 ? "the rate depends on the page's size (5 % level)"
                                      : "no size effect shown at 5 %"),
        portee_tr(L, f->size_rising ? "; but the rate rises with the page's size (a negative elasticity), which the "
                                      "model's size law (0 to 2) does not describe: not in the scenario"
                     : f->size_used ? (f->size_chosen ? "; in the scenario (--size-law)" : "; in the scenario")
                                    : "; not in the scenario (--size-law to put it there)"));
    const portee_bb_fit_t *m = &f->sized;
    if (m->trend) {
        const size_t k = m->k;
        const double corr = m->cov[1 * k + 2] / sqrt(m->cov[1 * k + 1] * m->cov[2 * k + 2]);
        if (L == PORTEE_LANG_EN) snprintf(a, sizeof a, "%.2f", corr);
        else portee_fmt_fixed(a, sizeof a, corr, 2, L);
        if (fabs(corr) > 0.8)
            say(o, L, 0, 4, "    the trend and the size law are confounded (correlation %s): the followers grew "
                            "with time, so the data hardly tell a rate falling over time from one falling with size; "
                            "posts of pages of other sizes would", a);
    }
}

static void print_tests(FILE *o, const portee_reach_fit_t *f, portee_lang_t L)
{
    const portee_posts_t *p = &f->posts;
    char a[32], b[32], c[32], d[32];
    num(a, sizeof a, f->constant.loglik, L);
    fprintf(o, portee_tr(L, "\n  log-likelihood: constant rate %s"), a);
    if (f->has_trend) {
        num(b, sizeof b, f->trend.loglik, L);
        fprintf(o, portee_tr(L, ", trend %s"), b);
    }
    num(a, sizeof a, f->constant_binomial.loglik, L);
    fprintf(o, portee_tr(L, " (binomial: %s"), a);
    if (f->has_trend) {
        num(b, sizeof b, f->trend_binomial.loglik, L);
        fprintf(o, ", %s", b);
    }
    fputs(")\n", o);
    pvalue(a, sizeof a, f->overdispersion_p, L);
    if (f->constant.binomial && isfinite(f->kappa_lower)) {
        sig(b, sizeof b, f->kappa_lower, 4, L);
        say(o, L, 0, 4, "  overdispersion: none found: the likelihood is highest for the binomial (post_variability "
                        "∞, written 0 in a scenario); post_variability is at least %s (one-sided 95 %%, profile "
                        "likelihood)", b);
    } else if (f->constant.binomial)
        fputs(portee_tr(L, "  overdispersion: not fitted (binomial asked for)\n"), o);
    else {
        sig(b, sizeof b, f->overdispersion_lrt, 4, L);
        say(o, L, 0, 4, "  overdispersion: beta-binomial against binomial χ² %s, p %s (half χ²₁, κ = ∞ being a "
                        "boundary): %s", b, a,
            portee_tr(L, f->overdispersion_p < 0.05 ? "posts differ beyond chance" : "no more than chance"));
    }
    if (!f->has_trend) {
        fputs(portee_tr(L, "  trend: not fitted (every post has the same date)\n"), o);
    } else {
        const portee_rf_row_t *ch = portee_rf_row(f, "change", NULL);
        pvalue(a, sizeof a, f->trend_p, L);
        sig(b, sizeof b, f->trend_lrt, 4, L);
        say(o, L, 0, 4, "  trend: likelihood ratio against a constant rate χ² %s (1 df), p %s: %s", b, a,
            portee_tr(L, f->trend_p < 0.05 ? "the rate drifts (5 % level)" : "no drift shown at 5 %"));
        if (ch) {
            const bool fell = ch->value < 1;
            num(a, sizeof a, fell ? 1 / ch->value : ch->value, L);
            num(b, sizeof b, fell ? 1 / ch->hi95 : ch->lo95, L);
            num(c, sizeof c, fell ? 1 / ch->lo95 : ch->hi95, L);
            sig(d, sizeof d, p->year[p->n - 1] - p->year[0], 3, L);
            if (fell)
                say(o, L, 0, 4, "    reach_rate fell by a factor %s (95 %%: %s to %s) from the first post to the last "
                                "(%s years)", a, b, c, d);
            else
                say(o, L, 0, 4, "    reach_rate rose by a factor %s (95 %%: %s to %s) from the first post to the last "
                                "(%s years)", a, b, c, d);
        }
    }
    print_size(o, f, L);
    say(o, L, 0, 4, "  cascade: %s", f->cascade_note ? f->cascade_note : "-");
    if (isfinite(f->impressions_per_reach)) {
        sig(a, sizeof a, f->impressions_per_reach, 4, L);
        say(o, L, 0, 4, "  impressions: %s per person reached (the model has no parameter for it)", a);
    }
}

static void print_check(FILE *o, const portee_reach_fit_t *f, portee_lang_t L)
{
    char a[32], b[32], c[32], d[32];
    fprintf(o, portee_tr(L, "\n  goodness of fit of the %s model (%llu draws of the parameters, seed %llu)\n"),
            portee_tr(L, model_name(f)), (unsigned long long)f->draws, (unsigned long long)f->seed);
    const char *h[4] = {portee_tr(L, "direct reach / followers"), portee_tr(L, "observed"),
                        portee_tr(L, "simulated"), portee_tr(L, "90 % of draws")};
    fprintf(o, "  %-*s %*s %*s   %s\n", 26 + extra(h[0]), h[0], 10 + extra(h[1]), h[1], 10 + extra(h[2]), h[2], h[3]);
    const portee_summary_t *s[2] = {&f->sim_mean, &f->sim_sd};
    const double obs[2] = {f->obs_mean, f->obs_sd};
    for (int i = 0; i < 2; i++) {
        num(a, sizeof a, obs[i], L);
        num(b, sizeof b, s[i]->p50, L);
        num(c, sizeof c, s[i]->p05, L);
        num(d, sizeof d, s[i]->p95, L);
        const char *row = portee_tr(L, i ? "sd over the posts" : "mean over the posts");
        fprintf(o, "  %-*s %*s %*s   ", 26 + extra(row), row, 10 + extra(a), a, 10 + extra(b), b);
        fprintf(o, portee_tr(L, "%s to %s"), c, d);
        fputc('\n', o);
    }
    pvalue(a, sizeof a, f->chi2_p, L);
    fprintf(o, portee_tr(L, "  each post's place in its own predictive distribution (mid-PIT), posts in %zu\n"
                            "  equal bins:"), f->bins);
    for (size_t i = 0; i < f->bins; i++) fprintf(o, " %llu", (unsigned long long)f->pit_observed[i]);
    fputc('\n', o);
    sig(b, sizeof b, f->chi2, 4, L);
    say(o, L, 0, 4, "  chi-square %s, posterior-predictive p %s%s", b, a,
        f->chi2_p < 0.05 ? portee_tr(L, ": the model misses how the posts spread (see the charts)") : "");
}

static void print_table(FILE *o, const portee_reach_fit_t *f, portee_lang_t L)
{
    const portee_posts_t *p = &f->posts;
    char a[32], b[32], lo[32], hi[32];
    portee_rf_format_time(a, sizeof a, p, 0);
    portee_rf_format_time(b, sizeof b, p, p->n - 1);
    const double *F = p->count[PORTEE_POSTS_FOLLOWERS];
    double fmin_ = F[0], fmax_ = F[0];
    for (size_t i = 0; i < p->n; i++) {
        fmin_ = fmin(fmin_, F[i]);
        fmax_ = fmax(fmax_, F[i]);
    }
    if (L == PORTEE_LANG_EN) {
        snprintf(lo, sizeof lo, "%.0f", fmin_);
        snprintf(hi, sizeof hi, "%.0f", fmax_);
    } else {
        portee_fmt_fixed(lo, sizeof lo, fmin_, 0, L);
        portee_fmt_fixed(hi, sizeof hi, fmax_, 0, L);
    }
    say(o, L, 0, 2, "reach fit of %s: %zu posts, %s to %s, followers %s to %s", f->source, p->n, a, b, lo, hi);
    char cols[1024] = "";
    for (size_t c = 0; c < PORTEE_POSTS_NCOLUMNS; c++)
        if (p->column[c])
            snprintf(cols + strlen(cols), sizeof cols - strlen(cols), "%s%s '%s'", *cols ? ", " : "",
                     column_keys[c], p->column[c]);
    say(o, L, 0, 4, "  columns: %s", cols);
    say(o, L, 0, 2, "  direct reach (%s) given followers: beta-binomial, maximum likelihood (GSL BFGS, analytic "
                    "gradient); 95 %% intervals on the logit or log scale, back-transformed",
        portee_tr(L, p->count[PORTEE_POSTS_VIRAL] ? "reach − viral" : "reach"));
    fputc('\n', o);
    print_rows(o, f, L);
    print_tests(o, f, L);
    if (f->draws) print_check(o, f, L);
    fprintf(o, portee_tr(L, "  posts used: %zu\n"), p->n);
    const bool last = f->level == PORTEE_LEVEL_LAST;
    fputc('\n', o);
    say(o, L, 0, 2, "  a scenario (--write-scenario) takes reach_rate %s%s%s",
        portee_tr(L, last ? "at the last post" : "as the average"),
        portee_tr(L, f->level_chosen ? " (--level)"
                     : !f->has_trend ? " (no trend fitted)"
                     : last          ? ": the trend is significant at 5 % (--level average for the average)"
                                     : ": no significant trend (--level last for the level at the last post)"),
        f->size_used ? portee_tr(L, "; with size_elasticity, at size_reference the last post's followers") : "");
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

portee_status_t portee_reach_fit_print(FILE *out, const portee_reach_fit_t *f, portee_format_t format,
                                       portee_lang_t lang)
{
    if (format == PORTEE_FORMAT_JSON) return portee_json_print(out, json_document(f));
    print_table(out, f, lang);
    return PORTEE_OK;
}
