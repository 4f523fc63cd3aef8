#!/usr/bin/env bash
# Installs the Debian tools the workbench drives (MLIR/LLVM 19, clang, z3, cvc5, chromium)
# when they are missing. Idempotent: silent when everything is present.
set -euo pipefail

LLVM_BIN=/usr/lib/llvm-19/bin
need=()
[ -x "$LLVM_BIN/mlir-opt" ] && [ -x "$LLVM_BIN/mlir-translate" ] || need+=(mlir-19-tools)
[ -x "$LLVM_BIN/llc" ] || need+=(llvm-19)
[ -x "$LLVM_BIN/clang" ] || need+=(clang-19)
command -v z3 >/dev/null 2>&1 || need+=(z3)
command -v cvc5 >/dev/null 2>&1 || need+=(cvc5)
if [ "${FIDELITY_NO_BROWSER:-}" != 1 ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
fi

[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "fidelity setup: missing system packages: ${need[*]}" >&2
  echo "fidelity setup: run as root, or install them yourself:" >&2
  echo "  apt-get update && apt-get install -y --no-install-recommends ${need[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "fidelity setup: apt-get not found; this script supports Debian 12. Missing: ${need[*]}" >&2
  exit 1
fi

echo "fidelity setup: installing ${need[*]} (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
if ! { apt-get update -q && apt-get install -y -q --no-install-recommends "${need[@]}"; } >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  echo "fidelity setup: apt-get failed installing ${need[*]} (full log: $log)" >&2
  exit 1
fi
rm -f "$log"
echo "fidelity setup: done" >&2
