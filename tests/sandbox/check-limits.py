#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The sandbox's limits on what a client sends, over raw sockets.

  check-limits.py SANDBOX_EXECUTABLE

- A chunked upload without a length is refused with 413 problem+json as
  soon as it passes the body limit: the answer comes while the client is
  still sending, and the sandbox's peak RSS grows by far less than the
  100 MiB sent (it does not buffer the body).
- A body announced larger than the limit is refused before it is sent.
- Request headers over the sandbox's limit get 431 problem+json. Header
  blocks over libsoup's own 64 KiB limit get no answer at all: libsoup 3.2
  closes the connection itself, and nothing can answer them.
- A broken percent-encoding, a path that is not UTF-8 and a query value
  that is not UTF-8 get 400 problem+json.

Prints TAP, with the RSS figures as comments.
"""

import json
import os
import select
import socket
import subprocess
import sys
import time

MIB = 1024 * 1024
results = []


def ok(cond, name, detail=""):
    results.append((bool(cond), name, detail))
    return bool(cond)


def finish():
    print("1..%d" % len(results))
    failed = 0
    for n, (good, name, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if good else "not ok", n, name))
        for line in str(detail).splitlines()[:20]:
            print("# " + line)
        failed += 0 if good else 1
    sys.exit(1 if failed else 0)


def peak_rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def read_response(sock, timeout=10):
    """The status, headers and body of one HTTP/1.1 response, or None when
    the connection closes first."""
    sock.settimeout(timeout)
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return None
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
        return status, headers, body[:length]
    except (ConnectionResetError, socket.timeout, BrokenPipeError):
        return None


def connect(port):
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def is_problem(response, status):
    if response is None or response[0] != status:
        return False
    if response[1].get("content-type") != "application/problem+json":
        return False
    try:
        problem = json.loads(response[2])
    except ValueError:
        return False
    return problem.get("status") == status and problem.get("type", "").startswith("https://finpersona.example/problems/")


def request(port, head):
    with connect(port) as s:
        s.sendall(head)
        return read_response(s)


def check_chunked(proc, port):
    before = peak_rss_kib(proc.pid)
    sent = 0
    response = None
    chunk = b"[" + b"1," * (32 * 1024 - 1) + b"1]"   # 64 KiB of JSON-ish data
    with connect(port) as s:
        s.sendall(b"POST /v1/consents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  b"Idempotency-Key: big\r\nTransfer-Encoding: chunked\r\n\r\n")
        try:
            while sent < 100 * MIB:
                readable, _, _ = select.select([s], [], [], 0)
                if readable:
                    break
                s.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        response = read_response(s)
    after = peak_rss_kib(proc.pid)
    ok(is_problem(response, 413), "a chunked upload past the limit gets 413 problem+json",
       response and response[:2])
    ok(sent < 100 * MIB, "the 413 comes while the client is still sending (%d MiB of 100 sent)" % (sent // MIB))
    ok(response is not None and response[1].get("connection") == "close", "and the connection closes")
    ok(after - before < 16 * 1024,
       "the upload leaves the sandbox's peak RSS nearly where it was: %d KiB before, %d KiB after" % (before, after))
    return before, after, sent


def check_announced(port):
    with connect(port) as s:
        s.sendall(b"POST /v1/consents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  b"Idempotency-Key: big2\r\nContent-Length: %d\r\n\r\n" % (100 * MIB))
        response = read_response(s)
    ok(is_problem(response, 413), "a body announced larger than the limit gets 413 before it is sent",
       response and response[:2])


def check_headers(port):
    big = b"X-Padding: " + b"a" * (20 * 1024) + b"\r\n"
    response = request(port, b"GET /v1/customer HTTP/1.1\r\nHost: 127.0.0.1\r\n" + big + b"\r\n")
    ok(is_problem(response, 431), "20 KiB of request headers get 431 problem+json", response and response[:2])
    many = b"".join(b"X-H%d: v\r\n" % i for i in range(200))
    response = request(port, b"GET /v1/customer HTTP/1.1\r\nHost: 127.0.0.1\r\n" + many + b"\r\n")
    ok(is_problem(response, 431), "200 request header fields get 431 problem+json", response and response[:2])
    huge = b"X-Padding: " + b"a" * (80 * 1024) + b"\r\n"
    response = request(port, b"GET /v1/customer HTTP/1.1\r\nHost: 127.0.0.1\r\n" + huge + b"\r\n")
    ok(response is None or is_problem(response, 431),
       "80 KiB of headers: libsoup 3.2 closes the connection itself (or 431)", response and response[:2])
    response = request(port, b"GET /v1/customer HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Small: yes\r\n\r\n")
    ok(response is not None and response[0] == 401, "small headers pass on to authentication",
       response and response[:2])


def check_encoding(port):
    for path in [b"/v1/accounts/%ZZ", b"/v1/transactions?cursor=%ZZ", b"/v1/transactions?cursor=%",
                 b"/v1/%00x", b"/v1/accounts/%C3%28", b"/v1/transactions?cursor=%C3%28"]:
        response = request(port, b"GET " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        ok(is_problem(response, 400), "%s gets 400 problem+json" % path.decode(), response and response[:2])


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    proc = subprocess.Popen([sys.argv[1], "--port", "0", "--customers", "1", "--years", "1"],
                            stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().strip()
        if not ok(line.startswith("FINPERSONA_SANDBOX_URL=http://127.0.0.1:"), "the sandbox prints its URL", line):
            finish()
        port = int(line.rsplit(":", 1)[1].strip("/"))
        check_chunked(proc, port)
        check_announced(port)
        check_headers(port)
        check_encoding(port)
        ok(proc.poll() is None, "the sandbox is still running")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    finish()


if __name__ == "__main__":
    main()
