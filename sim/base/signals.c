#include "sim/base/signals.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

volatile sig_atomic_t portee_stop;
/* The handler's own count: others set portee_stop too (an MPI rank told to
 * stop by rank 0), and a stop that was no signal must not make the first
 * real one count as the second. */
static volatile sig_atomic_t signalled;
static volatile sig_atomic_t immediate_stop;
static char temp_path[4200];
static volatile sig_atomic_t temp_set;

static void say(const char *text)
{
    ssize_t ignored = write(STDERR_FILENO, text, strlen(text));
    (void)ignored; /* nothing else can be done about a failed write here */
}

static void on_signal(int sig)
{
    (void)sig;
    if (signalled || immediate_stop) {
        /* a quiet exit 1 looked like a crash: say what happened, with
         * async-signal-safe calls only */
        say(immediate_stop && !signalled ? "portee: stopped by a signal" : "portee: stopped at once by a second signal");
        if (temp_set) {
            unlink(temp_path);
            say("; the unfinished file ");
            say(temp_path);
            say(" was removed");
        }
        say("\n");
        _exit(1);
    }
    signalled = 1;
    portee_stop = 1;
}

void portee_signals_catch(bool immediate)
{
    immediate_stop = immediate;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);
}

void portee_signals_temp(const char *path)
{
    temp_set = 0;
    if (!path) return;
    snprintf(temp_path, sizeof temp_path, "%s", path);
    temp_set = 1;
}
