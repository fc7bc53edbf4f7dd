"""Merge: per field, the candidate with the highest trust wins (first in document order on a tie)."""
from __future__ import annotations

from scraper.record import EXTRA_FIELDS, FIELDS, Candidate

RECORD_FIELDS = frozenset((*FIELDS, *EXTRA_FIELDS))
# trust up to which a start is no statement of the film's year: one worked out from a weekday and the publication
# date ("In cinemas from Friday", factbox 60: this run's date, often a year after the film) or read in a box about
# another film (60); the fallback year needs a date the page states
MAX_INFERRED_START = 60


def group(cands: list[Candidate]) -> dict[str, list[Candidate]]:
    """Candidates by field, each list ordered by trust (stable: document order breaks ties)."""
    out: dict[str, list[Candidate]] = {}
    for cand in cands:
        if cand.field in RECORD_FIELDS and cand.value not in (None, "", []):
            out.setdefault(cand.field, []).append(cand)
    for bucket in out.values():
        bucket.sort(key=lambda c: -c.weight)
    return out


def winners(grouped: dict[str, list[Candidate]]) -> dict[str, Candidate]:
    """The winning candidate of every field that has one; year falls back to the release date's year."""
    won = {field: cands[0] for field, cands in grouped.items() if cands}
    if "title" in won:
        won["title"] = _cased_title(won["title"], grouped["title"])
    if "year" in won and "release_date" in won:
        _consistent_release(won, grouped["release_date"])
    if "year" not in won and "release_date" in won:
        date = won["release_date"]
        if not (date.strategy == "factbox" and date.weight <= MAX_INFERRED_START):
            won["year"] = Candidate("year", int(str(date.value)[:4]), "release_date", date.snippet, 0)
    return won


def _consistent_release(won: dict[str, Candidate], dates: list[Candidate]) -> None:
    """A release before the production year, from a source trusted less than the year's ("USA 2024" in the
    fact box, dateCreated 2019 in a copied JSON-LD), is another film's date: the next date that fits wins, or
    none."""
    year = won["year"]
    fits = [d for d in dates if int(str(d.value)[:4]) >= int(str(year.value)) or d.weight >= year.weight]
    if fits:
        won["release_date"] = fits[0]
    else:
        del won["release_date"]


def _cased_title(title: Candidate, cands: list[Candidate]) -> Candidate:
    """The winning title as another candidate writes it with more capitals, when the two differ only in case:
    a library catalogue's sentence case ("Little women [Bildtonträger]") beside the headline's "Little Women"."""
    text = str(title.value)
    capitals = sum(ch.isupper() for ch in text)
    for cand in cands:
        other = str(cand.value)
        if other != text and other.casefold() == text.casefold() and sum(ch.isupper() for ch in other) > capitals:
            return Candidate("title", other, title.strategy, title.snippet, title.weight)
    return title
