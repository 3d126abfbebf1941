"use client";

import { createContext, useContext, type ReactNode } from "react";

const CspNonce = createContext<string>("");

/** Hands this request's Content-Security-Policy nonce to client code that creates <style> elements (CodeMirror). */
export function CspNonceProvider({ nonce, children }: { nonce: string; children: ReactNode }) {
  return <CspNonce.Provider value={nonce}>{children}</CspNonce.Provider>;
}

export const useCspNonce = () => useContext(CspNonce);
