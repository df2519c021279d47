#!/usr/bin/env bash
# Load harness: the gateway in front of a local upstream, against the same upstream reached
# directly and through a tuned nginx reverse proxy, in one run.
#
#   integration-tests/load/run.sh [--quick] [--self-check] [--keep]
#
#   --quick       short warm-ups and measurements (a smoke run; the numbers mean little)
#   --self-check  exit non-zero if any target answered a non-2xx status, dropped connections,
#                 served zero requests, or (MCP cases) answered a JSON-RPC error or a tool
#                 result with isError (never a timing threshold)
#   --keep        keep the work directory (configs, logs, raw wrk output) and print its path;
#                 a run that fails keeps it anyway
#
# Environment (defaults in brackets; durations in seconds; --quick shortens them unless set):
#   LOAD_THREADS [2]  LOAD_CONNECTIONS [32]  LOAD_DURATION [15]  LOAD_WARMUP [5]
#   LOAD_GATEWAY_WARMUP_ROUND [10]  LOAD_GATEWAY_WARMUP_MAX [300]
#                               the JVM is warmed up in rounds until the JIT compiler threads
#                               used under 3% of its CPU time in a round and its CPU time per
#                               request moved by under 10%, or until the maximum; again per case
#   LOAD_CASES ["small 10k"]    small = 100-byte `return 200`, 10k = 10 KiB static file,
#                               llm-openai = POST of a chat completion request to an OpenAI `ai`
#                               route (passed through), llm-anthropic = the same request to an
#                               Anthropic `ai` route (translated both ways),
#                               llm-stream = the request with "stream": true to an OpenAI `ai`
#                               route answered with a 12-chunk SSE stream, llm-stream-guarded =
#                               the same on a route with regex request and response prompt
#                               guards (all built-ins, masking); both also measure the time to
#                               first byte of 200 sequential requests per target (TTFT),
#                               llm-budgeted = the llm-openai request with a virtual key (created
#                               through the admin API) to a route with `apiKey`, the key under a
#                               hard monthly USD budget: key lookup, reserve and settle per call,
#                               mcp-call = MCP `tools/call` of an `echo` tool on a stateless
#                               Streamable HTTP MCP server (gateway: an `mcp` route with that one
#                               target), mcp-list-federated = MCP `tools/list` (gateway: an `mcp`
#                               route federating three servers with different tools; direct and
#                               nginx: one of them); see docs/performance.md. The MCP cases need
#                               node and npm (the server in mcp/ is installed with `npm ci`);
#                               small-ui-open = small, with the admin UI's polling running
#                               against the gateway's admin port while it is measured (every
#                               open page's requests at their intervals, see ui_poller), to
#                               compare with small (the UI closed); small-ui-abba = small on
#                               one gateway process in alternating rounds with the UI's polling
#                               off and on (closed, open, open, closed per block, ABBA), after one
#                               warm-up with the polling on, over the same baseline traffic on the
#                               admin port; direct and nginx are measured as for small
#   LOAD_UI_BLOCKS [3]          ABBA blocks of small-ui-abba (4 rounds of LOAD_DURATION each)
#   LOAD_UI_BASELINE [kubernetes]  admin-port traffic in every round of small-ui-abba, open
#                               or closed: kubernetes = what the Helm chart's kubelet and a
#                               Prometheus scrape ask (readiness every 5 s, liveness every 10 s,
#                               /actuator/prometheus every 15 s); none = nothing
#   LOAD_GATEWAY_JAVA_OPTS ["-Xms512m -Xmx512m"]
#   LOAD_PIN [1]                0 = no CPU pinning
#   LOAD_SERVER_CPUS, LOAD_CLIENT_CPUS   taskset lists (default: first allowed CPU for the
#                               proxy under test; the others for wrk and the upstream)
#   AGW_GATEWAY_JAR [gateway-service/target/gateway-service-exec.jar]
#
# Everything listens on 127.0.0.1 only. nginx runs as private masters with their own prefix and
# configuration under a temporary directory; the system nginx configuration is never read or
# changed. Every process started here is stopped on exit, including on Ctrl-C.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

QUICK=0
SELF_CHECK=0
KEEP=0
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    --self-check) SELF_CHECK=1 ;;
    --keep) KEEP=1 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "unknown argument: $arg (try --help)" >&2
      exit 2
      ;;
  esac
done

if ((QUICK)); then
  DURATION=${LOAD_DURATION:-3}
  WARMUP=${LOAD_WARMUP:-1}
  GATEWAY_WARMUP_ROUND=${LOAD_GATEWAY_WARMUP_ROUND:-2}
  GATEWAY_WARMUP_MAX=${LOAD_GATEWAY_WARMUP_MAX:-6}
else
  DURATION=${LOAD_DURATION:-15}
  WARMUP=${LOAD_WARMUP:-5}
  GATEWAY_WARMUP_ROUND=${LOAD_GATEWAY_WARMUP_ROUND:-10}
  GATEWAY_WARMUP_MAX=${LOAD_GATEWAY_WARMUP_MAX:-300}
fi
for number in "$DURATION" "$WARMUP" "$GATEWAY_WARMUP_ROUND" "$GATEWAY_WARMUP_MAX"; do
  [[ "$number" =~ ^[1-9][0-9]*$ ]] || { echo "durations are whole seconds, got: $number" >&2; exit 2; }
done
THREADS=${LOAD_THREADS:-2}
CONNECTIONS=${LOAD_CONNECTIONS:-32}
CASES=${LOAD_CASES:-small 10k}
UI_BLOCKS=${LOAD_UI_BLOCKS:-3}
UI_BASELINE=${LOAD_UI_BASELINE:-kubernetes}
[[ "$UI_BLOCKS" =~ ^[1-9][0-9]*$ ]] || { echo "LOAD_UI_BLOCKS is a whole number, got: $UI_BLOCKS" >&2; exit 2; }
[[ "$UI_BASELINE" == kubernetes || "$UI_BASELINE" == none ]] \
  || { echo "LOAD_UI_BASELINE is kubernetes or none, got: $UI_BASELINE" >&2; exit 2; }
KNOWN_CASES="small small-ui-open small-ui-abba 10k llm-openai llm-budgeted llm-anthropic llm-stream llm-stream-guarded mcp-call mcp-list-federated"
MCP=0
for case in $CASES; do
  [[ " $KNOWN_CASES " == *" $case "* ]] || { echo "unknown case $case (known: $KNOWN_CASES)" >&2; exit 2; }
  [[ "$case" == mcp-* ]] && MCP=1
done
read -r -a JAVA_OPTS <<< "${LOAD_GATEWAY_JAVA_OPTS:--Xms512m -Xmx512m}"
JAR=${AGW_GATEWAY_JAR:-$ROOT/gateway-service/target/gateway-service-exec.jar}

log() { printf '[load] %s\n' "$*" >&2; }
die() {
  printf '[load] error: %s\n' "$*" >&2
  exit 1
}

# --- tools ------------------------------------------------------------------------------------

find_nginx() { command -v nginx || { [[ -x /usr/sbin/nginx ]] && echo /usr/sbin/nginx; } || true; }

install_tools() {
  local missing=()
  [[ -n "$(find_nginx)" ]] || missing+=(nginx)
  command -v wrk > /dev/null || missing+=(wrk)
  command -v python3 > /dev/null || missing+=(python3)
  command -v taskset > /dev/null || missing+=(util-linux)
  command -v pgrep > /dev/null || missing+=(procps)
  command -v curl > /dev/null || missing+=(curl)
  if ((MCP)); then
    command -v node > /dev/null || missing+=(nodejs)
    command -v npm > /dev/null || missing+=(npm)
  fi
  ((${#missing[@]} == 0)) && return
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo > /dev/null || die "missing ${missing[*]}; install with: apt-get install ${missing[*]}"
    sudo=(sudo)
  fi
  log "installing ${missing[*]} with apt-get"
  "${sudo[@]}" apt-get update -qq
  # Debian's postinst may start the system nginx on port 80; this harness never uses it.
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" > /dev/null
}

ensure_jar() {
  [[ -f "$JAR" ]] && return
  log "$JAR is missing; building it (same as: ./mvnw -q -DskipTests package)"
  (cd "$ROOT" && ./mvnw -q -DskipTests -pl gateway-service -am package)
  [[ -f "$JAR" ]] || die "the build did not produce $JAR"
}

# The MCP server's exact dependencies, from its lockfile, once per checkout.
install_mcp_server() {
  ((MCP)) || return 0
  [[ -d "$HERE/mcp/node_modules/@modelcontextprotocol/sdk" ]] && return
  log "installing the MCP load server's dependencies (npm ci in $HERE/mcp)"
  (cd "$HERE/mcp" && npm ci --no-audit --no-fund --loglevel=error > /dev/null)
}

install_tools
ensure_jar
install_mcp_server
NGINX=$(find_nginx)

# --- processes and cleanup --------------------------------------------------------------------

WORK=$(mktemp -d "${TMPDIR:-/tmp}/agw-load.XXXXXX")
# nginx workers drop to an unprivileged user when started as root; they must read the files.
chmod 755 "$WORK"
STARTED=()

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  local pid children=()
  if ((${#STARTED[@]})); then
    # nginx workers, remembered so that none outlives a master that had to be killed.
    read -r -a children <<< "$(pgrep -d ' ' -P "$(IFS=,; echo "${STARTED[*]}")" || true)"
  fi
  for pid in "${STARTED[@]}"; do
    kill -TERM "$pid" 2> /dev/null || true
  done
  for pid in "${STARTED[@]}"; do
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2> /dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
  done
  for pid in "${children[@]}"; do
    # Only if the pid still names an nginx worker: it may have been reused since.
    if grep -qs 'nginx: worker' "/proc/$pid/cmdline"; then
      kill -KILL "$pid" 2> /dev/null || true
    fi
  done
  # A failed run keeps its logs for diagnosis; an interrupted or successful one cleans up.
  if ((KEEP)) || ((status != 0 && status != 130 && status != 143)); then
    log "work directory kept: $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- CPU layout -------------------------------------------------------------------------------

read -r -a ALLOWED <<< "$(python3 -c 'import os; print(*sorted(os.sched_getaffinity(0)))')"
PIN=${LOAD_PIN:-1}
if ((PIN)) && ((${#ALLOWED[@]} >= 2)); then
  SERVER_CPUS=${LOAD_SERVER_CPUS:-${ALLOWED[0]}}
  CLIENT_CPUS=${LOAD_CLIENT_CPUS:-$(IFS=,; echo "${ALLOWED[*]:1}")}
  PIN_NOTE="proxy under test pinned to CPU $SERVER_CPUS; wrk and the upstream pinned to CPU $CLIENT_CPUS"
else
  PIN=0
  SERVER_CPUS=$(IFS=,; echo "${ALLOWED[*]}")
  CLIENT_CPUS=$SERVER_CPUS
  PIN_NOTE="no pinning (${#ALLOWED[@]} CPU(s) allowed or LOAD_PIN=0): all processes share CPUs $SERVER_CPUS"
fi
# One nginx worker per CPU the proxy may use: the JVM sees the same CPU set through its affinity.
SERVER_CPU_COUNT=$(taskset -c "$SERVER_CPUS" python3 -c 'import os; print(len(os.sched_getaffinity(0)))')

# Command prefixes, not functions: a backgrounded function would run in a subshell, and $! would
# be that subshell instead of the server whose CPU time is measured and which cleanup stops.
SERVER_PLACEMENT=()
CLIENT_PLACEMENT=()
if ((PIN)); then
  SERVER_PLACEMENT=(taskset -c "$SERVER_CPUS")
  CLIENT_PLACEMENT=(taskset -c "$CLIENT_CPUS")
fi

read -r UPSTREAM_PORT PROXY_PORT GATEWAY_PORT ADMIN_PORT MCP_PORT_1 MCP_PORT_2 MCP_PORT_3 \
  <<< "$(python3 - << 'EOF'
import socket
socks = [socket.socket() for _ in range(7)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
EOF
)"

# --- upstream and nginx proxy -----------------------------------------------------------------

SMALL_BODY='{"service":"agw-load-upstream","case":"small","padding":"0123456789abcdefghijklmnopqrstuvwxyz"}'
mkdir -p "$WORK/expected" "$WORK/upstream/html" "$WORK/proxy" "$WORK/wrk"
printf '%s' "$SMALL_BODY" > "$WORK/expected/small"
cp "$WORK/expected/small" "$WORK/expected/small-ui-open"
cp "$WORK/expected/small" "$WORK/expected/small-ui-abba"
python3 -c '
import sys
line = b"agw load harness static payload 0123456789abcdefghijklmnopqrstuvwxyz\n"
data = (line * (10240 // len(line) + 1))[:10240]
open(sys.argv[1], "wb").write(data)' "$WORK/upstream/html/10k"
cp "$WORK/upstream/html/10k" "$WORK/expected/10k"
chmod -R a+rX "$WORK/upstream"

# LLM cases: the upstream answers every POST with one fixed provider response; the client sends
# one fixed chat completion request. Single quotes never appear in these bodies (nginx strings).
CHAT_REQUEST='{"model":"gpt-4o-mini","max_tokens":256,"temperature":0.2,"messages":[{"role":"system","content":"You are a concise assistant."},{"role":"user","content":"Name three prime numbers and say why each one is prime."}]}'
CHAT_RESPONSE='{"id":"chatcmpl-load","object":"chat.completion","created":1767225600,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":"2, 3 and 5: each has exactly two divisors, 1 and itself.","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":31,"completion_tokens":17,"total_tokens":48,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}},"service_tier":"default","system_fingerprint":null}'
ANTHROPIC_RESPONSE='{"id":"msg_load","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001","content":[{"type":"text","text":"2, 3 and 5: each has exactly two divisors, 1 and itself."}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":31,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":17,"service_tier":"standard"}}'
printf '%s' "$CHAT_RESPONSE" > "$WORK/expected/llm-openai"
printf '%s' "$CHAT_RESPONSE" > "$WORK/expected/llm-budgeted"
printf '%s' "$ANTHROPIC_RESPONSE" > "$WORK/expected/llm-anthropic"
printf '%s' "$CHAT_REQUEST" > "$WORK/chat-request.json"
# Streamed cases: the same request with "stream": true; the upstream answers with a fixed chat
# completion stream whose text carries an e-mail address (masked on the guarded route).
STREAM_REQUEST="${CHAT_REQUEST%\}}"',"stream":true,"stream_options":{"include_usage":true}}'
printf '%s' "$STREAM_REQUEST" > "$WORK/stream-request.json"
STREAM_TEXT="2, 3 and 5 are prime: each has exactly two divisors. Questions? Write to primes@example.com and we answer within a day."
STREAM_RESPONSE=$(python3 - "$STREAM_TEXT" << 'PY'
import json, sys
text = sys.argv[1]
size = -(-len(text) // 12)
head = '{"id":"chatcmpl-load","object":"chat.completion.chunk","created":1767225600,"model":"gpt-4o-mini-2024-07-18","choices":['
out = ['data: ' + head + '{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}']
for i in range(0, len(text), size):
    out.append('data: ' + head + '{"index":0,"delta":{"content":' + json.dumps(text[i:i + size]) + '},"finish_reason":null}]}')
out.append('data: ' + head + '{"index":0,"delta":{},"finish_reason":"stop"}]}')
out.append('data: ' + head[:-len('"choices":[')] + '"choices":[],"usage":{"prompt_tokens":31,"completion_tokens":27,"total_tokens":58}}')
out.append('data: [DONE]')
print("\n\n".join(out) + "\n")
PY
)
printf '%s' "$STREAM_TEXT" > "$WORK/expected/llm-stream"
printf '%s' "${STREAM_TEXT/primes@example.com/<EMAIL_ADDRESS>}" > "$WORK/expected/llm-stream-guarded"
python3 -c '
import json, sys
body = open(sys.argv[1]).read()
print("wrk.method = \"POST\"")
print("wrk.headers[\"Content-Type\"] = \"application/json\"")
print("wrk.headers[\"Authorization\"] = \"Bearer sk-load-client\"")
print("wrk.body = " + json.dumps(body))' "$WORK/stream-request.json" > "$WORK/post-stream.lua"
python3 -c '
import json, sys
body = open(sys.argv[1]).read()
print("wrk.method = \"POST\"")
print("wrk.headers[\"Content-Type\"] = \"application/json\"")
print("wrk.headers[\"Authorization\"] = \"Bearer sk-load-client\"")
print("wrk.body = " + json.dumps(body))' "$WORK/chat-request.json" > "$WORK/post.lua"

# MCP cases: one fixed JSON-RPC request each, POSTed without a session (the servers and the
# gateway's MCP routes are stateless) with the headers a Streamable HTTP client sends after
# initialize. The script also counts 200 answers that are not a JSON-RPC result, or are a JSON-RPC
# error or a tool result with isError, which wrk alone would count as successes (--self-check).
printf '%s' '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"load"}}}' \
  > "$WORK/mcp-call-request.json"
printf '%s' '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' > "$WORK/mcp-list-federated-request.json"
for case in mcp-call mcp-list-federated; do
  python3 -c '
import json, sys
body = open(sys.argv[1]).read()
print("wrk.method = \"POST\"")
print("wrk.headers[\"Content-Type\"] = \"application/json\"")
print("wrk.headers[\"Accept\"] = \"application/json, text/event-stream\"")
print("wrk.headers[\"MCP-Protocol-Version\"] = \"2025-11-25\"")
print("wrk.body = " + json.dumps(body))' "$WORK/$case-request.json" > "$WORK/$case.lua"
  cat >> "$WORK/$case.lua" << 'EOF'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) rpc_errors = 0 end
function response(status, headers, body)
  if status == 200 and (not body:find('"result"%s*:') or body:find('"error"%s*:%s*{')
      or body:find('"isError"%s*:%s*true')) then
    rpc_errors = rpc_errors + 1
  end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("rpc_errors") end
  io.write(string.format("JSON-RPC errors: %d\n", total))
end
EOF
done

# Directives shared by both nginx instances: nothing outside the prefix, no access log, and
# connections kept open as long as a production edge would (the default closes every 1000).
nginx_common() {
  local prefix=$1 workers=$2
  cat << EOF
daemon off;
master_process on;
worker_processes $workers;
pid $prefix/nginx.pid;
error_log $prefix/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 100000;
  keepalive_timeout 60s;
  client_body_temp_path $prefix/client_body;
  proxy_temp_path $prefix/proxy;
  fastcgi_temp_path $prefix/fastcgi;
  uwsgi_temp_path $prefix/uwsgi;
  scgi_temp_path $prefix/scgi;
EOF
}

{
  # The upstream runs one worker on the client CPUs: it is the same for all three targets.
  nginx_common "$WORK/upstream" 1
  cat << EOF
  server {
    listen 127.0.0.1:$UPSTREAM_PORT;
    location = /small { default_type application/json; return 200 '$SMALL_BODY'; }
    location = /10k { default_type application/octet-stream; alias $WORK/upstream/html/10k; }
    location = /v1/chat/completions { default_type application/json; return 200 '$CHAT_RESPONSE'; }
    location = /v1/messages { default_type application/json; return 200 '$ANTHROPIC_RESPONSE'; }
    location = /v1/stream/chat/completions { default_type text/event-stream; return 200 '$STREAM_RESPONSE'; }
  }
}
EOF
} > "$WORK/upstream/nginx.conf"

{
  nginx_common "$WORK/proxy" "$SERVER_CPU_COUNT"
  cat << EOF
  upstream load_upstream {
    server 127.0.0.1:$UPSTREAM_PORT;
    keepalive 64;
    keepalive_requests 100000;
  }
  upstream mcp_upstream {
    server 127.0.0.1:$MCP_PORT_1;
    keepalive 64;
    keepalive_requests 100000;
  }
  server {
    listen 127.0.0.1:$PROXY_PORT;
    # MCP cases: the first MCP server, proxied like any other HTTP API (nginx knows no MCP).
    location = /mcp {
      proxy_pass http://mcp_upstream;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$host;
      proxy_set_header X-Forwarded-Port \$server_port;
    }
    location / {
      proxy_pass http://load_upstream;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      # The gateway appends X-Forwarded-*; the proxy does the same work.
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$host;
      proxy_set_header X-Forwarded-Port \$server_port;
    }
  }
}
EOF
} > "$WORK/proxy/nginx.conf"

start_nginx() {
  local name=$1
  shift
  "$NGINX" -t -q -p "$WORK/$name" -c "$WORK/$name/nginx.conf" -e "$WORK/$name/error.log" \
    || die "nginx $name configuration refused (see $WORK/$name/error.log)"
  "$@" "$NGINX" -p "$WORK/$name" -c "$WORK/$name/nginx.conf" -e "$WORK/$name/error.log" \
    > "$WORK/$name/stdout.log" 2>&1 &
  LAST_PID=$!
  STARTED+=("$LAST_PID")
}

# --- gateway ----------------------------------------------------------------------------------

cat > "$WORK/gateway.yaml" << EOF
binds:
- port: $GATEWAY_PORT
  listeners:
  - name: load
    protocol: HTTP
    routes:
    - name: llm-openai
      matches:
      - path: {pathPrefix: /llm-openai}
      backends:
      - ai:
          name: openai
          provider: {openAI: {}}
          hostOverride: 127.0.0.1:$UPSTREAM_PORT
          policies: {backendAuth: {key: sk-load-openai}}
    - name: llm-budgeted
      matches:
      - path: {pathPrefix: /llm-budgeted}
      policies:
        # Virtual keys only (created through the admin API once the gateway runs).
        apiKey: {keys: [], mode: strict}
      backends:
      - ai:
          name: openai-budgeted
          provider: {openAI: {}}
          hostOverride: 127.0.0.1:$UPSTREAM_PORT
          policies: {backendAuth: {key: sk-load-openai}}
    - name: llm-anthropic
      matches:
      - path: {pathPrefix: /llm-anthropic}
      backends:
      - ai:
          name: anthropic
          provider: {anthropic: {}}
          hostOverride: 127.0.0.1:$UPSTREAM_PORT
          policies: {backendAuth: {key: sk-load-anthropic}}
    - name: llm-stream
      matches:
      - path: {pathPrefix: /llm-stream/}
      backends:
      - ai:
          name: openai-stream
          provider: {openAI: {}}
          hostOverride: 127.0.0.1:$UPSTREAM_PORT
          pathOverride: /v1/stream/chat/completions
          policies: {backendAuth: {key: sk-load-openai}}
    - name: llm-stream-guarded
      matches:
      - path: {pathPrefix: /llm-stream-guarded/}
      policies:
        ai:
          promptGuard:
            request:
            - regex:
                rules: [{builtin: ssn}, {builtin: creditCard}, {builtin: phoneNumber}, {builtin: email}, {builtin: caSin}]
            response:
            - regex:
                rules: [{builtin: ssn}, {builtin: creditCard}, {builtin: phoneNumber}, {builtin: email}, {builtin: caSin}]
      backends:
      - ai:
          name: openai-stream-guarded
          provider: {openAI: {}}
          hostOverride: 127.0.0.1:$UPSTREAM_PORT
          pathOverride: /v1/stream/chat/completions
          policies: {backendAuth: {key: sk-load-openai}}
    - name: mcp-call
      matches:
      - path: {pathPrefix: /mcp-call}
      backends:
      - mcp:
          statefulMode: stateless
          targets:
          - name: load
            mcp: {host: "http://127.0.0.1:$MCP_PORT_1/mcp"}
    - name: mcp-federated
      matches:
      - path: {pathPrefix: /mcp-federated}
      backends:
      - mcp:
          statefulMode: stateless
          targets:
          - name: one
            mcp: {host: "http://127.0.0.1:$MCP_PORT_1/mcp"}
          - name: two
            mcp: {host: "http://127.0.0.1:$MCP_PORT_2/mcp"}
          - name: three
            mcp: {host: "http://127.0.0.1:$MCP_PORT_3/mcp"}
    - name: upstream
      backends:
      - host: 127.0.0.1:$UPSTREAM_PORT
EOF

# The three MCP servers run beside the nginx upstream, on the client CPUs.
start_mcp_server() {
  local port=$1 set=$2
  "${CLIENT_PLACEMENT[@]}" node "$HERE/mcp/server.mjs" "$port" "$set" > "$WORK/mcp-$set.log" 2>&1 &
  LAST_PID=$!
  STARTED+=("$LAST_PID")
}

# A virtual key for llm-budgeted, under a hard monthly budget it never exhausts (every call still
# reserves its worst case and settles), and the wrk script that sends it.
ADMIN_TOKEN=load-admin-$RANDOM$RANDOM
create_budgeted_key() {
  local admin="http://127.0.0.1:$ADMIN_PORT/api/v1" created
  created=$(curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    --data '{"name":"load","team":"load"}' "$admin/keys") || die "the admin API did not create a key"
  VIRTUAL_KEY=$(python3 -c 'import json, sys; print(json.load(sys.stdin)["key"])' <<< "$created")
  local id
  id=$(python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])' <<< "$created")
  curl -sf -o /dev/null -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    --data "{\"scope\":\"key\",\"subject\":\"$id\",\"amount\":1000000,\"unit\":\"usd\",\"window\":\"monthly\",\"mode\":\"hard\"}" \
    "$admin/budgets" || die "the admin API did not create the budget"
  python3 -c '
import json, sys
body = open(sys.argv[1]).read()
print("wrk.method = \"POST\"")
print("wrk.headers[\"Content-Type\"] = \"application/json\"")
print("wrk.headers[\"Authorization\"] = \"Bearer " + sys.argv[2] + "\"")
print("wrk.body = " + json.dumps(body))' "$WORK/chat-request.json" "$VIRTUAL_KEY" > "$WORK/post-keyed.lua"
  # The budgets cache picks the new budget up within its refresh interval.
  sleep 1
}

start_gateway() {
  "${SERVER_PLACEMENT[@]}" java "${JAVA_OPTS[@]}" -jar "$JAR" --config "$WORK/gateway.yaml" \
    --agw.bind-address=127.0.0.1 --agw.access-log.enabled=false \
    --agw.admin.token="$ADMIN_TOKEN" --agw.database.url="sqlite:$WORK/agw.db" \
    --server.address=127.0.0.1 --server.port="$ADMIN_PORT" \
    > "$WORK/gateway.log" 2>&1 &
  LAST_PID=$!
  STARTED+=("$LAST_PID")
}

wait_for() {
  local what=$1 url=$2 pid=$3
  for _ in $(seq 1 600); do
    kill -0 "$pid" 2> /dev/null || die "the process behind $what exited during start-up (logs in $WORK)"
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" == 200 ]] && return
    sleep 0.1
  done
  die "$what did not answer 200 on $url within 60s"
}

# --- measurement ------------------------------------------------------------------------------

# utime+stime in clock ticks of the given processes and their direct children (nginx workers).
cpu_ticks() {
  local total=0 pid stat fields
  for pid in "$@" $(pgrep -P "$(IFS=,; echo "$*")" || true); do
    # Braces: the redirection of a thread or process that just exited fails quietly too.
    { read -r stat < "/proc/$pid/stat"; } 2> /dev/null || continue
    read -r -a fields <<< "${stat##*) }"
    total=$((total + fields[11] + fields[12]))
  done
  echo "$total"
}

# utime+stime in clock ticks of the JIT compiler threads of a JVM.
jit_ticks() {
  local total=0 task stat fields
  for task in /proc/"$1"/task/*; do
    { read -r stat < "$task/stat"; } 2> /dev/null || continue
    [[ "$stat" == *"(C1 CompilerThre)"* || "$stat" == *"(C2 CompilerThre)"* ]] || continue
    read -r -a fields <<< "${stat##*) }"
    total=$((total + fields[11] + fields[12]))
  done
  echo "$total"
}

# The path a target serves a case on. nginx and the direct target get the request the gateway
# sends upstream; only the gateway has the `ai` routes (and, for llm-anthropic, translates).
case_path() {
  local target=$1 case=$2
  case "$case" in
    llm-openai) [[ "$target" == gateway ]] && echo /llm-openai/v1/chat/completions || echo /v1/chat/completions ;;
    llm-budgeted) [[ "$target" == gateway ]] && echo /llm-budgeted/v1/chat/completions || echo /v1/chat/completions ;;
    llm-anthropic) [[ "$target" == gateway ]] && echo /llm-anthropic/v1/chat/completions || echo /v1/messages ;;
    llm-stream*) [[ "$target" == gateway ]] && echo "/$case/v1/chat/completions" || echo /v1/stream/chat/completions ;;
    mcp-call) [[ "$target" == gateway ]] && echo /mcp-call || echo /mcp ;;
    mcp-list-federated) [[ "$target" == gateway ]] && echo /mcp-federated || echo /mcp ;;
    small-ui-open | small-ui-abba) echo /small ;;
    *) echo "/$case" ;;
  esac
}

check_body() {
  local target=$1 url=$2 case=$3 status body=$WORK/wrk/$1-$3.body
  local post=()
  [[ "$case" == llm-* ]] && post=(-H 'Content-Type: application/json' --data-binary "@$WORK/chat-request.json")
  [[ "$case" == llm-budgeted ]] && post+=(-H "Authorization: Bearer $VIRTUAL_KEY")
  [[ "$case" == llm-stream* ]] && post=(-H 'Content-Type: application/json' --data-binary "@$WORK/stream-request.json")
  [[ "$case" == mcp-* ]] && post=(-H 'Content-Type: application/json'
    -H 'Accept: application/json, text/event-stream' -H 'MCP-Protocol-Version: 2025-11-25'
    --data-binary "@$WORK/$case-request.json")
  status=$(curl -s "${post[@]}" -o "$body" -w '%{http_code}' "$url" || true)
  [[ "$status" == 200 ]] || die "$target answered $status for $url"
  if [[ "$case" == mcp-* ]]; then
    python3 - "$body" "$target" "$case" << 'PY' || die "$target did not answer $case with the expected JSON-RPC result on $url"
import json, sys
path, target, case = sys.argv[1:]
answer = json.load(open(path))
assert answer.get("jsonrpc") == "2.0" and answer.get("id") == 1, answer
assert "error" not in answer and "result" in answer, answer
result = answer["result"]
if case == "mcp-call":
    assert not result.get("isError"), result
    assert result["content"] == [{"type": "text", "text": "echo: load"}], result
else:
    sets = {
        "one": ["echo", "add", "upper", "length"],
        "two": ["echo", "weather", "forecast", "alerts", "stations"],
        "three": ["echo", "search_issues", "get_issue", "create_issue", "list_labels", "close_issue"],
    }
    names = sorted(tool["name"] for tool in result["tools"])
    if target == "gateway":
        expected = sorted(f"{t}_{n}" for t, tools in sets.items() for n in tools)
    else:
        expected = sorted(sets["one"])
    assert names == expected, (names, expected)
    assert all(tool["inputSchema"]["type"] == "object" for tool in result["tools"]), result
PY
    return
  fi
  if [[ "$case" == llm-stream* ]]; then
    # The text the client assembles from the stream: as sent upstream, or masked by the guards.
    local expected=$WORK/expected/llm-stream
    [[ "$target" == gateway ]] && expected=$WORK/expected/$case
    python3 - "$body" "$expected" << 'PY' || die "$target did not stream the expected answer for $url"
import json, sys
events = [e for e in open(sys.argv[1]).read().split("\n\n") if e.startswith("data: ")]
assert events[-1] == "data: [DONE]", events[-1]
text = "".join(
    choice["delta"].get("content") or ""
    for e in events[:-1]
    for choice in json.loads(e[len("data: "):])["choices"]
)
assert text == open(sys.argv[2]).read(), text
assert any('"usage"' in e for e in events), "no usage chunk"
PY
    return
  fi
  if [[ "$target-$case" == gateway-llm-anthropic ]]; then
    # Translated: an OpenAI chat completion with the Anthropic answer's text, reason and usage.
    python3 - "$body" << 'PY' || die "$target did not translate the Anthropic answer for $url"
import json, sys
c = json.load(open(sys.argv[1]))
assert c["object"] == "chat.completion", c
assert c["choices"][0]["message"]["content"].startswith("2, 3 and 5"), c
assert c["choices"][0]["finish_reason"] == "stop", c
assert c["usage"]["completion_tokens"] == 17, c
PY
    return
  fi
  cmp -s "$body" "$WORK/expected/$case" \
    || die "$target returned a different body for $url than the upstream serves"
}

run_wrk() {
  local duration=$1 url=$2 case=$3 script=()
  [[ "$case" == llm-* ]] && script=(-s "$WORK/post.lua")
  [[ "$case" == llm-budgeted ]] && script=(-s "$WORK/post-keyed.lua")
  [[ "$case" == llm-stream* ]] && script=(-s "$WORK/post-stream.lua")
  [[ "$case" == mcp-* ]] && script=(-s "$WORK/$case.lua")
  "${CLIENT_PLACEMENT[@]}" wrk --latency --timeout 5s -t"$THREADS" -c"$CONNECTIONS" -d"${duration}s" \
    "${script[@]}" "$url"
}

CLK_TCK=$(getconf CLK_TCK)
RESULTS=$WORK/results.tsv
: > "$RESULTS"

# Warms the gateway up until the JIT is done: the compiler threads run on the same CPU as the
# event loops, so a fixed warm-up would measure a half-compiled JVM whenever the machine is busy,
# and the CPU time per request alone falls too slowly to tell. Appends every round's CPU ms per
# 1000 requests and JIT share to the environment notes.
warm_up_until_steady() {
  local url=$1 pid=$2 case=$3 deadline=$((SECONDS + GATEWAY_WARMUP_MAX))
  local previous=0 current ticks jit ticks0 jit0 requests trace="" verdict="stopped at the maximum"
  while ((SECONDS < deadline)); do
    ticks0=$(cpu_ticks "$pid")
    jit0=$(jit_ticks "$pid")
    run_wrk "$GATEWAY_WARMUP_ROUND" "$url" "$case" > "$WORK/wrk/gateway-$case.jit.txt"
    ticks=$(($(cpu_ticks "$pid") - ticks0))
    jit=$(($(jit_ticks "$pid") - jit0))
    ((jit >= 0)) || jit=0 # a compiler thread that exited takes its ticks with it
    requests=$(awk '/ requests in /{print $1}' "$WORK/wrk/gateway-$case.jit.txt")
    ((requests > 0 && ticks > 0)) || break
    current=$((ticks * 1000 * 1000 / CLK_TCK / requests))
    trace+=" $current ($((jit * 100 / ticks))% JIT)"
    if ((jit * 100 < ticks * 3 && previous > 0 \
      && current * 10 >= previous * 9 && current * 10 <= previous * 11)); then
      verdict="steady"
      break
    fi
    previous=$current
  done
  log "gateway warm-up for $case, CPU ms/1k req per ${GATEWAY_WARMUP_ROUND}s round:$trace: $verdict"
  echo "gateway warm-up $case, CPU ms/1k req per ${GATEWAY_WARMUP_ROUND}s round:$trace: $verdict" \
    >> "$WORK/environment.txt"
}

# What the admin UI's open pages ask the admin port, at the pages' polling intervals (Overview
# every 5 s, Usage and cost and Guardrails every 10 s, as frontend/ polls), from loopback like a
# browser on the gateway's host: as if every page were open at once, in one tab each.
ui_poller() {
  local admin=http://127.0.0.1:$ADMIN_PORT/api/v1 tick=0 path
  while true; do
    for path in overview; do
      curl -s -o /dev/null "$admin/$path" || true
    done
    if ((tick % 2 == 0)); then
      for path in "usage?groupBy=minute,model&from=$(date -u -d '-1 hour' +%FT%TZ)" \
        "usage/records?limit=20&sort=latency" "usage/records?limit=20&failed=true" \
        "guardrails/decisions?bucket=minute&from=$(date -u -d '-1 hour' +%FT%TZ)" \
        keys budgets; do
        curl -s -o /dev/null -H "Authorization: Bearer $ADMIN_TOKEN" "$admin/$path" || true
      done
    fi
    tick=$((tick + 1))
    sleep 5
  done
}

# What a Kubernetes deployment asks the admin port whether or not anyone opens the UI: the Helm
# chart's readiness (every 5 s) and liveness (every 10 s) probes, and a Prometheus scrape (every
# 15 s, a common interval; Prometheus's default is 1 min).
baseline_poller() {
  local admin=http://127.0.0.1:$ADMIN_PORT/actuator tick=0
  while true; do
    curl -s -o /dev/null "$admin/health/readiness" || true
    ((tick % 2 == 0)) && { curl -s -o /dev/null "$admin/health/liveness" || true; }
    ((tick % 3 == 0)) && { curl -s -o /dev/null "$admin/prometheus" || true; }
    tick=$((tick + 1))
    sleep 5
  done
}

# start_poller NAME: runs the poller function NAME on the client CPUs; its pid in LAST_PID.
start_poller() {
  "${CLIENT_PLACEMENT[@]}" bash -c "$(declare -f "$1"); ADMIN_PORT=$ADMIN_PORT ADMIN_TOKEN=$ADMIN_TOKEN $1" &
  LAST_PID=$!
  STARTED+=("$LAST_PID")
}

stop_poller() {
  [[ -n "$1" ]] || return 0
  kill "$1" 2> /dev/null || true
  wait "$1" 2> /dev/null || true
}

# The UI open versus closed on one gateway process, in ABBA blocks (closed, open, open, closed):
# the same JIT state, heap and machine load for both, and a drift during the run (other work on
# the machine, the JVM still compiling) weighs on both states alike. One line per round in
# $UI_ROUNDS: block, state, wrk output, gateway CPU ticks, load average.
UI_ROUNDS=$WORK/ui-rounds.tsv
measure_ui_abba() {
  local url=$1 pid=$2 baseline= poller block state out server0 server1 load1 round=0
  if [[ "$UI_BASELINE" == kubernetes ]]; then
    start_poller baseline_poller
    baseline=$LAST_PID
  fi
  # One warm-up with the UI open: its endpoints are compiled before any round, as in a gateway
  # whose UI has been opened once.
  start_poller ui_poller
  poller=$LAST_PID
  warm_up_until_steady "$url" "$pid" small-ui-abba
  log "small-ui-abba via gateway: warm-up ${WARMUP}s, then $UI_BLOCKS ABBA blocks of 4 x ${DURATION}s"
  run_wrk "$WARMUP" "$url" small-ui-abba > "$WORK/wrk/gateway-small-ui-abba.warmup.txt"
  stop_poller "$poller"
  for ((block = 1; block <= UI_BLOCKS; block++)); do
    for state in closed open open closed; do
      round=$((round + 1))
      poller=
      if [[ "$state" == open ]]; then
        start_poller ui_poller
        poller=$LAST_PID
      fi
      out="$WORK/wrk/gateway-small-ui-abba-$round-$state.txt"
      load1=$(cut -d' ' -f1 /proc/loadavg)
      server0=$(cpu_ticks "$pid")
      run_wrk "$DURATION" "$url" small-ui-abba > "$out"
      server1=$(cpu_ticks "$pid")
      stop_poller "$poller"
      printf '%s\t%s\t%s\t%s\t%s\n' "$block" "$state" "$out" $((server1 - server0)) "$load1" \
        >> "$UI_ROUNDS"
    done
  done
  stop_poller "$baseline"
}

# measure TARGET CASE PORT SERVER_PID...
measure() {
  local target=$1 case=$2 port=$3
  shift 3
  local url="http://127.0.0.1:$port$(case_path "$target" "$case")" out="$WORK/wrk/$target-$case.txt"
  check_body "$target" "$url" "$case"
  if [[ "$target-$case" == gateway-small-ui-abba ]]; then
    measure_ui_abba "$url" "$1"
    return
  fi
  # The UI's polling runs from before the warm-up, so the admin endpoints are compiled and what is
  # measured is the steady cost of an open UI, not its first calls.
  local poller=
  if [[ "$target-$case" == gateway-small-ui-open ]]; then
    start_poller ui_poller
    poller=$LAST_PID
  fi
  if [[ "$target" == gateway ]]; then
    warm_up_until_steady "$url" "$1" "$case"
  fi
  log "$case via $target: warm-up ${WARMUP}s, then ${DURATION}s with $CONNECTIONS connections"
  run_wrk "$WARMUP" "$url" "$case" > "$WORK/wrk/$target-$case.warmup.txt"
  local load1 server0 upstream0 server1 upstream1
  load1=$(cut -d' ' -f1 /proc/loadavg)
  server0=$(cpu_ticks "$@")
  upstream0=$(cpu_ticks "${CASE_UPSTREAM_PIDS[@]}")
  run_wrk "$DURATION" "$url" "$case" > "$out"
  server1=$(cpu_ticks "$@")
  upstream1=$(cpu_ticks "${CASE_UPSTREAM_PIDS[@]}")
  stop_poller "$poller"

  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$case" "$target" "$out" \
    $((server1 - server0)) $((upstream1 - upstream0)) "$load1" >> "$RESULTS"
  if [[ "$case" == llm-stream* ]]; then
    measure_ttft "$target" "$case" "$url"
  fi
}

# Time to first byte of a streamed answer, one request at a time (no queueing): the median and
# 90th percentile of TTFT_REQUESTS requests, in ms, appended to $TTFT.
TTFT=$WORK/ttft.tsv
TTFT_REQUESTS=200
measure_ttft() {
  local target=$1 case=$2 url=$3 i
  for ((i = 0; i < TTFT_REQUESTS; i++)); do
    "${CLIENT_PLACEMENT[@]}" curl -s -N -o /dev/null -w '%{time_starttransfer}\n' \
      -H 'Content-Type: application/json' --data-binary "@$WORK/stream-request.json" "$url"
  done | python3 -c '
import statistics, sys
case, target = sys.argv[1:]
values = sorted(float(line) * 1000 for line in sys.stdin if line.strip())
p90 = values[int(len(values) * 0.9) - 1]
print(f"{case}\t{target}\t{statistics.median(values):.3f}\t{p90:.3f}")' "$case" "$target" >> "$TTFT"
}

start_nginx upstream "${CLIENT_PLACEMENT[@]}"
UPSTREAM_PID=$LAST_PID
start_nginx proxy "${SERVER_PLACEMENT[@]}"
PROXY_PID=$LAST_PID
start_gateway
GATEWAY_PID=$LAST_PID

wait_for upstream "http://127.0.0.1:$UPSTREAM_PORT/small" "$UPSTREAM_PID"
wait_for "nginx proxy" "http://127.0.0.1:$PROXY_PORT/small" "$PROXY_PID"
wait_for "gateway readiness" "http://127.0.0.1:$ADMIN_PORT/actuator/health/readiness" "$GATEWAY_PID"
wait_for gateway "http://127.0.0.1:$GATEWAY_PORT/small" "$GATEWAY_PID"
if [[ " $CASES " == *" llm-budgeted "* ]]; then
  create_budgeted_key
fi
MCP_PIDS=()
if ((MCP)); then
  for set in 1 2 3; do
    port_var=MCP_PORT_$set
    start_mcp_server "${!port_var}" "$set"
    MCP_PIDS+=("$LAST_PID")
    wait_for "MCP server $set" "http://127.0.0.1:${!port_var}/health" "$LAST_PID"
  done
fi

JAVA_GC=$("${SERVER_PLACEMENT[@]}" java "${JAVA_OPTS[@]}" -XX:+PrintCommandLineFlags -version 2>&1 \
  | grep -o -- '-XX:+Use[A-Za-z]*GC' | head -1 || true)
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo unknown)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') x ${#ALLOWED[@]} allowed ($(nproc --all) online)"
  echo "kernel: $(uname -r)"
  echo "layout: $PIN_NOTE; proxy nginx worker_processes $SERVER_CPU_COUNT; upstream nginx worker_processes 1"
  if ((${#ALLOWED[@]} <= 2)); then
    echo "note: ${#ALLOWED[@]} CPUs in total: the load generator, the upstream and the proxy share them"
  fi
  echo "versions: $("$NGINX" -v 2>&1 | sed 's/^nginx version: //'), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), $(java -version 2>&1 | head -1)"
  echo "gateway: ${JAVA_OPTS[*]} ${JAVA_GC:-}, access log off"
  echo "wrk: -t$THREADS -c$CONNECTIONS -d${DURATION}s, warm-up ${WARMUP}s per target and case"
  if ((MCP)); then
    echo "mcp: 3 stateless Streamable HTTP servers (integration-tests/load/mcp, node $(node --version), @modelcontextprotocol/sdk $(node -p 'require(process.argv[1]).version' "$HERE/mcp/node_modules/@modelcontextprotocol/sdk/package.json")) on the client CPUs; upstream CPU of MCP cases = all three"
  fi
} > "$WORK/environment.txt"

for case in $CASES; do
  if [[ "$case" == mcp-* ]]; then
    # Direct is the first MCP server; the federated gateway route also uses the other two.
    CASE_UPSTREAM_PIDS=("${MCP_PIDS[@]}")
    measure direct "$case" "$MCP_PORT_1" "${MCP_PIDS[0]}"
  else
    CASE_UPSTREAM_PIDS=("$UPSTREAM_PID")
    measure direct "$case" "$UPSTREAM_PORT" "$UPSTREAM_PID"
  fi
  measure nginx "$case" "$PROXY_PORT" "$PROXY_PID"
  measure gateway "$case" "$GATEWAY_PORT" "$GATEWAY_PID"
done

REPORT_ARGS=(--results "$RESULTS" --environment "$WORK/environment.txt" --clk-tck "$CLK_TCK")
((SELF_CHECK)) && REPORT_ARGS+=(--self-check)
[[ -s "$TTFT" ]] && REPORT_ARGS+=(--ttft "$TTFT")
[[ -s "$UI_ROUNDS" ]] && REPORT_ARGS+=(--ui-rounds "$UI_ROUNDS" --ui-baseline "$UI_BASELINE")
python3 "$HERE/report.py" "${REPORT_ARGS[@]}"
