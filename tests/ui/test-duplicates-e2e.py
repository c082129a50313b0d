#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: two contacts with the same email show in Possible Duplicates;
merging leaves one, and Undo brings the two back.

The contacts are made with reseau-cli ($RESEAU_CLI) in a data folder that
the application then opens.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from reseau_atspi import (App, check_no_warnings, click, find, find_all, find_newest,  # noqa: E402
                          is_showing, main_guard, name_of, named, role_name,
                          run_app_steps, wait_for)

FIRST = 'Anne Martin'
SECOND = 'A. Martin'


def scenario(tap):
    data_home = tempfile.mkdtemp(prefix='reseau-ui-duplicates-')
    state = {}
    apps = []

    def prepare():
        cli = os.environ.get('RESEAU_CLI')
        if not cli:
            raise AssertionError('RESEAU_CLI is not set')
        env = dict(os.environ, XDG_DATA_HOME=data_home)
        for name, extra in ((FIRST, ['--org=Atelier Martin']), (SECOND, ['--phone=+33 6 55 44 33 22'])):
            subprocess.run([cli, 'add', '--name=' + name, '--email=anne@martin.example'] + extra,
                           env=env, check=True, stdout=subprocess.DEVNULL, timeout=30)

    def listed_names():
        output = subprocess.run([os.environ['RESEAU_CLI'], 'list', '--json'],
                                env=dict(os.environ, XDG_DATA_HOME=data_home), check=True,
                                stdout=subprocess.PIPE, timeout=30).stdout
        return sorted(contact['name'] for contact in json.loads(output))

    def main_window():
        return state['window']

    def row_shown(name):
        def lookup():
            listing = find(main_window(), named('Contacts', 'list'))
            if listing is None:
                return None
            return find(listing, lambda node: role_name(node) != 'label'
                        and name_of(node) == name and is_showing(node))
        return lookup

    def start():
        app = App(extra_env={'XDG_DATA_HOME': data_home})
        apps.append(app)
        app.find_on_desktop()
        state['window'] = app.window('Réseau')
        wait_for('both contacts in the list', lambda: row_shown(FIRST)() and row_shown(SECOND)())

    def open_duplicates():
        # GTK 4.8: the menu button's own node has no action; the button
        # inside it, with the same name, has.
        buttons = wait_for('the main menu button', lambda: find_all(main_window(), named('Main menu')))
        click([node for node in buttons if node.get_n_actions() > 0][-1])
        item = wait_for('“Possible Duplicates” in the menu',
                        lambda: find(apps[0].accessible, named('Possible Duplicates', 'menu item')))
        click(item)
        state['duplicates'] = apps[0].window('Possible Duplicates', timeout=10)

    def pair_listed():
        listing = wait_for('the list of pairs',
                           lambda: find(state['duplicates'], named('Possible duplicates', 'list')))
        wait_for('the pair', lambda: find(listing, lambda node: role_name(node) == 'list item'
                                          and name_of(node) == '%s and %s' % (FIRST, SECOND)))
        # The row's title is added to the button's name (AdwActionRow
        # labels its activatable widget with it).
        state['pair'] = wait_for('its Compare button',
                                 lambda: find(listing, lambda node: role_name(node) == 'push button'
                                              and name_of(node).startswith('Compare %s and %s' % (FIRST, SECOND))))

    def open_pair():
        click(state['pair'])
        wait_for('the side-by-side view',
                 lambda: find(state['duplicates'], named('Keep %s as the main contact' % FIRST)))
        wait_for('the second contact’s phone',
                 lambda: find(state['duplicates'], lambda node: role_name(node) == 'label'
                              and '+33 6 55 44 33 22' in name_of(node) and is_showing(node)))

    def merge():
        button = wait_for('the Merge button', lambda: find(state['duplicates'], named('Merge', 'push button')))
        click(button)
        # First, while the toast is surely on screen (it goes after 10 s).
        state['undo'] = wait_for('the Undo button of the toast',
                                 lambda: find_newest(state['duplicates'], named('Undo', 'push button')))
        wait_for('“No Possible Duplicates”',
                 lambda: find(state['duplicates'], named('No Possible Duplicates', 'label')))
        # Asked of the database through reseau-cli, which is quick: walking
        # the window's tree could outlast the toast in a sanitizer build.
        names = listed_names()
        if names != [FIRST]:
            raise AssertionError('expected only %s after the merge, the database has %r' % (FIRST, names))

    def undo():
        click(state['undo'])
        wait_for('both contacts back in the database', lambda: listed_names() == sorted([FIRST, SECOND]))
        wait_for('both contacts back in the list', lambda: row_shown(FIRST)() and row_shown(SECOND)())
        listing = wait_for('the pair listed again',
                           lambda: find(state['duplicates'], named('Possible duplicates', 'list')))
        wait_for('the pair', lambda: find(listing, lambda node: role_name(node) == 'list item'
                                          and FIRST in name_of(node)))

    def quit_app():
        status = apps[0].quit()
        if status != 0:
            raise AssertionError('exit status %d' % status)

    try:
        run_app_steps(tap, [
            ('two contacts with the same email', prepare),
            ('the application lists both', start),
            ('“Possible Duplicates” opens from the main menu', open_duplicates),
            ('the pair is listed', pair_listed),
            ('the pair opens side by side', open_pair),
            ('Merge leaves one contact and offers Undo', merge),
            ('Undo brings both back', undo),
            ('the application quits cleanly', quit_app),
            ('the application logged no warning', lambda: check_no_warnings(apps)),
        ], apps)
    finally:
        for app in apps:
            app.stop()
        shutil.rmtree(data_home, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main_guard(scenario))
