/* test_lang.c — numbers and money in English and French, the French
 * table's entries (printf conversions kept, no key twice), and a label, a
 * known unit and a French label for every parameter and output of every
 * model. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "models/registry.h"
#include "sim/base/lang.h"
#include "sim/results/labels.h"
#include "testutil.h"

#define NNBSP "\xe2\x80\xaf"
#define NBSP "\xc2\xa0"

static void expect(const char *got, const char *want, const char *what)
{
    CHECK(!strcmp(got, want), "%s: got '%s', want '%s'", what, got, want);
}

static void numbers(void)
{
    char b[128];
    portee_fmt_fixed(b, sizeof b, 1234567.891, 1, PORTEE_LANG_EN);
    expect(b, "1,234,567.9", "fixed en");
    portee_fmt_fixed(b, sizeof b, 1234567.891, 1, PORTEE_LANG_FR);
    expect(b, "1" NNBSP "234" NNBSP "567,9", "fixed fr");
    portee_fmt_fixed(b, sizeof b, -0.001, 2, PORTEE_LANG_EN);
    expect(b, "0.00", "no negative zero");
    portee_fmt_fixed(b, sizeof b, -1000, 0, PORTEE_LANG_EN);
    expect(b, "-1,000", "negative grouped");
    portee_fmt_fixed(b, sizeof b, 999, 0, PORTEE_LANG_EN);
    expect(b, "999", "three digits, no separator");
    portee_fmt_sig(b, sizeof b, 109.99999999999999, 3, PORTEE_LANG_EN);
    expect(b, "110", "float noise");
    portee_fmt_sig(b, sizeof b, 0.0478942, 3, PORTEE_LANG_EN);
    expect(b, "0.0479", "3 significant");
    portee_fmt_sig(b, sizeof b, 0.0478942, 3, PORTEE_LANG_FR);
    expect(b, "0,0479", "decimal comma");
    portee_fmt_sig(b, sizeof b, 9.996, 3, PORTEE_LANG_EN);
    expect(b, "10", "carry");
    portee_fmt_sig(b, sizeof b, 1234567, 3, PORTEE_LANG_EN);
    expect(b, "1,230,000", "large");
    portee_fmt_sig(b, sizeof b, 0, 3, PORTEE_LANG_EN);
    expect(b, "0", "zero");
    portee_fmt_num(b, sizeof b, 49.827219999999997, PORTEE_LANG_EN);
    expect(b, "49.8", "num");
    portee_fmt_num(b, sizeof b, 144.0, PORTEE_LANG_EN);
    expect(b, "144", "num whole");
    portee_fmt_num(b, sizeof b, 12345.6, PORTEE_LANG_FR);
    expect(b, "12" NNBSP "346", "num fr");
    portee_fmt_pct(b, sizeof b, 0.048, PORTEE_LANG_EN);
    expect(b, "4.8 %", "pct");
    portee_fmt_pct(b, sizeof b, 0.048, PORTEE_LANG_FR);
    expect(b, "4,8" NNBSP "%", "pct fr");
    portee_fmt_fixed(b, sizeof b, NAN, 1, PORTEE_LANG_EN);
    expect(b, "-", "nan");
    portee_fmt_sig(b, sizeof b, 1.2e25, 3, PORTEE_LANG_EN);
    expect(b, "1.20e+25", "huge: an exponent, not noise digits");
    portee_fmt_sig(b, sizeof b, 1.5e-70, 2, PORTEE_LANG_FR);
    expect(b, "1,5e-70", "tiny: an exponent, not 0");
    char small[9];
    portee_fmt_sig(small, sizeof small, 1234567.5, 3, PORTEE_LANG_EN);
    expect(small, "1.23e+06", "too long for the buffer grouped: an exponent");
    portee_fmt_sig(small, 6, 1234567.5, 3, PORTEE_LANG_EN);
    expect(small, "#", "too long even so: #, never a number cut short");
}

static void money(void)
{
    char b[128];
    portee_fmt_money(b, sizeof b, 20, 0, "USD", PORTEE_LANG_EN);
    expect(b, "$20", "usd en");
    portee_fmt_money(b, sizeof b, 20, 0, "CAD", PORTEE_LANG_FR);
    expect(b, "20" NBSP "$", "cad fr");
    portee_fmt_money(b, sizeof b, 1250.5, 2, "EUR", PORTEE_LANG_EN);
    expect(b, "\xe2\x82\xac" "1,250.50", "eur en");
    portee_fmt_money(b, sizeof b, 1250.5, 2, "EUR", PORTEE_LANG_FR);
    expect(b, "1" NNBSP "250,50" NBSP "\xe2\x82\xac", "eur fr");
    portee_fmt_money(b, sizeof b, 20, 0, "CHF", PORTEE_LANG_EN);
    expect(b, "CHF 20", "chf en");
    portee_fmt_money(b, sizeof b, 20, 0, "SEK", PORTEE_LANG_EN);
    expect(b, "SEK 20", "unknown code en");
    portee_fmt_money(b, sizeof b, -5, 0, "USD", PORTEE_LANG_EN);
    expect(b, "-$5", "negative");
    portee_fmt_money(b, sizeof b, -0.001, 2, "USD", PORTEE_LANG_EN);
    expect(b, "$0.00", "no negative zero money");
    CHECK(portee_currency_valid("CAD") && !portee_currency_valid("cad") && !portee_currency_valid("CADX"),
          "currency codes");
    portee_lang_t l;
    CHECK(portee_lang_parse("FR", &l) && l == PORTEE_LANG_FR && !portee_lang_parse("de", &l), "language codes");
}

/* The printf conversions of a text, "%" and the letter, in order; "%%",
 * "% " (a percent sign before a word) and "%c" (the currency) included as
 * they are. */
static void conversions(const char *s, char *out, size_t len)
{
    size_t o = 0;
    for (; *s && o + 3 < len; s++) {
        if (*s != '%') continue;
        if (s[1] == '%') {
            s++;
            continue;
        }
        if (s[1] == ' ' || s[1] == '\0') continue; /* "4 % of", "%" at the end: not a conversion */
        const char *p = s + 1;
        while (*p && strchr("-+#0123456789.lzhjt*", *p)) p++;
        /* the whole conversion: %zu and %llu differ, not just their u */
        const size_t n = (size_t)(p - s) + (*p ? 1 : 0);
        if (o + n + 2 >= len) break;
        memcpy(out + o, s, n);
        o += n;
        out[o++] = ' ';
        s = *p ? p : p - 1;
    }
    out[o] = '\0';
}

static void table(void)
{
    size_t total = 0;
    for (const portee_tr_entry_t *const *t = portee_tr_fr; *t; t++)
        for (const portee_tr_entry_t *e = *t; e->en; e++) {
            char a[256], b[256];
            conversions(e->en, a, sizeof a);
            conversions(e->fr, b, sizeof b);
            CHECK(!strcmp(a, b), "'%s' -> '%s': conversions %s and %s differ", e->en, e->fr, a, b);
            CHECK(e->fr && e->fr[0] != '\0', "'%s': empty French", e->en);
            /* once in all the tables: an earlier entry of any table */
            for (const portee_tr_entry_t *const *u = portee_tr_fr; u <= t; u++)
                for (const portee_tr_entry_t *f = *u; f->en && f != e; f++)
                    CHECK(strcmp(f->en, e->en), "'%s' twice in the French tables", e->en);
            total++;
        }
    CHECK(total > 500, "the French tables hold %zu texts", total);
    CHECK(!strcmp(portee_tr(PORTEE_LANG_FR, "followers"), "abonnés"), "a French text");
    CHECK(!strcmp(portee_tr(PORTEE_LANG_EN, "followers"), "followers"), "English is the key");
}

static void labels(void)
{
    const portee_registry_t *reg = &portee_registry;
    char path[128];
    for (size_t m = 0; m < reg->n_models; m++) {
        const portee_model_t *mod = reg->models[m];
        for (size_t j = 0; j < mod->n_params; j++) {
            snprintf(path, sizeof path, "%s.%s", mod->name, mod->params[j].name);
            CHECK(portee_label_known(path), "%s: no label", path);
            CHECK(portee_unit_known(mod->params[j].unit), "%s: unit '%s' unknown to labels.c", path,
                  mod->params[j].unit);
            CHECK(portee_tr_has(portee_label(path, PORTEE_LANG_EN)), "%s: label '%s' has no French", path,
                  portee_label(path, PORTEE_LANG_EN));
        }
        for (size_t o = 0; o < mod->n_outputs; o++) {
            snprintf(path, sizeof path, "%s.%s", mod->name, mod->outputs[o].name);
            CHECK(portee_label_known(path), "%s: no label", path);
            CHECK(portee_unit_known(mod->outputs[o].unit), "%s: unit '%s' unknown to labels.c", path,
                  mod->outputs[o].unit);
            CHECK(portee_tr_has(portee_label(path, PORTEE_LANG_EN)), "%s: label '%s' has no French", path,
                  portee_label(path, PORTEE_LANG_EN));
        }
    }
    char b[128];
    portee_label_value(b, sizeof b, "boost.budget", "currency", 5, "USD", PORTEE_LANG_EN);
    expect(b, "budget $5", "label value");
    portee_label_value(b, sizeof b, "page.followers", "people", 5000, "USD", PORTEE_LANG_FR);
    expect(b, "abonnés 5" NNBSP "000", "label value fr");
    portee_label_axis(b, sizeof b, "boost.cpm", "currency per 1000 impressions", "CAD", PORTEE_LANG_FR);
    expect(b, "CPM ($ par 1 000 impressions)", "axis fr");
    portee_label_axis(b, sizeof b, "page.reach_rate", "share of followers", "USD", PORTEE_LANG_EN);
    expect(b, "organic reach rate (% of followers)", "axis share");
}

int main(void)
{
    numbers();
    money();
    table();
    labels();
    return portee_test_summary("test_lang");
}
