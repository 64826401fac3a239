/* sections.c — the parameter sections of a scenario: `page:` (the page,
 * described once for every model, and its platform preset) and one section
 * per model, and what each key of them stands for, old names included.
 *
 * Precedence, lowest first: the tables' defaults, the platform preset, the
 * keys written.  A page parameter may be given in `page:` or, as before
 * portee 0.2, in the section of a model that reads it; given twice with
 * different values it is an error, since there is one page. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/base/textutil.h"
#include "sim/scenario/scenario_internal.h"

void portee_scenario_warn(portee_scenario_t *sc, const portee_ynode_t *at, const char *fmt, ...)
{
    if (sc->n_warnings == PORTEE_MAX_WARNINGS) return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char *w = malloc(strlen(msg) + strlen(at->src) + 48);
    if (!w) return; /* a warning is worth no failure */
    sprintf(w, "%s:%d:%d: %s", at->src, at->line, at->col, msg);
    sc->warnings[sc->n_warnings++] = w;
}

portee_key_t portee_key_resolve(const portee_registry_t *reg, const portee_model_t *m, const char *key)
{
    portee_key_t k = {.kind = PORTEE_KEY_UNKNOWN, .index = -1};
    const char *name = key;
    for (size_t a = 0; a < m->n_aliases; a++)
        if (!strcmp(m->aliases[a].old_name, key)) {
            name = m->aliases[a].new_name;
            k.renamed = true;
        }
    int pi = portee_model_param_index(m, name);
    char flat[128];
    if (pi < 0 && strchr(name, '.') && strlen(name) < sizeof flat) {
        /* a grouped parameter written as a path: plan.facebook.followers is
         * plan's facebook_followers (as in a nested `facebook:` map) */
        snprintf(flat, sizeof flat, "%s", name);
        for (char *c = flat; *c; c++)
            if (*c == '.') *c = '_';
        if ((pi = portee_model_param_index(m, flat)) >= 0) name = m->params[pi].name;
    }
    if (pi >= 0 && !m->params[pi].page) {
        k.kind = PORTEE_KEY_PARAM;
        k.index = pi;
        snprintf(k.now, sizeof k.now, "%s.%s", m->name, name);
    } else if (pi >= 0) {
        k.kind = PORTEE_KEY_PAGE;
        k.index = portee_registry_page_index(reg, name);
        k.renamed = true;
        snprintf(k.now, sizeof k.now, "page.%s", name);
    } else if (reg->preset_key && !strcmp(key, reg->preset_key)) {
        k.kind = PORTEE_KEY_PRESET;
        k.renamed = true;
        snprintf(k.now, sizeof k.now, "page.%s", key);
    }
    return k;
}

portee_status_t portee_key_unknown(const portee_registry_t *reg, const portee_model_t *m,
                                   const portee_ynode_t *key, bool sweep, portee_error_t *err)
{
    /* near misses among everything the section may say, page rows included
     * (written here they are the old spelling of page.NAME) */
    const char *known[PORTEE_MAX_PARAMS] = {NULL};
    for (size_t i = 0; i < m->n_params; i++) known[i] = m->params[i].name;
    const char *near = portee_suggest(key->scalar, known, m->n_params);
    const int pi = near ? portee_model_param_index(m, near) : -1;
    const bool page = pi >= 0 && m->params[pi].page;
    char list[2048] = "";
    for (size_t i = 0; i < m->n_params; i++)
        if (!m->params[i].page)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", list[0] ? ", " : "", known[i]);
    char what[160];
    if (sweep) snprintf(what, sizeof what, "sweep: '%s' has no parameter '%.80s'", m->name, key->scalar);
    else snprintf(what, sizeof what, "unknown key '%.80s' in '%s'", key->scalar, m->name);
    if (portee_registry_page_index(reg, key->scalar) >= 0)
        return portee_ynode_fail(key, err, "%s: '%s' is the page's (page.%s), and %s does not use it", what,
                                 key->scalar, key->scalar, m->name);
    return portee_ynode_fail(key, err, "%s%s%s%s%s (known: %s; and the page's, in page:)", what,
                             near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "",
                             page ? " (the page's: write it in page:)" : "", list);
}

/* Where each page parameter was set by a key, to refuse a second, different value. */
typedef struct {
    const portee_ynode_t *at[PORTEE_MAX_PAGE_PARAMS];
    const char *by[PORTEE_MAX_PAGE_PARAMS]; /* "page", or the model section */
} page_origin_t;

static bool same_value(const portee_dist_t *a, const portee_dist_t *b)
{
    if (a->kind != b->kind) return false;
    for (int i = 0; i < PORTEE_DIST_MAXFIELDS; i++)
        if (a->present[i] != b->present[i] || (a->present[i] && a->field[i] != b->field[i])) return false;
    return a->kind != PORTEE_DIST_CONST || a->field[0] == b->field[0];
}

/* A number or a distribution for def at val. */
static portee_status_t parse_value(const portee_param_def_t *def, const portee_ynode_t *val,
                                   const char *what, portee_dist_t *out, portee_error_t *err)
{
    if (val->type == PORTEE_YNODE_MAP) return portee_param_parse_dist(def, val, what, out, err);
    double x;
    portee_status_t st = portee_ynode_number(val, what, &x, err);
    if (!st) st = portee_param_check_value(def, x, val, what, err);
    if (!st) *out = portee_dist_const(x);
    return st;
}

static portee_status_t set_page(portee_scenario_t *sc, page_origin_t *o, int i, const portee_ynode_t *key,
                                const portee_ynode_t *val, const char *by, portee_error_t *err)
{
    const portee_param_def_t *def = &sc->registry->page[i];
    char what[128];
    snprintf(what, sizeof what, "%s.%s", by, def->name);
    portee_dist_t v;
    portee_status_t st = parse_value(def, val, what, &v, err);
    if (st) return st;
    if (o->at[i] && !same_value(&v, &sc->page.params[i]))
        return portee_ynode_fail(key, err,
                                 "%s: page.%s is already set at line %d (%s.%s) to another value: the "
                                 "page is described once, in page:",
                                 what, def->name, o->at[i]->line, o->by[i], def->name);
    o->at[i] = key;
    o->by[i] = by;
    sc->page.params[i] = v;
    return PORTEE_OK;
}

/* `platform: NAME` (in page:, or as before 0.2 in a model's section): the
 * preset's values, before every key written. */
static portee_status_t apply_preset(portee_scenario_t *sc, const portee_ynode_t *val, const char *what,
                                    portee_error_t *err)
{
    const portee_registry_t *reg = sc->registry;
    if (val->type != PORTEE_YNODE_SCALAR) return portee_ynode_fail(val, err, "%s: expected a name", what);
    for (size_t i = 0; i < reg->n_presets; i++) {
        const portee_preset_t *pr = &reg->presets[i];
        if (strcmp(pr->name, val->scalar) != 0) continue;
        for (size_t j = 0; j < PORTEE_PRESET_MAX && pr->param[j]; j++) {
            const char *name = pr->param[j], *dot = strchr(name, '.');
            if (!dot) {
                sc->page.params[portee_registry_page_index(reg, name)] = portee_dist_const(pr->value[j]);
                continue;
            }
            for (size_t mi = 0; mi < sc->n_models; mi++) {
                const portee_model_t *m = sc->models[mi].model;
                if (strlen(m->name) == (size_t)(dot - name) && !strncmp(m->name, name, (size_t)(dot - name)))
                    sc->models[mi].params[portee_model_param_index(m, dot + 1)] = portee_dist_const(pr->value[j]);
            }
        }
        sc->page.preset = pr->name;
        return PORTEE_OK;
    }
    const char *names[16];
    char list[256] = "";
    size_t n = 0;
    for (; n < reg->n_presets && n < 16; n++) {
        names[n] = reg->presets[n].name;
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", n ? ", " : "", names[n]);
    }
    const char *near = portee_suggest(val->scalar, names, n);
    return portee_ynode_fail(val, err, "%s: unknown %s '%.80s'%s%s%s (known: %s)", what, reg->preset_key,
                             val->scalar, near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "",
                             list);
}

/* The preset, wherever it is named: page: first, else (old) a model's section. */
static portee_status_t find_preset(portee_scenario_t *sc, const portee_ynode_t *root, portee_error_t *err)
{
    const portee_registry_t *reg = sc->registry;
    if (!reg->preset_key) return PORTEE_OK;
    const portee_ynode_t *page = portee_ynode_get(root, "page"), *at = NULL, *val = NULL;
    char what[128] = "";
    if (page && page->type == PORTEE_YNODE_MAP && (val = portee_ynode_get(page, reg->preset_key)))
        snprintf(what, sizeof what, "page.%s", reg->preset_key);
    for (size_t mi = 0; mi < sc->n_models; mi++) {
        const portee_model_t *m = sc->models[mi].model;
        const portee_ynode_t *sec = portee_ynode_get(root, m->name), *v;
        if (!sec || sec->type != PORTEE_YNODE_MAP || !(v = portee_ynode_get(sec, reg->preset_key))) continue;
        for (size_t i = 0; i < sec->n; i++)
            if (sec->items[2 * i + 1] == v) at = sec->items[2 * i];
        if (val)
            return portee_ynode_fail(at, err, "%s.%s: the %s is the page's, already given in page:", m->name,
                                     reg->preset_key, reg->preset_key);
        portee_scenario_warn(sc, at, "%s.%s is now page.%s (the page is described once for every model); "
                                     "the old key still works in this version",
                             m->name, reg->preset_key, reg->preset_key);
        snprintf(what, sizeof what, "%s.%s", m->name, reg->preset_key);
        val = v;
    }
    return val ? apply_preset(sc, val, what, err) : PORTEE_OK;
}

static portee_status_t parse_page(portee_scenario_t *sc, const portee_ynode_t *page, page_origin_t *o,
                                  portee_error_t *err)
{
    const portee_registry_t *reg = sc->registry;
    if (!page || portee_ynode_is_null(page)) return PORTEE_OK;
    portee_status_t st = portee_ynode_expect_map(page, "page", err);
    if (st) return st;
    const char *known[PORTEE_MAX_PAGE_PARAMS + 1];
    size_t n_known = 0;
    for (; n_known < reg->n_page; n_known++) known[n_known] = reg->page[n_known].name;
    if (reg->preset_key) known[n_known++] = reg->preset_key;
    if ((st = portee_ynode_check_keys(page, "'page'", known, n_known, err))) return st;
    for (size_t i = 0; i < page->n; i++) {
        const portee_ynode_t *key = page->items[2 * i], *val = page->items[2 * i + 1];
        const int pi = portee_registry_page_index(reg, key->scalar);
        if (pi < 0) continue; /* the preset: applied already */
        if ((st = set_page(sc, o, pi, key, val, "page", err))) return st;
        if (!sc->page.used[pi])
            portee_scenario_warn(sc, key, "page.%s: no model of this scenario uses it", key->scalar);
    }
    return PORTEE_OK;
}

/* GROUP names a group of parameters of m: some are called GROUP_NAME. */
static bool is_group(const portee_model_t *m, const char *group)
{
    const size_t n = strlen(group);
    for (size_t j = 0; j < m->n_params; j++)
        if (!strncmp(m->params[j].name, group, n) && m->params[j].name[n] == '_') return true;
    return false;
}

/* `facebook: {followers: 3000, weekly_budget: 50}` in plan: the parameters
 * facebook_followers and facebook_weekly_budget. */
static portee_status_t parse_group(portee_scenario_t *sc, size_t mi, const portee_ynode_t *group,
                                   const portee_ynode_t *map, portee_error_t *err)
{
    portee_model_cfg_t *cfg = &sc->models[mi];
    const portee_model_t *m = cfg->model;
    for (size_t i = 0; i < map->n; i++) {
        const portee_ynode_t *key = map->items[2 * i], *val = map->items[2 * i + 1];
        char name[160], what[200];
        snprintf(name, sizeof name, "%s_%s", group->scalar, key->scalar);
        const int pi = portee_model_param_index(m, name);
        if (pi < 0) {
            const char *known[PORTEE_MAX_PARAMS];
            char list[1024] = "";
            size_t n = 0;
            const size_t gl = strlen(group->scalar);
            for (size_t j = 0; j < m->n_params; j++)
                if (!strncmp(m->params[j].name, group->scalar, gl) && m->params[j].name[gl] == '_') {
                    known[n++] = m->params[j].name + gl + 1;
                    snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", n > 1 ? ", " : "",
                             known[n - 1]);
                }
            const char *near = portee_suggest(key->scalar, known, n);
            return portee_ynode_fail(key, err, "unknown key '%.80s' in '%s.%s'%s%s%s (known: %s)", key->scalar,
                                     m->name, group->scalar, near ? "; did you mean '" : "", near ? near : "",
                                     near ? "'?" : "", list);
        }
        snprintf(what, sizeof what, "%s.%s.%s", m->name, group->scalar, key->scalar);
        portee_status_t st = parse_value(&m->params[pi], val, what, &cfg->params[pi], err);
        if (st) return st;
    }
    return PORTEE_OK;
}

static portee_status_t parse_model(portee_scenario_t *sc, size_t mi, const portee_ynode_t *section,
                                   page_origin_t *o, portee_error_t *err)
{
    portee_model_cfg_t *cfg = &sc->models[mi];
    const portee_model_t *m = cfg->model;
    if (portee_ynode_is_null(section)) return PORTEE_OK;
    portee_status_t st = portee_ynode_expect_map(section, m->name, err);
    if (st) return st;
    for (size_t i = 0; i < section->n; i++) {
        const portee_ynode_t *key = section->items[2 * i], *val = section->items[2 * i + 1];
        const portee_key_t k = portee_key_resolve(sc->registry, m, key->scalar);
        if (k.kind == PORTEE_KEY_UNKNOWN && val->type == PORTEE_YNODE_MAP && is_group(m, key->scalar)) {
            if ((st = parse_group(sc, mi, key, val, err))) return st;
            continue;
        }
        if (k.kind == PORTEE_KEY_UNKNOWN) return portee_key_unknown(sc->registry, m, key, false, err);
        if (k.kind == PORTEE_KEY_PRESET) continue; /* find_preset's */
        if (k.renamed)
            portee_scenario_warn(sc, key, "%s.%s is now %s%s; the old key still works in this version",
                                 m->name, key->scalar, k.now,
                                 k.kind == PORTEE_KEY_PAGE ? " (the page is described once for every model)" : "");
        if (k.kind == PORTEE_KEY_PAGE) {
            if ((st = set_page(sc, o, k.index, key, val, m->name, err))) return st;
            continue;
        }
        if (k.renamed && portee_ynode_get(section, m->params[k.index].name))
            return portee_ynode_fail(key, err, "%s.%s: the old name of %s, which the section gives too",
                                     m->name, key->scalar, k.now);
        char what[128];
        snprintf(what, sizeof what, "%s.%s", m->name, m->params[k.index].name);
        if ((st = parse_value(&m->params[k.index], val, what, &cfg->params[k.index], err))) return st;
    }
    return PORTEE_OK;
}

portee_status_t portee_sections_parse(portee_scenario_t *sc, const portee_ynode_t *root, portee_error_t *err)
{
    const portee_registry_t *reg = sc->registry;
    for (size_t i = 0; i < reg->n_models; i++)
        for (size_t j = 0; j < reg->models[i]->n_params; j++)
            if (reg->models[i]->params[j].page && portee_registry_page_index(reg, reg->models[i]->params[j].name) < 0)
                return portee_fail(err, PORTEE_ERUNTIME, "model %s: its page parameter %s is not the page's",
                                   reg->models[i]->name, reg->models[i]->params[j].name);
    for (size_t i = 0; i < reg->n_models; i++) {
        const portee_model_t *m = reg->models[i];
        if (!portee_ynode_get(root, m->name)) continue;
        portee_model_cfg_t *cfg = &sc->models[sc->n_models++];
        cfg->model = m;
        for (size_t j = 0; j < m->n_params; j++) {
            cfg->params[j] = portee_dist_const(m->params[j].def);
            const int pi = m->params[j].page ? portee_registry_page_index(reg, m->params[j].name) : -1;
            if (pi >= 0) sc->page.used[pi] = true;
        }
    }
    for (size_t i = 0; i < reg->n_page; i++) sc->page.params[i] = portee_dist_const(reg->page[i].def);
    page_origin_t o;
    memset(&o, 0, sizeof o);
    portee_status_t st = find_preset(sc, root, err);
    if (!st) st = parse_page(sc, portee_ynode_get(root, "page"), &o, err);
    for (size_t mi = 0; mi < sc->n_models && !st; mi++)
        st = parse_model(sc, mi, portee_ynode_get(root, sc->models[mi].model->name), &o, err);
    if (st) return st;
    /* every model reads the one page */
    for (size_t mi = 0; mi < sc->n_models; mi++) {
        const portee_model_t *m = sc->models[mi].model;
        for (size_t j = 0; j < m->n_params; j++)
            if (m->params[j].page)
                sc->models[mi].params[j] = sc->page.params[portee_registry_page_index(reg, m->params[j].name)];
    }
    return PORTEE_OK;
}
