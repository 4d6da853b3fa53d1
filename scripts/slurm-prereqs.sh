#!/usr/bin/env bash
# Makes sure a single-node Slurm (Debian's slurm-wlm + munge) runs on this machine for the Slurm tests:
# installs the packages with apt-get when missing and we are root, writes a single-node slurm.conf
# (daemons on loopback, no accounting), creates the munge key, and starts munged, slurmctld and slurmd
# without systemd. Idempotent: daemons that already answer are reused.
#   scripts/slurm-prereqs.sh          start (or check) the node
#   scripts/slurm-prereqs.sh stop     stop the daemons this script started
# An existing /etc/slurm/slurm.conf that this script did not write is never touched; the node is then
# expected to be configured by its owner. Fails with the reason when Slurm cannot start.
set -euo pipefail

marker="# written by wnn scripts/slurm-prereqs.sh"
conf=/etc/slurm/slurm.conf
state="${WNN_SLURM_STATE:-/var/tmp/wnn-slurm}"
ctld_port="${WNN_SLURMCTLD_PORT:-6817}"
slurmd_port="${WNN_SLURMD_PORT:-6818}"

fail() { echo "slurm-prereqs: $*" >&2; exit 1; }

stop_all() {
  for d in slurmd slurmctld; do
    if [ -f "$state/$d.pid" ] && kill -0 "$(cat "$state/$d.pid")" 2>/dev/null; then
      kill "$(cat "$state/$d.pid")" 2>/dev/null || true
    fi
  done
  if [ -f /run/munge/munged.pid ]; then kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true; fi
  for _ in $(seq 1 50); do
    pgrep -x slurmd >/dev/null || pgrep -x slurmctld >/dev/null || break
    sleep 0.2
  done
}

if [ "${1:-}" = "stop" ]; then
  stop_all
  exit 0
fi

if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1 || ! command -v sbatch >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "slurm-prereqs: installing slurm-wlm and munge with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
  else
    fail "Slurm is not installed; install it with: sudo apt-get install -y slurm-wlm munge"
  fi
fi

# Already up (ours or the machine's own)? sinfo answers and the node is usable.
if timeout 10 sinfo -h -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated|completing)'; then
  echo "slurm-prereqs: Slurm is up ($(sinfo -h -o '%N %T' | head -n 1))" >&2
  exit 0
fi

[ "$(id -u)" -eq 0 ] || fail "starting the Slurm daemons needs root (or start them yourself; see docs/slurm.md)"

if [ -f "$conf" ] && ! grep -qF "$marker" "$conf"; then
  fail "$conf exists and was not written by this script; start your Slurm daemons, or move it away for the tests"
fi

host="$(hostname -s)"
cpus="$(nproc)"
mem_mb="$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)"
mkdir -p /etc/slurm "$state/spool/ctld" "$state/spool/d" "$state/log"
touch "$state/log/jobcomp.txt" "$state/log/slurmctld.log"
chown slurm:slurm "$state" "$state/log" "$state/log/jobcomp.txt" "$state/log/slurmctld.log"
chown -R slurm:slurm "$state/spool/ctld"
tmp="$(mktemp /etc/slurm/slurm.conf.XXXXXX)"
cat >"$tmp" <<EOF
$marker
ClusterName=wnn-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=slurm
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$state/log/jobcomp.txt
StateSaveLocation=$state/spool/ctld
SlurmdSpoolDir=$state/spool/d
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
ReturnToService=2
MinJobAge=30
KillWait=5
InactiveLimit=0
SlurmctldTimeout=30
SlurmdTimeout=30
MpiDefault=none
MailProg=/bin/true
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
EOF
chmod 644 "$tmp"
mv -f "$tmp" "$conf"

# munge: a key and a running daemon.
if [ ! -s /etc/munge/munge.key ]; then
  if command -v mungekey >/dev/null 2>&1; then mungekey --create --force >/dev/null; else
    dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null; fi
fi
chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
mkdir -p /run/munge /var/log/munge /var/lib/munge
chown munge:munge /run/munge /var/log/munge /var/lib/munge
chmod 755 /run/munge
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  runuser -u munge -- /usr/sbin/munged --force || fail "munged did not start (see /var/log/munge/munged.log)"
  for _ in $(seq 1 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n | unmunge >/dev/null 2>&1 || fail "munge does not answer (see /var/log/munge/munged.log)"
fi

pgrep -x slurmctld >/dev/null || /usr/sbin/slurmctld -i || fail "slurmctld did not start (see $state/log/slurmctld.log)"
pgrep -x slurmd >/dev/null || /usr/sbin/slurmd || fail "slurmd did not start (see $state/log/slurmd.log)"

st=""
for _ in $(seq 1 60); do
  pgrep -x slurmctld >/dev/null || fail "slurmctld exited: $(tail -n 1 "$state/log/slurmctld.log" 2>/dev/null)"
  st="$(timeout 2 sinfo -h -o '%T' 2>/dev/null | head -n 1 || true)"
  case "$st" in idle|mixed|allocated) break ;; esac
  sleep 0.5
done
case "$st" in
  idle|mixed|allocated) echo "slurm-prereqs: Slurm ready (node $host, $cpus CPUs, partition debug)" >&2 ;;
  *) scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true
     sleep 1
     st="$(timeout 5 sinfo -h -o '%T' 2>/dev/null | head -n 1 || true)"
     case "$st" in idle|mixed|allocated) echo "slurm-prereqs: Slurm ready (node $host)" >&2 ;;
       *) fail "the node is '$st' (see $state/log/slurmctld.log and slurmd.log)" ;; esac ;;
esac
