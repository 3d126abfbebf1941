import type { ContractChange } from "@/lib/contracts/contract-change";
import type { YamlDiffHunk } from "@/lib/contracts/diff-yaml-text";
import type { ErrorDetail } from "@/lib/errors";
import type { PortImpact } from "@/lib/lineage/analyze-impact";

export const portApi = (portRef: string) => `/api/v1/ports/${encodeURIComponent(portRef)}`;

export const yamlDownloadUrl = (versionId: string) => `/api/v1/contracts/${versionId}?format=yaml`;

export type ContractCheckResult = {
  valid: boolean;
  compatible: boolean;
  outcome: "invalid" | "would-activate" | "needs-approval" | "refused" | "draft";
  version?: string;
  previousVersion?: string | null;
  compatibilityMode?: string;
  errors: ErrorDetail[];
  reasons: string[];
  changes?: ContractChange[];
  /** What the change reaches downstream (lib/lineage/analyze-impact.ts). */
  impact?: PortImpact;
};

export type PublishResult = {
  id: string;
  version: string;
  status: "active" | "pending_approval" | "draft";
  schemaId: number | null;
  changes: ContractChange[];
  reasons: string[];
  externalSyncError: string | null;
};

export type ContractDiff = { from: string; to: string; changes: ContractChange[]; yamlDiff: YamlDiffHunk[] };
