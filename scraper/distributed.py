"""A shared Redis frontier (scrapy-redis) with leased requests, so that crawler processes can die."""
from __future__ import annotations

import os
import socket
import uuid
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.scheduler import Scheduler as RedisScheduler
from twisted.internet.task import LoopingCall

from scraper.errors import CrawlError, InputError

SCHEMES = ("redis", "rediss", "unix")
NAMESPACE_PARAM = "frontier"      # redis://host:6379/0?frontier=NAME keeps crawls of one Redis apart
DEFAULT_NAMESPACE = "filmcat"
LEASE_TTL = 30.0                  # seconds without a heartbeat before a worker's requests go to others
HEARTBEAT = 2.0                   # seconds between heartbeats (lease renewal, release, reclaim)
PREFETCH = 16                     # requests one worker may hold at once; the rest stays for others
CONNECT_TIMEOUT = 5.0             # seconds for the reachability check before the crawl starts

# Redis keys under "<namespace>:<spider>": requests (sorted set, score = -priority), seen (set of
# fingerprints), workers (set of ids), alive:<id> (expiring heartbeat), leases:<id> (payload → score).
POP_LEASED = """
local item = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #item == 0 then return false end
redis.call('ZREM', KEYS[1], item[1])
redis.call('HSET', KEYS[2], item[1], item[2])
return item[1]
"""
# Requests leased by workers whose heartbeat expired go back into the queue.
RECLAIM = """
local moved = 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if id ~= ARGV[2] and redis.call('EXISTS', ARGV[1] .. ':alive:' .. id) == 0 then
    local leases = ARGV[1] .. ':leases:' .. id
    local kv = redis.call('HGETALL', leases)
    for i = 1, #kv, 2 do
      redis.call('ZADD', KEYS[2], kv[i + 1], kv[i])
      moved = moved + 1
    end
    redis.call('DEL', leases)
    redis.call('SREM', KEYS[1], id)
  end
end
return moved
"""
# Work left anywhere: queued requests plus requests leased by live workers.
PENDING = """
local n = redis.call('ZCARD', KEYS[2])
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  n = n + redis.call('HLEN', ARGV[1] .. ':leases:' .. id)
end
return n
"""
# A worker leaves; the last one out of a drained frontier deletes it, so the next crawl starts fresh.
LEAVE = """
local leases = ARGV[1] .. ':leases:' .. ARGV[2]
local kv = redis.call('HGETALL', leases)
for i = 1, #kv, 2 do redis.call('ZADD', KEYS[2], kv[i + 1], kv[i]) end
redis.call('DEL', leases, ARGV[1] .. ':alive:' .. ARGV[2])
redis.call('SREM', KEYS[1], ARGV[2])
if ARGV[3] == '1' and redis.call('SCARD', KEYS[1]) == 0 and redis.call('ZCARD', KEYS[2]) == 0 then
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
  return 1
end
return 0
"""


def split_frontier_url(url: str) -> tuple[str, str]:
    """(Redis URL for the client, namespace of the frontier's keys), or InputError."""
    parts = urlsplit(url.strip())
    if parts.scheme not in SCHEMES:
        raise InputError(f"--frontier wants a redis://, rediss:// or unix:// URL, not {redact(url)!r}")
    query = parse_qsl(parts.query, keep_blank_values=True)
    names = [v for k, v in query if k == NAMESPACE_PARAM]
    namespace = names[-1] if names and names[-1] else DEFAULT_NAMESPACE
    if not namespace.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise InputError(f"frontier name {namespace!r}: use letters, digits, '-', '_' and '.' only")
    rest = urlencode([(k, v) for k, v in query if k != NAMESPACE_PARAM])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, rest, "")), namespace


def redact(url: str) -> str:
    """The URL with its password replaced by ***, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = f"{parts.username}:***@" if parts.username else ":***@"
    return urlunsplit((parts.scheme, user + netloc, parts.path, parts.query, parts.fragment))


def check_reachable(redis_url: str) -> None:
    """PING the server once, so an unreachable frontier is a one-line error before the crawl."""
    import redis

    try:
        client = redis.Redis.from_url(redis_url, socket_connect_timeout=CONNECT_TIMEOUT,
                                      socket_timeout=CONNECT_TIMEOUT)
        with client:
            client.ping()
    except (redis.RedisError, OSError, ValueError) as exc:
        raise CrawlError(f"frontier {redact(redis_url)} is not usable: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text


def frontier_settings(url: str) -> dict[str, Any]:
    """Scrapy settings that make this crawl one worker of the shared frontier at url.

    Checks that the server answers (CrawlError otherwise); InputError for a malformed URL.
    """
    redis_url, namespace = split_frontier_url(url)
    check_reachable(redis_url)
    prefix = f"{namespace}:%(spider)s"
    return {
        "SCHEDULER": "scraper.distributed.FrontierScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:seen",
        # Never flush on close: other workers still use the queue; the last one out clears it.
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_FLUSH_ON_START": False,
        "SCHEDULER_IDLE_BEFORE_CLOSE": 0,  # a blocking pop would stall the reactor thread
        "REDIS_URL": redis_url,
        "FILMCAT_FRONTIER_NAMESPACE": namespace,
        # FILMCAT_FRONTIER_LEASE_TTL / _HEARTBEAT / _PREFETCH are left out on purpose: the
        # scheduler falls back to the constants above, and `--set` values are not overwritten.
    }


def _is_seed(request: Request) -> bool:
    """A start request as the spider made it (not a retry or redirect of one)."""
    meta = request.meta
    return bool(meta.get("is_start_request")) and not meta.get("retry_times") \
        and not meta.get("redirect_times")


class FrontierScheduler(RedisScheduler):  # type: ignore[misc]
    """scrapy-redis's scheduler, plus leases: a popped request stays owned until it is processed.

    A worker renews its heartbeat every FILMCAT_FRONTIER_HEARTBEAT seconds; when it stops for
    FILMCAT_FRONTIER_LEASE_TTL seconds its leased requests return to the queue for the others.
    A worker whose own queue is empty stays open while other workers still hold leases.
    """

    crawler: Any = None
    worker_id = ""
    lease_ttl = LEASE_TTL
    heartbeat = HEARTBEAT
    prefetch = PREFETCH
    leases: dict[int, tuple[Request, bytes]]
    looping: LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> FrontierScheduler:
        instance: FrontierScheduler = super().from_crawler(crawler)
        settings = crawler.settings
        instance.crawler = crawler
        instance.worker_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        instance.lease_ttl = settings.getfloat("FILMCAT_FRONTIER_LEASE_TTL", LEASE_TTL)
        instance.heartbeat = settings.getfloat("FILMCAT_FRONTIER_HEARTBEAT", HEARTBEAT)
        instance.prefetch = max(1, settings.getint("FILMCAT_FRONTIER_PREFETCH", PREFETCH))
        instance.leases = {}
        crawler.signals.connect(instance.spider_idle, signal=signals.spider_idle)
        return instance

    # ---------------------------------------------------------------- keys

    @property
    def prefix(self) -> str:
        return str(self.queue_key % {"spider": self.spider.name}).rsplit(":", 1)[0]

    def _keys(self) -> list[str]:
        """[workers, queue, seen] keys of this frontier."""
        return [f"{self.prefix}:workers", self.queue.key, self.df.key]

    # ---------------------------------------------------------------- life cycle

    def open(self, spider: Any) -> None:
        super().open(spider)
        self.server.sadd(f"{self.prefix}:workers", self.worker_id)
        self._beat()
        self.looping = LoopingCall(self._tick)
        self.looping.start(self.heartbeat, now=False)

    def close(self, reason: str) -> None:
        if self.looping is not None and self.looping.running:
            self.looping.stop()
        self._release_done()
        workers, queue, seen = self._keys()
        drained = "1" if reason == "finished" else "0"
        self.server.eval(LEAVE, 3, workers, queue, seen, self.prefix, self.worker_id, drained)

    # ---------------------------------------------------------------- queue

    def enqueue_request(self, request: Request) -> bool:
        # Every worker yields the same start requests: only the first to arrive is queued, even
        # when the spider marks them dont_filter (Scrapy's default start requests do).
        filtered = not request.dont_filter or _is_seed(request)
        if filtered and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        if self.stats:  # (scrapy-redis passes spider= here, which Scrapy 2.19 deprecates)
            self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self) -> Request | None:
        # Release first: the engine asks right after a request finished, so leases stay short.
        self._release_done()
        if len(self.leases) >= self.prefetch:
            return None  # asked again when one of ours finishes
        queue = self.queue.key
        payload = self.server.eval(POP_LEASED, 2, queue, self._lease_key)
        if not payload:
            return None
        request: Request = self.queue._decode_request(payload)
        self.leases[id(request)] = (request, payload)
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    @property
    def _lease_key(self) -> str:
        return f"{self.prefix}:leases:{self.worker_id}"

    # ---------------------------------------------------------------- heartbeat

    def _beat(self) -> None:
        self.server.set(f"{self.prefix}:alive:{self.worker_id}", b"1", px=int(self.lease_ttl * 1000))

    def _tick(self) -> None:
        try:
            self._beat()
            self._release_done()
            self._reclaim()
            if len(self.leases) < self.prefetch:
                # new work in the queue, or the frontier drained: either way the engine should look
                _wake(self.crawler.engine)
        except Exception as exc:  # noqa: BLE001 - a Redis hiccup must not end the heartbeat loop
            self.spider.logger.warning("frontier heartbeat failed: %s", _first_line(exc))

    def _release_done(self) -> None:
        """Drop the leases of requests that left the downloader and the scraper."""
        busy = _in_progress(self.crawler.engine)
        done = [key for key, (request, _) in self.leases.items() if id(request) not in busy]
        if done:
            self.server.hdel(self._lease_key, *[self.leases[k][1] for k in done])
            for key in done:
                del self.leases[key]

    def _reclaim(self) -> int:
        workers, queue, _ = self._keys()
        moved = int(self.server.eval(RECLAIM, 2, workers, queue, self.prefix, self.worker_id))
        if moved and self.stats:
            self.stats.inc_value("filmcat/frontier_reclaimed", moved)
        return moved

    def pending_anywhere(self) -> int:
        """Requests queued or leased by any live worker of this frontier."""
        workers, queue, _ = self._keys()
        return int(self.server.eval(PENDING, 2, workers, queue, self.prefix))

    def spider_idle(self, spider: Any) -> None:
        """Keep this worker open while the frontier still has work (queued or leased elsewhere)."""
        self._release_done()
        self._reclaim()
        if self.pending_anywhere() > 0:
            raise DontCloseSpider


def _wake(engine: Any) -> None:
    """Ask the engine to look at the scheduler now (work arrived, or the frontier drained).

    Scrapy polls an idle scheduler only every 5 s (its slot heartbeat); there is no public
    call for "work arrived", so this schedules the slot's next call when the engine has one.
    """
    slot = getattr(engine, "_slot", None)
    nextcall = getattr(slot, "nextcall", None)
    if nextcall is not None:
        nextcall.schedule()


def _in_progress(engine: Any) -> set[int]:
    """ids of the requests the engine is downloading or scraping right now."""
    busy = {id(r) for r in getattr(engine.downloader, "active", ())}
    slot = getattr(engine.scraper, "slot", None)
    if slot is not None:
        busy.update(id(r) for r in slot.active)
        busy.update(id(entry[1]) for entry in slot.queue)
    return busy
