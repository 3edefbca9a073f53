#!/usr/bin/env bash
# Renders a report HTML file to a PNG with headless Chromium, to check the charts by eye.
# Usage: scripts/report-screenshot.sh REPORT.html [OUT.png] [WIDTH] [HEIGHT]
# Chromium comes from the system (e.g. `apt-get install -y chromium`); the page needs no network.
set -euo pipefail

html=${1:?usage: $0 REPORT.html [OUT.png] [WIDTH] [HEIGHT]}
png=${2:-${html%.html}.png}
width=${3:-1100}
height=${4:-2200}

if [[ ! -f "$html" ]]; then
    echo "no such file: $html" >&2
    exit 2
fi
browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then
        browser=$candidate
        break
    fi
done
if [[ -z "$browser" ]]; then
    echo "no Chromium found; install it (apt-get install -y chromium)" >&2
    exit 2
fi

# a throwaway profile so nothing of a user's browser is touched
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --user-data-dir="$profile" --hide-scrollbars --window-size="$width,$height" \
    --screenshot="$(realpath -m "$png")" "file://$(realpath "$html")" >/dev/null 2>&1
echo "$png"
