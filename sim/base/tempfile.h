/* tempfile.h — how a writer replaces a file: everything goes to a temporary
 * beside it, renamed over PATH only once whole, so a failed or interrupted
 * write never leaves a partial file under the final name and never harms the
 * file that was there.
 *
 * Temporaries are named PATH.tmp-HOST.PID-XXXXXX after the machine and the
 * process writing them, so a later writer can tell a live writer's file
 * (refused: two writers of one PATH would lose one result) from one left by
 * a process that died (SIGKILL, a power cut: removed, and said). */
#ifndef PORTEE_TEMPFILE_H
#define PORTEE_TEMPFILE_H

#include "sim/base/status.h"

/* Creates PATH's temporary, open for writing in *fd, with an ordinary file's
 * permissions (mkstemp's 0600 widened to 0666 less the umask); *tmp is its
 * malloc'd name.  PORTEE_EINPUT for an empty path, a PATH that exists and is
 * not a regular file, or a folder that cannot be written ("cannot write
 * here"); the messages name PATH. */
portee_status_t portee_temp_open(const char *path, char **tmp, int *fd, portee_error_t *err);

/* Creates PATH's temporary working folder (*dir, malloc'd). */
portee_status_t portee_temp_dir(const char *path, char **dir, portee_error_t *err);

/* Looks at PATH's temporaries other than MINE (NULL: none yet): one of a
 * live process on this machine is PORTEE_EINPUT ("another portee (process N)
 * is writing it now"); one whose process is gone is removed, with a line
 * appended to *notes (malloc'd, for the user; the caller frees it).  Those
 * of other machines, whose processes cannot be seen, are left alone. */
portee_status_t portee_temp_sweep(const char *path, const char *mine, char **notes, portee_error_t *err);

/* The process on this machine writing PATH now, if PATH is the temporary of
 * a live portee; 0 otherwise (another file, another machine's, a dead one). */
long portee_temp_writer(const char *path);

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
