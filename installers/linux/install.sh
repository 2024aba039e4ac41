#!/bin/sh
# Install Interfant Desktop from the unpacked release archive (no network needed).
#   sudo ./install.sh                 per machine: /opt/interfant-desktop, menu entry for all users
#   ./install.sh --user               for the current user only: ~/.local/opt/interfant-desktop
#   sudo ./install.sh --uninstall     remove the program (never the users' data folders)
# Users' databases and logs live in ~/.local/share/interfant-desktop and are not touched.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mode=system
action=install
for arg in "$@"; do
  case $arg in
    --user) mode=user ;;
    --uninstall) action=uninstall ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
if [ "$mode" = system ]; then
  prefix=/opt/interfant-desktop; bindir=/usr/local/bin; share=/usr/local/share
  [ "$(id -u)" = 0 ] || { echo "install.sh: run as root (sudo), or use --user" >&2; exit 1; }
else
  prefix=$HOME/.local/opt/interfant-desktop; bindir=$HOME/.local/bin; share=$HOME/.local/share
fi
if [ "$action" = uninstall ]; then
  rm -rf "$prefix"
  rm -f "$bindir/interfant-desktop" "$share/applications/interfant-desktop.desktop" \
        "$share/icons/hicolor/scalable/apps/interfant-desktop.svg" \
        "$share/icons/hicolor/256x256/apps/interfant-desktop.png"
  echo "Interfant Desktop removed from $prefix (user data folders were kept)."
  exit 0
fi
mkdir -p "$prefix" "$bindir" "$share/applications" "$share/icons/hicolor/scalable/apps" \
         "$share/icons/hicolor/256x256/apps"
# Replace the program folder as a whole so no file of an older version stays behind.
rm -rf "$prefix.new"
cp -a "$here/interfant-desktop" "$prefix.new"
rm -rf "$prefix"
mv "$prefix.new" "$prefix"
ln -sf "$prefix/interfant-desktop" "$bindir/interfant-desktop"
sed "s|^Exec=.*|Exec=$prefix/interfant-desktop|; s|^TryExec=.*|TryExec=$prefix/interfant-desktop|" \
  "$here/share/applications/interfant-desktop.desktop" > "$share/applications/interfant-desktop.desktop"
cp "$here/share/icons/hicolor/scalable/apps/interfant-desktop.svg" "$share/icons/hicolor/scalable/apps/"
cp "$here/share/icons/hicolor/256x256/apps/interfant-desktop.png" "$share/icons/hicolor/256x256/apps/"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
echo "Interfant Desktop installed in $prefix; command: $bindir/interfant-desktop"
echo "Check it with: $prefix/interfant-desktop --smoke-test"
