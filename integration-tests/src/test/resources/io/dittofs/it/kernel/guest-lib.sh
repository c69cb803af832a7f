# shellcheck shell=bash
# Step and mount helpers for scripts run by KernelGuest; sourced by every generated main.sh.
#
# A script is a list of steps. Each step runs one command, in its own process group, under a
# watchdog, and reports one line to $SCRATCH/steps.log, which the host parses:
#
#   STEP <name> OK|FAIL <elapsed-ms> <detail>
#
# <detail> is the last non-empty output line of the step (or why it failed). A failing step
# does not stop the script: later steps still run, so one boot checks many things.
#
#   step NAME CMD [ARG...]          OK when CMD exits 0
#   step_sh NAME 'shell code'       the same, for a snippet (may call functions and exit)
#   step_fails NAME CMD [ARG...]    OK when CMD exits non-zero (a timeout is still FAIL)
#   step_result NAME OK|FAIL [DETAIL...]   reports a result computed by the script itself
#   STEP_TIMEOUT=SECONDS            watchdog per step (default 60); `STEP_TIMEOUT=5 step ...`
#
#   debug_shell                     an interactive shell on the console (boot.sh in a terminal)
#
#   load_client_modules             modprobe sunrpc, nfs, nfsv3, nfsv4 and cifs
#   mount_nfs3 PORT MOUNTPORT EXPORT DIR [OPTIONS]
#   mount_nfs4 PORT EXPORT DIR [VERS (4.1)] [OPTIONS]
#   mount_cifs PORT SHARE DIR USER PASSWORD [OPTIONS]
#
# $HOST_IP (10.0.2.2) is the host's loopback as the guest sees it.

# Background jobs in their own process groups, so the watchdog kills a step's whole tree.
set -m

STEP_TIMEOUT=${STEP_TIMEOUT:-60}
STEPS_FILE=${SCRATCH:-/scratch}/steps.log
_STEP_DIR=/tmp/.steps
_STEP_SEQ=0
mkdir -p "$_STEP_DIR"

# The wrapper uses bash builtins only (plus one sleep): under TCG every exec of a dynamically
# linked program costs 30-80 ms, which would add up over many steps.

_step_report() { # NAME OK|FAIL ELAPSED_MS DETAIL
    local line="STEP $1 $2 $3 $4"
    printf '%s\n' "$line" >>"$STEPS_FILE"
    printf '%s\n' "$line"
}

_step_run() { # NAME EXPECT(ok|fail) CMD...
    local name=${1//[[:space:]]/-} expect=$2 out flag start pid watchdog rc elapsed line last=""
    shift 2
    _STEP_SEQ=$((_STEP_SEQ + 1))
    out=$_STEP_DIR/$_STEP_SEQ.out
    flag=$_STEP_DIR/$_STEP_SEQ.timeout
    echo "--- step $name: $*"
    start=${EPOCHREALTIME//[!0-9]/}
    ("$@") >"$out" 2>&1 </dev/null &
    pid=$!
    (
        sleep "$STEP_TIMEOUT"
        : >"$flag"
        kill -KILL -- "-$pid" || kill -KILL "$pid"
    ) >/dev/null 2>&1 &
    watchdog=$!
    wait "$pid" 2>/dev/null
    rc=$?
    kill -KILL -- "-$watchdog" 2>/dev/null
    wait "$watchdog" 2>/dev/null
    elapsed=${EPOCHREALTIME//[!0-9]/}
    elapsed=$(((elapsed - start) / 1000))
    while IFS= read -r line || [ -n "$line" ]; do
        printf '    %s\n' "$line"
        [[ $line == *[![:space:]]* ]] && last=$line
    done <"$out"
    last=${last//[$'\t\r']/ }
    last=${last:0:300}
    if [ -e "$flag" ]; then
        _step_report "$name" FAIL "$elapsed" "timed out after ${STEP_TIMEOUT}s${last:+: $last}"
        rc=124
    elif [ "$expect" = ok ] && [ "$rc" -eq 0 ]; then
        _step_report "$name" OK "$elapsed" "$last"
    elif [ "$expect" = ok ]; then
        _step_report "$name" FAIL "$elapsed" "exit=$rc${last:+: $last}"
    elif [ "$rc" -ne 0 ]; then
        _step_report "$name" OK "$elapsed" "failed as expected, exit=$rc${last:+: $last}"
        rc=0
    else
        _step_report "$name" FAIL "$elapsed" "expected a failure but it succeeded${last:+: $last}"
        rc=1
    fi
    return "$rc"
}

step() { _step_run "$1" ok "${@:2}"; }
step_sh() { _step_run "$1" ok eval "$2"; }
step_fails() { _step_run "$1" fail "${@:2}"; }

step_result() { # NAME OK|FAIL [DETAIL...]
    _step_report "${1//[[:space:]]/-}" "$2" 0 "${*:3}"
    [ "$2" = OK ]
}

# For a boot run by hand: a login-like shell on the serial console, which boot.sh connects to
# its terminal. Under the test harness the console's input is /dev/null, so it returns at once.
debug_shell() {
    setsid -w -c bash -i <>/dev/ttyS0 >&0 2>&1
}

load_client_modules() {
    # cifs names its ciphers and hashes only as soft dependencies, which modprobe does not
    # follow: load them too, or signing (cmac) and encryption (ccm, gcm) fail at mount.
    modprobe -a sunrpc nfs nfsv3 nfsv4 cifs cmac ccm gcm ctr ghash_generic sha512_generic md4 ecb des_generic nls_utf8
}

# Without rpcbind: the ports are given, and NLM is off (nolock) unless OPTIONS turn it back on.
mount_nfs3() { # PORT MOUNTPORT EXPORT DIR [OPTIONS]
    mkdir -p "$4" &&
        mount -t nfs -o "vers=3,proto=tcp,port=$1,mountport=$2,mountproto=tcp,nolock,retry=0${5:+,$5}" \
            "$HOST_IP:$3" "$4"
}

mount_nfs4() { # PORT EXPORT DIR [VERS] [OPTIONS]
    mkdir -p "$3" &&
        mount -t nfs -o "vers=${4:-4.1},proto=tcp,port=$1,retry=0${5:+,$5}" "$HOST_IP:$2" "$3"
}

# The password travels in $PASSWD (read by mount.cifs), so it never shows in ps or logs.
mount_cifs() { # PORT SHARE DIR USER PASSWORD [OPTIONS]
    mkdir -p "$3" &&
        PASSWD=$5 mount -t cifs "//$HOST_IP/$2" "$3" -o "vers=3.1.1,port=$1,username=$4${6:+,$6}"
}
