/* cli.c — what every subcommand shares: error and usage messages, and
 * option parsing. */
#include "sim/cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/registry.h"
#include "sim/results/h5read.h"
#include "sim/results/report.h"

bool portee_cli_is_help(const char *arg) { return !strcmp(arg, "-h") || !strcmp(arg, "--help"); }

int portee_cli_print_table(const char *path)
{
    portee_error_t err;
    portee_results_t *r;
    if (portee_results_read(path, &portee_registry, &r, &err)) return portee_cli_error(&err);
    const portee_report_opts_t o = {.format = PORTEE_FORMAT_TABLE, .lang = r->language, .reg = &portee_registry};
    const portee_status_t st = portee_report_print_opts(stdout, r, &o, &err);
    portee_results_free(r);
    return st ? portee_cli_error(&err) : 0;
}

int portee_cli_error(const portee_error_t *err)
{
    fprintf(stderr, "portee: error: %s\n", err->msg);
    return portee_status_exit_code(err->status);
}

void portee_cli_warnings(const portee_scenario_t *sc)
{
    for (size_t i = 0; i < sc->n_warnings; i++) fprintf(stderr, "portee: warning: %s\n", sc->warnings[i]);
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

bool portee_cli_count(const char *s, uint64_t lo, uint64_t hi, uint64_t *x)
{
    char *end;
    if (!*s || strspn(s, "0123456789") != strlen(s)) return false;
    const unsigned long long v = strtoull(s, &end, 10); /* past ULLONG_MAX: ULLONG_MAX, over hi */
    if (*end || v < lo || v > hi) return false;
    *x = v;
    return true;
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


char *portee_cli_key_set(const char *key, const char *value)
{
    const size_t n = strlen(key) + strlen(value) + 2;
    char *s = malloc(n);
    if (s) snprintf(s, n, "%s=%s", key, value);
    else fputs("portee: error: out of memory\n", stderr);
    return s;
}
