#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: Ctrl+K searches contacts and notes together.

reseau-cli adds two contacts and logs an interaction with the second whose
note names the first; Ctrl+K opens the search window, a prefix of that name
(typed without its accent) lists the contact under “Contacts” and the note
under “Interactions”; a word found nowhere shows “No Results”; choosing
the contact closes the search, whose sheet then shows their email.
"""

import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from reseau_atspi import (App, check_no_warnings, click, find, find_all, is_showing,  # noqa: E402
                          main_guard, name_of, named, role_name,
                          run_steps, set_text, text_of, wait_for)

EMAIL = 'helene@tournesol.example'


def scenario(tap):
    data_home = tempfile.mkdtemp(prefix='reseau-ui-global-search-')
    state = {}
    apps = []

    def prepare():
        cli = os.environ.get('RESEAU_CLI')
        if not cli:
            raise AssertionError('RESEAU_CLI is not set')
        env = dict(os.environ, XDG_DATA_HOME=data_home)

        def run(*args):
            subprocess.run([cli] + list(args), env=env, check=True,
                           stdout=subprocess.DEVNULL, timeout=30)

        run('add', '--name=Hélène Tournesol', '--email=' + EMAIL)
        run('add', '--name=Bruno Petit')
        # Logged now, so that no follow-up is due (no notification server).
        run('log', '--with=Bruno Petit', '--type=coffee', '--note=Déjeuner : Hélène Tournesol cherche un graphiste')

    def start():
        app = App(extra_env={'XDG_DATA_HOME': data_home})
        apps.append(app)
        app.find_on_desktop()
        state['window'] = app.window('Réseau')
        wait_for('the contact list', lambda: find(state['window'], named('Bruno Petit')))

    def search_window():
        # A closed window can linger in the tree for a while, not showing.
        for window in apps[0].windows():
            if name_of(window) == 'Search Everything' and is_showing(window):
                return window
        return None

    def open_search():
        # Ctrl+K is the same action; synthesized keys do not reach a window
        # under Xvfb without a window manager, so go through the main menu.
        # GTK 4.8: the menu button's own node has no action; the button
        # inside it has.
        buttons = wait_for('the main menu button', lambda: find_all(state['window'], named('Main menu')))
        click([node for node in buttons if node.get_n_actions() > 0][-1])
        item = wait_for('“Search Everything…” in the menu',
                        lambda: find(apps[0].accessible, named('Search Everything…', 'menu item')))
        click(item)
        window = wait_for('the “Search Everything” window', search_window)
        state['entry'] = wait_for('the search entry',
                                  lambda: find(window, named('Search everything', 'entry')))

    def heading(text):
        return lambda: find(search_window(), lambda n: role_name(n) == 'label'
                            and text_of(n) == text and is_showing(n))

    def both_groups():
        set_text(state['entry'], 'zzzqqq')
        wait_for('“No Results”', heading('No Results'))
        set_text(state['entry'], 'helene tourn')
        wait_for('the “Contacts (1)” heading', heading('Contacts (1)'))
        wait_for('the “Interactions (1)” heading', heading('Interactions (1)'))
        wait_for('the note’s snippet',
                 lambda: find(search_window(), lambda n: role_name(n) == 'label'
                              and 'cherche un graphiste' in text_of(n)))

    def open_contact():
        results = find(search_window(), named('Search results', 'list'))
        click(wait_for('the contact’s result', lambda: find(results, named('Hélène Tournesol', 'push button'))))
        wait_for('the search window to close', lambda: search_window() is None)
        wait_for('the sheet to show the email',
                 lambda: find(state['window'], lambda n: role_name(n) == 'label'
                              and EMAIL in text_of(n) and is_showing(n)))

    def quit_cleanly():
        status = apps[0].quit()
        if status != 0:
            raise AssertionError('exit status %d' % status)

    try:
        broken = run_steps(tap, [
            ('reseau-cli adds two contacts and logs a note', prepare),
            ('the application starts', start),
            ('Ctrl+K opens the search window', open_search),
            ('a name found in a contact and a note lists both groups', both_groups),
            ('choosing the contact opens its sheet', open_contact),
            ('the application quits cleanly when asked to', quit_cleanly),
            ('the application logged no warning', lambda: check_no_warnings(apps)),
        ])
        if broken is not None and apps:
            output = apps[0].output().strip()
            if output:
                print('# application output:')
                for line in output.splitlines()[-40:]:
                    print('#   ' + line)
    finally:
        for app in apps:
            app.stop()
        shutil.rmtree(data_home, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main_guard(scenario))
