/** A duration given in hours, in the unit a person reads it in: minutes under an hour, hours under two days, then days. */
export function formatHours(hours: number | null): string {
  if (hours === null) return "—";
  if (hours < 1 / 60) return "< 1 min";
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${hours < 10 ? hours.toFixed(1).replace(/\.0$/, "") : Math.round(hours)} h`;
  const days = hours / 24;
  return `${days < 10 ? days.toFixed(1).replace(/\.0$/, "") : Math.round(days)} d`;
}

export const formatShare = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)} %`);
