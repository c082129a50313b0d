#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: Export… in the main menu writes every contact to one vCard
4.0 file, with what the app does not show (an X-SOCIALPROFILE) kept.

The contacts come from a .vcf imported with reseau-cli ($RESEAU_CLI) into
the data folder the application then opens. The file chooser is GTK's own
dialog here (no portal in the test session).
"""

import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from reseau_atspi import (App, check_no_warnings, Atspi, click, find, find_all,  # noqa: E402
                          find_newest, is_showing, main_guard, name_of, named,
                          role_name, run_app_steps, set_text, text_of, wait_for)

VCARDS = (
    'BEGIN:VCARD\r\n'
    'VERSION:3.0\r\n'
    'UID:export-e2e-1\r\n'
    'N:Garnier;Apolline;;;\r\n'
    'FN:Apolline Garnier\r\n'
    'EMAIL;TYPE=INTERNET,WORK:apolline@studio-garnier.example\r\n'
    'END:VCARD\r\n'
    'BEGIN:VCARD\r\n'
    'VERSION:4.0\r\n'
    'UID:urn:uuid:0c4b8a6e-9d1f-4e65-8f57-2f4c0b1d9a31\r\n'
    'FN:Baptiste Renaud\r\n'
    'N:Renaud;Baptiste;;;\r\n'
    'TEL;TYPE=cell:+33 6 98 76 54 32\r\n'
    'X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/brenaud\r\n'
    'END:VCARD\r\n'
)
NAMES = ('Apolline Garnier', 'Baptiste Renaud')


def scenario(tap):
    # GTK's file chooser takes a while to answer in a sanitizer build; the
    # default AT-SPI timeout would fail the click.
    Atspi.set_timeout(30000, 60000)
    data_home = tempfile.mkdtemp(prefix='reseau-ui-export-')
    export_path = os.path.join(data_home, 'exported.vcf')
    state = {}
    apps = []

    def prepare():
        vcf = os.path.join(data_home, 'phone.vcf')
        with open(vcf, 'w', encoding='utf-8', newline='') as out:
            out.write(VCARDS)
        subprocess.run([os.environ['RESEAU_CLI'], 'import', vcf],
                       env=dict(os.environ, XDG_DATA_HOME=data_home), check=True,
                       stdout=subprocess.DEVNULL, timeout=30)

    def start():
        app = App(extra_env={'XDG_DATA_HOME': data_home})
        apps.append(app)
        app.find_on_desktop()
        state['window'] = app.window('Réseau')
        listing = wait_for('the contact list', lambda: find(state['window'], named('Contacts', 'list')))
        for name in NAMES:
            wait_for('“%s” in the contact list' % name,
                     lambda name=name: find(listing, lambda node: role_name(node) != 'label'
                                            and name_of(node) == name and is_showing(node)))

    def open_chooser():
        app = apps[0]
        buttons = wait_for('the main menu button', lambda: find_all(state['window'], named('Main menu')))
        # GTK 4.8: only the button inside the menu button has an action.
        click([node for node in buttons if node.get_n_actions() > 0][-1])
        click(wait_for('“Export…” in the menu', lambda: find(app.accessible, named('Export…', 'menu item'))))
        state['chooser'] = app.window('Export Contacts')
        state['name'] = wait_for('the file name field, with the suggested name',
                                 lambda: find(state['chooser'], lambda node: role_name(node) == 'text'
                                              and is_showing(node) and text_of(node) == 'contacts.vcf'))

    def export():
        app = apps[0]
        # A full path in the name field saves there.
        set_text(state['name'], export_path)
        wait_for('the path to be typed', lambda: text_of(state['name']) == export_path)
        click(wait_for('the Export button', lambda: find(state['chooser'], named('Export', 'push button'))))
        wait_for('the file chooser to close',
                 lambda: all(name_of(window) != 'Export Contacts' for window in app.windows()), timeout=20)
        wait_for('the toast saying they were exported',
                 lambda: find_newest(state['window'], named('2 contacts exported to exported.vcf', 'label')),
                 timeout=20)

    def file_written():
        with open(export_path, encoding='utf-8') as exported:
            text = exported.read()
        if text.count('BEGIN:VCARD') != 2 or text.count('VERSION:4.0') != 2:
            raise AssertionError('the exported file is not two 4.0 cards:\n' + text)
        for name in NAMES:
            if 'FN:' + name not in text:
                raise AssertionError('%s is not in the exported file' % name)
        if 'X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/brenaud' not in text:
            raise AssertionError('a property the app does not show was lost:\n' + text)

    def quit_app():
        status = apps[0].quit()
        if status != 0:
            raise AssertionError('exit status %d' % status)

    try:
        run_app_steps(tap, [
            ('two contacts imported with reseau-cli', prepare),
            ('the application lists them', start),
            ('Export… opens a file chooser suggesting contacts.vcf', open_chooser),
            ('exporting writes the file and says so', export),
            ('the file holds both as 4.0 cards, unknown properties kept', file_written),
            ('the application quits cleanly', quit_app),
            ('the application logged no warning', lambda: check_no_warnings(apps)),
        ], apps)
    finally:
        for app in apps:
            app.stop()
        shutil.rmtree(data_home, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main_guard(scenario))
