import type { Tx } from "@/lib/db";

/**
 * Rebuilds a product's search row in data_product_search (its facet columns and weighted search document, A: name,
 * B: tags/domain/team, C: ports, D: description), its output port types for the facet, and adds its words to the
 * typo-correction vocabulary. Call it in the transaction that changed the product.
 */
export async function refreshSearchDocument(tx: Tx, productId: string): Promise<void> {
  await tx.$executeRaw`
    WITH ports AS (
      SELECT coalesce(string_agg(name || ' ' || coalesce(regexp_replace(location, '[._-]', ' ', 'g'), ''), ' '), '') AS text,
             coalesce(array_agg(DISTINCT type) FILTER (WHERE direction = 'output'), '{}') AS output_types
      FROM port WHERE data_product_id = ${productId}::uuid
    ),
    product AS (
      UPDATE data_product p SET
        port_types = ports.output_types,
        search_text = concat_ws(' ', p.name, array_to_string(p.tags, ' '), d.name, t.name, ports.text, p.description)
      FROM domain d, team t, ports
      WHERE p.id = ${productId}::uuid AND d.id = p.domain_id AND t.id = p.team_id
      RETURNING p.id, p.domain_id, p.team_id, p.status, p.classification, p.updated_at, p.name, p.slug, p.tags, p.description, p.port_types,
                d.name AS domain_name, d.slug AS domain_slug, t.name AS team_name, ports.text AS ports_text
    )
    INSERT INTO data_product_search (product_id, domain_id, team_id, status, classification, updated_at, name, tags, port_types, search_vector)
    SELECT id, domain_id, team_id, status, classification, updated_at, name, coalesce(tags, '{}'), port_types,
           setweight(to_tsvector('english', name || ' ' || replace(slug, '-', ' ')), 'A') ||
           setweight(to_tsvector('english', array_to_string(tags, ' ') || ' ' || domain_name || ' ' || domain_slug || ' ' || team_name), 'B') ||
           setweight(to_tsvector('english', ports_text), 'C') ||
           setweight(to_tsvector('english', description), 'D')
    FROM product
    ON CONFLICT (product_id) DO UPDATE SET
      domain_id = excluded.domain_id, team_id = excluded.team_id, status = excluded.status, classification = excluded.classification,
      updated_at = excluded.updated_at, name = excluded.name, tags = excluded.tags, port_types = excluded.port_types, search_vector = excluded.search_vector`;
  await tx.$executeRaw`
    INSERT INTO search_term (term)
    SELECT DISTINCT lexeme FROM data_product, unnest(to_tsvector('simple', search_text))
    WHERE id = ${productId}::uuid AND length(lexeme) BETWEEN 3 AND 40
    ON CONFLICT DO NOTHING`;
}
