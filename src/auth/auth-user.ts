import type { Role } from '../entities/User.js';

/** The signed-in user as a request knows it: what the token says, checked on every request. */
export interface AuthUser {
  id: number;
  email: string;
  role: Role;
}
