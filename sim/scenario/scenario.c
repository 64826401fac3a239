#include "sim/scenario/scenario_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/base/textutil.h"

/* Texts are copied into every results file and chart title: keep them sane. */
#define MAX_NAME 200
#define MAX_DESCRIPTION 4000

static const char *const top_keys_fixed[] = {"name", "description", "seed", "replicates", "page", "sweep",
                                             "output"};
#define N_FIXED (sizeof top_keys_fixed / sizeof *top_keys_fixed)

void portee_scenario_free(portee_scenario_t *sc)
{
    if (!sc) return;
    free(sc->source);
    free(sc->name);
    free(sc->description);
    for (size_t i = 0; i < sc->n_axes; i++) {
        free(sc->axes[i].path);
        free(sc->axes[i].values);
    }
    free(sc->design_points);
    free(sc->resolved);
    for (size_t i = 0; i < sc->n_warnings; i++) free(sc->warnings[i]);
    free(sc);
}

/* output.quantiles: [0.2, 0.8]: distinct levels strictly between 0 and 1,
 * kept in ascending order (the summaries' five are always there). */
static portee_status_t parse_quantiles(portee_scenario_t *sc, const portee_ynode_t *nd, portee_error_t *err)
{
    if (nd->type != PORTEE_YNODE_SEQ)
        return portee_ynode_fail(nd, err, "output.quantiles: expected a list of levels, e.g. [0.2, 0.8]");
    if (nd->n > PORTEE_MAX_QUANTILES)
        return portee_ynode_fail(nd, err, "output.quantiles: at most %d levels", PORTEE_MAX_QUANTILES);
    sc->n_quantiles = 0;
    for (size_t i = 0; i < nd->n; i++) {
        double q;
        portee_status_t st = portee_ynode_number(nd->items[i], "output.quantiles", &q, err);
        if (st) return st;
        if (!(q > 0 && q < 1))
            return portee_ynode_fail(nd->items[i], err, "output.quantiles: a level is a share strictly between 0 "
                                                        "and 1 (0.8 for the 80 %% quantile), got %g", q);
        size_t at = sc->n_quantiles;
        while (at > 0 && sc->quantiles[at - 1] > q) at--;
        if (at > 0 && sc->quantiles[at - 1] == q)
            return portee_ynode_fail(nd->items[i], err, "output.quantiles: %g appears twice", q);
        memmove(sc->quantiles + at + 1, sc->quantiles + at, (sc->n_quantiles - at) * sizeof *sc->quantiles);
        sc->quantiles[at] = q;
        sc->n_quantiles++;
    }
    return PORTEE_OK;
}

static portee_status_t parse_output(portee_scenario_t *sc, const portee_ynode_t *out,
                                    portee_error_t *err)
{
    if (portee_ynode_is_null(out)) return PORTEE_OK;
    portee_status_t st = portee_ynode_expect_map(out, "output", err);
    if (st) return st;
    static const char *const known[] = {"replicates", "histogram_bins", "max_size", "language", "currency",
                                        "quantiles"};
    if ((st = portee_ynode_check_keys(out, "'output'", known, 6, err))) return st;
    const portee_ynode_t *nd;
    if ((nd = portee_ynode_get(out, "replicates")) &&
        (st = portee_ynode_bool(nd, "output.replicates", &sc->keep_replicates, err)))
        return st;
    if ((nd = portee_ynode_get(out, "histogram_bins"))) {
        uint64_t bins;
        if ((st = portee_ynode_uint(nd, "output.histogram_bins", 1000, &bins, err))) return st;
        if (bins < 2) return portee_ynode_fail(nd, err, "output.histogram_bins: at least 2 bins");
        sc->histogram_bins = (unsigned)bins;
    }
    if ((nd = portee_ynode_get(out, "language")) &&
        (nd->type != PORTEE_YNODE_SCALAR || !portee_lang_parse(nd->scalar, &sc->language)))
        return portee_ynode_fail(nd, err, "output.language: en or fr");
    if ((nd = portee_ynode_get(out, "currency"))) {
        if (nd->type != PORTEE_YNODE_SCALAR || !portee_currency_valid(nd->scalar))
            return portee_ynode_fail(nd, err, "output.currency: an ISO 4217 code in capitals, such as USD, CAD or EUR");
        snprintf(sc->currency, sizeof sc->currency, "%s", nd->scalar);
    }
    if ((nd = portee_ynode_get(out, "quantiles")) && (st = parse_quantiles(sc, nd, err))) return st;
    if ((nd = portee_ynode_get(out, "max_size"))) {
        if ((st = portee_ynode_number(nd, "output.max_size", &sc->max_size_gb, err))) return st;
        if (!(sc->max_size_gb >= 0 && sc->max_size_gb <= 1e9))
            return portee_ynode_fail(nd, err, "output.max_size: gigabytes from 0 (no limit) to 1e9, got %g",
                                     sc->max_size_gb);
    }
    return PORTEE_OK;
}

/* The key of a sweep axis in the file, for messages (fallback: `at`). */
static const portee_ynode_t *sweep_key(const portee_ynode_t *root, const char *path,
                                       const portee_ynode_t *at)
{
    const portee_ynode_t *sweep = portee_ynode_get(root, "sweep");
    for (size_t i = 0; sweep && sweep->type == PORTEE_YNODE_MAP && i < sweep->n; i++)
        if (!strcmp(sweep->items[2 * i]->scalar, path)) return sweep->items[2 * i];
    return at;
}

/* A series' length must not vary between replicates or points: its parameter
 * must be a plain number and not swept. */
static portee_status_t check_lengths(const portee_scenario_t *sc, const portee_ynode_t *root,
                                     portee_error_t *err)
{
    for (size_t mi = 0; mi < sc->n_models; mi++) {
        const portee_model_t *m = sc->models[mi].model;
        const portee_ynode_t *at = portee_ynode_get(root, m->name);
        if (!at) at = root;
        for (size_t o = 0; o < m->n_outputs; o++) {
            const char *lp = m->outputs[o].length_from;
            if (!lp) continue;
            const int pi = portee_model_param_index(m, lp);
            if (sc->models[mi].params[pi].kind != PORTEE_DIST_CONST)
                return portee_ynode_fail(at, err,
                                         "%s.%s sets the length of the %s series: it must be a "
                                         "number, not a distribution",
                                         m->name, lp, m->outputs[o].name);
            for (size_t a = 0; a < sc->n_axes; a++)
                for (size_t t = 0; t < sc->axes[a].n_targets; t++)
                    if (sc->axes[a].target[t].model == mi && sc->axes[a].target[t].param == (size_t)pi)
                        return portee_ynode_fail(sweep_key(root, sc->axes[a].path, at), err,
                                             "sweep.%s: %s.%s sets the length of the %s series "
                                             "and cannot be swept; run one scenario per value",
                                             sc->axes[a].path, m->name, lp, m->outputs[o].name);
        }
    }
    return PORTEE_OK;
}

/* Every point's parameters must satisfy the model's cross-parameter check. */
static portee_status_t check_points(const portee_scenario_t *sc, const portee_ynode_t *root,
                                    portee_error_t *err)
{
    for (size_t mi = 0; mi < sc->n_models; mi++) {
        const portee_model_t *m = sc->models[mi].model;
        if (!m->check) continue;
        const portee_ynode_t *at = portee_ynode_get(root, m->name);
        if (!at) at = root;
        for (uint64_t p = 0; p < sc->n_points; p++) {
            portee_dist_t params[PORTEE_MAX_PARAMS];
            double lo[PORTEE_MAX_PARAMS], hi[PORTEE_MAX_PARAMS];
            portee_scenario_point_params(sc, mi, p, params);
            for (size_t i = 0; i < m->n_params; i++) {
                lo[i] = params[i].lo;
                hi[i] = params[i].hi;
            }
            char why[512];
            if (!m->check(lo, hi, why, sizeof why)) {
                if (sc->n_points == 1) return portee_ynode_fail(at, err, "%s: %s", m->name, why);
                return portee_ynode_fail(at, err, "%s at sweep point %llu: %s", m->name,
                                         (unsigned long long)p, why);
            }
        }
    }
    return PORTEE_OK;
}

/* An override of SECTION.KEY replaces the key wherever the file spells it:
 * page.KEY also as a key of the models that read it, a model's KEY also
 * under its old name (as before portee 0.2). */
static void forget_old_spellings(const portee_registry_t *reg, portee_ynode_t *root, const char *path)
{
    const char *dot = strchr(path, '.'), *key = dot + 1;
    const bool page = (size_t)(dot - path) == 4 && !strncmp(path, "page", 4);
    for (size_t i = 0; i < reg->n_models; i++) {
        const portee_model_t *m = reg->models[i];
        portee_ynode_t *sec = portee_ynode_get(root, m->name);
        if (!sec || sec->type != PORTEE_YNODE_MAP) continue;
        const int pi = portee_model_param_index(m, key);
        if (page && ((pi >= 0 && m->params[pi].page) || (reg->preset_key && !strcmp(key, reg->preset_key))))
            portee_ynode_map_remove(sec, key);
        if (page || strlen(m->name) != (size_t)(dot - path) || strncmp(m->name, path, (size_t)(dot - path))) continue;
        for (size_t a = 0; a < m->n_aliases; a++)
            if (!strcmp(m->aliases[a].new_name, key)) portee_ynode_map_remove(sec, m->aliases[a].old_name);
    }
}

/* "key.path=value": the value is YAML, so a distribution can be given inline. */
static portee_status_t apply_set(portee_scenario_t *sc, portee_ydoc_t *doc, portee_ynode_t *root,
                                 const char *set, portee_error_t *err)
{
    const char *eq = strchr(set, '=');
    if (!eq || eq == set || !eq[1])
        return portee_fail(err, PORTEE_EINPUT,
                           "--set %s: expected key.path=value, e.g. --set page.followers=5000", set);
    char path[256];
    size_t plen = (size_t)(eq - set);
    if (plen >= sizeof path) return portee_fail(err, PORTEE_EINPUT, "--set: key path too long");
    memcpy(path, set, plen);
    path[plen] = '\0';
    char src[300];
    snprintf(src, sizeof src, "--set %s", path);
    portee_ynode_t *value;
    portee_status_t st = portee_ydoc_parse(doc, src, eq + 1, strlen(eq + 1), &value, err);
    if (st) return st;
    /* model.KEY under an old name sets the key it is now, so that it
     * overrides what the file says there (page.followers, say) */
    char *first_dot = strchr(path, '.');
    if (first_dot && !strchr(first_dot + 1, '.')) {
        *first_dot = '\0';
        const portee_model_t *m = portee_registry_lookup(sc->registry, path);
        const portee_key_t k = m ? portee_key_resolve(sc->registry, m, first_dot + 1)
                                 : (portee_key_t){.kind = PORTEE_KEY_UNKNOWN};
        *first_dot = '.';
        if (k.kind != PORTEE_KEY_UNKNOWN && k.renamed) {
            portee_scenario_warn(sc, value, "%s is now %s; the old key still works in this version", path, k.now);
            snprintf(path, sizeof path, "%s", k.now);
        }
        forget_old_spellings(sc->registry, root, path);
    }

    portee_ynode_t *map = root;
    char *tok = path;
    for (;;) {
        char *dot = strchr(tok, '.');
        /* sweep axes are themselves dotted names: sweep.page.followers=[...] */
        if (map != root && map == portee_ynode_get(root, "sweep")) dot = NULL;
        if (!*tok || (dot && dot == tok))
            return portee_fail(err, PORTEE_EINPUT, "--set %s: empty name in key path", path);
        if (!dot) return portee_ydoc_map_set(doc, map, tok, value, err);
        *dot = '\0';
        portee_ynode_t *child = portee_ynode_get(map, tok);
        if (!child || portee_ynode_is_null(child)) {
            if (!(child = portee_ydoc_new_map(doc, value)) ||
                (st = portee_ydoc_map_set(doc, map, tok, child, err)))
                return st ? st : portee_fail(err, PORTEE_ENOMEM, "out of memory");
        } else if (child->type != PORTEE_YNODE_MAP) {
            return portee_fail(err, PORTEE_EINPUT, "--set %s: '%s' is a single value, not a section",
                               src + 6, tok);
        }
        map = child;
        tok = dot + 1;
    }
}

/* A run whose --set changes the page or a model is not the one its file's
 * name describes ("1,000 followers" run with page.followers=5000): the name,
 * which titles tables, charts and reports, says what was set, as typed,
 * unless a --set gives the name itself.  Left out: what a later set replaces
 * (the same key, or the map holding it), what a sweep axis overrides, and
 * seeds, replicates, outputs and sweeps, told elsewhere or the run's shape.
 * Sets are never cut: those that do not fit in MAX_NAME bytes become "...".
 * The name changes no number: resuming and merging compare runs without it
 * (h5part.h). */
static bool told_elsewhere(const char *key, size_t len)
{
    static const char *const keys[] = {"seed", "replicates", "output", "sweep", "description", "name"};
    for (size_t t = 0; t < sizeof keys / sizeof *keys; t++) {
        const size_t k = strlen(keys[t]);
        if (len >= k && !strncmp(key, keys[t], k) && (len == k || key[k] == '.')) return true;
    }
    return false;
}

/* True when a --set of KEY (len bytes) is undone by another set after it or
 * by a sweep axis of the same parameter. */
static bool overridden(const portee_scenario_t *sc, const char *const *sets, size_t n_sets, size_t i, size_t len)
{
    const char *key = sets[i];
    for (size_t j = i + 1; j < n_sets; j++) {
        const size_t lj = strcspn(sets[j], "=");
        if (lj <= len && !strncmp(sets[j], key, lj) && (lj == len || key[lj] == '.')) return true;
    }
    for (size_t a = 0; a < sc->n_axes; a++)
        if (strlen(sc->axes[a].path) == len && !strncmp(sc->axes[a].path, key, len)) return true;
    return false;
}

#define MORE ", ..."
static portee_status_t name_the_sets(portee_scenario_t *sc, const char *const *sets, size_t n_sets,
                                     portee_error_t *err)
{
    const char *fmt = portee_tr(sc->language, "%s, with %s");
    const size_t extra = strlen(fmt) - 4, room = MAX_NAME - extra - 3; /* "..." if the file's name is cut */
    char with[MAX_NAME + 1] = "";
    for (size_t i = 0; i < n_sets; i++) {
        const char *eq = strchr(sets[i], '=');
        if (!eq) continue;
        const size_t klen = (size_t)(eq - sets[i]);
        if (klen == 4 && !strncmp(sets[i], "name", 4)) return PORTEE_OK;
        if (told_elsewhere(sets[i], klen) || overridden(sc, sets, n_sets, i, klen)) continue;
        const char *value = eq + 1;
        while (*value == ' ' || *value == '\n' || *value == '\t') value++;
        char one[MAX_NAME + 1];
        const int n = snprintf(one, sizeof one, "%s%.*s = %s", with[0] ? ", " : "", (int)klen, sets[i], value);
        const size_t used = strlen(with);
        if (n < 0 || used + (size_t)n + strlen(MORE) > room) { /* whole sets only: a cut value could mislead */
            if (used + strlen(MORE) <= room) strcat(with, with[0] ? MORE : "...");
            break;
        }
        strcat(with, one);
    }
    if (!with[0]) return PORTEE_OK;
    for (char *c = with; *c; c++)
        if ((unsigned char)*c < 0x20) *c = ' '; /* a value's newlines: one line of title */
    /* the file's name gives way, marked, to what was set */
    const size_t keep = portee_utf8_prefix(sc->name, MAX_NAME - extra - strlen(with) - 3);
    char base[MAX_NAME + 1], *named = malloc(MAX_NAME + 1);
    if (!named) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    snprintf(base, sizeof base, "%.*s%s", (int)keep, sc->name, sc->name[keep] ? "..." : "");
    snprintf(named, MAX_NAME + 1, fmt, base, with);
    free(sc->name);
    sc->name = named;
    return PORTEE_OK;
}
#undef MORE

static portee_status_t build(portee_scenario_t *sc, const portee_ynode_t *root, portee_error_t *err)
{
    portee_status_t st = portee_ynode_expect_map(root, "the scenario", err);
    if (st) return st;
    const size_t n_models = sc->registry->n_models;
    const portee_model_t *const *models = sc->registry->models;
    const char *known[N_FIXED + PORTEE_MAX_MODELS];
    memcpy(known, top_keys_fixed, sizeof top_keys_fixed);
    for (size_t i = 0; i < n_models; i++) known[N_FIXED + i] = models[i]->name;
    if ((st = portee_ynode_check_keys(root, "the scenario", known, N_FIXED + n_models, err))) return st;

    const portee_ynode_t *nd;
    if ((nd = portee_ynode_get(root, "name")) &&
        (st = portee_ynode_string(nd, "name", MAX_NAME, &sc->name, err)))
        return st;
    if ((nd = portee_ynode_get(root, "description")) &&
        (st = portee_ynode_string(nd, "description", MAX_DESCRIPTION, &sc->description, err)))
        return st;
    if ((nd = portee_ynode_get(root, "seed")) &&
        (st = portee_ynode_uint(nd, "seed", UINT64_MAX, &sc->seed, err)))
        return st;
    if ((nd = portee_ynode_get(root, "replicates"))) {
        if ((st = portee_ynode_uint(nd, "replicates", PORTEE_MAX_REPLICATES, &sc->replicates, err)))
            return st;
        if (sc->replicates < 2)
            return portee_ynode_fail(nd, err, "replicates: at least 2 are needed for a standard error");
    }
    if ((st = portee_sections_parse(sc, root, err))) return st;
    if (sc->n_models == 0) {
        char list[256] = "";
        for (size_t i = 0; i < n_models; i++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s'%s:'", i ? ", " : "",
                     models[i]->name);
        return portee_ynode_fail(root, err, "the scenario runs no model: add a section for one of %s",
                                 list);
    }
    if ((nd = portee_ynode_get(root, "output")) && (st = parse_output(sc, nd, err))) return st;
    if ((nd = portee_ynode_get(root, "sweep")) && (st = portee_sweep_parse(sc, nd, err))) return st;
    if ((st = check_lengths(sc, root, err))) return st;
    return check_points(sc, root, err);
}

portee_status_t portee_scenario_load_text(const portee_registry_t *reg, const char *src,
                                          const char *text, size_t len, const char *const *sets,
                                          size_t n_sets, portee_scenario_t **out,
                                          portee_error_t *err)
{
    *out = NULL;
    portee_scenario_t *sc = calloc(1, sizeof *sc);
    portee_ydoc_t *doc = portee_ydoc_new();
    portee_status_t st = PORTEE_OK;
    if (!sc || !doc || !(sc->source = strdup(src)) || !(sc->name = strdup("unnamed scenario"))) {
        st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
        goto done;
    }
    sc->registry = reg;
    if (reg->n_models > PORTEE_MAX_MODELS) {
        st = portee_fail(err, PORTEE_ERUNTIME, "%zu models registered; a scenario holds at most %d",
                         reg->n_models, PORTEE_MAX_MODELS);
        goto done;
    }
    sc->seed = 1;
    sc->replicates = 10000;
    sc->n_points = 1;
    sc->keep_replicates = true;
    sc->histogram_bins = 40;
    sc->max_size_gb = 20;
    sc->language = PORTEE_LANG_EN;
    snprintf(sc->currency, sizeof sc->currency, "USD");

    portee_ynode_t *root;
    if ((st = portee_ydoc_parse(doc, src, text, len, &root, err))) goto done;
    if (n_sets && root->type != PORTEE_YNODE_MAP) {
        st = portee_ynode_expect_map(root, "the scenario", err);
        goto done;
    }
    for (size_t i = 0; i < n_sets; i++)
        if ((st = apply_set(sc, doc, root, sets[i], err))) goto done;
    if ((st = build(sc, root, err)) || (st = name_the_sets(sc, sets, n_sets, err))) goto done;
    st = portee_scenario_emit(sc, err);
done:
    portee_ydoc_free(doc);
    if (st) portee_scenario_free(sc);
    else *out = sc;
    return st;
}

portee_status_t portee_scenario_load(const portee_registry_t *reg, const char *path,
                                     const char *const *sets, size_t n_sets,
                                     portee_scenario_t **out, portee_error_t *err)
{
    if (!path)
        return portee_scenario_load_text(reg, "<default scenario>", portee_default_scenario,
                                         portee_default_scenario_len, sets, n_sets, out, err);
    char *text;
    size_t len;
    portee_status_t st = portee_read_file(path, PORTEE_SCENARIO_MAX_BYTES, &text, &len, err);
    if (st) return st;
    st = portee_scenario_load_text(reg, path, text, len, sets, n_sets, out, err);
    free(text);
    return st;
}
