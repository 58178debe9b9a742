#!/usr/bin/env bash
# Extract the standard library's Sphinx inventory (objects.inv) from Debian's
# python3.X-doc package, for intersphinx to read from disk.
#
#   fetch_inventory.sh VERSION DEST     e.g. fetch_inventory.sh 3.15 src/bookkit/inventories/python-3.15.inv
#
# Runs where apt knows the package (Debian unstable: `make python-inventory`
# runs it inside the unstable root).  The package is downloaded, not installed.
set -euo pipefail
version=${1:?usage: fetch_inventory.sh VERSION DEST}
dest=${2:?usage: fetch_inventory.sh VERSION DEST}
work=$(mktemp -d)
chmod 755 "$work"  # apt downloads as the unprivileged _apt user
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download -q "python${version}-doc" >/dev/null)
deb=$(ls "$work"/python"${version}"-doc_*.deb)
dpkg-deb --fsys-tarfile "$deb" \
  | tar -x -C "$work" "./usr/share/doc/python${version}/html/objects.inv"
cp "$work/usr/share/doc/python${version}/html/objects.inv" "$dest"
echo "$(basename "$deb") -> $dest"
