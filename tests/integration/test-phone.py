#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Réseau and a phone sharing one address book, on Radicale and on Xandikos.
# The phone is vdirsyncer syncing a folder of .vcf files with the same
# book: a card created, edited or deleted on the phone arrives in the app
# after `reseau-cli sync`, and the reverse; a card made on the phone with
# Apple's labels (itemN. groups with X-ABLabel), a property Réseau does not
# know (X-SOCIALPROFILE) and a photo, then edited in the app, reaches the
# phone with all of those intact. Prints TAP.

import base64
import shutil
import sys

sys.dont_write_bytecode = True

from carddav_servers import (Phone, Radicale, Xandikos, first_value, make_card,  # noqa: E402
                             photo_bytes, properties)
from reseau_tap import Profile, Skip, check, expect, main, make_root  # noqa: E402

ROOT = make_root('reseau-test-phone-')

# A 16×16 JPEG, as a phone's camera roll would give (smaller).
JPEG = base64.b64decode(
    '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcU'
    'FhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgo'
    'KCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAQABADASIA'
    'AhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAUG/8QAFhAAAwAAAAAAAAAAAAAAAAAAABRh/8QA'
    'FAEBAAAAAAAAAAAAAAAAAAAABf/EABcRAAMBAAAAAAAAAAAAAAAAAAAWYWL/2gAMAwEAAhEDEQA/'
    'AIKcCcNInAnAdq0MLkP/2Q==')
APPLE_OTHER = '_$!<Other>!$_'


def fold(line):
    """A vCard line folded at 75 octets (ASCII here), as phones write."""
    pieces = [line[:75]]
    rest = line[75:]
    while rest:
        pieces.append(' ' + rest[:74])
        rest = rest[74:]
    return '\r\n'.join(pieces)


def apple_card():
    photo = base64.b64encode(JPEG).decode('ascii')
    lines = [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'PRODID:-//Apple Inc.//iPhone OS 17.1//EN',
        'UID:phone-apple',
        'N:Durand;Claire;;;',
        'FN:Claire Durand',
        'ORG:Atelier Durand;',
        'item1.EMAIL;type=INTERNET;type=pref:claire@example.org',
        'item1.X-ABLabel:' + APPLE_OTHER,
        'item2.URL;type=pref:https://atelier.example.org',
        'item2.X-ABLabel:Portfolio',
        'TEL;type=CELL;type=VOICE;type=pref:+33 6 12 34 56 78',
        'X-SOCIALPROFILE;type=linkedin;x-user=claire-durand:https://www.linkedin.com/in/claire-durand',
        fold('PHOTO;ENCODING=b;TYPE=JPEG:' + photo),
        'END:VCARD',
    ]
    return '\r\n'.join(lines) + '\r\n'


def grouped(text, name, value):
    """The group of the property name whose value is value, and the labels
    (X-ABLABEL) of that group."""
    props = properties(text)
    for group, prop, _, prop_value in props:
        if prop == name and prop_value == value:
            labels = [v for g, p, _, v in props if group is not None and g == group and p == 'X-ABLABEL']
            return group, labels
    return None, []


class Scenario:
    def __init__(self, server_class, programs):
        self.server_class = server_class
        self.programs = programs
        self.name = server_class.program
        self.server = None
        self.profile = None
        self.phone = None
        self.app_uid = None

    def require(self):
        missing = [p for p in self.programs if shutil.which(p) is None]
        if missing:
            raise Skip('not installed: ' + ', '.join(missing))
        expect(self.phone is not None, 'the %s scenario did not start' % self.name)

    def contacts(self):
        return self.profile.contacts()

    def phone_card(self, uid):
        found = self.phone.find(uid)
        expect(len(found) == 1, 'the phone must have one card with UID %s, has %d' % (uid, len(found)))
        return found[0][1]

    def register(self):
        tag = '[%s] ' % self.name

        @check(tag + 'the app and the phone share a book of four cards')
        def _():
            missing = [p for p in self.programs if shutil.which(p) is None]
            if missing:
                raise Skip('not installed: ' + ', '.join(missing))
            self.server = self.server_class(ROOT).start()
            self.profile = Profile(ROOT, self.name)
            self.profile.add_account(self.server)
            self.phone = Phone(self.server, ROOT)
            # Several cards, so that deleting one is not "most of the book"
            # for the safety valves of either client.
            for i in range(1, 5):
                self.phone.write_card('stable-%d.vcf' % i,
                                      make_card('stable-%d' % i, 'Stable%d' % i, 'Card',
                                                'stable%d@example.org' % i))
            self.phone.sync()
            counts = self.profile.sync()
            expect(counts == (4, 0, 0, 0), 'expected 4 downloaded, got %r' % (counts,))
            expect(all('stable-%d' % i in self.contacts() for i in range(1, 5)),
                   'the four cards must be in the app')

        @check(tag + 'a card created on the phone arrives in the app')
        def _():
            self.require()
            self.phone.write_card('nadia.vcf', make_card('phone-nadia', 'Nadia', 'Phone',
                                                         'nadia@example.org', '+33 6 11 22 33 44'))
            self.phone.sync()
            self.profile.sync()
            contact = self.contacts().get('phone-nadia')
            expect(contact is not None, 'phone-nadia is not in the app')
            expect(contact['name'] == 'Nadia Phone', repr(contact))
            expect(contact['emails'] == ['nadia@example.org'], repr(contact))

        @check(tag + 'a card edited on the phone is edited in the app')
        def _():
            self.require()
            self.phone.write_card('nadia.vcf', make_card('phone-nadia', 'Nadia', 'Edited',
                                                         'nadia.edited@example.org', '+33 6 11 22 33 44',
                                                         extra=['TITLE:Photographe']))
            self.phone.sync()
            self.profile.sync()
            contact = self.contacts().get('phone-nadia')
            expect(contact is not None, 'phone-nadia is not in the app')
            expect(contact['name'] == 'Nadia Edited', repr(contact))
            expect(contact['emails'] == ['nadia.edited@example.org'], repr(contact))
            expect(contact['title'] == 'Photographe', repr(contact))

        @check(tag + 'a card deleted on the phone is gone from the app')
        def _():
            self.require()
            self.phone.delete_card('nadia.vcf')
            self.phone.sync()
            counts = self.profile.sync()
            contacts = self.contacts()
            expect('phone-nadia' not in contacts, 'phone-nadia is still in the app')
            expect(counts[2] == 1, 'one deletion expected: %r' % (counts,))
            expect(all('stable-%d' % i in contacts for i in range(1, 5)), 'a stable card was lost')

        @check(tag + 'a contact created in the app arrives on the phone')
        def _():
            self.require()
            self.app_uid = self.profile.add('--name', 'Arthur App', '--email', 'arthur@example.org',
                                            '--phone', '+33 7 00 11 22 33')
            counts = self.profile.sync()
            expect(counts[1] == 1, 'one upload expected: %r' % (counts,))
            self.phone.sync()
            card = self.phone_card(self.app_uid)
            expect(first_value(card, 'FN') == 'Arthur App', card)
            expect(first_value(card, 'EMAIL') == 'arthur@example.org', card)

        @check(tag + 'a contact edited in the app is edited on the phone')
        def _():
            self.require()
            expect(self.app_uid is not None, 'no contact was created in the app')
            self.profile.ok('edit', self.app_uid, '--name', 'Arthur Edited',
                            '--email', 'arthur.edited@example.org')
            counts = self.profile.sync()
            expect(counts[1] == 1, 'one upload expected: %r' % (counts,))
            self.phone.sync()
            card = self.phone_card(self.app_uid)
            expect(first_value(card, 'FN') == 'Arthur Edited', card)
            expect(first_value(card, 'EMAIL') == 'arthur.edited@example.org', card)

        @check(tag + 'a contact deleted in the app is gone from the phone')
        def _():
            self.require()
            expect(self.app_uid is not None, 'no contact was created in the app')
            self.profile.ok('delete', self.app_uid)
            counts = self.profile.sync()
            expect(counts[2] == 1, 'one deletion expected: %r' % (counts,))
            self.phone.sync()
            expect(self.phone.find(self.app_uid) == [], 'the card is still on the phone')
            expect(all(self.phone.find('stable-%d' % i) for i in range(1, 5)), 'a stable card was lost')

        @check(tag + 'Apple labels, an unknown property and a photo survive an edit in the app')
        def _():
            self.require()
            self.phone.write_card('claire.vcf', apple_card())
            self.phone.sync()
            self.profile.sync()
            contact = self.contacts().get('phone-apple')
            expect(contact is not None, 'phone-apple is not in the app')
            expect('claire@example.org' in contact['emails'], repr(contact))

            self.profile.ok('edit', 'phone-apple', '--title', 'Architecte')
            counts = self.profile.sync()
            expect(counts[1] == 1, 'one upload expected: %r' % (counts,))
            self.phone.sync()

            card = self.phone_card('phone-apple')
            expect(first_value(card, 'TITLE') == 'Architecte', 'the edit is missing:\n' + card)
            expect(first_value(card, 'FN') == 'Claire Durand', card)
            group, labels = grouped(card, 'EMAIL', 'claire@example.org')
            expect(group is not None and labels == [APPLE_OTHER],
                   'the email lost its Apple label (group %r, labels %r):\n%s' % (group, labels, card))
            group, labels = grouped(card, 'URL', 'https://atelier.example.org')
            expect(group is not None and labels == ['Portfolio'],
                   'the URL lost its custom label (group %r, labels %r):\n%s' % (group, labels, card))
            social = [(params, value) for _, name, params, value in properties(card)
                      if name == 'X-SOCIALPROFILE']
            expect(len(social) == 1
                   and social[0][1] == 'https://www.linkedin.com/in/claire-durand'
                   and [v.lower() for v in social[0][0].get('TYPE', [])] == ['linkedin']
                   and social[0][0].get('X-USER') == ['claire-durand'],
                   'X-SOCIALPROFILE was not kept as it was: %r\n%s' % (social, card))
            expect(photo_bytes(card) == JPEG, 'the photo changed:\n' + card[:3000])
            expect(first_value(card, 'TEL') == '+33 6 12 34 56 78', card)

    def stop(self):
        if self.server is not None:
            self.server.stop()


SCENARIOS = [
    Scenario(Radicale, ('radicale', 'vdirsyncer')),
    Scenario(Xandikos, ('xandikos', 'vdirsyncer')),
]
for scenario in SCENARIOS:
    scenario.register()


def cleanup():
    for scenario in SCENARIOS:
        scenario.stop()
    shutil.rmtree(ROOT, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main(needs=('vdirsyncer',), cleanup=cleanup))
