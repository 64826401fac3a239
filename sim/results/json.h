/* json.h — building blocks for the JSON that `portee info` and `portee fit`
 * print, on jansson.
 *
 * A document is built whole, then written at once by portee_json_print, so
 * running out of memory prints nothing.  The value makers return NULL only
 * when memory runs out; portee_json_put and portee_json_add take over their
 * value (freeing it if they fail) and fail on a NULL one or a NULL
 * container, so a chain `ok = ok && portee_json_put(...)` stops at the first
 * failure without a leak, and portee_json_done frees what was half built.
 * A container filled after it is put holds a reference of its own
 * (json_incref) until filled, so a failed put cannot leave it dangling.
 *
 * Numbers keep 17 significant digits, so they read back as the same
 * doubles; NaN and infinities are null (JSON has neither).  A count above
 * 2^63 − 1 (jansson's integers are signed), which only a seed can reach, is
 * a string of its decimal digits.  Text that is not valid UTF-8 (a foreign
 * file's) has each stray byte replaced by U+FFFD; NULL text is "". */
#ifndef PORTEE_JSON_H
#define PORTEE_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "sim/base/status.h"
#include "sim/numeric/stats.h"

json_t *portee_json_number(double x);
json_t *portee_json_count(uint64_t n);
json_t *portee_json_string(const char *s);
/* {"n": ..., "mean": ..., "sd": ..., "se": ..., "p05": ..., ..., "p95": ...} */
json_t *portee_json_summary(const portee_summary_t *s);

/* o[key] = v, a[end] = v. */
bool portee_json_put(json_t *o, const char *key, json_t *v);
bool portee_json_add(json_t *a, json_t *v);
/* v when ok, else NULL after freeing v. */
json_t *portee_json_done(json_t *v, bool ok);

/* Writes doc (NULL: PORTEE_ENOMEM, nothing written), indented, with a final
 * newline, and frees it.  PORTEE_ENOMEM when it cannot be rendered. */
portee_status_t portee_json_print(FILE *f, json_t *doc);

#endif
