#!/usr/bin/env python3
"""Signs in with the right password RATE times a second until killed, each request from one
of many loopback addresses (127.0.0.2 and up), so the per-IP login limit does not turn the
flood into cheap 429s: every request costs the server a real argon2 verification.

Usage: login_flood.py BASE_URL LOGIN PASSWORD RATE
"""
import http.client
import json
import signal
import sys
import threading
import time
from urllib.parse import urlparse

base, login, password, rate = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
url = urlparse(base)
body = json.dumps({"login": login, "senha": password})
counts = {"ok": 0, "other": 0}
# The answers that were not 200, by status ("error" for a connection that failed).
others: dict = {}
# Requests waiting for an answer, at most: a client that piles up without bound measures itself.
in_flight = threading.BoundedSemaphore(64)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))


def sign_in(address: str) -> None:
    try:
        sign_in_once(address)
    finally:
        in_flight.release()


def sign_in_once(address: str) -> None:
    try:
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30, source_address=(address, 0))
        connection.request("POST", "/api/v1/autenticacao", body, {"content-type": "application/json"})
        status = connection.getresponse().status
        counts["ok" if status == 200 else "other"] += 1
        if status != 200:
            others[status] = others.get(status, 0) + 1
        connection.close()
    except OSError:
        counts["other"] += 1
        others["error"] = others.get("error", 0) + 1


n = 0
try:
    while True:
        address = f"127.0.{(n // 250) % 250}.{2 + n % 250}"
        if in_flight.acquire(blocking=False):
            threading.Thread(target=sign_in, args=(address,), daemon=True).start()
        n += 1
        time.sleep(1 / rate)
except (KeyboardInterrupt, SystemExit):
    pass
finally:
    detail = ", ".join(f"{status}: {count}" for status, count in sorted(others.items(), key=str))
    print(f"logins: {counts['ok']} ok, {counts['other']} other" + (f" ({detail})" if detail else ""), file=sys.stderr)
