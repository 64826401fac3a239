#include "sim/results/h5write.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hdf5.h>

#include "sim/base/signals.h"
#include "sim/base/tempfile.h"
#include "sim/results/h5common.h"
#include "sim/results/h5write_internal.h"
#include "sim/results/h5part.h"
#include "sim/engine/work.h"

void portee_h5_init(void)
{
    H5dont_atexit(); /* only honoured before any other HDF5 call */
    portee_h5_quiet();
}

void portee_h5_quiet(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }

/* The room kept for closing the file, given back (make_reserve). */
static void release_reserve(portee_h5w_t *w)
{
    if (w->reserve_fd >= 0) close(w->reserve_fd);
    w->reserve_fd = -1;
}

/* What a failed write says: HDF5 reports only that it failed, so the cause
 * is read from errno, or from the file having reached the process's file
 * size limit (errno may be gone by the time HDF5 returns). */
static portee_status_t write_failure(portee_h5w_t *w, const char *path, const char *what, portee_error_t *err)
{
    const int e = errno;
    w->write_failed = true;
    if ((e == ENOSPC || e == EDQUOT) && w->reserve_fd >= 0) {
        release_reserve(w); /* the room to close the file with the points done */
        w->out_of_space = true;
    }
    struct rlimit rl;
    struct stat st;
    if (e == EFBIG || (getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
                       stat(w->tmp, &st) == 0 && (rlim_t)st.st_size + (1u << 20) >= rl.rlim_cur))
        return portee_fail(err, PORTEE_EIO, "%s: %s failed: file size limit reached (ulimit -f)", path, what);
    if (e == ENOSPC) return portee_fail(err, PORTEE_EIO, "%s: %s failed: no space left on the disk", path, what);
    if (e == EDQUOT) return portee_fail(err, PORTEE_EIO, "%s: %s failed: disk quota exceeded", path, what);
    return portee_fail(err, PORTEE_EIO, "%s: %s failed (disk full?)", path, what);
}

static herr_t write_point(hid_t d, hid_t memtype, uint64_t point, const void *buf)
{
    hsize_t dims[3], start[3] = {point, 0, 0}, count[3];
    hid_t fs = H5Dget_space(d);
    const int rank = H5Sget_simple_extent_dims(fs, dims, NULL);
    count[0] = 1;
    for (int i = 1; i < rank; i++) count[i] = dims[i];
    hid_t ms = H5Screate_simple(rank, count, NULL);
    herr_t e = H5Sselect_hyperslab(fs, H5S_SELECT_SET, start, NULL, count, NULL);
    if (e >= 0) e = H5Dwrite(d, memtype, ms, fs, H5P_DEFAULT, buf);
    H5Sclose(ms);
    H5Sclose(fs);
    return e;
}

portee_status_t portee_h5w_point(void *vw, const portee_point_result_t *res, portee_error_t *err)
{
    portee_h5w_t *w = vw;
    model_h5_t *mh = &w->models[res->model];
    const portee_model_t *m = w->sc->models[res->model].model;
    const hsize_t R = res->replicates, B = res->bins;
    herr_t e = 0;
    for (size_t o = 0; o < m->n_outputs && e >= 0; o++) {
        if (mh->d_summary[o] <= 0) continue; /* an empty series */
        const size_t at = res->offset[o];
        e = write_point(mh->d_summary[o], w->summary_type, res->point, &res->summary[at]);
        if (e >= 0 && mh->d_edges[o] > 0)
            e = write_point(mh->d_edges[o], H5T_NATIVE_DOUBLE, res->point, res->hist_edges + o * (B + 1));
        if (e >= 0 && mh->d_counts[o] > 0)
            e = write_point(mh->d_counts[o], H5T_NATIVE_UINT64, res->point, res->hist_counts + o * B);
        if (e >= 0 && mh->d_reps[o] > 0)
            e = write_point(mh->d_reps[o], H5T_NATIVE_DOUBLE, res->point, res->values + at * R);
        if (e >= 0 && mh->d_quant[o] > 0)
            e = write_point(mh->d_quant[o], H5T_NATIVE_DOUBLE, res->point, res->quantiles + at * res->n_quantiles);
    }
    for (size_t d = 0; d < res->n_inputs && e >= 0; d++) {
        const hid_t ds = mh->d_inputs[res->input_param[d]];
        if (ds > 0) e = write_point(ds, H5T_NATIVE_DOUBLE, res->point, res->inputs + d * R);
    }
    if (e < 0) return write_failure(w, w->path, "writing results", err);
    w->done[res->model * w->sc->n_points + res->point] = 1;
    return PORTEE_OK;
}

static void close_all(portee_h5w_t *w)
{
    for (size_t mi = 0; mi < w->sc->n_models; mi++) {
        model_h5_t *mh = &w->models[mi];
        for (size_t o = 0; o < PORTEE_MAX_OUTPUTS; o++) {
            if (mh->d_summary[o] > 0) H5Dclose(mh->d_summary[o]);
            if (mh->d_edges[o] > 0) H5Dclose(mh->d_edges[o]);
            if (mh->d_counts[o] > 0) H5Dclose(mh->d_counts[o]);
            if (mh->d_reps[o] > 0) H5Dclose(mh->d_reps[o]);
            if (mh->d_quant[o] > 0) H5Dclose(mh->d_quant[o]);
        }
        for (size_t j = 0; j < PORTEE_MAX_PARAMS; j++)
            if (mh->d_inputs[j] > 0) H5Dclose(mh->d_inputs[j]);
        if (mh->inputs > 0) H5Gclose(mh->inputs);
        if (mh->quant > 0) H5Gclose(mh->quant);
        if (mh->series > 0) H5Gclose(mh->series);
        if (mh->reps > 0) H5Gclose(mh->reps);
        if (mh->hist > 0) H5Gclose(mh->hist);
        if (mh->summary > 0) H5Gclose(mh->summary);
        if (mh->group > 0) H5Gclose(mh->group);
    }
    memset(w->models, 0, sizeof w->models);
    if (w->summary_type > 0) H5Tclose(w->summary_type);
    w->summary_type = H5I_INVALID_HID;
}

static void writer_free(portee_h5w_t *w)
{
    release_reserve(w);
    free(w->notes);
    free(w->done);
    free(w->path);
    free(w->tmp);
    free(w);
}

void portee_h5w_abort(portee_h5w_t *w)
{
    if (!w) return;
    /* After a failed write (disk full, file size limit) HDF5 1.10 cannot
     * close the file: its final flush fails and a second attempt crashes
     * inside the library.  The file is deleted anyway, so its handles are
     * left open (see portee_h5_init: no exit-time cleanup either). */
    if (!w->write_failed) {
        close_all(w);
        if (w->file > 0) H5Fclose(w->file);
    }
    unlink(w->tmp);
    portee_signals_temp(NULL);
    writer_free(w);
}

/* What one dataset may hold unwritten in HDF5's chunk cache: 1 MiB (the
 * default cache; summary chunks are made to fit in it), or the whole
 * dataset when smaller; none for replicates, which bypass it (h5layout.c). */
static uint64_t cached_bytes(hid_t d)
{
    if (d <= 0) return 0;
    hid_t dapl = H5Dget_access_plist(d);
    size_t slots, nbytes;
    double w0;
    const herr_t e = H5Pget_chunk_cache(dapl, &slots, &nbytes, &w0);
    H5Pclose(dapl);
    if (e >= 0 && nbytes == 0) return 0;
    hid_t s = H5Dget_space(d), t = H5Dget_type(d);
    const hssize_t n = H5Sget_simple_extent_npoints(s);
    const uint64_t bytes = n > 0 ? (uint64_t)n * H5Tget_size(t) : 0;
    H5Sclose(s);
    H5Tclose(t);
    return bytes < ((uint64_t)1 << 20) ? bytes : (uint64_t)1 << 20;
}

/* Room for closing a file whose writes failed: the datasets' chunk caches,
 * HDF5's dirty metadata and /MODEL/done.  Not getting it (a disk already
 * nearly full) only loses that rescue. */
static void make_reserve(portee_h5w_t *w)
{
    uint64_t bytes = (uint64_t)1 << 20; /* metadata and attributes */
    for (size_t mi = 0; mi < w->sc->n_models; mi++) {
        const model_h5_t *mh = &w->models[mi];
        for (size_t o = 0; o < PORTEE_MAX_OUTPUTS; o++)
            bytes += cached_bytes(mh->d_summary[o]) + cached_bytes(mh->d_edges[o]) + cached_bytes(mh->d_counts[o]) +
                     cached_bytes(mh->d_reps[o]) + cached_bytes(mh->d_quant[o]);
        for (size_t j = 0; j < PORTEE_MAX_PARAMS; j++) bytes += cached_bytes(mh->d_inputs[j]);
    }
    bytes += (uint64_t)w->sc->n_models * w->sc->n_points;
    char *name = malloc(strlen(w->tmp) + 16);
    if (!name) return;
    sprintf(name, "%s.reserve", w->tmp);
    const int fd = open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        unlink(name);
        if (posix_fallocate(fd, 0, (off_t)bytes) == 0) w->reserve_fd = fd;
        else close(fd);
    }
    free(name);
}

bool portee_h5w_out_of_space(const portee_h5w_t *w) { return w && w->out_of_space; }

portee_status_t portee_h5w_open(const char *path, const portee_scenario_t *sc, portee_h5w_t **out,
                                portee_error_t *err)
{
    *out = NULL;
    struct stat st;
    if (!*path) return portee_fail(err, PORTEE_EINPUT, "output path is empty");
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return portee_fail(err, PORTEE_EINPUT, "%s: exists and is not a regular file", path);

    portee_h5w_t *w = calloc(1, sizeof *w);
    if (!w) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    w->sc = sc;
    w->file = H5I_INVALID_HID;
    w->reserve_fd = -1;
    w->path = strdup(path);
    w->done = calloc(sc->n_models * sc->n_points, 1);
    if (!w->path || !w->done) {
        writer_free(w);
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    }
    /* Probing with plain stdio first also says why a path is unusable,
     * which HDF5 does not.  Made first, then the other temporaries looked
     * at: of two runs started on one output together, neither misses the
     * other (both may refuse; neither loses a result). */
    int fd;
    portee_status_t s = portee_temp_open(path, &w->tmp, &fd, err);
    if (s) {
        writer_free(w);
        return s;
    }
    close(fd);
    portee_signals_temp(w->tmp); /* from here a second signal removes it (signals.h) */
    if ((s = portee_temp_sweep(path, w->tmp, &w->notes, err))) {
        portee_signals_temp(NULL);
        unlink(w->tmp);
        writer_free(w);
        return s;
    }
    w->file = H5Fcreate(w->tmp, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (w->file < 0) {
        s = portee_h5_create_failed(path, w->tmp, err);
        portee_signals_temp(NULL);
        unlink(w->tmp);
        writer_free(w);
        return s;
    }
    w->summary_type = portee_h5_summary_type();
    s = PORTEE_OK;
    hid_t str = portee_h5_string_type();
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t d = H5Dcreate2(w->file, "scenario", str, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const hid_t xfer = portee_h5_small_xfer();
    if (d < 0 || H5Dwrite(d, str, H5S_ALL, H5S_ALL, xfer, &sc->resolved) < 0 ||
        portee_h5_attr_string(d, "description", "the resolved scenario (YAML): run it again with "
                                                "portee run to reproduce this file") < 0)
        s = PORTEE_EIO;
    if (d >= 0) H5Dclose(d);
    if (xfer != H5P_DEFAULT) H5Pclose(xfer);
    H5Sclose(space);
    H5Tclose(str);
    if (!s) s = portee_h5w_write_points(w);
    for (size_t mi = 0; mi < sc->n_models && !s; mi++) s = portee_h5w_create_model(w, mi);
    if (s) {
        portee_h5w_abort(w);
        return portee_fail(err, s, "%s: could not lay out the results file", path);
    }
    make_reserve(w);
    *out = w;
    return PORTEE_OK;
}

#define COPY_BYTES ((size_t)32 << 20) /* rows moved per read and write */

/* Rows of the source's dataset at the same path as dst, where take[] is set. */
static portee_status_t copy_rows(portee_h5w_t *w, const portee_part_t *src, hid_t file, hid_t dst,
                                 const unsigned char *take, portee_error_t *err)
{
    char name[512];
    if (H5Iget_name(dst, name, sizeof name) <= 0) return portee_fail(err, PORTEE_EIO, "%s: HDF5 error", w->tmp);
    hid_t s = H5Lexists(file, name, H5P_DEFAULT) > 0 ? H5Dopen2(file, name, H5P_DEFAULT) : -1;
    hid_t dfs = H5Dget_space(dst), sfs = s < 0 ? -1 : H5Dget_space(s), type = H5Dget_type(dst);
    hsize_t dd[3], sd[3];
    const int rank = H5Sget_simple_extent_dims(dfs, dd, NULL);
    portee_status_t st = PORTEE_OK;
    if (s < 0 || sfs < 0 || H5Sget_simple_extent_ndims(sfs) != rank ||
        H5Sget_simple_extent_dims(sfs, sd, NULL) < 0 || memcmp(dd, sd, (size_t)rank * sizeof *dd)) {
        st = portee_fail(err, PORTEE_EINPUT, "%s: %s is missing or not shaped as this scenario makes it",
                         src->path, name);
        goto done;
    }
    size_t row = H5Tget_size(type);
    for (int i = 1; i < rank; i++) row *= dd[i];
    const hsize_t per_io = COPY_BYTES / row > 0 ? COPY_BYTES / row : 1;
    void *buf = malloc((per_io < dd[0] ? per_io : dd[0]) * row);
    if (!buf) {
        st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
        goto done;
    }
    for (hsize_t p = 0; p < dd[0] && !st;) {
        if (!take[p]) {
            p++;
            continue;
        }
        hsize_t n = 1;
        while (p + n < dd[0] && take[p + n] && n < per_io) n++;
        hsize_t start[3] = {p, 0, 0}, count[3] = {n, rank > 1 ? dd[1] : 1, rank > 2 ? dd[2] : 1};
        hid_t ms = H5Screate_simple(rank, count, NULL);
        herr_t e = H5Sselect_hyperslab(sfs, H5S_SELECT_SET, start, NULL, count, NULL);
        if (e >= 0) e = H5Sselect_hyperslab(dfs, H5S_SELECT_SET, start, NULL, count, NULL);
        if (e < 0 || H5Dread(s, type, ms, sfs, H5P_DEFAULT, buf) < 0)
            st = portee_fail(err, PORTEE_EINPUT, "%s: cannot read %s (damaged?)", src->path, name);
        else if (H5Dwrite(dst, type, ms, dfs, H5P_DEFAULT, buf) < 0)
            st = write_failure(w, w->tmp, "writing results", err);
        H5Sclose(ms);
        p += n;
    }
    free(buf);
done:
    if (sfs >= 0) H5Sclose(sfs);
    if (s >= 0) H5Dclose(s);
    H5Sclose(dfs);
    H5Tclose(type);
    return st;
}

portee_status_t portee_h5w_copy(portee_h5w_t *w, const portee_part_t *src, const unsigned char *take,
                                portee_error_t *err)
{
    const uint64_t P = w->sc->n_points;
    hid_t file = H5Fopen(src->path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (file < 0)
        return portee_fail(err, PORTEE_EINPUT, "%s: HDF5 could not open it again (%s)", src->path,
                           errno == EMFILE ? "too many open files" : "changed or removed meanwhile?");
    portee_status_t st = PORTEE_OK;
    for (size_t mi = 0; mi < w->sc->n_models && !st; mi++) {
        const model_h5_t *mh = &w->models[mi];
        const unsigned char *t = take + mi * P;
        for (size_t o = 0; o < PORTEE_MAX_OUTPUTS && !st; o++) {
            const hid_t ds[5] = {mh->d_summary[o], mh->d_edges[o], mh->d_counts[o], mh->d_reps[o], mh->d_quant[o]};
            for (size_t k = 0; k < 5 && !st; k++)
                if (ds[k] > 0) st = copy_rows(w, src, file, ds[k], t, err);
        }
        for (size_t j = 0; j < PORTEE_MAX_PARAMS && !st; j++)
            if (mh->d_inputs[j] > 0) st = copy_rows(w, src, file, mh->d_inputs[j], t, err);
        for (uint64_t p = 0; p < P && !st; p++) w->done[mi * P + p] |= t[p];
    }
    H5Fclose(file);
    return st;
}

void portee_h5w_set_shard(portee_h5w_t *w, uint64_t index, uint64_t count)
{
    w->shard_index = index;
    w->shard_count = count;
}

uint64_t portee_h5w_points_done(const portee_h5w_t *w)
{
    const portee_scenario_t *sc = w->sc;
    uint64_t n = 0;
    for (uint64_t p = 0; p < sc->n_points; p++) {
        bool all = true;
        for (size_t mi = 0; mi < sc->n_models && all; mi++) all = w->done[mi * sc->n_points + p];
        n += all;
    }
    return n;
}

uint64_t portee_h5w_points_wanted(const portee_h5w_t *w)
{
    return portee_shard_points(w->sc->n_points, w->shard_index, w->shard_count);
}

bool portee_h5w_any_done(const portee_h5w_t *w)
{
    const size_t n = w->sc->n_models * w->sc->n_points;
    for (size_t i = 0; i < n; i++)
        if (w->done[i]) return true;
    return false;
}

bool portee_h5w_covers(const portee_h5w_t *w, const unsigned char *done)
{
    const size_t n = w->sc->n_models * w->sc->n_points;
    for (size_t i = 0; i < n; i++)
        if (done[i] && !w->done[i]) return false;
    return true;
}

/* /MODEL/done: which points the file holds, so a resumed run or a merge
 * knows what is there without trusting NaNs. */
static herr_t write_done(portee_h5w_t *w)
{
    const hsize_t P = w->sc->n_points;
    herr_t e = 0;
    for (size_t mi = 0; mi < w->sc->n_models && e >= 0; mi++) {
        hid_t d = portee_h5w_make_dataset(w->models[mi].group, "done", H5T_NATIVE_UINT8, 1, &P, NULL, false, NULL, "",
                               "1 where this point's results are in the file; 0 where an "
                               "interrupted run or a shard left it out");
        e = d < 0 ? -1 : H5Dwrite(d, H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, w->done + mi * P);
        if (d >= 0) H5Dclose(d);
    }
    return e;
}

portee_status_t portee_h5w_commit(portee_h5w_t *w, const portee_run_info_t *info, const char *as,
                                  portee_error_t *err)
{
    const portee_scenario_t *sc = w->sc;
    const char *final = as ? as : w->path;
    char host[256] = "unknown";
    gethostname(host, sizeof host - 1);
    const uint64_t done = portee_h5w_points_done(w);
    int e = write_done(w) < 0;
    e |= portee_h5_attr_string(w->file, "portee_version", PORTEE_VERSION) < 0;
    e |= portee_h5_attr_string(w->file, "scenario_name", sc->name) < 0;
    e |= portee_h5_attr_string(w->file, "scenario_source", sc->source) < 0;
    if (sc->description) e |= portee_h5_attr_string(w->file, "scenario_description", sc->description) < 0;
    e |= portee_h5_attr_string(w->file, "language", portee_lang_code(sc->language)) < 0;
    e |= portee_h5_attr_string(w->file, "currency", sc->currency) < 0;
    e |= portee_h5_attr_u64(w->file, "seed", sc->seed) < 0;
    e |= portee_h5_attr_u64(w->file, "replicates", sc->replicates) < 0;
    e |= portee_h5_attr_u64(w->file, "points", sc->n_points) < 0;
    e |= portee_h5_attr_u64(w->file, "points_done", done) < 0;
    e |= portee_h5_attr_u64(w->file, "complete", done == portee_h5w_points_wanted(w)) < 0;
    if (w->shard_count) {
        char shard[48];
        snprintf(shard, sizeof shard, "%llu/%llu", (unsigned long long)w->shard_index,
                 (unsigned long long)w->shard_count);
        e |= portee_h5_attr_string(w->file, "shard", shard) < 0;
    }
    e |= portee_h5_attr_string(w->file, "rng",
                               sc->common_random_numbers && sc->n_points > 1
                                   ? "philox4x32-10 (Random123), one stream per (seed, model, replicate), "
                                     "the same at every sweep point (common random numbers)"
                                   : "philox4x32-10 (Random123), one stream per (seed, model, point, replicate)") < 0;
    e |= portee_h5_attr_u64(w->file, "threads", (uint64_t)info->threads) < 0;
    e |= portee_h5_attr_u64(w->file, "ranks", (uint64_t)info->ranks) < 0;
    e |= portee_h5_attr_double(w->file, "wall_time_s", info->wall_time) < 0;
    e |= portee_h5_attr_string(w->file, "start_time", info->start_time) < 0;
    e |= portee_h5_attr_string(w->file, "host", host) < 0;
    if (info->parts) e |= portee_h5_attr_u64(w->file, "merged_parts", (uint64_t)info->parts) < 0;
    release_reserve(w); /* its room is for this last flush */
    close_all(w);
    if (!e && H5Fclose(w->file) < 0) e = 1;
    if (e) {
        write_failure(w, final, "finishing the results file", err); /* abort leaves it */
        portee_h5w_abort(w);
        return PORTEE_EIO;
    }
    /* the temporary is whole from here: a second signal leaves it (one
     * system call's window), rather than name a file moved away */
    portee_signals_temp(NULL);
    if (rename(w->tmp, final) != 0) {
        portee_status_t s = portee_fail(err, PORTEE_EIO, "%s: could not move the finished file into "
                                                         "place: %s (it is kept as %s)",
                                        final, strerror(errno), w->tmp);
        writer_free(w);
        return s;
    }
    writer_free(w);
    return PORTEE_OK;
}

const char *portee_h5w_notes(const portee_h5w_t *w) { return w ? w->notes : NULL; }
