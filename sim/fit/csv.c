#include "sim/fit/csv.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/base/textutil.h"

void portee_csv_series_free(portee_csv_series_t *s)
{
    if (!s) return;
    free(s->x);
    free(s->y);
    free(s->line);
    free(s->names[0]);
    free(s->names[1]);
    memset(s, 0, sizeof *s);
}

/* Valid UTF-8 (header names end up in HDF5 strings marked UTF-8). */
static bool utf8_ok(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const unsigned char c = s[i];
        const size_t more = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2
                          : c >= 0xf0 && c < 0xf5 ? 3 : 4;
        if (more == 4 || i + more >= n) return false;
        for (size_t k = 0; k < more; k++)
            if ((s[++i] & 0xc0) != 0x80) return false;
    }
    return true;
}

typedef struct {
    const char *start; /* first character after leading blanks */
    size_t len;        /* without trailing blanks */
    size_t col;        /* 1-based column of start */
} field_t;

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

portee_number_t portee_csv_parse_double(const char *s, size_t len, double *x)
{
    char buf[64];
    if (len == 0 || len >= sizeof buf) return PORTEE_NUMBER_BAD;
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (strspn(buf, "0123456789.eE+-") != len) return PORTEE_NUMBER_BAD;
    char *end;
    errno = 0;
    const double v = strtod(buf, &end);
    if (end == buf || *end) return PORTEE_NUMBER_BAD;
    /* strtod flags both ends of the range with ERANGE: an overflow returns
     * ±HUGE_VAL, an underflow 0 or a subnormal */
    if (!isfinite(v) || (errno == ERANGE && fabs(v) >= 1)) return PORTEE_NUMBER_TOO_LARGE;
    if (errno == ERANGE) return PORTEE_NUMBER_TOO_SMALL;
    *x = v;
    return PORTEE_NUMBER_OK;
}

/* "year" or "\"year\"": the name without quotes, malloc'd. */
static char *header_name(const field_t *fd)
{
    const char *s = fd->start;
    size_t n = fd->len;
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
        s++;
        n -= 2;
    }
    return strndup(s, n);
}

static const char *const column_name[2] = {"the time (column 1)", "the value (column 2)"};

static portee_status_t bad_number(const char *path, size_t line, const field_t *fd, int column,
                                  portee_number_t why, portee_error_t *err)
{
    const int shown = fd->len > 40 ? 40 : (int)fd->len;
    if (fd->len == 0)
        return portee_fail(err, PORTEE_EINPUT, "%s:%zu:%zu: expected a number for %s, got nothing",
                           path, line, fd->col, column_name[column]);
    if (why == PORTEE_NUMBER_TOO_LARGE)
        return portee_fail(err, PORTEE_EINPUT, "%s:%zu:%zu: %s '%.*s' is not a finite number (too large "
                                               "for a double)", path, line, fd->col, column_name[column],
                           shown, fd->start);
    if (why == PORTEE_NUMBER_TOO_SMALL)
        return portee_fail(err, PORTEE_EINPUT, "%s:%zu:%zu: %s '%.*s' is too small for a double (below "
                                               "2.2e-308); write 0 for zero", path, line, fd->col,
                           column_name[column], shown, fd->start);
    return portee_fail(err, PORTEE_EINPUT, "%s:%zu:%zu: expected a number for %s, got '%.*s'%s", path,
                       line, fd->col, column_name[column], shown, fd->start,
                       fd->start[0] == '"' ? " (numbers are not quoted)" : "");
}

static portee_status_t append(portee_csv_series_t *s, size_t *cap, double x, double y, size_t line)
{
    if (s->n == *cap) {
        const size_t c = *cap ? 2 * *cap : 64;
        double *nx = realloc(s->x, c * sizeof *nx);
        if (nx) s->x = nx;
        double *ny = realloc(s->y, c * sizeof *ny);
        if (ny) s->y = ny;
        size_t *nl = realloc(s->line, c * sizeof *nl);
        if (nl) s->line = nl;
        if (!nx || !ny || !nl) return PORTEE_ENOMEM;
        *cap = c;
    }
    s->x[s->n] = x;
    s->y[s->n] = y;
    s->line[s->n] = line;
    s->n++;
    return PORTEE_OK;
}

/* Splits one line (without its line break) into fields at commas. */
static size_t split(const char *line, size_t len, field_t *f, size_t max)
{
    size_t n = 0, at = 0;
    for (;;) {
        size_t a = at;
        while (a < len && is_blank(line[a])) a++;
        size_t b = a;
        while (b < len && line[b] != ',') b++;
        size_t e = b;
        while (e > a && is_blank(line[e - 1])) e--;
        if (n < max) f[n] = (field_t){line + a, e - a, a + 1};
        n++;
        if (b == len) return n;
        at = b + 1;
    }
}

/* The reading's state: the order of DD/MM dates, and the line of the first
 * data row, which decided whether times are dates (0: none yet). */
typedef struct {
    portee_date_order_t order;
    size_t kind_line;
    size_t cap;
} reader_t;

/* The time (column 1) of a data row: a number or, in a column of dates, a
 * date as a decimal year. */
static portee_status_t parse_time(const char *path, size_t lineno, const field_t *fd, portee_csv_series_t *s,
                                  reader_t *rd, double *x, portee_error_t *err)
{
    const bool date_like = portee_date_like(fd->start, fd->len);
    const int shown = fd->len > 40 ? 40 : (int)fd->len;
    if (!rd->kind_line) {
        rd->kind_line = lineno;
        s->dates = date_like;
    }
    if (!s->dates) {
        if (date_like)
            return portee_fail(err, PORTEE_EINPUT, "%s:%zu:%zu: expected a number for the time (column 1), as "
                                                   "on line %zu, got the date '%.*s' (a column holds numbers "
                                                   "or dates, not both)", path, lineno, fd->col, rd->kind_line,
                               shown, fd->start);
        const portee_number_t why = portee_csv_parse_double(fd->start, fd->len, x);
        return why ? bad_number(path, lineno, fd, 0, why, err) : PORTEE_OK;
    }
    double days, v;
    char why[160];
    if (!date_like) {
        char got[64];
        snprintf(got, sizeof got, fd->len ? "'%.*s'" : "nothing", shown, fd->start);
        return portee_fail(err, PORTEE_EINPUT, "%s:%zu:%zu: expected a date for the time (column 1), as on line "
                                               "%zu, got %s%s", path, lineno, fd->col, rd->kind_line, got,
                           portee_csv_parse_double(fd->start, fd->len, &v) == PORTEE_NUMBER_OK
                               ? " (a number: a column holds dates or numbers, not both; a year as a date "
                                 "is 2021-01-01)" : "");
    }
    if (!portee_date_parse(fd->start, fd->len, rd->order, &days, why, sizeof why))
        return portee_fail(err, PORTEE_EINPUT, "%s:%zu:%zu: the time (column 1) '%.*s' is not a date: %s", path,
                           lineno, fd->col, shown, fd->start, why);
    *x = portee_date_year(days);
    return PORTEE_OK;
}

/* One non-blank, non-comment line. */
static portee_status_t parse_line(const char *path, size_t lineno, const char *line, size_t len,
                                  bool first, portee_csv_series_t *s, reader_t *rd, portee_error_t *err)
{
    field_t f[3];
    const size_t n = split(line, len, f, 3);
    if (n == 1)
        return portee_fail(err, PORTEE_EINPUT, "%s:%zu:%zu: expected 2 comma-separated columns "
                                               "(time, value), found 1%s", path, lineno, len + 1,
                           memchr(line, ';', len) ? " (separated by ';'? use commas, and points in numbers)" : "");
    if (n > 2)
        return portee_fail(err, PORTEE_EINPUT, "%s:%zu:%zu: expected the end of the line after 2 "
                                               "columns (time, value), found %zu columns",
                           path, lineno, f[2].col, n);
    double v[2] = {0, 0};
    portee_number_t why[2];
    for (int c = 0; c < 2; c++) why[c] = portee_csv_parse_double(f[c].start, f[c].len, &v[c]);
    if (first && why[0] == PORTEE_NUMBER_BAD && why[1] == PORTEE_NUMBER_BAD && f[0].len && f[1].len &&
        !portee_date_like(f[0].start, f[0].len)) {
        for (int c = 0; c < 2; c++) {
            if (!utf8_ok((const unsigned char *)f[c].start, f[c].len))
                return portee_fail(err, PORTEE_EINPUT, "%s:%zu:%zu: the header is not valid UTF-8 text",
                                   path, lineno, f[c].col);
            if (!(s->names[c] = header_name(&f[c]))) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
        }
        return PORTEE_OK;
    }
    portee_status_t st = parse_time(path, lineno, &f[0], s, rd, &v[0], err);
    if (st) return st;
    if (why[1]) return bad_number(path, lineno, &f[1], 1, why[1], err);
    if (s->n == PORTEE_CSV_MAX_ROWS)
        return portee_fail(err, PORTEE_EINPUT, "%s:%zu: more than %u data rows; a series of (time, "
                                               "value) rows is far shorter", path, lineno, PORTEE_CSV_MAX_ROWS);
    if (append(s, &rd->cap, v[0], v[1], lineno)) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    return PORTEE_OK;
}

portee_status_t portee_csv_read_series(const char *path, portee_csv_series_t *s, portee_error_t *err)
{
    return portee_csv_read_series_order(path, PORTEE_DATE_MONTH_FIRST, s, err);
}

portee_status_t portee_csv_read_series_order(const char *path, portee_date_order_t order, portee_csv_series_t *s,
                                             portee_error_t *err)
{
    memset(s, 0, sizeof *s);
    char *text = NULL;
    size_t len = 0;
    reader_t rd = {order, 0, 0};
    portee_status_t st = portee_read_file(path, PORTEE_CSV_MAX_BYTES, &text, &len, err);
    if (st) return st;
    bool first = true;
    size_t lineno = 0, at = 0;
    if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3)) at = 3; /* a UTF-8 byte-order mark (spreadsheets) */
    while (at < len && !st) {
        lineno++;
        const char *line = text + at;
        const char *nl = memchr(line, '\n', len - at);
        size_t n = nl ? (size_t)(nl - line) : len - at;
        at += n + 1;
        if (n && line[n - 1] == '\r') n--;
        for (size_t i = 0; i < n && !st; i++) {
            const unsigned char c = (unsigned char)line[i];
            if ((c < 0x20 && c != '\t') || c == 0x7f)
                st = portee_fail(err, PORTEE_EINPUT, "%s:%zu:%zu: control character (byte 0x%02x); "
                                                     "expected text: is this a CSV file?", path, lineno, i + 1, c);
        }
        size_t lead = 0;
        while (lead < n && is_blank(line[lead])) lead++;
        if (st || lead == n || line[lead] == '#') continue;
        st = parse_line(path, lineno, line, n, first, s, &rd, err);
        first = false;
    }
    free(text);
    if (!st && s->n == 0)
        st = portee_fail(err, PORTEE_EINPUT, "%s: no data rows (%s); expected lines of time,value "
                                             "such as 2010,0.25", path,
                         len == 0 ? "the file is empty" : "only a header, comments or blank lines");
    return st;
}
