import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { changeProductStatus } from "@/lib/catalog/change-product-status";
import { SERVICE_ACTOR } from "@/lib/auth/service-identity";
import { createOwnedTeam, createUser, registerProduct } from "@/lib/testing/fixtures";
import { searchDataProducts } from "./search-data-products";

// "Did you mean" draws on the words of products the caller may see, never on a word only a hidden product contains.
let admin: Actor;
let analyst: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  analyst = await createUser();
});

/**
 * A made-up lowercase word (letters only, as the typo corrector wants), ending in "ord" so English stemming leaves it
 * whole. Its 5th and 6th letters differ, so swapping them (typo) really makes another word.
 */
function word(): string {
  const w = `zq${[...randomBytes(7)].map((b) => String.fromCharCode(97 + (b % 26))).join("")}ord`;
  return w[4] === w[5] ? word() : w;
}
/** The word with two letters in its middle swapped: a typo the vocabulary can correct. */
const typo = (w: string) => `${w.slice(0, 4)}${w[5]}${w[4]}${w.slice(6)}`;

describe("did you mean", () => {
  it("never suggests a word that only another team's draft contains", async () => {
    const secret = word();
    const { member } = await createOwnedTeam(admin);
    await registerProduct(member, { description: `Internal notes about ${secret} before launch.` });

    const forAnalyst = await searchDataProducts(analyst, { q: typo(secret) });
    expect(forAnalyst.didYouMean ?? "").not.toContain(secret);
    expect(forAnalyst.total).toBe(0);

    // The owning team, stewards and the service identity see the draft, so the word is theirs to be offered.
    expect((await searchDataProducts(member, { q: typo(secret) })).didYouMean).toBe(secret);
    expect((await searchDataProducts(await createUser({ role: "steward" }), { q: typo(secret) })).didYouMean).toBe(secret);
    expect((await searchDataProducts(SERVICE_ACTOR, { q: typo(secret) })).didYouMean).toBe(secret);
  });

  it("stops suggesting a word once the only product containing it is retired", async () => {
    const gone = word();
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner, { description: `Counts of ${gone} per day.` });
    await changeProductStatus(owner, product.id, { status: "published" });
    expect((await searchDataProducts(analyst, { q: typo(gone) })).didYouMean).toBe(gone);
    await changeProductStatus(owner, product.id, { status: "deprecated", reason: "replaced by a better one", sunsetDate: new Date(Date.now() + 86_400_000) });
    await changeProductStatus(owner, product.id, { status: "retired" });
    expect((await searchDataProducts(analyst, { q: typo(gone) })).didYouMean ?? "").not.toContain(gone);
  });

  it("does not suggest a hidden word because a visible product has a word with the same stem", async () => {
    const stem = word();
    const hidden = `${stem}ing`;
    const { owner } = await createOwnedTeam(admin);
    const visible = await registerProduct(owner, { description: `Everything about ${stem}.` });
    await changeProductStatus(owner, visible.id, { status: "published" });
    const other = await createOwnedTeam(admin);
    await registerProduct(other.member, { description: `Plans for ${hidden} next year.` });

    const result = await searchDataProducts(analyst, { q: typo(hidden) });
    expect(result.didYouMean ?? "").not.toContain(hidden);
    expect((await searchDataProducts(other.member, { q: typo(hidden) })).didYouMean).toBe(hidden);
  });
});
