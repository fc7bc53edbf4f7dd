"""URL canonicalization, origins, loopback detection and start-URL validation."""
from __future__ import annotations

import pytest

from scraper.errors import InputError
from scraper.urls import canonicalize, is_loopback, names_a_page, origin, same_origin, site_of, validate_start_url


@pytest.mark.parametrize("url, expected", [
    ("http://a.de/2023/10/06/x/?ref=home", "http://a.de/2023/10/06/x/"),
    ("http://a.de/x/?relatedposts_hit=1&relatedposts_origin=7&relatedposts_position=0", "http://a.de/x/"),
    ("http://a.de/x/?utm_source=tw&utm_medium=social#comments", "http://a.de/x/"),
    ("http://a.de/x.html#top", "http://a.de/x.html"),
    ("HTTP://A.DE:80/X/", "http://a.de/X/"),                      # path case is the site's business
    ("https://a.de:443/x", "https://a.de/x"),
    ("http://127.0.0.20:8001/x/?page=2&fbclid=abc", "http://127.0.0.20:8001/x/?page=2"),
    ("http://a.de/seite/2/", "http://a.de/seite/2/"),             # the trailing slash stays as linked
    ("http://a.de/film", "http://a.de/film"),                     # and none is added
    ("http://a.de", "http://a.de/"),
    ("http://a.de/?s=dune", "http://a.de/?s=dune"),               # real queries select content
    ("http://a.de/x/?PHPSESSID=9f8e7d&page=2", "http://a.de/x/?page=2"),   # session ids: a new URL per visit
    ("http://a.de/x/?ASPSESSIONIDQQGGQ=AB&zenid=1&osCsid=2", "http://a.de/x/"),
    ("http://a.de/kritik;jsessionid=0A1B2C?id=7", "http://a.de/kritik?id=7"),
    ("http://a.de/a;b/c", "http://a.de/a;b/c"),                   # other path parameters stay
    ("http://a.de/x/?sid=12", "http://a.de/x/?sid=12"),           # "sid" also names stories: kept
    ("http://a.de/(S(lit3py55t21z5v55vlm25s55))/film/x.aspx", "http://a.de/film/x.aspx"),   # ASP.NET cookieless
    ("http://a.de/app/(S(x)A(y))/x.aspx?id=2", "http://a.de/app/x.aspx?id=2"),
    ("http://a.de/(F(abc-_1))", "http://a.de/"),
    ("http://a.de/film/(2019)/", "http://a.de/film/(2019)/"),      # parentheses alone are no token
    ("http://a.de/kritik//x///y", "http://a.de/kritik/x/y"),      # runs of slashes collapse
    ("http://a.de/Kritik/X", "http://a.de/Kritik/X"),              # case stays (F5: copies by bytes instead)
])
def test_canonicalize(url: str, expected: str) -> None:
    assert canonicalize(url) == expected


def test_canonicalize_is_idempotent() -> None:
    url = "http://a.de/x/?b=2&utm_campaign=y&a=1#f"
    assert canonicalize(canonicalize(url)) == canonicalize(url) == "http://a.de/x/?b=2&a=1"


@pytest.mark.parametrize("url, expected", [
    ("http://a.de/x", "http://a.de"),
    ("http://a.de:8080/x", "http://a.de:8080"),
    ("https://A.de:443/", "https://a.de"),
])
def test_origin(url: str, expected: str) -> None:
    assert origin(url) == expected


def test_same_origin_checks_scheme_host_and_port() -> None:
    origins = frozenset({"http://a.de:8001"})
    assert same_origin("http://a.de:8001/x", origins)
    assert not same_origin("https://a.de:8001/x", origins)
    assert not same_origin("http://a.de:8002/x", origins)
    assert not same_origin("http://b.a.de:8001/x", origins)
    assert site_of("http://127.0.0.20:8001/x") == "127.0.0.20:8001"


@pytest.mark.parametrize("url, loop", [
    ("http://127.0.0.1:8000/", True), ("http://127.0.0.23:1234/", True), ("http://localhost/", True),
    ("http://[::1]:80/", True), ("http://derwatchdog.de/", False), ("http://10.0.0.1/", False),
])
def test_is_loopback(url: str, loop: bool) -> None:
    assert is_loopback(url) is loop


@pytest.mark.parametrize("url", ["", "not a url", "ftp://a.de/", "http://", "http://a.de:99999/",
                                 "http://a .de/", "javascript:alert(1)"])
def test_validate_start_url_rejects(url: str) -> None:
    with pytest.raises(InputError, match="malformed URL"):
        validate_start_url(url)


def test_validate_start_url_canonicalizes() -> None:
    assert validate_start_url(" http://A.de/?utm_source=x ") == "http://a.de/"


def test_same_page() -> None:
    from scraper.urls import same_page

    assert same_page("http://a.de/x/?k=1", "http://a.de/x/")
    assert not same_page("http://a.de/x/", "http://a.de/")
    assert not same_page("http://a.de/x/", "https://a.de/x/")


@pytest.mark.parametrize("url, ok", [
    ("http://example.org/kritik/", True),
    ("HTTPS://Example.org:8443/a", True),
    ("http://user:pw@example.org/", False),     # credentials: no page of the site
    ("http://@example.org/", False),
    ("http://example.org:99999/", False),       # port out of range
    ("http://example.org:abc/", False),
    ("ftp://example.org/file", False),
    ("mailto:someone@example.org", False),
    ("http:///no-host", False),
    ("/relative/path", False),
])
def test_names_a_page_is_the_one_test_for_fetchable_urls(url: str, ok: bool) -> None:
    assert names_a_page(url) is ok
