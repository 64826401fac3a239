/* signals.h — SIGINT, SIGTERM and SIGUSR1 (Ctrl-C; Slurm at walltime;
 * what mpirun passes on to every rank at once) for the commands that write
 * a results file.
 *
 * The first signal sets portee_stop, which the engine reads between
 * replicates, so a run stops within seconds and keeps what it finished
 * (portee_stop set otherwise, as by an MPI rank told to stop, is not a
 * signal and does not count as the first); a second signal deletes the temporary file named by portee_signals_temp(),
 * says so on stderr and exits 1 at once (write, unlink and _exit are
 * async-signal-safe).  That message is the one place the library writes to
 * stderr itself: after _exit nobody else can.  With `immediate`, the first
 * signal already does that (for commands that have nothing worth keeping
 * halfway, such as portee merge). */
#ifndef PORTEE_SIGNALS_H
#define PORTEE_SIGNALS_H

#include <signal.h>
#include <stdbool.h>

extern volatile sig_atomic_t portee_stop;

void portee_signals_catch(bool immediate);
/* The temporary file to delete on a hard stop; NULL: none (any more). */
void portee_signals_temp(const char *path);

#endif
