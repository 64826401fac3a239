/* fuzz_scenario.c — libFuzzer target: any bytes as a scenario file.  A
 * scenario either loads or is refused with a located message; one that
 * loads re-emits a resolved text that loads again to the same points and
 * replicates (the file a results file keeps must run again). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/registry.h"
#include "sim/scenario/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    portee_scenario_t *sc = NULL, *again = NULL;
    portee_error_t err;
    memset(&err, 0, sizeof err);
    if (portee_scenario_load_text(&portee_registry, "fuzz.yaml", (const char *)data, size, NULL, 0, &sc, &err) ==
        PORTEE_OK) {
        if (portee_scenario_load_text(&portee_registry, "resolved.yaml", sc->resolved, strlen(sc->resolved), NULL,
                                      0, &again, &err) != PORTEE_OK ||
            again->n_points != sc->n_points || again->replicates != sc->replicates || again->seed != sc->seed) {
            fprintf(stderr, "the resolved scenario does not load again the same: %s\n%s\n", err.msg, sc->resolved);
            abort();
        }
    } else if (!strstr(err.msg, "fuzz.yaml")) {
        fprintf(stderr, "a refusal that does not say where: %s\n", err.msg);
        abort();
    }
    portee_scenario_free(again);
    portee_scenario_free(sc);
    return 0;
}
