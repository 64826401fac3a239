/* lang.c — languages, and numbers and money as each writes them (lang.h). */
#include "sim/base/lang.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NNBSP "\xe2\x80\xaf" /* U+202F narrow no-break space: French digit groups */
#define NBSP "\xc2\xa0"      /* U+00A0 no-break space: before a French currency or unit */

bool portee_lang_parse(const char *s, portee_lang_t *lang)
{
    if (!s) return false;
    if (!strcasecmp(s, "en")) *lang = PORTEE_LANG_EN;
    else if (!strcasecmp(s, "fr")) *lang = PORTEE_LANG_FR;
    else return false;
    return true;
}

const char *portee_lang_code(portee_lang_t lang) { return lang == PORTEE_LANG_FR ? "fr" : "en"; }

/* The table is short (hundreds of entries) and a chart asks for tens of
 * texts: a linear search costs nothing next to drawing it. */
static const char *lookup_fr(const char *en)
{
    for (const portee_tr_entry_t *const *t = portee_tr_fr; *t; t++)
        for (const portee_tr_entry_t *e = *t; e->en; e++)
            if (!strcmp(e->en, en)) return e->fr;
    return NULL;
}

const char *portee_tr(portee_lang_t lang, const char *en)
{
    if (lang != PORTEE_LANG_FR || !en) return en;
    const char *fr = lookup_fr(en);
    return fr ? fr : en;
}

bool portee_tr_has(const char *en) { return en && lookup_fr(en) != NULL; }

/* ---- numbers ---- */

/* Copies DIGITS (an unsigned "%.Nf" text) into out with the language's
 * group separator and decimal mark; false when out is too short. */
static bool group(char *out, size_t len, const char *digits, bool negative, portee_lang_t lang)
{
    const char *sep = lang == PORTEE_LANG_FR ? NNBSP : ",";
    const char *mark = lang == PORTEE_LANG_FR ? "," : ".";
    const size_t int_len = strcspn(digits, ".");
    size_t o = 0;
#define PUT(s)                                                                                    \
    do {                                                                                          \
        const size_t l_ = strlen(s);                                                              \
        if (o + l_ >= len) return false;                                                          \
        memcpy(out + o, (s), l_);                                                                 \
        o += l_;                                                                                  \
    } while (0)
    if (negative) PUT("-");
    for (size_t i = 0; i < int_len; i++) {
        if (i > 0 && (int_len - i) % 3 == 0) PUT(sep);
        const char d[2] = {digits[i], '\0'};
        PUT(d);
    }
    if (digits[int_len] == '.') {
        PUT(mark);
        PUT(digits + int_len + 1);
    }
#undef PUT
    out[o] = '\0';
    return true;
}

static bool special(char *buf, size_t len, double v)
{
    if (isnan(v)) snprintf(buf, len, "-");
    else if (isinf(v)) snprintf(buf, len, v < 0 ? "-\xe2\x88\x9e" : "\xe2\x88\x9e");
    else return false;
    return true;
}

/* 1.23e+25 (1,23e+25 in French): for what grouped digits cannot show;
 * "#" when even that does not fit in len (a number cut short would be
 * another number). */
static void scientific(char *buf, size_t len, double v, int sig, portee_lang_t lang)
{
    const int n = snprintf(buf, len, "%.*e", sig > 1 ? sig - 1 : 0, v);
    if (n < 0 || (size_t)n >= len) {
        snprintf(buf, len, "#");
        return;
    }
    char *mark = strchr(buf, '.');
    if (mark && lang == PORTEE_LANG_FR) *mark = ',';
}

void portee_fmt_fixed(char *buf, size_t len, double v, int decimals, portee_lang_t lang)
{
    if (len == 0) return;
    if (special(buf, len, v)) return;
    if (decimals < 0) decimals = 0;
    if (decimals > 17) decimals = 17;
    char digits[400];
    snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
    /* -0.001 at 2 decimals is "0.00", not "-0.00" */
    bool negative = v < 0 && strspn(digits, "0.") != strlen(digits);
    if (!group(buf, len, digits, negative, lang)) scientific(buf, len, v, 3, lang);
}

/* The decimals that give V SIG significant digits, and V rounded to them
 * when the digits reach left of the decimal mark. */
static int sig_decimals(double *v, int sig)
{
    if (*v == 0) return 0;
    const int mag = (int)floor(log10(fabs(*v)));
    int dec = sig - 1 - mag;
    if (dec < 0) {
        const double unit = pow(10, -dec);
        *v = round(*v / unit) * unit;
        dec = 0;
    }
    /* rounding can carry into a new digit (9.996 -> 10.0): one fewer decimal */
    char probe[64];
    snprintf(probe, sizeof probe, "%.*f", dec, fabs(*v));
    if (dec > 0 && (int)floor(log10(atof(probe))) > mag) dec--;
    return dec;
}

static void trim_zeros(char *buf, portee_lang_t lang)
{
    char *mark = strchr(buf, lang == PORTEE_LANG_FR ? ',' : '.');
    if (!mark) return;
    char *end = buf + strlen(buf);
    while (end > mark + 1 && end[-1] == '0') *--end = '\0';
    if (end == mark + 1) *mark = '\0';
}

void portee_fmt_sig(char *buf, size_t len, double v, int sig, portee_lang_t lang)
{
    if (len == 0) return;
    if (special(buf, len, v)) return;
    if (sig < 1) sig = 1;
    /* beyond a quadrillion or below a millionth, digits would be noise
     * (12,000,000,000,000,001,946,157,056) or a string of zeros */
    if (v != 0 && (fabs(v) >= 1e15 || fabs(v) < 1e-6)) {
        scientific(buf, len, v, sig, lang);
        return;
    }
    const int dec = sig_decimals(&v, sig);
    portee_fmt_fixed(buf, len, v, dec, lang);
    trim_zeros(buf, lang);
}

void portee_fmt_num(char *buf, size_t len, double v, portee_lang_t lang)
{
    if (isfinite(v) && fabs(v) >= 100) portee_fmt_fixed(buf, len, v, 0, lang);
    else portee_fmt_sig(buf, len, v, 3, lang);
}

void portee_fmt_pct(char *buf, size_t len, double share, portee_lang_t lang)
{
    char n[64];
    portee_fmt_num(n, sizeof n, 100 * share, lang);
    snprintf(buf, len, "%s%s%%", n, lang == PORTEE_LANG_FR ? NNBSP : " ");
}

/* ---- money ---- */

typedef struct {
    const char *code, *symbol;
    bool before_en; /* English writes it before the number; French always after */
} currency_t;

static const currency_t currencies[] = {
    {"USD", "$", true},    {"CAD", "$", true},    {"AUD", "$", true},      {"NZD", "$", true},
    {"EUR", "\xe2\x82\xac", true}, {"GBP", "\xc2\xa3", true}, {"JPY", "\xc2\xa5", true},
    {"CHF", "CHF", true},  {"MXN", "$", true},
};

static const currency_t *find_currency(const char *code)
{
    if (!code) code = "USD";
    for (size_t i = 0; i < sizeof currencies / sizeof *currencies; i++)
        if (!strcmp(currencies[i].code, code)) return &currencies[i];
    return NULL;
}

bool portee_currency_known(const char *code) { return find_currency(code) != NULL; }

bool portee_currency_valid(const char *code)
{
    return code && strlen(code) == 3 && isupper((unsigned char)code[0]) && isupper((unsigned char)code[1]) &&
           isupper((unsigned char)code[2]);
}

const char *portee_currency_symbol(const char *currency)
{
    const currency_t *c = find_currency(currency);
    return c ? c->symbol : currency;
}

bool portee_currency_before(const char *currency, portee_lang_t lang)
{
    if (lang == PORTEE_LANG_FR) return false;
    const currency_t *c = find_currency(currency);
    return c ? c->before_en : true;
}

void portee_fmt_money(char *buf, size_t len, double v, int decimals, const char *currency, portee_lang_t lang)
{
    char n[128];
    portee_fmt_fixed(n, sizeof n, fabs(v), decimals, lang);
    const char *sym = portee_currency_symbol(currency);
    const bool word = isalpha((unsigned char)sym[0]); /* "CHF 20", not "CHF20" */
    const char *minus = v < 0 && strpbrk(n, "123456789") ? "-" : ""; /* -0.001 is $0.00 */
    if (portee_currency_before(currency, lang)) snprintf(buf, len, "%s%s%s%s", minus, sym, word ? " " : "", n);
    else snprintf(buf, len, "%s%s%s%s", minus, n, lang == PORTEE_LANG_FR ? NBSP : " ", sym);
}
