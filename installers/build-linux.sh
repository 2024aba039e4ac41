#!/usr/bin/env bash
# Build the Linux bundle and its release archive, offline.
#
#   installers/build-linux.sh [--no-archive]
#
# Needs the project's .venv with the installer extra (tools/setup.sh test, then
# .venv/bin/pip install -e '.[installer]'); PyInstaller must already be installed, the
# build itself downloads nothing. Produces:
#   dist/interfant-desktop/interfant-desktop          the one-folder bundle's executable
#   dist/interfant-desktop-<version>-linux-<arch>.tar.gz
#       interfant-desktop-<version>/interfant-desktop/   the bundle
#       interfant-desktop-<version>/share/...            .desktop file and icons
#       interfant-desktop-<version>/install.sh           system-wide or --user install
# Build on the oldest Linux the wards run (the bundle needs a glibc at least as new as
# the build machine's).
set -euo pipefail
cd "$(dirname "$0")/.."
archive=1
for arg in "$@"; do
  case $arg in
    --no-archive) archive=0 ;;
    *) echo "build-linux.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
python=${PYTHON:-.venv/bin/python}
"$python" -c 'import PyInstaller' 2>/dev/null \
  || { echo "build-linux.sh: PyInstaller is missing: $python -m pip install -e '.[installer]'" >&2; exit 1; }
version=$("$python" -c 'import interfant_desktop; print(interfant_desktop.__version__)')
arch=$(uname -m)

echo "== PyInstaller (one-folder bundle), version $version"
start=$(date +%s)
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller installers/interfant-desktop.spec
echo "   built dist/interfant-desktop in $(( $(date +%s) - start )) s, $(du -sh dist/interfant-desktop | cut -f1)"

# The bundle must carry what PyInstaller cannot see being imported.
for required in \
    dist/interfant-desktop/interfant-desktop \
    dist/interfant-desktop/_internal/resources/protocol \
    dist/interfant-desktop/_internal/resources/samples/smoke.case.json \
    dist/interfant-desktop/_internal/interfant_desktop/store/migrations/env.py \
    dist/interfant-desktop/_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so \
    dist/interfant-desktop/_internal/PySide6/Qt/plugins/platforms/libqxcb.so \
    dist/interfant-desktop/_internal/PySide6/Qt/plugins/imageformats/libqsvg.so; do
  [ -e "$required" ] || { echo "build-linux.sh: missing from the bundle: $required" >&2; exit 1; }
done
ls dist/interfant-desktop/_internal/interfant_desktop/store/migrations/versions/*.py >/dev/null \
  || { echo "build-linux.sh: the Alembic migration scripts are missing from the bundle" >&2; exit 1; }

[ "$archive" = 1 ] || exit 0
echo "== release archive"
name=interfant-desktop-$version
stage=build/linux-archive/$name
rm -rf build/linux-archive
mkdir -p "$stage/share/applications" "$stage/share/icons/hicolor/scalable/apps" \
         "$stage/share/icons/hicolor/256x256/apps"
cp -a dist/interfant-desktop "$stage/interfant-desktop"
cp installers/linux/interfant-desktop.desktop "$stage/share/applications/"
cp resources/icons/interfant-desktop.svg "$stage/share/icons/hicolor/scalable/apps/"
cp resources/icons/interfant-desktop.png "$stage/share/icons/hicolor/256x256/apps/"
cp installers/linux/install.sh "$stage/install.sh"
cat > "$stage/README.txt" <<TXT
Interfant Desktop $version for Linux ($arch)

Install for all users:   sudo ./install.sh      (to /opt/interfant-desktop)
Install for one user:    ./install.sh --user    (to ~/.local/opt/interfant-desktop)
Or run it in place:      ./interfant-desktop/interfant-desktop
Check an installation:   interfant-desktop --smoke-test
Remove:                  sudo ./install.sh --uninstall   (user data is kept)
Data and logs:           ~/.local/share/interfant-desktop (database, logs/, logs/crashes/)
Nothing is downloaded at install time or at first start.
TXT
out=dist/$name-linux-$arch.tar.gz
tar --sort=name --owner=0 --group=0 --numeric-owner -C build/linux-archive -czf "$out" "$name"
rm -rf build/linux-archive
echo "   wrote $out ($(du -h "$out" | cut -f1))"
