/* textutil.h — small text helpers: near-miss suggestions, YAML-safe
 * quoting, round-trip number formatting, bounded file reading. */
#ifndef PORTEE_TEXTUTIL_H
#define PORTEE_TEXTUTIL_H

#include <stdio.h>
#include <stddef.h>

#include "sim/base/status.h"

/* The candidate closest to word by edit distance, or NULL if none is close
 * enough to be a plausible typo. */
const char *portee_suggest(const char *word, const char *const *candidates, size_t n);

/* Writes s as a double-quoted YAML string (escapes quotes, backslashes and
 * control characters). */
void portee_yaml_quote(FILE *f, const char *s);

/* Shortest %g form of x that reads back as exactly x. */
void portee_format_double(char *buf, size_t len, double x);

/* Reads a whole file of at most max_bytes into a NUL-terminated malloc'd
 * buffer; "-" reads standard input under the same limit.  PORTEE_EINPUT for a
 * file that cannot be opened or read, a directory or anything else that is not
 * a regular file (a FIFO would block), or one over the limit ("larger than N
 * MiB"); the messages name the path. */
portee_status_t portee_read_file(const char *path, size_t max_bytes, char **text, size_t *len,
                                 portee_error_t *err);
/* True when both paths name one existing file (same device and inode: hard
 * and symbolic links too). */
int portee_same_file(const char *a, const char *b);

/* The length of s's longest prefix of at most max bytes that ends between
 * two UTF-8 characters (all of s when it fits). */
size_t portee_utf8_prefix(const char *s, size_t max);

#endif
