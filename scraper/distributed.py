"""A shared Redis frontier (scrapy-redis) with leased requests, so that crawler processes can die."""
from __future__ import annotations

import os
import socket
import uuid
from collections import Counter
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import redis
from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.scheduler import Scheduler as RedisScheduler
from twisted.internet.task import LoopingCall

from scraper.errors import CrawlError, InputError
from scraper.middlewares.stopping import unsent

SCHEMES = ("redis", "rediss", "unix")
REDIS_ERRORS = (redis.RedisError, OSError)
# Every Redis call runs on the reactor thread (scrapy-redis is synchronous): keep them short.
REDIS_TIMEOUT = 5.0               # seconds per call and per connection attempt
NAMESPACE_PARAM = "frontier"      # redis://host:6379/0?frontier=NAME keeps crawls of one Redis apart
DEFAULT_NAMESPACE = "filmcat"
LEASE_TTL = 30.0                  # seconds without a heartbeat before a worker's requests go to others
HEARTBEAT = 2.0                   # seconds between heartbeats (lease renewal, release, reclaim)
KEEP = 300                        # seconds a drained frontier's seen set outlives its last worker
CONNECT_TIMEOUT = 5.0             # seconds for the reachability check before the crawl starts

# Redis keys under P = "<namespace>:<spider>":
#   P:requests:<slot>  sorted set per download slot (site), score = -priority, member = request
#   P:requests:slots   set of slots that have queued requests
#   P:seen             set of request fingerprints (scrapy-redis dupefilter)
#   P:workers          set of worker ids;  P:alive:<id>  expiring heartbeat of one worker
#   P:leases:<id>      hash: request the worker popped and has not finished → "<score> <slot>"
POP_LEASED = """
local item = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #item == 0 then redis.call('SREM', KEYS[3], ARGV[1]) return false end
redis.call('ZREM', KEYS[1], item[1])
if redis.call('ZCARD', KEYS[1]) == 0 then redis.call('SREM', KEYS[3], ARGV[1]) end
redis.call('HSET', KEYS[2], item[1], item[2] .. ' ' .. ARGV[1])
return item[1]
"""
# Put a worker's leased requests back into their slot queues (ARGV[1] is P in every script).
REQUEUE = """
local function requeue(leases)
  local queue = ARGV[1] .. ':requests'
  local kv = redis.call('HGETALL', leases)
  for i = 1, #kv, 2 do
    local sep = string.find(kv[i + 1], ' ', 1, true)
    local slot = string.sub(kv[i + 1], sep + 1)
    redis.call('ZADD', queue .. ':' .. slot, string.sub(kv[i + 1], 1, sep - 1), kv[i])
    redis.call('SADD', queue .. ':slots', slot)
  end
  redis.call('DEL', leases)
  return #kv / 2
end
local function queued()
  local queue, n = ARGV[1] .. ':requests', 0
  for _, slot in ipairs(redis.call('SMEMBERS', queue .. ':slots')) do
    n = n + redis.call('ZCARD', queue .. ':' .. slot)
  end
  return n
end
"""
# Requests leased by workers whose heartbeat expired go back into the queue.
RECLAIM = REQUEUE + """
local moved = 0
for _, id in ipairs(redis.call('SMEMBERS', ARGV[1] .. ':workers')) do
  if id ~= ARGV[2] and redis.call('EXISTS', ARGV[1] .. ':alive:' .. id) == 0 then
    moved = moved + requeue(ARGV[1] .. ':leases:' .. id)
    redis.call('SREM', ARGV[1] .. ':workers', id)
  end
end
return moved
"""
QUEUED = REQUEUE + "return queued()"
# Work left anywhere: queued requests plus requests leased by live workers.
PENDING = REQUEUE + """
local n = queued()
for _, id in ipairs(redis.call('SMEMBERS', ARGV[1] .. ':workers')) do
  n = n + redis.call('HLEN', ARGV[1] .. ':leases:' .. id)
end
return n
"""
# A worker leaves. The last one out of a drained frontier deletes it, except the seen set, which
# expires after ARGV[4] seconds: a worker that starts late finds the crawl done instead of redoing it.
LEAVE = REQUEUE + """
requeue(ARGV[1] .. ':leases:' .. ARGV[2])
redis.call('DEL', ARGV[1] .. ':alive:' .. ARGV[2])
redis.call('SREM', ARGV[1] .. ':workers', ARGV[2])
if ARGV[3] == '1' and redis.call('SCARD', ARGV[1] .. ':workers') == 0 and queued() == 0 then
  redis.call('DEL', ARGV[1] .. ':workers', ARGV[1] .. ':requests:slots')
  if tonumber(ARGV[4]) > 0 then
    redis.call('EXPIRE', ARGV[1] .. ':seen', ARGV[4])
  else
    redis.call('DEL', ARGV[1] .. ':seen')
  end
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
        "REDIS_PARAMS": {"socket_timeout": REDIS_TIMEOUT, "socket_connect_timeout": REDIS_TIMEOUT,
                         "retry_on_timeout": True, "encoding": "utf-8"},
        "FILMCAT_FRONTIER_NAMESPACE": namespace,
        # A lease ends when the engine is done with a request; a review still waiting in the
        # pipeline's write batch then would die with a killed worker. Write each one at once.
        "FILMCAT_WRITE_BATCH": 1,
        # FILMCAT_FRONTIER_LEASE_TTL / _HEARTBEAT / _KEEP / _PREFETCH / _SLOT_PREFETCH are left out on
        # purpose: the scheduler has defaults, and `--set` values must not be overwritten.
    }


def _is_seed(request: Request) -> bool:
    """A start request as the spider made it (not a retry or redirect of one)."""
    meta = request.meta
    return bool(meta.get("is_start_request")) and not meta.get("retry_times") \
        and not meta.get("redirect_times")


class FrontierScheduler(RedisScheduler):  # type: ignore[misc]
    """scrapy-redis's scheduler with one queue per site and leases: a popped request stays owned until done.

    A worker downloads at most FILMCAT_FRONTIER_SLOT_PREFETCH (default: CONCURRENT_REQUESTS_PER_DOMAIN)
    leased requests per site and holds FILMCAT_FRONTIER_PREFETCH (default: CONCURRENT_REQUESTS)
    in all, so it never sits on work it cannot download yet while other workers idle. It renews its
    heartbeat every FILMCAT_FRONTIER_HEARTBEAT seconds; when that stops for
    FILMCAT_FRONTIER_LEASE_TTL seconds, its leased requests return to the queues for the others.
    A worker with nothing to do stays open while other workers still hold leases. The seen set
    of a finished crawl lives on for FILMCAT_FRONTIER_KEEP seconds (0: deleted at once).
    """

    crawler: Any = None
    worker_id = ""
    lease_ttl = LEASE_TTL
    heartbeat = HEARTBEAT
    keep = KEEP
    prefetch = 16
    slot_prefetch = 8
    leases: dict[int, tuple[Request, bytes, str]]
    looping: LoopingCall | None = None
    turn = 0
    lost: str | None = None           # why Redis failed, once it has
    redis_url = ""

    @classmethod
    def from_crawler(cls, crawler: Any) -> FrontierScheduler:
        instance: FrontierScheduler = super().from_crawler(crawler)
        settings = crawler.settings
        instance.crawler = crawler
        instance.worker_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        instance.lease_ttl = settings.getfloat("FILMCAT_FRONTIER_LEASE_TTL", LEASE_TTL)
        instance.heartbeat = settings.getfloat("FILMCAT_FRONTIER_HEARTBEAT", HEARTBEAT)
        instance.keep = max(0, settings.getint("FILMCAT_FRONTIER_KEEP", KEEP))
        total = settings.getint("FILMCAT_FRONTIER_PREFETCH") or settings.getint("CONCURRENT_REQUESTS")
        per_site = settings.getint("FILMCAT_FRONTIER_SLOT_PREFETCH") \
            or settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") or total
        instance.prefetch, instance.slot_prefetch = max(1, total), max(1, per_site)
        instance.leases = {}
        instance.redis_url = settings.get("REDIS_URL") or ""
        crawler.signals.connect(instance.spider_idle, signal=signals.spider_idle)
        return instance

    # ---------------------------------------------------------------- keys

    @property
    def prefix(self) -> str:
        return str(self.queue_key % {"spider": self.spider.name}).rsplit(":", 1)[0]

    def _eval(self, script: str, *args: Any) -> Any:
        return self.server.eval(script, 0, self.prefix, *args)

    # ---------------------------------------------------------------- life cycle

    def open(self, spider: Any) -> None:
        super().open(spider)
        self.server.sadd(f"{self.prefix}:workers", self.worker_id)
        self.server.persist(f"{self.prefix}:seen")  # a crawl in progress again: no expiry mid-crawl
        self._beat()
        self.looping = LoopingCall(self._tick)
        self.looping.start(self.heartbeat, now=False)

    def close(self, reason: str) -> None:
        if self.looping is not None and self.looping.running:
            self.looping.stop()
        if self.lost is not None:
            return  # Redis is gone: the leases come back to the others when this heartbeat expires
        try:
            self._release_done()
            self._eval(LEAVE, self.worker_id, "1" if reason == "finished" else "0", self.keep)
        except REDIS_ERRORS as exc:
            self._lose(exc)

    def __len__(self) -> int:
        if self.lost is not None:
            return 0
        try:
            return int(self._eval(QUEUED))
        except REDIS_ERRORS as exc:
            self._lose(exc)
            return 0

    def _lose(self, exc: BaseException) -> None:
        """Redis failed: log one line and close this worker (no request can be queued or taken)."""
        if self.lost is not None:
            return
        self.lost = _first_line(exc)
        self.spider.logger.error(
            "frontier %s lost (%s): this worker stops; its leased requests return to the queue for the "
            "other workers %.0f s after its last heartbeat", redact(self.redis_url), self.lost, self.lease_ttl)
        _close_soon(self.crawler, "frontier_lost")

    def has_pending_requests(self) -> bool:
        return len(self) > 0

    # ---------------------------------------------------------------- queue

    def enqueue_request(self, request: Request) -> bool:
        if self.lost is not None:
            return False
        try:
            return self._enqueue(request)
        except REDIS_ERRORS as exc:
            self._lose(exc)
            return False

    def _enqueue(self, request: Request) -> bool:
        # Every worker yields the same start requests: only the first to arrive is queued, even
        # when the spider marks them dont_filter (Scrapy's default start requests do).
        filtered = not request.dont_filter or _is_seed(request)
        if filtered and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        if self.stats:  # (scrapy-redis passes spider= here, which Scrapy 2.19 deprecates)
            self.stats.inc_value("scheduler/enqueued/redis")
        slot = self._slot_of(request)
        queue = f"{self.prefix}:requests"
        pipe = self.server.pipeline(transaction=True)
        pipe.zadd(f"{queue}:{slot}", {self.queue._encode_request(request): -request.priority})
        pipe.sadd(f"{queue}:slots", slot)
        pipe.execute()
        return True

    def _slot_of(self, request: Request) -> str:
        """The download slot (site) the engine will fetch the request in."""
        downloader = getattr(self.crawler.engine, "downloader", None)
        if downloader is not None and hasattr(downloader, "get_slot_key"):
            return str(downloader.get_slot_key(request))
        return urlsplit(request.url).hostname or ""

    def next_request(self) -> Request | None:
        if self.lost is not None:
            return None
        try:
            return self._pop()
        except REDIS_ERRORS as exc:
            self._lose(exc)
            return None

    def _pop(self) -> Request | None:
        # Release first: the engine asks right after a request finished, so leases stay short.
        self._release_done()
        if len(self.leases) >= self.prefetch:
            return None  # asked again when one of ours finishes
        # a site's share counts downloads only: a page being parsed or stored frees its slot,
        # as in Scrapy's downloader (its lease still ends only once it is stored)
        downloading = {id(r) for r in getattr(self.crawler.engine.downloader, "active", ())}
        held = Counter(slot for request, _, slot in self.leases.values() if id(request) in downloading)
        slots = sorted(s.decode() for s in self.server.smembers(f"{self.prefix}:requests:slots"))
        self.turn = (self.turn + 1) % max(1, len(slots))  # round robin over the sites
        for slot in slots[self.turn:] + slots[:self.turn]:
            if held[slot] >= self.slot_prefetch:
                continue
            payload = self.server.eval(POP_LEASED, 3, f"{self.prefix}:requests:{slot}", self._lease_key,
                                       f"{self.prefix}:requests:slots", slot)
            if payload:
                request: Request = self.queue._decode_request(payload)
                self.leases[id(request)] = (request, payload, slot)
                if self.stats:
                    self.stats.inc_value("scheduler/dequeued/redis")
                return request
        return None

    @property
    def _lease_key(self) -> str:
        return f"{self.prefix}:leases:{self.worker_id}"

    # ---------------------------------------------------------------- heartbeat

    def _beat(self) -> None:
        self.server.set(f"{self.prefix}:alive:{self.worker_id}", b"1", px=int(self.lease_ttl * 1000))

    def _tick(self) -> None:
        if self.lost is not None:
            return
        try:
            self._beat()
            self._release_done()
            self._reclaim()
            if len(self.leases) < self.prefetch:
                # new work in the queue, or the frontier drained: either way the engine should look
                _wake(self.crawler.engine)
        except REDIS_ERRORS as exc:
            self._lose(exc)

    def _release_done(self) -> None:
        """Drop the leases of requests that left the downloader and the scraper."""
        busy = _in_progress(self.crawler.engine) | unsent(self.crawler)   # dropped by a stop: not done
        done = [key for key, (request, _, _) in self.leases.items() if id(request) not in busy]
        if done:
            self.server.hdel(self._lease_key, *[self.leases[k][1] for k in done])
            for key in done:
                del self.leases[key]

    def _reclaim(self) -> int:
        moved = int(self._eval(RECLAIM, self.worker_id))
        if moved and self.stats:
            self.stats.inc_value("filmcat/frontier_reclaimed", moved)
        return moved

    def pending_anywhere(self) -> int:
        """Requests queued or leased by any live worker of this frontier."""
        return int(self._eval(PENDING))

    def spider_idle(self, spider: Any) -> None:
        """Keep this worker open while the frontier still has work (queued or leased elsewhere)."""
        if self.lost is not None:
            return
        try:
            self._release_done()
            self._reclaim()
            busy = self.pending_anywhere() > 0
        except REDIS_ERRORS as exc:
            self._lose(exc)
            return
        if busy:
            raise DontCloseSpider


def _close_soon(crawler: Any, reason: str) -> None:
    """Close the spider on the next reactor turn (not from inside the engine call that failed)."""
    from scrapy.utils.defer import deferred_from_coro
    from twisted.internet import reactor

    engine = crawler.engine
    reactor.callLater(0, lambda: deferred_from_coro(engine.close_spider_async(reason=reason)))  # type: ignore[arg-type]


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
