-- One token bucket, updated atomically with Redis's clock.
-- KEYS[1]: the bucket. ARGV: maxTokens, tokensPerFill, fillIntervalMillis, cost, op (TAKE, CHECK, CHARGE).
-- Returns {allowed (1/0), tokens left, millis to wait when refused}.
local max = tonumber(ARGV[1])
local fill = tonumber(ARGV[2])
local interval = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local op = ARGV[5]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'stamp')
local tokens = tonumber(state[1])
local stamp = tonumber(state[2])
if tokens == nil or stamp == nil then
  tokens = max
  stamp = now
end
local fills = math.floor((now - stamp) / interval)
if fills > 0 then
  tokens = math.min(max, tokens + fills * fill)
  stamp = stamp + fills * interval
end
if tokens >= max then
  stamp = now
end
local allowed = 1
if op == 'TAKE' then
  if tokens >= cost then tokens = tokens - cost else allowed = 0 end
elseif op == 'CHARGE' then
  -- a negative cost refunds an estimate that was too high: never past a full bucket
  tokens = math.min(max, tokens - cost)
else
  if tokens <= 0 then allowed = 0 end
end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'stamp', stamp)
-- Keep the key until it would be full again, plus one interval.
local deficit = max - tokens
redis.call('PEXPIRE', KEYS[1], (math.ceil(deficit / fill) + 1) * interval)
local wait = 0
if allowed == 0 then
  local needed = (op == 'TAKE' and cost or 1) - tokens
  wait = stamp + math.ceil(needed / fill) * interval - now
  if wait < 0 then wait = 0 end
end
return {allowed, tokens, wait}
