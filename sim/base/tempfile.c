#include "sim/base/tempfile.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/base/textutil.h"

/* This machine's name as it goes into a temporary's name: letters, digits
 * and '-' only, so the name parses back whatever the host is called. */
static void host_tag(char *buf, size_t len)
{
    char host[256] = "host";
    if (gethostname(host, sizeof host - 1) != 0) snprintf(host, sizeof host, "host");
    host[sizeof host - 1] = '\0';
    size_t j = 0;
    for (const unsigned char *p = (const unsigned char *)host; *p && j + 1 < len && j < 40; p++)
        buf[j++] = (char)((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '-'
                              ? *p
                              : '_');
    buf[j] = '\0';
}

/* PATH.tmp-HOST.PID-XXXXXX, malloc'd, the Xs for mkstemp or mkdtemp. */
static char *temp_template(const char *path)
{
    char host[48];
    host_tag(host, sizeof host);
    const size_t len = strlen(path) + strlen(host) + 48;
    char *t = malloc(len);
    if (t) snprintf(t, len, "%s.tmp-%s.%ld-XXXXXX", path, host, (long)getpid());
    return t;
}

portee_status_t portee_temp_open(const char *path, char **tmp, int *fd, portee_error_t *err)
{
    *tmp = NULL;
    *fd = -1;
    if (!*path) return portee_fail(err, PORTEE_EINPUT, "output path is empty");
    struct stat sb;
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
        return portee_fail(err, PORTEE_EINPUT, "%s: exists and is not a regular file", path);
    if (!(*tmp = temp_template(path))) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    if ((*fd = mkstemp(*tmp)) < 0) {
        const portee_status_t st = portee_fail(err, PORTEE_EINPUT, "%s: cannot write here: %s", path, strerror(errno));
        free(*tmp);
        *tmp = NULL;
        return st;
    }
    const mode_t mask = umask(0); /* umask can only be read by setting it */
    umask(mask);
    fchmod(*fd, 0666 & ~mask);
    return PORTEE_OK;
}

portee_status_t portee_temp_dir(const char *path, char **dir, portee_error_t *err)
{
    if (!(*dir = temp_template(path))) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    if (mkdtemp(*dir)) return PORTEE_OK;
    const portee_status_t st = portee_fail(err, PORTEE_EINPUT, "%s: cannot create a working folder beside it: %s",
                                           path, strerror(errno));
    free(*dir);
    *dir = NULL;
    return st;
}

/* A dead writer's leftover: a file, or a working folder of files. */
static int remove_leftover(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0) return -1;
    if (!S_ISDIR(sb.st_mode)) return unlink(path);
    DIR *d = opendir(path);
    if (!d) return -1;
    struct dirent *e;
    char sub[4096 + 260];
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if ((size_t)snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) < sizeof sub) unlink(sub);
    }
    closedir(d);
    return rmdir(path);
}

/* "HOST.PID-XXXXXX" -> host and pid; false for any other shape (a name of
 * an older portee, or no temporary of portee's at all). */
static bool parse_tag(const char *tag, char *host, size_t host_len, long *pid)
{
    const size_t n = strlen(tag);
    if (n < 10 || tag[n - 7] != '-') return false;
    const char *dot = NULL;
    for (const char *p = tag; p < tag + n - 7; p++)
        if (*p == '.') dot = p;
    if (!dot || dot == tag || (size_t)(dot - tag) >= host_len) return false;
    char *end;
    errno = 0;
    *pid = strtol(dot + 1, &end, 10);
    if (errno || end != tag + n - 7 || *pid <= 0) return false;
    memcpy(host, tag, (size_t)(dot - tag));
    host[dot - tag] = '\0';
    return true;
}

long portee_temp_writer(const char *path)
{
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    const char *tag = strstr(name, ".tmp-");
    char theirs[48], host[48];
    long pid;
    /* the last ".tmp-" holds the tag: a target's own name may contain one */
    for (const char *t = tag; t; t = strstr(t + 1, ".tmp-")) tag = t;
    if (!tag || !parse_tag(tag + 5, theirs, sizeof theirs, &pid)) return 0;
    host_tag(host, sizeof host);
    if (strcmp(theirs, host) != 0 || pid == (long)getpid()) return 0;
    return kill((pid_t)pid, 0) == 0 || errno == EPERM ? pid : 0;
}

static void add_note(char **notes, const char *fmt, const char *a, long pid)
{
    char line[4800];
    snprintf(line, sizeof line, fmt, a, pid);
    const size_t old = *notes ? strlen(*notes) : 0, add = strlen(line);
    char *n = realloc(*notes, old + add + 2);
    if (!n) return; /* a note lost to memory; the cleanup itself is done */
    if (old) n[old] = '\n';
    memcpy(n + old + (old ? 1 : 0), line, add + 1);
    *notes = n;
}

portee_status_t portee_temp_sweep(const char *path, const char *mine, char **notes, portee_error_t *err)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    const char *base = slash ? path + (slash - dir) + 1 : path;
    if (!slash) snprintf(dir, sizeof dir, ".");
    else if (slash == dir) dir[1] = '\0';
    else *slash = '\0';
    const char *mine_name = mine ? (strrchr(mine, '/') ? strrchr(mine, '/') + 1 : mine) : NULL;
    char prefix[4200], host[48], theirs[48];
    snprintf(prefix, sizeof prefix, "%s.tmp-", base);
    const size_t np = strlen(prefix);
    host_tag(host, sizeof host);
    DIR *d = opendir(dir);
    if (!d) return PORTEE_OK; /* nothing to sweep where nothing can be listed */
    portee_status_t st = PORTEE_OK;
    struct dirent *e;
    while (!st && (e = readdir(d))) {
        long pid;
        if (strncmp(e->d_name, prefix, np) != 0 || (mine_name && !strcmp(e->d_name, mine_name)) ||
            !parse_tag(e->d_name + np, theirs, sizeof theirs, &pid) || strcmp(theirs, host) != 0 ||
            pid == (long)getpid())
            continue; /* not a portee temporary, ours, or another machine's: nothing said about it */
        char full[4096 + 260];
        if ((size_t)snprintf(full, sizeof full, "%s%s%s", slash ? dir : "", slash ? "/" : "", e->d_name) >=
            sizeof full)
            continue;
        if (kill((pid_t)pid, 0) == 0 || errno == EPERM)
            st = portee_fail(err, PORTEE_EINPUT,
                             "%s: another portee (process %ld) is writing it now, into %s: wait for it to "
                             "finish, or choose another output",
                             path, pid, full);
        else if (remove_leftover(full) == 0)
            add_note(notes, "removed %s, left by a portee that stopped without finishing (process %ld)", full, pid);
    }
    closedir(d);
    return st;
}

portee_status_t portee_temp_check(const char *path, const char *input, const char *what, const char *option,
                                  portee_error_t *err)
{
    if (!*path) return portee_fail(err, PORTEE_EINPUT, "%s: the path is empty", option);
    if (input && portee_same_file(path, input))
        return portee_fail(err, PORTEE_EINPUT, "%s: is the %s (%s); writing there would replace it: choose "
                                               "another %s",
                           path, what, input, option);
    char *tmp;
    int fd;
    const portee_status_t st = portee_temp_open(path, &tmp, &fd, err);
    if (st) return st;
    close(fd);
    unlink(tmp);
    free(tmp);
    return PORTEE_OK;
}

portee_status_t portee_temp_commit(char *tmp, const char *path, portee_error_t *err)
{
    portee_status_t st = PORTEE_OK;
    if (rename(tmp, path) != 0)
        st = portee_fail(err, PORTEE_EIO, "%s: could not move the finished file into place: %s (it is kept as %s)",
                         path, strerror(errno), tmp);
    free(tmp);
    return st;
}
