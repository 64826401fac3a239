/* realpath() is an X/Open interface */
#define _XOPEN_SOURCE 700

#include "plots/gp.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int portee_gp_format_parse(const char *name, portee_gp_format_t *fmt)
{
    if (!strcmp(name, "png")) *fmt = PORTEE_GP_PNG;
    else if (!strcmp(name, "svg")) *fmt = PORTEE_GP_SVG;
    else if (!strcmp(name, "pdf")) *fmt = PORTEE_GP_PDF;
    else return 0;
    return 1;
}

const char *portee_gp_ext(portee_gp_format_t fmt)
{
    return fmt == PORTEE_GP_PNG ? "png" : fmt == PORTEE_GP_SVG ? "svg" : "pdf";
}

const char *portee_gp_terminal_name(portee_gp_format_t fmt)
{
    return fmt == PORTEE_GP_PNG ? "pngcairo" : fmt == PORTEE_GP_SVG ? "svg" : "pdfcairo";
}

void portee_gp_quote(FILE *f, const char *s)
{
    fputc('\'', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\'' && p[1] == '\'') {
            /* gnuplot 5.4 reads 'a''b' as a'b but fails on 'a''''b': a run
             * of quotes leaves the single-quoted string and is joined to it
             * as a double-quoted one, where a quote is plain and nothing
             * else (backquote, backslash) enters */
            fputs("'.\"", f);
            while (p[1] == '\'') fputc(*p++, f);
            fputc(*p, f);
            fputs("\".'", f);
        } else if (*p == '\'') {
            fputs("''", f);
        } else if (*p == '\n' || *p == '\r' || *p == '\t') {
            fputc(' ', f);
        } else if (*p >= 0x20 && *p != 0x7f) {
            fputc(*p, f);
        }
    }
    fputc('\'', f);
}

void portee_gp_comment(FILE *f, const char *text)
{
    fputs("# ", f);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        fputc(*p < 0x20 || *p == 0x7f ? ' ' : *p, f);
    fputc('\n', f);
}

/* Sizes fit an A4 page's text width at print resolution. */
void portee_gp_terminal(FILE *f, portee_gp_format_t fmt, const char *output)
{
    switch (fmt) {
    case PORTEE_GP_PNG:
        fputs("set terminal pngcairo size 1400,860 font 'Sans,13' linewidth 1.5 noenhanced\n", f);
        break;
    case PORTEE_GP_SVG:
        fputs("set terminal svg size 1000,615 font 'Sans,11' linewidth 1.2 noenhanced\n", f);
        break;
    case PORTEE_GP_PDF:
        fputs("set terminal pdfcairo size 24cm,14.8cm font 'Sans,10' linewidth 1.2 noenhanced\n", f);
        break;
    }
    /* portee renders into a temporary name given as portee_output and
     * checks the image before renaming it; run by hand, the script writes
     * its image directly */
    fputs("if (!exists('portee_output')) portee_output = ", f);
    portee_gp_quote(f, output);
    fputs("\nset output portee_output\n", f);
}

void portee_gp_style(FILE *f)
{
    fputs("set encoding utf8\n"
          "set border 3 lc rgb '#444444'\n"
          "set tics nomirror out scale 0.6\n"
          "set grid xtics ytics lc rgb '#dddddd' lw 1 lt 1\n"
          "set key top left opaque box lc rgb '#cccccc' samplen 2 spacing 1.2\n"
          "set style fill solid 1.0 noborder\n"
          "set decimalsign '.'\n"
          "set format y '%.0f'\n"
          "set lmargin 12\n"
          "set rmargin 6\n"
          "set linetype 1 lc rgb '" GP_BLUE "' lw 2\n"
          "set linetype 2 lc rgb '" GP_ORANGE "' lw 2\n"
          "set linetype 3 lc rgb '" GP_GREEN "' lw 2\n"
          "set linetype 4 lc rgb '" GP_VERMILLION "' lw 2\n"
          "set linetype 5 lc rgb '" GP_PURPLE "' lw 2\n"
          "set linetype 6 lc rgb '" GP_SKY "' lw 2\n",
          f);
}

static int spawn(const char *gnuplot, const char *dir, char *const argv[], bool quiet)
{
    /* the child changes folder first: a relative program path must not move */
    char resolved[4096];
    if (strchr(gnuplot, '/') && realpath(gnuplot, resolved)) gnuplot = resolved;
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, STDIN_FILENO);
            if (quiet) dup2(null, STDERR_FILENO);
        }
        if (dir && chdir(dir) != 0) _exit(126);
        execvp(gnuplot, argv);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

portee_status_t portee_gp_run(const char *gnuplot, const char *dir, const char *script, const char *output,
                              portee_error_t *err)
{
    char set[300];
    if (output) snprintf(set, sizeof set, "portee_output = '%s'", output);
    char *with_output[] = {(char *)gnuplot, "-e", set, (char *)script, NULL};
    char *plain[] = {(char *)gnuplot, (char *)script, NULL};
    int rc = spawn(gnuplot, dir, output ? with_output : plain, false);
    if (rc == 0) return PORTEE_OK;
    if (rc == 127 || rc < 0)
        return portee_fail(err, PORTEE_ERUNTIME, "cannot run '%s' (is gnuplot installed? Debian: "
                                                 "apt-get install gnuplot-nox)", gnuplot);
    return portee_fail(err, PORTEE_ERUNTIME, "%s/%s: gnuplot failed (exit status %d)", dir, script, rc);
}

portee_status_t portee_gp_check(const char *gnuplot, portee_gp_format_t fmt, portee_error_t *err)
{
    char cmd[64];
    snprintf(cmd, sizeof cmd, "set terminal %s", portee_gp_terminal_name(fmt));
    char *argv[] = {(char *)gnuplot, "-e", cmd, NULL};
    int rc = spawn(gnuplot, NULL, argv, true);
    if (rc == 0) return PORTEE_OK;
    if (rc == 127 || rc < 0)
        return portee_fail(err, PORTEE_ERUNTIME, "cannot run '%s' (is gnuplot installed? Debian: "
                                                 "apt-get install gnuplot-nox)", gnuplot);
    return portee_fail(err, PORTEE_ERUNTIME, "%s has no '%s' terminal (gnuplot -e 'set terminal' "
                                             "lists them); try another --format",
                       gnuplot, portee_gp_terminal_name(fmt));
}

/* The first and last bytes each format must have: a file cut short by a
 * full disk or a file size limit lacks its trailer (gnuplot's cairo
 * terminals do not report a failed write). */
portee_status_t portee_gp_check_image(const char *path, portee_gp_format_t fmt, portee_error_t *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) return portee_fail(err, PORTEE_EIO, "%s: gnuplot wrote no image: %s", path, strerror(errno));
    unsigned char head[8] = {0}, tail[1024];
    const size_t nh = fread(head, 1, sizeof head, f);
    size_t nt = 0;
    if (fseek(f, 0, SEEK_END) == 0) {
        const long size = ftell(f);
        const long from = size > (long)sizeof tail ? size - (long)sizeof tail : 0;
        if (size >= 0 && fseek(f, from, SEEK_SET) == 0) nt = fread(tail, 1, sizeof tail, f);
    }
    fclose(f);
    while (nt > 0 && (tail[nt - 1] == '\n' || tail[nt - 1] == '\r' || tail[nt - 1] == ' ')) nt--;
    bool ok;
    switch (fmt) {
    case PORTEE_GP_PNG: {
        static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        static const unsigned char iend[8] = {'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
        ok = nh == 8 && !memcmp(head, sig, 8) && nt >= 8 && !memcmp(tail + nt - 8, iend, 8);
        break;
    }
    case PORTEE_GP_PDF:
        ok = nh >= 5 && !memcmp(head, "%PDF-", 5) && nt >= 5 && !memcmp(tail + nt - 5, "%%EOF", 5);
        break;
    default:
        ok = nh >= 5 && (!memcmp(head, "<?xml", 5) || !memcmp(head, "<svg", 4)) && nt >= 6 &&
             !memcmp(tail + nt - 6, "</svg>", 6);
        break;
    }
    return ok ? PORTEE_OK
              : portee_fail(err, PORTEE_EIO, "%s: the image gnuplot wrote is cut short or damaged (disk full, or a "
                                             "file size limit?)",
                            path);
}
