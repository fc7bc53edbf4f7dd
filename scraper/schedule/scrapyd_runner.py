"""scrapyd job runner (`runner = scraper.schedule.scrapyd_runner`): each job is a `filmcat crawl`."""
from __future__ import annotations

import os
import sys

from scraper.cli.common import DEFAULT_DB

LIST_SEPARATOR = ","  # start_urls and sites spider arguments hold comma-separated lists


def parse_crawl_args(argv: list[str]) -> tuple[str, dict[str, str], dict[str, str]]:
    """(spider, settings, spider arguments) of scrapyd's `crawl SPIDER -s K=V ... -a K=V ...`."""
    if not argv:
        raise SystemExit("scrapyd runner: crawl without a spider name")
    spider, settings, args = argv[0], {}, {}
    rest = iter(argv[1:])
    for flag in rest:
        value = next(rest, "")
        key, _, val = value.partition("=")
        if flag == "-s":
            settings[key] = val
        elif flag == "-a":
            args[key] = val
    return spider, settings, args


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(LIST_SEPARATOR) if v.strip()]


def crawl(argv: list[str]) -> int:
    """Run the job like `filmcat crawl`: a recorded run, resolution at the end, one-line errors."""
    from catalog.errors import CatalogError
    from scraper.crawl import run_crawl
    from scraper.errors import FilmcatError

    _spider, settings, args = parse_crawl_args(argv)
    overrides: dict[str, object] = {k: v for k, v in settings.items() if k in ("LOG_FILE", "LOG_LEVEL")}
    db = args.get("db") or os.environ.get("FILMCAT_DB") or DEFAULT_DB
    try:
        if args.get("frontier"):
            from scraper.distributed import frontier_settings

            overrides.update(frontier_settings(args["frontier"]))
        summary = run_crawl(_split(args.get("start_urls")), db, settings=overrides,
                            profiles=_split(args.get("sites")))
    except (FilmcatError, CatalogError) as exc:
        print(f"filmcat: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 1
    print(summary.line())
    return summary.exit_code  # 130/143 when a signal (scrapyd's cancel) stopped it


def main() -> int:
    argv = sys.argv[1:]
    if argv[:1] == ["crawl"]:
        return crawl(argv[1:])
    # `list` and anything else: scrapyd's own runner (activates the deployed egg, runs scrapy)
    from scrapyd.runner import main as scrapyd_main

    scrapyd_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
