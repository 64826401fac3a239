/* h5layout.c — the datasets a scenario makes in a results file: created
 * (with their chunks, fill values and attributes) and their size estimated
 * before a run (h5write_internal.h, h5write.h). */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hdf5.h>

#include "sim/results/h5common.h"
#include "sim/results/h5write.h"
#include "sim/results/h5write_internal.h"

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
 * written, so an interrupted run's file holds what was run.  Compressed
 * chunks are whole points, written whole, so they bypass HDF5's chunk
 * cache: nothing of them waits in memory for the file's close (which a
 * full disk may leave only the reserved room for, see make_reserve). */
hid_t portee_h5w_make_dataset(hid_t loc, const char *name, hid_t type, int rank, const hsize_t *dims,
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
    hid_t dapl = H5Pcreate(H5P_DATASET_ACCESS);
    if (chunk && compress) H5Pset_chunk_cache(dapl, H5D_CHUNK_CACHE_NSLOTS_DEFAULT, 0, H5D_CHUNK_CACHE_W0_DEFAULT);
    hid_t d = H5Dcreate2(loc, name, type, space, H5P_DEFAULT, dcpl, dapl);
    H5Pclose(dapl);
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
    hid_t d = portee_h5w_make_dataset(loc, name, type, 1, &points, NULL, false, NULL, "", description);
    const hid_t xfer = portee_h5_small_xfer();
    herr_t e = d < 0 ? -1 : H5Dwrite(d, type, H5S_ALL, H5S_ALL, xfer, buf);
    if (xfer != H5P_DEFAULT) H5Pclose(xfer);
    if (d >= 0) H5Dclose(d);
    H5Tclose(type);
    free(buf);
    return e < 0 ? PORTEE_EIO : PORTEE_OK;
}

portee_status_t portee_h5w_write_points(portee_h5w_t *w)
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

/* /MODEL/quantiles/OUTPUT: [P x K], or [P x L x K] for a series (L > 0),
 * NaN until written; attribute `levels` the K levels. */
static hid_t make_quantiles(hid_t group, const portee_scenario_t *sc, const portee_output_def_t *od, hsize_t P,
                            hsize_t L)
{
    const double nan = NAN;
    const hsize_t K = sc->n_quantiles;
    hsize_t d2[2] = {P, K}, d3[3] = {P, L, K}, ch[3];
    const int rank = L ? 3 : 2;
    const hsize_t *dims = L ? d3 : d2;
    hid_t d = portee_h5w_make_dataset(group, od->name, H5T_NATIVE_DOUBLE, rank, dims,
                                      row_chunk(rank, dims, sizeof(double), ch), false, &nan, od->unit, od->help);
    if (d >= 0 && portee_h5_attr_doubles(d, "levels", sc->quantiles, sc->n_quantiles) < 0) {
        H5Dclose(d);
        return -1;
    }
    return d;
}

portee_status_t portee_h5w_create_model(portee_h5w_t *w, size_t mi)
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
    mh->quant = sc->n_quantiles ? make_group(mh->group, "quantiles") : H5I_INVALID_HID;
    if (sc->n_quantiles && (mh->quant < 0 || portee_h5_attr_string(mh->quant, "description",
                                                                   "output.quantiles: each output's quantiles at the "
                                                                   "levels in the attribute `levels`, per point") < 0))
        return PORTEE_EIO;
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
        if (sc->n_quantiles && (!portee_output_is_series(od) || L > 0) &&
            (mh->d_quant[o] = make_quantiles(mh->quant, sc, od, P, portee_output_is_series(od) ? L : 0)) < 0)
            return PORTEE_EIO;
        if (portee_output_is_series(od)) {
            if (L == 0) continue; /* switched off (hours: 0, horizon_weeks: 0) */
            hsize_t ds[2] = {P, L}, dr[3] = {P, L, R}, ch[3] = {1, 1, chunk_r};
            hsize_t cs[2];
            mh->d_summary[o] = portee_h5w_make_dataset(mh->series, od->name, w->summary_type, 2, ds,
                                            row_chunk(2, ds, sizeof none, cs), false, &none, od->unit, od->help);
            if (mh->d_summary[o] < 0 || portee_h5_attr_string(mh->d_summary[o], "step", od->step) < 0 ||
                portee_h5_attr_u64(mh->d_summary[o], "first_step", (uint64_t)od->first_step) < 0)
                return PORTEE_EIO;
            if (sc->keep_replicates &&
                (mh->d_reps[o] = portee_h5w_make_dataset(mh->reps, od->name, H5T_NATIVE_DOUBLE, 3, dr, ch, true,
                                              &nan, od->unit, od->help)) < 0)
                return PORTEE_EIO;
            continue;
        }
        hsize_t d1[1] = {P}, de[2] = {P, B + 1}, dc[2] = {P, B}, c1[1], ce[2], cc[2];
        mh->d_summary[o] = portee_h5w_make_dataset(mh->summary, od->name, w->summary_type, 1, d1,
                                        row_chunk(1, d1, sizeof none, c1), false, &none, od->unit, od->help);
        hid_t hg = make_group(mh->hist, od->name);
        if (hg < 0) return PORTEE_EIO;
        mh->d_edges[o] = portee_h5w_make_dataset(hg, "edges", H5T_NATIVE_DOUBLE, 2, de, row_chunk(2, de, sizeof(double), ce),
                                      false, &nan, od->unit, "bin edges per point: bins+1 values");
        mh->d_counts[o] = portee_h5w_make_dataset(hg, "counts", H5T_NATIVE_UINT64, 2, dc,
                                       row_chunk(2, dc, sizeof(uint64_t), cc), false, NULL, "replicates",
                                       "replicates per bin per point");
        H5Gclose(hg);
        if (mh->d_summary[o] < 0 || mh->d_edges[o] < 0 || mh->d_counts[o] < 0) return PORTEE_EIO;
        if (sc->keep_replicates) {
            hsize_t dr[2] = {P, R}, ch[2] = {1, chunk_r};
            mh->d_reps[o] = portee_h5w_make_dataset(mh->reps, od->name, H5T_NATIVE_DOUBLE, 2, dr, ch, true, &nan,
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
        mh->d_inputs[j] = portee_h5w_make_dataset(mh->inputs, m->params[j].name, H5T_NATIVE_DOUBLE, 2, dr, ch, true,
                                       &nan, m->params[j].unit, help);
        if (mh->d_inputs[j] < 0) return PORTEE_EIO;
    }
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
            f += P * L * (sizeof(portee_summary_t) + sc->n_quantiles * sizeof(double));
            if (!portee_output_is_series(&m->outputs[o])) f += P * (2 * B + 1) * sizeof(double); /* histogram */
            if (sc->keep_replicates) r += P * L * R * sizeof(double);
        }
        for (size_t j = 0; j < m->n_params && sc->keep_replicates; j++)
            if (cfg->params[j].kind != PORTEE_DIST_CONST) r += P * R * sizeof(double);
    }
    *fixed = f < 1.8e19 ? (uint64_t)f : UINT64_MAX;
    *replicates = r < 1.8e19 ? (uint64_t)r : UINT64_MAX;
}
