import type { Tx } from "@/lib/db";

/**
 * Rebuilds a product's weighted search document (A: name, B: tags/domain/team, C: ports, D: description),
 * its output port types for the facet, and adds its words to the typo-correction vocabulary.
 */
export async function refreshSearchDocument(tx: Tx, productId: string): Promise<void> {
  await tx.$executeRaw`
    WITH ports AS (
      SELECT coalesce(string_agg(name || ' ' || coalesce(regexp_replace(location, '[._-]', ' ', 'g'), ''), ' '), '') AS text,
             coalesce(array_agg(DISTINCT type) FILTER (WHERE direction = 'output'), '{}') AS output_types
      FROM port WHERE data_product_id = ${productId}::uuid
    )
    UPDATE data_product p SET
      port_types = ports.output_types,
      search_text = concat_ws(' ', p.name, array_to_string(p.tags, ' '), d.name, t.name, ports.text, p.description),
      search_vector =
        setweight(to_tsvector('english', p.name || ' ' || replace(p.slug, '-', ' ')), 'A') ||
        setweight(to_tsvector('english', array_to_string(p.tags, ' ') || ' ' || d.name || ' ' || d.slug || ' ' || t.name), 'B') ||
        setweight(to_tsvector('english', ports.text), 'C') ||
        setweight(to_tsvector('english', p.description), 'D')
    FROM domain d, team t, ports
    WHERE p.id = ${productId}::uuid AND d.id = p.domain_id AND t.id = p.team_id`;
  await tx.$executeRaw`
    INSERT INTO search_term (term)
    SELECT DISTINCT lexeme FROM data_product, unnest(to_tsvector('simple', search_text))
    WHERE id = ${productId}::uuid AND length(lexeme) BETWEEN 3 AND 40
    ON CONFLICT DO NOTHING`;
}
