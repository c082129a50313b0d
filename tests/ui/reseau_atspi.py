# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the real Réseau window through AT-SPI, for the end-to-end tests.

Each scenario starts the application in isolated folders, finds it on the
AT-SPI desktop by process id and acts on widgets by their accessible names,
as a screen reader would. Every wait has a deadline: a missing widget fails
the step after a few seconds instead of hanging the suite.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# G_DEBUG=fatal-warnings is meant for the application under test, not for
# this process: the AT-SPI client library warns about objects that vanish
# while it walks the tree, which is normal here. Keep the value for the app
# and take it out before GLib starts in this process.
APP_G_DEBUG = os.environ.pop('G_DEBUG', None)

import gi  # noqa: E402

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi  # noqa: E402

STEP_TIMEOUT = float(os.environ.get('RESEAU_UI_STEP_TIMEOUT', '10'))


class StepFailed(Exception):
    pass


class Tap:
    """A minimal TAP producer: one 'ok'/'not ok' line per step."""

    def __init__(self):
        self.count = 0
        self.failed = 0

    def ok(self, passed, description, diagnostic=None):
        self.count += 1
        if not passed:
            self.failed += 1
        print('%s %d - %s' % ('ok' if passed else 'not ok', self.count, description), flush=True)
        if diagnostic:
            for line in str(diagnostic).splitlines():
                print('# ' + line, flush=True)

    def skip_all(self, reason):
        print('1..0 # SKIP %s' % reason, flush=True)

    def plan_end(self):
        print('1..%d' % self.count, flush=True)
        return 1 if self.failed else 0


def session_missing():
    """Why the scenario cannot run here, or None."""
    if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
        return 'no display (run under xvfb-run)'
    if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        return 'no session bus (run under dbus-run-session)'
    return None


def role_name(accessible):
    try:
        return accessible.get_role_name()
    except Exception:
        return '?'


def name_of(accessible):
    try:
        return accessible.get_name() or ''
    except Exception:
        return ''


def has_state(accessible, state):
    try:
        return accessible.get_state_set().contains(state)
    except Exception:
        return False


def extents(accessible):
    try:
        return accessible.get_extents(Atspi.CoordType.WINDOW)
    except Exception:
        return None


def is_showing(accessible):
    """GTK 4.8 sets SHOWING on windows only; a widget on a hidden stack page
    or in a hidden bar reports an empty extent instead."""
    if role_name(accessible) in ('frame', 'window', 'dialog', 'application'):
        return has_state(accessible, Atspi.StateType.SHOWING)
    box = extents(accessible)
    return box is not None and box.width > 0 and box.height > 0


def children(accessible):
    try:
        count = accessible.get_child_count()
    except Exception:
        return []
    result = []
    for i in range(count):
        try:
            child = accessible.get_child_at_index(i)
        except Exception:
            child = None
        if child is not None:
            result.append(child)
    return result


def walk(root, max_depth=60):
    """Every accessible under root, depth first."""
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        yield node
        if depth < max_depth:
            stack.extend((child, depth + 1) for child in reversed(children(node)))


def implements(accessible, interface):
    try:
        return interface in accessible.get_interfaces()
    except Exception:
        return False


def text_of(accessible):
    """The text a label or entry shows (GTK 4.8 wants an explicit end)."""
    if not implements(accessible, 'Text'):
        return ''
    try:
        return accessible.get_text(0, accessible.get_character_count()) or ''
    except Exception:
        return ''


def dump(root, max_nodes=400):
    lines = []
    for node in walk(root):
        if len(lines) >= max_nodes:
            lines.append('…')
            break
        lines.append('[%s] %r%s%s' % (
            role_name(node), name_of(node),
            ' text=%r' % text_of(node) if text_of(node) else '',
            '' if is_showing(node) else ' (hidden)'))
    return '\n'.join(lines)


def wait_for(description, function, timeout=STEP_TIMEOUT, interval=0.1):
    """Calls function until it returns something true, or fails the step.
    A step never gets less than STEP_TIMEOUT: a slower build raises it."""
    timeout = max(timeout, STEP_TIMEOUT)
    deadline = time.monotonic() + timeout
    while True:
        value = function()
        if value:
            return value
        if time.monotonic() > deadline:
            raise StepFailed('timed out after %.0f s waiting for %s' % (timeout, description))
        time.sleep(interval)


def app_warnings(output):
    """The warnings and criticals in an application's output."""
    return [line.strip() for line in output.splitlines()
            if '-CRITICAL' in line or '-WARNING' in line]


def check_no_warnings(apps):
    """Fails the step when an application logged a warning or critical."""
    for app in apps:
        found = app_warnings(app.output())
        if found:
            raise AssertionError('the application logged:\n' + '\n'.join(found)[-2000:])


def find(root, predicate):
    for node in walk(root):
        if predicate(node):
            return node
    return None


def find_newest(root, predicate):
    """Like find, but the last children first: what was added last (a
    toast, on top of an AdwToastOverlay's content) is reached before the
    rest of the window is walked, while it is still on screen. The cache is
    cleared first: GTK 4.8 does not always announce a new toast, and a
    cached list of children would never show it."""
    try:
        root.clear_cache()
    except Exception:
        pass
    stack = [root]
    while stack:
        node = stack.pop()
        if predicate(node):
            return node
        stack.extend(children(node))
    return None


def find_all(root, predicate):
    return [node for node in walk(root) if predicate(node)]


def named(name, role=None, showing=True):
    """A predicate: accessible name (or, for labels, the text) is name."""
    def predicate(node):
        if role is not None and role_name(node) != role:
            return False
        if showing and not is_showing(node):
            return False
        return clean_name(node) == name or (role_name(node) == 'label' and text_of(node) == name)
    return predicate


def clean_name(accessible):
    """The name without what GTK 4.8 adds to a button with a mnemonic: its
    name is then "_Save Save" (the label with and without underline)."""
    name = name_of(accessible)
    if name.startswith('_') or ' _' in name or '_' in name.split(' ')[0]:
        plain = name.replace('_', '')
        half = len(plain) // 2
        if plain[:half] == plain[half + 1:]:
            return plain[:half]
    return name


def parent_of(accessible):
    try:
        return accessible.get_parent()
    except Exception:
        return None


def button_beside(root, text, name, max_levels=6):
    """The showing push button named name in the same row as the showing
    label reading text: the label's ancestors are searched, nearest first,
    so a button of another row is never taken."""
    label = find(root, lambda node: role_name(node) == 'label' and text_of(node) == text
                 and is_showing(node))
    node = label
    for _level in range(max_levels):
        node = parent_of(node) if node is not None else None
        if node is None:
            return None
        button = find(node, named(name, 'push button'))
        if button is not None:
            return button
    return None


def open_by_search(app, window, query, result):
    """Opens what Ctrl+K's search finds for query, by the accessible name
    of its result (a contact's result opens their sheet). Goes through the
    main menu's “Search Everything…”, which the mouse alone reaches."""
    def search_window():
        # A closed window can linger in the tree for a while, not showing.
        for candidate in app.windows():
            if name_of(candidate) == 'Search Everything' and is_showing(candidate):
                return candidate
        return None

    # GTK 4.8: the menu button's own node has no action; the button inside has.
    buttons = wait_for('the main menu button', lambda: find_all(window, named('Main menu')))
    click([node for node in buttons if node.get_n_actions() > 0][-1])
    click(wait_for('“Search Everything…” in the menu',
                   lambda: find(app.accessible, named('Search Everything…', 'menu item'))))
    search = wait_for('the “Search Everything” window', search_window)
    set_text(wait_for('the search entry', lambda: find(search, named('Search everything', 'entry'))),
             query)
    results = wait_for('the results', lambda: find(search, named('Search results', 'list')))
    click(wait_for('the result %r' % result, lambda: find(results, named(result, 'push button'))))
    wait_for('the search window to close', lambda: search_window() is None)


def edit_interaction_note(app, old_note, new_note):
    """In the “Edit Interaction” window (opened by the caller), replaces
    the note old_note with new_note and saves."""
    def edit_window():
        for window in app.windows():
            if name_of(window) == 'Edit Interaction' and is_showing(window):
                return window
        return None

    window = wait_for('the “Edit Interaction” window', edit_window)
    note = wait_for('the note, filled in',
                    lambda: find(window, lambda node: name_of(node) == 'Note'
                                 and text_of(node) == old_note))
    set_text(note, new_note)
    click(wait_for('the “Save” button', lambda: find(window, named('Save', 'push button'))))
    wait_for('the “Edit Interaction” window to close', lambda: edit_window() is None)


def click(accessible):
    """Activates a button the way a screen reader does."""
    if not implements(accessible, 'Action') or accessible.get_n_actions() == 0:
        raise StepFailed('%s %r cannot be clicked' % (role_name(accessible), name_of(accessible)))
    for i in range(accessible.get_n_actions()):
        if accessible.get_action_name(i) in ('click', 'press', 'activate'):
            accessible.do_action(i)
            return
    accessible.do_action(0)


def set_text(accessible, text):
    if not implements(accessible, 'EditableText'):
        raise StepFailed('%s %r is not editable' % (role_name(accessible), name_of(accessible)))
    accessible.set_text_contents(text)


class Keyboard:
    """Keys and pointer moves sent to the X server through XTest, from this
    process (ctypes; libXtst comes with at-spi2-core). AT-SPI's own key
    synthesis goes through its registry daemon, which the test session's
    bus starts without DISPLAY. There is no window manager: the keyboard
    goes to the window under the pointer, so point at it first (new
    windows open at the top left corner, the last one on top)."""

    def __init__(self):
        import ctypes
        self._x11 = ctypes.CDLL('libX11.so.6')
        self._xtst = ctypes.CDLL('libXtst.so.6')
        display = ctypes.c_void_p
        self._x11.XOpenDisplay.restype = display
        self._x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self._x11.XStringToKeysym.restype = ctypes.c_ulong
        self._x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
        self._x11.XKeysymToKeycode.restype = ctypes.c_ubyte
        self._x11.XKeysymToKeycode.argtypes = [display, ctypes.c_ulong]
        self._x11.XSync.argtypes = [display, ctypes.c_int]
        self._x11.XCloseDisplay.argtypes = [display]
        self._xtst.XTestFakeKeyEvent.argtypes = [display, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
        self._xtst.XTestFakeMotionEvent.argtypes = [display, ctypes.c_int, ctypes.c_int,
                                                    ctypes.c_int, ctypes.c_ulong]
        self._display = self._x11.XOpenDisplay(None)
        if not self._display:
            raise StepFailed('cannot open the X display %r' % os.environ.get('DISPLAY'))

    def close(self):
        if self._display:
            self._x11.XCloseDisplay(self._display)
            self._display = None

    def _keycode(self, name):
        keysym = self._x11.XStringToKeysym(name.encode())
        code = self._x11.XKeysymToKeycode(self._display, keysym) if keysym else 0
        if not code:
            raise StepFailed('no key for %r' % name)
        return code

    def point_at(self, x, y):
        self._xtst.XTestFakeMotionEvent(self._display, -1, x, y, 0)
        self._x11.XSync(self._display, 0)

    def press(self, name, modifiers=()):
        """One key by its X keysym name ('Down', 'Return', 'k'…), with
        modifiers held ('Control_L', 'Shift_L'…)."""
        held = [self._keycode(modifier) for modifier in modifiers]
        code = self._keycode(name)
        for modifier in held:
            self._xtst.XTestFakeKeyEvent(self._display, modifier, True, 0)
        self._xtst.XTestFakeKeyEvent(self._display, code, True, 0)
        self._xtst.XTestFakeKeyEvent(self._display, code, False, 0)
        for modifier in reversed(held):
            self._xtst.XTestFakeKeyEvent(self._display, modifier, False, 0)
        self._x11.XSync(self._display, 0)

    def type(self, text):
        """Lower-case ASCII letters, digits and spaces."""
        for character in text:
            self.press('space' if character == ' ' else character)


def is_focused(accessible):
    return has_state(accessible, Atspi.StateType.FOCUSED)


class App:
    """The application under test, in throwaway folders, stopped at the end."""

    def __init__(self, extra_env=None, args=()):
        executable = os.environ.get('RESEAU_APP')
        if not executable:
            raise StepFailed('RESEAU_APP is not set')
        self.tmp = tempfile.mkdtemp(prefix='reseau-ui-')
        env = dict(os.environ)
        # The tests' environment turns accessibility off for the other
        # tests; this one needs it.
        env.pop('NO_AT_BRIDGE', None)
        env.pop('GTK_A11Y', None)
        for variable, folder in (('HOME', 'home'), ('XDG_DATA_HOME', 'data'),
                                 ('XDG_CONFIG_HOME', 'config'), ('XDG_CACHE_HOME', 'cache'),
                                 ('XDG_STATE_HOME', 'state')):
            path = os.path.join(self.tmp, folder)
            os.makedirs(path, exist_ok=True)
            env[variable] = path
        env['GSETTINGS_BACKEND'] = 'memory'
        env.setdefault('GSK_RENDERER', 'cairo')
        if APP_G_DEBUG is not None:
            env['G_DEBUG'] = APP_G_DEBUG
        if extra_env:
            env.update(extra_env)
        self.log_path = os.path.join(self.tmp, 'app.log')
        self.log = open(self.log_path, 'wb')
        self.process = subprocess.Popen([executable] + list(args), env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        self.accessible = None

    def find_on_desktop(self, timeout=20):
        def lookup():
            if self.process.poll() is not None:
                raise StepFailed('the application exited with status %d' % self.process.returncode)
            desktop = Atspi.get_desktop(0)
            for app in children(desktop):
                try:
                    if app.get_process_id() == self.process.pid:
                        return app
                except Exception:
                    continue
            return None
        self.accessible = wait_for('the application on the AT-SPI desktop', lookup, timeout)
        return self.accessible

    def window(self, title=None, timeout=STEP_TIMEOUT):
        def lookup():
            for frame in children(self.accessible):
                if title is None or name_of(frame) == title:
                    return frame
            return None
        return wait_for('window %r' % title, lookup, timeout)

    def windows(self):
        return children(self.accessible)

    def output(self):
        try:
            self.log.flush()
            with open(self.log_path, 'rb') as log:
                return log.read().decode('utf-8', 'replace')
        except OSError:
            return ''

    def quit(self, timeout=10):
        """Asks the application to end as the session would (SIGTERM) and
        returns its exit status."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(max(timeout, STEP_TIMEOUT))

    def stop(self):
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait(5)
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


def run_steps(tap, steps):
    """Runs (description, function) pairs; after a failure, the rest are
    reported as failed too, since each depends on the one before."""
    broken = None
    for description, function in steps:
        if broken is not None:
            tap.ok(False, description, 'skipped: an earlier step failed')
            continue
        try:
            function()
            tap.ok(True, description)
        except Exception as error:  # a failed step must not stop the report
            broken = error
            tap.ok(False, description, '%s: %s' % (type(error).__name__, error))
    return broken


def run_app_steps(tap, steps, apps):
    """run_steps(), then, after a failure, the end of the application's
    output, where its warnings and criticals say what went wrong."""
    broken = run_steps(tap, steps)
    if broken is not None and apps:
        output = apps[-1].output().strip()
        if output:
            print('# application output:')
            for line in output.splitlines()[-40:]:
                print('#   ' + line)
    return broken


def main_guard(function):
    tap = Tap()
    reason = session_missing()
    if reason:
        tap.skip_all(reason)
        return 0
    Atspi.init()
    try:
        function(tap)
    except Exception as error:
        tap.ok(False, 'scenario', '%s: %s' % (type(error).__name__, error))
    return tap.plan_end()


if __name__ == '__main__':
    sys.exit('this module is imported by the test scripts')
