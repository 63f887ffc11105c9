#!/usr/bin/env python3
"""Run `header-inspector --report --format=json` over every generated
malformed message and check that each run ends cleanly.

Usage: check.py BINARY [FOLDER]

Without FOLDER, the messages are generated into a temporary folder first
(generate.py beside this script) and removed afterwards.

Each message must exit 0 with valid JSON on standard output, or exit 1
with a sentence on standard error.  Each run gets an address-space limit
(RLIMIT_AS) and a hang guard of minutes; neither is a speed claim.
Prints TAP, one line per message.
"""
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile

# Address space allowed to one run.  The largest input is 64 MiB and the
# app keeps a few copies of it; this leaves room without allowing a blow-up.
ADDRESS_SPACE_LIMIT = 2 * 1024 * 1024 * 1024
HANG_GUARD_SECONDS = 300


def limit_resources():
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))


def check_one(binary, path):
    # AddressSanitizer reserves terabytes of address space, so a sanitizer
    # build runs without the limit.
    sanitized = "ASAN_OPTIONS" in os.environ or "UBSAN_OPTIONS" in os.environ
    try:
        process = subprocess.run([binary, "--report", "--format=json", path],
                                 stdin=subprocess.DEVNULL, capture_output=True,
                                 timeout=HANG_GUARD_SECONDS,
                                 preexec_fn=None if sanitized else limit_resources)
    except subprocess.TimeoutExpired:
        return "no result after %d s" % HANG_GUARD_SECONDS

    if process.returncode < 0:
        return "killed by signal %d" % -process.returncode
    if process.returncode == 1:
        if not process.stderr.strip():
            return "exit 1 without a message"
        return None
    if process.returncode != 0:
        return "exit %d: %s" % (process.returncode, process.stderr.decode("utf-8", "replace")[:300])

    try:
        report = json.loads(process.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return "invalid JSON: %s" % error
    if report.get("verdict") not in ("sextortion", "suspicious", "none"):
        return "no verdict in the report"
    return None


def main():
    binary = sys.argv[1]
    if len(sys.argv) > 2:
        return check_folder(binary, sys.argv[2])

    folder = tempfile.mkdtemp(prefix="hdr-malformed-")
    try:
        subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                     "generate.py"), folder],
                       check=True, stdout=subprocess.DEVNULL)
        return check_folder(binary, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check_folder(binary, folder):
    names = sorted(name for name in os.listdir(folder) if name.endswith(".eml"))
    if len(names) < 200:
        print("Bail out! only %d messages in %s" % (len(names), folder))
        return 1

    print("1..%d" % len(names))
    failed = 0
    for number, name in enumerate(names, start=1):
        problem = check_one(binary, os.path.join(folder, name))
        if problem is None:
            print("ok %d %s" % (number, name))
        else:
            failed += 1
            print("not ok %d %s: %s" % (number, name, problem))
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
