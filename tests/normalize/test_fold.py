"""fold(): the lookup key; the ASCII fast path gives the key the full Unicode pass gives."""
from __future__ import annotations

import random
import re
import unicodedata

from scraper.normalize.vocab import fold


def _reference(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", text.casefold())


def test_fold_keeps_letters_and_digits_and_folds_accents_and_case() -> None:
    assert fold("Darsteller*innen:") == "darstellerinnen"
    assert fold("Länge (Min.)") == "langemin"
    assert fold("ﬁlm ² Ⅻ Straße") == fold("film 2 XII strasse")


def test_the_ascii_fast_path_equals_the_unicode_pass() -> None:
    rng = random.Random(7)
    chars = [chr(i) for i in range(128)] + list("äöüßÄÖÜéèñçŁøﬁ²Ⅻ\u0301\u00a0")
    for _ in range(5000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 12)))
        assert fold(text) == _reference(text), repr(text)
