import { Arg, Authorized, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../context.js';
import { AuditEntry } from '../entities/AuditEntry.js';
import { Book } from '../entities/Book.js';
import { Inventory } from '../entities/Inventory.js';
import { Role } from '../entities/User.js';
import { BookModel } from '../query/model.js';
import type { ChangeEvent } from '../subscriptions/change-event.js';
import { ANY } from '../subscriptions/feed.js';
import { feedOf } from '../subscriptions/subscription-context.js';
import { BookChange } from '../types/book-change.js';
import { parseId } from '../validation/ids.js';
import type { InventoryRoot } from './roots.js';

type Filter = Record<string, string | null | undefined>;

/** Inventory entity ids are `bookId:storeId` (src/services/inventory.ts). */
function inventoryKey(event: ChangeEvent): { bookId: number; storeId: number } {
  const [bookId, storeId] = String(event.entityId).split(':').map(Number);
  return { bookId, storeId };
}

function stockFilter(args: Filter): (event: ChangeEvent) => boolean {
  const storeId = args.storeId == null ? undefined : parseId(args.storeId, 'storeId');
  const bookId = args.bookId == null ? undefined : parseId(args.bookId, 'bookId');
  return (event) => {
    const key = inventoryKey(event);
    // A removal of a link that did not exist records no quantity change: nothing to send.
    return event.changes?.quantity !== undefined && (storeId === undefined || key.storeId === storeId) && (bookId === undefined || key.bookId === bookId);
  };
}

function bookFilter(args: Filter): (event: ChangeEvent) => boolean {
  const id = args.id == null ? undefined : String(parseId(args.id));
  return (event) => id === undefined || event.entityId === id;
}

/** Live updates: each event is a committed mutation's audit entry, re-read; see src/subscriptions/. */
@Resolver(() => BookChange)
export class SubscriptionResolver {
  @Subscription(() => Inventory, {
    description: 'Stock after each committed setStock, adjustStock or removeBookFromStore (a removed link reads 0). Both filters are optional.',
    subscribe: ({ args, context }) => feedOf(context).subscribe('Inventory', stockFilter(args as Filter)),
  })
  stockChanged(
    @Root() event: ChangeEvent,
    @Arg('bookId', () => ID, { nullable: true }) _bookId?: string,
    @Arg('storeId', () => ID, { nullable: true }) _storeId?: string,
  ): InventoryRoot & { quantity: number } {
    // The quantity this commit left, from its audit entry: a re-read of the row could show a later commit's.
    return { ...inventoryKey(event), quantity: Number(event.changes?.quantity?.to ?? 0) };
  }

  @Subscription(() => BookChange, {
    description: 'A book created, updated or deleted; all books without `id`.',
    subscribe: ({ args, context }) => feedOf(context).subscribe('Book', bookFilter(args as Filter)),
  })
  bookChanged(@Root() event: ChangeEvent, @Arg('id', () => ID, { nullable: true }) _id?: string): BookChange {
    return { id: String(event.entityId), action: event.action, deleted: event.action === 'deleteBook' };
  }

  @Authorized(Role.ADMIN)
  @Subscription(() => AuditEntry, {
    description: 'ADMIN only. Every audit entry as its mutation commits.',
    subscribe: ({ context }) => feedOf(context).subscribe(ANY),
  })
  auditAppended(@Root() event: ChangeEvent): ChangeEvent {
    return event;
  }

  @FieldResolver(() => Book, { nullable: true })
  async book(@Root() change: BookChange, @Ctx() ctx: Context): Promise<Book | null> {
    return change.deleted ? null : ctx.loaders.byId<Book>(BookModel).load(Number(change.id));
  }
}
