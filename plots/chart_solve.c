#include "plots/chart_solve.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plots/source.h"

portee_status_t portee_chart_solve(const portee_plot_opts_t *o, const char *name, const portee_solve_chart_t *c,
                                   portee_error_t *err)
{
    portee_status_t st = portee_plot_make_dir(o->dir, err);
    if (st) return st;
    char path[4400];
    snprintf(path, sizeof path, "%s/%s.dat", o->dir, name);
    FILE *d = fopen(path, "w");
    if (!d) return portee_fail(err, PORTEE_EIO, "%s: cannot write: %s", path, strerror(errno));
    const double k = c->y_percent ? 100 : 1;
    fputs("# x y err cost\n", d);
    for (size_t i = 0; i < c->n; i++)
        fprintf(d, "%.10g %.10g %.10g %.10g\n", c->x[i], k * c->y[i], c->err ? k * c->err[i] : 0,
                c->cost ? c->cost[i] : NAN);
    if (fclose(d) != 0) return portee_fail(err, PORTEE_EIO, "%s: write failed (disk full?)", path);

    snprintf(path, sizeof path, "%s/%s.gp", o->dir, name);
    FILE *g = fopen(path, "w");
    if (!g) return portee_fail(err, PORTEE_EIO, "%s: cannot write: %s", path, strerror(errno));
    char image[300];
    snprintf(image, sizeof image, "%s.%s", name, portee_gp_ext(o->format));
    portee_gp_comment(g, "portee solve: render with gnuplot NAME.gp in this folder");
    portee_gp_terminal(g, o->format, image);
    fputs("reset\n", g);
    portee_gp_style(g);
    fputs("set termoption noenhanced\nset title ", g);
    portee_gp_quote(g, c->title);
    fputs("\nset xlabel ", g);
    portee_gp_quote(g, c->x_label);
    fputs("\nset ylabel ", g);
    portee_gp_quote(g, c->y_label);
    fputs(c->cost ? "\nset key top center\n" : "\nset key bottom right\n", g);
    if (c->y_percent) fputs("set format y '%g %%'\nset yrange [0:100]\n", g);
    else fputs("set format y '%g'\n", g);
    if (c->cost) {
        fputs("set rmargin 12\nset y2tics nomirror\nset format y2 '%g'\nset y2label ", g);
        portee_gp_quote(g, c->cost_label);
        fputc('\n', g);
    }
    fputs("plot ", g);
    if (c->err) fprintf(g, "'%s.dat' using 1:2:(2*$3) with yerrorbars lt 1 pt 7 ps 0.6 notitle, ", name);
    fprintf(g, "'%s.dat' using 1:2 with lines lt 1 title ", name);
    portee_gp_quote(g, c->y_label);
    if (isfinite(c->target)) {
        fprintf(g, ", %.10g with lines lt 4 dt 2 title ", k * c->target);
        portee_gp_quote(g, c->target_label);
    }
    if (c->cost) {
        fprintf(g, ", '%s.dat' using 1:4 axes x1y2 with linespoints lt 2 pt 5 ps 0.6 title ", name);
        portee_gp_quote(g, c->cost_label);
    }
    if (isfinite(c->answer_x)) {
        fprintf(g, ", '+' using (%.10g):(%.10g) every ::0::0 with points lt 4 pt 9 ps 2.2 title ", c->answer_x,
                k * c->answer_y);
        portee_gp_quote(g, c->answer_label);
    }
    fputc('\n', g);
    if (fclose(g) != 0) return portee_fail(err, PORTEE_EIO, "%s: write failed (disk full?)", path);
    return portee_plot_render(o, name, err);
}
