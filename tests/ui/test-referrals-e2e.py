#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end, on a database with a referral received and not thanked:
the Referrals view lists it under “Recommended me — not thanked yet”;
“Mark Thanked” takes it out of that group. Then, on the referrer's contact
sheet, “Record Referral…” opens the referral window with them preset; a
referral given, saved from there, changes the sheet's balance from
“Gave 0 · Received 1” to “Gave 1 · Received 1”.

The unthanked referral is a “Thank …” follow-up due today, which the
application notifies at start: a stand-in notification server on the
private session bus takes it.

The contacts and the referral are made with reseau-cli ($RESEAU_CLI) in a
data folder the application then opens. Needs a display, a session bus and
the accessibility bus (TESTING.md); without them it reports a skip.
"""

import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gi.repository import Gio, GLib  # noqa: E402

from reseau_atspi import (App, check_no_warnings, click, find,  # noqa: E402
                          is_showing, main_guard, name_of, named, role_name,
                          run_app_steps, wait_for)

REFERRER = 'Anne Martin'
CLIENT = 'Brasserie du Port'
GROUP = 'Recommended me — not thanked yet'

NOTIFICATIONS_XML = '''
<node>
  <interface name="org.freedesktop.Notifications">
    <method name="Notify">
      <arg type="s" direction="in"/><arg type="u" direction="in"/><arg type="s" direction="in"/>
      <arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="as" direction="in"/>
      <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/><arg type="u" direction="out"/>
    </method>
    <method name="CloseNotification"><arg type="u" direction="in"/></method>
  </interface>
</node>
'''


class Notifications:
    """Answers org.freedesktop.Notifications while pump() runs."""

    def __init__(self):
        self.acquired = False
        self.bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        info = Gio.DBusNodeInfo.new_for_xml(NOTIFICATIONS_XML).interfaces[0]
        self.bus.register_object('/org/freedesktop/Notifications', info, self.on_call, None, None)
        Gio.bus_own_name_on_connection(self.bus, 'org.freedesktop.Notifications',
                                       Gio.BusNameOwnerFlags.NONE, self.on_acquired, None)

    def on_acquired(self, connection, name):
        self.acquired = True

    def on_call(self, connection, sender, path, interface, method, parameters, invocation):
        invocation.return_value(GLib.Variant('(u)', (1,)) if method == 'Notify' else None)

    def pump(self):
        context = GLib.MainContext.default()
        while context.pending():
            context.iteration(False)
        return self.acquired


def scenario(tap):
    data_home = tempfile.mkdtemp(prefix='reseau-ui-referrals-')
    state = {}
    apps = []
    server = Notifications()

    def pumping(function):
        return lambda: server.pump() and function()

    def prepare():
        wait_for('the stand-in notification server', server.pump)
        cli = os.environ.get('RESEAU_CLI')
        if not cli:
            raise AssertionError('RESEAU_CLI is not set')
        env = dict(os.environ, XDG_DATA_HOME=data_home)
        uids = {}
        for name in (REFERRER, CLIENT):
            uids[name] = subprocess.run([cli, 'add', '--name=' + name], env=env, check=True,
                                        stdout=subprocess.PIPE, timeout=30).stdout.decode().strip()
        subprocess.run([cli, 'referral', 'add', '--direction', 'received', '--contact', uids[REFERRER],
                        '--to', uids[CLIENT], '--subject', 'Site web'],
                       env=env, check=True, stdout=subprocess.DEVNULL, timeout=30)

    def main_window():
        return state['window']

    def unthanked_row():
        listing = find(main_window(), named(GROUP, 'list'))
        if listing is None:
            return None
        return find(listing, lambda node: role_name(node) == 'list item'
                    and name_of(node).startswith(REFERRER) and is_showing(node))

    def start():
        app = App(extra_env={'XDG_DATA_HOME': data_home})
        apps.append(app)
        state['app'] = app
        app.find_on_desktop()
        state['window'] = app.window('Réseau')

    def show_referrals():
        click(wait_for('the “Referrals” tab', lambda: find(main_window(), named('Referrals', 'page tab'))))
        state['row'] = wait_for('the referral under “%s”' % GROUP, pumping(unthanked_row))

    def mark_thanked():
        click(wait_for('its “Mark Thanked” button',
                       lambda: find(state['row'], named('Mark Thanked', 'push button'))))
        wait_for('the referral gone from “%s”' % GROUP, lambda: unthanked_row() is None)

    def open_sheet():
        click(wait_for('the “Contacts” tab', lambda: find(main_window(), named('Contacts', 'page tab'))))

        def row():
            listing = find(main_window(), named('Contacts', 'list'))
            if listing is None:
                return None
            return find(listing, lambda node: role_name(node) != 'label'
                        and name_of(node) == REFERRER and is_showing(node))
        node = wait_for('the referrer in the contact list', row)
        # A GtkListView row cannot be clicked through AT-SPI in GTK 4.8:
        # select it through the list's Selection, as a screen reader does.
        listing = find(main_window(), named('Contacts', 'list'))
        item = node
        while item is not None and item.get_parent() != listing:
            item = item.get_parent()
        if item is None or not listing.select_child(item.get_index_in_parent()):
            raise AssertionError('the referrer’s row cannot be selected')
        wait_for('the balance “Gave 0 · Received 1”',
                 lambda: find(main_window(), named('Gave 0 · Received 1', 'label')))

    def record_given():
        click(wait_for('the “Record Referral…” button',
                       lambda: find(main_window(), named('Record Referral…', 'push button'))))

        def dialog():
            for window in state['app'].windows():
                if name_of(window) == 'Record Referral':
                    return window
            return None
        window = wait_for('the “Record Referral” window', dialog)
        wait_for('the referrer preset', lambda: find(window, lambda n: REFERRER in name_of(n)))
        # GTK 4.8 gives a toggle button the role of a push button.
        click(wait_for('the “Given” button', lambda: find(window, lambda n: name_of(n) == 'Given'
                                                          and role_name(n) in ('toggle button', 'push button'))))
        save = wait_for('the “Save” button', lambda: find(window, named('Save', 'push button')))
        click(save)
        wait_for('the window to close',
                 lambda: not any(name_of(w) == 'Record Referral' for w in state['app'].windows()))

    def balance_changed():
        wait_for('the balance “Gave 1 · Received 1”',
                 lambda: find(main_window(), named('Gave 1 · Received 1', 'label')))

    def quit_cleanly():
        status = state['app'].quit()
        if status != 0:
            raise AssertionError('exit status %d' % status)

    try:
        run_app_steps(tap, [
            ('two contacts and a referral received made with reseau-cli', prepare),
            ('the application starts and shows its window', start),
            ('the Referrals view lists the referral as not thanked yet', show_referrals),
            ('“Mark Thanked” takes it out of that group', mark_thanked),
            ('the referrer’s sheet shows the balance', open_sheet),
            ('a referral given is recorded from the sheet', record_given),
            ('the sheet’s balance counts it', balance_changed),
            ('the application quits cleanly when asked to', quit_cleanly),
            ('the application logged no warning', lambda: check_no_warnings(apps)),
        ], apps)
    finally:
        for app in apps:
            app.stop()
        shutil.rmtree(data_home, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main_guard(scenario))
