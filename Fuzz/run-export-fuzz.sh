#!/usr/bin/env bash
# Builds the libFuzzer target for the key export reader (zip, export.bin, export.sig) and runs it.
# Usage: Fuzz/run-export-fuzz.sh [SECONDS]   (default 600). Seeds: the real exports in ../shared/testdata/gaen.
# Corpus and crash files go to fuzz-corpus-export/ and fuzz-corpus-export-crashes/ at the repository root (gitignored).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-600}"
corpus="$repo/fuzz-corpus-export"
crashes="$repo/fuzz-corpus-export-crashes"
mkdir -p "$corpus" "$crashes"
for file in "$repo"/../shared/testdata/gaen/*/*.zip "$repo"/../shared/testdata/gaen/*/export.* \
    "$repo"/../shared/testdata/gaen/unsigned-exports/*.bin; do
    cp "$file" "$corpus/seed-$(basename "$(dirname "$file")")-$(basename "$file")"
done
cd "$repo/Fuzz/ExportFuzz"
swift build -c release --scratch-path "$repo/.build-fuzz" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
"$repo/.build-fuzz/release/ExportFuzz" "$corpus" -artifact_prefix="$crashes/" -max_total_time="$seconds" \
    -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1
