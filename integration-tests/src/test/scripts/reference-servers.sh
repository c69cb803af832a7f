#!/bin/bash
# Starts and stops the reference servers of the on-demand benchmarks (KernelFioBench here, and
# bench/run-comparison.sh and bench's Nfs41ClientAgainstGaneshaTest for dfsbench):
# NFS-Ganesha (VFS FSAL, NFSv3 + NFSv4.1) and Samba smbd, each exporting a folder under SCRATCH,
# on 127.0.0.1 only, with every file they write kept under SCRATCH. Runs as root.
#
#   reference-servers.sh start SCRATCH NFS_PORT MNT_PORT SMB_PORT
#   reference-servers.sh stop SCRATCH
#
# After start: SCRATCH/ganesha-export and SCRATCH/samba-export are the exported folders, the
# NFS export is /export (pseudo path, also for NFSv3 MOUNT), the SMB share is "export" with the
# user alice/secret (uid 1000). Logs: SCRATCH/ganesha.log, SCRATCH/samba/log.smbd.
#
# Ganesha refuses to start unless an rpcbind accepts its registrations. When none is running,
# this starts Debian's rpcbind inside `unshare -n`: it takes registrations over its unix socket
# (/run/rpcbind.sock), while its port 111 lives in an empty network namespace, so nothing on
# the host's network changes. Clients pass the ports explicitly and never ask it.
#
# Samba needs alice to be a Unix user. Rather than adding her to /etc/passwd, smbd and
# smbpasswd run under nss_wrapper (Debian libnss-wrapper) with passwd and group files in SCRATCH.
#
# Needs: nfs-ganesha nfs-ganesha-vfs rpcbind samba libnss-wrapper (Debian).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
templates=$(cd "$here/../resources/bench" && pwd)

die() {
    echo "reference-servers: $*" >&2
    exit 1
}

wait_for_port() { # PORT PID NAME LOG
    local i
    for i in $(seq 300); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
            return 0
        fi
        kill -0 "$2" 2>/dev/null || {
            tail -n 30 "$4" >&2 || true
            die "$3 exited before listening on $1 (log: $4)"
        }
        sleep 0.1
    done
    tail -n 30 "$4" >&2 || true
    die "$3 is not listening on $1 after 30 s (log: $4)"
}

fill() { # TEMPLATE OUT KEY=VALUE...
    local template=$1 out=$2 text
    shift 2
    text=$(<"$template")
    for kv in "$@"; do
        text=${text//@${kv%%=*}@/${kv#*=}}
    done
    printf '%s\n' "$text" >"$out"
}

plugins_dir() {
    local d
    for d in /usr/lib/*/ganesha /usr/lib64/ganesha /usr/lib/ganesha; do
        [ -e "$d/libfsalvfs.so" ] && {
            echo "$d"
            return
        }
    done
    die "no libfsalvfs.so under /usr/lib/*/ganesha: install nfs-ganesha-vfs"
}

nss_wrapper_lib() {
    local f
    for f in /usr/lib/*/libnss_wrapper.so /usr/lib64/libnss_wrapper.so; do
        [ -e "$f" ] && {
            echo "$f"
            return
        }
    done
    die "no libnss_wrapper.so: install libnss-wrapper"
}

start() {
    local scratch=$1 nfs_port=$2 mnt_port=$3 smb_port=$4
    [ "$(id -u)" = 0 ] || die "must run as root (Ganesha's VFS FSAL uses open_by_handle_at)"
    command -v ganesha.nfsd >/dev/null || die "ganesha.nfsd not found: install nfs-ganesha nfs-ganesha-vfs"
    command -v smbd >/dev/null || die "smbd not found: install samba"
    mkdir -p "$scratch"
    scratch=$(cd "$scratch" && pwd)
    # Whatever fails from here on, stop what was started.
    cleanup_scratch=$scratch
    trap '[ -z "$cleanup_scratch" ] || stop "$cleanup_scratch"' EXIT
    # smbd serves alice's files as uid 1000: she must be able to reach the share.
    chmod 0711 "$scratch"

    # --- rpcbind, only for Ganesha's registrations ---
    if [ -S /run/rpcbind.sock ] && pgrep -x rpcbind >/dev/null; then
        echo "reference-servers: using the rpcbind already running"
    else
        command -v rpcbind >/dev/null || die "rpcbind not found: install rpcbind"
        rm -f /run/rpcbind.sock
        setsid unshare -n rpcbind -f -w >"$scratch/rpcbind.log" 2>&1 &
        echo $! >"$scratch/rpcbind.pid"
        for _ in $(seq 50); do
            [ -S /run/rpcbind.sock ] && break
            sleep 0.1
        done
        [ -S /run/rpcbind.sock ] || die "rpcbind did not create /run/rpcbind.sock (log: $scratch/rpcbind.log)"
    fi

    # --- NFS-Ganesha ---
    mkdir -p "$scratch/ganesha-export" "$scratch/ganesha-recovery"
    fill "$templates/ganesha.conf.template" "$scratch/ganesha.conf" \
        "SCRATCH=$scratch" "EXPORT_DIR=$scratch/ganesha-export" \
        "NFS_PORT=$nfs_port" "MNT_PORT=$mnt_port" "PLUGINS_DIR=$(plugins_dir)"
    setsid ganesha.nfsd -F -f "$scratch/ganesha.conf" -L "$scratch/ganesha.log" \
        -p "$scratch/ganesha.pid" -N NIV_EVENT >"$scratch/ganesha.out" 2>&1 &
    local ganesha=$!
    echo "$ganesha" >"$scratch/ganesha.pid.bg"
    wait_for_port "$nfs_port" "$ganesha" ganesha.nfsd "$scratch/ganesha.log"
    wait_for_port "$mnt_port" "$ganesha" ganesha.nfsd "$scratch/ganesha.log"

    # --- Samba smbd, alice/secret (uid 1000) ---
    mkdir -p "$scratch/samba-export" "$scratch/samba/private" "$scratch/samba/lock" "$scratch/samba/state" \
        "$scratch/samba/cache" "$scratch/samba/pid" "$scratch/samba/ncalrpc" "$scratch/samba/bind-dns"
    chmod 0700 "$scratch/samba/private"
    chown 1000:1000 "$scratch/samba-export"
    printf '%s\n' "root:x:0:0:root:/root:/bin/bash" "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin" \
        "alice:x:1000:1000:alice:$scratch/samba-export:/bin/false" >"$scratch/samba/passwd"
    printf '%s\n' "root:x:0:" "nogroup:x:65534:" "alice:x:1000:" >"$scratch/samba/group"
    fill "$templates/smb.conf.template" "$scratch/smb.conf" \
        "SCRATCH=$scratch" "EXPORT_DIR=$scratch/samba-export" "SMB_PORT=$smb_port"
    local nss
    nss=$(nss_wrapper_lib)
    export LD_PRELOAD=$nss NSS_WRAPPER_PASSWD=$scratch/samba/passwd NSS_WRAPPER_GROUP=$scratch/samba/group
    printf 'secret\nsecret\n' | smbpasswd -c "$scratch/smb.conf" -a -s alice >"$scratch/smbpasswd.log" 2>&1 ||
        die "smbpasswd -a alice failed: $(cat "$scratch/smbpasswd.log")"
    pdbedit -s "$scratch/smb.conf" -L >>"$scratch/smbpasswd.log" 2>&1 || true
    setsid smbd --foreground --no-process-group -s "$scratch/smb.conf" >"$scratch/smbd.out" 2>&1 &
    local smbd=$!
    echo "$smbd" >"$scratch/smbd.pid.bg"
    unset LD_PRELOAD NSS_WRAPPER_PASSWD NSS_WRAPPER_GROUP
    wait_for_port "$smb_port" "$smbd" smbd "$scratch/smbd.out"
    setpriv --reuid=1000 --regid=1000 --clear-groups test -w "$scratch/samba-export" ||
        die "uid 1000 cannot write $scratch/samba-export: every folder above it must be searchable (o+x)"
    cleanup_scratch=
    echo "reference-servers: ganesha pid $ganesha (nfs $nfs_port, mount $mnt_port), smbd pid $smbd (smb $smb_port)"
}

# Each server runs in its own session (setsid), so its process group is its pid: stopping the
# group ends smbd's per-connection children too. Without setsid, stopping smbd (started with
# --no-process-group) also killed the Maven build that had started it: it signals its process
# group on the way out.
stop_pid() { # PIDFILE NAME
    [ -f "$1" ] || return 0
    local pid i
    pid=$(<"$1")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        for i in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "reference-servers: $2 ($pid) ignored SIGTERM for 5 s: SIGKILL" >&2
            kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$1"
    return 0
}

stop() {
    local scratch=$1
    [ -d "$scratch" ] || return 0
    stop_pid "$scratch/smbd.pid.bg" smbd
    stop_pid "$scratch/ganesha.pid.bg" ganesha.nfsd
    if [ -f "$scratch/rpcbind.pid" ]; then
        stop_pid "$scratch/rpcbind.pid" rpcbind
        # Its socket, lock and the state it saves on exit: none of it was there before.
        rm -f /run/rpcbind.sock /run/rpcbind.lock /run/rpcbind/rpcbind.xdr /run/rpcbind/portmap.xdr
    fi
}

case "${1:-}" in
start)
    [ $# = 5 ] || die "usage: $0 start SCRATCH NFS_PORT MNT_PORT SMB_PORT"
    start "$2" "$3" "$4" "$5"
    ;;
stop)
    [ $# = 2 ] || die "usage: $0 stop SCRATCH"
    stop "$2"
    ;;
*)
    die "usage: $0 start SCRATCH NFS_PORT MNT_PORT SMB_PORT | stop SCRATCH"
    ;;
esac
