#!/usr/bin/env bash
# Run --report over every bundled sample inside a new network namespace,
# which has only a loopback interface and leaves it down, to show that the
# analysis needs no network.  Where strace exists, also check that no run
# opens an internet socket.  Exits 77 (skipped) where namespaces are not
# allowed.
set -u

binary=$1
samples=$2

if ! unshare --net true 2>/dev/null; then
  echo "skipped: this system does not allow a new network namespace (unshare --net failed)"
  exit 77
fi

status=0
for sample in "$samples"/*.eml; do
  if ! unshare --net "$binary" --report --format=json "$sample" >/dev/null; then
    echo "FAIL: --report $sample failed without a network"
    status=1
  fi

  if command -v strace >/dev/null 2>&1; then
    trace=$(unshare --net strace -f -qq -e trace=socket "$binary" --report "$sample" 2>&1 >/dev/null)
    if grep -E 'socket\((AF_INET|AF_INET6|PF_INET)' <<<"$trace"; then
      echo "FAIL: --report $sample opened an internet socket"
      status=1
    fi
  fi
done

[ $status -eq 0 ] && echo "every sample was analysed inside a network namespace without a network"
exit $status
