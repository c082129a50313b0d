# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the integration scripts share: reseau-cli run against a throwaway
# data folder, and a TAP runner of checks that run in order (later checks
# build on earlier ones, as a user's session would). Python standard
# library only.

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback

CLI = os.environ.get('RESEAU_CLI')
SYNC_LINE_RE = re.compile(r'^downloaded (\d+), uploaded (\d+), deleted (\d+), conflicts (\d+)$')
UID_RE = re.compile(r'^urn:uuid:[0-9a-f-]{36}$')
# A sync of thousands of cards under a sanitizer on a busy runner.
CLI_TIMEOUT = int(os.environ.get('RESEAU_INTEGRATION_CLI_TIMEOUT', '600'))


class CheckFailed(Exception):
    pass


class Skip(Exception):
    """Raised by a check that cannot run here (a program not installed)."""


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


class Result:
    def __init__(self, args, completed):
        self.args = args
        self.rc = completed.returncode
        self.out = completed.stdout.decode('utf-8', 'replace')
        self.err = completed.stderr.decode('utf-8', 'replace')

    def describe(self):
        return 'reseau-cli %r → exit %d\nstdout: %r\nstderr: %r' % (
            self.args, self.rc, self.out[-3000:], self.err[-3000:])


class Profile:
    """One user of reseau-cli: private data, config and cache folders. The
    session bus (and its keyring) is the test session's."""

    def __init__(self, root, name):
        self.root = os.path.join(root, name)
        self.data_home = os.path.join(self.root, 'data')
        for sub in ('home', 'data', 'config', 'cache'):
            os.makedirs(os.path.join(self.root, sub), exist_ok=True)
        # Every command's output, to look for the password in.
        self.transcript = []

    @property
    def database_path(self):
        return os.path.join(self.data_home, 'reseau', 'reseau.db')

    def env(self, extra=None):
        env = dict(os.environ)
        env['HOME'] = os.path.join(self.root, 'home')
        env['XDG_CONFIG_HOME'] = os.path.join(self.root, 'config')
        env['XDG_CACHE_HOME'] = os.path.join(self.root, 'cache')
        env['XDG_DATA_HOME'] = self.data_home
        env['LC_ALL'] = 'C.UTF-8'
        env.pop('LANGUAGE', None)
        if extra:
            env.update(extra)
        return env

    def run(self, *args, stdin=None, env=None, timeout=CLI_TIMEOUT):
        if isinstance(stdin, str):
            stdin = stdin.encode('utf-8')
        completed = subprocess.run([CLI] + list(args), env=self.env(env),
                                   input=stdin if stdin is not None else b'',
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   timeout=timeout)
        result = Result(list(args), completed)
        self.transcript.append(result)
        return result

    def spawn(self, *args):
        """reseau-cli started and left running (to be killed)."""
        return subprocess.Popen([CLI] + list(args), env=self.env(),
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)

    def ok(self, *args, stdin=None):
        result = self.run(*args, stdin=stdin)
        expect(result.rc == 0, 'expected exit 0\n' + result.describe())
        return result

    def add_account(self, server, password=None):
        if password is None:
            password = server.password or 'no-password-needed'
        return self.ok('account', 'add', '--url', server.base_url, '--user', server.user,
                       stdin=password + '\n')

    def sync(self, *args):
        """Runs a sync that must succeed: its (downloaded, uploaded,
        deleted, conflicts)."""
        result = self.ok('sync', *args)
        return sync_counts(result)

    def add(self, *args):
        result = self.ok('add', *args)
        uid = result.out.strip()
        expect(UID_RE.match(uid), 'add must print the new UID\n' + result.describe())
        return uid

    def contacts(self):
        """{uid: contact} from list --json; fails on a UID seen twice."""
        result = self.ok('list', '--json')
        contacts = {}
        for contact in json.loads(result.out):
            expect(contact['uid'] not in contacts,
                   'the UID %s is listed twice' % contact['uid'])
            contacts[contact['uid']] = contact
        return contacts

    def contact_list(self):
        return json.loads(self.ok('list', '--json').out)


def sync_counts(result):
    lines = result.out.splitlines()
    expect(lines and SYNC_LINE_RE.match(lines[0]),
           'the first line must be "downloaded N, uploaded M, deleted K, conflicts C"\n'
           + result.describe())
    return tuple(int(n) for n in SYNC_LINE_RE.match(lines[0]).groups())


checks = []


def check(name):
    def register(function):
        checks.append((name, function))
        return function
    return register


def main(needs=(), cleanup=None):
    """Runs the registered checks in order and prints TAP. needs: programs
    without which nothing can run (the whole plan is then a skip)."""
    if not CLI or not os.access(CLI, os.X_OK):
        print('1..0 # SKIP RESEAU_CLI does not name the reseau-cli binary')
        return 0
    missing = [name for name in needs if shutil.which(name) is None]
    if missing:
        print('1..0 # SKIP not installed: %s (build-aux/dev deps installs them)'
              % ', '.join(missing))
        return 0

    failed = 0
    try:
        for number, (name, function) in enumerate(checks, start=1):
            try:
                function()
            except Skip as reason:
                print('ok %d - %s # SKIP %s' % (number, name, reason))
            except Exception as error:  # noqa: BLE001 — every failure is reported
                failed += 1
                print('not ok %d - %s' % (number, name))
                text = str(error) if isinstance(error, CheckFailed) else traceback.format_exc()
                for line in text.splitlines():
                    print('# ' + line)
            else:
                print('ok %d - %s' % (number, name))
            sys.stdout.flush()
    finally:
        if cleanup is not None:
            cleanup()
    print('1..%d' % len(checks))
    return 1 if failed else 0


def make_root(prefix):
    return tempfile.mkdtemp(prefix=prefix)
