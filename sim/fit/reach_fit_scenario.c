/* reach_fit_scenario.c — the scenario a reach fit writes: the page's fitted
 * values with their uncertainty as distributions, ready for portee run. */
#include "sim/fit/reach_fit_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/base/tempfile.h"
#include "sim/base/textutil.h"

/* `# text` wrapped at 78 columns. */
static void comment(FILE *o, const char *text)
{
    const char *s = text;
    while (*s) {
        size_t len = strlen(s), cut = len;
        if (len > 76) {
            cut = 76;
            while (cut > 0 && s[cut] != ' ') cut--;
            if (cut == 0) cut = 76;
        }
        fprintf(o, "# %.*s\n", (int)cut, s);
        s += cut;
        while (*s == ' ') s++;
    }
}

/* key: {dist: beta, mean, sd}, or the constant when there is no spread. */
static void beta_line(FILE *o, const char *key, const portee_rf_value_t *v, const char *why)
{
    double m = v->value, sd = v->spread;
    if (m >= 1 || m <= 0 || !(sd > 0)) {
        fprintf(o, "  %s: %.6g%*s# %s\n", key, fmin(fmax(m, 0), 1), 10, "", why);
        return;
    }
    /* a beta needs sd² < m(1 − m); an estimate that uncertain is one in
     * name only, and the file says its sd was cut */
    if (!(sd * sd < 0.25 * m * (1 - m))) {
        const double cut = 0.5 * sqrt(m * (1 - m));
        fprintf(o, "  %s: {dist: beta, mean: %.6g, sd: %.4g}   # %s; sd cut from its standard error %.4g, "
                   "more than a beta of this mean can hold\n",
                key, m, cut, why, sd);
        return;
    }
    fprintf(o, "  %s: {dist: beta, mean: %.6g, sd: %.4g}   # %s\n", key, m, sd, why);
}

static void write_body(FILE *o, const portee_reach_fit_t *f)
{
    const portee_posts_t *p = &f->posts;
    char a[32], b[1200], first[32];
    portee_rf_format_time(first, sizeof first, p, 0);
    portee_rf_format_time(a, sizeof a, p, p->n - 1);
    snprintf(b, sizeof b, "Written by `portee fit reach` (portee %s) from %s: %zu posts, %s to %s.", PORTEE_VERSION,
             f->source, p->n, first, a);
    comment(o, b);
    comment(o, "The page's reach is the fit's: every replicate draws reach_rate and post_variability from "
               "their estimation uncertainty (reach_rate a beta with the estimate's mean and standard error, "
               "post_variability a lognormal whose median is the estimate and whose sigma is the standard "
               "error of ln post_variability), so a forecast carries the estimation error. The two are drawn "
               "independently. Compare the `direct` output with the export's reach (reach less viral).");
    const portee_rf_row_t *ch = portee_rf_row(f, "change", NULL);
    if (f->level == PORTEE_LEVEL_LAST && ch)
        snprintf(b, sizeof b, "reach_rate is the level at the last post (%s), the trend model's: the rate %s by a "
                 "factor %.3g over the %zu posts (trend p %.2g). `portee fit reach --level average` writes the "
                 "average instead.", a, ch->value < 1 ? "fell" : "rose", ch->value < 1 ? 1 / ch->value : ch->value,
                 p->n, f->trend_p);
    else
        snprintf(b, sizeof b, "reach_rate is the average over the period%s.",
                 f->has_trend ? (f->trend_p < 0.05 ? " although the rate drifts (--level average)"
                                                   : ": no significant trend")
                              : "");
    comment(o, b);
    if (f->size_used) {
        snprintf(b, sizeof b, "Size law: the rate of a page of F followers is reach_rate·(F/size_reference)^"
                 "-size_elasticity; size_elasticity is the fit's local elasticity at the last post's followers, "
                 "%.3g (se %.2g, p %.2g against no size law), drawn per replicate from a lognormal with that "
                 "mean and sd (at most 2, the parameter's range).", f->size_elasticity.value, f->size_elasticity.spread, f->size_p);
        comment(o, b);
    }
    snprintf(b, sizeof b, "Cascade: %s.", f->cascade_note ? f->cascade_note : "-");
    comment(o, b);
    const char *base = strrchr(f->source, '/');
    base = base ? base + 1 : f->source;
    fputs("name: ", o);
    snprintf(b, sizeof b, "%s: fitted reach", base);
    portee_yaml_quote(o, b);
    fprintf(o, "\ndescription: >-\n  Reach rate and post variability fitted to %zu posts (%s to %s) by\n"
               "  portee fit reach; the scenario forecasts the next post.\n", p->n, first, a);
    fprintf(o, "seed: %llu\nreplicates: 20000\npage:\n", (unsigned long long)(f->seed ? f->seed : 1));
    if (f->cascade.platform) fprintf(o, "  platform: %s\n", f->cascade.platform);
    fprintf(o, "  followers: %.0f          # at the last post\n", f->followers_last);
    beta_line(o, "reach_rate", &f->reach_rate,
              f->level == PORTEE_LEVEL_LAST ? "fitted: level at the last post" : "fitted: average");
    const portee_rf_value_t *k = &f->post_variability;
    if (k->value == 0)
        fputs("  post_variability: 0       # fitted: no overdispersion (binomial)\n", o);
    else if (k->value >= PORTEE_REACH_FIT_KAPPA_MAX || !(k->spread > 0))
        fprintf(o, "  post_variability: %.6g   # fitted (capped at the parameter's maximum)\n",
                fmin(k->value, PORTEE_REACH_FIT_KAPPA_MAX));
    else
        fprintf(o, "  post_variability: {dist: lognormal, median: %.6g, sigma: %.4g, max: %.0f}   # fitted\n",
                k->value, k->spread, PORTEE_REACH_FIT_KAPPA_MAX);
    if (f->size_elasticity.given) {
        /* a lognormal with the estimate's mean and standard error: positive
         * like the law's elasticity, where a normal cut at 0 would shift
         * the mean up by se·φ/Φ (twice the estimate at e = se/2) */
        const portee_rf_value_t *e = &f->size_elasticity;
        if (e->spread > 0 && e->value > 0) {
            const double cv2 = (e->spread / e->value) * (e->spread / e->value);
            fprintf(o, "  size_elasticity: {dist: lognormal, median: %.4g, sigma: %.4g, max: 2}   # fitted: mean "
                       "%.4g, sd %.4g, local at size_reference\n",
                    e->value / sqrt(1 + cv2), sqrt(log1p(cv2)), e->value, e->spread);
        } else {
            fprintf(o, "  size_elasticity: %.4g   # fitted\n", fmin(fmax(e->value, 0), 2));
        }
        fprintf(o, "  size_reference: %.0f     # the last post's followers: reach_rate is the rate there\n",
                f->followers_last);
    }
    if (f->engagement_rate.given) beta_line(o, "engagement_rate", &f->engagement_rate, "fitted");
    if (isfinite(f->posts_per_week) && f->posts_per_week <= 100)
        fprintf(o, "  posts_per_week: %.4g      # observed\n", f->posts_per_week);
    fputs("reach:\n", o);
    if (f->share_rate.given) beta_line(o, "share_rate", &f->share_rate, "fitted");
    if (f->friend_reach.given) beta_line(o, "friend_reach", &f->friend_reach, "fitted (see Cascade above)");
    fputs("  # horizon_weeks: 12       # a 12-week posting plan at posts_per_week, week by week\n", o);
}

portee_status_t portee_reach_fit_write_scenario(const char *path, const portee_reach_fit_t *f,
                                                portee_error_t *err)
{
    char *tmp;
    int fd;
    const portee_status_t st = portee_temp_open(path, &tmp, &fd, err);
    if (st) return st;
    FILE *o = fdopen(fd, "w");
    if (!o) {
        close(fd);
        unlink(tmp);
        free(tmp);
        return portee_fail(err, PORTEE_EIO, "%s: cannot write", path);
    }
    write_body(o, f);
    if (ferror(o) | fclose(o)) {
        unlink(tmp);
        free(tmp);
        return portee_fail(err, PORTEE_EIO, "%s: write error (disk full?)", path);
    }
    return portee_temp_commit(tmp, path, err);
}

/* Checked before the fit: a folder that can be written, not the post
 * export itself. */
portee_status_t portee_reach_fit_check_path(const char *path, const char *input, const char *option,
                                            portee_error_t *err)
{
    return portee_temp_check(path, input, "post export being fitted", option, err);
}
