import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import { BadUserInputError, mapDatabaseError, QueryTooComplexError, type FieldProblem } from '../errors.js';
import type { Logger } from '../logger.js';
import { currentRequestScope } from '../request-scope.js';
import { tokenLimitError } from './limits.js';

// Codes whose message is safe to show as is: our own and Apollo's request-level ones.
const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

export function validationFields(errors: ValidationErrorLike[], prefix: string): FieldProblem[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...validationFields(e.children ?? [], path)];
  });
}

/** Variable coercion errors from graphql-js become BAD_USER_INPUT with the variable as the path. */
function variableFields(message: string): FieldProblem[] {
  const match = /^Variable "\$([^"]+)"/.exec(message);
  return [{ path: match ? `variables.${match[1]}` : 'variables', message }];
}

/** A refused query, whether Apollo wrapped it as a validation error or a parse error. */
function tooComplex(error: unknown): QueryTooComplexError | undefined {
  if (error instanceof QueryTooComplexError) return error;
  const cause = (error as GraphQLError | undefined)?.originalError;
  if (cause instanceof QueryTooComplexError) return cause;
  return tokenLimitError(error);
}

/** Extensions as clients see them: `http` only sets the response status. */
function publicExtensions(extensions: Record<string, unknown>): Record<string, unknown> {
  const { http: _http, ...rest } = extensions;
  return rest;
}

/** Apollo's own request errors that set a 4xx status but no code, e.g. a persisted-query hash mismatch. */
function isCodelessClientError(error: unknown): boolean {
  const extensions = (error as { extensions?: { code?: unknown; http?: { status?: unknown } } } | undefined)?.extensions;
  const status = extensions?.http?.status;
  return extensions?.code === undefined && typeof status === 'number' && status >= 400 && status < 500;
}

/** Apollo's formatError: every error leaves with a stable code and nothing internal in it. */
export function createFormatError(logger: Logger, production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const scope = currentRequestScope();
    const original = unwrapResolverError(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    let result: GraphQLFormattedError;
    const refused = tooComplex(original);
    if (refused) {
      result = { message: refused.message, extensions: publicExtensions(refused.extensions) };
    } else if (original instanceof ArgumentValidationError) {
      // Only `input` arguments carry validation rules.
      const bad = new BadUserInputError(validationFields(original.extensions.validationErrors as ValidationErrorLike[], 'input'));
      result = { ...base, message: bad.message, extensions: bad.extensions };
    } else if (formatted.extensions?.code === 'BAD_USER_INPUT' && !(original as { extensions?: { fields?: unknown } })?.extensions?.fields) {
      result = { ...base, extensions: { code: 'BAD_USER_INPUT', fields: variableFields(formatted.message) } };
    } else if (PASS_THROUGH.has(String(formatted.extensions?.code))) {
      result = { ...base, extensions: { code: formatted.extensions?.code } };
    } else if (isCodelessClientError(original)) {
      result = { ...base, extensions: { code: 'BAD_REQUEST' } };
    } else {
      const mapped = mapDatabaseError(original);
      if (mapped) {
        result = { ...base, message: mapped.message, extensions: publicExtensions(mapped.extensions) };
      } else {
        const requestId = scope?.requestId;
        logger.error({ err: original, requestId, path: formatted.path }, 'unexpected error');
        result = {
          ...base,
          message: production ? 'Internal server error' : formatted.message,
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
        };
      }
    }
    if (result.extensions?.code === 'SERVICE_UNAVAILABLE') logger.warn({ err: original, requestId: scope?.requestId }, 'database unavailable');
    scope?.errorCodes.push(String(result.extensions?.code));
    return result;
  };
}
