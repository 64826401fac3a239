#include "sim/scenario/target.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the outputs of m a target can name, for the message */
static void list_outputs(const portee_model_t *m, char *buf, size_t len)
{
    size_t at = 0;
    buf[0] = '\0';
    for (size_t o = 0; o < m->n_outputs && at < len; o++) {
        if (m->outputs[o].length_from) continue;
        at += (size_t)snprintf(buf + at, len - at, "%s%s", at ? ", " : "", m->outputs[o].name);
    }
}

portee_status_t portee_target_parse(const portee_registry_t *reg, const char *text, portee_target_t *t,
                                    portee_error_t *err)
{
    memset(t, 0, sizeof *t);
    const char *op = strpbrk(text, "<>=");
    if (!op || !((op[0] == '>' || op[0] == '<') && op[1] == '='))
        return portee_fail(err, PORTEE_EINPUT,
                           "target '%.200s': expected MODEL.OUTPUT >= VALUE or MODEL.OUTPUT <= VALUE, e.g. "
                           "'boost.incremental_reach >= 5000'",
                           text);
    char name[160];
    size_t n = (size_t)(op - text);
    while (n && isspace((unsigned char)text[n - 1])) n--;
    const char *start = text;
    while (isspace((unsigned char)*start) && start < op) start++, n--;
    if (n == 0 || n >= sizeof name)
        return portee_fail(err, PORTEE_EINPUT, "target '%.200s': no MODEL.OUTPUT before %.2s", text, op);
    memcpy(name, start, n);
    name[n] = '\0';
    char *dot = strchr(name, '.');
    if (!dot)
        return portee_fail(err, PORTEE_EINPUT, "target '%.200s': name the model and its output, as in "
                                               "boost.incremental_reach", text);
    *dot = '\0';
    const portee_model_t *m = portee_registry_lookup(reg, name);
    if (!m) {
        char known[512] = "";
        size_t at = 0;
        for (size_t i = 0; i < reg->n_models && at < sizeof known; i++)
            at += (size_t)snprintf(known + at, sizeof known - at, "%s%s", i ? ", " : "", reg->models[i]->name);
        return portee_fail(err, PORTEE_EINPUT, "target '%.200s': no model '%s' (known: %s)", text, name, known);
    }
    size_t o = 0;
    while (o < m->n_outputs && strcmp(m->outputs[o].name, dot + 1) != 0) o++;
    char known[2048];
    list_outputs(m, known, sizeof known);
    if (o == m->n_outputs)
        return portee_fail(err, PORTEE_EINPUT, "target '%.200s': %s has no output '%s' (known: %s)", text, m->name,
                           dot + 1, known);
    if (m->outputs[o].length_from)
        return portee_fail(err, PORTEE_EINPUT, "target '%.200s': %s.%s is a series (one value per %s); a target "
                                               "is one of the single values: %s",
                           text, m->name, dot + 1, m->outputs[o].step ? m->outputs[o].step : "step", known);
    char *end;
    const double x = strtod(op + 2, &end);
    while (isspace((unsigned char)*end)) end++;
    if (end == op + 2 || *end || !isfinite(x))
        return portee_fail(err, PORTEE_EINPUT, "target '%.200s': '%s' is not a number", text, op + 2);
    t->model = m;
    t->output = o;
    t->at_least = op[0] == '>';
    t->threshold = x;
    return PORTEE_OK;
}

void portee_target_format(const portee_target_t *t, char *buf, size_t len)
{
    snprintf(buf, len, "%s.%s %s %.10g", t->model->name, t->model->outputs[t->output].name,
             t->at_least ? ">=" : "<=", t->threshold);
}
