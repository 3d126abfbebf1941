// oidc-provider 8 ships no types; the end-to-end test uses only its constructor and listen().
declare module "oidc-provider" {
  import type { Server } from "node:http";
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    listen(port: number, callback?: () => void): Server;
  }
}
