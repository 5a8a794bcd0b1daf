#!/usr/bin/env bash
# The suite must hold under load (issue: "a suite that holds under load"). This runs `npm test` twice
# in a row while a second copy of the project runs `npm run build` in a loop beside it, and says how
# each run ended and how many builds ran meanwhile. Usage: npm run test:under-load
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
side="$(mktemp -d)"
trap 'kill 0 2>/dev/null || true; rm -rf "$side"' EXIT
# A copy to build beside the suite (not the tree under test: its build/ is what the suite serves).
tar -C "$root" --exclude=./node_modules --exclude=./build --exclude=./.svelte-kit \
	--exclude=./test-results --exclude=./tests/e2e/.tmp -cf - . | tar -C "$side" -xf -
ln -s "$root/node_modules" "$side/node_modules"
builds=0
(
	cd "$side"
	while true; do
		npm run build >/dev/null 2>&1 || true
		echo built >>"$side/.builds"
	done
) &
status=0
for run in 1 2; do
	start=$(date +%s)
	if (cd "$root" && npm test >"$side/run-$run.log" 2>&1); then
		echo "run $run: passed in $(($(date +%s) - start)) s"
	else
		echo "run $run: FAILED after $(($(date +%s) - start)) s; the end of its log:"
		tail -60 "$side/run-$run.log"
		status=1
	fi
done
[ -f "$side/.builds" ] && builds=$(wc -l <"$side/.builds")
echo "builds completed beside the suite: $builds"
exit $status
