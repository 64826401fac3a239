#include "sim/engine/work.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SHARDS 1000000

portee_status_t portee_work_init(portee_work_t *w, const portee_scenario_t *sc, portee_error_t *err)
{
    memset(w, 0, sizeof *w);
    w->n_models = sc->n_models;
    w->n_points = sc->n_points;
    w->todo = malloc(w->n_models * w->n_points);
    if (!w->todo) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    memset(w->todo, 1, w->n_models * w->n_points);
    w->remaining = w->n_models * w->n_points;
    return PORTEE_OK;
}

void portee_work_free(portee_work_t *w)
{
    if (!w) return;
    free(w->todo);
    w->todo = NULL;
}

void portee_work_drop(portee_work_t *w, size_t model, uint64_t point)
{
    unsigned char *t = &w->todo[model * w->n_points + point];
    w->remaining -= *t;
    *t = 0;
}

void portee_work_shard(portee_work_t *w, uint64_t index, uint64_t count)
{
    for (size_t m = 0; m < w->n_models; m++)
        for (uint64_t p = 0; p < w->n_points; p++)
            if (p % count != index) portee_work_drop(w, m, p);
}

uint64_t portee_work_next(void *ctx, const uint64_t *max, size_t *model, uint64_t *points)
{
    portee_work_t *w = ctx;
    while (w->model < w->n_models) {
        const unsigned char *todo = w->todo + w->model * w->n_points;
        while (w->next < w->n_points && !todo[w->next]) w->next++;
        if (w->next < w->n_points) break;
        w->model++;
        w->next = 0;
    }
    if (w->model >= w->n_models) return 0;
    uint64_t cap = max[w->model];
    if (w->ways > 1) {
        /* a rank holds up to two batches (one running, one asked ahead):
         * each at most 1/(4 ways) of what is left keeps the two within half
         * a fair share, so the last (often the costliest) points do not all
         * wait on one rank */
        const uint64_t share = (w->remaining + 4 * w->ways - 1) / (4 * w->ways);
        if (share < cap) cap = share > 0 ? share : 1;
    }
    const unsigned char *todo = w->todo + w->model * w->n_points;
    uint64_t n = 0;
    for (; n < cap && w->next < w->n_points; w->next++)
        if (todo[w->next]) points[n++] = w->next;
    w->remaining -= n;
    *model = w->model;
    return n;
}

uint64_t portee_shard_points(uint64_t points, uint64_t index, uint64_t count)
{
    return count == 0 ? points : points > index ? (points - index + count - 1) / count : 0;
}

int portee_work_parse_shard(const char *text, uint64_t *index, uint64_t *count, char *why, size_t len)
{
    char *end;
    errno = 0;
    const char *slash = strchr(text, '/');
    unsigned long long i = strtoull(text, &end, 10);
    if (!slash || end != slash || text[0] < '0' || text[0] > '9' || errno) {
        snprintf(why, len, "expected INDEX/COUNT such as 0/4, got '%s'", text);
        return 0;
    }
    unsigned long long n = strtoull(slash + 1, &end, 10);
    if (*end || end == slash + 1 || slash[1] < '0' || slash[1] > '9' || errno) {
        snprintf(why, len, "expected INDEX/COUNT such as 0/4, got '%s'", text);
        return 0;
    }
    if (n < 1 || n > MAX_SHARDS) {
        snprintf(why, len, "the shard count must be from 1 to %d, got %llu", MAX_SHARDS, n);
        return 0;
    }
    if (i >= n) {
        snprintf(why, len, "shards are numbered from 0 to %llu for a count of %llu (as with "
                           "sbatch --array=0-%llu), got %llu",
                 n - 1, n, n - 1, i);
        return 0;
    }
    *index = i;
    *count = n;
    return 1;
}
