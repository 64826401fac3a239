/* cmd_merge.c — `portee merge`: the parts of one run (job-array shards,
 * or any files whose points together cover the sweep once) joined into the
 * file a single run writes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/registry.h"
#include "sim/cli/cli.h"
#include "sim/run/job.h"
#include "sim/run/merge.h"
#include "sim/base/signals.h"
#include "sim/base/textutil.h"

#define MAX_PARTS 100000

static const char help[] =
    "usage: portee merge PART.h5... -o OUT.h5 [--force] [-q]\n"
    "\n"
    "Joins the parts of one run into OUT.h5, the same file a single run of the sweep\n"
    "writes (its datasets are identical; h5diff --exclude-attribute / shows it).  Parts\n"
    "are usually the shards of a job array, `portee run SWEEP --shard I/N -o part-I.h5`\n"
    "for I = 0 .. N-1, but any portee results files work when together they hold every\n"
    "(model, sweep point) exactly once.\n"
    "\n"
    "Checked before anything is written, each a clear error with exit status 2:\n"
    "  - every part comes from the same scenario, seed and replicates;\n"
    "  - no point is in two parts (a part given twice, or overlapping shards);\n"
    "  - no point is missing (a shard not run, or interrupted: finish it with the same\n"
    "    portee run command and --resume).\n"
    "\n"
    "  -o, --output FILE   the merged file (required); written under a temporary name\n"
    "                      and renamed when complete; it may not be one of the parts.\n"
    "                      A file there that is not portee's is left as it is (exit 2)\n"
    "      --force         replace FILE even when it is not a portee results file\n"
    "  -q, --quiet         do not print the summary table\n"
    "\n"
    "example: portee merge part-*.h5 -o sweep.h5\n";

int portee_cmd_merge(int argc, char **argv)
{
    const char *out = NULL;
    bool quiet = false, force = false;
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    size_t n_paths = 0;
    int rc = 0;
    if (!paths) {
        fputs("portee: error: out of memory\n", stderr);
        return 1;
    }
    for (int i = 1; i < argc && !rc; i++) {
        bool missing = false;
        const char *v;
        if (portee_cli_is_help(argv[i])) {
            fputs(help, stdout);
            rc = -1;
        } else if (portee_cli_option(argc, argv, &i, "--output", "-o", &v, &missing)) {
            if (missing) rc = portee_cli_usage("merge", "option '%s' needs a value", argv[i]);
            out = v;
        } else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) {
            quiet = true;
        } else if (!strcmp(argv[i], "--force")) {
            force = true;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            rc = portee_cli_usage("merge", "unknown option '%s'", argv[i]);
        } else {
            paths[n_paths++] = argv[i];
        }
    }
    if (!rc && !n_paths) rc = portee_cli_usage("merge", "which parts? e.g. portee merge part-*.h5 -o sweep.h5");
    if (!rc && !out) rc = portee_cli_usage("merge", "where to? add -o OUT.h5");
    if (!rc && n_paths > MAX_PARTS) rc = portee_cli_usage("merge", "at most %d parts", MAX_PARTS);
    for (size_t i = 0; i < n_paths && !rc; i++) {
        if (portee_same_file(out, paths[i]))
            rc = portee_cli_usage("merge", "-o %s is one of the parts (%s): choose another file", out, paths[i]);
        for (size_t j = 0; j < i && !rc; j++)
            if (portee_same_file(paths[i], paths[j]))
                rc = portee_cli_usage("merge", "%s is given twice (as %s too)", paths[i], paths[j]);
    }
    portee_error_t err;
    /* as portee run: a mistyped -o must not destroy somebody's file */
    if (!rc && !force && portee_job_check_output(out, &err)) rc = portee_cli_error(&err);
    portee_merge_info_t info;
    portee_signals_catch(true);
    if (!rc && portee_merge_parts(paths, n_paths, out, &portee_registry, &info, &err)) rc = portee_cli_error(&err);
    free(paths);
    if (rc) return rc < 0 ? 0 : rc;
    fprintf(stderr, "portee: merged %zu part%s (%llu point%s x %llu replicates) into %s\n", info.parts,
            info.parts == 1 ? "" : "s", (unsigned long long)info.points, info.points == 1 ? "" : "s",
            (unsigned long long)info.replicates, out);
    return quiet ? 0 : portee_cli_print_table(out);
}
