"""What storing replicates must cost at least: HDF5's shuffle and deflate
(level 4, the filters portee's layout sets) of a results file's stored
replicates, redone here chunk by chunk (65,536 values, as portee chunks them)
with NumPy's byte shuffle and zlib, and timed.  docs/performance.md, section 2,
compares a run that stores replicates with the same run without them plus
this time.  Exact for one point's replicates (a row a dataset, as there);
for a sweep's rows it cuts across them, an approximation.

usage: /usr/bin/python3 bench/compress.py RESULTS.h5
       (a file of `portee run` with output.replicates: true)"""
import sys
import time
import zlib

import h5py
import numpy as np

CHUNK = 65536  # values a chunk (sim/results/h5layout.c)


def main(argv):
    if len(argv) != 1:
        sys.exit(__doc__)
    with h5py.File(argv[0], "r") as f:
        cols = []
        f.visititems(lambda name, d: cols.append(d[()].ravel())
                     if isinstance(d, h5py.Dataset) and "/replicates/" in "/" + name + "/" and d.dtype == np.float64
                     else None)
    if not cols:
        sys.exit(f"{argv[0]}: no stored replicates (run with --set output.replicates=true)")
    raw = sum(c.nbytes for c in cols)
    t0 = time.perf_counter()
    packed = 0
    for c in cols:
        b = c.view(np.uint8)
        for i in range(0, len(c), CHUNK):
            shuffled = b[i * 8:(i + CHUNK) * 8].reshape(-1, 8).T.copy()  # HDF5's byte shuffle
            packed += len(zlib.compress(shuffled.tobytes(), 4))
    t = time.perf_counter() - t0
    print(f"shuffle + deflate (level 4) of {raw / 1e9:.2f} GB in chunks of {CHUNK:,} values: "
          f"{t:.2f} s, {packed / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
