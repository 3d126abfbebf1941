import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { CspNonceProvider } from "@/components/csp-nonce";
import { NavBar } from "@/components/nav-bar";
import { Providers } from "@/components/providers";
import { ThemeScript } from "@/components/theme-script";
import { sessionActor } from "@/lib/auth/authenticate-request";
import "./globals.css";

export const metadata: Metadata = { title: { default: "Meshwork", template: "%s · Meshwork" }, description: "Data mesh portal: discover, subscribe to and govern data products." };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Set by proxy.ts for every request; reading it first keeps every page (404 included) dynamically rendered, as nonces need.
  const nonce = (await headers()).get("x-nonce") ?? "";
  const actor = await sessionActor();
  return (
    // The theme script sets <html>'s class before React hydrates; that difference is expected.
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body>
        <a href="#main-content" className="sr-only z-50 rounded-md bg-brand-600 px-4 py-2 font-medium text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
          Skip to content
        </a>
        <CspNonceProvider nonce={nonce}>
          <Providers>
            <NavBar actor={actor} />
            <main id="main-content" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none sm:px-6 sm:py-8">
              {children}
            </main>
          </Providers>
        </CspNonceProvider>
      </body>
    </html>
  );
}
