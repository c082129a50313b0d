#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A damaged database: the window says so and offers the last backup.

The database is made with reseau-cli ($RESEAU_CLI), copied as the backup a
migration would have left (reseau.db.bak…), then overwritten with garbage.
Restoring must bring the contact back and keep the damaged file aside as
reseau.db.corrupt-<time>, never delete it.
"""

import glob
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from reseau_atspi import App, click, find, main_guard, named, run_steps, wait_for  # noqa: E402

NAME = 'Bérénice Lafarge'
GARBAGE = b'this is not an SQLite database, only what is left of one\n' * 64


def scenario(tap):
    data_home = tempfile.mkdtemp(prefix='reseau-ui-data-')
    folder = os.path.join(data_home, 'reseau')
    database = os.path.join(folder, 'reseau.db')
    state = {}

    def prepare():
        cli = os.environ.get('RESEAU_CLI')
        if not cli:
            raise AssertionError('RESEAU_CLI is not set')
        env = dict(os.environ, XDG_DATA_HOME=data_home)
        subprocess.run([cli, 'add', '--name=' + NAME, '--email=berenice@exemple.fr'],
                       env=env, check=True, stdout=subprocess.DEVNULL, timeout=30)
        # A copy made while nothing writes: what a migration's backup is.
        for suffix in ('-wal', '-shm'):
            if os.path.exists(database + suffix):
                raise AssertionError('reseau-cli left %s behind' % (database + suffix))
        shutil.copyfile(database, database + '.bak-test')
        with open(database, 'wb') as damaged:
            damaged.write(GARBAGE)

    app_holder = {}

    def start():
        app = App(extra_env={'XDG_DATA_HOME': data_home})
        app_holder['app'] = app
        app.find_on_desktop()
        state['window'] = app.window('Réseau')

    def error_shown():
        wait_for('the damaged-database page', lambda: find(state['window'], named('Your contacts are damaged', 'label')))

    def restore():
        button = wait_for('“Restore the backup”',
                          lambda: find(state['window'], named('Restore the backup', 'push button')))
        click(button)
        wait_for('the contact from the backup', lambda: find(state['window'], named(NAME, 'label')))

    def damaged_file_kept():
        kept = glob.glob(database + '.corrupt-*')
        kept = [path for path in kept if not path.endswith(('-wal', '-shm', '-journal'))]
        if len(kept) != 1:
            raise AssertionError('expected one reseau.db.corrupt-* file, found %r' % kept)
        with open(kept[0], 'rb') as aside:
            if aside.read() != GARBAGE:
                raise AssertionError('the file kept aside is not the damaged database')

    try:
        run_steps(tap, [
            ('a database with one contact, a backup, then damage', prepare),
            ('the application starts and shows its window', start),
            ('the window says the contacts are damaged', error_shown),
            ('“Restore the backup” brings the contacts back', restore),
            ('the damaged file is kept aside, not deleted', damaged_file_kept),
        ])
    finally:
        if 'app' in app_holder:
            app_holder['app'].stop()
        shutil.rmtree(data_home, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main_guard(scenario))
