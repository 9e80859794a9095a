#!/usr/bin/env bash
# Builds the HC1 libFuzzer harness (Fuzz/HC1Fuzz) with -sanitize=fuzzer,address and runs it for a bounded time.
# Usage: Fuzz/run-hc1-fuzz.sh [SECONDS]   (default 300). Corpus and crash files go to fuzz-corpus-hc1/ (gitignored).
set -euo pipefail
seconds="${1:-300}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
testdata="$repo/../shared/testdata/dcc"
work="$repo/fuzz-corpus-hc1"
python="${REFERENCE_PYTHON:-python3}"
mkdir -p "$work/corpus" "$work/artifacts"

# Seeds and trust list from the conformance suite: PREFIX (mode 0), COMPRESSED (mode 1), COSE (mode 2), CBOR (mode 3).
"$python" - "$testdata" "$work" <<'PY'
import base64, hashlib, json, pathlib, sys
testdata, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
trust, seen = [], set()
for path in sorted(testdata.rglob("*.json")):
    if "schema" in path.parts:
        continue
    case = json.loads(path.read_text(encoding="utf-8-sig"))
    seeds = []
    if isinstance(case.get("PREFIX"), str): seeds.append(b"\x00" + case["PREFIX"].encode())
    for mode, field in ((1, "COMPRESSED"), (2, "COSE"), (3, "CBOR")):
        try: seeds.append(bytes([mode]) + bytes.fromhex(case.get(field) or ""))
        except ValueError: pass
    for seed in seeds:
        if len(seed) > 1:
            (work / "corpus" / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
    cert = (case.get("TESTCTX") or {}).get("CERTIFICATE")
    if cert and cert not in seen:
        seen.add(cert)
        try:
            der = base64.b64decode(cert + "=" * (-len(cert) % 4))
        except ValueError:
            continue
        kid = base64.b64encode(hashlib.sha256(der).digest()[:8]).decode()
        trust.append({"kid": kid, "country": "XX", "certificateType": "DSC", "rawData": base64.b64encode(der).decode()})
(work / "trust.json").write_text(json.dumps(trust))
PY

cd "$repo/Fuzz/HC1Fuzz"
swift build --scratch-path "$repo/.build-fuzz" -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
binary="$(swift build --scratch-path "$repo/.build-fuzz" -c debug --show-bin-path)/HC1Fuzz"
SWIFT_BACKTRACE=enable=no HC1FUZZ_TRUST="$work/trust.json" "$binary" "$work/corpus" -max_total_time="$seconds" -max_len=8192 \
    -artifact_prefix="$work/artifacts/" -print_final_stats=1 2>&1 | tee "$work/last-run.log" | grep -E "stat::|ERROR|SUMMARY|Done|crash" || true
