"""Verdict: is the page a review of one film? Content-based: facts of one film, review prose, evidence of a review."""
from __future__ import annotations

import re

from lxml import etree

from scraper.extract.labels import DRAFT_WORDS, REVIEW_WORDS
from scraper.extract.page import Page
from scraper.extract.presentation import (
    LIST_SEGMENTS,
    MIN_FILM_HEADINGS,
    _segments,
    concludes,
    film_headings,
    judges_film,
    kicker_says_review,
    markup_says_others_reviews,
    markup_says_review,
    review_headings,
    signed_as_review,
    signed_by_critic,
    teases_review,
    title_in_prose,
    url_names_review_outright,
    url_says_review,
)
from scraper.extract.strategies.factline import INFO_TITLES
from scraper.extract.strategies.headline import headline
from scraper.extract.strategies.jsonld import films
from scraper.extract.strategies.phrases import W_LABELLED, W_STARS, closing_stars, repeats_headline
from scraper.extract.strategies.schema_org import REVIEW_TYPES, types
from scraper.extract.strategies.tables import label_field
from scraper.extract.teasers import teases_own_review
from scraper.normalize import parse_rating
from scraper.normalize.rating import STARS
from scraper.normalize.vocab import fold
from scraper.record import Candidate

# an <article> whose heading links elsewhere is a teaser of another page
X_TEASER = etree.XPath(".//h2//a[@href] | .//h3//a[@href] | .//a[@href]//h2 | .//a[@href]//h3")
FACT_FIELDS = ("original_title", "year", "genres", "fsk", "directors", "cast", "release_date")
FACT_STRATEGIES = ("factbox", "jsonld", "microdata", "meta")
# a title that calls the page a review outright (for pages where no fact was read at all)
REVIEW_TITLE = re.compile(r"\b(?:Film)?(?:Review|Rezension|Besprechung)\b|\b(?:Film|Kino|Kurz)kritik\b|"
                          # a disc test reviews the film on its disc: "Blu-ray-Test: Blitz", "4K-Review", "DVD-Kritik"
                          r"\b(?:DVD|Blu-?ray|4K|UHD|Heimkino)[- ]?(?:Test|Testbericht|Kritik)\b|\bKritik\s*(?:[:–—|]|zu[mr]?\b)|"
                          r"(?:[:–—|]|\s-)\s*(?:Die\s+|Unsere\s+)?Kritik\b" + r"(?!\s+(?:an|am|aus|von|vom|wegen|nach|"
                          r"gegen|für|wächst|reißt|hagelt)\b)|\bKritik\s*$", re.IGNORECASE)
# a sentence of the review declining to score the film
UNSCORED = re.compile(
    r"\bno\s+(?:grade|rating|star\s+rating)\b|\b(?:we|I)\s+(?:don['’]t|do\s+not|won['’]t|will\s+not|never)\s+"
    r"(?:grade|rate|score)\b|\bkeine\s+(?:Wertung|Bewertung|Punktwertung)\b|\bohne\s+(?:Wertung|Bewertung)\b|"
    r"\b(?:Wertung|Bewertung|Note|Punkte|Sterne)\s+(?:geben|vergeben|verteilen)\s+wir\b[^.]{0,60}\bnicht\b|"
    r"\b(?:werden|wird)\s+(?:von\s+uns\s+)?nicht\s+bewertet\b|"
    # "Klassiker bewerten wir nicht mit Punkten", "… benoten wir grundsätzlich nicht"
    r"\b(?:bewerten|benoten|werten)\s+wir\b[^.]{0,40}\bnicht\b|"
    # "Ich vergebe für diesen Film bewusst keine Punkte", "I'm not giving this film a score"
    r"\b(?:vergebe|gebe|verteile|vergeben|geben|verteilen)\b[^.]{0,40}\bkeine\s+(?:Punkte|Sterne|Note|Punktzahl)\b|"
    r"\bnot\s+giving\b[^.]{0,30}\b(?:a\s+)?(?:score|stars|grade|rating)\b", re.IGNORECASE)
# a heading over other people's or many reviews: "Kritiken von „user“", "Reviews by Ann", "Filmkritiken der Woche"
REVIEWS_HEADING = re.compile(r"^\s*(?:Film|Kino|Neueste\s+|Alle\s+|Latest\s+|All\s+)?(?:Kritiken|Reviews|Rezensionen|"
                             r"Besprechungen)\s*(?:$|(?:von|by|of|der|des|vom|aus|im|from)\b)", re.IGNORECASE)
# a blog theme's heading over an archive of posts: "Schlagwort-Archiv: Satire", "Archiv der Kategorie „Kino“",
# "Category Archives: Horror", "Posts tagged “drama”", "Beiträge mit dem Schlagwort …"
ARCHIVE_HEADING = re.compile(r"^\s*(?:(?:Schlagwort|Kategorie|Tag|Monats|Jahres|Autoren|Stichwort)-?[Aa]rchiv(?:e)?\b|"
                             r"Archiv\s+(?:der\s+Kategorie|des\s+Schlagworts|für|von)\b|"
                             r"(?:Category|Tag|Monthly|Yearly|Daily|Author)\s+Archives?\b|Archives?\s+for\b|"
                             r"Posts?\s+(?:tagged|in\s+(?:the\s+)?category)\b|"
                             r"Beiträge\s+(?:mit\s+dem\s+(?:Schlagwort|Stichwort|Tag)|in\s+der\s+Kategorie|getaggt)\b)",
                             re.IGNORECASE)
# a headline reporting other critics' verdicts: "Gladiator II review round-up", "What critics are saying about X",
# "Reviews are in", "First reviews", "Das sagen die Kritiker", "Pressestimmen zu …", "Kritikerspiegel"
ROUNDUP_HEADLINE = re.compile(
    r"\breviews?\s*(?:round-?up|roundup)\b|\bround-?up\s+of\s+(?:the\s+)?reviews\b|"
    r"\bwhat\s+(?:the\s+)?critics\s+(?:are\s+)?(?:say|saying|think|thought)\b|"
    r"\bcritics\s+(?:say|are\s+saying|react|are\s+divided|agree|praise|slam|pan|rave)\b|\breviews\s+are\s+in\b|"
    r"\bfirst\s+(?:reviews|reactions)\b|\bdas\s+sagen\s+die\s+(?:kritiker\w*|kritiken|presse)\b|"
    r"\bso\s+(?:urteilen|reagieren)\s+die\s+kritiker\w*\b|\b(?:pressestimmen|pressespiegel|kritikerspiegel|"
    r"kritikenspiegel)\b|\bkritiken\s+im\s+überblick\b|\berste\s+(?:kritiken|reaktionen|stimmen)\b",
    re.IGNORECASE)
# blocks whose text is prose: paragraphs, and the <section>s and table cells of themes and old table layouts that
# hold their text bare ("<section>Text …</section>", "<td><h1>…</h1>Text<br><br>Text</td>")
PROSE_BLOCKS = ("p", "div", "blockquote", "section", "td")
MIN_PROSE_WORDS = 35       # words in prose paragraphs; drafts and teasers have fewer
MIN_PARAGRAPH_WORDS = 8    # a paragraph shorter than this is a caption or a line of facts
MIN_PARAGRAPHS = 2
# trust from which two different values of a field mean two films: labelled (90); for directors also the
# credit prefixes ("Von X", "Directed by X", 85) that list pages repeat per film
SEVERAL_WEIGHTS = {"directors": 85}
MIN_FACTS = 2              # distinct fact fields stated in structured form
# a review whose facts are only in prose must say it is a review and be a real text about its film
PROSE_ONLY_PARAGRAPHS = 1  # copies and short reviews come as one long paragraph; the words decide
PROSE_ONLY_WORDS = 100
# ... or half of that when the page names itself a review outright (its title, a review URL that means nothing else,
# its markup) or closes its headline with its own score: a film diary's entry, a short column, a review cut short
PROSE_ONLY_WORDS_DECLARED = 50
# a short review: a fact table of the film (this many stated facts), the critic's own labelled score, a page that
# calls itself a review, and one verdict paragraph of this many words (a wiki's or a film club's short review:
# "Steckbrief" table, a "Kritik" paragraph of some 30 words, a "Wertung" line); a schedule or a series page lists
# several films and is caught before, a preview or a film's database page has no score of its own
SHORT_REVIEW_FACTS = 3
SHORT_REVIEW_WORDS = 25


# a paragraph with a colon near its start is a line of labelled facts unless it is running text: this many
# words or more, and no more than one colon in this many words ("Ost-Berlin, Oktober 1989: Alex' Mutter …");
# colons inside quotation marks and in times ("20:15") are no label's (see _label_colons)
PROSE_COLON_WORDS = 20


# a sentence ends: a full stop, "!", "?" or "…" after a word (not "14. November") and before a capital letter or
# the end (a closing quote may follow)
SENTENCE_END = re.compile(r"(?<=[^\W\d_])[.!?…][\"'“”»«’)]*(?:\s+[\"'„“»«(]?[A-ZÄÖÜ]|\s*$)")


# quotation marks: each closes the quote it ends („…“, “…”, »…«, «…», "…") or opens one
CLOSES = {"“": "„", "”": "“„", "«": "»", "»": "«", '"': '"'}
OPENS = frozenset("„“«»\"")


def _label_colons(text: str, headline_text: str = "") -> list[int]:
    """Where `text` has a colon that may end a label ("Regie: …"): not one inside quotation marks (a title
    quoted in prose: "In „Fear Street: Teil Eins“ spielt …"), not one between digits (a time, "20:15",
    a running time "1:45"), and not the colon of a title the headline names ("Mission: Impossible ist …" under
    the <h1> "Mission: Impossible": the word before the colon and the word after it are the headline's too)."""
    out: list[int] = []
    open_quotes: list[str] = []
    for at, ch in enumerate(text):
        if ch == ":":
            if not open_quotes and not (text[at - 1:at].isdigit() and text[at + 1:at + 2].isdigit()) \
                    and not _headline_colon(text, at, headline_text):
                out.append(at)
        elif ch in CLOSES and open_quotes and open_quotes[-1] in CLOSES[ch]:
            open_quotes.pop()
        elif ch in OPENS:
            open_quotes.append(ch)
    return out


def _headline_colon(text: str, at: int, headline_text: str) -> bool:
    """The colon at `at` joins two words that the headline writes so as well: part of the film's title."""
    if ":" not in headline_text:
        return False
    before, after = text[:at].split()[-1:], text[at + 1:].split()[:1]
    return bool(before and after) and f"{before[0]}: {after[0]}" in headline_text


def _is_prose(text: str, headline_text: str = "") -> bool:
    if " | " in text and not SENTENCE_END.search(text):
        return False  # "Starttermin 2. Januar 2025 im Kino | 2 Std. 12 Min. | Horror": a line of facts, no sentence
    if ":" not in text[:25]:
        return True
    colons = _label_colons(text, headline_text)
    if not colons or colons[0] >= 25:
        return True
    words = len(text.split())
    return words >= PROSE_COLON_WORDS and len(colons) * PROSE_COLON_WORDS <= words


def _prose(page: Page) -> tuple[int, int]:
    head = headline(page)
    counts = [len(ln.text.split()) for ln in page.main_lines if ln.block in PROSE_BLOCKS
              and len(ln.text) >= MIN_PARAGRAPH_WORDS * 3 and _is_prose(ln.text, head)]
    counts = [n for n in counts if n >= MIN_PARAGRAPH_WORDS]
    return len(counts), sum(counts)


def _reports_others(page: Page) -> bool:
    """The headline, <title> or og:title announces a round-up of other critics' verdicts (`ROUNDUP_HEADLINE`)."""
    texts = (headline(page), page.title_tag, page.meta_first("og:title") or "")
    return any(ROUNDUP_HEADLINE.search(t) for t in texts if t)


def _is_draft(page: Page) -> bool:
    text = f"{page.title_tag} {headline(page)} {page.markers}".lower()
    return any(word in text for word in DRAFT_WORDS)


MAX_SECTION_LABEL = 40  # characters of a line that heads the readers' reviews ("Member Reviews:")
MIN_OTHERS_RATED = 2  # rated entries below it


def _rating_line(text: str) -> bool:
    """A line that opens with a rating label ("Grade: A+", "Bewertung: 4/5")."""
    head, colon, _ = text.partition(":")
    return bool(colon) and len(head) <= MAX_SECTION_LABEL and (label_field(head.strip()) or ("",))[0] == "rating"


def _readers_ratings(page: Page) -> int:
    """Rated entries below a line that heads readers' or members' reviews ("Member Reviews:", "Leserkritiken")
    when no line above it gives the page's own rating ("Average Grade: A" is the members' too): a members' page
    of grades, no critic's review (0 when the page is none)."""
    lines = page.main_lines
    for i, line in enumerate(lines):
        if len(line.text) <= MAX_SECTION_LABEL and OTHERS_HEAD.match(line.text):
            rated = sum(1 for ln in lines[i + 1:] if _rating_line(ln.text))
            own = [ln for ln in lines[:i] if _rating_line(ln.text) and not AVERAGE_WORD.search(ln.text.partition(":")[0])]
            return rated if rated >= MIN_OTHERS_RATED and not own else 0
    return 0


# a line heading other people's reviews: "Member Reviews:", "User reviews", "Leserkritiken", "Zuschauer-Bewertungen"
OTHERS_HEAD = re.compile(r"^\s*(?:(?:members?|users?|readers?|leser|nutzer|zuschauer|community|audience|fans?|"
                         r"mitglieder)['’]?[\s-]*(?:reviews?|kritiken|rezensionen|bewertungen|ratings|grades|meinungen)|"
                         r"(?:leser|nutzer|user|zuschauer|mitglieder)(?:kritiken|rezensionen|bewertungen|meinungen))"
                         r"\s*:?\s*$", re.IGNORECASE)
AVERAGE_WORD = re.compile(r"\b(?:average|avg|mean|durchschnitt\w*|mittlere\w*)\b|Ø", re.IGNORECASE)


def _several_films(page: Page, cands: list[Candidate]) -> str:
    """Why the page is about several films, or "". Two labelled values of a field (weight 90; directors from 85)
    mean two films only when both are the page's own statements: a value read in a box about another film comes
    in below that trust and never counts here — a section under an "Also this week:" heading, a credit line that
    dates its own film in another year than the film year the page states apart from such lines ("Oldboy (USA
    2013) · Regie: Spike Lee" beside "Land/Jahr: Südkorea 2003"), a statement after a link to another page's
    review ("ALSO READ: <a>… Review</a> – Critic's Rating: 4.5/5"), a parenthesis of prose (`factbox`); related
    boxes, sidebars and asides are gone before (`boilerplate`)."""
    if len(films(page.jsonld)) > 1:
        return "JSON-LD describes several films"
    for field in ("directors", "rating", "title", "year"):
        values = {repr(c.value.normalized if field == "rating" else c.value) for c in cands  # type: ignore[union-attr]
                  if c.field == field and c.strategy == "factbox" and c.weight >= SEVERAL_WEIGHTS.get(field, 90)}
        if len(values) > 1:
            return f"several labelled {field} values ({len(values)})"
    teasers = [a for a in (page.main.iter("article") if page.main is not None else []) if X_TEASER(a)]
    if len(teasers) > 1:
        return f"a list of {len(teasers)} teasers"
    if (cards := _linked_headings(page)) >= MIN_CARDS:
        return f"a list of {cards} post cards"
    if (items := _rated_film_items(page)) >= MIN_RATED_ITEMS:
        return f"list items of {items} rated films"
    if any(ln.block == "h1" and REVIEWS_HEADING.match(ln.text) for ln in page.main_lines[:3]):
        return "a heading over several reviews"
    if any(ln.block == "h1" and ARCHIVE_HEADING.match(ln.text) for ln in page.main_lines[:3]) or _archive_url(page):
        return "an archive of posts"
    if (headed := review_headings(page)) > 1:
        return f"review headings of {headed} films"
    if (headed := film_headings(page)) >= MIN_FILM_HEADINGS:
        return f"headings of {headed} films"
    # labelled rating lines ("Unsere Bewertung: 4 von 5") of several films; sub-scores come unlabelled
    ratings = {c.value.normalized for c in cands if c.field == "rating" and c.strategy == "phrase"  # type: ignore[union-attr]
               and c.weight >= W_LABELLED}
    if len(ratings) > 2:
        return f"ratings of several films ({len(ratings)})"
    return ""


# the last path segment of a film's readers' comments ("/movies/nebelhorn/comments", "/film/x/kommentare")
COMMENT_PAGES = frozenset({"comments", "kommentare", "user-reviews", "userkritiken", "user-kritiken", "leserkritiken"})
# the path segment before a blog's archive of one category or tag ("/category/animationsfilm/", "/tag/x/page/2/")
ARCHIVE_SEGMENTS = frozenset({"category", "kategorie", "categories", "tag", "tags", "schlagwort"})
PAGE_TAIL = re.compile(r"^\d{1,4}$")


def _archive_url(page: Page) -> bool:
    """The URL files the page as one category's or tag's archive and the headline names that category
    ("<h1>Animationsfilm</h1>" on /category/animationsfilm/): a theme that heads its archive with the bare name."""
    segments = _segments(page.url)
    if len(segments) >= 4 and segments[-2] in ("page", "seite") and PAGE_TAIL.match(segments[-1]):
        segments = segments[:-2]
    if len(segments) < 2 or segments[-2] not in ARCHIVE_SEGMENTS:
        return False
    name = fold(segments[-1])
    return bool(name) and any(ln.block == "h1" and fold(ln.text) == name for ln in page.main_lines[:3])


MIN_CARDS = 3  # headings linking to other pages: a home page's or a blog's list of post cards
MIN_RATED_ITEMS = 2  # list items each naming a film with its year and giving it a score
# "Suspiria (Italien 1977) – Film: 90 %": a film's name with its year in parentheses opening a list item
ITEM_FILM_YEAR = re.compile(r"^\s*([^()]{2,80}?)\s*\((?:[^()]{0,40}\s)?(?:18|19|20)\d{2}\)")


def _heading_link(el: etree._Element) -> str | None:
    """The href of a link that is the heading or holds it ("<a><h2>…</h2></a>", "<h2><a>…</a></h2>")."""
    for a in el.iter("a"):
        if a.get("href"):
            return a.get("href")
    parent = el.getparent()
    while parent is not None and parent.tag not in ("body", "main", "article", "section"):
        if parent.tag == "a" and parent.get("href"):
            return parent.get("href")
        parent = parent.getparent()
    return None


def _linked_headings(page: Page) -> int:
    """How many different pages headings (h2–h4) of the main content link to, on a page without an <h1> of its
    own (a post's own headline links nowhere): the cards of a home page or blog listing, one per post."""
    hrefs: set[str] = set()
    for ln in page.main_lines:
        if ln.block == "h1" and _heading_link(ln.el) is None:
            return 0
        if ln.block in ("h2", "h3", "h4") and (href := _heading_link(ln.el)):
            hrefs.add(href.split("?")[0].split("#")[0].rstrip("/"))
    hrefs.discard("")
    return len(hrefs)


def _rated_film_items(page: Page) -> int:
    """How many different films list items name with their year in parentheses and score ("Das Ding (USA 1982) –
    Filmwertung: 9/10"), none a link, in the text under the page's headline: a news item or round-up about
    several films."""
    names, heading = set(), "h1"
    for ln in page.main_lines:
        if ln.block in ("h1", "h2", "h3", "h4", "h5", "h6"):
            heading = ln.block
        # items linking to the films' own pages are a teaser list beside the page's film ("Auch im Jänner"); a list
        # under a subheading of its own is a box of other films beside it ("Die Mad-Max-Reihe im Kinoblatt")
        if ln.block == "li" and heading == "h1" and (ln.el is None or next(ln.el.iter("a"), None) is None) and \
                (m := ITEM_FILM_YEAR.match(ln.text)) and \
                parse_rating(ln.text[m.end():], letters=False) is not None:
            names.add(fold(m.group(1)))
    return len(names)


def _review_words(page: Page) -> bool:
    """A review word in the title, og:title or a heading of the main content (not the heading of a teaser
    that links to the review elsewhere: "Unsere Kritik … Die ganze Kritik lesen" on a film's overview page)."""
    title = f"{page.title_tag} {page.meta_first('og:title') or ''}".lower()
    if any(word in title for word in REVIEW_WORDS):
        return True
    headings = [ln for ln in page.main_lines if ln.block in ("h1", "h2", "h3", "h4")]
    return any(any(word in ln.text.lower() for word in REVIEW_WORDS) and not teases_review(ln.el, page.url)
               for ln in headings)


def _review_title(page: Page) -> bool:
    """<title>, og:title or the headline names the page a review in so many words ("Filmkritik", "Kritik:",
    "– Kritik", "Review"); "Kritik an …" (criticism) and "Bewertung" do not."""
    texts = (page.title_tag, page.meta_first("og:title") or "", headline(page))
    return any(REVIEW_TITLE.search(t) for t in texts if t)


def _says_review(page: Page) -> bool:
    """The page calls itself a review: title or headings, kicker lines, a "Fazit:" line, its URL or its markup
    (breadcrumbs, section, category, JSON-LD); the markup is read last (it walks the tree)."""
    return _review_words(page) or kicker_says_review(page) or concludes(page) or url_says_review(page.url) \
        or markup_says_review(page)


def _film_info(page: Page, won: dict[str, Candidate]) -> bool:
    """A line of the film's production facts led by its title ("Der stille Hafen, Deutschland 2023, 104 Minuten.",
    "Glass Harbor · USA, 2019 · 128 min") that the prose names too: the info paragraph of a review."""
    title = " ".join(str(won["title"].value).lower().split())
    return any(" ".join(t.lower().split()) == title for t in page.cache.get(INFO_TITLES, ()))


def _declines_rating(page: Page) -> bool:
    """The text says the review gives no score ("No grade this week.", "Eine Wertung geben wir Filmen der
    Nachtschiene nicht", "werden von uns nicht bewertet"): a review's rating slot, left empty on purpose."""
    return any(ln.block in ("p", "div", "blockquote", "li") and UNSCORED.search(ln.text) for ln in page.main_lines
               if "grade" in ln.text or "rat" in ln.text or "scor" in ln.text or "ertung" in ln.text
               or "bewert" in ln.text or "Note" in ln.text or "Punkt" in ln.text or "Stern" in ln.text)


def _review_evidence(page: Page, won: dict[str, Candidate]) -> bool:
    if "rating" in won or any(types(o) & REVIEW_TYPES for o in page.jsonld):
        return True
    return _film_info(page, won) or _says_review(page) or _declines_rating(page) or signed_by_critic(page) \
        or signed_as_review(page)


def _own_score(won: dict[str, Candidate]) -> bool:
    """The page's own score: a labelled rating ("My rating: 8/10"), a line that is nothing but rating stars
    ("★★★½☆"), the star display a review sets apart, or one that closes the headline, a repetition of it or the
    verdict line (`phrases._own_star_line`)."""
    if "rating" not in won:
        return False
    cand = won["rating"]
    if cand.weight == W_STARS and closing_stars(str(cand.snippet)):
        return True  # "Film ★★★★½" under the headline, "Final say: … ★★★☆☆": a line the page closes with its stars
    return cand.weight >= W_LABELLED or bool(STARS.fullmatch(" ".join(str(cand.snippet).split()).replace(" ", "")))


# a line that is one score and nothing else: "4 Stars", "4.5 out of 5", "8/10", "Vier von fünf Sternen"
SCORE_LINE = re.compile(r"^\s*(?:\d{1,2}(?:[.,]\d)?|(?:ein|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|one|two|"
                        r"three|four|five|six|seven|eight|nine|ten))(?:\s*(?:stars?|sterne?n?|punkte?n?|points?))?"
                        r"(?:\s*(?:/|von|out\s+of|of|aus)\s*(?:\d{1,3}|fünf|zehn|five|ten|four|vier)"
                        r"(?:\s*(?:stars?|sterne?n?|punkte?n?|points?))?)?\s*[.!]?\s*$", re.IGNORECASE)


def _score_line(page: Page, won: dict[str, Candidate]) -> bool:
    """The page's rating stands on a line of its own, the page's only line that is a score and nothing else
    ("4 Stars" under the headline, "4.5 out of 5" closing the text): a review's own score set apart (a list of
    rated films has one such line per film)."""
    cand = won.get("rating")
    if cand is None:
        return False
    lines = [ln.text for ln in page.main_lines if len(ln.text) <= 40 and SCORE_LINE.match(ln.text)]
    if len(lines) != 1:
        return False
    found = parse_rating(lines[0], letters=False) or parse_rating(lines[0], bare=True)
    return found is not None and found.normalized == cand.value.normalized  # type: ignore[union-attr]


def _scored_title_line(page: Page, won: dict[str, Candidate]) -> bool:
    """The page's score closes a line that repeats its headline ("Film ★★★★½" under "Film"): a film diary's entry
    names its film there and need not name it again in the prose."""
    cand = won.get("rating")
    if cand is None or cand.weight != W_STARS or not (stars := closing_stars(str(cand.snippet))):
        return False
    return repeats_headline(page, str(cand.snippet), stars)


def _headline_score(page: Page, won: dict[str, Candidate]) -> bool:
    """The page's stars close its own headline ("Parasite ★★★★½" as the <h1>) or a line repeating it: a film diary's
    entry. A line of stars alone is no such sign (a home page's teasers show one per post)."""
    cand = won.get("rating")
    if cand is None or cand.weight != W_STARS or not closing_stars(snippet := str(cand.snippet)):
        return False
    return any(ln.block == "h1" and ln.text.strip() == snippet.strip() for ln in page.main_lines) or \
        _scored_title_line(page, won)


def _declared_review(page: Page, won: dict[str, Candidate]) -> bool:
    """The page names itself a review in so many words — its title or headline ("Filmkritik", "– Kritik"), a URL
    whose review word means nothing else ("/filmrezensionen/", "…-film-rezension-…"), its markup — or closes its
    headline with its stars (`_headline_score`)."""
    return _review_title(page) or url_names_review_outright(page.url) or _headline_score(page, won) or \
        markup_says_review(page)


def _presents_as_review(page: Page, won: dict[str, Candidate], paragraphs: int, words: int) -> bool:
    """A page without stated facts that says it is a review (title, headings, kicker lines, URL, markup or a
    labelled score of its own), names its film in the prose and has a review's worth of text, with a film fact
    or a rating from anywhere."""
    if paragraphs < PROSE_ONLY_PARAGRAPHS or words < PROSE_ONLY_WORDS_DECLARED:
        return False
    if words < PROSE_ONLY_WORDS and not _declared_review(page, won):
        return False
    title = str(won["title"].value)
    if (stars := closing_stars(title)):  # "Parasite ★★★★½": the headline's own score is no word of the title
        title = title[:-len(stars)].rstrip(" –—|-")
    if not title_in_prose(page, title, MIN_PARAGRAPH_WORDS * 5) and not _scored_title_line(page, won) and \
            not _declared_of_named_film(page, title, paragraphs, words):
        return False
    if any(s in LIST_SEGMENTS for s in _segments(page.url)):
        # a news or list URL ("/nachrichten/", "/tag/"): only a title calling the page a review outright
        return _review_title(page)
    if not any(field in won for field in (*FACT_FIELDS, "rating")):
        # no fact read at all: only a page that is filed as a review (section, breadcrumb, JSON-LD) or whose
        # title or headings say so; kicker lines and URLs are weaker and need a fact beside them
        return _review_title(page) or url_names_review_outright(page.url) or markup_says_review(page)
    # the page's own score ("My rating: 8/10", a line of stars) is a review's signature, like a review word; so is prose
    # that judges its film in its own voice (several judging words outside quotations, no aggregator report)
    return _own_score(won) or _film_info(page, won) or _says_review(page) or judges_film(page) \
        or signed_by_critic(page) or _score_line(page, won)


# a headline's review word that is no review of one film: "The Year in Review", "2024 in review"
IN_REVIEW = re.compile(r"\bin\s+review\b", re.IGNORECASE)
MIN_TITLE_WORD = 4  # letters of a title's word the prose writes alone ("Gladiator" of "Gladiator II")


def _declared_of_named_film(page: Page, title: str, paragraphs: int, words: int) -> bool:
    """The headline or <title> declares the page a review of the film it names, its review word beside the name
    ("'Gladiator II' review: …", "Kritik zu „Wicked“: …"; not inside it: "Netflix to review its prices"), over a review's worth of prose (two paragraphs, `PROSE_ONLY_WORDS`) that writes a word
    of that title, though not the title whole ("Gladiator" for "Gladiator II", "the sequel to Gladiator")."""
    if paragraphs < MIN_PARAGRAPHS or words < PROSE_ONLY_WORDS or not _review_title(page):
        return False
    declared = [t for t in (headline(page), page.title_tag, page.meta_first("og:title") or "")
                if t and title in t and REVIEW_TITLE.search(t.replace(title, " ")) and not IN_REVIEW.search(t)]
    if not declared:
        return False
    keys = {fold(w) for w in re.findall(r"[^\W\d_]+", title) if len(w) >= MIN_TITLE_WORD}
    keys -= {fold(w) for w in ("the", "der", "die", "das", "and", "und", "with", "from", "film", "movie")}
    return bool(keys) and any(len(ln.text) >= MIN_PARAGRAPH_WORDS * 5 and ln.block in PROSE_BLOCKS
                              and keys & {fold(w) for w in re.findall(r"[^\W\d_]+", ln.text)}
                              for ln in page.main_lines)


def _short_review(page: Page, won: dict[str, Candidate], facts: set[str], words: int) -> bool:
    """A review short of the prose a review has: the film's facts stated apart (`SHORT_REVIEW_FACTS`), the page's
    own labelled score ("Wertung: 7/10", not stars alone nor a number a teaser shows), a page that names itself a
    review (a "Kritik" heading, its title, URL or markup) and one paragraph of verdict prose."""
    if words < SHORT_REVIEW_WORDS or len(facts) < SHORT_REVIEW_FACTS or "rating" not in won:
        return False
    return won["rating"].weight >= W_LABELLED and _calls_itself_review(page)


SCORE_WORDS = ("bewertung", "wertung", "urteil", "verdict", "fazit")


def _calls_itself_review(page: Page) -> bool:
    """The page names itself a review in words beyond its score's: its title, a kicker or byline ("Kritik von
    Uschi"), its URL, its markup, or a heading with a review word that is no score's label ("Kritik", not
    "Wertung" alone, which a film database's rating box has too)."""
    if _review_title(page) or kicker_says_review(page) or url_says_review(page.url) or markup_says_review(page):
        return True
    words = tuple(w for w in REVIEW_WORDS if w not in SCORE_WORDS)
    return any(ln.block in ("h1", "h2", "h3", "h4") and any(w in ln.text.lower() for w in words)
               and not teases_review(ln.el, page.url) for ln in page.main_lines)


def judge(page: Page, cands: list[Candidate], won: dict[str, Candidate]) -> tuple[bool, str]:
    """(is_review, reason); a review filed as readers' or users' reviews in its markup is none (checked last:
    it walks the tree)."""
    found, reason = _judge(page, cands, won)
    if found and markup_says_others_reviews(page):
        return False, "filed as readers' or users' reviews"
    if found and (segments := _segments(page.url)) and segments[-1] in COMMENT_PAGES:
        return False, "a page of readers' comments"  # "/movies/film/comments": the film's comments, below its facts
    return found, reason


def _judge(page: Page, cands: list[Candidate], won: dict[str, Candidate]) -> tuple[bool, str]:
    if page.root is None:
        return False, "no parsable HTML"
    if _is_draft(page):
        return False, "marked as a draft or internal page"
    if "title" not in won:
        return False, "no film title"
    several = _several_films(page, cands)
    if several:
        return False, several
    if _reports_others(page):
        return False, "a round-up of other critics' reviews"
    if teases_own_review(page):
        return False, "a teaser of the film's review on its own page"
    if (rated := _readers_ratings(page)) > 0:
        return False, f"readers' or members' reviews ({rated} rated)"
    facts = {c.field for c in cands if c.field in FACT_FIELDS and c.strategy in FACT_STRATEGIES}
    headline(page)  # the film's year in an element of its own beside its name in the <h1> is stated in markup
    if page.cache.get("headline_year") and won.get("year") is not None and won["year"].value == page.cache["headline_year"]:
        facts.add("year")  # "<h1><a>Nosferatu</a> <small>2024</small></h1>", as diary and database sites write it
    # one stated fact is enough beside the page's own rating, when a label or the page calls it a review
    rated = "rating" in won and (won["rating"].weight >= W_LABELLED or _review_words(page))
    needed = 1 if rated else MIN_FACTS
    paragraphs, words = _prose(page)
    if len(facts) < needed:
        if _presents_as_review(page, won, paragraphs, words):
            return True, f"review of one film, facts in prose: {words} words of prose"
        return False, f"too few film facts ({len(facts)})"
    if paragraphs < MIN_PARAGRAPHS or words < MIN_PROSE_WORDS:
        if _short_review(page, won, facts, words):
            return True, f"short review of one film: {len(facts)} facts, own score, {words} words of prose"
        return False, f"too little review prose ({paragraphs} paragraphs, {words} words)"
    if not _review_evidence(page, won):
        # stated facts never ask for more than their absence: a page that would pass as a review with its facts
        # only in prose (`_presents_as_review`: its film in the prose, a review's worth of text, its own voice)
        # passes with them too
        if _presents_as_review(page, won, paragraphs, words):
            return True, f"review of one film: {len(facts)} facts, {words} words of prose in its own voice"
        return False, "no rating and no review heading"
    return True, f"review of one film: {len(facts)} facts, {words} words of prose"
