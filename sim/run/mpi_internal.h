/* mpi_internal.h — what mpi.c (starting MPI, the writer groups, the
 * scenario shared) and mpi_run.c (the batches served and computed) share.
 * MPI builds only. */
#ifndef PORTEE_MPI_INTERNAL_H
#define PORTEE_MPI_INTERNAL_H

#include <stddef.h>

#include <mpi.h>

/* The ranks this process works with: every rank, or its writer group's. */
extern MPI_Comm portee_mpi_comm;

#define PIECE ((size_t)1 << 30) /* MPI counts are ints: large arrays go in pieces */

/* n bytes to or from a rank of portee_mpi_comm, in pieces of at most PIECE. */
void portee_mpi_send_bytes(const void *buf, size_t n, int to, int tag);
void portee_mpi_recv_bytes(void *buf, size_t n, int from, int tag);

#endif
