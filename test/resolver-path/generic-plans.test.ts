// ../generic-plans.test.ts again, with every read answered by Apollo, the resolvers and the DataLoaders.
import { useResolverPath } from '../helpers/read-path.js';
import '../generic-plans.test.js';

useResolverPath(); // before any beforeAll runs, so startTestApp starts a resolver-only server
