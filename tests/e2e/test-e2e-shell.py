# The window as a person meets it: three pages, switched by clicking the view switcher,
# each with its empty state, and every button with a name.

import sys
import os

sys.path.insert(0, os.path.dirname(__file__))
from rally_e2e import RallyApp, Tap, wait_for  # noqa: E402

tap = Tap()
with RallyApp() as rally:
    tap.check(rally.find("frame", "Rally") is not None, "the window is called Rally")
    tabs = [t.name for t in rally.find_all("page tab")]
    for page in ("Campaigns", "Challenges", "Analytics"):
        tap.check(page in tabs, f"the view switcher offers {page}")

    tap.check(rally.find("label", "Welcome to Rally") is not None, "first run explains what Rally is for")
    tap.check(rally.find("push button", "New Campaign") is not None, "first run offers New Campaign")
    tap.check(rally.find("push button", "Explore Sample Data") is not None, "first run offers sample data")

    for page, empty_title in (("Challenges", "No Challenges Yet"), ("Analytics", "Nothing to Chart Yet")):
        tab = rally.find("page tab", page)
        rally.click(tab)
        tap.check(wait_for(lambda: rally.is_selected(tab)), f"clicking {page} selects its page")
        tap.check(rally.find("label", empty_title) is not None, f"{page} shows its empty state")

    # GTK 4.8 falls back to the type name ("GtkMenuButton") when a control has no name.
    unnamed = [b.name for b in rally.find_all("push button") + rally.find_all("toggle button")
               if not b.name or b.name.startswith(("Gtk", "Adw")) or "_" in b.name]
    tap.check(not unnamed, f"every visible button has an accessible name (without: {unnamed})")
tap.done()
