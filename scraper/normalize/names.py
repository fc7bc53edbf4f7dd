"""Person-name lists -> clean names: labels, roles, "u. a." and trailing punctuation removed, shared surnames given."""
from __future__ import annotations

import re

# separators between people; a connector ("und", "&") may also join given names that share a surname
HARD_SPLIT = re.compile(r"\s*(?:,|\s/\s|·|•|\|)\s*")
SEGMENT = re.compile(r"\s*;\s*")  # a semicolon ends a credit ("Regie: Joel und Ethan Coen; mit …")
SEPARATED = re.compile(r"(\s*(?:,|\s/\s|·|•|\|)\s*)")  # HARD_SPLIT keeping the separators
CONNECTOR = re.compile(r"\s+(?:und|and|&)\s+")
LEADING_CONNECTOR = re.compile(r"^\s*(?:und|and|&|sowie)\s+")  # the serial comma: "A, B, and C"
# "and others" in several languages
OTHERS = re.compile(r"\b(?:u\.\s?a\b\.?|u\.\s?v\.\s?a\.|und\s+(?:andere|weitere)|and\s+others|et\s+al\.?|uvm\.?)",
                    re.IGNORECASE)
BRACKETS = re.compile(r"\s*[\(\[][^)\]]*[\)\]]")  # roles and notes: "(Regie)", "(*1954)"
ROLE = re.compile(r"\s+(?:als|as)\s+.*$")
# a role inside a list, up to the next item: "B als Lafayette / Thomas Jefferson, C" (a double role's slash
# is no separator of people)
ROLE_IN_LIST = re.compile(r"\s+(?:als|as)\s+(?:(?!\s(?:und|and|&)\s)[^,;])*?\s/\s"
                          r"(?:(?!\s(?:und|and|&)\s)[^,;])*?(?=\s*(?:[,;]|$|\s(?:und|and|&)\s))")
# a role after the name in a cast list: "Max Schreck: Graf Orlok", "Max Schreck – Graf Orlok" (the dash only where
# every item of the list is written so: "A – B" alone may be two people)
ROLE_COLON = re.compile(r"^(?P<name>[^:]{3,60}?)\s*:\s+\S")
ROLE_DASH = re.compile(r"^(?P<name>[^–—]{3,60}?)\s+[–—-]\s+\S")
NAME_WORD = re.compile(r"^(?:[A-ZÄÖÜÀ-ÝİŁØ][\w.'’-]*|[A-Z]\.)$")
MAX_ROLE_NAME_WORDS = 5
# a trailing period is kept after these (suffixes and initials)
KEEP_DOT = re.compile(r"(?:\b(?:Jr|Sr|St)|\b[A-Z])\.$")
MAX_NAME = 60  # characters; longer items are sentences
# whose credit a string is: the shared-surname rule is a crew convention ("Regie: Joel und Ethan Coen"); cast
# lists name one-word stage names ("Zendaya und Tom Holland", "Tabu", "Rihanna") that are no given names
CREW, CAST = "crew", "cast"
# credit labels a page may leave in the value: a label word (or several: "Regie und Drehbuch") before a
# colon, or a phrase (German label nouns no name starts with, too) before the names
LABEL_WORDS = (r"regie|regisseur(?:in)?|drehbuch(?:autor(?:in)?)?|buch|autor(?:in|en)?|director(?:s)?|writer(?:s)?|"
               r"screenplay|(?:haupt)?darsteller(?:in|innen)?|schauspieler(?:in|innen)?|besetzung|cast|starring|mit|"
               r"with|r|d|b")  # r, d, b: the abbreviations of Regie, Darsteller, Buch ("R: …  D: …")
LABEL_PHRASES = r"(?-i:mit|with)|(?:den\s+|the\s+)?(?:stimmen|voices)\s+(?:von|of)|(?:written|directed)(?:\s+and\s+(?:written|directed))?\s+by|regie\s+führte|regie\s+von|regie|regisseur(?:in)?|drehbuch|(?:haupt)?darsteller(?:in|innen)?|besetzung|starring|ein\s+film\s+von|a\s+film\s+by"
LABEL = re.compile(rf"^\s*(?:(?:{LABEL_WORDS})(?:\s*(?:und|and|&|/|,)\s*(?:{LABEL_WORDS}))*\s*:|(?:{LABEL_PHRASES})\s)\s*",
                   re.IGNORECASE)
SUFFIX = re.compile(r"^(?:Jr|Sr)\.?$|^(?:II|III|IV)$", re.IGNORECASE)
# words before a surname that belong to it ("von Trier", "del Toro", "De Palma" written lower-case)
PARTICLES = frozenset(["von", "van", "de", "del", "della", "der", "den", "di", "da", "du", "dos", "das", "le", "la",
                       "ten", "ter", "zu", "vom", "zum"])
# lower-case words (no particles) from which a name that also has capitals is a piece of prose ("Anna Berger – und
# das merkt man in jeder Einstellung"); an all-lower-case name is a style ("bell hooks") and stays
PROSE_WORDS = 2


def clean_name(text: str) -> str:
    """One person's name without role, notes or trailing punctuation."""
    name = OTHERS.sub("", text)
    name = ROLE.sub("", BRACKETS.sub("", name))
    name = " ".join(name.split()).strip(" \t\u00a0,;:–-")
    while name.endswith((".", "…")) and not KEEP_DOT.search(name):
        name = name[:-1].rstrip()
    return name


def parse_names(value: str | list[str] | None, role: str = CREW) -> list[str]:
    """Names in page order, without duplicates or empty items; `role` CAST keeps one-word names whole."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    if role == CAST:
        items = _without_roles([str(i) for i in items])
    out: list[str] = []
    for item in items:
        segments = SEGMENT.split(ROLE_IN_LIST.sub("", BRACKETS.sub("", OTHERS.sub("", str(item)))))
        for part in (p for segment in segments for p in people(LABEL.sub("", segment), role)):
            name = clean_name(part)
            if name and len(name) <= MAX_NAME and any(c.isalpha() for c in name) and name not in out \
                    and not _prose(name):
                out.append(name)
    return out


STAGE_NAME = re.compile(r"^[A-ZÄÖÜÀ-Ý][\w'’-]+$")


def stage_names(value: str) -> list[str]:
    """One-word names joined only by connectors ("Zendaya und Rihanna"): stage names, when a cast label says so
    (`parse_names` reads such a string as no one: "Mary & Max" is a title)."""
    parts = [p.strip(" .") for p in CONNECTOR.split(LABEL.sub("", value.strip()))]
    return parts if len(parts) >= 2 and all(STAGE_NAME.match(p) for p in parts) else []


def runs_into_prose(value: str, role: str = CREW) -> bool:
    """Whether a piece of the credit is words of a sentence ("A und B hat der Film zwei Darsteller"): the credit
    is a sentence that opens with a credit word, and `parse_names` would keep only the names before it."""
    return any(_prose(clean_name(piece)) for piece in people(LABEL.sub("", value), role))


def _name_like(text: str) -> bool:
    """Two to five capitalised words (name particles and initials allowed), no credit label."""
    words = text.split()
    return 2 <= len(words) <= MAX_ROLE_NAME_WORDS and not LABEL.match(text + ":") and \
        all(NAME_WORD.match(w) or w in PARTICLES for w in words) and NAME_WORD.match(words[0]) is not None


def _without_roles(items: list[str]) -> list[str]:
    """Cast items with the role after a colon (or, when every piece has one, after a dash) cut off."""
    if not any(":" in item or "–" in item or "—" in item or " - " in item for item in items):
        return items  # the common case: nothing to cut
    # pieces with the separators kept (a double role's " / " is read later, by ROLE_IN_LIST)
    pieces = [SEPARATED.split(LABEL.sub("", item)) for item in items]
    flat = [p for ps in pieces for p in ps[::2] if p.strip()]
    dashed = len(flat) >= 2 and all((m := ROLE_DASH.match(p)) and _name_like(m.group("name")) for p in flat)
    out = []
    for ps in pieces:
        kept = []
        for i, p in enumerate(ps):
            m = (ROLE_COLON.match(p) or (ROLE_DASH.match(p) if dashed else None)) if i % 2 == 0 else None
            kept.append(m.group("name") if m and _name_like(m.group("name")) else p)
        out.append("".join(kept))
    return out


def _prose(name: str) -> bool:
    """Whether a "name" is words of a sentence: capitals somewhere and PROSE_WORDS lower-case words that are
    no name particles."""
    words = name.split()
    lower = sum(1 for w in words if w[:1].islower() and w.lower() not in PARTICLES)
    return lower >= PROSE_WORDS and lower < len(words)


def people(text: str, role: str = CREW) -> list[str]:
    """The people of one credit string: separated by commas and the like, each piece split at its
    connectors; in crew credits, given names before a shared surname get it ("Joel und Ethan Coen")."""
    pieces = _inverted(_suffixes_joined([LEADING_CONNECTOR.sub("", p) for p in HARD_SPLIT.split(text) if p.strip()]))
    out: list[str] = []
    for piece in pieces:
        out += _connected(CONNECTOR.split(piece), alone=len(pieces) == 1, share=role != CAST)
    return out


def _suffixes_joined(pieces: list[str]) -> list[str]:
    """A piece that is only a suffix belongs to the name before it ("George Tillman, Jr.")."""
    out: list[str] = []
    for piece in pieces:
        if out and SUFFIX.match(piece.strip()):
            out[-1] = f"{out[-1]} {piece.strip()}"
        else:
            out.append(piece)
    return out


def _inverted(pieces: list[str]) -> list[str]:
    """"Surname, Given" turned around when the surname cannot be a name of its own: it starts with a
    lower-case particle or ends in a suffix ("del Toro, Guillermo", "Tillman Jr., George")."""
    if len(pieces) != 2 or len(pieces[1].split()) != 1:
        return pieces
    words = pieces[0].split()
    if len(words) >= 2 and (words[0] in PARTICLES or SUFFIX.match(words[-1])):
        return [f"{pieces[1].strip()} {pieces[0].strip()}"]
    return pieces


def _connected(groups: list[str], alone: bool, share: bool) -> list[str]:
    """People joined by connectors. In a crew credit (`share`), single given names before one full name
    share its surname when the string holds nothing else ("Lana und Lilly Wachowski"; in a list,
    "…, Ann und Tom Holm" is the list's last connector); single words only ("Mary & Max") name no one."""
    if len(groups) == 1:
        return groups
    words = [g.split() for g in groups]
    if all(len(w) == 1 for w in words):
        return [] if alone else groups
    last = words[-1]
    if share and alone and len(last) >= 2 and all(len(w) == 1 and w[0][:1].isupper() for w in words[:-1]):
        surname = " ".join(last[_surname_start(last):])
        return [f"{w[0]} {surname}" for w in words[:-1]] + [groups[-1]]
    return groups


def _surname_start(words: list[str]) -> int:
    """Index where a full name's surname starts: its last word with the particles before it."""
    start = len(words) - 1
    while start > 1 and words[start - 1] in PARTICLES:
        start -= 1
    return start
