/* scenario_emit.c — the resolved scenario as YAML: every parameter with the
 * value used (defaults included), so a results file can be re-run exactly. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "sim/scenario/scenario_internal.h"
#include "sim/base/textutil.h"

static void emit_num(FILE *f, double x)
{
    char buf[40];
    portee_format_double(buf, sizeof buf, x);
    fputs(buf, f);
}

static void emit_param(FILE *f, const portee_dist_t *d)
{
    if (d->kind == PORTEE_DIST_CONST) {
        emit_num(f, d->field[0]);
        return;
    }
    fprintf(f, "{dist: %s", portee_dist_kind_name(d->kind));
    const char *const *fields = portee_dist_fields(d->kind, NULL);
    for (size_t i = 0; fields[i]; i++)
        if (d->present[i]) {
            fprintf(f, ", %s: ", fields[i]);
            emit_num(f, d->field[i]);
        }
    fputc('}', f);
}

portee_status_t portee_scenario_emit(portee_scenario_t *sc, portee_error_t *err)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    fprintf(f, "# resolved by portee %s from %s: every parameter with the value used\n",
            PORTEE_VERSION, sc->source);
    fputs("name: ", f);
    portee_yaml_quote(f, sc->name);
    fputc('\n', f);
    if (sc->description) {
        fputs("description: ", f);
        portee_yaml_quote(f, sc->description);
        fputc('\n', f);
    }
    fprintf(f, "seed: %llu\nreplicates: %llu\n", (unsigned long long)sc->seed,
            (unsigned long long)sc->replicates);
    const portee_registry_t *reg = sc->registry;
    bool page = sc->page.preset != NULL;
    for (size_t i = 0; i < reg->n_page; i++) page |= sc->page.used[i];
    if (page) fputs("page:\n", f);
    if (sc->page.preset) /* its values are spelled out below: they win */
        fprintf(f, "  %s: %s\n", reg->preset_key, sc->page.preset);
    for (size_t i = 0; i < reg->n_page; i++)
        if (sc->page.used[i]) {
            fprintf(f, "  %s: ", reg->page[i].name);
            emit_param(f, &sc->page.params[i]);
            fputc('\n', f);
        }
    for (size_t mi = 0; mi < sc->n_models; mi++) {
        const portee_model_t *m = sc->models[mi].model;
        fprintf(f, "%s:\n", m->name);
        for (size_t i = 0; i < m->n_params; i++) {
            if (m->params[i].page) continue; /* in page: */
            fprintf(f, "  %s: ", m->params[i].name);
            emit_param(f, &sc->models[mi].params[i]);
            fputc('\n', f);
        }
    }
    if (sc->n_axes) {
        fputs("sweep:\n", f);
        /* a sampled design is a function of the seed, samples and the ranges:
         * the same spec samples the same points */
        const bool sampled = sc->design != PORTEE_DESIGN_GRID;
        if (sampled)
            fprintf(f, "  design: %s\n  samples: %llu\n", portee_design_name(sc->design),
                    (unsigned long long)sc->n_points);
        fprintf(f, "  common_random_numbers: %s\n", sc->common_random_numbers ? "true" : "false");
        for (size_t a = 0; a < sc->n_axes; a++) {
            const portee_sweep_axis_t *ax = &sc->axes[a];
            fprintf(f, "  %s: ", ax->path);
            if (ax->is_range) { /* the same spec expands to the same values */
                fputs("{from: ", f);
                emit_num(f, ax->from);
                fputs(", to: ", f);
                emit_num(f, ax->to);
                if (!sampled) fprintf(f, ", steps: %zu", ax->n);
                fprintf(f, ", scale: %s}\n", ax->log_scale ? "log" : "linear");
                continue;
            }
            fputc('[', f);
            for (size_t j = 0; j < ax->n; j++) {
                if (j) fputs(", ", f);
                emit_num(f, ax->values[j]);
            }
            fputs("]\n", f);
        }
    }
    fprintf(f, "output:\n  replicates: %s\n  histogram_bins: %u\n  language: %s\n  currency: %s\n",
            sc->keep_replicates ? "true" : "false", sc->histogram_bins, portee_lang_code(sc->language), sc->currency);
    if (sc->n_quantiles) { /* only when asked: files of earlier runs resume as they were */
        fputs("  quantiles: [", f);
        for (size_t i = 0; i < sc->n_quantiles; i++) {
            if (i) fputs(", ", f);
            emit_num(f, sc->quantiles[i]);
        }
        fputs("]\n", f);
    }
    if (fclose(f) != 0) {
        free(buf);
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    }
    sc->resolved = buf;
    return PORTEE_OK;
}
