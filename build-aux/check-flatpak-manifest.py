#!/usr/bin/env python3
"""Check the Flatpak manifest: valid JSON, every downloaded source pinned
to a git commit or an archive checksum, and the sandbox permissions the
app is meant to have.

Usage: check-flatpak-manifest.py MANIFEST
"""
import json
import sys

# Sources that are part of this repository need no pin.
LOCAL_SOURCE_TYPES = {'dir', 'script', 'inline', 'shell'}
REQUIRED_ARGS = {'--socket=wayland', '--socket=fallback-x11', '--share=network'}
# File access goes through the portal; the app needs no folder of the user.
FORBIDDEN_PREFIXES = ('--filesystem=home', '--filesystem=host')


def check_modules(modules, problems):
    for module in modules:
        if isinstance(module, str):
            problems.append('module %s is an external file; keep every module in the manifest'
                            % module)
            continue
        name = module.get('name', '?')
        for source in module.get('sources', []):
            kind = source.get('type')
            if kind in LOCAL_SOURCE_TYPES:
                continue
            if kind == 'git':
                commit = source.get('commit', '')
                if len(commit) != 40:
                    problems.append('%s: git source %s is not pinned to a 40-digit commit'
                                    % (name, source.get('url')))
            elif 'sha256' not in source and 'sha512' not in source:
                problems.append('%s: %s source %s has no sha256'
                                % (name, kind, source.get('url') or source.get('path')))
        check_modules(module.get('modules', []), problems)


def main():
    with open(sys.argv[1], encoding='utf-8') as manifest_file:
        try:
            manifest = json.load(manifest_file)
        except json.JSONDecodeError as error:
            print('%s is not valid JSON: %s' % (sys.argv[1], error))
            return 1

    problems = []
    check_modules(manifest.get('modules', []), problems)

    finish_args = set(manifest.get('finish-args', []))
    for argument in sorted(REQUIRED_ARGS - finish_args):
        problems.append('finish-args lacks %s' % argument)
    for argument in sorted(finish_args):
        if argument.startswith(FORBIDDEN_PREFIXES):
            problems.append('finish-args must not grant %s' % argument)

    for problem in problems:
        print(problem)
    if problems:
        return 1
    print('%s: valid, every source pinned' % sys.argv[1])
    return 0


if __name__ == '__main__':
    sys.exit(main())
