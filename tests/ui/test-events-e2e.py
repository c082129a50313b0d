#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end, on a fresh database: `reseau --view events` opens on the
Events view's empty state; “New Event” opens the event window, which
creates an event held today; “Add People I Met…” adds two people in a
row through the quick form. Both are then in the contact list, the sheet
of one says how we met (the event's name), and the Follow-up view lists
both with a follow-up due tomorrow: under “This Week”, or under “Later”
when today is a Sunday (the week ends on Sunday). Search Everything then
finds the event and opens the Events view on it.

Needs a display, a session bus and the accessibility bus (TESTING.md);
without them it reports a skip.
"""

import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from reseau_atspi import (App, check_no_warnings, click, find,  # noqa: E402
                          find_all, is_showing, main_guard, name_of, named, role_name,
                          run_app_steps, set_text, text_of, wait_for)

EVENT = 'Apéro freelances Nantes'
PLACE = 'La Cantine'
PEOPLE = (('Camille Roux', 'Studio Roux', 'camille@example.org'),
          ('David Morel', '', ''))


def expected_group():
    # Tomorrow is in today's ISO week unless today is its last day.
    return 'Later' if datetime.date.today().isoweekday() == 7 else 'This Week'


def scenario(tap):
    state = {}
    apps = []

    def main_window():
        return state['window']

    def start():
        app = App(args=('--view', 'events'))
        apps.append(app)
        state['app'] = app
        app.find_on_desktop()
        state['window'] = app.window('Réseau')

    def empty_state():
        wait_for('“No events yet”', lambda: find(main_window(), named('No events yet', 'label')))

    def create_event():
        click(wait_for('the “New Event” button',
                       lambda: find(main_window(), named('New Event', 'push button'))))

        def dialog():
            for window in state['app'].windows():
                if name_of(window) == 'New Event':
                    return window
            return None
        window = wait_for('the “New Event” window', dialog)

        # Save without a name: the window says what is missing and stays.
        click(wait_for('the “Save” button', lambda: find(window, named('Save', 'push button'))))
        wait_for('the message asking for a name',
                 lambda: find(window, lambda n: role_name(n) == 'label' and is_showing(n)
                              and text_of(n).startswith('Give the event a name')))

        for field, value in (('Name', EVENT), ('Place', PLACE)):
            entry = wait_for('the “%s” field' % field, lambda: find(window, named(field, 'text')))
            set_text(entry, value)
            wait_for('“%s” to hold %r' % (field, value), lambda: text_of(entry) == value)
        click(find(window, named('Save', 'push button')))
        wait_for('the window to close',
                 lambda: not any(name_of(w) == 'New Event' for w in state['app'].windows()))

    def event_shown():
        wait_for('the event in the list of events',
                 lambda: find(main_window(), lambda n: role_name(n) == 'list item'
                              and name_of(n) == EVENT and is_showing(n)))
        wait_for('the event’s details', lambda: find(main_window(), named(EVENT, 'label')))

    def add_people():
        click(wait_for('the “Add People I Met…” button',
                       lambda: find(main_window(), named('Add People I Met…', 'push button'))))
        for name, organization, email in PEOPLE:
            for field, value in (('Name', name), ('Organization', organization), ('Email', email)):
                entry = wait_for('the “%s” field of the form' % field,
                                 lambda: find(main_window(), named(field, 'text')))
                set_text(entry, value)
                wait_for('“%s” to hold %r' % (field, value), lambda: text_of(entry) == value)
            click(wait_for('the “Add” button', lambda: find(main_window(), named('Add', 'push button'))))

            def listed():
                listing = find(main_window(), named('People I met there', 'list'))
                return listing is not None and find(listing, lambda n: name_of(n) == name and is_showing(n))
            wait_for('%s under “People I met there”' % name, listed)
            # The form stays open, empty, for the next person.
            def emptied():
                entry = find(main_window(), named('Name', 'text'))
                return entry is not None and text_of(entry) == ''
            wait_for('the form emptied', emptied)

    def in_contacts():
        click(wait_for('the “Contacts” tab', lambda: find(main_window(), named('Contacts', 'page tab'))))
        listing = wait_for('the contact list', lambda: find(main_window(), named('Contacts', 'list')))
        for name, _organization, _email in PEOPLE:
            wait_for('%s in the contact list' % name,
                     lambda: find(listing, lambda n: role_name(n) != 'label'
                                  and name_of(n) == name and is_showing(n)))

        node = find(listing, lambda n: role_name(n) != 'label' and name_of(n) == PEOPLE[0][0])
        item = node
        while item is not None and item.get_parent() != listing:
            item = item.get_parent()
        if item is None or not listing.select_child(item.get_index_in_parent()):
            raise AssertionError('the contact’s row cannot be selected')
        # The sheet's “How we met” row holds the event's name.
        wait_for('“%s” on the sheet as how we met' % EVENT,
                 lambda: find(main_window(), lambda n: is_showing(n) and role_name(n) == 'label'
                              and text_of(n) == EVENT))
        wait_for('the organization on the sheet',
                 lambda: find(main_window(), lambda n: is_showing(n) and PEOPLE[0][1] in text_of(n)))

    def followups():
        click(wait_for('the “Follow-up” tab', lambda: find(main_window(), named('Follow-up', 'page tab'))))
        group = expected_group()
        for name, _organization, _email in PEOPLE:
            def row():
                listing = find(main_window(), named(group, 'list'))
                if listing is None:
                    return None
                return find(listing, lambda n: role_name(n) == 'list item'
                            and name_of(n).startswith(name) and is_showing(n))
            wait_for('%s under “%s”' % (name, group), row)

    def search_window():
        # A closed window can linger in the tree for a while, not showing.
        for window in state['app'].windows():
            if name_of(window) == 'Search Everything' and is_showing(window):
                return window
        return None

    def search_opens_event():
        # Synthesized Ctrl+K does not reach a window under Xvfb without a
        # window manager: the main menu has the same action. GTK 4.8: the
        # menu button's own node has no action, the button inside it has.
        buttons = wait_for('the main menu button', lambda: find_all(main_window(), named('Main menu')))
        click([node for node in buttons if node.get_n_actions() > 0][-1])
        click(wait_for('“Search Everything…” in the menu',
                       lambda: find(state['app'].accessible, named('Search Everything…', 'menu item'))))
        window = wait_for('the “Search Everything” window', search_window)
        set_text(wait_for('the search entry', lambda: find(window, named('Search everything', 'entry'))),
                 'apero nantes')
        click(wait_for('the event among the results',
                       lambda: find(window, named(EVENT, 'push button'))))
        wait_for('the search window to close', lambda: search_window() is None)
        wait_for('the Events view on the event', lambda: find(main_window(), named(EVENT, 'label')))
        wait_for('the people met there listed',
                 lambda: find(main_window(), lambda n: name_of(n) == PEOPLE[1][0] and is_showing(n)))

    def quit_cleanly():
        status = state['app'].quit()
        if status != 0:
            raise AssertionError('exit status %d' % status)

    try:
        run_app_steps(tap, [
            ('the application starts on the Events view', start),
            ('the Events view shows its empty state', empty_state),
            ('an event is created through the event window', create_event),
            ('the event is listed and shown', event_shown),
            ('two people met there are added through the quick form', add_people),
            ('they are in the contact list, with how we met', in_contacts),
            ('the Follow-up view has their follow-up for tomorrow', followups),
            ('Search Everything opens the Events view on the event', search_opens_event),
            ('the application quits cleanly when asked to', quit_cleanly),
            ('the application logged no warning', lambda: check_no_warnings(apps)),
        ], apps)
    finally:
        for app in apps:
            app.stop()


if __name__ == '__main__':
    sys.exit(main_guard(scenario))
