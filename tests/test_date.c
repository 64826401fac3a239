/* Dates as exports write them: ISO 8601, US month-first, times and zones,
 * against days counted by hand from 1970-01-01. */
#include <math.h>
#include <string.h>

#include "sim/base/date.h"
#include "testutil.h"

static double parse(const char *s, portee_date_order_t order)
{
    double d = NAN;
    char why[128] = "";
    if (!portee_date_parse(s, strlen(s), order, &d, why, sizeof why)) return NAN;
    return d;
}

static void refused(const char *s, portee_date_order_t order, const char *frag)
{
    double d;
    char why[128] = "";
    const bool ok = portee_date_parse(s, strlen(s), order, &d, why, sizeof why);
    CHECK(!ok, "'%s' should be refused", s);
    CHECK(!ok && strstr(why, frag) != NULL, "'%s': reason '%s' lacks '%s'", s, why, frag);
}

int main(void)
{
    const portee_date_order_t mdy = PORTEE_DATE_MONTH_FIRST, dmy = PORTEE_DATE_DAY_FIRST;
    CHECK(parse("1970-01-01", mdy) == 0, "the epoch is day 0");
    CHECK(parse("1970-01-02", mdy) == 1, "the next day is day 1");
    /* 30 years with 7 leap days (72, 76, ..., 96) and January-February 2000 (31 + 29) */
    CHECK(parse("2000-03-01", mdy) == 30 * 365 + 7 + 31 + 29, "2000-03-01: %g", parse("2000-03-01", mdy));
    CHECK(parse("1969-12-31", mdy) == -1, "before the epoch");
    CHECK(parse("2021", mdy) == parse("2021-01-01", mdy) && parse("2021-06", mdy) == parse("2021-06-01", mdy),
          "a year or a month is its first day");
    CHECK(parse("2021-06-30T12:00", mdy) == parse("2021-06-30", mdy) + 0.5, "noon is half a day");
    CHECK(parse("2021-06-30 12:00:00", mdy) == parse("2021-06-30T12:00Z", mdy), "a space or T, Z or none");
    CHECK(parse("2021-06-30T14:05+02:00", mdy) == parse("2021-06-30T12:05Z", mdy), "offsets east of UTC");
    CHECK(parse("2021-06-30T07:05-0500", mdy) == parse("2021-06-30T12:05", mdy), "offsets west, without colon");
    CHECK(parse("06/30/2021", mdy) == parse("2021-06-30", mdy), "month first");
    CHECK(parse("30/06/2021", dmy) == parse("2021-06-30", mdy), "day first");
    CHECK(parse("6/3/2021 2:05 PM", mdy) == parse("2021-06-03T14:05", mdy), "a 12-hour time");
    CHECK(parse("6/3/2021 12:30 AM", mdy) == parse("2021-06-03T00:30", mdy), "12 AM is midnight");
    CHECK(parse("  2020-02-29 ", mdy) == parse("2020-03-01", mdy) - 1, "a leap day, blanks around");
    CHECK(fabs(portee_date_year(parse("2021-07-02T12:00", mdy)) - 2021.5) < 1e-12, "2 July noon is mid-2021");
    CHECK(portee_date_year(parse("2024-01-01", mdy)) == 2024, "1 January is the year itself");
    /* decimal years back to days, and calendar months */
    for (double d = -800; d < 25000; d += 37.25) {
        const double back = portee_date_days(portee_date_year(d));
        CHECK(fabs(back - d) < 1e-6, "day %g -> year -> day %.9f", d, back);
    }
    CHECK(portee_date_add_months(parse("2020-01-15", mdy), 7) == parse("2020-08-15", mdy), "January 15 + 7 months");
    CHECK(portee_date_add_months(parse("2021-01-31", mdy), 1) == parse("2021-02-28", mdy), "January 31 + 1 month");
    CHECK(portee_date_add_months(parse("2024-01-31", mdy), 1) == parse("2024-02-29", mdy), "a leap February");
    CHECK(portee_date_add_months(parse("2019-11-30", mdy), 3) == parse("2020-02-29", mdy), "across a new year");
    CHECK(portee_date_add_months(parse("2020-03-15T06:00", mdy), -14) == parse("2019-01-15T06:00", mdy),
          "back 14 months, the time kept");
    CHECK(portee_date_add_months(parse("1969-12-01", mdy), 1) == parse("1970-01-01", mdy), "across the epoch");
    CHECK(portee_date_add_months(parse("2020-06-10", mdy), -12 * 60 - 1) == parse("1960-05-10", mdy),
          "60 years and a month back");
    CHECK(portee_date_is_month_end(parse("2021-06-30", mdy)) && portee_date_is_month_end(parse("2024-02-29", mdy)) &&
              !portee_date_is_month_end(parse("2024-02-28", mdy)) &&
              portee_date_is_month_end(parse("2023-02-28", mdy)) && !portee_date_is_month_end(parse("2021-06-29", mdy)) &&
              portee_date_is_month_end(parse("1969-12-31T12:00", mdy)),
          "month ends: June 30, a leap February 29, February 28 of a common year (not of a leap one), "
          "before the epoch");

    refused("2021-02-29", mdy, "no such day");
    refused("2021-13-01", mdy, "no such month");
    refused("13/06/2021", mdy, "--day-first");
    refused("2021-06-30T25:00", mdy, "no such time");
    refused("2021-6-30", mdy, "two digits");
    refused("2021-06-30x", mdy, "unexpected text");
    refused("1850-01-01", mdy, "1900 to 2200");
    refused("yesterday", mdy, "expected a date");
    refused("", mdy, "expected a date");

    CHECK(portee_date_like("2021-06-30", 10) && portee_date_like("6/30/2021", 9) && !portee_date_like("2021", 4) &&
              !portee_date_like("2021.5", 6) && !portee_date_like("-3", 2),
          "dates look like dates, numbers like numbers");

    char buf[32];
    portee_date_format(buf, sizeof buf, parse("2021-06-30T14:05", mdy));
    CHECK(!strcmp(buf, "2021-06-30 14:05"), "formatted: %s", buf);
    portee_date_format(buf, sizeof buf, parse("2021-06-30T23:59:59.99", mdy));
    CHECK(!strcmp(buf, "2021-07-01"), "a hair before midnight rounds to the next day: %s", buf);
    return portee_test_summary("test_date");
}
