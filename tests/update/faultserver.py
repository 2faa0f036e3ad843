#!/usr/bin/env python3
"""faultserver.py TREE [LIFETIME] - a misbehaving HTTP server for the tests.

Serves the published tree TREE on 127.0.0.1 (a free port, printed on the
first line of stdout) under /CASE/PATH, where CASE chooses a fault:

  ok       serves files normally (Range honoured)
  stall    manifest: sends the headers, then nothing
  short    by-hash files: a body shorter than its Content-Length
  chunked  by-hash files: a chunked body much larger than the file
  bomb     by-hash files: a gzip bomb sent with Content-Encoding: gzip
  e500     every request: 500        e503  every request: 503
  loop     every request: a redirect to itself
  file     every request: a redirect to file:///etc/passwd
  portal   every request: a captive portal's HTML page, with 200
  norange  files, but Range is ignored (always 200, whole file)
  r416     any Range request gets 416; whole files otherwise
  drip     by-hash files: one byte every 0.25 s (never a stall, never done)

Standard library only; exits by itself after LIFETIME seconds (120).
"""
import gzip
import http.server
import os
import sys
import threading
import time

TREE = os.path.abspath(sys.argv[1])
LIFETIME = float(sys.argv[2]) if len(sys.argv) > 2 else 120.0
PORTAL = (b"<!DOCTYPE html><html><head><title>Welcome to Free WiFi</title>"
          b"</head><body><form>Accept the terms to continue</form></body></html>")
BOMB = gzip.compress(b"\0" * (64 * 1024 * 1024), 9)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def send(self, code, body, headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        parts = self.path.split("/", 2)
        case = parts[1] if len(parts) > 1 else ""
        rest = parts[2] if len(parts) > 2 else ""
        path = os.path.normpath(os.path.join(TREE, rest))
        data = None
        if path.startswith(TREE + os.sep) and os.path.isfile(path):
            with open(path, "rb") as f:
                data = f.read()
        byhash = rest.startswith("by-hash/")

        if case == "e500":
            return self.send(500, b"Internal Server Error")
        if case == "e503":
            return self.send(503, b"Service Unavailable", [("Retry-After", "5")])
        if case == "loop":
            return self.send(302, b"", [("Location", self.path)])
        if case == "file":
            return self.send(302, b"", [("Location", "file:///etc/passwd")])
        if case == "portal":
            return self.send(200, PORTAL, [("Content-Type", "text/html")])
        if data is None:
            return self.send(404, b"Not Found")
        if case == "stall" and rest == "manifest":
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.flush()
            time.sleep(min(30, LIFETIME))
            return
        if case == "short" and byhash:
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        if case == "chunked" and byhash:
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            body = data + b"x" * (256 * 1024)
            for i in range(0, len(body), 16384):
                c = body[i:i + 16384]
                try:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(c), c))
                except OSError:
                    return
            self.wfile.write(b"0\r\n\r\n")
            return
        if case == "drip" and byhash:
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            for i in range(len(data)):
                try:
                    self.wfile.write(data[i:i + 1])
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.25)
            return
        if case == "bomb" and byhash:
            return self.send(200, BOMB, [("Content-Encoding", "gzip")])
        rng = self.headers.get("Range")
        if rng and case == "r416":
            return self.send(416, b"", [("Content-Range", "bytes */%d" % len(data))])
        if rng and case == "ok" and rng.startswith("bytes=") and rng.endswith("-"):
            start = int(rng[6:-1])
            if start >= len(data):
                return self.send(416, b"")
            return self.send(206, data[start:], [
                ("Content-Range", "bytes %d-%d/%d" % (start, len(data) - 1, len(data)))])
        return self.send(200, data)


def main():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.handle_error = lambda request, address: None
    print(srv.server_address[1], flush=True)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    time.sleep(LIFETIME)
    os._exit(0)


if __name__ == "__main__":
    main()
