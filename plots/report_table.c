/* report_table.c — the report's summary table (report.h): a row per sweep
 * point and single-valued output, under a row naming the point by its
 * swept values, column headings on every page; and the printed table of a
 * fit file, in lines over as many pages as it needs. */
#include "plots/report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "models/registry.h"
#include "sim/results/labels.h"

static size_t outputs_of(const portee_results_t *r)
{
    size_t n = 0;
    for (size_t m = 0; m < r->n_models; m++) n += r->models[m].n_outputs;
    return n;
}

void portee_report_table_layout(const portee_results_t *r, portee_report_table_t *t)
{
    const size_t R = PORTEE_REPORT_TABLE_ROWS;
    memset(t, 0, sizeof *t);
    t->points = r->n_points;
    t->rows_per_point = outputs_of(r) + (r->n_axes ? 1 : 0);
    if (t->rows_per_point == 0) t->rows_per_point = 1;
    /* a point's rows stay on one page when they fit; a longer point goes
     * on over pages, its heading repeated */
    if (t->rows_per_point <= R) {
        t->points_per_page = R / t->rows_per_point;
        t->pages_per_point = 1;
        t->pages = (int)((t->points + t->points_per_page - 1) / t->points_per_page);
    } else {
        t->points_per_page = 1;
        t->pages_per_point = (t->rows_per_point - 1 + R - 2) / (R - 1);
        t->pages = (int)(t->points * t->pages_per_point);
    }
    if (t->pages < 1) t->pages = 1;
}

/* The unit text of a swept parameter ("page.followers", "boost.budget"). */
static const char *axis_unit(const char *path)
{
    const char *dot = strchr(path, '.');
    if (!dot) return "";
    const size_t len = (size_t)(dot - path);
    if (len == 4 && !strncmp(path, "page", 4)) {
        for (size_t j = 0; j < portee_registry.n_page; j++)
            if (!strcmp(portee_registry.page[j].name, dot + 1)) return portee_registry.page[j].unit;
        return "";
    }
    for (size_t m = 0; m < portee_registry.n_models; m++) {
        const portee_model_t *mod = portee_registry.models[m];
        if (strlen(mod->name) != len || strncmp(mod->name, path, len)) continue;
        for (size_t j = 0; j < mod->n_params; j++)
            if (!strcmp(mod->params[j].name, dot + 1)) return mod->params[j].unit;
    }
    return "";
}

/* V to 3 significant digits, so a sampled design's 9178.37 reads 9,180 */
static double sig3(double v)
{
    if (v == 0 || !isfinite(v)) return v;
    const double scale = pow(10, 3 - ceil(log10(fabs(v))));
    return round(v * scale) / scale;
}

/* "Point 3 of 64: budget $5 · followers 5,000" */
static void point_heading(char *buf, size_t len, const portee_results_t *r, size_t p, bool continued,
                          portee_lang_t lang)
{
    int k = snprintf(buf, len, portee_tr(lang, "Point %llu of %llu:"), (unsigned long long)p + 1,
                     (unsigned long long)r->n_points);
    for (size_t a = 0; a < r->n_axes && k > 0 && (size_t)k < len; a++) {
        char v[160];
        portee_label_value(v, sizeof v, r->axes[a], axis_unit(r->axes[a]), sig3(r->axis_values[p * r->n_axes + a]),
                           r->currency, lang);
        k += snprintf(buf + k, len - (size_t)k, "%s%s", a ? " · " : " ", v);
    }
    if (continued && k > 0 && (size_t)k < len) snprintf(buf + k, len - (size_t)k, " %s", portee_tr(lang, "(continued)"));
}

/* Columns: output, unit, mean, median, 5th and 95th percentiles. */
static const double col_x[] = {0, 220, 385, 460, 535, 645, 762};
static const portee_report_align_t col_align[] = {PORTEE_ALIGN_LEFT,  PORTEE_ALIGN_LEFT,  PORTEE_ALIGN_RIGHT,
                                                  PORTEE_ALIGN_RIGHT, PORTEE_ALIGN_RIGHT, PORTEE_ALIGN_RIGHT};
#define ROW_H 13.5
#define TOP 100.0

static void cells(portee_report_doc_t *d, double y, const char *font, const char *const text[6])
{
    for (int c = 0; c < 6; c++)
        portee_doc_cell(d, PORTEE_REPORT_MARGIN + col_x[c] + 4, y + 1.5, col_x[c + 1] - col_x[c] - 10, font,
                           col_align[c], text[c]);
}

static void page_head(portee_report_doc_t *d, const portee_results_t *r)
{
    const portee_lang_t l = d->lang;
    const double x = PORTEE_REPORT_MARGIN, w = PORTEE_REPORT_W - 2 * x;
    portee_report_text(d, x, 34, w, "Bold 15", PORTEE_ALIGN_LEFT, portee_tr(l, "Summary of every output"));
    char note[400], reps[64];
    portee_fmt_fixed(reps, sizeof reps, (double)r->replicates, 0, l);
    snprintf(note, sizeof note,
             portee_tr(l, "Each row summarises %s runs of the model: their mean, their median, and the values "
                          "5 %% of the runs fall below and 5 %% above."),
             reps);
    portee_report_text(d, x, 58, w, "8.5", PORTEE_ALIGN_LEFT, note);
    const char *head[6] = {portee_tr(l, "Output"),         portee_tr(l, "Unit"),
                           portee_tr(l, "Mean"),           portee_tr(l, "Median"),
                           portee_tr(l, "5th percentile"), portee_tr(l, "95th percentile")};
    cells(d, TOP - ROW_H - 4, "Bold 7.5", head);
    portee_report_rule(d, x, x + w, TOP - 2, 0.3);
}

static void output_row(portee_report_doc_t *d, const portee_results_t *r, size_t p, size_t m, size_t o, double y)
{
    const portee_lang_t l = d->lang;
    const portee_results_output_t *out = &r->models[m].outputs[o];
    const char *unit = out->def ? out->def->unit : (out->units ? out->units : "");
    char path[256], u[96], v[4][64];
    snprintf(path, sizeof path, "%s.%s", r->models[m].name, out->name);
    portee_unit_text(u, sizeof u, unit, r->currency, l);
    const portee_summary_t *s = &out->rows[p];
    const double x[4] = {s->mean, s->p50, s->p05, s->p95};
    for (int k = 0; k < 4; k++) portee_unit_value(v[k], sizeof v[k], x[k], unit, r->currency, l);
    const char *text[6] = {portee_label(path, l), u, v[0], v[1], v[2], v[3]};
    cells(d, y, "7.5", text);
}

void portee_report_table_draw(portee_report_doc_t *d, const portee_results_t *r, const portee_report_table_t *t)
{
    const double x0 = PORTEE_REPORT_MARGIN, x1 = PORTEE_REPORT_W - PORTEE_REPORT_MARGIN;
    const size_t R = PORTEE_REPORT_TABLE_ROWS;
    size_t row = 0; /* on the page */
    bool open = false;
    for (size_t p = 0; p < t->points; p++) {
        if (open && row + t->rows_per_point > R) {
            portee_report_page_end(d);
            open = false;
        }
        size_t k = 0; /* the point's output rows drawn */
        bool continued = false;
        for (;;) {
            if (!open) {
                page_head(d, r);
                open = true;
                row = 0;
            }
            if (r->n_axes) {
                char h[2048];
                point_heading(h, sizeof h, r, p, continued, d->lang);
                const double y = TOP + (double)row * ROW_H;
                portee_report_band(d, x0, x1, y, y + ROW_H, 0.92);
                portee_doc_cell(d, x0 + 4, y + 1.5, x1 - x0 - 8, "Bold 7.5", PORTEE_ALIGN_LEFT, h);
                row++;
            }
            size_t i = 0;
            for (size_t m = 0; m < r->n_models; m++)
                for (size_t o = 0; o < r->models[m].n_outputs; o++, i++) {
                    if (i < k || row >= R) continue;
                    output_row(d, r, p, m, o, TOP + (double)row * ROW_H);
                    row++;
                    k++;
                }
            if (k >= i) break;
            portee_report_page_end(d);
            open = false;
            continued = true;
        }
        portee_report_rule(d, x0, x1, TOP + (double)row * ROW_H, 0.8);
    }
    if (!open) page_head(d, r); /* a file without points still gets its page */
    portee_report_text(d, x0, TOP + (double)row * ROW_H + 8, x1 - x0, "Italic 8", PORTEE_ALIGN_LEFT,
                       portee_tr(d->lang, "Outputs that change hour by hour or week by week are in the charts."));
    portee_report_page_end(d);
}

int portee_report_text_pages(size_t lines)
{
    const size_t R = PORTEE_REPORT_TEXT_ROWS;
    return lines ? (int)((lines + R - 1) / R) : 1;
}

/* A line of a table printed for a terminal: its columns are parted by two
 * spaces or more; each piece is placed where its first character was, at a
 * monospace character's width, so columns stay aligned in a proportional
 * font (narrower than the monospace one it was printed for). */
static void text_line(portee_report_doc_t *d, double x, double y, const char *line)
{
    const double cw = 5.6; /* wider than any digit or letter of the 8-point font */
    const size_t n = strlen(line);
    size_t i = 0;
    while (i < n) {
        while (i < n && line[i] == ' ') i++;
        size_t j = i;
        while (j < n && !(line[j] == ' ' && (j + 1 >= n || line[j + 1] == ' '))) j++;
        if (j > i) {
            char piece[512];
            snprintf(piece, sizeof piece, "%.*s", (int)(j - i), line + i);
            /* the column in characters, not bytes: UTF-8 continuation bytes do not count */
            size_t col = 0;
            for (size_t k = 0; k < i; k++) col += ((unsigned char)line[k] & 0xC0) != 0x80;
            const double at = x + (double)col * cw;
            portee_doc_cell(d, at, y, PORTEE_REPORT_W - PORTEE_REPORT_MARGIN - at, "8", PORTEE_ALIGN_LEFT,
                               piece);
        }
        i = j;
    }
}


void portee_report_text_draw(portee_report_doc_t *d, const char *heading, char **lines, size_t n)
{
    const size_t R = PORTEE_REPORT_TEXT_ROWS;
    const double x = PORTEE_REPORT_MARGIN, w = PORTEE_REPORT_W - 2 * x;
    size_t i = 0;
    do {
        portee_report_text(d, x, 34, w, "Bold 15", PORTEE_ALIGN_LEFT, heading);
        for (size_t k = 0; k < R && i < n; k++, i++) text_line(d, x, 70 + (double)k * 13.5, lines[i]);
        portee_report_page_end(d);
    } while (i < n);
}
