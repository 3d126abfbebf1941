import { Suspense } from "react";
import { SearchPage } from "@/components/search/search-page";
import { pageActor } from "@/lib/auth/page-actor";
import { canRegisterProducts } from "@/lib/auth/permissions";

export const metadata = { title: "Discover" };

export default async function Page() {
  const actor = await pageActor();
  return (
    <Suspense>
      <SearchPage canRegister={canRegisterProducts(actor)} />
    </Suspense>
  );
}
