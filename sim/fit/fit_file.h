/* fit_file.h — the frame every fit file shares (portee fit adoption, portee
 * fit reach): written under a temporary name with HDF5, marked kind "fit"
 * with its model, the provenance of its draws, and renamed when whole. */
#ifndef PORTEE_FIT_FILE_H
#define PORTEE_FIT_FILE_H

#include <stdbool.h>
#include <stdint.h>

#include <hdf5.h>

#include "sim/base/status.h"

typedef struct {
    const char *model;      /* "adoption", "reach" */
    const char *source;     /* the series or export fitted */
    const char *rng;        /* which stream each draw takes, in words */
    const char *start_time; /* ISO 8601, UTC */
    uint64_t seed, draws;
    int threads;
} portee_fit_provenance_t;

/* Creates PATH's temporary, lets body(file, ctx) write the fit (nonzero:
 * it failed), adds the provenance as root attributes, closes and renames.
 * PORTEE_EINPUT if PATH cannot be written, PORTEE_EIO if writing fails (the
 * temporary is then removed; a file already at PATH is untouched).
 * Temporaries of PATH left by dead portee processes are removed first, and
 * *notes (malloc'd or NULL; the caller frees it) says which. */
portee_status_t portee_fit_file_write(const char *path, const portee_fit_provenance_t *prov,
                                      int (*body)(hid_t file, const void *ctx), const void *ctx,
                                      char **notes, portee_error_t *err);

/* Dataset NAME of ROWS x COLS elements (COLS 0: one dimension) of MEMTYPE
 * into a new buffer of SIZE-byte elements; NULL if missing or of another
 * shape, so a damaged or foreign file is refused, never read past. */
void *portee_fit_file_get(hid_t loc, const char *name, hid_t memtype, size_t size, hsize_t rows, hsize_t cols);
/* The length of a one-dimensional dataset, 0 if missing. */
hsize_t portee_fit_file_length(hid_t loc, const char *name);

/* True if PATH is a readable fit file of MODEL (NULL: of any model).
 * Quiet: HDF5 prints nothing. */
bool portee_fit_file_of(const char *path, const char *model);

#endif
