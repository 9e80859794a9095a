#!/usr/bin/env bash
# Regenerates Sources/ContactTracing/Export/ExportProto.pb.swift from the canonical key-export proto in
# Tests/Fixtures/gaen/proto/export.proto. The proto has no package, so its message names would collide
# with the library's own types; a `swift_prefix` option is added to a temporary copy (names only, the wire
# format is unchanged).
#
# Needs protoc (`apt-get install -y protobuf-compiler`) and protoc-gen-swift from the swift-protobuf version
# the package resolves: `swift build -c release --product protoc-gen-swift` in a scratch package that depends
# on swift-protobuf, then pass its path as PROTOC_GEN_SWIFT (default: protoc-gen-swift on PATH).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
proto="$repo/Tests/Fixtures/gaen/proto/export.proto"
plugin="${PROTOC_GEN_SWIFT:-$(command -v protoc-gen-swift)}"
out="$repo/Sources/ContactTracing/Export"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

sed 's/^syntax = "proto2";$/syntax = "proto2";\noption swift_prefix = "ExportProto_";/' "$proto" > "$work/ExportProto.proto"
grep -q 'swift_prefix' "$work/ExportProto.proto"
protoc --plugin=protoc-gen-swift="$plugin" --proto_path="$work" \
    --swift_out="$out" --swift_opt=Visibility=Internal "$work/ExportProto.proto"
echo "wrote $out/ExportProto.pb.swift"
