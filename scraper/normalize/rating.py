"""Rating text -> Rating(raw, value, scale, normalized 0-100): "3,5/5", "7 von 10", "85 %", "★★★½", "B+"."""
from __future__ import annotations

import re

from scraper.normalize.vocab import letter_grades
from scraper.record import Rating

NUM = r"(\d{1,3}(?:[.,]\d{1,2})?)"
# "3/5", "7 von 10", "4 out of 5", "4 stars out of 5", "8 Punkte von 10"
UNIT = r"(?:\s*(?:stars?|sterne?n?|punkte?n?|points?|pkt\.?))?"
# the scale may come in parentheses: "4 Stars (out of 4)", "3 Sterne (von 5)"
# never a date's day and month: "3/6/2021" is no 3 of 6
OF = re.compile(NUM + UNIT + r"\s*(?:/|\(?\s*(?:von|out\s+of|of|aus|auf))\s*" + NUM + r"(?!\d)(?!/\d)", re.IGNORECASE)
PERCENT = re.compile(NUM + r"\s*(?:%|prozent|percent)", re.IGNORECASE)
FULL, HALF, EMPTY = "★✮✭⭐●", "½⯪", "☆✩○"
QUARTERS = {"¼": 0.25, "¾": 0.75}  # "★★★★¼": a quarter star after the full ones
HOLLOW_BEFORE = re.compile(f"[{EMPTY}]+ ?$")  # hollow stars right before a half star (with one space between)
STARS = re.compile(f"[{FULL}]+[{HALF}¼¾]?[{EMPTY}]*|[{HALF}][{EMPTY}]*")
# a scale stated right after the stars: "★★★½ (out of 4)", "★★★☆ von 4", "★★★½/4", "★★★ (of four)"
_SCALE_WORDS = {"three": 3, "drei": 3, "four": 4, "vier": 4, "five": 5, "fünf": 5, "six": 6, "sechs": 6,
                "ten": 10, "zehn": 10}
STATED_SCALE = re.compile(r"\s*\(?\s*(?:/|von|out\s+of|of|aus|auf)\s*(\d{1,2}|" + "|".join(_SCALE_WORDS) +
                          r")(?![\w.,]\d)(?!\w)" + UNIT, re.IGNORECASE)
STAR_COUNT = re.compile(NUM + r"\s*(?:sterne?n?|stars?)\b", re.IGNORECASE)
# a letter grade, not the article of a sentence ("A cold, slow descent", "A Masterpiece"): no word after a bare
# letter, no lower-case word after a grade with a sign ("B+ Killers of the Flower Moon" keeps its grade); never
# a letter with a combining mark after it (the "A" of a decomposed "Äpfel", A + U+0308)
MARK = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
LETTER = re.compile(r"(?<![\w-])(?:[A-F][+-](?![\w+-])(?!\s+[a-zäöü])|[A-F](?![\w+" + MARK + r"-])"
                    r"(?!\s+[A-Za-zÄÖÜäöü]{2,}))")
# a grade written with a typographic minus ("B–" en dash, "B−" U+2212, hyphen variants) is the grade with "-"
GRADE_MINUS = re.compile(r"(?<![\w-])([A-F])[\u2010\u2011\u2013\u2212](?![\w+\u2010\u2011\u2013\u2212-])")
# "****" after a rating label: asterisks as stars (out of five unless the page states another scale)
ASTERISKS = re.compile(r"^\s*(\*{1,10})(?=\s|$)")
BARE = re.compile(NUM + r"(?!\s*[/%\d])")
# a decimal split by markup: "<span>7</span><span>,5</span>/10" reads "7 ,5 /10", "5,<small>5</small>" "5, 5";
# a space before the separator is never list punctuation, one after it only right before "/ 10", "von 10"
SPLIT_DECIMAL = re.compile(r"(?<![\d.,])(\d{1,3})\s+([.,])\s*(\d{1,2})(?!\d)|"
                           r"(?<![\d.,])(\d{1,3}[.,])\s+(\d{1,2})(?=\s*(?:/|von\b|out\s+of\b|aus\b|auf\b)\s*\d)",
                           re.IGNORECASE)
SPLIT_HINT = re.compile(r"\d(?:\s+[.,]|[.,]\s+\d)")  # a plain test before SPLIT_DECIMAL's alternation
# a vulgar fraction right after a digit is the number's fraction, not a star glyph: "3½ out of 4" is 3.5
MIXED_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}) ?([½¼¾])")
MIXED_PARTS = {"½": "5", "¼": "25", "¾": "75"}
SCALES = (1, 3, 4, 5, 6, 10, 20, 100)  # scales that occur on review sites


def _num(text: str) -> float:
    return float(text.replace(",", "."))


def make_rating(raw: str, value: float | str, scale: float | None, normalized: float) -> Rating | None:
    """A Rating when the numbers are sane, else None."""
    if not 0 <= normalized <= 100:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(scale, float) and scale.is_integer():
        scale = int(scale)
    return Rating(raw=raw.strip(), value=value, scale=scale, normalized=round(normalized, 1))


def _fraction(raw: str, value: float, scale: float) -> Rating | None:
    if scale <= 0 or value > scale or (scale not in SCALES and scale % 5):
        return None
    return make_rating(raw, value, scale, 100 * value / scale)


def _stars(raw: str, text: str, scale_hint: float | None) -> Rating | None:
    m = STARS.search(text)
    if not m:
        return None
    s = m.group(0)
    full = sum(s.count(c) for c in FULL)
    half = sum(s.count(c) for c in HALF)
    empty = sum(s.count(c) for c in EMPTY)
    quarters = [QUARTERS[c] for c in s if c in QUARTERS]
    value = full + 0.5 * half + sum(quarters)
    slots = full + half + len(quarters) + empty
    if not full and half and (hollow := HOLLOW_BEFORE.search(text, 0, m.start())):
        # "☆☆☆ ½": an empty slot never comes before a half star; the hollow glyphs are the stars counted (with
        # hollow ones after the half as well, "☆☆☆½☆", the glyph means both: no reading)
        if empty:
            return None
        counted = sum(hollow.group(0).count(c) for c in EMPTY)
        value, slots = counted + 0.5 * half, slots + counted
    stated = STATED_SCALE.match(text, m.end())
    if stated:  # the scale the text states beside the stars wins over the row length and the assumed five
        word = stated.group(1).lower()
        return _fraction(raw, value, float(_SCALE_WORDS.get(word) or int(word)))
    scale = scale_hint or (slots if empty else max(5, slots))
    return _fraction(raw, value, float(scale))


def parse_rating(text: str | None, *, scale_hint: float | None = None,
                 letters: bool = False, bare: bool = False) -> Rating | None:
    """The first rating stated in `text`. `letters` allows letter grades, `bare` a lone number
    on `scale_hint` (both only where a label says the text is a rating)."""
    if not text:
        return None
    if SPLIT_HINT.search(text):
        text = SPLIT_DECIMAL.sub(lambda m: "".join(g for g in m.groups() if g), text)
    raw = " ".join(text.split())[:80]
    if "½" in text or "¼" in text or "¾" in text:
        text = MIXED_NUMBER.sub(lambda m: f"{m.group(1)}.{MIXED_PARTS[m.group(2)]}", text)
    m = OF.search(text)
    if m:
        return _fraction(raw, _num(m.group(1)), _num(m.group(2)))
    m = PERCENT.search(text)
    if m:
        return _fraction(raw, _num(m.group(1)), 100.0)
    found = _stars(raw, text, scale_hint)
    if found:
        return found
    m = STAR_COUNT.search(text)
    if m:  # "4 Sterne", "3.5 stars": out of five unless the page states another scale
        return _fraction(raw, _num(m.group(1)), float(scale_hint or 5))
    if letters:
        if not text.isascii():
            text = GRADE_MINUS.sub(r"\1-", text)
        m = LETTER.search(text)
        if m and m.group(0) in letter_grades():  # raw is the grade: text glued after it is not the rating
            return make_rating(m.group(0), m.group(0), None, letter_grades()[m.group(0)])
        m = ASTERISKS.match(text)
        if m:
            return _fraction(m.group(1), float(len(m.group(1))), float(scale_hint or max(5, len(m.group(1)))))
    if bare and scale_hint:
        m = BARE.search(text)
        if m:
            return _fraction(raw, _num(m.group(1)), float(scale_hint))
    return None


def from_numbers(raw: str, value: object, best: object, worst: object = None) -> Rating | None:
    """A Rating from structured numbers (schema.org ratingValue/bestRating/worstRating)."""
    try:
        v = _num(str(value))
        b = _num(str(best)) if best not in (None, "") else 5.0
    except ValueError:
        return None
    if b <= 0 or not 0 <= v <= b:
        return None
    return make_rating(raw, v, b, 100 * v / b)


# a score spoken in running text: "neun von zehn Punkten", "sechseinhalb von zehn", "eight out of ten"
NUMBER_WORDS = {
    "null": 0, "zero": 0, "eins": 1, "ein": 1, "eine": 1, "einen": 1, "one": 1, "zwei": 2, "two": 2, "drei": 3,
    "three": 3, "vier": 4, "four": 4, "fünf": 5, "five": 5, "sechs": 6, "six": 6, "sieben": 7, "seven": 7,
    "acht": 8, "eight": 8, "neun": 9, "nine": 9, "zehn": 10, "ten": 10,
}
SPOKEN_SCALES = (5, 10)
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_SPOKEN_NUM = rf"(\d{{1,2}}(?:[.,]5)?|(?:{_NUMBER_WORD})(?:einhalb|\s+and\s+a\s+half)?)"
_SPOKEN_SCALE = r"(10|5|zehn|fünf|ten|five)"
# the scale is looked for first, the value right before it only where one is found
SCALE_AFTER = re.compile(rf"\s(?:von|out\s+of|aus)\s+{_SPOKEN_SCALE}(?![\w-]){UNIT}", re.IGNORECASE)
VALUE_BEFORE = re.compile(rf"(?<![\w-]){_SPOKEN_NUM}{UNIT}$", re.IGNORECASE)
MAX_VALUE_TEXT = 40  # characters before the scale where the value is looked for
# a spoken scale, looked for once per page before SCALE_AFTER: 0.035 ms on 9 KB of prose (18 substring
# tests cost 0.1 ms there, SCALE_AFTER, which opens with a character class, 0.12 ms)
SPOKEN_HINT = re.compile(r" (?:von|out of|aus) (?:zehn|fünf|ten|five|10|5)\b", re.IGNORECASE)
HALF_WORDS = ("einhalb", "and a half")


def _spoken_number(text: str) -> float | None:
    text = " ".join(text.lower().split())
    half = next((h for h in HALF_WORDS if text.endswith(h)), None)
    base = text.removesuffix(half).strip() if half else text
    value = NUMBER_WORDS.get(base)
    if value is None:
        try:
            return _num(base)
        except ValueError:
            return None
    return value + (0.5 if half else 0.0)


def may_speak_rating(text: str) -> bool:
    """A plain test for a spoken scale ("von zehn", "out of 5"): texts without one hold no spoken score."""
    return SPOKEN_HINT.search(text) is not None


def spoken_ratings(text: str) -> list[tuple[int, Rating]]:
    """(offset, rating) of every score written out in running text on a scale of five or ten
    ("neun von zehn Punkten", "eight out of ten"); numbers in digits count too ("9 von 10")."""
    out: list[tuple[int, Rating]] = []
    for m in SCALE_AFTER.finditer(text):
        start = max(0, m.start() - MAX_VALUE_TEXT)
        lead = VALUE_BEFORE.search(text, start, m.start())
        if lead is None:
            continue
        if m.group(0).lower().endswith(m.group(1).lower()) and text[m.end():].lstrip()[:1].isupper():
            continue  # "3 von 10 Leuten", "eight out of ten Americans": a share of people, not a score
        value, scale = _spoken_number(lead.group(1)), _spoken_number(m.group(1))
        raw = text[lead.start():m.end()]
        if value is not None and scale in SPOKEN_SCALES and (found := _fraction(raw, value, float(scale))):
            out.append((lead.start(), found))
    return out
