#!/usr/bin/env bash
# Smoke-test a built .deb without installing it: unpack it and run the bundle with an empty
# environment (no Python, no venv, nothing from the caller): first paint of Home and of
# Cramp now offscreen, `validate` of its own built-in routines, and the self-check, which
# plays the test chime and speaks the test line. When pulseaudio, parec and sox are
# installed, a private PulseAudio server with a null sink records that chime and line and
# the test fails unless real sound came out.
#
#   packaging/smoke-test.sh dist/cramp-coach_0.1.0_amd64.deb
set -euo pipefail
deb="$1"
work="$(mktemp -d)"
rec=""
cleanup() {
    [ -z "$rec" ] || kill "$rec" 2>/dev/null || true
    XDG_RUNTIME_DIR="$work/runtime" pulseaudio --kill 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
dpkg-deb -x "$deb" "$work/root"
app="$work/root/opt/cramp-coach/cramp-coach"
mkdir -p "$work/home" "$work/runtime"
chmod 700 "$work/runtime"

clean() {  # the bundle with an empty environment: only what a desktop session would give it
    env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 XDG_RUNTIME_DIR="$work/runtime" \
        QT_QPA_PLATFORM=offscreen "$@"
}

echo "-- first paint (Home), from an empty environment"
out="$(clean CRAMP_COACH_QUIT_AFTER_PAINT=1 CRAMP_COACH_TRACE_PAINT=1 "$app" 2>"$work/stderr")" || {
    cat "$work/stderr" >&2; exit 1; }
case "$out" in "painted home "*) ;; *) echo "no first paint: $out" >&2; cat "$work/stderr" >&2; exit 1 ;; esac
echo "-- first paint (Cramp now)"
out="$(clean CRAMP_COACH_QUIT_AFTER_PAINT=1 CRAMP_COACH_TRACE_PAINT=1 "$app" --emergency 2>"$work/stderr")" || {
    cat "$work/stderr" >&2; exit 1; }
case "$out" in "painted cramp-now "*) ;; *) echo "no first paint: $out" >&2; exit 1 ;; esac
echo "-- validate the built-in routines"
clean "$app" validate "$work/root/opt/cramp-coach/_internal/cramp_coach/_data/routines"

echo "-- self-check: a chime and a spoken line"
if command -v pulseaudio >/dev/null && command -v parec >/dev/null && command -v sox >/dev/null; then
    export XDG_RUNTIME_DIR="$work/runtime"
    pulseaudio -n --daemonize=yes --exit-idle-time=-1 \
        -L "module-null-sink sink_name=smoke_null" -L module-native-protocol-unix 2>/dev/null
    for _ in $(seq 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
    pactl set-default-sink smoke_null
    parec -d smoke_null.monitor --file-format=wav "$work/recording.wav" &
    rec=$!
    sleep 0.3
    report="$(clean "$app" check 2>/dev/null || true)"
    sleep 0.5
    kill -INT "$rec"; wait "$rec" || true; rec=""
    pulseaudio --kill || true
    echo "$report"
    grep -q '^OK  Sound: A test chime was played' <<<"$report" || { echo "the chime did not play" >&2; exit 1; }
    if command -v espeak-ng >/dev/null; then
        grep -q '^OK  Voice: A test line was spoken' <<<"$report" || { echo "the line was not spoken" >&2; exit 1; }
    fi
    rms="$(sox "$work/recording.wav" -n stat 2>&1 | awk '/RMS +amplitude/ {print $3}')"
    echo "recorded RMS amplitude: $rms"
    awk -v rms="$rms" 'BEGIN { exit !(rms > 0.01) }' || { echo "no sound came out" >&2; exit 1; }
else
    report="$(clean "$app" check 2>/dev/null || true)"
    echo "$report"
    grep -q '^.. *Sound: ' <<<"$report" || { echo "the self-check did not run" >&2; exit 1; }
    echo "(pulseaudio, parec or sox missing: the sound itself was not recorded)"
fi
echo "-- smoke test passed"
