"""Fallback strategy (low trust): the cast named in prose and captions, every phrase's actors as one candidate."""
from __future__ import annotations

import re

from scraper.extract.credits import COLON_LABELS, NICKNAME
from scraper.extract.labels import COUNTRIES
from scraper.extract.page import Page
from scraper.extract.strategies.headline import headline
from scraper.extract.strategies.prose import (
    JOB_WORD,
    NOT_PERSON,
    PERSON,
    PERSON_RE,
    hints_by_line,
    is_person,
    nominative,
    prose_language,
    prose_lines,
    without_job,
)
from scraper.extract.strategies.prose_directors import director_hits
from scraper.normalize.names import CAST, clean_name, parse_names
from scraper.normalize.platform import parse_platform
from scraper.normalize.title import QUOTES
from scraper.normalize.vocab import fold
from scraper.record import Candidate

NAME = "prose"
W_CAST = 28  # below every stated or structured cast; runs only where nothing else names the cast
MAX_SHORT = 80  # characters: a "Rolle (Darsteller)" outside a caption counts only in a prose line this long
WINDOW = 400  # characters of names before a list's closing verb (a whole-line list regex is quadratic)
PHRASE_WINDOW = 120  # characters before an actor phrase's verb where its name is looked for
TAIL = 40  # characters after a verb that its lookaheads read ("plays a dangerous game")

_LIST = rf"{PERSON}(?:(?:\s*,\s*|\s*,?\s+(?:and|und|&)\s+){PERSON})*"  # "A und B, C und D" too
# name lists after an opener: strong openers take one name, ordinary words ("mit", "wie") need two or more
# the last word of every opener, with the space after it: a line is searched for these first (a regex that
# opens with an alternation is tried at every position of the line: 90 ns per character)
# "In den Hauptrollen sind A und B zu sehen", "In den Hauptrollen: A, B", "in the lead roles, A and B": the lead-role
# phrase opens the list itself
LEAD_ENDS = ("Hauptrollen sind ", "Hauptrollen waren ", "Hauptrollen: ", "Hauptrollen, ", "roles, ", "roles: ",
             "roles are ", "leads, ", "leads: ", "leads are ")
OPENER_ENDS = ("tarring ", "tars ", "mit ", "Mit ", "with ", "With ", "rund um ", "wie ", "flankiert von ", "eben ",
               "includes ") + LEAD_ENDS
OPENER_REACH = 24  # characters before an opener's last word where the opener may start ("Schauspielerinnen wie")
_OPENERS = r"[Ss]tarring|[Ss]tars|[Mm]it|[Ww]ith|rund\s+um|[Mm]imen\s+wie|flankiert\s+von|" \
           r"[Dd]arsteller(?:n|innen)?\s+wie|[Ss]chauspieler(?:n|innen)?\s+wie|[Nn]eben|[Cc]ast\s+(?:also\s+)?includes|" \
           r"(?:[Ii]n\s+den\s+Hauptrollen(?:\s+(?:sind|waren)|\s*[:,])|" \
           r"[Ii]n\s+the\s+(?:lead(?:ing)?\s+roles|leads)(?:\s+are|\s*[:,]))"
OPENER_AT_END = re.compile(rf"\b(?P<opener>{_OPENERS})\s+$")  # run on the few characters before a name list
NAMES = re.compile(_LIST)
LEAD_OPENER = re.compile(r"in\s+(?:den|the)\s", re.IGNORECASE)  # the lead-role openers: as strong as "starring"
BEING = ("sind ", "waren ", "ist ")  # "sind A und B dabei": one of these opens the list
BEING_HINTS = frozenset(BEING)
FILLERS = frozenset(["wieder", "erneut", "auch", "mit"])  # words between a list and its closing verb
STRONG_OPENERS = ("starring", "stars", "cast includes", "cast also includes")
# "starring A as Tony, B as the banker and C as Mae", "mit A als Wärter und B als Witwe": a list of actors and roles
ROLE_ITEM = re.compile(rf"(?P<name>{PERSON})\s+(?:as|als)\s+(?P<role>[^,;.()]{{1,40}}?)"
                       r"(?P<sep>\s*,\s*(?:and\s+|und\s+)?|\s+(?:and|und|&)\s+|(?=[.;)]|$))")
CREW_ROLE = re.compile(r"^(?:the\s+|der\s+|die\s+)?(?:director|producer|writer|narrator|host|Regisseur|Produzent|"
                       r"Autor|Erzähler)", re.IGNORECASE)
# name lists before a verb: "A and B star in", "A, B and C are cast", "A and B, costarring for the first time",
# "Wie im ersten Teil sind A und B, C und D dabei" (these need two names)
CAST_BEFORE = (
    ((" star ", " co-star "), re.compile(rf"(?P<names>{_LIST})\s+(?:co-)?star\s+(?:in|as)\b")),
    ((" are cast",), re.compile(rf"(?P<names>{_LIST})\s*,?\s+are\s+cast\b")),
    (("costarring", "co-starring"), re.compile(rf"(?P<names>{_LIST})\s*,?\s+co-?starring\b")),
    # "spielen A, B und C die Hauptrollen", "mit A und B in den Hauptrollen", "A and B in the leading roles"
    ((" die Hauptrolle", " in den Hauptrolle", " in the lead"),
     re.compile(rf"(?P<names>{_LIST})\s+(?:die\s+Hauptrollen?|in\s+den\s+Hauptrollen|in\s+the\s+lead(?:ing)?\s+"
                rf"roles?|in\s+the\s+leads)\b")),
    ((" dabei", " von der Partie"),
     re.compile(rf"\b(?:sind|waren|ist)\s+(?:(?:auch|wieder|erneut|zudem|außerdem)\s+)*(?P<names>{_LIST})\s+"
                rf"(?:(?:wieder|erneut|auch)\s+)?(?:dabei|mit\s+von\s+der\s+Partie)\b")),
)
# the subject of a sentence that goes on to a cast list: "A als Y wird flankiert von Mimen wie B, C"
SUBJECT_AS = re.compile(rf"(?:^|[.!?:]\s+)(?P<name>{PERSON})\s+(?:als|as)\s+(?!(?:Regisseur|Produzent|Autor|"
                        r"director|producer|writer|filmmaker)\w*)")
# one actor per phrase (present tense: the past names other films): "A spielt den Wärter", "A plays the diver",
# "A in der Rolle des Y", "A in the title role", "der Schauspieler A", "Elvis-Darsteller A"
_AFTER_PLAY = r"(?:(?:hier|nun|erneut|wieder|auch|here|again)\s+)?(?:den|die|das|dem|einen|eine|einem|seinen|seine|" \
              r"ihren|ihre|a|an|the|his|her|their|[A-ZÄÖÜ]\w+)\b"
# a figure of speech is no acting: "spielt eine große Rolle", "plays a dangerous game", "spielt ihre Partie"
_NO_ACTING = r"(?:\w+\s+){0,2}(?:Rolle|role|part|game|games|Spiel|Spielchen|Partie|Karte|Karten|card|cards|trick|tricks|" \
             r"Streich|Streiche|joke|jokes)\b"
PLAYS = re.compile(rf"(?P<name>{PERSON})\s+(?:spielt|verkörpert|plays|portrays|stars\s+as)\s+"
                   rf"(?!keine\b|{_NO_ACTING}){_AFTER_PLAY}")
IN_ROLE = re.compile(rf"(?P<name>{PERSON})\s+(?:in\s+der\s+(?:Haupt|Titel)?[Rr]olle|in\s+the\s+(?:title|lead|"
                     r"leading|main)\s+role)\b")
# "wunderbar gespielt von Ann Berg", "Mookie is played by Ann Berg"
PLAYED_BY = re.compile(rf"\b(?:gespielt|verkörpert|dargestellt|played|portrayed)\s+(?:von|by)\s+(?P<name>{PERSON})")
ACTOR_NOUN = re.compile(rf"(?:\b|-)(?:\w*[Ss]chauspieler(?:in)?|\w*[Dd]arsteller(?:in)?|[Aa]ctor|[Aa]ctress)\s+"
                        rf"(?P<name>{PERSON})")
# (hints, pattern, whether the name follows the hint)
PHRASES = (
    (("spielt", "verkörpert", "plays", "portrays", "stars as"), PLAYS, False),
    (("Rolle", "role"), IN_ROLE, False),
    (("chauspieler", "arsteller", "ctor", "ctress"), ACTOR_NOUN, True),
    (("gespielt von", "verkörpert von", "dargestellt von", "played by", "portrayed by"), PLAYED_BY, True),
)
# "Paul Atreides (Ann Berg) und Chani von den Fremen (Nuria)": a caption made of role-actor pairs only
_ROLE = r"[A-ZÄÖÜ][\w.'’\-]*(?:\s+(?:[A-ZÄÖÜ][\w.'’\-]*|von|vom|van|de|der|den|des|of|the|la|le)){0,5}"
PAIR = re.compile(rf"(?P<role>{_ROLE})\s*\((?P<actor>[^()\d]{{2,40}})\)")
PAIR_JOINS = re.compile(r"^[\s,;.&]*(?:(?:und|and|sowie)\s*)?[\s,;.]*$")
ROLE_ACTOR = re.compile(r"\(([^()\d]{3,80})\)")  # "Ok-ju (Jeon Jong-seo)": (name) after a word and a space
ROLE_BEFORE = re.compile(rf"(?P<role>{PERSON})\s*\((?P<actor>[^()\d]{{3,80}})\)")
FILMOGRAPHY = re.compile(rf"^(?:\s*[{QUOTES}][^{QUOTES}]{{1,40}}[{QUOTES}]\s*(?:,|und|and)?)+\s*$")
ASIDE = re.compile(r"^\s+[a-zäöüß]")  # ", buried under latex": a remark on the actor after the name
# a photo caption that names actors at its start: "Lily-Rose Depp as Ellen Hutter in Nosferatu. Photograph: …",
# "Daniel Craig as Benoit Blanc.", "Ann Berg als Wärterin"; "A and B in <the film's title>" needs the title
CAPTION_AS = re.compile(rf"(?P<names>{_LIST})\s+(?:as|als)\s+[\w{QUOTES}]")
MAX_CAPTION = 300  # characters: a longer line is prose, not a caption
# one full name in running text (a possessive "’s" kept on its word: split off below)
ONE_NAME = re.compile(PERSON)
POSSESSIVE = ("’s", "'s")
# the word before a name that makes it no actor: a credit ("by", "von", "directed"), a place ("in", "im", "at"),
# or a verb or "as" whose object is the role ("plays Elisabeth Sparkle", "is Elphaba", "als Lucius")
NOT_BEFORE = frozenset(["by", "von", "vom", "in", "im", "at", "from", "aus", "directed", "director", "regisseur",
                        "regisseurin", "filmmaker", "writer", "novelist", "plays", "played", "playing", "as", "is",
                        "als", "spielt", "gibt", "the", "der", "die", "den", "dem", "des", "a", "an"])
# the word before a picture's credit: "Photo: Niko Tavernise", "Foto: …", "Bild: …", "© …", "(c) …", "Credit: …"
PICTURE_CREDIT = re.compile(r"^\(?(?:photos?|photographs?|photography|pictures?|images?|stills?|fotos?|fotografie|"
                            r"bilder|bild|credits?|copyright|quelle|source|©|\(c\))[:/]?$", re.IGNORECASE)
PLAYED_BY_WORDS = (["played", "by"], ["portrayed", "by"], ["gespielt", "von"], ["verkörpert", "von"])
# words that open a name's match but are none of it: "With Mikey Madison", "Starring Dana Roe", "Den Wärter"
LEADING_WORDS = frozenset(["With", "Mit", "Starring", "Stars", "Featuring", "Neben", "Sowie", "Den", "Dem", "Des",
                           "Von", "By", "Also", "Even", "Only", "Nur", "Selbst"])
ROLE_WORDS = frozenset(["as", "als", "plays", "playing", "spielt", "verkörpert", "portrays"])
ACTING_JOB = re.compile(r"schauspiel|darsteller|star", re.IGNORECASE)
GERMAN_ARTICLES = frozenset(["der", "den", "des", "dem", "die"])
NAME_PARTICLES = frozenset(["van", "von", "de", "ter"])
MIN_LISTED = 3  # full names in one comma list: "The guests – A, B, C, D – are a gallery of grotesques"
MONONYM = re.compile(r"^[A-ZÄÖÜ][a-zäöüßéèáíóúñ\-]{2,20}$")
NOT_MONONYM = frozenset(["Foto", "Bild", "Netflix", "Archiv", "Screenshot", "Trailer", "Verleih", "Studio", "Regie",
                         "Kamera", "Drehbuch", "Musik", "Hauptrolle", "Rolle", "Original", "Synchron"])


def _pairs(text: str) -> list[str]:
    """Actors of a line made of "Rolle (Darsteller)" pairs only; a one-word name only beside a full one."""
    found = list(PAIR.finditer(text))
    rest = PAIR.sub(" ", text)
    if len(found) < 2 or not PAIR_JOINS.match(rest):
        return []
    actors = [m.group("actor").strip() for m in found]
    if not any(is_person(a) for a in actors):
        return []
    return [a for a in actors if is_person(a) or (MONONYM.match(a) and a not in NOT_MONONYM)]


def _roles(page: Page) -> set[str]:
    """Names the page gives as roles, right before an actor in parentheses ("Laurie Strode (Ann Berg)"): a
    phrase with such a subject is about the character ("Laurie Strode spielt ein doppeltes Spiel")."""
    out: set[str] = set()
    for line in page.main_lines:
        at = line.text.find("(")
        while at >= 0:  # the name is looked for right before each parenthesis, not from every position
            m = ROLE_BEFORE.search(line.text, max(0, at - PHRASE_WINDOW // 2), min(len(line.text), at + 84))
            # an actor inside: "Ann Berg (as Ken)" names no role
            if m and is_person(_actor_of(m.group("actor"))):
                out.add(m.group("role"))
            at = line.text.find("(", at + 1)
    return out


def _role_actor(text: str) -> list[tuple[int, str]]:
    """(position, name) of "Laurie (Ann Berg)" in a prose line; "Myers (Tom Holm / Piet Haber)": two actors."""
    names: list[tuple[int, str]] = []
    for m in ROLE_ACTOR.finditer(text):
        before = text[max(0, m.start() - 2):m.start()]
        if len(before) < 2 or before[1] != " " or not (before[0].isalnum() or before[0] in ".’'"):
            continue
        names += [(m.start(), inner) for inner in (_actor_of(part) for part in m.group(1).split(" / "))
                  if _actor_person(inner)]
    return names


# a brand word as a given name before a surname with its particle: "Sky du Mont" ("Sky Cinema" stays a brand)
BRAND_GIVEN_NAME = re.compile(r"^[A-Z]\w+\s+(?:du|de|da|von|van|del|di|le|la)\s+[A-ZÄÖÜ]\w+$")


def _actor_person(inner: str) -> bool:
    """The actor of a plot summary's parenthesis or of an actor phrase ("gespielt von …"): a person's name, also with
    a quoted nickname ("Michael "Bully" Herbig") or a brand word before a particle and surname ("Sky du Mont")."""
    name = NICKNAME.sub(" ", inner)
    return is_person(name) or bool(BRAND_GIVEN_NAME.match(name) and PERSON_RE.match(name))


def _actor_of(inner: str) -> str:
    """The actor of a parenthesis, without the films it names after him ("Ann Berg, „Film A“, „Film B“") or a
    lower-case aside ("Bill Skarsgård, buried under latex")."""
    head, _, rest = inner.partition(",")
    return head.strip() if rest and (FILMOGRAPHY.match(rest) or ASIDE.match(rest)) else inner.strip()


HINTS = tuple(dict.fromkeys(OPENER_ENDS + tuple(h for hints, _ in CAST_BEFORE for h in hints)
                            + tuple(h for hints, _, _ in PHRASES for h in hints) + BEING + (" als ",)))
# hints that can only matter beside another one: "sind" opens a "dabei" list; "gespielt von" holds "spielt"
NEEDS: dict[str, tuple[str, ...]] = {**{w: (" dabei",) for w in BEING}, "gespielt von": ("spielt",), "verkörpert von": ("verkörpert",)}
ENGLISH_HINTS = frozenset(LEAD_ENDS[4:]) | frozenset([" in the lead", "tarring ", "tars ", "with ", "With ", "includes ", " star ", " co-star ", " are cast", "costarring",
                           "co-starring", "plays", "portrays", "stars as", "role", "ctor", "ctress", "played by",
                           "portrayed by"])
OTHER_LANGUAGE = {"de": ENGLISH_HINTS, "en": frozenset(HINTS) - ENGLISH_HINTS}
OPENER_SET = frozenset(OPENER_ENDS)
PHRASE_SETS = tuple((frozenset(hints), pattern, after) for hints, pattern, after in PHRASES)
# a line needs one of these for a list (a "dabei" list also needs "sind") or for an actor phrase
LIST_HINTS = frozenset(OPENER_ENDS + tuple(h for hints, _ in CAST_BEFORE for h in hints if h != " dabei"))
PHRASE_HINTS = frozenset(h for hints, _, _ in PHRASES for h in hints) | {" als "}


def _lists(text: str, here: frozenset[str]) -> list[tuple[int, list[str], bool]]:
    """(position, names, strong) of the name lists of one line: after an opener (with the subject of its
    sentence when that is "A als …") or before a closing verb. Strong: an opener or verb that only casts use
    ("starring", "A and B star in"); "mit A und B" can name anyone."""
    out = []
    for start, opener, listed in _after_openers(text, tuple(here & OPENER_SET)):
        names = [n for n in parse_names(listed, CAST) if is_person(n) and not _is_role(n, text)]
        strong = opener.lower() in STRONG_OPENERS or LEAD_OPENER.match(opener) is not None
        if len(names) >= (1 if strong else 2):
            sentence = text[max(0, start - WINDOW):start]
            subject = [s.group("name") for s in SUBJECT_AS.finditer(sentence) if is_person(s.group("name"))] \
                if " als " in sentence or " as " in sentence else []
            out.append((start, subject[-1:] + names, strong))
    being = any(w in here for w in BEING)
    for hints, pattern in CAST_BEFORE:
        if " dabei" in hints and not being:
            continue  # "sind A und B dabei": without "sind" in the line, "dabei" closes no list
        for hint in (h for h in hints if h in here):
            at = text.find(hint)
            while at >= 0:
                start = max(0, at - WINDOW)
                # the list ends right before its verb ("… und Tom Berg dabei", "Ann Berg, costarring"), and
                # "dabei" needs "sind" before it: both are tested before any regex runs
                if _name_before(text, at) and (" dabei" not in hints or any(text.find(w, start, at) >= 0 for w in BEING)):
                    for m in pattern.finditer(text, start, min(len(text), at + len(hint) + TAIL)):
                        names = [n for n in parse_names(m.group("names"), CAST) if is_person(n)]
                        if len(names) >= 2:
                            out.append((m.start(), names, True))
                at = text.find(hint, at + 1)
    return out


def _after_openers(text: str, ends: tuple[str, ...] = OPENER_ENDS) -> list[tuple[int, str, str]]:
    """(start, opener, names) of the name lists after an opener, looked for only where an opener's last word
    (one of `ends`) is followed by a capital letter."""
    out: list[tuple[int, str, str]] = []
    for word in ends:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if end < len(text) and text[end].isupper() and (o := OPENER_AT_END.search(text, max(0, at - OPENER_REACH), end)):
                names = _with_roles(text, end) or (m.group() if (m := NAMES.match(text, end, end + WINDOW)) else "")
                if names:
                    out.append((o.start(), o.group("opener"), names))
            at = text.find(word, at + 1)
    return sorted(out)


def _with_roles(text: str, at: int) -> str:
    """The actors of a list of "A as Role" items starting at `at`, comma-joined ("" when it is none)."""
    names: list[str] = []
    m = ROLE_ITEM.match(text, at, at + WINDOW)
    while m:
        if not CREW_ROLE.match(m.group("role")):  # "with A as producer" credits no actor
            names.append(m.group("name"))
        if not m.group("sep"):
            break
        m = ROLE_ITEM.match(text, m.end(), m.end() + WINDOW)
    return ", ".join(names) if len(names) >= 2 or (names and m is None) else ""


def _name_before(window: str, end: int) -> bool:
    """The word before the verb near `end` of `window` (after "wieder"/"auch", a comma) is capitalised."""
    words = window[max(0, end - 40):max(0, end)].replace(",", " ").split()  # the last few words only
    while words and words[-1] in FILLERS:
        words.pop()
    return bool(words) and words[-1][:1].isupper()


def _is_role(name: str, text: str) -> bool:
    """A name right before an actor in parentheses is the role ("ein Deal mit Prinzessin Irulan (Ann Berg)")."""
    at = text.find(name)
    return at >= 0 and text[at + len(name):at + len(name) + 2].lstrip().startswith("(")


def _windows_before(text: str, words: tuple[str, ...], size: int = WINDOW,
                    after: bool = False) -> list[tuple[str, int, int]]:
    """(stretch, start, where the word is in it) of `text` ending just after each of `words` (a name is matched
    backwards from its verb), or with `after` starting just before it (the name follows: "Schauspieler Ann Berg")."""
    out = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            start = max(0, at - 1) if after else max(0, at - size)
            out.append((text[start:at + size] if after else text[start:at + len(word) + TAIL], start, at - start))
            at = text.find(word, at + 1)
    return out


def _phrase_actors(text: str, film: str | None, here: frozenset[str]) -> list[tuple[int, str]]:
    """(position, name) of the one-actor phrases of a line; "A als Y in „Film“" when the film's title is known."""
    out: list[tuple[int, str]] = []
    for hints, pattern, after in PHRASE_SETS:
        if not here & hints:
            continue
        for window, start, _ in _windows_before(text, tuple(here & hints), PHRASE_WINDOW, after):
            out += [(start + m.start(), m.group("name")) for m in pattern.finditer(window)]
    if film and " als " in here and film in text:
        as_in = re.compile(rf"(?P<name>{PERSON})\s+als\s+[^.,;:]{{1,60}}?\s+in\s+[{QUOTES}]?{re.escape(film)}")
        for window, start, _ in _windows_before(text, (film,), PHRASE_WINDOW):
            out += [(start + m.start(), m.group("name")) for m in as_in.finditer(window)]
    return out


def _film(page: Page) -> str | None:
    titles = sorted(page.cache.get("titles", []), key=lambda c: -c.weight)
    return str(titles[0].value) if titles else None


def _parenthesized(page: Page, prose: dict[int, int]) -> list[tuple[int, int, str]]:
    """(line, position, actor) of role-actor captions and "Rolle (Darsteller)" in long prose lines."""
    found: list[tuple[int, int, str]] = []
    for index, line in enumerate(page.main_lines):
        text = line.text
        if "(" not in text:
            continue
        if line.block in ("p", "div", "figcaption", "li", "span") and len(text) < MAX_SHORT:
            found += [(index, 0, name) for name in _pairs(text)]
        elif id(line) in prose and line.block == "p" and len(text) >= MAX_SHORT:
            found += [(index, at, name) for at, name in _actor_side(page, text, _role_actor(text))]
    return found


NAME_BEFORE = re.compile(rf"(?P<name>{PERSON})\s*$")


def _actor_side(page: Page, text: str, pairs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The actors of a line's "Paul Atreides (Timothée Chalamet)" or "Cynthia Erivo (Elphaba Thropp)" pairs
    (`pairs`: position and name in the parenthesis): the names in the parentheses, unless every pair has a full
    name before it and the rest of the page treats those as the actors (one reading for the whole line)."""
    outside = []
    for at, inside in pairs:
        m = NAME_BEFORE.search(text, max(0, at - 60), at)
        name = _leading_dropped(m.group("name")) if m else ""
        if not is_person(name) or len(name.split()) < 2 or len(inside.split()) < 2:
            return pairs
        outside.append((at, name))
    if "page_text" not in page.cache:
        page.cache["page_text"] = "\n".join([page.title_tag, page.meta_first("og:title", "description") or ""]
                                             + [ln.text for ln in page.main_lines])
    others: str = page.cache["page_text"]
    if sum(_actor_evidence(others, o, i) for (_, o), (_, i) in zip(outside, pairs, strict=True)) <= \
            sum(_actor_evidence(others, i, o) for (_, o), (_, i) in zip(outside, pairs, strict=True)):
        return pairs
    page.cache.setdefault("roles_inside", set()).update(i for _, i in pairs)  # the roles, for the companions
    return outside


def _actor_evidence(text: str, actor: str, role: str) -> int:
    """How often `text` names `actor` as an actor and `role` as a role, the way reviews do: the character by the
    given name alone ("Elphaba ist grün", not "J. Robert Oppenheimer" for "Robert"), the actor before "als"/"as"
    or an acting verb ("Erivo spielt …"). (A surname alone is no evidence: biopics call the character by it.)"""
    surname, given, rest = re.escape(actor.split()[-1]), re.escape(role.split()[0]), re.escape(role.split(None, 1)[1])
    character = sum(1 for m in re.finditer(rf"(?<![\w.]){given}\b(?!\.|\s+[A-ZÄÖÜ(]|\s+{rest}\b)", text)
                    if not re.search(r"[A-ZÄÖÜ][\w.]*\s$", text[max(0, m.start() - 30):m.start()]))
    acting = len(re.findall(rf"\b{surname}\s+(?:als|as|spielt|plays|verkörpert|portrays)\s", text))
    return character + acting


def _phrased(page: Page, prose: dict[int, int]) -> tuple[list[tuple[int, int, str]], bool]:
    """(line, position, actor) of the name lists and one-actor phrases, and whether a phrase named anyone."""
    film, found, listed, phrased = _film(page), [], False, False
    present = hints_by_line(page, HINTS, OTHER_LANGUAGE, NEEDS)
    for index, line in enumerate(page.main_lines):
        if id(line) in prose and "(" in line.text:
            found += [(index, at, name) for at, name in _actor_role_pairs(line.text)]
        if id(line) not in prose or not (here := present[prose[id(line)]]):
            continue
        text = line.text
        listing = here & LIST_HINTS or (" dabei" in here and here & BEING_HINTS)
        for at, names, strong in _lists(text, here) if listing else ():  # every strong list; the first weak one
            if strong or not listed:
                found += [(index, at, name) for name in names]
                listed = listed or not strong
        phrase = [(index, at, name) for at, name in _phrase_actors(text, film, here) if _actor_person(name)] \
            if here & PHRASE_HINTS else []
        found += phrase
        phrased = phrased or bool(phrase)
    return found, phrased


# actors with their roles after them, two or more joined: "Ann Berg (Elphaba) and Tom Holm (Glinda)", "mit Ann Berg
# (als Wärterin) und Tom Holm (als Fischer)"; a role is "als/as …" or one word (a two-word name in the parenthesis
# is the actor of a "Rolle (Darsteller)" pair, read by `_role_actor`)
_ROLE_AFTER = r"\((?:(?:als|as)\s+[^()]{1,40}|[A-ZÄÖÜ][\w'’\-]{1,30})\)"
_PAIR_JOIN = r"(?:\s*,\s*(?:(?:and|und|&)\s+)?|\s+(?:and|und|&)\s+)"
ACTOR_ROLE_LIST = re.compile(rf"{PERSON}\s+{_ROLE_AFTER}(?:{_PAIR_JOIN}{PERSON}\s+{_ROLE_AFTER})+")
ACTOR_ROLE = re.compile(rf"(?P<name>{PERSON})\s+\((?:(?:als|as)\s+)?(?P<role>[^()]+)\)")


FOLDED_COUNTRIES = frozenset(fold(c) for c in COUNTRIES)


def _actor_role_pairs(text: str) -> list[tuple[int, str]]:
    """(position, actor) of the "Actor (Role) and Actor (Role)" lists of a prose line."""
    out: list[tuple[int, str]] = []
    for listed in ACTOR_ROLE_LIST.finditer(text):
        found = list(ACTOR_ROLE.finditer(listed.group()))
        # "Mara Lindqvist (Regie) und Ola Svensk (Kamera)" is the crew; "(USA)", "(Netflix)" no role either
        if any(fold(m.group("role")) in COLON_LABELS or fold(m.group("role")) in FOLDED_COUNTRIES
               or parse_platform(m.group("role")) for m in found):
            continue
        pairs = [(listed.start() + m.start(), _leading_dropped(m.group("name"))) for m in found]
        if all(is_person(name) for _, name in pairs):
            out += pairs
    return out


def _leading_dropped(name: str) -> str:
    """A name without the opener word a match may start with ("Mit Ann Berg")."""
    first, _, rest = name.partition(" ")
    return rest if first in LEADING_WORDS and " " in rest else name


def _captions(page: Page, film: str | None) -> list[tuple[int, int, str]]:
    """(line, 0, actor) of captions that open with actors: "A as Role …", "A and B in <Film>"."""
    found: list[tuple[int, int, str]] = []
    in_film = None
    for index, line in enumerate(page.main_lines):
        if line.block != "figcaption" or len(line.text) > MAX_CAPTION:
            continue
        if in_film is None and film:
            in_film = re.compile(rf"(?P<names>{_LIST})\s+in\s+[{QUOTES}]?{re.escape(film)}\b")
        m = CAPTION_AS.match(line.text) or (in_film.match(line.text) if in_film else None)
        if m:
            found += [(index, 0, n) for n in parse_names(m.group("names"), CAST) if is_person(n)]
    return found


# a headline that names the cast right after the quoted title: "„Nebelhorn“ mit Ann Berg und Tom Holm: Ein Drama …",
# "‘Nebelhorn’ starring Ann Berg – …"; the list ends the headline or a part of it
HEADLINE_CAST = re.compile(rf"[{QUOTES}]\s+(?:mit|with|starring)\s+(?P<names>{_LIST})(?=\s*(?:[:|–—,(]|\s-\s|$))")


def _headline_cast(page: Page) -> list[str]:
    """The actors a headline names after the quoted title (the `<h1>`, else `og:title`, else `<title>`, else the
    teaser of the page's description)."""
    for text in (headline(page), page.meta_first("og:title") or "", page.title_tag or "",
                 page.meta_first("og:description", "description") or ""):
        if (" mit " in text or " with " in text or " starring " in text) and (m := HEADLINE_CAST.search(text)):
            first = m.group("names").split(None, 1)[0]
            if JOB_WORD.match(first) and not ACTING_JOB.search(first):
                return []  # "„Film“ mit Regisseurin Mara Lindqvist: …" names the crew
            return [n for n in parse_names(without_job(m.group("names")), CAST) if is_person(n)]
    return []


def _name_at(text: str, m: re.Match[str], film: str | None) -> tuple[str, int, bool] | None:
    """(name, start, possessive) of a full name matched in running text: function words before it dropped
    ("While Ann Berg"), cut after a possessive word ("Ann Berg’s Ellen" is Ann Berg, whose role follows); None
    for a possessive before a common noun ("Ann Berg’s film": a filmmaker's) or a one-word rest."""
    words = m.group().split()
    while words and (words[0] in LEADING_WORDS or NOT_PERSON.fullmatch(words[0])):
        words.pop(0)
    if words and JOB_WORD.match(words[0]):  # "Regisseurin Mira Lenz": a job noun credits its job
        if not ACTING_JOB.search(words[0]):
            return None
        words.pop(0)
    if words and words[0].startswith("Regie"):  # "Regiedebütant Lee Chung-hyun"
        return None
    start = m.end() - len(" ".join(words)) if words else m.end()
    for i, word in enumerate(words):
        if word.endswith(POSSESSIVE):
            following = " ".join(words[i + 1:])
            # lower case, a digit or the film's title after it: a filmmaker's possessive ("X’s film", "X’s
            # Oppenheimer"); a name after it is the actor's role ("Ann Berg’s Ellen")
            if not following or (film and film.startswith(following)):
                return None
            words = words[:i + 1]
            break
    if any(w in GERMAN_ARTICLES and (i == 0 or words[i - 1] not in NAME_PARTICLES) for i, w in enumerate(words)):
        return None  # "seines Bruders den Kutter": German nouns, no name
    name = " ".join(words)
    possessive = name.endswith(POSSESSIVE)
    name = name[:-2] if possessive else name
    if len(name.split()) < 2 or not is_person(name):
        return None
    return name, start, possessive


# "films such as A, B, C", "movies like A and B", "Filme wie A, B": a list of titles, no people
TITLE_LIST = re.compile(r"\b(?:films?|movies?|pictures?|features?|works?|titles?|hits?|Filme[n]?|Werke[n]?|"
                        r"Hits?)\s+(?:such\s+as|like|as|including|wie|etwa|namens)\s+")
TITLE_LIST_JOINS = frozenset(["and", "und", "or", "oder", "&", "of", "the", "a", "in", "der", "die", "das", "des",
                              "von"])


def _title_lists(text: str) -> list[tuple[int, int]]:
    """(start, end) of the stretches of `text` that list films after "films such as" (capitalised words joined by
    commas and "and"), up to the first lower-case word or the sentence's end."""
    spans = []
    for m in TITLE_LIST.finditer(text):
        end = m.end()
        for word in re.finditer(r"\S+", text[m.end():]):
            token = word.group().strip(",")
            if not token or not (token[0].isupper() or token[0].isdigit() or token[0] in QUOTES
                                 or token in TITLE_LIST_JOINS):
                break
            end = m.end() + word.end()
            if token[-1] in ".;:!?":
                break
        spans.append((m.end(), end))
    return spans


def _quoted(text: str, start: int, end: int) -> bool:
    """A name in quotes of its own (’Celine Song’s "Past Lives"’) is a work's title, no person."""
    return start > 0 and end < len(text) and text[start - 1] in QUOTES and text[end] in QUOTES


def _companions(page: Page, prose: dict[int, int], actors: set[str], exclude: set[str],
                film: str | None) -> list[tuple[int, int, str]]:
    """(line, position, actor) of the other full names in the prose paragraphs that name an actor found above
    ("Nicholas Hoult plays her husband …; Aaron Taylor-Johnson is the wealthy friend; Willem Dafoe … is the
    professor") and of comma lists of three or more full names ("The guests – A, B, C, D – are …"); never a name
    credited ("by X", "director X"), placed ("in North Africa"), given as a role (after "plays", "as", a
    possessive, or before a parenthesis), a filmmaker's possessive ("X’s film") or the film's title."""
    found: list[tuple[int, int, str]] = []
    title = (film or "").casefold()
    makers = _filmmakers(page, prose)
    for index, line in enumerate(page.main_lines):
        text = line.text
        if id(line) not in prose or line.block not in ("p", "div", "blockquote") or len(text) < MAX_SHORT:
            continue
        names = []
        titles = _title_lists(text)
        for m in ONE_NAME.finditer(text):
            hit = _name_at(text, m, film)
            if hit is None:
                continue
            name, start, _ = hit
            if _quoted(text, start, start + len(name)) or any(a <= start < b for a, b in titles):
                continue  # a title: ’Celine Song’s "Past Lives"’, "films such as Sideways, About Schmidt"
            before = text[max(0, start - 30):start].replace("’s", " ").split()
            near = before[-3:]
            while any(w[-1] in ",;:.–—" for w in near):  # only the words after the last clause break
                near = near[next(i for i, w in enumerate(near) if w[-1] in ",;:.–—") + 1:]
            if any(w in ROLE_WORDS for w in near) and near[-2:] not in PLAYED_BY_WORDS:
                continue  # "as the resentful Lewis Strauss", "plays young Lucius": the role
            if _role_of_actor(text[:start], actors):
                continue  # "stars Ann Berg as the Swedish physicist Jan Robert Holm": the role
            if name.split()[-1] in makers:
                continue  # "So much for Mara Lindqvist. … Lindqvist’s fourth film": the filmmaker
            if ATTRIBUTIVE.match(text, start + len(name)):
                continue  # "a very Wes Anderson film": the name as an adjective of a work
            after = text[m.end():m.end() + 2].lstrip()
            # a word before a clause break governs nothing: "takes Ellen in; Willem Dafoe …"
            credited = bool(before) and (before[-1].lower().lstrip("(") in NOT_BEFORE or PICTURE_CREDIT.match(before[-1])) \
                and before[-2:] not in PLAYED_BY_WORDS
            if credited or after.startswith("(") or \
                    name in exclude or name.casefold() in title or \
                    (before and before[-1].endswith(POSSESSIVE)) or text[max(0, start - 3):start].endswith(POSSESSIVE):
                continue
            names.append((start, name))
        listed = any(len([n for n in parse_names(l.group(), CAST) if len(n.split()) >= 2]) >= MIN_LISTED
                     for l in NAMES.finditer(text))
        if any(a in text for a in actors) or listed:
            found += [(index, at, name) for at, name in names]
    return found


# a common noun right after a name makes the name its adjective: "a very Wes Anderson film", "the Stephen King universe"
ATTRIBUTIVE = re.compile(r"\s+(?:film|films|movie|movies|picture|joint|feature|flick|production|vehicle|project|universe|"
                         r"fare|territory|style|fashion|mode|vibes?|aesthetic|moment)\b")
# a surname's possessive before a word for a film: the filmmaker ("Lindqvist’s fourth film", "Feld's new movie")
MAKER_POSSESSIVE = re.compile(r"\b([A-ZÄÖÜ][\w\-]+)(?:’s|'s|s’|s)\s+(?:(?:\w+|\d+(?:st|nd|rd|th)?)\s+){0,2}?"
                              r"(?:film|movie|feature|picture|drama|thriller|comedy|epic|Film|Werk|Regiearbeit)\b")
CLAUSE_BREAK = re.compile(r"[,;:.!?–—()]")


def _filmmakers(page: Page, prose: dict[int, int]) -> set[str]:
    """Surnames the prose gives a film with a possessive ("Lindqvist’s 12th film"): the filmmaker's, no actor."""
    return {m.group(1) for line in page.main_lines if id(line) in prose for m in MAKER_POSSESSIVE.finditer(line.text)}


def _role_of_actor(before: str, actors: set[str]) -> bool:
    """Whether the clause before a name is "<actor> as …" (the name is that actor's role)."""
    clause = CLAUSE_BREAK.split(before)[-1]
    for actor in actors:
        at = clause.rfind(actor)
        if at >= 0 and re.search(r"\b(?:as|als)\b", clause[at + len(actor):]):
            return True
    return False


def cast(page: Page) -> list[Candidate]:
    """The actors the prose names, in page order: the role-actor parentheses when the page has any (the cast
    of a plot summary), else every name list and one-actor phrase; and captions that open with actors; on a page
    not in German, then the other full names of the paragraphs that name one of them; a name the prose calls the
    director is none."""
    if page.main is None:
        return []
    prose = {id(line): at for at, line in enumerate(prose_lines(page))}
    found, phrased = _parenthesized(page, prose), False
    if not found:
        found, phrased = _phrased(page, prose)
    found += _captions(page, _film(page))
    found += [(-1, at, name) for at, name in enumerate(_headline_cast(page))]  # the headline comes first
    # one-actor phrases can name the director or a character ("Ann Berg spielt die Stärken aus"); lists and
    # parentheses do not (and the director phrases cost a scan of the prose)
    directors = {n for name, _ in director_hits(page) for n in name.split(", ")} | _roles(page) if phrased else set()
    names = [name for name in (nominative(without_job(f[2]), page) for f in sorted(found, key=lambda f: (f[0], f[1])))
             if name not in directors]
    if names and prose_language(page) != "de":  # German capitalises every noun: "Kapitän Brenner" is no name
        hits = {n for name, _ in director_hits(page) for n in name.split(", ")}  # "A, B": directed by A and B
        stated = set(page.cache.get("directors", ())) | hits | _roles(page) | page.cache.get("roles_inside", set())
        more = _companions(page, prose, set(names), stated, _film(page))
        names = [name for name in (nominative(without_job(f[2]), page)
                                   for f in sorted(found + more, key=lambda f: (f[0], f[1]))) if name not in directors]
        # a surname part already named in full ("Downey Jr." after "Robert Downey Jr.") is that person
        names = [n for n in names if not any(o != n and o.endswith(" " + n) for o in names)]
    # every name is one person already (lists were split above): cleaned, not parsed again
    people = list(dict.fromkeys(n for n in (clean_name(name) for name in dict.fromkeys(names)) if n))
    snippet = "prose cast: " + ", ".join(people)
    return [Candidate("cast", people, NAME, snippet[:160], W_CAST)] if people else []
