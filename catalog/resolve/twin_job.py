"""What the twin process of a full resolution computes: its own rows and profiles, then chunks of the scoring, the stored keys (one text) and chunks of the film facts."""
from __future__ import annotations

from typing import Any

from catalog.db import make_engine
from catalog.resolve import ahead, persist
from catalog.resolve.cluster import pack_edges
from catalog.resolve.keys import forget_profiles, row_profiles, stored_keys
from catalog.resolve.namekeys import name_extras
from catalog.resolve.options import ResolveOptions
from catalog.resolve.pipeline import (
    EDGES,
    FILMS,
    _chunks,
    _film_chunk,
    _scoring,
)
from catalog.resolve.twin import Child, Job, unpack_groups


def job(opt: ResolveOptions) -> Job:
    """The twin's run: read and profile the reviews itself (its fingerprint tells the parent they are
    the same), take chunks of the scoring, send the stored keys of every review (written by the
    parent while it clusters), then take chunks of the film facts once the parent sends the groups."""

    def run(child: Child) -> None:
        engine = make_engine(child.url.render_as_string(hide_password=False))
        with engine.connect() as conn:
            rows, fingerprint = persist.load_rows_checked(conn)
        engine.dispose()  # no read transaction stays open beside the parent's writes
        child.send("ready", (fingerprint, len(rows)))
        _scores(child, rows, opt)  # its profiles are freed on return
        forget_profiles()
        tag, payload = child.recv()
        if tag != "groups":
            return
        films = unpack_groups(payload)

        def encoded(k: int) -> list[tuple[Any, ...]]:  # JSON encoded here, not in the parent's write
            return persist.encode_films(engine.dialect, _film_chunk(films, k, lambda i: persist.record_of(rows[i])))

        child.serve(FILMS, _chunks(len(films)), encoded)

    return run


def _scores(child: Child, rows: list[tuple[Any, ...]], opt: ResolveOptions) -> None:
    """The twin's part of pipeline._edges (scored pairs, packed), then the stored keys as one text
    (ahead.keys_text: the parent's thread inserts it in one statement).

    Not the unique-name search: it starts when the twin's last chunk is done, about when the parent
    would need it, and the parent never waits (measured: the twin delivered it in no run).
    """
    profiles = row_profiles(rows, persist.NAMES)
    sc = _scoring(profiles, opt, None)
    child.serve(EDGES, _chunks(len(sc.pairs)), lambda k: pack_edges(sc.scored(profiles, opt, sc.chunk(k))))
    sc.pairs = []  # what the keys and films do not need
    names = name_extras(profiles, sc.blocks, opt.max_block)
    sc.blocks = {}
    keys = [(p.review_id, key) for i, p in enumerate(profiles)  # review-id order, as the parent's
            for key in stored_keys(p, names.get(i, ()))]
    child.send(ahead.KEYS_TAG, ahead.keys_text(keys))  # while the parent clusters
