import type { GraphProduct } from "./lineage-types";

// The size of each kind of node in the lineage graph: the nodes draw at these sizes and the layout places them by them.

export const PRODUCT_WIDTH = 248;
const PRODUCT_HEIGHT = 96;
const PORT_ROW = 24;
export const TEAM_SIZE = { width: 208, height: 56 };
export const HIDDEN_SIZE = { width: 184, height: 44 };

export const productHeight = (product: GraphProduct, expanded: boolean) => PRODUCT_HEIGHT + (expanded ? product.ports.length * PORT_ROW + 8 : 0);
