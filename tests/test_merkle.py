"""The Merkle tree against RFC 9162's own recursive definitions, computed the slow way."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.merkle import EMPTY_ROOT, Tree, leaf_hash, node_hash, verify_consistency, verify_inclusion


def mth(leaves: list[bytes]) -> bytes:
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def path(m: int, leaves: list[bytes]) -> list[bytes]:
    if len(leaves) == 1:
        return []
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    if m < k:
        return [*path(m, leaves[:k]), mth(leaves[k:])]
    return [*path(m - k, leaves[k:]), mth(leaves[:k])]


def subproof(m: int, leaves: list[bytes], whole: bool) -> list[bytes]:
    if m == len(leaves):
        return [] if whole else [mth(leaves)]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    if m <= k:
        return [*subproof(m, leaves[:k], whole), mth(leaves[k:])]
    return [*subproof(m - k, leaves[k:], False), mth(leaves[:k])]


def leaves_of(n: int) -> list[bytes]:
    return [leaf_hash(f"leaf {i}".encode()) for i in range(n)]


def test_the_hashes_are_rfc_9162s():
    assert leaf_hash(b"") == bytes.fromhex("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
    assert EMPTY_ROOT == bytes.fromhex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    assert node_hash(b"a", b"b") == hashlib.sha256(b"\x01ab").digest()


@pytest.mark.parametrize("n", [*range(0, 34), 63, 64, 65, 100, 127, 128, 129])
def test_roots_and_proofs_equal_the_definitions_at_every_size(n):
    leaves = leaves_of(n)
    tree = Tree(leaves)
    for size in range(n + 1):
        assert tree.root(size) == mth(leaves[:size])
        for m in range(size):
            assert tree.inclusion(m, size) == path(m, leaves[:size])
            assert verify_inclusion(leaves[m], m, size, tree.inclusion(m, size), tree.root(size))
        for old in range(1, size):
            proof = tree.consistency(old, size)
            assert proof == subproof(old, leaves[:size], True)
            assert verify_consistency(old, size, tree.root(old), tree.root(size), proof)


@settings(max_examples=300, deadline=None)
@given(st.integers(2, 300), st.data())
def test_a_changed_leaf_root_or_proof_fails(n, data):
    leaves = leaves_of(n)
    tree = Tree(leaves)
    m = data.draw(st.integers(0, n - 1))
    proof = tree.inclusion(m)
    assert verify_inclusion(leaves[m], m, n, proof, tree.root())
    assert not verify_inclusion(leaf_hash(b"another state"), m, n, proof, tree.root())
    assert not verify_inclusion(leaves[m], m, n, proof, leaf_hash(b"another root"))
    assert not verify_inclusion(leaves[m], n, n, proof, tree.root())  # no leaf n in a tree of n
    if proof:
        bad = list(proof)
        bad[data.draw(st.integers(0, len(bad) - 1))] = leaf_hash(b"x")
        assert not verify_inclusion(leaves[m], m, n, bad, tree.root())
        assert not verify_inclusion(leaves[m], m, n, proof[:-1], tree.root())
    old = data.draw(st.integers(1, n - 1))
    consistency = tree.consistency(old)
    assert verify_consistency(old, n, tree.root(old), tree.root(), consistency)
    # A log whose first `old` leaves were rewritten is not consistent with the old root.
    rewritten = list(leaves)
    rewritten[data.draw(st.integers(0, old - 1))] = leaf_hash(b"rewritten")
    other = Tree(rewritten)
    assert not verify_consistency(old, n, tree.root(old), other.root(), other.consistency(old))
    assert not verify_consistency(old, n, tree.root(old), tree.root(), consistency[:-1])
    assert not verify_consistency(old + 1, n, tree.root(old), tree.root(), consistency)


def test_a_size_outside_the_tree_is_refused():
    tree = Tree(leaves_of(5))
    with pytest.raises(ValueError):
        tree.root(6)
    with pytest.raises(ValueError):
        tree.inclusion(5)
    with pytest.raises(ValueError):
        tree.consistency(3, 6)
    assert tree.consistency(0) == [] and tree.consistency(5) == []
    assert verify_consistency(5, 5, tree.root(), tree.root(), [])
    assert not verify_consistency(6, 5, tree.root(), tree.root(), [])
    assert Tree([]).root() == EMPTY_ROOT
