import type { Metadata } from "next";
import type { ReactNode } from "react";
import { NavBar } from "@/components/nav-bar";
import { Providers } from "@/components/providers";
import { sessionActor } from "@/lib/auth/authenticate-request";
import "./globals.css";

export const metadata: Metadata = { title: { default: "Meshwork", template: "%s · Meshwork" }, description: "Data mesh portal: discover, subscribe to and govern data products." };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await sessionActor();
  return (
    <html lang="en">
      <body>
        <Providers>
          <NavBar actor={actor} />
          <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
