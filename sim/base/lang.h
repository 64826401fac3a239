/* lang.h — the language of what a person reads (charts, reports, tables,
 * exports): English or French, and numbers written the way each writes them.
 *
 * Text is written in English in the code and passed through portee_tr();
 * the French for it is one table, sim/base/lang_fr.c, keyed by the English.
 * A text missing from the table comes out in English: tests/cli_lang.sh
 * renders every chart and report in French and fails on an English word.
 * printf-style texts keep their conversions, in the same order, in both
 * languages (tests/test_lang.c checks every entry).
 *
 * Numbers: English 12,345.6; French (Québec and France) 12 345,6 with a
 * narrow no-break space (U+202F) between groups.  Money: $20 and 20 $ for
 * dollars, the code's symbol placed as each language does ("20 k$" in
 * French, "$20k" in English).
 *
 * Chosen over gettext: gettext picks the language from the process locale,
 * which needs the system's fr_CA/fr_FR locales generated, and formats numbers
 * through the C locale too; a report's language is a per-command choice
 * (--lang fr) that must give the same bytes on any machine. */
#ifndef PORTEE_BASE_LANG_H
#define PORTEE_BASE_LANG_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { PORTEE_LANG_EN, PORTEE_LANG_FR } portee_lang_t;

/* "en" or "fr" (any case) -> *lang; false otherwise. */
bool portee_lang_parse(const char *s, portee_lang_t *lang);
const char *portee_lang_code(portee_lang_t lang);

/* The text EN in LANG: EN itself in English, else the French table's text
 * (EN when the table has none). */
const char *portee_tr(portee_lang_t lang, const char *en);
/* Whether the French table holds EN (for tests and for the check that a
 * language's text is complete). */
bool portee_tr_has(const char *en);

/* The French tables, each ended by {NULL, NULL}: lang_fr.c (parameters,
 * outputs, units, the report, charts, tables and the run's messages) and
 * lang_fr_fit.c (the fits' tables); portee_tr_fr lists both, then NULL
 * (for tests/test_lang.c). */
typedef struct {
    const char *en, *fr;
} portee_tr_entry_t;
extern const portee_tr_entry_t portee_tr_fr_main[], portee_tr_fr_fit[];
extern const portee_tr_entry_t *const portee_tr_fr[];

/* ---- numbers ---- */

/* V with DECIMALS decimals, groups of three digits separated ("1,234.5",
 * "1 234,5"); "-" for NaN, "∞" for infinities.  Always NUL-terminated. */
void portee_fmt_fixed(char *buf, size_t len, double v, int decimals, portee_lang_t lang);
/* V to SIG significant digits without exponent and without trailing zeros
 * (109.99999999999999 -> "110", 0.0478942 -> "0.0479", 1234567 -> "1,230,000");
 * from 1e15 up and below 1e-6, SIG digits with an exponent ("1.23e+25"). */
void portee_fmt_sig(char *buf, size_t len, double v, int sig, portee_lang_t lang);
/* V rounded for a reader: whole numbers at or above 100 without decimals,
 * else 3 significant digits ("49.8", "144", "0.0727", "12,345"). */
void portee_fmt_num(char *buf, size_t len, double v, portee_lang_t lang);
/* 100*V as a percentage, 3 significant digits at most: "4.8 %", "4,8 %"
 * (a space before % in both languages: the style of the reports). */
void portee_fmt_pct(char *buf, size_t len, double share, portee_lang_t lang);

/* ---- money ---- */

/* Whether CODE is a currency portee knows the symbol of (ISO 4217: USD, CAD,
 * EUR, GBP, AUD, CHF, JPY, ...); others are written with their code. */
bool portee_currency_known(const char *code);
/* Whether CODE looks like an ISO 4217 code (three capital letters). */
bool portee_currency_valid(const char *code);
/* V in CURRENCY (NULL: USD) with DECIMALS decimals: "$20", "20 $", "€1,250.50",
 * "1 250,50 €", "CHF 20", "20 CHF". */
void portee_fmt_money(char *buf, size_t len, double v, int decimals, const char *currency, portee_lang_t lang);
/* The currency's symbol alone ("$", "€", "CHF"), and whether it goes
 * before the number in LANG.  For axis labels: "budget per post ($)". */
const char *portee_currency_symbol(const char *currency);
bool portee_currency_before(const char *currency, portee_lang_t lang);

#endif
