/* charts_adoption.c — the adoption model's charts: the two S-curves with
 * their bands and the lag between them, when organisations adopt, the cost
 * of delay, and the lag across a sweep.  Each reads sweep point 0's
 * summaries of the outputs its entry in the table at the end names. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "models/adoption.h"
#include "plots/chart_common.h"
#include "plots/charts_sweep.h"
#include "plots/charts_units.h"
#include "plots/gp.h"

/* Summaries of one output at point 0 (one per step for a series); NULL if absent. */
static portee_summary_t *summaries(const portee_chart_ctx_t *c, size_t output, size_t *n)
{
    portee_summary_t *s;
    if (!portee_chart_summaries(c, output, 0, &s, n) || *n == 0) {
        free(s);
        return NULL;
    }
    return s;
}

/* A single-value output's summary at point 0; false if absent. */
static bool scalar(const portee_chart_ctx_t *c, size_t output, portee_summary_t *out)
{
    size_t n;
    portee_summary_t *s = summaries(c, output, &n);
    if (!s) return false;
    *out = s[0];
    free(s);
    return isfinite(out->mean);
}

static void write_summary(FILE *d, const portee_summary_t *s, double scale)
{
    fprintf(d, " %.17g %.17g %.17g %.17g %.17g %.17g", scale * s->mean, scale * s->p05, scale * s->p25,
            scale * s->p50, scale * s->p75, scale * s->p95);
}

/* ---- both S-curves, bands, the lag between the 50 % dates ---- */

/* The outputs adoption_curves reads, in the order of its entry's refs. */
enum { CURVES_AUDIENCE, CURVES_ORGS, CURVES_AUDIENCE_T50, CURVES_LAG };

static int curves(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const char *name = ch->name;
    size_t na, no;
    portee_summary_t *aud = summaries(c, portee_chart_ref(ch, CURVES_AUDIENCE), &na),
                     *org = summaries(c, portee_chart_ref(ch, CURVES_ORGS), &no);
    portee_summary_t t_aud, lag;
    const bool have_lag =
        scalar(c, portee_chart_ref(ch, CURVES_AUDIENCE_T50), &t_aud) && scalar(c, portee_chart_ref(ch, CURVES_LAG), &lag);
    int made = 0;
    if (!aud || !org || na != no || na < 2) goto done;
    FILE *d = portee_chart_dat_open(c, name);
    made = -1;
    if (!d) goto done;
    fputs("# year audience_pct(mean p05 p25 p50 p75 p95) organisations_pct(mean p05 p25 p50 p75 p95)\n", d);
    for (size_t t = 0; t < na; t++) {
        fprintf(d, "%zu", t);
        write_summary(d, &aud[t], 100);
        write_summary(d, &org[t], 100);
        fputc('\n', d);
    }
    if (portee_chart_dat_close(d)) goto done;

    FILE *b = c->body;
    portee_chart_units_start(c, portee_tr(c->lang, "who is on the platform, year by year"), 0);
    portee_chart_set_text(b, "xlabel", portee_tr(c->lang, "years since the platform opened"));
    portee_chart_set_text(b, "ylabel", portee_tr(c->lang, "share adopted (%)"));
    fprintf(b, "set xrange [0:%zu]\nset yrange [0:100]\nset ytics 0,10,100\n"
               "set key below horizontal noopaque nobox\n",
            na - 1);
    if (have_lag) {
        /* the median lag, drawn on the 50 % line from the audience's median
         * date as a bracket, so the bracket and its label are the same number */
        const double end = t_aud.p50 + lag.p50;
        fprintf(b, "set arrow 1 from %.17g, 50 to %.17g, 50 heads size screen 0.008,90 lc rgb '#1a1a1a' "
                   "lw 2 front\n",
                t_aud.p50, end);
        char text[256], med[32], lo[32], hi[32];
        portee_fmt_fixed(med, sizeof med, lag.p50, 1, c->lang);
        portee_fmt_fixed(lo, sizeof lo, lag.p05, 1, c->lang);
        portee_fmt_fixed(hi, sizeof hi, lag.p95, 1, c->lang);
        snprintf(text, sizeof text,
                 portee_tr(c->lang, "bracket on the 50 %% line: the lag of organisations at 50 %%, median %s years "
                                    "(90 %% of replicates: %s to %s)"),
                 med, lo, hi);
        fputs("set label 1 ", b);
        portee_gp_quote(b, text);
        /* top left: the curves are still low there */
        fputs(" at graph 0.02, graph 0.95 left tc rgb '#1a1a1a' front\n", b);
    }
    fprintf(b, "plot '%s.dat' using 1:3:7 with filledcurves lc rgb '%s' fs transparent solid 0.30 title ", name,
            GP_SKY);
    portee_gp_quote(b, portee_tr(c->lang, "audience, 90 %"));
    fprintf(b, ", \\\n     '' using 1:4:6 with filledcurves lc rgb '%s' fs transparent solid 0.35 title ", GP_BLUE);
    portee_gp_quote(b, portee_tr(c->lang, "audience, 50 %"));
    fprintf(b, ", \\\n     '' using 1:9:13 with filledcurves lc rgb '%s' fs transparent solid 0.25 title ",
            GP_ORANGE);
    portee_gp_quote(b, portee_tr(c->lang, "organisations, 90 %"));
    fprintf(b, ", \\\n     '' using 1:10:12 with filledcurves lc rgb '%s' fs transparent solid 0.35 title ",
            GP_VERMILLION);
    portee_gp_quote(b, portee_tr(c->lang, "organisations, 50 %"));
    fprintf(b, ", \\\n     '' using 1:2 with lines lc rgb '%s' lw 3 title ", GP_BLUE);
    portee_gp_quote(b, portee_tr(c->lang, "audience, mean"));
    fprintf(b, ", \\\n     '' using 1:8 with lines lc rgb '%s' lw 3 title ", GP_VERMILLION);
    portee_gp_quote(b, portee_tr(c->lang, "organisations, mean"));
    fputc('\n', b);
    made = 1;
done:
    free(aud);
    free(org);
    return made;
}

/* ---- when organisations adopt: the mean of org_new is that distribution ---- */

/* The outputs adoption_times reads, in the order of its entry's refs. */
enum { TIMES_NEW, TIMES_SHARE };

static int join_times(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const char *name = ch->name;
    size_t n;
    portee_summary_t *s = summaries(c, portee_chart_ref(ch, TIMES_NEW), &n);
    if (!s || n < 2) {
        free(s);
        return 0;
    }
    /* as a share of organisations when their number is fixed, else counts */
    const double orgs = portee_chart_parameter(c, ADOPT_ORGS, 0);
    const bool share = isfinite(orgs) && orgs > 0 && !portee_chart_has_inputs(c, ADOPT_ORGS);
    const double scale = share ? 100 / orgs : 1;
    FILE *d = portee_chart_dat_open(c, name);
    if (!d) {
        free(s);
        return -1;
    }
    fprintf(d, "# year %s(mean p05 p25 p50 p75 p95); year 0: present at the start\n",
            share ? "organisations_joining_pct" : "organisations_joining");
    double top = 0;
    for (size_t t = 0; t < n; t++) {
        fprintf(d, "%zu", t);
        write_summary(d, &s[t], scale);
        fputc('\n', d);
        top = fmax(top, scale * fmax(s[t].p95, s[t].mean));
    }
    free(s);
    if (portee_chart_dat_close(d)) return -1;
    /* the bars stop at the horizon: say how many organisations join later */
    size_t no;
    portee_summary_t *org = summaries(c, portee_chart_ref(ch, TIMES_SHARE), &no);
    const double later = org && no == n ? 100 * (1 - org[n - 1].mean) : NAN;
    free(org);
    FILE *b = c->body;
    portee_chart_units_start(c, portee_tr(c->lang, "when organisations join"), 0);
    /* the whiskers end below 1/1.3 of the height: the key and the note sit
     * above them, and no whisker is cut */
    if (!(top > 0)) top = 1;
    top *= 1.3;
    if (isfinite(later) && later >= 0.05) {
        char text[160], pct[32];
        portee_fmt_fixed(pct, sizeof pct, later, 1, c->lang);
        snprintf(text, sizeof text, portee_tr(c->lang, "after year %zu: %s %% of organisations (mean), not shown"),
                 n - 1, pct);
        fputs("set label 1 ", b);
        portee_gp_quote(b, text);
        fprintf(b, " at graph 0.99, graph 0.95 right tc rgb '%s' front\n", GP_GREY);
    }
    portee_chart_set_text(b, "xlabel",
                          portee_tr(c->lang, "year (organisations joining since the previous year; year 0: there at the start)"));
    portee_chart_set_text(b, "ylabel", share ? portee_tr(c->lang, "organisations joining (% of all)")
                                             : portee_tr(c->lang, "organisations joining"));
    fprintf(b, "set xrange [-0.6:%g]\nset yrange [0:%.17g]\nset xtics 0,1\nset boxwidth 0.7\n"
               "set style fill solid 0.85 noborder\nset key top left\n",
            n - 0.4, top);
    portee_chart_units_tics(b, "ytics", 0, top, 8, false, c->currency, c->lang);
    fprintf(b, "plot '%s.dat' using 1:2 with boxes lc rgb '%s' title ", name, GP_VERMILLION);
    portee_gp_quote(b, portee_tr(c->lang, "mean of the replicates"));
    fputs(", \\\n     '' using 1:3:(0):($7-$3) with vectors nohead lc rgb '#1a1a1a' lw 1.5 title ", b);
    portee_gp_quote(b, portee_tr(c->lang, "90 % of replicates (5-95 %)"));
    fputc('\n', b);
    return 1;
}

/* ---- cost of delay: followers and cumulative reach by adoption year ---- */

/* The outputs cost_of_delay reads, in the order of its entry's refs. */
enum { DELAY_FOLLOWERS, DELAY_REACH, DELAY_LOST };

static int cost_of_delay(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const char *name = ch->name;
    size_t nf, nr, nl;
    portee_summary_t *fol = summaries(c, portee_chart_ref(ch, DELAY_FOLLOWERS), &nf),
                     *reach = summaries(c, portee_chart_ref(ch, DELAY_REACH), &nr);
    portee_summary_t *lost = summaries(c, portee_chart_ref(ch, DELAY_LOST), &nl);
    int made = 0;
    if (!fol || !reach || nf != nr || nf < 2 || (lost && nl != nf)) goto done;
    FILE *d = portee_chart_dat_open(c, name);
    made = -1;
    if (!d) goto done;
    fputs("# adoption_year followers(mean p05 p25 p50 p75 p95) cumulative_reach(mean p05 p25 p50 p75 p95) "
          "reach_lost_pct_mean\n",
          d);
    double ftop = 0, rtop = 0;
    for (size_t y = 0; y < nf; y++) {
        fprintf(d, "%zu", y);
        write_summary(d, &fol[y], 1);
        write_summary(d, &reach[y], 1);
        fprintf(d, " %.17g\n", lost ? 100 * lost[y].mean : NAN);
        ftop = fmax(ftop, fmax(fol[y].p95, fol[y].mean));
        rtop = fmax(rtop, fmax(reach[y].p95, reach[y].mean));
    }
    if (portee_chart_dat_close(d)) goto done;

    const double horizon = portee_chart_parameter(c, ADOPT_HORIZON, 0);
    char title[1024], note[512], text[256], h[32];
    portee_fmt_sig(h, sizeof h, horizon, 3, c->lang);
    portee_chart_units_point_note(c, 0, note, sizeof note);
    snprintf(text, sizeof text, portee_tr(c->lang, "the cost of waiting, by year %s"), h);
    snprintf(title, sizeof title, note[0] ? "%s: %s (%s)" : "%s: %s%s",
             c->results->scenario_name ? c->results->scenario_name : "portee", text, note);
    FILE *b = c->body;
    fputs("reset\n", b);
    portee_gp_style(b);
    fputs("set multiplot layout 1,2 title ", b);
    portee_gp_quote(b, title);
    fputs(note[0] ? " font ',13'\n" : " font ',16'\n", b); /* the sweep point's note fits */
    fprintf(b, "set xrange [-0.6:%g]\nset xtics 0,1\nset boxwidth 0.7\n"
               "set style fill solid 0.85 noborder\nunset key\n",
            nf - 0.4);
    portee_chart_set_text(b, "xlabel", portee_tr(c->lang, "year the organisation joins"));
    snprintf(text, sizeof text, portee_tr(c->lang, "followers in year %s"), h);
    portee_chart_set_text(b, "ylabel", text);
    portee_chart_set_text(b, "title", portee_tr(c->lang, "followers it holds (bars: mean; lines: 90 % of replicates)"));
    fputs("set title font ',12'\n", b); /* two panel titles side by side */
    if (!(ftop > 0)) ftop = 1;
    fprintf(b, "set yrange [0:%.17g]\n", ftop * 1.1);
    portee_chart_units_tics(b, "ytics", 0, ftop * 1.1, 8, false, c->currency, c->lang);
    fprintf(b, "plot '%s.dat' using 1:2 with boxes lc rgb '%s', \\\n"
               "     '' using 1:3:(0):($7-$3) with vectors nohead lc rgb '#1a1a1a' lw 1.5\n",
            name, GP_BLUE);
    /* a post's reach added up over the years counts a person once per post:
     * impressions, as the model's table says */
    snprintf(text, sizeof text, portee_tr(c->lang, "organic impressions of its posts, years 0 to %s"), h);
    portee_chart_set_text(b, "ylabel", text);
    portee_chart_set_text(b, "title", portee_tr(c->lang, "its organic impressions (labels: lost against joining in year 0)"));
    /* the labels above the whiskers, not on them */
    if (!(rtop > 0)) rtop = 1;
    fprintf(b, "set yrange [0:%.17g]\n", rtop * 1.15);
    portee_chart_units_tics(b, "ytics", 0, rtop * 1.15, 8, false, c->currency, c->lang);
    fprintf(b, "plot '%s.dat' using 1:8 with boxes lc rgb '%s', \\\n"
               "     '' using 1:9:(0):($13-$9) with vectors nohead lc rgb '#1a1a1a' lw 1.5, \\\n"
               "     '' using 1:13:($1 > 0 && $14 == $14 ? sprintf('-%%.0f %%%%', $14) : '') "
               "with labels offset 0,1.1 tc rgb '#1a1a1a'\n"
               "unset multiplot\n",
            name, GP_VERMILLION);
    made = 1;
done:
    free(fol);
    free(reach);
    free(lost);
    return made;
}

static int sweep(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    return portee_chart_sweep_of(c, ch->name, portee_chart_ref(ch, 0),
                                 portee_tr(c->lang, "lag of organisations behind the audience at 50 %"));
}

static const portee_chart_t charts[] = {
    {"adoption_curves", "share of the audience and of organisations on the platform, year by year, "
                        "with bands and the lag between them", NULL, curves,
     {[CURVES_AUDIENCE] = PORTEE_CHART_SERIES(ADOPT_OUT_AUDIENCE_SHARE),
      [CURVES_ORGS] = PORTEE_CHART_SERIES(ADOPT_OUT_ORG_SHARE),
      [CURVES_AUDIENCE_T50] = PORTEE_CHART_VALUE(ADOPT_OUT_AUDIENCE_T50),
      [CURVES_LAG] = PORTEE_CHART_VALUE(ADOPT_OUT_LAG_T50)}},
    {"adoption_times", "when organisations adopt: share of them joining each year", NULL, join_times,
     {[TIMES_NEW] = PORTEE_CHART_SERIES(ADOPT_OUT_ORG_NEW), [TIMES_SHARE] = PORTEE_CHART_SERIES(ADOPT_OUT_ORG_SHARE)}},
    {"cost_of_delay", "followers and organic reach by the horizon of an organisation joining in year 0, 1, ...",
     "adoption.delay_years > 0", cost_of_delay,
     {[DELAY_FOLLOWERS] = PORTEE_CHART_SERIES(ADOPT_OUT_DELAY_FOLLOWERS),
      [DELAY_REACH] = PORTEE_CHART_SERIES(ADOPT_OUT_DELAY_REACH),
      [DELAY_LOST] = PORTEE_CHART_SERIES(ADOPT_OUT_DELAY_REACH_LOST)}},
    {"adoption_sweep", "lag between the audience's and organisations' 50 % dates across the sweep",
     "a sweep (drawn in the shapes of the reach sweep chart)", sweep,
     {PORTEE_CHART_VALUE(ADOPT_OUT_LAG_T50)}},
    {"adoption_tornado", "which uncertain inputs move the lag of organisations behind the audience most (rank correlation)", "inputs given as distributions and output.replicates: true", portee_chart_tornado, {PORTEE_CHART_VALUE(ADOPT_OUT_LAG_T50)}},
};

const portee_chart_set_t portee_charts_adoption = {&portee_model_adoption, charts, sizeof charts / sizeof *charts};
