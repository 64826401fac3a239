/* gp.h — gnuplot scripts written safely, and gnuplot run without a shell.
 *
 * gnuplot runs backquoted text as a command everywhere except inside single
 * quotes, and treats a file name starting with '<' as a command to run: every
 * text that reaches a script (titles, labels, file names) goes through
 * portee_gp_quote(), which single-quotes it with quotes doubled (a run of
 * quotes joined as a double-quoted string) and line
 * breaks flattened, and scripts only ever name files portee chose, relative
 * to the chart folder.  Text mode is `noenhanced`, so _ ^ { } @ & in names
 * print as themselves. */
#ifndef PORTEE_PLOTS_GP_H
#define PORTEE_PLOTS_GP_H

#include <stdio.h>

#include "sim/base/status.h"

typedef enum { PORTEE_GP_PNG, PORTEE_GP_SVG, PORTEE_GP_PDF } portee_gp_format_t;

/* "png", "svg", "pdf" -> format; false if unknown. */
int portee_gp_format_parse(const char *name, portee_gp_format_t *fmt);
const char *portee_gp_ext(portee_gp_format_t fmt);
/* The gnuplot terminal behind a format ("pngcairo", ...). */
const char *portee_gp_terminal_name(portee_gp_format_t fmt);

/* Writes s as a single-quoted gnuplot string. */
void portee_gp_quote(FILE *f, const char *s);
/* Writes `# text` and a line break, the text's own line breaks and control
 * characters dropped: a comment must never end early (a file name holding a
 * line break would otherwise start a command). */
void portee_gp_comment(FILE *f, const char *text);
/* `set terminal ... ; set output '...'` for one chart file. */
void portee_gp_terminal(FILE *f, portee_gp_format_t fmt, const char *output);
/* The report style every chart starts from (after `reset`): fonts, the
 * colour-blind-safe Okabe-Ito palette, grid, key, margins. */
void portee_gp_style(FILE *f);

/* Colours of the palette, by role. */
#define GP_BLUE "#0072B2"
#define GP_ORANGE "#E69F00"
#define GP_GREEN "#009E73"
#define GP_VERMILLION "#D55E00"
#define GP_SKY "#56B4E9"
#define GP_PURPLE "#CC79A7"
#define GP_GREY "#666666"

/* Runs `gnuplot SCRIPT` with DIR as working folder, the image going to
 * OUTPUT (relative to DIR; NULL: where the script says); PORTEE_ERUNTIME
 * with gnuplot's exit status, or when it cannot be started. */
portee_status_t portee_gp_run(const char *gnuplot, const char *dir, const char *script, const char *output,
                              portee_error_t *err);
/* PORTEE_EIO unless PATH is a whole image of FMT: its signature at the
 * start and its trailer at the end (PNG's IEND, PDF's %%EOF, SVG's </svg>). */
portee_status_t portee_gp_check_image(const char *path, portee_gp_format_t fmt, portee_error_t *err);
/* Checks gnuplot starts and has the terminal a format needs. */
portee_status_t portee_gp_check(const char *gnuplot, portee_gp_format_t fmt, portee_error_t *err);

#endif
