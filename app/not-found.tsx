import { StatusPage } from "@/components/ui/status-page";

export default function NotFound() {
  return (
    <StatusPage code={404} title="This page does not exist" testId="not-found">
      It may have been renamed or removed, or it belongs to a team whose drafts you cannot see.
    </StatusPage>
  );
}
