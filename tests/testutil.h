/* testutil.h — a minimal test harness: CHECK records a failure and goes on;
 * main returns portee_test_summary(), which prints "N passed, N failed". */
#ifndef PORTEE_TESTUTIL_H
#define PORTEE_TESTUTIL_H

#include <stdbool.h>

extern int portee_test_passed, portee_test_failed;

bool portee_test_check(bool ok, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int portee_test_summary(const char *name);

#define CHECK(cond, ...) portee_test_check((cond), __FILE__, __LINE__, __VA_ARGS__)

/* |observed - expected| <= k standard errors. */
#define CHECK_SE(observed, expected, se, k, what)                                                     \
    CHECK(fabs((observed) - (expected)) <= (k) * (se), "%s: observed %.6g, expected %.6g, |diff| = %.2f SE (limit %g)", \
          (what), (double)(observed), (double)(expected), fabs((observed) - (expected)) / (se), (double)(k))

#endif
