/* cmd_params.c — `portee params`: every parameter a scenario can set, from
 * the registry's tables (the page's, then each model's). */
#include <stdio.h>
#include <string.h>

#include "models/registry.h"
#include "sim/base/textutil.h"
#include "sim/cli/cli.h"

static const char params_help[] =
    "usage: portee params [page|MODEL]\n"
    "\n"
    "Lists the parameters of the page (scenario section 'page:', shared by every\n"
    "model) and of each model: name, type, unit, default, valid range and meaning,\n"
    "then the model's outputs.  Any numeric parameter may also be a distribution drawn\n"
    "once per replicate:\n"
    "  {dist: beta, mean: M, sd: S}            (probabilities)\n"
    "  {dist: lognormal, median: M, sigma: S, min: A, max: B}\n"
    "  {dist: normal, mean: M, sd: S, min: A, max: B}\n"
    "  {dist: uniform, min: A, max: B}\n"
    "  {dist: triangular, min: A, mode: C, max: B}\n"
    "  {dist: pert, min: A, mode: C, max: B}\n"
    "A distribution must stay inside the parameter's range: a normal or lognormal\n"
    "needs min: and max: inside it when the range is bounded (min/max truncate it).\n";

static void print_param(const portee_param_def_t *p)
{
    char def[32], lo[32], hi[32];
    portee_format_double(def, sizeof def, p->def);
    portee_format_double(lo, sizeof lo, p->min);
    portee_format_double(hi, sizeof hi, p->max);
    printf("    %-22s %-11s default %-8s range [%s, %s]  %s\n      %s\n", p->name,
           portee_param_type_name(p->type), def, lo, hi, p->unit, p->help);
}

static void print_page(const portee_registry_t *reg)
{
    printf("page: the page, described once for every model\n\n  parameters (scenario section 'page:'; "
           "sweep them as page.NAME):\n");
    for (size_t i = 0; i < reg->n_page; i++) print_param(&reg->page[i]);
    if (reg->preset_key) {
        printf("\n  %s: a preset of values for the page and its audience, applied before the keys\n"
               "  written (which override it):\n",
               reg->preset_key);
        for (size_t i = 0; i < reg->n_presets; i++) {
            const portee_preset_t *pr = &reg->presets[i];
            printf("    %-10s %s\n", pr->name, pr->help);
            int col = 0; /* values wrapped within 86 columns */
            for (size_t j = 0; j < PORTEE_PRESET_MAX && pr->param[j]; j++) {
                char item[96];
                portee_format_double(item, sizeof item, pr->value[j]);
                const int w = (int)strlen(pr->param[j]) + (int)strlen(item) + 3;
                if (col == 0 || col + w > 86) col = printf("%s               ", col ? "\n" : "") - (col ? 1 : 0);
                else col += printf(", ");
                col += printf("%s %s", pr->param[j], item);
            }
            if (pr->param[0]) putchar('\n');
        }
    }
    putchar('\n');
}

static void print_model(const portee_model_t *m)
{
    printf("%s: %s\n\n  parameters (scenario section '%s:'):\n", m->name, m->help, m->name);
    char reads[512] = "";
    for (size_t i = 0; i < m->n_params; i++) {
        if (m->params[i].page)
            snprintf(reads + strlen(reads), sizeof reads - strlen(reads), "%s%s", reads[0] ? ", " : "",
                     m->params[i].name);
        else
            print_param(&m->params[i]);
    }
    if (reads[0]) printf("  from the page (page:): %s\n", reads);
    for (size_t a = 0; a < m->n_aliases; a++)
        printf("  renamed in portee 0.2: %s is now %s (the old name still works, with a warning)\n",
               m->aliases[a].old_name, m->aliases[a].new_name);
    printf("\n  outputs (HDF5 /%s/summary/NAME):\n", m->name);
    for (size_t o = 0; o < m->n_outputs; o++)
        printf("    %-22s %-12s %s%s\n", m->outputs[o].name, m->outputs[o].unit, m->outputs[o].help,
               o == m->main_output ? " (main output)" : "");
    putchar('\n');
}

int portee_cmd_params(int argc, char **argv)
{
    const char *which = NULL;
    for (int i = 1; i < argc; i++) {
        if (portee_cli_is_help(argv[i])) {
            fputs(params_help, stdout);
            return 0;
        }
        if (argv[i][0] == '-') return portee_cli_usage("params", "unknown option '%s'", argv[i]);
        which = argv[i];
    }
    const portee_registry_t *reg = &portee_registry;
    if (which && strcmp(which, "page") != 0 && !portee_registry_lookup(reg, which))
        return portee_cli_usage("params", "no model is called '%s' (nor is it page)", which);
    if (!which || !strcmp(which, "page")) print_page(reg);
    for (size_t i = 0; i < reg->n_models; i++)
        if (!which || !strcmp(which, reg->models[i]->name)) print_model(reg->models[i]);
    fputs(params_help + strlen("usage: portee params [page|MODEL]\n\n"), stdout);
    return 0;
}
