# SPDX-License-Identifier: GPL-3.0-or-later
#
# Real CardDAV servers and a real second client for the integration tests
# (and the sync benchmark). Python standard library only.
#
#   Radicale   htpasswd authentication (alice / secret-alice), one address
#              book seeded as files; cards can be written straight into its
#              folder (it reads the folder on every request).
#   Xandikos   no authentication; --defaults makes the principal and the
#              book /alice/contacts/addressbook/. It keeps a git repository:
#              cards go in by PUT, never as files.
#   Phone      vdirsyncer pairing a folder of .vcf files with the server's
#              book: what a phone's contacts app would do.
#
# Each server runs from the Debian package on a free 127.0.0.1 port, with
# its storage, configuration and log in a temporary folder; it is waited
# for until it answers HTTP, and stopped by its PID (SIGTERM, then SIGKILL).
# Nothing here is mocked.

import base64
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse

USER = 'alice'
PASSWORD = 'secret-alice'
START_TIMEOUT = 30.0


def missing_programs(*names):
    """The programs of names that are not installed (Debian package names
    are the same)."""
    return [name for name in names if shutil.which(name) is None]


def free_port():
    # Another process could take the port before the server binds it; the
    # start then fails loudly (the server exits) instead of talking to a
    # stranger, because readiness needs our own child alive.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class ServerError(Exception):
    pass


# ------------------------------------------------------------------ HTTP

class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


def request(method, url, body=None, headers=None, auth=None, timeout=60):
    """One HTTP request, without redirects; auth is (user, password) or
    None."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    all_headers = dict(headers or {})
    if auth is not None:
        token = base64.b64encode(('%s:%s' % auth).encode('utf-8')).decode('ascii')
        all_headers['Authorization'] = 'Basic ' + token
    if isinstance(body, str):
        body = body.encode('utf-8')
    try:
        path = parts.path or '/'
        if parts.query:
            path += '?' + parts.query
        connection.request(method, path, body=body, headers=all_headers)
        answer = connection.getresponse()
        return Response(answer.status, answer.getheaders(), answer.read())
    finally:
        connection.close()


# --------------------------------------------------------------- servers

class Server:
    """What both servers share: the process, its folder, readiness, stop."""

    program = None

    def __init__(self, root=None):
        self.folder = tempfile.mkdtemp(prefix='reseau-%s-' % self.program, dir=root)
        self.port = free_port()
        self.base_url = 'http://127.0.0.1:%d/' % self.port
        self.user = USER
        self.password = None
        self.book_url = None
        self.process = None
        self.log_path = os.path.join(self.folder, 'server.log')

    @property
    def auth(self):
        return (self.user, self.password) if self.password is not None else None

    def command(self):
        raise NotImplementedError

    def prepare(self):
        pass

    def start(self):
        self.prepare()
        with open(self.log_path, 'ab') as log:
            self.process = subprocess.Popen(self.command(), cwd=self.folder,
                                            stdin=subprocess.DEVNULL,
                                            stdout=log, stderr=log,
                                            start_new_session=True)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerError('%s exited (status %d) before answering on port %d:\n%s'
                                  % (self.program, self.process.returncode, self.port, self.log()))
            try:
                request('OPTIONS', self.base_url, timeout=2)
                return self
            except (OSError, http.client.HTTPException):
                time.sleep(0.05)
        self.stop()
        raise ServerError('%s did not answer on port %d within %d s:\n%s'
                          % (self.program, self.port, START_TIMEOUT, self.log()))

    def log(self):
        try:
            with open(self.log_path, encoding='utf-8', errors='replace') as f:
                return f.read()[-4000:]
        except OSError:
            return ''

    def stop(self, remove=True):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if remove:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # Cards, as another client would see them.

    def card_url(self, name):
        return urllib.parse.urljoin(self.book_url, urllib.parse.quote(name))

    def put_card(self, name, text, etag=None):
        headers = {'Content-Type': 'text/vcard; charset=utf-8'}
        headers['If-Match' if etag else 'If-None-Match'] = etag or '*'
        answer = request('PUT', self.card_url(name), text, headers, self.auth)
        if answer.status not in (200, 201, 204):
            raise ServerError('PUT %s → %d %s' % (name, answer.status, answer.body[:500]))
        return answer

    def get_card(self, href):
        """(text, etag) of a card; href is absolute or a name in the book."""
        url = urllib.parse.urljoin(self.book_url, href)
        answer = request('GET', url, auth=self.auth)
        if answer.status != 200:
            raise ServerError('GET %s → %d' % (url, answer.status))
        return answer.body.decode('utf-8'), answer.header('ETag')

    def list_cards(self):
        """{href path: etag} of every card of the book (PROPFIND Depth 1)."""
        body = ('<?xml version="1.0" encoding="utf-8"?>'
                '<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>')
        answer = request('PROPFIND', self.book_url, body,
                         {'Depth': '1', 'Content-Type': 'application/xml; charset=utf-8'},
                         self.auth)
        if answer.status != 207:
            raise ServerError('PROPFIND %s → %d' % (self.book_url, answer.status))
        import xml.etree.ElementTree as ElementTree
        tree = ElementTree.fromstring(answer.body)
        cards = {}
        book_path = urllib.parse.urlsplit(self.book_url).path
        for response in tree.iter('{DAV:}response'):
            href = urllib.parse.unquote(response.findtext('{DAV:}href'))
            path = urllib.parse.urlsplit(href).path
            if path.rstrip('/') == book_path.rstrip('/'):
                continue
            cards[path] = response.findtext('.//{DAV:}getetag')
        return cards

    def all_card_texts(self):
        """The text of every card of the book, by href path."""
        return {href: self.get_card(href)[0] for href in self.list_cards()}


class Radicale(Server):
    program = 'radicale'

    def __init__(self, root=None):
        super().__init__(root)
        self.password = PASSWORD
        self.storage = os.path.join(self.folder, 'storage')
        self.book_dir = os.path.join(self.storage, 'collection-root', self.user, 'contacts')
        self.book_url = '%s%s/contacts/' % (self.base_url, self.user)
        self.config_path = os.path.join(self.folder, 'radicale.conf')

    def prepare(self):
        os.makedirs(self.book_dir, exist_ok=True)
        with open(os.path.join(self.book_dir, '.Radicale.props'), 'w', encoding='utf-8') as f:
            f.write('{"D:displayname": "Contacts", "tag": "VADDRESSBOOK"}')
        users = os.path.join(self.folder, 'users')
        with open(users, 'w', encoding='utf-8') as f:
            f.write('%s:%s\n' % (self.user, self.password))
        with open(self.config_path, 'w', encoding='utf-8') as f:
            f.write('[server]\nhosts = 127.0.0.1:%d\n'
                    '[auth]\ntype = htpasswd\nhtpasswd_filename = %s\nhtpasswd_encryption = plain\n'
                    '[rights]\ntype = owner_only\n'
                    '[storage]\nfilesystem_folder = %s\n'
                    '[web]\ntype = none\n'
                    '[logging]\nlevel = warning\nmask_passwords = True\n'
                    % (self.port, users, self.storage))

    def command(self):
        return ['radicale', '-C', self.config_path]

    def seed_card(self, name, text):
        """Writes a card straight into the book's folder, as if another
        client had sent it: fast, and Radicale sees it at the next request."""
        with open(os.path.join(self.book_dir, name), 'w', encoding='utf-8', newline='') as f:
            f.write(text)

    def stored_cards(self):
        """{file name: text} of the cards in the book's folder."""
        cards = {}
        for name in os.listdir(self.book_dir):
            if name.startswith('.'):
                continue
            path = os.path.join(self.book_dir, name)
            if os.path.isfile(path):
                with open(path, encoding='utf-8', newline='') as f:
                    cards[name] = f.read()
        return cards


class Xandikos(Server):
    program = 'xandikos'

    def __init__(self, root=None):
        super().__init__(root)
        self.book_url = '%s%s/contacts/addressbook/' % (self.base_url, self.user)

    def command(self):
        return ['xandikos', '-d', os.path.join(self.folder, 'data'), '-l', '127.0.0.1',
                '-p', str(self.port), '--defaults',
                '--current-user-principal', '/%s/' % self.user]


# ------------------------------------------------------------------ phone

class Phone:
    """vdirsyncer between a folder of .vcf files and the server's book."""

    def __init__(self, server, root=None):
        self.server = server
        self.home = tempfile.mkdtemp(prefix='reseau-phone-', dir=root)
        self.folder = os.path.join(self.home, 'cards')
        self.config = os.path.join(self.home, 'config')
        os.makedirs(self.folder)
        auth = ''
        if server.password is not None:
            auth = 'username = "%s"\npassword = "%s"\n' % (server.user, server.password)
        with open(self.config, 'w', encoding='utf-8') as f:
            f.write('[general]\nstatus_path = "%s"\n\n'
                    '[pair phone]\na = "phone_cards"\nb = "phone_server"\ncollections = null\n\n'
                    '[storage phone_cards]\ntype = "filesystem"\npath = "%s"\nfileext = ".vcf"\n\n'
                    '[storage phone_server]\ntype = "carddav"\nurl = "%s"\n%s'
                    % (os.path.join(self.home, 'status'), self.folder, server.book_url, auth))
        self.discovered = False

    def env(self):
        env = dict(os.environ)
        env['VDIRSYNCER_CONFIG'] = self.config
        env['HOME'] = self.home
        env['XDG_CONFIG_HOME'] = os.path.join(self.home, 'xdg-config')
        env['XDG_DATA_HOME'] = os.path.join(self.home, 'xdg-data')
        return env

    def run(self, *args, stdin=None, timeout=600):
        completed = subprocess.run(['vdirsyncer'] + list(args), env=self.env(),
                                   input=stdin, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, timeout=timeout)
        if completed.returncode != 0:
            raise ServerError('vdirsyncer %s → exit %d:\n%s'
                              % (' '.join(args), completed.returncode,
                                 completed.stdout.decode('utf-8', 'replace')[-4000:]))
        return completed.stdout.decode('utf-8', 'replace')

    def discover(self):
        # "yes |": it asks before creating anything.
        self.run('discover', stdin=b'y\n' * 20)
        self.discovered = True

    def sync(self):
        if not self.discovered:
            self.discover()
        return self.run('sync')

    def write_card(self, name, text):
        # A new file (new inode and time): vdirsyncer sees every change.
        path = os.path.join(self.folder, name)
        temporary = path + '.tmp'
        with open(temporary, 'w', encoding='utf-8', newline='') as f:
            f.write(text)
        os.replace(temporary, path)

    def delete_card(self, name):
        os.unlink(os.path.join(self.folder, name))

    def cards(self):
        """{file name: text} of the phone's cards."""
        cards = {}
        for name in sorted(os.listdir(self.folder)):
            if name.endswith('.vcf'):
                with open(os.path.join(self.folder, name), encoding='utf-8', newline='') as f:
                    cards[name] = f.read()
        return cards

    def find(self, uid):
        """(file name, text) of the phone's cards whose UID is uid."""
        return [(name, text) for name, text in self.cards().items() if card_uid(text) == uid]


# ---------------------------------------------------------------- vCards

def unfold(text):
    return re.sub(r'\r?\n[ \t]', '', text)


def properties(text):
    """[(group or None, NAME, {PARAM: [values]}, value)] of a card, names
    and parameter names upper-cased, lines unfolded."""
    result = []
    for line in unfold(text).splitlines():
        if not line or ':' not in line:
            continue
        # The value starts at the first colon outside a quoted parameter.
        quoted = False
        split = None
        for index, char in enumerate(line):
            if char == '"':
                quoted = not quoted
            elif char == ':' and not quoted:
                split = index
                break
        if split is None:
            continue
        head, value = line[:split], line[split + 1:]
        pieces = head.split(';')
        name = pieces[0]
        group = None
        if '.' in name:
            group, name = name.split('.', 1)
        params = {}
        for piece in pieces[1:]:
            if '=' in piece:
                key, values = piece.split('=', 1)
                params.setdefault(key.upper(), []).extend(
                    v.strip('"') for v in values.split(','))
            else:
                # vCard 2.1 style bare type: TYPE
                params.setdefault('TYPE', []).append(piece)
        result.append((group, name.upper(), params, value))
    return result


def card_uid(text):
    for _, name, _, value in properties(text):
        if name == 'UID':
            return value
    return None


def first_value(text, name):
    for _, prop, _, value in properties(text):
        if prop == name:
            return value
    return None


def photo_bytes(text):
    """The PHOTO of a card decoded, whether written the vCard 3 way
    (ENCODING=b) or as a vCard 4 data: URI; None when it has none."""
    for _, name, params, value in properties(text):
        if name != 'PHOTO':
            continue
        if value.startswith('data:'):
            header, _, data = value.partition(',')
            if header.endswith(';base64'):
                return base64.b64decode(data)
            return urllib.parse.unquote_to_bytes(data)
        encoding = [v.lower() for v in params.get('ENCODING', [])]
        if 'b' in encoding or 'base64' in encoding:
            return base64.b64decode(value)
        return value.encode('utf-8')
    return None


def make_card(uid, given, family, email=None, phone=None, extra=()):
    lines = ['BEGIN:VCARD', 'VERSION:3.0', 'UID:' + uid,
             'N:%s;%s;;;' % (family, given), 'FN:%s %s' % (given, family)]
    if email:
        lines.append('EMAIL;TYPE=INTERNET:' + email)
    if phone:
        lines.append('TEL;TYPE=CELL:' + phone)
    lines.extend(extra)
    lines.append('END:VCARD')
    return '\r\n'.join(lines) + '\r\n'


# ------------------------------------------------- a bus without a keyring

BARE_BUS_CONFIG = '''<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=%s</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
'''


class BareBus:
    """A session bus that activates nothing (no service directories): no
    Secret Service can ever appear on it."""

    def __init__(self, root=None):
        self.folder = tempfile.mkdtemp(prefix='reseau-bus-', dir=root)
        self.config = os.path.join(self.folder, 'bus.conf')
        with open(self.config, 'w', encoding='utf-8') as f:
            f.write(BARE_BUS_CONFIG % self.folder)
        self.process = None
        self.address = None

    def __enter__(self):
        self.process = subprocess.Popen(['dbus-daemon', '--config-file=' + self.config,
                                         '--nofork', '--print-address'],
                                        stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                        # It complains about its fd limit when not root.
                                        stderr=subprocess.DEVNULL,
                                        start_new_session=True)
        self.address = self.process.stdout.readline().decode('utf-8').strip()
        if not self.address:
            raise ServerError('dbus-daemon printed no address')
        return self

    def __exit__(self, *exc):
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process.stdout.close()
        shutil.rmtree(self.folder, ignore_errors=True)
