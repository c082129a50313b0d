#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: the contact list sorted by relationship strength.

Three contacts made with reseau-cli ($RESEAU_CLI): Anne without any
interaction, Bruno with a coffee today, Chloé with a meeting every day of
the last week. The list starts by name (Anne, Bruno, Chloé, under their
initials); “Sort by Strength” in the main menu orders it strongest first
(Chloé, Bruno, Anne) under “Strong”, “Fading” and “No recent interactions”;
the choice is still there after a restart (GSettings' keyfile backend in a
folder both runs share); a meeting logged with Anne from her sheet moves
her up at once; “Sort by Name” brings the initials back.

Needs a display, a session bus and the accessibility bus (TESTING.md);
without them it reports a skip.
"""

import datetime
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from reseau_atspi import (App, check_no_warnings, click, extents, find,  # noqa: E402
                          find_all, is_showing, main_guard, name_of, named,
                          open_by_search, role_name, run_steps, text_of, wait_for)

ANNE = 'Anne Vidal'
BRUNO = 'Bruno Keller'
CHLOE = 'Chloé Marchand'
BY_NAME = [ANNE, BRUNO, CHLOE]
BY_STRENGTH = [CHLOE, BRUNO, ANNE]
# Anne's first meeting weighs as much as Bruno's coffee: equals, by name.
AFTER_LOGGING = [CHLOE, ANNE, BRUNO]


def scenario(tap):
    scratch = tempfile.mkdtemp(prefix='reseau-ui-sort-')
    data_home = os.path.join(scratch, 'data')
    config_home = os.path.join(scratch, 'config')
    # The memory backend the other scenarios use forgets the choice at exit.
    shared_env = {'XDG_DATA_HOME': data_home, 'XDG_CONFIG_HOME': config_home,
                  'GSETTINGS_BACKEND': 'keyfile'}
    state = {}
    apps = []

    def prepare():
        cli = os.environ.get('RESEAU_CLI')
        if not cli:
            raise AssertionError('RESEAU_CLI is not set')
        os.makedirs(data_home)
        os.makedirs(config_home)
        env = dict(os.environ, XDG_DATA_HOME=data_home)
        today = datetime.date.today()

        def add(name):
            return subprocess.run([cli, 'add', '--name=' + name], env=env, check=True,
                                  stdout=subprocess.PIPE, timeout=30).stdout.decode().strip()

        def log(uid, kind, day):
            subprocess.run([cli, 'log', '--with', uid, '--type', kind, '--date', day.isoformat()],
                           env=env, check=True, stdout=subprocess.DEVNULL, timeout=30)

        add(ANNE)
        log(add(BRUNO), 'coffee', today)
        chloe = add(CHLOE)
        for days in range(7):
            log(chloe, 'meeting', today - datetime.timedelta(days=days))

    def main_window():
        return state['window']

    def start():
        app = App(extra_env=shared_env)
        apps.append(app)
        state['app'] = app
        app.find_on_desktop()
        state['window'] = app.window('Réseau')

    def contact_list():
        return wait_for('the contact list', lambda: find(main_window(), named('Contacts', 'list')))

    def order_is(names):
        """Waits until the rows named names show, top to bottom, in that order."""
        def rows_in_order():
            listing = contact_list()
            rows = {}
            for node in find_all(listing, lambda n: role_name(n) != 'label' and name_of(n) in names
                                 and is_showing(n)):
                box = extents(node)
                rows[name_of(node)] = box.y
            if len(rows) != len(names):
                return None
            return sorted(rows, key=rows.get) == names
        wait_for('the rows in the order %s' % ', '.join(names), rows_in_order)

    def headings_shown(headings):
        def shown():
            listing = contact_list()
            texts = {text_of(n) for n in find_all(listing, lambda n: role_name(n) == 'label'
                                                  and is_showing(n))}
            return all(heading in texts for heading in headings)
        wait_for('the headings %s' % ', '.join(headings), shown)

    def choose(label):
        buttons = wait_for('the main menu button', lambda: find_all(main_window(), named('Main menu')))
        click([node for node in buttons if node.get_n_actions() > 0][-1])
        item = wait_for('“%s” in the menu' % label,
                        lambda: find(state['app'].accessible,
                                     lambda n: name_of(n) == label and 'menu item' in role_name(n)
                                     and is_showing(n)))
        click(item)

    def by_name_first():
        order_is(BY_NAME)
        headings_shown(['A', 'B', 'C'])

    def sort_by_strength():
        choose('Sort by Strength')
        order_is(BY_STRENGTH)
        headings_shown(['Strong', 'Fading', 'No recent interactions'])

    def restart():
        status = state['app'].quit()
        if status != 0:
            raise AssertionError('exit status %d' % status)
        start()

    def still_by_strength():
        order_is(BY_STRENGTH)
        headings_shown(['Strong', 'Fading', 'No recent interactions'])

    def log_with_anne():
        open_by_search(state['app'], main_window(), 'anne', ANNE)
        click(wait_for('the sheet’s “Log Interaction…” button',
                       lambda: find(main_window(), named('Log Interaction…', 'push button'))))

        def dialog():
            for window in state['app'].windows():
                if name_of(window) == 'Log Interaction':
                    return window
            return None
        window = wait_for('the “Log Interaction” window', dialog)
        wait_for('Anne among the participants',
                 lambda: find(window, lambda n: name_of(n) == 'Remove ' + ANNE))
        click(wait_for('the “Save” button', lambda: find(window, named('Save', 'push button'))))
        wait_for('the window to close', lambda: dialog() is None)

    def moved_up():
        order_is(AFTER_LOGGING)

    def sort_by_name():
        choose('Sort by Name')
        order_is(BY_NAME)
        headings_shown(['A', 'B', 'C'])

    def quit_cleanly():
        status = state['app'].quit()
        if status != 0:
            raise AssertionError('exit status %d' % status)

    try:
        broken = run_steps(tap, [
            ('three contacts and their interactions made with reseau-cli', prepare),
            ('the application starts and shows its window', start),
            ('the list is sorted by name, under initials', by_name_first),
            ('“Sort by Strength” orders it strongest first, under bands', sort_by_strength),
            ('after a restart the list is still sorted by strength', restart),
            ('the order and the bands are back', still_by_strength),
            ('an interaction logged with Anne from her sheet', log_with_anne),
            ('Anne moves up among the fading, before Bruno', moved_up),
            ('“Sort by Name” brings back the order by name', sort_by_name),
            ('the application quits cleanly when asked to', quit_cleanly),
            ('the application logged no warning', lambda: check_no_warnings(apps)),
        ])
        if broken is not None and apps:
            output = apps[-1].output().strip()
            if output:
                print('# application output:')
                for line in output.splitlines()[-40:]:
                    print('#   ' + line)
    finally:
        for app in apps:
            app.stop()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main_guard(scenario))
