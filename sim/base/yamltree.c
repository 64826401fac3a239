#include "sim/base/yamltree.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errno.h>
#include <math.h>

#include <yaml.h>

#include "sim/base/textutil.h"

struct portee_ydoc {
    portee_ynode_t **nodes; /* every node, for freeing */
    size_t n, cap;
    char **srcs;            /* source names, owned */
    size_t n_srcs;
};

portee_ydoc_t *portee_ydoc_new(void) { return calloc(1, sizeof(portee_ydoc_t)); }

void portee_ydoc_free(portee_ydoc_t *doc)
{
    if (!doc) return;
    for (size_t i = 0; i < doc->n; i++) {
        free(doc->nodes[i]->scalar);
        free(doc->nodes[i]->items);
        free(doc->nodes[i]);
    }
    for (size_t i = 0; i < doc->n_srcs; i++) free(doc->srcs[i]);
    free(doc->srcs);
    free(doc->nodes);
    free(doc);
}

static portee_ynode_t *node_new(portee_ydoc_t *doc, portee_ynode_type_t type, const char *src,
                                int line, int col)
{
    if (doc->n == doc->cap) {
        size_t cap = doc->cap ? 2 * doc->cap : 64;
        portee_ynode_t **p = realloc(doc->nodes, cap * sizeof *p);
        if (!p) return NULL;
        doc->nodes = p;
        doc->cap = cap;
    }
    portee_ynode_t *nd = calloc(1, sizeof *nd);
    if (!nd) return NULL;
    nd->type = type;
    nd->src = src;
    nd->line = line;
    nd->col = col;
    doc->nodes[doc->n++] = nd;
    return nd;
}

static bool node_append(portee_ynode_t *parent, portee_ynode_t *child)
{
    if (parent->slots == parent->cap) {
        size_t cap = parent->cap ? 2 * parent->cap : 8;
        portee_ynode_t **p = realloc(parent->items, cap * sizeof *p);
        if (!p) return false;
        parent->items = p;
        parent->cap = cap;
    }
    parent->items[parent->slots++] = child;
    parent->n = parent->type == PORTEE_YNODE_MAP ? parent->slots / 2 : parent->slots;
    return true;
}

portee_ynode_t *portee_ynode_get(const portee_ynode_t *map, const char *key)
{
    if (!map || map->type != PORTEE_YNODE_MAP) return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (strcmp(map->items[2 * i]->scalar, key) == 0) return map->items[2 * i + 1];
    return NULL;
}

const char *portee_ynode_type_name(portee_ynode_type_t t)
{
    return t == PORTEE_YNODE_SCALAR ? "a single value"
           : t == PORTEE_YNODE_MAP  ? "a mapping (key: value lines)"
                                    : "a list";
}

portee_ynode_t *portee_ydoc_new_map(portee_ydoc_t *doc, const portee_ynode_t *at)
{
    return node_new(doc, PORTEE_YNODE_MAP, at->src, at->line, at->col);
}

portee_status_t portee_ydoc_map_set(portee_ydoc_t *doc, portee_ynode_t *map, const char *key,
                                    portee_ynode_t *value, portee_error_t *err)
{
    for (size_t i = 0; i < map->n; i++)
        if (strcmp(map->items[2 * i]->scalar, key) == 0) {
            map->items[2 * i + 1] = value;
            return PORTEE_OK;
        }
    portee_ynode_t *k = node_new(doc, PORTEE_YNODE_SCALAR, value->src, value->line, value->col);
    if (!k || !(k->scalar = strdup(key)) || !node_append(map, k) || !node_append(map, value))
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    k->plain = true;
    return PORTEE_OK;
}

void portee_ynode_map_remove(portee_ynode_t *map, const char *key)
{
    for (size_t i = 0; i < map->n; i++)
        if (strcmp(map->items[2 * i]->scalar, key) == 0) {
            memmove(&map->items[2 * i], &map->items[2 * i + 2], 2 * (map->n - i - 1) * sizeof *map->items);
            map->n--;
            map->slots -= 2;
            return;
        }
}

/* ---- parsing ---- */

typedef struct {
    char *name;
    portee_ynode_t *node;
} anchor_t;

typedef struct {
    portee_ydoc_t *doc;
    const char *src;
    portee_ynode_t *stack[PORTEE_YAML_MAX_DEPTH + 1];
    int depth;
    portee_ynode_t *root;
    anchor_t *anchors;
    size_t n_anchors;
    size_t n_aliases;
    size_t n_nodes;
    portee_error_t *err;
} builder_t;

__attribute__((format(printf, 3, 4))) static portee_status_t fail_at(builder_t *b,
                                                                    const yaml_mark_t *m,
                                                                    const char *fmt, ...)
{
    char what[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return portee_fail(b->err, PORTEE_EINPUT, "%s:%zu:%zu: %s", b->src, m->line + 1,
                       m->column + 1, what);
}

static portee_status_t oom(builder_t *b) { return portee_fail(b->err, PORTEE_ENOMEM, "out of memory"); }

static portee_status_t remember_anchor(builder_t *b, const yaml_char_t *anchor, portee_ynode_t *nd)
{
    if (!anchor) return PORTEE_OK;
    anchor_t *p = realloc(b->anchors, (b->n_anchors + 1) * sizeof *p);
    if (!p) return oom(b);
    b->anchors = p;
    if (!(p[b->n_anchors].name = strdup((const char *)anchor))) return oom(b);
    p[b->n_anchors++].node = nd;
    return PORTEE_OK;
}

/* Places a finished or opened node under the innermost open collection. */
static portee_status_t attach(builder_t *b, portee_ynode_t *nd, const yaml_mark_t *m)
{
    if (b->depth == 0) {
        b->root = nd;
        return PORTEE_OK;
    }
    portee_ynode_t *parent = b->stack[b->depth - 1];
    if (parent->type == PORTEE_YNODE_MAP && parent->slots % 2 == 0) {
        if (nd->type != PORTEE_YNODE_SCALAR)
            return fail_at(b, m, "a mapping key must be a plain name, not a list or mapping");
        if (parent->n >= PORTEE_YAML_MAX_KEYS)
            return fail_at(b, m, "more than %d keys in one mapping", PORTEE_YAML_MAX_KEYS);
        for (size_t i = 0; i < parent->n; i++)
            if (strcmp(parent->items[2 * i]->scalar, nd->scalar) == 0)
                return fail_at(b, m, "duplicate key '%.200s' (first at line %d)", nd->scalar,
                               parent->items[2 * i]->line);
    }
    return node_append(parent, nd) ? PORTEE_OK : oom(b);
}

static portee_status_t on_event(builder_t *b, const yaml_event_t *ev)
{
    const yaml_mark_t *m = &ev->start_mark;
    int line = (int)m->line + 1, col = (int)m->column + 1;
    portee_ynode_t *nd = NULL;
    portee_status_t st;

    switch (ev->type) {
    case YAML_SCALAR_EVENT:
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        if (++b->n_nodes > PORTEE_YAML_MAX_NODES)
            return fail_at(b, m, "document too large (more than %d values)", PORTEE_YAML_MAX_NODES);
        break;
    default:
        break;
    }

    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        if (!(nd = node_new(b->doc, PORTEE_YNODE_SCALAR, b->src, line, col))) return oom(b);
        if (!(nd->scalar = strndup((const char *)ev->data.scalar.value, ev->data.scalar.length)))
            return oom(b);
        if (strlen(nd->scalar) != ev->data.scalar.length)
            return fail_at(b, m, "a value contains a NUL character");
        nd->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        if ((st = remember_anchor(b, ev->data.scalar.anchor, nd))) return st;
        return attach(b, nd, m);
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        if (b->depth >= PORTEE_YAML_MAX_DEPTH)
            return fail_at(b, m, "nesting deeper than %d levels", PORTEE_YAML_MAX_DEPTH);
        nd = node_new(b->doc,
                      ev->type == YAML_SEQUENCE_START_EVENT ? PORTEE_YNODE_SEQ : PORTEE_YNODE_MAP,
                      b->src, line, col);
        if (!nd) return oom(b);
        if ((st = remember_anchor(b, ev->type == YAML_SEQUENCE_START_EVENT
                                             ? ev->data.sequence_start.anchor
                                             : ev->data.mapping_start.anchor,
                                  nd)))
            return st;
        if ((st = attach(b, nd, m))) return st;
        b->stack[b->depth++] = nd;
        return PORTEE_OK;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        b->depth--;
        return PORTEE_OK;
    case YAML_ALIAS_EVENT: {
        if (++b->n_aliases > PORTEE_YAML_MAX_ALIASES)
            return fail_at(b, m, "more than %d aliases (*name)", PORTEE_YAML_MAX_ALIASES);
        const char *name = (const char *)ev->data.alias.anchor;
        for (size_t i = b->n_anchors; i-- > 0;)
            if (strcmp(b->anchors[i].name, name) == 0) return attach(b, b->anchors[i].node, m);
        return fail_at(b, m, "alias '*%.200s' names no anchor defined before it", name);
    }
    default:
        return PORTEE_OK;
    }
}

static void offset_to_line(const char *text, size_t len, size_t offset, size_t *line, size_t *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < offset && i < len; i++) {
        if (text[i] == '\n') {
            ++*line;
            *col = 1;
        } else {
            ++*col;
        }
    }
}

portee_status_t portee_ydoc_parse(portee_ydoc_t *doc, const char *src, const char *text,
                                  size_t len, portee_ynode_t **root, portee_error_t *err)
{
    char **srcs = realloc(doc->srcs, (doc->n_srcs + 1) * sizeof *srcs);
    if (!srcs) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    doc->srcs = srcs;
    if (!(srcs[doc->n_srcs] = strdup(src))) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    builder_t b = {.doc = doc, .src = srcs[doc->n_srcs++], .err = err};

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);

    portee_status_t st = PORTEE_OK;
    int documents = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            const char *ctx = parser.context ? parser.context : "";
            size_t line = parser.problem_mark.line + 1, col = parser.problem_mark.column + 1;
            if (parser.error == YAML_READER_ERROR) /* bad encoding: libyaml gives a byte offset */
                offset_to_line(text, len, parser.problem_offset, &line, &col);
            const size_t at = parser.problem_mark.index;
            const bool tab = parser.error == YAML_SCANNER_ERROR && at < len && text[at] == '\t';
            st = portee_fail(err, PORTEE_EINPUT, "%s:%zu:%zu: %s: %s%s%s%s", b.src, line, col,
                             parser.error == YAML_READER_ERROR ? "not valid UTF-8 text"
                                                               : "YAML syntax error",
                             parser.problem ? parser.problem : "malformed input", *ctx ? " " : "",
                             ctx, tab ? " (a tab: YAML indents with spaces only)" : "");
            break;
        }
        if (ev.type == YAML_DOCUMENT_START_EVENT && ++documents > 1) {
            st = fail_at(&b, &ev.start_mark, "only one YAML document is allowed (found '---' again)");
            yaml_event_delete(&ev);
            break;
        }
        bool end = ev.type == YAML_STREAM_END_EVENT;
        st = on_event(&b, &ev);
        yaml_event_delete(&ev);
        if (st || end) break;
    }
    yaml_parser_delete(&parser);
    for (size_t i = 0; i < b.n_anchors; i++) free(b.anchors[i].name);
    free(b.anchors);
    if (st) return st;

    if (!b.root || (b.root->type == PORTEE_YNODE_SCALAR && b.root->plain &&
                    (!*b.root->scalar || strcmp(b.root->scalar, "~") == 0 ||
                     strcmp(b.root->scalar, "null") == 0))) {
        if (!(b.root = node_new(doc, PORTEE_YNODE_MAP, b.src, 1, 1))) return oom(&b);
    }
    *root = b.root;
    return PORTEE_OK;
}

/* ---- typed access ---- */

portee_status_t portee_ynode_fail(const portee_ynode_t *at, portee_error_t *err, const char *fmt, ...)
{
    char what[1536];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return portee_fail(err, PORTEE_EINPUT, "%s:%d:%d: %s", at->src, at->line, at->col, what);
}

bool portee_ynode_is_null(const portee_ynode_t *nd)
{
    if (nd->type != PORTEE_YNODE_SCALAR || !nd->plain) return false;
    const char *s = nd->scalar;
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

static portee_status_t expect_plain_scalar(const portee_ynode_t *nd, const char *what,
                                           const char *expected, portee_error_t *err)
{
    if (nd->type != PORTEE_YNODE_SCALAR)
        return portee_ynode_fail(nd, err, "%s: expected %s, got %s", what, expected,
                                 portee_ynode_type_name(nd->type));
    if (!nd->plain)
        return portee_ynode_fail(nd, err, "%s: expected %s, got the quoted text \"%.80s\"", what,
                                 expected, nd->scalar);
    if (portee_ynode_is_null(nd))
        return portee_ynode_fail(nd, err, "%s: expected %s, got nothing", what, expected);
    return PORTEE_OK;
}

portee_status_t portee_ynode_number(const portee_ynode_t *nd, const char *what, double *x,
                                    portee_error_t *err)
{
    portee_status_t st = expect_plain_scalar(nd, what, "a number", err);
    if (st) return st;
    /* decimal only: strtod would also read hex (0x10) and inf/nan */
    if (strspn(nd->scalar, "0123456789.eE+-") != strlen(nd->scalar))
        return portee_ynode_fail(nd, err, "%s: expected a number, got '%.80s'", what, nd->scalar);
    char *end;
    errno = 0;
    double v = strtod(nd->scalar, &end);
    if (end == nd->scalar || *end)
        return portee_ynode_fail(nd, err, "%s: expected a number, got '%.80s'", what, nd->scalar);
    if (!isfinite(v) || errno == ERANGE)
        return portee_ynode_fail(nd, err, "%s: '%.80s' is not a finite number", what, nd->scalar);
    *x = v;
    return PORTEE_OK;
}

portee_status_t portee_ynode_uint(const portee_ynode_t *nd, const char *what, uint64_t max,
                                  uint64_t *x, portee_error_t *err)
{
    portee_status_t st = expect_plain_scalar(nd, what, "a whole number", err);
    if (st) return st;
    const char *s = nd->scalar;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*s == '-' || end == s || *end) {
        double d;
        /* 1e6 and 20000.0 are whole numbers too */
        if (portee_ynode_number(nd, what, &d, NULL) == PORTEE_OK && d >= 0 && d == floor(d)) {
            if (d > (double)max || d >= 18446744073709551616.0)
                return portee_ynode_fail(nd, err, "%s: %.80s is too large; the maximum is %llu", what,
                                         s, (unsigned long long)max);
            *x = (uint64_t)d;
            return PORTEE_OK;
        }
        return portee_ynode_fail(nd, err, "%s: expected a whole number (at most %llu), got '%.80s'",
                                 what, (unsigned long long)max, s);
    }
    if (errno == ERANGE || v > max)
        return portee_ynode_fail(nd, err, "%s: %.80s is too large; the maximum is %llu", what, s,
                                 (unsigned long long)max);
    *x = v;
    return PORTEE_OK;
}

portee_status_t portee_ynode_bool(const portee_ynode_t *nd, const char *what, bool *x,
                                  portee_error_t *err)
{
    portee_status_t st = expect_plain_scalar(nd, what, "true or false", err);
    if (st) return st;
    static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "on", "On"};
    static const char *const no[] = {"false", "False", "FALSE", "no", "No", "off", "Off"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
        if (!strcmp(nd->scalar, yes[i])) return *x = true, PORTEE_OK;
        if (!strcmp(nd->scalar, no[i])) return *x = false, PORTEE_OK;
    }
    return portee_ynode_fail(nd, err, "%s: expected true or false, got '%.80s'", what, nd->scalar);
}

portee_status_t portee_ynode_string(const portee_ynode_t *nd, const char *what, size_t max_len,
                                    char **x, portee_error_t *err)
{
    if (nd->type != PORTEE_YNODE_SCALAR)
        return portee_ynode_fail(nd, err, "%s: expected text, got %s", what,
                                 portee_ynode_type_name(nd->type));
    /* characters, not bytes: libyaml hands over valid UTF-8, where every
     * byte but a continuation (10xxxxxx) starts one */
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)nd->scalar; *p; p++) chars += (*p & 0xC0) != 0x80;
    if (chars > max_len)
        return portee_ynode_fail(nd, err, "%s: longer than %zu characters", what, max_len);
    char *s = strdup(nd->scalar);
    if (!s) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    free(*x);
    *x = s;
    return PORTEE_OK;
}

portee_status_t portee_ynode_expect_map(const portee_ynode_t *nd, const char *what,
                                        portee_error_t *err)
{
    if (nd->type == PORTEE_YNODE_MAP) return PORTEE_OK;
    return portee_ynode_fail(nd, err, "%s: expected a mapping (indented 'key: value' lines), got %s",
                             what, portee_ynode_type_name(nd->type));
}

portee_status_t portee_ynode_check_keys(const portee_ynode_t *map, const char *what,
                                        const char *const *known, size_t n_known,
                                        portee_error_t *err)
{
    for (size_t i = 0; i < map->n; i++) {
        const portee_ynode_t *key = map->items[2 * i];
        bool found = false;
        for (size_t j = 0; j < n_known && !found; j++) found = !strcmp(key->scalar, known[j]);
        if (found) continue;
        char list[768] = "";
        size_t used = 0;
        for (size_t j = 0; j < n_known && used < sizeof list - 80; j++)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", j ? ", " : "", known[j]);
        const char *near = portee_suggest(key->scalar, known, n_known);
        if (near)
            return portee_ynode_fail(key, err, "unknown key '%.80s' in %s; did you mean '%s'? (known: %s)",
                                     key->scalar, what, near, list);
        return portee_ynode_fail(key, err, "unknown key '%.80s' in %s (known: %s)", key->scalar,
                                 what, list);
    }
    return PORTEE_OK;
}
