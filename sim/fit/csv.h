/* csv.h — a strict reader for a two-column series (time, value).
 *
 * Accepted: comma-separated lines of two fields, each optionally surrounded
 * by spaces or tabs: the time, a decimal number or a date, then the value, a
 * decimal number; an optional header line (the first line whose fields are
 * neither numbers nor dates: its two fields name the columns and may be
 * double-quoted); lines starting with '#' (after spaces) are comments; blank
 * lines are skipped; CRLF line ends are fine.  Numbers are decimal only (no
 * hexadecimal, inf or nan, no quotes).  Dates are sim/base/date.h's
 * (2021, 2021-06, 2021-06-30, 06/30/2021, with times and zones); the first
 * data row decides whether the time column holds dates (it looks like one:
 * portee_date_like) or numbers, and a cell of the other kind is an error.
 * Dates are read as decimal years (portee_date_year), so that p and q come
 * out per year.
 *
 * Anything else is a PORTEE_EINPUT error located as "path:line:column: "
 * that says what was expected there.  Files over PORTEE_CSV_MAX_BYTES or
 * with more than PORTEE_CSV_MAX_ROWS data rows are refused, and so is a
 * file without any data row.  The reader checks form only: ordering and
 * ranges are the caller's (it has each row's line number for its messages). */
#ifndef PORTEE_CSV_H
#define PORTEE_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/base/date.h"
#include "sim/base/status.h"

#define PORTEE_CSV_MAX_BYTES (16u << 20)
#define PORTEE_CSV_MAX_ROWS 100000u

typedef struct {
    size_t n;          /* data rows */
    double *x, *y;     /* first and second column */
    size_t *line;      /* each row's line number (1-based) */
    char *names[2];    /* from the header, or NULL */
    bool dates;        /* the first column held dates: x are decimal years */
} portee_csv_series_t;

/* Reads path into *s (zeroed first; free it with portee_csv_series_free
 * whatever the outcome); dates like 06/30/2021 are read in `order`. */
portee_status_t portee_csv_read_series_order(const char *path, portee_date_order_t order, portee_csv_series_t *s,
                                             portee_error_t *err);
/* The same, month first (MM/DD/YYYY). */
portee_status_t portee_csv_read_series(const char *path, portee_csv_series_t *s, portee_error_t *err);
void portee_csv_series_free(portee_csv_series_t *s);

/* How a number reads: fine, not a decimal number, or out of a double's range. */
typedef enum {
    PORTEE_NUMBER_OK,
    PORTEE_NUMBER_BAD,       /* not a whole decimal number */
    PORTEE_NUMBER_TOO_LARGE, /* beyond ±1.8e308: would be infinite */
    PORTEE_NUMBER_TOO_SMALL  /* not 0, but below 2.2e-308 (underflow) */
} portee_number_t;

/* The one decimal number parser of the CSV and of portee fit's options:
 * s[0..len) must be a whole decimal number (digits, point, exponent, signs;
 * no blanks, hexadecimal, inf or nan, all of which strtod alone would take).
 * Sets *x only when PORTEE_NUMBER_OK. */
portee_number_t portee_csv_parse_double(const char *s, size_t len, double *x);

#endif
