#include "sim/results/json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The length of the valid UTF-8 sequence at s, or 0: RFC 3629, as jansson
 * checks it (no overlong forms, surrogates or code points past U+10FFFF). */
static size_t utf8_length(const unsigned char *s)
{
    static const struct { unsigned char lo, hi; size_t n; unsigned long min; } lead[] = {
        {0xc2, 0xdf, 2, 0x80}, {0xe0, 0xef, 3, 0x800}, {0xf0, 0xf4, 4, 0x10000}};
    if (s[0] < 0x80) return 1;
    for (size_t k = 0; k < 3; k++) {
        if (s[0] < lead[k].lo || s[0] > lead[k].hi) continue;
        unsigned long cp = s[0] & (0x1fu >> k);
        for (size_t i = 1; i < lead[k].n; i++) { /* a NUL ends it: not a continuation byte */
            if ((s[i] & 0xc0) != 0x80) return 0;
            cp = cp << 6 | (s[i] & 0x3f);
        }
        return cp < lead[k].min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0 : lead[k].n;
    }
    return 0;
}

/* s when it is valid UTF-8 (NULL: ""), else a malloc'd copy in *copy with
 * U+FFFD for each stray byte; NULL when out of memory. */
static const char *utf8_text(const char *s, char **copy)
{
    *copy = NULL;
    if (!s) return "";
    const unsigned char *p = (const unsigned char *)s;
    size_t bad = 0, len = 0;
    for (size_t n; p[len]; len += n ? n : 1) bad += !(n = utf8_length(p + len));
    if (!bad) return s;
    char *out = malloc(len + 2 * bad + 1), *o = out; /* U+FFFD is 3 bytes */
    if (!out) return NULL;
    for (size_t i = 0, n; i < len; i += n ? n : 1) {
        n = utf8_length(p + i);
        memcpy(o, n ? s + i : "\xef\xbf\xbd", n ? n : 3);
        o += n ? n : 3;
    }
    *o = '\0';
    return *copy = out;
}

json_t *portee_json_number(double x)
{
    if (!isfinite(x)) return json_null();
    /* a whole number as %.17g writes it, without the ".0" jansson adds to a
     * real: readers that tell integers from reals (Python, jq) get 44, not 44.0 */
    if (x == trunc(x) && fabs(x) < 1e17) return json_integer((json_int_t)x);
    return json_real(x);
}

json_t *portee_json_count(uint64_t n)
{
    if (n <= INT64_MAX) return json_integer((json_int_t)n);
    char buf[24];
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)n);
    return json_string(buf);
}

json_t *portee_json_string(const char *s)
{
    char *copy;
    const char *t = utf8_text(s, &copy);
    json_t *j = t ? json_string(t) : NULL;
    free(copy);
    return j;
}

json_t *portee_json_summary(const portee_summary_t *s)
{
    const char *const names[] = {"mean", "sd", "se", "p05", "p25", "p50", "p75", "p95"};
    const double v[] = {s->mean, s->sd, s->se, s->p05, s->p25, s->p50, s->p75, s->p95};
    json_t *o = json_object();
    bool ok = portee_json_put(o, "n", portee_json_count(s->n));
    for (size_t i = 0; i < sizeof v / sizeof *v && ok; i++) ok = portee_json_put(o, names[i], portee_json_number(v[i]));
    return portee_json_done(o, ok);
}

bool portee_json_put(json_t *o, const char *key, json_t *v)
{
    char *copy;
    const char *k = utf8_text(key, &copy);
    const bool ok = json_object_set_new(o, k, v) == 0; /* frees v, o or k NULL too */
    free(copy);
    return ok;
}

bool portee_json_add(json_t *a, json_t *v) { return json_array_append_new(a, v) == 0; }

json_t *portee_json_done(json_t *v, bool ok)
{
    if (ok) return v;
    json_decref(v);
    return NULL;
}

portee_status_t portee_json_print(FILE *f, json_t *doc)
{
    /* compact: a sweep of thousands of points is one object per point, not a line per number */
    char *text = doc ? json_dumps(doc, JSON_COMPACT | JSON_REAL_PRECISION(17)) : NULL;
    json_decref(doc);
    if (!text) return PORTEE_ENOMEM;
    fputs(text, f);
    fputc('\n', f);
    free(text);
    return PORTEE_OK;
}
