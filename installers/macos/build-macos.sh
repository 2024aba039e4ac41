#!/usr/bin/env bash
# Build the macOS app bundle and its disk image (run on macOS 11 or newer).
#
#   installers/macos/build-macos.sh
#
# Needs Python 3.11+ for the Mac's architecture (a universal2 or arm64/x86_64
# python.org build). The first run creates .venv and installs the app with its
# installer extra (from the package index or a local wheelhouse: PIP_FIND_LINKS,
# PIP_NO_INDEX=1); the build, the .app and the DMG need no network afterwards.
# Output:
#   dist/Interfant Desktop.app                         (PyInstaller BUNDLE of the one-folder build)
#   dist/interfant-desktop-<version>-macos-<arch>.dmg  (drag-to-Applications disk image)
# Signing (optional, needed to pass Gatekeeper without a right-click "Open"):
#   INTERFANT_CODESIGN_IDENTITY="Developer ID Application: ..." installers/macos/build-macos.sh
#   then notarise the DMG: xcrun notarytool submit dist/*.dmg --keychain-profile PROFILE --wait
#   and staple it: xcrun stapler staple dist/*.dmg
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(uname -s)" = Darwin ] || { echo "build-macos.sh: run this on macOS" >&2; exit 1; }
python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[installer]'
version=$(.venv/bin/python -c 'import interfant_desktop; print(interfant_desktop.__version__)')
arch=$(uname -m)
app="dist/Interfant Desktop.app"

echo "== PyInstaller (one-folder bundle and .app), version $version"
rm -rf "$app"
.venv/bin/python -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
  installers/interfant-desktop.spec
[ -x "$app/Contents/MacOS/interfant-desktop" ] || { echo "build-macos.sh: no $app" >&2; exit 1; }

echo "== smoke test of the .app"
QT_QPA_PLATFORM=offscreen "$app/Contents/MacOS/interfant-desktop" --smoke-test

if [ -n "${INTERFANT_CODESIGN_IDENTITY:-}" ]; then
  echo "== signing"
  codesign --force --deep --options runtime --timestamp \
    --sign "$INTERFANT_CODESIGN_IDENTITY" "$app"
  codesign --verify --deep --strict --verbose=2 "$app"
fi

echo "== disk image"
stage=build/dmg
rm -rf "$stage"
mkdir -p "$stage"
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
dmg="dist/interfant-desktop-$version-macos-$arch.dmg"
rm -f "$dmg"
hdiutil create -volname "Interfant Desktop $version" -srcfolder "$stage" -ov -format UDZO "$dmg"
rm -rf "$stage"
if [ -n "${INTERFANT_CODESIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$INTERFANT_CODESIGN_IDENTITY" "$dmg"
fi
hdiutil verify "$dmg"
echo "wrote $dmg"
