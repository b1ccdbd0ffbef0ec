import { Migration } from '@mikro-orm/migrations';

// (sort key, id) for the usual sort columns: a keyset seek (connections, src/query/cursor.ts) starts
// on the index at the cursor and reads only the page, where an OFFSET reads every row it skips.
export class Migration20261202070000_seek_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "book_title_id_index" on "book" ("title", "id");`);
    this.addSql(`create index "book_published_year_id_index" on "book" ("published_year", "id");`);
    this.addSql(`create index "book_price_id_index" on "book" ("price", "id");`);
    this.addSql(`create index "book_created_at_id_index" on "book" ("created_at", "id");`);
    this.addSql(`create index "author_name_id_index" on "author" ("name", "id");`);
    this.addSql(`create index "author_created_at_id_index" on "author" ("created_at", "id");`);
    this.addSql(`create index "store_name_id_index" on "store" ("name", "id");`);
    this.addSql(`create index "store_city_id_index" on "store" ("city", "id");`);
    this.addSql(`create index "store_created_at_id_index" on "store" ("created_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "book_title_id_index";`);
    this.addSql(`drop index "book_published_year_id_index";`);
    this.addSql(`drop index "book_price_id_index";`);
    this.addSql(`drop index "book_created_at_id_index";`);
    this.addSql(`drop index "author_name_id_index";`);
    this.addSql(`drop index "author_created_at_id_index";`);
    this.addSql(`drop index "store_name_id_index";`);
    this.addSql(`drop index "store_city_id_index";`);
    this.addSql(`drop index "store_created_at_id_index";`);
  }
}
