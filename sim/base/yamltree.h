/* yamltree.h — a small, bounded YAML tree built from libyaml's event stream.
 *
 * Every node remembers where it came from (source name, 1-based line and
 * column) so later checks can report file:line:column.  Hostile input is
 * bounded: nesting depth, node count and aliases are capped, an alias shares
 * the anchored node rather than copying it, and mapping keys must be unique
 * scalars.  All nodes belong to the document and die with it. */
#ifndef PORTEE_YAMLTREE_H
#define PORTEE_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/base/status.h"

#define PORTEE_YAML_MAX_DEPTH 32
#define PORTEE_YAML_MAX_NODES 100000
#define PORTEE_YAML_MAX_ALIASES 64
#define PORTEE_YAML_MAX_KEYS 4096 /* per mapping */

typedef enum { PORTEE_YNODE_SCALAR, PORTEE_YNODE_MAP, PORTEE_YNODE_SEQ } portee_ynode_type_t;

typedef struct portee_ynode portee_ynode_t;
struct portee_ynode {
    portee_ynode_type_t type;
    const char *src; /* source name for messages: a path or "--set key" */
    int line, col;   /* 1-based */
    char *scalar;    /* SCALAR: text */
    bool plain;      /* SCALAR: unquoted (so `null`, `true`... keep their meaning) */
    portee_ynode_t **items; /* MAP: key0, value0, key1, value1...; SEQ: items */
    size_t n;               /* MAP: pairs; SEQ: items */
    size_t slots, cap;      /* used and allocated entries of items */
};

typedef struct portee_ydoc portee_ydoc_t;

portee_ydoc_t *portee_ydoc_new(void);
void portee_ydoc_free(portee_ydoc_t *doc);

/* Parses one YAML document from text into doc and returns its root (an empty
 * document gives an empty mapping).  src names the text in messages. */
portee_status_t portee_ydoc_parse(portee_ydoc_t *doc, const char *src, const char *text,
                                  size_t len, portee_ynode_t **root, portee_error_t *err);

/* Value for key in a mapping, or NULL. */
portee_ynode_t *portee_ynode_get(const portee_ynode_t *map, const char *key);
/* Sets key in map to value, replacing an existing value; may allocate. */
portee_status_t portee_ydoc_map_set(portee_ydoc_t *doc, portee_ynode_t *map, const char *key,
                                    portee_ynode_t *value, portee_error_t *err);
/* Removes key and its value from map, if there. */
void portee_ynode_map_remove(portee_ynode_t *map, const char *key);
/* A new empty mapping located like `at`. */
portee_ynode_t *portee_ydoc_new_map(portee_ydoc_t *doc, const portee_ynode_t *at);

const char *portee_ynode_type_name(portee_ynode_type_t t);



/* ---- typed access with located errors ----
 * Each fails with PORTEE_EINPUT and "src:line:col: <what>: <problem>", where
 * what names the key path ("page.followers"). */

/* "src:line:col: " + formatted message, as PORTEE_EINPUT. */
portee_status_t portee_ynode_fail(const portee_ynode_t *at, portee_error_t *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A plain `~`, `null` or empty value. */
bool portee_ynode_is_null(const portee_ynode_t *nd);
portee_status_t portee_ynode_number(const portee_ynode_t *nd, const char *what, double *x,
                                    portee_error_t *err);
portee_status_t portee_ynode_uint(const portee_ynode_t *nd, const char *what, uint64_t max,
                                  uint64_t *x, portee_error_t *err);
portee_status_t portee_ynode_bool(const portee_ynode_t *nd, const char *what, bool *x,
                                  portee_error_t *err);
/* A malloc'd copy of a text value of at most max_len characters (UTF-8). */
portee_status_t portee_ynode_string(const portee_ynode_t *nd, const char *what, size_t max_len,
                                    char **x, portee_error_t *err);
/* Fails unless nd is a mapping. */
portee_status_t portee_ynode_expect_map(const portee_ynode_t *nd, const char *what,
                                        portee_error_t *err);
/* Fails on the first key of map not among known, suggesting the nearest. */
portee_status_t portee_ynode_check_keys(const portee_ynode_t *map, const char *what,
                                        const char *const *known, size_t n_known,
                                        portee_error_t *err);
#endif
