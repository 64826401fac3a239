#include "testutil.h"

#include <stdarg.h>
#include <stdio.h>

int portee_test_passed, portee_test_failed;

bool portee_test_check(bool ok, const char *file, int line, const char *fmt, ...)
{
    if (ok) {
        portee_test_passed++;
        return true;
    }
    portee_test_failed++;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "FAIL %s:%d: ", file, line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return false;
}

int portee_test_summary(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, portee_test_passed, portee_test_failed);
    return portee_test_failed ? 1 : 0;
}
