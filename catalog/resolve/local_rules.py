"""Careers and the people rule of a full run, decided for the pending reviews of an incremental one."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection

from catalog.resolve import persist
from catalog.resolve.cluster import Edge
from catalog.resolve.hood import (
    Hood,
    name_holders,
    name_keys_of,
    name_years,
    names_stored,
    paired_among,
    sites_of,
    stored_links,
)
from catalog.resolve.keys import (
    MIN_SHARED_TITLED,
    NAME,
    Profile,
    build_blocks,
    cast_keys,
    named_by,
    title_frequencies,
    title_paired,
    unique_best,
)
from catalog.resolve.options import ResolveOptions
from catalog.resolve.pipeline import _unique_name_edges, _with_careers

PEOPLE_LINK = "unique name"  # reasons of links the people rule made (compare.score_unique_name)
# reasons of career evidence (compare.career): it read catalogue-wide careers, which an incremental run
# sees only through the span keys of the last full run, so such a link is not decided again here
CAREER = "career"


def reopened(conn: Connection, hood: Hood, edges: list[Edge], focus: set[int], skip: set[int],
             opt: ResolveOptions) -> set[int]:
    """Stored reviews (ids) that a full run would place anew because of the pending ones (`focus`),
    with their film mates holding the same link (the other end of the pair that placed them):

    - a people-rule link of a record a pending review's title now pairs (a title-paired record is
      no candidate of the rule);
    - a weak or elimination link (below threshold + margin: it joined as the strictly best edge of
      both ends) of a record a pending review meets: a new rival, and maybe a title now held by one
      film more, which lowers the rare-title bonus. A link careers decided only when the new edge is
      at or above the threshold (a full run takes it first): careers read the whole catalogue's
      years, which an incremental run cannot;
    - a record alone in its film that a pending review meets in the band (below the threshold): the
      pending one may take the film it tied with, so elimination may place it now.
    """
    meets: dict[int, float] = {}  # stored end → its best edge with a pending review of another site
    profiles = hood.profiles
    for e in edges:  # (one of a site is no rival of its own site's record; it meets the link's other end)
        for k, other in ((e.i, e.j), (e.j, e.i)):
            if k not in focus and other in focus and profiles[k].site != profiles[other].site:
                meets[k] = max(meets.get(k, e.score), e.score)
    links = stored_links(conn, hood.ids(meets))
    people, band = set(), set()
    weak = opt.threshold + opt.uncertain_margin
    for k, score in meets.items():
        rid = hood.rows[k][0]
        link = links.get(rid)
        if link is not None and link[2] == "single" and opt.assign_band and score < opt.threshold:
            band.add(rid)  # alone and met in the band: the new review may take a rival elimination tied it with
            continue
        if link is None or link[2] != "auto":
            continue
        if PEOPLE_LINK in link[1]:
            people.add(rid)
        elif link[0] < weak and score >= link[0] - opt.rare_title_bonus and (
                score >= opt.threshold or not any(r.startswith(CAREER) for r in link[1])):
            band.add(rid)
    chosen = band | (paired_among(conn, hood, people, opt.max_block, skip) if people else set())
    if opt.unique_name_links and names_stored(conn):
        chosen |= _rule_rivals(conn, hood, focus, skip, opt.max_block)
    links.update(stored_links(conn, chosen - links.keys()))
    return chosen | _link_mates(conn, chosen, {rid: links[rid] for rid in chosen if rid in links}) if chosen else set()


def _rule_rivals(conn: Connection, hood: Hood, focus: set[int], skip: set[int], limit: int) -> set[int]:
    """Stored records whose people-rule decision the pending ones (`focus`) change in a full run, read
    through the stored name keys (namekeys.name_extras):

    - a record linked by the people rule that shares a name with a title-unpaired pending one of
      another site: a new rival, its unique best may be a tie now;
    - a title-unpaired record sharing a name with a stored one that a pending title now pairs (it had
      name keys: unpaired at the last full run): a rival gone, a tie may be a unique best now.
    """
    pending = hood.ids(i for i in focus if hood.profiles[i].people)
    mine = set(pending) - paired_among(conn, hood, pending, limit, skip)
    linked = _people_linked(conn, _holders_of(conn, hood, mine, limit, skip))
    had = {rid for rid, ks in name_keys_of(conn, _title_met(hood, focus, skip)).items()
           if any(k.startswith(NAME) for k in ks)}
    gone = paired_among(conn, hood, had, limit, skip) if had else set()
    freed = _alone(conn, _holders_of(conn, hood, gone, limit, skip) - gone)
    freed -= paired_among(conn, hood, freed, limit, skip) if freed else set()
    freed = _may_link(conn, hood, freed, gone, limit, skip) if freed else set()
    return _best_changed(conn, hood, linked, freed, skip, limit)


def _may_link(conn: Connection, hood: Hood, alone: set[int], gone: set[int], limit: int, skip: set[int]) -> set[int]:
    """Those of `alone` whose unique best, once a rival of `gone` competes no more, may link:
    an untitled one; a titled one sharing two people with such a rival (then its new best may share
    as many: two titled records need two), or one person when an untitled record shares a name with
    it (the only kind of record one shared person links it to)."""
    rivals = [hood.profiles[hood.index[r]] for r in gone if r in hood.index]
    hood.add(conn, alone)
    out, lone = set(), []
    for rid in alone:
        p = hood.profiles[hood.index[rid]]
        shared = max((min(named_by(p, x), named_by(x, p)) for x in rivals if x.site != p.site), default=0)
        if not p.forms or shared >= MIN_SHARED_TITLED:
            out.add(rid)
        elif shared:
            lone.append(rid)
    if lone:
        untitled = name_holders(conn, hood, [hood.index[r] for r in lone], limit, skip, untitled=True)
        out |= {rid for rid in lone if any(untitled.get(k, set()) - {rid} for k in cast_keys(hood.profiles[hood.index[rid]]))}
    return out


def _best_changed(conn: Connection, hood: Hood, linked: set[int], alone: set[int], skip: set[int],
                  limit: int) -> set[int]:
    """Those of `linked` (people-rule links) whose unique best by shared people is no longer in their
    film, and those of `alone` that have a unique best now, over their complete name blocks with the
    title-paired records left out (as a full run's people rule sees them, pending ones included)."""
    asked = linked | alone
    if not asked:
        return set()
    hood.add(conn, asked)
    blocks = name_holders(conn, hood, [hood.index[r] for r in asked], limit, skip)
    met = {r for ids in blocks.values() for r in ids} - asked
    open_ = asked | (met - paired_among(conn, hood, met, limit, skip))  # (stored keys: not loaded for it)
    sites = sites_of(conn, hood, open_)
    hits = {rid: _hits(hood.profiles[hood.index[rid]], blocks, open_, sites) for rid in asked}
    hood.add(conn, {m for h in hits.values() for m in _likely(h)})  # the candidates unique_best looks at, mostly
    best = {rid: _lazy_best(conn, hood, rid, h) for rid, h in hits.items()}
    film = persist.load_links(conn, asked | {b for b in best.values() if b is not None})
    moved = {r for r in linked if (b := best[r]) is None or film.get(b) != film.get(r)}
    return moved | {r for r in alone if best[r] is not None}


def _hits(p: Profile, blocks: dict[str, set[int]], open_: set[int], sites: dict[int, str]) -> dict[int, set[int]]:
    """Other-site records of `open_` in p's name blocks → which of p's people they name (keys.unique_best)."""
    out: dict[int, set[int]] = defaultdict(set)
    for n, person in enumerate(p.people):
        for k in person:
            for m in blocks.get(NAME + k, ()):
                if m in open_ and sites[m] != p.site:
                    out[m].add(n)
    return out


def _likely(hits: dict[int, set[int]]) -> list[int]:
    """The two candidates unique_best looks at first (most people named; more only when those share fewer)."""
    return sorted(hits, key=lambda m: (-len(hits[m]), m))[:2]


def _lazy_best(conn: Connection, hood: Hood, rid: int, hits: dict[int, set[int]]) -> int | None:
    """keys.unique_best of `rid` from its candidates' `hits`, loading a candidate only when it is looked at."""
    p = hood.profiles[hood.index[rid]]
    top, runner_up, winner = 0, 0, None
    for m in sorted(hits, key=lambda m: (-len(hits[m]), m)):
        if len(hits[m]) <= runner_up:
            break  # an upper bound of what it shares, in descending order: none later beats the runner-up
        if m not in hood.index:
            hood.add(conn, [m])
        shared = min(len(hits[m]), named_by(hood.profiles[hood.index[m]], p))
        if shared > top:
            top, runner_up, winner = shared, top, m
        elif shared > runner_up:
            runner_up = shared
    return winner if top > runner_up else None


def _title_met(hood: Hood, focus: set[int], skip: set[int]) -> list[int]:
    """Loaded stored records sharing a title form with a pending one (`focus`) of another site."""
    sites: dict[str, set[str]] = {}  # title form → sites of the pending records holding it
    for i in focus:
        for f in hood.profiles[i].forms:
            sites.setdefault(f, set()).add(hood.profiles[i].site)
    return [rid for (rid, _), p in zip(hood.rows, hood.profiles) if rid not in skip
            and any(f in sites and sites[f] != {p.site} for f in p.forms)]


def _holders_of(conn: Connection, hood: Hood, ids: set[int], limit: int, skip: set[int]) -> set[int]:
    """Stored records sharing a name block with one of `ids` (loaded) of another site (not loaded for it)."""
    if not ids:
        return set()
    blocks = name_holders(conn, hood, [hood.index[r] for r in ids], limit, skip)
    met = {r for rs in blocks.values() for r in rs} - skip
    mine = {hood.profiles[hood.index[r]].site for r in ids}
    sites = sites_of(conn, hood, met)
    return {r for r in met if r in sites and (len(mine) > 1 or sites[r] not in mine)}


def _alone(conn: Connection, ids: set[int]) -> set[int]:
    """Those of `ids` alone in their films (a linked record's people-rule decision stands: a rival
    gone leaves its unique best unique)."""
    return {rid for rid, (_, _, method) in stored_links(conn, ids).items() if method == "single"}


def _people_linked(conn: Connection, ids: set[int]) -> set[int]:
    """Those of `ids` whose stored automatic link the people rule made."""
    return {rid for rid, (_, reasons, method) in stored_links(conn, ids).items()
            if method == "auto" and PEOPLE_LINK in reasons}


def _link_mates(conn: Connection, chosen: set[int], links: dict[int, tuple[float, tuple[str, ...], str]]) -> set[int]:
    """The other members of the films of `chosen` whose stored link equals one of theirs."""
    film_of = persist.load_links(conn, chosen)
    films = persist.members_of(conn, set(film_of.values()))
    mates = {rid for ids in films.values() for rid in ids} - chosen
    theirs = stored_links(conn, mates)
    wanted = {(film_of[rid], link) for rid, link in links.items() if rid in film_of}
    return {rid for fid, ids in films.items() for rid in ids if rid in theirs and (fid, theirs[rid]) in wanted}


def careered(conn: Connection, hood: Hood, edges: list[Edge], skip: set[int], opt: ResolveOptions) -> list[Edge]:
    """Band edges with one end undated get its people's career evidence (compare.career): the spans of
    the loaded reviews, widened by the stored reviews found through stored name and span keys
    (namekeys.name_extras: the first and the last year of every name an undated record held at the
    last full run)."""
    return _with_careers(edges, hood.profiles, opt, lambda wanted: name_years(conn, wanted, skip))


def people_edges(conn: Connection, hood: Hood, focus: set[int], skip: set[int], opt: ResolveOptions) -> list[Edge]:
    """The people rule's links of the pending reviews (`focus`), decided over the title-unpaired
    records of their name blocks and of their candidates' name blocks (both views of a mutual best
    complete; later rounds see only that far). Title-paired records are never loaded for it."""
    limit = opt.max_block
    blocks = build_blocks(hood.profiles, opt)
    for k in hood.oversized:
        blocks.pop(k, None)
    here = title_paired(hood.profiles, blocks, limit)  # a title block of two sites among the loaded: paired
    targets = {hood.rows[i][0] for i in focus if hood.profiles[i].people and not here[i]}
    mine = targets - paired_among(conn, hood, targets, limit, skip)
    if not mine:
        return []
    near = name_holders(conn, hood, [hood.index[r] for r in mine], limit, skip)
    met = {r for ids in near.values() for r in ids} - mine
    met -= paired_among(conn, hood, met, limit, skip)
    hood.add(conn, met)
    chosen = _candidates(hood, mine, near, mine | met, limit) - skip
    far = name_holders(conn, hood, [hood.index[r] for r in chosen], limit, skip)
    rest = {r for ids in far.values() for r in ids} - mine - met
    rest -= paired_among(conn, hood, rest, limit, skip)
    hood.add(conn, rest)
    universe = sorted(hood.index[r] for r in mine | met | rest)
    found = _unique_name_edges([hood.profiles[i] for i in universe], _local(hood, {**near, **far}, universe),
                               title_frequencies(hood.profiles), opt)
    edges = [Edge(universe[e.i], universe[e.j], e.score, e.reasons) for e in found]
    return [e for e in edges if e.i in focus or e.j in focus]  # pairs of existing records were the full run's


def _local(hood: Hood, blocks: dict[str, set[int]], universe: list[int]) -> dict[str, list[int]]:
    """Name blocks (review ids) as positions in `universe` (the unplaced records), empty ones left out."""
    at = {hood.rows[i][0]: n for n, i in enumerate(universe)}
    local = {k: sorted(at[r] for r in ids if r in at) for k, ids in blocks.items()}
    return {k: v for k, v in local.items() if v}


def _candidates(hood: Hood, mine: set[int], blocks: dict[str, set[int]], unplaced: set[int], limit: int) -> set[int]:
    """Each pending record's unique best other-site record by shared people (keys.unique_best), over
    its complete name blocks (review ids)."""
    return {b for b in _best_of(hood, mine, blocks, unplaced, limit).values() if b is not None}


def _best_of(hood: Hood, ids: set[int], blocks: dict[str, set[int]], unplaced: set[int], limit: int,
             ) -> dict[int, int | None]:
    """Review id → its unique best other-site record among `unplaced` (keys.unique_best), or None."""
    universe = sorted(hood.index[r] for r in unplaced)
    profiles = [hood.profiles[i] for i in universe]
    local, at = _local(hood, blocks, universe), {i: n for n, i in enumerate(universe)}
    out: dict[int, int | None] = {}
    for rid in ids:
        best = unique_best(at[hood.index[rid]], profiles, local, limit)
        out[rid] = profiles[best[0]].review_id if best is not None else None
    return out
