#!/bin/sh
# shard-ids.sh: derive this pod's Discord shard ids from the StatefulSet-wide values the scaler
# writes (SHARDS = total, SHARDS_PER_BOT) and the pod ordinal.
#
#   pod N runs shards N*perBot ... min((N+1)*perBot, total) - 1
#
# Inputs (environment):
#   SHARD_TOTAL_VAR  name of the variable holding the total (default SHARDS; discord.js: SHARD_COUNT)
#   <total var>      total shard count, >= 1
#   SHARDS_PER_BOT   shards per pod, >= 1 (default 1)
#   POD_INDEX        pod ordinal (downward API label apps.kubernetes.io/pod-index, Kubernetes >= 1.28);
#                    if unset or empty: the numeric suffix of POD_NAME, else of HOSTNAME
# Outputs (exported): SHARD_IDS "0,1,2,3", SHARD_IDS_JSON "[0,1,2,3]", SHARD_ID_FIRST, SHARD_ID_LAST,
#   SHARD_COUNT (the total); and SHARDS = SHARD_IDS_JSON when the total came from SHARD_COUNT
#   (the discord.js convention: SHARDS = ids, SHARD_COUNT = total).
# Usage: shard-ids.sh CMD [ARG...]  exports the above and execs CMD
#        shard-ids.sh                prints the above as KEY=value lines
# Exit: 2 bad input, 3 this pod has no shards (more pods than the total needs).
#
# POSIX sh only: runs under dash and busybox sh.
set -u

fail() {
  printf 'shard-ids: %s\n' "$1" >&2
  exit "${2:-2}"
}

# Prints the decimal value of $2 (named $1 in messages), without leading zeros; fails unless it is
# an integer in 0..999999999 (the cap keeps the arithmetic below far from overflow).
nonneg_int() {
  case $2 in
    '' | *[!0-9]*) fail "$1 must be a non-negative integer, got \"$2\"" ;;
  esac
  _v=${2#"${2%%[!0]*}"}
  [ -n "$_v" ] || _v=0
  [ "${#_v}" -le 9 ] || fail "$1 must be at most 999999999, got \"$2\""
  printf '%s' "$_v"
}

total_var=${SHARD_TOTAL_VAR:-SHARDS}
case $total_var in
  '' | [0-9]* | *[!A-Za-z0-9_]*) fail "SHARD_TOTAL_VAR must be a variable name, got \"$total_var\"" ;;
esac
eval "total_raw=\${$total_var-}"
[ -n "$total_raw" ] || fail "$total_var (the total shard count) is not set or empty"
total=$(nonneg_int "$total_var" "$total_raw") || exit 2
[ "$total" -ge 1 ] || fail "$total_var must be >= 1, got \"$total_raw\""

per_raw=${SHARDS_PER_BOT-1}
per=$(nonneg_int SHARDS_PER_BOT "$per_raw") || exit 2
[ "$per" -ge 1 ] || fail "SHARDS_PER_BOT must be >= 1, got \"$per_raw\""

# The ordinal: POD_INDEX, else the suffix after the last '-' of POD_NAME, else of HOSTNAME.
if [ -n "${POD_INDEX:-}" ]; then
  ordinal=$(nonneg_int POD_INDEX "$POD_INDEX") || exit 2
else
  if [ -n "${POD_NAME:-}" ]; then
    name_var=POD_NAME name=$POD_NAME
  elif [ -n "${HOSTNAME:-}" ]; then
    name_var=HOSTNAME name=$HOSTNAME
  else
    fail "no pod ordinal: set POD_INDEX or POD_NAME (downward API), or HOSTNAME"
  fi
  case $name in
    *-*) suffix=${name##*-} ;;
    *) suffix= ;;
  esac
  case $suffix in
    '' | *[!0-9]*) fail "$name_var must end in -<ordinal> like a StatefulSet pod name, got \"$name\"" ;;
  esac
  ordinal=$(nonneg_int "$name_var" "$suffix") || exit 2
fi

first=$((ordinal * per))
if [ "$first" -ge "$total" ]; then
  fail "pod ordinal $ordinal has no shards: ids would start at $first but $total_var=$total" 3
fi
last=$(((ordinal + 1) * per))
[ "$last" -le "$total" ] || last=$total
last=$((last - 1))

ids=$first
i=$((first + 1))
while [ "$i" -le "$last" ]; do
  ids="$ids,$i"
  i=$((i + 1))
done

SHARD_IDS=$ids
SHARD_IDS_JSON="[$ids]"
SHARD_ID_FIRST=$first
SHARD_ID_LAST=$last
SHARD_COUNT=$total
export SHARD_IDS SHARD_IDS_JSON SHARD_ID_FIRST SHARD_ID_LAST SHARD_COUNT
names="SHARD_IDS SHARD_IDS_JSON SHARD_ID_FIRST SHARD_ID_LAST SHARD_COUNT"
if [ "$total_var" = SHARD_COUNT ]; then
  SHARDS=$SHARD_IDS_JSON
  export SHARDS
  names="$names SHARDS"
fi

if [ "$#" -eq 0 ]; then
  for n in $names; do
    eval "printf '%s=%s\n' \"\$n\" \"\$$n\""
  done
  exit 0
fi
printf 'shard-ids: pod %s runs shards %s-%s of %s\n' "$ordinal" "$first" "$last" "$total" >&2
exec "$@"
