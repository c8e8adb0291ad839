#!/bin/sh
# po-complete.sh SRCDIR LANG — fails unless po/LANG.po translates every message of the
# current sources: the template is made afresh from po/POTFILES.in (as meson's glib preset
# makes it), merged into a copy of the translation, and msgfmt --statistics must report
# no untranslated and no fuzzy message.
set -eu
src=$1
lang=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/po-complete.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

cd "$src"
grep -v '^#' po/POTFILES.in | sed '/^$/d' > "$work/files"
xgettext --package-name=rally --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ \
  --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
  --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format \
  --flag=g_log:3:c-format --flag=g_print:1:c-format --flag=g_printerr:1:c-format \
  --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format \
  --flag=g_snprintf:3:c-format --files-from="$work/files" -o "$work/rally.pot"
msgmerge --quiet --no-fuzzy-matching -o "$work/$lang.po" "po/$lang.po" "$work/rally.pot"
stats=$(msgfmt -c --statistics -o /dev/null "$work/$lang.po" 2>&1)
echo "$lang: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    msgattrib --untranslated --no-wrap "$work/$lang.po" | grep "^msgid \"." | head -20
    msgattrib --only-fuzzy --no-wrap "$work/$lang.po" | grep "^msgid \"." | head -20
    echo "po/$lang.po is not complete: run msgmerge against a fresh template (ninja -C _build rally-pot) and translate the messages above"
    exit 1 ;;
esac
