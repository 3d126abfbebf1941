import type { Db, Tx } from "@/lib/db";

/**
 * Rebuilds products' search rows in data_product_search (facet columns and the weighted search document,
 * A: name, B: tags/domain/team, C: ports, D: description), their output port types, and adds their words to
 * the typo-correction vocabulary. `productIds: null` rebuilds every product (bulk loads, the search bench).
 */
export async function refreshSearchDocuments(client: Tx | Db, productIds: string[] | null): Promise<void> {
  await client.$executeRaw`
    WITH ports AS (
      SELECT p.id AS data_product_id,
             coalesce(string_agg(port.name || ' ' || coalesce(regexp_replace(port.location, '[._-]', ' ', 'g'), ''), ' '), '') AS text,
             coalesce(array_agg(DISTINCT port.type) FILTER (WHERE port.direction = 'output'), '{}') AS output_types
      FROM data_product p LEFT JOIN port ON port.data_product_id = p.id
      WHERE ${productIds}::uuid[] IS NULL OR p.id = ANY(${productIds}::uuid[])
      GROUP BY p.id
    ),
    product AS (
      UPDATE data_product p SET port_types = ports.output_types
      FROM domain d, team t, ports
      WHERE ports.data_product_id = p.id AND d.id = p.domain_id AND t.id = p.team_id
      RETURNING p.id, p.domain_id, p.team_id, p.status, p.classification, p.updated_at, p.name, p.slug, p.tags, p.description, p.port_types,
                d.name AS domain_name, d.slug AS domain_slug, t.name AS team_name, ports.text AS ports_text,
                concat_ws(' ', p.name, array_to_string(p.tags, ' '), d.name, t.name, ports.text, p.description) AS words
    ),
    search_row AS (
      INSERT INTO data_product_search (product_id, domain_id, team_id, status, classification, updated_at, name, tags, port_types, search_vector)
      SELECT id, domain_id, team_id, status, classification, updated_at, name, coalesce(tags, '{}'), port_types,
             setweight(to_tsvector('english', name || ' ' || replace(slug, '-', ' ')), 'A') ||
             setweight(to_tsvector('english', array_to_string(tags, ' ') || ' ' || domain_name || ' ' || domain_slug || ' ' || team_name), 'B') ||
             setweight(to_tsvector('english', ports_text), 'C') ||
             setweight(to_tsvector('english', description), 'D')
      FROM product
      ON CONFLICT (product_id) DO UPDATE SET
        domain_id = excluded.domain_id, team_id = excluded.team_id, status = excluded.status, classification = excluded.classification,
        updated_at = excluded.updated_at, name = excluded.name, tags = excluded.tags, port_types = excluded.port_types, search_vector = excluded.search_vector
    )
    INSERT INTO search_term (term)
    SELECT DISTINCT lexeme FROM product, unnest(to_tsvector('simple', words))
    WHERE length(lexeme) BETWEEN 3 AND 40
    ON CONFLICT DO NOTHING`;
}

/** Call in the transaction that changed the product, so its search row never disagrees with it. */
export const refreshSearchDocument = (tx: Tx, productId: string) => refreshSearchDocuments(tx, [productId]);
