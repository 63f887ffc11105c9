#!/usr/bin/env python3
"""Check that po/POTFILES.in lists every source file with translatable
strings, and that every file it lists exists.

Usage: check-potfiles.py SOURCE_ROOT
"""
import os
import re
import sys

# Markers of translatable strings, by file name ending.
MARKERS = [
    (('.c', '.h'), re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext|ngettext|g_dpgettext2)\s*\(')),
    (('.ui',), re.compile(r'translatable="yes"')),
    (('.gschema.xml',), re.compile(r'<summary>')),
    (('.desktop.in.in', '.desktop.in', '.metainfo.xml.in.in', '.metainfo.xml.in'), re.compile(r'.')),
]
SCANNED_FOLDERS = ('src', 'data')


def needs_translation(path):
    for endings, marker in MARKERS:
        if path.endswith(endings):
            with open(path, encoding='utf-8', errors='replace') as source:
                return marker.search(source.read()) is not None
    return False


def main():
    root = sys.argv[1]
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as potfiles:
        listed = {line.strip() for line in potfiles
                  if line.strip() and not line.startswith('#')}

    problems = []
    for path in sorted(listed):
        if not os.path.isfile(os.path.join(root, path)):
            problems.append('po/POTFILES.in lists %s, which does not exist' % path)

    for folder in SCANNED_FOLDERS:
        for directory, _, names in os.walk(os.path.join(root, folder)):
            for name in sorted(names):
                path = os.path.join(directory, name)
                relative = os.path.relpath(path, root)
                if needs_translation(path) and relative not in listed:
                    problems.append('%s has translatable strings but is missing from po/POTFILES.in'
                                    % relative)

    for problem in problems:
        print(problem)
    if problems:
        return 1
    print('po/POTFILES.in lists all %d files with translatable strings' % len(listed))
    return 0


if __name__ == '__main__':
    sys.exit(main())
