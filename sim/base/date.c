#include "sim/base/date.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil: exact for every year, no table). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long)yoe + era * 400 + (*m <= 2);
}

static unsigned month_days(long y, unsigned m)
{
    static const unsigned n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : n[m - 1];
}

/* A cursor over the text. */
typedef struct {
    const char *s;
    size_t i, n;
} cur_t;

static bool at(const cur_t *c, char ch) { return c->i < c->n && c->s[c->i] == ch; }

/* Exactly `digits` digits (or 1 to `digits` when !exact) into *v. */
static bool num(cur_t *c, int digits, bool exact, long *v)
{
    int k = 0;
    *v = 0;
    while (k < digits && c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9') {
        *v = *v * 10 + (c->s[c->i++] - '0');
        k++;
    }
    return exact ? k == digits : k > 0;
}

static bool fail(char *why, size_t len, const char *msg)
{
    snprintf(why, len, "%s", msg);
    return false;
}

/* HH:MM[:SS[.fff]] [AM|PM], as a fraction of a day. */
static bool time_of_day(cur_t *c, double *frac, char *why, size_t len)
{
    long h, mi, sec = 0;
    double sub = 0;
    if (!num(c, 2, false, &h) || !at(c, ':')) return fail(why, len, "expected a time HH:MM after the date");
    c->i++;
    if (!num(c, 2, true, &mi)) return fail(why, len, "expected minutes as two digits (HH:MM)");
    if (at(c, ':')) {
        c->i++;
        if (!num(c, 2, true, &sec)) return fail(why, len, "expected seconds as two digits (HH:MM:SS)");
        if (at(c, '.')) {
            c->i++;
            double scale = 0.1;
            if (c->i >= c->n || c->s[c->i] < '0' || c->s[c->i] > '9')
                return fail(why, len, "expected digits after the decimal point of the seconds");
            while (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9') {
                sub += (c->s[c->i++] - '0') * scale;
                scale /= 10;
            }
        }
    }
    while (at(c, ' ')) c->i++;
    if (c->i + 2 <= c->n && (c->s[c->i + 1] == 'M' || c->s[c->i + 1] == 'm')) {
        const char ap = c->s[c->i];
        if (ap == 'A' || ap == 'a' || ap == 'P' || ap == 'p') {
            if (h < 1 || h > 12) return fail(why, len, "a 12-hour time runs from 1 to 12 AM or PM");
            h = h % 12 + (ap == 'P' || ap == 'p' ? 12 : 0);
            c->i += 2;
        }
    }
    if (h > 23 || mi > 59 || sec > 60) return fail(why, len, "no such time of day");
    *frac = (h * 3600.0 + mi * 60.0 + (double)sec + sub) / 86400.0;
    return true;
}

/* Z, +HH:MM, +HHMM or +HH: the offset east of UTC, in days. */
static bool zone(cur_t *c, double *offset, char *why, size_t len)
{
    *offset = 0;
    if (at(c, 'Z') || at(c, 'z')) {
        c->i++;
        return true;
    }
    if (!at(c, '+') && !at(c, '-')) return true;
    const int sign = c->s[c->i++] == '-' ? -1 : 1;
    long h, m = 0;
    if (!num(c, 2, true, &h)) return fail(why, len, "expected a time zone offset +HH:MM");
    if (at(c, ':')) c->i++;
    if (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9' && !num(c, 2, true, &m))
        return fail(why, len, "expected a time zone offset +HH:MM");
    if (h > 14 || m > 59) return fail(why, len, "no such time zone offset");
    *offset = sign * (h * 60.0 + m) / 1440.0;
    return true;
}

bool portee_date_parse(const char *s, size_t len, portee_date_order_t order, double *days, char *why,
                       size_t why_len)
{
    while (len && (*s == ' ' || *s == '\t')) s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    cur_t c = {s, 0, len};
    long y, m = 1, d = 1;
    double frac = 0, offset = 0;
    bool has_day = true;
    if (memchr(s, '/', len)) {
        long a, b;
        if (!num(&c, 2, false, &a) || !at(&c, '/') || (c.i++, !num(&c, 2, false, &b)) || !at(&c, '/') ||
            (c.i++, !num(&c, 4, true, &y)))
            return fail(why, why_len, "expected a date MM/DD/YYYY (or DD/MM/YYYY when days come first)");
        m = order == PORTEE_DATE_DAY_FIRST ? b : a;
        d = order == PORTEE_DATE_DAY_FIRST ? a : b;
        if (m > 12 && d <= 12)
            return fail(why, why_len,
                        order == PORTEE_DATE_DAY_FIRST
                            ? "month above 12: are months first in this file (MM/DD/YYYY)?"
                            : "month above 12: are days first in this file (DD/MM/YYYY)? say so with --day-first");
    } else {
        if (!num(&c, 4, true, &y))
            return fail(why, why_len, "expected a date YYYY-MM-DD (or YYYY-MM, YYYY, MM/DD/YYYY)");
        if (at(&c, '-')) {
            c.i++;
            if (!num(&c, 2, true, &m)) return fail(why, why_len, "expected a month as two digits (YYYY-MM)");
            if (at(&c, '-')) {
                c.i++;
                if (!num(&c, 2, true, &d)) return fail(why, why_len, "expected a day as two digits (YYYY-MM-DD)");
            } else {
                has_day = false;
            }
        } else {
            has_day = false;
        }
    }
    if (y < 1900 || y > 2200) return fail(why, why_len, "a year from 1900 to 2200 was expected");
    if (m < 1 || m > 12) return fail(why, why_len, "no such month");
    if (d < 1 || (unsigned long)d > month_days(y, (unsigned)m)) return fail(why, why_len, "no such day in that month");
    if (c.i < c.n && has_day && (at(&c, 'T') || at(&c, 't') || at(&c, ' '))) {
        c.i++;
        while (at(&c, ' ')) c.i++;
        if (!time_of_day(&c, &frac, why, why_len)) return false;
        if (!zone(&c, &offset, why, why_len)) return false;
    }
    if (c.i != c.n) return fail(why, why_len, "unexpected text after the date");
    *days = (double)days_from_civil(y, (unsigned)m, (unsigned)d) + frac - offset;
    return true;
}

bool portee_date_like(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    const size_t start = i;
    while (i < len && s[i] >= '0' && s[i] <= '9') i++;
    if (i < len && s[i] == '/') return true;
    return i - start == 4 && i < len && (s[i] == '-' || s[i] == 'T');
}

double portee_date_year(double days)
{
    const double whole = floor(days);
    long y;
    unsigned m, d;
    civil_from_days((long)whole, &y, &m, &d);
    const double start = (double)days_from_civil(y, 1, 1), next = (double)days_from_civil(y + 1, 1, 1);
    return (double)y + (days - start) / (next - start);
}

double portee_date_days(double year)
{
    const double whole = floor(year);
    const double start = (double)days_from_civil((long)whole, 1, 1), next = (double)days_from_civil((long)whole + 1, 1, 1);
    return start + (year - whole) * (next - start);
}

double portee_date_add_months(double days, long months)
{
    const double whole = floor(days);
    long y;
    unsigned m, d;
    civil_from_days((long)whole, &y, &m, &d);
    const long k = (long)m - 1 + months;
    const long ny = y + (k >= 0 ? k / 12 : -((11 - k) / 12));
    const unsigned nm = (unsigned)(k - (ny - y) * 12) + 1;
    const unsigned last = month_days(ny, nm);
    return (double)days_from_civil(ny, nm, d < last ? d : last) + (days - whole);
}

bool portee_date_is_month_end(double days)
{
    long y;
    unsigned m, d;
    civil_from_days((long)floor(days), &y, &m, &d);
    return d == month_days(y, m);
}

void portee_date_format(char *buf, size_t len, double days)
{
    const long minutes = lround(days * 1440); /* whole minutes, so 23:59:59.9 is the next day */
    const long whole = (minutes >= 0 ? minutes : minutes - 1439) / 1440, in_day = minutes - whole * 1440;
    long y;
    unsigned m, d;
    civil_from_days(whole, &y, &m, &d);
    if (in_day == 0) snprintf(buf, len, "%04ld-%02u-%02u", y, m, d);
    else snprintf(buf, len, "%04ld-%02u-%02u %02ld:%02ld", y, m, d, in_day / 60, in_day % 60);
}
