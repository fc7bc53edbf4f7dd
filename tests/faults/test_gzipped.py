"""Unpacking a body that is still gzip after HTTP decoding: members, truncation, the size cap."""
from __future__ import annotations

import gzip

import pytest

from scraper.middlewares.gzipped import TooLarge, gunzip_capped

PAGE = b"<html><body><p>" + " ".join(f"Kritik {i * 7919 % 10007}" for i in range(400)).encode() + b"</p></body></html>"


def test_members_are_joined_and_garbage_after_them_ignored() -> None:
    assert gunzip_capped(gzip.compress(PAGE) + gzip.compress(b"<p>2</p>") + b"junk", 0) == PAGE + b"<p>2</p>"


def test_a_truncated_stream_gives_what_it_holds() -> None:
    piece = gunzip_capped(gzip.compress(PAGE)[:-40], 0)
    assert piece is not None and PAGE.startswith(piece) and len(piece) > 100


def test_nothing_unpacks_from_what_is_not_gzip() -> None:
    assert gunzip_capped(PAGE, 0) is None
    assert gunzip_capped(b"\x1f\x8b\x08" + b"\xff" * 40, 0) is None


@pytest.mark.parametrize("limit", [100, len(PAGE) - 1])
def test_past_the_limit_is_too_large(limit: int) -> None:
    with pytest.raises(TooLarge):
        gunzip_capped(gzip.compress(PAGE), limit)
    with pytest.raises(TooLarge):   # the second member passes it
        gunzip_capped(gzip.compress(PAGE[:limit]) + gzip.compress(b"x"), limit)


def test_up_to_the_limit_is_kept() -> None:
    assert gunzip_capped(gzip.compress(PAGE), len(PAGE)) == PAGE
