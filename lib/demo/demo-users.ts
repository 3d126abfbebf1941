/** A seeded demo account; every one signs in with `env.MESHWORK_DEMO_PASSWORD` (default "meshwork-demo"). */
export type DemoUser = {
  email: string;
  name: string;
  role: "admin" | "steward" | "user";
  teams: { domain: string; team: string; role: "owner" | "member" }[];
  description: string;
};

export const DEMO_USERS: DemoUser[] = [
  { email: "admin@meshwork.dev", name: "Ada Park", role: "admin", teams: [], description: "Platform admin: manages domains, teams and users" },
  { email: "steward@meshwork.dev", name: "Grace Obi", role: "steward", teams: [], description: "Governance steward: sees every draft, reads the audit log" },
  {
    email: "analyst@meshwork.dev",
    name: "Noah Jensen",
    role: "user",
    teams: [{ domain: "insights", team: "business-intelligence", role: "owner" }],
    description: "Analyst, owner of the consumer team Insights / Business Intelligence: requests access to products",
  },
  {
    email: "lena@meshwork.dev",
    name: "Lena Fischer",
    role: "user",
    teams: [{ domain: "insights", team: "data-science", role: "owner" }],
    description: "Analyst, owner of the consumer team Insights / Data Science",
  },
  { email: "visitor@meshwork.dev", name: "Vera Lind", role: "user", teams: [], description: "Reader in no team: discovers products, can neither register nor request access" },
  {
    email: "olivia@meshwork.dev",
    name: "Olivia Martin",
    role: "user",
    teams: [{ domain: "orders", team: "order-platform", role: "owner" }],
    description: "Owner of Orders / Order Platform",
  },
  {
    email: "omar@meshwork.dev",
    name: "Omar Haddad",
    role: "user",
    teams: [{ domain: "orders", team: "order-platform", role: "member" }],
    description: "Member of Orders / Order Platform",
  },
  {
    email: "paul@meshwork.dev",
    name: "Paul Novak",
    role: "user",
    teams: [{ domain: "payments", team: "payment-processing", role: "owner" }],
    description: "Owner of Payments / Payment Processing",
  },
  {
    email: "fatima@meshwork.dev",
    name: "Fatima Rahman",
    role: "user",
    teams: [
      { domain: "payments", team: "fraud-prevention", role: "owner" },
      { domain: "payments", team: "payment-processing", role: "member" },
    ],
    description: "Owner of Payments / Fraud Prevention, member of Payment Processing",
  },
  {
    email: "ines@meshwork.dev",
    name: "Inès Laurent",
    role: "user",
    teams: [
      { domain: "inventory", team: "stock-control", role: "owner" },
      { domain: "inventory", team: "supply-planning", role: "owner" },
    ],
    description: "Owner of Inventory / Stock Control and Supply Planning",
  },
  {
    email: "ivan@meshwork.dev",
    name: "Ivan Petrov",
    role: "user",
    teams: [{ domain: "inventory", team: "stock-control", role: "member" }],
    description: "Member of Inventory / Stock Control",
  },
  {
    email: "sam@meshwork.dev",
    name: "Sam Carter",
    role: "user",
    teams: [{ domain: "shipping", team: "logistics", role: "owner" }],
    description: "Owner of Shipping / Logistics",
  },
  {
    email: "sofia@meshwork.dev",
    name: "Sofia Rossi",
    role: "user",
    teams: [{ domain: "shipping", team: "logistics", role: "member" }],
    description: "Member of Shipping / Logistics",
  },
  {
    email: "chloe@meshwork.dev",
    name: "Chloe Nguyen",
    role: "user",
    teams: [
      { domain: "customers", team: "customer-data", role: "owner" },
      { domain: "customers", team: "customer-intelligence", role: "member" },
    ],
    description: "Owner of Customers / Customer Data, member of Customer Intelligence",
  },
  {
    email: "diego@meshwork.dev",
    name: "Diego Alvarez",
    role: "user",
    teams: [{ domain: "customers", team: "customer-intelligence", role: "owner" }],
    description: "Owner of Customers / Customer Intelligence",
  },
  {
    email: "wei@meshwork.dev",
    name: "Wei Zhang",
    role: "user",
    teams: [{ domain: "web-analytics", team: "digital-analytics", role: "owner" }],
    description: "Owner of Web Analytics / Digital Analytics",
  },
  {
    email: "maya@meshwork.dev",
    name: "Maya Schmidt",
    role: "user",
    teams: [
      { domain: "marketing", team: "growth-marketing", role: "owner" },
      { domain: "web-analytics", team: "digital-analytics", role: "member" },
    ],
    description: "Owner of Marketing / Growth Marketing, member of Digital Analytics",
  },
  {
    email: "marco@meshwork.dev",
    name: "Marco Bianchi",
    role: "user",
    teams: [{ domain: "merchandising", team: "catalog-and-pricing", role: "owner" }],
    description: "Owner of Merchandising / Catalog & Pricing",
  },
  {
    email: "fiona@meshwork.dev",
    name: "Fiona Walsh",
    role: "user",
    teams: [{ domain: "finance", team: "finance-data", role: "owner" }],
    description: "Owner of Finance / Finance Data",
  },
  {
    email: "felix@meshwork.dev",
    name: "Felix Weber",
    role: "user",
    teams: [{ domain: "finance", team: "finance-data", role: "member" }],
    description: "Member of Finance / Finance Data",
  },
];
