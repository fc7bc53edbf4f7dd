"""Boilerplate removal: navigation, sidebars, related posts, comments, votes, cookie banners, same-title boxes."""
from __future__ import annotations

import functools
import re

from lxml import etree

from scraper.extract.labels import FACT_LABELS
from scraper.extract.text import drop, lines, text_content
from scraper.normalize.vocab import fold

# elements that never hold the review's own facts
DROP_TAGS = ("nav", "form", "button", "select", "textarea", "iframe", "dialog")
# header/footer are page furniture unless they sit inside the article or main content
EDGE_TAGS = ("header", "footer")
# an <aside> inside the <article> is usually the film's info box; elsewhere it is a sidebar
ASIDE = "aside"
SECTIONING = ("section", "article", "aside", "nav", "main", "body")
DROP_ROLES = {"navigation", "contentinfo", "complementary", "dialog", "alertdialog", "search", "banner"}
# class/id words (bounded by start/end, space, - or _) of boilerplate blocks
CLASS_WORDS = (
    "comment", "comments", "commentlist", "respond", "related", "relatedposts", "sidebar", "share",
    "sharing", "sharedaddy", "social", "navigation", "breadcrumb", "breadcrumbs", "cookie", "cookies",
    "consent", "cmp", "gdpr", "ad", "ads", "advert", "advertisement", "newsletter", "poll", "vote", "votes",
    "voting", "community", "user", "users", "reader", "readers", "toplist", "popular", "recommended",
    "recommendations", "rmp", "disqus", "subscribe", "promo", "readmore", "outbrain", "taboola", "mostread",
    "trending", "menu", "kommentar", "kommentare", "guestbook", "gaestebuch", "forum", "umfrage", "leserumfrage",
    "survey", "abstimmung", "userreview", "userreviews", "reactions",
    # German layout words of old hand-made sites: the margin column, the sidebar, a readers' chart
    "rand", "randspalte", "seitenleiste", "hitliste",
)
# class/id words of a page's foot ("footer", German "fuss", "fusszeile"): furniture like <footer> outside the article
# or main content (inside it a post's footer holds its tags and categories)
FOOT_WORDS = frozenset({"footer", "fuss", "fuß", "fusszeile", "fußzeile", "seitenfuss", "seitenfuß", "pagefooter",
                        "sitefooter"})
# a word that negates the foot word after it in one class/id token ("not-footer", "no_footer", "nonfooter" is one word)
NEGATIONS = frozenset({"not", "no", "non", "without", "kein", "keine", "ohne", "nicht"})
# a named block holding more than this share of the prose left below the root is the page's content, whatever its
# name says (a site builder's "wsite-not-footer" content wrapper)
MAIN_TEXT_SHARE = 0.5
MIN_PAGE_HEADING = 3  # characters of a heading that the page's <title> opens with
# a class/id word naming a navigation bar by its ending: "hauptnav", "mainnav", "topnav", "subnav", "navbar"
NAV_WORD = re.compile(r"^(?:\w*nav|\w*navi|nav\w*bar|\w+navigation|\w+menu|\w+menue|\w+menü)$")
# not "widget", "banner" or "more": page builders (Elementor: "elementor-widget") and hero banners wrap the
# review itself in them
# heading texts that open a boilerplate box (case-insensitive prefixes; a count may come first)
HEADINGS = (
    "das könnte dich auch interessieren", "das könnte sie auch interessieren", "das könnte dir auch gefallen",
    "ähnliche beiträge", "ähnliche artikel", "ähnliche filme", "ähnliche kritiken", "weitere kritiken",
    "weitere artikel", "weitere beiträge", "mehr zum thema", "mehr kritiken", "auch interessant",
    "empfehlungen", "you might also like", "you may also like", "related", "read next", "read more",
    "more reviews", "more from", "recommended", "filme mit gleichem titel", "gleichnamige filme",
    "nicht verwechseln", "nicht zu verwechseln", "die reihe", "weitere filme der reihe",
    "filme der reihe", "filmreihe", "alle teile", "the series", "franchise", "kommentare", "kommentar",
    "comments", "gedanken zu", "schreibe einen kommentar", "hinterlasse", "leave a reply",
    "leave a comment", "nutzerkritiken", "leserkritiken", "leserstimmen", "nutzerwertung", "leserwertung",
    "user reviews", "community", "leser-favoriten", "meistgelesen", "neueste beiträge", "neueste kritiken",
    "latest", "popular", "newsletter", "teilen", "share", "what did you think", "wie hat dir",
    "wie hat ihnen", "wie fandest du", "deine meinung", "deine wertung", "your rating", "rate this",
    "reader score", "kategorien", "categories", "schlagwörter", "archiv", "archive", "most read",
    "trending", "same title", "other films titled", "also titled", "mehr filme", "weitere filme",
    "zuletzt bewertet", "top-kritiken", "weitere reviews", "more reviews", "other reviews", "filme mit gleichem",
    "aus dem gästebuch", "gästebuch", "guestbook", "forum", "gleicher titel", "filme gleichen titels",
    "gleichnamige", "namensvettern", "weitere verfilmungen", "andere verfilmungen", "alle verfilmungen",
    "other versions", "other adaptations", "remakes", "leserumfrage", "umfrage", "abstimmung", "reader poll",
    # a cinema's box of its other films, and quotes of other outlets with their scores
    "ebenfalls im programm", "auch im programm", "außerdem im programm", "weitere filme im programm",
    "also showing", "also playing", "pressestimmen", "pressespiegel", "kritikerstimmen", "press quotes",
    "what the press says", "was die presse sagt",
    # related entries and pages: a wiki's or Notion export's linked films
    "verwandte einträge", "verwandte beiträge", "verwandte artikel", "verwandte filme", "verwandte seiten",
    "siehe auch", "see also",
)
HEADING_RX = re.compile(r"^\s*(?:\d+\s+)?(?:" + "|".join(re.escape(h) for h in HEADINGS) + r")(?!\w)", re.IGNORECASE)
# anywhere in a short heading: other people's reviews or reactions ("Die neuesten Zuschauer-Kritiken", "Reader
# reactions", "What our users say" is not caught), a compound of an audience word and a word for reviews
OTHERS_HEADING = re.compile(r"\b(?:leser|nutzer|zuschauer|user|community|publikums?|reader|viewer|audience|fan|"
                            r"customer|kunden|käufer)"
                            r"(?:s|innen)?['’]?[\s-]*(?:kritiken|kritik|rezensionen|reviews?|reactions?|comments?|"
                            r"kommentare|stimmen|meinungen|wertungen|bewertungen|reaktionen|ratings?|scores?)\b",
                            re.IGNORECASE)
AUDIENCE_STEMS = ("leser", "nutzer", "zuschauer", "user", "community", "publikum", "reader", "viewer", "audience",
                  "fan", "customer", "kunden", "käufer")  # a shop's customer reviews ("Kundenbewertungen") too
MAX_OTHERS_HEADING = 60  # characters: a longer heading is a sentence of the article
# compound class names spelled with a separator ("read-more", "you-may-like")
CLASS_PHRASES = ("read-more", "read_more", "you-may-like", "more-from", "more-reviews", "also-like")
CLASS_SET = frozenset(CLASS_WORDS)
CLASS_SPLIT = re.compile(r"[\s_-]+")
HEADING_TAGS = ("h2", "h3", "h4", "h5", "h6")
BOX_TITLE_TAGS = ("b", "strong")
BOX_TAGS = ("div", "section", "p", "td")
CONTENT_TAGS = ("main", "article")
# an <aside> in the main content whose cells name two or more film facts is the film's info box
FACT_CELL_TAGS = ("th", "dt", "b", "strong", "td", "span", "li", "div")
FILM_FACT_FIELDS = frozenset({"original_title", "year", "genres", "fsk", "directors", "cast", "release", "country"})
FOLDED_FACT_LABELS = {fold(k): v for k, v in FACT_LABELS.items() if v in FILM_FACT_FIELDS}
MAX_FACT_CELL = 30  # characters of a label cell ("Originaltitel:", "Land/Jahr")
MIN_FACT_LABELS = 2
# a layout table's row: the cell with the prose (characters in <p>, paragraphs) and its side columns
MIN_LAYOUT_CELLS = 2
MIN_COLUMN_PROSE = 400
MIN_COLUMN_PARAGRAPHS = 2
SIDE_SHARE = 3  # a side column holds less than a third of the prose cell's paragraph text
COLUMN_BLOCKS = ("div", "br", "ul", "p", "table")


def _attributed(root: etree._Element) -> tuple[list[etree._Element], list[etree._Element]]:
    """(elements with a role, elements with a class or id) below `root`, in document order: one C-level
    pass (two XPath queries cost three times as much)."""
    found = [el for el in root.iterdescendants(etree.Element) if el.keys()]
    roles = [el for el in found if el.get("role") is not None]
    return roles, [el for el in found if el.get("class") is not None or el.get("id") is not None]


def _attached(el: etree._Element, root: etree._Element) -> bool:
    """`el` still hangs below `root` (an element inside a removed box is no longer worth a look)."""
    node = el.getparent()
    while node is not None:
        if node is root:
            return True
        node = node.getparent()
    return False


def _plain_text(el: etree._Element) -> str:
    """text_content() of `el`; a childless element's own text needs no serializer."""
    return text_content(el) if len(el) else el.text or ""


def _in_content(el: etree._Element) -> bool:
    return any(a.tag in CONTENT_TAGS or a.get("role") == "main" for a in el.iterancestors())


def _in_box(el: etree._Element, root: etree._Element) -> bool:
    """`el` sits in a boilerplate box below `root`: an <aside> outside any article, a nav/form, or a box named
    as boilerplate ("read-more", "related")."""
    for node in el.iterancestors():
        if node is root:
            return False
        if node.tag == ASIDE and not _in_article(node) or node.tag in DROP_TAGS or _named_boilerplate(node):
            return True
    return False


def _protected(root: etree._Element, roles: list[etree._Element]) -> set[etree._Element]:
    """<main>, <article>, the main <h1> and their ancestors: rules must never remove them. Teaser cards
    (<article>s inside a read-more aside or a related box) protect nothing: the box goes, cards and all."""
    articles = list(root.iter("article"))
    own = [a for a in articles if not _in_box(a, root)] if len(articles) > 1 else articles
    anchors = list(root.iter("main")) + (own or articles) + [el for el in roles if el.get("role") == "main"]
    h1s = list(root.iter("h1"))
    anchors += ([h for h in h1s if _in_content(h)] or h1s)[:1]
    keep: set[etree._Element] = {root}
    for el in anchors:
        keep.update(el.iterancestors())
        keep.add(el)
    return keep


def _named_boilerplate(el: etree._Element) -> bool:
    # class and id are judged apart (no word or phrase spans the space that would join them), each
    # through a cache: a page repeats its class names on every item of a list
    return _boilerplate_name(el.get("class", "")) or _boilerplate_name(el.get("id", ""))


@functools.lru_cache(maxsize=4096)
def _boilerplate_name(value: str) -> bool:
    """A class or id value names a boilerplate block (a word of CLASS_WORDS, a navigation bar's word or a phrase
    of CLASS_PHRASES)."""
    value = value.lower()
    words = CLASS_SPLIT.split(value)
    if not CLASS_SET.isdisjoint(words) or any(("na" in w or "men" in w) and NAV_WORD.match(w) for w in words):
        return True
    return ("more" in value or "like" in value) and any(p in value for p in CLASS_PHRASES)


def _named_foot(el: etree._Element) -> bool:
    """A block named as the page's foot ("<div class="footer">", "zh-fuss") outside the article or main content.
    A foot word negated by the word before it in the same token ("wsite-not-footer") does not count."""
    return (_foot_name(el.get("class", "")) or _foot_name(el.get("id", ""))) and not _in_content(el)


@functools.lru_cache(maxsize=4096)
def _foot_name(value: str) -> bool:
    for token in value.lower().split():
        parts = [w for w in re.split(r"[_-]+", token) if w]
        if any(w in FOOT_WORDS and not (i and parts[i - 1] in NEGATIONS) for i, w in enumerate(parts)):
            return True
    return False


def _main_text(el: etree._Element, root: etree._Element, total: list[int]) -> bool:
    """Whether `el` is the page's content whatever its name: it holds the heading the page's <title> opens with
    and most of the prose left below `root` (text outside links: a sidebar's archive and post lists are links;
    a draft's one line beside a profile box is no content to guard)."""
    if not _holds_page_heading(el):
        return False
    if not total:
        total.append(_prose_length(root))
    return _prose_length(el) > MAIN_TEXT_SHARE * total[0]


def _holds_page_heading(el: etree._Element) -> bool:
    title = next(el.getroottree().getroot().iter("title"), None)
    page = fold(_plain_text(title)) if title is not None else ""
    if not page:
        return False
    for heading in el.iter("h1", "h2", "h3"):
        text = fold(_plain_text(heading))
        if len(text) >= MIN_PAGE_HEADING and page.startswith(text):
            return True
    return False


def _prose_length(el: etree._Element) -> int:
    """Characters of `el`'s text outside links, whitespace runs counted once."""
    links = sum(len(" ".join(_plain_text(a).split())) for a in el.iter("a"))
    return len(" ".join(_plain_text(el).split())) - links


def _boilerplate_heading(text: str) -> bool:
    """A heading that opens a boilerplate box: a known opening, or a short one naming other people's reviews."""
    if HEADING_RX.match(text):
        return True
    if len(text) > MAX_OTHERS_HEADING:
        return False
    low = text.lower()  # the audience word's stem first: a regex search at every position costs more
    return any(stem in low for stem in AUDIENCE_STEMS) and bool(OTHERS_HEADING.search(text))


def _drop(el: etree._Element, dropped: list[etree._Element]) -> None:
    dropped.append(el)  # kept detached, subtree and all: the verdict may read its breadcrumbs
    drop(el)


def _drop_heading_section(heading: etree._Element, keep: set[etree._Element],
                          dropped: list[etree._Element]) -> None:
    parent = heading.getparent()
    while parent is not None and parent.tag in ("a", "span", "em", "strong", "div") and \
            len(parent) == 1 and parent not in keep and not (parent.text or "").strip():
        heading, parent = parent, parent.getparent()  # a heading wrapped in a bare box: drop the box
    if parent is not None and parent not in keep and parent.tag not in ("body", "html") \
            and not _text_before(heading, parent):
        _drop(parent, dropped)   # a box the heading opens
        return
    level = int(heading.tag[1]) if heading.tag in HEADING_TAGS else 6
    sibling = heading.getnext()
    while sibling is not None:  # heading inside the article itself: drop up to the next same-level heading
        if sibling.tag in HEADING_TAGS and int(sibling.tag[1]) <= level:
            break
        following = sibling.getnext()
        _drop(sibling, dropped)
        sibling = following
    _drop(heading, dropped)


def _text_before(heading: etree._Element, parent: etree._Element) -> bool:
    """Whether `parent` holds text before `heading`: then the heading does not open the parent as a box
    (a Notion export's page body holds the review's paragraphs, then "Die Reihe" and its table), and only
    the heading's own section goes."""
    if (parent.text or "").strip():
        return True
    for sibling in heading.itersiblings(preceding=True):
        if (sibling.tail or "").strip() or (isinstance(sibling.tag, str) and _plain_text(sibling).strip()):
            return True
    return False


def _in_article(el: etree._Element) -> bool:
    return any(a.tag == "article" for a in el.iterancestors())


def _fact_box(aside: etree._Element) -> bool:
    """An <aside> of the main content whose label cells name two or more film facts: the film's info box
    floated into the body (a sidebar lists other films without labels)."""
    return _in_content(aside) and _names_facts(aside)


def _names_facts(box: etree._Element) -> bool:
    """Whether label cells of `box` (short cells whose whole text is a fact label: "Regie", "Originaltitel:")
    name two or more film facts."""
    fields: set[str] = set()
    for cell in box.iter(*FACT_CELL_TAGS):
        text = _plain_text(cell).strip()
        if text and len(text) <= MAX_FACT_CELL:
            field = FOLDED_FACT_LABELS.get(fold(text))
            if field:
                fields.add(field)
                if len(fields) >= MIN_FACT_LABELS:
                    return True
    return False


def _side_columns(root: etree._Element) -> list[etree._Element]:
    """The side cells of a layout table's row (HTML 4 sites: navigation left, "Kinderkino" boxes right) beside
    the cell that holds the page's prose: the <aside> of table layouts. A cell is a column when it holds
    blocks or line breaks (a fact table's label cell holds a word)."""
    found: list[etree._Element] = []
    for row in root.iter("tr"):
        cells = [c for c in row if c.tag == "td"]
        if len(cells) < MIN_LAYOUT_CELLS:
            continue
        prose = [sum(len(_plain_text(p)) for p in c.iter("p")) for c in cells]
        body = max(range(len(cells)), key=prose.__getitem__)
        if prose[body] < MIN_COLUMN_PROSE or sum(1 for _ in cells[body].iter("p")) < MIN_COLUMN_PARAGRAPHS:
            continue
        found += [c for i, c in enumerate(cells) if i != body and prose[i] * SIDE_SHARE < prose[body]
                  and next(c.iter(*COLUMN_BLOCKS), None) is not None and next(c.iter("h1"), None) is None
                  and not _labels_facts(c)]
    return found


def _labels_facts(cell: etree._Element) -> bool:
    """A side column whose lines open with two or more film fact labels ("Regie: X<br>Land/Jahr: …") is the
    film's info column, not a sidebar."""
    fields = {FOLDED_FACT_LABELS.get(fold(ln.text.split(":", 1)[0])) for ln in lines(cell)
              if ":" in ln.text[:MAX_FACT_CELL]}
    return len(fields - {None}) >= MIN_FACT_LABELS


def _section_head(el: etree._Element) -> bool:
    """A <header> whose nearest sectioning ancestor is a <section> holding the page's <h1> is that section's
    head (a diary entry's "Review by X ★★★★½" above the film's heading), not the site's banner."""
    if el.tag != "header":
        return False
    section = next((a for a in el.iterancestors() if a.tag in SECTIONING), None)
    return section is not None and section.tag == "section" and next(section.iter("h1"), None) is not None


def _structural(root: etree._Element, roles: list[etree._Element]) -> list[etree._Element]:
    found = list(root.iter(*DROP_TAGS)) + _side_columns(root)
    found += [el for el in root.iter(*EDGE_TAGS) if not _in_content(el) and not _section_head(el)]
    found += [el for el in root.iter(ASIDE) if not _in_article(el) and el.get("role") != "main" and not _fact_box(el)]
    # role=complementary is the right markup for an info box too: kept when it names film facts
    return found + [el for el in roles if el.get("role") in DROP_ROLES
                    and not (el.get("role") == "complementary" and _fact_box(el))]


def remove_boilerplate(root: etree._Element) -> list[etree._Element]:
    """Remove boilerplate inside `root` (the main content or a whole document) in place: structural
    elements first, then boxes named or headed as boilerplate. `root` itself always stays. Returns the
    removed elements (detached, with their subtrees)."""
    dropped: list[etree._Element] = []
    roles, named = _attributed(root)
    keep = _protected(root, roles)
    for el in _structural(root, roles):
        if el not in keep:
            _drop(el, dropped)
    # elements inside a box removed before are skipped: what happens to them cannot reach `root`
    total: list[int] = []  # the text left below `root`, measured once when the first named block is judged
    for el in named:
        if el not in keep and _attached(el, root) and (_named_boilerplate(el) or _named_foot(el)) \
                and not _names_facts(el) and not _main_text(el, root, total):
            _drop(el, dropped)
    for heading in list(root.iter(*HEADING_TAGS)):
        if heading.getparent() is not None and _attached(heading, root) and _boilerplate_heading(_plain_text(heading)):
            _drop_heading_section(heading, keep, dropped)
    for title in list(root.iter(*BOX_TITLE_TAGS)):
        box = title.getparent()
        if box is not None and box.tag in BOX_TAGS and box not in keep and box.index(title) == 0 \
                and not (box.text or "").strip() and _attached(box, root) and HEADING_RX.match(_plain_text(title)):
            _drop(box, dropped)  # a box titled by bold text instead of a heading ("<b>Weitere Reviews</b>")
    return dropped
