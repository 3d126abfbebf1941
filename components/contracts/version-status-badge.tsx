import { Badge, type BadgeTone } from "@/components/ui/badge";

const STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  draft: { label: "Draft", tone: "slate" },
  pending_approval: { label: "Pending approval", tone: "amber" },
  active: { label: "Active", tone: "green" },
  deprecated: { label: "Deprecated", tone: "violet" },
  rejected: { label: "Rejected", tone: "red" },
};

export function VersionStatusBadge({ status }: { status: string }) {
  const { label, tone } = STATUS[status] ?? { label: status, tone: "slate" as const };
  return (
    <Badge tone={tone} dot testId="version-status">
      {label}
    </Badge>
  );
}
