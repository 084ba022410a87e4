#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What a screen reader reads (AT-SPI, through pyatspi): starts the AT-SPI
# bus, runs finpersona (the demo bank, a fresh home) and walks it as a
# customer would, through AT-SPI's own actions: the welcome page, the
# consent step (walked, then answered with nothing allowed), every page of
# the view stack (found from the switcher, so a page added later is walked
# too), the dialogs (Preferences, About, a transaction's details, an
# alert's "Why am I seeing this?"), then every consent switched on in
# Privacy and every page again.
#
# Each actionable element that is showing must have a usable name: not
# empty, not a class name ("GtkMenuButton"), not a bare figure ("$27.35"
# without what it is), no raw mnemonic ("_Erase…"), not the same text twice
# ("Personalization Personalization"), and two actionable elements of one
# view must not read alike (name and description). Prints every finding
# with its path; exits 1 on any.
#
# Usage: check-a11y.py FINPERSONA   (under tests/fp-test-session --keyring --display)
import os
import re
import signal
import subprocess
import sys
import time

os.environ.pop('NO_AT_BRIDGE', None)
os.environ['GTK_A11Y'] = 'atspi'

import gi  # noqa: E402
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, GLib  # noqa: E402,F401

DEADLINE = 120  # seconds for anything to appear; a limit, not a measurement

ACTIONABLE = {
    'push button', 'toggle button', 'check box', 'radio button', 'menu item',
    'check menu item', 'radio menu item', 'link', 'slider', 'spin button',
    'text', 'entry', 'password text', 'combo box', 'switch', 'page tab',
    'list item', 'table row', 'tree item', 'menu',
}
CLASS_NAME = re.compile(r'^(Gtk|Adw|Fp)[A-Z]\w*$')
MNEMONIC = re.compile(r'(^|[\s(“"])_[^\W_]')
DOUBLED = re.compile(r'^(.{3,}?)[\s,.]+\1$', re.S)

started = []


def log(*args):
    print(*args, flush=True)


def start_bus():
    """The AT-SPI bus of this D-Bus session (a11y bus and registry)."""
    launcher = '/usr/libexec/at-spi-bus-launcher'
    if not os.path.exists(launcher):
        log('1..0 # SKIP at-spi2-core is not installed')
        sys.exit(77)
    proc = subprocess.Popen([launcher, '--launch-immediately'],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started.append(proc)
    time.sleep(0.5)


def role(acc):
    try:
        return acc.get_role_name()
    except Exception:
        return ''


def name(acc):
    try:
        return acc.get_name() or ''
    except Exception:
        return ''


def description(acc):
    try:
        return acc.get_description() or ''
    except Exception:
        return ''


def states(acc):
    try:
        return acc.get_state_set()
    except Exception:
        return None


def showing(acc):
    """What a screen reader is given. GTK 4.8 sets no SHOWING state (only
    the window's) and gives every visible widget, also on a page of a stack
    not shown: all of it is checked."""
    s = states(acc)
    return s is not None and s.contains(Atspi.StateType.VISIBLE)


def children(acc):
    try:
        n = acc.get_child_count()
    except Exception:
        return []
    out = []
    for i in range(n):
        try:
            c = acc.get_child_at_index(i)
        except Exception:
            c = None
        if c is not None:
            out.append(c)
    return out


def walk_nodes(acc, path=(), only_showing=True, depth=0):
    if depth > 80:
        return
    for c in children(acc):
        if only_showing and not showing(c):
            continue
        p = path + (f'{role(c)} “{name(c)[:30]}”',)
        yield c, p
        yield from walk_nodes(c, p, only_showing, depth + 1)


def has_action(acc):
    try:
        return acc.get_n_actions() > 0
    except Exception:
        return False


WINDOW_CONTROLS = {'Close', 'Minimize', 'Maximize'}
VALUED = {'slider', 'spin button', 'text', 'entry', 'password text', 'scroll bar'}


def actionable(acc):
    """A control: GTK 4.8 also gives actions to labels and to widgets with
    actions of their own (a page's `page.refresh`), which are no controls;
    a menu button is a button (no action) around the button that acts."""
    r = role(acc)
    return r in ACTIONABLE and (has_action(acc) or r in VALUED or r == 'list item')


def usable(text):
    """A name a person can use: words, not a bare figure or a class name."""
    t = text.strip()
    if not t:
        return 'has no name'
    if CLASS_NAME.match(t):
        return 'is named by its class'
    if not any(ch.isalpha() for ch in t):
        return 'is a bare figure or symbol'
    if MNEMONIC.search(t):
        return 'shows a raw mnemonic'
    if DOUBLED.match(t):
        return 'says its name twice'
    return None


def dump(root, where):
    if not os.environ.get('FP_A11Y_DUMP'):
        return
    log(f'# --- {where}')
    for acc, path in walk_nodes(root):
        log('#  ' + '  ' * len(path) + f'{role(acc)} “{name(acc)}” [{description(acc)[:50]}]'
            + (' (action)' if has_action(acc) else ''))


PAGE_TITLES = set()


def scope(path):
    """The page an element is on (pages are named by their titles), or the
    window: two controls that read alike are a finding on one page."""
    for p in path:
        for t in PAGE_TITLES:
            if p in (f'filler “{t[:30]}”', f'panel “{t[:30]}”'):
                return t
    return ''


def check(root, where, findings):
    dump(root, where)
    seen = {}
    count = 0
    for acc, path in walk_nodes(root):
        if not actionable(acc):
            continue
        count += 1
        n, d = name(acc), description(acc)
        if where == 'Preferences' and role(acc) == 'list item' and path[-2].startswith('list “GtkListView”'):
            continue  # libadwaita's search results, on its hidden search page, rows made on demand
        problem = usable(n)
        if problem is None and d and MNEMONIC.search(d):
            problem = 'has a raw mnemonic in its description'
        if problem:
            findings.append(f'{where}: {role(acc)} “{n}” {problem}  ({" › ".join(path[-4:])})')
            continue
        if role(acc) == 'page tab':
            continue  # the same switcher, wide and narrow, in the header and at the bottom
        if n in WINDOW_CONTROLS:
            continue  # each header bar of a window's subpages has them: the same action
        if not has_action(acc):
            continue  # two equal lines of a history are no ambiguous controls
        key = (scope(path), role(acc), n.strip(), d.strip())
        seen.setdefault(key, []).append(path)
    for (_, r, n, d), paths in seen.items():
        if len(paths) > 1:
            findings.append(f'{where}: {len(paths)} × {r} “{n}” read alike (description “{d[:60]}”)')
    log(f'# {where}: {count} actionable elements')
    return count


def app_for(pid):
    desktop = Atspi.get_desktop(0)
    for app in children(desktop):
        try:
            if app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None


def wait_for(what, predicate, timeout=DEADLINE):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise TimeoutError(f'{what} did not appear within {timeout} s')


def find(root, pred, only_showing=True):
    for acc, _ in walk_nodes(root, only_showing=only_showing):
        try:
            if pred(acc):
                return acc
        except Exception:
            continue
    return None


def find_all(root, pred):
    out = []
    for acc, _ in walk_nodes(root):
        try:
            if pred(acc):
                out.append(acc)
        except Exception:
            continue
    return out


def named(text, roles=None):
    def pred(acc):
        return name(acc).replace('_', '') == text and (roles is None or role(acc) in roles)
    return pred


def act(acc, action=0):
    """Does what a click does. A busy app (two cores, tests in parallel)
    may answer after AT-SPI's timeout although it acted: that is logged,
    and what the walk waits for next tells whether it happened."""
    try:
        acc.do_action(action)
    except GLib.Error as e:
        log(f'# {role(acc)} “{name(acc)}”: {e.message}')
        time.sleep(1.0)


def windows(app):
    return [w for w in children(app) if showing(w) or role(w) in ('frame', 'window', 'dialog')]


def main_window(app):
    for w in children(app):
        if find(w, lambda a: role(a) == 'page tab list' or name(a) == 'Main Menu', only_showing=False):
            return w
    return children(app)[0] if children(app) else None


def new_window(app, known):
    for w in children(app):
        if w not in known and showing(w):
            return w
    return None


def close(window):
    btn = find(window, lambda a: role(a) == 'push button' and name(a) in ('Close', 'Cancel'))
    if btn is not None:
        act(btn)
    else:
        Atspi.generate_keyboard_event(0xff1b, None, Atspi.KeySynthType.SYM)  # Escape


def page_tabs(window):
    """The view switcher's buttons: one per page of the stack."""
    tabs = find_all(window, lambda a: role(a) in ('page tab', 'toggle button', 'radio button')
                    and any(role(p) == 'page tab list' for p in [a.get_parent()]))
    return tabs


def show_page(window, title):
    """Activates the page tabs named @title: the header's switcher and the
    bottom bar's are both in the tree, visible to AT-SPI, and only one of
    them is on screen when the header is too narrow for every page; both
    show the same page. Returns whether there was one."""
    tabs = [t for t in page_tabs(window) if name(t) == title]
    for t in tabs:
        act(t)
    return bool(tabs)


def walk_pages(app, window, label, findings):
    tabs = page_tabs(window)
    if not tabs:
        findings.append(f'{label}: no page switcher found')
        return []
    titles = list(dict.fromkeys(name(t) for t in tabs))  # one switcher of several
    PAGE_TITLES.update(titles)
    for title in titles:
        if not show_page(window, title):
            findings.append(f'{label}: the page tab “{title}” went away')
            continue
        time.sleep(1.0)
        check(window, f'{label}, {title}', findings)
    return titles


def dialog(app, window, opener, where, findings):
    known = set(children(app))
    opener()
    try:
        w = wait_for(where, lambda: new_window(app, known), timeout=30)
    except TimeoutError as e:
        findings.append(f'{where}: {e}')
        return
    time.sleep(1.0)
    check(w, where, findings)
    close(w)
    try:
        wait_for(f'{where} closed', lambda: new_window(app, known) is None, timeout=15)
    except TimeoutError:
        pass


def gaction(action):
    subprocess.run(['gdbus', 'call', '--session', '--dest', 'io.github.finpersona.FinPersona',
                    '--object-path', '/io/github/finpersona/FinPersona',
                    '--method', 'org.gtk.Actions.Activate', action, '[]', '{}'],
                   check=True, stdout=subprocess.DEVNULL)


def main():
    app_path = sys.argv[1]
    start_bus()
    # A loaded machine answers slowly; a limit, not a measurement.
    Atspi.set_timeout(30000, 60000)
    proc = subprocess.Popen([app_path], stdout=subprocess.DEVNULL)
    started.append(proc)
    findings = []
    try:
        app = wait_for('the application on the AT-SPI bus', lambda: app_for(proc.pid))
        window = wait_for('the window', lambda: main_window(app))

        welcome = wait_for('the welcome page', lambda: find(window, named('Explore the Demo Bank', {'push button'})))
        PAGE_TITLES.update(name(t) for t in page_tabs(window))
        check(window, 'Welcome', findings)
        if page_tabs(window):
            findings.append('Welcome: the page switcher shows before there is anything to navigate')
        act(welcome)

        cont = wait_for('the consent step', lambda: find(window, named('Continue with None', {'push button'})))
        time.sleep(1.0)
        check(window, 'Consent step', findings)
        act(cont)

        wait_for('the pages', lambda: page_tabs(window))
        wait_for('the first sync', lambda: find(window, lambda a: role(a) == 'push button' and name(a).startswith('How')), timeout=DEADLINE)
        titles = walk_pages(app, window, 'Consents off', findings)

        dialog(app, window, lambda: gaction('preferences'), 'Preferences', findings)
        dialog(app, window, lambda: gaction('about'), 'About', findings)

        # Consents on: every switch of the Privacy page.
        if show_page(window, 'Privacy'):
            time.sleep(1.0)
            # GTK 4.8 gives a GtkSwitch the role of a check box.
            for sw in find_all(window, lambda a: role(a) in ('switch', 'check box') and has_action(a)):
                s = states(sw)
                if s is not None and not s.contains(Atspi.StateType.CHECKED):
                    act(sw)
                    time.sleep(0.3)
            time.sleep(3.0)
            on = [sw for sw in find_all(window, lambda a: role(a) in ('switch', 'check box') and has_action(a))
                  if states(sw) is not None and states(sw).contains(Atspi.StateType.CHECKED)]
            log(f'# consents switched on: {len(on)}')
            if not on:
                findings.append('Privacy: no consent could be switched on')
        walk_pages(app, window, 'Consents on', findings)

        # The Activity page's first transaction, and an alert's "why".
        if show_page(window, 'Dashboard'):
            time.sleep(1.0)
        why = find(window, lambda a: role(a) in ('push button', 'toggle button') and has_action(a)
                   and name(a).startswith('Why am I seeing this'))
        if why is None:
            findings.append('Dashboard: no alert with “Why am I seeing this?” to walk')
        else:
            act(why)
            time.sleep(1.0)
            check(window, 'Alert, Why am I seeing this?', findings)
            Atspi.generate_keyboard_event(0xff1b, None, Atspi.KeySynthType.SYM)
        log(f'# pages walked: {", ".join(titles)}')
    except TimeoutError as e:
        findings.append(f'not ok: {e}')

    counts = {}
    for f in findings:
        # One line per kind of finding: the path tells where, the count how often.
        key = re.sub(r'^[^:]*: ', '', f)
        counts.setdefault(key, []).append(f.split(':')[0])
    for key, wheres in counts.items():
        times = f' (× {len(wheres)}: {", ".join(sorted(set(wheres)))})' if len(wheres) > 1 else f' ({wheres[0]})'
        log(f'not ok: {key}{times}' if not key.startswith('not ok') else key)
    log(f'{len(findings)} findings, {len(counts)} distinct')
    return 1 if findings else 0


if __name__ == '__main__':
    try:
        status = main()
    finally:
        for p in reversed(started):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
    sys.exit(status)
