# Every control as a screen reader names it: the real binary on the sample workspace, every
# page (Campaigns with a campaign and the content calendar, Challenges with a challenge's
# tracking, Analytics), every editor (campaign, challenge and planned post, new and existing)
# and every dialog (Preferences with Advanced expanded, the Import preview of a CSV file,
# the keyboard shortcuts, About). The whole accessibility tree of each is walked, and every
# control (button, entry, check box, combo box, menu item, list item, column header…) must
# have one short name: not empty, not a type name ("GtkImage"), no mnemonic underscore
# ("_Import"), not said twice ("Cancel Cancel") and not repeated as its description.
# Each offender is printed with its path, so a new screen that breaks the rule says where.

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from rally_e2e import RallyApp, Tap, wait_for  # noqa: E402

import pyatspi  # noqa: E402

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "csv",
                       "overview-studio-export.csv")
RETURN, F10 = 0xff0d, 0xffc7

CONTROL_ROLES = {
    "push button", "toggle button", "check box", "radio button", "entry", "text",
    "password text", "spin button", "combo box", "menu item", "check menu item",
    "radio menu item", "link", "slider", "switch", "column header", "list item",
    "page tab", "tree item", "table cell", "menu", "toggle",
}
MAX_ROWS = 24
TYPE_NAME = re.compile(r"^(Gtk|Adw|Rally)[A-Z]")
MNEMONIC = re.compile(r"(^|[^_])_[^\W_]")


def normalise(text):
    """The words of TEXT as a listener hears them: no ellipsis, no case, no punctuation."""
    text = text.replace("…", " ").replace("...", " ").replace("_", "")
    return [w for w in re.split(r"[\s,.:;!?()]+", text.lower()) if w]


def doubled(text):
    """True when TEXT is one phrase said twice: "Cancel Cancel", "Sign In Sign In…"."""
    words = normalise(text)
    half = len(words) // 2
    return (len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]
            and any(ch.isalpha() for ch in "".join(words[:half])))


def has_relation(node, relation):
    try:
        return any(r.getRelationType() == relation and r.getNTargets() > 0
                   for r in node.getRelationSet())
    except Exception:
        return False


def named_text_below(node, depth=0):
    """True when a descendant of NODE reads as text (the way a list row is read)."""
    if depth > 8:
        return False
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is None:
            continue
        if child.name and not TYPE_NAME.match(child.name):
            return True
        if named_text_below(child, depth + 1):
            return True
    return False


def problems_of(node):
    """What is wrong with NODE's name, as a list of short phrases (empty when it is fine)."""
    role = node.getRoleName()
    name = node.name or ""
    description = node.description or ""
    found = []
    if role in CONTROL_ROLES:
        if not name.strip():
            # A row of a list is read by its content; any other control needs a name.
            if not has_relation(node, pyatspi.RELATION_LABELLED_BY) and not (
                    role == "list item" and named_text_below(node)):
                found.append("no name")
        elif TYPE_NAME.match(name):
            # GTK's own row and cell widgets ("GtkColumnViewCell") are read by their content
            # unless the keyboard stops on them.
            # GtkFlowBoxChild cannot be named in GTK 4.8 and is read by the control it holds.
            if not (role in ("list item", "table cell") and named_text_below(node)
                    and (name == "GtkFlowBoxChild"
                         or not node.getState().contains(pyatspi.STATE_FOCUSABLE))):
                found.append("a type name")
        if MNEMONIC.search(name):
            found.append("a mnemonic underscore")
        # A tooltip is the description in GTK 4.8, so an icon button's description often
        # equals its name; screen readers do not read a description equal to the name. Said
        # twice is a description that holds the name and then the name again.
        if name and description and normalise(description) == normalise(name) * 2:
            found.append("its name twice as description")
    if name and doubled(name):
        found.append("said twice")
    elif description and doubled(description):
        found.append("a description said twice")
    return found


def path_of(chain):
    return " > ".join(f"{role} '{name}'" if name else role for role, name in chain)


def audit(root):
    """(number of controls, offenders) in the tree under ROOT, as far as it is visible."""
    offenders = []
    controls = 0
    seen = set()

    def visit(node, chain, depth):
        nonlocal controls
        if node is None or depth > 80:
            return
        try:
            role = node.getRoleName()
            name = node.name or ""
            if depth > 0 and not node.getState().contains(pyatspi.STATE_VISIBLE):
                return
            key = hash(node)
            if key in seen:
                return
            seen.add(key)
            chain = chain + [(role, name[:60])]
            if role in CONTROL_ROLES:
                controls += 1
            problems = problems_of(node)
            if problems:
                line = f"{path_of(chain[-4:])} (description '{node.description}'): " + ", ".join(problems)
                if line not in offenders:  # rows of one list repeat the same offender
                    offenders.append(line)
            # The rows of a long list or table repeat one template: the first ones stand for all.
            for i in range(min(node.childCount, MAX_ROWS)):
                visit(node.getChildAtIndex(i), chain, depth + 1)
        except Exception as e:  # a node that went away while walking
            print(f"# skipped a node: {e}", flush=True)

    visit(root, [], 0)
    return controls, offenders


def press(keysym):
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)


SHIFT_MASK, CONTROL_MASK = 1 << 0, 1 << 2


def press_with(modifiers, keysym):
    """Presses KEYSYM while MODIFIERS (a mask, e.g. CONTROL_MASK | SHIFT_MASK) are held."""
    from gi.repository import Atspi
    Atspi.generate_keyboard_event(modifiers, None, Atspi.KeySynthType.LOCKMODIFIERS)
    press(keysym)
    Atspi.generate_keyboard_event(modifiers, None, Atspi.KeySynthType.UNLOCKMODIFIERS)


def type_text(text):
    for ch in text:
        press(ord(ch))


def top_level(rally, name=None, exclude=()):
    """The window (frame or dialog) NAMEd, or any window not in EXCLUDE."""
    def look():
        for child in rally.app:
            if child is None:
                continue
            if name is not None and child.name != name:
                continue
            if name is None and (child.name in exclude or not child.childCount):
                continue
            return child
        return None
    found = wait_for(look, timeout=10)
    if found is None:
        print(f"# no window {name!r}; open: {[(c.getRoleName(), c.name) for c in rally.app if c]}",
              flush=True)
    return found


def button(rally, label, root=None, role="push button"):
    """The ROLE named LABEL, even while its name is still doubled or has a mnemonic."""
    def look():
        for b in rally.find_all(role, None, root):
            if b.name and b.name.replace("_", "").startswith(label):
                return b
        return None
    return wait_for(look, timeout=10)


def select(rally, node):
    """Selects a list row the way a screen reader does: through its list's selection."""
    if node is None:
        return False
    try:
        if node.queryAction().nActions > 0:
            rally.click(node)
            return True
    except NotImplementedError:
        pass
    try:
        return node.parent.querySelection().selectChild(node.getIndexInParent())
    except Exception as e:
        print(f"# could not select {node.name!r}: {e}", flush=True)
        return False


def menu_item(rally, label):
    """Opens the main menu with F10 and returns its item LABEL."""
    press(F10)
    return button(rally, label, role="menu item")


def close(rally, window):
    """Closes a dialog or editor with Escape, as a keyboard user would."""
    name = window.name
    press(0xff1b)  # Escape
    if wait_for(lambda: not any(c is not None and c.name == name and c.getRoleName() != "application"
                                for c in rally.app), timeout=5):
        return
    closer = button(rally, "Close", window) or button(rally, "Cancel", window)
    if closer is not None:
        rally.click(closer)
    wait_for(lambda: not any(c is not None and c.name == name for c in rally.app), timeout=5)


tap = Tap()
results = []


def check(rally, root, screen, settle=1.0, library=None):
    """Audits the window ROOT. LIBRARY names the toolkit that builds the window's insides
    (the About window, the shortcuts window): their leftovers are listed as TODO, not failed,
    but the window's own title still counts."""
    time.sleep(settle)  # let the screen fill in (lists bind, charts load)
    if root is None:
        tap.check(False, f"{screen}: the screen opened")
        return
    controls, offenders = audit(root)
    if not root.name or TYPE_NAME.match(root.name):
        offenders.insert(0, f"the window: {root.getRoleName()} '{root.name}' has no title")
    results.append((screen, controls, len(offenders)))
    for line in offenders:
        print(f"# {screen}: {line}", flush=True)
    description = (f"{screen}: {controls} controls, {len(offenders)} with an empty, doubled, "
                   "type or mnemonic name")
    if library is not None and offenders and not offenders[0].startswith("the window"):
        # TAP: an expected failure, reported but not counted against Rally
        tap.count += 1
        print(f"not ok {tap.count} {description} # TODO inside {library}", flush=True)
        return
    tap.check(controls > 0 and not offenders, description)


app = RallyApp()
sample = app.run_cli("sample")
tap.check(sample.returncode == 0, "rally sample fills the workspace")

with app as rally:
    window = top_level(rally, "Rally")

    # Campaigns: a campaign's overview, then the content calendar.
    rally.click(rally.find("page tab", "Campaigns"))
    campaign = rally.find("list item", root=window)
    check(rally, window, "Campaigns, a campaign selected")
    calendar = rally.find("list item", "Content Calendar", window)
    select(rally, calendar)
    check(rally, window, "Campaigns, content calendar")

    # The planned-post editor, new then an existing post from the calendar.
    press_with(CONTROL_MASK | SHIFT_MASK, ord("P"))
    editor = top_level(rally, exclude=("Rally",))
    check(rally, editor, "post editor, new")
    if editor is not None:
        close(rally, editor)

    # The campaign editor, new then existing.
    rally.click(rally.find("page tab", "Campaigns"))
    press_with(CONTROL_MASK | SHIFT_MASK, ord("N"))
    editor = top_level(rally, exclude=("Rally",))
    check(rally, editor, "campaign editor, new")
    if editor is not None:
        close(rally, editor)
    rows = [n for n in rally.find_all("list item", None, window) if not n.name]
    if rows:
        select(rally, rows[0])
    edit = button(rally, "Edit", window)
    if edit is not None:
        rally.click(edit)
    editor = top_level(rally, exclude=("Rally",))
    check(rally, editor, "campaign editor, existing")
    if editor is not None:
        close(rally, editor)

    # Challenges: a challenge's tracking, then its editor, and a new challenge.
    rally.click(rally.find("page tab", "Challenges"))
    time.sleep(1)
    rows = [n for n in rally.find_all("list item", None, window) if not n.name]
    if rows:
        select(rally, rows[0])
    check(rally, window, "Challenges, a challenge's tracking")
    edit = [b for b in rally.find_all("push button", None, window) if b.name.startswith("Edit")]
    if edit:
        rally.click(edit[-1])
    editor = top_level(rally, exclude=("Rally",))
    check(rally, editor, "challenge editor, existing")
    if editor is not None:
        close(rally, editor)
    new_challenge = button(rally, "New Challenge", window)
    if new_challenge is not None:
        rally.click(new_challenge)
    editor = top_level(rally, "New Challenge")
    check(rally, editor, "challenge editor, new")
    if editor is not None:
        close(rally, editor)

    # Analytics.
    rally.click(rally.find("page tab", "Analytics"))
    check(rally, window, "Analytics", settle=2.0)

    # Preferences, with Advanced expanded.
    item = menu_item(rally, "Preferences")
    if item is not None:
        rally.click(item)
    prefs = top_level(rally, "Preferences")
    if prefs is not None:
        # libadwaita 1.2's expander row offers no action and GTK 4.8 no focus through AT-SPI;
        # its rows are in the tree (and walked) even while it is folded.
        advanced = rally.find("list item", "Advanced", prefs)
        tap.check(advanced is not None and rally.find("text", "Client Secret", prefs) is not None,
                  "Preferences: the Advanced rows (client key and secret) are walked")
    check(rally, prefs, "Preferences, Advanced expanded")
    if prefs is not None:
        close(rally, prefs)

    # Import… on a TikTok Studio CSV: the preview dialog (the file chooser is GTK's own).
    item = menu_item(rally, "Import")
    if item is not None:
        rally.click(item)
    chooser = wait_for(lambda: next((c for c in rally.app if c is not None and c.name == "Import"), None))
    if chooser is not None:
        time.sleep(0.5)
        type_text(os.path.abspath(FIXTURE))
        press(RETURN)
    preview = top_level(rally, "overview-studio-export.csv")
    check(rally, preview, "Import preview")
    if preview is not None:
        close(rally, preview)

    # The keyboard shortcuts window and About, from the main menu.
    for label, library in (("Keyboard Shortcuts", "GTK 4.8's GtkShortcutsWindow"),
                           ("About Rally", "libadwaita 1.2's AdwAboutWindow")):
        item = menu_item(rally, label)
        if item is not None:
            rally.click(item)
        dialog = top_level(rally, exclude=("Rally",))
        check(rally, dialog, label, library=library)
        if dialog is not None:
            close(rally, dialog)

    # The main menu itself.
    press(F10)
    wait_for(lambda: rally.find_all("menu item"))
    check(rally, window, "main menu open")
    press(0xff1b)

for screen, controls, offenders in results:
    print(f"# {screen}: {controls} controls, {offenders} offenders", flush=True)
tap.done()
