/* fuzz_results.c — libFuzzer target: any bytes as a results file, read as
 * info, plot and report read one (portee_results_read, then the datasets a
 * chart reads).  Read or refused with a message naming the file; never a
 * crash, a leak or undefined behaviour in portee's reader.  The seeds are
 * small results files of the shipped scenarios (tests/fuzz/run.sh). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hdf5.h>

#include "models/registry.h"
#include "sim/results/h5read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static void remove_scratch(void) { unlink(path); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/portee-fuzz-%ld.h5", (long)getpid());
        H5Eset_auto2(H5E_DEFAULT, NULL, NULL); /* as the command line does: portee says what failed */
        atexit(remove_scratch);
    }
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    portee_results_t *r = NULL;
    portee_error_t err;
    memset(&err, 0, sizeof err);
    if (portee_results_read(path, &portee_registry, &r, &err) == PORTEE_OK) {
        portee_h5file_t *h = NULL;
        if (portee_h5file_open(path, &h, &err) == PORTEE_OK) {
            /* what the charts read of every model: summaries, replicates, histograms */
            for (size_t m = 0; m < r->n_models; m++)
                for (size_t o = 0; o < r->models[m].n_outputs; o++) {
                    char ds[256];
                    double *x = NULL;
                    size_t n;
                    portee_summary_t *s = NULL;
                    snprintf(ds, sizeof ds, "%s/replicates/%s", r->models[m].name, r->models[m].outputs[o].name);
                    portee_h5file_row(h, ds, 0, &x, &n);
                    free(x);
                    snprintf(ds, sizeof ds, "%s/summary/%s", r->models[m].name, r->models[m].outputs[o].name);
                    portee_h5file_summaries(h, ds, r->n_points - 1, &s, &n);
                    free(s);
                }
            portee_h5file_close(h);
        }
        portee_results_free(r);
    } else if (!strstr(err.msg, path)) {
        fprintf(stderr, "a refusal that does not name the file: %s\n", err.msg);
        abort();
    }
    return 0;
}
