"""Does a page present itself as a review of one film? Review words in kicker lines, URL and markup, its title in prose."""
from __future__ import annotations

import re
import urllib.parse
from itertools import islice
from typing import Any

from lxml import etree

from scraper.extract.crumbs import crumb_texts
from scraper.extract.page import Page
from scraper.extract.strategies.prose import PERSON, is_person
from scraper.extract.strategies.schema_org import REVIEW_TYPES, text_of, types
from scraper.extract.text import same_page, text_content
from scraper.normalize.title import REVIEW_WORD, clean_title
from scraper.normalize.vocab import fold

MIN_TITLE_HEAD = 4    # characters of a title's part before the colon that the prose may write alone
HEADING_BLOCKS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "title"})  # a title in a heading is no prose
# other people's reviews named in a kicker line: the press's ("Pressekritiken 3,7": a review roundup's average),
# readers' or users' ("Nutzerkritiken") — no word of the page's own review
OTHERS_REVIEWS = re.compile(r"\b(?:presse|nutzer|leser|user|zuschauer|community|publikums?|press|readers?|audience)"
                            r"[-\s]?(?:kritiken|kritik|rezensionen|reviews?)\b", re.IGNORECASE)
# a review word the line denies: "ein Streifzug, keine Kritik", "This is not a review", "kein Review" (a page
# saying what it is not; "keine Kritik ohne Spoiler" qualifies a review and stays one)
DENIED_REVIEW = re.compile(r"\b(?:keine|kein|not\s+an?|no)\s+(?:[\w-]+-)?(?:film)?(?:kritik|review|rezension|besprechung)"
                           r"(?=\s*(?:[.!;)–—]|$|,\s*(?:sondern|but|just|only|nur)\b))", re.IGNORECASE)
# a link to the whole review elsewhere: "Die ganze FILMFENSTER-Kritik lesen", "Zur Kritik", "Zur Einzelkritik",
# "Zum Review", "Read the full review"
READ_FULL_REVIEW = re.compile(r"\b(?:ganze|vollständige|komplette|gesamte)\s+(?:[\w-]+-)?(?:film)?kritik|"
                              r"(?:\b(?:film)?|einzel)kritik\s+(?:lesen|weiterlesen)\b|\bzur\s+(?:[\w-]+-)?(?:film|einzel)?kritik\b|"
                              r"\bzu[mr]\s+(?:einzel)?(?:review|rezension|besprechung)\b|"
                              r"\b(?:full|whole|complete)\s+review\b|\bread\s+(?:the|our)\s+(?:\w+\s+)?review\b",
                              re.IGNORECASE)
TEASER_BLOCKS = 3     # blocks after a teaser's heading: its text, its stars, its read-more link
MAX_TEASER_LINKS = 4  # links in a teaser box: the read-more link, a title, an image, a byline
KICKER_LINES = 6      # the first lines of the main content: kicker, headline, byline
MAX_KICKER = 120      # characters: a longer line is prose
# URL path segments: a singular review word in the page's own slug ("filmkritik-nebelhorn", "review-glass-harbor")
# or a review section ("/kritiken/", "/filmkritiken/"); plurals inside a slug ("erste-kritiken") report on reviews
SLUG_REVIEW_WORDS = frozenset({"kritik", "filmkritik", "review", "rezension", "besprechung", "filmreview"})
SECTION_REVIEW_WORDS = SLUG_REVIEW_WORDS | {"kritiken", "filmkritiken", "reviews", "rezensionen", "movie-review",
                                            "movie-reviews", "reviews-movies-en", "filmrezensionen", "kinokritiken",
                                            "filmbesprechungen", "filmreviews"}
# review words of a URL that never mean anything else (a bare "kritik" is as often criticism, "kritik-an-…", and a
# bare "review" a "year-in-review"): a section ("/filmrezensionen/") or a slug word or pair ("…-film-rezension-…")
OUTRIGHT_URL_WORDS = frozenset({"filmkritik", "filmkritiken", "rezension", "rezensionen", "filmrezension",
                                "filmrezensionen", "besprechung", "filmbesprechung", "filmbesprechungen", "kinokritik",
                                "kinokritiken", "filmreview", "filmreviews", "movie-review", "movie-reviews"})
OUTRIGHT_SLUG_WORDS = frozenset({"filmkritik", "rezension", "filmrezension", "besprechung", "filmbesprechung",
                                 "kinokritik", "filmreview"})
OUTRIGHT_URL_PAIRS = frozenset({("film", "kritik"), ("kino", "kritik"), ("film", "review"), ("movie", "review"),
                                ("film", "rezension"), ("film", "besprechung")})
# path segments of lists and reports: these pages are not one review however they are named
LIST_SEGMENTS = frozenset({"category", "kategorie", "tag", "tags", "page", "seite", "news", "nachrichten",
                           "userkritiken", "archiv", "archive", "search", "suche"})
# a short line opening with a review word and naming a film: "Kritik: Glass Harbor (2023)"
HEADING_INITIALS = frozenset("FfKkRr")
REVIEW_HEADING = re.compile(r"^\s*(?:Film)?(?:Kritik|Review|Rezension)\s*[:–—-]\s*\S", re.IGNORECASE)

# a kicker line naming a column of recommendations of one film: "Kinotipp", "Fernsehtipp", "Unser Filmtipp",
# "Tipp der Woche", "Film des Monats", "Critic's pick" (the plural "Kinotipps" heads a list)
# (a library's "Medientipp", also with its section: "Medientipp · Film")
TIP_KICKER = re.compile(r"^\s*(?:(?:unser|mein|der|our|my)\s+)?(?:(?:(?:Film|Kino|Fernseh|TV|Streaming|Heimkino|DVD|"
                        r"Blu-ray|Medien)-?)?Tipp(?:\s+(?:der|des)\s+(?:Woche|Tages|Monats))?|Film\s+(?:der\s+Woche|des\s+Monats)|"
                        r"(?:Critic['’]?s|Editor['’]?s)\s+(?:Pick|Choice)|(?:Film|Pick)\s+of\s+the\s+(?:Week|Month))"
                        r"(?:\s*[·|]\s*(?:Film|Filme|Kino|DVD|Video|Movies?))?\s*:?\s*$",
                        re.IGNORECASE)
# a heading that is only a film's quoted name: "„Konklave“", "“Wicked”" (a quoted sentence, a pull quote
# "„Wir wollten etwas wagen.“", has a comma, ends in punctuation or runs longer than a title)
FILM_HEADING = re.compile(r"^\s*[„“\"«»](?:[^„“”\"«»,.!?…\s]+\s?){1,6}[“”\"»«]\s*$")
# a byline among the first lines: "Von Katrin Albers", "By Tara Nguyen", "Text: Jana Feld"
BYLINE = re.compile(r"^\s*(?:Von|By|Text:|Autor(?:in)?:)\s+[A-ZÄÖÜ][\w.'’-]+\s+[A-ZÄÖÜ]")
# a dateline that signs the text: "Veröffentlicht am 12.01.2024 · von Jana Feld", "Posted 3 March 2024 | by Ann Lee"
# (a full date: "USA 1998 · von Tom Tykwer" is a credits line)
DATED_BYLINE = re.compile(r"(?:\d{1,2}\.\s?\d{1,2}\.\s?|\d{1,2}\.?\s+[^\W\d_]{3,9}\.?\s+|[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+)"
                          r"\d{4}\s*[·|,–—-]\s*(?:von|by)\s+[A-ZÄÖÜ][\w.'’-]+\s+[A-ZÄÖÜ]")
MIN_FILM_HEADINGS = 2

# a line signing the page's text as its writer's review or note: "Hauskritik von Leopold Hainzl: ●●●●○○ 4/6",
# "Eine Kritik von Jana Feld", "Filmnotiz von Mira Kollmann", "Review by Tara Nguyen" (a cinema's film notes and
# print reviews sign off so); the score may follow the colon. Others' reviews ("Leserkritik von …") are no signature
SIGNED_REVIEW = re.compile(
    r"^\s*(?:(?:Eine|Die|Unsere|Meine|A|An|Our)\s+)?(?:(?:[A-ZÄÖÜ][a-zäöüß]+)?(?:kritik|rezension|besprechung|review)|"
    r"Kritik|Rezension|Besprechung|Review|(?:Film|Kino)notiz)\s+(?:von|by)\s+[A-ZÄÖÜ][\w.'’-]+(?:\s+[A-ZÄÖÜ][\w.'’-]+){1,2}"
    r"\s*(?:$|[:|·–—,]\s*)")
MAX_SIGNATURE = 80  # characters of a signature line (with its score)


def signature(text: str) -> re.Match[str] | None:
    """The review signature opening a short line ("Hauskritik von X Y:"), not one of others' reviews."""
    if len(text) > MAX_SIGNATURE or " von " not in text and " by " not in text:
        return None
    m = SIGNED_REVIEW.match(text)
    return m if m and not OTHERS_REVIEWS.search(m.group(0)) else None


def signed_as_review(page: Page) -> bool:
    """A line of the main content signs the text as its writer's review or film note (outside teasers: the
    line links nowhere)."""
    return any(signature(ln.text) and _links_nowhere(ln.el) for ln in page.main_lines)


def _links_nowhere(el: etree._Element | None) -> bool:
    """A line's element holds no link (a signature or name line that links is a teaser or a credit)."""
    return el is not None and next(el.iter("a"), None) is None


# a review's conclusion opening a line: "Fazit: …", "Unser Fazit: …", "Verdict: …"
CONCLUSION = re.compile(r"^\s*(?:(?:unser|mein|our|my|the)\s+)?(?:fazit|verdict|urteil)\s*[:–—-]\s*\S",
                        re.IGNORECASE)


def _segments(url: str) -> list[str]:
    try:
        path = urllib.parse.unquote(urllib.parse.urlsplit(url).path).lower()
    except ValueError:
        return []
    return [s for s in path.split("/") if s]


def url_says_review(url: str) -> bool:
    """The URL names a review section or its slug a review, and no list/news section."""
    segments = _segments(url)
    if any(s in LIST_SEGMENTS for s in segments):
        return False
    if any(s in SECTION_REVIEW_WORDS for s in segments[:-1]):
        return True
    last = re.split(r"[-_.]+", segments[-1]) if segments else []
    return any(w in SLUG_REVIEW_WORDS for w in last)


def url_names_review_outright(url: str) -> bool:
    """The URL names a review in words that mean nothing else: a review section ("/filmrezensionen/") or a slug
    word or word pair ("avatar-kino-film-rezension-…", "…-movie-review"), and no list/news segment."""
    segments = _segments(url)
    if not segments or any(s in LIST_SEGMENTS for s in segments):
        return False
    if any(s in OUTRIGHT_URL_WORDS for s in segments[:-1]):
        return True
    # the page's own slug names one review: singular words only ("/filmkritiken/" alone is the section's index)
    words = [w for w in re.split(r"[-_.,]+", segments[-1]) if w]
    return any(w in OUTRIGHT_SLUG_WORDS for w in words) or any(pair in OUTRIGHT_URL_PAIRS for pair in zip(words, words[1:]))


def kicker_says_review(page: Page) -> bool:
    """A review word in one of the first short lines of the main content ("Eine Filmkritik von …"); not the
    heading of a teaser that links to the review elsewhere, nor a word of others' reviews ("Pressekritiken")."""
    short = [ln for ln in page.main_lines[:KICKER_LINES] if len(ln.text) <= MAX_KICKER]
    return any(REVIEW_WORD.search(ln.text) and REVIEW_WORD.search(DENIED_REVIEW.sub(" ", OTHERS_REVIEWS.sub(" ", ln.text)))
               and not teases_review(ln.el, page.url) for ln in short) or tip_kicker(page)


def teases_review(heading: etree._Element, url: str) -> bool:
    """The blocks after the heading link to the full review on another page ("Unsere Kritik … Die ganze Kritik lesen",
    "Our review … Read the full review"): a teaser of that review, not the review."""
    # the links of the heading's next few siblings (a bounded look: the heading may open a whole article)
    links = [a for sibling in islice(heading.itersiblings(), TEASER_BLOCKS) for a in sibling.iter("a")]
    if len(links) > MAX_TEASER_LINKS:
        return False  # a box of many links is a page section or a list, no teaser of one review
    for a in links:
        text = " ".join(a.itertext())
        low = text.lower()
        if ("kritik" in low or "review" in low) and READ_FULL_REVIEW.search(text) and \
                not same_page(a.get("href") or "", url):
            return True
    return False


def _authored(page: Page, first: list[str]) -> bool:
    """The page names the person who wrote it: a byline among its first lines, an author in its JSON-LD or
    meta tags (a critic's tip has one; a cinema's programme blurb, "Unser Filmtipp" over showtimes, has none)."""
    if any(BYLINE.match(text) or DATED_BYLINE.search(text) for text in first) or page.meta_first("author"):
        return True
    # an article's author, not a Movie's (schema.org's Movie.author is the screenwriter)
    return any(o.get("author") and any("article" in t or "posting" in t or t in REVIEW_TYPES for t in types(o))
               for o in page.jsonld)


def tip_kicker(page: Page) -> bool:
    """One of the first short lines names a column that recommends one film ("Kinotipp", "Fernsehtipp") on a
    page signed by its writer."""
    first = [ln.text for ln in page.main_lines[:KICKER_LINES] if len(ln.text) <= MAX_KICKER]
    return any(TIP_KICKER.match(text) for text in first) and _authored(page, first)


def film_headings(page: Page) -> int:
    """How many different films headings of the main content name by nothing but the quoted name ("„Konklave“",
    "„Gladiator II“"): a round-up of this week's films gives each one such a heading."""
    names = {fold(ln.text.strip(" „“”\"«»")) for ln in page.main_lines
             if ln.block in ("h2", "h3", "h4") and FILM_HEADING.match(ln.text)}
    return len(names)


# a line that is only a review word: the label of the review's own section ("Review:", "Kritik")
REVIEW_LABEL_LINE = re.compile(r"^\s*(?:Film)?(?:Kritik|Review|Rezension|Besprechung)\s*:?\s*$", re.IGNORECASE)


def concludes(page: Page) -> bool:
    """A line of the main content opens with a review's conclusion ("Fazit: …") or is the label of the review's
    section on its own ("Review:", "Kritik")."""
    return any(CONCLUSION.match(ln.text) or (len(ln.text) <= 12 and REVIEW_LABEL_LINE.match(ln.text))
               for ln in page.main_lines)


def review_headings(page: Page) -> int:
    """How many different films short "Kritik: Film" lines name (a list of reviews names several)."""
    names = {fold(clean_title(ln.text) or "") for ln in page.main_lines  # first letter before the regex: speed
             if ln.text[:1] in HEADING_INITIALS and len(ln.text) <= MAX_KICKER and REVIEW_HEADING.match(ln.text)}
    return len(names - {""})


def title_in_prose(page: Page, title: str, min_chars: int) -> bool:
    """The film's title recurs in a paragraph of prose (not only in the headline)."""
    keys = {fold(title)}
    head = title.split(": ", 1)[0]
    if head != title and len(head) >= MIN_TITLE_HEAD:  # "Dune: Part Two" is "Dune" in the text
        keys.add(fold(head))
    keys.discard("")
    return any(len(ln.text) >= min_chars and ln.block not in HEADING_BLOCKS and any(k in fold(ln.text) for k in keys)
               for ln in page.main_lines)


# --- review evidence in markup: breadcrumbs, sections, categories, tags, JSON-LD, descriptions ---------------

# words of a review section or category, compared per word ("Kritiken & Reviews", "Filmkritik")
SECTION_WORDS = frozenset({
    "kritik", "kritiken", "filmkritik", "filmkritiken", "kinokritik", "kinokritiken", "review", "reviews",
    "filmreview", "filmreviews", "rezension", "rezensionen", "filmrezension", "filmrezensionen", "besprechung",
    "besprechungen", "filmbesprechung", "filmbesprechungen", "moviereview", "moviereviews", "critique",
    "critiques", "recensione", "recensioni", "kurzkritik", "kurzkritiken", "serienkritik", "heimkinokritik",
})
# words that make a section someone else's reviews (readers, members) or a report on reviews
NOT_OWN_WORDS = frozenset({"user", "users", "leser", "nutzer", "community", "member", "members", "publikum",
                           "zuschauer", "audience", "reader", "readers", "fan", "fans", "leserkritiken",
                           "nutzerkritiken", "userkritiken", "pressestimmen", "pressespiegel"})
# a section that mixes reviews with other kinds of article ("Kritiken & News") files nothing as a review
MIXED_SECTION_WORDS = frozenset({"news", "nachrichten", "aktuell", "meldungen", "trailer", "interviews", "interview",
                                 "features", "specials", "tipps", "programm"})
WORD_SPLIT = re.compile(r"[^\wäöüß]+")
MAX_CRUMB = 60  # characters of one breadcrumb item
MAX_TITLE_TEXT = 160  # characters of a <title> or section text read for its words
# compounds naming other people's reviews: "Nutzerkritik", "Leserrezensionen", "Userreview"
OTHERS_PREFIXES = ("nutzer", "leser", "user", "zuschauer", "community", "mitglieder", "member", "publikum")
OTHERS_ENDINGS = ("kritik", "kritiken", "review", "reviews", "rezension", "rezensionen", "meinung", "meinungen",
                  "bewertung", "bewertungen")
# meta tags naming the article's section, category or tags
SECTION_META = ("article:section", "og:article:section", "article:tag", "parsely-section", "section",
                "sailthru.tags", "category")
TAG_META = ("article:tag", "sailthru.tags")
AMBIGUOUS_TAGS = frozenset({"kritik", "critique", "besprechung"})
# a post's own classes in WordPress themes ("category-filmkritik", "tag-drama"); archives put them on <body>
POST_CLASS_HINTS = ("hentry", "type-post", "status-publish", "format-standard")
# a description that calls the page a review ("A review of …", "Unsere Kritik zu …"): singular words only
# ("Kritik an …" is criticism: the bare word counts only as "Kritik zu/zum/über", "unsere Kritik")
DESCRIPTION_REVIEW = re.compile(r"\b(?:filmkritik|rezension|filmrezension|besprechung)\b|\b(?:unsere|meine)\s+kritik\b|"
                                r"\bkritik\s+(?:zu|zum|über)\b|\b(?:a|an|our|my)\s+(?:\w+\s+)?review\b|"
                                r"\breview\s+of\b|\breview\s*:", re.IGNORECASE)
DESCRIPTION_NOT = re.compile(r"\b(?:kritiker\w*|critics?|user|leser\w*|reviews|kritiken)\b", re.IGNORECASE)


def _section_word(text: str) -> bool:
    """`text` names a review section ("Filmkritiken", "Kritiken & Reviews"; not "Leserkritiken", "User Reviews")."""
    words = {w for w in WORD_SPLIT.split(text.lower()) if w}
    return bool(words & SECTION_WORDS) and not words & NOT_OWN_WORDS and not words & MIXED_SECTION_WORDS


def _others_reviews(text: str) -> bool:
    """`text` names readers' or members' reviews ("Nutzerkritiken", "User-Reviews", "Leserkritik")."""
    low = text.lower()
    if not any(w in low for w in ("kritik", "review", "rezension", "meinung", "bewertung")):
        return False
    words = {w for w in WORD_SPLIT.split(low) if w}
    if words & SECTION_WORDS:
        return False  # "Kritik und Leserkritiken": the site's own review comes first
    return bool(words & NOT_OWN_WORDS) or any(w.startswith(OTHERS_PREFIXES) and w.endswith(OTHERS_ENDINGS)
                                              for w in words)


def _tag_word(text: str) -> bool:
    """A tag naming a review ("Filmkritik", "Reviews"); a bare "Kritik" tag is as often criticism (a news item)."""
    return _section_word(text) and fold(text) not in AMBIGUOUS_TAGS


def _crumbs_say_review(page: Page) -> bool:
    """A breadcrumb trail names a review section (its links: the last item, the page itself, is no link)."""
    return any(len(t) <= MAX_CRUMB and _section_word(t) for t in _crumb_texts(page) if t)


def _jsonld_crumbs(obj: dict[str, Any]) -> list[str]:
    items = obj.get("itemListElement")
    if not isinstance(items, list):
        return []
    names = [text_of(i.get("name") or i.get("item")) if isinstance(i, dict) else "" for i in items]
    return names[:-1]  # the last item is the page itself


def _jsonld_says_review(page: Page) -> bool:
    """A JSON-LD Review, a review breadcrumb, or a review articleSection/genre of the page's Article."""
    for obj in page.jsonld:
        kinds = types(obj)
        if kinds & REVIEW_TYPES:
            return True
        if "breadcrumblist" in kinds and any(_section_word(n) for n in _jsonld_crumbs(obj) if len(n) <= MAX_CRUMB):
            return True
        if kinds & {"article", "newsarticle", "blogposting", "webpage", "reportagenewsarticle"}:
            section = obj.get("articleSection") or obj.get("genre") or ""
            sections = section if isinstance(section, list) else [section]
            if any(_section_word(text_of(s)) for s in sections):
                return True
    return False


def _meta_says_review(page: Page) -> bool:
    sections = [v for name in SECTION_META if name not in TAG_META for v in page.meta.get(name, [])]
    if any(len(v) <= MAX_CRUMB and _section_word(v) for v in sections):
        return True
    if any(len(v) <= MAX_CRUMB and _tag_word(v) for name in TAG_META for v in page.meta.get(name, [])):
        return True
    description = page.meta_first("og:description", "description", "twitter:description") or ""
    return bool(DESCRIPTION_REVIEW.search(description)) and not DESCRIPTION_NOT.search(description)


def _post_classes_say_review(page: Page) -> bool:
    """WordPress post classes of the post itself ("category-filmkritik"), and rel=tag/category links in it."""
    if page.root is None:
        return False
    for el in page.root.iter("article", "div"):
        cls = el.get("class")
        if cls and "category-" in cls and any(h in cls for h in POST_CLASS_HINTS):
            cats = [t[len("category-"):] for t in cls.split() if t.startswith("category-")]
            if any(_section_word(c.replace("-", " ")) or _section_word(c.replace("-", "")) for c in cats):
                return True
            break  # the first post is the page's own
    scope = page.main if page.main is not None else page.root
    return any(_tag_word(" ".join(text_content(a).split())) for a in scope.iter("a")
               if any(r in (a.get("rel") or "").split() for r in ("tag", "category")))


def markup_says_review(page: Page) -> bool:
    """Review evidence the page's markup holds: breadcrumbs, section/category/tag, JSON-LD Review or
    BreadcrumbList, post classes, a description calling it a review; not on list or news URLs."""
    if "markup_review" not in page.cache:
        listed = any(s in LIST_SEGMENTS for s in _segments(page.url))
        page.cache["markup_review"] = page.root is not None and not listed and (
            _jsonld_says_review(page) or _meta_says_review(page) or _post_classes_say_review(page)
            or _crumbs_say_review(page))
    return bool(page.cache["markup_review"])


def _crumb_texts(page: Page) -> list[str]:
    """Link texts of the page's breadcrumb trails, inside the main content too (one walk over the tree)."""
    if "crumbs" not in page.cache:  # the trails left after boilerplate removal, and those it removed
        page.cache["crumbs"] = [text for el in (page.root, *page.dropped) for text in crumb_texts(el)]
    return page.cache["crumbs"]  # type: ignore[no-any-return]


def markup_says_others_reviews(page: Page) -> bool:
    """The page is filed as readers' or members' reviews: <title>, a breadcrumb, a section or JSON-LD
    breadcrumb naming "Nutzerkritiken", "User Reviews", "Leserkritik"."""
    if page.root is None:
        return False
    if "others_reviews" not in page.cache:
        texts = [page.title_tag, *(v for name in SECTION_META for v in page.meta.get(name, [])),
                 *(n for obj in page.jsonld if "breadcrumblist" in types(obj) for n in _jsonld_crumbs(obj)),
                 *_crumb_texts(page)]
        page.cache["others_reviews"] = any(len(t) <= MAX_TITLE_TEXT and _others_reviews(t) for t in texts if t)
    return bool(page.cache["others_reviews"])


# --- the prose judging its film: a review's own verdict in running text ---------------------------------------

# words that judge a film, its acting or its making (German and English stems, matched at a word start); a review
# uses several of them in its own voice, a news item or a synopsis hardly any outside quotations
JUDGING = re.compile(
    r"\b(?:sehenswert|empfehlenswert|meisterwerk|meisterhaft|meisterlich|gelungen|gelingt|misslungen|misslingt|"
    r"überzeug|brillier|brillant|großartig|grandios|herausragend|hervorragend|überragend|beeindruck|eindrucksvoll|"
    r"enttäusch|langatmig|langweil|packend|fesselnd|mitreißend|unterhaltsam|kurzweilig|belanglos|vorhersehbar|"
    r"klischeehaft|kitschig|oberflächlich|ärgerlich|holprig|furios|virtuos|fantastisch|phänomenal|exzellent|"
    r"schwächen|schwachen|schwächelt|stark\s+gespielt|glänz|bravourös|pflichtprogramm|reinfall|überwältig|"
    r"erschütternd|atemberaubend|sensationell|genial|bemerkenswert|nuanciert|liebevoll|witzig|unerträglich|"
    r"missglückt|misslang|verschenkt|sehr\s+gut|richtig\s+gut|einfach\s+gut|nett\s+gemacht|"
    r"originell|kongenial|eindringlich|berührend|zwiespältig|wunderbar|sauspannend|"
    r"masterpiece|masterful|masterfully|brilliant|outstanding|superb|stunning|gripping|riveting|riveted|"
    r"compelling|disappointing|disappointment|tedious|boring|predictable|overlong|must-see|mesmeriz|"
    r"fascinating|breathtaking|magnificent|excellent|mediocre|forgettable|delightful|captivating|"
    r"impressive|awe-inspiring|jaw-dropping|heartbreaking|shines|falters|convincing|underwhelming|"
    r"beautifully\s+(?:crafted|shot|made|acted)|worth\s+(?:seeing|watching|a\s+look))", re.IGNORECASE)
# reported judgement: quotations (others' words, press quotes) are cut before counting
QUOTED = re.compile(r"„[^“”\"]{0,400}[“”\"]|“[^”]{0,400}”|\"[^\"]{0,400}\"|»[^«]{0,400}«|«[^»]{0,400}»")
# a report on other people's verdicts: review aggregators and "first reactions/reviews"
REPORTED = re.compile(r"\b(?:rotten\s+tomatoes|metacritic|metascore|imdb-(?:wertung|bewertung|rating))\b|"
                      r"\berste[nr]?\s+(?:kritiken|reaktionen|stimmen)\b|\bfirst\s+(?:reactions|reviews)\b",
                      re.IGNORECASE)
MIN_JUDGING = 3  # distinct judging words in the prose's own voice


# a text credited to its source, the broadcaster's or distributor's press text a listing prints: "… (Text: Sky)",
# "(Quelle: Verleih)" closing the paragraph, or a "Quelle: Programmkino.de" line right after it
SOURCE_CREDIT = re.compile(r"\(\s*(?:Text|Quelle|Source|Pressetext|Verleihtext)\s*:\s*[^()]{1,40}\)\s*$", re.IGNORECASE)
SOURCE_LINE = re.compile(r"^\s*(?:Quelle|Source|Text|Pressetext|Verleihtext)\s*:\s*\S.{0,40}$", re.IGNORECASE)


def _credited(lines: list, index: int) -> bool:
    """The line at `index` is a text the page credits to its source (`SOURCE_CREDIT`, `SOURCE_LINE`)."""
    if SOURCE_CREDIT.search(lines[index].text):
        return True
    return index + 1 < len(lines) and bool(SOURCE_LINE.match(lines[index + 1].text))


def judges_film(page: Page) -> bool:
    """The prose judges its film in its own voice: three different judging words outside quotations and outside
    texts credited to their source (a listing's "(Text: Sky)"), and no report on other people's verdicts
    (aggregator scores, "erste Reaktionen"); not on list or news URLs."""
    if "judges" not in page.cache:
        lines = page.main_lines
        prose = [ln.text for i, ln in enumerate(lines) if ln.block in ("p", "div", "blockquote") and len(ln.text) >= 40
                 and not _credited(lines, i)]
        text = " ".join(prose)
        if any(s in LIST_SEGMENTS for s in _segments(page.url)) or REPORTED.search(text):
            page.cache["judges"] = False
        else:
            own = QUOTED.sub(" ", text)
            found = {m.group(0).lower()[:7] for m in JUDGING.finditer(own)}
            page.cache["judges"] = len(found) >= MIN_JUDGING
    return bool(page.cache["judges"])


# --- the critic's signature: a review column signed by its writer ----------------------------------------------

# a line that is only a person's name ("Ann Berg", "Berg, Ann |"), a tip signed by its writer ("Tipp von Ann"),
# or a name closing the last paragraph after its last sentence ("… Mehr davon! Ann Berg")
NAME_LINE = re.compile(rf"^\s*(?P<name>{PERSON})\s*[|·]?\s*$")
INVERTED_NAME_LINE = re.compile(r"^\s*(?P<last>[A-ZÄÖÜ][\w'’-]+),\s+(?P<first>[A-ZÄÖÜ][\w'’-]+)\s*[|·]?\s*$")
SIGNED_TIP = re.compile(r"^\s*(?:(?:Film|Kino|Streaming|TV|Fernseh|Heimkino)-?)?Tipp\s+von\s+"
                        r"(?P<name>[A-ZÄÖÜ][\w'’-]+(?:\s+[A-ZÄÖÜ][\w'’-]+)?)\s*$", re.IGNORECASE)
CLOSING_NAME = re.compile(rf"[.!?…][\"'“”»«’)]*\s+(?P<name>{PERSON})\s*$")
MAX_SIGNATURE_WORDS = 3
MIN_SIGNED_WORDS = 15  # words of the prose paragraph a signature closes
PROSE_END = re.compile(r"[.!?…][\"'“”»«’)]*\s*$")


def _own_block(page: Page, index: int) -> bool:
    """The line at `index` is the only line of its block (a `<br>` line of a box of links is none)."""
    line = page.main_lines[index]
    return line.el is not None and not any(other.el is line.el for j, other in
                                           enumerate(page.main_lines[max(0, index - 1):index + 2], index - 1)
                                           if j != index)


def _signer(text: str) -> str | None:
    if (m := INVERTED_NAME_LINE.match(text)):
        return f"{m.group('first')} {m.group('last')}"
    m = NAME_LINE.match(text)
    return m.group("name") if m and len(m.group("name").split()) <= MAX_SIGNATURE_WORDS else None


def _unnamed_elsewhere(page: Page, name: str, index: int) -> bool:
    """Neither the signer's first nor last name occurs in another line: a critic signs a text they are not in
    (a caption or a credit names an actor the prose names too)."""
    words = [w for w in name.split() if len(w) > 2]
    return not any(j != index and any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", ln.text) for w in words)
                   for j, ln in enumerate(page.main_lines))


def _signed_prose(text: str) -> bool:
    return len(text.split()) >= MIN_SIGNED_WORDS and bool(PROSE_END.search(text))


def signed_by_critic(page: Page) -> bool:
    """The text is signed by its writer, as a critic signs a review column: a line of only a person's name right
    after a prose paragraph (the next line is no name too: that is a list), a name closing the last paragraph,
    or a tip signed by its writer ("Tipp von Ann") before the prose. A name any other line holds is no signature."""
    if "signed" in page.cache:
        return bool(page.cache["signed"])
    rows, found = page.main_lines, False
    for i, line in enumerate(rows):
        if line.block not in ("p", "div") or len(line.text) > MAX_KICKER or not _own_block(page, i):
            continue
        after = rows[i + 1].text if i + 1 < len(rows) else ""
        if SIGNED_TIP.match(line.text) and i + 1 < len(rows) and len(after.split()) >= MIN_SIGNED_WORDS // 2:
            found = True
            break
        name = _signer(line.text)
        # a plain name line closes the text (no prose paragraph follows it: a list names each film so before
        # its text); "Feld, Jana" is written so only as a signature, anywhere
        closes = INVERTED_NAME_LINE.match(line.text) or not any(
            ln.block in ("p", "div", "blockquote") and _signed_prose(ln.text) for ln in rows[i + 1:])
        if name and is_person(name) and i > 0 and _signed_prose(rows[i - 1].text) and not _signer(after) \
                and closes and _links_nowhere(line.el) and _unnamed_elsewhere(page, name, i):
            found = True
            break
    if not found:
        prose = [i for i, ln in enumerate(rows) if ln.block in ("p", "div", "blockquote")
                 and len(ln.text.split()) >= MIN_SIGNED_WORDS]
        if prose and (m := CLOSING_NAME.search(rows[prose[-1]].text)):
            name = m.group("name")
            found = len(name.split()) <= MAX_SIGNATURE_WORDS and is_person(name) and \
                _unnamed_elsewhere(page, name, prose[-1]) and \
                _signed_prose(rows[prose[-1]].text[:m.start("name")])
    page.cache["signed"] = found
    return found
