import { startTestApp, type TestApp } from './helpers/app.js';
import { errorOf, failsWithoutWriting } from './helpers/expect.js';

let app: TestApp;
beforeAll(async () => (app = await startTestApp()));
afterAll(() => app.close());

const CREATE = 'mutation($input: CreateAuthorInput!) { createAuthor(input: $input) { id name email bio } }';
const UPDATE = 'mutation($id: ID!, $input: UpdateAuthorInput!) { updateAuthor(id: $id, input: $input) { id name email bio } }';
const DELETE = 'mutation($id: ID!) { deleteAuthor(id: $id) }';

async function create(input: Record<string, unknown>): Promise<{ id: string; name: string; email: string; bio: string | null }> {
  const res = await app.gql<{ createAuthor: { id: string; name: string; email: string; bio: string | null } }>(CREATE, { input });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.createAuthor;
}

describe('authors: create, read, update, delete', () => {
  it('creates an author and reads it back', async () => {
    const a = await create({ name: 'Ursula K. Le Guin', email: 'ursula@example.com', bio: 'Earthsea' });
    expect(a).toEqual({ id: expect.stringMatching(/^\d+$/), name: 'Ursula K. Le Guin', email: 'ursula@example.com', bio: 'Earthsea' });
    const res = await app.gql(`query($id: ID!) { author(id: $id) { id name email bio bookCount books { totalCount items { id } } createdAt updatedAt } }`, {
      id: a.id,
    });
    expect(res.body.data).toEqual({
      author: { ...a, bookCount: 0, books: { totalCount: 0, items: [] }, createdAt: expect.any(String), updatedAt: expect.any(String) },
    });
  });

  it('returns null for an author that does not exist', async () => {
    expect((await app.gql('{ author(id: 999999) { id } }')).body).toEqual({ data: { author: null } });
  });

  it('updates only the given fields; null clears an optional one', async () => {
    const a = await create({ name: 'Old Name', email: 'old@example.com', bio: 'keep me' });
    const renamed = await app.gql(UPDATE, { id: a.id, input: { name: 'New Name' } });
    expect(renamed.body.data).toEqual({ updateAuthor: { id: a.id, name: 'New Name', email: 'old@example.com', bio: 'keep me' } });
    const cleared = await app.gql(UPDATE, { id: a.id, input: { bio: null } });
    expect(cleared.body.data).toEqual({ updateAuthor: { id: a.id, name: 'New Name', email: 'old@example.com', bio: null } });
  });

  it('deletes an author without books and returns its id', async () => {
    const a = await create({ name: 'Gone Soon', email: 'gone@example.com' });
    expect((await app.gql(DELETE, { id: a.id })).body).toEqual({ data: { deleteAuthor: a.id } });
    expect((await app.gql('query($id: ID!) { author(id: $id) { id } }', { id: a.id })).body.data).toEqual({ author: null });
  });
});

describe('authors: validation and errors', () => {
  it.each([
    ['an empty name', { name: '', email: 'x1@example.com' }, [{ path: 'input.name', message: 'must be 1 to 200 characters' }]],
    ['a blank name', { name: '   ', email: 'x2@example.com' }, [{ path: 'input.name', message: 'must be 1 to 200 characters' }]],
    ['a 201-character name', { name: 'n'.repeat(201), email: 'x3@example.com' }, [{ path: 'input.name', message: 'must be 1 to 200 characters' }]],
    ['an invalid email', { name: 'X', email: 'not-an-email' }, [{ path: 'input.email', message: 'must be a valid email address of at most 254 characters' }]],
    [
      'a 255-character email',
      { name: 'X', email: `${'e'.repeat(243)}@example.com` },
      [{ path: 'input.email', message: 'must be a valid email address of at most 254 characters' }],
    ],
    [
      'two bad fields',
      { name: '', email: 'nope' },
      [
        { path: 'input.name', message: 'must be 1 to 200 characters' },
        { path: 'input.email', message: 'must be a valid email address of at most 254 characters' },
      ],
    ],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_case, input, fields) => {
    const error = await failsWithoutWriting(app, 'BAD_USER_INPUT', CREATE, { input });
    expect(error.extensions.fields).toEqual(fields);
  });

  it('accepts a 200-character name and a 254-character email (the limits)', async () => {
    const a = await create({ name: 'n'.repeat(200), email: `${'e'.repeat(242)}@example.com` });
    expect([a.name.length, a.email.length]).toEqual([200, 254]);
  });

  it('refuses a taken email, whatever its case, with CONFLICT on the email field', async () => {
    await create({ name: 'First', email: 'taken@example.com' });
    const error = await failsWithoutWriting(app, 'CONFLICT', CREATE, { input: { name: 'Second', email: 'TAKEN@Example.com' } });
    expect(error).toEqual(
      expect.objectContaining({
        message: 'email is already taken',
        extensions: { code: 'CONFLICT', fields: [{ path: 'input.email', message: 'is already taken' }] },
      }),
    );
  });

  it('refuses null for a required field on update', async () => {
    const a = await create({ name: 'Nully', email: 'nully@example.com' });
    const error = await failsWithoutWriting(app, 'BAD_USER_INPUT', UPDATE, { id: a.id, input: { name: null } });
    expect(error.extensions.fields).toEqual([{ path: 'input.name', message: 'must be 1 to 200 characters' }]);
  });

  it('answers NOT_FOUND with the entity and id for update and delete of a missing author', async () => {
    const upd = await failsWithoutWriting(app, 'NOT_FOUND', UPDATE, { id: '999999', input: { name: 'X' } });
    expect(upd.extensions).toEqual({ code: 'NOT_FOUND', entity: 'Author', id: '999999' });
    const del = await failsWithoutWriting(app, 'NOT_FOUND', DELETE, { id: '999999' });
    expect(del.extensions).toEqual({ code: 'NOT_FOUND', entity: 'Author', id: '999999' });
  });

  it('refuses to delete an author who still has books (CONFLICT) and deletes nothing', async () => {
    const a = await create({ name: 'Prolific', email: 'prolific@example.com' });
    await app.gql('mutation($a: ID!) { createBook(input: { title: "Kept", authorId: $a }) { id } }', { a: a.id });
    const error = await failsWithoutWriting(app, 'CONFLICT', DELETE, { id: a.id });
    expect(error.message).toBe(`Author ${a.id} still has books; delete or reassign them first`);
  });

  it('refuses a malformed id with BAD_USER_INPUT', async () => {
    const res = await app.gql('{ author(id: "abc") { id } }');
    expect(errorOf(res, 'BAD_USER_INPUT').extensions.fields).toEqual([{ path: 'id', message: 'is not a valid id' }]);
  });

  it('refuses a variable of the wrong type with BAD_USER_INPUT naming the variable', async () => {
    const res = await app.gql(CREATE, { input: { name: 5, email: 'x@example.com' } });
    expect(res.status).toBe(400);
    expect(errorOf(res, 'BAD_USER_INPUT').extensions.fields).toEqual([
      { path: 'variables.input', message: expect.stringContaining('String cannot represent a non string value') },
    ]);
  });
});
