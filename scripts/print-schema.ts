// Writes schema.graphql from the resolvers: `npm run schema:print`. A test fails when it is stale.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printAppSchema } from '../src/schema.js';

writeFileSync(path.resolve(__dirname, '..', 'schema.graphql'), printAppSchema());
