/* csv.h — a strict reader for a two-column numeric series (time, value).
 *
 * Accepted: comma-separated lines of two decimal numbers, each optionally
 * surrounded by spaces or tabs; an optional header line (the first line whose
 * first field is not a number: its two fields name the columns and may be
 * double-quoted); lines starting with '#' (after spaces) are comments; blank
 * lines are skipped; CRLF line ends are fine.  Numbers are decimal only (no
 * hexadecimal, inf or nan, no quotes).
 *
 * Anything else is a PORTEE_EINPUT error located as "path:line:column: "
 * that says what was expected there.  Files over PORTEE_CSV_MAX_BYTES or
 * with more than PORTEE_CSV_MAX_ROWS data rows are refused, and so is a
 * file without any data row.  The reader checks form only: ordering and
 * ranges are the caller's (it has each row's line number for its messages). */
#ifndef PORTEE_CSV_H
#define PORTEE_CSV_H

#include <stddef.h>

#include "sim/base/status.h"

#define PORTEE_CSV_MAX_BYTES (16u << 20)
#define PORTEE_CSV_MAX_ROWS 100000u

typedef struct {
    size_t n;          /* data rows */
    double *x, *y;     /* first and second column */
    size_t *line;      /* each row's line number (1-based) */
    char *names[2];    /* from the header, or NULL */
} portee_csv_series_t;

/* Reads path into *s (zeroed first; free it with portee_csv_series_free
 * whatever the outcome). */
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
