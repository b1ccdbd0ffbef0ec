import { MetadataStorage, ReferenceKind } from '@mikro-orm/core';
import { getMetadataStorage } from 'type-graphql';
import { entities } from '../../src/entities/index.js';
import { AuditEntryModel, AuthorModel, BookModel, InventoryModel, lists, StoreModel, UserModel, type Model } from '../../src/query/model.js';
import { AuthorFilter } from '../../src/types/entity-filters.js';
import { AuthorOrderBy, BookOrderBy } from '../../src/types/order-by.js';
import { handTable, type HandName } from '../helpers/hand-model.js';

const MODELS: Model[] = [AuthorModel, BookModel, StoreModel, InventoryModel, AuditEntryModel, UserModel];
const text = (s: { compile(): { text: string } }) => s.compile().text;

describe('the derived query model', () => {
  it.each(MODELS.map((m) => [m.name, m] as const))('%s has the tables, keys and columns model.ts listed by hand', (name, model) => {
    const expected = handTable(name as HandName);
    expect(model.table).toBe(expected.table);
    expect([...model.keys].sort()).toEqual([...expected.keys].sort());
    const columns = Object.fromEntries(Object.entries(model.columns).map(([field, c]) => [field, [c.column, c.kind]]));
    expect(columns).toEqual(expected.columns);
  });

  it('has a column for every entity property GraphQL shows, and never the password hash', () => {
    const missing: string[] = [];
    const shown = getMetadataStorage().fields;
    for (const meta of Object.values(MetadataStorage.getMetadata())) {
      const model = MODELS.find((m) => m.name === meta.className)!;
      for (const prop of Object.values(meta.properties)) {
        const graphql = shown.some((f) => f.target === meta.class && f.name === prop.name);
        if (prop.kind === ReferenceKind.SCALAR && graphql && !model.columns[prop.name]) missing.push(`${meta.className}.${prop.name}`);
      }
    }
    expect(missing).toEqual([]);
    expect(entities).toHaveLength(MODELS.length);
    expect(UserModel.columns.passwordHash).toBeUndefined();
  });

  it('derives the relations, many-to-many through inventory', () => {
    expect(Object.keys(lists).sort()).toEqual(['Author.books', 'Book.inventory', 'Book.stores', 'Store.books', 'Store.inventory']);
    const stores = lists['Book.stores'];
    expect(text(stores.from('s'))).toBe('"inventory" "s_i" JOIN "store" "s" ON "s"."id" = "s_i"."store_id"');
    expect(text(stores.parentKey('s'))).toBe('"s_i"."book_id"');
    expect(text(lists['Store.books'].from('b'))).toBe('"inventory" "b_i" JOIN "book" "b" ON "b"."id" = "b_i"."book_id"');
    expect(text(lists['Author.books'].parentKey('b'))).toBe('"b"."author_id"');
    expect([lists['Book.inventory'].tiebreak, lists['Store.inventory'].tiebreak, lists['Author.books'].tiebreak]).toEqual(['storeId', 'bookId', undefined]);
    const author = BookModel.relations.author;
    expect(author.kind === 'one' && text(author.link('b', 'a'))).toBe('"a"."id" = "b"."author_id"');
    expect(Object.fromEntries(MODELS.map((m) => [m.name, Object.keys(m.relations)]))).toEqual({
      Author: ['books'],
      Book: ['author', 'stores', 'inventory'],
      Store: ['books', 'inventory'],
      Inventory: ['book', 'store'],
      AuditEntry: ['actor'],
      User: [],
    });
  });

  it('writes each aggregate once: the batched statement evaluates the correlated expression per parent id', () => {
    const correlated = text(BookModel.aggregates.totalStock('b'));
    expect(correlated).toBe(
      '(SELECT coalesce(sum("ag_totalStock"."quantity"), 0)::int FROM "inventory" "ag_totalStock" WHERE "ag_totalStock"."book_id" = "b"."id")',
    );
    expect(text(BookModel.aggregateStatements.totalStock([1]))).toBe(
      `SELECT "p"."parent" AS "parent", ${correlated.replace('"b"."id"', '"p"."parent"')} AS "value" FROM unnest($1::int[]) AS "p"("parent")`,
    );
    expect(text(AuthorModel.aggregates.bookCount('a'))).toContain('count(*)');
    expect([AuthorModel.sortableAggregates, StoreModel.sortableAggregates, BookModel.sortableAggregates]).toEqual([['bookCount'], ['bookCount'], []]);
  });

  it('audits the columns a client sets, with foreign keys, never the server-set ones', () => {
    const audited = (model: Model) => Object.keys(model.columns).filter((f) => model.columns[f].audited);
    expect(audited(BookModel)).toEqual(['title', 'isbn', 'publishedYear', 'price', 'authorId']);
    expect(audited(AuthorModel)).toEqual(['name', 'email', 'bio']);
    expect(audited(StoreModel)).toEqual(['name', 'city']);
    expect(audited(InventoryModel)).toEqual(['quantity']);
  });

  it('identifies a link row by its key fields in primary-key order, and nothing else by a composite id', () => {
    expect(MODELS.filter((m) => m.compositeId).map((m) => [m.name, m.compositeId])).toEqual([['Inventory', ['bookId', 'storeId']]]);
  });

  it('generates the inputs with their opt-outs', () => {
    const fieldsOf = (cls: object) =>
      getMetadataStorage()
        .fields.filter((f) => f.target === cls)
        .map((f) => f.name);
    expect(fieldsOf(AuthorFilter)).toEqual(['id', 'name', 'email', 'bio', 'createdAt', 'books', 'and', 'or', 'not']);
    expect(fieldsOf(AuthorOrderBy)).toEqual(['id', 'name', 'email', 'createdAt', 'bookCount']);
    expect(fieldsOf(BookOrderBy)).toEqual(['id', 'title', 'isbn', 'publishedYear', 'price', 'createdAt', 'author']);
  });
});
