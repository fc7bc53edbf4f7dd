"""Copies of one page under other URLs: a trustworthy rel=canonical, or the same bytes under a query or a path variant."""
from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit, urlunsplit

from scrapy.http import Response, TextResponse

from scraper.urls import canonicalize

# Where a page names its canonical URL, in order of trust: og:url only when no <link> says it.
# Read with a byte scan of the page's head, not a parse: this runs on the reactor thread for
# every page, and the workers parse the page anyway.
HEAD_BYTES = 64 * 1024                 # canonical links live in <head>; a head larger than this is a broken page
TAG = re.compile(rb"<(link|meta)\b([^>]*)>", re.IGNORECASE)
ATTR = re.compile(rb"""([a-zA-Z:_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
# Outcomes of a canonical target that mean it holds no review: its copy is fetched again and kept.
NO_REVIEW_OUTCOMES = frozenset({"rejected", "failed", "robots_forbidden", "offsite_redirects"})
DUPLICATE_COUNTER = "duplicates"
KEEP_META = "filmcat_keep_copy"        # request meta: store this page as it is (its original failed)
MAX_CHAIN = 4               # canonicals followed through pages already counted as copies
MAX_COPIES_PER_TARGET = 6   # AMP, print and a few query forms of one article; more is a broken template
# (counted in distinct pages: copies with the same bytes, e.g. one path under many query strings, are one)
REQUERY_META = "filmcat_requery"       # request meta: a query page fetched again after its bare path
# A path segment that is an opaque token, not a word: a session or tracking id in the path
# (/sid/<hex32>/…), 16+ letters and digits with a digit, or a UUID. Hyphenated slugs are words.
# the file names servers answer a directory with ("/r/x/" and "/r/x/index.html" are one page there)
INDEX_FILES = frozenset({"index.html", "index.htm", "index.php", "index.shtml", "default.htm", "default.html",
                         "default.asp", "default.aspx"})
TOKEN_SEGMENT = re.compile(r"(?=[a-z]*\d)[a-z0-9]{16,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def declared_canonical(response: Response) -> str | None:
    """The absolute, canonicalized URL a page declares as its canonical (link rel, else og:url)."""
    if not isinstance(response, TextResponse):
        return None
    href = _canonical_href(response.body[:HEAD_BYTES], response.encoding or "utf-8")
    if not href or href.startswith(("javascript:", "data:", "#")):
        return None
    try:
        return canonicalize(response.urljoin(href))
    except ValueError:
        return None


def _canonical_href(head: bytes, encoding: str) -> str | None:
    end = head.lower().find(b"</head")
    link = og = None
    for kind, attrs in TAG.findall(head if end < 0 else head[:end]):
        values = {m[0].lower(): m[1] or m[2] or m[3] for m in ATTR.findall(attrs)}
        if kind.lower() == b"link" and b"canonical" in values.get(b"rel", b"").lower().split():
            link = link or values.get(b"href")
        elif kind.lower() == b"meta" and (values.get(b"property") or values.get(b"name") or b"").lower() == b"og:url":
            og = og or values.get(b"content")
    raw = link or og
    if not raw:
        return None
    try:
        return html.unescape(raw.decode(encoding, "replace")).strip()
    except LookupError:   # an encoding name Python does not know
        return html.unescape(raw.decode("utf-8", "replace")).strip()


def page_digests(body: bytes, raw_url: str) -> frozenset[bytes]:
    """The digests a page is compared by: its raw bytes, and its bytes blind to its own echoed query
    (the same digest for a URL without a query: hashed once, on the reactor thread)."""
    raw = hashlib.blake2b(body, digest_size=12).digest()
    return frozenset((raw, body_digest(body, raw_url))) if urlsplit(raw_url).query else frozenset((raw,))


def body_digest(body: bytes, raw_url: str) -> bytes:
    """A digest of the bytes of a page, blind to its own query string echoed in the markup."""
    query = urlsplit(raw_url).query.encode("utf-8", "replace")
    if query:
        body = body.replace(query.replace(b"&", b"&amp;"), b"").replace(query, b"")
    return hashlib.blake2b(body, digest_size=12).digest()


def _slashless(url: str) -> str:
    """The URL with a trailing slash of its path dropped ("/p/film/" and "/p/film" are one page)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") or "/", parts.query, ""))


def without_query(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _path_key(url: str) -> int:
    return hash(without_query(url))


def variant_key(url: str) -> str:
    """The URL's origin and path blind to what servers often ignore: case, empty segments, ;parameters,
    opaque token segments and a directory index file at the end ("/r/x/index.html" is "/r/x/"). Only
    ever compared together with a page digest: equal keys alone prove nothing (paths are
    case-sensitive), equal keys and equal bytes make a copy."""
    parts = urlsplit(url)
    segments = [seg.split(";", 1)[0].lower() for seg in parts.path.split("/")]
    if segments and segments[-1] in INDEX_FILES:
        segments.pop()
    path = "/".join("*" if TOKEN_SEGMENT.fullmatch(seg) else seg for seg in segments if seg)
    return f"{parts.scheme}://{parts.netloc.lower()}/{path}"


class CopyTracker:
    """Decides which pages are copies of another URL, and remembers enough to stay order-independent.

    Memory: a few ints and short strings per page (hashes of URLs), never bodies.
    """

    def __init__(self, start_urls: list[str]) -> None:
        self.starts = frozenset(start_urls)
        self.copies: dict[str, str] = {}           # copy URL -> the canonical it was counted a duplicate of
        self.waiting: dict[str, list[str]] = {}    # canonical URL -> copies waiting for its outcome
        self.no_review: set[int] = set()           # hashes of URLs whose outcome was not a review
        # path without query -> digest of the first page stored there (with its URL when that had a query)
        self.bodies: dict[int, frozenset[bytes] | tuple[frozenset[bytes], str]] = {}
        self.answered: set[int] = set()            # hashes of URLs answered (a page, or a failure)
        self.claims: dict[str, list[str]] = {}     # canonical URL -> every page counted as its copy
        self.claim_bytes: dict[str, list[frozenset[bytes]]] = {}   # canonical URL -> digests of its distinct copies
        self.redirected: dict[str, list[str]] = {}  # URL a redirect ended at -> the URLs that redirected there
        self.distrusted: set[int] = set()          # hashes of canonicals named by too many pages
        self.variants: dict[int, str] = {}         # hash of (variant_key, digest) -> the first URL seen with it
        self.via: dict[str, str] = {}              # copy URL -> the page it named, itself a copy (a chain followed)

    # ------------------------------------------------------------ rel=canonical
    def trusted_target(self, url: str, declared: str | None, follows: Callable[[str], bool],
                       aliases: Iterable[str] = ()) -> str | None:
        """The canonical `url` is a copy of, or None when the page stands for itself.

        Trusted only when the declared URL is another plausible article of the same host (the
        scheme may differ: it is mapped onto the page's), not the site root, not a start URL,
        not a page this crawl found to hold no review, not a loop back to the page (a chain
        through pages already counted as copies is followed to its end: the page named is remembered
        in `via`, see outcome), and one the crawl would follow. The page itself must not be the site
        root or a start URL either. A canonical that names the page itself up to a trailing slash, or
        a URL that redirected to the page (`aliases`: "/film" → 301 → "/film/" declaring "/film"),
        names the page, not another one.
        """
        if not declared or declared == url or url in self.starts or _is_root(url):
            return None
        if declared in aliases or _slashless(declared) == _slashless(url):
            return None
        page, target = urlsplit(url), urlsplit(declared)
        if (target.hostname, _explicit_port(target.port)) != (page.hostname, _explicit_port(page.port)):
            return None
        hop = canonicalize(urlunsplit((page.scheme, page.netloc, target.path, target.query, "")))
        declared = self._chain_end(url, hop)
        if declared is None or _is_root(declared) or declared in self.starts:
            return None
        if hash(declared) in self.no_review or hash(declared) in self.distrusted or not follows(declared):
            return None
        if declared != hop:
            self.via[url] = hop
        else:
            self.via.pop(url, None)
        return declared

    def _chain_end(self, url: str, declared: str) -> str | None:
        """Where a chain of copies ends (A names B, B was counted a copy of C: C); None for a loop."""
        seen = {url}
        while declared not in seen and declared in self.copies and len(seen) <= MAX_CHAIN:
            seen.add(declared)
            declared = self.copies[declared]
        return None if declared in seen or len(seen) > MAX_CHAIN else declared

    def count_copy(self, url: str, target: str, limited: bool = True,
                   digests: frozenset[bytes] = frozenset()) -> list[str] | None:
        """Count `url` as a copy of `target`; None when accepted.

        More than MAX_COPIES_PER_TARGET distinct pages naming one canonical is a template naming one
        article everywhere (a misconfigured CMS), not copies: the canonical is distrusted and the
        copies counted so far come back (a list, maybe empty) to be fetched again and stored. Copies
        with the same bytes (`digests`, scraper.spiders.copies.page_digests: a shop's product under
        many recommendation query strings) are one page: many URLs of one article are what a
        canonical is for, many different articles naming one canonical are not.
        """
        claims = self.claims.setdefault(target, [])
        if limited:
            seen = self.claim_bytes.setdefault(target, [])
            if not digests or not any(digests & d for d in seen):
                if len(seen) >= MAX_COPIES_PER_TARGET:
                    self.distrusted.add(hash(target))
                    released = [u for u in self.claims.pop(target) if self.copies.pop(u, None) is not None]
                    self.waiting.pop(target, None)
                    self.claim_bytes.pop(target, None)
                    return released
                seen.append(digests)
        claims.append(url)
        self.copies[url] = target
        if limited:   # a copy by its bytes holds no more than its original: never fetched again for it
            self.waiting.setdefault(target, []).append(url)
        return None

    def redirect(self, old: str, new: str) -> None:
        """`old` redirected to `new` on the same site: copies naming `old` wait for `new`'s outcome
        (a canonical "/products/x" answered 301 → "/products/x/" is the page at "/products/x/")."""
        if old != new:
            olds = self.redirected.setdefault(new, [])
            if old not in olds:
                olds.append(old)

    def outcome(self, url: str, counter: str) -> tuple[list[str], list[str]]:
        """Note a page's outcome (the one of every URL that redirected to the page, too). When it holds
        no review: (the copies that named it, to fetch again and keep; the copies that reached it
        through a chain, to fetch again and judge anew). A chain A → B → C with C a 404 ends at B,
        the last page that answers: B is kept and A becomes B's copy, whichever of A and B came first
        (counted a copy of C straight away, A would be kept beside B)."""
        released: list[str] = []
        again: list[str] = []
        for name in (url, *self.redirected.pop(url, ())):
            self.answered.add(hash(name))
            if counter not in NO_REVIEW_OUTCOMES:
                if counter.startswith("reviews_"):   # the original is a review: its copies stay counted as copies
                    for copy in self.waiting.pop(name, ()):
                        self.via.pop(copy, None)
                continue
            self.no_review.add(hash(name))
            for copy in self.waiting.pop(name, []):
                self.copies.pop(copy, None)
                (again if self.via.pop(copy, None) is not None else released).append(copy)
        return released, again

    # ------------------------------------------------------------ same bytes, other query or path variant
    def same_bytes(self, url: str, digest: bytes | frozenset[bytes]) -> str | None:
        """The URL already seen with the same bytes on the same path (a query copy) or on a variant of
        the path (scraper.spiders.copies.variant_key: case, a token segment), else None.

        `digest` may be several digests of one page (its raw bytes, and its bytes with its own query
        string taken out): two pages match when any of them agree — a page that links other pages
        with the same query string must still match its bare path byte for byte.
        """
        digests = frozenset((digest,)) if isinstance(digest, bytes) else digest
        return self._same_path(url, digests) or self._same_variant(url, digests)

    def _same_path(self, url: str, digests: frozenset[bytes]) -> str | None:
        key = _path_key(url)
        seen = self.bodies.get(key)
        if seen is None:
            # a bare path (most pages) keeps only its digests: its URL is the path itself
            self.bodies[key] = digests if not urlsplit(url).query else (digests, url)
            return None
        first_digests, first = seen if isinstance(seen, tuple) else (seen, without_query(url))
        return first if first_digests & digests and first != url else None

    def _same_variant(self, url: str, digests: frozenset[bytes]) -> str | None:
        """A session token in the path or a case-blind server: the same bytes under a new URL on
        every visit, each linking the next. The first URL seen with the bytes stands for them all."""
        base = variant_key(url)
        keys = [hash((base, d)) for d in digests]
        first = next((self.variants[k] for k in keys if k in self.variants), None)
        if first is None:
            self.variants.update(dict.fromkeys(keys, url))
            return None
        return first if first != url else None

    def bare_pending(self, url: str) -> str | None:
        """For a URL with a query: its bare path when that has not been answered yet (fetch it first)."""
        if not urlsplit(url).query:
            return None
        bare = without_query(url)
        return None if hash(bare) in self.answered or _path_key(url) in self.bodies else bare


def _explicit_port(port: int | None) -> int | None:
    """A port that names another server: http's and https's defaults mean the same host."""
    return None if port in (None, 80, 443) else port


def _is_root(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query
