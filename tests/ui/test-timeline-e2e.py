#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: interactions logged with reseau-cli show in the Timeline view
under their day headings, newest day first; searching the notes filters the
list; deleting one offers Undo, which brings it back; Edit opens an
interaction in the “Edit Interaction” window, whose new note then shows in
the list; an interaction deleted without Undo is gone from the database for
good once the application has closed, and one left in the trash by an
earlier session once it has started. (The contact sheet's own timeline is
test-contact-timeline-e2e.py.)

The contacts and interactions are made with reseau-cli ($RESEAU_CLI) in a
data folder that the application then opens on its Timeline view. One of
them is logged now, so that no follow-up is due (the application would
send a notification, and the test session has no notification server).
"""

import glob
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# Deleted in an earlier session that ended before its Undo expired (as
# after a crash): the trash keeps it until the application starts.
LEFT_IN_TRASH = 'Left in the trash by a crash'

from reseau_atspi import (App, button_beside, check_no_warnings, click,  # noqa: E402
                          edit_interaction_note, find, find_all, find_newest,
                          is_showing, main_guard, named, role_name, run_app_steps,
                          set_text, text_of, wait_for)

# (day, time, kind, note); two on the same day share one heading; None
# is now.
LOGGED = (
    (None, None, 'email', 'Sent the proposal'),
    ('2025-03-04', '09:30', 'coffee', 'Talked about the spring mandate'),
    ('2025-03-04', '16:00', 'call', 'Agreed on the budget'),
    ('2025-02-20', '11:00', 'meeting', 'Met at the coworking breakfast'),
)
# The first is today's, or yesterday's when midnight passed since it was
# logged.
HEADINGS = ('Tuesday, March 4, 2025', 'Thursday, February 20, 2025')
RECENT = ('Today', 'Yesterday')
EDITED = 'Agreed on the budget: twelve days in April'


def scenario(tap):
    data_home = tempfile.mkdtemp(prefix='reseau-ui-timeline-')
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
        for day, time, kind, note in LOGGED:
            when = ['--date=%sT%s' % (day, time)] if day is not None else []
            run('log', '--with=Anne Martin', '--type=' + kind, '--note=' + note, *when)
        run('log', '--with=Anne Martin', '--type=other', '--note=' + LEFT_IN_TRASH, '--date=2025-01-10')
        with sqlite3.connect(database_path()) as db:
            db.execute("UPDATE interactions SET deleted_at = strftime('%s', 'now') WHERE note = ?",
                       (LEFT_IN_TRASH,))

    def database_path():
        paths = glob.glob(os.path.join(data_home, 'reseau', 'reseau.db'))
        if len(paths) != 1:
            raise AssertionError('no database in %s' % data_home)
        return paths[0]

    def notes_in_database():
        with sqlite3.connect(database_path()) as db:
            return [note for (note,) in db.execute('SELECT note FROM interactions')]

    def main_window():
        return state['window']

    def note_shown(note):
        def lookup():
            listing = find(main_window(), named('Interactions', 'list'))
            if listing is None:
                return None
            return find(listing, lambda node: role_name(node) == 'label'
                        and text_of(node) == note and is_showing(node))
        return lookup

    def labels_in_list():
        listing = find(main_window(), named('Interactions', 'list'))
        if listing is None:
            return []
        return [text_of(node) for node in find_all(listing, lambda node: role_name(node) == 'label'
                                                   and is_showing(node))]

    def start():
        app = App(extra_env={'XDG_DATA_HOME': data_home}, args=('--view=timeline',))
        apps.append(app)
        app.find_on_desktop()
        state['window'] = app.window('Réseau')

    def trash_emptied_at_start():
        wait_for('the trash of the earlier session to be emptied',
                 lambda: LEFT_IN_TRASH not in notes_in_database())

    def every_interaction():
        for _day, _time, _kind, note in LOGGED:
            wait_for('“%s” in the timeline' % note, note_shown(note))

    def day_headings():
        def headings():
            shown = [text for text in labels_in_list() if text in HEADINGS + RECENT]
            return shown if len(shown) == 3 else None
        shown = wait_for('the three day headings', headings)
        if shown[0] not in RECENT or shown[1:] != list(HEADINGS):
            raise AssertionError('headings %r, expected today\'s then %r' % (shown, list(HEADINGS)))

    def search():
        entry = wait_for('the “Search notes” entry',
                         lambda: find(main_window(), named('Search notes', 'entry')))
        set_text(entry, 'budget')
        wait_for('only the matching note',
                 lambda: note_shown('Agreed on the budget')()
                 and not note_shown('Talked about the spring mandate')()
                 and not note_shown('Met at the coworking breakfast')())
        set_text(entry, 'zzzqqq')
        wait_for('“No matching interactions”',
                 lambda: find(main_window(), named('No matching interactions', 'label')))
        set_text(entry, '')
        every_interaction()

    def delete_and_undo():
        listing = find(main_window(), named('Interactions', 'list'))
        buttons = wait_for('the “Delete Interaction” buttons',
                           lambda: find_all(listing, named('Delete Interaction', 'push button')))
        # The last row is the oldest, alone on its day: the meeting.
        click(buttons[-1])
        # The toast first: it goes after a few seconds, however slow the
        # rest is (a sanitized build), and only a fresh walk finds it.
        undo = wait_for('the “Undo” button of the toast',
                        lambda: find_newest(main_window(), named('Undo', 'push button')))
        wait_for('the meeting and its day to leave the list',
                 lambda: not note_shown('Met at the coworking breakfast')()
                 and HEADINGS[1] not in labels_in_list())
        click(undo)
        wait_for('the meeting back in the list', note_shown('Met at the coworking breakfast'))

    def edit_note():
        listing = find(main_window(), named('Interactions', 'list'))
        click(wait_for('the “Edit Interaction” button of the call',
                       lambda: button_beside(listing, 'Agreed on the budget', 'Edit Interaction')))
        edit_interaction_note(apps[0], 'Agreed on the budget', EDITED)
        wait_for('the new note in the list, the old one gone',
                 lambda: note_shown(EDITED)() and not note_shown('Agreed on the budget')())

    def delete_for_good():
        listing = find(main_window(), named('Interactions', 'list'))
        click(wait_for('the “Delete Interaction” button of the email',
                       lambda: button_beside(listing, 'Sent the proposal', 'Delete Interaction')))
        wait_for('the email to leave the list', lambda: not note_shown('Sent the proposal')())

    def quit_cleanly():
        status = apps[0].quit()
        if status != 0:
            raise AssertionError('exit status %d' % status)

    def trash_emptied():
        # Closing the window ends the Undo on offer: the email is deleted
        # for good, the meeting brought back earlier is not, and the edit
        # was written in place.
        with sqlite3.connect(database_path()) as db:
            notes = sorted(note for (note,) in db.execute('SELECT note FROM interactions'))
            trashed = db.execute('SELECT count(*) FROM interactions'
                                 ' WHERE deleted_at IS NOT NULL').fetchone()[0]
        expected = sorted([EDITED, 'Talked about the spring mandate', 'Met at the coworking breakfast'])
        if notes != expected or trashed != 0:
            raise AssertionError('interactions %r (%d in the trash), expected %r and none'
                                 % (notes, trashed, expected))

    try:
        run_app_steps(tap, [
            ('reseau-cli adds a contact and logs five interactions, one then trashed', prepare),
            ('the application starts on the Timeline view', start),
            ('what an earlier session left in the trash is gone for good', trash_emptied_at_start),
            ('every logged interaction is listed', every_interaction),
            ('each day has one heading, newest day first', day_headings),
            ('searching the notes filters the list', search),
            ('Delete removes an interaction and Undo brings it back', delete_and_undo),
            ('Edit changes a note, which the list then shows', edit_note),
            ('Delete removes another interaction', delete_for_good),
            ('the application quits cleanly when asked to', quit_cleanly),
            ('the deleted interaction is gone for good after closing', trash_emptied),
            ('the application logged no warning', lambda: check_no_warnings(apps)),
        ], apps)
    finally:
        for app in apps:
            app.stop()
        shutil.rmtree(data_home, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main_guard(scenario))
