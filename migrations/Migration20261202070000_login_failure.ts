import { Migration } from '@mikro-orm/migrations';

// Failed-login counters shared by every API instance (src/auth/pg-lockout-store.ts): one row per
// hashed (subject, client address) key, swept when idle, so the table stays small.
export class Migration20261202070000_login_failure extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "login_failure" (
  "key" varchar(64) not null primary key,
  "failures" int not null,
  "last_failure_ms" bigint not null,
  "locked_until_ms" bigint not null default 0
);`);
    this.addSql(`create index "login_failure_last_failure_ms_index" on "login_failure" ("last_failure_ms");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "login_failure";`);
  }
}
