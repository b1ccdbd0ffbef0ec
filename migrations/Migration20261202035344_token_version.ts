import { Migration } from '@mikro-orm/migrations';

// Tokens that follow their user (app_user.token_version), and audit entries that keep who acted
// after that user is deleted: no foreign key on actor_id, and the actor's email copied in by the
// database itself at insert, so no writer can leave it out.
export class Migration20261202035344_token_version extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit_entry" drop constraint "audit_entry_actor_id_foreign";`);

    this.addSql(`alter table "app_user" add column "token_version" int not null default 1;`);

    this.addSql(`alter table "audit_entry" add column "actor_email" varchar(254) null;`);
    this.addSql(`update "audit_entry" e set "actor_email" = u."email" from "app_user" u where u."id" = e."actor_id";`);
    this.addSql(`create function "audit_entry_actor_email"() returns trigger language plpgsql as $$
begin
  new."actor_email" := (select "email" from "app_user" where "id" = new."actor_id");
  return new;
end $$;`);
    this.addSql(`create trigger "audit_entry_actor_email" before insert on "audit_entry" for each row execute function "audit_entry_actor_email"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger "audit_entry_actor_email" on "audit_entry";`);
    this.addSql(`drop function "audit_entry_actor_email"();`);

    this.addSql(`alter table "app_user" drop column "token_version";`);

    this.addSql(`alter table "audit_entry" drop column "actor_email";`);

    this.addSql(`update "audit_entry" set "actor_id" = null where "actor_id" not in (select "id" from "app_user");`);
    this.addSql(
      `alter table "audit_entry" add constraint "audit_entry_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
  }
}
