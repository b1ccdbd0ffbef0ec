import { getMetadataStorage, validate, validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';
import { BadUserInputError } from '../errors.js';
import { validationFields } from './format-error.js';

// skipMissingProperties stays off so that null for a required field on update fails its rule.
const options: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: false, stopAtFirstError: true };
const hasRules = new Map<unknown, boolean>();

function needsValidation(type: unknown): boolean {
  let known = hasRules.get(type);
  if (known === undefined) {
    known = typeof type === 'function' && getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0;
    hasRules.set(type, known);
  }
  return known;
}

/**
 * type-graphql's argument validation, run only for argument classes that declare class-validator
 * rules (the mutation inputs): list/page arguments of every field resolver skip it entirely.
 */
export const validateArgs: ValidatorFn = async (value, type) => {
  if (value === null || typeof value !== 'object' || !needsValidation(type)) return;
  if (Array.isArray(value)) {
    // Only the bulk mutations' `inputs` lists carry rules: every bad item is named, `inputs.<i>.<field>`.
    const errors = await Promise.all(value.map((v) => (v !== null && typeof v === 'object' ? validate(v, options) : [])));
    const fields = errors.flatMap((e, i) => validationFields(e, `inputs.${i}`));
    if (fields.length) throw new BadUserInputError(fields);
    return;
  }
  try {
    await validateOrReject(value, options);
  } catch (err) {
    throw new ArgumentValidationError(err as ValidationError[]);
  }
};
