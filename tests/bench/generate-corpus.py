#!/usr/bin/env python3
# generate-corpus.py: write a made-up mbox, or one large message, for bench-batch
#
# The output depends only on the arguments and the fixture files, so two
# runs with the same seed give the same bytes.  The mix of an mbox:
#   30 % sextortion scams in many languages, read from
#        tests/fixtures/languages/*/scam-*.eml at generation time
#   35 % ordinary mail from tests/fixtures/languages/*/ordinary-*.eml
#   25 % HTML newsletters with base64 attachments (PNG-shaped and PDF-shaped
#        data of 20 to 300 KB)
#   10 % ordinary mail with a Received chain of 12 to 30 hops
# Every message of the first two kinds also gets 0 to 6 older Received
# hops.  All hosts and addresses are in example domains and documentation
# IP ranges (RFC 2606, RFC 5737).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import base64
import glob
import os
import random
import sys

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "languages")
DOC_NETS = ["192.0.2", "198.51.100", "203.0.113"]


def read_fixtures(pattern):
    paths = sorted(glob.glob(os.path.join(FIXTURES, "*", pattern)))
    if not paths:
        sys.exit(f"generate-corpus.py: no fixtures match {pattern} under {FIXTURES}")
    result = []
    for path in paths:
        with open(path, "rb") as f:
            result.append(f.read().replace(b"\r\n", b"\n"))
    return result


def random_ip(rng):
    return f"{rng.choice(DOC_NETS)}.{rng.randint(1, 254)}"


def received_hop(rng, index):
    ip = random_ip(rng)
    return (f"Received: from relay{index}.hop{rng.randint(1, 999)}.example.net "
            f"(relay{index}.example.net [{ip}])\n"
            f"\tby relay{index + 1}.example.net (Postfix) with ESMTP id {rng.getrandbits(48):012X}\n"
            f"\tfor <user{rng.randint(1, 9999)}@example.com>; "
            f"Mon, 2 Dec 2024 {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:"
            f"{rng.randint(0, 59):02d} +0000\n").encode()


def add_old_hops(rng, message, count):
    """Insert @count Received fields below the last one, as older hops."""
    header_end = message.find(b"\n\n")
    if header_end < 0 or count == 0:
        return message
    header = message[:header_end + 1]
    last = header.rfind(b"\nReceived:")
    if last < 0:
        insert_at = 0
    else:
        insert_at = last + 1
        # Skip the field's continuation lines.
        line_end = header.find(b"\n", insert_at)
        while line_end + 1 < len(header) and header[line_end + 1:line_end + 2] in (b" ", b"\t"):
            line_end = header.find(b"\n", line_end + 1)
        insert_at = line_end + 1
    hops = b"".join(received_hop(rng, i) for i in range(count))
    return message[:insert_at] + hops + message[insert_at:]


def attachment(rng, kind, size):
    if kind == "png":
        data = b"\x89PNG\r\n\x1a\n" + rng.randbytes(size)
        return ("image/png", f"photo{rng.randint(1, 999)}.png", data)
    data = b"%PDF-1.4\n" + rng.randbytes(size) + b"\n%%EOF\n"
    return ("application/pdf", f"report{rng.randint(1, 999)}.pdf", data)


def wrap_base64(data):
    encoded = base64.b64encode(data)
    return b"\n".join(encoded[i:i + 76] for i in range(0, len(encoded), 76)) + b"\n"


def html_message(rng, index, attachment_sizes):
    boundary = f"=_mixed_{index}_{rng.getrandbits(32):08x}"
    alternative = f"=_alt_{index}_{rng.getrandbits(32):08x}"
    paragraphs = [f"Item {i}: the spring fair needs {rng.randint(2, 40)} volunteers "
                  f"for stall {rng.randint(1, 60)}." for i in range(rng.randint(5, 40))]
    text = "\n\n".join(paragraphs)
    html = "".join(f"<p style=\"margin:0 0 8px\">{p}</p>" for p in paragraphs)
    origin = random_ip(rng)
    parts = [
        f"Received: from out{rng.randint(1, 9)}.news.example.org (out.news.example.org [{origin}])\n"
        f"\tby mx1.mail.example.com (Postfix) with ESMTPS id {rng.getrandbits(40):010X}\n"
        f"\tfor <reader{index}@example.com>; Tue, 3 Dec 2024 08:00:00 +0000\n"
        "Authentication-Results: mx1.mail.example.com; spf=pass smtp.mailfrom=news.example.org\n"
        "From: Club News <news@news.example.org>\n"
        f"To: reader{index}@example.com\n"
        f"Subject: Club newsletter {index}\n"
        "Date: Tue, 3 Dec 2024 08:00:00 +0000\n"
        f"Message-ID: <news{index}@news.example.org>\n"
        "MIME-Version: 1.0\n"
        f"Content-Type: multipart/mixed; boundary=\"{boundary}\"\n\n"
        f"--{boundary}\n"
        f"Content-Type: multipart/alternative; boundary=\"{alternative}\"\n\n"
        f"--{alternative}\nContent-Type: text/plain; charset=utf-8\n\n{text}\n"
        f"--{alternative}\nContent-Type: text/html; charset=utf-8\n\n"
        f"<html><body>{html}<img src=\"https://news.example.org/pixel.gif\"></body></html>\n"
        f"--{alternative}--\n"
    ]
    out = "".join(parts).encode()
    for size in attachment_sizes:
        content_type, name, data = attachment(rng, rng.choice(["png", "pdf"]), size)
        out += (f"--{boundary}\nContent-Type: {content_type}; name=\"{name}\"\n"
                f"Content-Disposition: attachment; filename=\"{name}\"\n"
                "Content-Transfer-Encoding: base64\n\n").encode()
        out += wrap_base64(data)
    out += f"--{boundary}--\n".encode()
    return out


def mbox_escape(message):
    """Quote body lines that start with "From " (mboxrd)."""
    lines = message.split(b"\n")
    quoted = []
    for line in lines:
        stripped = line.lstrip(b">")
        if stripped.startswith(b"From "):
            line = b">" + line
        quoted.append(line)
    return b"\n".join(quoted)


def next_message(rng, index, scams, ordinary):
    roll = rng.random()
    if roll < 0.30:
        return add_old_hops(rng, rng.choice(scams), rng.randint(0, 6))
    if roll < 0.65:
        return add_old_hops(rng, rng.choice(ordinary), rng.randint(0, 6))
    if roll < 0.90:
        sizes = [rng.randint(20, 300) * 1024 for _ in range(rng.randint(1, 3))]
        return html_message(rng, index, sizes)
    return add_old_hops(rng, rng.choice(ordinary), rng.randint(12, 30))


def write_mbox(path, count, target_bytes, seed):
    rng = random.Random(seed)
    scams = read_fixtures("scam-*.eml")
    ordinary = read_fixtures("ordinary-*.eml")
    written = 0
    index = 0
    with open(path, "wb") as out:
        while (count and index < count) or (target_bytes and written < target_bytes):
            message = mbox_escape(next_message(rng, index, scams, ordinary)).rstrip(b"\n")
            entry = (b"From sender@example.org Mon Dec  2 08:00:00 2024\n" + message + b"\n\n")
            out.write(entry)
            written += len(entry)
            index += 1
    print(f"{path}: {index} messages, {written} bytes")


def write_large_message(path, megabytes, seed):
    """One scam whose attachments make it @megabytes long."""
    rng = random.Random(seed)
    # The first scam that is one text part, so its MIME fields can move into
    # the first part of the new multipart message.
    scam = next(m for m in read_fixtures("scam-*.eml")
                if b"multipart/" not in m[:m.find(b"\n\n")].lower())
    header_end = scam.find(b"\n\n")
    header = scam[:header_end + 1]
    body = scam[header_end + 2:]
    boundary = "=_large_attachments"

    # Drop the old MIME fields with their continuation lines.
    cleaned = []
    part_fields = []
    moving = False
    for line in header.split(b"\n"):
        if not line:
            continue
        if line[:1] in (b" ", b"\t"):
            (part_fields if moving else cleaned).append(line)
            continue
        lower = line.lower()
        moving = lower.startswith((b"content-type", b"content-transfer-encoding"))
        if moving:
            part_fields.append(line)
        elif not lower.startswith(b"mime-version"):
            cleaned.append(line)
    if not any(f.lower().startswith(b"content-type") for f in part_fields):
        part_fields.append(b"Content-Type: text/plain; charset=us-ascii")

    out = b"\n".join(cleaned) + b"\n"
    out += (f"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"{boundary}\"\n\n"
            f"--{boundary}\n").encode() + b"\n".join(part_fields) + b"\n\n" + body + b"\n"

    target = megabytes * 1024 * 1024
    while len(out) < target:
        size = min(4 * 1024 * 1024, max(1024, (target - len(out)) * 3 // 4))
        content_type, name, data = attachment(rng, rng.choice(["png", "pdf"]), size)
        out += (f"--{boundary}\nContent-Type: {content_type}; name=\"{name}\"\n"
                f"Content-Disposition: attachment; filename=\"{name}\"\n"
                "Content-Transfer-Encoding: base64\n\n").encode()
        out += wrap_base64(data)
    out += f"--{boundary}--\n".encode()
    with open(path, "wb") as f:
        f.write(out)
    print(f"{path}: 1 message, {len(out)} bytes")


def main():
    parser = argparse.ArgumentParser(description="Write a made-up mbox or one large message.")
    parser.add_argument("output", help="file to write")
    parser.add_argument("--count", type=int, default=0, help="number of mbox messages")
    parser.add_argument("--megabytes", type=int, default=0,
                        help="mbox: write messages until the file has this many MiB; "
                             "with --large-message: the size of the message")
    parser.add_argument("--large-message", action="store_true",
                        help="write one scam message with attachments instead of an mbox")
    parser.add_argument("--seed", type=int, default=20261204, help="random seed (default %(default)s)")
    args = parser.parse_args()

    if args.large_message:
        write_large_message(args.output, args.megabytes or 30, args.seed)
    elif args.count > 0 or args.megabytes > 0:
        write_mbox(args.output, args.count, args.megabytes * 1024 * 1024, args.seed)
    else:
        parser.error("give --count or --megabytes, or --large-message")


if __name__ == "__main__":
    main()
