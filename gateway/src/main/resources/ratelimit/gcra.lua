-- Rate limit of one caller, atomically (one Lua script = one Redis command, no race between callers
-- or gateway instances): GCRA, the generic cell rate algorithm. It is a token bucket (refills at
-- `rate` per second, holds `burst` requests) that stores one number per caller instead of two:
-- the theoretical arrival time (TAT) at which the bucket will be full again. Times are Redis' own
-- clock (TIME), in microseconds, so gateway instances with skewed clocks still agree.
--
-- KEYS[1]  the caller's key, e.g. shop:ratelimit:user:<sub> or shop:ratelimit:ip:<address>
-- ARGV[1]  emission interval in microseconds: 1 s / rate (an integer >= 1)
-- ARGV[2]  burst: how many requests may arrive at once on a full bucket (an integer >= 1)
-- Returns  {allowed (1 or 0), remaining requests, retry after (us, 0 when allowed), full again in (us)}
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local tolerance = interval * burst

local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then
  tat = now
end
local new_tat = tat + interval

if new_tat - now > tolerance then
  -- Bucket empty: nothing is stored, so rejected calls cost the caller nothing more.
  return {0, 0, new_tat - tolerance - now, tat - now}
end

-- The key expires when the bucket is full again: an idle caller leaves nothing behind.
redis.call('SET', KEYS[1], new_tat, 'PX', math.ceil((new_tat - now) / 1000))
return {1, math.floor((tolerance - (new_tat - now)) / interval), 0, new_tat - now}
