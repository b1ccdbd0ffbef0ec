import { Migration } from '@mikro-orm/migrations';

/**
 * The actor's email is written by the audit insert itself (src/services/write-sql.ts auditActor); the
 * trigger stays as the safety net for a writer that leaves it out, and fires only then. A PL/pgSQL
 * call per audit row cost about 30-40 µs of a setStock's ~120 µs in PostgreSQL; the WHEN clause costs
 * nothing of the kind.
 */
export class Migration20261202131500_audit_email_when extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop trigger "audit_entry_actor_email" on "audit_entry";`);
    this.addSql(
      `create trigger "audit_entry_actor_email" before insert on "audit_entry" for each row when (new."actor_id" is not null and new."actor_email" is null) execute function "audit_entry_actor_email"();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger "audit_entry_actor_email" on "audit_entry";`);
    this.addSql(`create trigger "audit_entry_actor_email" before insert on "audit_entry" for each row execute function "audit_entry_actor_email"();`);
  }
}
