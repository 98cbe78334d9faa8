// The Lua script wrk runs: every request has a unique body (a ConfigMap named <prefix>-<thread>-<n>, or
// the same ConfigMap as an etcd put of base64 key and value) or a GET cycling over N names; responses are
// counted by status; a thread that reached its share of responses prints BENCH_THREAD_DONE and stops;
// wrk's `done` hook prints one line "BENCH_JSON {...}" with the request count, the
// duration, latency percentiles (wrk's own histogram, microseconds) and the errors.

export type WrkWorkload =
  /** POST a ConfigMap to path (the API server's collection URL). */
  | { kind: 'create'; path: string; namespace: string; namePrefix: string; payloadBytes: number }
  /** POST /v3/kv/put with key /registry/configmaps/<ns>/<name> and the same ConfigMap JSON as value. */
  | { kind: 'etcd-put'; namespace: string; namePrefix: string; payloadBytes: number }
  /** GET pathPrefix + <namePrefix>-<i> for i cycling over 0..count-1. */
  | { kind: 'get'; pathPrefix: string; namePrefix: string; count: number };

function lua(value: string): string {
  if (!/^[\x20-\x7e]*$/.test(value)) throw new Error(`only printable ASCII goes into the wrk script: ${JSON.stringify(value)}`);
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The script text; perThreadLimit > 0 stops each thread after that many responses. */
export function wrkScript(workload: WrkWorkload, perThreadLimit: number): string {
  const common = `
local LIMIT = ${Math.max(0, Math.floor(perThreadLimit))}
local threads = {}
local nextId = 0
function setup(thread)
  thread:set("tid", nextId)
  nextId = nextId + 1
  table.insert(threads, thread)
end

ok = 0
statuses = {}
local answered = 0
local counter = 0

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  else
    local k = tostring(status)
    statuses[k] = (statuses[k] or 0) + 1
  end
  answered = answered + 1
  if LIMIT > 0 and answered == LIMIT then
    -- wrk's main thread sleeps for the whole -d duration; the runner sends SIGINT once every thread said so.
    io.write("BENCH_THREAD_DONE\\n")
    io.flush()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local okTotal = 0
  local byStatus = {}
  for _, t in ipairs(threads) do
    okTotal = okTotal + (t:get("ok") or 0)
    local s = t:get("statuses")
    if s then for k, v in pairs(s) do byStatus[k] = (byStatus[k] or 0) + v end end
  end
  local parts = {}
  for k, v in pairs(byStatus) do table.insert(parts, '"' .. k .. '":' .. v) end
  local e = summary.errors
  io.write(string.format('BENCH_JSON {"requests":%.0f,"ok":%.0f,"durationUs":%.0f,"bytes":%.0f,"latencyUs":{"mean":%.1f,"max":%.0f,"p50":%.0f,"p90":%.0f,"p99":%.0f,"p999":%.0f},"errors":{"connect":%.0f,"read":%.0f,"write":%.0f,"timeout":%.0f,"status":%.0f,"byStatus":{%s}}}\\n',
    summary.requests, okTotal, summary.duration, summary.bytes, latency.mean, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    e.connect, e.read, e.write, e.timeout, e.status, table.concat(parts, ",")))
end
`;
  if (workload.kind === 'get') {
    return `${common}
local PREFIX = ${lua(workload.pathPrefix + workload.namePrefix + '-')}
local COUNT = ${workload.count}
wrk.method = "GET"
function request()
  counter = counter + 1
  return wrk.format("GET", PREFIX .. ((counter * 7 + tid * 13) % COUNT))
end
`;
  }
  const configMap = `
local PAYLOAD = string.rep("x", ${workload.payloadBytes})
local NAME_PREFIX = ${lua(workload.namePrefix + '-')}
local HEAD = ${lua('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"')}
local MID = ${lua(`","namespace":"${workload.namespace}"},"data":{"payload":"`)}
local TAIL = ${lua('"}}')}
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local function configMap()
  counter = counter + 1
  local name = NAME_PREFIX .. tid .. "-" .. counter
  return name, HEAD .. name .. MID .. PAYLOAD .. TAIL
end
`;
  if (workload.kind === 'create') {
    return `${common}${configMap}
local PATH = ${lua(workload.path)}
function request()
  local _, body = configMap()
  return wrk.format("POST", PATH, nil, body)
end
`;
  }
  return `${common}${configMap}
local KEY_PREFIX = ${lua(`/registry/configmaps/${workload.namespace}/`)}
local bit = require("bit")
local ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local CHARS = {}
for i = 1, 64 do CHARS[i - 1] = ALPHABET:sub(i, i) end
local function b64(s)
  local out = {}
  local n = #s
  for i = 1, n, 3 do
    local a, b, c = s:byte(i, i + 2)
    local v = bit.bor(bit.lshift(a, 16), bit.lshift(b or 0, 8), c or 0)
    out[#out + 1] = CHARS[bit.band(bit.rshift(v, 18), 63)] .. CHARS[bit.band(bit.rshift(v, 12), 63)]
      .. (b and CHARS[bit.band(bit.rshift(v, 6), 63)] or "=") .. (c and CHARS[bit.band(v, 63)] or "=")
  end
  return table.concat(out)
end
function request()
  local name, value = configMap()
  return wrk.format("POST", "/v3/kv/put", nil, '{"key":"' .. b64(KEY_PREFIX .. name) .. '","value":"' .. b64(value) .. '"}')
end
`;
}
