/* tempfile.h — how a writer replaces a file: everything goes to a temporary
 * PATH.tmp-XXXXXX beside it, renamed over PATH only once whole, so a failed
 * or interrupted write never leaves a partial file under the final name and
 * never harms the file that was there. */
#ifndef PORTEE_TEMPFILE_H
#define PORTEE_TEMPFILE_H

#include "sim/base/status.h"

/* Creates PATH.tmp-XXXXXX, open for writing in *fd, with an ordinary file's
 * permissions (mkstemp's 0600 widened to 0666 less the umask); *tmp is its
 * malloc'd name.  PORTEE_EINPUT for an empty path, a PATH that exists and is
 * not a regular file, or a folder that cannot be written ("cannot write
 * here"); the messages name PATH. */
portee_status_t portee_temp_open(const char *path, char **tmp, int *fd, portee_error_t *err);

/* Checks, before long work, that PATH can be written: not the file being
 * read (INPUT: "is the WHAT being read (INPUT)", say "series being fitted")
 * and a temporary can be made beside it (made and removed at once).  OPTION
 * names the command-line option in the advice ("-o"). */
portee_status_t portee_temp_check(const char *path, const char *input, const char *what, const char *option,
                                  portee_error_t *err);

/* Renames the finished TMP over PATH and frees TMP; if that fails the
 * message says where the finished file is kept. */
portee_status_t portee_temp_commit(char *tmp, const char *path, portee_error_t *err);

#endif
