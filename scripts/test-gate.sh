#!/usr/bin/env bash
# The one test gate: lint → format → typecheck → content → unit. CI and the README call exactly this (npm test).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n== %s\n' "$1"; }

step "lint (eslint)"
npx eslint . --max-warnings 0
step "format (prettier)"
npx prettier --check . --log-level warn
step "typecheck (tsc, strict)"
npx tsc --noEmit
step "content (npm run validate)"
npx tsx scripts/validate.ts
step "unit (jest)"
npx jest --ci
step "build (npm run build: every page pre-rendered, content validated, scripts after the first frame)"
node scripts/build.mjs
step "browser (playwright, Debian Chromium, against the production build)"
if [ ! -x /usr/bin/chromium ]; then
  echo "Browser tests need Debian's Chromium at /usr/bin/chromium: apt-get install -y chromium" >&2
  exit 1
fi
npx playwright test
