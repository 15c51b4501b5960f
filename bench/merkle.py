"""Our Merkle tree (ledger.merkle) against pymerkle's, on the same leaves, in the same run.

    pip install pymerkle   # not a dependency of the ledger: only this comparison needs it
    python bench/merkle.py [N]

Both build the RFC 9162 tree over N record states and give the same root; the times are for
hashing the states into leaves and building the tree, then for one inclusion and one consistency
proof.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ledger import merkle


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    states = [b'{"count":"5","key":"t%d","voided":false}' % i for i in range(n)]
    start = time.perf_counter()
    tree = merkle.Tree([merkle.leaf_hash(state) for state in states])
    root = tree.root()
    built = time.perf_counter()
    tree.inclusion(n // 3)
    tree.consistency(n // 2)
    proved = time.perf_counter()
    print(f"ledger.merkle  {n} leaves: tree {built - start:.2f} s, two proofs {proved - built:.4f} s")
    try:
        from pymerkle import InmemoryTree
    except ImportError:
        print("pymerkle is not installed (pip install pymerkle): no comparison")
        return
    start = time.perf_counter()
    theirs = InmemoryTree(algorithm="sha256")
    for state in states:
        theirs.append_entry(state)
    same = theirs.get_root() == root
    built = time.perf_counter()
    theirs.prove_inclusion(n // 3 + 1)  # pymerkle counts leaves from 1
    theirs.prove_consistency(n // 2, n)
    proved = time.perf_counter()
    print(f"pymerkle       {n} leaves: tree {built - start:.2f} s, two proofs {proved - built:.4f} s", end="")
    print(f"; same root: {same}")


if __name__ == "__main__":
    main()
