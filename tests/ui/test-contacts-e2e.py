#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end, on a fresh database: create a contact in the editor, find it
by part of its email, delete it, and bring it back with Undo.

Needs a display, a session bus and the accessibility bus (TESTING.md);
without them it reports a skip. $RESEAU_APP is the program under test.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from reseau_atspi import (App, check_no_warnings, click, find,  # noqa: E402
                          is_showing, main_guard, name_of, named, role_name,
                          run_app_steps, set_text, text_of, wait_for)

GIVEN_NAME = 'Élodie'
FAMILY_NAME = 'Vasseur'
DISPLAY_NAME = 'Élodie Vasseur'
EMAIL = 'elodie.vasseur@atelier-exemple.fr'
QUERY = 'vasseur@atelier'


def scenario(tap):
    app = App()
    state = {}

    def main_window():
        return state['window']

    def contact_list():
        return wait_for('the contact list', lambda: find(main_window(), named('Contacts', 'list')))

    def row_shown(name):
        """The list row whose accessible name is name (not the label inside)."""
        def lookup():
            listing = find(main_window(), named('Contacts', 'list'))
            if listing is None:
                return None
            return find(listing, lambda node: role_name(node) != 'label'
                        and name_of(node) == name and is_showing(node))
        return lookup

    def start():
        app.find_on_desktop()
        state['window'] = app.window('Réseau')

    def empty_state():
        wait_for('“No contacts yet”', lambda: find(main_window(), named('No contacts yet', 'label')))

    def open_editor():
        button = wait_for('the “New contact” button',
                          lambda: find(main_window(), named('New contact', 'push button')))
        click(button)

        def editor():
            for window in app.windows():
                if name_of(window) != 'Réseau' and find(window, named('First name', 'text')):
                    return window
            return None
        state['editor'] = wait_for('the contact editor', editor)

    def fill_editor():
        editor = state['editor']
        for field, value in (('First name', GIVEN_NAME), ('Last name', FAMILY_NAME), ('Email', EMAIL)):
            entry = wait_for('the “%s” field' % field, lambda: find(editor, named(field, 'text')))
            set_text(entry, value)
            wait_for('“%s” to hold %r' % (field, value), lambda: text_of(entry) == value)

    def save():
        editor = state['editor']
        button = wait_for('the “Save” button', lambda: find(editor, named('Save', 'push button')))
        click(button)
        wait_for('the editor to close',
                 lambda: not any(name_of(w) != 'Réseau' and find(w, named('First name', 'text'))
                                 for w in app.windows()))
        wait_for('the new contact in the list', row_shown(DISPLAY_NAME))
        wait_for('the sheet to show the email',
                 lambda: find(main_window(), lambda n: role_name(n) == 'label' and EMAIL in text_of(n)
                              and is_showing(n)))

    def search():
        entry = find(main_window(), named('Search contacts', 'entry'))
        if entry is None:
            # GTK 4.8 gives a toggle button the role of a push button.
            click(wait_for('the search button', lambda: find(main_window(), named('Search', 'push button'))
                           or find(main_window(), named('Search', 'toggle button'))))
            entry = wait_for('the search entry', lambda: find(main_window(), named('Search contacts', 'entry')))
        state['entry'] = entry

        set_text(entry, 'zzzqqq')
        wait_for('“No results”', lambda: find(main_window(), named('No results', 'label')))

        set_text(entry, QUERY)
        wait_for('the contact found by part of its email', row_shown(DISPLAY_NAME))
        wait_for('“1 result”', lambda: find(main_window(), named('1 result', 'label')))

    def delete():
        button = wait_for('the “Delete contact” button',
                          lambda: find(main_window(), named('Delete contact', 'push button')))
        click(button)
        wait_for('the contact to leave the list', lambda: not row_shown(DISPLAY_NAME)())
        # It was the only one: the window says the address book is empty.
        wait_for('“No contacts yet”', lambda: find(main_window(), named('No contacts yet', 'label')))
        state['undo'] = wait_for('the “Undo” button of the toast',
                                 lambda: find(main_window(), named('Undo', 'push button')))

    def undo():
        click(state['undo'])
        wait_for('the contact back in the list', row_shown(DISPLAY_NAME))

    def quit_cleanly():
        status = app.quit()
        if status != 0:
            raise AssertionError('exit status %d' % status)

    try:
        run_app_steps(tap, [
            ('the application starts and shows its window', start),
            ('a fresh database shows the empty state', empty_state),
            ('“New contact” opens the editor', open_editor),
            ('name and email can be typed in the editor', fill_editor),
            ('Save creates the contact, listed and shown', save),
            ('searching part of the email finds it', search),
            ('Delete removes it and offers Undo', delete),
            ('Undo brings it back', undo),
            ('the application quits cleanly when asked to', quit_cleanly),
            ('the application logged no warning', lambda: check_no_warnings([app])),
        ], [app])
    finally:
        app.stop()


if __name__ == '__main__':
    sys.exit(main_guard(scenario))
