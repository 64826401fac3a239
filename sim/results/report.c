#include "sim/results/report.h"

#include <math.h>
#include <string.h>

#include "sim/results/json.h"

static const char *const columns[] = {"mean", "sd", "se", "p05", "p25", "p50", "p75", "p95"};
#define N_COLS 8

static void row_values(const portee_summary_t *s, double v[N_COLS])
{
    v[0] = s->mean; v[1] = s->sd; v[2] = s->se; v[3] = s->p05;
    v[4] = s->p25; v[5] = s->p50; v[6] = s->p75; v[7] = s->p95;
}

/* Four significant digits, never in exponent form for everyday magnitudes. */
static void fmt_cell(char *buf, size_t len, double x)
{
    double a = fabs(x);
    if (x == floor(x) && a < 1e12) snprintf(buf, len, "%.0f", x);
    else if (a >= 1e7 || (a < 1e-3 && a > 0)) snprintf(buf, len, "%.3e", x);
    else if (a >= 1000) snprintf(buf, len, "%.0f", x);
    else if (a >= 100) snprintf(buf, len, "%.1f", x);
    else if (a >= 10) snprintf(buf, len, "%.2f", x);
    else snprintf(buf, len, "%.3f", x);
}

/* Column widths for names and units: 12 characters, widened to fit a model's
 * longest (up to 24; longer ones, from a foreign file, are cut). */
#define COL_MIN 12
#define COL_MAX 32

static int fit(int w, const char *s)
{
    const int n = s ? (int)strlen(s) : 0;
    return n > w ? (n < COL_MAX ? n : COL_MAX) : w;
}

static void print_point_label(FILE *f, const portee_results_t *r, uint64_t p)
{
    fprintf(f, "  point %llu:", (unsigned long long)p);
    for (size_t a = 0; a < r->n_axes; a++)
        fprintf(f, "%s %s = %.6g", a ? "," : "", r->axes[a], r->axis_values[p * r->n_axes + a]);
    fputc('\n', f);
}

/* False for a point an interrupted run or a shard left out (its n is 0). */
static bool point_in(const portee_results_model_t *rm, uint64_t p)
{
    if (rm->n_outputs) return rm->outputs[0].rows[p].n > 0;
    if (rm->n_series) return rm->series[0].rows[p * rm->series[0].n_steps].n > 0;
    return true;
}

/* What a partial file holds, and how to complete it. */
static void print_partial(FILE *f, const portee_results_t *r)
{
    const unsigned long long done = r->points_done, all = r->n_points;
    if (r->shard_count)
        fprintf(f, "  shard %llu/%llu of the sweep: %llu of its %llu points%s (%llu in the whole sweep); "
                   "join the parts with portee merge\n",
                (unsigned long long)r->shard_index, (unsigned long long)r->shard_count, done,
                (unsigned long long)portee_results_wanted(r), r->complete ? "" : ", INCOMPLETE", all);
    else if (!r->complete)
        fprintf(f, "  INCOMPLETE (interrupted): %llu of %llu points; finish it with the same portee run "
                   "command and --resume\n",
                done, all);
}

/* The warnings the models ask for (portee_output_def_t.warn_at), a few
 * points each: an alarm must not stay hidden in a column of the table. */
#define WARN_POINTS 10
static void print_warnings(FILE *f, const portee_results_t *r)
{
    bool any = false;
    for (size_t m = 0; m < r->n_models; m++) {
        const portee_results_model_t *rm = &r->models[m];
        for (size_t o = 0; o < rm->n_outputs; o++) {
            const portee_results_output_t *ro = &rm->outputs[o];
            if (!ro->def || !ro->def->warn || !(ro->def->warn_at > 0)) continue;
            uint64_t hits = 0;
            for (uint64_t p = 0; p < r->n_points; p++) {
                const portee_summary_t *s = &ro->rows[p];
                if (s->n == 0 || !(s->mean >= ro->def->warn_at || s->p95 >= ro->def->warn_at)) continue;
                if (++hits > WARN_POINTS) continue;
                char mean[32], p95[32];
                fmt_cell(mean, sizeof mean, s->mean);
                fmt_cell(p95, sizeof p95, s->p95);
                fprintf(f, "%swarning: %s", any ? "" : "\n", rm->name);
                any = true;
                if (r->n_axes) fprintf(f, " point %llu", (unsigned long long)p);
                fprintf(f, ": %s mean %s, 95 %% quantile %s: %s\n", ro->name, mean, p95, ro->def->warn);
            }
            if (hits > WARN_POINTS)
                fprintf(f, "warning: %s: the same for %llu more points (portee info --format csv lists them)\n",
                        rm->name, (unsigned long long)(hits - WARN_POINTS));
        }
    }
}

static void print_table(FILE *f, const portee_results_t *r)
{
    fprintf(f, "%s\n", r->scenario_name ? r->scenario_name : "(unnamed scenario)");
    fprintf(f, "  %llu replicates x %llu point%s, seed %llu, %llu thread%s, %.2f s  [%s]\n",
            (unsigned long long)r->replicates, (unsigned long long)r->n_points,
            r->n_points == 1 ? "" : "s", (unsigned long long)r->seed,
            (unsigned long long)r->threads, r->threads == 1 ? "" : "s", r->wall_time, r->path);
    print_partial(f, r);
    for (size_t m = 0; m < r->n_models; m++) {
        const portee_results_model_t *rm = &r->models[m];
        int nw = COL_MIN, uw = COL_MIN;
        for (size_t o = 0; o < rm->n_outputs; o++) {
            nw = fit(nw, rm->outputs[o].name);
            uw = fit(uw, rm->outputs[o].units);
        }
        for (uint64_t p = 0; p < r->n_points; p++) {
            if (!point_in(rm, p)) continue;
            fprintf(f, "\n%s\n", rm->name);
            if (r->n_axes) print_point_label(f, r, p);
            fprintf(f, "  %-*s %-*s", nw, "output", uw, "units");
            for (int c = 0; c < N_COLS; c++) fprintf(f, " %9s", columns[c]);
            fputc('\n', f);
            for (size_t o = 0; o < rm->n_outputs; o++) {
                const portee_results_output_t *ro = &rm->outputs[o];
                double v[N_COLS];
                row_values(&ro->rows[p], v);
                fprintf(f, "  %-*s %-*.*s", nw, ro->name, uw, uw, ro->units);
                for (int c = 0; c < N_COLS; c++) {
                    char cell[32];
                    fmt_cell(cell, sizeof cell, v[c]);
                    fprintf(f, " %9s", cell);
                }
                fputc('\n', f);
            }
        }
    }
    for (size_t m = 0; m < r->n_models; m++) {
        const portee_results_model_t *rm = &r->models[m];
        int uw = COL_MIN, sw = 22;
        for (size_t o = 0; o < rm->n_series; o++) {
            uw = fit(uw, rm->series[o].units);
            sw = fit(sw, rm->series[o].name);
        }
        for (uint64_t p = 0; p < r->n_points && rm->n_series; p++) {
            if (!point_in(rm, p)) continue;
            fprintf(f, "\n%s series: mean [5 %% to 95 %%] at some steps (all of them: --format json)\n",
                    rm->name);
            if (r->n_axes) print_point_label(f, r, p);
            for (size_t o = 0; o < rm->n_series; o++) {
                const portee_results_series_t *rs = &rm->series[o];
                fprintf(f, "  %-*s %-*.*s", sw, rs->name, uw, uw, rs->units ? rs->units : "");
                /* hours 1, 6 and 24 (reach builds up within a day), or the first
                 * step, a quarter and half way; then the last */
                const uint64_t L = rs->n_steps;
                const bool hourly = rs->step && !strcmp(rs->step, "hour") && L > 1; /* hour 0 is 0 */
                const uint64_t at[4] = {hourly ? 1 : 0, hourly ? (L > 7 ? 6 : L / 2) : L / 4,
                                        hourly ? (L > 25 ? 24 : L / 2) : L / 2, L - 1};
                for (int k = 0; k < 4; k++) {
                    if (k && at[k] == at[k - 1]) continue;
                    const portee_summary_t *s = &rs->rows[p * L + at[k]];
                    char mean[32], lo[32], hi[32];
                    fmt_cell(mean, sizeof mean, s->mean);
                    fmt_cell(lo, sizeof lo, s->p05);
                    fmt_cell(hi, sizeof hi, s->p95);
                    fprintf(f, "  %s %llu: %s [%s-%s]", rs->step, (unsigned long long)(rs->first_step + at[k]),
                            mean, lo, hi);
                }
                fputc('\n', f);
            }
        }
    }
    print_warnings(f, r);
    fputs("\nmean and sd over replicates; se = Monte Carlo standard error of the mean; "
          "pNN = NN% quantile\n", f);
}

static void csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void print_csv(FILE *f, const portee_results_t *r)
{
    fputs("model,output,units,point", f);
    for (size_t a = 0; a < r->n_axes; a++) {
        fputc(',', f);
        csv_field(f, r->axes[a]);
    }
    fputs(",n", f);
    for (int c = 0; c < N_COLS; c++) fprintf(f, ",%s", columns[c]);
    fputc('\n', f);
    for (size_t m = 0; m < r->n_models; m++)
        for (size_t o = 0; o < r->models[m].n_outputs; o++)
            for (uint64_t p = 0; p < r->n_points; p++) {
                const portee_results_output_t *ro = &r->models[m].outputs[o];
                if (ro->rows[p].n == 0) continue; /* not in this part of the run */
                fprintf(f, "%s,%s,", r->models[m].name, ro->name);
                csv_field(f, ro->units);
                fprintf(f, ",%llu", (unsigned long long)p);
                for (size_t a = 0; a < r->n_axes; a++)
                    fprintf(f, ",%.17g", r->axis_values[p * r->n_axes + a]);
                double v[N_COLS];
                row_values(&ro->rows[p], v);
                fprintf(f, ",%llu", (unsigned long long)ro->rows[p].n);
                for (int c = 0; c < N_COLS; c++) fprintf(f, ",%.17g", v[c]);
                fputc('\n', f);
            }
}

/* One summary per point: {"units": ..., "points": [{...}, ...]} */
static json_t *json_output(const portee_results_t *r, const portee_results_output_t *ro)
{
    json_t *o = json_object(), *points = json_array();
    bool ok = portee_json_put(o, "units", portee_json_string(ro->units)) &&
              portee_json_put(o, "points", json_incref(points));
    for (uint64_t p = 0; p < r->n_points && ok; p++) ok = portee_json_add(points, portee_json_summary(&ro->rows[p]));
    json_decref(points);
    return portee_json_done(o, ok);
}

/* One summary per point and step: "points": [[{...}, ...], ...] */
static json_t *json_series(const portee_results_t *r, const portee_results_series_t *rs)
{
    json_t *o = json_object(), *points = json_array();
    bool ok = portee_json_put(o, "units", portee_json_string(rs->units)) &&
              portee_json_put(o, "step", portee_json_string(rs->step)) &&
              portee_json_put(o, "first_step", portee_json_count(rs->first_step)) &&
              portee_json_put(o, "points", json_incref(points));
    for (uint64_t p = 0; p < r->n_points && ok; p++) {
        json_t *steps = json_array();
        ok = portee_json_add(points, json_incref(steps));
        for (uint64_t t = 0; t < rs->n_steps && ok; t++)
            ok = portee_json_add(steps, portee_json_summary(&rs->rows[p * rs->n_steps + t]));
        json_decref(steps);
    }
    json_decref(points);
    return portee_json_done(o, ok);
}

static json_t *json_models(const portee_results_t *r)
{
    json_t *o = json_object();
    bool ok = o != NULL;
    for (size_t m = 0; m < r->n_models && ok; m++) {
        const portee_results_model_t *rm = &r->models[m];
        json_t *mo = json_object();
        ok = portee_json_put(o, rm->name, json_incref(mo));
        for (size_t k = 0; k < rm->n_outputs && ok; k++)
            ok = portee_json_put(mo, rm->outputs[k].name, json_output(r, &rm->outputs[k]));
        for (size_t k = 0; k < rm->n_series && ok; k++)
            ok = portee_json_put(mo, rm->series[k].name, json_series(r, &rm->series[k]));
        json_decref(mo);
    }
    return portee_json_done(o, ok);
}

static json_t *json_point_values(const portee_results_t *r)
{
    json_t *a = json_array();
    bool ok = a != NULL;
    for (uint64_t p = 0; p < r->n_points && ok; p++) {
        json_t *point = json_array();
        ok = portee_json_add(a, json_incref(point));
        for (size_t k = 0; k < r->n_axes && ok; k++)
            ok = portee_json_add(point, portee_json_number(r->axis_values[p * r->n_axes + k]));
        json_decref(point);
    }
    return portee_json_done(a, ok);
}

static json_t *json_document(const portee_results_t *r)
{
    json_t *o = json_object(), *sweep = json_array();
    char shard[48];
    snprintf(shard, sizeof shard, "%llu/%llu", (unsigned long long)r->shard_index,
             (unsigned long long)r->shard_count);
    bool ok = portee_json_put(o, "file", portee_json_string(r->path)) &&
              portee_json_put(o, "portee_version", portee_json_string(r->version)) &&
              portee_json_put(o, "scenario_name", portee_json_string(r->scenario_name)) &&
              portee_json_put(o, "scenario_source", portee_json_string(r->scenario_source)) &&
              portee_json_put(o, "seed", portee_json_count(r->seed)) &&
              portee_json_put(o, "replicates", portee_json_count(r->replicates)) &&
              portee_json_put(o, "points", portee_json_count(r->n_points)) &&
              portee_json_put(o, "threads", portee_json_count(r->threads)) &&
              portee_json_put(o, "ranks", portee_json_count(r->ranks)) &&
              portee_json_put(o, "wall_time_s", portee_json_number(r->wall_time)) &&
              portee_json_put(o, "complete", json_boolean(r->complete)) &&
              portee_json_put(o, "points_done", portee_json_count(r->points_done)) &&
              portee_json_put(o, "shard", r->shard_count ? json_string(shard) : json_null()) &&
              portee_json_put(o, "start_time", portee_json_string(r->start_time)) &&
              portee_json_put(o, "host", portee_json_string(r->host)) &&
              portee_json_put(o, "sweep", json_incref(sweep));
    for (size_t k = 0; k < r->n_axes && ok; k++) ok = portee_json_add(sweep, portee_json_string(r->axes[k]));
    json_decref(sweep);
    ok = ok && portee_json_put(o, "point_values", json_point_values(r)) &&
         portee_json_put(o, "models", json_models(r));
    return portee_json_done(o, ok);
}

portee_status_t portee_report_print(FILE *f, const portee_results_t *r, portee_format_t format)
{
    switch (format) {
    case PORTEE_FORMAT_TABLE: print_table(f, r); break;
    case PORTEE_FORMAT_CSV: print_csv(f, r); break;
    case PORTEE_FORMAT_JSON: return portee_json_print(f, json_document(r));
    }
    return PORTEE_OK;
}
