"""The `filmcat` command: a thin layer over the scraper and catalog libraries."""
from __future__ import annotations

import importlib
import pkgutil

import click

# Each module in this package that defines `register(group)` adds its commands.
_SKIP = {"common"}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="filmcat")
def cli() -> None:
    """filmcat: crawl film-review sites into a catalogue of films."""


def _register_all() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name in _SKIP or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(cli)


_register_all()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="filmcat")
