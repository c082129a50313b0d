#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Count the test cases in meson's JUnit logs.

    junit-summary.py [--label WORD] [--counts] FILE.junit.xml...

Every <testcase> counts once, TAP subtests included. A case with a <failure> or
<error> child failed, one with <skipped> was skipped, any other passed. A file that
is missing or unreadable counts as one failed case.

meson leaves out of the JUnit file a TAP test that dies after its subtests passed
(a crash, a sanitizer report at exit, a timeout): its subtests all look fine. So
when meson's JSON log (NAME.json beside NAME.junit.xml) exists, every test it marks FAIL,
ERROR, TIMEOUT or UNEXPECTEDPASS without a failed case of its own in the JUnit
file adds one failed case.

Prints the failed and skipped cases, then `[WORD: ]N passed, M failed[, K skipped]`;
with --counts, only `N M K`. Exits 1 when a case failed or none ran, else 0.
"""

import argparse
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

BAD_RESULTS = {"FAIL", "ERROR", "TIMEOUT", "UNEXPECTEDPASS"}


def read_junit(path, passed, failed, skipped):
    """Adds the file's cases to the lists; returns the names of the tests that
    have a failed case in the file (a test's own case or one of its subtests)."""
    tree = ET.parse(path)
    failing_tests = set()
    for suite in tree.iter("testsuite"):
        suite_name = suite.get("name", "")
        # Subtests of a TAP test live in a suite named "PROJECT.TEST".
        parent = suite_name.split(".", 1)[1] if "." in suite_name else None
        for case in suite.findall("testcase"):
            name = case.get("name", "?")
            label = f"{parent} › {name}" if parent else name
            if case.find("failure") is not None or case.find("error") is not None:
                failed.append(label)
                failing_tests.add(parent or name)
            elif case.find("skipped") is not None:
                reason = (case.findtext("system-out") or "").strip()
                skipped.append(f"{label} ({reason})" if reason else label)
            else:
                passed.append(label)
    return failing_tests


def read_testlog(path, failing_tests, failed):
    """Adds a failed case for each test that meson judged bad but that left no
    failed case in the JUnit file."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            name = entry.get("name", "?")
            result = entry.get("result", "")
            if result in BAD_RESULTS and name not in failing_tests:
                failed.append(f"{name} ({result}, exit status {entry.get('returncode')})")


def main():
    parser = argparse.ArgumentParser(description="Count test cases in meson JUnit logs.")
    parser.add_argument("--label", help="one word printed before the counts, with a colon")
    parser.add_argument("--counts", action="store_true",
                        help="print only 'PASSED FAILED SKIPPED'")
    parser.add_argument("files", nargs="+", metavar="FILE")
    args = parser.parse_args()

    passed, failed, skipped = [], [], []
    for path in args.files:
        try:
            failing_tests = read_junit(path, passed, failed, skipped)
        except FileNotFoundError:
            failed.append(f"{path}: missing (no test ran, or the run did not finish)")
            continue
        except (OSError, ET.ParseError) as e:
            failed.append(f"{path}: unreadable ({e})")
            continue
        # Meson writes NAME.json beside NAME.junit.xml.
        testlog = re.sub(r"\.junit\.xml$", "", path) + ".json"
        if os.path.exists(testlog):
            try:
                read_testlog(testlog, failing_tests, failed)
            except OSError as e:
                failed.append(f"{testlog}: unreadable ({e})")

    if args.counts:
        print(len(passed), len(failed), len(skipped))
    else:
        for name in skipped:
            print(f"SKIPPED: {name}")
        for name in failed:
            print(f"FAILED: {name}")
        line = f"{len(passed)} passed, {len(failed)} failed"
        if skipped:
            line += f", {len(skipped)} skipped"
        print(f"{args.label}: {line}" if args.label else line)

    return 1 if failed or not (passed or failed) else 0


if __name__ == "__main__":
    sys.exit(main())
