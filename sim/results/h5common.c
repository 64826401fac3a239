#include "sim/results/h5common.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

#include "sim/numeric/stats.h"

hid_t portee_h5_summary_type(void)
{
    hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(portee_summary_t));
    H5Tinsert(t, "n", HOFFSET(portee_summary_t, n), H5T_NATIVE_UINT64);
#define F(name) H5Tinsert(t, #name, HOFFSET(portee_summary_t, name), H5T_NATIVE_DOUBLE)
    F(mean); F(sd); F(se); F(p05); F(p25); F(p50); F(p75); F(p95);
#undef F
    return t;
}

bool portee_h5_is_summary(hid_t dataset)
{
    static const char *const fields[] = {"n", "mean", "sd", "se", "p05", "p25", "p50", "p75", "p95"};
    hid_t t = H5Dget_type(dataset);
    bool ok = t >= 0 && H5Tget_class(t) == H5T_COMPOUND;
    for (size_t i = 0; ok && i < sizeof fields / sizeof *fields; i++) {
        int at = H5Tget_member_index(t, fields[i]);
        ok = at >= 0 && H5Tget_member_class(t, (unsigned)at) != H5T_STRING &&
             (H5Tget_member_class(t, (unsigned)at) == H5T_INTEGER ||
              H5Tget_member_class(t, (unsigned)at) == H5T_FLOAT);
    }
    if (t >= 0) H5Tclose(t);
    return ok;
}

hid_t portee_h5_small_xfer(void)
{
    hid_t p = H5Pcreate(H5P_DATASET_XFER);
    if (p >= 0 && H5Pset_buffer(p, 64 * 1024, NULL, NULL) < 0) {
        H5Pclose(p);
        p = -1;
    }
    return p >= 0 ? p : H5P_DEFAULT;
}

hid_t portee_h5_string_type(void)
{
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, H5T_VARIABLE);
    H5Tset_cset(t, H5T_CSET_UTF8);
    return t;
}

static herr_t attr_write(hid_t obj, const char *name, hid_t type, const void *value)
{
    hid_t space = H5Screate(H5S_SCALAR);
    if (H5Aexists(obj, name) > 0) H5Adelete(obj, name);
    hid_t a = H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    herr_t e = a < 0 ? -1 : H5Awrite(a, type, value);
    if (a >= 0) H5Aclose(a);
    H5Sclose(space);
    return e;
}

herr_t portee_h5_attr_string(hid_t obj, const char *name, const char *value)
{
    hid_t t = portee_h5_string_type();
    herr_t e = attr_write(obj, name, t, &value);
    H5Tclose(t);
    return e;
}

herr_t portee_h5_attr_u64(hid_t obj, const char *name, uint64_t value)
{
    return attr_write(obj, name, H5T_NATIVE_UINT64, &value);
}

herr_t portee_h5_attr_double(hid_t obj, const char *name, double value)
{
    return attr_write(obj, name, H5T_NATIVE_DOUBLE, &value);
}

herr_t portee_h5_attr_doubles(hid_t obj, const char *name, const double *values, size_t n)
{
    const hsize_t dim = n;
    hid_t sp = H5Screate_simple(1, &dim, NULL);
    hid_t a = sp < 0 ? -1 : H5Acreate2(obj, name, H5T_NATIVE_DOUBLE, sp, H5P_DEFAULT, H5P_DEFAULT);
    const herr_t e = a < 0 ? -1 : H5Awrite(a, H5T_NATIVE_DOUBLE, values);
    if (a >= 0) H5Aclose(a);
    if (sp >= 0) H5Sclose(sp);
    return e;
}

static herr_t attr_read(hid_t obj, const char *name, H5T_class_t want, hid_t memtype, void *value)
{
    if (H5Aexists(obj, name) <= 0) return -1;
    hid_t a = H5Aopen(obj, name, H5P_DEFAULT);
    if (a < 0) return -1;
    hid_t ft = H5Aget_type(a), sp = H5Aget_space(a);
    herr_t e = -1;
    if (H5Tget_class(ft) == want && H5Sget_simple_extent_npoints(sp) == 1)
        e = H5Aread(a, memtype, value);
    H5Sclose(sp);
    H5Tclose(ft);
    H5Aclose(a);
    return e;
}

herr_t portee_h5_read_attr_string(hid_t obj, const char *name, char **value)
{
    hid_t t = portee_h5_string_type();
    char *s = NULL;
    herr_t e = attr_read(obj, name, H5T_STRING, t, &s);
    H5Tclose(t);
    if (e < 0 || !s) return -1;
    *value = strdup(s);
    H5free_memory(s);
    return *value ? 0 : -1;
}

herr_t portee_h5_read_attr_u64(hid_t obj, const char *name, uint64_t *value)
{
    return attr_read(obj, name, H5T_INTEGER, H5T_NATIVE_UINT64, value);
}

herr_t portee_h5_read_attr_double(hid_t obj, const char *name, double *value)
{
    return attr_read(obj, name, H5T_FLOAT, H5T_NATIVE_DOUBLE, value);
}

bool portee_h5_is_portee_file(const char *path)
{
    bool yes = false;
    H5E_BEGIN_TRY
    {
        const hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
        if (f >= 0) {
            yes = H5Aexists(f, "portee_version") > 0;
            H5Fclose(f);
        }
    }
    H5E_END_TRY
    return yes;
}

portee_status_t portee_h5_create_failed(const char *path, const char *tmp, portee_error_t *err)
{
    const int e = errno;
    struct statvfs fs;
    /* the superblock and root group take a few kB: less than 64 kB free is a full disk */
    const bool full = e == ENOSPC || e == EDQUOT ||
                      (statvfs(tmp, &fs) == 0 && (double)fs.f_bavail * (double)fs.f_frsize < 65536.0);
    if (full) return portee_fail(err, PORTEE_EIO, "%s: cannot create the file: no space left on its disk", path);
    return portee_fail(err, PORTEE_EIO,
                       "%s: HDF5 could not create the file; on NFS or Lustre file locking may be "
                       "unsupported: try HDF5_USE_FILE_LOCKING=FALSE",
                       path);
}
