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
    # every way in, named as a screen reader reads it
    for name in ("Import a TikTok Studio Export…", "Import a Backup…", "Connect TikTok Account…",
                 "Explore Sample Data", "New Campaign"):
        tap.check(rally.find("push button", name) is not None, f"first run offers {name}")
    rally.click(rally.find("push button", "Connect TikTok Account…"))
    prefs = rally.find("frame", "Preferences", timeout=10)
    tap.check(prefs is not None, "Connect TikTok Account… opens Preferences")
    tap.check(prefs is not None and rally.find("push button", "Sign In with TikTok…",
                                               root=prefs) is not None,
              "Preferences offer Sign In with TikTok")
    if prefs is not None:
        rally.click(rally.find("push button", "Close", root=prefs))
        wait_for(lambda: not rally.find_all("frame", "Preferences"))

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
