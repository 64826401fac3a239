/* The chart tables (plots/charts*.c): every model of the registry has a
 * chart set; every chart's output references name outputs of its model, as
 * the series or single values they are; chart names are unique and safe as
 * file names; a model.parameter its help names exists.  Then the paths the
 * charts derive are those of a results file written by the current writer,
 * and every chart is drawn from a file that supports it: a chart that lost
 * its data (an output renamed, moved or removed) fails here instead of
 * silently disappearing from `portee plot`. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/reach.h"
#include "models/registry.h"
#include "plots/chart_common.h"
#include "plots/chart_tornado.h"
#include "plots/charts.h"
#include "plots/tics.h"
#include "sim/engine/engine.h"
#include "sim/results/h5read.h"
#include "sim/results/h5write.h"
#include "sim/scenario/scenario.h"
#include "testutil.h"

static bool in_registry(const portee_model_t *m)
{
    for (size_t i = 0; i < portee_registry.n_models; i++)
        if (portee_registry.models[i] == m) return true;
    return false;
}

/* Every "MODEL.word" in text, for a model of the registry, names one of its parameters. */
static void check_parameters_named(const char *chart, const char *text)
{
    for (size_t i = 0; text && i < portee_registry.n_models; i++) {
        const portee_model_t *m = portee_registry.models[i];
        const size_t lm = strlen(m->name);
        for (const char *p = strstr(text, m->name); p; p = strstr(p + 1, m->name)) {
            if (p[lm] != '.' || (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))) continue;
            char param[64];
            size_t n = 0;
            for (const char *q = p + lm + 1; (isalnum((unsigned char)*q) || *q == '_') && n + 1 < sizeof param; q++)
                param[n++] = *q;
            param[n] = '\0';
            CHECK(portee_model_param_index(m, param) >= 0, "chart %s: its help names %s.%s, which %s lacks",
                  chart, m->name, param, m->name);
        }
    }
}

static void check_tables(void)
{
    for (size_t i = 0; i < portee_registry.n_models; i++) {
        const portee_model_t *m = portee_registry.models[i];
        size_t sets = 0;
        for (size_t s = 0; s < portee_n_chart_sets; s++) sets += portee_chart_sets[s]->model == m;
        CHECK(sets == 1, "model %s: %zu chart sets in plots/charts.c, want 1", m->name, sets);
        CHECK(portee_charts_of(m) && portee_charts_of(m)->model == m, "model %s: no chart set", m->name);
    }
    size_t fit_sets = 0;
    for (size_t s = 0; s < portee_n_chart_sets; s++) {
        const portee_chart_set_t *set = portee_chart_sets[s];
        const portee_model_t *m = set->model;
        fit_sets += !m;
        CHECK(!m || in_registry(m), "chart set %zu: its model %s is not in the registry", s, m ? m->name : "");
        CHECK(set->n > 0 && set->charts, "chart set %zu (%s): no charts", s, m ? m->name : "fit");
        for (size_t i = 0; i < set->n; i++) {
            const portee_chart_t *ch = &set->charts[i];
            const char *name = ch->name ? ch->name : "(no name)";
            bool safe = ch->name && *ch->name;
            for (const char *p = ch->name; p && *p; p++) safe &= islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_';
            CHECK(safe, "chart %s: a name is lower-case letters, digits and _ (it names files)", name);
            CHECK(ch->what && *ch->what && !strchr(ch->what, '\n'), "chart %s: no one-line `what`", name);
            CHECK(!ch->needs || (*ch->needs && !strchr(ch->needs, '\n')), "chart %s: `needs` empty or not one line",
                  name);
            CHECK(ch->make != NULL, "chart %s: no make()", name);
            check_parameters_named(name, ch->what);
            check_parameters_named(name, ch->needs);
            /* unique over every set: the files of all charts share one folder */
            for (size_t t = 0; t <= s; t++)
                for (size_t j = 0; j < (t == s ? i : portee_chart_sets[t]->n); j++)
                    CHECK(!ch->name || strcmp(ch->name, portee_chart_sets[t]->charts[j].name) != 0,
                          "chart name %s used twice", name);
            size_t used = 0;
            while (used < PORTEE_CHART_MAX_REFS && ch->refs[used].used) used++;
            for (size_t k = used; k < PORTEE_CHART_MAX_REFS; k++)
                CHECK(!ch->refs[k].used, "chart %s: ref %zu unused, ref %zu used (a slot left out)", name, used, k);
            if (!m) {
                CHECK(used == 0, "chart %s of a fit file reads model outputs", name);
                continue;
            }
            CHECK(used >= 1, "chart %s: reads no output", name);
            CHECK(used == PORTEE_CHART_MAX_REFS || portee_chart_ref(ch, used) == SIZE_MAX,
                  "chart %s: an unused ref gives an output", name);
            for (size_t k = 0; k < used; k++) {
                const portee_chart_ref_t *r = &ch->refs[k];
                if (!CHECK(r->output < m->n_outputs, "chart %s: ref %zu is output %zu of %s, which has %zu",
                           name, k, r->output, m->name, m->n_outputs))
                    continue;
                const bool series = portee_output_is_series(&m->outputs[r->output]);
                CHECK(r->series == series, "chart %s: reads %s.%s as a %s, but it is a %s", name, m->name,
                      m->outputs[r->output].name, r->series ? "series" : "single value",
                      series ? "series" : "single value");
            }
        }
    }
    CHECK(fit_sets == 2, "%zu chart sets for fit files, want 2 (portee fit adoption's and reach's)", fit_sets);
}

/* The path of a model's output for DATA is FORMAT with the model's and the
 * output's names in it (the layout of sim/results/h5write.c), or none when
 * FORMAT is NULL. */
static void check_path(const portee_model_t *m, size_t output, portee_chart_data_t data, const char *format)
{
    char buf[256] = "unchanged", want[256] = "";
    const bool ok = portee_chart_path(buf, sizeof buf, m, output, data);
    if (format) {
        snprintf(want, sizeof want, format, m->name, m->outputs[output].name);
        CHECK(ok && !strcmp(buf, want), "path of %s output %zu: '%s', want '%s'", m->name, output, ok ? buf : "(none)",
              want);
    } else {
        CHECK(!ok, "output %zu, data %d: a path '%s' where there is none", output, (int)data, buf);
    }
}

/* Tic labels in the chart's language, rounded; the tornado's noise line. */
static void check_tics(void)
{
    char buf[64];
    portee_tics_label_in(buf, sizeof buf, 109.99999999999999, PORTEE_LANG_EN);
    CHECK(!strcmp(buf, "110"), "float noise rounded: %s", buf);
    portee_tics_label_in(buf, sizeof buf, 2154.4346900318847, PORTEE_LANG_EN);
    CHECK(!strcmp(buf, "2,150"), "3 significant digits, grouped: %s", buf);
    portee_tics_label_in(buf, sizeof buf, 12500, PORTEE_LANG_FR);
    CHECK(!strcmp(buf, "12\xe2\x80\xaf" "500"), "French groups with a narrow no-break space: %s", buf);
    portee_tics_label_in(buf, sizeof buf, 0.25, PORTEE_LANG_FR);
    CHECK(!strcmp(buf, "0,25"), "French decimal comma: %s", buf);
    char *text = NULL;
    size_t len;
    FILE *f = open_memstream(&text, &len);
    if (!CHECK(f != NULL, "open_memstream")) return;
    const portee_tics_axis_t ax = {0, 0.1, false, 100, true, PORTEE_LANG_FR, 100};
    portee_tics_round(f, "xtics", &ax, 0, 0.1);
    fclose(f);
    CHECK(strstr(text, "'2' 0.02") && !strstr(text, "0.0990909"), "shares as round percentages: %s", text);
    free(text);
    CHECK(portee_chart_tornado_noise(10001) > 0.0299 && portee_chart_tornado_noise(10001) < 0.0301,
          "noise threshold 3/sqrt(n-1)");
}

static void check_paths(void)
{
    const portee_model_t *r = &portee_model_reach;
    check_path(r, REACH_OUT_TOTAL, PORTEE_CHART_SUMMARY, "%s/summary/%s");
    check_path(r, REACH_OUT_TOTAL, PORTEE_CHART_REPLICATES, "%s/replicates/%s");
    check_path(r, REACH_OUT_TOTAL, PORTEE_CHART_EDGES, "%s/histogram/%s/edges");
    check_path(r, REACH_OUT_TOTAL, PORTEE_CHART_COUNTS, "%s/histogram/%s/counts");
    check_path(r, REACH_OUT_HOURLY, PORTEE_CHART_SUMMARY, "%s/series/%s");
    check_path(r, REACH_OUT_HOURLY, PORTEE_CHART_REPLICATES, "%s/replicates/%s");
    check_path(r, REACH_OUT_HOURLY, PORTEE_CHART_EDGES, NULL); /* a series has no histogram */
    check_path(r, REACH_NOUTPUTS, PORTEE_CHART_SUMMARY, NULL);
    char tiny[8];
    CHECK(!portee_chart_path(tiny, sizeof tiny, NULL, 0, PORTEE_CHART_SUMMARY), "a path without a model");
    CHECK(!portee_chart_path(tiny, sizeof tiny, r, REACH_OUT_TOTAL, PORTEE_CHART_SUMMARY),
          "a path longer than its buffer is refused");
}

/* ---- every chart drawn from a results file written now ---- */

static const char scenario_head[] = "name: chart test\n"
                                    "seed: 11\n"
                                    "replicates: 40\n"
                                    "page:\n"
                                    "  followers: 500\n"
                                    "  reach_rate: {dist: uniform, min: 0.01, max: 0.15}\n"
                                    "reach:\n"
                                    "  hours: 12\n"
                                    "  horizon_weeks: 3\n"
                                    "  max_posts_seen: 4\n"
                                    "adoption:\n"
                                    "  horizon_years: 4\n"
                                    "  delay_years: 2\n"
                                    "  org_q: {dist: uniform, min: 0.1, max: 1.0}\n"
                                    "boost:\n"
                                    "  follower_share: 0.02\n"
                                    "  cpm: {dist: uniform, min: 4, max: 40}\n"
                                    "  max_frequency: 4\n"
                                    "plan:\n"
                                    "  weeks: 3\n"
                                    "  population: 20000\n"
                                    "  client_value: 100\n"
                                    "  facebook: {followers: 800, weekly_budget: 10, cpm: {dist: uniform, min: 4, max: 40}}\n"
                                    "  linkedin: {followers: 500, client_rate: 0.2}\n"
                                    "output:\n"
                                    "  replicates: true\n";

/* Runs the scenario (scenario_head and SWEEP) into PATH; false on failure. */
static bool run(const char *path, const char *sweep)
{
    char text[2048];
    snprintf(text, sizeof text, "%s%s", scenario_head, sweep);
    portee_error_t err = {0};
    portee_scenario_t *sc = NULL;
    portee_h5w_t *w = NULL;
    portee_status_t st = portee_scenario_load_text(&portee_registry, "chart-test.yaml", text, strlen(text), NULL, 0,
                                                   &sc, &err);
    if (!st) st = portee_h5w_open(path, sc, &w, &err);
    if (!st) {
        portee_engine_opts_t opts = {.threads = 1, .on_point = portee_h5w_point, .ctx = w};
        st = portee_engine_run(sc, &opts, &err);
        const portee_run_info_t info = {.threads = 1, .ranks = 1, .start_time = "2000-01-01T00:00:00Z"};
        if (st) portee_h5w_abort(w);
        else st = portee_h5w_commit(w, &info, NULL, &err);
    }
    portee_scenario_free(sc);
    CHECK(!st, "running the chart test scenario: %s", err.msg);
    return !st;
}

/* Every dataset a chart of the file's models reads is there, under the path
 * the chart derives, and the results reader finds its outputs. */
static void check_datasets(const portee_chart_ctx_t *base)
{
    for (size_t s = 0; s < portee_n_chart_sets; s++) {
        const portee_chart_set_t *set = portee_chart_sets[s];
        if (!set->model) continue;
        const portee_chart_ctx_t c = {.file = base->file, .results = base->results, .model = set->model};
        for (size_t i = 0; i < set->n; i++)
            for (size_t k = 0; k < PORTEE_CHART_MAX_REFS && set->charts[i].refs[k].used; k++) {
                const portee_chart_ref_t *r = &set->charts[i].refs[k];
                const portee_chart_data_t data[] = {PORTEE_CHART_SUMMARY, PORTEE_CHART_REPLICATES,
                                                    PORTEE_CHART_EDGES, PORTEE_CHART_COUNTS};
                for (size_t d = 0; d < (r->series ? 2 : 4); d++) {
                    char path[256] = "(none)";
                    CHECK(portee_chart_path(path, sizeof path, set->model, r->output, data[d]) &&
                              portee_h5file_has(c.file, path),
                          "chart %s: no dataset %s in the file", set->charts[i].name, path);
                }
                CHECK(r->series ? portee_chart_series(&c, r->output) != NULL : portee_chart_output(&c, r->output) != NULL,
                      "chart %s: the results reader has no output %zu of %s", set->charts[i].name, r->output,
                      set->model->name);
            }
        for (size_t j = 0; j < set->model->n_params; j++)
            CHECK(portee_chart_parameter(&c, j, 0) == portee_chart_parameter(&c, j, 0),
                  "%s.%s: not in the file's parameters", set->model->name, set->model->params[j].name);
    }
    const portee_chart_ctx_t reach = {.file = base->file, .results = base->results, .model = &portee_model_reach};
    CHECK(portee_chart_has_inputs(&reach, REACH_RATE), "reach.reach_rate's draws: not found");
    CHECK(!portee_chart_has_inputs(&reach, REACH_FOLLOWERS), "reach.followers is a constant: no draws");
}

/* Draws every chart of the file (fit file or not) and checks which were made. */
static void check_drawn(const char *h5, const char *dir, const char *const *want, size_t n_want,
                        bool check_data)
{
    portee_error_t err = {0};
    portee_results_t *results = NULL;
    portee_h5file_t *file = NULL;
    if (!CHECK(!portee_results_read(h5, &portee_registry, &results, &err) && !portee_h5file_open(h5, &file, &err),
               "%s: %s", h5, err.msg)) {
        portee_results_free(results);
        return;
    }
    portee_chart_ctx_t c = {.file = file, .results = results, .dir = dir};
    if (check_data) check_datasets(&c);
    for (size_t s = 0; s < portee_n_chart_sets; s++) {
        const portee_chart_set_t *set = portee_chart_sets[s];
        if (!set->model) continue;
        c.model = set->model;
        for (size_t i = 0; i < set->n; i++) {
            const portee_chart_t *ch = &set->charts[i];
            char *body = NULL, path[512];
            size_t len;
            c.body = open_memstream(&body, &len);
            const int made = c.body ? ch->make(&c, ch) : -1;
            if (c.body) fclose(c.body);
            bool wanted = false;
            for (size_t k = 0; k < n_want; k++) wanted |= !strcmp(want[k], ch->name);
            if (wanted)
                CHECK(made == 1 && body && strstr(body, "plot '"), "%s: chart %s not drawn (%d)", h5, ch->name, made);
            else
                CHECK(made >= 0, "%s: chart %s failed (%d)", h5, ch->name, made);
            free(body);
            snprintf(path, sizeof path, "%s/%s.dat", dir, ch->name);
            unlink(path);
        }
    }
    portee_h5file_close(file);
    portee_results_free(results);
}

static void check_files(void)
{
    char dir[] = "test_charts-XXXXXX";
    if (!CHECK(mkdtemp(dir) != NULL, "cannot make a working folder")) return;
    char h5[64];
    snprintf(h5, sizeof h5, "%s/budgets.h5", dir);
    static const char *const budget_charts[] = {
        "reach_distribution", "hourly_reach",     "weekly_followers", "weekly_reach",  "cumulative_reach",
        "posts_seen",         "sweep",            "tornado",          "adoption_curves", "adoption_times",
        "cost_of_delay",      "adoption_sweep",   "budget_response",  "boost_frequency", "boost_cost",
        "boost_tornado",      "adoption_tornado", "weekly_by_point"};
    if (run(h5, "sweep:\n  boost.budget: [10, 20, 40]\n"))
        check_drawn(h5, dir, budget_charts, sizeof budget_charts / sizeof *budget_charts, true);
    unlink(h5);
    snprintf(h5, sizeof h5, "%s/cpm.h5", dir);
    static const char *const cpm_charts[] = {"boost_sweep"};
    if (run(h5, "sweep:\n  boost.cpm: [5, 10]\n")) check_drawn(h5, dir, cpm_charts, 1, false);
    unlink(h5);
    CHECK(rmdir(dir) == 0, "%s: left files behind", dir);
}

int main(void)
{
    portee_h5_init();
    check_tables();
    check_paths();
    check_tics();
    check_files();
    return portee_test_summary("test_charts");
}
