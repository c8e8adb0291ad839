# A charity's own TikTok Studio export, as a newcomer brings it in: a fresh workspace,
# Import… from the main menu (F10, then I), the file typed into the file chooser, the
# preview's Import, then the toast's Show. The account's summed views must then be on
# the page that opens. The file is what TikTok Studio writes: a UTF-8 byte order mark,
# CRLF line ends and quoted counts with thousands separators ("1,234").

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from rally_e2e import RallyApp, Tap, wait_for  # noqa: E402

import pyatspi  # noqa: E402

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "csv",
                       "overview-studio-export.csv")
RETURN, F10 = 0xff0d, 0xffc7


def press(keysym):
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)


def type_text(text):
    for ch in text:
        press(ord(ch))


def button(rally, label, root):
    """The push button labelled LABEL; GTK 4.8 names "_Import" buttons "_Import Import"."""
    return wait_for(lambda: next((b for b in rally.find_all("push button", None, root)
                                  if b.name and b.name.replace("_", "").startswith(label)), None))


def frame(rally, name):
    return wait_for(lambda: next((c for c in rally.app if c.getRoleName() == "frame" and c.name == name), None))


with open(FIXTURE, "rb") as f:
    raw = f.read()

tap = Tap()
tap.check(raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b'"1,234"' in raw,
          "the export has a BOM, CRLF line ends and quoted thousands")

with RallyApp() as rally:
    window = frame(rally, "Rally")
    press(F10)
    tap.check(wait_for(lambda: rally.find_all("menu item")) is not None, "F10 opens the main menu")
    type_text("i")
    chooser = wait_for(lambda: next((c for c in rally.app if c.name == "Import"), None))
    tap.check(chooser is not None, "Import… asks for a file")

    type_text(os.path.abspath(FIXTURE))
    press(RETURN)
    preview = frame(rally, "overview-studio-export.csv")
    tap.check(preview is not None, "the chosen export opens in a preview")
    tap.check(wait_for(lambda: rally.find_all("label", "7 rows", preview)) is not None,
              "the preview counts its 7 days")
    import_button = button(rally, "Import", preview)
    tap.check(import_button is not None and rally.is_sensitive(import_button), "Import can be pressed")
    if import_button is not None:
        rally.click(import_button)

    toast = rally.find("label", "Imported: 7 new rows", window, timeout=10)
    tap.check(toast is not None, "a toast says what was imported")
    show = button(rally, "Show", window)
    tap.check(show is not None, "the toast offers Show")
    if show is not None:
        rally.click(show)

    analytics = rally.find("page tab", "Analytics")
    tap.check(wait_for(lambda: rally.is_selected(analytics)) is not None, "Show opens Analytics")
    # "1,234" + "2,480" + "3,105" + "987" + "12,650" + "4,321" + "2,003"
    tap.check(wait_for(lambda: rally.find_all(None, "Views: 26,780", window)) is not None,
              "the account's summed views are on the page: 26,780")

    campaigns = rally.find("page tab", "Campaigns")
    rally.click(campaigns)
    tap.check(wait_for(lambda: rally.find_all("label", "No Campaigns Yet", window)) is not None,
              "Campaigns says where the figures are instead of welcoming again")
tap.done()
