"""Object ids: blocks reserved by concurrent processes never overlap.

Each process (API server worker, loader lane, CLI) has its own `IdAllocator`; they meet only
at the `:IdSequence` node. The read of `next` must happen under the node's write lock, or two
transactions read the same value and hand out the same block (a lost update under Neo4j's
read-committed isolation) — then two writers create objects with the same id.
"""
from __future__ import annotations

import threading

from app.db import connect
from app.ids import IdAllocator
from loaders import writers


def _concurrently(n: int, work) -> None:
    errors: list[BaseException] = []

    def run(k: int) -> None:
        try:
            work(k)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


def test_blocks_from_concurrent_allocators_never_overlap(neo4j_server, db):
    # one driver per "process", as separate server workers would have
    dbs = [connect(neo4j_server) for _ in range(6)]
    taken: list[list[int]] = [[] for _ in dbs]
    try:
        def work(k: int) -> None:
            alloc = IdAllocator(dbs[k], "objects", block=7)
            for _ in range(25):
                alloc.reset()          # a fresh block every time: as many allocations as possible
                taken[k].extend(int(i) for i in alloc.take(7))

        _concurrently(len(dbs), work)
    finally:
        for db in dbs:
            db.close()
    every = [i for ids in taken for i in ids]
    assert len(every) == 6 * 25 * 7
    assert len(set(every)) == len(every)


def test_a_loader_claim_never_moves_the_sequence_below_a_concurrent_block(neo4j_server, db):
    dbs = [connect(neo4j_server) for _ in range(4)]
    blocks: list[tuple[int, int]] = []
    lock = threading.Lock()
    try:
        def work(k: int) -> None:
            alloc = IdAllocator(dbs[k], "objects", block=50)
            for j in range(30):
                if k % 2:
                    alloc.reset()
                    first = int(alloc.take(50)[0])
                    with lock:
                        blocks.append((first, first + 50))
                else:  # a loader bringing ids just above where the sequence stood
                    writers.claim_ids(dbs[k], db.read(lambda tx: tx.run(
                        "MATCH (s:IdSequence {name: 'objects'}) RETURN s.next AS n").single()["n"]) + 10)

        _concurrently(len(dbs), work)
    finally:
        for d in dbs:
            d.close()
    nxt = db.read(lambda tx: tx.run("MATCH (s:IdSequence {name: 'objects'}) RETURN s.next AS n").single()["n"])
    assert all(end <= nxt for _, end in blocks)  # every handed-out block stays below the sequence
    blocks.sort()
    assert all(a[1] <= b[0] for a, b in zip(blocks, blocks[1:]))  # and no two blocks overlap
