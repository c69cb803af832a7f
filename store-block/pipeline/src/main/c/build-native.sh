#!/usr/bin/env bash
# Builds libdittofs_blake3.so from the official BLAKE3 C sources into DEST/<os>-<arch>/ for the
# FFM hasher. The sources are not copied into this repository: they come from Debian's
# librust-blake3-dev (/usr/share/cargo/registry/blake3-*/c, installed by .ci/install-test-deps.sh)
# or from $BLAKE3_C_SRC. Skips, with a message and exit 0, when there is no C compiler or no
# sources: the pure-Java hasher then serves and the native tests skip with that reason.
set -euo pipefail
dest="${1:?usage: build-native.sh DEST}"
src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cc="${CC:-gcc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "[dittofs] no C compiler ('$cc'): native BLAKE3 not built, the pure-Java hasher will be used"
  exit 0
fi
b3="${BLAKE3_C_SRC:-$(ls -d /usr/share/cargo/registry/blake3-*/c 2>/dev/null | sort -V | tail -n 1)}"
if [ -z "$b3" ] || [ ! -f "$b3/blake3.c" ]; then
  echo "[dittofs] no BLAKE3 C sources (apt-get install librust-blake3-dev, or set BLAKE3_C_SRC):" \
       "native BLAKE3 not built, the pure-Java hasher will be used"
  exit 0
fi
os="$(uname -s | tr '[:upper:]' '[:lower:]')"
case "$(uname -m)" in
  x86_64|amd64) arch=x86_64
    simd=("$b3"/blake3_sse2_x86-64_unix.S "$b3"/blake3_sse41_x86-64_unix.S
          "$b3"/blake3_avx2_x86-64_unix.S "$b3"/blake3_avx512_x86-64_unix.S)
    defs=() ;;
  aarch64|arm64) arch=aarch64
    simd=("$b3"/blake3_neon.c)
    defs=(-DBLAKE3_USE_NEON=1) ;;
  *) arch="$(uname -m)"
    simd=()
    defs=(-DBLAKE3_NO_SSE2 -DBLAKE3_NO_SSE41 -DBLAKE3_NO_AVX2 -DBLAKE3_NO_AVX512) ;;
esac
out="$dest/$os-$arch/libdittofs_blake3.so"
if [ -f "$out" ] && [ -z "$(find "$src" "$b3" -newer "$out" -type f | head -1)" ]; then
  exit 0
fi
mkdir -p "$(dirname "$out")"
tmp="$out.tmp.$$"
"$cc" -shared -fPIC -O3 ${defs[@]+"${defs[@]}"} \
  -I"$b3" -Wl,--build-id=none -o "$tmp" \
  "$src"/dittofs_blake3.c \
  "$b3"/blake3.c "$b3"/blake3_dispatch.c "$b3"/blake3_portable.c \
  ${simd[@]+"${simd[@]}"}
mv -f "$tmp" "$out"
echo "[dittofs] built $out"
