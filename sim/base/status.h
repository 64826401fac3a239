/* status.h — error reporting shared by every portee module.
 *
 * Functions that can fail return a portee_status_t and, when they fail, fill a
 * caller-owned portee_error_t with one human-readable message that already
 * carries its context (file:line:column, path, key).  Library code never
 * prints and never exits; the command line maps a status to an exit code. */
#ifndef PORTEE_STATUS_H
#define PORTEE_STATUS_H

#include <stddef.h>

typedef enum {
    PORTEE_OK = 0,
    PORTEE_EINPUT,   /* bad scenario, bad option, unusable path: exit 2 */
    PORTEE_EIO,      /* a file could not be read or written mid-run: exit 1 */
    PORTEE_ENOMEM,   /* out of memory: exit 1 */
    PORTEE_ERUNTIME, /* any other failure while running: exit 1 */
    PORTEE_EINTR     /* stopped by SIGINT/SIGTERM: exit 1 */
} portee_status_t;

typedef struct {
    portee_status_t status;
    char msg[2048];
} portee_error_t;

/* Records status and a printf-style message in err (may be NULL); returns status. */
portee_status_t portee_fail(portee_error_t *err, portee_status_t status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Process exit code for a status: 0 ok, 2 bad input, 1 anything else. */
int portee_status_exit_code(portee_status_t status);

#endif
