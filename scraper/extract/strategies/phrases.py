"""Strategy: phrases in the main text: rating lines and widgets, release/platform lines, FSK lines."""
from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from scraper.extract.labels import W_SUPERSEDED, superseded_score
from scraper.extract.page import Page
from scraper.extract.presentation import signature
from scraper.extract.strategies.context import month_first, published
from scraper.extract.text import in_teaser, same_page, teaser_link_end
from scraper.normalize import parse_date, parse_fsk, parse_platform, parse_rating
from scraper.normalize.dates import day_month, nearest_year
from scraper.normalize.platform import release_credit_platform
from scraper.normalize.rating import EMPTY, FULL, HALF, STARS
from scraper.record import Candidate, Rating

NAME = "phrase"
RATING_LABEL = re.compile(
    r"\b(?:unsere?|meine?|our|my|final|overall)?\s*(?:bewertung|rating|score|note|punkte|verdict|fazit|grade|"
    r"(?!vor)[a-zäöüß]*(?:urteil|wertung))\b", re.IGNORECASE)  # German compounds: "Festivalurteil", "Redaktionswertung"
W_LABELLED, W_WIDGET, W_IMAGE, W_STARS, W_BARE = 75, 72, 70, 68, 55
W_RELEASE, W_FSK = 50, 70
MAX_FSK_ALT = 40  # characters of an image text that states an age rating ("FSK 12", "Freigegeben ab 12 Jahren")
SCORE_ATTRS = ("data-score", "data-rating", "data-value")
SCORE_TOP_ATTRS = ("data-max", "data-best", "data-scale", "data-out-of")
MAX_BOLD_SCORE = 10  # characters: "7.5/10", "4/5"
BOLD_SCORE = re.compile(r"^\d{1,3}(?:[.,]\d)?\s*/\s*(?:5|10|100)$")
# a bold score stated with its scale and unit: "4 von 6 Sternen", "3.5 out of 4 stars", "8 von 10 Punkten"
MAX_STATED_SCORE = 25
STATED_SCORE = re.compile(r"^\d{1,2}(?:[.,]\d)?\s+(?:von|aus|out\s+of|of)\s+\d{1,3}\s+"
                          r"(?:sterne?n?|stars?|punkte?n?|points?)$", re.IGNORECASE)
MAX_SHORT = 80       # characters: longer lines are prose
# what separates a rating label from its score ("Bewertung: 4/5", "Wertung – 7/10", "Rating | 8"): not the score's
LABEL_SEPARATOR = re.compile(r"^\s*[:=|·–—-]?\s*")
PROSE_BLOCKS = ("p", "div", "blockquote", "section", "article")
MAX_BARE = 25        # characters: a rating alone on a line
# "Now streaming on Netflix", "Jetzt bei Netflix", "In theaters June 6, 2025", "ab 5. Juni 2025 im Kino"
# "in selected cinemas", "on general release from Friday": a word between "in" and "cinemas", a release "on"
RELEASE_PHRASE = re.compile(r"\b(?:now\s+streaming|streaming\s+(?:on|now)|jetzt\s+(?:bei|auf)|"
                            r"in\s+(?:[a-z]+\s+)?theat(?:er|re)s|in\s+(?:[a-z]+\s+)?cinemas|im\s+kino|in\s+den\s+kinos|"
                            r"ab\s+sofort\s+(?:bei|auf)|on\s+(?:general|limited)\s+release|"
                            # a disc release: "ab 12. Dezember auf DVD und Blu-ray", "erscheint fürs Heimkino"
                            r"(?:auf|on)\s+(?:DVD|Blu-?ray|4K|UHD)|(?:im|fürs|ins)\s+Heimkino)\b", re.IGNORECASE)
RELEASE_HINTS = ("stream", "jetzt", "theat", "cinema", "kino", "ab sofort", "release", "dvd", "blu", "4k", "uhd")
# a cinema release in a prose sentence, the date right beside the phrase: "opened in theaters on July 21, 2023",
# "startet am 20. Juli 2023 in den deutschen Kinos"; a whole word: "im Kinokeller" is a place, no release
_NATION = r"(?:US|UK|U\.S\.|German|American|British|Irish|Canadian|Australian|Austrian|Swiss)"
_CINEMA = rf"(?:in\s+(?:{_NATION}(?:\s+(?:and|&)\s+{_NATION})?\s+)?(?:theat(?:er|re)s|cinemas)|" \
          r"in\s+(?:die|den)\s+(?:deutschen\s+|österreichischen\s+|Schweizer\s+)?Kinos?|ins\s+Kino|im\s+Kino)(?!\w)"
_DATE_TEXT = r"((?:\d{1,2}\.?\s*)?[\wä.]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}|" \
             r"\d{1,2}\.\s*(?:\d{1,2}\.|[\wä]{3,10})\s*(?:19|20)\d{2}|\d{1,2}/\d{1,2}/(?:19|20)\d{2}|" \
             r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s+(?:19|20)\d{2}|" \
             r"\d{1,2}(?:st|nd|rd|th)?\.?\s+[A-Za-zä]{3,9}\.?|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?)"  # year-less
PROSE_RELEASE = re.compile(_CINEMA + r"\s+(?:on|from|am|ab)\s+(?:dem\s+)?" + _DATE_TEXT + "|"
                           r"\b(?:am|ab|on)\s+(?:dem\s+)?" + _DATE_TEXT + r"\s+(?:(?:bundesweit|regulär|offiziell)\s+)?"
                           + _CINEMA, re.IGNORECASE)
W_PROSE_RELEASE = 45  # below a release line: prose may name another film's start too
# the film's own availability in an info sentence, with a date the sentence need not give a year of:
# "Anora is in cinemas from Friday", "The Film is on Netflix from 10 November"
PLATFORM_SENTENCE = re.compile(r"\bis\s+(?:now\s+)?(?:(in\s+(?:UK\s+|US\s+)?cinemas)|on\s+([A-Z][\w+]*(?:\s+[A-Z+][\w+]*)?))"
                               r"\s+from\b")
FULL_DATE_AFTER = re.compile(r"\s+(\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s+(?:19|20)\d{2}|"
                             r"[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2})\b")
FSK_PHRASE = re.compile(r"\bFSK\b|freigegeben\s+ab|keine\s+jugendfreigabe|ohne\s+altersbeschr", re.IGNORECASE)
DIGIT_OR_STAR = re.compile(r"[\d★☆½✮✭⭐*]")
EMPTY_ICON = re.compile(r"empty|\boff\b|-off|none|outline|-o\b|\bfar\b|regular|blank|inactive|"
                        r"leer|gr[ae]y|grau", re.IGNORECASE)  # German file names: "smiley-leer.svg", "daumen-grau.svg"
HALF_ICON = re.compile(r"half|halb", re.IGNORECASE)
# the symbols a score is drawn with, in an icon's class or an image's file name: stars, and what family, kids' and
# genre sites draw instead (smileys, thumbs, hearts, popcorn buckets)
RATING_ICON = re.compile(r"star|stern|smiley|smile|thumb|daumen|heart|herz|popcorn", re.IGNORECASE)
# a vote count or an average beside a score: "(37 Stimmen)", "1.418 Bewertungen", "Ø 4,2", "average"
VOTES = re.compile(r"\d[\d.,]*\s*(?:Stimmen|Stimme|votes?|Bewertungen|Wertungen|ratings|Abstimmungen|Nutzer\w*|Leser\w*|"
                   r"users?|reviews)\b|Ø|\bdurchschnitt|\baverage\b|\bavg\b|"
                   # a bar of a vote histogram: "5 Sterne (3)", "4 stars (12)", "★★★★ (27)": the star value, then a count
                   r"(?:(?<![^\W\d_])(?:Sterne?|stars?)|[★⭐])\s*\(\s*\d[\d.]*\s*\)", re.IGNORECASE)
MAX_WIDGET_TEXT = 200  # characters of a rating widget's text read for a vote count
STAR_CLASS = re.compile(r"star|rating|wertung|score|stern", re.IGNORECASE)
# a link to reviews or scores (its path or text): "/film/1/pressekritiken/", "Die ganze Kritik lesen", "critics"
REVIEWS_LINK = re.compile(r"kritik|review|rezension|besprechung|critic|wertung|rating|score", re.IGNORECASE)
# a link that explains the scale ("Wie wir bewerten", "/ratings-explained/") labels no other page's score
SCALE_LINK = re.compile(r"wie\s+wir|how\s+we|system|skala|scale|explain|erklär|methodolog", re.IGNORECASE)
OTHERS_SCORE = re.compile(r"\b(?:presse\w*|kritikenspiegel|press|critics|zuschauer\w*|community|(?:be)?nutzer\w*|users?|"
                          r"leser\w*|readers?|audience|publikum\w*)\b", re.IGNORECASE)
# a site's label for its critic's score: "Critics Score", "Critic's rating" (`_others_line`)
CRITICS_LABEL = re.compile(r"\bcritics?['’]?\s*(?:score|rating|grade|wertung)\b", re.IGNORECASE)
AVERAGE_WORDS = re.compile(r"\b(?:average|avg|mean|consensus|tomatometer|durchschnitt\w*|schnitt)\b|Ø", re.IGNORECASE)
BAR_WIDTH = re.compile(r"(?:^|;)\s*width\s*:\s*(\d{1,3}(?:\.\d+)?)\s*%", re.IGNORECASE)
STAR_WORD = re.compile(r"star|stern", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]{3,}")  # a word of three letters: a label, not stars and numbers
MAX_CAPTIONED = 12  # characters of a score before its caption label ("B+", "8,5 / 10")
LETTER_CAPTIONED = re.compile(r"^[A-F][+\-–−]?\s+\S.{0,30}$")  # a letter grade and its caption: "B+ Our grade"
MIN_GROUP = 3  # icons: a star group this size or larger is a widget of its own
MIN_STAR_RUN, MAX_STAR_RUN = 3, 12  # characters of a star display closing a headline
STAR_END = frozenset("★✮✭⭐☆✩½")
GLYPHS = FULL + HALF + EMPTY
ROW_ORDER = GLYPHS  # a row read full stars first, then half, then empty ones
MAX_ITEM_TEXT = 60  # characters of a rating item (label, stars, number) whose label link is read


def _icon_kind(cls: str) -> str:
    glyph = cls.strip()
    if len(glyph) == 1 and glyph in GLYPHS:  # an image whose alt text is one star glyph: "★", "☆", "½"
        return "half" if glyph in HALF else "empty" if glyph in EMPTY else "full"
    if HALF_ICON.search(cls):
        return "half"
    if EMPTY_ICON.search(cls):
        return "empty"
    return "full"


def _icon_name(el: etree._Element) -> str:
    """What names an icon: its class, and an image's file name ("/img/smiley-voll.svg")."""
    if el.tag != "img":
        return (el.get("class") or "").lower()
    alt = (el.get("alt") or el.get("title") or "").strip()
    if len(alt) == 1 and alt in GLYPHS:
        return alt  # the glyph names the icon and its kind, whatever the file is called
    return f"{el.get('class') or ''} {el.get('src', '')} {alt}".lower()  # "/img/smiley-voll.svg", alt="leerer Stern"


def _icon(el: etree._Element) -> bool:
    """`el` draws one rating symbol: its class, file name or alt text names one (`RATING_ICON`), or its alt text is
    one star glyph."""
    name = _icon_name(el)
    return bool(RATING_ICON.search(name)) or (len(name) == 1 and name in GLYPHS)


def _image_row(img: etree._Element) -> Rating | None:
    """The score of a row of star images (`<img alt="★">` × 4, `<img alt="☆">` × 2: 4/6) that `img` opens: the
    images of one parent whose alt texts are star glyphs, three or more; the scale is the row length (a stated
    "4 von 6 Sternen" beside it is read as a line of its own). An image further along the row gives None."""
    parent = img.getparent()
    if parent is None:
        return None
    row = [c for c in parent if isinstance(c.tag, str) and c.tag == "img" and len(_icon_name(c)) == 1]
    if len(row) < MIN_GROUP or row[0] is not img:
        return None
    return parse_rating("".join(sorted((_icon_name(c) for c in row), key=ROW_ORDER.index)))


def _star_count(widget: etree._Element) -> Rating | None:
    """Rating from star icons: innermost descendants whose class names a star or another rating symbol
    (`RATING_ICON`: smileys, thumbs, …), full, half or empty; the scale is the number of icons."""
    kinds = {"full": 0, "half": 0, "empty": 0}
    groups: Counter[int] = Counter()
    for child in widget.iterdescendants():
        if not isinstance(child.tag, str):
            continue
        cls = _icon_name(child)
        if _icon(child) and not any(_icon(d) for d in child.iterdescendants() if isinstance(d.tag, str)):
            kinds[_icon_kind(cls)] += 1
            groups[id(child.getparent())] += 1
    if sum(kinds.values()) < 3:
        return None
    sizes = Counter(n for n in groups.values() if n >= MIN_GROUP)
    if any(count >= 2 for count in sizes.values()):
        return None  # two star rows of one size side by side: a box of several widgets (editors, press, readers)
    return parse_rating("★" * kinds["full"] + "½" * kinds["half"] + "☆" * kinds["empty"])


def _bar_width(widget: etree._Element) -> Rating | None:
    """Rating from a star or score bar drawn by CSS: the widget (the outermost of its nested bar elements) has no
    text and one element inside it (or itself) whose inline style sets a width in percent (`<div class="starbar">
    <div style="width: 80%">`): the filled share is the score. A star bar's share is read on five stars (80 % = 4/5)
    when it falls on a half star, any other bar's as a percentage."""
    if "".join(widget.itertext()).strip():
        return None  # a bar with a number or a label inside is read from its text
    parent = widget.getparent()
    if parent is not None and STAR_CLASS.search(parent.get("class") or "") and not "".join(parent.itertext()).strip():
        return None  # the bar's track or fill: the bar is read whole, where its label (readers', ours) is beside it
    widths = [m for d in widget.iter() if isinstance(d.tag, str) and (m := BAR_WIDTH.search(d.get("style") or ""))]
    if len(widths) != 1:
        return None  # no bar, or several bars (a box of several scores)
    share = float(widths[0].group(1))
    if not 0 < share <= 100:
        return None
    stars = share / 20
    found = parse_rating(f"{stars:g}/5") if STAR_WORD.search(widget.get("class") or "") and stars * 2 == int(stars * 2) \
        else parse_rating(f"{share:g} %")
    return Rating(f"width: {widths[0].group(1)}%", found.value, found.scale, found.normalized) if found else None


def _votes_around(el: etree._Element) -> bool:
    """The widget or its box states a vote count or an average: readers' votes (WordPress star plugins)."""
    for node in (el, el.getparent()):
        if node is not None and VOTES.search(_head_text(node)):
            return True
    return False


def _scores_elsewhere(el: etree._Element, url: str) -> bool:
    """The widget is the item of a short box whose label links to the reviews or scores of another page
    ("<a href="/film/1/pressekritiken/">Pressekritiken</a> ★★★☆☆ 3,2", "★★★☆☆ 3,0 – Die ganze Kritik lesen"):
    that page's score, shown here as a teaser; a label linking to this very page (the review's own tab) leaves it
    the page's, and so does a byline link to the author's profile ("Review by <a>name</a> ★★★★★")."""
    for node in (el, el.getparent()):  # the nearest of the two that holds a link decides
        links = list(node.iter("a")) if node is not None else []
        if links:
            return len(_head_text(node)) <= MAX_ITEM_TEXT and any(
                not same_page(a.get("href") or "", url) and REVIEWS_LINK.search(target := f"{a.get('href')} {a.text or ''}")
                and not SCALE_LINK.search(target) for a in links)
    return False


def _others_label(el: etree._Element) -> bool:
    """The widget's label names others' scores: the press ("Pressekritiken", "Kritikenspiegel", "Critics"), the
    audience ("Zuschauer", "Community", "Leser", "Users"). The label is the text of the widget or, when it has
    no word, of its item; a longer text than an item's is no label."""
    for node in (el, el.getparent()):
        text = _head_text(node) if node is not None else ""
        if WORD.search(text):
            return len(text) <= MAX_ITEM_TEXT and bool(OTHERS_SCORE.search(text))
    return False


def _head_text(node: etree._Element) -> str:
    """The first MAX_WIDGET_TEXT characters of `node`'s text (without serializing a large parent whole)."""
    parts, size = [], 0
    for piece in node.itertext():
        parts.append(piece)
        size += len(piece)
        if size >= MAX_WIDGET_TEXT:
            break
    return "".join(parts)[:MAX_WIDGET_TEXT]


def _data_score(el: etree._Element) -> Rating | None:
    """A score widget's value and top in data attributes (<div class="score" data-score="34" data-max="100">),
    as a score ring or bar stores them for its script."""
    value = next((el.get(a) for a in SCORE_ATTRS if el.get(a)), None)
    top = next((el.get(a) for a in SCORE_TOP_ATTRS if el.get(a)), None) if value else None
    return parse_rating(f"{value}/{top}") if value and top else None


def _bold_scores(page: Page) -> list[Candidate]:
    """A bold score alone in its element at the start of a line ("<b>7.5/10</b> – I'll never watch it again"):
    the post's verdict, set apart as labelled scores are; only scores with their scale ("7.5/10", "4/5", and with
    a unit: "<b>4 von 6 Sternen</b> – Kritik von X" under a row of star images)."""
    out: list[Candidate] = []
    assert page.main is not None
    for el in page.main.iter("b", "strong"):
        text = " ".join((el.text or "").split())
        stated = len(text) <= MAX_STATED_SCORE and STATED_SCORE.match(text) is not None
        if len(el) or not text or not (stated or len(text) <= MAX_BOLD_SCORE and "/" in text) or \
                in_teaser(el, page.main):
            continue
        before = el.getprevious()
        starts_line = (before is None and not (el.getparent().text or "").strip()) or \
            (before is not None and before.tag == "br" and not (before.tail or "").strip())
        found = parse_rating(text) if starts_line and (stated or BOLD_SCORE.match(text)) else None
        if found is not None:
            out.append(Candidate("rating", found, NAME, f"<b>{text}</b>", W_BARE))
    return out


def _widgets(page: Page) -> list[Candidate]:
    out: list[Candidate] = []
    assert page.main is not None
    for el in page.main.iter():
        if not isinstance(el.tag, str) or not el.attrib:  # no alt, title, aria-label or class: nothing to read
            continue
        if el.tag == "img":
            text = el.get("alt") or el.get("title") or ""
            if len(text.strip()) == 1 and text.strip() in GLYPHS:  # one star of a row of star images: the row
                row = _image_row(el) if not in_teaser(el, page.main) else None  # is the score, never one image
                if row and not (_votes_around(el.getparent()) or _others_label(el.getparent())):
                    out.append(Candidate("rating", row, NAME, f"star images {row.raw}", W_STARS))
                continue
            found = parse_rating(text) if text and len(text) <= MAX_BARE + 10 else None
            if found and not in_teaser(el, page.main):
                out.append(Candidate("rating", found, NAME, f'img alt="{text}"', W_IMAGE))
            elif text and len(text) <= MAX_FSK_ALT and FSK_PHRASE.search(text) and not in_teaser(el, page.main) \
                    and (fsk := parse_fsk(text)) is not None:  # an age-rating badge: <img alt="FSK 12">
                out.append(Candidate("fsk", fsk, NAME, f'img alt="{text}"', W_FSK))
            continue
        label = el.get("aria-label") or el.get("title") or ""
        cls = el.get("class") or ""
        # an icon row with role="img" states its value in its aria-label, as an image in its alt text, whatever
        # its icons and class are named ("4,5 von 5 Punkten" over dots or boxes)
        pictured = bool(label) and el.get("role") == "img"
        if not (cls or label) or not (pictured or STAR_CLASS.search(f"{cls} {label}")) or in_teaser(el, page.main):
            continue
        found = parse_rating(label) if label and len(label) <= 60 else None
        found = found or _data_score(el)
        counted = (_star_count(el) or _bar_width(el)) if found is None else None
        if found is None and counted is None and len(el) == 0 and el.text and len(el.text) <= MAX_BARE and \
                STARS.fullmatch(el.text.strip()):  # "<span class="stars">★★★☆☆</span>" opening a standfirst
            counted = parse_rating(el.text.strip())
        if (found or counted) and (_votes_around(el) or _scores_elsewhere(el, page.url) or _others_label(el)):
            continue  # a readers' average ("4.2/5 - (37 Stimmen)") or another page's score, not the page's own
        if found:
            snippet = f'aria-label="{label}"' if label else f"data attributes {found.raw}"
            out.append(Candidate("rating", found, NAME, snippet, W_WIDGET))
        elif counted is not None:
            kind = "star bar" if counted.raw.startswith("width") else "star icons"
            out.append(Candidate("rating", counted, NAME, f"{kind} {counted.raw}", W_STARS))
    return out


def _rating_lines(page: Page) -> list[Candidate]:
    out: list[Candidate] = []
    for line in page.main_lines:
        text = line.text
        if len(text) > MAX_SHORT or not (DIGIT_OR_STAR.search(text) or LETTER_CAPTIONED.match(text)):
            continue
        label = RATING_LABEL.search(text)
        found, weight = None, W_LABELLED
        if label:
            rest = LABEL_SEPARATOR.sub("", text[label.end():])
            found = parse_rating(rest, letters=True) or parse_rating(rest, bare=True, scale_hint=page.scale_hint())
            if found is None and not WORD.search(rest) and 0 < label.start() <= MAX_CAPTIONED:
                # the label as a caption after the score ("B+ Our grade", a score ring's "82 % Redaktionswertung")
                found = parse_rating(text[:label.start()], letters=True)
        if found is None and (signed := signature(text)):  # "Hauskritik von X Y: ●●●●○○ 4/6": the signed score
            rest = text[signed.end():]
            found = parse_rating(rest, letters=True) if rest else None
            label = signed if found else label
        if found is None and (stars := closing_stars(text)) and (line.block == "h1" or _own_star_line(page, text, stars)):
            found, weight = parse_rating(stars), W_STARS  # "Film: a tagline ★★★★☆": the headline's own stars
        if found is None and len(text) <= MAX_BARE:
            found, weight = parse_rating(text), W_BARE
        own = label is not None and label.start() == 0  # "Wertung: …" opening its item is the page's own fact
        if found is not None and _others_line(text):
            continue  # "Community: ★ 4.4 (311)", "Leserwertung: 3,8 von 5": the audience's score, not the page's
        if found is not None and label is not None and not own and \
                0 <= teaser_link_end(line.el, text, page.url) <= label.start():
            continue  # "READ ALSO: <a>Foghorn (1998) Review</a> – Our rating: 4.5/5": that review's score
        if found is not None and label is not None and superseded_score(text):
            weight = W_SUPERSEDED  # "Original 2017 rating: ★★★☆☆": a revisit's earlier score, below its current one
        if found is not None and (own or not in_teaser(line.el, page.main)) and not VOTES.search(text) \
                and not in_aggregate(line.el, page.main):
            out.append(Candidate("rating", found, NAME, text, weight))
    return out


def in_aggregate(el: etree._Element | None, stop: etree._Element | None) -> bool:
    """`el` is or sits in a schema.org AggregateRating (a vote plugin's "Benutzerbewertung: 4 / 5"): the readers'
    average, never the critic's score."""
    node = el
    while node is not None and node is not stop:
        if "aggregaterating" in f"{node.get('itemprop', '')} {node.get('itemtype', '')}".lower():
            return True
        node = node.getparent()
    return False


def _others_line(text: str) -> bool:
    """The words before a rating line's score name others' scores (the audience, the press: `OTHERS_SCORE`). A
    "Critics Score" over a score on a scale ("Critics Score - 8 of 10") is the review's own label, a site's name for
    its critic's score; with a share ("Critics Score 85%") or an average it is the aggregate of many critics."""
    lead = DIGIT_OR_STAR.search(text)
    head = text[:lead.start()] if lead else text
    found = [m.group(0).lower() for m in OTHERS_SCORE.finditer(head)]
    if found and set(found) == {"critics"} and CRITICS_LABEL.search(head) and "%" not in text \
            and not AVERAGE_WORDS.search(text):
        return False
    return bool(found)


# the label of a review's closing verdict: "Final say: … ★★★☆☆", "Fazit: … ★★★★"
VERDICT_LEAD = re.compile(r"^\s*(?:(?:unser|mein|our|my|the|final)\s+)?(?:fazit|verdict|urteil|final\s+say|bottom\s+line|"
                          r"conclusion)\s*[:–—-]", re.IGNORECASE)


def _own_star_line(page: Page, text: str, stars: str) -> bool:
    """A line that closes with a star display is the page's own score when it opens with the label of the review's
    verdict ("Final say: Dim but trying to shine. ★★★☆☆") or is the page's headline followed by the stars (a film
    diary repeats "Film ★★★★½" under its headline)."""
    return bool(VERDICT_LEAD.match(text)) or repeats_headline(page, text, stars)


def repeats_headline(page: Page, text: str, stars: str) -> bool:
    """`text` is the page's headline followed by the star display `stars` ("Film ★★★★½" under "Film")."""
    head = " ".join(text[:-len(stars)].split()).strip(" -–—:|").casefold()
    return bool(head) and any(ln.block == "h1" and " ".join(ln.text.split()).casefold() == head
                              for ln in page.main_lines[:12])


def closing_stars(text: str) -> str:
    """A star display that closes a headline after a space ("… dances to its own beat ★★★★☆"), three stars
    or more (full and empty: the scale is shown), or ""."""
    if text[-1:] not in STAR_END:
        return ""
    m = STARS.search(text, max(0, len(text) - MAX_STAR_RUN))
    return m.group(0) if m and m.end() == len(text) and len(m.group(0)) >= MIN_STAR_RUN and m.start() > 0 and \
        text[m.start() - 1] == " " else ""


# the heading of a review's closing section: "Meine Meinung", "Unsere Meinung", "Mein Fazit", "Verdict", "Bottom line"
# ("Meinung", "Take" alone are sections of a news site: only with "meine"/"unsere"/"my"/"our")
VERDICT_HEADING = re.compile(r"^(?:(?:unsere?|meine?|our|my)\s+(?:meinung|take|thoughts)|(?:(?:unser|mein|our|my|the|"
                             r"final|das)\s+)?(?:fazit|urteil|verdict|bottom\s+line)|final\s+thoughts)\s*[:.!]?$",
                             re.IGNORECASE)
HEADING_BLOCKS = frozenset(["h2", "h3", "h4", "h5", "h6"])
MAX_HEADING = 30        # characters of such a heading
SECTION_LINES = 8       # lines after it where its score is looked for
MAX_CLOSING_SCORE = 30  # characters of the score after a line's last sentence ("… nachwirkt. 8 von 10 Punkten")
SENTENCE_END = re.compile(r"[.!?…]\s+|\s[–—]\s")


def _heading_score(text: str) -> Rating | None:
    """The score of a line of a verdict section: a short line that is one ("8/10", "4 von 5 Sternen", "★★★★☆"), or
    the part after a long line's last sentence ("Ein stilles Drama, das nachwirkt. 8 von 10 Punkten"); only scores
    with their scale."""
    if len(text) <= MAX_BARE:
        return parse_rating(text)
    tail = SENTENCE_END.split(text)[-1].strip(" .")
    if len(tail) > MAX_CLOSING_SCORE or tail == text.strip(" .") or WORD.search(tail.split()[0] if tail else ""):
        return None
    return parse_rating(tail)


def _verdict_sections(page: Page) -> list[Candidate]:
    """The score of a verdict section: a heading "Meine Meinung" / "Mein Fazit" / "Verdict" (or a short line that
    is only such a label) followed, before the next heading, by a line that is the score or closes with it."""
    out: list[Candidate] = []
    lines = page.main_lines
    for i, line in enumerate(lines):
        if len(line.text) > MAX_HEADING or not VERDICT_HEADING.match(line.text.strip()) or \
                in_teaser(line.el, page.main):
            continue
        for nxt in lines[i + 1:i + 1 + SECTION_LINES]:
            if nxt.block in HEADING_BLOCKS or nxt.block == "h1":
                break
            found = _heading_score(nxt.text) if DIGIT_OR_STAR.search(nxt.text) else None
            if found is not None and not VOTES.search(nxt.text) and not _others_line(nxt.text):
                out.append(Candidate("rating", found, NAME, f"{line.text} / {nxt.text}"[:160], W_LABELLED))
                break
    return out


def _release_lines(page: Page) -> list[Candidate]:
    out: list[Candidate] = []
    for line in page.main_lines:
        text = line.text
        low = text.lower()
        # "Production: A Netflix release of …" (a trade credit, in a line of any length)
        if "release" in low and (service := release_credit_platform(text)) and not in_teaser(line.el, page.main):
            out.append(Candidate("platform", service, NAME, text[:160], W_RELEASE))
        if len(text) > MAX_SHORT:
            continue
        if any(w in low for w in RELEASE_HINTS) and RELEASE_PHRASE.search(text):
            platform = parse_platform(text)
            if platform:
                out.append(Candidate("platform", platform, NAME, text, W_RELEASE))
            date = parse_date(text, month_first(page))
            if date:
                out.append(Candidate("release_date", date, NAME, text, W_RELEASE))
        if ("fsk" in low or "frei" in low or "alters" in low) and FSK_PHRASE.search(text) and \
                (fsk := parse_fsk(text)) is not None and not in_teaser(line.el, page.main):  # another film's
            out.append(Candidate("fsk", fsk, NAME, text, W_FSK))
    return out


def _prose_release(page: Page) -> list[Candidate]:
    """The first cinema start stated in a prose sentence ("… opened in theaters on July 21, 2023")."""
    for line in page.main_lines:
        text = line.text
        if line.block not in PROSE_BLOCKS:
            continue
        low = text.lower()
        if ("theat" not in low and "cinema" not in low and "kino" not in low) or \
                not (m := PROSE_RELEASE.search(text)) or in_teaser(line.el, page.main):
            continue
        text_date = m.group(1) or m.group(2)
        date = parse_date(text_date, month_first(page))
        if date is None and (dm := day_month(text_date)) and (stamp := published(page)):
            date = nearest_year(dm[0], dm[1], stamp)  # "released on 8 March in UK cinemas"
        if date:
            snippet = text[max(0, m.start() - 40):m.end() + 20]
            return [Candidate("release_date", date, NAME, snippet, W_PROSE_RELEASE),
                    Candidate("platform", "Kino", NAME, snippet, W_PROSE_RELEASE)]
    return _platform_sentence(page)


def _platform_sentence(page: Page) -> list[Candidate]:
    """The platform of the first "X is in cinemas from …" / "X is on Netflix from …" sentence of the prose."""
    for line in page.main_lines:
        if line.block not in PROSE_BLOCKS or " from " not in line.text:
            continue
        m = PLATFORM_SENTENCE.search(line.text)
        if m is None or in_teaser(line.el, page.main):
            continue
        platform = "Kino" if m.group(1) else parse_platform(m.group(2))
        if platform:
            snippet = line.text[max(0, m.start() - 40):m.end() + 20]
            out = [Candidate("platform", platform, NAME, snippet, W_PROSE_RELEASE)]
            # a full date with its year after "from" is the start ("is on Netflix from 23 December 2022"); a
            # year-less one ("from 10 November") may be a later run of a film out before, and stays unread
            dated = FULL_DATE_AFTER.match(line.text, m.end())
            if dated and (date := parse_date(dated.group(1), month_first(page))):
                out.append(Candidate("release_date", date, NAME, snippet, W_PROSE_RELEASE))
            return out
    return []


def candidates(page: Page) -> list[Candidate]:
    """Phrase candidates from the main content."""
    if page.main is None:
        return []
    return _rating_lines(page) + _verdict_sections(page) + _widgets(page) + _bold_scores(page) + _release_lines(page) \
        + _prose_release(page)
