#!/bin/sh
# Installs what KernelGuest needs to boot a Linux guest under QEMU (TCG) and run the
# kernel NFS and CIFS clients against a DittoFS server on the host's loopback.
# Idempotent and non-interactive; Debian/Ubuntu only. Run as root (or via sudo).
#
#   qemu-system-x86  qemu-system-x86_64 (TCG; no KVM needed)
#   linux-image-amd64  the guest kernel and its modules in /lib/modules/<version>
#   busybox-static   the initramfs's only userland
#   cpio             packs the initramfs
#   xz-utils         unpacks the kernel image, so QEMU can boot it directly (PVH): ~3 s less per boot
#   kmod             modprobe/depmod for the guest (runs from the host root over 9p)
#   nfs-common       mount.nfs for the guest
#   cifs-utils       mount.cifs for the guest
set -eu

PACKAGES="qemu-system-x86 linux-image-amd64 busybox-static cpio xz-utils kmod nfs-common cifs-utils"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    echo "kernel client dependencies already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

echo "installing:$missing"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
