"""Site profiles: the shipped data is valid, `filmcat sites` lists it, a profile steers a real crawl."""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from scraper.errors import InputError
from scraper.profiles import get_profiles, load_profiles, parse_profiles
from scraper.urls import is_loopback
from tests.httpserver import assert_no_traceback, page, run_cli, serve


def test_shipped_profiles_are_valid_real_sites() -> None:
    profiles = load_profiles()
    assert len(profiles) >= 8
    for prof in profiles.values():
        assert prof.start_urls and all(u.startswith("https://") and not is_loopback(u) for u in prof.start_urls)
        assert prof.review, prof.name          # every profile knows what its review pages look like
        assert prof.notes.startswith(("seen:", "public:")), prof.name
        assert prof.source in ("seen", "public") and prof.checked[:4].isdigit(), prof.name   # where, and when
        if prof.source == "public":
            assert not prof.follow, prof.name   # unconfirmed patterns must not restrict what is followed


@pytest.mark.parametrize("name, path, review", [
    ("derwatchdog", "/2023/10/06/ballerina-kritik-netflix/", True),
    ("derwatchdog", "/category/netflix/", False),
    ("film-rezensionen", "/2023/10/ballerina-2023/", True),
    ("filmstarts", "/kritiken/123456/kritik.html", True),
    ("filmstarts", "/kritiken/123456/userkritiken/", False),
    ("ofdb", "/review/12345,678901,Dune/", True),
    ("filmstarts", "/kritiken/35616-Matrix/kritik.html", True),     # the older id-slug form
    ("filmstarts", "/kritiken/35616-Matrix/castcrew.html", False),
    ("treffpunkt-kritik", "/pages/posts/kritik-air-force-one-1997-1578.php", True),
])
def test_review_patterns(name: str, path: str, review: bool) -> None:
    assert load_profiles()[name].is_review(path) is review


def test_follow_and_deny() -> None:
    prof = load_profiles()["filmstarts"]
    assert prof.allows("/kritiken/neuste-kritiken/?page=60")
    assert not prof.allows("/kritiken/123456/userkritiken/")
    assert not prof.allows("/news/18500000.html")
    assert prof.allows("/kritiken/190299.html") and prof.allows("/kritiken/35616-Matrix.html")
    assert not prof.allows("/kritiken/35616-Matrix/castcrew.html")
    ofdb = load_profiles()["ofdb"]
    assert ofdb.allows("/film/188514,Avatar---Aufbruch-nach-Pandora") and ofdb.allows("/film/1050,Pulp-Fiction/")


def test_names_and_hosts_resolve() -> None:
    assert [p.name for p in get_profiles(["filmstarts", "www.derwatchdog.de", "https://treffpunkt-kritik.de/"])] \
        == ["filmstarts", "derwatchdog", "treffpunkt-kritik"]
    with pytest.raises(InputError, match="unknown site"):
        get_profiles(["nosuchsite"])


@pytest.mark.parametrize("text, words", [
    ("[sites.x]\nstart_urls = []\n", "no start_urls"),
    ("[sites.x]\nstart_urls = ['ftp://a']\n", "malformed URL"),
    ("[sites.x]\nstart_urls = ['http://a.de/']\nreview = ['(']\n", "bad review pattern"),
    ("[sites.x\n", "site profiles"),
    ("[sites.x]\nstart_urls = ['http://a.de/']\nsource = 'guessed'\n", "source must be one of"),
])
def test_bad_profiles_are_one_line_errors(text: str, words: str) -> None:
    with pytest.raises(InputError, match=words):
        parse_profiles(text)


def test_sites_lists_one_per_line() -> None:
    proc = run_cli("sites")
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert len(lines) == len(load_profiles()) and all(len(line.split("\t")) == 4 for line in lines)
    assert all(line.split("\t")[3].startswith(("seen, checked 20", "public, checked 20")) for line in lines)
    verbose = run_cli("sites", "-v").stdout
    assert verbose.count("\tchecked 20") == len(lines)


def test_unknown_site_is_a_usage_error(tmp_path: Path) -> None:
    proc = run_cli("crawl", "nosuchsite", "--db", f"sqlite:///{tmp_path / 'c.db'}")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "unknown site" in proc.stderr


def test_profile_steers_a_real_crawl(tmp_path: Path) -> None:
    body = ('<html><body><a href="/reviews/a/">a</a><a href="/tag/x/">tag</a><a href="/misc/">misc</a>'
            '<a href="/reviews/b/?utm_source=x">b</a></body></html>')
    with serve(None, "127.0.0.85") as srv:
        for path in ("/", "/reviews/a/", "/reviews/b/", "/tag/x/", "/misc/"):
            srv.routes[path] = page(body)
        srv.routes["/robots.txt"] = page("User-agent: *\nDisallow:\n", ctype="text/plain")
        toml = tmp_path / "sites.toml"
        toml.write_text(f"[sites.local]\ntitle = 'Local'\nstart_urls = ['{srv.origin}/']\n"
                        "review = ['^/reviews/']\ndeny = ['^/tag/']\ncrawl_delay = 0.3\n")
        listed = run_cli("sites", "--profiles", str(toml))
        assert "local\t" + srv.origin in listed.stdout
        proc = run_cli("crawl", "local", "--profiles", str(toml), "--db", f"sqlite:///{tmp_path / 'c.db'}",
                       "--set", "FILMCAT_EXTRACT_EXECUTOR=thread")
        assert_no_traceback(proc.stderr)
        assert proc.returncode == 0, proc.stderr
        paths = [p for p in srv.paths() if p not in ("/robots.txt", "/sitemap.xml")]
        times = [t for t, p in srv.timed if p not in ("/robots.txt", "/sitemap.xml")]
    assert "/tag/x/" not in paths and {"/reviews/a/", "/reviews/b/", "/misc/"} <= set(paths)
    assert paths.index("/reviews/a/") < paths.index("/misc/")          # review pages first
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.25        # the profile's crawl delay
