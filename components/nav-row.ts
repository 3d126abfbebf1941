export type NavLink = { href: string; label: string };

// Where the links fit in a row beside the account menu: up to seven links (everyone but stewards and admins) from
// 64rem, an admin's eleven from 88rem. Whole class names, so Tailwind finds them.
const ROW = {
  few: { show: "lg:flex", hide: "lg:hidden", block: "lg:block", push: "lg:ml-auto" },
  many: { show: "min-[88rem]:flex", hide: "min-[88rem]:hidden", block: "min-[88rem]:block", push: "min-[88rem]:ml-auto" },
};
/** The breakpoint classes for a header with these links. */
export const navRow = (links: NavLink[]) => (links.length <= 7 ? ROW.few : ROW.many);
