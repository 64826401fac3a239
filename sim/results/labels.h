/* labels.h — what a reader calls a parameter or an output, and its values
 * written with their unit: "budget per post", "$5", "followers 5,000",
 * "organic reach rate 4.8 %".
 *
 * Keys are the names of the models' tables ("followers", "budget") or,
 * where one name means two things, "model.name"; a sweep axis's path
 * ("page.followers", "boost.budget") finds the same label.  The unit comes
 * from the table's unit text ("currency", "share of followers", "people"),
 * so a label never repeats what the models declare.  tests/test_lang.c
 * checks that every parameter and output of every model has a label and a
 * unit this module knows, and that each has its French. */
#ifndef PORTEE_RESULTS_LABELS_H
#define PORTEE_RESULTS_LABELS_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/base/lang.h"

typedef enum {
    PORTEE_UNIT_PLAIN,  /* a number: 3 significant digits */
    PORTEE_UNIT_MONEY,  /* the scenario's currency */
    PORTEE_UNIT_SHARE,  /* 0..1, written as a percentage */
    PORTEE_UNIT_COUNT,  /* people, impressions, posts: grouped whole numbers */
    PORTEE_UNIT_TIME,   /* years, weeks, hours */
} portee_unit_kind_t;

/* The kind of a model table's unit text; PLAIN for one it does not know
 * (and portee_unit_known() says so). */
portee_unit_kind_t portee_unit_kind(const char *unit);
bool portee_unit_known(const char *unit);

/* The reader's name of PATH ("page.followers", "boost.budget", "total",
 * "reach.total"): the most specific label found, else the last part of
 * the path with '_' as spaces.  In LANG. */
const char *portee_label(const char *path, portee_lang_t lang);
/* Whether a label exists for PATH (for the tests). */
bool portee_label_known(const char *path);

/* UNIT as an axis shows it after a label: "$", "%", "people", "years", or
 * "$ per 1,000 impressions"; "" when there is nothing to add. */
void portee_unit_text(char *buf, size_t len, const char *unit, const char *currency, portee_lang_t lang);
/* "budget per post ($)", "followers (people)", "engagement rate (%)". */
void portee_label_axis(char *buf, size_t len, const char *path, const char *unit, const char *currency,
                       portee_lang_t lang);
/* V written in UNIT: "$5", "4.8 %", "5,000", "2.5". */
void portee_unit_value(char *buf, size_t len, double v, const char *unit, const char *currency,
                       portee_lang_t lang);
/* "budget per post $5", "followers 5,000", "organic reach rate 4.8 %". */
void portee_label_value(char *buf, size_t len, const char *path, const char *unit, double v,
                        const char *currency, portee_lang_t lang);

#endif
