import { Migration } from '@mikro-orm/migrations';

/**
 * Every successful mutation writes its audit entry in its own transaction, so a NOTIFY from an
 * AFTER INSERT trigger on audit_entry reaches listeners only at COMMIT, in commit order, and
 * never for a rolled-back transaction. The payload holds ids only: subscribers re-read.
 * The channel name is CHANGE_CHANNEL in src/subscriptions/change-event.ts.
 */
export class Migration20261202040000_change_notify extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function "audit_entry_notify"() returns trigger language plpgsql as $$
begin
  perform pg_notify('bookstore_change', json_build_object('id', new."id", 'entity', new."entity", 'entityId', new."entity_id")::text);
  return null;
end $$;`);
    this.addSql(`create trigger "audit_entry_notify" after insert on "audit_entry" for each row execute function "audit_entry_notify"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "audit_entry_notify" on "audit_entry";`);
    this.addSql(`drop function if exists "audit_entry_notify"();`);
  }
}
