/* cli.h — the portee subcommands.  Each returns the process exit status:
 * 0 success, 1 failure while running, 2 bad usage or bad input. */
#ifndef PORTEE_CLI_H
#define PORTEE_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "sim/base/status.h"
#include "sim/scenario/scenario.h"

int portee_cmd_run(int argc, char **argv);
int portee_cmd_validate(int argc, char **argv);
int portee_cmd_params(int argc, char **argv);
int portee_cmd_info(int argc, char **argv);
int portee_cmd_plot(int argc, char **argv);
int portee_cmd_report(int argc, char **argv);
int portee_cmd_fit(int argc, char **argv);
int portee_cmd_fit_reach(int argc, char **argv);
int portee_cmd_merge(int argc, char **argv);
int portee_cmd_export(int argc, char **argv);
int portee_cmd_solve(int argc, char **argv);

/* Prints "portee: error: msg" to stderr and returns the exit code for err. */
int portee_cli_error(const portee_error_t *err);
/* Prints the scenario's warnings (old keys...) to stderr, one "portee: warning:" line each. */
void portee_cli_warnings(const portee_scenario_t *sc);
/* The summary table of a results file just written, as portee info prints
 * it (the file's language, units in the headers); returns the exit code. */
int portee_cli_print_table(const char *path);
/* "KEY=VALUE" (malloc'd; NULL, said on stderr, when out of memory): how
 * --replicates N and --seed S become --set overrides of the same keys. */
char *portee_cli_key_set(const char *key, const char *value);
/* A whole number written in digits alone, from lo to hi, into *x; false otherwise. */
bool portee_cli_count(const char *s, uint64_t lo, uint64_t hi, uint64_t *x);
/* Prints a usage error with a pointer to --help; returns 2. */
int portee_cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* True if arg is -h or --help. */
bool portee_cli_is_help(const char *arg);
/* For "--name value" or "--name=value": sets *value and advances *i; false if not this option. */
bool portee_cli_option(int argc, char **argv, int *i, const char *name, const char *alias,
                       const char **value, bool *missing);

/* The options of plot and report (cmd_plot.c): a file, -o, and --format,
 * --gnuplot, --lang where the pointers are not NULL; 0 parsed, -1 help
 * printed, 2 a usage error (printed). */
int portee_cli_plot_parse(int argc, char **argv, const char *cmd, void (*help)(FILE *), const char **h5,
                          const char **out, const char **format, const char **gnuplot, const char **lang);

#endif
