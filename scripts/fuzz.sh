#!/usr/bin/env bash
# Builds the libFuzzer harnesses in Fuzz/ (with -sanitize=fuzzer,address, into .build-fuzz) and runs one.
#
# Usage: scripts/fuzz.sh TARGET [SECONDS]    TARGET: hc1, shc, export, strict-body, lab-batch, fhir-import, csv-import
#        scripts/fuzz.sh smoke [SECONDS]     every target for SECONDS (default 5) each, as `make test` does
#
# A target is built optimised, for the most executions per second. The smoke builds without optimisation (set
# FUZZ_CONFIGURATION=release to change that): it checks that every harness builds and runs its seeds and a few
# seconds of mutations under the sanitizers, which needs no speed, and a cold debug build takes half as long
# (3.8 min against 7.5 min on two cores).
#
# The working corpus and any crash files go to fuzz-corpus/TARGET/ (gitignored); it starts from the committed seeds
# in Fuzz/Corpus/TARGET and, for hc1, shc and export, the conformance fixtures under Tests/Fixtures. The last line
# gives the executions, the rate and the crashes; the exit status is libFuzzer's (non-zero on a crash or leak).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
targets="hc1 shc export strict-body lab-batch fhir-import csv-import"
target="${1:?usage: scripts/fuzz.sh TARGET [SECONDS]  (TARGET: $targets, or smoke)}"

configuration="${FUZZ_CONFIGURATION:-release}"

build() {
    # The main package is a path dependency here, and SwiftPM keeps its build plan without noticing a source file
    # removed from it ("missing inputs"); without the plan it plans again, and still compiles only what changed.
    rm -f "$repo"/.build-fuzz/*/"$configuration"/description.json
    swift build --package-path "$repo/Fuzz" --scratch-path "$repo/.build-fuzz" -c "$configuration" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -enable-testing "$@"
}

if [ "$target" = smoke ]; then
    export FUZZ_CONFIGURATION="${FUZZ_CONFIGURATION:-debug}"
    configuration="$FUZZ_CONFIGURATION"
    build
    for each in $targets; do
        FUZZ_BUILT=1 "$0" "$each" "${2:-5}"
    done
    exit 0
fi

case "$target" in
    hc1) product=HC1Fuzz; max_len=8192 ;;
    shc) product=SHCFuzz; max_len=16384 ;;
    export) product=ExportFuzz; max_len=65536 ;;
    strict-body) product=StrictBodyFuzz; max_len=4096 ;;
    lab-batch) product=LabBatchFuzz; max_len=16384 ;;
    fhir-import) product=FHIRImportFuzz; max_len=16384 ;;
    csv-import) product=CSVImportFuzz; max_len=8192 ;;
    *) echo "unknown target $target (one of: $targets, smoke)" >&2; exit 2 ;;
esac
seconds="${2:-60}"
work="$repo/fuzz-corpus/$target"
mkdir -p "$work/corpus" "$work/artifacts"
if [ -d "$repo/Fuzz/Corpus/$target" ]; then cp "$repo/Fuzz/Corpus/$target/"* "$work/corpus/"; fi

case "$target" in
    hc1)
        # Seeds from every conformance case (PREFIX as mode 0, COMPRESSED 1, COSE 2, CBOR 3) and a trust list of
        # their DSCs, so mutations of real certificates reach the signature step.
        python3 - "$repo/Tests/Fixtures/dcc" "$work" <<'PY'
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
        export HC1FUZZ_TRUST="$work/trust.json"
        ;;
    shc)
        # Seeds from the four official examples (QR texts as mode 0, the JWS 1, the payload JSON 2, the bundle 3)
        # and their issuer as a directory snapshot with its keys and revocation list, so mutations reach the
        # signature, revocation and FHIR steps.
        python3 - "$repo/Tests/Fixtures/shc" "$work" <<'PY'
import hashlib, json, pathlib, sys
fixtures, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for number in ("00", "01", "02", "03"):
    texts = [p.read_text().strip() for p in sorted(fixtures.glob(f"example-{number}-f-qr-code-numeric-value-*.txt"))]
    seeds = [b"\x00" + "\n".join(texts).encode(),
             b"\x01" + (fixtures / f"example-{number}-d-jws.txt").read_bytes().strip(),
             b"\x02" + (fixtures / f"example-{number}-c-jws-payload-minified.json").read_bytes().strip(),
             b"\x03" + (fixtures / f"example-{number}-a-fhirBundle.json").read_bytes().strip()]
    for seed in seeds:
        (work / "corpus" / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
well_known = fixtures / "issuer" / ".well-known"
iss = "https://spec.smarthealth.cards/examples/issuer"
snapshot = {"directory": {"participating_issuers": [{"iss": iss, "name": "examples"}]},
            "keys": {iss: json.loads((well_known / "jwks.json").read_text())},
            "crls": {iss: [json.loads(p.read_text()) for p in sorted((well_known / "crl").glob("*.json"))]}}
(work / "issuers.json").write_text(json.dumps(snapshot))
PY
        export SHCFUZZ_ISSUERS="$work/issuers.json"
        ;;
    export)
        for file in "$repo"/Tests/Fixtures/gaen/*/*.zip "$repo"/Tests/Fixtures/gaen/*/export.* \
            "$repo"/Tests/Fixtures/gaen/unsigned-exports/*.bin; do
            cp "$file" "$work/corpus/seed-$(basename "$(dirname "$file")")-$(basename "$file")"
        done
        ;;
esac

if [ -z "${FUZZ_BUILT:-}" ]; then
    build --product "$product" >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }
fi
binary="$(build --show-bin-path)/$product"
status=0
# Leak detection is off: Swift keeps class references inside enum payloads with tag bits set, which LeakSanitizer's
# pointer scan misses, so objects that globals hold (the trust list's keys) are reported as leaked. A leak per input
# still shows, as growth past -rss_limit_mb.
# FUZZ_RUNS=N stops after N executions instead (within SECONDS).
started="$(date +%s)"
ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no nice -n 10 "$binary" "$work/corpus" -max_total_time="$seconds" \
    ${FUZZ_RUNS:+-runs="$FUZZ_RUNS"} -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
    -artifact_prefix="$work/artifacts/" -print_final_stats=1 >"$work/last-run.log" 2>&1 || status=$?
elapsed=$(( $(date +%s) - started ))
runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/last-run.log" | tail -1)"
crashes="$(find "$work/artifacts" -type f | wc -l)"
echo "fuzz $target: ${runs:-0} executions in $elapsed s ($(( ${runs:-0} / (elapsed > 0 ? elapsed : 1) )) per second)," \
    "crash files: $crashes, exit $status"
if [ "$status" -ne 0 ]; then grep -E "ERROR|SUMMARY|panic|Fatal error" "$work/last-run.log" | head -20 >&2; fi
exit "$status"
