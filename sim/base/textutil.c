#include "sim/base/textutil.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return (size_t)-1;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++) row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *portee_suggest(const char *word, const char *const *candidates, size_t n)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(word, candidates[i]);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    size_t len = strlen(word);
    size_t limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    return best_d <= limit ? best : NULL;
}

void portee_yaml_quote(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20 || *p == 0x7f) fprintf(f, "\\x%02x", *p);
            else fputc(*p, f);
        }
    }
    fputc('"', f);
}

void portee_format_double(char *buf, size_t len, double x)
{
    if (!buf || len == 0) return;
    if (x == floor(x) && fabs(x) < 1e15) {
        snprintf(buf, len, "%.0f", x);
        return;
    }
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(buf, len, "%.*g", prec, x);
        if (strtod(buf, NULL) == x) return;
    }
}

portee_status_t portee_read_file(const char *path, size_t max_bytes, char **text, size_t *len,
                                 portee_error_t *err)
{
    const bool is_stdin = strcmp(path, "-") == 0;
    /* O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever
     * before the type check below could refuse it */
    const int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return portee_fail(err, PORTEE_EINPUT, "%s: cannot open: %s", path, strerror(errno));
    struct stat st = {0};
    if (!is_stdin && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
        const bool dir = S_ISDIR(st.st_mode);
        close(fd);
        return dir ? portee_fail(err, PORTEE_EINPUT, "%s: is a directory, not a file", path)
                   : portee_fail(err, PORTEE_EINPUT,
                                 "%s: not a regular file (a FIFO, socket or device): give a file, or - "
                                 "for standard input",
                                 path);
    }
    const int flags = is_stdin ? 0 : fcntl(fd, F_GETFL);
    if (!is_stdin && (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0)) {
        const int e = errno;
        close(fd);
        return portee_fail(err, PORTEE_EINPUT, "%s: cannot read: %s", path, strerror(e));
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        return portee_fail(err, PORTEE_ENOMEM, "%s: out of memory", path);
    }
    /* the file's own size (a regular file; more if it grows while read),
     * not the limit: a 1 KB CSV must not cost the 16 MiB the limit allows */
    size_t cap = is_stdin || (uintmax_t)st.st_size >= max_bytes ? 65536 : (size_t)st.st_size + 2;
    if (cap > max_bytes + 1) cap = max_bytes + 1;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        return portee_fail(err, PORTEE_ENOMEM, "%s: out of memory", path);
    }
    size_t n = 0;
    for (;;) {
        n += fread(buf + n, 1, cap - n, f);
        /* n < cap leaves room for the terminator; a full buffer of the
         * limit's size is a file over it */
        if (n < cap || cap == max_bytes + 1 || ferror(f)) break;
        const size_t more = cap > (max_bytes + 1) / 2 ? max_bytes + 1 : 2 * cap;
        char *bigger = realloc(buf, more);
        if (!bigger) {
            free(buf);
            fclose(f);
            return portee_fail(err, PORTEE_ENOMEM, "%s: out of memory", path);
        }
        buf = bigger;
        cap = more;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return portee_fail(err, PORTEE_EINPUT, "%s: read error", path);
    }
    if (n > max_bytes) {
        free(buf);
        return max_bytes % (1u << 20)
                   ? portee_fail(err, PORTEE_EINPUT, "%s: larger than %zu bytes", path, max_bytes)
                   : portee_fail(err, PORTEE_EINPUT, "%s: larger than %zu MiB", path, max_bytes >> 20);
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return PORTEE_OK;
}

int portee_same_file(const char *a, const char *b)
{
    struct stat x, y;
    return *a && *b && stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

size_t portee_utf8_prefix(const char *s, size_t max)
{
    const size_t n = strlen(s);
    if (n <= max) return n;
    size_t cut = max; /* s[cut] is the first byte left out: a character's, not its middle */
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80) cut--;
    return cut;
}
