/* table.c — CSV tables with a header, on libcsv, every cell located. */
#include "sim/fit/table.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "sim/base/textutil.h"

typedef struct {
    char *text;
    portee_table_pos_t pos;
} cell_t;

typedef struct {
    cell_t *cells;
    size_t n, cap;
} row_t;

typedef struct {
    const char *path;
    const portee_table_spec_t *spec;
    portee_table_t *t;
    portee_error_t *err;
    portee_status_t st;           /* the first failure; parsing stops there */
    portee_table_pos_t here;      /* the byte being fed */
    portee_table_pos_t field_pos; /* where the cell being read started */
    bool field_started, row_started;
    row_t row, header;
    bool have_header;
    long col_of[PORTEE_TABLE_MAX_COLUMNS]; /* header cell of each wanted column, -1 if none */
    bool time_seen[PORTEE_TABLE_MAX_COLUMNS];
    size_t cap; /* rows allocated in t */
} parser_t;

static portee_status_t failf(parser_t *p, portee_table_pos_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The first failure wins: a located message "path:line:col: ...". */
static portee_status_t failf(parser_t *p, portee_table_pos_t at, const char *fmt, ...)
{
    if (p->st) return p->st;
    char msg[1800];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return p->st = portee_fail(p->err, PORTEE_EINPUT, "%s:%zu:%zu: %s", p->path, at.line, at.col, msg);
}

static portee_status_t oom(parser_t *p)
{
    if (!p->st) p->st = portee_fail(p->err, PORTEE_ENOMEM, "%s: out of memory", p->path);
    return p->st;
}

/* ASCII case-insensitive comparison of two cells, spaces around ignored. */
static bool same_name(const char *a, const char *b)
{
    while (*a == ' ' || *a == '\t') a++;
    while (*b == ' ' || *b == '\t') b++;
    size_t la = strlen(a), lb = strlen(b);
    while (la && (a[la - 1] == ' ' || a[la - 1] == '\t')) la--;
    while (lb && (b[lb - 1] == ' ' || b[lb - 1] == '\t')) lb--;
    if (la != lb) return false;
    for (size_t i = 0; i < la; i++)
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i])) return false;
    return true;
}

static void row_clear(row_t *r)
{
    for (size_t i = 0; i < r->n; i++) free(r->cells[i].text);
    r->n = 0;
}

static void row_free(row_t *r)
{
    row_clear(r);
    free(r->cells);
    memset(r, 0, sizeof *r);
}

/* "a, b, c" of the header's cells, for messages. */
static void header_list(const row_t *h, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < h->n && used + 8 < len; i++) {
        int w = snprintf(buf + used, len - used, "%s'%s'", i ? ", " : "", h->cells[i].text);
        if (w < 0 || (size_t)w >= len - used) {
            snprintf(buf + (len > 5 ? len - 5 : 0), len > 5 ? 5 : len, "...");
            return;
        }
        used += (size_t)w;
    }
}

/* ---- numbers ---- */

/* A plain decimal number: digits, one point, an exponent; no blanks, hex,
 * inf or nan (which strtod alone would take). */
static bool decimal(const char *s, double *x)
{
    if (!*s) return false;
    for (const char *c = s; *c; c++)
        if (!strchr("0123456789.eE+-", *c)) return false;
    if (!(isdigit((unsigned char)s[0]) || s[0] == '.' || ((s[0] == '+' || s[0] == '-') && s[1])))
        return false;
    char *end;
    errno = 0;
    const double v = strtod(s, &end);
    if (*end || !isfinite(v)) return false;
    *x = v;
    return true;
}

/* "1,234,567": groups of three digits after a first group of one to three. */
static bool thousands(const char *s, double *x)
{
    size_t first = strspn(s, "0123456789");
    if (first < 1 || first > 3 || s[first] != ',') return false;
    double v = 0;
    for (const char *c = s; *c; c++) {
        if (*c == ',') {
            if (strspn(c + 1, "0123456789") != 3 || (c[4] != ',' && c[4] != '\0')) return false;
            continue;
        }
        v = 10 * v + (*c - '0');
    }
    *x = v;
    return true;
}

static portee_status_t read_count(parser_t *p, const cell_t *c, const char *key, double *x)
{
    const char *s = c->text;
    if (!*s) return failf(p, c->pos, "empty %s cell: expected a whole number (fill it in, or remove the row)", key);
    const bool minus = s[0] == '-';
    const char *body = minus ? s + 1 : s;
    double v;
    if (strchr(body, ',')) {
        if (!thousands(body, &v))
            return failf(p, c->pos, "%s '%s': a comma in a number is read only as a thousands separator "
                                    "between groups of three digits (1,234); a decimal comma is not read",
                         key, s);
    } else if (body[0] == '+' || body[0] == '-' || !decimal(body, &v)) {
        return failf(p, c->pos, "%s '%s': expected a whole number (digits, or 1,234 with thousands "
                                "separators)", key, s);
    }
    if (minus && v > 0)
        return failf(p, c->pos, "%s %s is negative: expected a count of people (0 or more)", key, s);
    if (v != floor(v)) return failf(p, c->pos, "%s %s is not a whole number: expected a count of people", key, s);
    if (v > PORTEE_TABLE_MAX_COUNT) return failf(p, c->pos, "%s %s is too large (above 1e15)", key, s);
    *x = v;
    return PORTEE_OK;
}

static portee_status_t read_time(parser_t *p, const cell_t *c, size_t col, const char *key, double *x)
{
    const char *s = c->text;
    const size_t len = strlen(s);
    if (!len) return failf(p, c->pos, "empty %s cell: expected a date such as 2023-06-30 (or remove the row)", key);
    const bool date = portee_date_like(s, len);
    char why[256];
    if (date) {
        if (!portee_date_parse(s, len, p->spec->date_order, x, why, sizeof why))
            return failf(p, c->pos, "%s '%s': %s", key, s, why);
    } else if (!decimal(s, x)) {
        return failf(p, c->pos, "%s '%s': expected a date (2023-06-30, 2023-06-30T14:05, 06/30/2023) or a "
                                "time in years (2023.5)", key, s);
    }
    if (p->time_seen[col] && date != p->t->time_is_date[col])
        return failf(p, c->pos, "%s '%s': %s among %s: one column holds dates or numbers (years), not both",
                     key, s, date ? "a date" : "a number", date ? "numbers" : "dates");
    p->time_seen[col] = true;
    p->t->time_is_date[col] = date;
    return PORTEE_OK;
}

/* ---- the header ---- */

/* The header cell a mapping names for key, or NULL. */
static const char *mapped(const portee_table_spec_t *spec, const char *key)
{
    const size_t kl = strlen(key);
    for (size_t m = 0; m < spec->n_map; m++)
        if (!strncmp(spec->map[m], key, kl) && spec->map[m][kl] == '=') return spec->map[m] + kl + 1;
    return NULL;
}

static bool looks_like_data(const char *s)
{
    double x;
    return decimal(s, &x) || thousands(s, &x) || portee_date_like(s, strlen(s));
}

static portee_status_t resolve_columns(parser_t *p)
{
    const portee_table_spec_t *spec = p->spec;
    const row_t *h = &p->header;
    char list[1024];
    header_list(h, list, sizeof list);
    p->t->header_line = h->cells[0].pos.line;
    for (size_t c = 0; c < spec->n_columns; c++) {
        const portee_table_column_t *col = &spec->columns[c];
        const char *name = mapped(spec, col->key);
        p->col_of[c] = -1;
        for (size_t i = 0; i < h->n; i++) {
            const char *cell = h->cells[i].text;
            const bool match = name ? same_name(cell, name)
                                    : same_name(cell, col->key) || (col->alias && same_name(cell, col->alias));
            if (!match) continue;
            if (p->col_of[c] >= 0)
                return failf(p, h->cells[i].pos, "a second column for %s ('%s'; the first is column %ld of "
                                                 "the header, '%s'): rename one%s",
                             col->key, cell, p->col_of[c] + 1, h->cells[p->col_of[c]].text,
                             name ? "" : ", or choose with --column KEY=HEADER");
            p->col_of[c] = (long)i;
        }
        for (size_t d = 0; d < c && p->col_of[c] >= 0; d++)
            if (p->col_of[d] == p->col_of[c])
                return failf(p, h->cells[p->col_of[c]].pos, "column '%s' is read as both %s and %s: map one "
                                                            "of them elsewhere with --column",
                             h->cells[p->col_of[c]].text, spec->columns[d].key, col->key);
        if (p->col_of[c] < 0 && name)
            return failf(p, h->cells[0].pos, "no column '%s' (--column %s=%s); the header has %s", name,
                         col->key, name, list);
        if (p->col_of[c] < 0 && col->required) {
            const bool data = h->n && looks_like_data(h->cells[0].text);
            return failf(p, h->cells[0].pos, "no column '%s'%s%s; the header has %s%s", col->key,
                         col->alias ? " (or '" : "", col->alias ? col->alias : "", list,
                         data ? " (this line looks like data: the file needs a header line naming its "
                                "columns first)"
                              : ": name it so, or map it with --column KEY=HEADER");
        }
        if (p->col_of[c] >= 0 && !(p->t->header[c] = strdup(h->cells[p->col_of[c]].text))) return oom(p);
    }
    return p->st;
}

/* ---- rows ---- */

static bool is_header_again(const parser_t *p)
{
    if (p->row.n != p->header.n) return false;
    for (size_t i = 0; i < p->row.n; i++)
        if (!same_name(p->row.cells[i].text, p->header.cells[i].text)) return false;
    return true;
}

static portee_status_t grow(parser_t *p)
{
    if (p->t->n_rows < p->cap) return PORTEE_OK;
    const size_t cap = p->cap ? 2 * p->cap : 256;
    for (size_t c = 0; c < p->spec->n_columns; c++) {
        if (p->col_of[c] < 0) continue;
        double *v = realloc(p->t->value[c], cap * sizeof *v);
        if (v) p->t->value[c] = v;
        portee_table_pos_t *pos = realloc(p->t->pos[c], cap * sizeof *pos);
        if (pos) p->t->pos[c] = pos;
        if (!v || !pos) return oom(p);
    }
    p->cap = cap;
    return PORTEE_OK;
}

static portee_status_t data_row(parser_t *p)
{
    const row_t *r = &p->row;
    if (is_header_again(p))
        return failf(p, r->cells[0].pos, "the header line again (two exports pasted together?): "
                                         "remove this line");
    if (r->n != p->header.n) {
        const portee_table_pos_t at = r->n > p->header.n ? r->cells[p->header.n].pos : r->cells[r->n - 1].pos;
        return failf(p, at, "%zu cells in this row, %zu in the header: every row needs one cell per "
                            "column (quote a cell that holds a comma)",
                     r->n, p->header.n);
    }
    if (p->t->n_rows == PORTEE_TABLE_MAX_ROWS)
        return failf(p, r->cells[0].pos, "more than %u rows: split the file", PORTEE_TABLE_MAX_ROWS);
    if (grow(p)) return p->st;
    const size_t i = p->t->n_rows;
    for (size_t c = 0; c < p->spec->n_columns; c++) {
        if (p->col_of[c] < 0) continue;
        const portee_table_column_t *col = &p->spec->columns[c];
        const cell_t *cell = &r->cells[p->col_of[c]];
        p->t->pos[c][i] = cell->pos;
        portee_status_t st = col->kind == PORTEE_TABLE_TIME ? read_time(p, cell, c, col->key, &p->t->value[c][i])
                                                            : read_count(p, cell, col->key, &p->t->value[c][i]);
        if (st) return st;
    }
    p->t->n_rows++;
    return PORTEE_OK;
}

/* ---- libcsv callbacks ---- */

static void on_cell(void *s, size_t len, void *data)
{
    parser_t *p = data;
    if (p->st) return;
    row_t *r = &p->row;
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16;
        cell_t *cells = realloc(r->cells, cap * sizeof *cells);
        if (!cells) {
            oom(p);
            return;
        }
        r->cells = cells;
        r->cap = cap;
    }
    char *text = malloc(len + 1);
    if (!text) {
        oom(p);
        return;
    }
    if (len) memcpy(text, s, len);
    text[len] = '\0';
    /* an empty cell is where it would have started: at its delimiter */
    r->cells[r->n++] = (cell_t){text, p->field_started ? p->field_pos : p->here};
    p->field_started = false;
}

static void on_row(int c, void *data)
{
    (void)c;
    parser_t *p = data;
    p->row_started = false;
    p->field_started = false;
    if (p->st || p->row.n == 0) return;
    if (!p->have_header) {
        row_t tmp = p->header;
        p->header = p->row;
        p->row = tmp;
        p->have_header = true;
        resolve_columns(p);
    } else {
        data_row(p);
    }
    row_clear(&p->row);
}

static portee_status_t parse(parser_t *p, const char *text, size_t len)
{
    struct csv_parser csv;
    if (csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)) return oom(p);
    size_t i = 0;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) i = 3; /* a byte order mark */
    p->here = (portee_table_pos_t){1, 1};
    /* one byte at a time, so that each cell's start is known */
    for (; i < len && !p->st; i++) {
        const unsigned char b = (unsigned char)text[i];
        if (!p->row_started && p->here.col == 1 && b == '#') { /* a comment line */
            while (i + 1 < len && text[i + 1] != '\n') i++;
            continue;
        }
        if (b == '\0') {
            failf(p, p->here, "a NUL byte: this is not a text file");
            break;
        }
        if (!p->field_started && b != ' ' && b != '\t' && !(!p->row_started && (b == '\r' || b == '\n'))) {
            p->field_started = true;
            p->row_started = true;
            p->field_pos = p->here;
        }
        if (csv_parse(&csv, &b, 1, on_cell, on_row, p) != 1 && !p->st)
            failf(p, p->here, "a double quote inside a cell that is not quoted, or text after a closing "
                              "quote: a cell holding quotes must be quoted whole, its quotes doubled "
                              "(\"a \"\"b\"\" c\")");
        if (b == '\n') p->here = (portee_table_pos_t){p->here.line + 1, 1};
        else if ((b & 0xC0) != 0x80) p->here.col++; /* characters, not UTF-8 continuation bytes */
    }
    if (!p->st && csv_fini(&csv, on_cell, on_row, p) != 0 && !p->st)
        failf(p, p->field_pos, "a quoted cell that never ends: its closing double quote is missing");
    csv_free(&csv);
    return p->st;
}

portee_status_t portee_table_check_map(const portee_table_spec_t *spec, portee_error_t *err)
{
    const char *keys[PORTEE_TABLE_MAX_COLUMNS];
    char list[512] = "";
    for (size_t c = 0; c < spec->n_columns; c++) {
        keys[c] = spec->columns[c].key;
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", c ? ", " : "", keys[c]);
    }
    for (size_t m = 0; m < spec->n_map; m++) {
        const char *eq = strchr(spec->map[m], '=');
        if (!eq || eq == spec->map[m])
            return portee_fail(err, PORTEE_EINPUT, "--column '%s': expected KEY=HEADER, e.g. --column "
                                                   "reach=\"Post reach\" (keys: %s)", spec->map[m], list);
        char key[64];
        snprintf(key, sizeof key, "%.*s", (int)(eq - spec->map[m] < 63 ? eq - spec->map[m] : 63), spec->map[m]);
        size_t c = 0;
        while (c < spec->n_columns && strcmp(keys[c], key)) c++;
        if (c == spec->n_columns) {
            const char *near = portee_suggest(key, keys, spec->n_columns);
            return portee_fail(err, PORTEE_EINPUT, "--column '%s': no key '%s'%s%s%s (keys: %s)", spec->map[m],
                               key, near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "", list);
        }
        if (!eq[1]) return portee_fail(err, PORTEE_EINPUT, "--column '%s': the header name is empty", spec->map[m]);
        for (size_t o = 0; o < m; o++)
            if (!strncmp(spec->map[o], spec->map[m], (size_t)(eq - spec->map[m]) + 1))
                return portee_fail(err, PORTEE_EINPUT, "--column: %s is mapped twice ('%s' and '%s')", key,
                                   spec->map[o], spec->map[m]);
    }
    return PORTEE_OK;
}

portee_status_t portee_table_read(const char *path, const portee_table_spec_t *spec, portee_table_t *t,
                                  portee_error_t *err)
{
    memset(t, 0, sizeof *t);
    if (spec->n_columns > PORTEE_TABLE_MAX_COLUMNS)
        return portee_fail(err, PORTEE_EINPUT, "%s: too many columns asked for", path);
    portee_status_t st = portee_table_check_map(spec, err);
    if (st) return st;
    char *text;
    size_t len;
    if ((st = portee_read_file(path, PORTEE_TABLE_MAX_BYTES, &text, &len, err))) return st;
    parser_t p = {.path = path, .spec = spec, .t = t, .err = err};
    for (size_t c = 0; c < PORTEE_TABLE_MAX_COLUMNS; c++) p.col_of[c] = -1;
    st = parse(&p, text, len);
    bool empty = true; /* nothing but blanks (and a byte order mark) */
    for (size_t i = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0; i < len && empty; i++)
        empty = isspace((unsigned char)text[i]);
    free(text);
    if (!st && !p.have_header) {
        st = portee_fail(err, PORTEE_EINPUT, "%s:%zu:1: %s: expected a header line naming the columns, then one "
                                             "row per post",
                         path, p.here.line, empty ? "empty file" : "no header (only comments or blank lines)");
    }
    if (!st && t->n_rows == 0)
        st = portee_fail(err, PORTEE_EINPUT, "%s:%zu:1: no data rows after the header (line %zu)", path,
                         p.here.line, t->header_line);
    row_free(&p.row);
    row_free(&p.header);
    return st;
}

void portee_table_free(portee_table_t *t)
{
    if (!t) return;
    for (size_t c = 0; c < PORTEE_TABLE_MAX_COLUMNS; c++) {
        free(t->value[c]);
        free(t->pos[c]);
        free(t->header[c]);
    }
    memset(t, 0, sizeof *t);
}
