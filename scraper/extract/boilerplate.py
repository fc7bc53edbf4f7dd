"""Boilerplate removal: navigation, sidebars, related posts, comments, votes, cookie banners, same-title boxes."""
from __future__ import annotations

import re

from lxml import html

# elements that never hold the review's own facts
DROP_TAGS = ("nav", "aside", "form", "button", "select", "textarea", "iframe", "dialog")
# header/footer are page furniture unless they sit inside the article or main content
EDGE_TAGS = ("header", "footer")
DROP_ROLES = {"navigation", "contentinfo", "complementary", "dialog", "alertdialog", "search", "banner"}
# class/id words (split on - _ space) of boilerplate blocks
CLASS_WORDS = {
    "comment", "comments", "commentlist", "respond", "related", "relatedposts", "sidebar", "widget",
    "widgets", "share", "sharing", "sharedaddy", "social", "navigation", "breadcrumb", "breadcrumbs",
    "cookie", "cookies", "consent", "cmp", "gdpr", "banner", "ad", "ads", "advert", "advertisement",
    "newsletter", "poll", "vote", "votes", "voting", "community", "user", "users", "reader", "readers",
    "toplist", "popular", "recommended", "recommendations", "rmp", "disqus", "subscribe", "promo",
    "teaser-list", "more", "readmore", "outbrain", "taboola", "mostread", "trending", "menu",
}
# heading texts that open a boilerplate box (case-insensitive prefixes; a count may come first)
HEADINGS = (
    "das könnte dich auch interessieren", "das könnte sie auch interessieren", "das könnte dir auch gefallen",
    "ähnliche beiträge", "ähnliche artikel", "ähnliche filme", "ähnliche kritiken", "weitere kritiken",
    "weitere artikel", "weitere beiträge", "mehr zum thema", "mehr kritiken", "auch interessant",
    "empfehlungen", "you might also like", "you may also like", "related", "read next", "read more",
    "more reviews", "more from", "recommended", "filme mit gleichem titel", "gleichnamige filme",
    "nicht verwechseln", "nicht zu verwechseln", "die reihe", "weitere filme der reihe",
    "filme der reihe", "filmreihe", "alle teile", "the series", "franchise", "kommentare", "kommentar",
    "comments", "gedanken zu", "schreibe einen kommentar", "hinterlasse", "leave a reply",
    "leave a comment", "nutzerkritiken", "leserkritiken", "nutzerwertung", "leserwertung", "user reviews",
    "community", "leser-favoriten", "meistgelesen", "neueste beiträge", "neueste kritiken", "latest",
    "popular", "newsletter", "teilen", "share", "what did you think", "wie hat dir", "wie hat ihnen",
    "wie fandest du", "deine meinung", "deine wertung", "your rating", "rate this", "reader score",
    "kategorien", "categories", "schlagwörter", "archiv", "archive", "most read", "trending",
    "same title", "other films titled", "also titled", "mehr filme", "weitere filme",
)
_HEADING_RX = re.compile(r"^\s*(?:\d+\s+)?(?:" + "|".join(re.escape(h) for h in HEADINGS) + r")", re.I)
_SPLIT = re.compile(r"[\s_-]+")
HEADING_TAGS = ("h2", "h3", "h4", "h5", "h6")


def _protected(root: html.HtmlElement) -> set[html.HtmlElement]:
    """Ancestors of the first <h1> and of <main>: class rules must never remove them."""
    keep: set[html.HtmlElement] = set()
    heads = root.xpath("(//main//h1 | //*[@role='main']//h1 | //article//h1)[1]") or root.xpath("(//h1)[1]")
    for el in root.xpath("//main | //*[@role='main'] | //article") + heads:
        keep.update(el.iterancestors())
        keep.add(el)
    return keep


def _class_words(el: html.HtmlElement) -> set[str]:
    attrs = f"{el.get('class', '')} {el.get('id', '')}".lower()
    return set(_SPLIT.split(attrs)) if attrs.strip() else set()


def _is_boilerplate(el: html.HtmlElement) -> bool:
    tag = el.tag
    if tag in DROP_TAGS:
        return True
    if tag in EDGE_TAGS:
        return not any(a.tag in ("article", "main") or a.get("role") == "main" for a in el.iterancestors())
    if el.get("role") in DROP_ROLES:
        return True
    return bool(_class_words(el) & CLASS_WORDS)


def _drop(el: html.HtmlElement) -> None:
    if el.getparent() is not None:
        el.drop_tree()


def _drop_heading_section(heading: html.HtmlElement, keep: set[html.HtmlElement]) -> None:
    parent = heading.getparent()
    while parent is not None and parent.tag in ("a", "span", "em", "strong", "div") and \
            len(parent) == 1 and parent not in keep and not (parent.text or "").strip():
        heading, parent = parent, parent.getparent()  # a heading wrapped in a bare box: drop the box
    if parent is not None and parent not in keep and parent.tag not in ("body", "html"):
        _drop(parent)
        return
    level = int(heading.tag[1]) if heading.tag in HEADING_TAGS else 6
    sibling = heading.getnext()
    while sibling is not None:  # heading inside the article itself: drop up to the next same-level heading
        if sibling.tag in HEADING_TAGS and int(sibling.tag[1]) <= level:
            break
        following = sibling.getnext()
        _drop(sibling)
        sibling = following
    _drop(heading)


def remove_boilerplate(root: html.HtmlElement) -> None:
    """Remove boilerplate in place."""
    keep = _protected(root)
    doomed = [el for el in root.iter() if isinstance(el.tag, str) and el not in keep and _is_boilerplate(el)]
    for el in doomed:
        _drop(el)
    for heading in list(root.iter(*HEADING_TAGS)):
        if heading.getparent() is not None and _HEADING_RX.match(heading.text_content() or ""):
            _drop_heading_section(heading, _protected(root))
