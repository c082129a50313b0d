#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window speaks French when the user's language is French.

The build's catalogue is used, not an installed one: the application reads
$RESEAU_LOCALEDIR (set here to $RESEAU_BUILD_DIR/po, where meson puts
fr/LC_MESSAGES/reseau.mo) instead of the configured locale folder. The build
machines only have the C.UTF-8 locale; gettext still honours LANGUAGE with
it, so LANGUAGE=fr is what selects French.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from reseau_atspi import App, click, find, main_guard, named, run_steps, wait_for  # noqa: E402


def scenario(tap):
    locale_dir = os.environ.get('RESEAU_LOCALEDIR')
    if not locale_dir:
        locale_dir = os.path.join(os.environ.get('RESEAU_BUILD_DIR', ''), 'po')
    catalogue = os.path.join(locale_dir, 'fr', 'LC_MESSAGES', 'reseau.mo')

    app = App(extra_env={
        'LANGUAGE': 'fr',
        'LANG': 'fr_FR.UTF-8',
        'LC_ALL': os.environ.get('LC_ALL', 'C.UTF-8'),
        'RESEAU_LOCALEDIR': locale_dir,
    })
    state = {}

    def catalogue_built():
        if not os.path.isfile(catalogue):
            raise AssertionError('no French catalogue at %s' % catalogue)

    def start():
        app.find_on_desktop()
        state['window'] = app.window('Réseau')

    def shows(text, role):
        def check():
            wait_for('“%s”' % text, lambda: find(state['window'], named(text, role)))
        return check

    def show(tab):
        def check():
            click(wait_for('the “%s” tab' % tab, lambda: find(state['window'], named(tab, 'page tab'))))
        return check

    def no_english():
        # "Contacts" is the same word in both languages; "Follow-up" is not.
        if find(state['window'], named('Follow-up', 'page tab')):
            raise AssertionError('the “Follow-up” tab is still in English')
        for english in ('Referrals', 'Events', 'Network'):
            if find(state['window'], named(english, 'page tab')):
                raise AssertionError('the “%s” tab is still in English' % english)

    try:
        run_steps(tap, [
            ('the French catalogue is built', catalogue_built),
            ('the application starts and shows its window', start),
            ('the contacts view is called “Contacts”', shows('Contacts', 'page tab')),
            ('the follow-up view is called “Suivi”', shows('Suivi', 'page tab')),
            ('the referrals view is called “Recommandations”', shows('Recommandations', 'page tab')),
            ('the new contact button says “Nouveau contact”', shows('Nouveau contact', 'push button')),
            ('the events view is called “Événements”', shows('Événements', 'page tab')),
            ('the network view is called “Carte”', shows('Carte', 'page tab')),
            ('the follow-up view opens', show('Suivi')),
            ('its empty state says “Rien à relancer”', shows('Rien à relancer', 'label')),
            ('the events view opens', show('Événements')),
            ('its empty state says “Aucun événement pour l’instant”',
             shows('Aucun événement pour l’instant', 'label')),
            ('nothing is left in English', no_english),
        ])
    finally:
        app.stop()


if __name__ == '__main__':
    sys.exit(main_guard(scenario))
