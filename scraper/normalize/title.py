"""Headline/title text -> the film's title, cleaned of page furniture ("– Kritik / Netflix", "Review:", "(2023)")."""
from __future__ import annotations

import re

QUOTES = "„“”\"«»‚‘’'›‹「」"
# words that mark a review in headlines (German and English)
REVIEW_WORDS = r"(?:Film[- ]?)?(?:Kritik|Rezension|Review|Besprechung|Filmkritik|Filmreview|Kurzkritik|Retro[- ]Review|" \
               r"Movie Review|Film Review|Serienkritik|Heimkino-Kritik|Blu-ray-Kritik|DVD-Kritik)"
# a column's or screening series' kicker before the film: "Unser Filmtipp: …", "Filmtipp der Woche: …",
# "Film des Monats: …", "Kultnacht: …" (a revival night), "Sneak Preview: …"; a film diary's "Gesehen: …",
# "Watched: …"
COLUMN_KICKERS = r"(?:(?:Unser(?:e)?|Mein(?:e)?|Der|Our|My)\s+)?(?:(?:Film|Kino|TV|Heimkino|Streaming|DVD|Medien)-?)?" \
                 r"(?:Tipp|Empfehlung|Pick)(?:\s+(?:der|des|of\s+the)\s+(?:Woche|Tages|Monats|Week|Month|Day)" \
                 r"|\s+zu[mr]\s+[^:–—]{2,50}?(?=\s*:))?" \
                 r"|Film\s+(?:der\s+Woche|des\s+Monats|of\s+the\s+(?:Week|Month))|Kultnacht|Kultfilm|Kultkino" \
                 r"|Sneak(?:\s+Preview)?|Wiederaufführung|Retro(?:spektive)?|Revival|Throwback" \
                 r"|(?:Neu\s+|Zuletzt\s+|Wieder|Erneut\s+)?[Gg]esehen|Watched|Rewatch(?:ed)?"
# a review word compounded with where or how the film was seen, before a colon: "Filmclub-Kritik:",
# "Festival-Review:", "Kinoabend-Kritik:", or with who wrote it: "Kinderjury-Kritik:", "Leser-Rezension:",
# "Gast-Review:" (a compound with another word, "Barbie-Kritik:", names the film)
VENUE_REVIEW = r"(?:Film|Kino|Festival|Berlinale|Streaming|Serien|TV|Kinder|Jugend|Jury|Schüler|Leser|Gast|Redaktion|" \
               r"Zuschauer|Publikum)[a-zäöüß]*-" + REVIEW_WORDS
PREFIX = re.compile(r"^\s*(?:\[[^\]]*\]\s*)?(?:(?:" + VENUE_REVIEW + r"|" + REVIEW_WORDS + r"|" + COLUMN_KICKERS +
                    r"|Im Kino|Neu auf \w+|Kinostart|Klassiker)"
                    r"(?:\s+(?:zu[mr]?|of|to)\s+(?:(?:dem|der)\s+)?(?:Film|Serie|Movie|Kinofilm))?\s*[:–—-]"
                    r"|(?:" + REVIEW_WORDS + r")\s+(?:zu|of|von|zum Film)\b)\s*", re.IGNORECASE)
# trailing phrases that say "reviewed" ("Oppenheimer im Test", "Barbie in der Kritik")
TESTED = re.compile(r"\s+(?:im\s+(?:Test|Check|Review)|in\s+der\s+Kritik|unter\s+der\s+Lupe|reviewed)\s*$",
                    re.IGNORECASE)
# the same phrase before a tagline: "Wicked im Test: Ein Fest in Grün", "Blitz in der Kritik – ein Kriegsfilm"
TESTED_TAGLINE = re.compile(r"^(?P<film>\S.{0,80}?)\s+(?:im\s+(?:Test|Check|Review)|in\s+der\s+Kritik)\s*(?::|\s[–—-])\s+\S",
                            re.IGNORECASE)
# a fact label opening the headline of a blog that writes its facts as labelled lines: "Film: Star!", "Movie: …"
LABEL_PREFIX = re.compile(r"^\s*(?:Film|Movie|Filmtitel|Titel|Title)\s*:\s+(?=\S)", re.IGNORECASE)
# a disc edition after the film's name on a disc review site: "Titel (4K UHD Blu-ray)", "Titel – 4K-UHD-Test",
# "Titel: 4K-Disc", "Titel auf Blu-ray: Testbericht", "Titel – Blu-ray Review" (the page tests the disc)
# (a shop's edition words before it: "– Special Edition Blu-ray", "– Collector's Edition 4K Ultra HD"; a second
# disc after it: "4K Ultra HD + Blu-ray", "4K Ultra HD (+ Blu-ray)")
EDITION = r"(?:(?:Special|Collector['’]?s|Limited|Ultimate|Deluxe|Definitive|Anniversary|Remastered|Restored|Uncut|" \
          r"Extended|Steelbook|Mediabook)\s+)+(?:Edition\s+)?"
DISC_FORMAT = r"(?:" + EDITION + r")?(?:4K|UHD|Ultra[- ]HD|Blu-?ray|DVD)" \
              r"(?:[- ]?(?:4K|UHD|Ultra[- ]HD|Blu-?ray|DVD|Disc|Steelbook))*" \
              r"(?:\s*[+&/]\s*(?:4K|UHD|Blu-?ray|DVD)|\s*\(\s*[+&]\s*(?:4K|UHD|Blu-?ray|DVD)\s*\))?"
DISC_TAIL = re.compile(r"(?:\s*\(\s*" + DISC_FORMAT + r"\s*\)|(?:\s+[–—|-]|:)\s*" + DISC_FORMAT +
                       r"|\s+(?:auf|on)\s+" + DISC_FORMAT + r")(?:\s*[:–—-]?\s*(?:Testbericht|Test|Review|Kritik))?\s*$",
                       re.IGNORECASE)
# a disc or home-video test before the film: "Blu-ray-Test: Blitz", "4K-Review: …", "UHD-Kritik: …", "DVD-Test: …",
# "Heimkino-Test: …"; after it: "Blitz im Blu-ray-Test", "Blitz im 4K-Check"
DISC_TEST = r"(?:" + DISC_FORMAT + r"|Heimkino)[- ]?(?:Test|Testbericht|Check|Review|Kritik|Rezension)"
DISC_PREFIX = re.compile(r"^\s*" + DISC_TEST + r"\s*[:–—-]\s*(?=\S)", re.IGNORECASE)
DISC_TESTED = re.compile(r"(?:\s+im|\s+[–—|-]\s+(?:der|unser|im))\s+" + DISC_TEST + r"\s*$", re.IGNORECASE)
ONLY_FURNITURE = re.compile(r"^\s*(?:" + REVIEW_WORDS + r")?\s*$", re.IGNORECASE)
SUFFIX = re.compile(r"\s*(?:[–—|-]|:)\s*(?:(?:unsere?|meine?|die|eine?|our|my|the|an?)\s+)?(?:" + VENUE_REVIEW + "|" + REVIEW_WORDS + r")\b.*$|\s+(?:" + REVIEW_WORDS + r")\s*$"
                    r"|\s+(?:" + REVIEW_WORDS + r")\s*[:–—|-]\s.*$", re.IGNORECASE)
# a quoted film name in a review headline: "‘The Holdovers’ Review: …", "Kritik zu „Poor Things“: …"
# (an apostrophe inside a word, "Int’l", "Nolan’s", opens no quote)
QUOTED = re.compile(r"(?:(?<![^\W\d_])[‘’]|[„“\"«»‚›‹])([^„“”\"«»‚‘’›‹]{2,80})[“”\"»«‘’‹›]")
REVIEW_WORD = re.compile(REVIEW_WORDS, re.IGNORECASE)
# an ASCII single-quoted name: the opening quote follows a space or the start (so "Nolan's" is no quote)
SINGLE_QUOTED = re.compile(r"(?:(?<=\s)|^)'([A-Z0-9][^']{1,80}?)'(?=[\s:,.!?;]|$)")
# a platform word left in front of the review word ("Nebelhorn (2024) Netflix Review: …")
PLATFORM_TAIL = re.compile(r"\s+(?:Netflix|Prime Video|Amazon Prime|Amazon|Disney\+|Apple TV\+|HBO Max|HBO|Sky|"
                           r"Hulu|Paramount\+|WOW|Movie|Film)$")
# an alternate title in another script, in brackets after the name ("Die Falle (덫)")
NATIVE_ALTERNATE = re.compile(r"\s*[(（][^\x00-\u024f()（）]+[)）]\s*$")
BRACKETS = re.compile(r"\s*\[(?:draft|entwurf|update|spoiler|video)[^\]]*\]\s*", re.IGNORECASE)
# a library catalogue's general material designation after the title: "Lola rennt [Bildtonträger]",
# "[DVD-Video]", "[Videoaufzeichnung]", "[Blu-ray]", "[videorecording]" (RAK/AACR2/RDA records)
MATERIAL = re.compile(r"\s*\[\s*(?:Bildtonträger|Tonträger|Videoaufzeichnung|Video(?:kassette|disc|disk)?|Laufbild|"
                      r"Filmdokument|Film|Medienkombination|Elektronische\s+Ressource|DVD(?:-Video)?|Blu-?ray(?:\s+Disc)?|"
                      r"videorecording|motion\s+picture|electronic\s+resource)\s*\]", re.IGNORECASE)


def without_material(text: str) -> str:
    """A catalogue title without its material designation ("Scarface [Bildtonträger]" -> "Scarface")."""
    return MATERIAL.sub("", text).strip() if "[" in text else text
# a forum or board tag naming the post a review: "[Review] Dune (2021)", "Dune [Kritik]", "Dune (Review)"
REVIEW_TAG = re.compile(r"\s*(?:\[\s*" + REVIEW_WORDS + r"[^\]]{0,20}\]|\(\s*" + REVIEW_WORDS + r"\s*\))\s*",
                        re.IGNORECASE)
# "Oldboy (2003) – Wiedergesehen": the film's name ends at its year when a tagline follows
# "(2023)", and "(2023, Koreeda)" / "(2023, Japan)": a year and a short note (director, country) after it
YEAR_NOTE = r"(?:,\s*[^()\d,]{2,30})?"
# ... or the note before the year: "(Edward Berger – 2022)", "(Koreeda, 2023)"
NOTE_YEAR = r"(?:[^()\d,–—|]{2,30}?\s*(?:,|\s[–—-])\s*)?"
YEAR_THEN_TAGLINE = re.compile(r"(?<=\S)\s*\(" + NOTE_YEAR + r"(?:18|19|20)\d{2}" + YEAR_NOTE +
                               r"\)\s*(?:[–—|:-]|//)\s+\S.*$")
YEAR_PAREN = re.compile(r"\s*\(" + NOTE_YEAR + r"((?:18|19|20)\d{2})" + YEAR_NOTE + r"\)")
SITE_TAIL = re.compile(r"\s+[–—|-]\s+([^–—|]{2,60})$")  # " – Filmtagebuch" at the end
MIN_SITE = 4  # characters: shorter trailing parts are part of the title ("Alien – Teil 2")
SITE_SEP = re.compile(r"\s+[|•·»]\s+")
# a podcast's or show's episode number before the film: "Folge 112: Film – Tagline", "Episode 12 – Film", "#48: Film"
EPISODE_PREFIX = re.compile(r"^\s*(?:(?:Folge|Episode|Ep\.?|Podcast-Folge|Podcastfolge|Show)\s*(?:Nr\.\s*)?#?|#)"
                            r"\d{1,4}\s*(?::|\.(?=\s)|[–—|-]\s)\s*(?=\S)", re.IGNORECASE)


def without_episode(text: str) -> str:
    """The headline after an episode number ("Folge 112: Der Schacht 2 – …" -> "Der Schacht 2 – …")."""
    m = EPISODE_PREFIX.match(text) if text[:1].isalpha() or text[:1] in "# " else None
    return text[m.end():] if m else text


def title_year(text: str | None) -> int | None:
    """The year in "(YYYY)" of a headline, or None."""
    m = YEAR_PAREN.search(text or "")
    return int(m.group(1)) if m else None


def strip_quotes(text: str) -> str:
    """Remove quotes that wrap the whole text."""
    text = text.strip()
    while len(text) >= 2 and text[0] in QUOTES and text[-1] in QUOTES:
        text = text[1:-1].strip()
    if text.count("„") == 1 and text.startswith("„") and "“" in text[-2:]:
        text = text.lstrip("„").rstrip("“").strip()
    return text


def names_site(part: str, sites: list[str]) -> bool:
    """The trailing part of a <title> names the site ("Die Filmtruhe" for filmtruhe.example)."""
    key = _fold_umlauts(part)
    return len(key) >= MIN_SITE and any(s and (key in s or s in key) for s in map(_fold_umlauts, sites))


def _fold_umlauts(text: str) -> str:
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return re.sub(r"[\W_]+", "", text.removeprefix("der ").removeprefix("die ").removeprefix("das ")
                  .removeprefix("the "))


def _one_quoted(title: str) -> str | None:
    """The one quoted name in a headline (typographic or ASCII single quotes), or None."""
    found = QUOTED.findall(title)
    if len(found) == 1:
        return str(found[0])
    single = SINGLE_QUOTED.findall(title) if not found else []
    return str(single[0]) if len(single) == 1 else None


def is_site_name(part: str, sites: list[str]) -> bool:
    """`part` is the site's name itself or contains it ("Kinoschublade"), not merely a piece of it: a film
    called "Dune" on dune-fans.example is no site name."""
    key = _fold_umlauts(part)
    return bool(key) and any(s and (key == s or (len(s) >= MIN_SITE and s in key)) for s in map(_fold_umlauts, sites))


def _site_prefix(title: str, sites: list[str]) -> str:
    """"Kinoschublade: Parasite" -> "Parasite" when the part before the colon names the site (blog titles); likewise
    before a spaced dash ("annlee — the substance": a blog host's <title>)."""
    head, sep, rest = title.partition(": ")
    if sep and rest.strip() and sites and is_site_name(head, sites):
        return rest
    parts = SITE_HEAD.split(title, 1)  # the head is the site's name and nothing else ("Kinoblatt – Kinoblatt Plus")
    if len(parts) == 2 and parts[1].strip() and _fold_umlauts(parts[0]) in {_fold_umlauts(s) for s in sites if s}:
        return parts[1]
    return title


SITE_HEAD = re.compile(r"\s+[–—]\s+")  # the separator after a site's name opening a <title> ("annlee — …")


def clean_title(text: str | None, site_name: str | list[str] | None = None) -> str | None:
    """The film's title from a headline or <title>, or None when nothing is left. `site_name` (one or
    several: og:site_name, the URL's host name) lets a trailing "– Site" go."""
    if not text:
        return None
    sites = [site_name] if isinstance(site_name, str) else list(site_name or [])
    title = without_episode(" ".join(text.split()))  # "Ep. 45 | Film": before the "|" split
    parts = SITE_SEP.split(title)
    # "Review | 'Wicked' is …": a review's headline ("Kritik | Site" names no film)
    kicked = len(parts) > 1 and bool(ONLY_FURNITURE.match(parts[0])) and not (sites and is_site_name(parts[1], sites))
    if len(parts) > 1:  # "Film | Site", or "Site | Film" when the first part names the site or is only a kicker
        # ("Review | 'Wicked' is a dazzling return to Oz")
        title = parts[1] if kicked or (sites and is_site_name(parts[0], sites)) else parts[0]
    title = without_episode(_site_prefix(title, sites))
    tail = SITE_TAIL.search(title)
    if tail and sites and names_site(tail.group(1), sites):
        title = title[:tail.start()]
    title = REVIEW_TAG.sub(" ", BRACKETS.sub(" ", without_material(title))).strip()
    quoted = _one_quoted(title)
    if quoted and (kicked or REVIEW_WORD.search(title) or ":" in title):
        # a comma set inside the quotes ("In 'Wicked,' Cynthia Erivo flies") is the sentence's
        return strip_quotes(quoted).removesuffix(",").strip() or None
    reviewed = bool(REVIEW_WORD.search(title))
    title = YEAR_THEN_TAGLINE.sub("", title)
    if (tested := TESTED_TAGLINE.match(title)) is not None:
        title = tested.group("film")
    for _ in range(2):
        title = DISC_TESTED.sub("", DISC_PREFIX.sub("", TESTED.sub("", title)))
        title = DISC_TAIL.sub("", title)
        title = PREFIX.sub("", title)
        title = LABEL_PREFIX.sub("", title)
        title = SUFFIX.sub("", title).strip()
        title = YEAR_PAREN.sub("", title).strip()
        if reviewed:
            title = PLATFORM_TAIL.sub("", title)
    title = uninverted(NATIVE_ALTERNATE.sub("", strip_quotes(STAR_TAIL.sub("", title))).strip(" :–—-"))
    title = YEARS_ON.sub("", FILM_APPOSITION.sub("", title))
    return None if ONLY_FURNITURE.match(title) else title


# a star display closing a headline ("Parasite ★★★★½", "Film – ★★★☆☆"): the score, no word of the title
STAR_TAIL = re.compile(r"(?:^|\s+(?:[–—|-]\s+)?)[★☆✮✭⭐✩½]+(?:\s*½)?\s*$")


# "Barbie, der Film: …", "Foghorn, the movie": the headline's sentence calling the name a film (lower-case article;
# "X – Der Film" is a title)
FILM_APPOSITION = re.compile(r"(?<=\S),\s+(?:der|the)\s+(?:Film|film|Kinofilm|movie|Movie)$")
# a revisit's distance closing the headline: "Memento, twenty years on", "Alien, 40 years later", ", zehn Jahre danach"
YEARS_ON = re.compile(r"(?<=\S),\s+(?:\d{1,3}|[A-Za-z]+(?:-[a-z]+)?)\s+(?:years?|Jahre)\s+"
                      r"(?:on|later|after|since|später|danach|darauf)$", re.IGNORECASE)


# a film database's sorted form, the article moved behind the one comma: "Schuh des Manitu, Der", "Rounders, The",
# "Avventura, L'" (German, English, French, Spanish, Italian articles; "I" is left out: a pronoun, a numeral)
INVERTED = re.compile(r"^(?P<rest>[^,]+),\s+(?P<article>Der|Die|Das|Ein|Eine|The|An|A|Le|La|Les|L'|L’|Un|Une|El|Los|"
                      r"Las|Una|Il|Lo|Gli|Uno)$")


def uninverted(title: str) -> str:
    """"Schuh des Manitu, Der" -> "Der Schuh des Manitu"; a title without that one trailing ", Article" as it is."""
    m = INVERTED.match(title) if ", " in title else None
    if m is None:
        return title
    article = m.group("article")
    return f"{article}{m.group('rest')}" if article.endswith(("'", "’")) else f"{article} {m.group('rest')}"
