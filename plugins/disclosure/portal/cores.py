"""Independent pieces of the portal's work spread over the cores: one forked process per
core (as the leak check does), the answers in the order of the pieces, so nothing the
portal writes or says depends on which piece finished first."""

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def worker_count():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def map_on_cores(function, pieces, workers=None):
    """[function(piece)] in the order of pieces. The workers are forked, so function and
    what it reads (module globals set before the call) need no pickling; its answer does."""
    pieces = list(pieces)
    workers = min(workers or worker_count(), len(pieces))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(piece) for piece in pieces]
    # An executor, not a Pool: a worker that dies (out of memory) fails the build instead of hanging it.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as executor:
        return list(executor.map(function, pieces))
