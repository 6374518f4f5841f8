#!/usr/bin/env bash
# make run: Temporal dev server with its Web UI, the sandbox, the worker, then
# a full sync and an incremental one. Stays up until Ctrl-C unless RUN_ONCE=1.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=./bin
# CRMSYNC_RUN_DIR moves the state (dev server history, store, logs, lock),
# e.g. for a second stack on other ports.
STATE=${CRMSYNC_RUN_DIR:-.crmsync}
UI_PORT=${UI_PORT:-8233}
TEMPORAL_PORT=${TEMPORAL_PORT:-7233}
export TEMPORAL_ADDRESS=${TEMPORAL_ADDRESS:-127.0.0.1:$TEMPORAL_PORT}
# The worker syncs the sandbox this run starts unless told otherwise.
own_sandbox=0
[[ -z "${ZENDESK_URL:-}" && -z "${SALESFORCE_LOGIN_URL:-}" ]] && own_sandbox=1
export SANDBOX_ZENDESK_ADDR=${SANDBOX_ZENDESK_ADDR:-127.0.0.1:8801}
export SANDBOX_SALESFORCE_ADDR=${SANDBOX_SALESFORCE_ADDR:-127.0.0.1:8802}
export ZENDESK_URL=${ZENDESK_URL:-http://$SANDBOX_ZENDESK_ADDR}
export SALESFORCE_LOGIN_URL=${SALESFORCE_LOGIN_URL:-http://$SANDBOX_SALESFORCE_ADDR}

. scripts/run_guard.sh
mkdir -p "$STATE"
LOCK=$STATE/make-run.pid
take_lock "$LOCK" || exit 1

pids=()
stop_all() {
	trap - INT TERM EXIT
	for ((i=${#pids[@]}-1; i>=0; i--)); do
		kill -TERM "${pids[$i]}" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	rm -f "$LOCK"
}
trap stop_all INT TERM EXIT

export CRMSYNC_METRICS_ADDR=${CRMSYNC_METRICS_ADDR-127.0.0.1:9464}
metrics_port=()
[[ -n "$CRMSYNC_METRICS_ADDR" ]] && metrics_port=("worker metrics=$CRMSYNC_METRICS_ADDR")
refuse_taken_ports "Temporal=127.0.0.1:$TEMPORAL_PORT" "Temporal Web UI=127.0.0.1:$UI_PORT" \
	"Zendesk sandbox=$SANDBOX_ZENDESK_ADDR" "Salesforce sandbox=$SANDBOX_SALESFORCE_ADDR" "${metrics_port[@]}" || exit 1
mkdir -p "$STATE/logs"

# died names a child that exited, with the end of its log.
died() { # pid name log
	kill -0 "$1" 2>/dev/null && return 1
	echo "make run: $2 exited at start; the end of $3:" >&2
	tail -n 20 "$3" >&2
	return 0
}

# wait_port waits for a child's port; a child that dies meanwhile, or
# right after (its port taken by someone else after all), fails the run.
wait_port() { # host:port name seconds pid log
	local host=${1%:*} port=${1##*:}
	for _ in $(seq 1 "$3"); do
		died "$4" "$2" "$5" && return 1
		if (echo >"/dev/tcp/$host/$port") 2>/dev/null; then
			sleep 1
			died "$4" "$2" "$5" && return 1
			return 0
		fi
		sleep 1
	done
	echo "make run: $2 did not open $1; see $5" >&2
	return 1
}

echo "== building"
go build -o "$BIN/crmsync-sandbox" ./sandbox
go build -o "$BIN/crmsync-worker" ./worker
go build -o "$BIN/crmsync-starter" ./starter

echo "== Temporal dev server (history kept in $STATE/temporal.db)"
"$BIN/temporal" server start-dev --db-filename "$STATE/temporal.db" --ip 127.0.0.1 \
	--port "$TEMPORAL_PORT" --ui-port "$UI_PORT" --log-level error >"$STATE/logs/temporal.log" 2>&1 &
pids+=($!)
wait_port "127.0.0.1:$TEMPORAL_PORT" "Temporal" 60 $! "$STATE/logs/temporal.log" || exit 1

echo "== sandbox"
"$BIN/crmsync-sandbox" >"$STATE/logs/sandbox.log" 2>&1 &
pids+=($!)
wait_port "$SANDBOX_ZENDESK_ADDR" "sandbox (Zendesk)" 60 $! "$STATE/logs/sandbox.log" || exit 1
wait_port "$SANDBOX_SALESFORCE_ADDR" "sandbox (Salesforce)" 60 $! "$STATE/logs/sandbox.log" || exit 1
sed -n '1,20p' "$STATE/logs/sandbox.log"

# The sandbox starts afresh from its seed each time, so the links and
# checkpoints of a previous `make run` describe records that no longer
# exist: this run keeps its own store, and ends a sync a previous run left
# behind on the persisted dev server.
export CRMSYNC_STORE=${CRMSYNC_STORE:-$STATE/make-run-state.db}
rm -f "$CRMSYNC_STORE" "$CRMSYNC_STORE-wal" "$CRMSYNC_STORE-shm"
"$BIN/temporal" workflow terminate --address "$TEMPORAL_ADDRESS" -w crmsync-sync \
	--reason "make run restarted the sandbox" >/dev/null 2>&1 || true

echo "== worker"
export CRMSYNC_MAPPING=${CRMSYNC_MAPPING:-scripts/two-way.yaml}
echo "mapping: $CRMSYNC_MAPPING"
"$BIN/crmsync-worker" >"$STATE/logs/worker.log" 2>&1 &
worker=$!
pids+=($worker)
sleep 2
died "$worker" "worker" "$STATE/logs/worker.log" && exit 1

status=0
echo "== full sync"
"$BIN/crmsync-starter" full || status=1
edit_in_salesforce() {
	# A few edits through the Salesforce API, so the incremental run has
	# something to carry (only when make run syncs its own sandbox).
	command -v curl >/dev/null || return 0
	local sf="http://${SANDBOX_SALESFORCE_ADDR:-127.0.0.1:8802}" tok ids
	tok=$(curl -fsS -d grant_type=client_credentials -d client_id=sandbox-client -d client_secret=sandbox-secret \
		"$sf/services/oauth2/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p') || return 0
	ids=$(curl -fsS -H "Authorization: Bearer $tok" --get --data-urlencode \
		"q=SELECT Id FROM Contact WHERE Title != null ORDER BY LastModifiedDate DESC LIMIT 3" \
		"$sf/services/data/v62.0/query" | grep -o '"Id":"[^"]*"' | cut -d'"' -f4) || return 0
	for id in $ids; do
		curl -fsS -X PATCH -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
			-d '{"Title":"Edited before the incremental run"}' "$sf/services/data/v62.0/sobjects/Contact/$id" && echo "edited Contact $id in Salesforce"
	done
}

# A two-way round: one contact edited in Salesforce (title), another in
# Zendesk (phone), a third on both sides (phone): the incremental run merges
# the first two and settles the third by the conflict policy.
two_way_round() {
	command -v curl >/dev/null || return 0
	local sf="http://${SANDBOX_SALESFORCE_ADDR:-127.0.0.1:8802}" zd="http://${SANDBOX_ZENDESK_ADDR:-127.0.0.1:8801}" tok ids a b c za zb
	tok=$(curl -fsS -d grant_type=client_credentials -d client_id=sandbox-client -d client_secret=sandbox-secret \
		"$sf/services/oauth2/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p') || return 0
	ids=$(curl -fsS -H "Authorization: Bearer $tok" --get --data-urlencode \
		"q=SELECT Id FROM Contact WHERE Email != null ORDER BY Id LIMIT 40" \
		"$sf/services/data/v62.0/query" | grep -o '"Id":"[^"]*"' | cut -d'"' -f4) || return 0
	local linked=()
	for id in $ids; do
		local zid
		zid=$(curl -fsS -u admin@example.com/token:sandbox-token "$zd/api/v2/users/search.json?external_id=$id" |
			grep -o '"id":[0-9]*' | head -1 | cut -d: -f2 || true)
		[[ -n "$zid" ]] && linked+=("$id:$zid")
		((${#linked[@]} == 3)) && break
	done
	((${#linked[@]} == 3)) || return 0
	a=${linked[0]%%:*} b=${linked[1]%%:*} c=${linked[2]%%:*} za=${linked[1]##*:} zb=${linked[2]##*:}
	patch_sf() { curl -fsS -X PATCH -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' -d "$2" \
		"$sf/services/data/v62.0/sobjects/Contact/$1"; }
	put_zd() { curl -fsS -o /dev/null -X PUT -u admin@example.com/token:sandbox-token -H 'Content-Type: application/json' \
		-d "$2" "$zd/api/v2/users/$1.json"; }
	patch_sf "$a" '{"Title":"Edited in Salesforce"}' && echo "Salesforce: Contact $a title → Edited in Salesforce"
	put_zd "$za" '{"user":{"phone":"+1 555 0100"}}' && echo "Zendesk: user $za (Contact $b) phone → +1 555 0100"
	patch_sf "$c" '{"Phone":"+1 555 0001"}' && echo "Salesforce: Contact $c phone → +1 555 0001"
	put_zd "$zb" '{"user":{"phone":"+1 555 0002"}}' && echo "Zendesk: user $zb (Contact $c) phone → +1 555 0002 (a conflict)"
	echo "waiting 61s: Zendesk's incremental export leaves out the last minute"
	sleep 61
}

if ((own_sandbox)); then
	edit_in_salesforce
	two_way_round
fi
echo "== incremental sync"
"$BIN/crmsync-starter" incremental || status=1

echo
echo "Temporal Web UI: http://127.0.0.1:$UI_PORT/namespaces/default/workflows"
echo "  workflow crmsync-sync: a run's result is its summary; each page's Resolve and"
echo "  Upsert activity results (for contacts, the Fetch's \"resolved\") list its"
echo "  rejected records, each with its reason."
echo "  Filter the list: CrmsyncMode = 'full', CrmsyncOutcome = 'succeeded_with_rejections'."
[[ -n "$CRMSYNC_METRICS_ADDR" ]] && echo "worker metrics: http://$CRMSYNC_METRICS_ADDR/metrics"
echo "logs: $STATE/logs/"
if [[ "${RUN_ONCE:-}" == "1" ]]; then
	exit $status
fi
echo "Everything stays up; Ctrl-C stops it."
wait
