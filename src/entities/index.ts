import { AuditEntry } from './AuditEntry.js';
import { Author } from './Author.js';
import { Book } from './Book.js';
import { Inventory } from './Inventory.js';
import { Store } from './Store.js';
import { User } from './User.js';

export { AuditEntry, Author, Book, Inventory, Store, User };
export { Role } from './User.js';

export const entities = [Author, Book, Store, Inventory, User, AuditEntry];
