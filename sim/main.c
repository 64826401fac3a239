/* main.c — `portee` entry point: dispatches to the subcommands. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sim/cli.h"
#include "sim/h5write.h"
#include "sim/mpi.h"

static const char usage[] =
    "portee " PORTEE_VERSION " - Monte Carlo forecasts of social-media reach\n"
    "\n"
    "usage: portee COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  run [SCENARIO]      simulate a scenario (default: the built-in 1,000-follower page)\n"
    "                      and write an HDF5 results file\n"
    "  validate SCENARIO   check a scenario file without running it\n"
    "  merge PART.h5...    join the parts of a sweep (run --shard I/N) into one file\n"
    "  info FILE.h5        summary table of a results file (--format table|csv|json)\n"
    "  plot FILE.h5        charts of a results file (gnuplot: png, svg or pdf)\n"
    "  report FILE.h5      every chart and the summary table in one PDF\n"
    "  params [MODEL]      list every model parameter: type, unit, default, range, meaning\n"
    "  fit adoption CSV    fit a Bass curve (p, q; M if asked) to an observed adoption\n"
    "                      series: estimates with standard errors, Monte Carlo forecast\n"
    "\n"
    "  portee COMMAND --help   options of one command\n"
    "  portee --version        version\n"
    "\n"
    "exit status: 0 success, 1 failure while running, 2 bad usage or bad input\n"
    "example: portee run scenarios/default.yaml -o page.h5 && portee info page.h5 &&\n"
    "         portee plot page.h5 && portee report page.h5 -o page.pdf\n";

bool portee_cli_is_help(const char *arg) { return !strcmp(arg, "-h") || !strcmp(arg, "--help"); }

int portee_cli_error(const portee_error_t *err)
{
    fprintf(stderr, "portee: error: %s\n", err->msg);
    return portee_status_exit_code(err->status);
}

int portee_cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("portee: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see: portee %s --help)\n", cmd);
    return 2;
}

bool portee_cli_option(int argc, char **argv, int *i, const char *name, const char *alias,
                       const char **value, bool *missing)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (!strncmp(a, name, n) && a[n] == '=') {
        *value = a + n + 1;
        return true;
    }
    if (strcmp(a, name) != 0 && !(alias && strcmp(a, alias) == 0)) return false;
    if (*i + 1 >= argc) {
        *missing = true;
        return true;
    }
    *value = argv[++*i];
    return true;
}

int main(int argc, char **argv)
{
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
    fprintf(stderr, "portee: error: unknown command '%s'\n\n%s", cmd, usage);
    return 2;
}
