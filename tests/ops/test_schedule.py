"""`filmcat schedule`: crontab and systemd targets, the per-site lock, real scheduled runs and status."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from catalog import Catalog
from scraper.errors import InputError
from scraper.schedule import CrontabTarget, Entry, SystemdTarget, add_entry, remove_entry
from scraper.schedule.crontab import BEGIN, END
from scraper.schedule.runner import site_lock
from tests.ops import crawlers
from tests.ops.site import CountingSite

OTHER_LINES = "MAILTO=ops@example.org\n# backups\n0 2 * * * /usr/local/bin/backup --all\n"


def test_crontab_block_keeps_other_lines_and_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "crontab"
    path.write_text(OTHER_LINES)
    target = CrontabTarget(path, executable="/opt/filmcat/bin/filmcat")
    add_entry(target, Entry("http://127.0.0.1:8001/", every="6h", db="postgresql://u:p%40ss@db/filmcat"))
    add_entry(target, Entry("http://127.0.0.1:8002/", cron="15 3 * * *"))
    _, replaced = add_entry(target, Entry("http://127.0.0.1:8002/", cron="45 4 * * *"))
    assert replaced
    text = path.read_text()
    assert text.startswith(OTHER_LINES)
    assert text.count(BEGIN) == 1 and text.count(END) == 1
    assert "45 4 * * * /opt/filmcat/bin/filmcat schedule run http://127.0.0.1:8002/" in text
    assert "p\\%40ss" in text  # cron would turn a bare % into a newline
    assert [e.site for e in target.entries()] == ["http://127.0.0.1:8001/", "http://127.0.0.1:8002/"]
    remove_entry(target, "http://127.0.0.1:8001/")
    remove_entry(target, "http://127.0.0.1:8002/")
    assert path.read_text() == OTHER_LINES
    with pytest.raises(InputError, match="no schedule entry"):
        remove_entry(target, "http://127.0.0.1:8002/")


def test_crontab_refuses_what_cron_cannot_run_evenly(tmp_path: Path) -> None:
    target = CrontabTarget(tmp_path / "crontab")
    with pytest.raises(InputError, match="--cron"):
        add_entry(target, Entry("http://127.0.0.1:8001/", every="5h"))
    assert not (tmp_path / "crontab").exists()


def test_systemd_units(tmp_path: Path) -> None:
    target = SystemdTarget(tmp_path / "units", executable="/opt/filmcat/bin/filmcat")
    add_entry(target, Entry("http://127.0.0.1:8001/", every="5h"))
    add_entry(target, Entry("http://127.0.0.1:8002/", cron="0 9 * * mon-fri", backend="scrapyd",
                            scrapyd_url="http://10.0.0.5:6800/"))
    timer = (tmp_path / "units" / "filmcat-crawl-127-0-0-1-8001.timer").read_text()
    assert "OnUnitActiveSec=18000s" in timer and "Persistent=true" in timer
    cron_timer = (tmp_path / "units" / "filmcat-crawl-127-0-0-1-8002.timer").read_text()
    assert "OnCalendar=Mon,Tue,Wed,Thu,Fri *-*-* 09:00:00" in cron_timer
    service = (tmp_path / "units" / "filmcat-crawl-127-0-0-1-8002.service").read_text()
    assert "Type=oneshot" in service
    assert "ExecStart=/opt/filmcat/bin/filmcat schedule run http://127.0.0.1:8002/ --backend scrapyd" in service
    assert {e.site for e in target.entries()} == {"http://127.0.0.1:8001/", "http://127.0.0.1:8002/"}
    remove_entry(target, "http://127.0.0.1:8001/")
    assert sorted(p.name for p in (tmp_path / "units").iterdir()) == [
        "filmcat-crawl-127-0-0-1-8002.service", "filmcat-crawl-127-0-0-1-8002.timer"]


HOLD = "import sys, time; from scraper.schedule.runner import site_lock; from pathlib import Path\n" \
       "with site_lock(Path(sys.argv[1]), 'site') as lock:\n    print(lock is not None, flush=True)\n" \
       "    time.sleep(60)\n"


def test_lock_excludes_a_second_run_and_dies_with_its_holder(tmp_path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
        with site_lock(tmp_path, "site") as lock:
            assert lock is None
        with site_lock(tmp_path, "other-site") as lock:
            assert lock is not None
    finally:
        holder.kill()
        holder.wait()
    with site_lock(tmp_path, "site") as lock:  # the kernel released the dead holder's lock
        assert lock is not None


@pytest.mark.parametrize("args", [
    ["add", "http://127.0.0.1:8001/", "--every", "6 hours"],
    ["add", "http://127.0.0.1:8001/", "--cron", "61 * * * *"],
    ["add", "http://127.0.0.1:8001/"],
    ["add", "http://127.0.0.1:8001/", "--every", "1h", "--cron", "0 * * * *"],
    ["add", "ftp://example.org/", "--every", "1h"],
    ["add", "no-such-profile-name", "--every", "1h"],
    ["remove", "http://127.0.0.1:8001/"],
])
def test_cli_bad_input_is_one_line(args: list[str], tmp_path: Path) -> None:
    done = crawlers.run("schedule", *args, "--crontab-file", str(tmp_path / "crontab"))
    assert done.returncode != 0
    assert crawlers.no_traceback(done.stderr)
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def _cron_command(crontab: Path) -> str:
    """The command part of the single filmcat line, as cron hands it to /bin/sh."""
    line = next(x for x in crontab.read_text().splitlines() if "schedule run" in x and not x.startswith("#"))
    return line.split(None, 5)[5].replace("\\%", "%")


def test_scheduled_local_run_end_to_end(tmp_path: Path, site_dir: Path) -> None:
    crontab, logs, locks = tmp_path / "crontab", tmp_path / "logs", tmp_path / "locks"
    db = f"sqlite:///{tmp_path / 'catalog.db'}"
    with CountingSite(site_dir) as site:
        added = crawlers.run("schedule", "add", site.url, "--every", "1d", "--db", db,
                             "--crontab-file", str(crontab), "--log-dir", str(logs))
        assert added.returncode == 0, added.stderr
        before = crawlers.run("schedule", "status", "--crontab-file", str(crontab), "--json")
        assert json.loads(before.stdout)["last_run_id"] is None
        # run the line the way cron does: /bin/sh, a bare environment, the home directory
        env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "FILMCAT_LOCK_DIR": str(locks)}
        done = subprocess.run(["/bin/sh", "-c", _cron_command(crontab)], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=180, check=False)
        assert done.returncode == 0, done.stderr + "".join(p.read_text() for p in logs.iterdir())
    log = next(logs.iterdir()).read_text()
    assert "finished" in log and crawlers.no_traceback(log)
    with Catalog(db) as catalog:
        assert len(list(catalog.iter_reviews())) > 0
    status = crawlers.run("schedule", "status", "--crontab-file", str(crontab), "--json")
    row = json.loads(status.stdout)
    assert row["last_status"] == "finished" and row["last_run_id"] is not None
    assert row["next_run"] > row["last_started"]
    listed = crawlers.run("schedule", "list", "--crontab-file", str(crontab))
    assert site.url in listed.stdout and "every 1d" in listed.stdout


def test_run_is_skipped_while_the_previous_one_holds_the_lock(tmp_path: Path) -> None:
    from scraper.schedule.entries import site_key

    site = "http://127.0.0.1:9/"
    holder = subprocess.Popen([sys.executable, "-c", HOLD.replace("'site'", repr(site_key(site))), str(tmp_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
        done = crawlers.run("schedule", "run", site, "--lock-dir", str(tmp_path),
                            "--db", f"sqlite:///{tmp_path / 'c.db'}")
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("skipped:"), done.stdout
    assert not (tmp_path / "c.db").exists()  # no crawl was started


def test_status_reads_runs_of_each_entry(tmp_path: Path) -> None:
    crontab = tmp_path / "crontab"
    db = f"sqlite:///{tmp_path / 'catalog.db'}"
    with Catalog(db) as catalog:
        run_id = catalog.start_run("crawl", ["127.0.0.1:8001"], {})
        catalog.finish_run(run_id, {"fetched": 3}, status="finished")
        catalog.start_run("crawl", ["127.0.0.1:8001"], {})  # running now
    for site in ("http://127.0.0.1:8001/", "http://127.0.0.1:8002/"):
        assert crawlers.run("schedule", "add", site, "--cron", "0 4 * * *", "--crontab-file",
                            str(crontab)).returncode == 0
    done = crawlers.run("schedule", "status", "--crontab-file", str(crontab), "--db", db)
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()
    assert "running now" in first and f"last run {run_id + 1} running" in first
    assert "never ran" in second and "next " in second and "T04:00" in second


def test_entry_commands_carry_frontier_and_nodes() -> None:
    from scraper.schedule.runner import crawl_argv, scrapyd_args

    with pytest.raises(InputError, match="--frontier"):
        Entry("http://127.0.0.1:8001/", every="1d", backend="scrapyd", scrapyd_url="http://a:6800/,http://b:6800/")
    entry = Entry("http://127.0.0.1:8001/", every="1d", backend="scrapyd", frontier="redis://r:6379/0",
                  scrapyd_url="http://a:6800/,http://b:6800/")
    argv = entry.run_command("/bin/filmcat")
    assert argv[argv.index("--frontier") + 1] == "redis://r:6379/0"
    assert [argv[i + 1] for i, a in enumerate(argv) if a == "--scrapyd-url"] == ["http://a:6800/", "http://b:6800/"]
    assert scrapyd_args(entry) == {"start_urls": "http://127.0.0.1:8001/", "frontier": "redis://r:6379/0"}
    local = Entry("http://127.0.0.1:8001/", every="1d", frontier="redis://r:6379/0", db="sqlite:///x.db")
    assert crawl_argv(local, "/bin/filmcat") == ["/bin/filmcat", "crawl", "--start-url", "http://127.0.0.1:8001/",
                                                 "--db", "sqlite:///x.db", "--frontier", "redis://r:6379/0"]
    assert Entry.from_json(entry.to_json()) == entry


def test_next_run_of_intervals_cron_cannot_express() -> None:
    from datetime import datetime, timedelta

    now = datetime(2026, 12, 1, 8, 0)
    entry = Entry("http://127.0.0.1:8001/", every="5h")  # systemd target: last start + interval
    assert entry.next_run(now, now - timedelta(hours=1)) == now + timedelta(hours=4)
    assert entry.next_run(now, now - timedelta(hours=9)) == now  # overdue: fires as soon as it can
    assert entry.next_run(now, None) == now
    daily = Entry("http://127.0.0.1:8001/", cron="30 2 * * *")
    assert daily.next_run(now, None) == datetime(2026, 12, 2, 2, 30)


FAKE_CRONTAB = """#!/bin/sh
# stands in for cron's crontab(1), which CI does not install: -l prints, - replaces
store="$CRONTAB_STORE"
case "$1" in
  -l) [ -f "$store" ] || { echo "no crontab for $(id -un)" >&2; exit 1; }; cat "$store" ;;
  -) cat > "$store" ;;
  *) echo "usage: crontab -l | crontab -" >&2; exit 1 ;;
esac
"""


def test_users_crontab_through_the_crontab_program(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "crontab").write_text(FAKE_CRONTAB)
    (bin_dir / "crontab").chmod(0o755)
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "CRONTAB_STORE": str(tmp_path / "store")}
    added = crawlers.run("schedule", "add", "http://127.0.0.1:8001/", "--every", "1d", env=env)
    assert added.returncode == 0, added.stderr  # "no crontab for …" is an empty crontab
    assert "the user's crontab" in added.stdout
    assert "schedule run http://127.0.0.1:8001/" in (tmp_path / "store").read_text()
    listed = crawlers.run("schedule", "list", env=env)
    assert listed.stdout.startswith("http://127.0.0.1:8001/\tevery 1d")
    (bin_dir / "crontab").write_text("#!/bin/sh\necho 'crontab: permission denied' >&2\nexit 2\n")
    broken = crawlers.run("schedule", "list", env=env)
    assert broken.returncode != 0 and "permission denied" in broken.stderr
    assert len(broken.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("code", "status"), [(130, "stopped"), (143, "stopped"), (1, "failed"), (0, "finished")])
def test_local_run_tells_a_stopped_crawl_from_a_failed_one(tmp_path: Path, code: int, status: str) -> None:
    """`filmcat crawl` exits 130/143 when Ctrl-C or SIGTERM stopped it: the scheduler says stopped."""
    from scraper.schedule.runner import run_local

    fake = tmp_path / "filmcat"
    fake.write_text(f"#!/bin/sh\nexit {code}\n")
    fake.chmod(0o755)
    outcome = run_local(Entry("http://127.0.0.1:9/", every="1h"), tmp_path / "locks", executable=str(fake))
    assert (outcome.status, outcome.exit_code) == (status, code), outcome
