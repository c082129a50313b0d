#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: a contact's own timeline, on their sheet, edits and deletes.

reseau-cli logs three interactions with Anne Martin; her sheet, opened from
Ctrl+K's search, lists them. Edit on one opens the “Edit Interaction” window
with its note, and the sheet then shows the new note; the Timeline view does
too. Delete on another removes it from the sheet and offers Undo, which
brings it back. Nothing is due (the newest is logged now): the test session
has no notification server.
"""

import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from reseau_atspi import (App, button_beside, check_no_warnings, click,  # noqa: E402
                          edit_interaction_note, find, find_newest, is_showing,
                          main_guard, named, open_by_search, role_name,
                          run_app_steps, text_of, wait_for)

# (date or None for now, kind, note)
LOGGED = (
    (None, 'email', 'Sent the proposal'),
    ('2025-03-04T09:30', 'coffee', 'Talked about the spring mandate'),
    ('2025-02-20T11:00', 'meeting', 'Met at the coworking breakfast'),
)
EDITED = 'Talked about the spring mandate and the autumn one'


def scenario(tap):
    data_home = tempfile.mkdtemp(prefix='reseau-ui-contact-timeline-')
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

        run('add', '--name=Anne Martin')
        for when, kind, note in LOGGED:
            date = ['--date=' + when] if when is not None else []
            run('log', '--with=Anne Martin', '--type=' + kind, '--note=' + note, *date)

    def main_window():
        return state['window']

    def sheet_row(text):
        # The sheet's rows read “Kind — first line of the note”.
        return lambda: find(main_window(), lambda node: role_name(node) == 'label'
                            and text_of(node) == text and is_showing(node))

    def start():
        app = App(extra_env={'XDG_DATA_HOME': data_home}, args=('--view=contacts',))
        apps.append(app)
        app.find_on_desktop()
        state['window'] = app.window('Réseau')
        wait_for('the contact list', lambda: find(main_window(), named('Anne Martin')))

    def open_sheet():
        open_by_search(apps[0], main_window(), 'anne', 'Anne Martin')
        for _when, kind, note in LOGGED:
            title = '%s — %s' % (kind.capitalize(), note)
            wait_for('“%s” on the sheet' % title, sheet_row(title))

    def edit_on_sheet():
        click(wait_for('the “Edit Interaction” button of the coffee',
                       lambda: button_beside(main_window(), 'Coffee — Talked about the spring mandate',
                                             'Edit Interaction')))
        edit_interaction_note(apps[0], 'Talked about the spring mandate', EDITED)
        wait_for('the new note on the sheet', sheet_row('Coffee — ' + EDITED))
        wait_for('the old note to leave the sheet',
                 lambda: not sheet_row('Coffee — Talked about the spring mandate')())

    def timeline_shows_edit():
        click(wait_for('the “Show All” button', lambda: find(main_window(), named('Show All', 'push button'))))
        listing = wait_for('the Timeline’s list',
                           lambda: find(main_window(), named('Interactions', 'list')))
        wait_for('the new note in the Timeline',
                 lambda: find(listing, lambda node: role_name(node) == 'label'
                              and text_of(node) == EDITED and is_showing(node)))
        click(wait_for('the “Contacts” tab', lambda: find(main_window(), named('Contacts', 'page tab'))))
        wait_for('the sheet again', sheet_row('Coffee — ' + EDITED))

    def delete_and_undo():
        click(wait_for('the “Delete Interaction” button of the meeting',
                       lambda: button_beside(main_window(), 'Meeting — Met at the coworking breakfast',
                                             'Delete Interaction')))
        # The toast first: it goes after a few seconds, however slow the
        # rest is (a sanitized build), and only a fresh walk finds it.
        undo = wait_for('the “Undo” button of the toast',
                        lambda: find_newest(main_window(), named('Undo', 'push button')))
        wait_for('the meeting to leave the sheet',
                 lambda: not sheet_row('Meeting — Met at the coworking breakfast')())
        click(undo)
        wait_for('the meeting back on the sheet', sheet_row('Meeting — Met at the coworking breakfast'))

    def quit_cleanly():
        status = apps[0].quit()
        if status != 0:
            raise AssertionError('exit status %d' % status)

    try:
        run_app_steps(tap, [
            ('reseau-cli adds a contact and logs three interactions', prepare),
            ('the application starts', start),
            ('the contact’s sheet lists their interactions', open_sheet),
            ('Edit on the sheet changes a note, which the sheet then shows', edit_on_sheet),
            ('the Timeline view shows the new note too', timeline_shows_edit),
            ('Delete on the sheet removes an interaction and Undo brings it back', delete_and_undo),
            ('the application quits cleanly when asked to', quit_cleanly),
            ('the application logged no warning', lambda: check_no_warnings(apps)),
        ], apps)
    finally:
        for app in apps:
            app.stop()
        shutil.rmtree(data_home, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main_guard(scenario))
