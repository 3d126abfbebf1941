import { StatusPage } from "@/components/ui/status-page";

export default function Forbidden() {
  return (
    <StatusPage code={403} title="You do not have access to this page" testId="forbidden">
      Your role or your teams do not allow it. Product pages are edited by their owning team; the audit log and governance
      views are for stewards and admins; the organisation pages for admins. Ask a platform admin if you need access.
    </StatusPage>
  );
}
