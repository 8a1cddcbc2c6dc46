#!/usr/bin/env bash
# Puts Node >= 22.19 and pnpm on PATH, fetching them from the npm registry when the machine lacks them.
# Source it (`. scripts/bootstrap.sh`) so the PATH change stays in your shell; .ci/run does the same.
# OFFEROPS_TOOLS=<dir> installs them there instead of ~/.cache/offerops-tools.
tools="${OFFEROPS_TOOLS:-$HOME/.cache/offerops-tools}"
node_ok() { command -v node >/dev/null 2>&1 && node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=19)?0:1)'; }
if [ -x "$tools/node_modules/.bin/node" ]; then export PATH="$tools/node_modules/.bin:$PATH"; fi
if ! node_ok || ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null | cut -d. -f1)" != "10" ]; then
  echo "bootstrap: installing Node 24 and pnpm 10 into $tools (from the npm registry)" >&2
  mkdir -p "$tools"
  npm install --loglevel=error --no-fund --no-audit --prefix "$tools" node@24 pnpm@10.34.8 >&2 || return 1 2>/dev/null || exit 1
  export PATH="$tools/node_modules/.bin:$PATH"
fi
echo "bootstrap: node $(node --version), pnpm $(pnpm --version)" >&2
