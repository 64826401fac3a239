/* charts.c — the list of chart sets: which charts go with which model of
 * models/registry.c (each set is defined next to its charts, in
 * plots/charts_MODEL.c), and those of the files of `portee fit adoption` and
 * `portee fit reach`.  A model added to
 * the registry needs its set here: tests/test_charts.c fails without it. */
#include "plots/charts.h"

const portee_chart_set_t *const portee_chart_sets[] = {&portee_charts_reach, &portee_charts_adoption,
                                                       &portee_charts_boost, &portee_charts_plan,
                                                       &portee_charts_fit, &portee_charts_fit_reach};
const size_t portee_n_chart_sets = sizeof portee_chart_sets / sizeof *portee_chart_sets;

const portee_chart_set_t *portee_charts_of(const portee_model_t *m)
{
    for (size_t i = 0; i < portee_n_chart_sets; i++)
        if (portee_chart_sets[i]->model == m) return portee_chart_sets[i];
    return NULL;
}
