"""Load for the desk benchmark's throughput figure: the mix of requests a working desk makes,
sent by concurrent keep-alive clients to a running server.

Two generators send the same mix. ``wrk`` (C, from the distribution's packages) costs the
machine little, so the server keeps both cores; the Python one needs nothing installed but
parses every response under one interpreter lock and took a whole core of two while measuring.
"""

from __future__ import annotations

import http.client
import json
import random
import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from suishin.core.quantiles import nearest_rank

SINCE = re.compile(rb'name="since" value="([^"]+)"')


@dataclass(frozen=True)
class DeskMix:
    """60 % self-refreshing queues asking whether anything changed, 20 % inquiry pages, 10 %
    full queue pages (responders), 10 % an officer's list of inquiries."""

    port: int
    cookie_name: str
    sessions: dict[str, list[str]]  # "responder" / "officer" -> session keys
    inquiry_ids: list[int]


@dataclass(frozen=True)
class LoadResult:
    generator: str
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float


def python_load(mix: DeskMix, clients: int, duration: int, workdir: Path) -> LoadResult:
    stop_at = time.monotonic() + duration
    lock = threading.Lock()
    done = errors = 0
    latencies: list[float] = []

    def client(number: int) -> None:
        nonlocal done, errors
        rng = random.Random(number)  # noqa: S311 - benchmark sampling
        connection = http.client.HTTPConnection("127.0.0.1", mix.port, timeout=30)
        since = ""
        while time.monotonic() < stop_at:
            choice = rng.random()
            role, headers = "responder", {}
            if choice < 0.6:
                path, headers = f"/desk/queue/?since={since}", {"HX-Request": "true"}
            elif choice < 0.8:
                path = f"/desk/{rng.choice(mix.inquiry_ids)}/"
            elif choice < 0.9:
                path = "/desk/queue/"
            else:
                path, role = "/desk/", "officer"
            session = rng.choice(mix.sessions[role])
            headers = {**headers, "Cookie": f"{mix.cookie_name}={session}"}
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                body = response.read()
                ok = response.status in (200, 204)
                if response.status == 200 and "since=" in path:
                    found = SINCE.search(body)
                    since = found.group(1).decode() if found else ""
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", mix.port, timeout=30)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if ok:
                    done += 1
                    latencies.append(elapsed)
                else:
                    errors += 1
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    return LoadResult(
        "Python threads",
        done,
        errors,
        seconds,
        nearest_rank(latencies, 0.5) or 0.0,
        nearest_rank(latencies, 0.95) or 0.0,
    )


# The same mix as python_load, as a wrk script. A wrk thread serves several connections, so the
# change stamp is taken from whichever response carries one; every stamp is a valid one.
WRK_SCRIPT = """
local mix = %(mix)s
local since = ""
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("seed", #threads)
end

function init(args)
  math.randomseed(seed)
  unexpected = 0
end

local function pick(list)
  return list[math.random(#list)]
end

function request()
  local choice = math.random()
  local path, role, headers = "/desk/", "responder", {}
  if choice < 0.6 then
    path = "/desk/queue/?since=" .. since
    headers["HX-Request"] = "true"
  elseif choice < 0.8 then
    path = "/desk/" .. pick(mix.inquiries) .. "/"
  elseif choice < 0.9 then
    path = "/desk/queue/"
  else
    role = "officer"
  end
  headers["Cookie"] = mix.cookie .. "=" .. pick(mix.sessions[role])
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  if status == 200 then
    local found = string.match(body, 'name="since" value="([^"]+)"')
    if found then since = found end
  elseif status ~= 204 then
    -- A redirect (to the sign-in page, say) is not a page served.
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local unexpected = 0
  for _, thread in ipairs(threads) do
    unexpected = unexpected + thread:get("unexpected")
  end
  local errors = summary.errors
  io.write(string.format(
    "RESULT {\\"requests\\": %%d, \\"errors\\": %%d, \\"seconds\\": %%f, \\"p50\\": %%f, \\"p95\\": %%f}\\n",
    summary.requests - unexpected,
    unexpected + errors.connect + errors.read + errors.write + errors.timeout,
    summary.duration / 1e6,
    latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3))
end
"""


def _lua_table(mix: DeskMix) -> str:
    def strings(values: list[str]) -> str:
        return "{" + ", ".join(json.dumps(value) for value in values) + "}"

    sessions = ", ".join(f"{role} = {strings(keys)}" for role, keys in mix.sessions.items())
    inquiries = "{" + ", ".join(str(pk) for pk in mix.inquiry_ids) + "}"
    return f"{{cookie = {json.dumps(mix.cookie_name)}, sessions = {{{sessions}}}, inquiries = {inquiries}}}"


def wrk_load(mix: DeskMix, clients: int, duration: int, workdir: Path) -> LoadResult:
    program = shutil.which("wrk")
    if program is None:
        raise RuntimeError("wrk is not installed (Debian: apt-get install wrk); use --load python")
    script = workdir / "desk-mix.lua"
    script.write_text(WRK_SCRIPT % {"mix": _lua_table(mix)}, encoding="utf-8")
    completed = subprocess.run(  # noqa: S603 - fixed program, arguments built here
        [
            program,
            "--threads",
            str(min(2, clients)),
            "--connections",
            str(clients),
            "--duration",
            f"{duration}s",
            "--timeout",
            "30s",
            "--script",
            str(script),
            f"http://127.0.0.1:{mix.port}",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    found = re.search(r"^RESULT (\{.*\})$", completed.stdout, re.MULTILINE)
    if found is None:
        raise RuntimeError(f"wrk printed no result:\n{completed.stdout}\n{completed.stderr}")
    figures = json.loads(found.group(1))
    return LoadResult(
        "wrk",
        int(figures["requests"]),
        int(figures["errors"]),
        float(figures["seconds"]),
        float(figures["p50"]),
        float(figures["p95"]),
    )
