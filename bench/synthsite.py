"""A synthetic WordPress-style review site, pre-rendered in memory and served by a bare asyncio server.

Usage: python bench/synthsite.py --pages 5000 [--host 127.0.0.1] [--port 0]
Prints "READY http://host:port/" once listening. The server answers from a dict of bytes,
so it costs a few tens of microseconds per request and is never the crawl's bottleneck.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import sys
from email.utils import formatdate

WORDS = ["nacht", "schatten", "stadt", "feuer", "meer", "wolf", "herz", "stille", "jagd", "spiegel", "sturm", "licht", "grenze", "winter", "sommer", "spur", "zeit", "welt", "traum", "blut", "eis", "glas", "stein", "rauch", "regen"]
FIRST = ["Anna", "Jonas", "Lena", "Paul", "Mia", "Felix", "Lea", "Noah", "Emma", "Ben", "Clara", "Luis", "Marie", "Tom", "Ida", "Jan"]
LAST = ["Berger", "Hoffmann", "Keller", "Wagner", "Roth", "Schulz", "Brandt", "Krüger", "Vogel", "Lang", "Frank", "Seidel", "Kim", "Park"]
GENRES = ["Action", "Thriller", "Drama", "Horror", "Komödie", "Science-Fiction", "Krimi", "Romanze"]
PER_LISTING = 20           # review links per listing page
RELATED = 4                # related-post links per review (with tracking query strings)
FILLER_PARAGRAPHS = 30     # prose paragraphs per review: with scripts and widgets pages are ≈ 40 KB
INLINE_SCRIPT = 'var themeConfig=[' + ('{"k":"' + 'x' * 60 + '"},') * 120 + '0];'  # ≈ 8 KB, as themes inline


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _title(rng: random.Random, i: int) -> str:
    return f"{rng.choice(WORDS).title()} der {rng.choice(WORDS).title()} {i}"


def _path(i: int) -> str:
    return f"/{2015 + i % 10}/{1 + i % 12:02d}/{1 + i % 28:02d}/film-{i}-kritik/"


def _chrome(title: str, body: str) -> str:
    nav = "".join(f'<li class="menu-item"><a href="/category/{g.lower()}/">{g}</a></li>' for g in GENRES)
    sidebar = "".join(f'<li><a href="/tag/{w}/">{w}</a></li>' for w in WORDS)
    return (f'<!DOCTYPE html><html lang="de-DE"><head><meta charset="UTF-8"><title>{title} | Synthkritik</title>'
            '<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}</script>'
            f'<link rel="stylesheet" href="/wp-content/themes/s/style.css?ver=1"><script>{INLINE_SCRIPT}</script></head>'
            f'<body class="single"><header><nav><ul class="menu">{nav}</ul></nav></header>'
            f'<div id="content"><main id="main">{body}</main>'
            f'<aside id="secondary" class="widget-area"><ul>{sidebar}</ul></aside></div>'
            '<footer><a href="/impressum/">Impressum</a> <a rel="nofollow" href="/privat/x.html">intern</a>'
            '</footer><div id="cookie-banner">Wir verwenden Cookies.</div></body></html>')


def review_page(i: int, n: int) -> str:
    """One review in family-A-like markup: Filminfo table, start line, plot, rating, related, comments."""
    rng = random.Random(i)
    title, year, director = _title(rng, i), 1990 + rng.randrange(35), _name(rng)
    cast = [_name(rng) for _ in range(3)]
    genres = rng.sample(GENRES, 2)
    rating = rng.randrange(2, 11) / 2
    prose = "".join(f"<p>{' '.join(rng.choice(WORDS) for _ in range(90))}.</p>" for _ in range(FILLER_PARAGRAPHS))
    related = "".join(
        f'<li><a href="{_path(j)}?relatedposts_hit=1&relatedposts_origin={i}">{_title(random.Random(j), j)}</a>'
        f'<p>Bewertung: {random.Random(j).randrange(2, 11) / 2} von 5.</p></li>'
        for j in rng.sample(range(n), min(RELATED, n)))
    comments = "".join(f'<li class="comment"><b>{_name(rng)}</b><p>Super Film, 5 von 5!</p></li>' for _ in range(3))
    body = (f'<article class="post"><header class="entry-header"><h1 class="entry-title">{title} – Kritik / Kino</h1>'
            '</header><div class="entry-content"><figure class="filminfo"><table><tbody>'
            f'<tr><td>Titel</td><td>{title}</td></tr><tr><td>Genre</td><td>{", ".join(genres)}</td></tr>'
            f'<tr><td>Jahr</td><td>{year}</td></tr><tr><td>FSK</td><td>{rng.choice([0, 6, 12, 16, 18])}</td></tr>'
            f'<tr><td>Regie</td><td>{director}</td></tr></tbody></table></figure>'
            f'<p><strong>Starttermin:</strong> {1 + i % 28:02d}.{1 + i % 12:02d}.{year} / Kino</p>'
            f'<h3>Und darum geht es…</h3><p>Eine Heldin ({cast[0]}) trifft auf ihren Bruder ({cast[1]}) '
            f'und eine Fremde ({cast[2]}).</p>{prose}<h3>Fazit</h3><p>Sehenswert.</p>'
            f'<p><strong>Bewertung: {rating} von 5.</strong></p></div></article>'
            f'<section class="related"><h3>Das könnte Dich auch interessieren!</h3><ul>{related}</ul></section>'
            f'<section id="comments"><ol>{comments}</ol></section>')
    return _chrome(f"{title} – Kritik / Kino", body)


def listing_page(page: int, n: int) -> str:
    start = (page - 1) * PER_LISTING
    items = "".join(f'<h2><a href="{_path(i)}">{_title(random.Random(i), i)}</a></h2>'
                    for i in range(start, min(start + PER_LISTING, n)))
    pages = (n + PER_LISTING - 1) // PER_LISTING
    nxt = f'<a class="next" href="/page/{page + 1}/">Ältere Beiträge</a>' if page < pages else ""
    return _chrome(f"Seite {page}", f"<h1>Neueste Kritiken</h1>{items}{nxt}")


def build_site(n: int) -> dict[str, bytes]:
    """Every path of an n-review site, rendered."""
    site = {_path(i): review_page(i, n).encode() for i in range(n)}
    pages = (n + PER_LISTING - 1) // PER_LISTING
    site["/"] = listing_page(1, n).encode()
    for p in range(2, pages + 1):
        site[f"/page/{p}/"] = listing_page(p, n).encode()
    for g in GENRES:  # the navigation's category and tag archives exist, as on a real blog
        site[f"/category/{g.lower()}/"] = listing_page(1, n).encode()
    for w in WORDS:
        site[f"/tag/{w}/"] = listing_page(2 if n > PER_LISTING else 1, n).encode()
    site["/impressum/"] = _chrome("Impressum", "<h1>Impressum</h1><p>Synthkritik, Musterstraße 1.</p>").encode()
    site["/robots.txt"] = b"User-agent: *\nDisallow: /privat/\nSitemap: /sitemap.xml\n"
    locs = "".join(f"<url><loc>{_path(i)}</loc><lastmod>2024-01-01</lastmod></url>" for i in range(n))
    site["/sitemap.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><urlset '
                            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>').encode()
    return site


class SiteProtocol(asyncio.Protocol):
    """Minimal HTTP/1.1 with keep-alive: GET/HEAD of pre-rendered paths, 404 otherwise."""

    def __init__(self, site: dict[str, bytes], origin: bytes) -> None:
        self.site, self.origin, self.buffer = site, origin, b""
        self.date = formatdate(usegmt=True).encode()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            method, target = (head.split(b"\r\n", 1)[0].split(b" ") + [b"", b""])[:2]
            self.respond(method, target.split(b"?", 1)[0].decode("latin-1"))

    def respond(self, method: bytes, path: str) -> None:
        body = self.site.get(path)
        status = b"200 OK" if body is not None else b"404 Not Found"
        body = body if body is not None else b"not found"
        if path in ("/robots.txt", "/sitemap.xml"):
            body = body.replace(b"<loc>/", b"<loc>" + self.origin + b"/").replace(b"Sitemap: /", b"Sitemap: " + self.origin + b"/")
        ctype = b"application/xml" if path.endswith(".xml") else b"text/plain" if path.endswith(".txt") else b"text/html; charset=utf-8"
        head = (b"HTTP/1.1 " + status + b"\r\nContent-Type: " + ctype + b"\r\nContent-Length: " + str(len(body)).encode()
                + b"\r\nDate: " + self.date + b"\r\n\r\n")
        self.transport.write(head + (body if method != b"HEAD" else b""))  # type: ignore[attr-defined]


async def serve(n: int, host: str, port: int) -> None:
    site = build_site(n)
    loop = asyncio.get_running_loop()
    holder: dict[str, bytes] = {}
    server = await loop.create_server(lambda: SiteProtocol(site, holder["origin"]), host, port, backlog=512)
    real_port = server.sockets[0].getsockname()[1]
    holder["origin"] = f"http://{host}:{real_port}".encode()
    print(f"READY http://{host}:{real_port}/ {len(site)} paths", flush=True)
    async with server:
        await server.serve_forever()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=5000, help="number of review pages")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args(argv)
    try:
        asyncio.run(serve(args.pages, args.host, args.port))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
