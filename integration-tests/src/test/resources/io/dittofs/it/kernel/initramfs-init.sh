#!/bin/busybox sh
# PID 1 of the DittoFS test guest (see integration-tests/README.md, "Kernel guest").
#
# Loads the virtio, 9p and overlay modules listed in /modules.order, mounts the host root
# read-only over virtio-9p as the lower layer of an overlay whose upper layer is tmpfs, mounts
# the read-write scratch share at /scratch, brings up user-mode networking, then runs
# /scratch/.guest/run.sh chrooted into that root. Powers off when the script ends, whatever
# happens: the host waits for QEMU to exit.

/bin/busybox mkdir -p /proc /sys /dev /usr/bin /usr/sbin /sbin
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec 0</dev/console 1>/dev/console 2>&1

log() { echo "dittofs-guest: $*"; }
die() {
    log "FATAL: $*"
    dmesg | tail -n 40
    echo DITTOFS_GUEST_FATAL
    poweroff -f
}

while read -r module; do
    insmod "/lib/modules/$module" || die "insmod $module failed"
done </modules.order

NINEP_OPTS=trans=virtio,version=9p2000.L,msize=512000
mkdir -p /lower /rw /newroot
mount -t 9p -o "$NINEP_OPTS,ro,cache=loose" hostroot /lower || die "cannot mount the host root (9p tag hostroot)"
mount -t tmpfs -o mode=0755 rw /rw || die "cannot mount tmpfs"
mkdir -p /rw/upper /rw/work
mount -t overlay -o lowerdir=/lower,upperdir=/rw/upper,workdir=/rw/work root /newroot \
    || die "cannot mount the overlay root"

R=/newroot
mkdir -p "$R/scratch"
mount -t 9p -o "$NINEP_OPTS,cache=none" scratch "$R/scratch" || die "cannot mount the scratch share (9p tag scratch)"
mount -t proc proc "$R/proc"
mount -t sysfs sysfs "$R/sys"
mount -t devtmpfs devtmpfs "$R/dev"
mkdir -p "$R/dev/pts" "$R/dev/shm"
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts "$R/dev/pts"
mount -t tmpfs tmpfs "$R/dev/shm"
# Fresh, guest-only state: nothing the host left in these directories leaks into the guest.
for dir in /tmp /run /var/tmp; do
    mount -t tmpfs -o mode=1777 tmpfs "$R$dir"
done
chmod 0755 "$R/run"
mkdir -p "$R/run/lock" "$R/mnt"

hostname dittofs-guest
ip link set lo up
ip link set eth0 up || die "no eth0: is virtio-net attached?"
ip addr add 10.0.2.15/24 dev eth0
ip route add default via 10.0.2.2
rm -f "$R/etc/resolv.conf" "$R/etc/hostname"
echo "nameserver 10.0.2.3" >"$R/etc/resolv.conf"
echo dittofs-guest >"$R/etc/hostname"
printf '127.0.0.1 localhost\n10.0.2.15 dittofs-guest\n10.0.2.2 host\n' >"$R/etc/hosts"

# The host's deadline, enforced here too: a guest whose test JVM died still powers off.
if [ -r "$R/scratch/.guest/timeout" ]; then
    deadline=$(cat "$R/scratch/.guest/timeout")
    (
        sleep "$deadline"
        echo "DITTOFS_GUEST_TIMEOUT after ${deadline}s"
        poweroff -f
    ) &
fi

echo "DITTOFS_GUEST_SCRIPT_START uptime=$(cut -d' ' -f1 /proc/uptime)"
chroot "$R" /bin/bash /scratch/.guest/run.sh
echo "DITTOFS_GUEST_SCRIPT_END uptime=$(cut -d' ' -f1 /proc/uptime)"

dmesg >"$R/scratch/.guest/dmesg.log"
sync
umount "$R/scratch"
poweroff -f
