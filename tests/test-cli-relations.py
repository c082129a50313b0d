#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# reseau-cli's relationship commands (log, due, timeline, referral, event)
# and backup/restore, driven as a user or a script would, against
# throwaway data folders. Prints TAP. Python standard library only.
#
# "Today" is the CLI's local day: checks that depend on it accept the day
# taken before and the day taken after the command, so that a run across
# midnight cannot fail them.

import datetime
import glob
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback

CLI = os.environ.get('RESEAU_CLI')
ROOT = tempfile.mkdtemp(prefix='reseau-test-cli-relations-')
DUE_FIELDS = {'uid', 'name', 'due_date', 'overdue_days', 'reason'}
TIMELINE_FIELDS = {'id', 'date', 'time', 'type', 'direction', 'participants', 'note'}


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def isolated_env(data_home):
    env = dict(os.environ)
    env['HOME'] = os.path.join(ROOT, 'home')
    env['XDG_CONFIG_HOME'] = os.path.join(ROOT, 'config')
    env['XDG_CACHE_HOME'] = os.path.join(ROOT, 'cache')
    env['XDG_DATA_HOME'] = data_home
    env['LC_ALL'] = 'C.UTF-8'
    env.pop('LANGUAGE', None)
    return env


class Result:
    def __init__(self, args, completed):
        self.args = args
        self.rc = completed.returncode
        self.out = completed.stdout.decode('utf-8')
        self.err = completed.stderr.decode('utf-8')

    def describe(self):
        return 'reseau-cli %r → exit %d\nstdout: %r\nstderr: %r' % (
            self.args, self.rc, self.out[:2000], self.err[:2000])


class Home:
    """One data folder: one user's network."""

    def __init__(self, name):
        self.data_home = os.path.join(ROOT, name)
        self.database = os.path.join(self.data_home, 'reseau', 'reseau.db')

    def run(self, *args):
        completed = subprocess.run([CLI] + list(args), env=isolated_env(self.data_home),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        return Result(list(args), completed)

    def ok(self, *args):
        result = self.run(*args)
        expect(result.rc == 0, 'expected success\n' + result.describe())
        return result

    def add(self, name):
        return self.ok('add', '--name=' + name).out.strip()

    def log(self, *args):
        result = self.ok('log', *args)
        expect(result.out.strip().isdigit(), 'log prints the interaction id\n' + result.describe())
        return int(result.out)

    def due(self):
        return json.loads(self.ok('due', '--json').out)

    def timeline(self, *args):
        return json.loads(self.ok('timeline', '--json', *args).out)


def expect_usage_error(result, *words):
    expect(result.rc == 2, 'expected exit 2\n' + result.describe())
    expect(result.err.startswith('reseau-cli: '), 'the message names the program\n' + result.describe())
    expect('reseau-cli --help' in result.err, 'a usage error points to --help\n' + result.describe())
    expect(result.out == '', 'nothing on stdout after a usage error\n' + result.describe())
    for word in words:
        expect(word in result.err, 'the message must mention %r\n%s' % (word, result.describe()))


def today():
    return datetime.date.today()


def days_ago(n):
    return (today() - datetime.timedelta(days=n)).isoformat()


def rows_for(due, uid, reason='cadence'):
    return [row for row in due if row['uid'] == uid and row['reason'] == reason]


state = {}
checks = []


def check(name):
    def register(function):
        checks.append((name, function))
        return function
    return register


def network():
    """Anne met 60 days ago, Élodie 10 days ago, Paul Roux twice over."""
    if 'home' not in state:
        home = Home('network')
        state['home'] = home
        state['anne'] = home.add('Anne Martin')
        state['elodie'] = home.add('Élodie Durand')
        state['paul1'] = home.add('Paul Roux')
        state['paul2'] = home.add('Paul Roux')
        state['anne_met'] = days_ago(60)
        home.log('--with', state['anne'], '--type', 'coffee', '--date', state['anne_met'],
                 '--note', 'Café au Comptoir')
        home.log('--with', 'elodie durand', '--type', 'call', '--date', days_ago(10))
    return state['home']


# ---------------------------------------------------------------- log

@check('log by UID and by name (case and accents ignored) stores the interaction')
def _():
    home = network()
    rows = home.timeline()
    expect(len(rows) == 2, 'two interactions logged: %r' % rows)
    expect(rows[1]['participants'] == 'Anne Martin' and rows[1]['type'] == 'coffee', repr(rows))
    expect(rows[1]['date'] == state['anne_met'] and rows[1]['note'] == 'Café au Comptoir', repr(rows))
    expect(rows[0]['participants'] == 'Élodie Durand' and rows[0]['type'] == 'call', repr(rows))


@check('log accepts a time of day, a direction and several participants')
def _():
    home = Home('log-time')
    a = home.add('Claire Petit')
    home.add('Hugo Blanc')  # found by name below
    home.log('--with', a, '--with', 'HUGO BLANC', '--type', 'video-call',
             '--date', '2026-03-14T09:30', '--direction', 'gave')
    rows = home.timeline()
    expect(len(rows) == 1, repr(rows))
    row = rows[0]
    expect(row['date'] == '2026-03-14' and row['direction'] == 'gave' and row['type'] == 'video-call',
           repr(row))
    expect('Claire Petit' in row['participants'] and 'Hugo Blanc' in row['participants'], repr(row))


@check('log without a date is now')
def _():
    home = Home('log-now')
    uid = home.add('Inès Faure')
    before = today().isoformat()
    home.log('--with', uid, '--type', 'message')
    after = today().isoformat()
    rows = home.timeline()
    expect(rows[0]['date'] in (before, after), repr(rows))


@check('log usage errors exit 2 and say what is wrong')
def _():
    home = network()
    anne = state['anne']
    expect_usage_error(home.run('log', '--type', 'call'), '--with')
    expect_usage_error(home.run('log', '--with', anne), '--type', 'meeting')
    expect_usage_error(home.run('log', '--with', anne, '--type', 'lunch'), 'lunch', 'video-call')
    expect_usage_error(home.run('log', '--with', anne, '--type', 'call', '--direction', 'took'), 'took')
    expect_usage_error(home.run('log', '--with', anne, '--type', 'call', '--date', '22/11/2026'), '22/11/2026')
    expect_usage_error(home.run('log', '--with', anne, '--type', 'call', '--date', '2026-02-30'), '2026-02-30')
    expect_usage_error(home.run('log', '--with', anne, '--type', 'call', 'extra'), 'extra')
    expect_usage_error(home.run('log', '--with', anne, '--type', 'call', '--bogus'))
    expect(len(home.timeline()) == 2, 'nothing logged by a usage error')


@check('log with an unknown name is a usage error listing near names')
def _():
    home = network()
    result = home.run('log', '--with', 'Anne', '--type', 'call')
    expect_usage_error(result, '“Anne”', state['anne'])
    result = home.run('log', '--with', 'Zoé Nobody', '--type', 'call')
    expect_usage_error(result, 'Zoé Nobody')
    expect(len(home.timeline()) == 2, 'nothing logged')


@check('log with an ambiguous name is a usage error listing every candidate')
def _():
    home = network()
    result = home.run('log', '--with', 'paul roux', '--type', 'call')
    expect_usage_error(result, 'several', state['paul1'], state['paul2'])
    expect(len(home.timeline()) == 2, 'nothing logged')
    # The UID picks one of them.
    home.log('--with', state['paul1'], '--type', 'email', '--date', days_ago(1))
    expect(len(home.timeline()) == 3, 'logged by UID')


# ---------------------------------------------------------------- due

@check('due --json: fields, overdue days past the cadence, due order')
def _():
    home = network()
    before = today()
    rows = home.due()
    after = today()
    expect(isinstance(rows, list) and rows, repr(rows))
    for row in rows:
        expect(DUE_FIELDS <= set(row), 'fields missing in %r' % row)
        expect(isinstance(row['overdue_days'], int), repr(row))
        datetime.date.fromisoformat(row['due_date'])
    dates = [row['due_date'] for row in rows]
    expect(dates == sorted(dates), 'due order: %r' % dates)

    anne = rows_for(rows, state['anne'])
    expect(len(anne) == 1, repr(rows))
    anne = anne[0]
    met = datetime.date.fromisoformat(state['anne_met'])
    # The default cadence: 30 days (GSettings' default-cadence).
    expect(anne['due_date'] == (met + datetime.timedelta(days=30)).isoformat(), repr(anne))
    expect(anne['name'] == 'Anne Martin' and anne['reason'] == 'cadence', repr(anne))
    due_day = datetime.date.fromisoformat(anne['due_date'])
    expect(anne['overdue_days'] in ((before - due_day).days, (after - due_day).days), repr(anne))
    expect(anne['overdue_days'] > 0, 'back-dated beyond the cadence: overdue\n%r' % anne)

    elodie = rows_for(rows, state['elodie'])[0]
    expect(elodie['overdue_days'] <= 0, 'met 10 days ago: not overdue\n%r' % elodie)
    expect(rows.index(anne) < rows.index(elodie), 'the overdue one first')


@check('due without --json: one line per row, translated words, earliest first')
def _():
    home = network()
    lines = home.ok('due').out.splitlines()
    expect(lines, 'something is due')
    first = lines[0].split('\t')
    expect(first[1] == 'Anne Martin' and 'overdue' in first[2], repr(lines))


@check('logging an interaction resets the due date')
def _():
    home = network()
    anne = state['anne']
    before = today()
    home.log('--with', 'Anne Martin', '--type', 'meeting')
    rows = rows_for(home.due(), anne)
    after = today()
    expect(len(rows) == 1, repr(rows))
    expected = {(day + datetime.timedelta(days=30)).isoformat() for day in (before, after)}
    expect(rows[0]['due_date'] in expected, 'due again 30 days after today\n%r' % rows)
    expect(rows[0]['overdue_days'] <= 0, repr(rows))


@check('due usage errors')
def _():
    home = network()
    expect_usage_error(home.run('due', 'now'), 'now')
    expect_usage_error(home.run('due', '--all'))


# ---------------------------------------------------------------- timeline

@check('timeline: newest first, JSON fields, --contact filter')
def _():
    home = network()
    rows = home.timeline()
    for row in rows:
        expect(set(row) == TIMELINE_FIELDS, 'fields of %r' % row)
    keys = [(row['time'], row['id']) for row in rows]
    expect(keys == sorted(keys, reverse=True), 'newest first: %r' % keys)

    only = home.timeline('--contact', state['elodie'])
    expect(len(only) == 1 and only[0]['participants'] == 'Élodie Durand', repr(only))
    by_name = home.timeline('--contact', 'élodie DURAND')
    expect(by_name == only, 'by name as by UID')

    lines = home.ok('timeline', '--contact', state['elodie']).out.splitlines()
    expect(len(lines) == 1 and 'Élodie Durand' in lines[0] and 'Call' in lines[0], repr(lines))


@check('timeline usage errors')
def _():
    home = network()
    expect_usage_error(home.run('timeline', '--contact', 'Nobody Here'), 'Nobody Here')
    expect_usage_error(home.run('timeline', 'extra'), 'extra')


@check('timeline of an empty network is empty')
def _():
    home = Home('empty')
    expect(home.timeline() == [], 'no interaction')
    expect(home.ok('timeline').out == '', 'no line')


# ---------------------------------------------------------------- referrals

@check('referral received and not thanked: a "Thank …" row for the referrer in due')
def _():
    home = network()
    result = home.ok('referral', 'add', '--direction', 'received', '--contact', state['elodie'],
                     '--to', state['anne'], '--subject', 'Refonte du site', '--value', '1 500,50')
    expect(result.out.strip().isdigit(), 'prints the referral id\n' + result.describe())
    rows = rows_for(home.due(), state['elodie'], 'thanks')
    expect(len(rows) == 1, repr(home.due()))
    expect(rows[0]['note'].startswith('Thank') and 'Élodie Durand' in rows[0]['note'], repr(rows))
    expect(rows[0]['overdue_days'] >= 0, 'due the day it was recorded: %r' % rows)
    with sqlite3.connect(home.database) as db:
        value, outcome = db.execute('SELECT value_cents, outcome FROM referrals').fetchone()
    expect(value == 150050 and outcome == 0, (value, outcome))


@check('referral given, won, dated: no thanks row')
def _():
    home = Home('referral-given')
    a = home.add('Marc Lenoir')
    b = home.add('Sophie Vidal')
    home.ok('referral', 'add', '--direction', 'given', '--contact', a, '--to', b,
            '--subject', 'Audit', '--date', '2026-01-15', '--outcome', 'won', '--value', '3000')
    expect(not [row for row in home.due() if row['reason'] == 'thanks'], repr(home.due()))
    with sqlite3.connect(home.database) as db:
        row = db.execute('SELECT direction, referred_on, outcome, value_cents FROM referrals').fetchone()
    expect(row == (1, '2026-01-15', 1, 300000), repr(row))


@check('referral usage errors')
def _():
    home = network()
    e = state['elodie']
    base = ['referral', 'add', '--direction', 'received', '--contact', e, '--subject', 'X']
    expect_usage_error(home.run('referral'), 'add')
    expect_usage_error(home.run('referral', 'list'), 'list')
    expect_usage_error(home.run('referral', 'add', '--contact', e, '--subject', 'X'), '--direction')
    expect_usage_error(home.run('referral', 'add', '--direction', 'sideways', '--contact', e,
                                '--subject', 'X'), 'sideways')
    expect_usage_error(home.run('referral', 'add', '--direction', 'given', '--subject', 'X'), '--contact')
    expect_usage_error(home.run('referral', 'add', '--direction', 'given', '--contact', e), '--subject')
    expect_usage_error(home.run(*base, '--outcome', 'maybe'), 'maybe')
    expect_usage_error(home.run(*base, '--value', 'lots'), 'lots')
    expect_usage_error(home.run(*base, '--value', '-5'), '-5')
    expect_usage_error(home.run(*base, '--date', 'yesterday'), 'yesterday')
    expect_usage_error(home.run('referral', 'add', '--direction', 'given', '--contact', 'Nobody Here',
                                '--subject', 'X'), 'Nobody Here')
    expect_usage_error(home.run(*base, '--to', 'paul roux'), state['paul1'])
    with sqlite3.connect(home.database) as db:
        count = db.execute('SELECT count(*) FROM referrals').fetchone()[0]
    expect(count == 1, 'only the referral of the earlier check: %d' % count)


# ---------------------------------------------------------------- events

@check('event add with --met records the people met there')
def _():
    home = network()
    result = home.ok('event', 'add', '--name', 'Petit-déjeuner coworking', '--date', '2026-11-19',
                     '--coworking', '--met', state['anne'], '--met', 'élodie durand')
    event_id = int(result.out)
    with sqlite3.connect(home.database) as db:
        event = db.execute('SELECT name, held_on, format FROM events WHERE id = ?', (event_id,)).fetchone()
        met = db.execute('SELECT c.uid FROM event_attendees a JOIN contacts c ON c.id = a.contact_id'
                         ' WHERE a.event_id = ? AND a.met_there = 1 ORDER BY c.uid',
                         (event_id,)).fetchall()
    expect(event == ('Petit-déjeuner coworking', '2026-11-19', 2), repr(event))
    expect(sorted(uid for (uid,) in met) == sorted([state['anne'], state['elodie']]), repr(met))


@check('event add: online, and in person by default')
def _():
    home = Home('events')
    home.ok('event', 'add', '--name', 'Webinaire', '--date', '2026-05-02', '--online')
    home.ok('event', 'add', '--name', 'Meetup', '--date', '2026-05-03')
    with sqlite3.connect(home.database) as db:
        rows = db.execute('SELECT name, format FROM events ORDER BY held_on').fetchall()
    expect(rows == [('Webinaire', 1), ('Meetup', 0)], repr(rows))


@check('event usage errors write nothing')
def _():
    home = Home('event-errors')
    uid = home.add('Lucie Morel')
    expect_usage_error(home.run('event'), 'add')
    expect_usage_error(home.run('event', 'remove'), 'remove')
    expect_usage_error(home.run('event', 'add', '--date', '2026-05-02'), '--name')
    expect_usage_error(home.run('event', 'add', '--name', 'X'), '--date')
    expect_usage_error(home.run('event', 'add', '--name', 'X', '--date', 'May 2'), 'May 2')
    expect_usage_error(home.run('event', 'add', '--name', 'X', '--date', '2026-05-02', '--online',
                                '--coworking'), '--online')
    expect_usage_error(home.run('event', 'add', '--name', 'X', '--date', '2026-05-02', '--met', uid,
                                '--met', 'Nobody Here'), 'Nobody Here')
    with sqlite3.connect(home.database) as db:
        count = db.execute('SELECT count(*) FROM events').fetchone()[0]
    expect(count == 0, 'no event written: %d' % count)


# ---------------------------------------------------------------- backup and restore

def snapshot(home):
    return (home.ok('list', '--json').out, home.timeline(),
            sorted(json.dumps(row, sort_keys=True) for row in home.due()))


@check('backup, change, restore: everything comes back, the data before is kept')
def _():
    home = network()
    backup = os.path.join(ROOT, 'network-backup.db')
    before = snapshot(home)
    home.ok('backup', backup)
    expect(os.path.getsize(backup) > 0, 'backup written')

    home.ok('delete', state['paul2'])
    home.log('--with', state['anne'], '--type', 'walk')
    expect(snapshot(home) != before, 'the data changed')

    result = home.ok('restore', backup)
    kept = glob.glob(home.database + '.before-restore-*')
    expect(len(kept) == 1, 'a copy of the data before: %r' % kept)
    expect(kept[0] in result.err, 'the message names the copy\n' + result.describe())
    expect(snapshot(home) == before, 'contacts, interactions and follow-ups are back')
    with sqlite3.connect(kept[0]) as db:
        walks = db.execute('SELECT count(*) FROM interactions WHERE kind = 6').fetchone()[0]
    expect(walks == 1, 'the kept copy holds what the restore replaced')


@check('restore of a file that is not a database: refused, nothing changed')
def _():
    home = network()
    junk = os.path.join(ROOT, 'junk.db')
    with open(junk, 'w') as f:
        f.write('this is not an SQLite database\n' * 100)
    before = snapshot(home)
    kept = set(glob.glob(home.database + '.before-restore-*'))
    result = home.run('restore', junk)
    expect(result.rc == 1, 'expected exit 1\n' + result.describe())
    expect('not a Réseau database' in result.err and 'junk.db' in result.err, result.describe())
    expect(snapshot(home) == before, 'nothing changed')
    expect(set(glob.glob(home.database + '.before-restore-*')) == kept, 'no copy taken')


@check('restore of another SQLite database or a newer Réseau: refused')
def _():
    home = network()
    other = os.path.join(ROOT, 'other.db')
    with sqlite3.connect(other) as db:
        db.execute('CREATE TABLE notes (text TEXT)')
    result = home.run('restore', other)
    expect(result.rc == 1 and 'not a Réseau database' in result.err, result.describe())

    backup = os.path.join(ROOT, 'newer.db')
    home.ok('backup', backup)
    db = sqlite3.connect(backup)
    db.execute('PRAGMA user_version = 99')
    db.close()
    before = snapshot(home)
    result = home.run('restore', backup)
    expect(result.rc == 1 and 'newer version' in result.err, result.describe())
    expect(snapshot(home) == before, 'nothing changed')


@check('restore into an empty network, and a backup of a backup')
def _():
    source = network()
    backup = os.path.join(ROOT, 'move.db')
    source.ok('backup', backup)
    target = Home('moved')
    target.ok('restore', backup)
    expect(snapshot(target) == snapshot(source), 'the whole network moved')


@check('backup while another program has the database open: committed changes still in the WAL are in it')
def _():
    home = network()
    backup = os.path.join(ROOT, 'busy.db')
    # What the application does: a change committed to the write-ahead log
    # and not yet checkpointed into reseau.db, and a reader in the middle of
    # a read. A plain copy of reseau.db would miss the change.
    writer = sqlite3.connect(home.database, timeout=10, isolation_level=None)
    reader = sqlite3.connect(home.database, timeout=10, isolation_level=None)
    try:
        writer.execute('PRAGMA wal_autocheckpoint = 0')
        writer.execute("UPDATE contacts SET display_name = 'Anne Martin (WAL)' WHERE uid = ?",
                       (state['anne'],))
        reader.execute('BEGIN')
        reader.execute('SELECT count(*) FROM contacts').fetchone()
        home.ok('backup', backup)
        reader.execute('COMMIT')
        writer.execute("UPDATE contacts SET display_name = 'Anne Martin' WHERE uid = ?",
                       (state['anne'],))
    finally:
        reader.close()
        writer.close()
    with sqlite3.connect(backup) as db:
        names = [name for (name,) in db.execute('SELECT display_name FROM contacts')]
        check = db.execute('PRAGMA integrity_check').fetchone()[0]
    expect(check == 'ok', check)
    expect('Anne Martin (WAL)' in names, repr(names))
    expect(not os.path.exists(backup + '-wal') or os.path.getsize(backup + '-wal') == 0,
           'the backup is one self-contained file')


@check('restore of a backup from an older Réseau brings it up to date')
def _():
    source_dir = os.environ.get('RESEAU_SOURCE_DIR',
                                os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    old = os.path.join(ROOT, 'v4.db')
    with open(os.path.join(source_dir, 'tests', 'data', 'reseau-v4.sql'), encoding='utf-8') as f:
        script = f.read()
    db = sqlite3.connect(old)
    db.executescript(script)
    db.commit()
    expected = db.execute('SELECT count(*) FROM contacts WHERE trashed_at IS NULL').fetchone()[0]
    version = db.execute('PRAGMA user_version').fetchone()[0]
    db.close()
    expect(version == 4 and expected > 0, (version, expected))

    home = Home('from-v4')
    home.add('Someone Before')
    home.ok('restore', old)
    contacts = json.loads(home.ok('list', '--json').out)
    expect(len(contacts) == expected, 'the contacts of the old backup: %d' % len(contacts))
    with sqlite3.connect(home.database) as db:
        version = db.execute('PRAGMA user_version').fetchone()[0]
    expect(version > 4, 'migrated: %d' % version)
    home.ok('due', '--json')


@check('backup and restore usage and file errors')
def _():
    home = network()
    expect_usage_error(home.run('backup'), 'backup')
    expect_usage_error(home.run('backup', 'a.db', 'b.db'), 'b.db')
    expect_usage_error(home.run('restore'), 'restore')
    expect_usage_error(home.run('restore', 'a.db', 'b.db'), 'b.db')
    result = home.run('restore', os.path.join(ROOT, 'no-such-file.db'))
    expect(result.rc == 1 and 'no-such-file.db' in result.err, result.describe())
    result = home.run('backup', home.database)
    expect(result.rc == 1 and 'database itself' in result.err, result.describe())
    result = home.run('backup', os.path.join(ROOT, 'no', 'such', 'folder', 'b.db'))
    expect(result.rc == 1 and result.err.startswith('reseau-cli: '), result.describe())


@check('help lists the new commands')
def _():
    out = Home('help').ok('--help').out
    for command in ('log --with', 'due [--json]', 'timeline', 'referral add', 'event add',
                    'backup FILE', 'restore FILE'):
        expect(command in out, 'help must list %r' % command)


def main():
    if not CLI or not os.access(CLI, os.X_OK):
        print('1..0 # SKIP RESEAU_CLI does not name the reseau-cli binary')
        return 0

    failed = 0
    try:
        for number, (name, function) in enumerate(checks, start=1):
            try:
                function()
            except Exception as error:
                failed += 1
                print('not ok %d - %s' % (number, name))
                text = str(error) if isinstance(error, CheckFailed) else traceback.format_exc()
                for line in text.splitlines():
                    print('# ' + line)
            else:
                print('ok %d - %s' % (number, name))
            sys.stdout.flush()
        print('1..%d' % len(checks))
    finally:
        shutil.rmtree(ROOT, ignore_errors=True)

    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
