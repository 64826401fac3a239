/* reach_posts.c — a page's post export, read and checked row by row. */
#include "sim/fit/reach_fit_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const portee_table_column_t portee_posts_columns[PORTEE_POSTS_NCOLUMNS] = {
    [PORTEE_POSTS_DATE] = {"date", NULL, PORTEE_TABLE_TIME, true},
    [PORTEE_POSTS_FOLLOWERS] = {"followers", NULL, PORTEE_TABLE_COUNT, true},
    [PORTEE_POSTS_REACH] = {"reach", NULL, PORTEE_TABLE_COUNT, true},
    [PORTEE_POSTS_VIRAL] = {"viral", "reach_from_shares", PORTEE_TABLE_COUNT, false},
    [PORTEE_POSTS_SHARES] = {"shares", NULL, PORTEE_TABLE_COUNT, false},
    [PORTEE_POSTS_ENGAGEMENTS] = {"engagements", NULL, PORTEE_TABLE_COUNT, false},
    [PORTEE_POSTS_IMPRESSIONS] = {"impressions", NULL, PORTEE_TABLE_COUNT, false},
};

/* followers' own upper bound in the model's table */
#define FOLLOWERS_MAX 1e9

double portee_posts_direct(const portee_posts_t *p, size_t i)
{
    const double *v = p->count[PORTEE_POSTS_VIRAL];
    return p->count[PORTEE_POSTS_REACH][i] - (v ? v[i] : 0);
}

/* The per-row checks, each located at the cell at fault. */
static portee_status_t check_rows(const char *path, const portee_table_t *t, portee_error_t *err)
{
    const double *F = t->value[PORTEE_POSTS_FOLLOWERS], *y = t->value[PORTEE_POSTS_REACH];
    const double *v = t->value[PORTEE_POSTS_VIRAL], *s = t->value[PORTEE_POSTS_SHARES];
    const double *e = t->value[PORTEE_POSTS_ENGAGEMENTS], *im = t->value[PORTEE_POSTS_IMPRESSIONS];
#define AT(c) path, t->pos[c][i].line, t->pos[c][i].col
    for (size_t i = 0; i < t->n_rows; i++) {
        if (F[i] < 1)
            return portee_fail(err, PORTEE_EINPUT, "%s:%zu:%zu: followers 0: a post needs a page with "
                                                   "followers (remove the row)", AT(PORTEE_POSTS_FOLLOWERS));
        if (F[i] > FOLLOWERS_MAX)
            return portee_fail(err, PORTEE_EINPUT, "%s:%zu:%zu: followers %.0f: above the model's 1e9",
                               AT(PORTEE_POSTS_FOLLOWERS), F[i]);
        if (v && v[i] > y[i])
            return portee_fail(err, PORTEE_EINPUT, "%s:%zu:%zu: viral %.0f is above reach %.0f: the people "
                                                   "reached through shares are part of the reach",
                               AT(PORTEE_POSTS_VIRAL), v[i], y[i]);
        const double direct = y[i] - (v ? v[i] : 0);
        if (direct > F[i])
            return portee_fail(err, PORTEE_EINPUT,
                               v ? "%s:%zu:%zu: reach %.0f less viral %.0f is above followers %.0f: the "
                                   "followers reached directly cannot outnumber the followers"
                                 : "%s:%zu:%zu: reach %.0f is above followers %.0f: the followers reached "
                                   "cannot outnumber the followers (if people reached through shares are "
                                   "counted in reach, give them as a viral column: --column viral=HEADER)",
                               AT(PORTEE_POSTS_REACH), y[i], v ? v[i] : F[i], F[i]);
        if (s && s[i] > y[i])
            return portee_fail(err, PORTEE_EINPUT, "%s:%zu:%zu: shares %.0f is above reach %.0f: only people "
                                                   "reached can share", AT(PORTEE_POSTS_SHARES), s[i], y[i]);
        if (e && e[i] > y[i])
            return portee_fail(err, PORTEE_EINPUT, "%s:%zu:%zu: engagements %.0f is above reach %.0f: the "
                                                   "model counts people who engage, at most those reached",
                               AT(PORTEE_POSTS_ENGAGEMENTS), e[i], y[i]);
        if (im && im[i] < y[i])
            return portee_fail(err, PORTEE_EINPUT, "%s:%zu:%zu: impressions %.0f is below reach %.0f: every "
                                                   "person reached saw the post at least once",
                               AT(PORTEE_POSTS_IMPRESSIONS), im[i], y[i]);
    }
#undef AT
    return PORTEE_OK;
}

typedef struct {
    double time;
    size_t row;
} order_t;

static int by_time(const void *a, const void *b)
{
    const order_t *x = a, *y = b;
    if (x->time != y->time) return x->time < y->time ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

portee_status_t portee_posts_read(const char *path, const char *const *map, size_t n_map,
                                  portee_date_order_t order, portee_posts_t *p, portee_error_t *err)
{
    memset(p, 0, sizeof *p);
    const portee_table_spec_t spec = {portee_posts_columns, PORTEE_POSTS_NCOLUMNS, map, n_map, order};
    portee_table_t t;
    portee_status_t st = portee_table_read(path, &spec, &t, err);
    if (!st) st = check_rows(path, &t, err);
    if (!st && t.n_rows < PORTEE_REACH_FIT_MIN_POSTS)
        st = portee_fail(err, PORTEE_EINPUT, "%s: %zu post%s; the fit needs at least %d", path, t.n_rows,
                         t.n_rows == 1 ? "" : "s",
                         PORTEE_REACH_FIT_MIN_POSTS);
    const size_t n = t.n_rows;
    order_t *o = st ? NULL : malloc(n * sizeof *o);
    if (!st && !o) st = portee_fail(err, PORTEE_ENOMEM, "%s: out of memory", path);
    if (!st) {
        p->n = n;
        p->dates = t.time_is_date[PORTEE_POSTS_DATE];
        p->day = malloc(n * sizeof *p->day);
        p->year = malloc(n * sizeof *p->year);
        p->line = malloc(n * sizeof *p->line);
        bool ok = p->day && p->year && p->line;
        for (size_t c = PORTEE_POSTS_FOLLOWERS; c < PORTEE_POSTS_NCOLUMNS && ok; c++)
            if (t.value[c]) ok = (p->count[c] = malloc(n * sizeof *p->count[c])) != NULL;
        for (size_t c = 0; c < PORTEE_POSTS_NCOLUMNS && ok; c++)
            if (t.header[c]) ok = (p->column[c] = strdup(t.header[c])) != NULL;
        if (!ok) st = portee_fail(err, PORTEE_ENOMEM, "%s: out of memory", path);
    }
    if (!st) {
        const double *time = t.value[PORTEE_POSTS_DATE];
        for (size_t i = 0; i < n; i++) o[i] = (order_t){time[i], i};
        qsort(o, n, sizeof *o, by_time);
        for (size_t i = 0; i < n; i++) {
            const size_t r = o[i].row;
            p->day[i] = p->dates ? time[r] : NAN;
            p->year[i] = p->dates ? portee_date_year(time[r]) : time[r];
            p->line[i] = t.pos[PORTEE_POSTS_FOLLOWERS][r].line;
            for (size_t c = PORTEE_POSTS_FOLLOWERS; c < PORTEE_POSTS_NCOLUMNS; c++)
                if (p->count[c]) p->count[c][i] = t.value[c][r];
        }
    }
    free(o);
    portee_table_free(&t);
    return st;
}

void portee_posts_free(portee_posts_t *p)
{
    if (!p) return;
    free(p->day);
    free(p->year);
    free(p->line);
    for (size_t c = 0; c < PORTEE_POSTS_NCOLUMNS; c++) {
        free(p->count[c]);
        free(p->column[c]);
    }
    memset(p, 0, sizeof *p);
}

void portee_rf_format_time(char *buf, size_t len, const portee_posts_t *p, size_t i)
{
    if (p->dates && isfinite(p->day[i])) portee_date_format(buf, len, p->day[i]);
    else snprintf(buf, len, "%g", p->year[i]);
}
