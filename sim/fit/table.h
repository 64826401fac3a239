/* table.h — a CSV table with a header line, its columns found by name and
 * every cell located, for data exported by other programs (a page's posts).
 *
 * Parsing is RFC 4180 by libcsv (Debian's libcsv-dev) in strict mode:
 * cells may be double-quoted, and then hold commas, line breaks and doubled
 * quotes; spaces around a cell are dropped.  Also accepted: a UTF-8 byte
 * order mark, CRLF line ends, blank lines, and comment lines whose first
 * character is '#'.  The first row that is not a comment is the header;
 * every later row has as many cells as it.
 *
 * The caller names the columns it wants (a key, optional aliases, a kind,
 * required or not); a column is found by its header cell, compared with the
 * key and the aliases case-insensitively, or under another header the user
 * maps the key to (--column reach="Post reach").  Each wanted cell is read
 * by its kind:
 *   COUNT   a whole number >= 0: digits ("1234"), a decimal or exponent
 *           form with a whole value ("1234.0", "1.2e3"), or groups of three
 *           digits split by commas ("1,234,567", which only a quoted cell can
 *           hold); nothing else ("1.234" is not a whole number, "1 234" is
 *           refused)
 *   TIME    a date or date-time as sim/base/date.h reads it (ISO 8601,
 *           MM/DD/YYYY or, with PORTEE_DATE_DAY_FIRST, DD/MM/YYYY), or a
 *           plain number, read as a time in years (2023.5); one column may
 *           not mix the two
 * Every problem is PORTEE_EINPUT with a message "path:line:column: ..."
 * (column in characters, 1-based; a cell's position is that of its first
 * character, or of its opening quote) saying what was expected: an empty
 * file, no header, a wanted column missing or found twice, the header
 * repeated further down (two exports pasted together), a row of another
 * length, an empty or unreadable cell, unterminated quotes.  Files over
 * PORTEE_TABLE_MAX_BYTES or with more than PORTEE_TABLE_MAX_ROWS rows are
 * refused. */
#ifndef PORTEE_FIT_TABLE_H
#define PORTEE_FIT_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/base/date.h"
#include "sim/base/status.h"

#define PORTEE_TABLE_MAX_BYTES (64u << 20)
#define PORTEE_TABLE_MAX_ROWS 100000u
#define PORTEE_TABLE_MAX_COLUMNS 16
/* The largest count read: beyond it a double would no longer hold every whole number. */
#define PORTEE_TABLE_MAX_COUNT 1e15

typedef enum { PORTEE_TABLE_COUNT, PORTEE_TABLE_TIME } portee_table_kind_t;

typedef struct {
    const char *key;             /* also the default header name */
    const char *alias;           /* another header name found without a mapping, or NULL */
    portee_table_kind_t kind;
    bool required;
} portee_table_column_t;

/* What to read: the wanted columns, the user's KEY=HEADER mappings. */
typedef struct {
    const portee_table_column_t *columns;
    size_t n_columns; /* at most PORTEE_TABLE_MAX_COLUMNS */
    const char *const *map;  /* "KEY=HEADER" strings, n_map of them (checked: PORTEE_EINPUT) */
    size_t n_map;
    portee_date_order_t date_order;
} portee_table_spec_t;

/* Where a cell starts. */
typedef struct {
    size_t line, col;
} portee_table_pos_t;

/* The wanted columns, in the spec's order.  value[c] is NULL for an
 * optional column the file lacks; a TIME column holds days since 1970 for
 * dates (time_is_date[c]) or the numbers as written (years).  Owned: free
 * with portee_table_free. */
typedef struct {
    size_t n_rows;
    double *value[PORTEE_TABLE_MAX_COLUMNS];
    portee_table_pos_t *pos[PORTEE_TABLE_MAX_COLUMNS]; /* each cell's position */
    char *header[PORTEE_TABLE_MAX_COLUMNS];           /* the header cell found, or NULL */
    bool time_is_date[PORTEE_TABLE_MAX_COLUMNS];
    size_t header_line;
} portee_table_t;

/* Reads path into *t (zeroed first; free it whatever the outcome).  A file
 * without data rows is an error. */
portee_status_t portee_table_read(const char *path, const portee_table_spec_t *spec, portee_table_t *t,
                                  portee_error_t *err);
void portee_table_free(portee_table_t *t);

/* Checks the KEY=HEADER mappings against the spec's keys before any file is
 * read (unknown key, no '=', empty header, a key mapped twice); the message
 * names the mapping and the keys there are. */
portee_status_t portee_table_check_map(const portee_table_spec_t *spec, portee_error_t *err);

#endif
