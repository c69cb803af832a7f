#!/bin/bash
# Runs dfsbench against DittoFS, NFS-Ganesha and Samba on this machine, all on 127.0.0.1, and
# writes the tables into docs/benchmarks.md (between the dfsbench markers) with the date, the
# machine and the exact commands. Runs as root (Ganesha's VFS FSAL needs it).
#
#   bench/run-comparison.sh [--quick] [--rounds N] [--profile WORKLOAD[,WORKLOAD...]] [--no-docs]
#
#   --quick      dfsbench --quick (about 1-2 minutes per protocol pair) instead of the full sizes
#   --profile    afterwards, run workloads against DittoFS alone under a JFR recording each and
#                print the hottest methods (jfr view hot-methods). PROTO:WORKLOAD items (nfs3 or
#                smb3), or "auto": the two workloads with the lowest DittoFS ratio at 8 clients
#                per protocol
#   --no-docs    print the tables, leave docs/benchmarks.md alone
#
# The servers: NFS-Ganesha (VFS FSAL, NFSv3 + NFSv4.1) and Samba from the checked-in templates in
# integration-tests/src/test/resources/bench/, started by
# integration-tests/src/test/scripts/reference-servers.sh; DittoFS from ./dittofs with the
# embedded default's stores (RocksDB metadata, filesystem blocks) and user alice/secret. All
# three keep their files under one scratch folder on the same disk (under /var/tmp, not tmpfs).
#
# The matrix: NFSv3 DittoFS vs Ganesha; SMB3 DittoFS vs Samba; NFSv4.1 DittoFS vs Ganesha.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
refs=$repo/integration-tests/src/test/scripts/reference-servers.sh

quick=() rounds=2 profile="" docs=1
while [ $# -gt 0 ]; do
    case $1 in
    --quick) quick=(--quick) ;;
    --rounds) rounds=$2; shift ;;
    --profile) profile=$2; shift ;;
    --no-docs) docs=0 ;;
    *) echo "usage: $0 [--quick] [--rounds N] [--profile W,W] [--no-docs]" >&2; exit 2 ;;
    esac
    shift
done

[ "$(id -u)" = 0 ] || { echo "run-comparison: must run as root" >&2; exit 1; }
need=()
command -v ganesha.nfsd >/dev/null || need+=(nfs-ganesha nfs-ganesha-vfs)
command -v rpcbind >/dev/null || need+=(rpcbind)
command -v smbd >/dev/null || need+=(samba)
ls /usr/lib/*/libnss_wrapper.so >/dev/null 2>&1 || need+=(libnss-wrapper)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
fi

REF_NFS=${REF_NFS:-22049} REF_MNT=${REF_MNT:-22048} REF_SMB=${REF_SMB:-22445}
DFS_NFS=${DFS_NFS:-32049} DFS_SMB=${DFS_SMB:-32445}
scratch=$(mktemp -d /var/tmp/dfsbench-cmp.XXXXXX)
chmod 0711 "$scratch"
dittofs_pid=""
cleanup() {
    [ -z "$dittofs_pid" ] || { kill "$dittofs_pid" 2>/dev/null; wait "$dittofs_pid" 2>/dev/null || true; }
    "$refs" stop "$scratch/ref" || true
    rm -rf "$scratch/ref/ganesha-export" "$scratch/ref/samba-export" "$scratch/dittofs-data"
    echo "run-comparison: logs and results kept in $scratch" >&2
}
trap cleanup EXIT

"$refs" start "$scratch/ref" "$REF_NFS" "$REF_MNT" "$REF_SMB"

mkdir -p "$scratch/dittofs-data/blocks"
cat >"$scratch/dittofs.yaml" <<YAML
server:
  dataDir: $scratch/dittofs-data
  bind: 127.0.0.1
metadataStores:
  - name: default
    type: rocksdb
blockStores:
  - name: default
    type: filesystem
    path: $scratch/dittofs-data/blocks
shares:
  - name: export
    metadataStore: default
    blockStore: default
adapters:
  nfs:
    port: $DFS_NFS
    portmapPort: 0
  smb:
    port: $DFS_SMB
  api:
    enabled: false
users:
  - name: alice
    uid: 1000
    gid: 1000
    password: secret
YAML
chmod 0600 "$scratch/dittofs.yaml"
(cd "$repo" && ./mvnw -q -B -pl server,bench -am package -DskipTests -Dspotless.check.skip=true)
"$repo/dittofs" start --config "$scratch/dittofs.yaml" >"$scratch/dittofs.log" 2>&1 &
dittofs_pid=$!
for port in $DFS_NFS $DFS_SMB; do
    for _ in $(seq 300); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
        kill -0 "$dittofs_pid" 2>/dev/null || { tail -n 30 "$scratch/dittofs.log" >&2; exit 1; }
        sleep 0.1
    done
done

dittofs_nfs="nfs3://127.0.0.1:$DFS_NFS/export#DittoFS NFSv3"
ganesha_nfs="nfs3://127.0.0.1:$REF_NFS/export?mountport=$REF_MNT#Ganesha NFSv3"
dittofs_smb="smb3://alice:secret@127.0.0.1:$DFS_SMB/export#DittoFS SMB3"
samba_smb="smb3://alice:secret@127.0.0.1:$REF_SMB/export#Samba SMB3"
ganesha_v41="nfs41://127.0.0.1:$REF_NFS/export#Ganesha NFSv4.1"
dittofs_v41="nfs41://127.0.0.1:$DFS_NFS/export#DittoFS NFSv4.1"
common=("${quick[@]}" --rounds "$rounds" --no-progress -o markdown)

commit=$(cd "$repo" && git rev-parse --short HEAD)
dirty=$(cd "$repo" && git status --porcelain --untracked-files=no | grep -q . && echo " (plus uncommitted changes)" || true)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
run() { # NAME TARGET...
    local name=$1
    shift
    echo "run-comparison: $name" >&2
    "$repo/dfsbench" "${common[@]}" --dir "dfsbench-$name" --out-file "$scratch/$name.md" "$@" >/dev/null
}
# The reference server first: the ratio column is then DittoFS / reference.
run nfs3 "$ganesha_nfs" "$dittofs_nfs"
run smb3 "$samba_smb" "$dittofs_smb"
run nfs41 "$ganesha_v41" "$dittofs_v41"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

if [ "$profile" = auto ]; then
    # Markdown rows: | workload | clients | target | ops/s | MB/s | p50 | p99 | p99.9 | ratio |
    profile=$(python3 - "$scratch" <<'PY'
import sys
picked = []
for proto in ("nfs3", "smb3"):
    rows = []
    for line in open(f"{sys.argv[1]}/{proto}.md"):
        c = [x.strip() for x in line.strip().strip("|").split("|")]
        if len(c) == 9 and c[2].startswith("DittoFS") and c[1] == "8" and c[8] not in ("-", "ratio"):
            rows.append((float(c[8]), c[0]))
    picked += [f"{proto}:{w}" for _, w in sorted(rows)[:2]]
print(",".join(picked))
PY
    )
    echo "run-comparison: profiling $profile" >&2
fi
if [ -n "$profile" ]; then
    jfr=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/jfr # 'jfr view' needs JDK 21+
    for item in ${profile//,/ }; do
        proto=${item%%:*} w=${item#*:}
        case $proto in nfs3) t=$dittofs_nfs ;; smb3) t=$dittofs_smb ;; *) echo "bad --profile item $item" >&2; exit 2 ;; esac
        name="profile-$proto-$w"
        "${jfr%/jfr}/jcmd" "$dittofs_pid" JFR.start name="$name" settings=profile filename="$scratch/$name.jfr" >/dev/null
        "$repo/dfsbench" "${quick[@]}" --rounds 1 --no-progress -w "$w" -c 8 --duration 10 --dir "dfsbench-$name" "$t" \
            >"$scratch/$name.txt"
        "${jfr%/jfr}/jcmd" "$dittofs_pid" JFR.stop name="$name" >/dev/null
        {
            echo "== $name (JFR: $scratch/$name.jfr)"
            cat "$scratch/$name.txt"
            echo "-- on CPU: hottest methods"
            "$jfr" view --width 200 hot-methods "$scratch/$name.jfr" | sed -n '6,20p'
            echo "-- waiting on the disk: fsyncs (jdk.FileForce) by the DittoFS frame that asked, count and total ms"
            "$jfr" print --events jdk.FileForce --stack-depth 12 "$scratch/$name.jfr" | awk '
                /duration = / { d = $3; u = $4; ms = (u == "s") ? d * 1000 : (u == "us" ? d / 1000 : d); seen = 0 }
                /io\.dittofs\./ && !seen && !/store\.block|FileChannel/ { sub(/^ +/, ""); sub(/ line:.*/, ""); n[$0]++; t[$0] += ms; seen = 1 }
                END { for (k in n) printf "%6d %9.1f  %s\n", n[k], t[k], k }' | sort -k2 -rn | head -8
        } >"$scratch/$name.hot.txt"
        cat "$scratch/$name.hot.txt"
    done | tee "$scratch/profiles.txt"
fi

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')
mem=$(awk '/MemTotal/ {printf "%.0f GB", $2 / 1024 / 1024}' /proc/meminfo)
os=$(. /etc/os-release && echo "$PRETTY_NAME")
ganesha_v=$(dpkg-query -W -f '${Version}' nfs-ganesha 2>/dev/null || echo '?')
samba_v=$(dpkg-query -W -f '${Version}' samba 2>/dev/null || echo '?')
java_v=$("${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -version 2>&1 | head -1)
args="${quick[*]} --rounds $rounds"
section=$(
    cat <<MD
### dfsbench results, $started

Machine: $(nproc) cores (\`$cpu\`), $mem RAM, $os, kernel $(uname -r); NFS-Ganesha $ganesha_v,
Samba $samba_v, $java_v. DittoFS at commit \`$commit\`$dirty. Load average before the run
$load_before, after $load_after. Every server and dfsbench on this one machine, over loopback;
their files on the same disk.

Every figure here shares the machine with whatever else runs on it: read the load averages
above first. On a busy machine the ratios (measured in alternating rounds) are more trustworthy
than the absolute figures; rerun on a quiet machine for figures to quote.

Commands (\`bench/run-comparison.sh $args\` ran them, with the ports shown):

\`\`\`sh
./dfsbench ${common[*]} '$ganesha_nfs' '$dittofs_nfs'
./dfsbench ${common[*]} '$samba_smb' '$dittofs_smb'
./dfsbench ${common[*]} '$ganesha_v41' '$dittofs_v41'
\`\`\`

#### NFSv3: NFS-Ganesha, then DittoFS (ratio: DittoFS / Ganesha)

$(cat "$scratch/nfs3.md")

#### SMB3: Samba, then DittoFS (ratio: DittoFS / Samba)

$(cat "$scratch/smb3.md")

#### NFSv4.1: NFS-Ganesha, then DittoFS (ratio: DittoFS / Ganesha)

$(cat "$scratch/nfs41.md")
MD
)
printf '%s\n' "$section" >"$scratch/section.md"
cat "$scratch/section.md"
if [ "$docs" = 1 ]; then
    doc=$repo/docs/benchmarks.md
    grep -q '<!-- dfsbench:begin -->' "$doc" || printf '\n<!-- dfsbench:begin -->\n<!-- dfsbench:end -->\n' >>"$doc"
    python3 - "$doc" "$scratch/section.md" <<'PY'
import sys
doc, section = sys.argv[1], sys.argv[2]
text = open(doc).read()
begin, end = '<!-- dfsbench:begin -->', '<!-- dfsbench:end -->'
i, j = text.index(begin) + len(begin), text.index(end)
open(doc, 'w').write(text[:i] + '\n' + open(section).read().rstrip() + '\n' + text[j:])
PY
    echo "run-comparison: results written to $doc" >&2
fi
