#!/usr/bin/env python3
"""Write malformed and hostile messages into a folder, deterministically.

Usage: generate.py FOLDER

Each file is a message an attacker could send: truncated MIME, broken
boundaries, deep nesting, huge headers, NUL bytes, invalid UTF-8 and
charsets, wrong transfer encodings, impossible dates, IPv6 garbage,
enormous wallet-like strings.  All people and hosts are made up.
"""
import base64
import os
import random
import sys

HEADERS = (
    b"Received: from mail.example.net (mail.example.net [192.0.2.10])\r\n"
    b"\tby mx.example.org with ESMTP id 4AbC; Tue, 25 Feb 2020 10:11:12 +0100\r\n"
    b"From: Ann Example <ann@example.net>\r\n"
    b"To: bob@example.org\r\n"
    b"Subject: test\r\n"
    b"Date: Tue, 25 Feb 2020 10:11:00 +0100\r\n"
)

SCAM_TEXT = (
    b"I am a hacker and I have full access to your device. I recorded a video of you\r\n"
    b"through your webcam. Send 1200 USD in Bitcoin to 1BaUtmpmYrNQhZoXcJy6F7GGr64Qjy9XQf\r\n"
    b"within 48 hours or I will send the video to all your contacts.\r\n"
)

BASE58 = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def multipart(boundary=b"b1", parts=None):
    parts = parts or [b"Content-Type: text/plain\r\n\r\n" + SCAM_TEXT,
                      b"Content-Type: text/html\r\n\r\n<p>" + SCAM_TEXT + b"</p>"]
    body = b""
    for part in parts:
        body += b"--" + boundary + b"\r\n" + part + b"\r\n"
    body += b"--" + boundary + b"--\r\n"
    return (HEADERS + b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\""
            + boundary + b"\"\r\n\r\n" + body)


def truncated_mime():
    whole = multipart()
    for step in range(1, 25):
        yield "truncated-%02d" % step, whole[: len(whole) * step // 25]


def bad_boundaries():
    text = b"Content-Type: text/plain\r\n\r\n" + SCAM_TEXT
    yield "boundary-never-closed", multipart().replace(b"--b1--", b"")
    yield "boundary-missing", (HEADERS + b"Content-Type: multipart/mixed; boundary=\"zz\"\r\n\r\n"
                               + b"--b1\r\n" + text)
    yield "boundary-unclosed-quote", (HEADERS + b"Content-Type: multipart/mixed; boundary=\"b1\r\n\r\n"
                                      + b"--b1\r\n" + text + b"--b1--\r\n")
    yield "boundary-empty", multipart(boundary=b"")
    yield "boundary-long", multipart(boundary=b"x" * 5000)
    yield "boundary-no-parameter", HEADERS + b"Content-Type: multipart/mixed\r\n\r\n--b1\r\n" + text
    yield "boundary-inside-part", multipart(parts=[b"Content-Type: text/plain\r\n\r\n--b1\r\n--b1\r\n"])
    yield "boundary-spaces", multipart(boundary=b"a b c")
    yield "boundary-nested-same", multipart(parts=[
        b"Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n" + text + b"--b1--\r\n"])
    yield "boundary-many-parts", multipart(parts=[text] * 20000)


def deep_nesting():
    for depth in (50, 500, 5000):
        inner = b"Content-Type: text/plain\r\n\r\n" + SCAM_TEXT
        for _ in range(depth):
            inner = (b"Content-Type: message/rfc822\r\n\r\nFrom: a@example.net\r\nSubject: x\r\n"
                     + inner)
        yield "nested-message-%d" % depth, HEADERS + b"MIME-Version: 1.0\r\n" + inner
    for depth in (500, 20000):
        body = b""
        for level in range(depth):
            body += (b"Content-Type: multipart/mixed; boundary=\"n%d\"\r\n\r\n--n%d\r\n"
                     % (level, level))
        body += b"Content-Type: text/plain\r\n\r\n" + SCAM_TEXT
        yield "nested-multipart-%d" % depth, HEADERS + b"MIME-Version: 1.0\r\n" + body


def huge_headers():
    yield "headers-100000", HEADERS + b"".join(b"X-Filler-%d: %d\r\n" % (i, i)
                                               for i in range(100000)) + b"\r\n" + SCAM_TEXT
    yield "header-line-10mb", HEADERS + b"X-Long: " + b"a" * (10 * 1024 * 1024) + b"\r\n\r\nBody\r\n"
    yield "header-folded-10mb", (HEADERS + b"X-Folded: "
                                 + b"\r\n word" * (2 * 1024 * 1024) + b"\r\n\r\nBody\r\n")
    yield "received-10000", (b"".join(b"Received: from h%d.example.net ([192.0.2.%d]) by h%d.example.net; "
                                      b"Tue, 25 Feb 2020 10:11:12 +0100\r\n" % (i, i % 250, i + 1)
                                      for i in range(10000)) + HEADERS + b"\r\n" + SCAM_TEXT)
    yield "subject-1mb-encoded-words", (HEADERS + b"Subject: " + b"=?utf-8?b?SGVsbG8=?= " * 50000
                                        + b"\r\n\r\nBody\r\n")
    yield "to-50000-addresses", (HEADERS + b"To: " + b", ".join(b"u%d@example.org" % i
                                                                 for i in range(50000))
                                 + b"\r\n\r\nBody\r\n")


def nul_bytes():
    yield "nul-in-header-name", HEADERS + b"X-Bad\x00Name: value\r\n\r\n" + SCAM_TEXT
    yield "nul-in-header-value", HEADERS + b"X-Bad: va\x00lue\r\n\r\n" + SCAM_TEXT
    yield "nul-in-body", HEADERS + b"\r\n" + SCAM_TEXT.replace(b"hacker", b"hac\x00ker")
    yield "nul-everywhere", HEADERS + b"\r\n" + b"\x00".join(SCAM_TEXT[i:i + 3]
                                                             for i in range(0, len(SCAM_TEXT), 3))
    yield "nul-in-received", (b"Received: from a\x00b ([192.0.2.1]) by mx.example.org; "
                              b"Tue, 25 Feb 2020 10:11:12 +0100\r\n" + HEADERS + b"\r\nBody\r\n")
    yield "nul-only-body", HEADERS + b"\r\n" + b"\x00" * 100000


def invalid_text():
    samples = [b"\xff\xfe", b"\xc3\x28", b"\xe2\x82", b"\xf0\x28\x8c\x28", b"\xed\xa0\x80", b"\xc0\xaf"]
    for index, bad in enumerate(samples):
        yield "invalid-utf8-header-%d" % index, HEADERS + b"X-Bad: " + bad + b"\r\n\r\n" + SCAM_TEXT
        yield "invalid-utf8-body-%d" % index, (HEADERS + b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
                                               + SCAM_TEXT + bad + SCAM_TEXT)
    for charset in (b"utf-7", b"x-unknown", b"", b"\"", b"utf-16", b"utf-32", b"iso-2022-jp",
                    b"shift_jis", b"koi8-r", b"a" * 3000):
        name = charset.decode("latin-1")[:20].replace('"', "quote") or "empty"
        yield "charset-%s" % name, (HEADERS + b"Content-Type: text/plain; charset=" + charset
                                    + b"\r\n\r\n" + SCAM_TEXT + b"\xa4\xa2\x1b$B\xff")
    yield "encoded-word-bad-charset", HEADERS.replace(b"Subject: test",
                                                      b"Subject: =?x-bogus?q?=FF=FE?= =?utf-8?b?////?=")


def wrong_encodings():
    text = SCAM_TEXT
    good = base64.b64encode(text)
    variants = {
        "base64-garbage": b"!!!" + good + b"***",
        "base64-truncated": good[:-3],
        "base64-no-padding": good.rstrip(b"="),
        "base64-extra-padding": good + b"=====",
        "base64-binary": bytes(range(256)) * 40,
        "base64-one-char": b"A",
        "base64-lines-of-equals": b"=\r\n" * 1000,
    }
    for name, body in variants.items():
        yield name, HEADERS + b"Content-Transfer-Encoding: base64\r\n\r\n" + body + b"\r\n"
    qp_variants = {
        "qp-bad-escape": b"Hello =ZZ world =4",
        "qp-trailing-equals": text + b"=",
        "qp-soft-breaks": b"=\r\n" * 5000 + text,
        "qp-lowercase-hex": b"caf=c3=a9 =e2=80=8b hacker",
        "qp-long-line": b"=41" * 200000,
    }
    for name, body in qp_variants.items():
        yield name, HEADERS + b"Content-Transfer-Encoding: quoted-printable\r\n\r\n" + body + b"\r\n"
    yield "encoding-unknown", HEADERS + b"Content-Transfer-Encoding: x-rot13\r\n\r\n" + text
    yield "uuencode", HEADERS + b"Content-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 a\r\n`\r\nend\r\n"


def bad_dates():
    dates = [
        b"Tue, 25 Feb 99999 10:11:12 +0100", b"Tue, 30 Feb 2020 10:11:12 +0100",
        b"Tue, 25 Feb 2020 25:61:61 +0100", b"Tue, 25 Feb -2020 10:11:12 +0100",
        b"Tue, 25 Feb 2020 10:11:12 +9999", b"Tue, 25 Feb 2020 10:11:12 -9999",
        b"Tue, 25 Xyz 2020 10:11:12 +0100", b"0", b"99999999999999999999",
        b"Tue, 25 Feb 1 10:11:12 +0100", b"2020-13-45T99:99:99Z",
        b"Tue, 25 Feb 2020 10:11:12.999999999999999999 +0100",
        b"Tue, 25 Feb 2020 10:11:12 ABCDEFGHIJ", b";;;;;;;;", b"Thu, 01 Jan 1970 00:00:00 +0000",
        b"Fri, 31 Dec 9999 23:59:59 -1200", b"Mon, 18 Jan 2038 03:14:08 +0000",
        b"Tue, 25 Feb 20200 10:11:12 +0100", b"2020-11-25 18:40:11.4529178389999999 +0000 UTC m=+1e308",
        b"Tue, 25 Feb 2020 10:11:12 +0100 (" + b"(" * 10000 + b")",
    ]
    for index, date in enumerate(dates):
        yield "date-%02d" % index, (b"Received: from a.example.net ([192.0.2.1]) by mx.example.org; "
                                    + date + b"\r\n" + HEADERS.replace(b"Date: Tue, 25 Feb 2020 10:11:00 +0100",
                                                                       b"Date: " + date) + b"\r\n" + SCAM_TEXT)


def ipv6_garbage():
    addresses = [
        b"[IPv6:::::::::::]", b"[IPv6:gggg::1]", b"[fe80::1%]", b"[fe80::1%" + b"9" * 5000 + b"]",
        b"[::ffff:999.999.999.999]", b"[IPv6:" + b"1:" * 5000 + b"]", b"[2001:db8::1]]]]]]]",
        b"[[[[[2001:db8::1", b"[2001:db8:0:0:0:0:0:0:0:1]", b"[IPv6:2001:db8::1%eth0%eth1]",
        b"[1.2.3.4.5]", b"[256.1.1.1]", b"[1.2.3]", b"[-1.0.0.0]", b"[0x7f.1]",
        b"(2001:db8::1", b"(" * 5000, b"[]", b"[IPv6:]", b"[IPv6:::ffff:]",
    ]
    for index, address in enumerate(addresses):
        yield "ipv6-garbage-%02d" % index, (b"Received: from host.example.net (host.example.net " + address
                                            + b") by mx.example.org with ESMTP; Tue, 25 Feb 2020 10:11:12 +0100\r\n"
                                            + HEADERS + b"\r\n" + SCAM_TEXT)


def wallet_strings():
    rng = random.Random(3)
    base58 = bytes(rng.choice(BASE58) for _ in range(1024 * 1024))
    yield "wallet-base58-1mb", HEADERS + b"\r\n" + base58
    yield "wallet-base58-split", HEADERS + b"\r\n" + b" ".join(base58[i:i + 7]
                                                             for i in range(0, 200000, 7))
    yield "wallet-bech32-long", HEADERS + b"\r\nbc1q" + b"qpzry9x8gf2tvdw0s3jn54khce6mua7l" * 30000
    yield "wallet-many-candidates", HEADERS + b"\r\n" + b"\r\n".join(
        b"1" + bytes(rng.choice(BASE58) for _ in range(33)) for _ in range(20000))
    yield "wallet-eth-long", HEADERS + b"\r\n" + b"0x" + b"a" * 1000000
    yield "wallet-monero-like", HEADERS + b"\r\n" + b"4" + bytes(rng.choice(BASE58) for _ in range(500000))


def received_garbage():
    rng = random.Random(5)
    words = [b"from", b"by", b"with", b"id", b"for", b"via", b";", b"(", b")", b"[", b"]", b"<", b">",
             b"helo=", b"HELO", b"EHLO", b"ESMTPSA", b"192.0.2.1", b"2001:db8::1", b"example.net",
             b"Tue,", b"25", b"Feb", b"2020", b"10:11:12", b"+0100", b"\"", b"\\", b"=?utf-8?q?x?=",
             b"\t", b"\r\n ", b"may be forged", b"unknown", b"localhost", b"%", b"::ffff:"]
    for index in range(60):
        value = b" ".join(rng.choice(words) for _ in range(rng.randint(1, 80)))
        yield "received-garbage-%02d" % index, (b"Received: " + value + b"\r\n" + HEADERS
                                                + b"\r\n" + SCAM_TEXT)


def auth_garbage():
    rng = random.Random(9)
    words = [b"mx.example.org;", b"spf=pass", b"dkim=fail", b"dmarc=", b"=", b";", b"(", b")",
             b"\"", b"\\", b"header.from=", b"smtp.mailfrom=a@example.net", b"reason=\"x",
             b"i=1;", b"arc=none", b"none", b"policy.dmarc=quarantine", b"\r\n\t"]
    for index in range(20):
        value = b" ".join(rng.choice(words) for _ in range(rng.randint(1, 60)))
        yield "auth-garbage-%02d" % index, (HEADERS.replace(b"From:", b"Authentication-Results: "
                                                            + value + b"\r\nFrom:") + b"\r\n" + SCAM_TEXT)


def html_bombs():
    yield "html-nested-100000", (HEADERS + b"Content-Type: text/html\r\n\r\n" + b"<div>" * 100000
                                 + SCAM_TEXT)
    yield "html-unclosed-comment", HEADERS + b"Content-Type: text/html\r\n\r\n<p>hi<!-- " + SCAM_TEXT
    yield "html-huge-attribute", (HEADERS + b"Content-Type: text/html\r\n\r\n<p style=\""
                                  + b"display:none;" * 100000 + b"\">" + SCAM_TEXT)
    yield "html-style-bomb", (HEADERS + b"Content-Type: text/html\r\n\r\n<style>"
                              + b".a{display:none}" * 100000 + b"</style>" + SCAM_TEXT)
    yield "html-entities", (HEADERS + b"Content-Type: text/html\r\n\r\n" + b"&#x10FFFF;&#0;&#99999999;&amp"
                            * 20000)
    yield "html-binary", HEADERS + b"Content-Type: text/html\r\n\r\n" + bytes(range(256)) * 1000
    yield "html-images", (HEADERS + b"Content-Type: text/html\r\n\r\n"
                          + b"<img src=\"https://example.com/t.gif\">" * 20000)
    yield "html-in-plain", HEADERS + b"\r\n" + b"&lt;&#104;&#97;&#99;&#107;&#101;&#114;" * 10000


def line_endings():
    yield "cr-only", (HEADERS + b"\r\n" + SCAM_TEXT).replace(b"\r\n", b"\r")
    yield "lf-only", (HEADERS + b"\r\n" + SCAM_TEXT).replace(b"\r\n", b"\n")
    yield "mixed-endings", (HEADERS + b"\r\n" + SCAM_TEXT).replace(b"\r\n", b"\n\r")
    yield "no-newline-10mb", HEADERS + b"\r\n" + b"x" * (10 * 1024 * 1024)
    yield "headers-only", HEADERS
    yield "header-without-colon", b"This is not a header\r\n" + HEADERS + b"\r\n" + SCAM_TEXT
    yield "blank-first", b"\r\n\r\n" + HEADERS + b"\r\n" + SCAM_TEXT
    yield "mbox-from-only", b"From someone Tue Feb 25 10:11:12 2020\r\n"


def random_bytes():
    rng = random.Random(13)
    for index in range(10):
        data = bytes(rng.randrange(256) for _ in range(rng.randint(1, 20000)))
        yield "random-%02d" % index, data
        yield "random-after-headers-%02d" % index, HEADERS + b"\r\n" + data


GENERATORS = [truncated_mime, bad_boundaries, deep_nesting, huge_headers, nul_bytes, invalid_text,
              wrong_encodings, bad_dates, ipv6_garbage, wallet_strings, received_garbage,
              auth_garbage, html_bombs, line_endings, random_bytes]


def main():
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    count = 0
    for generator in GENERATORS:
        for name, data in generator():
            with open(os.path.join(folder, name + ".eml"), "wb") as message:
                message.write(data)
            count += 1
    print("wrote %d messages to %s" % (count, folder))


if __name__ == "__main__":
    main()
