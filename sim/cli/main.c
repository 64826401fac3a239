/* main.c — `portee` entry point: dispatches to the subcommands. */
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "sim/cli/cli.h"
#include "sim/results/h5write.h"
#include "sim/run/mpi.h"

static const char usage[] =
    "portee " PORTEE_VERSION " - Monte Carlo forecasts of social-media reach\n"
    "\n"
    "usage: portee COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  run [SCENARIO]      simulate a scenario (default: the built-in 1,000-follower page)\n"
    "                      and write an HDF5 results file\n"
    "  validate SCENARIO   check a scenario file without running it\n"
    "  solve [SCENARIO]    the smallest budget, posting rate... (--vary KEY --in LO:HI)\n"
    "                      meeting a target with a stated probability (--probability P)\n"
    "  merge PART.h5...    join the parts of a sweep (run --shard I/N) into one file\n"
    "  info FILE.h5        summary table of a results file (a row per sweep point;\n"
    "                      --all, --point N, --output NAME; --format table|csv|json)\n"
    "  export FILE.h5      every summary and series step to a spreadsheet (-o OUT.csv|xlsx)\n"
    "  plot FILE.h5        charts of a results file (gnuplot: png, svg or pdf)\n"
    "  report FILE.h5      every chart and the summary table in one PDF\n"
    "  params [MODEL]      list every model parameter: type, unit, default, range, meaning\n"
    "  fit adoption CSV    fit a Bass curve (p, q; M if asked) to an observed adoption\n"
    "                      series: estimates with standard errors, Monte Carlo forecast\n"
    "  fit reach CSV       calibrate the reach model to a page's posts (reach_rate,\n"
    "                      post_variability, trend, check; --write-scenario for portee run)\n"
    "\n"
    "  portee COMMAND --help   options of one command\n"
    "  portee --version        version\n"
    "\n"
    "exit status: 0 success, 1 failure while running, 2 bad usage or bad input\n"
    "example: portee run scenarios/default.yaml -o page.h5 && portee info page.h5 &&\n"
    "         portee plot page.h5 && portee report page.h5 -o page.pdf\n";

int main(int argc, char **argv)
{
    /* GSL's default error handler prints and aborts (a failed allocation
     * under a memory cap, a matrix that is not positive definite): every GSL
     * call's status is checked instead, and reported as portee's errors. */
    gsl_set_error_handler_off();
    /* Past a file size limit (ulimit -f) the kernel kills the writer with
     * SIGXFSZ, leaving a temporary file and no message; ignored, the write
     * fails with EFBIG and is reported and cleaned up like a full disk. */
    signal(SIGXFSZ, SIG_IGN);
    /* HDF5 allocates and frees a chunk's buffers (512 KiB, and as much
     * again compressed) for each chunk of stored replicates it writes.  glibc
     * mapped and unmapped each one, or gave the top of its heap back to the
     * kernel, and mapping the pages again cost as much as the compression:
     * 20 M stored replicates took 16-19 s where the compression alone is
     * 8-8.6 s (docs/performance.md, section 2).  Blocks under 32 MiB come from the
     * heap, and up to 256 MiB freed there is kept for the next; a run's
     * peak memory is unchanged. */
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    portee_h5_init();
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (portee_cli_is_help(cmd) || !strcmp(cmd, "help")) {
        fputs(usage, stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
        printf("portee %s (%s)\n", PORTEE_VERSION,
               portee_mpi_built() ? "with MPI: mpirun -np N portee run" : "without MPI");
        return 0;
    }
    if (!strcmp(cmd, "run")) return portee_cmd_run(argc - 1, argv + 1);
    if (!strcmp(cmd, "validate")) return portee_cmd_validate(argc - 1, argv + 1);
    if (!strcmp(cmd, "params")) return portee_cmd_params(argc - 1, argv + 1);
    if (!strcmp(cmd, "info")) return portee_cmd_info(argc - 1, argv + 1);
    if (!strcmp(cmd, "plot")) return portee_cmd_plot(argc - 1, argv + 1);
    if (!strcmp(cmd, "report")) return portee_cmd_report(argc - 1, argv + 1);
    if (!strcmp(cmd, "fit")) return portee_cmd_fit(argc - 1, argv + 1);
    if (!strcmp(cmd, "merge")) return portee_cmd_merge(argc - 1, argv + 1);
    if (!strcmp(cmd, "export")) return portee_cmd_export(argc - 1, argv + 1);
    if (!strcmp(cmd, "solve")) return portee_cmd_solve(argc - 1, argv + 1);
    fprintf(stderr, "portee: error: unknown command '%s'\n\n%s", cmd, usage);
    return 2;
}
