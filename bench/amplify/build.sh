#!/usr/bin/env bash
# Builds the Amplify comparison app into OUTDIR (default: target/bench/amplify
# under the repository root). The build is an output of the benchmark, never
# committed; the lock file pins what goes into it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/target/bench/amplify}"
# Vite resolves a relative --outDir against this folder, not the caller's.
case "$out" in
  /*) ;;
  *) out="$PWD/$out" ;;
esac

cd "$here"
# npm ci wipes and reinstalls node_modules, which takes a while on a small
# machine: only when there is none, or the lock file changed since.
# npm writes node_modules/.package-lock.json on every install, so its age is
# the install's.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  # --loglevel=error: @xstate/react 3 (inside @aws-amplify/ui-react) declares
  # React up to 18, and npm warns about it at length on every install;
  # Amplify UI supports React 19 and the page works.
  npm ci --no-audit --no-fund --loglevel=error
fi
npx --no-install vite build --logLevel warn --emptyOutDir --outDir "$out"
echo "Amplify app built in $out"
