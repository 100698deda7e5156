#!/usr/bin/env bash
# Build dist/cramp-coach_<version>_amd64.deb: a PyInstaller one-folder bundle (its own
# Python and Qt) in /opt/cramp-coach, /usr/bin/cramp-coach, the desktop entries, icons,
# AppStream metadata and the routine-bundle file type. Needs Debian/Ubuntu with
# python3-venv, dpkg-dev's dpkg-deb, desktop-file-utils and appstream; downloads only from
# the Python package index (PySide6, PyInstaller and its hooks). docs/packaging.md.
#
#   packaging/build-deb.sh                 # reuses build/pkg-venv when it is there
#   CRAMP_COACH_HOMEPAGE=https://… packaging/build-deb.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
started=$(date +%s)

VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' cramp_coach/__init__.py)"
ARCH="$(dpkg --print-architecture)"
HOMEPAGE="${CRAMP_COACH_HOMEPAGE:-https://example.org/cramp-coach}"
APP_ID="io.github.crampcoach.CrampCoach"
DEB="dist/cramp-coach_${VERSION}_${ARCH}.deb"
BUILD="build"
VENV="$BUILD/pkg-venv"
STAGE="$BUILD/deb/root"

echo "== build environment ($VENV)"
if [ ! -x "$VENV/bin/pyinstaller" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --upgrade pip
fi
# The app and its pinned dependencies, as a user would get them, plus PyInstaller.
"$VENV/bin/pip" install -q '.[package]'

echo "== icons (rendered from the SVG with Qt)"
QT_QPA_PLATFORM=offscreen "$VENV/bin/python" packaging/make_icons.py "$BUILD/icons" >/dev/null

echo "== PyInstaller one-folder bundle"
rm -rf "$BUILD/pyinstaller" dist/cramp-coach
bundle_started=$(date +%s)
# System libraries stay out of the bundle: the .deb depends on their packages instead.
CRAMP_COACH_SYSTEM_LIBS=external \
    "$VENV/bin/pyinstaller" --noconfirm --log-level WARN --distpath dist --workpath "$BUILD/pyinstaller" \
    packaging/cramp-coach.spec 2> "$BUILD/pyinstaller.log" || { cat "$BUILD/pyinstaller.log" >&2; exit 1; }
bundle_seconds=$(( $(date +%s) - bundle_started ))

echo "== package tree"
rm -rf "$BUILD/deb"
install -d "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" "$STAGE/usr/share/metainfo" "$STAGE/usr/share/icons" \
    "$STAGE/usr/share/mime/packages" "$STAGE/usr/share/doc/cramp-coach" "$STAGE/DEBIAN"
cp -a dist/cramp-coach "$STAGE/opt/cramp-coach"
ln -s /opt/cramp-coach/cramp-coach "$STAGE/usr/bin/cramp-coach"
cp assets/desktop/cramp-coach.desktop assets/desktop/cramp-coach-now.desktop assets/desktop/cramp-coach-open.desktop \
    "$STAGE/usr/share/applications/"
cp -r "$BUILD/icons/hicolor" "$STAGE/usr/share/icons/"
sed -e "s|@HOMEPAGE@|$HOMEPAGE|g" -e "s|@VERSION@|$VERSION|g" -e "s|@DATE@|$(date -u +%Y-%m-%d)|g" \
    "assets/metainfo/$APP_ID.metainfo.xml" > "$STAGE/usr/share/metainfo/$APP_ID.metainfo.xml"
cp assets/metainfo/cramp-coach-mime.xml "$STAGE/usr/share/mime/packages/cramp-coach.xml"
cat > "$STAGE/usr/share/doc/cramp-coach/copyright" <<COPYRIGHT
Cramp Coach $VERSION — $HOMEPAGE
License: GPL-3.0-or-later (/usr/share/common-licenses/GPL-3).
/opt/cramp-coach/_internal holds Python and Qt for Python (PySide6, LGPL-3.0-only) with their
own licences, as published on the Python Package Index.
COPYRIGHT

echo "== dependencies"
# The system libraries the bundle links to directly (its ELF files' NEEDED entries that
# the bundle does not hold itself), each as the Debian package that ships it; dpkg takes
# care of what those need in turn.
bundled="$(find "$STAGE/opt/cramp-coach" -name '*.so*' -printf '%f\n' | sort -u)"
needed="$(find "$STAGE/opt/cramp-coach" -type f \( -name '*.so*' -o -name cramp-coach \) -print0 \
    | xargs -0 readelf -d 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u)" || true
libraries="$(ldconfig -p)"
system_packages=()
unresolved=()
for name in $needed; do
    grep -qxF "$name" <<<"$bundled" && continue
    # (No early exits in these pipes: with pipefail, a writer cut off by SIGPIPE fails the build.)
    path="$(awk -v n="$name" '$1 == n && /x86-64|x86_64/ && !found {print $NF; found = 1}' <<<"$libraries")"
    owner=""
    if [ -n "$path" ]; then
        real="$(readlink -f "$path")"
        for candidate in "$path" "$real" "${path#/usr}" "${real#/usr}" "/usr$path" "/usr$real"; do
            owner="$(dpkg -S "$candidate" 2>/dev/null | sed -n '1s/:.*//p')" || true
            [ -n "$owner" ] && break
        done
    fi
    if [ -n "$owner" ]; then system_packages+=("$owner"); else unresolved+=("$name"); fi
done
# Optional Qt plugins whose library is not installed here (e.g. libspeechd.so.2 for the
# speech-dispatcher engine, which the app never uses by default) just do not load.
[ ${#unresolved[@]} -eq 0 ] || echo "not found here (optional plugins): ${unresolved[*]}"
# The bundle's Python and the PySide6 wheels were built for glibc 2.34+, this bundle on the
# build machine's. libpulse0: QtMultimedia will not even load without it. The xcb
# libraries: Qt's window-system plugin loads some of them at run time.
depends="libc6 (>= $(dpkg-query -W -f='${Version}' libc6 | sed 's/-.*//'))"
for package in $(printf '%s\n' "${system_packages[@]}" | sort -u) libpulse0 libxkbcommon-x11-0 libxcb-cursor0 \
    fontconfig; do
    case "$package" in libc6|libc6:*) continue ;; esac
    case ", $depends, " in *", $package, "*) ;; *) depends="$depends, $package" ;; esac
done
installed_kb=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: cramp-coach
Version: $VERSION
Architecture: $ARCH
Maintainer: The Cramp Coach contributors <cramp-coach@example.org>
Installed-Size: $installed_kb
Depends: $depends
Recommends: espeak-ng
Suggests: pulseaudio | pipewire-pulse
Section: utils
Priority: optional
Homepage: $HOMEPAGE
Description: bedtime stretches and step-by-step help for night-time leg cramps
 A calm, large-print coach for night-time leg cramps: bedtime stretch routines
 with a big countdown and spoken and chimed cues, "Cramp now" step-by-step first
 aid, a diary with a report for your doctor, and a routine editor for
 physiotherapists. It does not diagnose or treat any illness.
 .
 The program and its own copies of Python and Qt are in /opt/cramp-coach.
CONTROL

echo "== checks"
for entry in "$STAGE"/usr/share/applications/*.desktop; do desktop-file-validate "$entry"; done
appstreamcli validate --no-net "$STAGE/usr/share/metainfo/$APP_ID.metainfo.xml" >/dev/null

echo "== $DEB"
mkdir -p dist
rm -f "$DEB"
dpkg-deb --build --root-owner-group -Zxz "$STAGE" "$DEB" >/dev/null
seconds=$(( $(date +%s) - started ))
echo "built $DEB: $(du -h "$DEB" | cut -f1) ($(stat -c %s "$DEB") bytes), installed $(( installed_kb / 1024 )) MB;" \
    "bundle ${bundle_seconds} s, whole build ${seconds} s"
