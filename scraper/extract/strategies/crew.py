"""Cast & crew lists: one person per item with the job beside the name ("<li><a>Mara Lindqvist</a> Regie</li>")."""
from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from scraper.extract.labels import FACT_LABELS, STOP_LABELS
from scraper.extract.text import squash, text_content
from scraper.normalize.vocab import fold

# headings (or class/id words) of a mixed list of cast and crew
CREW_HEADING = re.compile(r"^\s*(?:cast\s*(?:&|und|and|\+)\s*crew|crew\s*(?:&|und|and)\s*cast|besetzung\s*(?:&|und)\s*"
                          r"stab|stab\s*(?:&|und)\s*besetzung|darsteller\s*(?:&|und)\s*(?:crew|stab)|mitwirkende|"
                          r"besetzung|cast)\s*$", re.IGNORECASE)
CREW_CLASSES = ("cast-crew", "castcrew", "cast_crew", "credits", "besetzung", "crew")
HEADINGS = ("h2", "h3", "h4", "h5", "h6")
MAX_NAME = 60      # characters of a person's name
MAX_JOB = 40       # characters of a job or role
MIN_PEOPLE = 2
STOP_JOBS = frozenset(fold(s) for s in STOP_LABELS)
DIRECTOR_JOBS = frozenset(fold(k) for k, v in FACT_LABELS.items() if v == "directors")
WRITER_JOBS = frozenset(fold(k) for k, v in FACT_LABELS.items() if v == "writers")  # "Autor" too: a film's crew


def _heading_before(lst: etree._Element) -> str:
    prev = lst.getprevious()
    if prev is not None and prev.tag in HEADINGS:
        return squash(text_content(prev))
    parent = lst.getparent()
    first = parent[0] if parent is not None and len(parent) else None
    return squash(text_content(first)) if first is not None and first.tag in HEADINGS else ""


def _is_crew_list(lst: etree._Element) -> bool:
    names = f"{lst.get('class', '')} {lst.get('id', '')}".lower()
    return bool(CREW_HEADING.match(_heading_before(lst))) or any(c in names for c in CREW_CLASSES)


def _person(li: etree._Element) -> tuple[str, str] | None:
    """(name, job) of one item: the name is its first link (or first child), the job the rest of its text."""
    first = next(li.iter("a"), None)
    if first is None and len(li):
        first = li[0]
    if first is None:
        return None
    name = squash(text_content(first))
    job = squash(text_content(li)).replace(name, "", 1).strip(" ,:–-()·|")
    return (name, job) if name and len(name) <= MAX_NAME and len(job) <= MAX_JOB else None


def crew_pairs(main: etree._Element) -> Iterator[tuple[str, str]]:
    """("Regie", "A") and ("Darsteller", "B, C") of mixed cast & crew lists; only lists that name at least one
    job (a list of names alone is the link-list rule's), crew other than directors and writers left out."""
    for lst in main.iter("ul", "ol"):
        if not _is_crew_list(lst):
            continue
        people = [p for p in (_person(li) for li in lst.iter("li")) if p]
        jobs = [fold(job) for _, job in people]
        crew = DIRECTOR_JOBS | WRITER_JOBS | STOP_JOBS
        if len(people) < MIN_PEOPLE or not any(j in crew for j in jobs):
            continue
        directors = [n for (n, _), j in zip(people, jobs, strict=True) if j in DIRECTOR_JOBS]
        writers = [n for (n, _), j in zip(people, jobs, strict=True) if j in WRITER_JOBS]
        cast = [n for (n, _), j in zip(people, jobs, strict=True) if j not in crew]
        if directors:
            yield "Regie", ", ".join(directors)
        if writers:
            yield "Drehbuch", ", ".join(writers)
        if cast:
            yield "Darsteller", ", ".join(cast)
