# Drafting #ActForClimate from an empty workspace, as a person would: open Challenges, click
# New Challenge, type the hashtag with its '#', see a mistake explained, fix it, save the draft,
# and find it in the list and in the store.

import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from rally_e2e import RallyApp, Tap, wait_for  # noqa: E402

tap = Tap()
with RallyApp() as rally:
    started = time.monotonic()
    rally.click(rally.find("page tab", "Challenges"))
    new = rally.find("push button", "New Challenge")
    tap.check(new is not None, "the empty Challenges page offers New Challenge")
    rally.click(new)

    editor = rally.find("frame", "New Challenge", timeout=10)
    tap.check(editor is not None, "New Challenge opens the editor window")
    hashtag = rally.find("text", "Hashtag", root=editor)
    tap.check(hashtag is not None, "the editor has a field named Hashtag")

    rally.type_into(hashtag, "#Act For Climate")
    space_message = wait_for(lambda: [n for n in rally.find_all("label", root=editor)
                                      if n.name and "space" in n.name.lower()])
    tap.check(bool(space_message), "a hashtag with spaces is explained under the field")
    save = rally.find_prefix("push button", "Save Draft", root=editor)
    tap.check(save is not None, "the editor has a Save Draft button")
    tap.check(save is not None and not rally.is_sensitive(save), "Save Draft is disabled while the hashtag is invalid")

    rally.type_into(hashtag, "#ActForClimate")
    tap.check(wait_for(lambda: rally.is_sensitive(save)), "fixing the hashtag enables Save Draft")
    rally.find("text", "Title", root=editor) and rally.type_into(rally.find("text", "Title", root=editor),
                                                                  "Act for Climate")
    rally.click(save)
    time.sleep(1)  # let the editor window close before walking the tree again

    listed = wait_for(lambda: [n for n in rally.find_all("label") if n.name == "#ActForClimate"], timeout=10)
    tap.check(bool(listed), "the draft appears in the Challenges list as #ActForClimate")
    elapsed = time.monotonic() - started
    print(f"# drafted in {elapsed:.1f} s of scripted use")

    db = sqlite3.connect(os.path.join(rally.data_dir, "rally.db"))
    rows = db.execute("SELECT hashtag, title, status FROM challenges").fetchall()
    db.close()
    tap.check(rows == [("ActForClimate", "Act for Climate", 0)],
              f"the store holds one draft, stored without '#' ({rows})")
tap.done()
