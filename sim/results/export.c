/* export.c — the CSV and XLSX writer of export.h. */
#include "sim/results/export.h"

#include <dlfcn.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "sim/base/tempfile.h"

/* libxlsxwriter, opened on the first XLSX rather than linked: it brings
 * libcrypto, whose relocations took a third of every command's start-up
 * (docs/performance.md, section 3).  The pointers take their types from
 * the library's own header, so a call through them is checked as a direct
 * call would be. */
static struct {
    __typeof__(&workbook_new_opt) workbook_new_opt;
    __typeof__(&workbook_add_format) workbook_add_format;
    __typeof__(&workbook_add_worksheet) workbook_add_worksheet;
    __typeof__(&workbook_close) workbook_close;
    __typeof__(&format_set_bold) format_set_bold;
    __typeof__(&worksheet_set_column) worksheet_set_column;
    __typeof__(&worksheet_write_string) worksheet_write_string;
    __typeof__(&worksheet_write_number) worksheet_write_number;
    __typeof__(&worksheet_freeze_panes) worksheet_freeze_panes;
    __typeof__(&lxw_strerror) lxw_strerror;
} xl;
static bool xl_loaded; /* the library stays open: its functions are called until exit */

static portee_status_t xlsx_load(portee_error_t *err)
{
    if (xl_loaded) return PORTEE_OK;
    void *h = dlopen(PORTEE_XLSXWRITER_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h)
        return portee_fail(err, PORTEE_ERUNTIME, "XLSX needs " PORTEE_XLSXWRITER_SONAME
                           " (apt-get install libxlsxwriter4), or write CSV: %s", dlerror());
    /* POSIX's way to a function pointer from dlsym (its object pointer) */
#define XL_SYM(name)                                                                                                \
    if (!(*(void **)&xl.name = dlsym(h, #name))) {                                                                  \
        dlclose(h);                                                                                                \
        return portee_fail(err, PORTEE_ERUNTIME, PORTEE_XLSXWRITER_SONAME " lacks " #name);                      \
    }
    XL_SYM(workbook_new_opt)
    XL_SYM(workbook_add_format)
    XL_SYM(workbook_add_worksheet)
    XL_SYM(workbook_close)
    XL_SYM(format_set_bold)
    XL_SYM(worksheet_set_column)
    XL_SYM(worksheet_write_string)
    XL_SYM(worksheet_write_number)
    XL_SYM(worksheet_freeze_panes)
    XL_SYM(lxw_strerror)
#undef XL_SYM
    xl_loaded = true;
    return PORTEE_OK;
}

#define MAX_COLS 64
#define CELL_TEXT 256

typedef struct {
    enum { EMPTY, TEXT, NUMBER } kind;
    char text[CELL_TEXT];
    double v;
} cell_t;

struct portee_export {
    portee_export_format_t format;
    portee_lang_t lang;
    char *path, *tmp;
    FILE *csv;
    bool own_csv;        /* the temporary's stream, closed here */
    bool csv_header;     /* the CSV's header is written */
    bool in_csv;         /* the current sheet's rows go to the CSV */
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold;
    uint32_t row;        /* the current sheet's next row */
    size_t n_cols, n;
    double width[MAX_COLS];
    cell_t cell[MAX_COLS];
};

portee_lang_t portee_export_lang(const portee_export_t *x) { return x->lang; }

double portee_export_round(double v, bool whole)
{
    if (!isfinite(v)) return v;
    if (whole) return round(v);
    char b[40];
    snprintf(b, sizeof b, "%.5e", v);
    return strtod(b, NULL);
}

/* The rounded V without float noise: "49.8272", "1250", "0.000123". */
static void number_text(char *buf, size_t len, double v, portee_lang_t lang)
{
    const double a = fabs(v);
    if (a == 0) snprintf(buf, len, "0");
    else if (a >= 1e15 || a < 1e-9) snprintf(buf, len, "%.6g", v);
    else {
        int dec = 5 - (int)floor(log10(a));
        if (dec < 0) dec = 0;
        snprintf(buf, len, "%.*f", dec, v);
        if (strchr(buf, '.')) {
            char *e = buf + strlen(buf) - 1;
            while (*e == '0') *e-- = '\0';
            if (*e == '.') *e = '\0';
        }
    }
    if (lang == PORTEE_LANG_FR)
        for (char *p = buf; *p; p++)
            if (*p == '.') *p = ',';
}

portee_status_t portee_export_open(const char *path, FILE *stream, portee_export_format_t format,
                                   portee_lang_t lang, portee_export_t **out, portee_error_t *err)
{
    *out = NULL;
    if (path && format == PORTEE_EXPORT_XLSX) {
        const portee_status_t st = xlsx_load(err);
        if (st) return st;
    }
    portee_export_t *x = calloc(1, sizeof *x);
    if (!x || (path && !(x->path = strdup(path)))) {
        free(x);
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    }
    x->format = path ? format : PORTEE_EXPORT_CSV;
    x->lang = lang;
    if (!path) {
        x->csv = stream;
        *out = x;
        return PORTEE_OK;
    }
    int fd;
    portee_status_t st = portee_temp_open(path, &x->tmp, &fd, err);
    if (st) {
        free(x->path);
        free(x);
        return st;
    }
    if (x->format == PORTEE_EXPORT_CSV) {
        if (!(x->csv = fdopen(fd, "w"))) close(fd);
        x->own_csv = true;
    } else {
        close(fd); /* libxlsxwriter writes the temporary by its name when the workbook closes */
        lxw_workbook_options wo = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
        x->wb = xl.workbook_new_opt(x->tmp, &wo);
        if (x->wb) {
            x->bold = xl.workbook_add_format(x->wb);
            xl.format_set_bold(x->bold);
        }
    }
    if (!x->csv && !x->wb) {
        portee_export_close(x, false, err);
        return portee_fail(err, PORTEE_ENOMEM, "%s: cannot start the file (out of memory)", path);
    }
    *out = x;
    return PORTEE_OK;
}

/* The widths of the sheet's columns, from their longest text. */
static void finish_sheet(portee_export_t *x)
{
    if (!x->ws) return;
    for (size_t c = 0; c < x->n_cols; c++) {
        double w = x->width[c] + 2;
        xl.worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, w < 8 ? 8 : w > 60 ? 60 : w, NULL);
    }
    x->ws = NULL;
}

static size_t text_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++) w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

static void csv_field(portee_export_t *x, const char *s)
{
    const char sep = x->lang == PORTEE_LANG_FR ? ';' : ',';
    if (!strchr(s, sep) && !strpbrk(s, "\"\r\n")) {
        fputs(s, x->csv);
        return;
    }
    fputc('"', x->csv);
    for (; *s; s++) {
        if (*s == '"') fputc('"', x->csv);
        fputc(*s, x->csv);
    }
    fputc('"', x->csv);
}

static portee_status_t csv_line(portee_export_t *x, const cell_t *cells, size_t n, portee_error_t *err)
{
    const char sep = x->lang == PORTEE_LANG_FR ? ';' : ',';
    for (size_t c = 0; c < n; c++) {
        if (c) fputc(sep, x->csv);
        if (cells[c].kind == TEXT) csv_field(x, cells[c].text);
        else if (cells[c].kind == NUMBER) {
            char b[64];
            number_text(b, sizeof b, cells[c].v, x->lang);
            fputs(b, x->csv);
        }
    }
    fputs("\r\n", x->csv); /* RFC 4180's line ends */
    if (ferror(x->csv))
        return portee_fail(err, PORTEE_EIO, "%s: write failed (disk full?)", x->path ? x->path : "output");
    return PORTEE_OK;
}

portee_status_t portee_export_sheet(portee_export_t *x, const char *name, const char *const *columns, size_t n,
                                    bool in_csv, portee_error_t *err)
{
    if (n > MAX_COLS) return portee_fail(err, PORTEE_EINPUT, "%s: %zu columns (at most %d)", name, n, MAX_COLS);
    if (x->format == PORTEE_EXPORT_XLSX) finish_sheet(x); /* with the previous sheet's columns */
    x->n_cols = n;
    x->n = 0;
    x->in_csv = in_csv;
    x->row = 0;
    if (x->format == PORTEE_EXPORT_CSV) {
        if (!in_csv || x->csv_header) return PORTEE_OK;
        x->csv_header = true;
        cell_t head[MAX_COLS];
        for (size_t c = 0; c < n; c++) {
            head[c].kind = TEXT;
            snprintf(head[c].text, CELL_TEXT, "%s", columns[c]);
        }
        return csv_line(x, head, n, err);
    }
    char safe[32]; /* Excel's limits: 31 characters, none of []:*?/\ */
    snprintf(safe, sizeof safe, "%s", name);
    for (char *p = safe; *p; p++)
        if (strchr("[]:*?/\\", *p)) *p = '_';
    if (!(x->ws = xl.workbook_add_worksheet(x->wb, safe)))
        return portee_fail(err, PORTEE_EINPUT, "%s: cannot add the sheet '%s'", x->path, safe);
    for (size_t c = 0; c < n; c++) {
        xl.worksheet_write_string(x->ws, 0, (lxw_col_t)c, columns[c], x->bold);
        x->width[c] = (double)text_width(columns[c]);
    }
    xl.worksheet_freeze_panes(x->ws, 1, 0);
    x->row = 1;
    return PORTEE_OK;
}

static cell_t *next(portee_export_t *x)
{
    if (x->n >= MAX_COLS) return NULL;
    return &x->cell[x->n++];
}

void portee_export_text(portee_export_t *x, const char *s)
{
    cell_t *c = next(x);
    if (!c) return;
    c->kind = s && *s ? TEXT : EMPTY;
    if (s) snprintf(c->text, CELL_TEXT, "%s", s);
}

void portee_export_num(portee_export_t *x, double v)
{
    cell_t *c = next(x);
    if (!c) return;
    c->kind = isfinite(v) ? NUMBER : EMPTY;
    c->v = portee_export_round(v, false);
}

void portee_export_whole(portee_export_t *x, double v)
{
    cell_t *c = next(x);
    if (!c) return;
    c->kind = isfinite(v) ? NUMBER : EMPTY;
    c->v = portee_export_round(v, true);
}

portee_status_t portee_export_row(portee_export_t *x, portee_error_t *err)
{
    while (x->n < x->n_cols) x->cell[x->n++].kind = EMPTY;
    const size_t n = x->n_cols;
    x->n = 0;
    if (x->format == PORTEE_EXPORT_CSV) return x->in_csv ? csv_line(x, x->cell, n, err) : PORTEE_OK;
    for (size_t c = 0; c < n; c++) {
        const cell_t *k = &x->cell[c];
        double w = 0;
        if (k->kind == TEXT) {
            xl.worksheet_write_string(x->ws, x->row, (lxw_col_t)c, k->text, NULL);
            w = (double)text_width(k->text);
        } else if (k->kind == NUMBER) {
            xl.worksheet_write_number(x->ws, x->row, (lxw_col_t)c, k->v, NULL);
            char b[64];
            number_text(b, sizeof b, k->v, x->lang);
            w = (double)strlen(b);
        }
        if (w > x->width[c]) x->width[c] = w;
    }
    if (x->row == LXW_ROW_MAX - 1)
        return portee_fail(err, PORTEE_EINPUT, "%s: more rows than a sheet holds (%u): export to CSV",
                           x->path, (unsigned)LXW_ROW_MAX);
    x->row++;
    return PORTEE_OK;
}

portee_status_t portee_export_close(portee_export_t *x, bool commit, portee_error_t *err)
{
    if (!x) return PORTEE_OK;
    portee_status_t st = PORTEE_OK;
    if (x->own_csv && x->csv) {
        if (fclose(x->csv) != 0 && commit)
            st = portee_fail(err, PORTEE_EIO, "%s: write failed (disk full?)", x->path);
    } else if (x->csv && commit && fflush(x->csv) != 0) {
        st = portee_fail(err, PORTEE_EIO, "write failed");
    }
    if (x->wb) {
        finish_sheet(x);
        const lxw_error e = xl.workbook_close(x->wb);
        if (e != LXW_NO_ERROR && commit && !st)
            st = portee_fail(err, PORTEE_EIO, "%s: %s", x->path, xl.lxw_strerror(e));
    }
    if (x->tmp) {
        if (commit && !st) {
            st = portee_temp_commit(x->tmp, x->path, err);
            x->tmp = NULL; /* freed by the commit */
        } else {
            unlink(x->tmp);
        }
    }
    free(x->tmp);
    free(x->path);
    free(x);
    return st;
}
