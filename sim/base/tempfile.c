#include "sim/base/tempfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/base/textutil.h"

portee_status_t portee_temp_open(const char *path, char **tmp, int *fd, portee_error_t *err)
{
    *tmp = NULL;
    *fd = -1;
    if (!*path) return portee_fail(err, PORTEE_EINPUT, "output path is empty");
    struct stat sb;
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
        return portee_fail(err, PORTEE_EINPUT, "%s: exists and is not a regular file", path);
    const size_t len = strlen(path) + 16;
    if (!(*tmp = malloc(len))) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    snprintf(*tmp, len, "%s.tmp-XXXXXX", path);
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
