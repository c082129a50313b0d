#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Crash safety: `reseau-cli sync` of a 2,000-card Radicale book, killed
# with SIGKILL again and again, with local contacts to upload and local
# edits made between the kills, converges once a sync is let finish: every
# server card is a contact exactly once, every local contact is on the
# server exactly once, and every local edit is on both sides. A second sync
# then has nothing to do.
#
# The kill moments (after 0.2 s, 0.5 s…) only vary how far each sync got;
# nothing asserted depends on time or on where a kill landed. Prints TAP.

import collections
import shutil
import signal
import sys
import time

sys.dont_write_bytecode = True

from carddav_servers import Radicale, card_uid, first_value, make_card  # noqa: E402
from reseau_tap import Profile, check, expect, main, make_root  # noqa: E402

ROOT = make_root('reseau-test-sigkill-')
N_SERVER = 2000
N_LOCAL = 20
KILL_AFTER = (0.2, 0.5, 0.8, 1.2, 2.0, 3.0, 5.0)

state = {'edits': {}}


def server_card(i):
    return make_card('sk-%04d' % i, 'Given%04d' % i, 'Family%04d' % i,
                     'person%04d@example.org' % i, '+33 6 %02d %02d %02d %02d' % (
                         i % 100, (i // 100) % 100, 12, 34),
                     extra=['ORG:Company %d' % (i % 37), 'NOTE:Seeded card %d' % i])


@check('Radicale with 2,000 cards, and 20 contacts made here')
def _():
    server = state['server'] = Radicale(ROOT).start()
    for i in range(N_SERVER):
        server.seed_card('sk-%04d.vcf' % i, server_card(i))
    profile = state['profile'] = Profile(ROOT, 'sigkill')
    state['local'] = [profile.add('--name', 'Local %02d' % i, '--email', 'local%02d@example.org' % i)
                      for i in range(N_LOCAL)]
    profile.add_account(server)


@check('sync survives SIGKILL at several moments, with local edits in between')
def _():
    profile = state['profile']
    edits = state['edits']
    killed = 0
    for round_number, delay in enumerate(KILL_AFTER):
        process = profile.spawn('sync')
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait()

        # Between two kills, edit what is there now: a contact made here
        # (uploaded or not yet) and one that came from the server (when
        # any has arrived). The edits must all end up on both sides.
        contacts = profile.contacts()
        local_uid = state['local'][round_number % N_LOCAL]
        title = 'Local edit %d' % round_number
        profile.ok('edit', local_uid, '--title', title)
        edits[local_uid] = title
        downloaded = sorted(uid for uid in contacts if uid.startswith('sk-') and uid not in edits)
        if downloaded:
            uid = downloaded[len(downloaded) // 2]
            title = 'Server card edit %d' % round_number
            profile.ok('edit', uid, '--title', title)
            edits[uid] = title
    print('# %d of %d syncs were killed before they finished; %d edits made'
          % (killed, len(KILL_AFTER), len(edits)))


@check('a sync let run to the end succeeds, and a second one has nothing to do')
def _():
    profile = state['profile']
    profile.sync()
    counts = profile.sync()
    expect(counts == (0, 0, 0, 0), 'the second sync must have nothing to do: %r' % (counts,))


@check('every server card is a contact exactly once')
def _():
    contacts = state['profile'].contact_list()
    uids = [contact['uid'] for contact in contacts]
    duplicates = sorted(uid for uid, n in collections.Counter(uids).items() if n > 1)
    expect(not duplicates, 'contacts listed more than once: %r' % duplicates[:20])
    missing = [i for i in range(N_SERVER) if 'sk-%04d' % i not in set(uids)]
    expect(not missing, '%d server cards are missing, e.g. %r' % (len(missing), missing[:10]))
    expect(len(uids) == N_SERVER + N_LOCAL,
           'expected %d contacts, found %d' % (N_SERVER + N_LOCAL, len(uids)))
    names = [contact['name'] for contact in contacts]
    expect(len(set(names)) == len(names), 'a contact was duplicated under another UID')


@check('every contact made here is on the server exactly once')
def _():
    cards = state['server'].stored_cards()
    uids = [card_uid(text) for text in cards.values()]
    counts = collections.Counter(uids)
    for uid in state['local']:
        expect(counts[uid] == 1, '%s is on the server %d times' % (uid, counts[uid]))
    expect(len(uids) == N_SERVER + N_LOCAL,
           'expected %d cards on the server, found %d' % (N_SERVER + N_LOCAL, len(uids)))
    expect(len(set(uids)) == len(uids), 'a UID is on the server twice')


@check('every edit made between the kills is in the app and on the server')
def _():
    edits = state['edits']
    expect(edits, 'no edit was made')
    contacts = state['profile'].contacts()
    by_uid = {card_uid(text): text for text in state['server'].stored_cards().values()}
    for uid, title in sorted(edits.items()):
        expect(contacts[uid]['title'] == title,
               'the app lost the edit of %s: %r' % (uid, contacts[uid]['title']))
        expect(first_value(by_uid[uid], 'TITLE') == title,
               'the server lost the edit of %s:\n%s' % (uid, by_uid[uid]))


def cleanup():
    if 'server' in state:
        state['server'].stop()
    shutil.rmtree(ROOT, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main(needs=('radicale',), cleanup=cleanup))
