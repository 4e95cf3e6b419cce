#!/usr/bin/env bash
# Entry point of the Robyn trainer image. Starts r/run_all.R and turns Cloud Run's SIGTERM (a cancelled
# execution; SIGKILL follows 10 s later) into SIGINT, which R handles: the trainer writes status
# "cancelled" and sends the `cancelled` event. If R is still running after MMM_CANCEL_GRACE_SECONDS
# (default 7), it is killed and r/cancel.R marks the run cancelled instead.
set -uo pipefail

r_dir="${MMM_R_DIR:-/app/r}"
grace_tenths=$(( ${MMM_CANCEL_GRACE_SECONDS:-7} * 10 ))
mkdir -p "${MMM_STATE_DIR:-/tmp/mmm}"

Rscript "${r_dir}/run_all.R" &
child=$!

on_term() {
  kill -INT "${child}" 2>/dev/null || true
  for ((i = 0; i < grace_tenths; i++)); do
    kill -0 "${child}" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "${child}" 2>/dev/null; then
    kill -KILL "${child}" 2>/dev/null || true
    Rscript "${r_dir}/cancel.R" || true
  fi
  wait "${child}" 2>/dev/null
  exit 130
}
trap on_term TERM

wait "${child}"
exit $?
