#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# reseau-cli's accounts and sync against a real Radicale with htpasswd
# authentication: the password goes to the keyring and nowhere else (not
# the database, not any file of the profile, not the output), a wrong
# password or a missing Secret Service saves nothing, sync prints its
# counts, a conflicting edit on both sides shows in list --json, and
# removing the account clears the keyring. Prints TAP. Run inside
# build-aux/test-session (private bus, unlocked keyring).

import json
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import time

sys.dont_write_bytecode = True

from carddav_servers import BareBus, Radicale, make_card, request  # noqa: E402
from reseau_tap import Profile, check, expect, main, make_root, sync_counts  # noqa: E402

ROOT = make_root('reseau-test-cli-sync-')
ISO_8601_RE = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$')
ACCOUNT_LINE_RE = re.compile(r'^(\d+)\t(.+)@(.+)$', re.MULTILINE)

state = {}


def server():
    return state['server']


def secret_items(user):
    """The keyring's items with this user attribute, as {attribute: value}
    dicts (secret-tool search --all)."""
    completed = subprocess.run(['secret-tool', 'search', '--all', 'user', user],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    items = []
    for line in (completed.stdout + completed.stderr).decode('utf-8', 'replace').splitlines():
        if line.startswith('['):
            items.append({})
        elif ' = ' in line and items:
            key, value = line.split(' = ', 1)
            items[-1][key.strip()] = value
    return items


def secret_lookup(server_attribute, user):
    completed = subprocess.run(['secret-tool', 'lookup', 'server', server_attribute, 'user', user],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    return completed.returncode, completed.stdout.decode('utf-8', 'replace')


def items_for_this_server(user):
    port = ':%d' % server().port
    return [item for item in secret_items(user)
            if port in item.get('attribute.server', '')]


def accounts(profile):
    """[(id, user, server)] from account list."""
    result = profile.ok('account', 'list')
    return [(int(m.group(1)), m.group(2), m.group(3)) for m in ACCOUNT_LINE_RE.finditer(result.out)]


def expect_no_account(profile):
    found = accounts(profile)
    expect(found == [], 'no account must be saved, found %r' % found)


# ------------------------------------------------------------------ setup

@check('Radicale starts with htpasswd authentication and three cards')
def _():
    state['server'] = Radicale(ROOT).start()
    for i in range(1, 4):
        server().seed_card('cs-%d.vcf' % i,
                           make_card('cs-%d' % i, 'Server%d' % i, 'Person',
                                     'server%d@example.org' % i, '+33 6 00 00 00 0%d' % i))
    answer = request('PROPFIND', server().book_url, headers={'Depth': '0'},
                     auth=(server().user, 'not-the-password'))
    expect(answer.status == 401, 'Radicale must refuse a wrong password, said %d' % answer.status)


# ------------------------------------------------------- wrong password

@check('account add with a wrong password fails, says so, and saves nothing')
def _():
    profile = Profile(ROOT, 'wrong-password')
    result = profile.run('account', 'add', '--url', server().base_url, '--user', server().user,
                         stdin='not-the-password\n')
    expect(result.rc == 1, 'expected exit 1\n' + result.describe())
    expect('password' in result.err.lower(), 'the message must say the password is wrong\n'
           + result.describe())
    expect(result.out == '', 'nothing on stdout\n' + result.describe())
    expect('not-the-password' not in result.out + result.err, 'the password was printed')
    expect_no_account(profile)
    expect(items_for_this_server(server().user) == [],
           'nothing may reach the keyring: %r' % items_for_this_server(server().user))


@check('account add with no Secret Service on the bus fails clearly and saves nothing')
def _():
    profile = Profile(ROOT, 'no-keyring')
    with BareBus(ROOT) as bus:
        result = profile.run('account', 'add', '--url', server().base_url, '--user', server().user,
                             stdin=server().password + '\n',
                             env={'DBUS_SESSION_BUS_ADDRESS': bus.address})
    expect(result.rc == 1, 'expected exit 1\n' + result.describe())
    text = result.err.lower()
    expect('keyring' in text or 'secret service' in text,
           'the message must name the keyring\n' + result.describe())
    expect('not added' in text or 'nothing' in text,
           'the message must say that nothing was added\n' + result.describe())
    expect(server().password not in result.out + result.err, 'the password was printed')
    expect_no_account(profile)
    expect(items_for_this_server(server().user) == [],
           'nothing may reach the keyring: %r' % items_for_this_server(server().user))


# --------------------------------------------------------- account add

@check('account add reads the password from stdin and keeps it in the keyring')
def _():
    profile = state['profile'] = Profile(ROOT, 'main')
    state['local_uid'] = profile.add('--name', 'Local Only', '--email', 'local@example.org')

    result = profile.add_account(server())
    expect(server().book_url in result.out,
           'account add must print the book it found\n' + result.describe())
    found = accounts(profile)
    expect(len(found) == 1, 'one account expected, found %r' % found)
    account_id, user, server_attribute = found[0]
    expect(user == server().user, 'wrong user in %r' % found)
    expect(server_attribute.startswith('http://127.0.0.1:%d' % server().port),
           'the server must be the one given: %r' % found)
    expect(str(account_id) in result.out, 'account add must print the ID\n' + result.describe())
    state['account'] = account_id
    state['server_attribute'] = server_attribute

    rc, secret = secret_lookup(server_attribute, server().user)
    expect(rc == 0 and secret == server().password,
           'secret-tool lookup server %s user %s must give the password (exit %d)'
           % (server_attribute, server().user, rc))
    items = items_for_this_server(server().user)
    expect(len(items) == 1, 'one keyring item expected: %r' % items)
    expect(items[0].get('schema') == 'org.example.Reseau.Account',
           'the item must use the schema org.example.Reseau.Account: %r' % items)


@check('account add of the same account again keeps one account')
def _():
    profile = state['profile']
    profile.add_account(server())
    expect(len(accounts(profile)) == 1, 'still one account expected')
    expect(len(items_for_this_server(server().user)) == 1, 'still one keyring item expected')


@check('account list shows the ID, user@server, the book and "never"')
def _():
    result = state['profile'].ok('account', 'list')
    expect('%d\t%s@%s' % (state['account'], server().user, state['server_attribute']) in result.out,
           result.describe())
    expect(server().book_url in result.out, result.describe())
    expect('never' in result.out, 'no sync yet: "never"\n' + result.describe())


# ----------------------------------------------------------------- sync

@check('sync downloads the server cards, uploads the local one, prints the counts')
def _():
    profile = state['profile']
    downloaded, uploaded, deleted, conflicts = profile.sync()
    expect((downloaded, uploaded, deleted, conflicts) == (3, 1, 0, 0),
           'expected downloaded 3, uploaded 1, deleted 0, conflicts 0; got %r'
           % ((downloaded, uploaded, deleted, conflicts),))
    contacts = profile.contacts()
    for i in range(1, 4):
        expect('cs-%d' % i in contacts, 'cs-%d missing from list --json' % i)
    uids = [text for text in server().stored_cards().values() if 'UID:%s' % state['local_uid'] in text]
    expect(len(uids) == 1, 'the local contact must be on the server once, found %d' % len(uids))


@check('a second sync has nothing to do; --verbose adds the request count')
def _():
    result = state['profile'].ok('sync', '--verbose')
    expect(sync_counts(result) == (0, 0, 0, 0), result.describe())
    lines = result.out.splitlines()
    expect(len(lines) == 2 and re.match(r'^requests [1-9]\d*$', lines[1]),
           'the second line must be "requests R"\n' + result.describe())


@check('account list shows when the last sync happened')
def _():
    result = state['profile'].ok('account', 'list')
    expect('never' not in result.out, result.describe())


@check('a conflicting edit on both sides shows as conflicts in list --json and show --json')
def _():
    profile = state['profile']
    profile.ok('edit', 'cs-2', '--title', 'Local title')

    text, etag = server().get_card('cs-2.vcf')
    lines = [line for line in text.replace('\r\n', '\n').split('\n')
             if line and not line.upper().startswith('TITLE')]
    lines.insert(lines.index('END:VCARD'), 'TITLE:Server title')
    server().put_card('cs-2.vcf', '\r\n'.join(lines) + '\r\n', etag=etag)

    counts = profile.sync()
    expect(counts[3] == 1, 'one conflict expected, got %r' % (counts,))

    contacts = profile.contacts()
    contact = contacts['cs-2']
    expect(contact['title'] == 'Server title', 'the server wins: %r' % contact)
    conflicts = contact.get('conflicts')
    expect(isinstance(conflicts, list) and len(conflicts) == 1, 'conflicts: %r' % contact)
    conflict = conflicts[0]
    expect(conflict.get('property') == 'TITLE', repr(conflict))
    expect(conflict.get('local_value') == 'Local title', repr(conflict))
    expect(conflict.get('server_value') == 'Server title', repr(conflict))
    expect(isinstance(conflict.get('created_at'), str) and ISO_8601_RE.match(conflict['created_at']),
           'created_at must be ISO 8601: %r' % conflict)
    others = [uid for uid, c in contacts.items() if uid != 'cs-2' and 'conflicts' in c]
    expect(others == [], 'only contacts with conflicts have the member: %r' % others)

    shown = json.loads(profile.ok('show', 'cs-2', '--json').out)
    expect(shown.get('conflicts') == conflicts, 'show --json: %r' % shown)


@check('the password is nowhere but the keyring: not in any file, the database dump or the output')
def _():
    profile = state['profile']
    secret = server().password.encode('utf-8')
    for top, _, names in os.walk(profile.root):
        for name in names:
            path = os.path.join(top, name)
            with open(path, 'rb') as f:
                expect(secret not in f.read(), 'the password is in %s' % path)
    dump = subprocess.run(['sqlite3', profile.database_path, '.dump'],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    expect(dump.returncode == 0 and b'CREATE TABLE' in dump.stdout,
           'sqlite3 .dump failed: %r' % dump.stderr)
    expect(secret not in dump.stdout, 'the password is in the database')
    for result in profile.transcript:
        expect(server().password not in result.out + result.err,
               'the password was printed\n' + result.describe())


@check('a password changed on the server: sync fails, says so, and account list shows it')
def _():
    profile = state['profile']
    users = os.path.join(server().folder, 'users')
    with open(users, 'w', encoding='utf-8') as f:
        f.write('%s:%s\n' % (server().user, 'changed-on-the-server'))
    try:
        result = profile.run('sync')
    finally:
        with open(users, 'w', encoding='utf-8') as f:
            f.write('%s:%s\n' % (server().user, server().password))
    expect(result.rc == 1, 'expected exit 1\n' + result.describe())
    expect('password' in result.err.lower(), 'the message must name the password\n' + result.describe())
    listing = profile.ok('account', 'list')
    expect('Last error' in listing.out and 'password' in listing.out.lower(),
           'account list must show the error\n' + listing.describe())
    profile.sync()
    listing = profile.ok('account', 'list')
    expect('Last error' not in listing.out, 'a sync that works clears the error\n' + listing.describe())


# ---------------------------------------------------------- usage errors

@check('usage errors exit 2, a missing account exits 1')
def _():
    profile = state['profile']
    for args in (('account',), ('account', 'frobnicate'), ('account', 'remove'),
                 ('account', 'remove', 'abc'), ('account', 'add', '--url', server().base_url),
                 ('account', 'add', '--user', 'alice'), ('sync', '--account', 'abc'),
                 ('sync', 'extra')):
        result = profile.run(*args)
        expect(result.rc == 2 and 'reseau-cli --help' in result.err and result.out == '',
               'expected a usage error\n' + result.describe())
    for args in (('sync', '--account', '999'), ('account', 'remove', '999')):
        result = profile.run(*args)
        expect(result.rc == 1 and 'no account with ID 999' in result.err, result.describe())


# -------------------------------------------------------- account remove

@check('account remove forgets the account, clears the keyring, keeps the contacts')
def _():
    profile = state['profile']
    before = set(profile.contacts())
    result = profile.ok('account', 'remove', str(state['account']))
    expect(str(state['account']) in result.out, result.describe())
    expect_no_account(profile)
    rc, secret = secret_lookup(state['server_attribute'], server().user)
    expect(rc != 0 and secret == '', 'the keyring still has the password')
    expect(items_for_this_server(server().user) == [], 'a keyring item is left')
    expect(set(profile.contacts()) == before, 'the contacts must stay')


@check('sync without any account fails with a clear message')
def _():
    result = state['profile'].run('sync')
    expect(result.rc == 1 and 'account add' in result.err, result.describe())


def read_terminal(fd, until, deadline=60):
    """What the program wrote on the terminal until `until` shows up or it
    closed the terminal; the deadline only keeps a hang from blocking."""
    out = b''
    end = time.monotonic() + deadline
    while (until is None or until not in out) and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out


@check('account add on a terminal asks for the password and does not echo it')
def _():
    profile = Profile(ROOT, 'terminal')
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execve(os.environ['RESEAU_CLI'],
                      ['reseau-cli', 'account', 'add', '--url', server().base_url,
                       '--user', server().user],
                      profile.env())
        finally:
            os._exit(127)
    try:
        prompt = read_terminal(fd, b': ')
        expect(b'Password for alice' in prompt, 'no password prompt: %r' % prompt)
        os.write(fd, server().password.encode() + b'\n')
        rest = read_terminal(fd, None)
    finally:
        # A program still waiting for its input after a minute has
        # failed: end it rather than hang the suite.
        end = time.monotonic() + 60
        done, status = os.waitpid(pid, os.WNOHANG)
        while done == 0 and time.monotonic() < end:
            read_terminal(fd, None, deadline=0.5)
            time.sleep(0.05)
            done, status = os.waitpid(pid, os.WNOHANG)
        if done == 0:
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
        os.close(fd)
    expect(os.waitstatus_to_exitcode(status) == 0, 'exit status %r: %r' % (status, prompt + rest))
    expect(server().password.encode() not in prompt + rest, 'the password was echoed: %r' % (prompt + rest))
    expect(b'Added account' in rest, repr(rest))
    found = accounts(profile)
    expect(len(found) == 1, 'one account expected: %r' % found)
    rc, secret = secret_lookup(found[0][2], server().user)
    expect(rc == 0 and secret == server().password, 'the keyring must have the password')
    profile.ok('account', 'remove', str(found[0][0]))
    expect(items_for_this_server(server().user) == [], 'a keyring item is left')


def cleanup():
    if 'server' in state:
        server().stop()
    shutil.rmtree(ROOT, ignore_errors=True)


if __name__ == '__main__':
    # secret-tool, sqlite3 and dbus-daemon are in build-aux/dev's PACKAGES: without
    # them the checks fail rather than skip.
    sys.exit(main(needs=('radicale',), cleanup=cleanup))
