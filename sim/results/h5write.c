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

#include "sim/base/tempfile.h"
#include "sim/results/h5common.h"
#include "sim/results/h5part.h"
#include "sim/engine/work.h"

typedef struct {
    hid_t group, summary, series, hist, reps, inputs;
    hid_t d_summary[PORTEE_MAX_OUTPUTS]; /* [points] or, for a series, [points x steps] */
    hid_t d_edges[PORTEE_MAX_OUTPUTS], d_counts[PORTEE_MAX_OUTPUTS];
    hid_t d_reps[PORTEE_MAX_OUTPUTS];    /* [points x replicates] or [points x steps x replicates] */
    hid_t d_inputs[PORTEE_MAX_PARAMS];   /* [points x replicates] */
} model_h5_t;

struct portee_h5w {
    const portee_scenario_t *sc;
    char *path, *tmp;
    char *notes; /* temporaries of dead writers removed at the start, for the user */
    hid_t file;
    hid_t summary_type;
    model_h5_t models[PORTEE_MAX_MODELS];
    unsigned char *done; /* [n_models][n_points]: 1 once a point's results are in */
    uint64_t shard_index, shard_count; /* count 0: not a shard */
    bool write_failed;
};

void portee_h5_init(void)
{
    H5dont_atexit(); /* only honoured before any other HDF5 call */
    portee_h5_quiet();
}

void portee_h5_quiet(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }

/* fill: what a point not (yet) run reads as, NULL for zeros.  Results are
 * written point by point, and an interrupted run or a shard leaves points
 * out: NaN, not a plausible 0, is what they must read as.
 *
 * chunk: the chunk's dimensions, or NULL for a contiguous dataset (a small
 * table written whole); compress: deflate the chunks (replicates, whose
 * volume counts; not the summaries, rewritten row by row).  A contiguous
 * dataset with a fill value is written whole, fill and all, at its first
 * write: for a large sweep that made the first point write gigabytes and a
 * stop wait for them.  Chunks are stored only once a point in them is
 * written, so an interrupted run's file holds what was run. */
static hid_t make_dataset(hid_t loc, const char *name, hid_t type, int rank, const hsize_t *dims,
                          const hsize_t *chunk, bool compress, const void *fill, const char *units,
                          const char *description)
{
    hid_t space = H5Screate_simple(rank, dims, NULL);
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    if (fill) H5Pset_fill_value(dcpl, type, fill);
    if (chunk) {
        H5Pset_chunk(dcpl, rank, chunk);
        if (compress) {
            H5Pset_shuffle(dcpl);
            H5Pset_deflate(dcpl, 4);
        }
    }
    hid_t d = H5Dcreate2(loc, name, type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    H5Pclose(dcpl);
    H5Sclose(space);
    if (d >= 0 && (portee_h5_attr_string(d, "units", units) < 0 ||
                   portee_h5_attr_string(d, "description", description) < 0)) {
        H5Dclose(d);
        return -1;
    }
    return d;
}


/* Writes a one-row-per-point compound table; takes ownership of type and buf. */
static portee_status_t write_table(hid_t loc, const char *name, hid_t type, hsize_t points,
                                   void *buf, const char *description)
{
    hid_t d = make_dataset(loc, name, type, 1, &points, NULL, false, NULL, "", description);
    herr_t e = d < 0 ? -1 : H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf);
    if (d >= 0) H5Dclose(d);
    H5Tclose(type);
    free(buf);
    return e < 0 ? PORTEE_EIO : PORTEE_OK;
}

static portee_status_t write_points(portee_h5w_t *w)
{
    const portee_scenario_t *sc = w->sc;
    size_t row = sizeof(uint64_t) + sc->n_axes * sizeof(double);
    hid_t t = H5Tcreate(H5T_COMPOUND, row);
    H5Tinsert(t, "point", 0, H5T_NATIVE_UINT64);
    for (size_t a = 0; a < sc->n_axes; a++)
        H5Tinsert(t, sc->axes[a].path, sizeof(uint64_t) + a * sizeof(double), H5T_NATIVE_DOUBLE);
    unsigned char *buf = malloc(sc->n_points * row);
    if (!buf) {
        H5Tclose(t);
        return PORTEE_ENOMEM;
    }
    for (uint64_t p = 0; p < sc->n_points; p++) {
        double v[PORTEE_MAX_AXES];
        portee_scenario_point_values(sc, p, v);
        memcpy(buf + p * row, &p, sizeof p);
        memcpy(buf + p * row + sizeof p, v, sc->n_axes * sizeof(double));
    }
    portee_status_t st = write_table(w->file, "points", t, sc->n_points, buf,
                                     "sweep points: index and the value of each swept parameter");
    if (st) return st;
    hid_t d = H5Dopen2(w->file, "points", H5P_DEFAULT);
    herr_t e = d < 0 ? -1 : portee_h5_attr_string(d, "design", portee_design_name(sc->design));
    if (d >= 0) H5Dclose(d);
    return e < 0 ? PORTEE_EIO : PORTEE_OK;
}

/* Chunks of whole rows (every step, bin) of as many points as fit in about
 * 256 KiB, within HDF5's default 1 MiB chunk cache: points written one
 * after another fill a chunk in the cache before it goes to disk. */
static const hsize_t *row_chunk(int rank, const hsize_t *dims, size_t elem, hsize_t *chunk)
{
    size_t row = elem;
    for (int i = 1; i < rank; i++) {
        chunk[i] = dims[i] > 0 ? dims[i] : 1;
        row *= chunk[i];
    }
    hsize_t rows = row < 262144 ? 262144 / row : 1;
    chunk[0] = rows < dims[0] ? rows : (dims[0] > 0 ? dims[0] : 1);
    return chunk;
}

static hid_t make_group(hid_t loc, const char *name)
{
    return H5Gcreate2(loc, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
}

/* /MODEL/parameters: each point's parameter values, one field per parameter
 * (a distribution's mean where a parameter is uncertain; its draws are in
 * /MODEL/inputs). */
static portee_status_t write_parameters(portee_h5w_t *w, size_t mi, hid_t group)
{
    const portee_scenario_t *sc = w->sc;
    const portee_model_t *m = sc->models[mi].model;
    const size_t row = m->n_params * sizeof(double);
    hid_t t = H5Tcreate(H5T_COMPOUND, row);
    for (size_t j = 0; j < m->n_params; j++) H5Tinsert(t, m->params[j].name, j * sizeof(double), H5T_NATIVE_DOUBLE);
    double *buf = malloc(sc->n_points * row);
    if (!buf) {
        H5Tclose(t);
        return PORTEE_ENOMEM;
    }
    for (uint64_t p = 0; p < sc->n_points; p++) {
        portee_dist_t pd[PORTEE_MAX_PARAMS];
        portee_scenario_point_params(sc, mi, p, pd);
        for (size_t j = 0; j < m->n_params; j++) buf[p * m->n_params + j] = portee_dist_mean(&pd[j]);
    }
    return write_table(group, "parameters", t, sc->n_points, buf,
                       "each point's parameters (the mean of those given as distributions)");
}

static portee_status_t create_model(portee_h5w_t *w, size_t mi)
{
    const portee_scenario_t *sc = w->sc;
    const portee_model_cfg_t *cfg = &sc->models[mi];
    const portee_model_t *m = cfg->model;
    model_h5_t *mh = &w->models[mi];
    size_t length[PORTEE_MAX_OUTPUTS], offset[PORTEE_MAX_OUTPUTS];
    portee_scenario_layout(sc, mi, length, offset);
    bool any_series = false, any_input = false;
    for (size_t o = 0; o < m->n_outputs; o++)
        any_series |= portee_output_is_series(&m->outputs[o]) && length[o] > 0;
    for (size_t j = 0; j < m->n_params; j++) any_input |= cfg->params[j].kind != PORTEE_DIST_CONST;

    mh->group = make_group(w->file, m->name);
    if (mh->group < 0 || portee_h5_attr_string(mh->group, "description", m->help) < 0)
        return PORTEE_EIO;
    portee_status_t st = write_parameters(w, mi, mh->group);
    if (st) return st;
    mh->summary = make_group(mh->group, "summary");
    mh->hist = make_group(mh->group, "histogram");
    mh->series = any_series ? make_group(mh->group, "series") : H5I_INVALID_HID;
    mh->reps = sc->keep_replicates ? make_group(mh->group, "replicates") : H5I_INVALID_HID;
    mh->inputs = sc->keep_replicates && any_input ? make_group(mh->group, "inputs") : H5I_INVALID_HID;
    if (mh->summary < 0 || mh->hist < 0 || (any_series && mh->series < 0) ||
        (sc->keep_replicates && mh->reps < 0) || (sc->keep_replicates && any_input && mh->inputs < 0))
        return PORTEE_EIO;

    const hsize_t P = sc->n_points, R = sc->replicates, B = sc->histogram_bins;
    const hsize_t chunk_r = R < 65536 ? R : 65536;
    const double nan = NAN;
    const portee_summary_t none = {.n = 0, .mean = NAN, .sd = NAN, .se = NAN, .p05 = NAN,
                                   .p25 = NAN, .p50 = NAN, .p75 = NAN, .p95 = NAN};
    for (size_t o = 0; o < m->n_outputs; o++) {
        const portee_output_def_t *od = &m->outputs[o];
        const hsize_t L = length[o];
        if (portee_output_is_series(od)) {
            if (L == 0) continue; /* switched off (hours: 0, horizon_weeks: 0) */
            hsize_t ds[2] = {P, L}, dr[3] = {P, L, R}, ch[3] = {1, 1, chunk_r};
            hsize_t cs[2];
            mh->d_summary[o] = make_dataset(mh->series, od->name, w->summary_type, 2, ds,
                                            row_chunk(2, ds, sizeof none, cs), false, &none, od->unit, od->help);
            if (mh->d_summary[o] < 0 || portee_h5_attr_string(mh->d_summary[o], "step", od->step) < 0 ||
                portee_h5_attr_u64(mh->d_summary[o], "first_step", (uint64_t)od->first_step) < 0)
                return PORTEE_EIO;
            if (sc->keep_replicates &&
                (mh->d_reps[o] = make_dataset(mh->reps, od->name, H5T_NATIVE_DOUBLE, 3, dr, ch, true,
                                              &nan, od->unit, od->help)) < 0)
                return PORTEE_EIO;
            continue;
        }
        hsize_t d1[1] = {P}, de[2] = {P, B + 1}, dc[2] = {P, B}, c1[1], ce[2], cc[2];
        mh->d_summary[o] = make_dataset(mh->summary, od->name, w->summary_type, 1, d1,
                                        row_chunk(1, d1, sizeof none, c1), false, &none, od->unit, od->help);
        hid_t hg = make_group(mh->hist, od->name);
        if (hg < 0) return PORTEE_EIO;
        mh->d_edges[o] = make_dataset(hg, "edges", H5T_NATIVE_DOUBLE, 2, de, row_chunk(2, de, sizeof(double), ce),
                                      false, &nan, od->unit, "bin edges per point: bins+1 values");
        mh->d_counts[o] = make_dataset(hg, "counts", H5T_NATIVE_UINT64, 2, dc,
                                       row_chunk(2, dc, sizeof(uint64_t), cc), false, NULL, "replicates",
                                       "replicates per bin per point");
        H5Gclose(hg);
        if (mh->d_summary[o] < 0 || mh->d_edges[o] < 0 || mh->d_counts[o] < 0) return PORTEE_EIO;
        if (sc->keep_replicates) {
            hsize_t dr[2] = {P, R}, ch[2] = {1, chunk_r};
            mh->d_reps[o] = make_dataset(mh->reps, od->name, H5T_NATIVE_DOUBLE, 2, dr, ch, true, &nan,
                                         od->unit, od->help);
            if (mh->d_reps[o] < 0) return PORTEE_EIO;
        }
    }
    for (size_t j = 0; j < m->n_params && mh->inputs > 0; j++) {
        if (cfg->params[j].kind == PORTEE_DIST_CONST) continue;
        hsize_t dr[2] = {P, R}, ch[2] = {1, chunk_r};
        char help[256];
        snprintf(help, sizeof help, "the value of %s drawn for each replicate (%s)", m->params[j].name,
                 m->params[j].help);
        mh->d_inputs[j] = make_dataset(mh->inputs, m->params[j].name, H5T_NATIVE_DOUBLE, 2, dr, ch, true,
                                       &nan, m->params[j].unit, help);
        if (mh->d_inputs[j] < 0) return PORTEE_EIO;
    }
    return PORTEE_OK;
}

/* Writes one point's slab of a dataset whose first dimension is the point. */
/* What a failed write says: HDF5 reports only that it failed, so the cause
 * is read from errno, or from the file having reached the process's file
 * size limit (errno may be gone by the time HDF5 returns). */
static portee_status_t write_failure(portee_h5w_t *w, const char *path, const char *what, portee_error_t *err)
{
    const int e = errno;
    w->write_failed = true;
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

const char *portee_h5w_temp_path(const portee_h5w_t *w) { return w->tmp; }

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
    }
    for (size_t d = 0; d < res->n_inputs && e >= 0; d++) {
        const hid_t ds = mh->d_inputs[res->input_param[d]];
        if (ds > 0) e = write_point(ds, H5T_NATIVE_DOUBLE, res->point, res->inputs + d * R);
    }
    if (e < 0) return write_failure(w, w->tmp, "writing results", err);
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
        }
        for (size_t j = 0; j < PORTEE_MAX_PARAMS; j++)
            if (mh->d_inputs[j] > 0) H5Dclose(mh->d_inputs[j]);
        if (mh->inputs > 0) H5Gclose(mh->inputs);
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
    writer_free(w);
}

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
    if ((s = portee_temp_sweep(path, w->tmp, &w->notes, err))) {
        unlink(w->tmp);
        writer_free(w);
        return s;
    }
    w->file = H5Fcreate(w->tmp, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (w->file < 0) {
        s = portee_h5_create_failed(path, w->tmp, err);
        unlink(w->tmp);
        writer_free(w);
        return s;
    }
    w->summary_type = portee_h5_summary_type();
    s = PORTEE_OK;
    hid_t str = portee_h5_string_type();
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t d = H5Dcreate2(w->file, "scenario", str, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    if (d < 0 || H5Dwrite(d, str, H5S_ALL, H5S_ALL, H5P_DEFAULT, &sc->resolved) < 0 ||
        portee_h5_attr_string(d, "description", "the resolved scenario (YAML): run it again with "
                                                "portee run to reproduce this file") < 0)
        s = PORTEE_EIO;
    if (d >= 0) H5Dclose(d);
    H5Sclose(space);
    H5Tclose(str);
    if (!s) s = write_points(w);
    for (size_t mi = 0; mi < sc->n_models && !s; mi++) s = create_model(w, mi);
    if (s) {
        portee_h5w_abort(w);
        return portee_fail(err, s, "%s: could not lay out the results file", path);
    }
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
            const hid_t ds[4] = {mh->d_summary[o], mh->d_edges[o], mh->d_counts[o], mh->d_reps[o]};
            for (size_t k = 0; k < 4 && !st; k++)
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

/* /MODEL/done: which points the file holds, so a resumed run or a merge
 * knows what is there without trusting NaNs. */
static herr_t write_done(portee_h5w_t *w)
{
    const hsize_t P = w->sc->n_points;
    herr_t e = 0;
    for (size_t mi = 0; mi < w->sc->n_models && e >= 0; mi++) {
        hid_t d = make_dataset(w->models[mi].group, "done", H5T_NATIVE_UINT8, 1, &P, NULL, false, NULL, "",
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
    e |= portee_h5_attr_string(w->file, "rng", "philox4x32-10 (Random123), one stream per "
                                               "(seed, model, point, replicate)") < 0;
    e |= portee_h5_attr_u64(w->file, "threads", (uint64_t)info->threads) < 0;
    e |= portee_h5_attr_u64(w->file, "ranks", (uint64_t)info->ranks) < 0;
    e |= portee_h5_attr_double(w->file, "wall_time_s", info->wall_time) < 0;
    e |= portee_h5_attr_string(w->file, "start_time", info->start_time) < 0;
    e |= portee_h5_attr_string(w->file, "host", host) < 0;
    if (info->parts) e |= portee_h5_attr_u64(w->file, "merged_parts", (uint64_t)info->parts) < 0;
    close_all(w);
    if (!e && H5Fclose(w->file) < 0) e = 1;
    if (e) {
        write_failure(w, final, "finishing the results file", err); /* abort leaves it */
        portee_h5w_abort(w);
        return PORTEE_EIO;
    }
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

void portee_h5w_estimate(const portee_scenario_t *sc, uint64_t *fixed, uint64_t *replicates)
{
    const double P = (double)sc->n_points, R = (double)sc->replicates, B = sc->histogram_bins;
    double f = P * (sizeof(uint64_t) + sc->n_axes * sizeof(double)), r = 0; /* /points */
    for (size_t mi = 0; mi < sc->n_models; mi++) {
        const portee_model_cfg_t *cfg = &sc->models[mi];
        const portee_model_t *m = cfg->model;
        size_t length[PORTEE_MAX_OUTPUTS], offset[PORTEE_MAX_OUTPUTS];
        portee_scenario_layout(sc, mi, length, offset);
        f += P * (double)m->n_params * sizeof(double); /* parameters */
        for (size_t o = 0; o < m->n_outputs; o++) {
            const double L = portee_output_is_series(&m->outputs[o]) ? (double)length[o] : 1;
            f += P * L * sizeof(portee_summary_t);
            if (!portee_output_is_series(&m->outputs[o])) f += P * (2 * B + 1) * sizeof(double); /* histogram */
            if (sc->keep_replicates) r += P * L * R * sizeof(double);
        }
        for (size_t j = 0; j < m->n_params && sc->keep_replicates; j++)
            if (cfg->params[j].kind != PORTEE_DIST_CONST) r += P * R * sizeof(double);
    }
    *fixed = f < 1.8e19 ? (uint64_t)f : UINT64_MAX;
    *replicates = r < 1.8e19 ? (uint64_t)r : UINT64_MAX;
}

const char *portee_h5w_notes(const portee_h5w_t *w) { return w ? w->notes : NULL; }
