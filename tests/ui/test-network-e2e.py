#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: `reseau --demo --view network` opens on the Network view;
the map's nodes are exposed to AT-SPI as buttons named after the people,
organizations and events they stand for ("Anne Dupont, person"), among
them a contact of the demo network; the view says how many people it
draws; the search entry highlights matches (the status line counts them);
and a screenshot of the screen is not blank: it holds the many colours of
a drawn network, not a flat background.

The screenshot is taken with ImageMagick's `import` (Debian package
imagemagick, which build-aux/dev installs); without it that step reports
a skip. Needs a display, a session bus and the accessibility bus
(TESTING.md); without them it reports a skip.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from reseau_atspi import (App, check_no_warnings, children, find,  # noqa: E402
                          find_all, find_newest, main_guard, name_of,
                          role_name, run_app_steps, set_text, text_of, wait_for)

TITLE = 'Réseau — demo network'
# Enough nodes on screen to tell a drawn network from a stray widget.
MIN_NODES = 20
# A flat or nearly flat screen has a handful of colours; the map's nodes,
# edges, labels and their antialiasing give hundreds.
MIN_COLOURS = 200
HAVE_IMAGEMAGICK = shutil.which('import') is not None and shutil.which('identify') is not None


def scenario(tap):
    state = {}
    apps = []
    scratch = tempfile.mkdtemp(prefix='reseau-ui-network-')

    def window():
        return state['window']

    def is_node(node):
        return role_name(node) in ('push button', 'button') and re.search(
            r', (person|organization|event|group of \d+)$', name_of(node)) is not None

    def start():
        app = App(args=['--demo', '--view', 'network'])
        apps.append(app)
        state['app'] = app
        app.find_on_desktop(timeout=30)
        state['window'] = app.window(TITLE, timeout=30)

    # The window holds thousands of accessibles (every view's rows): walking
    # all of it takes seconds. The Network view is the last page of the
    # stack, so a walk from the last children finds its map at once, and
    # every later search stays inside the view.
    def the_map():
        def lookup():
            try:
                window().clear_cache()
            except Exception:
                pass
            found = find_newest(window(), lambda n: name_of(n) == 'Network map')
            if found is not None:
                state['map'] = found
                state['page'] = found.get_parent().get_parent()
            return found
        return wait_for('the network map', lookup, timeout=30)

    def status_line():
        for label in find_all(state['page'], lambda n: role_name(n) == 'label'):
            text = text_of(label)
            if re.match(r'^\d+ (person|people) · ', text):
                return text
        return None

    def map_drawn():
        the_map()
        text = wait_for('the map’s status line', status_line, timeout=30)
        people = int(text.split(' ')[0])
        if people < MIN_NODES:
            raise AssertionError('the map draws only %d people: %r' % (people, text))
        state['status'] = text

    def nodes_exposed():
        def enough():
            try:
                state['map'].clear_cache()
            except Exception:
                pass
            nodes = [n for n in children(state['map']) if is_node(n)]
            return nodes if len(nodes) >= MIN_NODES else None
        nodes = wait_for('at least %d map nodes on the AT-SPI tree' % MIN_NODES, enough, timeout=30)
        people = [name_of(n)[:-len(', person')] for n in nodes if name_of(n).endswith(', person')]
        if not people:
            raise AssertionError('no person among the nodes: %r' % [name_of(n) for n in nodes[:10]])
        state['people'] = people
        state['nodes'] = nodes

    def tab(name):
        return wait_for('the “%s” tab' % name, lambda: find(window(), lambda n: role_name(n) == 'page tab'
                                                            and name_of(n) == name))

    def names_are_contacts():
        # The contact list shows (realizes) its first rows: some of their
        # names must be among the map's people, the demo's contacts.
        tab('Contacts').do_action(0)

        def shared():
            listing = find(window(), lambda n: role_name(n) == 'list' and name_of(n) == 'Contacts')
            if listing is None:
                return None
            listed = {text_of(n) for n in find_all(listing, lambda n: role_name(n) == 'label')}
            return listed & set(state['people'])
        state['shared'] = wait_for('a name of the contact list among the map’s nodes', shared)
        tab('Network').do_action(0)
        the_map()
        wait_for('the map’s status line again', status_line)

    def search_highlights():
        person = state['people'][0]
        entry = wait_for('the map’s search entry',
                         lambda: find(state['page'], lambda n: name_of(n) == 'Highlight contacts on the map'
                                      and role_name(n) in ('text', 'entry')))
        set_text(entry, person.split(' ')[0])

        def counted():
            text = status_line()
            match = re.search(r' · (\d+) match(es)?$', text or '')
            return match is not None and int(match.group(1)) >= 1
        wait_for('the status line counting the matches', counted)
        set_text(entry, '')
        wait_for('the count gone', lambda: 'match' not in (status_line() or 'match'))

    def screenshot():
        if not HAVE_IMAGEMAGICK:
            return
        path = os.path.join(scratch, 'network.png')
        subprocess.run(['import', '-window', 'root', path], check=True, timeout=30,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        colours = int(subprocess.run(['identify', '-format', '%k', path], check=True, timeout=30,
                                     stdout=subprocess.PIPE).stdout.decode().strip())
        keep = os.environ.get('RESEAU_SCREENSHOT_DIR')
        if keep:
            shutil.copy(path, os.path.join(keep, 'network-e2e.png'))
        if colours < MIN_COLOURS:
            raise AssertionError('the screenshot has only %d colours' % colours)

    def quit_cleanly():
        status = state['app'].quit()
        if status != 0:
            raise AssertionError('exit status %d' % status)

    try:
        run_app_steps(tap, [
            ('the demo opens on the Network view', start),
            ('the map draws the demo network', map_drawn),
            ('the map’s nodes are on the AT-SPI tree with their names', nodes_exposed),
            ('a node’s name is a contact of the demo network', names_are_contacts),
            ('the search entry highlights matches', search_highlights),
            ('a screenshot of the map is not blank' + ('' if HAVE_IMAGEMAGICK else
             ' # SKIP ImageMagick (Debian package imagemagick) is not installed'), screenshot),
            ('the application quits cleanly when asked to', quit_cleanly),
            ('the application logged no warning', lambda: check_no_warnings(apps)),
        ], apps)
    finally:
        for app in apps:
            app.stop()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main_guard(scenario))
