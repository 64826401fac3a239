#include "sim/run/size.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

#include "sim/engine/engine.h"
#include "sim/results/h5write.h"

/* Free bytes in the folder that will hold path. */
static uint64_t free_space(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash) snprintf(dir, sizeof dir, ".");
    else if (slash == dir) dir[1] = '\0';
    else *slash = '\0';
    struct statvfs v;
    if (statvfs(dir, &v) != 0) return UINT64_MAX;
    return (uint64_t)v.f_bavail * (uint64_t)v.f_frsize;
}

void portee_run_size(const portee_scenario_t *sc, int threads, const char *output, portee_run_size_t *sz)
{
    portee_h5w_estimate(sc, &sz->fixed, &sz->replicates);
    sz->memory = portee_engine_memory(sc, portee_engine_threads(threads));
    sz->free = output ? free_space(output) : UINT64_MAX;
}

void portee_run_size_format(char *buf, size_t len, uint64_t bytes)
{
    static const char *const unit[] = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
    double x = (double)bytes;
    size_t u = 0;
    while (x >= 1000 && u + 1 < sizeof unit / sizeof *unit) {
        x /= 1000;
        u++;
    }
    if (u == 0) snprintf(buf, len, "%.0f bytes", x);
    else snprintf(buf, len, "%.3g %s", x, unit[u]);
}

portee_status_t portee_run_size_check(const portee_scenario_t *sc, const portee_run_size_t *sz,
                                      portee_error_t *err)
{
    char total[32], fixed[32], reps[32], room[32];
    const uint64_t upper = sz->fixed > UINT64_MAX - sz->replicates ? UINT64_MAX : sz->fixed + sz->replicates;
    portee_run_size_format(total, sizeof total, upper);
    portee_run_size_format(fixed, sizeof fixed, sz->fixed);
    portee_run_size_format(reps, sizeof reps, sz->replicates);
    if (sc->max_size_gb > 0 && (double)upper > sc->max_size_gb * 1e9)
        return portee_fail(err, PORTEE_EINPUT,
                           "the results file could reach %s (%s of summaries and histograms, %s of "
                           "replicates before compression), over output.max_size %g GB: fewer points, "
                           "replicates, histogram_bins or series steps, output.replicates: false, or a "
                           "larger output.max_size (0: no limit)",
                           total, fixed, reps, sc->max_size_gb);
    if (sz->free != UINT64_MAX && sz->fixed > sz->free) {
        portee_run_size_format(room, sizeof room, sz->free);
        return portee_fail(err, PORTEE_EINPUT,
                           "the results file needs at least %s (its summaries and histograms) and the "
                           "disk where it goes has %s free: free space, or write it elsewhere with -o",
                           fixed, room);
    }
    return PORTEE_OK;
}
