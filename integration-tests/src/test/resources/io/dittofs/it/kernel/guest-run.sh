#!/bin/bash
# Runs inside the guest, chrooted into the overlay of the host root; started by
# initramfs-init.sh. Runs the generated main.sh, mirrors its output to the console and to
# /scratch/output.log, and leaves its exit status in /scratch/.guest/exit-status.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C.UTF-8 TERM=dumb
export HOST_IP=10.0.2.2 SCRATCH=/scratch GUEST_DIR=/scratch/.guest
cd /tmp || exit 1
{
    bash "$GUEST_DIR/main.sh" </dev/null
    echo "$?" >"$GUEST_DIR/exit-status"
} 2>&1 | tee "$SCRATCH/output.log"
