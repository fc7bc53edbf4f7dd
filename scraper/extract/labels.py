"""Label vocabularies (German and English) of fact blocks and rating lines: data, apart from logic."""
from __future__ import annotations

import re

# platform labels of a disc review's edition ("Medium: 4K UHD Blu-ray + Blu-ray") or a shop's product ("Format:
# 4K Ultra HD + Blu-ray"): only a platform of the vocabulary counts (a "Medium: Steelbook", "Format: 2.39:1" names none)
DISC_MEDIUM_LABELS = ("medium", "datenträger", "bildträger", "trägermedium", "disc format", "format")
# fact label (case-insensitive, without trailing colon) -> field
FACT_LABELS: dict[str, str] = {
    **dict.fromkeys(["titel", "title", "filmtitel", "deutscher titel", "dt. titel", "german title"], "title"),
    **dict.fromkeys(["originaltitel", "original-titel", "ot", "o.t.", "original title", "originaler titel",
                     "org. titel", "orig. titel", "orig.-titel", "internationaler titel",
                     # the original title in Latin letters, as sites on Asian cinema give it beside the native script
                     "romaji", "rōmaji", "romanised", "romanized", "romanised title", "romanized title",
                     "romanisation", "romanization"], "original_title"),
    **dict.fromkeys(["jahr", "produktionsjahr", "erscheinungsjahr", "year", "produktion", "production year",
                     "land/jahr", "land / jahr", "herstellungsland/jahr", "produktionsland/jahr", "entstehungsjahr",
                     "release year", "year of release", "country/year", "land, jahr"], "year"),
    **dict.fromkeys(["genre", "genres", "genre(s)", "gattung", "filmgenre"], "genres"),
    **dict.fromkeys(["fsk", "altersfreigabe", "freigabe", "fsk-freigabe", "freigegeben",
                     "fsk freigabe", "jugendfreigabe"], "fsk"),
    **dict.fromkeys(["r", "dir", "dir.", "regie", "regisseur", "regisseurin", "regisseure", "director", "directors",
                     "directed by",
                     "inszenierung", "regie & drehbuch", "regie und drehbuch", "written and directed by",
                     "writer/director", "director/writer", "buch und regie", "buch & regie", "drehbuch und regie",
                     "drehbuch & regie", "regie und buch", "regie & buch", "writer-director",
                     # a director who also cut or shot the film: "Regie und Schnitt: X"
                     "regie und schnitt", "regie & schnitt", "regie und kamera", "regie & kamera",
                     "regie, buch und schnitt", "director/editor", "directed and edited by"], "directors"),
    **dict.fromkeys(["drehbuch", "buch", "b", "screenplay", "screenplay by", "written by", "writer", "writers",
                     "writer(s)", "screenwriter", "screenwriters", "drehbuchautor", "drehbuchautorin",
                     "drehbuchautoren", "drehbuchautor*innen", "autor", "autorin", "autoren"], "writers"),
    **dict.fromkeys(["d", "darsteller", "darstellerinnen", "darsteller*innen", "besetzung", "cast", "starring",
                     "schauspieler", "hauptdarsteller", "hauptdarstellerin", "mit", "stars", "with",
                     "in den hauptrollen", "main cast", "darsteller/innen", "sprecher", "actors", "actor",
                     "lead actors", "schauspielerinnen", "stimmen", "originalstimmen", "sprecherin",
                     "sprecher*innen", "synchronsprecher", "voices", "voice cast", "original voices",
                     "voice actors"], "cast"),
    **dict.fromkeys(["starttermin", "kinostart", "deutschland-start", "deutschlandstart", "streaming-start",
                     "streamingstart", "release date", "release", "veröffentlichung", "vö", "start", "filmstart",
                     "heimkinostart", "heimkino-start", "dvd-start", "blu-ray-start", "premiere", "erscheinungsdatum",
                     "erscheinungstermin", "in theaters", "in theatres", "in cinemas", "released", "netflix-start",
                     "deutscher kinostart", "kinostart deutschland", "bundesstart", "streaming ab",
                     "im kino ab", "ab", "verfügbar ab", "release date (germany)", "us release", "starts",
                     "tv-premiere", "erstausstrahlung", "opened", "opens", "opening date", "veröffentlicht", "verfügbar", "verfügbar bei",
                     "verfügbar auf", "jetzt bei", "läuft bei", "zu sehen bei", "streaming bei", "streaming auf",
                     "now streaming on", "stream on", "streamen bei", "available on", "watch on",
                     "verfügbar seit", "streaming seit", "im kino seit", "läuft seit", "online seit", "heimkino",
                     "home video", "home entertainment", "dvd/blu-ray", "blu-ray/dvd"], "release"),
    **dict.fromkeys(["plattform", "anbieter", "where to watch", "where", "streaming", "streamingdienst", "zu sehen auf",
                     "sender", "platform", "auswertung", "where to see it", "where to watch it", "where to stream",
                     "how to watch", "wo zu sehen", "wo läuft er", "sendetermin", "sendetermine", "sendezeit",
                     "ausstrahlung", "tv-termin", "fernsehtermin", "im tv", "broadcast", "on tv", "airs",
                     "where", *DISC_MEDIUM_LABELS], "platform"),
    **dict.fromkeys(["bewertung", "wertung", "unsere wertung", "meine wertung", "rating", "our rating", "score",
                     "note", "punkte", "gesamtwertung", "endwertung", "unser fazit", "fazit", "verdict",
                     "our verdict", "grade", "urteil", "unser urteil", "filmwertung", "redaktionswertung",
                     "my rating", "final score", "overall", "gesamtnote", "bewertung der redaktion",
                     "unsere bewertung", "kritiker-wertung", "critic score", "wertung der redaktion"], "rating"),
    **dict.fromkeys(["land", "herstellungsland", "produktionsland", "country", "countries",
                     "produktionsländer"], "country"),
}
# a gender-inclusive ending of a label: "Darsteller*innen", "DARSTELLER*RINNEN", "Regisseur_innen", "Autor/innen"
GENDER_ENDING = re.compile(r"(?<=[^\W\d_])[*_/](?:r?innen|in)$", re.IGNORECASE)
# a qualifier after a label: "Kinostart (DE)", "Release (US)", "Start (Netflix)"; the label is the rest
LABEL_QUALIFIER = re.compile(r"\s*\(\s*([^()\d]{1,20}?)\s*\)\s*$")
# labels of an age recommendation: advice, never the FSK
AGE_ADVICE_LABELS = ("altersempfehlung", "pädagogische empfehlung", "paedagogische empfehlung", "empfohlen ab",
                     "geeignet ab", "empfehlung", "age recommendation", "recommended age", "suitable for")
# labels of facts we do not keep; they end the value of the label before them ("Regie: X. Drehbuch: Y")
STOP_LABELS = (
    "kamera", "musik", "schnitt", "laufzeit", "länge", "dauer", "runtime", "running time",
    "verleih", "music", "cinematography", "produzent",
    # the rest of a trade paper's crew line ("Director, writer: X. Camera: Y. Editor: Z.")
    "camera", "editor", "editors", "editing", "production designer", "costume designer", "sound",
    "producer", "studio", "distributor", "spieldauer", "fassung", "sprache", "language", "untertitel",
    "budget", "vorlage", "k", "m", "p", "tags", "schlagwörter", "kategorie", "kategorien", "rated",
    "mpaa", "mpaa rating",
    # an age recommendation (a children's portal's, an educational service's, a streaming service's) is advice,
    # not the legal FSK rating: "Altersempfehlung: ab 8 Jahren", "Pädagogische Empfehlung: ab 14"
    *AGE_ADVICE_LABELS,
)
# credit labels naming the director and the writer at once ("Buch und Regie: X")
WRITER_DIRECTOR = frozenset({"regie & drehbuch", "regie und drehbuch", "written and directed by", "writer/director",
                             "director/writer", "buch und regie", "buch & regie", "drehbuch und regie",
                             "drehbuch & regie", "regie und buch", "regie & buch", "writer-director"})
# writer labels that as often name the article's author ("Autor: Kai Ostwald"): a writer only among film credits
CONTEXT_WRITER_LABELS = frozenset({"autor", "autorin", "autoren", "written by", "writer"})
# stop labels of the film's crew (not "Tags", "Laufzeit", "Sprache"): a film credit beside "Autor: X"
CREW_STOP_LABELS = ("kamera", "musik", "schnitt", "produzent", "producer", "music", "cinematography", "k", "m")
# labels that open a credits segment without a colon ("Directed by X · Starring Y · In theaters …") -> field
PREFIX_LABELS: dict[str, str] = {
    "directed by": "directors", "regie": "directors", "a film by": "directors", "ein film von": "directors",
    "starring": "cast", "with": "cast", "mit": "cast", "in den hauptrollen": "cast",
    "in theaters": "release", "in cinemas": "release", "now streaming on": "release", "streaming on": "release",
    "kinostart": "release", "im kino ab": "release", "ab": "release", "jetzt bei": "release",
    "rated": "fsk", "fsk": "fsk", "genre": "genres", "starttermin": "release", "release date": "release",
    "deutschland-start": "release", "streaming-start": "release", "originaltitel": "original_title",
    "in uk cinemas": "release", "in uk cinemas from": "release", "in cinemas from": "release",
    "in theaters from": "release", "in us theaters": "release", "in german cinemas": "release",
    "in deutschen kinos": "release", "in den kinos": "release", "ab heute im kino": "release",
    "original title": "original_title", "start": "release", "verfügbar auf": "release",
    "verfügbar bei": "release", "jetzt auf": "release", "in theatres": "release", "in theatres from": "release",
    "in uk theatres": "release", "von": "directors", "director": "directors", "dir.": "directors",
    "written by": "writers", "screenplay by": "writers", "drehbuch": "writers",
    "seit": "release",  # "Seit 19. September 2024 im Kino" (an article after the start)
    "written and directed by": "directors", "geschrieben und inszeniert von": "directors",
}
# prefixes that open a byline as often as a credit ("Von Lukas Rehm"): they count only beside other credits,
# in the same line or in the neighbouring blocks of an info box
CONTEXT_PREFIXES = frozenset({"von"})
# a heading word opening a line of film facts: "INFO: F 2023. 151 Min. Von X. Mit Y."
INFO_HEADINGS = ("info", "infos", "filminfo", "filminfos", "film-info", "fakten", "filmdaten", "details",
                 "zum film", "facts", "film facts", "crew", "credits", "stab")
# production countries as film press abbreviates them ("F 2023", "D/A 2022", "GB 2019")
COUNTRY_CODES = ("d", "f", "i", "e", "a", "ch", "dk", "s", "n", "nl", "b", "j", "pl", "cz", "irl", "aus", "nz",
                 "kan", "can", "br", "mex", "kor", "jp", "hk", "tr", "fin", "isl", "por", "p", "gr", "brd", "ddr")
# prefixes that are ordinary words too: they count only inside a separated credits line or after its first part
WEAK_PREFIXES = {"director", "dir.", "drehbuch", "written by", "screenplay by", "with", "mit", "ab", "seit", "regie", "rated", "fsk", "genre", "jetzt bei", "kinostart", "start",
                 "verfügbar auf", "verfügbar bei", "jetzt auf"}
# platform labels that as often name a venue ("Where: Lecture hall 3"): only a platform of the vocabulary counts
VENUE_LABELS = frozenset({"where", *DISC_MEDIUM_LABELS})
# platform labels of a broadcast: the channel or its Mediathek is the platform ("TV" when none is named); the
# date is an airing, not a release
BROADCAST_LABELS = frozenset({"sendetermin", "sendetermine", "sendezeit", "ausstrahlung", "tv-termin",
                              "fernsehtermin", "im tv", "broadcast", "on tv", "airs"})
# release labels that by themselves name the platform (folded label -> platform text)
RELEASE_PLATFORM: dict[str, str] = {
    "kinostart": "Kino", "deutscher kinostart": "Kino", "kinostart deutschland": "Kino", "bundesstart": "Kino",
    "im kino ab": "Kino", "in theaters": "Kino", "in theatres": "Kino", "in cinemas": "Kino", "heimkinostart": "DVD/Blu-ray",
    "dvd-start": "DVD/Blu-ray", "blu-ray-start": "DVD/Blu-ray", "netflix-start": "Netflix",
    "tv-premiere": "TV", "erstausstrahlung": "TV", "heimkino": "DVD/Blu-ray", "home video": "DVD/Blu-ray",
    "home entertainment": "DVD/Blu-ray", "dvd/blu-ray": "DVD/Blu-ray", "blu-ray/dvd": "DVD/Blu-ray",
}
# words that mark a headline, heading or kicker as a review (lower case)
REVIEW_WORDS = ("kritik", "review", "rezension", "fazit", "verdict", "besprechung", "urteil", "filmkritik",
                "unsere meinung", "our take", "bewertung", "wertung")
# words that date a score as superseded, before its value: "Original 2017 rating: ★★★☆☆", "Previous grade: B",
# "Rating at the time: 6/10", "Damalige Wertung: 3 von 5", "Erstwertung: 7/10" (a revisit gives its current one beside it)
_SCORE_WORD = r"(?:rating|score|grade|verdict|stars|[a-zäöüß]*wertung|note|punkte|urteil)"
SUPERSEDED_SCORE = re.compile(
    r"\b(?:original(?:ly)?|previous|earlier|old|initial|former|prior|first[- ](?:watch|viewing|time)|"
    r"ursprünglich\w*|damalig\w*|alte[nr]?|früher\w*|vorherig\w*|bisherig\w*)\s+(?:\S+\s+){0,2}?"
    + _SCORE_WORD + r"\b|"
    r"\b(?:erst|alt)(?:wertung|bewertung|note)\b|"
    r"\b" + _SCORE_WORD + r"\s+(?:\S+\s+)?(?:at\s+the\s+time|on\s+(?:first\s+)?release|back\s+then|damals|"
    r"seinerzeit)\b", re.IGNORECASE)
# ... such a score comes last among the page's ratings: a current one wins, whatever its form
W_SUPERSEDED = 20
SCORE_START = re.compile(r"[★☆½✮✭⭐]|(?<![\d.,])\d{1,3}(?:[.,]\d+)?(?!\d)\s*(?:/|von\b|of\b|out\b|%|$)|"
                         r"(?<![^\W\d_])[A-F][+\-–−]?(?![^\W\d_])", re.IGNORECASE)


def superseded_score(text: str) -> bool:
    """The words before the score of a rating line date it as an earlier one ("Original 2017 rating: ★★★☆☆")."""
    start = SCORE_START.search(text)
    return bool(SUPERSEDED_SCORE.search(text[:start.start()] if start else text))


# words in titles and alert banners that mark an unpublished draft
DRAFT_WORDS = ("entwurf", "draft", "unveröffentlicht", "nicht veröffentlich", "do not publish", "unpublished",
               "status-draft", "vorschau nur", "interne", "intern)", "(intern")
# production countries (for "Südkorea 2023" lines without a label)
COUNTRIES = (
    "deutschland", "usa", "us", "vereinigte staaten", "großbritannien", "gb", "uk", "frankreich", "italien",
    "spanien", "südkorea", "korea", "japan", "china", "hongkong", "indien", "kanada", "australien",
    "neuseeland", "österreich", "schweiz", "dänemark", "schweden", "norwegen", "finnland", "island",
    "niederlande", "belgien", "irland", "polen", "tschechien", "ungarn", "russland", "mexiko", "brasilien",
    "argentinien", "türkei", "iran", "israel", "südafrika", "germany", "united states", "united kingdom",
    "france", "italy", "spain", "south korea", "canada", "australia", "new zealand", "austria",
    "switzerland", "denmark", "sweden", "norway", "ireland", "netherlands", "belgium", "poland", "mexico",
    "brazil", "india", "thailand", "taiwan", "griechenland", "portugal", "luxemburg", "chile", "kolumbien",
    "sowjetunion", "udssr", "soviet union", "ussr", "jugoslawien", "yugoslavia", "tschechoslowakei",
    "czechoslovakia",
)


# the joints of a compound credit label ("Director, writer", "Regie, Buch", "Regie/Drehbuch", "Buch + Regie")
CREDIT_JOINT = re.compile(r"\s*(?:,|/|&|\+|\bund\b|\band\b)\s*", re.IGNORECASE)


def compound_credit(label: str) -> bool:
    """A label naming the director and the writer at once, joined by a comma, slash, "&", "+", "und" or "and"
    ("Director, writer", "Regie, Buch", "Drehbuch und Regie"): each part a director or writer label."""
    parts = [p.strip(" .").lower() for p in CREDIT_JOINT.split(label)]
    if len(parts) < 2 or not all(parts):
        return False
    fields = {FACT_LABELS.get(p) for p in parts}
    return fields == {"directors", "writers"} and all(p not in WRITER_DIRECTOR for p in parts)
