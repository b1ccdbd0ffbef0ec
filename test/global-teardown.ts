export default async function globalTeardown(): Promise<void> {
  const db = (globalThis as { __BOOKSTORE_DB__?: { stop: () => Promise<void> } }).__BOOKSTORE_DB__;
  await db?.stop();
}
