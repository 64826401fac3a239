/* captions.h — the sentence under each chart of the report, saying how to
 * read it with the numbers it shows ("Half of the posts reach 49 people or
 * fewer; one in twenty reaches 144 or more.").  A chart without a caption
 * of its own gets a true, general one: the numbers of its model's main
 * output.  In the context's language (portee_tr). */
#ifndef PORTEE_PLOTS_CAPTIONS_H
#define PORTEE_PLOTS_CAPTIONS_H

#include <stddef.h>

#include "plots/charts.h"

/* The caption of chart CH drawn from C (C->model set as for drawing it)
 * into buf; always NUL-terminated. */
void portee_caption(const portee_chart_t *ch, const portee_chart_ctx_t *c, char *buf, size_t len);

#endif
