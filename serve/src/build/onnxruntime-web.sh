#!/usr/bin/env bash
# Puts ONNX Runtime Web's three files that the draw page loads (the wasm build's script, its
# module and its WebAssembly) into the jar's web/ort/, from the npm registry at build time, the
# package's SHA-256 checked. Nothing is fetched from a CDN when the page runs.
#
# Without npm or the registry the build goes on without them and the page reads on the server (it
# says so); a package whose SHA-256 differs stops the build.
#
# usage: onnxruntime-web.sh OUT_DIR WORK_DIR (NPM names another npm, as tests do)
set -euo pipefail

VERSION=1.21.0
SHA256=9c6b3e0955aa8bc61b69f62873bb3bdb021010a6d1550b6a638a74af353f445c
FILES=(ort.wasm.min.js ort-wasm-simd-threaded.mjs ort-wasm-simd-threaded.wasm)

out=$1
work=$2
package="$work/onnxruntime-web-$VERSION.tgz"

if [ -f "$out/VERSION" ] && [ "$(cat "$out/VERSION")" = "$VERSION" ]; then
  exit 0
fi
mkdir -p "$work"
if [ ! -f "$package" ]; then
  npm=${NPM:-npm}
  if ! command -v "$npm" >/dev/null; then
    echo "[WARNING] npm is not installed: the page will read drawings on the server, not in the browser" >&2
    exit 0
  fi
  if ! (cd "$work" && "$npm" pack "onnxruntime-web@$VERSION" --silent >/dev/null 2>"$work/npm.log"); then
    echo "[WARNING] npm could not fetch onnxruntime-web@$VERSION ($(tail -n 1 "$work/npm.log")):" \
      "the page will read drawings on the server, not in the browser" >&2
    exit 0
  fi
fi
actual=$(sha256sum "$package" | cut -d' ' -f1)
if [ "$actual" != "$SHA256" ]; then
  rm -f "$package"
  echo "[ERROR] onnxruntime-web-$VERSION.tgz has SHA-256 $actual, not the published $SHA256; it was not used" >&2
  exit 1
fi
rm -rf "$work/package" "$out"
tar -xzf "$package" -C "$work" "${FILES[@]/#/package/dist/}" package/package.json
mkdir -p "$out"
for file in "${FILES[@]}"; do
  cp "$work/package/dist/$file" "$out/$file"
done
# The package's own description, its MIT licence named in it.
cp "$work/package/package.json" "$out/package.json"
echo "$VERSION" > "$out/VERSION"
