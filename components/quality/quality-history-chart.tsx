"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

/** The share of evaluated checks passing, per hour over the last 7 days. */
export function QualityHistoryChart({ points }: { points: { hour: string; score: number | null; failed: number }[] }) {
  const data = points.filter((p) => p.score !== null).map((p) => ({ at: new Date(p.hour).getTime(), score: Math.round((p.score as number) * 1000) / 10, failed: p.failed }));
  if (data.length === 0) return <p className="px-5 py-4 text-xs text-slate-600">No runs in the last 7 days yet: the history fills in as checks run.</p>;
  return (
    <figure className="h-36 px-2 text-slate-600" data-testid="quality-history-chart" aria-label={`Quality score per hour over the last 7 days, ${data.length} hours with runs`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -14 }}>
          <CartesianGrid stroke="currentColor" strokeOpacity={0.2} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="at" type="number" domain={["dataMin", "dataMax"]} tickFormatter={(v: number) => day.format(v)} tick={{ fontSize: 10, fill: "currentColor" }} stroke="currentColor" minTickGap={50} />
          <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 10, fill: "currentColor" }} stroke="currentColor" width={48} />
          <Tooltip labelFormatter={(v) => `${day.format(Number(v))} UTC`} formatter={(v, name) => (name === "score" ? [`${v} %`, "Checks passing"] : [v, "Failed checks"])} />
          <Line type="stepAfter" dataKey="score" stroke="#1f57d6" strokeWidth={1.5} dot={data.length < 3} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
