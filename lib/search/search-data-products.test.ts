import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { changeProductStatus } from "@/lib/catalog/change-product-status";
import { createOwnedTeam, createUser, expectMeshworkError, registerProduct } from "@/lib/testing/fixtures";
import { SearchQuery } from "./search-query";
import { searchDataProducts } from "./search-data-products";

let admin: Actor;
let outsider: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  outsider = await createUser();
});

/** A made-up word only this test's products contain, so other tests' products never match. */
const token = () => `zq${randomBytes(5).toString("hex").replace(/[0-9]/g, "x")}`;

async function publishedProduct(owner: Actor, fields: Record<string, unknown>) {
  const product = await registerProduct(owner, fields);
  await changeProductStatus(owner, product.id, { status: "published" });
  return product;
}

const names = (result: { items: { name: string }[] }) => result.items.map((i) => i.name);
const counts = (values: { value: string; count: number }[]) => Object.fromEntries(values.map((v) => [v.value, v.count]));

describe("search-as-you-type with typo tolerance", () => {
  it("finds Customer 360 from the typo 'custmer' and says what it understood", async () => {
    const { domain, owner } = await createOwnedTeam(admin);
    await publishedProduct(owner, { name: "Customer 360", description: "One view of every customer across channels." });
    await publishedProduct(owner, { name: "Store Footfall", description: "Visitors per store and hour." });

    const result = await searchDataProducts(outsider, { q: "custmer", domain: domain.slug });
    expect(names(result)).toEqual(["Customer 360"]);
    expect(result.didYouMean).toBe("customer");
    expect(result.items[0].rank).toBeGreaterThan(0);
  });

  it("matches a word prefix while it is being typed", async () => {
    const { domain, owner } = await createOwnedTeam(admin);
    await publishedProduct(owner, { name: "Payments Settled", description: "Card payments once the acquirer settles them." });
    await publishedProduct(owner, { name: "Returns", description: "Parcels sent back by shoppers." });

    const result = await searchDataProducts(outsider, { q: "paym", domain: domain.slug });
    expect(names(result)).toEqual(["Payments Settled"]);
    expect(result.didYouMean).toBeUndefined();
    expect(result.items[0]).toMatchObject({ domain: { slug: domain.slug, name: domain.name }, status: "published", portTypes: ["kafka_topic"] });
  });

  it("ranks a product named after the query above one that only mentions it", async () => {
    const { domain, owner } = await createOwnedTeam(admin);
    await publishedProduct(owner, { name: "Basket Events", description: "Mentions refunds once, in passing." });
    await publishedProduct(owner, { name: "Refunds", description: "Money returned to customers." });

    const result = await searchDataProducts(outsider, { q: "refunds", domain: domain.slug });
    expect(names(result)).toEqual(["Refunds", "Basket Events"]);
  });
});

describe("facets", () => {
  it("keeps a selected tag in its place in the tag facet", async () => {
    const word = token();
    const { owner } = await createOwnedTeam(admin);
    await publishedProduct(owner, { name: "Ledger A", description: `Ledger ${word}`, tags: ["gold", "finance"] });
    await publishedProduct(owner, { name: "Ledger B", description: `Ledger ${word}`, tags: ["gold", "zinc"] });
    await publishedProduct(owner, { name: "Ledger C", description: `Ledger ${word}`, tags: ["gold"] });

    const order = async (tag: string[]) => (await searchDataProducts(outsider, { q: word, tag })).facets.tag.map((t) => t.value);
    expect(await order([])).toEqual(["gold", "finance", "zinc"]);
    expect(await order(["zinc"])).toEqual(["gold", "finance", "zinc"]);
    expect(await order(["finance", "zinc"])).toEqual(["gold", "finance", "zinc"]);
  });

  it("counts over the matched set, each facet ignoring its own filter but applying the others", async () => {
    const word = token();
    const first = await createOwnedTeam(admin);
    const second = await createOwnedTeam(admin);
    await publishedProduct(first.owner, { name: "Ledger A", description: `Ledger ${word}`, tags: ["gold", "finance"], classification: "internal" });
    await publishedProduct(first.owner, { name: "Ledger B", description: `Ledger ${word}`, tags: ["gold"], classification: "confidential" });
    await publishedProduct(second.owner, { name: "Ledger C", description: `Ledger ${word}`, tags: ["pii"], classification: "internal" });

    const all = await searchDataProducts(outsider, { q: word });
    expect(all.total).toBe(3);
    expect(counts(all.facets.domain)).toEqual({ [first.domain.slug]: 2, [second.domain.slug]: 1 });
    expect(all.facets.domain.find((d) => d.value === first.domain.slug)?.label).toBe(first.domain.name);
    expect(counts(all.facets.tag)).toEqual({ gold: 2, finance: 1, pii: 1 });
    expect(counts(all.facets.classification)).toEqual({ internal: 2, confidential: 1 });
    expect(counts(all.facets.status)).toEqual({ published: 3 });
    expect(all.facets.status[0].label).toBe("Published");
    expect(counts(all.facets.portType)).toEqual({ kafka_topic: 3 });

    const internal = await searchDataProducts(outsider, { q: word, classification: "internal" });
    expect(internal.total).toBe(2);
    expect(names(internal).sort()).toEqual(["Ledger A", "Ledger C"]);
    // Its own facet still shows the alternatives; the other facets narrow to internal products.
    expect(counts(internal.facets.classification)).toEqual({ internal: 2, confidential: 1 });
    expect(counts(internal.facets.tag)).toEqual({ gold: 1, finance: 1, pii: 1 });
    expect(counts(internal.facets.domain)).toEqual({ [first.domain.slug]: 1, [second.domain.slug]: 1 });

    const inFirst = await searchDataProducts(outsider, { q: word, domain: first.domain.slug, tag: ["gold", "pii"] });
    expect(inFirst.total).toBe(2);
    expect(counts(inFirst.facets.domain)).toEqual({ [first.domain.slug]: 2, [second.domain.slug]: 1 });
    expect(counts(inFirst.facets.tag)).toEqual({ gold: 2, finance: 1 });
    expect(counts(inFirst.facets.classification)).toEqual({ internal: 1, confidential: 1 });
    expect(inFirst.approximate).toBeUndefined();
  });

  it("skips the facet counts for a plain list, with the same total and page", async () => {
    const word = token();
    const { owner } = await createOwnedTeam(admin);
    await publishedProduct(owner, { name: "Quota A", description: `Quota ${word}`, tags: ["gold"] });
    await publishedProduct(owner, { name: "Quota B", description: `Quota ${word}`, tags: ["pii"] });

    const list = await searchDataProducts(outsider, { q: word, tag: "gold" }, { facets: false });
    expect(list).toMatchObject({ total: 1, page: 1, facets: { domain: [], tag: [], classification: [], status: [], portType: [] } });
    expect(names(list)).toEqual(["Quota A"]);
    expect(list.approximate).toBeUndefined();
  });
});

describe("visibility", () => {
  it("hides a draft from outsiders but shows it to its own team and to stewards", async () => {
    const word = token();
    const { owner, member } = await createOwnedTeam(admin);
    await registerProduct(owner, { name: "Draft Forecast", description: `Not published yet ${word}` });
    const steward = await createUser({ role: "steward" });

    expect((await searchDataProducts(outsider, { q: word })).total).toBe(0);
    expect(names(await searchDataProducts(member, { q: word }))).toEqual(["Draft Forecast"]);
    expect(names(await searchDataProducts(steward, { q: word }))).toEqual(["Draft Forecast"]);
    const forTeam = await searchDataProducts(member, { q: word });
    expect(counts(forTeam.facets.status)).toEqual({ draft: 1 });
  });
});

describe("sorting, paging and snippets", () => {
  it("sorts by name regardless of case, and pages", async () => {
    const { domain, owner } = await createOwnedTeam(admin);
    for (const name of ["Gamma Stock", "alpha Stock", "Beta Stock"]) await publishedProduct(owner, { name, slug: name.toLowerCase().replace(" ", "-") });

    expect(names(await searchDataProducts(outsider, { domain: domain.slug, sort: "name" }))).toEqual(["alpha Stock", "Beta Stock", "Gamma Stock"]);
    const second = await searchDataProducts(outsider, { domain: domain.slug, sort: "name", page: "2", pageSize: "1" });
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 1 });
    expect(names(second)).toEqual(["Beta Stock"]);
    // Without words, relevance means most recently updated first.
    expect(names(await searchDataProducts(outsider, { domain: domain.slug }))[0]).toBe("Beta Stock");
  });

  it("marks the matched words and escapes the HTML of the description", async () => {
    const { domain, owner } = await createOwnedTeam(admin);
    await publishedProduct(owner, { name: "Chargebacks", description: `Disputed <script>alert("x")</script> chargebacks & fees from the acquirer.` });

    const [item] = (await searchDataProducts(outsider, { q: "chargeback", domain: domain.slug })).items;
    expect(item.snippet).toContain("<mark>chargebacks</mark>");
    expect(item.snippet).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(item.snippet).toContain("&amp; fees");
    expect(item.snippet.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);

    const [plain] = (await searchDataProducts(outsider, { domain: domain.slug })).items;
    expect(plain.snippet).toBe("Disputed &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; chargebacks &amp; fees from the acquirer.");
  });

  it("starts a snippet from the middle of a description at a whole word, after an ellipsis", async () => {
    const { domain, owner } = await createOwnedTeam(admin);
    const word = token();
    // Between one-letter words, PostgreSQL's passage is just the match and the token before it: "mail" of "e-mail".
    await publishedProduct(owner, { name: "Contact Points", description: `${"a ".repeat(40)}e-mail ${word} ${"b ".repeat(40)}end.` });

    const [item] = (await searchDataProducts(outsider, { q: word, domain: domain.slug })).items;
    expect(item.snippet).toBe(`… e-mail <mark>${word}</mark> …`);
  });

  it("treats punctuation and SQL in the query as plain words", async () => {
    const { domain, owner } = await createOwnedTeam(admin);
    await publishedProduct(owner, { name: "Shipments", description: "Parcels handed to carriers." });
    const result = await searchDataProducts(outsider, { q: "ship'); DROP TABLE data_product; -- & | ! :*", domain: domain.slug });
    expect(result.total).toBe(0);
    expect(names(await searchDataProducts(outsider, { q: "  SHIP!  ", domain: domain.slug }))).toEqual(["Shipments"]);
  });
});

describe("the search query", () => {
  it("takes single values or repeated keys, coerces numbers and applies defaults", () => {
    expect(SearchQuery.parse({})).toEqual({ domain: [], tag: [], classification: [], status: [], portType: [], sort: "relevance", page: 1, pageSize: 20 });
    expect(SearchQuery.parse({ q: " orders ", tag: "Gold", status: ["published", "deprecated"], page: "3", pageSize: "50", portType: "table" })).toMatchObject({
      q: "orders",
      tag: ["gold"],
      status: ["published", "deprecated"],
      portType: ["table"],
      page: 3,
      pageSize: 50,
    });
  });

  it("rejects bad values with a 422 that names the field", async () => {
    const error = await expectMeshworkError(searchDataProducts(outsider, { pageSize: "500", sort: "random" }), "validation_failed");
    expect(error.details.map((d) => d.path).sort()).toEqual(["pageSize", "sort"]);
    await expectMeshworkError(searchDataProducts(outsider, { q: "x".repeat(201) }), "validation_failed");
    await expectMeshworkError(searchDataProducts(outsider, { portType: "file" }), "validation_failed");
  });
});
