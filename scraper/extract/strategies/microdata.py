"""Strategy: microdata (itemscope/itemprop) and RDFa (typeof/property) Movie and Review items."""
from __future__ import annotations

from typing import Any

from lxml import etree

from scraper.extract.page import Page
from scraper.extract.strategies.jsonld import films
from scraper.extract.strategies.schema_org import film_candidates
from scraper.extract.text import element_text
from scraper.record import Candidate

NAME = "microdata"
# (scope attribute, type attribute, property attribute) per syntax
SYNTAXES = (("itemscope", "itemtype", "itemprop"), ("typeof", "typeof", "property"))
VALUE_ATTRS = ("content", "datetime", "value")


def _prop_value(el: etree._Element) -> str:
    for attr in VALUE_ATTRS:
        if el.get(attr) is not None:
            return el.get(attr, "")
    if el.tag == "meta":
        return el.get("content", "")
    return element_text(el)


def _local(name: str) -> str:
    return name.strip().rsplit("/", 1)[-1].rsplit(":", 1)[-1]


def _item(el: etree._Element, syntax: tuple[str, str, str], depth: int = 0) -> dict[str, Any]:
    scope, type_attr, prop_attr = syntax
    item: dict[str, Any] = {"@type": [_local(t) for t in (el.get(type_attr) or "").split()]}
    stack = list(el)
    while stack:
        child = stack.pop(0)
        if not isinstance(child.tag, str):
            continue
        nested = child.get(scope) is not None
        for prop in (child.get(prop_attr) or "").split():
            value = _item(child, syntax, depth + 1) if nested and depth < 4 else _prop_value(child)
            item.setdefault(_local(prop), []).append(value)
        if not nested:
            stack[:0] = list(child)
    return {k: (v[0] if isinstance(v, list) and len(v) == 1 and k != "@type" else v) for k, v in item.items()}


X_SCOPES = {scope: etree.XPath(f"//*[@{scope}]") for scope, _, _ in SYNTAXES}


def _in_content(el: etree._Element, main: etree._Element | None) -> bool:
    """The item wraps the main content or sits in what is left of it after boilerplate removal."""
    if main is None or el is main:
        return True
    return any(a is main for a in el.iterancestors()) or any(a is el for a in main.iterancestors())


def items(root: etree._Element, main: etree._Element | None = None) -> list[dict[str, Any]]:
    """Top-level items of both syntaxes as JSON-LD-like dicts (only those of the main content)."""
    out: list[dict[str, Any]] = []
    for syntax in SYNTAXES:
        scope, _, prop_attr = syntax
        for el in X_SCOPES[scope](root):
            top = el.get(prop_attr) is None or not any(a.get(scope) is not None for a in el.iterancestors())
            if top and _in_content(el, main):
                out.append(_item(el, syntax))
    return out


def candidates(page: Page) -> list[Candidate]:
    """Candidates from the one film item of the page's markup."""
    if page.root is None or not page.microdata:
        return []
    found = films(items(page.root, page.main))
    return film_candidates(found[0], NAME) if len(found) == 1 else []
