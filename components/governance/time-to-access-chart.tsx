"use client";

import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatHours } from "./format-hours";

const label = (value: unknown) => formatHours(value === null || value === undefined ? null : Number(value));

export type TimeToAccessBar = { domain: string; medianHours: number | null; p90Hours: number | null };

/** Median and p90 time-to-access per providing domain, in hours, as grouped bars; the table beside it has the same figures. */
export function TimeToAccessChart({ bars }: { bars: TimeToAccessBar[] }) {
  const described = bars.map((b) => `${b.domain}: median ${formatHours(b.medianHours)}, p90 ${formatHours(b.p90Hours)}`).join("; ");
  return (
    <figure className="h-72 text-slate-700" data-testid="time-to-access-chart" aria-label={`Time-to-access per domain. ${described}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} margin={{ top: 20, right: 12, bottom: 4, left: 0 }} barGap={2}>
          <CartesianGrid stroke="currentColor" strokeOpacity={0.2} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="domain" tick={{ fontSize: 11, fill: "currentColor" }} stroke="currentColor" interval={0} tickLine={false} />
          <YAxis tick={{ fontSize: 11, fill: "currentColor" }} stroke="currentColor" width={56} tickFormatter={(v: number) => (v === 0 ? "0" : formatHours(v))} />
          <Tooltip formatter={(v, name) => [formatHours(Number(v)), name]} cursor={{ fill: "currentColor", fillOpacity: 0.08 }} />
          <Legend wrapperStyle={{ fontSize: 12, color: "currentColor" }} />
          {/* Each bar says its value: minutes-long waits are too short to see beside days-long ones. */}
          <Bar dataKey="medianHours" name="Median" fill="#1f57d6" radius={[3, 3, 0, 0]} isAnimationActive={false}>
            <LabelList dataKey="medianHours" position="top" formatter={label} style={{ fontSize: 10, fill: "currentColor" }} />
          </Bar>
          <Bar dataKey="p90Hours" name="p90" fill="#60a5fa" radius={[3, 3, 0, 0]} isAnimationActive={false}>
            <LabelList dataKey="p90Hours" position="top" formatter={label} style={{ fontSize: 10, fill: "currentColor" }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
