#include "sim/fit/fit_file.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/base/tempfile.h"
#include "sim/results/h5common.h"

portee_status_t portee_fit_file_write(const char *path, const portee_fit_provenance_t *prov,
                                      int (*body)(hid_t file, const void *ctx), const void *ctx,
                                      char **notes, portee_error_t *err)
{
    char *tmp;
    int fd;
    *notes = NULL;
    portee_status_t st = portee_temp_open(path, &tmp, &fd, err);
    if (st) return st;
    close(fd);
    if ((st = portee_temp_sweep(path, tmp, notes, err))) {
        unlink(tmp);
        free(tmp);
        return st;
    }
    const hid_t file = H5Fcreate(tmp, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (file < 0) {
        st = portee_h5_create_failed(path, tmp, err);
        unlink(tmp);
        free(tmp);
        return st;
    }
    char host[256] = "unknown";
    gethostname(host, sizeof host - 1);
    int e = body(file, ctx);
    e |= portee_h5_attr_string(file, "portee_version", PORTEE_VERSION) < 0;
    e |= portee_h5_attr_string(file, "kind", "fit") < 0;
    e |= portee_h5_attr_string(file, "model", prov->model) < 0;
    e |= portee_h5_attr_string(file, "source", prov->source) < 0;
    e |= portee_h5_attr_u64(file, "seed", prov->seed) < 0;
    e |= portee_h5_attr_u64(file, "draws", prov->draws) < 0;
    e |= portee_h5_attr_string(file, "rng", prov->rng) < 0;
    e |= portee_h5_attr_u64(file, "threads", (uint64_t)prov->threads) < 0;
    e |= portee_h5_attr_string(file, "start_time", prov->start_time) < 0;
    e |= portee_h5_attr_string(file, "host", host) < 0;
    /* After a failed write HDF5 1.10 may crash closing the file (see
     * portee_h5w_abort): the handle is left open and the file deleted. */
    if (e || H5Fclose(file) < 0) {
        unlink(tmp);
        free(tmp);
        return portee_fail(err, PORTEE_EIO, "%s: writing the fit file failed (disk full?)", path);
    }
    return portee_temp_commit(tmp, path, err);
}

bool portee_fit_file_of(const char *path, const char *model)
{
    struct stat sb;
    if (access(path, R_OK) != 0 || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) return false;
    bool is = false;
    H5E_BEGIN_TRY
    {
        const hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
        if (file >= 0) {
            char *kind = NULL, *m = NULL;
            is = portee_h5_read_attr_string(file, "kind", &kind) >= 0 && !strcmp(kind, "fit") &&
                 (!model || (portee_h5_read_attr_string(file, "model", &m) >= 0 && !strcmp(m, model)));
            free(kind);
            free(m);
            H5Fclose(file);
        }
    }
    H5E_END_TRY
    return is;
}

void *portee_fit_file_get(hid_t loc, const char *name, hid_t memtype, size_t size, hsize_t rows, hsize_t cols)
{
    if (H5Lexists(loc, name, H5P_DEFAULT) <= 0) return NULL;
    const hid_t d = H5Dopen2(loc, name, H5P_DEFAULT);
    if (d < 0) return NULL;
    const hid_t sp = H5Dget_space(d);
    hsize_t dims[2] = {0, 0};
    void *buf = NULL;
    if (H5Sget_simple_extent_ndims(sp) == (cols ? 2 : 1) && H5Sget_simple_extent_dims(sp, dims, NULL) >= 0 &&
        dims[0] == rows && (!cols || dims[1] == cols) && (buf = calloc(rows * (cols ? cols : 1) + 1, size)) &&
        rows > 0 && H5Dread(d, memtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0) {
        free(buf);
        buf = NULL;
    }
    H5Sclose(sp);
    H5Dclose(d);
    return buf;
}

hsize_t portee_fit_file_length(hid_t loc, const char *name)
{
    if (H5Lexists(loc, name, H5P_DEFAULT) <= 0) return 0;
    const hid_t d = H5Dopen2(loc, name, H5P_DEFAULT);
    if (d < 0) return 0;
    const hid_t sp = H5Dget_space(d);
    hsize_t n = 0;
    if (H5Sget_simple_extent_ndims(sp) == 1) H5Sget_simple_extent_dims(sp, &n, NULL);
    H5Sclose(sp);
    H5Dclose(d);
    return n;
}
