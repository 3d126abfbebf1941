import { HomeDashboard } from "@/components/home/home-dashboard";
import { pageActor } from "@/lib/auth/page-actor";
import { canRegisterProducts } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { getHomeDashboard } from "@/lib/home/get-home-dashboard";

export const metadata = { title: "Home" };

export default async function Home() {
  const actor = await pageActor();
  const dashboard = await getHomeDashboard(actor);
  return <HomeDashboard name={actor.name} dashboard={dashboard} now={now().getTime()} canRegister={canRegisterProducts(actor)} />;
}
