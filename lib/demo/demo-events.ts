// Realistic events for the demo mesh's topics, generated from each topic's Avro value schema (field names, types and
// docs) and a small shared world (customers, SKUs, open orders), so payments, shipments and invoices refer to orders
// that were placed. Some records carry invalid values (a negative amount, an unknown currency) for the quality checks.

export type AvroType = string | AvroType[] | { type: string; logicalType?: string; items?: AvroType; fields?: AvroField[]; [key: string]: unknown };
export type AvroField = { name: string; type: AvroType; doc?: string };
export type AvroRecordSchema = { type: "record"; name: string; fields: AvroField[] };

export type Random = () => number;

/** A seeded pseudo-random generator (mulberry32), so tests can reproduce a run. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ["Anna", "Ben", "Clara", "David", "Elif", "Finn", "Greta", "Hugo", "Ida", "Jonas", "Kim", "Lea", "Mats", "Nora", "Omar", "Pia"];
const LAST = ["Schmidt", "de Vries", "Martin", "García", "Larsen", "Rossi", "Novak", "Dubois", "Jansen", "Berg", "Silva", "Keller"];
const COUNTRIES = ["DE", "NL", "FR", "ES", "SE", "IT", "AT", "BE"];
const CURRENCY: Record<string, string> = { DE: "EUR", NL: "EUR", FR: "EUR", ES: "EUR", IT: "EUR", AT: "EUR", BE: "EUR", SE: "SEK" };
const CATEGORIES = ["Home > Kitchen", "Home > Bath", "Garden > Tools", "Fashion > Shoes", "Fashion > Jackets", "Electronics > Audio", "Toys > Puzzles", "Sports > Running"];
const BRANDS = ["Nordwind", "Casa Viva", "Lumen", "Trailfox", "Kobold", "Maris"];
const WAREHOUSES = ["WH-BER", "WH-AMS", "WH-MAD", "WH-MXP", "WH-GOT"];
const CARRIERS = ["DHL", "DPD", "GLS", "PostNL", "UPS"];
const PAGES = ["/", "/c/home-kitchen", "/c/fashion-shoes", "/p/SKU-10017", "/p/SKU-10042", "/cart", "/checkout/address", "/checkout/payment", "/search"];
const QUERIES = ["running shoes", "frying pan", "rain jacket", "garden hose", "bluetooth speaker", "puzzle 1000", "towels", "winter boots", "knife set"];
const CAMPAIGNS = ["CMP-WINTER-SALE", "CMP-NEWSLETTER-W49", "CMP-BLACK-FRIDAY", "CMP-REACTIVATION"];
const CHANNELS = ["paid_search", "email", "social", "affiliate", "direct", "organic"];
const MODELS = ["v3.2.0", "v3.3.1"];

type Order = { order_id: string; customer_id: string; status: string; total_amount: number; currency: string; placed_at: number; sku: string };
const NEXT_STATUS: Record<string, string | undefined> = { placed: "paid", paid: "shipped", shipped: "delivered" };

/** The demo world the producers share: stable customers and SKUs, and the orders still moving through their lifecycle. */
export class DemoWorld {
  private counters = new Map<string, number>();
  readonly open: Order[] = [];
  readonly customers: { id: string; name: string; email: string; country: string }[];
  readonly skus: { sku: string; price: number; category: string; brand: string; name: string }[];

  constructor(readonly random: Random = Math.random, readonly clock: () => number = Date.now) {
    this.customers = Array.from({ length: 300 }, (_, i) => {
      const first = this.pick(FIRST);
      const last = this.pick(LAST);
      const email = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "") + `${i}@example.com`;
      return { id: `C-${100001 + i}`, name: `${first} ${last}`, email, country: this.pick(COUNTRIES) };
    });
    this.skus = Array.from({ length: 80 }, (_, i) => {
      const category = this.pick(CATEGORIES);
      return { sku: `SKU-${10001 + i}`, price: this.money(4, 180), category, brand: this.pick(BRANDS), name: `${category.split(" > ")[1]} ${this.pick(["Classic", "Pro", "Lite", "Max", "Eco"])} ${i + 1}` };
    });
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  money(min: number, max: number): number {
    return Math.round((min + this.random() * (max - min)) * 100) / 100;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)];
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  nextId(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}-${String(n).padStart(6, "0")}-${Math.floor(this.random() * 36 ** 3).toString(36).padStart(3, "0")}`;
  }

  /** An order event: mostly new orders, else the next step of an open one (paid, shipped, delivered, sometimes cancelled). */
  orderEvent(): Order {
    if (this.open.length < 5 || this.chance(0.45)) {
      const customer = this.pick(this.customers);
      const sku = this.pick(this.skus);
      const order: Order = { order_id: this.nextId("O"), customer_id: customer.id, status: "placed", total_amount: Math.round(sku.price * this.int(1, 3) * 100) / 100, currency: CURRENCY[customer.country], placed_at: this.clock(), sku: sku.sku };
      this.open.push(order);
      if (this.open.length > 400) this.open.shift();
      return { ...order };
    }
    const order = this.pick(this.open);
    order.status = this.chance(0.04) && order.status !== "shipped" ? "cancelled" : (NEXT_STATUS[order.status] ?? "delivered");
    if (order.status === "delivered" || order.status === "cancelled") this.open.splice(this.open.indexOf(order), 1);
    return { ...order };
  }

  /** An order placed earlier (for payments, shipments, invoices, order lines), or a fresh one when none is open yet. */
  someOrder(): Order {
    return this.open.length > 0 ? this.pick(this.open) : this.orderEvent();
  }
}

/** Values that tie an event to the world, per demo product; the remaining fields are filled from their names. */
function related(product: string, world: DemoWorld): Record<string, unknown> {
  const order = () => world.someOrder();
  switch (product) {
    case "orders": {
      const o = world.orderEvent();
      return { order_id: o.order_id, customer_id: o.customer_id, status: o.status, total_amount: o.total_amount, currency: o.currency, placed_at: o.placed_at };
    }
    case "order-items": {
      const o = order();
      const sku = world.pick(world.skus);
      return { order_id: o.order_id, sku: sku.sku, quantity: world.int(1, 4), unit_price: sku.price };
    }
    case "payments": {
      const o = order();
      return { order_id: o.order_id, amount: o.total_amount, currency: o.currency, status: world.chance(0.05) ? "failed" : world.pick(["authorised", "captured"]) };
    }
    case "invoices": {
      const o = order();
      const net = Math.round((o.total_amount / 1.19) * 100) / 100;
      return { order_id: o.order_id, customer_id: o.customer_id, net_amount: net, vat_amount: Math.round((o.total_amount - net) * 100) / 100 };
    }
    case "shipments":
    case "order-fulfilment-sla":
    case "fraud-scores":
    case "returns":
    case "marketing-attribution": {
      const o = order();
      return { order_id: o.order_id, customer_id: o.customer_id };
    }
    case "stock-movements": {
      const type = world.pick(["receipt", "pick", "pick", "pick", "adjustment", "transfer"]);
      return { movement_type: type, quantity: type === "receipt" ? world.int(20, 200) : type === "pick" ? -world.int(1, 4) : world.int(-5, 5) || 1 };
    }
    case "customers":
    case "customer-360": {
      const c = world.pick(world.customers);
      return { customer_id: c.id, email: c.email, full_name: c.name, country: c.country };
    }
    case "product-catalog": {
      const s = world.pick(world.skus);
      return { sku: s.sku, product_name: s.name, category: s.category, brand: s.brand };
    }
    case "pricing": {
      const s = world.pick(world.skus);
      return { sku: s.sku, list_price: s.price, currency: "EUR" };
    }
    default:
      return {};
  }
}

/** The first word list a doc gives ("placed, paid, shipped" or "desktop, mobile or app"), if any. */
function choicesFromDoc(doc: string | undefined): string[] | undefined {
  if (!doc) return undefined;
  const words = doc.split(" — ")[0].split(/,\s*|\s+or\s+/).map((w) => w.trim()).filter((w) => w && w !== "…");
  return words.length >= 2 && words.every((w) => /^[a-z_]+$/.test(w)) ? words : undefined;
}

function stringFor(name: string, doc: string | undefined, world: DemoWorld): string {
  const choices = choicesFromDoc(doc);
  if (choices) return world.pick(choices);
  const customer = () => world.pick(world.customers);
  if (name === "customer_id") return customer().id;
  if (name === "email") return customer().email;
  if (name === "full_name") return customer().name;
  if (name === "sku" || name === "clicked_sku") return world.pick(world.skus).sku;
  if (name === "order_id") return world.someOrder().order_id;
  if (name === "warehouse_id") return world.pick(WAREHOUSES);
  if (name === "carrier") return world.pick(CARRIERS);
  if (name === "currency") return "EUR";
  if (name === "country") return world.pick(COUNTRIES);
  if (name === "page_url") return `https://shop.example.com${world.pick(PAGES)}`;
  if (name === "query_text") return world.pick(QUERIES);
  if (name === "campaign_id") return world.pick(CAMPAIGNS);
  if (name === "channel") return world.pick(CHANNELS);
  if (name === "model_version") return world.pick(MODELS);
  if (name === "model") return world.pick(["last_click", "linear", "time_decay"]);
  if (name === "category") return world.pick(CATEGORIES);
  if (name === "brand") return world.pick(BRANDS);
  if (name === "tracking_number") return `${world.pick(CARRIERS).toUpperCase()}${world.int(100000000, 999999999)}`;
  if (name === "visitor_id") return `v-${world.int(1, 5000).toString(36).padStart(4, "0")}`;
  if (name === "session_id") return `s-${world.int(1, 90000).toString(36)}`;
  if (name === "segment") return world.pick(["loyal", "at_risk", "new", "bargain_hunter"]);
  if (name === "loyalty_tier") return world.pick(["bronze", "silver", "gold"]);
  if (name === "reason_code") return world.pick(["10.4", "13.1", "4837", "4853"]);
  if (name === "scan_type") return world.pick(["PU", "AR", "OD", "DL"]);
  if (name === "coupon_code") return world.pick(["WELCOME10", "WINTER15", "FREESHIP"]);
  if (name === "preferred_language") return world.pick(["de-DE", "nl-NL", "fr-FR", "sv-SE", "en-GB"]);
  if (name === "referrer") return world.pick(["google.com", "instagram.com", "newsletter.example.com", "bing.com"]);
  if (name === "raw_payload") return JSON.stringify({ scan: world.pick(["PU", "DL"]), at: world.clock() });
  if (name === "psp_reference") return `PSP${world.int(10 ** 9, 10 ** 10 - 1)}`;
  if (name === "promotion_id") return `PROMO-${world.int(1, 40)}`;
  if (name === "reason") return world.pick(["too small", "damaged", "not as described", "changed my mind"]);
  if (name.endsWith("_id")) return world.nextId(name.slice(0, -3).split("_").map((p) => p[0]).join("").toUpperCase() || "X");
  return world.pick(["alpha", "bravo", "delta", "echo"]);
}

function numberFor(name: string, world: DemoWorld): number {
  if (/score|probability|rate|utilisation/.test(name)) return Math.round(world.random() * 1000) / 1000;
  if (/forecast_units/.test(name)) return world.money(5, 400);
  return world.money(5, 250);
}

function integerFor(name: string, world: DemoWorld): number {
  if (name === "points") return world.chance(0.7) ? world.int(10, 500) : -world.int(50, 500);
  if (name === "quantity") return world.int(1, 4);
  if (/capacity|on_hand/.test(name)) return world.int(100, 5000);
  if (name === "reserved") return world.int(0, 80);
  if (name === "result_count") return world.chance(0.1) ? 0 : world.int(1, 240);
  if (name === "page_views") return world.int(1, 30);
  return world.int(1, 100);
}

const DAY_MS = 86_400_000;

function valueFor(field: AvroField, type: AvroType, world: DemoWorld): unknown {
  if (Array.isArray(type)) {
    const inner = type.filter((t) => t !== "null");
    // An optional field: empty now and then, as real producers leave them.
    if (type.includes("null") && (inner.length === 0 || world.chance(0.2))) return null;
    return valueFor(field, inner[0], world);
  }
  if (typeof type === "object") {
    if (type.logicalType === "timestamp-millis") return world.clock() - (field.name.startsWith("started") ? world.int(60_000, 1_800_000) : 0);
    if (type.logicalType === "date") return Math.floor(world.clock() / DAY_MS) + (/promised|forecast/.test(field.name) ? world.int(1, 5) : 0);
    if (type.logicalType === "time-millis") return world.int(0, DAY_MS - 1);
    if (type.type === "record") return Object.fromEntries((type.fields ?? []).map((f) => [f.name, valueFor(f, f.type, world)]));
    if (type.type === "array") return [valueFor(field, type.items ?? "string", world)];
    return valueFor(field, type.type, world);
  }
  switch (type) {
    case "string":
      return stringFor(field.name, field.doc, world);
    case "boolean":
      return world.chance(field.name === "converted" ? 0.05 : 0.7);
    case "int":
    case "long":
      return integerFor(field.name, world);
    case "float":
    case "double":
      return numberFor(field.name, world);
    default:
      return null;
  }
}

/** Makes one field's value invalid in a way the schema accepts and a quality rule catches. */
function spoil(value: Record<string, unknown>, schema: AvroRecordSchema, world: DemoWorld): void {
  const candidates = schema.fields.filter((f) => ["amount", "total_amount", "list_price", "unit_price", "net_amount", "currency", "country", "status", "quantity"].includes(f.name));
  if (candidates.length === 0) return;
  const field = world.pick(candidates);
  if (field.name === "currency") value.currency = "EURO";
  else if (field.name === "country") value.country = "Germany";
  else if (field.name === "status") value.status = "unknown";
  else if (field.name === "quantity") value.quantity = 0;
  else if (typeof value[field.name] === "number") value[field.name] = -Math.abs(value[field.name] as number);
}

/** One event for `product`'s topic, shaped by its value schema; `invalidShare` of them carry an invalid value. */
export function demoEvent(product: string, schema: AvroRecordSchema, world: DemoWorld, invalidShare = 0.02): Record<string, unknown> {
  const fixed = related(product, world);
  const value: Record<string, unknown> = {};
  for (const field of schema.fields) {
    const optional = Array.isArray(field.type) && field.type.includes("null");
    value[field.name] = field.name in fixed && !(optional && world.chance(0.1)) ? fixed[field.name] : valueFor(field, field.type, world);
  }
  if (world.chance(invalidShare)) spoil(value, schema, world);
  return value;
}

/** The record key: the schema's first field (the demo contracts put the primary key first). */
export function demoKey(schema: AvroRecordSchema, value: Record<string, unknown>): string | null {
  const first = schema.fields[0];
  return first && value[first.name] != null ? String(value[first.name]) : null;
}
