#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Check that po/POTFILES.in matches the tree:
#  - every file under src/ and data/ with translatable strings is listed,
#  - every listed file exists,
#  - the list is sorted (LC_ALL=C) and has no duplicates.
# A file missing from the list means its strings never reach translators;
# a listed file that is gone breaks `meson compile reseau-pot`.
#
# Usage: check-potfiles.sh [SOURCE_ROOT]   (default: the parent of this script's dir)

set -u
export LC_ALL=C

root=${1:-$(dirname "$0")/..}
cd "$root" 2> /dev/null || { echo "check-potfiles: cannot enter $root"; exit 2; }

potfiles=po/POTFILES.in
if [ ! -f "$potfiles" ]; then
  echo "check-potfiles: $potfiles not found"
  exit 1
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# The listed files: drop comments, blank lines and [encoding: …] lines, trim blanks.
sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$potfiles" \
  | grep -v -e '^$' -e '^\[' > "$tmp/listed-raw"
sort -u "$tmp/listed-raw" > "$tmp/listed"

status=0

# Markers of translatable text. The first alternative needs a non-identifier
# character before the macro so that e.g. foo_("x") does not count.
c_markers='(^|[^A-Za-z0-9_])(N|C|NC)?_[[:space:]]*\(|g_dngettext[[:space:]]*\(|g_dpgettext2?[[:space:]]*\(|(^|[^A-Za-z0-9_])ngettext[[:space:]]*\('
ui_markers="translatable=[\"']yes[\"']"

: > "$tmp/needed"
for dir in src data; do
  [ -d "$dir" ] || continue
  # -I skips binary files (screenshots, compiled resources).
  find "$dir" -type f ! -path '*/.*' -print0 \
    | xargs -0 -r grep -I -l -E -e "$c_markers" -e "$ui_markers" >> "$tmp/needed"
  # Desktop and metainfo templates are always translated, whatever they hold.
  find "$dir" -type f \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' \
                         -o -name '*.appdata.xml.in' \) >> "$tmp/needed"
done
sed 's|^\./||' "$tmp/needed" | sort -u > "$tmp/needed-sorted"

missing=$(comm -23 "$tmp/needed-sorted" "$tmp/listed")
if [ -n "$missing" ]; then
  echo "These files have translatable strings but are not listed in $potfiles:"
  printf '%s\n' "$missing" | sed -e '/^$/d' -e 's/^/  /'
  status=1
fi

gone=""
while IFS= read -r f; do
  [ -f "$f" ] || gone="$gone$f"$'\n'
done < "$tmp/listed"
if [ -n "$gone" ]; then
  echo "These files are listed in $potfiles but do not exist:"
  printf '%s\n' "$gone" | sed -e '/^$/d' -e 's/^/  /'
  status=1
fi

dups=$(sort "$tmp/listed-raw" | uniq -d)
if [ -n "$dups" ]; then
  echo "These files are listed more than once in $potfiles:"
  printf '%s\n' "$dups" | sed -e '/^$/d' -e 's/^/  /'
  status=1
fi

if ! sort -c "$tmp/listed-raw" 2>/dev/null; then
  echo "$potfiles is not sorted; fix it with:"
  echo "  { grep '^#' $potfiles; grep -v '^#' $potfiles | LC_ALL=C sort -u; } > $potfiles.new && mv $potfiles.new $potfiles"
  status=1
fi

if [ "$status" -eq 0 ]; then
  echo "$potfiles lists all $(wc -l < "$tmp/listed") files with translatable strings"
fi
exit "$status"
