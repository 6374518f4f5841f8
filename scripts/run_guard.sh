# Sourced by run.sh: one `make run` per state directory, and none on ports
# already taken. Both checks run before anything in the state is touched,
# so a second copy can neither delete the first one's store nor talk to
# the first one's servers while believing them its own.

# holder names what listens on a port, as far as this machine tells.
holder() { # port
	local pid=""
	if command -v lsof >/dev/null; then
		pid=$(lsof -nP -t -iTCP:"$1" -sTCP:LISTEN 2>/dev/null | head -1 || true)
	fi
	if [[ -n "$pid" ]]; then
		echo "$(ps -o comm= -p "$pid" 2>/dev/null || echo '?') (pid $pid)"
	else
		echo "another process"
	fi
}

# refuse_taken_ports fails naming every port of the stack that something
# already listens on.
refuse_taken_ports() { # name=host:port ...
	local taken=0 spec name addr host port
	for spec in "$@"; do
		name=${spec%%=*} addr=${spec#*=}
		host=${addr%:*} port=${addr##*:}
		if (echo >"/dev/tcp/$host/$port") 2>/dev/null; then
			echo "make run: port $port ($name, $addr) is already in use by $(holder "$port"): probably another \`make run\` or dev server" >&2
			taken=1
		fi
	done
	if ((taken)); then
		echo "make run: stop it, or choose other ports: TEMPORAL_PORT, UI_PORT, SANDBOX_ZENDESK_ADDR, SANDBOX_SALESFORCE_ADDR, CRMSYNC_METRICS_ADDR (empty: no metrics)" >&2
		return 1
	fi
}

# take_lock makes $1 hold this shell's pid, created atomically (noclobber);
# a pid file whose process is gone is left over from a killed run and is
# taken over.
take_lock() { # pid file
	local other
	for _ in 1 2; do
		if (set -C; echo $$ >"$1") 2>/dev/null; then
			return 0
		fi
		other=$(cat "$1" 2>/dev/null || true)
		if [[ -n "$other" ]] && kill -0 "$other" 2>/dev/null; then
			echo "make run: another \`make run\` (pid $other) is using $(dirname "$1"); stop it first (or remove $1 if pid $other is not one)" >&2
			return 1
		fi
		rm -f "$1"
	done
	echo "make run: could not take $1" >&2
	return 1
}
