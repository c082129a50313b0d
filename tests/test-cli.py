#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# reseau-cli driven as a user or a script would, against a throwaway data
# folder. Prints TAP. Python standard library only.

import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import traceback

CLI = os.environ.get('RESEAU_CLI')
SOURCE_DIR = os.environ.get('RESEAU_SOURCE_DIR',
                            os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

FIELDS = {
    'uid', 'name', 'given_name', 'family_name', 'kind', 'organization',
    'title', 'emails', 'phones', 'urls', 'addresses', 'tags', 'birthday',
    'note', 'how_met', 'introduced_by', 'cadence_days', 'role', 'anniversary',
    'met_on',
}
STRING_OR_NULL = {
    'given_name', 'family_name', 'organization', 'title', 'birthday', 'note',
    'how_met', 'introduced_by', 'role', 'anniversary', 'met_on',
}
ARRAYS_OF_STRINGS = {'emails', 'phones', 'urls', 'tags'}
ADDRESS_FIELDS = {
    'label', 'po_box', 'extended', 'street', 'locality', 'region',
    'postal_code', 'country', 'formatted',
}
UID_RE = re.compile(r'^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')

ROOT = tempfile.mkdtemp(prefix='reseau-test-cli-')


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def isolated_env(data_home=None):
    """Every subprocess gets its own folders: nothing of the real user's
    leaks in, and nothing is written outside ROOT."""
    env = dict(os.environ)
    env['HOME'] = os.path.join(ROOT, 'home')
    env['XDG_CONFIG_HOME'] = os.path.join(ROOT, 'config')
    env['XDG_CACHE_HOME'] = os.path.join(ROOT, 'cache')
    env['XDG_DATA_HOME'] = data_home or os.path.join(ROOT, 'data')
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


def run(*args, data_home=None, stdin=None):
    completed = subprocess.run([CLI] + list(args), env=isolated_env(data_home),
                               input=stdin, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=60)
    return Result(list(args), completed)


def expect_rc(result, rc):
    expect(result.rc == rc, 'expected exit %d\n%s' % (rc, result.describe()))


def expect_usage_error(result):
    expect_rc(result, 2)
    expect('reseau-cli --help' in result.err,
           'a usage error must point to --help\n' + result.describe())
    expect(result.out == '', 'nothing on stdout after a usage error\n' + result.describe())


def expect_missing(result, uid):
    expect_rc(result, 1)
    expect('reseau-cli: no contact with UID “%s”' % uid in result.err,
           'expected the missing-contact message\n' + result.describe())


def add(*args, data_home=None):
    result = run('add', *args, data_home=data_home)
    expect_rc(result, 0)
    uid = result.out.strip()
    expect(UID_RE.match(uid), 'add must print the new UID\n' + result.describe())
    return uid


def show_json(uid, data_home=None):
    result = run('show', uid, '--json', data_home=data_home)
    expect_rc(result, 0)
    return json.loads(result.out)


def list_json(data_home=None):
    result = run('list', '--json', data_home=data_home)
    expect_rc(result, 0)
    return json.loads(result.out)


def list_lines(data_home=None):
    result = run('list', data_home=data_home)
    expect_rc(result, 0)
    return [line.split('\t') for line in result.out.splitlines()]


def count_contacts():
    return len(list_json())


def project_version():
    with open(os.path.join(SOURCE_DIR, 'meson.build'), encoding='utf-8') as f:
        match = re.search(r"version:\s*'([^']+)'", f.read())
    return match.group(1)


# Filled in by earlier checks, read by later ones.
state = {}
checks = []


def check(name):
    def register(function):
        checks.append((name, function))
        return function
    return register


# ---------------------------------------------------------------- basics

@check('--version prints the project version')
def _():
    result = run('--version')
    expect_rc(result, 0)
    expect(result.out == 'reseau-cli %s\n' % project_version(), result.describe())


@check('--help lists every command and option')
def _():
    result = run('--help')
    expect_rc(result, 0)
    for word in ('list', 'show', 'add', 'edit', 'delete', '--json', '--name',
                 '--email', '--phone', '--url', '--org', '--title', '--tag',
                 '--cadence', '--note', '--birthday', '--how-met',
                 '--introduced-by', '--organization', '--version', 'import',
                 'export', '--vcard-version'):
        expect(word in result.out, '%s missing from --help\n%s' % (word, result.describe()))
    state['help'] = result.out


@check('help is the same as --help')
def _():
    result = run('help')
    expect_rc(result, 0)
    expect(result.out == state['help'], result.describe())


@check('a command has its own --help')
def _():
    result = run('add', '--help')
    expect_rc(result, 0)
    expect('--email' in result.out and '--introduced-by' in result.out, result.describe())


@check('no command is a usage error (exit 2)')
def _():
    expect_usage_error(run())


@check('an unknown command is a usage error (exit 2)')
def _():
    result = run('frobnicate')
    expect_usage_error(result)
    expect('frobnicate' in result.err, result.describe())


@check('an unknown option is a usage error (exit 2)')
def _():
    expect_usage_error(run('--frobnicate'))
    expect_usage_error(run('list', '--frobnicate'))
    expect_usage_error(run('add', '--name', 'Zoé', '--frobnicate'))


@check('an empty database lists nothing')
def _():
    result = run('list')
    expect_rc(result, 0)
    expect(result.out == '', result.describe())
    expect(list_json() == [], 'list --json must be []')


# ---------------------------------------------------------------- add and show

@check('add prints a urn:uuid and creates the database under XDG_DATA_HOME')
def _():
    state['elodie'] = add(
        '--name', 'Élodie Lefèvre',
        '--email', 'elodie.lefevre@example.fr', '--email', 'elodie@atelier-eclat.fr',
        '--phone', '+33 6 12 34 56 78', '--phone', '04 78 00 00 00',
        '--url', 'https://www.linkedin.com/in/elodie-lefevre',
        '--org', 'Atelier Éclat', '--title', 'Développeuse web freelance',
        '--tag', 'Client', '--tag', 'Meetup',
        '--cadence', '30',
        '--note', "Rencontrée au coworking.\nCherche une graphiste pour l'automne.",
        '--birthday', '--04-12',
        '--how-met', 'Petit-déjeuner du coworking La Cordée')
    path = os.path.join(ROOT, 'data', 'reseau', 'reseau.db')
    expect(os.path.isfile(path), 'expected the database at %s' % path)


@check('show --json gives every field with the right value and type')
def _():
    contact = show_json(state['elodie'])
    expected = {
        'uid': state['elodie'],
        'name': 'Élodie Lefèvre',
        'given_name': 'Élodie',
        'family_name': 'Lefèvre',
        'kind': 'individual',
        'organization': 'Atelier Éclat',
        'title': 'Développeuse web freelance',
        'emails': ['elodie.lefevre@example.fr', 'elodie@atelier-eclat.fr'],
        'phones': ['+33 6 12 34 56 78', '04 78 00 00 00'],
        'urls': ['https://www.linkedin.com/in/elodie-lefevre'],
        'addresses': [],
        'tags': ['Client', 'Meetup'],
        'birthday': '--04-12',
        'note': "Rencontrée au coworking.\nCherche une graphiste pour l'automne.",
        'how_met': 'Petit-déjeuner du coworking La Cordée',
        'introduced_by': None,
        'cadence_days': 30,
    }
    expect(set(contact) == FIELDS, 'fields: %r' % sorted(contact))
    for key, value in expected.items():
        expect(contact[key] == value, '%s: expected %r, got %r' % (key, value, contact[key]))
    expect(type(contact['cadence_days']) is int, 'cadence_days must be an integer')


@check('show prints every field as readable text')
def _():
    result = run('show', state['elodie'])
    expect_rc(result, 0)
    for text in (state['elodie'], 'Élodie Lefèvre', 'Atelier Éclat',
                 'Développeuse web freelance', 'elodie.lefevre@example.fr',
                 'elodie@atelier-eclat.fr', '+33 6 12 34 56 78',
                 'https://www.linkedin.com/in/elodie-lefevre', 'Client', 'Meetup',
                 'Rencontrée au coworking.', "Cherche une graphiste pour l'automne.",
                 'Petit-déjeuner du coworking La Cordée', '30', 'April'):
        expect(text in result.out, '%r missing\n%s' % (text, result.describe()))
    expect(result.out.splitlines()[0] == 'Élodie Lefèvre', 'the name comes first\n' + result.describe())


@check('list prints UID, name, organization and first email, tab-separated')
def _():
    lines = list_lines()
    expect(lines == [[state['elodie'], 'Élodie Lefèvre', 'Atelier Éclat',
                      'elodie.lefevre@example.fr']], 'got %r' % lines)


@check('a birthday with its year, and a cadence of 0 is null')
def _():
    uid = add('--name', 'François Dupré', '--birthday', '1985-07-14', '--cadence', '0')
    contact = show_json(uid)
    expect(contact['birthday'] == '1985-07-14', 'birthday: %r' % contact['birthday'])
    expect(contact['cadence_days'] is None, 'cadence_days: %r' % contact['cadence_days'])
    expect(contact['given_name'] == 'François' and contact['family_name'] == 'Dupré',
           'names: %r %r' % (contact['given_name'], contact['family_name']))
    expect(contact['emails'] == [] and contact['tags'] == [] and contact['urls'] == [],
           'empty arrays must be present: %r' % contact)
    for key in STRING_OR_NULL - {'birthday', 'given_name', 'family_name'}:
        expect(contact[key] is None, '%s: expected null, got %r' % (key, contact[key]))
    state['francois'] = uid


@check('only the last word of --name is the family name')
def _():
    uid = add('--name', 'Jean-Baptiste Le Guénnec')
    contact = show_json(uid)
    expect(contact['given_name'] == 'Jean-Baptiste Le', 'given: %r' % contact['given_name'])
    expect(contact['family_name'] == 'Guénnec', 'family: %r' % contact['family_name'])
    expect(contact['name'] == 'Jean-Baptiste Le Guénnec', 'name: %r' % contact['name'])
    expect_rc(run('delete', uid), 0)


@check('an organization-only contact is shown by its organization')
def _():
    uid = add('--org', 'SCOP Hirondelle')
    contact = show_json(uid)
    expect(contact['name'] == 'SCOP Hirondelle', 'name: %r' % contact['name'])
    expect(contact['given_name'] is None and contact['family_name'] is None, repr(contact))
    line = [l for l in list_lines() if l[0] == uid]
    expect(line == [[uid, 'SCOP Hirondelle', 'SCOP Hirondelle', '']], 'list: %r' % line)
    state['scop'] = uid


@check('--organization makes an organization')
def _():
    uid = add('--name', "Coworking L'Écume", '--organization', '--email', 'bonjour@ecume.coop')
    contact = show_json(uid)
    expect(contact['kind'] == 'organization', 'kind: %r' % contact['kind'])
    expect(contact['name'] == "Coworking L'Écume", 'name: %r' % contact['name'])
    expect(contact['given_name'] is None and contact['family_name'] is None, repr(contact))
    result = run('show', uid)
    expect('Organization' in result.out, result.describe())


@check('an email-only contact is shown by its email')
def _():
    uid = add('--email', 'zoe.bechard@example.org')
    contact = show_json(uid)
    expect(contact['name'] == 'zoe.bechard@example.org', 'name: %r' % contact['name'])
    line = [l for l in list_lines() if l[0] == uid]
    expect(line == [[uid, 'zoe.bechard@example.org', '', 'zoe.bechard@example.org']],
           'list: %r' % line)
    state['zoe'] = uid


@check('add with nothing to show the contact by is refused (exit 2)')
def _():
    before = count_contacts()
    for args in ([], ['--note', 'Sans nom'], ['--name', ''], ['--name', '   '],
                 ['--tag', 'Client', '--cadence', '30']):
        result = run('add', *args)
        expect_usage_error(result)
        expect('nothing to save' in result.err, result.describe())
    expect(count_contacts() == before, 'nothing may be saved')


@check('bad --cadence values are refused (exit 2)')
def _():
    before = count_contacts()
    for value in ('-3', 'abc', '1.5', '30 days', '99999999999'):
        result = run('add', '--name', 'Noël Ménard', '--cadence', value)
        expect_usage_error(result)
        expect('--cadence' in result.err, result.describe())
    expect(count_contacts() == before, 'nothing may be saved')


@check('bad --birthday values are refused (exit 2)')
def _():
    before = count_contacts()
    for value in ('1985-13-40', '--02-30', 'tomorrow', '12/04/1985'):
        expect_usage_error(run('add', '--name', 'Noël Ménard', '--birthday', value))
    expect(count_contacts() == before, 'nothing may be saved')


@check('add takes no positional argument (exit 2)')
def _():
    expect_usage_error(run('add', 'Noël', '--name', 'Noël Ménard'))


@check('a tab in a field does not break the list columns')
def _():
    uid = add('--name', 'Anaïs\tSaint-Pierre', '--org', 'Agence\tMistral')
    line = [l for l in list_lines() if l[0] == uid]
    expect(len(line) == 1 and len(line[0]) == 4, 'list: %r' % line)
    expect_rc(run('delete', uid), 0)


@check('list is sorted by name, ignoring accents and case')
def _():
    names = [line[1] for line in list_lines()]
    expected = sorted(names, key=lambda n: n.casefold()
                      .replace('é', 'e').replace('è', 'e').replace('ç', 'c').replace('ë', 'e')
                      .replace("'", ''))
    expect(names == expected, 'order: %r' % names)
    expect(names.index('Élodie Lefèvre') < names.index('François Dupré'), repr(names))


@check('list --json gives every contact with every field')
def _():
    contacts = list_json()
    uids = {c['uid'] for c in contacts}
    expect({state['elodie'], state['francois'], state['scop'], state['zoe']} <= uids, repr(uids))
    for contact in contacts:
        expect(set(contact) == FIELDS, 'fields: %r' % sorted(contact))
        for key in ARRAYS_OF_STRINGS:
            expect(isinstance(contact[key], list) and all(isinstance(v, str) for v in contact[key]),
                   '%s: %r' % (key, contact[key]))
        for key in STRING_OR_NULL:
            expect(contact[key] is None or (isinstance(contact[key], str) and contact[key] != ''),
                   '%s: %r' % (key, contact[key]))
        expect(isinstance(contact['addresses'], list), repr(contact['addresses']))
        for address in contact['addresses']:
            expect(set(address) == ADDRESS_FIELDS, repr(address))
        expect(contact['kind'] in ('individual', 'organization'), contact['kind'])
        expect(contact['cadence_days'] is None or
               (type(contact['cadence_days']) is int and contact['cadence_days'] > 0),
               repr(contact['cadence_days']))


# ---------------------------------------------------------------- edit

@check('edit replaces every email with the ones given')
def _():
    result = run('edit', state['elodie'], '--email', 'a@example.fr', '--email', 'b@example.fr')
    expect_rc(result, 0)
    contact = show_json(state['elodie'])
    expect(contact['emails'] == ['a@example.fr', 'b@example.fr'], 'emails: %r' % contact['emails'])
    expect(contact['phones'] == ['+33 6 12 34 56 78', '04 78 00 00 00'],
           'other fields must stay: %r' % contact['phones'])
    expect(contact['name'] == 'Élodie Lefèvre' and contact['cadence_days'] == 30, repr(contact))


@check('edit with an empty value clears that field')
def _():
    result = run('edit', state['elodie'], '--title', '', '--tag', '', '--cadence', '',
                 '--birthday', '', '--url', '', '--how-met', '', '--note', '')
    expect_rc(result, 0)
    contact = show_json(state['elodie'])
    expect(contact['title'] is None, 'title: %r' % contact['title'])
    expect(contact['tags'] == [], 'tags: %r' % contact['tags'])
    expect(contact['cadence_days'] is None, 'cadence: %r' % contact['cadence_days'])
    expect(contact['birthday'] is None, 'birthday: %r' % contact['birthday'])
    expect(contact['urls'] == [], 'urls: %r' % contact['urls'])
    expect(contact['how_met'] is None, 'how_met: %r' % contact['how_met'])
    expect(contact['note'] is None, 'note: %r' % contact['note'])
    expect(contact['organization'] == 'Atelier Éclat', 'organization must stay')


@check('edit --name renames and splits the name again')
def _():
    expect_rc(run('edit', state['elodie'], '--name', 'Élodie Bézier', '--tag', 'Partenaire',
                  '--birthday', '1990-02-28', '--cadence', '90'), 0)
    contact = show_json(state['elodie'])
    expect((contact['name'], contact['given_name'], contact['family_name']) ==
           ('Élodie Bézier', 'Élodie', 'Bézier'), repr(contact))
    expect(contact['tags'] == ['Partenaire'] and contact['birthday'] == '1990-02-28'
           and contact['cadence_days'] == 90, repr(contact))


@check('edit refuses to leave nothing to show the contact by (exit 2)')
def _():
    result = run('edit', state['zoe'], '--email', '')
    expect_usage_error(result)
    expect(show_json(state['zoe'])['emails'] == ['zoe.bechard@example.org'], 'must be unchanged')


@check('edit without any option is a usage error (exit 2)')
def _():
    expect_usage_error(run('edit', state['elodie']))


@check('edit, show and delete without a UID are usage errors (exit 2)')
def _():
    expect_usage_error(run('edit', '--name', 'Zoé'))
    expect_usage_error(run('show'))
    expect_usage_error(run('delete'))
    expect_usage_error(run('show', state['elodie'], 'extra'))


@check('a missing contact gives exit 1 for show, edit and delete')
def _():
    missing = 'urn:uuid:00000000-0000-4000-8000-000000000000'
    expect_missing(run('show', missing), missing)
    expect_missing(run('show', missing, '--json'), missing)
    expect_missing(run('edit', missing, '--name', 'Côme Ouédraogo'), missing)
    expect_missing(run('delete', missing), missing)


# ---------------------------------------------------------------- introductions

@check('introduced_by round trip')
def _():
    uid = add('--name', 'Amadou N\'Diaye', '--introduced-by', state['elodie'],
              '--how-met', 'Recommandé par Élodie')
    contact = show_json(uid)
    expect(contact['introduced_by'] == state['elodie'], 'introduced_by: %r' % contact['introduced_by'])
    expect(contact['family_name'] == "N'Diaye", repr(contact['family_name']))
    result = run('show', uid)
    expect('Élodie Bézier' in result.out, 'show names the introducer\n' + result.describe())
    expect_rc(run('edit', uid, '--introduced-by', state['francois']), 0)
    expect(show_json(uid)['introduced_by'] == state['francois'], 'edit must replace it')
    expect_rc(run('edit', uid, '--introduced-by', ''), 0)
    expect(show_json(uid)['introduced_by'] is None, 'an empty value must clear it')
    state['amadou'] = uid


@check('an introducer that does not exist is refused (exit 1), oneself too (exit 2)')
def _():
    before = count_contacts()
    missing = 'urn:uuid:11111111-1111-4111-8111-111111111111'
    expect_missing(run('add', '--name', 'Côme Ménard', '--introduced-by', missing), missing)
    expect(count_contacts() == before, 'nothing may be saved')
    expect_usage_error(run('edit', state['amadou'], '--introduced-by', state['amadou']))


# ---------------------------------------------------------------- big note

@check('a 1 MB note is stored and shown whole')
def _():
    sentence = 'Maëlle cherche une mission longue à Québec ; rappeler après le salon. '
    note = (sentence * (1024 * 1024 // len(sentence) + 1)).strip()
    path = os.path.join(ROOT, 'note.txt')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(note)
    uid = add('--name', 'Maëlle Saint-Pierre', '--note-file', path)
    expect(show_json(uid)['note'] == note, 'the JSON note differs')
    result = run('show', uid)
    expect_rc(result, 0)
    expect(note[:5000] in result.out and note[-5000:] in result.out,
           'show must print the whole note')


@check('--note-file - reads standard input; a missing file gives exit 1')
def _():
    result = run('add', '--name', 'Hélène Béchard', '--note-file', '-',
                 stdin='Vue au Salon des indépendants.\n'.encode('utf-8'))
    expect_rc(result, 0)
    expect(show_json(result.out.strip())['note'] == 'Vue au Salon des indépendants.', 'note from stdin')
    result = run('add', '--name', 'Hélène Béchard', '--note-file', os.path.join(ROOT, 'absent.txt'))
    expect_rc(result, 1)
    expect('absent.txt' in result.err, result.describe())


# ---------------------------------------------------------------- delete

@check('delete removes a contact for good')
def _():
    result = run('delete', state['zoe'])
    expect_rc(result, 0)
    expect_missing(run('show', state['zoe']), state['zoe'])
    expect(state['zoe'] not in [line[0] for line in list_lines()], 'still listed')
    expect_missing(run('delete', state['zoe']), state['zoe'])


# ---------------------------------------------------------------- broken data folders

@check('a data folder that cannot be created gives exit 1 with a clear message')
def _():
    blocker = os.path.join(ROOT, 'a-regular-file')
    with open(blocker, 'w') as f:
        f.write('not a folder\n')
    data_home = os.path.join(blocker, 'data')
    for args in (['list'], ['add', '--name', 'Côme Ouédraogo'], ['show', state['elodie']]):
        result = run(*args, data_home=data_home)
        expect_rc(result, 1)
        expect(result.err.startswith('reseau-cli: '), result.describe())
        expect('XDG_DATA_HOME' in result.err, 'the message says what to do\n' + result.describe())
        expect(result.out == '', result.describe())


@check('a read-only data folder gives exit 1 with a clear message')
def _():
    # Root writes anywhere: as root, run the CLI as "nobody" instead, in a
    # folder nobody may read but not write.
    as_root = os.geteuid() == 0
    base = tempfile.mkdtemp(prefix='reseau-cli-ro-')
    os.chmod(base, 0o755)
    data_home = os.path.join(base, 'read-only')
    os.mkdir(data_home)
    if as_root:
        os.chown(data_home, 65534, 65534)
    os.chmod(data_home, stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP |
             stat.S_IROTH | stat.S_IXOTH)
    try:
        command = [CLI, 'add', '--name', 'Côme Ouédraogo']
        if as_root:
            command = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] + command
        env = isolated_env(data_home)
        env['HOME'] = data_home
        completed = subprocess.run(command, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, timeout=60)
        err = completed.stderr.decode('utf-8', 'replace')
        expect(completed.returncode == 1, 'exit %d: %s' % (completed.returncode, err))
        expect(err.startswith('reseau-cli: ') and 'XDG_DATA_HOME' in err, err)
        expect(not os.path.exists(os.path.join(data_home, 'reseau')), 'a folder was created')
    finally:
        os.chmod(data_home, stat.S_IRWXU)
        shutil.rmtree(base, ignore_errors=True)


@check('a database from a newer Réseau is refused (exit 1) and left byte-identical')
def _():
    data_home = os.path.join(ROOT, 'newer')
    add('--name', 'Bénédicte Lefèvre', data_home=data_home)
    path = os.path.join(data_home, 'reseau', 'reseau.db')
    connection = sqlite3.connect(path)
    connection.execute('PRAGMA user_version = 999')
    connection.commit()
    connection.close()
    with open(path, 'rb') as f:
        before = f.read()
    for args in (['list'], ['add', '--name', 'Loïc Dupré'], ['show', 'urn:uuid:x']):
        result = run(*args, data_home=data_home)
        expect_rc(result, 1)
        expect(result.err.startswith('reseau-cli: ') and 'newer' in result.err,
               result.describe())
    with open(path, 'rb') as f:
        expect(f.read() == before, 'the database file was changed')
    connection = sqlite3.connect(path)
    version = connection.execute('PRAGMA user_version').fetchone()[0]
    connection.close()
    expect(version == 999, 'user_version: %r' % version)


# ---------------------------------------------------------------- import and export

IMPORT_LINE_RE = re.compile(r'^imported (\d+), updated (\d+), skipped (\d+)(, unchanged (\d+))?$')


def import_counts(result):
    first = result.out.splitlines()[0] if result.out else ''
    match = IMPORT_LINE_RE.match(first)
    expect(match, 'the first line must be "imported N, updated M, skipped K"\n' + result.describe())
    return tuple(int(match.group(i)) for i in (1, 2, 3))


def write_text(name, text, encoding='utf-8'):
    path = os.path.join(ROOT, 'files', name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding=encoding, newline='') as f:
        f.write(text)
    return path


def fixture(kind, name):
    return os.path.join(SOURCE_DIR, 'tests', 'data', kind, name)


PHONE_BOOK = (
    'BEGIN:VCARD\r\nVERSION:3.0\r\nUID:cli-1\r\nFN:Odile Marchand\r\nN:Marchand;Odile;;;\r\n'
    'EMAIL:odile@marchand.example\r\nEND:VCARD\r\n'
    'BEGIN:VCARD\r\nVERSION:3.0\r\nUID:cli-2\r\nFN:Pierre Roussel\r\nN:Roussel;Pierre;;;\r\n'
    'TEL;TYPE=cell:+33 6 55 44 33 22\r\nEND:VCARD\r\n'
    'BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:personne\r\nEND:VCARD\r\n'
)


@check('import prints the counts, imports the contacts, and is idempotent')
def _():
    data_home = os.path.join(ROOT, 'import-basic')
    path = write_text('carnet.vcf', PHONE_BOOK)
    result = run('import', path, data_home=data_home)
    expect_rc(result, 0)
    expect(import_counts(result) == (2, 0, 1), result.describe())
    # The card with nobody in it is named by file and line.
    expect(any(line.startswith('carnet.vcf:15: ') for line in result.out.splitlines()[1:]),
           'the skipped card must be reported as carnet.vcf:15\n' + result.describe())
    names = sorted(contact['name'] for contact in list_json(data_home=data_home))
    expect(names == ['Odile Marchand', 'Pierre Roussel'], repr(names))

    again = run('import', path, data_home=data_home)
    expect_rc(again, 0)
    expect(import_counts(again) == (0, 0, 1), again.describe())
    expect(len(list_json(data_home=data_home)) == 2, 'no duplicate after a second import')


@check('import --verbose says what matched what')
def _():
    data_home = os.path.join(ROOT, 'import-verbose')
    first = write_text('avant.vcf', PHONE_BOOK)
    expect_rc(run('import', first, data_home=data_home), 0)
    later = write_text('apres.csv',
                       'First Name,Last Name,Email Address,Company,Position,Connected On,URL\r\n'
                       'Pierre,Roussel,pierre@roussel.example,,,12 Mar 2024,https://www.linkedin.com/in/pierre\r\n')
    # A LinkedIn export has a preamble in real life; the header alone is enough here.
    result = run('import', '--verbose', later, data_home=data_home)
    expect_rc(result, 0)
    counts = import_counts(result)
    expect(counts[0] == 0 and counts[1] == 1, result.describe())
    expect(any('Matched “Pierre Roussel” by name and organization' in line
               for line in result.out.splitlines()), result.describe())


@check('import of every fixture, then again: no new contact the second time')
def _():
    data_home = os.path.join(ROOT, 'import-fixtures')
    paths = [fixture('vcard', name) for name in sorted(os.listdir(os.path.join(SOURCE_DIR, 'tests', 'data', 'vcard')))]
    paths += [fixture('csv', name) for name in ('linkedin-connections.csv', 'google.csv', 'outlook.csv')]
    result = run('import', *paths, data_home=data_home)
    expect_rc(result, 0)
    n = len(list_json(data_home=data_home))
    expect(n > 10, result.describe())
    again = run('import', *paths, data_home=data_home)
    expect_rc(again, 0)
    expect(import_counts(again)[0] == 0, again.describe())
    expect(len(list_json(data_home=data_home)) == n, 'the second import made new contacts')


@check('a broken card is reported with file:line and the rest is imported')
def _():
    data_home = os.path.join(ROOT, 'import-broken')
    path = write_text('abime.vcf',
                      'BEGIN:VCARD\nVERSION:3.0\nFN:Quentin Morel\nEND:VCARD\n'
                      'BEGIN:VCARD\nVERSION:3.0\nune ligne sans deux-points\nFN:Rose Colin\nEND:VCARD\n'
                      'BEGIN:VCARD\nVERSION:3.0\nFN:Samuel Brun\nEND:VCARD\n')
    result = run('import', path, data_home=data_home)
    expect_rc(result, 0)
    expect(import_counts(result)[0] == 3, result.describe())
    expect(any(line.startswith('abime.vcf:7: ') for line in result.out.splitlines()), result.describe())


@check('import of a file that cannot be read exits 1 with the reason')
def _():
    data_home = os.path.join(ROOT, 'import-unreadable')
    missing = os.path.join(ROOT, 'files', 'absent.vcf')
    result = run('import', missing, data_home=data_home)
    expect_rc(result, 1)
    expect(result.err.startswith('reseau-cli: ') and 'absent.vcf' in result.err and
           'No such file' in result.err, result.describe())
    expect(result.out == '', result.describe())

    not_contacts = write_text('courses.txt', 'pain\nlait\n')
    result = run('import', not_contacts, data_home=data_home)
    expect_rc(result, 1)
    expect('courses.txt' in result.err and 'vCard' in result.err, result.describe())

    # Nothing readable at all: each file's reason on stderr.
    result = run('import', missing, not_contacts, data_home=data_home)
    expect_rc(result, 1)
    expect('absent.vcf' in result.err and 'courses.txt' in result.err, result.describe())

    # Among several files, the readable ones are imported and the exit is still 1.
    good = write_text('bon.vcf', PHONE_BOOK)
    result = run('import', missing, good, data_home=data_home)
    expect_rc(result, 1)
    expect(import_counts(result)[0] == 2, result.describe())
    expect('absent.vcf' in result.out and 'reseau-cli: ' in result.err, result.describe())


@check('import without a file, or with an unknown option, is a usage error (exit 2)')
def _():
    expect_usage_error(run('import'))
    expect_usage_error(run('import', '--frobnicate', 'x.vcf'))
    expect_usage_error(run('export'))
    expect_usage_error(run('export', 'a.vcf', 'b.vcf'))
    expect_usage_error(run('export', '--vcard-version', '2.1', 'a.vcf'))


@check('export writes a 4.0 file that imports back with no new contact, app fields restored')
def _():
    data_home = os.path.join(ROOT, 'export')
    introducer = add('--name', 'Théo Vasseur', '--email', 'theo@vasseur.example', data_home=data_home)
    friend = add('--name', 'Ursule Lemaire', '--how-met', 'Atelier du jeudi',
                 '--introduced-by', introducer, '--cadence', '45', data_home=data_home)
    expect_rc(run('import', fixture('vcard', 'ios.vcf'), data_home=data_home), 0)
    n = len(list_json(data_home=data_home))

    path = os.path.join(ROOT, 'files', 'export.vcf')
    result = run('export', path, data_home=data_home)
    expect_rc(result, 0)
    with open(path, 'rb') as f:
        text = f.read().decode('utf-8')
    expect(text.startswith('BEGIN:VCARD\r\nVERSION:4.0\r\n'), text[:200])
    expect(text.count('BEGIN:VCARD') == n, 'one card per contact')
    expect('X-RESEAU-HOW-MET:Atelier du jeudi' in text, 'how we met must travel')

    again = run('import', path, data_home=data_home)
    expect_rc(again, 0)
    expect(import_counts(again)[:2] == (0, 0), again.describe())
    expect(len(list_json(data_home=data_home)) == n, 'no duplicate')

    elsewhere = os.path.join(ROOT, 'export-elsewhere')
    result = run('import', path, data_home=elsewhere)
    expect_rc(result, 0)
    expect(import_counts(result)[0] == n, result.describe())
    back = show_json(friend, data_home=elsewhere)
    expect(back['how_met'] == 'Atelier du jeudi' and back['cadence_days'] == 45 and
           back['introduced_by'] == introducer, repr(back))


@check('export --vcard-version 3.0 and --uid')
def _():
    data_home = os.path.join(ROOT, 'export')
    uid = list_json(data_home=data_home)[0]['uid']
    path = os.path.join(ROOT, 'files', 'export-3.vcf')
    result = run('export', '--vcard-version', '3.0', '--uid', uid, path, data_home=data_home)
    expect_rc(result, 0)
    with open(path, 'rb') as f:
        text = f.read().decode('utf-8')
    expect(text.count('BEGIN:VCARD') == 1 and 'VERSION:3.0\r\n' in text and
           'VERSION:4.0' not in text and ('UID:%s\r\n' % uid) in text, text[:400])

    expect_missing(run('export', '--uid', 'urn:uuid:nobody', path, data_home=data_home),
                   'urn:uuid:nobody')


@check('export to a folder that does not exist exits 1 and says so')
def _():
    data_home = os.path.join(ROOT, 'export')
    path = os.path.join(ROOT, 'no', 'such', 'folder', 'out.vcf')
    result = run('export', path, data_home=data_home)
    expect_rc(result, 1)
    expect(result.err.startswith('reseau-cli: ') and 'out.vcf' in result.err, result.describe())
    expect(not os.path.exists(path), 'nothing written')


def main():
    if not CLI or not os.access(CLI, os.X_OK):
        print('1..0 # SKIP RESEAU_CLI does not name the reseau-cli binary')
        return 0

    failed = 0
    try:
        for number, (name, function) in enumerate(checks, start=1):
            try:
                outcome = function()
            except Exception as error:
                failed += 1
                print('not ok %d - %s' % (number, name))
                text = str(error) if isinstance(error, CheckFailed) else traceback.format_exc()
                for line in text.splitlines():
                    print('# ' + line)
            else:
                if isinstance(outcome, str) and outcome.startswith('SKIP'):
                    print('ok %d - %s # %s' % (number, name, outcome))
                else:
                    print('ok %d - %s' % (number, name))
            sys.stdout.flush()
        print('1..%d' % len(checks))
    finally:
        shutil.rmtree(ROOT, ignore_errors=True)

    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
