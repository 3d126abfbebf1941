// The demo mesh `npm start` loads into an empty database: a retailer's domains, teams and data products.
import type { z } from "zod";
import type { DomainInput, TeamInput } from "@/lib/org/org-input";
import type { ProductDescriptor } from "@/lib/catalog/product-input";

export type DemoDomain = z.input<typeof DomainInput>;
export type DemoTeam = z.input<typeof TeamInput>;

/** Where a product ends up after registration; deprecations carry a fixed sunset date so the seed is deterministic. */
export type DemoLifecycle =
  | { status: "draft" }
  | { status: "published" }
  | { status: "deprecated"; reason: string; sunsetDate: string }
  | { status: "retired"; reason: string; sunsetDate: string };

/** A product descriptor exactly as a team would submit it, plus the lifecycle status it reaches. */
export type DemoProduct = z.input<typeof ProductDescriptor> & { slug: string; lifecycle: DemoLifecycle };

const published = { status: "published" } as const;
const draft = { status: "draft" } as const;

/** An input port reading `port` of the product `domain/product`, named after that product. */
const reads = (domain: string, product: string, port: string) => ({ name: product, from: { product: `urn:meshwork:${domain}:${product}`, port } });

export const DEMO_DOMAINS: DemoDomain[] = [
  { slug: "orders", name: "Orders", description: "Checkout, the order lifecycle and returns: everything from the moment a customer places an order until it is closed." },
  { slug: "payments", name: "Payments", description: "Authorisations, captures, refunds and chargebacks across card, wallet and pay-later providers, plus fraud screening." },
  { slug: "inventory", name: "Inventory", description: "Stock on hand in every warehouse and store, the movements that change it, and replenishment planning." },
  { slug: "shipping", name: "Shipping", description: "Parcels from pick-and-pack to the customer's door: shipments, carrier tracking and delivery promises." },
  { slug: "customers", name: "Customers", description: "Who our customers are, their consent, loyalty membership and the unified customer profile." },
  { slug: "marketing", name: "Marketing", description: "Campaigns, channels and attribution: how we find customers and what it costs to win them." },
  { slug: "web-analytics", name: "Web Analytics", description: "Behavioural data from the web shop and the mobile apps: events, sessions and on-site search." },
  { slug: "merchandising", name: "Merchandising", description: "The assortment we sell: product master data, categories, list prices and promotions." },
  { slug: "finance", name: "Finance", description: "Invoicing, revenue recognition and the financial reporting the rest of the company relies on." },
  { slug: "insights", name: "Insights", description: "Analysts and data scientists who own no data products of their own: they consume other domains' products for reporting and models." },
];

export const DEMO_TEAMS: DemoTeam[] = [
  { domain: "orders", slug: "order-platform", name: "Order Platform", description: "Runs the order service and the returns portal.", contactEmail: "order-platform@meshwork.dev" },
  { domain: "payments", slug: "payment-processing", name: "Payment Processing", description: "Integrates the payment service providers and owns the payment ledger.", contactEmail: "payments@meshwork.dev" },
  { domain: "payments", slug: "fraud-prevention", name: "Fraud Prevention", description: "Builds and runs the real-time fraud models and manages disputes.", contactEmail: "fraud@meshwork.dev" },
  { domain: "inventory", slug: "stock-control", name: "Stock Control", description: "Owns the warehouse management integration and the stock ledger.", contactEmail: "stock-control@meshwork.dev" },
  { domain: "inventory", slug: "supply-planning", name: "Supply Planning", description: "Forecasts demand and plans purchase orders with suppliers.", contactEmail: "supply-planning@meshwork.dev" },
  { domain: "shipping", slug: "logistics", name: "Logistics", description: "Integrates carriers and runs the shipment tracking service.", contactEmail: "logistics@meshwork.dev" },
  { domain: "customers", slug: "customer-data", name: "Customer Data", description: "Owns customer accounts, consent and the loyalty programme's ledger.", contactEmail: "customer-data@meshwork.dev" },
  { domain: "customers", slug: "customer-intelligence", name: "Customer Intelligence", description: "Data scientists building the customer profile, churn and segmentation models.", contactEmail: "customer-intelligence@meshwork.dev" },
  { domain: "marketing", slug: "growth-marketing", name: "Growth Marketing", description: "Performance marketing, CRM campaigns and marketing measurement.", contactEmail: "growth@meshwork.dev" },
  { domain: "web-analytics", slug: "digital-analytics", name: "Digital Analytics", description: "Owns the tracking SDKs and the behavioural data pipeline.", contactEmail: "digital-analytics@meshwork.dev" },
  { domain: "merchandising", slug: "catalog-and-pricing", name: "Catalog & Pricing", description: "Maintains the product information system and the pricing engine.", contactEmail: "catalog@meshwork.dev" },
  { domain: "finance", slug: "finance-data", name: "Finance Data", description: "Finance engineers feeding the general ledger and management reporting.", contactEmail: "finance-data@meshwork.dev" },
  // Consumer teams: they subscribe to other domains' ports (the demo analysts' teams).
  { domain: "insights", slug: "business-intelligence", name: "Business Intelligence", description: "Builds the company's dashboards and weekly reporting from other domains' tables.", contactEmail: "bi@meshwork.dev" },
  { domain: "insights", slug: "data-science", name: "Data Science", description: "Forecasting and experimentation models on top of the orders, payments and web data.", contactEmail: "data-science@meshwork.dev" },
];

/** Grouped by domain; the seed registers upstream products before the ones that read them. */
export const DEMO_PRODUCTS: DemoProduct[] = [
  // Merchandising
  {
    domain: "merchandising",
    team: "catalog-and-pricing",
    slug: "product-catalog",
    name: "Product Catalog",
    description:
      "The master record of every product and SKU we sell: title, brand, category path, attributes and lifecycle state. Changes are published within seconds of being approved in the product information system. Use the SKU as the join key for anything product-related.",
    tags: ["catalog", "products", "sku", "master-data"],
    classification: "public",
    outputPorts: [
      { name: "product-changes", type: "kafka_topic", topic: "merchandising.product-changes.v1", description: "One event per product or SKU change, keyed by SKU." },
      { name: "product-catalog-table", type: "table", table: "analytics.product_catalog", materializedFrom: "product-changes", description: "Current state of every SKU, one row per SKU." },
    ],
    lifecycle: published,
  },
  {
    domain: "merchandising",
    team: "catalog-and-pricing",
    slug: "pricing",
    name: "Pricing",
    description:
      "List prices and promotional prices per SKU, country and channel, with validity windows. Produced by the pricing engine whenever a price or promotion changes. Prices are gross and in the country's currency.",
    tags: ["pricing", "promotions", "sku", "merchandising"],
    classification: "public",
    outputPorts: [
      { name: "price-changes", type: "kafka_topic", topic: "merchandising.price-changes.v1", description: "A price or promotion that starts, changes or ends, keyed by SKU and country." },
      { name: "pricing-table", type: "table", table: "analytics.pricing", materializedFrom: "price-changes", description: "Price history per SKU, country and channel with valid_from / valid_to." },
    ],
    inputPorts: [reads("merchandising", "product-catalog", "product-changes")],
    lifecycle: published,
  },

  // Web Analytics
  {
    domain: "web-analytics",
    team: "digital-analytics",
    slug: "clickstream",
    name: "Clickstream",
    description:
      "Raw behavioural events from the web shop and the iOS and Android apps: page views, product views, add-to-cart and checkout steps. Events are validated against the tracking plan at the collector, so malformed events never reach the topic. Visitor IDs are first-party cookies; IP addresses are truncated at ingestion.",
    tags: ["clickstream", "web", "events", "tracking", "behavioural"],
    classification: "internal",
    containsPersonalData: true,
    outputPorts: [
      { name: "click-events", type: "kafka_topic", topic: "web-analytics.click-events.v1", description: "Every tracked event, keyed by visitor ID, about 2,000 events per second at peak." },
      { name: "clickstream-table", type: "table", table: "analytics.clickstream", materializedFrom: "click-events", description: "All events, partitioned by event date; kept for 13 months." },
    ],
    lifecycle: published,
  },
  {
    domain: "web-analytics",
    team: "digital-analytics",
    slug: "sessions",
    name: "Sessions",
    description:
      "Clickstream events stitched into visits: a session ends after 30 minutes of inactivity or at midnight. Each session carries its landing page, traffic source, UTM parameters, device and whether it converted. This is the basis for funnel and attribution analysis.",
    tags: ["sessions", "web", "funnel", "traffic"],
    classification: "internal",
    containsPersonalData: true,
    outputPorts: [
      { name: "session-events", type: "kafka_topic", topic: "web-analytics.session-events.v1", description: "One event per closed session, keyed by visitor ID." },
      { name: "sessions-table", type: "table", table: "analytics.sessions", materializedFrom: "session-events", description: "One row per session." },
    ],
    inputPorts: [reads("web-analytics", "clickstream", "click-events")],
    lifecycle: published,
  },
  {
    domain: "web-analytics",
    team: "digital-analytics",
    slug: "site-search-queries",
    name: "Site Search Queries",
    description:
      "What visitors type into the shop's search box, the results they were shown and what they clicked. Merchandisers use it to find zero-result queries and missing assortment. Free text is scrubbed of e-mail addresses and phone numbers before publication.",
    tags: ["search", "web", "queries", "merchandising"],
    classification: "internal",
    outputPorts: [
      { name: "search-events", type: "kafka_topic", topic: "web-analytics.search-events.v1", description: "One event per search, with result count and clicked position." },
      { name: "site-search-queries-table", type: "table", table: "analytics.site_search_queries", materializedFrom: "search-events", description: "One row per search." },
    ],
    inputPorts: [reads("web-analytics", "clickstream", "click-events")],
    lifecycle: published,
  },

  // Customers
  {
    domain: "customers",
    team: "customer-data",
    slug: "customers",
    name: "Customers",
    description:
      "Every registered customer account with contact details, addresses, marketing consent and account status. Published from the customer service on every change, including GDPR erasures, which arrive as tombstones. customer_id here is the one customer identifier used across the mesh.",
    tags: ["customers", "accounts", "consent", "master-data", "gdpr"],
    classification: "restricted",
    containsPersonalData: true,
    outputPorts: [
      { name: "customer-changes", type: "kafka_topic", topic: "customers.customer-changes.v1", description: "Compacted topic keyed by customer_id; erasures are tombstones." },
      { name: "customers-table", type: "table", table: "analytics.customers", materializedFrom: "customer-changes", description: "Current state of every customer account." },
    ],
    lifecycle: published,
  },
  {
    domain: "customers",
    team: "customer-data",
    slug: "loyalty-points",
    name: "Loyalty Points",
    description:
      "The loyalty programme's ledger: points earned on orders, points reversed on returns, and points redeemed at checkout. Balances are derived from the ledger, never stored separately. Tier changes are emitted as their own events.",
    tags: ["loyalty", "customers", "points", "rewards"],
    classification: "confidential",
    containsPersonalData: true,
    outputPorts: [
      { name: "points-transactions", type: "kafka_topic", topic: "customers.points-transactions.v1", description: "Every earn, reversal, redemption and expiry, keyed by customer_id." },
      { name: "loyalty-points-table", type: "table", table: "analytics.loyalty_points", materializedFrom: "points-transactions", description: "The points ledger, one row per transaction." },
    ],
    inputPorts: [reads("customers", "customers", "customer-changes"), reads("orders", "orders", "order-events"), reads("orders", "returns", "return-events")],
    lifecycle: published,
  },
  {
    domain: "customers",
    team: "customer-intelligence",
    slug: "customer-360",
    name: "Customer 360",
    description:
      "One profile per customer combining account data, order history, delivery experience, loyalty status and recent web behaviour. Updated within minutes of any upstream change. Service agents and CRM campaigns read it; please do not copy it into your own stores.",
    tags: ["customers", "profile", "customer-360", "crm", "golden-record"],
    classification: "restricted",
    containsPersonalData: true,
    outputPorts: [
      { name: "profile-changes", type: "kafka_topic", topic: "customers.profile-changes.v1", description: "The full profile after every change, compacted by customer_id." },
      { name: "customer-360-table", type: "table", table: "analytics.customer_360", materializedFrom: "profile-changes", description: "One row per customer with lifetime and last-90-days metrics." },
    ],
    inputPorts: [
      reads("customers", "customers", "customer-changes"),
      reads("orders", "orders", "order-events"),
      reads("shipping", "order-fulfilment-sla", "fulfilment-status"),
      reads("customers", "loyalty-points", "points-transactions"),
      reads("web-analytics", "sessions", "session-events"),
    ],
    lifecycle: published,
  },
  {
    domain: "customers",
    team: "customer-intelligence",
    slug: "churn-scores",
    name: "Churn Scores",
    description:
      "A weekly score per active customer estimating the probability of no purchase in the next 90 days, with the top three drivers. The model is retrained monthly and its version is part of every row. Use it to prioritise retention offers, not to decide on credit or pricing.",
    tags: ["churn", "machine-learning", "retention", "scores"],
    classification: "confidential",
    containsPersonalData: true,
    outputPorts: [{ name: "churn-scores-table", type: "table", table: "analytics.churn_scores", description: "One row per customer and scoring week." }],
    inputPorts: [reads("customers", "customer-360", "customer-360-table")],
    lifecycle: published,
  },
  {
    domain: "customers",
    team: "customer-intelligence",
    slug: "customer-segments",
    name: "Customer Segments",
    description:
      "Behavioural segments (for example bargain hunters, loyal regulars, lapsing high-value) assigned to every customer, refreshed nightly. Still being validated with the CRM team before it is published.",
    tags: ["segmentation", "customers", "crm", "machine-learning"],
    classification: "confidential",
    containsPersonalData: true,
    outputPorts: [{ name: "customer-segments-table", type: "table", table: "analytics.customer_segments", description: "One row per customer with segment and confidence." }],
    inputPorts: [reads("customers", "customer-360", "customer-360-table"), reads("customers", "churn-scores", "churn-scores-table")],
    lifecycle: draft,
  },

  // Orders
  {
    domain: "orders",
    team: "order-platform",
    slug: "orders",
    name: "Orders",
    description:
      "Every order placed in the web shop, the apps and the stores, from placement to completion or cancellation. Each status change is an event carrying the full order header: customer, channel, currency, totals and delivery address. This is the system of record for what was ordered.",
    tags: ["orders", "sales", "checkout", "ecommerce"],
    classification: "confidential",
    containsPersonalData: true,
    outputPorts: [
      { name: "order-events", type: "kafka_topic", topic: "orders.order-events.v1", description: "One event per order status change, keyed by order_id." },
      { name: "orders-table", type: "table", table: "analytics.orders", materializedFrom: "order-events", description: "Current state of every order, one row per order." },
    ],
    lifecycle: published,
  },
  {
    domain: "orders",
    team: "order-platform",
    slug: "order-items",
    name: "Order Items",
    description:
      "The lines of every order: SKU, quantity, unit price, discounts and tax, with their own status for partial cancellations and returns. Enriched with the catalog's category path at the time of ordering.",
    tags: ["orders", "order-lines", "sku", "sales"],
    classification: "internal",
    outputPorts: [
      { name: "order-item-events", type: "kafka_topic", topic: "orders.order-item-events.v1", description: "One event per order line change, keyed by order_id." },
      { name: "order-items-table", type: "table", table: "analytics.order_items", materializedFrom: "order-item-events", description: "One row per order line." },
    ],
    inputPorts: [reads("orders", "orders", "order-events"), reads("merchandising", "product-catalog", "product-changes")],
    lifecycle: published,
  },
  {
    domain: "orders",
    team: "order-platform",
    slug: "returns",
    name: "Returns",
    description:
      "Return requests from the returns portal and the stores, with the reason given by the customer, the items and the inspection outcome once the parcel arrives at the warehouse. A return is closed when it is refunded or rejected.",
    tags: ["returns", "orders", "after-sales", "reverse-logistics"],
    classification: "confidential",
    containsPersonalData: true,
    outputPorts: [
      { name: "return-events", type: "kafka_topic", topic: "orders.return-events.v1", description: "One event per return status change, keyed by return_id." },
      { name: "returns-table", type: "table", table: "analytics.returns", materializedFrom: "return-events", description: "Current state of every return." },
    ],
    inputPorts: [reads("orders", "orders", "order-events")],
    lifecycle: published,
  },
  {
    domain: "orders",
    team: "order-platform",
    slug: "orders-nightly-export",
    name: "Orders Nightly Export",
    description:
      "A nightly full snapshot of the orders database, from before orders were published as a stream. Retired: use the Orders product, whose table is always current.",
    tags: ["orders", "legacy", "batch", "snapshot"],
    classification: "confidential",
    containsPersonalData: true,
    outputPorts: [{ name: "orders-snapshot-table", type: "table", table: "legacy.orders_nightly", description: "Full copy of the orders database as of 02:00 UTC." }],
    lifecycle: { status: "retired", reason: "Replaced by the Orders product, whose table is updated continuously.", sunsetDate: "2027-01-31" },
  },

  // Payments
  {
    domain: "payments",
    team: "payment-processing",
    slug: "payments",
    name: "Payments",
    description:
      "Authorisations, captures and failures from all payment service providers, normalised into one model. Card data never leaves the PSPs: we only carry tokens, the card scheme and the last four digits. Amounts are in minor units with an ISO 4217 currency.",
    tags: ["payments", "psp", "transactions", "pci"],
    classification: "restricted",
    containsPersonalData: true,
    outputPorts: [
      { name: "payment-events", type: "kafka_topic", topic: "payments.payment-events.v1", description: "One event per payment state change, keyed by order_id." },
      { name: "payments-table", type: "table", table: "analytics.payments", materializedFrom: "payment-events", description: "One row per payment attempt." },
    ],
    inputPorts: [reads("orders", "orders", "order-events")],
    lifecycle: published,
  },
  {
    domain: "payments",
    team: "payment-processing",
    slug: "refunds",
    name: "Refunds",
    description:
      "Refunds issued for returns, cancellations and goodwill gestures, with their PSP reference and settlement status. A refund always points to the payment it reverses.",
    tags: ["refunds", "payments", "returns", "finance"],
    classification: "confidential",
    containsPersonalData: true,
    outputPorts: [
      { name: "refund-events", type: "kafka_topic", topic: "payments.refund-events.v1", description: "One event per refund state change, keyed by order_id." },
      { name: "refunds-table", type: "table", table: "analytics.refunds", materializedFrom: "refund-events", description: "One row per refund." },
    ],
    inputPorts: [reads("payments", "payments", "payment-events"), reads("orders", "returns", "return-events")],
    lifecycle: published,
  },
  {
    domain: "payments",
    team: "fraud-prevention",
    slug: "fraud-scores",
    name: "Fraud Scores",
    description:
      "The real-time fraud score computed for every order before payment capture, with the decision taken (accept, review, reject) and the rules that fired. Scores come from a gradient-boosted model plus hand-written rules. Access is limited to fraud, payments and audit use cases.",
    tags: ["fraud", "risk", "payments", "machine-learning", "scores"],
    classification: "restricted",
    containsPersonalData: true,
    outputPorts: [
      { name: "fraud-score-events", type: "kafka_topic", topic: "payments.fraud-score-events.v1", description: "One event per scored order, keyed by order_id." },
      { name: "fraud-scores-table", type: "table", table: "analytics.fraud_scores", materializedFrom: "fraud-score-events", description: "One row per scored order." },
    ],
    inputPorts: [reads("payments", "payments", "payment-events"), reads("customers", "customers", "customer-changes"), reads("web-analytics", "sessions", "session-events")],
    lifecycle: published,
  },
  {
    domain: "payments",
    team: "fraud-prevention",
    slug: "chargebacks",
    name: "Chargebacks",
    description:
      "Disputes raised by card holders through their bank, with reason codes, evidence deadlines and outcome. Being onboarded from the second PSP before it goes live.",
    tags: ["chargebacks", "disputes", "payments", "fraud"],
    classification: "restricted",
    containsPersonalData: true,
    outputPorts: [
      { name: "chargeback-events", type: "kafka_topic", topic: "payments.chargeback-events.v1", description: "One event per dispute state change, keyed by order_id." },
      { name: "chargebacks-table", type: "table", table: "analytics.chargebacks", materializedFrom: "chargeback-events", description: "One row per dispute." },
    ],
    inputPorts: [reads("payments", "payments", "payment-events")],
    lifecycle: draft,
  },

  // Inventory
  {
    domain: "inventory",
    team: "stock-control",
    slug: "stock-movements",
    name: "Stock Movements",
    description:
      "Every booking that changes stock: goods receipts, picks, transfers between locations, stock counts and write-offs, as booked in the warehouse management system. Each movement has a reason code and the location it affects.",
    tags: ["inventory", "stock", "warehouse", "wms"],
    classification: "internal",
    outputPorts: [
      { name: "stock-movement-events", type: "kafka_topic", topic: "inventory.stock-movement-events.v1", description: "One event per stock booking, keyed by SKU." },
      { name: "stock-movements-table", type: "table", table: "analytics.stock_movements", materializedFrom: "stock-movement-events", description: "One row per stock booking." },
    ],
    lifecycle: published,
  },
  {
    domain: "inventory",
    team: "stock-control",
    slug: "inventory-levels",
    name: "Inventory Levels",
    description:
      "Stock on hand, reserved and available to promise per SKU and location, recomputed from the movements as they happen. The web shop's availability badges read the stream; planners use the table.",
    tags: ["inventory", "stock", "availability", "atp"],
    classification: "internal",
    outputPorts: [
      { name: "inventory-level-changes", type: "kafka_topic", topic: "inventory.inventory-level-changes.v1", description: "The new level after each change, compacted by SKU and location." },
      { name: "inventory-levels-table", type: "table", table: "analytics.inventory_levels", materializedFrom: "inventory-level-changes", description: "Current level per SKU and location." },
    ],
    inputPorts: [reads("inventory", "stock-movements", "stock-movement-events"), reads("merchandising", "product-catalog", "product-changes")],
    lifecycle: published,
  },
  {
    domain: "inventory",
    team: "stock-control",
    slug: "warehouse-capacity",
    name: "Warehouse Capacity",
    description:
      "Daily utilisation of every warehouse: occupied pallet and bin locations, inbound and outbound throughput against planned capacity. Used by logistics to balance volume between sites before peak season.",
    tags: ["warehouse", "capacity", "inventory", "operations"],
    classification: "internal",
    outputPorts: [{ name: "warehouse-capacity-table", type: "table", table: "analytics.warehouse_capacity", description: "One row per warehouse and day." }],
    inputPorts: [reads("inventory", "inventory-levels", "inventory-levels-table")],
    lifecycle: published,
  },
  {
    domain: "inventory",
    team: "supply-planning",
    slug: "replenishment-forecast",
    name: "Replenishment Forecast",
    description:
      "Forecast demand per SKU and warehouse for the next twelve weeks and the suggested purchase quantities. The model is in shadow mode while planners compare it with their spreadsheets.",
    tags: ["forecast", "replenishment", "planning", "machine-learning"],
    classification: "internal",
    outputPorts: [{ name: "replenishment-forecast-table", type: "table", table: "analytics.replenishment_forecast", description: "One row per SKU, warehouse and forecast week." }],
    inputPorts: [reads("inventory", "inventory-levels", "inventory-levels-table"), reads("orders", "order-items", "order-items-table")],
    lifecycle: draft,
  },

  // Shipping
  {
    domain: "shipping",
    team: "logistics",
    slug: "shipments",
    name: "Shipments",
    description:
      "Parcels created for orders: which items, from which warehouse, with which carrier and service level, and the delivery address. An order can be split into several shipments. Carrier tracking numbers appear once the label is printed.",
    tags: ["shipping", "shipments", "parcels", "logistics"],
    classification: "confidential",
    containsPersonalData: true,
    outputPorts: [
      { name: "shipment-events", type: "kafka_topic", topic: "shipping.shipment-events.v1", description: "One event per shipment state change, keyed by order_id." },
      { name: "shipments-table", type: "table", table: "analytics.shipments", materializedFrom: "shipment-events", description: "Current state of every shipment." },
    ],
    inputPorts: [reads("orders", "orders", "order-events")],
    lifecycle: published,
  },
  {
    domain: "shipping",
    team: "logistics",
    slug: "carrier-events",
    name: "Carrier Events",
    description:
      "Tracking scans from all our carriers, normalised into one status model (picked up, in transit, out for delivery, delivered, exception). Carrier-specific codes are kept alongside for investigations. Scans can arrive late or out of order; use the scan timestamp, not the arrival time.",
    tags: ["carriers", "tracking", "shipping", "logistics"],
    classification: "internal",
    outputPorts: [
      { name: "tracking-events", type: "kafka_topic", topic: "shipping.tracking-events.v1", description: "One event per carrier scan, keyed by tracking number." },
      { name: "carrier-events-table", type: "table", table: "analytics.carrier_events", materializedFrom: "tracking-events", description: "One row per carrier scan." },
    ],
    inputPorts: [reads("shipping", "shipments", "shipment-events")],
    lifecycle: published,
  },
  {
    domain: "shipping",
    team: "logistics",
    slug: "order-fulfilment-sla",
    name: "Order Fulfilment SLA",
    description:
      "For every order, the delivery date we promised at checkout against the time it was picked, shipped and delivered, with the step that caused any delay. Drives the on-time-delivery KPI and the customer service dashboards.",
    tags: ["sla", "fulfilment", "delivery", "kpi", "logistics"],
    classification: "internal",
    outputPorts: [
      { name: "fulfilment-status", type: "kafka_topic", topic: "shipping.fulfilment-status.v1", description: "The SLA state of an order after each milestone, keyed by order_id." },
      { name: "order-fulfilment-sla-table", type: "table", table: "analytics.order_fulfilment_sla", materializedFrom: "fulfilment-status", description: "One row per order with promised and actual milestones." },
    ],
    inputPorts: [reads("orders", "orders", "order-events"), reads("shipping", "shipments", "shipment-events"), reads("shipping", "carrier-events", "tracking-events")],
    lifecycle: published,
  },
  {
    domain: "shipping",
    team: "logistics",
    slug: "parcel-tracking-feed",
    name: "Parcel Tracking Feed",
    description:
      "The original tracking feed from our first carrier, in that carrier's own status codes. Kept running for consumers that have not moved yet; it does not cover the other carriers.",
    tags: ["tracking", "shipping", "legacy"],
    classification: "internal",
    outputPorts: [{ name: "tracking-feed", type: "kafka_topic", topic: "shipping.parcel-tracking.v0", description: "Raw scans from the first carrier, keyed by tracking number." }],
    lifecycle: { status: "deprecated", reason: "Replaced by Carrier Events, which covers every carrier in one status model. Move to shipping.tracking-events.v1.", sunsetDate: "2027-03-31" },
  },

  // Marketing
  {
    domain: "marketing",
    team: "growth-marketing",
    slug: "email-engagement",
    name: "Email Engagement",
    description:
      "Sends, opens, clicks and unsubscribes from the newsletter platform we are leaving. Opens have been unreliable since mail clients started prefetching images.",
    tags: ["email", "crm", "engagement", "legacy"],
    classification: "confidential",
    containsPersonalData: true,
    outputPorts: [
      { name: "email-events", type: "kafka_topic", topic: "marketing.email-events.v1", description: "One event per send, open, click or unsubscribe, keyed by customer_id." },
      { name: "email-engagement-table", type: "table", table: "analytics.email_engagement", materializedFrom: "email-events", description: "One row per e-mail event." },
    ],
    inputPorts: [reads("customers", "customers", "customer-changes")],
    lifecycle: {
      status: "deprecated",
      reason: "The newsletter platform is being replaced; e-mail clicks now arrive as UTM-tagged sessions and are attributed in Marketing Attribution.",
      sunsetDate: "2027-06-30",
    },
  },
  {
    domain: "marketing",
    team: "growth-marketing",
    slug: "marketing-attribution",
    name: "Marketing Attribution",
    description:
      "Credits each order to the marketing touchpoints that preceded it, using a data-driven model and, for comparison, last-click and linear models. Touchpoints come from web sessions within a 30-day lookback window. The basis for every channel ROI discussion.",
    tags: ["attribution", "marketing", "channels", "conversions"],
    classification: "internal",
    containsPersonalData: true,
    outputPorts: [
      { name: "attributed-conversions", type: "kafka_topic", topic: "marketing.attributed-conversions.v1", description: "One event per attributed order, with the credit per touchpoint." },
      { name: "marketing-attribution-table", type: "table", table: "analytics.marketing_attribution", materializedFrom: "attributed-conversions", description: "One row per order and touchpoint." },
    ],
    inputPorts: [reads("web-analytics", "sessions", "session-events"), reads("orders", "orders", "order-events")],
    lifecycle: published,
  },
  {
    domain: "marketing",
    team: "growth-marketing",
    slug: "campaign-performance",
    name: "Campaign Performance",
    description:
      "Daily spend, reach, clicks, attributed orders and revenue per campaign and channel, joined with the ad platforms' cost data. Finance reconciles the spend figures monthly.",
    tags: ["campaigns", "marketing", "roi", "spend", "kpi"],
    classification: "internal",
    outputPorts: [{ name: "campaign-performance-table", type: "table", table: "analytics.campaign_performance", description: "One row per campaign, channel and day." }],
    inputPorts: [reads("marketing", "marketing-attribution", "marketing-attribution-table"), reads("marketing", "email-engagement", "email-engagement-table")],
    lifecycle: published,
  },

  // Finance
  {
    domain: "finance",
    team: "finance-data",
    slug: "invoices",
    name: "Invoices",
    description:
      "Legally binding invoices and credit notes issued to customers, with their sequential numbers, tax breakdown and billing address. Numbers are never reused or changed; corrections are credit notes.",
    tags: ["invoices", "finance", "tax", "billing"],
    classification: "confidential",
    containsPersonalData: true,
    outputPorts: [
      { name: "invoice-events", type: "kafka_topic", topic: "finance.invoice-events.v1", description: "One event per invoice or credit note issued, keyed by invoice number." },
      { name: "invoices-table", type: "table", table: "analytics.invoices", materializedFrom: "invoice-events", description: "One row per invoice or credit note." },
    ],
    inputPorts: [reads("orders", "orders", "order-events"), reads("payments", "payments", "payment-events")],
    lifecycle: published,
  },
  {
    domain: "finance",
    team: "finance-data",
    slug: "revenue-daily",
    name: "Revenue Daily",
    description:
      "Net revenue per day, country and channel: captured payments minus refunds, excluding tax and shipping fees, converted to EUR at the ECB rate of the day. The figure management reporting uses; it is final once the month is closed.",
    tags: ["revenue", "finance", "kpi", "reporting"],
    classification: "confidential",
    outputPorts: [{ name: "revenue-daily-table", type: "table", table: "analytics.revenue_daily", description: "One row per day, country and channel." }],
    inputPorts: [reads("payments", "payments", "payments-table"), reads("orders", "orders", "orders-table"), reads("payments", "refunds", "refunds-table")],
    lifecycle: published,
  },
  {
    domain: "finance",
    team: "finance-data",
    slug: "gross-margin",
    name: "Gross Margin",
    description:
      "Gross margin per SKU and day: net revenue minus cost of goods sold at the moving average purchase price. Waiting for the purchase price feed from supply planning.",
    tags: ["margin", "finance", "profitability", "sku"],
    classification: "confidential",
    outputPorts: [{ name: "gross-margin-table", type: "table", table: "analytics.gross_margin", description: "One row per SKU and day." }],
    inputPorts: [reads("finance", "revenue-daily", "revenue-daily-table"), reads("merchandising", "pricing", "pricing-table"), reads("orders", "order-items", "order-items-table")],
    lifecycle: draft,
  },
];
