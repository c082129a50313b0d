#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: Ctrl+K searches contacts and notes together.

reseau-cli adds two contacts, logs an interaction with the second whose
note names the first, and records a referral from the first; Ctrl+K opens the search window, a prefix of that name
(typed without its accent) lists the contact under “Contacts” and the note
under “Interactions”; a word found nowhere shows “No Results”; choosing
the contact closes the search, whose sheet then shows their email.

Then the keyboard alone: Ctrl+K opens the search with the focus in its
entry, typing searches, Down and Up move through the results from one
group to the next and back to the entry, Enter on the note's result opens
the Timeline on it, and Escape closes the search. Last, the referral's
result opens the Referrals view with the focus on its row.
"""

import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from reseau_atspi import (App, Keyboard, check_no_warnings, click, find,  # noqa: E402
                          find_all, is_focused, is_showing, main_guard,
                          name_of, named, open_by_search, role_name,
                          run_app_steps, set_text, text_of, wait_for)

EMAIL = 'helene@tournesol.example'
NOTE = 'Déjeuner : Hélène Tournesol cherche un graphiste'
REFERRAL = 'Refonte graphique du site'


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
            return subprocess.run([cli] + list(args), env=env, check=True,
                                  stdout=subprocess.PIPE, timeout=30).stdout.decode().strip()

        helene = run('add', '--name=Hélène Tournesol', '--email=' + EMAIL)
        run('add', '--name=Bruno Petit')
        run('referral', 'add', '--direction=received', '--contact=' + helene, '--subject=' + REFERRAL)
        # Logged now, so that no follow-up is due (no notification server).
        run('log', '--with=Bruno Petit', '--type=coffee', '--note=' + NOTE)

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

    def focused_in_search():
        window = search_window()
        return find(window, is_focused) if window is not None else None

    def focus_on(description, role, name):
        def check():
            node = focused_in_search()
            return node is not None and role_name(node) == role and name_of(node) == name
        wait_for('the focus on %s' % description, check)

    def keyboard_opens_and_types():
        keys = state['keys'] = Keyboard()
        # Over the main window (top left, as every window without a window
        # manager): the search window opens there too, on top of it.
        keys.point_at(120, 120)
        keys.press('k', ('Control_L',))
        window = wait_for('the “Search Everything” window', search_window)
        focus_on('the entry', 'entry', 'Search everything')
        keys.type('helene tourn')
        entry = find(window, named('Search everything', 'entry'))
        wait_for('the typed text in the entry', lambda: text_of(entry) == 'helene tourn')
        wait_for('the “Contacts (1)” heading', heading('Contacts (1)'))
        wait_for('the “Interactions (1)” heading', heading('Interactions (1)'))

    def keyboard_moves():
        keys = state['keys']
        keys.press('Down')
        focus_on('the contact’s result', 'push button', 'Hélène Tournesol')
        # Across the “Interactions” heading to the note, listed by its
        # participant.
        keys.press('Down')
        focus_on('the note’s result', 'push button', 'Bruno Petit')
        keys.press('Up')
        focus_on('the contact’s result again', 'push button', 'Hélène Tournesol')
        keys.press('Up')
        focus_on('the entry again', 'entry', 'Search everything')

    def keyboard_opens_note():
        keys = state['keys']
        keys.press('Down')
        keys.press('Down')
        focus_on('the note’s result', 'push button', 'Bruno Petit')
        keys.press('Return')
        wait_for('the search window to close', lambda: search_window() is None)
        listing = wait_for('the Timeline’s list',
                           lambda: find(state['window'], named('Interactions', 'list')))
        wait_for('the note in the Timeline',
                 lambda: find(listing, lambda n: role_name(n) == 'label'
                              and text_of(n) == NOTE and is_showing(n)))

    def escape_closes():
        keys = state['keys']
        keys.press('k', ('Control_L',))
        wait_for('the “Search Everything” window', search_window)
        focus_on('the entry', 'entry', 'Search everything')
        keys.press('Escape')
        wait_for('the search window to close', lambda: search_window() is None)

    def opens_referral():
        open_by_search(apps[0], state['window'], 'refonte graphique', REFERRAL)
        wait_for('the referral’s row focused in the Referrals view',
                 lambda: any(is_focused(row) for row in
                             find_all(state['window'], named('Hélène Tournesol recommended me'))))

    def quit_cleanly():
        status = apps[0].quit()
        if status != 0:
            raise AssertionError('exit status %d' % status)

    try:
        run_app_steps(tap, [
            ('reseau-cli adds two contacts and logs a note', prepare),
            ('the application starts', start),
            ('Ctrl+K opens the search window', open_search),
            ('a name found in a contact and a note lists both groups', both_groups),
            ('choosing the contact opens its sheet', open_contact),
            ('Ctrl+K opens the search with the focus in the entry, and typing searches',
             keyboard_opens_and_types),
            ('Down and Up move through the results across groups and back to the entry',
             keyboard_moves),
            ('Enter on the note’s result opens the Timeline on it', keyboard_opens_note),
            ('Escape closes the search window', escape_closes),
            ('a referral’s result opens the Referrals view on it', opens_referral),
            ('the application quits cleanly when asked to', quit_cleanly),
            ('the application logged no warning', lambda: check_no_warnings(apps)),
        ], apps)
    finally:
        if 'keys' in state:
            state['keys'].close()
        for app in apps:
            app.stop()
        shutil.rmtree(data_home, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main_guard(scenario))
