#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: a CardDAV account is added from Preferences against a real
Radicale on loopback, its two cards reach the contact list, and the sync
button syncs again.

A wrong password first: the dialog says so and nothing is saved (no
account row appears). Then the right one: the address book is listed,
Add stores the password in the session's keyring (unlocked by
build-aux/test-session) and runs the first sync.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from reseau_atspi import (App, Atspi, StepFailed, click, dump, find,  # noqa: E402
                          find_all, has_state, is_showing, main_guard, name_of,
                          named, role_name, run_steps, set_text, text_of, wait_for)

USER = 'alice'
PASSWORD = 'secret-alice'
NEW_PASSWORD = 'new-secret-alice'
CARDS = {
    'apolline.vcf': ('BEGIN:VCARD\r\n'
                     'VERSION:3.0\r\n'
                     'UID:sync-e2e-apolline\r\n'
                     'N:Garnier;Apolline;;;\r\n'
                     'FN:Apolline Garnier\r\n'
                     'ORG:Studio Garnier\r\n'
                     'EMAIL;TYPE=INTERNET:apolline@studio-garnier.example\r\n'
                     'END:VCARD\r\n'),
    'baptiste.vcf': ('BEGIN:VCARD\r\n'
                     'VERSION:3.0\r\n'
                     'UID:sync-e2e-baptiste\r\n'
                     'N:Renaud;Baptiste;;;\r\n'
                     'FN:Baptiste Renaud\r\n'
                     'TEL;TYPE=CELL:+33 6 98 76 54 32\r\n'
                     'END:VCARD\r\n'),
}
NAMES = ('Apolline Garnier', 'Baptiste Renaud')
# Written on the server between two syncs, as a phone would.
THIRD = ('capucine.vcf', 'Capucine Chevalier',
         'BEGIN:VCARD\r\n'
         'VERSION:3.0\r\n'
         'UID:sync-e2e-capucine\r\n'
         'N:Chevalier;Capucine;;;\r\n'
         'FN:Capucine Chevalier\r\n'
         'EMAIL;TYPE=INTERNET:capucine.chevalier@exemple.fr\r\n'
         'END:VCARD\r\n')


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


class Radicale:
    """Radicale 3 with htpasswd authentication and alice's address book
    seeded as files (CARDDAV.md), stopped by PID at the end."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix='reseau-radicale-')
        self.port = free_port()
        self.url = 'http://127.0.0.1:%d/' % self.port
        storage = os.path.join(self.folder, 'storage')
        book = self.book = os.path.join(storage, 'collection-root', USER, 'contacts')
        os.makedirs(book)
        with open(os.path.join(book, '.Radicale.props'), 'w') as props:
            props.write('{"D:displayname": "Contacts", "tag": "VADDRESSBOOK"}')
        for name, card in CARDS.items():
            with open(os.path.join(book, name), 'w', newline='') as out:
                out.write(card)
        users = self.users = os.path.join(self.folder, 'users')
        with open(users, 'w') as out:
            out.write('%s:%s\n' % (USER, PASSWORD))
        config = os.path.join(self.folder, 'radicale.conf')
        with open(config, 'w') as out:
            out.write('[server]\nhosts = 127.0.0.1:%d\n'
                      '[auth]\ntype = htpasswd\nhtpasswd_filename = %s\nhtpasswd_encryption = plain\n'
                      '[rights]\ntype = owner_only\n'
                      '[storage]\nfilesystem_folder = %s\n'
                      '[web]\ntype = none\n'
                      '[logging]\nlevel = warning\nmask_passwords = True\n' % (self.port, users, storage))
        self.log = open(os.path.join(self.folder, 'radicale.log'), 'wb')
        self.process = subprocess.Popen(['radicale', '-C', config], stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)

        def answers():
            if self.process.poll() is not None:
                raise StepFailed('radicale exited with status %d: %s'
                                 % (self.process.returncode, self.output()))
            try:
                urllib.request.urlopen(self.url, timeout=1)
            except urllib.error.HTTPError:
                return True     # 401: it is up and asks for a password
            except OSError:
                return False
            return True
        wait_for('Radicale to answer on port %d' % self.port, answers, timeout=20)

    def empty_book(self):
        """Every card deleted, as a phone reset would."""
        for name in os.listdir(self.book):
            if name.endswith('.vcf'):
                os.unlink(os.path.join(self.book, name))

    def set_password(self, password):
        """Radicale reads its htpasswd file at every login."""
        with open(self.users, 'w') as out:
            out.write('%s:%s\n' % (USER, password))

    def seed(self, name, card):
        """Another client's card (Radicale reads its folder on every request)."""
        with open(os.path.join(self.book, name), 'w', newline='') as out:
            out.write(card)

    def output(self):
        try:
            self.log.flush()
            with open(os.path.join(self.folder, 'radicale.log'), 'rb') as log:
                return log.read().decode('utf-8', 'replace')[-2000:]
        except OSError:
            return ''

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def keyring_items():
    """What the session's keyring holds for alice: a list of attribute dicts."""
    result = subprocess.run(['secret-tool', 'search', '--all', 'user', USER],
                            capture_output=True, text=True, timeout=20)
    items = []
    for line in (result.stdout + result.stderr).splitlines():
        if line.startswith('['):
            items.append({})
        elif line.startswith('attribute.') and items:
            key, _, value = line[len('attribute.'):].partition(' = ')
            items[-1][key] = value
    return items


def scenario(tap):
    for program, package in (('radicale', 'radicale'), ('secret-tool', 'libsecret-tools')):
        if shutil.which(program) is None:
            # CI installs both (.ci/run); a developer machine without them says so.
            tap.skip_all('%s is not installed (apt-get install %s)' % (program, package))
            return

    state = {}
    apps = []
    server = None

    def main_window():
        return state['window']

    def preferences():
        return state['preferences']

    def dialog():
        return state['dialog']

    def start():
        nonlocal server
        server = Radicale()
        app = App()
        apps.append(app)
        app.find_on_desktop()
        state['window'] = app.window('Réseau')
        wait_for('“No contacts yet”', lambda: find(main_window(), named('No contacts yet', 'label')))
        if find(main_window(), named('Sync', 'push button')) is not None:
            raise AssertionError('the sync button shows without an account')

    def open_preferences():
        buttons = wait_for('the main menu button', lambda: find_all(main_window(), named('Main menu')))
        click([node for node in buttons if node.get_n_actions() > 0][-1])
        click(wait_for('“Preferences” in the menu',
                       lambda: find(apps[0].accessible, named('Preferences', 'menu item'))))
        state['preferences'] = apps[0].window('Preferences')
        # The phone sync page, from the view switcher.
        tab = wait_for('the “Phone Sync” page',
                       lambda: find(preferences(), lambda node: clean(node) == 'Phone Sync'
                                    and implements_action(node)))
        click(tab)
        wait_for('“No account yet”', lambda: find(preferences(), named('No account yet')))

    def open_dialog():
        click(wait_for('the “Add Account…” button',
                       lambda: find(preferences(), named('Add Account…', 'push button'))))
        state['dialog'] = apps[0].window('Add Account')

    def fill(server_address, user, password):
        for field, value in (('Server address', server_address), ('User name', user),
                             ('Password', password)):
            entry = wait_for('the “%s” field' % field,
                             lambda field=field: find(dialog(), lambda node: name_of(node) == field
                                                      and implements_editable(node)
                                                      and is_showing(node)))
            set_text(entry, value)

    def connect_button():
        return wait_for('the Connect button', lambda: find(dialog(), named('Connect', 'push button')))

    def wrong_password():
        connect = connect_button()
        if has_state(connect, Atspi.StateType.SENSITIVE):
            raise AssertionError('Connect is offered before the form is filled')
        fill(server.url, USER, 'not-the-password')
        wait_for('Connect to become sensitive', lambda: has_state(connect, Atspi.StateType.SENSITIVE))
        click(connect)
        wait_for('the message that the password is wrong',
                 lambda: find(dialog(), lambda node: role_name(node) == 'label'
                              and 'Wrong user name or password' in text_of(node)
                              and is_showing(node)),
                 timeout=20)

    def nothing_saved():
        # Still the form, and no account behind it.
        connect_button()
        if find(preferences(), lambda node: name_of(node).startswith('%s@' % USER)) is not None:
            raise AssertionError('an account row appeared after a wrong password')
        if find(preferences(), named('No account yet')) is None:
            raise AssertionError('“No account yet” went away after a wrong password')
        if keyring_items():
            raise AssertionError('the keyring holds a password after a wrong one: %r' % keyring_items())

    def right_password():
        entry = find(dialog(), lambda node: name_of(node) == 'Password' and implements_editable(node))
        set_text(entry, PASSWORD)
        click(connect_button())
        wait_for('the address book “Contacts”',
                 lambda: find(dialog(), lambda node: role_name(node) == 'check box'
                              and name_of(node).startswith('Contacts') and is_showing(node)),
                 timeout=20)
        box = find(dialog(), lambda node: role_name(node) == 'check box' and name_of(node).startswith('Contacts'))
        if not has_state(box, Atspi.StateType.CHECKED):
            raise AssertionError('the address book is not checked')

    def add():
        click(wait_for('the Add button', lambda: find(dialog(), named('Add', 'push button'))))
        wait_for('the dialog to close',
                 lambda: all(name_of(window) != 'Add Account' for window in apps[0].windows()),
                 timeout=20)
        wait_for('the account row',
                 lambda: find(preferences(), lambda node: name_of(node).startswith('%s@127.0.0.1:%d' % (USER, server.port))))

    def in_keyring():
        items = keyring_items()
        if len(items) != 1 or not items[0].get('server', '').startswith(server.url.rstrip('/')):
            raise AssertionError('the keyring should hold one password for %s: %r' % (server.url, items))

    def close_preferences():
        preferences_window = preferences()
        # Ctrl+W is bound; a click on the close button works without the
        # key synthesizer.
        button = wait_for('the close button of Preferences',
                          lambda: find(preferences_window, named('Close', 'push button')))
        click(button)
        wait_for('Preferences to close',
                 lambda: all(name_of(window) != 'Preferences' for window in apps[0].windows()))

    def listed():
        listing = wait_for('the contact list', lambda: find(main_window(), named('Contacts', 'list')),
                           timeout=30)
        for name in NAMES:
            wait_for('“%s” in the contact list' % name,
                     lambda name=name: find(listing, lambda node: role_name(node) != 'label'
                                            and name_of(node) == name and is_showing(node)),
                     timeout=30)

    def sync_again():
        button = wait_for('the sync button',
                          lambda: find(main_window(), lambda node: role_name(node) == 'push button'
                                       and name_of(node) == 'Sync' and is_showing(node)
                                       and has_state(node, Atspi.StateType.SENSITIVE)),
                          timeout=30)
        # A card the "phone" wrote on the server since: only a sync brings
        # it (the periodic one is 15 minutes away).
        server.seed(THIRD[0], THIRD[2])
        click(button)
        listing = find(main_window(), named('Contacts', 'list'))
        wait_for('“%s” in the contact list' % THIRD[1],
                 lambda: find(listing, lambda node: role_name(node) != 'label'
                              and name_of(node) == THIRD[1] and is_showing(node)),
                 timeout=30)
        wait_for('the sync button to be back',
                 lambda: has_state(button, Atspi.StateType.SENSITIVE), timeout=30)
        listed()

    def synced_in_preferences():
        open_preferences_again()
        row = wait_for('the account row',
                       lambda: find(preferences(), lambda node: name_of(node).startswith('%s@127.0.0.1' % USER)))
        wait_for('“Last synced just now” on the account',
                 lambda: find(preferences(), lambda node: role_name(node) == 'label'
                              and text_of(node).startswith('Last synced')))
        if find(preferences(), lambda node: role_name(node) == 'label'
                and text_of(node) == 'Never synced') is not None:
            raise AssertionError('the account says it was never synced: %s' % name_of(row))

    def open_preferences_again():
        buttons = wait_for('the main menu button', lambda: find_all(main_window(), named('Main menu')))
        click([node for node in buttons if node.get_n_actions() > 0][-1])
        click(wait_for('“Preferences” in the menu',
                       lambda: find(apps[0].accessible, named('Preferences', 'menu item'))))
        state['preferences'] = apps[0].window('Preferences')
        tab = wait_for('the “Phone Sync” page',
                       lambda: find(preferences(), lambda node: clean(node) == 'Phone Sync'
                                    and implements_action(node)))
        click(tab)

    def password_refused():
        close_preferences()
        server.set_password(NEW_PASSWORD)
        button = find(main_window(), lambda node: role_name(node) == 'push button' and name_of(node) == 'Sync')
        wait_for('the sync button to be sensitive', lambda: has_state(button, Atspi.StateType.SENSITIVE))
        click(button)
        wait_for('the banner saying the password was refused',
                 lambda: find(main_window(), lambda node: role_name(node) == 'label'
                              and 'refused the password' in text_of(node) and is_showing(node)),
                 timeout=30)

    def reenter_password():
        click(wait_for('the “Re-enter Password…” button',
                       lambda: find(main_window(), named('Re-enter Password…', 'push button'))))
        state['dialog'] = apps[0].window('Change Password')
        state['preferences'] = apps[0].window('Preferences')
        entry = wait_for('the password field',
                         lambda: find(dialog(), lambda node: name_of(node) == 'Password'
                                      and implements_editable(node)))
        set_text(entry, NEW_PASSWORD)
        click(connect_button())
        wait_for('the dialog to close',
                 lambda: all(name_of(window) != 'Change Password' for window in apps[0].windows()),
                 timeout=20)
        items = keyring_items()
        if len(items) != 1:
            raise AssertionError('the keyring should hold one password: %r' % items)
        result = subprocess.run(['secret-tool', 'lookup', 'user', USER], capture_output=True,
                                text=True, timeout=20)
        if result.stdout.strip() != NEW_PASSWORD:
            raise AssertionError('the keyring does not hold the new password')

    def banner_gone():
        # The sync with the new password ran: the banner went with it.
        wait_for('the banner to go',
                 lambda: find(main_window(), lambda node: role_name(node) == 'label'
                              and 'refused the password' in text_of(node) and is_showing(node)) is None,
                 timeout=30)
        wait_for('the account to say it synced',
                 lambda: find(preferences(), lambda node: role_name(node) == 'label'
                              and text_of(node).startswith('Last synced')), timeout=30)

    def press_sync():
        button = find(main_window(), lambda node: role_name(node) == 'push button' and name_of(node) == 'Sync')
        wait_for('the sync button to be sensitive', lambda: has_state(button, Atspi.StateType.SENSITIVE),
                 timeout=30)
        click(button)

    def deletion_dialog():
        return wait_for('the “Delete Most Contacts?” dialog',
                        lambda: next((window for window in apps[0].windows()
                                      if find(window, named('Delete Most Contacts?', 'label'))), None),
                        timeout=30)

    def more_cards():
        # The safety valve is for books of some size (the engine leaves a
        # handful of deletions alone): ten more cards from the "phone".
        for i in range(10):
            server.seed('extra-%02d.vcf' % i,
                        'BEGIN:VCARD\r\nVERSION:3.0\r\nUID:sync-e2e-extra-%02d\r\n'
                        'N:Extra;Contact %02d;;;\r\nFN:Contact %02d Extra\r\nEND:VCARD\r\n' % (i, i, i))
        press_sync()
        listing = find(main_window(), named('Contacts', 'list'))
        wait_for('“Contact 00 Extra” in the list',
                 lambda: find(listing, lambda node: role_name(node) != 'label'
                              and name_of(node) == 'Contact 00 Extra'), timeout=30)

    def mass_deletion_kept():
        server.empty_book()
        press_sync()
        question = deletion_dialog()
        click(wait_for('“Keep Them”', lambda: find(question, named('Keep Them', 'push button'))))
        wait_for('the dialog to close',
                 lambda: all(find(window, named('Delete Most Contacts?', 'label')) is None
                             for window in apps[0].windows()))
        listed()

    def mass_deletion_confirmed():
        press_sync()
        question = deletion_dialog()
        click(wait_for('“Delete and Sync”', lambda: find(question, named('Delete and Sync', 'push button'))))
        wait_for('“No contacts yet”', lambda: find(main_window(), named('No contacts yet', 'label')),
                 timeout=30)

    def one_more_from_server():
        server.seed(THIRD[0], THIRD[2])
        press_sync()
        listing = wait_for('the contact list', lambda: find(main_window(), named('Contacts', 'list')),
                           timeout=30)
        wait_for('“%s” in the contact list' % THIRD[1],
                 lambda: find(listing, lambda node: role_name(node) != 'label'
                              and name_of(node) == THIRD[1] and is_showing(node)),
                 timeout=30)

    def remove_account():
        open_preferences_again()
        # AdwActionRow adds the row's title to its button's name.
        button = wait_for('the “Remove Account…” button',
                          lambda: find(preferences(), lambda node: role_name(node) == 'push button'
                                       and name_of(node).startswith('Remove %s@' % USER)))
        click(button)
        question = wait_for('the “Remove Account?” dialog',
                            lambda: next((window for window in apps[0].windows()
                                          if find(window, named('Remove Account?', 'label'))), None))
        click(wait_for('“Remove”', lambda: find(question, named('Remove', 'push button'))))
        wait_for('“No account yet”', lambda: find(preferences(), named('No account yet')), timeout=20)
        wait_for('the keyring to forget the password', lambda: not keyring_items(), timeout=20)
        close_preferences()

    def contacts_stay():
        listing = wait_for('the contact list', lambda: find(main_window(), named('Contacts', 'list')))
        wait_for('“%s” still in the contact list' % THIRD[1],
                 lambda: find(listing, lambda node: role_name(node) != 'label'
                              and name_of(node) == THIRD[1] and is_showing(node)))
        wait_for('the sync button to go',
                 lambda: find(main_window(), lambda node: role_name(node) == 'push button'
                              and name_of(node) == 'Sync' and is_showing(node)) is None)

    def quit_app():
        status = apps[-1].quit()
        if status != 0:
            raise AssertionError('exit status %d' % status)

    def no_warnings():
        for app in apps:
            output = app.output()
            for marker in ('-CRITICAL', '-WARNING', 'Gtk-WARNING'):
                if marker in output:
                    raise AssertionError('the application logged: ' + output.strip()[-2000:])
            if PASSWORD in output or NEW_PASSWORD in output:
                raise AssertionError('the password appears in the application output')

    def no_plaintext_password():
        data_home = os.path.join(apps[0].tmp, 'data')
        for folder, _, files in os.walk(data_home):
            for name in files:
                with open(os.path.join(folder, name), 'rb') as data:
                    content = data.read()
                    if PASSWORD.encode() in content or NEW_PASSWORD.encode() in content:
                        raise AssertionError('the password is written in %s' % os.path.join(folder, name))

    try:
        broken = run_steps(tap, [
            ('the app starts on an empty address book, without a sync button', start),
            ('Preferences opens on the phone sync page, with no account', open_preferences),
            ('“Add Account…” opens the account dialog', open_dialog),
            ('a wrong password: the dialog says so', wrong_password),
            ('nothing is saved after a wrong password', nothing_saved),
            ('the right password lists the address book “Contacts”, checked', right_password),
            ('Add saves the account and closes the dialog', add),
            ('the password is in the keyring', in_keyring),
            ('Preferences closes', close_preferences),
            ('the first sync brings the two server contacts', listed),
            ('the sync button brings a card added on the server since', sync_again),
            ('the account says it was synced', synced_in_preferences),
            ('the server changes the password: a banner says it was refused', password_refused),
            ('“Re-enter Password…” asks for it and stores the new one', reenter_password),
            ('the next sync works and the banner goes', banner_gone),
            ('ten more cards on the server come down', more_cards),
            ('the server book emptied: the app asks, and “Keep Them” keeps them', mass_deletion_kept),
            ('asked again, “Delete and Sync” deletes them here too', mass_deletion_confirmed),
            ('a card on the server comes down again', one_more_from_server),
            ('“Remove Account…” asks, then forgets the account and its password', remove_account),
            ('the contacts stay, the sync button goes', contacts_stay),
            ('the password is in no file of the data folder', no_plaintext_password),
            ('the application quits cleanly', quit_app),
            ('the application logged no warning', no_warnings),
        ])
        if broken is not None:
            for key in ('dialog', 'preferences', 'window'):
                if key in state:
                    try:
                        print('# %s:' % key)
                        for line in dump(state[key]).splitlines()[:200]:
                            print('#   ' + line)
                    except Exception:
                        pass
            for app in apps:
                output = app.output().strip()
                if output:
                    print('# application output:')
                    for line in output.splitlines()[-40:]:
                        print('#   ' + line)
            if server is not None:
                print('# radicale: ' + server.output().replace('\n', '\n#   '))
    finally:
        for app in apps:
            app.stop()
        if server is not None:
            server.stop()


def clean(node):
    name = name_of(node)
    return name.replace('_', '')


def implements_action(node):
    try:
        return 'Action' in node.get_interfaces() and node.get_n_actions() > 0
    except Exception:
        return False


def implements_editable(node):
    try:
        return 'EditableText' in node.get_interfaces()
    except Exception:
        return False


if __name__ == '__main__':
    sys.exit(main_guard(scenario))
