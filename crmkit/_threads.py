"""Small numeric work on one BLAS thread.

OpenBLAS starts a thread per core for every matrix product. On a problem of a few thousand numbers
(a BG/NBD fit over the unique rows of a summary, a 4 x 4 Hessian) waking and joining those threads
costs more than the arithmetic, and on a busy 2-core machine it turns a 4 ms fit into 20-120 ms.
``with small_blas(): ...`` runs its block with BLAS limited to one thread (threadpoolctl, installed
with scikit-learn) and restores the previous setting afterwards. The libraries are looked up once;
the limit itself costs microseconds.
"""

from __future__ import annotations

from contextlib import nullcontext

_controller = None


def small_blas():
    """A context manager: BLAS on one thread inside the block (a no-op without threadpoolctl)."""
    global _controller
    if _controller is None:
        try:
            from threadpoolctl import ThreadpoolController
        except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
            return nullcontext()
        _controller = ThreadpoolController()
    return _controller.limit(limits=1, user_api="blas")
