/* date.h — calendar dates and times as written in exports and series, read
 * into one number.
 *
 * Accepted (UTC; a time zone offset is applied when given):
 *   2021            a year                      (its first day)
 *   2021-06         a month                     (its first day)
 *   2021-06-30      a day; 2021-06-30T14:05, 2021-06-30 14:05:09, ...Z, ...+02:00
 *   06/30/2021      a day, month first (Meta Business Suite and LinkedIn page
 *                   exports), or day first with PORTEE_DATE_DAY_FIRST; a time
 *                   may follow: 06/30/2021 14:05
 * Anything else, and impossible dates (2021-02-30, hour 25), is refused with
 * a reason.  Years 1900 to 2200.
 *
 * The result is days since 1970-01-01T00:00Z, fractional for times of day;
 * portee_date_year() turns it into a decimal year (2021.0 is 1 January 2021),
 * which is what a series of years and a date column can share. */
#ifndef PORTEE_DATE_H
#define PORTEE_DATE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { PORTEE_DATE_MONTH_FIRST = 0, PORTEE_DATE_DAY_FIRST = 1 } portee_date_order_t;

/* Parses s[0..len); false with why filled when it is not a date. */
bool portee_date_parse(const char *s, size_t len, portee_date_order_t order, double *days, char *why,
                       size_t why_len);

/* True when s looks like a date rather than a plain number (it has a '-'
 * after the year, a '/' or a 'T'), so a column of numbers stays numbers. */
bool portee_date_like(const char *s, size_t len);

/* Days since 1970-01-01 as a decimal year. */
double portee_date_year(double days);

/* A decimal year as days since 1970-01-01: portee_date_year's inverse (to
 * the rounding of a double). */
double portee_date_days(double year);

/* The same day of the month `months` later (earlier when negative), the
 * time of day kept; a day the month lacks becomes its last (January 31 plus
 * one month is February 28 or 29). */
double portee_date_add_months(double days, long months);

/* True when the day is the last of its month (2021-06-30, 2024-02-29). */
bool portee_date_is_month_end(double days);

/* "2021-06-30" (and " 14:05" when the time is not midnight) into buf. */
void portee_date_format(char *buf, size_t len, double days);

#endif
