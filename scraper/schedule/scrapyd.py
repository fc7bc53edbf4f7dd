"""scrapyd backend: deploy the project (scrapyd-deploy) and submit, list and cancel jobs (JSON API)."""
from __future__ import annotations

import base64
import json
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from scraper.errors import CrawlError, InputError

TIMEOUT = 30.0              # seconds per API call
DEPLOY_TIMEOUT = 300        # seconds for building and uploading the egg
SPIDER = "reviews"          # scraper.spiders.review.ReviewSpider.name
RUNNER = "scraper.schedule.scrapyd_runner"

SCRAPY_CFG = """\
[settings]
default = scraper.settings

[deploy:filmcat]
url = {url}
project = {project}
"""
# The egg only registers the project and its settings module: the code runs from the filmcat
# installed on the scrapyd node (its migrations must be files, which a zipped egg cannot offer).
SETUP_PY = """\
from setuptools import setup

setup(
    name="{project}-scrapyd",
    version="{version}",
    packages=[],
    entry_points={{"scrapy": ["settings = scraper.settings"]}},
)
"""


def redact(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urllib.parse.urlunsplit((parts.scheme, f"{parts.username}:***@{host}", parts.path, parts.query, ""))


class ScrapydClient:
    """The few scrapyd JSON endpoints filmcat uses; errors are one-line CrawlErrors."""

    def __init__(self, url: str, timeout: float = TIMEOUT) -> None:
        parts = urllib.parse.urlsplit(url if "://" in url else f"http://{url}")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(f"bad scrapyd URL {redact(url)!r}: want http://host:port/")
        self._auth = None
        if parts.username:
            token = f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
            self._auth = "Basic " + base64.b64encode(token.encode()).decode()
        netloc = parts.netloc.rsplit("@", 1)[-1]
        self.base = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path.rstrip("/") + "/", "", ""))
        self.timeout = timeout

    def _call(self, endpoint: str, params: dict[str, Any] | None = None, post: bool = False) -> dict[str, Any]:
        query = urllib.parse.urlencode(params or {}, doseq=True)
        url = self.base + endpoint
        request = urllib.request.Request(url if post or not query else f"{url}?{query}",
                                         data=query.encode() if post else None)
        if self._auth:
            request.add_header("Authorization", self._auth)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as resp:
                data = json.loads(resp.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            raise CrawlError(f"scrapyd {self.base}{endpoint}: HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise CrawlError(f"scrapyd at {self.base} is not reachable: {reason}") from None
        if data.get("status") != "ok":
            message = " ".join(str(data.get("message", data)).split())[:300]
            raise CrawlError(f"scrapyd {endpoint}: {message}")
        return data

    def status(self) -> dict[str, Any]:
        return self._call("daemonstatus.json")

    def projects(self) -> list[str]:
        return list(self._call("listprojects.json").get("projects", []))

    def schedule(self, project: str, jobid: str, args: dict[str, str]) -> str:
        params = {"project": project, "spider": SPIDER, "jobid": jobid, **args}
        return str(self._call("schedule.json", params, post=True)["jobid"])

    def jobs(self, project: str) -> dict[str, list[dict[str, Any]]]:
        data = self._call("listjobs.json", {"project": project})
        return {state: list(data.get(state, [])) for state in ("pending", "running", "finished")}

    def cancel(self, project: str, jobid: str) -> None:
        self._call("cancel.json", {"project": project, "job": jobid}, post=True)


def deploy(url: str, project: str = "filmcat", version: str | None = None) -> str:
    """Build the project's egg with scrapyd-deploy and upload it; returns the version deployed."""
    ScrapydClient(url).status()  # a clear error before building anything
    tool = shutil.which("scrapyd-deploy", path=str(Path(sys.executable).parent)) or shutil.which("scrapyd-deploy")
    if tool is None:
        raise InputError("scrapyd-deploy is not installed (`pip install filmcat[scheduler]`)")
    version = version or _version()
    with tempfile.TemporaryDirectory(prefix="filmcat-deploy-") as tmp:
        # scrapyd-deploy works in the folder of scrapy.cfg and leaves files there: a scratch folder
        Path(tmp, "scrapy.cfg").write_text(SCRAPY_CFG.format(url=url, project=project))
        Path(tmp, "setup.py").write_text(SETUP_PY.format(project=project, version=version))
        try:
            result = subprocess.run([tool, "filmcat", "-p", project, "--version", version], cwd=tmp,
                                    capture_output=True, text=True, timeout=DEPLOY_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise CrawlError(f"scrapyd-deploy took longer than {DEPLOY_TIMEOUT} s") from None
    output = (result.stdout + result.stderr).replace(url, redact(url))
    if result.returncode != 0 or '"status": "ok"' not in output:
        tail = " ".join(output.split())[-300:]
        raise CrawlError(f"scrapyd-deploy to {redact(url)} failed: {tail or result.returncode}")
    return version


def _version() -> str:
    import time
    from importlib.metadata import version

    # scrapyd runs the highest PEP 440 version: a post-release time stamp keeps redeploys ordered
    return f"{version('filmcat')}.post{time.strftime('%Y%m%d%H%M%S', time.gmtime())}"
