"use client";

import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ThroughputSample = { at: number; rowsPerSecond: number; rowsWritten: number };

const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "UTC" });

/** Up to `count` tick times on whole seconds between the first and last sample, none twice (the polls are seconds apart). */
export function timeTicks(first: number, last: number, count = 4): number[] {
  const step = Math.max(1000, Math.ceil((last - first) / count / 1000) * 1000);
  const ticks: number[] = [];
  for (let t = Math.ceil(first / 1000) * 1000; t <= last; t += step) ticks.push(t);
  return ticks;
}

/** Rows per second over the last minutes, from the panel's own polls (nothing stored server-side for it). */
export function ThroughputChart({ samples }: { samples: ThroughputSample[] }) {
  if (samples.length < 2) {
    return (
      <p className="flex h-28 items-center justify-center text-xs text-slate-600" data-testid="throughput-chart-waiting">
        Collecting throughput… the chart fills in as this page stays open.
      </p>
    );
  }
  return (
    <figure className="h-28 text-slate-600" data-testid="throughput-chart" aria-label={`Rows per second over the last ${Math.max(1, Math.round((samples[samples.length - 1].at - samples[0].at) / 60_000))} minutes`}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={samples} margin={{ top: 6, right: 28, bottom: 0, left: -18 }}>
          <CartesianGrid stroke="currentColor" strokeOpacity={0.2} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="at" type="number" domain={["dataMin", "dataMax"]} ticks={timeTicks(samples[0].at, samples[samples.length - 1].at)} tickFormatter={(v: number) => time.format(v)} tick={{ fontSize: 10, fill: "currentColor" }} tickMargin={4} stroke="currentColor" minTickGap={40} />
          <YAxis allowDecimals={false} tick={{ fontSize: 10, fill: "currentColor" }} stroke="currentColor" width={44} />
          <Tooltip labelFormatter={(v) => `${time.format(Number(v))} UTC`} formatter={(v) => [`${Number(v).toFixed(1)} rows/s`, "Throughput"]} />
          <Area type="monotone" dataKey="rowsPerSecond" stroke="#1f57d6" fill="#d9eaff" strokeWidth={1.5} isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
}
