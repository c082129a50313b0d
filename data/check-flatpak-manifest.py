#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that the Flatpak manifest keeps the sandbox as small as we promise.

No GNOME runtime can be downloaded on the build machines, so the manifest
cannot be built there; this test holds it to the shape that makes it
buildable by construction (one meson module, the same options as the tests,
a pinned runtime) and to the exact list of permissions we ship with.

Usage: check-flatpak-manifest.py [MANIFEST]
Exits 0 when the manifest is fine, 1 with one line per problem otherwise.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

APP_ID = "org.example.Reseau"
RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"
MIN_RUNTIME_VERSION = 47
COMMAND = "reseau"

# The whole sandbox. Files go through the FileChooser portal and passwords
# through the Secret portal, so neither filesystem nor bus access is needed.
ALLOWED_FINISH_ARGS = {
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
}

# Prefixes that would widen the sandbox, with the reason we refuse them, so
# that whoever adds one reads why instead of only "not allowed".
FORBIDDEN_PREFIXES = [
    ("--filesystem", "use the file chooser portal instead of filesystem access"),
    ("--talk-name", "talk to services through portals, not direct bus names"),
    ("--own-name", "the app does not need to own extra bus names"),
    ("--system-talk-name", "no system bus access is needed"),
    ("--socket=session-bus", "full session bus access defeats the sandbox"),
    ("--socket=system-bus", "full system bus access defeats the sandbox"),
    ("--socket=x11", "use --socket=fallback-x11 so Wayland sessions stay isolated"),
    ("--socket=pulseaudio", "the app plays no sound"),
    ("--device=all", "only --device=dri (GPU rendering) is needed"),
    ("--allow", "no extra features are needed"),
    ("--persist", "data lives in the XDG data dir already"),
    ("--env", "set environment inside the app, not in the sandbox"),
]

REQUIRED_CLEANUP = ["/include", "/lib/pkgconfig", "*.a"]


def check_manifest(manifest):
    problems = []

    app_id = manifest.get("app-id", manifest.get("id"))
    if app_id != APP_ID:
        problems.append(f"app-id is {app_id!r}, expected {APP_ID!r}")

    if manifest.get("runtime") != RUNTIME:
        problems.append(f"runtime is {manifest.get('runtime')!r}, expected {RUNTIME!r}")
    if manifest.get("sdk") != SDK:
        problems.append(f"sdk is {manifest.get('sdk')!r}, expected {SDK!r}")

    version = manifest.get("runtime-version")
    if not isinstance(version, str) or not re.fullmatch(r"[0-9]+(\.[0-9]+)?", version):
        problems.append(
            f"runtime-version is {version!r}: pin a numbered GNOME release "
            f"(e.g. \"{MIN_RUNTIME_VERSION}\"), never a branch such as \"master\""
        )
    elif int(version.split(".")[0]) < MIN_RUNTIME_VERSION:
        problems.append(
            f"runtime-version {version} is older than {MIN_RUNTIME_VERSION}"
        )

    if manifest.get("command") != COMMAND:
        problems.append(f"command is {manifest.get('command')!r}, expected {COMMAND!r}")

    finish_args = manifest.get("finish-args", [])
    if not isinstance(finish_args, list) or not all(isinstance(a, str) for a in finish_args):
        problems.append("finish-args must be a list of strings")
        finish_args = []
    seen = set()
    for arg in finish_args:
        if arg in seen:
            problems.append(f"finish-args lists {arg} twice")
        seen.add(arg)
        if arg in ALLOWED_FINISH_ARGS:
            continue
        reason = "it is not part of the agreed sandbox"
        for prefix, why in FORBIDDEN_PREFIXES:
            if arg.startswith(prefix):
                reason = why
                break
        problems.append(f"finish-args must not contain {arg}: {reason}")
    for arg in sorted(ALLOWED_FINISH_ARGS - seen):
        problems.append(f"finish-args is missing {arg}")

    cleanup = manifest.get("cleanup", [])
    for entry in REQUIRED_CLEANUP:
        if entry not in cleanup:
            problems.append(f"cleanup is missing {entry!r}")

    modules = manifest.get("modules")
    if not isinstance(modules, list) or not modules:
        problems.append("modules is missing or empty")
        return problems

    app_module = modules[-1]
    if not isinstance(app_module, dict):
        # A string is a path to a module file; the app itself must be inline.
        problems.append("the last module must be the app itself, written inline")
        return problems

    if app_module.get("name") != COMMAND:
        problems.append(
            f"the last module is {app_module.get('name')!r}, expected {COMMAND!r}"
        )
    if app_module.get("buildsystem") != "meson":
        problems.append(
            f"the last module builds with {app_module.get('buildsystem')!r}, expected 'meson'"
        )
    if app_module.get("run-tests") is not True:
        problems.append("the last module must set \"run-tests\": true")

    config_opts = app_module.get("config-opts", [])
    if "-Dui_tests=false" not in config_opts:
        problems.append(
            "the last module must pass -Dui_tests=false "
            "(the build sandbox has no display for the UI tests)"
        )

    sources = app_module.get("sources", [])
    has_dir = any(
        isinstance(s, dict) and s.get("type") == "dir" and s.get("path") == "."
        for s in sources
    )
    if not has_dir:
        problems.append(
            "the last module must build the checkout itself: "
            "sources should hold {\"type\": \"dir\", \"path\": \".\"}"
        )

    return problems


def check_with_flatpak_builder(path):
    """Let flatpak-builder parse the manifest too, when it is installed."""
    builder = shutil.which("flatpak-builder")
    if builder is None:
        print("flatpak-builder not found; skipping its syntax check")
        return []

    # flatpak-builder leaves a .flatpak-builder state dir in its working
    # directory: keep that out of the source tree.
    with tempfile.TemporaryDirectory(prefix="reseau-flatpak-") as scratch:
        try:
            result = subprocess.run(
                [builder, "--show-manifest", os.path.abspath(path)],
                cwd=scratch,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                timeout=30,
            )
        except subprocess.TimeoutExpired:
            return ["flatpak-builder --show-manifest did not finish within 30 s"]

    if result.returncode != 0:
        detail = result.stderr.strip() or f"exit status {result.returncode}"
        return [f"flatpak-builder --show-manifest rejected the manifest: {detail}"]

    # It exits 0 even when it cannot deserialize part of the manifest (an
    # unknown source type, a wrongly typed property) and only warns: those
    # parts would be silently dropped from a real build, so they fail here.
    warnings = [
        line.strip()
        for line in result.stderr.splitlines()
        if "WARNING" in line or "CRITICAL" in line
    ]
    return [f"flatpak-builder --show-manifest warned: {w}" for w in warnings]


def main(argv):
    if len(argv) > 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    if len(argv) == 2:
        path = argv[1]
    else:
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", APP_ID + ".json")

    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except OSError as e:
        print(f"{path}: cannot read the manifest: {e.strerror}")
        return 1
    except json.JSONDecodeError as e:
        print(f"{path}:{e.lineno}:{e.colno}: not valid JSON: {e.msg}")
        return 1

    if not isinstance(manifest, dict):
        print(f"{path}: the manifest must be a JSON object")
        return 1

    problems = check_manifest(manifest) + check_with_flatpak_builder(path)

    for problem in problems:
        print(f"{path}: {problem}")
    if problems:
        return 1

    print(f"{path}: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
