#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
"""Writes the Debian package's changelog.gz from CHANGELOG.md.

debianchangelog.py CHANGELOG.md VERSION MAINTAINER OUT.gz

Each "## VERSION — YYYY-MM-DD" release becomes an entry, each "### Section" a "*" item and each
top-level "- " bullet a "-" item under it. The newest release must be VERSION (the CMake project's):
the package's changelog names the package's version. gzip -9n, without a name or a time in the
header, so that the package is reproducible.
"""
import datetime
import gzip
import re
import sys
import textwrap


def releases(text):
    release = None
    for line in text.splitlines():
        heading = re.match(r"^## (\S+) — (\d{4}-\d{2}-\d{2})\s*$", line)
        if heading:
            release = {"version": heading.group(1), "date": heading.group(2), "items": []}
            yield release
            continue
        if release is None:
            continue
        if line.startswith("### "):
            release["items"].append([line[4:].strip(), []])
        elif line.startswith("- "):
            if not release["items"]:
                release["items"].append([None, []])
            release["items"][-1][1].append(line[2:].strip())
        elif line.startswith("  ") and line.strip() and release["items"] and release["items"][-1][1]:
            release["items"][-1][1][-1] += " " + line.strip()


def plain(markdown):
    return markdown.replace("`", "")


def entry(release, maintainer):
    lines = [f"tcplens ({release['version']}) unstable; urgency=medium", ""]
    for section, bullets in release["items"]:
        if section:
            lines += textwrap.wrap(plain(section), 76, initial_indent="  * ", subsequent_indent="    ")
        for bullet in bullets:
            indent = "    - " if section else "  * "
            lines += textwrap.wrap(plain(bullet), 76, initial_indent=indent, subsequent_indent=" " * len(indent),
                                   break_on_hyphens=False)
    date = datetime.datetime.strptime(release["date"], "%Y-%m-%d").replace(tzinfo=datetime.timezone.utc)
    lines += ["", f" -- {maintainer}  {date.strftime('%a, %d %b %Y %H:%M:%S +0000')}", ""]
    return "\n".join(lines)


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: debianchangelog.py CHANGELOG.md VERSION MAINTAINER OUT.gz")
    source, version, maintainer, out = sys.argv[1:]
    with open(source, encoding="utf-8") as f:
        found = list(releases(f.read()))
    if not found or found[0]["version"] != version:
        sys.exit(f"{source}: the newest release is {found[0]['version'] if found else 'missing'}, "
                 f"the project's version is {version}")
    text = "\n".join(entry(release, maintainer) for release in found)
    with open(out, "wb") as f, gzip.GzipFile(filename="", mode="wb", fileobj=f, compresslevel=9, mtime=0) as z:
        z.write(text.encode("utf-8"))


if __name__ == "__main__":
    main()
