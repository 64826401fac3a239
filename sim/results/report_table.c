/* report_table.c — the terminal table of a results file (report.h): the
 * whole table, or one compact row per sweep point. */
#include "sim/results/report_internal.h"

#include <math.h>
#include <string.h>

#include "sim/results/labels.h"
#include "sim/scenario/scenario.h"

#define DASH "\xe2\x80\x93" /* U+2013, between the ends of a range */

const char *portee_report_axis_unit(const portee_registry_t *reg, const char *path)
{
    const char *dot = path ? strchr(path, '.') : NULL;
    if (!reg || !dot) return NULL;
    const size_t lm = (size_t)(dot - path);
    if (lm == 4 && !strncmp(path, "page", 4)) {
        const int k = portee_registry_page_index(reg, dot + 1);
        return k >= 0 ? reg->page[k].unit : NULL;
    }
    for (size_t m = 0; m < reg->n_models; m++) {
        const portee_model_t *mo = reg->models[m];
        if (strlen(mo->name) != lm || strncmp(mo->name, path, lm)) continue;
        const int k = portee_model_param_index(mo, dot + 1);
        return k >= 0 ? mo->params[k].unit : NULL;
    }
    return NULL;
}

const portee_output_def_t *portee_report_output_def(const portee_registry_t *reg, const char *model,
                                                    const char *output)
{
    const portee_model_t *mo = reg && model ? portee_registry_lookup(reg, model) : NULL;
    for (size_t o = 0; mo && o < mo->n_outputs; o++)
        if (!strcmp(mo->outputs[o].name, output)) return &mo->outputs[o];
    return NULL;
}

/* Display width of UTF-8 text: its characters (the table has no wide ones). */
static int width(const char *s)
{
    int w = 0;
    for (; s && *s; s++) w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* S in a column W wide, right-aligned (right) or left. */
static void pad(FILE *f, const char *s, int w, bool right)
{
    const int n = w - width(s);
    if (right)
        for (int i = 0; i < n; i++) fputc(' ', f);
    fputs(s, f);
    if (!right)
        for (int i = 0; i < n; i++) fputc(' ', f);
}

void portee_report_cell(char *buf, size_t len, double v, portee_report_cell_t kind, const char *unit,
                        portee_lang_t lang)
{
    const bool share = portee_unit_kind(unit) == PORTEE_UNIT_SHARE;
    if (isnan(v)) {
        snprintf(buf, len, "-");
    } else if (kind == PORTEE_CELL_SE) { /* 2 significant digits, always the same way */
        char n[48];
        portee_fmt_sig(n, sizeof n, share ? 100 * v : v, 2, lang);
        snprintf(buf, len, share ? "%s %%" : "%s", n);
    } else if (share) {
        portee_fmt_pct(buf, len, v, lang);
    } else if (kind == PORTEE_CELL_WHOLE) { /* a quantile of whole numbers, interpolated */
        portee_fmt_fixed(buf, len, round(v), 0, lang);
    } else {
        portee_fmt_num(buf, len, v, lang);
    }
}

/* The unit column: "people", "%", "$"; the stored unit when labels do not know it. */
static void unit_cell(char *buf, size_t len, const char *unit, const char *currency, portee_lang_t lang)
{
    if (!unit) {
        buf[0] = '\0';
        return;
    }
    if (portee_unit_known(unit)) portee_unit_text(buf, len, unit, currency, lang);
    else snprintf(buf, len, "%s", unit);
}

/* "followers 5,000, organic reach rate 4.8 %" */
static void point_values(char *buf, size_t len, const portee_results_t *r, const portee_report_opts_t *o,
                         uint64_t p)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t a = 0; a < r->n_axes && used < len; a++) {
        char v[160];
        portee_label_value(v, sizeof v, r->axes[a], portee_report_axis_unit(o->reg, r->axes[a]),
                           r->axis_values[p * r->n_axes + a], r->currency, o->lang);
        used += (size_t)snprintf(buf + used, len - used, "%s%s", a ? ", " : "", v);
    }
}

/* False for a point an interrupted run or a shard left out (its n is 0). */
static bool point_in(const portee_results_model_t *rm, uint64_t p)
{
    if (rm->n_outputs) return rm->outputs[0].rows[p].n > 0;
    if (rm->n_series) return rm->series[0].rows[p * rm->series[0].n_steps].n > 0;
    return true;
}

bool portee_report_output_is(const char *model, const char *name, const char *want, portee_lang_t lang)
{
    if (!want) return true;
    const size_t lm = strlen(model);
    if (!strcmp(name, want) || (!strncmp(want, model, lm) && want[lm] == '.' && !strcmp(want + lm + 1, name)))
        return true;
    char path[160];
    snprintf(path, sizeof path, "%s.%s", model, name);
    return !strcmp(portee_label(path, lang), want) || !strcmp(portee_label(path, PORTEE_LANG_EN), want);
}

/* What a partial file holds, and how to complete it. */
static void print_partial(FILE *f, const portee_results_t *r, portee_lang_t L)
{
    const unsigned long long done = r->points_done, all = r->n_points;
    if (r->shard_count)
        fprintf(f, portee_tr(L, "  shard %llu/%llu of the sweep: %llu of its %llu points%s (%llu in the whole "
                                "sweep); join the parts with portee merge\n"),
                (unsigned long long)r->shard_index, (unsigned long long)r->shard_count, done,
                (unsigned long long)portee_results_wanted(r), r->complete ? "" : portee_tr(L, ", INCOMPLETE"),
                all);
    else if (!r->complete)
        fprintf(f, portee_tr(L, "  INCOMPLETE (interrupted): %llu of %llu points; finish it with the same "
                                "portee run command and --resume\n"),
                done, all);
}

/* The warnings the models ask for (portee_output_def_t.warn_at), a few
 * points each: an alarm must not stay hidden in a column of the table. */
#define WARN_POINTS 10
static void print_warnings(FILE *f, const portee_results_t *r, portee_lang_t L)
{
    bool any = false;
    for (size_t m = 0; m < r->n_models; m++) {
        const portee_results_model_t *rm = &r->models[m];
        for (size_t o = 0; o < rm->n_outputs; o++) {
            const portee_results_output_t *ro = &rm->outputs[o];
            if (!ro->def || !ro->def->warn || !(ro->def->warn_at > 0)) continue;
            uint64_t hits = 0;
            char path[160];
            snprintf(path, sizeof path, "%s.%s", rm->name, ro->name);
            for (uint64_t p = 0; p < r->n_points; p++) {
                const portee_summary_t *s = &ro->rows[p];
                if (s->n == 0 || !(s->mean >= ro->def->warn_at || s->p95 >= ro->def->warn_at)) continue;
                if (++hits > WARN_POINTS) continue;
                char mean[48], p95[48];
                portee_report_cell(mean, sizeof mean, s->mean, PORTEE_CELL_MEAN, ro->units, L);
                portee_report_cell(p95, sizeof p95, s->p95, PORTEE_CELL_MEAN, ro->units, L);
                fprintf(f, "%s%s %s", any ? "" : "\n", portee_tr(L, "warning:"), rm->name);
                any = true;
                if (r->n_axes) fprintf(f, portee_tr(L, " point %llu"), (unsigned long long)p);
                fprintf(f, portee_tr(L, ": %s mean %s, 95 %% quantile %s: %s\n"), portee_label(path, L), mean,
                        p95, ro->def->warn);
            }
            if (hits > WARN_POINTS)
                fprintf(f, portee_tr(L, "warning: %s: the same for %llu more points (portee info --format csv "
                                        "lists them)\n"),
                        rm->name, (unsigned long long)(hits - WARN_POINTS));
        }
    }
}

static void print_head(FILE *f, const portee_results_t *r, portee_lang_t L)
{
    char reps[48], points[48], time[48];
    portee_fmt_fixed(reps, sizeof reps, (double)r->replicates, 0, L);
    portee_fmt_fixed(points, sizeof points, (double)r->n_points, 0, L);
    portee_fmt_fixed(time, sizeof time, r->wall_time, 2, L);
    fprintf(f, "%s\n", r->scenario_name ? r->scenario_name : portee_tr(L, "(unnamed scenario)"));
    fprintf(f, portee_tr(L, "  %s replicates x %s %s, seed %llu, %llu %s, %s s  [%s]\n"), reps, points,
            portee_tr(L, r->n_points == 1 ? "point" : "points"), (unsigned long long)r->seed,
            (unsigned long long)r->threads, portee_tr(L, r->threads == 1 ? "thread" : "threads"), time, r->path);
    print_partial(f, r, L);
}

/* ---- the whole table ---- */

#define N_COLS 8
#define COL_MIN 12
#define COL_MAX 40
#define CELL 10

static int fit(int w, const char *s)
{
    const int n = width(s);
    return n > w ? (n < COL_MAX ? n : COL_MAX) : w;
}

static void print_outputs(FILE *f, const portee_results_t *r, const portee_report_opts_t *o,
                          const portee_results_model_t *rm, uint64_t p)
{
    static const char *const cols[N_COLS] = {"mean", "sd", "se", "p05", "p25", "p50", "p75", "p95"};
    const portee_lang_t L = o->lang;
    int nw = COL_MIN, uw = COL_MIN / 2;
    char path[160], unit[96];
    for (size_t k = 0; k < rm->n_outputs; k++) {
        snprintf(path, sizeof path, "%s.%s", rm->name, rm->outputs[k].name);
        nw = fit(nw, portee_label(path, L));
        unit_cell(unit, sizeof unit, rm->outputs[k].units, r->currency, L);
        uw = fit(uw, unit);
    }
    fprintf(f, "\n%s\n", rm->name);
    if (r->n_axes) {
        char values[1024];
        point_values(values, sizeof values, r, o, p);
        fprintf(f, portee_tr(L, "  point %llu: %s\n"), (unsigned long long)p, values);
    }
    fputs("  ", f);
    pad(f, portee_tr(L, "output"), nw, false);
    fputc(' ', f);
    pad(f, portee_tr(L, "unit"), uw, false);
    for (int c = 0; c < N_COLS; c++) pad(f, portee_tr(L, cols[c]), CELL, true);
    const portee_results_output_t *first = rm->n_outputs ? &rm->outputs[0] : NULL;
    for (size_t k = 0; first && k < first->n_quantiles; k++) { /* output.quantiles: p20, p80, p2.5 */
        char head[24];
        snprintf(head, sizeof head, "p%.4g", 100 * first->levels[k]);
        pad(f, head, CELL, true);
    }
    fputc('\n', f);
    for (size_t k = 0; k < rm->n_outputs; k++) {
        const portee_results_output_t *ro = &rm->outputs[k];
        if (!portee_report_output_is(rm->name, ro->name, o->output, L)) continue;
        const portee_summary_t *s = &ro->rows[p];
        const bool whole = ro->def && ro->def->integer;
        const double v[N_COLS] = {s->mean, s->sd, s->se, s->p05, s->p25, s->p50, s->p75, s->p95};
        snprintf(path, sizeof path, "%s.%s", rm->name, ro->name);
        unit_cell(unit, sizeof unit, ro->units, r->currency, L);
        fputs("  ", f);
        pad(f, portee_label(path, L), nw, false);
        fputc(' ', f);
        pad(f, unit, uw, false);
        for (int c = 0; c < N_COLS; c++) {
            char cell[48];
            const portee_report_cell_t kind = c == 2 ? PORTEE_CELL_SE
                                              : c >= 3 && whole ? PORTEE_CELL_WHOLE
                                                                : PORTEE_CELL_MEAN;
            portee_report_cell(cell, sizeof cell, v[c], kind, ro->units, L);
            pad(f, cell, CELL, true);
        }
        for (size_t k = 0; k < ro->n_quantiles; k++) {
            char cell[48];
            portee_report_cell(cell, sizeof cell, ro->quantiles[p * ro->n_quantiles + k],
                               whole ? PORTEE_CELL_WHOLE : PORTEE_CELL_MEAN, ro->units, L);
            pad(f, cell, CELL, true);
        }
        fputc('\n', f);
    }
}

static void print_series(FILE *f, const portee_results_t *r, const portee_report_opts_t *o,
                         const portee_results_model_t *rm, uint64_t p)
{
    const portee_lang_t L = o->lang;
    int sw = 22, uw = COL_MIN / 2;
    char path[160], unit[96];
    for (size_t k = 0; k < rm->n_series; k++) {
        snprintf(path, sizeof path, "%s.%s", rm->name, rm->series[k].name);
        sw = fit(sw, portee_label(path, L));
        unit_cell(unit, sizeof unit, rm->series[k].units, r->currency, L);
        uw = fit(uw, unit);
    }
    fprintf(f, portee_tr(L, "\n%s series: mean [5 %% to 95 %%] at some steps (every step: portee export %s "
                            "-o steps.csv)\n"),
            rm->name, r->path);
    if (r->n_axes) {
        char values[1024];
        point_values(values, sizeof values, r, o, p);
        fprintf(f, portee_tr(L, "  point %llu: %s\n"), (unsigned long long)p, values);
    }
    for (size_t k = 0; k < rm->n_series; k++) {
        const portee_results_series_t *rs = &rm->series[k];
        if (!portee_report_output_is(rm->name, rs->name, o->output, L)) continue;
        const portee_output_def_t *def = portee_report_output_def(o->reg, rm->name, rs->name);
        const bool whole = def && def->integer;
        snprintf(path, sizeof path, "%s.%s", rm->name, rs->name);
        unit_cell(unit, sizeof unit, rs->units, r->currency, L);
        fputs("  ", f);
        pad(f, portee_label(path, L), sw, false);
        fputc(' ', f);
        pad(f, unit, uw, false);
        /* hours 1, 6 and 24 (reach builds up within a day), or the first
         * step, a quarter and half way; then the last */
        const uint64_t n = rs->n_steps;
        const bool hourly = rs->step && !strcmp(rs->step, "hour") && n > 1; /* hour 0 is 0 */
        const uint64_t at[4] = {hourly ? 1 : 0, hourly ? (n > 7 ? 6 : n / 2) : n / 4,
                                hourly ? (n > 25 ? 24 : n / 2) : n / 2, n - 1};
        for (int j = 0; j < 4; j++) {
            if (j && at[j] == at[j - 1]) continue;
            const portee_summary_t *s = &rs->rows[p * n + at[j]];
            char mean[48], lo[48], hi[48];
            const portee_report_cell_t q = whole ? PORTEE_CELL_WHOLE : PORTEE_CELL_MEAN;
            portee_report_cell(mean, sizeof mean, s->mean, PORTEE_CELL_MEAN, rs->units, L);
            portee_report_cell(lo, sizeof lo, s->p05, q, rs->units, L);
            portee_report_cell(hi, sizeof hi, s->p95, q, rs->units, L);
            fprintf(f, portee_tr(L, "  %s %llu: %s [%s\xe2\x80\x93%s]"), rs->step ? portee_tr(L, rs->step) : "",
                    (unsigned long long)(rs->first_step + at[j]), mean, lo, hi);
        }
        fputc('\n', f);
    }
}

static bool has_series(const portee_results_model_t *rm, const portee_report_opts_t *o)
{
    for (size_t k = 0; k < rm->n_series; k++)
        if (portee_report_output_is(rm->name, rm->series[k].name, o->output, o->lang)) return true;
    return false;
}

static bool has_output(const portee_results_model_t *rm, const portee_report_opts_t *o)
{
    for (size_t k = 0; k < rm->n_outputs; k++)
        if (portee_report_output_is(rm->name, rm->outputs[k].name, o->output, o->lang)) return true;
    return false;
}

void portee_report_table(FILE *f, const portee_results_t *r, const portee_report_opts_t *o)
{
    const portee_lang_t L = o->lang;
    print_head(f, r, L);
    const uint64_t p0 = o->one_point ? o->point : 0, p1 = o->one_point ? o->point + 1 : r->n_points;
    for (size_t m = 0; m < r->n_models; m++)
        for (uint64_t p = p0; p < p1 && has_output(&r->models[m], o); p++)
            if (point_in(&r->models[m], p)) print_outputs(f, r, o, &r->models[m], p);
    for (size_t m = 0; m < r->n_models; m++)
        for (uint64_t p = p0; p < p1 && has_series(&r->models[m], o); p++)
            if (point_in(&r->models[m], p)) print_series(f, r, o, &r->models[m], p);
    print_warnings(f, r, L);
    fprintf(f, "\n%s\n",
            portee_tr(L, "mean and sd over replicates; se = Monte Carlo standard error of the mean; "
                         "pNN = NN % quantile"));
}

/* ---- one row per point ---- */

/* The output a client looks at first; the model's first otherwise. */
static const portee_results_output_t *main_output(const portee_results_model_t *rm, const char *want,
                                                  portee_lang_t lang)
{
    static const char *const mains[][2] = {{"reach", "total"}, {"boost", "total_reach"}};
    for (size_t k = 0; k < rm->n_outputs; k++)
        if (want && portee_report_output_is(rm->name, rm->outputs[k].name, want, lang)) return &rm->outputs[k];
    if (want) return NULL;
    for (size_t i = 0; i < sizeof mains / sizeof *mains; i++)
        for (size_t k = 0; k < rm->n_outputs && !strcmp(rm->name, mains[i][0]); k++)
            if (!strcmp(rm->outputs[k].name, mains[i][1])) return &rm->outputs[k];
    return rm->n_outputs ? &rm->outputs[0] : NULL;
}

/* The compact table is laid out in two passes: the first widens each
 * column to its widest cell, the second prints. */
static void cell_out(FILE *f, bool print, int *w, const char *text)
{
    if (!print) {
        if (width(text) > *w) *w = width(text);
        return;
    }
    fputs("  ", f);
    pad(f, text, *w, true);
}

static void print_rows(FILE *f, const portee_results_t *r, const portee_report_opts_t *o,
                       const portee_results_output_t *ro, const char *const *heads, int *w, bool print)
{
    const portee_lang_t L = o->lang;
    const size_t na = r->n_axes;
    const portee_report_cell_t q = ro->def && ro->def->integer ? PORTEE_CELL_WHOLE : PORTEE_CELL_MEAN;
    for (size_t c = 0; c < na + 3; c++) cell_out(f, print, &w[c], heads[c]);
    if (print) fputc('\n', f);
    for (uint64_t p = 0; p < r->n_points; p++) {
        if (ro->rows[p].n == 0) continue;
        char cell[200], lo[48], hi[48];
        snprintf(cell, sizeof cell, "%llu", (unsigned long long)p);
        cell_out(f, print, &w[0], cell);
        for (size_t a = 0; a < na; a++) {
            portee_unit_value(cell, sizeof cell, r->axis_values[p * na + a], portee_report_axis_unit(o->reg, r->axes[a]),
                              r->currency, L);
            cell_out(f, print, &w[a + 1], cell);
        }
        portee_report_cell(cell, sizeof cell, ro->rows[p].mean, PORTEE_CELL_MEAN, ro->units, L);
        cell_out(f, print, &w[na + 1], cell);
        portee_report_cell(lo, sizeof lo, ro->rows[p].p05, q, ro->units, L);
        portee_report_cell(hi, sizeof hi, ro->rows[p].p95, q, ro->units, L);
        snprintf(cell, sizeof cell, "%s" DASH "%s", lo, hi);
        cell_out(f, print, &w[na + 2], cell);
        if (print) fputc('\n', f);
    }
}

void portee_report_compact(FILE *f, const portee_results_t *r, const portee_report_opts_t *o)
{
    const portee_lang_t L = o->lang;
    print_head(f, r, L);
    if (r->n_axes > PORTEE_MAX_AXES) return; /* no file portee writes */
    char axis[PORTEE_MAX_AXES][200];
    const char *heads[PORTEE_MAX_AXES + 3];
    heads[0] = portee_tr(L, "point");
    for (size_t a = 0; a < r->n_axes; a++) {
        portee_label_axis(axis[a], sizeof axis[a], r->axes[a], portee_report_axis_unit(o->reg, r->axes[a]),
                          r->currency, L);
        heads[a + 1] = axis[a];
    }
    heads[r->n_axes + 1] = portee_tr(L, "mean");
    heads[r->n_axes + 2] = portee_tr(L, "90 % range");
    for (size_t m = 0; m < r->n_models; m++) {
        const portee_results_model_t *rm = &r->models[m];
        const portee_results_output_t *ro = main_output(rm, o->output, L);
        if (!ro) continue;
        char path[160], unit[96], head[320];
        snprintf(path, sizeof path, "%s.%s", rm->name, ro->name);
        unit_cell(unit, sizeof unit, ro->units, r->currency, L);
        if (*unit) snprintf(head, sizeof head, "%s (%s)", portee_label(path, L), unit);
        else snprintf(head, sizeof head, "%s", portee_label(path, L));
        fprintf(f, portee_tr(L, "\n%s: %s, mean and 90 %% range, one row per point\n"), rm->name, head);
        int w[PORTEE_MAX_AXES + 3] = {0};
        print_rows(f, r, o, ro, heads, w, false);
        print_rows(f, r, o, ro, heads, w, true);
    }
    print_warnings(f, r, L);
    fprintf(f, "\n%s\n", portee_tr(L, "every output of point N: --point N; of every point: --all; "
                                      "another output: --output NAME"));
}
