"""Strategy: the page's headline (<h1>), <title> and og:title, cleaned of decoration; "(YYYY)" gives a year."""
from __future__ import annotations

import re
import urllib.parse

from lxml import etree

from scraper.extract.page import Page
from scraper.extract.presentation import KICKER_LINES, LIST_SEGMENTS, MAX_KICKER, _segments
from scraper.extract.strategies.context import is_english, language
from scraper.extract.strategies.prose import PERSON, is_person, prose_language
from scraper.extract.strategies.tables import label_field
from scraper.extract.text import element_text, squash, text_content
from scraper.normalize.genres import is_genre_word, parse_genres
from scraper.normalize.platform import parse_platform
from scraper.normalize.title import (
    DISC_PREFIX,
    DISC_TESTED,
    QUOTED,
    QUOTES,
    REVIEW_WORD,
    clean_title,
    is_site_name,
    names_site,
    strip_quotes,
    title_year,
    without_episode,
)
from scraper.normalize.vocab import fold
from scraper.record import Candidate

NAME = "headline"
# trust: the <h1> names the film more often than <title>, which carries the site's furniture
SOURCES = (("h1", 70, 75), ("h2", 60, 65), ("og:title", 50, 55), ("title", 45, 50))
QUOTE_CHARS = frozenset(QUOTES)
HOST_NOISE = {"www", "m", "blog", "de", "com", "net", "org"}
# class words of a badge or thread-prefix element inside a heading (XenForo "label", Bootstrap "badge")
BADGE_CLASSES = frozenset({"label", "badge", "prefix", "pill", "chip", "tag", "flair"})
BADGE_SPLIT = re.compile(r"[\s_-]+")
MAX_BADGE_WORDS = 3
# a heading that names a film and its year ("Anatomy of a Fall (2023)") right above a block of its facts
NAME_YEAR = re.compile(r"^(.{1,80}?)\s*\(((?:18|19|20)\d{2})\)$")
FACT_HEADINGS = ("h2", "h3")
FACT_BLOCKS = ("ul", "ol", "dl", "table", "div")
MIN_BLOCK_LABELS = 2
MAX_FACT_KEY = 30  # characters of a fact label
# a newsletter's or podcast's numbered headline: "Issue #5: …", "Ausgabe 12 – …", "#48: …"
NUMBERED_HEAD = re.compile(r"^\s*(?:(?:Issue|Ausgabe|Edition|No\.|Nr\.|Folge|Episode|Ep\.?)\s*#?\s*|#)\d{1,4}\b",
                           re.IGNORECASE)
# what follows the film's name in an article's <h1>: a colon or dash, or a lower-case word ("Gladiator
# wiederentdeckt: …", "Wicked im Kino: …"), never a title word ("Gladiator II", "Dune Part Two")
BOX_TAGLINE = re.compile(r"^\s*[:–—|-]\s|^\s+[a-zäöüß]")
W_FACTS_HEADING = 74  # over the <h1> (70), which names no film then
YEAR_ONLY = re.compile(r"^(?:18|19|20)\d{2}$")
MAX_FILM_YEAR = 2035
YEAR_TAGS = ("small", "span", "time", "sup", "em", "i", "a")  # inline elements that hold a heading's year
HOME_HREFS = frozenset({"/", "/index.html", "/index.php", "/index.htm"})
INDEX_FILE = re.compile(r"^index\.\w{2,5}$", re.IGNORECASE)
FILE_EXTENSION = re.compile(r"\.(?:html?|php|aspx?|jsp)$", re.IGNORECASE)
W_HEAD_QUOTED = 72  # the part of "Film: tagline" before the colon, when the page quotes it elsewhere
MAX_HEAD = 80       # characters
# what follows a colon that continues the film's name instead of starting a tagline ("Dune: Teil 2")
SEQUEL = re.compile(r"^(?:Teil|Part|Chapter|Kapitel|Episode|Vol\.?|Volume)\s+(?:\d+|[IVX]+|One|Two|Three|Four|"
                    r"Eins|Zwei|Drei|Vier)\b|^(?:\d+|[IVX]+)$", re.IGNORECASE)
CLASS_SPLIT = re.compile(r"[\s_]+")
TITLE_SPLIT = re.compile(r"\s*(?::|\||–|—|»|·|\s-)\s+")
SITE_SPLIT = re.compile(r"\s+(?:\||–|—|»|·|-)\s+")
# a leading run of capitalised words (or numbers) before a lower-case word: "Past Lives and the people …"
TITLE_CASE_RUN = re.compile(r"^((?:[A-Z0-9][\w'’&.-]*)(?:\s+(?:[A-Z0-9][\w'’&.-]*|of|the|and|in|a))*?)(?=\s+[a-z])")
# a name used as a person in prose: "directed by X", "X's", "X’s latest", "von X", "director X"
PERSON_CONTEXT = r"(?:\b(?:by|von|director|regisseur(?:in)?|starring|with)\s+{0}\b|\b{0}['’]s?\b)"
# "Film review of X.", "Review of X", "Kritik zu X", "Filmkritik zum Film X" opening a short line
REVIEW_OF = re.compile(r"^(?:(?:Film|Movie)\s+)?(?:Review|Kritik|Filmkritik|Rezension|Besprechung)\s+"
                       r"(?:of|zu|zum\s+Film|von)\s+(.+?)(?:[.:!]\s|[.!]?$)", re.IGNORECASE)
# a subheading that quotes the reviewed film and calls itself its review: "„Civil War“ – Kino-Check: …",
# "“Anora” – Kritik", "„Nebelhorn“: Die Filmkritik" (a tabloid's headline is a teaser sentence, the film is named here)
QUOTED_REVIEW = re.compile(r"^\s*[„“\"«»‚‘]([^„“”\"«»‘’]{1,80})[“”\"»«‘’]\s*[–—:|-]\s*(?:(?:Die|Unsere|Der|Our|The)\s+)?"
                           r"(?:Film[- ]?|Kino[- ]?|Movie\s+)?(?:Kritik|Review|Rezension|Besprechung|Check|Test)\b",
                           re.IGNORECASE)
MIN_CAPS_TITLE = 4  # characters: shorter all-caps titles are acronyms ("JFK", "M")
# section kickers before a colon: "Im Kino: …", "Interview: …" name no film
KICKER_HEADS = frozenset(fold(k) for k in (
    "im kino", "neu im kino", "kinostart", "streaming", "heimkino", "tv-tipp", "filmtipp", "tipp", "exklusiv",
    "interview", "analyse", "kommentar", "meinung", "essay", "opinion", "analysis", "news", "trailer",
    "exclusive", "feature", "explainer", "netflix", "kino"))
MIN_PROSE_LINE = 40  # characters: a line of prose, not a caption or the headline itself
DASH = re.compile(r"\s+[-–—]\s+")
# a platform named right before a review or start word: "Nebelhorn (2024) Netflix Review", "Netflix-Start: …"
PLATFORM_BESIDE = re.compile(r"(\S+(?:\s+(?:TV\+?|Video|Max|Plus|\+))?)[\s-]+(?:Review|Kritik|Filmkritik|Start)\b",
                             re.IGNORECASE)
# classes of a post's own heading in blog and forum themes (Blogger, WordPress, phpBB, Ghost)
POST_TITLE_CLASSES = frozenset({"post-title", "entry-title", "topic-title", "article-title", "post-card-title",
                                "article-header__title", "blog-post-title", "single-title", "headline"})
# a review word closing the title part of a headline ("X review – tagline"): the title ends there, not at the
# first lowercase word
REVIEW_MARK = re.compile(r"^[^–—:|]*?\breview\s*[–—:|-]", re.IGNORECASE)
W_POST_TITLE = 72  # above the <h1> that names the blog: the post's heading names the film
W_SITE_H1 = 40     # an <h1> that names the site is the blog's logo; kept only as a last resort
W_PLATFORM = 40  # below every stated platform: a headline names it in passing
HOME_VIDEO = "DVD/Blu-ray"  # the vocabulary's platform of a disc release (a disc test tests it)
# a one-word genre kicker before the film: "Kriegsdrama - Im Westen nichts Neues", "Thriller: Nebelhorn"
GENRE_KICKER = re.compile(r"^\s*([A-ZÄÖÜ][\wäöüß-]{3,30})\s*(?:\s[–—-]|:)\s+\S")
W_GENRE_KICKER = 40  # below every stated genre
# a headline opening with a person's possessive: "Herzog's Glass Harbor swallows everyone" (the director's)
POSSESSIVE_LEAD = re.compile(r"^[A-ZÄÖÜ][\w-]+(?:\s+[A-ZÄÖÜ][\w-]+){0,2}['’]s\s+(?=[A-Z0-9„“\"])")
# a word whose "'s" is "is" or "has", no possessive: "What's New on Netflix", "Here's …", "It's …"
CONTRACTED = re.compile(r"^(?:What|That|It|Here|There|Where|Who|How|When|Why|He|She|Let|Everybody|Everyone|Nobody|"
                        r"Somebody|Someone|This)['’]s\s", re.IGNORECASE)
W_OTHER_SOURCE = 71  # <title>/og:title naming the film the prose names, over an essay <h1> the prose never repeats
EPISODE_TAGLINE_WORDS = 3  # words of an episode's tagline after the film's name
MIN_TAGLINE_WORDS = 5  # words after a dash: shorter tails are subtitles ("Halloween – Die Nacht des Grauens")
MIN_TAGLINE_CONTENT = 2  # lower-case words that are not function words: subtitles are names, taglines sentences
# after an English title-case run the tail may be short ("Glass Harbor and the cold"): a title-case title
# continues in capitals ("Harold and the Purple Crayon" has no lower-case content word)
MIN_RUN_TAIL = 3
FUNCTION_WORDS = frozenset([
    "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "und", "oder", "von", "vom", "zu",
    "zum", "zur", "im", "in", "am", "an", "auf", "aus", "mit", "für", "the", "a", "an", "of", "and", "or", "to",
    "in", "on", "at", "for", "with", "from", "de", "la", "le", "et",
])


# the director and year in a parenthesis closing the headline: "NEBELHORN (Mara Lindqvist – 2023)",
# "Foghorn (2023, dir. Mara Lindqvist)", "Nebelhorn (2023, Regie: Mara Lindqvist)"
CREDIT_PAREN = re.compile(rf"\((?:(?P<a>{PERSON})\s*[–—-]\s*(?:18|19|20)\d{{2}}|(?:18|19|20)\d{{2}},\s*"
                          rf"(?:dir\.|directed\s+by|Regie:?|R:)\s*(?P<b>{PERSON}))\)\s*$")
W_HEAD_DIRECTOR = 40  # below every stated or labelled director, over the prose's guesses


def headline(page: Page) -> str:
    """Text of the main <h1> (inside the main content when there is one there)."""
    if page.root is None:
        return ""
    if "headline" not in page.cache:
        inside = [(t, h) for h in page.main.iter("h1") if (t := heading_text(h))] if page.main is not None else []
        # an <h1> outside the main content that names the site is the logo, not the headline
        outside = [] if inside else \
            [(t, h) for h in page.root.iter("h1") if (t := heading_text(h)) and not _names_site(t, page)]
        found = inside or outside
        # of several <h1>s, one that links to the front page is the logo ("<h1><a href="/">Cinelog</a></h1>")
        found = [(t, h) for t, h in found if not links_home(h)] or found
        text, h1 = (found or [("", None)])[0]
        year = heading_year(h1, text) if h1 is not None else None
        if year:  # "<h1><a>Nosferatu</a> <small>2024</small></h1>": the film's year set apart, no part of its title
            text = text[:-len(year)].rstrip(" ,·|–-(")
        page.cache["headline"] = text
        page.cache["headline_year"] = int(year) if year else None
        page.cache["headline_home"] = h1 is not None and links_home(h1)
    return str(page.cache["headline"])


def _classes(el: etree._Element) -> set[str]:
    return set(BADGE_SPLIT.split(str(el.get("class") or "").lower())) - {""}


def heading_year(heading: etree._Element, text: str) -> str | None:
    """The year a heading ends with in an element of its own (<small>, <span>, <time>), or None."""
    if not text[-4:].isdigit() or not YEAR_ONLY.match(text[-4:]) or int(text[-4:]) > MAX_FILM_YEAR or \
            len(text) <= len(text[-4:]) + 1:  # "Blade Runner <span>2049</span>" names no year
        return None
    for el in heading.iter(*YEAR_TAGS):
        if el is not heading and squash(text_content(el)).strip("()") == text[-4:] and \
                not (el.tail or "").strip(" )"):
            return text[-4:]
    return None


def heading_text(heading: etree._Element) -> str:
    """A heading's text without the badges at its start or end: a forum thread's prefix label ("Review",
    "Retro"), a streaming guide's "Netflix-Film" tag name the post's kind, not the film."""
    text = element_text(heading)
    kids = [k for k in heading if isinstance(k.tag, str)]
    if not kids or not text:
        return text
    lead = kids[0] if not (heading.text or "").strip() else None
    tail = kids[-1] if not (kids[-1].tail or "").strip() else None
    for badge, at_start in ((lead, True), (tail, False)):
        if badge is None or not _classes(badge) & BADGE_CLASSES:
            continue
        word = element_text(badge)
        if not word or len(word.split()) > MAX_BADGE_WORDS:
            continue
        rest = text[len(word):] if at_start and text.startswith(word) else \
            text[:-len(word)] if not at_start and text.endswith(word) else ""
        if rest.strip(" \u00a0"):
            text = rest.strip(" \u00a0")
    return text


def links_home(heading: etree._Element) -> bool:
    """The heading links to the site's front page ("<h1><a href="/">Logo</a> Kino am Markt</h1>"): it is the
    site's logo, whatever it says."""
    for a in heading.iter("a"):
        href = str(a.get("href") or "").strip()
        if href in HOME_HREFS or (urllib.parse.urlsplit(href).path in HOME_HREFS and "://" in href):
            return True
    return False


def _names_site(text: str, page: Page) -> bool:
    return names_site(text, site_names(page))


def _quoted_mentions(page: Page) -> set[str]:
    """Folded names the main content quotes („Soul“, "Soul")."""
    return {fold(m.group(1)) for line in page.main_lines for m in QUOTED.finditer(line.text)}


def _before_colon(text: str, page: Page) -> Candidate | None:
    """"Soul: Pixars schönster Film" -> "Soul" when the page quotes „Soul“ elsewhere (a headline with a tagline);
    "Nebelhorn - Lindqvists stiller Film ist sehenswert" likewise; "Familiendrama - Nebelhorn"
    -> the quoted part after a one-word kicker."""
    if (own := _own_colon_head(text, page)) is not None:
        return own
    head = _colon_head(text) or _dash_part(text, page)
    if not head or len(head) > MAX_HEAD:
        return None
    if fold(head) in _quoted_mentions(page):
        return Candidate("title", head, NAME, f"h1: {text}"[:160], W_HEAD_QUOTED)
    return None


MAX_SUBTITLE_WORDS = 6  # words of a film's subtitle after its own colon ("The Way of Water")


def _own_colon_head(text: str, page: Page) -> Candidate | None:
    """"Avatar: The Way of Water – Analyse" -> "Avatar: The Way of Water" when the page names the subtitle alone
    as a work („The Way of Water“); "Tom Cruise in Top Gun: Maverick - hitting 60, …" on /…-top-gun-maverick-cruise-
    hits-60 -> "Top Gun: Maverick", the words around the colon that the URL's slug spells as one unit (neither the
    headline's word before them nor the one after them joins them there). The colon is then the film's own, not a
    kicker's or a tagline's; a short name after it, then a dash and the rest."""
    if ": " not in text or text[:1] in QUOTE_CHARS or without_episode(text) != text:
        return None  # "Folge 87: Nebelhorn – …": an episode's number, no film's colon
    head, tail = (part.strip() for part in text.split(": ", 1))
    parts = DASH.split(tail, 1)
    sub = parts[0].strip()
    if len(parts) != 2 or not _subtitle(sub):
        return None
    words, after = head.split(), parts[1].split()[:1]
    if fold(sub) in _quoted_mentions(page) and (name := clean_title(f"{head}: {sub}")) and len(name) <= MAX_HEAD:
        return Candidate("title", name, NAME, f"h1: {text}"[:160], W_HEAD_QUOTED)
    if f"{head}: {sub}" in title_lines(page):  # "Terminator 2: Judgment Day" alone over the facts: the film's colon
        return Candidate("title", f"{head}: {sub}", NAME, f"h1: {text}"[:160], W_HEAD_QUOTED)
    slug = _own_slug(page.url)
    for start in range(1, len(words)):  # the slug leaves out the headline's first words ("Tom Cruise in")
        unit = fold(" ".join(words[start:]) + sub)
        if words[start][:1].isupper() and unit in slug and fold(words[start - 1]) + unit not in slug and \
                (not after or unit + fold(after[0]) not in slug):
            name = clean_title(f"{' '.join(words[start:])}: {sub}")
            return Candidate("title", name, NAME, f"h1: {text}"[:160], W_HEAD_QUOTED) if name else None
    return None


FACT_SEGMENTS = re.compile(r"\s+[·|]\s+")
MAX_LEAD_WORDS = 3  # words of an essay's verb or kicker before the film's name ("Revisiting", "In defence of")


def title_lines(page: Page) -> list[str]:
    """Names the main content writes as a title line of their own, below the headline: a line that is nothing
    else ("Terminator 2: Judgment Day" over the facts) or the first segment of a "·"/"|" line with a year
    ("Blade Runner 2049 · Denis Villeneuve · 2017")."""
    if "title_lines" not in page.cache:
        names: list[str] = []
        for ln in page.main_lines:
            text = ln.text.strip()
            if ln.block == "h1" or not text[:1].isupper():
                continue
            if len(text) <= MAX_HEAD:
                names.append(text)
            segments = FACT_SEGMENTS.split(text)
            if len(segments) >= 2 and len(segments[0]) <= MAX_HEAD and \
                    any(YEAR_ONLY.match(seg.strip()) for seg in segments[1:]):
                names.append(segments[0].strip())
        page.cache["title_lines"] = names
    return list(page.cache["title_lines"])


def _title_line_head(text: str, page: Page) -> Candidate | None:
    """"Revisiting Blade Runner 2049" over a title line "Blade Runner 2049 · Denis Villeneuve · 2017" -> "Blade Runner
    2049": the headline is a film name the body writes as its title line, with a few words of an essay's verb before
    it (one of them no function word) or a few lower-case words after it ("… revisited")."""
    for name in sorted(set(title_lines(page)), key=len, reverse=True):
        if name == text or len(name) < MIN_CAPS_TITLE or fold(name) in KICKER_HEADS or clean_title(name) != name:
            continue  # a line "Review" or "Kritik" alone is a section's label, no film's name
        if text.endswith(f" {name}"):
            lead = text[:-len(name)].split()
            if len(lead) <= MAX_LEAD_WORDS and lead[0][:1].isupper() and all(w.isalpha() for w in lead) \
                    and any(w.lower() not in FUNCTION_WORDS for w in lead):  # "Tag: Retro" is an archive's label
                return Candidate("title", name, NAME, f"h1: {text}"[:160], W_HEAD_QUOTED)
        elif text.startswith(f"{name} "):
            tail = text[len(name):].split()
            if len(tail) <= MAX_LEAD_WORDS and all(w.isalpha() and w.islower() for w in tail):
                return Candidate("title", name, NAME, f"h1: {text}"[:160], W_HEAD_QUOTED)
    return None


def _subtitle(text: str) -> bool:
    """A short name: a capital first, every other word capitalised or a function word, no sentence mark."""
    words = text.split()
    return 1 <= len(words) <= MAX_SUBTITLE_WORDS and words[0][:1].isupper() and not any(c in text for c in ",.;!?") \
        and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in FUNCTION_WORDS for w in words)


def recurs_as_film(head: str, page: Page) -> bool:
    """`head` is written again in a prose line of the main content, and never as a person there
    ("directed by Greta Gerwig", "Gerwig's", "von Greta Gerwig")."""
    found = False
    for line in page.main_lines:
        text = line.text
        if len(text) < MIN_PROSE_LINE or head not in text:
            continue
        if re.search(PERSON_CONTEXT.format(re.escape(head)), text):
            return False
        found = True
    return found


def _tagline_head(text: str, page: Page) -> Candidate | None:
    """"Oppenheimer: three hours with a man who could not stop" -> "Oppenheimer" and, on English pages,
    "Past Lives and the people we almost were" -> "Past Lives": a name, then a sentence, the name recurs in prose."""
    head = None
    if QUOTED.search(text):  # a quoted name in the headline is the film's (clean_title takes it)
        return None
    if ": " in text and text[:1] not in QUOTE_CHARS:
        first, tail = text.split(": ", 1)
        head = first.strip() if _is_tagline(tail) and not SEQUEL.match(tail.strip()) else None
    elif text[:1] not in QUOTE_CHARS and len(parts := DASH.split(text, 1)) == 2 and _is_tagline(parts[1]) \
            and not SEQUEL.match(parts[1].strip()) and _reads_english(page):
        # "Downfall (Der Untergang) — the bunker film everyone memed": an English dash tagline (a German dash part
        # is often the title's own subtitle: "Nebelhorn – Ein Sturm über dem kalten Meer")
        head = parts[0].strip()
    elif _reads_english(page) and (m := TITLE_CASE_RUN.match(run := YEAR_PAREN.sub("", text))) \
            and _is_tagline(run[m.end():], MIN_RUN_TAIL, 1) \
            and not REVIEW_MARK.search(run[m.end():]):  # "The Zone of Interest review – …": clean_title's
        head = m.group(1)  # "Cape Fear (1991) and the art of …": the year after the name is no word of the run
    head = clean_title(head) if head else None  # "Review: a sentence" leaves nothing
    if head and (named := NAME_THEN_PAREN.match(head)) and recurs_as_film(named.group(1), page):
        head = named.group(1)  # "Downfall (Der Untergang)": the name the prose uses, its original title aside
    if not head or len(head) > MAX_HEAD or fold(head) in FUNCTION_WORDS or fold(head) in KICKER_HEADS or \
            fold(head) in FILM_NOUNS or \
            not recurs_as_film(head, page):
        return None
    return Candidate("title", head, NAME, f"h1: {text}"[:160], W_HEAD_QUOTED)


YEAR_PAREN = re.compile(r"\s*\((?:18|19|20)\d{2}\)")
# a name and a parenthesised other name after it (the original title): "Downfall (Der Untergang)"
NAME_THEN_PAREN = re.compile(r"^([^()]+?)\s+\(([A-ZÄÖÜ][^()]{1,60})\)$")


def _reads_english(page: Page) -> bool:
    """The page says it is English, or says nothing and its prose holds English function words only (a static
    export without a lang attribute)."""
    return is_english(page) or (not language(page) and prose_language(page) == "en")


MAX_KICKER_HEAD_WORDS = 5  # words of an event's name before the colon ("Festival of Cinema 2023")
# what is left of a kicker "Movie Review:", "Film-Kritik:" once its review word is cleaned off: no film's name
FILM_NOUNS = frozenset(["movie", "film", "kino", "cinema", "filme", "movies", "films"])
# a dash tail that opens as a sentence about the film: "– Ein Film über Macht, …", "– A film about grief"
TAGLINE_OPENING = re.compile(r"^(?:Ein|Eine|A|An)\s+(?:\w+\s+)?(?:Film|Movie|Drama|Thriller|Werk|film|movie|drama|"
                             r"thriller|story|tale|portrait|Porträt|Geschichte)\b")


def _title_cased(text: str) -> bool:
    """Every word capitalised, a number or a function word: a subtitle with a comma ("And the Deathly Hallows, Part
    2"), no sentence."""
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in FUNCTION_WORDS for w in text.replace(",", " ").split())


def _without_dash_tagline(name: str) -> str:
    """"Oppenheimer – Ein Film über Macht, Moral und das Erbe der Atomkraft" -> "Oppenheimer": the part after a dash is
    a tagline when it is a sentence (two lower-case content words), or five words or more that open as a sentence
    about the film ("Ein Film über …") or hold a comma; a subtitle ("Halloween – Die Nacht des Grauens",
    "Dead Reckoning Teil Eins") is kept."""
    parts = DASH.split(name, 1)
    if len(parts) != 2 or not parts[0].strip():
        return name
    tail = parts[1].strip()
    words = tail.split()
    if _is_tagline(tail) or (len(words) >= MIN_TAGLINE_WORDS and (("," in tail and not _title_cased(tail))
                                                                  or TAGLINE_OPENING.match(tail))):
        return parts[0].strip()
    return name


# words of a streaming or cinema column's kicker: "Now streaming: …", "Neu im Stream: …", "New on Disney+: …",
# "Prime-Tipp: …", "Jetzt im Heimkino: …" (a platform, a screen or a tip; "new", "now", "max" alone are title words:
# "Apocalypse Now: Final Cut", "Mad Max: Fury Road")
KICKER_WORD = re.compile(r"(?:^|[\s-])(?:stream\w*|netflix|prime|disney\+?|hulu|mubi|joyn|kino|cinemas?|theaters?|"
                         r"theatres?|heimkino|tipp|tip|pick|tv|dvd|blu-ray|vod)(?=$|[\s-])", re.IGNORECASE)


def _names_film_elsewhere(name: str, page: Page) -> bool:
    """og:title or a part of <title> (split at the site's separators, not at the headline's colon) is `name`
    alone: the page names the film without its headline's kicker."""
    key = fold(name)
    return bool(key) and key in _site_parts(page)


def _site_parts(page: Page) -> set[str]:
    """Folded, cleaned og:title and parts of <title> split at " | ", " – ", " - " …"""
    texts = [page.meta_first("og:title") or "", *SITE_SPLIT.split(page.title_tag)]
    return {fold(t) for t in (clean_title(x) for x in texts if x.strip()) if t}


# a name opened by a person's job is a person's, no film's: "Interviews: Director Ann Lee on Glass Harbor"
JOB_LEAD = re.compile(r"^(?:Director|Filmmaker|Actor|Actress|Star|Writer|Producer|Composer|Regisseur(?:in)?|"
                      r"Filmemacher(?:in)?|Schauspieler(?:in)?|Darsteller(?:in)?|Drehbuchautor(?:in)?|Produzent(?:in)?|"
                      r"Komponist(?:in)?)\s+[A-ZÄÖÜ]")


def _colon_tail(text: str, page: Page) -> Candidate | None:
    """"Mesmerising: Glass Harbor reviewed" -> "Glass Harbor", "Nordlicht-Festival 2024: Nebelhorn" ->
    "Nebelhorn", "Now streaming: Rebel Ridge" -> "Rebel Ridge": a kicker before the colon (one word, an event's
    name with its year, or a few words of a streaming or cinema column) that the text never writes, and after it a
    name (no sentence) that the prose writes as the film; a kicker of other words ("Zum Träumen schön: …") when
    og:title or <title> names the film without it too."""
    if ": " not in text or text[:1] in QUOTE_CHARS:
        return None
    head, tail = (part.strip() for part in text.split(": ", 1))
    words = head.split()
    short = len(words) <= MAX_KICKER_HEAD_WORDS
    if not (len(words) == 1 or (short and (YEAR_ONLY.match(words[-1]) or KICKER_WORD.search(head)))
            or (short and _names_film_elsewhere(clean_title(tail) or "", page))):
        return None
    name = clean_title(tail)
    name = _without_dash_tagline(name) if name else name
    if len(words) > 1 and (REVIEW_WORD.search(head) or not (name or " ")[0].isupper()):
        return None  # "Nebelhorn (2024) Netflix Review: quiet and cold": the film and its review, then a tagline
    if not name or len(name) > MAX_HEAD or SEQUEL.match(name) or _is_tagline(name) or _in_prose(head, page) or \
            fold(head) in _quoted_mentions(page) or JOB_LEAD.match(name):
        return None
    if len(words) == 1 or YEAR_ONLY.match(words[-1]):
        confirmed = recurs_as_film(name, page)
    else:  # a column's kicker of several words: the prose's echo and a film-name mark ("Neu im Kino: Die Starts der
        # Woche" is a column whose name the prose repeats too), or og:title / <title> without the kicker
        confirmed = _names_film_elsewhere(name, page) or (recurs_as_film(name, page) and _marked_as_film(name, page))
    return Candidate("title", name, NAME, f"h1: {text}"[:160], W_HEAD_QUOTED) if confirmed else None


def _marked_as_film(name: str, page: Page) -> bool:
    """The page sets `name` apart as a work's name: it quotes it, sets it in italics, or the URL's slug spells it."""
    key = fold(name)
    if key in _quoted_mentions(page) or (key and key in _own_slug(page.url)):
        return True
    return page.main is not None and any(fold(squash(text_content(el))) == key for el in page.main.iter(*EMPHASIS_TAGS))


def _as_person(name: str, page: Page) -> bool:
    """The main content writes `name` as a person ("directed by X", "X's", "von X")."""
    person = re.compile(PERSON_CONTEXT.format(re.escape(name)))
    return any(name in ln.text and person.search(ln.text) for ln in page.main_lines)


EMPHASIS_TAGS = ("em", "i", "cite")
MIN_PREDICATE_WORDS = 3  # words of the sentence after the film's name ("is a towering sci-fi achievement")


def _sentence_head(text: str, page: Page) -> Candidate | None:
    """"Dune: Part Two is a towering sci-fi achievement" -> "Dune: Part Two": a headline sentence that opens with
    the film's name as the page writes it elsewhere — og:title or a part of <title>, a name the prose sets in
    italics (<em>, <i>, <cite>) or quotes — followed by a lower-case predicate of three words or more."""
    if not _is_tagline(text, MIN_PREDICATE_WORDS + 1, 1):
        return None  # a name alone (most headlines): nothing to look up
    names = [clean_title(t) or "" for t in (page.meta_first("og:title") or "", *SITE_SPLIT.split(page.title_tag))]
    if page.main is not None:
        names += [squash(text_content(el)) for el in page.main.iter(*EMPHASIS_TAGS)]
    quoted = _quoted_mentions(page)
    for line in page.main_lines:
        names += [strip_quotes(m.group(1)) for m in QUOTED.finditer(line.text) if fold(m.group(1)) in quoted]
    for name in sorted({n.strip() for n in names if n and 2 <= len(n.strip()) <= MAX_HEAD}, key=len, reverse=True):
        if len(name) >= len(text) or text[:len(name)].casefold() != name.casefold():
            continue
        rest = text[len(name):]
        if re.match(r"^\s+[a-zäöüß]", rest) and _is_tagline(rest, MIN_PREDICATE_WORDS, 1) and \
                not REVIEW_MARK.search(rest) and not _as_person(name, page):
            return Candidate("title", text[:len(name)], NAME, f"h1: {text}"[:160], W_HEAD_QUOTED)
    return None


# an opening quote and the marks that close it ("‘" is an apostrophe after a letter: "Int‘l")
QUOTE_PAIRS = {"‘": "’", "„": "“”", "“": "”", "«": "»", "»": "«", "‚": "‘’", "\"": "\""}


def _quoted_spans(text: str) -> list[list[str]]:
    """Per quotation in `text`, the names it may hold, longest first: a closing "’" may be an apostrophe inside
    the name ("‘The Teachers’ Lounge’"), so every closing mark not followed by a letter ends one reading."""
    spans: list[list[str]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        closers = QUOTE_PAIRS.get(ch)
        if not closers or (ch == "‘" and i and text[i - 1].isalnum()):
            i += 1
            continue
        ends = []
        for j in range(i + 1, min(len(text), i + 1 + MAX_HEAD)):
            if text[j] in QUOTE_PAIRS and text[j] not in closers:
                break  # another quotation opens
            if text[j] in closers and j > i + 2 and (j + 1 == len(text) or not text[j + 1].isalnum()):
                ends.append(j)
        if not ends:
            i += 1
            continue
        spans.append([text[i + 1:j].strip() for j in reversed(ends)])
        i = ends[-1] + 1
    return spans


# a longer reading of a quotation (its inner "’" read as an apostrophe) that takes in a headline's own
# structure: a review word or a colon after the inner closing mark
_SWALLOWED_HEADLINE = re.compile(r"[’'].*(?::\s|\b(?:review|kritik|rezension|besprechung)\b)", re.IGNORECASE)


def _quoted_head(text: str, page: Page) -> Candidate | None:
    """"‘The Crow’ remake flaps hard but never takes off", "A school becomes a pressure cooker in ‘The Teachers’
    Lounge’", "„Alles steht Kopf 2“ – Riley und die Angst" -> the one name the headline quotes, beside words of its
    own, when the page names the film so elsewhere: the prose writes it as a film, or the URL's slug spells it."""
    spans = _quoted_spans(text)
    if len(spans) != 1:
        return None  # no quotation, or several names quoted ("‘Barbie’ vs. ‘Oppenheimer’")
    slug = _own_slug(page.url)
    for name in spans[0]:
        if not name or len(name) > MAX_HEAD or not text.replace(name, "").strip(QUOTES + " ."):
            continue
        if name is not spans[0][-1] and _SWALLOWED_HEADLINE.search(name):
            continue  # "‘Poor Things’ Review: Emma Stone … Lanthimos’ …": the longer reading ran past the title
        if (slug and fold(name) == slug) or recurs_as_film(name, page):
            return Candidate("title", name, NAME, f"h1: {text}"[:160], W_HEAD_QUOTED)
    return None


MIN_COMMA_TAIL = 3  # words after the comma of a review headline's tagline ("Demi Moore Decomposes in Body Horror")


def _comma_tagline(text: str, page: Page) -> Candidate | None:
    """"REVIEW: The Substance, Demi Moore Decomposes in Body Horror" -> "The Substance": a review headline whose
    film is followed by a comma and a tagline of three words or more (in title case too), when the prose names the
    part before the comma and never the whole ("Love, Simon" and "Crazy, Stupid, Love" are written whole)."""
    if not REVIEW_WORD.search(text) or not (name := clean_title(text)) or ", " not in name:
        return None
    head, tail = (part.strip() for part in name.split(", ", 1))
    if len(tail.split()) < MIN_COMMA_TAIL or not head or len(head) > MAX_HEAD or fold(head) in FUNCTION_WORDS:
        return None
    if not _in_prose(head, page) or _in_prose(name, page) or _as_person(head, page):
        return None
    return Candidate("title", head, NAME, f"h1: {text}"[:160], W_HEAD_QUOTED)


def _episode_head(text: str, page: Page) -> Candidate | None:
    """"Folge 112: Der Schacht 2 – Wer isst zuerst?" -> "Der Schacht 2": after an episode number the
    headline is the film and the episode's tagline, when the film's part recurs in the text."""
    rest = without_episode(text)
    parts = DASH.split(rest, 1) if rest != text else []
    # the episode's tagline is a sentence or a question ("Wer hört das Horn?"); a short name after the dash
    # is the film's subtitle ("Nosferatu – Der Untote")
    if len(parts) == 2 and not (_is_tagline(parts[1], EPISODE_TAGLINE_WORDS, 1) or parts[1].rstrip().endswith(("?", "!"))):
        return None
    head = clean_title(parts[0]) if len(parts) == 2 else None
    if not head or len(head) > MAX_HEAD or not recurs_as_film(head, page):
        return None
    return Candidate("title", head, NAME, f"h1: {text}"[:160], W_HEAD_QUOTED)


def _after_prefix(text: str, page: Page) -> Candidate | None:
    """"Classics Corner: Godzilla (1954)" on /classics-corner/godzilla-1954/, "Halloween-Kultnacht: Suspiria" on
    /film/suspiria.html -> the part after the colon, when the URL's own slug spells that part alone (its year may
    follow) and the prose never writes the headline whole: a section's, series' or event's name before the film,
    which the CMS left out of the slug. Not a sequel's colon ("Dune: Part Two") nor a tagline."""
    if ": " not in text or text[:1] in QUOTE_CHARS:
        return None
    prefix, rest = text.split(": ", 1)
    if SEQUEL.match(rest.strip()) or _is_tagline(rest):
        return None
    name = clean_title(rest)
    slug = _own_slug(page.url)
    if not name or len(name) > MAX_HEAD or not slug or not fold(prefix) or label_field(prefix) or \
            any(s in LIST_SEGMENTS or label_field(s) for s in _segments(page.url)[:-1]):
        return None  # "Tag: Netflix" on /tag/netflix/, "Kritiken: Drama" on /genre/drama/: an archive's heading
    key, year = fold(name), title_year(rest)
    if slug != key and slug != f"{key}{year or ''}" or _in_prose(text, page):
        return None
    return Candidate("title", name, NAME, f"h1: {text}"[:160], W_HEAD_QUOTED)


SLUG_REVIEW = ("filmkritik", "kritik", "review", "rezension")  # "/post/suspiria-kritik": the film and a review word
MIN_ESSAY_TAIL = 4  # words of an essay subtitle after the film's name ("Wer hat Samuel gestoßen?")


def _spelled_head(text: str, page: Page) -> Candidate | None:
    """"Suspiria – Tanz der Hexen im geteilten Berlin" on /post/suspiria-kritik, "Anatomie eines Falls: Wer hat
    Samuel gestoßen?" on /post/anatomie-eines-falls -> the part before the dash or colon, when an essay subtitle
    follows (four words or more with a lower-case word of content, or a question) and the page names the film
    alone: the URL's slug spells that part (maybe with a review word), or a line of its own writes it (the title
    line over a blog's facts). Not a sequel's colon, nor a short name ("Halloween – Die Nacht des Grauens")."""
    if text[:1] in QUOTE_CHARS:
        return None
    parts = text.split(": ", 1) if ": " in text else DASH.split(text, 1)
    if len(parts) != 2 or SEQUEL.match(parts[1].strip()):
        return None
    tail = parts[1].strip()
    if not (_is_tagline(tail, MIN_ESSAY_TAIL, 1) or (tail.endswith(("?", "!")) and len(tail.split()) >= 3)):
        return None
    head = clean_title(parts[0])
    if not head or len(head) > MAX_HEAD or fold(head) in KICKER_HEADS or fold(head) in FUNCTION_WORDS:
        return None
    slug, key = _own_slug(page.url), fold(head)
    spelled = bool(key) and any(slug in (key, f"{key}{w}", f"{w}{key}") for w in SLUG_REVIEW)
    alone = any(ln.text.strip() == head and ln.block != "h1" for ln in page.main_lines)
    return Candidate("title", head, NAME, f"h1: {text}"[:160], W_HEAD_QUOTED) if spelled or alone else None


def _own_slug(url: str) -> str:
    """The folded last segment of the URL's path, without its file extension ("/film/suspiria.html" ->
    "suspiria"; an index file names its folder)."""
    try:
        parts = [p for p in urllib.parse.urlsplit(url).path.split("/") if p]
    except ValueError:
        return ""
    if parts and INDEX_FILE.match(parts[-1]):
        parts.pop()
    return fold(FILE_EXTENSION.sub("", urllib.parse.unquote(parts[-1]))) if parts else ""


def _colon_head(text: str) -> str | None:
    if ": " not in text or text[:1] in QUOTE_CHARS:  # a quoted headline is cleaned as a whole
        return None
    head, tail = text.split(": ", 1)
    return None if SEQUEL.match(tail.strip()) else clean_title(head)


def _dash_part(text: str, page: Page) -> str | None:
    parts = DASH.split(text, 1)
    if len(parts) != 2:
        return None
    head, tail = parts
    if len(head.split()) == 1 and fold(tail) in _quoted_mentions(page):
        return clean_title(tail)  # a one-word kicker ("Kriegsdrama") before the film's name
    return clean_title(head) if _is_tagline(tail) else None


def _is_tagline(text: str, min_words: int = MIN_TAGLINE_WORDS, min_content: int = MIN_TAGLINE_CONTENT) -> bool:
    """A sentence, not a subtitle: five words or more, two of them lower-case content words ("Lindqvists Film
    ist leise und schön"; not "Die Nacht des Grauens (1978)", "und der Stein der Weisen")."""
    words = re.sub(r"\([^)]*\)", " ", text).split()
    content = [w for w in words if w[:1].islower() and w.lower() not in FUNCTION_WORDS]
    return len(words) >= min_words and len(content) >= min_content


def site_names(page: Page) -> list[str]:
    """Names the site goes by: og:site_name and the label of the URL's host ("filmtagebuch")."""
    if "site_names" in page.cache:
        return list(page.cache["site_names"])
    page.cache["site_names"] = names = _site_names(page)
    return list(names)


def _site_names(page: Page) -> list[str]:
    try:
        host = urllib.parse.urlsplit(page.url).hostname or ""
    except ValueError:  # a malformed URL ("http://[::1") names no site
        host = ""
    labels = [p for p in host.split(".") if p not in HOST_NOISE]
    return [n for n in (page.meta_first("og:site_name"), labels[0] if labels else "") if n]


def _first_heading(page: Page) -> str:
    """The main content's first <h2>, for pages without a headline <h1> (older blog themes, logo <h1>s)."""
    h1 = headline(page)
    if page.main is None or page.root is None or (clean_title(h1) and _names_blog(h1, page) != "site"):
        return ""  # the <h1> names something beyond furniture ("Filmkritik" alone does not) or the site
    h2 = next(page.main.iter("h2"), None)
    return element_text(h2) if h2 is not None else ""


def _title_parts(page: Page) -> list[str]:
    """Folded parts of <title> ("Kinoschublade: Parasite", "Parasite | Kinoschublade")."""
    return [fold(p) for p in TITLE_SPLIT.split(page.title_tag) if p.strip()]


def _names_blog(h1: str, page: Page) -> str:
    """How the <h1> is the blog's name: "site" (it names the site), "title" (it is where <title> puts the
    site's name: "Blog: Post", "Post | Blog"), or "" (it is the page's headline)."""
    if is_site_name(h1, site_names(page)) or page.cache.get("headline_home"):
        return "site"  # strict: a film called "Dune" on dune-fans.example is no logo
    key, title = fold(h1), page.title_tag
    head, sep, _ = title.partition(": ")
    if sep and fold(head) == key:
        return "title"
    parts = [fold(p) for p in SITE_SPLIT.split(title) if p.strip()]
    return "title" if len(parts) > 1 and parts[-1] == key else ""


def post_heading(page: Page) -> str:
    """The post's own heading under a blog-name <h1>: the <h2>-<h4> that is the rest of <title>, or, under
    an <h1> that names the site, one with a post-title class; "" when the <h1> is the page's headline
    ("Nebelhorn" in "<title>Nebelhorn: Kritik zum Küstendrama" keeps it, whatever related posts follow)."""
    h1 = headline(page)
    how = _names_blog(h1, page) if page.main is not None and h1 else ""
    if not how or page.main is None:
        return ""
    others = set(_title_parts(page)) - {fold(h1)}
    for heading in page.main.iter("h2", "h3", "h4"):
        text = element_text(heading)
        if not text:
            continue
        if fold(text) in others:
            return text
        classes = set(CLASS_SPLIT.split(heading.get("class", "").lower())) | \
            set(heading.get("class", "").lower().split())
        if how == "site" and classes & POST_TITLE_CLASSES:
            return text
    return ""


def _review_of_line(page: Page) -> Candidate | None:
    """A kicker line that names the reviewed film ("Film review of Glass Harbor.", "Kritik zu Nebelhorn"),
    for headlines that do not name it ("Svensk's Latest Triumph"); the name must recur in prose."""
    for line in page.main_lines[:KICKER_LINES]:
        m = REVIEW_OF.match(line.text) if len(line.text) <= MAX_KICKER else None
        if m and (name := clean_title(strip_quotes(m.group(1)))) and len(name) <= MAX_HEAD and \
                recurs_as_film(name, page):
            return Candidate("title", name, NAME, f"kicker: {line.text}"[:160], W_HEAD_QUOTED)
        # a quoted name that the line calls reviewed needs no echo in the prose (a tabloid writes "der Film")
        q = QUOTED_REVIEW.match(line.text) if len(line.text) <= MAX_KICKER and line.block != "h1" else None
        if q and (name := clean_title(q.group(1).strip())) and len(name) <= MAX_HEAD:
            return Candidate("title", name, NAME, f"kicker: {line.text}"[:160], W_HEAD_QUOTED)
    return None


HEADING_BLOCKS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _in_prose(text: str, page: Page) -> bool:
    """`text` is written in a prose line of the main content (headings are not prose)."""
    key = fold(text)
    return any(len(ln.text) >= MIN_PROSE_LINE and ln.block not in HEADING_BLOCKS and key in fold(ln.text)
               for ln in page.main_lines)


def _without_possessive(title: str, page: Page) -> str:
    """"Herzog's Glass Harbor" -> "Glass Harbor" when the prose names the film without the possessive and never
    with it ("Schindler's List" is written so in its reviews)."""
    m = POSSESSIVE_LEAD.match(title)
    if not m or "'" not in title[:m.end()] and "’" not in title[:m.end()]:
        return title
    if CONTRACTED.match(title):
        return title  # "What's New on Netflix": "is", no owner
    rest = title[m.end():].strip()
    return rest if rest and recurs_as_film(rest, page) and not _in_prose(title, page) else title


def _named_elsewhere(out: list[Candidate], page: Page) -> Candidate | None:
    """The film as <title> or og:title names it, when the <h1> is an essay headline that the prose never repeats
    and that does not contain that name, while the prose does name it."""
    h1 = next((c for c in out if c.snippet.startswith("h1:") and c.field == "title"), None)
    if h1 is None:
        return None
    head = fold(str(h1.value))
    others = [c for c in out if c.field == "title" and c.snippet.startswith(("og:title:", "title:"))
              and fold(str(c.value)) not in head]  # plain tests first: most pages name one title everywhere
    if not others or _in_prose(str(h1.value), page):
        return None
    found = next((c for c in others if recurs_as_film(str(c.value), page)), None)
    return Candidate("title", found.value, NAME, found.snippet, W_OTHER_SOURCE) if found else None


def _as_written(title: str, page: Page) -> str:
    """An all-caps headline title ("ANATOMIE EINES FALLS") as the text writes it elsewhere, if it does."""
    if not title.isupper() or len(title) < MIN_CAPS_TITLE:
        return title
    low = title.lower()
    for line in page.main_lines:
        at = line.text.lower().find(low)
        if at >= 0 and len(line.text.lower()) == len(line.text):  # lower() kept every offset
            found = line.text[at:at + len(title)]
            if not found.isupper():
                return found
    return title


def _block_labels(block: etree._Element) -> list[tuple[str, str]]:
    """(field, value) of the labelled items of a fact block: list items or rows that open with a label
    ("<li><strong>Directed by</strong> X</li>", "<tr><th>Regie</th><td>X</td></tr>", "Jahr: 2023")."""
    rows = list(block.iter("tr")) if block.tag == "table" else [c for c in block if isinstance(c.tag, str)]
    out: list[tuple[str, str]] = []
    for item in rows:
        text = element_text(item)
        if len(item) and not (item.text or "").strip():
            key = squash(text_content(item[0]))
        else:
            key = text.split(":", 1)[0]
        found = label_field(key) if key and len(key) <= MAX_FACT_KEY else None
        if found:
            out.append((found[0], text[len(key):].lstrip(" :")))
    return out


def _facts_heading(page: Page, h1: str) -> Candidate | None:
    """"Anatomy of a Fall (2023)" as the heading right above the film's fact list, under an <h1> that names
    something else (a newsletter's issue, "Issue #31: A fall, a trial, a marriage") and that the prose never
    repeats: the heading names the film the facts describe (unless the facts give it as the original title)."""
    if page.main is None or not h1:
        return None
    for heading in page.main.iter(*FACT_HEADINGS):
        m = NAME_YEAR.match(heading_text(heading))
        block = heading.getnext()
        if m is None or block is None or block.tag not in FACT_BLOCKS:
            continue
        facts = _block_labels(block)
        name = clean_title(m.group(1)) or ""
        if not name or len(facts) < MIN_BLOCK_LABELS or any(f == "original_title" and fold(v) == fold(name) for f, v in facts):
            return None
        head = clean_title(h1) or ""
        # an <h1> naming the film within more words stays the title, unless it is a numbered issue's
        if (fold(name) in fold(head) and not NUMBERED_HEAD.match(h1)) or (head and _in_prose(head, page)):
            return None
        return Candidate("title", name, NAME, f"{heading.tag} over facts: {m.group(0)}"[:160], W_FACTS_HEADING)
    return None


def _box_title(page: Page, h1: str) -> Candidate | None:
    """"Wicked (2024)" as the line right above a list of labelled facts (a film widget beside an article), under an
    <h1> that opens with that name and goes on with a tagline ("Wicked im Kino: Ist das … wert?", "Gladiator
    wiederentdeckt: …"): the widget names the film. Not when the rest is a sequel's ("Gladiator II", "Dune: Part
    Two") or a title word, nor when the facts give the name as the original title."""
    h1 = h1.strip()
    if page.main is None or not h1:
        return None
    lines, first = page.main_lines, h1[:2]
    for i, line in enumerate(lines[:-1]):
        text = line.text  # the name opens the <h1>: its first letters first, then the pattern
        if not text.startswith(first) or not text.endswith(")") or len(text) > MAX_HEAD or \
                (m := NAME_YEAR.match(text)) is None:
            continue
        name = clean_title(m.group(1)) or ""
        rest = h1[len(name):] if name and fold(h1[:len(name)]) == fold(name) else None
        if not rest or not BOX_TAGLINE.match(rest) or SEQUEL.match(rest.lstrip(" :–—-")):
            continue
        item = lines[i + 1].el
        block = item.getparent() if item is not None and item.tag in ("li", "dt", "dd", "tr") else item
        if block is None or block.tag not in FACT_BLOCKS:
            continue
        facts = _block_labels(block)
        if len(facts) >= MIN_BLOCK_LABELS and not any(f == "original_title" and fold(v) == fold(name) for f, v in facts):
            return Candidate("title", name, NAME, f"fact box: {m.group(0)} under h1: {h1}"[:160], W_FACTS_HEADING)
    return None


def candidates(page: Page) -> list[Candidate]:
    """Title and year candidates from headline texts."""
    site = site_names(page)
    texts = {"h1": headline(page), "h2": _first_heading(page), "og:title": page.meta_first("og:title") or "",
             "title": page.title_tag}
    out: list[Candidate] = []
    # an <h1> that is the site's whole name is its logo, with or without a post heading below it
    logo = bool(texts["h1"]) and _names_blog(texts["h1"], page) == "site"
    if post := post_heading(page):
        texts["h2"] = ""  # the post heading replaces the first <h2> (often the date header of a blog)
        if title := clean_title(post, site):
            out.append(Candidate("title", title, NAME, f"post title: {post}"[:160], W_POST_TITLE))
        year = title_year(post)
        if year:
            out.append(Candidate("year", year, NAME, f"post title: {post}"[:160], W_POST_TITLE))
    if (over_facts := _facts_heading(page, texts["h1"]) or _box_title(page, texts["h1"])) is not None:
        out.append(over_facts)
    if (tagline := _quoted_head(texts["h1"], page) or _episode_head(texts["h1"], page) or _after_prefix(texts["h1"], page)
            or _before_colon(texts["h1"], page) or _tagline_head(texts["h1"], page) or _review_of_line(page)
            or _comma_tagline(texts["h1"], page) or _colon_tail(texts["h1"], page) or _spelled_head(texts["h1"], page)
            or _sentence_head(texts["h1"], page) or _title_line_head(texts["h1"], page)) is not None:
        out.append(tagline)
    for source in ("h1", "og:title", "title"):
        found = PLATFORM_BESIDE.search(texts[source])
        platform = parse_platform(found.group(1)) if found else None
        if platform and platform != "Kino":  # "Kino-Kritik" is the section, not where the film runs
            out.append(Candidate("platform", platform, NAME, f"{source}: {texts[source]}"[:160], W_PLATFORM))
            break
        if DISC_PREFIX.match(texts[source]) or DISC_TESTED.search(texts[source]):  # "Blu-ray-Test: Blitz"
            out.append(Candidate("platform", HOME_VIDEO, NAME, f"{source}: {texts[source]}"[:160], W_PLATFORM))
            break
    for source in ("h1", "title"):
        credit = CREDIT_PAREN.search(texts[source]) if texts[source].endswith(")") else None
        if credit and is_person(name := credit.group("a") or credit.group("b")):
            out.append(Candidate("directors", [name], NAME, f"{source}: {texts[source]}"[:160], W_HEAD_DIRECTOR))
            break
    if page.cache.get("headline_year"):
        out.append(Candidate("year", page.cache["headline_year"], NAME, f"h1: {texts['h1']} [year element]"[:160],
                             SOURCES[0][2]))
    for source, w_title, w_year in SOURCES:
        text = texts[source]
        title = clean_title(text, site)
        if title:
            title = _as_written(title, page)
            weight = W_SITE_H1 if source == "h1" and (post or logo) else w_title
            out.append(Candidate("title", title, NAME, f"{source}: {text}"[:160], weight))
        year = title_year(text)
        if year:
            out.append(Candidate("year", year, NAME, f"{source}: {text}"[:160], w_year))
    out = [Candidate(c.field, _without_possessive(str(c.value), page), c.strategy, c.snippet, c.weight)
           if c.field == "title" and "s " in str(c.value) else c for c in out]
    if (named := _named_elsewhere(out, page)) is not None:
        out.append(named)
    if (kicker := GENRE_KICKER.match(texts["h1"] or "")) and is_genre_word(kicker.group(1)):
        genres = parse_genres(kicker.group(1))  # "Kriegsdrama - Im Westen nichts Neues": the genre as the kicker
        if genres:
            out.append(Candidate("genres", genres, NAME, f"h1: {texts['h1']}"[:160], W_GENRE_KICKER))
    return out
