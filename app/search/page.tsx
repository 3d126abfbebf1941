import { Suspense } from "react";
import { SearchPage } from "@/components/search/search-page";
import { pageActor } from "@/lib/auth/page-actor";

export const metadata = { title: "Discover" };

export default async function Page() {
  await pageActor();
  return (
    <Suspense>
      <SearchPage />
    </Suspense>
  );
}
