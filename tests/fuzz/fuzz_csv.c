/* fuzz_csv.c — libFuzzer target: any bytes as the series CSV of `portee fit
 * adoption`.  The reader accepts it or refuses it with a message located
 * in the file; what it accepts has as many times as values, all finite. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/fit/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static void remove_scratch(void) { unlink(path); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the reader takes a path: one scratch file per process */
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/portee-fuzz-csv-%ld.csv", (long)getpid());
        atexit(remove_scratch);
    }
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    portee_csv_series_t s;
    portee_error_t err;
    memset(&err, 0, sizeof err);
    if (portee_csv_read_series(path, &s, &err) == PORTEE_OK) {
        for (size_t i = 0; i < s.n; i++)
            if (!isfinite(s.x[i]) || !isfinite(s.y[i]) || s.line[i] == 0) {
                fprintf(stderr, "row %zu accepted but not finite or without a line\n", i);
                abort();
            }
    } else if (!strstr(err.msg, path)) {
        fprintf(stderr, "a refusal that does not name the file: %s\n", err.msg);
        abort();
    }
    portee_csv_series_free(&s);
    return 0;
}
