"""Credit lines -> statements: "Regie: X. Darsteller: Y", "Directed by X · Starring Y · In theaters Z",
"„Film“, USA 2023, Regie: X, mit A, B, 180 Minuten, FSK 12. Ab 20. Juli im Kino." (pure text, no tree)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from scraper.extract.labels import (
    CONTEXT_PREFIXES,
    COUNTRIES,
    COUNTRY_CODES,
    FACT_LABELS,
    GENDER_ENDING,
    INFO_HEADINGS,
    LABEL_QUALIFIER,
    PREFIX_LABELS,
    STOP_LABELS,
    WEAK_PREFIXES,
    compound_credit,
)
from scraper.normalize.dates import MONTHS
from scraper.normalize.genres import is_genre_word
from scraper.normalize.names import clean_name
from scraper.normalize.vocab import fold

MAX_LABEL = 40  # characters
SEGMENT_SPLIT = re.compile(r"\s+(?://|\||·|•)\s+")
SLASH_SPLIT = re.compile(r"\s+/\s+")  # "Originaltitel: X / Südkorea 2019 / Regie: Y / FSK 16" (blog credit lines)
DASH_SPLIT = re.compile(r"\s+[–—]\s+")  # the same with dashes; a single labelled dash is a parenthesis in prose
MIN_SLASH_LABELS = 2  # labelled segments after a slash: fewer, and the slash is part of a value ("Kritik / Netflix")
INFO_HEADING = re.compile(r"^\s*(?:" + "|".join(re.escape(h) for h in INFO_HEADINGS) + r")\s*[:：]\s*",
                          re.IGNORECASE)
# a quoted title leading a credits line: "‘Glass Harbor’ — Directed by X. With A, B. Rated R."
QUOTED_LEAD = re.compile(r"^([„“\"«»‚‘’][^„“”\"«»‘’]{1,80}[“”\"»«‘’])\s*[—–:-]\s+(?=\S)")
# release prefixes that state the platform on their own, without a date ("In theaters.")
RELEASE_ALONE = frozenset({"in theaters", "in theatres", "in cinemas", "in den kinos"})
QUOTE_OPENERS = frozenset("„“\"«»‚‘’")
MAX_INFO_HEADING = 16  # characters before the colon of "Filminfos:"; a plain test before the regex
SENTENCE_END = re.compile(r"\.\s+(?=\S)")
# tokens before a period that do not end a sentence
ABBREVIATIONS = {"jr", "sr", "dr", "st", "nr", "bzw", "ca", "mr", "mrs", "ms", "vs", "u", "a", "prof", "min", "dt",
                 "orig", "ot", "vol", "no", "inkl", "ggf", "evtl", "z", "b", "d", "h"}
# a run of initials before the period ("J.J. Abrams"): the name goes on after it
INITIALS = re.compile(r"^\(?(?:[A-Z]\.)+[A-Z]$")
# abbreviated credit labels that open a statement ("dir. Tim Burton"); in running text they are words ("mit dir.")
LABEL_ABBREVIATIONS = frozenset({"dir"})
MAX_LABEL_ABBREVIATION = 5  # characters from the segment's start to the period: no slice of a long sentence
QUOTED = re.compile(r"^[„“\"«»‚‘’]([^„“”\"«»]{1,80})[“”\"»«‘’]$")
NAME_PART = re.compile(r"^(?:(?:[A-Z]\.){2,}|[A-ZÄÖÜÉÈÁÍÓÚÇŁØ][\w’'\-\u2011]*\.?|de|da|del|della|van|von|der|den|di|du|le|"
                       r"la|bin|al|dos)(?:\s+(?:(?:[A-Z]\.){2,}|[A-ZÄÖÜÉÈÁÍÓÚÇŁØ][\w’'\-\u2011]*\.?|de|da|del|della|van|von|der|den|di|du|le|la|bin|al|"
                       r"dos|Jr\.|Sr\.))*$")
# in prose a label counts only where a statement starts ("… gesehen. Regie: X"), not mid-sentence ("der Film: …")
STATEMENT_START = re.compile(r"(?:^|[.;!?|·•(])\s*$")
# two lower-case words right before a label: it stands inside a sentence ("… nach dem Kinostart: …")
RUNNING_WORDS = re.compile(r"(?<![\w-])[a-zäöüßàâçéèêëîïôûùœ]+\s+[a-zäöüßàâçéèêëîïôûùœ]+\s+$")
# an article opening the words before a first label: a heading phrase ("The Wonderful Cast: …")
HEADING_PHRASE = re.compile(r"^\s*(?:the|our|a|der|die|das|unser|unsere|ein|eine)\s+\S[^.;:|·•()]*$", re.IGNORECASE)
LEAD_PAREN = re.compile(r"^\(([^()]{1,60})\)\s*")
MAX_LOOSE = 300  # characters; longer lines are prose
MAX_PREFIX_SENTENCES_LINE = 300  # characters of a line whose later sentences open with credit prefixes
MIN_PREFIX_SENTENCES = 2
MAX_PREFIX_LINE = 120  # characters: "Mit A, B, C" alone on a short line is a cast line; longer ones are prose
AND_SPLIT = re.compile(r"\s+(?:and|und|&)\s+")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_COMMA = re.compile(r"(\b(?:" + _MONTH + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?),(\s+\d{4})", re.IGNORECASE)
KEEP_COMMA = "\ue000"  # stands in for the comma of "June 2, 2023" while lines are split at commas


def _label_pattern(label: str) -> str:
    pattern = r"[\s\-/.]*".join(re.escape(part) for part in re.split(r"[\s\-/.]+", label) if part)
    return pattern + r"\.?" if label.endswith(".") else pattern  # an abbreviated label keeps its period ("dir.")


# every known label (kept or not), folded: a colon after one of them starts a statement
COLON_LABELS = frozenset(fold(k) for k in [*FACT_LABELS, *STOP_LABELS])
MAX_LABEL_WORDS = 4
COLONS = re.compile(r"\s*[:：]\s*")


def _degender(text: str) -> str:
    return GENDER_ENDING.sub("", text.rstrip())


def _known_label(text: str) -> bool:
    """A label of the vocabulary, also with a qualifier after it ("Kinostart (DE)") or a gender-inclusive ending
    ("Darsteller*innen")."""
    return fold(text) in COLON_LABELS or compound_credit(text) or \
        (text.endswith(")") and fold(LABEL_QUALIFIER.sub("", text)) in COLON_LABELS) or \
        (("*" in text or "_" in text or "/" in text) and fold(_degender(text)) in COLON_LABELS)


@dataclass
class _Match:
    """A label found before a colon: where it starts, the label text, and where its value starts."""

    start: int
    label: str
    value_start: int


# symbols before a label's first letter: emoji (with their variation selectors and joiners), arrows, bullets
LEAD_DECORATION = re.compile(r"^[^\w(]+")
WORD_RUN = re.compile(r"\S+")  # compiled once: re.finditer(str) looks the pattern up on every call


def label_matches(part: str) -> list[_Match]:
    """Known labels followed by a colon, in order ("Regie: X Darsteller: Y" gives two)."""
    out: list[_Match] = []
    for colon in COLONS.finditer(part):
        head = part[:colon.start()]
        words = list(WORD_RUN.finditer(head[-MAX_LABEL * 2:]))
        offset = max(0, len(head) - MAX_LABEL * 2)
        for k in range(min(MAX_LABEL_WORDS, len(words)), 0, -1):
            first = words[-k]
            text = head[offset + first.start():]
            if _known_label(text) and (not out or offset + first.start() >= out[-1].value_start):
                # an icon before the label ("🎭 Cast:", "► Regie:") decorates it; it is no part of the label
                label = LEAD_DECORATION.sub("", text.strip().lstrip("([{„\"'*•·–-").strip())
                out.append(_Match(offset + first.start() + text.find(label[:1]), label, colon.end()))
                break
    return out
PREFIX_FIRST_WORDS = frozenset(re.split(r"[\s\-/.]+", k)[0] for k in PREFIX_LABELS)
PREFIX_AT_START = re.compile(
    r"^(" + "|".join(_label_pattern(k) for k in sorted(PREFIX_LABELS, key=len, reverse=True)) + r")\s+(\S.*)$", re.IGNORECASE)

# a capitalised strong prefix label inside a value ("… Milo Kent Directed by Ola Svensk"); weak ones are words
INNER_PREFIX = re.compile(r"\s(?=(?:" + "|".join(
    re.escape(k[0].upper() + k[1:]) for k in sorted(PREFIX_LABELS, key=len, reverse=True)
    if k not in WEAK_PREFIXES and " " in k) + r")\s)")


@dataclass
class Statement:
    """One fact statement of a credit line: a label (None for a bare item) and its value."""

    label: str | None
    value: str
    kind: str          # "colon" ("Regie: X"), "prefix" ("Directed by X"), "item" ("USA 2023")
    first: bool = False  # the first part of its line ("„Film“, …", "Film (2023) · …")


def sentences(text: str) -> list[str]:
    """Split at periods that end a statement; not after initials, abbreviations or day numbers ("20. Juli")."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        before = text[start:m.start()].rsplit(None, 1)
        token = before[-1] if before else ""
        after = text[m.end():].split(None, 1)[0].strip(".,").lower() if text[m.end():].strip() else ""
        if len(token) <= 1 or (INITIALS.match(token) or token.lower().strip("(") in ABBREVIATIONS) and \
                not starts_with_prefix(text[m.end():]):
            continue  # "151 Min. Von X": an abbreviation ends the sentence only before a credit label
        if m.start() - start <= MAX_LABEL_ABBREVIATION and \
                text[start:m.start()].strip().lower() in LABEL_ABBREVIATIONS:
            continue  # "dir. X" opening a segment is the label
        if token.isdigit() and int(token) <= 31 and after in MONTHS:
            continue
        if token.lower() in MONTHS and after.isdigit():
            continue  # "Oct. 20"
        out.append(text[start:m.start()].strip())
        start = m.end()
    out.append(text[start:].strip(" ."))
    return [s for s in out if s]


def _colon_statements(part: str, strict: bool) -> list[Statement]:
    if ":" not in part and "：" not in part:
        return []
    found = [m for m in label_matches(part)
             if not strict or m.start == 0 or STATEMENT_START.search(part[:m.start])]
    while found and RUNNING_WORDS.search(part, 0, found[0].start):
        found = found[1:]  # "erst nach dem Kinostart: Scorseses Remake …": a word of the sentence, no label
    if found and HEADING_PHRASE.match(part[:found[0].start]):
        return []  # "The Wonderful Cast: A Family Affair" is a heading, not a cast label
    if not found:
        return []
    lead = part[:found[0].start].strip(" ,;(")
    out = [Statement(None, lead, "item")] if lead and not LEAD_DECORATION.fullmatch(lead) else []  # not an icon
    for i, m in enumerate(found):
        end = found[i + 1].start if i + 1 < len(found) else len(part)
        value = part[m.value_start:end].strip(" ,;.|·•")
        if value.endswith(")") and "(" not in value:
            value = value[:-1].rstrip()  # "„Film“ (Originaltitel: „X“)"
        elif ")" in value and part[:m.start].rstrip().endswith("(") and "(" not in value[:value.index(")")]:
            value = value[:value.index(")")].rstrip()  # "Wicked (Regie: X) – Kinostart …": the parenthesis ends it
        glued = INNER_PREFIX.search(value)  # "Starring: A, B Directed by X": a credit without separator
        if glued and (rest := starts_with_prefix(value[glued.end():])):
            out.append(Statement(m.label, value[:glued.start()].strip(" ,;"), "colon"))
            out.append(Statement(rest.group(1), rest.group(2), "prefix"))
            continue
        out.append(Statement(m.label, value, "colon"))
    return [s for s in out if s.value]


def colon_pairs(text: str) -> list[tuple[str, str]]:
    """(label, value) of every "Label: value" in `text`, split at known labels only."""
    return [(st.label, st.value) for st in _colon_statements(text, False) if st.label]


def _field(label: str | None) -> str | None:
    if label is None:
        return None
    key = re.sub(r"[\s\-/.]+", " ", LABEL_QUALIFIER.sub("", label).lower()).strip()
    found = FACT_LABELS.get(key) or PREFIX_LABELS.get(key)
    if found is None and ("*" in label or "_" in label or "/" in label):
        return _field(_degender(label)) if _degender(label) != label else None
    return found


def _continues(statement: Statement, part: str) -> bool:
    """A comma part that continues a list statement ("mit A, B, C"; "Genre: Drama, Thriller")."""
    field = _field(statement.label)
    if field == "genres":
        return all(is_genre_word(w) for w in AND_SPLIT.split(part) if w)
    if field not in ("directors", "cast", "writers"):
        return False
    names = [NICKNAME.sub(" ", clean_name(n)) for n in AND_SPLIT.split(part) if n.strip()]
    return bool(names) and all(NAME_PART.match(n) and not is_genre_word(n) for n in names)


# a word that adds further names to a credit list ("…, dazu A, B und C", "…, plus A and B")
CONTINUATION = re.compile(r"^(?:dazu|außerdem|ausserdem|sowie|ferner|daneben|plus|also|as\s+well\s+as)\s+(?=[A-ZÄÖÜ])")
SPLIT_OR_BRACKET = re.compile(r"[,;()\[\]]")


def _comma_parts(sentence: str) -> list[str]:
    """Split at commas and semicolons outside parentheses ("(12A, 106 mins)" stays whole)."""
    parts, depth, start = [], 0, 0
    for m in SPLIT_OR_BRACKET.finditer(sentence):  # only the characters that matter, not every character
        ch = m.group()
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(sentence[start:m.start()])
            start = m.start() + 1
    parts.append(sentence[start:])
    return parts


def _joined_labels(parts: list[str]) -> list[str]:
    """Comma parts with a compound credit label joined again ("Crew: Director", "writer: X" -> "Crew: Director,
    writer: X")."""
    out: list[str] = []
    for part in parts:
        if out and ":" in part and compound_credit(out[-1].rsplit(":", 1)[-1] + ", " + part.split(":", 1)[0]):
            out[-1] += ", " + part
        else:
            out.append(part)
    return out


def _parts(sentence: str, strict: bool = False) -> list[Statement]:
    """Statements of one sentence; comma parts continue the list statement before them."""
    out: list[Statement] = []
    if ":" not in sentence and not starts_with_prefix(sentence) and \
            all(is_genre_word(w) for w in re.split(r",\s*|\s+(?:and|und|&)\s+", sentence) if w.strip()):
        return [Statement(None, sentence.strip(), "item")]  # "Thriller, Action": one list, not two items
    for part in _joined_labels([p.strip() for p in _comma_parts(sentence)]):
        lead = LEAD_PAREN.match(part)
        if lead:  # "(12A, 106 mins) Directed by …": the aside is an item of its own
            out.extend(Statement(None, p.strip(), "item") for p in lead.group(1).split(",") if p.strip())
            part = part[lead.end():].strip()
        if not part:
            continue
        colon = _colon_statements(part, strict and not any(s.label for s in out))
        if colon:
            out.extend(colon)
            continue
        if part.lower() in RELEASE_ALONE:  # "… Rated R. In theaters.": a start without a date
            out.append(Statement(part, "", "prefix"))
            continue
        m = starts_with_prefix(part)
        glued = INNER_PREFIX.search(part) if not m and out and out[-1].label else None
        if m:
            out.append(Statement(m.group(1), m.group(2), "prefix"))
        elif glued and _continues(out[-1], part[:glued.start()]) and \
                (rest := starts_with_prefix(part[glued.end():])):  # ", Milo Kent Directed by Ola Svensk"
            out[-1].value += ", " + part[:glued.start()]
            out.append(Statement(rest.group(1), rest.group(2), "prefix"))
        elif out and out[-1].label and _continues(out[-1], part):
            out[-1].value += ", " + part
        elif out and out[-1].label and (" – " in part or " — " in part) and \
                _continues(out[-1], (dashed := DASH_SPLIT.split(part, 1))[0]):
            # "In Nebelhorn – Regie: A, B – geht es um …": a dash closes the list of a credit set in prose
            out[-1].value += ", " + dashed[0]
            out.append(Statement(None, dashed[1], "item"))
        elif out and out[-1].label and (more := CONTINUATION.match(part)) and _continues(out[-1], part[more.end():]):
            out[-1].value += ", " + part[more.end():]  # "A als Alex, B als Christiane, dazu C, D und E"
        else:
            out.append(Statement(None, part, "item"))
    return out


def has_segments(text: str) -> bool:
    """The line is split into segments by "·", "|", "•" or "//" (plain substring tests: fast on prose)."""
    return "·" in text or "|" in text or "•" in text or "//" in text


def starts_with_prefix(text: str) -> re.Match[str] | None:
    """A colon-less prefix label at the start ("Directed by X"); the first word is checked first."""
    first = text[:20].split(None, 1)
    if not first or first[0].lower().rstrip(".") not in PREFIX_FIRST_WORDS:  # "dir." is "dir"
        return None
    return PREFIX_AT_START.match(text)


def is_credit_line(text: str) -> bool:
    """A line worth splitting into statements: separated segments, or a known label with a colon."""
    if has_segments(text) or (":" in text[:MAX_INFO_HEADING] and INFO_HEADING.match(text)):
        return True
    if (m := starts_with_prefix(text)) and (len(text) <= MAX_PREFIX_LINE or m.group(1).lower() not in CONTEXT_PREFIXES):
        return True  # "Von X" is short; a long line opening with "Von" is prose
    if text[:1] in QUOTE_OPENERS and (lead := QUOTED_LEAD.match(text)) and starts_with_prefix(text[lead.end():]):
        return True
    if (":" in text or "：" in text) and label_matches(text):
        return True
    if _press_comma_line(text):
        return True
    # an info line of sentences that open with credit prefixes after a first one that does not ("Anora is in
    # cinemas from Friday. Written and directed by X. With A, B. Cert 18, 139 mins. USA 2024")
    if len(text) > MAX_PREFIX_SENTENCES_LINE or ". " not in text:
        return False
    heads = [seg.split(None, 1)[0].lower().rstrip(".") for seg in text.split(". ")[1:] if seg.strip()]
    if sum(h in PREFIX_FIRST_WORDS for h in heads) < MIN_PREFIX_SENTENCES:  # plain test before sentences()
        return False
    return sum(1 for s in sentences(text)[1:] if starts_with_prefix(s)) >= MIN_PREFIX_SENTENCES


_DIGIT = re.compile(r"\d")
_COUNTRY = "|".join(re.escape(c) for c in sorted([*COUNTRIES, *COUNTRY_CODES], key=len, reverse=True))
# the production item of a newspaper's credit line: "USA 2023", "USA/GB 2023", "D, F 2024"
PRODUCTION = re.compile(r"^(?:(?:" + _COUNTRY + r")\b\s*[,/&]?\s*)+(?:18|19|20)\d{2}$", re.IGNORECASE)
CREDIT_PREFIX_FIELDS = frozenset({"directors", "cast"})
TITLE_BEFORE = re.compile(r"^[^–—:.]{1,80}?(?:\s+[–—]|:|\.)\s+(?=\S)")  # "Wicked – ", "Wicked: ", "Wicked. "


def _production(part: str) -> bool:
    """A comma part that states the production: "USA 2023"; after the title and a dash, colon or period ("Wicked –
    USA 2024", "Wicked. USA 2024"), or in parentheses after it ("Wicked (USA 2024)", "„Wicked“ (USA 2024, 160 Min.)")."""
    if part.endswith(")") and "(" in part:
        part = part[part.rfind("(") + 1:-1].split(",", 1)[0]
    else:
        part = TITLE_BEFORE.sub("", part, count=1)
    return bool(PRODUCTION.match(part.strip()))


def _press_comma_line(text: str) -> bool:
    """A newspaper's credit line set with commas: the production item, then a part opening with a credit prefix
    ("USA 2023, 141 Min., von Jon M. Chu, mit A, B"; a sentence with a year in it has no such item)."""
    if "," not in text or len(text) > MAX_PREFIX_SENTENCES_LINE or not _DIGIT.search(text):
        return False
    parts = [p.strip() for p in _comma_parts(text)]
    at = next((i for i, p in enumerate(parts) if _production(p)), None)
    return at is not None and any((m := starts_with_prefix(p)) is not None and
                                  PREFIX_LABELS.get(" ".join(m.group(1).lower().split())) in CREDIT_PREFIX_FIELDS
                                  for p in parts[at + 1:])


def _protect_dates(text: str) -> str:
    if "," not in text or not _DIGIT.search(text):  # DATE_COMMA needs both: skip its alternation on prose
        return text
    return DATE_COMMA.sub(lambda m: m.group(1) + KEEP_COMMA + m.group(2), text)


def _slash_segments(text: str) -> list[str] | None:
    """The segments of a line separated by " / " (or " – ": "Film (USA 1989) – Regie: X – mit A, B – Action")
    when two or more of them open with a label."""
    if " / " in text:
        pieces = SLASH_SPLIT.split(text)
    elif " – " in text or " — " in text:
        pieces = DASH_SPLIT.split(text)
    else:
        return None
    labelled = sum(1 for p in pieces[1:] if starts_with_prefix(p) or
                   ((m := label_matches(p)) and m[0].start == 0))
    return pieces if labelled >= MIN_SLASH_LABELS else None


def statements(text: str) -> list[Statement]:
    """All statements of one credit line, in order."""
    out: list[Statement] = []
    text = INFO_HEADING.sub("", text, count=1)  # "INFO: F 2023. …": the heading states nothing
    lead = QUOTED_LEAD.match(text) if text[:1] in QUOTE_OPENERS else None
    if lead and starts_with_prefix(text[lead.end():]):  # "‘Film’ — Directed by …": the title, then credits
        out.append(Statement(None, lead.group(1), "item"))
        text = text[lead.end():]
    segmented = has_segments(text)
    segments = SEGMENT_SPLIT.split(text) if segmented else [text]
    if not segmented and (slashed := _slash_segments(text)):
        segmented, segments = True, slashed
    strict = not segmented and len(text) > MAX_LOOSE
    for segment in segments:
        for sentence in sentences(_protect_dates(segment)):
            out.extend(_parts(sentence, strict))
    for i, st in enumerate(out):
        st.value = st.value.replace(KEEP_COMMA, ",")
        if st.kind == "prefix" and not segmented and i == 0 and st.label and st.label.lower() in WEAK_PREFIXES \
                and len(text) > MAX_PREFIX_LINE and not (_field(st.label) == "cast" and role_list(st.value)):
            st.kind, st.label, st.value = "item", None, f"{st.label} {st.value}"  # "Mit ihrem Film …" is prose
    if out and out[0].kind == "item" and _press_comma_line(text):
        out[:1] = _lead_items(out[0])
    if out:
        out[0].first = True
    return out


def _lead_items(st: Statement) -> list[Statement]:
    """The first item of a press comma line as the title and the production ("Wicked: USA 2024", "„Wicked“ (USA
    2024, 160 Min.)"), each an item of its own; any other item stays whole."""
    value = st.value
    if value.endswith(")") and "(" in value:
        head, inner = value[:value.rfind("(")].strip(), value[value.rfind("(") + 1:-1]
        pieces = [p.strip() for p in inner.split(",") if p.strip()]
        if head and len(pieces) > 1 and PRODUCTION.match(pieces[0]):
            return [Statement(None, head, "item")] + [Statement(None, p, "item") for p in pieces]
        return [st]
    m = TITLE_BEFORE.match(value)
    if m and PRODUCTION.match(value[m.end():].strip()):
        return [Statement(None, value[:m.end()].rstrip(" –—:."), "item"), Statement(None, value[m.end():].strip(), "item")]
    return [st]


# a nickname in quotes inside a name: Michael "Bully" Herbig, Mara „Mo“ Lindholm
NICKNAME = re.compile(r"\s[„“\"‚‘'][^„“”\"‚‘’'\s]{1,20}[“”\"‘’']\s")
TRAILING_ROLE = re.compile(r"\s*\([^()]{1,60}\)\s*$")
MIN_ROLE_ITEMS = 3  # items of a "Name (Role)" list: fewer may be a sentence's aside
MAX_ROLE_NAME = 50  # characters of one name in such a list


def role_list(value: str) -> bool:
    """The value is a list of names, most with the role in parentheses after them ("A (Ranger), B (Santa Maria),
    C (Uschi)"): the film-database form of a cast list, whatever its length; a sentence has words between."""
    parts = _list_items(value)
    return len(parts) >= MIN_ROLE_ITEMS and sum(1 for p in parts if TRAILING_ROLE.search(p)) * 2 >= len(parts) \
        and name_list(value)


def name_list(value: str) -> bool:
    """The value is a list of MIN_ROLE_ITEMS or more names (each with an optional role in parentheses after it),
    separated by commas, semicolons, "·", "•" or "|"."""
    parts = _list_items(value)
    if len(parts) < MIN_ROLE_ITEMS:
        return False
    for part in parts:
        name = NICKNAME.sub(" ", TRAILING_ROLE.sub("", LEADING_AND.sub("", part)))
        if not name or len(name) > MAX_ROLE_NAME or not NAME_PART.match(name):
            return False
    return True


def _list_items(value: str) -> list[str]:
    return [p.strip() for part in _comma_parts(value) for p in LIST_MARK.split(part) if p.strip()]


LIST_MARK = re.compile(r"\s+[·•|]\s+")
LEADING_AND = re.compile(r"^(?:und|and|sowie|&)\s+")


def quoted_title(text: str) -> str | None:
    """The film title of a fully quoted first item ("„Oppenheimer“")."""
    m = QUOTED.match(text.strip())
    return m.group(1).strip() if m else None

