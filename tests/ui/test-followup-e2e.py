#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end, on a database with an overdue contact: the application
sends a summary notification at start; the Follow-up view lists the contact
under “Overdue”; logging an interaction from its row (Log…, a type, Save)
starts its cadence again, and it leaves “Overdue” for “Later”. A second
overdue contact, snoozed for a week, leaves “Overdue” too.

A stand-in notification server on the private session bus records what
the application sends through org.freedesktop.Notifications.

The contact and its last coffee, 60 days ago with a 30-day cadence, are
made with reseau-cli ($RESEAU_CLI) in a data folder the application then
opens. Needs a display, a session bus and the accessibility bus
(TESTING.md); without them it reports a skip.
"""

import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gi.repository import Gio, GLib  # noqa: E402

from reseau_atspi import (App, Atspi, check_no_warnings, click, find,  # noqa: E402
                          has_state,
                          is_showing, main_guard, name_of, named, role_name,
                          run_app_steps, wait_for)

NAME = 'Bérénice Lacroix'
SNOOZED = 'Anselme Roche'

NOTIFICATIONS_XML = '''
<node>
  <interface name="org.freedesktop.Notifications">
    <method name="Notify">
      <arg type="s" direction="in"/><arg type="u" direction="in"/><arg type="s" direction="in"/>
      <arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="as" direction="in"/>
      <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/><arg type="u" direction="out"/>
    </method>
    <method name="CloseNotification"><arg type="u" direction="in"/></method>
    <method name="GetCapabilities"><arg type="as" direction="out"/></method>
    <method name="GetServerInformation">
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
    </method>
  </interface>
</node>
'''


class NotificationServer:
    """Owns org.freedesktop.Notifications and records (summary, body) of
    each notification. Calls are answered while pump() runs."""

    def __init__(self):
        self.received = []
        self.acquired = False
        self.bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        info = Gio.DBusNodeInfo.new_for_xml(NOTIFICATIONS_XML).interfaces[0]
        self.bus.register_object('/org/freedesktop/Notifications', info, self.on_call, None, None)
        Gio.bus_own_name_on_connection(self.bus, 'org.freedesktop.Notifications',
                                       Gio.BusNameOwnerFlags.NONE, self.on_acquired, None)

    def on_acquired(self, connection, name):
        self.acquired = True

    def on_call(self, connection, sender, path, interface, method, parameters, invocation):
        if method == 'Notify':
            args = parameters.unpack()
            self.received.append((args[3], args[4]))
            invocation.return_value(GLib.Variant('(u)', (len(self.received),)))
        elif method == 'GetCapabilities':
            invocation.return_value(GLib.Variant('(as)', (['body'],)))
        elif method == 'GetServerInformation':
            invocation.return_value(GLib.Variant('(ssss)', ('test', 'reseau', '1', '1.2')))
        else:
            invocation.return_value(None)

    def pump(self):
        context = GLib.MainContext.default()
        while context.pending():
            context.iteration(False)


def scenario(tap):
    data_home = tempfile.mkdtemp(prefix='reseau-ui-followup-')
    state = {}
    apps = []
    server = NotificationServer()

    def prepare():
        wait_for('the stand-in notification server', lambda: server.pump() or server.acquired)
        cli = os.environ.get('RESEAU_CLI')
        if not cli:
            raise AssertionError('RESEAU_CLI is not set')
        env = dict(os.environ, XDG_DATA_HOME=data_home)
        day = (datetime.date.today() - datetime.timedelta(days=60)).isoformat()
        for name in (NAME, SNOOZED):
            uid = subprocess.run([cli, 'add', '--name=' + name, '--cadence=30'], env=env, check=True,
                                 stdout=subprocess.PIPE, timeout=30).stdout.decode().strip()
            subprocess.run([cli, 'log', '--with', uid, '--type', 'coffee', '--date', day],
                           env=env, check=True, stdout=subprocess.DEVNULL, timeout=30)

    def main_window():
        return state['window']

    def row_in(section, name=NAME):
        """The row of the contact in the section's list, or None."""
        def lookup():
            listing = find(main_window(), named(section, 'list'))
            if listing is None:
                return None
            return find(listing, lambda node: role_name(node) == 'list item'
                        and name_of(node).startswith(name) and is_showing(node))
        return lookup

    def start():
        app = App(extra_env={'XDG_DATA_HOME': data_home})
        apps.append(app)
        state['app'] = app
        app.find_on_desktop()
        state['window'] = app.window('Réseau')

    def summary_notified():
        def summary():
            server.pump()
            return ('2 people to get back to', None) in [(title, None) for title, body in server.received]
        wait_for('the summary notification', summary)
        if not any(NAME in body for title, body in server.received):
            raise AssertionError('the notification does not name the contact: %r' % server.received)

    def show_followup():
        button = wait_for('the “Follow-up” tab', lambda: find(main_window(), named('Follow-up', 'page tab')))
        click(button)
        state['row'] = wait_for('the contact under “Overdue”', row_in('Overdue'))

    def log_from_row():
        button = wait_for('its “Log…” button',
                          lambda: find(state['row'], named('Log…', 'push button')))
        click(button)

        def dialog():
            for window in state['app'].windows():
                if name_of(window) == 'Log Interaction':
                    return window
            return None
        state['dialog'] = wait_for('the “Log Interaction” window', dialog)
        wait_for('the contact among the participants',
                 lambda: find(state['dialog'], lambda n: name_of(n) == 'Remove ' + NAME))

    def choose_type():
        dialog = state['dialog']
        # GTK 4.8 gives a toggle button the role of a push button.
        call = wait_for('the “Call” button', lambda: find(dialog, lambda n: name_of(n) == 'Call'
                                                          and role_name(n) in ('toggle button', 'push button')))
        click(call)
        wait_for('“Call” pressed', lambda: has_state(call, Atspi.StateType.PRESSED)
                 or has_state(call, Atspi.StateType.CHECKED))

    def save():
        dialog = state['dialog']
        button = wait_for('the “Save” button', lambda: find(dialog, named('Save', 'push button')))
        click(button)
        wait_for('the window to close',
                 lambda: not any(name_of(w) == 'Log Interaction' for w in state['app'].windows()))

    def left_overdue():
        wait_for('the contact under “Later”', row_in('Later'))
        wait_for('the contact gone from “Overdue”', lambda: row_in('Overdue')() is None)

    def logged_a_call():
        output = subprocess.run([os.environ['RESEAU_CLI'], 'timeline', '--json'],
                                env=dict(os.environ, XDG_DATA_HOME=data_home), check=True,
                                stdout=subprocess.PIPE, timeout=30).stdout
        types = sorted(row['type'] for row in json.loads(output))
        if types != ['call', 'coffee', 'coffee']:
            raise AssertionError('the timeline holds %r, not a call and two coffees' % types)

    def snooze():
        row = wait_for('the second contact under “Overdue”', row_in('Overdue', SNOOZED))
        # GTK 4.8 gives a menu button's toggle the role of a push button.
        click(wait_for('its “Snooze” button', lambda: find(row, lambda n: name_of(n) == 'Snooze'
                                                           and role_name(n) in ('toggle button', 'push button'))))
        click(wait_for('“For a Week”', lambda: find(main_window(), named('For a Week', 'push button'))))
        wait_for('the second contact gone from “Overdue”', lambda: row_in('Overdue', SNOOZED)() is None)
        wait_for('the second contact listed later',
                 lambda: row_in('This Week', SNOOZED)() or row_in('Later', SNOOZED)())

    def quit_cleanly():
        status = state['app'].quit()
        if status != 0:
            raise AssertionError('exit status %d' % status)

    try:
        run_app_steps(tap, [
            ('an overdue contact made with reseau-cli', prepare),
            ('the application starts and shows its window', start),
            ('it notifies “2 people to get back to” at start', summary_notified),
            ('the Follow-up view lists the contact under “Overdue”', show_followup),
            ('“Log…” opens the log window with the contact', log_from_row),
            ('a type can be chosen', choose_type),
            ('Save logs the interaction and closes the window', save),
            ('the contact leaves “Overdue” for “Later”', left_overdue),
            ('the database holds the call beside the coffee', logged_a_call),
            ('a week’s snooze takes the second contact out of “Overdue”', snooze),
            ('the application quits cleanly when asked to', quit_cleanly),
            ('the application logged no warning', lambda: check_no_warnings(apps)),
        ], apps)
    finally:
        for app in apps:
            app.stop()
        shutil.rmtree(data_home, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main_guard(scenario))
