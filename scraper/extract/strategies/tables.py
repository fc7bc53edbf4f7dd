"""Fact labels as written and fact tables: two-cell rows, and tables read across (a header row of labels)."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from lxml import etree

from scraper.extract.labels import GENDER_ENDING, LABEL_QUALIFIER, compound_credit
from scraper.extract.strategies.bylines import FOLDED_LABELS
from scraper.extract.text import element_text, lines
from scraper.normalize.vocab import fold

# a possessive before a rating label names the site's own score ("Unsere Note", "Our grade")
POSSESSIVE = re.compile(r"^(?:unser|unsere|unserer|mein|meine|our|my)\s+", re.IGNORECASE)
# a country before a release label names where the film started ("UK release", "German release date")
RELEASE_COUNTRY = re.compile(r"^(?:UK|US|U\.S\.|GB|IE|German|British|American|Irish|Swiss|Austrian|Canadian|"
                             r"Australian|New\s+Zealand|Japanese|(?:South\s+)?Korean|Chinese|Hong\s+Kong|Taiwanese|"
                             r"Indian|Thai|French|Italian|Spanish|Portuguese|Danish|Swedish|Norwegian|Finnish|Dutch|"
                             r"Belgian|Polish|Czech|Turkish|Iranian|Mexican|Brazilian|Argentine|Argentinian)\s+",
                             re.IGNORECASE)
LABEL_TRIM = re.compile(r"^[\s*•·–-]+|[\s*•·–:-]+$")
# header cells naming a cast table's role column ("Darsteller | Rolle"): a label, never a value
ROLE_HEADERS = frozenset({"rolle", "rollen", "role", "roles", "character", "characters", "figur", "als", "as"})
LIST_FIELDS = frozenset({"cast", "directors", "writers", "genres"})
FILM_FIELDS = frozenset({"title", "original_title", "year"})  # one per film: a column of them lists films
ONE_FILM_FIELDS = frozenset({"original_title", "year", "directors", "cast", "genres", "fsk"})
MIN_HEADER_LABELS = 2
CELL_TAGS = ("td", "th")


@functools.lru_cache(maxsize=4096)  # a pure function of the text; pages repeat their labels and class words
def label_field(label: str) -> tuple[str, str] | None:
    """(field, vocabulary label) of a label as written ("Heimkino-Start", "Land / Jahr"), or None."""
    text = LABEL_TRIM.sub("", label)
    found = FOLDED_LABELS.get(fold(text))
    if found is None and text.endswith(")"):  # "Kinostart (DE)", "Release (US)": the label is the rest
        found = FOLDED_LABELS.get(fold(LABEL_QUALIFIER.sub("", text)))
    if found is None and ("*" in text or "_" in text or "/" in text) and GENDER_ENDING.search(text):
        found = FOLDED_LABELS.get(fold(GENDER_ENDING.sub("", text)))  # "Darsteller*innen", "Regisseur_in"
    if found is None and (m := RELEASE_COUNTRY.match(text)):  # "UK release", "German release date"
        rest = FOLDED_LABELS.get(fold(text[m.end():]))
        found = rest if rest is not None and rest[0] == "release" else None
    if found is None and (m := POSSESSIVE.match(text)):  # "Unsere Note", "My grade": the site's own score
        rest = FOLDED_LABELS.get(fold(text[m.end():]))
        found = rest if rest is not None and rest[0] == "rating" else None
    if found is None and compound_credit(text):  # "Director, writer", "Regie, Buch": both jobs
        found = ("directors", "director/writer")
    return found


def table_pairs(main: etree._Element) -> Iterator[tuple[str, str]]:
    """(label, value) pairs of the tables below `main`: tables read across first, then two-cell rows
    ("Regie | X") of every other table. A table of several films (a title or year column) after a table
    of one film's facts (two-cell rows naming two or more film facts: "Jahr | 1986", "Regie | X") lists
    other films — a Notion export's linked database of related entries, a series box —: its rows are
    not the page's facts (a list page has no one-film table before its list)."""
    across: set[etree._Element] = set()
    own_facts = False
    for table in main.iter("table"):
        read = _header_columns(table)
        if read is not None:
            across.add(table)
            columns, films = read
            if not (films and own_facts):
                yield from columns
        elif not own_facts:
            own_facts = _one_film_facts(table)
    for row in main.iter("tr"):
        cells = [c for c in row if c.tag in CELL_TAGS]
        if len(cells) == 2 and not (across and _table_of(row) in across):
            if (paired := _line_pairs(cells[0], cells[1])) is not None:
                yield from paired
            else:
                yield element_text(cells[0]), element_text(cells[1], ", ")  # <br>-separated cells are lists


def _line_pairs(label_cell: etree._Element, value_cell: etree._Element) -> list[tuple[str, str]] | None:
    """The pairs of a two-column row whose label cell holds one label a line and whose value cell holds as many
    lines (a site builder's multi-column block: "Directed by<br>Starring<br>Year" beside "X<br>A, B<br>1996"): line
    i of one with line i of the other. None unless there are two or more lines, as many on each side, and two or
    more of the label lines name film facts."""
    labels = [ln.text for ln in lines(label_cell)]
    if len(labels) < MIN_HEADER_LABELS:
        return None
    values = [ln.text for ln in lines(value_cell)]
    if len(values) != len(labels):
        return None
    if sum(1 for t in labels if (k := label_field(t.strip())) and k[0] in ONE_FILM_FIELDS) < MIN_HEADER_LABELS:
        return None
    return list(zip(labels, values, strict=True))


def _table_of(row: etree._Element) -> etree._Element | None:
    return next(row.iterancestors("table"), None)


def _one_film_facts(table: etree._Element) -> bool:
    """Whether the table's two-cell rows name two or more film facts (a one-film fact table)."""
    fields: set[str] = set()
    for row in table.iter("tr"):
        cells = [c for c in row if c.tag in CELL_TAGS]
        if len(cells) == 2 and _table_of(row) is table and (k := label_field(element_text(cells[0]).strip())) \
                and k[0] in ONE_FILM_FIELDS:
            fields.add(k[0])
            if len(fields) >= MIN_HEADER_LABELS:
                return True
    return False


def _header_columns(table: etree._Element) -> tuple[list[tuple[str, str]], bool] | None:
    """(label, value) pairs of a table read across: a header row of labels over value rows ("Originaltitel |
    Jahr | Regie" over "Inside Out 2 | 2024 | Kelsey Mann"; "Darsteller | Rolle" over one actor a row). None
    when the first row is no such header. A list column (cast) joins its rows; other columns give a pair per
    row when the rows are films (a title or year column), and the value of a one-row table; several rows of
    other facts ("Sender | Start" of a broadcast schedule) are left out. With the pairs: whether the rows
    are films."""
    rows = [r for r in table.iter("tr") if _table_of(r) is table]
    if len(rows) < 2:
        return None
    header = [c for c in rows[0] if c.tag in CELL_TAGS]
    if len(header) < 2:
        return None
    labels = [element_text(c).strip() for c in header]
    fields = [(k[0] if (k := label_field(t)) else None) for t in labels]
    roles = sum(fold(t) in ROLE_HEADERS for t in labels)
    if sum(f is not None for f in fields) < MIN_HEADER_LABELS and not ("cast" in fields and roles):
        return None
    marked = all(c.tag == "th" for c in header) or rows[0].getparent().tag == "thead"
    # a header of plain cells only when every cell is a label ("<td><b>Regie</b></td><td><b>Jahr</b></td>")
    if not marked and sum(f is not None for f in fields) + roles < len(header):
        return None
    body = [[c for c in r if c.tag in CELL_TAGS] for r in rows[1:]]
    body = [cells for cells in body if len(cells) == len(header)]
    films = len(body) > 1 and any(f in FILM_FIELDS for f in fields)
    out: list[tuple[str, str]] = []
    for i, (label, field) in enumerate(zip(labels, fields, strict=True)):
        values = [v for cells in body if (v := element_text(cells[i], ", ").strip())]
        if field is None or not values:
            continue
        if field in LIST_FIELDS and not films:
            out.append((label, ", ".join(values)))
        elif films or len(values) == 1:  # rows of one film's dates or channels are a schedule, not its facts
            out.extend((label, v) for v in values)
    return out, films
