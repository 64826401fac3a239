/* The signal handler's count (sim/base/signals.h): the first signal only
 * stops, a second exits 1 at once and removes the registered temporary file,
 * and portee_stop set by someone else (an MPI rank told to stop by rank 0)
 * does not make the first real signal count as the second.  Each case runs
 * in a child process, since the second signal ends it. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim/base/signals.h"
#include "testutil.h"

#define STILL_RUNNING 42

/* The child's exit status after `signals` signals (SIGUSR1 then SIGTERM),
 * with portee_stop set beforehand when `stopped`; -1 if it did not exit. */
static int child(bool stopped, int signals, const char *temp)
{
    fflush(NULL);
    const pid_t pid = fork();
    if (pid == 0) {
        portee_signals_catch(false);
        portee_signals_temp(temp);
        if (stopped) portee_stop = 1;
        if (signals > 0) raise(SIGUSR1);
        if (signals > 1) raise(SIGTERM);
        _exit(portee_stop ? STILL_RUNNING : 0);
    }
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
}

int main(void)
{
    CHECK(child(false, 1, NULL) == STILL_RUNNING, "one signal: the run goes on, stopping");
    CHECK(child(false, 2, NULL) == 1, "two signals: exit 1 at once");
    const int first = child(true, 1, NULL);
    CHECK(first == STILL_RUNNING, "stopped by rank 0, then one signal: still the first (got exit %d)", first);
    CHECK(child(true, 2, NULL) == 1, "stopped by rank 0, then two signals: exit 1 at once");

    char temp[] = "test_signals.tmp-XXXXXX";
    const int fd = mkstemp(temp);
    CHECK(fd >= 0, "a temporary file");
    if (fd >= 0) close(fd);
    CHECK(child(true, 1, temp) == STILL_RUNNING && access(temp, F_OK) == 0,
          "stopped by rank 0, then one signal: the temporary file kept");
    CHECK(child(false, 2, temp) == 1 && access(temp, F_OK) != 0, "two signals: the temporary file removed");
    unlink(temp);
    return portee_test_summary("test_signals");
}
