"""German age rating (FSK) text -> 0, 6, 12, 16 or 18; anything else (MPAA, BBFC) -> None."""
from __future__ import annotations

import re

VALID = (0, 6, 12, 16, 18)
# phrases meaning a fixed rating (matched case-insensitively)
PHRASES = ((re.compile(r"keine\s+jugendfreigabe|nicht\s+jugendfrei", re.IGNORECASE), 18),
           (re.compile(r"ohne\s+altersbeschr[äa]nkung|ohne\s+altersfreigabe|freigegeben\s+ohne|"
                       r"(?<!\w)o\.\s?a\.(?!\w)", re.IGNORECASE), 0))  # "o. A.": ohne Altersbeschränkung
# a number right after the word FSK: "FSK 0.", "FSK12", "FSK-16", "FSK ab 0, 98 Min." (a sentence or list may go
# on after it; a date "FSK 12.03." may not)
AFTER_FSK = re.compile(r"\bFSK[\s:-]*(?:ab\s+)?(\d{1,2})(?!\d|[.,]\d|\s*(?:min|minuten|%))", re.IGNORECASE)
NUMBER = re.compile(r"(?<![\w.,-])(\d{1,2})(?![\w.,-]|\s*(?:min|minuten|jahre\s+alt|%))", re.IGNORECASE)
# labels of rating systems that are not FSK
FSK_WORD = re.compile(r"\bFSK\b", re.IGNORECASE)
# countries whose age ratings are not the FSK, as a label or value qualifies a rating with them
OTHER_COUNTRIES = (r"CH|A|AT|Ö|Schweiz|Österreich|UK|GB|US|USA|IRL|IE|NL|F|FR|B|BE|L|LU|DK|S|SE|N|NO|FIN|FI|I|IT|E|ES|"
                   r"P|PT|PL|CZ|CA|AU|NZ|JP")
OTHER_COUNTRY = re.compile(r"^(?:" + OTHER_COUNTRIES + r")$", re.IGNORECASE)
# (a bare "12+" is a streaming service's own age label, Netflix's or Disney+'s: no FSK rating)
FOREIGN = re.compile(r"\b(?:PG-?13|PG|NC-?17|TV-(?:Y7?|G|PG|14|MA)|BBFC|MPAA|USK|PEGI|Rated)\b|^\s*[GR]\s*$|"
                     r"^\s*(?:ab\s+)?\d{1,2}\s*\+\s*$|"
                     # an age qualified by another country than Germany: "ab 12 Jahren (CH)", "12 (Österreich)"
                     r"\(\s*(?:" + OTHER_COUNTRIES + r")\s*\)")


def parse_fsk(text: str | int | None) -> int | None:
    """The FSK value stated in `text`, or None."""
    if text is None:
        return None
    if isinstance(text, int):
        return text if text in VALID else None
    for pattern, value in PHRASES:
        if pattern.search(text):
            return value
    if FOREIGN.search(text) and not FSK_WORD.search(text):
        return None
    m = AFTER_FSK.search(text)
    if m and int(m.group(1)) in VALID:
        return int(m.group(1))
    for match in NUMBER.finditer(text):
        value = int(match.group(1))
        if value in VALID:
            return value
    return None
