#!/usr/bin/env python3
# An HTTP and an HTTPS server on 127.0.0.1 for test-traplist-download.
#
#   traplist-server.py CERT KEY STATE_DIR
#
# Both servers answer GET /list as STATE_DIR/mode says (one word, reread on
# every request), and write the request's conditional and User-Agent headers
# to STATE_DIR/last-request.  The first line of output is "HTTP_PORT
# HTTPS_PORT".  The process exits when its standard input is closed, which
# also happens when the test process dies.

import gzip
import http.server
import os
import ssl
import sys
import threading
import time

GOOD_LIST = b"# made-up trap list\n192.0.2.1\n198.51.100.0/24\n2001:db8::/64\n"
GOOD_ETAG = '"good-1"'
GOOD_LAST_MODIFIED = "Fri, 04 Dec 2026 20:00:00 GMT"
NEW_LIST = b"# made-up trap list, next hour\n203.0.113.9\n"
BAD_LINES_LIST = (b"192.0.2.1\nnot an address\n203.0.113.7 - 203.0.113.1\n"
                  b"192.0.2.300\n198.51.100.5 seen twice\n")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def send_body(self, status, body, headers=()):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def record_request(self):
        names = ("If-None-Match", "If-Modified-Since", "User-Agent")
        lines = ["%s: %s\n" % (name, self.headers.get(name, "")) for name in names]
        with open(os.path.join(self.server.state_dir, "last-request"), "w") as out:
            out.writelines(lines)

    def do_GET(self):
        if self.path != "/list":
            self.send_body(404, b"not found\n")
            return

        self.record_request()
        with open(os.path.join(self.server.state_dir, "mode")) as mode_file:
            mode = mode_file.read().strip()

        if mode == "good":
            if self.headers.get("If-None-Match") == GOOD_ETAG:
                self.send_response(304)
                self.send_header("ETag", GOOD_ETAG)
                self.end_headers()
                return
            self.send_body(200, GOOD_LIST,
                           [("ETag", GOOD_ETAG), ("Last-Modified", GOOD_LAST_MODIFIED)])
        elif mode == "sample-origin":
            # The origin IP of data/samples/sextortion-en.eml.
            self.send_body(200, b"# made-up trap list\n203.0.113.45\n")
        elif mode == "new":
            self.send_body(200, NEW_LIST, [("ETag", '"new-1"')])
        elif mode == "gzip":
            self.send_body(200, gzip.compress(NEW_LIST))
        elif mode == "bad-lines":
            self.send_body(200, BAD_LINES_LIST)
        elif mode == "html":
            self.send_body(200, b"<html>\n<body>Maintenance</body>\n</html>\n",
                           [("Content-Type", "text/html")])
        elif mode in ("404", "500"):
            self.send_body(int(mode), b"error page\n")
        elif mode == "loop":
            self.redirect("/list")
        elif mode == "to-file":
            self.redirect("file:///etc/hostname")
        elif mode == "to-http":
            self.redirect("http://127.0.0.1:%d/list" % self.server.http_port)
        elif mode == "big":
            self.send_body(200, b"192.0.2.1\n" * 1000)
        elif mode == "big-no-length":
            # No Content-Length: the body ends when the connection closes.
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"192.0.2.1\n" * 1000)
            self.close_connection = True
        elif mode == "truncated-gzip":
            self.send_body(200, gzip.compress(GOOD_LIST * 50)[:-40])
        elif mode == "truncated-body":
            self.send_response(200)
            self.send_header("Content-Length", "3000")
            self.end_headers()
            self.wfile.write(GOOD_LIST)
            self.wfile.flush()
            self.close_connection = True
        elif mode == "stall":
            self.send_response(200)
            self.send_header("Content-Length", "2000")
            self.end_headers()
            self.wfile.write(GOOD_LIST)
            self.wfile.flush()
            time.sleep(30)
            self.close_connection = True
        else:
            self.send_body(500, b"unknown mode\n")


def start(server):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()


def main():
    cert, key, state_dir = sys.argv[1:4]

    http_server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    https_server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    https_server.socket = context.wrap_socket(https_server.socket, server_side=True)

    for server in (http_server, https_server):
        server.daemon_threads = True
        server.state_dir = state_dir
        server.http_port = http_server.server_address[1]
        start(server)

    print(http_server.server_address[1], https_server.server_address[1], flush=True)

    # Stop when the test closes standard input or dies.
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    main()
