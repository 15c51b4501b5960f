"""The journal's Merkle tree, as RFC 9162 (Certificate Transparency 2.0) defines it.

The leaves are hashes of record states: leaf = SHA-256(0x00 ‖ state), node = SHA-256(0x01 ‖ left ‖
right). The tree of n leaves is MTH(D[n]): the leaf itself for one, SHA-256 of nothing for none,
else the node over the tree of the first k leaves and that of the rest, k the largest power of two
below n. An inclusion proof (the audit path) shows that a leaf is in a tree of a given size and
root; a consistency proof shows that a tree of one size and root is the start of a larger one: that
the log only grew. Both are O(log n) hashes, and both are checked with nothing but the hashes
(`verify_inclusion`, `verify_consistency`, RFC 9162 §2.1.3.2 and §2.1.4.2).

`Tree` keeps every level of the tree once built (about two hashes per leaf), so that any subtree
the proofs need is one lookup, or a few for a tree smaller than the whole.

>>> leaves = [leaf_hash(str(i).encode()) for i in range(7)]
>>> tree = Tree(leaves)
>>> verify_inclusion(leaves[5], 5, 7, tree.inclusion(5), tree.root())
True
>>> verify_consistency(3, 7, tree.root(3), tree.root(), tree.consistency(3))
True
>>> verify_consistency(3, 7, tree.root(4), tree.root(), tree.consistency(3))
False
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

_sha256 = hashlib.sha256
EMPTY_ROOT = _sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    return _sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return _sha256(b"\x01" + left + right).digest()


def _split(width: int) -> int:
    """The largest power of two smaller than `width` (≥ 2)."""
    return 1 << ((width - 1).bit_length() - 1)


class Tree:
    """The tree over `leaves` (leaf hashes, in order), with its roots and proofs at any size up to
    its own."""

    def __init__(self, leaves: Sequence[bytes]) -> None:
        self.size = len(leaves)
        self.levels: list[Sequence[bytes]] = [leaves]
        level = leaves
        while len(level) > 1:
            # Pairs left to right; an odd last node rises unchanged: the same tree as MTH's split.
            paired = [_sha256(b"\x01" + level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)]
            if len(level) % 2:
                paired.append(level[-1])
            self.levels.append(paired)
            level = paired

    def _hash(self, lo: int, hi: int) -> bytes:
        """MTH(D[lo:hi])."""
        width = hi - lo
        if width == 1:
            return self.levels[0][lo]
        height = (width - 1).bit_length()  # the smallest h with 2**h >= width
        if lo % (1 << height) == 0 and (width == 1 << height or hi == self.size):
            return self.levels[height][lo >> height]  # a node of the whole tree covers [lo, hi)
        k = _split(width)
        return node_hash(self._hash(lo, lo + k), self._hash(lo + k, hi))

    def root(self, size: int | None = None) -> bytes:
        """The root of the tree of the first `size` leaves (all of them by default)."""
        size = self.size if size is None else size
        if not 0 <= size <= self.size:
            raise ValueError(f"the tree has {self.size} leaves, not {size}")
        return EMPTY_ROOT if size == 0 else self._hash(0, size)

    def inclusion(self, index: int, size: int | None = None) -> list[bytes]:
        """PATH(index, D[size]): the audit path of leaf `index` in the tree of `size` leaves."""
        size = self.size if size is None else size
        if not 0 <= index < size <= self.size:
            raise ValueError(f"no leaf {index} in a tree of {size} leaves")
        path: list[bytes] = []
        lo, hi = 0, size
        while hi - lo > 1:
            k = _split(hi - lo)
            if index < lo + k:
                path.append(self._hash(lo + k, hi))
                hi = lo + k
            else:
                path.append(self._hash(lo, lo + k))
                lo += k
        return path[::-1]  # from the leaf up

    def consistency(self, old_size: int, size: int | None = None) -> list[bytes]:
        """PROOF(old_size, D[size]): that the tree of `old_size` leaves is the start of this one."""
        size = self.size if size is None else size
        if not 0 <= old_size <= size <= self.size:
            raise ValueError(f"no consistency proof from {old_size} to {size} leaves in a tree of {self.size}")
        if old_size in (0, size):
            return []
        path: list[bytes] = []
        lo, hi, whole = 0, size, True  # SUBPROOF(m, D[lo:hi], whole)
        m = old_size
        while m != hi - lo:
            k = _split(hi - lo)
            if m <= k:
                path.append(self._hash(lo + k, hi))
                hi = lo + k
            else:
                path.append(self._hash(lo, lo + k))
                lo, m, whole = lo + k, m - k, False
        if not whole:
            path.append(self._hash(lo, hi))
        return path[::-1]


def verify_inclusion(leaf: bytes, index: int, size: int, path: Sequence[bytes], root: bytes) -> bool:
    """Whether `path` proves that `leaf` is leaf `index` of the tree of `size` leaves with `root`."""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(old_size: int, size: int, old_root: bytes, root: bytes, path: Sequence[bytes]) -> bool:
    """Whether `path` proves that the tree of `old_size` leaves with `old_root` is the start of the
    tree of `size` leaves with `root`."""
    if not 0 <= old_size <= size:
        return False
    if old_size == size:
        return not path and old_root == root
    if old_size == 0:
        return not path and old_root == EMPTY_ROOT
    if not path:
        return False
    path = list(path)
    if old_size & (old_size - 1) == 0:  # a power of two: the old root is a node of the new tree
        path.insert(0, old_root)
    fn, sn = old_size - 1, size - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr == old_root and sr == root and sn == 0
