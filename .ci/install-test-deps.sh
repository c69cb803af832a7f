#!/usr/bin/env bash
# Installs the Debian packages the tests use as real peers. Idempotent; needs root or sudo.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

# The kernel-client harness: QEMU, a stock kernel, busybox, mount.nfs and mount.cifs.
bash "$here/../integration-tests/src/test/scripts/install-kernel-client-deps.sh"

# Independent user-space clients; b3sum to cross-check our BLAKE3 hashers, and the official
# BLAKE3 C sources (librust-blake3-dev) the native hasher is compiled from; nfs4-acl-tools
# (nfs4_getfacl/nfs4_setfacl, run in the kernel-client guest over 9p) for NFSv4 ACLs.
want=(libnfs-utils smbclient b3sum librust-blake3-dev nfs4-acl-tools)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
