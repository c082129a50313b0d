#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fail when a language in po/LINGUAS lacks a translation for a string in the
# source tree. The template is extracted afresh from po/POTFILES.in with the
# same xgettext options as i18n.gettext(preset: 'glib'), merged into a
# scratch copy of each .po file, and every untranslated or fuzzy entry is
# listed. Nothing in po/ is modified.
#
# Usage: check-translations.sh [SOURCE_ROOT]   (default: the parent of this script's dir)
# Exit status: 0 all translated, 1 something missing or broken, 77 gettext tools absent.

set -u

root=${1:-$(dirname "$0")/..}
cd "$root" 2> /dev/null || { echo "check-translations: cannot enter $root"; exit 2; }

for tool in xgettext msgmerge msgattrib msgfmt; do
  if ! command -v "$tool" > /dev/null 2>&1; then
    echo "check-translations: $tool not found, skipping"
    exit 77
  fi
done

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# Keep in step with PRESET_ARGS['glib'] in meson's i18n module. The C
# defaults (gettext, ngettext, …) stay on. Desktop files, metainfo and
# GtkBuilder .ui files are recognised by xgettext itself, from their
# extension or from the ITS rules that appstream and GTK install.
xgettext_args=(
  --package-name=reseau
  --from-code=UTF-8
  --add-comments
  --force-po
  --keyword=_
  --keyword=N_
  '--keyword=C_:1c,2'
  '--keyword=NC_:1c,2'
  --keyword=g_dcgettext:2
  '--keyword=g_dngettext:2,3'
  '--keyword=g_dpgettext2:2c,3'
  --flag=N_:1:pass-c-format
  --flag=C_:2:pass-c-format
  --flag=NC_:2:pass-c-format
  --flag=g_dngettext:2:pass-c-format
  --flag=g_strdup_printf:1:c-format
  --flag=g_string_printf:2:c-format
  --flag=g_string_append_printf:2:c-format
  --flag=g_error_new:3:c-format
  --flag=g_set_error:4:c-format
  --flag=g_markup_printf_escaped:1:c-format
  --flag=g_log:3:c-format
  --flag=g_print:1:c-format
  --flag=g_printerr:1:c-format
  --flag=g_printf:1:c-format
  --flag=g_fprintf:2:c-format
  --flag=g_sprintf:2:c-format
  --flag=g_snprintf:3:c-format
)

if ! xgettext "${xgettext_args[@]}" -f po/POTFILES.in -o "$tmp/reseau.pot" 2> "$tmp/xgettext.log"; then
  echo "xgettext failed on the files in po/POTFILES.in:"
  sed 's/^/  /' "$tmp/xgettext.log"
  exit 1
fi
if [ -s "$tmp/xgettext.log" ]; then
  sed 's/^/xgettext: /' "$tmp/xgettext.log"
fi
# A file whose type xgettext cannot tell is read as C, and its strings are
# silently lost: treat that as an error.
if grep -q 'is unknown; will try C' "$tmp/xgettext.log"; then
  echo "xgettext did not recognise some files listed in po/POTFILES.in (see above)"
  exit 1
fi

# Print each entry of a PO file but the header, as "  [context] msgid".
list_entries () {
  awk '
    function unquote(s) { sub(/^"/, "", s); sub(/"$/, "", s); return s }
    function flush() {
      if (id != "")
        print "  " (ctxt != "" ? "[" ctxt "] " : "") id
      id = ""; ctxt = ""; state = ""
    }
    /^$/            { flush(); next }
    /^#/            { next }
    /^msgctxt /     { state = "ctxt"; ctxt = unquote(substr($0, 9)); next }
    /^msgid_plural/ { state = "plural"; next }
    /^msgid /       { state = "id"; id = unquote(substr($0, 7)); next }
    /^msgstr/       { state = "str"; next }
    /^"/            { if (state == "id") id = id unquote($0)
                      else if (state == "ctxt") ctxt = ctxt unquote($0)
                      next }
    END             { flush() }
  ' "$1"
}

langs=$(sed -e 's/#.*//' po/LINGUAS)
if ! printf "%s" "$langs" | grep -q "[^[:space:]]"; then
  echo "po/LINGUAS lists no language"
  exit 1
fi

status=0
for lang in $langs; do
  po="po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "$po is listed in po/LINGUAS but does not exist"
    status=1
    continue
  fi

  merged="$tmp/$lang.po"
  if ! msgmerge --quiet --no-wrap -o "$merged" "$po" "$tmp/reseau.pot" 2> "$tmp/msgmerge.log"; then
    echo "$po: msgmerge failed:"
    sed 's/^/  /' "$tmp/msgmerge.log"
    status=1
    continue
  fi

  # Catches format strings whose conversions differ from the original (a
  # crash at run time), a broken header, a wrong plural count. Run on the
  # file itself so that line numbers point into it.
  lang_ok=1
  if ! msgfmt --check -o /dev/null "$po" 2> "$tmp/msgfmt.log"; then
    echo "$po: msgfmt --check failed:"
    sed 's/^/  /' "$tmp/msgfmt.log"
    lang_ok=0
  fi

  msgattrib --force-po --untranslated --no-obsolete --no-wrap "$merged" -o "$tmp/untranslated.po"
  msgattrib --force-po --only-fuzzy --no-obsolete --no-wrap "$merged" -o "$tmp/fuzzy.po"
  untranslated=$(list_entries "$tmp/untranslated.po")
  fuzzy=$(list_entries "$tmp/fuzzy.po")

  # msgattrib never lists the header, so look at its flags directly.
  if awk '/^msgid /{exit} /^#,.*fuzzy/{f=1} END{exit !f}' "$po"; then
    echo "$po: the header entry is marked fuzzy; remove that flag"
    lang_ok=0
  fi
  if [ -n "$untranslated" ]; then
    echo "$po: $(printf '%s\n' "$untranslated" | wc -l) untranslated:"
    printf '%s\n' "$untranslated"
    lang_ok=0
  fi
  if [ -n "$fuzzy" ]; then
    echo "$po: $(printf '%s\n' "$fuzzy" | wc -l) fuzzy (translation needs checking):"
    printf '%s\n' "$fuzzy"
    lang_ok=0
  fi

  obsolete=$(msgattrib --only-obsolete "$merged" | grep -c '^#~ msgid')
  if [ "$obsolete" -gt 0 ]; then
    echo "$po: note: $obsolete entries no longer in the sources (refreshing the .po file will mark them obsolete)"
  fi

  if [ "$lang_ok" -eq 1 ]; then
    echo "$po: $(grep -c '^msgid ' "$tmp/reseau.pot" | awk '{print $1 - 1}') messages, all translated"
  else
    status=1
  fi
done

if [ "$status" -ne 0 ]; then
  cat <<'EOF'

To fix: refresh the .po files from the sources, then translate every entry
listed above (and remove the "#, fuzzy" flag once a fuzzy one is checked):
  meson compile -C BUILDDIR reseau-update-po
EOF
fi
exit "$status"
