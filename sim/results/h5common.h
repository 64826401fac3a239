/* h5common.h — attribute helpers shared by the results writer and reader. */
#ifndef PORTEE_H5COMMON_H
#define PORTEE_H5COMMON_H

#include <stdbool.h>
#include <stdint.h>

#include <hdf5.h>

#include "sim/base/status.h"

/* The summary compound (n, mean, sd, se, p05..p95) as portee_summary_t in
 * memory; the caller closes it. */
hid_t portee_h5_summary_type(void);
/* True if a dataset's type has every field of a summary (foreign files may not). */
bool portee_h5_is_summary(hid_t dataset);

/* True if path is an HDF5 file that portee wrote (results, a part or a fit:
 * it carries portee_version).  Quiet: HDF5 prints nothing. */
bool portee_h5_is_portee_file(const char *path);

/* A transfer property list for small writes that convert (a string, a
 * table of points): HDF5's default allocates and zeroes 1 MiB for the
 * conversion and as much for its background, a few milliseconds of every
 * run for a few hundred bytes; 64 KiB is converted in strips.  The caller
 * closes it; H5P_DEFAULT when it cannot be made. */
hid_t portee_h5_small_xfer(void);

/* A variable-length UTF-8 string type; the caller closes it. */
hid_t portee_h5_string_type(void);
herr_t portee_h5_attr_string(hid_t obj, const char *name, const char *value);
herr_t portee_h5_attr_u64(hid_t obj, const char *name, uint64_t value);
herr_t portee_h5_attr_double(hid_t obj, const char *name, double value);
/* A one-dimensional attribute of n doubles. */
herr_t portee_h5_attr_doubles(hid_t obj, const char *name, const double *values, size_t n);

/* Readers: negative when the attribute is missing or of another kind.
 * portee_h5_read_attr_string returns a malloc'd copy in *value. */
herr_t portee_h5_read_attr_string(hid_t obj, const char *name, char **value);
herr_t portee_h5_read_attr_u64(hid_t obj, const char *name, uint64_t *value);
herr_t portee_h5_read_attr_double(hid_t obj, const char *name, double *value);

/* Why H5Fcreate failed on PATH's temporary TMP (which open() could make):
 * no space or quota left on its file system, else file locking (NFS,
 * Lustre).  HDF5 says neither; the file system's free space does. */
portee_status_t portee_h5_create_failed(const char *path, const char *tmp, portee_error_t *err);

#endif
