import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { CspNonceProvider } from "@/components/csp-nonce";
import { NavBar } from "@/components/nav-bar";
import { Providers } from "@/components/providers";
import { sessionActor } from "@/lib/auth/authenticate-request";
import "./globals.css";

export const metadata: Metadata = { title: { default: "Meshwork", template: "%s · Meshwork" }, description: "Data mesh portal: discover, subscribe to and govern data products." };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Set by proxy.ts for every request; reading it first keeps every page (404 included) dynamically rendered, as nonces need.
  const nonce = (await headers()).get("x-nonce") ?? "";
  const actor = await sessionActor();
  return (
    <html lang="en">
      <body>
        <CspNonceProvider nonce={nonce}>
          <Providers>
            <NavBar actor={actor} />
            <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
          </Providers>
        </CspNonceProvider>
      </body>
    </html>
  );
}
