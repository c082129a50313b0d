#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: `reseau FILE.vcf` previews the file, imports it, and a second
import of the same file changes nothing.

The database lives in a folder kept between the two runs of the
application; each run is found on the AT-SPI desktop by its process id.
"""

import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from reseau_atspi import (App, check_no_warnings, Atspi, click, find, find_newest,  # noqa: E402
                          has_state, is_showing, main_guard, name_of, named,
                          role_name, run_steps, text_of, wait_for, walk)

# Three people as a phone would export them: a 3.0 card with folded NOTE,
# a 4.0 card, and a 2.1 card without UID (matched by its email on the
# second import).
VCARDS = (
    'BEGIN:VCARD\r\n'
    'VERSION:3.0\r\n'
    'UID:import-e2e-1\r\n'
    'N:Garnier;Apolline;;;\r\n'
    'FN:Apolline Garnier\r\n'
    'ORG:Studio Garnier\r\n'
    'EMAIL;TYPE=INTERNET,WORK:apolline@studio-garnier.example\r\n'
    'NOTE:Rencontrée au salon\\, intéressée par une refonte\r\n'
    '  du site.\r\n'
    'END:VCARD\r\n'
    'BEGIN:VCARD\r\n'
    'VERSION:4.0\r\n'
    'UID:urn:uuid:0c4b8a6e-9d1f-4e65-8f57-2f4c0b1d9a31\r\n'
    'FN:Baptiste Renaud\r\n'
    'N:Renaud;Baptiste;;;\r\n'
    'TEL;TYPE=cell:+33 6 98 76 54 32\r\n'
    'X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/brenaud\r\n'
    'END:VCARD\r\n'
    'BEGIN:VCARD\r\n'
    'VERSION:2.1\r\n'
    'N:Chevalier;Capucine\r\n'
    'EMAIL;INTERNET:capucine.chevalier@exemple.fr\r\n'
    'END:VCARD\r\n'
)
NAMES = ('Apolline Garnier', 'Baptiste Renaud', 'Capucine Chevalier')


def scenario(tap):
    data_home = tempfile.mkdtemp(prefix='reseau-ui-import-')
    vcf = os.path.join(data_home, 'phone-export.vcf')
    with open(vcf, 'w', encoding='utf-8', newline='') as out:
        out.write(VCARDS)

    apps = []
    state = {}

    def start(index):
        def step():
            app = App(extra_env={'XDG_DATA_HOME': data_home}, args=[vcf])
            apps.append(app)
            app.find_on_desktop()
            state['window'] = app.window('Réseau')
            state['dialog'] = app.window('Import Contacts', timeout=20)
        return step

    def counts(new, updated, unchanged):
        def step():
            dialog = state['dialog']
            for label in ('New: %d' % new, 'Updated: %d' % updated, 'Unchanged: %d' % unchanged):
                wait_for('“%s” in the preview' % label,
                         lambda label=label: find(dialog, named(label)), timeout=20)
        return step

    def rows_listed():
        dialog = state['dialog']
        listing = wait_for('the list of contacts to import',
                           lambda: find(dialog, named('Contacts to import', 'list')))
        for name in NAMES:
            wait_for('“%s” in the preview' % name,
                     lambda name=name: find(listing, lambda node: name in name_of(node) and is_showing(node)))

    def press_import():
        button = wait_for('the Import button', lambda: find(state['dialog'], named('Import', 'push button')))
        click(button)
        wait_for('the dialog to close',
                 lambda: all(name_of(window) != 'Import Contacts' for window in apps[-1].windows()),
                 timeout=20)

    def listed():
        window = state['window']
        listing = wait_for('the contact list', lambda: find(window, named('Contacts', 'list')))
        for name in NAMES:
            wait_for('“%s” in the contact list' % name,
                     lambda name=name: find(listing, lambda node: role_name(node) != 'label'
                                            and name_of(node) == name and is_showing(node)))

    def toast():
        wait_for('the toast saying 3 contacts were imported',
                 lambda: find_newest(state['window'], named('3 contacts imported', 'label')))

    def nothing_to_import():
        dialog = state['dialog']
        wait_for('the “nothing to import” message',
                 lambda: find(dialog, lambda node: role_name(node) == 'label'
                              and text_of(node).startswith('Nothing to import')
                              and is_showing(node)))
        button = find(dialog, named('Import', 'push button'))
        if button is not None and has_state(button, Atspi.StateType.SENSITIVE):
            raise AssertionError('Import is offered with nothing to import')

    def cancel():
        button = wait_for('the Cancel button', lambda: find(state['dialog'], named('Cancel', 'push button')))
        click(button)
        wait_for('the dialog to close',
                 lambda: all(name_of(window) != 'Import Contacts' for window in apps[-1].windows()))

    def still_three():
        listed()
        window = state['window']
        # Nothing was duplicated: the second row of each name would show too.
        listing = find(window, named('Contacts', 'list'))
        for name in NAMES:
            rows = [node for node in walk(listing)
                    if role_name(node) != 'label' and name_of(node) == name]
            if len(rows) != 1:
                raise AssertionError('%s is listed %d times' % (name, len(rows)))

    def quit_app():
        status = apps[-1].quit()
        if status != 0:
            raise AssertionError('exit status %d' % status)

    try:
        broken = run_steps(tap, [
            ('`reseau FILE.vcf` opens the import dialog', start(0)),
            ('the preview counts 3 new, 0 updated, 0 unchanged', counts(3, 0, 0)),
            ('the preview lists the three contacts', rows_listed),
            ('Import writes them and closes the dialog', press_import),
            ('a toast says 3 contacts were imported', toast),
            ('the contact list shows them', listed),
            ('the application quits cleanly', quit_app),
            ('the same file again opens the import dialog', start(1)),
            ('the preview counts 0 new, 0 updated, 3 unchanged', counts(0, 0, 3)),
            ('nothing to import, and Import is not offered', nothing_to_import),
            ('Cancel closes the dialog', cancel),
            ('each contact is listed once', still_three),
            ('the application quits cleanly again', quit_app),
            ('the application logged no warning', lambda: check_no_warnings(apps)),
        ])
        if broken is not None:
            for app in apps:
                output = app.output().strip()
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
