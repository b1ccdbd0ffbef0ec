import { Migration } from '@mikro-orm/migrations';

export class Migration20261122000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);

    this.addSql(
      `create table "author" ("id" serial primary key, "name" varchar(200) not null, "email" varchar(254) not null, "bio" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`,
    );
    this.addSql(`create index "author_name_index" on "author" ("name");`);
    this.addSql(`create index "author_email_index" on "author" ("email");`);
    this.addSql(`create index "author_created_at_index" on "author" ("created_at");`);
    this.addSql(`create index "author_email_trgm" on "author" using gin ("email" gin_trgm_ops);`);
    this.addSql(`create index "author_name_trgm" on "author" using gin ("name" gin_trgm_ops);`);
    this.addSql(`create unique index "author_email_lower_unique" on "author" (lower("email"));`);

    this.addSql(
      `create table "book" ("id" serial primary key, "title" varchar(500) not null, "isbn" varchar(13) null, "published_year" int null, "price" numeric(10,2) null, "author_id" int not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, constraint book_price_check check (price >= 0));`,
    );
    this.addSql(`create index "book_title_index" on "book" ("title");`);
    this.addSql(`alter table "book" add constraint "book_isbn_unique" unique ("isbn");`);
    this.addSql(`create index "book_published_year_index" on "book" ("published_year");`);
    this.addSql(`create index "book_price_index" on "book" ("price");`);
    this.addSql(`create index "book_author_id_index" on "book" ("author_id");`);
    this.addSql(`create index "book_created_at_index" on "book" ("created_at");`);
    this.addSql(`create index "book_isbn_trgm" on "book" using gin ("isbn" gin_trgm_ops);`);
    this.addSql(`create index "book_title_trgm" on "book" using gin ("title" gin_trgm_ops);`);

    this.addSql(
      `create table "store" ("id" serial primary key, "name" varchar(200) not null, "city" varchar(200) null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`,
    );
    this.addSql(`create index "store_name_index" on "store" ("name");`);
    this.addSql(`create index "store_city_index" on "store" ("city");`);
    this.addSql(`create index "store_created_at_index" on "store" ("created_at");`);
    this.addSql(`create index "store_city_trgm" on "store" using gin ("city" gin_trgm_ops);`);
    this.addSql(`create index "store_name_trgm" on "store" using gin ("name" gin_trgm_ops);`);
    this.addSql(`create unique index "store_name_lower_unique" on "store" (lower("name"));`);

    this.addSql(
      `create table "inventory" ("book_id" int not null, "store_id" int not null, "quantity" int not null, constraint "inventory_pkey" primary key ("book_id", "store_id"), constraint inventory_quantity_check check (quantity >= 0));`,
    );
    this.addSql(`create index "inventory_store_id_index" on "inventory" ("store_id");`);

    this.addSql(
      `create table "app_user" ("id" serial primary key, "email" varchar(254) not null, "password_hash" varchar(255) not null, "role" text check ("role" in ('ADMIN', 'EDITOR')) not null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(`create unique index "app_user_email_lower_unique" on "app_user" (lower("email"));`);

    this.addSql(
      `create table "audit_entry" ("id" serial primary key, "at" timestamptz not null default now(), "actor_id" int null, "action" varchar(64) not null, "entity" varchar(64) not null, "entity_id" varchar(64) null, "changes" jsonb null);`,
    );
    this.addSql(`create index "audit_entry_at_index" on "audit_entry" ("at");`);
    this.addSql(`create index "audit_entry_actor_id_index" on "audit_entry" ("actor_id");`);
    this.addSql(`create index "audit_entry_action_index" on "audit_entry" ("action");`);
    this.addSql(`create index "audit_entry_entity_index" on "audit_entry" ("entity");`);
    this.addSql(`create index "audit_entry_entity_id_index" on "audit_entry" ("entity_id");`);

    this.addSql(
      `alter table "book" add constraint "book_author_id_foreign" foreign key ("author_id") references "author" ("id") on update cascade on delete no action;`,
    );

    this.addSql(
      `alter table "inventory" add constraint "inventory_book_id_foreign" foreign key ("book_id") references "book" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "inventory" add constraint "inventory_store_id_foreign" foreign key ("store_id") references "store" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "audit_entry" add constraint "audit_entry_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_entry" cascade;`);
    this.addSql(`drop table if exists "app_user" cascade;`);
    this.addSql(`drop table if exists "inventory" cascade;`);
    this.addSql(`drop table if exists "store" cascade;`);
    this.addSql(`drop table if exists "book" cascade;`);
    this.addSql(`drop table if exists "author" cascade;`);
  }
}
