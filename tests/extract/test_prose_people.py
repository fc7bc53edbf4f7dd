"""People named only in prose or captions: actor phrases, role-actor captions, director phrases (low-trust fallbacks)."""
from __future__ import annotations

import pytest

from scraper.extract import extract

FILLER = ("Die Bilder sind kühl und genau, der Schnitt lässt den Szenen Zeit, und die Musik drängt sich nie "
          "in den Vordergrund, sodass man dem Geschehen gebannt folgt. ")
EN_FILLER = ("The images are cold and exact, the editing gives every scene its time, and the score never pushes "
             "itself forward, so that one follows the story closely. ")
URL = "https://blog.example/2024/05/nebelhorn-kritik/"


def _page(*paragraphs: str, head: str = "<h1>Kritik: „Nebelhorn“</h1>") -> str:
    body = head + "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>"


def _cast(*paragraphs: str, head: str = "<h1>Kritik: „Nebelhorn“</h1>", url: str = URL) -> list[str]:
    return list(extract(_page(*paragraphs, FILLER, FILLER, head=head), url).cast or [])


@pytest.mark.parametrize("caption, expected", [
    ("Der Wärter Brenner (Jonas Feld) und Marit von den Dünen (Nuria)", ["Jonas Feld", "Nuria"]),
    ("Kapitän Ole Brandt (Piet Haber), Tochter Lene (Ilse Brandt)", ["Piet Haber", "Ilse Brandt"]),
])
def test_a_caption_of_role_actor_pairs(caption: str, expected: list[str]) -> None:
    """A short line made only of "Rolle (Darsteller)" pairs: multi-word roles, a one-word name beside a full one."""
    assert _cast(caption, "In „Nebelhorn“ wartet eine Familie am Meer auf Nachricht. " + FILLER) == expected


@pytest.mark.parametrize("caption", [
    "Der Leuchtturm (Foto) und das Meer (Archiv)",     # no person at all
    "Nebelhorn (Nuria)",                                # one pair: a one-word name alone is not trusted
    "Ein Bild vom Strand (Nuria) im Abendlicht",        # words around the pair: not a caption of pairs
])
def test_captions_that_name_no_actor(caption: str) -> None:
    assert _cast(caption, "In „Nebelhorn“ wartet eine Familie am Meer auf Nachricht. " + FILLER) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Jonas Feld spielt den Wärter, der seit Jahren kein Wort mehr sagt. ", ["Jonas Feld"]),
    ("Jonas Feld in der Rolle des Wärters trägt den Film fast allein. ", ["Jonas Feld"]),
    ("Der österreichische Bühnenschauspieler Jonas Feld als Wärter in „Nebelhorn“. ", ["Jonas Feld"]),
    ("Fast immer dabei: die großartige Schauspielerin Ilse Brandt. ", ["Ilse Brandt"]),
    ("Wie schon im ersten Teil sind Jonas Feld und Ilse Brandt, Piet Haber und Karl Otto Brenner dabei. ",
     ["Jonas Feld", "Ilse Brandt", "Piet Haber", "Karl Otto Brenner"]),
    ("Jonas Feld als der Wärter wird flankiert von Mimen wie Ilse Brandt, Piet Haber, Tom Berg Jr., Zoe Lind. ",
     ["Jonas Feld", "Ilse Brandt", "Piet Haber", "Tom Berg Jr.", "Zoe Lind"]),
])
def test_german_actor_phrases(sentence: str, expected: list[str]) -> None:
    assert _cast("In „Nebelhorn“ wartet eine Familie am Meer auf Nachricht. " + sentence + FILLER) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Dana Roe plays a diver who has stopped talking to anyone. ", ["Dana Roe"]),
    ("Harbor regulars Dana Roe and Milo Kent, costarring for the first time, are superb. ", ["Dana Roe", "Milo Kent"]),
    ("Dana Roe in the title role carries long stretches without a word. ", ["Dana Roe"]),
])
def test_english_actor_phrases(sentence: str, expected: list[str]) -> None:
    html = _page("Glass Harbor is a patient thriller about two divers. " + sentence + EN_FILLER, EN_FILLER, EN_FILLER,
                 head="<h1>Glass Harbor review</h1>")
    assert extract(html, "https://reviews.example/glass-harbor-review").cast == expected


@pytest.mark.parametrize("sentence", [
    "Jonas Feld spielte schon vor Jahren einen Wärter, in einem ganz anderen Film. ",  # past tense: another film
    "Jonas Feld spielt keine Rolle mehr, seit er das Theater verlassen hat. ",
    "Jonas Feld spielt mit den Erwartungen des Publikums. ",
    "Der Film spielt im Jahr 1928 an der Küste. ",
    "Mara Lindqvist spielt die Stärken ihres Ensembles aus, sagt Regisseurin Mara Lindqvist. ",  # the director
    "Sie trifft auf einen Deal mit Kapitän Brenner, Prinzessin Lene (Ilse Brandt) und dem Meer. ",
])
def test_phrases_that_name_no_actor(sentence: str) -> None:
    got = _cast("In „Nebelhorn“ wartet eine Familie am Meer auf Nachricht. " + sentence + FILLER)
    assert got in ([], ["Ilse Brandt"])  # the role "Prinzessin Lene" never; its actor may be read


def test_phrase_actors_join_the_name_list_in_page_order() -> None:
    got = _cast("In „Nebelhorn“ wartet eine Familie am Meer auf Nachricht, mit Ilse Brandt und Piet Haber. " + FILLER,
                "Jonas Feld spielt den Wärter, der seit Jahren schweigt. " + FILLER)
    assert got == ["Ilse Brandt", "Piet Haber", "Jonas Feld"]


def test_stated_cast_beats_prose_phrases() -> None:
    html = _page("Darsteller: Zoe Lind, Tom Berg", "Jonas Feld spielt den Wärter, der seit Jahren schweigt. " + FILLER,
                 FILLER)
    assert extract(html, URL).cast == ["Zoe Lind", "Tom Berg"]


def test_a_cast_label_with_a_one_word_name_keeps_both_names() -> None:
    html = _page("Regie: Ann und Eva Holm", "Darsteller: Nuria und Tom Berg", FILLER, FILLER)
    record = extract(html, URL)
    assert (record.directors, record.cast) == (["Ann Holm", "Eva Holm"], ["Nuria", "Tom Berg"])


def _directors(*paragraphs: str, head: str = "<h1>Kritik: „Nebelhorn“</h1>", url: str = URL) -> list[str]:
    return list(extract(_page(*paragraphs, FILLER, FILLER, head=head), url).directors or [])


@pytest.mark.parametrize("sentence, expected", [
    ("Mara Lindqvist inszeniert „Nebelhorn“ als stilles Kammerspiel am Meer. ", ["Mara Lindqvist"]),
    ("Die Regisseurin Mara Lindqvist inszeniert das Warten als Zustand. ", ["Mara Lindqvist"]),
    ("„Nebelhorn“ ist der neue Film von Mara Lindqvist und ihr bisher stillster. ", ["Mara Lindqvist"]),
    ("Nebelhorn ist ein leises Drama von Mara Lindqvist, das lange nachhallt. ", ["Mara Lindqvist"]),
    (("Der Film ist ein Glücksfall: Lindqvists aktuelles Werk Nebelhorn zeigt, was Kino kann. Die Bilder von "
      "Mara Lindqvist bleiben. "), ["Mara Lindqvist"]),
    ("Mara Lindqvist und Eva Lindqvist schrieben das Buch; Lindqvists neuester Film Nebelhorn ist ein Ereignis. ",
     []),  # two people of that surname
])
def test_german_director_phrases(sentence: str, expected: list[str]) -> None:
    assert _directors("In „Nebelhorn“ wartet eine Familie am Meer auf Nachricht. " + sentence + FILLER) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Glass Harbor is a haunting drama from filmmaking legend Ola Svensk. ", ["Ola Svensk"]),
    ("It is the latest film from Ola Svensk, and his quietest. ", ["Ola Svensk"]),
    ("Glass Harbor is a thriller from producer Dana Roe, who also financed the restoration. ", []),
    ("Glass Harbor is a thriller from Warner Bros and it shows. ", []),
])
def test_english_director_phrases(sentence: str, expected: list[str]) -> None:
    html = _page("Glass Harbor follows two divers off a cold coast. " + sentence + EN_FILLER, EN_FILLER, EN_FILLER,
                 head="<h1>Glass Harbor review</h1>")
    assert extract(html, "https://reviews.example/glass-harbor-review").directors == expected


@pytest.mark.parametrize("sentence", [
    "Jonas Feld inszeniert sich als Held, der er nicht ist. ",        # an actor presents himself
    "Felds intensives Spiel macht Nebelhorn sehenswert. ",           # a genitive before no word for a film
    "Das Drama von William Shakespeare liegt dem Film nur lose zugrunde. ",  # a line without the film's title
])
def test_phrases_that_name_no_director(sentence: str) -> None:
    assert _directors("In „Nebelhorn“ wartet Jonas Feld am Meer auf Nachricht. " + FILLER, sentence + FILLER) == []


EN_PROSE = ("The two leads carry long stretches without dialogue, and the camera stays close to their faces when the "
            "water turns dark; it is a demanding way to tell a story, but here it pays off handsomely. ")


def test_a_slug_opening_with_a_persons_name_is_no_title() -> None:
    """The headline sentence in the slug ("ola-svensk-delivers-…") names the director, not the film; a quoted
    name whose first words end the cut slug is the title."""
    html = _page("If you want a slow thriller, the celebrated director Ola Svensk delivers with \"Glass Harbor "
                 "Nights.\" " + EN_PROSE, "Ola Svensk delivers a patient story of two divers. " + EN_PROSE, EN_PROSE,
                 head="")
    record = extract(html, "https://news.example/culture/story/review-ola-svensk-delivers-new-classic-glass-1234567")
    assert record.title == "Glass Harbor Nights"


def test_a_slug_title_the_text_names_stays() -> None:
    html = _page("Glass Harbor follows two divers. " + EN_PROSE, "Glass Harbor never hurries. " + EN_PROSE, EN_PROSE,
                 head="")
    assert extract(html, "https://reviews.example/glass-harbor-review").title == "Glass Harbor"


def test_an_actor_with_his_films_in_the_parenthesis() -> None:
    got = _cast("In „Nebelhorn“ wartet die Witwe Marit (Ilse Brandt, „Der Strand“, „Ebbe“) auf ihren Sohn Ole "
                "(Jonas Feld), der nicht zurückkommt. " + FILLER)
    assert got == ["Ilse Brandt", "Jonas Feld"]


def test_every_strong_cast_list_counts_and_the_serial_comma_keeps_the_last_name() -> None:
    html = _page("Glass Harbor stars Dana Roe and Milo Kent in the roles of their lives, says everyone. " + EN_FILLER,
                 "Dana Roe, Milo Kent, and Ada Voss star in Ola Svensk's thriller about two divers. " + EN_FILLER,
                 EN_FILLER, head="<h1>Glass Harbor review</h1>")
    assert extract(html, "https://reviews.example/glass-harbor-review").cast == ["Dana Roe", "Milo Kent", "Ada Voss"]


@pytest.mark.parametrize("sentence, expected", [
    ("Den Wärter, großartig gespielt von Sturm-Darsteller Jonas Feld, vergisst man nicht. ", ["Jonas Feld"]),
    ("Jonas Feld spielt hier den Wärter, flankiert von Ilse Brandt, Piet Haber und Zoe Lind. ",
     ["Jonas Feld", "Ilse Brandt", "Piet Haber", "Zoe Lind"]),
])
def test_played_by_and_flanked_by(sentence: str, expected: list[str]) -> None:
    assert _cast("In „Nebelhorn“ wartet eine Familie am Meer auf Nachricht. " + sentence + FILLER) == expected


def test_english_played_by() -> None:
    html = _page("Glass Harbor follows two divers. The older one is played by Dana Roe, and it shows. " + EN_FILLER,
                 EN_FILLER, EN_FILLER, head="<h1>Glass Harbor review</h1>")
    assert extract(html, "https://reviews.example/glass-harbor-review").cast == ["Dana Roe"]


def test_a_genitive_after_the_director_phrase_is_dropped_when_the_page_writes_the_name_without_it() -> None:
    assert _directors("Regisseurin Mara Lindqvists stilles Drama wartet mit der Familie am Meer. " + FILLER,
                      "Am Ende zeigt Lindqvist, was Geduld im Kino vermag. " + FILLER) == ["Mara Lindqvist"]


@pytest.mark.parametrize("sentence", [
    "Kapitän Ole Brandt spielt ein doppeltes Spiel mit der Reederei. ",
    "Ole Brandt plays a dangerous game with the harbour master. ",
    "Ole Brandt spielt eine große Rolle im Dorf. ",
])
def test_a_figure_of_speech_is_no_acting(sentence: str) -> None:
    assert _cast("In „Nebelhorn“ wartet Ole Brandt am Meer auf Nachricht, die nie kommt. " + sentence + FILLER) == []


def test_a_role_named_with_its_actor_is_no_actor_of_a_phrase() -> None:
    """A short caption "Ole Brandt (Piet Haber)" makes Ole Brandt a role: "Ole Brandt spielt die Ahnungslose"
    is the character's play-acting, not an actor's."""
    got = _cast("Ole Brandt (Piet Haber)", "In „Nebelhorn“ wartet Ole Brandt am Meer auf Nachricht, die nie kommt. "
                "Ole Brandt spielt die Ahnungslose, um die Reederei zu täuschen, und Ilse Brandt spielt die Witwe. "
                + FILLER)
    assert got == ["Ilse Brandt"]


def test_role_actor_parentheses_are_the_cast_of_a_plot_summary() -> None:
    got = _cast("In „Nebelhorn“ wartet die Witwe Marit (Ilse Brandt) auf ihren Sohn, der nicht zurückkommt, während "
                "im Dorf alle schweigen. " + FILLER, "Jonas Feld spielt den Wärter, der seit Jahren schweigt. " + FILLER)
    assert got == ["Ilse Brandt"]


def test_an_actor_with_his_role_in_parentheses_stays_an_actor() -> None:
    html = _page("Glass Harbor stars Dana Roe and Milo Kent, and both are superb. " + EN_FILLER,
                 "Every scene feels built around Milo Kent (as the diver, of course) and his silences. " + EN_FILLER,
                 "Milo Kent plays the older diver with great restraint. " + EN_FILLER, head="<h1>Glass Harbor review</h1>")
    assert extract(html, "https://reviews.example/glass-harbor-review").cast == ["Dana Roe", "Milo Kent"]


@pytest.mark.parametrize("sentence, expected", [
    ("Man kann sich vor Mara Lindqvist und ihrem Cast rund um Jonas Feld und Ilse Brandt nur verbeugen. ",
     ["Mara Lindqvist"]),
    ("Jonas Feld und seine Frau Ilse Brandt leben am Meer. ", []),
])
def test_the_person_whose_cast_it_is_directs(sentence: str, expected: list[str]) -> None:
    assert _directors("In „Nebelhorn“ wartet eine Familie am Meer auf Nachricht. " + sentence + FILLER) == expected


def test_a_possessive_after_the_director_phrase_is_no_part_of_the_name() -> None:
    html = _page("Glass Harbor follows two divers; every glance is underlined by director Ola Svensk’s restless "
                 "camera. " + EN_FILLER, EN_FILLER, EN_FILLER, head="<h1>Glass Harbor review</h1>")
    assert extract(html, "https://reviews.example/glass-harbor-review").directors == ["Ola Svensk"]


@pytest.mark.parametrize("sentence, expected", [
    ("The cast includes Dana Roe as the older diver, Milo Kent as his brother, and Ada Voss as the harbour master. ",
     ["Dana Roe", "Milo Kent", "Ada Voss"]),
    ("Glass Harbor, starring Dana Roe as a diver and Milo Kent as her brother, never hurries. ",
     ["Dana Roe", "Milo Kent"]),
    ("It was made with Ola Svensk as producer and Dana Roe as the diver, on a small budget. ", []),
])
def test_actors_listed_with_their_roles(sentence: str, expected: list[str]) -> None:
    html = _page("Glass Harbor follows two divers off a cold coast. " + sentence + EN_FILLER, EN_FILLER, EN_FILLER,
                 head="<h1>Glass Harbor review</h1>")
    assert extract(html, "https://reviews.example/glass-harbor-review").cast == expected


def test_german_actors_listed_with_their_roles() -> None:
    assert _cast("„Nebelhorn“ ist ein stilles Drama mit Jonas Feld als Wärter und Ilse Brandt als Witwe, das "
                 "lange nachhallt. " + FILLER) == ["Jonas Feld", "Ilse Brandt"]
