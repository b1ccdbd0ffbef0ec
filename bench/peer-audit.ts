// A fair peer for the write shapes: our API and the floor write an audit entry per row in the same
// statement (and so fire audit_entry's NOTIFY trigger); PostGraphile has no audit log. `peerAudit`
// is the same PostGraphile on connections named PEER_AUDIT_APP, whose every row written to an
// entity table inserts an audit entry from a row trigger, in the same transaction (equal work).
// The triggers' WHEN tests the connection's application_name, so the other servers skip them.
import { withClient } from './db.js';

export const PEER_AUDIT_APP = 'bench-peer-audit';

const FUNCTION = `CREATE OR REPLACE FUNCTION "bench_peer_audit"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  o jsonb := CASE WHEN TG_OP = 'INSERT' THEN '{}'::jsonb ELSE to_jsonb(OLD) END;
  n jsonb := CASE WHEN TG_OP = 'DELETE' THEN '{}'::jsonb ELSE to_jsonb(NEW) END;
  r jsonb := CASE WHEN TG_OP = 'DELETE' THEN o ELSE n END;
BEGIN
  INSERT INTO "audit_entry" ("actor_id", "action", "entity", "entity_id", "changes")
  SELECT NULL, TG_ARGV[0] || ':' || lower(TG_OP), TG_ARGV[0],
    CASE WHEN r ? 'id' THEN r->>'id' ELSE (r->>'book_id') || ':' || (r->>'store_id') END,
    (SELECT coalesce(jsonb_object_agg(k, jsonb_build_object('from', o->k, 'to', n->k)), '{}'::jsonb)
       FROM jsonb_object_keys(o || n) k WHERE o->k IS DISTINCT FROM n->k);
  RETURN NULL;
END $$`;

const TABLES: [table: string, entity: string][] = [
  ['author', 'Author'],
  ['book', 'Book'],
  ['store', 'Store'],
  ['inventory', 'Inventory'],
];

/** Installs (again, harmlessly) the audit triggers that only `peerAudit`'s connections fire. */
export async function installPeerAudit(url: string): Promise<void> {
  await withClient(url, async (c) => {
    await c.query(FUNCTION);
    for (const [table, entity] of TABLES)
      await c.query(`CREATE OR REPLACE TRIGGER "bench_peer_audit" AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW
        WHEN (current_setting('application_name') = '${PEER_AUDIT_APP}') EXECUTE FUNCTION "bench_peer_audit"('${entity}')`);
  });
}

/** The database URL of `peerAudit`'s connections. */
export const peerAuditUrl = (url: string): string => `${url}${url.includes('?') ? '&' : '?'}application_name=${PEER_AUDIT_APP}`;
