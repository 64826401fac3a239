#include "sim/results/h5read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hdf5.h>

#include "sim/base/tempfile.h"
#include "sim/results/h5common.h"
#include "sim/scenario/model.h"
#include "sim/engine/work.h"

void portee_results_free(portee_results_t *r)
{
    if (!r) return;
    free(r->path);
    free(r->version);
    free(r->scenario_name);
    free(r->scenario_description);
    free(r->scenario_source);
    free(r->rng);
    free(r->start_time);
    free(r->host);
    for (size_t a = 0; a < r->n_axes; a++) free(r->axes[a]);
    free(r->axes);
    free(r->axis_values);
    free(r->design);
    for (size_t m = 0; m < r->n_models; m++) {
        for (size_t o = 0; o < r->models[m].n_outputs; o++) {
            free(r->models[m].outputs[o].name);
            free(r->models[m].outputs[o].units);
            free(r->models[m].outputs[o].rows);
            free(r->models[m].outputs[o].quantiles);
        }
        for (size_t o = 0; o < r->models[m].n_series; o++) {
            free(r->models[m].series[o].name);
            free(r->models[m].series[o].units);
            free(r->models[m].series[o].step);
            free(r->models[m].series[o].rows);
        }
        free(r->models[m].series);
        free(r->models[m].outputs);
        free(r->models[m].name);
    }
    free(r->models);
    free(r);
}

static portee_status_t read_points(hid_t f, portee_results_t *r, portee_error_t *err)
{
    if (H5Lexists(f, "points", H5P_DEFAULT) <= 0)
        return portee_fail(err, PORTEE_EINPUT, "%s: no /points table", r->path);
    hid_t d = H5Dopen2(f, "points", H5P_DEFAULT);
    if (d < 0) return portee_fail(err, PORTEE_EINPUT, "%s: /points is not a dataset", r->path);
    hid_t ft = H5Dget_type(d), sp = H5Dget_space(d);
    portee_status_t st = PORTEE_OK;
    if (H5Tget_class(ft) != H5T_COMPOUND || H5Sget_simple_extent_ndims(sp) != 1 ||
        (uint64_t)H5Sget_simple_extent_npoints(sp) != r->n_points) {
        st = portee_fail(err, PORTEE_EINPUT, "%s: /points does not match the 'points' attribute",
                         r->path);
        goto done;
    }
    if (portee_h5_read_attr_string(d, "design", &r->design) < 0 && !(r->design = strdup("grid"))) {
        st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
        goto done;
    }
    int nm = H5Tget_nmembers(ft);
    r->n_axes = nm > 1 ? (size_t)nm - 1 : 0;
    r->axes = calloc(r->n_axes + 1, sizeof *r->axes);
    r->axis_values = malloc((r->n_points * r->n_axes + 1) * sizeof *r->axis_values);
    double *col = malloc((r->n_points + 1) * sizeof *col);
    if (!r->axes || !r->axis_values || !col) {
        free(col);
        st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t a = 0; a < r->n_axes && !st; a++) {
        char *name = H5Tget_member_name(ft, (unsigned)a + 1);
        r->axes[a] = name ? strdup(name) : NULL;
        hid_t mt = H5Tcreate(H5T_COMPOUND, sizeof(double));
        if (name) H5Tinsert(mt, name, 0, H5T_NATIVE_DOUBLE);
        if (!name || H5Dread(d, mt, H5S_ALL, H5S_ALL, H5P_DEFAULT, col) < 0)
            st = portee_fail(err, PORTEE_EINPUT, "%s: cannot read /points", r->path);
        for (uint64_t p = 0; p < r->n_points && !st; p++) r->axis_values[p * r->n_axes + a] = col[p];
        H5Tclose(mt);
        H5free_memory(name);
    }
    free(col);
done:
    H5Sclose(sp);
    H5Tclose(ft);
    H5Dclose(d);
    return st;
}

/* /MODEL/quantiles/OUTPUT ([points x K], `levels`), when there. */
static portee_status_t read_quantiles(hid_t f, const char *path, const portee_results_t *r,
                                      portee_results_output_t *ro, portee_error_t *err)
{
    if (H5Lexists(f, path, H5P_DEFAULT) <= 0) return PORTEE_OK;
    hid_t d = H5Dopen2(f, path, H5P_DEFAULT);
    hid_t sp = d < 0 ? -1 : H5Dget_space(d);
    hid_t a = d < 0 || H5Aexists(d, "levels") <= 0 ? -1 : H5Aopen(d, "levels", H5P_DEFAULT);
    hid_t as = a < 0 ? -1 : H5Aget_space(a);
    hsize_t dims[2] = {0, 0};
    const hssize_t K = as < 0 ? -1 : H5Sget_simple_extent_npoints(as);
    portee_status_t st = PORTEE_OK;
    if (sp < 0 || H5Sget_simple_extent_ndims(sp) != 2 || H5Sget_simple_extent_dims(sp, dims, NULL) < 0 ||
        dims[0] != r->n_points || K < 1 || K > (hssize_t)(sizeof ro->levels / sizeof *ro->levels) ||
        dims[1] != (hsize_t)K || H5Aread(a, H5T_NATIVE_DOUBLE, ro->levels) < 0)
        st = portee_fail(err, PORTEE_EINPUT, "%s: /%s is not a table of quantiles (damaged?)", r->path, path);
    else if (!(ro->quantiles = malloc(r->n_points * (size_t)K * sizeof *ro->quantiles)))
        st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
    else if (H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, ro->quantiles) < 0)
        st = portee_fail(err, PORTEE_EINPUT, "%s: cannot read /%s", r->path, path);
    else
        ro->n_quantiles = (size_t)K;
    if (as >= 0) H5Sclose(as);
    if (a >= 0) H5Aclose(a);
    if (sp >= 0) H5Sclose(sp);
    if (d >= 0) H5Dclose(d);
    return st;
}

static portee_status_t read_model(hid_t f, const portee_model_t *m, portee_results_t *r,
                                  portee_error_t *err)
{
    char path[128];
    portee_results_model_t *rm = &r->models[r->n_models];
    r->n_models++; /* counted first: portee_results_free releases what follows */
    if (!(rm->name = strdup(m->name)) || !(rm->outputs = calloc(m->n_outputs, sizeof *rm->outputs)))
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    hid_t t = portee_h5_summary_type();
    portee_status_t st = PORTEE_OK;
    for (size_t o = 0; o < m->n_outputs && !st; o++) {
        snprintf(path, sizeof path, "%s/summary/%s", m->name, m->outputs[o].name);
        if (H5Lexists(f, m->name, H5P_DEFAULT) <= 0 ||
            H5Lexists(f, path, H5P_DEFAULT) <= 0) /* older or partial files: skip missing outputs */
            continue;
        portee_results_output_t *ro = &rm->outputs[rm->n_outputs];
        hid_t d = H5Dopen2(f, path, H5P_DEFAULT);
        hid_t sp = d < 0 ? -1 : H5Dget_space(d);
        if (d < 0 || sp < 0 || (uint64_t)H5Sget_simple_extent_npoints(sp) != r->n_points ||
            !portee_h5_is_summary(d)) {
            st = portee_fail(err, PORTEE_EINPUT, "%s: /%s is not a portee summary table", r->path, path);
        } else if (!(ro->rows = calloc(r->n_points, sizeof *ro->rows)) ||
                   !(ro->name = strdup(m->outputs[o].name))) {
            free(ro->rows);
            st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
        } else if (H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, ro->rows) < 0) {
            free(ro->rows);
            free(ro->name);
            st = portee_fail(err, PORTEE_EINPUT, "%s: cannot read /%s", r->path, path);
        } else {
            if (portee_h5_read_attr_string(d, "units", &ro->units) < 0) ro->units = strdup("");
            ro->def = &m->outputs[o];
            rm->n_outputs++;
            snprintf(path, sizeof path, "%s/quantiles/%s", m->name, m->outputs[o].name);
            st = read_quantiles(f, path, r, ro, err);
        }
        if (sp >= 0) H5Sclose(sp);
        if (d >= 0) H5Dclose(d);
    }
    if (!st && !(rm->series = calloc(m->n_outputs, sizeof *rm->series)))
        st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
    char group[96];
    snprintf(group, sizeof group, "%s/series", m->name);
    const bool has_series = H5Lexists(f, m->name, H5P_DEFAULT) > 0 && H5Lexists(f, group, H5P_DEFAULT) > 0;
    for (size_t o = 0; o < m->n_outputs && !st && has_series; o++) {
        snprintf(path, sizeof path, "%s/series/%s", m->name, m->outputs[o].name);
        if (!portee_output_is_series(&m->outputs[o]) || H5Lexists(f, path, H5P_DEFAULT) <= 0) continue;
        portee_results_series_t *rs = &rm->series[rm->n_series++]; /* counted now: freed on error */
        hid_t d = H5Dopen2(f, path, H5P_DEFAULT);
        hid_t sp = d < 0 ? -1 : H5Dget_space(d);
        hsize_t dims[2] = {0, 0};
        if (d < 0 || sp < 0 || H5Sget_simple_extent_ndims(sp) != 2 ||
            H5Sget_simple_extent_dims(sp, dims, NULL) < 0 || dims[0] != r->n_points || dims[1] == 0 ||
            dims[1] > ((hsize_t)1 << 24) || !portee_h5_is_summary(d)) {
            st = portee_fail(err, PORTEE_EINPUT, "%s: /%s is not a portee series table", r->path, path);
        } else if (!(rs->rows = calloc(dims[0] * dims[1], sizeof *rs->rows)) ||
                   !(rs->name = strdup(m->outputs[o].name))) {
            st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
        } else if (H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, rs->rows) < 0) {
            st = portee_fail(err, PORTEE_EINPUT, "%s: cannot read /%s", r->path, path);
        } else {
            rs->n_steps = dims[1];
            if (portee_h5_read_attr_string(d, "units", &rs->units) < 0) rs->units = strdup("");
            if (portee_h5_read_attr_string(d, "step", &rs->step) < 0) rs->step = strdup("step");
            portee_h5_read_attr_u64(d, "first_step", &rs->first_step);
        }
        if (sp >= 0) H5Sclose(sp);
        if (d >= 0) H5Dclose(d);
    }
    H5Tclose(t);
    return st;
}

portee_status_t portee_results_read(const char *path, const portee_registry_t *reg,
                                    portee_results_t **out, portee_error_t *err)
{
    *out = NULL;
    if (access(path, R_OK) != 0)
        return portee_fail(err, PORTEE_EINPUT, "%s: cannot read: no such file or no permission", path);
    if (H5Fis_hdf5(path) <= 0)
        return portee_fail(err, PORTEE_EINPUT, "%s: not an HDF5 file (or truncated)", path);
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    const long writer = f < 0 ? portee_temp_writer(path) : 0;
    if (writer)
        return portee_fail(err, PORTEE_EINPUT,
                           "%s: portee (process %ld) is writing this file now: read the result once it is "
                           "finished and renamed",
                           path, writer);
    if (f < 0)
        return portee_fail(err, PORTEE_EINPUT,
                           "%s: HDF5 could not open it (damaged? on NFS or Lustre try "
                           "HDF5_USE_FILE_LOCKING=FALSE)",
                           path);
    portee_results_t *r = calloc(1, sizeof *r);
    portee_status_t st = PORTEE_OK;
    if (!r || !(r->path = strdup(path))) {
        st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
        goto done;
    }
    if (portee_h5_read_attr_string(f, "portee_version", &r->version) < 0) {
        st = portee_fail(err, PORTEE_EINPUT,
                         "%s: not a portee results file (no portee_version attribute; was the run "
                         "interrupted?)",
                         path);
        goto done;
    }
    char *kind = NULL;
    if (portee_h5_read_attr_string(f, "kind", &kind) >= 0 && !strcmp(kind, "fit")) {
        st = portee_fail(err, PORTEE_EINPUT, "%s: a fit file (portee fit), not simulation results: "
                                             "portee info and portee plot read it", path);
        free(kind);
        goto done;
    }
    free(kind);
    if (portee_h5_read_attr_u64(f, "seed", &r->seed) < 0 ||
        portee_h5_read_attr_u64(f, "replicates", &r->replicates) < 0 ||
        portee_h5_read_attr_u64(f, "points", &r->n_points) < 0 || r->n_points == 0 ||
        r->n_points > ((uint64_t)1 << 40)) {
        st = portee_fail(err, PORTEE_EINPUT, "%s: provenance attributes missing or damaged", path);
        goto done;
    }
    portee_h5_read_attr_string(f, "scenario_name", &r->scenario_name);
    portee_h5_read_attr_string(f, "scenario_source", &r->scenario_source);
    portee_h5_read_attr_string(f, "scenario_description", &r->scenario_description);
    /* files before portee 0.3 say neither: English and dollars */
    char *lang = NULL;
    if (portee_h5_read_attr_string(f, "language", &lang) < 0 || !portee_lang_parse(lang, &r->language))
        r->language = PORTEE_LANG_EN;
    free(lang);
    char *cur = NULL;
    portee_h5_read_attr_string(f, "currency", &cur);
    snprintf(r->currency, sizeof r->currency, "%s", cur && portee_currency_valid(cur) ? cur : "USD");
    free(cur);
    portee_h5_read_attr_string(f, "rng", &r->rng);
    portee_h5_read_attr_string(f, "start_time", &r->start_time);
    portee_h5_read_attr_string(f, "host", &r->host);
    portee_h5_read_attr_u64(f, "threads", &r->threads);
    portee_h5_read_attr_u64(f, "ranks", &r->ranks);
    portee_h5_read_attr_double(f, "wall_time_s", &r->wall_time);
    /* files of a portee before shards and resume were only written complete */
    uint64_t complete = 1;
    portee_h5_read_attr_u64(f, "complete", &complete);
    r->complete = complete != 0;
    r->points_done = r->n_points;
    if (portee_h5_read_attr_u64(f, "points_done", &r->points_done) >= 0 && r->points_done > r->n_points) {
        st = portee_fail(err, PORTEE_EINPUT, "%s: provenance attributes damaged (points_done)", path);
        goto done;
    }
    char *shard = NULL;
    if (portee_h5_read_attr_string(f, "shard", &shard) >= 0) {
        unsigned long long i, n;
        char tail;
        if (sscanf(shard, "%llu/%llu%c", &i, &n, &tail) != 2 || n == 0 || i >= n) {
            free(shard);
            st = portee_fail(err, PORTEE_EINPUT, "%s: provenance attributes damaged (shard)", path);
            goto done;
        }
        r->shard_index = i;
        r->shard_count = n;
        free(shard);
    }
    if ((st = read_points(f, r, err))) goto done;

    const size_t n_models = reg->n_models;
    const portee_model_t *const *models = reg->models;
    if (!(r->models = calloc(n_models, sizeof *r->models))) {
        st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n_models && !st; i++)
        if (H5Lexists(f, models[i]->name, H5P_DEFAULT) > 0) st = read_model(f, models[i], r, err);
done:
    H5Fclose(f);
    if (st) portee_results_free(r);
    else *out = r;
    return st;
}

uint64_t portee_results_wanted(const portee_results_t *r)
{
    return portee_shard_points(r->n_points, r->shard_index, r->shard_count);
}

struct portee_h5file {
    hid_t id;
};

portee_status_t portee_h5file_open(const char *path, portee_h5file_t **f, portee_error_t *err)
{
    *f = NULL;
    portee_results_t *r;
    static const portee_registry_t no_models = {.models = NULL}; /* the file's own checks alone */
    portee_status_t st = portee_results_read(path, &no_models, &r, err); /* as `info` checks */
    if (st) return st;
    portee_results_free(r);
    portee_h5file_t *h = malloc(sizeof *h);
    if (!h) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    if ((h->id = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT)) < 0) {
        free(h);
        return portee_fail(err, PORTEE_EINPUT, "%s: HDF5 could not open it", path);
    }
    *f = h;
    return PORTEE_OK;
}

void portee_h5file_close(portee_h5file_t *f)
{
    if (!f) return;
    H5Fclose(f->id);
    free(f);
}

/* H5Lexists on every prefix: a missing intermediate group is "no". */
bool portee_h5file_has(const portee_h5file_t *f, const char *dataset)
{
    char path[512];
    if (strlen(dataset) >= sizeof path) return false;
    strcpy(path, dataset);
    for (char *p = path; (p = strchr(p + 1, '/'));) {
        *p = '\0';
        bool ok = H5Lexists(f->id, path, H5P_DEFAULT) > 0;
        *p = '/';
        if (!ok) return false;
    }
    if (H5Lexists(f->id, path, H5P_DEFAULT) <= 0) return false;
    hid_t d = H5Dopen2(f->id, path, H5P_DEFAULT); /* fails on a group */
    if (d < 0) return false;
    H5Dclose(d);
    return true;
}

/* Selects row `point` of d; returns the memory space and the row's length. */
static hid_t select_row(hid_t d, uint64_t point, hid_t *fs, size_t *n)
{
    *fs = H5Dget_space(d);
    hsize_t dims[3], start[3] = {point, 0, 0}, count[3] = {1, 1, 1};
    const int rank = H5Sget_simple_extent_ndims(*fs);
    if (rank < 1 || rank > 3) return -1;
    H5Sget_simple_extent_dims(*fs, dims, NULL);
    if (point >= dims[0]) return -1;
    *n = 1;
    for (int i = 1; i < rank; i++) {
        count[i] = dims[i];
        *n *= dims[i];
    }
    if (H5Sselect_hyperslab(*fs, H5S_SELECT_SET, start, NULL, count, NULL) < 0) return -1;
    hsize_t len = *n;
    return H5Screate_simple(1, &len, NULL);
}

static bool read_row(const portee_h5file_t *f, const char *dataset, uint64_t point, hid_t memtype,
                     size_t size, void **out, size_t *n)
{
    if (!portee_h5file_has(f, dataset)) return false;
    hid_t d = H5Dopen2(f->id, dataset, H5P_DEFAULT), fs = -1, ms = -1;
    bool ok = false;
    if (d >= 0 && (ms = select_row(d, point, &fs, n)) >= 0 && (*out = calloc(*n + 1, size))) {
        ok = H5Dread(d, memtype, ms, fs, H5P_DEFAULT, *out) >= 0;
        if (!ok) {
            free(*out);
            *out = NULL;
        }
    }
    if (ms >= 0) H5Sclose(ms);
    if (fs >= 0) H5Sclose(fs);
    if (d >= 0) H5Dclose(d);
    return ok;
}

bool portee_h5file_row(const portee_h5file_t *f, const char *dataset, uint64_t point, double **out,
                       size_t *n)
{
    return read_row(f, dataset, point, H5T_NATIVE_DOUBLE, sizeof(double), (void **)out, n);
}

bool portee_h5file_summaries(const portee_h5file_t *f, const char *dataset, uint64_t point,
                             portee_summary_t **out, size_t *n)
{
    if (!portee_h5file_has(f, dataset)) return false;
    hid_t d = H5Dopen2(f->id, dataset, H5P_DEFAULT);
    const bool summary = d >= 0 && portee_h5_is_summary(d);
    if (d >= 0) H5Dclose(d);
    if (!summary) return false;
    hid_t t = portee_h5_summary_type();
    bool ok = read_row(f, dataset, point, t, sizeof(portee_summary_t), (void **)out, n);
    H5Tclose(t);
    return ok;
}

bool portee_h5file_field(const portee_h5file_t *f, const char *dataset, const char *name,
                         uint64_t point, double *x)
{
    hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(double));
    H5Tinsert(t, name, 0, H5T_NATIVE_DOUBLE);
    double *v;
    size_t n;
    bool ok = read_row(f, dataset, point, t, sizeof(double), (void **)&v, &n);
    H5Tclose(t);
    if (ok) {
        *x = v[0];
        free(v);
    }
    return ok;
}

bool portee_h5file_attr(const portee_h5file_t *f, const char *dataset, const char *attr, char **out)
{
    if (!portee_h5file_has(f, dataset)) return false;
    hid_t d = H5Dopen2(f->id, dataset, H5P_DEFAULT);
    bool ok = d >= 0 && portee_h5_read_attr_string(d, attr, out) >= 0;
    if (d >= 0) H5Dclose(d);
    return ok;
}

bool portee_h5file_attr_u64(const portee_h5file_t *f, const char *dataset, const char *attr,
                            uint64_t *out)
{
    if (!portee_h5file_has(f, dataset)) return false;
    hid_t d = H5Dopen2(f->id, dataset, H5P_DEFAULT);
    bool ok = d >= 0 && portee_h5_read_attr_u64(d, attr, out) >= 0;
    if (d >= 0) H5Dclose(d);
    return ok;
}
