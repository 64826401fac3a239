#include "sim/results/report_internal.h"

#include <stdio.h>
#include <string.h>

#include "sim/results/json.h"

static const char *const columns[] = {"mean", "sd", "se", "p05", "p25", "p50", "p75", "p95"};
#define N_COLS 8

static void row_values(const portee_summary_t *s, double v[N_COLS])
{
    v[0] = s->mean; v[1] = s->sd; v[2] = s->se; v[3] = s->p05;
    v[4] = s->p25; v[5] = s->p50; v[6] = s->p75; v[7] = s->p95;
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
    /* output.quantiles: every output has the same levels */
    const portee_results_output_t *q = r->n_models && r->models[0].n_outputs ? &r->models[0].outputs[0] : NULL;
    for (size_t k = 0; q && k < q->n_quantiles; k++) fprintf(f, ",p%.4g", 100 * q->levels[k]);
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
                for (size_t k = 0; k < ro->n_quantiles; k++)
                    fprintf(f, ",%.17g", ro->quantiles[p * ro->n_quantiles + k]);
                fputc('\n', f);
            }
}

/* One summary per point: {"units": ..., "points": [{...}, ...]} */
static json_t *json_output(const portee_results_t *r, const portee_results_output_t *ro)
{
    json_t *o = json_object(), *points = json_array();
    bool ok = portee_json_put(o, "units", portee_json_string(ro->units)) &&
              portee_json_put(o, "points", json_incref(points));
    for (uint64_t p = 0; p < r->n_points && ok; p++) {
        json_t *s = portee_json_summary(&ro->rows[p]);
        ok = portee_json_add(points, json_incref(s));
        for (size_t k = 0; k < ro->n_quantiles && ok; k++) { /* output.quantiles, as "p20": ... */
            char key[24];
            snprintf(key, sizeof key, "p%.4g", 100 * ro->levels[k]);
            ok = portee_json_put(s, key, portee_json_number(ro->quantiles[p * ro->n_quantiles + k]));
        }
        json_decref(s);
    }
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

/* Whether the options name a point and an output the file holds. */
static portee_status_t check_opts(const portee_results_t *r, const portee_report_opts_t *o, portee_error_t *err)
{
    if (o->one_point && o->point >= r->n_points)
        return portee_fail(err, PORTEE_EINPUT, "%s: no point %llu: its points are 0 to %llu", r->path,
                           (unsigned long long)o->point, (unsigned long long)(r->n_points - 1));
    if (!o->output) return PORTEE_OK;
    for (size_t m = 0; m < r->n_models; m++) {
        const portee_results_model_t *rm = &r->models[m];
        for (size_t k = 0; k < rm->n_outputs; k++)
            if (portee_report_output_is(rm->name, rm->outputs[k].name, o->output, o->lang)) return PORTEE_OK;
        for (size_t k = 0; k < rm->n_series; k++)
            if (portee_report_output_is(rm->name, rm->series[k].name, o->output, o->lang)) return PORTEE_OK;
    }
    return portee_fail(err, PORTEE_EINPUT, "%s: no output '%s' (portee info %s --all lists them)", r->path,
                       o->output, r->path);
}

/* Whether the output asked for is a series (shown in full: a row per point
 * holds one value). */
static bool output_is_series(const portee_results_t *r, const portee_report_opts_t *o)
{
    for (size_t m = 0; o->output && m < r->n_models; m++)
        for (size_t k = 0; k < r->models[m].n_series; k++)
            if (portee_report_output_is(r->models[m].name, r->models[m].series[k].name, o->output, o->lang))
                return true;
    return false;
}

portee_status_t portee_report_print_opts(FILE *f, const portee_results_t *r, const portee_report_opts_t *o,
                                         portee_error_t *err)
{
    portee_status_t st = check_opts(r, o, err);
    if (st) return st;
    switch (o->format) {
    case PORTEE_FORMAT_TABLE:
        if (r->n_points > 1 && !o->all && !o->one_point && !output_is_series(r, o)) portee_report_compact(f, r, o);
        else portee_report_table(f, r, o);
        break;
    case PORTEE_FORMAT_CSV: print_csv(f, r); break;
    case PORTEE_FORMAT_JSON:
        st = portee_json_print(f, json_document(r));
        if (st) portee_fail(err, st, "%s: out of memory building its JSON", r->path);
        return st;
    }
    return PORTEE_OK;
}

