"""URL canonicalization, origins and start-URL validation for the crawler."""
from __future__ import annotations

import ipaddress
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scraper.errors import InputError

# Query keys that only track where a visitor came from; they never select content.
TRACKING_KEYS = frozenset({
    "ref", "ref_src", "ref_url", "referrer", "source_ref", "fbclid", "gclid", "dclid", "gbraid",
    "wbraid", "msclkid", "yclid", "igshid", "twclid", "_ga", "_gl", "share", "replytocom",
    "amp", "spm", "cmp", "wt_mc", "wt.mc_id", "ito", "ns_campaign", "ns_mchannel", "ns_source",
    "source", "src", "via", "campaign", "cmpid", "ncid", "_hsenc", "_hsmi", "mkt_tok", "trk", "s_cid", "ref_",
})
TRACKING_PREFIXES = ("utm_", "relatedposts", "mc_", "pk_", "piwik_", "mtm_", "matomo_", "hsa_", "at_")
# Session ids some servers put in URLs (PHP, Java, ASP, ColdFusion, shop systems): every visit
# would see every page under a new URL. Also dropped as ;name=value path parameters.
SESSION_KEYS = frozenset({"phpsessid", "jsessionid", "sessionid", "session_id", "sess_id", "sessid",
                          "cfid", "cftoken", "zenid", "oscsid", "xtcsid", "sid_hash"})
SESSION_PREFIXES = ("aspsessionid",)
SESSION_PATH_PARAM = re.compile(r";(?:jsessionid|phpsessid|sessionid|sid)=[^/;?#]*", re.IGNORECASE)
# ASP.NET cookieless state: a whole segment /(S(token))/, /(A(x)F(y))/ (one letter, a token in parentheses,
# several at once). No other URL syntax looks like it, so it is dropped wherever it stands in the path.
ASPNET_COOKIELESS = re.compile(r"/\((?:[A-Za-z]\([A-Za-z0-9_.!*-]*\))+\)(?=/|$)")
# Runs of slashes in a path: servers (nginx merge_slashes, Apache, IIS) answer "/a//b" as "/a/b", and
# a site linking both would be crawled twice. RFC 3986 does not equate them; we do (docs/crawling.md).
SLASH_RUN = re.compile(r"//+")
DEFAULT_PORTS = {"http": 80, "https": 443}
SCHEMES = ("http", "https")
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def _is_tracking(key: str) -> bool:
    low = key.lower()
    return (low in TRACKING_KEYS or low.startswith(TRACKING_PREFIXES)
            or low in SESSION_KEYS or low.startswith(SESSION_PREFIXES))


def canonicalize(url: str) -> str:
    """Drop fragment, tracking and session query keys (and ;jsessionid=… path parameters and ASP.NET
    cookieless /(S(…))/ segments); collapse runs of slashes in the path; lowercase scheme/host; drop
    the default port.

    The path is otherwise kept exactly as linked (its case, a trailing slash: none is added).
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    netloc = _netloc(scheme, parts.hostname or "", parts.port, parts.username, parts.password)
    query = parts.query
    if query:
        query = urlencode([(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _is_tracking(k)],
                          doseq=True)
    return urlunsplit((scheme, netloc, _path(parts.path) or "/", query, ""))


def _path(path: str) -> str:
    if ";" in path:
        path = SESSION_PATH_PARAM.sub("", path)
    if "(" in path:
        path = ASPNET_COOKIELESS.sub("", path) or "/"
    return SLASH_RUN.sub("/", path) if "//" in path else path


def _netloc(scheme: str, host: str, port: int | None, user: str | None, password: str | None) -> str:
    host = host.lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    if user:
        host = f"{user}{':' + password if password else ''}@{host}"
    return host


def same_page(url: str, other: str) -> bool:
    """True when two URLs differ at most in query and fragment (same origin and path)."""
    a, b = urlsplit(url), urlsplit(other)
    return origin(url) == origin(other) and (a.path or "/") == (b.path or "/")


def origin(url: str) -> str:
    """scheme://host[:port] of a URL (default ports dropped)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return f"{scheme}://{_netloc(scheme, parts.hostname or '', _port(parts), None, None)}"


def same_site(old: str, new: str) -> bool:
    """True when a move from `old` to `new` stays on the site: the same origin, or the https of an
    http URL on the same host with both ports the default (http://h → https://h, the site moving to
    TLS; http://h:8080 → https://h:8080 is another server, https → http is no upgrade)."""
    a, b = urlsplit(origin(old)), urlsplit(origin(new))
    if a == b:
        return True
    # origin() drops default ports: a port left in it is another one
    return (a.scheme, b.scheme) == ("http", "https") and a.netloc == b.netloc and _port(a) is None


def _port(parts) -> int | None:  # type: ignore[no-untyped-def]
    try:
        return parts.port
    except ValueError:
        return None


def names_a_page(url: str) -> bool:
    """True when an absolute URL can be fetched as a page of a site: http(s), a host, a well-formed
    port and no userinfo (`http://user:pw@host/`: credentials in a URL are no page of the site).
    One test for links, sitemap entries and robots.txt Sitemap lines alike."""
    try:
        parts = urlsplit(url)
        _ = parts.port   # raises on a malformed port
    except ValueError:
        return False
    return parts.scheme.lower() in SCHEMES and bool(parts.hostname) and "@" not in parts.netloc


def site_of(url: str) -> str:
    """host[:port] of a URL, the contract's `site` value."""
    return origin(url).split("://", 1)[1]


def same_origin(url: str, origins: frozenset[str] | set[str]) -> bool:
    """True when the URL's scheme, host and port are one of the given origins."""
    try:
        return origin(url) in origins
    except ValueError:
        return False


def is_loopback(url: str) -> bool:
    """True for URLs on 127.0.0.0/8, ::1 or a localhost name."""
    host = (urlsplit(url).hostname or "").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def validate_start_url(url: str) -> str:
    """The canonical start URL, or InputError with a one-line reason."""
    text = (url or "").strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise InputError(f"malformed URL {text!r}: {exc}") from None
    if parts.scheme.lower() not in SCHEMES:
        raise InputError(f"malformed URL {text!r}: scheme must be http or https")
    if not parts.hostname:
        raise InputError(f"malformed URL {text!r}: no host")
    if port == 0:
        raise InputError(f"malformed URL {text!r}: port 0")
    if any(ch.isspace() for ch in text):
        raise InputError(f"malformed URL {text!r}: contains whitespace")
    return canonicalize(text)
