#include "sim/base/status.h"

#include <stdarg.h>
#include <stdio.h>

portee_status_t portee_fail(portee_error_t *err, portee_status_t status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->status = status;
    }
    return status;
}

int portee_status_exit_code(portee_status_t status)
{
    switch (status) {
    case PORTEE_OK: return 0;
    case PORTEE_EINPUT: return 2;
    default: return 1;
    }
}
