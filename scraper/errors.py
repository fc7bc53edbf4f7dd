"""Exception hierarchy of the scraper package.

FilmcatError            base of every error the CLI turns into a one-line message
├── InputError          bad user input (unreadable file, malformed URL, bad option value)
├── CrawlError          a crawl could not run (no reachable start URL, reactor failure)
└── ExtractionError     a page could not be processed at all (never raised for merely odd HTML)
"""
from __future__ import annotations


class FilmcatError(Exception):
    """Base class: str(exc) is the one-line message shown to the user."""


class InputError(FilmcatError):
    """The user gave input that cannot be used."""


class CrawlError(FilmcatError):
    """A crawl could not be started or finished."""


class ExtractionError(FilmcatError):
    """A page could not be decoded or parsed at all."""
