import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ["lib/generated/**", ".next/**", ".meshwork/**", ".cache/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  { rules: { "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }] } },
  {
    // The workers import lib/; nothing there may need Next's bundler or a browser. Type-only imports are erased.
    // The web adapters (lib/http/**, next-auth's configuration and session lookups in lib/auth/) are exempt.
    files: ["lib/**/*.ts", "lib/**/*.tsx", "workers/**/*.ts"],
    ignores: ["lib/http/**", "lib/generated/**", "lib/auth/auth-options.ts", "lib/auth/oidc-provider-config.ts", "lib/auth/page-actor.ts", "lib/auth/authenticate-request.ts", "lib/auth/auth-secret.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: ["server-only", "next", "next-auth", "react", "react-dom"].map((name) => ({ name, allowTypeImports: true, message: "lib/ and workers/ run outside Next: keep Next, next-auth and React in app/, components/ or the web adapters (lib/http/)." })),
          patterns: [{ group: ["next/*", "next-auth/*", "react/*", "react-dom/*"], allowTypeImports: true, message: "lib/ and workers/ run outside Next: keep Next, next-auth and React in app/, components/ or the web adapters (lib/http/)." }],
        },
      ],
    },
  },
  {
    files: ["e2e/**/*.spec.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "@playwright/test", importNames: ["test"], message: "Import test from ./support/fixtures: it fails a test on any Content-Security-Policy violation." }] }],
    },
  },
];

export default config;
