/* export.h — numbers out for spreadsheets: tidy tables written as CSV or
 * XLSX (docs/export.md).
 *
 * A writer holds sheets of rows.  XLSX: each sheet is a worksheet (numbers
 * stored as numbers, a bold header row kept in view, columns as wide as
 * their text).  CSV: one table, the header of the first sheet written to
 * it and the rows of every sheet that shares its columns; sheets marked
 * not for CSV (inputs) are left out.  English: ',' between fields and '.'
 * in numbers; French: ';' and ','.  Fields are quoted as RFC 4180 says.
 *
 * Numbers are rounded for a reader: 6 significant digits (no
 * 49.827219999999997), or whole numbers.  A file is written under a
 * temporary name beside PATH and renamed by portee_export_close() with
 * commit: an existing file is never replaced by a partial one. */
#ifndef PORTEE_EXPORT_H
#define PORTEE_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "sim/base/lang.h"
#include "sim/base/status.h"
#include "sim/results/h5read.h"

typedef enum { PORTEE_EXPORT_CSV, PORTEE_EXPORT_XLSX } portee_export_format_t;

typedef struct portee_export portee_export_t;

/* A writer of PATH (its temporary), or with PATH NULL a CSV written to
 * STREAM as it goes. */
portee_status_t portee_export_open(const char *path, FILE *stream, portee_export_format_t format,
                                   portee_lang_t lang, portee_export_t **x, portee_error_t *err);
/* Starts a sheet with N column headings; in_csv: its rows go to a CSV too
 * (the columns must then be the first CSV sheet's). */
portee_status_t portee_export_sheet(portee_export_t *x, const char *name, const char *const *columns, size_t n,
                                    bool in_csv, portee_error_t *err);
/* The next cell of the current row: text (NULL: empty), a number rounded
 * to 6 significant digits, a whole number (rounded), or empty (NaN is empty). */
void portee_export_text(portee_export_t *x, const char *s);
void portee_export_num(portee_export_t *x, double v);
void portee_export_whole(portee_export_t *x, double v);
/* Ends the row (cells not given are empty). */
portee_status_t portee_export_row(portee_export_t *x, portee_error_t *err);
/* Finishes the file and renames it over its path (commit), or removes the
 * temporary; frees x either way.  NULL-safe. */
portee_status_t portee_export_close(portee_export_t *x, bool commit, portee_error_t *err);
portee_lang_t portee_export_lang(const portee_export_t *x);

/* V rounded to 6 significant digits (whole: to a whole number). */
double portee_export_round(double v, bool whole);

/* Every summary of a results file as tidy rows (one per point, output and
 * step), and, in XLSX, a sheet per model and an "inputs" sheet (every
 * parameter: label, value or distribution, unit).  reg gives the units and
 * the scenario's parameters (NULL: no units, no inputs sheet).  *rows: the
 * data rows written. */
portee_status_t portee_export_results(portee_export_t *x, const portee_results_t *r, const portee_registry_t *reg,
                                      uint64_t *rows, portee_error_t *err);

#endif
