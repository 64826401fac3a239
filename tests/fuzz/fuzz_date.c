/* fuzz_date.c — libFuzzer target: any bytes as a date of a CSV (ISO 8601,
 * MM/DD/YYYY, times, zones).  Parsed or refused with a reason; a parsed date
 * is a finite day count within the years portee accepts. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "sim/base/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    double days;
    char why[256] = "";
    for (int order = 0; order < 2; order++)
        if (portee_date_parse((const char *)data, size, (portee_date_order_t)order, &days, why, sizeof why)) {
            if (!isfinite(days) || days < -25568 || days > 84372) { /* 1900 to 2200, a day of zone either side */
                fprintf(stderr, "a date parsed to %g days\n", days);
                abort();
            }
        } else if (!why[0]) {
            fprintf(stderr, "a refusal without a reason\n");
            abort();
        }
    return 0;
}
